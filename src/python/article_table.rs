//! Articles as an Arrow table: one row per input row, nested fields as struct and list columns.
//!
//! Every [`BATCH_ROWS`] rows (fewer if they pass [`BATCH_BYTES`] of input) are one rayon task
//! that parses them and turns them into one record batch, so building the table costs no
//! serial pass, and tasks this small keep every thread busy to the end. A task drops its
//! `Article`s as soon as its batch is built: the parsed records of a whole column never sit in
//! memory at once, and the allocator hands the same warm pages to the next batch instead of
//! faulting in fresh ones (zeroing new pages cost as much as a fifth of the parse). Small
//! batches also keep every string column far from Arrow's 32-bit offset limit. A missing
//! input row is a row whose every column is null. In a forked child that may not use the
//! pool ([`crate::batch::parallel_allowed`]) the tasks run one after the other.
//!
//! Columns, in order (every field nullable; offsets are code points, as in [`Article`]):
//!
//! | column | type |
//! |---|---|
//! | `title`, `lead`, `body_text`, `author_bio`, `language` | string |
//! | `paragraphs` | list<struct<kind, text, start, end, sentences: list<struct<start, end>>>> |
//! | `authors` | list<struct<name, role, start, end>> |
//! | `dateline` | struct<place, text, start, end> |
//! | `published` | struct<value, has_time, calendar, hijri, text, start, end> |
//! | `sources` | list<struct<text, canonical: list<string>, kind, where, start, end>> |
//! | `related`, `tags`, `captions`, `warnings` | list<string> |
//! | `boilerplate` | list<struct<kind, rule, text, start, end>> |
//! | `stats` | struct<paragraphs, sentences, words, chars, arabic_letter_ratio> |

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int64Array, ListArray, RecordBatch, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, Field, Fields, Schema, SchemaRef};
use rayon::prelude::*;

use crate::article::{parse_text, Article, Span};
use crate::batch::parallel_allowed;

/// Rows per record batch.
const BATCH_ROWS: usize = 256;
/// Input bytes after which a batch ends early (well under 2 GiB: no column of a batch holds
/// more text than its input).
const BATCH_BYTES: usize = 8 << 20;

type Result<T> = std::result::Result<T, ArrowError>;

/// Parses rows `0..len` (`row(i)`: `None` when missing) into record batches.
pub fn parse_to_batches<'a, R>(len: usize, row: R) -> Result<Vec<RecordBatch>>
where
    R: Fn(usize) -> Option<&'a str> + Sync,
{
    let one = |&(start, end): &(usize, usize)| -> Result<Vec<RecordBatch>> {
        let mut batches = Vec::new();
        let mut articles = Vec::with_capacity(BATCH_ROWS.min(end - start));
        let mut bytes = 0;
        for i in start..end {
            let text = row(i);
            bytes += text.map_or(0, str::len);
            articles.push(text.map(parse_text));
            if bytes >= BATCH_BYTES || articles.len() == BATCH_ROWS {
                batches.push(record_batch(&articles)?);
                articles.clear();
                bytes = 0;
            }
        }
        if !articles.is_empty() {
            batches.push(record_batch(&articles)?);
        }
        Ok(batches)
    };
    // One task per batch: rows differ in length, and tasks this small keep both threads busy
    // to the end (a handful of chunks per thread left one idle for a chunk's time).
    let ranges: Vec<(usize, usize)> = (0..len)
        .step_by(BATCH_ROWS)
        .map(|s| (s, (s + BATCH_ROWS).min(len)))
        .collect();
    let parts: Result<Vec<Vec<RecordBatch>>> = if parallel_allowed() {
        ranges.par_iter().map(one).collect()
    } else {
        ranges.iter().map(one).collect()
    };
    Ok(parts?.into_iter().flatten().collect())
}

/// The schema of every batch.
pub fn schema() -> Result<SchemaRef> {
    Ok(record_batch(&[])?.schema())
}

type Rows<'a> = &'a [Option<Article>];

/// One record batch of `rows`.
pub fn record_batch(rows: Rows) -> Result<RecordBatch> {
    let span = |f: fn(&Article) -> Option<&Span>| {
        text_column(
            rows.iter()
                .map(|r| r.as_ref().and_then(f).map(|s| s.text.as_str())),
        )
    };
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("title", span(|a| a.title.as_ref())),
        ("lead", span(|a| a.lead.as_ref())),
        (
            "body_text",
            text_column(
                rows.iter()
                    .map(|r| r.as_ref().map(|a| a.body_text.as_str())),
            ),
        ),
        ("paragraphs", paragraphs(rows)?),
        ("authors", authors(rows)?),
        ("author_bio", span(|a| a.author_bio.as_ref())),
        ("dateline", dateline(rows)?),
        ("published", published(rows)?),
        ("sources", sources(rows)?),
        ("related", span_texts(rows, |a| &a.related)?),
        ("tags", span_texts(rows, |a| &a.tags)?),
        ("captions", span_texts(rows, |a| &a.captions)?),
        ("boilerplate", boilerplate(rows)?),
        (
            "language",
            text_column(
                rows.iter()
                    .map(|r| r.as_ref().and_then(|a| a.language.as_deref())),
            ),
        ),
        ("stats", stats(rows)?),
        (
            "warnings",
            list(groups(rows, |a| &a.warnings), |w| {
                Ok(text_column(w.iter().map(|w| Some(w.as_str()))))
            })?,
        ),
    ];
    let fields: Fields = columns
        .iter()
        .map(|(name, c)| Field::new(*name, c.data_type().clone(), true))
        .collect();
    let arrays = columns.into_iter().map(|(_, c)| c).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// A string column written into buffers sized once: growing them by doubling would touch
/// (and fault in) several times the memory the column needs.
fn text_column<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let values: Vec<Option<&str>> = values.collect();
    let bytes = values.iter().map(|v| v.map_or(0, str::len)).sum();
    let mut builder = StringBuilder::with_capacity(values.len(), bytes);
    for v in values {
        builder.append_option(v);
    }
    Arc::new(builder.finish())
}

fn int_column(values: impl Iterator<Item = Option<usize>>) -> ArrayRef {
    Arc::new(Int64Array::from_iter(values.map(|v| v.map(|v| v as i64))))
}

/// The per-row slices of a list field; `None` for a missing row.
fn groups<'a, T: 'a>(
    rows: Rows<'a>,
    field: impl Fn(&'a Article) -> &'a Vec<T>,
) -> impl Iterator<Item = Option<&'a [T]>> {
    rows.iter()
        .map(move |r| r.as_ref().map(|a| field(a).as_slice()))
}

/// A list column: one list per group (null for `None`), its items turned into one values
/// array by `values`.
fn list<'a, T: 'a>(
    groups: impl Iterator<Item = Option<&'a [T]>>,
    values: impl FnOnce(&[&'a T]) -> Result<ArrayRef>,
) -> Result<ArrayRef> {
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
    Ok(Arc::new(ListArray::try_new(
        item,
        OffsetBuffer::from_lengths(lengths),
        values,
        nulls,
    )?))
}

/// A struct column from named children; `valid` marks the rows that are not null.
fn structure(columns: Vec<(&str, ArrayRef)>, valid: Option<Vec<bool>>) -> Result<ArrayRef> {
    let fields: Fields = columns
        .iter()
        .map(|(name, c)| Field::new(*name, c.data_type().clone(), true))
        .collect();
    let arrays = columns.into_iter().map(|(_, c)| c).collect();
    let nulls = valid.map(NullBuffer::from).filter(|n| n.null_count() > 0);
    Ok(Arc::new(StructArray::try_new(fields, arrays, nulls)?))
}

fn span_texts(rows: Rows, field: fn(&Article) -> &Vec<Span>) -> Result<ArrayRef> {
    list(groups(rows, field), |spans| {
        Ok(text_column(spans.iter().map(|s| Some(s.text.as_str()))))
    })
}

fn paragraphs(rows: Rows) -> Result<ArrayRef> {
    list(groups(rows, |a| &a.paragraphs), |ps| {
        let sentences = list(ps.iter().map(|p| Some(p.sentences.as_slice())), |ss| {
            structure(
                vec![
                    ("start", int_column(ss.iter().map(|s| Some(s.0)))),
                    ("end", int_column(ss.iter().map(|s| Some(s.1)))),
                ],
                None,
            )
        })?;
        structure(
            vec![
                (
                    "kind",
                    text_column(ps.iter().map(|p| Some(p.kind.as_str()))),
                ),
                (
                    "text",
                    text_column(ps.iter().map(|p| Some(p.text.as_str()))),
                ),
                ("start", int_column(ps.iter().map(|p| Some(p.start)))),
                ("end", int_column(ps.iter().map(|p| Some(p.end)))),
                ("sentences", sentences),
            ],
            None,
        )
    })
}

fn authors(rows: Rows) -> Result<ArrayRef> {
    list(groups(rows, |a| &a.authors), |xs| {
        structure(
            vec![
                (
                    "name",
                    text_column(xs.iter().map(|x| Some(x.name.as_str()))),
                ),
                (
                    "role",
                    text_column(xs.iter().map(|x| Some(x.role.as_str()))),
                ),
                ("start", int_column(xs.iter().map(|x| Some(x.start)))),
                ("end", int_column(xs.iter().map(|x| Some(x.end)))),
            ],
            None,
        )
    })
}

fn dateline(rows: Rows) -> Result<ArrayRef> {
    let d: Vec<_> = rows
        .iter()
        .map(|r| r.as_ref().and_then(|a| a.dateline.as_ref()))
        .collect();
    structure(
        vec![
            (
                "place",
                text_column(d.iter().map(|d| d.map(|d| d.place.as_str()))),
            ),
            (
                "text",
                text_column(d.iter().map(|d| d.map(|d| d.text.as_str()))),
            ),
            ("start", int_column(d.iter().map(|d| d.map(|d| d.start)))),
            ("end", int_column(d.iter().map(|d| d.map(|d| d.end)))),
        ],
        Some(d.iter().map(Option::is_some).collect()),
    )
}

fn published(rows: Rows) -> Result<ArrayRef> {
    let d: Vec<_> = rows
        .iter()
        .map(|r| r.as_ref().and_then(|a| a.published.as_ref()))
        .collect();
    structure(
        vec![
            (
                "value",
                text_column(d.iter().map(|d| d.map(|d| d.value.as_str()))),
            ),
            (
                "has_time",
                Arc::new(BooleanArray::from_iter(
                    d.iter().map(|d| d.map(|d| d.has_time)),
                )),
            ),
            (
                "calendar",
                text_column(d.iter().map(|d| d.map(|d| d.calendar.as_str()))),
            ),
            (
                "hijri",
                text_column(d.iter().map(|d| d.and_then(|d| d.hijri.as_deref()))),
            ),
            (
                "text",
                text_column(d.iter().map(|d| d.map(|d| d.text.as_str()))),
            ),
            ("start", int_column(d.iter().map(|d| d.map(|d| d.start)))),
            ("end", int_column(d.iter().map(|d| d.map(|d| d.end)))),
        ],
        Some(d.iter().map(Option::is_some).collect()),
    )
}

fn sources(rows: Rows) -> Result<ArrayRef> {
    list(groups(rows, |a| &a.sources), |xs| {
        let canonical = list(xs.iter().map(|x| Some(x.canonical.as_slice())), |names| {
            Ok(text_column(names.iter().map(|n| Some(n.as_str()))))
        })?;
        structure(
            vec![
                (
                    "text",
                    text_column(xs.iter().map(|x| Some(x.text.as_str()))),
                ),
                ("canonical", canonical),
                (
                    "kind",
                    text_column(xs.iter().map(|x| Some(x.kind.as_str()))),
                ),
                (
                    "where",
                    text_column(xs.iter().map(|x| Some(x.found_in.as_str()))),
                ),
                ("start", int_column(xs.iter().map(|x| Some(x.start)))),
                ("end", int_column(xs.iter().map(|x| Some(x.end)))),
            ],
            None,
        )
    })
}

fn boilerplate(rows: Rows) -> Result<ArrayRef> {
    list(groups(rows, |a| &a.boilerplate), |xs| {
        structure(
            vec![
                (
                    "kind",
                    text_column(xs.iter().map(|x| Some(x.kind.as_str()))),
                ),
                (
                    "rule",
                    text_column(xs.iter().map(|x| Some(x.rule.as_str()))),
                ),
                (
                    "text",
                    text_column(xs.iter().map(|x| Some(x.text.as_str()))),
                ),
                ("start", int_column(xs.iter().map(|x| Some(x.start)))),
                ("end", int_column(xs.iter().map(|x| Some(x.end)))),
            ],
            None,
        )
    })
}

fn stats(rows: Rows) -> Result<ArrayRef> {
    let s: Vec<_> = rows.iter().map(|r| r.as_ref().map(|a| &a.stats)).collect();
    structure(
        vec![
            (
                "paragraphs",
                int_column(s.iter().map(|s| s.map(|s| s.paragraphs))),
            ),
            (
                "sentences",
                int_column(s.iter().map(|s| s.map(|s| s.sentences))),
            ),
            ("words", int_column(s.iter().map(|s| s.map(|s| s.words)))),
            ("chars", int_column(s.iter().map(|s| s.map(|s| s.chars)))),
            (
                "arabic_letter_ratio",
                Arc::new(Float64Array::from_iter(
                    s.iter().map(|s| s.map(|s| s.arabic_letter_ratio)),
                )),
            ),
        ],
        Some(s.iter().map(Option::is_some).collect()),
    )
}
