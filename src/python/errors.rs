//! Mapping core errors and panics to khabar's Python exceptions.
//!
//! The exception classes live in Python (`khabar/_errors.py`) so they can inherit from both
//! `KhabarError` and the built-in `TypeError`/`ValueError`/`RuntimeError`; this module looks
//! them up once and raises them.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use std::panic::{catch_unwind, AssertUnwindSafe};

static TYPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static VALUE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INTERNAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn raise(
    py: Python<'_>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    msg: String,
    row: Option<usize>,
) -> PyErr {
    let cls = match cell.import(py, "khabar._errors", name) {
        Ok(cls) => cls.clone(),
        // Only when the package is broken; still never lose the message.
        Err(_) => return PyRuntimeError::new_err(msg),
    };
    let err = PyErr::from_type(cls, msg);
    if let Some(row) = row {
        // The row position lets the pandas layer add the index label.
        let _ = err.value(py).setattr("row", row);
    }
    err
}

/// `khabar.KhabarTypeError` (a `TypeError`).
pub fn type_error(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &TYPE_ERROR, "KhabarTypeError", msg.into(), None))
}

/// `khabar.KhabarTypeError` about row `row` of a batch.
pub fn row_type_error(row: usize, msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &TYPE_ERROR, "KhabarTypeError", msg.into(), Some(row)))
}

/// `khabar.KhabarValueError` about row `row` of a batch.
pub fn row_value_error(row: usize, msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &VALUE_ERROR, "KhabarValueError", msg.into(), Some(row)))
}

/// `khabar.KhabarValueError` (a `ValueError`).
pub fn value_error(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &VALUE_ERROR, "KhabarValueError", msg.into(), None))
}

/// `khabar.KhabarInternalError` (a `RuntimeError`): a bug in khabar, reported, never an abort.
pub fn internal_error(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, &INTERNAL_ERROR, "KhabarInternalError", msg.into(), None))
}

/// Run `f` without the GIL; a panic inside it (or in any rayon worker it started) becomes
/// `KhabarInternalError` instead of unwinding into the interpreter.
pub fn detach<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    py.detach(|| catch_unwind(AssertUnwindSafe(f))).map_err(panic_error)
}

/// `KhabarInternalError` for a caught panic.
pub fn panic_error(payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    internal_error(format!("khabar hit an internal error (please report it): {what}"))
}
