//! The JSONL reader on any bytes, through `corpus::read` (the path reader is the same code on
//! a file). The first byte picks the options: raise or mark, rows per chunk, an id column, an
//! encoding named or not.
//!
//! Invariants: no panic; only an empty input fails to open; every reader invariant of
//! `khabar_fuzz::drain`; in mark mode one row per non-blank line, in order, a line that is not
//! UTF-8 (read as UTF-8: by BOM, by name or by default) is a row error naming the file and the
//! bad byte, and a row read without error holds the text JSON gives it (unless another key holds
//! an escaped lone surrogate or a number too large for a float, which the reader skips); in raise
//! mode fewer rows than lines when it stops.
#![no_main]

use std::io::Cursor;

use khabar::corpus::{read, InputFormat, OnError};
use khabar_fuzz::{check_errors, drain, forced, read_options, stream_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let opts = read_options(pick);
    let corpus = match read(Cursor::new(bytes.to_vec()), "f.jsonl", InputFormat::Jsonl, &opts) {
        Ok(c) => c,
        Err(e) => {
            assert!(bytes.is_empty(), "opening failed: {e}");
            return;
        }
    };
    let (rows, error) = drain(corpus);
    check_errors(&opts, &rows, &error);
    let text = stream_text(bytes, forced(&opts), true).expect("JSONL is never guessed");
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).collect();
    if let Some(e) = &error {
        assert!(rows.len() < lines.len() || lines.is_empty(), "stopped after every line: {e}");
        return;
    }
    assert_eq!(rows.len(), lines.len(), "one row per non-blank line");
    if opts.on_error == OnError::Raise {
        return;
    }
    // Lines are checked as UTF-8 when the stream is not decoded: UTF-8 by BOM, name or default.
    let chosen = encoding_rs::Encoding::for_bom(bytes).map(|b| b.0).or(forced(&opts));
    let raw_utf8 = chosen.is_none_or(|e| e == encoding_rs::UTF_8);
    for (row, line) in rows.iter().zip(&lines) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Ok(line) = std::str::from_utf8(line) else {
            let e = row.2.as_deref().expect("a line that is not UTF-8 is a row error");
            assert!(raw_utf8 && e.starts_with("f.jsonl: not valid UTF-8 (byte"), "{e}");
            continue;
        };
        if row.2.is_some() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            // JSON's grammar allows an escaped lone surrogate (`"\uDDDD"`, `"\uDAE2"`: serde_json
            // calls the last "unexpected end of hex escape") and a number of any size
            // (`1e999`): serde_json refuses to build such values, the reader skips them under
            // keys it does not read (its text was read, so it is not there).
            Err(e) if skipped_value(&e.to_string(), line) => continue,
            Err(e) => panic!("a row read without error is JSON: {e}"),
        };
        let text = value.get(&opts.text_column).expect("a row read without error has the text key");
        assert_eq!(text.as_str(), row.1.as_deref(), "text of {line:?}");
    }
});

/// Whether serde_json's error `e` on `line` is about a value JSON's grammar allows but no
/// `serde_json::Value` can hold.
fn skipped_value(e: &str, line: &str) -> bool {
    let surrogate_escape = line.to_ascii_lowercase().contains("\\ud");
    e.contains("surrogate") || e.contains("number out of range") || (e.contains("hex escape") && surrogate_escape)
}
