//! Bytes to text: UTF-8 when the bytes are UTF-8, else the legacy encoding they are in.
//!
//! Order of evidence: a byte-order mark; an encoding forced by the caller; valid UTF-8; an HTML
//! `<meta charset>`; then [`chardetng`]'s guess. A file that is almost all valid UTF-8 with a
//! few broken bytes is *corrupt UTF-8*, not a legacy encoding: it is reported, with the offset
//! of the first bad byte, instead of being decoded into mojibake.

use encoding_rs::{Encoding, UTF_8};
use std::io::{self, Read};

/// Text decoded from a file, with the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (UTF-8; a BOM removed).
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: &'static Encoding,
}

/// Describe the first invalid UTF-8 byte of `bytes` (which must hold one).
pub(crate) fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    match bytes.get(at) {
        Some(b) => format!("not valid UTF-8 (byte 0x{b:02x} at offset {at})"),
        None => format!("not valid UTF-8 (truncated character at offset {at})"),
    }
}

/// Whether invalid bytes are rare among valid non-ASCII characters: corrupt UTF-8, not a
/// legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= 2 * bad
}

/// The encoding an HTML document declares in its first 1024 bytes (`<meta charset=...>` or
/// `content="text/html; charset=..."`).
fn html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Guess the encoding of bytes that are not UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, false)
}

/// Decode a whole file. `forced`: the caller named the encoding; `html`: look for a
/// `<meta charset>`. Errors say why (with the byte offset for corrupt UTF-8).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>, html: bool) -> Result<Decoded, String> {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (Some(enc), &bytes[bom..]),
        None => (forced, bytes),
    };
    let enc = match enc {
        Some(e) => e,
        None => match std::str::from_utf8(body) {
            Ok(s) => return Ok(Decoded { text: s.to_owned(), encoding: UTF_8 }),
            Err(e) => {
                let declared = if html { html_charset(body) } else { None };
                match declared {
                    Some(d) if d != UTF_8 => d,
                    _ if mostly_utf8(body) => return Err(utf8_error(body, e)),
                    _ => guess(body),
                }
            }
        },
    };
    if enc == UTF_8 {
        return std::str::from_utf8(body)
            .map(|s| Decoded { text: s.to_owned(), encoding: UTF_8 })
            .map_err(|e| utf8_error(body, e));
    }
    let (text, _had_errors) = enc.decode_without_bom_handling(body);
    Ok(Decoded { text: text.into_owned(), encoding: enc })
}

/// The encoding of a stream, from its first bytes (`at_eof`: the prefix is the whole file).
/// Returns the encoding and how many BOM bytes to skip.
pub(crate) fn sniff(prefix: &[u8], forced: Option<&'static Encoding>, at_eof: bool) -> (&'static Encoding, usize) {
    if let Some((enc, bom)) = Encoding::for_bom(prefix) {
        return (enc, bom);
    }
    if let Some(enc) = forced {
        return (enc, 0);
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => (UTF_8, 0),
        // A character cut at the end of the prefix is not evidence against UTF-8.
        Err(e) if e.error_len().is_none() && !at_eof => (UTF_8, 0),
        Err(_) if mostly_utf8(prefix) => (UTF_8, 0),
        Err(_) => (guess(prefix), 0),
    }
}

/// A reader that turns bytes in a legacy encoding into UTF-8 as they stream through.
pub(crate) struct DecodingReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_len: usize,
    out: Vec<u8>,
    out_pos: usize,
    done: bool,
}

impl<R: Read> DecodingReader<R> {
    pub(crate) fn new(inner: R, enc: &'static Encoding) -> Self {
        DecodingReader {
            inner,
            decoder: enc.new_decoder_without_bom_handling(),
            raw: vec![0; 64 << 10],
            raw_len: 0,
            out: Vec::with_capacity(192 << 10),
            out_pos: 0,
            done: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() && !self.done {
            let n = self.inner.read(&mut self.raw[self.raw_len..])?;
            self.raw_len += n;
            let last = n == 0;
            let need = self
                .decoder
                .max_utf8_buffer_length(self.raw_len)
                .unwrap_or(self.raw_len * 3 + 16);
            self.out.resize(need, 0);
            let (_, read, written, _) =
                self.decoder.decode_to_utf8(&self.raw[..self.raw_len], &mut self.out, last);
            self.out.truncate(written);
            self.raw.copy_within(read..self.raw_len, 0);
            self.raw_len -= read;
            self.done = last;
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos == self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// Counts the bytes read from the file into the shared progress counters.
struct Counting<R> {
    inner: R,
    progress: std::sync::Arc<super::Progress>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.add(n as u64, 0);
        Ok(n)
    }
}

/// A line-oriented file opened as UTF-8 text: the reader and the file's size.
pub(crate) struct TextStream {
    pub reader: Box<dyn io::BufRead + Send>,
    pub size: u64,
}

/// Open a JSONL or CSV file: sniff its encoding from the first 64 KiB, skip a BOM, and decode
/// a legacy encoding on the fly (UTF-8 passes through as bytes; lines are checked later, so
/// that an error names its line). An empty file is an error.
pub(crate) fn open_stream(
    path: &std::path::Path,
    forced: Option<&'static Encoding>,
    progress: std::sync::Arc<super::Progress>,
) -> Result<TextStream, super::CorpusError> {
    use super::CorpusError;
    let file = std::fs::File::open(path).map_err(|e| CorpusError::io(path, &e))?;
    let size = file.metadata().map_err(|e| CorpusError::io(path, &e))?.len();
    if size == 0 {
        return Err(CorpusError::new(path, "the file is empty"));
    }
    let mut raw = io::BufReader::with_capacity(1 << 20, Counting { inner: file, progress });
    let prefix = io::BufRead::fill_buf(&mut raw).map_err(|e| CorpusError::io(path, &e))?;
    let at_eof = (prefix.len() as u64) >= size;
    let (encoding, bom) = sniff(&prefix[..prefix.len().min(64 << 10)], forced, at_eof && prefix.len() <= 64 << 10);
    io::BufRead::consume(&mut raw, bom);
    let reader: Box<dyn io::BufRead + Send> = if encoding == UTF_8 {
        Box::new(raw)
    } else {
        Box::new(io::BufReader::with_capacity(1 << 20, DecodingReader::new(raw, encoding)))
    };
    Ok(TextStream { reader, size })
}
