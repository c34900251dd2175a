//! Masks: URLs, e-mail addresses, @mentions, #hashtags and emoji removed, replaced by a token,
//! or (hashtags) turned into their words.
//!
//! Masks are a whole-text step: they are found in one scan per enabled kind before the main
//! pass (they need lookahead no per-code-point table can give); the engine runs the table
//! between them and hands each span to [`apply`], which removes it, writes its token (`<URL>`...)
//! or, for hashtags, drops `#` and runs the table over the words. Spans never overlap: URLs win
//! over e-mails, e-mails over mentions, mentions over hashtags, hashtags over emoji. The step's
//! parameter holds two bits per kind: what to do with it.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::TableBuilder;
use crate::text::utf8::decode;
use crate::text::count_chars;
use regex::Regex;
use std::sync::LazyLock;

/// `mask_urls`.
pub const MASK_URLS: Rule =
    Rule::choice("mask_urls", "masks", "URLs: keep, remove or token (<URL>)", CHOICES, |t, v| set(t, MaskKind::Url, v));
/// `mask_emails`.
pub const MASK_EMAILS: Rule = Rule::choice(
    "mask_emails",
    "masks",
    "e-mail addresses: keep, remove or token (<EMAIL>)",
    CHOICES,
    |t, v| set(t, MaskKind::Email, v),
);
/// `mask_mentions`.
pub const MASK_MENTIONS: Rule = Rule::choice(
    "mask_mentions",
    "masks",
    "@mentions: keep, remove or token (<USER>)",
    CHOICES,
    |t, v| set(t, MaskKind::Mention, v),
);
/// `mask_hashtags`.
pub const MASK_HASHTAGS: Rule = Rule::choice(
    "mask_hashtags",
    "masks",
    "#hashtags: keep, words (drop # and turn _ into spaces), remove or token (<HASHTAG>)",
    &["keep", "words", "remove", "token"],
    |t, v| set(t, MaskKind::Hashtag, v),
);
/// `mask_emoji`.
pub const MASK_EMOJI: Rule =
    Rule::choice("mask_emoji", "masks", "emoji: keep, remove or token (<EMOJI>)", CHOICES, |t, v| set(t, MaskKind::Emoji, v));

const CHOICES: &[&str] = &["keep", "remove", "token"];

/// What to do with a mask, as stored in the step's parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Remove the span.
    Remove = 1,
    /// Write the kind's token.
    Token = 2,
    /// Hashtags: drop `#`, `_` separates words, the rest is normalized like any text.
    Words = 3,
}

fn set(t: &mut TableBuilder, kind: MaskKind, v: Value) {
    let action = match v {
        Value::Choice("remove") => Action::Remove,
        Value::Choice("token") => Action::Token,
        Value::Choice("words") => Action::Words,
        _ => return,
    };
    if action == Action::Token {
        t.may_grow();
    }
    *t.step(Handler::Masks as u8) |= (action as u32) << (2 * kind as u32);
}

/// The action the step's parameter gives `kind`, if any.
fn action(param: u32, kind: MaskKind) -> Option<Action> {
    match (param >> (2 * kind as u32)) & 3 {
        1 => Some(Action::Remove),
        2 => Some(Action::Token),
        3 => Some(Action::Words),
        _ => None,
    }
}

/// The masks of `text` for the step's parameter: byte spans, kind and action, in order.
pub fn spans(text: &str, param: u32) -> Vec<(usize, usize, MaskKind, Action)> {
    let kinds: Vec<MaskKind> = MaskKind::ALL.into_iter().filter(|&k| action(param, k).is_some()).collect();
    find(text, &kinds)
        .into_iter()
        .filter_map(|(s, e, k)| action(param, k).map(|a| (s, e, k, a)))
        .collect()
}

/// Handle the mask `[start, end)`; `process` runs the table over a stretch of the input.
pub fn apply<const OFFSETS: bool>(
    p: &mut Pass<OFFSETS>,
    (start, end, kind, action): (usize, usize, MaskKind, Action),
    process: &mut dyn FnMut(&mut Pass<OFFSETS>, usize, usize),
) {
    p.flush(start);
    let chars = count_chars(&p.b[start..end]);
    match action {
        Action::Token => {
            let src = p.run_cp;
            let tok = kind.token();
            p.emit(tok.as_bytes(), tok.len(), src, chars);
            p.skip_to(end, chars);
        }
        Action::Words => {
            // #السعودية_الآن -> السعودية الآن: drop '#', '_' separates words.
            let (_, l) = decode(p.b, start);
            p.skip_to(start + l, 1);
            let mut k = start + l;
            while k < end {
                let next = p.b[k..end].iter().position(|&c| c == b'_').map_or(end, |at| k + at);
                process(p, k, next);
                p.flush(next);
                if next == end {
                    break;
                }
                if !matches!(p.last_byte(next), None | Some(b' ')) {
                    let src = p.run_cp;
                    p.emit(b" ", 1, src, 1);
                }
                p.skip_to(next + 1, 1);
                k = next + 1;
            }
        }
        Action::Remove => p.drop_to(end, chars),
    }
}

/// What a mask hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MaskKind {
    /// `https://…`, `www.…`
    Url,
    /// `name@example.com`
    Email,
    /// `@user`
    Mention,
    /// `#topic`
    Hashtag,
    /// Emoji, with their modifiers and joiners.
    Emoji,
}

impl MaskKind {
    /// Every kind, in the order they win overlaps.
    pub const ALL: [MaskKind; 5] = [MaskKind::Url, MaskKind::Email, MaskKind::Mention, MaskKind::Hashtag, MaskKind::Emoji];

    /// The placeholder token.
    pub fn token(self) -> &'static str {
        match self {
            MaskKind::Url => "<URL>",
            MaskKind::Email => "<EMAIL>",
            MaskKind::Mention => "<USER>",
            MaskKind::Hashtag => "<HASHTAG>",
            MaskKind::Emoji => "<EMOJI>",
        }
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"«»]+"#).expect("valid URL pattern")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .expect("valid e-mail pattern")
});
static MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w@.])(@\w{1,60})").expect("valid mention pattern"));
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w&#])(#\w+)").expect("valid hashtag pattern"));
static EMOJI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\p{Extended_Pictographic}|[\x{1F1E6}-\x{1F1FF}])(?:[\x{FE0F}\x{200D}\x{1F3FB}-\x{1F3FF}\x{E0020}-\x{E007F}]|\p{Extended_Pictographic}|[\x{1F1E6}-\x{1F1FF}])*",
    )
    .expect("valid emoji pattern")
});

/// Trailing characters that close a sentence rather than belong to a URL.
fn trim_url_end(s: &str) -> usize {
    s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '،', '؛', '؟', '…']).len()
}

/// Byte spans `(start, end, kind)` of every mask of the given kinds, sorted, non-overlapping.
pub fn find(text: &str, kinds: &[MaskKind]) -> Vec<(usize, usize, MaskKind)> {
    let mut found: Vec<(usize, usize, MaskKind)> = Vec::new();
    let mut ordered: Vec<MaskKind> = kinds.to_vec();
    ordered.sort();
    for kind in ordered {
        let spans: Vec<(usize, usize)> = match kind {
            MaskKind::Url => URL
                .find_iter(text)
                .map(|m| (m.start(), m.start() + trim_url_end(m.as_str())))
                .collect(),
            MaskKind::Email => EMAIL.find_iter(text).map(|m| (m.start(), m.end())).collect(),
            MaskKind::Mention | MaskKind::Hashtag => {
                let re = if kind == MaskKind::Mention { &MENTION } else { &HASHTAG };
                re.captures_iter(text)
                    .filter_map(|c| c.get(1))
                    .map(|m| (m.start(), m.end()))
                    .collect()
            }
            MaskKind::Emoji => EMOJI.find_iter(text).map(|m| (m.start(), m.end())).collect(),
        };
        for (s, e) in spans {
            if e > s && !found.iter().any(|&(a, b, _)| s < b && a < e) {
                found.push((s, e, kind));
            }
        }
    }
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use MaskKind::*;

    const ALL: &[MaskKind] = &[Url, Email, Mention, Hashtag, Emoji];

    fn texts(s: &str) -> Vec<(&str, MaskKind)> {
        find(s, ALL).into_iter().map(|(a, b, k)| (&s[a..b], k)).collect()
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &[(&str, MaskKind)])] = &[
            ("زوروا https://example.com/a?b=1.", &[("https://example.com/a?b=1", Url)]),
            ("www.spa.gov.sa، اليوم", &[("www.spa.gov.sa", Url)]),
            ("راسلنا info@alwatan.com.sa الآن", &[("info@alwatan.com.sa", Email)]),
            ("قال @محمد_علي و@x", &[("@محمد_علي", Mention)]),
            ("#السعودية_الآن و C# و &#1234;", &[("#السعودية_الآن", Hashtag)]),
            ("رائع 😂😂 👍🏽 🇸🇦", &[("😂😂", Emoji), ("👍🏽", Emoji), ("🇸🇦", Emoji)]),
            ("no masks here 123 #", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(texts(text), want.to_vec(), "{text}");
        }
    }

    #[test]
    fn rules() {
        super::super::cases::check(&[
            (&["mask_urls=token"], "زوروا https://spa.gov.sa/x.", "زوروا <URL>."),
            (&["mask_urls=remove"], "زوروا https://spa.gov.sa/x", "زوروا "),
            (&["mask_emails=token"], "راسلنا info@x.com", "راسلنا <EMAIL>"),
            (&["mask_mentions=token"], "قال @محمد", "قال <USER>"),
            (&["mask_hashtags=words"], "#السعودية_الآن اليوم", "السعودية الآن اليوم"),
            (&["mask_hashtags=words", "fold_alef"], "#السعودية__الآن", "السعودية الان"),
            (&["mask_hashtags=token"], "#عاجل", "<HASHTAG>"),
            (&["mask_emoji=remove"], "رائع😂👍🏽", "رائع"),
            (&["mask_emoji=token"], "رائع 😂😂", "رائع <EMOJI>"),
            (&["mask_urls=token", "mask_hashtags=token"], "http://x.com/#tag #وسم", "<URL> <HASHTAG>"),
        ]);
    }

    #[test]
    fn url_wins_over_email_and_hashtag_inside_it() {
        let s = "http://x.com/#tag?u=a@b.com";
        assert_eq!(texts(s), vec![(s, Url)]);
    }
}
