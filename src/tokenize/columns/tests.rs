//! Cases of the column writers: rows, code points, kinds, errors, and the column path against the row by row one.

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

/// The whole column in one chunk, written row by row on this thread.
fn serial(rows: &[Option<String>]) -> ListChunk<i32> {
    let mut one = ListChunk::new(ALL, rows.len(), 0);
    write_rows(
        0..rows.len(),
        &|i: usize| rows[i].as_deref(),
        &|t, out: &mut ListChunk<i32>| write_tokens(t, TokenizeOptions::default(), None, out),
        &mut one,
    )
    .unwrap();
    one
}

#[test]
fn tokens_of_a_column_keep_rows_and_code_points() {
    let rows = rows();
    let opts = TokenizeOptions::default();
    // Claimed sizes large enough for several workers and many blocks.
    let one: ListChunk<i32> = map_list_column(
        rows.len(),
        |i| rows[i].as_deref(),
        ALL,
        |t, out| write_tokens(t, opts, None, out),
        |s, e| (e - s) * 40_000,
    )
    .unwrap();
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
    let mut expected = serial(&rows);
    expected.row = rows.len();
    assert_eq!(one, expected);
}

#[test]
fn column_matches_row_by_row_at_every_size() {
    let rows = rows();
    for scale in [0, 1, 1_000, 10_000, 100_000, 1 << 22] {
        for n in [0, 1, 2, 7, 100, rows.len()] {
            let rows = &rows[..n];
            let one: ListChunk<i32> = map_list_column(
                rows.len(),
                |i| rows[i].as_deref(),
                ALL,
                |t, out| write_tokens(t, TokenizeOptions::default(), None, out),
                |s, e| (e - s) * scale,
            )
            .unwrap();
            let mut expected = serial(rows);
            expected.row = one.row;
            assert_eq!(one, expected, "{n} rows, scale {scale}");
            assert_eq!(one.row, n);
        }
    }
}

#[test]
fn column_error_names_the_first_failing_row() {
    let rows = rows();
    for bad in [0, 1, 250, 251, 498, 499] {
        let err = map_list_column::<i32, _, _, _>(
            rows.len(),
            |i| rows[i].as_deref(),
            ALL,
            |t, out| {
                // Rows from `bad` on fail, the way an overflowing row does.
                if out.row >= bad {
                    return Err(OffsetOverflow { row: out.row });
                }
                write_tokens(t, TokenizeOptions::default(), None, out)
            },
            |s, e| (e - s) * 40_000,
        )
        .unwrap_err();
        // A missing row has no text to write, so it does not fail.
        let first = (bad..rows.len()).find(|&i| rows[i].is_some()).unwrap();
        assert_eq!(err.row, first, "rows fail from {bad}");
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
