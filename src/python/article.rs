//! `khabar._khabar.parse`: articles as plain Python dicts (the Python layer wraps them).

use super::errors::detach;
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
                all.extend(detach(py, || map_rows(col.len(), |i| col.get(i), parse_text))?);
            }
            articles_to_list(py, &all)
        }
    }
}
