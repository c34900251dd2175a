//! Folders of scraped files: one row per file, the path relative to the folder as its id.
//!
//! The folder is walked recursively (hidden files and folders skipped), filtered by a glob
//! matched against the relative path (`*` also crosses `/`, so `*.txt` finds every `.txt`;
//! without a glob: `.txt`, `.text`, `.html`, `.htm`), and sorted, so ids come in a stable
//! order. A chunk of files is read and decoded in parallel. HTML becomes its visible text
//! ([`html_to_text`]) unless [`Html::Raw`] is asked for. A file that cannot be read or decoded
//! is a row error; an empty file is a row with empty text. A single document (a file, or any
//! byte source) is read the same way, as a one-row corpus.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;

use super::decode::{decode_file, is_html};
use super::{display_name, rows_to_batch, Batches, CorpusError, Html, OnError, Progress, ReadOptions, Row};
use crate::batch::try_par_map;
use crate::text::spaces::NBSP;
use crate::text::{is_whitespace, ZWJ, ZWNJ};

const DEFAULT_EXTENSIONS: [&str; 4] = ["txt", "text", "html", "htm"];

fn walk(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> Result<(), CorpusError> {
    let entries = std::fs::read_dir(dir).map_err(|e| CorpusError::io(dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| CorpusError::io(dir, &e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows symbolic links, like the file manager a user checks the folder with.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(_) => {
                out.push((path, 0));
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, out)?;
        } else if meta.is_file() {
            out.push((path, meta.len()));
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The text of one document named `name`: decoded, and for HTML its visible text unless the
/// options ask for the markup.
fn document_text(bytes: &[u8], name: &Path, opts: &ReadOptions, forced: Option<&'static Encoding>) -> Result<String, CorpusError> {
    let d = decode_file(bytes, name, forced)?;
    Ok(if is_html(name) && opts.html == Html::Text { html_to_text(&d.text) } else { d.text })
}

/// The row of one document (`Err` only in raise mode).
fn document_row(id: String, text: Result<String, CorpusError>, opts: &ReadOptions) -> Result<Row, CorpusError> {
    match text {
        Ok(text) => Ok(Row { id, text: Some(text), error: None }),
        Err(e) if opts.on_error == OnError::Mark => Ok(Row { id, text: None, error: Some(e.message) }),
        Err(e) => Err(e),
    }
}

/// Read and decode one file of a folder into a row (`Err` only in raise mode).
fn read_one(id: String, path: &Path, opts: &ReadOptions, forced: Option<&'static Encoding>) -> Result<Row, CorpusError> {
    let text = std::fs::read(path)
        .map_err(|e| CorpusError::io(path, &e))
        .and_then(|bytes| document_text(&bytes, path, opts, forced));
    document_row(id, text, opts)
}

struct FolderReader {
    root: PathBuf,
    files: Vec<(PathBuf, u64)>,
    next: usize,
    opts: ReadOptions,
    forced: Option<&'static Encoding>,
    failed: bool,
    progress: Arc<Progress>,
}

impl Iterator for FolderReader {
    type Item = Result<arrow_array::RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.next >= self.files.len() {
            return None;
        }
        let start = self.next;
        let mut bytes = 0u64;
        while self.next < self.files.len()
            && self.next - start < self.opts.chunk_rows
            && (bytes as usize) < self.opts.chunk_bytes
        {
            bytes += self.files[self.next].1;
            self.next += 1;
        }
        let chunk = &self.files[start..self.next];
        let (root, opts, forced) = (&self.root, &self.opts, self.forced);
        let one = |(p, _): &(PathBuf, u64)| read_one(relative(root, p), p, opts, forced);
        let rows = try_par_map(chunk, 1, one);
        self.progress.add(bytes, chunk.len() as u64);
        match rows {
            Ok(rows) => Some(Ok(rows_to_batch(&rows))),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Open a folder: list, filter and sort its files.
pub(crate) fn open_folder(
    root: &Path,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Result<(Batches, u64), CorpusError> {
    let mut files = Vec::new();
    walk(root, &mut files)?;
    let pattern = match &opts.glob {
        Some(g) => Some(
            glob::Pattern::new(g)
                .map_err(|e| CorpusError::new("", format!("invalid glob {g:?}: {e}")))?,
        ),
        None => None,
    };
    files.retain(|(p, _)| match &pattern {
        Some(pat) => pat.matches(&relative(root, p)),
        None => p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
    });
    if files.is_empty() {
        let what = opts.glob.as_deref().unwrap_or("*.txt, *.text, *.html or *.htm");
        return Err(CorpusError::new(root, format!("no files matching {what} in this folder")));
    }
    files.sort();
    let total = files.iter().map(|f| f.1).sum();
    let reader = FolderReader {
        root: root.to_path_buf(),
        files,
        next: 0,
        opts: opts.clone(),
        forced,
        failed: false,
        progress,
    };
    Ok((Box::new(reader), total))
}

/// A one-row corpus: one text or HTML document read from any byte source.
struct DocumentReader {
    source: Option<Box<dyn Read + Send>>,
    name: PathBuf,
    opts: ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
}

impl Iterator for DocumentReader {
    type Item = Result<arrow_array::RecordBatch, CorpusError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut source = self.source.take()?;
        let mut bytes = Vec::new();
        let name = self.name.as_path();
        let text = source
            .read_to_end(&mut bytes)
            .map_err(|e| CorpusError::io(name, &e))
            .and_then(|_| document_text(&bytes, name, &self.opts, self.forced));
        self.progress.add(bytes.len() as u64, 1);
        Some(document_row(display_name(name), text, &self.opts).map(|row| rows_to_batch(&[row])))
    }
}

/// Read one text or HTML document (HTML by the extension of `name`) as a one-row corpus, its
/// file name as the id.
pub(crate) fn open_document(
    source: impl Read + Send + 'static,
    name: &Path,
    opts: &ReadOptions,
    forced: Option<&'static Encoding>,
    progress: Arc<Progress>,
) -> Batches {
    Box::new(DocumentReader {
        source: Some(Box::new(source)),
        name: name.to_path_buf(),
        opts: opts.clone(),
        forced,
        progress,
    })
}

/// Elements whose content is never visible text.
const SKIP: [&str; 8] = ["script", "style", "noscript", "template", "svg", "head", "title", "iframe"];
/// Elements that start a paragraph (a blank line before and after).
const BLOCK: [&str; 20] = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote", "figure",
    "table", "ul", "ol", "header", "footer", "aside", "nav", "main",
];
/// Elements that start a line.
const LINE: [&str; 8] = ["br", "li", "tr", "dt", "dd", "figcaption", "hr", "pre"];

/// The visible text of an HTML document: tags dropped, `script`/`style`/`head` content
/// dropped, entities decoded, whitespace collapsed as a browser does, block elements on lines
/// of their own with a blank line between paragraphs (as the plain-text parser expects).
///
/// ```
/// let t = khabar::corpus::html_to_text(
///     "<html><head><title>x</title></head><body><h1>عنوان</h1><p>نص &amp; <b>خبر</b></p></body></html>");
/// assert_eq!(t, "عنوان\n\nنص & خبر");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip_until: Option<String> = None;
    let mut rest = html;
    let mut pending_space = false;
    let push_break = |out: &mut String, n: usize| {
        while out.ends_with(' ') {
            out.pop();
        }
        if out.is_empty() {
            return;
        }
        let have = out.len() - out.trim_end_matches('\n').len();
        for _ in have..n {
            out.push('\n');
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                push_text(&mut out, rest, &mut pending_space);
            }
            break;
        };
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt], &mut pending_space);
        }
        rest = &rest[lt..];
        if let Some(body) = rest.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |e| &body[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(until) = &skip_until {
            if closing && &name == until {
                skip_until = None;
            }
            continue;
        }
        if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
            skip_until = Some(name);
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            push_break(&mut out, 2);
            pending_space = false;
        } else if LINE.contains(&name.as_str()) {
            push_break(&mut out, 1);
            pending_space = false;
        }
    }
    let trimmed = out.trim_end();
    trimmed.to_string()
}

fn push_text(out: &mut String, text: &str, pending_space: &mut bool) {
    let decoded = decode_entities(text);
    for c in decoded.chars() {
        // White space collapses as a browser collapses it; a no-break space stays.
        if is_whitespace(c) && c != NBSP {
            *pending_space = true;
            continue;
        }
        if *pending_space && !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    }
}

fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || is_whitespace(c)).map(|i| i + 1);
        let decoded = match end {
            Some(e) if rest.as_bytes()[e] == b';' => entity(&rest[1..e]).map(|c| (c, e + 1)),
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => NBSP,
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "zwnj" => ZWNJ,
        "zwj" => ZWJ,
        "rlm" => '\u{200f}',
        "lrm" => '\u{200e}',
        _ => return None,
    })
}
