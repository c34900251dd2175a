//! The Python extension module `khabar._khabar`: the only code that knows pyo3.
//!
//! It converts arguments ([`texts`]), releases the GIL around every call into the core and
//! turns panics into exceptions ([`errors`]), and wraps what the batch engine built: Arrow
//! outputs as the caller's Arrow objects ([`columns`]), list rows through the ordered-rows
//! pipeline ([`rows`]), and results for `str` and list inputs as lazy objects that become
//! Python objects when read ([`items`], [`article`], [`record`]). Nothing here schedules work
//! or lays out a column.

mod article;
mod columns;
mod corpus;
mod dedup;
mod errors;
mod features;
mod html;
mod items;
mod normalize;
mod pyserde;
mod quality;
mod record;
mod repair;
mod rows;
mod texts;
mod tokenize;

use pyo3::prelude::*;

/// Freed 100 MB column buffers go back to the OS with the system allocator and page-fault
/// again on the next call; mimalloc keeps them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Panic on purpose, inside a rayon worker with the GIL released: lets the test suite prove
/// that a panic reaches Python as `KhabarInternalError`, never as an abort.
#[pyfunction]
fn _trigger_panic(py: Python<'_>, message: String) -> PyResult<()> {
    errors::detach(py, || {
        crate::batch::map_rows(4, |_| Some(message.as_str()), |m| {
            panic!("{m}");
        });
    })
}

#[pymodule]
mod _khabar {
    #[pymodule_export]
    use super::article::{parse, parse_table, PyArticle};
    #[pymodule_export]
    use super::html::{parse_html, parse_html_table};
    #[pymodule_export]
    use super::items::{ItemIter, PySentences, PyStrings, PyTokens};
    #[pymodule_export]
    use super::record::Record;
    #[pymodule_export]
    use super::normalize::{_restore_normalizer, presets, rules, PyAlignment, PyNormalizer};
    #[pymodule_export]
    use super::repair::{repair, repair_report, repair_table};
    #[pymodule_export]
    use super::quality::{quality, quality_filter, quality_filter_table, quality_rules, quality_table};
    #[pymodule_export]
    use super::_trigger_panic;
    #[pymodule_export]
    use super::corpus::{decode_text, encoding_name, html_to_text, num_threads, set_num_threads, PyCorpusReader, PyCorpusWriter};
    #[pymodule_export]
    use super::features::{hash_features, hashing_transform};
    #[pymodule_export]
    use super::dedup::{
        band_probability, banding, bucket_pairs, components, dedup_sketch, minhash, near_duplicates, pair_jaccard,
        signature_estimates, PyDedupIndex,
    };
    #[pymodule_export]
    use super::tokenize::{is_stopword, sentences, stem, stem_words, stopwords, tokenize};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
