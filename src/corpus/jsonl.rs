//! JSON lines: one object per line, the text under a key; blank lines are skipped.
//!
//! Lines are gathered serially (a chunk at a time) and decoded in parallel; only the text and
//! id keys are kept, every other value is skipped without being built. The first record must
//! have the text key (else the column name is wrong and reading stops, listing the keys it
//! has); a later record without it, invalid JSON, or a non-string text is a row error.

use std::borrow::Cow;
use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::decode::{open_stream, utf8_error};
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

fn pick(line: &[u8], opts: &ReadOptions) -> Result<Picked, String> {
    let text = std::str::from_utf8(line).map_err(|e| utf8_error(line, e))?;
    let mut de = serde_json::Deserializer::from_str(text);
    let picked = de
        .deserialize_map(Pick { text: &opts.text_column, id: opts.id_column.as_deref() })
        .and_then(|p| de.end().map(|_| p))
        .map_err(|e| format!("invalid JSON record: {e}"))?;
    Ok(picked)
}

/// Turn one line into a row; `Err` only in raise mode.
fn to_row(name: &str, path: &Path, line_no: u64, line: &[u8], opts: &ReadOptions) -> Result<Row, CorpusError> {
    let fallback_id = || format!("{name}:{line_no}");
    let result = pick(line, opts).and_then(|p| match (p.bad_text, p.text) {
        (Some(bad), _) => Err(bad),
        (None, Some(text)) => Ok((p.id, text)),
        (None, None) => Err(format!("no key {:?} in this record", opts.text_column)),
    });
    match result {
        Ok((id, text)) => Ok(Row { id: id.unwrap_or_else(fallback_id), text, error: None }),
        Err(msg) if opts.on_error == OnError::Mark => {
            Ok(Row { id: fallback_id(), text: None, error: Some(msg) })
        }
        Err(msg) => Err(CorpusError::at(path, line_no, msg)),
    }
}

struct JsonlReader {
    path: PathBuf,
    name: String,
    reader: Box<dyn BufRead + Send>,
    opts: ReadOptions,
    line_no: u64,
    first_checked: bool,
    done: bool,
    progress: Arc<Progress>,
}

impl JsonlReader {
    fn next_batch(&mut self) -> Result<Option<arrow_array::RecordBatch>, CorpusError> {
        let mut lines: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut bytes = 0usize;
        while !self.done && lines.len() < self.opts.chunk_rows && bytes < self.opts.chunk_bytes {
            let mut buf = Vec::new();
            let n = self.reader.read_until(b'\n', &mut buf).map_err(|e| CorpusError::io(&self.path, &e))?;
            if n == 0 {
                self.done = true;
                break;
            }
            self.line_no += 1;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += buf.len();
            if !self.first_checked {
                self.first_checked = true;
                if let Ok(p) = pick(&buf, &self.opts) {
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
            lines.push((self.line_no, buf));
        }
        if lines.is_empty() {
            if !self.first_checked {
                self.first_checked = true;
                return Err(CorpusError::new(&self.path, "the file holds no JSON records (only blank lines)"));
            }
            return Ok(None);
        }
        let (name, path, opts) = (&self.name, &self.path, &self.opts);
        let one = |(no, line): &(u64, Vec<u8>)| to_row(name, path, *no, line, opts);
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

/// Open a JSONL file.
pub(crate) fn open(
    path: &Path,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Result<(Batches, u64), CorpusError> {
    let stream = open_stream(path, forced, progress.clone())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let reader = JsonlReader {
        path: path.to_path_buf(),
        name,
        reader: stream.reader,
        opts: opts.clone(),
        line_no: 0,
        first_checked: false,
        done: false,
        progress,
    };
    Ok((Box::new(reader), stream.size))
}
