//! The per-code-point table a set of rules compiles into: plain data that knows no rule.
//!
//! Every code point maps to an [`Op`]: keep it, drop it, replace it by a string, or hand it to
//! a context handler, named by a small number whose meaning belongs to the rules
//! ([`super::rule::Handler`]); a context entry also says what the code point becomes where no
//! context applies (inside another code point's replacement), and may carry a parameter and
//! hints for the hot loops. Besides the ops, a table holds the whole-text steps its rules asked
//! for (again a handler number and a parameter each).
//!
//! Replacements are closed under the context-free entries when the table is compiled, so one
//! lookup per code point is enough. A replacement that still holds a code point some context
//! handler must see (a space under the whitespace rule, a mark that composition orders) is
//! compiled as [`Kind::Reenter`]: the engine expands it into the text before the pass, so the
//! context rules see it as if it had been written out.
//!
//! Lookups are one load for U+0000–07FF (ASCII and the Arabic block included), two loads for
//! the rest of the BMP, and a hash lookup for the supplementary planes.

use std::collections::{BTreeMap, HashMap};

/// What the engine does with a code point (the low four bits of an [`Op`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Copy it (in bulk with its neighbours).
    Keep = 0,
    /// Remove it.
    Drop = 1,
    /// Replace it by a string of the table's pool.
    Map = 2,
    /// Replace it by one code point no longer than itself, stored in the op (hot path).
    Map1 = 3,
    /// Hand it to a context handler.
    Context = 4,
    /// Replace it by a string of the pool that context handlers must see (see the module docs).
    Reenter = 5,
}

/// A compiled table entry: the kind in the low 4 bits; above them a pool index (`Map`,
/// `Reenter`), the replacement's bytes (`Map1`), or for `Context` the handler (bits 4–7), the
/// [`REMOVED`] flag and hints (bits 8–10) and the parameter (bits 11–31).
pub type Op = u32;

/// The op of a kept code point; the hot loops compare against it.
pub const KEEP: Op = 0;
/// The op of a dropped code point.
pub const DROP: Op = Kind::Drop as u32;

/// Context flag: outside any context (inside a replacement) the code point is removed.
pub const REMOVED: u32 = 1 << 8;
/// Context hint for an ASCII code point: when the output so far ends in anything but a space
/// or a line feed, the handler keeps the byte as it is, so the hot loops may copy it.
pub const KEPT_AFTER_TEXT: u32 = 1 << 9;
/// Context hint for an ASCII code point: when the output so far is empty or ends in a space or
/// a line feed, the handler removes it, so the block scanner may drop it.
pub const DROPPED_AFTER_SPACE: u32 = 1 << 10;
const PARAM_SHIFT: u32 = 11;

/// The kind of an op.
#[inline(always)]
pub fn op_kind(op: Op) -> Kind {
    // Only values written by `TableBuilder::compile` reach here.
    match op & 0xF {
        0 => Kind::Keep,
        1 => Kind::Drop,
        2 => Kind::Map,
        3 => Kind::Map1,
        4 => Kind::Context,
        _ => Kind::Reenter,
    }
}

/// Whether a `Context` op carries all of `hints` (other kinds never do).
#[inline(always)]
pub fn has_hints(op: Op, hints: u32) -> bool {
    op & (0xF | hints) == Kind::Context as u32 | hints
}

/// The handler number of a `Context` op.
#[inline(always)]
pub fn handler(op: Op) -> u8 {
    ((op >> 4) & 0xF) as u8
}

/// The parameter of a `Context` op.
#[inline(always)]
pub fn param(op: Op) -> u32 {
    op >> PARAM_SHIFT
}

/// Whether the code point of `op` is removed where no context keeps it: dropped, or a context
/// entry flagged [`REMOVED`].
#[inline]
pub fn removes(op: Op) -> bool {
    op == DROP || (op_kind(op) == Kind::Context && op & REMOVED != 0)
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

fn make_pooled(kind: Kind, index: usize) -> Op {
    (kind as u32) | ((index as u32) << 4)
}

/// What a context entry asks of the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The handler's number (1–15).
    pub handler: u8,
    /// A value for the handler (21 bits).
    pub param: u32,
    /// [`REMOVED`], [`KEPT_AFTER_TEXT`], [`DROPPED_AFTER_SPACE`].
    pub flags: u32,
    /// What the code point comes out as where no context applies, when not itself (and not
    /// [`REMOVED`]).
    pub plain: Option<char>,
}

impl Context {
    fn op(self) -> Op {
        debug_assert!((1..16).contains(&self.handler) && self.param < 1 << (32 - PARAM_SHIFT));
        Kind::Context as u32 | (self.handler as u32) << 4 | self.flags | self.param << PARAM_SHIFT
    }
}

/// What the rules asked for one code point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Remove it.
    Drop,
    /// Replace it by this string (closed under the other entries when compiled).
    Map(String),
    /// Hand it to a context handler.
    Context(Context),
}

/// Collects entries, steps and finishing passes, then compiles them.
#[derive(Debug, Default)]
pub struct TableBuilder {
    entries: BTreeMap<char, Entry>,
    /// Whole-text steps: (handler, parameter), in the order they were asked for.
    steps: Vec<(u8, u32)>,
    /// Run once every rule has written its entries, in the order they were asked for.
    finishers: Vec<fn(&mut TableBuilder)>,
    may_grow: bool,
}

impl TableBuilder {
    /// Replace each `from` by its `to`.
    pub fn map_all(&mut self, pairs: &[(char, &str)]) {
        for &(c, to) in pairs {
            self.map(c, to);
        }
    }

    /// Remove `c`.
    pub fn drop_char(&mut self, c: char) {
        self.entries.insert(c, Entry::Drop);
    }

    /// Replace `c` by `to`.
    pub fn map(&mut self, c: char, to: &str) {
        self.entries.insert(c, Entry::Map(to.to_string()));
    }

    /// Hand `c` to a context handler.
    pub fn context(&mut self, c: char, context: Context) {
        self.entries.insert(c, Entry::Context(context));
    }

    /// What the rules so far asked for `c`.
    pub fn entry(&self, c: char) -> Option<&Entry> {
        self.entries.get(&c)
    }

    /// Ask for a whole-text step, or return the parameter of the one already asked for.
    pub fn step(&mut self, handler: u8) -> &mut u32 {
        let k = match self.steps.iter().position(|s| s.0 == handler) {
            Some(k) => k,
            None => {
                self.steps.push((handler, 0));
                self.steps.len() - 1
            }
        };
        &mut self.steps[k].1
    }

    /// Run `finish` once every rule has written its entries.
    pub fn finish_with(&mut self, finish: fn(&mut TableBuilder)) {
        self.finishers.push(finish);
    }

    /// Some text may come out longer than it went in, whatever the replacements say (a step
    /// that inserts text).
    pub fn may_grow(&mut self) {
        self.may_grow = true;
    }

    /// What the context-free entries make of `c`, appended to `out`.
    pub fn context_free(&self, c: char, out: &mut String) {
        self.context_free_at(c, out, 0)
    }

    fn context_free_at(&self, c: char, out: &mut String, depth: u8) {
        match self.entries.get(&c) {
            None => out.push(c),
            Some(Entry::Drop) => {}
            Some(Entry::Map(s)) if depth < 8 => {
                for d in s.chars() {
                    if d == c {
                        out.push(d);
                    } else {
                        self.context_free_at(d, out, depth + 1);
                    }
                }
            }
            Some(Entry::Map(s)) => out.push_str(s),
            Some(Entry::Context(k)) if k.flags & REMOVED != 0 => {}
            Some(Entry::Context(k)) => out.push(k.plain.unwrap_or(c)),
        }
    }

    /// The replacement of `c` by `s`, closed under the context-free entries.
    fn closed(&self, c: char, s: &str) -> String {
        let mut closed = String::new();
        for d in s.chars() {
            if d == c {
                closed.push(d);
            } else {
                self.context_free(d, &mut closed);
            }
        }
        closed
    }

    /// Whether `c` comes out as itself: no entry, or a replacement that closes to `c`.
    pub fn keeps(&self, c: char) -> bool {
        match self.entries.get(&c) {
            None => true,
            Some(Entry::Map(s)) => self.closed(c, s).chars().eq([c]),
            Some(_) => false,
        }
    }

    /// Every code point with an entry, and the entry.
    pub fn entries(&self) -> impl Iterator<Item = (char, &Entry)> {
        self.entries.iter().map(|(&c, e)| (c, e))
    }

    /// Compile into a [`Table`].
    pub fn compile(mut self) -> Table {
        for finish in std::mem::take(&mut self.finishers) {
            finish(&mut self);
        }
        let mut pool: Vec<Box<str>> = Vec::new();
        let mut pool_chars: Vec<u32> = Vec::new();
        let mut can_grow = self.may_grow;
        let mut ops: Vec<(u32, Op)> = Vec::with_capacity(self.entries.len());
        let mut plain = Vec::new();
        let is_context = |d: char| matches!(self.entries.get(&d), Some(Entry::Context(_)));
        for (&c, e) in &self.entries {
            let op = match e {
                Entry::Drop => DROP,
                Entry::Context(k) => {
                    plain.extend(k.plain.map(|d| (c as u32, d)));
                    k.op()
                }
                Entry::Map(s) => {
                    let closed = self.closed(c, s);
                    let mut it = closed.chars();
                    let single = match (it.next(), it.next()) {
                        (Some(d), None) => Some(d),
                        _ => None,
                    };
                    let reenter = closed.chars().any(|d| d != c && is_context(d));
                    if closed.is_empty() {
                        DROP
                    } else if closed.chars().eq([c]) {
                        KEEP
                    } else if let Some(d) = single.filter(|d| !reenter && d.len_utf8() <= c.len_utf8().min(3)) {
                        make_map1(d)
                    } else {
                        can_grow |= closed.len() > c.len_utf8();
                        pool_chars.push(closed.chars().count() as u32);
                        pool.push(closed.into_boxed_str());
                        make_pooled(if reenter { Kind::Reenter } else { Kind::Map }, pool.len() - 1)
                    }
                }
            };
            ops.push((c as u32, op));
        }
        let mut low = vec![KEEP; 0x800];
        let mut pages = vec![0u16; 256];
        let mut blocks: Vec<[Op; 256]> = vec![[KEEP; 256]];
        let mut astral = HashMap::new();
        for &(cp, op) in &ops {
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
        let identity = ops.iter().all(|&(_, op)| op == KEEP) && self.steps.is_empty();
        Table {
            low: low.into_boxed_slice(),
            pages: pages.into_boxed_slice(),
            blocks,
            astral,
            pool,
            pool_chars,
            steps: self.steps,
            plain,
            identity,
            can_grow,
        }
    }
}

/// A compiled rule set: per-code-point ops plus the whole-text steps.
#[derive(Clone)]
pub struct Table {
    low: Box<[Op]>,
    pages: Box<[u16]>,
    blocks: Vec<[Op; 256]>,
    astral: HashMap<u32, Op>,
    pool: Vec<Box<str>>,
    pool_chars: Vec<u32>,
    steps: Vec<(u8, u32)>,
    /// The plain value of the context entries that have one, by code point.
    plain: Vec<(u32, char)>,
    identity: bool,
    can_grow: bool,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Table {{ {} replacements, steps: {:?} }}", self.pool.len(), self.steps)
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

    /// The parameter of the whole-text step of `handler`, if one was asked for.
    pub fn step(&self, handler: u8) -> Option<u32> {
        self.steps.iter().find(|s| s.0 == handler).map(|s| s.1)
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

    /// The replacement string of a `Map` or `Reenter` op, with its length in code points.
    #[inline]
    pub fn replacement(&self, op: Op) -> (&str, u32) {
        let i = (op >> 4) as usize;
        (&self.pool[i], self.pool_chars[i])
    }

    /// What the context-free part of the table makes of `c`, appended to `out`.
    pub fn map_char(&self, c: char, out: &mut String) {
        let op = self.op(c as u32);
        match op_kind(op) {
            Kind::Drop => {}
            Kind::Context if op & REMOVED != 0 => {}
            Kind::Map | Kind::Reenter => out.push_str(self.replacement(op).0),
            Kind::Map1 => {
                let (bytes, len) = map1_bytes(op);
                out.push_str(std::str::from_utf8(&bytes[..len]).unwrap_or("\u{FFFD}"));
            }
            Kind::Context => {
                let plain = self.plain.binary_search_by_key(&(c as u32), |p| p.0).ok().map(|k| self.plain[k].1);
                out.push(plain.unwrap_or(c));
            }
            Kind::Keep => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space() -> Context {
        Context { handler: 1, param: 0, flags: KEPT_AFTER_TEXT, plain: None }
    }

    #[test]
    fn replacements_are_closed_and_packed() {
        let mut b = TableBuilder::default();
        b.map('أ', "ا");
        b.map('ﻷ', "لأ");
        b.drop_char('\u{064E}');
        b.map('x', "x\u{064E}");
        b.map('ﹶ', " \u{064E}");
        b.context(' ', space());
        b.context('ـ', Context { handler: 2, param: 7, flags: REMOVED, plain: None });
        b.context('ى', Context { handler: 3, param: 0, flags: 0, plain: Some('ي') });
        b.map('ﯨ', "ى");
        b.map('y', "ـzz");
        let t = b.compile();
        let op = |c: char| t.op(c as u32);
        assert_eq!(op_kind(op('أ')), Kind::Map1);
        assert_eq!(map1_bytes(op('أ')), ([0xD8, 0xA7, 0, 0], 2));
        assert_eq!(t.replacement(op('ﻷ')), ("لا", 2), "closed: أ became ا");
        assert_eq!(op('x'), KEEP, "closes to itself");
        assert_eq!(op_kind(op('ﹶ')), Kind::Reenter, "a space the context rule must see");
        assert_eq!(t.replacement(op('ﹶ')), (" ", 1));
        assert_eq!(op_kind(op('y')), Kind::Map, "a removed context entry is gone inside a replacement");
        assert_eq!((handler(op('ـ')), param(op('ـ'))), (2, 7));
        assert!(removes(op('ـ')) && removes(op('\u{064E}')) && !removes(op(' ')));
        assert!(has_hints(op(' '), KEPT_AFTER_TEXT) && !has_hints(op(' '), DROPPED_AFTER_SPACE));
        assert!(!has_hints(op('أ'), KEPT_AFTER_TEXT));
        assert_eq!(map1_bytes(op('ﯨ')), ([0xD9, 0x8A, 0, 0], 2), "a context entry inside: its plain value");
        let mut s = String::new();
        t.map_char('ى', &mut s);
        t.map_char('ـ', &mut s);
        t.map_char('ﻷ', &mut s);
        assert_eq!(s, "يلا");
        assert!(t.can_grow() && !t.is_identity());
    }

    #[test]
    fn steps_finishers_and_identity() {
        let mut b = TableBuilder::default();
        *b.step(3) |= 1;
        *b.step(3) |= 4;
        b.finish_with(|b| b.drop_char('z'));
        let t = b.compile();
        assert_eq!(t.step(3), Some(5));
        assert_eq!(t.step(4), None);
        assert_eq!(t.op('z' as u32), DROP);
        let mut b = TableBuilder::default();
        b.map('a', "a");
        assert!(b.keeps('a') && b.keeps('b'));
        assert!(b.compile().is_identity());
    }
}
