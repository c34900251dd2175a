//! Running a per-document function over a column, in parallel, with rows kept in place.
//!
//! Rows are split into contiguous chunks that rayon processes in parallel; each chunk writes
//! its outputs straight into one values buffer with Arrow-style offsets ([`StringChunk`]), so a
//! column result is a handful of large buffers, never one allocation per row. Missing rows stay
//! missing: they get an empty slot, and the caller reuses the input's null bitmap.
//!
//! Fork safety: rayon's global pool does not survive `fork()` (the child has the pool's state
//! but none of its threads, and deadlocks on its next parallel call). Spark's Python workers and
//! `multiprocessing` in fork mode do exactly that, so a batch run in a process other than the
//! one that started the pool runs sequentially instead ([`parallel_allowed`]).

use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// Rows per chunk never go below this, so tiny columns do not pay for scheduling.
const MIN_CHUNK_ROWS: usize = 64;
/// Aim for this many chunks per thread, so uneven rows still balance.
const CHUNKS_PER_THREAD: usize = 4;

/// The pid of the process whose rayon pool is in use (0 until the first parallel call).
static POOL_PID: AtomicU32 = AtomicU32::new(0);

/// Whether this process may use the rayon pool: false in a child forked after the parent
/// started it.
pub fn parallel_allowed() -> bool {
    let me = std::process::id();
    match POOL_PID.compare_exchange(0, me, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => true,
        Err(owner) => owner == me,
    }
}

/// Size rayon's global pool to `threads` (the CLI's `--threads`); `false` when the pool
/// already runs, in which case it keeps its size.
pub fn set_threads(threads: usize) -> bool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().is_ok()
}

/// Threads a batch call uses in this process: the pool's size, 1 in a forked child.
pub fn threads() -> usize {
    if parallel_allowed() {
        rayon::current_num_threads()
    } else {
        1
    }
}

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

/// Outputs of a run of rows in Arrow layout: row `i` is `values[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringChunk<O> {
    /// Concatenated UTF-8 of every row.
    pub values: Vec<u8>,
    /// `rows + 1` offsets, starting at 0.
    pub offsets: Vec<O>,
}

impl<O: Offset> StringChunk<O> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the chunk has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i` as text.
    pub fn get(&self, i: usize) -> &str {
        let bytes = &self.values[self.offsets[i].to_len()..self.offsets[i + 1].to_len()];
        std::str::from_utf8(bytes).expect("chunks hold the UTF-8 their writers produced")
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

/// Row ranges `[start, end)` splitting `len` rows for the current pool.
pub fn chunk_ranges(len: usize) -> Vec<(usize, usize)> {
    let threads = if parallel_allowed() { rayon::current_num_threads() } else { 1 };
    let target = len.div_ceil(threads * CHUNKS_PER_THREAD).max(MIN_CHUNK_ROWS);
    (0..len).step_by(target.max(1)).map(|s| (s, (s + target).min(len))).collect()
}

/// Run `write` over every present row, in parallel chunks, into Arrow-layout buffers.
///
/// `row(i)` gives row `i` (`None` when missing); `write(text, out)` appends row's output.
/// `size_hint(start, end)` estimates the output bytes of a chunk so buffers are sized once.
pub fn map_to_chunks<'a, O, R, W, H>(
    len: usize,
    row: R,
    write: W,
    size_hint: H,
) -> Result<Vec<StringChunk<O>>, OffsetOverflow>
where
    O: Offset,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&str, &mut Vec<u8>) + Sync,
    H: Fn(usize, usize) -> usize + Sync,
{
    let one = |(start, end): (usize, usize)| -> Result<StringChunk<O>, OffsetOverflow> {
        let mut values = Vec::with_capacity(size_hint(start, end));
        let mut offsets = Vec::with_capacity(end - start + 1);
        offsets.push(O::default());
        for i in start..end {
            if let Some(text) = row(i) {
                write(text, &mut values);
            }
            offsets.push(O::from_len(values.len()).ok_or(OffsetOverflow { row: i })?);
        }
        Ok(StringChunk { values, offsets })
    };
    let ranges = chunk_ranges(len);
    if parallel_allowed() {
        ranges.into_par_iter().map(one).collect()
    } else {
        ranges.into_iter().map(one).collect()
    }
}

/// Join chunks into one buffer and one offsets vector (the copy runs in parallel).
pub fn concat_chunks<O: Offset, P: Offset>(
    chunks: &[StringChunk<O>],
) -> Result<StringChunk<P>, OffsetOverflow> {
    let total: usize = chunks.iter().map(|c| c.values.len()).sum();
    let rows: usize = chunks.iter().map(|c| c.len()).sum();
    if P::from_len(total).is_none() {
        return Err(OffsetOverflow { row: rows.saturating_sub(1) });
    }
    let mut values = vec![0u8; total];
    let mut offsets = Vec::with_capacity(rows + 1);
    offsets.push(P::default());
    let mut dests = Vec::with_capacity(chunks.len());
    let mut rest: &mut [u8] = &mut values;
    let mut base = 0usize;
    for c in chunks {
        let (head, tail) = rest.split_at_mut(c.values.len());
        dests.push(head);
        rest = tail;
        offsets.extend(c.offsets[1..].iter().map(|o| {
            P::from_len(base + o.to_len()).expect("checked against the total above")
        }));
        base += c.values.len();
    }
    let copy = |(dst, c): (&mut &mut [u8], &StringChunk<O>)| dst.copy_from_slice(&c.values);
    if parallel_allowed() {
        dests.par_iter_mut().zip(chunks.par_iter()).for_each(copy);
    } else {
        dests.iter_mut().zip(chunks.iter()).for_each(copy);
    }
    Ok(StringChunk { values, offsets })
}

/// Input bytes per range of [`map_in_place`]: bounds the memory held by ranges in flight.
const IN_PLACE_RANGE_BYTES: usize = 8 << 20;

/// Like [`map_to_chunks`] followed by [`concat_chunks`], for writers that never write more
/// bytes than they read, without holding a second copy of the output.
///
/// `bytes(start, end)` gives the input bytes of rows `[start, end)`. The output buffer is
/// sized like the input; each range of rows is written to a small scratch buffer, copied into
/// the output at the range's input position (it fits: output <= input), and the scratch freed.
/// A final sequential pass closes the gaps. Peak memory is the output plus one scratch range
/// per thread (ranges hold at most 8 MiB of input).
pub fn map_in_place<'a, O, R, W, B>(
    len: usize,
    row: R,
    write: W,
    bytes: B,
) -> Result<StringChunk<O>, OffsetOverflow>
where
    O: Offset,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&str, &mut Vec<u8>) + Sync,
    B: Fn(usize, usize) -> usize + Sync,
{
    // Ranges: at least the usual number for the pool, at most 8 MiB of input each.
    let mut ranges = Vec::new();
    for (s, e) in chunk_ranges(len) {
        let mut start = s;
        while start < e {
            let mut end = start + 1;
            let mut step = 64usize;
            while end < e {
                let next = (end + step).min(e);
                if bytes(start, next) > IN_PLACE_RANGE_BYTES {
                    break;
                }
                end = next;
                step *= 2;
            }
            ranges.push((start, end));
            start = end;
        }
    }
    let starts: Vec<usize> = ranges.iter().scan(0usize, |acc, &(s, e)| {
        let at = *acc;
        *acc += bytes(s, e);
        Some(at)
    }).collect();
    let total = starts.last().map_or(0, |&s| s + ranges.last().map_or(0, |&(a, b)| bytes(a, b)));
    let mut values = vec![0u8; total];
    let mut slots: Vec<&mut [u8]> = Vec::with_capacity(ranges.len());
    let mut rest: &mut [u8] = &mut values;
    for &(s, e) in &ranges {
        let (head, tail) = rest.split_at_mut(bytes(s, e));
        slots.push(head);
        rest = tail;
    }
    // Each range: (bytes written, end offset of each row relative to the range).
    let one = |((s, e), slot): ((usize, usize), &mut &mut [u8])| -> (usize, Vec<usize>) {
        let mut scratch = Vec::with_capacity(slot.len());
        let mut ends = Vec::with_capacity(e - s);
        for i in s..e {
            if let Some(text) = row(i) {
                write(text, &mut scratch);
            }
            ends.push(scratch.len());
        }
        assert!(scratch.len() <= slot.len(), "map_in_place: the writer grew the text");
        slot[..scratch.len()].copy_from_slice(&scratch);
        (scratch.len(), ends)
    };
    let done: Vec<(usize, Vec<usize>)> = if parallel_allowed() {
        ranges.par_iter().copied().zip(slots.par_iter_mut()).map(one).collect()
    } else {
        ranges.iter().copied().zip(slots.iter_mut()).map(one).collect()
    };
    let mut offsets = Vec::with_capacity(len + 1);
    offsets.push(O::default());
    let mut w = 0usize;
    for (k, (written, ends)) in done.into_iter().enumerate() {
        values.copy_within(starts[k]..starts[k] + written, w);
        for (j, end) in ends.into_iter().enumerate() {
            offsets.push(O::from_len(w + end).ok_or(OffsetOverflow { row: ranges[k].0 + j })?);
        }
        w += written;
    }
    values.truncate(w);
    Ok(StringChunk { values, offsets })
}

/// Run `f` over every present row in parallel, keeping missing rows missing.
pub fn map_rows<'a, T, R, F>(len: usize, row: R, f: F) -> Vec<Option<T>>
where
    T: Send,
    R: Fn(usize) -> Option<&'a str> + Sync,
    F: Fn(&'a str) -> T + Sync,
{
    let one = |i: usize| row(i).map(&f);
    if parallel_allowed() && len > 1 {
        (0..len).into_par_iter().with_min_len(MIN_CHUNK_ROWS / 4).map(one).collect()
    } else {
        (0..len).map(one).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Option<String>> {
        (0..1000)
            .map(|i| if i % 7 == 3 { None } else { Some(format!("row {i} ـ كتـاب")) })
            .collect()
    }

    #[test]
    fn chunks_keep_every_row_in_place() {
        let rows = rows();
        let chunks: Vec<StringChunk<i32>> = map_to_chunks(
            rows.len(),
            |i| rows[i].as_deref(),
            |t, out| out.extend(t.replace('ـ', "").bytes()),
            |s, e| (e - s) * 16,
        )
        .unwrap();
        let joined: StringChunk<i64> = concat_chunks(&chunks).unwrap();
        assert_eq!(joined.len(), rows.len());
        for (i, r) in rows.iter().enumerate() {
            let expected = r.as_deref().map(|t| t.replace('ـ', "")).unwrap_or_default();
            assert_eq!(joined.get(i), expected, "row {i}");
        }
    }

    #[test]
    fn in_place_matches_chunks_and_concat() {
        let rows = rows();
        let strip = |t: &str, out: &mut Vec<u8>| out.extend(t.replace('ـ', "").bytes());
        let bytes = |s: usize, e: usize| rows[s..e].iter().map(|r| r.as_ref().map_or(0, |t| t.len())).sum();
        let joined: StringChunk<i64> = map_in_place(rows.len(), |i| rows[i].as_deref(), strip, bytes).unwrap();
        let chunks: Vec<StringChunk<i32>> =
            map_to_chunks(rows.len(), |i| rows[i].as_deref(), strip, |s, e| (e - s) * 16).unwrap();
        assert_eq!(joined, concat_chunks::<i32, i64>(&chunks).unwrap());
        let empty: StringChunk<i32> = map_in_place(0, |_| None, strip, |_, _| 0).unwrap();
        assert_eq!(empty.offsets, vec![0]);
    }

    #[test]
    fn empty_column() {
        let chunks: Vec<StringChunk<i32>> =
            map_to_chunks(0, |_| None, |_, _| {}, |_, _| 0).unwrap();
        let joined: StringChunk<i32> = concat_chunks(&chunks).unwrap();
        assert_eq!(joined.len(), 0);
        assert_eq!(joined.offsets, vec![0]);
    }

    #[test]
    fn map_rows_keeps_missing_rows() {
        let rows = rows();
        let out = map_rows(rows.len(), |i| rows[i].as_deref(), |t| t.len());
        assert_eq!(out.len(), rows.len());
        for (o, r) in out.iter().zip(&rows) {
            assert_eq!(o.is_some(), r.is_some());
        }
    }

    #[test]
    fn chunk_ranges_cover_all_rows_once() {
        for len in [0, 1, 63, 64, 65, 10_000] {
            let r = chunk_ranges(len);
            let mut next = 0;
            for (s, e) in r {
                assert_eq!(s, next);
                assert!(e > s);
                next = e;
            }
            assert_eq!(next, len);
        }
    }

    #[test]
    fn forked_child_runs_sequentially() {
        assert!(parallel_allowed());
        let me = std::process::id();
        POOL_PID.store(me.wrapping_add(1), Ordering::Release);
        assert!(!parallel_allowed());
        POOL_PID.store(me, Ordering::Release);
        assert!(parallel_allowed());
    }
}
