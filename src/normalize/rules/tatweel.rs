//! Tatweel: removed, or kept where it stands as a dash between spaces.
//!
//! `strip_tatweel` alone is a table entry (drop). With `keep_tatweel_dash`, tatweel goes to the
//! [`dash`] handler instead: a run of tatweel with white space (or the start or end of the
//! text) on both sides stays (`القاهرة ـ كتب`); any other run goes. Inside another code point's
//! replacement, or next to a mark, a tatweel is never a dash, so the entry says it is removed
//! where no context applies.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::{Entry, TableBuilder, REMOVED};
use crate::text::arabic::TATWEEL;
use crate::text::is_whitespace;
use crate::text::utf8::{decode, last_char};

/// `strip_tatweel`.
pub const STRIP_TATWEEL: Rule = Rule::on_off("strip_tatweel", "letters", "remove tatweel U+0640", |t, _| t.drop_char(TATWEEL));
/// `keep_tatweel_dash`.
pub const KEEP_TATWEEL_DASH: Rule = Rule::on_off(
    "keep_tatweel_dash",
    "letters",
    "with strip_tatweel: keep a tatweel standing as a dash between spaces (القاهرة ـ كتب)",
    keep_tatweel_dash,
);

fn keep_tatweel_dash(t: &mut TableBuilder, _: Value) {
    if t.entry(TATWEEL) == Some(&Entry::Drop) {
        t.context(TATWEEL, Handler::TatweelDash.context(0, REMOVED));
    }
}

/// A run of tatweel starting at `i`: kept in the pending run between white space, else removed.
pub fn dash<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize) -> usize {
    let b = p.b;
    let mut j = i;
    let mut count = 0;
    while j + 1 < b.len() && b[j] == 0xD9 && b[j + 1] == 0x80 {
        j += 2;
        count += 1;
    }
    // Start and end of text count as space: a dash opening a line stays a dash after the
    // spaces around it are trimmed, so normalizing twice changes nothing.
    let before = if i > 0 { last_char(&b[..i]).0 } else { ' ' };
    let after = if j < b.len() { char::from_u32(decode(b, j).0).unwrap_or('\u{FFFD}') } else { ' ' };
    if is_whitespace(before) && is_whitespace(after) {
        return j;
    }
    p.flush(i);
    p.drop_to(j, count);
    j
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        const DASH: &[&str] = &["strip_tatweel", "keep_tatweel_dash"];
        check(&[
            (&["strip_tatweel"], "كتـــاب", "كتاب"),
            (&["strip_tatweel"], "القاهرة ـ كتب", "القاهرة  كتب"),
            (&["strip_tatweel"], "", ""),
            (DASH, "القاهرة ـ كتب", "القاهرة ـ كتب"),
            (DASH, "لندن ــ «القدس» كتـــاب", "لندن ــ «القدس» كتاب"),
            (DASH, "ـ بداية", "ـ بداية"),
            (DASH, "كلمةـ بداية", "كلمة بداية"),
            (&["keep_tatweel_dash"], "كتـاب", "كتـاب"),
        ]);
    }
}
