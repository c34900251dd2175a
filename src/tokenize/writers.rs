//! Row writers: tokens, sentences and stems of one row, appended to a [`ListChunk`].
//!
//! The batch engine ([`crate::batch`]) runs these over a column; each writes its items with
//! code-point spans, converting byte offsets while the row is written: items come in order, so
//! a forward cursor ([`CodepointCursor`]) counts each byte of the row once.

use super::stem::Stemmer;
use super::words::TokenKind;
use super::{for_each_token, is_stopword, sentence_spans, TokenizeOptions};
use crate::batch::{ListChunk, Offset, OffsetOverflow};
use crate::normalize::Normalizer;
use crate::text::count_chars;

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
            let span = if out.spans() {
                (cursor.to_cp(t.start), cursor.to_cp(t.end))
            } else {
                (0, 0)
            };
            out.push_raw(span, t.kind as i8, &bytes[t.start..t.end])?;
        }
        return Ok(());
    }
    let mut result = Ok(());
    for_each_token(text, opts, |t| {
        if result.is_err() {
            return;
        }
        let span = if out.spans() {
            (cursor.to_cp(t.start), cursor.to_cp(t.end))
        } else {
            (0, 0)
        };
        let pushed = match normalizer {
            None => out.push_raw(span, t.kind as i8, &text.as_bytes()[t.start..t.end]),
            Some(n) => out
                .push_item(span, t.kind as i8, true, |v| n.normalize_into(t.text(text), v))
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
        let span = if out.spans() {
            (cursor.to_cp(s), cursor.to_cp(e))
        } else {
            (0, 0)
        };
        out.push_raw(span, TokenKind::Punct as i8, &text.as_bytes()[s..e])?;
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
        let span = if out.spans() {
            (cursor.to_cp(t.start), cursor.to_cp(t.end))
        } else {
            (0, 0)
        };
        let raw = &text[t.start..t.end];
        let pushed = if t.kind == TokenKind::Arabic {
            out.push_item(span, t.kind as i8, true, |v| stemmer.stem_into(raw, v))
        } else {
            out.push_raw(span, t.kind as i8, raw.as_bytes()).map(|_| true)
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
    use crate::batch::ItemFields;

    const ALL: ItemFields = ItemFields {
        spans: true,
        kinds: true,
    };

    #[test]
    fn tokens_of_a_column_through_the_engine_match_the_tokenizer() {
        let rows: Vec<Option<String>> = (0..500)
            .map(|i| match i % 5 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("سطر {i}، فيه 😀 كلمات. ثم? انتهى")),
            })
            .collect();
        let opts = TokenizeOptions::default();
        let one: ListChunk<i32> = crate::batch::map_list_column(
            rows.len(),
            |i| rows[i].as_deref(),
            ALL,
            |t, out| write_tokens(t, opts, None, out),
            |s, e| (e - s) * 40_000,
        )
        .unwrap();
        assert_eq!(one.rows(), rows.len());
        for (r, row) in rows.iter().enumerate() {
            let text = row.as_deref().unwrap_or("");
            let chars: Vec<char> = text.chars().collect();
            let expected = super::super::tokens(text, opts);
            let items = one.row_items(r);
            assert_eq!(items.len(), expected.len(), "row {r}");
            for (i, t) in items.zip(&expected) {
                let (s, e) = (one.starts[i] as usize, one.ends[i] as usize);
                assert_eq!(chars[s..e].iter().collect::<String>(), one.item_text(i));
                assert_eq!(one.kinds[i], t.kind as i8);
            }
        }
    }

    #[test]
    fn kind_numbers_index_the_kind_list() {
        for (i, k) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
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
