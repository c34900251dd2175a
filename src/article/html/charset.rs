//! A page's bytes to text, as a crawler must read them.
//!
//! Order of evidence: a byte-order mark; the page's own declaration (`<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">`, looked for in the head); the
//! caller's label (an HTTP header's charset, or what the caller knows); then detection: bytes
//! that are valid UTF-8 are UTF-8, anything else goes to [`chardetng`], told the page's
//! top-level domain when the address is known (it knows windows-1256 and ISO-8859-6).
//!
//! One correction to that order: a page that declares a legacy encoding but whose bytes are
//! valid UTF-8 with non-ASCII characters in them is UTF-8. Scrapers often save pages as UTF-8
//! and keep the old `<meta charset="windows-1256">`; real windows-1256 Arabic text is almost
//! never valid UTF-8, so the bytes are the better witness.
//!
//! Decoding never fails: a byte that is not valid in the chosen encoding becomes U+FFFD, and the
//! parser reports `replacement_characters`.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page the declaration is looked for. The standard's prescan stops at 1024
/// bytes; real pages often put `<meta charset>` after a long run of other head elements, and
/// browsers then reload, so the scan goes further.
const PRESCAN_BYTES: usize = 16 << 10;

/// The page decoded, and the encoding used.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Bytes were not valid in the encoding and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`: BOM, the page's declaration, `label`, then detection (see the module doc).
/// `url` helps detection with its top-level domain.
pub fn decode(bytes: &[u8], label: Option<&str>, url: Option<&str>) -> Decoded {
    let enc = choose(bytes, label, url);
    let (text, encoding, had_errors) = enc.decode(bytes);
    Decoded { text: text.into_owned(), encoding, had_errors }
}

fn choose(bytes: &[u8], label: Option<&str>, url: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let stated = declared(bytes).or_else(|| label.and_then(|l| Encoding::for_label(l.trim().as_bytes())));
    match stated {
        // UTF-16 cannot be declared from inside an ASCII-compatible page (the standard reads
        // such a declaration as UTF-8).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) if e != UTF_8 && utf8 && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if utf8 => UTF_8,
        None => detect(bytes, url),
    }
}

/// Non-ASCII bytes detection looks at. chardetng scores every byte for each of its two dozen
/// candidate encodings, which made it most of the time of parsing a small legacy page; the
/// first few hundred letters of a page's text already tell its script and code page apart (on
/// 2,958 news pages in windows-1256 and ISO-8859-6, 128 non-ASCII bytes told every one right;
/// twice that leaves room for pages whose first words are in another script).
const DETECT_NON_ASCII: usize = 256;

/// chardetng's guess for bytes that are not UTF-8, from [`detection_sample`].
fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(&detection_sample(bytes), true);
    let tld = url.and_then(top_level_domain);
    det.guess(tld.as_deref().map(str::as_bytes), false)
}

/// What detection reads of `bytes`: its words (split at ASCII white space and at `<` and `>`)
/// that hold a non-ASCII byte, one space between them, from the start of the page until they
/// hold [`DETECT_NON_ASCII`] non-ASCII bytes. Markup and ASCII words, which tell nothing of a
/// code page, were most of what detection read; a word is never cut, so neither is a
/// character.
fn detection_sample(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut seen = 0;
    for word in bytes.split(|&b| b.is_ascii_whitespace() || b == b'<' || b == b'>') {
        let high = word.iter().filter(|&&b| b >= 0x80).count();
        if high == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
        seen += high;
        if seen >= DETECT_NON_ASCII {
            break;
        }
    }
    out
}

/// The last label of the host of `url` (`sa` for `https://www.spa.gov.sa/x`), lower case.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(tld)
}

/// The encoding the page declares in a `<meta>` tag of its first [`PRESCAN_BYTES`] bytes.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while let Some(k) = find_ci(&head[at..], b"<meta") {
        let start = at + k + 5;
        let end = head[start..].iter().position(|&b| b == b'>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(enc) = charset_in(tag) {
            return Some(enc);
        }
        at = end;
    }
    None
}

/// The label after `charset=` inside one tag's attributes, if it names an encoding.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let k = find_ci(tag, b"charset")?;
    let rest = &tag[k + 7..];
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let rest = rest.strip_prefix(b"=")?;
    let rest = trim_start(rest);
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Position of `needle` (lower-case ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let k = memchr_ci(&hay[i..hay.len() - needle.len() + 1], first)?;
        let at = i + k;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn memchr_ci(hay: &[u8], lower: u8) -> Option<usize> {
    let upper = lower.to_ascii_uppercase();
    hay.iter().position(|&b| b == lower || b == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC_1256: &[u8] = &[0xc7, 0xe1, 0xda, 0xd1, 0xc8, 0xed, 0xc9]; // العربية

    fn page(meta: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("<html><head>{meta}</head><body><p>").into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"</p></body></html>");
        v
    }

    #[test]
    fn order_of_evidence() {
        // The page's declaration.
        let d = decode(&page("<meta charset=\"windows-1256\">", ARABIC_1256), None, None);
        assert_eq!((d.encoding.name(), d.text.contains("العربية")), ("windows-1256", true));
        let d = decode(
            &page("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">", ARABIC_1256),
            None,
            None,
        );
        assert_eq!(d.encoding.name(), "windows-1256");
        // The caller's label when the page says nothing.
        let d = decode(&page("", ARABIC_1256), Some("iso-8859-6"), None);
        assert_eq!(d.encoding.name(), "ISO-8859-6");
        // Detection.
        let long: Vec<u8> = ARABIC_1256.iter().chain(b" ").cycle().take(400).copied().collect();
        let d = decode(&page("", &long), None, Some("http://www.alriyadh.com.sa/x"));
        assert_eq!(d.encoding.name(), "windows-1256");
        // A BOM beats everything.
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend(page("<meta charset=windows-1256>", "نص".as_bytes()));
        assert_eq!(decode(&bom, None, None).encoding, UTF_8);
    }

    #[test]
    fn utf8_bytes_under_a_legacy_declaration_are_utf8() {
        let d = decode(&page("<meta charset=\"windows-1256\">", "العربية".as_bytes()), None, None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("العربية") && !d.had_errors);
    }

    #[test]
    fn detection_reads_the_start_of_a_long_page_as_the_whole() {
        // Long pages in single-byte code pages: the guess from the sample is the guess from
        // every byte, and right.
        let arabic = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، وقال الوزير إن المشروع سيخدم آلاف المرضى. ";
        let french = "Le ministre a annoncé aujourd'hui l'ouverture d'un hôpital à côté de la forêt, déjà très fréquentée. ";
        let russian = "Министр здравоохранения сегодня объявил об открытии новой больницы в городе. ";
        let cases = [
            (arabic, encoding_rs::WINDOWS_1256),
            (arabic, encoding_rs::ISO_8859_6),
            (french, encoding_rs::WINDOWS_1252),
            (russian, encoding_rs::WINDOWS_1251),
        ];
        for (text, enc) in cases {
            let long = text.repeat(300);
            let (body, _, lossy) = enc.encode(&long);
            assert!(!lossy);
            let page = page("", &body);
            assert!(detection_sample(&page).len() < page.len(), "{}", enc.name());
            let mut whole = chardetng::EncodingDetector::new();
            whole.feed(&page, true);
            let want = whole.guess(None, false);
            assert_eq!(detect(&page, None), want, "{}", enc.name());
            assert_eq!(want, enc, "{}", enc.name());
        }
        // Words with non-ASCII bytes, one space between them.
        assert_eq!(detection_sample(b"<p class=x>abc \xc7\xe1\n\n\xc7d</p>"), b"\xc7\xe1 \xc7d");
        assert!(detection_sample(b"<p>abc</p>").is_empty());
    }

    #[test]
    fn top_level_domains() {
        assert_eq!(top_level_domain("https://www.spa.gov.sa/a?b").as_deref(), Some("sa"));
        assert_eq!(top_level_domain("http://user@x.eg:80/").as_deref(), Some("eg"));
        assert_eq!(top_level_domain("nonsense"), Some("nonsense".to_string()));
        assert_eq!(top_level_domain(""), None);
    }
}
