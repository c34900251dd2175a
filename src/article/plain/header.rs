//! The top of the article: junk before the headline (P2), the header (P3) and the lead (P4).

use super::{PlainParser, MAX_HEADER_BLOCKS};
use crate::article::dates::find_date;
use crate::article::keys::key;
use crate::article::lines::{
    credit_line, inline_kind, is_share_line, match_byline, match_dateline,
};
use crate::article::schema::{BoilerplateKind, DateWhere, Rule, Zone};
use crate::text::is_arabic_letter;
use crate::tokenize::sentence_spans;

impl PlainParser<'_> {
    /// P2: leading blocks of at most 20 characters without an Arabic letter (`in`, `AR | EN`).
    pub(in crate::article) fn junk(&mut self) -> usize {
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
    pub(in crate::article) fn header(&mut self, from: usize) -> usize {
        let mut end = from;
        for j in from..self.blocks.len().min(from + MAX_HEADER_BLOCKS) {
            let b = &self.blocks[j];
            let date = if b.key_chars() <= 80 {
                find_date(b.text)
            } else {
                None
            };
            if let Some(by) = match_byline(b) {
                self.author(j, &by, Zone::Header);
                if let Some(d) = date {
                    self.date(j, d, DateWhere::HeaderLine);
                }
            } else if let (Some(d), true) = (date, b.key_chars() <= 60) {
                self.date(j, d, DateWhere::HeaderLine);
                let b = &self.blocks[j];
                self.boilerplate(b.start, b.end, BoilerplateKind::DateLine, Rule::P3);
            } else if self
                .doc
                .title
                .as_ref()
                .is_some_and(|t| key(&t.text) == b.key())
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

    /// P4: after a title, the first body block is the lead when it is one sentence of at most
    /// 300 characters, opens with no dateline, is no inline boilerplate, and at least two body
    /// blocks follow.
    pub(in crate::article) fn lead(&mut self, body_start: usize, body_end: usize) {
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
}

/// Whether `text` ends with one period: a sentence. Headlines may trail off (`..`, `...`).
fn ends_with_one_period(text: &str) -> bool {
    text.ends_with('.') && !text.ends_with("..")
}
