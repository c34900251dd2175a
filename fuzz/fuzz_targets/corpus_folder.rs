//! The folder reader on files made of any bytes. The input after the first byte (the
//! options) is cut at each 0x1E into the contents of up to eight files with fixed names:
//! text and HTML files the reader takes, in subfolders too, and a hidden file and two other
//! extensions it must leave out.
//!
//! Invariants: no panic; every reader invariant of `khabar_fuzz::drain`; in mark mode one row
//! per file taken, ids the sorted relative paths; a UTF-8 file without a BOM reads as itself
//! (HTML: its visible text, or itself when raw is asked for).
#![no_main]

use std::path::PathBuf;

use khabar::corpus::{html_to_text, open, Html, InputFormat, OnError};
use khabar_fuzz::{check_errors, drain, read_options};
use libfuzzer_sys::fuzz_target;

/// File names, and whether the reader takes the file without a glob.
const FILES: [(&str, bool); 8] = [
    ("a.txt", true),
    ("b/c.html", true),
    ("d.htm", true),
    ("e.text", true),
    ("f/g/h.TXT", true),
    (".hidden.txt", false),
    ("i.md", false),
    ("j.xhtml", false),
];

/// A folder of its own for this process, in memory where the system has a tmpfs.
fn scratch() -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    base.join(format!("khabar-fuzz-folder-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let opts = read_options(pick);
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut taken: Vec<(String, &[u8])> = Vec::new();
    for ((name, takes), content) in FILES.iter().zip(rest.split(|&b| b == 0x1e)) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        if *takes {
            taken.push((name.to_string(), content));
        }
    }
    taken.sort();
    let corpus = match open(&dir, Some(InputFormat::Folder), &opts) {
        Ok(c) => c,
        Err(e) => {
            assert!(taken.is_empty() && e.message.starts_with("no files matching"), "{e}");
            return;
        }
    };
    let (rows, error) = drain(corpus);
    check_errors(&opts, &rows, &error);
    if opts.on_error == OnError::Raise && error.is_some() {
        assert!(rows.len() < taken.len());
        return;
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let want: Vec<&str> = taken.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(ids, want);
    for (row, (name, content)) in rows.iter().zip(&taken) {
        let Ok(text) = std::str::from_utf8(content) else { continue };
        if text.starts_with('\u{feff}') || opts.encoding.is_some() {
            continue;
        }
        let html = name.ends_with(".html") || name.ends_with(".htm");
        let want = if html && opts.html == Html::Text { html_to_text(text) } else { text.to_string() };
        assert_eq!(row.1.as_deref(), Some(want.as_str()), "{name}: {row:?}");
    }
});
