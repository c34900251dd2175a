//! The per-code-point table a set of rules compiles into.
//!
//! Every code point maps to an [`Op`]: keep it, drop it, replace it by a (pre-normalized)
//! string, or hand it to one of the engine's context handlers ([`Kind`]). Lookups are one load
//! for U+0000–07FF (ASCII and the Arabic block included), two loads for the rest of the BMP,
//! and a hash lookup for the supplementary planes, so the engine's hot loop stays a table walk.

use super::masks::MaskKind;
use super::rules::Value;
use std::collections::{BTreeMap, HashMap};

/// What the engine does with a code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Copy it (in bulk with its neighbours).
    Keep = 0,
    /// Remove it.
    Drop = 1,
    /// Replace it by a string of the table's pool.
    Map = 2,
    /// A space: becomes U+0020, runs collapse (whitespace rule).
    Space = 3,
    /// A line break (whitespace rule).
    Newline = 4,
    /// Tatweel: removed unless it stands as a dash between spaces.
    Tatweel = 5,
    /// A combining mark that is kept or composes: canonical order and composition.
    Compose = 6,
    /// Yeh that becomes alef maqsura at the end of a word.
    FinalYeh = 7,
    /// A letter watched for elongation.
    Letter = 8,
    /// Replaced by one code point no longer than itself, stored in the op (hot path).
    Map1 = 9,
}

/// A compiled table entry: the kind in the low 4 bits, a pool index above.
pub type Op = u32;

/// The op of a kept code point; the hot loop compares against it.
pub const KEEP: Op = 0;
/// The op of a dropped code point.
pub const DROP: Op = Kind::Drop as u32;
/// The op of a space under the whitespace rule.
pub const SPACE: Op = Kind::Space as u32;

#[inline(always)]
pub fn op_kind(op: Op) -> Kind {
    // Only values written by `TableBuilder::compile` reach here.
    match op & 0xF {
        0 => Kind::Keep,
        1 => Kind::Drop,
        2 => Kind::Map,
        3 => Kind::Space,
        4 => Kind::Newline,
        5 => Kind::Tatweel,
        6 => Kind::Compose,
        7 => Kind::FinalYeh,
        8 => Kind::Letter,
        _ => Kind::Map1,
    }
}

/// The UTF-8 bytes of a `Map1` op's replacement: `(bytes, length)`.
#[inline(always)]
pub fn map1_bytes(op: Op) -> ([u8; 4], usize) {
    let p = op >> 4;
    ((p & 0xFFFFFF).to_le_bytes(), (p >> 24) as usize)
}

fn make_map1(to: char) -> Op {
    let mut buf = [0u8; 4];
    let len = to.encode_utf8(&mut buf).len() as u32;
    let packed = u32::from_le_bytes(buf) & 0xFFFFFF;
    (Kind::Map1 as u32) | ((packed | (len << 24)) << 4)
}

#[inline(always)]
pub fn op_index(op: Op) -> usize {
    (op >> 4) as usize
}

fn make_op(kind: Kind, index: usize) -> Op {
    (kind as u32) | ((index as u32) << 4)
}

/// What a rule asked for one code point.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Drop,
    Map(String),
    Special(Kind),
}

/// Engine switches that are not per code point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// Compose decomposed letters and order kept marks.
    pub compose: bool,
    /// Whitespace rule on.
    pub whitespace: bool,
    /// Keep line breaks (with the whitespace rule).
    pub keep_newlines: bool,
    /// Keep a tatweel used as a dash.
    pub tatweel_dash: bool,
    /// Cut letter runs of 3+ to this many (0: off).
    pub elongation: u32,
    /// Full NFKC first.
    pub nfkc: bool,
    /// Masks: (kind, action) for every mask that is on.
    pub masks: Vec<(MaskKind, &'static str)>,
}

/// Collects rule entries, then compiles them.
#[derive(Debug, Default)]
pub struct TableBuilder {
    entries: BTreeMap<char, Entry>,
    flags: Flags,
}

impl TableBuilder {
    /// Remove `c`.
    pub fn drop_char(&mut self, c: char) {
        self.entries.insert(c, Entry::Drop);
    }
    /// Replace `c` by `to`.
    pub fn map(&mut self, c: char, to: &str) {
        self.entries.insert(c, Entry::Map(to.to_string()));
    }
    /// Hand `c` to a context handler.
    pub fn special(&mut self, c: char, kind: Kind) {
        self.entries.insert(c, Entry::Special(kind));
    }
    pub fn set_compose(&mut self, on: bool) {
        self.flags.compose = on;
    }
    pub fn set_whitespace(&mut self, on: bool) {
        self.flags.whitespace = on;
    }
    pub fn set_keep_newlines(&mut self, on: bool) {
        self.flags.keep_newlines = on;
    }
    pub fn set_tatweel_dash(&mut self, on: bool) {
        self.flags.tatweel_dash = on;
    }
    pub fn set_elongation(&mut self, n: u32) {
        self.flags.elongation = n;
    }
    pub fn set_nfkc(&mut self, on: bool) {
        self.flags.nfkc = on;
    }
    pub fn set_mask(&mut self, kind: MaskKind, v: Value) {
        if let Value::Choice(action) = v {
            if action != "keep" {
                self.flags.masks.push((kind, action));
            }
        }
    }

    /// What the context-free rules make of `c` (used to close replacement strings).
    fn context_free(&self, c: char, out: &mut String, depth: u8) {
        match self.entries.get(&c) {
            None => out.push(c),
            Some(Entry::Drop) => {}
            Some(Entry::Map(s)) if depth < 8 => {
                for d in s.chars() {
                    if d == c {
                        out.push(d);
                    } else {
                        self.context_free(d, out, depth + 1);
                    }
                }
            }
            Some(Entry::Map(s)) => out.push_str(s),
            // Inside a replacement there is no context: stripped tatweel goes, the rest stays.
            Some(Entry::Special(Kind::Tatweel)) => {}
            Some(Entry::Special(_)) => out.push(c),
        }
    }

    /// With composition on, a precomposed letter whose base letter a rule changes follows its
    /// base (ۀ = ە + U+0654 becomes ه + U+0654 when ە folds to ه), so precomposed and
    /// decomposed input give the same output.
    fn follow_bases(&mut self) {
        use unicode_normalization::UnicodeNormalization;
        let mut extra = Vec::new();
        for cp in (0x00C0u32..0x0250).chain(0x0600..0x0700) {
            let Some(p) = char::from_u32(cp) else { continue };
            if self.entries.contains_key(&p) {
                continue;
            }
            let nfd: String = p.to_string().nfd().collect();
            let mut parts = nfd.chars();
            let Some(base) = parts.next() else { continue };
            if nfd.chars().count() < 2 || !matches!(self.entries.get(&base), Some(Entry::Map(_) | Entry::Drop)) {
                continue;
            }
            let mut mapped = String::new();
            self.context_free(base, &mut mapped, 0);
            mapped.extend(parts);
            extra.push((p, mapped.nfc().collect::<String>()));
        }
        for (p, to) in extra {
            self.entries.insert(p, Entry::Map(to));
        }
    }

    /// Compile into a [`Table`].
    pub fn compile(mut self) -> Table {
        if self.flags.compose {
            self.follow_bases();
        }
        let mut pool: Vec<Box<str>> = Vec::new();
        let mut pool_chars: Vec<u32> = Vec::new();
        let mut can_grow = self.flags.nfkc || self.flags.masks.iter().any(|m| m.1 == "token");
        let mut ops: BTreeMap<u32, Op> = BTreeMap::new();
        for (&c, e) in &self.entries {
            let op = match e {
                Entry::Drop => make_op(Kind::Drop, 0),
                Entry::Special(k) => make_op(*k, 0),
                Entry::Map(s) => {
                    let mut closed = String::new();
                    for d in s.chars() {
                        if d == c {
                            closed.push(d);
                        } else {
                            self.context_free(d, &mut closed, 0);
                        }
                    }
                    let mut it = closed.chars();
                    let single = match (it.next(), it.next()) {
                        (Some(d), None) => Some(d),
                        _ => None,
                    };
                    if closed.is_empty() {
                        make_op(Kind::Drop, 0)
                    } else if closed == c.to_string() {
                        KEEP
                    } else if let Some(d) = single.filter(|d| d.len_utf8() <= c.len_utf8().min(3)) {
                        make_map1(d)
                    } else {
                        can_grow |= closed.len() > c.len_utf8();
                        pool_chars.push(closed.chars().count() as u32);
                        pool.push(closed.into_boxed_str());
                        make_op(Kind::Map, pool.len() - 1)
                    }
                }
            };
            ops.insert(c as u32, op);
        }
        if self.flags.compose {
            // Every kept combining mark goes through the composition handler.
            for cp in (0x0300u32..0x0370).chain(0x0483..0x0488).chain(0x0591..0x05C8).chain(0x0610..0x0700)
                .chain(0x0711..0x074B).chain(0x07EB..0x07F4).chain(0x0816..0x0830).chain(0x0859..0x085C)
                .chain(0x0898..0x0900).chain(0x1AB0..0x1B00).chain(0x1DC0..0x1E00).chain(0x20D0..0x20F1)
                .chain(0xFE20..0xFE30)
            {
                let Some(c) = char::from_u32(cp) else { continue };
                if unicode_normalization::char::canonical_combining_class(c) != 0
                    && ops.get(&cp).is_none_or(|&op| op == KEEP)
                {
                    ops.insert(cp, make_op(Kind::Compose, 0));
                }
            }
        }
        if self.flags.elongation > 0 {
            for cp in (0x0621u32..=0x063A).chain(0x0641..=0x064A).chain(0x066E..=0x06D3).chain(0x06FA..=0x06FC) {
                if ops.get(&cp).is_none_or(|&op| op == KEEP) {
                    ops.insert(cp, make_op(Kind::Letter, 0));
                }
            }
        }
        let mut low = vec![KEEP; 0x800];
        let mut pages = vec![0u16; 256];
        let mut blocks: Vec<[Op; 256]> = vec![[KEEP; 256]];
        let mut astral = HashMap::new();
        for (&cp, &op) in &ops {
            if cp < 0x800 {
                low[cp as usize] = op;
            } else if cp <= 0xFFFF {
                let page = (cp >> 8) as usize;
                if pages[page] == 0 {
                    blocks.push([KEEP; 256]);
                    pages[page] = (blocks.len() - 1) as u16;
                }
                blocks[pages[page] as usize][(cp & 0xFF) as usize] = op;
            } else {
                astral.insert(cp, op);
            }
        }
        let identity = ops.values().all(|&op| op == KEEP) && self.flags == Flags::default();
        let simd = super::simd::available().then(|| super::simd::BlockTables::new(&low, &self.flags));
        Table {
            simd,
            low: low.into_boxed_slice(),
            pages: pages.into_boxed_slice(),
            blocks,
            astral,
            pool,
            pool_chars,
            flags: self.flags,
            identity,
            can_grow,
        }
    }
}

/// A compiled rule set: per-code-point ops plus the engine switches.
#[derive(Clone)]
pub struct Table {
    /// Block scanner tables, when the CPU can run it.
    pub simd: Option<super::simd::BlockTables>,
    low: Box<[Op]>,
    pages: Box<[u16]>,
    blocks: Vec<[Op; 256]>,
    astral: HashMap<u32, Op>,
    pool: Vec<Box<str>>,
    pool_chars: Vec<u32>,
    /// Switches for the context handlers.
    pub flags: Flags,
    identity: bool,
    can_grow: bool,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Table {{ {} replacements, flags: {:?} }}", self.pool.len(), self.flags)
    }
}

impl Table {
    /// Whether some text can come out longer (in UTF-8 bytes) than it went in.
    pub fn can_grow(&self) -> bool {
        self.can_grow
    }

    /// True when the table changes nothing at all.
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// The op of U+0000–07FF (one or two UTF-8 bytes).
    #[inline(always)]
    pub fn low(&self, cp: u32) -> Op {
        self.low[cp as usize]
    }

    /// The op of any code point.
    #[inline(always)]
    pub fn op(&self, cp: u32) -> Op {
        if cp < 0x800 {
            self.low[cp as usize]
        } else if cp <= 0xFFFF {
            self.blocks[self.pages[(cp >> 8) as usize] as usize][(cp & 0xFF) as usize]
        } else {
            self.astral.get(&cp).copied().unwrap_or(KEEP)
        }
    }

    /// The replacement string of a `Map` op, with its length in code points.
    #[inline]
    pub fn replacement(&self, op: Op) -> (&str, u32) {
        let i = op_index(op);
        (&self.pool[i], self.pool_chars[i])
    }

    /// What the context-free part of the table makes of `c`, appended to `out`.
    pub fn map_char(&self, c: char, out: &mut String) {
        let op = self.op(c as u32);
        match op_kind(op) {
            Kind::Drop | Kind::Tatweel => {}
            Kind::Map => out.push_str(self.replacement(op).0),
            Kind::Map1 => {
                let (bytes, len) = map1_bytes(op);
                out.push_str(std::str::from_utf8(&bytes[..len]).unwrap_or("\u{FFFD}"));
            }
            _ => out.push(c),
        }
    }
}
