//! The normalizer's 32-byte block scanner against its scalar loop: for every preset (and each
//! with a few more rules; the first byte picks one), the same input must give the same text,
//! and the same source span for every output character on the offsets path. Inputs shorter
//! than 33 bytes never reach the scanner; the seeds are longer.
#![no_main]

use std::sync::OnceLock;

use khabar::normalize::Normalizer;
use libfuzzer_sys::fuzz_target;

/// Each normalizer with its scalar-only twin.
fn pairs() -> &'static [(String, Normalizer, Normalizer)] {
    static ALL: OnceLock<Vec<(String, Normalizer, Normalizer)>> = OnceLock::new();
    ALL.get_or_init(|| {
        khabar_fuzz::normalizers()
            .into_iter()
            .map(|(name, _, n)| {
                assert!(n.has_block_scanner(), "this CPU cannot run the block scanner: nothing to compare");
                let scalar = n.scalar_only();
                (name, n, scalar)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let all = pairs();
    let (name, blocks, scalar) = &all[usize::from(pick) % all.len()];
    assert_eq!(blocks.normalize(text), scalar.normalize(text), "{name}: blocks vs scalar on {text:?}");
    let (fast, fast_align) = blocks.normalize_with_offsets(text);
    let (slow, slow_align) = scalar.normalize_with_offsets(text);
    assert_eq!(fast, slow, "{name}: offsets path, blocks vs scalar on {text:?}");
    // Compared character by character: the scanner may cut the same map into other runs.
    let sources = |a: &khabar::Alignment| (0..a.len()).map(|i| a.source_of(i)).collect::<Vec<_>>();
    assert_eq!(sources(&fast_align), sources(&slow_align), "{name}: alignment, blocks vs scalar on {text:?}");
});
