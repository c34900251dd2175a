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
pub use spaces::{is_line_break, is_space, is_whitespace};
pub use utf8::count_chars;
