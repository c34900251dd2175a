//! Where a line ends, for the line-punctuation rule and signal.
//!
//! FineWeb looks at a line's very last character. Edited Arabic news often puts a space, a
//! bidi control (U+202C, U+200F) or tatweel after the full stop, or closes a quote after it;
//! [`Ending::PastInvisibles`] reads past those, using the crate's one definition of white
//! space and invisible characters ([`crate::text`]).

use super::punct::is_sentence_terminal;
use crate::text::{is_invisible, is_whitespace, TATWEEL};

/// How the end of a line is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The line's last character, as it is (FineWeb).
    LastChar,
    /// The last character that is not white space, an invisible format character, tatweel, or
    /// a closing quote or bracket.
    PastInvisibles,
}

/// Whether `c` is skipped when looking for a line's real end.
fn trailing(c: char) -> bool {
    is_whitespace(c) || is_invisible(c) || c == TATWEEL || matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
}

/// Whether `line` ends in sentence-ending punctuation, read as `ending` says.
pub fn line_ends_in_punct(line: &str, ending: Ending) -> bool {
    let last = match ending {
        Ending::LastChar => line.chars().next_back(),
        Ending::PastInvisibles => line.chars().rev().find(|&c| !trailing(c)),
    };
    last.is_some_and(is_sentence_terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends() {
        assert!(line_ends_in_punct("انتهى.", Ending::LastChar));
        assert!(!line_ends_in_punct("انتهى. ", Ending::LastChar));
        assert!(line_ends_in_punct("انتهى. \u{202C}", Ending::PastInvisibles));
        assert!(line_ends_in_punct("قال: «انتهى.»", Ending::PastInvisibles));
        assert!(line_ends_in_punct("هل انتهى؟ـ", Ending::PastInvisibles));
        assert!(!line_ends_in_punct("عنوان الخبر", Ending::PastInvisibles));
        assert!(!line_ends_in_punct("", Ending::PastInvisibles));
    }
}
