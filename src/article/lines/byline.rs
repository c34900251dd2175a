//! Bylines (`كتب: NAME`, `By NAME`, `بيروت - كتبت: NAME`, `حوار: NAME`) and the credit lines
//! sites print under a headline (`عين اليوم – عمّان`).
//!
//! A byline is a prefix of the lexicon's `byline_prefixes`, which also gives the role, then a
//! name. The patterns are in [`super::super::lexicon`]; the bounds they leave out (name and
//! place lengths, word counts, a number in the name) are checked here, in code, because
//! bounded repetitions of Unicode classes make the regexes slow.

use std::sync::LazyLock;

use regex::Regex;

use super::agency::is_outlet_or_agency;
use crate::article::blocks::Block;
use crate::article::keys::Key;
use crate::article::lexicon::{captures, regex, HYPHENS, HYPHEN_CHARS, LEXICON};
use crate::article::schema::Role;
use crate::text::{pattern, TATWEEL};

/// A byline found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    /// Byte offset in the block where the name starts; it runs to the block's end.
    pub name_start: usize,
    pub role: Role,
    /// Byte span in the block of the place before the byline (`بيروت - كتبت: ...`).
    pub place: Option<(usize, usize)>,
}

/// The longest line that can be a byline, in characters.
const MAX_BYLINE_CHARS: usize = 80;
/// The most words a byline name may have.
const MAX_NAME_WORDS: usize = 6;

/// A byline: `Written by NAME`, `By NAME`, or `[PLACE -] كتب: NAME` with any prefix of the
/// lexicon; the name has at most six words and a letter; the line has at most 80 characters.
/// A prefix that is also a verb (`كتب`) takes a name with a number only after a colon
/// (`كتب: فرانس 24`, not `كتب 3 مقالات`); `تقرير` and `متابعة` need the colon in any case.
pub fn match_byline(block: &Block) -> Option<Byline> {
    if block.chars > MAX_BYLINE_CHARS || !has_byline_word(block.key()) {
        return None;
    }
    let lex = &*LEXICON;
    // `labelled`: the prefix is unmistakably a byline label (`By`, `كتب:`), so the name may
    // hold a number (`فرانس 24`); after a bare `كتب` a number means a sentence (`كتب 3 مقالات`).
    let (caps, role, labelled) = match captures(&lex.byline_latin, block.key()) {
        Some(c) => (c, Role::Author, true),
        None => {
            let c = captures(&lex.byline_arabic, block.key())?;
            let prefix = c.name("role").map_or("", |r| r.as_str());
            let role = lex.roles.get(prefix).copied().unwrap_or(Role::Author);
            let colon = c
                .name("sep")
                .is_some_and(|s| matches!(s.as_str(), ":" | "："));
            if !colon && lex.byline_needs_colon.contains(prefix) {
                return None;
            }
            let labelled = colon || !lex.byline_verbs.contains(prefix);
            (c, role, labelled)
        }
    };
    let name = caps.name("name")?;
    // A name of 2 to 60 characters, a place of 2 to 25.
    let name_chars = name.as_str().chars().count();
    let place_chars = caps.name("place").map_or(2, |p| p.as_str().chars().count());
    if !(2..=60).contains(&name_chars) || !(2..=25).contains(&place_chars) {
        return None;
    }
    if name.as_str().split_whitespace().count() > MAX_NAME_WORDS
        || !name.as_str().chars().any(char::is_alphabetic)
        || (!labelled && name.as_str().chars().any(char::is_numeric))
    {
        return None;
    }
    let k = Key::new(block.text);
    let place = caps
        .name("place")
        .map(|p| (k.raw_start(p.start()), k.raw_end(p.end())));
    Some(Byline {
        name_start: k.raw_start(name.start()),
        role,
        place,
    })
}

/// Whether one of the first words of `key`, or two of them together, is a byline prefix: the
/// byline patterns need one, after at most a short place.
fn has_byline_word(key: &str) -> bool {
    LEXICON
        .byline_word
        .is_match(&key[..key.floor_char_boundary(160)])
}

/// A credit line standing alone: two to four short parts joined by dashes, such as
/// `عين اليوم – عمّان`, `عبدالكريم الحمد ـ الرياض`, `الرياضي ـ وكالات`, `عين اليوم – مكة المكرمة
/// / جدة`, `عين اليوم – ديار بكر (تركيا)`. Sites print one under the headline; it names the
/// outlet, the writer and the place in an order nothing fixes. Returns whether one of the
/// parts is a known outlet or agency (stronger evidence, needed below the header).
pub fn credit_line(block: &Block) -> Option<bool> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        let (w, tatweel) = (format!("[{}]+", pattern::arabic_letter()), pattern::tatweel());
        let part =
            format!(r"{w}(?: {w}){{0,2}}(?: ?/ ?{w}(?: {w}){{0,2}})*(?: \({w}(?: {w}){{0,2}}\))?");
        regex(&format!(
            r"^{part}(?:(?: ?[{HYPHENS}{tatweel}_]+)+ ?{part}){{1,3}}(?: ?[{HYPHENS}{tatweel}_:])?$"
        ))
    });
    if block.key_chars() > 60 || !CREDIT.is_match(block.key()) {
        return None;
    }
    Some(
        block
            .key()
            .split(|c: char| HYPHEN_CHARS.contains(&c) || c == TATWEEL || c == '_')
            .any(|part| is_outlet_or_agency(part.trim())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::blocks::tests::block;

    /// (line, name, role, place)
    #[test]
    fn bylines() {
        type Row = (
            &'static str,
            Option<(&'static str, Role, Option<&'static str>)>,
        );
        let table: &[Row] = &[
            (
                "Written by نور الدين",
                Some(("نور الدين", Role::Author, None)),
            ),
            ("By سارة الأحمد", Some(("سارة الأحمد", Role::Author, None))),
            (
                "بيروت - كتبت: ريما الخوري",
                Some(("ريما الخوري", Role::Author, Some("بيروت"))),
            ),
            (
                "حوار: آسيا العتروس",
                Some(("آسيا العتروس", Role::Interviewer, None)),
            ),
            ("إعداد: مُنى سالم", Some(("مُنى سالم", Role::Editor, None))),
            (
                "ترجمة - أحمد علي",
                Some(("أحمد علي", Role::Translator, None)),
            ),
            ("كتب: فرانس 24", Some(("فرانس 24", Role::Author, None))),
            ("كتب 3 مقالات", None),
            ("تقرير سري عن الحرب", None),
            ("بقلم واحد اثنان ثلاثة أربعة خمسة ستة سبعة", None),
            ("قال الوزير إن الحكومة ستعرض الموازنة", None),
        ];
        for &(line, want) in table {
            let b = block(line);
            let got = match_byline(&b).map(|by| {
                (
                    &line[by.name_start..],
                    by.role,
                    by.place.map(|(s, e)| &line[s..e]),
                )
            });
            assert_eq!(got, want, "{line:?}");
        }
    }

    /// (line, credit line?, naming a known outlet?)
    #[test]
    fn credit_lines() {
        let table: &[(&str, Option<bool>)] = &[
            ("عين اليوم – عمّان", Some(true)),
            ("عبدالكريم الحمد ـ الرياض", Some(false)),
            ("عين اليوم – ديار بكر (تركيا)", Some(true)),
            ("عين اليوم – مكة المكرمة / جدة", Some(true)),
            ("أعلن الوزير اليوم - في بيان - خطة جديدة للنقل العام", None),
            ("عنوان الخبر", None),
        ];
        for &(line, want) in table {
            assert_eq!(credit_line(&block(line)), want, "{line:?}");
        }
    }
}
