use super::*;
use arrow_array::cast::AsArray;
use arrow_array::Array;
use std::fs;

/// A fresh folder under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("khabar-corpus-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
    fn file(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

type Rows = Vec<(String, Option<String>, Option<String>)>;

fn read_all(path: &Path, opts: &ReadOptions) -> Result<Rows, CorpusError> {
    rows_of(open(path, None, opts)?)
}

fn rows_of(corpus: Corpus) -> Result<Rows, CorpusError> {
    let mut out = Vec::new();
    for b in corpus.batches {
        let b = b?;
        let (ids, texts, errs) = (b.column(0).as_string::<i32>(), b.column(1).as_string::<i32>(), b.column(2).as_string::<i32>());
        for i in 0..b.num_rows() {
            out.push((
                ids.value(i).to_string(),
                texts.is_valid(i).then(|| texts.value(i).to_string()),
                errs.is_valid(i).then(|| errs.value(i).to_string()),
            ));
        }
    }
    Ok(out)
}

fn mark() -> ReadOptions {
    ReadOptions { on_error: OnError::Mark, ..Default::default() }
}

/// "العربية" in windows-1256.
const CP1256: &[u8] = b"\xc7\xe1\xda\xd1\xc8\xed\xc9 \xc7\xe1\xda\xd1\xc8\xed\xc9 \xe6\xc7\xe1\xdf\xca\xc7\xc8";

#[test]
fn decodes_windows_1256() {
    let d = decode(CP1256, None, false).unwrap();
    assert_eq!(d.text, "العربية العربية والكتاب");
    assert_eq!(d.encoding.name(), "windows-1256");
}

#[test]
fn utf8_with_a_broken_byte_is_an_error_not_mojibake() {
    let mut bytes = "نص عربي صحيح بترميز يونيكود".as_bytes().to_vec();
    bytes.insert(5, 0xff);
    let e = decode(&bytes, None, false).unwrap_err();
    assert_eq!((e.offset, e.line, e.byte), (5, 1, Some(0xff)));
    assert_eq!(e.to_string(), "not valid UTF-8 (byte 0xff at offset 5, line 1)");
    // The offset counts a BOM; the line counts the lines before the byte.
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice("سطر أول صحيح\nسطر ثان صحيح\nثالث ".as_bytes());
    let at = bytes.len();
    bytes.extend_from_slice(b"\xd9");
    let e = decode(&bytes, None, false).unwrap_err();
    assert_eq!((e.offset, e.line, e.byte), (at, 3, None), "{e}");
    assert!(e.to_string().contains("ends inside a character"), "{e}");
}

/// "العربية لغة جميلة" in ISO-8859-6.
const ISO_8859_6: &[u8] = b"\xc7\xe4\xd9\xd1\xc8\xea\xc9 \xe4\xda\xc9 \xcc\xe5\xea\xe4\xc9";

#[test]
fn decodes_iso_8859_6_and_reports_its_unassigned_bytes() {
    let d = decode(ISO_8859_6, Some(encoding_rs::ISO_8859_6), false).unwrap();
    assert_eq!(d.text, "العربية لغة جميلة");
    // 0xa1 is not assigned in ISO-8859-6: an error where it is, not a replacement character.
    let mut bytes = b"\xc7\xe4\n".to_vec();
    bytes.extend_from_slice(ISO_8859_6);
    bytes.push(0xa1);
    let e = decode(&bytes, Some(encoding_rs::ISO_8859_6), false).unwrap_err();
    assert_eq!((e.offset, e.line, e.byte), (bytes.len() - 1, 2, Some(0xa1)));
    assert_eq!(e.to_string(), format!("not valid ISO-8859-6 (byte 0xa1 at offset {}, line 2)", bytes.len() - 1));
}

#[test]
fn html_meta_charset_is_honoured() {
    let mut html = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
    html.extend_from_slice(CP1256);
    html.extend_from_slice(b"</p></body></html>");
    let d = decode(&html, None, true).unwrap();
    assert!(d.text.contains("العربية"));
}

#[test]
fn html_to_text_keeps_paragraphs() {
    let t = html_to_text(
        "<html><head><title>t</title><style>p{}</style></head><body>\n<h1> عنوان \n الخبر</h1>\
         <script>var x = '<p>';</script><p>الفقرة&nbsp;الأولى &amp; <b>المزيد</b></p><!-- c --><p>ثانية<br>سطر</p></body></html>",
    );
    assert_eq!(t, "عنوان الخبر\n\nالفقرة\u{a0}الأولى & المزيد\n\nثانية\nسطر");
}

#[test]
fn jsonl_rows_ids_nulls_and_errors() {
    let s = Scratch::new("jsonl");
    let p = s.file(
        "c.jsonl",
        "{\"id\": 7, \"text\": \"أ\"}\n\n{\"text\": null, \"id\": \"b\"}\n{oops\n{\"text\": 3}\n{\"body\": \"x\"}\n{\"text\":\"\\u0628\"}\n"
            .as_bytes(),
    );
    let opts = ReadOptions { id_column: Some("id".into()), ..mark() };
    let rows = read_all(&p, &opts).unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0], ("7".into(), Some("أ".into()), None));
    assert_eq!(rows[1], ("b".into(), None, None));
    assert_eq!(rows[2].0, "c.jsonl:4");
    assert!(rows[2].2.as_ref().unwrap().contains("invalid JSON"));
    assert!(rows[3].2.as_ref().unwrap().contains("holds a number"));
    assert!(rows[4].2.as_ref().unwrap().contains("no key \"text\""));
    assert_eq!(rows[5].1.as_deref(), Some("ب"));
    let e = read_all(&p, &ReadOptions { id_column: Some("id".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.line, Some(4));
    assert!(e.to_string().contains("c.jsonl:4: invalid JSON"), "{e}");
}

#[test]
fn jsonl_lone_surrogate_escapes_are_skipped_elsewhere_and_row_errors_in_the_text() {
    // JSON's grammar allows `"\uDDDD"` (no string can hold it) and `1e999` (no float can).
    // Under a key the reader skips they cost nothing; in the text a lone surrogate is the row's
    // error, never a U+FFFD put in its place.
    let s = Scratch::new("jsonl-surrogate");
    let p = s.file(
        "c.jsonl",
        b"{\"text\": \"\xd9\x86\xd8\xb5\", \"note\": \"\\uDDDD x\", \"n\": 1e999, \"m\": \"x\\uDAE2\"}\n{\"text\": \"a\\uD800b\"}\n{\"text\": \"\\uD83D\\uDE00\"}\n",
    );
    let rows = read_all(&p, &mark()).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].1.as_deref(), rows[0].2.as_deref()), (Some("نص"), None));
    assert_eq!(rows[1].1, None);
    assert!(rows[1].2.as_ref().unwrap().starts_with("invalid JSON record"), "{:?}", rows[1].2);
    assert_eq!(rows[2].1.as_deref(), Some("😀"));
}

#[test]
fn jsonl_wrong_column_empty_file_and_chunks() {
    let s = Scratch::new("jsonl2");
    let p = s.file("a.jsonl", b"{\"body\": \"x\", \"url\": \"u\"}\n");
    let e = read_all(&p, &ReadOptions::default()).unwrap_err();
    assert!(e.message.contains("no text column \"text\"") && e.message.contains("body"), "{e}");
    let empty = s.file("e.jsonl", b"");
    assert!(read_all(&empty, &ReadOptions::default()).unwrap_err().message.contains("empty"));
    let many: String = (0..1000).map(|i| format!("{{\"text\": \"row {i}\"}}\n")).collect();
    let p = s.file("m.jsonl", many.as_bytes());
    let corpus = open(&p, None, &ReadOptions { chunk_rows: 300, ..Default::default() }).unwrap();
    let sizes: Vec<usize> = corpus.batches.map(|b| b.unwrap().num_rows()).collect();
    assert_eq!(sizes, vec![300, 300, 300, 100]);
}

#[test]
fn jsonl_in_windows_1256_is_read_when_named_and_reported_when_not() {
    let s = Scratch::new("jsonl1256");
    let mut bytes = b"{\"text\": \"".to_vec();
    bytes.extend_from_slice(CP1256);
    bytes.extend_from_slice(b"\"}\n");
    let p = s.file("legacy.jsonl", &bytes);
    let named = ReadOptions { encoding: Some("windows-1256".into()), ..Default::default() };
    let rows = read_all(&p, &named).unwrap();
    assert_eq!(rows[0].1.as_deref(), Some("العربية العربية والكتاب"));
    let e = read_all(&p, &ReadOptions::default()).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.starts_with("not valid UTF-8 (byte 0xc7 at offset 10, line 1); JSON text is UTF-8"), "{e}");
}

#[test]
fn jsonl_bytes_that_are_not_utf8_are_row_errors_never_a_guessed_encoding() {
    // Arabic escaped as \uXXXX (what `ensure_ascii` writes) leaves the file ASCII but for one
    // stray byte: a byte-level guess would read the whole file as a legacy encoding.
    let s = Scratch::new("jsonlbad");
    let mut bytes = b"{\"text\": \"\\u0646\\u0635\"}\n{\"text\": \"caf".to_vec();
    let bad_at = bytes.len();
    bytes.extend_from_slice(b"\xe9\"}\n\n{\"text\": \"ok\"}\n");
    let p = s.file("escaped.jsonl", &bytes);
    let rows = read_all(&p, &mark()).unwrap();
    let texts: Vec<Option<&str>> = rows.iter().map(|r| r.1.as_deref()).collect();
    assert_eq!(texts, [Some("نص"), None, Some("ok")]);
    assert_eq!(rows[1].0, "escaped.jsonl:2");
    let err = rows[1].2.as_deref().unwrap();
    assert!(
        err.starts_with(&format!("escaped.jsonl: not valid UTF-8 (byte 0xe9 at offset {bad_at}, line 2)")),
        "{err}"
    );
    assert!(rows[0].2.is_none() && rows[2].2.is_none());
    let e = read_all(&p, &ReadOptions::default()).unwrap_err();
    assert_eq!((e.line, e.path.clone()), (Some(2), p.clone()));
    assert!(e.to_string().contains("escaped.jsonl:2: not valid UTF-8 (byte 0xe9"), "{e}");
    // Named, the legacy encoding is used for every line.
    let latin = ReadOptions { encoding: Some("windows-1252".into()), ..Default::default() };
    assert_eq!(read_all(&p, &latin).unwrap()[1].1.as_deref(), Some("café"));
}

#[test]
fn jsonl_line_ending_inside_a_character_names_the_byte() {
    // The line ends, not the file: the cut character is a bad byte like any other.
    let bytes = b"{\"text\": \"a\"}\xd9\n{\"text\": \"b\"}\n".to_vec();
    let corpus = read(std::io::Cursor::new(bytes), "cut.jsonl", InputFormat::Jsonl, &mark()).unwrap();
    let rows = rows_of(corpus).unwrap();
    assert_eq!(rows[1].1.as_deref(), Some("b"));
    let err = rows[0].2.as_deref().unwrap();
    assert!(err.starts_with("cut.jsonl: not valid UTF-8 (byte 0xd9 at offset 13, line 1)"), "{err}");
}

#[test]
fn jsonl_with_a_bom_counts_offsets_from_the_file_start() {
    let mut bytes = b"\xef\xbb\xbf{\"text\": \"a\"}\n{\"text\": \"\xff\"}\n".to_vec();
    let opts = mark();
    let corpus = read(std::io::Cursor::new(std::mem::take(&mut bytes)), "b.jsonl", InputFormat::Jsonl, &opts).unwrap();
    let batch = corpus.batches.map(Result::unwrap).next().unwrap();
    let errs = batch.column(2).as_string::<i32>();
    assert!(errs.is_null(0));
    assert!(errs.value(1).starts_with("b.jsonl: not valid UTF-8 (byte 0xff at offset 27, line 2)"), "{}", errs.value(1));
}

#[test]
fn read_from_memory_matches_the_file_readers() {
    let s = Scratch::new("memory");
    let cases: [(&str, InputFormat, &[u8]); 5] = [
        ("a.jsonl", InputFormat::Jsonl, "{\"text\": \"أ\"}\n{\"text\": 1}\n".as_bytes()),
        ("a.csv", InputFormat::Csv, "id,text\n1,\"ب\nج\"\n2\n".as_bytes()),
        ("a.tsv", InputFormat::Tsv, "id\ttext\n1\tد, هـ\n2\t\"و\tز\"\n".as_bytes()),
        ("a.txt", InputFormat::File, CP1256),
        ("a.html", InputFormat::File, "<p>ح</p><p>ط</p>".as_bytes()),
    ];
    for (name, format, bytes) in cases {
        let p = s.file(name, bytes);
        let from_file = read_all(&p, &mark()).unwrap();
        let corpus = read(std::io::Cursor::new(bytes.to_vec()), name, format, &mark()).unwrap();
        assert_eq!(corpus.total_bytes, 0);
        let from_memory = rows_of(corpus).unwrap();
        assert_eq!(from_memory, from_file, "{name}");
    }
    let tsv = read_all(&s.0.join("a.tsv"), &mark()).unwrap();
    assert_eq!(tsv[0].1.as_deref(), Some("د, هـ"));
    assert_eq!(tsv[1].1.as_deref(), Some("و\tز"));
    let e = read(std::io::empty(), "x", InputFormat::Folder, &mark()).err().unwrap();
    assert!(e.message.contains("a folder is read from its path"), "{e}");
    let e = read(std::io::empty(), "e.jsonl", InputFormat::Jsonl, &mark()).err().unwrap();
    assert_eq!(e.to_string(), "e.jsonl: the file is empty");
}

#[test]
fn csv_columns_and_bad_rows() {
    let s = Scratch::new("csv");
    let p = s.file("c.csv", "id,text\n1,\"سطر\nثان\"\n2,\n3\n".as_bytes());
    let rows = read_all(&p, &ReadOptions { id_column: Some("id".into()), ..mark() }).unwrap();
    assert_eq!(rows[0], ("1".into(), Some("سطر\nثان".into()), None));
    assert_eq!(rows[1], ("2".into(), Some(String::new()), None));
    assert_eq!(rows[2].0, "c.csv:5");
    assert!(rows[2].2.as_ref().unwrap().contains("too few"));
    let e = read_all(&p, &ReadOptions { text_column: "body".into(), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("no column \"body\"") && e.to_string().contains("\"text\""), "{e}");
}

#[test]
fn folder_recursive_glob_and_unreadable() {
    let s = Scratch::new("folder");
    s.file("b/2.txt", "ثاني".as_bytes());
    s.file("a.txt", "أول".as_bytes());
    s.file("c.html", "<p>ثالث</p>".as_bytes());
    s.file("d.txt", b"");
    s.file("legacy.txt", CP1256);
    s.file(".hidden.txt", b"x");
    s.file("notes.md", b"x");
    let rows = read_all(&s.0, &ReadOptions::default()).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, ["a.txt", "b/2.txt", "c.html", "d.txt", "legacy.txt"]);
    assert_eq!(rows[2].1.as_deref(), Some("ثالث"));
    assert_eq!(rows[3].1.as_deref(), Some(""));
    assert_eq!(rows[4].1.as_deref(), Some("العربية العربية والكتاب"));
    let only = read_all(&s.0, &ReadOptions { glob: Some("b/*.txt".into()), ..Default::default() }).unwrap();
    assert_eq!(only.len(), 1);
    let e = read_all(&s.0, &ReadOptions { glob: Some("*.xml".into()), ..Default::default() }).unwrap_err();
    assert!(e.message.contains("no files matching *.xml"));
    let missing = open(&s.0.join("nope"), None, &ReadOptions::default()).err().unwrap();
    assert!(missing.to_string().ends_with("nope: no such file or folder"), "{missing}");
}

#[test]
fn writers_are_atomic_and_round_trip() {
    let s = Scratch::new("write");
    let src = s.file("in.jsonl", "{\"text\": \"أ\"}\n{\"text\": null}\n".as_bytes());
    for ext in ["parquet", "jsonl"] {
        let out = s.0.join(format!("out.{ext}"));
        let mut w = CorpusWriter::create(&out, None, "zstd").unwrap();
        for b in open(&src, None, &ReadOptions::default()).unwrap().batches {
            w.write(&b.unwrap()).unwrap();
        }
        assert!(!out.exists(), "not in place before finish");
        assert_eq!(w.finish(None).unwrap(), 2);
        assert!(out.exists());
        let back = read_all(&out, &ReadOptions::default()).unwrap();
        assert_eq!(back.iter().map(|r| r.1.clone()).collect::<Vec<_>>(), vec![Some("أ".into()), None]);
    }
    let out = s.0.join("dropped.parquet");
    let w = CorpusWriter::create(&out, None, "snappy").unwrap();
    drop(w);
    let left: Vec<_> = fs::read_dir(&s.0).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().contains("dropped")), "{left:?}");
}

/// Found by fuzzing (corpus_parquet): a file whose embedded Arrow schema (the `ARROW:schema`
/// metadata) is malformed made arrow-ipc panic while the reader opened it. The reader types
/// columns from the Parquet schema and never parses the embedded one; this file's pages are
/// broken too, which is an error naming it.
#[test]
fn parquet_with_a_malformed_arrow_schema_is_an_error_not_a_panic() {
    let bytes = include_bytes!("testdata/malformed-arrow-schema.parquet").to_vec();
    let result = read(std::io::Cursor::new(bytes), "f.parquet", InputFormat::Parquet, &mark()).and_then(rows_of);
    assert_eq!(result.unwrap_err().path, Path::new("f.parquet"));
}

/// Found by fuzzing (corpus_parquet): a footer giving a column chunk a negative offset made the
/// Parquet reader panic ("column start and length should not be negative") on the first batch.
/// Chunks outside the file are now an error when the file is opened.
#[test]
fn parquet_column_chunk_outside_the_file_is_an_error_not_a_panic() {
    let bytes = include_bytes!("testdata/negative-chunk-offset.parquet").to_vec();
    let e = read(std::io::Cursor::new(bytes), "f.parquet", InputFormat::Parquet, &mark()).err().unwrap();
    assert!(e.to_string().starts_with("f.parquet: not a readable Parquet file: row group 0, column "), "{e}");
    assert!(e.message.contains("is not inside the file"), "{e}");
}

/// Found by fuzzing (corpus_parquet): damaged pages on which the parquet crate, or the arrow
/// code it calls, panics instead of returning an error: a dictionary page that claims no
/// values but holds bytes (a division by zero), definition levels running past their page
/// (arrow-buffer's bounds assertion). The reader contains panics of the decoder it calls: the
/// file is an error naming it.
#[test]
fn parquet_decoder_panics_are_the_files_error() {
    for (bytes, panic) in [
        (&include_bytes!("testdata/empty-dictionary-page.parquet")[..], "attempt to divide by zero"),
        (&include_bytes!("testdata/definition-levels-past-the-page.parquet")[..], "offset + len out of bounds"),
    ] {
        let result = read(std::io::Cursor::new(bytes.to_vec()), "f.parquet", InputFormat::Parquet, &mark()).and_then(rows_of);
        let e = result.unwrap_err();
        assert_eq!(e.path, Path::new("f.parquet"));
        assert!(e.message.contains(&format!("the Parquet decoder failed on it: {panic}")), "{e}");
    }
}

/// Found by fuzzing (corpus_parquet): pages holding fewer values than their row group declares
/// (7 rows declared, 2 on the pages) ended the reader early without an error: rows were lost
/// silently. The shortfall is now an error at the first missing row.
#[test]
fn parquet_rows_missing_from_the_pages_are_an_error() {
    let bytes = include_bytes!("testdata/fewer-rows-than-declared.parquet").to_vec();
    let corpus = read(std::io::Cursor::new(bytes), "f.parquet", InputFormat::Parquet, &mark()).unwrap();
    let (mut rows, mut error) = (0, None);
    for batch in corpus.batches {
        match batch {
            Ok(b) => rows += b.num_rows(),
            Err(e) => error = Some(e),
        }
    }
    let e = error.expect("an error for the missing rows");
    assert_eq!((rows, e.line), (2, Some(2)));
    assert_eq!(e.message, "the file declares 7 rows but its pages hold 2");
}
