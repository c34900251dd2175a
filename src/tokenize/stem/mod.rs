//! Light stemmers: Larkey's light10 as Lucene runs it ([`light10`]) and the ISRI root
//! extractor as NLTK runs it ([`isri`]). Both take one word and never panic on any input.

pub mod isri;
pub mod light10;

pub use isri::isri;
pub use light10::light10;

/// Which stemmer to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stemmer {
    /// Larkey's light10, exactly as Lucene's `ArabicNormalizationFilter` + `ArabicStemFilter`.
    Light10,
    /// The ISRI stemmer, exactly as NLTK's `ISRIStemmer`.
    Isri,
}

impl Stemmer {
    /// The stemmer named `name` (`"light10"` or `"isri"`).
    pub fn by_name(name: &str) -> Option<Stemmer> {
        match name {
            "light10" => Some(Stemmer::Light10),
            "isri" => Some(Stemmer::Isri),
            _ => None,
        }
    }

    /// Names of every stemmer.
    pub const NAMES: [&'static str; 2] = ["light10", "isri"];

    /// Append the stem of `word` to `out`.
    #[inline]
    pub fn stem_into(self, word: &str, out: &mut Vec<u8>) {
        match self {
            Stemmer::Light10 => light10::stem_into(word, out),
            Stemmer::Isri => isri::stem_into(word, out),
        }
    }

    /// The stem of `word`.
    pub fn stem(self, word: &str) -> String {
        let mut out = Vec::with_capacity(word.len());
        self.stem_into(word, &mut out);
        String::from_utf8(out).expect("stemmers write whole characters")
    }
}
