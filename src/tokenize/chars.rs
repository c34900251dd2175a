//! Character classes shared by the sentence segmenter and the article parser.
//!
//! One definition of "space", "Arabic letter" and "short vowel" for the whole crate, so that
//! the segmenter and the parser never disagree about where a word or a block ends.
//!
//! - Spaces are the ASCII ones plus NBSP, the Unicode spaces U+2000-U+200A, the zero-width and
//!   direction marks U+200B-U+200F, the line and paragraph separators, U+202F, U+205F, U+2060,
//!   U+3000 and the BOM: news text copied from web pages carries all of them between words.
//! - Arabic letters are U+0621-U+063A, U+0641-U+064A (the basic block without tatweel) and the
//!   extended letters U+0671-U+06D3, U+06FA-U+06FF.
//! - Diacritics are the Quranic annotation signs U+0610-U+061A, the harakat U+064B-U+065F, the
//!   superscript alef U+0670 and the Quranic marks U+06D6-U+06ED.

/// Tatweel (kashida), U+0640: elongation inside words, or a dash between words.
pub const TATWEEL: char = '\u{0640}';

/// Whether `c` separates words (see the module docs for the set).
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{2060}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Whether `c` ends a line: LF, CR (alone or before LF), and the Unicode line and paragraph
/// separators.
#[inline]
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` is an Arabic letter (not a digit, mark or tatweel).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063a}' | '\u{0641}'..='\u{064a}' | '\u{0671}'..='\u{06d3}' | '\u{06fa}'..='\u{06ff}')
}

/// Whether `c` is a short vowel or another Arabic mark that matching ignores.
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}')
}

/// The ASCII digit for a Western, Arabic-Indic (٠-٩) or Eastern Arabic-Indic (۰-۹) digit.
#[inline]
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
        '\u{06f0}'..='\u{06f9}' => char::from_u32(c as u32 - 0x06f0 + '0' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let table: &[(char, bool, bool, bool)] = &[
            // (char, space, arabic letter, diacritic)
            (' ', true, false, false),
            ('\u{a0}', true, false, false),
            ('\u{200b}', true, false, false),
            ('\u{200f}', true, false, false),
            ('\u{feff}', true, false, false),
            ('ا', false, true, false),
            ('ي', false, true, false),
            ('ی', false, true, false),
            ('ـ', false, false, false),
            ('\u{064e}', false, false, true),
            ('\u{0670}', false, false, true),
            ('a', false, false, false),
            ('٣', false, false, false),
        ];
        for &(c, space, letter, mark) in table {
            assert_eq!(is_space(c), space, "space {c:?}");
            assert_eq!(is_arabic_letter(c), letter, "letter {c:?}");
            assert_eq!(is_diacritic(c), mark, "mark {c:?}");
        }
    }

    #[test]
    fn digits() {
        for (c, d) in [
            ('7', Some('7')),
            ('٣', Some('3')),
            ('۹', Some('9')),
            ('٫', None),
            ('x', None),
        ] {
            assert_eq!(ascii_digit(c), d);
        }
    }
}
