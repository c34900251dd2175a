//! `khabar._khabar.quality`, `quality_table`, `quality_filter` and `quality_filter_table`:
//! conversions only; the work is [`crate::quality`].

use super::columns::record_table;
use super::errors::{type_error, value_error};
use super::rows::map_each;
use crate::quality::filter::{decide, Preset, Settings, RULES};
use crate::quality::table::{decisions_schema, decisions_to_batches, signals_schema, signals_to_batches, value, Value, SIGNAL_COLUMNS};
use crate::quality::{signals, Signals};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

fn signals_dict<'py>(py: Python<'py>, s: &Signals) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    for (i, name) in SIGNAL_COLUMNS.iter().enumerate() {
        match value(s, i) {
            Value::Count(n) => d.set_item(*name, n)?,
            Value::Ratio(x) => d.set_item(*name, x)?,
            Value::Flag(b) => d.set_item(*name, b)?,
        }
    }
    Ok(d.into_any())
}

fn decision_dict<'py>(py: Python<'py>, reason: Option<String>) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item("keep", reason.is_none())?;
    d.set_item("reason", reason)?;
    Ok(d.into_any())
}

/// Quality signals: str -> dict; rows -> list of dicts.
#[pyfunction]
pub fn quality<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    map_each(x, signals, |py, _, s| signals_dict(py, &s), "quality_table")
}

/// Quality signals of a str, rows or an Arrow column as an Arrow table.
#[pyfunction]
pub fn quality_table(x: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyTable> {
    record_table(x, |n, row| signals_to_batches(n, row), signals_schema(), "quality table")
}

/// The filter settings from a preset name and `{rule: threshold | None}` overrides.
fn settings(preset: &str, thresholds: Option<&Bound<'_, PyDict>>) -> PyResult<Settings> {
    let mut s = Preset::named(preset)
        .ok_or_else(|| value_error(format!("unknown preset {preset:?}; expected one of {:?}", Preset::NAMES)))?
        .settings();
    let Some(t) = thresholds else { return Ok(s) };
    for (k, v) in t.iter() {
        let key: String = k.extract()?;
        if key == "stopwords" {
            s.stopwords = v.extract().map_err(|_| type_error("stopwords: expected a list of str"))?;
            continue;
        }
        let Some(i) = RULES.iter().position(|(name, _)| *name == key) else {
            let names: Vec<&str> = RULES.iter().map(|r| r.0).chain(["stopwords"]).collect();
            return Err(type_error(format!("unknown threshold {key:?}; expected one of {names:?}")));
        };
        s.thresholds[i] = if v.is_none() {
            None
        } else {
            let x: f64 = v.extract().map_err(|_| type_error(format!("{key}: expected a number or None")))?;
            if !x.is_finite() {
                return Err(value_error(format!("{key}: expected a finite number, got {x}")));
            }
            Some(x)
        };
    }
    Ok(s)
}

/// Keep or drop: str -> {"keep", "reason"}; rows -> list of them.
#[pyfunction]
#[pyo3(signature = (x, preset="fineweb2_arb", thresholds=None))]
pub fn quality_filter<'py>(x: &Bound<'py, PyAny>, preset: &str, thresholds: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
    let s = settings(preset, thresholds)?;
    map_each(x, |t| decide(t, &s), |py, _, r| decision_dict(py, r), "quality_filter_table")
}

/// Keep/drop decisions of a str, rows or an Arrow column as an Arrow table (`keep`, `reason`).
#[pyfunction]
#[pyo3(signature = (x, preset="fineweb2_arb", thresholds=None))]
pub fn quality_filter_table(x: &Bound<'_, PyAny>, preset: &str, thresholds: Option<&Bound<'_, PyDict>>) -> PyResult<pyo3_arrow::PyTable> {
    let s = settings(preset, thresholds)?;
    record_table(x, |n, row| decisions_to_batches(n, row, &s), decisions_schema(), "quality table")
}

/// The names of the filter's thresholds, in the order the rules run.
#[pyfunction]
pub fn quality_rules<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, RULES.iter().map(|r| r.0))
}
