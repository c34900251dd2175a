//! JSON lines: one object per line, the text under a key; blank lines are skipped.
//!
//! Lines are gathered serially (a chunk at a time) and decoded in parallel; only the text and
//! id keys are kept, every other value is skipped without being built. The first record must
//! have the text key (else the column name is wrong and reading stops, listing the keys it
//! has); a later record without it, invalid JSON, or a non-string text is a row error.
//!
//! JSON is UTF-8: a line with bytes that are not is a row error naming the file, the line and
//! the byte offset, never a guess at a legacy encoding (a guess would turn one broken byte
//! into a row of mojibake). A file known to be in a legacy encoding is read with that encoding
//! named ([`super::ReadOptions::encoding`]); a BOM is honoured.

use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::decode::{open_stream, DecodeError, Detect};
use super::{rows_to_batch, Batches, CorpusError, OnError, Progress, ReadOptions, Row};
use crate::batch::try_par_map;

/// What one line holds of interest.
#[derive(Default)]
struct Picked {
    /// `None`: no text key; `Some(None)`: null.
    text: Option<Option<String>>,
    /// Why the text value is unusable (a number, a list ...).
    bad_text: Option<String>,
    id: Option<String>,
    keys: Vec<String>,
}

struct Pick<'k> {
    text: &'k str,
    id: Option<&'k str>,
}

impl<'de> Visitor<'de> for Pick<'_> {
    type Value = Picked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Picked, A::Error> {
        let mut out = Picked::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.text {
                let v: serde_json::Value = map.next_value()?;
                out.text = Some(match v {
                    serde_json::Value::String(s) => Some(s),
                    serde_json::Value::Null => None,
                    other => {
                        out.bad_text = Some(format!(
                            "key {:?} holds {}, expected a string or null",
                            self.text,
                            kind(&other)
                        ));
                        None
                    }
                });
            } else if Some(key.as_ref()) == self.id {
                let v: serde_json::Value = map.next_value()?;
                out.id = match v {
                    serde_json::Value::String(s) => Some(s),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                };
            } else {
                map.next_value::<IgnoredAny>()?;
                if out.keys.len() < 20 {
                    out.keys.push(key.into_owned());
                }
            }
        }
        Ok(out)
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
        _ => "a value",
    }
}

fn pick(line: &str, opts: &ReadOptions) -> Result<Picked, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let picked = de
        .deserialize_map(Pick { text: &opts.text_column, id: opts.id_column.as_deref() })
        .and_then(|p| de.end().map(|_| p))
        .map_err(|e| format!("invalid JSON record: {e}"))?;
    Ok(picked)
}

/// One non-blank line: its number, the byte offset of its start in the source, its bytes.
struct Line {
    no: u64,
    offset: usize,
    bytes: Vec<u8>,
}

/// Turn one line into a row; `Err` only in raise mode.
fn to_row(name: &str, path: &Path, line: &Line, opts: &ReadOptions) -> Result<Row, CorpusError> {
    let fallback_id = || format!("{name}:{}", line.no);
    let text = match std::str::from_utf8(&line.bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = DecodeError::utf8(&line.bytes, e, line.offset, line.no, false);
            let why = format!(
                "{bad}; JSON text is UTF-8: name the encoding (encoding=, --encoding) to read a \
                 file in a legacy one"
            );
            return match opts.on_error {
                // The row's error alone must say where: its id may come from elsewhere later.
                OnError::Mark => Ok(Row { id: fallback_id(), text: None, error: Some(format!("{name}: {why}")) }),
                OnError::Raise => Err(CorpusError::at(path, line.no, why)),
            };
        }
    };
    let result = pick(text, opts).and_then(|p| match (p.bad_text, p.text) {
        (Some(bad), _) => Err(bad),
        (None, Some(text)) => Ok((p.id, text)),
        (None, None) => Err(format!("no key {:?} in this record", opts.text_column)),
    });
    match result {
        Ok((id, text)) => Ok(Row { id: id.unwrap_or_else(fallback_id), text, error: None }),
        Err(msg) if opts.on_error == OnError::Mark => {
            Ok(Row { id: fallback_id(), text: None, error: Some(msg) })
        }
        Err(msg) => Err(CorpusError::at(path, line.no, msg)),
    }
}

struct JsonlReader {
    path: PathBuf,
    name: String,
    reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
    line_no: u64,
    /// Bytes of the source consumed so far (BOM included).
    offset: usize,
    first_checked: bool,
    done: bool,
    progress: Arc<Progress>,
}

impl JsonlReader {
    fn next_batch(&mut self) -> Result<Option<arrow_array::RecordBatch>, CorpusError> {
        let mut lines: Vec<Line> = Vec::new();
        let mut bytes = 0usize;
        while !self.done && lines.len() < self.opts.chunk_rows && bytes < self.opts.chunk_bytes {
            let mut buf = Vec::new();
            let n = self.reader.read_until(b'\n', &mut buf).map_err(|e| CorpusError::io(&self.path, &e))?;
            if n == 0 {
                self.done = true;
                break;
            }
            self.line_no += 1;
            let offset = self.offset;
            self.offset += n;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += buf.len();
            if !self.first_checked {
                self.first_checked = true;
                if let Some(p) = std::str::from_utf8(&buf).ok().and_then(|t| pick(t, &self.opts).ok()) {
                    if p.text.is_none() {
                        return Err(CorpusError::at(
                            &self.path,
                            self.line_no,
                            format!(
                                "no text column {:?}: the first record has the keys {:?}; pass \
                                 text_column= (--text-column)",
                                self.opts.text_column, p.keys
                            ),
                        ));
                    }
                }
            }
            lines.push(Line { no: self.line_no, offset, bytes: buf });
        }
        if lines.is_empty() {
            if !self.first_checked {
                self.first_checked = true;
                return Err(CorpusError::new(&self.path, "the file holds no JSON records (only blank lines)"));
            }
            return Ok(None);
        }
        let (name, path, opts) = (&self.name, &self.path, &self.opts);
        let one = |line: &Line| to_row(name, path, line, opts);
        let rows = try_par_map(&lines, 256, one)?;
        self.progress.add(0, rows.len() as u64);
        Ok(Some(rows_to_batch(&rows)))
    }
}

impl Iterator for JsonlReader {
    type Item = Result<arrow_array::RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_batch() {
            Ok(b) => b.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Read JSON lines from `source`; `name` stands for it in ids and errors.
pub(crate) fn open(
    source: impl Read + Send + 'static,
    name: &Path,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Result<Batches, CorpusError> {
    let stream = open_stream(source, name, forced, Detect::Utf8Only, progress.clone())?;
    let reader = JsonlReader {
        path: name.to_path_buf(),
        name: super::display_name(name),
        reader: stream.reader,
        opts: opts.clone(),
        line_no: 0,
        offset: stream.bom,
        first_checked: false,
        done: false,
        progress,
    };
    Ok(Box::new(reader))
}
