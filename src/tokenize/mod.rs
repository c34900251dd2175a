//! Tokenization of Arabic text: words with kinds, proclitics, sentences, light stems and
//! stopwords, and the row writers that the batch engine runs over columns.
//!
//! Every function here works on a plain `&str` and reports UTF-8 byte spans into it; the
//! row writers ([`writers`]) convert them to code points in the same pass (offsets leave the
//! crate as code points, see [`crate::text::offsets`]). Spaces, letters and marks are the
//! crate's classes ([`crate::text`]), the same ones the normalizer and the article parser use.
//!
//! - [`words`]: the word tokenizer ([`Token`], [`TokenKind`]).
//! - [`clitics`]: conservative splitting of و ف ب ك ل ال (off by default).
//! - [`sentences`]: the sentence segmenter (SPEC C5).
//! - [`stem`]: light10 (as Lucene) and ISRI (as NLTK).
//! - [`stopwords`]: the shipped stopword list and its matching key.

pub mod clitics;
pub mod writers;
pub mod sentences;
pub mod stem;
pub mod stopwords;
pub mod words;

pub use clitics::split_clitics;
pub use sentences::{sentence_spans, sentences};
pub use stem::Stemmer;
pub use stopwords::is_stopword;
pub use words::{words, Token, TokenKind, Words};

/// What [`tokens`] does beyond the basic rules; everything is off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TokenizeOptions {
    /// Split the proclitics و ف ب ك ل ال off Arabic words ([`clitics`]).
    pub clitics: bool,
    /// Leave out Arabic words and clitics that are stopwords ([`stopwords`]).
    pub drop_stopwords: bool,
}

/// Call `emit` with every token of `text`, in order, as `opts` asks.
#[inline]
pub fn for_each_token(text: &str, opts: TokenizeOptions, mut emit: impl FnMut(Token)) {
    let mut keep = |t: Token| {
        if !(opts.drop_stopwords
            && matches!(t.kind, TokenKind::Arabic | TokenKind::Clitic)
            && is_stopword(t.text(text)))
        {
            emit(t)
        }
    };
    for t in words(text) {
        if opts.clitics && t.kind == TokenKind::Arabic {
            split_clitics(text, t, &mut keep);
        } else {
            keep(t);
        }
    }
}

/// The tokens of `text` as `opts` asks, as byte spans.
///
/// ```
/// use khabar::tokenize::{tokens, TokenizeOptions};
/// let text = "وبالتالي فإن الحكومة";
/// let opts = TokenizeOptions { clitics: true, drop_stopwords: true };
/// let kept: Vec<&str> = tokens(text, opts).iter().map(|t| t.text(text)).collect();
/// assert_eq!(kept, ["تالي", "حكومة"]);
/// ```
pub fn tokens(text: &str, opts: TokenizeOptions) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, opts, |t| out.push(t));
    out
}
