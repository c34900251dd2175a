//! Normalizing 32 bytes at a time (AVX2, checked at run time).
//!
//! The scalar loop costs a few cycles per code point, most of it in branches that mispredict
//! at every switch between Arabic letters (two UTF-8 bytes) and ASCII spaces. This scanner
//! classifies a whole 32-byte block at once, does the common edits inside the register, and
//! stops only at the first position the scalar loop must look at. Inside a block it
//!
//! - copies kept ASCII and kept two-byte code points,
//! - replaces Arabic-block letters by other Arabic-block letters (alef forms, teh marbuta...),
//! - removes Arabic-block code points the table drops (harakat, the dagger alef, tatweel when
//!   no dash can be kept): "compacting" mode, used by the plain path only,
//! - under the whitespace rule, keeps a single ASCII space or line break after anything else
//!   and removes a space after a space or line break (plain path; the offsets path stops at
//!   line breaks and removed spaces).
//!
//! A position needs the scalar loop when it is an ASCII byte the table does not keep, an
//! Arabic-block code point the block cannot handle, a space or line break the whitespace rule
//! does not simply keep or remove, or a code point outside the Arabic block that the table
//! does not keep. (Lead bytes outside the Arabic block are classified by byte; a lead some of
//! whose code points are not kept stops the block, and the code point is then looked up in
//! the table, so kept quotes, dashes, guillemets and emoji do not end the scan.)
//!
//! # Classifying bytes
//!
//! Membership of a byte `x` in a 256-entry set is nibble lookups with `pshufb`: a table
//! indexed by the low nibble gives an 8-bit row, a table indexed by the high nibble selects a
//! bit of it. High nibbles 0–7 and 8–15 have a row table each; the first is indexed by `x`
//! itself, the second by `x ^ 0x80`, since `pshufb` gives zero for an index with its top bit
//! set (and ignores bits 4–6). An Arabic-block code point U+0600 + k (lead
//! 0xD8–0xDB, one continuation byte) is classified the same way on k = (lead & 3) << 6 |
//! (continuation & 0x3F), computed at the lead position from the block and the block loaded
//! one byte later, so a code point's verdict sits on its lead byte.
//!
//! # Replacing letters
//!
//! Replacements inside the Arabic block are an XOR on k, which changes the lead byte's two low
//! bits (k's top two bits) and the continuation byte's six (k's low six). The XOR is looked up
//! with one `pshufb` on k's low nibble per distinct high nibble of the replaced letters (three
//! for the `basic` preset), then split: the lead part is applied in place, the continuation
//! part moved one byte up.
//!
//! # Removing code points
//!
//! Dropped code points become a 32-bit keep mask (both bytes of each dropped code point
//! cleared). The block is left-packed in four 8-byte groups: a 256-entry table gives, for each
//! 8-bit keep mask, the `pshufb` indices of its kept bytes in order; one `pshufb` packs all
//! four groups in place, and four overlapping 8-byte stores at running offsets (sums of the
//! groups' popcounts) lay them end to end. Every store writes 8 bytes, at most 32 in all from
//! the block's output position; the caller leaves that much room.

use super::table::{has_hints, map1_bytes, op_kind, Kind, Op, Table, DROP, DROPPED_AFTER_SPACE, KEEP, KEPT_AFTER_TEXT};

/// The lookup tables of one compiled [`Table`], each 16-byte table repeated in both 128-bit
/// lanes (`pshufb` looks up within a lane).
#[derive(Debug, Clone, Default)]
pub struct BlockTables {
    /// Bytes that need a look on their own (ASCII not kept, lead bytes outside the Arabic
    /// block whose code points are not all kept, three- and four-byte leads): bit `h` of
    /// `byte_a[l]` for byte `h << 4 | l` with h < 8, bit `h - 8` of `byte_b[l]` for h >= 8.
    byte_a: [u8; 32],
    byte_b: [u8; 32],
    /// Arabic-block code points U+0600 + k that are not simply kept or replaced in the block
    /// (they need a look, or are dropped), k = hi << 4 | lo: bit `hi` of `special_a[lo]` for
    /// hi < 8, bit `hi - 8` of `special_b[lo]` for hi >= 8. Most blocks have none, and skip
    /// telling the two apart.
    special_a: [u8; 32],
    special_b: [u8; 32],
    /// The dropped ones among them, removed in compacting mode (in the offsets path they need
    /// a look instead).
    drop_a: [u8; 32],
    drop_b: [u8; 32],
    /// Whether any code point is in the `drop_*` set.
    has_drops: bool,
    /// A single ASCII space after anything but a space or line break is kept, one after those
    /// removed (the space's entry carries both hints: the whitespace rule).
    single_space_kept: bool,
    /// A line feed after anything but a space or line break is kept too (its entry carries the
    /// hint: the whitespace rule keeping line breaks; plain path only).
    newline_kept: bool,
    /// Replacements inside the Arabic block, grouped by the high nibble of k: the nibble
    /// (repeated) and, by low nibble, `k ^ k'` for a replaced letter (0 for the others).
    folds: Vec<([u8; 32], [u8; 32])>,
}

/// Replacement groups done inside the block (each costs four vector operations); letters of
/// further groups go to the scalar loop.
const MAX_FOLD_GROUPS: usize = 6;

/// Set bit `h` of a nibble-indexed bit table pair for the value `h << 4 | l`.
fn set_bit(a: &mut [u8; 32], b: &mut [u8; 32], value: usize) {
    let (hi, lo) = (value >> 4, value & 0xF);
    let (table, bit) = if hi < 8 { (a, hi) } else { (b, hi - 8) };
    table[lo] |= 1 << bit;
    table[lo + 16] |= 1 << bit;
}

impl BlockTables {
    /// Build from the table's ops for U+0000–07FF and the hints of the space and line feed;
    /// `None` when the CPU cannot run the scanner.
    pub fn new(table: &Table) -> Option<Self> {
        if !available() {
            return None;
        }
        let low: Vec<Op> = (0..0x800).map(|cp| table.low(cp)).collect();
        let whitespace = has_hints(low[0x20], KEPT_AFTER_TEXT | DROPPED_AFTER_SPACE);
        let newline_kept = whitespace && has_hints(low[0x0A], KEPT_AFTER_TEXT);
        let mut t = BlockTables { single_space_kept: whitespace, newline_kept, ..Default::default() };
        // Arabic-block replacements by another Arabic-block letter, by high nibble of k.
        let mut groups: Vec<(usize, [u8; 16])> = Vec::new();
        let mut folded = [false; 256];
        for k in 0..256usize {
            let op = low[0x600 + k];
            if op_kind(op) != Kind::Map1 {
                continue;
            }
            let (bytes, n) = map1_bytes(op);
            if n != 2 || bytes[0] & 0xFC != 0xD8 {
                continue;
            }
            let to = ((bytes[0] as usize & 3) << 6) | (bytes[1] as usize & 0x3F);
            let g = match groups.iter().position(|g| g.0 == k >> 4) {
                Some(g) => g,
                None if groups.len() < MAX_FOLD_GROUPS => {
                    groups.push((k >> 4, [0; 16]));
                    groups.len() - 1
                }
                None => continue,
            };
            groups[g].1[k & 0xF] = (k ^ to) as u8;
            folded[k] = true;
        }
        t.folds = groups
            .into_iter()
            .map(|(hi, x)| {
                let mut xs = [0u8; 32];
                xs[..16].copy_from_slice(&x);
                xs[16..].copy_from_slice(&x);
                ([hi as u8; 32], xs)
            })
            .collect();
        for k in 0..256usize {
            let op = low[0x600 + k];
            let dropped = op == DROP;
            if dropped {
                set_bit(&mut t.drop_a, &mut t.drop_b, k);
                t.has_drops = true;
            }
            if dropped || (op != KEEP && !folded[k]) {
                set_bit(&mut t.special_a, &mut t.special_b, k);
            }
        }
        for byte in 0..256usize {
            let look = match byte {
                0x00..=0x7F => low[byte] != KEEP && !(whitespace && byte == 0x20) && !(newline_kept && byte == 0x0A),
                0x80..=0xBF | 0xD8..=0xDB => false,
                0xC0..=0xDF => {
                    let base = (byte & 0x1F) << 6;
                    low[base..base + 64].iter().any(|&op| op != KEEP)
                }
                _ => true,
            };
            if look {
                set_bit(&mut t.byte_a, &mut t.byte_b, byte);
            }
        }
        Some(t)
    }
}

/// Whether the running CPU has AVX2, BMI1/2 and POPCNT (checked once).
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static AVX2: OnceLock<bool> = OnceLock::new();
        *AVX2.get_or_init(|| {
            std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("bmi1")
                && std::arch::is_x86_feature_detected!("bmi2")
                && std::arch::is_x86_feature_detected!("popcnt")
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// For each 8-bit keep mask, the indices of its set bits in order (low byte first), padded
/// with 0x80 (`pshufb` writes zero there; the padding is overwritten or beyond the output).
#[cfg(target_arch = "x86_64")]
static PACK: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut m = 0;
    while m < 256 {
        let mut bytes = [0x80u8; 8];
        let (mut bit, mut n) = (0, 0);
        while bit < 8 {
            if m & (1 << bit) != 0 {
                bytes[n] = bit as u8;
                n += 1;
            }
            bit += 1;
        }
        table[m] = u64::from_le_bytes(bytes);
        m += 1;
    }
    table
};

/// Normalize the longest prefix of `b[i..]` the blocks can do alone, writing it to `out`;
/// returns `(input bytes consumed, output bytes written)`, the input a code point boundary.
/// Scans 32 bytes a block while `i + 33 <= limit`. `prev` is the byte written just before
/// `out` (`None` when nothing was written yet for this text; for the single-space rule).
///
/// With `COMPACT`, dropped Arabic-block code points are removed in the block (the output can
/// be shorter); without it they stop the scan, so output and input lengths are equal (what
/// the offsets path needs to keep one alignment segment per call).
///
/// # Safety
/// The CPU features of [`available`] must be present; `limit <= b.len()`; `out` must have
/// room for `limit - i + 32` bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt")]
pub unsafe fn scan<const COMPACT: bool>(
    table: &Table,
    t: &BlockTables,
    b: &[u8],
    i: usize,
    limit: usize,
    prev: Option<u8>,
    out: *mut u8,
) -> (usize, usize) {
    // One loop per number of replacement groups, so their tables stay in registers.
    match t.folds.len() {
        0 => scan_blocks::<COMPACT, 0>(table, t, b, i, limit, prev, out),
        1 => scan_blocks::<COMPACT, 1>(table, t, b, i, limit, prev, out),
        2 => scan_blocks::<COMPACT, 2>(table, t, b, i, limit, prev, out),
        3 => scan_blocks::<COMPACT, 3>(table, t, b, i, limit, prev, out),
        4 => scan_blocks::<COMPACT, 4>(table, t, b, i, limit, prev, out),
        5 => scan_blocks::<COMPACT, 5>(table, t, b, i, limit, prev, out),
        _ => scan_blocks::<COMPACT, MAX_FOLD_GROUPS>(table, t, b, i, limit, prev, out),
    }
}

/// [`scan`] with `FOLDS` replacement groups (`t.folds.len() == FOLDS`).
///
/// # Safety
/// As [`scan`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt")]
unsafe fn scan_blocks<const COMPACT: bool, const FOLDS: usize>(
    table: &Table,
    t: &BlockTables,
    b: &[u8],
    i: usize,
    limit: usize,
    prev: Option<u8>,
    out: *mut u8,
) -> (usize, usize) {
    use std::arch::x86_64::*;
    debug_assert_eq!(t.folds.len(), FOLDS);
    let load = |a: &[u8; 32]| _mm256_loadu_si256(a.as_ptr() as *const __m256i);
    let (byte_a, byte_b) = (load(&t.byte_a), load(&t.byte_b));
    let (special_a, special_b) = (load(&t.special_a), load(&t.special_b));
    let (drop_a, drop_b) = (load(&t.drop_a), load(&t.drop_b));
    let mut fold_hi = [_mm256_setzero_si256(); FOLDS];
    let mut fold_xor = [_mm256_setzero_si256(); FOLDS];
    for g in 0..FOLDS {
        fold_hi[g] = load(&t.folds[g].0);
        fold_xor[g] = load(&t.folds[g].1);
    }
    // Bit (h & 7) for high nibble h: the row tables already tell h < 8 from h >= 8, since
    // `pshufb` gives zero for an index with its top bit set. Row `_a` is looked up with the
    // byte itself (zero for bytes >= 0x80), row `_b` with the byte XOR 0x80 (zero for < 0x80).
    let bit = _mm256_setr_epi8(
        1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128,
        1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128,
    );
    let nib = _mm256_set1_epi8(0x0F);
    let top = _mm256_set1_epi8(0x80u8 as i8);
    let zero = _mm256_setzero_si256();
    let space = _mm256_set1_epi8(b' ' as i8);
    let newline = _mm256_set1_epi8(b'\n' as i8);
    let start = i;
    let mut at = i;
    let mut written = 0usize;
    // Whether the output byte before `at` is a space or a line break, or there is none (a
    // space there is not kept by the single-space rule).
    let mut prev_ws = !matches!(prev, Some(c) if c != b' ' && c != b'\n');
    while at + 33 <= limit {
        // SAFETY (loads): `at + 33 <= limit <= b.len()`, so both 32-byte loads are in bounds.
        let p = b.as_ptr().add(at);
        let v = _mm256_loadu_si256(p as *const __m256i);
        let next = _mm256_loadu_si256(p.add(1) as *const __m256i);
        // Byte classes.
        let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
        let rows = _mm256_or_si256(
            _mm256_shuffle_epi8(byte_a, v),
            _mm256_shuffle_epi8(byte_b, _mm256_xor_si256(v, top)),
        );
        let byte_hit = _mm256_and_si256(rows, _mm256_shuffle_epi8(bit, hi));
        let is_arabic = _mm256_cmpeq_epi8(
            _mm256_and_si256(v, _mm256_set1_epi8(0xFCu8 as i8)),
            _mm256_set1_epi8(0xD8u8 as i8),
        );
        // k at every lead position (garbage elsewhere, masked by `is_arabic`). The 16-bit
        // shifts move bits across byte halves; the masks keep only each byte's own bits.
        let k = _mm256_or_si256(
            _mm256_and_si256(_mm256_slli_epi16(v, 6), _mm256_set1_epi8(0xC0u8 as i8)),
            _mm256_and_si256(next, _mm256_set1_epi8(0x3F)),
        );
        let k_top = _mm256_xor_si256(k, top);
        let k_hi = _mm256_and_si256(_mm256_srli_epi16(k, 4), nib);
        let k_bit = _mm256_shuffle_epi8(bit, k_hi);
        let special = _mm256_and_si256(
            _mm256_or_si256(_mm256_shuffle_epi8(special_a, k), _mm256_shuffle_epi8(special_b, k_top)),
            k_bit,
        );
        let arabic_bits = _mm256_movemask_epi8(is_arabic) as u32;
        let special_bits = arabic_bits & !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(special, zero)) as u32);
        let mut bad = !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(byte_hit, zero)) as u32);
        // Dropped code points: their lead bytes, then both bytes (bit 32: a continuation
        // beyond the block, whose lead is left to the next block).
        let mut dropped = 0u64;
        let mut ws_verdicts = 0u64;
        if COMPACT && special_bits != 0 && t.has_drops {
            let hit = _mm256_and_si256(
                _mm256_or_si256(_mm256_shuffle_epi8(drop_a, k), _mm256_shuffle_epi8(drop_b, k_top)),
                k_bit,
            );
            let leads = special_bits & !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, zero)) as u32);
            dropped = leads as u64 | ((leads as u64) << 1);
            bad |= special_bits & !leads;
        } else {
            bad |= special_bits;
        }
        if t.single_space_kept {
            // A space is kept when the last output byte before it is not a space or a line
            // break. `before_ws` bit j: that fails for position j (or nothing was written),
            // following the last kept byte before j through dropped code points.
            let spaces = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, space)) as u32 as u64;
            let newlines = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, newline)) as u32 as u64;
            let ws = spaces | newlines;
            // Seeds: positions whose previous byte is kept and a space or line break.
            let seeds = (ws << 1) | prev_ws as u64;
            // Positions whose previous byte is dropped take the verdict of the position
            // before: a carry from each seeded run start runs through the run of such
            // positions, clearing it; the cleared bits are the run's inherited verdicts.
            let inherit = dropped << 1;
            let starts = (seeds << 1) & inherit;
            let before_ws = seeds | (inherit & !inherit.wrapping_add(starts));
            if COMPACT {
                // A space there is removed, as the space handler does; that changes no
                // verdict after it (it is whitespace itself, so is the byte it follows).
                dropped |= spaces & before_ws;
                // A line break is written when the last output byte is neither (no spaces to
                // trim, no break before it); otherwise the line-break handler decides.
                if t.newline_kept {
                    bad |= (newlines & before_ws) as u32;
                }
            } else {
                bad |= (spaces & before_ws) as u32;
                if t.newline_kept {
                    bad |= newlines as u32;
                }
            }
            ws_verdicts = before_ws;
        }
        // Replacements: the XOR on k by lead position, then split into the lead's two bits and
        // the continuation's six, moved one byte up (across the lane boundary too).
        let mut outv = v;
        if FOLDS > 0 {
            let k_lo = _mm256_and_si256(next, nib);
            let mut x = zero;
            for g in 0..FOLDS {
                let in_group = _mm256_cmpeq_epi8(k_hi, fold_hi[g]);
                x = _mm256_or_si256(x, _mm256_and_si256(_mm256_shuffle_epi8(fold_xor[g], k_lo), in_group));
            }
            x = _mm256_and_si256(x, is_arabic);
            let lead_x = _mm256_and_si256(_mm256_srli_epi16(x, 6), _mm256_set1_epi8(3));
            let cont = _mm256_and_si256(x, _mm256_set1_epi8(0x3F));
            // Byte j of `cont_x` is byte j - 1 of `cont` (zero for j = 0).
            let cont_x = _mm256_alignr_epi8(cont, _mm256_permute2x128_si256(cont, cont, 0x08), 15);
            outv = _mm256_xor_si256(outv, _mm256_or_si256(lead_x, cont_x));
        }
        let keep = !dropped as u32;
        let dst = out.add(written);
        if dropped as u32 == 0 {
            // SAFETY: `written <= at - start` and `at + 33 <= limit`: 32 bytes fit.
            _mm256_storeu_si256(dst as *mut __m256i, outv);
        } else {
            // Left-pack each 8-byte group; groups 1 and 3 index the upper half of their lane.
            let m = |g: u32| ((keep >> (8 * g)) & 0xFF) as usize;
            let upper = 0x0808_0808_0808_0808u64;
            let shuffle = _mm256_set_epi64x(
                (PACK[m(3)] + upper) as i64,
                PACK[m(2)] as i64,
                (PACK[m(1)] + upper) as i64,
                PACK[m(0)] as i64,
            );
            let packed = _mm256_shuffle_epi8(outv, shuffle);
            let (low, high) = (_mm256_castsi256_si128(packed), _mm256_extracti128_si256(packed, 1));
            let c0 = m(0).count_ones() as usize;
            let c1 = c0 + m(1).count_ones() as usize;
            let c2 = c1 + m(2).count_ones() as usize;
            // SAFETY: each store writes 8 bytes at most 24 bytes past `dst`: 32 bytes fit.
            _mm_storel_epi64(dst as *mut __m128i, low);
            _mm_storeh_pd(dst.add(c0) as *mut f64, _mm_castsi128_pd(low));
            _mm_storel_epi64(dst.add(c1) as *mut __m128i, high);
            _mm_storeh_pd(dst.add(c2) as *mut f64, _mm_castsi128_pd(high));
        }
        // A lead byte outside the Arabic block is marked when any code point it starts needs
        // a look: look the code point itself up (rare: quotes, dashes, emoji, «»).
        while bad != 0 {
            let j = bad.trailing_zeros() as usize;
            let lead = b[at + j];
            if lead < 0xC0 || (0xD8..=0xDB).contains(&lead) {
                break;
            }
            let (cp, _) = crate::text::utf8::decode(b, at + j);
            if table.op(cp) != KEEP {
                break;
            }
            bad &= bad - 1;
        }
        if bad != 0 {
            let n = bad.trailing_zeros() as usize;
            written += _bzhi_u32(keep, n as u32).count_ones() as usize;
            return (at + n - start, written);
        }
        // The whole block is done; stop before a code point cut by the block's end (a kept
        // two-, three- or four-byte code point starting at byte 31, 30 or 29).
        let mut n = 32;
        while (b[at + n] & 0xC0) == 0x80 {
            n -= 1;
        }
        written += _bzhi_u32(keep, n as u32).count_ones() as usize;
        // The verdict for the next block's first byte (bits up to 32 are defined).
        prev_ws = (ws_verdicts >> n) & 1 != 0;
        at += n;
    }
    (at - start, written)
}

#[cfg(test)]
mod tests {
    use super::super::{NormalizeOptions, Normalizer, RawValue, PRESETS};

    /// (plain path with the block scanner, plain path scalar only, offsets path).
    fn three_ways(n: &mut Normalizer, s: &str) -> (String, String, String) {
        let fast = n.normalize(s).into_owned();
        let offsets = n.normalize_with_offsets(s).0;
        let blocks = n.blocks.take();
        let scalar = n.normalize(s).into_owned();
        n.blocks = blocks;
        (fast, scalar, offsets)
    }

    fn check(n: &mut Normalizer, s: &str, what: &str) {
        let (fast, scalar, offsets) = three_ways(n, s);
        assert_eq!(fast, scalar, "{what}: blocks vs scalar on {s:?}");
        assert_eq!(fast, offsets, "{what}: plain vs offsets on {s:?}");
    }

    /// Every preset, plus combinations the presets do not cover (marks dropped with the
    /// whitespace rule and no composition, folds with marks kept, elongation).
    fn normalizers() -> Vec<(String, Normalizer)> {
        let mut v: Vec<(String, Normalizer)> = PRESETS
            .iter()
            .map(|p| (p.name.to_string(), Normalizer::new(NormalizeOptions::preset(p.name).unwrap())))
            .collect();
        let extra: &[(&str, &[(&str, RawValue)])] = &[
            ("basic", &[("normalize_whitespace", RawValue::Bool(true))]),
            ("basic", &[("normalize_whitespace", RawValue::Bool(true)), ("keep_newlines", RawValue::Bool(true))]),
            ("none", &[("fold_alef", RawValue::Bool(true)), ("fold_teh_marbuta", RawValue::Bool(true))]),
            ("none", &[("strip_tatweel", RawValue::Bool(true)), ("normalize_whitespace", RawValue::Bool(true))]),
            ("basic", &[("fold_persian_letters", RawValue::Bool(true)), ("fold_hamza_carriers", RawValue::Bool(true))]),
            ("basic", &[("elongation", RawValue::Int(2))]),
            ("search", &[("digits", RawValue::Str("ascii".into()))]),
        ];
        for (preset, rules) in extra {
            let mut o = NormalizeOptions::preset(preset).unwrap();
            for (r, val) in *rules {
                o.set(r, val.clone()).unwrap();
            }
            v.push((format!("{preset}+{rules:?}"), Normalizer::new(o)));
        }
        v
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const LETTERS: &str = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىٱکیۀ";
    const MARKS: &str = "\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}\u{0640}\u{0654}\u{0655}\u{06D6}";
    const OTHER: &[&str] = &[" ", " ", "  ", "\n", "\r\n", " \n", "\n\n\n", "\n ", "a", "Z9", ".", "،", "٣", "«", "»", "\u{00A0}", "é", "—", "“", "😀", "👍🏽", "\u{200F}", "ﻻ", "ﷲ", "\t"];

    #[test]
    fn random_arabic_heavy_text() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let letters: Vec<char> = LETTERS.chars().collect();
        let marks: Vec<char> = MARKS.chars().collect();
        let mut ns = normalizers();
        for round in 0..400 {
            let mut s = String::new();
            let len = rng.below(300);
            // Vary the mix: some texts almost mark-free, some fully vocalized.
            let mark_rate = rng.below(6);
            while s.len() < len {
                match rng.below(10) {
                    0..=5 => s.push(letters[rng.below(letters.len())]),
                    6 | 7 if rng.below(6) < mark_rate => s.push(marks[rng.below(marks.len())]),
                    8 => s.push_str(OTHER[rng.below(OTHER.len())]),
                    _ => s.push(' '),
                }
            }
            for (name, n) in ns.iter_mut() {
                check(n, &s, &format!("round {round}, {name}"));
            }
        }
    }

    #[test]
    fn a_mark_at_every_position() {
        let base = "القاهرة تستضيف مؤتمرا دوليا للطاقة المتجددة في الأسبوع المقبل";
        let mut ns = normalizers();
        for mark in ["\u{064E}", "\u{0651}\u{064F}", "\u{0640}", "\u{0670}", "\u{0654}"] {
            for pad in 0..4 {
                let offsets: Vec<usize> = base.char_indices().map(|(i, _)| i).chain([base.len()]).collect();
                for &at in &offsets {
                    let s = format!("{}{}{}{}", "x".repeat(pad), &base[..at], mark, &base[at..]);
                    for (name, n) in ns.iter_mut() {
                        check(n, &s, &format!("{name}, {mark:?} at {at}, pad {pad}"));
                    }
                }
            }
        }
    }

    #[test]
    fn code_points_cut_by_the_block_end() {
        // Shift a two-byte, a dropped, a three- and a four-byte code point across bytes 28–36.
        let mut ns = normalizers();
        for piece in ["ب", "ة", "\u{064E}", "\u{0640}\u{0640}", "“", "😀", " \u{064E} ", "أَ", "\u{00A0}", "  "] {
            for pad in 20..40 {
                let s = format!("{}{}{}", "ع".repeat(pad / 2) + &"a".repeat(pad % 2), piece, "كتب الطالب درسه ".repeat(4));
                for (name, n) in ns.iter_mut() {
                    check(n, &s, &format!("{name}, {piece:?} after {pad} bytes"));
                }
            }
        }
    }

    #[test]
    fn spaces_around_dropped_marks() {
        let mut n = Normalizer::new(NormalizeOptions::preset("ml_clean").unwrap());
        for s in [
            "كتبَ \u{064E} الدرسَ  \u{064E}\u{064E} \u{0651}  مرةً واحدةً فقط في اليوم الأول من الشهر",
            "\u{064E} \u{064E}  ب \u{0640} ج\u{064B} د \u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B}\u{064B} هـ",
            "  \u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E}\u{064E} x",
        ] {
            check(&mut n, s, "ml_clean");
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn blocks_handle_marks_and_folds_themselves() {
        // A vocalized text with folds: the scanner must get through it without stopping.
        if !super::available() {
            return;
        }
        let n = Normalizer::new(NormalizeOptions::preset("basic").unwrap());
        let t = n.blocks.as_ref().unwrap();
        let s = "إِنَّ الْمَدْرَسَةَ الكُبْرَى فِي آخِرِ الشَّارِعِ، وَأَمَامَهَا حَدِيقَةٌ ٱلنَّاسِ. ".repeat(8);
        let b = s.as_bytes();
        let mut out = vec![0u8; b.len() + 32];
        // SAFETY: AVX2 checked above; `out` has room for `b.len() + 32` bytes.
        let (n_in, n_out) = unsafe { super::scan::<true>(&n.table, t, b, 0, b.len(), None, out.as_mut_ptr()) };
        assert!(n_in + 32 >= b.len(), "stopped at {n_in} of {}", b.len());
        let want = n.normalize(std::str::from_utf8(&b[..n_in]).unwrap()).into_owned();
        assert_eq!(std::str::from_utf8(&out[..n_out]).unwrap(), want);
        // Without compaction, the first mark stops it.
        let (n_in, n_out) = unsafe { super::scan::<false>(&n.table, t, b, 0, b.len(), None, out.as_mut_ptr()) };
        assert_eq!((n_in, n_out), (2, 2));
        // Marks kept (no rule on them): the whole text is copied.
        let n = Normalizer::new(NormalizeOptions::preset("none").unwrap().with("fold_alef", true).unwrap());
        let t = n.blocks.as_ref().unwrap();
        let (n_in, _) = unsafe { super::scan::<true>(&n.table, t, b, 0, b.len(), None, out.as_mut_ptr()) };
        assert!(n_in + 32 >= b.len());
        // Kept code points outside the Arabic block, single line breaks, removed spaces
        // (ml_clean).
        let n = Normalizer::new(NormalizeOptions::preset("ml_clean").unwrap());
        let t = n.blocks.as_ref().unwrap();
        let s = "«كلمة»  “نصٌّ” — 😀\n  سطر جديد. ".repeat(8);
        let b = s.as_bytes();
        let (n_in, n_out) = unsafe { super::scan::<true>(&n.table, t, b, 0, b.len(), None, out.as_mut_ptr()) };
        assert!(n_in + 32 >= b.len(), "stopped at {n_in} of {}", b.len());
        // (The text's end trims trailing spaces; the scanner's output goes on.)
        let want = n.normalize(std::str::from_utf8(&b[..n_in]).unwrap()).into_owned();
        assert_eq!(std::str::from_utf8(&out[..n_out]).unwrap().trim_end_matches([' ', '\n']), want);
    }
}
