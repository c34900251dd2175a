//! Blocks of plain text (rule P1): one block per non-blank line, trimmed of spaces.
//!
//! A line holding only spaces is blank, NBSP and a byte-order mark included, so it separates
//! blocks like an empty line, and a BOM before the first line is trimmed off that block like any
//! other space. Lines end at LF, CR, CRLF, U+2028 and U+2029. Each block carries its length in
//! code points (the rules' limits are in characters) and its matching key ([`super::keys`]),
//! built the first time a rule reads it. What one block is on its own is decided in
//! [`super::lines`]; what it is where it sits, in [`super::plain`].

use super::keys::key;
use super::lexicon::{first_word, LEXICON};
use std::cell::OnceCell;

use crate::text::is_space;

/// One non-blank line of the input.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// Byte offsets of the trimmed line in the input.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Code points in `text` (the rules' limits are in characters).
    pub chars: usize,
    /// The key and what follows from it, built the first time a rule asks: many blocks of a
    /// page (menus, footers, lists around the article) are decided on their place alone.
    keyed: OnceCell<Keyed>,
}

/// What [`Block::key`] gives and what is read off it.
#[derive(Debug, Clone)]
struct Keyed {
    key: String,
    key_chars: usize,
    opener: bool,
}

impl<'a> Block<'a> {
    /// Whether [`Block::new`] gives a block for `src[start..end]` (without building its key).
    pub fn accepts(src: &str, start: usize, end: usize) -> bool {
        src.get(start..end).is_some_and(|line| !line.trim_matches(is_space).is_empty())
    }

    /// The block of `src[start..end]` trimmed of spaces; `None` when nothing is left.
    pub fn new(src: &'a str, start: usize, end: usize) -> Option<Block<'a>> {
        let line = src.get(start..end)?;
        let text = line.trim_matches(is_space);
        if text.is_empty() {
            return None;
        }
        let start = start + (line.len() - line.trim_start_matches(is_space).len());
        let chars = crate::text::count_chars(text.as_bytes());
        Some(Block { start, end: start + text.len(), text, chars, keyed: OnceCell::new() })
    }

    fn keyed(&self) -> &Keyed {
        self.keyed.get_or_init(|| {
            let text = self.text;
            let (key, key_chars) = if text.len() > FULL_KEY_BYTES {
                let head = &text[..text.floor_char_boundary(KEY_HEAD_BYTES)];
                let tail = &text[text.ceil_char_boundary(text.len() - KEY_TAIL_BYTES)..];
                (format!("{} … {}", key(head), key(tail)), self.chars)
            } else {
                let k = key(text);
                let n = crate::text::count_chars(k.as_bytes());
                (k, n)
            };
            let opener = LEXICON.line_starts.contains(first_word(&key));
            Keyed { key, key_chars, opener }
        })
    }

    /// The matching key of `text`. For a block over [`FULL_KEY_BYTES`], only the keys of its
    /// head and tail, joined by ` … `: every line pattern looks at a line's start or its end,
    /// or needs a short line; code that maps key offsets back to the text builds a full
    /// [`Key`](super::keys::Key) instead.
    pub fn key(&self) -> &str {
        &self.keyed().key
    }

    /// Code points in the key (for a shortened key, the code points of `text`: an upper bound,
    /// compared with limits far below it).
    pub fn key_chars(&self) -> usize {
        self.keyed().key_chars
    }

    /// Whether the key starts with the first word of an anchored line pattern
    /// ([`super::lexicon::Lexicon::line_starts`]); only then can those patterns match.
    pub fn opener(&self) -> bool {
        self.keyed().opener
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

/// Splits `src` into blocks (P1); each block's key is built when first read.
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

/// Byte offset of `inner`, a subslice of `outer`, within `outer`.
pub fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::is_line_break;

    /// The first block of `text`, for the recognisers' tests.
    pub(crate) fn block(text: &str) -> Block<'_> {
        blocks(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no block in {text:?}"))
    }

    #[test]
    fn line_breaks_agree_with_is_line_break() {
        let src = "a\r\nب\u{2028}c\u{2029}\u{2027}\u{202a}\n\rد\u{85}";
        let by_chars: Vec<(usize, usize)> = src
            .char_indices()
            .filter(|&(_, c)| is_line_break(c))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        assert_eq!(line_breaks(src).collect::<Vec<_>>(), by_chars);
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

    #[test]
    fn accepts_is_new_without_the_block() {
        let src = "in \u{a0}\u{200b} سطر\u{200f}  ";
        for start in 0..=src.len() + 1 {
            for end in 0..=src.len() + 1 {
                assert_eq!(Block::accepts(src, start, end), Block::new(src, start, end).is_some(), "{start}..{end}");
            }
        }
    }
}
