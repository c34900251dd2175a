//! Repair broken Arabic text: find encoding damage, undo it, and say what was done.
//!
//! Damage chains undone (each is "written in A, read as B"; see [`steps`]):
//! - UTF-8 read as windows-1252 or Latin-1 (with its C1 controls kept), once, twice or three
//!   times over;
//! - UTF-8 read as Latin-1 with the C1 controls then stripped, or as strict windows-1252 with
//!   U+FFFD for its unassigned bytes: bytes were lost, and [`gaps`] restores the letters from
//!   the lead bytes left and a compact Arabic model ([`model`]);
//! - windows-1256 or ISO-8859-6 read as windows-1252/Latin-1 or windows-1251;
//! - UTF-8 read as windows-1256;
//! - HTML character references left in the text ([`entities`]).
//!
//! How a decision is made: a text without any sign of damage ([`detect::suspicious`], one
//! pass over the bytes) is clean and returned as it is. Otherwise each line with a sign is
//! tried against every step; a candidate is kept only if it is far more likely as Arabic text
//! than the line as it stands ([`model::Model::score`], a log likelihood) — by at least
//! [`MIN_GAIN`] — and the best one wins. Steps repeat on the result (double and triple
//! damage) until none gains. A line undone from a single-byte page must also read as Arabic on
//! its own ([`PAGE_KNOWN_WORDS`]). So clean text in any language stays as it is: a step must make
//! the line read as Arabic, not merely change it. The gain also gives the confidence:
//! `1 - exp(-gain / 10)`, scaled down for lossy chains by the share of restored letters that
//! the word list (rather than the character model alone) chose.

pub mod codepage;
pub mod detect;
pub mod entities;
pub mod gaps;
pub mod model;
pub mod steps;
pub mod symbols;
#[cfg(feature = "arrow")]
pub mod table;

#[cfg(test)]
mod tests;

use model::model;
use steps::{undo, Step, STEPS};

/// Least gain in log likelihood (nats, over the line) for a candidate to replace a line.
pub const MIN_GAIN: f64 = 12.0;
/// Least share of known words (in the model's word list) among the words of two letters or
/// more of a line undone from a single-byte page: text in a single-byte page has no validity
/// check (every byte is some character), so the result must read as Arabic on its own, not
/// merely better than the damaged line. Russian read as the bytes of an Arabic page becomes
/// Arabic letters, but hardly ever Arabic words.
pub const PAGE_KNOWN_WORDS: f64 = 0.4;
/// Most steps undone on one line (triple UTF-8 damage needs three).
const MAX_ROUNDS: usize = 4;

/// One line (or the whole text, for HTML references) that was changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// Code-point span of the line in the input, half-open.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// The steps undone, in the order they were undone.
    pub chain: Vec<String>,
    /// How sure the repair is, 0–1.
    pub confidence: f64,
    /// Characters restored where bytes were lost.
    pub restored: usize,
}

/// A repaired text and what was done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// What was done, line by line.
    pub fixes: Vec<Fix>,
}

impl Repaired {
    /// Every distinct chain, in order of first use, each as its steps joined with " > ".
    pub fn chains(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.fixes {
            let c = f.chain.join(" > ");
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The lowest confidence of any fix.
    pub fn confidence(&self) -> f64 {
        self.fixes.iter().map(|f| f.confidence).fold(1.0, f64::min)
    }

    /// Characters restored in all.
    pub fn restored(&self) -> usize {
        self.fixes.iter().map(|f| f.restored).sum()
    }
}

/// `text` repaired, or `None` when it has no damage to undo (it is then clean as it is).
///
/// Line by line: a line without a sign of damage is left as it is; the commonest damage, UTF-8
/// read once as windows-1252 or Latin-1, is undone in one pass over the line
/// ([`utf8_as_latin`]); any other line goes through every step ([`repair_line`]).
pub fn repair(text: &str) -> Option<Repaired> {
    if !detect::suspicious(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut fixes = Vec::new();
    let mut cp = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut from = 0;
    for end in ends {
        // `\n` is ASCII, so `from..end` are character boundaries.
        let line = &text[from..end];
        from = end + 1;
        let chars = crate::text::count_chars(line.as_bytes());
        let fix = if detect::suspicious(line) {
            utf8_as_latin(line, &mut out).or_else(|| {
                let (fixed, fix) = repair_line(line)?;
                out.push_str(&fixed);
                Some(fix)
            })
        } else {
            None
        };
        match fix {
            Some(mut fix) => {
                (fix.start, fix.end) = (cp, cp + chars);
                fixes.push(fix);
            }
            None => out.push_str(line),
        }
        out.push('\n');
        cp += chars + 1;
    }
    out.pop();
    finish(text, out, fixes)
}

/// Least gain for a line of [`utf8_as_latin`] to be taken without trying the other steps: the
/// lines of a damaged article gain hundreds; a line below this (a short one, a stray `Â©`) is
/// decided as [`repair_line`] decides it.
const CLEAR_GAIN: f64 = 4.0 * MIN_GAIN;

/// `line` undone as UTF-8 read once as windows-1252 or Latin-1, in one pass: every character
/// written back to its byte, the bytes valid UTF-8 that leaves no sign of damage, and the line
/// gaining at least [`CLEAR_GAIN`] ([`repair_line`]'s gain, so its confidence). The decoded
/// line is appended to `out`; `None` (and `out` as it was) when the line is not such a line, or
/// its gain is not clear.
fn utf8_as_latin(line: &str, out: &mut String) -> Option<Fix> {
    thread_local! {
        // The line's bytes and symbols, kept between lines and calls: fresh buffers for every
        // line were a measurable share of a repair in page faults alone.
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u16>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with_borrow_mut(|(bytes, syms)| {
        let old_score = latin_bytes_and_score(line, bytes, syms)?;
        let decoded = simdutf8::basic::from_utf8(bytes).ok()?;
        if detect::suspicious(decoded) {
            return None;
        }
        let gain = model().score(decoded) - old_score;
        if gain < CLEAR_GAIN {
            return None;
        }
        out.push_str(decoded);
        Some(Fix {
            start: 0,
            end: 0,
            chain: vec![Step::Utf8As(codepage::CodePage::Latin).name()],
            confidence: 1.0 - (-gain / 10.0).exp(),
            restored: 0,
        })
    })
}

/// `text`, UTF-8 read as windows-1252 or Latin-1, written back to its bytes (into `bytes`),
/// with its score as it stands ([`model::Model::score`]). `None` when a character is not in the
/// page.
///
/// One pass reads each character once, for its byte and its symbol (into `syms`), and a second
/// sums the symbol pairs (kept apart so that the sum stays in a register). U+0080–00FF (`C2 xx`,
/// `C3 xx`), which damaged Arabic alternates between letter by letter, take one branch-free
/// path; the page's other characters (`ƒ`, `…`, `€`) the general one. (A table-driven
/// automaton over the bytes, free of branches, was no faster: each byte then waits for the
/// lookup of the one before.)
fn latin_bytes_and_score(text: &str, bytes: &mut Vec<u8>, syms: &mut Vec<u16>) -> Option<f64> {
    // The symbols of U+0000–00FF, which most such text is made of.
    static LOW: std::sync::OnceLock<[u16; 256]> = std::sync::OnceLock::new();
    let low = LOW.get_or_init(|| std::array::from_fn(|u| symbols::symbol(char::from(u as u8))));
    let table = codepage::CodePage::Latin.table();
    // The symbols of the page's characters outside U+0000–00FF, by their byte: a byte has one
    // such character at most (the letters and signs windows-1252 puts in 0x80–0x9F).
    static UPPER: std::sync::OnceLock<[u16; 128]> = std::sync::OnceLock::new();
    let upper = UPPER.get_or_init(|| std::array::from_fn(|k| table.upper[k].map_or(0, symbols::symbol)));
    let b = text.as_bytes();
    // Written by index into the buffers' spare room, as long as the text (a character gives one
    // byte at most), then taken up to the bytes written.
    bytes.clear();
    syms.clear();
    bytes.reserve(b.len());
    syms.reserve(b.len());
    let out = &mut bytes.spare_capacity_mut()[..b.len()];
    let out_syms = &mut syms.spare_capacity_mut()[..b.len()];
    let (mut i, mut j) = (0, 0);
    while i < b.len() {
        let x = b[i];
        let (byte, s) = if x < 0x80 {
            i += 1;
            (x, low[usize::from(x)])
        } else if x & 0xFE == 0xC2 {
            // U+0080–00FF: the continuation byte's six bits under 0x80, and 0x40 for C3.
            let y = (*b.get(i + 1)? & 0x3F) | 0x80 | ((x & 1) << 6);
            i += 2;
            (y, low[usize::from(y)])
        } else {
            let (cp, len) = crate::text::utf8::decode(b, i);
            i += len;
            let byte = table.byte(char::from_u32(cp)?)?;
            (byte, upper[usize::from(byte & 0x7F)])
        };
        out[j].write(byte);
        out_syms[j].write(s);
        j += 1;
    }
    // SAFETY: the first `j` places of both buffers were written in the loop.
    unsafe {
        bytes.set_len(j);
        syms.set_len(j);
    }
    Some(model().score_symbols(syms))
}

/// [`repair`] with every line through every step (the reference the one-pass reading of
/// [`utf8_as_latin`] is tested against).
#[cfg(test)]
fn repair_by_line(text: &str) -> Option<Repaired> {
    let mut out = String::with_capacity(text.len());
    let mut fixes = Vec::new();
    let mut cp = 0;
    for line in text.split_inclusive('\n') {
        let chars = line.chars().count();
        let body = line.strip_suffix('\n').unwrap_or(line);
        match repair_line(body) {
            Some((fixed, mut fix)) => {
                out.push_str(&fixed);
                out.push_str(&line[body.len()..]);
                fix.start = cp;
                fix.end = cp + body.chars().count();
                fixes.push(fix);
            }
            None => out.push_str(line),
        }
        cp += chars;
    }
    finish(text, out, fixes)
}

/// The repaired lines `out` of `text` (with their `fixes`), HTML references then decoded.
fn finish(text: &str, out: String, mut fixes: Vec<Fix>) -> Option<Repaired> {
    let repaired = if fixes.is_empty() { text } else { out.as_str() };
    if let Some((decoded, _)) = entities::decode(repaired) {
        let end = text.chars().count();
        fixes.push(Fix {
            start: 0,
            end,
            chain: vec!["html entities".into()],
            confidence: 1.0,
            restored: 0,
        });
        return Some(Repaired {
            text: decoded,
            fixes,
        });
    }
    if fixes.is_empty() {
        return None;
    }
    Some(Repaired { text: out, fixes })
}

/// One line repaired, with its fix (span left for the caller).
fn repair_line(line: &str) -> Option<(String, Fix)> {
    if !detect::suspicious(line) {
        return None;
    }
    let m = model();
    let mut current = line.to_string();
    let mut chain = Vec::new();
    let mut confidence = 1.0f64;
    let mut restored = 0;
    for round in 0..MAX_ROUNDS {
        // What is left is looked at as a line is: without a sign there is nothing more to undo
        // (double and triple damage leave signs after each step undone).
        if round > 0 && !detect::suspicious(&current) {
            break;
        }
        let base = m.score(&current);
        let mut best: Option<(f64, Step, steps::Undone)> = None;
        for step in STEPS {
            let Some(cand) = candidate(step, &current) else {
                continue;
            };
            let score = m.score(&cand.text);
            let gain = score - base;
            if matches!(step, Step::PageAs { .. }) && known_words(&cand.text) < PAGE_KNOWN_WORDS {
                continue;
            }
            if gain >= MIN_GAIN && best.as_ref().is_none_or(|(g, _, _)| gain > *g) {
                best = Some((gain, step, cand));
            }
        }
        let Some((gain, step, cand)) = best else {
            break;
        };
        let mut c = 1.0 - (-gain / 10.0).exp();
        let mut name = step.name();
        if cand.restored > 0 {
            c *= (cand.by_word as f64 + 0.5 * (cand.restored - cand.by_word) as f64)
                / cand.restored as f64;
            name.push_str(" (bytes lost)");
        }
        confidence = confidence.min(c);
        restored += cand.restored;
        chain.push(name);
        current = cand.text;
    }
    if chain.is_empty() {
        return None;
    }
    Some((
        current,
        Fix {
            start: 0,
            end: 0,
            chain,
            confidence,
            restored,
        },
    ))
}

/// The share of listed words among the Arabic words of two letters or more of `text`.
fn known_words(text: &str) -> f64 {
    let m = model();
    // Words with their marks and tatweel: letters in an order no Arabic text has come out
    // of a wrong page with harakat and tatweel between them, which no listed word has.
    let words = text
        .split(|c: char| {
            !(crate::text::is_arabic_letter(c)
                || crate::text::is_diacritic(c)
                || c == crate::text::TATWEEL)
        })
        .filter(|w| w.chars().nth(1).is_some());
    let (n, known) = words.fold((0usize, 0usize), |(n, k), w| {
        (n + 1, k + usize::from(m.is_known(w)))
    });
    if n == 0 {
        0.0
    } else {
        known as f64 / n as f64
    }
}

/// `step` undone on `line`; for UTF-8 read as Latin, with lost bytes restored when the line
/// has enough whole characters to show it is UTF-8 at all.
fn candidate(step: Step, line: &str) -> Option<steps::Undone> {
    if step != Step::Utf8As(codepage::CodePage::Latin) {
        return undo(step, line, false);
    }
    // Reading with gaps reads every run it can without gaps as the lossless reading does, so
    // a result with nothing restored is the lossless one.
    match undo(step, line, true) {
        Some(lossy) if lossy.restored == 0 || lossy.whole >= 2 => Some(lossy),
        _ => undo(step, line, false),
    }
}
