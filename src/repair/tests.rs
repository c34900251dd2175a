//! Repair on real text: SaudiNewsNet rows (held out: the model counts ANT) sent through every
//! damage chain and repaired back, and clean controls in many languages that must come back
//! untouched. The corpus tests skip when `../shared/corpus` is absent.

use super::codepage::CodePage;
use super::*;

/// Rows of clean news for the corpus tests, or `None` when the corpus is not here.
pub(crate) fn news_rows(n: usize) -> Option<Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/news/saudinewsnet_dev.jsonl");
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["content"].as_str().map(str::to_string))
            .filter(|t| !t.trim().is_empty() && !detect::suspicious(t))
            .take(n)
            .collect(),
    )
}

/// A damage chain, applied to clean text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Damage {
    /// UTF-8 bytes read as windows-1252 (WHATWG: unassigned bytes become C1 controls).
    Utf8As1252,
    /// UTF-8 bytes read as Latin-1.
    Utf8AsLatin1,
    /// UTF-8 read as windows-1252 `n` times over.
    Utf8As1252Times(usize),
    /// UTF-8 read as Latin-1, then C1 controls stripped (lossy).
    Utf8AsLatin1Stripped,
    /// UTF-8 read as strict windows-1252 with U+FFFD (lossy).
    Utf8As1252Strict,
    /// UTF-8 read as windows-1256.
    Utf8As1256,
    /// A single-byte Arabic page read as another page.
    Page(CodePage, CodePage),
}

impl Damage {
    /// The damaged text, `None` when the text cannot be written in the chain's first encoding.
    pub(crate) fn apply(self, text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let latin = CodePage::Latin.table();
        Some(match self {
            Damage::Utf8As1252 => latin.decode(bytes)?,
            Damage::Utf8AsLatin1 => bytes.iter().map(|&b| char::from(b)).collect(),
            Damage::Utf8As1252Times(n) => {
                let mut t = text.to_string();
                for _ in 0..n {
                    t = latin.decode(t.as_bytes())?;
                }
                t
            }
            Damage::Utf8AsLatin1Stripped => bytes
                .iter()
                .filter(|b| !(0x80..=0x9F).contains(*b))
                .map(|&b| char::from(b))
                .collect(),
            Damage::Utf8As1252Strict => bytes
                .iter()
                .map(|&b| {
                    if [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b) {
                        '\u{FFFD}'
                    } else {
                        latin.char(b).unwrap()
                    }
                })
                .collect(),
            Damage::Utf8As1256 => CodePage::Windows1256.table().decode(bytes)?,
            Damage::Page(page, read_as) => read_as.table().decode(&page.table().encode(text)?)?,
        })
    }
}

/// How often the chain `damage` is undone exactly on `rows` (those it can damage).
fn recovered(rows: &[String], damage: Damage) -> (usize, usize, Vec<String>) {
    let mut ok = 0;
    let mut n = 0;
    let mut misses = Vec::new();
    for row in rows.iter().take(300) {
        let Some(broken) = damage.apply(row) else {
            continue;
        };
        if broken == *row {
            continue;
        }
        n += 1;
        match repair(&broken) {
            Some(r) if r.text == *row => ok += 1,
            other => misses.push(first_difference(row, &other.map_or(broken, |r| r.text))),
        }
    }
    (ok, n, misses)
}

/// The first place `got` differs from `want`, with some context.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<char>, Vec<char>) = (want.chars().collect(), got.chars().collect());
    let i = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let s = i.saturating_sub(12);
    let cut = |v: &[char]| {
        v[s.min(v.len())..(i + 12).min(v.len())]
            .iter()
            .collect::<String>()
    };
    format!("want {:?} got {:?}", cut(&w), cut(&g))
}

fn lines(rows: &[String]) -> Vec<String> {
    rows.iter()
        .flat_map(|r| r.lines().map(str::to_string))
        .filter(|l| l.chars().count() > 20)
        .collect()
}

#[test]
fn lossless_chains_are_undone_exactly() {
    let Some(rows) = news_rows(120) else { return };
    let pages = [CodePage::Windows1256, CodePage::Iso8859_6];
    let mut chains = vec![
        Damage::Utf8As1252,
        Damage::Utf8AsLatin1,
        Damage::Utf8As1252Times(2),
        Damage::Utf8As1252Times(3),
        Damage::Utf8As1256,
    ];
    for page in pages {
        for read_as in [CodePage::Latin, CodePage::Cyrillic] {
            chains.push(Damage::Page(page, read_as));
        }
    }
    // Single-byte pages cannot write every row (emoji, Latin letters ...): lines can.
    let lines = lines(&rows);
    for damage in chains {
        let sample = if matches!(damage, Damage::Page(..)) {
            &lines
        } else {
            &rows
        };
        let (ok, n, misses) = recovered(sample, damage);
        assert!(n >= 50, "{damage:?}: only {n} rows");
        eprintln!("{damage:?}: {ok}/{n} recovered exactly");
        assert!(
            ok * 100 >= n * 99,
            "{damage:?}: {ok}/{n} recovered; first misses {:?}",
            &misses[..misses.len().min(3)]
        );
    }
}

#[test]
fn lossy_chains_are_consistent_and_mostly_restored() {
    let Some(rows) = news_rows(200) else { return };
    for damage in [Damage::Utf8AsLatin1Stripped, Damage::Utf8As1252Strict] {
        let (mut consistent, mut n, mut lost, mut right) = (0, 0, 0, 0);
        for row in &rows {
            let broken = damage.apply(row).unwrap();
            if broken == *row {
                continue;
            }
            n += 1;
            let fixed = repair(&broken).map_or(broken.clone(), |r| r.text);
            if damage.apply(&fixed).as_deref() == Some(broken.as_str()) {
                consistent += 1;
            }
            let (l, r) = restored_chars(row, &fixed);
            lost += l;
            right += r;
        }
        eprintln!(
            "{damage:?}: {consistent}/{n} consistent, {right}/{lost} lost characters restored"
        );
        assert!(
            consistent * 100 >= n * 99,
            "{damage:?}: {consistent}/{n} consistent"
        );
        // Measured: about 79% after C1 stripping (ل م ن و ي ... all lose their byte; the
        // words around a word tell من from في only so far); the goal is 90%.
        assert!(
            right * 100 >= lost * 75,
            "{damage:?}: {right}/{lost} lost characters restored"
        );
    }
}

/// Characters of `clean` whose UTF-8 has a byte in 0x80–0x9F (what the lossy chains lose), and
/// how many of them `fixed` has right, position by position.
pub(crate) fn restored_chars(clean: &str, fixed: &str) -> (usize, usize) {
    let lossy = |c: char| {
        let mut b = [0; 4];
        c.encode_utf8(&mut b)
            .bytes()
            .any(|x| (0x80..=0x9F).contains(&x))
    };
    let (mut lost, mut right) = (0, 0);
    let same_len = clean.chars().count() == fixed.chars().count();
    let mut got = fixed.chars();
    for c in clean.chars() {
        let g = got.next();
        if lossy(c) {
            lost += 1;
            if same_len && g == Some(c) {
                right += 1;
            }
        }
    }
    (lost, right)
}

#[test]
fn damage_in_one_line_or_field_is_undone_there_only() {
    let Some(rows) = news_rows(60) else { return };
    for row in rows.iter().filter(|r| r.lines().count() >= 3) {
        let mut ls: Vec<String> = row.lines().map(str::to_string).collect();
        if ls[1].is_ascii() {
            continue;
        }
        let clean = ls.join("\n");
        ls[1] = Damage::Utf8As1252.apply(&ls[1]).unwrap();
        let r = repair(&ls.join("\n")).unwrap();
        assert_eq!(r.text, clean);
        assert_eq!(r.fixes.len(), 1);
        assert_eq!(r.fixes[0].chain, ["utf-8 read as windows-1252"]);
    }
    let title = "المملكة العربية السعودية";
    let field = format!(
        "{{\"title\": \"{}\", \"body\": \"{title}\"}}",
        Damage::Utf8As1252.apply(title).unwrap()
    );
    assert_eq!(
        repair(&field).unwrap().text,
        format!("{{\"title\": \"{title}\", \"body\": \"{title}\"}}")
    );
}

#[test]
fn clean_news_is_left_alone() {
    let Some(path) = Some(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/news/saudinewsnet_dev.jsonl"),
    ) else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let rows: Vec<String> = text
        .lines()
        .take(2000)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["content"].as_str().map(str::to_string))
        .collect();
    let changed: Vec<_> = rows
        .iter()
        .filter_map(|r| repair(r).map(|x| x.fixes))
        .collect();
    assert!(
        changed.is_empty(),
        "{} clean rows changed: {:?}",
        changed.len(),
        &changed[..changed.len().min(3)]
    );
}

/// Clean text in many languages and scripts; none may change.
pub(crate) const CONTROLS: &[&str] = &[
    "زبان فارسی یکی از زبان‌های هندواروپایی است که در ایران، افغانستان و تاجیکستان به آن سخن می‌گویند.",
    "اردو پاکستان کی قومی زبان ہے اور ہندوستان میں بھی بولی جاتی ہے۔",
    "Le garçon a mangé une crème brûlée à Noël ; où était-il ? « Très bien », dit-elle.",
    "Øresundsbroen forbinder København og Malmø; søen er smuk, og æblerne er røde.",
    "Türkiye'nin başkenti Ankara'dır; İstanbul ise en büyük şehridir. Ağaç, göğüs, çiçek.",
    "Größe, Übermaß und Äpfel: Die Straße führt nach Köln.",
    "SÃO PAULO — A MÃE não está; João comeu pão às três horas.",
    "Þetta er íslenska: ðæ, þú og Ísland.",
    "Привет, как дела? Москва — столица России.",
    "😀👍🏽 مرحبا بكم ❤️ 🇸🇦",
    "∑ x² ≤ ∞, α + β = γ, ½ × ¾ ÷ ± √2 ≈ 1.41",
    "درجة الحرارة 45° مئوية © 2015 «الرياض» – تقرير",
    "ﷺ ﻻ ﺍﻟﻠﻪ ﷲ بسم الله الرحمن الرحيم",
    "أعلنت شركة Apple عن iPhone جديد في Cupertino يوم الاثنين.",
    "Tiếng Việt là ngôn ngữ chính thức của Việt Nam.",
    "El niño comió piña en España, ¿verdad? ¡Sí!",
    "Ça coûte 5 € ; Œuvre, Ægir, Œdipe.",
    "R&D and AT&T; Q&A: x & y",
    "يظهر النص المعطوب هكذا: «Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©» بدل العربية.",
    "قال: “Ã©tÃ©” تعني صيفاً بالفرنسية إذا قرئت خطأ.",
];

#[test]
fn controls_are_left_alone() {
    for t in CONTROLS {
        assert_eq!(repair(t), None, "{t}");
    }
}

#[test]
fn references_and_reports() {
    let r = repair("&#1575;&#1604;&#1593;&#1585;&#1576;&#1610;&#1577; &quot;نعم&quot;").unwrap();
    assert_eq!(r.text, "العربية \"نعم\"");
    assert_eq!(r.chains(), ["html entities"]);
    let r = repair("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©\nسطر سليم").unwrap();
    assert_eq!((r.fixes[0].start, r.fixes[0].end), (0, 14));
    assert!(r.confidence() > 0.9);
    let double = Damage::Utf8As1252Times(2)
        .apply("العربية لغة جميلة")
        .unwrap();
    let r = repair(&double).unwrap();
    assert_eq!(r.text, "العربية لغة جميلة");
    assert_eq!(r.fixes[0].chain.len(), 2);
}

#[test]
fn one_pass_lines_decide_as_every_step_decides() {
    let clean = "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.\n\u{A9} 2015\n\nالعربية لغة جميلة «جدا».\nA line in English.";
    let mut texts = vec![clean.to_string()];
    if let Some(rows) = news_rows(150) {
        texts.extend(rows);
    }
    let (mut lines, mut fast) = (0, 0);
    for t in &texts {
        for damage in [Damage::Utf8As1252, Damage::Utf8AsLatin1, Damage::Utf8As1252Times(2)] {
            let broken = damage.apply(t).unwrap();
            let by_line = repair_by_line(&broken);
            let got = repair(&broken);
            assert_eq!(got, by_line, "{damage:?}: {}", got.as_ref().map_or(String::new(), |g| first_difference(t, &g.text)));
            if matches!(damage, Damage::Utf8As1252Times(_)) {
                continue;
            }
            for line in broken.split('\n').filter(|l| detect::suspicious(l)) {
                lines += 1;
                fast += usize::from(utf8_as_latin(line, &mut String::new()).is_some());
            }
        }
    }
    // Mixed texts: damaged lines next to clean Arabic ones and lines of other damage.
    let mixed = format!(
        "{}\nسطر سليم بالعربية\n{}\n{}",
        Damage::Utf8As1252.apply("الخبر الأول عن المملكة").unwrap(),
        Damage::Utf8As1252Times(2).apply("الخبر الثاني عن المملكة").unwrap(),
        Damage::Page(CodePage::Windows1256, CodePage::Latin).apply("الخبر الثالث عن المملكة").unwrap(),
    );
    let r = repair(&mixed).unwrap();
    assert_eq!(r.text, "الخبر الأول عن المملكة\nسطر سليم بالعربية\nالخبر الثاني عن المملكة\nالخبر الثالث عن المملكة");
    assert_eq!(Some(r), repair_by_line(&mixed));
    // Single damage takes the one pass on a line of news, and on nearly every damaged line of
    // the corpus (a short line such as `Â© 2015` gains too little and tries every step).
    let headline = Damage::Utf8As1252.apply(clean.lines().next().unwrap()).unwrap();
    let mut out = "kept ".to_string();
    assert!(utf8_as_latin(&headline, &mut out).is_some());
    assert_eq!(out, format!("kept {}", clean.lines().next().unwrap()));
    assert!(utf8_as_latin(&Damage::Utf8As1252.apply("\u{A9} 2015").unwrap(), &mut out).is_none());
    assert_eq!(out, format!("kept {}", clean.lines().next().unwrap()), "a line not taken leaves the output as it was");
    if texts.len() > 1 {
        assert!(fast * 100 >= lines * 95, "{fast} of {lines} damaged lines in one pass");
    }
}

#[test]
fn one_pass_score_is_the_score() {
    let m = model();
    let mut texts = vec![
        String::new(),
        "\n\n".to_string(),
        "plain ASCII\r\nline two".to_string(),
        "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©\n\u{81}\u{8D}ÙŠ Â© 2015 â€” Ù…Ù† ƒ ˆ Š Œ Ž ˜ ™ š œ ž Ÿ € ‚ „ … † ‡ ‰ ‹ › • – —".to_string(),
    ];
    if let Some(rows) = news_rows(40) {
        texts.extend(rows.iter().filter_map(|r| Damage::Utf8As1252.apply(r)));
    }
    // Buffers reused from text to text (longest first), as the repair reuses them.
    let (mut bytes, mut syms) = (Vec::new(), Vec::new());
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for t in &texts {
        for text in std::iter::once(t.as_str()).chain(t.split('\n')) {
            let score = latin_bytes_and_score(text, &mut bytes, &mut syms).expect("written in the page");
            assert_eq!(bytes, CodePage::Latin.table().encode(text).unwrap());
            assert_eq!(score, m.score(text), "{text:?}");
        }
    }
    for other in ["ok \u{627}", "\u{2019}\u{2018}x\u{2026}\u{201A}", "\u{2020}\u{2021}\u{20AD}", "\u{FFFD}"] {
        let want = CodePage::Latin.table().encode(other);
        let got = latin_bytes_and_score(other, &mut bytes, &mut syms);
        assert_eq!(want.as_deref(), got.map(|_| bytes.as_slice()), "{other:?}");
    }
    assert!(latin_bytes_and_score("ok \u{627}", &mut bytes, &mut syms).is_none(), "Arabic is not in windows-1252");
}
