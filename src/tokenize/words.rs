//! Word tokenization: byte spans and a kind for every token, in one forward pass.
//!
//! [`words`] walks the text once and yields [`Token`]s: half-open UTF-8 byte spans into the
//! input, ordered and non-overlapping; what lies between two tokens is only spaces, joiners and
//! invisible format characters, so the tokens and the gaps between them rebuild the input.
//!
//! What stays one token:
//! - a word with its marks, tatweel and inner ZWNJ/ZWJ (`كتــاب`, `الْكِتَابُ`, `می‌خواهم`); a
//!   combining mark never starts a token when something precedes it directly;
//! - a number with inner separators between digits, in any digit set: `3.14`, `٣٫١٤`, `1,000`,
//!   `1.1.2020`, `١٢/٣/٢٠٢٠`, `10:30`; a trailing dot is not part of it;
//! - a URL (`http://`, `https://`, `ftp://`, `www.`, or a bare domain such as `alarabiya.net`
//!   with an optional path), without trailing punctuation; an email address;
//! - a mention `@name` (ASCII letters, digits, `_`), a hashtag `#كلمة_أخرى` (letters of any
//!   script, digits, marks, `_`);
//! - an emoji with its modifiers, variation selectors and ZWJ sequence, a flag, a keycap;
//! - a run of the same dot, `!`, `?`, `؟`, dash or tatweel (`...`, `؟؟`, `--`).
//!
//! What splits: spaces; every punctuation mark (each Arabic `، ؛ ؟ « »` is its own token);
//! symbols; a change of script between Arabic and any other letters; digits next to Arabic
//! letters (`2020م` is `2020` + `م`), while Latin letters and digits stay together (`G20`,
//! `mp3`, `4G`); a hyphen (`COVID-19` is three tokens). An apostrophe between Latin letters
//! stays inside (`don't`).
//!
//! Speed: an Arabic word is scanned four characters at a time over the common two-byte letters
//! and marks; other characters are classified by one table load (U+0000–U+07FF, which covers
//! ASCII and the Arabic block, and the General Punctuation block; the tables are built once from
//! the Unicode general category and emoji properties) or, for the rest, by those properties
//! directly. Every look-ahead is bounded by the token it builds, and failed URL/email attempts
//! are remembered, so the walk is linear even on a 100 MB string without a space.

use super::chars::is_space;
use unicode_properties::emoji::{EmojiStatus, UnicodeEmoji};
use unicode_properties::general_category::{
    GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory,
};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum TokenKind {
    /// A word in Arabic script.
    Arabic = 0,
    /// A word in Latin script (letters and digits: `G20`, `mp3`).
    Latin = 1,
    /// A word in another script (Cyrillic, Hebrew, CJK ...).
    Other = 2,
    /// A number: digits of any digit set with inner separators.
    Number = 3,
    /// A punctuation mark (or a run of the same dot, `!`, `?`, `؟`, dash or tatweel).
    Punct = 4,
    /// A URL.
    Url = 5,
    /// An email address.
    Email = 6,
    /// `@name`.
    Mention = 7,
    /// `#tag`.
    Hashtag = 8,
    /// An emoji, with its modifiers and ZWJ sequence.
    Emoji = 9,
    /// A symbol (`$`, `+`, `©`, `°`), or an unassigned or private-use character.
    Symbol = 10,
    /// A proclitic split off an Arabic word (`و`, `ف`, `ب`, `ك`, `ل`, `ال`); see
    /// [`super::clitics`].
    Clitic = 11,
}

impl TokenKind {
    /// Every kind, in the order of their numbers.
    pub const ALL: [TokenKind; 12] = [
        TokenKind::Arabic,
        TokenKind::Latin,
        TokenKind::Other,
        TokenKind::Number,
        TokenKind::Punct,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Mention,
        TokenKind::Hashtag,
        TokenKind::Emoji,
        TokenKind::Symbol,
        TokenKind::Clitic,
    ];

    /// The kind's name as reported to Python (`"arabic"`, `"number"` ...).
    pub const fn name(self) -> &'static str {
        match self {
            TokenKind::Arabic => "arabic",
            TokenKind::Latin => "latin",
            TokenKind::Other => "other",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Mention => "mention",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Emoji => "emoji",
            TokenKind::Symbol => "symbol",
            TokenKind::Clitic => "clitic",
        }
    }

    /// Whether the token is a word of letters (Arabic, Latin, other script, or a clitic).
    pub const fn is_word(self) -> bool {
        matches!(
            self,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Other | TokenKind::Clitic
        )
    }
}

/// One token: the half-open UTF-8 byte span `start..end` of the text, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the string it was found in).
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The tokens of `text`, in order (see the module docs for the rules).
///
/// ```
/// use khabar::tokenize::{words, TokenKind};
/// let text = "بلغ النمو 3.5% في 1.1.2020، انظر www.example.com";
/// let toks: Vec<(&str, TokenKind)> = words(text).map(|t| (t.text(text), t.kind)).collect();
/// assert_eq!(toks, [
///     ("بلغ", TokenKind::Arabic), ("النمو", TokenKind::Arabic), ("3.5", TokenKind::Number),
///     ("%", TokenKind::Punct), ("في", TokenKind::Arabic), ("1.1.2020", TokenKind::Number),
///     ("،", TokenKind::Punct), ("انظر", TokenKind::Arabic), ("www.example.com", TokenKind::Url),
/// ]);
/// ```
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        no_domain_before: 0,
        no_email_before: 0,
    }
}

/// Iterator over the tokens of a text; see [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    /// A bare-domain attempt that started before this byte already failed (see `domain_end`).
    no_domain_before: usize,
    /// An email attempt that started before this byte already failed.
    no_email_before: usize,
}

/// Script of a letter, for deciding where words of different scripts split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Latin,
    Other,
}

/// Character classes the tokenizer distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Separates tokens: spaces, controls, invisible format characters.
    Space,
    /// ZWNJ, ZWJ, soft hyphen: inside a word when a letter follows, else a gap.
    Joiner,
    Letter(Script),
    /// A decimal digit of any digit set.
    Digit,
    /// A combining mark (Mn, Mc, Me), variation selectors included.
    Mark,
    Tatweel,
    Punct,
    Symbol,
    /// An emoji with default emoji presentation (or a regional indicator, a skin tone).
    Emoji,
    /// A character that is an emoji only when U+FE0F or a skin tone follows (`©`, `☀`, `‼`).
    EmojiText,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::Space,
        0..=0x1f | 0x7f => Class::Space,
        b'A'..=b'Z' | b'a'..=b'z' => Class::Letter(Script::Latin),
        b'0'..=b'9' => Class::Digit,
        b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' => Class::Symbol,
        _ => Class::Punct,
    }
}

static ASCII: [Class; 128] = {
    let mut t = [Class::Space; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
};

/// Classes of U+0000–U+07FF (ASCII, Latin-1, the Arabic block) and of the General
/// Punctuation block U+2000–U+206F, computed once from the Unicode properties.
struct Tables {
    low: [Class; 0x800],
    punct: [Class; 0x70],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Box<Tables>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new(Tables {
            low: [Class::Space; 0x800],
            punct: [Class::Space; 0x70],
        });
        for u in 0..0x800u32 {
            t.low[u as usize] = match char::from_u32(u) {
                Some(c) if u < 0x80 => ascii_class(c as u8),
                Some(c) => classify_slow(c),
                None => Class::Symbol,
            };
        }
        for u in 0..0x70u32 {
            t.punct[u as usize] = char::from_u32(0x2000 + u).map_or(Class::Symbol, classify_slow);
        }
        t
    })
}

#[inline(always)]
fn classify(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        ASCII[u as usize]
    } else if u < 0x800 {
        tables().low[u as usize]
    } else if (0x2000..0x2070).contains(&u) {
        tables().punct[(u - 0x2000) as usize]
    } else {
        classify_slow(c)
    }
}

#[cold]
fn classify_slow(c: char) -> Class {
    match c {
        '\u{064b}'..='\u{065f}' | '\u{0670}' => return Class::Mark,
        '\u{0640}' => return Class::Tatweel,
        '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' => return Class::Digit,
        '\u{200c}' | '\u{200d}' | '\u{00ad}' => return Class::Joiner,
        _ if is_space(c) => return Class::Space,
        _ => {}
    }
    match c.emoji_status() {
        EmojiStatus::EmojiPresentation
        | EmojiStatus::EmojiPresentationAndModifierBase
        | EmojiStatus::EmojiPresentationAndEmojiComponent
        | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent => return Class::Emoji,
        EmojiStatus::EmojiModifierBase | EmojiStatus::EmojiOther => return Class::EmojiText,
        _ => {}
    }
    let gc = c.general_category();
    match c.general_category_group() {
        GeneralCategoryGroup::Letter => Class::Letter(script_of(c)),
        GeneralCategoryGroup::Mark => Class::Mark,
        GeneralCategoryGroup::Number if gc == GeneralCategory::DecimalNumber => Class::Digit,
        GeneralCategoryGroup::Number | GeneralCategoryGroup::Symbol => Class::Symbol,
        GeneralCategoryGroup::Punctuation => Class::Punct,
        GeneralCategoryGroup::Separator => Class::Space,
        GeneralCategoryGroup::Other => match gc {
            GeneralCategory::Control | GeneralCategory::Format => Class::Space,
            _ => Class::Symbol, // private use, unassigned
        },
    }
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x0600..=0x06ff
        | 0x0750..=0x077f
        | 0x0870..=0x08ff
        | 0xfb50..=0xfdff
        | 0xfe70..=0xfeff
        | 0x10e60..=0x10eff
        | 0x1ee00..=0x1eeff => Script::Arabic,
        0x41..=0x7a
        | 0xaa
        | 0xba
        | 0xc0..=0x24f
        | 0x1e00..=0x1eff
        | 0x2c60..=0x2c7f
        | 0xa720..=0xa7ff
        | 0xab30..=0xab6f
        | 0xff21..=0xff5a => Script::Latin,
        _ => Script::Other,
    }
}

/// Punctuation whose runs form one token.
fn merges_runs(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '-' | '–' | '—' | '_' | '=' | '*' | '~' | '\u{0640}'
    )
}

/// Separators allowed between two digits of a number.
fn number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | '/' | ':' | '؍')
}

/// Characters that close a URL when they end it (trimmed off the URL).
fn url_trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | ')'
            | ']'
            | '}'
            | '>'
            | '»'
            | '…'
            | '،'
            | '؛'
            | '؟'
            | '”'
            | '’'
    )
}

/// Characters that cannot be inside a URL at all.
fn url_stop(c: char) -> bool {
    matches!(c, '"' | '<' | '>' | '«' | '»' | '“' | '”' | '،' | '؛') || is_space(c)
}

/// Generic top-level domains accepted for bare domains; any two-letter label is a country code.
const GENERIC_TLDS: &[&str] = &[
    "com", "net", "org", "info", "gov", "edu", "mil", "int", "biz", "name", "pro", "news",
    "online", "site", "app", "tech", "media", "live", "store", "blog", "website", "world", "today",
    "press",
];

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

#[inline]
fn class_at(text: &str, i: usize) -> Option<(char, Class)> {
    char_at(text, i).map(|c| (c, classify(c)))
}

fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1f3fb}'..='\u{1f3ff}')
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// Skip combining marks (variation selectors included) from `i`.
#[inline]
fn absorb_marks(text: &str, mut i: usize) -> usize {
    while let Some((c, Class::Mark)) = class_at(text, i) {
        i += c.len_utf8();
    }
    i
}

/// Starts `text[i..]` with `prefix`, ASCII case-insensitively?
fn starts_with_ci(text: &str, i: usize, prefix: &str) -> bool {
    text.as_bytes()
        .get(i..i + prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// End of a run of dot-separated ASCII labels from `i`, with the number of labels and the
/// start of the last one. A dot must be followed by a label byte to belong to the run.
fn label_run(bytes: &[u8], i: usize) -> (usize, usize, usize) {
    let mut end = i;
    let mut labels = 0;
    let mut last = i;
    loop {
        let s = end;
        while end < bytes.len() && is_label_byte(bytes[end]) {
            end += 1;
        }
        if end == s {
            break;
        }
        labels += 1;
        last = s;
        if end + 1 < bytes.len() && bytes[end] == b'.' && is_label_byte(bytes[end + 1]) {
            end += 1;
        } else {
            break;
        }
    }
    (end, labels, last)
}

fn is_domain_tld(label: &[u8], generic_too: bool) -> bool {
    if !label.iter().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    label.len() == 2 || (generic_too && GENERIC_TLDS.iter().any(|t| t.as_bytes() == label))
}

impl<'a> Words<'a> {
    /// End of the URL starting at `start` with a scheme or `www.`, if it is one.
    fn scheme_url_end(&self, start: usize) -> Option<usize> {
        let text = self.text;
        let prefix = ["https://", "http://", "ftp://", "www."]
            .into_iter()
            .find(|p| starts_with_ci(text, start, p))?;
        let body = start + prefix.len();
        let mut end = body;
        while let Some(c) = char_at(text, end) {
            if url_stop(c) {
                break;
            }
            end += c.len_utf8();
        }
        let end = trim_url(text, start, end);
        (end > body).then_some(end)
    }

    /// End of a bare domain (`example.com`, `bbc.co.uk/arabic`) starting at `start`.
    fn domain_end(&mut self, start: usize) -> Option<usize> {
        if start < self.no_domain_before {
            return None;
        }
        let bytes = self.text.as_bytes();
        let (end, labels, last) = label_run(bytes, start);
        let ok = labels >= 2
            && is_domain_tld(&bytes[last..end], true)
            && bytes[start].is_ascii_alphanumeric()
            && !bytes
                .get(end)
                .is_some_and(|&b| b == b'@' || b == b'_' || b.is_ascii_alphanumeric());
        if !ok {
            // Any later start inside this run reaches the same end and last label: it fails too.
            self.no_domain_before = end;
            return None;
        }
        if bytes.get(end) == Some(&b'/') {
            let mut e = end;
            while let Some(c) = char_at(self.text, e) {
                if url_stop(c) {
                    break;
                }
                e += c.len_utf8();
            }
            return Some(trim_url(self.text, start, e));
        }
        Some(end)
    }

    /// End of an email address starting at `start`.
    fn email_end(&mut self, start: usize) -> Option<usize> {
        if start < self.no_email_before {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut at = start;
        while at < bytes.len()
            && (bytes[at].is_ascii_alphanumeric()
                || matches!(bytes[at], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            at += 1;
        }
        if bytes.get(at) != Some(&b'@') {
            self.no_email_before = at;
            return None;
        }
        let (end, labels, last) = label_run(bytes, at + 1);
        let tld = &bytes[last..end];
        if labels >= 2 && tld.len() >= 2 && tld.iter().all(|b| b.is_ascii_alphabetic()) {
            Some(end)
        } else {
            self.no_email_before = at;
            None
        }
    }

    /// End of a word starting at `start`; `script` is fixed by its first letter.
    fn word_end(&self, start: usize, mut script: Option<Script>) -> (usize, Option<Script>) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = start;
        let mut prev_letter = false;
        loop {
            // Fast paths over the common letters; everything else goes through the classes.
            match script {
                Some(Script::Arabic) => i = arabic_run(bytes, i),
                Some(Script::Latin) => {
                    let j = ascii_alnum_run(bytes, i);
                    if j > i {
                        prev_letter = bytes[j - 1].is_ascii_alphabetic();
                        i = j;
                    }
                }
                _ => {}
            }
            let Some((c, cls)) = class_at(text, i) else {
                break;
            };
            let ok = match cls {
                Class::Letter(s) => match script {
                    None => {
                        script = Some(s);
                        true
                    }
                    Some(have) => have == s,
                },
                Class::Mark => true,
                Class::Tatweel => script.is_none_or(|s| s == Script::Arabic),
                Class::Digit => matches!(script, Some(Script::Latin | Script::Other)),
                Class::Joiner => {
                    // Inside the word only when a letter of the same script or a mark follows.
                    let mut j = i;
                    while let Some((jc, Class::Joiner)) = class_at(text, j) {
                        j += jc.len_utf8();
                    }
                    match class_at(text, j) {
                        Some((_, Class::Letter(s))) => script.is_none_or(|have| have == s),
                        Some((_, Class::Mark)) => true,
                        _ => false,
                    }
                }
                Class::Punct
                    if (c == '\'' || c == '’') && prev_letter && script == Some(Script::Latin) =>
                {
                    matches!(
                        class_at(text, i + c.len_utf8()),
                        Some((_, Class::Letter(Script::Latin)))
                    )
                }
                _ => false,
            };
            if !ok {
                break;
            }
            prev_letter = matches!(cls, Class::Letter(_));
            i += c.len_utf8();
        }
        (i, script)
    }

    /// End of a number starting at `start` (a digit), and whether it continues as a Latin word.
    fn number_end(&self, start: usize) -> (usize, TokenKind) {
        let text = self.text;
        let mut i = start;
        let mut separated = false;
        loop {
            while let Some((c, Class::Digit)) = class_at(text, i) {
                i += c.len_utf8();
            }
            match char_at(text, i) {
                Some(sep) if number_separator(sep) => {
                    let after = i + sep.len_utf8();
                    if matches!(class_at(text, after), Some((_, Class::Digit))) {
                        separated = true;
                        i = after;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if !separated && matches!(class_at(text, i), Some((_, Class::Letter(Script::Latin)))) {
            let (end, _) = self.word_end(start, Some(Script::Latin));
            return (end, TokenKind::Latin);
        }
        (i, TokenKind::Number)
    }

    /// End of an emoji (sequence) starting at `start`.
    fn emoji_end(&self, start: usize) -> usize {
        let text = self.text;
        let first = char_at(text, start).expect("called on a character");
        let mut i = start + first.len_utf8();
        if is_regional_indicator(first) {
            if let Some(c) = char_at(text, i).filter(|&c| is_regional_indicator(c)) {
                i += c.len_utf8();
            }
            return i;
        }
        loop {
            while let Some(c) = char_at(text, i) {
                if matches!(
                    c,
                    '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{e0020}'..='\u{e007f}'
                ) || is_skin_tone(c)
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            if char_at(text, i) == Some('\u{200d}') {
                let after = i + '\u{200d}'.len_utf8();
                if let Some((c, Class::Emoji | Class::EmojiText)) = class_at(text, after) {
                    i = after + c.len_utf8();
                    continue;
                }
            }
            return i;
        }
    }

    /// End of a keycap emoji (`1️⃣`, `#⃣`) starting at `start`, if it is one.
    fn keycap_end(&self, start: usize) -> Option<usize> {
        let mut i = start + 1;
        if char_at(self.text, i) == Some('\u{fe0f}') {
            i += 3;
        }
        (char_at(self.text, i) == Some('\u{20e3}')).then_some(i + 3)
    }

    /// The token starting at `start`, a character of class `cls`.
    fn token_at(&mut self, start: usize, c: char, cls: Class) -> (usize, TokenKind) {
        let text = self.text;
        let next = start + c.len_utf8();
        match cls {
            Class::Letter(Script::Latin) if c.is_ascii() => {
                if let Some(end) = self.scheme_url_end(start) {
                    return (end, TokenKind::Url);
                }
                if let Some(end) = self.email_end(start) {
                    return (end, TokenKind::Email);
                }
                if let Some(end) = self.domain_end(start) {
                    return (end, TokenKind::Url);
                }
                (self.word_end(start, None).0, TokenKind::Latin)
            }
            Class::Letter(_) | Class::Mark => match self.word_end(start, None) {
                (end, Some(Script::Arabic)) => (end, TokenKind::Arabic),
                (end, Some(Script::Latin)) => (end, TokenKind::Latin),
                (end, Some(Script::Other)) => (end, TokenKind::Other),
                (end, None) => (end, TokenKind::Symbol),
            },
            Class::Digit => {
                if c.is_ascii_digit() {
                    if let Some(end) = self.keycap_end(start) {
                        return (end, TokenKind::Emoji);
                    }
                    if let Some(end) = self.email_end(start) {
                        return (end, TokenKind::Email);
                    }
                    if let Some(end) = self.domain_end(start) {
                        return (end, TokenKind::Url);
                    }
                }
                self.number_end(start)
            }
            Class::Tatweel => {
                let mut i = next;
                while char_at(text, i) == Some('\u{0640}') {
                    i += 2;
                }
                match class_at(text, i) {
                    Some((_, Class::Letter(Script::Arabic) | Class::Mark)) => (
                        self.word_end(start, Some(Script::Arabic)).0,
                        TokenKind::Arabic,
                    ),
                    _ => (i, TokenKind::Punct),
                }
            }
            Class::Punct => {
                if c == '@' {
                    let bytes = text.as_bytes();
                    let mut i = next;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    if i > next {
                        return (i, TokenKind::Mention);
                    }
                } else if c == '#' || c == '*' {
                    if let Some(end) = self.keycap_end(start) {
                        return (end, TokenKind::Emoji);
                    }
                    if c == '#' {
                        if let Some(end) = self.hashtag_end(next) {
                            return (end, TokenKind::Hashtag);
                        }
                    }
                }
                if merges_runs(c) {
                    let mut i = next;
                    while char_at(text, i) == Some(c) {
                        i += c.len_utf8();
                    }
                    return (i, TokenKind::Punct);
                }
                (next, TokenKind::Punct)
            }
            Class::Emoji => (self.emoji_end(start), TokenKind::Emoji),
            Class::EmojiText => match char_at(text, next) {
                Some(n) if n == '\u{fe0f}' || is_skin_tone(n) => {
                    (self.emoji_end(start), TokenKind::Emoji)
                }
                _ if c.general_category_group() == GeneralCategoryGroup::Punctuation => {
                    (next, TokenKind::Punct)
                }
                _ => (next, TokenKind::Symbol),
            },
            Class::Symbol => (next, TokenKind::Symbol),
            Class::Space | Class::Joiner => unreachable!("gaps are skipped before a token starts"),
        }
    }

    /// End of a hashtag whose body starts at `body` (after `#`); it needs a letter.
    fn hashtag_end(&self, body: usize) -> Option<usize> {
        let text = self.text;
        let mut i = body;
        let mut letters = false;
        while let Some((c, cls)) = class_at(text, i) {
            match cls {
                Class::Letter(_) => letters = true,
                Class::Digit | Class::Mark | Class::Tatweel => {}
                Class::Punct if c == '_' => {}
                Class::Joiner
                    if matches!(
                        class_at(text, i + c.len_utf8()),
                        Some((_, Class::Letter(_)))
                    ) => {}
                _ => break,
            }
            i += c.len_utf8();
        }
        letters.then_some(i)
    }
}

/// End of a run of two-byte characters that always continue an Arabic word: the letters
/// U+0621–U+063A and U+0641–U+064A, tatweel, the marks U+064B–U+065F and U+0670, and the
/// letters U+066E–U+067F. Everything else (digits, ٪ ٫ ٬ ٭, other blocks) is left to the classes.
#[inline(always)]
fn arabic_run(bytes: &[u8], mut i: usize) -> usize {
    // Four characters at a time without branches between them, then one at a time.
    while let Some(w) = bytes.get(i..i + 8) {
        if arabic_pair(w[0], w[1])
            & arabic_pair(w[2], w[3])
            & arabic_pair(w[4], w[5])
            & arabic_pair(w[6], w[7])
        {
            i += 8;
        } else {
            break;
        }
    }
    while i + 1 < bytes.len() && arabic_pair(bytes[i], bytes[i + 1]) {
        i += 2;
    }
    i
}

/// Second bytes that continue an Arabic word after the lead bytes 0xD8 and 0xD9 (see
/// [`arabic_run`]), indexed by the low six bits.
static ARABIC_SECOND: [[bool; 64]; 2] = {
    let mut t = [[false; 64]; 2];
    let mut b = 0;
    while b < 64 {
        t[0][b] = b >= 0x21 && b <= 0x3a; // U+0621–U+063A
        t[1][b] = !(b >= 0x20 && b <= 0x2d); // U+0640–U+067F but digits and ٪ ٫ ٬ ٭
        b += 1;
    }
    t
};

#[inline(always)]
fn arabic_pair(b0: u8, b1: u8) -> bool {
    let lead = b0.wrapping_sub(0xd8) as usize;
    (lead < 2) & ((b1 & 0xc0) == 0x80) & ARABIC_SECOND[lead & 1][(b1 & 0x3f) as usize]
}

#[inline(always)]
fn ascii_alnum_run(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// Whether `bytes[i..]` starts with an Arabic letter of U+0621–U+063A or U+0641–U+064A.
#[inline(always)]
fn starts_arabic_letter(bytes: &[u8], i: usize) -> bool {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(0xd8), Some(b1)) => (0xa1..=0xba).contains(b1),
        (Some(0xd9), Some(b1)) => (0x81..=0x8a).contains(b1),
        _ => false,
    }
}

fn trim_url(text: &str, start: usize, mut end: usize) -> usize {
    while let Some(c) = text[start..end].chars().next_back() {
        if !url_trailing(c) {
            break;
        }
        if c == ')' {
            let url = &text[start..end];
            if url.matches('(').count() >= url.matches(')').count() {
                break; // a balanced parenthesis belongs to the URL (Wikipedia links)
            }
        }
        end -= c.len_utf8();
    }
    end
}

impl Iterator for Words<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            // Gaps: ASCII spaces in a tight loop, then anything else classified.
            while self.pos < bytes.len() && bytes[self.pos] == b' ' {
                self.pos += 1;
            }
            let start = self.pos;
            if starts_arabic_letter(bytes, start) {
                // The common case: an Arabic word (it takes its marks itself). ASCII never
                // continues one, so a run that stops at ASCII is the whole word.
                let run = arabic_run(bytes, start);
                let end = if run >= bytes.len() || bytes[run] < 0x80 {
                    run
                } else {
                    self.word_end(run, Some(Script::Arabic)).0
                };
                self.pos = end;
                return Some(Token {
                    start,
                    end,
                    kind: TokenKind::Arabic,
                });
            }
            let c = char_at(text, start)?;
            let cls = classify(c);
            if matches!(cls, Class::Space | Class::Joiner) {
                self.pos += c.len_utf8();
                continue;
            }
            let (end, kind) = self.token_at(start, c, cls);
            let end = absorb_marks(text, end);
            self.pos = end;
            return Some(Token { start, end, kind });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        words(text).map(|t| (t.text(text), t.kind)).collect()
    }

    /// (input, expected tokens)
    const CASES: &[(&str, &[(&str, TokenKind)])] = &[
        ("", &[]),
        ("  \n\t ", &[]),
        ("كتاب", &[("كتاب", Arabic)]),
        // marks, tatweel and joiners stay inside the word
        ("الْكِتَابُ الجديد", &[("الْكِتَابُ", Arabic), ("الجديد", Arabic)]),
        ("كتــاب", &[("كتــاب", Arabic)]),
        (
            "الـ15 الـ",
            &[("الـ", Arabic), ("15", Number), ("الـ", Arabic)],
        ),
        ("می\u{200c}خواهم", &[("می\u{200c}خواهم", Arabic)]),
        ("كلمة\u{200c} أخرى", &[("كلمة", Arabic), ("أخرى", Arabic)]),
        ("\u{064e}كتب", &[("\u{064e}كتب", Arabic)]),
        ("كتب \u{064e}", &[("كتب", Arabic), ("\u{064e}", Symbol)]),
        // decimals, thousands, dates, times never split
        (
            "3.14 ٣٫١٤ ٣.١٤ 1,000 ١٬٠٠٠",
            &[
                ("3.14", Number),
                ("٣٫١٤", Number),
                ("٣.١٤", Number),
                ("1,000", Number),
                ("١٬٠٠٠", Number),
            ],
        ),
        (
            "في 1.1.2020. ثم",
            &[
                ("في", Arabic),
                ("1.1.2020", Number),
                (".", Punct),
                ("ثم", Arabic),
            ],
        ),
        (
            "١٢/٣/٢٠٢٠ 10:30",
            &[("١٢/٣/٢٠٢٠", Number), ("10:30", Number)],
        ),
        ("3.5%", &[("3.5", Number), ("%", Punct)]),
        ("2020م", &[("2020", Number), ("م", Arabic)]),
        ("3.5km", &[("3.5", Number), ("km", Latin)]),
        (
            "G20 mp3 4G COVID-19",
            &[
                ("G20", Latin),
                ("mp3", Latin),
                ("4G", Latin),
                ("COVID", Latin),
                ("-", Punct),
                ("19", Number),
            ],
        ),
        ("-5", &[("-", Punct), ("5", Number)]),
        // Arabic punctuation: each its own token
        (
            "قال، ثم؛ لماذا؟ «نعم»",
            &[
                ("قال", Arabic),
                ("،", Punct),
                ("ثم", Arabic),
                ("؛", Punct),
                ("لماذا", Arabic),
                ("؟", Punct),
                ("«", Punct),
                ("نعم", Arabic),
                ("»", Punct),
            ],
        ),
        (
            "حقا؟! نعم... لا؟؟",
            &[
                ("حقا", Arabic),
                ("؟", Punct),
                ("!", Punct),
                ("نعم", Arabic),
                ("...", Punct),
                ("لا", Arabic),
                ("؟؟", Punct),
            ],
        ),
        (
            "لندن ـ «القدس»",
            &[
                ("لندن", Arabic),
                ("ـ", Punct),
                ("«", Punct),
                ("القدس", Arabic),
                ("»", Punct),
            ],
        ),
        // URLs and emails
        (
            "انظر https://example.com/a?b=1.",
            &[
                ("انظر", Arabic),
                ("https://example.com/a?b=1", Url),
                (".", Punct),
            ],
        ),
        (
            "(www.bbc.co.uk/arabic)",
            &[("(", Punct), ("www.bbc.co.uk/arabic", Url), (")", Punct)],
        ),
        (
            "https://ar.wikipedia.org/wiki/مصر_(توضيح)",
            &[("https://ar.wikipedia.org/wiki/مصر_(توضيح)", Url)],
        ),
        (
            "موقع alarabiya.net، و",
            &[
                ("موقع", Arabic),
                ("alarabiya.net", Url),
                ("،", Punct),
                ("و", Arabic),
            ],
        ),
        (
            "e.g. U.S. Mr.Smith",
            &[
                ("e", Latin),
                (".", Punct),
                ("g", Latin),
                (".", Punct),
                ("U", Latin),
                (".", Punct),
                ("S", Latin),
                (".", Punct),
                ("Mr", Latin),
                (".", Punct),
                ("Smith", Latin),
            ],
        ),
        (
            "راسلنا info@example.com.sa.",
            &[
                ("راسلنا", Arabic),
                ("info@example.com.sa", Email),
                (".", Punct),
            ],
        ),
        ("user@host", &[("user", Latin), ("@host", Mention)]),
        // mentions, hashtags
        (
            "@Khabar_News: #السعودية #رؤية_2030 #1",
            &[
                ("@Khabar_News", Mention),
                (":", Punct),
                ("#السعودية", Hashtag),
                ("#رؤية_2030", Hashtag),
                ("#", Punct),
                ("1", Number),
            ],
        ),
        // emoji
        (
            "رائع👍🏽 ❤️ 👨\u{200d}👩\u{200d}👧 🇸🇦 1\u{fe0f}\u{20e3}",
            &[
                ("رائع", Arabic),
                ("👍🏽", Emoji),
                ("❤️", Emoji),
                ("👨\u{200d}👩\u{200d}👧", Emoji),
                ("🇸🇦", Emoji),
                ("1\u{fe0f}\u{20e3}", Emoji),
            ],
        ),
        (
            "© 2020 ☀",
            &[("©", Symbol), ("2020", Number), ("☀", Symbol)],
        ),
        // symbols, mixed scripts, apostrophes
        (
            "$100 + 5°",
            &[
                ("$", Symbol),
                ("100", Number),
                ("+", Symbol),
                ("5", Number),
                ("°", Symbol),
            ],
        ),
        ("iPhoneالجديد", &[("iPhone", Latin), ("الجديد", Arabic)]),
        ("don't l'Orient", &[("don't", Latin), ("l'Orient", Latin)]),
        ("Москва 北京", &[("Москва", Other), ("北京", Other)]),
        // invisible characters are gaps
        (
            "\u{feff}كلمة\u{200f} \u{200b}أخرى",
            &[("كلمة", Arabic), ("أخرى", Arabic)],
        ),
    ];

    #[test]
    fn table() {
        for (input, expected) in CASES {
            assert_eq!(&toks(input), expected, "input {input:?}");
        }
    }

    fn check_invariants(text: &str) {
        let mut prev = 0;
        for t in words(text) {
            assert!(
                prev <= t.start && t.start < t.end && t.end <= text.len(),
                "{text:?} {t:?}"
            );
            for c in text[prev..t.start].chars() {
                assert!(
                    matches!(classify(c), Class::Space | Class::Joiner),
                    "{text:?}: {c:?} in a gap"
                );
            }
            prev = t.end;
        }
        for c in text[prev..].chars() {
            assert!(
                matches!(classify(c), Class::Space | Class::Joiner),
                "{text:?}: {c:?} at the end"
            );
        }
    }

    #[test]
    fn invariants_on_the_table() {
        for (input, _) in CASES {
            check_invariants(input);
        }
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        // The ASCII table and the Arabic fast path must say what the general category says.
        for u in 0u32..0x800 {
            let Some(c) = char::from_u32(u) else { continue };
            let fast = classify(c);
            let gc = c.general_category_group();
            match fast {
                Class::Letter(_) => assert_eq!(gc, GeneralCategoryGroup::Letter, "{c:?}"),
                Class::Digit => assert_eq!(
                    c.general_category(),
                    GeneralCategory::DecimalNumber,
                    "{c:?}"
                ),
                Class::Mark => assert_eq!(gc, GeneralCategoryGroup::Mark, "{c:?}"),
                Class::Punct => assert_eq!(gc, GeneralCategoryGroup::Punctuation, "{c:?}"),
                Class::Symbol => assert!(
                    matches!(
                        gc,
                        GeneralCategoryGroup::Symbol
                            | GeneralCategoryGroup::Number
                            | GeneralCategoryGroup::Other
                    ),
                    "{c:?}"
                ),
                _ => {}
            }
        }
    }

    #[test]
    fn linear_on_pathological_input() {
        for text in [
            "a.".repeat(300_000),
            "ab@".repeat(200_000),
            "1.".repeat(300_000),
            "ا".repeat(1_000_000),
            "\u{064e}".repeat(500_000),
            "\u{200c}".repeat(500_000) + "ا",
            "ـ".repeat(500_000),
        ] {
            // A quadratic path would not finish: the test run's own timeout catches it.
            check_invariants(&text);
        }
    }
}
