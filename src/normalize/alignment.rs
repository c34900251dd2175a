//! Offsets from normalized text back to the original, in compact run-length form.
//!
//! An [`Alignment`] is a list of [`Segment`]s, built by the engine in the same pass as the
//! text. A copy segment maps character to character (a copied run, or one-for-one
//! replacements); a group segment maps each of its output characters to its whole source span
//! (ﷲ → الله, ا + U+0654 → أ). Dropped source characters join the span of the output character
//! before them (marks stay with their letter); dropped characters before any output belong to
//! no segment. Offsets are code points, half-open, as Python slices.

/// One run of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First output character.
    pub out_start: usize,
    /// Number of output characters.
    pub out_len: usize,
    /// First source character.
    pub src_start: usize,
    /// Number of source characters.
    pub src_len: usize,
    /// Whether every output character comes from the whole source span (else one for one).
    pub group: bool,
}

impl Segment {
    fn is_one_to_one(&self) -> bool {
        !self.group
    }
    fn out_end(&self) -> usize {
        self.out_start + self.out_len
    }
    fn src_end(&self) -> usize {
        self.src_start + self.src_len
    }
}

/// Map from every output character to its source span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    segments: Vec<Segment>,
    out_len: usize,
}

impl Alignment {
    /// An empty alignment.
    pub fn new() -> Self {
        Self::default()
    }

    /// The identity alignment of a text of `len` characters.
    pub fn identity(len: usize) -> Self {
        let mut a = Alignment::new();
        a.push(len, 0, len);
        a
    }

    /// The segments, in output order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Forget every segment, keeping the allocation (one alignment reused across rows).
    pub fn clear(&mut self) {
        self.segments.clear();
        self.out_len = 0;
    }

    /// Append the flat form `[out_start, out_len, src_start, src_len, group, ...]` (five
    /// `u32` per segment, as stored in the offsets column) to `flat`.
    pub fn extend_flat(&self, flat: &mut Vec<u32>) {
        flat.reserve(self.segments.len() * 5);
        for s in &self.segments {
            flat.extend_from_slice(&[
                s.out_start as u32,
                s.out_len as u32,
                s.src_start as u32,
                s.src_len as u32,
                s.group as u32,
            ]);
        }
    }

    /// Rebuild from segments (as stored in a flat column).
    pub fn from_segments(segments: Vec<Segment>) -> Self {
        let out_len = segments.last().map_or(0, |s| s.out_end());
        Alignment { segments, out_len }
    }

    /// Number of output characters covered.
    pub fn len(&self) -> usize {
        self.out_len
    }

    /// Whether no output character is covered.
    pub fn is_empty(&self) -> bool {
        self.out_len == 0
    }

    /// Append `out_len` output characters coming from `src_len` characters at `src_start`.
    #[inline]
    pub fn push(&mut self, out_len: usize, src_start: usize, src_len: usize) {
        if out_len == 0 {
            return;
        }
        let group = out_len != src_len;
        if !group {
            if let Some(last) = self.segments.last_mut() {
                if last.is_one_to_one() && last.out_end() == self.out_len && last.src_end() == src_start {
                    last.out_len += out_len;
                    last.src_len += src_len;
                    self.out_len += out_len;
                    return;
                }
            }
        }
        self.segments.push(Segment { out_start: self.out_len, out_len, src_start, src_len, group });
        self.out_len += out_len;
    }

    /// Append `out_len` output characters that all come from the `src_len` source characters
    /// at `src_start` (a group, even when the lengths happen to match).
    #[inline]
    pub fn push_group(&mut self, out_len: usize, src_start: usize, src_len: usize) {
        if out_len == 0 {
            return;
        }
        if out_len == 1 && src_len == 1 {
            return self.push(1, src_start, 1);
        }
        self.segments.push(Segment { out_start: self.out_len, out_len, src_start, src_len, group: true });
        self.out_len += out_len;
    }

    /// Attach `n` dropped source characters at `src_start` to the last output character, so
    /// that a span of output maps back with the marks and controls that followed it.
    #[inline]
    pub fn attach_dropped(&mut self, src_start: usize, n: usize) {
        let Some(last) = self.segments.last_mut() else { return };
        if n == 0 || last.src_end() != src_start {
            return;
        }
        if last.is_one_to_one() && last.out_len > 1 {
            last.out_len -= 1;
            last.src_len -= 1;
            let split = Segment {
                out_start: last.out_end(),
                out_len: 1,
                src_start: last.src_end(),
                src_len: 1 + n,
                group: true,
            };
            self.segments.push(split);
        } else {
            last.src_len += n;
            last.group = true;
        }
    }

    /// Source span of the last output character.
    pub fn last_source(&self) -> Option<(usize, usize)> {
        self.out_len.checked_sub(1).and_then(|i| self.source_of(i))
    }

    /// Forget the last output character.
    pub fn pop(&mut self) {
        let Some(last) = self.segments.last_mut() else { return };
        self.out_len -= 1;
        if last.out_len == 1 {
            self.segments.pop();
        } else if last.is_one_to_one() {
            last.out_len -= 1;
            last.src_len -= 1;
        } else {
            last.out_len -= 1;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.group && last.out_len == 1 && last.src_len == 1 {
                last.group = false;
            }
        }
    }

    /// Source span `(start, end)` of output character `i`.
    pub fn source_of(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.out_len {
            return None;
        }
        let k = self.segments.partition_point(|s| s.out_end() <= i);
        let s = self.segments.get(k)?;
        Some(if s.is_one_to_one() {
            let off = i - s.out_start;
            (s.src_start + off, s.src_start + off + 1)
        } else {
            (s.src_start, s.src_end())
        })
    }

    /// Source span covering the output span `[start, end)`; an empty output span maps to the
    /// empty source span just after what precedes it.
    pub fn to_source(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start > end || end > self.out_len {
            return None;
        }
        if start == end {
            let at = if start == 0 {
                self.segments.first().map_or(0, |s| if s.out_start == 0 { s.src_start } else { 0 })
            } else {
                self.source_of(start - 1).map_or(0, |s| s.1)
            };
            return Some((at, at));
        }
        Some((self.source_of(start)?.0, self.source_of(end - 1)?.1))
    }

    /// Compose with an inner alignment: `self` maps output to `mid`, `inner` maps `mid` to
    /// the source; the result maps output to the source.
    pub fn then(&self, inner: &Alignment) -> Alignment {
        let mut out = Alignment::new();
        for s in &self.segments {
            if s.is_one_to_one() {
                for k in 0..s.out_len {
                    let (a, b) = inner.to_source(s.src_start + k, s.src_start + k + 1).unwrap_or((0, 0));
                    out.push_group(1, a, b - a);
                }
            } else {
                let (a, b) = inner.to_source(s.src_start, s.src_end()).unwrap_or((0, 0));
                out.push_group(s.out_len, a, b - a);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_merge_and_groups_do_not() {
        let mut a = Alignment::new();
        a.push(3, 0, 3); // abc
        a.push(2, 3, 2); // de, contiguous: merged
        a.push(4, 6, 1); // ﷲ -> الله at 6 (5 was dropped)
        a.push(1, 7, 1);
        assert_eq!(a.segments().len(), 3);
        assert_eq!(a.len(), 10);
        assert_eq!(a.source_of(4), Some((4, 5)));
        assert_eq!(a.source_of(5), Some((6, 7)));
        assert_eq!(a.source_of(8), Some((6, 7)));
        assert_eq!(a.source_of(9), Some((7, 8)));
        assert_eq!(a.to_source(2, 7), Some((2, 7)));
        assert_eq!(a.to_source(10, 10), Some((8, 8)));
        assert_eq!(a.to_source(0, 11), None);
    }

    #[test]
    fn pop_shrinks_the_last_segment() {
        let mut a = Alignment::new();
        a.push(3, 0, 3);
        a.pop();
        assert_eq!(a.len(), 2);
        assert_eq!(a.last_source(), Some((1, 2)));
        a.push(1, 5, 2);
        a.pop();
        assert_eq!(a.segments().len(), 1);
    }

    #[test]
    fn dropped_characters_attach_to_the_previous_output() {
        let mut a = Alignment::new();
        a.attach_dropped(0, 1); // nothing before: left out
        a.push(3, 1, 3); // "abc" from 1..4
        a.attach_dropped(4, 2); // two marks after c
        a.push(1, 6, 1);
        assert_eq!(a.source_of(1), Some((2, 3)));
        assert_eq!(a.source_of(2), Some((3, 6)));
        assert_eq!(a.to_source(0, 3), Some((1, 6)));
        assert_eq!(a.source_of(3), Some((6, 7)));
    }

    #[test]
    fn a_group_stays_a_group_when_lengths_meet() {
        let mut a = Alignment::new();
        a.push(2, 0, 1); // ۀ -> ه + U+0654
        a.attach_dropped(1, 1); // a dropped mark after it
        assert_eq!(a.source_of(1), Some((0, 2)));
        let mut b = Alignment::new();
        b.push_group(2, 0, 2);
        assert_eq!(b.source_of(0), Some((0, 2)));
    }

    #[test]
    fn composition() {
        // inner: mid "ab" from source "aXb" (X dropped); outer: out "b" from mid "b".
        let mut inner = Alignment::new();
        inner.push(1, 0, 1);
        inner.push(1, 2, 1);
        let mut outer = Alignment::new();
        outer.push(1, 1, 1);
        assert_eq!(outer.then(&inner).source_of(0), Some((2, 3)));
    }
}
