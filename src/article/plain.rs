//! The plain-text rules P2-P9 (SPEC C2), in order, over the blocks of [`super::blocks`].
//!
//! The article is read as three zones: a header of at most four blocks (junk, byline, date
//! line, title), the body, and the end matter that starts at the first byline, tags line,
//! related-articles header, copyright, comments or share line after the body's first block.
//! Each rule is one method of [`PlainParser`] (P6, the end matter, in `end_matter`); they
//! run once each, in the spec's order, and each block is visited a bounded number of times, so
//! the cost is linear in the input.
//!
//! Everything is recorded in UTF-8 byte offsets of the (BOM-stripped) input; the caller converts
//! them to code points. Every non-space character ends up in exactly one of: title, dateline
//! (unless it is the place of a byline), a paragraph, the author bio, a related headline, a
//! caption, or a boilerplate entry (invariant I2).

use super::blocks::{
    agencies_of, blocks, credit_line, inline_kind, is_comments_line, is_share_line, match_byline,
    match_dateline, match_signoff, Block, Byline, InlineKind,
};
use super::dates::{days_apart, find_date, FoundDate};
use super::inline::{carve, Piece, PieceKind};
use super::keys::key;
use super::lexicon::LEXICON;
use super::schema::*;
use crate::text::arabic::count_letters;
use crate::text::{is_arabic_letter, is_space};
use crate::tokenize::sentence_spans;

/// Parses plain text (BOM already stripped) into an article with byte offsets.
pub fn parse(src: &str) -> Article {
    let (blocks, pieces) = carve(src, blocks(src));
    let mut p = PlainParser {
        src,
        blocks,
        doc: Article::empty(InputFormat::Text),
        paras: Vec::new(),
    };
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
struct Para {
    kind: ParagraphKind,
    start: usize,
    end: usize,
}

struct PlainParser<'a> {
    src: &'a str,
    blocks: Vec<Block<'a>>,
    doc: Article,
    paras: Vec<Para>,
}

impl<'a> PlainParser<'a> {
    /// P1, second step: the boilerplate [`carve`] cut out of lines. Photo credits are captions,
    /// a tag list gives tags; the rest is boilerplate.
    fn pieces(&mut self, pieces: &[Piece]) {
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

    /// P2: leading blocks of at most 20 characters without an Arabic letter (`in`, `AR | EN`).
    fn junk(&mut self) -> usize {
        let mut i = 0;
        while let Some(b) = self.blocks.get(i) {
            if b.chars > 20 || b.text.chars().any(is_arabic_letter) {
                break;
            }
            self.boilerplate(b.start, b.end, BoilerplateKind::Junk, Rule::P2);
            i += 1;
        }
        i
    }

    /// P3: up to four blocks of byline, date line or title, in any order; the title is the
    /// first block of at most 250 characters not ending in `:` or in one `.` (a headline may
    /// trail off in `..`). Under the title, the
    /// title printed again, a credit line (`عين اليوم – عمّان`) and share buttons are header too. Returns where
    /// the body starts.
    fn header(&mut self, from: usize) -> usize {
        let mut end = from;
        for j in from..self.blocks.len().min(from + MAX_HEADER_BLOCKS) {
            let b = &self.blocks[j];
            let date = if b.key_chars <= 80 {
                find_date(b.text)
            } else {
                None
            };
            if let Some(by) = match_byline(b) {
                self.author(j, &by, Zone::Header);
                if let Some(d) = date {
                    self.date(j, d, DateWhere::HeaderLine);
                }
            } else if let (Some(d), true) = (date, b.key_chars <= 60) {
                self.date(j, d, DateWhere::HeaderLine);
                let b = &self.blocks[j];
                self.boilerplate(b.start, b.end, BoilerplateKind::DateLine, Rule::P3);
            } else if self
                .doc
                .title
                .as_ref()
                .is_some_and(|t| key(&t.text) == b.key)
            {
                self.boilerplate(b.start, b.end, BoilerplateKind::RepeatedTitle, Rule::P3);
            } else if self.doc.title.is_some() && credit_line(b).is_some() {
                self.boilerplate(b.start, b.end, BoilerplateKind::Byline, Rule::P3);
            } else if self.doc.title.is_some() && is_share_line(b) {
                self.boilerplate(b.start, b.end, BoilerplateKind::Share, Rule::P3);
            } else if self.doc.title.is_none()
                && b.chars <= 250
                && !ends_with_one_period(b.text)
                && !b.text.ends_with([':', '：'])
            {
                self.doc.title = Some(self.span(b.start, b.end));
            } else {
                break;
            }
            end = j + 1;
        }
        end
    }

    /// P5: the body ends at the first block after its first one that is a byline, a
    /// related-articles header, a tags line, a short copyright notice, a comments prompt or a
    /// share/follow line.
    fn end_of_body(&self, body_start: usize) -> usize {
        let lex = &*LEXICON;
        let ends_body = |j: usize, b: &Block| {
            match_byline(b).is_some_and(|by| !self.body_follows(j, &key(&b.text[by.name_start..])))
                || (b.opener && lex.related_header.is_match(&b.key))
                || (b.opener && lex.tags.is_match(&b.key))
                || (b.chars <= 160 && lex.copyright.is_match(&b.key))
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
                && !LEXICON.read_more.is_match(&n.key)
                && (author.is_empty() || !n.key.starts_with(author))
        })
    }

    /// P4: after a title, the first body block is the lead when it is one sentence of at most
    /// 300 characters, opens with no dateline, is no inline boilerplate, and at least two body
    /// blocks follow.
    fn lead(&mut self, body_start: usize, body_end: usize) {
        if self.doc.title.is_none() || body_end < body_start + 3 {
            return;
        }
        let b = &self.blocks[body_start];
        if b.chars <= 300
            && sentence_spans(b.text).len() == 1
            && match_dateline(b.text).is_none()
            && inline_kind(b).is_none()
            && credit_line(b).is_none()
            && !is_share_line(b)
        {
            self.doc.lead = Some(self.span(b.start, b.end));
        }
    }

    /// P7: body blocks become paragraphs, except also-read lines, ads, captions, source lines,
    /// lone `(AGENCY)` lines, blocks with no letter or digit (`-----`), bylines and share lines
    /// inside the body (see [`Self::body_follows`]), the P5 lines that did not end it (the
    /// first body block: tags, related header, comments, copyright) and, among the first
    /// three blocks, credit lines that name an outlet (`الرياضي ـ جدة`); a short block with no
    /// final punctuation, after a paragraph and before another body block, is a subheading
    /// (unless it opens with a dateline).
    fn body(&mut self, body_start: usize, body_end: usize) {
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
            } else if b.opener && lex.tags.is_match(&b.key) {
                Some(BoilerplateKind::Tags)
            } else if b.opener && lex.related_header.is_match(&b.key) {
                Some(BoilerplateKind::RelatedHeader)
            } else if is_comments_line(b) {
                Some(BoilerplateKind::CommentsHeader)
            } else if b.chars <= 160 && lex.copyright.is_match(&b.key) {
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

    /// Records the source named after the colon of a source line (`المصدر: ...`).
    fn source_line(&mut self, j: usize) {
        let b = &self.blocks[j];
        let Some(colon) = b.text.find([':', '：']) else {
            return;
        };
        let after = &b.text[colon..];
        let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
        let start = b.end - after.trim_start_matches(is_space).len();
        if start >= b.end {
            return;
        }
        let named = LEXICON
            .source_line
            .captures(&b.key)
            .and_then(|c| c.name("src"))
            .map(|s| s.as_str().to_string());
        let canonical = named.and_then(|s| agencies_of(&s)).unwrap_or_default();
        self.source(start, b.end, canonical, SourceWhere::SourceLine);
    }

    /// P8: a dateline opening the first body paragraph is cut from it; an agency or outlet
    /// inside it is recorded as a source. A dateline that names its agency or outlet
    /// (`دبي، الإمارات العربية المتحدة (CNN) --`) may instead open the second or third paragraph,
    /// under a standfirst P4 did not take (longer than one sentence) or an editor's note, and
    /// wins over one that names none in the first paragraph (`كلمات البرادعي:`). With no lead
    /// yet, the first paragraph is then the standfirst, and becomes the lead.
    fn dateline(&mut self) {
        const FRONT_PARAGRAPHS: usize = 3;
        let Some(first) = self
            .paras
            .iter()
            .position(|p| p.kind == ParagraphKind::Body)
        else {
            return;
        };
        let text = |p: &Para| &self.src[p.start..p.end];
        let here = match_dateline(text(&self.paras[first]));
        let later = if here.as_ref().is_some_and(|m| m.credited) {
            None
        } else {
            (first + 1..self.paras.len().min(FRONT_PARAGRAPHS))
                .filter(|&k| self.paras[k].kind == ParagraphKind::Body)
                .find_map(|k| {
                    match_dateline(text(&self.paras[k]))
                        .filter(|m| m.credited)
                        .map(|m| (k, m))
                })
        };
        let (k, m) = match (here, later) {
            (_, Some((k, m))) => {
                if self.doc.lead.is_none() && self.paras[0].kind == ParagraphKind::Body {
                    let lead = &mut self.paras[0];
                    lead.kind = ParagraphKind::Lead;
                    let (s, e) = (lead.start, lead.end);
                    self.doc.lead = Some(self.span(s, e));
                }
                (k, m)
            }
            (Some(m), None) => (first, m),
            (None, None) => return,
        };
        let start = self.paras[k].start;
        self.doc.dateline = Some(Dateline {
            text: self.src[start..start + m.text_end].to_string(),
            start,
            end: start + m.text_end,
            place: self.src[start + m.place.0..start + m.place.1].to_string(),
        });
        if let Some((s, e)) = m.agency {
            let canonical = agencies_of(&self.src[start + s..start + e]).unwrap_or_default();
            self.source(start + s, start + e, canonical, SourceWhere::Dateline);
        }
        self.paras[k].start = start + m.body_start;
    }

    /// P9: a wire sign-off `[initials/ initials] (AGENCY، AGENCY)` ending the last paragraph is
    /// cut from it and recorded as sources. A paragraph that was nothing but the sign-off goes.
    fn signoff(&mut self) {
        let Some(last) = self.paras.last() else {
            return;
        };
        let (start, end) = (last.start, last.end);
        let Some(m) = match_signoff(&self.src[start..end]) else {
            return;
        };
        self.source(
            start + m.agency.0,
            start + m.agency.1,
            m.canonical,
            SourceWhere::Signoff,
        );
        self.boilerplate(
            start + m.span.0,
            start + m.span.1,
            BoilerplateKind::Signoff,
            Rule::P9,
        );
        let new_end = start
            + self.src[start..start + m.cut]
                .trim_end_matches(is_space)
                .len();
        let was_lead = self.doc.lead.as_ref().is_some_and(|l| l.start == start);
        if new_end > start {
            if let Some(p) = self.paras.last_mut() {
                p.end = new_end;
            }
            if was_lead {
                self.doc.lead = Some(self.span(start, new_end));
            }
        } else {
            self.paras.pop();
            if was_lead {
                self.doc.lead = None;
            }
        }
    }

    /// Texts and sentences of the paragraphs, now that their spans are final.
    fn finish_paragraphs(&mut self) {
        for (i, p) in self.paras.iter().enumerate() {
            let text = &self.src[p.start..p.end];
            let sentences = sentence_spans(text)
                .into_iter()
                .map(|(s, e)| (p.start + s, p.start + e))
                .collect();
            self.doc.paragraphs.push(Paragraph {
                i,
                kind: p.kind,
                text: text.to_string(),
                start: p.start,
                end: p.end,
                sentences,
            });
        }
    }

    fn author(&mut self, j: usize, by: &Byline, zone: Zone) {
        let b = &self.blocks[j];
        let (start, end) = (b.start, b.end);
        self.doc.authors.push(Author {
            name: self.src[start + by.name_start..end].to_string(),
            start: start + by.name_start,
            end,
            role: by.role,
            line: Range { start, end },
            found_in: zone,
        });
        let rule = match zone {
            Zone::Header => Rule::P3,
            Zone::Footer => Rule::P5,
            Zone::Body => Rule::P7,
        };
        self.boilerplate(start, end, BoilerplateKind::Byline, rule);
        if let (Some((s, e)), None) = (by.place, &self.doc.dateline) {
            let place = self.src[start + s..start + e].to_string();
            self.doc.dateline = Some(Dateline {
                text: place.clone(),
                start: start + s,
                end: start + e,
                place,
            });
        }
    }

    /// Records the date of block `j`. The first date is the publication date; a Hijri date on
    /// a later line completes a Gregorian one (checked within two days), and a Gregorian date
    /// on a later line replaces a date that was only converted from Hijri.
    fn date(&mut self, j: usize, found: FoundDate, found_in: DateWhere) {
        let b = &self.blocks[j];
        let (start, end) = (b.start + found.span.0, b.start + found.span.1);
        let fresh = DateInfo {
            value: found.value,
            has_time: found.has_time,
            calendar: found.calendar,
            hijri: found.hijri,
            text: self.src[start..end].to_string(),
            start,
            end,
            found_in,
        };
        match self.doc.published.take() {
            None => {
                self.doc.published = Some(fresh);
                self.doc.warnings.extend(found.warnings);
            }
            Some(mut kept) => {
                let (gregorian, hijri) = match (kept.calendar, fresh.calendar) {
                    (Calendar::Gregorian, Calendar::Hijri) if kept.hijri.is_none() => {
                        (&mut kept, fresh)
                    }
                    (Calendar::Hijri, Calendar::Gregorian) if fresh.hijri.is_none() => {
                        let converted = std::mem::replace(&mut kept, fresh);
                        self.doc
                            .warnings
                            .retain(|w| *w != Warning::DateConvertedFromHijriUmmAlQura);
                        (&mut kept, converted)
                    }
                    _ => {
                        self.doc.published = Some(kept);
                        return;
                    }
                };
                if days_apart(&gregorian.value, &hijri.value).is_none_or(|d| d > 2) {
                    self.doc.warnings.push(Warning::HijriGregorianMismatch);
                }
                gregorian.hijri = hijri.hijri;
                self.doc.published = Some(kept);
            }
        }
    }

    fn source(&mut self, start: usize, end: usize, canonical: Vec<String>, found_in: SourceWhere) {
        let kind = if canonical.is_empty() {
            SourceKind::Outlet
        } else {
            SourceKind::Agency
        };
        let text = self.src[start..end].to_string();
        self.doc.sources.push(Source {
            text,
            start,
            end,
            canonical,
            kind,
            found_in,
        });
    }

    fn boilerplate(&mut self, start: usize, end: usize, kind: BoilerplateKind, rule: Rule) {
        let text = self.src[start..end].to_string();
        self.doc.boilerplate.push(Boilerplate {
            text,
            start,
            end,
            kind,
            rule,
        });
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            text: self.src[start..end].to_string(),
            start,
            end,
        }
    }

    /// Language, body text, statistics and input-level warnings.
    fn finish(mut self) -> Article {
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
            words: doc.body_text.split_whitespace().count(),
            chars: doc.body_text.chars().count(),
            arabic_letter_ratio: if letters > 0 {
                (arabic as f64 / letters as f64 * 1000.0).round() / 1000.0
            } else {
                0.0
            },
        };
        if self.blocks.is_empty() {
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

/// Whether `text` ends with one period: a sentence. Headlines may trail off (`..`, `...`).
fn ends_with_one_period(text: &str) -> bool {
    text.ends_with('.') && !text.ends_with("..")
}

/// Whether `text` ends with a sentence mark, closing quotes and brackets aside.
fn ends_with_sentence_mark(text: &str) -> bool {
    text.trim_end_matches(is_space)
        .trim_end_matches(['»', '"', '”', ')', '\''])
        .ends_with(['.', '!', '?', '؟', '…', '۔'])
}

/// Byte offset of `inner`, a subslice of `outer`, within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

mod end_matter;
#[cfg(test)]
mod tests;
