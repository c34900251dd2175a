//! Golden and invariant tests for the plain-text article parser.
//!
//! - Golden: every input of `tests/data/parse` (the seed article, the specification's
//!   plain-text examples, and ANT articles rendered in each evaluation layout) is parsed and
//!   compared with its `*.expected.json`: same keys, same values, floats within 0.001. The
//!   layout goldens are also checked against the gold their renderer wrote (`*.gold.json`).
//! - Invariants (SPEC B): I1 every span slices back to its text, I2 every non-space character
//!   belongs to exactly one zone, I3 sentences are ordered and inside their paragraph, I4
//!   `body_text` is the joined paragraphs, I5 nothing panics. They run on every golden, on a
//!   list of malformed inputs and on generated inputs.
//!
//! The goldens are in the repository, so these tests never depend on anything outside it.

use std::path::{Path, PathBuf};

use khabar::parse_text;
use khabar::text::is_space;
use serde_json::Value;

/// The goldens (see `tests/data/parse/README.md`).
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parse");

/// Every golden, as a path without extension relative to [`DATA`]: the seed article, the
/// specification's plain-text examples and the 24 layout goldens.
fn goldens() -> Vec<String> {
    let mut names: Vec<String> = [
        "seed",
        "T01_levant_hijri_byline",
        "T02_maghreb_source_line",
        "T03_wire_signoff_alsoread",
        "T04_no_title_ad_subheading",
        "T05_sentence_stress",
        "T06_footer_variants",
        "T07_by_caption_tatweel",
        "T10_bom_crlf_hijri",
    ]
    .map(String::from)
    .to_vec();
    let layouts = layout_goldens();
    assert_eq!(layouts.len(), 24, "the layout goldens are missing");
    names.extend(layouts.iter().map(|n| format!("layouts/{n}")));
    names
}

/// The names of the layout goldens (`LAYOUT_DOCNO`), sorted.
fn layout_goldens() -> Vec<String> {
    let dir = Path::new(DATA).join("layouts");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".txt").map(String::from))
        .collect();
    names.sort();
    names
}

fn path(name: &str, extension: &str) -> PathBuf {
    Path::new(DATA).join(format!("{name}.{extension}"))
}

/// A file of the goldens, read as bytes and decoded as UTF-8 (a BOM and `\r` kept).
fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn goldens_match_expectations() {
    let mut failures = Vec::new();
    for name in goldens() {
        let raw = read(&path(&name, "txt"));
        let want = json(&path(&name, "expected.json"));
        let got = serde_json::to_value(parse_text(&raw)).unwrap_or(Value::Null);
        let mut diffs = Vec::new();
        compare(&got, &want, String::new(), &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The layout goldens' expected outputs agree with what the renderer put in: the title, the
/// author, the dateline's place, the date, the paragraphs and the related headlines are the
/// gold ones, no boilerplate piece has a character inside a paragraph, and the gold agencies
/// are among the sources.
#[test]
fn layout_goldens_agree_with_their_gold() {
    // The strings of an array: its strings, or its objects' `text` (or an author's `name`).
    let strings = |v: &Value| -> Vec<String> {
        let items = v.as_array().into_iter().flatten();
        items
            .filter_map(|x| x.as_str().or(x["text"].as_str()).or(x["name"].as_str()))
            .map(String::from)
            .collect()
    };
    let squash = |v: &Value| {
        v.as_str().map(|s| {
            s.split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let offset = |v: &Value| v.as_u64().unwrap_or(0) as usize;
    for name in layout_goldens() {
        let name = format!("layouts/{name}");
        let raw: Vec<char> = read(&path(&name, "txt")).chars().collect();
        let gold = json(&path(&name, "gold.json"));
        let want = json(&path(&name, "expected.json"));
        assert_eq!(want["title"]["text"], gold["title"], "{name}: title");
        let author: Vec<String> = gold["author"]
            .as_str()
            .map(String::from)
            .into_iter()
            .collect();
        assert_eq!(strings(&want["authors"]), author, "{name}: author");
        let place = squash(&want["dateline"]["place"]);
        assert_eq!(place, squash(&gold["dateline"]), "{name}: dateline");
        let date = want["published"]["value"].as_str().map(|v| &v[..10]);
        assert_eq!(date, gold["published"].as_str(), "{name}: date");
        for field in ["paragraphs", "related"] {
            assert_eq!(
                strings(&want[field]),
                strings(&gold[field]),
                "{name}: {field}"
            );
        }
        let mut in_paragraph = vec![false; raw.len()];
        for p in want["paragraphs"].as_array().into_iter().flatten() {
            in_paragraph[offset(&p["start"])..offset(&p["end"])].fill(true);
        }
        for piece in gold["boilerplate"].as_array().into_iter().flatten() {
            let left = (offset(&piece[1])..offset(&piece[2]))
                .any(|i| in_paragraph[i] && !is_space(raw[i]));
            assert!(!left, "{name}: {} left in a paragraph", piece[0]);
        }
        let sources = want["sources"].as_array().into_iter().flatten();
        let canonical: Vec<String> = sources.flat_map(|s| strings(&s["canonical"])).collect();
        for agency in strings(&gold["sources"]) {
            assert!(canonical.contains(&agency), "{name}: source {agency}");
        }
    }
}

#[test]
fn seed_article_headlines() {
    let a = parse_text(&read(&path("seed", "txt")));
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
fn invariants_hold_on_goldens() {
    for name in goldens() {
        check_invariants(&read(&path(&name, "txt")), &name);
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
    assert_eq!(a.input.length, "\u{feff}عنوان\r\nنص.".chars().count());
    assert!(parse_text("نص \u{fffd}")
        .warnings
        .contains(&khabar::article::Warning::ReplacementCharacters));
}

/// An article in which every span-carrying field fires: junk, title, a date line, a lead, a
/// dateline with its agency, a caption, a sign-off, a footer byline, a bio with its read-more
/// link, tags and a related headline.
const EVERY_FIELD: &str = "in\nعنوان الخبر الرئيسي\nالأربعاء 15 كانون الثاني 2020\n\
    جملة تمهيدية واحدة عن الخبر.\nبيروت (رويترز) - أعلن الوزير اليوم خطة جديدة. وقال إنها جاهزة.\n\
    صورة: رويترز\nفقرة ثانية عن الخطة.\nفقرة ثالثة. (أ ف ب)\nبقلم: ليلى حسن\n\
    ليلى حسن صحفية مستقلة. إقرأ المزيد\nالوسوم: اقتصاد، نفط\nعنوان خبر ذي صلة\n";

/// Issue 15: a leading BOM (one or two) is counted in every offset, so every span of every
/// field slices back from the input as given, with LF or CRLF line ends.
#[test]
fn offsets_count_a_leading_bom() {
    let crlf = EVERY_FIELD.replace('\n', "\r\n");
    for body in [EVERY_FIELD, crlf.as_str()] {
        for boms in ["", "\u{feff}", "\u{feff}\u{feff}"] {
            let input = format!("{boms}{body}");
            let a = parse_text(&input);
            let name = format!(
                "{} BOMs, crlf {}",
                boms.chars().count(),
                body.contains('\r')
            );
            let chars: Vec<char> = input.chars().collect();
            let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
            let spans = every_span(&a);
            // Every field of the article is there, so each kind of span is checked.
            assert!(a.lead.is_some() && a.author_bio.is_some(), "{name}");
            assert!(a.dateline.is_some() && a.published.is_some(), "{name}");
            assert!(a.sources.len() == 2 && a.tags.len() == 2, "{name}");
            assert!(a.captions.len() == 1 && a.related.len() == 1, "{name}");
            assert!(spans.len() >= 25, "{name}");
            for (field, start, end, text) in spans {
                assert_eq!(slice(start, end), text, "{name}: {field} {start}-{end}");
            }
            // The title starts after the BOMs and `in` with its line end, in code points.
            let title = a.title.as_ref().map(|t| t.start);
            let line_end = if body.contains('\r') { 2 } else { 1 };
            assert_eq!(title, Some(boms.chars().count() + 2 + line_end), "{name}");
            assert_eq!(a.input.length, chars.len(), "{name}");
            assert_eq!(a.input.bom_stripped, !boms.is_empty(), "{name}");
            check_invariants(&input, &name);
        }
    }
    // The issue's example, and inputs with nothing but a BOM and spaces.
    let a = parse_text("\u{feff}عنوان الخبر\n\nنص الخبر هنا.");
    assert_eq!(
        a.title.map(|t| (t.text, t.start, t.end)),
        Some(("عنوان الخبر".to_string(), 1, 12))
    );
    assert_eq!(
        a.paragraphs
            .iter()
            .map(|p| (p.start, p.end))
            .collect::<Vec<_>>(),
        [(14, 27)]
    );
    for input in [
        "\u{feff}",
        "\u{feff}\u{feff}",
        "\u{feff}\r\n",
        "\u{feff}\u{a0}\n ",
    ] {
        let a = parse_text(input);
        assert_eq!(a.input.length, input.chars().count(), "{input:?}");
        assert!(
            a.warnings.contains(&khabar::article::Warning::EmptyInput),
            "{input:?}"
        );
        assert!(every_span(&a).is_empty(), "{input:?}");
    }
}

/// `(field, start, end, text)` of every span of `a`, read off the typed record: what each span
/// must slice back to. A sentence must slice back to its part of its paragraph's text, and an
/// author's line to its byline boilerplate entry.
fn every_span(a: &khabar::Article) -> Vec<(String, usize, usize, String)> {
    let mut out = Vec::new();
    let mut push = |field: &str, start: usize, end: usize, text: &str| {
        out.push((field.to_string(), start, end, text.to_string()));
    };
    let optional = [
        ("title", &a.title),
        ("lead", &a.lead),
        ("author_bio", &a.author_bio),
    ];
    for (field, span) in optional {
        if let Some(s) = span {
            push(field, s.start, s.end, &s.text);
        }
    }
    let lists = [
        ("tags", &a.tags),
        ("captions", &a.captions),
        ("related", &a.related),
    ];
    for (field, spans) in lists {
        for s in spans {
            push(field, s.start, s.end, &s.text);
        }
    }
    if let Some(d) = &a.dateline {
        push("dateline", d.start, d.end, &d.text);
    }
    for d in a.published.iter().chain(a.modified.iter()) {
        push("published", d.start, d.end, &d.text);
    }
    for au in &a.authors {
        push("authors", au.start, au.end, &au.name);
        let line = a.boilerplate.iter().find(|b| b.start == au.line.start);
        let line = line.map_or("", |b| b.text.as_str());
        push("authors.line", au.line.start, au.line.end, line);
    }
    for s in &a.sources {
        push("sources", s.start, s.end, &s.text);
    }
    for b in &a.boilerplate {
        push("boilerplate", b.start, b.end, &b.text);
    }
    for p in &a.paragraphs {
        push("paragraphs", p.start, p.end, &p.text);
        let chars: Vec<char> = p.text.chars().collect();
        for &(s, e) in &p.sentences {
            let text: String = chars[s - p.start..e - p.start].iter().collect();
            push("sentences", s, e, &text);
        }
    }
    out
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
    let src: Vec<char> = input.chars().collect();
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
