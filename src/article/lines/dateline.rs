//! Datelines opening a paragraph (rule P8): `PLACE [(AGENCY)] -`, `PLACE: `, `(CNN) --`,
//! Reuters' `PLACE DAY MONTH (AGENCY) -`, and the credits Saudi outlets open with
//! (`NAME- سبق- PLACE:`).
//!
//! Many sentences open the same way (`وقال الوزير: ...`, `فجرت كوريا الشمالية - كما يبدو -`), so
//! a dateline that credits nobody must pass more tests than one that names an agency or an
//! outlet; those tests are listed on [`match_dateline`] and [`plain_dateline_fits`].

use std::sync::LazyLock;

use super::agency::{is_agency_like, is_outlet_or_agency};
use crate::article::blocks::offset_in;
use crate::article::keys::key;
use crate::article::lexicon::{captures, dash, regex, HYPHENS, HYPHEN_CHARS, LEXICON};
use crate::text::{is_space, pattern, TATWEEL};
use regex::Regex;

/// A dateline opening a paragraph (P8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineMatch {
    /// Byte end of the dateline text (trailing spaces excluded).
    pub text_end: usize,
    /// Byte offset where the paragraph text resumes.
    pub body_start: usize,
    /// The place; empty for a bare `(CNN) --`.
    pub place: (usize, usize),
    /// `(AGENCY)`, `«OUTLET»` or a known outlet part inside the dateline.
    pub agency: Option<(usize, usize)>,
    /// Whether the dateline names its agency or outlet: a form no sentence opens with.
    pub credited: bool,
}

/// An Arabic word of a place or name, marks allowed (`عمّان`), as a regex.
fn word() -> String {
    format!("[{}]+", pattern::arabic_word())
}

/// A dateline at the start of `text`, followed by more text:
///
/// - `PLACE[، COUNTRY] [(AGENCY)] -|–|--|ـ|: [«OUTLET»|(AGENCY) [:|-]]`, PLACE one to three
///   words, COUNTRY up to four (`دبي، الإمارات العربية المتحدة (CNN) --`);
/// - `(AGENCY) --` alone (`(CNN)-- قال ...`);
/// - a credit of up to three dash-separated parts ending in a colon, one of them a known agency
///   or outlet: `NAME- سبق- PLACE:`, `واس- الرياض:`, `الرياض - الوئام :`; the place is the last
///   part that is not an agency or outlet.
///
/// PLACE never starts with a verb or connective such as `قال`. A tatweel is a dash only after a
/// space: right after a letter it is elongation (`هـ`). `PLACE -` with no agency is refused when
/// another dash follows within a few words: that is an aside (`فجرت كوريا الشمالية - كما يبدو -`).
pub fn match_dateline(text: &str) -> Option<DatelineMatch> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        let (word, dash) = (word(), dash());
        let (bidi, digit, tatweel) = (pattern::bidi_control(), pattern::digit(), pattern::tatweel());
        regex(&format!(
            r"^[{bidi}]*(?:(?P<place>{word}(?:\s+{word})*(?:\s*[،,]\s*{word}(?:\s+{word})*)?)(?P<date>\s+[{digit}]{{1,2}}\s+{word}(?:\s*/?\s*{word})?)?(?:\s*[،,]?\s*\((?P<ag1>[^()]+)\))?|\((?P<ag0>[^()]+)\))(?P<sep>\s*\.?\s*(?:[{HYPHENS}]+\s*)+|\s*:|\s*[{tatweel}]+\s)?\s*(?:(?:«(?P<ag2>[^»]+)»|\((?P<ag3>[^()]+)\))\s*[:{dash}]?\s*)?"
        ))
    });
    static MORE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
        // One part of a credit: up to three words, maybe a country in parentheses.
        let (word, tatweel) = (word(), pattern::tatweel());
        let part = format!(r"{word}(?:\s+{word}){{0,2}}(?:\s*\([^()]{{1,30}}\))?");
        regex(&format!(
            r"^(?P<rest>{part}(?:\s*(?:[{HYPHENS}]+|[{tatweel}]+)\s*{part}){{0,3}})\s*[{HYPHENS}]?\s*:\s*"
        ))
    });
    // Every form has a separator or parentheses within its first hundred bytes or so; most
    // paragraphs have none there, and skip the regex.
    let head = &text[..text.floor_char_boundary(240)];
    let first_sep = head.find(['-', '–', '—', '‐', '‑', '‒', '―', ':', '(', 'ـ'])?;
    // ... after at most a place (five words), a country (four) and a date (three).
    if head[..first_sep].split_whitespace().count() > 12 {
        return None;
    }
    // The regex engines' cost grows with the haystack; a dateline sits in the first few hundred
    // bytes, so they only see those (`body_start < text.len()` is checked on the whole text).
    let text_all = text;
    let text = &text[..text.floor_char_boundary(400)];
    let m = captures(&DATELINE, text)?;
    let all = m.get(0)?;
    // The regex repeats freely (bounded repetitions of Unicode classes make it too large to
    // run fast); the bounds are checked here: a place of five words at most, a country of
    // four, an agency of thirty characters.
    if let Some(p) = m.name("place") {
        let mut halves = p.as_str().splitn(2, ['،', ',']);
        let words = |s: Option<&str>| s.map_or(0, |s| s.split_whitespace().count());
        if words(halves.next()) > 5 || words(halves.next()) > 4 {
            return None;
        }
    }
    let too_long = |g: &str| m.name(g).is_some_and(|a| a.as_str().chars().count() > 30);
    if ["ag0", "ag1", "ag2", "ag3"].into_iter().any(too_long) {
        return None;
    }
    let mut body_start = all.end();
    let mut place = m.name("place").map_or((0, 0), |p| (p.start(), p.end()));
    if let Some(p) = m.name("place") {
        let first_word = key(p.as_str());
        let first_word = first_word.split(' ').next().unwrap_or_default();
        let not_place = |w: &str| LEXICON.not_places.contains(w) || LEXICON.roles.contains_key(w);
        let bare = first_word.strip_prefix(['و', 'ف']).unwrap_or(first_word);
        if not_place(first_word) || not_place(bare) {
            return None;
        }
    }
    let named = |a: regex::Match| {
        let name = a.as_str().trim_matches(is_space);
        let start = a.start() + (a.as_str().len() - a.as_str().trim_start_matches(is_space).len());
        name.chars()
            .any(|c| c.is_alphabetic() && c != TATWEEL)
            .then_some((start, start + name.len()))
    };
    let mut agency = m
        .name("ag1")
        .or_else(|| m.name("ag0"))
        .or_else(|| m.name("ag2"))
        .or_else(|| m.name("ag3"))
        .and_then(named);
    // Credited: the parentheses hold a known agency or outlet (not `(32 عاما)`), or
    // guillemets hold an outlet after the dash (`لندن ـ «القدس العربي»:`).
    let known =
        |(s, e): (usize, usize)| is_agency_like(&text[s..e]) || is_outlet_or_agency(&text[s..e]);
    let mut credited = m.name("ag2").is_some() && agency.is_some() || agency.is_some_and(known);
    if m.name("ag0").is_some() && !credited {
        return None;
    }
    // Without a separator only a credit can end the dateline, after a short place:
    // `أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى ...`, not `وجهت هيئة الإذاعة البريطانية
    // (بي بي سي) نداء`.
    let place_words = m.name("place").map_or(0, |p| {
        p.as_str()
            .split(['،', ','])
            .next()
            .map_or(0, |w| w.split_whitespace().count())
    });
    // It must be a wire agency or a Latin acronym, not an outlet any sentence may name
    // (`مُنعت مراسلة لشبكة (سي إن إن) ...`).
    let wire = |g: &str| {
        m.name(g)
            .is_some_and(|a| is_agency_like(a.as_str().trim_matches(is_space)))
    };
    if m.name("sep").is_none() && !((wire("ag1") || wire("ag0")) && place_words <= 3) {
        return None;
    }
    // A tatweel glued to a word separates only after a word of three letters or more: `لـ`
    // and `بـ` are prepositions (`وفقا لـ أنتوني`).
    if let (Some(sep), Some(p)) = (m.name("sep"), m.name("place")) {
        let glued = sep.as_str().starts_with(TATWEEL);
        let last_word = p.as_str().split_whitespace().last().unwrap_or_default();
        if glued && last_word.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
    }
    // `PLACE DAY MONTH (AGENCY) -` is Reuters' form; without the agency a date is no dateline.
    if m.name("date").is_some() && m.name("ag1").is_none() {
        return None;
    }
    let dash_sep = m
        .name("sep")
        .is_some_and(|s| !s.as_str().trim_matches(is_space).starts_with(':'));
    if !credited && dash_sep && m.name("place").is_some() {
        if let Some(rest) = captures(&MORE_PARTS, &text[body_start..]).and_then(|c| c.name("rest"))
        {
            let mut parts = vec![place];
            let base = body_start + rest.start();
            for piece in rest
                .as_str()
                .split(|c: char| HYPHEN_CHARS.contains(&c) || c == TATWEEL)
            {
                let name = piece.trim_matches(is_space);
                if !name.is_empty() {
                    let s = base + offset_in(rest.as_str(), name);
                    parts.push((s, s + name.len()));
                }
            }
            let is_credit = |&(s, e): &(usize, usize)| is_outlet_or_agency(&text[s..e]);
            if let Some(&outlet) = parts.iter().find(|p| is_credit(p)) {
                agency = Some(outlet);
                credited = true;
                place = parts
                    .iter()
                    .rev()
                    .find(|p| !is_credit(p))
                    .copied()
                    .unwrap_or((0, 0));
                body_start += MORE_PARTS.find(&text[body_start..]).map_or(0, |g| g.end());
            }
        }
    }
    if !credited && !plain_dateline_fits(text_all, &m, body_start, dash_sep) {
        return None;
    }
    // Only a credited dateline may name a long place (`دبين الإمارات العربية المتحدة (CNN)`).
    let place_words = text[place.0..place.1]
        .split(['،', ','])
        .next()
        .map_or(0, |p| p.split_whitespace().count());
    if place_words > 3 && !credited {
        return None;
    }
    if body_start >= text_all.len() {
        return None;
    }
    Some(DatelineMatch {
        text_end: text[..body_start].trim_end_matches(is_space).len(),
        body_start,
        place,
        agency,
        credited,
    })
}

/// Whether a dateline that names no agency or outlet (`PLACE -`, `PLACE:`) is one, and not the
/// start of a sentence or headline:
/// - the paragraph is a paragraph: it ends with a sentence mark (`مصر: التحقيق مع ...` is a
///   headline, not a dateline and text);
/// - a dash stands apart from a word on at least one side (`ليلى-كلير` is a name);
/// - no other dash follows within ten words (`فجرت كوريا الشمالية - كما يبدو -` is an aside);
/// - the place has one or two words, and no country after a comma (`في الصحف اليوم:`,
///   `وكالة الأنباء السورية:`, `ألقت فضيحة فيسبوك - ...` open sentences).
fn plain_dateline_fits(text: &str, m: &regex::Captures, body_start: usize, dash_sep: bool) -> bool {
    let ends_like_a_paragraph = text
        .trim_end_matches(is_space)
        .trim_end_matches(['»', '"', '”', ')', '\''])
        .ends_with(['.', '!', '?', '؟', '…', '۔', ':']);
    if !ends_like_a_paragraph {
        return false;
    }
    let Some(place) = m.name("place") else {
        return false;
    };
    let Some(sep) = m.name("sep") else {
        return false;
    };
    if place.as_str().split_whitespace().count() > 2 || place.as_str().contains(['،', ',']) {
        return false;
    }
    if dash_sep {
        let spaced_before = sep.as_str().starts_with(is_space);
        let spaced_after =
            sep.as_str().ends_with(is_space) || text[sep.end()..].starts_with(is_space);
        let run = sep.as_str().trim_matches(is_space).chars().count() > 1;
        let aside = text[body_start..]
            .split_whitespace()
            .take(10)
            .any(|w| w.chars().all(|c| HYPHEN_CHARS.contains(&c)));
        (spaced_before || spaced_after || run) && !aside
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (paragraph, dateline text, place, agency)
    #[test]
    fn datelines() {
        type Row = (
            &'static str,
            Option<(&'static str, &'static str, Option<&'static str>)>,
        );
        let table: &[Row] = &[
            (
                "الجزائر - أعلنت الوزارة.",
                Some(("الجزائر -", "الجزائر", None)),
            ),
            (
                "باريس (أ ف ب) - دعا الرئيس",
                Some(("باريس (أ ف ب) -", "باريس", Some("أ ف ب"))),
            ),
            (
                "لندن ـ «القدس العربي»: تظاهر آلاف",
                Some(("لندن ـ «القدس العربي»:", "لندن", Some("القدس العربي"))),
            ),
            (
                "الرياض (واس) - أصدر",
                Some(("الرياض (واس) -", "الرياض", Some("واس"))),
            ),
            ("وقال الوزير: إن الحكومة.", None),
            ("أكد - الوزير.", None),
            ("القاهرة -", None),
            ("نص بلا فاصل", None),
            ("هـ قال", None),
            (
                "القاهرة ( ـ ) - قال.",
                Some(("القاهرة ( ـ ) -", "القاهرة", None)),
            ),
            (
                "القاهرة - « أ ش أ »: قال",
                Some(("القاهرة - « أ ش أ »:", "القاهرة", Some("أ ش أ"))),
            ),
            ("الخبرساميأ ف بـالخبر", None),
            // A place with its country, a Latin outlet, a run of dashes; the outlet alone.
            (
                "دبي، الإمارات العربية المتحدة (CNN) -- سيحصل عشاق السينما",
                Some((
                    "دبي، الإمارات العربية المتحدة (CNN) --",
                    "دبي، الإمارات العربية المتحدة",
                    Some("CNN"),
                )),
            ),
            (
                "(CNN)-- قال المفوض السامي",
                Some(("(CNN)--", "", Some("CNN"))),
            ),
            ("(تحليل) - قال المفوض.", None),
            // Credits: `NAME- OUTLET- PLACE:`, `AGENCY- PLACE:`, `PLACE - OUTLET :`.
            (
                "ياسر العتيبي- سبق- الباحة: كشفت الإدارة",
                Some(("ياسر العتيبي- سبق- الباحة:", "الباحة", Some("سبق"))),
            ),
            (
                "واس- الرياض: تبدأ الإدارة",
                Some(("واس- الرياض:", "الرياض", Some("واس"))),
            ),
            (
                "خالد علي– سبق– جدة: ردّ وزير",
                Some(("خالد علي– سبق– جدة:", "جدة", Some("سبق"))),
            ),
            (
                "رويترز- بنغازي (ليبيا): قال",
                Some(("رويترز- بنغازي (ليبيا):", "بنغازي (ليبيا)", Some("رويترز"))),
            ),
            (
                "سان فرانسيسكو 20 يوليو تموز (رويترز) - قال",
                Some((
                    "سان فرانسيسكو 20 يوليو تموز (رويترز) -",
                    "سان فرانسيسكو",
                    Some("رويترز"),
                )),
            ),
            (
                "الرياض - الوئام : أعلنت الرئاسة",
                Some(("الرياض - الوئام :", "الرياض", Some("الوئام"))),
            ),
            // Sentences and headlines that look like datelines: a colon after three words or
            // a preposition, an aside between dashes, a hyphenated name, a headline.
            ("في الصحف اليوم: اهتمت الصحف.", None),
            ("وكالة الأنباء السورية: هجوم صاروخي.", None),
            ("فجرت كوريا الشمالية - كما يبدو - أنفاقا.", None),
            ("تسعى المخرجة ليلى-كلير ربيع إلى عرض.", None),
            ("مصر: التحقيق مع سامي عنان", None),
            (
                "القاهرة: قال الوزير إن الحكومة.",
                Some(("القاهرة:", "القاهرة", None)),
            ),
            // Credited without a separator; odd separators; parentheses that credit nobody.
            (
                "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى الرئيس",
                Some((
                    "أتلانتا، الولايات المتحدة الأمريكية (CNN)",
                    "أتلانتا، الولايات المتحدة الأمريكية",
                    Some("CNN"),
                )),
            ),
            (
                "دبي، الإمارات العربية المتحدة (CNN) .- – تألق النجم",
                Some((
                    "دبي، الإمارات العربية المتحدة (CNN) .- –",
                    "دبي، الإمارات العربية المتحدة",
                    Some("CNN"),
                )),
            ),
            ("القاهرة (32 عاما) قالت إنها.", None),
            ("وقالت ألكسندرا لوريدانا (32 عاما) - إنها وجدت.", None),
            ("وكالة الشرطة الأوروبية (يوروبول): إن عملية.", None),
            ("وجهت هيئة الإذاعة البريطانية (بي بي سي) نداء.", None),
            ("حظر موقع ريديت (Reddit) الأمريكي 944 حسابا.", None),
            ("وفقا لـ أنتوني لوتانتوسكي المتحدث.", None),
            ("وأوردت وكالة الأنباء الرسمية (سانا) أن.", None),
            ("مُنعت مراسلة لشبكة (سي إن إن) الإخبارية.", None),
        ];
        for &(text, want) in table {
            let got = match_dateline(text).map(|d| {
                (
                    &text[..d.text_end],
                    &text[d.place.0..d.place.1],
                    d.agency.map(|(s, e)| &text[s..e]),
                )
            });
            assert_eq!(got, want, "{text:?}");
        }
    }
}
