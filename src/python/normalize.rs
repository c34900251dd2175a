//! `khabar._khabar.Normalizer`: the compiled rule table, callable on any batch shape.

use super::columns::map_arrow;
use super::errors::{detach, type_error, value_error};
use super::texts::{borrow_one, borrow_rows, Texts};
use crate::batch::map_rows;
use crate::normalize::{NormalizeOptions, Normalizer, OptionsError, PRESETS, RULES};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};
use std::borrow::Cow;
use std::sync::Arc;

fn options_error(e: OptionsError) -> PyErr {
    match e {
        OptionsError::UnknownRule(_) => type_error(e.to_string()),
        OptionsError::UnknownPreset(_) => value_error(e.to_string()),
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
                let on = v.cast::<PyBool>().map_err(|_| {
                    let found = v.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                    type_error(format!("rule {name}: expected True or False, got {found}"))
                })?;
                opts.set(&name, on.is_true()).map_err(options_error)?;
            }
        }
        Ok(PyNormalizer { inner: Arc::new(Normalizer::new(opts)) })
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (preset = "ml_clean", **rules))]
    fn new(preset: &str, rules: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Self::build(preset, rules)
    }

    /// Normalize `x`: a str, a sequence of str/None, or an Arrow string column.
    fn normalize<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
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
            Texts::Rows(items) => {
                let rows = borrow_rows(&items)?;
                let out = detach(py, || map_rows(rows.len(), |i| rows[i], |t| n.normalize(t)))?;
                let list = PyList::empty(py);
                for (item, o) in items.iter().zip(out) {
                    match o {
                        None | Some(Cow::Borrowed(_)) => list.append(item)?,
                        Some(Cow::Owned(s)) => list.append(PyString::new(py, &s))?,
                    }
                }
                Ok(list.into_any())
            }
            Texts::Arrow(a) => map_arrow(py, a, |t, out| n.normalize_into(t, out), "x"),
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

    /// Every rule with whether it is on.
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, on) in self.inner.options().rule_states() {
            d.set_item(name, on)?;
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
        for ((name, on), (_, was)) in opts.rule_states().zip(base.rule_states()) {
            if on != was {
                parts.push(format!("{name}={}", if on { "True" } else { "False" }));
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

/// `(name, description)` of every rule.
#[pyfunction]
pub fn rules() -> Vec<(&'static str, &'static str)> {
    RULES.iter().map(|r| (r.name, r.description)).collect()
}

/// `(name, description, rules)` of every preset.
#[pyfunction]
pub fn presets() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    PRESETS.iter().map(|p| (p.name, p.description, p.rules.to_vec())).collect()
}
