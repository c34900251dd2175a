//! Repair reports as Arrow record batches, one row per input row (a missing row is a row of
//! nulls):
//!
//! | column | type | |
//! |---|---|---|
//! | `text` | string | the repaired text (the input when nothing was done) |
//! | `changed` | bool | whether anything was done |
//! | `chain` | list<string> | every distinct chain undone, steps joined with " > " |
//! | `confidence` | float64 | the lowest confidence of any fix; null when unchanged |
//! | `restored` | int64 | characters restored where bytes were lost |
//! | `spans` | list<struct<start, end>> | code-point spans of the input that were changed |

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, Field, Fields, Schema, SchemaRef};

use super::{repair, Repaired};
use crate::batch::arrow::{bool_column, float_column, int_column, list_column, struct_column, text_column};
use crate::batch::map_record_batches;

/// One row's report: the input and what repair made of it.
pub struct Report<'a> {
    input: &'a str,
    repaired: Option<Repaired>,
}

impl Report<'_> {
    fn text(&self) -> &str {
        self.repaired.as_ref().map_or(self.input, |r| r.text.as_str())
    }
}

/// Repair rows `0..len` (`row(i)`: `None` when missing) into report batches, in parallel.
pub fn repair_to_batches<'a, R>(len: usize, row: R) -> Result<Vec<RecordBatch>, ArrowError>
where
    R: Fn(usize) -> Option<&'a str> + Sync,
{
    map_record_batches(len, row, |t| Report { input: t, repaired: repair(t) }, |rows: &[Option<Report>]| record_batch(rows))
}

/// The schema of every batch.
pub fn schema() -> Result<SchemaRef, ArrowError> {
    Ok(record_batch(&[])?.schema())
}

fn record_batch(rows: &[Option<Report>]) -> Result<RecordBatch, ArrowError> {
    let fixed = |f: &dyn Fn(&Repaired) -> f64| -> Vec<Option<f64>> {
        rows.iter().map(|r| r.as_ref().and_then(|r| r.repaired.as_ref().map(f))).collect()
    };
    let chains: Vec<Option<Vec<String>>> =
        rows.iter().map(|r| r.as_ref().map(|r| r.repaired.as_ref().map_or_else(Vec::new, Repaired::chains))).collect();
    let spans: Vec<Option<Vec<(usize, usize)>>> = rows
        .iter()
        .map(|r| r.as_ref().map(|r| r.repaired.as_ref().map_or_else(Vec::new, |x| x.fixes.iter().map(|f| (f.start, f.end)).collect())))
        .collect();
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("text", text_column(rows.iter().map(|r| r.as_ref().map(Report::text)))),
        ("changed", bool_column(rows.iter().map(|r| r.as_ref().map(|r| r.repaired.is_some())))),
        (
            "chain",
            list_column(chains.iter().map(|c| c.as_deref()), |cs| Ok(text_column(cs.iter().map(|c| Some(c.as_str())))))?,
        ),
        ("confidence", float_column(fixed(&Repaired::confidence).into_iter())),
        (
            "restored",
            int_column(rows.iter().map(|r| r.as_ref().map(|r| r.repaired.as_ref().map_or(0, Repaired::restored)))),
        ),
        (
            "spans",
            list_column(spans.iter().map(|s| s.as_deref()), |ss| {
                struct_column(
                    vec![
                        ("start", int_column(ss.iter().map(|s| Some(s.0)))),
                        ("end", int_column(ss.iter().map(|s| Some(s.1)))),
                    ],
                    None,
                )
            })?,
        ),
    ];
    let fields: Fields = columns.iter().map(|(n, c)| Field::new(*n, c.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, c)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;

    #[test]
    fn one_row_per_input_row() {
        let rows = [Some("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©"), None, Some("سليم")];
        let batches = repair_to_batches(3, |i| rows[i]).unwrap();
        let b = &batches[0];
        assert_eq!(b.num_rows(), 3);
        assert_eq!(b.schema(), schema().unwrap());
        let text = b.column(0).as_any().downcast_ref::<arrow_array::StringArray>().unwrap();
        assert_eq!(text.value(0), "العربية");
        assert!(text.is_null(1));
        assert_eq!(text.value(2), "سليم");
        assert!(b.column(3).is_null(2));
    }
}
