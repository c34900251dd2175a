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
use super::lexicon::{regex, AR_LETTER, DASH, HYPHENS, LEXICON};
use super::schema::Role;
use crate::tokenize::chars::{is_line_break, is_space, TATWEEL};

/// One non-blank line of the input.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// Byte offsets of the trimmed line in the input.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The matching key of `text`.
    pub key: String,
    /// Code points in `text` and in `key`.
    pub chars: usize,
    pub key_chars: usize,
}

/// Splits `src` into blocks (P1), computing each block's key once.
pub fn blocks(src: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let ends = src
        .char_indices()
        .filter(|&(_, c)| is_line_break(c))
        .map(|(i, c)| (i, i + c.len_utf8()));
    for (line_end, next) in ends.chain(std::iter::once((src.len(), src.len()))) {
        let line = &src[line_start..line_end];
        let text = line.trim_matches(is_space);
        if !text.is_empty() {
            let start = line_start + (line.len() - line.trim_start_matches(is_space).len());
            let key = key(text);
            let key_chars = key.chars().count();
            out.push(Block {
                start,
                end: start + text.len(),
                text,
                chars: text.chars().count(),
                key,
                key_chars,
            });
        }
        line_start = next;
    }
    out
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
/// lexicon; the name has at most six words and no digit, the line at most 80 characters.
pub fn match_byline(block: &Block) -> Option<Byline> {
    if block.chars > MAX_BYLINE_CHARS {
        return None;
    }
    let lex = &*LEXICON;
    let (caps, role) = match lex.byline_latin.captures(&block.key) {
        Some(c) => (c, Role::Author),
        None => {
            let c = lex.byline_arabic.captures(&block.key)?;
            let role = c
                .name("role")
                .and_then(|r| lex.roles.get(r.as_str()))
                .copied()
                .unwrap_or(Role::Author);
            (c, role)
        }
    };
    let name = caps.name("name")?;
    if name.as_str().split_whitespace().count() > MAX_NAME_WORDS
        || name.as_str().chars().any(char::is_numeric)
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
    if lex.also_read.is_match(&block.key) {
        Some(InlineKind::AlsoRead)
    } else if lex.ad.is_match(&block.key) {
        Some(InlineKind::Ad)
    } else if block.chars <= 200 && lex.caption.is_match(&block.key) {
        Some(InlineKind::Caption)
    } else if block.key_chars <= 80 && lex.source_line.is_match(&block.key) {
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
    pub place: (usize, usize),
    /// `(AGENCY)` or `«OUTLET»` inside the dateline.
    pub agency: Option<(usize, usize)>,
}

/// `PLACE (1-3 words) [(AGENCY)] -|–|ـ|: [«OUTLET»|(AGENCY) [:|-]]` at the start of `text`,
/// followed by more text; PLACE never starts with a verb or connective such as `قال`. A tatweel
/// is a dash only after a space: right after a letter it is elongation (`هـ`).
pub fn match_dateline(text: &str) -> Option<DatelineMatch> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"^(?P<place>[{AR_LETTER}]+(?: [{AR_LETTER}]+){{0,2}})(?:\s*\((?P<ag1>[^()]{{1,30}})\))?(?:\s*[{HYPHENS}:]|\s+\x{{0640}}+)\s*(?:(?:«(?P<ag2>[^»]{{1,30}})»|\((?P<ag3>[^()]{{1,30}})\))\s*[:{DASH}]?\s*)?"
        ))
    });
    let m = DATELINE.captures(text)?;
    let all = m.get(0)?;
    let place = m.name("place")?;
    let first_word = key(place.as_str());
    let first_word = first_word.split(' ').next().unwrap_or_default();
    if LEXICON.not_places.contains(first_word) || all.end() >= text.len() {
        return None;
    }
    let agency = m
        .name("ag1")
        .or_else(|| m.name("ag2"))
        .or_else(|| m.name("ag3"))
        .and_then(|a| {
            let name = a.as_str().trim_matches(is_space);
            let start =
                a.start() + (a.as_str().len() - a.as_str().trim_start_matches(is_space).len());
            name.chars()
                .any(|c| c.is_alphabetic() && c != TATWEEL)
                .then_some((start, start + name.len()))
        });
    Some(DatelineMatch {
        text_end: text[..all.end()].trim_end_matches(is_space).len(),
        body_start: all.end(),
        place: (place.start(), place.end()),
        agency,
    })
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
    static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
        let initials = format!(r"[{AR_LETTER}](?:\.[{AR_LETTER}]){{1,3}}\.?");
        regex(&format!(
            r"(?P<all>\s*(?:{initials}\s*/\s*{initials}\s*)?\((?P<ag>[^()]{{1,40}})\))\s*$"
        ))
    });
    let m = SIGNOFF.captures(text)?;
    let all = m.name("all")?;
    let ag = m.name("ag")?;
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
mod tests {
    use super::*;

    fn block(text: &str) -> Block<'_> {
        blocks(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no block in {text:?}"))
    }

    #[test]
    fn splits_lines() {
        let src = "in\r\n\r\n\u{a0}\nسطر  \rآخر\u{2028}ثالث\n  ";
        let got: Vec<(usize, usize, &str)> = blocks(src)
            .iter()
            .map(|b| (b.start, b.end, b.text))
            .collect();
        let pos = |s: &str| src.find(s).unwrap_or(usize::MAX);
        assert_eq!(
            got,
            [
                (0, 2, "in"),
                (pos("سطر"), pos("سطر") + "سطر".len(), "سطر"),
                (pos("آخر"), pos("آخر") + "آخر".len(), "آخر"),
                (pos("ثالث"), pos("ثالث") + "ثالث".len(), "ثالث"),
            ]
        );
        assert!(blocks("").is_empty());
        assert!(blocks(" \u{a0}\n\u{200b}").is_empty());
    }

    /// (line, name, role, place)
    #[test]
    fn bylines() {
        type Row = (
            &'static str,
            Option<(&'static str, Role, Option<&'static str>)>,
        );
        let table: &[Row] = &[
            (
                "Written by نور الدين",
                Some(("نور الدين", Role::Author, None)),
            ),
            ("By سارة الأحمد", Some(("سارة الأحمد", Role::Author, None))),
            (
                "بيروت - كتبت: ريما الخوري",
                Some(("ريما الخوري", Role::Author, Some("بيروت"))),
            ),
            (
                "حوار: آسيا العتروس",
                Some(("آسيا العتروس", Role::Interviewer, None)),
            ),
            ("إعداد: مُنى سالم", Some(("مُنى سالم", Role::Editor, None))),
            (
                "ترجمة - أحمد علي",
                Some(("أحمد علي", Role::Translator, None)),
            ),
            ("كتب 3 مقالات", None),
            ("بقلم واحد اثنان ثلاثة أربعة خمسة ستة سبعة", None),
            ("قال الوزير إن الحكومة ستعرض الموازنة", None),
        ];
        for &(line, want) in table {
            let b = block(line);
            let got = match_byline(&b).map(|by| {
                (
                    &line[by.name_start..],
                    by.role,
                    by.place.map(|(s, e)| &line[s..e]),
                )
            });
            assert_eq!(got, want, "{line:?}");
        }
    }

    #[test]
    fn agencies() {
        let table: &[(&str, Option<&[&str]>)] = &[
            ("د ب أ، رويترز", Some(&["dpa", "Reuters"])),
            ("(أ ف ب)", Some(&["AFP"])),
            ("واس", Some(&["SPA"])),
            ("وام", Some(&["WAM"])),
            ("رويترز وفرانس برس", Some(&["Reuters", "AFP"])),
            ("رويترز و أ ف ب", Some(&["Reuters", "AFP"])),
            ("رويترز ووام", Some(&["Reuters", "WAM"])),
            ("وكالة الأنباء الجزائرية (واج)", Some(&["APS"])),
            ("القدس العربي", None),
            ("ورويترز", None),
            ("", None),
        ];
        for &(s, want) in table {
            let want = want.map(|w| w.iter().map(|x| x.to_string()).collect::<Vec<_>>());
            assert_eq!(agencies_of(s), want, "{s:?}");
        }
    }

    /// (paragraph, dateline text, place, agency)
    #[test]
    fn datelines() {
        type Row = (
            &'static str,
            Option<(&'static str, &'static str, Option<&'static str>)>,
        );
        let table: &[Row] = &[
            (
                "الجزائر - أعلنت الوزارة",
                Some(("الجزائر -", "الجزائر", None)),
            ),
            (
                "باريس (أ ف ب) - دعا الرئيس",
                Some(("باريس (أ ف ب) -", "باريس", Some("أ ف ب"))),
            ),
            (
                "لندن ـ «القدس العربي»: تظاهر آلاف",
                Some(("لندن ـ «القدس العربي»:", "لندن", Some("القدس العربي"))),
            ),
            (
                "الرياض (واس) - أصدر",
                Some(("الرياض (واس) -", "الرياض", Some("واس"))),
            ),
            ("وقال الوزير: إن الحكومة", None),
            ("أكد - الوزير", None),
            ("القاهرة -", None),
            ("نص بلا فاصل", None),
            ("هـ قال", None),
            (
                "القاهرة ( ـ ) - قال",
                Some(("القاهرة ( ـ ) -", "القاهرة", None)),
            ),
            (
                "القاهرة - « أ ش أ »: قال",
                Some(("القاهرة - « أ ش أ »:", "القاهرة", Some("أ ش أ"))),
            ),
            ("الخبرساميأ ف بـالخبر", None),
        ];
        for &(text, want) in table {
            let got = match_dateline(text).map(|d| {
                (
                    &text[..d.text_end],
                    &text[d.place.0..d.place.1],
                    d.agency.map(|(s, e)| &text[s..e]),
                )
            });
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn signoffs() {
        let text = "ولم يصدر أي تعليق فوري من الرياض. ي.أ/ ع.غ (د ب أ، رويترز)";
        let s = match_signoff(text).unwrap_or_else(|| panic!("no sign-off"));
        assert_eq!(&text[..s.cut], "ولم يصدر أي تعليق فوري من الرياض.");
        assert_eq!(&text[s.span.0..s.span.1], "ي.أ/ ع.غ (د ب أ، رويترز)");
        assert_eq!(&text[s.agency.0..s.agency.1], "د ب أ، رويترز");
        assert_eq!(s.canonical, ["dpa", "Reuters"]);
        assert_eq!(match_signoff("انتهى الاجتماع (صورة)"), None);
        assert!(match_signoff("انتهى الاجتماع. (رويترز)").is_some());
    }

    #[test]
    fn inline_kinds() {
        let table: &[(&str, Option<InlineKind>)] = &[
            (
                "اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة في اليمن",
                Some(InlineKind::AlsoRead),
            ),
            ("إعلان", Some(InlineKind::Ad)),
            (
                "متظاهرون في ساحة الطرف الأغر (صورة أرشيفية)",
                Some(InlineKind::Caption),
            ),
            ("صورة: رويترز", Some(InlineKind::Caption)),
            (
                "المصدر: وكالة الأنباء الجزائرية (واج)",
                Some(InlineKind::SourceLine),
            ),
            ("(رويترز)", Some(InlineKind::Signoff)),
            ("(تحليل)", None),
            (
                "وقالت الشركة في بيان إن الإنتاج بلغ 9.2 مليون برميل يوميا.",
                None,
            ),
        ];
        for &(line, want) in table {
            assert_eq!(inline_kind(&block(line)), want, "{line:?}");
        }
    }
}
