//! Arrow in and out of the engine: string columns viewed as rows ([`StrColumn`]), and the
//! engine's buffers wrapped as Arrow arrays without a copy.
//!
//! A column arrives as one array or as the chunks of a stream (a chunked array, a pandas or
//! polars Series). `joined` asks for one output array for all of a piece's rows (what a
//! pyarrow `Array` input gets back); otherwise every task's chunk becomes an output array as
//! it is, which skips even the join. The input's null bitmap is reused as it is.
//!
//! [`map_fixed_size_column`] gives `fixed_size_list` columns (MinHash signatures). The builders at
//! the end ([`text_column`], [`list_column`], [`struct_column`] ...) are what
//! record-batch writers (articles) build their columns with.

use super::aligned::{map_aligned, AlignedChunk, AlignedRowWriter};
use super::list_column::{map_list_chunks, map_list_column};
use super::lists::{ItemFields, ListChunk};
use super::strings::{concat_chunks, map_in_place, map_to_chunks, StringChunk};
use super::{map_fixed_size, map_rows, Offset, OffsetOverflow, TextRows};
use arrow_array::builder::StringBuilder;
use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, ArrowPrimitiveType, BooleanArray, DictionaryArray, FixedSizeListArray, Float64Array,
    GenericListArray, GenericStringArray, Int32Array, PrimitiveArray,
    Int64Array, Int8Array, LargeStringArray, ListArray, OffsetSizeTrait, StringArray, StringViewArray,
    StructArray, UInt32Array,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, NullBufferBuilder, OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields};
use std::sync::Arc;

/// A borrowed Arrow string column of any of the three string layouts.
pub enum StrColumn<'a> {
    /// `string` (i32 offsets).
    Utf8(&'a StringArray),
    /// `large_string` (i64 offsets).
    LargeUtf8(&'a LargeStringArray),
    /// `string_view`.
    View(&'a StringViewArray),
    /// The `null` type: every row missing.
    AllNull(usize),
}

/// Whether `t` is a type [`StrColumn`] can view.
pub fn is_text_type(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null)
}

impl<'a> StrColumn<'a> {
    /// View `array` as strings; its type back when it is not a string type.
    pub fn new(array: &'a ArrayRef) -> Result<Self, DataType> {
        let any = array.as_any();
        Ok(match array.data_type() {
            DataType::Utf8 => StrColumn::Utf8(any.downcast_ref().expect("type checked")),
            DataType::LargeUtf8 => StrColumn::LargeUtf8(any.downcast_ref().expect("type checked")),
            DataType::Utf8View => StrColumn::View(any.downcast_ref().expect("type checked")),
            DataType::Null => StrColumn::AllNull(array.len()),
            other => return Err(other.clone()),
        })
    }

    /// Every array of `arrays` viewed as strings, or the first type that is not one.
    pub fn all(arrays: &'a [ArrayRef]) -> Result<Vec<Self>, DataType> {
        arrays.iter().map(StrColumn::new).collect()
    }

    /// The null bitmap, to hand to the output as it is.
    pub fn nulls(&self) -> Option<NullBuffer> {
        match self {
            StrColumn::Utf8(a) => a.nulls().cloned(),
            StrColumn::LargeUtf8(a) => a.nulls().cloned(),
            StrColumn::View(a) => a.nulls().cloned(),
            StrColumn::AllNull(n) => Some(NullBuffer::new_null(*n)),
        }
    }

    /// Whether the output should use 64-bit offsets.
    pub fn is_large(&self) -> bool {
        matches!(self, StrColumn::LargeUtf8(_))
    }
}

impl TextRows for StrColumn<'_> {
    fn len(&self) -> usize {
        match self {
            StrColumn::Utf8(a) => a.len(),
            StrColumn::LargeUtf8(a) => a.len(),
            StrColumn::View(a) => a.len(),
            StrColumn::AllNull(n) => *n,
        }
    }

    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            StrColumn::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::View(a) => a.is_valid(i).then(|| a.value(i)),
            StrColumn::AllNull(_) => None,
        }
    }

    fn byte_len(&self, start: usize, end: usize) -> usize {
        match self {
            StrColumn::Utf8(a) => {
                let o = a.value_offsets();
                (o[end] - o[start]) as usize
            }
            StrColumn::LargeUtf8(a) => {
                let o = a.value_offsets();
                (o[end] - o[start]) as usize
            }
            StrColumn::View(a) => a.views()[start..end].iter().map(|v| *v as u32 as usize).sum(),
            StrColumn::AllNull(_) => 0,
        }
    }
}

/// The pieces of one column (the chunks of a stream) as one run of rows.
pub struct ChunkedText<'a> {
    cols: Vec<StrColumn<'a>>,
    /// The first row of each piece, and the total at the end.
    starts: Vec<usize>,
}

impl<'a> ChunkedText<'a> {
    /// The pieces `cols`, in order.
    pub fn new(cols: Vec<StrColumn<'a>>) -> Self {
        let mut starts = vec![0];
        for c in &cols {
            starts.push(starts[starts.len() - 1] + c.len());
        }
        ChunkedText { cols, starts }
    }

    /// The piece holding row `i`, and the row's number inside it.
    #[inline]
    fn locate(&self, i: usize) -> (usize, usize) {
        let piece = self.starts.partition_point(|&s| s <= i) - 1;
        (piece, i - self.starts[piece])
    }
}

impl TextRows for ChunkedText<'_> {
    fn len(&self) -> usize {
        self.starts[self.starts.len() - 1]
    }

    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        let (piece, row) = self.locate(i);
        self.cols[piece].get(row)
    }

    fn byte_len(&self, start: usize, end: usize) -> usize {
        (start..end).map(|i| self.get(i).map_or(0, str::len)).sum()
    }
}

/// The null bitmaps of consecutive pieces as one (`None` when no row is null).
pub fn joined_nulls(cols: &[StrColumn<'_>]) -> Option<NullBuffer> {
    match cols {
        [one] => one.nulls(),
        _ => {
            let len = cols.iter().map(TextRows::len).sum();
            let mut b = NullBufferBuilder::new(len);
            for col in cols {
                match col.nulls() {
                    Some(nb) => b.append_buffer(&nb),
                    None => b.append_n_non_nulls(col.len()),
                }
            }
            b.finish()
        }
    }
}

/// Split `nulls` into the pieces of `lens` rows each.
fn sliced_nulls(nulls: Option<&NullBuffer>, lens: impl Iterator<Item = usize>) -> Vec<Option<NullBuffer>> {
    let mut start = 0;
    lens.map(|len| {
        let part = nulls.map(|n| n.slice(start, len));
        start += len;
        part
    })
    .collect()
}

// --- string columns ---------------------------------------------------------------------------

/// Wrap buffers a string writer filled as a string array.
pub fn string_array<O: OffsetSizeTrait + Offset>(chunk: StringChunk<O>, nulls: Option<NullBuffer>) -> ArrayRef {
    let offsets = OffsetBuffer::new(ScalarBuffer::from(chunk.offsets));
    // SAFETY: every row was appended by a writer producing `str` data, so the values are
    // valid UTF-8 at every offset; skipping arrow's re-validation saves a full pass.
    Arc::new(unsafe { GenericStringArray::<O>::new_unchecked(offsets, Buffer::from_vec(chunk.values), nulls) })
}

fn map_strings_typed<O, W>(col: &StrColumn<'_>, write: &W, joined: bool, shrinks: bool) -> Result<Vec<ArrayRef>, OffsetOverflow>
where
    O: OffsetSizeTrait + Offset,
    W: Fn(&str, &mut Vec<u8>) + Sync,
{
    let nulls = col.nulls();
    if joined && shrinks {
        // Output never longer than input: one buffer, no second copy of the column.
        let one: StringChunk<O> = map_in_place(col.len(), |i| col.get(i), write, |s, e| col.byte_len(s, e))?;
        return Ok(vec![string_array(one, nulls)]);
    }
    let chunks: Vec<StringChunk<O>> = map_to_chunks(col.len(), |i| col.get(i), write, |s, e| col.byte_len(s, e))?;
    if joined {
        return Ok(vec![match concat_chunks::<O, O>(&chunks) {
            Ok(one) => string_array(one, nulls),
            // A `string` column that grew past 2 GiB comes back as `large_string`.
            Err(_) => string_array(concat_chunks::<O, i64>(&chunks)?, nulls),
        }]);
    }
    let parts = sliced_nulls(nulls.as_ref(), chunks.iter().map(StringChunk::len));
    Ok(chunks.into_iter().zip(parts).map(|(c, n)| string_array(c, n)).collect())
}

/// `write` (appends a row's output text) over every row of a string column: one array when
/// `joined`, else one per task. `shrinks` promises that no row's output is longer than the row
/// (the column is then written in place, in one buffer).
pub fn map_strings<W>(col: &StrColumn<'_>, write: &W, joined: bool, shrinks: bool) -> Result<Vec<ArrayRef>, OffsetOverflow>
where
    W: Fn(&str, &mut Vec<u8>) + Sync,
{
    if col.is_large() {
        map_strings_typed::<i64, W>(col, write, joined, shrinks)
    } else {
        map_strings_typed::<i32, W>(col, write, joined, shrinks)
    }
}

// --- list columns -----------------------------------------------------------------------------

/// The type of one item of a list column: the text, or a struct of text, code-point span and
/// (with `kinds`) a dictionary-encoded kind.
pub fn list_item_type(large: bool, fields: ItemFields) -> DataType {
    let text = if large { DataType::LargeUtf8 } else { DataType::Utf8 };
    if !fields.spans {
        return text;
    }
    DataType::Struct(item_fields(text, fields))
}

fn item_fields(text: DataType, fields: ItemFields) -> Fields {
    let mut f = vec![
        Field::new("text", text, false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
    ];
    if fields.kinds {
        f.push(Field::new("kind", DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8)), false));
    }
    f.into()
}

/// The type of a list column of such items.
pub fn list_type(large: bool, fields: ItemFields) -> DataType {
    DataType::List(Arc::new(Field::new("item", list_item_type(large, fields), false)))
}

/// Wrap a chunk's buffers as a list column, without copying them and without arrow's
/// validation passes: those walk every item offset and every kind on one thread (a tenth of a
/// whole tokenize call on a big column), and the writers guarantee what they check. `kinds`
/// names kind number `k` (every number a writer pushes is an index into it).
pub fn list_array<O: OffsetSizeTrait + Offset>(chunk: ListChunk<O>, nulls: Option<NullBuffer>, kinds: &[&str]) -> Result<ArrayRef, ArrowError> {
    let fields = chunk.fields();
    // SAFETY: offsets start at 0 and only grow: the writers push the values buffer's length
    // after each item (and the item count after each row), and the buffer only grows.
    let offsets = unsafe { OffsetBuffer::new_unchecked(ScalarBuffer::from(chunk.text.offsets)) };
    // SAFETY: every item was appended by a writer producing `str` data, so the values are
    // valid UTF-8 at every offset.
    let text: ArrayRef =
        Arc::new(unsafe { GenericStringArray::<O>::new_unchecked(offsets, Buffer::from_vec(chunk.text.values), None) });
    let values: ArrayRef = if fields.spans {
        let mut arrays = vec![
            text.clone(),
            Arc::new(Int32Array::new(ScalarBuffer::from(chunk.starts), None)) as ArrayRef,
            Arc::new(Int32Array::new(ScalarBuffer::from(chunk.ends), None)) as ArrayRef,
        ];
        if fields.kinds {
            let keys = Int8Array::new(ScalarBuffer::from(chunk.kinds), None);
            let names: ArrayRef = Arc::new(StringArray::from_iter_values(kinds.iter()));
            // One vectorised pass instead of arrow's key validation, which checks each key
            // with a branch on one thread.
            if !keys.values().iter().all(|&k| k >= 0 && (k as usize) < kinds.len()) {
                return Err(ArrowError::InvalidArgumentError("a kind number has no name".into()));
            }
            // SAFETY: every key was just checked to index `names`.
            arrays.push(Arc::new(unsafe { DictionaryArray::<Int8Type>::new_unchecked(keys, names) }));
        }
        Arc::new(StructArray::try_new(item_fields(text.data_type().clone(), fields), arrays, None)?)
    } else {
        text
    };
    let item = Arc::new(Field::new("item", values.data_type().clone(), false));
    // SAFETY: as for the item offsets above.
    let lists = unsafe { OffsetBuffer::new_unchecked(ScalarBuffer::from(chunk.lists)) };
    Ok(Arc::new(GenericListArray::<i32>::try_new(item, lists, values, nulls)?))
}

/// Why a list column could not be built.
#[derive(Debug)]
pub enum ListError {
    /// A row's items grew past the offsets.
    Overflow(OffsetOverflow),
    /// Arrow refused the arrays (a bug).
    Arrow(ArrowError),
}

impl From<OffsetOverflow> for ListError {
    fn from(e: OffsetOverflow) -> Self {
        ListError::Overflow(e)
    }
}

impl From<ArrowError> for ListError {
    fn from(e: ArrowError) -> Self {
        ListError::Arrow(e)
    }
}

fn map_lists_typed<O, W>(col: &StrColumn<'_>, write: &W, fields: ItemFields, joined: bool, kinds: &[&str]) -> Result<Vec<ArrayRef>, ListError>
where
    O: OffsetSizeTrait + Offset,
    W: for<'t> Fn(&'t str, &mut ListChunk<O>) -> Result<(), OffsetOverflow> + Sync,
{
    let nulls = col.nulls();
    if joined {
        let one: ListChunk<O> = map_list_column(col.len(), |i| col.get(i), fields, write, |s, e| col.byte_len(s, e))?;
        return Ok(vec![list_array(one, nulls, kinds)?]);
    }
    let chunks: Vec<ListChunk<O>> = map_list_chunks(col.len(), |i| col.get(i), fields, write, |s, e| col.byte_len(s, e))?;
    let parts = sliced_nulls(nulls.as_ref(), chunks.iter().map(ListChunk::rows));
    chunks.into_iter().zip(parts).map(|(c, n)| Ok(list_array(c, n, kinds)?)).collect()
}

/// A list row writer over every row of a string column: one list array when `joined`, else
/// one per task. The item texts are `large_string` when the input is. `kinds` names the kind
/// numbers the writer pushes (when `fields.kinds`).
pub fn map_lists<W32, W64>(
    col: &StrColumn<'_>,
    write32: &W32,
    write64: &W64,
    fields: ItemFields,
    joined: bool,
    kinds: &[&str],
) -> Result<Vec<ArrayRef>, ListError>
where
    W32: for<'t> Fn(&'t str, &mut ListChunk<i32>) -> Result<(), OffsetOverflow> + Sync,
    W64: for<'t> Fn(&'t str, &mut ListChunk<i64>) -> Result<(), OffsetOverflow> + Sync,
{
    if col.is_large() {
        map_lists_typed::<i64, W64>(col, write64, fields, joined, kinds)
    } else {
        map_lists_typed::<i32, W32>(col, write32, fields, joined, kinds)
    }
}

// --- boolean columns --------------------------------------------------------------------------

/// `f` of every row of a string column as a boolean array (missing rows stay missing).
pub fn map_flags<F: Fn(&str) -> bool + Sync>(col: &StrColumn<'_>, f: F) -> ArrayRef {
    let flags = map_rows(col.len(), |i| col.get(i), f);
    let values = BooleanBuffer::from_iter(flags.iter().map(|f| f.unwrap_or(false)));
    Arc::new(BooleanArray::new(values, col.nulls()))
}

// --- fixed-size list columns -----------------------------------------------------------------

/// The type of a `fixed_size_list<P>` column of `width` values per row.
pub fn fixed_size_list_type<P: ArrowPrimitiveType>(width: usize) -> DataType {
    DataType::FixedSizeList(Arc::new(Field::new_list_field(P::DATA_TYPE, false)), width as i32)
}

/// Wrap the values of a fixed-size engine run as a `fixed_size_list<P>` array, without a copy.
pub fn fixed_size_list_array<P: ArrowPrimitiveType>(
    values: Vec<P::Native>,
    width: usize,
    nulls: Option<NullBuffer>,
) -> Result<ArrayRef, ArrowError> {
    let width = i32::try_from(width).map_err(|_| ArrowError::InvalidArgumentError(format!("{width} values per row")))?;
    let flat: ArrayRef = Arc::new(PrimitiveArray::<P>::new(ScalarBuffer::from(values), None));
    let item = Arc::new(Field::new_list_field(P::DATA_TYPE, false));
    Ok(Arc::new(FixedSizeListArray::try_new(item, width, flat, nulls)?))
}

/// `write(scratch, text, slot)` over every row of a string column (see
/// [`crate::batch::map_fixed_size`]): a `fixed_size_list<P>` array of `width` values per row,
/// null where the input is, and each row's own value.
pub fn map_fixed_size_column<'a, P, X, S, I, W>(
    col: &StrColumn<'a>,
    width: usize,
    fill: P::Native,
    init: I,
    write: W,
) -> Result<(ArrayRef, Vec<Option<X>>), ArrowError>
where
    P: ArrowPrimitiveType,
    X: Send,
    I: Fn() -> S + Sync,
    W: Fn(&mut S, &str, &mut [P::Native]) -> X + Sync,
{
    let chunk = map_fixed_size(col.len(), width, fill, |i| col.get(i), init, |s: &mut S, t: &str, slot: &mut [P::Native]| write(s, t, slot));
    let array = fixed_size_list_array::<P>(chunk.values, width, col.nulls())?;
    Ok((array, chunk.extra))
}

// --- text + alignment structs -----------------------------------------------------------------

/// The fields of a text + alignment struct.
pub fn aligned_fields() -> Fields {
    Fields::from(vec![
        Field::new("text", DataType::Utf8, true),
        Field::new("alignment", DataType::List(Arc::new(Field::new_list_field(DataType::UInt32, true))), true),
    ])
}

/// An aligned writer over every row of the pieces `cols` of one column: one
/// `struct<text: string, alignment: list<uint32>>` array.
pub fn map_aligned_column<W: AlignedRowWriter>(writer: &W, cols: &[StrColumn<'_>]) -> Result<ArrayRef, OffsetOverflow> {
    let chunk = map_aligned(writer, cols)?;
    Ok(aligned_array(chunk, joined_nulls(cols)))
}

fn aligned_array(p: AlignedChunk, nulls: Option<NullBuffer>) -> ArrayRef {
    // SAFETY: every row was written by a writer producing whole code points, so the values are
    // valid UTF-8 at every offset.
    let text = unsafe {
        StringArray::new_unchecked(OffsetBuffer::new(ScalarBuffer::from(p.text_offsets)), Buffer::from_vec(p.values), nulls.clone())
    };
    let item = Arc::new(Field::new_list_field(DataType::UInt32, true));
    let flat = UInt32Array::new(ScalarBuffer::from(p.segments), None);
    let list = ListArray::new(item, OffsetBuffer::new(ScalarBuffer::from(p.list_offsets)), Arc::new(flat), nulls.clone());
    Arc::new(StructArray::new(aligned_fields(), vec![Arc::new(text) as ArrayRef, Arc::new(list) as ArrayRef], nulls))
}

// --- builders for record batches -------------------------------------------------------------

/// A string column written into buffers sized once: growing them by doubling would touch (and
/// fault in) several times the memory the column needs.
pub fn text_column<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let values: Vec<Option<&str>> = values.collect();
    let bytes = values.iter().map(|v| v.map_or(0, str::len)).sum();
    let mut builder = StringBuilder::with_capacity(values.len(), bytes);
    for v in values {
        builder.append_option(v);
    }
    Arc::new(builder.finish())
}

/// An int64 column.
pub fn int_column(values: impl Iterator<Item = Option<usize>>) -> ArrayRef {
    Arc::new(Int64Array::from_iter(values.map(|v| v.map(|v| v as i64))))
}

/// A float64 column of `values`.
pub fn float_column(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    Arc::new(Float64Array::from_iter(values))
}

/// A boolean column of `values`.
pub fn bool_column(values: impl Iterator<Item = Option<bool>>) -> ArrayRef {
    Arc::new(BooleanArray::from_iter(values))
}

/// A list column: one list per group (null for `None`), its items turned into one values array
/// by `values`.
pub fn list_column<'a, T: 'a>(
    groups: impl Iterator<Item = Option<&'a [T]>>,
    values: impl FnOnce(&[&'a T]) -> Result<ArrayRef, ArrowError>,
) -> Result<ArrayRef, ArrowError> {
    let mut flat: Vec<&T> = Vec::new();
    let mut lengths = Vec::new();
    let mut valid = Vec::new();
    for g in groups {
        valid.push(g.is_some());
        let items = g.unwrap_or_default();
        lengths.push(items.len());
        flat.extend(items);
    }
    let values = values(&flat)?;
    let item = Arc::new(Field::new("item", values.data_type().clone(), true));
    let nulls = NullBuffer::from(valid);
    let nulls = (nulls.null_count() > 0).then_some(nulls);
    Ok(Arc::new(ListArray::try_new(item, OffsetBuffer::from_lengths(lengths), values, nulls)?))
}

/// A struct column from named children; `valid` marks the rows that are not null.
pub fn struct_column(columns: Vec<(&str, ArrayRef)>, valid: Option<Vec<bool>>) -> Result<ArrayRef, ArrowError> {
    let fields: Fields = columns.iter().map(|(name, c)| Field::new(*name, c.data_type().clone(), true)).collect();
    let arrays = columns.into_iter().map(|(_, c)| c).collect();
    let nulls = valid.map(NullBuffer::from).filter(|n| n.null_count() > 0);
    Ok(Arc::new(StructArray::try_new(fields, arrays, nulls)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;

    fn column() -> ArrayRef {
        Arc::new(StringArray::from(vec![Some("a b"), None, Some(""), Some("c")]))
    }

    #[test]
    fn strings_keep_nulls_and_rows() {
        let array = column();
        let col = StrColumn::new(&array).unwrap();
        let upper = |t: &str, out: &mut Vec<u8>| out.extend(t.to_uppercase().bytes());
        for (joined, shrinks) in [(true, true), (true, false), (false, false)] {
            let out = map_strings(&col, &upper, joined, shrinks).unwrap();
            let rows: Vec<Option<String>> =
                out.iter().flat_map(|a| a.as_string::<i32>().iter().map(|v| v.map(str::to_string)).collect::<Vec<_>>()).collect();
            assert_eq!(rows, [Some("A B".into()), None, Some(String::new()), Some("C".into())]);
        }
    }

    #[test]
    fn lists_and_flags() {
        let array = column();
        let col = StrColumn::new(&array).unwrap();
        fn split<O: Offset>(t: &str, out: &mut ListChunk<O>) -> Result<(), OffsetOverflow> {
            for w in t.split(' ').filter(|w| !w.is_empty()) {
                out.push_raw((0, 0), 0, w.as_bytes())?;
            }
            Ok(())
        }
        let fields = ItemFields { spans: false, kinds: false };
        let out = map_lists(&col, &split::<i32>, &split::<i64>, fields, true, &[]).unwrap();
        assert_eq!(out[0].data_type(), &list_type(false, fields));
        let lists = out[0].as_list::<i32>();
        assert_eq!(lists.value(0).as_string::<i32>().iter().collect::<Vec<_>>(), [Some("a"), Some("b")]);
        assert!(lists.is_null(1));
        let flags = map_flags(&col, |t| t.contains('c'));
        assert_eq!(flags.as_boolean().iter().collect::<Vec<_>>(), [Some(false), None, Some(false), Some(true)]);
    }

    #[test]
    fn chunks_read_as_one_column() {
        let a = column();
        let b: ArrayRef = Arc::new(StringArray::from(vec![Some("x"), None]));
        let empty: ArrayRef = Arc::new(StringArray::from(Vec::<Option<&str>>::new()));
        let cols = [a, empty, b];
        let rows = ChunkedText::new(StrColumn::all(&cols).unwrap());
        assert_eq!(rows.len(), 6);
        let got: Vec<Option<&str>> = (0..6).map(|i| rows.get(i)).collect();
        assert_eq!(got, [Some("a b"), None, Some(""), Some("c"), Some("x"), None]);
        assert_eq!(rows.byte_len(0, 6), 5);
    }

    #[test]
    fn fixed_size_lists_keep_nulls_and_width() {
        use arrow_array::types::{UInt32Type, UInt64Type};
        let array = column();
        let col = StrColumn::new(&array).unwrap();
        let write = |_: &mut (), t: &str, slot: &mut [u32]| {
            slot.fill(t.len() as u32);
            t.len()
        };
        let (out, extra) = map_fixed_size_column::<UInt32Type, _, _, _, _>(&col, 2, 0, || (), write).unwrap();
        assert_eq!(out.data_type(), &fixed_size_list_type::<UInt32Type>(2));
        let lists = out.as_fixed_size_list();
        assert_eq!(lists.len(), 4);
        assert!(lists.is_null(1));
        assert_eq!(lists.value(0).as_primitive::<UInt32Type>().values(), &[3, 3]);
        assert_eq!(lists.value(2).as_primitive::<UInt32Type>().values(), &[0, 0]);
        assert_eq!(extra, [Some(3), None, Some(0), Some(1)]);
        let wide = fixed_size_list_array::<UInt64Type>(vec![7; 6], 3, None).unwrap();
        assert_eq!(wide.len(), 2);
        assert_eq!(wide.data_type(), &fixed_size_list_type::<UInt64Type>(3));
    }

    #[test]
    fn other_types_are_refused_and_pieces_join_nulls() {
        let ints: ArrayRef = Arc::new(Int32Array::from(vec![1]));
        assert_eq!(StrColumn::new(&ints).err(), Some(DataType::Int32));
        let a = column();
        let b: ArrayRef = Arc::new(StringArray::from(vec![Some("x")]));
        let cols = StrColumn::all(std::slice::from_ref(&a)).unwrap().into_iter().chain(StrColumn::new(&b)).collect::<Vec<_>>();
        let nulls = joined_nulls(&cols).unwrap();
        assert_eq!(nulls.len(), 5);
        assert_eq!(nulls.null_count(), 1);
    }
}
