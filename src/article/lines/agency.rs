//! Wire agencies and news outlets: which names in a dateline, a sign-off or a source line are
//! agencies (and their canonical names, `واس` -> `SPA`), which are outlets.
//!
//! The names are the lexicon's `agencies` (keyed form -> canonical name) and `outlets`; a
//! Latin acronym in parentheses (`(CNN)`, `(BBC)`) also counts as an agency in a dateline.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::keys::key;
use crate::article::lexicon::{regex, LEXICON};

/// The canonical agencies named by `s`: a list such as `د ب أ، رويترز`, `رويترز وفرانس برس`, or
/// a name ending in `(AGENCY)` such as `وكالة الأنباء الجزائرية (واج)`. `None` unless every
/// name is an agency of the lexicon.
pub fn agencies_of(s: &str) -> Option<Vec<String>> {
    let k = key(s);
    let list = k.trim_matches(['(', ')', ' ']);
    let pieces = list
        .split(['،', ',', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let names: Option<Vec<Vec<String>>> = pieces
        .enumerate()
        .map(|(n, piece)| segment_agencies(piece, n == 0))
        .collect();
    if let Some(names) = names.map(|n| n.concat()).filter(|n| !n.is_empty()) {
        return Some(names);
    }
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| regex(r"\(([^()]{1,25})\)\s*$"));
    let inner = TRAILING.captures(&k)?.get(1)?;
    LEXICON
        .agencies
        .get(inner.as_str())
        .map(|a| vec![a.clone()])
}

/// Splits `words` into consecutive agency names; a name after the first may carry the
/// conjunction `و` (`رويترز وفرانس برس`), and a lone `و` joins two names.
fn segment_agencies(piece: &str, first: bool) -> Option<Vec<String>> {
    const MAX_WORDS: usize = 12;
    const MAX_NAME_WORDS: usize = 4;
    let words: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    // best[i]: the names covering words[i..], if they can be covered.
    let mut best: Vec<Option<Vec<String>>> = vec![None; words.len() + 1];
    best[words.len()] = Some(Vec::new());
    for i in (0..words.len()).rev() {
        if words[i] == "و" && i > 0 {
            best[i] = best[i + 1].clone();
            continue;
        }
        for j in (i + 1..=words.len().min(i + MAX_NAME_WORDS)).rev() {
            let Some(rest) = &best[j] else { continue };
            let name = words[i..j].join(" ");
            let may_drop_conjunction = !(first && i == 0) && name.len() > "و".len();
            let canonical = LEXICON.agencies.get(&name).or_else(|| {
                name.strip_prefix('و')
                    .filter(|_| may_drop_conjunction)
                    .and_then(|n| LEXICON.agencies.get(n))
            });
            if let Some(c) = canonical {
                best[i] = Some(
                    std::iter::once(c.clone())
                        .chain(rest.iter().cloned())
                        .collect(),
                );
                break;
            }
        }
    }
    best.swap_remove(0)
}

/// Whether `name`, found as `(NAME)` in a dateline, is an agency: one of the lexicon, or a
/// Latin acronym (`CNN`, `CNN Business`, `BBC`), not a Latin name (`Reddit`).
pub fn is_agency_like(name: &str) -> bool {
    let acronym = name.split(' ').next().is_some_and(|w| {
        w.len() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    agencies_of(name).is_some()
        || (acronym
            && name.len() <= 20
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '))
}

/// Whether `name` is an agency or a news outlet of the lexicon, or ends with one
/// (`بروفايل سبق`, `صحيفة الوئام`).
pub fn is_outlet_or_agency(name: &str) -> bool {
    let k = key(name);
    let known = |n: &str| LEXICON.outlets.contains(n) || LEXICON.agencies.contains_key(n);
    known(&k)
        || k.char_indices()
            .filter(|&(_, c)| c == ' ')
            .any(|(i, _)| known(&k[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies() {
        let table: &[(&str, Option<&[&str]>)] = &[
            ("د ب أ، رويترز", Some(&["dpa", "Reuters"])),
            ("(أ ف ب)", Some(&["AFP"])),
            ("واس", Some(&["SPA"])),
            ("وام", Some(&["WAM"])),
            ("رويترز وفرانس برس", Some(&["Reuters", "AFP"])),
            ("رويترز و أ ف ب", Some(&["Reuters", "AFP"])),
            ("رويترز ووام", Some(&["Reuters", "WAM"])),
            ("وكالة الأنباء الجزائرية (واج)", Some(&["APS"])),
            ("القدس العربي", None),
            ("ورويترز", None),
            ("", None),
        ];
        for &(s, want) in table {
            let want = want.map(|w| w.iter().map(|x| x.to_string()).collect::<Vec<_>>());
            assert_eq!(agencies_of(s), want, "{s:?}");
        }
    }

    #[test]
    fn agency_like_and_outlets() {
        for (name, agency) in [("CNN", true), ("CNN Business", true), ("رويترز", true)] {
            assert_eq!(is_agency_like(name), agency, "{name:?}");
        }
        for name in ["Reddit", "32 عاما", "سي إن إن"] {
            assert!(!is_agency_like(name), "{name:?}");
        }
        for name in ["سبق", "صحيفة الوئام", "بروفايل سبق", "واس"] {
            assert!(is_outlet_or_agency(name), "{name:?}");
        }
        assert!(!is_outlet_or_agency("الرياض"));
    }
}
