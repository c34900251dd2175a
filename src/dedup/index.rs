//! The dedup index: what is kept of every row (its exact key and its signature, never its
//! text) and the clustering run once every row is in.
//!
//! Rows are added a column or a chunk at a time ([`Index::add`]), so a corpus of any size
//! streams through with memory of `num_perm × 4 + 17` bytes per row. [`Index::candidates`]
//! then finds
//!
//! 1. **exact copies**: rows with the same exact key (the same normalized words), each joined
//!    to the first row of its group without any further check; only that first row, the
//!    group's representative, goes on;
//! 2. **candidate pairs**: representatives that share a band bucket ([`super::bands`]), paired
//!    as [`super::clusters::bucket_pairs`] says, each pair once.
//!
//! The caller checks the candidates (exact Jaccard on the texts, or the signatures' estimate)
//! and hands the pairs that pass to [`Index::clusters`]. Rows without a word are never a
//! duplicate of anything; missing rows have no cluster.

use super::bands::Banding;
use super::clusters::{bucket_pairs, UnionFind};
use super::minhash::{estimate, MinHasher};
use super::shingles::{Scratch, Shingler};
use crate::batch::{map_fixed_size, par_map, par_sort_unstable, TextRows};

/// Turns one text into its exact key and signature.
#[derive(Debug, Clone)]
pub struct Sketcher {
    /// Words and shingles.
    pub shingler: Shingler,
    /// The hash functions.
    pub hasher: MinHasher,
}

/// Buffers one worker reuses from row to row.
#[derive(Debug, Default)]
pub struct SketchScratch {
    words: Scratch,
    shingles: Vec<u32>,
}

impl Sketcher {
    /// A sketcher of `shingler`'s shingles under `hasher`'s functions.
    pub fn new(shingler: Shingler, hasher: MinHasher) -> Self {
        Sketcher { shingler, hasher }
    }

    fn shingles(&self, text: &str, scratch: &mut SketchScratch) -> Option<u128> {
        let SketchScratch { words, shingles } = scratch;
        shingles.clear();
        self.shingler.for_each_shingle(text, words, |h| shingles.push(h as u32))
    }

    /// The 32-bit signature of `text` into `out`; its exact key (`None`: no word).
    pub fn sketch32(&self, text: &str, scratch: &mut SketchScratch, out: &mut [u32]) -> Option<u128> {
        let key = self.shingles(text, scratch);
        self.hasher.signature32(&scratch.shingles, out);
        key
    }

    /// The 64-bit signature of `text` into `out`; its exact key (`None`: no word).
    pub fn sketch64(&self, text: &str, scratch: &mut SketchScratch, out: &mut [u64]) -> Option<u128> {
        let key = self.shingles(text, scratch);
        self.hasher.signature64(&scratch.shingles, out);
        key
    }
}

/// What is known of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Missing,
    NoWords,
    Words,
}

/// The rows seen so far: exact keys and 32-bit signatures.
#[derive(Debug, Clone)]
pub struct Index {
    sketcher: Sketcher,
    banding: Banding,
    kinds: Vec<Kind>,
    keys: Vec<u128>,
    signatures: Vec<u32>,
}

/// The pairs the index proposes: exact copies, and candidates still to be checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// `(first row of the group, row)` for every other row of each group of exact copies.
    pub exact: Vec<(u32, u32)>,
    /// `(low, high)` pairs of representatives that share a band, sorted, each once.
    pub pairs: Vec<(u32, u32)>,
}

impl Index {
    /// An empty index of `sketcher`'s signatures banded as `banding` (whose width must not
    /// exceed the signature's).
    pub fn new(sketcher: Sketcher, banding: Banding) -> Self {
        assert!(banding.width() <= sketcher.hasher.num_perm(), "{banding:?} is wider than the signature");
        Index { sketcher, banding, kinds: Vec::new(), keys: Vec::new(), signatures: Vec::new() }
    }

    /// Rows added so far.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The sketcher rows are hashed with.
    pub fn sketcher(&self) -> &Sketcher {
        &self.sketcher
    }

    /// The banding of the signatures.
    pub fn banding(&self) -> Banding {
        self.banding
    }

    /// Add every row of a column (in parallel), after the rows already in.
    pub fn add<R: TextRows>(&mut self, rows: &R) {
        assert!(self.len() + rows.len() < u32::MAX as usize, "at most 2^32 - 2 rows");
        let width = self.sketcher.hasher.num_perm();
        let sketcher = &self.sketcher;
        let chunk = map_fixed_size(rows.len(), width, u32::MAX, |i| rows.get(i), SketchScratch::default, |s, t, out| {
            sketcher.sketch32(t, s, out)
        });
        self.signatures.extend_from_slice(&chunk.values);
        for key in chunk.extra {
            let (kind, key) = match key {
                None => (Kind::Missing, 0),
                Some(None) => (Kind::NoWords, 0),
                Some(Some(k)) => (Kind::Words, k),
            };
            self.kinds.push(kind);
            self.keys.push(key);
        }
    }

    /// The signature of row `row`.
    pub fn signature(&self, row: u32) -> &[u32] {
        let w = self.sketcher.hasher.num_perm();
        &self.signatures[row as usize * w..(row as usize + 1) * w]
    }

    /// Whether row `row` was missing.
    pub fn is_missing(&self, row: u32) -> bool {
        self.kinds[row as usize] == Kind::Missing
    }

    /// The estimated Jaccard similarity of two rows (share of equal signature values).
    pub fn estimate(&self, a: u32, b: u32) -> f64 {
        estimate(self.signature(a), self.signature(b))
    }

    /// Exact copies and candidate pairs (see the module docs).
    pub fn candidates(&self) -> Candidates {
        let mut keyed: Vec<(u128, u32)> =
            (0..self.len()).filter(|&i| self.kinds[i] == Kind::Words).map(|i| (self.keys[i], i as u32)).collect();
        par_sort_unstable(&mut keyed);
        let mut exact = Vec::new();
        let mut reps = Vec::new();
        for group in keyed.chunk_by(|a, b| a.0 == b.0) {
            let first = group[0].1;
            reps.push(first);
            exact.extend(group[1..].iter().map(|&(_, row)| (first, row)));
        }
        drop(keyed);
        reps.sort_unstable();
        let banding = self.banding;
        let bands: Vec<usize> = (0..banding.bands).collect();
        let mut pairs: Vec<(u32, u32)> = par_map(&bands, 1, |&band| {
            let mut buckets: Vec<(u64, u32)> = reps.iter().map(|&r| (banding.key(self.signature(r), band), r)).collect();
            buckets.sort_unstable();
            let mut out = Vec::new();
            let mut rows = Vec::new();
            for bucket in buckets.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
                rows.clear();
                rows.extend(bucket.iter().map(|&(_, r)| r));
                bucket_pairs(&rows, &mut out);
            }
            out
        })
        .into_iter()
        .flatten()
        .collect();
        par_sort_unstable(&mut pairs);
        pairs.dedup();
        Candidates { exact, pairs }
    }

    /// Cluster ids from the pairs to join: the least row of each row's cluster, `None` for a
    /// missing row.
    pub fn clusters(&self, joined: impl IntoIterator<Item = (u32, u32)>) -> Vec<Option<u32>> {
        let mut uf = UnionFind::new(self.len());
        for (a, b) in joined {
            uf.union(a, b);
        }
        uf.labels().into_iter().zip(&self.kinds).map(|(l, k)| (*k != Kind::Missing).then_some(l)).collect()
    }
}
