//! `khabar._khabar.Normalizer` and `Alignment`: the compiled rule table, callable on any batch
//! shape, with offsets back to the input on request.

use super::columns::{map_text_column, one_array};
use super::errors::{detach, type_error, value_error};
use super::rows::{map_list, new_str};
use super::texts::{borrow_one, borrow_rows, ArrowInput, Texts};
use crate::batch::arrow::map_aligned_column;
use crate::normalize::{
    Alignment, NormalizeOptions, Normalizer, OptionsError, RawValue, Segment, Value, ValueKind,
    PRESETS, RULES,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};
use std::borrow::Cow;
use std::sync::Arc;

fn options_error(e: OptionsError) -> PyErr {
    match e {
        OptionsError::UnknownPreset(_) => value_error(e.to_string()),
        OptionsError::BadValue { .. } if !e.to_string().contains("expected True") => {
            // A word or count of the right type but not allowed is a bad value.
            value_error(e.to_string())
        }
        _ => type_error(e.to_string()),
    }
}

fn raw_value(rule: &str, v: &Bound<'_, PyAny>) -> PyResult<RawValue> {
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(RawValue::Bool(b.is_true()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(RawValue::Str(s.to_str()?.to_string()));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(RawValue::Int(v.extract::<i64>().map_err(|_| value_error(format!("rule {rule}: count out of range")))?));
    }
    let found = v.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    let expected = match crate::normalize::rule_by_name(rule).map(|r| r.kind) {
        Some(ValueKind::Bool) => "True or False".to_string(),
        Some(ValueKind::Choice(c)) => format!("one of {c:?}"),
        Some(ValueKind::Count) => "an int".to_string(),
        None => return Err(options_error(OptionsError::UnknownRule(rule.into()))),
    };
    Err(type_error(format!("rule {rule}: expected {expected}, got {found}")))
}

fn value_to_py<'py>(py: Python<'py>, v: Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Value::Choice(c) => PyString::new(py, c).into_any(),
        Value::Count(n) => n.into_pyobject(py)?.into_any(),
    })
}

/// Offsets from normalized text back to the text it came from (code points, half-open).
#[pyclass(frozen, module = "khabar._khabar", name = "Alignment")]
pub struct PyAlignment {
    inner: Alignment,
}

impl PyAlignment {
    fn flat(&self) -> Vec<u32> {
        self.inner
            .segments()
            .iter()
            .flat_map(|s| {
                [s.out_start as u32, s.out_len as u32, s.src_start as u32, s.src_len as u32, s.group as u32]
            })
            .collect()
    }
}

#[pymethods]
impl PyAlignment {
    /// Rebuild from the flat form `[out_start, out_len, src_start, src_len, group, ...]`.
    #[staticmethod]
    fn from_flat(flat: Vec<u32>) -> PyResult<Self> {
        if flat.len() % 5 != 0 {
            return Err(value_error("an alignment's flat form holds groups of 5 integers"));
        }
        let mut segs: Vec<Segment> = Vec::with_capacity(flat.len() / 5);
        for q in flat.chunks_exact(5) {
            let s = Segment {
                out_start: q[0] as usize,
                out_len: q[1] as usize,
                src_start: q[2] as usize,
                src_len: q[3] as usize,
                group: q[4] != 0,
            };
            if !s.group && s.out_len != s.src_len {
                return Err(value_error("a one-for-one segment needs equal lengths"));
            }
            if segs.last().is_some_and(|p| p.out_start + p.out_len != s.out_start) || (segs.is_empty() && s.out_start != 0) {
                return Err(value_error("alignment segments must cover the output contiguously from 0"));
            }
            segs.push(s);
        }
        Ok(PyAlignment { inner: Alignment::from_segments(segs) })
    }

    /// The flat form `[out_start, out_len, src_start, src_len, group, ...]` (as stored in columns).
    fn to_flat(&self) -> Vec<u32> {
        self.flat()
    }

    /// Segments as `(out_start, out_len, src_start, src_len, group)`.
    #[getter]
    fn segments(&self) -> Vec<(usize, usize, usize, usize, bool)> {
        self.inner.segments().iter().map(|s| (s.out_start, s.out_len, s.src_start, s.src_len, s.group)).collect()
    }

    /// Source span `(start, end)` of output character `i`.
    fn source_of(&self, i: usize) -> PyResult<(usize, usize)> {
        self.inner.source_of(i).ok_or_else(|| {
            value_error(format!("output position {i} is out of range (length {})", self.inner.len()))
        })
    }

    /// Source span covering the output span `[start, end)`.
    fn to_source(&self, start: usize, end: usize) -> PyResult<(usize, usize)> {
        self.inner.to_source(start, end).ok_or_else(|| {
            value_error(format!(
                "output span {start}..{end} is out of range (length {})",
                self.inner.len()
            ))
        })
    }

    /// The source span of every output character.
    fn spans(&self) -> Vec<(usize, usize)> {
        (0..self.inner.len()).filter_map(|i| self.inner.source_of(i)).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyAlignment>().is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_flat = slf.get_type().getattr("from_flat")?;
        let args = PyTuple::new(py, [PyList::new(py, slf.get().flat())?])?;
        PyTuple::new(py, [from_flat, args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!("Alignment(len={}, segments={})", self.inner.len(), self.inner.segments().len())
    }
}

/// A reusable, picklable set of normalization rules.
#[pyclass(frozen, module = "khabar._khabar", name = "Normalizer")]
pub struct PyNormalizer {
    inner: Arc<Normalizer>,
}

impl PyNormalizer {
    fn build(preset: &str, rules: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut opts = NormalizeOptions::preset(preset).map_err(options_error)?;
        if let Some(rules) = rules {
            for (k, v) in rules.iter() {
                let name: String = k.extract()?;
                let raw = raw_value(&name, &v)?;
                opts.set(&name, raw).map_err(options_error)?;
            }
        }
        Ok(PyNormalizer { inner: Arc::new(Normalizer::new(opts)) })
    }

    fn with_offsets<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = x.py();
        let n = Arc::clone(&self.inner);
        let pair = |py: Python<'py>, (s, a): (String, Alignment)| -> PyResult<Bound<'py, PyAny>> {
            let al = Bound::new(py, PyAlignment { inner: a })?;
            Ok(PyTuple::new(py, [PyString::new(py, &s).into_any(), al.into_any()])?.into_any())
        };
        match Texts::extract(x, "x")? {
            Texts::One(s) => {
                let text = borrow_one(&s)?;
                let r = detach(py, || n.normalize_with_offsets(text))?;
                pair(py, r)
            }
            Texts::Rows(items) => {
                let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<(String, Alignment)>> {
                    rows.iter().map(|r| r.map(|t| n.normalize_with_offsets(t))).collect()
                };
                let list = map_list(py, &items, work, |part, items, out| {
                    for (item, r) in items.iter().zip(part) {
                        out.push(match r {
                            None => item.clone(),
                            Some(r) => pair(py, r)?,
                        });
                    }
                    Ok(())
                })?;
                Ok(list.into_any())
            }
            Texts::Arrow(a) => {
                let input = ArrowInput::new(a, "x")?;
                let joined = detach(py, || -> PyResult<_> {
                    map_aligned_column(&*n, &input.columns("x")?).map_err(|e| {
                        value_error(format!(
                            "row {}: the normalized texts grew past the 2 GiB an offsets column can \
                             hold; normalize the column in smaller pieces",
                            e.row
                        ))
                    })
                })??;
                // One struct array for the whole column, whatever its chunks.
                one_array(py, input.field.name(), joined)
            }
        }
    }
}

/// Normalize the rows of a Python sequence; a list of the same length back.
///
/// Rows are read as the UTF-8 that CPython keeps inside each `str` (no copy on our side) and
/// normalized in batches on the pool, without the GIL, while this thread reads the next rows
/// and builds the results of earlier ones. A missing or unchanged row comes back as the very
/// same object; a changed row becomes a new `str` decoded from its slice of the batch's
/// buffer, its only copy after the engine wrote it.
fn normalize_rows<'py>(py: Python<'py>, n: &Normalizer, items: &[Bound<'py, PyAny>]) -> PyResult<Bound<'py, PyList>> {
    if n.is_identity() {
        borrow_rows(items)?;
        return PyList::new(py, items);
    }
    map_list(py, items, |_, rows| n.normalize_changed(rows), |part, items, out| {
        for (i, item) in items.iter().enumerate() {
            out.push(match part.get(i) {
                None => item.clone(),
                Some(utf8) => new_str(py, utf8)?,
            });
        }
        Ok(())
    })
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (preset = "ml_clean", **rules))]
    fn new(preset: &str, rules: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Self::build(preset, rules)
    }

    /// Normalize `x`: a str, a sequence of str/None, or an Arrow string column.
    #[pyo3(signature = (x, return_offsets = false))]
    fn normalize<'py>(&self, x: &Bound<'py, PyAny>, return_offsets: bool) -> PyResult<Bound<'py, PyAny>> {
        if return_offsets {
            return self.with_offsets(x);
        }
        let py = x.py();
        let n = Arc::clone(&self.inner);
        match Texts::extract(x, "x")? {
            Texts::One(s) => {
                let text = borrow_one(&s)?;
                match detach(py, || n.normalize(text))? {
                    // Unchanged: hand back the very same object.
                    Cow::Borrowed(_) => Ok(s.into_any()),
                    Cow::Owned(out) => Ok(PyString::new(py, &out).into_any()),
                }
            }
            Texts::Rows(items) => Ok(normalize_rows(py, &n, &items)?.into_any()),
            Texts::Arrow(a) => {
                let shrinks = !n.can_grow();
                map_text_column(py, ArrowInput::new(a, "x")?, |t, out| n.normalize_into(t, out), shrinks, "x")
            }
        }
    }

    /// The active rules in words, one line each.
    fn describe(&self) -> Vec<String> {
        self.inner.describe()
    }

    /// The preset this normalizer started from.
    #[getter]
    fn preset(&self) -> &'static str {
        self.inner.options().preset_name()
    }

    /// Every rule with its value.
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (rule, v) in self.inner.options().rule_values() {
            d.set_item(rule.name, value_to_py(py, v)?)?;
        }
        Ok(d)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let restore = py.import("khabar._khabar")?.getattr("_restore_normalizer")?;
        let me = slf.get();
        let args = (me.preset(), me.rules(py)?);
        PyTuple::new(py, [restore, args.into_pyobject(py)?.into_any()])
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyNormalizer>()
            .is_ok_and(|o| o.get().inner.options() == self.inner.options())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.options().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let opts = self.inner.options();
        let base = NormalizeOptions::preset(opts.preset_name()).expect("preset of live options");
        let mut parts = vec![format!("preset={:?}", opts.preset_name())];
        for ((rule, v), (_, was)) in opts.rule_values().zip(base.rule_values()) {
            if v != was {
                let shown = match v {
                    Value::Bool(true) => "True".to_string(),
                    Value::Bool(false) => "False".to_string(),
                    Value::Choice(c) => format!("{c:?}"),
                    Value::Count(n) => n.to_string(),
                };
                parts.push(format!("{}={shown}", rule.name));
            }
        }
        format!("Normalizer({})", parts.join(", "))
    }
}

/// Rebuild a pickled Normalizer.
#[pyfunction]
pub fn _restore_normalizer(preset: &str, rules: &Bound<'_, PyDict>) -> PyResult<PyNormalizer> {
    PyNormalizer::build(preset, Some(rules))
}

/// `(name, group, description, kind, choices)` of every rule.
#[pyfunction]
pub fn rules() -> Vec<(&'static str, &'static str, &'static str, &'static str, Vec<&'static str>)> {
    RULES
        .iter()
        .map(|r| {
            let (kind, choices) = match r.kind {
                ValueKind::Bool => ("bool", vec![]),
                ValueKind::Choice(c) => ("choice", c.to_vec()),
                ValueKind::Count => ("count", vec![]),
            };
            (r.name, r.group, r.description, kind, choices)
        })
        .collect()
}

/// `(name, description, {rule: value})` of every preset.
#[pyfunction]
pub fn presets<'py>(py: Python<'py>) -> PyResult<Vec<(&'static str, &'static str, Bound<'py, PyDict>)>> {
    PRESETS
        .iter()
        .map(|p| {
            let d = PyDict::new(py);
            for (name, v) in p.rules {
                d.set_item(*name, value_to_py(py, *v)?)?;
            }
            Ok((p.name, p.description, d))
        })
        .collect()
}

/// The normalizer a function was given: `None`, a preset name, a `khabar.Normalizer` or the
/// compiled one inside it. `TypeError`/`ValueError` name the `normalizer` argument.
pub fn normalizer_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Arc<Normalizer>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(name) = obj.cast::<PyString>() {
        let opts = NormalizeOptions::preset(name.to_str()?).map_err(|e| value_error(format!("normalizer: {e}")))?;
        return Ok(Some(Arc::new(Normalizer::new(opts))));
    }
    let core = match obj.cast::<PyNormalizer>() {
        Ok(n) => n.clone(),
        // `khabar.Normalizer` keeps the compiled normalizer in `_core`.
        Err(_) => match obj.getattr("_core").ok().and_then(|c| c.cast_into::<PyNormalizer>().ok()) {
            Some(n) => n,
            None => {
                let found = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                return Err(type_error(format!(
                    "normalizer: expected None, a preset name or a khabar.Normalizer, got {found}"
                )));
            }
        },
    };
    Ok(Some(Arc::clone(&core.get().inner)))
}
