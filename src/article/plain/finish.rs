//! The article-wide fields computed last: language, body text, statistics, and the warnings
//! about the input as a whole.

use super::PlainParser;
use crate::article::schema::{Article, Stats, Warning};
use crate::text::arabic::count_letters;
use crate::text::is_space;

impl PlainParser<'_> {
    /// Language, body text, statistics and input-level warnings.
    pub(in crate::article) fn finish(mut self) -> Article {
        let doc = &mut self.doc;
        doc.boilerplate.sort_by_key(|b| b.start);
        let (letters, arabic) = count_letters(self.src);
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
            words: crate::text::words(&doc.body_text).count(),
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
