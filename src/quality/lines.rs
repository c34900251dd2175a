//! Where a line ends, for the line-punctuation rule and signal.
//!
//! FineWeb looks at a line's very last character. Edited Arabic news often puts a space, a
//! bidi control (U+202C, U+200F) or tatweel after the full stop, or closes a quote after it;
//! [`Ending::PastInvisibles`] reads past those, using the crate's one definition of white
//! space and invisible characters ([`crate::text`]). Pages flattened to text also glue a
//! credit, a sign-off or a "link to this story" line to the last paragraph, so a line of
//! running text can end without punctuation; [`Ending::Prose`] counts such a line too.

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
    /// As [`Ending::PastInvisibles`], and a line of running text counts whatever its end: one
    /// that holds at least [`PROSE_SENTENCES`] sentence ends (a sentence terminal followed by
    /// white space) inside it. Navigation, lists and headlines, what the rule is for, do not.
    Prose,
}

/// Sentence ends inside a line that make it running text for [`Ending::Prose`].
pub const PROSE_SENTENCES: usize = 2;

/// Whether `c` is skipped when looking for a line's real end.
fn trailing(c: char) -> bool {
    is_whitespace(c) || is_invisible(c) || c == TATWEEL || matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
}

/// Whether `line` ends in sentence-ending punctuation, read as `ending` says.
pub fn line_ends_in_punct(line: &str, ending: Ending) -> bool {
    let last = match ending {
        Ending::LastChar => line.chars().next_back(),
        Ending::PastInvisibles | Ending::Prose => line.chars().rev().find(|&c| !trailing(c)),
    };
    last.is_some_and(is_sentence_terminal) || ending == Ending::Prose && sentence_ends(line) >= PROSE_SENTENCES
}

/// Sentence ends in `line`: runs of sentence terminals (`...`, `؟!` count once) followed by
/// white space.
fn sentence_ends(line: &str) -> usize {
    let mut n = 0;
    let mut after_terminal = false;
    for c in line.chars() {
        if is_sentence_terminal(c) {
            after_terminal = true;
        } else {
            n += usize::from(after_terminal && is_whitespace(c));
            after_terminal = false;
        }
    }
    n
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

    #[test]
    fn running_text_with_a_glued_tail() {
        let glued = "ارتفعت الأسعار. وقال الوزير إن الخطة تمضي. رابط الخبر بصحيفة الوئام: عنوان الخبر ";
        assert!(line_ends_in_punct(glued, Ending::Prose));
        assert!(!line_ends_in_punct(glued, Ending::PastInvisibles));
        // One sentence end is not enough, nor are terminals not followed by space.
        assert!(!line_ends_in_punct("ارتفعت الأسعار... وقال الوزير", Ending::Prose));
        assert!(!line_ends_in_punct("الرئيسية | الأخبار | 3.5 | www.x.sa | رياضة", Ending::Prose));
        assert!(line_ends_in_punct("هل انتهى؟! نعم. ربما", Ending::Prose));
        assert_eq!(sentence_ends("أ. ب... ج؟! د.\u{A0}هـ."), 4);
    }
}
