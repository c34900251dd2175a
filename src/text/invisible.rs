//! Invisible format characters: zero-width characters, bidi controls, the byte-order mark.
//!
//! Text copied from web pages and word processors carries them between and inside words. The
//! normalizer removes the [`is_invisible`] ones (`strip_invisible`); ZWNJ is not among them,
//! since it separates the parts of Persian words, and has a rule of its own. The tokenizer keeps
//! the [`is_joiner`] ones inside a word when a letter follows.

/// Zero-width non-joiner.
pub const ZWNJ: char = '\u{200C}';
/// Zero-width joiner.
pub const ZWJ: char = '\u{200D}';
/// Byte-order mark (zero-width no-break space).
pub const BOM: char = '\u{FEFF}';
/// Soft hyphen: a possible hyphenation point, invisible unless the line breaks there.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// Whether `c` is a bidi control: the Arabic letter mark, LRM, RLM, the embeddings and
/// overrides U+202A–202E and the isolates U+2066–2069.
#[inline]
pub const fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` carries no text: a bidi control, the soft hyphen, the Mongolian vowel separator,
/// ZWSP, ZWJ, the word joiner, the invisible operators U+2061–2064 or the BOM.
#[inline]
pub const fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(c, SOFT_HYPHEN | '\u{180e}' | '\u{200b}' | ZWJ | '\u{2060}'..='\u{2064}' | BOM)
}

/// Whether `c` joins the letters around it: ZWNJ, ZWJ and the soft hyphen.
#[inline]
pub const fn is_joiner(c: char) -> bool {
    matches!(c, ZWNJ | ZWJ | SOFT_HYPHEN)
}

/// Every invisible code point, in order (they all lie below U+10000).
pub fn invisibles() -> impl Iterator<Item = char> {
    ('\0'..='\u{ffff}').filter(|&c| is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_properties::general_category::{GeneralCategory, UnicodeGeneralCategory};

    #[test]
    fn invisible_characters_are_format_characters() {
        // Every one is a format character (Cf), but the Mongolian vowel separator, which
        // Unicode moved to Cf and back; ZWNJ is a joiner, not invisible.
        for c in invisibles() {
            assert!(c == '\u{180e}' || c.general_category() == GeneralCategory::Format, "{c:?}");
        }
        assert_eq!(invisibles().count(), 22);
        assert!(!is_invisible(ZWNJ) && is_joiner(ZWNJ));
        assert!(is_invisible(ZWJ) && is_joiner(ZWJ));
        assert!(is_bidi_control('\u{2067}') && !is_bidi_control(BOM));
    }
}
