//! The batch engine: the only code that schedules work on rayon's pool or lays out column
//! buffers.
//!
//! A capability (normalization, tokens, sentences, stems, articles ...) is a per-row function
//! plus a row writer; this module runs it over a whole column and hands back buffers in Arrow
//! layout, or Rust values in row order. Every output shape has one engine:
//!
//! | output | engine | used by |
//! |---|---|---|
//! | string column, same size or smaller | [`map_in_place`] (one buffer, no second copy) | normalize (Arrow) |
//! | string column, any size | [`map_to_chunks`] + [`concat_chunks`] | normalize, stem_words (Arrow) |
//! | list column | [`map_list_column`] (one chunk), [`map_list_chunks`] (one per worker) | tokens, sentences, stems |
//! | struct column (text + alignment) | [`map_aligned`] | normalize with offsets (Arrow) |
//! | record batches | [`map_record_batches`] | articles |
//! | fixed-size rows (`fixed_size_list`) | [`map_fixed_size`] | MinHash signatures |
//! | values per row | [`map_rows`], [`par_map`] | flags, corpus readers |
//! | sparse rows (CSR) | [`map_sparse`] | hashed features |
//! | sorting a large vector | [`par_sort_unstable`] | LSH band buckets |
//! | list rows, in order, with a caller step | [`ordered_rows`] | every `str`/list input from Python |
//!
//! Missing rows stay missing: they get an empty slot, and the caller reuses the input's null
//! bitmap. With the `arrow` feature, [`arrow`] turns the buffers into Arrow arrays without a
//! copy and views Arrow string columns as rows.
//!
//! Fork safety ([`pool`]): rayon's global pool does not survive `fork()` (the child has the
//! pool's state but none of its threads, and deadlocks on its next parallel call). Spark's
//! Python workers and `multiprocessing` in fork mode do exactly that, so every engine runs
//! sequentially in a process other than the one that started the pool.

#[cfg(feature = "arrow")]
pub mod arrow;
mod aligned;
mod fixed;
mod list_column;
mod lists;
pub mod pool;
mod records;
mod rows;
mod sparse;
mod strings;

pub use aligned::{map_aligned, AlignedChunk, AlignedRowWriter};
pub use fixed::{map_fixed_size, FixedChunk};
pub use list_column::{list_rows, map_list_chunks, map_list_column};
pub use lists::{ItemFields, ListChunk};
pub use pool::{map_rows, par_map, par_sort_unstable, parallel_allowed, set_threads, threads, try_par_map};
pub use records::map_record_batches;
pub use rows::{ordered_rows, Detach, NoDetach};
pub use sparse::{map_sparse, sparse_rows, SparseRows};
pub use strings::{chunk_ranges, concat_chunks, map_in_place, map_to_chunks, StringChunk};

/// An Arrow offset type: `i32` for `string`, `i64` for `large_string`.
pub trait Offset: Copy + Send + Sync + Default + 'static {
    /// Convert a byte length, `None` when it does not fit.
    fn from_len(len: usize) -> Option<Self>;
    /// Back to a byte length.
    fn to_len(self) -> usize;
}

impl Offset for i32 {
    #[inline]
    fn from_len(len: usize) -> Option<Self> {
        i32::try_from(len).ok()
    }
    #[inline]
    fn to_len(self) -> usize {
        self as usize
    }
}

impl Offset for i64 {
    #[inline]
    fn from_len(len: usize) -> Option<Self> {
        i64::try_from(len).ok()
    }
    #[inline]
    fn to_len(self) -> usize {
        self as usize
    }
}

/// The rows of a text column: row `i` is `None` when missing.
pub trait TextRows: Sync {
    /// Number of rows.
    fn len(&self) -> usize;
    /// Whether there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Row `i`.
    fn get(&self, i: usize) -> Option<&str>;
    /// Bytes of text in rows `[start, end)`, to size output buffers once.
    fn byte_len(&self, start: usize, end: usize) -> usize;
}

impl TextRows for &[Option<&str>] {
    fn len(&self) -> usize {
        <[Option<&str>]>::len(self)
    }
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        self[i]
    }
    fn byte_len(&self, start: usize, end: usize) -> usize {
        self[start..end].iter().map(|r| r.map_or(0, str::len)).sum()
    }
}

/// A column's output grew past what its offset type can address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetOverflow {
    /// The first row that did not fit.
    pub row: usize,
}

impl std::fmt::Display for OffsetOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "output grew past the 2 GiB a string column can hold at row {}; use a large_string column",
            self.row
        )
    }
}

impl std::error::Error for OffsetOverflow {}
