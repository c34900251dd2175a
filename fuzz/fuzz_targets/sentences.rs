//! The sentence segmenter.
//!
//! Invariants (its docs promise them): no panic; spans are non-empty, on character
//! boundaries, in order and not overlapping; each is trimmed (no space at either end); every
//! character outside all spans is a space; `sentences` returns the same slices.
#![no_main]

use khabar::tokenize::{sentence_spans, sentences};
use khabar_fuzz::is_documented_space;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let spans = sentence_spans(text);
    let mut before = 0;
    for &(s, e) in &spans {
        assert!(before <= s && s < e && e <= text.len(), "({s}, {e}) after {before} in {text:?}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "({s}, {e}) cuts a character of {text:?}");
        let sentence = &text[s..e];
        let (first, last) = (sentence.chars().next().unwrap(), sentence.chars().next_back().unwrap());
        assert!(!is_documented_space(first) && !is_documented_space(last), "{sentence:?} is not trimmed");
        assert!(text[before..s].chars().all(is_documented_space), "{:?} between sentences of {text:?}", &text[before..s]);
        before = e;
    }
    assert!(text[before..].chars().all(is_documented_space), "{:?} after the last sentence of {text:?}", &text[before..]);
    let slices: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(sentences(text), slices);
});
