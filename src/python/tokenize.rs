//! `khabar._khabar.tokenize`, `sentences`, `stem`, `stem_words`, `is_stopword`, `stopwords`.
//!
//! The core writes each row's items straight into Arrow-layout buffers
//! ([`crate::tokenize::columns::ListChunk`]), with code-point spans, without the GIL and in
//! parallel over rows. This file only turns those buffers into what the caller gave: Python
//! lists of `Token`/`Sentence` named tuples (or of `str`) for a `str` or a sequence, Arrow
//! `list<struct<text, start, end, kind>>` or `list<string>` columns for Arrow input.

use super::columns::map_arrow;
use super::errors::{detach, type_error, value_error};
use super::texts::{borrow_one, borrow_rows, StrColumn, Texts};
use crate::batch::{Offset, OffsetOverflow};
use crate::normalize::{NormalizeOptions, Normalizer, OptionsError, RawValue};
use crate::tokenize::columns::{
    map_list_chunks, map_list_column, stopword_flags, write_sentences, write_stems,
    write_tokens, ItemFields, ListChunk,
};
use crate::tokenize::stopwords as stoplist;
use crate::tokenize::{Stemmer, TokenKind, TokenizeOptions};
use arrow_array::types::Int8Type;
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, GenericListArray, GenericStringArray, Int32Array,
    Int8Array, OffsetSizeTrait, StringArray, StructArray,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple, PyType};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray};
use std::sync::Arc;

/// The Python type each item becomes (when spans are on).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    /// `khabar.Token(text, start, end, kind)`.
    Token,
    /// `khabar.Sentence(text, start, end)`.
    Sentence,
}

/// What a row turns into; one implementation per public function.
trait RowWriter: Sync {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow>;
}

struct Tokens {
    opts: TokenizeOptions,
    normalizer: Option<Normalizer>,
}

impl RowWriter for Tokens {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
        write_tokens(text, self.opts, self.normalizer.as_ref(), out)
    }
}

struct Sentences;

impl RowWriter for Sentences {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
        write_sentences(text, out)
    }
}

struct Stems {
    stemmer: Stemmer,
    drop_stopwords: bool,
}

impl RowWriter for Stems {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
        write_stems(text, self.stemmer, self.drop_stopwords, out)
    }
}

fn overflow_error(e: OffsetOverflow) -> PyErr {
    value_error(format!(
        "{e} (or a row has more than 2**31 - 1 characters or items)"
    ))
}

// ---------------------------------------------------------------------------------------------
// Python lists

static TOKEN: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static SENTENCE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TUPLE_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python objects of items: named tuples made with `tuple.__new__(cls, fields)`,
/// which skips the Python-level `__new__` of a `NamedTuple`.
struct ItemBuilder<'py> {
    py: Python<'py>,
    item: Option<(Bound<'py, PyType>, Bound<'py, PyAny>)>,
    kinds: Vec<Bound<'py, PyString>>,
}

impl<'py> ItemBuilder<'py> {
    fn new(py: Python<'py>, item: Option<Item>) -> PyResult<Self> {
        let item = match item {
            None => None,
            Some(which) => {
                let (cell, name) = match which {
                    Item::Token => (&TOKEN, "Token"),
                    Item::Sentence => (&SENTENCE, "Sentence"),
                };
                let cls = cell.import(py, "khabar._tokens", name)?.clone();
                let new = TUPLE_NEW
                    .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                        Ok(py.get_type::<PyTuple>().getattr("__new__")?.unbind())
                    })?
                    .bind(py)
                    .clone();
                Some((cls, new))
            }
        };
        let kinds = TokenKind::ALL
            .iter()
            .map(|k| PyString::intern(py, k.name()))
            .collect();
        Ok(ItemBuilder { py, item, kinds })
    }

    fn row<O: Offset>(&self, chunk: &ListChunk<O>, r: usize) -> PyResult<Bound<'py, PyList>> {
        let py = self.py;
        let items = chunk.row_items(r);
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            let text = PyString::new(py, chunk.item_text(i));
            let obj = match &self.item {
                None => text.into_any(),
                Some((cls, new)) => {
                    let (s, e) = (chunk.starts[i], chunk.ends[i]);
                    let fields = if chunk.kinds.is_empty() {
                        PyTuple::new(
                            py,
                            [
                                text.into_any(),
                                s.into_pyobject(py)?.into_any(),
                                e.into_pyobject(py)?.into_any(),
                            ],
                        )?
                    } else {
                        let kind = self.kinds[chunk.kinds[i] as usize].clone();
                        PyTuple::new(
                            py,
                            [
                                text.into_any(),
                                s.into_pyobject(py)?.into_any(),
                                e.into_pyobject(py)?.into_any(),
                                kind.into_any(),
                            ],
                        )?
                    };
                    new.call1((cls, fields))?
                }
            };
            out.push(obj);
        }
        PyList::new(py, out)
    }
}

/// Pauses Python's cyclic garbage collector while result objects are built: every 700 new
/// tuples would otherwise start a collection that walks the ones already built (it doubled
/// the cost of a list of `Token`s). The GIL is held throughout; the previous state comes back
/// on drop, also on error.
struct GcPause(bool);

impl GcPause {
    fn new(_py: Python<'_>) -> Self {
        // SAFETY: called with the GIL held (`_py`); PyGC_Disable has no other precondition.
        GcPause(unsafe { pyo3::ffi::PyGC_Disable() } == 1)
    }
}

impl Drop for GcPause {
    fn drop(&mut self) {
        if self.0 {
            // SAFETY: dropped on the thread that holds the GIL, in the scope that paused.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

fn run_python<'py, W: RowWriter>(
    x: &Bound<'py, PyAny>,
    texts: Texts<'py>,
    writer: &W,
    fields: ItemFields,
    item: Option<Item>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let builder = ItemBuilder::new(py, item)?;
    match texts {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let chunk = detach(py, || -> Result<ListChunk<i64>, OffsetOverflow> {
                let mut chunk = ListChunk::new(fields, 1, text.len());
                writer.write(text, &mut chunk)?;
                chunk.end_row(0)?;
                Ok(chunk)
            })?
            .map_err(overflow_error)?;
            let _pause = GcPause::new(py);
            Ok(builder.row(&chunk, 0)?.into_any())
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            let chunks = detach(py, || {
                map_list_chunks::<i64, _, _, _>(
                    rows.len(),
                    |i| rows[i],
                    fields,
                    |t, out| writer.write(t, out),
                    |s, e| rows[s..e].iter().map(|r| r.map_or(0, str::len)).sum(),
                )
            })?
            .map_err(overflow_error)?;
            let _pause = GcPause::new(py);
            let mut out = Vec::with_capacity(items.len());
            let mut i = 0;
            for chunk in &chunks {
                for r in 0..chunk.rows() {
                    if rows[i].is_none() {
                        out.push(items[i].clone());
                    } else {
                        out.push(builder.row(chunk, r)?.into_any());
                    }
                    i += 1;
                }
            }
            Ok(PyList::new(py, out)?.into_any())
        }
        Texts::Arrow(_) => unreachable!("Arrow input goes to run_arrow"),
    }
}

// ---------------------------------------------------------------------------------------------
// Arrow columns

fn kind_values() -> ArrayRef {
    Arc::new(StringArray::from_iter_values(
        TokenKind::ALL.iter().map(|k| k.name()),
    ))
}

/// The Arrow type of one list item.
fn item_type(large: bool, fields: ItemFields) -> DataType {
    let text = if large {
        DataType::LargeUtf8
    } else {
        DataType::Utf8
    };
    if !fields.spans {
        return text;
    }
    DataType::Struct(struct_fields(text, fields))
}

fn struct_fields(text: DataType, fields: ItemFields) -> Fields {
    let mut f = vec![
        Field::new("text", text, false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
    ];
    if fields.kinds {
        f.push(Field::new(
            "kind",
            DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8)),
            false,
        ));
    }
    f.into()
}

/// Wrap a chunk's buffers as a list column, without copying them and without arrow's
/// validation passes: those walk every item offset and every kind on one thread (a tenth of
/// the whole call on a big column), and the writers guarantee what they check.
fn list_array<O: OffsetSizeTrait + Offset>(
    chunk: ListChunk<O>,
    nulls: Option<NullBuffer>,
) -> PyResult<ArrayRef> {
    let fields = chunk.fields();
    // SAFETY: offsets start at 0 and only grow: the writers push the values buffer's length
    // after each item (and the item count after each row), and the buffer only grows.
    let offsets = unsafe { OffsetBuffer::new_unchecked(ScalarBuffer::from(chunk.text.offsets)) };
    // SAFETY: every item was appended by a writer producing `str` data, so the values are
    // valid UTF-8 at every offset; skipping arrow's re-validation saves a full pass.
    let text: ArrayRef = Arc::new(unsafe {
        GenericStringArray::<O>::new_unchecked(offsets, Buffer::from_vec(chunk.text.values), None)
    });
    let values: ArrayRef = if fields.spans {
        let mut arrays = vec![
            text.clone(),
            Arc::new(Int32Array::new(ScalarBuffer::from(chunk.starts), None)) as ArrayRef,
            Arc::new(Int32Array::new(ScalarBuffer::from(chunk.ends), None)) as ArrayRef,
        ];
        if fields.kinds {
            let keys = Int8Array::new(ScalarBuffer::from(chunk.kinds), None);
            // SAFETY: every key is a `TokenKind as i8`, an index into `TokenKind::ALL`, which
            // `kind_values` lists in order.
            let dict = unsafe { DictionaryArray::<Int8Type>::new_unchecked(keys, kind_values()) };
            arrays.push(Arc::new(dict));
        }
        let sf = struct_fields(text.data_type().clone(), fields);
        Arc::new(StructArray::try_new(sf, arrays, None).map_err(|e| value_error(e.to_string()))?)
    } else {
        text
    };
    let item = Arc::new(Field::new("item", values.data_type().clone(), false));
    // SAFETY: as for the item offsets above.
    let lists = unsafe { OffsetBuffer::new_unchecked(ScalarBuffer::from(chunk.lists)) };
    Ok(Arc::new(
        GenericListArray::<i32>::try_new(item, lists, values, nulls)
            .map_err(|e| value_error(e.to_string()))?,
    ))
}

fn map_column<O: OffsetSizeTrait + Offset, W: RowWriter>(
    col: &StrColumn<'_>,
    writer: &W,
    fields: ItemFields,
    joined: bool,
) -> PyResult<Vec<ArrayRef>> {
    let nulls = col.nulls();
    if joined {
        let one: ListChunk<O> = map_list_column(
            col.len(),
            |i| col.get(i),
            fields,
            |t, out| writer.write(t, out),
            |s, e| col.byte_len(s, e),
        )
        .map_err(overflow_error)?;
        return Ok(vec![list_array(one, nulls)?]);
    }
    let chunks: Vec<ListChunk<O>> = map_list_chunks(
        col.len(),
        |i| col.get(i),
        fields,
        |t, out| writer.write(t, out),
        |s, e| col.byte_len(s, e),
    )
    .map_err(overflow_error)?;
    let mut start = 0;
    chunks
        .into_iter()
        .map(|c| {
            let len = c.rows();
            let part = nulls.as_ref().map(|n| n.slice(start, len));
            start += len;
            list_array(c, part)
        })
        .collect()
}

fn map_any<W: RowWriter>(
    array: &ArrayRef,
    writer: &W,
    fields: ItemFields,
    joined: bool,
) -> PyResult<Vec<ArrayRef>> {
    let col = StrColumn::new(array, "x")?;
    if col.is_large() {
        map_column::<i64, W>(&col, writer, fields, joined)
    } else {
        map_column::<i32, W>(&col, writer, fields, joined)
    }
}

fn list_field(name: &str, large: bool, fields: ItemFields) -> FieldRef {
    let item = Field::new("item", item_type(large, fields), false);
    Arc::new(Field::new(name, DataType::List(Arc::new(item)), true))
}

fn run_arrow<'py, W: RowWriter>(
    py: Python<'py>,
    input: AnyArray,
    writer: &W,
    fields: ItemFields,
) -> PyResult<Bound<'py, PyAny>> {
    match input {
        AnyArray::Array(a) => {
            let (array, field) = a.into_inner();
            let out = detach(py, || map_any(&array, writer, fields, true))??;
            let one = out
                .into_iter()
                .next()
                .expect("a joined column is one array");
            let field = Arc::new(Field::new(field.name(), one.data_type().clone(), true));
            let arr = PyArray::try_new(one, field).map_err(|e| value_error(e.to_string()))?;
            Ok(Bound::new(py, arr)?.into_any())
        }
        AnyArray::Stream(stream) => {
            let chunked = stream.into_chunked_array().map_err(PyErr::from)?;
            let (chunks, field) = chunked.into_inner();
            let large = matches!(field.data_type(), DataType::LargeUtf8);
            if !matches!(
                field.data_type(),
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
            ) {
                return Err(type_error(format!(
                    "x: expected an Arrow string column (string, large_string or string_view), \
                     got {}",
                    field.data_type()
                )));
            }
            let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
                let mut out = Vec::new();
                for c in &chunks {
                    out.extend(map_any(c, writer, fields, false)?);
                }
                Ok(out)
            })??;
            let field = list_field(field.name(), large, fields);
            Ok(Bound::new(py, PyChunkedArray::try_new(out, field)?)?.into_any())
        }
    }
}

fn run<'py, W: RowWriter>(
    x: &Bound<'py, PyAny>,
    writer: W,
    offsets: bool,
    kinds: bool,
    item: Item,
) -> PyResult<Bound<'py, PyAny>> {
    let fields = ItemFields {
        spans: offsets,
        kinds: offsets && kinds,
    };
    match Texts::extract(x, "x")? {
        Texts::Arrow(a) => run_arrow(x.py(), a, &writer, fields),
        texts => run_python(x, texts, &writer, fields, offsets.then_some(item)),
    }
}

// ---------------------------------------------------------------------------------------------
// Options

fn options_error(e: OptionsError) -> PyErr {
    match e {
        OptionsError::UnknownPreset(_) => value_error(format!("normalizer: {e}")),
        _ => type_error(format!("normalizer: {e}")),
    }
}

fn raw_value(v: &Bound<'_, PyAny>) -> PyResult<RawValue> {
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(RawValue::Bool(b.is_true()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(RawValue::Str(s.to_str()?.to_string()));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(RawValue::Int(v.extract::<i64>()?));
    }
    let found = v
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(type_error(format!(
        "normalizer: a rule value must be a bool, str or int, got {found}"
    )))
}

/// A core normalizer from a preset name or anything with `preset` and `rules` (a Normalizer).
fn normalizer_from(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Normalizer>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(name) = obj.cast::<PyString>() {
        let opts = NormalizeOptions::preset(name.to_str()?).map_err(options_error)?;
        return Ok(Some(Normalizer::new(opts)));
    }
    let (Ok(preset), Ok(rules)) = (obj.getattr("preset"), obj.getattr("rules")) else {
        let found = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        return Err(type_error(format!(
            "normalizer: expected None, a preset name or a khabar.Normalizer, got {found}"
        )));
    };
    let mut opts = NormalizeOptions::preset(preset.extract::<&str>()?).map_err(options_error)?;
    for (k, v) in rules.cast::<PyDict>()?.iter() {
        opts.set(k.extract::<&str>()?, raw_value(&v)?)
            .map_err(options_error)?;
    }
    Ok(Some(Normalizer::new(opts)))
}

fn stemmer_from(algorithm: &str) -> PyResult<Stemmer> {
    Stemmer::by_name(algorithm).ok_or_else(|| {
        value_error(format!(
            "unknown stemming algorithm {algorithm:?}; valid algorithms: {}",
            Stemmer::NAMES.join(", ")
        ))
    })
}

// ---------------------------------------------------------------------------------------------
// Functions

/// Tokens of `x`: one str -> list; rows -> list of lists; Arrow -> Arrow list column.
#[pyfunction]
#[pyo3(signature = (x, offsets = true, normalizer = None, clitics = false, drop_stopwords = false))]
pub fn tokenize<'py>(
    x: &Bound<'py, PyAny>,
    offsets: bool,
    normalizer: Option<&Bound<'py, PyAny>>,
    clitics: bool,
    drop_stopwords: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let writer = Tokens {
        opts: TokenizeOptions {
            clitics,
            drop_stopwords,
        },
        normalizer: normalizer_from(normalizer)?,
    };
    run(x, writer, offsets, true, Item::Token)
}

/// Sentences of `x` (SPEC C5), with code-point spans.
#[pyfunction]
#[pyo3(signature = (x, offsets = true))]
pub fn sentences<'py>(x: &Bound<'py, PyAny>, offsets: bool) -> PyResult<Bound<'py, PyAny>> {
    run(x, Sentences, offsets, false, Item::Sentence)
}

/// Stems of the words of `x`: one str -> list of str; a column -> one list per row.
#[pyfunction]
#[pyo3(signature = (x, algorithm = "light10", drop_stopwords = false))]
pub fn stem<'py>(
    x: &Bound<'py, PyAny>,
    algorithm: &str,
    drop_stopwords: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let writer = Stems {
        stemmer: stemmer_from(algorithm)?,
        drop_stopwords,
    };
    run(x, writer, false, false, Item::Token)
}

/// The stem of each word: str -> str, rows -> list, Arrow -> Arrow (each row one word).
#[pyfunction]
#[pyo3(signature = (x, algorithm = "light10"))]
pub fn stem_words<'py>(x: &Bound<'py, PyAny>, algorithm: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let stemmer = stemmer_from(algorithm)?;
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let word = borrow_one(&s)?;
            let out = detach(py, || stemmer.stem(word))?;
            Ok(PyString::new(py, &out).into_any())
        }
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            let out = detach(py, || {
                crate::batch::map_rows(rows.len(), |i| rows[i], |w| stemmer.stem(w))
            })?;
            let list = PyList::empty(py);
            for (item, o) in items.iter().zip(out) {
                match o {
                    None => list.append(item)?,
                    Some(s) => list.append(PyString::new(py, &s))?,
                }
            }
            Ok(list.into_any())
        }
        Texts::Arrow(a) => map_arrow(py, a, |w, out| stemmer.stem_into(w, out), false, "x"),
    }
}

fn bool_array(flags: Vec<Option<bool>>, nulls: Option<NullBuffer>) -> ArrayRef {
    let values = BooleanBuffer::from_iter(flags.iter().map(|f| f.unwrap_or(false)));
    Arc::new(BooleanArray::new(values, nulls))
}

/// Whether each word is a stopword: str -> bool, rows -> list, Arrow -> Arrow bool column.
#[pyfunction]
pub fn is_stopword<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => Ok(PyBool::new(py, stoplist::is_stopword(borrow_one(&s)?))
            .to_owned()
            .into_any()),
        Texts::Rows(items) => {
            let rows = borrow_rows(&items)?;
            let out = detach(py, || stopword_flags(rows.len(), |i| rows[i]))?;
            let list = PyList::empty(py);
            for (item, o) in items.iter().zip(out) {
                match o {
                    None => list.append(item)?,
                    Some(b) => list.append(PyBool::new(py, b))?,
                }
            }
            Ok(list.into_any())
        }
        Texts::Arrow(AnyArray::Array(a)) => {
            let (array, field) = a.into_inner();
            let out = detach(py, || -> PyResult<ArrayRef> {
                let col = StrColumn::new(&array, "x")?;
                Ok(bool_array(
                    stopword_flags(col.len(), |i| col.get(i)),
                    col.nulls(),
                ))
            })??;
            let field = Arc::new(Field::new(field.name(), DataType::Boolean, true));
            let arr = PyArray::try_new(out, field).map_err(|e| value_error(e.to_string()))?;
            Ok(Bound::new(py, arr)?.into_any())
        }
        Texts::Arrow(AnyArray::Stream(stream)) => {
            let chunked = stream.into_chunked_array().map_err(PyErr::from)?;
            let (chunks, field) = chunked.into_inner();
            let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
                chunks
                    .iter()
                    .map(|c| {
                        let col = StrColumn::new(c, "x")?;
                        Ok(bool_array(
                            stopword_flags(col.len(), |i| col.get(i)),
                            col.nulls(),
                        ))
                    })
                    .collect()
            })??;
            let field = Arc::new(Field::new(field.name(), DataType::Boolean, true));
            Ok(Bound::new(py, PyChunkedArray::try_new(out, field)?)?.into_any())
        }
    }
}

/// The shipped stopword list, in file order, as written there.
#[pyfunction]
pub fn stopwords() -> Vec<&'static str> {
    stoplist::entries().collect()
}
