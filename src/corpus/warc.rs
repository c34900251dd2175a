//! WARC and WARC.gz crawl files: one row per HTML response record.
//!
//! Records are read one at a time (the `warc` crate; a `.gz` file through a multi-member gzip
//! decoder, as crawls compress each record as its own member), so memory holds one record and
//! one batch, however large the file. Only `response` records whose HTTP payload is HTML (or
//! says nothing about its type) become rows: the id is the record's `WARC-Target-URI`, the text
//! the page decoded as [`crate::article::html::charset`] decodes it, with the HTTP header's
//! charset as the caller's label (a forced encoding wins over it). A chunked or gzip-encoded
//! payload is undone first. With `html="text"` the row holds the visible text; with `"raw"`
//! (what `parse_html` wants) the markup. A record that cannot be read ends the file: a row
//! error in mark mode, an error in raise mode.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;
use warc::{RecordType, WarcHeader, WarcReader};

use super::{rows_to_batch, Batches, CorpusError, Html, OnError, Progress, ReadOptions, Row};

/// Whether `path` names a WARC file (`.warc`, `.warc.gz`, `.arc.gz` is not supported).
pub(crate) fn is_warc(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Opens a WARC stream; `gzip`: the stream is gzip-compressed.
pub(crate) fn open(
    source: impl Read + Send + 'static,
    name: &Path,
    gzip: bool,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Batches {
    let reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(BufReader::new(source))))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, source))
    };
    let records = WarcReader::new(reader).iter_records();
    Box::new(WarcBatches { records: Some(Box::new(records)), name: name.to_path_buf(), opts: opts.clone(), forced, progress, n: 0 })
}

type Records = Box<dyn Iterator<Item = Result<warc::Record<warc::BufferedBody>, warc::Error>> + Send>;

struct WarcBatches {
    records: Option<Records>,
    name: PathBuf,
    opts: ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
    /// Records read so far (names a record without a target URI).
    n: u64,
}

impl Iterator for WarcBatches {
    type Item = Result<arrow_array::RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut rows: Vec<Row> = Vec::new();
        let mut bytes = 0usize;
        while rows.len() < self.opts.chunk_rows && bytes < self.opts.chunk_bytes {
            let Some(records) = self.records.as_mut() else { break };
            let Some(item) = records.next() else {
                self.records = None;
                break;
            };
            self.n += 1;
            match item {
                Ok(record) => {
                    self.progress.add(record.body().len() as u64, 0);
                    if let Some(row) = self.row(&record) {
                        bytes += row.text.as_ref().map_or(0, String::len);
                        rows.push(row);
                    }
                }
                Err(e) => {
                    self.records = None;
                    let err = CorpusError::at(&self.name, self.n, format!("WARC record {} cannot be read: {e}", self.n));
                    if self.opts.on_error == OnError::Raise {
                        return Some(Err(err));
                    }
                    rows.push(Row { id: format!("{}#{}", super::display_name(&self.name), self.n), text: None, error: Some(err.message) });
                }
            }
        }
        if rows.is_empty() {
            return None;
        }
        self.progress.add(0, rows.len() as u64);
        Some(Ok(rows_to_batch(&rows)))
    }
}

impl WarcBatches {
    /// The row of an HTML response record; `None` for any other record.
    fn row(&self, record: &warc::Record<warc::BufferedBody>) -> Option<Row> {
        if *record.warc_type() != RecordType::Response {
            return None;
        }
        let id = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string())
            .unwrap_or_else(|| format!("{}#{}", super::display_name(&self.name), self.n));
        let (headers, body) = split_http(record.body())?;
        let content_type = header(headers, "content-type");
        if content_type.as_deref().is_some_and(|t| !t.to_ascii_lowercase().contains("html")) {
            return None;
        }
        let mut payload = body.to_vec();
        if header(headers, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
            payload = dechunk(&payload);
        }
        if header(headers, "content-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("gzip")) {
            let mut out = Vec::new();
            if flate2::read::MultiGzDecoder::new(payload.as_slice()).read_to_end(&mut out).is_ok() {
                payload = out;
            }
        }
        let label = self.forced.map(|e| e.name().to_string()).or_else(|| content_type.as_deref().and_then(charset_of));
        let d = crate::article::html::charset::decode(&payload, label.as_deref(), Some(&id));
        let text = if self.opts.html == Html::Text { super::html_to_text(&d.text) } else { d.text };
        Some(Row { id, text: Some(text), error: None })
    }
}

/// The HTTP message's header block and its body.
fn split_http(msg: &[u8]) -> Option<(&[u8], &[u8])> {
    if !msg.starts_with(b"HTTP/") {
        return Some((&[], msg));
    }
    let at = msg.windows(4).position(|w| w == b"\r\n\r\n").map(|k| (k, k + 4)).or_else(|| msg.windows(2).position(|w| w == b"\n\n").map(|k| (k, k + 2)))?;
    Some((&msg[..at.0], &msg[at.1..]))
}

/// The value of header `name` (lower case) in an HTTP header block.
fn header(headers: &[u8], name: &str) -> Option<String> {
    String::from_utf8_lossy(headers).lines().skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// The charset of a `Content-Type` value.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// An HTTP chunked body joined; what does not parse is kept as it is.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") else { return body.to_vec() };
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16) else { return body.to_vec() };
        rest = &rest[eol + 2..];
        if size == 0 {
            return out;
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return out;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(uri: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn warc_file(gzip: bool) -> Vec<u8> {
        let page_1256: Vec<u8> = [&b"<html><body><p>"[..], &[0xc7, 0xe1, 0xda, 0xd1, 0xc8, 0xed, 0xc9], b"</p></body></html>"].concat();
        let http1 = [&b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n"[..], &page_1256].concat();
        let http2 = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG".to_vec();
        let http3 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>ab\r\n5\r\nc</p>\r\n0\r\n\r\n".to_vec();
        let members = [record("http://a.sa/1", &http1), record("http://a.sa/2.png", &http2), record("http://a.sa/3", &http3)];
        if !gzip {
            return members.concat();
        }
        let mut out = Vec::new();
        for m in members {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = enc.write_all(&m);
            out.extend(enc.finish().unwrap_or_default());
        }
        out
    }

    #[test]
    fn html_responses_become_rows() {
        for gzip in [false, true] {
            let opts = ReadOptions { html: Html::Raw, ..Default::default() };
            let batches: Vec<_> = open(std::io::Cursor::new(warc_file(gzip)), Path::new("c.warc"), gzip, &opts, None, Arc::default()).collect();
            let batch = batches.into_iter().next().and_then(Result::ok).unwrap_or_else(|| panic!("no batch"));
            let col = |name: &str| {
                let a = batch.column_by_name(name).cloned().unwrap_or_else(|| panic!("{name}"));
                let s = a.as_any().downcast_ref::<arrow_array::StringArray>().map(|s| s.iter().map(|v| v.map(str::to_string)).collect::<Vec<_>>());
                s.unwrap_or_default()
            };
            assert_eq!(col("id"), [Some("http://a.sa/1".to_string()), Some("http://a.sa/3".to_string())], "gzip {gzip}");
            let texts = col("text");
            assert!(texts[0].as_deref().is_some_and(|t| t.contains("العربية")), "{texts:?}");
            assert_eq!(texts[1].as_deref(), Some("<p>abc</p>"));
        }
    }
}
