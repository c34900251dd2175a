//! The character classes of the tokenizer and the fast path over Arabic words.
//!
//! A character is classified by its general category and emoji properties, with the crate's
//! own classes ([`crate::text`]) deciding spaces, joiners and tatweel; U+0000–07FF and the
//! General Punctuation block are looked up in tables built once from the same functions.
//! [`arabic_run`] steps over the two-byte characters that always continue an Arabic word
//! without classifying them one by one.

use crate::text::arabic::{is_arabic_script, TATWEEL};
use crate::text::utf8::char_at;
use crate::text::{is_arabic_letter, is_diacritic, is_joiner, is_space};
use unicode_properties::emoji::{EmojiStatus, UnicodeEmoji};
use unicode_properties::general_category::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Script of a letter, for deciding where words of different scripts split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Arabic,
    Latin,
    Other,
}

/// Character classes the tokenizer distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Separates tokens: spaces, controls, invisible format characters.
    Space,
    /// ZWNJ, ZWJ, soft hyphen: inside a word when a letter follows, else a gap.
    Joiner,
    Letter(Script),
    /// A decimal digit of any digit set.
    Digit,
    /// A combining mark (Mn, Mc, Me), variation selectors included.
    Mark,
    Tatweel,
    Punct,
    Symbol,
    /// An emoji with default emoji presentation (or a regional indicator, a skin tone).
    Emoji,
    /// A character that is an emoji only when U+FE0F or a skin tone follows (`©`, `☀`, `‼`).
    EmojiText,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Class::Space,
        0..=0x1f | 0x7f => Class::Space,
        b'A'..=b'Z' | b'a'..=b'z' => Class::Letter(Script::Latin),
        b'0'..=b'9' => Class::Digit,
        b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' => Class::Symbol,
        _ => Class::Punct,
    }
}

static ASCII: [Class; 128] = {
    let mut t = [Class::Space; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
};

/// Classes of U+0000–U+07FF (ASCII, Latin-1, the Arabic block) and of the General
/// Punctuation block U+2000–U+206F, computed once from the Unicode properties.
struct Tables {
    low: [Class; 0x800],
    punct: [Class; 0x70],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Box<Tables>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new(Tables {
            low: [Class::Space; 0x800],
            punct: [Class::Space; 0x70],
        });
        for u in 0..0x800u32 {
            t.low[u as usize] = match char::from_u32(u) {
                Some(c) if u < 0x80 => ascii_class(c as u8),
                Some(c) => classify_slow(c),
                None => Class::Symbol,
            };
        }
        for u in 0..0x70u32 {
            t.punct[u as usize] = char::from_u32(0x2000 + u).map_or(Class::Symbol, classify_slow);
        }
        t
    })
}

#[inline(always)]
pub(super) fn classify(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        ASCII[u as usize]
    } else if u < 0x800 {
        tables().low[u as usize]
    } else if (0x2000..0x2070).contains(&u) {
        tables().punct[(u - 0x2000) as usize]
    } else {
        classify_slow(c)
    }
}

#[cold]
fn classify_slow(c: char) -> Class {
    match c {
        TATWEEL => return Class::Tatweel,
        _ if is_joiner(c) => return Class::Joiner,
        _ if is_space(c) => return Class::Space,
        _ => {}
    }
    match c.emoji_status() {
        EmojiStatus::EmojiPresentation
        | EmojiStatus::EmojiPresentationAndModifierBase
        | EmojiStatus::EmojiPresentationAndEmojiComponent
        | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent => return Class::Emoji,
        EmojiStatus::EmojiModifierBase | EmojiStatus::EmojiOther => return Class::EmojiText,
        _ => {}
    }
    let gc = c.general_category();
    match c.general_category_group() {
        GeneralCategoryGroup::Letter => Class::Letter(script_of(c)),
        GeneralCategoryGroup::Mark => Class::Mark,
        GeneralCategoryGroup::Number if gc == GeneralCategory::DecimalNumber => Class::Digit,
        GeneralCategoryGroup::Number | GeneralCategoryGroup::Symbol => Class::Symbol,
        GeneralCategoryGroup::Punctuation => Class::Punct,
        GeneralCategoryGroup::Separator => Class::Space,
        GeneralCategoryGroup::Other => match gc {
            GeneralCategory::Control | GeneralCategory::Format => Class::Space,
            _ => Class::Symbol, // private use, unassigned
        },
    }
}

fn script_of(c: char) -> Script {
    if is_arabic_script(c) {
        return Script::Arabic;
    }
    match c as u32 {
        0x41..=0x7a
        | 0xaa
        | 0xba
        | 0xc0..=0x24f
        | 0x1e00..=0x1eff
        | 0x2c60..=0x2c7f
        | 0xa720..=0xa7ff
        | 0xab30..=0xab6f
        | 0xff21..=0xff5a => Script::Latin,
        _ => Script::Other,
    }
}

/// Punctuation whose runs form one token.
pub(super) fn merges_runs(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '-' | '–' | '—' | '_' | '=' | '*' | '~' | TATWEEL
    )
}

/// Separators allowed between two digits of a number.
pub(super) fn number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | '/' | ':' | '؍')
}

#[inline]
pub(super) fn class_at(text: &str, i: usize) -> Option<(char, Class)> {
    char_at(text, i).map(|c| (c, classify(c)))
}

pub(super) fn is_skin_tone(c: char) -> bool {
    matches!(c, '\u{1f3fb}'..='\u{1f3ff}')
}

pub(super) fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// Skip combining marks (variation selectors included) from `i`.
#[inline]
pub(super) fn absorb_marks(text: &str, mut i: usize) -> usize {
    while let Some((c, Class::Mark)) = class_at(text, i) {
        i += c.len_utf8();
    }
    i
}

/// End of a run of two-byte characters of U+0600–067F that always continue an Arabic word:
/// letters, marks and tatweel ([`crate::text`]). Everything else (digits, ٪ ٫ ٬ ٭, other
/// blocks) is left to the classes.
#[inline(always)]
pub(super) fn arabic_run(bytes: &[u8], mut i: usize) -> usize {
    // Four characters at a time without branches between them, then one at a time.
    while let Some(w) = bytes.get(i..i + 8) {
        if arabic_pair(w[0], w[1]) & arabic_pair(w[2], w[3]) & arabic_pair(w[4], w[5]) & arabic_pair(w[6], w[7]) {
            i += 8;
        } else {
            break;
        }
    }
    while i + 1 < bytes.len() && arabic_pair(bytes[i], bytes[i + 1]) {
        i += 2;
    }
    i
}

/// [`ARABIC_SECOND`] bit: the character continues an Arabic word.
const CONTINUES: u8 = 1;
/// [`ARABIC_SECOND`] bit: the character is an Arabic letter (a word starts with it).
const STARTS: u8 = 2;

/// What the characters after the lead bytes 0xD8 and 0xD9 (U+0600–067F) are to an Arabic
/// word, indexed by the lead's low bit and the second byte's low six bits.
static ARABIC_SECOND: [[u8; 64]; 2] = {
    let mut t = [[0u8; 64]; 2];
    let mut k = 0;
    while k < 128 {
        let c = match char::from_u32(0x0600 + k as u32) {
            Some(c) => c,
            None => unreachable!(),
        };
        let letter = is_arabic_letter(c);
        if letter || is_diacritic(c) || c == TATWEEL {
            t[k / 64][k % 64] |= CONTINUES;
        }
        if letter {
            t[k / 64][k % 64] |= STARTS;
        }
        k += 1;
    }
    t
};

#[inline(always)]
fn arabic_second(b0: u8, b1: u8, bit: u8) -> bool {
    let lead = b0.wrapping_sub(0xd8) as usize;
    (lead < 2) & ((b1 & 0xc0) == 0x80) & (ARABIC_SECOND[lead & 1][(b1 & 0x3f) as usize] & bit != 0)
}

#[inline(always)]
fn arabic_pair(b0: u8, b1: u8) -> bool {
    arabic_second(b0, b1, CONTINUES)
}

#[inline(always)]
pub(super) fn ascii_alnum_run(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// Whether `bytes[i..]` starts with an Arabic letter of U+0600–067F.
#[inline(always)]
pub(super) fn starts_arabic_letter(bytes: &[u8], i: usize) -> bool {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&b0), Some(&b1)) => arabic_second(b0, b1, STARTS),
        _ => false,
    }
}
