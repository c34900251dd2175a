//! Per-row writers that turn tokens, sentences and stems into list columns in Arrow layout.
//!
//! A [`ListChunk`] holds a run of rows: row `r` owns items `lists[r]..lists[r + 1]`, item `i`
//! has its text in `text` (values + offsets), and, when asked, its code-point span in
//! `starts`/`ends` and its kind in `kinds`. The Python layer wraps these buffers as
//! `list<struct<text, start, end, kind>>` or `list<string>` without copying them again, or
//! reads them into Python lists.
//!
//! Offsets are converted from bytes to code points while the row is written: items come in
//! order, so a forward cursor ([`CodepointCursor`]) counts each byte of the row once.
//! [`map_list_column`] runs a writer over a column in parallel into one chunk (an Arrow
//! array's buffers, with no phase of column size left on one thread); [`map_list_chunks`]
//! gives one chunk per worker instead, like [`crate::batch::map_to_chunks`] does for string
//! outputs. Both are fork-safe the same way as [`crate::batch`].

use super::stem::Stemmer;
use super::words::TokenKind;
use super::{for_each_token, is_stopword, sentence_spans, TokenizeOptions};
use crate::batch::{parallel_allowed, Offset, OffsetOverflow, StringChunk};
use crate::normalize::Normalizer;
use crate::text::count_chars;
use rayon::prelude::*;

/// Code-point offsets of increasing byte offsets of one text, in one forward pass.
#[derive(Debug, Clone)]
pub struct CodepointCursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    cp: usize,
}

impl<'a> CodepointCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        CodepointCursor {
            bytes: text.as_bytes(),
            byte: 0,
            cp: 0,
        }
    }

    /// The code-point offset of byte offset `byte`, which must not be before the last one asked.
    #[inline(always)]
    pub fn to_cp(&mut self, byte: usize) -> usize {
        debug_assert!(byte >= self.byte, "the cursor only moves forward");
        self.cp += count_chars_short(&self.bytes[self.byte..byte]);
        self.byte = byte;
        self.cp
    }
}

/// Number of code points in a short run of UTF-8 bytes (a token or a gap): eight bytes at a
/// time, counting the bytes that are not continuation bytes (`10xxxxxx`).
#[inline(always)]
fn count_chars_short(bytes: &[u8]) -> usize {
    if bytes.len() > 64 {
        return count_chars(bytes);
    }
    const HI: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // A continuation byte has bit 7 set and bit 6 clear; sum the flags with one multiply
        // (no popcount instruction needed on baseline x86-64).
        let cont = (x & HI & !(x << 1)) >> 7;
        n += 8 - (cont.wrapping_mul(ONES) >> 56) as usize;
    }
    for &b in chunks.remainder() {
        n += usize::from((b as i8) >= -0x40);
    }
    n
}

/// Items of a run of rows in Arrow layout (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListChunk<O> {
    /// `rows + 1` item offsets, starting at 0.
    pub lists: Vec<i32>,
    /// The items' texts: `items + 1` offsets into one values buffer.
    pub text: StringChunk<O>,
    /// Code-point start of each item (empty when spans were not asked for).
    pub starts: Vec<i32>,
    /// Code-point end of each item (empty when spans were not asked for).
    pub ends: Vec<i32>,
    /// [`TokenKind`] number of each item (empty when kinds were not asked for).
    pub kinds: Vec<i8>,
    spans: bool,
    with_kinds: bool,
    /// The row being written, for error messages.
    row: usize,
}

/// What each item of a [`ListChunk`] records beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemFields {
    /// Code-point start and end.
    pub spans: bool,
    /// Token kind.
    pub kinds: bool,
}

impl<O: Offset> ListChunk<O> {
    /// An empty chunk sized for `rows` rows and about `bytes` bytes of text.
    pub fn new(fields: ItemFields, rows: usize, bytes: usize) -> Self {
        let items = bytes / 6 + 1; // about one item per 6 bytes of Arabic text
        let cap = |on: bool| if on { items } else { 0 };
        let mut lists = Vec::with_capacity(rows + 1);
        lists.push(0);
        let mut offsets = Vec::with_capacity(items + 1);
        offsets.push(O::default());
        ListChunk {
            lists,
            text: StringChunk {
                values: Vec::with_capacity(bytes),
                offsets,
            },
            starts: Vec::with_capacity(cap(fields.spans)),
            ends: Vec::with_capacity(cap(fields.spans)),
            kinds: Vec::with_capacity(cap(fields.kinds)),
            spans: fields.spans,
            with_kinds: fields.kinds,
            row: 0,
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.lists.len() - 1
    }

    /// Number of items in all rows.
    pub fn items(&self) -> usize {
        self.text.offsets.len() - 1
    }

    /// What each item records.
    pub fn fields(&self) -> ItemFields {
        ItemFields {
            spans: self.spans,
            kinds: self.with_kinds,
        }
    }

    /// Append one item of the current row: `write` appends its text to the values buffer.
    /// With `drop_empty`, an item whose text comes out empty is not kept. Returns whether it
    /// was kept.
    #[inline]
    pub fn push_item(
        &mut self,
        span: (usize, usize),
        kind: TokenKind,
        drop_empty: bool,
        write: impl FnOnce(&mut Vec<u8>),
    ) -> Result<bool, OffsetOverflow> {
        let before = self.text.values.len();
        write(&mut self.text.values);
        let after = self.text.values.len();
        if drop_empty && after == before {
            return Ok(false);
        }
        let overflow = OffsetOverflow { row: self.row };
        self.text
            .offsets
            .push(O::from_len(after).ok_or(overflow.clone())?);
        if self.spans {
            self.starts
                .push(i32::try_from(span.0).map_err(|_| overflow.clone())?);
            self.ends.push(i32::try_from(span.1).map_err(|_| overflow)?);
        }
        if self.with_kinds {
            self.kinds.push(kind as i8);
        }
        Ok(true)
    }

    /// Append one item whose text is `bytes` as they are (the common, raw path).
    #[inline(always)]
    pub fn push_raw(
        &mut self,
        span: (usize, usize),
        kind: TokenKind,
        bytes: &[u8],
    ) -> Result<(), OffsetOverflow> {
        self.text.values.extend_from_slice(bytes);
        let (Some(end), Ok(s), Ok(e)) = (
            O::from_len(self.text.values.len()),
            i32::try_from(span.0),
            i32::try_from(span.1),
        ) else {
            return Err(OffsetOverflow { row: self.row });
        };
        self.text.offsets.push(end);
        if self.spans {
            self.starts.push(s);
            self.ends.push(e);
        }
        if self.with_kinds {
            self.kinds.push(kind as i8);
        }
        Ok(())
    }

    /// Close the current row (`row` is its number in the column, for error messages).
    #[inline]
    pub fn end_row(&mut self, row: usize) -> Result<(), OffsetOverflow> {
        let items = i32::try_from(self.items()).map_err(|_| OffsetOverflow { row })?;
        self.lists.push(items);
        self.row = row + 1;
        Ok(())
    }

    /// Items of row `r`, as a range of item numbers.
    pub fn row_items(&self, r: usize) -> std::ops::Range<usize> {
        self.lists[r] as usize..self.lists[r + 1] as usize
    }

    /// Text of item `i`.
    pub fn item_text(&self, i: usize) -> &str {
        self.text.get(i)
    }
}

/// Row ranges, one per worker, with about the same number of text bytes each.
fn balanced_ranges(
    len: usize,
    bytes: &(impl Fn(usize, usize) -> usize + Sync),
) -> Vec<(usize, usize)> {
    if len == 0 {
        return Vec::new();
    }
    let total = bytes(0, len);
    let parts = worker_count().min(total / MIN_CHUNK_BYTES + 1).min(len).max(1);
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

/// Threads a column may use: the pool's size, 1 in a forked child.
fn worker_count() -> usize {
    if parallel_allowed() {
        rayon::current_num_threads()
    } else {
        1
    }
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
        ranges.into_par_iter().map(one).collect()
    } else {
        ranges.into_iter().map(one).collect()
    }
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
    let threads = worker_count().min(total / MIN_CHUNK_BYTES + 1).min(len);
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
    rayon::scope(|s| {
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
    });
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

/// The tokens of one row: raw text, or normalized by `normalizer` (tokens that normalize to
/// nothing are left out); spans always point into the raw row.
pub fn write_tokens<O: Offset>(
    text: &str,
    opts: TokenizeOptions,
    normalizer: Option<&Normalizer>,
    out: &mut ListChunk<O>,
) -> Result<(), OffsetOverflow> {
    let mut cursor = CodepointCursor::new(text);
    if opts == TokenizeOptions::default() && normalizer.is_none() {
        // The common case, as a plain loop.
        let bytes = text.as_bytes();
        for t in super::words(text) {
            let span = if out.spans {
                (cursor.to_cp(t.start), cursor.to_cp(t.end))
            } else {
                (0, 0)
            };
            out.push_raw(span, t.kind, &bytes[t.start..t.end])?;
        }
        return Ok(());
    }
    let mut result = Ok(());
    for_each_token(text, opts, |t| {
        if result.is_err() {
            return;
        }
        let span = if out.spans {
            (cursor.to_cp(t.start), cursor.to_cp(t.end))
        } else {
            (0, 0)
        };
        let pushed = match normalizer {
            None => out.push_raw(span, t.kind, &text.as_bytes()[t.start..t.end]),
            Some(n) => out
                .push_item(span, t.kind, true, |v| n.normalize_into(t.text(text), v))
                .map(|_| ()),
        };
        if let Err(e) = pushed {
            result = Err(e);
        }
    });
    result
}

/// The sentences of one row (SPEC C5), with their code-point spans.
pub fn write_sentences<O: Offset>(
    text: &str,
    out: &mut ListChunk<O>,
) -> Result<(), OffsetOverflow> {
    let mut cursor = CodepointCursor::new(text);
    for (s, e) in sentence_spans(text) {
        let span = if out.spans {
            (cursor.to_cp(s), cursor.to_cp(e))
        } else {
            (0, 0)
        };
        out.push_raw(span, TokenKind::Punct, &text.as_bytes()[s..e])?;
    }
    Ok(())
}

/// The stems of the words of one row: Arabic words stemmed by `stemmer`, words in other
/// scripts and numbers as they are; punctuation, symbols, emoji, URLs, emails, mentions and
/// hashtags are left out, and stopwords too when `drop_stopwords`.
pub fn write_stems<O: Offset>(
    text: &str,
    stemmer: Stemmer,
    drop_stopwords: bool,
    out: &mut ListChunk<O>,
) -> Result<(), OffsetOverflow> {
    let opts = TokenizeOptions {
        clitics: false,
        drop_stopwords,
    };
    let mut cursor = CodepointCursor::new(text);
    let mut result = Ok(());
    for_each_token(text, opts, |t| {
        if result.is_err() || !(t.kind.is_word() || t.kind == TokenKind::Number) {
            return;
        }
        let span = if out.spans {
            (cursor.to_cp(t.start), cursor.to_cp(t.end))
        } else {
            (0, 0)
        };
        let raw = &text[t.start..t.end];
        let pushed = if t.kind == TokenKind::Arabic {
            out.push_item(span, t.kind, true, |v| stemmer.stem_into(raw, v))
        } else {
            out.push_raw(span, t.kind, raw.as_bytes()).map(|_| true)
        };
        if let Err(e) = pushed {
            result = Err(e);
        }
    });
    result
}

/// Whether each row is a stopword (missing rows: `None`); see [`is_stopword`].
pub fn stopword_flags<'a>(
    len: usize,
    row: impl Fn(usize) -> Option<&'a str> + Sync,
) -> Vec<Option<bool>> {
    crate::batch::map_rows(len, row, is_stopword)
}

#[cfg(test)]
mod tests;
