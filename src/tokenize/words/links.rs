//! URLs, bare domains and email addresses: where one that starts at a position ends.
//!
//! A URL starts with a scheme (`http://`, `https://`, `ftp://`) or `www.`, or is a bare domain
//! of at least two ASCII labels ending in a country code or a known generic top-level domain,
//! with an optional path; characters that close a sentence are trimmed off its end, and a
//! closing parenthesis stays when it balances one inside the URL. A failed attempt records how
//! far it looked, so no later start inside the same run looks again.

use super::Words;
use crate::text::is_space;
use crate::text::utf8::char_at;

/// Characters that close a URL when they end it (trimmed off the URL).
fn url_trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | ')'
            | ']'
            | '}'
            | '>'
            | '»'
            | '…'
            | '،'
            | '؛'
            | '؟'
            | '”'
            | '’'
    )
}

/// Characters that cannot be inside a URL at all.
fn url_stop(c: char) -> bool {
    matches!(c, '"' | '<' | '>' | '«' | '»' | '“' | '”' | '،' | '؛') || is_space(c)
}

/// Generic top-level domains accepted for bare domains; any two-letter label is a country code.
const GENERIC_TLDS: &[&str] = &[
    "com", "net", "org", "info", "gov", "edu", "mil", "int", "biz", "name", "pro", "news",
    "online", "site", "app", "tech", "media", "live", "store", "blog", "website", "world", "today",
    "press",
];

/// Starts `text[i..]` with `prefix`, ASCII case-insensitively?
fn starts_with_ci(text: &str, i: usize, prefix: &str) -> bool {
    text.as_bytes()
        .get(i..i + prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// End of a run of dot-separated ASCII labels from `i`, with the number of labels and the
/// start of the last one. A dot must be followed by a label byte to belong to the run.
fn label_run(bytes: &[u8], i: usize) -> (usize, usize, usize) {
    let mut end = i;
    let mut labels = 0;
    let mut last = i;
    loop {
        let s = end;
        while end < bytes.len() && is_label_byte(bytes[end]) {
            end += 1;
        }
        if end == s {
            break;
        }
        labels += 1;
        last = s;
        if end + 1 < bytes.len() && bytes[end] == b'.' && is_label_byte(bytes[end + 1]) {
            end += 1;
        } else {
            break;
        }
    }
    (end, labels, last)
}

fn is_domain_tld(label: &[u8], generic_too: bool) -> bool {
    if !label.iter().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    label.len() == 2 || (generic_too && GENERIC_TLDS.iter().any(|t| t.as_bytes() == label))
}

impl<'a> Words<'a> {
    /// End of the URL starting at `start` with a scheme or `www.`, if it is one.
    pub(super) fn scheme_url_end(&self, start: usize) -> Option<usize> {
        let text = self.text;
        let prefix = ["https://", "http://", "ftp://", "www."]
            .into_iter()
            .find(|p| starts_with_ci(text, start, p))?;
        let body = start + prefix.len();
        let mut end = body;
        while let Some(c) = char_at(text, end) {
            if url_stop(c) {
                break;
            }
            end += c.len_utf8();
        }
        let end = trim_url(text, start, end);
        (end > body).then_some(end)
    }

    /// End of a bare domain (`example.com`, `bbc.co.uk/arabic`) starting at `start`.
    pub(super) fn domain_end(&mut self, start: usize) -> Option<usize> {
        if start < self.no_domain_before {
            return None;
        }
        let bytes = self.text.as_bytes();
        let (end, labels, last) = label_run(bytes, start);
        let ok = labels >= 2
            && is_domain_tld(&bytes[last..end], true)
            && bytes[start].is_ascii_alphanumeric()
            && !bytes
                .get(end)
                .is_some_and(|&b| b == b'@' || b == b'_' || b.is_ascii_alphanumeric());
        if !ok {
            // Any later start inside this run reaches the same end and last label: it fails too.
            self.no_domain_before = end;
            return None;
        }
        if bytes.get(end) == Some(&b'/') {
            let mut e = end;
            while let Some(c) = char_at(self.text, e) {
                if url_stop(c) {
                    break;
                }
                e += c.len_utf8();
            }
            return Some(trim_url(self.text, start, e));
        }
        Some(end)
    }

    /// End of an email address starting at `start`.
    pub(super) fn email_end(&mut self, start: usize) -> Option<usize> {
        if start < self.no_email_before {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut at = start;
        while at < bytes.len()
            && (bytes[at].is_ascii_alphanumeric()
                || matches!(bytes[at], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            at += 1;
        }
        if bytes.get(at) != Some(&b'@') {
            self.no_email_before = at;
            return None;
        }
        let (end, labels, last) = label_run(bytes, at + 1);
        let tld = &bytes[last..end];
        if labels >= 2 && tld.len() >= 2 && tld.iter().all(|b| b.is_ascii_alphabetic()) {
            Some(end)
        } else {
            self.no_email_before = at;
            None
        }
    }

}

fn trim_url(text: &str, start: usize, mut end: usize) -> usize {
    while let Some(c) = text[start..end].chars().next_back() {
        if !url_trailing(c) {
            break;
        }
        if c == ')' {
            let url = &text[start..end];
            if url.matches('(').count() >= url.matches(')').count() {
                break; // a balanced parenthesis belongs to the URL (Wikipedia links)
            }
        }
        end -= c.len_utf8();
    }
    end
}
