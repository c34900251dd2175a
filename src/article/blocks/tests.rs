//! Cases of the block rules: line breaks, bylines, agencies, datelines, sign-offs, inline kinds.

use super::*;
use crate::text::is_line_break;

fn block(text: &str) -> Block<'_> {
    blocks(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no block in {text:?}"))
}

#[test]
fn line_breaks_agree_with_is_line_break() {
    let src = "a\r\nب\u{2028}c\u{2029}\u{2027}\u{202a}\n\rد\u{85}";
    let by_chars: Vec<(usize, usize)> = src
        .char_indices()
        .filter(|&(_, c)| is_line_break(c))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    assert_eq!(line_breaks(src).collect::<Vec<_>>(), by_chars);
}

#[test]
fn splits_lines() {
    let src = "in\r\n\r\n\u{a0}\nسطر  \rآخر\u{2028}ثالث\n  ";
    let got: Vec<(usize, usize, &str)> = blocks(src)
        .iter()
        .map(|b| (b.start, b.end, b.text))
        .collect();
    let pos = |s: &str| src.find(s).unwrap_or(usize::MAX);
    assert_eq!(
        got,
        [
            (0, 2, "in"),
            (pos("سطر"), pos("سطر") + "سطر".len(), "سطر"),
            (pos("آخر"), pos("آخر") + "آخر".len(), "آخر"),
            (pos("ثالث"), pos("ثالث") + "ثالث".len(), "ثالث"),
        ]
    );
    assert!(blocks("").is_empty());
    assert!(blocks(" \u{a0}\n\u{200b}").is_empty());
}

/// (line, name, role, place)
#[test]
fn bylines() {
    type Row = (
        &'static str,
        Option<(&'static str, Role, Option<&'static str>)>,
    );
    let table: &[Row] = &[
        (
            "Written by نور الدين",
            Some(("نور الدين", Role::Author, None)),
        ),
        ("By سارة الأحمد", Some(("سارة الأحمد", Role::Author, None))),
        (
            "بيروت - كتبت: ريما الخوري",
            Some(("ريما الخوري", Role::Author, Some("بيروت"))),
        ),
        (
            "حوار: آسيا العتروس",
            Some(("آسيا العتروس", Role::Interviewer, None)),
        ),
        ("إعداد: مُنى سالم", Some(("مُنى سالم", Role::Editor, None))),
        (
            "ترجمة - أحمد علي",
            Some(("أحمد علي", Role::Translator, None)),
        ),
        ("كتب 3 مقالات", None),
        ("بقلم واحد اثنان ثلاثة أربعة خمسة ستة سبعة", None),
        ("قال الوزير إن الحكومة ستعرض الموازنة", None),
    ];
    for &(line, want) in table {
        let b = block(line);
        let got = match_byline(&b).map(|by| {
            (
                &line[by.name_start..],
                by.role,
                by.place.map(|(s, e)| &line[s..e]),
            )
        });
        assert_eq!(got, want, "{line:?}");
    }
}

#[test]
fn agencies() {
    let table: &[(&str, Option<&[&str]>)] = &[
        ("د ب أ، رويترز", Some(&["dpa", "Reuters"])),
        ("(أ ف ب)", Some(&["AFP"])),
        ("واس", Some(&["SPA"])),
        ("وام", Some(&["WAM"])),
        ("رويترز وفرانس برس", Some(&["Reuters", "AFP"])),
        ("رويترز و أ ف ب", Some(&["Reuters", "AFP"])),
        ("رويترز ووام", Some(&["Reuters", "WAM"])),
        ("وكالة الأنباء الجزائرية (واج)", Some(&["APS"])),
        ("القدس العربي", None),
        ("ورويترز", None),
        ("", None),
    ];
    for &(s, want) in table {
        let want = want.map(|w| w.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(agencies_of(s), want, "{s:?}");
    }
}

/// (paragraph, dateline text, place, agency)
#[test]
fn datelines() {
    type Row = (
        &'static str,
        Option<(&'static str, &'static str, Option<&'static str>)>,
    );
    let table: &[Row] = &[
        (
            "الجزائر - أعلنت الوزارة.",
            Some(("الجزائر -", "الجزائر", None)),
        ),
        (
            "باريس (أ ف ب) - دعا الرئيس",
            Some(("باريس (أ ف ب) -", "باريس", Some("أ ف ب"))),
        ),
        (
            "لندن ـ «القدس العربي»: تظاهر آلاف",
            Some(("لندن ـ «القدس العربي»:", "لندن", Some("القدس العربي"))),
        ),
        (
            "الرياض (واس) - أصدر",
            Some(("الرياض (واس) -", "الرياض", Some("واس"))),
        ),
        ("وقال الوزير: إن الحكومة.", None),
        ("أكد - الوزير.", None),
        ("القاهرة -", None),
        ("نص بلا فاصل", None),
        ("هـ قال", None),
        (
            "القاهرة ( ـ ) - قال.",
            Some(("القاهرة ( ـ ) -", "القاهرة", None)),
        ),
        (
            "القاهرة - « أ ش أ »: قال",
            Some(("القاهرة - « أ ش أ »:", "القاهرة", Some("أ ش أ"))),
        ),
        ("الخبرساميأ ف بـالخبر", None),
        // A place with its country, a Latin outlet, a run of dashes; the outlet alone.
        (
            "دبي، الإمارات العربية المتحدة (CNN) -- سيحصل عشاق السينما",
            Some((
                "دبي، الإمارات العربية المتحدة (CNN) --",
                "دبي، الإمارات العربية المتحدة",
                Some("CNN"),
            )),
        ),
        (
            "(CNN)-- قال المفوض السامي",
            Some(("(CNN)--", "", Some("CNN"))),
        ),
        ("(تحليل) - قال المفوض.", None),
        // Credits: `NAME- OUTLET- PLACE:`, `AGENCY- PLACE:`, `PLACE - OUTLET :`.
        (
            "ياسر العتيبي- سبق- الباحة: كشفت الإدارة",
            Some(("ياسر العتيبي- سبق- الباحة:", "الباحة", Some("سبق"))),
        ),
        (
            "واس- الرياض: تبدأ الإدارة",
            Some(("واس- الرياض:", "الرياض", Some("واس"))),
        ),
        (
            "خالد علي– سبق– جدة: ردّ وزير",
            Some(("خالد علي– سبق– جدة:", "جدة", Some("سبق"))),
        ),
        (
            "رويترز- بنغازي (ليبيا): قال",
            Some(("رويترز- بنغازي (ليبيا):", "بنغازي (ليبيا)", Some("رويترز"))),
        ),
        (
            "سان فرانسيسكو 20 يوليو تموز (رويترز) - قال",
            Some((
                "سان فرانسيسكو 20 يوليو تموز (رويترز) -",
                "سان فرانسيسكو",
                Some("رويترز"),
            )),
        ),
        (
            "الرياض - الوئام : أعلنت الرئاسة",
            Some(("الرياض - الوئام :", "الرياض", Some("الوئام"))),
        ),
        // Sentences and headlines that look like datelines: a colon after three words or
        // a preposition, an aside between dashes, a hyphenated name, a headline.
        ("في الصحف اليوم: اهتمت الصحف.", None),
        ("وكالة الأنباء السورية: هجوم صاروخي.", None),
        ("فجرت كوريا الشمالية - كما يبدو - أنفاقا.", None),
        ("تسعى المخرجة ليلى-كلير ربيع إلى عرض.", None),
        ("مصر: التحقيق مع سامي عنان", None),
        (
            "القاهرة: قال الوزير إن الحكومة.",
            Some(("القاهرة:", "القاهرة", None)),
        ),
        // Credited without a separator; odd separators; parentheses that credit nobody.
        (
            "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس",
            Some((
                "أتلانتا، الولايات المتحدة الأمريكية (CNN)",
                "أتلانتا، الولايات المتحدة الأمريكية",
                Some("CNN"),
            )),
        ),
        (
            "دبي، الإمارات العربية المتحدة (CNN) .- – تألق النجم",
            Some((
                "دبي، الإمارات العربية المتحدة (CNN) .- –",
                "دبي، الإمارات العربية المتحدة",
                Some("CNN"),
            )),
        ),
        ("القاهرة (32 عاما) قالت إنها.", None),
        ("وقالت ألكسندرا لوريدانا (32 عاما) - إنها وجدت.", None),
        ("وكالة الشرطة الأوروبية (يوروبول): إن عملية.", None),
        ("وجهت هيئة الإذاعة البريطانية (بي بي سي) نداء.", None),
        ("حظر موقع ريديت (Reddit) الأمريكي 944 حسابا.", None),
        ("وفقا لـ أنتوني لوتانتوسكي المتحدث.", None),
        ("وأوردت وكالة الأنباء الرسمية (سانا) أن.", None),
        ("مُنعت مراسلة لشبكة (سي إن إن) الإخبارية.", None),
    ];
    for &(text, want) in table {
        let got = match_dateline(text).map(|d| {
            (
                &text[..d.text_end],
                &text[d.place.0..d.place.1],
                d.agency.map(|(s, e)| &text[s..e]),
            )
        });
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn signoffs() {
    let text = "ولم يصدر أي تعليق فوري من الرياض. ي.أ/ ع.غ (د ب أ، رويترز)";
    let s = match_signoff(text).unwrap_or_else(|| panic!("no sign-off"));
    assert_eq!(&text[..s.cut], "ولم يصدر أي تعليق فوري من الرياض.");
    assert_eq!(&text[s.span.0..s.span.1], "ي.أ/ ع.غ (د ب أ، رويترز)");
    assert_eq!(&text[s.agency.0..s.agency.1], "د ب أ، رويترز");
    assert_eq!(s.canonical, ["dpa", "Reuters"]);
    assert_eq!(match_signoff("انتهى الاجتماع (صورة)"), None);
    assert!(match_signoff("انتهى الاجتماع. (رويترز)").is_some());
}

#[test]
fn inline_kinds() {
    let table: &[(&str, Option<InlineKind>)] = &[
        (
            "اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة في اليمن",
            Some(InlineKind::AlsoRead),
        ),
        ("إعلان", Some(InlineKind::Ad)),
        (
            "متظاهرون في ساحة الطرف الأغر (صورة أرشيفية)",
            Some(InlineKind::Caption),
        ),
        ("صورة: رويترز", Some(InlineKind::Caption)),
        (
            "المصدر: وكالة الأنباء الجزائرية (واج)",
            Some(InlineKind::SourceLine),
        ),
        ("(رويترز)", Some(InlineKind::Signoff)),
        ("(تحليل)", None),
        (
            "وقالت الشركة في بيان إن الإنتاج بلغ 9.2 مليون برميل يوميا.",
            None,
        ),
    ];
    for &(line, want) in table {
        assert_eq!(inline_kind(&block(line)), want, "{line:?}");
    }
}
