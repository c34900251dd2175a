//! The CSV and TSV reader on any bytes, through `corpus::read`. The first byte picks the
//! options (raise or mark, rows per chunk, an id column, an encoding named or not); its top
//! bit, CSV or TSV.
//!
//! Invariants: no panic; opening fails only for an empty input or a header without the
//! columns asked for; every reader invariant of `khabar_fuzz::drain`; when the encoding does
//! not depend on detection, one row per record of the header's table, in order (counted by
//! the csv crate on the same text), and a row read without error holds its field.
#![no_main]

use std::io::Cursor;

use khabar::corpus::{read, InputFormat};
use khabar_fuzz::{check_errors, drain, forced, read_options, stream_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let mut opts = read_options(pick);
    // The top bit chose HTML handling, which a table does not use: here it is the delimiter.
    let (format, delimiter, name) =
        if pick & 0x80 == 0 { (InputFormat::Csv, b',', "f.csv") } else { (InputFormat::Tsv, b'\t', "f.tsv") };
    opts.html = khabar::corpus::Html::Text;
    let corpus = match read(Cursor::new(bytes.to_vec()), name, format, &opts) {
        Ok(c) => c,
        Err(e) => {
            assert!(bytes.is_empty() || e.message.contains("column"), "opening failed: {e}");
            return;
        }
    };
    let (rows, error) = drain(corpus);
    check_errors(&opts, &rows, &error);
    let Some(text) = stream_text(bytes, forced(&opts), false) else { return };
    let mut table = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_slice());
    let header = table.byte_headers().expect("the header was read").clone();
    let text_at = header.iter().position(|h| h == opts.text_column.as_bytes()).expect("the text column");
    let records: Vec<csv::ByteRecord> = table.byte_records().map(|r| r.expect("in memory")).collect();
    if let Some(e) = &error {
        assert!(rows.len() < records.len(), "stopped after every record: {e}");
        return;
    }
    assert_eq!(rows.len(), records.len(), "one row per record");
    for (row, rec) in rows.iter().zip(&records) {
        if row.2.is_none() {
            let field = rec.get(text_at).map(|f| std::str::from_utf8(f).expect("a row read without error is UTF-8"));
            assert_eq!(row.1.as_deref(), field, "text of {rec:?}");
        }
    }
});
