//! The one-pass normalization engine.
//!
//! The hot loop walks UTF-8 bytes, looks each code point up in the compiled [`Table`] and skips
//! over kept ones; a run of kept code points is copied in one `memcpy` when something else
//! comes, and long kept stretches go through the block scanner (`simd`). A dropped or
//! replaced code point is handled here; a code point whose entry names a context handler goes
//! to [`rules::handle`], and the whole-text steps (NFKC, masks, trimming) to the other entry
//! points of [`rules`]. With offsets, the same pass builds the [`Alignment`].
//!
//! A code point whose replacement context handlers must see ([`Kind::Reenter`]) stops the
//! pass: the text is expanded (each such code point written out as its replacement, with an
//! alignment) and the pass runs again on the expansion. Texts without one pay nothing.

use super::alignment::Alignment;
use super::pass::Pass;
use super::rules;
use super::simd::BlockTables;
use super::table::{has_hints, map1_bytes, op_kind, Kind, Op, Table, DROP, KEEP, KEPT_AFTER_TEXT};
use crate::text::count_chars;
use crate::text::utf8::decode;

/// Normalize `text`, appending to `out`; with `OFFSETS`, also set `align` (output characters
/// appended to `out` by this call, mapped to code points of `text`).
pub fn run<const OFFSETS: bool>(
    t: &Table,
    blocks: Option<&BlockTables>,
    text: &str,
    out: &mut Vec<u8>,
    align: &mut Alignment,
) {
    match rules::before(t, text, OFFSETS) {
        Some((mid, mid_align)) => through::<OFFSETS>(t, blocks, &mid, &mid_align, out, align, false),
        None => direct::<OFFSETS>(t, blocks, text, out, align),
    }
}

/// Run the table on `mid`, an intermediate text aligned to the source by `mid_align`.
fn through<const OFFSETS: bool>(
    t: &Table,
    blocks: Option<&BlockTables>,
    mid: &str,
    mid_align: &Alignment,
    out: &mut Vec<u8>,
    align: &mut Alignment,
    expanded: bool,
) {
    if OFFSETS {
        let mut inner = Alignment::new();
        if expanded {
            pass::<true>(t, blocks, mid, out, &mut inner, true);
        } else {
            direct::<true>(t, blocks, mid, out, &mut inner);
        }
        *align = inner.then(mid_align);
    } else if expanded {
        pass::<false>(t, blocks, mid, out, align, true);
    } else {
        direct::<false>(t, blocks, mid, out, align);
    }
}

/// One pass over `text`; when a `Reenter` code point stops it, the output is taken back and the
/// expanded text is run instead.
fn direct<const OFFSETS: bool>(
    t: &Table,
    blocks: Option<&BlockTables>,
    text: &str,
    out: &mut Vec<u8>,
    align: &mut Alignment,
) {
    let floor = out.len();
    if pass::<OFFSETS>(t, blocks, text, out, align, false) {
        out.truncate(floor);
        align.clear();
        let (wide, wide_align) = expand(t, text, OFFSETS);
        through::<OFFSETS>(t, blocks, &wide, &wide_align, out, align, true);
    }
}

/// `text` with every `Reenter` code point written out as its replacement, and the alignment
/// of the result to `text` (when `offsets`).
fn expand(t: &Table, text: &str, offsets: bool) -> (String, Alignment) {
    let mut wide = String::with_capacity(text.len() + 16);
    let mut align = Alignment::new();
    for (cp, c) in text.chars().enumerate() {
        let op = t.op(c as u32);
        if op_kind(op) == Kind::Reenter {
            let (s, n) = t.replacement(op);
            wide.push_str(s);
            if offsets {
                align.push_group(n as usize, cp, 1);
            }
        } else {
            wide.push(c);
            if offsets {
                align.push(1, cp, 1);
            }
        }
    }
    (wide, align)
}

/// Run the table over `text`; returns whether a `Reenter` code point asked to start over.
fn pass<const OFFSETS: bool>(
    t: &Table,
    blocks: Option<&BlockTables>,
    text: &str,
    out: &mut Vec<u8>,
    align: &mut Alignment,
    expanded: bool,
) -> bool {
    let mut p = Pass::<OFFSETS>::new(t, text, out, align, expanded);
    let len = text.len();
    let spans = rules::mask_spans(t, text);
    if spans.is_empty() {
        if OFFSETS {
            process(&mut p, blocks, 0, len);
        } else {
            process_fast(&mut p, blocks, 0, len);
        }
    } else {
        let mut pos = 0;
        for span in spans {
            process(&mut p, blocks, pos, span.0);
            if p.restart {
                return true;
            }
            rules::masks::apply(&mut p, span, &mut |p, a, b| process(p, blocks, a, b));
            if p.restart {
                return true;
            }
            pos = span.1;
        }
        process(&mut p, blocks, pos, len);
    }
    if p.restart {
        return true;
    }
    p.flush(len);
    rules::at_end(&mut p);
    false
}

/// The code point at `i` is not simply kept: drop it, replace it, or hand it to its handler.
/// Returns where to continue.
#[inline]
fn special<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, cp: u32, len: usize, op: Op) -> usize {
    match op_kind(op) {
        Kind::Keep => i + len,
        Kind::Drop => {
            p.flush(i);
            p.drop_to(i + len, 1);
            i + len
        }
        Kind::Map1 => {
            let (bytes, n) = map1_bytes(op);
            p.replace(i, len, &bytes[..n], 1);
            i + len
        }
        Kind::Map => {
            let (s, n) = p.t.replacement(op);
            p.replace(i, len, s.as_bytes(), n as usize);
            i + len
        }
        Kind::Reenter if p.expanded => {
            let (s, n) = p.t.replacement(op);
            p.replace(i, len, s.as_bytes(), n as usize);
            i + len
        }
        Kind::Reenter => {
            p.restart = true;
            i
        }
        Kind::Context => rules::handle(p, i, cp, len, op),
    }
}

/// Process `[from, to)`; the pending run must start at `from`.
fn process<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, blocks: Option<&BlockTables>, from: usize, to: usize) {
    let b = p.b;
    let t = p.t;
    let mut i = from;
    let mut scan_from = from;
    while i < to {
        // Long kept stretches: the block scanner writes them (folds done) as one segment.
        #[cfg(target_arch = "x86_64")]
        if let Some(blocks) = blocks {
            if i >= scan_from && i + 33 <= to {
                p.flush(i);
                let prev = p.has_output().then(|| p.out[p.out.len() - 1]);
                p.out.reserve(to - i + 32);
                let w = p.out.len();
                // SAFETY: AVX2, BMI1/2 and POPCNT checked when `blocks` was built; room for
                // `to - i + 32` bytes. Without compaction the output is as long as the input
                // consumed.
                let (n, _) = unsafe { super::simd::scan::<false>(t, blocks, b, i, to, prev, p.out.as_mut_ptr().add(w)) };
                if n > 0 {
                    // SAFETY: the scanner wrote `n` bytes of whole code points.
                    unsafe { p.out.set_len(w + n) };
                    let chars = count_chars(&b[i..i + n]);
                    if OFFSETS {
                        p.align.push(chars, p.run_cp, chars);
                    }
                    p.skip_to(i + n, chars);
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
        i = special(p, i, cp, len, op);
        if p.restart {
            return;
        }
    }
}

/// [`process`] without offsets: kept, dropped and one-for-one replaced code points are written
/// straight to the output (no run bookkeeping, no call per event); anything else is handed on
/// with the pass made consistent first.
fn process_fast<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, blocks: Option<&BlockTables>, from: usize, to: usize) {
    debug_assert!(!OFFSETS && p.run == from);
    let b = p.b;
    let t = p.t;
    let floor = p.floor;
    let mut i = from;
    // Kept, dropped and Map1 code points never write more bytes than they read; the block
    // scanner stores whole 32-byte blocks, hence the slack.
    p.out.reserve(to - from + 32);
    let mut w = p.out.len();
    // Next input position worth a block scan (dense stretches of marks skip it a while).
    let mut scan_from = from;
    while i < to {
        #[cfg(target_arch = "x86_64")]
        if let Some(blocks) = blocks {
            if i >= scan_from && i + 33 <= to {
                // SAFETY: `w <= len` of bytes written so far.
                let prev = (w > floor).then(|| unsafe { *p.out.as_ptr().add(w - 1) });
                // SAFETY: `blocks` is only built when AVX2, BMI1/2 and POPCNT are available;
                // `to <= b.len()`; the output has room for `to - i + 32` bytes (reserved below
                // and above).
                let (n, written) = unsafe { super::simd::scan::<true>(t, blocks, b, i, to, prev, p.out.as_mut_ptr().add(w)) };
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
                unsafe { *p.out.as_mut_ptr().add(w) = b0 };
                w += 1;
                i += 1;
                continue;
            }
            // A byte its handler keeps after text (a single space under the whitespace rule).
            if has_hints(op, KEPT_AFTER_TEXT) && w > floor {
                // SAFETY: `floor < w`, so byte `w - 1` was written.
                let prev = unsafe { *p.out.as_ptr().add(w - 1) };
                if prev != b' ' && prev != b'\n' {
                    // SAFETY: as above.
                    unsafe { *p.out.as_mut_ptr().add(w) = b0 };
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
                // SAFETY: as above.
                unsafe {
                    let at = p.out.as_mut_ptr().add(w);
                    *at = b0;
                    *at.add(1) = b1;
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
                // SAFETY: as above.
                unsafe { std::ptr::copy_nonoverlapping(b.as_ptr().add(i), p.out.as_mut_ptr().add(w), len) };
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
            // SAFETY: as above; a `Map1` replacement is no longer than its code point.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.out.as_mut_ptr().add(w), n) };
            w += n;
            i += len;
            continue;
        }
        // Anything else: hand over with the output and the run in order.
        // SAFETY: bytes `[0, w)` were all written above or before this call.
        unsafe { p.out.set_len(w) };
        p.run = i;
        let next = special(p, i, cp, len, op);
        if p.restart {
            return;
        }
        p.flush(next);
        p.run = next;
        i = next;
        p.out.reserve(to - i + 32);
        w = p.out.len();
    }
    // SAFETY: as above.
    unsafe { p.out.set_len(w) };
    p.run = to;
}
