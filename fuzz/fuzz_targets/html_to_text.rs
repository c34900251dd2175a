//! HTML to visible text (`corpus::html_to_text`), the path HTML files of a folder take.
//!
//! Invariants (what its docs promise): no panic; whitespace collapsed as a browser does, so
//! the only whitespace left is a single space between words, a line break between blocks
//! (at most one blank line), and no-break spaces; no space at the start or end of a line, and
//! none at the start or end of the text.
#![no_main]

use khabar::corpus::html_to_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    let text = html_to_text(html);
    for c in text.chars() {
        assert!(!c.is_whitespace() || matches!(c, ' ' | '\n' | '\u{a0}'), "{c:?} left in {text:?}");
    }
    assert!(!text.contains("  ") && !text.contains("\n\n\n"), "whitespace not collapsed: {text:?}");
    assert!(!text.contains(" \n") && !text.contains("\n "), "a line starts or ends with a space: {text:?}");
    assert!(!text.starts_with([' ', '\n']) && !text.ends_with([' ', '\n']), "not trimmed: {text:?}");
});
