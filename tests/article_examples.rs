//! Golden and invariant tests for the plain-text article parser.
//!
//! - Golden: every plain-text example of `shared/parse/examples` (and the seed article) is
//!   parsed and compared with its `*.expected.json`: same keys, same values, floats within
//!   0.001. Deviations we chose on purpose are listed in [`DEVIATIONS`] with the reason.
//! - Invariants (SPEC B): I1 every span slices back to its text, I2 every non-space character
//!   belongs to exactly one zone, I3 sentences are ordered and inside their paragraph, I4
//!   `body_text` is the joined paragraphs, I5 nothing panics. They run on every example, on a
//!   list of malformed inputs and on generated inputs.
//!
//! `shared/` sits next to the crate; without it the golden tests print a note and pass.

use std::path::{Path, PathBuf};

use khabar::parse_text;
use khabar::text::is_space;
use serde_json::Value;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

/// Plain-text examples: (input, expected output), relative to `shared/`.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "corpus/seed/article.txt",
        "parse/examples/seed.expected.json",
    ),
    (
        "parse/examples/T01_levant_hijri_byline.txt",
        "parse/examples/T01_levant_hijri_byline.expected.json",
    ),
    (
        "parse/examples/T02_maghreb_source_line.txt",
        "parse/examples/T02_maghreb_source_line.expected.json",
    ),
    (
        "parse/examples/T03_wire_signoff_alsoread.txt",
        "parse/examples/T03_wire_signoff_alsoread.expected.json",
    ),
    (
        "parse/examples/T04_no_title_ad_subheading.txt",
        "parse/examples/T04_no_title_ad_subheading.expected.json",
    ),
    (
        "parse/examples/T05_sentence_stress.txt",
        "parse/examples/T05_sentence_stress.expected.json",
    ),
    (
        "parse/examples/T06_footer_variants.txt",
        "parse/examples/T06_footer_variants.expected.json",
    ),
    (
        "parse/examples/T07_by_caption_tatweel.txt",
        "parse/examples/T07_by_caption_tatweel.expected.json",
    ),
    (
        "parse/examples/T10_bom_crlf_hijri.txt",
        "parse/examples/T10_bom_crlf_hijri.expected.json",
    ),
];

/// Where we differ from an expectation on purpose: (input, JSON pointer, our value, why).
const DEVIATIONS: &[(&str, &str, &str, &str)] = &[(
    "parse/examples/T10_bom_crlf_hijri.txt",
    "/warnings/0",
    "\"date_converted_from_hijri_umm_al_qura\"",
    "the prototype converts Hijri dates with the tabular calendar and says so; we use Umm al-Qura \
     (icu_calendar), which gives the same day here (2024-03-11), and name the warning after it",
)];

fn shared() -> Option<PathBuf> {
    let dir = Path::new(SHARED);
    if dir.join("parse/examples").is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("note: {SHARED} is absent; skipping the golden tests");
        None
    }
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn examples_match_expectations() {
    let Some(shared) = shared() else { return };
    let mut failures = Vec::new();
    for &(input, expected) in EXAMPLES {
        let raw = read(&shared.join(input));
        let mut want: Value =
            serde_json::from_str(&read(&shared.join(expected))).unwrap_or(Value::Null);
        for &(_, pointer, ours, why) in DEVIATIONS.iter().filter(|d| d.0 == input) {
            let slot = want
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{input}: no {pointer} to deviate from"));
            eprintln!("note: {input} {pointer}: expecting {ours} instead of {slot}: {why}");
            *slot = serde_json::from_str(ours).unwrap_or(Value::Null);
        }
        let got = serde_json::to_value(parse_text(&raw)).unwrap_or(Value::Null);
        let mut diffs = Vec::new();
        compare(&got, &want, String::new(), &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{input}:\n  {}", diffs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_article_headlines() {
    let Some(shared) = shared() else { return };
    let a = parse_text(&read(&shared.join("corpus/seed/article.txt")));
    let span = |s: &Option<khabar::article::Span>| s.as_ref().map(|s| (s.start, s.end));
    assert_eq!(span(&a.title), Some((4, 113)));
    assert_eq!(span(&a.lead), Some((115, 228)));
    assert_eq!((a.stats.paragraphs, a.stats.sentences), (9, 15));
    assert_eq!(
        a.authors
            .iter()
            .map(|a| (a.name.as_str(), a.start, a.end))
            .collect::<Vec<_>>(),
        [("نور الدين", 2484, 2493)]
    );
    assert_eq!(span(&a.author_bio), Some((2495, 2793)));
    assert_eq!(a.related.len(), 2);
    assert_eq!(a.published, None);
}

#[test]
fn invariants_hold_on_examples() {
    let Some(shared) = shared() else { return };
    for &(input, _) in EXAMPLES {
        check_invariants(&read(&shared.join(input)), input);
    }
}

#[test]
fn malformed_inputs_never_panic() {
    let ten_megabyte_line = "كلمة عربية طويلة، ".repeat((10 << 20) / "كلمة عربية طويلة، ".len());
    let megabyte_dots = "ا.".repeat(1 << 19);
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("spaces", " \t \n\n  \r\n".into()),
        (
            "no arabic",
            "Hello world. This is English text.\nBy John Smith\nTags: a, b".into(),
        ),
        ("10 MB line", ten_megabyte_line),
        ("megabyte dots", megabyte_dots),
        (
            "replacement chars",
            "عنوان \u{fffd}\u{fffd}\n\u{fffd} نص الخبر هنا.\n\u{fffd}".into(),
        ),
        (
            "crlf",
            "عنوان الخبر\r\n\r\nالقاهرة - نص الخبر.\r\nفقرة ثانية.\r\nفقرة ثالثة.\r\n".into(),
        ),
        ("bom", "\u{feff}عنوان\nنص.".into()),
        ("bom only", "\u{feff}".into()),
        (
            "nbsp lines",
            "\u{a0}\n\u{a0}\u{a0}\nعنوان\n\u{a0}\nنص الخبر.\n\u{a0}".into(),
        ),
        ("lone cr", "عنوان\rنص الخبر.\rفقرة.".into()),
        ("lone tatweel", "ـ\nـــ\nهـ".into()),
        ("punctuation", ".\n؟\n...\n«»\n()\n:".into()),
        ("signoff only", "ي.أ/ ع.غ (د ب أ، رويترز)".into()),
        (
            "title then signoff",
            "عنوان\nنص الخبر هنا\nي.أ/ ع.غ (د ب أ)".into(),
        ),
        ("dateline only", "عنوان\nالقاهرة -".into()),
        (
            "bylines only",
            "كتب: أحمد\nWritten by سامي\nإقرأ المزيد".into(),
        ),
        (
            "dates",
            "الجمعة 31 فبراير 2019\n30 شعبان 1445 هـ\n99/99/2020\n10 يناير 2020 - 99:99 م".into(),
        ),
        ("marks", "\u{064e}\u{064f}\n\u{0670}ـ\u{064b}".into()),
        (
            "controls",
            "\u{0}\u{1}\u{7f}\u{200e}\u{202e}عنوان\u{2028}نص.\u{2029}".into(),
        ),
        ("astral", "😀 عنوان 😀\n𝔸𝔹 نص. 😀".into()),
    ];
    for (name, input) in &cases {
        let article = parse_text(input);
        check_invariants(input, name);
        if input.trim_matches(is_space).is_empty() {
            assert!(
                article
                    .warnings
                    .contains(&khabar::article::Warning::EmptyInput),
                "{name}"
            );
        }
    }
    let a = parse_text("\u{feff}عنوان\r\nنص.");
    assert!(a.input.bom_stripped);
    assert_eq!(a.input.length, "عنوان\r\nنص.".chars().count());
    assert!(parse_text("نص \u{fffd}")
        .warnings
        .contains(&khabar::article::Warning::ReplacementCharacters));
}

#[test]
fn generated_inputs_keep_the_invariants() {
    const PIECES: &[&str] = &[
        "كتب",
        "كتبت: ",
        "By ",
        "Written by ",
        "بيروت",
        " - ",
        " ـ ",
        "«",
        "»",
        "(",
        ")",
        "رويترز",
        "واس",
        "أ ف ب",
        "د.",
        "ص.ب.",
        "3.5",
        "١٥",
        " كانون الثاني ",
        "2020",
        " هـ",
        "رمضان",
        "1445",
        "الجمعة",
        "8 فيفري 2019",
        ". ",
        "؟",
        "!",
        "…",
        "،",
        ":",
        " ",
        " ",
        " ",
        "\u{a0}",
        "\n",
        "\n",
        "\r\n",
        "\u{feff}",
        "\u{fffd}",
        "الوسوم: ",
        "إقرأ المزيد",
        "اقرأ أيضا: ",
        "إعلان",
        "صورة: ",
        "المصدر: ",
        "جميع الحقوق محفوظة",
        "شارك",
        "مقالات ذات صلة",
        "قال",
        "الوزير",
        "نص",
        "الخبر",
        "ي.أ/ ع.غ ",
        "ـ",
        "\u{064e}",
        "x",
        "😀",
        "–",
        "—",
        "--",
        "/",
        "_",
        "سبق",
        "عين اليوم",
        "(CNN)",
        "، ",
        "20 يوليو",
        "// انتهى //",
        "-انتهى-",
        "رابط الخبر بصحيفة الوئام: ",
        "سمات ",
        "تصوير: ",
        "[email\u{a0}protected] /* */",
        "Next Previous ",
        "\u{202b}",
        "-----",
        "By فرانس 24",
        "بقلم ",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for case in 0..4000 {
        let len = (next() % 60) as usize;
        let input: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        check_invariants(&input, &format!("generated case {case}: {input:?}"));
    }
}

/// I1-I5 for one input.
fn check_invariants(input: &str, name: &str) {
    let article = parse_text(input);
    let doc = serde_json::to_value(&article).unwrap_or(Value::Null);
    let src: Vec<char> = input
        .strip_prefix('\u{feff}')
        .unwrap_or(input)
        .chars()
        .collect();
    let slice = |s: &Value, e: &Value| -> Option<String> {
        let (s, e) = (s.as_u64()? as usize, e.as_u64()? as usize);
        (s <= e && e <= src.len()).then(|| src[s..e].iter().collect())
    };
    assert_eq!(article.input.length, src.len(), "{name}: length");

    // I1: every object with start/end and text (or name) slices back to it.
    let mut spans = Vec::new();
    collect_spans(&doc, &mut spans);
    for (text, start, end) in &spans {
        assert_eq!(
            slice(start, end).as_ref(),
            Some(text),
            "{name}: I1 {text:?} at {start}-{end}"
        );
    }

    // I2: every non-space character in exactly one zone; a byline's place is part of the byline.
    let mut owners = vec![0u32; src.len()];
    let mut claim = |v: &Value| {
        if let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) {
            for slot in owners.iter_mut().take(e as usize).skip(s as usize) {
                *slot += 1;
            }
        }
    };
    for zone in ["paragraphs", "related", "captions", "boilerplate"] {
        doc[zone]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(&mut claim);
    }
    claim(&doc["title"]);
    claim(&doc["author_bio"]);
    let in_byline = |d: &Value| {
        doc["boilerplate"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|b| {
                b["kind"] == "byline"
                    && b["start"].as_u64() <= d["start"].as_u64()
                    && d["end"].as_u64() <= b["end"].as_u64()
            })
    };
    if !doc["dateline"].is_null() && !in_byline(&doc["dateline"]) {
        claim(&doc["dateline"]);
    }
    for (i, c) in src.iter().enumerate() {
        if !is_space(*c) {
            assert_eq!(
                owners[i], 1,
                "{name}: I2 character {i} {c:?} has {} owners",
                owners[i]
            );
        }
    }

    // I3: sentences ordered, disjoint, inside their paragraph.
    for p in &article.paragraphs {
        let mut at = p.start;
        for &(s, e) in &p.sentences {
            assert!(
                at <= s && s < e && e <= p.end,
                "{name}: I3 sentence {s}-{e} in paragraph {}-{}",
                p.start,
                p.end
            );
            at = e;
        }
        assert!(!p.text.is_empty(), "{name}: empty paragraph");
    }

    // I4: body_text is the joined paragraphs.
    let joined: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(article.body_text, joined.join("\n\n"), "{name}: I4");
    assert_eq!(article.stats.paragraphs, article.paragraphs.len(), "{name}");
}

/// (text, start, end) of every object carrying a text (or an author name) and its span.
fn collect_spans(v: &Value, out: &mut Vec<(String, Value, Value)>) {
    match v {
        Value::Object(map) => {
            let text = map
                .get("text")
                .or_else(|| map.get("name"))
                .and_then(Value::as_str);
            if let (Some(text), Some(s), Some(e)) = (text, map.get("start"), map.get("end")) {
                out.push((text.to_string(), s.clone(), e.clone()));
            }
            map.values().for_each(|x| collect_spans(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| collect_spans(x, out)),
        _ => {}
    }
}

/// Differences between `got` and `want`: keys, values, floats within 0.001.
fn compare(got: &Value, want: &Value, path: String, diffs: &mut Vec<String>) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for k in w.keys().filter(|k| !g.contains_key(*k)) {
                diffs.push(format!("{path}/{k}: missing"));
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                diffs.push(format!("{path}/{k}: unexpected"));
            }
            for (k, wv) in w {
                if let Some(gv) = g.get(k) {
                    compare(gv, wv, format!("{path}/{k}"), diffs);
                }
            }
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                compare(gv, wv, format!("{path}/{i}"), diffs);
            }
        }
        (Value::Number(g), Value::Number(w)) if g.is_f64() || w.is_f64() => {
            let (g, w) = (
                g.as_f64().unwrap_or(f64::NAN),
                w.as_f64().unwrap_or(f64::NAN),
            );
            if (g - w).abs() > 0.001 || g.is_nan() {
                diffs.push(format!("{path}: {g} != {w}"));
            }
        }
        _ if got == want => {}
        _ => diffs.push(format!("{path}: got {got}, want {want}")),
    }
}
