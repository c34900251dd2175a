//! Larkey's light10 stemmer exactly as Apache Lucene runs it: `ArabicNormalizationFilter`
//! followed by `ArabicStemFilter` (`ArabicNormalizer` + `ArabicStemmer`).
//!
//! Normalization: أ إ آ → ا, ى → ي, ة → ه; tatweel and the harakat U+064B–U+0652 are removed.
//! Stemming, on the normalized word:
//! - the first matching prefix of `ال وال بال كال فال لل و` is removed, once, if the word keeps
//!   at least 2 characters (`و` needs a word of 4 or more);
//! - then each suffix of `ها ان ات ون ين يه ية ه ة ي`, in that order, is removed when it ends
//!   the word and at least 2 characters remain (several can go: `يها` → `ي` → ``).
//!
//! Lengths are counted as Lucene counts them, in UTF-16 code units. Every affix is a two-byte
//! UTF-8 sequence, so the stemmer compares bytes and cuts slices of the normalized word.

use crate::text::arabic::{HARAKAT, TATWEEL};

/// The affixes' letters, each as its two UTF-8 bytes read as one big-endian number.
const ALEF: u16 = 0xD8A7;
const BEH: u16 = 0xD8A8;
const TEH_MARBUTA: u16 = 0xD8A9;
const TEH: u16 = 0xD8AA;
const FEH: u16 = 0xD981;
const KAF: u16 = 0xD983;
const LAM: u16 = 0xD984;
const NOON: u16 = 0xD986;
const HEH: u16 = 0xD987;
const WAW: u16 = 0xD988;
const YEH: u16 = 0xD98A;

/// Prefixes, in Lucene's order (ال وال بال كال فال لل و): the first that matches is removed.
const PREFIXES: [&[u16]; 7] =
    [&[ALEF, LAM], &[WAW, ALEF, LAM], &[BEH, ALEF, LAM], &[KAF, ALEF, LAM], &[FEH, ALEF, LAM], &[LAM, LAM], &[WAW]];
/// Suffixes, in Lucene's order (ها ان ات ون ين يه ية ه ة ي): each that matches, in turn, is removed.
const SUFFIXES: [&[u16]; 10] = [
    &[HEH, ALEF],
    &[ALEF, NOON],
    &[ALEF, TEH],
    &[WAW, NOON],
    &[YEH, NOON],
    &[YEH, HEH],
    &[YEH, TEH_MARBUTA],
    &[HEH],
    &[TEH_MARBUTA],
    &[YEH],
];

/// Whether the bytes `w[at..]` begin with the two-byte `letters`.
#[inline(always)]
fn has_letters(w: &[u8], at: usize, letters: &[u16]) -> bool {
    w.len() >= at + 2 * letters.len()
        && letters.iter().enumerate().all(|(k, &l)| u16::from_be_bytes([w[at + 2 * k], w[at + 2 * k + 1]]) == l)
}

/// Lucene's `ArabicNormalizer`, appending to `out`.
pub fn normalize_into(word: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + word.len(), 0);
    let n = normalize_bytes(word.as_bytes(), &mut out[start..]);
    out.truncate(start + n);
}

/// The character of a two-byte UTF-8 sequence.
#[inline(always)]
fn two_byte_char(lead: u8, trail: u8) -> char {
    char::from_u32(((lead as u32 & 0x1F) << 6) | (trail as u32 & 0x3F)).unwrap_or('\u{FFFD}')
}

/// Characters the normalizer removes: tatweel and the harakat.
#[inline(always)]
fn is_dropped(c: char) -> bool {
    c == TATWEEL || HARAKAT.contains(&c)
}

/// Lucene's `ArabicNormalizer` on UTF-8 bytes, byte by byte: every rule maps a two-byte
/// character (lead byte 0xD8 or 0xD9) to another or to nothing, so the output is never longer
/// than the input and everything else is copied as it is. Writes into `out` (at least as long
/// as `word`) and returns the length written.
#[inline]
fn normalize_bytes(word: &[u8], out: &mut [u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let b = word[i];
        if (b == 0xD8 || b == 0xD9) && i + 1 < word.len() {
            let c = word[i + 1];
            let (lead, trail) = match (b, c) {
                // آ أ إ → ا
                (0xD8, 0xA2 | 0xA3 | 0xA5) => (0xD8, 0xA7),
                // ة → ه
                (0xD8, 0xA9) => (0xD9, 0x87),
                // ى → ي
                (0xD9, 0x89) => (0xD9, 0x8A),
                // tatweel and the harakat go
                (0xD9, _) if is_dropped(two_byte_char(b, c)) => {
                    i += 2;
                    continue;
                }
                _ => (b, c),
            };
            out[n] = lead;
            out[n + 1] = trail;
            n += 2;
            i += 2;
        } else {
            out[n] = b;
            n += 1;
            i += 1;
        }
    }
    n
}

/// Length in UTF-16 code units of UTF-8 `bytes`: one per character, two for 4-byte ones.
#[inline]
fn utf16_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xf0))
        .sum()
}

/// Lucene's `ArabicStemmer` on an already normalized word: the stem as a slice of it.
pub fn stem_normalized(word: &[u8]) -> &[u8] {
    let mut w = word;
    let mut len = utf16_len(w);
    for p in PREFIXES {
        let fits = if p.len() == 1 { len >= 4 } else { len >= p.len() + 2 };
        if fits && has_letters(w, 0, p) {
            w = &w[2 * p.len()..];
            len -= p.len();
            break;
        }
    }
    for s in SUFFIXES {
        if len >= s.len() + 2 && w.len() >= 2 * s.len() && has_letters(w, w.len() - 2 * s.len(), s) {
            w = &w[..w.len() - 2 * s.len()];
            len -= s.len();
        }
    }
    w
}

/// Normalize and stem `word`, appending the stem to `out`.
pub fn stem_into(word: &str, out: &mut Vec<u8>) {
    // Words are short: normalize on the stack and append only the stem.
    let mut buf = [0u8; 64];
    if word.len() <= buf.len() {
        let n = normalize_bytes(word.as_bytes(), &mut buf);
        out.extend_from_slice(stem_normalized(&buf[..n]));
        return;
    }
    let start = out.len();
    normalize_into(word, out);
    let stem = stem_normalized(&out[start..]);
    let (offset, len) = (stem.as_ptr() as usize - out[start..].as_ptr() as usize, stem.len());
    out.copy_within(start + offset..start + offset + len, start);
    out.truncate(start + len);
}

/// The light10 stem of `word`.
///
/// ```
/// use khabar::tokenize::stem::light10;
/// assert_eq!(light10("والمكتبات"), "مكتب");
/// assert_eq!(light10("الْمَدْرَسَةُ"), "مدرس");
/// ```
pub fn light10(word: &str) -> String {
    let mut out = Vec::with_capacity(word.len());
    stem_into(word, &mut out);
    String::from_utf8(out).expect("affixes are whole characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lucene_examples() {
        // From Lucene's TestArabicStemFilter and TestArabicNormalizationFilter.
        for (input, expected) in [
            ("الحسن", "حسن"),
            ("والحسن", "حسن"),
            ("بالحسن", "حسن"),
            ("كالحسن", "حسن"),
            ("فالحسن", "حسن"),
            ("للاخر", "اخر"),
            ("وحسن", "حسن"),
            ("زوجها", "زوج"),
            ("ساهدان", "ساهد"),
            ("ساهدات", "ساهد"),
            ("ساهدون", "ساهد"),
            ("ساهدين", "ساهد"),
            ("ساهديه", "ساهد"),
            ("ساهدية", "ساهد"),
            ("ساهده", "ساهد"),
            ("ساهدة", "ساهد"),
            ("ساهدي", "ساهد"),
            ("وساهدون", "ساهد"),
            ("ساهدهات", "ساهد"),
            ("الو", "الو"),
            ("وحد", "وحد"),
            ("الوحد", "وحد"),
            ("مستحيل", "مستحيل"),
            ("كتــــــابي", "كتاب"),
            ("آجن", "اجن"),
            ("أحمد", "احمد"),
            ("إحمد", "احمد"),
            ("ملا", "ملا"),
            ("ليلة", "ليل"),
            ("", ""),
            ("abc", "abc"),
        ] {
            assert_eq!(light10(input), expected, "{input:?}");
        }
    }

    #[test]
    fn several_suffixes_and_short_words() {
        assert_eq!(light10("عليها"), "عل"); // ها, then ي
        assert_eq!(light10("وو"), "وو");
        assert_eq!(light10("ال"), "ال");
        assert_eq!(light10("😀الكتاب"), "😀الكتاب"); // no prefix at the start; UTF-16 length 8
    }

    /// Lucene's normalizer as its rules read, one character at a time.
    fn normalize_by_chars(word: &str) -> String {
        word.chars()
            .filter_map(|c| match c {
                'آ' | 'أ' | 'إ' => Some('ا'),
                'ى' => Some('ي'),
                'ة' => Some('ه'),
                c if c == TATWEEL || HARAKAT.contains(&c) => None,
                c => Some(c),
            })
            .collect()
    }

    #[test]
    fn byte_normalizer_matches_the_rules_on_every_arabic_character() {
        let block: String = ('\u{0600}'..='\u{06FF}').chain('\u{0750}'..='\u{077F}').collect();
        for text in [block.as_str(), "aé😀 كِتَابٌ إلى مُسْتَشْفَى", "ـــ", ""] {
            let mut out = Vec::new();
            normalize_into(text, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), normalize_by_chars(text), "{text:?}");
        }
        // Long words take the path that normalizes in the output buffer.
        let long = "والمُسْتَشْفَيَاتُ".repeat(5);
        let mut out = b"x".to_vec();
        stem_into(&long, &mut out);
        let mut short = b"x".to_vec();
        let n = normalize_by_chars(&long);
        short.extend_from_slice(stem_normalized(n.as_bytes()));
        assert_eq!(out, short);
    }
}
