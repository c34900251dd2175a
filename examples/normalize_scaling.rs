//! Where the second thread goes: the normalization kernel alone against the column wrappers,
//! on 1 and 2 threads, no Python:
//!
//!     cargo run --release --features python --example normalize_scaling -- ../shared/corpus/news/saudinewsnet_dev.jsonl
//!
//! (`--features python` brings in mimalloc, the allocator the extension module runs with.)
//! Reads the `content` field of a JSONL file, repeats it to ~80 MB and prints MB/s of the
//! `basic` preset for: the kernel writing into a reused per-thread buffer (the ceiling),
//! `batch::map_in_place` (one contiguous output, what a pyarrow `Array` gets), and
//! `batch::map_to_chunks` (one buffer per chunk, what a `ChunkedArray` gets), next to a
//! memcpy of the same bytes.

use khabar::batch::{map_in_place, map_to_chunks, StringChunk};
use khabar::{NormalizeOptions, Normalizer};
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: normalize_scaling FILE.jsonl");
    let raw = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let docs: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("content").and_then(|c| c.as_str()).map(str::to_string))
        .collect();
    assert!(!docs.is_empty(), "no `content` fields in the file");
    let mut text = Vec::new();
    while text.iter().map(|d: &String| d.len()).sum::<usize>() < 80_000_000 {
        text.extend(docs.iter().cloned());
    }
    let bytes: usize = text.iter().map(|d| d.len()).sum();
    let sizes: Vec<usize> = std::iter::once(0)
        .chain(text.iter().scan(0, |acc, d| {
            *acc += d.len();
            Some(*acc)
        }))
        .collect();
    let span = |s: usize, e: usize| sizes[e] - sizes[s];
    let n = Normalizer::new(NormalizeOptions::preset("basic").expect("known preset"));
    let write = |t: &str, out: &mut Vec<u8>| n.normalize_into(t, out);
    let row = |i: usize| Some(text[i].as_str());
    let best = |f: &dyn Fn()| {
        (0..15)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let mbs = |t: f64| bytes as f64 / t / 1e6;
    let source = vec![1u8; bytes];
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        let kernel = pool.install(|| {
            best(&|| {
                text.par_chunks(text.len().div_ceil(threads * 8)).for_each_init(
                    || Vec::with_capacity(1 << 20),
                    |out, rows| {
                        for d in rows {
                            out.clear();
                            n.normalize_into(d, out);
                        }
                    },
                )
            })
        });
        let in_place = pool.install(|| {
            best(&|| {
                let r: StringChunk<i64> = map_in_place(text.len(), row, write, span).expect("fits");
                std::hint::black_box(r);
            })
        });
        let chunks = pool.install(|| {
            best(&|| {
                let r: Vec<StringChunk<i64>> = map_to_chunks(text.len(), row, write, span).expect("fits");
                std::hint::black_box(r);
            })
        });
        let copy = best(&|| {
            let mut v: Vec<u8> = Vec::with_capacity(bytes);
            v.extend_from_slice(&source);
            std::hint::black_box(v);
        });
        println!(
            "{threads} thread(s): kernel {:>6.0} MB/s | map_in_place {:>6.0} | map_to_chunks {:>6.0} | memcpy {:>6.0}",
            mbs(kernel),
            mbs(in_place),
            mbs(chunks),
            mbs(copy)
        );
    }
}
