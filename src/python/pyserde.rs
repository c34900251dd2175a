//! Rust values (anything `Serialize`) as Python objects, in one walk: the serde data model
//! mapped straight onto Python types, with no JSON or `Value` in between.
//!
//! Two shapes: [`Shape::Records`] (structs become [`Record`]s, sequences tuples — what an
//! `Article`'s fields are read as) and [`Shape::Plain`] (structs and maps become dicts,
//! sequences lists — what `to_dict()` gives). Field names and unit-variant names are
//! `&'static str`s of the schema: each becomes a Python string once and is reused (keyed by
//! the address of the name), and a struct's field names become one shared tuple that every
//! record of that struct points to. Maps are externally tagged like serde's JSON.

use super::record::Record;
use pyo3::prelude::*;
use pyo3::BoundObject;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// What structs and sequences become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Record`s and tuples.
    Records,
    /// dicts and lists.
    Plain,
}

/// `value` as Python objects of `shape`.
pub fn to_python<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T, shape: Shape) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Walker { py, shape }).map_err(|e| e.0)
}

/// An error of the walk: the Python exception that stopped it.
#[derive(Debug)]
pub struct WalkError(PyErr);

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for WalkError {}

impl ser::Error for WalkError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WalkError(super::errors::internal_error(format!("conversion to Python: {msg}")))
    }
}

impl From<PyErr> for WalkError {
    fn from(e: PyErr) -> Self {
        WalkError(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, WalkError>;

/// A hasher for keys that are already well-mixed numbers (see [`NameKey`], [`KeysKey`]).
#[derive(Default)]
struct Mixed(u64);

impl std::hash::Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Fast<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Mixed>>;

/// A schema name by its address and length.
type NameKey = (usize, usize);

/// The field names of one struct's serialization: their count and a digest of their
/// addresses (the addresses themselves are compared on a hit, see [`key_tuple`]).
type KeysKey = (usize, u64);

/// Python strings for `&'static str` names.
fn names() -> &'static Mutex<Fast<NameKey, Py<PyString>>> {
    static NAMES: OnceLock<Mutex<Fast<NameKey, Py<PyString>>>> = OnceLock::new();
    NAMES.get_or_init(Default::default)
}

/// Shared field-name tuples, with the addresses of the names they were made of.
fn key_tuples() -> &'static Mutex<Fast<KeysKey, (Box<[usize]>, Py<PyTuple>)>> {
    static KEYS: OnceLock<Mutex<Fast<KeysKey, (Box<[usize]>, Py<PyTuple>)>>> = OnceLock::new();
    KEYS.get_or_init(Default::default)
}

/// The Python string for the schema name `s`, made once.
fn name<'py>(py: Python<'py>, s: &'static str) -> Bound<'py, PyString> {
    let mut map = names().lock().unwrap_or_else(|p| p.into_inner());
    map.entry((s.as_ptr() as usize, s.len())).or_insert_with(|| PyString::intern(py, s).unbind()).bind(py).clone()
}

/// A digest of the addresses of `keys`.
fn keys_digest(keys: &[&'static str]) -> u64 {
    keys.iter().fold(keys.len() as u64, |h, k| (h.rotate_left(17) ^ k.as_ptr() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// One shared tuple of the field names `keys`.
fn key_tuple<'py>(py: Python<'py>, keys: &[&'static str]) -> PyResult<Bound<'py, PyTuple>> {
    let id = (keys.len(), keys_digest(keys));
    let same = |addrs: &[usize]| addrs.iter().zip(keys).all(|(&a, k)| a == k.as_ptr() as usize);
    {
        let map = key_tuples().lock().unwrap_or_else(|p| p.into_inner());
        if let Some((addrs, t)) = map.get(&id) {
            if same(addrs) {
                return Ok(t.bind(py).clone());
            }
        }
    }
    let t = PyTuple::new(py, keys.iter().map(|k| name(py, k)))?;
    let addrs = keys.iter().map(|k| k.as_ptr() as usize).collect();
    let mut map = key_tuples().lock().unwrap_or_else(|p| p.into_inner());
    // A digest shared by two different lists of names (never seen; it would only cost the
    // sharing): the first keeps the slot.
    map.entry(id).or_insert((addrs, t.clone().unbind()));
    Ok(t)
}

/// A tuple of `items`, left to the cycle collector only where it could be part of a cycle
/// (see [`untrack_leaf`]).
pub fn frozen_tuple<'py, I>(py: Python<'py>, items: I) -> PyResult<Bound<'py, PyTuple>>
where
    I: IntoIterator,
    I::Item: IntoPyObject<'py>,
    I::IntoIter: ExactSizeIterator,
{
    let t = PyTuple::new(py, items)?;
    untrack_leaf(t.as_any(), t.iter());
    Ok(t)
}

/// A new record of `keys` and `values`, left to the cycle collector only where it could be
/// part of a cycle (see [`untrack_leaf`]).
pub fn new_record<'py>(py: Python<'py>, keys: Bound<'py, PyTuple>, values: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, Record>> {
    let leaf = values.iter().all(is_leaf);
    let r = Bound::new(py, Record::with_keys(keys, values))?;
    if leaf {
        // SAFETY: `r` is a live object of a collected type; untracking it is what
        // `untrack_leaf` does (see there).
        unsafe { pyo3::ffi::PyObject_GC_UnTrack(r.as_ptr().cast()) };
    }
    Ok(r)
}

/// Whether `x` can never lead back to a container that holds it: the collector does not track
/// it (numbers, strings, `None`, and the tuples and records this module untracked) and it is
/// no dict or list, which a caller could fill with anything later.
fn is_leaf(x: &Bound<'_, PyAny>) -> bool {
    // SAFETY: `x` is a live object.
    let tracked = unsafe { pyo3::ffi::PyObject_GC_IsTracked(x.as_ptr()) } != 0;
    !tracked && !x.is_instance_of::<PyDict>() && !x.is_instance_of::<PyList>()
}

/// Take the immutable container `obj` out of the cycle collector's lists when all its `items`
/// are leaves (see [`is_leaf`]): then no cycle can run through it, as CPython reasons for its
/// own tuples, which it untracks too, but only once a collection has looked at them. An
/// article's fields are tens of thousands of small tuples and records per batch (spans,
/// sentence bounds, paragraphs); tracked, every collection their allocation sets off would
/// traverse them all again.
fn untrack_leaf<'py>(obj: &Bound<'py, PyAny>, mut items: impl Iterator<Item = Bound<'py, PyAny>>) {
    if items.all(|x| is_leaf(&x)) {
        // SAFETY: `obj` is live; untracking an object that is tracked or not is allowed, and
        // its deallocation checks whether it is tracked before unlinking it.
        unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) };
    }
}

#[derive(Clone, Copy)]
struct Walker<'py> {
    py: Python<'py>,
    shape: Shape,
}

impl<'py> Walker<'py> {
    fn obj<T: IntoPyObject<'py>>(self, v: T) -> Out<'py> {
        Ok(v.into_pyobject(self.py).map_err(Into::into)?.into_any().into_bound())
    }

    fn sequence(self, items: Vec<Bound<'py, PyAny>>) -> Out<'py> {
        Ok(match self.shape {
            Shape::Records => frozen_tuple(self.py, items)?.into_any(),
            Shape::Plain => PyList::new(self.py, items)?.into_any(),
        })
    }

    /// `{variant: value}`, as serde's JSON tags an enum variant with data.
    fn tagged(self, variant: &'static str, value: Bound<'py, PyAny>) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(name(self.py, variant), value)?;
        Ok(d.into_any())
    }
}

/// Elements of a sequence, tuple or tuple variant.
pub struct SeqWalk<'py> {
    w: Walker<'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

/// Entries of a map.
pub struct MapWalk<'py> {
    w: Walker<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

/// Fields of a struct or struct variant.
pub struct StructWalk<'py> {
    w: Walker<'py>,
    keys: Vec<&'static str>,
    values: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> ser::Serializer for Walker<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = WalkError;
    type SerializeSeq = SeqWalk<'py>;
    type SerializeTuple = SeqWalk<'py>;
    type SerializeTupleStruct = SeqWalk<'py>;
    type SerializeTupleVariant = SeqWalk<'py>;
    type SerializeMap = MapWalk<'py>;
    type SerializeStruct = StructWalk<'py>;
    type SerializeStructVariant = StructWalk<'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.obj(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.obj(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.obj(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Out<'py> {
        Ok(name(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let v = value.serialize(self)?;
        self.tagged(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqWalk<'py>, WalkError> {
        Ok(SeqWalk { w: self, items: Vec::with_capacity(len.unwrap_or(0)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqWalk<'py>, WalkError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqWalk<'py>, WalkError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqWalk<'py>, WalkError> {
        Ok(SeqWalk { w: self, items: Vec::with_capacity(len), variant: Some(variant) })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapWalk<'py>, WalkError> {
        Ok(MapWalk { w: self, dict: PyDict::new(self.py), key: None })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<StructWalk<'py>, WalkError> {
        Ok(StructWalk { w: self, keys: Vec::with_capacity(len), values: Vec::with_capacity(len), variant: None })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<StructWalk<'py>, WalkError> {
        Ok(StructWalk { w: self, keys: Vec::with_capacity(len), values: Vec::with_capacity(len), variant: Some(variant) })
    }
}

impl<'py> SeqWalk<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WalkError> {
        self.items.push(value.serialize(self.w)?);
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        let seq = self.w.sequence(self.items)?;
        match self.variant {
            Some(v) => self.w.tagged(v, seq),
            None => Ok(seq),
        }
    }
}

macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for SeqWalk<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = WalkError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WalkError> {
                self.push(value)
            }
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

seq_like!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

impl<'py> ser::SerializeMap for MapWalk<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = WalkError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WalkError> {
        self.key = Some(key.serialize(self.w)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WalkError> {
        let key = self.key.take().ok_or_else(|| <WalkError as ser::Error>::custom("a map value without its key"))?;
        self.dict.set_item(key, value.serialize(self.w)?)?;
        Ok(())
    }

    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> StructWalk<'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), WalkError> {
        self.values.push(value.serialize(self.w)?);
        self.keys.push(key);
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        let py = self.w.py;
        let obj = match self.w.shape {
            Shape::Records => {
                let keys = key_tuple(py, &self.keys)?;
                new_record(py, keys, self.values)?.into_any()
            }
            Shape::Plain => {
                let d = PyDict::new(py);
                for (k, v) in key_tuple(py, &self.keys)?.iter().zip(self.values) {
                    d.set_item(k, v)?;
                }
                d.into_any()
            }
        };
        match self.variant {
            Some(v) => self.w.tagged(v, obj),
            None => Ok(obj),
        }
    }
}

macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for StructWalk<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = WalkError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), WalkError> {
                self.field(key, value)
            }
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);
