//! Where the article is on the page: block scoring that knows Arabic, and the element around
//! the best blocks.
//!
//! Each block of at least 25 characters scores what prose has and furniture lacks: one point,
//! one per comma or semicolon (`،` `؛` as well as `,` `;`), up to three for its length, and up
//! to two for the density of Arabic function words (`في`, `من`, `التي` ... from the stopword
//! list): headlines, menus and link lists have few. Link text takes its share off the score.
//! A block gives its score to the element around it (the element above a paragraph, or the
//! `<div>`/`<td>` itself for text written with `<br>`s) and, less and less, to four more
//! ancestors. An element's own class or id adds (content words) or takes away (share,
//! comments, sidebar ...), and its link density scales the total. The best element is the
//! article's content block; its siblings join it when they score near it or are clearly prose,
//! so a standfirst or a second body `<div>` beside the main one is not lost.

use html5ever::local_name;

use super::dom::Dom;
use super::hints::Hint;
use super::visible::{HtmlBlock, Visible};
use crate::tokenize::stopwords::is_stopword;

/// Blocks shorter than this (in characters) give no score.
const MIN_SCORED_CHARS: usize = 25;

/// The content block: the subtrees it covers (node ranges `start..end`) and its root.
#[derive(Debug, Clone)]
pub struct Region {
    pub root: usize,
    pub ranges: Vec<(usize, usize)>,
}

impl Region {
    pub fn contains(&self, node: usize) -> bool {
        self.ranges.iter().any(|&(s, e)| s <= node && node < e)
    }
}

/// The score a block gives, before link text is taken off.
fn block_score(text: &str) -> f64 {
    let b = text.as_bytes();
    let chars = crate::text::count_chars(b);
    if chars < MIN_SCORED_CHARS {
        return 0.0;
    }
    // `,` and `;`, and `،` (D8 8C) and `؛` (D8 9B): D8 is never a continuation byte.
    let ascii = b.iter().filter(|&&x| x == b',' || x == b';').count();
    let arabic = b.windows(2).filter(|w| w[0] == 0xD8 && (w[1] == 0x8C || w[1] == 0x9B)).count();
    let commas = ascii + arabic;
    let (mut words, mut function) = (0, 0);
    for w in crate::text::words(text) {
        words += 1;
        function += usize::from(is_stopword(w));
    }
    let density = function as f64 / words.max(1) as f64;
    let density_points = if density >= 0.2 {
        2.0
    } else if density >= 0.1 {
        1.0
    } else {
        0.0
    };
    1.0 + commas.min(20) as f64 + (chars / 100).min(3) as f64 + density_points
}

/// Elements whose text is one paragraph: a block in one scores for the element above it.
fn is_paragraph(dom: &Dom, node: usize) -> bool {
    dom.name(node).is_some_and(|n| {
        matches!(
            *n,
            local_name!("p")
                | local_name!("li")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
                | local_name!("blockquote")
                | local_name!("pre")
                | local_name!("dd")
                | local_name!("figcaption")
        )
    })
}

/// Bytes of text and of link text under every node (subtree sums, one backward pass).
fn subtree_bytes(dom: &Dom, blocks: &[HtmlBlock]) -> Vec<(usize, usize)> {
    let mut sums = vec![(0usize, 0usize); dom.nodes.len()];
    for b in blocks {
        if let Some(s) = sums.get_mut(b.node) {
            s.0 += b.end - b.start;
            s.1 += b.link_bytes;
        }
    }
    for i in (1..dom.nodes.len()).rev() {
        let p = dom.nodes[i].parent;
        if p != super::dom::NONE {
            let (t, l) = sums[i];
            sums[p as usize].0 += t;
            sums[p as usize].1 += l;
        }
    }
    sums
}

fn link_density(sums: &[(usize, usize)], node: usize) -> f64 {
    let (t, l) = sums[node];
    if t == 0 {
        0.0
    } else {
        l as f64 / t as f64
    }
}

/// Finds the content block of the page; `None` when no block scores.
pub fn find_region(dom: &Dom, v: &Visible, hints: &[Hint]) -> Option<Region> {
    let sums = subtree_bytes(dom, &v.blocks);
    let mut score = vec![0.0f64; dom.nodes.len()];
    let mut scored = vec![false; dom.nodes.len()];
    for b in &v.blocks {
        if b.table.is_some() {
            continue;
        }
        let text = &v.text[b.start..b.end];
        let s = block_score(text);
        if s == 0.0 {
            continue;
        }
        let links = b.link_bytes as f64 / (b.end - b.start).max(1) as f64;
        let s = s * (1.0 - links).max(0.0);
        let first = if is_paragraph(dom, b.node) { dom.nodes[b.node].parent as usize } else { b.node };
        let mut at = first;
        for level in 0..5 {
            if at >= dom.nodes.len() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[at] += s / divider;
            scored[at] = true;
            let p = dom.nodes[at].parent;
            if p == super::dom::NONE {
                break;
            }
            at = p as usize;
        }
    }
    let final_score = |i: usize| -> f64 {
        let bonus = match hints[i] {
            Hint::Content => 25.0,
            Hint::Lead | Hint::None | Hint::Caption | Hint::Embed => 0.0,
            Hint::Meta => -5.0,
            _ => -25.0,
        };
        let tag = match dom.name(i) {
            Some(&local_name!("article")) | Some(&local_name!("main")) => 10.0,
            Some(&local_name!("div")) | Some(&local_name!("section")) => 5.0,
            Some(&local_name!("td")) | Some(&local_name!("form")) => 3.0,
            Some(&local_name!("html")) => -5.0,
            _ => 0.0,
        };
        (score[i] + bonus + tag) * (1.0 - link_density(&sums, i))
    };
    let (top, top_score) = (0..dom.nodes.len())
        .filter(|&i| scored[i] && dom.element(i).is_some())
        .map(|i| (i, final_score(i)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if top_score <= 0.0 {
        return None;
    }
    // The first block each element holds directly, for the sibling test below.
    let mut first_block = vec![usize::MAX; dom.nodes.len()];
    for (k, b) in v.blocks.iter().enumerate().rev() {
        first_block[b.node] = k;
    }
    let mut ranges = vec![(top, dom.nodes[top].end as usize)];
    // Siblings that score near the top element, or are prose on their own.
    let parent = dom.nodes[top].parent;
    if parent != super::dom::NONE {
        let parent = parent as usize;
        let threshold = (top_score * 0.2).max(10.0);
        let mut k = parent + 1;
        let end = dom.nodes[parent].end as usize;
        while k < end {
            let next = dom.nodes[k].end as usize;
            if k != top && dom.element(k).is_some() && !hints[k].is_boilerplate() {
                let joins = (scored[k] && final_score(k) >= threshold)
                    || (is_paragraph(dom, k) && v.blocks.get(first_block[k]).is_some_and(|b| is_prose(&v.text[b.start..b.end], link_density(&sums, k))))
                    || (hints[k] == Hint::Lead && link_density(&sums, k) < 0.3 && sums[k].0 > 0);
                if joins {
                    ranges.push((k, next));
                }
            }
            k = next;
        }
    }
    ranges.sort_unstable();
    Some(Region { root: top, ranges })
}

/// A paragraph of at least 80 characters, few links (`links`: its link density), ending like a
/// sentence.
fn is_prose(text: &str, links: f64) -> bool {
    text.chars().count() >= 80
        && links < 0.25
        && text.trim_end_matches(['»', '"', '”', ')']).ends_with(['.', '!', '?', '؟', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::html::{hints::hint, visible::visible};

    fn region_text(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let v = visible(&dom);
        let hints: Vec<Hint> = (0..dom.nodes.len()).map(|i| dom.element(i).map_or(Hint::None, hint)).collect();
        let r = find_region(&dom, &v, &hints).unwrap_or_else(|| panic!("no region"));
        v.blocks.iter().filter(|b| r.contains(b.node)).map(|b| v.text[b.start..b.end].to_string()).collect()
    }

    const P1: &str = "قال الوزير في بيان إن الحكومة، التي تواجه أزمة، ستعرض الموازنة على البرلمان في الأسبوع المقبل.";
    const P2: &str = "وأضاف أن الإصلاحات، ومنها خفض الدعم، ستبدأ في العام المقبل بعد موافقة النواب عليها.";

    #[test]
    fn picks_the_prose_not_the_menu_or_sidebar() {
        let html = format!(
            "<body><nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/a'>أخبار العالم والعرب اليوم</a></li></ul></nav>\
             <div class='main'><div class='story'><p>{P1}</p><p>{P2}</p></div></div>\
             <aside><ul><li><a href='/x'>الأكثر قراءة في الموقع خبر طويل جدا عن الرياضة والفن</a></li></ul></aside></body>"
        );
        assert_eq!(region_text(&html), [P1, P2]);
    }

    #[test]
    fn text_with_br_in_a_layout_table() {
        let html = format!(
            "<body><table><tr><td><a href='/'>الرئيسية</a><br><a href='/b'>اتصل بنا</a></td>\
             <td>{P1}<br><br>{P2}</td></tr></table></body>"
        );
        assert_eq!(region_text(&html), [P1, P2]);
    }

    #[test]
    fn a_standfirst_sibling_joins() {
        let html = format!(
            "<body><article><div class='lead'>موجز الخبر في سطر واحد.</div><div class='body'><p>{P1}</p><p>{P2}</p><p>{P1}</p></div></article></body>"
        );
        assert_eq!(region_text(&html), ["موجز الخبر في سطر واحد.", P1, P2, P1]);
    }
}
