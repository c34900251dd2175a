//! LSH banding: a signature cut into `bands` bands of `rows` values; two texts become a
//! candidate pair when all the values of at least one band agree.
//!
//! Two texts of Jaccard similarity `s` agree on one value with probability `s`, on a whole
//! band with `s^rows`, and share at least one band with
//!
//! ```text
//! P(s) = 1 - (1 - s^rows)^bands
//! ```
//!
//! an S-curve rising around `(1/bands)^(1/rows)`. [`Banding::for_threshold`] picks the pair
//! (`bands`, `rows`) with `bands × rows ≤ num_perm` that minimizes
//! `FALSE_POSITIVE_WEIGHT × FP + FALSE_NEGATIVE_WEIGHT × FN`, where `FP` is the area under
//! `P` below the threshold (pairs that are not duplicates but become candidates) and `FN` the
//! area above `P` from the threshold up (duplicates that never become candidates). Every
//! candidate is checked against the threshold afterwards, so a false positive costs only one
//! comparison while a false negative is a duplicate lost for good: false negatives weigh
//! nine times as much. `docs/dedup.md` tabulates the curve for the common thresholds.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Weight of the false-positive area in the choice of bands.
pub const FALSE_POSITIVE_WEIGHT: f64 = 0.1;
/// Weight of the false-negative area in the choice of bands.
pub const FALSE_NEGATIVE_WEIGHT: f64 = 0.9;

/// How a signature is cut into bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Banding {
    /// Number of bands.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
}

/// Steps of the numeric integration of the curve (midpoint rule; the curve is smooth).
const STEPS: usize = 400;

fn integrate(from: f64, to: f64, f: impl Fn(f64) -> f64) -> f64 {
    let step = (to - from) / STEPS as f64;
    (0..STEPS).map(|i| f(from + (i as f64 + 0.5) * step)).sum::<f64>() * step
}

impl Banding {
    /// The probability that two texts of Jaccard similarity `s` share a band.
    pub fn probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// The false-positive area: `∫ P(s) ds` over `[0, threshold]`.
    pub fn false_positive_area(&self, threshold: f64) -> f64 {
        integrate(0.0, threshold, |s| self.probability(s))
    }

    /// The false-negative area: `∫ 1 - P(s) ds` over `[threshold, 1]`.
    pub fn false_negative_area(&self, threshold: f64) -> f64 {
        integrate(threshold, 1.0, |s| 1.0 - self.probability(s))
    }

    /// The banding for `threshold` (in `(0, 1]`) and `num_perm` values (see the module docs).
    pub fn for_threshold(threshold: f64, num_perm: usize) -> Banding {
        let t = threshold.clamp(f64::MIN_POSITIVE, 1.0);
        let mut best = (f64::INFINITY, Banding { bands: 1, rows: num_perm.max(1) });
        for bands in 1..=num_perm.max(1) {
            for rows in 1..=num_perm / bands {
                let b = Banding { bands, rows };
                let cost = FALSE_POSITIVE_WEIGHT * b.false_positive_area(t) + FALSE_NEGATIVE_WEIGHT * b.false_negative_area(t);
                if cost < best.0 {
                    best = (cost, b);
                }
            }
        }
        best.1
    }

    /// Values of the signature the bands use.
    pub fn width(&self) -> usize {
        self.bands * self.rows
    }

    /// The bucket key of band `band` of `signature`: XXH3-64 of the band's values
    /// (little-endian), seeded with the band's number so that equal values in two different
    /// bands do not meet.
    pub fn key<T: SignatureValue>(&self, signature: &[T], band: usize) -> u64 {
        let values = &signature[band * self.rows..(band + 1) * self.rows];
        let mut bytes = [0u8; 512];
        let size = std::mem::size_of::<T>();
        if values.len() * size <= bytes.len() {
            for (k, v) in values.iter().enumerate() {
                v.put_le(&mut bytes[k * size..(k + 1) * size]);
            }
            return xxh3_64_with_seed(&bytes[..values.len() * size], band as u64);
        }
        let mut long = vec![0u8; values.len() * size];
        for (k, v) in values.iter().enumerate() {
            v.put_le(&mut long[k * size..(k + 1) * size]);
        }
        xxh3_64_with_seed(&long, band as u64)
    }
}

/// A signature value: `u32` or `u64`.
pub trait SignatureValue: Copy + PartialEq + Send + Sync + 'static {
    /// Its largest value (a signature of no shingle).
    const MAX: Self;
    /// Write it little-endian into `out` (its size in bytes).
    fn put_le(self, out: &mut [u8]);
}

impl SignatureValue for u32 {
    const MAX: Self = u32::MAX;
    fn put_le(self, out: &mut [u8]) {
        out.copy_from_slice(&self.to_le_bytes());
    }
}

impl SignatureValue for u64 {
    const MAX: Self = u64::MAX;
    fn put_le(self, out: &mut [u8]) {
        out.copy_from_slice(&self.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_banding_fits_the_signature_and_rises_at_the_threshold() {
        for num_perm in [16, 64, 128, 256] {
            for t in [0.5, 0.7, 0.8, 0.9, 0.95] {
                let b = Banding::for_threshold(t, num_perm);
                assert!(b.width() <= num_perm, "{b:?} for {num_perm}");
                // Duplicates a little above the threshold are nearly always candidates;
                // unrelated texts almost never are, once the signature is long enough for
                // a steep curve (16 values cannot make one: 5 bands of 3 at 0.7).
                assert!(b.probability((t + 0.1).min(1.0)) > 0.9, "{b:?} at {t}");
                let far = if num_perm >= 64 { 0.05 } else { 0.15 };
                assert!(b.probability(t - 0.4) < far, "{b:?} at {t}");
            }
        }
        assert_eq!(Banding::for_threshold(0.8, 128), Banding { bands: 14, rows: 9 });
    }

    #[test]
    fn areas_add_up() {
        let b = Banding { bands: 14, rows: 9 };
        // The two pieces make up the area under P over [0, 1] (up to the midpoint rule's
        // error, which differs between one grid and two).
        let under = b.false_positive_area(0.8) + (0.2 - b.false_negative_area(0.8));
        assert!((under - integrate(0.0, 1.0, |s| b.probability(s))).abs() < 1e-5);
        assert!(b.false_positive_area(0.8) < 0.11 && b.false_negative_area(0.8) < 0.005);
    }

    #[test]
    fn band_keys_see_only_their_band() {
        let b = Banding { bands: 2, rows: 3 };
        let x: [u32; 6] = [1, 2, 3, 4, 5, 6];
        let y: [u32; 6] = [1, 2, 3, 9, 9, 9];
        assert_eq!(b.key(&x, 0), b.key(&y, 0));
        assert_ne!(b.key(&x, 1), b.key(&y, 1));
        // The same values in another band give another key.
        let z: [u32; 6] = [4, 5, 6, 1, 2, 3];
        assert_ne!(b.key(&x, 0), b.key(&z, 1));
        let wide = Banding { bands: 1, rows: 200 };
        assert_eq!(wide.key(&[7u64; 200], 0), wide.key(&[7u64; 200], 0));
    }
}
