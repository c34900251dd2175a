//! Running a string -> string function over an Arrow column and building the output column.
//!
//! Outputs are written by [`crate::batch::map_to_chunks`] into Arrow-layout buffers that become
//! Arrow arrays without another copy; the input's null bitmap is reused as it is. An `Array`
//! input gives one `Array` back (chunks joined with one parallel copy); a stream (chunked
//! array, pandas or polars Series) gives a chunked array back and skips even that copy.

use super::errors::{detach, value_error};
use super::texts::StrColumn;
use crate::batch::{concat_chunks, map_in_place, map_to_chunks, Offset, StringChunk};
use arrow_array::{ArrayRef, GenericStringArray, OffsetSizeTrait};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, FieldRef};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray};
use std::sync::Arc;

/// Build a string array from buffers the core wrote.
fn string_array<O: OffsetSizeTrait + Offset>(
    chunk: StringChunk<O>,
    nulls: Option<NullBuffer>,
) -> ArrayRef {
    let offsets = OffsetBuffer::new(ScalarBuffer::from(chunk.offsets));
    // SAFETY: every row was appended by a writer producing `str` data, so the values are
    // valid UTF-8 at every offset; skipping arrow's re-validation saves a full pass.
    Arc::new(unsafe {
        GenericStringArray::<O>::new_unchecked(offsets, Buffer::from_vec(chunk.values), nulls)
    })
}

fn map_column<O, W>(col: &StrColumn<'_>, write: &W, joined: bool, shrinks: bool) -> PyResult<Vec<ArrayRef>>
where
    O: OffsetSizeTrait + Offset,
    W: Fn(&str, &mut Vec<u8>) + Sync,
{
    if joined && shrinks {
        // Output never longer than input: one buffer, no second copy of the column.
        let one: StringChunk<O> = map_in_place(col.len(), |i| col.get(i), write, |s, e| col.byte_len(s, e))
            .map_err(|e| value_error(e.to_string()))?;
        return Ok(vec![string_array(one, col.nulls())]);
    }
    let chunks: Vec<StringChunk<O>> =
        map_to_chunks(col.len(), |i| col.get(i), write, |s, e| col.byte_len(s, e))
            .map_err(|e| value_error(e.to_string()))?;
    let nulls = col.nulls();
    if joined {
        return Ok(vec![match concat_chunks::<O, O>(&chunks) {
            Ok(one) => string_array(one, nulls),
            // A `string` column that grew past 2 GiB comes back as `large_string`.
            Err(_) => string_array(
                concat_chunks::<O, i64>(&chunks).map_err(|e| value_error(e.to_string()))?,
                nulls,
            ),
        }]);
    }
    let mut start = 0;
    Ok(chunks
        .into_iter()
        .map(|c| {
            let len = c.len();
            let part = nulls.as_ref().map(|n| n.slice(start, len));
            start += len;
            string_array(c, part)
        })
        .collect())
}

fn map_array<W>(array: &ArrayRef, write: &W, joined: bool, shrinks: bool, arg: &str) -> PyResult<Vec<ArrayRef>>
where
    W: Fn(&str, &mut Vec<u8>) + Sync,
{
    let col = StrColumn::new(array, arg)?;
    if col.is_large() {
        map_column::<i64, W>(&col, write, joined, shrinks)
    } else {
        map_column::<i32, W>(&col, write, joined, shrinks)
    }
}

fn output_field(input: &FieldRef, arrays: &[ArrayRef]) -> FieldRef {
    let dtype = arrays.first().map_or(DataType::Utf8, |a| a.data_type().clone());
    Arc::new(Field::new(input.name(), dtype, true))
}

/// Apply `write` to every row of an Arrow column, without the GIL; Arrow object back.
/// `shrinks` promises that `write` never outputs more bytes than its row has (the column is
/// then written in place).
pub fn map_arrow<'py, W>(
    py: Python<'py>,
    input: AnyArray,
    write: W,
    shrinks: bool,
    arg: &str,
) -> PyResult<Bound<'py, PyAny>>
where
    W: Fn(&str, &mut Vec<u8>) + Sync + Send,
{
    match input {
        AnyArray::Array(a) => {
            let (array, field) = a.into_inner();
            let out = detach(py, || map_array(&array, &write, true, shrinks, arg))??;
            let field = output_field(&field, &out);
            let one = out.into_iter().next().expect("a joined column is one array");
            Ok(Bound::new(py, PyArray::try_new(one, field).map_err(|e| value_error(e.to_string()))?)?
                .into_any())
        }
        AnyArray::Stream(stream) => {
            let chunked = stream.into_chunked_array().map_err(PyErr::from)?;
            let (chunks, field) = chunked.into_inner();
            let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
                let mut out = Vec::new();
                for c in &chunks {
                    out.extend(map_array(c, &write, false, shrinks, arg)?);
                }
                Ok(out)
            })??;
            let field = if chunks.is_empty() {
                Arc::new(Field::new(field.name(), field.data_type().clone(), true))
            } else {
                output_field(&field, &out)
            };
            Ok(Bound::new(py, PyChunkedArray::try_new(out, field)?)?.into_any())
        }
    }
}
