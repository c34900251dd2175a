//! `khabar._khabar.minhash`, `near_duplicates`, `DedupIndex` and the pieces the Spark and
//! Dask recipes are built from. The method lives in [`crate::dedup`]; this file reads the
//! arguments, runs it without the GIL and converts what comes back.

use super::columns::{arrow_result, one_array};
use super::errors::{detach, internal_error, value_error};
use super::normalize::normalizer_arg;
use super::rows::for_rows;
use super::texts::{borrow_one, borrow_rows, ArrowInput, Texts};
use crate::batch::arrow::{fixed_size_list_type, map_fixed_size_column, ChunkedText};
use crate::batch::{map_fixed_size, par_map, TextRows};
use crate::dedup::clusters::bucket_pairs as core_bucket_pairs;
use crate::dedup::shingles::{jaccard, Scratch};
use crate::dedup::minhash::estimate;
use crate::dedup::{near_duplicates as core_near, Banding, DedupOptions, Index, Pair, SketchScratch, Source, Verify};
use crate::normalize::NormalizeOptions;
use arrow_array::builder::{BinaryBuilder, Float64Builder, Int64Builder, ListBuilder};
use arrow_array::types::{UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, BinaryArray, Float64Array, Int64Array, StructArray};
use arrow_schema::{DataType, Field};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::sync::{Arc, Mutex};

/// The options every entry point shares, checked.
fn options(num_perm: usize, ngram: usize, normalizer: Option<&Bound<'_, PyAny>>, seed: u64, on: &str, threshold: f64) -> PyResult<DedupOptions> {
    if !(1..=8192).contains(&num_perm) {
        return Err(value_error(format!("num_perm={num_perm}: expected 1 to 8192")));
    }
    if ngram == 0 {
        return Err(value_error("ngram=0: a shingle needs at least one word"));
    }
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(value_error(format!("threshold={threshold}: expected a number in (0, 1]")));
    }
    let source = Source::by_name(on).ok_or_else(|| value_error(format!("on={on:?}: expected 'text' or 'body'")))?;
    let normalizer = match normalizer_arg(normalizer)? {
        Some(n) => n.options().clone(),
        None => NormalizeOptions::preset("none").expect("the none preset exists"),
    };
    Ok(DedupOptions { num_perm, ngram, seed, normalizer, source, threshold })
}

fn index_of(opts: &DedupOptions) -> PyResult<Index> {
    opts.index().map_err(|e| value_error(format!("normalizer: {e}")))
}

/// The text rows of an Arrow input, all chunks as one column.
fn arrow_rows<'a>(input: &'a ArrowInput) -> PyResult<ChunkedText<'a>> {
    Ok(ChunkedText::new(input.columns("x")?))
}

/// Signatures of `x`: an Arrow `fixed_size_list<uint32|uint64>` column for Arrow input; for a
/// `str` or a sequence, `(bytes, rows, missing)`: every row's values in native byte order,
/// row after row, and the positions of missing rows (their values are all the maximum).
#[pyfunction]
#[pyo3(signature = (x, num_perm, ngram, normalizer, seed, bits, on))]
pub fn minhash<'py>(
    x: &Bound<'py, PyAny>,
    num_perm: usize,
    ngram: usize,
    normalizer: Option<&Bound<'py, PyAny>>,
    seed: u64,
    bits: u32,
    on: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let opts = options(num_perm, ngram, normalizer, seed, on, 1.0)?;
    let sketcher = opts.sketcher().map_err(|e| value_error(format!("normalizer: {e}")))?;
    let wide = match bits {
        32 => false,
        64 => true,
        _ => return Err(value_error(format!("bits={bits}: expected 32 or 64"))),
    };
    let rows_of = |rows: &[Option<&str>]| -> (Vec<u8>, Vec<usize>) {
        let missing = rows.iter().enumerate().filter(|(_, r)| r.is_none()).map(|(i, _)| i).collect();
        let bytes = if wide {
            let c = map_fixed_size(rows.len(), num_perm, u64::MAX, |i| rows[i], SketchScratch::default, |s, t, out| {
                sketcher.sketch64(t, s, out);
            });
            c.values.iter().flat_map(|v| v.to_ne_bytes()).collect()
        } else {
            let c = map_fixed_size(rows.len(), num_perm, u32::MAX, |i| rows[i], SketchScratch::default, |s, t, out| {
                sketcher.sketch32(t, s, out);
            });
            c.values.iter().flat_map(|v| v.to_ne_bytes()).collect()
        };
        (bytes, missing)
    };
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let (bytes, _) = detach(py, || rows_of(&[Some(text)]))?;
            Ok((PyBytes::new(py, &bytes), 1usize, Vec::<usize>::new()).into_pyobject(py)?.into_any())
        }
        Texts::Rows(items) => {
            let (mut bytes, mut missing) = (Vec::new(), Vec::new());
            for_rows(py, &items, |_, rows| rows_of(rows), |first, _, (b, m)| {
                bytes.extend_from_slice(&b);
                missing.extend(m.into_iter().map(|i| first + i));
                Ok(())
            })?;
            Ok((PyBytes::new(py, &bytes), items.len(), missing).into_pyobject(py)?.into_any())
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
                let mut out = Vec::new();
                for col in input.columns("x")? {
                    let array = if wide {
                        map_fixed_size_column::<UInt64Type, _, _, _, _>(&col, num_perm, u64::MAX, SketchScratch::default, |s, t, o| {
                            sketcher.sketch64(t, s, o);
                        })
                    } else {
                        map_fixed_size_column::<UInt32Type, _, _, _, _>(&col, num_perm, u32::MAX, SketchScratch::default, |s, t, o| {
                            sketcher.sketch32(t, s, o);
                        })
                    };
                    out.push(array.map_err(|e| internal_error(format!("signature column: {e}")))?.0);
                }
                Ok(out)
            })??;
            let empty = if wide { fixed_size_list_type::<UInt64Type>(num_perm) } else { fixed_size_list_type::<UInt32Type>(num_perm) };
            arrow_result(py, &input, out, empty)
        }
    }
}

fn verify_arg(verify: &str) -> PyResult<Verify> {
    Verify::by_name(verify).ok_or_else(|| value_error(format!("verify={verify:?}: expected 'exact' or 'signature'")))
}

/// The pairs as columns: `left`, `right`, `estimated_jaccard`, `jaccard`, `duplicate`.
fn pairs_dict<'py>(py: Python<'py>, pairs: &[Pair]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("left", pairs.iter().map(|p| p.left).collect::<Vec<_>>())?;
    d.set_item("right", pairs.iter().map(|p| p.right).collect::<Vec<_>>())?;
    d.set_item("estimated_jaccard", pairs.iter().map(|p| p.estimate).collect::<Vec<_>>())?;
    d.set_item("jaccard", pairs.iter().map(|p| p.jaccard).collect::<Vec<_>>())?;
    d.set_item("duplicate", pairs.iter().map(|p| p.duplicate).collect::<Vec<_>>())?;
    Ok(d)
}

fn cluster_array(clusters: &[Option<u32>]) -> ArrayRef {
    Arc::new(Int64Array::from_iter(clusters.iter().map(|c| c.map(i64::from))))
}

/// Cluster ids of `x`'s rows (the least row of each cluster; `None` for a missing row), and
/// with `pairs` the pairs looked at as columns. Arrow input gives an Arrow int64 array.
#[pyfunction]
#[pyo3(signature = (x, threshold, num_perm, ngram, normalizer, seed, on, verify, pairs))]
#[allow(clippy::too_many_arguments)]
pub fn near_duplicates<'py>(
    x: &Bound<'py, PyAny>,
    threshold: f64,
    num_perm: usize,
    ngram: usize,
    normalizer: Option<&Bound<'py, PyAny>>,
    seed: u64,
    on: &str,
    verify: &str,
    pairs: bool,
) -> PyResult<(Bound<'py, PyAny>, Option<Bound<'py, PyDict>>)> {
    let py = x.py();
    let opts = options(num_perm, ngram, normalizer, seed, on, threshold)?;
    let verify = verify_arg(verify)?;
    let index = index_of(&opts)?;
    let (clusters, found) = match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let found = detach(py, || core_near(index, &[Some(text)].as_slice(), threshold, verify, pairs))?;
            (0u32.into_pyobject(py)?.into_any(), found)
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            let found = detach(py, || core_near(index, &rows.as_slice(), threshold, verify, pairs))?;
            (PyList::new(py, &found.clusters)?.into_any(), found)
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            let rows = arrow_rows(&input)?;
            let found = detach(py, || core_near(index, &rows, threshold, verify, pairs))?;
            (one_array(py, input.field.name(), cluster_array(&found.clusters))?, found)
        }
    };
    let table = if pairs { Some(pairs_dict(py, &found.pairs)?) } else { None };
    Ok((clusters, table))
}

/// A streaming index: rows added a chunk at a time (only their signatures and exact keys are
/// kept), clustered once at the end with the signatures' estimate.
#[pyclass(name = "DedupIndex", module = "khabar._khabar")]
pub struct PyDedupIndex {
    inner: Mutex<Index>,
    threshold: f64,
}

#[pymethods]
impl PyDedupIndex {
    #[new]
    #[pyo3(signature = (threshold, num_perm, ngram, normalizer, seed, on))]
    fn new(threshold: f64, num_perm: usize, ngram: usize, normalizer: Option<&Bound<'_, PyAny>>, seed: u64, on: &str) -> PyResult<Self> {
        let opts = options(num_perm, ngram, normalizer, seed, on, threshold)?;
        Ok(PyDedupIndex { inner: Mutex::new(index_of(&opts)?), threshold })
    }

    /// Add the rows of a column (a sequence of `str | None` or an Arrow string column) after
    /// those already in; returns the number of rows now in the index.
    fn add(&self, x: &Bound<'_, PyAny>) -> PyResult<usize> {
        let py = x.py();
        let mut index = self.inner.lock().map_err(|_| internal_error("the dedup index failed earlier"))?;
        let index = &mut *index;
        match Texts::extract(x, "x")? {
            Texts::One(s) => {
                let text = borrow_one(&s)?;
                detach(py, || index.add(&[Some(text)].as_slice()))?;
            }
            Texts::Rows(items) => {
                let rows = borrow_rows(&items)?;
                detach(py, || index.add(&rows.as_slice()))?;
            }
            Texts::Arrow(a) => {
                let input = ArrowInput::new(a, "x")?;
                let rows = arrow_rows(&input)?;
                detach(py, || index.add(&rows))?;
            }
        }
        Ok(index.len())
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self.inner.lock().map_err(|_| internal_error("the dedup index failed earlier"))?.len())
    }

    /// `(bands, rows)`: how signatures are cut into bands.
    #[getter]
    fn banding(&self) -> PyResult<(usize, usize)> {
        let b = self.inner.lock().map_err(|_| internal_error("the dedup index failed earlier"))?.banding();
        Ok((b.bands, b.rows))
    }

    /// Cluster every row added: an Arrow int64 array of cluster ids (null for missing rows).
    fn clusters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let index = self.inner.lock().map_err(|_| internal_error("the dedup index failed earlier"))?;
        let threshold = self.threshold;
        let clusters = detach(py, || {
            let c = index.candidates();
            let joined: Vec<(u32, u32)> = c.pairs.iter().copied().filter(|&(a, b)| index.estimate(a, b) >= threshold).collect();
            index.clusters(c.exact.iter().copied().chain(joined))
        })?;
        one_array(py, "cluster_id", cluster_array(&clusters))
    }
}

/// `(bands, rows)` for `threshold` and `num_perm` (see `docs/dedup.md`).
#[pyfunction]
pub fn banding(threshold: f64, num_perm: usize) -> PyResult<(usize, usize)> {
    options(num_perm, 1, None, 0, "text", threshold)?;
    let b = Banding::for_threshold(threshold, num_perm);
    Ok((b.bands, b.rows))
}

/// The probability that two texts of Jaccard similarity `s` share a band.
#[pyfunction]
pub fn band_probability(s: f64, bands: usize, rows: usize) -> f64 {
    Banding { bands, rows }.probability(s)
}

/// The candidate pairs of one bucket of sorted, distinct row ids (the rule every recipe
/// follows).
#[pyfunction]
pub fn bucket_pairs(rows: Vec<i64>) -> PyResult<Vec<(i64, i64)>> {
    if rows.windows(2).any(|w| w[0] >= w[1]) {
        return Err(value_error("bucket_pairs: rows must be sorted and distinct"));
    }
    let dense: Vec<u32> = (0..rows.len() as u32).collect();
    let mut out = Vec::new();
    core_bucket_pairs(&dense, &mut out);
    Ok(out.into_iter().map(|(a, b)| (rows[a as usize], rows[b as usize])).collect())
}

/// Connected components of the graph whose edges are `(left[i], right[i])`: `(nodes, labels)`,
/// every node once, in order, with the least node of its component.
#[pyfunction]
pub fn components(py: Python<'_>, left: Vec<i64>, right: Vec<i64>) -> PyResult<(Vec<i64>, Vec<i64>)> {
    if left.len() != right.len() {
        return Err(value_error(format!("left has {} ids, right has {}", left.len(), right.len())));
    }
    detach(py, || {
        let mut nodes: Vec<i64> = left.iter().chain(&right).copied().collect();
        nodes.sort_unstable();
        nodes.dedup();
        let dense = |v: i64| nodes.binary_search(&v).expect("every id is a node") as u32;
        let mut uf = crate::dedup::clusters::UnionFind::new(nodes.len());
        for (&a, &b) in left.iter().zip(&right) {
            uf.union(dense(a), dense(b));
        }
        // Nodes are sorted, so the least dense number of a set is its least id.
        let labels = uf.labels().into_iter().map(|l| nodes[l as usize]).collect();
        (nodes, labels)
    })
}

/// What the distributed recipes keep of each row: a struct column of `key_hi`, `key_lo` (the
/// exact key's halves as int64), `bands` (the band keys as int64) and `signature` (the 32-bit
/// signature as little-endian bytes); all but `signature` are null for a row without words,
/// all four for a missing row.
#[pyfunction]
#[pyo3(signature = (x, threshold, num_perm, ngram, normalizer, seed, on))]
#[allow(clippy::too_many_arguments)]
pub fn dedup_sketch<'py>(
    x: &Bound<'py, PyAny>,
    threshold: f64,
    num_perm: usize,
    ngram: usize,
    normalizer: Option<&Bound<'py, PyAny>>,
    seed: u64,
    on: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let opts = options(num_perm, ngram, normalizer, seed, on, threshold)?;
    let sketcher = opts.sketcher().map_err(|e| value_error(format!("normalizer: {e}")))?;
    let banding = opts.banding();
    let Texts::Arrow(a) = Texts::extract(x, "x")? else {
        return Err(super::errors::type_error("dedup_sketch: expected an Arrow string column"));
    };
    let input = ArrowInput::new(a, "x")?;
    let array = detach(py, || -> PyResult<ArrayRef> {
        let rows = arrow_rows(&input)?;
        let chunk = map_fixed_size(rows.len(), num_perm, u32::MAX, |i| rows.get(i), SketchScratch::default, |s, t, o| {
            sketcher.sketch32(t, s, o)
        });
        let mut key_hi = Int64Builder::with_capacity(rows.len());
        let mut key_lo = Int64Builder::with_capacity(rows.len());
        let mut bands = ListBuilder::new(Int64Builder::new()).with_field(Arc::new(Field::new_list_field(DataType::Int64, false)));
        let mut sigs = BinaryBuilder::with_capacity(rows.len(), rows.len() * num_perm * 4);
        let mut bytes = Vec::with_capacity(num_perm * 4);
        for (i, key) in chunk.extra.iter().enumerate() {
            let sig = chunk.row(i);
            match key {
                Some(Some(k)) => {
                    key_hi.append_value((k >> 64) as i64);
                    key_lo.append_value(*k as i64);
                    for b in 0..banding.bands {
                        bands.values().append_value(banding.key(sig, b) as i64);
                    }
                    bands.append(true);
                }
                _ => {
                    key_hi.append_null();
                    key_lo.append_null();
                    bands.append(false);
                }
            }
            if key.is_some() {
                bytes.clear();
                bytes.extend(sig.iter().flat_map(|v| v.to_le_bytes()));
                sigs.append_value(&bytes);
            } else {
                sigs.append_null();
            }
        }
        let columns: Vec<ArrayRef> =
            vec![Arc::new(key_hi.finish()), Arc::new(key_lo.finish()), Arc::new(bands.finish()), Arc::new(sigs.finish())];
        let fields: Vec<Field> = ["key_hi", "key_lo", "bands", "signature"].iter().zip(&columns).map(|(n, c)| Field::new(*n, c.data_type().clone(), true)).collect();
        Ok(Arc::new(StructArray::try_new(fields.into(), columns, None).map_err(|e| internal_error(e.to_string()))?))
    })??;
    one_array(py, "sketch", array)
}

fn binary_column(x: &Bound<'_, PyAny>, arg: &str) -> PyResult<ArrayRef> {
    let array: pyo3_arrow::PyArray = x.extract().map_err(|e| super::errors::type_error(format!("{arg}: {e}")))?;
    let array = array.into_inner().0;
    match array.data_type() {
        DataType::Binary => Ok(array),
        DataType::LargeBinary | DataType::BinaryView => arrow_cast_binary(&array),
        other => Err(super::errors::type_error(format!("{arg}: expected a binary column, got {other}"))),
    }
}

fn arrow_cast_binary(array: &ArrayRef) -> PyResult<ArrayRef> {
    let values: Vec<Option<Vec<u8>>> = (0..array.len())
        .map(|i| {
            if array.is_null(i) {
                return None;
            }
            if let Some(a) = array.as_any().downcast_ref::<arrow_array::LargeBinaryArray>() {
                return Some(a.value(i).to_vec());
            }
            array.as_any().downcast_ref::<arrow_array::BinaryViewArray>().map(|a| a.value(i).to_vec())
        })
        .collect();
    Ok(Arc::new(BinaryArray::from_iter(values)))
}

/// The estimated Jaccard similarity of aligned signature columns (`signature` of
/// [`dedup_sketch`]): a float64 array, null where either is null.
#[pyfunction]
pub fn signature_estimates<'py>(a: &Bound<'py, PyAny>, b: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = a.py();
    let (a, b) = (binary_column(a, "a")?, binary_column(b, "b")?);
    if a.len() != b.len() {
        return Err(value_error(format!("a has {} rows, b has {}", a.len(), b.len())));
    }
    let out = detach(py, || {
        let (a, b) = (a.as_any().downcast_ref::<BinaryArray>().expect("binary"), b.as_any().downcast_ref::<BinaryArray>().expect("binary"));
        let mut out = Float64Builder::with_capacity(a.len());
        for i in 0..a.len() {
            if a.is_null(i) || b.is_null(i) || a.value(i).len() != b.value(i).len() {
                out.append_null();
            } else {
                // Equal values are equal 4-byte groups.
                let (x, y) = (a.value(i).chunks_exact(4), b.value(i).chunks_exact(4));
                out.append_value(estimate(&x.collect::<Vec<_>>(), &y.collect::<Vec<_>>()));
            }
        }
        Arc::new(out.finish()) as ArrayRef
    })?;
    one_array(py, "estimated_jaccard", out)
}

/// Exact Jaccard similarity of the shingle sets of aligned text columns: a float64 array,
/// null where either row is missing.
#[pyfunction]
#[pyo3(signature = (a, b, ngram, normalizer, on))]
pub fn pair_jaccard<'py>(
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    ngram: usize,
    normalizer: Option<&Bound<'py, PyAny>>,
    on: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = a.py();
    let opts = options(1, ngram, normalizer, 0, on, 1.0)?;
    let shingler = opts.sketcher().map_err(|e| value_error(format!("normalizer: {e}")))?.shingler;
    let (Texts::Arrow(a), Texts::Arrow(b)) = (Texts::extract(a, "a")?, Texts::extract(b, "b")?) else {
        return Err(super::errors::type_error("pair_jaccard: expected two Arrow string columns"));
    };
    let (ia, ib) = (ArrowInput::new(a, "a")?, ArrowInput::new(b, "b")?);
    let (ra, rb) = (arrow_rows(&ia)?, arrow_rows(&ib)?);
    if ra.len() != rb.len() {
        return Err(value_error(format!("a has {} rows, b has {}", ra.len(), rb.len())));
    }
    let out = detach(py, || {
        let idx: Vec<usize> = (0..ra.len()).collect();
        let sims = par_map(&idx, 64, |&i| match (ra.get(i), rb.get(i)) {
            (Some(x), Some(y)) => {
                let mut scratch = Scratch::default();
                Some(jaccard(&shingler.shingle_set(x, &mut scratch), &shingler.shingle_set(y, &mut scratch)))
            }
            _ => None,
        });
        Arc::new(Float64Array::from(sims)) as ArrayRef
    })?;
    one_array(py, "jaccard", out)
}
