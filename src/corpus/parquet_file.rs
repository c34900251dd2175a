//! Parquet: only the text (and id) columns are decoded, `chunk_rows` rows at a time.
//!
//! Columns are typed from the Parquet schema alone: the Arrow schema a writer may embed in the
//! file's metadata is not read. The text column only needs to be strings, which the Parquet
//! schema says; the embedded schema would only change how they arrive (a dictionary, large or
//! view strings), and parsing it from an untrusted file is a way to fail (arrow-ipc panics on
//! some malformed ones). A `string` text column passes through without a copy; large and view
//! strings are rewritten as `string`. Ids default to `FILE#ROW` (0-based row).
//!
//! A damaged file is an error naming it, never a panic: the footer's column chunks are checked
//! to lie inside the file before any page is read, and a panic inside the parquet crate (some
//! malformed pages make it panic instead of returning an error) is caught where it is called
//! and reported as the file's error.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use parquet::file::metadata::ParquetMetaData;
use parquet::file::reader::ChunkReader;

use super::{schema, Batches, CorpusError, Progress, ReadOptions};

fn as_strings(col: &ArrayRef) -> Option<ArrayRef> {
    Some(match col.data_type() {
        DataType::Utf8 => col.clone(),
        DataType::LargeUtf8 => Arc::new(col.as_string::<i64>().iter().collect::<StringArray>()),
        DataType::Utf8View => Arc::new(col.as_string_view().iter().collect::<StringArray>()),
        DataType::Null => Arc::new(StringArray::new_null(col.len())),
        _ => return None,
    })
}

fn ids_from(col: &ArrayRef) -> Option<Vec<Option<String>>> {
    let own = |v: Option<&str>| v.map(str::to_owned);
    Some(match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().iter().map(own).collect(),
        DataType::LargeUtf8 => col.as_string::<i64>().iter().map(own).collect(),
        DataType::Utf8View => col.as_string_view().iter().map(own).collect(),
        DataType::Int32 => col.as_primitive::<Int32Type>().iter().map(|v| v.map(|v| v.to_string())).collect(),
        DataType::Int64 => col.as_primitive::<Int64Type>().iter().map(|v| v.map(|v| v.to_string())).collect(),
        DataType::UInt32 => col.as_primitive::<UInt32Type>().iter().map(|v| v.map(|v| v.to_string())).collect(),
        DataType::UInt64 => col.as_primitive::<UInt64Type>().iter().map(|v| v.map(|v| v.to_string())).collect(),
        _ => return None,
    })
}

struct ParquetReader {
    path: PathBuf,
    name: String,
    inner: ParquetRecordBatchReader,
    text_at: usize,
    id_at: Option<usize>,
    text_column: String,
    row: u64,
    /// Rows the row groups declare: reading must end with exactly these.
    declared: u64,
    bytes_per_row: f64,
    failed: bool,
    progress: Arc<Progress>,
}

impl ParquetReader {
    fn convert(&mut self, batch: RecordBatch) -> Result<RecordBatch, CorpusError> {
        let n = batch.num_rows();
        let text_col = batch.column(self.text_at);
        let text = as_strings(text_col).ok_or_else(|| {
            CorpusError::new(
                &self.path,
                format!("column {:?} is {}, expected a string column", self.text_column, text_col.data_type()),
            )
        })?;
        let given = match self.id_at {
            Some(i) => ids_from(batch.column(i)).ok_or_else(|| {
                CorpusError::new(&self.path, format!("the id column is {}, expected strings or integers", batch.column(i).data_type()))
            })?,
            None => vec![None; n],
        };
        let ids: StringArray = given
            .into_iter()
            .enumerate()
            .map(|(i, id)| Some(id.unwrap_or_else(|| format!("{}#{}", self.name, self.row + i as u64))))
            .collect();
        self.row += n as u64;
        self.progress.add((n as f64 * self.bytes_per_row) as u64, n as u64);
        RecordBatch::try_new(schema(), vec![Arc::new(ids), text, Arc::new(StringArray::new_null(n))])
            .map_err(|e| CorpusError::new(&self.path, e.to_string()))
    }
}

/// Run `f`, a call into the parquet crate; a panic in it becomes `Err` with its message. The
/// file is at fault, not the caller: the reader that panicked is dropped, never used again.
fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("the Parquet decoder failed on it: {what}")
    })
}

impl Iterator for ParquetReader {
    type Item = Result<RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let decoded = contained(|| self.inner.next()).and_then(|next| next.transpose().map_err(|e| e.to_string()));
        let out = match decoded {
            // Pages holding fewer values than their row group declares end the reader early,
            // without an error of its own: the rows it never gave are not dropped silently.
            Ok(None) if self.row != self.declared => Err(CorpusError::at(
                &self.path,
                self.row,
                format!("the file declares {} rows but its pages hold {}", self.declared, self.row),
            )),
            Ok(None) => return None,
            Ok(Some(batch)) => self.convert(batch),
            Err(e) => Err(CorpusError::at(&self.path, self.row, format!("cannot decode rows from here: {e}"))),
        };
        self.failed = out.is_err();
        Some(out)
    }
}

/// What in the footer makes the file unreadable: a row group with a negative row count, or a
/// column chunk whose byte range is negative or runs past the end of the file (of `size`
/// bytes). The Parquet reader asserts on a negative range (a panic, not an error) and reads
/// past the end on the other, so the footer is checked before it runs.
fn footer_problem(meta: &ParquetMetaData, size: u64) -> Option<String> {
    for (g, group) in meta.row_groups().iter().enumerate() {
        if group.num_rows() < 0 {
            return Some(format!("row group {g} declares {} rows", group.num_rows()));
        }
        for chunk in group.columns() {
            let start = chunk.dictionary_page_offset().unwrap_or(chunk.data_page_offset());
            let len = chunk.compressed_size();
            let inside = start >= 0 && len >= 0 && (start as u64).checked_add(len as u64).is_some_and(|end| end <= size);
            if !inside {
                return Some(format!(
                    "row group {g}, column {}: its data ({len} bytes at offset {start}) is not inside the \
                     file ({size} bytes)",
                    chunk.column_path()
                ));
            }
        }
    }
    None
}

/// Read Parquet from `source` (a file, or bytes in memory) of `size` bytes, projecting the
/// text (and id) columns; `name` stands for it in ids and errors.
pub(crate) fn open<T: ChunkReader + 'static>(
    source: T,
    size: u64,
    name: &Path,
    opts: &ReadOptions,
    progress: Arc<Progress>,
) -> Result<Batches, CorpusError> {
    let path = name;
    if size == 0 {
        return Err(CorpusError::new(path, "the file is empty"));
    }
    let typed_by_parquet = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
    let unreadable = |why: String| CorpusError::new(path, format!("not a readable Parquet file: {why}"));
    let builder = contained(|| ParquetRecordBatchReaderBuilder::try_new_with_options(source, typed_by_parquet))
        .and_then(|b| b.map_err(|e| e.to_string()))
        .map_err(unreadable)?;
    if let Some(why) = footer_problem(builder.metadata(), size) {
        return Err(unreadable(why));
    }
    let arrow_schema = builder.schema().clone();
    let names: Vec<&str> = arrow_schema.fields().iter().map(|f| f.name().as_str()).collect();
    let find = |c: &str| names.iter().position(|n| *n == c);
    let text_root = find(&opts.text_column).ok_or_else(|| {
        CorpusError::new(path, format!("no column {:?}; columns: {:?}", opts.text_column, names))
    })?;
    let id_root = match &opts.id_column {
        Some(c) => Some(find(c).ok_or_else(|| {
            CorpusError::new(path, format!("no id column {c:?}; columns: {names:?}"))
        })?),
        None => None,
    };
    let declared: u64 = builder.metadata().row_groups().iter().map(|g| g.num_rows() as u64).sum();
    let total_rows = builder.metadata().file_metadata().num_rows().max(1) as f64;
    let mask = ProjectionMask::roots(builder.parquet_schema(), [Some(text_root), id_root].into_iter().flatten());
    // Projected columns keep the file's order.
    let (text_at, id_at) = match id_root {
        Some(id) if id < text_root => (1, Some(0)),
        Some(_) => (0, Some(1)),
        None => (0, None),
    };
    let inner = contained(|| builder.with_projection(mask).with_batch_size(opts.chunk_rows).build())
        .and_then(|r| r.map_err(|e| e.to_string()))
        .map_err(unreadable)?;
    let reader = ParquetReader {
        path: path.to_path_buf(),
        name: super::display_name(path),
        inner,
        text_at,
        id_at,
        text_column: opts.text_column.clone(),
        row: 0,
        declared,
        bytes_per_row: size as f64 / total_rows,
        failed: false,
        progress,
    };
    Ok(Box::new(reader))
}
