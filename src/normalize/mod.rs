//! Arabic text normalization: named rules compiled into one table, applied in one pass.
//!
//! A [`Normalizer`] is built once from [`NormalizeOptions`] (a preset plus rules turned on or
//! off by name) and then applied to any number of texts, from any number of threads. Each rule
//! is a small unit with its own table ([`rules`]); presets are lists of rule names
//! ([`presets`]); the compiled [`table::Table`] maps every code point of the Arabic block to
//! keep / drop / replace, so normalizing is one pass over the UTF-8 bytes with bulk copies of
//! everything the rules do not touch.
//!
//! ```
//! use khabar::{NormalizeOptions, Normalizer};
//! let n = Normalizer::new(NormalizeOptions::preset("basic").unwrap());
//! assert_eq!(n.normalize("إِنَّ الْمَدْرَسَــةَ"), "ان المدرسه");
//! ```

pub mod presets;
pub mod rules;
pub mod table;

use std::borrow::Cow;
use std::fmt;

pub use presets::{preset_by_name, Preset, DEFAULT_PRESET, PRESETS};
pub use rules::{rule_by_name, Action, Rule, RULES};
use table::Table;

/// Why options could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsError {
    /// No rule has this name.
    UnknownRule(String),
    /// No preset has this name.
    UnknownPreset(String),
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
        }
    }
}

impl std::error::Error for OptionsError {}

/// Which rules are on: a preset, then rules switched on or off by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    preset: &'static str,
    /// One flag per entry of [`RULES`], in that order.
    enabled: Vec<bool>,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self::preset(DEFAULT_PRESET).expect("the default preset exists")
    }
}

impl NormalizeOptions {
    /// The rules of a named preset.
    pub fn preset(name: &str) -> Result<Self, OptionsError> {
        let preset = preset_by_name(name).ok_or_else(|| OptionsError::UnknownPreset(name.into()))?;
        let enabled = RULES.iter().map(|r| preset.rules.contains(&r.name)).collect();
        Ok(NormalizeOptions { preset: preset.name, enabled })
    }

    /// Turn one rule on or off by name.
    pub fn set(&mut self, rule: &str, on: bool) -> Result<&mut Self, OptionsError> {
        let i = RULES
            .iter()
            .position(|r| r.name == rule)
            .ok_or_else(|| OptionsError::UnknownRule(rule.into()))?;
        self.enabled[i] = on;
        Ok(self)
    }

    /// Builder form of [`NormalizeOptions::set`].
    pub fn with(mut self, rule: &str, on: bool) -> Result<Self, OptionsError> {
        self.set(rule, on)?;
        Ok(self)
    }

    /// The preset these options started from.
    pub fn preset_name(&self) -> &'static str {
        self.preset
    }

    /// Whether the rule named `rule` is on (`None` for an unknown name).
    pub fn is_enabled(&self, rule: &str) -> Option<bool> {
        RULES.iter().position(|r| r.name == rule).map(|i| self.enabled[i])
    }

    /// The rules that are on, in [`RULES`] order.
    pub fn active_rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        RULES.iter().zip(&self.enabled).filter(|(_, on)| **on).map(|(r, _)| *r)
    }

    /// Every rule with its state, in [`RULES`] order.
    pub fn rule_states(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        RULES.iter().zip(&self.enabled).map(|(r, on)| (r.name, *on))
    }
}

/// A compiled set of rules; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizeOptions,
    table: Table,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

impl Normalizer {
    /// Compile `options` into a table.
    pub fn new(options: NormalizeOptions) -> Self {
        let table = Table::compile(options.active_rules());
        Normalizer { options, table }
    }

    /// The options this normalizer was built from.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Normalize one text; borrowed when nothing changes.
    #[inline]
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.table.apply(text)
    }

    /// Append the normalized form of `text` to `out` (used to fill column buffers).
    #[inline]
    pub fn normalize_into(&self, text: &str, out: &mut Vec<u8>) {
        self.table.apply_into(text, out)
    }

    /// Whether `text` would change.
    #[inline]
    pub fn changes(&self, text: &str) -> bool {
        self.table.first_change(text).is_some()
    }

    /// The active rules in words, one line each.
    pub fn describe(&self) -> Vec<String> {
        self.options
            .active_rules()
            .map(|r| format!("{}: {}", r.name, r.description))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic() -> Normalizer {
        Normalizer::new(NormalizeOptions::preset("basic").unwrap())
    }

    /// (rule, input, expected) with only that rule on.
    const ONE_RULE_CASES: &[(&str, &str, &str)] = &[
        ("strip_harakat", "مَدْرَسَةٌ", "مدرسة"),
        ("strip_harakat", "شدّة", "شدة"),
        ("strip_harakat", "هٰذا", "هٰذا"),
        ("strip_dagger_alef", "هٰذا", "هذا"),
        ("strip_tatweel", "كتـــاب", "كتاب"),
        ("fold_alef", "أإآٱا", "ااااا"),
        ("fold_alef_hamza", "أإآٱ", "اااٱ"),
        ("fold_alef_maqsura", "على", "علي"),
        ("fold_teh_marbuta", "مدرسة", "مدرسه"),
        ("strip_tatweel", "no arabic at all", "no arabic at all"),
        ("strip_tatweel", "", ""),
    ];

    #[test]
    fn each_rule_alone() {
        for &(rule, input, expected) in ONE_RULE_CASES {
            let opts = NormalizeOptions::preset("none").unwrap().with(rule, true).unwrap();
            assert_eq!(Normalizer::new(opts).normalize(input), expected, "{rule} on {input:?}");
        }
    }

    #[test]
    fn basic_preset_runs_all_five_rules() {
        assert_eq!(basic().normalize("إِلَى الْمَدْرَسَــةِ"), "الي المدرسه");
        assert_eq!(basic().normalize("ٱلرَّحْمَٰنِ"), "الرحمن");
    }

    #[test]
    fn default_keeps_letters() {
        let n = Normalizer::default();
        assert_eq!(n.options().preset_name(), "ml_clean");
        assert_eq!(n.normalize("إِلَى الْمَدْرَسَــةِ"), "إلى المدرسة");
    }

    #[test]
    fn search_preset_is_lucene() {
        let n = Normalizer::new(NormalizeOptions::preset("search").unwrap());
        assert_eq!(n.normalize("ٱلْقُرْآنُ أَوْ إِنَّ هٰذِهِ مَدْرَسَةٌ عَلَى"), "ٱلقران او ان هٰذه مدرسه علي");
    }

    #[test]
    fn non_arabic_text_passes_through() {
        let s = "Ünïcödé 😀 中文 ١٢٣ \u{200f} ﷲ";
        assert_eq!(basic().normalize(s), s);
    }

    #[test]
    fn idempotent_on_mixed_text() {
        let s = "أَهْلاً وَسَهْلاً بِكُمْ فِي الْمَدْرَسَــةِ ١٢٣ abc";
        let once = basic().normalize(s).into_owned();
        assert_eq!(basic().normalize(&once), once);
    }

    #[test]
    fn unknown_names_are_errors_listing_valid_ones() {
        let e = NormalizeOptions::preset("nope").unwrap_err();
        assert!(e.to_string().contains("ml_clean"));
        let e = NormalizeOptions::default().with("strip_all", true).unwrap_err();
        assert!(e.to_string().contains("strip_tatweel"), "{e}");
    }

    #[test]
    fn describe_lists_active_rules() {
        let d = Normalizer::default().describe();
        assert_eq!(d.len(), 3);
        assert!(d[0].starts_with("strip_harakat"));
    }

    #[test]
    fn rules_can_be_switched_off() {
        let opts = NormalizeOptions::preset("basic").unwrap().with("fold_alef", false).unwrap();
        assert_eq!(opts.is_enabled("fold_alef"), Some(false));
        assert_eq!(Normalizer::new(opts).normalize("أحمد"), "أحمد");
    }
}
