//! String columns: a per-row writer appends each row's text to one values buffer with
//! Arrow-style offsets ([`StringChunk`]), so a column result is a handful of large buffers,
//! never one allocation per row.
//!
//! [`map_to_chunks`] gives one chunk per task (joined by [`concat_chunks`] when one array is
//! needed); [`map_in_place`] writes the whole column into one buffer with no second copy, for
//! writers that never lengthen a row.

use super::pool::{install, parallel_allowed, threads};
use super::{Offset, OffsetOverflow};
use rayon::prelude::*;

/// Rows per chunk never go below this, so tiny columns do not pay for scheduling.
const MIN_CHUNK_ROWS: usize = 64;
/// Aim for this many chunks per thread, so uneven rows still balance.
const CHUNKS_PER_THREAD: usize = 4;

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

/// Row ranges `[start, end)` splitting `len` rows for the current pool.
pub fn chunk_ranges(len: usize) -> Vec<(usize, usize)> {
    let target = len.div_ceil(threads() * CHUNKS_PER_THREAD).max(MIN_CHUNK_ROWS);
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
        install(|| ranges.into_par_iter().map(one).collect())
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
        install(|| dests.par_iter_mut().zip(chunks.par_iter()).for_each(copy));
    } else {
        dests.iter_mut().zip(chunks.iter()).for_each(copy);
    }
    Ok(StringChunk { values, offsets })
}

/// Input bytes per range of [`map_in_place`]: small enough that a range's output, written to a
/// scratch buffer and copied to its place, is still in the core's cache when it is copied.
const IN_PLACE_RANGE_BYTES: usize = 256 << 10;

/// A buffer that several threads write at disjoint positions.
struct Shared<T> {
    ptr: *mut T,
    len: usize,
}

// SAFETY: `Shared` only hands out writes through `write`/`get_mut`, whose callers guarantee
// that no two threads touch the same positions; `T: Send` values may move between threads.
unsafe impl<T: Send> Sync for Shared<T> {}

impl<T: Copy> Shared<T> {
    fn new(v: &mut Vec<T>, len: usize) -> Self {
        assert!(len <= v.capacity());
        Self { ptr: v.as_mut_ptr(), len }
    }

    /// Copy `src` to positions `at..at + src.len()`, with stores that bypass the cache: the
    /// data is not read again soon, and the lines need not be fetched before they are
    /// overwritten.
    ///
    /// # Safety
    /// No other thread reads or writes those positions while this runs.
    unsafe fn write_streaming(&self, at: usize, src: &[T]) {
        assert!(at + src.len() <= self.len);
        let dst = self.ptr.add(at) as *mut u8;
        let src_bytes = std::slice::from_raw_parts(src.as_ptr() as *const u8, std::mem::size_of_val(src));
        stream_copy(dst, src_bytes);
    }
}

/// Copy `src` to `dst` with non-temporal stores where the platform has them.
///
/// # Safety
/// `dst` is valid for `src.len()` bytes of writes and does not overlap `src`.
unsafe fn stream_copy(dst: *mut u8, src: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_sfence, _mm_stream_si128};
        const SMALL: usize = 4096;
        if src.len() >= SMALL {
            // Plain copy up to the first 16-byte aligned destination, streaming stores (SSE2,
            // always present on x86-64) for the aligned middle, plain copy for the tail.
            let head = dst.align_offset(16).min(src.len());
            std::ptr::copy_nonoverlapping(src.as_ptr(), dst, head);
            let body = (src.len() - head) / 16;
            for i in 0..body {
                let v = _mm_loadu_si128(src.as_ptr().add(head + 16 * i) as *const __m128i);
                _mm_stream_si128(dst.add(head + 16 * i) as *mut __m128i, v);
            }
            let done = head + 16 * body;
            std::ptr::copy_nonoverlapping(src.as_ptr().add(done), dst.add(done), src.len() - done);
            // Streaming stores are weakly ordered: make them visible before the range is
            // reported placed.
            _mm_sfence();
            return;
        }
    }
    std::ptr::copy_nonoverlapping(src.as_ptr(), dst, src.len());
}

impl<T: Copy> Shared<T> {

    /// Positions `at..at + n` as a slice.
    ///
    /// # Safety
    /// As [`Shared::write_streaming`], and the positions were initialised.
    #[allow(clippy::mut_from_ref)]
    unsafe fn get_mut(&self, at: usize, n: usize) -> &mut [T] {
        assert!(at + n <= self.len);
        std::slice::from_raw_parts_mut(self.ptr.add(at), n)
    }
}

/// Ranges written but not yet placed, and where the next range goes.
struct Placer {
    /// The next range to place, in row order.
    next: usize,
    /// Output bytes of every range before `next`.
    at: usize,
    /// Ranges that finished before their turn: index -> output.
    waiting: std::collections::BTreeMap<usize, Vec<u8>>,
}

/// Like [`map_to_chunks`] followed by [`concat_chunks`], for writers that never write more
/// bytes than they read, with no second copy of the output and no serial pass over it.
///
/// `bytes(start, end)` gives the input bytes of rows `[start, end)`; the output buffer is
/// allocated once with that capacity for the whole column (it is never outgrown).
///
/// Run on one thread, every row is appended to the output buffer directly. In parallel, rows
/// are split into ranges of at most 256 KiB of input, which the pool's threads take in row
/// order from a shared counter. A range is written to a scratch buffer; as soon as every range
/// before it has been placed its output position is known, and it is copied there while the
/// scratch is still in cache, by its own thread or, when it finished before its turn, by the
/// thread that places its predecessor. The copy uses non-temporal stores: the output is not
/// read again during the call, and its lines need not be fetched just to be overwritten
/// (with plain stores the copies cost 2 threads about a fifth of their time). Copies of different ranges run at the same time (their
/// positions are disjoint); only the bookkeeping is under a lock. Row offsets are written per
/// range in parallel the same way. Because threads take ranges in order, a range waits for at
/// most the ranges other threads have in hand: peak memory is the output plus a few scratch
/// ranges per thread.
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
    let total = bytes(0, len);
    let mut values: Vec<u8> = Vec::with_capacity(total);
    let mut offsets: Vec<O> = Vec::with_capacity(len + 1);
    offsets.push(O::default());
    let threads = threads();
    if threads <= 1 || len <= 1 {
        for i in 0..len {
            if let Some(text) = row(i) {
                write(text, &mut values);
            }
            offsets.push(O::from_len(values.len()).ok_or(OffsetOverflow { row: i })?);
        }
        assert!(values.len() <= total, "map_in_place: the writer grew the text");
        return Ok(StringChunk { values, offsets });
    }

    // Ranges: at least the usual number for the pool, at most IN_PLACE_RANGE_BYTES each.
    let mut ranges = Vec::new();
    for (s, e) in chunk_ranges(len) {
        let mut start = s;
        while start < e {
            let mut end = start + 1;
            let mut step = 16usize;
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
    offsets.resize(len + 1, O::default());
    let out = Shared::new(&mut values, total);
    let ends = Shared::new(&mut offsets, len + 1);
    let taken = std::sync::atomic::AtomicUsize::new(0);
    let placer = std::sync::Mutex::new(Placer { next: 0, at: 0, waiting: Default::default() });
    let overflow = std::sync::Mutex::new(None::<usize>);
    let grew = std::sync::atomic::AtomicBool::new(false);

    // Copy range `k`'s output to `at` and shift its row ends (relative to the range) by `at`.
    let place = |k: usize, at: usize, text: &[u8]| {
        let (s, e) = ranges[k];
        // SAFETY: range k's output positions `at..at + text.len()` follow every earlier range's
        // and end where the next range's begin (the placer hands out each position once), and
        // offsets `s + 1..=e` belong to range k alone; the range was written before this call.
        unsafe {
            out.write_streaming(at, text);
            for (j, o) in ends.get_mut(s + 1, e - s).iter_mut().enumerate() {
                match O::from_len(at + o.to_len()) {
                    Some(v) => *o = v,
                    None => {
                        let mut first = overflow.lock().unwrap_or_else(|p| p.into_inner());
                        *first = Some(first.map_or(s + j, |r| r.min(s + j)));
                        break;
                    }
                }
            }
        }
    };
    let work = || {
        let mut scratch: Vec<u8> = Vec::new();
        loop {
            let k = taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(s, e)) = ranges.get(k) else { break };
            scratch.clear();
            // Room for the whole range up front (the writer never grows the text).
            scratch.reserve(bytes(s, e));
            // SAFETY: offsets `s + 1..=e` belong to range k, which this thread alone took.
            let rel = unsafe { ends.get_mut(s + 1, e - s) };
            for (i, o) in (s..e).zip(rel.iter_mut()) {
                if let Some(text) = row(i) {
                    write(text, &mut scratch);
                }
                match O::from_len(scratch.len()) {
                    Some(v) => *o = v,
                    None => {
                        let mut first = overflow.lock().unwrap_or_else(|p| p.into_inner());
                        *first = Some(first.map_or(i, |r| r.min(i)));
                    }
                }
            }
            if scratch.len() > bytes(s, e) {
                grew.store(true, std::sync::atomic::Ordering::Relaxed);
                scratch.truncate(0);
            }
            // Claim a position now when every earlier range is placed, else leave the output.
            let mut ready = Vec::new();
            {
                let mut guard = placer.lock().unwrap_or_else(|p| p.into_inner());
                let p = &mut *guard;
                if p.next == k {
                    ready.push((k, p.at, None));
                    p.at += scratch.len();
                    p.next += 1;
                    while let Some(text) = p.waiting.remove(&p.next) {
                        ready.push((p.next, p.at, Some(text)));
                        p.at += ready.last().and_then(|r| r.2.as_ref()).map_or(0, Vec::len);
                        p.next += 1;
                    }
                } else {
                    p.waiting.insert(k, std::mem::take(&mut scratch));
                }
            }
            for (j, at, text) in ready {
                place(j, at, text.as_deref().unwrap_or(&scratch));
            }
        }
    };
    // `threads > 1` means this process owns the pool (see `threads`).
    install(|| rayon::broadcast(|_| work()));
    assert!(!grew.into_inner(), "map_in_place: the writer grew the text");
    let placer = placer.into_inner().unwrap_or_else(|p| p.into_inner());
    debug_assert!(placer.next == ranges.len() && placer.waiting.is_empty());
    if let Some(row) = overflow.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(OffsetOverflow { row });
    }
    // SAFETY: the ranges' outputs were copied to `0..placer.at`, back to back.
    unsafe { values.set_len(placer.at) };
    Ok(StringChunk { values, offsets })
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

    /// Rows of a few hundred bytes, some missing, with tatweel to drop.
    fn long_rows(n: usize) -> Vec<Option<String>> {
        (0..n)
            .map(|i| (i % 11 != 5).then(|| format!("{i} {}", "كتـاب ـ ".repeat(i % 37))))
            .collect()
    }

    fn strip_tatweel(t: &str, out: &mut Vec<u8>) {
        out.extend(t.replace('ـ', "").bytes())
    }

    fn check_in_place(rows: &[Option<String>], threads: usize, write: impl Fn(&str, &mut Vec<u8>) + Sync) {
        let bytes = |s: usize, e: usize| rows[s..e].iter().map(|r| r.as_ref().map_or(0, |t| t.len())).sum();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let got: StringChunk<i32> =
            pool.install(|| map_in_place(rows.len(), |i| rows[i].as_deref(), &write, bytes)).unwrap();
        assert_eq!(got.len(), rows.len());
        for (i, r) in rows.iter().enumerate() {
            let expected = r.as_deref().map(|t| t.replace('ـ', "")).unwrap_or_default();
            assert_eq!(got.get(i), expected, "row {i} with {threads} threads");
        }
        assert_eq!(got.offsets.last().map(|o| o.to_len()), Some(got.values.len()));
    }

    #[test]
    fn in_place_places_many_ranges_in_row_order() {
        // About 4 MB: many 256 KiB ranges, taken by 1, 2 and 4 threads.
        let rows = long_rows(30_000);
        for threads in [1, 2, 4] {
            check_in_place(&rows, threads, strip_tatweel);
        }
    }

    #[test]
    fn in_place_ranges_finishing_out_of_order() {
        // Early rows are slow, so later ranges finish first and wait for their turn.
        let rows = long_rows(20_000);
        let slow = |t: &str, out: &mut Vec<u8>| {
            if t.starts_with('1') && t.len() > 300 {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            strip_tatweel(t, out)
        };
        check_in_place(&rows, 4, slow);
    }

    #[test]
    fn in_place_single_row_and_all_missing() {
        check_in_place(&[Some("كتـاب".repeat(100_000))], 2, strip_tatweel);
        check_in_place(&vec![None; 5_000], 2, strip_tatweel);
    }

    #[test]
    #[should_panic(expected = "grew")]
    fn in_place_rejects_a_growing_writer() {
        let rows = long_rows(5_000);
        check_in_place(&rows, 2, |t, out| {
            out.extend(t.bytes());
            out.push(b'!');
        });
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

}
