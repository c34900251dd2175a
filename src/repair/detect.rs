//! The quick test: could this text hold encoding damage at all? Clean text answers no after
//! one vector pass over its bytes, which is what makes repairing a clean corpus cost almost
//! nothing.
//!
//! Every damage chain leaves one of these signs in its output:
//! - `0xC3`: the characters U+00C0–00FF, which every UTF-8 lead byte and every Arabic letter of
//!   windows-1256 / ISO-8859-6 becomes when read as windows-1252 or Latin-1;
//! - `0xC2` before `0x80`–`0x9F`: a C1 control, a continuation byte read as Latin-1;
//! - `0xD0`/`0xD1`: Cyrillic, Arabic single-byte text read as windows-1251;
//! - `0xEF 0xBF 0xBD`: U+FFFD, a byte a strict decoder gave up on;
//! - `ط`/`ظ` (`0xD8 0xB7`/`0xB8`) before a character windows-1256 has at 0x80–0xBF (other
//!   than the punctuation clean text puts after a word ending in them): a UTF-8 Arabic letter
//!   read as windows-1256;
//! - `&`: an HTML entity left in the text.
//!
//! A text with none of them is returned as it is. A text with some goes to the scorer, which
//! usually finds it clean too (French, Russian, prose that mentions `&`).

/// Whether `text` has any sign of damage: whether [`sign_at`] holds at some byte. On x86-64
/// sixteen bytes are tested at a time (SSE2, which every x86-64 processor has) and only the
/// bytes that may start a sign are tested exactly; elsewhere, [`suspicious_scalar`].
pub fn suspicious(text: &str) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of x86-64; the scan reads only inside `text`.
        unsafe { any_sign_sse2(text.as_bytes()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        suspicious_scalar(text)
    }
}

/// [`suspicious`] one byte at a time (the reference the vector scan is tested against).
pub fn suspicious_scalar(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| sign_at(b, i))
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
unsafe fn any_sign_sse2(b: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
    let mut i = 0;
    // A block needs the byte after it too (a sign of two bytes may straddle blocks).
    while i + 17 <= b.len() {
        let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
        let next = _mm_loadu_si128(b.as_ptr().add(i + 1) as *const __m128i);
        let single = _mm_or_si128(
            _mm_or_si128(eq(v, 0xC3), _mm_or_si128(eq(v, 0xD0), eq(v, 0xD1))),
            _mm_or_si128(eq(v, 0xEF), eq(v, b'&')),
        );
        // 0xC2 before 0x80–0x9F (a C1 control).
        let c1 = _mm_and_si128(
            eq(v, 0xC2),
            eq(_mm_and_si128(next, _mm_set1_epi8(0xE0u8 as i8)), 0x80),
        );
        // ط or ظ: 0xD8 before 0xB7/0xB8, tested at its second byte.
        let ta = _mm_and_si128(eq(v, 0xD8), _mm_or_si128(eq(next, 0xB7), eq(next, 0xB8)));
        let mut mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(single, c1), ta)) as u32;
        while mask != 0 {
            let at = i + mask.trailing_zeros() as usize;
            if sign_at(b, if b[at] == 0xD8 { at + 1 } else { at }) {
                return true;
            }
            mask &= mask - 1;
        }
        i += 16;
    }
    (i..b.len()).any(|k| sign_at(b, k))
}

/// Whether a sign of damage starts at (or, for `ط`/`ظ`, ends its lead byte before) byte `i`.
pub fn sign_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match b[i] {
        0xC3 | 0xD0 | 0xD1 => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xEF => at(i + 1) == 0xBF && at(i + 2) == 0xBD,
        0xB7 | 0xB8 => i > 0 && b[i - 1] == 0xD8 && mojibake_follower(b, i + 1),
        b'&' => entity_like(&b[i + 1..]),
        _ => false,
    }
}

/// Whether the character at byte `i` is one windows-1256 puts at 0x80–0xBF (what UTF-8
/// continuation bytes look like when read as windows-1256), leaving out those that follow a
/// word ending in ط or ظ in clean text: punctuation (، ؛ ؟ « » … quotes, dashes), NBSP and the
/// joiners. Damaged Arabic still shows plenty of signs: alef, lam, meem's neighbours and the
/// rest become `ط§`, `ظ„`, `ط±`, ...
fn mojibake_follower(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        None => false,
        Some(&c) if c < 0x80 => false,
        Some(_) => {
            let c = char::from_u32(crate::text::utf8::decode(b, i).0).unwrap_or('\0');
            !('\u{621}'..='\u{64A}').contains(&c)
                && !matches!(
                    c,
                    '\u{A0}'
                        | '،'
                        | '؛'
                        | '؟'
                        | '«'
                        | '»'
                        | '…'
                        | '\u{200C}'
                        | '\u{200D}'
                        | '‘'
                        | '’'
                        | '“'
                        | '”'
                        | '–'
                        | '—'
                )
                && matches!(
                    super::codepage::CodePage::Windows1256.table().byte(c),
                    Some(0x80..=0xBF)
                )
        }
    }
}

/// `#` then a digit or `x`, or a letter run, then `;` within a few bytes.
fn entity_like(rest: &[u8]) -> bool {
    let body = &rest[..rest.len().min(10)];
    let Some(end) = body.iter().position(|&c| c == b';') else {
        return false;
    };
    end > 0
        && body[..end]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_has_no_sign() {
        for t in [
            "المملكة العربية السعودية «الرياض» \u{A0}٢٠١٥",
            "ضغط وظيفة",
            "plain ASCII & more",
            "",
            "😀 ∑ x²",
            "أسعار النفط، والغاز فقط؛ ولماذا الضغط؟ «الحفاظ» “النفط” فقط… خط\u{200C}ها",
        ] {
            assert!(!suspicious(t), "{t}");
        }
    }

    #[test]
    fn damage_has_one() {
        for t in [
            "Ø§Ù„",
            "\u{C2}\u{81}",
            "a\u{FFFD}",
            "ÇáÚÑÈíÉ",
            "ااا ط§ظ„",
            "&#1575;",
            "&quot;",
            "Привет",
        ] {
            assert!(suspicious(t), "{t}");
        }
        let long = format!("{}Ø§", "ا".repeat(100));
        assert!(suspicious(&long));
    }

    #[test]
    fn vector_scan_agrees_with_the_scalar_one() {
        // Every sign at every offset of a block, its two bytes split across blocks, and
        // near-misses beside it.
        let pieces = [
            "Ã", "\u{85}", "Ð", "\u{FFFD}", "&amp;", "ط§", "ظ„", "ط،", "ط ", "ط", "ظ", "«",
            "\u{A0}", "&", "ﻻ", "ا",
        ];
        for p in pieces {
            for q in pieces {
                for pad in 0..40 {
                    let t = format!("{}{p}{}{q}", "ب".repeat(pad / 2), "x".repeat(pad % 3));
                    assert_eq!(suspicious(&t), suspicious_scalar(&t), "{t:?}");
                    let t = format!("{}{p}{q}", "a".repeat(pad));
                    assert_eq!(suspicious(&t), suspicious_scalar(&t), "{t:?}");
                }
            }
        }
    }
}
