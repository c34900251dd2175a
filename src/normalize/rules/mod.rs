//! The normalization rules, one file per group: each holds its rules (table entries), the
//! context handler its entries name, and its own cases.
//!
//! | group | rules | handler or step |
//! |---|---|---|
//! | [`unicode`] | `nfkc`, `presentation_forms`, `expand_honorifics` | NFKC step |
//! | [`composition`] | `compose` | [`composition::cluster`] |
//! | [`invisible`] | `strip_invisible`, `zwnj` | (ZWNJ as a space: [`whitespace::space`]) |
//! | [`marks`] | `strip_harakat`, `strip_dagger_alef`, `strip_quranic_marks`, `strip_extended_marks` | |
//! | [`tatweel`] | `strip_tatweel`, `keep_tatweel_dash` | [`tatweel::dash`] |
//! | [`letters`] | `fold_alef`, `fold_alef_hamza`, `fold_alef_wasla`, `fold_alef_maqsura`, `fold_teh_marbuta`, `fold_hamza_carriers`, `fold_persian_letters`, `fold_persian_extra` | |
//! | [`final_yeh`] | `final_yeh_to_alef_maqsura` | [`final_yeh::handle`] |
//! | [`digits`] | `digits` | |
//! | [`punctuation`] | `ascii_punctuation`, `ascii_quotes` | |
//! | [`whitespace`] | `ascii_spaces`, `normalize_whitespace`, `keep_newlines` | [`whitespace::space`], [`whitespace::line_break`], trim step |
//! | [`elongation`] | `elongation` | [`elongation::letter`] |
//! | [`masks`] | `mask_urls`, `mask_emails`, `mask_mentions`, `mask_hashtags`, `mask_emoji` | masks step |
//!
//! Rules are applied in [`RULES`] order, so a later rule's entry for a code point wins, and a
//! rule may read what earlier ones wrote (`keep_tatweel_dash` turns a dropped tatweel into a
//! dash; `elongation`, applied after every rule that writes letters, watches the letters that
//! come out). The engine calls [`handle`] for a code point whose entry names a handler, and
//! [`before`], [`mask_spans`] and [`at_end`] for the whole-text steps.

pub mod composition;
pub mod digits;
pub mod elongation;
pub mod final_yeh;
pub mod invisible;
pub mod letters;
pub mod marks;
pub mod masks;
pub mod punctuation;
pub mod tatweel;
pub mod unicode;
pub mod whitespace;

#[cfg(test)]
mod cases;

use super::alignment::Alignment;
use super::pass::Pass;
use super::rule::{Handler, Rule};
use super::table::{handler, param, Op, Table};

/// Every rule, in application order.
pub const RULES: &[Rule] = &[
    // Unicode first, so that every later rule sees letters, not presentation forms.
    unicode::NFKC,
    unicode::PRESENTATION,
    unicode::EXPAND_HONORIFICS,
    composition::COMPOSE,
    invisible::STRIP_INVISIBLE,
    invisible::ZWNJ_RULE,
    marks::STRIP_HARAKAT,
    marks::STRIP_DAGGER_ALEF,
    marks::STRIP_QURANIC_MARKS,
    marks::STRIP_EXTENDED_MARKS,
    tatweel::STRIP_TATWEEL,
    tatweel::KEEP_TATWEEL_DASH,
    letters::FOLD_ALEF,
    letters::FOLD_ALEF_HAMZA,
    letters::FOLD_ALEF_WASLA,
    letters::FOLD_ALEF_MAQSURA,
    final_yeh::FINAL_YEH,
    letters::FOLD_TEH_MARBUTA,
    letters::FOLD_HAMZA_CARRIERS,
    letters::FOLD_PERSIAN_LETTERS,
    letters::FOLD_PERSIAN_EXTRA,
    digits::DIGITS,
    punctuation::ASCII_PUNCTUATION,
    punctuation::ASCII_QUOTES,
    whitespace::ASCII_SPACES,
    whitespace::NORMALIZE_WHITESPACE,
    whitespace::KEEP_NEWLINES,
    elongation::ELONGATION,
    masks::MASK_URLS,
    masks::MASK_EMAILS,
    masks::MASK_MENTIONS,
    masks::MASK_HASHTAGS,
    masks::MASK_EMOJI,
];

/// Look a rule up by its name.
pub fn rule_by_name(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// Index of a rule in [`RULES`].
pub fn rule_index(name: &str) -> Option<usize> {
    RULES.iter().position(|r| r.name == name)
}

/// Hand the code point at `i` (`cp`, `len` bytes, entry `op`) to its context handler; returns
/// where the pass goes on.
#[cold]
pub fn handle<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, cp: u32, len: usize, op: Op) -> usize {
    match Handler::from_number(handler(op)) {
        Some(Handler::Space) => whitespace::space(p, i, cp, len),
        Some(Handler::LineBreak) => whitespace::line_break(p, i, cp, len),
        Some(Handler::TatweelDash) => tatweel::dash(p, i),
        Some(Handler::Compose) => composition::cluster(p, i),
        Some(Handler::FinalYeh) => final_yeh::handle(p, i, len),
        Some(Handler::Elongation) => elongation::letter(p, i, param(op)),
        // Steps are never entries: keep the code point.
        Some(Handler::Nfkc | Handler::Masks | Handler::TrimEnd) | None => i + len,
    }
}

/// The whole-text steps before the pass: the text the table runs on, with its alignment to
/// `text`, when a step changes it.
pub fn before(t: &Table, text: &str, offsets: bool) -> Option<(String, Alignment)> {
    t.step(Handler::Nfkc as u8).map(|_| unicode::nfkc_with_alignment(text, offsets))
}

/// The mask spans of `text`, in order (empty without the masks step).
pub fn mask_spans(t: &Table, text: &str) -> Vec<(usize, usize, masks::MaskKind, masks::Action)> {
    t.step(Handler::Masks as u8).map_or_else(Vec::new, |param| masks::spans(text, param))
}

/// The whole-text steps after the pass.
pub fn at_end<const OFFSETS: bool>(p: &mut Pass<OFFSETS>) {
    if p.t.step(Handler::TrimEnd as u8).is_some() {
        whitespace::trim_end(p);
    }
}

#[cfg(test)]
mod tests {
    use super::super::rule::{Value, ValueKind};
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|b| b.name != a.name), "{}", a.name);
        }
    }

    #[test]
    fn off_values_match_their_kind_and_are_off() {
        for r in RULES {
            assert!(!r.off.is_on(), "{} is on by default", r.name);
            match (r.kind, r.off) {
                (ValueKind::Bool, Value::Bool(_)) | (ValueKind::Count, Value::Count(_)) => {}
                (ValueKind::Choice(c), Value::Choice(v)) => assert!(c.contains(&v)),
                _ => panic!("{}: value kind mismatch", r.name),
            }
        }
    }

    #[test]
    fn elongation_comes_after_every_rule_that_writes_letters() {
        let at = |name| rule_index(name).unwrap();
        for r in RULES.iter().filter(|r| !matches!(r.group, "masks" | "elongation")) {
            assert!(at(r.name) < at("elongation"), "{}", r.name);
        }
        assert!(at("strip_tatweel") < at("keep_tatweel_dash"));
        assert!(at("normalize_whitespace") < at("keep_newlines"));
    }
}
