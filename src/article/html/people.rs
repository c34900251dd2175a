//! Whether a name the page gives as an author is a person.
//!
//! Markup authors are often the site (`"author": "الصباح"`), an agency (`وكالات`, `رويترز`), a
//! desk (`فريق التحرير`, `Web Desk`, `admin`), or debris (an address, a list of names joined
//! into one string, a whole sentence). A person's name here is two to sixty characters of at
//! most six words, with a letter and no digit, no address or `@`, that is not a site name of the
//! page, a known outlet or agency, or a desk or institution word.

use crate::article::keys::key;
use crate::article::lines::is_outlet_or_agency;

/// Words that make a name a desk, an institution or a role rather than a person (keys).
const NOT_PERSON_WORDS: &[&str] = &[
    "admin", "administrator", "editor", "editors", "staff", "desk", "team", "newsroom", "news",
    "agency", "agencies", "reporter", "correspondent", "webmaster", "contributor", "guest",
    "التحرير", "المحرر", "محرر", "فريق", "هيئة", "اسرة", "وكالة", "وكالات", "الوكالات", "صحيفة",
    "جريدة", "موقع", "قناة", "مجلة", "بوابة", "شبكة", "مكتب", "مراسل", "مراسلنا", "مراسلو",
    "متابعات", "خاص", "القسم", "قسم", "الموقع", "اخبار", "الاخبار", "نيوز", "تلفزيون", "اذاعة",
    // Words of the date and publication labels beside a byline (`نشر في`, `آخر تحديث`).
    "نشر", "نشرت", "تاريخ", "بتاريخ", "تحديث", "التحديث", "اخر", "في", "منذ", "الساعة", "يوم",
    "posted", "published", "updated", "on", "at", "by", "date",
];

/// Whether `name` can be a person's name on a page whose site names are `sites`.
pub fn is_person(name: &str, sites: &[String]) -> bool {
    let name = name.trim();
    let chars = name.chars().count();
    if !(2..=60).contains(&chars) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if !name.chars().any(char::is_alphabetic)
        || name.chars().any(|c| c.is_numeric() || matches!(c, '@' | '/' | '|' | '{' | '}' | '<' | '>' | '?' | '؟' | '!' | '.' | ':' | '='))
    {
        return false;
    }
    let k = key(name);
    if k.contains("www") || k.contains("http") {
        return false;
    }
    if k.split(' ').any(|w| NOT_PERSON_WORDS.contains(&w)) {
        return false;
    }
    if is_outlet_or_agency(name) {
        return false;
    }
    !sites.iter().map(|s| key(s)).filter(|s| !s.is_empty()).any(|s| s == k || s.contains(&k) || k.contains(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_and_not() {
        let sites = vec!["الصباح".to_string(), "Assabah News".to_string()];
        for name in ["آسيا العتروس", "نور الدين", "John Smith", "محمد بن سلمان آل سعود"] {
            assert!(is_person(name, &sites), "{name}");
        }
        for name in [
            "الصباح", "Assabah News", "وكالات", "رويترز", "فريق التحرير", "admin", "https://x.com/u",
            "فرانس 24", "نشر في", "آخر تحديث", "a", "قال الوزير إن الحكومة ستعرض الموازنة على البرلمان غدا", "x@y.com", "سبق",
        ] {
            assert!(!is_person(name, &sites), "{name}");
        }
    }
}
