//! Corpus I/O for Python: a streaming reader of Arrow record batches, and an atomic writer.
//!
//! `CorpusReader` is an iterator: each `next()` reads and decodes one chunk without the GIL
//! and hands back a record batch through the Arrow PyCapsule interface (`pyarrow.record_batch`
//! takes it without a copy). Python code runs between chunks, so Ctrl-C and progress bars work
//! however large the corpus. Errors become `KhabarValueError` with `path` and `line`
//! attributes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatch, PySchema};

use super::errors::{detach, value_error};
use crate::corpus::{self, CorpusError, CorpusWriter, Html, InputFormat, OnError, OutputFormat, ReadOptions};

/// `KhabarValueError` naming the file (and line), with `path` and `line` attributes.
fn corpus_error(e: CorpusError) -> PyErr {
    let err = value_error(e.to_string());
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("path", e.path.to_string_lossy().into_owned());
        let _ = v.setattr("line", e.line);
    });
    err
}

fn lock_poisoned() -> PyErr {
    value_error("the corpus reader or writer failed earlier and cannot be used again")
}

/// Streams a corpus (folder, text/HTML file, JSONL, CSV or Parquet) as record batches with the
/// columns `id`, `text` and `error`.
#[pyclass(name = "CorpusReader", module = "khabar._khabar")]
pub struct PyCorpusReader {
    batches: Mutex<Option<corpus::Batches>>,
    total_bytes: u64,
    progress: Arc<corpus::Progress>,
}

#[pymethods]
impl PyCorpusReader {
    #[new]
    #[pyo3(signature = (path, *, format=None, text_column="text", id_column=None, glob=None,
                        encoding=None, errors="raise", html="text", chunk_rows=50_000,
                        chunk_bytes=33_554_432))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        path: PathBuf,
        format: Option<&str>,
        text_column: &str,
        id_column: Option<String>,
        glob: Option<String>,
        encoding: Option<String>,
        errors: &str,
        html: &str,
        chunk_rows: usize,
        chunk_bytes: usize,
    ) -> PyResult<Self> {
        let on_error = match errors {
            "raise" => OnError::Raise,
            "mark" => OnError::Mark,
            other => return Err(value_error(format!("errors={other:?}: expected 'raise' or 'mark'"))),
        };
        let html = match html {
            "text" => Html::Text,
            "raw" => Html::Raw,
            other => return Err(value_error(format!("html={other:?}: expected 'text' or 'raw'"))),
        };
        let format = format.map(InputFormat::from_name).transpose().map_err(corpus_error)?;
        let opts = ReadOptions {
            text_column: text_column.to_string(),
            id_column,
            glob,
            encoding,
            on_error,
            html,
            chunk_rows,
            chunk_bytes,
        };
        let opened = detach(py, || corpus::open(&path, format, &opts))?.map_err(corpus_error)?;
        Ok(PyCorpusReader {
            batches: Mutex::new(Some(opened.batches)),
            total_bytes: opened.total_bytes,
            progress: opened.progress,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next chunk, read without the GIL; `StopIteration` at the end.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyRecordBatch>> {
        let next = detach(py, || -> PyResult<_> {
            let mut guard = self.batches.lock().map_err(|_| lock_poisoned())?;
            let Some(batches) = guard.as_mut() else { return Ok(None) };
            let item = batches.next();
            if !matches!(item, Some(Ok(_))) {
                *guard = None;
            }
            Ok(item)
        })??;
        match next {
            None => Ok(None),
            Some(Ok(batch)) => Ok(Some(PyRecordBatch::new(batch))),
            Some(Err(e)) => Err(corpus_error(e)),
        }
    }

    /// Total bytes of input (for a progress bar).
    #[getter]
    fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Bytes of input read so far.
    #[getter]
    fn bytes_read(&self) -> u64 {
        self.progress.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Rows produced so far.
    #[getter]
    fn rows_read(&self) -> u64 {
        self.progress.rows.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The schema of every batch: `id` (string), `text` (string), `error` (string).
    #[staticmethod]
    fn schema() -> PySchema {
        PySchema::new(corpus::schema())
    }
}

/// Writes record batches to Parquet or JSONL; the file appears under its name only on
/// `close()`. Dropped or aborted, it leaves nothing behind.
#[pyclass(name = "CorpusWriter", module = "khabar._khabar")]
pub struct PyCorpusWriter {
    inner: Mutex<Option<CorpusWriter>>,
}

impl PyCorpusWriter {
    fn with<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut CorpusWriter) -> Result<T, CorpusError> + Send) -> PyResult<T> {
        detach(py, || -> PyResult<T> {
            let mut guard = self.inner.lock().map_err(|_| lock_poisoned())?;
            let w = guard.as_mut().ok_or_else(|| value_error("the writer is already closed"))?;
            match f(w) {
                Ok(v) => Ok(v),
                Err(e) => {
                    *guard = None;
                    Err(corpus_error(e))
                }
            }
        })?
    }
}

#[pymethods]
impl PyCorpusWriter {
    #[new]
    #[pyo3(signature = (path, *, format=None, compression="zstd"))]
    fn new(path: PathBuf, format: Option<&str>, compression: &str) -> PyResult<Self> {
        let format = format.map(OutputFormat::from_name).transpose().map_err(corpus_error)?;
        let w = CorpusWriter::create(&path, format, compression).map_err(corpus_error)?;
        Ok(PyCorpusWriter { inner: Mutex::new(Some(w)) })
    }

    /// Append a record batch, or every batch of a table or stream.
    fn write(&self, py: Python<'_>, data: AnyRecordBatch) -> PyResult<()> {
        let batches = match data {
            AnyRecordBatch::RecordBatch(b) => vec![b.into_inner()],
            AnyRecordBatch::Stream(s) => s.into_table()?.into_inner().0,
        };
        self.with(py, |w| batches.iter().try_for_each(|b| w.write(b)))
    }

    /// Rows written so far.
    #[getter]
    fn rows(&self) -> PyResult<u64> {
        let guard = self.inner.lock().map_err(|_| lock_poisoned())?;
        Ok(guard.as_ref().map_or(0, CorpusWriter::rows))
    }

    /// Finish the file and move it into place; `schema` is needed only if nothing was
    /// written (to write an empty Parquet file). Returns the number of rows.
    #[pyo3(signature = (schema=None))]
    fn close(&self, py: Python<'_>, schema: Option<PySchema>) -> PyResult<u64> {
        let w = self.inner.lock().map_err(|_| lock_poisoned())?.take();
        let w = w.ok_or_else(|| value_error("the writer is already closed"))?;
        let schema = schema.map(|s| s.into_inner());
        detach(py, || w.finish(schema))?.map_err(corpus_error)
    }

    /// Drop the partial file; nothing appears under the output name.
    fn abort(&self) -> PyResult<()> {
        drop(self.inner.lock().map_err(|_| lock_poisoned())?.take());
        Ok(())
    }
}

/// The bytes of one text or HTML document decoded as every reader decodes them: a BOM, UTF-8,
/// an HTML `<meta charset>`, the detected legacy encoding, or `encoding` when named. `name`
/// (a file name; `<bytes>` when none) says whether it is HTML and stands for it in errors,
/// which give the line.
#[pyfunction]
#[pyo3(signature = (data, *, encoding=None, name=None))]
pub fn decode_text(py: Python<'_>, data: &[u8], encoding: Option<&str>, name: Option<PathBuf>) -> PyResult<String> {
    let name = name.unwrap_or_else(|| PathBuf::from("<bytes>"));
    let forced = corpus::encoding_for_label(encoding).map_err(corpus_error)?;
    let decoded = detach(py, || corpus::decode_file(data, &name, forced))?;
    decoded.map(|d| d.text).map_err(corpus_error)
}

/// The canonical name of the encoding a WHATWG label names (`None` for `auto`).
#[pyfunction]
pub fn encoding_name(label: &str) -> PyResult<Option<&'static str>> {
    let enc = corpus::encoding_for_label(Some(label)).map_err(corpus_error)?;
    Ok(enc.map(|e| e.name()))
}

/// The visible text of an HTML document (tags, scripts and styles dropped, entities decoded,
/// a blank line between paragraphs).
#[pyfunction]
pub fn html_to_text(py: Python<'_>, html: &str) -> PyResult<String> {
    detach(py, || corpus::html_to_text(html))
}

/// Make batch calls started from now on use `n` threads (1: the calling thread only).
#[pyfunction]
pub fn set_num_threads(n: i64) -> PyResult<()> {
    let n = usize::try_from(n).ok().filter(|&n| n >= 1).ok_or_else(|| {
        value_error(format!("set_num_threads: expected a whole number of at least 1, got {n}"))
    })?;
    crate::batch::set_threads(n);
    Ok(())
}

/// Threads a batch call started now uses in this process.
#[pyfunction]
pub fn num_threads() -> usize {
    crate::batch::threads()
}
