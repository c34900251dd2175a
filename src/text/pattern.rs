//! The character classes of this module as regex class bodies (what goes between `[` and `]`),
//! for the patterns that need one, built from the same ranges and predicates.

use super::arabic::{self, is_arabic_letter, is_diacritic, TATWEEL};
use super::invisible::is_bidi_control;
use std::fmt::Write;
use std::sync::OnceLock;

/// The class body matching every character of `chars` (ascending), as `\x{..}` ranges.
fn body(chars: impl Iterator<Item = char>) -> String {
    let mut runs: Vec<(char, char)> = Vec::new();
    for c in chars {
        match runs.last_mut() {
            Some((_, end)) if *end as u32 + 1 == c as u32 => *end = c,
            _ => runs.push((c, c)),
        }
    }
    let mut out = String::new();
    for (a, b) in runs {
        let _ = write!(out, r"\x{{{:04x}}}", a as u32);
        if b != a {
            let _ = write!(out, r"-\x{{{:04x}}}", b as u32);
        }
    }
    out
}

/// The characters of U+0000–FFFF in a class.
fn bmp(class: fn(char) -> bool) -> impl Iterator<Item = char> {
    ('\0'..='\u{ffff}').filter(move |&c| class(c))
}

/// Arabic letters ([`is_arabic_letter`]).
pub fn arabic_letter() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| body(bmp(is_arabic_letter)))
}

/// Arabic letters and marks: what a written Arabic word is made of (tatweel aside).
pub fn arabic_word() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| body(bmp(|c| is_arabic_letter(c) || is_diacritic(c))))
}

/// Tatweel.
pub fn tatweel() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| body(std::iter::once(TATWEEL)))
}

/// ASCII, Arabic-Indic and Extended Arabic-Indic digits.
pub fn digit() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| body(bmp(|c| arabic::ascii_digit(c).is_some())))
}

/// Bidi controls ([`is_bidi_control`]).
pub fn bidi_control() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| body(bmp(is_bidi_control)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn bodies_match_their_class_exactly() {
        type Class = fn(char) -> bool;
        let classes: &[(&str, Class)] = &[
            (arabic_letter(), is_arabic_letter),
            (arabic_word(), |c| is_arabic_letter(c) || is_diacritic(c)),
            (tatweel(), |c| c == TATWEEL),
            (digit(), |c| arabic::ascii_digit(c).is_some()),
            (bidi_control(), is_bidi_control),
        ];
        for &(body, class) in classes {
            let re = Regex::new(&format!("^[{body}]$")).unwrap();
            for c in '\0'..='\u{ffff}' {
                assert_eq!(re.is_match(c.encode_utf8(&mut [0; 4])), class(c), "{c:?} in [{body}]");
            }
        }
        assert_eq!(digit(), r"\x{0030}-\x{0039}\x{0660}-\x{0669}\x{06f0}-\x{06f9}");
    }
}
