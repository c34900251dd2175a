//! `khabar._khabar.parse`: articles as plain Python dicts (the Python layer wraps them), and
//! `khabar._khabar.parse_table`: a column of articles as one Arrow table
//! ([`super::article_table`]).

use super::article_table::{parse_to_batches, schema};
use super::errors::{detach, internal_error};
use super::texts::{borrow_one, borrow_rows, StrColumn, Texts};
use crate::article::{parse_text, Article};
use crate::batch::map_rows;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

/// A JSON value as Python objects.
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, to_py(py, item)?)?;
            }
            d.into_any()
        }
    })
}

fn article_to_py<'py>(py: Python<'py>, a: &Article) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(a)
        .map_err(|e| super::errors::internal_error(format!("article did not serialize: {e}")))?;
    to_py(py, &v)
}

fn articles_to_list<'py>(py: Python<'py>, out: &[Option<Article>]) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::empty(py);
    for a in out {
        match a {
            Some(a) => list.append(article_to_py(py, a)?)?,
            None => list.append(py.None())?,
        }
    }
    Ok(list.into_any())
}

/// Parse `x`: one str -> dict; rows or an Arrow column -> list of dict | None.
#[pyfunction]
pub fn parse<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let a = detach(py, || parse_text(text))?;
            article_to_py(py, &a)
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            let out = detach(py, || map_rows(rows.len(), |i| rows[i], parse_text))?;
            articles_to_list(py, &out)
        }
        Texts::Arrow(a) => {
            let chunks = a.into_chunked_array().map_err(PyErr::from)?;
            let mut all = Vec::new();
            for chunk in chunks.chunks() {
                let col = StrColumn::new(chunk, "x")?;
                all.extend(detach(py, || {
                    map_rows(col.len(), |i| col.get(i), parse_text)
                })?);
            }
            articles_to_list(py, &all)
        }
    }
}

/// Parse `x` (one str, rows or an Arrow column) into an Arrow table with one row per input
/// row; a missing row is a row of nulls. Returned as an object speaking the Arrow PyCapsule
/// stream interface (`pyarrow.table(t)`, `polars.DataFrame(t)`).
#[pyfunction]
pub fn parse_table(x: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyTable> {
    let py = x.py();
    let arrow_error = |e: arrow_schema::ArrowError| internal_error(format!("article table: {e}"));
    let batches = match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            detach(py, || parse_to_batches(1, |_| Some(text)))?.map_err(arrow_error)?
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            detach(py, || parse_to_batches(rows.len(), |i| rows[i]))?.map_err(arrow_error)?
        }
        Texts::Arrow(a) => {
            let chunks = a.into_chunked_array().map_err(PyErr::from)?;
            let mut all = Vec::new();
            for chunk in chunks.chunks() {
                let col = StrColumn::new(chunk, "x")?;
                all.extend(
                    detach(py, || parse_to_batches(col.len(), |i| col.get(i)))?
                        .map_err(arrow_error)?,
                );
            }
            all
        }
    };
    pyo3_arrow::PyTable::try_new(batches, schema().map_err(arrow_error)?)
}
