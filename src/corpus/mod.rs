//! Reading corpora from disk as Arrow record batches, and writing results back.
//!
//! A corpus is a folder of scraped files (`.txt`, `.html`; recursive, filtered by a glob), a
//! JSONL file, a CSV or TSV file or a Parquet file. Every reader is an iterator of
//! [`RecordBatch`]es with the same three columns, cut into chunks of at most `chunk_rows` rows
//! and about `chunk_bytes` bytes of text, so memory stays bounded however large the input:
//!
//! | column | type | what |
//! |---|---|---|
//! | `id` | string, never null | the id column's value, else `FILE:LINE` (JSONL, CSV), `FILE#ROW` (Parquet) or the path relative to the folder |
//! | `text` | string | the document; null where the input holds null or the row could not be read |
//! | `error` | string | null, or why the row could not be read (with [`OnError::Mark`]) |
//!
//! Rows are never dropped: with [`OnError::Mark`] a row that cannot be read (invalid JSON, a
//! number where text should be, bytes that are not UTF-8) stays in place with a null `text`
//! and its `error`; with [`OnError::Raise`] reading stops with a [`CorpusError`] naming the
//! file and line. Problems with the input as a whole (missing file, no such column, an empty
//! file) are always errors.
//!
//! [`open`] reads a path; [`read`] reads the same formats (all but folders) from any byte
//! source, such as bytes in memory or a pipe, with a name standing for the file in ids and
//! errors. The path readers are [`read`] on the opened file (Parquet reads the file in place).
//!
//! Encodings ([`decode`]): documents and CSV files that are not UTF-8 (a BOM says so, an HTML
//! `<meta charset>` says so, or their first bytes do not decode) are decoded with the encoding
//! [`chardetng`] guesses (windows-1256 for most Arabic sites of the 2000s), or the one named in
//! [`ReadOptions::encoding`]. JSONL is JSON, which is UTF-8: it is never guessed, and a line
//! that is not UTF-8 is a row error; name the encoding to read a legacy JSONL file. Bytes that
//! cannot be decoded are reported with their offset and line, never turned into mojibake.
//!
//! Writers ([`write`]) put Parquet or JSONL next to the final path and rename it into place
//! only when every batch was written: an interrupted run never leaves a partial output under
//! the name of a complete one.

mod decode;
mod delimited;
mod files;
mod jsonl;
mod parquet_file;
mod warc;
pub mod write;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

pub use decode::{decode, decode_file, encoding_for_label, DecodeError, Decoded};
pub use files::html_to_text;
pub use write::{CorpusWriter, OutputFormat};

/// What to do with a row that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop with an error naming the file and line.
    Raise,
    /// Keep the row, with a null `text` and the reason in `error`.
    Mark,
}

/// How HTML files of a folder become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Html {
    /// The visible text: tags, scripts and styles removed, entities decoded, blocks on lines.
    Text,
    /// The file as it is.
    Raw,
}

/// The kind of input, from the path unless given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// A folder of text/HTML files.
    Folder,
    /// One text or HTML file, read as one row.
    File,
    /// JSON lines.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Parquet.
    Parquet,
    /// A WARC crawl file (`.warc`, or `.warc.gz`, gzip-compressed): one row per HTML response.
    Warc,
}

impl InputFormat {
    /// Parse a format name (`folder`, `file`, `jsonl`, `csv`, `tsv`, `parquet`).
    pub fn from_name(name: &str) -> Result<Self, CorpusError> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "folder" | "dir" => InputFormat::Folder,
            "file" | "txt" | "text" | "html" => InputFormat::File,
            "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "parquet" | "pq" => InputFormat::Parquet,
            "warc" => InputFormat::Warc,
            other => {
                return Err(CorpusError::new(
                    "",
                    format!(
                        "unknown input format {other:?}; expected folder, file, jsonl, csv, tsv, parquet or warc"
                    ),
                ))
            }
        })
    }

    /// Guess the format from the path: a folder, else the extension.
    pub fn guess(path: &Path) -> Result<Self, CorpusError> {
        if path.is_dir() {
            return Ok(InputFormat::Folder);
        }
        if warc::is_warc(path) {
            return Ok(InputFormat::Warc);
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Ok(InputFormat::Jsonl),
            "csv" => Ok(InputFormat::Csv),
            "tsv" | "tab" => Ok(InputFormat::Tsv),
            "parquet" | "pq" => Ok(InputFormat::Parquet),
            "txt" | "text" | "html" | "htm" => Ok(InputFormat::File),
            _ => Err(CorpusError::new(
                path,
                "cannot tell the format from the extension; pass format= (folder, file, jsonl, \
                 csv, tsv or parquet)",
            )),
        }
    }
}

/// Options shared by every reader.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Column (JSON key, CSV header, Parquet column) holding the text.
    pub text_column: String,
    /// Column holding a row id; `None`: ids are made from the file and line.
    pub id_column: Option<String>,
    /// Glob of files to read under a folder (relative to it), e.g. `**/*.txt`.
    pub glob: Option<String>,
    /// `None` (or `auto`): detect (UTF-8 unless a BOM or the bytes say otherwise; JSONL is
    /// UTF-8 unless a BOM says otherwise); else a WHATWG label, such as `windows-1256`.
    pub encoding: Option<String>,
    /// What to do with a row that cannot be read.
    pub on_error: OnError,
    /// How HTML files become text.
    pub html: Html,
    /// At most this many rows per batch.
    pub chunk_rows: usize,
    /// About this many bytes of input per batch.
    pub chunk_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text_column: "text".into(),
            id_column: None,
            glob: None,
            encoding: None,
            on_error: OnError::Raise,
            html: Html::Text,
            chunk_rows: 50_000,
            chunk_bytes: 32 << 20,
        }
    }
}

/// An error reading or writing a corpus: which file, where in it, and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The file (or folder).
    pub path: PathBuf,
    /// 1-based line (JSONL, CSV) or 0-based row (Parquet), when the error is about one row.
    pub line: Option<u64>,
    /// What went wrong.
    pub message: String,
}

impl CorpusError {
    /// An error about a whole file.
    pub fn new(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        CorpusError { path: path.as_ref().to_path_buf(), line: None, message: message.into() }
    }

    /// An error about one line of a file.
    pub fn at(path: impl AsRef<Path>, line: u64, message: impl Into<String>) -> Self {
        CorpusError { path: path.as_ref().to_path_buf(), line: Some(line), message: message.into() }
    }

    pub(crate) fn io(path: impl AsRef<Path>, e: &std::io::Error) -> Self {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        CorpusError::new(path, what)
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None if self.path.as_os_str().is_empty() => f.write_str(&self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for CorpusError {}

/// A stream of record batches read from a corpus.
pub type Batches = Box<dyn Iterator<Item = Result<RecordBatch, CorpusError>> + Send>;

/// Progress counters a reader updates as it goes (shared with whoever shows progress).
#[derive(Debug, Default)]
pub struct Progress {
    /// Input bytes consumed so far.
    pub bytes: AtomicU64,
    /// Rows produced so far.
    pub rows: AtomicU64,
}

impl Progress {
    pub(crate) fn add(&self, bytes: u64, rows: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.rows.fetch_add(rows, Ordering::Relaxed);
    }
}

/// An opened corpus: its batches, total input size and live progress counters.
pub struct Corpus {
    /// The batches, in input order.
    pub batches: Batches,
    /// Total bytes of input (file sizes), for a progress bar; 0 when unknown (a stream).
    pub total_bytes: u64,
    /// Counters the reader updates as batches are produced.
    pub progress: Arc<Progress>,
}

/// The schema of every batch a reader produces.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, true),
        Field::new("error", DataType::Utf8, true),
    ]))
}

/// How a file is named in ids: its file name (the whole name when it has none).
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned()
}

/// One read row before it becomes part of a batch.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub id: String,
    pub text: Option<String>,
    pub error: Option<String>,
}

/// Build a batch from rows (ids, texts and errors in three string columns).
pub(crate) fn rows_to_batch(rows: &[Row]) -> RecordBatch {
    let ids: ArrayRef = Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.id.as_str())));
    let texts: ArrayRef = Arc::new(StringArray::from_iter(rows.iter().map(|r| r.text.as_deref())));
    let errors: ArrayRef =
        Arc::new(StringArray::from_iter(rows.iter().map(|r| r.error.as_deref())));
    RecordBatch::try_new(schema(), vec![ids, texts, errors]).expect("columns match the schema")
}

/// Open `path` as a corpus of the given (or guessed) format.
pub fn open(path: &Path, format: Option<InputFormat>, opts: &ReadOptions) -> Result<Corpus, CorpusError> {
    check(opts)?;
    let meta = std::fs::metadata(path).map_err(|e| CorpusError::io(path, &e))?;
    let format = match format {
        Some(f) => f,
        None => InputFormat::guess(path)?,
    };
    if format == InputFormat::Folder && !meta.is_dir() {
        return Err(CorpusError::new(path, "not a folder"));
    }
    if format != InputFormat::Folder && meta.is_dir() {
        return Err(CorpusError::new(path, "is a folder; use format='folder' or a file path"));
    }
    let forced = encoding_for_label(opts.encoding.as_deref())?;
    match format {
        InputFormat::Folder => {
            let progress = Arc::new(Progress::default());
            let (batches, total_bytes) = files::open_folder(path, opts, forced, progress.clone())?;
            Ok(Corpus { batches, total_bytes, progress })
        }
        InputFormat::Parquet => {
            // Read in place: Parquet jumps to its footer and to the column chunks it needs.
            let file = std::fs::File::open(path).map_err(|e| CorpusError::io(path, &e))?;
            let progress = Arc::new(Progress::default());
            let batches = parquet_file::open(file, meta.len(), path, opts, progress.clone())?;
            Ok(Corpus { batches, total_bytes: meta.len(), progress })
        }
        _ => {
            let file = std::fs::File::open(path).map_err(|e| CorpusError::io(path, &e))?;
            let corpus = read(file, path, format, opts)?;
            Ok(Corpus { total_bytes: meta.len(), ..corpus })
        }
    }
}

/// Read a corpus in one of the single-file formats from any byte source: bytes in memory
/// (`&[u8]` through [`std::io::Cursor`]), a pipe, a member of an archive. `name` stands for
/// the file in ids and errors (a file name, or something like `<stdin>`); for
/// [`InputFormat::File`] its extension says whether the document is HTML. Parquet needs the
/// whole input at hand, so it is read into memory first. A folder can only be [`open`]ed.
///
/// ```
/// use khabar::corpus::{read, InputFormat, OnError, ReadOptions};
/// let jsonl = b"{\"text\": \"\xd9\x86\xd8\xb5\"}\n{\"text\": \"caf\xe9\"}\n";
/// let opts = ReadOptions { on_error: OnError::Mark, ..Default::default() };
/// let mut corpus = read(std::io::Cursor::new(jsonl), "news.jsonl", InputFormat::Jsonl, &opts).unwrap();
/// let batch = corpus.batches.next().unwrap().unwrap();
/// assert_eq!(batch.num_rows(), 2);
/// ```
pub fn read(
    source: impl Read + Send + 'static,
    name: impl AsRef<Path>,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Corpus, CorpusError> {
    check(opts)?;
    let name = name.as_ref();
    let forced = encoding_for_label(opts.encoding.as_deref())?;
    let progress = Arc::new(Progress::default());
    let batches = match format {
        InputFormat::Folder => {
            return Err(CorpusError::new(name, "a folder is read from its path (corpus::open), not from a stream"))
        }
        InputFormat::Parquet => {
            let mut bytes = Vec::new();
            let mut source = source;
            source.read_to_end(&mut bytes).map_err(|e| CorpusError::io(name, &e))?;
            let size = bytes.len() as u64;
            parquet_file::open(bytes::Bytes::from(bytes), size, name, opts, progress.clone())?
        }
        InputFormat::Jsonl => jsonl::open(source, name, opts, forced, progress.clone())?,
        InputFormat::Csv => delimited::open(source, name, b',', opts, forced, progress.clone())?,
        InputFormat::Tsv => delimited::open(source, name, b'\t', opts, forced, progress.clone())?,
        InputFormat::File => files::open_document(source, name, opts, forced, progress.clone()),
        InputFormat::Warc => {
            let gzip = name.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
            warc::open(source, name, gzip, opts, forced, progress.clone())
        }
    };
    Ok(Corpus { batches, total_bytes: 0, progress })
}

/// Options that no reader can work with.
fn check(opts: &ReadOptions) -> Result<(), CorpusError> {
    if opts.chunk_rows == 0 {
        return Err(CorpusError::new("", "chunk_rows must be at least 1"));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
