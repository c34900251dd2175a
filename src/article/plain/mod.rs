//! The plain-text layout rules P2-P9, in order, over the blocks of [`super::blocks`].
//!
//! The article is read as three zones: a header of at most four blocks (junk, byline, date
//! line, title), the body, and the end matter that starts at the first byline, tags line,
//! related-articles header, copyright, comments or share line after the body's first block.
//! Each rule is one method of [`PlainParser`]; they run once each, in order, and each block is
//! visited a bounded number of times, so the cost is linear in the input.
//!
//! Everything is recorded in UTF-8 byte offsets of the text it is given; [`super::parse_text`]
//! converts them to code points. Every non-space character ends up in exactly one of: title, dateline
//! (unless it is the place of a byline), a paragraph, the author bio, a related headline, a
//! caption, or a boilerplate entry (invariant I2).
//!
//! Where each rule lives: [`header`] (P2 junk, P3 header, P4 lead), [`body`] (P5 end of body,
//! P7 body blocks), [`paragraphs`] (P8 dateline, P9 sign-off, sentences), [`end_matter`] (P6),
//! [`record`] (writing what a rule found into the [`Article`]), [`finish`] (language, body
//! text, statistics). The rules are stated in full in `docs/parsing.md`.

mod body;
mod end_matter;
mod finish;
mod header;
mod paragraphs;
mod record;
#[cfg(test)]
mod tests;

use super::blocks::{blocks, offset_in, Block};
use super::inline::{carve, Piece, PieceKind};
use super::schema::{Article, BoilerplateKind, InputFormat, ParagraphKind, Rule, Warning};

/// Parses plain text into an article with byte offsets into `src`.
pub fn parse(src: &str) -> Article {
    let (blocks, pieces) = carve(src, blocks(src));
    let mut p = PlainParser::over(src, blocks, InputFormat::Text);
    if src.contains('\u{fffd}') {
        p.doc.warnings.push(Warning::ReplacementCharacters);
    }
    p.pieces(&pieces);
    let body_start = p.junk();
    let body_start = p.header(body_start);
    let body_end = p.end_of_body(body_start);
    p.lead(body_start, body_end);
    p.body(body_start, body_end);
    p.dateline();
    p.signoff();
    p.finish_paragraphs();
    p.end_matter(body_end);
    p.finish()
}

/// The longest header, in blocks (P3).
const MAX_HEADER_BLOCKS: usize = 4;

/// A paragraph while its span may still shrink (P8, P9).
pub(in crate::article) struct Para {
    pub kind: ParagraphKind,
    pub start: usize,
    pub end: usize,
}

/// The rules' state: the text, its blocks, the article being filled and its paragraphs. The
/// HTML parser ([`super::html`]) fills the same state from a page's blocks and calls the same
/// recording and paragraph-edge methods.
pub(in crate::article) struct PlainParser<'a> {
    pub src: &'a str,
    pub blocks: Vec<Block<'a>>,
    pub doc: Article,
    pub paras: Vec<Para>,
}

impl<'a> PlainParser<'a> {
    /// A parser over `blocks` of `src` (blocks need not cover `src`), with an empty article of
    /// `format`.
    pub(in crate::article) fn over(src: &'a str, blocks: Vec<Block<'a>>, format: InputFormat) -> Self {
        PlainParser { src, blocks, doc: Article::empty(format), paras: Vec::new() }
    }
}

impl PlainParser<'_> {
    /// P1, second step: the boilerplate [`carve`] cut out of lines. Photo credits are captions,
    /// a tag list gives tags; the rest is boilerplate.
    pub(in crate::article) fn pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            let (start, end) = (p.start, p.end);
            match p.kind {
                PieceKind::PhotoCredit => {
                    let caption = self.span(start, end);
                    self.doc.captions.push(caption);
                }
                PieceKind::TagList => {
                    let text = &self.src[start..end];
                    let mut words = text.split_whitespace();
                    words.next();
                    for w in words {
                        let s = start + offset_in(text, w);
                        let tag = self.span(s, s + w.len());
                        self.doc.tags.push(tag);
                    }
                    self.boilerplate(start, end, BoilerplateKind::Tags, Rule::P7);
                }
                PieceKind::EndMark => {
                    self.boilerplate(start, end, BoilerplateKind::EndMark, Rule::P7)
                }
                PieceKind::Link => self.boilerplate(start, end, BoilerplateKind::Link, Rule::P7),
                PieceKind::Navigation | PieceKind::Email => {
                    self.boilerplate(start, end, BoilerplateKind::Junk, Rule::P7)
                }
            }
        }
    }
}
