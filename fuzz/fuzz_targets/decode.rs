//! Bytes to text (`corpus::decode`, `corpus::decode_file`): detection, or an encoding named
//! by the first byte (UTF-8, windows-1256, ISO-8859-6, UTF-16LE, Shift_JIS, ISO-2022-JP), as
//! a document or as HTML.
//!
//! Invariants: no panic; a decoded text is exactly what its encoding reads the bytes as, with
//! no byte replaced; UTF-8 without a BOM decodes as itself when no other encoding is named; a
//! BOM wins over a named encoding; an error points at a byte (or the end) and its line, and
//! for UTF-8 everything before that byte is valid; `decode_file` decides HTML by the name and
//! agrees with `decode`.
#![no_main]

use encoding_rs::{Encoding, ISO_2022_JP, ISO_8859_6, SHIFT_JIS, UTF_16LE, UTF_8, WINDOWS_1256};
use khabar::corpus::{decode, decode_file};
use libfuzzer_sys::fuzz_target;

const NAMED: [Option<&Encoding>; 8] =
    [None, None, Some(UTF_8), Some(WINDOWS_1256), Some(ISO_8859_6), Some(UTF_16LE), Some(SHIFT_JIS), Some(ISO_2022_JP)];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let named = NAMED[usize::from(pick) & 7];
    let html = pick & 8 != 0;
    let bom = Encoding::for_bom(bytes);
    let skipped = bom.map_or(0, |b| b.1);
    let result = decode(bytes, named, html);
    match &result {
        Ok(d) => {
            if let Some((enc, _)) = bom {
                assert_eq!(d.encoding, enc, "a BOM wins");
            } else if let Some(enc) = named {
                assert_eq!(d.encoding, enc, "the named encoding is used");
            }
            let exact = d.encoding.decode_without_bom_handling_and_without_replacement(&bytes[skipped..]);
            assert_eq!(exact.as_deref(), Some(d.text.as_str()), "decoded as {}", d.encoding.name());
        }
        Err(e) => {
            let _ = e.to_string();
            assert!(e.line >= 1);
            match e.byte {
                Some(b) => assert_eq!(bytes.get(e.offset), Some(&b), "{e}"),
                None => assert!(e.offset <= bytes.len(), "{e}"),
            }
            if e.encoding == UTF_8 {
                let before = &bytes[skipped..e.offset];
                assert!(std::str::from_utf8(before).is_ok(), "{e}: invalid before the offset");
                assert!(std::str::from_utf8(&bytes[skipped..]).is_err(), "{e}: the text is UTF-8");
                assert_eq!(e.line, 1 + before.iter().filter(|&&b| b == b'\n').count() as u64, "{e}");
            }
        }
    }
    if bom.is_none() && named.is_none_or(|e| e == UTF_8) {
        if let Ok(s) = std::str::from_utf8(bytes) {
            assert_eq!(result.as_ref().map(|d| d.text.as_str()), Ok(s), "UTF-8 decodes as itself");
        }
    }
    let name = if html { "page.html" } else { "page.txt" };
    let by_name = decode_file(bytes, name.as_ref(), named);
    assert_eq!(by_name.map(|d| d.text).ok(), result.map(|d| d.text).ok());
});
