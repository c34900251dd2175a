//! Writing record batches to Parquet or JSONL, atomically.
//!
//! Batches go to a hidden `.NAME.partial-PID` file beside the output; [`CorpusWriter::finish`]
//! renames it into place. A writer dropped without `finish` (an error, Ctrl-C) deletes its
//! partial file, so a file under the output name is always complete.
//!
//! Parquet row groups are flushed every [`ROW_GROUP_BYTES`] of buffered data, so memory stays
//! bounded on long streams; JSONL writes one object per row with explicit nulls, nested lists
//! and structs as JSON arrays and objects.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::CorpusError;

/// Buffered bytes after which a Parquet row group is written out.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Apache Parquet.
    Parquet,
    /// JSON lines.
    Jsonl,
}

impl OutputFormat {
    /// From a name (`parquet`, `jsonl`).
    pub fn from_name(name: &str) -> Result<Self, CorpusError> {
        match name.to_ascii_lowercase().as_str() {
            "parquet" | "pq" => Ok(OutputFormat::Parquet),
            "jsonl" | "ndjson" | "json" => Ok(OutputFormat::Jsonl),
            other => Err(CorpusError::new("", format!("unknown output format {other:?}; expected parquet or jsonl"))),
        }
    }

    /// From the extension of `path`.
    pub fn guess(path: &Path) -> Result<Self, CorpusError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        OutputFormat::from_name(ext).map_err(|_| {
            CorpusError::new(path, "cannot tell the output format from the extension; use .parquet or .jsonl")
        })
    }
}

enum Sink {
    Parquet(Option<ArrowWriter<BufWriter<File>>>, WriterProperties),
    Jsonl(arrow_json::LineDelimitedWriter<BufWriter<File>>),
}

/// Writes batches to a file that appears under its name only once complete.
pub struct CorpusWriter {
    path: PathBuf,
    partial: PathBuf,
    file: Option<BufWriter<File>>,
    sink: Option<Sink>,
    rows: u64,
    done: bool,
}

fn compression(name: &str) -> Result<Compression, CorpusError> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "zstd" => Compression::ZSTD(ZstdLevel::try_new(1).expect("level 1 is valid")),
        "snappy" => Compression::SNAPPY,
        "none" | "uncompressed" => Compression::UNCOMPRESSED,
        other => {
            return Err(CorpusError::new("", format!("unknown compression {other:?}; expected zstd, snappy or none")))
        }
    })
}

impl CorpusWriter {
    /// Start writing `path` (format from the extension unless given; `compression`: zstd,
    /// snappy or none, for Parquet).
    pub fn create(path: &Path, format: Option<OutputFormat>, compression_name: &str) -> Result<Self, CorpusError> {
        let format = match format {
            Some(f) => f,
            None => OutputFormat::guess(path)?,
        };
        let codec = compression(compression_name)?;
        if path.is_dir() {
            return Err(CorpusError::new(path, "is a folder; give a file name for the output"));
        }
        let name = path.file_name().ok_or_else(|| CorpusError::new(path, "not a file name"))?;
        let partial = path.with_file_name(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()));
        let file = File::create(&partial).map_err(|e| CorpusError::io(path, &e))?;
        let file = BufWriter::with_capacity(1 << 20, file);
        let (file, sink) = match format {
            OutputFormat::Parquet => {
                let props = WriterProperties::builder().set_compression(codec).build();
                (Some(file), Sink::Parquet(None, props))
            }
            OutputFormat::Jsonl => {
                let w = arrow_json::WriterBuilder::new()
                    .with_explicit_nulls(true)
                    .build::<_, arrow_json::writer::LineDelimited>(file);
                (None, Sink::Jsonl(w))
            }
        };
        Ok(CorpusWriter { path: path.to_path_buf(), partial, file, sink: Some(sink), rows: 0, done: false })
    }

    fn err(&self, e: impl std::fmt::Display) -> CorpusError {
        CorpusError::new(&self.path, format!("cannot write: {e}"))
    }

    fn parquet_writer(&mut self, schema: SchemaRef) -> Result<(), CorpusError> {
        if let Some(Sink::Parquet(w @ None, props)) = &mut self.sink {
            let file = self.file.take().expect("the file waits for the first batch");
            let writer = ArrowWriter::try_new(file, schema, Some(props.clone()))
                .map_err(|e| CorpusError::new(&self.path, format!("cannot write: {e}")))?;
            *w = Some(writer);
        }
        Ok(())
    }

    /// Append a batch (every batch must have the schema of the first).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), CorpusError> {
        self.parquet_writer(batch.schema())?;
        let result = match self.sink.as_mut().expect("not finished") {
            Sink::Parquet(w, _) => {
                let w = w.as_mut().expect("created above");
                w.write(batch).and_then(|_| {
                    if w.in_progress_size() >= ROW_GROUP_BYTES {
                        w.flush()?;
                    }
                    Ok(())
                }).map_err(|e| e.to_string())
            }
            Sink::Jsonl(w) => w.write(batch).map_err(|e| e.to_string()),
        };
        result.map_err(|e| self.err(e))?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Close the file and move it into place. `schema` is used when no batch was written (an
    /// empty Parquet file still needs one). Returns the number of rows written.
    pub fn finish(mut self, schema: Option<SchemaRef>) -> Result<u64, CorpusError> {
        if let Some(Sink::Parquet(None, _)) = &self.sink {
            let schema = schema.ok_or_else(|| self.err("no batch was written and no schema given"))?;
            self.parquet_writer(schema)?;
        }
        match self.sink.take().expect("finish runs once") {
            Sink::Parquet(w, _) => {
                let w = w.expect("created above");
                let file = w.into_inner().map_err(|e| self.err(e))?;
                finish_file(file).map_err(|e| self.err(e))?;
            }
            Sink::Jsonl(mut w) => {
                w.finish().map_err(|e| self.err(e))?;
                finish_file(w.into_inner()).map_err(|e| self.err(e))?;
            }
        }
        std::fs::rename(&self.partial, &self.path).map_err(|e| self.err(e))?;
        self.done = true;
        Ok(self.rows)
    }
}

fn finish_file(mut w: BufWriter<File>) -> std::io::Result<()> {
    w.flush()?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

impl Drop for CorpusWriter {
    fn drop(&mut self) {
        if !self.done {
            self.sink = None;
            self.file = None;
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}
