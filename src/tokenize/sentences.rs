//! Arabic sentence segmentation (SPEC C5).
//!
//! A sentence ends at a terminal mark (`. ! ? ؟ … ۔`, or a run of them such as `?!` or `...`)
//! that is followed by a space or by the end of the text; closing quotes and brackets right after
//! the mark (`» " ” ' ’ ) ] } ›`) belong to the sentence that ends. A line break also ends a
//! sentence. A single dot does not end a sentence:
//! - between digits (`3.5`, `1.1.2020`) or inside a domain name (`www.example.com`): the dot is
//!   not followed by a space, so it never qualifies;
//! - after a token made only of single Arabic letters joined by dots: one-letter abbreviations
//!   such as `د.` (doctor) and `م.` (engineer) and dotted initials such as `ص.ب.` (P.O. Box),
//!   `أ.د.` (professor) and `ج.م.ع.` (Arab Republic of Egypt).
//!
//! `،` `؛` and `:` never end a sentence, and `٫` is the Arabic decimal separator, not a mark.
//! A space before the mark (`... ؟`) still ends the sentence there, the space included.
//!
//! Spans are half-open UTF-8 byte ranges into the input, trimmed of surrounding spaces, ordered
//! and non-overlapping. The walk is one forward pass; the only look-behind is the abbreviation
//! check, which reads at most [`MAX_ABBREVIATION_CHARS`] characters back, so the cost is linear
//! in the input even for a megabyte without spaces.

use crate::text::utf8::char_at;
use crate::text::{is_arabic_letter, is_line_break, is_space};

/// Marks that end a sentence when a space or the end of the text follows.
const TERMINALS: &[char] = &['.', '!', '?', '؟', '…', '۔'];
/// Closing quotes and brackets that stay with the sentence they close.
const CLOSERS: &[char] = &['»', '"', '\'', '”', '’', ')', ']', '}', '›'];
/// The longest dotted-initials token considered (`ش.م.م.ل` is 7 characters).
const MAX_ABBREVIATION_CHARS: usize = 9;

/// Splits `text` into sentences and returns their UTF-8 byte spans `(start, end)`.
///
/// Every span is trimmed of surrounding whitespace; the spans are ordered, do not overlap and
/// cover every non-space character of `text`. Never panics.
///
/// ```
/// use khabar::tokenize::sentence_spans;
/// let text = "قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «لن نتراجع.» انتهى";
/// let sentences: Vec<&str> = sentence_spans(text).iter().map(|&(s, e)| &text[s..e]).collect();
/// assert_eq!(sentences, ["قال د. أحمد إن النمو بلغ 3.5%.", "وأضاف: «لن نتراجع.»", "انتهى"]);
/// ```
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let content_end = text.trim_end_matches(is_space).len();
    let mut start = skip_spaces(text, 0);
    let mut i = start;
    loop {
        i = next_candidate(text.as_bytes(), i);
        let Some(c) = char_at(text, i) else { break };
        if TERMINALS.contains(&c) {
            let run_end = skip_while(text, i + c.len_utf8(), |n| TERMINALS.contains(&n));
            let end = skip_while(text, run_end, |n| CLOSERS.contains(&n));
            let single_dot = c == '.' && run_end == i + 1;
            let followed_by_space = end >= content_end || char_at(text, end).is_none_or(is_space);
            if followed_by_space && !(single_dot && ends_with_abbreviation(&text[..i])) {
                spans.push((start, end));
                start = skip_spaces(text, end);
                i = start;
            } else {
                i = end;
            }
        } else if is_line_break(c) {
            push_trimmed(&mut spans, text, start, i);
            start = skip_spaces(text, i + c.len_utf8());
            i = start;
        } else {
            i += c.len_utf8();
        }
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
}

/// Bytes that [`next_candidate`] stops at.
static CANDIDATE: [u8; 256] = {
    let mut t = [0u8; 256];
    let stops: [u8; 8] = [b'.', b'!', b'?', b'\n', b'\r', 0xe2, 0x9f, 0x94];
    let mut k = 0;
    while k < stops.len() {
        t[stops[k] as usize] = 1;
        k += 1;
    }
    t
};

/// The first character at or after byte `i` (a character boundary) that may be a terminal mark
/// or a line break: the walk jumps over everything else a byte at a time. Candidates are the
/// ASCII marks and breaks, the lead byte 0xE2 (`…`, U+2028, U+2029) and the last bytes of `؟`
/// (D8 9F) and `۔` (DB 94), from which it steps back to the character's first byte.
#[inline]
fn next_candidate(bytes: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time while none of them is a candidate (most of the text).
    while let Some(w) = bytes.get(i..i + 8) {
        let any = w.iter().fold(0u8, |acc, &b| acc | CANDIDATE[b as usize]);
        if any != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() {
        match bytes[i] {
            b'.' | b'!' | b'?' | b'\n' | b'\r' | 0xe2 => return i,
            0x9f | 0x94 => {
                let mut s = i;
                while s > 0 && (bytes[s] & 0xc0) == 0x80 {
                    s -= 1;
                }
                return s;
            }
            _ => i += 1,
        }
    }
    i
}

/// The sentences of `text` as string slices (see [`sentence_spans`]).
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

/// Whether the token just before a dot is a one-letter abbreviation or dotted initials: single
/// Arabic letters joined by dots (`د`, `ص.ب`, `ج.م.ع`). The token starts after a space, `(` or
/// `«`.
fn ends_with_abbreviation(before_dot: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for (seen, c) in before_dot.chars().rev().enumerate() {
        if is_space(c) || c == '(' || c == '«' {
            return letters > 0 && !expect_letter;
        }
        if seen == MAX_ABBREVIATION_CHARS {
            return false; // too long to be initials
        }
        match (expect_letter, c) {
            (true, c) if is_arabic_letter(c) => {
                letters += 1;
                expect_letter = false;
            }
            (false, '.') => expect_letter = true,
            _ => return false,
        }
    }
    letters > 0 && !expect_letter
}

fn push_trimmed(spans: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let end = start + text[start..end].trim_end_matches(is_space).len();
    if end > start {
        spans.push((start, end));
    }
}

fn skip_while(text: &str, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(text, i) {
        if !pred(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn skip_spaces(text: &str, i: usize) -> usize {
    skip_while(text, i, is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, expected sentences)
    const CASES: &[(&str, &[&str])] = &[
        ("", &[]),
        ("   \n ", &[]),
        ("جملة واحدة", &["جملة واحدة"]),
        ("الأولى. الثانية.", &["الأولى.", "الثانية."]),
        // decimals and dotted dates never split
        (
            "بلغ النمو 3.5% هذا العام. ثم",
            &["بلغ النمو 3.5% هذا العام.", "ثم"],
        ),
        ("بلغ ٣٫٥ بالمئة. ثم", &["بلغ ٣٫٥ بالمئة.", "ثم"]),
        ("بلغ ٣.٥ بالمئة. ثم", &["بلغ ٣.٥ بالمئة.", "ثم"]),
        ("في 1.1.2020 . وأضاف", &["في 1.1.2020 .", "وأضاف"]),
        ("انتهى في 1.1.2020. ثم", &["انتهى في 1.1.2020.", "ثم"]),
        // one-letter abbreviations
        ("قال د. غازي وزني إن. ثم", &["قال د. غازي وزني إن.", "ثم"]),
        ("وأضاف م. أحمد ؟ نعم!", &["وأضاف م. أحمد ؟", "نعم!"]),
        // dotted initials
        ("قال أ.د. محمد علي. ثم", &["قال أ.د. محمد علي.", "ثم"]),
        ("ص.ب. 1234 عمان. ثم", &["ص.ب. 1234 عمان.", "ثم"]),
        (
            "جمهورية ج.م.ع. الرسمية. ثم",
            &["جمهورية ج.م.ع. الرسمية.", "ثم"],
        ),
        ("(د. أحمد) قال. ثم", &["(د. أحمد) قال.", "ثم"]),
        // closing quotes and brackets stay with their sentence
        ("«لن نتراجع.» ثم غادر", &["«لن نتراجع.»", "ثم غادر"]),
        ("قال \"كفى!\" وغادر", &["قال \"كفى!\"", "وغادر"]),
        ("(انتهى.) بعد", &["(انتهى.)", "بعد"]),
        // runs of marks
        ("حقا؟! نعم... ربما… لا", &["حقا؟!", "نعم...", "ربما…", "لا"]),
        ("ماذا ؟ لا", &["ماذا ؟", "لا"]),
        ("جملة ۔ أخرى", &["جملة ۔", "أخرى"]),
        // never at comma, semicolon or colon
        ("أولا، ثانيا؛ ثالثا: رابعا", &["أولا، ثانيا؛ ثالثا: رابعا"]),
        // domains and Latin dotted words
        (
            "عبر www.example.com. انتهى",
            &["عبر www.example.com.", "انتهى"],
        ),
        // Latin abbreviations are not recognised: a dot before a space ends the sentence
        ("the U.S. army", &["the U.S.", "army"]),
        // line breaks, including CRLF, CR and U+2028
        ("سطر أول\nسطر ثان", &["سطر أول", "سطر ثان"]),
        ("سطر أول \r\n\r\n سطر ثان\r", &["سطر أول", "سطر ثان"]),
        ("أ\rب\u{2028}ج", &["أ", "ب", "ج"]),
        // a mark followed by a letter is not a boundary
        ("نعم.لا", &["نعم.لا"]),
        // trailing spaces after the last mark, NBSP as a space
        ("انتهى.\u{a0}ثم.  ", &["انتهى.", "ثم."]),
        // a sentence-final single letter stays joined (documented trade-off)
        ("فيتامين د. مفيد", &["فيتامين د. مفيد"]),
        // a long word before a dot is not an abbreviation
        ("كلمةطويلةجدا. ثم", &["كلمةطويلةجدا.", "ثم"]),
        (". بداية", &[".", "بداية"]),
    ];

    #[test]
    fn table() {
        for (input, expected) in CASES {
            assert_eq!(&sentences(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn spans_are_trimmed_ordered_and_inside() {
        for (input, _) in CASES {
            let spans = sentence_spans(input);
            let mut prev_end = 0;
            for &(s, e) in &spans {
                assert!(
                    prev_end <= s && s < e && e <= input.len(),
                    "{input:?} {spans:?}"
                );
                let t = &input[s..e];
                assert_eq!(t, t.trim_matches(is_space), "{input:?}");
                prev_end = e;
            }
            // every non-space character is inside some span
            for (i, c) in input.char_indices() {
                if !is_space(c) {
                    assert!(
                        spans.iter().any(|&(s, e)| s <= i && i < e),
                        "{input:?} lost {c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn linear_on_pathological_input() {
        let dots = "ا.".repeat(200_000);
        assert_eq!(sentence_spans(&dots).len(), 1);
        let marks = "؟ ".repeat(100_000);
        assert_eq!(sentence_spans(&marks).len(), 100_000);
    }

    #[test]
    fn abbreviation_tokens() {
        for (before, yes) in [
            ("د", true),
            ("قال د", true),
            ("قال أ.د", true),
            ("ص.ب", true),
            ("«ج.م.ع", true),
            ("قال", false),
            ("2020", false),
            ("a", false),
            ("", false),
            ("د.", false),
        ] {
            assert_eq!(ends_with_abbreviation(before), yes, "{before:?}");
        }
    }
}
