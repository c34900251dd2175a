//! Encoding repair (`repair::repair`) and its quick damage test.
//!
//! The first byte picks what the rest (as UTF-8) goes through first, so the repair paths see
//! damaged text and not only random text: nothing, UTF-8 read as windows-1252 (once or twice),
//! read as Latin-1 with the C1 controls stripped, read as strict windows-1252 (U+FFFD), read as
//! windows-1256, or written in windows-1256 and read as windows-1252.
//!
//! Invariants: no panic; the vector damage test agrees with the byte-by-byte one; a text
//! without a sign of damage comes back unchanged (`None`); a repair changes the text, its
//! fixes are in order, inside the input (code points), each with a chain and a confidence in
//! (0, 1]; the quality signal `mojibake` is that confidence.
#![no_main]

use khabar::repair::codepage::CodePage;
use khabar::repair::detect::{suspicious, suspicious_scalar};
use khabar::repair::repair;
use libfuzzer_sys::fuzz_target;

fn damaged(how: u8, text: &str) -> Option<String> {
    let latin = CodePage::Latin.table();
    let bytes = text.as_bytes();
    match how % 7 {
        0 => Some(text.to_string()),
        1 => latin.decode(bytes),
        2 => latin.decode(latin.decode(bytes)?.as_bytes()),
        3 => Some(bytes.iter().filter(|b| !(0x80..=0x9F).contains(*b)).map(|&b| char::from(b)).collect()),
        4 => Some(bytes.iter().map(|&b| latin.char(b).filter(|_| ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b)).unwrap_or('\u{FFFD}')).collect()),
        5 => CodePage::Windows1256.table().decode(bytes),
        _ => latin.decode(&CodePage::Windows1256.table().encode(text)?),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Some(text) = damaged(how, text) else { return };
    let sign = suspicious(&text);
    assert_eq!(sign, suspicious_scalar(&text), "vector and scalar damage tests disagree on {text:?}");
    let result = repair(&text);
    if !sign {
        assert!(result.is_none(), "{text:?} has no sign of damage but was changed");
    }
    let Some(r) = result else { return };
    assert_ne!(r.text, text, "a repair that changes nothing is reported");
    assert!(!r.fixes.is_empty());
    let chars = text.chars().count();
    let mut before = 0;
    for f in &r.fixes {
        assert!(f.start <= f.end && f.end <= chars, "fix {f:?} outside {chars} characters");
        let whole = f.chain == ["html entities"];
        assert!(whole || before <= f.start, "fix {f:?} before {before}");
        before = f.end;
        assert!(!f.chain.is_empty());
        assert!(f.confidence > 0.0 && f.confidence <= 1.0, "confidence of {f:?}");
    }
    let mojibake = khabar::quality::signals(&text).mojibake;
    assert_eq!(mojibake, r.confidence());
});
