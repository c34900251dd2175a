//! Arabic text normalization: named rules compiled into one table, applied in one pass.
//!
//! A [`Normalizer`] is built once from [`NormalizeOptions`] (a preset, then rules set by name)
//! and applied to any number of texts from any number of threads. Each rule is a small unit
//! ([`rule::Rule`]) in the file of its group under [`rules`], with its table entries, the
//! context handler its entries name and its own cases; presets are lists of rule values
//! ([`presets`]); the compiled [`table::Table`] maps every code point to keep / drop / replace
//! / context handler, and the [`engine`] applies it in one pass over the UTF-8 bytes, copying
//! untouched runs in bulk and, on request, building the [`Alignment`] back to the input in the
//! same pass.
//!
//! # Module graph
//!
//! Dependencies inside `normalize` go one way; each module uses only the ones listed after it
//! (and [`crate::text`]). The `module_graph_has_no_cycle` test checks the `use` lines against
//! this list.
//!
//! ```text
//! table         ->
//! alignment     ->
//! pass          -> table, alignment
//! rule          -> table
//! rules/<group> -> rule, table, pass, alignment
//! rules         -> rules/<group>, rule, table, pass, alignment
//! simd          -> table
//! engine        -> rules, simd, pass, table, alignment
//! presets       -> rule
//! mod           -> engine, rules, presets, rule, simd, table, alignment
//! ```
//!
//! - [`table`]: plain data. Ops per code point, handler numbers it does not interpret.
//! - [`alignment`]: offsets back to the input; no other module of `normalize` below it.
//! - [`pass`]: the state of one pass over one text and its primitives (flush, emit, drop).
//! - [`rule`]: what a rule is, and the names of the handlers.
//! - [`rules`]: the groups of rules, and the dispatch from handler numbers to their handlers.
//! - `simd` (private): the AVX2 block scanner, driven by the table alone.
//! - [`engine`]: the hot loops; it dispatches to [`rules`] for everything but keep, drop and
//!   replace.
//!
//! ```
//! use khabar::{NormalizeOptions, Normalizer};
//! let n = Normalizer::new(NormalizeOptions::preset("basic").unwrap());
//! assert_eq!(n.normalize("إِنَّ الْمَدْرَسَــةَ"), "ان المدرسه");
//!
//! let opts = NormalizeOptions::preset("ml_clean").unwrap().with("fold_alef", true).unwrap();
//! let (text, align) = Normalizer::new(opts).normalize_with_offsets("ﷲ أَكْبَر");
//! assert_eq!(text, "الله اكبر");
//! assert_eq!(align.source_of(3), Some((0, 1))); // every letter of الله comes from ﷲ
//! assert_eq!(align.to_source(5, 9), Some((2, 9))); // اكبر comes from أَكْبَر
//! ```

pub mod alignment;
pub mod engine;
pub mod pass;
pub mod presets;
pub mod rule;
pub mod rules;
mod simd;
pub mod table;
mod writer;

use std::borrow::Cow;
use std::fmt;

pub use alignment::{Alignment, Segment};
pub use writer::ChangedRows;
pub use presets::{preset_by_name, Preset, DEFAULT_PRESET, PRESETS};
pub use rule::{Rule, Value, ValueKind};
pub use rules::{rule_by_name, RULES};
use simd::BlockTables;
use table::{Table, TableBuilder};

/// Why options could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsError {
    /// No rule has this name.
    UnknownRule(String),
    /// No preset has this name.
    UnknownPreset(String),
    /// The value does not fit the rule.
    BadValue { rule: &'static str, expected: String, found: String },
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::UnknownRule(name) => {
                let valid: Vec<_> = RULES.iter().map(|r| r.name).collect();
                write!(f, "unknown rule {name:?}; valid rules: {}", valid.join(", "))
            }
            OptionsError::UnknownPreset(name) => {
                let valid: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
                write!(f, "unknown preset {name:?}; valid presets: {}", valid.join(", "))
            }
            OptionsError::BadValue { rule, expected, found } => {
                write!(f, "rule {rule}: expected {expected}, got {found}")
            }
        }
    }
}

impl std::error::Error for OptionsError {}

/// What a rule value is given as, before it is checked against the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// `True`/`False`.
    Bool(bool),
    /// A word (for choices).
    Str(String),
    /// A count.
    Int(i64),
}

/// The value of every rule: a preset, then rules set by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    preset: &'static str,
    /// One value per entry of [`RULES`], in that order.
    values: Vec<Value>,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self::preset(DEFAULT_PRESET).expect("the default preset exists")
    }
}

impl NormalizeOptions {
    /// The rule values of a named preset.
    pub fn preset(name: &str) -> Result<Self, OptionsError> {
        let preset = preset_by_name(name).ok_or_else(|| OptionsError::UnknownPreset(name.into()))?;
        let values = RULES
            .iter()
            .map(|r| preset.rules.iter().find(|(n, _)| *n == r.name).map_or(r.off, |(_, v)| *v))
            .collect();
        Ok(NormalizeOptions { preset: preset.name, values })
    }

    /// Set one rule by name, checking the value against the rule's kind.
    pub fn set(&mut self, rule: &str, value: RawValue) -> Result<&mut Self, OptionsError> {
        let i = rules::rule_index(rule).ok_or_else(|| OptionsError::UnknownRule(rule.into()))?;
        let r = &RULES[i];
        let found = match &value {
            RawValue::Bool(b) => format!("bool {}", if *b { "True" } else { "False" }),
            RawValue::Str(s) => format!("str {s:?}"),
            RawValue::Int(n) => format!("int {n}"),
        };
        let bad = |expected: String| OptionsError::BadValue { rule: r.name, expected, found: found.clone() };
        self.values[i] = match (r.kind, &value) {
            (ValueKind::Bool, RawValue::Bool(b)) => Value::Bool(*b),
            (ValueKind::Bool, _) => return Err(bad("True or False".into())),
            (ValueKind::Choice(choices), RawValue::Str(s)) => {
                let c = choices.iter().find(|c| **c == s).ok_or_else(|| bad(format!("one of {choices:?}")))?;
                Value::Choice(c)
            }
            (ValueKind::Choice(choices), RawValue::Bool(false)) => Value::Choice(choices[0]),
            (ValueKind::Choice(choices), _) => return Err(bad(format!("one of {choices:?}"))),
            (ValueKind::Count, RawValue::Int(n)) if (0..=1000).contains(n) => Value::Count(*n as u32),
            (ValueKind::Count, RawValue::Bool(false)) => Value::Count(0),
            (ValueKind::Count, _) => return Err(bad("a count from 0 to 1000".into())),
        };
        Ok(self)
    }

    /// Builder form of [`NormalizeOptions::set`] for on/off rules.
    pub fn with(mut self, rule: &str, on: bool) -> Result<Self, OptionsError> {
        self.set(rule, RawValue::Bool(on))?;
        Ok(self)
    }

    /// Builder form of [`NormalizeOptions::set`] for any value.
    pub fn with_value(mut self, rule: &str, value: RawValue) -> Result<Self, OptionsError> {
        self.set(rule, value)?;
        Ok(self)
    }

    /// The preset these options started from.
    pub fn preset_name(&self) -> &'static str {
        self.preset
    }

    /// The value of the rule named `rule` (`None` for an unknown name).
    pub fn value(&self, rule: &str) -> Option<Value> {
        rules::rule_index(rule).map(|i| self.values[i])
    }

    /// Whether the rule named `rule` does anything (`None` for an unknown name).
    pub fn is_enabled(&self, rule: &str) -> Option<bool> {
        self.value(rule).map(|v| v.is_on())
    }

    /// Every rule with its value, in [`RULES`] order.
    pub fn rule_values(&self) -> impl Iterator<Item = (&'static Rule, Value)> + '_ {
        RULES.iter().zip(self.values.iter().copied())
    }

    /// The rules that do something, in [`RULES`] order.
    pub fn active_rules(&self) -> impl Iterator<Item = (&'static Rule, Value)> + '_ {
        self.rule_values().filter(|(_, v)| v.is_on())
    }
}

/// A compiled set of rules; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizeOptions,
    table: Table,
    /// The block scanner's tables, when the CPU can run it.
    blocks: Option<BlockTables>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

impl Normalizer {
    /// Compile `options` into a table.
    pub fn new(options: NormalizeOptions) -> Self {
        let mut b = TableBuilder::default();
        for (rule, value) in options.active_rules() {
            (rule.apply)(&mut b, value);
        }
        let table = b.compile();
        let blocks = BlockTables::new(&table);
        Normalizer { options, table, blocks }
    }

    /// The options this normalizer was built from.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Whether an output can be longer (in UTF-8 bytes) than its input (expansions such as
    /// ﷲ → الله, NFKC, mask tokens); when not, columns are written in place.
    pub fn can_grow(&self) -> bool {
        self.table.can_grow()
    }

    /// Whether no rule is active, so that every text comes back unchanged.
    pub fn is_identity(&self) -> bool {
        self.table.is_identity()
    }

    /// Normalize one text; borrowed when nothing changes.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.table.is_identity() {
            return Cow::Borrowed(text);
        }
        let mut out = Vec::with_capacity(text.len());
        self.normalize_into(text, &mut out);
        if out == text.as_bytes() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(String::from_utf8(out).expect("the engine writes whole code points"))
        }
    }

    /// Append the normalized form of `text` to `out` (used to fill column buffers).
    #[inline]
    pub fn normalize_into(&self, text: &str, out: &mut Vec<u8>) {
        if self.table.is_identity() {
            return out.extend_from_slice(text.as_bytes());
        }
        let mut unused = Alignment::new();
        engine::run::<false>(&self.table, self.blocks.as_ref(), text, out, &mut unused);
    }

    /// Normalize and return the map from each output character to its source span.
    pub fn normalize_with_offsets(&self, text: &str) -> (String, Alignment) {
        let mut out = Vec::with_capacity(text.len());
        let mut align = Alignment::new();
        self.normalize_into_with_offsets(text, &mut out, &mut align);
        (String::from_utf8(out).expect("the engine writes whole code points"), align)
    }

    /// Append the normalized form of `text` to `out`, filling `align` for it.
    pub fn normalize_into_with_offsets(&self, text: &str, out: &mut Vec<u8>, align: &mut Alignment) {
        engine::run::<true>(&self.table, self.blocks.as_ref(), text, out, align);
    }

    /// Whether this normalizer runs the 32-byte block scanner (the CPU has AVX2 and friends).
    #[doc(hidden)]
    pub fn has_block_scanner(&self) -> bool {
        self.blocks.is_some()
    }

    /// The same rules run by the scalar loop alone, without the block scanner: the reference
    /// the scanner is tested (and fuzzed) against.
    #[doc(hidden)]
    pub fn scalar_only(&self) -> Normalizer {
        let mut n = self.clone();
        n.blocks = None;
        n
    }

    /// The active rules in words, one line each.
    pub fn describe(&self) -> Vec<String> {
        self.options
            .active_rules()
            .map(|(r, v)| match v {
                Value::Bool(_) => format!("{}: {}", r.name, r.description),
                v => format!("{} = {v}: {}", r.name, r.description),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
