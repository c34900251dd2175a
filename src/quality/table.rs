//! Quality signals and filter decisions as Arrow record batches, one row per input row (a
//! missing row is a row of nulls).
//!
//! Signals: one column per field of [`Signals`], in [`SIGNAL_COLUMNS`] order (`top_2_gram_frac`
//! ... and `dup_5_gram_frac` ... spell out the arrays). Decisions: `keep` (bool) and `reason`
//! (string, null when kept).

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, Field, Fields, Schema, SchemaRef};

use super::filter::{decide, Settings};
use super::{signals, Signals};
use crate::batch::arrow::{bool_column, float_column, int_column, text_column};
use crate::batch::map_record_batches;

/// The signal columns, in order.
pub const SIGNAL_COLUMNS: [&str; 26] = [
    "chars",
    "words",
    "lines",
    "arabic_letter_ratio",
    "latin_letter_ratio",
    "arabizi_word_ratio",
    "diacritic_ratio",
    "mean_word_length",
    "non_alpha_word_ratio",
    "stopwords",
    "line_punct_ratio",
    "dup_line_frac",
    "dup_line_char_frac",
    "top_2_gram_frac",
    "top_3_gram_frac",
    "top_4_gram_frac",
    "dup_5_gram_frac",
    "dup_6_gram_frac",
    "dup_7_gram_frac",
    "dup_8_gram_frac",
    "dup_9_gram_frac",
    "dup_10_gram_frac",
    "char_dup_ratio",
    "newline_ratio",
    "mojibake",
    "suspect",
];

/// A signal's value by column number (counts as floats are exact below 2^53).
pub enum Value {
    /// A count.
    Count(usize),
    /// A ratio.
    Ratio(f64),
    /// A flag.
    Flag(bool),
}

/// Column `i` of [`SIGNAL_COLUMNS`] for `s`.
pub fn value(s: &Signals, i: usize) -> Value {
    use Value::*;
    match i {
        0 => Count(s.chars),
        1 => Count(s.words),
        2 => Count(s.lines),
        3 => Ratio(s.arabic_letter_ratio),
        4 => Ratio(s.latin_letter_ratio),
        5 => Ratio(s.arabizi_word_ratio),
        6 => Ratio(s.diacritic_ratio),
        7 => Ratio(s.mean_word_length),
        8 => Ratio(s.non_alpha_word_ratio),
        9 => Count(s.stopwords),
        10 => Ratio(s.line_punct_ratio),
        11 => Ratio(s.dup_line_frac),
        12 => Ratio(s.dup_line_char_frac),
        13..=15 => Ratio(s.top_ngram_frac[i - 13]),
        16..=21 => Ratio(s.dup_ngram_frac[i - 16]),
        22 => Ratio(s.char_dup_ratio),
        23 => Ratio(s.newline_ratio),
        24 => Ratio(s.mojibake),
        _ => Flag(s.mojibake > 0.0),
    }
}

fn finish(columns: Vec<(&str, ArrayRef)>) -> Result<RecordBatch, ArrowError> {
    let fields: Fields = columns.iter().map(|(n, c)| Field::new(*n, c.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, c)| c).collect())
}

fn signal_batch(rows: &[Option<Signals>]) -> Result<RecordBatch, ArrowError> {
    let columns = SIGNAL_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, &name)| {
            // The column's type is the kind of value the signal is.
            let col = match value(&Signals::default(), i) {
                Value::Count(_) => int_column(rows.iter().map(|r| {
                    r.as_ref().map(|s| match value(s, i) {
                        Value::Count(n) => n,
                        _ => 0,
                    })
                })),
                Value::Ratio(_) => float_column(rows.iter().map(|r| {
                    r.as_ref().map(|s| match value(s, i) {
                        Value::Ratio(x) => x,
                        _ => 0.0,
                    })
                })),
                Value::Flag(_) => bool_column(rows.iter().map(|r| r.as_ref().map(|s| matches!(value(s, i), Value::Flag(true))))),
            };
            (name, col)
        })
        .collect();
    finish(columns)
}

/// Signals of rows `0..len` (`row(i)`: `None` when missing) as record batches, in parallel.
pub fn signals_to_batches<'a, R>(len: usize, row: R) -> Result<Vec<RecordBatch>, ArrowError>
where
    R: Fn(usize) -> Option<&'a str> + Sync,
{
    map_record_batches(len, row, signals, signal_batch)
}

/// The schema of every signals batch.
pub fn signals_schema() -> Result<SchemaRef, ArrowError> {
    Ok(signal_batch(&[])?.schema())
}

fn decision_batch(rows: &[Option<Option<String>>]) -> Result<RecordBatch, ArrowError> {
    finish(vec![
        ("keep", bool_column(rows.iter().map(|r| r.as_ref().map(Option::is_none)))),
        ("reason", text_column(rows.iter().map(|r| r.as_ref().and_then(|x| x.as_deref())))),
    ])
}

/// Filter decisions of rows `0..len` as record batches, in parallel.
pub fn decisions_to_batches<'a, R>(len: usize, row: R, settings: &Settings) -> Result<Vec<RecordBatch>, ArrowError>
where
    R: Fn(usize) -> Option<&'a str> + Sync,
{
    map_record_batches(len, row, |t| decide(t, settings), decision_batch)
}

/// The schema of every decisions batch.
pub fn decisions_schema() -> Result<SchemaRef, ArrowError> {
    Ok(decision_batch(&[])?.schema())
}
