//! The punctuation classes of the quality rules.
//!
//! - [`is_sentence_terminal`]: the Unicode `Sentence_Terminal` property (`.`, `!`, `?`, `؟`,
//!   `۔`, `。` ...). FineWeb's line-ending rule counts a line as ended when its last character
//!   has it.
//! - [`is_symbol_char`]: ASCII and common wide punctuation, C0/C1 controls (not `\t` or `\n`):
//!   a token made only of these is a symbol, not a word, for the word-count and word-length
//!   rules.

/// Ranges of the Unicode `Sentence_Terminal` property (Unicode 15.1).
const SENTENCE_TERMINAL: &[(u32, u32)] = &[
    (0x21, 0x21), (0x2E, 0x2E), (0x3F, 0x3F), (0x589, 0x589), (0x61D, 0x61F), (0x6D4, 0x6D4),
    (0x700, 0x702), (0x7F9, 0x7F9), (0x837, 0x837), (0x839, 0x839), (0x83D, 0x83E), (0x964, 0x965),
    (0x104A, 0x104B), (0x1362, 0x1362), (0x1367, 0x1368), (0x166E, 0x166E), (0x1735, 0x1736),
    (0x17D4, 0x17D6), (0x17D9, 0x17DA), (0x1803, 0x1803), (0x1809, 0x1809), (0x1944, 0x1945),
    (0x1AA8, 0x1AAB), (0x1B5A, 0x1B5B), (0x1B5E, 0x1B5F), (0x1B7D, 0x1B7E), (0x1C3B, 0x1C3C),
    (0x1C7E, 0x1C7F), (0x203C, 0x203D), (0x2047, 0x2049), (0x2E2E, 0x2E2E), (0x2E3C, 0x2E3C),
    (0x2E53, 0x2E54), (0x3002, 0x3002), (0xA4FF, 0xA4FF), (0xA60E, 0xA60F), (0xA6F3, 0xA6F3),
    (0xA6F7, 0xA6F7), (0xA876, 0xA877), (0xA8CE, 0xA8CF), (0xA92F, 0xA92F), (0xA9C8, 0xA9C9),
    (0xAA5D, 0xAA5F), (0xAAF0, 0xAAF1), (0xABEB, 0xABEB), (0xFE52, 0xFE52), (0xFE56, 0xFE57),
    (0xFF01, 0xFF01), (0xFF0E, 0xFF0E), (0xFF1F, 0xFF1F), (0xFF61, 0xFF61), (0x10A56, 0x10A57),
    (0x10F55, 0x10F59), (0x10F86, 0x10F89), (0x11047, 0x11048), (0x110BE, 0x110C1),
    (0x11141, 0x11143), (0x111C5, 0x111C6), (0x111CD, 0x111CD), (0x111DE, 0x111DF),
    (0x11238, 0x11239), (0x1123B, 0x1123C), (0x112A9, 0x112A9), (0x1144B, 0x1144C),
    (0x115C2, 0x115C3), (0x115C9, 0x115D7), (0x11641, 0x11642), (0x1173C, 0x1173E),
    (0x11944, 0x11944), (0x11946, 0x11946), (0x11A42, 0x11A43), (0x11A9B, 0x11A9C),
    (0x11C41, 0x11C42), (0x11EF7, 0x11EF8), (0x11F43, 0x11F44), (0x16A6E, 0x16A6F),
    (0x16AF5, 0x16AF5), (0x16B37, 0x16B38), (0x16B44, 0x16B44), (0x16E98, 0x16E98),
    (0x1BC9F, 0x1BC9F), (0x1DA88, 0x1DA88),
];

/// Whether `c` ends a sentence (Unicode `Sentence_Terminal`).
pub fn is_sentence_terminal(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return matches!(c, '!' | '.' | '?');
    }
    SENTENCE_TERMINAL
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Wide and typographic punctuation that, like ASCII punctuation, makes a token a symbol.
const SYMBOLS: &str = "—”％１〈、━【「」，】；“《„’∶´．（–？！：～«〉》）。…►»";

/// Whether `c` is punctuation or a control character for the symbol-token rule.
pub fn is_symbol_char(c: char) -> bool {
    let u = c as u32;
    (c.is_ascii_punctuation())
        || (u < 0x20 && c != '\t' && c != '\n')
        || (0x7F..0xA0).contains(&u)
        || SYMBOLS.contains(c)
        || is_sentence_terminal(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['.', '!', '?', '؟', '۔', '。'] {
            assert!(is_sentence_terminal(c), "{c}");
        }
        for c in ['،', '"', 'a', 'ب', '\u{202C}'] {
            assert!(!is_sentence_terminal(c), "{c}");
        }
        assert!(is_symbol_char('#') && is_symbol_char('«') && is_symbol_char('\u{85}'));
        assert!(!is_symbol_char('ب') && !is_symbol_char('\n'));
    }
}
