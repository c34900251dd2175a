//! The normalizer as row writers for the batch engine: plain text (a string column or a
//! batch of list rows) and text with its alignment (a struct column).

use super::{Alignment, Normalizer};
use crate::batch::AlignedRowWriter;

/// The outputs of consecutive rows: the texts of the rows that changed, one after another, and
/// each row's span in them (`None` for a missing row or one that came out unchanged, so that
/// the caller can hand the very same input object back).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedRows {
    /// UTF-8 of every changed row, back to back.
    pub values: Vec<u8>,
    /// `(start, end)` in `values` of each row's output.
    pub spans: Vec<Option<(usize, usize)>>,
}

impl ChangedRows {
    /// The output of row `i`, `None` when it is missing or unchanged.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.spans[i].map(|(s, e)| &self.values[s..e])
    }
}

impl Normalizer {
    /// Normalize `rows` into one buffer; a row whose output equals its input is taken back
    /// out of it at once, so only changed rows cost memory and, later, a new object.
    pub fn normalize_changed(&self, rows: &[Option<&str>]) -> ChangedRows {
        let size = rows.iter().map(|r| r.map_or(0, str::len)).sum();
        let mut values = Vec::with_capacity(size);
        let spans = rows
            .iter()
            .map(|row| {
                let text = (*row)?;
                let at = values.len();
                self.normalize_into(text, &mut values);
                if values[at..] == *text.as_bytes() {
                    values.truncate(at);
                    None
                } else {
                    Some((at, values.len()))
                }
            })
            .collect();
        ChangedRows { values, spans }
    }
}

/// With offsets: each row's text and its alignment, flat (five `u32` per segment: `out_start,
/// out_len, src_start, src_len, group`); a range of rows reuses one [`Alignment`].
impl AlignedRowWriter for Normalizer {
    type State = Alignment;

    fn write(&self, align: &mut Alignment, text: &str, values: &mut Vec<u8>, segments: &mut Vec<u32>) {
        align.clear();
        self.normalize_into_with_offsets(text, values, align);
        align.extend_flat(segments);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NormalizeOptions;

    #[test]
    fn unchanged_and_missing_rows_have_no_output() {
        let n = Normalizer::new(NormalizeOptions::preset("basic").unwrap());
        let rows = [Some("كتاب"), None, Some("كِتَابٌ"), Some("")];
        let out = n.normalize_changed(&rows);
        assert_eq!(out.spans.len(), 4);
        assert_eq!(out.get(0), None);
        assert_eq!(out.get(1), None);
        assert_eq!(out.get(2), Some("كتاب".as_bytes()));
        assert_eq!(out.get(3), None);
        assert_eq!(out.values, "كتاب".as_bytes());
    }

    #[test]
    fn aligned_rows_match_the_single_text_path() {
        let n = Normalizer::new(NormalizeOptions::preset("ml_clean").unwrap());
        let mut state = Alignment::new();
        let (mut values, mut segments) = (Vec::new(), Vec::new());
        for text in ["ﷲ أَكْبَر", "", "قال  نعم"] {
            let (want_text, want_align) = n.normalize_with_offsets(text);
            let (v0, s0) = (values.len(), segments.len());
            n.write(&mut state, text, &mut values, &mut segments);
            assert_eq!(&values[v0..], want_text.as_bytes());
            let mut flat = Vec::new();
            want_align.extend_flat(&mut flat);
            assert_eq!(&segments[s0..], &flat[..]);
        }
    }
}
