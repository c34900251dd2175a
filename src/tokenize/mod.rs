//! Tokenization of Arabic text: sentences now; words, light stems and stopwords to come.
//!
//! Every function here works on a plain `&str` and reports UTF-8 byte spans into it (the
//! Python layer converts them to code points with [`crate::offsets::CodepointIndex`]). The
//! character classes in [`chars`] are the crate's single definition of spaces, Arabic letters
//! and diacritics; the article parser uses the same ones.

pub mod chars;
pub mod sentences;

pub use sentences::{sentence_spans, sentences};
