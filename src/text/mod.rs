//! What a character is, for the whole crate: one set of character classes, the UTF-8 helpers
//! and the code-point offsets every module shares.
//!
//! The normalizer, the word tokenizer, the sentence segmenter, the article parser and the
//! corpus readers all ask here whether a character is a space, a line break, an Arabic letter,
//! a mark, tatweel or an invisible format character, so they never disagree about where a word,
//! a line or a block ends. Each class is defined once, as a predicate or a range list; the
//! tables built for speed (the normalizer's per-code-point table, the tokenizer's byte tables,
//! the parser's key table) and the regex class strings ([`pattern`]) are derived from it.
//!
//! - [`spaces`]: white space, word gaps, line breaks.
//! - [`arabic`]: letters, marks by group (harakat, dagger alef, Quranic, extended, hamza and
//!   madda), tatweel, digits.
//! - [`invisible`]: zero-width and bidi format characters, joiners, the byte-order mark.
//! - [`pattern`]: the same classes as regex class bodies.
//! - [`utf8`]: decoding and counting code points in UTF-8 bytes.
//! - [`offsets`]: byte offsets to code-point offsets and back (every offset that leaves the
//!   crate is a code-point index, half-open, as Python slices a `str`).

pub mod arabic;
pub mod invisible;
pub mod offsets;
pub mod pattern;
pub mod spaces;
pub mod utf8;

pub use arabic::{ascii_digit, is_arabic_letter, is_diacritic, TATWEEL};
pub use invisible::{is_invisible, is_joiner, BOM, ZWJ, ZWNJ};
pub use offsets::CodepointIndex;
pub use spaces::{is_line_break, is_space, is_whitespace, words};
pub use utf8::count_chars;

/// `char::is_alphabetic`, with ASCII and the Arabic letters U+0621–U+064A (all letters,
/// tatweel included) settled without Unicode's table: most characters of Arabic text are one
/// of those.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        ('\u{621}'..='\u{64a}').contains(&c) || c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, with the same shortcuts as [`is_alphabetic`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{621}'..='\u{64a}').contains(&c) || c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shortcuts_agree_with_unicode_on_every_code_point() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                super::is_alphabetic(c),
                c.is_alphabetic(),
                "{:04X}",
                c as u32
            );
            assert_eq!(
                super::is_alphanumeric(c),
                c.is_alphanumeric(),
                "{:04X}",
                c as u32
            );
        }
    }
}
