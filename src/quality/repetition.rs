//! Repetition measures as Gopher (Rae et al. 2021, table A1) and FineWeb define them.
//!
//! - [`duplicates`]: how many items repeat an earlier one, and their characters.
//! - [`NGrams::top`]: characters of the most frequent word n-gram (its length, words joined
//!   by one space, times its count; among equally frequent n-grams the first seen).
//! - [`NGrams::duplicated`]: characters in word n-grams that repeat an earlier n-gram,
//!   scanning left to right and jumping past each repeat so no character counts twice (the
//!   n-gram's length here is its words' characters without spaces).
//!
//! Lengths are in characters (code points), as Python counts them. N-grams are never built as
//! strings: each word is hashed once ([`word_hashes`]) and an n-gram's key folds its words'
//! hashes with a step that is a bijection of the running state for each word, so two n-grams of
//! the same length share a key only when their words' hashes are equal.

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

/// `(items that repeat an earlier item, their characters)`.
pub fn duplicates<'a>(items: impl Iterator<Item = &'a str>) -> (usize, usize) {
    let mut seen = FxHashSet::default();
    let (mut n, mut chars) = (0, 0);
    for item in items {
        if !seen.insert(item) {
            n += 1;
            chars += item.chars().count();
        }
    }
    (n, chars)
}

/// One 64-bit hash per word.
pub fn word_hashes(words: &[&str]) -> Vec<u64> {
    words.iter().map(|w| xxh3_64(w.as_bytes())).collect()
}

/// The key of the n-gram whose words hash to `words`: for a fixed word hash, each step
/// (rotate, xor, multiply by an odd constant) is a bijection of the state, so n-grams of one
/// length that differ in a word never share a key unless those words' hashes collide.
fn ngram_key(words: &[u64]) -> u64 {
    words.iter().fold(0x243F_6A88_85A3_08D3, |h: u64, &w| {
        (h.rotate_left(26) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

type Tables = (FxHashMap<u64, (usize, usize)>, FxHashSet<u64>);

thread_local! {
    /// The hash tables of the thread's last document, kept for the next one so that a column
    /// does not allocate (and fault in) fresh tables for every row.
    static TABLES: std::cell::RefCell<Tables> = std::cell::RefCell::default();
}

/// Tables grown past this many entries (a huge document) are not kept.
const KEEP_ENTRIES: usize = 1 << 16;

/// The word n-grams of one document, for [`NGrams::top`] and [`NGrams::duplicated`]: the
/// words are hashed once and the hash tables are reused from one `n` to the next.
///
/// An n-gram (n >= 2) can occur twice only if each of its word pairs does, so once the pairs
/// are counted, only the n-grams made of repeated pairs go into a table; the rest occur once.
/// In running text that is a small part of them.
pub struct NGrams<'a> {
    hashes: Vec<u64>,
    lens: &'a [usize],
    counts: FxHashMap<u64, (usize, usize)>,
    seen: FxHashSet<u64>,
    /// `pairs[i]`: how many word pairs in a row, from the one at `i`, occur more than once
    /// (empty until the pairs are counted).
    pairs: Vec<u32>,
    /// The smallest `n` known to have no repeated n-gram (then no longer n-gram repeats).
    unique_from: usize,
}

impl<'a> NGrams<'a> {
    /// The n-grams of `words`; `lens[i]` is the character count of `words[i]`.
    pub fn new(words: &[&str], lens: &'a [usize]) -> Self {
        debug_assert_eq!(words.len(), lens.len());
        let (counts, seen) = TABLES.with(|t| std::mem::take(&mut *t.borrow_mut()));
        NGrams {
            hashes: word_hashes(words),
            lens,
            counts,
            seen,
            pairs: Vec::new(),
            unique_from: usize::MAX,
        }
    }

    /// Count every `n`-gram at the positions `may_repeat` lets through into `counts` (key ->
    /// count, first position).
    fn count(&mut self, n: usize, may_repeat: impl Fn(&[u32], usize) -> bool) {
        self.counts.clear();
        self.counts.reserve(self.hashes.len());
        for (i, gram) in self.hashes.windows(n).enumerate() {
            if may_repeat(&self.pairs, i) {
                self.counts.entry(ngram_key(gram)).or_insert((0, i)).0 += 1;
            }
        }
    }

    /// Count the word pairs (leaving them in `counts`) and fill `pairs`.
    fn count_pairs(&mut self) {
        self.count(2, |_, _| true);
        let mut run = 0;
        self.pairs = vec![0; self.hashes.len() - 1];
        for i in (0..self.pairs.len()).rev() {
            run = if self.counts[&ngram_key(&self.hashes[i..i + 2])].0 > 1 {
                run + 1
            } else {
                0
            };
            self.pairs[i] = run;
        }
    }

    /// Whether the `n`-gram at `i` may occur more than once (pairs counted).
    fn may_repeat(pairs: &[u32], i: usize, n: usize) -> bool {
        pairs[i] as usize >= n - 1
    }

    /// Characters of the most frequent `n`-gram (see the module docs); `None` when there are
    /// fewer than `n` words.
    pub fn top(&mut self, n: usize) -> Option<usize> {
        if n == 0 || self.hashes.len() < n {
            return None;
        }
        if n == 1 {
            self.count(1, |_, _| true);
        } else if n == 2 || self.pairs.is_empty() {
            self.count_pairs();
            if n > 2 {
                self.count(n, |p, i| Self::may_repeat(p, i, n));
            }
        } else {
            self.count(n, |p, i| Self::may_repeat(p, i, n));
        }
        // Among equal counts the first seen; when none repeats, the first n-gram of all.
        let (count, first) = self
            .counts
            .values()
            .copied()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .filter(|&(count, _)| count > 1)
            .unwrap_or((1, 0));
        let len: usize = self.lens[first..first + n].iter().sum::<usize>() + (n - 1);
        Some(len * count)
    }

    /// Characters in repeated `n`-grams (see the module docs).
    pub fn duplicated(&mut self, n: usize) -> usize {
        if n == 0 || self.hashes.len() < n || n >= self.unique_from {
            return 0;
        }
        if n >= 2 && self.pairs.is_empty() {
            self.count_pairs();
        }
        self.seen.clear();
        self.seen.reserve(self.hashes.len());
        let (mut chars, mut i) = (0, 0);
        while i + n <= self.hashes.len() {
            // An n-gram that occurs once is no repeat, and nothing later repeats it.
            if n >= 2 && !Self::may_repeat(&self.pairs, i, n)
                || self.seen.insert(ngram_key(&self.hashes[i..i + n]))
            {
                i += 1;
            } else {
                chars += self.lens[i..i + n].iter().sum::<usize>();
                i += n;
            }
        }
        if chars == 0 {
            // No jump was taken, so every n-gram was seen once: longer ones cannot repeat either.
            self.unique_from = n;
        }
        chars
    }
}

impl Drop for NGrams<'_> {
    fn drop(&mut self) {
        if self.counts.capacity() <= KEEP_ENTRIES && self.seen.capacity() <= KEEP_ENTRIES {
            let tables = (
                std::mem::take(&mut self.counts),
                std::mem::take(&mut self.seen),
            );
            // A thread being torn down has no table to keep them in.
            let _ = TABLES.try_with(|t| *t.borrow_mut() = tables);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(w: &[&str]) -> Vec<usize> {
        w.iter().map(|w| w.chars().count()).collect()
    }

    #[test]
    fn measures() {
        assert_eq!(duplicates(["a", "bb", "a", "bb", "c"].into_iter()), (2, 3));
        let w = ["في", "هذا", "في", "هذا", "اليوم"];
        let l = lens(&w);
        let mut g = NGrams::new(&w, &l);
        assert_eq!(g.top(2), Some(12));
        assert_eq!(g.top(1), Some(4));
        assert_eq!(g.top(6), None);
        let w = ["a", "b", "c", "a", "b", "c", "a", "b"];
        let l = lens(&w);
        let mut g = NGrams::new(&w, &l);
        // a b c | a b c: the second "a b" repeats (2 chars), jump to "c a", repeats ...
        assert_eq!(g.duplicated(2), 4);
        assert_eq!(g.duplicated(3), 3);
        assert_eq!(g.duplicated(0), 0);
        assert_eq!(g.duplicated(4), 4);
        // No 6-gram repeats, so none longer does; the shortcut must not hide shorter ones.
        assert_eq!(g.duplicated(6), 0);
        assert_eq!(g.duplicated(7), 0);
        assert_eq!(g.duplicated(5), 5);
        assert_eq!(g.duplicated(2), 4);
    }

    #[test]
    fn pruned_counts_equal_plain_counts() {
        use std::collections::{HashMap, HashSet};
        let top = |w: &[&str], l: &[usize], n: usize| -> Option<usize> {
            if n == 0 || w.len() < n {
                return None;
            }
            let mut c: HashMap<&[&str], (usize, usize)> = HashMap::new();
            for (i, g) in w.windows(n).enumerate() {
                c.entry(g).or_insert((0, i)).0 += 1;
            }
            let (count, first) = c
                .values()
                .copied()
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
            Some((l[first..first + n].iter().sum::<usize>() + n - 1) * count)
        };
        let dup = |w: &[&str], l: &[usize], n: usize| -> usize {
            let (mut seen, mut chars, mut i) = (HashSet::new(), 0, 0);
            while n > 0 && i + n <= w.len() {
                if seen.insert(&w[i..i + n]) {
                    i += 1;
                } else {
                    chars += l[i..i + n].iter().sum::<usize>();
                    i += n;
                }
            }
            chars
        };
        let vocab = ["في", "من", "a", "bb", "الخبر", "ccc", "د"];
        let mut state = 7u64;
        for len in 0..120 {
            for spread in [2, 3, 7] {
                let w: Vec<&str> = (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        vocab[(state >> 33) as usize % spread]
                    })
                    .collect();
                let l = lens(&w);
                let mut g = NGrams::new(&w, &l);
                // The order signals and the filter ask in, and out of order.
                for n in (1..=4).chain(5..=11).chain([3, 2, 6]) {
                    if n <= 4 {
                        assert_eq!(g.top(n), top(&w, &l, n), "top {n} of {w:?}");
                    }
                    assert_eq!(g.duplicated(n), dup(&w, &l, n), "dup {n} of {w:?}");
                }
                let mut g = NGrams::new(&w, &l);
                assert_eq!(g.duplicated(7), dup(&w, &l, 7));
                assert_eq!(g.top(4), top(&w, &l, 4));
            }
        }
    }

    #[test]
    fn keys_tell_order_and_words_apart() {
        let w = ["a", "b", "b", "a", "ab", "", "a", "b"];
        let h = word_hashes(&w);
        let mut keys = FxHashMap::default();
        for (i, g) in h.windows(2).enumerate() {
            keys.entry(ngram_key(g))
                .or_insert_with(Vec::new)
                .push(w[i..i + 2].join("\u{1}"));
        }
        // Only the repeated "a b" shares a key; "b a", "a ab", "ab ", " a" do not.
        for (_, grams) in keys {
            assert!(grams.iter().all(|g| g == &grams[0]), "{grams:?}");
        }
        assert_eq!(ngram_key(&h[0..2]), ngram_key(&h[6..8]));
        assert_ne!(ngram_key(&h[0..2]), ngram_key(&h[2..4]));
    }
}
