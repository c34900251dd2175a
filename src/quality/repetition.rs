//! Repetition measures as Gopher (Rae et al. 2021, table A1) and FineWeb define them.
//!
//! - [`duplicates`]: how many items repeat an earlier one, and their characters.
//! - [`top_ngram_chars`]: characters of the most frequent word n-gram (its length, words joined
//!   by one space, times its count; among equally frequent n-grams the first seen).
//! - [`duplicate_ngram_chars`]: characters in word n-grams that repeat an earlier n-gram,
//!   scanning left to right and jumping past each repeat so no character counts twice (the
//!   n-gram's length here is its words' characters without spaces).
//!
//! Lengths are in characters (code points), as Python counts them. N-grams are hashed, never
//! built as strings.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// `(items that repeat an earlier item, their characters)`.
pub fn duplicates<'a>(items: impl Iterator<Item = &'a str>) -> (usize, usize) {
    let mut seen = HashSet::new();
    let (mut n, mut chars) = (0, 0);
    for item in items {
        if !seen.insert(item) {
            n += 1;
            chars += item.chars().count();
        }
    }
    (n, chars)
}

fn ngram_hash(words: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    for w in words {
        w.hash(&mut h);
    }
    h.finish()
}

/// Characters of the most frequent `n`-gram of `words` (see the module docs); `None` when
/// there are fewer than `n` words. `lens[i]` is the character count of `words[i]`.
pub fn top_ngram_chars(words: &[&str], lens: &[usize], n: usize) -> Option<usize> {
    if words.len() < n {
        return None;
    }
    // hash -> (count, first position)
    let mut counts: HashMap<u64, (usize, usize)> = HashMap::with_capacity(words.len());
    for i in 0..=words.len() - n {
        let e = counts.entry(ngram_hash(&words[i..i + n])).or_insert((0, i));
        e.0 += 1;
    }
    let (count, first) = counts.values().copied().max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let len: usize = lens[first..first + n].iter().sum::<usize>() + (n - 1);
    Some(len * count)
}

/// Characters in repeated `n`-grams of `words` (see the module docs).
pub fn duplicate_ngram_chars(words: &[&str], lens: &[usize], n: usize) -> usize {
    if words.len() < n {
        return 0;
    }
    let mut seen = HashSet::with_capacity(words.len());
    let (mut chars, mut i) = (0, 0);
    while i + n <= words.len() {
        if seen.insert(ngram_hash(&words[i..i + n])) {
            i += 1;
        } else {
            chars += lens[i..i + n].iter().sum::<usize>();
            i += n;
        }
    }
    chars
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
        assert_eq!(top_ngram_chars(&w, &lens(&w), 2), Some(12));
        assert_eq!(top_ngram_chars(&w, &lens(&w), 6), None);
        let w = ["a", "b", "c", "a", "b", "c", "a", "b"];
        // a b c | a b c: the second "a b" repeats (2 chars), jump to "c a", repeats ...
        assert_eq!(duplicate_ngram_chars(&w, &lens(&w), 2), 4);
        assert_eq!(duplicate_ngram_chars(&w, &lens(&w), 3), 3);
    }
}
