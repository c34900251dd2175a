//! Code-point offsets.
//!
//! The core works on UTF-8 byte offsets; every offset that leaves the crate is a Unicode
//! code-point index, half-open, exactly as Python slices a `str`. [`CodepointIndex`] converts
//! byte offsets of one text to code-point offsets in O(1) amortised time per query, with a
//! sparse checkpoint table (one `u32` per 256 bytes), so converting every span of a 10 MB
//! document costs no more than one pass over it.

use super::utf8::count_chars;

const STRIDE: usize = 256;

/// Converts byte offsets of one `&str` into code-point offsets, and back.
#[derive(Debug, Clone)]
pub struct CodepointIndex<'a> {
    text: &'a str,
    /// `checkpoints[k]` = number of code points in `text[..k * STRIDE]` (rounded to a char start).
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> CodepointIndex<'a> {
    /// Index `text`. Costs one pass over its bytes.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0usize;
        let mut pos = 0usize;
        while pos < bytes.len() {
            checkpoints.push((pos, chars));
            let end = (pos + STRIDE).min(bytes.len());
            let mut end = end;
            while end < bytes.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            chars += count_chars(&bytes[pos..end]);
            pos = end;
        }
        checkpoints.push((bytes.len(), chars));
        CodepointIndex { text, checkpoints }
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.checkpoints.last().map_or(0, |c| c.1)
    }

    /// Code-point offset of the byte offset `byte` (which must be a char boundary).
    pub fn to_cp(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte));
        let k = match self.checkpoints.binary_search_by(|c| c.0.cmp(&byte)) {
            Ok(k) => return self.checkpoints[k].1,
            Err(k) => k - 1,
        };
        let (b0, c0) = self.checkpoints[k];
        c0 + count_chars(&self.text.as_bytes()[b0..byte])
    }

    /// Byte offset of the code-point offset `cp`; `None` past the end.
    pub fn to_byte(&self, cp: usize) -> Option<usize> {
        let k = match self.checkpoints.binary_search_by(|c| c.1.cmp(&cp)) {
            Ok(k) => return Some(self.checkpoints[k].0),
            Err(0) => return None,
            Err(k) => k - 1,
        };
        let (b0, c0) = self.checkpoints[k];
        self.text[b0..].char_indices().nth(cp - c0).map(|(i, _)| b0 + i).or_else(|| {
            (cp - c0 == self.text[b0..].chars().count()).then_some(self.text.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_on_mixed_text() {
        let text = "in\nحفتر 😀 abc ".repeat(100);
        let idx = CodepointIndex::new(&text);
        assert_eq!(idx.len_chars(), text.chars().count());
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.to_cp(byte), cp);
            assert_eq!(idx.to_byte(cp), Some(byte));
        }
        assert_eq!(idx.to_cp(text.len()), idx.len_chars());
        assert_eq!(idx.to_byte(idx.len_chars()), Some(text.len()));
        assert_eq!(idx.to_byte(idx.len_chars() + 1), None);
    }

    #[test]
    fn empty_text() {
        let idx = CodepointIndex::new("");
        assert_eq!(idx.len_chars(), 0);
        assert_eq!(idx.to_cp(0), 0);
        assert_eq!(idx.to_byte(0), Some(0));
    }
}
