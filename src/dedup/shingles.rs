//! Shingles: the normalized words of a text, hashed, and every run of `ngram` of them.
//!
//! A text becomes words in three steps, each one the crate's own:
//!
//! 1. the **shingle normalizer** rewrites the text: the preset the caller named (Lucene's
//!    `search` by default: marks and tatweel removed, أ إ آ → ا, ى → ي, ة → ه) plus four rules
//!    that are always on here, because a copy must not differ from its source by them:
//!    presentation forms to letters (`presentation_forms`, `compose`), invisible characters
//!    removed (`strip_invisible`, and `zwnj="delete"`), and digits of every script to ASCII
//!    (`digits="ascii"`);
//! 2. the word tokenizer ([`crate::tokenize::words`]) cuts the normalized text into tokens;
//! 3. only words (Arabic, Latin, other scripts), numbers, hashtags and mentions are kept:
//!    punctuation, symbols, emoji, URLs and e-mail addresses never enter a shingle, so quotes,
//!    dashes, `// انتهى //` marks or a link under the story do not separate two copies.
//!
//! Each kept word is hashed once (XXH3-64 of its UTF-8 bytes); a shingle is a run of `ngram`
//! consecutive words, fingerprinted by XXH3-64 of its words' hashes. A text with fewer words
//! than `ngram` has one shingle: all its words. A text with no word has none, and its exact key
//! is `None`. The **exact key** (XXH3-128 of every word hash in order) is equal for two texts
//! exactly when their normalized word sequences are (up to a 2^-128 collision).
//!
//! Every hash has a fixed seed: fingerprints are the same on every machine, in every run.

use crate::normalize::{NormalizeOptions, Normalizer, OptionsError, RawValue};
use crate::tokenize::{words, TokenKind};
use std::borrow::Cow;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Which part of a row is hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Source {
    /// The row as it is.
    #[default]
    Text,
    /// The article body the plain-text parser finds in the row ([`crate::article::plain`]):
    /// title, dateline, sign-off, bylines and boilerplate left out.
    Body,
}

impl Source {
    /// `"text"` or `"body"`.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Source::Text),
            "body" => Some(Source::Body),
            _ => None,
        }
    }
}

/// The rules the shingle normalizer always adds to the caller's preset (see the module docs).
const ALWAYS: [(&str, bool); 3] = [("presentation_forms", true), ("compose", true), ("strip_invisible", true)];

/// Turns texts into word hashes, shingle fingerprints and exact keys.
#[derive(Debug, Clone)]
pub struct Shingler {
    normalizer: Normalizer,
    ngram: usize,
    source: Source,
}

/// Buffers one worker reuses from row to row.
#[derive(Debug, Default)]
pub struct Scratch {
    text: Vec<u8>,
    /// The words' hashes, little-endian, 8 bytes each: the bytes shingles are hashed from.
    words: Vec<u8>,
}

impl Shingler {
    /// A shingler on `ngram` words (at least 1) with the shingle normalizer built on `base`
    /// (the caller's preset and rules; see the module docs for what is added).
    pub fn new(base: &NormalizeOptions, ngram: usize, source: Source) -> Result<Self, OptionsError> {
        let mut opts = base.clone();
        for (rule, on) in ALWAYS {
            opts.set(rule, RawValue::Bool(on))?;
        }
        opts.set("zwnj", RawValue::Str("delete".into()))?;
        opts.set("digits", RawValue::Str("ascii".into()))?;
        Ok(Shingler { normalizer: Normalizer::new(opts), ngram: ngram.max(1), source })
    }

    /// Words per shingle.
    pub fn ngram(&self) -> usize {
        self.ngram
    }

    /// Which part of a row is hashed.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The options of the shingle normalizer (the caller's, plus the rules always added).
    pub fn normalizer(&self) -> &NormalizeOptions {
        self.normalizer.options()
    }

    /// The normalized words of `text` that shingles are made of, in order (for tests and docs).
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut scratch = Scratch::default();
        let source = self.source_text(text);
        self.normalizer.normalize_into(&source, &mut scratch.text);
        let norm = String::from_utf8_lossy(&scratch.text);
        words(&norm).filter_map(|t| shingle_word(&norm, t)).map(str::to_string).collect()
    }

    fn source_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self.source {
            Source::Text => Cow::Borrowed(text),
            Source::Body => Cow::Owned(crate::article::plain::parse(text).body_text),
        }
    }

    /// Hash the words of `text` into `scratch`; their number.
    fn hash_words(&self, text: &str, scratch: &mut Scratch) -> usize {
        let source = self.source_text(text);
        scratch.text.clear();
        scratch.words.clear();
        self.normalizer.normalize_into(&source, &mut scratch.text);
        // SAFETY: the normalizer writes whole code points of valid UTF-8 input.
        let norm = unsafe { std::str::from_utf8_unchecked(&scratch.text) };
        for t in words(norm) {
            if let Some(word) = shingle_word(norm, t) {
                scratch.words.extend_from_slice(&xxh3_64(word.as_bytes()).to_le_bytes());
            }
        }
        scratch.words.len() / 8
    }

    /// Call `each` with the fingerprint of every shingle of `text`, in order; returns the
    /// text's exact key (`None` when it has no word, and then no shingle).
    #[inline]
    pub fn for_each_shingle(&self, text: &str, scratch: &mut Scratch, mut each: impl FnMut(u64)) -> Option<u128> {
        let n = self.hash_words(text, scratch);
        if n == 0 {
            return None;
        }
        let words = &scratch.words;
        let span = self.ngram.min(n) * 8;
        for start in (0..=words.len() - span).step_by(8) {
            each(xxh3_64(&words[start..start + span]));
        }
        Some(xxh3_128(words))
    }

    /// The sorted, distinct shingle fingerprints of `text` (the set exact Jaccard is taken on).
    pub fn shingle_set(&self, text: &str, scratch: &mut Scratch) -> Vec<u64> {
        let mut set = Vec::new();
        self.for_each_shingle(text, scratch, |h| set.push(h));
        set.sort_unstable();
        set.dedup();
        set
    }
}

/// The word of a shingle that token `t` of `text` is, if any: a word token without the
/// combining marks it starts with. A mark with no base before it is there only where the
/// text starts with it or the character before it was dropped (a quote, an invisible
/// character): `"\u{301}abc"` and `"«\u{301}abc»"` hold the same word.
fn shingle_word(text: &str, t: crate::tokenize::Token) -> Option<&str> {
    if !is_shingle_word(t.kind) {
        return None;
    }
    let word = t.text(text).trim_start_matches(is_mark);
    (!word.is_empty()).then_some(word)
}

/// Whether `c` is a combining mark (general category M). No mark lies below U+0300 or among
/// the Arabic letters U+0621–U+064A, so the first character of almost every word is settled
/// without a search of the category table.
#[inline]
fn is_mark(c: char) -> bool {
    use unicode_properties::general_category::{GeneralCategoryGroup, UnicodeGeneralCategory};
    !(c < '\u{300}' || ('\u{621}'..='\u{64a}').contains(&c)) && c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Whether tokens of this kind are words of a shingle.
fn is_shingle_word(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Arabic | TokenKind::Latin | TokenKind::Other | TokenKind::Number | TokenKind::Hashtag | TokenKind::Mention
    )
}

/// Jaccard similarity of two sorted, distinct sets (1.0 for two empty sets).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shingler(ngram: usize) -> Shingler {
        Shingler::new(&NormalizeOptions::preset("search").unwrap(), ngram, Source::Text).unwrap()
    }

    fn set(s: &Shingler, text: &str) -> Vec<u64> {
        s.shingle_set(text, &mut Scratch::default())
    }

    #[test]
    fn words_are_normalized_and_punctuation_is_left_out() {
        let s = shingler(2);
        assert_eq!(s.words("«قالَ» الوزيــر: إن ٣ مدارس، في 2020!"), ["قال", "الوزير", "ان", "3", "مدارس", "في", "2020"]);
        assert_eq!(s.words("رابط http://x.co/a و a@b.com 😀 #وسم_جديد"), ["رابط", "و", "#وسم_جديد"]);
    }

    #[test]
    fn spelling_invisible_characters_and_punctuation_do_not_change_shingles() {
        let s = shingler(3);
        let a = "أعلنت الوزارة اليوم أن المدرسة الجديدة ستفتح في ٢٠٢٤ رسمياً.";
        let b = "اعلنت الوزاره، اليوم - أن \u{200f}المدرسه الجديـــدة ستفتح في 2024 رسميا";
        assert_eq!(set(&s, a), set(&s, b));
        let mut scratch = Scratch::default();
        assert_eq!(s.for_each_shingle(a, &mut scratch, |_| {}), s.for_each_shingle(b, &mut scratch, |_| {}));
        assert_ne!(set(&s, a), set(&s, "أعلنت الوزارة أمس أن المدرسة الجديدة ستفتح في 2024 رسميا"));
    }

    #[test]
    fn shingles_are_runs_of_ngram_words() {
        let s = shingler(3);
        let mut n = 0;
        let key = s.for_each_shingle("واحد اثنان ثلاثة أربعة خمسة", &mut Scratch::default(), |_| n += 1);
        assert_eq!(n, 3);
        assert!(key.is_some());
        // Fewer words than ngram: one shingle of them all; no word: none, and no key.
        let mut n = 0;
        assert!(s.for_each_shingle("واحد اثنان", &mut Scratch::default(), |_| n += 1).is_some());
        assert_eq!(n, 1);
        let mut n = 0;
        assert_eq!(s.for_each_shingle(" ، ... !! ", &mut Scratch::default(), |_| n += 1), None);
        assert_eq!(n, 0);
        // Order matters.
        assert_ne!(set(&s, "أ ب ج"), set(&s, "ب أ ج"));
    }

    #[test]
    fn fingerprints_are_fixed() {
        // A change here changes every signature ever computed: bump it only on purpose.
        let s = shingler(2);
        let mut got = Vec::new();
        s.for_each_shingle("خبر عاجل اليوم", &mut Scratch::default(), |h| got.push(h));
        let words: Vec<u64> = ["خبر", "عاجل", "اليوم"].iter().map(|w| xxh3_64(w.as_bytes())).collect();
        let pair = |a: u64, b: u64| xxh3_64(&[a.to_le_bytes(), b.to_le_bytes()].concat());
        assert_eq!(got, [pair(words[0], words[1]), pair(words[1], words[2])]);
    }

    #[test]
    fn body_source_leaves_the_frame_out() {
        let body = Shingler::new(&NormalizeOptions::preset("search").unwrap(), 2, Source::Body).unwrap();
        let story = "افتتح وزير التعليم اليوم مدرسة جديدة في المدينة تضم ثلاثين فصلا دراسيا حديثا.\n\n\
                     وقال الوزير إن المدرسة ستستقبل الطلاب مع بداية العام الدراسي المقبل.";
        let a = format!("عنوان أول للخبر\n\nالرياض (واس) - {story}\n");
        let b = format!("عنوان آخر مختلف تماما\n\n{story} (رويترز)\n");
        let (sa, sb) = (set(&body, &a), set(&body, &b));
        assert_eq!(sa, sb);
        let text = shingler(2);
        assert!(jaccard(&set(&text, &a), &set(&text, &b)) < 1.0);
    }

    #[test]
    fn marks_are_told_apart_as_the_category_table_says() {
        use unicode_properties::general_category::{GeneralCategoryGroup, UnicodeGeneralCategory};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_mark(c), c.general_category_group() == GeneralCategoryGroup::Mark, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 1.0);
        assert_eq!(jaccard(&[1], &[]), 0.0);
        assert_eq!(jaccard(&[5, 9], &[5, 9]), 1.0);
    }
}
