//! What the fuzz targets share: reader options drawn from one input byte, the rows of a
//! corpus with the invariants every reader keeps checked on the way, and the text a streaming
//! reader sees (for counting the records it must return).

use arrow_array::cast::AsArray;
use arrow_array::Array;
use encoding_rs::{Encoding, UTF_8};
use khabar::corpus::{Corpus, CorpusError, Html, OnError, ReadOptions};
use khabar::normalize::{NormalizeOptions, Normalizer, RawValue, PRESETS};

/// One row: id, text, error.
pub type Row = (String, Option<String>, Option<String>);

/// Encodings a reader may be told to use (`None`: detect).
const ENCODINGS: [Option<&str>; 8] = [None, None, None, None, Some("windows-1256"), Some("iso-8859-6"), Some("utf-8"), Some("utf-16le")];

/// Reader options from one byte: raise or mark, 1, 2, 3 or many rows a chunk, an id column
/// or not, an encoding named or not, HTML as text or raw.
pub fn read_options(b: u8) -> ReadOptions {
    ReadOptions {
        on_error: if b & 1 == 0 { OnError::Mark } else { OnError::Raise },
        chunk_rows: [1, 2, 3, 50_000][usize::from(b >> 1) & 3],
        id_column: (b & 8 != 0).then(|| "id".to_string()),
        encoding: ENCODINGS[usize::from(b >> 4) & 7].map(str::to_string),
        html: if b & 0x80 == 0 { Html::Text } else { Html::Raw },
        ..ReadOptions::default()
    }
}

/// The encoding `opts` names, if any.
pub fn forced(opts: &ReadOptions) -> Option<&'static Encoding> {
    opts.encoding.as_deref().map(|l| Encoding::for_label(l.as_bytes()).expect("a known label"))
}

/// Every row of a corpus, and the error that ended it (with the number of rows before it).
/// Checks what every reader keeps: the three columns, an id on every row, no text on a row
/// with an error, nothing after an error.
pub fn drain(corpus: Corpus) -> (Vec<Row>, Option<CorpusError>) {
    let mut rows = Vec::new();
    let mut batches = corpus.batches;
    while let Some(item) = batches.next() {
        let batch = match item {
            Ok(b) => b,
            Err(e) => {
                assert!(batches.next().is_none(), "a batch after the error {e}");
                return (rows, Some(e));
            }
        };
        assert_eq!(batch.num_columns(), 3);
        assert!(batch.num_rows() > 0, "an empty batch");
        let ids = batch.column(0).as_string::<i32>();
        let texts = batch.column(1).as_string::<i32>();
        let errors = batch.column(2).as_string::<i32>();
        assert_eq!(ids.null_count(), 0, "a row without an id");
        for i in 0..batch.num_rows() {
            let error = errors.is_valid(i).then(|| errors.value(i).to_string());
            let text = texts.is_valid(i).then(|| texts.value(i).to_string());
            assert!(error.is_none() || text.is_none(), "row {i} has both a text and an error");
            rows.push((ids.value(i).to_string(), text, error));
        }
    }
    (rows, None)
}

/// In mark mode an error ends reading only before the first row (the input as a whole is
/// unusable); in raise mode it may come anywhere, but only for a row that could not be read.
pub fn check_errors(opts: &ReadOptions, rows: &[Row], error: &Option<CorpusError>) {
    if opts.on_error == OnError::Mark {
        if let Some(e) = error {
            assert!(rows.is_empty(), "mark mode stopped after {} rows: {e}", rows.len());
        }
    } else {
        assert!(rows.iter().all(|r| r.2.is_none()), "a row error in raise mode");
    }
}

/// The UTF-8 text a streaming reader (JSONL, CSV) reads from `bytes`, when its encoding does
/// not depend on detection: a BOM's, the named one's, or UTF-8 (`utf8_only`: JSONL; or bytes
/// that are UTF-8). Legacy encodings decode with replacement characters, as the stream does.
pub fn stream_text(bytes: &[u8], forced: Option<&'static Encoding>, utf8_only: bool) -> Option<Vec<u8>> {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None => match forced {
            Some(enc) => (enc, bytes),
            None if utf8_only || std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
            None => return None,
        },
    };
    if enc == UTF_8 {
        return Some(body.to_vec());
    }
    Some(enc.decode_without_bom_handling(body).0.into_owned().into_bytes())
}

/// Normalizers for the text targets: every preset alone (`extra == 0`), and each preset with
/// one of a few rules the presets leave off.
pub fn normalizers() -> Vec<(String, usize, Normalizer)> {
    let extras: [&[(&str, RawValue)]; 8] = [
        &[],
        &[("elongation", RawValue::Int(2))],
        &[("mask_urls", RawValue::Str("token".into())), ("mask_emails", RawValue::Str("remove".into()))],
        &[("mask_hashtags", RawValue::Str("words".into())), ("mask_mentions", RawValue::Str("token".into()))],
        &[("digits", RawValue::Str("ascii".into())), ("ascii_punctuation", RawValue::Bool(true))],
        &[("fold_alef", RawValue::Bool(true)), ("normalize_whitespace", RawValue::Bool(true)), ("keep_newlines", RawValue::Bool(true))],
        &[("final_yeh_to_alef_maqsura", RawValue::Bool(true)), ("fold_hamza_carriers", RawValue::Bool(true))],
        &[("nfkc", RawValue::Bool(true)), ("zwnj", RawValue::Str("delete".into()))],
    ];
    let mut out = Vec::new();
    for (e, extra) in extras.iter().enumerate() {
        for p in PRESETS {
            let mut o = NormalizeOptions::preset(p.name).expect("a preset");
            for (rule, value) in extra.iter() {
                o.set(rule, value.clone()).expect("a valid rule value");
            }
            out.push((format!("{} {extra:?}", p.name), e, Normalizer::new(o)));
        }
    }
    out
}

/// Whether `c` separates words and sentences, as the tokenizer's docs list the spaces: ASCII
/// spaces, NBSP, U+1680, U+2000–U+200F, the line and paragraph separators, U+202F, U+205F,
/// U+2060, U+3000 and the BOM.
pub fn is_documented_space(c: char) -> bool {
    const SPACES: &[(char, char)] = &[
        ('\t', '\r'),
        (' ', ' '),
        ('\u{a0}', '\u{a0}'),
        ('\u{1680}', '\u{1680}'),
        ('\u{2000}', '\u{200f}'),
        ('\u{2028}', '\u{2029}'),
        ('\u{202f}', '\u{202f}'),
        ('\u{205f}', '\u{2060}'),
        ('\u{3000}', '\u{3000}'),
        ('\u{feff}', '\u{feff}'),
    ];
    SPACES.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The code-point offset of every byte offset of `text` that starts a character, and of its
/// end: `cp[byte]`, `usize::MAX` inside a character.
pub fn codepoint_offsets(text: &str) -> Vec<usize> {
    let mut cp = vec![usize::MAX; text.len() + 1];
    for (n, (i, _)) in text.char_indices().enumerate() {
        cp[i] = n;
    }
    cp[text.len()] = text.chars().count();
    cp
}
