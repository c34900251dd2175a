//! Per-row quality signals and the FineWeb-2 filter, for building Arabic corpora.
//!
//! [`signals`] measures one document in a few linear passes over its text (characters, then
//! tokens, then lines split at `\n`), with no regular expressions and no copies. Every signal's
//! definition is in [`Signals`]' field docs. [`filter::decide`] keeps or drops a document with
//! FineWeb-2's rules ([`filter::Preset`]).
//!
//! Words are the crate's word tokens ([`crate::tokenize::words`]): letters with their marks,
//! numbers with inner separators, URLs, emails, and each punctuation mark on its own.

pub mod filter;
pub mod lines;
pub mod punct;
pub mod repetition;
#[cfg(feature = "arrow")]
pub mod table;
pub mod text;

use crate::text::{is_arabic_letter, is_diacritic};
use crate::tokenize::{is_stopword, words, TokenKind};
use lines::{line_ends_in_punct, Ending};
use repetition::{duplicates, NGrams};

/// The quality signals of one document. Ratios are 0 when their denominator is 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// Characters (code points).
    pub chars: usize,
    /// Word tokens: tokens of kind Arabic, Latin, other script, number, URL, email, mention,
    /// hashtag (punctuation, symbols and emoji are not words).
    pub words: usize,
    /// Lines: pieces of the text between `\n`, blank ones (only white space and invisible
    /// characters) not counted.
    pub lines: usize,
    /// Arabic letters / characters that are not white space.
    pub arabic_letter_ratio: f64,
    /// Latin letters (ASCII and Latin-1/Extended letters) / characters that are not white space.
    pub latin_letter_ratio: f64,
    /// Arabizi words / words: Latin words of letters and digits that have one of the digits
    /// 2 3 5 7 9 (standing for ء ع خ ح ق) next to a letter, such as `3arabi`, `7abibi`, `mar7aba`.
    pub arabizi_word_ratio: f64,
    /// Arabic diacritics (harakat, dagger alef, Quranic and extended marks) / Arabic letters.
    pub diacritic_ratio: f64,
    /// Mean characters per word.
    pub mean_word_length: f64,
    /// Tokens without any alphabetic character / tokens.
    pub non_alpha_word_ratio: f64,
    /// Words that are stopwords of khabar's list ([`crate::tokenize::is_stopword`]).
    pub stopwords: usize,
    /// Lines ending in sentence-ending punctuation / lines, reading past trailing white space,
    /// bidi and other invisible characters, tatweel and closing quotes ([`lines::Ending`]).
    pub line_punct_ratio: f64,
    /// Lines that repeat an earlier line / lines.
    pub dup_line_frac: f64,
    /// Characters of lines that repeat an earlier line / characters.
    pub dup_line_char_frac: f64,
    /// Characters of the most frequent word 2-, 3- and 4-gram (words joined by a space, times
    /// its count) / characters (Gopher's "top n-gram character fraction").
    pub top_ngram_frac: [f64; 3],
    /// Characters in word 5- to 10-grams that repeat an earlier n-gram, scanning left to right
    /// and skipping past each repeat / characters (Gopher's "duplicate n-gram character
    /// fraction").
    pub dup_ngram_frac: [f64; 6],
    /// Characters of non-blank lines that repeat an earlier line / characters other than `\n`
    /// (FineWeb's `char_dup_ratio`).
    pub char_dup_ratio: f64,
    /// `\n` characters / tokens (FineWeb's `list_ratio`).
    pub newline_ratio: f64,
    /// Suspected encoding damage: the confidence of [`crate::repair::repair`] when it would
    /// change the text, else 0.
    pub mojibake: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn is_arabizi(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().any(u8::is_ascii_alphabetic)
        && b.iter().enumerate().any(|(i, &c)| {
            matches!(c, b'2' | b'3' | b'5' | b'7' | b'9')
                && (i > 0 && b[i - 1].is_ascii_alphabetic()
                    || b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        })
}

/// What [`signals`] counts character by character.
#[derive(Debug, Default, PartialEq)]
struct CharCounts {
    chars: usize,
    newlines: usize,
    /// Characters other than white space.
    visible: usize,
    arabic: usize,
    marks: usize,
    /// Letters of ASCII and U+00C0–024F.
    latin: usize,
}

impl CharCounts {
    /// The counts of `text`, read from its bytes: ASCII and the Arabic block (`D8`–`DB` xx,
    /// none of it white space) are classified without decoding a character.
    fn of(text: &str) -> CharCounts {
        let mut n = CharCounts::default();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            n.chars += 1;
            if x < 0x80 {
                i += 1;
                n.newlines += usize::from(x == b'\n');
                let space = matches!(x, b'\t'..=b'\r' | b' ');
                n.visible += usize::from(!space);
                n.latin += usize::from(x.is_ascii_alphabetic());
                continue;
            }
            let c = if (0xD8..=0xDB).contains(&x) && i + 1 < b.len() {
                i += 2;
                char::from_u32((u32::from(x & 0x1F) << 6) | u32::from(b[i - 1] & 0x3F)).unwrap_or(char::REPLACEMENT_CHARACTER)
            } else {
                let c = crate::text::utf8::char_at(text, i).unwrap_or(char::REPLACEMENT_CHARACTER);
                i += c.len_utf8();
                if c.is_whitespace() {
                    continue;
                }
                c
            };
            n.visible(c);
        }
        n
    }

    /// Counts `c`, a character other than white space.
    fn visible(&mut self, c: char) {
        self.visible += 1;
        if is_arabic_letter(c) {
            self.arabic += 1;
        } else if is_diacritic(c) {
            self.marks += 1;
        } else if (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)) && c.is_alphabetic() {
            self.latin += 1;
        }
    }
}

/// The signals of `text`.
pub fn signals(text: &str) -> Signals {
    let mut s = Signals::default();
    let c = CharCounts::of(text);
    let newlines = c.newlines;
    s.chars = c.chars;
    s.arabic_letter_ratio = ratio(c.arabic, c.visible);
    s.latin_letter_ratio = ratio(c.latin, c.visible);
    s.diacritic_ratio = ratio(c.marks, c.arabic);

    let tokens: Vec<(&str, TokenKind)> = words(text).map(|t| (t.text(text), t.kind)).collect();
    let texts: Vec<&str> = tokens.iter().map(|t| t.0).collect();
    let lens: Vec<usize> = texts.iter().map(|w| w.chars().count()).collect();
    let (mut word_chars, mut arabizi, mut non_alpha) = (0, 0, 0);
    for (&(w, kind), &len) in tokens.iter().zip(&lens) {
        if !w.chars().any(crate::text::is_alphabetic) {
            non_alpha += 1;
        }
        if matches!(
            kind,
            TokenKind::Punct | TokenKind::Symbol | TokenKind::Emoji
        ) {
            continue;
        }
        s.words += 1;
        word_chars += len;
        if kind == TokenKind::Latin && is_arabizi(w) {
            arabizi += 1;
        }
        if is_stopword(w) {
            s.stopwords += 1;
        }
    }
    s.mean_word_length = ratio(word_chars, s.words);
    s.arabizi_word_ratio = ratio(arabizi, s.words);
    s.non_alpha_word_ratio = ratio(non_alpha, tokens.len());
    s.newline_ratio = ratio(newlines, tokens.len());

    let lines: Vec<&str> = text
        .split('\n')
        .filter(|l| {
            l.chars()
                .any(|c| !c.is_whitespace() && !crate::text::is_invisible(c))
        })
        .collect();
    s.lines = lines.len();
    let ended = lines
        .iter()
        .filter(|l| line_ends_in_punct(l, Ending::PastInvisibles))
        .count();
    s.line_punct_ratio = ratio(ended, lines.len());
    let (dup, dup_chars) = duplicates(lines.iter().copied());
    s.dup_line_frac = ratio(dup, lines.len());
    s.dup_line_char_frac = ratio(dup_chars, s.chars);
    s.char_dup_ratio = ratio(dup_chars, s.chars - newlines);
    let mut grams = NGrams::new(&texts, &lens);
    for (k, n) in (2..=4).enumerate() {
        s.top_ngram_frac[k] = ratio(grams.top(n).unwrap_or(0), s.chars);
    }
    for (k, n) in (5..=10).enumerate() {
        s.dup_ngram_frac[k] = ratio(grams.duplicated(n), s.chars);
    }
    s.mojibake = crate::repair::repair(text).map_or(0.0, |r| r.confidence());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`CharCounts::of`] character by character, every character decoded.
    fn char_counts_by_char(text: &str) -> CharCounts {
        let mut n = CharCounts::default();
        for c in text.chars() {
            n.chars += 1;
            n.newlines += usize::from(c == '\n');
            if !c.is_whitespace() {
                n.visible(c);
            }
        }
        n
    }

    #[test]
    fn character_counts_from_bytes() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "قالَ الوزيرُ، إن\u{a0}الخطة\u{2003}جاهزة ـ\u{200f}\u{0670}\u{06d6}۱٢\n\tÀÿŁɏ Ωж 😀\r\x0b\x0c\u{85}\u{2028}\u{3000}ﻻ".into(),
        ];
        // Every character of U+0000–08FF, and around the Latin and Arabic ranges' ends.
        texts.push((0..0x900u32).filter_map(char::from_u32).collect());
        texts.push(['\u{BF}', '\u{C0}', '\u{24F}', '\u{250}', '\u{5FF}', '\u{6FF}', '\u{700}', '\u{FB50}', '\u{FEFF}'].iter().collect());
        for t in &texts {
            assert_eq!(CharCounts::of(t), char_counts_by_char(t), "{t:?}");
        }
    }

    #[test]
    fn signals_of_a_short_text() {
        let s = signals("قالَ الوزيرُ إن الخطة جاهزة.\u{202C} \nmar7aba ya 3arabi\n\nقالَ الوزيرُ إن الخطة جاهزة.\u{202C} ");
        assert_eq!(s.lines, 3);
        assert!((s.line_punct_ratio - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.dup_line_frac - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.words, 13);
        assert!((s.arabizi_word_ratio - 2.0 / 13.0).abs() < 1e-9);
        assert!(
            s.diacritic_ratio > 0.0 && s.arabic_letter_ratio > 0.5 && s.latin_letter_ratio > 0.1
        );
        assert!(s.stopwords >= 2);
        assert_eq!(s.mojibake, 0.0);
        assert!(signals("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ© Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©").mojibake > 0.5);
        assert_eq!(signals(""), Signals::default());
    }
}
