//! Unicode rules: full NFKC, the Arabic presentation forms, the honorific ligatures.
//!
//! The presentation forms (positional letter forms, lam-alef and other ligatures, isolated
//! marks) are table entries: each maps to its NFKC form, closed under the other rules when the
//! table is compiled. An isolated mark unfolds to a space or tatweel and a mark (ﹺ → U+0020 +
//! kasra); where the whitespace or composition rule must see what it unfolds to, the table
//! marks the entry for expansion before the pass (see [`crate::normalize::table`]), so the
//! space joins the whitespace rule and the mark the canonical order of the marks after it.
//!
//! Full NFKC is a whole-text step: it runs cluster by cluster (a starter with its marks) before
//! the table, and its alignment is composed with the table's.

use super::super::alignment::Alignment;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::TableBuilder;
use crate::text::arabic::PRESENTATION_FORMS;
use crate::text::count_chars;
use unicode_normalization::char::canonical_combining_class as ccc;
use unicode_normalization::UnicodeNormalization;

/// `nfkc`.
pub const NFKC: Rule = Rule::on_off("nfkc", "unicode", "apply full Unicode NFKC first (slow: use only when needed)", nfkc);
/// `presentation_forms`.
pub const PRESENTATION: Rule = Rule::on_off(
    "presentation_forms",
    "unicode",
    "presentation forms (U+FB50–FDFF, U+FE70–FEFF) to letters, lam-alef ligatures to ل + ا, ﷲ to الله",
    presentation_forms,
);
/// `expand_honorifics`.
pub const EXPAND_HONORIFICS: Rule = Rule::on_off(
    "expand_honorifics",
    "unicode",
    "honorific ligatures to words: ﷺ → صلى الله عليه وسلم, ﷻ → جل جلاله ...",
    expand_honorifics,
);

/// Ligatures that decompose to whole words: the honorifics (ﷺ → صلى الله عليه وسلم) and the
/// rial sign ﷼, which stays a currency symbol unless asked.
pub const HONORIFICS: &[char] = &[
    '\u{FDF0}', '\u{FDF1}', '\u{FDF3}', '\u{FDF4}', '\u{FDF5}', '\u{FDF6}', '\u{FDF7}', '\u{FDF8}', '\u{FDF9}',
    '\u{FDFA}', '\u{FDFB}', '\u{FDFC}',
];

fn nfkc(t: &mut TableBuilder, _: Value) {
    t.step(Handler::Nfkc as u8);
    t.may_grow();
}

/// Map `c` to its NFKC form when that differs.
fn map_to_nfkc(t: &mut TableBuilder, c: char) {
    let out: String = c.to_string().nfkc().collect();
    if !out.is_empty() && out != c.to_string() {
        t.map(c, &out);
    }
}

fn presentation_forms(t: &mut TableBuilder, _: Value) {
    // NFKC, not the bare decomposition: ﻷ is ل + أ, not ل + ا + U+0654. The long honorifics
    // (ﷺ ﷻ ...) are a rule of their own.
    for c in PRESENTATION_FORMS.into_iter().flatten() {
        if !HONORIFICS.contains(&c) {
            map_to_nfkc(t, c);
        }
    }
}

fn expand_honorifics(t: &mut TableBuilder, _: Value) {
    for &c in HONORIFICS {
        map_to_nfkc(t, c);
    }
}

/// The whole-text NFKC step, cluster by cluster (a starter and its combining marks), so that
/// offsets stay exact: the result and, when `offsets`, its alignment to `text`.
pub fn nfkc_with_alignment(text: &str, offsets: bool) -> (String, Alignment) {
    let mut out = String::with_capacity(text.len());
    let mut align = Alignment::new();
    let mut cluster_start = 0usize;
    let mut cp = 0usize;
    let mut cluster_cp = 0usize;
    let mut chars = text.chars().peekable();
    let mut at = 0usize;
    while let Some(c) = chars.next() {
        cp += 1;
        at += c.len_utf8();
        if chars.peek().is_some_and(|&d| ccc(d) != 0) {
            continue;
        }
        let before = out.len();
        out.extend(text[cluster_start..at].nfkc());
        if offsets {
            align.push(count_chars(&out.as_bytes()[before..]), cluster_cp, cp - cluster_cp);
        }
        cluster_start = at;
        cluster_cp = cp;
    }
    (out, align)
}

#[cfg(test)]
mod tests {
    use super::super::cases::{check, check_idempotent};

    #[test]
    fn cases() {
        check(&[
            (&["presentation_forms"], "ﺑﺴﻢ ﷲ ﻻ ﻷ", "بسم الله لا لأ"),
            (&["presentation_forms"], "ﷺ ﷼", "ﷺ ﷼"),
            (&["presentation_forms"], "ﹺ", " \u{0650}"),
            (&["presentation_forms", "strip_harakat"], "ﻟﹶ", "ل "),
            (&["expand_honorifics"], "ﷺ", "صلى الله عليه وسلم"),
            (&["presentation_forms", "expand_honorifics"], "محمد ﷺ ﷲ", "محمد صلى الله عليه وسلم الله"),
            (&["nfkc"], "ﬁ ① ﻻ", "fi 1 لا"),
        ]);
    }

    #[test]
    fn isolated_marks_meet_the_rules_of_the_same_pass() {
        // The regressions of issue 15: what an isolated-form mark unfolds to is seen by the
        // whitespace rule and ordered with the marks that follow it, in one pass.
        check(&[
            (&["presentation_forms", "strip_harakat", "normalize_whitespace"], "\u{FE7A}\u{0644}", "ل"),
            (&["presentation_forms", "strip_harakat", "normalize_whitespace"], "ا \u{FE7A}ل", "ا ل"),
            (&["presentation_forms", "strip_harakat", "normalize_whitespace"], "\u{FE74},", ","),
            (&["presentation_forms", "compose"], "\u{FE7C}\u{064B}", " \u{064B}\u{0651}"),
            (&["presentation_forms", "compose"], "\u{FE7B}\u{0619}", "\u{0640}\u{0619}\u{0650}"),
        ]);
        for preset in ["ml_clean", "display", "camel_arclean"] {
            for s in ["\u{FE7A}\u{0644}", "ا \u{FE7A}ل", "\u{FE74},", "\u{FE7C}\u{064B}", "\u{FE7B}\u{0619}", "\u{06C2}\u{0655}"] {
                check_idempotent(preset, s);
            }
        }
    }

    #[test]
    fn nfkc_keeps_offsets_per_cluster() {
        let (out, align) = super::nfkc_with_alignment("ﬁa\u{0301}①", true);
        assert_eq!(out, "fiá1");
        assert_eq!(align.source_of(0), Some((0, 1)));
        assert_eq!(align.source_of(2), Some((1, 3)));
        assert_eq!(align.source_of(3), Some((3, 4)));
    }
}
