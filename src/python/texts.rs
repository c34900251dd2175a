//! The batch calling convention: one `str`, a sequence of `str | None`, or an Arrow column.
//!
//! [`Texts`] is what every text function accepts. Rows of a Python sequence are borrowed as
//! `&str` (CPython caches the UTF-8 inside each `str`), so nothing is copied before the core
//! runs; Arrow columns arrive zero-copy through the PyCapsule interface ([`ArrowInput`]).
//! Missing rows (None, float NaN, pandas NA) stay missing, and the very same missing object is
//! handed back.

use super::errors::{row_type_error, row_value_error, type_error, value_error};
use crate::batch::arrow::{is_text_type, StrColumn};
use crate::batch::Detach;
use arrow_array::ArrayRef;
use arrow_schema::{DataType, FieldRef};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple};
use pyo3_arrow::input::AnyArray;

/// What a text function was called with.
pub enum Texts<'py> {
    /// A single string.
    One(Bound<'py, PyString>),
    /// A list, tuple or other iterable of rows; `items` are the original objects.
    Rows(Vec<Bound<'py, PyAny>>),
    /// Anything speaking the Arrow PyCapsule interface.
    Arrow(AnyArray),
}

impl<'py> Texts<'py> {
    /// Sort `x` into one of the accepted shapes, or raise `TypeError` naming `arg`.
    pub fn extract(x: &Bound<'py, PyAny>, arg: &str) -> PyResult<Self> {
        let py = x.py();
        if let Ok(s) = x.cast::<PyString>() {
            return Ok(Texts::One(s.clone()));
        }
        if x.hasattr(pyo3::intern!(py, "__arrow_c_array__"))?
            || x.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))?
        {
            return x.extract::<AnyArray>().map(Texts::Arrow).map_err(|e| {
                type_error(format!("{arg}: could not read the Arrow column: {e}"))
            });
        }
        if let Ok(list) = x.cast::<PyList>() {
            return Ok(Texts::Rows(list.iter().collect()));
        }
        if let Ok(tuple) = x.cast::<PyTuple>() {
            return Ok(Texts::Rows(tuple.iter().collect()));
        }
        if x.is_instance_of::<PyBytes>() || x.is_instance_of::<PyDict>() {
            return Err(unsupported(x, arg));
        }
        match x.try_iter() {
            Ok(it) => Ok(Texts::Rows(it.collect::<PyResult<_>>()?)),
            Err(_) => Err(unsupported(x, arg)),
        }
    }
}

fn unsupported(x: &Bound<'_, PyAny>, arg: &str) -> PyErr {
    let found = x.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    let hint = if x.is_instance_of::<PyBytes>() { " (decode bytes to str first)" } else { "" };
    type_error(format!(
        "{arg}: expected str, a sequence of str/None, a pandas or polars Series, or an Arrow \
         string array; got {found}{hint}"
    ))
}

/// Whether a row object stands for a missing value: None, a float NaN, or pandas' NA/NaT.
pub fn is_missing(item: &Bound<'_, PyAny>) -> bool {
    if item.is_none() {
        return true;
    }
    if let Ok(f) = item.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // pandas.NA and pandas.NaT, recognised by type name so pandas need not be imported.
    matches!(
        item.get_type().name().ok().as_ref().and_then(|n| n.to_str().ok()),
        Some("NAType" | "NaTType")
    )
}

/// Borrow every row as `&str` (`None` for missing rows); `TypeError`/`ValueError` name the row.
pub fn borrow_rows<'a>(items: &'a [Bound<'_, PyAny>]) -> PyResult<Vec<Option<&'a str>>> {
    items.iter().enumerate().map(|(i, item)| borrow_row(i, item)).collect()
}

/// Borrow row `i` as `&str` (`None` when missing); `TypeError`/`ValueError` name the row.
pub fn borrow_row<'a>(i: usize, item: &'a Bound<'_, PyAny>) -> PyResult<Option<&'a str>> {
    if let Ok(s) = item.cast::<PyString>() {
        return s.to_str().map(Some).map_err(|e| {
            row_value_error(i, format!(
                "row {i}: the string cannot be encoded as UTF-8 (it holds a lone \
                 surrogate): {e}"
            ))
        });
    }
    if is_missing(item) {
        return Ok(None);
    }
    let found = item.get_type().name().map(|n| n.to_string()).unwrap_or_default();
    Err(row_type_error(i, format!("row {i}: expected str or None, got {found}")))
}

/// Borrow a single `str`, as a `ValueError` when it holds lone surrogates.
pub fn borrow_one<'a>(s: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    s.to_str().map_err(|e| {
        value_error(format!(
            "the string cannot be encoded as UTF-8 (it holds a lone surrogate): {e}"
        ))
    })
}

/// An Arrow column as it arrived: one array, or the chunks of a stream.
pub struct ArrowInput {
    /// The arrays (one for an array input).
    pub chunks: Vec<ArrayRef>,
    /// The input's field (its name is kept on the output).
    pub field: FieldRef,
    /// Whether the input was a stream (chunked array, pandas or polars Series): the output is
    /// then a chunked array too.
    pub stream: bool,
}

impl ArrowInput {
    /// Take an Arrow input apart; `TypeError` naming `arg` when it is not a string column.
    pub fn new(input: AnyArray, arg: &str) -> PyResult<Self> {
        let (chunks, field, stream) = match input {
            AnyArray::Array(a) => {
                let (array, field) = a.into_inner();
                (vec![array], field, false)
            }
            AnyArray::Stream(s) => {
                let (chunks, field) = s.into_chunked_array().map_err(PyErr::from)?.into_inner();
                (chunks, field, true)
            }
        };
        if !is_text_type(field.data_type()) {
            return Err(not_text(arg, field.data_type()));
        }
        Ok(ArrowInput { chunks, field, stream })
    }

    /// Every chunk viewed as rows of text.
    pub fn columns(&self, arg: &str) -> PyResult<Vec<StrColumn<'_>>> {
        StrColumn::all(&self.chunks).map_err(|t| not_text(arg, &t))
    }

    /// Whether the input has 64-bit offsets (outputs keep them).
    pub fn is_large(&self) -> bool {
        matches!(self.field.data_type(), DataType::LargeUtf8)
    }
}

fn not_text(arg: &str, found: &DataType) -> PyErr {
    type_error(format!(
        "{arg}: expected an Arrow string column (string, large_string or string_view), got {found}"
    ))
}

/// Waits of the batch engine's calling thread run with the GIL released.
pub struct ReleaseGil<'py>(pub Python<'py>);

impl Detach for ReleaseGil<'_> {
    fn detach<T: Send, F: FnOnce() -> T + Send>(&self, f: F) -> T {
        self.0.detach(f)
    }
}
