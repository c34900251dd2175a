//! `khabar._khabar.parse` and `parse_table`, and the lazy `Article`.
//!
//! An `Article` keeps the Rust [`Article`] it was parsed into; a field becomes Python objects
//! (records and tuples, see [`super::record`]) the first time it is read, in one serde walk of
//! that field, and is kept. `to_dict()` walks the whole article once into plain dicts and
//! lists, `to_json()` serializes it in Rust, and a pickle stores its JSON. A column of articles
//! is an Arrow table built by the batch engine ([`crate::article::table`]).

use super::errors::{detach, internal_error, value_error};
use super::pyserde::{frozen_tuple, new_record};
use super::record::{class_name, immutable, no_field, to_plain, to_records, Record};
use super::rows::map_list;
use super::texts::{borrow_one, ArrowInput, Texts};
use crate::article::render::to_html;
use crate::article::table::{parse_to_batches, schema};
use crate::article::{parse_text, Article, ParagraphKind};
use crate::batch::TextRows;
use crate::text::count_chars;
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyTuple};
use std::sync::OnceLock;

/// Declares the article's fields once: the names in schema order, one getter each, and the
/// serde walk of a field by its number.
macro_rules! article_fields {
    ([$($field:ident),* $(,)?] { $($methods:tt)* }) => {
        /// The article's fields, in schema order.
        pub const FIELDS: &[&str] = &[$(stringify!($field)),*];

        /// The number of field `name` (a compile-time error where there is none).
        const fn field_index(name: &str) -> usize {
            let mut i = 0;
            while i < FIELDS.len() {
                if same_name(FIELDS[i], name) {
                    return i;
                }
                i += 1;
            }
            panic!("no such article field")
        }

        /// Field number `i` of `a` as records and tuples.
        fn field_to_py<'py>(py: Python<'py>, a: &Article, i: usize) -> PyResult<Bound<'py, PyAny>> {
            let mut k = 0;
            $(
                if i == k {
                    return to_records(py, &a.$field);
                }
                k += 1;
            )*
            let _ = k;
            Err(internal_error(format!("article field number {i} does not exist")))
        }

        #[pymethods]
        impl PyArticle {
            $(
                #[getter]
                fn $field<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
                    const I: usize = field_index(stringify!($field));
                    slf.get().field(slf.py(), I)
                }
            )*

            $($methods)*
        }
    };
}


/// Whether two names are the same (`==` for a `const fn`).
const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const PARAGRAPHS: usize = field_index("paragraphs");
const BODY_TEXT: usize = field_index("body_text");

/// One parsed article: an immutable record whose fields are built when first read.
#[pyclass(extends = Record, frozen, mapping, module = "khabar._khabar", name = "Article")]
pub struct PyArticle {
    inner: Box<Article>,
    /// The fields read so far. Only ever touched with the GIL held, so a plain once-cell: a
    /// `PyOnceLock` would let go of the GIL around every first read (it guards against a
    /// builder that blocks, and this one never does).
    cache: Box<[OnceLock<Py<PyAny>>]>,
}

impl PyArticle {
    /// A Python `Article` owning `a`.
    pub fn create(py: Python<'_>, a: Article) -> PyResult<Bound<'_, PyArticle>> {
        let cache = FIELDS.iter().map(|_| OnceLock::new()).collect();
        let init = PyClassInitializer::from(Record::empty(py)).add_subclass(PyArticle { inner: Box::new(a), cache });
        Bound::new(py, init)
    }

    fn field<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        if let Some(v) = self.cache[i].get() {
            return Ok(v.bind(py).clone());
        }
        let v = self.build(py, i)?;
        // Another thread may have stored the field first (building can run Python code, which
        // may hand the GIL over): everyone then reads that one.
        let _ = self.cache[i].set(v.clone().unbind());
        Ok(self.cache[i].get().map_or(v, |kept| kept.bind(py).clone()))
    }

    fn build<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        if i == PARAGRAPHS {
            if let Some(p) = self.paragraphs_from_body(py)? {
                return Ok(p);
            }
        }
        field_to_py(py, &self.inner, i)
    }

    /// The paragraphs with their texts cut out of `body_text` (a copy of code units, where
    /// decoding the UTF-8 of every paragraph again would cost as much as the whole body);
    /// `None` when `body_text` is not the paragraphs joined by blank lines.
    fn paragraphs_from_body<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let a = &self.inner;
        let body = a.body_text.as_bytes();
        // Where each paragraph's text is in the body, in code points.
        let mut at = Vec::with_capacity(a.paragraphs.len());
        let (mut pos, mut cp) = (0, 0);
        for (k, p) in a.paragraphs.iter().enumerate() {
            if k > 0 {
                if body.get(pos..pos + 2) != Some(b"\n\n") {
                    return Ok(None);
                }
                pos += 2;
                cp += 2;
            }
            let t = p.text.as_bytes();
            if body.get(pos..pos + t.len()) != Some(t) {
                return Ok(None);
            }
            let n = count_chars(t);
            at.push((cp, cp + n));
            pos += t.len();
            cp += n;
        }
        if pos != body.len() {
            return Ok(None);
        }
        let body_text = self.field(py, BODY_TEXT)?;
        static KEYS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
        let keys = KEYS
            .get_or_try_init(py, || {
                // Interned, as attribute names are: `Record` finds a field by identity.
                let names = ["i", "kind", "text", "start", "end", "sentences"].map(|k| PyString::intern(py, k));
                Ok::<_, PyErr>(PyTuple::new(py, names)?.unbind())
            })?
            .bind(py);
        let mut out = Vec::with_capacity(a.paragraphs.len());
        for (p, &(s, e)) in a.paragraphs.iter().zip(&at) {
            let sentences = p
                .sentences
                .iter()
                .map(|&(s, e)| frozen_tuple(py, [s, e]))
                .collect::<PyResult<Vec<_>>>()?;
            // SAFETY: `body_text` is a str; `s..e` is within it (checked above); the result is a
            // new reference or NULL with an exception set.
            let text = unsafe {
                Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyUnicode_Substring(body_text.as_ptr(), s as _, e as _))?
            };
            let values = vec![
                p.i.into_pyobject(py)?.into_any(),
                kind_name(py, p.kind)?,
                text,
                p.start.into_pyobject(py)?.into_any(),
                p.end.into_pyobject(py)?.into_any(),
                frozen_tuple(py, sentences)?.into_any(),
            ];
            out.push(new_record(py, keys.clone(), values)?);
        }
        Ok(Some(frozen_tuple(py, out)?.into_any()))
    }

    fn field_named<'py>(&self, py: Python<'py>, name: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
        FIELDS.iter().position(|f| *f == name).map(|i| self.field(py, i))
    }

    fn json(&self, indent: Option<usize>) -> PyResult<String> {
        let failed = |e: serde_json::Error| internal_error(format!("article did not serialize: {e}"));
        match indent {
            None => serde_json::to_string(&*self.inner).map_err(failed),
            Some(n) => {
                let pad = " ".repeat(n);
                let mut out = Vec::new();
                let fmt = serde_json::ser::PrettyFormatter::with_indent(pad.as_bytes());
                let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
                serde::Serialize::serialize(&*self.inner, &mut ser).map_err(failed)?;
                String::from_utf8(out).map_err(|e| internal_error(e.to_string()))
            }
        }
    }
}

article_fields!(
    [
        schema_version, input, language, title, lead, authors, author_bio, published, modified,
        dateline, sources, site_name, url, canonical, image, section, tags, description,
        paragraphs, captions, related, tables, comments, boilerplate, body_text, text, stats,
        warnings,
    ]
    {
    /// An article from the JSON that `to_json()` gives (or a pickle stored).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Py<PyArticle>> {
        let a: Article = serde_json::from_str(json).map_err(|e| value_error(format!("not an article's JSON: {e}")))?;
        Ok(PyArticle::create(py, a)?.unbind())
    }

    fn __getattr__(slf: &Bound<'_, Self>, name: &str) -> PyResult<Py<PyAny>> {
        let fields: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
        Err(no_field(&class_name(slf.as_any()), name, &fields))
    }

    fn __setattr__(slf: &Bound<'_, Self>, _name: &str, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(immutable(&class_name(slf.as_any())))
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let found = match key.cast::<PyString>() {
            Ok(k) => k.to_str().ok().and_then(|n| self.field_named(py, n)),
            Err(_) => None,
        };
        found.unwrap_or_else(|| Err(PyKeyError::new_err(key.clone().unbind())))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(field_names(py)?.try_iter()?.into_any())
    }

    fn __len__(&self) -> usize {
        FIELDS.len()
    }

    fn __contains__(&self, key: &Bound<'_, PyAny>) -> bool {
        key.cast::<PyString>().ok().and_then(|k| k.to_str().ok()).is_some_and(|k| FIELDS.contains(&k))
    }

    /// The field names, in schema order.
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, field_names(py)?)
    }

    /// The field values (built if not read yet).
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, (0..FIELDS.len()).map(|i| self.field(py, i)).collect::<PyResult<Vec<_>>>()?)
    }

    /// `(name, value)` of every field.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let pairs = field_names(py)?
            .iter()
            .enumerate()
            .map(|(i, f)| PyTuple::new(py, [f, self.field(py, i)?]))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, pairs)
    }

    /// The value of field `key`, or `default`.
    #[pyo3(signature = (key, default = None))]
    fn get<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>, default: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        match key.cast::<PyString>().ok().and_then(|k| k.to_str().ok().map(str::to_owned)) {
            Some(k) if FIELDS.contains(&k.as_str()) => self.__getitem__(py, key),
            _ => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if let Ok(o) = other.cast::<PyArticle>() {
            return Ok((slf.get().inner == o.get().inner).into_pyobject(py)?.to_owned().into_any().unbind());
        }
        if other.cast::<Record>().is_err() && other.cast::<pyo3::types::PyMapping>().is_err() {
            return Ok(py.NotImplemented());
        }
        let theirs = super::record::unwrap(&py.get_type::<pyo3::types::PyDict>().call1((other,))?)?;
        Ok(Self::to_dict(slf)?.eq(theirs)?.into_pyobject(py)?.to_owned().into_any().unbind())
    }

    /// The article as plain, JSON-ready dicts and lists (one walk of the Rust record).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        to_plain(slf.py(), &*slf.get().inner)
    }

    /// The article as JSON (UTF-8 text, Arabic unescaped); `indent` spaces per level.
    #[pyo3(signature = (*, indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        self.json(indent)
    }

    fn _repr_html_(&self) -> String {
        to_html(&self.inner)
    }

    fn __repr__(&self) -> String {
        let a = &self.inner;
        let title = a.title.as_ref().map_or("None".to_string(), |t| py_str_repr(&t.text));
        let authors: Vec<String> = a.authors.iter().map(|x| py_str_repr(&x.name)).collect();
        format!("Article(title={title}, authors=[{}], paragraphs={})", authors.join(", "), a.paragraphs.len())
    }

    fn __dir__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let names = PyList::new(py, FIELDS)?;
        for m in ["from_json", "get", "items", "keys", "to_dict", "to_json", "values"] {
            names.append(m)?;
        }
        names.sort()?;
        Ok(names)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().json(None)?])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
    }
);

/// The field names as a tuple of interned strings, made once.
fn field_names(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    static NAMES: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    let names = NAMES.get_or_try_init(py, || Ok::<_, PyErr>(PyTuple::new(py, FIELDS.iter().map(|f| PyString::intern(py, f)))?.unbind()))?;
    Ok(names.bind(py).clone())
}

/// The name of a paragraph kind as a Python string made once per kind.
fn kind_name(py: Python<'_>, kind: ParagraphKind) -> PyResult<Bound<'_, PyAny>> {
    static NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    let names = NAMES.get_or_init(py, || ParagraphKind::ALL.iter().map(|k| PyString::intern(py, k.as_str()).unbind()).collect());
    let i = ParagraphKind::ALL.iter().position(|k| *k == kind).ok_or_else(|| internal_error("unknown paragraph kind"))?;
    Ok(names[i].bind(py).clone().into_any())
}

/// `s` quoted as Python's `repr` quotes a string of letters (single quotes unless the text
/// holds one and no double quote).
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A list of `Article`s, `None` where a row has none.
pub fn article_list(py: Python<'_>, rows: Vec<Option<Article>>) -> PyResult<Bound<'_, PyList>> {
    let out = rows
        .into_iter()
        .map(|a| match a {
            None => Ok(py.None().into_bound(py)),
            Some(a) => PyArticle::create(py, a).map(Bound::into_any),
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, out)
}

/// Parse `x`: one str -> `Article`; a sequence -> list of `Article | None`; an Arrow column
/// -> list as well (use `parse_table` for a table).
#[pyfunction]
pub fn parse<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let a = detach(py, || parse_text(text))?;
            Ok(PyArticle::create(py, a)?.into_any())
        }
        Texts::Rows(items) => {
            let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<Article>> {
                rows.iter().map(|r| r.map(parse_text)).collect()
            };
            let list = map_list(py, &items, work, |part, items, out| {
                for (item, a) in items.iter().zip(part) {
                    out.push(match a {
                        None => item.clone(),
                        Some(a) => PyArticle::create(py, a)?.into_any(),
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            let all = detach(py, || -> PyResult<Vec<Option<Article>>> {
                let mut all = Vec::new();
                for col in input.columns("x")? {
                    all.extend(crate::batch::map_rows(col.len(), |i| col.get(i), parse_text));
                }
                Ok(all)
            })??;
            Ok(article_list(py, all)?.into_any())
        }
    }
}

/// Parse `x` (one str, rows or an Arrow column) into an Arrow table with one row per input
/// row; a missing row is a row of nulls. Returned as an object speaking the Arrow PyCapsule
/// stream interface (`pyarrow.table(t)`, `polars.DataFrame(t)`).
#[pyfunction]
pub fn parse_table(x: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyTable> {
    let py = x.py();
    let arrow_error = |e: arrow_schema::ArrowError| internal_error(format!("article table: {e}"));
    let batches = match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            detach(py, || parse_to_batches(1, |_| Some(text)))?.map_err(arrow_error)?
        }
        Texts::Rows(items) => {
            let rows = super::texts::borrow_rows(&items)?;
            detach(py, || parse_to_batches(rows.len(), |i| rows[i]))?.map_err(arrow_error)?
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            detach(py, || -> PyResult<_> {
                let mut all = Vec::new();
                for col in input.columns("x")? {
                    all.extend(parse_to_batches(col.len(), |i| col.get(i)).map_err(arrow_error)?);
                }
                Ok(all)
            })??
        }
    };
    pyo3_arrow::PyTable::try_new(batches, schema().map_err(arrow_error)?)
}
