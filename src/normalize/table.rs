//! The per-code-point table a set of rules compiles into, and the one-pass kernel that runs it.
//!
//! Arabic letters and marks (U+0600–U+06FF) are two-byte UTF-8 sequences whose lead byte is
//! 0xD8–0xDB, so the kernel needs no UTF-8 decoding: it walks the bytes, copies everything else
//! in bulk, and looks the 256-entry block up directly for the rest. A row with nothing to change
//! is detected on the way and can be handed back borrowed.

use super::rules::{Action, Rule};
use std::borrow::Cow;

/// Entry meaning "leave the code point as it is".
const KEEP: u16 = 0xFFFF;
/// Entry meaning "remove the code point".
const DROP: u16 = 0xFFFE;
const BLOCK_START: u32 = 0x0600;

/// What every code point of the Arabic block becomes: [`KEEP`], [`DROP`], or a replacement.
#[derive(Clone)]
pub struct Table {
    arabic: [u16; 256],
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let changed = self.arabic.iter().filter(|&&e| e != KEEP).count();
        write!(f, "Table {{ {changed} code points changed }}")
    }
}

impl Table {
    /// Compile rules into one table. Chains are resolved (if one rule maps a to b and another
    /// b to c, a goes straight to c), so one lookup per code point is always enough.
    pub fn compile<'r>(rules: impl IntoIterator<Item = &'r Rule>) -> Self {
        let mut arabic = [KEEP; 256];
        for rule in rules {
            for &(c, action) in rule.table {
                let idx = block_index(c).expect("rule tables hold Arabic-block code points only");
                arabic[idx] = match action {
                    Action::Drop => DROP,
                    Action::Replace(r) => {
                        assert!(block_index(r).is_some(), "replacements stay in the Arabic block");
                        r as u16
                    }
                };
            }
        }
        // Resolve chains; a cycle cannot occur with the shipped rules, but bound the walk anyway.
        for i in 0..256 {
            let mut e = arabic[i];
            for _ in 0..256 {
                match e {
                    KEEP | DROP => break,
                    r => match arabic[(r as u32 - BLOCK_START) as usize] {
                        KEEP => break,
                        next if (next as u32) == r as u32 => break,
                        next => e = next,
                    },
                }
            }
            arabic[i] = e;
        }
        // A code point mapped to itself is kept.
        for (i, e) in arabic.iter_mut().enumerate() {
            if *e as u32 == BLOCK_START + i as u32 {
                *e = KEEP;
            }
        }
        Table { arabic }
    }

    /// True when the table changes nothing at all.
    pub fn is_identity(&self) -> bool {
        self.arabic.iter().all(|&e| e == KEEP)
    }

    /// What the table does to `c`: `None` when it keeps it.
    pub fn action(&self, c: char) -> Option<Action> {
        let e = self.arabic[block_index(c)?];
        match e {
            KEEP => None,
            DROP => Some(Action::Drop),
            r => char::from_u32(r as u32).map(Action::Replace),
        }
    }

    /// Byte offset of the first code point the table changes, if any.
    #[inline]
    pub fn first_change(&self, s: &str) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            if lead & 0xFC == 0xD8 {
                // A valid &str always has the continuation byte after a two-byte lead.
                if self.arabic[entry_index(lead, b[i + 1])] != KEEP {
                    return Some(i);
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        None
    }

    /// Append the normalized form of `s` to `out`.
    #[inline]
    pub fn apply_into(&self, s: &str, out: &mut Vec<u8>) {
        match self.first_change(s) {
            None => out.extend_from_slice(s.as_bytes()),
            Some(at) => {
                out.reserve(s.len());
                out.extend_from_slice(&s.as_bytes()[..at]);
                self.apply_from(s.as_bytes(), at, out);
            }
        }
    }

    /// The normalized form of `s`, borrowed when nothing changes.
    pub fn apply<'a>(&self, s: &'a str) -> Cow<'a, str> {
        match self.first_change(s) {
            None => Cow::Borrowed(s),
            Some(at) => {
                let mut out = Vec::with_capacity(s.len());
                out.extend_from_slice(&s.as_bytes()[..at]);
                self.apply_from(s.as_bytes(), at, &mut out);
                // The kernel only removes whole code points or writes two-byte Arabic ones.
                Cow::Owned(String::from_utf8(out).expect("normalization keeps UTF-8 valid"))
            }
        }
    }

    /// The kernel: `b[..start]` is already in `out`.
    #[inline]
    fn apply_from(&self, b: &[u8], start: usize, out: &mut Vec<u8>) {
        let mut run = start; // start of the pending unchanged run
        let mut i = start;
        while i < b.len() {
            let lead = b[i];
            if lead & 0xFC == 0xD8 {
                let e = self.arabic[entry_index(lead, b[i + 1])];
                if e != KEEP {
                    out.extend_from_slice(&b[run..i]);
                    if e != DROP {
                        out.extend_from_slice(&[0xC0 | (e >> 6) as u8, 0x80 | (e & 0x3F) as u8]);
                    }
                    run = i + 2;
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        out.extend_from_slice(&b[run..]);
    }
}

#[inline(always)]
fn entry_index(lead: u8, cont: u8) -> usize {
    (((lead & 0x03) as usize) << 6) | (cont & 0x3F) as usize
}

fn block_index(c: char) -> Option<usize> {
    let cp = c as u32;
    (BLOCK_START..BLOCK_START + 256).contains(&cp).then(|| (cp - BLOCK_START) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::rules::*;

    #[test]
    fn every_entry_of_the_block_round_trips_through_utf8() {
        // Each code point of the block maps to its own entry index.
        for cp in 0x0600u32..0x0700 {
            let c = char::from_u32(cp).unwrap();
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(entry_index(bytes[0], bytes[1]), (cp - 0x600) as usize);
        }
    }

    #[test]
    fn chains_resolve_to_their_end() {
        static A_TO_B: Rule = Rule {
            name: "t1",
            description: "",
            table: &[('\u{0622}', Action::Replace('\u{0623}'))],
        };
        static B_TO_C: Rule = Rule {
            name: "t2",
            description: "",
            table: &[('\u{0623}', Action::Replace('\u{0627}'))],
        };
        let t = Table::compile([&A_TO_B, &B_TO_C]);
        assert_eq!(t.apply("آ"), "ا");
        assert_eq!(t.action('\u{0622}'), Some(Action::Replace('\u{0627}')));
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        let t = Table::compile([&STRIP_TATWEEL]);
        assert!(matches!(t.apply("كتاب abc"), Cow::Borrowed(_)));
        assert!(matches!(t.apply("كتـاب"), Cow::Owned(_)));
    }

    #[test]
    fn identity_table() {
        assert!(Table::compile([]).is_identity());
        assert!(!Table::compile([&FOLD_ALEF]).is_identity());
    }

    #[test]
    fn apply_into_appends() {
        let t = Table::compile([&STRIP_TATWEEL, &FOLD_TEH_MARBUTA]);
        let mut out = b"x".to_vec();
        t.apply_into("مدرسـة", &mut out);
        t.apply_into("", &mut out);
        t.apply_into("ok", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "xمدرسهok");
    }
}
