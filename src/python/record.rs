//! `khabar.Record`: an immutable nested record with attribute and key access.
//!
//! The parts of an [`crate::Article`] (spans, authors, paragraphs, dates ...) reach Python as
//! records, built in one serde walk of the Rust value ([`to_records`], see [`super::pyserde`]):
//! structs become records, sequences tuples, maps dicts. The records of one struct share one
//! tuple of field names. A record is a read-only mapping
//! (`r.text` and `r["text"]` both work; `keys`, `values`, `items`, `get`, `in`, `len`, `==`
//! with another record or a dict); `to_dict()` gives plain dicts and lists back.

use super::pyserde::{to_python, Shape};
use pyo3::exceptions::{PyAttributeError, PyKeyError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString, PyTuple, PyType};
use serde::Serialize;

/// An immutable nested record.
#[pyclass(subclass, frozen, mapping, module = "khabar._khabar", name = "Record")]
pub struct Record {
    /// The field names, one tuple shared by every record of the same shape.
    keys: Py<PyTuple>,
    values: Vec<Py<PyAny>>,
}

impl Record {
    /// A record with no fields (the base of an `Article`, whose fields live in Rust).
    pub fn empty(py: Python<'_>) -> Self {
        Record { keys: PyTuple::empty(py).unbind(), values: Vec::new() }
    }

    /// A record of the field names `keys` (a tuple of `str`, shared) with `values`, in order.
    pub fn with_keys(keys: Bound<'_, PyTuple>, values: Vec<Bound<'_, PyAny>>) -> Self {
        debug_assert_eq!(keys.len(), values.len());
        Record { keys: keys.unbind(), values: values.into_iter().map(Bound::unbind).collect() }
    }

    fn key_list<'py>(&self, py: Python<'py>) -> &Bound<'py, PyTuple> {
        self.keys.bind(py)
    }

    fn position(&self, py: Python<'_>, key: &str) -> Option<usize> {
        self.key_list(py).iter().position(|k| k.cast::<PyString>().ok().and_then(|k| k.to_str().ok()) == Some(key))
    }
}

/// `value` as records and tuples (see the module docs).
pub fn to_records<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, value, Shape::Records)
}

/// `value` as plain dicts and lists.
pub fn to_plain<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, value, Shape::Plain)
}

/// A record or tuple tree as plain dicts and lists.
pub fn unwrap<'py>(v: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = v.py();
    if let Ok(r) = v.cast::<Record>() {
        if !v.is_exact_instance_of::<Record>() {
            // A subclass keeps its fields elsewhere (an Article) and knows its own plain form.
            return v.call_method0("to_dict");
        }
        let d = PyDict::new(py);
        for (k, x) in r.get().key_list(py).iter().zip(&r.get().values) {
            d.set_item(k, unwrap(x.bind(py))?)?;
        }
        return Ok(d.into_any());
    }
    if v.is_instance_of::<PyTuple>() || v.is_instance_of::<PyList>() {
        let items = v.try_iter()?.map(|x| unwrap(&x?)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(py, items)?.into_any());
    }
    Ok(v.clone())
}

/// Dicts inside `v` as records, lists as tuples (what `Record(mapping)` stores).
fn wrap<'py>(v: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = v.py();
    if v.is_instance_of::<PyDict>() {
        return Ok(Bound::new(py, record_from(v)?)?.into_any());
    }
    if v.is_instance_of::<PyList>() {
        let items = v.try_iter()?.map(|x| wrap(&x?)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyTuple::new(py, items)?.into_any());
    }
    Ok(v.clone())
}

fn record_from(data: &Bound<'_, PyAny>) -> PyResult<Record> {
    let mapping = data.cast::<PyMapping>().map_err(|_| {
        let found = data.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        super::errors::type_error(format!("Record: expected a mapping, got {found}"))
    })?;
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    for item in mapping.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let k = k.cast_into::<PyString>().map_err(|_| super::errors::type_error("Record: keys must be str"))?;
        // Interned, as attribute names are: fields are found by identity (a name that is not
        // UTF-8, with a lone surrogate, stays as it is and is found by `__getattr__`).
        keys.push(match k.to_str() {
            Ok(s) => PyString::intern(data.py(), s),
            Err(_) => k,
        });
        values.push(wrap(&v)?);
    }
    Ok(Record::with_keys(PyTuple::new(data.py(), keys)?, values))
}

/// Names for messages: the class name of `slf` (`Record`, `Article` ...).
pub fn class_name(slf: &Bound<'_, PyAny>) -> String {
    slf.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "Record".into())
}

/// `AttributeError` for a missing field, listing the fields there are.
pub fn no_field(cls: &str, name: &str, fields: &[String]) -> PyErr {
    PyAttributeError::new_err(format!("{cls} has no field {name:?}; fields: {}", fields.join(", ")).replace('"', "'"))
}

/// Whether `name` is a method of `Record` (or a dunder): the method wins over a field of the
/// same name, which stays readable as `r[name]`.
fn is_method(name: &str) -> bool {
    name.starts_with("__") || matches!(name, "keys" | "values" | "items" | "get" | "to_dict")
}

/// `AttributeError` for an attempt to change a record.
pub fn immutable(cls: &str) -> PyErr {
    PyAttributeError::new_err(format!("{cls} is immutable"))
}

#[pymethods]
impl Record {
    #[new]
    #[pyo3(signature = (data))]
    fn new(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        record_from(data)
    }

    /// Fields first, found by the name's identity (attribute names and field names are both
    /// interned), so that reading `r.text` does not raise and clear an `AttributeError` on the
    /// way to `__getattr__`; the record's own methods and dunders, and anything else, by the
    /// usual lookup.
    fn __getattribute__<'py>(slf: &Bound<'py, Self>, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        if let Some(i) = me.key_list(py).iter().position(|k| k.is(name)) {
            if !name.to_str().is_ok_and(is_method) {
                return Ok(me.values[i].bind(py).clone());
            }
        }
        // SAFETY: `slf` and `name` are live objects; the call returns a new reference, or NULL
        // with an exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyObject_GenericGetAttr(slf.as_ptr(), name.as_ptr())) }
    }

    /// A field named by a string that is not the interned one, or an error naming the fields.
    fn __getattr__<'py>(slf: &Bound<'py, Self>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        match me.position(py, name).filter(|_| !is_method(name)) {
            Some(i) => Ok(me.values[i].bind(py).clone()),
            None => {
                let fields: Vec<String> = me.key_list(py).iter().map(|k| k.to_string()).collect();
                Err(no_field(&class_name(slf.as_any()), name, &fields))
            }
        }
    }

    fn __setattr__(slf: &Bound<'_, Self>, _name: &str, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(immutable(&class_name(slf.as_any())))
    }

    fn __delattr__(slf: &Bound<'_, Self>, _name: &str) -> PyResult<()> {
        Err(immutable(&class_name(slf.as_any())))
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        key.cast::<PyString>()
            .ok()
            .and_then(|k| k.to_str().ok())
            .and_then(|k| self.position(py, k))
            .map(|i| self.values[i].bind(py).clone())
            .ok_or_else(|| PyKeyError::new_err(key.clone().unbind()))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.key_list(py).try_iter()?.into_any())
    }

    fn __len__(&self) -> usize {
        self.values.len()
    }

    fn __contains__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> bool {
        key.cast::<PyString>().ok().and_then(|k| k.to_str().ok()).is_some_and(|k| self.position(py, k).is_some())
    }

    /// The field names.
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.key_list(py))
    }

    /// The field values.
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.values)
    }

    /// `(name, value)` of every field.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let pairs = self.key_list(py).iter().zip(&self.values).map(|(k, v)| PyTuple::new(py, [&k, v.bind(py)]));
        PyList::new(py, pairs.collect::<PyResult<Vec<_>>>()?)
    }

    /// The value of field `key`, or `default`.
    #[pyo3(signature = (key, default = None))]
    fn get<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>, default: Option<Bound<'py, PyAny>>) -> Bound<'py, PyAny> {
        self.__getitem__(py, key).unwrap_or_else(|_| default.unwrap_or_else(|| py.None().into_bound(py)))
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if other.cast::<Record>().is_err() && other.cast::<PyMapping>().is_err() {
            return Ok(py.NotImplemented());
        }
        let mine = unwrap(slf.as_any())?;
        let theirs = if other.cast::<Record>().is_ok() { unwrap(other)? } else { py.get_type::<PyDict>().call1((other,))? };
        Ok(mine.eq(theirs)?.into_pyobject(py)?.to_owned().into_any().unbind())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let me = slf.get();
        let mut parts = Vec::with_capacity(me.values.len());
        for (k, v) in me.key_list(py).iter().zip(&me.values) {
            parts.push(format!("{}={}", k, v.bind(py).repr()?));
        }
        Ok(format!("{}({})", class_name(slf.as_any()), parts.join(", ")))
    }

    fn __dir__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyList>> {
        let py = slf.py();
        let names = PyList::new(py, slf.get().key_list(py))?;
        for m in ["get", "items", "keys", "to_dict", "values"] {
            names.append(m)?;
        }
        names.sort()?;
        Ok(names)
    }

    /// The record as plain, JSON-ready dicts and lists.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unwrap(slf.as_any())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let cls: Bound<'py, PyType> = py.get_type::<Record>();
        let args = PyTuple::new(py, [unwrap(slf.as_any())?])?;
        PyTuple::new(py, [cls.into_any(), args.into_any()])
    }
}
