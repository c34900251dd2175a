//! The `Article` record (SPEC B) and its parts, serialized to exactly the JSON of the parser
//! goldens, `tests/data/parse/*.expected.json`.
//!
//! Every `start`/`end` is a half-open Unicode code-point offset into the input as given (a
//! leading BOM counts), so `raw[start:end] == text` in Python. The parser works on UTF-8 byte offsets and
//! converts all of them once at the end with [`Article::map_offsets`]; any new offset field
//! must be added there.
//!
//! Enumerations serialize in snake_case (`"comments_header"`, `"header_line"`) except
//! [`Rule`], which keeps the spec's rule names (`"P6"`).

use serde::{Deserialize, Serialize};

/// Version of this schema; bumped when a field changes meaning.
pub const SCHEMA_VERSION: &str = "1.0";

/// A parsed news article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema_version: String,
    pub input: Input,
    /// `"ar"` when Arabic letters are over half the letters of the input.
    pub language: Option<String>,
    pub title: Option<Span>,
    /// The standfirst: also the first paragraph, with kind `lead`.
    pub lead: Option<Span>,
    pub authors: Vec<Author>,
    pub author_bio: Option<Span>,
    pub published: Option<DateInfo>,
    pub modified: Option<DateInfo>,
    pub dateline: Option<Dateline>,
    pub sources: Vec<Source>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    /// The page's canonical address (`<link rel="canonical">`, `og:url`; HTML input).
    #[serde(default)]
    pub canonical: Option<String>,
    /// The lead image's address (`og:image`, JSON-LD `image`; HTML input).
    #[serde(default)]
    pub image: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<Span>,
    pub description: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub captions: Vec<Span>,
    pub related: Vec<Span>,
    pub tables: Vec<Table>,
    pub comments: Vec<Comment>,
    pub boilerplate: Vec<Boilerplate>,
    /// The paragraphs' texts joined with a blank line.
    pub body_text: String,
    /// HTML input: the visible text of the page, blocks in reading order separated by a blank
    /// line (`<br>` a line break), into which every span's offsets point. `None` for plain
    /// text, whose offsets point into the input itself.
    #[serde(default)]
    pub text: Option<String>,
    pub stats: Stats,
    pub warnings: Vec<Warning>,
}

/// What was parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub format: InputFormat,
    /// Length of the input in code points, a leading BOM included.
    pub length: usize,
    pub offset_unit: OffsetUnit,
    /// Whether the input starts with a byte-order mark. The parser skips it like any space, so
    /// no span holds it, but every offset counts it.
    pub bom_stripped: bool,
    /// HTML input given as bytes: the encoding they were decoded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    Text,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    Codepoint,
}

/// A piece of the input and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub role: Role,
    /// The whole byline line the name was found on.
    pub line: Range,
    #[serde(rename = "where")]
    pub found_in: Zone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Author,
    Editor,
    Interviewer,
    Translator,
    Correspondent,
}

/// The part of the article a byline was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    Header,
    Footer,
    /// Inside the body: an interview's credits under its introduction.
    Body,
    /// Only in the page's metadata (JSON-LD, meta tags), not in its visible text: the span is
    /// empty (`start == end == 0`).
    Metadata,
}

/// A publication or modification date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// ISO 8601: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub value: String,
    pub has_time: bool,
    /// The calendar of the visible date the value comes from.
    pub calendar: Calendar,
    /// The Hijri date as `YYYY-MM-DD` when the text shows one.
    pub hijri: Option<String>,
    /// The time zone the page gives with the value (`+03:00`, `Z`); HTML metadata only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "where")]
    pub found_in: DateWhere,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateWhere {
    HeaderLine,
    FooterLine,
    /// JSON-LD `datePublished`/`dateModified` (HTML).
    JsonLd,
    /// A meta tag: `article:published_time`, `og:updated_time`, `dc.date`, ... (HTML).
    Meta,
    /// Microdata or RDFa: `itemprop="datePublished"`, `property="dc:date"` (HTML).
    Microdata,
    /// A `<time datetime>` element of the article (HTML).
    TimeElement,
}

/// `PLACE [(AGENCY)] -` opening the first paragraph, or the place of a byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub place: String,
}

/// A news agency or outlet credited by the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical agency names (`["AFP"]`); empty for an outlet.
    pub canonical: Vec<String>,
    pub kind: SourceKind,
    #[serde(rename = "where")]
    pub found_in: SourceWhere,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Agency,
    Outlet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceWhere {
    Dateline,
    SourceLine,
    Signoff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub i: usize,
    pub kind: ParagraphKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Sentence spans `[start, end]`, inside the paragraph.
    #[serde(serialize_with = "spans_as_sequences")]
    pub sentences: Vec<(usize, usize)>,
}

/// `[[start, end], ...]`: each pair as a sequence, as JSON writes it, so that every serializer
/// gives the same shape (one that turns tuples into tuples would otherwise differ).
fn spans_as_sequences<S: serde::Serializer>(spans: &[(usize, usize)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(spans.len()))?;
    for &(start, end) in spans {
        seq.serialize_element(&[start, end][..])?;
    }
    seq.end()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Lead,
    Body,
    Subheading,
    Quote,
    ListItem,
    Table,
    /// A figure's caption inside the article (HTML).
    Caption,
    /// An embedded post (tweet, Instagram) quoted in the article (HTML).
    Embed,
}

/// A table of the article (HTML input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub start: usize,
    pub end: usize,
    pub rows: Vec<Vec<String>>,
}

/// A reader comment (HTML input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub author: Option<String>,
}

/// Text that is not part of the article body, with the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: BoilerplateKind,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    Junk,
    DateLine,
    Byline,
    ReadMore,
    AlsoRead,
    Ad,
    SourceLine,
    Signoff,
    Tags,
    Share,
    CommentsHeader,
    RelatedHeader,
    Copyright,
    TrailingUnknown,
    /// A wire end mark (`// انتهى //`).
    EndMark,
    /// A permalink line (`رابط الخبر بصحيفة ...: TITLE`).
    Link,
    /// The headline printed a second time under itself.
    RepeatedTitle,
    /// Site menus (`<nav>`, menu classes) (HTML).
    Navigation,
    /// A breadcrumb trail (HTML).
    Breadcrumb,
    /// A sidebar (`<aside>`, sidebar and widget classes) (HTML).
    Sidebar,
    /// The site's header or footer (HTML).
    PageFrame,
    /// Reader comments and their forms (HTML).
    Comments,
    /// Lists of other articles: related, most read, latest (HTML).
    Related,
    /// Blocks made mostly of links (HTML).
    Links,
    /// Any other text outside the article (HTML).
    Outside,
}

/// The SPEC C2 rule that classified a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    P2,
    P3,
    P5,
    P6,
    P7,
    P9,
    /// HTML: the element says so (`<nav>`, `<aside>`, `<footer>`, a form).
    H1,
    /// HTML: the class or id of an enclosing element says so (`share`, `related`, `sidebar`).
    H2,
    /// HTML: outside the article's content block.
    H3,
    /// HTML: a block made mostly of links.
    H4,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub paragraphs: usize,
    pub sentences: usize,
    /// Whitespace-separated words of `body_text`.
    pub words: usize,
    /// Code points of `body_text`.
    pub chars: usize,
    /// Arabic letters over all letters of the input, rounded to 3 decimals.
    pub arabic_letter_ratio: f64,
}

/// Something the parser noticed but could not settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// The weekday named next to a date is not that date's weekday.
    WeekdayMismatch,
    /// `D MONTH/MONTH YYYY` names two different months.
    DualMonthMismatch,
    /// A Hijri date is more than two days away from the Gregorian date beside it.
    HijriGregorianMismatch,
    /// The only date was Hijri; its Gregorian value comes from the Umm al-Qura calendar, which
    /// can differ by a day from the local sighting a site follows.
    DateConvertedFromHijriUmmAlQura,
    /// A block after the end of the body matched no rule; kept as boilerplate.
    UnclassifiedTrailingBlock,
    /// The input has no visible character.
    EmptyInput,
    /// The input has text but no block could be kept as a paragraph.
    NoParagraphs,
    /// The input contains U+FFFD: it was decoded from bytes that were not valid text.
    ReplacementCharacters,
    /// The input has letters, but not mostly Arabic ones: the rules are written for Arabic.
    NotArabic,
    /// HTML: the page holds no article (a section front, a list of links): no body is given.
    NotAnArticle,
    /// HTML: the input does not look like HTML (no tag), or like text at all (binary bytes).
    NotHtml,
}

/// `as_str` (the value's JSON name, without going through serde) and `ALL` for enums of unit
/// variants; a test checks both against serde.
macro_rules! names {
    ($($t:ident { $($v:ident => $s:literal),* $(,)? })*) => {$(
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];

            /// The name this value has in JSON.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($t::$v => $s),*
                }
            }
        }
    )*};
}

names! {
    ParagraphKind {
        Lead => "lead", Body => "body", Subheading => "subheading", Quote => "quote",
        ListItem => "list_item", Table => "table", Caption => "caption", Embed => "embed",
    }
    Role {
        Author => "author", Editor => "editor", Interviewer => "interviewer",
        Translator => "translator", Correspondent => "correspondent",
    }
    Zone { Header => "header", Footer => "footer", Body => "body", Metadata => "metadata" }
    Calendar { Gregorian => "gregorian", Hijri => "hijri" }
    DateWhere {
        HeaderLine => "header_line", FooterLine => "footer_line", JsonLd => "json_ld",
        Meta => "meta", Microdata => "microdata", TimeElement => "time_element",
    }
    SourceKind { Agency => "agency", Outlet => "outlet" }
    SourceWhere { Dateline => "dateline", SourceLine => "source_line", Signoff => "signoff" }
    BoilerplateKind {
        Junk => "junk", DateLine => "date_line", Byline => "byline", ReadMore => "read_more",
        AlsoRead => "also_read", Ad => "ad", SourceLine => "source_line", Signoff => "signoff",
        Tags => "tags", Share => "share", CommentsHeader => "comments_header",
        RelatedHeader => "related_header", Copyright => "copyright",
        TrailingUnknown => "trailing_unknown", EndMark => "end_mark", Link => "link",
        RepeatedTitle => "repeated_title", Navigation => "navigation",
        Breadcrumb => "breadcrumb", Sidebar => "sidebar", PageFrame => "page_frame",
        Comments => "comments", Related => "related", Links => "links", Outside => "outside",
    }
    Rule {
        P2 => "P2", P3 => "P3", P5 => "P5", P6 => "P6", P7 => "P7", P9 => "P9", H1 => "H1",
        H2 => "H2", H3 => "H3", H4 => "H4",
    }
    Warning {
        WeekdayMismatch => "weekday_mismatch", DualMonthMismatch => "dual_month_mismatch",
        HijriGregorianMismatch => "hijri_gregorian_mismatch",
        DateConvertedFromHijriUmmAlQura => "date_converted_from_hijri_umm_al_qura",
        UnclassifiedTrailingBlock => "unclassified_trailing_block", EmptyInput => "empty_input",
        NoParagraphs => "no_paragraphs", ReplacementCharacters => "replacement_characters",
        NotArabic => "not_arabic", NotAnArticle => "not_an_article", NotHtml => "not_html",
    }
}

impl Article {
    /// An article with every field empty.
    pub fn empty(format: InputFormat) -> Self {
        Article {
            schema_version: SCHEMA_VERSION.to_string(),
            input: Input {
                format,
                length: 0,
                offset_unit: OffsetUnit::Codepoint,
                bom_stripped: false,
                encoding: None,
            },
            language: None,
            title: None,
            lead: None,
            authors: Vec::new(),
            author_bio: None,
            published: None,
            modified: None,
            dateline: None,
            sources: Vec::new(),
            site_name: None,
            url: None,
            canonical: None,
            image: None,
            section: None,
            tags: Vec::new(),
            description: None,
            paragraphs: Vec::new(),
            captions: Vec::new(),
            related: Vec::new(),
            tables: Vec::new(),
            comments: Vec::new(),
            boilerplate: Vec::new(),
            body_text: String::new(),
            text: None,
            stats: Stats {
                paragraphs: 0,
                sentences: 0,
                words: 0,
                chars: 0,
                arabic_letter_ratio: 0.0,
            },
            warnings: Vec::new(),
        }
    }

    /// Appends every offset of the article to `out` (the ones [`Article::map_offsets`] rewrites).
    pub fn clone_offsets_into(&self, out: &mut Vec<usize>) {
        let spans = self
            .title
            .iter()
            .chain(self.lead.iter())
            .chain(self.author_bio.iter())
            .chain(self.tags.iter())
            .chain(self.captions.iter())
            .chain(self.related.iter());
        for s in spans {
            out.extend([s.start, s.end]);
        }
        for a in &self.authors {
            out.extend([a.start, a.end, a.line.start, a.line.end]);
        }
        for d in self.published.iter().chain(self.modified.iter()) {
            out.extend([d.start, d.end]);
        }
        for d in self.dateline.iter() {
            out.extend([d.start, d.end]);
        }
        for s in &self.sources {
            out.extend([s.start, s.end]);
        }
        for p in &self.paragraphs {
            out.extend([p.start, p.end]);
            out.extend(p.sentences.iter().flat_map(|&(s, e)| [s, e]));
        }
        for t in &self.tables {
            out.extend([t.start, t.end]);
        }
        for c in &self.comments {
            out.extend([c.start, c.end]);
        }
        for b in &self.boilerplate {
            out.extend([b.start, b.end]);
        }
    }

    /// Rewrites every offset with `f` (the parser's byte offsets to code points).
    pub fn map_offsets(&mut self, f: impl Fn(usize) -> usize) {
        let span = |s: &mut Span| {
            s.start = f(s.start);
            s.end = f(s.end);
        };
        self.title
            .iter_mut()
            .chain(self.lead.iter_mut())
            .chain(self.author_bio.iter_mut())
            .for_each(span);
        self.tags
            .iter_mut()
            .chain(self.captions.iter_mut())
            .chain(self.related.iter_mut())
            .for_each(span);
        for a in &mut self.authors {
            (a.start, a.end, a.line.start, a.line.end) =
                (f(a.start), f(a.end), f(a.line.start), f(a.line.end));
        }
        for d in self.published.iter_mut().chain(self.modified.iter_mut()) {
            (d.start, d.end) = (f(d.start), f(d.end));
        }
        for d in self.dateline.iter_mut() {
            (d.start, d.end) = (f(d.start), f(d.end));
        }
        for s in &mut self.sources {
            (s.start, s.end) = (f(s.start), f(s.end));
        }
        for p in &mut self.paragraphs {
            (p.start, p.end) = (f(p.start), f(p.end));
            for s in &mut p.sentences {
                *s = (f(s.0), f(s.1));
            }
        }
        for t in &mut self.tables {
            (t.start, t.end) = (f(t.start), f(t.end));
        }
        for c in &mut self.comments {
            (c.start, c.end) = (f(c.start), f(c.end));
        }
        for b in &mut self.boilerplate {
            (b.start, b.end) = (f(b.start), f(b.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_is_the_serde_name() {
        fn check<T: Serialize + std::fmt::Debug>(all: &[T], name: impl Fn(&T) -> &'static str) {
            for v in all {
                let json = serde_json::to_value(v).unwrap_or_default();
                assert_eq!(json.as_str(), Some(name(v)), "{v:?}");
            }
        }
        check(ParagraphKind::ALL, ParagraphKind::as_str);
        check(Role::ALL, Role::as_str);
        check(Zone::ALL, Zone::as_str);
        check(Calendar::ALL, Calendar::as_str);
        check(DateWhere::ALL, DateWhere::as_str);
        check(SourceKind::ALL, SourceKind::as_str);
        check(SourceWhere::ALL, SourceWhere::as_str);
        check(BoilerplateKind::ALL, BoilerplateKind::as_str);
        check(Rule::ALL, Rule::as_str);
        check(Warning::ALL, Warning::as_str);
    }

    #[test]
    fn serializes_the_expected_names() {
        let mut a = Article::empty(InputFormat::Text);
        a.boilerplate.push(Boilerplate {
            text: "x".into(),
            start: 0,
            end: 1,
            kind: BoilerplateKind::CommentsHeader,
            rule: Rule::P6,
        });
        a.warnings.push(Warning::DateConvertedFromHijriUmmAlQura);
        let v = serde_json::to_value(&a).unwrap_or_default();
        assert_eq!(v["boilerplate"][0]["kind"], "comments_header");
        assert_eq!(v["boilerplate"][0]["rule"], "P6");
        assert_eq!(v["input"]["offset_unit"], "codepoint");
        assert_eq!(v["warnings"][0], "date_converted_from_hijri_umm_al_qura");
        let back: Article =
            serde_json::from_value(v).unwrap_or_else(|_| Article::empty(InputFormat::Html));
        assert_eq!(back, a);
    }
}
