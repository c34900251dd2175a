//! The plain-text rules on their cases, outlined field by field.

use super::*;

/// A compact, ordered summary of what the parser made of each zone.
fn outline(a: &Article) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |label: &str, text: &str| out.push(format!("{label}: {text}"));
    if let Some(t) = &a.title {
        push("title", &t.text);
    }
    if let Some(l) = &a.lead {
        push("lead", &l.text);
    }
    for au in &a.authors {
        push(&format!("author {:?} {:?}", au.role, au.found_in), &au.name);
    }
    if let Some(d) = &a.published {
        push(&format!("published {} {:?}", d.value, d.hijri), &d.text);
    }
    if let Some(d) = &a.dateline {
        push(&format!("dateline {}", d.place), &d.text);
    }
    for s in &a.sources {
        push(
            &format!("source {:?} {:?}", s.found_in, s.canonical),
            &s.text,
        );
    }
    for p in &a.paragraphs {
        push(&format!("{:?} {}", p.kind, p.sentences.len()), &p.text);
    }
    for c in &a.captions {
        push("caption", &c.text);
    }
    if let Some(b) = &a.author_bio {
        push("bio", &b.text);
    }
    for t in &a.tags {
        push("tag", &t.text);
    }
    for r in &a.related {
        push("related", &r.text);
    }
    for b in &a.boilerplate {
        push(&format!("{:?} {:?}", b.kind, b.rule), &b.text);
    }
    for w in &a.warnings {
        push("warning", &format!("{w:?}"));
    }
    out
}

/// (rule, input, expected outline)
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "P2 junk, P3 title, P4 lead needs two more body blocks",
        "in\nعنوان الخبر\nجملة تمهيدية واحدة.\nفقرة أولى.\nفقرة ثانية.",
        &[
            "title: عنوان الخبر",
            "lead: جملة تمهيدية واحدة.",
            "Lead 1: جملة تمهيدية واحدة.",
            "Body 1: فقرة أولى.",
            "Body 1: فقرة ثانية.",
            "Junk P2: in",
        ],
    ),
    (
        "P4 no lead with only one body block after it",
        "عنوان الخبر\nجملة تمهيدية واحدة.\nفقرة أولى.",
        &["title: عنوان الخبر", "Body 1: جملة تمهيدية واحدة.", "Body 1: فقرة أولى."],
    ),
    (
        "P3 byline with a place (tatweel dash) and a Hijri line completing a Gregorian one",
        "القاهرة ـ كتب: سامي علي\nالخميس 4 يوليو 2024\n28 ذو الحجة 1445 هـ\nعنوان الخبر\nنص الخبر هنا.",
        &[
            "title: عنوان الخبر",
            "author Author Header: سامي علي",
            "published 2024-07-04 Some(\"1445-12-28\"): الخميس 4 يوليو 2024",
            "dateline القاهرة: القاهرة",
            "Body 1: نص الخبر هنا.",
            "Byline P3: القاهرة ـ كتب: سامي علي",
            "DateLine P3: الخميس 4 يوليو 2024",
            "DateLine P3: 28 ذو الحجة 1445 هـ",
        ],
    ),
    (
        "P3 a colon inside the title; P7 a subheading sits between body blocks, the last block is body",
        "وزير: العجز سينخفض\nفقرة أولى.\nعنوان فرعي\nفقرة ثانية.\nسطر أخير بلا نقطة",
        &[
            "title: وزير: العجز سينخفض",
            "lead: فقرة أولى.",
            "Lead 1: فقرة أولى.",
            "Subheading 1: عنوان فرعي",
            "Body 1: فقرة ثانية.",
            "Body 1: سطر أخير بلا نقطة",
        ],
    ),
    (
        "P7 inline boilerplate, captions and a source line",
        "عنوان\nجملة أولى. جملة ثانية.\nاقرأ أيضا: خبر آخر\nإعلان\nصورة: رويترز\nفقرة ثانية.\nالمصدر: وكالة الأنباء القطرية (قنا)",
        &[
            "title: عنوان",
            "source SourceLine [\"QNA\"]: وكالة الأنباء القطرية (قنا)",
            "Body 2: جملة أولى. جملة ثانية.",
            "Body 1: فقرة ثانية.",
            "caption: صورة: رويترز",
            "AlsoRead P7: اقرأ أيضا: خبر آخر",
            "Ad P7: إعلان",
            "SourceLine P7: المصدر: وكالة الأنباء القطرية (قنا)",
        ],
    ),
    (
        "P8 dateline with agency",
        "عنوان\nدبي (وام) - أعلنت الحكومة خطة جديدة.\nوقال الوزير: إن الخطة جاهزة.",
        &[
            "title: عنوان",
            "dateline دبي: دبي (وام) -",
            "source Dateline [\"WAM\"]: وام",
            "Body 1: أعلنت الحكومة خطة جديدة.",
            "Body 1: وقال الوزير: إن الخطة جاهزة.",
        ],
    ),
    (
        "P8 a verb is no place",
        "عنوان\nوقال الوزير: إن الخطة جاهزة.",
        &["title: عنوان", "Body 1: وقال الوزير: إن الخطة جاهزة."],
    ),
    (
        "P9 sign-off cut from the last paragraph",
        "عنوان\nفقرة أولى.\nفقرة ثانية. (رويترز)\n",
        &[
            "title: عنوان",
            "source Signoff [\"Reuters\"]: رويترز",
            "Body 1: فقرة أولى.",
            "Body 1: فقرة ثانية.",
            "Signoff P9: (رويترز)",
        ],
    ),
    (
        "P9 a last paragraph that is only a sign-off goes",
        "عنوان\nفقرة أولى.\nي.أ/ ع.غ (د ب أ)",
        &[
            "title: عنوان",
            "source Signoff [\"dpa\"]: د ب أ",
            "Body 1: فقرة أولى.",
            "Signoff P9: ي.أ/ ع.غ (د ب أ)",
        ],
    ),
    (
        "P5/P6 end matter: byline, bio with read-more, tags, footer lines, date line, related",
        "عنوان\nفقرة أولى.\nفقرة ثانية.\nبقلم: ليلى حسن\nليلى حسن صحفية مستقلة. إقرأ المزيد\nالوسوم: اقتصاد، نفط | طاقة\nشارك المقال\nالتعليقات\n© 2024 الموقع\nنشر في 5 مارس 2024\nعنوان خبر ذي صلة\n",
        &[
            "title: عنوان",
            "author Author Footer: ليلى حسن",
            "published 2024-03-05 None: 5 مارس 2024",
            "Body 1: فقرة أولى.",
            "Body 1: فقرة ثانية.",
            "bio: ليلى حسن صحفية مستقلة.",
            "tag: اقتصاد",
            "tag: نفط",
            "tag: طاقة",
            "related: عنوان خبر ذي صلة",
            "Byline P5: بقلم: ليلى حسن",
            "ReadMore P6: إقرأ المزيد",
            "Tags P6: الوسوم: اقتصاد، نفط | طاقة",
            "Share P6: شارك المقال",
            "CommentsHeader P6: التعليقات",
            "Copyright P6: © 2024 الموقع",
            "DateLine P6: نشر في 5 مارس 2024",
        ],
    ),
    (
        "P6 a long block after the end is kept and flagged",
        "عنوان\nفقرة أولى.\nمقالات ذات صلة\nهذه فقرة طويلة. فيها جمل كثيرة. وهي ليست عنوانا. ولا تنتهي هنا.",
        &[
            "title: عنوان",
            "Body 1: فقرة أولى.",
            "RelatedHeader P6: مقالات ذات صلة",
            "TrailingUnknown P6: هذه فقرة طويلة. فيها جمل كثيرة. وهي ليست عنوانا. ولا تنتهي هنا.",
            "warning: UnclassifiedTrailingBlock",
        ],
    ),
    ("empty input", " \n\u{a0}\n", &["warning: EmptyInput"]),
    (
        "junk only",
        "in\n",
        &["Junk P2: in", "warning: NoParagraphs", "warning: NotArabic"],
    ),
];

#[test]
fn rules() {
    for &(rule, input, expected) in CASES {
        let got = outline(&parse(input));
        assert_eq!(got, expected, "{rule}");
    }
}

#[test]
fn tags_keep_their_offsets() {
    let src = "عنوان\nنص.\nالوسوم:  أ ،ب|  ج #د  ";
    let a = parse(src);
    let tags: Vec<&str> = a.tags.iter().map(|t| &src[t.start..t.end]).collect();
    assert_eq!(tags, ["أ", "ب", "ج", "د"]);
}
