//! Visible dates in one header or footer line (SPEC C4).
//!
//! Three patterns run on the line's key (so Eastern digits are ASCII and hamza is folded):
//! - Gregorian: `[WEEKDAY[،]] D MONTH[/MONTH] YYYY[م] [[-،|] [الساعة] HH:MM [ص|م|مساء|...]]`,
//!   with months in every regional spelling of the lexicon (يناير, كانون الثاني, جانفي,
//!   يوليوز...), `تموز/يوليو` pairs checked for agreement, `م` after the year meaning AD and after
//!   the time meaning PM;
//! - Hijri: `[WEEKDAY] D MONTH YYYY [هـ|هجري|...]`, converted with the Umm al-Qura calendar
//!   (`icu_calendar`, KACST month lengths for 1300-1600 AH);
//! - numeric: `YYYY-MM-DD` or day-first `DD/MM/YYYY` (also with `-` or `.`), not inside a longer
//!   run of digits and dots.
//!
//! A Gregorian date wins; a Hijri date beside it is recorded and must agree within two days.
//! A Hijri date alone gives the value, with a warning that it was converted. A named weekday
//! that does not match the date is flagged. Calendar arithmetic is `icu_calendar`'s.
//!
//! The caller decides where to look: only header and footer lines, never body text, so
//! `منذ عام 2014` in a paragraph is never a publication date.

use std::sync::LazyLock;

use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};
use regex::{Captures, Regex};

use super::keys::Key;
use super::lexicon::{alternation_of_keys, captures, regex, LEXICON};
use super::schema::{Calendar, Warning};
use crate::text::{ascii_digit, is_diacritic, TATWEEL};

/// A date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (Gregorian).
    pub value: String,
    pub has_time: bool,
    pub calendar: Calendar,
    /// `YYYY-MM-DD` in the Hijri calendar, when the line shows a Hijri date.
    pub hijri: Option<String>,
    /// Byte span of the visible date in the line.
    pub span: (usize, usize),
    pub warnings: Vec<Warning>,
}

struct Patterns {
    gregorian: Regex,
    hijri: Regex,
    numeric: Regex,
    /// A month name of either calendar, or digits joined by `-`, `/` or `.`: every date
    /// pattern needs one, and this cheap search rules most lines out.
    hint: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let lex = &*LEXICON;
    let keys = |m: &rustc_hash::FxHashMap<String, u8>| {
        alternation_of_keys(&m.keys().collect::<Vec<_>>())
    };
    let weekday = format!(r"(?:(?P<wd>{})\s*[،,]?\s*)?", keys(&lex.weekdays));
    let greg = keys(&lex.gregorian_months);
    let hint = format!(
        r"(?:^|[^\p{{L}}])(?:{greg}|{})(?:[^\p{{L}}]|$)|[0-9][-/.][0-9]",
        keys(&lex.hijri_months)
    );
    let ampm =
        alternation_of_keys(&[lex.pm_markers.as_slice(), lex.am_markers.as_slice()].concat());
    Patterns {
        hint: regex(&hint),
        gregorian: regex(&format!(
            r"{weekday}(?P<d>[0-9]{{1,2}})\s+(?P<m1>{greg})(?:\s*[/(]\s*(?P<m2>{greg})\s*\)?)?\s*[،,]?\s+(?P<y>(?:19|20)[0-9]{{2}})(?:\s*م\b)?(?:\s*[-–،,|]?\s*(?:الساعة\s*)?(?P<hh>[0-9]{{1,2}}):(?P<mm>[0-9]{{2}})(?:\s*(?P<ampm>{ampm})\b)?)?"
        )),
        hijri: regex(&format!(
            r"{weekday}(?P<d>[0-9]{{1,2}})\s+(?P<m>{})\s+(?P<y>1[34][0-9]{{2}})(?:\s*(?:{})\b)?",
            keys(&lex.hijri_months),
            alternation_of_keys(&lex.hijri_suffixes)
        )),
        numeric: regex(
            r"(?:^|[^0-9.])(?P<date>(?P<y1>(?:19|20)[0-9]{2})[-/.](?P<m1>[0-9]{1,2})[-/.](?P<d1>[0-9]{1,2})|(?P<d2>[0-9]{1,2})[-/.](?P<m2>[0-9]{1,2})[-/.](?P<y2>(?:19|20)[0-9]{2}))(?:[^0-9]|$)",
        ),
    }
});

/// Finds the date of a header or footer `line`, if it shows one.
pub fn find_date(line: &str) -> Option<FoundDate> {
    // Every pattern needs a digit; most header lines (titles, bylines) have none.
    let has_digit = line.chars().any(|c| ascii_digit(c).is_some());
    if !has_digit {
        return None;
    }
    let p = &*PATTERNS;
    if !p.hint.is_match(&super::keys::key(line)) {
        return None;
    }
    let key = Key::new(line);
    let k = key.as_str();
    let mut warnings = Vec::new();
    let mut found: Option<(FoundDate, (usize, usize))> = None;

    if let Some(g) = captures(&p.gregorian, k) {
        if let Some(date) = gregorian(&g, &mut warnings) {
            let whole = g.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            found = Some((date, whole));
        }
    }
    if let Some(h) = captures(&p.hijri, k) {
        if let Some((hijri, iso)) = hijri(&h) {
            let label = format!("{:04}-{:02}-{:02}", hijri.0, hijri.1, hijri.2);
            match &mut found {
                Some((date, _)) => {
                    date.hijri = Some(label);
                    if days_apart(&date.value, &iso_string(&iso)).is_none_or(|d| d > 2) {
                        warnings.push(Warning::HijriGregorianMismatch);
                    }
                }
                None => {
                    check_weekday(&h, &iso, &mut warnings);
                    warnings.push(Warning::DateConvertedFromHijriUmmAlQura);
                    let whole = h.get(0).map_or((0, 0), |m| (m.start(), m.end()));
                    let date = FoundDate {
                        value: iso_string(&iso),
                        has_time: false,
                        calendar: Calendar::Hijri,
                        hijri: Some(label),
                        span: (0, 0),
                        warnings: Vec::new(),
                    };
                    found = Some((date, whole));
                }
            }
        }
    }
    if found.is_none() {
        if let Some(n) = captures(&p.numeric, k) {
            let (y, m, d) = match (n.name("y1"), n.name("y2")) {
                (Some(y), _) => (y, n.name("m1")?, n.name("d1")?),
                (None, Some(y)) => (y, n.name("m2")?, n.name("d2")?),
                _ => return None,
            };
            let date = Date::try_new_iso(
                y.as_str().parse().ok()?,
                m.as_str().parse().ok()?,
                d.as_str().parse().ok()?,
            )
            .ok()?;
            let whole = n.name("date").map_or((0, 0), |m| (m.start(), m.end()));
            let date = FoundDate {
                value: iso_string(&date),
                has_time: false,
                calendar: Calendar::Gregorian,
                hijri: None,
                span: (0, 0),
                warnings: Vec::new(),
            };
            found = Some((date, whole));
        }
    }

    let (mut date, (start, end)) = found?;
    let end = start + k[start..end].trim_end().len();
    let raw_start = key.raw_start(start);
    let mut raw_end = key.raw_end(end);
    // Re-attach what the key dropped right after the date: the tatweel of `هـ`, marks.
    for c in line[raw_end..].chars() {
        if c != TATWEEL && !is_diacritic(c) {
            break;
        }
        raw_end += c.len_utf8();
    }
    date.span = (raw_start, raw_end);
    date.warnings = warnings;
    Some(date)
}

/// The Gregorian date of a match, with its time; `None` when the day does not exist.
fn gregorian(g: &Captures, warnings: &mut Vec<Warning>) -> Option<FoundDate> {
    let lex = &*LEXICON;
    let month = *lex.gregorian_months.get(g.name("m1")?.as_str())?;
    let second = g
        .name("m2")
        .and_then(|m| lex.gregorian_months.get(m.as_str()));
    let date = Date::try_new_iso(
        g.name("y")?.as_str().parse().ok()?,
        month,
        g.name("d")?.as_str().parse().ok()?,
    )
    .ok()?;
    if second.is_some_and(|&m| m != month) {
        warnings.push(Warning::DualMonthMismatch);
    }
    check_weekday(g, &date, warnings);
    let mut value = iso_string(&date);
    let time = match (g.name("hh"), g.name("mm")) {
        (Some(hh), Some(mm)) => hh
            .as_str()
            .parse::<u32>()
            .ok()
            .zip(mm.as_str().parse::<u32>().ok()),
        _ => None,
    };
    let mut has_time = false;
    if let Some((mut hh, mm)) = time {
        let marker = g.name("ampm").map(|m| m.as_str());
        if marker.is_some_and(|m| lex.pm_markers.iter().any(|p| p == m)) && hh < 12 {
            hh += 12;
        }
        if marker.is_some_and(|m| lex.am_markers.iter().any(|a| a == m)) && hh == 12 {
            hh = 0;
        }
        // An impossible clock time is not a time; the date still stands.
        if hh < 24 && mm < 60 {
            value.push_str(&format!("T{hh:02}:{mm:02}"));
            has_time = true;
        }
    }
    Some(FoundDate {
        value,
        has_time,
        calendar: Calendar::Gregorian,
        hijri: None,
        span: (0, 0),
        warnings: Vec::new(),
    })
}

/// The Hijri `(year, month, day)` of a match and its Gregorian date (Umm al-Qura).
fn hijri(h: &Captures) -> Option<((i32, u8, u8), Date<Iso>)> {
    let month = *LEXICON.hijri_months.get(h.name("m")?.as_str())?;
    let year: i32 = h.name("y")?.as_str().parse().ok()?;
    let day: u8 = h.name("d")?.as_str().parse().ok()?;
    Some(((year, month, day), hijri_to_gregorian(year, month, day)?))
}

/// Converts a Hijri date with the Umm al-Qura calendar; `None` when the day does not exist.
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date<Iso>> {
    let hijri =
        Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    Some(hijri.to_calendar(Iso))
}

fn check_weekday(c: &Captures, date: &Date<Iso>, warnings: &mut Vec<Warning>) {
    let named = c.name("wd").and_then(|w| LEXICON.weekdays.get(w.as_str()));
    // icu numbers weekdays from Monday = 1; the lexicon from Monday = 0.
    if named.is_some_and(|&wd| wd as i32 + 1 != date.weekday() as i32) {
        warnings.push(Warning::WeekdayMismatch);
    }
}

/// `YYYY-MM-DD`.
pub fn iso_string(date: &Date<Iso>) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year().extended_year(),
        date.month().ordinal,
        date.day_of_month().0
    )
}

/// Days between two ISO dates (`YYYY-MM-DD...`); `None` if either does not parse.
pub fn days_apart(a: &str, b: &str) -> Option<i64> {
    let parse = |s: &str| -> Option<Date<Iso>> {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        Date::try_new_iso(y, m, d).ok()
    };
    Some((parse(a)?.to_rata_die() - parse(b)?.to_rata_die()).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, value, calendar, hijri, visible text, warnings)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &str, Calendar, Option<&str>, &str, &[Warning])] = &[
        (
            "الأربعاء ١٥ كانون الثاني ٢٠٢٠ - ٢٠ جمادى الأولى ١٤٤١ هـ",
            "2020-01-15",
            Calendar::Gregorian,
            Some("1441-05-20"),
            "الأربعاء ١٥ كانون الثاني ٢٠٢٠",
            &[],
        ),
        (
            "الجمعة 8 فيفري 2019",
            "2019-02-08",
            Calendar::Gregorian,
            None,
            "الجمعة 8 فيفري 2019",
            &[],
        ),
        (
            "الاثنين 1 رمضان 1445 هـ",
            "2024-03-11",
            Calendar::Hijri,
            Some("1445-09-01"),
            "الاثنين 1 رمضان 1445 هـ",
            &[Warning::DateConvertedFromHijriUmmAlQura],
        ),
        (
            "نشر في 1 تموز/يوليو 2020 - 10:30 م",
            "2020-07-01T22:30",
            Calendar::Gregorian,
            None,
            "1 تموز/يوليو 2020 - 10:30 م",
            &[],
        ),
        (
            "الأربعاء 3 يوليوز 2019 الساعة 12:05 صباحا",
            "2019-07-03T00:05",
            Calendar::Gregorian,
            None,
            "الأربعاء 3 يوليوز 2019 الساعة 12:05 صباحا",
            &[],
        ),
        (
            "السبت 8 فبراير 2019م",
            "2019-02-08",
            Calendar::Gregorian,
            None,
            "السبت 8 فبراير 2019م",
            &[Warning::WeekdayMismatch],
        ),
        (
            "1 تموز/أغسطس 2020",
            "2020-07-01",
            Calendar::Gregorian,
            None,
            "1 تموز/أغسطس 2020",
            &[Warning::DualMonthMismatch],
        ),
        (
            "15 يناير 2020 الموافق 1 رجب 1441 هـ",
            "2020-01-15",
            Calendar::Gregorian,
            Some("1441-07-01"),
            "15 يناير 2020",
            &[Warning::HijriGregorianMismatch],
        ),
        (
            "تحديث: 2020-01-15",
            "2020-01-15",
            Calendar::Gregorian,
            None,
            "2020-01-15",
            &[],
        ),
        (
            "بتاريخ ٠٨/٠٢/٢٠١٩",
            "2019-02-08",
            Calendar::Gregorian,
            None,
            "٠٨/٠٢/٢٠١٩",
            &[],
        ),
        (
            "12 مايو 2021 مصر",
            "2021-05-12",
            Calendar::Gregorian,
            None,
            "12 مايو 2021",
            &[],
        ),
    ];

    #[test]
    fn table() {
        for &(line, value, calendar, hijri, text, warnings) in CASES {
            let d = find_date(line).unwrap_or_else(|| panic!("no date in {line:?}"));
            assert_eq!(d.value, value, "{line:?}");
            assert_eq!(d.calendar, calendar, "{line:?}");
            assert_eq!(d.hijri.as_deref(), hijri, "{line:?}");
            assert_eq!(&line[d.span.0..d.span.1], text, "{line:?}");
            assert_eq!(d.warnings, warnings, "{line:?}");
        }
    }

    #[test]
    fn no_date() {
        for line in [
            "منذ عام 2014",
            "31 فبراير 2020",
            "30 شعبان 1445",
            "نيسان 2019",
            "رقم 123.4.2020",
            "الساعة 25:99",
            "",
        ] {
            assert_eq!(find_date(line), None, "{line:?}");
        }
    }

    #[test]
    fn impossible_time_keeps_the_date() {
        let d = find_date("5 مارس 2020 - 25:70").unwrap_or_else(|| panic!("no date"));
        assert_eq!((d.value.as_str(), d.has_time), ("2020-03-05", false));
    }

    #[test]
    fn umm_al_qura_conversions() {
        // Start of Ramadan and Shawwal per the Umm al-Qura calendar.
        for ((y, m, d), want) in [
            ((1445, 9, 1), "2024-03-11"),
            ((1441, 5, 20), "2020-01-15"),
            ((1444, 10, 1), "2023-04-21"),
            ((1446, 9, 1), "2025-03-01"),
        ] {
            let got = hijri_to_gregorian(y, m, d).map(|g| iso_string(&g));
            assert_eq!(got.as_deref(), Some(want), "{y}-{m}-{d}");
        }
        assert_eq!(hijri_to_gregorian(1445, 13, 1), None);
    }
}
