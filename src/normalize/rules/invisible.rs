//! Invisible characters: bidi controls, zero-width characters, the BOM, and ZWNJ on its own.

use super::super::rule::{Handler, Rule, Value};
use super::super::table::TableBuilder;
use crate::text::invisible::{invisibles, ZWNJ};

/// `strip_invisible`.
pub const STRIP_INVISIBLE: Rule = Rule::on_off(
    "strip_invisible",
    "invisible",
    "remove bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates), ZWSP, ZWJ, word joiner, BOM, soft hyphen",
    strip_invisible,
);
/// `zwnj`.
pub const ZWNJ_RULE: Rule = Rule::choice(
    "zwnj",
    "invisible",
    "zero-width non-joiner U+200C: keep, space or delete (it separates Persian words)",
    &["keep", "space", "delete"],
    zwnj,
);

fn strip_invisible(t: &mut TableBuilder, _: Value) {
    for c in invisibles() {
        t.drop_char(c);
    }
}

fn zwnj(t: &mut TableBuilder, v: Value) {
    match v {
        Value::Choice("delete") => t.drop_char(ZWNJ),
        // A space like any other: it joins the spaces around it.
        Value::Choice("space") => t.context(ZWNJ, Handler::Space.context(0, 0)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (
                &["strip_invisible"],
                "a\u{200F}b\u{200E}c\u{202B}d\u{202C}\u{2067}e\u{2069}\u{FEFF}f\u{200B}g\u{200D}h\u{061C}\u{00AD}",
                "abcdefgh",
            ),
            (&["strip_invisible"], "می\u{200C}خواهم", "می\u{200C}خواهم"),
            (&["zwnj=space"], "می\u{200C}خواهم", "می خواهم"),
            (&["zwnj=space"], "می \u{200C}خواهم", "می خواهم"),
            (&["zwnj=delete"], "می\u{200C}خواهم", "میخواهم"),
            (&["zwnj=keep"], "می\u{200C}خواهم", "می\u{200C}خواهم"),
        ]);
    }
}
