//! `khabar.Record`: an immutable nested record with attribute and key access.
//!
//! The parts of an [`crate::Article`] (spans, authors, paragraphs, dates ...) reach Python as
//! records, built in one serde walk of the Rust value ([`to_records`], with `pythonize`):
//! structs become records, sequences tuples, maps dicts. A record is a read-only mapping
//! (`r.text` and `r["text"]` both work; `keys`, `values`, `items`, `get`, `in`, `len`, `==`
//! with another record or a dict); `to_dict()` gives plain dicts and lists back.

use super::errors::value_error;
use pyo3::exceptions::{PyAttributeError, PyKeyError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString, PyTuple, PyType};
use pythonize::{PythonizeNamedMappingType, PythonizeTypes};
use serde::Serialize;

/// An immutable nested record.
#[pyclass(subclass, frozen, mapping, module = "khabar._khabar", name = "Record")]
pub struct Record {
    keys: Vec<Py<PyString>>,
    values: Vec<Py<PyAny>>,
}

impl Record {
    /// A record with no fields (the base of an `Article`, whose fields live in Rust).
    pub fn empty() -> Self {
        Record { keys: Vec::new(), values: Vec::new() }
    }

    /// A record of `keys` with `values` (built in one go where the shape is known).
    pub fn from_fields<const N: usize>(keys: &[&Bound<'_, PyString>; N], values: [Bound<'_, PyAny>; N]) -> Self {
        Record {
            keys: keys.iter().map(|k| (*k).clone().unbind()).collect(),
            values: values.into_iter().map(Bound::unbind).collect(),
        }
    }

    fn position(&self, py: Python<'_>, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.bind(py).to_str().is_ok_and(|k| k == key))
    }
}

/// `Record` for serde structs, tuples for sequences, dicts for maps.
pub struct RecordTypes;

impl PythonizeTypes for RecordTypes {
    type Map = PyDict;
    type NamedMap = Record;
    type List = PyTuple;
}

impl PythonizeNamedMappingType for Record {
    type Builder<'py> = (Python<'py>, Record);

    fn builder<'py>(py: Python<'py>, len: usize, _name: &'static str) -> PyResult<Self::Builder<'py>> {
        Ok((py, Record { keys: Vec::with_capacity(len), values: Vec::with_capacity(len) }))
    }

    fn push_field<'py>(builder: &mut Self::Builder<'py>, name: Bound<'py, PyString>, value: Bound<'py, PyAny>) -> PyResult<()> {
        builder.1.keys.push(name.unbind());
        builder.1.values.push(value.unbind());
        Ok(())
    }

    fn finish<'py>((py, record): Self::Builder<'py>) -> PyResult<Bound<'py, PyMapping>> {
        // SAFETY: `Bound<PyMapping>` is the same pointer as any `Bound`; a `Record` implements
        // the mapping protocol (and the package registers it as a `collections.abc.Mapping`).
        Ok(unsafe { Bound::new(py, record)?.into_any().cast_into_unchecked::<PyMapping>() })
    }
}

/// `value` as records and tuples (see the module docs).
pub fn to_records<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize_custom::<RecordTypes, T>(py, value).map_err(|e| value_error(format!("record: {e}")))
}

/// `value` as plain dicts and lists.
pub fn to_plain<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| value_error(format!("record: {e}")))
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
        for (k, x) in r.get().keys.iter().zip(&r.get().values) {
            d.set_item(k.bind(py), unwrap(x.bind(py))?)?;
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
    let mut r = Record::empty();
    for item in mapping.items()?.iter() {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let k = k.cast_into::<PyString>().map_err(|_| super::errors::type_error("Record: keys must be str"))?;
        r.keys.push(k.unbind());
        r.values.push(wrap(&v)?.unbind());
    }
    Ok(r)
}

/// Names for messages: the class name of `slf` (`Record`, `Article` ...).
pub fn class_name(slf: &Bound<'_, PyAny>) -> String {
    slf.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "Record".into())
}

/// `AttributeError` for a missing field, listing the fields there are.
pub fn no_field(cls: &str, name: &str, fields: &[String]) -> PyErr {
    PyAttributeError::new_err(format!("{cls} has no field {name:?}; fields: {}", fields.join(", ")).replace('"', "'"))
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

    fn __getattr__<'py>(slf: &Bound<'py, Self>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        match me.position(py, name) {
            Some(i) => Ok(me.values[i].bind(py).clone()),
            None => {
                let fields: Vec<String> = me.keys.iter().map(|k| k.bind(py).to_string()).collect();
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
        Ok(PyList::new(py, &self.keys)?.try_iter()?.into_any())
    }

    fn __len__(&self) -> usize {
        self.keys.len()
    }

    fn __contains__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> bool {
        key.cast::<PyString>().ok().and_then(|k| k.to_str().ok()).is_some_and(|k| self.position(py, k).is_some())
    }

    /// The field names.
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.keys)
    }

    /// The field values.
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.values)
    }

    /// `(name, value)` of every field.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let pairs = self.keys.iter().zip(&self.values).map(|(k, v)| PyTuple::new(py, [k.bind(py).as_any(), v.bind(py)]));
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
        let mut parts = Vec::with_capacity(me.keys.len());
        for (k, v) in me.keys.iter().zip(&me.values) {
            parts.push(format!("{}={}", k.bind(py), v.bind(py).repr()?));
        }
        Ok(format!("{}({})", class_name(slf.as_any()), parts.join(", ")))
    }

    fn __dir__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyList>> {
        let py = slf.py();
        let names = PyList::new(py, &slf.get().keys)?;
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
