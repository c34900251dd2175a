//! Blocks of plain text (rule P1) and the tests that classify one block on its own: bylines,
//! inline boilerplate, datelines, sign-offs and agency names.
//!
//! A block is one non-blank line, trimmed of spaces; a line of NBSP only is blank, so it
//! separates blocks like an empty line. Lines end at LF, CR, CRLF, U+2028 and U+2029. Each block
//! carries its matching key ([`super::keys`]), computed once, and its length in code points
//! (the spec's limits are in characters). The rules that need the blocks around a block live in
//! [`super::plain`].

use std::sync::LazyLock;

use regex::Regex;

use super::keys::{key, Key};
use super::lexicon::{captures, dash, first_word, regex, HYPHENS, LEXICON};
use super::schema::Role;
use crate::text::{is_space, pattern, TATWEEL};

/// One non-blank line of the input.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// Byte offsets of the trimmed line in the input.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The matching key of `text`. For a block over [`FULL_KEY_BYTES`], only the keys of its
    /// head and tail, joined by ` … `: every line pattern looks at a line's start or its end,
    /// or needs a short line; code that maps key offsets back to the text builds a full
    /// [`Key`] instead.
    pub key: String,
    /// Code points in `text` and in `key` (for a shortened key, the code points of `text`: an
    /// upper bound, compared with limits far below it).
    pub chars: usize,
    pub key_chars: usize,
    /// Whether the key starts with the first word of an anchored line pattern
    /// ([`super::lexicon::Lexicon::line_starts`]); only then can those patterns match.
    pub opener: bool,
}

impl<'a> Block<'a> {
    /// The block of `src[start..end]` trimmed of spaces; `None` when nothing is left.
    pub fn new(src: &'a str, start: usize, end: usize) -> Option<Block<'a>> {
        let line = src.get(start..end)?;
        let text = line.trim_matches(is_space);
        if text.is_empty() {
            return None;
        }
        let start = start + (line.len() - line.trim_start_matches(is_space).len());
        let chars = text.chars().count();
        let (key, key_chars) = if text.len() > FULL_KEY_BYTES {
            let head = &text[..text.floor_char_boundary(KEY_HEAD_BYTES)];
            let tail = &text[text.ceil_char_boundary(text.len() - KEY_TAIL_BYTES)..];
            (format!("{} … {}", key(head), key(tail)), chars)
        } else {
            let k = key(text);
            let n = k.chars().count();
            (k, n)
        };
        let opener = LEXICON.line_starts.contains(first_word(&key));
        Some(Block {
            start,
            end: start + text.len(),
            text,
            chars,
            key,
            key_chars,
            opener,
        })
    }

    /// Whether the block has no letter or digit at all (`.`, `***`, `«»`).
    pub fn is_punctuation_only(&self) -> bool {
        !self.text.chars().any(char::is_alphanumeric)
    }
}

/// Blocks up to this many bytes get their whole key; longer ones the keys of their first
/// [`KEY_HEAD_BYTES`] and last [`KEY_TAIL_BYTES`] (see [`Block::key`]).
pub const FULL_KEY_BYTES: usize = 1024;
/// The head and tail a long block keeps in its key (also the windows in which
/// [`super::inline`] looks for what sits at a line's start or end).
pub const KEY_HEAD_BYTES: usize = 400;
pub const KEY_TAIL_BYTES: usize = 400;

/// Splits `src` into blocks (P1), computing each block's key once.
pub fn blocks(src: &str) -> Vec<Block<'_>> {
    let mut out = Vec::with_capacity(src.len() / 256 + 8);
    let mut line_start = 0;
    for (line_end, next) in line_breaks(src).chain(std::iter::once((src.len(), src.len()))) {
        out.extend(Block::new(src, line_start, line_end));
        line_start = next;
    }
    out
}

/// `(start, end)` of every line break of `src`
/// ([`crate::text::is_line_break`]): LF, CR (a CRLF is two
/// breaks, the line between them blank), U+2028 and U+2029. A scan over bytes: the two
/// separators are the only line breaks outside ASCII, both `E2 80 A8|A9` in UTF-8.
fn line_breaks(src: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = src.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' | b'\r' => Some((i, i + 1)),
        0xe2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])) => Some((i, i + 3)),
        _ => None,
    })
}

/// A byline found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    /// Byte offset in the block where the name starts; it runs to the block's end.
    pub name_start: usize,
    pub role: Role,
    /// Byte span in the block of the place before the byline (`بيروت - كتبت: ...`).
    pub place: Option<(usize, usize)>,
}

/// The longest line that can be a byline, in characters.
const MAX_BYLINE_CHARS: usize = 80;
/// The most words a byline name may have.
const MAX_NAME_WORDS: usize = 6;

/// A byline: `Written by NAME`, `By NAME`, or `[PLACE -] كتب: NAME` with any prefix of the
/// lexicon; the name has at most six words and a letter; the line has at most 80 characters.
/// A prefix that is also a verb (`كتب`) takes a name with a number only after a colon
/// (`كتب: فرانس 24`, not `كتب 3 مقالات`); `تقرير` and `متابعة` need the colon in any case.
pub fn match_byline(block: &Block) -> Option<Byline> {
    if block.chars > MAX_BYLINE_CHARS || !has_byline_word(&block.key) {
        return None;
    }
    let lex = &*LEXICON;
    // `labelled`: the prefix is unmistakably a byline label (`By`, `كتب:`), so the name may
    // hold a number (`فرانس 24`); after a bare `كتب` a number means a sentence (`كتب 3 مقالات`).
    let (caps, role, labelled) = match captures(&lex.byline_latin, &block.key) {
        Some(c) => (c, Role::Author, true),
        None => {
            let c = captures(&lex.byline_arabic, &block.key)?;
            let prefix = c.name("role").map_or("", |r| r.as_str());
            let role = lex.roles.get(prefix).copied().unwrap_or(Role::Author);
            let colon = c
                .name("sep")
                .is_some_and(|s| matches!(s.as_str(), ":" | "："));
            if !colon && lex.byline_needs_colon.contains(prefix) {
                return None;
            }
            let labelled = colon || !lex.byline_verbs.contains(prefix);
            (c, role, labelled)
        }
    };
    let name = caps.name("name")?;
    // Bounds the patterns leave to code (bounded repetitions make regexes slow): a name of 2 to
    // 60 characters, a place of 2 to 25.
    let name_chars = name.as_str().chars().count();
    let place_chars = caps.name("place").map_or(2, |p| p.as_str().chars().count());
    if !(2..=60).contains(&name_chars) || !(2..=25).contains(&place_chars) {
        return None;
    }
    if name.as_str().split_whitespace().count() > MAX_NAME_WORDS
        || !name.as_str().chars().any(char::is_alphabetic)
        || (!labelled && name.as_str().chars().any(char::is_numeric))
    {
        return None;
    }
    let k = Key::new(block.text);
    let place = caps
        .name("place")
        .map(|p| (k.raw_start(p.start()), k.raw_end(p.end())));
    Some(Byline {
        name_start: k.raw_start(name.start()),
        role,
        place,
    })
}

/// A share/follow line (P5, P6): a share phrase followed by nothing but share words and
/// social network names (`شارك هذا المقال`, `تابعونا على فيسبوك وتويتر`). A sentence that opens
/// with the same verb (`شارك في الاجتماع وزراء`) is not one.
pub fn is_share_line(block: &Block) -> bool {
    if block.key_chars >= 80 || !block.opener {
        return false;
    }
    let lex = &*LEXICON;
    let Some(m) = lex.share.find(&block.key) else {
        return false;
    };
    let known = |w: &str| lex.share_words.contains(w);
    block.key[m.end()..]
        .split(|c: char| c == ' ' || ":：،,|/-".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| known(w) || w.strip_prefix('و').is_some_and(known))
}

/// A comments prompt or header (P5, P6): a comments phrase on a short line with no final
/// punctuation (`أضف تعليقك`, `التعليقات (3)`), not a sentence about comments.
pub fn is_comments_line(block: &Block) -> bool {
    block.opener
        && block.key_chars <= 40
        && !block.text.ends_with(['.', '!', '?', '؟', '…'])
        && LEXICON.comments.is_match(&block.key)
}

/// Whether one of the first words of `key`, or two of them together, is a byline prefix: the
/// byline patterns need one, after at most a short place.
fn has_byline_word(key: &str) -> bool {
    LEXICON
        .byline_word
        .is_match(&key[..key.floor_char_boundary(160)])
}

/// Boilerplate that can sit between body paragraphs (P7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineKind {
    AlsoRead,
    Ad,
    Caption,
    SourceLine,
    /// A line holding only `(AGENCY)`.
    Signoff,
}

/// What a body block is, when it is not a paragraph.
pub fn inline_kind(block: &Block) -> Option<InlineKind> {
    let lex = &*LEXICON;
    if block.opener && lex.also_read.is_match(&block.key) {
        Some(InlineKind::AlsoRead)
    } else if block.opener && lex.ad.is_match(&block.key) {
        Some(InlineKind::Ad)
    } else if block.chars <= 200 && lex.caption.is_match(&block.key) {
        Some(InlineKind::Caption)
    } else if block.opener && block.key_chars <= 80 && lex.source_line.is_match(&block.key) {
        Some(InlineKind::SourceLine)
    } else if block.chars <= 40 && block.text.starts_with('(') && agencies_of(block.text).is_some()
    {
        Some(InlineKind::Signoff)
    } else {
        None
    }
}

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

/// A dateline opening a paragraph (P8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineMatch {
    /// Byte end of the dateline text (trailing spaces excluded).
    pub text_end: usize,
    /// Byte offset where the paragraph text resumes.
    pub body_start: usize,
    /// The place; empty for a bare `(CNN) --`.
    pub place: (usize, usize),
    /// `(AGENCY)`, `«OUTLET»` or a known outlet part inside the dateline.
    pub agency: Option<(usize, usize)>,
    /// Whether the dateline names its agency or outlet: a form no sentence opens with.
    pub credited: bool,
}

/// An Arabic word of a place or name, marks allowed (`عمّان`), as a regex.
fn word() -> String {
    format!("[{}]+", pattern::arabic_word())
}

/// A dateline at the start of `text`, followed by more text:
///
/// - `PLACE[، COUNTRY] [(AGENCY)] -|–|--|ـ|: [«OUTLET»|(AGENCY) [:|-]]`, PLACE one to three
///   words, COUNTRY up to four (`دبي، الإمارات العربية المتحدة (CNN) --`);
/// - `(AGENCY) --` alone (`(CNN)-- قال ...`);
/// - a credit of up to three dash-separated parts ending in a colon, one of them a known agency
///   or outlet: `NAME- سبق- PLACE:`, `واس- الرياض:`, `الرياض - الوئام :`; the place is the last
///   part that is not an agency or outlet.
///
/// PLACE never starts with a verb or connective such as `قال`. A tatweel is a dash only after a
/// space: right after a letter it is elongation (`هـ`). `PLACE -` with no agency is refused when
/// another dash follows within a few words: that is an aside (`فجرت كوريا الشمالية - كما يبدو -`).
pub fn match_dateline(text: &str) -> Option<DatelineMatch> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        let (word, dash) = (word(), dash());
        let (bidi, digit, tatweel) = (pattern::bidi_control(), pattern::digit(), pattern::tatweel());
        regex(&format!(
            r"^[{bidi}]*(?:(?P<place>{word}(?:\s+{word})*(?:\s*[،,]\s*{word}(?:\s+{word})*)?)(?P<date>\s+[{digit}]{{1,2}}\s+{word}(?:\s*/?\s*{word})?)?(?:\s*[،,]?\s*\((?P<ag1>[^()]+)\))?|\((?P<ag0>[^()]+)\))(?P<sep>\s*\.?\s*(?:[{HYPHENS}]+\s*)+|\s*:|\s*[{tatweel}]+\s)?\s*(?:(?:«(?P<ag2>[^»]+)»|\((?P<ag3>[^()]+)\))\s*[:{dash}]?\s*)?"
        ))
    });
    static MORE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
        let (word, tatweel) = (word(), pattern::tatweel());
        let part = format!(r"{word}(?:\s+{word}){{0,2}}(?:\s*\([^()]{{1,30}}\))?");
        regex(&format!(
            r"^(?P<rest>{part}(?:\s*(?:[{HYPHENS}]+|[{tatweel}]+)\s*{part}){{0,3}})\s*[{HYPHENS}]?\s*:\s*"
        ))
    });
    // Every form has a separator or parentheses within its first hundred bytes or so; most
    // paragraphs have none there, and skip the regex.
    let head = &text[..text.floor_char_boundary(240)];
    let Some(first_sep) = head.find(['-', '–', '—', '‐', '‑', '‒', '―', ':', '(', 'ـ'])
    else {
        return None;
    };
    // ... after at most a place (five words), a country (four) and a date (three).
    if head[..first_sep].split_whitespace().count() > 12 {
        return None;
    }
    // The regex engines' cost grows with the haystack; a dateline sits in the first few hundred
    // bytes, so they only see those (`body_start < text.len()` is checked on the whole text).
    let text_all = text;
    let text = &text[..text.floor_char_boundary(400)];
    let m = captures(&DATELINE, text)?;
    let all = m.get(0)?;
    // The regex repeats freely (bounded repetitions of Unicode classes make it too large to
    // run fast); the bounds are checked here: a place of five words at most, a country of
    // four, an agency of thirty characters.
    if let Some(p) = m.name("place") {
        let mut halves = p.as_str().splitn(2, ['،', ',']);
        let words = |s: Option<&str>| s.map_or(0, |s| s.split_whitespace().count());
        if words(halves.next()) > 5 || words(halves.next()) > 4 {
            return None;
        }
    }
    let too_long = |g: &str| m.name(g).is_some_and(|a| a.as_str().chars().count() > 30);
    if ["ag0", "ag1", "ag2", "ag3"].into_iter().any(too_long) {
        return None;
    }
    let mut body_start = all.end();
    let mut place = m.name("place").map_or((0, 0), |p| (p.start(), p.end()));
    if let Some(p) = m.name("place") {
        let first_word = key(p.as_str());
        let first_word = first_word.split(' ').next().unwrap_or_default();
        let not_place = |w: &str| LEXICON.not_places.contains(w) || LEXICON.roles.contains_key(w);
        let bare = first_word.strip_prefix(['و', 'ف']).unwrap_or(first_word);
        if not_place(first_word) || not_place(bare) {
            return None;
        }
    }
    let named = |a: regex::Match| {
        let name = a.as_str().trim_matches(is_space);
        let start = a.start() + (a.as_str().len() - a.as_str().trim_start_matches(is_space).len());
        name.chars()
            .any(|c| c.is_alphabetic() && c != TATWEEL)
            .then_some((start, start + name.len()))
    };
    let mut agency = m
        .name("ag1")
        .or_else(|| m.name("ag0"))
        .or_else(|| m.name("ag2"))
        .or_else(|| m.name("ag3"))
        .and_then(named);
    // Credited: the parentheses hold a known agency or outlet (not `(32 عاما)`), or
    // guillemets hold an outlet after the dash (`لندن ـ «القدس العربي»:`).
    let known =
        |(s, e): (usize, usize)| is_agency_like(&text[s..e]) || is_outlet_or_agency(&text[s..e]);
    let mut credited = m.name("ag2").is_some() && agency.is_some() || agency.is_some_and(known);
    if m.name("ag0").is_some() && !credited {
        return None;
    }
    // Without a separator only a credit can end the dateline, after a short place:
    // `أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى ...`, not `وجهت هيئة الإذاعة البريطانية
    // (بي بي سي) نداء`.
    let place_words = m.name("place").map_or(0, |p| {
        p.as_str()
            .split(['،', ','])
            .next()
            .map_or(0, |w| w.split_whitespace().count())
    });
    // It must be a wire agency or a Latin acronym, not an outlet any sentence may name
    // (`مُنعت مراسلة لشبكة (سي إن إن) ...`).
    let wire = |g: &str| {
        m.name(g)
            .is_some_and(|a| is_agency_like(a.as_str().trim_matches(is_space)))
    };
    if m.name("sep").is_none() && !((wire("ag1") || wire("ag0")) && place_words <= 3) {
        return None;
    }
    // A tatweel glued to a word separates only after a word of three letters or more: `لـ`
    // and `بـ` are prepositions (`وفقا لـ أنتوني`).
    if let (Some(sep), Some(p)) = (m.name("sep"), m.name("place")) {
        let glued = sep.as_str().starts_with(TATWEEL);
        let last_word = p.as_str().split_whitespace().last().unwrap_or_default();
        if glued && last_word.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
    }
    // `PLACE DAY MONTH (AGENCY) -` is Reuters' form; without the agency a date is no dateline.
    if m.name("date").is_some() && m.name("ag1").is_none() {
        return None;
    }
    let dash_sep = m
        .name("sep")
        .is_some_and(|s| !s.as_str().trim_matches(is_space).starts_with(':'));
    if !credited && dash_sep && m.name("place").is_some() {
        if let Some(rest) = captures(&MORE_PARTS, &text[body_start..]).and_then(|c| c.name("rest"))
        {
            let mut parts = vec![place];
            let base = body_start + rest.start();
            for piece in rest
                .as_str()
                .split(|c: char| HYPHEN_CHARS.contains(&c) || c == TATWEEL)
            {
                let name = piece.trim_matches(is_space);
                if !name.is_empty() {
                    let s = base + offset_of(rest.as_str(), name);
                    parts.push((s, s + name.len()));
                }
            }
            let is_credit = |&(s, e): &(usize, usize)| is_outlet_or_agency(&text[s..e]);
            if let Some(&outlet) = parts.iter().find(|p| is_credit(p)) {
                agency = Some(outlet);
                credited = true;
                place = parts
                    .iter()
                    .rev()
                    .find(|p| !is_credit(p))
                    .copied()
                    .unwrap_or((0, 0));
                body_start += MORE_PARTS.find(&text[body_start..]).map_or(0, |g| g.end());
            }
        }
    }
    if !credited && !plain_dateline_fits(text_all, &m, body_start, dash_sep) {
        return None;
    }
    // Only a credited dateline may name a long place (`دبين الإمارات العربية المتحدة (CNN)`).
    let place_words = text[place.0..place.1]
        .split(['،', ','])
        .next()
        .map_or(0, |p| p.split_whitespace().count());
    if place_words > 3 && !credited {
        return None;
    }
    if body_start >= text_all.len() {
        return None;
    }
    Some(DatelineMatch {
        text_end: text[..body_start].trim_end_matches(is_space).len(),
        body_start,
        place,
        agency,
        credited,
    })
}

/// Whether a dateline that names no agency or outlet (`PLACE -`, `PLACE:`) is one, and not the
/// start of a sentence or headline:
/// - the paragraph is a paragraph: it ends with a sentence mark (`مصر: التحقيق مع ...` is a
///   headline, not a dateline and text);
/// - a dash stands apart from a word on at least one side (`ليلى-كلير` is a name);
/// - no other dash follows within ten words (`فجرت كوريا الشمالية - كما يبدو -` is an aside);
/// - the place has one or two words, and no country after a comma (`في الصحف اليوم:`,
///   `وكالة الأنباء السورية:`, `ألقت فضيحة فيسبوك - ...` open sentences).
fn plain_dateline_fits(text: &str, m: &regex::Captures, body_start: usize, dash_sep: bool) -> bool {
    let ends_like_a_paragraph = text
        .trim_end_matches(is_space)
        .trim_end_matches(['»', '"', '”', ')', '\''])
        .ends_with(['.', '!', '?', '؟', '…', '۔', ':']);
    if !ends_like_a_paragraph {
        return false;
    }
    let Some(place) = m.name("place") else {
        return false;
    };
    let Some(sep) = m.name("sep") else {
        return false;
    };
    if place.as_str().split_whitespace().count() > 2 || place.as_str().contains(['،', ',']) {
        return false;
    }
    if dash_sep {
        let spaced_before = sep.as_str().starts_with(is_space);
        let spaced_after =
            sep.as_str().ends_with(is_space) || text[sep.end()..].starts_with(is_space);
        let run = sep.as_str().trim_matches(is_space).chars().count() > 1;
        let aside = text[body_start..]
            .split_whitespace()
            .take(10)
            .any(|w| w.chars().all(|c| HYPHEN_CHARS.contains(&c)));
        (spaced_before || spaced_after || run) && !aside
    } else {
        true
    }
}

/// The dashes of [`HYPHENS`], as characters.
const HYPHEN_CHARS: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}',
];

/// Whether `name`, found as `(NAME)` in a dateline, is an agency: one of the lexicon, or a
/// Latin acronym (`CNN`, `CNN Business`, `BBC`), not a Latin name (`Reddit`).
fn is_agency_like(name: &str) -> bool {
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

/// Byte offset of `inner`, a subslice of `outer`, within `outer`.
fn offset_of(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// A credit line standing alone: two to four short parts joined by dashes, such as
/// `عين اليوم – عمّان`, `عبدالكريم الحمد ـ الرياض`, `الرياضي ـ وكالات`, `عين اليوم – مكة المكرمة
/// / جدة`, `عين اليوم – ديار بكر (تركيا)`. Sites print one under the headline; it names the
/// outlet, the writer and the place in an order nothing fixes. Returns whether one of the
/// parts is a known outlet or agency (stronger evidence, needed below the header).
pub fn credit_line(block: &Block) -> Option<bool> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        let (w, tatweel) = (format!("[{}]+", pattern::arabic_letter()), pattern::tatweel());
        let part =
            format!(r"{w}(?: {w}){{0,2}}(?: ?/ ?{w}(?: {w}){{0,2}})*(?: \({w}(?: {w}){{0,2}}\))?");
        regex(&format!(
            r"^{part}(?:(?: ?[{HYPHENS}{tatweel}_]+)+ ?{part}){{1,3}}(?: ?[{HYPHENS}{tatweel}_:])?$"
        ))
    });
    if block.key_chars > 60 || !CREDIT.is_match(&block.key) {
        return None;
    }
    Some(
        block
            .key
            .split(|c: char| HYPHEN_CHARS.contains(&c) || c == TATWEEL || c == '_')
            .any(|part| is_outlet_or_agency(part.trim())),
    )
}

/// A wire sign-off ending a paragraph (P9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignoffMatch {
    /// Byte offset where the paragraph now ends (spaces before the sign-off excluded).
    pub cut: usize,
    /// Byte span of the sign-off itself.
    pub span: (usize, usize),
    /// Byte span of the agency list inside the parentheses.
    pub agency: (usize, usize),
    pub canonical: Vec<String>,
}

/// `[initials/ initials] (AGENCY[، AGENCY])` at the end of `text`, every agency known.
pub fn match_signoff(text: &str) -> Option<SignoffMatch> {
    // A sign-off is short and ends the text: the regex sees only the tail.
    let tail = text.ceil_char_boundary(text.len().saturating_sub(300));
    let found = match_signoff_in(&text[tail..])?;
    Some(SignoffMatch {
        cut: tail + found.cut,
        span: (tail + found.span.0, tail + found.span.1),
        agency: (tail + found.agency.0, tail + found.agency.1),
        canonical: found.canonical,
    })
}

fn match_signoff_in(text: &str) -> Option<SignoffMatch> {
    static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
        let ar_letter = pattern::arabic_letter();
        let initials = format!(r"[{ar_letter}](?:\.[{ar_letter}]){{1,3}}\.?");
        regex(&format!(
            r"(?P<all>\s*(?:{initials}\s*/\s*{initials}\s*)?\((?P<ag>[^()]+)\))\s*$"
        ))
    });
    let m = captures(&SIGNOFF, text)?;
    let all = m.name("all")?;
    let ag = m.name("ag")?;
    if ag.as_str().chars().count() > 40 {
        return None;
    }
    let canonical = agencies_of(ag.as_str())?;
    let lead_spaces = all.as_str().len() - all.as_str().trim_start_matches(is_space).len();
    Some(SignoffMatch {
        cut: all.start(),
        span: (all.start() + lead_spaces, all.end()),
        agency: (ag.start(), ag.end()),
        canonical,
    })
}

#[cfg(test)]
mod tests;
