//! The offsets column: `struct<text: string, alignment: list<uint32>>` for an Arrow input.
//!
//! Every row's normalized text and its alignment, flat (five `u32` per segment: `out_start,
//! out_len, src_start, src_len, group`), are written by the engine straight into buffers shared
//! by a whole range of rows ([`Part`]): one values buffer with its offsets for the text, one
//! segments buffer with its offsets for the alignment. A range reuses one [`Alignment`] from row
//! to row, so no row allocates anything of its own.
//!
//! Ranges run in parallel on rayon's pool. With a single range (one thread, one input chunk)
//! its buffers become the Arrow arrays as they are; otherwise the ranges are joined with one
//! parallel copy. Missing rows get empty slots, and the input's null bitmap marks them in the
//! text, the alignment and the struct alike.

use super::errors::value_error;
use super::texts::StrColumn;
use crate::batch::{chunk_ranges, parallel_allowed, threads};
use crate::normalize::{Alignment, Normalizer};
use arrow_array::{ArrayRef, ListArray, StringArray, StructArray, UInt32Array};
use arrow_buffer::{Buffer, NullBuffer, NullBufferBuilder, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::mem::MaybeUninit;
use std::sync::Arc;

/// Texts and alignments of a run of rows, in the layout of the output column: row `i` is
/// `values[text_offsets[i]..text_offsets[i + 1]]` with the segments
/// `segments[list_offsets[i]..list_offsets[i + 1]]`.
struct Part {
    values: Vec<u8>,
    text_offsets: Vec<i32>,
    segments: Vec<u32>,
    list_offsets: Vec<i32>,
}

impl Part {
    fn empty() -> Self {
        Part { values: Vec::new(), text_offsets: vec![0], segments: Vec::new(), list_offsets: vec![0] }
    }

    fn rows(&self) -> usize {
        self.text_offsets.len() - 1
    }
}

/// The output grew past what 32-bit Arrow offsets can address, at this row of the input.
struct TooLarge(usize);

/// Normalize rows `[start, end)` of `col` into one [`Part`]; `base` is the column's first row
/// in the whole input (for the error).
fn write_part(n: &Normalizer, col: &StrColumn<'_>, start: usize, end: usize, base: usize) -> Result<Part, TooLarge> {
    let rows = end - start;
    // Outputs are about as long as their inputs; the slack covers a few expansions.
    let mut values = Vec::with_capacity(col.byte_len(start, end) + 64);
    let mut text_offsets = Vec::with_capacity(rows + 1);
    let mut segments = Vec::new();
    let mut list_offsets = Vec::with_capacity(rows + 1);
    text_offsets.push(0);
    list_offsets.push(0);
    let mut align = Alignment::new();
    for i in start..end {
        if let Some(text) = col.get(i) {
            align.clear();
            n.normalize_into_with_offsets(text, &mut values, &mut align);
            align.extend_flat(&mut segments);
        }
        let too_large = || TooLarge(base + i);
        text_offsets.push(i32::try_from(values.len()).map_err(|_| too_large())?);
        list_offsets.push(i32::try_from(segments.len()).map_err(|_| too_large())?);
    }
    Ok(Part { values, text_offsets, segments, list_offsets })
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
        dests.par_iter_mut().zip(parts.par_iter()).for_each(copy);
    } else {
        dests.iter_mut().zip(parts.iter()).for_each(copy);
    }
    // SAFETY: the first `total` elements were all written above.
    unsafe { out.set_len(total) };
    out
}

/// Offsets of parts joined: each part's offsets after the first, shifted by what came before.
fn join_offsets(offsets: &[&[i32]], rows: usize) -> Result<Vec<i32>, TooLarge> {
    let mut out = Vec::with_capacity(rows + 1);
    out.push(0i32);
    let mut base = 0i64;
    for o in offsets {
        let end = base + *o.last().expect("offsets start at 0") as i64;
        if end > i32::MAX as i64 {
            // `o[k]` ends row `k - 1` of this part: the first row past the limit.
            let k = o.iter().position(|&x| base + x as i64 > i32::MAX as i64).expect("one is past");
            return Err(TooLarge(out.len() - 1 + k - 1));
        }
        out.extend(o[1..].iter().map(|&x| (base + x as i64) as i32));
        base = end;
    }
    Ok(out)
}

/// Join parts into one (no copy when there is only one).
fn join(mut parts: Vec<Part>) -> Result<Part, TooLarge> {
    if parts.len() <= 1 {
        return Ok(parts.pop().unwrap_or_else(Part::empty));
    }
    let rows = parts.iter().map(Part::rows).sum();
    let text_offsets = join_offsets(&parts.iter().map(|p| &p.text_offsets[..]).collect::<Vec<_>>(), rows)?;
    let list_offsets = join_offsets(&parts.iter().map(|p| &p.list_offsets[..]).collect::<Vec<_>>(), rows)?;
    let values = concat_parallel(&parts.iter().map(|p| &p.values[..]).collect::<Vec<_>>());
    let segments = concat_parallel(&parts.iter().map(|p| &p.segments[..]).collect::<Vec<_>>());
    Ok(Part { values, text_offsets, segments, list_offsets })
}

/// The fields of the offsets struct.
fn fields() -> Fields {
    Fields::from(vec![
        Field::new("text", DataType::Utf8, true),
        Field::new("alignment", DataType::List(Arc::new(Field::new_list_field(DataType::UInt32, true))), true),
    ])
}

/// Wrap a joined part and the null bitmap as the offsets struct array (no copy).
fn struct_array(p: Part, nulls: Option<NullBuffer>) -> ArrayRef {
    // SAFETY: every row was written by the engine, which writes whole code points, so the
    // values are valid UTF-8 at every offset; skipping arrow's re-validation saves a pass.
    let text = unsafe {
        StringArray::new_unchecked(
            OffsetBuffer::new(ScalarBuffer::from(p.text_offsets)),
            Buffer::from_vec(p.values),
            nulls.clone(),
        )
    };
    let item = Arc::new(Field::new_list_field(DataType::UInt32, true));
    let flat = UInt32Array::new(ScalarBuffer::from(p.segments), None);
    let list = ListArray::new(item, OffsetBuffer::new(ScalarBuffer::from(p.list_offsets)), Arc::new(flat), nulls.clone());
    Arc::new(StructArray::new(fields(), vec![Arc::new(text) as ArrayRef, Arc::new(list) as ArrayRef], nulls))
}

/// Normalize every chunk of an Arrow column with offsets on; one struct array back.
/// Runs on rayon's pool; call it without the GIL.
pub fn offsets_column(n: &Normalizer, chunks: &[ArrayRef], arg: &str) -> PyResult<ArrayRef> {
    let cols = chunks.iter().map(|c| StrColumn::new(c, arg)).collect::<PyResult<Vec<_>>>()?;
    // Work items: (column, first row, end row, first row of the column in the whole input).
    let mut work = Vec::new();
    let mut base = 0;
    for (k, col) in cols.iter().enumerate() {
        let ranges = if threads() == 1 { vec![(0, col.len())] } else { chunk_ranges(col.len()) };
        work.extend(ranges.into_iter().filter(|(s, e)| e > s).map(|(s, e)| (k, s, e, base)));
        base += col.len();
    }
    let one = |&(k, s, e, base): &(usize, usize, usize, usize)| write_part(n, &cols[k], s, e, base);
    let parts: Result<Vec<Part>, TooLarge> = if parallel_allowed() {
        work.par_iter().map(one).collect()
    } else {
        work.iter().map(one).collect()
    };
    let too_large = |TooLarge(row)| {
        value_error(format!(
            "row {row}: the normalized texts grew past the 2 GiB an offsets column can hold; \
             normalize the column in smaller pieces"
        ))
    };
    let joined = join(parts.map_err(too_large)?).map_err(too_large)?;
    let nulls = match &cols[..] {
        [one] => one.nulls(),
        _ => {
            let mut b = NullBufferBuilder::new(base);
            for col in &cols {
                match col.nulls() {
                    Some(nb) => b.append_buffer(&nb),
                    None => b.append_n_non_nulls(col.len()),
                }
            }
            b.finish()
        }
    };
    Ok(struct_array(joined, nulls))
}
