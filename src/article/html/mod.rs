//! HTML news pages to the same [`Article`] as plain text ([`parse_html`]).
//!
//! The page is decoded ([`charset`]), parsed by html5ever's spec-compliant tree builder into a
//! flat tree ([`dom`]), and read twice: once for what its markup says about it ([`meta`]:
//! JSON-LD, OpenGraph and `article:*` tags, microdata, `<time>`), once for its visible text
//! ([`visible`]), cut into blocks in reading order. That text is `Article::text`, and every
//! span's offsets point into it.
//!
//! The article's content block is found by scoring blocks the way Arabic prose differs from
//! site furniture ([`content`]); the class, id, role and name of enclosing elements
//! ([`hints`]) take navigation, sidebars, share bars, comments, related and most-read lists,
//! ads and tags out of it. The headline is the visible heading the markup's titles agree with
//! ([`title`]). Inside the content, the plain-text parser's own rules run on the blocks: bylines,
//! date lines and credit lines under the headline (P3), the end of the body and what follows it
//! (P5, P6), also-read lines, ads, captions and source lines between paragraphs (P7), the
//! dateline (P8) and the wire sign-off (P9). What is not article is reported in `boilerplate`
//! with its kind and the rule that removed it (H1-H4 for what the page's structure decided).
//!
//! Metadata wins over visible text in this order: JSON-LD, meta tags, microdata, `<time>`, then
//! dates and bylines seen near the headline. Authors are persons only ([`people`]).
//!
//! Every walk is a loop over the flat tree, so deep nesting cannot overflow the stack, and no
//! step is worse than linear in the page except a bounded look at ancestors; the parser never
//! panics on any input and reports what it could not settle in `warnings`.

pub mod charset;
pub mod content;
pub mod dom;
pub mod hints;
pub mod meta;
pub mod people;
pub mod title;
pub mod visible;

mod assemble;
#[cfg(test)]
mod tests;

use super::schema::{Article, InputFormat, Warning};
use crate::text::count_chars;

/// Parses an HTML page given as text. `url`: the page's address, if known.
///
/// ```
/// let page = "<html><head><title>عنوان الخبر | الموقع</title></head><body>\
///             <nav><a href='/'>الرئيسية</a></nav><h1>عنوان الخبر</h1>\
///             <p>قال الوزير في بيان، اليوم الأحد، إن الحكومة ستعرض الموازنة على البرلمان.</p>\
///             <p>وأضاف أن الإصلاحات، ومنها خفض الدعم، ستبدأ العام المقبل.</p></body></html>";
/// let a = khabar::parse_html(page, None);
/// let text = a.text.as_deref().unwrap_or("");
/// let title = a.title.unwrap();
/// assert_eq!(title.text, "عنوان الخبر");
/// // Offsets are code points into `text`.
/// let cut: String = text.chars().skip(title.start).take(title.end - title.start).collect();
/// assert_eq!(cut, title.text);
/// assert_eq!(a.paragraphs.len(), 2);
/// assert_eq!(a.boilerplate[0].text, "الرئيسية");
/// ```
pub fn parse_html(html: &str, url: Option<&str>) -> Article {
    let mut a = assemble::parse(html, url);
    finish_offsets(&mut a);
    a
}

/// Parses an HTML page given as bytes: decoded by BOM, the page's `<meta charset>`, the
/// `encoding` label (an HTTP header's charset), then detection (see [`charset`]).
pub fn parse_html_bytes(bytes: &[u8], url: Option<&str>, encoding: Option<&str>) -> Article {
    if looks_binary(bytes) {
        let mut a = Article::empty(InputFormat::Html);
        a.text = Some(String::new());
        a.warnings.push(Warning::NotHtml);
        return a;
    }
    let d = charset::decode(bytes, encoding, url);
    let mut a = parse_html(&d.text, url);
    a.input.encoding = Some(d.encoding.name().to_ascii_lowercase());
    if d.had_errors && !a.warnings.contains(&Warning::ReplacementCharacters) {
        a.warnings.push(Warning::ReplacementCharacters);
    }
    a
}

/// Bytes no text encoding makes readable: NUL bytes, or many control bytes, in the first 4 KiB
/// (UTF-16 has a BOM and is decoded).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b)).count();
    head.contains(&0) || controls * 10 > head.len().max(1)
}

/// Byte offsets into `text` to code points, once, as [`super::parse_text`] does.
fn finish_offsets(a: &mut Article) {
    let Some(text) = a.text.take() else { return };
    let (offsets, length) = super::codepoint_offsets(&text, a);
    a.map_offsets(|byte| match offsets.binary_search_by_key(&byte, |&(b, _)| b) {
        Ok(k) => offsets[k].1,
        Err(_) => count_chars(&text.as_bytes()[..byte.min(text.len())]),
    });
    a.input.length = length;
    a.text = Some(text);
}
