//! The rows of a Python sequence through the batch engine's ordered-rows pipeline
//! ([`crate::batch::ordered_rows`]): rows are borrowed as UTF-8 on this thread, computed in
//! batches on the pool with the GIL released, and turned into Python objects here, in row
//! order, while later batches are still being computed.

use super::errors::{detach, panic_error, type_error};
use super::texts::{borrow_one, borrow_row, ReleaseGil, Texts};
use crate::batch::ordered_rows;
use pyo3::prelude::*;
use pyo3::types::PyList;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A new `str` from UTF-8 bytes (CPython checks them while decoding).
pub fn new_str<'py>(py: Python<'py>, utf8: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: a pointer and length of live bytes; the result is a new reference or NULL with
    // an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            pyo3::ffi::PyUnicode_FromStringAndSize(utf8.as_ptr().cast(), utf8.len() as pyo3::ffi::Py_ssize_t),
        )
    }
}

/// Run `work` over `items` (rows `str | None`) and build one result per row with `emit`.
///
/// `work(first, rows)` computes the part of the batch whose first row is `first`, without the
/// GIL (a missing row is `None`);
/// `emit(part, items, out)` pushes one object per row of the batch (`items` are the batch's
/// own objects, to hand a missing or unchanged row back as it is). A wrong row type or a
/// lone surrogate raises, naming the row; a panic becomes `KhabarInternalError`.
pub fn map_list<'py, P, Wk, Em>(py: Python<'py>, items: &[Bound<'py, PyAny>], work: Wk, mut emit: Em) -> PyResult<Bound<'py, PyList>>
where
    P: Send,
    Wk: Fn(usize, &[Option<&str>]) -> P + Sync,
    Em: FnMut(P, &[Bound<'py, PyAny>], &mut Vec<Bound<'py, PyAny>>) -> PyResult<()>,
{
    let mut out: Vec<Bound<'py, PyAny>> = Vec::with_capacity(items.len());
    for_rows(py, items, work, |first, n, part| emit(part, &items[first..first + n], &mut out))?;
    debug_assert_eq!(out.len(), items.len());
    PyList::new(py, out)
}

/// Run `work` over `items` as [`map_list`] does, handing each batch's part to `emit(first,
/// rows, part)` in row order, for results that are not one Python object per row.
pub fn for_rows<'py, P, Wk, Em>(py: Python<'py>, items: &[Bound<'py, PyAny>], work: Wk, mut emit: Em) -> PyResult<()>
where
    P: Send,
    Wk: Fn(usize, &[Option<&str>]) -> P + Sync,
    Em: FnMut(usize, usize, P) -> PyResult<()>,
{
    let run = || {
        ordered_rows(
            items.len(),
            &ReleaseGil(py),
            |i| borrow_row(i, &items[i]),
            |first, rows| (first, rows.len(), work(first, rows)),
            |(first, n, part)| emit(first, n, part),
        )
    };
    catch_unwind(AssertUnwindSafe(run)).map_err(panic_error)?
}

/// `f` of a `str`, or of every row of a sequence (a missing row kept as it is), without the
/// GIL; `to_py` makes each result a Python object (given the row's own object too). An Arrow
/// column is refused, naming `table_name`, the function that takes one.
pub fn map_each<'py, T: Send>(
    x: &Bound<'py, PyAny>,
    f: impl Fn(&str) -> T + Sync,
    to_py: impl Fn(Python<'py>, &Bound<'py, PyAny>, T) -> PyResult<Bound<'py, PyAny>>,
    table_name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let v = detach(py, || f(text))?;
            to_py(py, s.as_any(), v)
        }
        Texts::Rows(items) => {
            let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<T>> { rows.iter().map(|r| r.map(&f)).collect() };
            let list = map_list(py, &items, work, |part, items, out| {
                for (item, v) in items.iter().zip(part) {
                    out.push(match v {
                        None => item.clone(),
                        Some(v) => to_py(py, item, v)?,
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(_) => Err(type_error(format!("x: use {table_name} for an Arrow column"))),
    }
}
