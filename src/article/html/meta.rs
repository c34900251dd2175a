//! What a page says about itself in markup: JSON-LD, OpenGraph and `article:*` meta tags,
//! other meta tags (Dublin Core, `description`, `author`), microdata and RDFa properties,
//! `<time datetime>`, `<link rel="canonical">` and `<title>`.
//!
//! Every source is collected in one pass over the tree; the caller ranks them. JSON-LD is read
//! as JSON (`@graph` and arrays included), after the repairs pages need most often: raw line
//! breaks inside strings, comment and CDATA wrappers, trailing commas. Values are kept as the
//! page gives them (white space collapsed); dates are read by [`parse_datetime`].

use html5ever::local_name;
use serde_json::Value;

use super::dom::{Data, Dom};
use super::visible::collapse;
use crate::article::schema::DateWhere;

/// A date the markup gives, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupDate {
    pub raw: String,
    pub found_in: DateWhere,
    /// The element that carries it (a `<time>` or microdata element), when it is in the body.
    pub node: Option<usize>,
}

/// A name the markup gives as an author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupAuthor {
    pub name: String,
    /// Whether the markup says it is an organization.
    pub organization: bool,
}

/// Everything the markup says.
#[derive(Debug, Default)]
pub struct Meta {
    pub title_tag: Option<String>,
    /// `og:title`, `twitter:title`.
    pub og_title: Option<String>,
    /// JSON-LD or microdata `headline`.
    pub headline: Option<String>,
    /// `og:site_name`, JSON-LD publisher and WebSite names, `application-name`.
    pub site_names: Vec<String>,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    pub image: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<MarkupAuthor>,
    pub published: Vec<MarkupDate>,
    pub modified: Vec<MarkupDate>,
    pub lang: Option<String>,
    /// `Some(true)`: the markup says the page is an article (`og:type` article, a JSON-LD
    /// article type); `Some(false)`: it says it is something else (`og:type` website).
    pub is_article: Option<bool>,
}

/// JSON-LD types that are articles.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
    "SatiricalArticle", "ScholarlyArticle", "TechArticle", "SocialMediaPosting",
];

/// Collects the page's metadata.
pub fn collect(dom: &Dom) -> Meta {
    let mut m = Meta::default();
    for (i, node) in dom.nodes.iter().enumerate() {
        let Data::Element(e) = &node.data else { continue };
        match e.name {
            local_name!("html") => {
                m.lang = e.attr("lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
            }
            local_name!("title") if m.title_tag.is_none() => {
                m.title_tag = nonempty(collapse(&dom.text_of(i)));
            }
            local_name!("meta") => m.meta_tag(e.attr("property").or(e.attr("name")).or(e.attr("itemprop")), e.attr("content"), i),
            local_name!("link") => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && m.canonical.is_none() {
                    m.canonical = e.attr("href").and_then(|h| nonempty(h.trim().to_string()));
                }
            }
            local_name!("script") => {
                let ty = e.attr("type").unwrap_or("").trim().to_ascii_lowercase();
                if ty == "application/ld+json" {
                    if let Some(v) = read_json(&dom.text_of(i)) {
                        m.json_ld(&v, 0);
                    }
                }
            }
            local_name!("time") => {
                if let Some(dt) = e.attr("datetime") {
                    let prop = e.attr("itemprop").unwrap_or("");
                    let date = MarkupDate { raw: dt.trim().to_string(), found_in: DateWhere::TimeElement, node: Some(i) };
                    if prop.contains("dateModified") {
                        m.modified.push(date);
                    } else {
                        m.published.push(date);
                    }
                }
            }
            _ => {
                let prop = e.attr("itemprop").or(e.attr("property"));
                if let Some(p) = prop {
                    let value = e.attr("content").or(e.attr("datetime")).map(str::to_string);
                    m.microdata(dom, i, p, value);
                }
            }
        }
    }
    m.published.sort_by_key(|d| rank(d.found_in));
    m.modified.sort_by_key(|d| rank(d.found_in));
    m
}

/// Trust order of date sources: JSON-LD, meta tags, microdata, `<time>`.
fn rank(w: DateWhere) -> u8 {
    match w {
        DateWhere::JsonLd => 0,
        DateWhere::Meta => 1,
        DateWhere::Microdata => 2,
        DateWhere::TimeElement => 3,
        DateWhere::HeaderLine => 4,
        DateWhere::FooterLine => 5,
    }
}

fn nonempty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

impl Meta {
    fn meta_tag(&mut self, name: Option<&str>, content: Option<&str>, _node: usize) {
        let (Some(name), Some(content)) = (name, content) else { return };
        let value = collapse(content);
        if value.is_empty() {
            return;
        }
        let name = name.trim().to_ascii_lowercase();
        let date = |found_in| MarkupDate { raw: value.clone(), found_in, node: None };
        match name.as_str() {
            "og:title" | "twitter:title" => set(&mut self.og_title, &value),
            "og:site_name" | "application-name" | "twitter:site" if !value.starts_with('@') => self.site_names.push(value.clone()),
            "description" | "og:description" | "twitter:description" => set(&mut self.description, &value),
            "og:url" => set(&mut self.og_url, &value),
            "og:image" | "twitter:image" | "og:image:url" => set(&mut self.image, &value),
            "article:section" | "section" => set(&mut self.section, &value),
            "article:tag" => self.tags.push(value.clone()),
            "og:type" => {
                let article = value.to_ascii_lowercase().contains("article");
                self.is_article = Some(self.is_article.unwrap_or(false) || article);
            }
            "article:published_time" | "og:published_time" | "published_time" | "pubdate" | "publishdate"
            | "publish-date" | "publish_date" | "date" | "dc.date" | "dc.date.issued" | "dcterms.date"
            | "dcterms.created" | "dcterms.issued" | "sailthru.date" | "parsely-pub-date" | "article.published"
            | "article:published" | "datepublished" | "release_date" | "original-publish-date" => {
                self.published.push(date(DateWhere::Meta))
            }
            "article:modified_time" | "og:updated_time" | "last-modified" | "datemodified" | "dcterms.modified"
            | "article.updated" | "article:modified" => self.modified.push(date(DateWhere::Meta)),
            "author" | "article:author" | "dc.creator" | "dcterms.creator" | "parsely-author" | "sailthru.author"
            | "byl" => {
                if !value.contains("://") {
                    self.authors.push(MarkupAuthor { name: value.clone(), organization: false });
                }
            }
            _ => {}
        }
    }

    /// A microdata (`itemprop`) or RDFa (`property`) value on an element of the page.
    fn microdata(&mut self, dom: &Dom, i: usize, prop: &str, value: Option<String>) {
        for p in prop.split_whitespace() {
            let p = p.rsplit(':').next().unwrap_or(p);
            let text = || value.clone().unwrap_or_else(|| collapse(&dom.text_of(i)));
            match p {
                "datePublished" | "date" | "dateCreated" | "issued" | "created" => {
                    self.published.push(MarkupDate { raw: text(), found_in: DateWhere::Microdata, node: Some(i) })
                }
                "dateModified" | "modified" => {
                    self.modified.push(MarkupDate { raw: text(), found_in: DateWhere::Microdata, node: Some(i) })
                }
                "headline" if self.headline.is_none() => self.headline = nonempty(text()),
                "author" | "creator" => {
                    // `itemprop="author"` on an itemscope: its `name` property is the name.
                    let end = dom.nodes[i].end as usize;
                    let inner = (i + 1..end).find(|&k| {
                        dom.element(k).is_some_and(|e| e.attr("itemprop").is_some_and(|v| v.split_whitespace().any(|v| v == "name")))
                    });
                    let name = match inner {
                        Some(k) => dom.element(k).and_then(|e| e.attr("content").map(collapse)).unwrap_or_else(|| collapse(&dom.text_of(k))),
                        None => text(),
                    };
                    if !name.is_empty() && !name.contains("://") {
                        self.authors.push(MarkupAuthor { name, organization: false });
                    }
                }
                _ => {}
            }
        }
    }

    /// One JSON-LD value: an object, an array, or an object with an `@graph`.
    fn json_ld(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|x| self.json_ld(x, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.json_ld(g, depth + 1);
                }
                let types = types_of(v);
                if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                    self.is_article = Some(true);
                    self.article_object(v);
                } else if types.iter().any(|t| t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization") {
                    if let Some(n) = string_of(o.get("name")) {
                        self.site_names.push(n);
                    }
                } else if let Some(main) = o.get("mainEntity") {
                    self.json_ld(main, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn article_object(&mut self, v: &Value) {
        let get = |k: &str| v.get(k);
        if self.headline.is_none() {
            self.headline = string_of(get("headline")).or_else(|| string_of(get("name")));
        }
        if let Some(d) = string_of(get("datePublished")) {
            self.published.push(MarkupDate { raw: d, found_in: DateWhere::JsonLd, node: None });
        }
        if let Some(d) = string_of(get("dateModified")) {
            self.modified.push(MarkupDate { raw: d, found_in: DateWhere::JsonLd, node: None });
        }
        if self.section.is_none() {
            self.section = string_of(get("articleSection"));
        }
        if self.image.is_none() {
            self.image = get("image").and_then(url_of);
        }
        if self.canonical.is_none() {
            self.canonical = get("mainEntityOfPage").and_then(url_of).or_else(|| string_of(get("url")));
        }
        if let Some(k) = get("keywords") {
            let words: Vec<String> = match k {
                Value::Array(a) => a.iter().filter_map(|x| string_of(Some(x))).collect(),
                other => string_of(Some(other)).map(|s| s.split([',', '،']).map(|w| w.trim().to_string()).collect()).unwrap_or_default(),
            };
            if self.tags.is_empty() {
                self.tags.extend(words.into_iter().filter(|w| !w.is_empty()));
            }
        }
        if let Some(p) = get("publisher") {
            if let Some(n) = string_of(p.get("name")).or_else(|| string_of(Some(p))) {
                self.site_names.push(n);
            }
        }
        if let Some(a) = get("author").or_else(|| get("creator")) {
            let list: Vec<&Value> = match a {
                Value::Array(xs) => xs.iter().collect(),
                other => vec![other],
            };
            for x in list {
                let organization = types_of(x).iter().any(|t| t.contains("Organization"));
                let name = match x {
                    Value::String(s) => Some(collapse(s)),
                    Value::Object(_) => string_of(x.get("name")),
                    _ => None,
                };
                if let Some(name) = name.filter(|n| !n.contains("://")) {
                    self.authors.push(MarkupAuthor { name, organization });
                }
            }
        }
    }
}

fn set(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(value.to_string());
    }
}

/// `@type` as a list.
fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// A string value, white space collapsed; the first of an array; `None` when empty.
fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => nonempty(collapse(s)),
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An address: a string, an `ImageObject`/`WebPage` with `url` or `@id`, or the first of an array.
fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => nonempty(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(url_of),
        Value::Object(o) => o.get("url").or(o.get("@id")).and_then(url_of),
        _ => None,
    }
}

/// Parses a JSON-LD script's text, repairing what pages often get wrong.
pub fn read_json(raw: &str) -> Option<Value> {
    let s = raw.trim();
    let s = s.strip_prefix("<!--").unwrap_or(s);
    let s = s.strip_suffix("-->").unwrap_or(s);
    let s = s.trim().trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    // Raw control characters inside strings are not JSON; as white space between tokens they
    // are harmless, so every one becomes a space.
    let spaced: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if let Ok(v) = serde_json::from_str(&spaced) {
        return Some(v);
    }
    serde_json::from_str(&without_trailing_commas(&spaced)).ok()
}

/// `s` without commas that directly precede `}` or `]` (outside strings).
fn without_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_string, mut escaped) = (false, false);
    let chars: Vec<char> = s.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[k + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A date and time as markup writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTime {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (a time of exactly midnight counts as no time).
    pub value: String,
    pub has_time: bool,
    /// `Z`, `+03:00`.
    pub zone: Option<String>,
}

/// Reads ISO 8601 (`2020-07-01T10:15:00+03:00`, `2020-07-01 10:15`, `2020-07-01`, with `Z`,
/// `+0300`, fractions of a second) and RFC 2822 (`Wed, 01 Jul 2020 10:15:00 +0300`).
pub fn parse_datetime(raw: &str) -> Option<DateTime> {
    let s = raw.trim();
    iso(s).or_else(|| rfc2822(s))
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y) && icu_calendar::Date::try_new_iso(y as i32, m as u8, d as u8).is_ok()
}

fn build(y: u32, m: u32, d: u32, time: Option<(u32, u32)>, zone: Option<String>) -> Option<DateTime> {
    if !valid_date(y, m, d) {
        return None;
    }
    let time = time.filter(|&(h, mi)| h < 24 && mi < 60);
    let has_time = time.is_some_and(|t| t != (0, 0));
    let value = match time {
        Some((h, mi)) if has_time => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    };
    Some(DateTime { value, has_time, zone })
}

fn iso(s: &str) -> Option<DateTime> {
    let date = s.get(..10)?;
    let (y, m, d) = (num(date.get(..4)?)?, num(date.get(5..7)?)?, num(date.get(8..10)?)?);
    let sep = date.as_bytes();
    if !(sep[4] == sep[7] && matches!(sep[4], b'-' | b'/')) {
        return None;
    }
    let rest = s[10..].trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return build(y, m, d, None, None);
    }
    let h = num(rest.get(..2)?);
    let mi = rest.get(2..3).filter(|c| *c == ":").and_then(|_| num(rest.get(3..5)?));
    let (Some(h), Some(mi)) = (h, mi) else {
        return build(y, m, d, None, None);
    };
    let mut rest = &rest[5..];
    if rest.starts_with(':') {
        rest = rest.get(3..).unwrap_or("");
    }
    if rest.starts_with(['.', ',']) {
        rest = rest[1..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    build(y, m, d, Some((h, mi)), zone(rest.trim()))
}

/// `Z`, `+03:00`, `+0300`, `+03`, `GMT`, `UTC`.
fn zone(z: &str) -> Option<String> {
    match z {
        "Z" | "z" | "GMT" | "UTC" => return Some("Z".into()),
        _ => {}
    }
    let sign = z.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let digits: String = z[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        2 => (num(&digits)?, 0),
        4 => (num(&digits[..2])?, num(&digits[2..])?),
        _ => return None,
    };
    (h <= 14 && m < 60).then(|| format!("{sign}{h:02}:{m:02}"))
}

fn rfc2822(s: &str) -> Option<DateTime> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let s = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let mut parts = s.split_whitespace();
    let d = num(parts.next()?)?;
    let mon = parts.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|x| mon.starts_with(x))? as u32 + 1;
    let y = num(parts.next()?)?;
    let time = parts.next().and_then(|t| Some((num(t.get(..2)?)?, num(t.get(3..5)?)?)));
    let zone = parts.next().and_then(zone);
    build(y, m, d, time, zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        let table = [
            ("2020-07-01T10:15:00+03:00", Some(("2020-07-01T10:15", true, Some("+03:00")))),
            ("2019-02-08T00:00:00+01:00", Some(("2019-02-08", false, Some("+01:00")))),
            ("2026-01-08 11:42:50+00:00", Some(("2026-01-08T11:42", true, Some("+00:00")))),
            ("2020-07-01T10:15:00.000Z", Some(("2020-07-01T10:15", true, Some("Z")))),
            ("2020-07-01", Some(("2020-07-01", false, None))),
            ("2020/07/01 08:05", Some(("2020-07-01T08:05", true, None))),
            ("Wed, 01 Jul 2020 10:15:00 +0300", Some(("2020-07-01T10:15", true, Some("+03:00")))),
            ("2020-02-31", None),
            ("yesterday", None),
            ("", None),
        ];
        for (raw, want) in table {
            let got = parse_datetime(raw);
            let got = got.as_ref().map(|d| (d.value.as_str(), d.has_time, d.zone.as_deref()));
            assert_eq!(got, want, "{raw:?}");
        }
    }

    #[test]
    fn json_ld_graph_and_repairs() {
        let raw = "<!--{\"@graph\": [{\"@type\": \"WebSite\", \"name\": \"الموقع\"},\n\
                   {\"@type\": [\"NewsArticle\"], \"headline\": \"عنوان\nالخبر\", \"datePublished\": \"2020-07-01\",\
                   \"author\": [{\"@type\": \"Person\", \"name\": \"نور الدين\"}, {\"@type\": \"Organization\", \"name\": \"الموقع\"}],}]}-->";
        let dom = Dom::parse(&format!("<head><script type='application/ld+json'>{raw}</script></head>"));
        let m = collect(&dom);
        assert_eq!(m.headline.as_deref(), Some("عنوان الخبر"));
        assert_eq!(m.site_names, ["الموقع"]);
        assert_eq!(m.published[0].raw, "2020-07-01");
        assert_eq!(m.authors.iter().map(|a| (a.name.as_str(), a.organization)).collect::<Vec<_>>(), [("نور الدين", false), ("الموقع", true)]);
        assert_eq!(m.is_article, Some(true));
    }

    #[test]
    fn meta_tags_microdata_and_time() {
        let dom = Dom::parse(
            "<html lang='ar'><head><title> عنوان | الموقع </title><meta property='og:title' content='عنوان'>\
             <meta property='article:published_time' content='2020-07-01T10:15:00+03:00'><meta name='author' content='سارة'>\
             <link rel='canonical' href='https://x.com/a'></head><body>\
             <span property='dc:date' content='2019-02-08T00:00:00+01:00'>8 فيفري</span>\
             <time datetime='2020-07-01'>1 يوليو</time></body></html>",
        );
        let m = collect(&dom);
        assert_eq!(m.title_tag.as_deref(), Some("عنوان | الموقع"));
        assert_eq!(m.og_title.as_deref(), Some("عنوان"));
        assert_eq!(m.lang.as_deref(), Some("ar"));
        assert_eq!(m.canonical.as_deref(), Some("https://x.com/a"));
        let sources: Vec<DateWhere> = m.published.iter().map(|d| d.found_in).collect();
        assert_eq!(sources, [DateWhere::Meta, DateWhere::Microdata, DateWhere::TimeElement]);
        assert_eq!(m.authors[0].name, "سارة");
    }
}
