//! Struct columns of text plus alignment: each row's output text and, beside it, a list of
//! `u32` (its alignment back to the input, flat: five numbers per segment).
//!
//! Rows are written by an [`AlignedRowWriter`] straight into buffers shared by a whole range
//! of rows ([`AlignedChunk`]); a range keeps one writer state from row to row (the normalizer
//! reuses one `Alignment`), so no row allocates anything of its own. Ranges run in parallel;
//! with a single range (one thread, one input chunk) its buffers are the result as they are,
//! otherwise the ranges are joined with one parallel copy.

use super::pool::{install, parallel_allowed, threads};
use super::strings::chunk_ranges;
use super::{OffsetOverflow, TextRows};
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// Writes one row's text and flat alignment.
pub trait AlignedRowWriter: Sync {
    /// Scratch kept from row to row within a range.
    type State: Default;
    /// Append the row's output text to `values` and its flat alignment to `segments`.
    fn write(&self, state: &mut Self::State, text: &str, values: &mut Vec<u8>, segments: &mut Vec<u32>);
}

/// Texts and alignments of a run of rows, in the layout of the output column: row `i` is
/// `values[text_offsets[i]..text_offsets[i + 1]]` with the segments
/// `segments[list_offsets[i]..list_offsets[i + 1]]`.
pub struct AlignedChunk {
    /// Concatenated UTF-8 of every row's text.
    pub values: Vec<u8>,
    /// `rows + 1` offsets into `values`.
    pub text_offsets: Vec<i32>,
    /// Every row's alignment, flat: five `u32` per segment.
    pub segments: Vec<u32>,
    /// `rows + 1` offsets into `segments`.
    pub list_offsets: Vec<i32>,
}

impl AlignedChunk {
    fn empty() -> Self {
        AlignedChunk { values: Vec::new(), text_offsets: vec![0], segments: Vec::new(), list_offsets: vec![0] }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.text_offsets.len() - 1
    }
}


/// Write rows `[start, end)` of `col` into one [`AlignedChunk`]; `base` is the column's first
/// row in the whole input (for the error).
fn write_part<W: AlignedRowWriter, C: TextRows>(
    w: &W,
    col: &C,
    start: usize,
    end: usize,
    base: usize,
) -> Result<AlignedChunk, OffsetOverflow> {
    let rows = end - start;
    // Outputs are about as long as their inputs; the slack covers a few expansions.
    let mut values = Vec::with_capacity(col.byte_len(start, end) + 64);
    let mut text_offsets = Vec::with_capacity(rows + 1);
    let mut segments = Vec::new();
    let mut list_offsets = Vec::with_capacity(rows + 1);
    text_offsets.push(0);
    list_offsets.push(0);
    let mut state = W::State::default();
    for i in start..end {
        if let Some(text) = col.get(i) {
            w.write(&mut state, text, &mut values, &mut segments);
        }
        let too_large = || OffsetOverflow { row: base + i };
        text_offsets.push(i32::try_from(values.len()).map_err(|_| too_large())?);
        list_offsets.push(i32::try_from(segments.len()).map_err(|_| too_large())?);
    }
    Ok(AlignedChunk { values, text_offsets, segments, list_offsets })
}

/// Copy `parts` one after another into one vector, each part on a rayon task.
fn concat_parallel<T: Copy + Send + Sync>(parts: &[&[T]]) -> Vec<T> {
    let total = parts.iter().map(|p| p.len()).sum();
    let mut out: Vec<T> = Vec::with_capacity(total);
    let mut dests: Vec<&mut [MaybeUninit<T>]> = Vec::with_capacity(parts.len());
    let mut rest = &mut out.spare_capacity_mut()[..total];
    for p in parts {
        let (head, tail) = rest.split_at_mut(p.len());
        dests.push(head);
        rest = tail;
    }
    let copy = |(dst, src): (&mut &mut [MaybeUninit<T>], &&[T])| {
        // SAFETY: `dst` and `src` have the same length and do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr().cast::<T>(), src.len()) }
    };
    if parallel_allowed() {
        install(|| dests.par_iter_mut().zip(parts.par_iter()).for_each(copy));
    } else {
        dests.iter_mut().zip(parts.iter()).for_each(copy);
    }
    // SAFETY: the first `total` elements were all written above.
    unsafe { out.set_len(total) };
    out
}

/// Offsets of parts joined: each part's offsets after the first, shifted by what came before.
fn join_offsets(offsets: &[&[i32]], rows: usize) -> Result<Vec<i32>, OffsetOverflow> {
    let mut out = Vec::with_capacity(rows + 1);
    out.push(0i32);
    let mut base = 0i64;
    for o in offsets {
        let end = base + *o.last().expect("offsets start at 0") as i64;
        if end > i32::MAX as i64 {
            // `o[k]` ends row `k - 1` of this part: the first row past the limit.
            let k = o.iter().position(|&x| base + x as i64 > i32::MAX as i64).expect("one is past");
            return Err(OffsetOverflow { row: out.len() - 1 + k - 1 });
        }
        out.extend(o[1..].iter().map(|&x| (base + x as i64) as i32));
        base = end;
    }
    Ok(out)
}

/// Join parts into one (no copy when there is only one).
fn join(mut parts: Vec<AlignedChunk>) -> Result<AlignedChunk, OffsetOverflow> {
    if parts.len() <= 1 {
        return Ok(parts.pop().unwrap_or_else(AlignedChunk::empty));
    }
    let rows = parts.iter().map(AlignedChunk::rows).sum();
    let text_offsets = join_offsets(&parts.iter().map(|p| &p.text_offsets[..]).collect::<Vec<_>>(), rows)?;
    let list_offsets = join_offsets(&parts.iter().map(|p| &p.list_offsets[..]).collect::<Vec<_>>(), rows)?;
    let values = concat_parallel(&parts.iter().map(|p| &p.values[..]).collect::<Vec<_>>());
    let segments = concat_parallel(&parts.iter().map(|p| &p.segments[..]).collect::<Vec<_>>());
    Ok(AlignedChunk { values, text_offsets, segments, list_offsets })
}


/// Run `writer` over every row of the columns `cols` (consecutive pieces of one column), in
/// parallel; one chunk back for all of them. An error names the first row (counted over all
/// pieces) whose output did not fit 32-bit offsets.
pub fn map_aligned<W: AlignedRowWriter, C: TextRows>(writer: &W, cols: &[C]) -> Result<AlignedChunk, OffsetOverflow> {
    // Work items: (piece, first row, end row, first row of the piece in the whole input).
    let mut work = Vec::new();
    let mut base = 0;
    for (k, col) in cols.iter().enumerate() {
        let ranges = if threads() == 1 { vec![(0, col.len())] } else { chunk_ranges(col.len()) };
        work.extend(ranges.into_iter().filter(|(s, e)| e > s).map(|(s, e)| (k, s, e, base)));
        base += col.len();
    }
    let one = |&(k, s, e, base): &(usize, usize, usize, usize)| write_part(writer, &cols[k], s, e, base);
    let parts: Result<Vec<AlignedChunk>, OffsetOverflow> = if parallel_allowed() {
        install(|| work.par_iter().map(one).collect())
    } else {
        work.iter().map(one).collect()
    };
    join(parts?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Upper-cases ASCII and drops `-`, with one segment per kept byte run.
    struct Upper;

    impl AlignedRowWriter for Upper {
        type State = ();
        fn write(&self, _: &mut (), text: &str, values: &mut Vec<u8>, segments: &mut Vec<u32>) {
            let start = values.len();
            let mut out = 0u32;
            for (i, c) in text.char_indices() {
                if c == '-' {
                    continue;
                }
                values.extend(c.to_ascii_uppercase().to_string().bytes());
                segments.extend([out, 1, text[..i].chars().count() as u32, 1, 0]);
                out += 1;
            }
            debug_assert!(values.len() >= start);
        }
    }

    #[test]
    fn pieces_join_in_row_order() {
        let a: Vec<Option<&str>> = (0..300).map(|i| (i % 4 != 1).then_some("a-b")).collect();
        let b: Vec<Option<&str>> = vec![Some("x"), None, Some("")];
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let got = pool.install(|| map_aligned(&Upper, &[&a[..], &b[..]])).unwrap();
        assert_eq!(got.rows(), 303);
        let row = |r: usize| {
            let (s, e) = (got.text_offsets[r] as usize, got.text_offsets[r + 1] as usize);
            std::str::from_utf8(&got.values[s..e]).unwrap()
        };
        assert_eq!(row(0), "AB");
        assert_eq!(row(1), "");
        assert_eq!(row(300), "X");
        assert_eq!(&got.segments[got.list_offsets[2] as usize..got.list_offsets[3] as usize], &[0, 1, 0, 1, 0, 1, 1, 2, 1, 0]);
        let one = map_aligned(&Upper, &[&a[..]]).unwrap();
        assert_eq!(one.rows(), 300);
        let none: [&[Option<&str>]; 0] = [];
        assert_eq!(map_aligned(&Upper, &none).unwrap().rows(), 0);
    }
}
