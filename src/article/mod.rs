//! Parsing raw Arabic news articles into an [`Article`] (SPEC B, C1-C5).
//!
//! [`parse_text`] reads plain text: one block per line, classified by the rules P1-P9 of the
//! spec (junk, header, lead, end of body, end matter, inline boilerplate, dateline, sign-off),
//! with dates from header and footer lines only (C4) and sentences from
//! [`crate::tokenize::sentence_spans`] (C5). Rules match on keys (C1, [`keys`]) built from
//! word lists that are data ([`lexicon`], `lexicons.json`); they never change the text they
//! report.
//!
//! Offsets in the result are Unicode code points into the input exactly as given, a leading
//! BOM included, so `raw[start:end] == text` for the `str` a caller passed (`\r` counts too).
//! The parser never cuts the BOM off the text it measures: like every other space
//! ([`crate::text::is_space`]) it is trimmed off the block it starts, and so belongs
//! to no span; `input.bom_stripped` says it was there. The rules work on UTF-8 byte offsets and
//! every offset is converted once, at the end.
//!
//! The parser never panics: every input, empty, binary-looking or a megabyte on one line, gives
//! an `Article`, and what could not be settled is listed in `warnings`.
//!
//! Module map: [`schema`] (the record), [`keys`] (matching keys), [`lexicon`] (word lists),
//! [`blocks`] (P1: lines to blocks), [`inline`] (boilerplate cut out of a line), [`lines`]
//! (what one block is on its own: bylines, datelines, sign-offs, agencies, furniture),
//! [`plain`] (P2-P9: what a block is where it sits), [`dates`] (dates in header and footer
//! lines). `docs/parsing.md` states every rule.

pub mod blocks;
pub mod dates;
pub mod html;
pub mod inline;
pub mod keys;
pub mod lexicon;
pub mod lines;
pub mod plain;
pub mod render;
pub mod schema;
#[cfg(feature = "arrow")]
pub mod table;

pub use schema::{
    Article, Author, Boilerplate, BoilerplateKind, Calendar, Comment, DateInfo, DateWhere,
    Dateline, Input, InputFormat, OffsetUnit, Paragraph, ParagraphKind, Range, Role, Rule, Source,
    SourceKind, SourceWhere, Span, Stats, Table, Warning, Zone, SCHEMA_VERSION,
};

use crate::text::{count_chars, CodepointIndex};

/// Parses a plain-text article. Offsets are code points into `input` as given.
///
/// ```
/// let article = khabar::parse_text("عنوان الخبر\nالرياض (واس) - أعلن الوزير اليوم.\n");
/// assert_eq!(article.title.map(|t| t.text).as_deref(), Some("عنوان الخبر"));
/// assert_eq!(article.dateline.map(|d| d.place).as_deref(), Some("الرياض"));
/// assert_eq!(article.sources[0].canonical, ["SPA"]);
/// assert_eq!(article.body_text, "أعلن الوزير اليوم.");
///
/// // A byte-order mark is counted: the title starts after it.
/// let article = khabar::parse_text("\u{feff}عنوان\n\nنص.");
/// assert_eq!(article.title.map(|t| (t.start, t.end)), Some((1, 6)));
/// assert!(article.input.bom_stripped);
/// ```
pub fn parse_text(input: &str) -> Article {
    let mut article = plain::parse(input);
    let (offsets, length) = codepoint_offsets(input, &article);
    article.map_offsets(
        |byte| match offsets.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(k) => offsets[k].1,
            // Every offset was collected; fall back to counting for safety.
            Err(_) => CodepointIndex::new(input).to_cp(byte),
        },
    );
    article.input.length = length;
    article.input.bom_stripped = input.starts_with('\u{feff}');
    article
}

/// Every byte offset of `article`, sorted, with its code-point offset, and the length of `src`
/// in code points: one pass over the text, however many spans there are.
fn codepoint_offsets(src: &str, article: &Article) -> (Vec<(usize, usize)>, usize) {
    let mut bytes = Vec::new();
    article.clone_offsets_into(&mut bytes);
    bytes.sort_unstable();
    bytes.dedup();
    let mut out = Vec::with_capacity(bytes.len());
    let (mut at_byte, mut at_cp) = (0, 0);
    for b in bytes {
        at_cp += count_chars(&src.as_bytes()[at_byte..b.min(src.len())]);
        at_byte = b.min(src.len());
        out.push((b, at_cp));
    }
    let length = at_cp + count_chars(&src.as_bytes()[at_byte..]);
    (out, length)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `clone_offsets_into` lists exactly the offsets `map_offsets` rewrites.
    #[test]
    fn collected_offsets_are_the_mapped_ones() {
        let src = "By سارة\nعنوان\nالأحد 5 مارس 2023\nالقاهرة (رويترز) - نص أول. جملة.\n\
                   صورة: رويترز\nفقرة ثانية. (أ ف ب)\nالوسوم: أ، ب\nخبر ذو صلة";
        let mut a = plain::parse(src);
        let mut collected = Vec::new();
        a.clone_offsets_into(&mut collected);
        let mapped = std::cell::RefCell::new(Vec::new());
        a.map_offsets(|b| {
            mapped.borrow_mut().push(b);
            b
        });
        collected.sort_unstable();
        let mut mapped = mapped.into_inner();
        mapped.sort_unstable();
        assert_eq!(collected, mapped);
        assert!(collected.len() > 20);
    }
}
