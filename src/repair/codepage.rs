//! The single-byte code pages of the damage chains, as tables: byte -> character to read text
//! the wrong way (and to build test damage), character -> byte to undo it.
//!
//! The tables come from `encoding_rs` (the WHATWG definitions), with two additions that real
//! damage needs: "Latin" reads 0x80–0x9F both as windows-1252's letters and as the C1 controls
//! ISO-8859-1 gives them, since software that mislabels text uses either; and ISO-8859-6 keeps
//! its unassigned bytes unassigned, so text that is not ISO-8859-6 cannot pass for it.

use encoding_rs::{Encoding, ISO_8859_6, WINDOWS_1251, WINDOWS_1252, WINDOWS_1256};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// A single-byte code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePage {
    /// windows-1252, with ISO-8859-1's C1 controls also accepted for 0x80–0x9F.
    Latin,
    /// windows-1251 (Cyrillic).
    Cyrillic,
    /// windows-1256 (Arabic).
    Windows1256,
    /// ISO-8859-6 (Arabic).
    Iso8859_6,
}

/// Byte <-> character tables of one code page.
pub struct Table {
    /// The character each byte 0x80–0xFF stands for (`None`: unassigned).
    pub upper: [Option<char>; 128],
    /// The byte of each character below [`DENSE`] (0: not in the page; ASCII is itself).
    dense: Box<[u8; DENSE]>,
    /// The byte of each character of General Punctuation and Letterlike Symbols
    /// (U+2000–212F: quotes, dashes, `…`, `€`, `™`; 0: not in the page).
    punct: Box<[u8; PUNCT_LEN]>,
    /// The bytes of the page's other characters.
    encode: HashMap<char, u8>,
    /// Whether U+0000–00FF are all in the page as their own bytes (Latin).
    latin1: bool,
}

/// Characters below this code point (ASCII, Latin, Cyrillic, Arabic) are looked up by index.
const DENSE: usize = 0x700;
/// And so are U+2000 to U+2000 + `PUNCT_LEN`.
const PUNCT: usize = 0x2000;
const PUNCT_LEN: usize = 0x130;

impl Table {
    fn build(encoding: &'static Encoding, c1_too: bool) -> Self {
        let mut upper = [None; 128];
        let mut encode = HashMap::default();
        for b in 0x80u8..=0xFF {
            let byte = [b];
            let (text, had_errors) = encoding.decode_without_bom_handling(&byte);
            let c = text
                .chars()
                .next()
                .filter(|&c| !had_errors && c != '\u{FFFD}');
            // WHATWG's ISO-8859-6 decodes unassigned bytes to C1 controls; they are not
            // letters of the page.
            let c = c.filter(|&c| {
                c1_too || encoding != ISO_8859_6 || !('\u{80}'..='\u{9F}').contains(&c)
            });
            upper[(b - 0x80) as usize] = c;
            if let Some(c) = c {
                encode.insert(c, b);
            }
            if c1_too && b <= 0x9F {
                encode.insert(char::from(b), b);
            }
        }
        let mut dense = Box::new([0u8; DENSE]);
        let mut punct = Box::new([0u8; PUNCT_LEN]);
        encode.retain(|&c, &mut b| {
            let i = c as usize;
            if i < DENSE {
                dense[i] = b;
            } else if (PUNCT..PUNCT + PUNCT_LEN).contains(&i) {
                punct[i - PUNCT] = b;
            }
            i >= DENSE && !(PUNCT..PUNCT + PUNCT_LEN).contains(&i)
        });
        let latin1 = (0x80..0x100).all(|u| usize::from(dense[u]) == u);
        Table {
            upper,
            dense,
            punct,
            encode,
            latin1,
        }
    }

    /// The byte for `c`, if the page has it.
    #[inline]
    pub fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            Some(c as u8)
        } else if let Some(&b) = self.dense.get(c as usize) {
            (b != 0).then_some(b)
        } else if let Some(&b) = (c as usize)
            .checked_sub(PUNCT)
            .and_then(|i| self.punct.get(i))
        {
            (b != 0).then_some(b)
        } else {
            self.encode.get(&c).copied()
        }
    }

    /// The character for byte `b`.
    #[inline]
    pub fn char(&self, b: u8) -> Option<char> {
        if b < 0x80 {
            Some(char::from(b))
        } else {
            self.upper[(b - 0x80) as usize]
        }
    }

    /// `bytes` read in this page (`None` when one is unassigned).
    pub fn decode(&self, bytes: &[u8]) -> Option<String> {
        bytes.iter().map(|&b| self.char(b)).collect()
    }

    /// `text` written in this page (`None` when a character is not in it).
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        if !self.latin1 {
            return text.chars().map(|c| self.byte(c)).collect();
        }
        // U+0000–00FF are their own bytes here: ASCII is copied and the two-byte UTF-8 of
        // U+0080–00FF (lead 0xC2 or 0xC3) gives its byte without decoding a character.
        let b = text.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                x if x < 0x80 => {
                    out.push(x);
                    i += 1;
                }
                0xC2 => {
                    out.push(b[i + 1]);
                    i += 2;
                }
                0xC3 => {
                    out.push(b[i + 1] + 0x40);
                    i += 2;
                }
                _ => {
                    let c = crate::text::utf8::char_at(text, i)?;
                    out.push(self.byte(c)?);
                    i += c.len_utf8();
                }
            }
        }
        Some(out)
    }
}

impl CodePage {
    /// The page's tables, built once.
    pub fn table(self) -> &'static Table {
        static TABLES: OnceLock<[Table; 4]> = OnceLock::new();
        let tables = TABLES.get_or_init(|| {
            [
                Table::build(WINDOWS_1252, true),
                Table::build(WINDOWS_1251, false),
                Table::build(WINDOWS_1256, false),
                Table::build(ISO_8859_6, false),
            ]
        });
        &tables[self as usize]
    }

    /// The WHATWG name of the page.
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Latin => "windows-1252",
            CodePage::Cyrillic => "windows-1251",
            CodePage::Windows1256 => "windows-1256",
            CodePage::Iso8859_6 => "iso-8859-6",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_reads_both_ways() {
        let t = CodePage::Latin.table();
        assert_eq!(t.char(0x80), Some('€'));
        assert_eq!(t.byte('€'), Some(0x80));
        assert_eq!(t.byte('\u{80}'), Some(0x80));
        assert_eq!(t.byte('\u{81}'), Some(0x81));
        assert_eq!(t.byte('Ø'), Some(0xD8));
        assert_eq!(t.byte('ا'), None);
        assert_eq!(t.byte('™'), Some(0x99));
        assert_eq!(t.byte('\u{6FF}'), None);
        assert_eq!(t.byte('😀'), None);
    }

    #[test]
    fn latin_writes_latin1_as_its_bytes() {
        let t = CodePage::Latin.table();
        assert!(t.latin1 && !CodePage::Windows1256.table().latin1);
        let text: String = (1u32..0x100)
            .filter_map(char::from_u32)
            .chain("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".chars())
            .collect();
        let slow: Option<Vec<u8>> = text.chars().map(|c| t.byte(c)).collect();
        assert_eq!(t.encode(&text), slow);
        assert_eq!(t.encode("Ø§Ù\u{84}ا"), None);
    }

    #[test]
    fn every_byte_reads_back() {
        for page in [
            CodePage::Latin,
            CodePage::Cyrillic,
            CodePage::Windows1256,
            CodePage::Iso8859_6,
        ] {
            let t = page.table();
            for b in 0u8..=0xFF {
                if let Some(c) = t.char(b) {
                    assert_eq!(t.byte(c), Some(b), "{page:?} {b:02X}");
                }
            }
        }
    }

    #[test]
    fn arabic_pages() {
        let w = CodePage::Windows1256.table();
        assert_eq!(w.char(0xC7), Some('ا'));
        assert_eq!(w.encode("سلام"), Some(vec![0xD3, 0xE1, 0xC7, 0xE3]));
        let iso = CodePage::Iso8859_6.table();
        assert_eq!(iso.char(0xC7), Some('ا'));
        assert_eq!(iso.char(0xA1), None);
        assert_eq!(iso.decode(&[0xC7, 0xE4]).as_deref(), Some("ال"));
        assert_eq!(CodePage::Cyrillic.table().char(0xC0), Some('А'));
    }
}
