//! khabar: parse raw Arabic news articles into structured records and normalize Arabic text.
//!
//! The crate is a plain Rust library; with the `python` feature it is also the extension
//! module `khabar._khabar`. Every offset it reports is a Unicode code-point index, half-open,
//! exactly as Python slices a `str` (see [`text::offsets`]).
//!
//! - [`text`]: the character classes, UTF-8 helpers and code-point offsets of the whole crate.
//! - [`normalize`]: table-driven Arabic normalization, one pass over UTF-8.
//! - [`article`]: the article schema and the plain-text parser.
//! - [`tokenize`]: words with kinds and offsets, proclitics, sentences, light stems, stopwords.
//! - [`features`]: text to sparse rows for machine learning (the hashing trick).
//! - [`batch`]: the batch engine: every parallel run over a column, and every column layout.
//! - [`repair`]: finding and undoing encoding damage (mojibake, lost bytes, HTML references).
//! - [`quality`]: per-row quality signals and FineWeb-2's filter rules.
//! - [`dedup`]: near-duplicate detection: shingles, MinHash signatures, LSH bands, clusters.
//! - [`corpus`]: reading folders, JSONL, CSV and Parquet as Arrow batches; writing Parquet and JSONL.

pub mod article;
pub mod batch;
#[cfg(feature = "corpus")]
pub mod corpus;
pub mod features;
pub mod dedup;
pub mod normalize;
pub mod quality;
pub mod repair;
pub mod text;
pub mod tokenize;

#[cfg(feature = "python")]
mod python;

pub use article::html::{parse_html, parse_html_bytes};
pub use article::{parse_text, Article};
pub use normalize::{Alignment, NormalizeOptions, Normalizer, RawValue};
