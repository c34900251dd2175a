//! The normalization rules: each one a named unit with its own table, its own option and its
//! own tests.
//!
//! A rule is data: a name, what it does in words, what kind of value it takes, and a function
//! that writes its code points into a [`TableBuilder`](super::table::TableBuilder) for a given
//! value. Context-free rules (drop or replace a code point) are plain table entries;
//! context-dependent ones (whitespace runs, tatweel used as a dash, composing hamza, word-final
//! yeh, elongation) mark their code points with a special [`Kind`](super::table::Kind) that the
//! one-pass engine ([`super::engine`]) handles. Rules are applied in [`RULES`] order, so a later
//! rule's entry for a code point wins; replacements are closed under all rules at the end.

use super::table::{Kind, TableBuilder};
use unicode_normalization::UnicodeNormalization;

/// The kind of value a rule takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// On or off.
    Bool,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
    /// A small non-negative count (0 = off).
    Count,
}

/// A rule's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// For [`ValueKind::Bool`].
    Bool(bool),
    /// For [`ValueKind::Choice`]: the chosen word.
    Choice(&'static str),
    /// For [`ValueKind::Count`].
    Count(u32),
}

impl Value {
    /// Whether the rule does anything with this value.
    pub fn is_on(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Choice(c) => *c != "keep",
            Value::Count(n) => *n > 0,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Choice(c) => write!(f, "{c}"),
            Value::Count(n) => write!(f, "{n}"),
        }
    }
}

/// One named normalization rule.
pub struct Rule {
    /// Stable name, used as the keyword argument in Python (`strip_tatweel=True`).
    pub name: &'static str,
    /// What the rule does, in words.
    pub description: &'static str,
    /// The rule group, for documentation (`unicode`, `marks`, `letters`...).
    pub group: &'static str,
    /// The kind of value it takes.
    pub kind: ValueKind,
    /// Its value when no preset sets it.
    pub off: Value,
    /// Write the rule into the table for `value` (called only when `value.is_on()`).
    pub apply: fn(&mut TableBuilder, Value),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

// ---------------------------------------------------------------------------- tables

/// Tanween, short vowels, shadda, sukun.
pub const HARAKAT: std::ops::RangeInclusive<u32> = 0x064B..=0x0652;
/// Superscript (dagger) alef.
pub const DAGGER_ALEF: u32 = 0x0670;
/// Quranic annotation marks: the honorific signs and small high letters (U+0610–061A) and the
/// small high/low signs of the Quran (U+06D6–06ED), with the small waw and yeh U+06E5/06E6
/// (annotation written beside a letter, not part of the spelling). U+06DD (end of ayah),
/// U+06DE (rub el hizb) and U+06E9 (place of sajdah) are symbols; they stay.
pub const QURANIC_MARKS: &[std::ops::RangeInclusive<u32>] =
    &[0x0610..=0x061A, 0x06D6..=0x06DC, 0x06DF..=0x06E8, 0x06EA..=0x06ED];
/// Extended Arabic marks other than the composing hamza and madda: U+0656–065F and the Arabic
/// Extended-A marks U+08D3–08FF (U+08E2, a format character, stays).
pub const EXTENDED_MARKS: &[std::ops::RangeInclusive<u32>] =
    &[0x0656..=0x065F, 0x08D3..=0x08E1, 0x08E3..=0x08FF];
/// The combining madda, hamza above and hamza below: they compose with their carrier.
pub const COMPOSING_MARKS: std::ops::RangeInclusive<u32> = 0x0653..=0x0655;
/// Tatweel (kashida).
pub const TATWEEL: u32 = 0x0640;
/// Arabic-Indic digits ٠–٩ and extended (Persian/Urdu) digits ۰–۹.
pub const ARABIC_INDIC_ZERO: u32 = 0x0660;
/// Persian digit zero.
pub const PERSIAN_ZERO: u32 = 0x06F0;

/// Bidi controls and zero-width characters that carry no text (ZWNJ is a rule of its own).
pub const INVISIBLE: &[u32] = &[
    0x00AD, // soft hyphen
    0x061C, // Arabic letter mark
    0x180E, // Mongolian vowel separator
    0x200B, // zero width space
    0x200D, // zero width joiner
    0x200E, 0x200F, // LRM, RLM
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E, // embeddings, pop, overrides
    0x2060, // word joiner
    0x2061, 0x2062, 0x2063, 0x2064, // invisible operators
    0x2066, 0x2067, 0x2068, 0x2069, // isolates
    0xFEFF, // byte order mark / zero width no-break space
];

/// Every Unicode space other than U+0020 (they all become U+0020).
pub const SPACES: &[u32] = &[
    0x0009, 0x000B, 0x000C, 0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
    0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000,
];
/// Line breaks.
pub const LINE_BREAKS: &[u32] = &[0x000A, 0x000D, 0x0085, 0x2028, 0x2029];

fn ch(c: u32) -> char {
    char::from_u32(c).expect("rule tables hold valid code points")
}

fn drop_ranges(t: &mut TableBuilder, ranges: &[std::ops::RangeInclusive<u32>]) {
    for r in ranges {
        for c in r.clone() {
            t.drop_char(ch(c));
        }
    }
}

fn map_all(t: &mut TableBuilder, pairs: &[(char, &str)]) {
    for &(c, to) in pairs {
        t.map(c, to);
    }
}

// ---------------------------------------------------------------------------- the rules

fn compose(t: &mut TableBuilder, _: Value) {
    for c in COMPOSING_MARKS {
        t.special(ch(c), Kind::Compose);
    }
    t.set_compose(true);
}

fn presentation_forms(t: &mut TableBuilder, _: Value) {
    // Compatibility decompositions of the Arabic presentation forms: positional letter forms
    // to letters, lam-alef ligatures to ل + ا, ﷲ to الله. The long honorifics (ﷺ ﷻ ...) are
    // a rule of their own.
    for block in [0xFB50u32..=0xFDFF, 0xFE70..=0xFEFF] {
        for cp in block {
            let Some(c) = char::from_u32(cp) else { continue };
            if HONORIFICS.contains(&cp) {
                continue;
            }
            // NFKC, not the bare decomposition: ﻷ is ل + أ, not ل + ا + U+0654.
            let out: String = c.to_string().nfkc().collect();
            if !out.is_empty() && out != c.to_string() {
                t.map(c, &out);
            }
        }
    }
}

/// Ligatures that decompose to whole words: the honorifics (ﷺ → صلى الله عليه وسلم) and the
/// rial sign ﷼, which stays a currency symbol unless asked.
pub const HONORIFICS: &[u32] = &[0xFDF0, 0xFDF1, 0xFDF3, 0xFDF4, 0xFDF5, 0xFDF6, 0xFDF7, 0xFDF8, 0xFDF9, 0xFDFA, 0xFDFB, 0xFDFC];

fn expand_honorifics(t: &mut TableBuilder, _: Value) {
    for &cp in HONORIFICS {
        let c = ch(cp);
        let out: String = c.to_string().nfkc().collect();
        if out != c.to_string() {
            t.map(c, &out);
        }
    }
}

fn nfkc(t: &mut TableBuilder, _: Value) {
    t.set_nfkc(true);
}

fn strip_harakat(t: &mut TableBuilder, _: Value) {
    drop_ranges(t, &[HARAKAT]);
}

fn strip_dagger_alef(t: &mut TableBuilder, _: Value) {
    t.drop_char(ch(DAGGER_ALEF));
}

fn strip_quranic_marks(t: &mut TableBuilder, _: Value) {
    drop_ranges(t, QURANIC_MARKS);
}

fn strip_extended_marks(t: &mut TableBuilder, _: Value) {
    drop_ranges(t, EXTENDED_MARKS);
}

fn strip_tatweel(t: &mut TableBuilder, _: Value) {
    t.special(ch(TATWEEL), Kind::Tatweel);
}

fn keep_tatweel_dash(t: &mut TableBuilder, v: Value) {
    t.set_tatweel_dash(v.is_on());
}

fn fold_alef(t: &mut TableBuilder, _: Value) {
    map_all(t, &[('آ', "ا"), ('أ', "ا"), ('إ', "ا"), ('ٱ', "ا"), ('ٲ', "ا"), ('ٳ', "ا")]);
}

fn fold_alef_hamza(t: &mut TableBuilder, _: Value) {
    map_all(t, &[('آ', "ا"), ('أ', "ا"), ('إ', "ا")]);
}

fn fold_alef_wasla(t: &mut TableBuilder, _: Value) {
    map_all(t, &[('ٱ', "ا"), ('ٲ', "ا"), ('ٳ', "ا")]);
}

fn fold_alef_maqsura(t: &mut TableBuilder, _: Value) {
    t.map('ى', "ي");
}

fn final_yeh_to_alef_maqsura(t: &mut TableBuilder, _: Value) {
    t.special('ي', Kind::FinalYeh);
}

fn fold_teh_marbuta(t: &mut TableBuilder, _: Value) {
    t.map('ة', "ه");
}

fn fold_hamza_carriers(t: &mut TableBuilder, _: Value) {
    map_all(t, &[('ؤ', "و"), ('ئ', "ي")]);
}

fn fold_persian_letters(t: &mut TableBuilder, _: Value) {
    map_all(t, &[
        ('ک', "ك"), ('ڪ', "ك"), // keheh, swash kaf
        ('ی', "ي"), ('ۍ', "ي"), ('ې', "ي"), // Farsi yeh, yeh with tail, e
        ('ە', "ه"), ('ہ', "ه"), ('ھ', "ه"), // ae, heh goal, heh doachashmee
    ]);
}

fn fold_persian_extra(t: &mut TableBuilder, _: Value) {
    map_all(t, &[('گ', "ك"), ('پ', "ب"), ('چ', "ج"), ('ژ', "ز")]);
}

const DIGIT_CHOICES: &[&str] = &["keep", "ascii", "arabic", "persian"];

fn digits(t: &mut TableBuilder, v: Value) {
    let Value::Choice(to) = v else { return };
    let target = match to {
        "ascii" => '0' as u32,
        "arabic" => ARABIC_INDIC_ZERO,
        _ => PERSIAN_ZERO,
    };
    for i in 0..10u32 {
        for zero in ['0' as u32, ARABIC_INDIC_ZERO, PERSIAN_ZERO] {
            if zero != target {
                t.map(ch(zero + i), &ch(target + i).to_string());
            }
        }
    }
    if to == "ascii" {
        map_all(t, &[('٫', "."), ('٬', ",")]);
    }
}

fn ascii_punctuation(t: &mut TableBuilder, _: Value) {
    map_all(t, &[
        ('،', ","), ('؛', ";"), ('؟', "?"), ('۔', "."), ('٪', "%"),
        ('\u{2010}', "-"), ('\u{2011}', "-"), ('\u{2012}', "-"), ('\u{2013}', "-"), ('\u{2014}', "-"),
        ('\u{2015}', "-"), ('…', "..."),
    ]);
}

fn ascii_quotes(t: &mut TableBuilder, _: Value) {
    map_all(t, &[
        ('«', "\""), ('»', "\""), ('“', "\""), ('”', "\""), ('„', "\""), ('‟', "\""),
        ('‘', "'"), ('’', "'"), ('‚', "'"), ('‛', "'"), ('‹', "<"), ('›', ">"),
    ]);
}

fn ascii_spaces(t: &mut TableBuilder, _: Value) {
    for &c in SPACES {
        if c != 0x09 && c != 0x0B && c != 0x0C {
            t.map(ch(c), " ");
        }
    }
}

fn strip_invisible(t: &mut TableBuilder, _: Value) {
    for &c in INVISIBLE {
        t.drop_char(ch(c));
    }
}

const ZWNJ_CHOICES: &[&str] = &["keep", "space", "delete"];

fn zwnj(t: &mut TableBuilder, v: Value) {
    match v {
        Value::Choice("delete") => t.drop_char('\u{200C}'),
        Value::Choice("space") => t.special('\u{200C}', Kind::Space),
        _ => {}
    }
}

fn normalize_whitespace(t: &mut TableBuilder, _: Value) {
    t.special(' ', Kind::Space);
    for &c in SPACES {
        t.special(ch(c), Kind::Space);
    }
    for &c in LINE_BREAKS {
        t.special(ch(c), Kind::Newline);
    }
    t.set_whitespace(true);
}

fn keep_newlines(t: &mut TableBuilder, v: Value) {
    t.set_keep_newlines(v.is_on());
}

fn elongation(t: &mut TableBuilder, v: Value) {
    if let Value::Count(n) = v {
        t.set_elongation(n);
    }
}

const MASK_CHOICES: &[&str] = &["keep", "remove", "token"];
const HASHTAG_CHOICES: &[&str] = &["keep", "words", "remove", "token"];

fn mask_urls(t: &mut TableBuilder, v: Value) {
    t.set_mask(super::masks::MaskKind::Url, v);
}
fn mask_emails(t: &mut TableBuilder, v: Value) {
    t.set_mask(super::masks::MaskKind::Email, v);
}
fn mask_mentions(t: &mut TableBuilder, v: Value) {
    t.set_mask(super::masks::MaskKind::Mention, v);
}
fn mask_hashtags(t: &mut TableBuilder, v: Value) {
    t.set_mask(super::masks::MaskKind::Hashtag, v);
}
fn mask_emoji(t: &mut TableBuilder, v: Value) {
    t.set_mask(super::masks::MaskKind::Emoji, v);
}

const fn bool_rule(
    name: &'static str,
    group: &'static str,
    description: &'static str,
    apply: fn(&mut TableBuilder, Value),
) -> Rule {
    Rule { name, description, group, kind: ValueKind::Bool, off: Value::Bool(false), apply }
}

/// Every rule, in application order.
pub const RULES: &[Rule] = &[
    // Unicode first, so that every later rule sees letters, not presentation forms.
    bool_rule("nfkc", "unicode", "apply full Unicode NFKC first (slow: use only when needed)", nfkc),
    bool_rule("presentation_forms", "unicode",
        "presentation forms (U+FB50–FDFF, U+FE70–FEFF) to letters, lam-alef ligatures to ل + ا, ﷲ to الله",
        presentation_forms),
    bool_rule("expand_honorifics", "unicode",
        "honorific ligatures to words: ﷺ → صلى الله عليه وسلم, ﷻ → جل جلاله ...", expand_honorifics),
    bool_rule("compose", "unicode",
        "compose decomposed letters (ا + U+0654 → أ, و + U+0654 → ؤ, ا + U+0653 → آ ...) and put kept marks in canonical order",
        compose),
    bool_rule("strip_invisible", "invisible",
        "remove bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates), ZWSP, ZWJ, word joiner, BOM, soft hyphen",
        strip_invisible),
    Rule { name: "zwnj", group: "invisible",
        description: "zero-width non-joiner U+200C: keep, space or delete (it separates Persian words)",
        kind: ValueKind::Choice(ZWNJ_CHOICES), off: Value::Choice("keep"), apply: zwnj },
    bool_rule("strip_harakat", "marks", "remove tanween, short vowels, shadda and sukun (U+064B–0652)", strip_harakat),
    bool_rule("strip_dagger_alef", "marks", "remove the dagger alef U+0670", strip_dagger_alef),
    bool_rule("strip_quranic_marks", "marks",
        "remove Quranic annotation marks (U+0610–061A, U+06D6–06ED; the symbols ۝ ۞ ۩ stay)", strip_quranic_marks),
    bool_rule("strip_extended_marks", "marks",
        "remove extended marks (U+0656–065F, U+08D3–08FF); hamza and madda marks compose instead", strip_extended_marks),
    bool_rule("strip_tatweel", "letters", "remove tatweel U+0640", strip_tatweel),
    Rule { name: "keep_tatweel_dash", group: "letters",
        description: "with strip_tatweel: keep a tatweel standing as a dash between spaces (القاهرة ـ كتب)",
        kind: ValueKind::Bool, off: Value::Bool(false), apply: keep_tatweel_dash },
    bool_rule("fold_alef", "letters", "fold أ إ آ ٱ ٲ ٳ to ا", fold_alef),
    bool_rule("fold_alef_hamza", "letters", "fold أ إ آ to ا (ٱ kept; Lucene's alef rule)", fold_alef_hamza),
    bool_rule("fold_alef_wasla", "letters",
        "fold ٱ ٲ ٳ to ا, keeping أ إ آ (CAMeL's arclean choice)", fold_alef_wasla),
    bool_rule("fold_alef_maqsura", "letters", "fold ى to ي", fold_alef_maqsura),
    bool_rule("final_yeh_to_alef_maqsura", "letters",
        "the reverse: word-final ي to ى (Egyptian spelling)", final_yeh_to_alef_maqsura),
    bool_rule("fold_teh_marbuta", "letters", "fold ة to ه", fold_teh_marbuta),
    bool_rule("fold_hamza_carriers", "letters", "fold ؤ to و and ئ to ي", fold_hamza_carriers),
    bool_rule("fold_persian_letters", "letters",
        "fold Persian/Urdu/Kurdish letters: ک ڪ → ك; ی ۍ ې → ي; ە ہ ھ → ه", fold_persian_letters),
    bool_rule("fold_persian_extra", "letters",
        "fold گ → ك, پ → ب, چ → ج, ژ → ز (off by default: these letters carry meaning in names and loanwords)",
        fold_persian_extra),
    Rule { name: "digits", group: "digits",
        description: "digits to one script: keep, ascii (also ٫ → . and ٬ → ,), arabic (٠–٩) or persian (۰–۹)",
        kind: ValueKind::Choice(DIGIT_CHOICES), off: Value::Choice("keep"), apply: digits },
    bool_rule("ascii_punctuation", "punctuation", "، ؛ ؟ ۔ ٪ to , ; ? . %, dashes ‐ – — to -, … to ...", ascii_punctuation),
    bool_rule("ascii_quotes", "punctuation", "guillemets « » and curly quotes “ ” ‘ ’ to \" and '", ascii_quotes),
    bool_rule("ascii_spaces", "whitespace",
        "every Unicode space (NBSP, thin, em ... spaces) to U+0020, one for one, runs kept", ascii_spaces),
    bool_rule("normalize_whitespace", "whitespace",
        "every Unicode space to U+0020, runs collapsed, spaces at line ends and text ends removed",
        normalize_whitespace),
    Rule { name: "keep_newlines", group: "whitespace",
        description: "with normalize_whitespace: keep line breaks (as \\n, at most one blank line) instead of turning them into spaces",
        kind: ValueKind::Bool, off: Value::Bool(false), apply: keep_newlines },
    Rule { name: "elongation", group: "elongation",
        description: "letters repeated 3 or more times (ههههه, رااااائع) cut to this many (0: off)",
        kind: ValueKind::Count, off: Value::Count(0), apply: elongation },
    Rule { name: "mask_urls", group: "masks", description: "URLs: keep, remove or token (<URL>)",
        kind: ValueKind::Choice(MASK_CHOICES), off: Value::Choice("keep"), apply: mask_urls },
    Rule { name: "mask_emails", group: "masks", description: "e-mail addresses: keep, remove or token (<EMAIL>)",
        kind: ValueKind::Choice(MASK_CHOICES), off: Value::Choice("keep"), apply: mask_emails },
    Rule { name: "mask_mentions", group: "masks", description: "@mentions: keep, remove or token (<USER>)",
        kind: ValueKind::Choice(MASK_CHOICES), off: Value::Choice("keep"), apply: mask_mentions },
    Rule { name: "mask_hashtags", group: "masks",
        description: "#hashtags: keep, words (drop # and turn _ into spaces), remove or token (<HASHTAG>)",
        kind: ValueKind::Choice(HASHTAG_CHOICES), off: Value::Choice("keep"), apply: mask_hashtags },
    Rule { name: "mask_emoji", group: "masks", description: "emoji: keep, remove or token (<EMOJI>)",
        kind: ValueKind::Choice(MASK_CHOICES), off: Value::Choice("keep"), apply: mask_emoji },
];

/// Look a rule up by its name.
pub fn rule_by_name(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// Index of a rule in [`RULES`].
pub fn rule_index(name: &str) -> Option<usize> {
    RULES.iter().position(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|b| b.name != a.name), "{}", a.name);
        }
    }

    #[test]
    fn off_values_match_their_kind_and_are_off() {
        for r in RULES {
            assert!(!r.off.is_on(), "{} is on by default", r.name);
            match (r.kind, r.off) {
                (ValueKind::Bool, Value::Bool(_)) | (ValueKind::Count, Value::Count(_)) => {}
                (ValueKind::Choice(c), Value::Choice(v)) => assert!(c.contains(&v)),
                _ => panic!("{}: value kind mismatch", r.name),
            }
        }
    }

    #[test]
    fn mark_groups_do_not_overlap() {
        let mut seen = std::collections::HashSet::new();
        let groups: Vec<std::ops::RangeInclusive<u32>> = [HARAKAT, DAGGER_ALEF..=DAGGER_ALEF, COMPOSING_MARKS]
            .into_iter()
            .chain(QURANIC_MARKS.iter().cloned())
            .chain(EXTENDED_MARKS.iter().cloned())
            .collect();
        for g in groups {
            for c in g {
                assert!(seen.insert(c), "U+{c:04X} in two groups");
            }
        }
    }

    #[test]
    fn symbols_and_letters_in_the_quranic_block_are_not_marks() {
        for cp in [0x06DD, 0x06DE, 0x06E9] {
            assert!(!QURANIC_MARKS.iter().any(|r| r.contains(&cp)), "U+{cp:04X}");
        }
    }
}
