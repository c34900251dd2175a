//! The page as a flat tree: html5ever's spec-compliant tree builder writes into an arena, and
//! the arena is flattened into a [`Dom`], a vector of nodes in document (pre-)order.
//!
//! In pre-order every subtree is a contiguous range: node `i` and its descendants are
//! `i..nodes[i].end`. Every walk in this module and its users is a loop over that vector or up
//! `parent` links; nothing recurses on the tree, so a page nested 100,000 deep cannot overflow
//! the stack.
//!
//! The tree builder's own work grows with the depth of its stack of open elements (scope checks
//! walk it), which would make a page of 100,000 unclosed `<div>`s quadratic. [`DepthGuard`]
//! sits between the tokenizer and the tree builder, as browsers do: a start tag that would nest
//! deeper than [`MAX_DEPTH`] is dropped, with its end tag, and its content goes to the element
//! at the limit. Only comments, doctypes and processing instructions are left out of the
//! flattened tree; template contents are not part of the page.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, Attribute, LocalName, QualName};

/// No element nests deeper than this (Blink's parser uses the same bound).
pub const MAX_DEPTH: usize = 512;

/// "No node" in a `parent` link.
pub const NONE: u32 = u32::MAX;

/// One node of the flattened tree.
#[derive(Debug)]
pub struct Node {
    /// The parent's index; [`NONE`] for the root.
    pub parent: u32,
    /// One past the last descendant: the subtree is `index..end`.
    pub end: u32,
    pub data: Data,
}

#[derive(Debug)]
pub enum Data {
    /// The document itself (index 0).
    Document,
    Element(Element),
    Text(String),
}

#[derive(Debug)]
pub struct Element {
    /// The local name, lower case (`div`); elements of SVG and MathML keep theirs.
    pub name: LocalName,
    pub attrs: Vec<Attribute>,
}

impl Element {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses `html` with html5ever (scripting off, as a crawler sees the page).
    pub fn parse(html: &str) -> Dom {
        let arena = typed_arena::Arena::new();
        let sink = Sink {
            arena: &arena,
            document: arena.alloc(ArenaNode::new(ArenaData::Document)),
        };
        let builder = TreeBuilder::new(
            sink,
            TreeBuilderOpts {
                scripting_enabled: false,
                ..TreeBuilderOpts::default()
            },
        );
        let guard = DepthGuard {
            inner: builder,
            open: RefCell::new(Vec::new()),
            dropped: RefCell::new(HashMap::new()),
        };
        let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        let document = tokenizer.sink.inner.sink.document;
        flatten(document)
    }

    /// The element at `i`, if it is one.
    pub fn element(&self, i: usize) -> Option<&Element> {
        match &self.nodes.get(i)?.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local name of the element at `i`.
    pub fn name(&self, i: usize) -> Option<&LocalName> {
        self.element(i).map(|e| &e.name)
    }

    /// `i`'s ancestors, nearest first (not `i` itself).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.nodes.get(i).map_or(NONE, |n| n.parent);
        std::iter::from_fn(move || {
            if at == NONE {
                return None;
            }
            let here = at as usize;
            at = self.nodes[here].parent;
            Some(here)
        })
    }

    /// Whether `inner` is `outer` or inside it.
    pub fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.nodes[outer].end as usize
    }

    /// The elements of the page with local name `name`, in document order.
    pub fn elements_named<'a>(&'a self, name: &'a LocalName) -> impl Iterator<Item = (usize, &'a Element)> + 'a {
        self.nodes.iter().enumerate().filter_map(move |(i, n)| match &n.data {
            Data::Element(e) if e.name == *name => Some((i, e)),
            _ => None,
        })
    }

    /// The text of the subtree at `i`, whitespace collapsed (for metadata: titles, JSON-LD).
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes.get(i).map_or(0, |n| n.end as usize);
        for n in self.nodes.get(i..end).into_iter().flatten() {
            if let Data::Text(t) = &n.data {
                out.push_str(t);
            }
        }
        out
    }
}

/// Flattens the arena tree under `root` into pre-order, by a loop over links.
fn flatten(root: &ArenaNode<'_>) -> Dom {
    let mut nodes: Vec<Node> = Vec::new();
    // Open ancestors of the node being visited, as indices into `nodes`.
    let mut open: Vec<u32> = Vec::new();
    let mut at: Option<&ArenaNode> = Some(root);
    while let Some(node) = at {
        let kept = match &node.data {
            ArenaData::Document => Some(Data::Document),
            ArenaData::Element { name, attrs } => Some(Data::Element(Element {
                name: name.local.clone(),
                attrs: attrs.take(),
            })),
            ArenaData::Text(t) => Some(Data::Text(t.borrow().to_string())),
            ArenaData::Other => None,
        };
        let descend = match kept {
            Some(data) => {
                let index = nodes.len() as u32;
                nodes.push(Node {
                    parent: open.last().copied().unwrap_or(NONE),
                    end: index + 1,
                    data,
                });
                open.push(index);
                true
            }
            None => false,
        };
        // Next in pre-order: the first child, else the next sibling of the nearest node that
        // has one, closing every subtree left on the way up.
        if descend {
            if let Some(child) = node.first_child.get() {
                at = Some(child);
                continue;
            }
        }
        let mut up = Some(node);
        at = None;
        let mut closing = descend;
        while let Some(n) = up {
            if closing {
                if let Some(i) = open.pop() {
                    nodes[i as usize].end = nodes.len() as u32;
                }
            }
            if std::ptr::eq(n, root) {
                break;
            }
            if let Some(next) = n.next_sibling.get() {
                at = Some(next);
                break;
            }
            up = n.parent.get();
            closing = true;
        }
    }
    while let Some(i) = open.pop() {
        nodes[i as usize].end = nodes.len() as u32;
    }
    Dom { nodes }
}

/// Keeps the tree builder's stack of open elements at most [`MAX_DEPTH`] deep.
///
/// It tracks nesting from the tokens alone: elements that close themselves implicitly (`p`,
/// `li`, table parts, void elements) are not counted, and an end tag closes the nearest open
/// element of its name among the last few. That is an estimate of the real depth, good enough
/// to bound it; the tree builder still decides the tree.
struct DepthGuard<S> {
    inner: S,
    open: RefCell<Vec<LocalName>>,
    /// Start tags dropped, per name, whose end tags must be dropped too.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

/// Elements never dropped: those that switch the tokenizer's state or hold the page's frame.
fn must_keep(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
            | local_name!("template")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("colgroup")
            | local_name!("col")
            | local_name!("select")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("frameset")
            | local_name!("frame")
            | local_name!("svg")
            | local_name!("math")
    )
}

/// Elements that do not stay open on the stack (void), or that close themselves implicitly:
/// the guard does not count them.
fn not_counted(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
    )
}

/// How far down the guard's stack an end tag looks for its start tag.
const END_TAG_REACH: usize = 64;

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if let Token::TagToken(Tag {
            kind, name, self_closing, ..
        }) = &token
        {
            if !not_counted(name) {
                let mut open = self.open.borrow_mut();
                match kind {
                    TagKind::StartTag if !*self_closing => {
                        if open.len() >= MAX_DEPTH && !must_keep(name) {
                            *self.dropped.borrow_mut().entry(name.clone()).or_default() += 1;
                            return TokenSinkResult::Continue;
                        }
                        open.push(name.clone());
                    }
                    TagKind::EndTag => {
                        let mut dropped = self.dropped.borrow_mut();
                        if let Some(n) = dropped.get_mut(name).filter(|n| **n > 0) {
                            *n -= 1;
                            return TokenSinkResult::Continue;
                        }
                        let reach = open.len().saturating_sub(END_TAG_REACH);
                        if let Some(k) = open[reach..].iter().rposition(|n| n == name) {
                            open.truncate(reach + k);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

// --- the arena the tree builder writes into ------------------------------------------------

type Link<'a> = Cell<Option<&'a ArenaNode<'a>>>;

struct ArenaNode<'a> {
    parent: Link<'a>,
    next_sibling: Link<'a>,
    previous_sibling: Link<'a>,
    first_child: Link<'a>,
    last_child: Link<'a>,
    data: ArenaData,
}

enum ArenaData {
    Document,
    Element {
        name: QualName,
        attrs: RefCell<Vec<Attribute>>,
    },
    Text(RefCell<StrTendril>),
    /// Comments, doctypes, processing instructions, template contents.
    Other,
}

impl<'a> ArenaNode<'a> {
    fn new(data: ArenaData) -> Self {
        ArenaNode {
            parent: Cell::new(None),
            next_sibling: Cell::new(None),
            previous_sibling: Cell::new(None),
            first_child: Cell::new(None),
            last_child: Cell::new(None),
            data,
        }
    }

    fn detach(&self) {
        let parent = self.parent.take();
        let previous = self.previous_sibling.take();
        let next = self.next_sibling.take();
        match next {
            Some(n) => n.previous_sibling.set(previous),
            None => {
                if let Some(p) = parent {
                    p.last_child.set(previous);
                }
            }
        }
        match previous {
            Some(p) => p.next_sibling.set(next),
            None => {
                if let Some(p) = parent {
                    p.first_child.set(next);
                }
            }
        }
    }

    fn append(&'a self, child: &'a Self) {
        child.detach();
        child.parent.set(Some(self));
        match self.last_child.take() {
            Some(last) => {
                child.previous_sibling.set(Some(last));
                last.next_sibling.set(Some(child));
            }
            None => self.first_child.set(Some(child)),
        }
        self.last_child.set(Some(child));
    }

    fn insert_before(&'a self, sibling: &'a Self) {
        sibling.detach();
        sibling.parent.set(self.parent.get());
        sibling.next_sibling.set(Some(self));
        match self.previous_sibling.take() {
            Some(previous) => {
                sibling.previous_sibling.set(Some(previous));
                previous.next_sibling.set(Some(sibling));
            }
            None => {
                if let Some(parent) = self.parent.get() {
                    parent.first_child.set(Some(sibling));
                }
            }
        }
        self.previous_sibling.set(Some(sibling));
    }
}

struct Sink<'a> {
    arena: &'a typed_arena::Arena<ArenaNode<'a>>,
    document: &'a ArenaNode<'a>,
}

impl<'a> Sink<'a> {
    fn new_node(&self, data: ArenaData) -> &'a ArenaNode<'a> {
        self.arena.alloc(ArenaNode::new(data))
    }

    /// The node to insert for `child`, or `None` when its text was merged into `previous`.
    fn node_for(
        &self,
        child: NodeOrText<&'a ArenaNode<'a>>,
        previous: Option<&'a ArenaNode<'a>>,
    ) -> Option<&'a ArenaNode<'a>> {
        match child {
            NodeOrText::AppendNode(n) => Some(n),
            NodeOrText::AppendText(text) => {
                if let Some(ArenaData::Text(t)) = previous.map(|p| &p.data) {
                    t.borrow_mut().push_tendril(&text);
                    return None;
                }
                Some(self.new_node(ArenaData::Text(RefCell::new(text))))
            }
        }
    }
}

/// An element name for the tree builder; every node it asks about is an element.
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, html5ever::ns!(html), local_name!("div")));

impl<'a> TreeSink for Sink<'a> {
    type Handle = &'a ArenaNode<'a>;
    type Output = &'a ArenaNode<'a>;
    type ElemName<'b>
        = &'b QualName
    where
        Self: 'b;

    fn finish(self) -> Self::Output {
        self.document
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Self::Handle {
        self.document
    }

    fn elem_name<'b>(&'b self, target: &'b Self::Handle) -> &'b QualName {
        match &target.data {
            ArenaData::Element { name, .. } => name,
            _ => &NO_NAME,
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Self::Handle {
        self.new_node(ArenaData::Element {
            name,
            attrs: RefCell::new(attrs),
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Self::Handle {
        self.new_node(ArenaData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Self::Handle {
        self.new_node(ArenaData::Other)
    }

    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        if let Some(n) = self.node_for(child, parent.last_child.get()) {
            parent.append(n);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        if element.parent.get().is_some() {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, _target: &Self::Handle) -> Self::Handle {
        // Template contents are not part of the visible page: a detached node.
        self.new_node(ArenaData::Other)
    }

    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        std::ptr::eq(*x, *y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Self::Handle, child: NodeOrText<Self::Handle>) {
        if let Some(n) = self.node_for(child, sibling.previous_sibling.get()) {
            sibling.insert_before(n);
        }
    }

    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        if let ArenaData::Element { attrs: existing, .. } = &target.data {
            let mut existing = existing.borrow_mut();
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Self::Handle) {
        target.detach()
    }

    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        let mut next = node.first_child.get();
        while let Some(child) = next {
            next = child.next_sibling.get();
            new_parent.append(child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        dom.nodes
            .iter()
            .map(|n| match &n.data {
                Data::Document => "#doc".to_string(),
                Data::Element(e) => e.name.to_string(),
                Data::Text(t) => format!("'{t}'"),
            })
            .collect()
    }

    #[test]
    fn flattens_in_document_order_with_subtree_ends() {
        let dom = Dom::parse("<p>a<b>b</b>c</p><!-- x --><div>d</div>");
        assert_eq!(
            names(&dom),
            ["#doc", "html", "head", "body", "p", "'a'", "b", "'b'", "'c'", "div", "'d'"]
        );
        let p = 4;
        assert_eq!(dom.nodes[p].end, 9);
        assert_eq!(dom.nodes[0].end as usize, dom.nodes.len());
        assert_eq!(dom.ancestors(7).collect::<Vec<_>>(), [6, 4, 3, 1, 0]);
        assert_eq!(dom.text_of(p), "abc");
    }

    #[test]
    fn misnested_tags_follow_the_spec() {
        // The adoption agency: <b> is closed and reopened around the paragraph break.
        let dom = Dom::parse("<b>1<p>2</b>3</p>");
        assert_eq!(
            names(&dom),
            ["#doc", "html", "head", "body", "b", "'1'", "p", "b", "'2'", "'3'"]
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let n = 100_000;
        let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let start = std::time::Instant::now();
        let dom = Dom::parse(&html);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
        let text = dom.nodes.iter().position(|n| matches!(&n.data, Data::Text(t) if t == "x"));
        let depth = text.map_or(0, |t| dom.ancestors(t).count());
        assert!(depth <= MAX_DEPTH + 4, "depth {depth}");
        drop(dom);
    }
}
