//! Reading code points out of UTF-8 bytes.
//!
//! The hot loops of the crate walk bytes, not `char`s: the normalizer and the tokenizer step
//! over valid UTF-8 (it came from a `&str`) and decode a code point only where a table says it
//! matters. These helpers assume valid UTF-8 and a position on a code-point boundary, as every
//! caller has; they never read past the slice they are given.

/// The code point starting at `b[i]` and its length in bytes (`b` valid UTF-8, `i` a boundary).
#[inline(always)]
pub fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i] as u32;
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F), 3)
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// The last code point of `b` (valid UTF-8, non-empty) and its length in bytes.
pub fn last_char(b: &[u8]) -> (char, usize) {
    let mut k = b.len() - 1;
    while k > 0 && (b[k] & 0xC0) == 0x80 {
        k -= 1;
    }
    let (cp, len) = decode(b, k);
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), len)
}

/// The character starting at byte `i` of `text`, if `i` is a boundary before its end.
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// Number of code points in valid UTF-8 bytes: every byte that is not a continuation byte.
#[inline]
pub fn count_chars(bytes: &[u8]) -> usize {
    let starts = |c: &[u8]| c.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40));
    // Sixty-four bytes at a time into a byte-wide count, which the compiler vectorises.
    let mut blocks = bytes.chunks_exact(64);
    let whole: usize = (&mut blocks).map(|c| usize::from(starts(c))).sum();
    whole + usize::from(starts(blocks.remainder()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_standard_library() {
        let text = "a\u{7f}\u{80}é\u{7ff}\u{800}ب\u{0640}€\u{ffff}😀\u{10ffff}";
        let b = text.as_bytes();
        for (i, c) in text.char_indices() {
            assert_eq!(decode(b, i), (c as u32, c.len_utf8()), "at {i}");
            assert_eq!(char_at(text, i), Some(c));
            assert_eq!(last_char(&b[..i + c.len_utf8()]), (c, c.len_utf8()));
            assert_eq!(count_chars(&b[..i]), text[..i].chars().count());
        }
        assert_eq!(char_at(text, text.len()), None);
        assert_eq!(char_at(text, 3), None, "inside é");
    }

    #[test]
    fn count_chars_across_blocks() {
        // Every length up to past four 64-byte blocks, with characters of every width crossing
        // the block edges.
        let text = "بسم a\u{7ff}\u{800}€😀 ".repeat(20);
        for (i, _) in text.char_indices() {
            assert_eq!(count_chars(&text.as_bytes()[..i]), text[..i].chars().count(), "first {i} bytes");
        }
        assert_eq!(count_chars(text.as_bytes()), text.chars().count());
    }
}
