//! `khabar._khabar.repair`, `repair_report` and `repair_table`: conversions only; the work is
//! [`crate::repair`].
//!
//! A row with nothing to repair comes back as the very object it was (the same `str`), so a
//! clean column costs one quick scan per row and no new strings.

use super::columns::{map_text_column, record_table};
use super::errors::detach;
use super::rows::{map_each, map_list};
use super::texts::{borrow_one, ArrowInput, Texts};
use crate::repair::table::{repair_to_batches, schema};
use crate::repair::{repair as repair_text, Repaired};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// Repaired text: str -> str (the same object when clean), rows -> list, Arrow -> Arrow.
#[pyfunction]
pub fn repair<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            Ok(match detach(py, || repair_text(text))? {
                None => s.into_any(),
                Some(r) => PyString::new(py, &r.text).into_any(),
            })
        }
        Texts::Rows(items) => {
            let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<String>> {
                rows.iter().map(|r| r.and_then(repair_text).map(|r| r.text)).collect()
            };
            let list = map_list(py, &items, work, |part, items, out| {
                for (item, fixed) in items.iter().zip(part) {
                    out.push(match fixed {
                        None => item.clone(),
                        Some(t) => PyString::new(py, &t).into_any(),
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(a) => map_text_column(
            py,
            ArrowInput::new(a, "x")?,
            |t, out| match repair_text(t) {
                Some(r) => out.extend_from_slice(r.text.as_bytes()),
                None => out.extend_from_slice(t.as_bytes()),
            },
            false,
            "x",
        ),
    }
}

/// A report dict for one row: text, changed, chain, confidence, restored, spans.
fn report<'py>(py: Python<'py>, input: &Bound<'py, PyAny>, r: Option<Repaired>) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    match r {
        None => {
            d.set_item("text", input)?;
            d.set_item("changed", false)?;
            d.set_item("chain", PyList::empty(py))?;
            d.set_item("confidence", py.None())?;
            d.set_item("restored", 0)?;
            d.set_item("spans", PyList::empty(py))?;
        }
        Some(r) => {
            d.set_item("text", &r.text)?;
            d.set_item("changed", true)?;
            d.set_item("chain", r.chains())?;
            d.set_item("confidence", r.confidence())?;
            d.set_item("restored", r.restored())?;
            let spans: Vec<(usize, usize)> = r.fixes.iter().map(|f| (f.start, f.end)).collect();
            d.set_item("spans", spans)?;
        }
    }
    Ok(d.into_any())
}

/// What repair did: str -> dict; rows -> list of dicts (a missing row stays as it was).
#[pyfunction]
pub fn repair_report<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    map_each(x, repair_text, report, "repair_table")
}

/// Repair reports of `x` (one str, rows or an Arrow column) as an Arrow table, one row per
/// input row (see [`crate::repair::table`]).
#[pyfunction]
pub fn repair_table(x: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyTable> {
    record_table(x, |n, row| repair_to_batches(n, row), schema(), "repair table")
}
