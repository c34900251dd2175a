//! Clusters: union-find over row numbers, and the candidate pairs of one band bucket.
//!
//! A cluster's id is the smallest row number in it, whatever order the pairs come in: a union
//! always hangs the root with the larger number under the one with the smaller, so every
//! root is the least row of its set. Path halving keeps `find` short.

/// Rows of a bucket up to which every pair of them is a candidate; in a larger bucket each
/// row pairs with the bucket's first row and with the row before it (see
/// [`bucket_pairs`]).
pub const ALL_PAIRS_UP_TO: usize = 64;

/// Disjoint sets of rows `0..n`, each named by its least row.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` rows, each alone.
    pub fn new(n: usize) -> Self {
        assert!(n <= u32::MAX as usize, "at most 2^32 - 1 rows");
        UnionFind { parent: (0..n as u32).collect() }
    }

    /// The least row of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Join the sets of `a` and `b`; whether they were apart.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high as usize] = low;
        true
    }

    /// The least row of every row's set.
    pub fn labels(mut self) -> Vec<u32> {
        (0..self.parent.len() as u32).map(|x| self.find(x)).collect()
    }
}

/// The candidate pairs `(low, high)` of one bucket whose rows are sorted and distinct: every
/// pair when there are at most [`ALL_PAIRS_UP_TO`] rows; else each row with the first row and
/// with the row before it (a bucket that large is nearly always one template repeated, and
/// these pairs connect it with work linear in its size).
pub fn bucket_pairs(rows: &[u32], out: &mut Vec<(u32, u32)>) {
    if rows.len() <= ALL_PAIRS_UP_TO {
        for (i, &a) in rows.iter().enumerate() {
            out.extend(rows[i + 1..].iter().map(|&b| (a, b)));
        }
        return;
    }
    out.extend(rows[1..].iter().map(|&b| (rows[0], b)));
    out.extend(rows.windows(2).skip(1).map(|w| (w[0], w[1])));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_ids_are_the_least_row_whatever_the_order() {
        let pairs = [(5, 9), (9, 2), (7, 8), (8, 3), (2, 5)];
        let mut forward = UnionFind::new(10);
        for &(a, b) in &pairs {
            forward.union(a, b);
        }
        let mut backward = UnionFind::new(10);
        for &(a, b) in pairs.iter().rev() {
            backward.union(b, a);
        }
        let want = [0, 1, 2, 3, 4, 2, 6, 3, 3, 2];
        assert_eq!(forward.labels(), want);
        assert_eq!(backward.labels(), want);
    }

    #[test]
    fn small_buckets_give_every_pair_large_ones_a_star_and_a_chain() {
        let mut out = Vec::new();
        bucket_pairs(&[1, 4, 6], &mut out);
        assert_eq!(out, [(1, 4), (1, 6), (4, 6)]);
        let big: Vec<u32> = (0..100).map(|i| i * 2).collect();
        let mut out = Vec::new();
        bucket_pairs(&big, &mut out);
        assert_eq!(out.len(), 99 + 98);
        assert!(out.contains(&(0, 198)) && out.contains(&(196, 198)) && !out.contains(&(2, 6)));
        let mut uf = UnionFind::new(200);
        for (a, b) in out {
            uf.union(a, b);
        }
        assert!(uf.labels().iter().step_by(2).all(|&l| l == 0));
    }
}
