//! The page's parts into an [`Article`]: the headline, the header under it, the body and its end
//! matter through the plain-text rules, the metadata, and every other block as boilerplate.
//! Offsets here are bytes of the visible text; [`super::parse_html`] turns them into code points.

use html5ever::local_name;

use super::content::{find_region, Region};
use super::dom::{Dom, NONE};
use super::hints::{hint, Hint};
use super::meta::{collect, parse_datetime, Meta};
use super::people::is_person;
use super::title::{headline_block, markup_titles, unquoted_form};
use super::visible::{visible, HtmlBlock};
use crate::article::blocks::Block;
use crate::article::dates::{days_apart, find_date, FoundDate};
use crate::article::keys::key;
use crate::article::lines::{credit_line, is_share_line, match_byline};
use crate::article::plain::PlainParser;
use crate::article::schema::{
    Article, Author, BoilerplateKind, DateInfo, DateWhere, InputFormat, ParagraphKind, Range,
    Rule, Span, Table, Warning, Zone,
};

/// How many blocks under the headline may be its header (bylines, dates).
const HEADER_BLOCKS: usize = 8;

/// Parses `html` into an article with byte offsets into its visible text.
pub fn parse(html: &str, url: Option<&str>) -> Article {
    let dom = Dom::parse(html);
    let meta = collect(&dom);
    let mut v = visible(&dom);
    // Blocks are trimmed with the same spaces `Block` trims with; drop any it would refuse.
    v.blocks.retain(|b| Block::accepts(&v.text, b.start, b.end));
    let hints: Vec<Hint> = (0..dom.nodes.len()).map(|i| dom.element(i).map_or(Hint::None, hint)).collect();
    let region = find_region(&dom, &v, &hints);
    let text = std::mem::take(&mut v.text);
    let blocks: Vec<Block> = v.blocks.iter().filter_map(|b| Block::new(&text, b.start, b.end)).collect();
    let mut s = State {
        dom: &dom,
        hints: &hints,
        html: &v.blocks,
        tables: &v.tables,
        region: region.as_ref(),
        meta: &meta,
        used: vec![false; blocks.len()],
        p: PlainParser::over(&text, blocks, InputFormat::Html),
        header_dates: Vec::new(),
    };
    s.run(url);
    let mut a = s.p.finish();
    a.text = Some(text);
    a
}

struct State<'a> {
    dom: &'a Dom,
    hints: &'a [Hint],
    html: &'a [HtmlBlock],
    tables: &'a [Vec<Vec<String>>],
    region: Option<&'a Region>,
    meta: &'a Meta,
    used: Vec<bool>,
    p: PlainParser<'a>,
    /// Dates seen under the headline: (block, date).
    header_dates: Vec<(usize, FoundDate)>,
}

impl State<'_> {
    fn run(&mut self, url: Option<&str>) {
        let n = self.html.len();
        let in_region: Vec<bool> = (0..n).map(|j| self.region.is_some_and(|r| r.contains(self.html[j].node))).collect();
        let boiler: Vec<Option<(BoilerplateKind, Rule, Hint)>> = (0..n).map(|j| self.dom_boilerplate(j, in_region[j])).collect();
        let content_start = (0..n).find(|&j| in_region[j] && boiler[j].is_none());
        let sites = self.site_names(url);
        let markup = markup_titles(self.meta.og_title.as_deref(), self.meta.headline.as_deref(), self.meta.title_tag.as_deref(), &sites);
        let title = headline_block(self.dom, self.p.src, self.html, &markup, content_start);
        self.title(title, &markup);
        let header_from = title.map_or(content_start.unwrap_or(n), |t| t + 1);
        let body_from = self.header(header_from, &in_region, &boiler);
        // The body: content blocks after the header that the page's structure does not set aside.
        let mut body: Vec<usize> = Vec::new();
        for j in body_from..n {
            if self.used[j] || !in_region[j] {
                continue;
            }
            match boiler[j] {
                None => {
                    if matches!(self.hints[self.html[j].node], Hint::Caption) || self.dom.name(self.html[j].node) == Some(&local_name!("figcaption")) {
                        self.special(j, ParagraphKind::Caption);
                    } else if self.inside(j, Hint::Embed) {
                        self.special(j, ParagraphKind::Embed);
                    } else if self.link_list(j) {
                        // Left for `rest`: a link list inside the content (print, send, more).
                    } else {
                        body.push(j);
                    }
                }
                Some((_, _, Hint::AuthorBox)) => body.push(j),
                _ => {}
            }
        }
        let content: Vec<usize> = (body_from..n).filter(|&j| in_region[j]).collect();
        let not_article = self.not_an_article(&body, &content);
        if not_article {
            self.p.doc.warnings.push(Warning::NotAnArticle);
            self.p.paras.clear();
            self.p.doc.captions.clear();
        } else {
            self.body(&body);
        }
        self.rest(&boiler);
        self.metadata(&sites, url);
        self.p.paras.sort_by_key(|p| p.start);
        self.p.dateline();
        self.p.signoff();
        self.p.finish_paragraphs();
    }

    /// The site names the markup and the address give.
    fn site_names(&self, url: Option<&str>) -> Vec<String> {
        let mut sites = self.meta.site_names.clone();
        // `<title>` often ends with the site's name: a short tail after a separator.
        if let Some(t) = &self.meta.title_tag {
            for sep in [" | ", " - ", " – ", " — ", " :: "] {
                if let Some((head, tail)) = t.rsplit_once(sep) {
                    if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
                        sites.push(tail.trim().to_string());
                    }
                    break;
                }
            }
        }
        let addr = url.or(self.meta.canonical.as_deref()).or(self.meta.og_url.as_deref());
        if let Some(host) = addr.and_then(|u| u.split_once("://")).and_then(|(_, r)| r.split(['/', ':', '?']).next()) {
            // The registrable name: `cnn` in `arabic.cnn.com`, `assabah` in `www.assabah.com.tn`.
            let mut labels: Vec<&str> = host.split('.').collect();
            labels.pop();
            if labels.len() > 1 && matches!(labels.last(), Some(&("com" | "co" | "net" | "org" | "gov" | "edu" | "info"))) {
                labels.pop();
            }
            if let Some(name) = labels.last().filter(|n| n.len() >= 3) {
                sites.push(name.to_string());
            }
        }
        sites
    }

    /// The page's structure sets block `j` aside: the first boilerplate hint on the way up from
    /// its element (inside the content block: up to the content block only).
    fn dom_boilerplate(&self, j: usize, in_region: bool) -> Option<(BoilerplateKind, Rule, Hint)> {
        let stop = if in_region {
            self.region.and_then(|r| r.ranges.iter().find(|&&(s, e)| s <= self.html[j].node && self.html[j].node < e)).map(|&(s, _)| s)
        } else {
            None
        };
        let mut at = self.html[j].node;
        loop {
            if Some(at) == stop {
                return None;
            }
            let h = self.hints[at];
            if h.is_boilerplate() && h != Hint::Meta {
                let kind = match h {
                    Hint::Navigation => BoilerplateKind::Navigation,
                    Hint::Breadcrumb => BoilerplateKind::Breadcrumb,
                    Hint::Sidebar => BoilerplateKind::Sidebar,
                    Hint::PageFrame => BoilerplateKind::PageFrame,
                    Hint::Comments => BoilerplateKind::Comments,
                    Hint::Related => BoilerplateKind::Related,
                    Hint::Share => BoilerplateKind::Share,
                    Hint::Ad => BoilerplateKind::Ad,
                    Hint::Tags => BoilerplateKind::Tags,
                    _ => BoilerplateKind::Byline,
                };
                let by_name = self.dom.name(at).is_some_and(|n| matches!(*n, local_name!("nav") | local_name!("aside")))
                    || self.dom.element(at).is_some_and(|e| e.attr("role").is_some());
                return Some((kind, if by_name { Rule::H1 } else { Rule::H2 }, h));
            }
            let parent = self.dom.nodes[at].parent;
            if parent == NONE {
                return None;
            }
            at = parent as usize;
        }
    }

    /// A short block made mostly of link text.
    fn link_list(&self, j: usize) -> bool {
        let h = &self.html[j];
        h.link_bytes * 2 > h.end - h.start && self.p.blocks[j].chars <= 200
    }

    /// Whether block `j` sits inside an element hinted `h`.
    fn inside(&self, j: usize, h: Hint) -> bool {
        let mut at = self.html[j].node;
        for _ in 0..64 {
            if self.hints[at] == h {
                return true;
            }
            let parent = self.dom.nodes[at].parent;
            if parent == NONE {
                return false;
            }
            at = parent as usize;
        }
        false
    }

    /// The headline: block `t`, else the best markup title, found in the text if it is there.
    fn title(&mut self, t: Option<usize>, markup: &[String]) {
        if let Some(t) = t {
            let b = &self.p.blocks[t];
            self.p.doc.title = Some(match unquoted_form(b.text, markup) {
                // The metadata's wording is not in the text: its span is empty.
                Some(m) => Span { text: m.to_string(), start: 0, end: 0 },
                None => self.p.span(b.start, b.end),
            });
            self.used[t] = true;
            return;
        }
        let Some(best) = markup.first() else { return };
        self.p.doc.title = Some(match self.p.src.find(best.as_str()) {
            Some(at) => self.p.span(at, at + best.len()),
            None => Span { text: best.clone(), start: 0, end: 0 },
        });
    }

    /// Under the headline: bylines, date lines, the headline again, credit lines and share
    /// lines, until the first block of prose. Returns where the body starts.
    fn header(&mut self, from: usize, in_region: &[bool], boiler: &[Option<(BoilerplateKind, Rule, Hint)>]) -> usize {
        let n = self.html.len();
        let mut j = from;
        let title_key = self.p.doc.title.as_ref().map(|t| key(&t.text));
        while j < n && j < from + HEADER_BLOCKS {
            let b = &self.p.blocks[j];
            let prose = b.chars > 120 || (b.chars > 60 && b.text.ends_with(['.', '؟', '?', '!']));
            let meta_hinted = self.inside(j, Hint::Meta);
            // Under the headline, a header element is the article's own (`entry-header`).
            if matches!(boiler[j], Some((_, _, h)) if !matches!(h, Hint::Share | Hint::Tags | Hint::PageFrame)) {
                j += 1;
                continue;
            }
            if prose && in_region[j] {
                break;
            }
            let (start, end) = (b.start, b.end);
            let date = (b.key_chars() <= 80 || meta_hinted).then(|| find_date(b.text)).flatten();
            let short = b.key_chars() <= 60 || meta_hinted;
            let repeated = title_key.as_deref() == Some(b.key());
            let (credit, share) = (credit_line(b).is_some(), is_share_line(b));
            let long = b.key_chars() > 160;
            let authors = if long { 0 } else { self.bylines_in(j, date.as_ref().map(|d| d.span), meta_hinted) };
            if authors > 0 || (date.is_some() && short) {
                if let Some(d) = date {
                    self.header_dates.push((j, d));
                }
                let kind = if authors > 0 { BoilerplateKind::Byline } else { BoilerplateKind::DateLine };
                self.p.boilerplate(start, end, kind, Rule::P3);
            } else if repeated {
                self.p.boilerplate(start, end, BoilerplateKind::RepeatedTitle, Rule::P3);
            } else if credit || share {
                let kind = if share { BoilerplateKind::Share } else { BoilerplateKind::Byline };
                self.p.boilerplate(start, end, kind, Rule::P3);
            } else if in_region[j] {
                break;
            } else {
                j += 1;
                continue;
            }
            self.used[j] = true;
            j += 1;
        }
        j
    }

    /// The bylines of header block `j`: the block is cut at its date (`date`, a byte span in
    /// the block) and at separators (`|`, ` - `, `•`), and each part is a byline (`كتب: NAME`,
    /// `بواسطة NAME`), or, in a byline or author element (`meta`), a person's name alone.
    /// Returns how many authors were found.
    fn bylines_in(&mut self, j: usize, date: Option<(usize, usize)>, meta: bool) -> usize {
        const SEPARATORS: &[&str] = &[" | ", "|", " - ", " – ", " — ", " ـ ", "•", "·", " / ", "،"];
        let b = &self.p.blocks[j];
        let (base, text) = (b.start, b.text);
        let mut parts: Vec<(usize, usize)> = match date {
            Some((s, e)) => vec![(0, s), (e, text.len())],
            None => vec![(0, text.len())],
        };
        for sep in SEPARATORS {
            parts = parts
                .into_iter()
                .flat_map(|(s, e)| {
                    let mut out = Vec::new();
                    let mut at = s;
                    for (k, _) in text[s..e].match_indices(sep) {
                        out.push((at, s + k));
                        at = s + k + sep.len();
                    }
                    out.push((at, e));
                    out
                })
                .collect();
        }
        let mut found = 0;
        for (s, e) in parts {
            let Some(part) = Block::new(self.p.src, base + s, base + e) else { continue };
            let (name_start, role) = match match_byline(&part) {
                Some(by) => (part.start + by.name_start, by.role),
                None if meta && part.text.split_whitespace().count() >= 2 && is_person(part.text, &self.meta.site_names) => {
                    (part.start, crate::article::schema::Role::Author)
                }
                None => continue,
            };
            let name = self.p.src[name_start..part.end].trim_end_matches(|c: char| crate::text::is_space(c) || ",،-–|:".contains(c));
            if name.is_empty() {
                continue;
            }
            self.p.doc.authors.push(Author {
                name: name.to_string(),
                start: name_start,
                end: name_start + name.len(),
                role,
                line: Range { start: part.start, end: part.end },
                found_in: Zone::Header,
            });
            found += 1;
        }
        found
    }

    /// A caption or an embedded post: a paragraph of its own kind.
    fn special(&mut self, j: usize, kind: ParagraphKind) {
        let b = &self.p.blocks[j];
        let (start, end) = (b.start, b.end);
        if kind == ParagraphKind::Caption {
            let c = self.p.span(start, end);
            self.p.doc.captions.push(c);
        }
        self.p.paras.push(crate::article::plain::Para { kind, start, end });
        self.used[j] = true;
    }

    /// A page with no article: nothing of prose in the `body` blocks, or a list of linked
    /// headlines among the `content` blocks.
    fn not_an_article(&self, body: &[usize], content: &[usize]) -> bool {
        if body.is_empty() {
            return !self.p.blocks.is_empty();
        }
        if self.meta.is_article == Some(true) {
            return false;
        }
        let prose: usize = body.iter().map(|&j| &self.p.blocks[j]).filter(|b| b.chars >= 30).map(|b| b.chars).sum();
        if prose < 60 {
            return true;
        }
        // A section front: several linked headings among the content.
        let linked_headings = content
            .iter()
            .filter(|&&j| {
                let h = &self.html[j];
                matches!(self.dom.name(h.node), Some(&local_name!("h2")) | Some(&local_name!("h3")) | Some(&local_name!("h4")))
                    && h.link_bytes * 2 > h.end - h.start
            })
            .count();
        linked_headings >= 3
    }

    /// The body blocks through the plain-text rules: the end of the body (P5), the lead (P4),
    /// paragraphs and inline boilerplate (P7), and the end matter (P6); then the page's own
    /// paragraph kinds (subheadings, quotes, list items, tables).
    fn body(&mut self, body: &[usize]) {
        let all = std::mem::take(&mut self.p.blocks);
        self.p.blocks = body.iter().map(|&j| all[j].clone()).collect();
        let end = self.p.end_of_body(0);
        self.p.lead(0, end);
        // A standfirst the page marks as one.
        if self.p.doc.lead.is_none() && self.p.doc.title.is_some() && end >= 2 && self.inside(body[0], Hint::Lead) {
            let b = &self.p.blocks[0];
            self.p.doc.lead = Some(self.p.span(b.start, b.end));
        }
        self.p.body(0, end);
        self.p.end_matter(end);
        self.p.blocks = all;
        for &j in body {
            self.used[j] = true;
        }
        let quoted: Vec<bool> = body.iter().map(|&j| self.inside_blockquote(self.html[j].node)).collect();
        for para in &mut self.p.paras {
            if matches!(para.kind, ParagraphKind::Lead | ParagraphKind::Caption | ParagraphKind::Embed) {
                continue;
            }
            let Some(k) = body.iter().position(|&j| self.html[j].start <= para.start && para.start < self.html[j].end.max(self.html[j].start + 1)) else {
                continue;
            };
            let j = body[k];
            let h = &self.html[j];
            para.kind = match (h.table, self.dom.name(h.node)) {
                (Some(_), _) => ParagraphKind::Table,
                (_, Some(&local_name!("h2") | &local_name!("h3") | &local_name!("h4") | &local_name!("h5") | &local_name!("h6"))) => ParagraphKind::Subheading,
                (_, Some(&local_name!("blockquote"))) => ParagraphKind::Quote,
                (_, Some(&local_name!("li"))) => ParagraphKind::ListItem,
                _ if quoted[k] => ParagraphKind::Quote,
                _ => para.kind,
            };
            if let Some(t) = h.table {
                self.p.doc.tables.push(Table { start: h.start, end: h.end, rows: self.tables[t].clone() });
            }
        }
    }

    fn inside_blockquote(&self, node: usize) -> bool {
        self.dom.ancestors(node).take(8).any(|a| self.dom.name(a) == Some(&local_name!("blockquote")))
    }

    /// Every block nothing else took is boilerplate: its hint's kind, link lists, or text
    /// outside the article. Tags blocks give tags; related lists near the article give headlines.
    fn rest(&mut self, boiler: &[Option<(BoilerplateKind, Rule, Hint)>]) {
        for j in 0..self.html.len() {
            if self.used[j] {
                continue;
            }
            let b = &self.p.blocks[j];
            let (start, end) = (b.start, b.end);
            let h = &self.html[j];
            match boiler[j] {
                Some((BoilerplateKind::Tags, rule, _)) => {
                    self.link_tags(j);
                    self.p.boilerplate(start, end, BoilerplateKind::Tags, rule);
                }
                Some((kind, rule, _)) => self.p.boilerplate(start, end, kind, rule),
                None if h.link_bytes * 2 > h.end - h.start => self.p.boilerplate(start, end, BoilerplateKind::Links, Rule::H4),
                None => self.p.boilerplate(start, end, BoilerplateKind::Outside, Rule::H3),
            }
        }
    }

    /// The tags of a tags block: the texts of its links, found in order in the block.
    fn link_tags(&mut self, j: usize) {
        let h = &self.html[j];
        let node = h.node;
        let end = self.dom.nodes[node].end as usize;
        let mut at = h.start;
        for k in node..end {
            if self.dom.name(k) != Some(&local_name!("a")) {
                continue;
            }
            let t = super::visible::collapse(&self.dom.text_of(k));
            if t.is_empty() {
                continue;
            }
            if let Some(pos) = self.p.src[at..h.end].find(t.as_str()) {
                let s = at + pos;
                let span = self.p.span(s, s + t.len());
                self.p.doc.tags.push(span);
                at = s + t.len();
            }
        }
    }

    /// Fields from the markup, and the dates and authors ranked against what the page shows.
    fn metadata(&mut self, sites: &[String], url: Option<&str>) {
        let m = self.meta;
        let doc = &mut self.p.doc;
        doc.site_name = m.site_names.first().cloned();
        doc.url = url.map(str::to_string).or_else(|| m.canonical.clone()).or_else(|| m.og_url.clone());
        doc.canonical = m.canonical.clone().or_else(|| m.og_url.clone());
        doc.description = m.description.clone();
        doc.image = m.image.clone();
        doc.section = m.section.clone();
        if doc.tags.is_empty() {
            doc.tags = m.tags.iter().map(|t| Span { text: t.clone(), start: 0, end: 0 }).collect();
        }
        // Authors: bylines the page shows, persons only; else the markup's.
        doc.authors.retain(|a| is_person(&a.name, sites));
        if doc.authors.is_empty() {
            for a in &m.authors {
                if a.organization || !is_person(&a.name, sites) || doc.authors.iter().any(|x| key(&x.name) == key(&a.name)) {
                    continue;
                }
                doc.authors.push(Author {
                    name: a.name.clone(),
                    start: 0,
                    end: 0,
                    role: crate::article::schema::Role::Author,
                    line: Range { start: 0, end: 0 },
                    found_in: Zone::Metadata,
                });
            }
        }
        self.dates();
    }

    /// Published: the best markup date that the article's area carries; the page's own date
    /// under the headline when there is none, or when the markup's (in UTC) is a day off the
    /// date the page shows. Modified: the best markup date.
    fn dates(&mut self) {
        let best = |dates: &[super::meta::MarkupDate]| {
            dates
                .iter()
                .filter(|d| d.node.is_none_or(|n| !self.hinted_away(n)))
                .find_map(|d| parse_datetime(&d.raw).map(|p| (d.found_in, p)))
        };
        let published = best(&self.meta.published);
        let modified = best(&self.meta.modified);
        let visible = self.header_dates.first().cloned();
        match (published, visible) {
            (Some((found_in, p)), vis) => {
                let (mut text, mut start, mut end) = (String::new(), 0, 0);
                let mut info_value = p.value.clone();
                let mut has_time = p.has_time;
                let mut where_ = found_in;
                let (mut calendar, mut hijri) = (crate::article::schema::Calendar::Gregorian, None);
                if let Some((j, d)) = vis {
                    let day_of = |v: &str| v.get(..10).map(str::to_string).unwrap_or_default();
                    let apart = days_apart(&day_of(&p.value), &day_of(&d.value));
                    if apart.is_some_and(|x| x <= 1) {
                        let b = &self.p.blocks[j];
                        (start, end) = (b.start + d.span.0, b.start + d.span.1);
                        text = self.p.src[start..end].to_string();
                        calendar = d.calendar;
                        hijri = d.hijri.clone();
                        if apart == Some(1) && matches!(p.zone.as_deref(), Some("Z" | "+00:00")) {
                            info_value = d.value.clone();
                            has_time = d.has_time;
                            where_ = DateWhere::HeaderLine;
                        }
                    }
                }
                self.p.doc.published = Some(DateInfo {
                    value: info_value,
                    has_time,
                    calendar,
                    hijri,
                    zone: if where_ == DateWhere::HeaderLine { None } else { p.zone },
                    text,
                    start,
                    end,
                    found_in: where_,
                });
            }
            (None, Some((j, d))) => {
                self.p.date(j, d, DateWhere::HeaderLine);
                for (k, d) in self.header_dates.clone().into_iter().skip(1) {
                    self.p.date(k, d, DateWhere::HeaderLine);
                }
            }
            (None, None) => {}
        }
        if let Some((found_in, p)) = modified {
            self.p.doc.modified = Some(DateInfo {
                value: p.value,
                has_time: p.has_time,
                calendar: crate::article::schema::Calendar::Gregorian,
                hijri: None,
                zone: p.zone,
                text: String::new(),
                start: 0,
                end: 0,
                found_in,
            });
        }
    }

    /// Whether element `n` sits in a part of the page that is not the article (a sidebar, the
    /// page's header, a related list).
    fn hinted_away(&self, n: usize) -> bool {
        std::iter::once(n).chain(self.dom.ancestors(n)).any(|a| {
            matches!(
                self.hints.get(a),
                Some(Hint::Navigation | Hint::Sidebar | Hint::PageFrame | Hint::Comments | Hint::Related | Hint::Ad)
            )
        })
    }
}
