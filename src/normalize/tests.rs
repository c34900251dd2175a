//! Table-driven tests of every rule and preset, and of the engine's invariants.

use super::*;

fn with(preset: &str, rules: &[(&str, RawValue)]) -> Normalizer {
    let mut o = NormalizeOptions::preset(preset).unwrap();
    for (r, v) in rules {
        o.set(r, v.clone()).unwrap();
    }
    Normalizer::new(o)
}

fn on(rule: &str) -> Normalizer {
    with("none", &[(rule, RawValue::Bool(true))])
}

fn choice(rule: &str, v: &str) -> Normalizer {
    with("none", &[(rule, RawValue::Str(v.into()))])
}

/// (rule, input, expected) with only that rule on.
const ONE_RULE: &[(&str, &str, &str)] = &[
    ("strip_harakat", "مَدْرَسَةٌ", "مدرسة"),
    ("strip_harakat", "شدّة هٰذا", "شدة هٰذا"),
    ("strip_dagger_alef", "هٰذا", "هذا"),
    ("strip_quranic_marks", "ٱلرَّحِيمِ ۝١ صلى ﷺ ؐ", "ٱلرَّحِيمِ ۝١ صلى ﷺ "),
    ("strip_quranic_marks", "مَالِكِ يَوْمِ ٱلدِّينِۖ", "مَالِكِ يَوْمِ ٱلدِّينِ"),
    ("strip_extended_marks", "بٖ بٔ", "ب بٔ"),
    ("strip_tatweel", "كتـــاب", "كتاب"),
    ("strip_tatweel", "القاهرة ـ كتب", "القاهرة  كتب"),
    ("fold_alef", "أإآٱٲٳا", "ااااااا"),
    ("fold_alef_hamza", "أإآٱ", "اااٱ"),
    ("fold_alef_maqsura", "على", "علي"),
    ("final_yeh_to_alef_maqsura", "في علي يوم فيَ يَد", "فى على يوم فىَ يَد"),
    ("fold_teh_marbuta", "مدرسة", "مدرسه"),
    ("fold_hamza_carriers", "مؤتمر رئيس", "موتمر رييس"),
    ("fold_persian_letters", "کتاب ڪتاب یک ۍ ې ە ہ ھ", "كتاب كتاب يك ي ي ه ه ه"),
    ("fold_persian_extra", "گ پ چ ژ", "ك ب ج ز"),
    ("ascii_punctuation", "قال، ثم؛ لماذا؟ ۔ ٥٪", "قال, ثم; لماذا? . ٥%"),
    ("ascii_quotes", "«لن نتراجع»", "\"لن نتراجع\""),
    ("strip_invisible", "a\u{200F}b\u{200E}c\u{202B}d\u{202C}\u{2067}e\u{2069}\u{FEFF}f\u{200B}g\u{200D}h\u{061C}", "abcdefgh"),
    ("strip_invisible", "می\u{200C}خواهم", "می\u{200C}خواهم"),
    ("presentation_forms", "ﺑﺴﻢ ﷲ ﻻ ﻷ", "بسم الله لا لأ"),
    ("presentation_forms", "ﷺ", "ﷺ"),
    ("expand_honorifics", "ﷺ", "صلى الله عليه وسلم"),
    ("compose", "ا\u{0654}و\u{0654}ي\u{0654}ا\u{0653}ا\u{0655}", "أؤئآإ"),
    ("compose", "ب\u{0651}\u{064E}", "ب\u{064E}\u{0651}"),
    ("compose", "ب\u{0654}", "ب\u{0654}"),
    ("normalize_whitespace", "  a \u{00A0} b\t\u{2003}c  \n  d  ", "a b c d"),
    ("strip_tatweel", "", ""),
    ("strip_harakat", "no arabic at all", "no arabic at all"),
];

#[test]
fn each_rule_alone() {
    for &(rule, input, expected) in ONE_RULE {
        assert_eq!(on(rule).normalize(input), expected, "{rule} on {input:?}");
    }
}

#[test]
fn choices() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("digits", "ascii", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٣٫١٤ ١٬٠٠٠", "0123456789 0123456789 3.14 1,000"),
        ("digits", "arabic", "2024 ۲۰۲۴", "٢٠٢٤ ٢٠٢٤"),
        ("digits", "persian", "2024 ٢٠٢٤", "۲۰۲۴ ۲۰۲۴"),
        ("zwnj", "space", "می\u{200C}خواهم", "می خواهم"),
        ("zwnj", "delete", "می\u{200C}خواهم", "میخواهم"),
        ("zwnj", "keep", "می\u{200C}خواهم", "می\u{200C}خواهم"),
        ("mask_urls", "token", "زوروا https://spa.gov.sa/x.", "زوروا <URL>."),
        ("mask_urls", "remove", "زوروا https://spa.gov.sa/x", "زوروا "),
        ("mask_emails", "token", "راسلنا info@x.com", "راسلنا <EMAIL>"),
        ("mask_mentions", "token", "قال @محمد", "قال <USER>"),
        ("mask_hashtags", "words", "#السعودية_الآن اليوم", "السعودية الآن اليوم"),
        ("mask_hashtags", "token", "#عاجل", "<HASHTAG>"),
        ("mask_emoji", "remove", "رائع😂👍🏽", "رائع"),
        ("mask_emoji", "token", "رائع 😂😂", "رائع <EMOJI>"),
    ];
    for &(rule, value, input, expected) in cases {
        assert_eq!(choice(rule, value).normalize(input), expected, "{rule}={value} on {input:?}");
    }
}

#[test]
fn elongation_counts() {
    for (n, input, expected) in [
        (1, "ههههههه رااااائع مممتاز الله", "ه رائع متاز الله"),
        (2, "ههههههه رااااائع الله", "هه راائع الله"),
        (3, "ههههههه رااااائع", "ههه رااائع"),
    ] {
        let norm = with("none", &[("elongation", RawValue::Int(n))]);
        assert_eq!(norm.normalize(input), expected, "elongation={n}");
    }
}

#[test]
fn whitespace_keeps_paragraph_breaks() {
    let n = with("none", &[("normalize_whitespace", RawValue::Bool(true)), ("keep_newlines", RawValue::Bool(true))]);
    assert_eq!(n.normalize(" سطر  أول \r\n\r\n\n\n سطر\u{00A0}ثان \n"), "سطر أول\n\nسطر ثان");
    assert_eq!(n.normalize("\n\n \n"), "");
}

#[test]
fn tatweel_dash_is_kept_between_spaces() {
    let n = with("none", &[("strip_tatweel", RawValue::Bool(true)), ("keep_tatweel_dash", RawValue::Bool(true))]);
    assert_eq!(n.normalize("القاهرة ـ كتب"), "القاهرة ـ كتب");
    assert_eq!(n.normalize("لندن ــ «القدس» كتـــاب"), "لندن ــ «القدس» كتاب");
    assert_eq!(n.normalize("ـ بداية"), "ـ بداية");
    assert_eq!(n.normalize("كلمةـ بداية"), "كلمة بداية");
}

#[test]
fn compose_then_fold() {
    let n = with("none", &[("compose", RawValue::Bool(true)), ("fold_alef", RawValue::Bool(true)), ("fold_hamza_carriers", RawValue::Bool(true))]);
    assert_eq!(n.normalize("ا\u{0654}حمد مو\u{0654}تمر"), "احمد موتمر");
    // A hamza after a stripped vowel still reaches its carrier (NFD order: fatha before hamza).
    let m = Normalizer::default();
    assert_eq!(m.normalize("ا\u{064E}\u{0654}"), "أ");
    // Kept marks: NFC and NFD inputs agree.
    let d = Normalizer::new(NormalizeOptions::preset("display").unwrap());
    assert_eq!(d.normalize("ا\u{064E}\u{0654}"), d.normalize("أَ"));
    assert_eq!(d.normalize("أَ"), "أَ");
}

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
fn marks_meeting_across_removed_characters_are_ordered_once() {
    // U+0610 (class 230), then ZWSP / tatweel / RLM, then U+0655 (class 220): once the middle
    // goes, the two marks are one cluster and come out in canonical order on the first pass.
    for mid in ["\u{200B}", "\u{0640}", "\u{200F}\u{200B}"] {
        let s = format!("ءء\u{0610}{mid}\u{0655}ءء");
        for p in ["display", "ml_clean", "none"] {
            let mut o = NormalizeOptions::preset(p).unwrap();
            o.set("compose", RawValue::Bool(true)).unwrap();
            o.set("strip_tatweel", RawValue::Bool(true)).unwrap();
            o.set("strip_invisible", RawValue::Bool(true)).unwrap();
            let n = Normalizer::new(o);
            let once = n.normalize(&s).into_owned();
            assert_eq!(n.normalize(&once), once, "preset {p}, middle {mid:?}");
            let (text, align) = n.normalize_with_offsets(&s);
            assert_eq!(text, once, "offsets path, preset {p}");
            assert_eq!(align.len(), text.chars().count());
        }
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
fn nfkc_rule_with_offsets() {
    let n = on("nfkc");
    let (out, align) = n.normalize_with_offsets("ﬁ ① ﻻ");
    assert_eq!(out, "fi 1 لا");
    assert_eq!(align.source_of(0), Some((0, 1)));
    assert_eq!(align.source_of(5), Some((4, 5)));
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
