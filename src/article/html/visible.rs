//! The visible text of a page, in reading order, cut into blocks.
//!
//! One loop over the flattened tree ([`super::dom`]) writes the text of `<body>` as a browser
//! lays it out for reading: runs of HTML white space collapse to one space; every block-level
//! element (`p`, `div`, `li`, `td`, headings ...) starts a new block; blocks are separated by a
//! blank line. A `<br>` inside a paragraph-like element (`p`, `li`, headings, captions) is a
//! line break within its block; elsewhere (a `<div>` or `<td>` holding text and `<br>`s, as old
//! sites write articles) it ends the block. Scripts, styles, forms' controls, embedded objects
//! and hidden elements (`hidden`, `display:none`, `aria-hidden`) are not text. A `<form>`
//! itself is kept: whole sites sit inside one.
//!
//! A table of data (rows of short cells, no block content in them) is one block, its cells
//! joined by tabs and its rows by line breaks, and its rows are kept; any other table is layout,
//! and its cells are blocks like `<div>`s.
//!
//! Each block remembers the element it sits in and how much of it is link text, for the
//! content scoring of [`super::content`].

use html5ever::{local_name, LocalName};

use super::dom::{Data, Dom, Element};

/// One block of the visible text.
#[derive(Debug, Clone)]
pub struct HtmlBlock {
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    /// The nearest block-level element around the block.
    pub node: usize,
    /// Bytes of the block inside `<a href>`.
    pub link_bytes: usize,
    /// Index into [`Visible::tables`] for a data table.
    pub table: Option<usize>,
}

/// A page's visible text and its blocks.
#[derive(Debug, Default)]
pub struct Visible {
    pub text: String,
    pub blocks: Vec<HtmlBlock>,
    /// The rows of each data table (cells' texts).
    pub tables: Vec<Vec<Vec<String>>>,
}

/// Elements whose content is not text a reader sees.
pub fn is_skipped(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("head")
            | local_name!("title")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("select")
            | local_name!("button")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("map")
            | local_name!("datalist")
            | local_name!("meta")
            | local_name!("link")
    )
}

/// Elements that start and end a block.
pub fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("legend")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("caption")
            | local_name!("ul")
    )
}

/// Paragraph-like elements: a `<br>` inside one is a line break, not a new block.
fn breaks_lines(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("figcaption")
            | local_name!("caption")
            | local_name!("blockquote")
            | local_name!("pre")
    )
}

/// Whether `e` is hidden from readers.
pub fn is_hidden(e: &Element) -> bool {
    const HIDDEN: [&str; 8] =
        ["d-none", "hidden", "hide", "hideme", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"];
    // One look at each attribute, its name compared as an atom.
    e.attrs.iter().any(|a| {
        let v = &*a.value;
        match a.name.local {
            local_name!("hidden") => true,
            local_name!("aria-hidden") => v.trim() == "true",
            local_name!("class") => v.split_ascii_whitespace().any(|t| HIDDEN.iter().any(|h| t.eq_ignore_ascii_case(h))),
            local_name!("style") => {
                let s = v.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                s.contains("display:none") || s.contains("visibility:hidden")
            }
            _ => false,
        }
    })
}

/// Whether HTML treats the byte `b` as white space between words.
fn is_html_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The visible text of `dom` and its blocks.
pub fn visible(dom: &Dom) -> Visible {
    let mut w = Writer::default();
    // Open elements around the node being visited: (end of subtree, is a block, is a link).
    let mut open: Vec<(usize, bool, bool)> = Vec::new();
    // The open block-level elements, innermost last, and how many links are open.
    let mut blocks: Vec<usize> = Vec::new();
    let mut links = 0usize;
    let mut i = 0;
    let n = dom.nodes.len();
    while i < n {
        while let Some(&(end, block, link)) = open.last() {
            if end > i {
                break;
            }
            open.pop();
            if block {
                blocks.pop();
                w.end_block();
            }
            links -= usize::from(link);
        }
        let node = &dom.nodes[i];
        match &node.data {
            Data::Document => {}
            Data::Text(t) => w.text(t, blocks.last().copied().unwrap_or(0), links > 0),
            Data::Element(e) => {
                let end = node.end as usize;
                if is_skipped(&e.name) || is_hidden(e) {
                    i = end;
                    continue;
                }
                let block = is_block(&e.name);
                if e.name == local_name!("br") {
                    if blocks.last().is_some_and(|&x| dom.name(x).is_some_and(breaks_lines)) {
                        w.line_break();
                    } else {
                        w.end_block();
                    }
                } else if e.name == local_name!("table") && is_data_table(dom, i) {
                    w.end_block();
                    w.table(dom, i);
                    i = end;
                    continue;
                } else if block {
                    w.end_block();
                    blocks.push(i);
                }
                let link = e.name == local_name!("a") && e.attr("href").is_some();
                links += usize::from(link);
                open.push((end, block, link));
            }
        }
        i += 1;
    }
    w.end_block();
    Visible { text: w.text, blocks: w.blocks, tables: w.tables }
}

/// A table of data: at least two rows, a row with two cells, no nested table or block content
/// in the cells other than line breaks and paragraphs, and cells of at most 200 characters.
fn is_data_table(dom: &Dom, table: usize) -> bool {
    let end = dom.nodes[table].end as usize;
    let (mut rows, mut widest, mut cells_in_row) = (0, 0, 0);
    for k in table + 1..end {
        match &dom.nodes[k].data {
            Data::Element(e) => match e.name {
                local_name!("tr") => {
                    rows += 1;
                    cells_in_row = 0;
                }
                local_name!("td") | local_name!("th") => {
                    cells_in_row += 1;
                    widest = widest.max(cells_in_row);
                    if dom.text_of(k).chars().count() > 200 {
                        return false;
                    }
                }
                local_name!("table") | local_name!("div") | local_name!("ul") | local_name!("ol")
                | local_name!("h1") | local_name!("h2") | local_name!("h3") | local_name!("img") => return false,
                _ => {}
            },
            _ => {}
        }
    }
    rows >= 2 && widest >= 2
}

/// Builds the text and its blocks.
#[derive(Default)]
struct Writer {
    text: String,
    blocks: Vec<HtmlBlock>,
    tables: Vec<Vec<Vec<String>>>,
    /// The block being written: its start, container and link bytes.
    open: Option<(usize, usize, usize)>,
    pending_space: bool,
}

impl Writer {
    fn start(&mut self, container: usize) {
        if self.open.is_none() {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.open = Some((self.text.len(), container, 0));
            self.pending_space = false;
        }
    }

    /// Append the text node `t`: each run of characters between HTML white space is written
    /// in one piece, after one space when white space came before it inside the line.
    fn text(&mut self, t: &str, container: usize, link: bool) {
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if is_html_space_byte(b[i]) {
                self.pending_space = true;
                i += 1;
                continue;
            }
            let from = i;
            while i < b.len() && !is_html_space_byte(b[i]) {
                i += 1;
            }
            self.start(container);
            let at_line_start = self.text.ends_with('\n') || self.open.is_some_and(|(s, _, _)| s == self.text.len());
            if std::mem::take(&mut self.pending_space) && !at_line_start {
                self.text.push(' ');
            }
            // HTML white space is ASCII, so `from..i` are character boundaries.
            self.text.push_str(&t[from..i]);
            if link {
                if let Some((_, _, l)) = self.open.as_mut() {
                    *l += i - from;
                }
            }
        }
    }

    fn line_break(&mut self) {
        if let Some((s, _, _)) = self.open {
            if self.text.len() > s && !self.text.ends_with('\n') {
                self.text.push('\n');
            }
        }
        self.pending_space = false;
    }

    fn end_block(&mut self) {
        self.pending_space = false;
        let Some((start, node, link_bytes)) = self.open.take() else {
            return;
        };
        // Trim the block: line breaks and spaces (NBSP included) at its end.
        let kept = self.text[start..].trim_end_matches(|c: char| c == '\n' || crate::text::is_space(c)).len();
        self.text.truncate(start + kept);
        let body = &self.text[start..];
        let lead = body.len() - body.trim_start_matches(crate::text::is_space).len();
        if kept == lead {
            // Nothing visible: take the block and its separator back.
            self.text.truncate(start);
            if self.text.ends_with("\n\n") {
                self.text.truncate(start - 2);
            }
            return;
        }
        self.blocks.push(HtmlBlock { start: start + lead, end: start + kept, node, link_bytes: link_bytes.min(kept), table: None });
    }

    /// A data table as one block: cells joined by tabs, rows by line breaks.
    fn table(&mut self, dom: &Dom, table: usize) {
        let end = dom.nodes[table].end as usize;
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut k = table + 1;
        while k < end {
            match dom.name(k) {
                Some(&local_name!("tr")) => rows.push(Vec::new()),
                Some(&local_name!("td")) | Some(&local_name!("th")) => {
                    let cell = collapse(&dom.text_of(k));
                    match rows.last_mut() {
                        Some(r) => r.push(cell),
                        None => rows.push(vec![cell]),
                    }
                    k = dom.nodes[k].end as usize;
                    continue;
                }
                _ => {}
            }
            k += 1;
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        if rows.is_empty() {
            return;
        }
        let joined = rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n");
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&joined);
        self.blocks.push(HtmlBlock { start, end: self.text.len(), node: table, link_bytes: 0, table: Some(self.tables.len()) });
        self.tables.push(rows);
    }
}

/// `s` with HTML white space collapsed and trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_ascii() && is_html_space_byte(c as u8)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_matches(crate::text::is_space).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> (String, Vec<String>) {
        let v = visible(&Dom::parse(html));
        let b = v.blocks.iter().map(|b| v.text[b.start..b.end].to_string()).collect();
        (v.text, b)
    }

    #[test]
    fn blocks_lines_and_spaces() {
        let (text, b) = blocks(
            "<html><head><title>t</title><style>p{}</style></head><body><h1> عنوان \n الخبر</h1>\
             <script>var x='<p>';</script><p>الفقرة&nbsp;الأولى &amp; <b>المزيد</b></p>\
             <p>سطر<br>ثان</p><div>أ<br>ب<br><br>ج</div><div hidden>خفي</div>\
             <div style='display: none'>خفي</div><form><p>داخل</p><input value='x'></form></body></html>",
        );
        assert_eq!(b, ["عنوان الخبر", "الفقرة\u{a0}الأولى & المزيد", "سطر\nثان", "أ", "ب", "ج", "داخل"]);
        assert_eq!(text, b.join("\n\n"));
    }

    #[test]
    fn data_tables_are_one_block_layout_tables_are_not() {
        let v = visible(&Dom::parse(
            "<table><tr><th>أ</th><th>ب</th></tr><tr><td>1</td><td>2</td></tr></table>\
             <table><tr><td><p>نص طويل</p><div>آخر</div></td><td>x</td></tr></table>",
        ));
        let b: Vec<&str> = v.blocks.iter().map(|b| &v.text[b.start..b.end]).collect();
        assert_eq!(b, ["أ\tب\n1\t2", "نص طويل", "آخر", "x"]);
        assert_eq!(v.tables, [vec![vec!["أ", "ب"], vec!["1", "2"]]]);
        assert_eq!(v.blocks[0].table, Some(0));
    }

    #[test]
    fn link_text_is_counted() {
        let v = visible(&Dom::parse("<p>نص <a href='/x'>رابط</a></p><p><a name='x'>لا</a></p>"));
        assert_eq!(v.blocks[0].link_bytes, "رابط".len());
        assert_eq!(v.blocks[1].link_bytes, 0);
    }
}
