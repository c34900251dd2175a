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

/// Suffixes, in Lucene's order (ها ان ات ون ين يه ية ه ة ي): each that matches, in turn, is
/// removed. `(0, x)` is the one-letter suffix `x`.
const SUFFIXES: [(u16, u16); 10] = [
    (HEH, ALEF),
    (ALEF, NOON),
    (ALEF, TEH),
    (WAW, NOON),
    (YEH, NOON),
    (YEH, HEH),
    (YEH, TEH_MARBUTA),
    (0, HEH),
    (0, TEH_MARBUTA),
    (0, YEH),
];

/// The two-byte letter at `w[at..at + 2]` as one number (0 past the end).
#[inline(always)]
fn letter(w: &[u8], at: usize) -> u16 {
    match w.get(at..at + 2) {
        Some(&[a, b]) => u16::from_be_bytes([a, b]),
        _ => 0,
    }
}

/// Lucene's `ArabicNormalizer`, appending to `out`.
pub fn normalize_into(word: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + word.len(), 0);
    let (n, _) = normalize_bytes(word.as_bytes(), &mut out[start..]);
    out.truncate(start + n);
}

/// What the normalizer does with each two-byte character led by 0xD8 or 0xD9 (U+0600–U+067F),
/// by lead byte and trail byte: the character it becomes (as its two bytes read as one
/// number), or 0 when it goes.
static TWO_BYTE: [[u16; 64]; 2] = two_byte_table();

const fn two_byte_table() -> [[u16; 64]; 2] {
    let mut t = [[0u16; 64]; 2];
    let mut lead = 0;
    while lead < 2 {
        let mut trail = 0;
        while trail < 64 {
            let byte_lead = 0xD8 + lead as u16;
            let byte_trail = 0x80 + trail as u16;
            let cp = ((byte_lead & 0x1F) << 6) | (byte_trail & 0x3F);
            let c = match char::from_u32(cp as u32) {
                Some(c) => c,
                None => '\u{FFFD}',
            };
            t[lead][trail] = match c {
                'آ' | 'أ' | 'إ' => ALEF,
                'ة' => HEH,
                'ى' => YEH,
                c if c == TATWEEL || (c >= *HARAKAT.start() && c <= *HARAKAT.end()) => 0,
                _ => (byte_lead << 8) | byte_trail,
            };
            trail += 1;
        }
        lead += 1;
    }
    t
}

/// Lucene's `ArabicNormalizer` on UTF-8 bytes: every rule maps a two-byte character (lead
/// byte 0xD8 or 0xD9) to another or to nothing ([`TWO_BYTE`]), so the output is never longer
/// than the input and everything else is copied as it is. Writes into `out` (at least as long
/// as `word`); returns the length written and the output's length in UTF-16 code units.
#[inline]
fn normalize_bytes(word: &[u8], out: &mut [u8]) -> (usize, usize) {
    let (mut n, mut units, mut i) = (0, 0, 0);
    while i < word.len() {
        let b = word[i];
        if (b & 0xFE) == 0xD8 && i + 1 < word.len() {
            let l = TWO_BYTE[usize::from(b & 1)][usize::from(word[i + 1] & 0x3F)];
            if l != 0 {
                out[n..n + 2].copy_from_slice(&l.to_be_bytes());
                n += 2;
                units += 1;
            }
            i += 2;
        } else {
            out[n] = b;
            n += 1;
            // One unit per character, two for a four-byte one (as UTF-16 counts).
            units += usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0);
            i += 1;
        }
    }
    (n, units)
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
    stem_with_len(word, utf16_len(word))
}

/// [`stem_normalized`] of a word `len` UTF-16 code units long.
#[inline]
fn stem_with_len(word: &[u8], mut len: usize) -> &[u8] {
    // The first prefix of ال وال بال كال فال لل و that fits: prefixes with different first
    // letters cannot both match, so the first letter picks the (at most two) candidates.
    let (first, second, third) = (letter(word, 0), letter(word, 2), letter(word, 4));
    let article = second == ALEF && third == LAM;
    let cut = match first {
        ALEF if second == LAM && len >= 4 => 2,
        WAW if article && len >= 5 => 3,
        WAW if len >= 4 => 1,
        BEH | KAF | FEH if article && len >= 5 => 3,
        LAM if second == LAM && len >= 4 => 2,
        _ => 0,
    };
    let mut w = &word[2 * cut..];
    len -= cut;
    for (a, b) in SUFFIXES {
        let n = if a == 0 { 1 } else { 2 };
        if len >= n + 2 && letter(w, w.len().wrapping_sub(2)) == b && (a == 0 || letter(w, w.len().wrapping_sub(4)) == a) {
            w = &w[..w.len() - 2 * n];
            len -= n;
        }
    }
    w
}

/// Normalize and stem `word`, appending the stem to `out`.
pub fn stem_into(word: &str, out: &mut Vec<u8>) {
    // Words are short: normalize on the stack and append only the stem.
    let mut buf = [0u8; 64];
    if word.len() <= buf.len() {
        let (n, units) = normalize_bytes(word.as_bytes(), &mut buf);
        out.extend_from_slice(stem_with_len(&buf[..n], units));
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
