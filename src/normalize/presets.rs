//! Presets: named lists of rules, declared as data.

/// A named set of rules.
#[derive(Debug)]
pub struct Preset {
    /// Stable name, as passed to `normalize(x, preset=...)`.
    pub name: &'static str,
    /// What the preset is for.
    pub description: &'static str,
    /// The rules it turns on, by name.
    pub rules: &'static [&'static str],
}

/// Every preset; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "ml_clean",
        description: "text for modelling: marks and tatweel removed, every letter kept",
        rules: &["strip_harakat", "strip_dagger_alef", "strip_tatweel"],
    },
    Preset {
        name: "basic",
        description: "the five classic rules: marks, tatweel, alef forms, alef maqsura, teh marbuta",
        rules: &[
            "strip_harakat",
            "strip_dagger_alef",
            "strip_tatweel",
            "fold_alef",
            "fold_alef_maqsura",
            "fold_teh_marbuta",
        ],
    },
    Preset {
        name: "search",
        description: "exactly Lucene's ArabicNormalizationFilter (keeps ٱ and the dagger alef)",
        rules: &[
            "strip_harakat",
            "strip_tatweel",
            "fold_alef_hamza",
            "fold_alef_maqsura",
            "fold_teh_marbuta",
        ],
    },
    Preset {
        name: "none",
        description: "no rule on: every rule must be turned on by name",
        rules: &[],
    },
];

/// The preset `normalize` uses when none is named.
pub const DEFAULT_PRESET: &str = "ml_clean";

/// Look a preset up by name.
pub fn preset_by_name(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::rules::rule_by_name;

    #[test]
    fn every_preset_names_known_rules() {
        for p in PRESETS {
            for r in p.rules {
                assert!(rule_by_name(r).is_some(), "preset {} names unknown rule {r}", p.name);
            }
        }
        assert_eq!(PRESETS[0].name, DEFAULT_PRESET);
    }
}
