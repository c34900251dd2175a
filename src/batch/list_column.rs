//! Running a row writer over a whole column into list buffers ([`ListChunk`]).
//!
//! [`map_list_column`] gives one chunk for the whole column (an Arrow array's buffers) with no
//! phase of column size left on one thread; [`map_list_chunks`] gives one chunk per worker,
//! for streams whose chunks are used as they are.

use super::lists::{ItemFields, ListChunk};
use super::pool::{install, threads};
use super::{Offset, OffsetOverflow};
use rayon::prelude::*;

/// Row ranges, one per worker, with about the same number of text bytes each.
fn balanced_ranges(
    len: usize,
    bytes: &(impl Fn(usize, usize) -> usize + Sync),
) -> Vec<(usize, usize)> {
    if len == 0 {
        return Vec::new();
    }
    let total = bytes(0, len);
    let parts = threads().min(total / MIN_CHUNK_BYTES + 1).min(len).max(1);
    split_rows(len, bytes, total, parts)
}

/// Split rows `0..len` (`total` bytes of text) into at most `parts` ranges of about the same
/// number of bytes, in one pass over the rows.
fn split_rows(
    len: usize,
    bytes: &(impl Fn(usize, usize) -> usize + Sync),
    total: usize,
    parts: usize,
) -> Vec<(usize, usize)> {
    if parts <= 1 {
        return vec![(0, len)];
    }
    let mut ranges = Vec::with_capacity(parts);
    let (mut start, mut acc) = (0, 0);
    for i in 0..len {
        acc += bytes(i, i + 1);
        let done = ranges.len() + 1;
        if done < parts && acc * parts >= total * done {
            ranges.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < len {
        ranges.push((start, len));
    }
    ranges
}

/// Below this much text per worker, a column runs on fewer workers.
const MIN_CHUNK_BYTES: usize = 256 * 1024;

/// [`map_list_column`] cuts a column into about this many blocks per thread, so that the
/// workers finish within a small block of each other.
const BLOCKS_PER_THREAD: usize = 32;
/// Text bytes per block of [`map_list_column`]: at least this many ...
const MIN_BLOCK_BYTES: usize = 64 * 1024;
/// ... and at most this many (a block of Arabic text takes a few milliseconds to tokenize).
const MAX_BLOCK_BYTES: usize = 1024 * 1024;

/// Run `write_row` over every row of a column, one chunk of rows per worker, in parallel,
/// into [`ListChunk`]s (fork-safe: one chunk in a forked child, see
/// [`crate::batch::parallel_allowed`]). For the Python-list path and for streams, where each
/// chunk is used as it is; [`map_list_column`] gives one chunk for the whole column.
///
/// `row(i)` gives row `i` (`None` when missing: it gets an empty list); `bytes(start, end)`
/// is the text size of rows `start..end`, to balance the chunks and size buffers once.
pub fn map_list_chunks<'a, O, R, W, B>(
    len: usize,
    row: R,
    fields: ItemFields,
    write_row: W,
    bytes: B,
) -> Result<Vec<ListChunk<O>>, OffsetOverflow>
where
    O: Offset,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&'a str, &mut ListChunk<O>) -> Result<(), OffsetOverflow> + Sync,
    B: Fn(usize, usize) -> usize + Sync,
{
    let ranges = balanced_ranges(len, &bytes);
    if ranges.is_empty() {
        return Ok(vec![ListChunk::new(fields, 0, 0)]);
    }
    let one = |(start, end): (usize, usize)| -> Result<ListChunk<O>, OffsetOverflow> {
        let mut chunk = ListChunk::new(fields, end - start, bytes(start, end));
        write_rows(start..end, &row, &write_row, &mut chunk)?;
        Ok(chunk)
    };
    if ranges.len() > 1 {
        install(|| ranges.into_par_iter().map(one).collect())
    } else {
        ranges.into_iter().map(one).collect()
    }
}

/// The items of `rows` (one batch of list rows, or a single text) in one chunk, written on
/// this thread; row `i` of the chunk is `rows[i]`.
pub fn list_rows<'a, O, W>(rows: &[Option<&'a str>], fields: ItemFields, write_row: W) -> Result<ListChunk<O>, OffsetOverflow>
where
    O: Offset,
    W: Fn(&'a str, &mut ListChunk<O>) -> Result<(), OffsetOverflow> + Sync,
{
    let bytes = rows.iter().map(|r| r.map_or(0, str::len)).sum();
    let mut chunk = ListChunk::new(fields, rows.len(), bytes);
    write_rows(0..rows.len(), &|i| rows[i], &write_row, &mut chunk)?;
    Ok(chunk)
}

/// Write rows `rows` (in order) at the end of `chunk`.
#[inline]
fn write_rows<'a, O, R, W>(
    rows: std::ops::Range<usize>,
    row: &R,
    write_row: &W,
    chunk: &mut ListChunk<O>,
) -> Result<(), OffsetOverflow>
where
    O: Offset,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&'a str, &mut ListChunk<O>) -> Result<(), OffsetOverflow> + Sync,
{
    chunk.row = rows.start;
    for i in rows {
        if let Some(text) = row(i) {
            write_row(text, chunk)?;
        }
        chunk.end_row(i)?;
    }
    Ok(())
}

/// Blocks of rows still to write, taken from both ends of the column: `(front, back)`, blocks
/// `front..back` are not taken yet.
struct BlockQueue(std::sync::Mutex<(usize, usize)>);

impl BlockQueue {
    fn take(&self, from_front: bool) -> Option<usize> {
        let mut next = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (front, back) = &mut *next;
        if *front >= *back {
            return None;
        }
        Some(if from_front {
            *front += 1;
            *front - 1
        } else {
            *back -= 1;
            *back
        })
    }

    /// Take nothing more (after an error in the front, which has the lowest rows).
    fn close(&self) {
        let mut next = self.0.lock().unwrap_or_else(|e| e.into_inner());
        next.0 = next.1;
    }
}

/// Run `write_row` over every row of a column, in parallel, into one [`ListChunk`] for the
/// whole column (an Arrow array's buffers).
///
/// Why it is built this way: the output has to be one set of buffers, and where a row's
/// items land depends on every row before it. One worker, the *front*, writes blocks of rows
/// from the start of the column straight into buffers sized for the whole column, so its part
/// is never copied. The other workers take blocks from the end of the column backwards, each
/// into a block-sized chunk of its own; front and back meet wherever the work runs out, so
/// all workers finish within one small block of each other however uneven the rows are.
/// The back blocks then go to the end of the front's buffers, all in parallel: every block
/// knows its place from the sizes of the blocks before it (a prefix sum over blocks), so each
/// copies (and rebases the offsets of) its own slice of the spare capacity. Nothing of
/// column size runs on one thread, and no buffer is zeroed before it is written.
///
/// Memory: the output, plus the back blocks until they are copied (at most the part of the
/// output the back workers wrote; blocks hold at most [`MAX_BLOCK_BYTES`] of text each, many
/// rows' worth, so their number stays small). With one thread (or in a forked child, see
/// [`crate::batch::parallel_allowed`]) the front writes every row and nothing is copied.
///
/// `row(i)` gives row `i` (`None` when missing: it gets an empty list); `bytes(start, end)`
/// is the text size of rows `start..end`, to cut blocks and size buffers once. An error names
/// the first row that did not fit.
pub fn map_list_column<'a, O, R, W, B>(
    len: usize,
    row: R,
    fields: ItemFields,
    write_row: W,
    bytes: B,
) -> Result<ListChunk<O>, OffsetOverflow>
where
    O: Offset,
    R: Fn(usize) -> Option<&'a str> + Sync,
    W: Fn(&'a str, &mut ListChunk<O>) -> Result<(), OffsetOverflow> + Sync,
    B: Fn(usize, usize) -> usize + Sync,
{
    let total = if len == 0 { 0 } else { bytes(0, len) };
    let mut out = ListChunk::new(fields, len, total);
    let threads = threads().min(total / MIN_CHUNK_BYTES + 1).min(len);
    if threads <= 1 {
        write_rows(0..len, &row, &write_row, &mut out)?;
        return Ok(out);
    }
    let block = (total / (threads * BLOCKS_PER_THREAD)).clamp(MIN_BLOCK_BYTES, MAX_BLOCK_BYTES);
    let blocks = split_rows(len, &bytes, total, total.div_ceil(block).min(len));
    let queue = BlockQueue(std::sync::Mutex::new((0, blocks.len())));
    // Errors of back blocks; a failing back block does not stop the others, since a block
    // before it may fail at an earlier row.
    let errors = std::sync::Mutex::new(Vec::<OffsetOverflow>::new());
    let back = std::sync::Mutex::new(Vec::<(usize, ListChunk<O>)>::new());
    let mut front = Ok(0);
    install(|| rayon::scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| {
                let mut mine = Vec::new();
                while let Some(k) = queue.take(false) {
                    let (start, end) = blocks[k];
                    let mut chunk = ListChunk::new(fields, end - start, bytes(start, end));
                    match write_rows(start..end, &row, &write_row, &mut chunk) {
                        Ok(()) => mine.push((k, chunk)),
                        Err(e) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(e),
                    }
                }
                back.lock().unwrap_or_else(|e| e.into_inner()).append(&mut mine);
            });
        }
        while let Some(k) = queue.take(true) {
            let (start, end) = blocks[k];
            // Blocks come in order, so `out` holds rows 0..end once this one is written.
            if let Err(e) = write_rows(start..end, &row, &write_row, &mut out) {
                // Every later row is in a later block: nothing else can fail first.
                queue.close();
                front = Err(e);
                break;
            }
            front = Ok(k + 1);
        }
    }));
    let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    let front_blocks = match (front, errors.into_iter().min_by_key(|e| e.row)) {
        (Err(e), _) | (Ok(_), Some(e)) => return Err(e),
        (Ok(n), None) => n,
    };
    let mut back = back.into_inner().unwrap_or_else(|e| e.into_inner());
    back.sort_unstable_by_key(|(k, _)| *k);
    debug_assert!(back.iter().enumerate().all(|(i, (k, _))| *k == front_blocks + i));
    append_blocks(&mut out, back.into_iter().map(|(_, c)| c).collect())?;
    Ok(out)
}

/// Append `blocks` (consecutive runs of rows, in order) after the rows of `out`, copying them
/// in parallel: each block writes its own slice of `out`'s spare capacity.
fn append_blocks<O: Offset>(out: &mut ListChunk<O>, blocks: Vec<ListChunk<O>>) -> Result<(), OffsetOverflow> {
    // Where each block starts in the output: rows, items and text bytes before it.
    let mut bases = Vec::with_capacity(blocks.len());
    let (mut rows, mut items, mut bytes) = (out.rows(), out.items(), out.text.values.len());
    for b in &blocks {
        bases.push((items, bytes));
        items += b.items();
        bytes += b.text.values.len();
        // Lists are `i32`, text offsets `O`: both must hold the end of this block.
        if i32::try_from(items).is_err() || O::from_len(bytes).is_none() {
            // The first row of the block that does not fit, as the row-by-row writer says.
            let mut at = out.row;
            for (b, &(item_base, byte_base)) in blocks.iter().zip(&bases) {
                for r in 0..b.rows() {
                    let end = b.row_items(r).end;
                    if i32::try_from(item_base + end).is_err()
                        || O::from_len(byte_base + b.text.offsets[end].to_len()).is_none()
                    {
                        return Err(OffsetOverflow { row: at + r });
                    }
                }
                at += b.rows();
            }
            unreachable!("the total overflowed, so some row does");
        }
        rows += b.rows();
    }
    let sizes = |f: &dyn Fn(&ListChunk<O>) -> usize| blocks.iter().map(f).collect::<Vec<_>>();
    let lens = [
        sizes(&|b| b.rows()),
        sizes(&|b| b.items()),
        sizes(&|b| b.text.values.len()),
        sizes(&|b| b.starts.len()),
        sizes(&|b| b.ends.len()),
        sizes(&|b| b.kinds.len()),
    ];
    {
        let lists = split_spare(&mut out.lists, &lens[0]);
        let offsets = split_spare(&mut out.text.offsets, &lens[1]);
        let values = split_spare(&mut out.text.values, &lens[2]);
        let starts = split_spare(&mut out.starts, &lens[3]);
        let ends = split_spare(&mut out.ends, &lens[4]);
        let kinds = split_spare(&mut out.kinds, &lens[5]);
        install(|| {
            blocks
                .par_iter()
                .zip(&bases)
                .zip(lists)
                .zip(offsets)
                .zip(values)
                .zip(starts)
                .zip(ends)
                .zip(kinds)
                .for_each(|(((((((b, &(item_base, byte_base)), l), o), v), s), e), k)| {
                    // Both fit: the totals were checked above.
                    let item_base = item_base as i32;
                    write_mapped(l, &b.lists[1..], |n| n + item_base);
                    write_mapped(o, &b.text.offsets[1..], |x| {
                        O::from_len(byte_base + x.to_len()).expect("checked against the total above")
                    });
                    write_mapped(v, &b.text.values, |x| x);
                    write_mapped(s, &b.starts, |x| x);
                    write_mapped(e, &b.ends, |x| x);
                    write_mapped(k, &b.kinds, |x| x);
                });
        });
    }
    // SAFETY: `split_spare` cut exactly these lengths from each vector's spare capacity (it
    // reserved them), and the loop above wrote every element of every slice.
    unsafe {
        let grow = |n: &[usize]| n.iter().sum::<usize>();
        out.lists.set_len(out.lists.len() + grow(&lens[0]));
        out.text.offsets.set_len(out.text.offsets.len() + grow(&lens[1]));
        out.text.values.set_len(out.text.values.len() + grow(&lens[2]));
        out.starts.set_len(out.starts.len() + grow(&lens[3]));
        out.ends.set_len(out.ends.len() + grow(&lens[4]));
        out.kinds.set_len(out.kinds.len() + grow(&lens[5]));
    }
    out.row = rows;
    Ok(())
}

/// Reserve room for `sizes` more elements in `v` (without writing them) and cut the spare
/// capacity into one slice per size, in order.
fn split_spare<'v, T>(v: &'v mut Vec<T>, sizes: &[usize]) -> Vec<&'v mut [std::mem::MaybeUninit<T>]> {
    let added: usize = sizes.iter().sum();
    v.reserve(added);
    let mut rest = &mut v.spare_capacity_mut()[..added];
    let mut slices = Vec::with_capacity(sizes.len());
    for &n in sizes {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(n);
        slices.push(head);
        rest = tail;
    }
    slices
}

/// `dst[i] = f(src[i])` for every `i` (same lengths).
#[inline]
fn write_mapped<S: Copy, T>(dst: &mut [std::mem::MaybeUninit<T>], src: &[S], f: impl Fn(S) -> T) {
    assert_eq!(dst.len(), src.len());
    for (d, &x) in dst.iter_mut().zip(src) {
        d.write(f(x));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: ItemFields = ItemFields { spans: true, kinds: true };

    fn rows() -> Vec<Option<String>> {
        (0..500)
            .map(|i| match i % 5 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("سطر {i}، فيه 😀 كلمات. ثم? انتهى")),
            })
            .collect()
    }

    /// A row writer for the engine's tests: words split at spaces, with code-point spans and
    /// the word's length in code points (mod 100) as its kind.
    fn words<O: Offset>(text: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
        let mut cp = 0;
        for part in text.split(' ') {
            let n = part.chars().count();
            if n > 0 {
                out.push_raw((cp, cp + n), (n % 100) as i8, part.as_bytes())?;
            }
            cp += n + 1;
        }
        Ok(())
    }

    /// The whole column in one chunk, written row by row on this thread.
    fn serial(rows: &[Option<String>]) -> ListChunk<i32> {
        let mut one = ListChunk::new(ALL, rows.len(), 0);
        write_rows(0..rows.len(), &|i: usize| rows[i].as_deref(), &words, &mut one).unwrap();
        one
    }

    #[test]
    fn items_keep_rows_and_code_points() {
        let rows = rows();
        // Claimed sizes large enough for several workers and many blocks.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let one: ListChunk<i32> = pool
            .install(|| map_list_column(rows.len(), |i| rows[i].as_deref(), ALL, words, |s, e| (e - s) * 40_000))
            .unwrap();
        assert_eq!(one.rows(), rows.len());
        for (r, row) in rows.iter().enumerate() {
            let text = row.as_deref().unwrap_or("");
            let chars: Vec<char> = text.chars().collect();
            let expected: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            let items = one.row_items(r);
            assert_eq!(items.len(), expected.len(), "row {r}");
            for (i, want) in items.zip(expected) {
                let (s, e) = (one.starts[i] as usize, one.ends[i] as usize);
                assert_eq!(chars[s..e].iter().collect::<String>(), one.item_text(i));
                assert_eq!(one.item_text(i), want);
            }
        }
        let mut expected = serial(&rows);
        expected.row = rows.len();
        assert_eq!(one, expected);
    }

    #[test]
    fn column_matches_row_by_row_at_every_size() {
        let rows = rows();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        for scale in [0, 1, 1_000, 10_000, 100_000, 1 << 22] {
            for n in [0, 1, 2, 7, 100, rows.len()] {
                let rows = &rows[..n];
                let one: ListChunk<i32> = pool
                    .install(|| map_list_column(n, |i| rows[i].as_deref(), ALL, words, |s, e| (e - s) * scale))
                    .unwrap();
                let mut expected = serial(rows);
                expected.row = one.row;
                assert_eq!(one, expected, "{n} rows, scale {scale}");
                assert_eq!(one.row, n);
                let chunks: Vec<ListChunk<i32>> = pool
                    .install(|| map_list_chunks(n, |i| rows[i].as_deref(), ALL, words, |s, e| (e - s) * scale))
                    .unwrap();
                assert_eq!(chunks.iter().map(ListChunk::rows).sum::<usize>(), n);
                let texts: Vec<&str> = chunks.iter().flat_map(|c| (0..c.items()).map(move |i| c.item_text(i))).collect();
                let want: Vec<&str> = (0..expected.items()).map(|i| expected.item_text(i)).collect();
                assert_eq!(texts, want);
            }
        }
    }

    #[test]
    fn column_error_names_the_first_failing_row() {
        let rows = rows();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        for bad in [0, 1, 250, 251, 498, 499] {
            let err = pool
                .install(|| {
                    map_list_column::<i32, _, _, _>(
                        rows.len(),
                        |i| rows[i].as_deref(),
                        ALL,
                        |t, out| {
                            // Rows from `bad` on fail, the way an overflowing row does.
                            if out.current_row() >= bad {
                                return Err(OffsetOverflow { row: out.current_row() });
                            }
                            words(t, out)
                        },
                        |s, e| (e - s) * 40_000,
                    )
                })
                .unwrap_err();
            // A missing row has no text to write, so it does not fail.
            let first = (bad..rows.len()).find(|&i| rows[i].is_some()).unwrap();
            assert_eq!(err.row, first, "rows fail from {bad}");
        }
    }
}
