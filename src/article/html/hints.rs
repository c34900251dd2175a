//! What an element's name, class, id and role say about the text inside it.
//!
//! Class and id values are cut into lower-case tokens at every character that is not a letter
//! or digit (`post-share__btn` gives `post`, `share`, `btn`), and tokens are compared whole or by
//! prefix: substrings would find `ad` in `header` and `head` in `thread`. A negative hint
//! (share, comments, related, sidebar ...) beats a positive one on the same element
//! (`related-posts` is not content although `post` is a content word).

use html5ever::local_name;

use super::dom::Element;

/// What an element is, for the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nothing known.
    None,
    /// A content word (`article`, `entry-content`, `story-body`, `itemprop=articleBody`).
    Content,
    /// The standfirst (`lead`, `excerpt`, `summary`, `standfirst`).
    Lead,
    Navigation,
    Breadcrumb,
    Sidebar,
    /// The site's header or footer.
    PageFrame,
    Comments,
    /// Related, most read, latest: lists of other articles.
    Related,
    Share,
    Ad,
    Tags,
    /// Byline, date and other article metadata shown on the page.
    Meta,
    /// An author box under the article.
    AuthorBox,
    /// An embedded post (tweet, Instagram, Facebook).
    Embed,
    /// A caption (`caption`, `wp-caption-text`).
    Caption,
}

impl Hint {
    /// Whether the text under the element is never article body.
    pub fn is_boilerplate(self) -> bool {
        !matches!(self, Hint::None | Hint::Content | Hint::Lead | Hint::Embed | Hint::Caption)
    }
}

/// The hint of element `e`: from its name and role first, then its class and id tokens.
pub fn hint(e: &Element) -> Hint {
    let by_name = match e.name {
        local_name!("nav") => Hint::Navigation,
        local_name!("aside") => Hint::Sidebar,
        local_name!("figcaption") => Hint::Caption,
        _ => Hint::None,
    };
    if by_name != Hint::None {
        return by_name;
    }
    if let Some(role) = e.attr("role") {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "menubar" | "menu" => return Hint::Navigation,
            "complementary" => return Hint::Sidebar,
            "banner" | "contentinfo" => return Hint::PageFrame,
            _ => {}
        }
    }
    if let Some(p) = e.attr("itemprop") {
        if p.split_whitespace().any(|p| p == "articleBody" || p == "text") {
            return Hint::Content;
        }
    }
    let mut found = Hint::None;
    for value in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        for token in value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()) {
            // Class names are nearly always lower case already: no copy for those.
            let lower;
            let t = if token.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = token.to_ascii_lowercase();
                lower.as_str()
            } else {
                token
            };
            let h = token_hint(t);
            if h == Hint::None {
                continue;
            }
            // The first negative hint wins; a positive one only fills an empty slot.
            if h.is_boilerplate() {
                return h;
            }
            if found == Hint::None || matches!(h, Hint::Embed | Hint::Lead) {
                found = h;
            }
        }
    }
    found
}

/// The hint of one class or id token: a whole word of [`TOKENS`], else a prefix of
/// [`PREFIXES`] (looked up by hash: a page has thousands of tokens, nearly all of them in
/// neither list).
fn token_hint(t: &str) -> Hint {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Hint>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| TOKENS.iter().flat_map(|&(h, words)| words.iter().map(move |&w| (w, h))).collect());
    if let Some(&h) = map.get(t) {
        return h;
    }
    let first = t.as_bytes().first();
    PREFIXES
        .iter()
        .find(|(p, _)| p.as_bytes().first() == first && t.starts_with(p))
        .map_or(Hint::None, |&(_, h)| h)
}

/// Class and id tokens (lower case), by the hint they give their element.
const TOKENS: &[(Hint, &[&str])] = &[
    (Hint::Navigation, &[
        "nav", "navbar", "menu", "menus", "mainmenu", "topmenu", "pagination", "pager", "navigation",
        "submenu", "megamenu",
    ]),
    (Hint::Breadcrumb, &["breadcrumb", "breadcrumbs", "crumbs"]),
    (Hint::Sidebar, &["sidebar", "side", "aside", "widget", "widgets", "rail", "sidebox"]),
    (Hint::PageFrame, &["footer", "foot", "copyright", "masthead", "topbar", "header", "logo"]),
    (Hint::Comments, &["comment", "comments", "disqus", "respond", "reply", "replies"]),
    (Hint::Related, &[
        "related", "most", "popular", "mostread", "trending", "latest", "recommended",
        "recommendations", "readmore", "also", "more", "outbrain", "taboola", "teaser", "teasers",
    ]),
    (Hint::Share, &["share", "sharing", "social", "sharethis", "addthis", "follow", "shares"]),
    (Hint::Ad, &[
        "ad", "ads", "adv", "advert", "advertisement", "adsense", "dfp", "banner", "banners",
        "sponsor", "sponsored", "promo", "newsletter", "subscribe",
    ]),
    (Hint::Tags, &["tags", "tag", "keywords", "topics"]),
    (Hint::Meta, &[
        "byline", "meta", "date", "time", "timestamp", "author", "published", "postmeta", "info",
        "dateline",
    ]),
    (Hint::AuthorBox, &["bio", "authorbox"]),
    (Hint::Embed, &["tweet", "twitter", "instagram", "embed", "fb"]),
    (Hint::Caption, &["caption", "credit"]),
    (Hint::Lead, &["lead", "excerpt", "summary", "standfirst", "intro", "subtitle", "deck"]),
    (Hint::Content, &[
        "article", "content", "entry", "post", "story", "body", "text", "detail", "details", "news",
        "main", "single", "articlebody", "field", "blog", "txt", "maincontent",
    ]),
];

/// Token prefixes that name a hint in compound tokens (`socialLinks`, `articleBody`).
const PREFIXES: &[(&str, Hint)] = &[
    ("advert", Hint::Ad),
    ("sponsor", Hint::Ad),
    ("social", Hint::Share),
    ("share", Hint::Share),
    ("comment", Hint::Comments),
    ("sidebar", Hint::Sidebar),
    ("widget", Hint::Sidebar),
    ("related", Hint::Related),
    ("breadcrumb", Hint::Breadcrumb),
    ("footer", Hint::PageFrame),
    ("navbar", Hint::Navigation),
    ("article", Hint::Content),
    ("content", Hint::Content),
    ("story", Hint::Content),
    ("entry", Hint::Content),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::html::dom::Dom;

    fn first_div(html: &str) -> Hint {
        let dom = Dom::parse(html);
        let i = (0..dom.nodes.len())
            .find(|&i| dom.name(i).is_some_and(|n| *n == local_name!("div") || *n == local_name!("nav") || *n == local_name!("aside")))
            .unwrap_or(0);
        dom.element(i).map_or(Hint::None, hint)
    }

    #[test]
    fn hints_from_names_classes_and_ids() {
        let table = [
            ("<div class='entry-content'>", Hint::Content),
            ("<div class='related-posts'>", Hint::Related),
            ("<div class='post-share__btn'>", Hint::Share),
            ("<div id='comments'>", Hint::Comments),
            ("<div class='shadow header-wrap'>", Hint::PageFrame),
            ("<div class='thread'>", Hint::None),
            ("<div class='adsbygoogle'>", Hint::None),
            ("<div class='advertisement-box'>", Hint::Ad),
            ("<div class='twitter-tweet'>", Hint::Embed),
            ("<nav class='content'>", Hint::Navigation),
            ("<aside>", Hint::Sidebar),
            ("<div role='navigation'>", Hint::Navigation),
            ("<div itemprop='articleBody'>", Hint::Content),
            ("<div class='socialLinks'>", Hint::Share),
            ("<div class='article-lead'>", Hint::Lead),
        ];
        for (html, want) in table {
            assert_eq!(first_div(html), want, "{html}");
        }
    }
}
