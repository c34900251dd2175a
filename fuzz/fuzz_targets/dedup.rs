//! MinHash signatures and near-duplicate clusters over a few rows: the first byte picks the
//! options (shingle size, signature width, text or body, threshold, check), the rest is rows
//! separated by NUL (`\u{1}` alone is a missing row).
//!
//! Invariants: no panic; one cluster id per row, missing exactly for missing rows; every id is
//! the least row of its cluster (at most the row's own number, and its own id); rows with the
//! same text are in one cluster; a row's signature is the same alone and in the batch, and the
//! 32-bit signature is the top half of the 64-bit one; adding punctuation and invisible
//! characters around a text changes neither its exact key nor its signature.
#![no_main]

use khabar::dedup::{near_duplicates, DedupOptions, SketchScratch, Source, Verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let rows: Vec<Option<&str>> = text.split('\0').map(|r| (r != "\u{1}").then_some(r)).take(64).collect();
    let opts = DedupOptions {
        ngram: 1 + usize::from(pick & 3),
        num_perm: [1, 7, 16, 33][usize::from((pick >> 2) & 3)],
        source: if pick & 16 != 0 { Source::Body } else { Source::Text },
        threshold: if pick & 32 != 0 { 0.5 } else { 0.9 },
        ..DedupOptions::default()
    };
    let verify = if pick & 64 != 0 { Verify::Signature } else { Verify::Exact };
    // Built once: a normalizer per comparison made inputs with many equal rows time out.
    let sketcher = opts.sketcher().expect("the search preset builds");
    let index = opts.index().expect("the search preset builds");
    let found = near_duplicates(index, &rows.as_slice(), opts.threshold, verify, pick & 128 != 0);
    let ids = &found.clusters;
    assert_eq!(ids.len(), rows.len());
    for (i, (id, row)) in ids.iter().zip(&rows).enumerate() {
        assert_eq!(id.is_none(), row.is_none(), "row {i}");
        if let Some(id) = id {
            assert!(*id as usize <= i, "row {i} has id {id}");
            assert_eq!(ids[*id as usize], Some(*id), "the id of row {i} is not its own cluster's");
        }
    }
    for (i, a) in rows.iter().enumerate() {
        for (j, b) in rows.iter().enumerate().skip(i + 1) {
            if a.is_some() && a == b && ids[i] != ids[j] {
                // Equal rows without words stay alone; with words they are one cluster.
                let mut sig = vec![0u32; opts.num_perm];
                assert!(sketcher.sketch32(a.unwrap(), &mut SketchScratch::default(), &mut sig).is_none(), "rows {i} and {j} are equal");
            }
        }
    }

    let mut scratch = SketchScratch::default();
    let (mut s32, mut s64, mut framed) = (vec![0u32; opts.num_perm], vec![0u64; opts.num_perm], vec![0u32; opts.num_perm]);
    for row in rows.iter().flatten() {
        let key = sketcher.sketch32(row, &mut scratch, &mut s32);
        assert_eq!(sketcher.sketch64(row, &mut scratch, &mut s64), key);
        assert!(s32.iter().zip(&s64).all(|(a, b)| *a == (b >> 32) as u32));
        if opts.source == Source::Text {
            let wrapped = format!("«\u{200f}{row}\u{200b}» ،");
            assert_eq!(sketcher.sketch32(&wrapped, &mut scratch, &mut framed), key, "{row:?}");
            assert_eq!(framed, s32, "{row:?}");
        }
    }
});
