//! The one-pass normalization engine.
//!
//! The hot loop walks UTF-8 bytes, looks each code point up in the compiled [`Table`] and skips
//! over kept ones; a run of kept code points is copied in one `memcpy` when something else
//! comes. Everything else goes to a small handler: drop, replace, or one of the context rules
//! (collapsing spaces, tatweel used as a dash, composing a hamza into its carrier and ordering
//! kept marks, word-final yeh, letter elongation, masks). With offsets on, the same pass also
//! builds the [`Alignment`]; the `OFFSETS` const parameter compiles that bookkeeping out of
//! the plain path.

use super::alignment::Alignment;
use super::masks::{self, MaskKind};
use super::table::{map1_bytes, op_kind, Kind, Table, DROP, KEEP, SPACE};
use crate::text::count_chars;
use crate::text::utf8::{decode, last_char};
use unicode_normalization::char::canonical_combining_class as ccc;
use unicode_normalization::UnicodeNormalization;

/// Normalize `text`, appending to `out`; with `OFFSETS`, also fill `align` (output characters
/// appended to `out` by this call, mapped to code points of `text`).
pub fn run<const OFFSETS: bool>(t: &Table, text: &str, out: &mut Vec<u8>, align: &mut Alignment) {
    if t.flags.nfkc {
        let (mid, mid_align) = nfkc_with_alignment(text, OFFSETS);
        if OFFSETS {
            let mut inner = Alignment::new();
            run_direct::<true>(t, &mid, out, &mut inner);
            *align = inner.then(&mid_align);
        } else {
            run_direct::<false>(t, &mid, out, align);
        }
    } else {
        run_direct::<OFFSETS>(t, text, out, align);
    }
}

/// NFKC cluster by cluster (a starter and its combining marks), so offsets stay exact.
fn nfkc_with_alignment(text: &str, offsets: bool) -> (String, Alignment) {
    let mut out = String::with_capacity(text.len());
    let mut align = Alignment::new();
    let mut cluster_start = 0usize;
    let mut cp = 0usize;
    let mut cluster_cp = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, _c)) = chars.next() {
        cp += 1;
        let next_is_mark = chars.peek().is_some_and(|&(_, d)| ccc(d) != 0);
        if !next_is_mark {
            let end = chars.peek().map_or(text.len(), |&(j, _)| j);
            let before = out.len();
            out.extend(text[cluster_start..end].nfkc());
            if offsets {
                align.push(count_chars(&out.as_bytes()[before..]), cluster_cp, cp - cluster_cp);
            }
            cluster_start = end;
            cluster_cp = cp;
        }
        let _ = i;
    }
    (out, align)
}

/// Whitespace around a tatweel that makes it a dash (line breaks included).
fn is_space_char(cp: u32) -> bool {
    matches!(cp, 0x20 | 0x09..=0x0D | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

fn is_arabic_letter(cp: u32) -> bool {
    matches!(cp, 0x0621..=0x063A | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 | 0x06EE..=0x06EF | 0x06FA..=0x06FF)
}

struct State<'a, const OFFSETS: bool> {
    t: &'a Table,
    b: &'a [u8],
    out: &'a mut Vec<u8>,
    /// `out.len()` when this document started (`out` may hold earlier rows of a column).
    floor: usize,
    align: &'a mut Alignment,
    /// Start of the pending run of kept bytes.
    run: usize,
    /// Code-point index of `run` (kept only with offsets).
    run_cp: usize,
    elong_char: char,
    elong_count: u32,
    marks: Vec<(char, usize)>,
}

impl<'a, const OFFSETS: bool> State<'a, OFFSETS> {
    /// Copy the pending run `[run, i)` to the output.
    #[inline]
    fn flush(&mut self, i: usize) {
        if i > self.run {
            self.out.extend_from_slice(&self.b[self.run..i]);
            if OFFSETS {
                let n = count_chars(&self.b[self.run..i]);
                self.align.push(n, self.run_cp, n);
                self.run_cp += n;
            }
            self.elong_char = '\0';
            self.run = i;
        }
    }

    /// Skip the input `[run, j)` (`chars` code points) without output.
    #[inline]
    fn skip_to(&mut self, j: usize, chars: usize) {
        self.run = j;
        if OFFSETS {
            self.run_cp += chars;
        }
    }

    /// Skip the input `[run, j)` (`chars` code points) that produces no output: with offsets,
    /// the dropped characters join the span of the last output character.
    #[inline]
    fn drop_to(&mut self, j: usize, chars: usize) {
        if OFFSETS && self.has_output() {
            self.align.attach_dropped(self.run_cp, chars);
        }
        self.skip_to(j, chars);
    }

    /// Append `s` (`n` code points) coming from `src_len` source code points at `run_cp`.
    #[inline]
    fn emit(&mut self, s: &[u8], n: usize, src_start: usize, src_len: usize) {
        self.out.extend_from_slice(s);
        if OFFSETS {
            self.align.push_group(n, src_start, src_len);
        }
        self.elong_char = '\0';
    }

    fn has_output(&self) -> bool {
        self.out.len() > self.floor
    }

    /// The last output byte, counting the pending run ending at `i`.
    #[inline]
    fn last_byte(&self, i: usize) -> Option<u8> {
        if i > self.run {
            Some(self.b[i - 1])
        } else if self.has_output() {
            self.out.last().copied()
        } else {
            None
        }
    }

    /// Remove the last output character (the run must be flushed).
    fn pop_char(&mut self) {
        if !self.has_output() {
            return;
        }
        let (_, len) = last_char(&self.out[self.floor..]);
        self.out.truncate(self.out.len() - len);
        if OFFSETS {
            self.align.pop();
        }
    }

    fn trim_trailing_whitespace(&mut self) {
        while self.has_output() && matches!(self.out.last(), Some(b' ' | b'\n')) {
            self.pop_char();
        }
    }

    /// Process `[from, to)`; the pending run must start at `from`.
    fn process(&mut self, from: usize, to: usize) {
        let b = self.b;
        let t = self.t;
        let mut i = from;
        let mut scan_from = from;
        while i < to {
            // Long kept stretches: the block scanner writes them (folds done) as one segment.
            #[cfg(target_arch = "x86_64")]
            if let Some(blocks) = &t.simd {
                if i >= scan_from && i + 33 <= to {
                    self.flush(i);
                    let prev = self.has_output().then(|| self.out[self.out.len() - 1]);
                    self.out.reserve(to - i + 32);
                    let w = self.out.len();
                    // SAFETY: AVX2, BMI1/2 and POPCNT checked when `simd` was built; room for `to - i + 32` bytes.
                    // Without compaction the output is as long as the input consumed.
                    let (n, _) =
                        unsafe { super::simd::scan::<false>(t, blocks, b, i, to, prev, self.out.as_mut_ptr().add(w)) };
                    if n > 0 {
                        // SAFETY: the scanner wrote `n` bytes of whole code points.
                        unsafe { self.out.set_len(w + n) };
                        let chars = count_chars(&b[i..i + n]);
                        if OFFSETS {
                            self.align.push(chars, self.run_cp, chars);
                        }
                        self.elong_char = '\0';
                        self.skip_to(i + n, chars);
                        i += n;
                    }
                    if n < 16 {
                        scan_from = i + 16;
                    }
                    if i >= to {
                        break;
                    }
                }
            }
            let b0 = b[i];
            // Hot path: kept ASCII and two-byte code points (Arabic included) stay in the run.
            let (cp, len, op) = if b0 < 0x80 {
                let op = t.low(b0 as u32);
                if op == KEEP {
                    i += 1;
                    continue;
                }
                (b0 as u32, 1, op)
            } else if b0 < 0xE0 {
                let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
                let op = t.low(cp);
                if op == KEEP {
                    i += 2;
                    continue;
                }
                (cp, 2, op)
            } else {
                let (cp, len) = decode(b, i);
                let op = t.op(cp);
                if op == KEEP {
                    i += len;
                    continue;
                }
                (cp, len, op)
            };
            i = self.special(i, cp, len, op);
        }
    }

    /// [`State::process`] without offsets: kept, dropped and one-for-one replaced code points
    /// are written straight to the output (no run bookkeeping, no call per event); anything
    /// else goes to the context handlers with the state made consistent first.
    fn process_fast(&mut self, from: usize, to: usize) {
        debug_assert!(!OFFSETS && self.run == from);
        let b = self.b;
        let t = self.t;
        let mut i = from;
        // Kept, dropped and Map1 code points never write more bytes than they read; the block
        // scanner stores whole 32-byte blocks, hence the slack.
        self.out.reserve(to - from + 32);
        let mut w = self.out.len();
        let mut after_special = usize::MAX;
        // Next input position worth a block scan (dense stretches of marks skip it a while).
        let mut scan_from = from;
        while i < to {
            #[cfg(target_arch = "x86_64")]
            if let Some(blocks) = &t.simd {
                if i >= scan_from && i + 33 <= to {
                    let prev = (w > self.floor).then(|| self.out.as_ptr()).map(|p| unsafe { *p.add(w - 1) });
                    // SAFETY: `simd` is only built when AVX2, BMI1/2 and POPCNT are available; `to <= b.len()`; the
                    // output has room for `to - i + 32` bytes (reserved below and above).
                    let (n, written) = unsafe {
                        super::simd::scan::<true>(t, blocks, b, i, to, prev, self.out.as_mut_ptr().add(w))
                    };
                    w += written;
                    i += n;
                    if n < 16 {
                        scan_from = i + 16;
                    }
                    if i >= to {
                        break;
                    }
                }
            }
            let b0 = b[i];

            let (cp, len, op) = if b0 < 0x80 {
                let op = t.low(b0 as u32);
                if op == KEEP {
                    // SAFETY: `w < capacity`: at most `to - i` bytes are written from here on.
                    unsafe { *self.out.as_mut_ptr().add(w) = b0 };
                    w += 1;
                    i += 1;
                    continue;
                }
                if op == SPACE && b0 == b' ' && w > self.floor {
                    let prev = unsafe { *self.out.as_ptr().add(w - 1) };
                    if prev != b' ' && prev != b'\n' {
                        unsafe { *self.out.as_mut_ptr().add(w) = b' ' };
                        w += 1;
                        i += 1;
                        continue;
                    }
                }
                (b0 as u32, 1, op)
            } else if b0 < 0xE0 {
                let b1 = b[i + 1];
                let cp = ((b0 as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
                let op = t.low(cp);
                if op == KEEP {
                    unsafe {
                        let p = self.out.as_mut_ptr().add(w);
                        *p = b0;
                        *p.add(1) = b1;
                    }
                    w += 2;
                    i += 2;
                    continue;
                }
                (cp, 2, op)
            } else {
                let (cp, len) = decode(b, i);
                let op = t.op(cp);
                if op == KEEP {
                    unsafe {
                        std::ptr::copy_nonoverlapping(b.as_ptr().add(i), self.out.as_mut_ptr().add(w), len)
                    };
                    w += len;
                    i += len;
                    continue;
                }
                (cp, len, op)
            };
            if op == DROP {
                i += len;
                continue;
            }
            if op & 0xF == Kind::Map1 as u32 {
                let (bytes, n) = map1_bytes(op);
                unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.out.as_mut_ptr().add(w), n) };
                w += n;
                i += len;
                continue;
            }
            // A context rule: hand over with the output and the run in order.
            // SAFETY: bytes `[0, w)` were all written above or before this call.
            unsafe { self.out.set_len(w) };
            if w != after_special {
                self.elong_char = '\0'; // something was written since the last letter
            }
            self.run = i;
            let next = self.special(i, cp, len, op);
            self.flush(next);
            self.run = next;
            i = next;
            self.out.reserve(to - i + 32);
            w = self.out.len();
            after_special = w;
        }
        // SAFETY: as above.
        unsafe { self.out.set_len(w) };
        self.run = to;
    }

    /// Handle the code point at `i`; returns where to continue.
    #[cold]
    fn special(&mut self, i: usize, cp: u32, len: usize, op: u32) -> usize {
        let t = self.t;
        match op_kind(op) {
            Kind::Keep => i + len,
            Kind::Drop => {
                self.flush(i);
                self.drop_to(i + len, 1);
                i + len
            }
            Kind::Map1 => {
                self.flush(i);
                let (bytes, n) = map1_bytes(op);
                let src = self.run_cp;
                self.emit(&bytes[..n], 1, src, 1);
                self.skip_to(i + len, 1);
                i + len
            }
            Kind::Map => {
                self.flush(i);
                let (s, n) = t.replacement(op);
                let src = self.run_cp;
                self.emit(s.as_bytes(), n as usize, src, 1);
                self.skip_to(i + len, 1);
                i + len
            }
            Kind::Space => self.space(i, cp, len),
            Kind::Newline => self.newline(i, cp, len),
            Kind::Tatweel => self.tatweel(i, len),
            Kind::Compose => self.compose(i),
            Kind::FinalYeh => self.final_yeh(i, len),
            Kind::Letter => self.letter(i, cp, len),
        }
    }

    fn space(&mut self, i: usize, cp: u32, len: usize) -> usize {
        match self.last_byte(i) {
            None | Some(b' ' | b'\n') => {
                self.flush(i);
                self.drop_to(i + len, 1);
            }
            _ if cp == 0x20 => {} // a single ASCII space stays in the run
            _ => {
                self.flush(i);
                let src = self.run_cp;
                self.emit(b" ", 1, src, 1);
                self.skip_to(i + len, 1);
            }
        }
        i + len
    }

    fn newline(&mut self, i: usize, cp: u32, len: usize) -> usize {
        if !self.t.flags.keep_newlines {
            return self.space(i, cp, len);
        }
        self.flush(i);
        let crlf = cp == 0x0D && self.b.get(i + 1) == Some(&b'\n');
        if !crlf {
            while self.has_output() && self.out.last() == Some(&b' ') {
                self.pop_char();
            }
            let tail = self.out[self.floor..].iter().rev().take_while(|&&c| c == b'\n').count();
            if self.has_output() && tail < 2 {
                let src = self.run_cp;
                self.emit(b"\n", 1, src, 1);
                self.skip_to(i + len, 1);
                return i + len;
            }
        }
        self.drop_to(i + len, 1);
        i + len
    }

    fn tatweel(&mut self, i: usize, len: usize) -> usize {
        let b = self.b;
        let mut j = i;
        let mut count = 0;
        while j + 1 < b.len() && b[j] == 0xD9 && b[j + 1] == 0x80 {
            j += 2;
            count += 1;
        }
        let _ = len;
        if self.t.flags.tatweel_dash {
            // Start and end of text count as space: a dash opening a line stays a dash after
            // the spaces around it are trimmed, so normalizing twice changes nothing.
            let before = if i > 0 { last_char(&b[..i]).0 as u32 } else { 0x20 };
            let after = if j < b.len() { decode(b, j).0 } else { 0x20 };
            if is_space_char(before) && is_space_char(after) {
                return j; // a dash between spaces: keep it in the run
            }
        }
        self.flush(i);
        self.drop_to(j, count);
        j
    }

    fn final_yeh(&mut self, i: usize, len: usize) -> usize {
        let b = self.b;
        let mut j = i + len;
        while j < b.len() {
            let (cp, l) = decode(b, j);
            if char::from_u32(cp).is_some_and(|c| ccc(c) != 0) {
                j += l;
            } else {
                break;
            }
        }
        if j < b.len() && is_arabic_letter(decode(b, j).0) {
            return i + len; // not at the end of a word: stays ي
        }
        self.flush(i);
        let src = self.run_cp;
        self.emit("ى".as_bytes(), 1, src, 1);
        self.skip_to(i + len, 1);
        i + len
    }

    fn letter(&mut self, i: usize, cp: u32, len: usize) -> usize {
        self.flush(i);
        let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
        let (prev, count) = (self.elong_char, self.elong_count);
        let count = if prev == c { count + 1 } else { 1 };
        let limit = self.t.flags.elongation;
        if count <= limit.max(2) {
            let src = self.run_cp;
            self.emit(&self.b[i..i + len], 1, src, 1);
            self.skip_to(i + len, 1);
        } else {
            if count == 3 && limit == 1 {
                self.pop_char();
            }
            self.drop_to(i + len, 1);
        }
        self.elong_char = c;
        self.elong_count = count;
        i + len
    }

    /// At `i`, a run of characters that are removed whatever surrounds them, followed by a
    /// combining mark: the end of the run and its length in characters.
    fn removed_before_mark(&self, i: usize) -> Option<(usize, usize)> {
        let b = self.b;
        let mut j = i;
        let mut n = 0;
        while j < b.len() {
            let (code, l) = decode(b, j);
            let c = char::from_u32(code)?;
            if ccc(c) != 0 {
                return (n > 0).then_some((j, n));
            }
            // A tatweel next to a mark is never a dash between spaces: it goes when its rule
            // is on.
            if !matches!(op_kind(self.t.op(code)), Kind::Drop | Kind::Tatweel) {
                return None;
            }
            j += l;
            n += 1;
        }
        None
    }

    /// A combining mark that is kept or composes: settle its whole cluster at once.
    fn compose(&mut self, i: usize) -> usize {
        self.flush(i);
        let t = self.t;
        let b = self.b;
        let mut marks = std::mem::take(&mut self.marks);
        marks.clear();
        let mut j = i;
        let mut cp = self.run_cp;
        while j < b.len() {
            let (code, l) = decode(b, j);
            let Some(c) = char::from_u32(code) else { break };
            if ccc(c) == 0 {
                // Characters removed between two marks (ZWSP, bidi controls, tatweel) leave the
                // marks side by side in the output: one cluster, so they are put in canonical
                // order now and a second pass finds nothing to change.
                match self.removed_before_mark(j) {
                    Some((to, n)) => {
                        j = to;
                        cp += n;
                        continue;
                    }
                    None => break,
                }
            }
            let op = t.op(code);
            match op_kind(op) {
                Kind::Drop | Kind::Tatweel => {}
                Kind::Map => marks.extend(t.replacement(op).0.chars().map(|m| (m, cp))),
                _ => marks.push((c, cp)),
            }
            j += l;
            cp += 1;
        }
        let cluster_end_cp = cp;
        let cluster_chars = cluster_end_cp - self.run_cp;
        if !marks.is_empty() {
            let base = if self.has_output() {
                let (c, _) = last_char(&self.out[self.floor..]);
                (ccc(c) == 0).then_some(c)
            } else {
                None
            };
            let mut seq = String::new();
            if let Some(c) = base {
                seq.push(c);
            }
            seq.extend(marks.iter().map(|m| m.0));
            let nfc: String = seq.nfc().collect();
            let composed = base.is_some_and(|c| !nfc.starts_with(c) || nfc.chars().count() < seq.chars().count());
            if composed {
                // The base took a mark: re-emit base + marks as one group from the base's start.
                let base_src = if OFFSETS { self.align.last_source().map_or(self.run_cp, |s| s.0) } else { 0 };
                self.pop_char();
                let mut mapped = String::new();
                for c in nfc.chars() {
                    t.map_char(c, &mut mapped);
                }
                let n = mapped.chars().count();
                self.emit(mapped.as_bytes(), n, base_src, cluster_end_cp.saturating_sub(base_src));
            } else {
                // Canonical order: stable sort by combining class, each mark from its own place.
                marks.sort_by_key(|m| ccc(m.0));
                let mut buf = [0u8; 4];
                for &(m, src) in &marks {
                    self.emit(m.encode_utf8(&mut buf).as_bytes(), 1, src, 1);
                }
            }
        }
        let emitted = !marks.is_empty();
        self.marks = marks;
        if emitted {
            self.skip_to(j, cluster_chars);
        } else {
            self.drop_to(j, cluster_chars);
        }
        j
    }

    fn mask(&mut self, start: usize, end: usize, kind: MaskKind, action: &str) {
        self.flush(start);
        let chars = count_chars(&self.b[start..end]);
        match action {
            "token" => {
                let src = self.run_cp;
                let tok = kind.token();
                self.emit(tok.as_bytes(), tok.len(), src, chars);
                self.skip_to(end, chars);
            }
            "words" => {
                // #السعودية_الآن -> السعودية الآن: drop '#', '_' separates words.
                let mut k = start;
                let (_, l) = decode(self.b, k);
                self.skip_to(k + l, 1);
                k += l;
                while k < end {
                    let next = self.b[k..end].iter().position(|&c| c == b'_').map_or(end, |p| k + p);
                    self.process(k, next);
                    self.flush(next);
                    if next < end {
                        if !matches!(self.last_byte(next), None | Some(b' ')) {
                            let src = self.run_cp;
                            self.emit(b" ", 1, src, 1);
                        }
                        self.skip_to(next + 1, 1);
                        k = next + 1;
                    } else {
                        k = end;
                    }
                }
            }
            _ => self.drop_to(end, chars),
        }
    }
}

fn run_direct<const OFFSETS: bool>(t: &Table, text: &str, out: &mut Vec<u8>, align: &mut Alignment) {
    let b = text.as_bytes();
    let floor = out.len();
    let mut st = State::<OFFSETS> {
        t,
        b,
        out,
        floor,
        align,
        run: 0,
        run_cp: 0,
        elong_char: '\0',
        elong_count: 0,
        marks: Vec::new(),
    };
    if t.flags.masks.is_empty() {
        if OFFSETS {
            st.process(0, b.len());
        } else {
            st.process_fast(0, b.len());
        }
    } else {
        let kinds: Vec<MaskKind> = t.flags.masks.iter().map(|m| m.0).collect();
        let mut pos = 0;
        for (s, e, kind) in masks::find(text, &kinds) {
            st.process(pos, s);
            let action = t.flags.masks.iter().find(|m| m.0 == kind).map_or("keep", |m| m.1);
            st.mask(s, e, kind, action);
            pos = e;
        }
        st.process(pos, b.len());
    }
    st.flush(b.len());
    if t.flags.whitespace {
        st.trim_trailing_whitespace();
    }
}
