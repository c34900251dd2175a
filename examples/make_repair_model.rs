//! Build the repair model shipped in `src/repair/model/` from clean Arabic news text.
//!
//! ```text
//! cargo run --release --example make_repair_model -- ../shared/corpus/news/ant_dev.jsonl
//! ```
//!
//! Reads the ANT corpus (JSONL: `title`, `lead`, `body_paragraphs`; Apache-2.0) and writes
//! `bigrams.txt` (symbol pair counts, see `khabar::repair::symbols`) and `words.txt` (the most
//! frequent Arabic words with their counts). Only counts leave the corpus, never its text.

use khabar::repair::model::{count_text, WORD_LIST_SIZE};
use std::collections::HashMap;
use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("path to ant_dev.jsonl");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/repair/model");
    let mut pairs: HashMap<(u16, u16), u64> = HashMap::new();
    let mut words: HashMap<String, u64> = HashMap::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let row: serde_json::Value = serde_json::from_str(&line?).expect("JSON line");
        let mut texts: Vec<&str> = Vec::new();
        for key in ["title", "lead"] {
            texts.extend(row[key].as_str());
        }
        if let Some(ps) = row["body_paragraphs"].as_array() {
            texts.extend(ps.iter().filter_map(|p| p.as_str()));
        }
        for t in texts {
            count_text(t, &mut pairs, &mut words);
        }
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("bigrams.txt"))?);
    for ((a, b), n) in pairs {
        writeln!(f, "{a} {b} {n}")?;
    }
    let mut words: Vec<_> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("words.txt"))?);
    for (w, n) in words.into_iter().take(WORD_LIST_SIZE) {
        writeln!(f, "{w} {n}")?;
    }
    Ok(())
}
