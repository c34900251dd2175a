//! HTML character references left in text: `&#1575;`, `&#x627;`, and the named references
//! text on the web actually carries (`&quot;`, `&amp;`, `&nbsp;` ...). A reference is decoded
//! only when it is complete (ends in `;`) and names a character: `R&D;` and `&unknown;` stay.

/// The named references decoded, with their characters.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("nbsp", '\u{A0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("rlm", '\u{200F}'),
    ("lrm", '\u{200E}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("middot", '·'),
    ("times", '×'),
];

/// The character a reference body (between `&` and `;`) stands for.
fn reference(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters a text can hold.
        return char::from_u32(value).filter(|&c| c != '\0');
    }
    NAMED.iter().find(|(n, _)| *n == body).map(|&(_, c)| c)
}

/// `text` with its references decoded and how many there were; `None` when there were none.
pub fn decode(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut done = 0;
    let mut count = 0;
    let mut from = 0;
    while let Some(k) = text[from..].find('&') {
        let amp = from + k;
        let body_end = text[amp + 1..].char_indices().take(10).find(|&(_, c)| c == ';').map(|(i, _)| amp + 1 + i);
        from = amp + 1;
        let Some(end) = body_end else { continue };
        let Some(c) = reference(&text[amp + 1..end]) else { continue };
        out.push_str(&text[done..amp]);
        out.push(c);
        done = end + 1;
        from = end + 1;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[done..]);
    Some((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(decode("&#1575;&#x644;").unwrap().0, "ال");
        assert_eq!(decode("قال &quot;نعم&quot; &amp; مضى").unwrap(), ("قال \"نعم\" & مضى".to_string(), 3));
        assert_eq!(decode("R&D; &unknown; & x; &#0; &#xD800;"), None);
        assert_eq!(decode("a &amp;amp; b").unwrap().0, "a &amp; b");
    }
}
