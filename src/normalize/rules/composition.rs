//! Composition: decomposed letters become precomposed ones, kept marks come in canonical order.
//!
//! Entries: the combining madda and hamzas (U+0653–0655) and, once every rule has written its
//! entries, every other combining mark no rule removes or replaces, go to the [`cluster`]
//! handler. A precomposed letter whose base letter a rule changes follows its base (ۀ = ە +
//! U+0654 becomes ه + U+0654 when ە folds to ه), so precomposed and decomposed input agree.
//!
//! Handler: at the first such mark, the whole cluster of marks after it (across characters
//! removed whatever surrounds them, which leave the marks side by side) is settled at once:
//! composed into the letter before it when Unicode composes them (ا + U+0654 → أ), otherwise
//! put in canonical order, each mark keeping its own source position.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::{map1_bytes, op_kind, removes, Entry, Kind, Table, TableBuilder};
use crate::text::arabic::{chars_of, COMPOSING_MARKS};
use crate::text::utf8::decode;
use unicode_normalization::char::canonical_combining_class as ccc;
use unicode_normalization::UnicodeNormalization;

/// `compose`.
pub const COMPOSE: Rule = Rule::on_off(
    "compose",
    "unicode",
    "compose decomposed letters (ا + U+0654 → أ, و + U+0654 → ؤ, ا + U+0653 → آ ...) and put kept marks in canonical order",
    compose,
);

/// The blocks that hold combining marks, for the marks no rule names.
const MARK_BLOCKS: &[std::ops::Range<u32>] = &[
    0x0300..0x0370,
    0x0483..0x0488,
    0x0591..0x05C8,
    0x0610..0x0700,
    0x0711..0x074B,
    0x07EB..0x07F4,
    0x0816..0x0830,
    0x0859..0x085C,
    0x0898..0x0900,
    0x1AB0..0x1B00,
    0x1DC0..0x1E00,
    0x20D0..0x20F1,
    0xFE20..0xFE30,
];

fn compose(t: &mut TableBuilder, _: Value) {
    for c in chars_of(&[COMPOSING_MARKS]) {
        t.context(c, Handler::Compose.context(0, 0));
    }
    t.finish_with(finish);
}

/// Once every rule has written its entries: precomposed letters follow their bases, and every
/// kept combining mark goes through the handler.
fn finish(t: &mut TableBuilder) {
    let mut follow = Vec::new();
    for p in (0x00C0u32..0x0250).chain(0x0600..0x0700).filter_map(char::from_u32) {
        if t.entry(p).is_some() {
            continue;
        }
        let nfd: String = p.to_string().nfd().collect();
        let mut parts = nfd.chars();
        let Some(base) = parts.next() else { continue };
        if nfd.chars().count() < 2 || !matches!(t.entry(base), Some(Entry::Map(_) | Entry::Drop)) {
            continue;
        }
        let mut mapped = String::new();
        t.context_free(base, &mut mapped);
        mapped.extend(parts);
        follow.push((p, mapped.nfc().collect::<String>()));
    }
    for (p, to) in follow {
        t.map(p, &to);
    }
    for c in MARK_BLOCKS.iter().flat_map(|r| r.clone()).filter_map(char::from_u32) {
        if ccc(c) != 0 && t.keeps(c) {
            t.context(c, Handler::Compose.context(0, 0));
        }
    }
}

/// At `i`, a run of characters removed whatever surrounds them, followed by a combining mark:
/// the end of the run and its length in characters.
fn removed_before_mark(t: &Table, b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    let mut n = 0;
    while j < b.len() {
        let (code, l) = decode(b, j);
        if ccc(char::from_u32(code)?) != 0 {
            return (n > 0).then_some((j, n));
        }
        // A tatweel next to a mark is never a dash between spaces: it goes when its rule is on.
        if !removes(t.op(code)) {
            return None;
        }
        j += l;
        n += 1;
    }
    None
}

/// The marks a code point of the cluster contributes, with `src` (its position) each.
fn marks_of(t: &Table, c: char, src: usize, marks: &mut Vec<(char, usize)>) {
    let op = t.op(c as u32);
    match op_kind(op) {
        _ if removes(op) => {}
        Kind::Map | Kind::Reenter => marks.extend(t.replacement(op).0.chars().map(|m| (m, src))),
        Kind::Map1 => {
            let (bytes, n) = map1_bytes(op);
            marks.extend(std::str::from_utf8(&bytes[..n]).unwrap_or("").chars().map(|m| (m, src)));
        }
        _ => marks.push((c, src)),
    }
}

/// A combining mark that is kept or composes: settle its whole cluster at once.
pub fn cluster<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize) -> usize {
    p.flush(i);
    let t = p.t;
    let b = p.b;
    let mut marks = std::mem::take(&mut p.scratch);
    marks.clear();
    let mut j = i;
    let mut cp = p.run_cp;
    while j < b.len() {
        let (code, l) = decode(b, j);
        let Some(c) = char::from_u32(code) else { break };
        if ccc(c) == 0 {
            // Characters removed between two marks (ZWSP, bidi controls, tatweel) leave the
            // marks side by side in the output: one cluster, so they are put in canonical
            // order now and a second pass finds nothing to change.
            match removed_before_mark(t, b, j) {
                Some((to, n)) => {
                    j = to;
                    cp += n;
                    continue;
                }
                None => break,
            }
        }
        marks_of(t, c, cp, &mut marks);
        j += l;
        cp += 1;
    }
    let cluster_end_cp = cp;
    let cluster_chars = cluster_end_cp - p.run_cp;
    if !marks.is_empty() {
        let base = p.last_output_char().filter(|&c| ccc(c) == 0);
        let mut seq = String::new();
        seq.extend(base);
        seq.extend(marks.iter().map(|m| m.0));
        let nfc: String = seq.nfc().collect();
        let composed = base.is_some_and(|c| !nfc.starts_with(c) || nfc.chars().count() < seq.chars().count());
        if composed {
            // The base took a mark: re-emit base + marks as one group from the base's start.
            let base_src = if OFFSETS { p.align.last_source().map_or(p.run_cp, |s| s.0) } else { 0 };
            p.pop_char();
            let mut mapped = String::new();
            for c in nfc.chars() {
                t.map_char(c, &mut mapped);
            }
            let n = mapped.chars().count();
            p.emit(mapped.as_bytes(), n, base_src, cluster_end_cp.saturating_sub(base_src));
        } else {
            // Canonical order: stable sort by combining class, each mark from its own place.
            marks.sort_by_key(|m| ccc(m.0));
            let mut buf = [0u8; 4];
            for &(m, src) in &marks {
                p.emit(m.encode_utf8(&mut buf).as_bytes(), 1, src, 1);
            }
        }
    }
    let emitted = !marks.is_empty();
    p.scratch = marks;
    if emitted {
        p.skip_to(j, cluster_chars);
    } else {
        p.drop_to(j, cluster_chars);
    }
    j
}

#[cfg(test)]
mod tests {
    use super::super::cases::{check, normalizer};

    #[test]
    fn cases() {
        check(&[
            (&["compose"], "ا\u{0654}و\u{0654}ي\u{0654}ا\u{0653}ا\u{0655}", "أؤئآإ"),
            (&["compose"], "ب\u{0651}\u{064E}", "ب\u{064E}\u{0651}"),
            (&["compose"], "ب\u{0654}", "ب\u{0654}"),
            (&["compose"], "e\u{0301}", "é"),
            (&["compose", "fold_alef", "fold_hamza_carriers"], "ا\u{0654}حمد مو\u{0654}تمر", "احمد موتمر"),
            // A hamza after a stripped vowel still reaches its carrier (NFD order).
            (&["compose", "strip_harakat"], "ا\u{064E}\u{0654}", "أ"),
            // A precomposed letter follows its folded base: ۀ = ە + U+0654.
            (&["compose", "fold_persian_letters"], "ۀ ە\u{0654}", "ه\u{0654} ه\u{0654}"),
        ]);
    }

    #[test]
    fn nfc_and_nfd_inputs_agree() {
        let n = normalizer(&["compose"]);
        assert_eq!(n.normalize("ا\u{064E}\u{0654}"), n.normalize("أَ"));
        assert_eq!(n.normalize("أَ"), "أَ");
    }

    #[test]
    fn marks_meeting_across_removed_characters_are_ordered_once() {
        // U+0610 (class 230), then ZWSP / tatweel / RLM, then U+0655 (class 220): once the
        // middle goes, the two marks are one cluster and come out in canonical order.
        for mid in ["\u{200B}", "\u{0640}", "\u{200F}\u{200B}"] {
            let s = format!("ءء\u{0610}{mid}\u{0655}ءء");
            check(&[(&["compose", "strip_tatweel", "strip_invisible"], &s, "ءء\u{0655}\u{0610}ءء")]);
        }
    }
}
