//! Paragraph edges: the dateline cut from the front of the body (P8), the wire sign-off cut from
//! its end (P9), and the paragraphs' texts and sentences once their spans are final.

use super::{Para, PlainParser};
use crate::article::lines::{agencies_of, match_dateline, match_signoff};
use crate::article::schema::{
    BoilerplateKind, Dateline, Paragraph, ParagraphKind, Rule, SourceWhere,
};
use crate::text::is_space;
use crate::tokenize::sentence_spans;

impl PlainParser<'_> {
    /// P8: a dateline opening the first body paragraph is cut from it; an agency or outlet
    /// inside it is recorded as a source. A dateline that names its agency or outlet
    /// (`دبي، الإمارات العربية المتحدة (CNN) --`) may instead open the second or third paragraph,
    /// under a standfirst P4 did not take (longer than one sentence) or an editor's note, and
    /// wins over one that names none in the first paragraph (`كلمات البرادعي:`). With no lead
    /// yet, the first paragraph is then the standfirst, and becomes the lead.
    pub(in crate::article) fn dateline(&mut self) {
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
    pub(in crate::article) fn signoff(&mut self) {
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
    pub(in crate::article) fn finish_paragraphs(&mut self) {
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
}
