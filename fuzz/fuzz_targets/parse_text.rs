//! The plain-text article parser, `khabar::parse_text`.
//!
//! Invariants (the parser's I1, I3, I4): no panic; every field with a span slices back to its
//! text in code points of the input (an author's span to the name; spans without a text lie
//! inside the input); sentences are ordered, disjoint and inside their paragraph; `body_text`
//! is the paragraphs joined by a blank line; `input.length` is the input's length.
#![no_main]

use khabar::Article;
use libfuzzer_sys::fuzz_target;

fn check(raw: &str, a: &Article) {
    let chars: Vec<char> = raw.chars().collect();
    assert_eq!(a.input.length, chars.len(), "input.length of {raw:?}");
    let inside = |what: &str, s: usize, e: usize| {
        assert!(s <= e && e <= chars.len(), "{what} ({s}, {e}) outside {raw:?}");
    };
    let slices = |what: &str, text: &str, s: usize, e: usize| {
        inside(what, s, e);
        let got: String = chars[s..e].iter().collect();
        assert_eq!(got, text, "{what} ({s}, {e}) does not slice back in {raw:?}");
    };
    let spans = a.title.iter().map(|s| ("title", s)).chain(a.lead.iter().map(|s| ("lead", s)));
    let spans = spans.chain(a.author_bio.iter().map(|s| ("author_bio", s)));
    let spans = spans.chain(a.tags.iter().map(|s| ("tag", s)));
    let spans = spans.chain(a.captions.iter().map(|s| ("caption", s)));
    for (what, s) in spans.chain(a.related.iter().map(|s| ("related", s))) {
        slices(what, &s.text, s.start, s.end);
    }
    for au in &a.authors {
        slices("author", &au.name, au.start, au.end);
        inside("author line", au.line.start, au.line.end);
    }
    for d in a.published.iter().chain(&a.modified) {
        slices("date", &d.text, d.start, d.end);
    }
    if let Some(d) = &a.dateline {
        slices("dateline", &d.text, d.start, d.end);
    }
    for s in &a.sources {
        slices("source", &s.text, s.start, s.end);
    }
    for p in &a.paragraphs {
        slices("paragraph", &p.text, p.start, p.end);
        assert!(!p.text.is_empty(), "an empty paragraph in {raw:?}");
        let mut at = p.start;
        for &(s, e) in &p.sentences {
            assert!(at <= s && s < e && e <= p.end, "sentence ({s}, {e}) after {at} in paragraph {p:?}");
            at = e;
        }
    }
    for t in &a.tables {
        inside("table", t.start, t.end);
    }
    for c in &a.comments {
        slices("comment", &c.text, c.start, c.end);
    }
    for b in &a.boilerplate {
        slices("boilerplate", &b.text, b.start, b.end);
    }
    let joined: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(a.body_text, joined.join("\n\n"), "body_text of {raw:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    check(raw, &khabar::parse_text(raw));
});
