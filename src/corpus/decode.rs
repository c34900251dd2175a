//! Bytes to text: UTF-8 when the bytes are UTF-8, else the legacy encoding they are in.
//!
//! Order of evidence: a byte-order mark; an encoding forced by the caller; valid UTF-8; an HTML
//! `<meta charset>`; then [`chardetng`]'s guess. A file that is almost all valid UTF-8 with a
//! few broken bytes is *corrupt UTF-8*, not a legacy encoding: it is reported, with the offset
//! and line of the first bad byte, instead of being decoded into mojibake. So are bytes that
//! are not valid in the legacy encoding chosen (ISO-8859-6 leaves many bytes unassigned):
//! text is never returned with replacement characters standing for what could not be read.
//!
//! JSON is UTF-8 (RFC 8259), so a JSONL stream is never guessed: without a BOM or a forced
//! encoding it is read as UTF-8 and each line that is not is a row error ([`Detect::Utf8Only`]).
//! CSV has no such rule and is sniffed from its first 64 KiB like a document.

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use super::CorpusError;

/// Text decoded from a file, with the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (UTF-8; a BOM removed).
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: &'static Encoding,
}

/// Bytes that are not valid in the encoding they were read as: where the first bad one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding the bytes were read as.
    pub encoding: &'static Encoding,
    /// Byte offset of the first invalid byte (from the start of the input, BOM included).
    pub offset: usize,
    /// 1-based line of that byte.
    pub line: u64,
    /// The byte, or `None` when UTF-8 input ends inside a character.
    pub byte: Option<u8>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, offset, line) = (self.encoding.name(), self.offset, self.line);
        match self.byte {
            Some(b) => write!(f, "not valid {name} (byte 0x{b:02x} at offset {offset}, line {line})"),
            None => write!(f, "not valid {name} (the text ends inside a character at offset {offset}, line {line})"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// The error for `bytes` that are not UTF-8, which start at byte `offset` and line `line`
    /// of the input; `ends_input`: nothing follows them, so a cut character is a truncated
    /// text (else it is a bad byte: a line ends before the character does).
    pub(crate) fn utf8(bytes: &[u8], e: std::str::Utf8Error, offset: usize, line: u64, ends_input: bool) -> Self {
        let at = e.valid_up_to();
        let truncated = e.error_len().is_none() && ends_input;
        DecodeError {
            encoding: UTF_8,
            offset: offset + at,
            line: line + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64,
            byte: if truncated { None } else { bytes.get(at).copied() },
        }
    }
}

/// Describe the first invalid UTF-8 byte of a field or line (which must hold one); offsets
/// count from its start.
pub(crate) fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    match e.error_len().and(bytes.get(at)) {
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

/// Decode `body` (which follows `skipped` bytes of BOM) from a legacy encoding, stopping at
/// the first byte sequence that is not valid in it.
fn decode_legacy(enc: &'static Encoding, body: &[u8], skipped: usize) -> Result<String, DecodeError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() + body.len() / 2 + 16);
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&body[read..], &mut out, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(body.len() - read + 16),
            DecoderResult::Malformed(bad, after) => {
                let end = read - usize::from(after);
                let start = end - usize::from(bad);
                return Err(DecodeError {
                    encoding: enc,
                    offset: skipped + start,
                    line: 1 + out.bytes().filter(|&b| b == b'\n').count() as u64,
                    // The first byte of the bad sequence (a character cut by the end of the
                    // input included: the decoder does not tell the two apart).
                    byte: body.get(start).copied(),
                });
            }
        }
    }
}

/// Decode a whole file. `forced`: the caller named the encoding; `html`: look for a
/// `<meta charset>`. An error says where the first byte that cannot be read is.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>, html: bool) -> Result<Decoded, DecodeError> {
    let (enc, body, skipped) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (Some(enc), &bytes[bom..], bom),
        None => (forced, bytes, 0),
    };
    let enc = match enc {
        Some(e) => e,
        None => match std::str::from_utf8(body) {
            Ok(s) => return Ok(Decoded { text: s.to_owned(), encoding: UTF_8 }),
            Err(e) => {
                let declared = if html { html_charset(body) } else { None };
                match declared {
                    Some(d) if d != UTF_8 => d,
                    _ if mostly_utf8(body) => return Err(DecodeError::utf8(body, e, skipped, 1, true)),
                    _ => guess(body),
                }
            }
        },
    };
    if enc == UTF_8 {
        return std::str::from_utf8(body)
            .map(|s| Decoded { text: s.to_owned(), encoding: UTF_8 })
            .map_err(|e| DecodeError::utf8(body, e, skipped, 1, true));
    }
    decode_legacy(enc, body, skipped).map(|text| Decoded { text, encoding: enc })
}

/// Whether `name` is an HTML file, by its extension.
pub(crate) fn is_html(name: &Path) -> bool {
    matches!(
        name.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("html" | "htm" | "xhtml")
    )
}

/// Decode the bytes of one text or HTML document named `name` (an HTML file's
/// `<meta charset>` is honoured); an error names the file and the line of the first byte
/// that cannot be read. Every reader of whole documents (folders, single files, the command
/// line) decodes through here.
pub fn decode_file(bytes: &[u8], name: &Path, forced: Option<&'static Encoding>) -> Result<Decoded, CorpusError> {
    decode(bytes, forced, is_html(name)).map_err(|e| CorpusError::at(name, e.line, e.to_string()))
}

/// The encoding a WHATWG label names (`None` for no label or `auto`: detect).
pub fn encoding_for_label(label: Option<&str>) -> Result<Option<&'static Encoding>, CorpusError> {
    match label {
        None => Ok(None),
        Some(l) if l.eq_ignore_ascii_case("auto") => Ok(None),
        Some(l) => Encoding::for_label(l.as_bytes()).map(Some).ok_or_else(|| {
            CorpusError::new(
                "",
                format!("unknown encoding {l:?} (expected a WHATWG label such as utf-8 or windows-1256)"),
            )
        }),
    }
}

/// How a stream with neither a BOM nor a forced encoding is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detect {
    /// UTF-8 unless the first bytes are clearly in a legacy encoding (CSV).
    Sniff,
    /// Always UTF-8; bad bytes are errors where they are (JSON).
    Utf8Only,
}

/// The encoding of a stream, from its first bytes (`at_eof`: the prefix is the whole file).
/// Returns the encoding and how many BOM bytes to skip.
fn sniff(prefix: &[u8], forced: Option<&'static Encoding>, at_eof: bool, detect: Detect) -> (&'static Encoding, usize) {
    if let Some((enc, bom)) = Encoding::for_bom(prefix) {
        return (enc, bom);
    }
    if let Some(enc) = forced {
        return (enc, 0);
    }
    if detect == Detect::Utf8Only {
        return (UTF_8, 0);
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

/// Counts the bytes read from the source into the shared progress counters.
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

/// A line-oriented source opened as UTF-8 text.
pub(crate) struct TextStream {
    pub reader: Box<dyn io::BufRead + Send>,
    /// Bytes of BOM skipped before the text (UTF-8 passes through undecoded, so a position
    /// in its text plus this is a position in the source).
    pub bom: usize,
}

/// Open a JSONL or CSV source: sniff its encoding from the first 64 KiB as `detect` says,
/// skip a BOM, and decode a legacy encoding on the fly (UTF-8 passes through as bytes; lines
/// are checked later, so that an error names its line). An empty source is an error.
pub(crate) fn open_stream(
    source: impl Read + Send + 'static,
    name: &Path,
    forced: Option<&'static Encoding>,
    detect: Detect,
    progress: std::sync::Arc<super::Progress>,
) -> Result<TextStream, CorpusError> {
    const SNIFF: usize = 64 << 10;
    let mut source = Counting { inner: source, progress };
    let mut prefix = Vec::with_capacity(SNIFF);
    (&mut source).take(SNIFF as u64).read_to_end(&mut prefix).map_err(|e| CorpusError::io(name, &e))?;
    if prefix.is_empty() {
        return Err(CorpusError::new(name, "the file is empty"));
    }
    let (encoding, bom) = sniff(&prefix, forced, prefix.len() < SNIFF, detect);
    let mut head = io::Cursor::new(prefix);
    head.set_position(bom as u64);
    let body = head.chain(source);
    let reader: Box<dyn io::BufRead + Send> = if encoding == UTF_8 {
        Box::new(io::BufReader::with_capacity(1 << 20, body))
    } else {
        Box::new(io::BufReader::with_capacity(1 << 20, DecodingReader::new(body, encoding)))
    };
    Ok(TextStream { reader, bom })
}
