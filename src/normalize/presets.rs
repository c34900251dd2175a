//! Presets: named lists of rule values, declared as data.

use super::rule::Value::{self, Bool, Choice};

/// A named set of rule values; rules not listed are off.
#[derive(Debug)]
pub struct Preset {
    /// Stable name, as passed to `normalize(x, preset=...)`.
    pub name: &'static str,
    /// What the preset is for.
    pub description: &'static str,
    /// The rules it turns on, with their values.
    pub rules: &'static [(&'static str, Value)],
}

const ON: Value = Bool(true);

/// Every preset; the first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "ml_clean",
        description: "text for modelling: Unicode fixed, invisible characters and every mark and \
                      tatweel removed, spaces normalized; every letter, digit and symbol kept",
        rules: &[
            ("presentation_forms", ON),
            ("compose", ON),
            ("strip_invisible", ON),
            ("strip_harakat", ON),
            ("strip_dagger_alef", ON),
            ("strip_quranic_marks", ON),
            ("strip_extended_marks", ON),
            ("strip_tatweel", ON),
            ("keep_tatweel_dash", ON),
            ("normalize_whitespace", ON),
            ("keep_newlines", ON),
        ],
    },
    Preset {
        name: "display",
        description: "invisible characters and Unicode fixes only (presentation forms, \
                      decomposed letters); text otherwise unchanged",
        rules: &[("presentation_forms", ON), ("compose", ON), ("strip_invisible", ON)],
    },
    Preset {
        name: "basic",
        description: "the five classic rules: marks, tatweel, alef forms, alef maqsura, teh marbuta",
        rules: &[
            ("strip_harakat", ON),
            ("strip_dagger_alef", ON),
            ("strip_tatweel", ON),
            ("fold_alef", ON),
            ("fold_alef_maqsura", ON),
            ("fold_teh_marbuta", ON),
        ],
    },
    Preset {
        name: "search",
        description: "exactly Lucene's ArabicNormalizationFilter: harakat and tatweel removed, \
                      أ إ آ → ا, ى → ي, ة → ه (ٱ and the dagger alef kept)",
        rules: &[
            ("strip_harakat", ON),
            ("strip_tatweel", ON),
            ("fold_alef_hamza", ON),
            ("fold_alef_maqsura", ON),
            ("fold_teh_marbuta", ON),
        ],
    },
    Preset {
        name: "camel_dediac",
        description: "CAMeL Tools dediac_ar: harakat and the dagger alef removed",
        rules: &[("strip_harakat", ON), ("strip_dagger_alef", ON)],
    },
    Preset {
        name: "camel_arclean",
        description: "CAMeL Tools arclean, minus its losses: presentation forms, marks, tatweel \
                      and invisible characters removed or mapped, ٱ → ا, Persian letters \
                      folded, ASCII digits, punctuation, quotes and spaces; characters arclean \
                      does not know (emoji, accents, symbols) are kept, and so are hamza and \
                      madda marks that cannot join a letter",
        rules: &[
            ("presentation_forms", ON),
            ("expand_honorifics", ON),
            ("compose", ON),
            ("strip_invisible", ON),
            ("zwnj", Choice("space")),
            ("strip_harakat", ON),
            ("strip_dagger_alef", ON),
            ("strip_quranic_marks", ON),
            ("strip_extended_marks", ON),
            ("strip_tatweel", ON),
            ("fold_alef_wasla", ON),
            ("fold_persian_letters", ON),
            ("digits", Choice("ascii")),
            ("ascii_punctuation", ON),
            ("ascii_quotes", ON),
            ("ascii_spaces", ON),
        ],
    },
    Preset {
        name: "pyarabic_tashkeel",
        description: "PyArabic strip_tashkeel: harakat and shadda removed (dagger alef kept)",
        rules: &[("strip_harakat", ON)],
    },
    Preset { name: "none", description: "no rule on: switch rules on by name", rules: &[] },
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
    use crate::normalize::rule::ValueKind;
    use crate::normalize::rules::rule_by_name;

    #[test]
    fn every_preset_sets_known_rules_with_valid_values() {
        for p in PRESETS {
            for (name, value) in p.rules {
                let rule = rule_by_name(name)
                    .unwrap_or_else(|| panic!("preset {} names unknown rule {name}", p.name));
                match (rule.kind, value) {
                    (ValueKind::Bool, Value::Bool(_)) | (ValueKind::Count, Value::Count(_)) => {}
                    (ValueKind::Choice(c), Value::Choice(v)) => assert!(c.contains(v)),
                    _ => panic!("preset {}: bad value for {name}", p.name),
                }
            }
        }
        assert_eq!(PRESETS[0].name, DEFAULT_PRESET);
    }
}
