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
//!
//! - `classes`: what the tokenizer makes of each character, and the Arabic fast path.
//! - `tokens`: where a word, a number, an emoji or a hashtag that starts here ends.
//! - `links`: URLs, bare domains and email addresses.

mod classes;
mod links;
mod tokens;

use classes::{absorb_marks, arabic_run, classify, starts_arabic_letter, Class, Script};
use crate::text::utf8::char_at;

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
mod tests;
