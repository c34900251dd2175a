//! White space: Unicode spaces to ASCII, runs collapsed, line breaks kept or not, ends trimmed.
//!
//! `ascii_spaces` is a table entry per space. `normalize_whitespace` hands every white-space
//! code point to the [`space`] handler: a space after text becomes one U+0020, a space after a
//! space, a line break or nothing is removed, and the [`trim_end`] step removes what is left at
//! the end. With `keep_newlines`, line breaks go to the [`line_break`] handler instead: a line
//! feed after text, at most one blank line, no space before it.
//!
//! The ASCII space and line feed carry hints ([`KEPT_AFTER_TEXT`], [`DROPPED_AFTER_SPACE`]) so
//! the engine's hot loop and the block scanner handle the common cases without the handler.

use super::super::pass::Pass;
use super::super::rule::{Handler, Rule, Value};
use super::super::table::{Entry, TableBuilder, DROPPED_AFTER_SPACE, KEPT_AFTER_TEXT};
use crate::text::spaces::{every, NEXT_LINE};
use crate::text::{is_line_break, is_whitespace};

/// `ascii_spaces`.
pub const ASCII_SPACES: Rule = Rule::on_off(
    "ascii_spaces",
    "whitespace",
    "every Unicode space (NBSP, thin, em ... spaces) to U+0020, one for one, runs kept",
    ascii_spaces,
);
/// `normalize_whitespace`.
pub const NORMALIZE_WHITESPACE: Rule = Rule::on_off(
    "normalize_whitespace",
    "whitespace",
    "every Unicode space to U+0020, runs collapsed, spaces at line ends and text ends removed",
    normalize_whitespace,
);
/// `keep_newlines`.
pub const KEEP_NEWLINES: Rule = Rule::on_off(
    "keep_newlines",
    "whitespace",
    "with normalize_whitespace: keep line breaks (as \\n, at most one blank line) instead of turning them into spaces",
    keep_newlines,
);

/// Line breaks to this rule: the crate's, and NEL.
fn breaks_line(c: char) -> bool {
    is_line_break(c) || c == NEXT_LINE
}

fn ascii_spaces(t: &mut TableBuilder, _: Value) {
    // The horizontal spaces outside ASCII (tab, VT and FF stay what they are).
    for c in every(is_whitespace).filter(|&c| !c.is_ascii() && !breaks_line(c)) {
        t.map(c, " ");
    }
}

fn normalize_whitespace(t: &mut TableBuilder, _: Value) {
    for c in every(is_whitespace) {
        let hints = match c {
            ' ' => KEPT_AFTER_TEXT | DROPPED_AFTER_SPACE,
            _ => DROPPED_AFTER_SPACE,
        };
        t.context(c, Handler::Space.context(0, hints));
    }
    t.step(Handler::TrimEnd as u8);
}

fn keep_newlines(t: &mut TableBuilder, _: Value) {
    for c in every(breaks_line) {
        if matches!(t.entry(c), Some(Entry::Context(k)) if k.handler == Handler::Space as u8) {
            let hints = if c == '\n' { KEPT_AFTER_TEXT } else { 0 };
            t.context(c, Handler::LineBreak.context(0, hints));
        }
    }
}

/// A white-space code point at `i`: one U+0020 after text, nothing after white space.
pub fn space<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, cp: u32, len: usize) -> usize {
    match p.last_byte(i) {
        None | Some(b' ' | b'\n') => {
            p.flush(i);
            p.drop_to(i + len, 1);
        }
        _ if cp == 0x20 => {} // a single ASCII space stays in the run
        _ => p.replace(i, len, b" ", 1),
    }
    i + len
}

/// A line break at `i`, kept as `\n`: spaces before it go, and at most two in a row are
/// written (one blank line); CR before LF is one break.
pub fn line_break<const OFFSETS: bool>(p: &mut Pass<OFFSETS>, i: usize, cp: u32, len: usize) -> usize {
    p.flush(i);
    let crlf = cp == 0x0D && p.b.get(i + 1) == Some(&b'\n');
    if !crlf {
        while p.has_output() && p.out.last() == Some(&b' ') {
            p.pop_char();
        }
        let tail = p.out[p.floor..].iter().rev().take_while(|&&c| c == b'\n').count();
        if p.has_output() && tail < 2 {
            p.replace(i, len, b"\n", 1);
            return i + len;
        }
    }
    p.drop_to(i + len, 1);
    i + len
}

/// At the end of the text: no space or line break last.
pub fn trim_end<const OFFSETS: bool>(p: &mut Pass<OFFSETS>) {
    while p.has_output() && matches!(p.out.last(), Some(b' ' | b'\n')) {
        p.pop_char();
    }
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        const LINES: &[&str] = &["normalize_whitespace", "keep_newlines"];
        check(&[
            (&["normalize_whitespace"], "  a \u{00A0} b\t\u{2003}c  \n  d  ", "a b c d"),
            (&["normalize_whitespace"], "\u{85}a\u{2028}b\r\n", "a b"),
            (&["ascii_spaces"], "a\u{00A0}\u{2003}b\tc\u{3000}", "a  b\tc "),
            (LINES, " سطر  أول \r\n\r\n\n\n سطر\u{00A0}ثان \n", "سطر أول\n\nسطر ثان"),
            (LINES, "\n\n \n", ""),
            (LINES, "a\u{85}b\u{2029}c", "a\nb\nc"),
            (&["keep_newlines"], "a \n\n\n b", "a \n\n\n b"),
        ]);
    }
}
