//! The body: where it ends (P5) and what of it is paragraphs (P7).

use super::{Para, PlainParser};
use crate::article::blocks::{offset_in, Block};
use crate::article::keys::key;
use crate::article::lexicon::LEXICON;
use crate::article::lines::{
    agencies_of, credit_line, inline_kind, is_comments_line, is_share_line, match_byline,
    match_dateline, InlineKind,
};
use crate::article::schema::{BoilerplateKind, ParagraphKind, Rule, SourceWhere, Zone};
use crate::text::is_space;

impl PlainParser<'_> {
    /// P5: the body ends at the first block after its first one that is a byline, a
    /// related-articles header, a tags line, a short copyright notice, a comments prompt or a
    /// share/follow line.
    pub(in crate::article) fn end_of_body(&self, body_start: usize) -> usize {
        let lex = &*LEXICON;
        let ends_body = |j: usize, b: &Block| {
            match_byline(b).is_some_and(|by| !self.body_follows(j, &key(&b.text[by.name_start..])))
                || (b.opener() && lex.related_header.is_match(b.key()))
                || (b.opener() && lex.tags.is_match(b.key()))
                || (b.chars <= 160 && lex.copyright.is_match(b.key()))
                || is_comments_line(b)
                || (is_share_line(b) && !self.body_follows(j, ""))
        };
        (body_start + 1..self.blocks.len())
            .find(|&j| ends_body(j, &self.blocks[j]))
            .unwrap_or(self.blocks.len())
    }

    /// Whether article paragraphs follow block `j` (a byline or share line): a block of more
    /// than 200 characters ending with a sentence mark, other than a bio (ending in a read-more
    /// link or starting with `author`, a byline's keyed name), within the next dozen blocks.
    /// Then the line sits inside the body (an interview's credits under its introduction,
    /// share buttons under the standfirst) and does not end it.
    fn body_follows(&self, j: usize, author: &str) -> bool {
        self.blocks[j + 1..].iter().take(12).any(|n| {
            n.chars > 200
                && ends_with_sentence_mark(n.text)
                && !LEXICON.read_more.is_match(n.key())
                && (author.is_empty() || !n.key().starts_with(author))
        })
    }

    /// P7: body blocks become paragraphs, except also-read lines, ads, captions, source lines,
    /// lone `(AGENCY)` lines, blocks with no letter or digit (`-----`), bylines and share lines
    /// inside the body (see [`Self::body_follows`]), the P5 lines that did not end it (the
    /// first body block: tags, related header, comments, copyright) and, among the first
    /// three blocks, credit lines that name an outlet (`الرياضي ـ جدة`); a short block with no
    /// final punctuation, after a paragraph and before another body block, is a subheading
    /// (unless it opens with a dateline).
    pub(in crate::article) fn body(&mut self, body_start: usize, body_end: usize) {
        for j in body_start..body_end {
            let b = &self.blocks[j];
            let (start, end) = (b.start, b.end);
            if b.is_punctuation_only() {
                self.boilerplate(start, end, BoilerplateKind::Junk, Rule::P7);
                continue;
            }
            if let Some(by) = match_byline(b) {
                self.author(j, &by, Zone::Body);
                continue;
            }
            let lex = &*LEXICON;
            let furniture = if is_share_line(b) {
                Some(BoilerplateKind::Share)
            } else if b.opener() && lex.tags.is_match(b.key()) {
                Some(BoilerplateKind::Tags)
            } else if b.opener() && lex.related_header.is_match(b.key()) {
                Some(BoilerplateKind::RelatedHeader)
            } else if is_comments_line(b) {
                Some(BoilerplateKind::CommentsHeader)
            } else if b.chars <= 160 && lex.copyright.is_match(b.key()) {
                Some(BoilerplateKind::Copyright)
            } else {
                None
            };
            if let Some(kind) = furniture {
                if kind == BoilerplateKind::Tags {
                    self.tags(j);
                }
                self.boilerplate(start, end, kind, Rule::P7);
                continue;
            }
            if j < body_start + 3 && credit_line(b) == Some(true) {
                self.boilerplate(start, end, BoilerplateKind::Byline, Rule::P7);
                continue;
            }
            match inline_kind(b) {
                Some(InlineKind::Caption) => {
                    let caption = self.span(start, end);
                    self.doc.captions.push(caption);
                }
                Some(InlineKind::SourceLine) => {
                    self.source_line(j);
                    self.boilerplate(start, end, BoilerplateKind::SourceLine, Rule::P7);
                }
                Some(InlineKind::Signoff) => {
                    let inner = b
                        .text
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .trim_matches(is_space);
                    let offset = start + offset_in(b.text, inner);
                    if let Some(canonical) = agencies_of(b.text) {
                        self.source(
                            offset,
                            offset + inner.len(),
                            canonical,
                            SourceWhere::Signoff,
                        );
                    }
                    self.boilerplate(start, end, BoilerplateKind::Signoff, Rule::P7);
                }
                Some(InlineKind::AlsoRead) => {
                    self.boilerplate(start, end, BoilerplateKind::AlsoRead, Rule::P7)
                }
                Some(InlineKind::Ad) => self.boilerplate(start, end, BoilerplateKind::Ad, Rule::P7),
                None => {
                    let is_lead = self.doc.lead.as_ref().is_some_and(|l| l.start == start);
                    let kind = if is_lead {
                        ParagraphKind::Lead
                    } else if b.chars <= 80
                        && !b
                            .text
                            .ends_with(['.', '!', '?', '؟', '…', '۔', '،', ',', ':'])
                        && !self.paras.is_empty()
                        && j + 1 < body_end
                        && match_dateline(b.text).is_none()
                    {
                        ParagraphKind::Subheading
                    } else {
                        ParagraphKind::Body
                    };
                    self.paras.push(Para { kind, start, end });
                }
            }
        }
    }
}

/// Whether `text` ends with a sentence mark, closing quotes and brackets aside.
fn ends_with_sentence_mark(text: &str) -> bool {
    text.trim_end_matches(is_space)
        .trim_end_matches(['»', '"', '”', ')', '\''])
        .ends_with(['.', '!', '?', '؟', '…', '۔'])
}
