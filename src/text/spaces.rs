//! White space, word gaps and line breaks.
//!
//! - [`is_whitespace`] is Unicode's White_Space property: the ASCII spaces and controls
//!   U+0009–000D, U+0020, NEL U+0085, NBSP, the ogham space mark, U+2000–200A, the line and
//!   paragraph separators, U+202F, U+205F and U+3000. The normalizer's whitespace rules work on
//!   exactly this set.
//! - [`is_space`] adds the zero-width characters scraped pages put between words (ZWSP, ZWNJ,
//!   ZWJ, LRM, RLM, the word joiner, the BOM): what separates words and what is trimmed around
//!   sentences and blocks.
//! - [`is_line_break`] is where a line ends: LF, CR (alone or before LF), U+2028 and U+2029.
//!   NEL ([`NEXT_LINE`]) is a line break to Unicode and to the normalizer's whitespace rule; the
//!   segmenter and the parser, which find line breaks byte by byte, read it as a space.

use super::invisible::BOM;

/// NEL, U+0085.
pub const NEXT_LINE: char = '\u{85}';
/// No-break space, U+00A0: white space that holds two words together.
pub const NBSP: char = '\u{a0}';

/// Whether `c` is white space (Unicode White_Space).
#[inline]
pub const fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | NEXT_LINE
            | NBSP
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whether `c` separates words: white space, or a zero-width character standing between words
/// (U+200B–200F, the word joiner U+2060, the BOM).
#[inline]
pub const fn is_space(c: char) -> bool {
    is_whitespace(c) || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | BOM)
}

/// Whether `c` ends a line: LF, CR, U+2028 or U+2029.
#[inline]
pub const fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The words of `text` between white space ([`is_whitespace`]): the same pieces as
/// [`str::split_whitespace`], found byte by byte. Only the lead bytes of white space outside
/// ASCII (`C2`, `E1`, `E2`, `E3`) decode a character; Arabic and other two-byte letters are
/// stepped over by their lead byte.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// [`STEP`]: a white-space byte (ASCII).
const WHITE: u8 = 0;
/// [`STEP`]: the lead byte of white space outside ASCII, or of a character beside it (`C2`,
/// `E1`–`E3`): decode and look.
const LOOK: u8 = 5;

/// For each byte at a character boundary: [`WHITE`], [`LOOK`], or the length of a character
/// that is not white space.
static STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = match x as u8 {
            b'\t'..=b'\r' | b' ' => WHITE,
            0x00..=0xBF => 1,
            0xC2 | 0xE1..=0xE3 => LOOK,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        x += 1;
    }
    t
};

/// For the character at `b[i]` (`b` valid UTF-8, `i` a boundary): whether it is white space,
/// and its length.
#[inline(always)]
fn white_at(b: &[u8], i: usize) -> (bool, usize) {
    match STEP[usize::from(b[i])] {
        WHITE => (true, 1),
        LOOK => {
            let (cp, len) = super::utf8::decode(b, i);
            (char::from_u32(cp).is_some_and(is_whitespace), len)
        }
        len => (false, usize::from(len)),
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let mut i = self.at;
        // White space before the word.
        loop {
            if i >= b.len() {
                self.at = i;
                return None;
            }
            match white_at(b, i) {
                (true, len) => i += len,
                (false, _) => break,
            }
        }
        let start = i;
        // The word: characters stepped over by their lead byte until white space.
        while i < b.len() {
            match STEP[usize::from(b[i])] {
                WHITE => break,
                LOOK => match white_at(b, i) {
                    (true, _) => break,
                    (false, len) => i += len,
                },
                len => i += usize::from(len),
            }
        }
        self.at = i;
        // Both ends are character boundaries: the walk steps whole characters.
        Some(&self.text[start..i])
    }
}

/// Every code point of a class up to U+3000 (the last white-space code point), in order: the
/// lists rule tables are written from.
pub fn every(class: fn(char) -> bool) -> impl Iterator<Item = char> {
    ('\0'..='\u{3000}').filter(move |&c| class(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_unicode_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn words_are_split_whitespace() {
        let whites: Vec<char> = every(is_whitespace).collect();
        let mut texts = vec![
            String::new(),
            " ".into(),
            "في  القدس،\tأمس\u{a0}قال\u{3000}x\u{2028}y\u{85}z ".into(),
            "\u{200b}كلمة\u{200b} é😀ü\u{1680}\u{205f}\u{202f}end".into(),
        ];
        // Every white-space character between, before and after words of every UTF-8 length.
        for (k, &w) in whites.iter().enumerate() {
            let word = ["a", "é", "ب", "€", "😀", "\u{2027}", "\u{c2a0}"][k % 7];
            texts.push(format!("{w}{word}{w}{w}{word}{word}{w}"));
        }
        for t in &texts {
            assert!(words(t).eq(t.split_whitespace()), "{t:?}");
        }
    }

    #[test]
    fn classes() {
        // (char, white space, word gap, line break)
        let table: &[(char, bool, bool, bool)] = &[
            (' ', true, true, false),
            ('\t', true, true, false),
            ('\n', true, true, true),
            ('\r', true, true, true),
            ('\u{85}', true, true, false),
            ('\u{a0}', true, true, false),
            ('\u{2003}', true, true, false),
            ('\u{2028}', true, true, true),
            ('\u{200b}', false, true, false),
            ('\u{200c}', false, true, false),
            ('\u{200f}', false, true, false),
            ('\u{2060}', false, true, false),
            ('\u{feff}', false, true, false),
            ('\u{202b}', false, false, false),
            ('\u{00ad}', false, false, false),
            ('ا', false, false, false),
            ('ـ', false, false, false),
            ('a', false, false, false),
        ];
        for &(c, ws, space, brk) in table {
            assert_eq!(is_whitespace(c), ws, "white space {c:?}");
            assert_eq!(is_space(c), space, "word gap {c:?}");
            assert_eq!(is_line_break(c), brk, "line break {c:?}");
        }
        assert!(every(is_line_break).eq(['\n', '\r', '\u{2028}', '\u{2029}']));
        assert_eq!(every(is_whitespace).count(), 25);
    }
}
