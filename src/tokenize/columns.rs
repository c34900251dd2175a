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
//! [`map_list_chunks`] runs a writer over a column in parallel chunks, like
//! [`crate::batch::map_to_chunks`] does for string outputs (and fork-safe the same way).

use super::stem::Stemmer;
use super::words::TokenKind;
use super::{for_each_token, is_stopword, sentence_spans, TokenizeOptions};
use crate::batch::{parallel_allowed, Offset, OffsetOverflow, StringChunk};
use crate::normalize::Normalizer;
use crate::offsets::count_chars;
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

impl<O: Offset> ListChunk<O> {
    /// Append the rows of `other` after the rows of `self`.
    fn append(&mut self, other: &ListChunk<O>) -> Result<(), OffsetOverflow> {
        let row = self.rows();
        let overflow = || OffsetOverflow { row };
        let item_base = i32::try_from(self.items()).map_err(|_| overflow())?;
        let byte_base = self.text.values.len();
        for &n in &other.lists[1..] {
            self.lists
                .push(n.checked_add(item_base).ok_or_else(overflow)?);
        }
        for o in &other.text.offsets[1..] {
            self.text
                .offsets
                .push(O::from_len(byte_base + o.to_len()).ok_or_else(overflow)?);
        }
        self.text.values.extend_from_slice(&other.text.values);
        self.starts.extend_from_slice(&other.starts);
        self.ends.extend_from_slice(&other.ends);
        self.kinds.extend_from_slice(&other.kinds);
        self.row += other.rows();
        Ok(())
    }
}

/// Join chunks into one, the rows in order. The first chunk's buffers grow in place (with
/// `joined`, [`map_list_chunks`] gave it room for the whole column), so only the other chunks
/// are copied.
pub fn concat_list_chunks<O: Offset>(
    chunks: Vec<ListChunk<O>>,
    fields: ItemFields,
) -> Result<ListChunk<O>, OffsetOverflow> {
    let mut it = chunks.into_iter();
    let Some(mut out) = it.next() else {
        return Ok(ListChunk::new(fields, 0, 0));
    };
    for c in it {
        out.append(&c)?;
    }
    Ok(out)
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
    let threads = if parallel_allowed() {
        rayon::current_num_threads()
    } else {
        1
    };
    let parts = threads.min(total / MIN_CHUNK_BYTES + 1).min(len).max(1);
    if parts == 1 {
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

/// Run `write_row` over every row of a column, one chunk of rows per worker, in parallel,
/// into [`ListChunk`]s (fork-safe: one chunk in a forked child, see
/// [`crate::batch::parallel_allowed`]).
///
/// `row(i)` gives row `i` (`None` when missing: it gets an empty list); `bytes(start, end)`
/// is the text size of rows `start..end`, to balance the chunks and size buffers once. With
/// `joined`, the first chunk gets room for the whole column, for [`concat_list_chunks`].
pub fn map_list_chunks<'a, O, R, W, B>(
    len: usize,
    row: R,
    fields: ItemFields,
    write_row: W,
    bytes: B,
    joined: bool,
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
        let (rows, size) = if joined && start == 0 {
            (len, bytes(0, len))
        } else {
            (end - start, bytes(start, end))
        };
        let mut chunk = ListChunk::new(fields, rows, size);
        chunk.row = start;
        for i in start..end {
            if let Some(text) = row(i) {
                write_row(text, &mut chunk)?;
            }
            chunk.end_row(i)?;
        }
        Ok(chunk)
    };
    if ranges.len() > 1 {
        ranges.into_par_iter().map(one).collect()
    } else {
        ranges.into_iter().map(one).collect()
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
mod tests {
    use super::*;

    const ALL: ItemFields = ItemFields {
        spans: true,
        kinds: true,
    };

    fn rows() -> Vec<Option<String>> {
        (0..500)
            .map(|i| match i % 5 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("سطر {i}، فيه 😀 كلمات. ثم? انتهى")),
            })
            .collect()
    }

    #[test]
    fn tokens_of_a_column_keep_rows_and_code_points() {
        let rows = rows();
        let opts = TokenizeOptions::default();
        let chunks: Vec<ListChunk<i32>> = map_list_chunks(
            rows.len(),
            |i| rows[i].as_deref(),
            ALL,
            |t, out| write_tokens(t, opts, None, out),
            |s, e| (e - s) * 40,
            true,
        )
        .unwrap();
        let one = concat_list_chunks(chunks, ALL).unwrap();
        assert_eq!(one.rows(), rows.len());
        for (r, row) in rows.iter().enumerate() {
            let items = one.row_items(r);
            let text = row.as_deref().unwrap_or("");
            let chars: Vec<char> = text.chars().collect();
            let expected = super::super::tokens(text, opts);
            assert_eq!(items.len(), expected.len(), "row {r}");
            for i in items {
                let (s, e) = (one.starts[i] as usize, one.ends[i] as usize);
                assert_eq!(chars[s..e].iter().collect::<String>(), one.item_text(i));
            }
        }
    }

    #[test]
    fn sentences_and_stems_of_a_row() {
        let mut chunk = ListChunk::<i64>::new(ALL, 1, 64);
        write_sentences("قال د. أحمد: نعم. ثم 😀 غادر", &mut chunk).unwrap();
        chunk.end_row(0).unwrap();
        let texts: Vec<&str> = chunk.row_items(0).map(|i| chunk.item_text(i)).collect();
        assert_eq!(texts, ["قال د. أحمد: نعم.", "ثم 😀 غادر"]);
        assert_eq!((chunk.starts[1], chunk.ends[1]), (18, 27));

        let mut chunk = ListChunk::<i32>::new(
            ItemFields {
                spans: false,
                kinds: false,
            },
            1,
            64,
        );
        write_stems(
            "والمكتبات، في 2020 من iPhone!",
            Stemmer::Light10,
            true,
            &mut chunk,
        )
        .unwrap();
        chunk.end_row(0).unwrap();
        let texts: Vec<&str> = chunk.row_items(0).map(|i| chunk.item_text(i)).collect();
        assert_eq!(texts, ["مكتب", "2020", "iPhone"]);
        assert!(chunk.starts.is_empty() && chunk.kinds.is_empty());
    }

    #[test]
    fn normalized_tokens_keep_raw_spans_and_drop_empty_ones() {
        let n = Normalizer::new(crate::normalize::NormalizeOptions::preset("ml_clean").unwrap());
        let mut chunk = ListChunk::<i32>::new(ALL, 1, 64);
        let text = "الْكِتَابُ \u{064e} جَدِيدٌ";
        write_tokens(text, TokenizeOptions::default(), Some(&n), &mut chunk).unwrap();
        chunk.end_row(0).unwrap();
        let texts: Vec<&str> = chunk.row_items(0).map(|i| chunk.item_text(i)).collect();
        assert_eq!(texts, ["الكتاب", "جديد"]);
        assert_eq!(
            (
                chunk.starts[0],
                chunk.ends[0],
                chunk.starts[1],
                chunk.ends[1]
            ),
            (0, 10, 13, 20)
        );
    }

    #[test]
    fn short_count_matches_the_plain_one() {
        let text = "aب😀c كتاب\u{064e} é ".repeat(20);
        for s in 0..text.len() {
            for e in s..text.len().min(s + 80) {
                if text.is_char_boundary(s) && text.is_char_boundary(e) {
                    assert_eq!(
                        count_chars_short(&text.as_bytes()[s..e]),
                        text[s..e].chars().count()
                    );
                }
            }
        }
    }

    #[test]
    fn cursor_counts_forward() {
        let text = "aب😀c";
        let mut c = CodepointCursor::new(text);
        assert_eq!(c.to_cp(0), 0);
        assert_eq!(c.to_cp(1), 1);
        assert_eq!(c.to_cp(3), 2);
        assert_eq!(c.to_cp(7), 3);
        assert_eq!(c.to_cp(8), 4);
    }
}
