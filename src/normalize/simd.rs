//! Skipping runs of kept text 32 bytes at a time (AVX2, checked at run time).
//!
//! The scalar loop costs a few cycles per code point, most of it in branches that mispredict
//! at every switch between Arabic letters (two UTF-8 bytes) and ASCII spaces. This scanner
//! classifies a whole 32-byte block at once and reports the first position the scalar loop must
//! look at; everything before it is copied as is. A position needs a look when it is
//!
//! - an ASCII byte the table does not keep (a single space after a letter counts as kept when
//!   the whitespace rule is on: it is exactly what that rule would write),
//! - a lead byte of the Arabic block (0xD8–0xDB) whose code point the table does not keep,
//! - any other lead byte (other two-byte scripts, three- and four-byte sequences).
//!
//! Membership of a byte in a 256-entry set is two `pshufb` nibble lookups: a table indexed by
//! the low nibble gives a bit row, a table indexed by the high nibble selects the bit.

use super::table::{map1_bytes, op_kind, Kind, Op, KEEP};

/// The nibble tables of one compiled [`super::table::Table`].
#[derive(Debug, Clone, Default)]
pub struct BlockTables {
    /// ASCII bytes that need a look: bit `h` of `ascii_lo[l]` for byte `h << 4 | l` (h < 8).
    ascii_lo: [u8; 16],
    /// Arabic-block code points U+0600 + k that need a look, k = hi << 4 | lo: bit `hi` of
    /// `arabic_lo_a[lo]` for hi < 8, bit `hi - 8` of `arabic_lo_b[lo]` for hi >= 8.
    arabic_lo_a: [u8; 16],
    arabic_lo_b: [u8; 16],
    /// A single ASCII space after a letter is kept by the whitespace rule.
    single_space_kept: bool,
    /// Arabic-block letters replaced by another two-byte letter, done in the block itself:
    /// (lead, continuation) -> (lead, continuation). At most [`MAX_BLOCK_MAPS`].
    maps: Vec<[u8; 4]>,
}

/// Replacements done inside the block scanner (each costs a few vector operations).
const MAX_BLOCK_MAPS: usize = 8;

impl BlockTables {
    /// Build from the table's ops for U+0000–07FF.
    pub fn new(low: &[Op], whitespace: bool) -> Self {
        let mut t = BlockTables { single_space_kept: whitespace, ..Default::default() };
        let mut maps = Vec::new();
        for k in 0..256u32 {
            let op = low[0x600 + k as usize];
            if op_kind(op) == Kind::Map1 {
                let (bytes, n) = map1_bytes(op);
                if n == 2 {
                    maps.push([0xD8 | (k >> 6) as u8, 0x80 | (k & 0x3F) as u8, bytes[0], bytes[1]]);
                }
            }
        }
        if maps.len() <= MAX_BLOCK_MAPS {
            t.maps = maps;
        }
        for byte in 0..0x80usize {
            let space = whitespace && byte == 0x20;
            if low[byte] != KEEP && !space {
                t.ascii_lo[byte & 0xF] |= 1 << (byte >> 4);
            }
        }
        for k in 0..256usize {
            let mapped_in_block = t.maps.iter().any(|m| m[0] == 0xD8 | (k >> 6) as u8 && m[1] == 0x80 | (k & 0x3F) as u8);
            if low[0x600 + k] != KEEP && !mapped_in_block {
                let (hi, lo) = (k >> 4, k & 0xF);
                if hi < 8 {
                    t.arabic_lo_a[lo] |= 1 << hi;
                } else {
                    t.arabic_lo_b[lo] |= 1 << (hi - 8);
                }
            }
        }
        t
    }
}

/// Whether the running CPU has AVX2 (checked once).
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static AVX2: OnceLock<bool> = OnceLock::new();
        *AVX2.get_or_init(|| std::arch::is_x86_feature_detected!("avx2"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Write the longest prefix of `b[i..]` that needs no scalar look to `out` (with the in-block
/// replacements done) and return its length in input bytes (a code point boundary; output
/// has the same length). Scans 32 bytes a block while `i + 33 <= limit`. `prev` is the byte
/// written just before `i` (for the single-space rule; `None` when nothing was written yet).
///
/// # Safety
/// AVX2 must be available ([`available`]); `limit <= b.len()`; `out` must have room for
/// `limit - i + 32` bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub unsafe fn clean_prefix(
    t: &BlockTables,
    b: &[u8],
    i: usize,
    limit: usize,
    prev: Option<u8>,
    out: *mut u8,
) -> usize {
    use std::arch::x86_64::*;
    let ascii_lo = _mm256_broadcastsi128_si256(_mm_loadu_si128(t.ascii_lo.as_ptr() as *const __m128i));
    let arabic_a = _mm256_broadcastsi128_si256(_mm_loadu_si128(t.arabic_lo_a.as_ptr() as *const __m128i));
    let arabic_b = _mm256_broadcastsi128_si256(_mm_loadu_si128(t.arabic_lo_b.as_ptr() as *const __m128i));
    // bit h of the row for high nibble h < 8 (zero for h >= 8: no ASCII byte there)
    let bits8 = _mm256_setr_epi8(
        1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0,
    );
    let bits_hi = _mm256_setr_epi8(
        0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128,
        0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128,
    );
    let nib = _mm256_set1_epi8(0x0F);
    let zero = _mm256_setzero_si256();
    let space = _mm256_set1_epi8(b' ' as i8);
    let newline = _mm256_set1_epi8(b'\n' as i8);
    let mut at = i;
    let start = i;
    let mut prev_byte = prev;
    if at == 0 && (t.single_space_kept || !t.maps.is_empty()) {
        return 0; // the space and replacement checks read the byte before the block
    }
    while at + 33 <= limit {
        let p = b.as_ptr().add(at);
        let v = _mm256_loadu_si256(p as *const __m256i);
        let next = _mm256_loadu_si256(p.add(1) as *const __m256i);
        let lo = _mm256_and_si256(v, nib);
        let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
        // ASCII bytes the table does not keep (bytes >= 0x80 select a zero bit).
        let ascii_bad = _mm256_cmpeq_epi8(
            _mm256_and_si256(_mm256_shuffle_epi8(ascii_lo, lo), _mm256_shuffle_epi8(bits8, hi)),
            zero,
        );
        let mut bad = _mm256_andnot_si256(ascii_bad, _mm256_set1_epi8(-1));
        // Lead bytes: 0xC0..=0xFF. Arabic-block leads are 0xD8..=0xDB.
        let is_lead = _mm256_cmpeq_epi8(_mm256_max_epu8(v, _mm256_set1_epi8(0xC0u8 as i8)), v);
        let is_arabic = _mm256_cmpeq_epi8(_mm256_and_si256(v, _mm256_set1_epi8(0xFCu8 as i8)), _mm256_set1_epi8(0xD8u8 as i8));
        // k = (lead & 3) << 6 | (next & 0x3F): high nibble (lead & 3) << 2 | next >> 4 & 3, low nibble next & 0xF.
        let k_lo = _mm256_and_si256(next, nib);
        let k_hi = _mm256_or_si256(
            _mm256_slli_epi16(_mm256_and_si256(v, _mm256_set1_epi8(3)), 2),
            _mm256_and_si256(_mm256_srli_epi16(next, 4), _mm256_set1_epi8(3)),
        );
        let row_a = _mm256_shuffle_epi8(arabic_a, k_lo);
        let row_b = _mm256_shuffle_epi8(arabic_b, k_lo);
        let hit = _mm256_or_si256(
            _mm256_and_si256(row_a, _mm256_shuffle_epi8(bits8, k_hi)),
            _mm256_and_si256(row_b, _mm256_shuffle_epi8(bits_hi, k_hi)),
        );
        let arabic_bad = _mm256_andnot_si256(_mm256_cmpeq_epi8(hit, zero), is_arabic);
        let other_lead = _mm256_andnot_si256(is_arabic, is_lead);
        bad = _mm256_or_si256(bad, _mm256_or_si256(arabic_bad, other_lead));
        if t.single_space_kept {
            // A space is kept only after a byte that is neither a space nor a line break, and
            // not as the very first output byte.
            let shifted = _mm256_loadu_si256(p.sub(1) as *const __m256i);
            let prev_ws = _mm256_or_si256(_mm256_cmpeq_epi8(shifted, space), _mm256_cmpeq_epi8(shifted, newline));
            let space_bad = _mm256_and_si256(_mm256_cmpeq_epi8(v, space), prev_ws);
            bad = _mm256_or_si256(bad, space_bad);
        }
        // In-block replacements: the lead where (v, next) match, the continuation where
        // (previous, v) match.
        let mut outv = v;
        if !t.maps.is_empty() {
            let before = _mm256_loadu_si256(p.sub(1) as *const __m256i);
            for m in &t.maps {
                let (l, c) = (_mm256_set1_epi8(m[0] as i8), _mm256_set1_epi8(m[1] as i8));
                let at_lead = _mm256_and_si256(_mm256_cmpeq_epi8(v, l), _mm256_cmpeq_epi8(next, c));
                let at_cont = _mm256_and_si256(_mm256_cmpeq_epi8(before, l), _mm256_cmpeq_epi8(v, c));
                outv = _mm256_blendv_epi8(outv, _mm256_set1_epi8(m[2] as i8), at_lead);
                outv = _mm256_blendv_epi8(outv, _mm256_set1_epi8(m[3] as i8), at_cont);
            }
        }
        _mm256_storeu_si256(out.add(at - start) as *mut __m256i, outv);
        let mut mask = _mm256_movemask_epi8(bad) as u32;
        // Position 0: the byte before it in the output may differ from the input.
        if t.single_space_kept && b[at] == b' ' && !matches!(prev_byte, Some(c) if c != b' ' && c != b'\n') {
            mask |= 1;
        }
        if mask != 0 {
            return at + mask.trailing_zeros() as usize - start;
        }
        // The whole block is kept; stop before a code point cut by the block's end.
        at += if (b[at + 32] & 0xC0) == 0x80 { 31 } else { 32 };
        prev_byte = Some(b[at - 1]);
    }
    at - start
}
