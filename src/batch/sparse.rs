//! Sparse rows in compressed sparse row (CSR) layout: per input row, a run of `(column,
//! value)` entries, the runs laid end to end with `indptr[i]..indptr[i + 1]` naming row `i`'s.
//! This is the layout of `scipy.sparse.csr_matrix`, so the buffers reach Python without a
//! reshuffle.
//!
//! [`map_sparse`] runs a row writer over a column in parallel chunks (each with its own
//! scratch space) and joins the chunks in row order; [`SparseRows::append`] joins the parts of
//! ordered list rows (see [`super::ordered_rows`]). A missing row is an empty row.

use super::pool::par_map;
use super::strings::chunk_ranges;

/// Rows of `(column, value)` entries in CSR layout.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseRows {
    /// `rows + 1` offsets into `indices`/`data`, starting at 0.
    pub indptr: Vec<u64>,
    /// The column of each entry.
    pub indices: Vec<u32>,
    /// The value of each entry.
    pub data: Vec<f64>,
}

impl Default for SparseRows {
    fn default() -> Self {
        SparseRows { indptr: vec![0], indices: Vec::new(), data: Vec::new() }
    }
}

impl SparseRows {
    /// No rows.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// The number of entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Add one entry to the row being written.
    #[inline]
    pub fn push(&mut self, column: u32, value: f64) {
        self.indices.push(column);
        self.data.push(value);
    }

    /// Close the row being written (its entries are those pushed since the last close).
    #[inline]
    pub fn end_row(&mut self) {
        self.indptr.push(self.indices.len() as u64);
    }

    /// The entries of row `i`, `(columns, values)`.
    pub fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let (s, e) = (self.indptr[i] as usize, self.indptr[i + 1] as usize);
        (&self.indices[s..e], &self.data[s..e])
    }

    /// Add the rows of `other` after these.
    pub fn append(&mut self, other: &SparseRows) {
        let base = self.indices.len() as u64;
        self.indptr.extend(other.indptr[1..].iter().map(|p| p + base));
        self.indices.extend_from_slice(&other.indices);
        self.data.extend_from_slice(&other.data);
    }

    /// Rows `parts[0]`, then `parts[1]` ... in one buffer set, each buffer sized once.
    pub fn concat(parts: &[SparseRows]) -> SparseRows {
        let rows: usize = parts.iter().map(SparseRows::rows).sum();
        let nnz: usize = parts.iter().map(SparseRows::nnz).sum();
        let mut out = SparseRows {
            indptr: Vec::with_capacity(rows + 1),
            indices: Vec::with_capacity(nnz),
            data: Vec::with_capacity(nnz),
        };
        out.indptr.push(0);
        for p in parts {
            out.append(p);
        }
        out
    }
}

/// Run `write(text, scratch, out)` over rows `0..len` in parallel chunks and join the chunks
/// in row order. `write` pushes the entries of one row (it does not close it); each chunk has
/// its own `S::default()` scratch space. A missing row (`row(i)` is `None`) is an empty row.
pub fn map_sparse<'a, S, R, W>(len: usize, row: R, write: W) -> SparseRows
where
    S: Default,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&'a str, &mut S, &mut SparseRows) + Sync,
{
    let parts = par_map(&chunk_ranges(len), 1, |&(start, end)| sparse_rows(start..end, &row, &write));
    match parts.len() {
        0 => SparseRows::new(),
        1 => parts.into_iter().next().expect("one part"),
        _ => SparseRows::concat(&parts),
    }
}

/// Rows `range` written one after another on this thread (a chunk of [`map_sparse`], or a
/// batch of ordered list rows).
pub fn sparse_rows<'a, S, R, W>(range: std::ops::Range<usize>, row: &R, write: &W) -> SparseRows
where
    S: Default,
    R: Fn(usize) -> Option<&'a str>,
    W: Fn(&'a str, &mut S, &mut SparseRows),
{
    let mut out = SparseRows::new();
    out.indptr.reserve(range.len());
    let mut scratch = S::default();
    for i in range {
        if let Some(text) = row(i) {
            write(text, &mut scratch, &mut out);
        }
        out.end_row();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One entry per word: (its length, 1.0).
    fn lengths(text: &str, _: &mut (), out: &mut SparseRows) {
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            out.push(w.chars().count() as u32, 1.0);
        }
    }

    #[test]
    fn rows_keep_their_order_and_missing_rows_are_empty() {
        let rows: Vec<Option<String>> =
            (0..5000).map(|i| (i % 7 != 3).then(|| "كلمة ab ".repeat(i % 5))).collect();
        let got = map_sparse(rows.len(), |i| rows[i].as_deref(), lengths);
        assert_eq!(got.rows(), rows.len());
        for (i, r) in rows.iter().enumerate() {
            let (cols, vals) = got.row(i);
            let want = r.as_deref().map_or(0, |t| t.split(' ').filter(|w| !w.is_empty()).count());
            assert_eq!(cols.len(), want, "row {i}");
            assert!(vals.iter().all(|&v| v == 1.0));
            assert!(cols.iter().all(|&c| c == 4 || c == 2));
        }
        let none: Vec<Option<&str>> = Vec::new();
        assert_eq!(map_sparse(0, |i| none[i], lengths), SparseRows::new());
    }

    #[test]
    fn parts_join_in_order() {
        let rows = ["a bb", "", "ccc"];
        let whole = sparse_rows(0..3, &|i| Some(rows[i]), &lengths);
        let mut joined = sparse_rows(0..1, &|i| Some(rows[i]), &lengths);
        joined.append(&sparse_rows(1..3, &|i| Some(rows[i]), &lengths));
        assert_eq!(joined, whole);
        assert_eq!(whole.indptr, [0, 2, 2, 3]);
        assert_eq!(whole.indices, [1, 2, 3]);
        let pieces = [sparse_rows(0..2, &|i| Some(rows[i]), &lengths), sparse_rows(2..3, &|i| Some(rows[i]), &lengths)];
        assert_eq!(SparseRows::concat(&pieces), whole);
    }
}
