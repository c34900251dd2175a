//! Tests of the presets and of the engine's invariants (each rule's own cases are in its file
//! under `rules/`), and of the module graph.

use super::*;

#[test]
fn presets_do_what_they_say() {
    let cases: &[(&str, &str, &str)] = &[
        ("ml_clean", "إِلَى الْمَدْرَسَــةِ\u{00A0} ﷲ\u{200F}", "إلى المدرسة الله"),
        ("ml_clean", "القاهرة ـ كتب", "القاهرة ـ كتب"),
        ("basic", "إِلَى الْمَدْرَسَــةِ", "الي المدرسه"),
        ("basic", "ٱلرَّحْمَٰنِ", "الرحمن"),
        ("search", "ٱلْقُرْآنُ هٰذِهِ عَلَى مَدْرَسَــةٌ", "ٱلقران هٰذه علي مدرسه"),
        ("display", "ﺑﺴﻢ\u{200F} الْعَرَبِيَّة", "بسم الْعَرَبِيَّة"),
        ("camel_dediac", "الْعَرَبِيَّةُ هٰذا كتـاب", "العربية هذا كتـاب"),
        ("pyarabic_tashkeel", "الْعَرَبِيَّةُ هٰذا", "العربية هٰذا"),
        ("camel_arclean", "ﻻ ٣٫٥، کتاب 😀 é", "لا 3.5, كتاب 😀 é"),
    ];
    for &(preset, input, expected) in cases {
        let n = Normalizer::new(NormalizeOptions::preset(preset).unwrap());
        assert_eq!(n.normalize(input), expected, "{preset} on {input:?}");
    }
}

#[test]
fn unchanged_text_is_borrowed() {
    let n = Normalizer::default();
    assert!(matches!(n.normalize("كتاب abc"), Cow::Borrowed(_)));
    assert!(matches!(n.normalize("كتـاب"), Cow::Owned(_)));
}

#[test]
fn idempotent_on_every_preset() {
    let s = "أَهْلاً   وَسَهْلاً\u{200F} بِكُمْ فِي ﷲ الْمَدْرَسَــةِ ١٢٣ abc ههههه ﻻ ا\u{0654} #وسم @م https://x.y";
    for p in PRESETS {
        let n = Normalizer::new(NormalizeOptions::preset(p.name).unwrap());
        let once = n.normalize(s).into_owned();
        assert_eq!(n.normalize(&once), once, "preset {}", p.name);
    }
}

#[test]
fn offsets_slice_back() {
    let text = "  ﷲ أَكْبَر\u{200F}  مَدْرَسَــةٌ\nا\u{0654}حمد ﻷ ههههه #وسم_جديد 😀";
    let opts = NormalizeOptions::preset("ml_clean")
        .unwrap()
        .with("fold_alef", true)
        .unwrap()
        .with_value("elongation", RawValue::Int(2))
        .unwrap()
        .with_value("mask_hashtags", RawValue::Str("words".into()))
        .unwrap();
    let n = Normalizer::new(opts);
    let (out, align) = n.normalize_with_offsets(text);
    let src: Vec<char> = text.chars().collect();
    let outc: Vec<char> = out.chars().collect();
    assert_eq!(align.len(), outc.len(), "{out:?}");
    assert_eq!(n.normalize(text), out);
    for (i, c) in outc.iter().enumerate() {
        // Every output character comes from its source span: normalizing that span alone gives
        // it back (spaces aside: they depend on their neighbours).
        let (a, b) = align.source_of(i).unwrap();
        let piece: String = src[a..b].iter().collect();
        let alone = Normalizer::new(NormalizeOptions::preset("ml_clean").unwrap().with("fold_alef", true).unwrap()).normalize(&piece).into_owned();
        assert!(
            alone.contains(*c) || (matches!(c, ' ' | '\n') && piece.chars().all(|p| p.is_whitespace() || p == '_')),
            "output {i} {c:?} from {piece:?} ({a}..{b}), alone: {alone:?}"
        );
    }
    assert_eq!(align.to_source(0, 4), Some((2, 3)));
}

#[test]
fn unknown_names_and_bad_values_are_errors() {
    let e = NormalizeOptions::preset("nope").unwrap_err();
    assert!(e.to_string().contains("ml_clean"));
    let e = NormalizeOptions::default().with("strip_all", true).unwrap_err();
    assert!(e.to_string().contains("strip_tatweel"), "{e}");
    let e = NormalizeOptions::default().with_value("digits", RawValue::Str("roman".into())).unwrap_err();
    assert!(e.to_string().contains("ascii"), "{e}");
    let e = NormalizeOptions::default().with_value("elongation", RawValue::Str("x".into())).unwrap_err();
    assert!(e.to_string().contains("count"), "{e}");
}

#[test]
fn describe_lists_active_rules() {
    let d = Normalizer::default().describe();
    assert!(d.iter().any(|l| l.starts_with("strip_harakat:")));
    assert!(d.iter().all(|l| !l.starts_with("fold_alef")));
}

#[test]
fn growth_is_known() {
    assert!(!Normalizer::new(NormalizeOptions::preset("basic").unwrap()).can_grow());
    assert!(Normalizer::default().can_grow()); // ﷲ -> الله
    let n = Normalizer::new(NormalizeOptions::preset("basic").unwrap());
    for s in ["مَدْرَسَــةٌ", "ا\u{0654}", "abc", ""] {
        assert!(n.normalize(s).len() <= s.len());
    }
}

/// Code points whose replacement under some preset holds a space or a combining mark (the
/// isolated-form marks, ligatures with marks, precomposed letters whose base a rule folds).
fn unfolding() -> Vec<char> {
    use unicode_normalization::char::canonical_combining_class as ccc;
    use unicode_normalization::UnicodeNormalization;
    let mut v: Vec<char> = crate::text::arabic::PRESENTATION_FORMS
        .into_iter()
        .flatten()
        .filter(|c| c.to_string().nfkc().any(|d| d == ' ' || ccc(d) != 0))
        .collect();
    v.extend(['\u{06C0}', '\u{06C2}', '\u{06D3}', 'أ', 'إ', 'آ', 'ؤ', 'ئ']);
    v
}

#[test]
fn one_pass_is_enough_after_a_code_point_that_unfolds() {
    // Issue 15: what a code point unfolds to must meet the whitespace rule and the marks
    // after it in the same pass, under every preset.
    let mut after: Vec<char> = ('\u{0610}'..='\u{061A}')
        .chain('\u{064B}'..='\u{065F}')
        .chain('\u{06D6}'..='\u{06ED}')
        .chain(['\u{0670}', ' ', '\u{00A0}', '\n', ',', 'ل', 'ـ', '\u{200F}', '\u{FEFF}'])
        .collect();
    let unfolding = unfolding();
    after.extend(&unfolding);
    assert!(unfolding.len() > 30, "{}", unfolding.len());
    for p in PRESETS {
        let n = Normalizer::new(NormalizeOptions::preset(p.name).unwrap());
        for &a in &unfolding {
            for &b in &after {
                for s in [format!("{a}{b}"), format!("ب {a}{b}"), format!("{b}{a}")] {
                    let once = n.normalize(&s).into_owned();
                    assert_eq!(n.normalize(&once), once, "{} on {s:?}", p.name);
                    let (text, align) = n.normalize_with_offsets(&s);
                    assert_eq!(text, once, "{} on {s:?}: offsets path", p.name);
                    assert_eq!(align.len(), text.chars().count());
                }
            }
        }
    }
}

#[test]
fn module_graph_has_no_cycle() {
    // The modules each module of `normalize` may use (see the module docs), and their code.
    let allowed: &[(&str, &str, &[&str])] = &[
        ("table", include_str!("table.rs"), &[]),
        ("alignment", include_str!("alignment.rs"), &[]),
        ("pass", include_str!("pass.rs"), &["table", "alignment"]),
        ("rule", include_str!("rule.rs"), &["table"]),
        ("simd", include_str!("simd.rs"), &["table"]),
        ("presets", include_str!("presets.rs"), &["rule"]),
        ("engine", include_str!("engine.rs"), &["rules", "simd", "pass", "table", "alignment"]),
        ("rules", include_str!("rules/mod.rs"), &["rule", "table", "pass", "alignment"]),
    ];
    let groups: &[(&str, &str)] = &[
        ("composition", include_str!("rules/composition.rs")),
        ("digits", include_str!("rules/digits.rs")),
        ("elongation", include_str!("rules/elongation.rs")),
        ("final_yeh", include_str!("rules/final_yeh.rs")),
        ("invisible", include_str!("rules/invisible.rs")),
        ("letters", include_str!("rules/letters.rs")),
        ("marks", include_str!("rules/marks.rs")),
        ("masks", include_str!("rules/masks.rs")),
        ("punctuation", include_str!("rules/punctuation.rs")),
        ("tatweel", include_str!("rules/tatweel.rs")),
        ("unicode", include_str!("rules/unicode.rs")),
        ("whitespace", include_str!("rules/whitespace.rs")),
    ];
    let modules = ["table", "alignment", "pass", "rule", "rules", "simd", "engine", "presets", "normalize"];
    // The modules of `normalize` a file names, comments and test code left out.
    let used = |code: &str, depth: &str| -> Vec<String> {
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        let mut names = Vec::new();
        for m in modules {
            for prefix in [format!("{depth}{m}"), format!("crate::normalize::{m}")] {
                if code.contains(&format!("{prefix}::")) || code.contains(&format!("{prefix};")) {
                    names.push(m.to_string());
                }
            }
        }
        if code.contains("crate::normalize::{") || code.contains("crate::normalize::Normalizer") {
            names.push("normalize".into());
        }
        names
    };
    for (name, code, ok) in allowed {
        for m in used(code, "super::") {
            assert!(ok.contains(&m.as_str()), "{name} uses {m}");
        }
    }
    let group_ok = ["rule", "table", "pass", "alignment"];
    for (name, code) in groups {
        for m in used(code, "super::super::") {
            assert!(group_ok.contains(&m.as_str()), "rules/{name} uses {m}");
        }
        // Every `super::` is a `super::super::`: a group never uses `rules` or its siblings.
        let code: String = code.split("#[cfg(test)]").next().unwrap_or("").lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        assert_eq!(code.matches("super::").count(), 2 * code.matches("super::super::").count(), "rules/{name} uses rules");
    }
}
