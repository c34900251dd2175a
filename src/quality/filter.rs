//! Keep or drop a document by FineWeb-2's filter rules, with one preset per language setting.
//!
//! The rules run in FineWeb-2's order — Gopher repetition, FineWeb quality, Gopher quality —
//! and the first that fails names the reason (FineWeb-2's own names: `dup_line_frac`,
//! `top_2_gram`, `duplicated_5_n_grams`, `line_punct_ratio`, `char_dup_ratio`, `list_ratio`,
//! `gopher_short_doc`, `gopher_below_alpha_threshold`, `gopher_enough_stop_words` ...). Each
//! threshold is a [`Rule`]; `None` turns a rule off.
//!
//! Presets ([`Preset`]):
//! - `fineweb2_arb`: FineWeb-2's settings for Standard Arabic (`arb_Arab`), measured as FineWeb-2
//!   measures: a line is ended when its very last character is a sentence terminal.
//! - `khabar_arb`: the same thresholds, but a line's end is read past trailing white space, bidi
//!   and other invisible format characters, tatweel and closing quotes or brackets — edited
//!   news often ends its lines with a space or U+202C after the full stop.

use super::lines::{line_ends_in_punct, Ending};
use super::punct::is_symbol_char;
use super::repetition::{duplicates, NGrams};
use super::text::{is_py_space, py_lines, py_strip};
use crate::tokenize::words;

/// One threshold of the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Most duplicate lines (fraction of lines).
    DupLineFrac,
    /// Most characters in the top 2-, 3-, 4-gram (fraction of the text).
    TopNGram(usize),
    /// Most characters in duplicated 5..10-grams (fraction of the text).
    DupNGrams(usize),
    /// Least fraction of lines ending in punctuation.
    LinePunct,
    /// Most characters in duplicate lines (fraction of non-newline characters).
    CharDup,
    /// Most newlines per word.
    NewLine,
    /// Least and most words (tokens with a character other than punctuation).
    MinDocWords,
    /// See [`Rule::MinDocWords`].
    MaxDocWords,
    /// Least mean word length.
    MinAvgWordLength,
    /// Most mean word length.
    MaxAvgWordLength,
    /// Most `#` or ellipses per token.
    MaxSymbolWordRatio,
    /// Most lines starting with a bullet.
    MaxBulletLines,
    /// Most lines ending in an ellipsis.
    MaxEllipsisLines,
    /// Least fraction of tokens with a letter.
    MinAlphaWords,
    /// Least number of distinct stopwords present.
    MinStopWords,
}

/// Every rule with its keyword name, in the order they run.
pub const RULES: [(&str, Rule); 22] = [
    ("dup_line_frac", Rule::DupLineFrac),
    ("top_2_gram_frac", Rule::TopNGram(2)),
    ("top_3_gram_frac", Rule::TopNGram(3)),
    ("top_4_gram_frac", Rule::TopNGram(4)),
    ("dup_5_gram_frac", Rule::DupNGrams(5)),
    ("dup_6_gram_frac", Rule::DupNGrams(6)),
    ("dup_7_gram_frac", Rule::DupNGrams(7)),
    ("dup_8_gram_frac", Rule::DupNGrams(8)),
    ("dup_9_gram_frac", Rule::DupNGrams(9)),
    ("dup_10_gram_frac", Rule::DupNGrams(10)),
    ("line_punct_thr", Rule::LinePunct),
    ("char_dup_ratio", Rule::CharDup),
    ("new_line_ratio", Rule::NewLine),
    ("min_doc_words", Rule::MinDocWords),
    ("max_doc_words", Rule::MaxDocWords),
    ("min_avg_word_length", Rule::MinAvgWordLength),
    ("max_avg_word_length", Rule::MaxAvgWordLength),
    ("max_symbol_word_ratio", Rule::MaxSymbolWordRatio),
    ("max_bullet_lines_ratio", Rule::MaxBulletLines),
    ("max_ellipsis_lines_ratio", Rule::MaxEllipsisLines),
    ("max_non_alpha_words_ratio", Rule::MinAlphaWords),
    ("min_stop_words", Rule::MinStopWords),
];

/// FineWeb-2's Arabic stopwords (`arb_Arab`).
pub const ARB_STOPWORDS: [&str; 19] = [
    "،",
    "في",
    "من",
    "على",
    "إلى",
    "عام",
    "أن",
    "مع",
    "أو",
    "هو",
    "عن",
    "التي",
    "كان",
    "بين",
    "ما",
    "كانت",
    "هي",
    "المتحدة",
    "بعد",
];

/// The settings of one filter run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Threshold per rule of [`RULES`], in that order.
    pub thresholds: [Option<f64>; 22],
    /// How a line's end is read.
    pub ending: Ending,
    /// Stopwords for [`Rule::MinStopWords`].
    pub stopwords: Vec<String>,
}

/// A named preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// FineWeb-2, `arb_Arab`, as FineWeb-2 measures.
    Fineweb2Arb,
    /// The same thresholds, line ends read past invisible characters, and lines of running text
    /// counted as punctuated ([`Ending::Prose`]).
    KhabarArb,
}

impl Preset {
    /// The preset called `name`.
    pub fn named(name: &str) -> Option<Preset> {
        match name {
            "fineweb2_arb" => Some(Preset::Fineweb2Arb),
            "khabar_arb" => Some(Preset::KhabarArb),
            _ => None,
        }
    }

    /// Every preset name.
    pub const NAMES: [&'static str; 2] = ["fineweb2_arb", "khabar_arb"];

    /// The preset's settings.
    pub fn settings(self) -> Settings {
        let t = [
            Some(0.304),
            Some(0.197),
            Some(0.172),
            Some(0.146),
            Some(0.165),
            Some(0.153),
            Some(0.142),
            Some(0.131),
            Some(0.12),
            Some(0.109),
            Some(0.143),
            Some(0.1),
            Some(0.189),
            Some(50.0),
            Some(100_000.0),
            Some(2.0),
            Some(9.0),
            Some(0.1),
            Some(0.9),
            Some(0.3),
            Some(0.787),
            Some(2.0),
        ];
        let ending = match self {
            Preset::Fineweb2Arb => Ending::LastChar,
            Preset::KhabarArb => Ending::Prose,
        };
        Settings {
            thresholds: t,
            ending,
            stopwords: ARB_STOPWORDS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Settings {
    fn get(&self, rule: Rule) -> Option<f64> {
        let i = RULES.iter().position(|&(_, r)| r == rule)?;
        self.thresholds[i].filter(|&v| v != 0.0)
    }
}

/// `None` to keep `text`, or the name of the first rule it fails.
pub fn decide(text: &str, s: &Settings) -> Option<String> {
    if text.is_empty() {
        return Some("empty".into());
    }
    let text_len = text.chars().count() as f64;

    // Gopher repetition: lines are the text split at runs of newlines.
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.is_empty()).collect();
    let n_lines =
        lines.len() + usize::from(text.starts_with('\n')) + usize::from(text.ends_with('\n'));
    let (dup_lines, _) = duplicates(
        lines
            .iter()
            .copied()
            .chain(std::iter::repeat_n("", n_lines - lines.len())),
    );
    if let Some(t) = s.get(Rule::DupLineFrac) {
        if dup_lines as f64 / n_lines as f64 > t {
            return Some("dup_line_frac".into());
        }
    }
    let tokens: Vec<&str> = words(text).map(|t| t.text(text)).collect();
    let lens: Vec<usize> = tokens.iter().map(|w| w.chars().count()).collect();
    let mut grams = NGrams::new(&tokens, &lens);
    for n in 2..=4 {
        if let (Some(t), Some(top)) = (s.get(Rule::TopNGram(n)), grams.top(n)) {
            if top as f64 / text_len > t {
                return Some(format!("top_{n}_gram"));
            }
        }
    }
    for n in 5..=10 {
        if let Some(t) = s.get(Rule::DupNGrams(n)) {
            if grams.duplicated(n) as f64 / text_len > t {
                return Some(format!("duplicated_{n}_n_grams"));
            }
        }
    }

    // FineWeb quality: non-blank lines.
    let lines: Vec<&str> = text
        .split('\n')
        .filter(|l| !py_strip(l).is_empty())
        .collect();
    if lines.is_empty() {
        return Some("empty".into());
    }
    if let Some(t) = s.get(Rule::LinePunct) {
        let ended = lines
            .iter()
            .filter(|l| line_ends_in_punct(l, s.ending))
            .count();
        if (ended as f64 / lines.len() as f64) < t {
            return Some("line_punct_ratio".into());
        }
    }
    if let Some(t) = s.get(Rule::CharDup) {
        let (_, chars) = duplicates(lines.iter().copied());
        let body = text.chars().filter(|&c| c != '\n').count().max(1);
        if chars as f64 / body as f64 > t {
            return Some("char_dup_ratio".into());
        }
    }
    if let Some(t) = s.get(Rule::NewLine) {
        let newlines = text.bytes().filter(|&b| b == b'\n').count();
        if newlines as f64 / tokens.len().max(1) as f64 > t {
            return Some("list_ratio".into());
        }
    }

    // Gopher quality.
    let n_tokens = tokens.len().max(1) as f64;
    let word_lens: Vec<usize> = tokens
        .iter()
        .zip(&lens)
        .filter(|(w, _)| w.chars().any(|c| !is_symbol_char(c)))
        .map(|(_, &l)| l)
        .collect();
    let n_words = word_lens.len() as f64;
    if s.get(Rule::MinDocWords).is_some_and(|t| n_words < t) {
        return Some("gopher_short_doc".into());
    }
    if s.get(Rule::MaxDocWords).is_some_and(|t| n_words > t) {
        return Some("gopher_long_doc".into());
    }
    let mean = word_lens.iter().sum::<usize>() as f64 / n_words.max(1.0);
    if s.get(Rule::MinAvgWordLength).is_some_and(|t| mean < t) {
        return Some("gopher_below_avg_threshold".into());
    }
    if s.get(Rule::MaxAvgWordLength).is_some_and(|t| mean > t) {
        return Some("gopher_above_avg_threshold".into());
    }
    if let Some(t) = s.get(Rule::MaxSymbolWordRatio) {
        if text.matches('#').count() as f64 / n_tokens > t {
            return Some("gopher_too_many_hashes".into());
        }
        if (text.matches("...").count() + text.matches('…').count()) as f64 / n_tokens > t {
            return Some("gopher_too_many_ellipsis".into());
        }
    }
    let all_lines = py_lines(text);
    let n_all = all_lines.len().max(1) as f64;
    if let Some(t) = s.get(Rule::MaxBulletLines) {
        let bullets = all_lines
            .iter()
            .filter(|l| {
                let l = l.trim_start_matches(is_py_space);
                l.starts_with('•') || l.starts_with('-')
            })
            .count();
        if bullets as f64 / n_all > t {
            return Some("gopher_too_many_bullets".into());
        }
    }
    if let Some(t) = s.get(Rule::MaxEllipsisLines) {
        let ellipses = all_lines
            .iter()
            .filter(|l| {
                let l = l.trim_end_matches(is_py_space);
                l.ends_with("...") || l.ends_with('…')
            })
            .count();
        if ellipses as f64 / n_all > t {
            return Some("gopher_too_many_end_ellipsis".into());
        }
    }
    if let Some(t) = s.get(Rule::MinAlphaWords) {
        let alpha = tokens
            .iter()
            .filter(|w| w.chars().any(crate::text::is_alphabetic))
            .count();
        if (alpha as f64 / n_tokens) < t {
            return Some("gopher_below_alpha_threshold".into());
        }
    }
    if let Some(t) = s.get(Rule::MinStopWords) {
        let present = s
            .stopwords
            .iter()
            .filter(|sw| tokens.contains(&sw.as_str()))
            .count();
        if (present as f64) < t {
            return Some("gopher_enough_stop_words".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn reasons() {
        let s = Preset::Fineweb2Arb.settings();
        assert_eq!(decide("", &s).as_deref(), Some("empty"));
        let line = "قال الوزير في مؤتمر صحفي إن الحكومة ستعمل على تطوير البنية التحتية من أجل خدمة المواطنين في كل المناطق.";
        // One short line: its one 4-gram is already a fifth of the text, as in FineWeb-2.
        assert_eq!(decide(line, &s).as_deref(), Some("top_4_gram"));
        let repeated = article(&[line; 6]);
        assert_eq!(decide(&repeated, &s).as_deref(), Some("dup_line_frac"));
        let mut only_size = only(&s, &[Rule::MinDocWords]);
        assert_eq!(
            decide(line, &only_size).as_deref(),
            Some("gopher_short_doc")
        );
        only_size.thresholds[13] = Some(5.0);
        assert_eq!(decide(line, &only_size), None);
    }

    /// `s` with every rule but `keep` turned off.
    fn only(s: &Settings, keep: &[Rule]) -> Settings {
        let mut s = s.clone();
        for (i, (_, r)) in RULES.iter().enumerate() {
            if !keep.contains(r) {
                s.thresholds[i] = None;
            }
        }
        s
    }

    #[test]
    fn invisible_line_ends() {
        let lines: Vec<String> = (0..6)
            .map(|i| format!("الخبر رقم {i} عن المملكة.\u{202C} "))
            .collect();
        let text = lines.join("\n");
        let fw = only(&Preset::Fineweb2Arb.settings(), &[Rule::LinePunct]);
        let kh = only(&Preset::KhabarArb.settings(), &[Rule::LinePunct]);
        assert_eq!(decide(&text, &fw).as_deref(), Some("line_punct_ratio"));
        assert_eq!(decide(&text, &kh), None);
        // A one-line article with a credit glued to its end, and a list of headlines.
        let glued = "ارتفعت الأسعار في السوق. وقال الوزير إن الخطة تمضي. * شاعر سعودي ";
        assert_eq!(decide(glued, &fw).as_deref(), Some("line_punct_ratio"));
        assert_eq!(decide(glued, &kh), None);
        let menu = "الرئيسية\nأخبار المملكة\nاقتصاد\nرياضة\nالعالم\nاتصل بنا. من نحن";
        assert_eq!(decide(menu, &kh).as_deref(), Some("line_punct_ratio"));
    }
}
