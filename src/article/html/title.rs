//! The headline: the visible heading that the markup's titles agree with.
//!
//! The markup's titles (`og:title`, JSON-LD `headline`, `<title>`) often carry the site's name
//! (`عنوان الخبر - الموقع | Site`) or a shortened headline; the visible `<h1>` is the headline as
//! printed, but pages also put their logo or section name in an `<h1>`. So the headline is the
//! visible heading (an `<h1>` first, then `<h2>`/`<h3>`, then any short block) that shares at
//! least half its words with a markup title, both ways; with no markup title, the first `<h1>`
//! before or in the content. Without such a block, the markup title stands, with the site's
//! name taken off `<title>`: a part after ` | `, ` - `, ` – `, ` — ` or ` :: ` that names the site
//! or a site name given by the markup. A headline is never cut at `:` or `»`. Where the visible
//! headline and a markup title are the same words and differ only in quote marks (a CMS that
//! drops `"` from `content="..."` attributes), the markup's wording is the title, as feeds,
//! search results and link cards show it ([`unquoted_form`]).

use rustc_hash::FxHashSet as HashSet;

use html5ever::local_name;

use super::dom::Dom;
use super::visible::HtmlBlock;
use crate::article::keys::key;
use crate::text::is_alphanumeric;

/// The markup's titles, best first, with the site's name removed from `<title>`.
pub fn markup_titles(og: Option<&str>, headline: Option<&str>, title_tag: Option<&str>, sites: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in [og, headline].into_iter().flatten() {
        out.push(t.to_string());
    }
    if let Some(t) = title_tag {
        out.push(without_site_name(t, sites, &out));
    }
    out.retain(|t| !t.trim().is_empty());
    out
}

/// Separators between a headline and a site name in `<title>`.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " ـ ", "|"];

/// `title` without a leading or trailing part that names the site.
pub fn without_site_name(title: &str, sites: &[String], others: &[String]) -> String {
    let site_keys: Vec<String> = sites.iter().map(|s| key(s)).filter(|k| !k.is_empty()).collect();
    let names_site = |part: &str| {
        let k = key(part);
        !k.is_empty() && site_keys.iter().any(|s| s.contains(&k) || k.contains(s.as_str()))
    };
    let mut t = title.trim().to_string();
    // Another markup title the `<title>` starts with is the headline itself.
    for o in others {
        let (ko, kt) = (key(o), key(&t));
        if !ko.is_empty() && kt.starts_with(&ko) && kt.len() > ko.len() {
            return o.clone();
        }
    }
    loop {
        let mut cut = false;
        for sep in SEPARATORS {
            if let Some(at) = t.rfind(sep) {
                let (head, tail) = (&t[..at], &t[at + sep.len()..]);
                let short_tail = *sep != " - " && tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 3;
                if !head.trim().is_empty() && (names_site(tail) || short_tail) {
                    t = head.trim().to_string();
                    cut = true;
                    break;
                }
            }
            if let Some(at) = t.find(sep) {
                let (head, tail) = (&t[..at], &t[at + sep.len()..]);
                if !tail.trim().is_empty() && names_site(head) {
                    t = tail.trim().to_string();
                    cut = true;
                    break;
                }
            }
        }
        if !cut {
            return t;
        }
    }
}

/// Quote marks a CMS may drop from a headline when writing it into an attribute.
const QUOTES: &[char] = &['"', '\'', '«', '»', '“', '”', '‘', '’', '„', '‹', '›'];

/// The first markup title that reads as `visible` once quote marks and runs of white space are
/// set aside, and holds fewer quote marks than it: the headline as the page's metadata gives it.
pub fn unquoted_form<'m>(visible: &str, markup: &'m [String]) -> Option<&'m str> {
    let bare = |s: &str| -> (String, usize) {
        let kept: String = s.chars().filter(|c| !QUOTES.contains(c)).collect();
        let quotes = s.chars().count() - kept.chars().count();
        (kept.split_whitespace().collect::<Vec<_>>().join(" "), quotes)
    };
    let (v, vq) = bare(visible);
    if vq == 0 || v.is_empty() {
        return None;
    }
    markup.iter().map(String::as_str).find(|m| {
        let (b, q) = bare(m);
        q < vq && b == v
    })
}

/// The words of a key: its runs of letters and digits.
fn words(s: &str) -> HashSet<String> {
    key(s).split(|c: char| !is_alphanumeric(c)).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether word sets `a` and `b` share at least half the words of each.
fn sets_agree(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.intersection(b).count();
    shared * 2 >= a.len() && shared * 2 >= b.len()
}

/// Whether `a` and `b` share at least half the words of each.
pub fn agrees(a: &str, b: &str) -> bool {
    sets_agree(&words(a), &words(b))
}

/// The block that is the headline, if one is. `text` is the visible text; `before_content`:
/// the first block of the content, headings after which are not looked at without a markup
/// title.
pub fn headline_block(dom: &Dom, text: &str, blocks: &[HtmlBlock], markup: &[String], content_start: Option<usize>) -> Option<usize> {
    let level = |j: usize| -> u8 {
        match dom.name(blocks[j].node) {
            Some(&local_name!("h1")) => 0,
            Some(&local_name!("h2")) | Some(&local_name!("h3")) => 1,
            _ => 2,
        }
    };
    let block_text = |j: usize| &text[blocks[j].start..blocks[j].end];
    if markup.is_empty() {
        let limit = content_start.map_or(blocks.len(), |c| (c + 1).min(blocks.len()));
        return (0..limit).find(|&j| level(j) == 0);
    }
    let markup: Vec<HashSet<String>> = markup.iter().map(|m| words(m)).collect();
    let mut best: Option<(u8, usize)> = None;
    for j in 0..blocks.len() {
        let lv = level(j);
        if best.is_some_and(|(b, _)| b <= lv) {
            continue;
        }
        let t = block_text(j);
        if t.len() > 300 && t.chars().nth(300).is_some() {
            continue;
        }
        let wt = words(t);
        if markup.iter().any(|m| sets_agree(&wt, m)) {
            best = Some((lv, j));
            if lv == 0 {
                break;
            }
        }
    }
    best.map(|(_, j)| j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_where_the_unicode_table_says() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn site_names_come_off_titles() {
        let sites = vec!["الصباح".to_string(), "Assabah News".to_string()];
        let table = [
            ("خالد عبد الكريم لـ«الصباح»: كل الشروط متوفرة - الصباح | Assabah", "خالد عبد الكريم لـ«الصباح»: كل الشروط متوفرة"),
            ("الصباح - خبر عن الاقتصاد", "خبر عن الاقتصاد"),
            ("سوريا: «الحرب» انتهت", "سوريا: «الحرب» انتهت"),
        ];
        for (title, want) in table {
            assert_eq!(without_site_name(title, &sites, &[]), want, "{title}");
        }
        // No site name known: a short tail after a separator goes.
        assert_eq!(without_site_name("وزير المالية يعرض الموازنة | الدفاع العربي", &[], &[]), "وزير المالية يعرض الموازنة");
        assert_eq!(without_site_name("عنوان طويل للخبر هنا - x", &[], &["عنوان طويل للخبر هنا".into()]), "عنوان طويل للخبر هنا");
    }

    #[test]
    fn agreement_is_both_ways() {
        assert!(agrees("حفتر يلتقي بمدير المخابرات العسكرية المصرية في مقر قيادة الجيش", "حفتر يلتقي بمدير المخابرات العسكرية المصرية"));
        assert!(!agrees("الدفاع العربي", "حفتر يلتقي بمدير المخابرات العسكرية المصرية"));
    }

    #[test]
    fn quote_marks_dropped_by_the_metadata() {
        let markup = vec!["شعر وردي يشعل السخرية… لغز لون شعر".to_string(), "\"شعر وردي يشعل السخرية\"… لغز لون شعر".to_string()];
        assert_eq!(unquoted_form("\"شعر وردي يشعل السخرية\"… لغز لون شعر", &markup), Some(markup[0].as_str()));
        assert_eq!(unquoted_form("«شعر وردي»  يشعل السخرية… لغز لون شعر", &markup), Some(markup[0].as_str()));
        // Other words, or no quote marks to drop: the visible headline stands.
        assert_eq!(unquoted_form("\"شعر وردي يشعل السخرية\"… لغز لون", &markup), None);
        assert_eq!(unquoted_form("شعر وردي يشعل السخرية… لغز لون شعر", &markup), None);
        // A markup title with the quote marks too is no reason to change.
        assert_eq!(unquoted_form("\"شعر\" وردي", &["\"شعر\" وردي".to_string()]), None);
    }
}
