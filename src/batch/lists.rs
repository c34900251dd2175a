//! List columns in Arrow layout: [`ListChunk`] holds the items of a run of rows.
//!
//! Row `r` owns items `lists[r]..lists[r + 1]`; item `i` has its text in `text` (values +
//! offsets) and, when asked, its code-point span in `starts`/`ends` and its kind number in
//! `kinds`. Row writers (tokens, sentences, stems) append items with [`ListChunk::push_raw`] or
//! [`ListChunk::push_item`]; [`super::arrow`] wraps the buffers as a
//! `list<struct<text, start, end, kind>>` or `list<string>` column without copying them, and
//! the Python layer reads single rows out of them lazily.

use super::{Offset, OffsetOverflow, StringChunk};

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
    /// A kind number for each item, meaningful to its writer (a token kind); empty when
    /// kinds were not asked for.
    pub kinds: Vec<i8>,
    spans: bool,
    with_kinds: bool,
    /// The row being written, for error messages.
    pub(super) row: usize,
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

    /// Whether items record their code-point spans (writers skip computing them otherwise).
    #[inline]
    pub fn spans(&self) -> bool {
        self.spans
    }

    /// The row being written (its number in the column), for error messages.
    pub fn current_row(&self) -> usize {
        self.row
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
        kind: i8,
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
            self.kinds.push(kind);
        }
        Ok(true)
    }

    /// Append one item whose text is `bytes` as they are (the common, raw path).
    #[inline(always)]
    pub fn push_raw(
        &mut self,
        span: (usize, usize),
        kind: i8,
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
            self.kinds.push(kind);
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
