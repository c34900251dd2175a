//! Python's view of white space and lines, for the rules that must measure as FineWeb-2 (which
//! runs in Python) does: `str.isspace`, `str.strip` and `str.splitlines`.

/// Whether Python's `str.isspace()` is true for `c`.
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r' | '\x1c'..='\x20' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}'
            | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// `s.strip()`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Whether `str.splitlines()` breaks a line at `c`.
fn is_py_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s.splitlines()`: lines without their breaks (`\r\n` is one break).
pub fn py_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_py_line_break(c) {
            out.push(&s[start..i]);
            let mut end = i + c.len_utf8();
            if c == '\r' && it.peek().map(|&(_, n)| n) == Some('\n') {
                it.next();
                end += 1;
            }
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_python() {
        assert_eq!(py_strip("\u{A0} x \u{3000}"), "x");
        assert_eq!(py_strip("\u{200F}x"), "\u{200F}x");
        assert_eq!(py_lines("a\r\nb\n\nc\u{2028}d\n"), ["a", "b", "", "c", "d"]);
        assert_eq!(py_lines(""), Vec::<&str>::new());
    }
}
