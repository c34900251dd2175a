//! Features for machine learning: text to sparse rows of numbers.
//!
//! - [`hashing`]: the hashing trick (scikit-learn's `HashingVectorizer`, exactly, in parity
//!   mode), over khabar's tokens and normalizer or scikit-learn's token pattern.
//! - [`analyzers`]: word n-grams, character n-grams and character n-grams inside word
//!   boundaries, with Python's own character classes.

pub mod analyzers;
pub mod hashing;

pub use analyzers::TokenSource;
pub use hashing::{hash_feature, murmur3_32, Analyzer, HashingVectorizer, Norm, Scratch};
