//! Arabic letters, marks, tatweel and digits.
//!
//! - Letters ([`LETTERS`]) are the letters of the Arabic block U+0600–06FF (general category
//!   Lo): the basic letters U+0621–063A and U+0641–064A, the extended letters for Persian,
//!   Urdu and other languages (U+0620, U+063B–063F, U+066E–066F, U+0671–06D3, U+06D5,
//!   U+06EE–06EF, U+06FA–06FC, U+06FF). Tatweel is not a letter, nor are the small waw and yeh
//!   U+06E5–06E6 (annotation marks in practice) or the signs U+06FD–06FE.
//! - Marks come in groups, because rules treat them differently: the harakat (tanween, short
//!   vowels, shadda, sukun), the combining madda and hamzas that compose with a letter, the
//!   dagger alef, the Quranic annotation marks and the extended marks. [`is_diacritic`] is any
//!   of them.
//! - Digits: ASCII, Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹, Persian and Urdu).
//!
//! Membership is one load from a table of U+0600–08FF built at compile time from the ranges
//! below, so the ranges are the only definition.

use std::ops::RangeInclusive;

/// Tatweel (kashida), U+0640: elongation inside words, or a dash between words.
pub const TATWEEL: char = '\u{0640}';

/// The letters of the Arabic block.
pub const LETTERS: &[RangeInclusive<char>] = &[
    '\u{0620}'..='\u{063F}',
    '\u{0641}'..='\u{064A}',
    '\u{066E}'..='\u{066F}',
    '\u{0671}'..='\u{06D3}',
    '\u{06D5}'..='\u{06D5}',
    '\u{06EE}'..='\u{06EF}',
    '\u{06FA}'..='\u{06FC}',
    '\u{06FF}'..='\u{06FF}',
];

/// Tanween, short vowels, shadda, sukun.
pub const HARAKAT: RangeInclusive<char> = '\u{064B}'..='\u{0652}';
/// The combining madda, hamza above and hamza below: they compose with their carrier letter.
pub const COMPOSING_MARKS: RangeInclusive<char> = '\u{0653}'..='\u{0655}';
/// Superscript (dagger) alef.
pub const DAGGER_ALEF: char = '\u{0670}';
/// Quranic annotation marks: the honorific signs and small high letters (U+0610–061A) and the
/// small high/low signs of the Quran (U+06D6–06ED), with the small waw and yeh U+06E5–06E6
/// (annotation written beside a letter, not part of the spelling). U+06DD (end of ayah),
/// U+06DE (rub el hizb) and U+06E9 (place of sajdah) are symbols, not marks.
pub const QURANIC_MARKS: &[RangeInclusive<char>] =
    &['\u{0610}'..='\u{061A}', '\u{06D6}'..='\u{06DC}', '\u{06DF}'..='\u{06E8}', '\u{06EA}'..='\u{06ED}'];
/// Extended marks other than the composing madda and hamzas: U+0656–065F and the Arabic
/// Extended-A marks U+08D3–08FF (U+08E2, a format character, is not one).
pub const EXTENDED_MARKS: &[RangeInclusive<char>] =
    &['\u{0656}'..='\u{065F}', '\u{08D3}'..='\u{08E1}', '\u{08E3}'..='\u{08FF}'];

/// The presentation-form blocks: Arabic Presentation Forms-A and -B (positional letter forms,
/// ligatures, isolated marks).
pub const PRESENTATION_FORMS: [RangeInclusive<char>; 2] = ['\u{FB50}'..='\u{FDFF}', '\u{FE70}'..='\u{FEFF}'];

/// Whether `c` belongs to a block of the Arabic script: Arabic, Arabic Supplement, Extended-B
/// and -A, the presentation forms, Rumi numerals and the mathematical alphabetic symbols.
pub const fn is_arabic_script(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{0870}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10E60}'..='\u{10EFF}'
            | '\u{1EE00}'..='\u{1EEFF}'
    )
}

/// Arabic-Indic digits ٠–٩.
pub const ARABIC_INDIC_DIGITS: RangeInclusive<char> = '\u{0660}'..='\u{0669}';
/// Extended Arabic-Indic (Persian and Urdu) digits ۰–۹.
pub const PERSIAN_DIGITS: RangeInclusive<char> = '\u{06F0}'..='\u{06F9}';

/// Every mark group, for [`is_diacritic`].
const MARK_GROUPS: [&[RangeInclusive<char>]; 5] = [
    &[HARAKAT],
    &[COMPOSING_MARKS],
    &[DAGGER_ALEF..=DAGGER_ALEF],
    QURANIC_MARKS,
    EXTENDED_MARKS,
];

const LETTER: u8 = 1;
const MARK: u8 = 2;
/// First code point of [`CLASSES`].
const FIRST: u32 = 0x0600;

/// Class bits of U+0600–08FF, from the ranges above.
static CLASSES: [u8; 0x300] = {
    const fn mark(t: &mut [u8; 0x300], ranges: &[RangeInclusive<char>], bit: u8) {
        let mut k = 0;
        while k < ranges.len() {
            let mut c = *ranges[k].start() as u32;
            while c <= *ranges[k].end() as u32 {
                t[(c - FIRST) as usize] |= bit;
                c += 1;
            }
            k += 1;
        }
    }
    let mut t = [0u8; 0x300];
    mark(&mut t, LETTERS, LETTER);
    let mut g = 0;
    while g < MARK_GROUPS.len() {
        mark(&mut t, MARK_GROUPS[g], MARK);
        g += 1;
    }
    t
};

#[inline(always)]
const fn class(c: char) -> u8 {
    let k = (c as u32).wrapping_sub(FIRST) as usize;
    if k < CLASSES.len() {
        CLASSES[k]
    } else {
        0
    }
}

/// Whether `c` is an Arabic letter (see [`LETTERS`]): not a digit, mark or tatweel.
#[inline]
pub const fn is_arabic_letter(c: char) -> bool {
    class(c) & LETTER != 0
}

/// Whether `c` is an Arabic mark of any group (harakat, madda and hamzas, dagger alef,
/// Quranic, extended).
#[inline]
pub const fn is_diacritic(c: char) -> bool {
    class(c) & MARK != 0
}

/// The ASCII digit for an ASCII, Arabic-Indic (٠–٩) or Extended Arabic-Indic (۰–۹) digit.
#[inline]
pub const fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        _ => return None,
    };
    char::from_u32(c as u32 - zero as u32 + '0' as u32)
}

/// The letters of the Arabic block (category L) that [`is_arabic_letter`] leaves out: the
/// modifier letters (Lm) tatweel and the small waw and yeh.
const fn is_arabic_modifier_letter(c: char) -> bool {
    matches!(c, TATWEEL | '\u{06E5}' | '\u{06E6}')
}

/// Letters (Unicode category L) and Arabic letters ([`is_arabic_letter`]) in `text`: how much
/// of a text is words, and how much of that is Arabic. ASCII and the Arabic block are decided
/// inline; only other characters look up their general category.
pub fn count_letters(text: &str) -> (usize, usize) {
    use unicode_properties::general_category::{GeneralCategoryGroup, UnicodeGeneralCategory};
    let (mut all, mut arabic) = (0, 0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            all += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        // Two-byte sequences D8-DB xx are U+0600-U+06FF: decode them inline.
        if (0xd8..=0xdb).contains(&b) && i + 1 < bytes.len() {
            let cp = (u32::from(b & 0x1f) << 6) | u32::from(bytes[i + 1] & 0x3f);
            let c = char::from_u32(cp).unwrap_or('\u{fffd}');
            if is_arabic_letter(c) {
                all += 1;
                arabic += 1;
            } else {
                all += usize::from(is_arabic_modifier_letter(c));
            }
            i += 2;
            continue;
        }
        let width = match b {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let c = text.get(i..(i + width).min(text.len())).and_then(|s| s.chars().next()).unwrap_or('\u{fffd}');
        i += width;
        // The General Punctuation block has no letters (and many characters of scraped text).
        if ('\u{2000}'..='\u{206f}').contains(&c) {
            continue;
        }
        if c.general_category_group() == GeneralCategoryGroup::Letter {
            all += 1;
        }
    }
    (all, arabic)
}

/// Every character of `ranges`, in order.
pub fn chars_of(ranges: &[RangeInclusive<char>]) -> impl Iterator<Item = char> + '_ {
    ranges.iter().flat_map(|r| r.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_properties::general_category::{GeneralCategory, UnicodeGeneralCategory};

    #[test]
    fn classes() {
        // (char, letter, mark)
        let table: &[(char, bool, bool)] = &[
            ('ا', true, false),
            ('ي', true, false),
            ('ی', true, false),
            ('ە', true, false),
            ('ٮ', true, false),
            ('ـ', false, false),
            ('\u{064e}', false, true),
            ('\u{0654}', false, true),
            ('\u{0670}', false, true),
            ('\u{06e5}', false, true),
            ('\u{08f0}', false, true),
            ('۝', false, false),
            ('\u{06fd}', false, false),
            ('a', false, false),
            ('٣', false, false),
            ('،', false, false),
        ];
        for &(c, letter, mark) in table {
            assert_eq!(is_arabic_letter(c), letter, "letter {c:?}");
            assert_eq!(is_diacritic(c), mark, "mark {c:?}");
        }
    }

    #[test]
    fn letters_are_the_blocks_other_letters() {
        // Every Lo of the block is a letter; the Lm (tatweel, small waw and yeh) are not.
        for c in '\u{0600}'..='\u{06FF}' {
            assert_eq!(is_arabic_letter(c), c.general_category() == GeneralCategory::OtherLetter, "{c:?}");
        }
    }

    #[test]
    fn mark_groups_are_combining_and_do_not_overlap() {
        let mut seen = std::collections::HashSet::new();
        for group in MARK_GROUPS {
            for c in chars_of(group) {
                assert!(seen.insert(c), "{c:?} in two groups");
                // The small waw and yeh are letters (Lm) to Unicode, marks to us.
                assert!(canonical_combining_class(c) != 0 || matches!(c, '\u{06e5}' | '\u{06e6}'), "{c:?}");
            }
        }
        for c in ['۝', '۞', '۩'] {
            assert!(!is_diacritic(c), "{c:?}");
        }
    }

    /// The byte-level count agrees with its definition: `\p{L}` runs, Arabic letters among them.
    #[test]
    fn letter_counts_agree_with_the_definition() {
        let letters = regex::Regex::new(r"\p{L}+").unwrap();
        let reference = |text: &str| {
            letters.find_iter(text).fold((0, 0), |(all, ar), m| {
                let s = m.as_str();
                (all + s.chars().count(), ar + s.chars().filter(|&c| is_arabic_letter(c)).count())
            })
        };
        for text in [
            "",
            "عنوان الخبر: 12 مقالاً، ـ ۽۾ ؠ ە",
            "Hello wörld ΩΣ 東京 😀 \u{a0}\u{2028}x",
            "\u{fffd}\u{0}\u{7f}ابc\u{10ffff}",
            "مُحَمَّد ٱلله ١٢٣ ۱۲",
        ] {
            assert_eq!(count_letters(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn letter_fast_paths_agree_with_the_general_category() {
        use unicode_properties::general_category::GeneralCategoryGroup;
        for c in ('\u{0600}'..='\u{06ff}').chain('\u{2000}'..='\u{206f}') {
            let letter = c.general_category_group() == GeneralCategoryGroup::Letter;
            let fast = is_arabic_letter(c) || is_arabic_modifier_letter(c);
            assert_eq!(letter, fast, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn digits() {
        for (c, d) in [('7', Some('7')), ('٣', Some('3')), ('۹', Some('9')), ('٫', None), ('x', None)] {
            assert_eq!(ascii_digit(c), d);
        }
    }
}
