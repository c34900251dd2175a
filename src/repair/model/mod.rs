//! The compact Arabic model that decides between repair candidates: symbol-pair counts, a
//! word list and word-pair counts, all counted from clean Arabic news (the ANT corpus,
//! Apache-2.0) by `examples/make_repair_model.rs` and shipped in the crate.
//!
//! - [`Model::pair`] is the log probability of one symbol after another (see
//!   [`super::symbols`]), smoothed towards the symbol's overall frequency so that pairs never
//!   seen in clean text (`Ø` then `§`, the stuff of mojibake) cost a lot but not infinity.
//! - [`Model::score`] sums it over a text: how likely the text is as Arabic news. Candidates are
//!   compared by this sum.
//! - [`Model::word`] is a word's count and [`Model::follow`] the log probability of one word
//!   after another, for filling letters a damage chain lost: `من` and `في` lose the same bytes,
//!   and only the words around them tell which one was written.
//!
//! `word_pairs.bin` holds the pairs that can decide something: seen at least twice, with at least
//! one word that some damage chain leaves looking like another listed word. Its layout: the
//! magic `KWP1`; the number of pairs (u32), of lines (u64) and of unlisted words (u64), little
//! endian; then each pair `(a, b, n)` in order of `(a, b)` as three LEB128 numbers: `a` minus the
//! previous pair's `a`, `b` (minus the previous `b` when `a` is the same), and the count `n`.
//! Word ids are line numbers in `words.txt`; [`Model::start_id`] stands for the start of a line
//! and [`Model::unlisted_id`] for any word not in the list.

use super::symbols::{each_symbol, symbol, BREAK, COUNT};
use crate::text::is_arabic_letter;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Most words the shipped list keeps (the builder keeps those seen at least
/// [`MIN_WORD_COUNT`] times, most frequent first).
pub const WORD_LIST_SIZE: usize = 100_000;
/// Least count of a listed word.
pub const MIN_WORD_COUNT: u64 = 2;
/// Least count of a shipped word pair.
pub const MIN_PAIR_COUNT: u64 = 2;
/// How many of the most frequent words count as "known" when a line undone from a single-byte
/// page must read as Arabic words (see [`super::PAGE_KNOWN_WORDS`]).
pub const KNOWN_WORDS: usize = 30_000;

const BIGRAMS: &str = include_str!("bigrams.txt");
const WORDS: &str = include_str!("words.txt");
const WORD_PAIRS: &[u8] = include_bytes!("word_pairs.bin");

/// Weight of the overall symbol frequency in a pair's probability (additive smoothing).
const SMOOTHING: f64 = 1.0;
/// Weight of a word's overall frequency in the probability of following a given word
/// (Dirichlet smoothing of the word pairs).
const WORD_SMOOTHING: f64 = 100.0;

/// The loaded model.
pub struct Model {
    pair: Vec<f32>,
    /// The words, read on first use (only lossy chains and single-byte pages need them).
    lexicon: OnceLock<Lexicon>,
}

/// The word list and word pairs.
struct Lexicon {
    /// Word id -> word, and word -> id.
    list: Vec<&'static str>,
    ids: HashMap<&'static str, u32>,
    /// Word id (with the start and unlisted ids) -> count.
    counts: Vec<u64>,
    total_words: u64,
    /// `(a << 32) | b`, sorted, and the pair's count.
    pair_keys: Vec<u64>,
    pair_counts: Vec<u32>,
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
        Model { pair, lexicon: OnceLock::new() }
    }

    fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(Lexicon::load)
    }

    /// log P(symbol `b` | symbol `a`).
    #[inline]
    pub fn pair(&self, a: u16, b: u16) -> f32 {
        self.pair[a as usize * COUNT + b as usize]
    }

    /// The log likelihood of `text` as Arabic news, from the start of a line.
    pub fn score(&self, text: &str) -> f64 {
        let mut prev = BREAK;
        let mut sum = Sum::default();
        each_symbol(text, |s| {
            sum.add(self.pair(prev, s));
            prev = s;
        });
        sum.total()
    }

    /// [`Model::score`] of the text whose symbols are `syms`, to the last bit: four pairs a
    /// step, each into the running sum [`Sum`] gives it.
    pub fn score_symbols(&self, syms: &[u16]) -> f64 {
        let mut parts = [0f64; 4];
        let mut prev = BREAK;
        let mut quads = syms.chunks_exact(4);
        for q in &mut quads {
            parts[0] += f64::from(self.pair(prev, q[0]));
            parts[1] += f64::from(self.pair(q[0], q[1]));
            parts[2] += f64::from(self.pair(q[1], q[2]));
            parts[3] += f64::from(self.pair(q[2], q[3]));
            prev = q[3];
        }
        for (k, &s) in quads.remainder().iter().enumerate() {
            parts[k] += f64::from(self.pair(prev, s));
            prev = s;
        }
        add_up(parts)
    }

    /// How often `word` was seen (0 when not in the list).
    pub fn word(&self, word: &str) -> u64 {
        let l = self.lexicon();
        l.ids.get(word).map_or(0, |&i| l.counts[i as usize])
    }

    /// Whether `word` is one of the [`KNOWN_WORDS`] most frequent words.
    pub fn is_known(&self, word: &str) -> bool {
        self.lexicon().ids.get(word).is_some_and(|&i| (i as usize) < KNOWN_WORDS)
    }

    /// Every listed word with its id and count, most frequent first.
    pub fn words(&self) -> impl Iterator<Item = (u32, &'static str, u64)> + '_ {
        let l = self.lexicon();
        l.list.iter().enumerate().map(|(i, &w)| (i as u32, w, l.counts[i]))
    }

    /// The id of `word`: its line in the list, or [`Model::unlisted_id`].
    pub fn id(&self, word: &str) -> u32 {
        self.lexicon().ids.get(word).copied().unwrap_or(self.unlisted_id())
    }

    /// The listed word with id `id`.
    pub fn word_of(&self, id: u32) -> &'static str {
        self.lexicon().list[id as usize]
    }

    /// The id standing for the start of a line.
    pub fn start_id(&self) -> u32 {
        self.lexicon().list.len() as u32
    }

    /// The id standing for every word not in the list.
    pub fn unlisted_id(&self) -> u32 {
        self.lexicon().list.len() as u32 + 1
    }

    /// log P(word `b` | word `a` right before it), ids as [`Model::id`] gives them (`a` may be
    /// [`Model::start_id`]). Pairs seen once, or deciding nothing, are not shipped and count 0.
    pub fn follow(&self, a: u32, b: u32) -> f64 {
        let key = (a as u64) << 32 | b as u64;
        let l = self.lexicon();
        let n = l.pair_keys.binary_search(&key).map_or(0, |i| l.pair_counts[i]);
        let prior = l.counts[b as usize] as f64 / l.total_words as f64;
        ((n as f64 + WORD_SMOOTHING * prior) / (l.counts[a as usize] as f64 + WORD_SMOOTHING)).ln()
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut list = Vec::new();
        let mut counts = Vec::new();
        for line in WORDS.lines() {
            let (w, n) = line.split_once(' ').expect("model: word and count");
            list.push(w);
            counts.push(n.parse::<u64>().expect("model: a count"));
        }
        let ids = list.iter().enumerate().map(|(i, &w)| (w, i as u32)).collect();
        let (pair_keys, pair_counts, lines, unlisted) = read_word_pairs(WORD_PAIRS);
        let total_words = counts.iter().sum::<u64>() + unlisted;
        counts.push(lines);
        counts.push(unlisted);
        Lexicon { list, ids, counts, total_words, pair_keys, pair_counts }
    }
}

/// A sum of pair log probabilities, in the order [`Model::score`] adds them: four running sums
/// taking turns (so that adding one does not wait for the one before), then added up. Anything
/// that must give [`Model::score`]'s exact value sums this way ([`Model::score_symbols`]
/// unrolls it four pairs a step).
#[derive(Debug, Default, Clone, Copy)]
pub struct Sum {
    /// The running sums, turned by one after each addition (so that each index is fixed and
    /// the four stay in registers): `parts[0]` takes the next pair.
    parts: [f64; 4],
    n: usize,
}

impl Sum {
    /// Add one pair's log probability.
    #[inline(always)]
    pub fn add(&mut self, x: f32) {
        let [a, b, c, d] = self.parts;
        self.parts = [b, c, d, a + f64::from(x)];
        self.n += 1;
    }

    /// The sum: the pairs `k` with `k % 4 == r` summed in running sum `r`, and those added up.
    #[inline]
    pub fn total(&self) -> f64 {
        let turn = self.n % 4;
        add_up(std::array::from_fn(|r| self.parts[(r + 4 - turn) % 4]))
    }
}

/// The four running sums of pairs `k % 4 == 0, 1, 2, 3`, added up in the one order every score
/// uses.
#[inline]
fn add_up(parts: [f64; 4]) -> f64 {
    (parts[0] + parts[1]) + (parts[2] + parts[3])
}

/// Read `word_pairs.bin` (layout in the module's documentation): the sorted keys, their counts,
/// the lines and the unlisted words counted.
fn read_word_pairs(bytes: &[u8]) -> (Vec<u64>, Vec<u32>, u64, u64) {
    assert_eq!(&bytes[..4], b"KWP1", "model: word pairs magic");
    let n = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    let lines = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
    let unlisted = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
    let mut at = 24;
    let mut next = || {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = bytes[at];
            at += 1;
            v |= ((b & 0x7F) as u64) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    };
    let (mut keys, mut counts) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut a, mut b) = (0u64, 0u64);
    for _ in 0..n {
        let da = next();
        let db = next();
        (a, b) = if da == 0 && !keys.is_empty() { (a, b + db) } else { (a + da, db) };
        keys.push(a << 32 | b);
        counts.push(next() as u32);
    }
    (keys, counts, lines, unlisted)
}

/// Write word pairs `(a, b, n)`, sorted by `(a, b)`, in the layout [`Model`] reads.
pub fn write_word_pairs(pairs: &[(u32, u32, u64)], lines: u64, unlisted: u64) -> Vec<u8> {
    let mut out = b"KWP1".to_vec();
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    out.extend_from_slice(&lines.to_le_bytes());
    out.extend_from_slice(&unlisted.to_le_bytes());
    let put = |out: &mut Vec<u8>, mut v: u64| loop {
        if v < 0x80 {
            out.push(v as u8);
            break;
        }
        out.push((v & 0x7F) as u8 | 0x80);
        v >>= 7;
    };
    let (mut a, mut b) = (0u32, 0u32);
    for (i, &(x, y, n)) in pairs.iter().enumerate() {
        assert!(i == 0 || (x, y) > (a, b), "word pairs must be sorted and distinct");
        if i > 0 && x == a {
            put(&mut out, 0);
            put(&mut out, (y - b) as u64);
        } else {
            put(&mut out, (x - a) as u64);
            put(&mut out, y as u64);
        }
        put(&mut out, n);
        (a, b) = (x, y);
    }
    out
}

/// What the model builder counts in clean text.
#[derive(Debug, Default)]
pub struct Counts {
    /// Symbol pairs (every line starts after a [`BREAK`]).
    pub symbols: HashMap<(u16, u16), u64>,
    /// Arabic words.
    pub words: HashMap<String, u64>,
    /// Arabic words and the word before them in their line (`""` at the start of a line); words
    /// are what [`split_words`] gives, so a word follows another across spaces and punctuation.
    pub word_pairs: HashMap<(String, String), u64>,
    /// Lines with at least one word.
    pub lines: u64,
}

/// Add the symbol pairs, Arabic words and word pairs of `text` to `counts`.
pub fn count_text(text: &str, counts: &mut Counts) {
    for line in text.lines() {
        let mut prev = BREAK;
        for c in line.chars().chain(std::iter::once('\n')) {
            let s = symbol(c);
            *counts.symbols.entry((prev, s)).or_default() += 1;
            prev = s;
        }
        let mut before = "";
        for w in split_words(line) {
            *counts.words.entry(w.to_string()).or_default() += 1;
            *counts.word_pairs.entry((before.to_string(), w.to_string())).or_default() += 1;
            before = w;
        }
        counts.lines += u64::from(!before.is_empty());
    }
}

/// The Arabic words of `line`: its runs of Arabic letters.
pub fn split_words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !is_arabic_letter(c)).filter(|w| !w.is_empty())
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
        assert_eq!(m.id("xyz"), m.unlisted_id());
        assert_eq!(m.word_of(m.id("في")), "في");
        assert!(m.is_known("في") && !m.is_known("xyz"));
    }

    #[test]
    fn the_words_around_tell_same_looking_words_apart() {
        // من and في lose the same bytes to C1 stripping; what comes before decides.
        let m = model();
        let (min, fi) = (m.id("من"), m.id("في"));
        assert!(m.follow(m.id("عدد"), min) > m.follow(m.id("عدد"), fi) + 2.0);
        assert!(m.follow(m.id("وذلك"), fi) > m.follow(m.id("وذلك"), min));
        // Probabilities of what follows a word sum to at most one over the listed words.
        let a = m.id("الملك");
        let sum: f64 = m.words().map(|(b, _, _)| m.follow(a, b).exp()).sum();
        assert!(sum < 1.0 && sum > 0.5, "{sum}");
    }

    #[test]
    fn word_pairs_round_trip() {
        let pairs = [(0, 0, 5), (0, 7, 2), (0, 300, 9), (2, 1, 1_000_000), (40_000, 99_999, 3)];
        let bytes = write_word_pairs(&pairs, 11, 13);
        let (keys, counts, lines, unlisted) = read_word_pairs(&bytes);
        let back: Vec<(u32, u32, u64)> = keys
            .iter()
            .zip(&counts)
            .map(|(&k, &n)| ((k >> 32) as u32, k as u32, n as u64))
            .collect();
        assert_eq!(back, pairs);
        assert_eq!((lines, unlisted), (11, 13));
    }

    #[test]
    fn counting_words_and_what_follows_them() {
        let mut c = Counts::default();
        count_text("قال الوزير، قال\nabc\nالوزير", &mut c);
        assert_eq!(c.words["قال"], 2);
        assert_eq!(c.word_pairs[&("".to_string(), "قال".to_string())], 1);
        assert_eq!(c.word_pairs[&("الوزير".to_string(), "قال".to_string())], 1);
        assert_eq!(c.word_pairs[&("".to_string(), "الوزير".to_string())], 1);
        assert_eq!(c.lines, 2);
    }
}
