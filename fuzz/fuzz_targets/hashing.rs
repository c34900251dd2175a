//! The hashing vectorizer (`khabar.sklearn.HashingVectorizer`'s core): the first byte chooses
//! the analyzer, the token source, the n-gram range, the norm, `binary`, `alternate_sign`,
//! lowercasing and a tiny `n_features`.
//!
//! Invariants: no panic; one row; its columns are below `n_features`, strictly increasing
//! (sorted, duplicates summed); `binary` rows hold only 1 before the norm; an `l2` row that is
//! not all zeros has norm 1, an `l1` row absolute sum 1; the row of the text equals the row of
//! its features handed over one by one (the analyzers and the hashing agree); the pattern
//! tokens are runs of two or more word characters.
#![no_main]

use khabar::batch::SparseRows;
use khabar::features::analyzers::{is_py_word, token_spans};
use khabar::features::{Analyzer, HashingVectorizer, Norm, Scratch, TokenSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let analyzer = match pick % 4 {
        0 => Analyzer::Word(TokenSource::Pattern),
        1 => Analyzer::Word(TokenSource::Khabar),
        2 => Analyzer::Char,
        _ => Analyzer::CharWb,
    };
    let min = 1 + usize::from(pick >> 2 & 1);
    let v = HashingVectorizer {
        n_features: if pick & 0x80 != 0 { 7 } else { 1 << 20 },
        ngram: (min, min + usize::from(pick >> 3 & 1)),
        analyzer,
        lowercase: pick & 0x10 != 0,
        alternate_sign: pick & 0x20 != 0,
        binary: pick & 0x40 != 0,
        norm: [Norm::None, Norm::L1, Norm::L2][usize::from(pick) % 3],
        normalizer: None,
    };
    let mut out = SparseRows::new();
    v.write_row(text, &mut Scratch::default(), &mut out);
    out.end_row();
    assert_eq!(out.rows(), 1);
    let (cols, vals) = out.row(0);
    assert!(cols.windows(2).all(|w| w[0] < w[1]), "columns not strictly increasing for {text:?}");
    assert!(cols.iter().all(|&c| c < v.n_features));
    if vals.iter().any(|&x| x != 0.0) {
        match v.norm {
            Norm::L2 => assert!((vals.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() < 1e-9),
            Norm::L1 => assert!((vals.iter().map(|x| x.abs()).sum::<f64>() - 1.0).abs() < 1e-9),
            Norm::None if v.binary => assert!(vals.iter().all(|&x| x == 1.0)),
            Norm::None => assert!(vals.iter().all(|x| x.fract() == 0.0)),
        }
    }
    if let Analyzer::Word(TokenSource::Pattern) = analyzer {
        let mut spans = Vec::new();
        token_spans(text, TokenSource::Pattern, &mut spans);
        for &(s, e) in &spans {
            let word = &text[s..e];
            assert!(word.chars().count() >= 2 && word.chars().all(is_py_word), "{word:?} in {text:?}");
            assert!(!text[..s].chars().next_back().is_some_and(is_py_word), "a token starts inside a run: {text:?}");
            assert!(!text[e..].chars().next().is_some_and(is_py_word), "a token ends inside a run: {text:?}");
        }
        if !v.lowercase && v.ngram == (1, 1) {
            let mut again = SparseRows::new();
            v.write_features(spans.iter().map(|&(s, e)| &text[s..e]), &mut Scratch::default(), &mut again);
            again.end_row();
            assert_eq!(again, out, "features one by one differ for {text:?}");
        }
    }
});
