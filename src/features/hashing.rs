//! The hashing trick: text to a sparse row of `n_features` columns, with no vocabulary.
//!
//! Each feature string (a word, a word n-gram or a character n-gram, see [`super::analyzers`])
//! is hashed with 32-bit MurmurHash3 (seed 0) of its UTF-8 bytes, read as a signed integer
//! `h`; its column is `|h| mod n_features` and, with `alternate_sign`, it adds `-1` when `h`
//! is negative and `+1` otherwise, so that collisions tend to cancel. This is exactly
//! scikit-learn's `FeatureHasher`, so that in parity mode (its token pattern, no normalizer)
//! the rows equal its `HashingVectorizer`'s: entries sorted by column with duplicates summed
//! (a sum of zero stays an entry), then `binary` (every entry 1) and the row norm (`l1`, `l2`)
//! in the same order of operations.

use super::analyzers::{
    changes_when_lowercased, char_ngrams, char_wb_ngrams, pattern_spans, scan_pattern, squeeze_spaces, token_spans,
    word_ngrams, Case, TokenSource,
};
use crate::batch::SparseRows;
use crate::normalize::Normalizer;
use std::borrow::Cow;
use std::sync::Arc;

/// What features are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Word n-grams.
    Word(TokenSource),
    /// Character n-grams over the whole text.
    Char,
    /// Character n-grams inside word boundaries.
    CharWb,
}

/// How each row is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    /// As counted.
    None,
    /// Absolute values sum to 1.
    L1,
    /// Squares sum to 1.
    L2,
}

/// A hashing vectorizer's settings (see the module docs).
#[derive(Debug, Clone)]
pub struct HashingVectorizer {
    /// Columns of the output, 1 to 2^31 - 1.
    pub n_features: u32,
    /// The smallest and the largest n of the n-grams, `1 <= min <= max`.
    pub ngram: (usize, usize),
    /// What features are made of.
    pub analyzer: Analyzer,
    /// Lowercase the text first (after normalizing it), as Python's `str.lower`.
    pub lowercase: bool,
    /// Negative hashes subtract.
    pub alternate_sign: bool,
    /// Every entry becomes 1 (before the norm).
    pub binary: bool,
    /// Row scaling.
    pub norm: Norm,
    /// Normalization applied first, if any.
    pub normalizer: Option<Arc<Normalizer>>,
}

/// Buffers reused from row to row.
#[derive(Default)]
pub struct Scratch {
    /// One per feature: its column times two, plus one where it subtracts (see [`entry`]).
    entries: Vec<u32>,
    lower: String,
    squeezed: String,
    join: String,
    spans: Vec<(usize, usize)>,
    at: Vec<usize>,
}

/// 32-bit MurmurHash3 (x86 variant) of `data` with `seed`, as scikit-learn's
/// `murmurhash3_32` computes it (read as `i32` for its signed form). Written here, not read
/// through `std::io::Read` as the `murmur3` crate does, because it runs once per feature.
#[inline]
pub fn murmur3_32(data: &[u8], seed: u32) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mix = |k: u32| k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    let mut h = seed;
    let mut blocks = data.chunks_exact(4);
    for b in &mut blocks {
        h ^= mix(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        h ^= mix(k);
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// A feature of `column` that adds one, or subtracts one where `subtracts`, packed so that
/// sorting the entries sorts them by column (columns are below 2^31).
#[inline]
fn entry(column: u32, subtracts: bool) -> u32 {
    column << 1 | u32::from(subtracts)
}

/// The column and the sign of feature `f` in `n_features` columns.
#[inline]
pub fn hash_feature(f: &str, n_features: u32) -> (u32, bool) {
    let h = murmur3_32(f.as_bytes(), 0) as i32;
    let column = if n_features.is_power_of_two() {
        // |h| mod 2^k: the low bits of |h| (|i32::MIN| = 2^31 included).
        h.unsigned_abs() & (n_features - 1)
    } else if h == i32::MIN {
        // |i32::MIN| does not fit an i32; this is |h| mod n_features all the same.
        ((i32::MAX as u32) - (n_features - 1)) % n_features
    } else {
        h.unsigned_abs() % n_features
    };
    (column, h >= 0)
}

impl HashingVectorizer {
    /// Check the settings: `Err` says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.n_features == 0 || self.n_features > i32::MAX as u32 {
            return Err(format!("n_features must be between 1 and {}, got {}", i32::MAX, self.n_features));
        }
        let (min, max) = self.ngram;
        if min == 0 || min > max {
            return Err(format!("ngram_range must be (min, max) with 1 <= min <= max, got ({min}, {max})"));
        }
        Ok(())
    }

    /// Push the entries of `text`'s row to `out` (the caller closes the row).
    pub fn write_row(&self, text: &str, s: &mut Scratch, out: &mut SparseRows) {
        let text: Cow<'_, str> = match &self.normalizer {
            Some(n) => n.normalize(text),
            None => Cow::Borrowed(text),
        };
        s.entries.clear();
        let (n, signed) = (self.n_features, self.alternate_sign);
        let hash = move |entries: &mut Vec<u32>, f: &str| {
            let (column, positive) = hash_feature(f, n);
            entries.push(entry(column, signed && !positive));
        };
        let entries = &mut s.entries;
        let mut add = |f: &str| hash(entries, f);
        match self.analyzer {
            Analyzer::Word(TokenSource::Pattern) if self.ngram == (1, 1) => {
                // Single words, hashed as the scan finds them; a word with an ASCII capital is
                // lowercased on its own. A case change outside ASCII (final sigma and such
                // context rules) needs the whole text lowercased first: start again that way.
                let (lowercase, word) = (self.lowercase, &mut s.join);
                let case = scan_pattern(&text, |start, end, upper| {
                    let f = &text[start..end];
                    if upper && lowercase {
                        word.clear();
                        word.push_str(f);
                        word.make_ascii_lowercase();
                        add(word);
                    } else {
                        add(f);
                    }
                });
                if case == Case::Other && lowercase {
                    s.entries.clear();
                    let lowered = lower(&text, &mut s.lower);
                    token_spans(lowered, TokenSource::Pattern, &mut s.spans);
                    let entries = &mut s.entries;
                    word_ngrams(lowered, &s.spans, self.ngram, &mut s.join, &mut |f| hash(entries, f));
                }
            }
            Analyzer::Word(TokenSource::Pattern) => {
                // One pass finds the tokens and whether lowercasing changes anything. ASCII
                // lowercasing keeps every byte offset and every character's class, so the
                // spans hold for the lowercased copy; any other case change goes the long way.
                let text = match pattern_spans(&text, &mut s.spans) {
                    Case::Unchanged => &*text,
                    Case::Ascii if self.lowercase => {
                        s.lower.clear();
                        s.lower.push_str(&text);
                        s.lower.make_ascii_lowercase();
                        &s.lower
                    }
                    Case::Ascii => &*text,
                    Case::Other if self.lowercase => {
                        let lowered = lower(&text, &mut s.lower);
                        token_spans(lowered, TokenSource::Pattern, &mut s.spans);
                        lowered
                    }
                    Case::Other => &*text,
                };
                word_ngrams(text, &s.spans, self.ngram, &mut s.join, &mut add);
            }
            Analyzer::Word(source) => {
                let text = if self.lowercase { lower(&text, &mut s.lower) } else { &text };
                token_spans(text, source, &mut s.spans);
                word_ngrams(text, &s.spans, self.ngram, &mut s.join, &mut add);
            }
            Analyzer::Char => {
                let text = if self.lowercase { lower(&text, &mut s.lower) } else { &text };
                squeeze_spaces(text, &mut s.squeezed);
                char_ngrams(&s.squeezed, self.ngram, &mut s.at, &mut add);
            }
            Analyzer::CharWb => {
                let text = if self.lowercase { lower(&text, &mut s.lower) } else { &text };
                squeeze_spaces(text, &mut s.squeezed);
                char_wb_ngrams(&s.squeezed, self.ngram, &mut s.join, &mut s.at, &mut add);
            }
        }
        self.finish_row(&mut s.entries, out);
    }

    /// Push the row of the ready-made features `features` (from an analyzer of the caller's).
    pub fn write_features<'f>(&self, features: impl IntoIterator<Item = &'f str>, s: &mut Scratch, out: &mut SparseRows) {
        s.entries.clear();
        for f in features {
            let (column, positive) = hash_feature(f, self.n_features);
            s.entries.push(entry(column, self.alternate_sign && !positive));
        }
        self.finish_row(&mut s.entries, out);
    }

    /// Sort, sum duplicates, then `binary` and the norm, into `out`. Every sum is a whole
    /// number, exact in any order.
    fn finish_row(&self, entries: &mut [u32], out: &mut SparseRows) {
        entries.sort_unstable();
        let first = out.indices.len();
        let mut k = 0;
        while k < entries.len() {
            let column = entries[k] >> 1;
            let mut sum = 0i64;
            while k < entries.len() && entries[k] >> 1 == column {
                sum += if entries[k] & 1 == 1 { -1 } else { 1 };
                k += 1;
            }
            out.push(column, if self.binary { 1.0 } else { sum as f64 });
        }
        let row = &mut out.data[first..];
        let norm = match self.norm {
            Norm::None => return,
            Norm::L1 => row.iter().map(|v| v.abs()).sum::<f64>(),
            Norm::L2 => row.iter().map(|v| v * v).sum::<f64>().sqrt(),
        };
        if norm != 0.0 {
            for v in row {
                *v /= norm;
            }
        }
    }
}

/// `text` lowercased as Python's `str.lower` does (final sigma included), in `buf` unless it
/// has nothing to lowercase.
fn lower<'a>(text: &'a str, buf: &'a mut String) -> &'a str {
    let (mut ascii, mut other) = (false, false);
    for c in text.chars() {
        if changes_when_lowercased(c) {
            if c.is_ascii() {
                ascii = true;
            } else {
                other = true;
                break;
            }
        }
    }
    if other {
        // Final sigma and the other context rules: the standard library's whole-string form.
        *buf = text.to_lowercase();
        return buf;
    }
    if !ascii {
        return text;
    }
    buf.clear();
    buf.push_str(text);
    buf.make_ascii_lowercase();
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectorizer(analyzer: Analyzer, ngram: (usize, usize)) -> HashingVectorizer {
        HashingVectorizer {
            n_features: 1 << 20,
            ngram,
            analyzer,
            lowercase: true,
            alternate_sign: true,
            binary: false,
            norm: Norm::L2,
            normalizer: None,
        }
    }

    fn row(v: &HashingVectorizer, text: &str) -> SparseRows {
        let mut out = SparseRows::new();
        v.write_row(text, &mut Scratch::default(), &mut out);
        out.end_row();
        out
    }

    #[test]
    fn murmur3_as_scikit_learn() {
        // Signed 32-bit MurmurHash3 (seed 0) of UTF-8, as sklearn.utils.murmurhash3_32.
        let h = |s: &str| murmur3_32(s.as_bytes(), 0) as i32;
        assert_eq!(h(""), 0);
        assert_eq!(h("foo"), -156908512);
        assert_eq!(h("hello"), 613153351);
        assert_eq!(hash_feature("foo", 1 << 20), (156908512 % (1 << 20), false));
        assert_eq!(hash_feature("hello", 10), (1, true));
        // Every tail length, against the reference implementation.
        let text = "ذهب الطلاب إلى المدرسة abc 🙂";
        for end in 0..=text.len() {
            let b = &text.as_bytes()[..end];
            assert_eq!(murmur3_32(b, 0), murmur3::murmur3_32(&mut &b[..], 0).unwrap(), "{end}");
            assert_eq!(murmur3_32(b, 42), murmur3::murmur3_32(&mut &b[..], 42).unwrap(), "{end}");
        }
    }

    #[test]
    fn duplicates_sum_and_rows_are_sorted_and_scaled() {
        let mut v = vectorizer(Analyzer::Word(TokenSource::Pattern), (1, 1));
        v.norm = Norm::None;
        let r = row(&v, "Hello hello HELLO world");
        let (hc, hs) = hash_feature("hello", v.n_features);
        let (wc, ws) = hash_feature("world", v.n_features);
        let sign = |p: bool| if p { 1.0 } else { -1.0 };
        let mut want = vec![(hc, 3.0 * sign(hs)), (wc, sign(ws))];
        want.sort_by_key(|e| e.0);
        assert_eq!(r.indices, want.iter().map(|e| e.0).collect::<Vec<_>>());
        assert_eq!(r.data, want.iter().map(|e| e.1).collect::<Vec<_>>());
        v.norm = Norm::L2;
        let r = row(&v, "Hello hello HELLO world");
        let total: f64 = r.data.iter().map(|x| x * x).sum();
        assert!((total - 1.0).abs() < 1e-12);
        v.binary = true;
        v.norm = Norm::L1;
        let r = row(&v, "Hello hello HELLO world");
        assert_eq!(r.data.iter().map(|x| x.abs()).collect::<Vec<_>>(), [0.5, 0.5]);
    }

    #[test]
    fn single_words_hashed_while_scanning_equal_the_lowercased_tokens() {
        let v = vectorizer(Analyzer::Word(TokenSource::Pattern), (1, 1));
        let mut no_lower = v.clone();
        no_lower.lowercase = false;
        for text in ["", "ab", "Hello hello HELLO", "ذهب الطلاب SPA إلى CoVid-19", "ΟΔΟΣ Ab كتاب", "x_Y z É é", "ǅa 🙂 a\u{301}b"] {
            for (v, lowercase) in [(&v, true), (&no_lower, false)] {
                let mut b = String::new();
                let lowered = if lowercase { lower(text, &mut b).to_string() } else { text.to_string() };
                let mut spans = Vec::new();
                token_spans(&lowered, TokenSource::Pattern, &mut spans);
                let mut want = SparseRows::new();
                v.write_features(spans.iter().map(|&(s, e)| &lowered[s..e]), &mut Scratch::default(), &mut want);
                want.end_row();
                assert_eq!(row(v, text), want, "{text:?} lowercase={lowercase}");
            }
        }
    }

    #[test]
    fn a_text_without_features_is_an_empty_row() {
        let v = vectorizer(Analyzer::Word(TokenSource::Pattern), (1, 2));
        assert_eq!(row(&v, "a ، .").nnz(), 0);
        assert_eq!(row(&vectorizer(Analyzer::Char, (1, 3)), "").nnz(), 0);
    }

    #[test]
    fn the_normalizer_runs_first() {
        let mut v = vectorizer(Analyzer::Word(TokenSource::Khabar), (1, 1));
        v.normalizer = Some(Arc::new(Normalizer::new(crate::NormalizeOptions::preset("search").unwrap())));
        assert_eq!(row(&v, "الْمَدْرَسَةُ إِلى"), row(&v, "المدرسه الي"));
        v.normalizer = None;
        assert_ne!(row(&v, "الْمَدْرَسَةُ"), row(&v, "المدرسه"));
    }

    #[test]
    fn settings_are_checked() {
        let mut v = vectorizer(Analyzer::Char, (2, 1));
        assert!(v.validate().unwrap_err().contains("ngram_range"));
        v.ngram = (1, 1);
        v.n_features = 0;
        assert!(v.validate().unwrap_err().contains("n_features"));
        v.n_features = 7;
        assert!(v.validate().is_ok());
    }

    #[test]
    fn python_lowercasing() {
        let mut b = String::new();
        assert_eq!(lower("ABC", &mut b), "abc");
        assert_eq!(lower("ΟΔΟΣ", &mut b), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}"); // final sigma
        assert_eq!(lower("Ab كتاب", &mut b), "ab كتاب");
        assert_eq!(lower("كتاب", &mut b), "كتاب");
        assert_eq!(lower("ǅ", &mut b), "ǆ");
    }
}
