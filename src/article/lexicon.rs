//! The word lists of SPEC C2/C4 (`lexicons.json`, compiled into the crate) and the matchers
//! built from them.
//!
//! The lists are data; the shapes around them (anchors, the colon after a label, the name after
//! a byline prefix) are code, here. Every entry is turned into a matching key
//! ([`super::keys`]) when loaded, and every matcher runs on block keys, so the lists need one
//! spelling per word. Loading happens once, on first use ([`LEXICON`]); the data is part of the
//! binary, so a failure to load is a bug caught by this module's tests, not an input error.
//!
//! Data conventions (also stated in the file's `_note`):
//! - `{a|b} {c|d}` expands to every combination (`{اقرأ|طالع} {أيضا|كذلك}`);
//! - in `captions`, `source_line` and `byline_prefixes` an entry ending in `:` is a label: it
//!   starts the line and a colon follows it.
//!
//! Alternations are sorted longest first, so `كتبت` is tried before `كتب` and a longer phrase
//! wins over its prefix.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::keys::key;
use super::schema::Role;
use crate::text::pattern;

/// The lists as stored in `lexicons.json`.
#[derive(Deserialize)]
struct LexiconFile {
    byline_prefixes: BTreeMap<String, Vec<String>>,
    byline_needs_colon: Vec<String>,
    byline_verbs: Vec<String>,
    read_more: Vec<String>,
    also_read_inline: Vec<String>,
    also_read_labels: Vec<String>,
    related_headers: Vec<String>,
    tags_labels: Vec<String>,
    share_follow: Vec<String>,
    share_words: Vec<String>,
    social_networks: Vec<String>,
    comments: Vec<String>,
    copyright: Vec<String>,
    ads: Vec<String>,
    captions: Vec<String>,
    source_line: Vec<String>,
    dateline_not_places: Vec<String>,
    agencies: BTreeMap<String, String>,
    outlets: Vec<String>,
    gregorian_months: BTreeMap<String, Vec<String>>,
    hijri_months: BTreeMap<String, Vec<String>>,
    hijri_suffix: Vec<String>,
    weekdays: BTreeMap<String, Vec<String>>,
    time_markers: TimeMarkers,
}

#[derive(Deserialize)]
struct TimeMarkers {
    pm: Vec<String>,
    am: Vec<String>,
}

/// The end of a word: a character that is no letter, digit or `_`, or the end. Used instead of
/// `\b`, which makes the regex crate's lazy DFA give up on non-ASCII text.
const WORD_END: &str = r"(?:[^\p{L}\p{N}_]|$)";

/// Hyphens and dashes that separate a place from what follows, as a regex class body.
pub const HYPHENS: &str = r"\-\x{2010}-\x{2015}";

/// [`HYPHENS`] and tatweel used as a dash, as a regex class body.
pub fn dash() -> String {
    format!("{HYPHENS}{}", pattern::tatweel())
}
/// The dashes of [`HYPHENS`], as characters, for splitting text at them.
pub const HYPHEN_CHARS: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}',
];

/// Compiled matchers and keyed lists. All matchers apply to block keys.
pub struct Lexicon {
    /// A block ending in a read-more link (`... إقرأ المزيد`).
    pub read_more: Regex,
    /// `اقرأ أيضا: ...` and the like, or `للمزيد: ...`, at the start of a block.
    pub also_read: Regex,
    /// `مقالات ذات صلة`, alone on its line.
    pub related_header: Regex,
    /// `الوسوم: a، b`; group `rest` holds the tags.
    pub tags: Regex,
    /// A share/follow phrase at the start of a block (see [`super::lines::is_share_line`]).
    pub share: Regex,
    /// Keyed words that may follow a share phrase: `هذا المقال`, `على`, social network names.
    pub share_words: HashSet<String>,
    pub copyright: Regex,
    pub comments: Regex,
    /// `إعلان`, alone on its line.
    pub ad: Regex,
    pub caption: Regex,
    /// `المصدر: ...`; group `src` holds the source.
    pub source_line: Regex,
    /// `By NAME`; group `name`.
    pub byline_latin: Regex,
    /// `[PLACE -] كتب: NAME`; groups `place`, `role`, `name`.
    pub byline_arabic: Regex,
    /// Keyed byline prefix -> role.
    pub roles: HashMap<String, Role>,
    /// A byline prefix as a whole word anywhere: a quick test before the byline patterns.
    pub byline_word: Regex,
    /// The first word of every phrase an anchored line pattern starts with (also-read, related
    /// header, tags, share, comments, ads, caption and source labels): a block whose first
    /// word is not here needs none of those patterns ([`first_word`]).
    pub line_starts: HashSet<String>,
    /// Keyed prefixes that make a byline only with a colon after them (`تقرير`).
    pub byline_needs_colon: HashSet<String>,
    /// Keyed prefixes that are also verbs (`كتب`): a number in the name needs a colon.
    pub byline_verbs: HashSet<String>,
    /// Keyed words that open a sentence, never a dateline (`قال`).
    pub not_places: HashSet<String>,
    /// Keyed agency name -> canonical name.
    pub agencies: HashMap<String, String>,
    /// Keyed names of news outlets and credit words (`سبق`, `الوئام`, `خاص`, `متابعات`).
    pub outlets: HashSet<String>,
    /// Keyed month name -> month number, per calendar.
    pub gregorian_months: HashMap<String, u8>,
    pub hijri_months: HashMap<String, u8>,
    /// Keyed weekday -> 0 (Monday) ..= 6 (Sunday).
    pub weekdays: HashMap<String, u8>,
    pub hijri_suffixes: Vec<String>,
    pub pm_markers: Vec<String>,
    pub am_markers: Vec<String>,
}

/// The lexicon, loaded on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let file: LexiconFile = serde_json::from_str(include_str!("lexicons.json"))
        .expect("src/article/lexicons.json is valid");
    Lexicon::compile(&file)
});

impl Lexicon {
    fn compile(f: &LexiconFile) -> Lexicon {
        let (caption_labels, caption_phrases) = split_labels(&f.captions);
        let (ar_letter, dash) = (pattern::arabic_letter(), dash());
        let (source_labels, _) = split_labels(&f.source_line);
        let mut roles = HashMap::default();
        let (mut latin_prefixes, mut arabic_prefixes) = (Vec::new(), Vec::new());
        for (role, prefixes) in &f.byline_prefixes {
            let role = role_named(role);
            for p in expand_all(prefixes) {
                let p = p.trim_end_matches([':', '：']).trim_end().to_string();
                roles.insert(p.clone(), role);
                if p.is_ascii() {
                    latin_prefixes.push(p);
                } else {
                    arabic_prefixes.push(p);
                }
            }
        }
        let month_table = |months: &BTreeMap<String, Vec<String>>| -> HashMap<String, u8> {
            let mut table = HashMap::default();
            for (number, forms) in months {
                if let Ok(n) = number.parse::<u8>() {
                    table.extend(expand_all(forms).into_iter().map(|form| (form, n)));
                }
            }
            table
        };
        Lexicon {
            read_more: regex(&format!(
                r"(?:^|\s)(?:{})\s*[.…»>]*\s*$",
                alternation(&f.read_more)
            )),
            also_read: regex(&format!(
                r"^(?:(?:{}){WORD_END}|(?:{})\s*[:：])",
                alternation(&f.also_read_inline),
                alternation(&f.also_read_labels)
            )),
            related_header: regex(&format!(
                r"^(?:{})\s*[:：]?$",
                alternation(&f.related_headers)
            )),
            tags: regex(&format!(
                r"^(?:{})\s*[:：]\s*(?P<rest>.*)$",
                alternation(&f.tags_labels)
            )),
            share: regex(&format!(r"^(?:{}){WORD_END}", alternation(&f.share_follow))),
            share_words: expand_all(&f.share_words)
                .into_iter()
                .chain(
                    expand_all(&f.social_networks)
                        .iter()
                        .flat_map(|n| n.split(' ').map(str::to_string).collect::<Vec<_>>()),
                )
                .collect(),
            copyright: regex(&format!(
                r"(?:{})|\(c\)\s*[0-9]{{4}}",
                alternation(&f.copyright)
            )),
            comments: regex(&format!(r"^(?:{}){WORD_END}", alternation(&f.comments))),
            ad: regex(&format!(r"^(?:{})$", alternation(&f.ads))),
            caption: regex(&format!(
                r"(?:{})|^\(?(?:{})\s*[:：]",
                alternation(&caption_phrases),
                alternation(&caption_labels)
            )),
            source_line: regex(&format!(
                r"^(?:{})\s*[:：]\s*(?P<src>.+)$",
                alternation(&source_labels)
            )),
            byline_latin: regex(&format!(
                r"^(?:{})\s*:?\s+(?P<name>\S.+)$",
                alternation(&latin_prefixes)
            )),
            byline_arabic: regex(&format!(
                r"^(?:(?P<place>[{ar_letter} ]+?)\s*[{dash}]\s*)?(?P<role>{})\s*(?P<sep>[:：{dash}])?\s*(?P<name>[^\s:：.؟!{dash}][^:：.؟!]+)$",
                alternation(&arabic_prefixes)
            )),
            byline_word: regex(&format!(
                r"(?:^|[ :：/{dash}])(?:{})(?:[ :：/{dash}]|$)",
                alternation_of_keys(&roles.keys().collect::<Vec<_>>())
            )),
            line_starts: [
                &f.also_read_inline,
                &f.also_read_labels,
                &f.related_headers,
                &f.tags_labels,
                &f.share_follow,
                &f.comments,
                &f.ads,
                &f.captions,
                &f.source_line,
            ]
            .into_iter()
            .flat_map(|list| expand_all(list))
            .map(|phrase| first_word(&phrase).to_string())
            .collect(),
            roles,
            byline_needs_colon: expand_all(&f.byline_needs_colon).into_iter().collect(),
            byline_verbs: expand_all(&f.byline_verbs).into_iter().collect(),
            not_places: expand_all(&f.dateline_not_places).into_iter().collect(),
            agencies: f
                .agencies
                .iter()
                .map(|(form, canonical)| (key(form), canonical.clone()))
                .collect(),
            outlets: expand_all(&f.outlets).into_iter().collect(),
            gregorian_months: month_table(&f.gregorian_months),
            hijri_months: month_table(&f.hijri_months),
            weekdays: month_table(&f.weekdays)
                .into_iter()
                .filter(|&(_, d)| d <= 6)
                .collect(),
            hijri_suffixes: expand_all(&f.hijri_suffix),
            pm_markers: expand_all(&f.time_markers.pm),
            am_markers: expand_all(&f.time_markers.am),
        }
    }
}

/// The first word of a key: up to the first space or colon, an opening parenthesis skipped.
pub fn first_word(key: &str) -> &str {
    let key = key.strip_prefix('(').unwrap_or(key);
    key.split([' ', ':', '：']).next().unwrap_or_default()
}

/// Keys of the phrases of `entries`, braces expanded, duplicates removed, longest first.
pub fn expand_all(entries: &[String]) -> Vec<String> {
    let mut out: Vec<String> = entries
        .iter()
        .flat_map(|e| expand(e))
        .map(|e| key(&e))
        .filter(|e| !e.is_empty())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}

/// A regex alternation of the keyed phrases of `entries`, longest first.
pub fn alternation(entries: &[String]) -> String {
    alternation_of_keys(&expand_all(entries))
}

/// A regex alternation of already-keyed words, longest first.
pub fn alternation_of_keys<S: AsRef<str>>(keys: &[S]) -> String {
    let mut keys: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    keys.dedup();
    keys.iter()
        .map(|k| regex::escape(k))
        .collect::<Vec<_>>()
        .join("|")
}

/// The captures of the leftmost match of `re` in `text`. The match is found first with the
/// regex crate's DFAs, and the capture groups are then read on the matched text alone: the
/// engine that reads captures costs time in proportion to its haystack, which would be a whole
/// paragraph for a pattern anchored at its start.
pub fn captures<'h>(re: &Regex, text: &'h str) -> Option<regex::Captures<'h>> {
    let m = re.find(text)?;
    re.captures(&text[..m.end()])
}

/// Compiles a pattern built from the bundled data.
pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad lexicon pattern {pattern:?}: {e}"))
}

/// Every combination of the `{a|b}` groups of `entry`.
fn expand(entry: &str) -> Vec<String> {
    let Some(open) = entry.find('{') else {
        return vec![entry.to_string()];
    };
    let Some(close) = entry[open..].find('}').map(|c| open + c) else {
        return vec![entry.to_string()];
    };
    let (head, choices, tail) = (&entry[..open], &entry[open + 1..close], &entry[close + 1..]);
    let tails = expand(tail);
    choices
        .split('|')
        .flat_map(|choice| tails.iter().map(move |t| format!("{head}{choice}{t}")))
        .collect()
}

/// Splits entries into labels (ending in `:`, colon removed) and plain phrases.
fn split_labels(entries: &[String]) -> (Vec<String>, Vec<String>) {
    let (labels, phrases): (Vec<&String>, Vec<&String>) = entries
        .iter()
        .partition(|e| e.trim_end().ends_with([':', '：']));
    let labels = labels
        .iter()
        .map(|l| l.trim_end().trim_end_matches([':', '：']).to_string())
        .collect();
    (labels, phrases.into_iter().cloned().collect())
}

fn role_named(name: &str) -> Role {
    match name {
        "editor" => Role::Editor,
        "interviewer" => Role::Interviewer,
        "translator" => Role::Translator,
        "correspondent" => Role::Correspondent,
        _ => Role::Author,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_compiles() {
        let lex = &*LEXICON;
        assert_eq!(lex.agencies.get("د ب ا").map(String::as_str), Some("dpa"));
        assert_eq!(lex.agencies.get("سبا").map(String::as_str), Some("Saba"));
        assert_eq!(lex.gregorian_months.get("كانون الثاني"), Some(&1));
        assert_eq!(lex.gregorian_months.get("اب"), Some(&8));
        assert_eq!(lex.hijri_months.get("جمادى الاولى"), Some(&5));
        assert_eq!(lex.weekdays.get("الاربعاء"), Some(&2));
        assert_eq!(lex.roles.get("حوار"), Some(&Role::Interviewer));
        assert_eq!(lex.roles.get("author"), Some(&Role::Author));
        assert!(lex.not_places.contains("واكد"));
    }

    /// [`HYPHEN_CHARS`] is the class [`HYPHENS`] spelled out.
    #[test]
    fn hyphen_chars_are_the_hyphens_class() {
        let class = regex(&format!("^[{HYPHENS}]$"));
        let from_class: Vec<char> = ('\0'..='\u{ffff}')
            .filter(|c| class.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(from_class, HYPHEN_CHARS);
    }

    #[test]
    fn expands_braces() {
        assert_eq!(
            expand("{a|b} x {c|d}"),
            ["a x c", "a x d", "b x c", "b x d"]
        );
        assert_eq!(expand("plain"), ["plain"]);
        assert_eq!(expand("{unclosed"), ["{unclosed"]);
    }

    /// (matcher name, block key, matches?)
    #[test]
    fn matchers_on_keys() {
        let lex = &*LEXICON;
        let table: &[(&Regex, &str, bool)] = &[
            (&lex.read_more, "وهو مهتم بالسياسة. اقرا المزيد", true),
            (&lex.read_more, "اقرا المزيد عن الموضوع في مكان اخر", false),
            (&lex.also_read, "اقرا ايضا: الامم المتحدة تحذر", true),
            (&lex.also_read, "طالع كذلك التقرير", true),
            (&lex.also_read, "اقراص الدواء", false),
            (&lex.also_read, "للمزيد: فرنسا تعلن", true),
            (&lex.also_read, "اقرا: (محمد بن سلمان يحاور الصحفيين)", true),
            (&lex.also_read, "اقرا المقال كاملا في الموقع", false),
            (&lex.related_header, "مقالات ذات صلة", true),
            (&lex.related_header, "روابط مشابهة:", true),
            (&lex.related_header, "مقالات ذات صلة بالموضوع", false),
            (&lex.tags, "الوسوم: الذهب، الاسواق", true),
            (&lex.share, "شارك هذا المقال", true),
            (&lex.share, "شاركت الوزارة في المؤتمر", false),
            (&lex.copyright, "جميع الحقوق محفوظة © 2023", true),
            (&lex.copyright, "(c) 2021 موقع", true),
            (&lex.comments, "اضف تعليقك", true),
            (&lex.comments, "تعليقات القراء", true),
            (&lex.ad, "اعلان", true),
            (&lex.ad, "اعلان الحكومة", false),
            (
                &lex.caption,
                "متظاهرون في ساحة الطرف الاغر (صورة ارشيفية)",
                true,
            ),
            (&lex.caption, "صورة: رويترز", true),
            (&lex.caption, "(تصوير : احمد)", true),
            (&lex.caption, "الصورة الكبيرة للوضع", false),
            (
                &lex.source_line,
                "المصدر: وكالة الانباء الجزائرية (واج)",
                true,
            ),
            (&lex.byline_latin, "written by نور الدين", true),
            (&lex.byline_latin, "byline", false),
            (&lex.byline_arabic, "بيروت - كتبت: ريما الخوري", true),
            (&lex.byline_arabic, "لندن ـ كتب سامي", true),
            (&lex.byline_arabic, "حوار: اسيا العتروس", true),
            (&lex.byline_arabic, "كتب الوزير: لا", false),
            (&lex.byline_arabic, "كتب ـ", false),
            (&lex.byline_arabic, "كتب س", false),
        ];
        for (i, &(rx, text, want)) in table.iter().enumerate() {
            assert_eq!(rx.is_match(text), want, "row {i}: {text:?}");
        }
    }
}
