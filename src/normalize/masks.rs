//! Finding URLs, e-mail addresses, @mentions, #hashtags and emoji, for the mask rules.
//!
//! Masks are found in one scan per enabled kind before the main pass (they need lookahead no
//! per-code-point table can give); the engine then removes each span, replaces it by a token
//! (`<URL>`...), or for hashtags keeps the words. Spans never overlap: URLs win over e-mails,
//! e-mails over mentions, mentions over hashtags, hashtags over emoji.

use regex::Regex;
use std::sync::LazyLock;

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
    fn url_wins_over_email_and_hashtag_inside_it() {
        let s = "http://x.com/#tag?u=a@b.com";
        assert_eq!(texts(s), vec![(s, Url)]);
    }
}
