//! Damage that lost bytes: UTF-8 read as Latin-1 with the C1 controls then stripped, or read as
//! strict windows-1252, which turns the five bytes it leaves unassigned (0x81, 0x8D, 0x8F,
//! 0x90, 0x9D) into U+FFFD.
//!
//! The lead byte of every character survives, and it narrows the lost continuation byte to a
//! few dozen code points: `Ù` with its continuation gone was one of U+0640–065F (ـ ف ق ك ل م ن
//! ه و ى ي and the harakat). [`decode`] reads the bytes as UTF-8 with such gaps, each gap
//! carrying the characters it can have been; [`fill`] picks one per gap over a whole line. A
//! word with gaps becomes one of the listed words that fit it, chosen together with the words
//! around it (a Viterbi pass over the line's words under the model's word pairs: `ÙÙ` is `من`
//! after `عدد` and `في` after `وذلك`); any gap left is chosen by the symbol-pair model over
//! the line (a Viterbi pass over characters). So the result, damaged again the same way, gives
//! back exactly the input.

use super::model::model;
use super::symbols::symbol;
use crate::text::is_arabic_letter;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A token of re-encoded text: a byte, or [`LOST`] for a U+FFFD that stood for one byte.
pub type Token = u16;
/// One byte a strict windows-1252 decoder replaced with U+FFFD.
pub const LOST: Token = 256;
/// The bytes strict windows-1252 leaves unassigned.
const UNASSIGNED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// A character, or a gap with the characters it can have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A character read in full.
    Char(char),
    /// A character that lost bytes: its lead byte, whether the loss was a U+FFFD (strict
    /// windows-1252) rather than a stripped C1 byte, and what it can have been.
    Gap(Gap),
}

/// A character that lost bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The lead byte that survived.
    pub lead: u8,
    /// Whether U+FFFD marked the loss (else a C1 byte vanished).
    pub strict: bool,
    /// Every character it can have been.
    pub options: Vec<char>,
}

/// A run read as UTF-8 with gaps.
#[derive(Debug, Default)]
pub struct Gapped {
    /// Characters and gaps, in order.
    pub items: Vec<Item>,
    /// Multi-byte characters read in full (the evidence that this is UTF-8 at all).
    pub whole: usize,
    /// Gaps.
    pub gaps: usize,
}

/// Read `tokens` as UTF-8 in which continuation bytes were lost: [`LOST`] tokens, and, when
/// `c1_stripped`, continuation bytes 0x80–0x9F that vanished without a trace. `None` when some
/// byte cannot be explained that way.
pub fn decode(tokens: &[Token], c1_stripped: bool) -> Option<Gapped> {
    let mut out = Gapped::default();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t < 0x80 {
            out.items.push(Item::Char(char::from(t as u8)));
            i += 1;
            continue;
        }
        let len = match t {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        let mut conts: Vec<Token> = Vec::with_capacity(3);
        let mut j = i + 1;
        while conts.len() < len - 1 && j < tokens.len() && is_continuation(tokens[j]) {
            conts.push(tokens[j]);
            j += 1;
        }
        let missing = len - 1 - conts.len();
        if missing > 0 && !c1_stripped || missing > 2 {
            return None;
        }
        if missing == 0 && !conts.contains(&LOST) {
            let mut bytes = vec![t as u8];
            bytes.extend(conts.iter().map(|&c| c as u8));
            let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
            out.items.push(Item::Char(c));
            out.whole += 1;
        } else {
            let candidates = candidates(t as u8, &conts, missing);
            if candidates.is_empty() {
                return None;
            }
            out.items.push(Item::Gap(Gap { lead: t as u8, strict: missing == 0, options: candidates }));
            out.gaps += 1;
        }
        i = j;
    }
    Some(out)
}

fn is_continuation(t: Token) -> bool {
    t == LOST || (0x80..=0xBF).contains(&t)
}

/// Every character with lead byte `lead` whose continuation bytes are `conts` (a [`LOST`] one
/// any unassigned windows-1252 byte) with `missing` C1 bytes 0x80–0x9F taken out anywhere.
fn candidates(lead: u8, conts: &[Token], missing: usize) -> Vec<char> {
    let slots = conts.len() + missing;
    let mut out = Vec::new();
    // Which slots were the missing ones: every choice of `missing` of the `slots`.
    for mask in 0u32..(1 << slots) {
        if mask.count_ones() as usize != missing {
            continue;
        }
        let mut options: Vec<Vec<u8>> = Vec::with_capacity(slots);
        let mut known = conts.iter();
        for s in 0..slots {
            options.push(if mask & (1 << s) != 0 {
                (0x80..=0x9F).collect()
            } else {
                match *known.next().expect("slot count") {
                    LOST => UNASSIGNED_1252.to_vec(),
                    b => vec![b as u8],
                }
            });
        }
        expand(&mut vec![lead], &options, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn expand(prefix: &mut Vec<u8>, options: &[Vec<u8>], out: &mut Vec<char>) {
    let Some((first, rest)) = options.split_first() else {
        if let Some(c) = std::str::from_utf8(prefix).ok().and_then(|s| s.chars().next()) {
            out.push(c);
        }
        return;
    };
    for &b in first {
        prefix.push(b);
        expand(prefix, rest, out);
        prefix.pop();
    }
}

/// What [`fill`] chose.
pub struct Filled {
    /// The text.
    pub text: String,
    /// Gaps filled from the word list.
    pub by_word: usize,
}

/// Most listed words a word with gaps is chosen among (the most frequent that fit it).
const WORD_OPTIONS: usize = 8;

/// A word of the line being filled: its items, and the listed words it can be (ids, most
/// frequent first; one when it has no gaps or no listed word fits it).
struct Slot {
    start: usize,
    end: usize,
    gaps: usize,
    options: Vec<u32>,
}

/// Choose a character for every gap of `items`, a whole line (or a run of one); `before` and
/// `after` are the characters around it (`None` at a line's ends).
pub fn fill(items: &[Item], before: Option<char>, after: Option<char>) -> Filled {
    let m = model();
    let mut chosen = viterbi(items, before, after);
    let mut slots = Vec::new();
    let mut start = 0;
    while start < items.len() {
        if !in_word(&items[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < items.len() && in_word(&items[end]) {
            end += 1;
        }
        let gaps = items[start..end].iter().filter(|i| matches!(i, Item::Gap(_))).count();
        let options = if gaps == 0 {
            vec![m.id(&chosen[start..end].iter().collect::<String>())]
        } else {
            fitting_words(&items[start..end]).map_or_else(|| vec![m.unlisted_id()], |w| w.to_vec())
        };
        slots.push(Slot { start, end, gaps, options });
        start = end;
    }
    let mut by_word = 0;
    for (slot, id) in slots.iter().zip(best_words(&slots)) {
        if slot.gaps > 0 && id != m.unlisted_id() {
            by_word += slot.gaps;
            chosen.splice(slot.start..slot.end, m.word_of(id).chars());
        }
    }
    Filled { text: chosen.into_iter().collect(), by_word }
}

fn in_word(item: &Item) -> bool {
    match item {
        Item::Char(c) => is_arabic_letter(*c),
        Item::Gap(g) => g.options.iter().any(|&c| is_arabic_letter(c)),
    }
}

/// The word of every slot that makes the line most likely under the model's word pairs (a
/// Viterbi pass; the line starts at [`super::model::Model::start_id`]).
fn best_words(slots: &[Slot]) -> Vec<u32> {
    let m = model();
    if slots.iter().all(|s| s.options.len() == 1) {
        return slots.iter().map(|s| s.options[0]).collect();
    }
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(slots.len());
    let mut score = vec![0f64];
    let mut prev: &[u32] = &[m.start_id()];
    for slot in slots {
        let (mut next, mut from) = (Vec::with_capacity(slot.options.len()), Vec::with_capacity(slot.options.len()));
        for &b in &slot.options {
            let (k, best) = prev
                .iter()
                .enumerate()
                .map(|(k, &a)| (k, score[k] + m.follow(a, b)))
                .fold((0, f64::NEG_INFINITY), |x, y| if y.1 > x.1 { y } else { x });
            next.push(best);
            from.push(k);
        }
        score = next;
        back.push(from);
        prev = &slot.options;
    }
    let mut k = (0..score.len()).fold(0, |a, b| if score[b] > score[a] { b } else { a });
    let mut out = vec![0; slots.len()];
    for i in (0..slots.len()).rev() {
        out[i] = slots[i].options[k];
        k = back[i][k];
    }
    out
}

/// The listed words that fit `items`, most frequent first (at most [`WORD_OPTIONS`]): listed
/// words are indexed by how each damage chain leaves them (a lost letter becomes a mark of its
/// lead byte), so a word with gaps is one lookup.
fn fitting_words(items: &[Item]) -> Option<&'static [u32]> {
    let strict = items.iter().find_map(|i| match i {
        Item::Gap(g) => Some(g.strict),
        Item::Char(_) => None,
    })?;
    let key: String = items
        .iter()
        .map(|i| match i {
            Item::Char(c) => *c,
            Item::Gap(g) => mark(g.lead, strict),
        })
        .collect();
    damaged_words(strict).get(&key).map(Vec::as_slice)
}

/// The mark standing for a letter with lead byte `lead` that lost a byte.
fn mark(lead: u8, strict: bool) -> char {
    char::from_u32(if strict { 0xE100 } else { 0xE000 } + lead as u32).expect("private use")
}

/// `word` as a damage chain leaves it: every letter that loses a byte (a C1 continuation byte
/// stripped, or under `strict` one that windows-1252 leaves unassigned) becomes a mark of its
/// lead byte (a private-use character).
pub fn damaged_key(word: &str, strict: bool) -> String {
    word.chars().map(|c| damaged(c, strict).unwrap_or(c)).collect()
}

/// Every listed word as the chain leaves it -> the most frequent words left that way.
fn damaged_words(strict: bool) -> &'static HashMap<String, Vec<u32>> {
    static MAPS: OnceLock<[HashMap<String, Vec<u32>>; 2]> = OnceLock::new();
    let maps = MAPS.get_or_init(|| {
        let build = |strict: bool| {
            let mut map: HashMap<String, Vec<u32>> = HashMap::new();
            // Most frequent first, so each list keeps the most frequent words.
            for (id, word, _) in model().words() {
                let ids = map.entry(damaged_key(word, strict)).or_default();
                if ids.len() < WORD_OPTIONS {
                    ids.push(id);
                }
            }
            map
        };
        [build(false), build(true)]
    });
    &maps[strict as usize]
}

/// The mark `c` becomes when the chain loses one of its bytes, `None` when it survives.
fn damaged(c: char, strict: bool) -> Option<char> {
    let mut buf = [0; 4];
    let bytes = c.encode_utf8(&mut buf).as_bytes();
    let lost = bytes[1..].iter().any(|b| if strict { UNASSIGNED_1252.contains(b) } else { (0x80..=0x9F).contains(b) });
    lost.then(|| mark(bytes[0], strict))
}

/// The most likely character per item under the symbol-pair model.
///
/// The model scores symbols, not characters: options of one item that share a symbol score
/// alike everywhere, so only the first of each symbol is kept (the one a tie went to anyway).
/// A gap after a three- or four-byte lead can stand for thousands of characters but holds a
/// handful of symbols, so two such gaps in a row cost a few dozen pairs, not millions.
fn viterbi(items: &[Item], before: Option<char>, after: Option<char>) -> Vec<char> {
    let m = model();
    let start = before.map_or(super::symbols::BREAK, symbol);
    let options: Vec<Vec<(char, u16)>> = items
        .iter()
        .map(|i| match i {
            Item::Char(c) => vec![(*c, symbol(*c))],
            Item::Gap(g) => {
                let mut seen = Vec::new();
                for &c in &g.options {
                    let s = symbol(c);
                    if !seen.iter().any(|&(_, t)| t == s) {
                        seen.push((c, s));
                    }
                }
                seen
            }
        })
        .collect();
    // score[k]: best log probability of a path ending in option k of the current item;
    // back[i][k]: the option of item i - 1 on that path.
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(items.len());
    let mut score: Vec<f32> = Vec::new();
    for (i, opts) in options.iter().enumerate() {
        let mut next = Vec::with_capacity(opts.len());
        let mut from = Vec::with_capacity(opts.len());
        for &(_, s) in opts.iter() {
            if i == 0 {
                next.push(m.pair(start, s));
                from.push(0);
                continue;
            }
            let (k, best) = options[i - 1]
                .iter()
                .enumerate()
                .map(|(k, &(_, p))| (k, score[k] + m.pair(p, s)))
                .fold((0, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a });
            next.push(best);
            from.push(k);
        }
        score = next;
        back.push(from);
    }
    if items.is_empty() {
        return Vec::new();
    }
    let end = after.map(symbol);
    let last = &options[items.len() - 1];
    let mut k = (0..last.len())
        .map(|k| (k, score[k] + end.map_or(0.0, |e| m.pair(last[k].1, e))))
        .fold((0, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a })
        .0;
    let mut out = vec!['\0'; items.len()];
    for i in (0..items.len()).rev() {
        out[i] = options[i][k].0;
        k = back[i][k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(bytes: &[u8]) -> Vec<Token> {
        bytes.iter().map(|&b| b as Token).collect()
    }

    #[test]
    fn whole_text_reads_without_gaps() {
        let g = decode(&tokens("سلام".as_bytes()), true).unwrap();
        assert_eq!(g.whole, 4);
        assert_eq!(g.gaps, 0);
    }

    #[test]
    fn a_stripped_continuation_is_a_gap_of_its_lead() {
        // "ل" is D9 84: with 0x84 stripped only D9 is left.
        let g = decode(&tokens(&[0xD8, 0xA7, 0xD9]), true).unwrap();
        assert_eq!(g.gaps, 1);
        let Item::Gap(gap) = &g.items[1] else { panic!() };
        assert_eq!(gap.options.len(), 32);
        assert!(gap.options.contains(&'ل') && gap.options.contains(&'ـ'));
        assert!(decode(&tokens(&[0xD8, 0xA7, 0xD9]), false).is_none());
        assert!(decode(&tokens(&[0xA7]), true).is_none());
    }

    #[test]
    fn a_replacement_stands_for_an_unassigned_byte() {
        let g = decode(&[0xD9, LOST], false).unwrap();
        let options = vec!['ف', '\u{64D}', '\u{64F}', '\u{650}', '\u{65D}'];
        assert_eq!(g.items, vec![Item::Gap(Gap { lead: 0xD9, strict: true, options })]);
    }

    /// The Viterbi pass over every option of every item, as the definition reads.
    fn viterbi_all(items: &[Item], before: Option<char>, after: Option<char>) -> Vec<char> {
        let m = model();
        let options: Vec<&[char]> = items
            .iter()
            .map(|i| match i {
                Item::Char(c) => std::slice::from_ref(c),
                Item::Gap(g) => g.options.as_slice(),
            })
            .collect();
        let mut back: Vec<Vec<usize>> = Vec::new();
        let mut score: Vec<f32> = Vec::new();
        for (i, opts) in options.iter().enumerate() {
            let (mut next, mut from) = (Vec::new(), Vec::new());
            for &c in opts.iter() {
                if i == 0 {
                    next.push(m.pair(before.map_or(super::super::symbols::BREAK, symbol), symbol(c)));
                    from.push(0);
                    continue;
                }
                let (k, best) = options[i - 1]
                    .iter()
                    .enumerate()
                    .map(|(k, &p)| (k, score[k] + m.pair(symbol(p), symbol(c))))
                    .fold((0, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a });
                next.push(best);
                from.push(k);
            }
            score = next;
            back.push(from);
        }
        let last = options[items.len() - 1];
        let mut k = (0..last.len())
            .map(|k| (k, score[k] + after.map_or(0.0, |e| m.pair(symbol(last[k]), symbol(e)))))
            .fold((0, f32::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a })
            .0;
        let mut out = vec!['\0'; items.len()];
        for i in (0..items.len()).rev() {
            out[i] = options[i][k];
            k = back[i][k];
        }
        out
    }

    #[test]
    fn viterbi_on_one_option_per_symbol_is_viterbi_on_all() {
        // Gaps after two-, three- and four-byte leads (32 to hundreds of options, across the
        // model's symbol classes), in runs, next to letters, with and without context.
        let gap = |lead: u8, options: std::ops::RangeInclusive<u32>| {
            Item::Gap(Gap { lead, strict: false, options: options.filter_map(char::from_u32).collect() })
        };
        let pieces = [
            Item::Char('ا'),
            Item::Char(' '),
            Item::Char('x'),
            gap(0xD9, 0x640..=0x65F),
            gap(0xD8, 0x600..=0x61F),
            gap(0xE2, 0x2040..=0x20AF),
            gap(0xEF, 0xFDF0..=0xFFFF),
            gap(0xF0, 0x1F600..=0x1F6FF),
        ];
        let mut state = 7u32;
        for n in 1..60 {
            let items: Vec<Item> = (0..n)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    pieces[(state >> 16) as usize % pieces.len()].clone()
                })
                .collect();
            for (before, after) in [(None, None), (Some('ل'), Some(' ')), (Some('a'), Some('ـ'))] {
                assert_eq!(viterbi(&items, before, after), viterbi_all(&items, before, after), "{n} items");
            }
        }
    }

    #[test]
    fn words_and_context_fill_gaps() {
        // "العربية" with ل and ي stripped.
        let mut bytes = "العربية".as_bytes().to_vec();
        bytes.retain(|b| !(0x80..=0x9F).contains(b));
        let g = decode(&tokens(&bytes), true).unwrap();
        assert_eq!(fill(&g.items, None, None).text, "العربية");
    }
}
