//! CSV and TSV with a header row: the text under a column named in the header.
//!
//! Records may span lines (quoted newlines); ids default to `FILE:LINE` with the line where
//! the record starts. A record too short to hold the text column, or whose text is not UTF-8,
//! is a row error. An empty field is an empty text, not a missing one. TSV is the same reader
//! with a tab between fields (quotes work as in CSV, so a field may hold a tab or a newline).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;

use super::decode::{open_stream, utf8_error, Detect};
use super::{rows_to_batch, Batches, CorpusError, OnError, Progress, ReadOptions, Row};

struct CsvReader {
    path: PathBuf,
    name: String,
    reader: csv::Reader<Box<dyn std::io::BufRead + Send>>,
    text_at: usize,
    id_at: Option<usize>,
    opts: ReadOptions,
    done: bool,
    progress: Arc<Progress>,
}

impl CsvReader {
    fn row(&self, rec: &csv::ByteRecord, line: u64) -> Result<Row, String> {
        let field = |i: usize| -> Result<Option<&str>, String> {
            match rec.get(i) {
                None => Ok(None),
                Some(b) => std::str::from_utf8(b).map(Some).map_err(|e| utf8_error(b, e)),
            }
        };
        let id = match self.id_at {
            Some(i) => field(i).ok().flatten().map(str::to_owned),
            None => None,
        }
        .unwrap_or_else(|| format!("{}:{line}", self.name));
        match field(self.text_at) {
            Ok(Some(t)) => Ok(Row { id, text: Some(t.to_owned()), error: None }),
            Ok(None) => Err(format!(
                "the record has {} fields, too few to hold column {:?}",
                rec.len(),
                self.opts.text_column
            )),
            Err(e) => Err(e),
        }
    }

    fn next_batch(&mut self) -> Result<Option<arrow_array::RecordBatch>, CorpusError> {
        let mut rows = Vec::new();
        let mut bytes = 0usize;
        let mut rec = csv::ByteRecord::new();
        while !self.done && rows.len() < self.opts.chunk_rows && bytes < self.opts.chunk_bytes {
            let line = self.reader.position().line();
            match self.reader.read_byte_record(&mut rec) {
                Ok(false) => self.done = true,
                Ok(true) => {
                    let line = rec.position().map_or(line, |p| p.line());
                    bytes += rec.as_slice().len();
                    match self.row(&rec, line) {
                        Ok(r) => rows.push(r),
                        Err(msg) if self.opts.on_error == OnError::Mark => rows.push(Row {
                            id: format!("{}:{line}", self.name),
                            text: None,
                            error: Some(msg),
                        }),
                        Err(msg) => return Err(CorpusError::at(&self.path, line, msg)),
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(line, |p| p.line());
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        return Err(CorpusError::io(&self.path, io));
                    }
                    let msg = format!("invalid record: {e}");
                    if self.opts.on_error == OnError::Raise {
                        return Err(CorpusError::at(&self.path, line, msg));
                    }
                    rows.push(Row { id: format!("{}:{line}", self.name), text: None, error: Some(msg) });
                }
            }
        }
        if rows.is_empty() {
            return Ok(None);
        }
        self.progress.add(0, rows.len() as u64);
        Ok(Some(rows_to_batch(&rows)))
    }
}

impl Iterator for CsvReader {
    type Item = Result<arrow_array::RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_batch() {
            Ok(b) => b.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Read CSV (`delimiter` b',') or TSV (b'\t') from `source` and find its text (and id)
/// columns in the header; `name` stands for it in ids and errors.
pub(crate) fn open(
    source: impl Read + Send + 'static,
    name: &Path,
    delimiter: u8,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Result<Batches, CorpusError> {
    let path = name;
    let stream = open_stream(source, name, forced, Detect::Sniff, progress.clone())?;
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(stream.reader);
    let headers = reader
        .byte_headers()
        .map_err(|e| CorpusError::at(path, 1, format!("cannot read the header: {e}")))?
        .clone();
    let names: Vec<String> = headers.iter().map(|h| String::from_utf8_lossy(h).into_owned()).collect();
    let find = |col: &str| names.iter().position(|n| n == col);
    let text_at = find(&opts.text_column).ok_or_else(|| {
        CorpusError::new(path, format!("no column {:?} in the header; columns: {:?}", opts.text_column, names))
    })?;
    let id_at = match &opts.id_column {
        Some(c) => Some(find(c).ok_or_else(|| {
            CorpusError::new(path, format!("no id column {c:?} in the header; columns: {names:?}"))
        })?),
        None => None,
    };
    let r = CsvReader {
        path: path.to_path_buf(),
        name: super::display_name(path),
        reader,
        text_at,
        id_at,
        opts: opts.clone(),
        done: false,
        progress,
    };
    Ok(Box::new(r))
}
