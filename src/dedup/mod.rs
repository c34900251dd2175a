//! Near-duplicate and syndicated-copy detection: shingles, MinHash signatures, LSH bands,
//! clusters.
//!
//! The method, step by step (`docs/dedup.md` says the same for users):
//!
//! 1. [`shingles`]: a row (or, with [`Source::Body`], the article body the parser finds in
//!    it) is normalized and cut into words; punctuation, symbols and invisible characters
//!    never enter a shingle. A shingle is a run of `ngram` words (5 by default).
//! 2. [`minhash`]: `num_perm` universal hash functions with fixed parameters give a
//!    signature of the least hash of each; equal values estimate the Jaccard similarity.
//! 3. [`index`]: rows with the same normalized words (an exact key, hashed first) are copies
//!    of one another; the first of each group is banded ([`bands`]: the number of bands
//!    chosen from the threshold), and rows that share a band bucket are candidate pairs.
//! 4. [`near`]: every candidate pair is checked against the threshold, with the exact
//!    Jaccard similarity of the two shingle sets ([`Verify::Exact`]) or the signatures'
//!    estimate ([`Verify::Signature`]), and the pairs that pass are joined by union-find
//!    ([`clusters`]); a cluster's id is its least row number.
//!
//! Per-row work (signatures) runs through the batch engine ([`crate::batch::map_fixed_size`]);
//! the steps over the whole column sort and compare with the engine's parallel maps.

pub mod bands;
pub mod clusters;
pub mod index;
pub mod minhash;
pub mod near;
pub mod shingles;

pub use bands::Banding;
pub use index::{Candidates, Index, SketchScratch, Sketcher};
pub use minhash::MinHasher;
pub use near::{near_duplicates, NearDuplicates, Pair, Verify};
pub use shingles::{Shingler, Source};

use crate::normalize::{NormalizeOptions, OptionsError};

/// Everything that decides which rows are near-duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupOptions {
    /// Values per signature.
    pub num_perm: usize,
    /// Words per shingle.
    pub ngram: usize,
    /// Seed of the hash functions' parameters.
    pub seed: u64,
    /// The caller's normalizer options (the shingle normalizer adds its own rules).
    pub normalizer: NormalizeOptions,
    /// Which part of a row is hashed.
    pub source: Source,
    /// Jaccard similarity from which two rows are duplicates.
    pub threshold: f64,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            num_perm: 128,
            ngram: 5,
            seed: 0,
            normalizer: NormalizeOptions::preset("search").expect("the search preset exists"),
            source: Source::Text,
            threshold: 0.8,
        }
    }
}

impl DedupOptions {
    /// The sketcher these options describe.
    pub fn sketcher(&self) -> Result<Sketcher, OptionsError> {
        Ok(Sketcher::new(Shingler::new(&self.normalizer, self.ngram, self.source)?, MinHasher::new(self.num_perm, self.seed)))
    }

    /// The banding chosen for the threshold.
    pub fn banding(&self) -> Banding {
        Banding::for_threshold(self.threshold, self.num_perm.max(1))
    }

    /// An empty index.
    pub fn index(&self) -> Result<Index, OptionsError> {
        Ok(Index::new(self.sketcher()?, self.banding()))
    }
}

#[cfg(test)]
mod tests;
