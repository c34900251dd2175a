//! The Parquet reader on any bytes, through `corpus::read` (bytes in memory; the path reader
//! is the same code on a file). The first byte picks the options.
//!
//! Invariants: no panic on any bytes (a broken file is an error naming it; the parquet
//! crate's own panics are caught by the reader, see `let_parquet_panics_through`); every reader
//! invariant of `khabar_fuzz::drain`; reading stops early only at the first rows that cannot
//! be decoded, naming that row; a file read to the end gives one row per row its row groups
//! declare.
#![no_main]

use std::collections::HashSet;
use std::io::Cursor;
use std::sync::{Mutex, Once};

use khabar::corpus::{read, InputFormat};
use khabar_fuzz::{check_errors, drain, read_options};
use libfuzzer_sys::fuzz_target;
use parquet::file::reader::{FileReader, SerializedFileReader};

/// The reader catches panics of the parquet crate (some damaged files make it, or the arrow
/// code it calls, panic instead of returning an error) and reports them as the file's error;
/// libFuzzer's panic hook would abort on them first. This hook lets through the panics raised
/// inside the reader's containment (`parquet_file::contained` on the stack), logging each
/// place once for the record; any other panic still aborts.
fn let_parquet_panics_through() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        let seen = Mutex::new(HashSet::new());
        std::panic::set_hook(Box::new(move |info| {
            // Frames print as `khabar::corpus::parquet_file::contained` or, inlined, as
            // `contained<..., khabar::corpus::parquet_file::...>`.
            let stack = std::backtrace::Backtrace::force_capture().to_string();
            if !stack.lines().any(|frame| frame.contains("contained") && frame.contains("parquet_file")) {
                return abort(info);
            }
            let at = info.location().map(|l| l.to_string()).unwrap_or_default();
            if seen.lock().unwrap().insert(at) {
                eprintln!("contained parquet panic: {info}");
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_parquet_panics_through();
    let Some((&pick, bytes)) = data.split_first() else { return };
    let opts = read_options(pick);
    let corpus = match read(Cursor::new(bytes.to_vec()), "f.parquet", InputFormat::Parquet, &opts) {
        Ok(c) => c,
        Err(e) => {
            assert!(e.path.ends_with("f.parquet"), "{e}");
            return;
        }
    };
    let (rows, error) = drain(corpus);
    match &error {
        // Damaged pages (or fewer rows on them than declared) stop the reader where they are,
        // in either mode, naming the first row not read.
        Some(e) if e.line.is_some() => {
            assert_eq!(e.line, Some(rows.len() as u64), "{e}");
            assert!(rows.iter().all(|r| r.2.is_none()), "a Parquet row with an error");
        }
        _ => check_errors(&opts, &rows, &error),
    }
    if error.is_none() {
        let file = SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes)).expect("read once already");
        let declared: i64 = file.metadata().row_groups().iter().map(|g| g.num_rows()).sum();
        assert_eq!(rows.len() as i64, declared, "rows read vs rows declared");
    }
});
