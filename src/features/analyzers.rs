//! What a text becomes before hashing: word n-grams (from khabar's tokenizer, or from
//! scikit-learn's default token pattern `(?u)\b\w\w+\b` for exact parity), character n-grams,
//! and character n-grams inside word boundaries, each as scikit-learn's text vectorizers define
//! them.
//!
//! Parity needs Python's own character classes, which differ from Rust's: Python's `\w` is
//! `str.isalnum()` or `_` (letters and numbers by general category; combining marks such as
//! the Arabic harakat are not word characters, so `كَتَبَ` holds four tokens' worth of
//! breaks), and Python's white space (`str.isspace`, `\s`) includes the information separators
//! U+001C–U+001F but not U+200B.

use crate::text::is_whitespace;
use crate::tokenize::{words, TokenKind};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Code points below this are classified by one table load (ASCII, Latin, Greek, Cyrillic,
/// Hebrew, Arabic and Syriac: nearly every character of Arabic news).
const TABLE_END: u32 = 0x800;
const WORD: u8 = 1;
const CASED: u8 = 2;

/// `WORD` and `CASED` for every code point below [`TABLE_END`], from the Unicode data.
fn table() -> &'static [u8; TABLE_END as usize] {
    static TABLE: std::sync::OnceLock<[u8; TABLE_END as usize]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; TABLE_END as usize];
        for (cp, flags) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *flags = flags_of(c);
            }
        }
        t
    })
}

/// `WORD` and `CASED` of `c`, from the Unicode data.
fn flags_of(c: char) -> u8 {
    let word = if word_by_category(c) { WORD } else { 0 };
    word | if lowers(c) { CASED } else { 0 }
}

fn word_by_category(c: char) -> bool {
    c == '_' || matches!(c.general_category_group(), GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number)
}

fn lowers(c: char) -> bool {
    c.to_lowercase().ne([c])
}

/// Python's `str.isalnum()` or `_`: what `\w` matches in a `str` pattern (letters and
/// numbers by general category).
#[inline]
pub fn is_py_word(c: char) -> bool {
    if (c as u32) < TABLE_END {
        return table()[c as usize] & WORD != 0;
    }
    word_by_category(c)
}

/// Whether lowercasing changes `c`.
#[inline]
pub fn changes_when_lowercased(c: char) -> bool {
    if (c as u32) < TABLE_END {
        return table()[c as usize] & CASED != 0;
    }
    lowers(c)
}

/// Python's `str.isspace()`: what `\s` matches and `str.split()` splits at (Unicode white
/// space and the information separators U+001C–U+001F).
#[inline]
pub fn is_py_space(c: char) -> bool {
    is_whitespace(c) || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Where tokens come from, for the word analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// khabar's tokenizer: every token but punctuation and symbols.
    Khabar,
    /// scikit-learn's default `token_pattern`: runs of two or more `\w` characters.
    Pattern,
}

/// Byte spans of the tokens of `text` into `spans`.
pub fn token_spans(text: &str, source: TokenSource, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    match source {
        TokenSource::Khabar => spans.extend(
            words(text)
                .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
                .map(|t| (t.start, t.end)),
        ),
        TokenSource::Pattern => {
            // `\b\w\w+\b` finds exactly the maximal runs of word characters two or longer.
            let mut run: Option<(usize, usize)> = None;
            for (i, c) in text.char_indices() {
                if is_py_word(c) {
                    run = Some(match run {
                        Some((s, n)) => (s, n + 1),
                        None => (i, 1),
                    });
                } else if let Some((s, n)) = run.take() {
                    if n >= 2 {
                        spans.push((s, i));
                    }
                }
            }
            if let Some((s, n)) = run {
                if n >= 2 {
                    spans.push((s, text.len()));
                }
            }
        }
    }
}

/// What lowercasing a text would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Nothing.
    Unchanged,
    /// ASCII letters only.
    Ascii,
    /// Some other character.
    Other,
}

/// [`token_spans`] with [`TokenSource::Pattern`], and what lowercasing `text` would change,
/// in one pass over its bytes.
pub fn pattern_spans(text: &str, spans: &mut Vec<(usize, usize)>) -> Case {
    spans.clear();
    scan_pattern(text, |start, end, _| spans.push((start, end)))
}

/// The tokens of scikit-learn's default pattern in `text` (runs of two or more `\w`
/// characters), each handed to `each(start, end, upper)` as it ends, `upper` saying whether it
/// holds an ASCII capital; and what lowercasing the whole text would change. One pass over the
/// bytes: ASCII and two-byte characters are classified by one table load each.
pub fn scan_pattern(text: &str, mut each: impl FnMut(usize, usize, bool)) -> Case {
    let t = table();
    let b = text.as_bytes();
    // The flags of every character below U+0080, and of every other one, or-ed together.
    let (mut ascii, mut other) = (0u8, 0u8);
    // The current run of word characters: where it starts, how many characters it has, and
    // the flags of its ASCII characters.
    let (mut start, mut run, mut run_ascii) = (0, 0usize, 0u8);
    let mut i = 0;
    while i < b.len() {
        let c0 = b[i];
        let (flags, len) = if c0 < 0x80 {
            let f = t[usize::from(c0)];
            ascii |= f;
            run_ascii |= f;
            (f, 1)
        } else {
            let (f, len) = if c0 < 0xE0 {
                // Two bytes: below U+0800, in the table (Arabic, Hebrew, Greek, Cyrillic ...).
                (t[usize::from(c0 & 0x1F) << 6 | usize::from(b[i + 1] & 0x3F)], 2)
            } else {
                let (cp, len) = crate::text::utf8::decode(b, i);
                (flags_of(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER)), len)
            };
            other |= f;
            (f, len)
        };
        if flags & WORD != 0 {
            if run == 0 {
                start = i;
                run_ascii = flags & u8::from(c0 < 0x80).wrapping_neg();
            }
            run += 1;
        } else {
            if run >= 2 {
                each(start, i, run_ascii & CASED != 0);
            }
            run = 0;
        }
        i += len;
    }
    if run >= 2 {
        each(start, b.len(), run_ascii & CASED != 0);
    }
    if other & CASED != 0 {
        Case::Other
    } else if ascii & CASED != 0 {
        Case::Ascii
    } else {
        Case::Unchanged
    }
}

/// Word n-grams of the tokens `spans` of `text`, `min..=max` words joined by one space, each
/// handed to `emit` (scikit-learn's `_word_ngrams`).
pub fn word_ngrams(text: &str, spans: &[(usize, usize)], (min, max): (usize, usize), join: &mut String, emit: &mut impl FnMut(&str)) {
    let mut min = min;
    if max == 1 || min == 1 {
        for &(s, e) in spans {
            emit(&text[s..e]);
        }
        min = 2;
    }
    for n in min..=max.min(spans.len()) {
        for w in spans.windows(n) {
            join.clear();
            for (k, &(s, e)) in w.iter().enumerate() {
                if k > 0 {
                    join.push(' ');
                }
                join.push_str(&text[s..e]);
            }
            emit(join);
        }
    }
}

/// `text` with every run of two or more white-space characters replaced by one space (a lone
/// white-space character stays as it is), as scikit-learn does before character n-grams.
pub fn squeeze_spaces(text: &str, out: &mut String) {
    out.clear();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_py_space(c) && chars.peek().is_some_and(|&d| is_py_space(d)) {
            while chars.peek().is_some_and(|&d| is_py_space(d)) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// Byte offsets of every character boundary of `text`, the end included.
fn boundaries(text: &str, at: &mut Vec<usize>) {
    at.clear();
    at.extend(text.char_indices().map(|(i, _)| i));
    at.push(text.len());
}

/// Character n-grams of `text` (already squeezed), `min..=max` characters (scikit-learn's
/// `_char_ngrams`).
pub fn char_ngrams(text: &str, (min, max): (usize, usize), at: &mut Vec<usize>, emit: &mut impl FnMut(&str)) {
    boundaries(text, at);
    let len = at.len() - 1;
    let mut min = min;
    if min == 1 {
        for k in 0..len {
            emit(&text[at[k]..at[k + 1]]);
        }
        min = 2;
    }
    for n in min..=max.min(len) {
        for k in 0..=len - n {
            emit(&text[at[k]..at[k + n]]);
        }
    }
}

/// Character n-grams inside word boundaries: each white-space separated word of `text`
/// (already squeezed) padded with one space on each side, `min..=max` characters; a padded
/// word shorter than `n` is one n-gram, counted once (scikit-learn's `_char_wb_ngrams`).
pub fn char_wb_ngrams(
    text: &str,
    (min, max): (usize, usize),
    word: &mut String,
    at: &mut Vec<usize>,
    emit: &mut impl FnMut(&str),
) {
    for w in text.split(is_py_space).filter(|w| !w.is_empty()) {
        word.clear();
        word.push(' ');
        word.push_str(w);
        word.push(' ');
        boundaries(word, at);
        let len = at.len() - 1;
        for n in min..=max {
            let mut offset = 0;
            emit(&word[at[0]..at[n.min(len)]]);
            while offset + n < len {
                offset += 1;
                emit(&word[at[offset]..at[offset + n]]);
            }
            if offset == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(f: impl FnOnce(&mut dyn FnMut(&str))) -> Vec<String> {
        let mut out = Vec::new();
        f(&mut |s: &str| out.push(s.to_string()));
        out
    }

    #[test]
    fn python_word_characters() {
        for c in ['a', 'Z', '0', '_', 'ب', '٣', 'é', 'ß', '一', 'Ⅻ', '½'] {
            assert!(is_py_word(c), "{c:?}");
        }
        // Marks, tatweel (Lm: a letter to Python), punctuation and joiners.
        for c in ['\u{64e}', '\u{651}', '،', '-', ' ', '\u{200c}', '\u{200d}', '.', '🙂'] {
            assert!(!is_py_word(c), "{c:?}");
        }
        assert!(is_py_word('ـ'));
    }

    #[test]
    fn python_white_space() {
        for c in [' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{1f}', '\u{85}', '\u{a0}', '\u{2009}', '\u{3000}'] {
            assert!(is_py_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'a', '\u{180e}'] {
            assert!(!is_py_space(c), "{c:?}");
        }
    }

    #[test]
    fn pattern_tokens_are_runs_of_two_or_more_word_characters() {
        let text = "كَتَبَ a bb الطالب_1 x-ray 2020م";
        let mut spans = Vec::new();
        token_spans(text, TokenSource::Pattern, &mut spans);
        let got: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["bb", "الطالب_1", "ray", "2020م"]);
        token_spans(text, TokenSource::Khabar, &mut spans);
        let got: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["كَتَبَ", "a", "bb", "الطالب", "1", "x", "ray", "2020", "م"]);
    }

    #[test]
    fn one_pass_pattern_spans_equal_the_char_walk() {
        let pieces = ["", " ", "ab", "A", "كَتَبَ", "ΟΔΟΣ", "x-ray", "_1", "\u{10400}", "一二", "½", "\u{1c}", "é", "ǅ", "🙂"];
        let n = pieces.len();
        let (mut one, mut walk) = (Vec::new(), Vec::new());
        for k in 0..n * n * n {
            let text: String = [k % n, k / n % n, k / n / n].iter().map(|&p| pieces[p]).collect();
            let case = pattern_spans(&text, &mut one);
            token_spans(&text, TokenSource::Pattern, &mut walk);
            assert_eq!(one, walk, "{text:?}");
            let lowered = text.to_lowercase();
            let want = if lowered == text {
                Case::Unchanged
            } else if text.chars().all(|c| c.is_ascii() || !changes_when_lowercased(c)) {
                Case::Ascii
            } else {
                Case::Other
            };
            assert_eq!(case, want, "{text:?}");
        }
    }

    #[test]
    fn word_ngrams_as_sklearn() {
        let text = "a b c";
        let spans = [(0, 1), (2, 3), (4, 5)];
        let mut join = String::new();
        let grams = |r| collect(|e| word_ngrams(text, &spans, r, &mut String::new(), &mut |s| e(s)));
        assert_eq!(grams((1, 1)), ["a", "b", "c"]);
        assert_eq!(grams((1, 2)), ["a", "b", "c", "a b", "b c"]);
        assert_eq!(grams((2, 3)), ["a b", "b c", "a b c"]);
        assert_eq!(grams((3, 5)), ["a b c"]);
        let none = collect(|e| word_ngrams(text, &spans[..1], (2, 2), &mut join, &mut |s| e(s)));
        assert!(none.is_empty());
    }

    #[test]
    fn char_ngrams_as_sklearn() {
        let mut s = String::new();
        squeeze_spaces("ab  c\nd", &mut s);
        assert_eq!(s, "ab c\nd");
        let mut at = Vec::new();
        assert_eq!(collect(|e| char_ngrams("abc", (1, 2), &mut at, &mut |s| e(s))), ["a", "b", "c", "ab", "bc"]);
        assert_eq!(collect(|e| char_ngrams("بيت", (2, 5), &mut at, &mut |s| e(s))), ["بي", "يت", "بيت"]);
        assert!(collect(|e| char_ngrams("", (1, 2), &mut at, &mut |s| e(s))).is_empty());
    }

    #[test]
    fn char_wb_ngrams_as_sklearn() {
        let mut at = Vec::new();
        let mut w = String::new();
        let grams = |t: &str, r| collect(|e| char_wb_ngrams(t, r, &mut String::new(), &mut Vec::new(), &mut |s| e(s)));
        // " ab " -> 2-grams " a", "ab", "b "; 3-grams " ab", "ab ".
        assert_eq!(grams("ab", (2, 3)), [" a", "ab", "b ", " ab", "ab "]);
        // A padded word shorter than n is one gram, counted once.
        assert_eq!(grams("a", (4, 6)), [" a "]);
        assert_eq!(grams("a b", (3, 3)), [" a ", " b "]);
        assert_eq!(collect(|e| char_wb_ngrams("  ", (1, 1), &mut w, &mut at, &mut |s| e(s))), Vec::<String>::new());
    }
}
