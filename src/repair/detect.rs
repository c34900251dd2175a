//! The quick test: could this text hold encoding damage at all? Clean text answers no after
//! one branch-free pass over its bytes, which is what makes repairing a clean corpus cost
//! almost nothing.
//!
//! Every damage chain leaves one of these bytes in its output:
//! - `0xC3`: the characters U+00C0–00FF, which every UTF-8 lead byte and every Arabic letter of
//!   windows-1256 / ISO-8859-6 becomes when read as windows-1252 or Latin-1;
//! - `0xC2` before `0x80`–`0x9F`: a C1 control, a continuation byte read as Latin-1;
//! - `0xD0`/`0xD1`: Cyrillic, Arabic single-byte text read as windows-1251;
//! - `0xEF 0xBF 0xBD`: U+FFFD, a byte a strict decoder gave up on;
//! - `ط`/`ظ` (`0xD8 0xB7`/`0xB8`) before a character windows-1256 has at 0x80–0xBF: a UTF-8
//!   Arabic letter read as windows-1256;
//! - `&`: an HTML entity left in the text.
//!
//! A text with none of them is returned as it is. A text with some goes to the scorer, which
//! usually finds it clean too (French, Russian, prose that mentions `&`).

const CHUNK: usize = 64;

/// Whether a byte may start one of the signs above (tested exactly by [`sign_at`]).
#[inline(always)]
fn maybe(b: u8) -> bool {
    (b == 0xC3) | (b == 0xC2) | (b == 0xD0) | (b == 0xD1) | (b == 0xEF) | (b == 0xB7) | (b == 0xB8) | (b == b'&')
}

/// Whether `text` has any sign of damage.
pub fn suspicious(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    for chunk in bytes.chunks(CHUNK) {
        // Branch-free over the chunk, so the compiler vectorizes it; the exact test runs only
        // on the rare chunks that have a candidate byte.
        if chunk.iter().fold(false, |acc, &b| acc | maybe(b)) {
            let end = start + chunk.len();
            if (start..end).any(|i| sign_at(bytes, i)) {
                return true;
            }
        }
        start += chunk.len();
    }
    false
}

/// Whether a sign of damage starts at (or, for `ط`/`ظ`, ends its lead byte before) byte `i`.
pub fn sign_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match b[i] {
        0xC3 | 0xD0 | 0xD1 => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xEF => at(i + 1) == 0xBF && at(i + 2) == 0xBD,
        0xB7 | 0xB8 => i > 0 && b[i - 1] == 0xD8 && cp1256_continuation(b, i + 1),
        b'&' => entity_like(&b[i + 1..]),
        _ => false,
    }
}

/// Whether the character at byte `i` is one windows-1256 puts at 0x80–0xBF (what UTF-8
/// continuation bytes look like when read as windows-1256).
fn cp1256_continuation(b: &[u8], i: usize) -> bool {
    if i >= b.len() {
        return false;
    }
    let c = char::from_u32(crate::text::utf8::decode(b, i).0).unwrap_or('\0');
    matches!(super::codepage::CodePage::Windows1256.table().byte(c), Some(0x80..=0xBF))
}

/// `#` then a digit or `x`, or a letter run, then `;` within a few bytes.
fn entity_like(rest: &[u8]) -> bool {
    let body = &rest[..rest.len().min(10)];
    let Some(end) = body.iter().position(|&c| c == b';') else { return false };
    end > 0 && body[..end].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_has_no_sign() {
        for t in ["المملكة العربية السعودية «الرياض» \u{A0}٢٠١٥", "ضغط وظيفة", "plain ASCII & more", "", "😀 ∑ x²"] {
            assert!(!suspicious(t), "{t}");
        }
    }

    #[test]
    fn damage_has_one() {
        for t in ["Ø§Ù„", "\u{C2}\u{81}", "a\u{FFFD}", "ÇáÚÑÈíÉ", "ااا ط§ظ„", "&#1575;", "&quot;", "Привет"] {
            assert!(suspicious(t), "{t}");
        }
        let long = format!("{}Ø§", "ا".repeat(100));
        assert!(suspicious(&long));
    }
}
