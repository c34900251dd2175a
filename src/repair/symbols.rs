//! The alphabet of the repair model: every character maps to one of [`COUNT`] symbols.
//!
//! The Arabic block (U+0600–06FF) and the upper half of Latin-1 (U+00A0–00FF) keep one symbol
//! per character, because mojibake is made of exactly those characters and the model must tell
//! `ا` from `§` one by one. Everything else folds into a few classes (ASCII letters, digits,
//! punctuation, C1 controls, the letters windows-1252 adds, Cyrillic, general punctuation, the
//! replacement character ...): clean text in other scripts needs no finer view to be told
//! apart from damage.

use crate::text::{is_line_break, is_whitespace};
use std::sync::OnceLock;

/// First symbol of the Arabic block: U+0600 + i is symbol `ARABIC + i`.
pub const ARABIC: u16 = 0;
/// First symbol of U+00A0–00FF.
pub const LATIN1: u16 = 256;
/// A space (any white space other than a line break).
pub const SPACE: u16 = 352;
/// A line break, and the start of a line.
pub const BREAK: u16 = 353;
/// ASCII letters.
pub const ASCII_LETTER: u16 = 354;
/// ASCII digits.
pub const ASCII_DIGIT: u16 = 355;
/// ASCII punctuation and symbols.
pub const ASCII_PUNCT: u16 = 356;
/// C0 and C1 control characters.
pub const CONTROL: u16 = 357;
/// The letters and signs windows-1252 puts in 0x80–0x9F (Œ œ Š š Ž ž Ÿ ƒ ˆ ˜ € ™).
pub const CP1252_EXTRA: u16 = 358;
/// Cyrillic.
pub const CYRILLIC: u16 = 359;
/// General punctuation (U+2000–206F): dashes, quotes, ellipsis, bidi and zero-width marks.
pub const GENERAL_PUNCT: u16 = 360;
/// Arabic presentation forms.
pub const PRESENTATION: u16 = 361;
/// U+FFFD, the replacement character.
pub const REPLACEMENT: u16 = 362;
/// Other Latin letters (Latin Extended: Turkish, Polish ...).
pub const LATIN_EXTENDED: u16 = 363;
/// Anything else.
pub const OTHER: u16 = 364;
/// Number of symbols.
pub const COUNT: usize = 365;

/// The symbol of `c`.
#[inline]
pub fn symbol(c: char) -> u16 {
    let u = c as u32;
    match u {
        0x0600..=0x06FF => ARABIC + (u - 0x0600) as u16,
        0x00A0..=0x00FF => LATIN1 + (u - 0x00A0) as u16,
        0x30..=0x39 => ASCII_DIGIT,
        0x41..=0x5A | 0x61..=0x7A => ASCII_LETTER,
        _ if is_line_break(c) => BREAK,
        _ if is_whitespace(c) => SPACE,
        0x21..=0x7E => ASCII_PUNCT,
        0x00..=0x1F | 0x7F..=0x9F => CONTROL,
        0x0152 | 0x0153 | 0x0160 | 0x0161 | 0x0178 | 0x017D | 0x017E | 0x0192 | 0x02C6 | 0x02DC
        | 0x20AC | 0x2122 => CP1252_EXTRA,
        0x0100..=0x024F => LATIN_EXTENDED,
        0x0400..=0x04FF => CYRILLIC,
        0x2000..=0x206F => GENERAL_PUNCT,
        0xFB50..=0xFDFF | 0xFE70..=0xFEFF => PRESENTATION,
        0xFFFD => REPLACEMENT,
        _ => OTHER,
    }
}

/// The symbols of `text`'s characters, in order, read from its UTF-8 bytes: the Arabic block
/// and U+0080–00FF (most of what the scorer reads, clean or damaged) without decoding a
/// character, the rest through [`symbol`].
#[inline]
pub fn each_symbol(text: &str, mut f: impl FnMut(u16)) {
    static ASCII: OnceLock<[u16; 128]> = OnceLock::new();
    let ascii = ASCII.get_or_init(|| std::array::from_fn(|b| symbol(char::from(b as u8))));
    // U+2000–207F (`E2 80 xx`, `E2 81 xx`): the quotes, dashes and `…` of damaged text.
    static PUNCT: OnceLock<[u16; 128]> = OnceLock::new();
    let punct = PUNCT.get_or_init(|| {
        std::array::from_fn(|k| symbol(char::from_u32(0x2000 + k as u32).expect("a character")))
    });
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            f(ascii[usize::from(x)]);
            i += 1;
        } else if (0xD8..=0xDB).contains(&x) {
            f(ARABIC + ((u16::from(x & 0x03) << 6) | u16::from(b[i + 1] & 0x3F)));
            i += 2;
        } else if x == 0xC3 || (x == 0xC2 && b[i + 1] >= 0xA0) {
            f(LATIN1 + ((u16::from(x & 0x01) << 6) | u16::from(b[i + 1] & 0x3F)) - 0x20);
            i += 2;
        } else if x == 0xE2 && (b[i + 1] & 0xFE) == 0x80 {
            f(punct[usize::from(((b[i + 1] & 0x01) << 6) | (b[i + 2] & 0x3F))]);
            i += 3;
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            f(symbol(c));
            i += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_symbol_is_symbol() {
        let text: String = (0u32..0x3000)
            .step_by(3)
            .chain(0x600..0x700)
            .chain([0x1F600, 0xFFFD, 0xFEFB])
            .filter_map(char::from_u32)
            .collect();
        let mut got = Vec::new();
        each_symbol(&text, |s| got.push(s));
        assert_eq!(got, text.chars().map(symbol).collect::<Vec<_>>());
    }

    #[test]
    fn classes() {
        assert_eq!(symbol('ا'), 0x27);
        assert_eq!(symbol('§'), LATIN1 + 7);
        assert_eq!(symbol('\n'), BREAK);
        assert_eq!(symbol('\u{A0}'), LATIN1);
        assert_eq!(symbol(' '), SPACE);
        assert_eq!(symbol('€'), CP1252_EXTRA);
        assert_eq!(symbol('\u{81}'), CONTROL);
        assert_eq!(symbol('ж'), CYRILLIC);
        assert_eq!(symbol('\u{FFFD}'), REPLACEMENT);
        assert_eq!(symbol('ş'), LATIN_EXTENDED);
        assert_eq!(symbol('😀'), OTHER);
        assert!((OTHER as usize) < COUNT);
    }
}
