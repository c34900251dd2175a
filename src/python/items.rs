//! Lazy list-like results: `Tokens`, `Sentences` and `Strings`.
//!
//! The items of a text (or of a batch of list rows) stay in the Rust buffers the row writer
//! filled ([`ListChunk`], shared by every row of the batch); a result object is a view of one
//! row's range of items, and an item becomes a Python object only when it is read. Each class
//! behaves as a read-only sequence: `len`, indexing (negative too), slicing (a view for step
//! 1), iteration, `in`, `index`, `count`, `==` with another result or with a list or tuple of
//! the items, a list-like `repr`, pickling; `to_list()` gives a plain list. `Tokens` items are
//! `khabar.Token(text, start, end, kind)` named tuples, `Sentences` items
//! `khabar.Sentence(text, start, end)`, `Strings` items `str`. `.texts`, `.starts`, `.ends`
//! and (tokens) `.kinds` give whole columns as lists at once.
//!
//! Memory: a result keeps its batch's buffers alive (a batch is about 256 KiB of input).

use super::errors::{type_error, value_error};
use crate::batch::{ItemFields, ListChunk};
use crate::tokenize::TokenKind;
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PySlice, PyString, PyTuple, PyType};
use std::sync::Arc;

static TOKEN: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static SENTENCE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TUPLE_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static KIND_NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();

/// What an item becomes in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `khabar.Token(text, start, end, kind)`.
    Token,
    /// `khabar.Sentence(text, start, end)`.
    Sentence,
    /// The text alone.
    Text,
}

impl ItemKind {
    /// What the row writer must record for these items.
    pub fn fields(self) -> ItemFields {
        ItemFields { spans: self != ItemKind::Text, kinds: self == ItemKind::Token }
    }
}

/// A view of items `start..end` of a chunk.
#[derive(Clone)]
pub struct Items {
    chunk: Arc<ListChunk<i64>>,
    start: usize,
    end: usize,
    kind: ItemKind,
}

impl Items {
    /// The items of row `row` of `chunk`.
    pub fn row(chunk: &Arc<ListChunk<i64>>, row: usize, kind: ItemKind) -> Self {
        let r = chunk.row_items(row);
        Items { chunk: Arc::clone(chunk), start: r.start, end: r.end, kind }
    }

    fn len(&self) -> usize {
        self.end - self.start
    }

    fn text(&self, i: usize) -> &str {
        self.chunk.item_text(self.start + i)
    }

    fn span(&self, i: usize) -> (i32, i32) {
        (self.chunk.starts[self.start + i], self.chunk.ends[self.start + i])
    }

    /// Item `i` (`0 <= i < len`) as a Python object.
    fn item<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let text = PyString::new(py, self.text(i)).into_any();
        if self.kind == ItemKind::Text {
            return Ok(text);
        }
        let (s, e) = self.span(i);
        let (s, e) = (s.into_pyobject(py)?.into_any(), e.into_pyobject(py)?.into_any());
        let new = TUPLE_NEW
            .get_or_try_init(py, || -> PyResult<Py<PyAny>> { Ok(py.get_type::<PyTuple>().getattr("__new__")?.unbind()) })?
            .bind(py);
        // `tuple.__new__(cls, fields)` skips the Python-level `__new__` of a NamedTuple.
        if self.kind == ItemKind::Sentence {
            let cls = SENTENCE.import(py, "khabar._tokens", "Sentence")?;
            return new.call1((cls, PyTuple::new(py, [text, s, e])?));
        }
        let cls = TOKEN.import(py, "khabar._tokens", "Token")?;
        let kind = kind_name(py, self.chunk.kinds[self.start + i])?;
        new.call1((cls, PyTuple::new(py, [text, s, e, kind])?))
    }

    fn index(&self, i: isize) -> PyResult<usize> {
        let n = self.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if (0..n).contains(&j) {
            Ok(j as usize)
        } else {
            Err(PyIndexError::new_err(format!("index {i} out of range for {n} items")))
        }
    }

    fn slice(&self, start: usize, end: usize) -> Items {
        Items { chunk: Arc::clone(&self.chunk), start: self.start + start, end: self.start + end, kind: self.kind }
    }

    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = (0..self.len()).map(|i| self.item(py, i)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, (0..self.len()).map(|i| PyString::new(py, self.text(i))))
    }

    fn column(&self, which: fn((i32, i32)) -> i32) -> PyResult<Vec<i32>> {
        if self.kind == ItemKind::Text {
            return Err(type_error("these items have no offsets (they were made with offsets=False)"));
        }
        Ok((0..self.len()).map(|i| which(self.span(i))).collect())
    }

    fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let names = (self.start..self.end).map(|i| kind_name(py, self.chunk.kinds[i])).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, names)
    }

    /// Whether `self` and `other` hold the same items (compared in Rust, no objects made).
    fn same(&self, other: &Items) -> bool {
        self.kind == other.kind
            && self.len() == other.len()
            && (0..self.len()).all(|i| {
                self.text(i) == other.text(i)
                    && (self.kind == ItemKind::Text || self.span(i) == other.span(i))
                    && (self.kind != ItemKind::Token
                        || self.chunk.kinds[self.start + i] == other.chunk.kinds[other.start + i])
            })
    }

    /// Whether the items equal the Python sequence `other` (a list or tuple), item by item.
    fn equals_sequence(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let py = other.py();
        if other.len()? != self.len() {
            return Ok(false);
        }
        for (i, x) in other.try_iter()?.enumerate() {
            let x = x?;
            let same = match (self.kind, x.cast::<PyString>()) {
                (ItemKind::Text, Ok(s)) => s.to_str().is_ok_and(|s| s == self.text(i)),
                _ => self.item(py, i)?.eq(&x)?,
            };
            if !same {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = String::from("[");
        for i in 0..self.len() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.item(py, i)?.repr()?.to_str()?.to_owned());
        }
        out.push(']');
        Ok(out)
    }

    /// The columns a pickle rebuilds the items from.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let starts = if self.kind == ItemKind::Text { Vec::new() } else { self.column(|s| s.0)? };
        let ends = if self.kind == ItemKind::Text { Vec::new() } else { self.column(|s| s.1)? };
        let kinds: Vec<i8> = if self.kind == ItemKind::Token { self.chunk.kinds[self.start..self.end].to_vec() } else { Vec::new() };
        (self.texts(py)?, starts, ends, kinds).into_pyobject(py)
    }

    /// Items rebuilt from [`Items::state`].
    fn from_state(kind: ItemKind, texts: Vec<String>, starts: Vec<i32>, ends: Vec<i32>, kinds: Vec<i8>) -> PyResult<Items> {
        let fields = kind.fields();
        let n = texts.len();
        let spans_ok = !fields.spans || (starts.len() == n && ends.len() == n);
        let kinds_ok = !fields.kinds || (kinds.len() == n && kinds.iter().all(|&k| (k as usize) < TokenKind::ALL.len()));
        if !spans_ok || !kinds_ok {
            return Err(value_error("pickled items: the columns do not match"));
        }
        let bytes = texts.iter().map(String::len).sum();
        let mut chunk = ListChunk::<i64>::new(fields, 1, bytes);
        for (i, t) in texts.iter().enumerate() {
            let span = if fields.spans { (starts[i] as usize, ends[i] as usize) } else { (0, 0) };
            let k = if fields.kinds { kinds[i] } else { 0 };
            chunk.push_raw(span, k, t.as_bytes()).map_err(|_| value_error("pickled items are too large"))?;
        }
        chunk.end_row(0).map_err(|_| value_error("pickled items are too large"))?;
        Ok(Items::row(&Arc::new(chunk), 0, kind))
    }
}

fn kind_name<'py>(py: Python<'py>, k: i8) -> PyResult<Bound<'py, PyAny>> {
    let names = KIND_NAMES.get_or_init(py, || {
        TokenKind::ALL.iter().map(|k| PyString::intern(py, k.name()).unbind()).collect()
    });
    names
        .get(k as usize)
        .map(|n| n.bind(py).clone().into_any())
        .ok_or_else(|| PyValueError::new_err(format!("unknown token kind number {k}")))
}

/// The methods every result class shares; `$ty` holds an `items: Items` field.
macro_rules! items_class {
    ($ty:ident, $name:literal, $kind:expr, $doc:literal { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(frozen, sequence, module = "khabar._khabar", name = $name)]
        pub struct $ty {
            pub(crate) items: Items,
        }

        impl $ty {
            /// The result for row `row` of `chunk`.
            pub fn row(chunk: &Arc<ListChunk<i64>>, row: usize) -> Self {
                $ty { items: Items::row(chunk, row, $kind) }
            }
        }

        #[pymethods]
        impl $ty {
            fn __len__(&self) -> usize {
                self.items.len()
            }

            fn __getitem__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                if let Ok(slice) = key.cast::<PySlice>() {
                    let ind = slice.indices(self.items.len() as isize)?;
                    if ind.step == 1 {
                        let (s, e) = (ind.start as usize, (ind.stop.max(ind.start)) as usize);
                        return Ok(Bound::new(py, $ty { items: self.items.slice(s, e) })?.into_any());
                    }
                    return self.items.to_list(py)?.as_any().get_item(key);
                }
                let i: isize = key.extract().map_err(|_| {
                    let found = key.get_type().name().map(|n| n.to_string()).unwrap_or_default();
                    type_error(format!("{} indices must be integers or slices, not {found}", $name))
                })?;
                self.items.item(py, self.items.index(i)?)
            }

            fn __iter__<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
                let py = slf.py();
                let it = ItemIter { items: slf.get().items.clone(), next: std::sync::atomic::AtomicUsize::new(0) };
                Ok(Bound::new(py, it)?.into_any())
            }

            fn __contains__(&self, x: &Bound<'_, PyAny>) -> PyResult<bool> {
                let py = x.py();
                for i in 0..self.items.len() {
                    if self.items.item(py, i)?.eq(x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }

            /// Position of the first item equal to `x` (`ValueError` when there is none).
            fn index(&self, x: &Bound<'_, PyAny>) -> PyResult<usize> {
                let py = x.py();
                for i in 0..self.items.len() {
                    if self.items.item(py, i)?.eq(x)? {
                        return Ok(i);
                    }
                }
                Err(PyValueError::new_err("item is not in the sequence"))
            }

            /// Number of items equal to `x`.
            fn count(&self, x: &Bound<'_, PyAny>) -> PyResult<usize> {
                let py = x.py();
                let mut n = 0;
                for i in 0..self.items.len() {
                    n += usize::from(self.items.item(py, i)?.eq(x)?);
                }
                Ok(n)
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                if let Ok(o) = other.cast::<$ty>() {
                    return Ok(self.items.same(&o.get().items).into_pyobject(py)?.to_owned().into_any().unbind());
                }
                if other.is_instance_of::<PyList>() || other.is_instance_of::<PyTuple>() {
                    return Ok(self.items.equals_sequence(other)?.into_pyobject(py)?.to_owned().into_any().unbind());
                }
                Ok(py.NotImplemented())
            }

            fn __ne__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let py = other.py();
                let eq = self.__eq__(other)?;
                if eq.is(&py.NotImplemented()) {
                    return Ok(eq);
                }
                Ok((!eq.bind(py).is_truthy()?).into_pyobject(py)?.to_owned().into_any().unbind())
            }

            fn __add__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let py = other.py();
                let out = self.items.to_list(py)?;
                for x in other.try_iter()? {
                    out.append(x?)?;
                }
                Ok(out.into_any())
            }

            fn __radd__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let py = other.py();
                let out = PyList::empty(py);
                for x in other.try_iter()? {
                    out.append(x?)?;
                }
                for i in 0..self.items.len() {
                    out.append(self.items.item(py, i)?)?;
                }
                Ok(out.into_any())
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                self.items.repr(py)
            }

            /// The items as a plain list.
            fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                self.items.to_list(py)
            }

            /// Every item's text, as a list of `str`.
            #[getter]
            fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                self.items.texts(py)
            }

            /// Every item's start (a code point of the input), as a list; `TypeError` for
            /// items made without offsets.
            #[getter]
            fn starts(&self) -> PyResult<Vec<i32>> {
                self.items.column(|s| s.0)
            }

            /// Every item's end (a code point of the input, exclusive), as a list.
            #[getter]
            fn ends(&self) -> PyResult<Vec<i32>> {
                self.items.column(|s| s.1)
            }

            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
                slf
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
                let py = slf.py();
                let rebuild = slf.get_type().getattr("_from_state")?;
                let state = slf.get().items.state(py)?;
                PyTuple::new(py, [rebuild, state.into_any()])
            }

            /// Rebuild from the state a pickle stored.
            #[staticmethod]
            fn _from_state(texts: Vec<String>, starts: Vec<i32>, ends: Vec<i32>, kinds: Vec<i8>) -> PyResult<Self> {
                Ok($ty { items: Items::from_state($kind, texts, starts, ends, kinds)? })
            }

            $($extra)*
        }
    };
}

items_class!(
    PyTokens,
    "Tokens",
    ItemKind::Token,
    "The tokens of one text: a read-only sequence of `Token(text, start, end, kind)`, made when read." {

        /// Every token's kind, as a list of `str`.
        #[getter]
        fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
            self.items.kinds(py)
        }
    }
);
items_class!(
    PySentences,
    "Sentences",
    ItemKind::Sentence,
    "The sentences of one text: a read-only sequence of `Sentence(text, start, end)`, made when read." {}
);
items_class!(
    PyStrings,
    "Strings",
    ItemKind::Text,
    "Strings of one text (tokens or sentences without offsets, stems): a read-only sequence of `str`, made when read." {}
);

/// Iterates a result's items, making each when it is reached.
#[pyclass(frozen, module = "khabar._khabar", name = "ItemIterator")]
pub struct ItemIter {
    items: Items,
    next: std::sync::atomic::AtomicUsize,
}

#[pymethods]
impl ItemIter {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if i >= self.items.len() {
            self.next.store(self.items.len(), std::sync::atomic::Ordering::Relaxed);
            return Ok(None);
        }
        self.items.item(py, i).map(Some)
    }

    fn __length_hint__(&self) -> usize {
        self.items.len().saturating_sub(self.next.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// A result object for row `row` of `chunk`, of the class for `kind`.
pub fn row_object<'py>(py: Python<'py>, chunk: &Arc<ListChunk<i64>>, row: usize, kind: ItemKind) -> PyResult<Bound<'py, PyAny>> {
    Ok(match kind {
        ItemKind::Token => Bound::new(py, PyTokens::row(chunk, row))?.into_any(),
        ItemKind::Sentence => Bound::new(py, PySentences::row(chunk, row))?.into_any(),
        ItemKind::Text => Bound::new(py, PyStrings::row(chunk, row))?.into_any(),
    })
}
