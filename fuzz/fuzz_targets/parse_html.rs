//! HTML pages to articles (`khabar::parse_html_bytes`), as bytes in any encoding.
//!
//! Invariants: no panic; the article's `text` is present; every span (title, paragraphs,
//! sentences, boilerplate, captions, tags, related, authors, dates, dateline, sources) slices
//! back into `text` by its code-point offsets, except a value the page gives only in its
//! markup, whose span is empty; `body_text` is the paragraphs joined by blank lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the caller's encoding label, as an HTTP header would.
    let (label, page) = match data.split_first() {
        Some((b, rest)) if b % 4 == 1 => (Some("windows-1256"), rest),
        Some((b, rest)) if b % 4 == 2 => (Some("iso-8859-6"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let a = khabar::parse_html_bytes(page, Some("https://example.com.sa/a/1"), label);
    let text: Vec<char> = a.text.as_deref().expect("html articles carry their text").chars().collect();
    let cut = |s: usize, e: usize| -> String {
        assert!(s <= e && e <= text.len(), "span {s}..{e} outside a text of {}", text.len());
        text[s..e].iter().collect()
    };
    let check = |what: &str, t: &str, s: usize, e: usize| {
        assert!(s == e && s == 0 || cut(s, e) == t, "{what} {s}..{e} is not {t:?}");
    };
    for s in a.title.iter().chain(&a.lead).chain(&a.author_bio).chain(&a.tags).chain(&a.captions).chain(&a.related) {
        check("span", &s.text, s.start, s.end);
    }
    for p in &a.paragraphs {
        assert_eq!(cut(p.start, p.end), p.text);
        for &(s, e) in &p.sentences {
            assert!(p.start <= s && s <= e && e <= p.end, "sentence outside its paragraph");
        }
    }
    for b in &a.boilerplate {
        assert_eq!(cut(b.start, b.end), b.text);
    }
    for x in &a.authors {
        check("author", &x.name, x.start, x.end);
    }
    for d in a.published.iter().chain(&a.modified) {
        check("date", &d.text, d.start, d.end);
    }
    if let Some(d) = &a.dateline {
        check("dateline", &d.text, d.start, d.end);
    }
    for s in &a.sources {
        check("source", &s.text, s.start, s.end);
    }
    let joined: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(a.body_text, joined.join("\n\n"));
});
