//! Removing marks, group by group: harakat, the dagger alef, Quranic annotation marks, the
//! extended marks. The combining madda and hamzas are not removed: they compose with their
//! letter ([`super::composition`]).

use super::super::rule::{Rule, Value};
use super::super::table::TableBuilder;
use crate::text::arabic::{chars_of, DAGGER_ALEF, EXTENDED_MARKS, HARAKAT, QURANIC_MARKS};
use std::ops::RangeInclusive;

/// `strip_harakat`.
pub const STRIP_HARAKAT: Rule = Rule::on_off(
    "strip_harakat",
    "marks",
    "remove tanween, short vowels, shadda and sukun (U+064B–0652)",
    |t, _| drop_all(t, &[HARAKAT]),
);
/// `strip_dagger_alef`.
pub const STRIP_DAGGER_ALEF: Rule =
    Rule::on_off("strip_dagger_alef", "marks", "remove the dagger alef U+0670", strip_dagger_alef);
/// `strip_quranic_marks`.
pub const STRIP_QURANIC_MARKS: Rule = Rule::on_off(
    "strip_quranic_marks",
    "marks",
    "remove Quranic annotation marks (U+0610–061A, U+06D6–06ED; the symbols ۝ ۞ ۩ stay)",
    |t, _| drop_all(t, QURANIC_MARKS),
);
/// `strip_extended_marks`.
pub const STRIP_EXTENDED_MARKS: Rule = Rule::on_off(
    "strip_extended_marks",
    "marks",
    "remove extended marks (U+0656–065F, U+08D3–08FF); hamza and madda marks compose instead",
    |t, _| drop_all(t, EXTENDED_MARKS),
);

fn drop_all(t: &mut TableBuilder, ranges: &[RangeInclusive<char>]) {
    for c in chars_of(ranges) {
        t.drop_char(c);
    }
}

fn strip_dagger_alef(t: &mut TableBuilder, _: Value) {
    t.drop_char(DAGGER_ALEF);
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["strip_harakat"], "مَدْرَسَةٌ", "مدرسة"),
            (&["strip_harakat"], "شدّة هٰذا", "شدة هٰذا"),
            (&["strip_harakat"], "no arabic at all", "no arabic at all"),
            (&["strip_dagger_alef"], "هٰذا", "هذا"),
            (&["strip_quranic_marks"], "ٱلرَّحِيمِ ۝١ صلى ﷺ ؐ", "ٱلرَّحِيمِ ۝١ صلى ﷺ "),
            (&["strip_quranic_marks"], "مَالِكِ يَوْمِ ٱلدِّينِۖ", "مَالِكِ يَوْمِ ٱلدِّينِ"),
            (&["strip_extended_marks"], "بٖ بٔ", "ب بٔ"),
        ]);
    }
}
