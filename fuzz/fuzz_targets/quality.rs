//! Quality signals (`quality::signals`) and the FineWeb-2 filter (`quality::filter::decide`).
//!
//! Invariants: no panic; counts agree with each other (words and lines no more than the text
//! allows); every signal documented as a share is in [0, 1]; every preset's decision is to
//! keep or a rule's name, and an empty text is dropped as "empty".
#![no_main]

use khabar::quality::filter::{decide, Preset};
use khabar::quality::signals;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = signals(text);
    let chars = text.chars().count();
    assert_eq!(s.chars, chars);
    assert!(s.words <= chars && s.stopwords <= s.words, "{s:?}");
    assert!(s.lines <= text.matches('\n').count() + 1, "{s:?}");
    let shares = [
        s.arabic_letter_ratio,
        s.latin_letter_ratio,
        s.arabizi_word_ratio,
        s.non_alpha_word_ratio,
        s.line_punct_ratio,
        s.dup_line_frac,
        s.dup_line_char_frac,
        s.char_dup_ratio,
        s.mojibake,
    ];
    for (i, v) in shares.iter().chain(&s.dup_ngram_frac).enumerate() {
        assert!((0.0..=1.0).contains(v), "share {i} = {v} of {text:?}");
    }
    for v in s.top_ngram_frac.iter().chain([&s.diacritic_ratio, &s.mean_word_length, &s.newline_ratio]) {
        assert!(v.is_finite() && *v >= 0.0, "{s:?}");
    }
    for name in Preset::NAMES {
        let settings = Preset::named(name).unwrap().settings();
        match decide(text, &settings) {
            None => assert!(!text.is_empty()),
            Some(reason) => {
                let known = ["empty", "dup_line_frac", "line_punct_ratio", "char_dup_ratio", "list_ratio"]
                    .contains(&reason.as_str())
                    || (2..=4).any(|n| reason == format!("top_{n}_gram"))
                    || (5..=10).any(|n| reason == format!("duplicated_{n}_n_grams"))
                    || reason.starts_with("gopher_");
                assert!(known, "unknown reason {reason}");
                if text.is_empty() {
                    assert_eq!(reason, "empty");
                }
            }
        }
    }
});
