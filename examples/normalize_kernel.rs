//! Throughput of the normalization kernel alone, one thread, no Python:
//!
//!     cargo run --release --example normalize_kernel -- ../shared/corpus/news/saudinewsnet_dev.jsonl [preset...]
//!
//! Reads the `content` field of a JSONL file (or a plain text file), repeats it to ~100 MB,
//! and prints MB/s per preset next to a plain `memcpy` of the same bytes.

use khabar::{NormalizeOptions, Normalizer};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: normalize_kernel FILE [preset...]");
    let raw = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let docs: Vec<String> = if path.ends_with(".jsonl") {
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("content").and_then(|c| c.as_str()).map(str::to_string))
            .collect()
    } else {
        vec![raw]
    };
    let mut text = Vec::new();
    while text.iter().map(|d: &String| d.len()).sum::<usize>() < 100_000_000 {
        text.extend(docs.iter().cloned());
    }
    let bytes: usize = text.iter().map(|d| d.len()).sum();
    let presets: Vec<&str> = if args.len() > 2 { args[2..].iter().map(|s| s.as_str()).collect() } else { vec!["basic", "search", "ml_clean"] };
    let mut out = Vec::with_capacity(bytes + 1024);
    let best = |f: &mut dyn FnMut()| {
        (0..5).map(|_| { let t = Instant::now(); f(); t.elapsed().as_secs_f64() }).fold(f64::MAX, f64::min)
    };
    let t = best(&mut || {
        out.clear();
        for d in &text {
            out.extend_from_slice(d.as_bytes());
        }
    });
    println!("memcpy            {:>8.0} MB/s", bytes as f64 / t / 1e6);
    for p in presets {
        let n = Normalizer::new(NormalizeOptions::preset(p).expect("known preset"));
        let t = best(&mut || {
            out.clear();
            for d in &text {
                n.normalize_into(d, &mut out);
            }
        });
        println!("{p:<17} {:>8.0} MB/s", bytes as f64 / t / 1e6);
    }
}
