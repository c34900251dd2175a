//! Arrow outputs handed back as the caller's kind of Arrow object: an `Array` for an array
//! input, a chunked array with the input's chunks for a stream (chunked array, pandas or polars
//! Series), the input's column name kept. The batch engine builds the arrays; this file only runs it without the
//! GIL and wraps what comes back.

use super::errors::{detach, internal_error, value_error};
use super::texts::{borrow_one, borrow_rows, ArrowInput, Texts};
use crate::batch::TextRows;
use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, SchemaRef};
use crate::batch::arrow::{map_lists, map_strings, ListError};
use crate::batch::{ItemFields, ListChunk, OffsetOverflow};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use pyo3::prelude::*;
use pyo3_arrow::{PyArray, PyChunkedArray};
use std::sync::Arc;

/// `ValueError` for a column whose output outgrew its offsets.
pub fn overflow_error(e: OffsetOverflow) -> PyErr {
    value_error(format!("{e} (or a row has more than 2**31 - 1 characters or items)"))
}

fn list_error(e: ListError) -> PyErr {
    match e {
        ListError::Overflow(e) => overflow_error(e),
        ListError::Arrow(e) => internal_error(format!("list column: {e}")),
    }
}

/// Wrap `out` (one array per input chunk or task) as the caller's kind of Arrow object;
/// `empty` is the output type when a stream had no chunks.
pub fn arrow_result<'py>(py: Python<'py>, input: &ArrowInput, out: Vec<ArrayRef>, empty: DataType) -> PyResult<Bound<'py, PyAny>> {
    if input.stream {
        let dtype = out.first().map_or(empty, |a| a.data_type().clone());
        let field = Arc::new(Field::new(input.field.name(), dtype, true));
        return Ok(Bound::new(py, PyChunkedArray::try_new(out, field)?)?.into_any());
    }
    let one = out.into_iter().next().expect("an array input gives one array");
    one_array(py, input.field.name(), one)
}

/// One array, its column named `name`, as a pyarrow-compatible `Array`.
pub fn one_array<'py>(py: Python<'py>, name: &str, array: ArrayRef) -> PyResult<Bound<'py, PyAny>> {
    let field = Arc::new(Field::new(name, array.data_type().clone(), true));
    Ok(Bound::new(py, PyArray::try_new(array, field).map_err(|e| internal_error(e.to_string()))?)?.into_any())
}

/// `write` (appends one row's output text) over an Arrow string column, without the GIL: one
/// output array per input array, so a chunked result has the input's chunks (as pyarrow's own
/// compute functions give, and as `datasets` writes a batch without joining pieces first).
/// `shrinks` promises that no output is longer than its row (one buffer, written in place).
pub fn map_text_column<'py, W>(py: Python<'py>, input: ArrowInput, write: W, shrinks: bool, arg: &str) -> PyResult<Bound<'py, PyAny>>
where
    W: Fn(&str, &mut Vec<u8>) + Sync + Send,
{
    let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
        let mut out = Vec::new();
        for col in input.columns(arg)? {
            out.extend(map_strings(&col, &write, true, shrinks).map_err(overflow_error)?);
        }
        Ok(out)
    })??;
    let empty = input.field.data_type().clone();
    arrow_result(py, &input, out, empty)
}

/// A list row writer over an Arrow string column, without the GIL: a list column back, one
/// array per input array.
pub fn map_list_column<'py, W32, W64>(
    py: Python<'py>,
    input: ArrowInput,
    write32: W32,
    write64: W64,
    fields: ItemFields,
    kinds: &[&str],
) -> PyResult<Bound<'py, PyAny>>
where
    W32: for<'t> Fn(&'t str, &mut ListChunk<i32>) -> Result<(), OffsetOverflow> + Sync + Send,
    W64: for<'t> Fn(&'t str, &mut ListChunk<i64>) -> Result<(), OffsetOverflow> + Sync + Send,
{
    let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
        let mut out = Vec::new();
        for col in input.columns("x")? {
            out.extend(map_lists(&col, &write32, &write64, fields, true, kinds).map_err(list_error)?);
        }
        Ok(out)
    })??;
    let empty = crate::batch::arrow::list_type(input.is_large(), fields);
    arrow_result(py, &input, out, empty)
}

/// An Arrow table of `x` (one str, rows or an Arrow column) from the record batches `batches`
/// builds for its rows, without the GIL; `what` names the table in errors.
pub fn record_table(
    x: &Bound<'_, PyAny>,
    batches: impl for<'r> Fn(usize, &(dyn Fn(usize) -> Option<&'r str> + Sync)) -> Result<Vec<RecordBatch>, ArrowError> + Sync,
    schema: Result<SchemaRef, ArrowError>,
    what: &str,
) -> PyResult<pyo3_arrow::PyTable> {
    let py = x.py();
    let arrow_error = |e: ArrowError| internal_error(format!("{what}: {e}"));
    let out = match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            detach(py, || batches(1, &|_| Some(text)))?.map_err(arrow_error)?
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            detach(py, || batches(rows.len(), &|i| rows[i]))?.map_err(arrow_error)?
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            detach(py, || -> PyResult<_> {
                let mut all = Vec::new();
                for col in input.columns("x")? {
                    all.extend(batches(col.len(), &|i| col.get(i)).map_err(arrow_error)?);
                }
                Ok(all)
            })??
        }
    };
    pyo3_arrow::PyTable::try_new(out, schema.map_err(arrow_error)?)
}
