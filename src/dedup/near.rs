//! Near-duplicates of a column held in memory: index every row, check the candidates, cluster.

use super::index::{Candidates, Index};
use super::shingles::{jaccard, Scratch};
use crate::batch::{par_map, TextRows};

/// How a candidate pair is checked against the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Verify {
    /// Exact Jaccard similarity of the two texts' shingle sets (needs the texts).
    #[default]
    Exact,
    /// The signatures' estimate (what a streaming or distributed run holds).
    Signature,
}

impl Verify {
    /// `"exact"` or `"signature"`.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "exact" => Some(Verify::Exact),
            "signature" => Some(Verify::Signature),
            _ => None,
        }
    }
}

/// One pair the search looked at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// The lower row.
    pub left: u32,
    /// The higher row.
    pub right: u32,
    /// The signatures' estimate of their Jaccard similarity.
    pub estimate: f64,
    /// Their exact Jaccard similarity (`None` when it was not computed).
    pub jaccard: Option<f64>,
    /// Whether the pair passed the check (exact copies always do).
    pub duplicate: bool,
}

/// What [`near_duplicates`] finds.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicates {
    /// Per row, the least row of its cluster (`None` for a missing row).
    pub clusters: Vec<Option<u32>>,
    /// Exact copies and candidate pairs (empty unless asked for).
    pub pairs: Vec<Pair>,
}

/// Check the candidates of `index` (whose rows are `rows`) at `threshold`.
///
/// With `Verify::Exact` or `want_pairs`, exact Jaccard is computed for every candidate pair
/// from the shingle sets of the rows involved (only those rows are shingled again).
pub fn check<R: TextRows>(index: &Index, rows: &R, candidates: &Candidates, threshold: f64, verify: Verify, want_pairs: bool) -> Vec<Pair> {
    let pairs = &candidates.pairs;
    let exact: Option<Vec<f64>> = (verify == Verify::Exact || want_pairs).then(|| exact_jaccard(index, rows, pairs));
    let mut out: Vec<Pair> = pairs
        .iter()
        .enumerate()
        .map(|(k, &(left, right))| {
            let estimate = index.estimate(left, right);
            let jaccard = exact.as_ref().map(|e| e[k]);
            let score = match verify {
                Verify::Exact => jaccard.unwrap_or(estimate),
                Verify::Signature => estimate,
            };
            Pair { left, right, estimate, jaccard, duplicate: score >= threshold }
        })
        .collect();
    if want_pairs {
        out.extend(candidates.exact.iter().map(|&(left, right)| Pair {
            left,
            right,
            estimate: 1.0,
            jaccard: Some(1.0),
            duplicate: true,
        }));
        out.sort_by_key(|p| (p.left, p.right));
    }
    out
}

/// Exact Jaccard of every pair, each row involved shingled once.
fn exact_jaccard<R: TextRows>(index: &Index, rows: &R, pairs: &[(u32, u32)]) -> Vec<f64> {
    let mut involved: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.sort_unstable();
    involved.dedup();
    let shingler = &index.sketcher().shingler;
    let sets: Vec<Vec<u64>> = par_map(&involved, 16, |&r| {
        rows.get(r as usize).map_or_else(Vec::new, |t| shingler.shingle_set(t, &mut Scratch::default()))
    });
    let set = |r: u32| &sets[involved.binary_search(&r).expect("every row of a pair is involved")];
    par_map(pairs, 256, |&(a, b)| jaccard(set(a), set(b)))
}

/// Clusters of near-duplicate rows of a column (see [`super`] for the whole method): `index`
/// must be empty and is filled with `rows`.
pub fn near_duplicates<R: TextRows>(mut index: Index, rows: &R, threshold: f64, verify: Verify, want_pairs: bool) -> NearDuplicates {
    index.add(rows);
    let candidates = index.candidates();
    let pairs = check(&index, rows, &candidates, threshold, verify, want_pairs);
    let joined = pairs.iter().filter(|p| p.duplicate).map(|p| (p.left, p.right));
    let clusters = index.clusters(candidates.exact.iter().copied().chain(joined));
    NearDuplicates { clusters, pairs: if want_pairs { pairs } else { Vec::new() } }
}
