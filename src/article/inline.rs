//! Boilerplate glued to article text inside a line (rule P1, second step).
//!
//! Scrapers often flatten a page into few lines, so a site's furniture ends up on the same line
//! as a sentence: an end mark after the last paragraph (`// انتهى //`), a permalink line repeating
//! the headline (`رابط الخبر بصحيفة الوئام: ...`), a tag list after the last sentence (`سمات
//! a b c`), a photo credit between two sentences (`تصوير: NAME - "OUTLET"`), Cloudflare's e-mail
//! placeholder (`[email protected] /* */`), or slider buttons before the first line (`Next
//! Previous`). [`carve`] cuts such pieces out of their blocks before any other rule runs: each
//! piece becomes a [`Piece`], and what is left of the line on either side becomes a block of its
//! own, so the line-based rules see clean blocks and no text is lost or shared (I2).
//!
//! Every pattern names its piece by the shape real sites give it and is anchored so it cannot
//! take a sentence with it: a piece starts at the start of a line or after a sentence end, or
//! is closed by its own delimiters (`(...)`, `// //`, quotes around the outlet). Patterns run on
//! block keys (C1); a cheap substring test on the key skips the regexes for almost every line.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, FULL_KEY_BYTES};
use super::keys::{key, Key};
use super::lexicon::{captures, regex};
use crate::text::is_space;

/// What a piece cut out of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Slider or pager buttons (`Next Previous`).
    Navigation,
    /// An e-mail address hidden by the site's protection (`[email protected] /* */`).
    Email,
    /// A wire end mark (`// انتهى //`, `-انتهى-`).
    EndMark,
    /// A permalink line (`رابط الخبر بصحيفة ...: TITLE`), to the end of its line.
    Link,
    /// A photo credit (`(تصوير: NAME)`, `تصوير: NAME - "OUTLET"`).
    PhotoCredit,
    /// A tag list after the last sentence (`سمات a b c`).
    TagList,
}

/// A piece of boilerplate cut out of a block, in byte offsets of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: PieceKind,
}

struct Patterns {
    navigation: Regex,
    email: Regex,
    end_mark: Regex,
    link: Regex,
    credit: Regex,
    tag_list: Regex,
}

/// Sentence-final marks, closing quotes and brackets, as a regex class body: a piece that may
/// follow a sentence starts after one of these.
const SENTENCE_END: &str = r#".!؟?…"”»)"#;

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    navigation: regex(r"^(?:next previous|previous next|السابق التالي|التالي السابق)(?: |$)"),
    email: regex(r"\[email protected\](?: ?/\* ?\*/)?"),
    end_mark: regex(
        r"(?P<m>//+ ?انتهى ?//+)|(?:^| )(?P<d>[-–—ـ]+ ?انتهى ?[-–—ـ]+)(?: |$)|^(?P<a>[(\[]?انتهى[)\]]?\.?)$",
    ),
    link: regex(&format!(
        r"(?P<m>رابط (?:الخبر|المقال|المقالة|المادة|الموضوع) (?:بصحيفة|بموقع|في صحيفة|في موقع|على موقع|عبر موقع) [^:]{{1,40}}:.*$)|(?:^|[{SENTENCE_END}] )(?P<g>(?:رابط (?:الخبر|المقال|المقالة|المادة|الموضوع|دائم|مختصر)|الرابط (?:المختصر|الدائم)|permalink|short ?link) ?:.*$)"
    )),
    credit: regex(&format!(
        r#"(?P<p>\( ?(?:رصد و)?(?:تصوير|عدسة) ?[:/]? ?[^()]{{2,40}}\))|(?P<o>(?:رصد و)?تصوير ?[:/] ?[^"«:.]{{2,30}}? ?[-–ـ] ?["«][^"»]{{2,25}}["»])|(?:^|[{SENTENCE_END}] )(?P<e>(?:رصد و)?تصوير ?[:/] ?[^"«:.()!؟]{{2,30}})$"#
    )),
    tag_list: regex(&format!(
        r"(?:^|[{SENTENCE_END}] ?)(?P<m>سمات(?: [^ .!؟:،,()]+){{1,40}})$"
    )),
});

/// Cuts inline boilerplate out of `blocks`; returns the blocks that remain and the pieces.
///
/// A tag list is looked for in the last block only: `سمات` opens many sentences, but only a
/// site's tag list closes the article with it.
pub fn carve<'a>(src: &'a str, blocks: Vec<Block<'a>>) -> (Vec<Block<'a>>, Vec<Piece>) {
    let mut pieces = Vec::new();
    let last = blocks.len().saturating_sub(1);
    let mut out = Vec::with_capacity(blocks.len());
    for (j, b) in blocks.into_iter().enumerate() {
        let found = find_pieces(&b, j == last);
        if found.is_empty() {
            out.push(b);
            continue;
        }
        let mut at = b.start;
        for p in &found {
            if let Some(rest) = Block::new(src, at, p.start) {
                out.push(rest);
            }
            at = p.end;
        }
        if let Some(rest) = Block::new(src, at, b.end) {
            out.push(rest);
        }
        pieces.extend(found);
    }
    (out, pieces)
}

/// The words one of the patterns needs.
static TRIGGERS: LazyLock<Regex> =
    LazyLock::new(|| regex("^next|^previous|^السابق|^التالي|protected|انتهى|رابط|تصوير|عدسة|سمات"));

/// How far from the end of the last block a tag list may start (it can run to forty words).
const TAG_LIST_WINDOW: usize = 800;

/// Which patterns block `b` needs, as `[navigation, e-mail, end mark, link, credit, tag list]`:
/// the words they need, found in one pass over the block's key. A long block's key holds only
/// its first and last few hundred bytes ([`Block::key`]), which is where
/// the pieces that sit at a line's start or end are; the last block's tail is searched wider,
/// for a tag list. In the middle of a long block, the pieces that can stand anywhere are found
/// by an ASCII anchor a byte search finds fast: the e-mail placeholder's `protected`, and the
/// `(`, `:` or `/` of a photo credit (`(تصوير: NAME)`, `تصوير: NAME - "OUTLET"`).
fn triggers(b: &Block, last: bool) -> [bool; 6] {
    let mut triggers = [false; 6];
    let mut mark = |window: &str| {
        for m in TRIGGERS.find_iter(window) {
            let slot = match m.as_str() {
                "protected" => 1,
                "انتهى" => 2,
                "رابط" => 3,
                "تصوير" | "عدسة" => 4,
                "سمات" => 5,
                _ => 0,
            };
            triggers[slot] = true;
        }
    };
    mark(b.key());
    let text = b.text;
    if text.len() > FULL_KEY_BYTES {
        if last {
            mark(&key(
                &text[text.ceil_char_boundary(text.len() - TAG_LIST_WINDOW)..]
            ));
        }
        triggers[1] |= text.contains("protected");
        triggers[4] |= text.bytes().enumerate().any(|(i, byte)| {
            matches!(byte, b'(' | b':' | b'/') && {
                let after = text[i + 1..].trim_start_matches(is_space);
                let before = text[..i].trim_end_matches(is_space);
                after.starts_with("تصوير")
                    || after.starts_with("رصد وتصوير")
                    || after.starts_with("عدسة")
                    || before.ends_with("تصوير")
            }
        });
    }
    triggers[5] &= last;
    triggers
}

/// The pieces of one block, ordered and disjoint, in input byte offsets.
fn find_pieces(b: &Block, last: bool) -> Vec<Piece> {
    let triggers = triggers(b, last);
    if !triggers.contains(&true) {
        return Vec::new();
    }
    let p = &*PATTERNS;
    let key = Key::new(b.text);
    let ks = key.as_str();
    let mut found: Vec<(usize, usize, PieceKind)> = Vec::new();
    let mut add = |m: Option<regex::Match>, kind| {
        if let Some(m) = m.filter(|m| !m.as_str().trim().is_empty()) {
            found.push((m.start(), m.end(), kind));
        }
    };
    if triggers[0] {
        add(p.navigation.find(ks), PieceKind::Navigation);
    }
    if triggers[1] {
        p.email
            .find_iter(ks)
            .for_each(|m| add(Some(m), PieceKind::Email));
    }
    if triggers[2] {
        for c in p.end_mark.captures_iter(ks) {
            add(
                c.name("m").or_else(|| c.name("d")).or_else(|| c.name("a")),
                PieceKind::EndMark,
            );
        }
    }
    if triggers[3] {
        if let Some(c) = captures(&p.link, ks) {
            add(c.name("m").or_else(|| c.name("g")), PieceKind::Link);
        }
    }
    if triggers[4] {
        for c in p.credit.captures_iter(ks) {
            add(
                c.name("p").or_else(|| c.name("o")).or_else(|| c.name("e")),
                PieceKind::PhotoCredit,
            );
        }
    }
    if triggers[5] {
        if let Some(c) = captures(&p.tag_list, ks) {
            add(c.name("m"), PieceKind::TagList);
        }
    }
    // A credit that closes the line may stand just before a piece that runs to the line's end
    // (`تصوير: NAME رابط الخبر ...`): look for it again on the key up to that piece.
    if triggers[4] {
        let tail_start = found
            .iter()
            .filter(|&&(_, e, kind)| e == ks.len() && kind != PieceKind::PhotoCredit)
            .map(|&(s, _, _)| s)
            .min();
        if let Some(cut) = tail_start {
            let head = ks[..cut].trim_end();
            if let Some(m) = captures(&p.credit, head).and_then(|c| c.name("e")) {
                found.push((m.start(), m.end(), PieceKind::PhotoCredit));
            }
        }
    }
    // Earlier-starting, then longer pieces win; overlapping ones are dropped.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<Piece> = Vec::with_capacity(found.len());
    let mut covered_to = 0;
    for (s, e, kind) in found {
        if s < covered_to {
            continue;
        }
        covered_to = e;
        let trimmed = ks[s..e].trim_end();
        let e = s + trimmed.len();
        out.push(Piece {
            start: b.start + key.raw_start(s),
            end: b.start + key.raw_end(e),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::blocks::blocks;

    fn cut(src: &str) -> (Vec<&str>, Vec<(&str, PieceKind)>) {
        let (blocks, pieces) = carve(src, blocks(src));
        (
            blocks.iter().map(|b| b.text).collect(),
            pieces
                .iter()
                .map(|p| (&src[p.start..p.end], p.kind))
                .collect(),
        )
    }

    /// (input, blocks left, pieces cut)
    #[test]
    fn pieces() {
        use PieceKind::*;
        type Row = (
            &'static str,
            &'static [&'static str],
            &'static [(&'static str, PieceKind)],
        );
        let table: &[Row] = &[
            (
                "نص الخبر. رابط الخبر بصحيفة الوئام: الذهب يهوي لأدنى سعر",
                &["نص الخبر."],
                &[("رابط الخبر بصحيفة الوئام: الذهب يهوي لأدنى سعر", Link)],
            ),
            (
                "مطار عدن الدولي. // انتهى // ",
                &["مطار عدن الدولي."],
                &[("// انتهى //", EndMark)],
            ),
            (
                "في الفن وصراحة.\n -انتهى- رابط الخبر بصحيفة الوئام: ناصر",
                &["في الفن وصراحة."],
                &[
                    ("-انتهى-", EndMark),
                    ("رابط الخبر بصحيفة الوئام: ناصر", Link),
                ],
            ),
            (
                "في الفعاليات. تصوير: غازي مهدي - \"الاقتصادية\" وتجول لدى وصوله",
                &["في الفعاليات.", "وتجول لدى وصوله"],
                &[("تصوير: غازي مهدي - \"الاقتصادية\"", PhotoCredit)],
            ),
            (
                "الرشيدي- سبق- الرياض (تصوير: عبدالله النحيط): يطالب",
                &["الرشيدي- سبق- الرياض", ": يطالب"],
                &[("(تصوير: عبدالله النحيط)", PhotoCredit)],
            ),
            (
                "التابعة لها . \u{a0}تصوير : جالي الشلاقي\u{a0} ",
                &["التابعة لها ."],
                &[("تصوير : جالي الشلاقي", PhotoCredit)],
            ),
            (
                "لها . \u{a0}تصوير : جالي الشلاقي\u{a0} رابط الخبر بصحيفة الوئام: محافظ",
                &["لها ."],
                &[
                    ("تصوير : جالي الشلاقي", PhotoCredit),
                    ("رابط الخبر بصحيفة الوئام: محافظ", Link),
                ],
            ),
            (
                "البريد الإلكتروني [email\u{a0}protected] /* */ . والأفضلية",
                &["البريد الإلكتروني", ". والأفضلية"],
                &[("[email\u{a0}protected] /* */", Email)],
            ),
            (
                " Next Previous عين اليوم – الرياض\nتسلم الملك",
                &["عين اليوم – الرياض", "تسلم الملك"],
                &[("Next Previous", Navigation)],
            ),
            (
                "نص أول.\nبكلية الطب. سمات تبوك جامعة معمة تبوك ",
                &["نص أول.", "بكلية الطب."],
                &[("سمات تبوك جامعة معمة تبوك", TagList)],
            ),
            // Not pieces: a sentence about a link, a mid-text `سمات`, `انتهى` as a verb, an
            // `سمات` line that is not the last, a credit that runs into a sentence.
            (
                "وأشار إلى رابط الخبر: في تقرير",
                &["وأشار إلى رابط الخبر: في تقرير"],
                &[],
            ),
            ("من سمات العيد المتوارثة", &["من سمات العيد المتوارثة"], &[]),
            (
                "وانتهى اللقاء بموافقة مودي.",
                &["وانتهى اللقاء بموافقة مودي."],
                &[],
            ),
            (
                "عبر www.example.com. انتهى",
                &["عبر www.example.com. انتهى"],
                &[],
            ),
            (
                "سمات الشخصية القيادية\nنص.",
                &["سمات الشخصية القيادية", "نص."],
                &[],
            ),
            (
                "التقطها تصوير: أحمد في الميدان وقال",
                &["التقطها تصوير: أحمد في الميدان وقال"],
                &[],
            ),
        ];
        for &(src, want_blocks, want_pieces) in table {
            let (got_blocks, got_pieces) = cut(src);
            assert_eq!(got_blocks, want_blocks, "{src:?}");
            assert_eq!(got_pieces, want_pieces, "{src:?}");
        }
    }
}
