//! Recording what the rules found into the article: spans, boilerplate entries, sources,
//! authors, dates, tags and source lines, all in byte offsets of the input.

use super::PlainParser;
use crate::article::blocks::offset_in;
use crate::article::dates::{days_apart, FoundDate};
use crate::article::lexicon::LEXICON;
use crate::article::lines::{agencies_of, Byline};
use crate::article::schema::{
    Author, Boilerplate, BoilerplateKind, Calendar, DateInfo, DateWhere, Dateline, Range, Rule,
    Source, SourceKind, SourceWhere, Span, Warning, Zone,
};
use crate::text::is_space;

impl PlainParser<'_> {
    /// Records the source named after the colon of a source line (`المصدر: ...`).
    pub(in crate::article) fn source_line(&mut self, j: usize) {
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
            .captures(b.key())
            .and_then(|c| c.name("src"))
            .map(|s| s.as_str().to_string());
        let canonical = named.and_then(|s| agencies_of(&s)).unwrap_or_default();
        self.source(start, b.end, canonical, SourceWhere::SourceLine);
    }

    /// The tags of a tags line, split at `، , | #`.
    pub(in crate::article) fn tags(&mut self, j: usize) {
        let b = &self.blocks[j];
        let Some(colon) = b.text.find([':', '：']) else {
            return;
        };
        let list_start = b.start + colon + b.text[colon..].chars().next().map_or(0, char::len_utf8);
        let list = &self.src[list_start..b.end];
        for item in list.split(['،', ',', '|', '#']) {
            let tag = item.trim_matches(is_space);
            if !tag.is_empty() {
                let s = list_start + offset_in(list, tag);
                let tag = self.span(s, s + tag.len());
                self.doc.tags.push(tag);
            }
        }
    }

    pub(in crate::article) fn author(&mut self, j: usize, by: &Byline, zone: Zone) {
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
            Zone::Footer | Zone::Metadata => Rule::P5,
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
    pub(in crate::article) fn date(&mut self, j: usize, found: FoundDate, found_in: DateWhere) {
        let b = &self.blocks[j];
        let (start, end) = (b.start + found.span.0, b.start + found.span.1);
        let fresh = DateInfo {
            value: found.value,
            has_time: found.has_time,
            calendar: found.calendar,
            hijri: found.hijri,
            zone: None,
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

    pub(in crate::article) fn source(
        &mut self,
        start: usize,
        end: usize,
        canonical: Vec<String>,
        found_in: SourceWhere,
    ) {
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

    pub(in crate::article) fn boilerplate(
        &mut self,
        start: usize,
        end: usize,
        kind: BoilerplateKind,
        rule: Rule,
    ) {
        let text = self.src[start..end].to_string();
        self.doc.boilerplate.push(Boilerplate {
            text,
            start,
            end,
            kind,
            rule,
        });
    }

    pub(in crate::article) fn span(&self, start: usize, end: usize) -> Span {
        Span {
            text: self.src[start..end].to_string(),
            start,
            end,
        }
    }
}
