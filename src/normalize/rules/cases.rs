//! Test helpers for the rule groups: cases as data, `(rules, input, expected)`.
//!
//! A rule is named alone (`"strip_tatweel"`, turned on) or with a value (`"digits=ascii"`,
//! `"elongation=2"`), on top of the `none` preset.

use crate::normalize::{NormalizeOptions, Normalizer, RawValue};

/// A normalizer with exactly `rules` on.
pub fn normalizer(rules: &[&str]) -> Normalizer {
    let mut o = NormalizeOptions::preset("none").unwrap();
    for r in rules {
        let (name, value) = match r.split_once('=') {
            None => (*r, RawValue::Bool(true)),
            Some((name, v)) => (name, v.parse().map_or_else(|_| RawValue::Str(v.into()), RawValue::Int)),
        };
        o.set(name, value).unwrap_or_else(|e| panic!("{e}"));
    }
    Normalizer::new(o)
}

/// Every case gives its expected output, the same with offsets, and is stable under a second
/// pass.
pub fn check(cases: &[(&[&str], &str, &str)]) {
    for &(rules, input, expected) in cases {
        let n = normalizer(rules);
        let out = n.normalize(input);
        assert_eq!(out, expected, "{rules:?} on {input:?}");
        let (with_offsets, align) = n.normalize_with_offsets(input);
        assert_eq!(with_offsets, expected, "{rules:?} on {input:?}, offsets path");
        assert_eq!(align.len(), expected.chars().count(), "{rules:?} on {input:?}: one span per character");
        assert_eq!(n.normalize(expected), expected, "{rules:?}: a second pass changes {expected:?}");
    }
}

/// Normalizing `s` twice with `preset` gives what normalizing it once gives.
pub fn check_idempotent(preset: &str, s: &str) {
    let n = Normalizer::new(NormalizeOptions::preset(preset).unwrap());
    let once = n.normalize(s).into_owned();
    assert_eq!(n.normalize(&once), once, "{preset} on {s:?}");
}
