//! The tokenizer's cases as a table, and its invariants.

use super::classes::{classify, Class};
use super::*;
use unicode_properties::general_category::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
use TokenKind::*;

fn toks(text: &str) -> Vec<(&str, TokenKind)> {
    words(text).map(|t| (t.text(text), t.kind)).collect()
}

/// (input, expected tokens)
const CASES: &[(&str, &[(&str, TokenKind)])] = &[
    ("", &[]),
    ("  \n\t ", &[]),
    ("كتاب", &[("كتاب", Arabic)]),
    // marks, tatweel and joiners stay inside the word
    ("الْكِتَابُ الجديد", &[("الْكِتَابُ", Arabic), ("الجديد", Arabic)]),
    ("كتــاب", &[("كتــاب", Arabic)]),
    (
        "الـ15 الـ",
        &[("الـ", Arabic), ("15", Number), ("الـ", Arabic)],
    ),
    ("می\u{200c}خواهم", &[("می\u{200c}خواهم", Arabic)]),
    ("كلمة\u{200c} أخرى", &[("كلمة", Arabic), ("أخرى", Arabic)]),
    ("\u{064e}كتب", &[("\u{064e}كتب", Arabic)]),
    ("كتب \u{064e}", &[("كتب", Arabic), ("\u{064e}", Symbol)]),
    // decimals, thousands, dates, times never split
    (
        "3.14 ٣٫١٤ ٣.١٤ 1,000 ١٬٠٠٠",
        &[
            ("3.14", Number),
            ("٣٫١٤", Number),
            ("٣.١٤", Number),
            ("1,000", Number),
            ("١٬٠٠٠", Number),
        ],
    ),
    (
        "في 1.1.2020. ثم",
        &[
            ("في", Arabic),
            ("1.1.2020", Number),
            (".", Punct),
            ("ثم", Arabic),
        ],
    ),
    (
        "١٢/٣/٢٠٢٠ 10:30",
        &[("١٢/٣/٢٠٢٠", Number), ("10:30", Number)],
    ),
    ("3.5%", &[("3.5", Number), ("%", Punct)]),
    ("2020م", &[("2020", Number), ("م", Arabic)]),
    ("3.5km", &[("3.5", Number), ("km", Latin)]),
    (
        "G20 mp3 4G COVID-19",
        &[
            ("G20", Latin),
            ("mp3", Latin),
            ("4G", Latin),
            ("COVID", Latin),
            ("-", Punct),
            ("19", Number),
        ],
    ),
    ("-5", &[("-", Punct), ("5", Number)]),
    // Arabic punctuation: each its own token
    (
        "قال، ثم؛ لماذا؟ «نعم»",
        &[
            ("قال", Arabic),
            ("،", Punct),
            ("ثم", Arabic),
            ("؛", Punct),
            ("لماذا", Arabic),
            ("؟", Punct),
            ("«", Punct),
            ("نعم", Arabic),
            ("»", Punct),
        ],
    ),
    (
        "حقا؟! نعم... لا؟؟",
        &[
            ("حقا", Arabic),
            ("؟", Punct),
            ("!", Punct),
            ("نعم", Arabic),
            ("...", Punct),
            ("لا", Arabic),
            ("؟؟", Punct),
        ],
    ),
    (
        "لندن ـ «القدس»",
        &[
            ("لندن", Arabic),
            ("ـ", Punct),
            ("«", Punct),
            ("القدس", Arabic),
            ("»", Punct),
        ],
    ),
    // URLs and emails
    (
        "انظر https://example.com/a?b=1.",
        &[
            ("انظر", Arabic),
            ("https://example.com/a?b=1", Url),
            (".", Punct),
        ],
    ),
    (
        "(www.bbc.co.uk/arabic)",
        &[("(", Punct), ("www.bbc.co.uk/arabic", Url), (")", Punct)],
    ),
    (
        "https://ar.wikipedia.org/wiki/مصر_(توضيح)",
        &[("https://ar.wikipedia.org/wiki/مصر_(توضيح)", Url)],
    ),
    (
        "موقع alarabiya.net، و",
        &[
            ("موقع", Arabic),
            ("alarabiya.net", Url),
            ("،", Punct),
            ("و", Arabic),
        ],
    ),
    (
        "e.g. U.S. Mr.Smith",
        &[
            ("e", Latin),
            (".", Punct),
            ("g", Latin),
            (".", Punct),
            ("U", Latin),
            (".", Punct),
            ("S", Latin),
            (".", Punct),
            ("Mr", Latin),
            (".", Punct),
            ("Smith", Latin),
        ],
    ),
    (
        "راسلنا info@example.com.sa.",
        &[
            ("راسلنا", Arabic),
            ("info@example.com.sa", Email),
            (".", Punct),
        ],
    ),
    ("user@host", &[("user", Latin), ("@host", Mention)]),
    // mentions, hashtags
    (
        "@Khabar_News: #السعودية #رؤية_2030 #1",
        &[
            ("@Khabar_News", Mention),
            (":", Punct),
            ("#السعودية", Hashtag),
            ("#رؤية_2030", Hashtag),
            ("#", Punct),
            ("1", Number),
        ],
    ),
    // emoji
    (
        "رائع👍🏽 ❤️ 👨\u{200d}👩\u{200d}👧 🇸🇦 1\u{fe0f}\u{20e3}",
        &[
            ("رائع", Arabic),
            ("👍🏽", Emoji),
            ("❤️", Emoji),
            ("👨\u{200d}👩\u{200d}👧", Emoji),
            ("🇸🇦", Emoji),
            ("1\u{fe0f}\u{20e3}", Emoji),
        ],
    ),
    (
        "© 2020 ☀",
        &[("©", Symbol), ("2020", Number), ("☀", Symbol)],
    ),
    // symbols, mixed scripts, apostrophes
    (
        "$100 + 5°",
        &[
            ("$", Symbol),
            ("100", Number),
            ("+", Symbol),
            ("5", Number),
            ("°", Symbol),
        ],
    ),
    ("iPhoneالجديد", &[("iPhone", Latin), ("الجديد", Arabic)]),
    ("don't l'Orient", &[("don't", Latin), ("l'Orient", Latin)]),
    ("Москва 北京", &[("Москва", Other), ("北京", Other)]),
    // invisible characters are gaps
    (
        "\u{feff}كلمة\u{200f} \u{200b}أخرى",
        &[("كلمة", Arabic), ("أخرى", Arabic)],
    ),
];

#[test]
fn table() {
    for (input, expected) in CASES {
        assert_eq!(&toks(input), expected, "input {input:?}");
    }
}

fn check_invariants(text: &str) {
    let mut prev = 0;
    for t in words(text) {
        assert!(
            prev <= t.start && t.start < t.end && t.end <= text.len(),
            "{text:?} {t:?}"
        );
        for c in text[prev..t.start].chars() {
            assert!(
                matches!(classify(c), Class::Space | Class::Joiner),
                "{text:?}: {c:?} in a gap"
            );
        }
        prev = t.end;
    }
    for c in text[prev..].chars() {
        assert!(
            matches!(classify(c), Class::Space | Class::Joiner),
            "{text:?}: {c:?} at the end"
        );
    }
}

#[test]
fn invariants_on_the_table() {
    for (input, _) in CASES {
        check_invariants(input);
    }
}

#[test]
fn fast_paths_agree_with_unicode() {
    // The ASCII table and the Arabic fast path must say what the general category says.
    for u in 0u32..0x800 {
        let Some(c) = char::from_u32(u) else { continue };
        let fast = classify(c);
        let gc = c.general_category_group();
        match fast {
            Class::Letter(_) => assert_eq!(gc, GeneralCategoryGroup::Letter, "{c:?}"),
            Class::Digit => assert_eq!(
                c.general_category(),
                GeneralCategory::DecimalNumber,
                "{c:?}"
            ),
            Class::Mark => assert_eq!(gc, GeneralCategoryGroup::Mark, "{c:?}"),
            Class::Punct => assert_eq!(gc, GeneralCategoryGroup::Punctuation, "{c:?}"),
            Class::Symbol => assert!(
                matches!(
                    gc,
                    GeneralCategoryGroup::Symbol
                        | GeneralCategoryGroup::Number
                        | GeneralCategoryGroup::Other
                ),
                "{c:?}"
            ),
            _ => {}
        }
    }
}

#[test]
fn linear_on_pathological_input() {
    for text in [
        "a.".repeat(300_000),
        "ab@".repeat(200_000),
        "1.".repeat(300_000),
        "ا".repeat(1_000_000),
        "\u{064e}".repeat(500_000),
        "\u{200c}".repeat(500_000) + "ا",
        "ـ".repeat(500_000),
    ] {
        // A quadratic path would not finish: the test run's own timeout catches it.
        check_invariants(&text);
    }
}
