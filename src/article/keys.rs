//! Matching keys (SPEC C1): what the rules match on, never what they output.
//!
//! A key is the text with short vowels and Quranic marks dropped, elongation tatweel dropped,
//! `أ إ آ ٱ` folded to `ا`, Eastern digits mapped to ASCII, Latin lowercased, and every run of
//! spaces (NBSP, zero-width and direction marks, BOM included) collapsed to one ASCII space,
//! with no space at either end. Word lists are keyed the same way, so `إقرأ المزيد`,
//! `اقرأ المزيد` and `اقرا المزيد` are one entry.
//!
//! A tatweel is elongation when it follows a letter (`كتبـــت`, the Hijri suffix `هـ`) and is
//! dropped; one that follows a space or punctuation is a dash (`لندن ـ «القدس العربي»:`) and
//! stays in the key, once per run, so that rules can see the separator. A dash before the first
//! word is a bullet and is dropped, so that `ـ اقرأ أيضا` still starts with its phrase.
//!
//! [`Key`] also maps every key byte back to the raw byte range it came from, so a match in the
//! key becomes a span of the raw text; [`key`] builds the text alone when no span is needed.

use crate::text::{ascii_digit, is_arabic_letter, is_diacritic, is_space, TATWEEL};

/// The matching key of `raw`, without the offset map.
///
/// The same walk as [`Key::new`], on bytes: the Arabic block (two-byte UTF-8, lead byte
/// `D8`-`DB`) is classified with one table lookup, and runs of characters the key keeps as
/// they are (Arabic letters without hamza on alef, lowercase ASCII, Arabic punctuation) are
/// copied in one piece. Other characters take the general path.
pub fn key(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let table = &*ARABIC_BLOCK;
    let mut out = String::with_capacity(raw.len());
    let mut run: Option<usize> = None;
    let mut pending_space = false;
    let mut emitted = false;
    // What the previous character was, for tatweel: elongation after a letter or mark.
    let mut prev_joins = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (class, width) = if b < 0x80 {
            let class = match b {
                _ if is_space(char::from(b)) => Class::Space,
                b'A'..=b'Z' => Class::Other,
                _ => Class::Keep,
            };
            (class, 1)
        } else if (0xd8..=0xdb).contains(&b) && i + 1 < bytes.len() {
            let low = ((b & 0x03) << 6) | (bytes[i + 1] & 0x3f);
            (table[usize::from(low)], 2)
        } else {
            let width = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            (Class::Other, width.min(bytes.len() - i))
        };
        if class == Class::Space {
            if let Some(start) = run.take() {
                out.push_str(&raw[start..i]);
            }
            pending_space |= emitted;
            prev_joins = false;
            i += 1;
            continue;
        }
        if matches!(class, Class::Keep | Class::KeepLetter) {
            if run.is_none() {
                if std::mem::take(&mut pending_space) {
                    out.push(' ');
                }
                run = Some(i);
            }
            emitted = true;
            prev_joins = class == Class::KeepLetter;
            i += width;
            continue;
        }
        if let Some(start) = run.take() {
            out.push_str(&raw[start..i]);
        }
        let c = raw[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        let joins_before = std::mem::replace(
            &mut prev_joins,
            is_arabic_letter(c) || is_diacritic(c) || c == TATWEEL,
        );
        // The general path: the same decisions as `build`.
        if is_diacritic(c) {
            continue;
        }
        if c == TATWEEL && (joins_before || !emitted) {
            continue;
        }
        if is_space(c) {
            pending_space |= emitted;
            continue;
        }
        if std::mem::take(&mut pending_space) {
            out.push(' ');
        }
        emitted = true;
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            _ if is_arabic_letter(c) => out.push(c),
            _ => match ascii_digit(c) {
                Some(d) => out.push(d),
                None if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    if let Some(start) = run {
        out.push_str(&raw[start..]);
    }
    out
}

/// How [`key`] treats a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Kept as it is, and a letter (tatweel after it is elongation).
    KeepLetter,
    /// Kept as it is (lowercase ASCII, Arabic punctuation).
    Keep,
    /// ASCII white space.
    Space,
    /// Anything else: the general path decides.
    Other,
}

/// The class of U+0600..U+06FF, indexed by the low eight bits, built from the character
/// predicates of [`crate::text`] so it cannot drift from them.
static ARABIC_BLOCK: std::sync::LazyLock<[Class; 256]> = std::sync::LazyLock::new(|| {
    let mut table = [Class::Other; 256];
    for (low, slot) in table.iter_mut().enumerate() {
        let Some(c) = char::from_u32(0x0600 + low as u32) else {
            continue;
        };
        let changed = is_diacritic(c)
            || c == TATWEEL
            || matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ')
            || ascii_digit(c).is_some()
            || is_space(c)
            || c.to_lowercase().ne(std::iter::once(c));
        *slot = match (changed, is_arabic_letter(c)) {
            (true, _) => Class::Other,
            (false, true) => Class::KeepLetter,
            (false, false) => Class::Keep,
        };
    }
    table
});

/// A matching key with the map back to raw byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    text: String,
    /// For each byte of `text`, the raw byte range of the character it came from.
    raw: Vec<(usize, usize)>,
}

impl Key {
    /// Builds the key of `raw` and its offset map.
    pub fn new(raw: &str) -> Self {
        let mut text = String::with_capacity(raw.len());
        let mut map = Vec::with_capacity(raw.len());
        build(raw, &mut |c, start, end| {
            text.push(c);
            map.extend(std::iter::repeat_n((start, end), c.len_utf8()));
        });
        Key { text, raw: map }
    }

    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Raw byte offset where the key byte `key_start` begins (the raw end for the key's end).
    pub fn raw_start(&self, key_start: usize) -> usize {
        match self.raw.get(key_start) {
            Some(&(s, _)) => s,
            None => self.raw.last().map_or(0, |&(_, e)| e),
        }
    }

    /// Raw byte offset where the key range ending at `key_end` ends.
    pub fn raw_end(&self, key_end: usize) -> usize {
        match key_end.checked_sub(1).and_then(|k| self.raw.get(k)) {
            Some(&(_, e)) => e,
            None => self.raw.first().map_or(0, |&(s, _)| s),
        }
    }
}

/// Walks `raw` once and emits each key character with the raw byte range it stands for.
fn build(raw: &str, emit: &mut impl FnMut(char, usize, usize)) {
    let mut pending_space: Option<(usize, usize)> = None;
    let mut emitted = false;
    let mut prev: Option<char> = None;
    for (i, c) in raw.char_indices() {
        let end = i + c.len_utf8();
        let before = prev.replace(c);
        if is_diacritic(c) {
            continue;
        }
        if c == TATWEEL {
            let elongation =
                before.is_some_and(|p| is_arabic_letter(p) || is_diacritic(p) || p == TATWEEL);
            // A dash before any word is a bullet, not a separator.
            if elongation || !emitted {
                continue;
            }
        }
        if is_space(c) {
            if emitted && pending_space.is_none() {
                pending_space = Some((i, end));
            }
            continue;
        }
        if let Some((s, e)) = pending_space.take() {
            emit(' ', s, e);
        }
        emitted = true;
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => emit('ا', i, end),
            // Arabic letters have no case: skip the lowercase tables for them.
            _ if is_arabic_letter(c) => emit(c, i, end),
            _ => match ascii_digit(c) {
                Some(d) => emit(d, i, end),
                None if c.is_ascii() => emit(c.to_ascii_lowercase(), i, end),
                None => c.to_lowercase().for_each(|l| emit(l, i, end)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let table = [
            ("إقرأ المزيد", "اقرا المزيد"),
            ("  اقرأ\u{a0}\u{200f} المزيد  ", "اقرا المزيد"),
            ("مُحَمَّد", "محمد"),
            ("كتبـــت", "كتبت"),
            ("١٤٤٥ هـ", "1445 ه"),
            ("لندن ـ «القدس»", "لندن ـ «القدس»"),
            ("لندن ـــ القدس", "لندن ـ القدس"),
            ("ـ اقرأ أيضا", "اقرا ايضا"),
            ("ـالوسوم:", "الوسوم:"),
            ("Written By", "written by"),
            ("ٱلله", "الله"),
            ("۱۲", "12"),
            ("\u{feff}", ""),
            ("", ""),
        ];
        for (raw, want) in table {
            assert_eq!(key(raw), want, "{raw:?}");
            assert_eq!(Key::new(raw).as_str(), want, "{raw:?}");
        }
    }

    /// The fast [`key`] and the mapped [`Key::new`] agree on generated text.
    #[test]
    fn fast_key_agrees_with_the_mapped_key() {
        const PIECES: &[&str] = &[
            "أ", "ا", "ب", "ـ", " ", "\u{a0}", "\u{200f}", "َ", "ّ", "A", "b", "٣", "3", ".", "«",
            "İ", "ß", "\n", "هـ", " ـ ", "ٱ", "é", "Ω", "😀", "\u{feff}", "،", "؟", "ۖ", "ڤ", "\t",
            "Z", "\u{600}", "ۿ",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(state % 17) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            assert_eq!(key(&s), Key::new(&s).as_str(), "{s:?}");
        }
    }

    #[test]
    fn map_points_back_to_raw() {
        let raw = " أَحمد\u{a0} ١٥ هـ";
        let k = Key::new(raw);
        assert_eq!(k.as_str(), "احمد 15 ه");
        let name_end = "احمد".len();
        assert_eq!(&raw[k.raw_start(0)..k.raw_end(name_end)], "أَحمد");
        let digits = k.as_str().find("15").unwrap_or(0);
        assert_eq!(&raw[k.raw_start(digits)..k.raw_end(digits + 2)], "١٥");
        assert_eq!(k.raw_end(k.as_str().len()), raw.len() - "ـ".len());
        assert_eq!(k.raw_start(k.as_str().len()), raw.len() - "ـ".len());
    }

    #[test]
    fn multi_char_lowercase_keeps_the_map_aligned() {
        let raw = "İx";
        let k = Key::new(raw);
        assert_eq!(k.as_str(), "i\u{307}x");
        let x = k.as_str().len() - 1;
        assert_eq!(&raw[k.raw_start(x)..k.raw_end(x + 1)], "x");
    }
}
