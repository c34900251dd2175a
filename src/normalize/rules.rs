//! The normalization rules: each one a named unit with its own table of code points.
//!
//! A rule says, for each code point it touches, what becomes of it: dropped, or replaced by
//! another code point. Rules never look at context, so any set of them compiles into one
//! per-code-point table ([`super::table::Table`]) and runs in one pass.

/// What a rule does to one code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Remove the code point.
    Drop,
    /// Replace the code point by another one.
    Replace(char),
}

/// One named normalization rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable name, used as the keyword argument in Python (`strip_tatweel=True`).
    pub name: &'static str,
    /// What the rule does, in words (shown by `Normalizer.describe()`).
    pub description: &'static str,
    /// Every code point the rule touches, with what it becomes.
    pub table: &'static [(char, Action)],
}

use Action::{Drop, Replace};

/// Tanween, short vowels, shadda and sukun: U+064B–U+0652.
pub const STRIP_HARAKAT: Rule = Rule {
    name: "strip_harakat",
    description: "remove tanween, short vowels, shadda and sukun (U+064B–U+0652)",
    table: &[
        ('\u{064B}', Drop), // fathatan
        ('\u{064C}', Drop), // dammatan
        ('\u{064D}', Drop), // kasratan
        ('\u{064E}', Drop), // fatha
        ('\u{064F}', Drop), // damma
        ('\u{0650}', Drop), // kasra
        ('\u{0651}', Drop), // shadda
        ('\u{0652}', Drop), // sukun
    ],
};

/// The superscript (dagger) alef, kept apart from the harakat: Lucene keeps it, CAMeL drops it.
pub const STRIP_DAGGER_ALEF: Rule = Rule {
    name: "strip_dagger_alef",
    description: "remove the dagger alef U+0670",
    table: &[('\u{0670}', Drop)],
};

/// Tatweel (kashida), the elongation stroke U+0640.
pub const STRIP_TATWEEL: Rule = Rule {
    name: "strip_tatweel",
    description: "remove tatweel U+0640",
    table: &[('\u{0640}', Drop)],
};

/// Hamzated and wasla alef forms to bare alef.
pub const FOLD_ALEF: Rule = Rule {
    name: "fold_alef",
    description: "fold أ إ آ ٱ to ا",
    table: &[
        ('\u{0622}', Replace('\u{0627}')), // alef with madda above
        ('\u{0623}', Replace('\u{0627}')), // alef with hamza above
        ('\u{0625}', Replace('\u{0627}')), // alef with hamza below
        ('\u{0671}', Replace('\u{0627}')), // alef wasla
    ],
};

/// Lucene's alef folding: the three hamza/madda forms, not wasla.
pub const FOLD_ALEF_HAMZA: Rule = Rule {
    name: "fold_alef_hamza",
    description: "fold أ إ آ to ا (alef wasla ٱ kept)",
    table: &[
        ('\u{0622}', Replace('\u{0627}')),
        ('\u{0623}', Replace('\u{0627}')),
        ('\u{0625}', Replace('\u{0627}')),
    ],
};

/// Alef maqsura to yeh.
pub const FOLD_ALEF_MAQSURA: Rule = Rule {
    name: "fold_alef_maqsura",
    description: "fold ى to ي",
    table: &[('\u{0649}', Replace('\u{064A}'))],
};

/// Teh marbuta to heh.
pub const FOLD_TEH_MARBUTA: Rule = Rule {
    name: "fold_teh_marbuta",
    description: "fold ة to ه",
    table: &[('\u{0629}', Replace('\u{0647}'))],
};

/// Every rule, in the order they are listed to users.
pub const RULES: &[&Rule] = &[
    &STRIP_HARAKAT,
    &STRIP_DAGGER_ALEF,
    &STRIP_TATWEEL,
    &FOLD_ALEF,
    &FOLD_ALEF_HAMZA,
    &FOLD_ALEF_MAQSURA,
    &FOLD_TEH_MARBUTA,
];

/// Look a rule up by its name.
pub fn rule_by_name(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_tables_nonempty() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(!a.table.is_empty(), "{} has an empty table", a.name);
            for b in &RULES[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn no_rule_maps_a_char_twice() {
        for r in RULES {
            for (i, (c, _)) in r.table.iter().enumerate() {
                assert!(r.table[i + 1..].iter().all(|(d, _)| d != c), "{}: {c:?}", r.name);
            }
        }
    }

    #[test]
    fn lookup_by_name() {
        assert_eq!(rule_by_name("strip_tatweel").unwrap().name, "strip_tatweel");
        assert!(rule_by_name("strip_everything").is_none());
    }
}
