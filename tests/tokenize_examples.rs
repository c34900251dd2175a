//! Integration tests of the tokenizer: the C5 abbreviation list of the lexicon, the seed
//! article's sentences, and the invariants of words, clitics and sentences on real text.
//!
//! The seed article and its expected parse are the parser goldens in `tests/data/parse`.

use std::path::Path;

use khabar::text::is_space;
use khabar::tokenize::stem::{isri, light10};
use khabar::tokenize::{sentence_spans, tokens, words, TokenKind, TokenizeOptions};
use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/parse");
const LEXICONS: &str = include_str!("../src/article/lexicons.json");

fn data_file(name: &str) -> String {
    let path = Path::new(DATA).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn lexicon_abbreviations_never_end_a_sentence() {
    let lex: Value = serde_json::from_str(LEXICONS).unwrap();
    let list = lex["abbreviations_no_break"].as_array().unwrap();
    assert!(list.len() >= 7);
    for entry in list {
        let abbr = entry.as_str().unwrap();
        let abbr = if abbr.starts_with('<') { "د" } else { abbr }; // "<one Arabic letter>."
        for text in [
            format!("قال {abbr}. محمد علي. ثم"),
            format!("({abbr}. محمد) علي. ثم"),
        ] {
            let got: Vec<&str> = sentence_spans(&text)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect();
            assert_eq!(got.len(), 2, "{text:?} -> {got:?}");
            assert!(
                got[0].contains(&format!("{abbr}. محمد")),
                "{text:?} -> {got:?}"
            );
        }
    }
}

#[test]
fn seed_article_sentences() {
    let raw = data_file("seed.txt");
    let expected: Value = serde_json::from_str(&data_file("seed.expected.json")).unwrap();
    let chars: Vec<char> = raw.chars().collect();
    let mut count = 0;
    for p in expected["paragraphs"].as_array().unwrap() {
        let (ps, pe) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        let body: String = chars[ps..pe].iter().collect();
        let got: Vec<(usize, usize)> = sentence_spans(&body)
            .into_iter()
            .map(|(s, e)| {
                (
                    ps + body[..s].chars().count(),
                    ps + body[..e].chars().count(),
                )
            })
            .collect();
        let want: Vec<(usize, usize)> = p["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        assert_eq!(got, want, "paragraph {}", p["i"]);
        count += got.len();
    }
    assert_eq!(count, 15);
}

fn check_words(text: &str, opts: TokenizeOptions) {
    let mut prev = 0;
    for t in tokens(text, opts) {
        assert!(
            prev <= t.start && t.start < t.end && t.end <= text.len(),
            "{t:?}"
        );
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        // Dropped stopwords leave their text between the kept tokens.
        for c in text[prev..t.start].chars().filter(|_| !opts.drop_stopwords) {
            assert!(
                is_space(c)
                    || c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '\u{200c}' | '\u{200d}' | '\u{ad}'),
                "{c:?} in a gap"
            );
        }
        prev = t.end;
    }
}

#[test]
fn invariants_on_real_text() {
    let raw = data_file("seed.txt");
    for opts in [
        TokenizeOptions::default(),
        TokenizeOptions {
            clitics: true,
            drop_stopwords: false,
        },
        TokenizeOptions {
            clitics: true,
            drop_stopwords: true,
        },
    ] {
        check_words(&raw, opts);
    }
    let toks: Vec<_> = words(&raw).collect();
    assert!(toks.len() > 400);
    assert!(toks.iter().filter(|t| t.kind == TokenKind::Arabic).count() > 350);
    let mut prev = 0;
    for (s, e) in sentence_spans(&raw) {
        assert!(prev <= s && s < e);
        prev = e;
    }
}

#[test]
fn stemmers_never_panic_on_odd_words() {
    for w in [
        "", "ا", "ال", "وو", "و", "ـــ", "\u{064e}", "😀", "abc", "١٢٣", "ﻻ", "ﷲ", "والـ",
    ] {
        let _ = light10(w);
        let _ = isri(w);
    }
}
