//! After the body (P6): footer bylines, the author bio, tags, site furniture, footer dates
//! and related headlines.

use super::PlainParser;
use crate::article::blocks::Block;
use crate::article::dates::{find_date, FoundDate};
use crate::article::keys::{key, Key};
use crate::article::lexicon::LEXICON;
use crate::article::lines::match_byline;
use crate::article::schema::{BoilerplateKind, DateWhere, Rule, Warning, Zone};
use crate::text::is_space;
use crate::tokenize::sentence_spans;

impl PlainParser<'_> {
    /// P6: after the body, in order: byline -> author; a block ending in a read-more link or
    /// starting with the author's name -> bio; tags line -> tags; related header, comments,
    /// share, ads, copyright, source and date lines -> boilerplate; a block of at most 160
    /// characters not ending in `.` -> related headline; anything else is kept as boilerplate
    /// and flagged.
    pub(in crate::article) fn end_matter(&mut self, from: usize) {
        let lex = &*LEXICON;
        let mut author_key: Option<String> = None;
        for j in from..self.blocks.len() {
            let b = &self.blocks[j];
            let (start, end) = (b.start, b.end);
            if b.is_punctuation_only() {
                self.boilerplate(start, end, BoilerplateKind::Junk, Rule::P6);
                continue;
            }
            if let Some(by) = match_byline(b) {
                self.author(j, &by, Zone::Footer);
                author_key = self.doc.authors.last().map(|a| key(&a.name));
                continue;
            }
            let read_more = lex.read_more.find(b.key());
            let starts_with_author = author_key
                .as_ref()
                .is_some_and(|k| !k.is_empty() && b.key().starts_with(k.as_str()));
            if author_key.is_some()
                && self.doc.author_bio.is_none()
                && (read_more.is_some() || starts_with_author)
            {
                self.bio(j);
                continue;
            }
            if lex.tags.is_match(b.key()) {
                self.tags(j);
                self.boilerplate(start, end, BoilerplateKind::Tags, Rule::P6);
                continue;
            }
            let kind = if lex.related_header.is_match(b.key()) {
                Some(BoilerplateKind::RelatedHeader)
            } else if lex.comments.is_match(b.key()) {
                Some(BoilerplateKind::CommentsHeader)
            } else if lex.share.is_match(b.key()) {
                Some(BoilerplateKind::Share)
            } else if lex.ad.is_match(b.key()) {
                Some(BoilerplateKind::Ad)
            } else if lex.copyright.is_match(b.key()) {
                Some(BoilerplateKind::Copyright)
            } else if lex.source_line.is_match(b.key()) {
                self.source_line(j);
                Some(BoilerplateKind::SourceLine)
            } else if let Some(d) = footer_date(b) {
                self.date(j, d, DateWhere::FooterLine);
                Some(BoilerplateKind::DateLine)
            } else {
                None
            };
            let b = &self.blocks[j];
            match kind {
                Some(kind) => self.boilerplate(start, end, kind, Rule::P6),
                None if b.chars <= 160
                    && sentence_spans(b.text).len() <= 2
                    && !b.text.ends_with('.') =>
                {
                    let headline = self.span(start, end);
                    self.doc.related.push(headline);
                }
                None => {
                    self.boilerplate(start, end, BoilerplateKind::TrailingUnknown, Rule::P6);
                    self.doc.warnings.push(Warning::UnclassifiedTrailingBlock);
                }
            }
        }
    }

    /// The author bio in block `j`, without the read-more link that may end it.
    pub(in crate::article) fn bio(&mut self, j: usize) {
        let b = &self.blocks[j];
        let (start, mut end) = (b.start, b.end);
        // The block's key may be shortened (a long block keeps its head and tail): find the
        // link again on the full key, whose offsets map back to the text.
        let full = Key::new(b.text);
        if let Some(m) = LEXICON.read_more.find(full.as_str()).map(|m| m.start()) {
            // The match may start with the space before the phrase.
            let m = if full.as_str()[m..].starts_with(' ') {
                m + 1
            } else {
                m
            };
            let link = start + full.raw_start(m);
            self.boilerplate(link, b.end, BoilerplateKind::ReadMore, Rule::P6);
            end = start + self.src[start..link].trim_end_matches(is_space).len();
        }
        if end > start {
            self.doc.author_bio = Some(self.span(start, end));
        }
    }
}

/// A footer line that is a date and little else (at most three other words): `نشر في 8 فيفري
/// 2019`, not a related headline that mentions a date.
fn footer_date(b: &Block) -> Option<FoundDate> {
    if b.key_chars() > 60 {
        return None;
    }
    let d = find_date(b.text)?;
    let others = b.text[..d.span.0].split_whitespace().count()
        + b.text[d.span.1..].split_whitespace().count();
    (others <= 3).then_some(d)
}
