//! MinHash signatures: for each of `num_perm` hash functions, the least value it takes over a
//! text's shingles.
//!
//! Hash function `i` maps a shingle's 32-bit fingerprint `x` (the low half of its 64-bit
//! fingerprint) to `h_i(x) = (a_i·x + b_i) mod 2^64`, with `a_i`, `b_i` drawn once from a
//! SplitMix64 stream started at the caller's `seed` (`a_i` odd). Taken on its top 32 bits this
//! is Dietzfelbinger's multiply-add-shift scheme, strongly universal for 32-bit keys; the
//! 64-bit signature keeps all 64 bits. Since dropping low bits keeps order, the 32-bit
//! signature is exactly the top half of the 64-bit one.
//!
//! Only integer arithmetic, fixed parameters and a fixed row-by-row order: a signature depends
//! on nothing but the text and the options, on every machine and thread count. A text without
//! shingles has every value at the maximum.
//!
//! Speed: the hash functions are taken [`LANES`] at a time, with the part of the signature
//! they fill and their parameters kept in registers while all of a text's shingles go by
//! (`a_i·x` is one 32×32→64 multiply of `a_i`'s low half and one 32-bit multiply of its high
//! half). The loop is written so the compiler vectorizes it; on x86-64 it is also compiled for
//! AVX2 and chosen at run time, and both versions give the same bits (tested).

/// Hash functions handled together (two AVX2 registers of 32-bit values).
pub const LANES: usize = 16;

/// The hash functions of one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinHasher {
    num_perm: usize,
    seed: u64,
    /// Parameters padded to a whole number of blocks of [`LANES`].
    a_lo: Vec<u32>,
    a_hi: Vec<u32>,
    b: Vec<u64>,
}

/// SplitMix64: the parameter stream (a fixed, published generator).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl MinHasher {
    /// `num_perm` hash functions (at least 1) drawn from `seed`.
    pub fn new(num_perm: usize, seed: u64) -> Self {
        let num_perm = num_perm.max(1);
        let padded = num_perm.div_ceil(LANES) * LANES;
        let mut state = seed;
        let (mut a_lo, mut a_hi, mut b) = (Vec::with_capacity(padded), Vec::with_capacity(padded), Vec::with_capacity(padded));
        for _ in 0..padded {
            let a = splitmix64(&mut state) | 1;
            a_lo.push(a as u32);
            a_hi.push((a >> 32) as u32);
            b.push(splitmix64(&mut state));
        }
        MinHasher { num_perm, seed, a_lo, a_hi, b }
    }

    /// Values per signature.
    pub fn num_perm(&self) -> usize {
        self.num_perm
    }

    /// The seed the parameters were drawn from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Hash function `i` at `x` (the reference the vectorized loops are tested against).
    pub fn hash(&self, i: usize, x: u32) -> u64 {
        let a = u64::from(self.a_hi[i]) << 32 | u64::from(self.a_lo[i]);
        a.wrapping_mul(u64::from(x)).wrapping_add(self.b[i])
    }

    /// The 32-bit signature of the shingle fingerprints `shingles` into `out` (`num_perm`
    /// values).
    pub fn signature32(&self, shingles: &[u32], out: &mut [u32]) {
        self.run(shingles, out, kernels::block32, kernels::block32_avx2);
    }

    /// The 64-bit signature of the shingle fingerprints `shingles` into `out`.
    pub fn signature64(&self, shingles: &[u32], out: &mut [u64]) {
        self.run(shingles, out, kernels::block64, kernels::block64_avx2);
    }

    fn run<T: Copy + Default>(
        &self,
        shingles: &[u32],
        out: &mut [T],
        portable: kernels::Block<T>,
        #[allow(unused_variables)] avx2: kernels::Block<T>,
    ) {
        debug_assert_eq!(out.len(), self.num_perm);
        #[cfg(target_arch = "x86_64")]
        let block = if kernels::has_avx2() { avx2 } else { portable };
        #[cfg(not(target_arch = "x86_64"))]
        let block = portable;
        let mut lanes = [T::default(); LANES];
        for (k, part) in out.chunks_mut(LANES).enumerate() {
            let at = k * LANES;
            let params = kernels::Params {
                a_lo: self.a_lo[at..at + LANES].try_into().expect("padded"),
                a_hi: self.a_hi[at..at + LANES].try_into().expect("padded"),
                b: self.b[at..at + LANES].try_into().expect("padded"),
            };
            block(&params, shingles, &mut lanes);
            part.copy_from_slice(&lanes[..part.len()]);
        }
    }
}

/// The share of equal values in two signatures: the estimate of their texts' Jaccard
/// similarity (standard error about `sqrt(J(1 - J) / num_perm)`).
pub fn estimate<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

mod kernels {
    //! One block of [`LANES`] hash functions over every shingle of a text.

    use super::LANES;

    pub struct Params<'p> {
        pub a_lo: &'p [u32; LANES],
        pub a_hi: &'p [u32; LANES],
        pub b: &'p [u64; LANES],
    }

    pub type Block<T> = fn(&Params<'_>, &[u32], &mut [T; LANES]);

    #[inline(always)]
    fn body32(p: &Params<'_>, xs: &[u32], out: &mut [u32; LANES]) {
        let (a_lo, a_hi, b) = (*p.a_lo, *p.a_hi, *p.b);
        let mut acc = [u32::MAX; LANES];
        for &x in xs {
            for i in 0..LANES {
                // Top half of a·x + b (mod 2^64): the low 32 bits of a contribute through a
                // full product, the high 32 bits only through the low half of theirs.
                let low = u64::from(a_lo[i]) * u64::from(x);
                let h = ((low.wrapping_add(b[i]) >> 32) as u32).wrapping_add(a_hi[i].wrapping_mul(x));
                acc[i] = acc[i].min(h);
            }
        }
        *out = acc;
    }

    #[inline(always)]
    fn body64(p: &Params<'_>, xs: &[u32], out: &mut [u64; LANES]) {
        let (a_lo, a_hi, b) = (*p.a_lo, *p.a_hi, *p.b);
        let mut acc = [u64::MAX; LANES];
        for &x in xs {
            for i in 0..LANES {
                let low = u64::from(a_lo[i]) * u64::from(x);
                let high = u64::from(a_hi[i].wrapping_mul(x)) << 32;
                acc[i] = acc[i].min(low.wrapping_add(b[i]).wrapping_add(high));
            }
        }
        *out = acc;
    }

    pub fn block32(p: &Params<'_>, xs: &[u32], out: &mut [u32; LANES]) {
        body32(p, xs, out)
    }

    pub fn block64(p: &Params<'_>, xs: &[u32], out: &mut [u64; LANES]) {
        body64(p, xs, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn block32_avx2_impl(p: &Params<'_>, xs: &[u32], out: &mut [u32; LANES]) {
        body32(p, xs, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn block64_avx2_impl(p: &Params<'_>, xs: &[u32], out: &mut [u64; LANES]) {
        body64(p, xs, out)
    }

    #[cfg(target_arch = "x86_64")]
    pub fn block32_avx2(p: &Params<'_>, xs: &[u32], out: &mut [u32; LANES]) {
        assert!(has_avx2());
        // SAFETY: the CPU runs AVX2 (checked above).
        unsafe { block32_avx2_impl(p, xs, out) }
    }

    #[cfg(target_arch = "x86_64")]
    pub fn block64_avx2(p: &Params<'_>, xs: &[u32], out: &mut [u64; LANES]) {
        assert!(has_avx2());
        // SAFETY: the CPU runs AVX2 (checked above).
        unsafe { block64_avx2_impl(p, xs, out) }
    }

    #[cfg(not(target_arch = "x86_64"))]
    pub use {block32 as block32_avx2, block64 as block64_avx2};

    #[cfg(target_arch = "x86_64")]
    pub fn has_avx2() -> bool {
        std::arch::is_x86_feature_detected!("avx2")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xs(n: u32) -> Vec<u32> {
        (0..n).map(|i| i.wrapping_mul(0x9E37_79B9).rotate_left(7) ^ 0x5bd1_e995).collect()
    }

    /// The signature straight from the definition.
    fn reference(m: &MinHasher, shingles: &[u32]) -> Vec<u64> {
        (0..m.num_perm()).map(|i| shingles.iter().map(|&x| m.hash(i, x)).min().unwrap_or(u64::MAX)).collect()
    }

    #[test]
    fn signatures_follow_the_definition_on_every_code_path() {
        for num_perm in [1, 15, 16, 17, 128, 200] {
            let m = MinHasher::new(num_perm, 42);
            for n in [0, 1, 2, 37, 500] {
                let shingles = xs(n);
                let want = reference(&m, &shingles);
                let mut s64 = vec![0u64; num_perm];
                m.signature64(&shingles, &mut s64);
                assert_eq!(s64, want, "64-bit, {num_perm} perms, {n} shingles");
                let mut s32 = vec![0u32; num_perm];
                m.signature32(&shingles, &mut s32);
                let top: Vec<u32> = want.iter().map(|v| (v >> 32) as u32).collect();
                assert_eq!(s32, top, "32-bit, {num_perm} perms, {n} shingles");
                // The portable loop gives the same bits as the one chosen at run time.
                let mut portable = vec![0u32; num_perm];
                m.run(&shingles, &mut portable, kernels::block32, kernels::block32);
                assert_eq!(portable, s32);
            }
        }
    }

    #[test]
    fn parameters_are_fixed_by_the_seed() {
        assert_eq!(MinHasher::new(64, 7), MinHasher::new(64, 7));
        assert_ne!(MinHasher::new(64, 7), MinHasher::new(64, 8));
        // A change here changes every signature ever computed: bump it only on purpose.
        let m = MinHasher::new(2, 0);
        assert_eq!(m.hash(0, 1), (splitmix64(&mut 0) | 1).wrapping_add({
            let mut s = 0;
            splitmix64(&mut s);
            splitmix64(&mut s)
        }));
        assert!(m.a_lo.iter().all(|a| a & 1 == 1));
    }

    #[test]
    fn estimates_track_jaccard() {
        // Two sets of 1000 items sharing 600: Jaccard 600 / 1400.
        let all = xs(1_400);
        let (a, b) = (&all[..1_000], &all[400..]);
        let m = MinHasher::new(512, 1);
        let (mut sa, mut sb) = (vec![0u32; 512], vec![0u32; 512]);
        m.signature32(a, &mut sa);
        m.signature32(b, &mut sb);
        let e = estimate(&sa, &sb);
        // Standard error sqrt(J(1 - J) / 512) = 0.022: three of them.
        assert!((e - 600.0 / 1400.0).abs() < 0.066, "estimate {e}");
        assert_eq!(estimate(&sa, &sa), 1.0);
    }
}
