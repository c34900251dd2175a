//! Wire sign-offs closing a paragraph (rule P9): `(رويترز)`, `(د ب أ، رويترز)`, and the
//! editors' initials some agencies put before them (`ي.أ/ ع.غ (د ب أ)`). Every name inside the
//! parentheses must be an agency of the lexicon, so `(صورة)` or `(تحليل)` never is one.

use std::sync::LazyLock;

use regex::Regex;

use super::agency::agencies_of;
use crate::article::lexicon::{captures, regex};
use crate::text::{is_space, pattern};

/// A wire sign-off ending a paragraph (P9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignoffMatch {
    /// Byte offset where the paragraph now ends (spaces before the sign-off excluded).
    pub cut: usize,
    /// Byte span of the sign-off itself.
    pub span: (usize, usize),
    /// Byte span of the agency list inside the parentheses.
    pub agency: (usize, usize),
    pub canonical: Vec<String>,
}

/// `[initials/ initials] (AGENCY[، AGENCY])` at the end of `text`, every agency known.
pub fn match_signoff(text: &str) -> Option<SignoffMatch> {
    // A sign-off is short and ends the text: the regex sees only the tail.
    let tail = text.ceil_char_boundary(text.len().saturating_sub(300));
    let found = match_signoff_in(&text[tail..])?;
    Some(SignoffMatch {
        cut: tail + found.cut,
        span: (tail + found.span.0, tail + found.span.1),
        agency: (tail + found.agency.0, tail + found.agency.1),
        canonical: found.canonical,
    })
}

fn match_signoff_in(text: &str) -> Option<SignoffMatch> {
    static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
        let ar_letter = pattern::arabic_letter();
        let initials = format!(r"[{ar_letter}](?:\.[{ar_letter}]){{1,3}}\.?");
        regex(&format!(
            r"(?P<all>\s*(?:{initials}\s*/\s*{initials}\s*)?\((?P<ag>[^()]+)\))\s*$"
        ))
    });
    let m = captures(&SIGNOFF, text)?;
    let all = m.name("all")?;
    let ag = m.name("ag")?;
    if ag.as_str().chars().count() > 40 {
        return None;
    }
    let canonical = agencies_of(ag.as_str())?;
    let lead_spaces = all.as_str().len() - all.as_str().trim_start_matches(is_space).len();
    Some(SignoffMatch {
        cut: all.start(),
        span: (all.start() + lead_spaces, all.end()),
        agency: (ag.start(), ag.end()),
        canonical,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signoffs() {
        let text = "ولم يصدر أي تعليق فوري من الرياض. ي.أ/ ع.غ (د ب أ، رويترز)";
        let s = match_signoff(text).unwrap_or_else(|| panic!("no sign-off"));
        assert_eq!(&text[..s.cut], "ولم يصدر أي تعليق فوري من الرياض.");
        assert_eq!(&text[s.span.0..s.span.1], "ي.أ/ ع.غ (د ب أ، رويترز)");
        assert_eq!(&text[s.agency.0..s.agency.1], "د ب أ، رويترز");
        assert_eq!(s.canonical, ["dpa", "Reuters"]);
        assert_eq!(match_signoff("انتهى الاجتماع (صورة)"), None);
        assert!(match_signoff("انتهى الاجتماع. (رويترز)").is_some());
    }
}
