//! The word tokenizer: words alone, with clitics split, with stopwords dropped, and each token
//! normalized by a preset; the first byte chooses.
//!
//! Invariants: no panic; every token is a non-empty span on character boundaries inside the
//! text, in order, not overlapping the one before, and its text is that slice (also counted in
//! code points, as the offsets leave the crate); clitic splitting cuts words into pieces that
//! cover them exactly; dropping stopwords only leaves out stopwords; normalizing a token never
//! panics.
#![no_main]

use std::sync::OnceLock;

use khabar::normalize::Normalizer;
use khabar::tokenize::{is_stopword, tokens, words, Token, TokenKind, TokenizeOptions};
use libfuzzer_sys::fuzz_target;

fn normalizers() -> &'static [(String, usize, Normalizer)] {
    static ALL: OnceLock<Vec<(String, usize, Normalizer)>> = OnceLock::new();
    ALL.get_or_init(khabar_fuzz::normalizers)
}

/// Spans in order, non-empty, on character boundaries, slicing back (in bytes and in code
/// points).
fn check_spans(text: &str, toks: &[Token], what: &str) {
    let chars: Vec<char> = text.chars().collect();
    let cp = khabar_fuzz::codepoint_offsets(text);
    let mut before = 0;
    for t in toks {
        assert!(before <= t.start && t.start < t.end && t.end <= text.len(), "{what}: {t:?} after {before} in {text:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "{what}: {t:?} cuts a character of {text:?}");
        let (s, e) = (cp[t.start], cp[t.end]);
        assert_eq!(chars[s..e].iter().collect::<String>(), t.text(text), "{what}: {t:?} in code points, {text:?}");
        before = t.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let opts = TokenizeOptions { clitics: pick & 1 != 0, drop_stopwords: pick & 2 != 0 };

    let plain: Vec<Token> = words(text).collect();
    check_spans(text, &plain, "words");
    assert_eq!(tokens(text, TokenizeOptions::default()), plain, "tokens() without options is words()");

    let split = tokens(text, TokenizeOptions { clitics: opts.clitics, drop_stopwords: false });
    check_spans(text, &split, "clitics");
    // Each word is cut into pieces that cover it exactly (a word that does not split is one
    // piece); only Arabic words are cut.
    let mut pieces = split.iter().peekable();
    for w in &plain {
        let mut at = w.start;
        while at < w.end {
            let p = pieces.next().unwrap_or_else(|| panic!("{w:?} is not covered in {text:?}"));
            assert_eq!(p.start, at, "a piece of {w:?} is missing in {text:?}");
            assert!(p.end <= w.end, "{p:?} runs past {w:?} in {text:?}");
            assert!(p.kind == w.kind || (p.kind == TokenKind::Clitic && w.kind == TokenKind::Arabic), "{p:?} of {w:?}");
            at = p.end;
        }
    }
    assert!(pieces.next().is_none(), "pieces left over in {text:?}");

    let kept = tokens(text, opts);
    check_spans(text, &kept, "kept");
    let stopword = |t: &Token| matches!(t.kind, TokenKind::Arabic | TokenKind::Clitic) && is_stopword(t.text(text));
    let mut all = split.iter();
    for k in &kept {
        loop {
            let t = all.next().unwrap_or_else(|| panic!("{k:?} kept but not a token of {text:?}"));
            if t == k {
                break;
            }
            assert!(opts.drop_stopwords && stopword(t), "{t:?} dropped but not a stopword in {text:?}");
        }
    }
    for t in all {
        assert!(opts.drop_stopwords && stopword(t), "{t:?} dropped but not a stopword in {text:?}");
    }

    let all_n = normalizers();
    let (_, _, n) = &all_n[usize::from(pick >> 2) % all_n.len()];
    for t in &kept {
        n.normalize(t.text(text));
    }
});
