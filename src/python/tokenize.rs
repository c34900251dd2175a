//! `khabar._khabar.tokenize`, `sentences`, `stem`, `stem_words`, `is_stopword`, `stopwords`.
//!
//! The row writers live in [`crate::tokenize::writers`] and the batch engine runs them; this
//! file picks the writer from the arguments and converts: a lazy `Tokens`/`Sentences`/`Strings`
//! result per text for a `str` or a sequence ([`super::items`]), an Arrow
//! `list<struct<text, start, end, kind>>` or `list<string>` column for Arrow input.

use super::columns::{arrow_result, map_list_column, map_text_column, overflow_error};
use super::errors::{detach, value_error};
use super::items::{row_object, ItemKind};
use super::normalize::normalizer_arg;
use super::rows::map_list;
use super::texts::{borrow_one, ArrowInput, Texts};
use crate::batch::arrow::map_flags;
use crate::batch::{list_rows, ListChunk, Offset, OffsetOverflow};
use crate::normalize::Normalizer;
use crate::tokenize::stopwords as stoplist;
use crate::tokenize::writers::{write_sentences, write_stems, write_tokens};
use crate::tokenize::{Stemmer, TokenKind, TokenizeOptions};
use arrow_array::ArrayRef;
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyString};
use std::sync::Arc;

/// What a row turns into; one implementation per public function.
trait RowWriter: Sync + Send {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow>;
}

struct Tokens {
    opts: TokenizeOptions,
    normalizer: Option<Arc<Normalizer>>,
}

impl RowWriter for Tokens {
    fn write<O: Offset>(&self, text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
        write_tokens(text, self.opts, self.normalizer.as_deref(), out)
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

/// The names of the kind numbers the token writer records.
fn kind_names() -> Vec<&'static str> {
    TokenKind::ALL.iter().map(|k| k.name()).collect()
}

/// Run `writer` over `x` and convert: one lazy result for a `str`, a list of them for a
/// sequence, a list column for Arrow input.
fn run<'py, W: RowWriter>(x: &Bound<'py, PyAny>, writer: W, kind: ItemKind) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let fields = kind.fields();
    let write = |t: &str, out: &mut ListChunk<i64>| writer.write(t, out);
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let text = borrow_one(&s)?;
            let chunk = detach(py, || list_rows(&[Some(text)], fields, write))?.map_err(overflow_error)?;
            row_object(py, &Arc::new(chunk), 0, kind)
        }
        Texts::Rows(items) => {
            let work = |first: usize, rows: &[Option<&str>]| {
                list_rows(rows, fields, write).map_err(|e| OffsetOverflow { row: first + e.row })
            };
            let list = map_list(py, &items, work, |chunk, items, out| {
                let chunk = Arc::new(chunk.map_err(overflow_error)?);
                for (r, item) in items.iter().enumerate() {
                    // A missing row has no items: hand its own object back.
                    out.push(if chunk.row_items(r).is_empty() && super::texts::is_missing(item) {
                        item.clone()
                    } else {
                        row_object(py, &chunk, r, kind)?
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(a) => {
            let names = kind_names();
            let w32 = |t: &str, out: &mut ListChunk<i32>| writer.write(t, out);
            map_list_column(py, ArrowInput::new(a, "x")?, w32, write, fields, &names)
        }
    }
}

fn stemmer_arg(algorithm: &str) -> PyResult<Stemmer> {
    Stemmer::by_name(algorithm).ok_or_else(|| {
        value_error(format!(
            "unknown stemming algorithm {algorithm:?}; valid algorithms: {}",
            Stemmer::NAMES.join(", ")
        ))
    })
}

fn item_kind(offsets: bool, with: ItemKind) -> ItemKind {
    if offsets {
        with
    } else {
        ItemKind::Text
    }
}

/// Tokens of `x`: one str -> `Tokens`; rows -> list of `Tokens`; Arrow -> Arrow list column.
#[pyfunction]
#[pyo3(signature = (x, offsets = true, normalizer = None, clitics = false, drop_stopwords = false))]
pub fn tokenize<'py>(
    x: &Bound<'py, PyAny>,
    offsets: bool,
    normalizer: Option<&Bound<'py, PyAny>>,
    clitics: bool,
    drop_stopwords: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let writer = Tokens { opts: TokenizeOptions { clitics, drop_stopwords }, normalizer: normalizer_arg(normalizer)? };
    run(x, writer, item_kind(offsets, ItemKind::Token))
}

/// Sentences of `x`, with code-point spans.
#[pyfunction]
#[pyo3(signature = (x, offsets = true))]
pub fn sentences<'py>(x: &Bound<'py, PyAny>, offsets: bool) -> PyResult<Bound<'py, PyAny>> {
    run(x, Sentences, item_kind(offsets, ItemKind::Sentence))
}

/// Stems of the words of `x`: one str -> `Strings`; a column -> one per row.
#[pyfunction]
#[pyo3(signature = (x, algorithm = "light10", drop_stopwords = false))]
pub fn stem<'py>(x: &Bound<'py, PyAny>, algorithm: &str, drop_stopwords: bool) -> PyResult<Bound<'py, PyAny>> {
    run(x, Stems { stemmer: stemmer_arg(algorithm)?, drop_stopwords }, ItemKind::Text)
}

/// The stem of each word: str -> str, rows -> list, Arrow -> Arrow (each row one word).
#[pyfunction]
#[pyo3(signature = (x, algorithm = "light10"))]
pub fn stem_words<'py>(x: &Bound<'py, PyAny>, algorithm: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let stemmer = stemmer_arg(algorithm)?;
    match Texts::extract(x, "x")? {
        Texts::One(s) => {
            let word = borrow_one(&s)?;
            let out = detach(py, || stemmer.stem(word))?;
            Ok(PyString::new(py, &out).into_any())
        }
        Texts::Rows(items) => {
            let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<String>> {
                rows.iter().map(|r| r.map(|w| stemmer.stem(w))).collect()
            };
            let list = map_list(py, &items, work, |part, items, out| {
                for (item, stem) in items.iter().zip(part) {
                    out.push(match stem {
                        None => item.clone(),
                        Some(s) => PyString::new(py, &s).into_any(),
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(a) => map_text_column(py, ArrowInput::new(a, "x")?, |w, out| stemmer.stem_into(w, out), false, "x"),
    }
}

/// Whether each word is a stopword: str -> bool, rows -> list, Arrow -> Arrow bool column.
#[pyfunction]
pub fn is_stopword<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    match Texts::extract(x, "x")? {
        Texts::One(s) => Ok(PyBool::new(py, stoplist::is_stopword(borrow_one(&s)?)).to_owned().into_any()),
        Texts::Rows(items) => {
            let work = |_: usize, rows: &[Option<&str>]| -> Vec<Option<bool>> {
                rows.iter().map(|r| r.map(stoplist::is_stopword)).collect()
            };
            let list = map_list(py, &items, work, |part, items, out| {
                for (item, flag) in items.iter().zip(part) {
                    out.push(match flag {
                        None => item.clone(),
                        Some(b) => PyBool::new(py, b).to_owned().into_any(),
                    });
                }
                Ok(())
            })?;
            Ok(list.into_any())
        }
        Texts::Arrow(a) => {
            let input = ArrowInput::new(a, "x")?;
            let out = detach(py, || -> PyResult<Vec<ArrayRef>> {
                Ok(input.columns("x")?.iter().map(|col| map_flags(col, stoplist::is_stopword)).collect())
            })??;
            arrow_result(py, &input, out, DataType::Boolean)
        }
    }
}

/// The shipped stopword list, in file order, as written there.
#[pyfunction]
pub fn stopwords() -> Vec<&'static str> {
    stoplist::entries().collect()
}
