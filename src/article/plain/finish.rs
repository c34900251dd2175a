//! The article-wide fields computed last: language, body text, statistics, and the warnings
//! about the input as a whole.

use super::PlainParser;
use crate::article::schema::{Article, Stats, Warning};
use crate::tokenize::chars::{is_arabic_letter, is_space};

impl PlainParser<'_> {
    /// Language, body text, statistics and input-level warnings.
    pub(super) fn finish(mut self) -> Article {
        let doc = &mut self.doc;
        doc.boilerplate.sort_by_key(|b| b.start);
        let (letters, arabic) = letter_counts(self.src);
        doc.language = (letters > 0 && arabic * 2 > letters).then(|| "ar".to_string());
        doc.body_text = doc
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        doc.stats = Stats {
            paragraphs: doc.paragraphs.len(),
            sentences: doc.paragraphs.iter().map(|p| p.sentences.len()).sum(),
            words: doc.body_text.split_whitespace().count(),
            chars: doc.body_text.chars().count(),
            arabic_letter_ratio: if letters > 0 {
                (arabic as f64 / letters as f64 * 1000.0).round() / 1000.0
            } else {
                0.0
            },
        };
        // No block is left also when a line was nothing but furniture cut out of it
        // (`// انتهى //`): that input has text, just no paragraph.
        if self.blocks.is_empty() && self.src.chars().all(is_space) {
            doc.warnings.push(Warning::EmptyInput);
        } else if doc.paragraphs.is_empty() {
            doc.warnings.push(Warning::NoParagraphs);
        }
        if letters > 0 && doc.language.is_none() {
            doc.warnings.push(Warning::NotArabic);
        }
        self.doc
    }
}

/// Letters (Unicode category L) and Arabic letters in `text`, for `language` and the ratio.
/// ASCII and the Arabic letters are decided inline; only other characters look up their
/// general category.
fn letter_counts(text: &str) -> (usize, usize) {
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
            if is_arabic_letter(c) && !matches!(c, '\u{06fd}' | '\u{06fe}') {
                all += 1;
                arabic += 1;
            } else {
                all += usize::from(is_other_arabic_block_letter(c));
            }
            i += 2;
            continue;
        }
        let width = match b {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let c = text
            .get(i..(i + width).min(text.len()))
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{fffd}');
        i += width;
        if ('\u{2000}'..='\u{206f}').contains(&c) {
            continue;
        }
        if c.general_category_group() == GeneralCategoryGroup::Letter {
            all += 1;
        }
    }
    (all, arabic)
}

/// The characters of the Arabic block (U+0600-U+06FF) of category L that
/// [`is_arabic_letter`] leaves out, tatweel (Lm) among them. (Two it takes in, U+06FD and
/// U+06FE, are symbols.)
fn is_other_arabic_block_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0620}' | '\u{063b}'
            ..='\u{0640}'
                | '\u{066e}'
                | '\u{066f}'
                | '\u{06d5}'
                | '\u{06e5}'
                | '\u{06e6}'
                | '\u{06ee}'
                | '\u{06ef}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level count agrees with its definition: `\p{L}` runs, Arabic letters among them.
    #[test]
    fn letter_counts_agree_with_the_definition() {
        let reference = |text: &str| {
            let letters = crate::article::lexicon::regex(r"\p{L}+");
            letters.find_iter(text).fold((0, 0), |(all, ar), m| {
                let s = m.as_str();
                (
                    all + s.chars().count(),
                    ar + s.chars().filter(|&c| is_arabic_letter(c)).count(),
                )
            })
        };
        for text in [
            "",
            "عنوان الخبر: 12 مقالاً، ـ ۽۾ ؠ ە",
            "Hello wörld ΩΣ 東京 😀 \u{a0}\u{2028}x",
            "\u{fffd}\u{0}\u{7f}ابc\u{10ffff}",
            "مُحَمَّد ٱلله ١٢٣ ۱۲",
        ] {
            assert_eq!(letter_counts(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn letter_fast_paths_agree_with_the_general_category() {
        use unicode_properties::general_category::{GeneralCategoryGroup, UnicodeGeneralCategory};
        for c in ('\u{0600}'..='\u{06ff}').chain('\u{2000}'..='\u{206f}') {
            let letter = c.general_category_group() == GeneralCategoryGroup::Letter;
            let fast = (is_arabic_letter(c) && !matches!(c, '\u{06fd}' | '\u{06fe}'))
                || is_other_arabic_block_letter(c);
            assert_eq!(letter, fast, "{c:?} U+{:04X}", c as u32);
        }
    }
}
