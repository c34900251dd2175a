//! The batch calling convention: one `str`, a sequence of `str | None`, or an Arrow column.
//!
//! [`Texts`] is what every text function accepts. Rows of a Python sequence are borrowed as
//! `&str` (CPython caches the UTF-8 inside each `str`), so nothing is copied before the core
//! runs; Arrow columns arrive zero-copy through the PyCapsule interface. Missing rows (None,
//! float NaN, pandas NA) stay missing, and the very same missing object is handed back.

use super::errors::{row_type_error, row_value_error, type_error, value_error};
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;
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

/// A borrowed Arrow string column of any of the three string layouts.
pub enum StrColumn<'a> {
    /// `string` (i32 offsets).
    Utf8(&'a StringArray),
    /// `large_string` (i64 offsets).
    LargeUtf8(&'a LargeStringArray),
    /// `string_view`.
    View(&'a StringViewArray),
    /// The `null` type: every row missing.
    AllNull(usize),
}

impl<'a> StrColumn<'a> {
    /// View `array` as strings, or say what it is instead.
    pub fn new(array: &'a ArrayRef, arg: &str) -> PyResult<Self> {
        let any = array.as_any();
        Ok(match array.data_type() {
            DataType::Utf8 => StrColumn::Utf8(any.downcast_ref().expect("type checked")),
            DataType::LargeUtf8 => StrColumn::LargeUtf8(any.downcast_ref().expect("type checked")),
            DataType::Utf8View => StrColumn::View(any.downcast_ref().expect("type checked")),
            DataType::Null => StrColumn::AllNull(array.len()),
            other => {
                return Err(type_error(format!(
                    "{arg}: expected an Arrow string column (string, large_string or \
                     string_view), got {other}"
                )))
            }
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            StrColumn::Utf8(a) => a.len(),
            StrColumn::LargeUtf8(a) => a.len(),
            StrColumn::View(a) => a.len(),
            StrColumn::AllNull(n) => *n,
        }
    }

    /// Row `i`, `None` when null.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrColumn::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::View(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::AllNull(_) => None,
        }
    }

    /// The null bitmap, to hand to the output as it is.
    pub fn nulls(&self) -> Option<NullBuffer> {
        match self {
            StrColumn::Utf8(a) => a.nulls().cloned(),
            StrColumn::LargeUtf8(a) => a.nulls().cloned(),
            StrColumn::View(a) => a.nulls().cloned(),
            StrColumn::AllNull(n) => Some(NullBuffer::new_null(*n)),
        }
    }

    /// Bytes of text in rows `[start, end)`, to size output buffers once.
    pub fn byte_len(&self, start: usize, end: usize) -> usize {
        match self {
            StrColumn::Utf8(a) => {
                let o = a.value_offsets();
                (o[end] - o[start]) as usize
            }
            StrColumn::LargeUtf8(a) => {
                let o = a.value_offsets();
                (o[end] - o[start]) as usize
            }
            StrColumn::View(a) => a.views()[start..end].iter().map(|v| *v as u32 as usize).sum(),
            StrColumn::AllNull(_) => 0,
        }
    }

    /// Whether the output should use 64-bit offsets.
    pub fn is_large(&self) -> bool {
        matches!(self, StrColumn::LargeUtf8(_))
    }
}
