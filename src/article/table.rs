//! Articles as Arrow record batches: one row per input row, nested fields as struct and list
//! columns. The batch engine ([`crate::batch::map_record_batches`]) runs [`record_batch`] on
//! every few hundred parsed articles; a missing input row is a row whose every column is null.
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

use arrow_array::{ArrayRef, BooleanArray, Float64Array, RecordBatch};
use arrow_schema::{ArrowError, Field, Fields, Schema, SchemaRef};

use super::{parse_text, Article, Span};
use crate::batch::arrow::{int_column, list_column as list, struct_column as structure, text_column};
use crate::batch::map_record_batches;

type Result<T> = std::result::Result<T, ArrowError>;

/// Parse rows `0..len` (`row(i)`: `None` when missing) into record batches, in parallel.
pub fn parse_to_batches<'a, R>(len: usize, row: R) -> Result<Vec<RecordBatch>>
where
    R: Fn(usize) -> Option<&'a str> + Sync,
{
    map_record_batches(len, row, parse_text, |articles: &[Option<Article>]| record_batch(articles))
}

/// The schema of every batch.
pub fn schema() -> Result<SchemaRef> {
    Ok(record_batch(&[])?.schema())
}

/// One record batch of articles parsed from HTML: the columns of [`record_batch`], then
/// `text` (the page's visible text), `url`, `canonical`, `site_name`, `section`,
/// `description`, `image` and `modified` (the value of the modification date).
pub fn html_record_batch(rows: Rows) -> Result<RecordBatch> {
    let base = record_batch(rows)?;
    let string = |f: fn(&Article) -> Option<&str>| text_column(rows.iter().map(|r| r.as_ref().and_then(f)));
    let extra: Vec<(&str, ArrayRef)> = vec![
        ("text", string(|a| a.text.as_deref())),
        ("url", string(|a| a.url.as_deref())),
        ("canonical", string(|a| a.canonical.as_deref())),
        ("site_name", string(|a| a.site_name.as_deref())),
        ("section", string(|a| a.section.as_deref())),
        ("description", string(|a| a.description.as_deref())),
        ("image", string(|a| a.image.as_deref())),
        ("modified", string(|a| a.modified.as_ref().map(|d| d.value.as_str()))),
    ];
    let mut fields: Vec<Field> = base.schema().fields().iter().map(|f| f.as_ref().clone()).collect();
    let mut columns: Vec<ArrayRef> = base.columns().to_vec();
    for (name, c) in extra {
        fields.push(Field::new(name, c.data_type().clone(), true));
        columns.push(c);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

/// The schema of [`html_record_batch`].
pub fn html_schema() -> Result<SchemaRef> {
    Ok(html_record_batch(&[])?.schema())
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

/// The per-row slices of a list field; `None` for a missing row.
fn groups<'a, T: 'a>(
    rows: Rows<'a>,
    field: impl Fn(&'a Article) -> &'a Vec<T>,
) -> impl Iterator<Item = Option<&'a [T]>> {
    rows.iter()
        .map(move |r| r.as_ref().map(|a| field(a).as_slice()))
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
