//! `hashing_transform` and `hash_features`: the hashing trick for `khabar.sklearn`, rows in,
//! CSR buffers out (`indptr` as int64, `indices` as int32, `data` as float64, in `bytearray`s that
//! `numpy.frombuffer` views, writable, without a copy).

use super::errors::{detach, value_error};
use super::normalize::normalizer_arg;
use super::texts::{borrow_row, ArrowInput, ReleaseGil, Texts};
use crate::batch::arrow::StrColumn;
use crate::batch::{map_sparse, ordered_rows, sparse_rows, SparseRows, TextRows};
use crate::features::{Analyzer, HashingVectorizer, Norm, Scratch, TokenSource};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyList};

/// CSR buffers: `(indptr, indices, data, rows)`.
type Csr<'py> = (Bound<'py, PyByteArray>, Bound<'py, PyByteArray>, Bound<'py, PyByteArray>, usize);

#[allow(clippy::too_many_arguments)]
fn vectorizer(
    n_features: i64,
    ngram_range: (i64, i64),
    analyzer: &str,
    lowercase: bool,
    alternate_sign: bool,
    binary: bool,
    norm: Option<&str>,
    token_pattern: bool,
    normalizer: Option<&Bound<'_, PyAny>>,
) -> PyResult<HashingVectorizer> {
    let source = if token_pattern { TokenSource::Pattern } else { TokenSource::Khabar };
    let analyzer = match analyzer {
        "word" => Analyzer::Word(source),
        "char" => Analyzer::Char,
        "char_wb" => Analyzer::CharWb,
        other => return Err(value_error(format!("analyzer: expected 'word', 'char' or 'char_wb', got {other:?}"))),
    };
    let norm = match norm {
        None => Norm::None,
        Some("l1") => Norm::L1,
        Some("l2") => Norm::L2,
        Some(other) => return Err(value_error(format!("norm: expected 'l1', 'l2' or None, got {other:?}"))),
    };
    let size = |n: i64| usize::try_from(n).unwrap_or(0);
    let v = HashingVectorizer {
        n_features: u32::try_from(n_features).unwrap_or(0),
        ngram: (size(ngram_range.0), size(ngram_range.1)),
        analyzer,
        lowercase,
        alternate_sign,
        binary,
        norm,
        normalizer: normalizer_arg(normalizer)?,
    };
    v.validate().map_err(|e| {
        // Report the caller's numbers, not what they became after the conversion.
        let e = if e.starts_with("n_features") { format!("n_features must be between 1 and {}, got {n_features}", i32::MAX) } else { e };
        let e = if e.starts_with("ngram_range") { format!("ngram_range must be (min, max) with 1 <= min <= max, got {ngram_range:?}") } else { e };
        value_error(e)
    })?;
    Ok(v)
}

/// The rows of `parts`, one after another, as CSR buffers: each value is written once, from
/// the part that holds it into the `bytearray` that keeps it.
fn to_python<'py>(py: Python<'py>, parts: &[SparseRows]) -> PyResult<Csr<'py>> {
    let rows: usize = parts.iter().map(SparseRows::rows).sum();
    let nnz: usize = parts.iter().map(SparseRows::nnz).sum();
    let indptr = PyByteArray::new_with(py, (rows + 1) * 8, |buf| {
        let mut out = buf.chunks_exact_mut(8);
        if let Some(first) = out.next() {
            first.copy_from_slice(&0i64.to_ne_bytes());
        }
        // Each part's offsets start at 0: shift them by the entries of the parts before it.
        let mut base = 0;
        for p in parts {
            for (&o, dst) in p.indptr[1..].iter().zip(out.by_ref()) {
                dst.copy_from_slice(&((o + base) as i64).to_ne_bytes());
            }
            base += p.nnz() as u64;
        }
        Ok(())
    })?;
    let indices = fill(py, nnz, parts.iter().map(|p| &p.indices[..]), |c| (c as i32).to_ne_bytes())?;
    let data = fill(py, nnz, parts.iter().map(|p| &p.data[..]), f64::to_ne_bytes)?;
    Ok((indptr, indices, data, rows))
}

/// The `len` values of `parts`, in order, as native-endian bytes of `N` each in a new
/// `bytearray`.
fn fill<'a, 'py, T: Copy + 'a, const N: usize>(
    py: Python<'py>,
    len: usize,
    parts: impl Iterator<Item = &'a [T]>,
    f: impl Fn(T) -> [u8; N],
) -> PyResult<Bound<'py, PyByteArray>> {
    PyByteArray::new_with(py, len * N, |buf| {
        let mut out = buf.chunks_exact_mut(N);
        for part in parts {
            // The part first: `zip` stops at its end without taking a slot from `out`.
            for (&v, dst) in part.iter().zip(out.by_ref()) {
                dst.copy_from_slice(&f(v));
            }
        }
        Ok(())
    })
}

/// `ValueError` for the missing row `i` (a vectorizer needs a document in every row).
fn missing(i: usize) -> PyErr {
    value_error(format!("row {i}: a missing value (None) is not a document"))
}

/// The hashed features of every row of `x` (a list of `str` or an Arrow string column).
#[pyfunction]
#[pyo3(signature = (x, n_features, ngram_range, analyzer, lowercase, alternate_sign, binary, norm, token_pattern, normalizer = None))]
#[allow(clippy::too_many_arguments)]
pub fn hashing_transform<'py>(
    x: &Bound<'py, PyAny>,
    n_features: i64,
    ngram_range: (i64, i64),
    analyzer: &str,
    lowercase: bool,
    alternate_sign: bool,
    binary: bool,
    norm: Option<&str>,
    token_pattern: bool,
    normalizer: Option<&Bound<'py, PyAny>>,
) -> PyResult<Csr<'py>> {
    let py = x.py();
    let v = vectorizer(n_features, ngram_range, analyzer, lowercase, alternate_sign, binary, norm, token_pattern, normalizer)?;
    let write = |text: &str, s: &mut Scratch, out: &mut SparseRows| v.write_row(text, s, out);
    let m: Vec<SparseRows> = match Texts::extract(x, "raw_documents")? {
        Texts::One(_) => {
            return Err(value_error("raw_documents: expected an iterable of documents, got one str"));
        }
        Texts::Rows(items) => {
            let mut parts = Vec::new();
            ordered_rows(
                items.len(),
                &ReleaseGil(py),
                |i| borrow_row(i, &items[i])?.map(Some).ok_or_else(|| missing(i)),
                |_, rows| sparse_rows(0..rows.len(), &|i| rows[i], &write),
                |part| {
                    parts.push(part);
                    Ok(())
                },
            )?;
            parts
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "raw_documents")?;
            let cols = input.columns("raw_documents")?;
            let mut base = 0;
            for c in &cols {
                if let Some(i) = (0..c.len()).find(|&i| c.get(i).is_none()) {
                    return Err(missing(base + i));
                }
                base += c.len();
            }
            detach(py, || cols.iter().map(|c: &StrColumn<'_>| map_sparse(c.len(), |i| c.get(i), write)).collect())?
        }
    };
    to_python(py, &m)
}

/// The hashed rows of ready-made features: `rows` is a list of lists of `str` (what a
/// scikit-learn analyzer of the caller's produced).
#[pyfunction]
#[pyo3(signature = (rows, n_features, alternate_sign, binary, norm))]
pub fn hash_features<'py>(
    rows: &Bound<'py, PyList>,
    n_features: i64,
    alternate_sign: bool,
    binary: bool,
    norm: Option<&str>,
) -> PyResult<Csr<'py>> {
    let py = rows.py();
    let v = vectorizer(n_features, (1, 1), "word", false, alternate_sign, binary, norm, true, None)?;
    let items: Vec<Bound<'py, PyAny>> = rows.iter().collect();
    let mut features: Vec<Vec<Bound<'py, PyAny>>> = Vec::with_capacity(items.len());
    for (i, row) in items.iter().enumerate() {
        let feats = row.try_iter().map_err(|_| value_error(format!("row {i}: expected a list of features")))?;
        features.push(feats.collect::<PyResult<_>>()?);
    }
    let mut strs: Vec<Vec<&str>> = Vec::with_capacity(features.len());
    for (i, row) in features.iter().enumerate() {
        let mut r = Vec::with_capacity(row.len());
        for f in row {
            match borrow_row(i, f)? {
                Some(s) => r.push(s),
                None => return Err(value_error(format!("row {i}: a feature is None"))),
            }
        }
        strs.push(r);
    }
    let m = detach(py, || {
        let mut out = SparseRows::new();
        let mut s = Scratch::default();
        for r in &strs {
            v.write_features(r.iter().copied(), &mut s, &mut out);
            out.end_row();
        }
        out
    })?;
    to_python(py, &[m])
}
