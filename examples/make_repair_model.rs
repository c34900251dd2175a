//! Build the repair model shipped in `src/repair/model/` from clean Arabic news text.
//!
//! ```text
//! cargo run --release --example make_repair_model -- ../shared/corpus/news/ant_dev.jsonl
//! ```
//!
//! Reads the ANT corpus (JSONL: `title`, `lead`, `body_paragraphs`; Apache-2.0) and writes
//! `bigrams.txt` (symbol pair counts, see `khabar::repair::symbols`), `words.txt` (the Arabic
//! words seen at least twice, most frequent first, with their counts) and `word_pairs.bin` (the
//! word pairs that can tell apart words a damage chain leaves alike; layout in
//! `khabar::repair::model`). Only counts leave the corpus, never its text.

use khabar::repair::gaps::damaged_key;
use khabar::repair::model::{count_text, write_word_pairs, Counts, MIN_PAIR_COUNT, MIN_WORD_COUNT, WORD_LIST_SIZE};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("path to ant_dev.jsonl");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/repair/model");
    let mut counts = Counts::default();
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
            count_text(t, &mut counts);
        }
    }
    let mut pairs: Vec<_> = counts.symbols.into_iter().collect();
    pairs.sort();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("bigrams.txt"))?);
    for ((a, b), n) in pairs {
        writeln!(f, "{a} {b} {n}")?;
    }

    let mut words: Vec<_> = counts.words.into_iter().filter(|&(_, n)| n >= MIN_WORD_COUNT).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(WORD_LIST_SIZE);
    let mut f = std::io::BufWriter::new(std::fs::File::create(out.join("words.txt"))?);
    for (w, n) in &words {
        writeln!(f, "{w} {n}")?;
    }

    // Ids as the model gives them: line numbers, then the start of a line, then unlisted words.
    let ids: HashMap<&str, u32> = words.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i as u32)).collect();
    let (start, unlisted) = (words.len() as u32, words.len() as u32 + 1);
    let id = |w: &str| if w.is_empty() { start } else { ids.get(w).copied().unwrap_or(unlisted) };
    // Words some chain leaves looking like another listed word: only pairs with one of them
    // can change a decision.
    let mut ambiguous = HashSet::new();
    for strict in [false, true] {
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        for (w, _) in &words {
            by_key.entry(damaged_key(w, strict)).or_default().push(ids[w.as_str()]);
        }
        ambiguous.extend(by_key.into_values().filter(|v| v.len() > 1).flatten());
    }
    let mut unlisted_count = 0;
    let mut by_id: HashMap<(u32, u32), u64> = HashMap::new();
    for ((a, b), n) in counts.word_pairs {
        let (a, b) = (id(&a), id(&b));
        unlisted_count += if b == unlisted { n } else { 0 };
        *by_id.entry((a, b)).or_default() += n;
    }
    let mut kept: Vec<(u32, u32, u64)> = by_id
        .into_iter()
        .filter(|&((a, b), n)| n >= MIN_PAIR_COUNT && (ambiguous.contains(&a) || ambiguous.contains(&b)))
        .map(|((a, b), n)| (a, b, n))
        .collect();
    kept.sort_unstable();
    std::fs::write(out.join("word_pairs.bin"), write_word_pairs(&kept, counts.lines, unlisted_count))?;
    eprintln!("{} words, {} word pairs", words.len(), kept.len());
    Ok(())
}
