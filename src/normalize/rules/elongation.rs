//! Elongation: a letter repeated three or more times (ههههه, رااااائع) is cut to a given count.
//!
//! Entries: every Arabic letter that comes out as itself, and every code point that comes out
//! as one Arabic letter (أ under `fold_alef`, a positional presentation form), goes to the
//! [`letter`] handler with the limit and the letter it counts as. The handler looks ahead over
//! the run of code points that come out as the same letter, with removed code points (marks,
//! tatweel) between them, and writes the letter once per code point for runs of one or two,
//! `limit` times for longer runs. The rule is applied after every rule that writes letters.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::{handler, op_kind, param, removes, Entry, Kind, TableBuilder};
use crate::text::arabic::{chars_of, LETTERS};
use crate::text::is_arabic_letter;
use crate::text::utf8::decode;

/// `elongation`.
pub const ELONGATION: Rule = Rule {
    name: "elongation",
    group: "elongation",
    description: "letters repeated 3 or more times (ههههه, رااااائع) cut to this many (0: off)",
    kind: super::super::rule::ValueKind::Count,
    off: Value::Count(0),
    apply: elongation,
};

/// The parameter: the limit (up to 1000) and the letter (its offset in U+0600–06FF).
fn pack(limit: u32, letter: char) -> u32 {
    limit | (letter as u32 - 0x0600) << 10
}

fn unpack(param: u32) -> (u32, char) {
    (param & 0x3FF, char::from_u32(0x0600 + (param >> 10)).unwrap_or('\u{FFFD}'))
}

fn elongation(t: &mut TableBuilder, v: Value) {
    let Value::Count(limit) = v else { return };
    let mut watched: Vec<(char, char)> = chars_of(LETTERS).filter(|&c| t.keeps(c)).map(|c| (c, c)).collect();
    for (c, e) in t.entries() {
        if let Entry::Map(_) = e {
            let mut out = String::new();
            t.context_free(c, &mut out);
            let mut it = out.chars();
            if let (Some(d), None) = (it.next(), it.next()) {
                if d != c && is_arabic_letter(d) {
                    watched.push((c, d));
                }
            }
        }
    }
    for (c, letter) in watched {
        let context = Handler::Elongation.context(pack(limit, letter), 0);
        t.context(c, super::super::table::Context { plain: (letter != c).then_some(letter), ..context });
    }
}

/// A letter at `i` (the entry's `param`): the run of the same letter from here, cut.
pub fn letter<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, param_of_op: u32) -> usize {
    let (limit, c) = unpack(param_of_op);
    let same = |op| op_kind(op) == Kind::Context && handler(op) == Handler::Elongation as u8 && unpack(param(op)).1 == c;
    let b = p.b;
    // The run: code points that come out as `c`, with removed ones between them.
    let (mut count, mut end, mut j) = (0, i, i);
    while j < b.len() {
        let (cp, l) = decode(b, j);
        let op = p.t.op(cp);
        if same(op) {
            count += 1;
            end = j + l;
        } else if !removes(op) {
            break;
        }
        j += l;
    }
    let keep = if count <= 2 { count } else { count.min(limit) };
    let mut buf = [0u8; 4];
    let bytes = c.encode_utf8(&mut buf).as_bytes();
    let (mut j, mut written) = (i, 0);
    p.flush(i);
    while j < end {
        let (cp, l) = decode(b, j);
        if same(p.t.op(cp)) && written < keep {
            p.replace(j, l, bytes, 1);
            written += 1;
        } else {
            p.drop_to(j + l, 1);
        }
        j += l;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["elongation=1"], "ههههههه رااااائع مممتاز الله", "ه رائع متاز الله"),
            (&["elongation=2"], "ههههههه رااااائع الله", "هه راائع الله"),
            (&["elongation=3"], "ههههههه رااااائع", "ههه رااائع"),
            // Removed marks and tatweel do not break a run.
            (&["elongation=2", "strip_harakat", "strip_tatweel"], "هَهَهـهَه", "هه"),
            // Letters that other rules produce count with the letters they become.
            (&["elongation=2", "fold_alef_maqsura"], "ىيي", "يي"),
            (&["elongation=2", "fold_alef"], "أاااا", "اا"),
            (&["elongation=2", "presentation_forms"], "ﻻاا", "لاا"),
        ]);
    }
}
