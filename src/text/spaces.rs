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
