//! The state of one pass over one text: the output, the pending run of kept input, and with
//! offsets on the alignment, kept consistent by a few primitives the engine and the context
//! handlers share.
//!
//! Kept input is not copied code point by code point: `run` marks where the pending run of kept
//! bytes starts, and [`Pass::flush`] copies it in one piece when something else comes. Every
//! handler that writes or skips flushes first, then emits or skips input, so `run` always sits
//! where the next unconsumed input starts. The `OFFSETS` const parameter compiles the alignment
//! bookkeeping out of the plain path.

use super::alignment::Alignment;
use super::table::Table;
use crate::text::count_chars;
use crate::text::utf8::last_char;

/// One text being normalized.
pub struct Pass<'a, const OFFSETS: bool> {
    /// The compiled rules.
    pub t: &'a Table,
    /// The input, valid UTF-8.
    pub b: &'a [u8],
    /// The output (it may hold earlier rows of a column before `floor`).
    pub out: &'a mut Vec<u8>,
    /// `out.len()` when this text started.
    pub floor: usize,
    /// Output characters of this text mapped to input code points (with `OFFSETS`).
    pub align: &'a mut Alignment,
    /// Start of the pending run of kept bytes.
    pub run: usize,
    /// Code-point index of `run` (kept only with `OFFSETS`).
    pub run_cp: usize,
    /// A buffer handlers may reuse between calls (composition collects marks in it).
    pub scratch: Vec<(char, usize)>,
    /// Whether the text has been expanded already, so `Reenter` ops are plain replacements.
    pub expanded: bool,
    /// Set by a `Reenter` op in a text not expanded yet: the pass stops, to start over on the
    /// expanded text.
    pub restart: bool,
}

impl<'a, const OFFSETS: bool> Pass<'a, OFFSETS> {
    /// A pass over `text` appending to `out` (and `align`).
    pub fn new(t: &'a Table, text: &'a str, out: &'a mut Vec<u8>, align: &'a mut Alignment, expanded: bool) -> Self {
        let floor = out.len();
        Pass { t, b: text.as_bytes(), out, floor, align, run: 0, run_cp: 0, scratch: Vec::new(), expanded, restart: false }
    }

    /// Copy the pending run `[run, i)` to the output.
    #[inline]
    pub fn flush(&mut self, i: usize) {
        if i > self.run {
            self.out.extend_from_slice(&self.b[self.run..i]);
            if OFFSETS {
                let n = count_chars(&self.b[self.run..i]);
                self.align.push(n, self.run_cp, n);
                self.run_cp += n;
            }
            self.run = i;
        }
    }

    /// Skip the input `[run, j)` (`chars` code points) without output.
    #[inline]
    pub fn skip_to(&mut self, j: usize, chars: usize) {
        self.run = j;
        if OFFSETS {
            self.run_cp += chars;
        }
    }

    /// Skip the input `[run, j)` (`chars` code points) that produces no output: with offsets,
    /// the dropped characters join the span of the last output character.
    #[inline]
    pub fn drop_to(&mut self, j: usize, chars: usize) {
        if OFFSETS && self.has_output() {
            self.align.attach_dropped(self.run_cp, chars);
        }
        self.skip_to(j, chars);
    }

    /// Append `s` (`n` code points) coming from `src_len` source code points at `src_start`.
    #[inline]
    pub fn emit(&mut self, s: &[u8], n: usize, src_start: usize, src_len: usize) {
        self.out.extend_from_slice(s);
        if OFFSETS {
            self.align.push_group(n, src_start, src_len);
        }
    }

    /// Replace the code point at `i` (`len` bytes) by `s` (`n` code points).
    #[inline]
    pub fn replace(&mut self, i: usize, len: usize, s: &[u8], n: usize) {
        self.flush(i);
        let src = self.run_cp;
        self.emit(s, n, src, 1);
        self.skip_to(i + len, 1);
    }

    /// Whether this text has written anything yet.
    #[inline]
    pub fn has_output(&self) -> bool {
        self.out.len() > self.floor
    }

    /// The last output byte, counting the pending run ending at `i`.
    #[inline]
    pub fn last_byte(&self, i: usize) -> Option<u8> {
        if i > self.run {
            Some(self.b[i - 1])
        } else if self.has_output() {
            self.out.last().copied()
        } else {
            None
        }
    }

    /// The last output character of this text (the run must be flushed).
    pub fn last_output_char(&self) -> Option<char> {
        self.has_output().then(|| last_char(&self.out[self.floor..]).0)
    }

    /// Remove the last output character (the run must be flushed).
    pub fn pop_char(&mut self) {
        if !self.has_output() {
            return;
        }
        let (_, len) = last_char(&self.out[self.floor..]);
        self.out.truncate(self.out.len() - len);
        if OFFSETS {
            self.align.pop();
        }
    }
}
