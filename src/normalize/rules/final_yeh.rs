//! Word-final yeh to alef maqsura (the Egyptian spelling): ي at the end of a word becomes ى.
//!
//! The [`handle`] handler looks past the marks after the yeh: when an Arabic letter follows,
//! the yeh is inside a word and stays.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::TableBuilder;
use crate::text::is_arabic_letter;
use crate::text::utf8::decode;
use unicode_normalization::char::canonical_combining_class as ccc;

/// `final_yeh_to_alef_maqsura`.
pub const FINAL_YEH: Rule = Rule::on_off(
    "final_yeh_to_alef_maqsura",
    "letters",
    "the reverse: word-final ي to ى (Egyptian spelling)",
    final_yeh,
);

fn final_yeh(t: &mut TableBuilder, _: Value) {
    t.context('ي', Handler::FinalYeh.context(0, 0));
}

/// Yeh at `i` (`len` bytes): ى unless a letter follows it (its marks aside).
pub fn handle<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, len: usize) -> usize {
    let b = p.b;
    let mut j = i + len;
    let next = loop {
        if j >= b.len() {
            break None;
        }
        let (cp, l) = decode(b, j);
        match char::from_u32(cp) {
            Some(c) if ccc(c) != 0 => j += l,
            c => break c,
        }
    };
    if !next.is_some_and(is_arabic_letter) {
        p.replace(i, len, "ى".as_bytes(), 1);
    }
    i + len
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["final_yeh_to_alef_maqsura"], "في علي يوم فيَ يَد", "فى على يوم فىَ يَد"),
            (&["final_yeh_to_alef_maqsura"], "ي", "ى"),
            (&["final_yeh_to_alef_maqsura"], "في.", "فى."),
        ]);
    }
}
