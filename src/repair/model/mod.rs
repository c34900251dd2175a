//! The compact Arabic model that decides between repair candidates: symbol-pair counts and a
//! word list, both counted from clean Arabic news (the ANT corpus, Apache-2.0) by
//! `examples/make_repair_model.rs` and shipped in the crate as text.
//!
//! - [`Model::pair`] is the log probability of one symbol after another (see
//!   [`super::symbols`]), smoothed towards the symbol's overall frequency so that pairs never
//!   seen in clean text (`Ø` then `§`, the stuff of mojibake) cost a lot but not infinity.
//! - [`Model::score`] sums it over a text: how likely the text is as Arabic news. Candidates are
//!   compared by this sum.
//! - [`Model::word`] is a word's count, for filling letters a damage chain lost.

use super::symbols::{each_symbol, symbol, BREAK, COUNT};
use crate::text::is_arabic_letter;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many words the shipped list keeps.
pub const WORD_LIST_SIZE: usize = 30_000;

const BIGRAMS: &str = include_str!("bigrams.txt");
const WORDS: &str = include_str!("words.txt");

/// Weight of the overall symbol frequency in a pair's probability (additive smoothing).
const SMOOTHING: f64 = 1.0;

/// The loaded model.
pub struct Model {
    pair: Vec<f32>,
    words: HashMap<&'static str, u32>,
    total_words: u64,
}

/// The model, loaded once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(Model::load)
}

impl Model {
    fn load() -> Model {
        let mut counts = vec![0u64; COUNT * COUNT];
        for line in BIGRAMS.lines() {
            let mut it = line
                .split(' ')
                .map(|x| x.parse::<u64>().expect("model: a number"));
            let (a, b, n) = (it.next(), it.next(), it.next());
            let (Some(a), Some(b), Some(n)) = (a, b, n) else {
                panic!("model: bad line {line:?}")
            };
            counts[a as usize * COUNT + b as usize] = n;
        }
        let mut unigram = vec![0u64; COUNT];
        let mut row = vec![0u64; COUNT];
        for a in 0..COUNT {
            for b in 0..COUNT {
                let n = counts[a * COUNT + b];
                unigram[b] += n;
                row[a] += n;
            }
        }
        let total: u64 = unigram.iter().sum();
        let prior: Vec<f64> = unigram
            .iter()
            .map(|&n| (n as f64 + 0.5) / (total as f64 + 0.5 * COUNT as f64))
            .collect();
        let mut pair = vec![0f32; COUNT * COUNT];
        for a in 0..COUNT {
            for b in 0..COUNT {
                let p = (counts[a * COUNT + b] as f64 + SMOOTHING * prior[b])
                    / (row[a] as f64 + SMOOTHING);
                pair[a * COUNT + b] = p.ln() as f32;
            }
        }
        let mut words = HashMap::new();
        let mut total_words = 0;
        for line in WORDS.lines() {
            let (w, n) = line.split_once(' ').expect("model: word and count");
            let n: u32 = n.parse().expect("model: a count");
            total_words += n as u64;
            words.insert(w, n);
        }
        Model {
            pair,
            words,
            total_words,
        }
    }

    /// log P(symbol `b` | symbol `a`).
    #[inline]
    pub fn pair(&self, a: u16, b: u16) -> f32 {
        self.pair[a as usize * COUNT + b as usize]
    }

    /// The log likelihood of `text` as Arabic news, from the start of a line.
    pub fn score(&self, text: &str) -> f64 {
        let mut prev = BREAK;
        let mut sum = 0f64;
        each_symbol(text, |s| {
            sum += self.pair(prev, s) as f64;
            prev = s;
        });
        sum
    }

    /// How often `word` was seen (0 when not in the list).
    pub fn word(&self, word: &str) -> u32 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// Every listed word with its count.
    pub fn words(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        self.words.iter().map(|(w, n)| (*w, *n))
    }

    /// log P(word) under the list (with one count for a word not in it).
    pub fn word_log_prob(&self, word: &str) -> f64 {
        ((self.word(word).max(1)) as f64 / self.total_words as f64).ln()
    }
}

/// Add the symbol pairs and Arabic words of `text` to the counts (the model builder's step;
/// every line starts after a [`BREAK`]).
pub fn count_text(
    text: &str,
    pairs: &mut HashMap<(u16, u16), u64>,
    words: &mut HashMap<String, u64>,
) {
    for line in text.lines() {
        let mut prev = BREAK;
        for c in line.chars().chain(std::iter::once('\n')) {
            let s = symbol(c);
            *pairs.entry((prev, s)).or_default() += 1;
            prev = s;
        }
        for w in line
            .split(|c: char| !is_arabic_letter(c))
            .filter(|w| !w.is_empty())
        {
            *words.entry(w.to_string()).or_default() += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_scores_above_its_mojibake() {
        let m = model();
        let clean = "المملكة العربية السعودية";
        let broken = "Ø§Ù„Ù…Ù…Ù„ÙƒØ© Ø§Ù„Ø¹Ø±Ø¨ÙŠØ© Ø§Ù„Ø³Ø¹ÙˆØ¯ÙŠØ©";
        assert!(m.score(clean) > m.score(broken) + 50.0);
        assert!(m.word("في") > 1000);
        assert_eq!(m.word("xyz"), 0);
    }
}
