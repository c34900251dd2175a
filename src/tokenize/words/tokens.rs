//! Where a token that starts at a position ends: words, numbers, emoji, punctuation runs,
//! mentions and hashtags (URLs and emails are in [`super::links`]).

use super::classes::{class_at, is_regional_indicator, is_skin_tone, merges_runs, number_separator, ascii_alnum_run, arabic_run, Class, Script};
use super::{TokenKind, Words};
use crate::text::arabic::TATWEEL;
use crate::text::utf8::char_at;
use unicode_properties::general_category::{GeneralCategoryGroup, UnicodeGeneralCategory};

impl<'a> Words<'a> {
    /// End of a word starting at `start`; `script` is fixed by its first letter.
    pub(super) fn word_end(&self, start: usize, mut script: Option<Script>) -> (usize, Option<Script>) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = start;
        let mut prev_letter = false;
        loop {
            // Fast paths over the common letters; everything else goes through the classes.
            match script {
                Some(Script::Arabic) => i = arabic_run(bytes, i),
                Some(Script::Latin) => {
                    let j = ascii_alnum_run(bytes, i);
                    if j > i {
                        prev_letter = bytes[j - 1].is_ascii_alphabetic();
                        i = j;
                    }
                }
                _ => {}
            }
            let Some((c, cls)) = class_at(text, i) else {
                break;
            };
            let ok = match cls {
                Class::Letter(s) => match script {
                    None => {
                        script = Some(s);
                        true
                    }
                    Some(have) => have == s,
                },
                Class::Mark => true,
                Class::Tatweel => script.is_none_or(|s| s == Script::Arabic),
                Class::Digit => matches!(script, Some(Script::Latin | Script::Other)),
                Class::Joiner => {
                    // Inside the word only when a letter of the same script or a mark follows.
                    let mut j = i;
                    while let Some((jc, Class::Joiner)) = class_at(text, j) {
                        j += jc.len_utf8();
                    }
                    match class_at(text, j) {
                        Some((_, Class::Letter(s))) => script.is_none_or(|have| have == s),
                        Some((_, Class::Mark)) => true,
                        _ => false,
                    }
                }
                Class::Punct
                    if (c == '\'' || c == '’') && prev_letter && script == Some(Script::Latin) =>
                {
                    matches!(
                        class_at(text, i + c.len_utf8()),
                        Some((_, Class::Letter(Script::Latin)))
                    )
                }
                _ => false,
            };
            if !ok {
                break;
            }
            prev_letter = matches!(cls, Class::Letter(_));
            i += c.len_utf8();
        }
        (i, script)
    }

    /// End of a number starting at `start` (a digit), and whether it continues as a Latin word.
    fn number_end(&self, start: usize) -> (usize, TokenKind) {
        let text = self.text;
        let mut i = start;
        let mut separated = false;
        loop {
            while let Some((c, Class::Digit)) = class_at(text, i) {
                i += c.len_utf8();
            }
            match char_at(text, i) {
                Some(sep) if number_separator(sep) => {
                    let after = i + sep.len_utf8();
                    if matches!(class_at(text, after), Some((_, Class::Digit))) {
                        separated = true;
                        i = after;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if !separated && matches!(class_at(text, i), Some((_, Class::Letter(Script::Latin)))) {
            let (end, _) = self.word_end(start, Some(Script::Latin));
            return (end, TokenKind::Latin);
        }
        (i, TokenKind::Number)
    }

    /// End of an emoji (sequence) starting at `start`.
    fn emoji_end(&self, start: usize) -> usize {
        let text = self.text;
        let first = char_at(text, start).expect("called on a character");
        let mut i = start + first.len_utf8();
        if is_regional_indicator(first) {
            if let Some(c) = char_at(text, i).filter(|&c| is_regional_indicator(c)) {
                i += c.len_utf8();
            }
            return i;
        }
        loop {
            while let Some(c) = char_at(text, i) {
                if matches!(
                    c,
                    '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{e0020}'..='\u{e007f}'
                ) || is_skin_tone(c)
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            if char_at(text, i) == Some('\u{200d}') {
                let after = i + '\u{200d}'.len_utf8();
                if let Some((c, Class::Emoji | Class::EmojiText)) = class_at(text, after) {
                    i = after + c.len_utf8();
                    continue;
                }
            }
            return i;
        }
    }

    /// End of a keycap emoji (`1️⃣`, `#⃣`) starting at `start`, if it is one.
    fn keycap_end(&self, start: usize) -> Option<usize> {
        let mut i = start + 1;
        if char_at(self.text, i) == Some('\u{fe0f}') {
            i += 3;
        }
        (char_at(self.text, i) == Some('\u{20e3}')).then_some(i + 3)
    }

    /// The token starting at `start`, a character of class `cls`.
    pub(super) fn token_at(&mut self, start: usize, c: char, cls: Class) -> (usize, TokenKind) {
        let text = self.text;
        let next = start + c.len_utf8();
        match cls {
            Class::Letter(Script::Latin) if c.is_ascii() => {
                if let Some(end) = self.scheme_url_end(start) {
                    return (end, TokenKind::Url);
                }
                if let Some(end) = self.email_end(start) {
                    return (end, TokenKind::Email);
                }
                if let Some(end) = self.domain_end(start) {
                    return (end, TokenKind::Url);
                }
                (self.word_end(start, None).0, TokenKind::Latin)
            }
            Class::Letter(_) | Class::Mark => match self.word_end(start, None) {
                (end, Some(Script::Arabic)) => (end, TokenKind::Arabic),
                (end, Some(Script::Latin)) => (end, TokenKind::Latin),
                (end, Some(Script::Other)) => (end, TokenKind::Other),
                (end, None) => (end, TokenKind::Symbol),
            },
            Class::Digit => {
                if c.is_ascii_digit() {
                    if let Some(end) = self.keycap_end(start) {
                        return (end, TokenKind::Emoji);
                    }
                    if let Some(end) = self.email_end(start) {
                        return (end, TokenKind::Email);
                    }
                    if let Some(end) = self.domain_end(start) {
                        return (end, TokenKind::Url);
                    }
                }
                self.number_end(start)
            }
            Class::Tatweel => {
                let mut i = next;
                while char_at(text, i) == Some(TATWEEL) {
                    i += 2;
                }
                match class_at(text, i) {
                    Some((_, Class::Letter(Script::Arabic) | Class::Mark)) => (
                        self.word_end(start, Some(Script::Arabic)).0,
                        TokenKind::Arabic,
                    ),
                    _ => (i, TokenKind::Punct),
                }
            }
            Class::Punct => {
                if c == '@' {
                    let bytes = text.as_bytes();
                    let mut i = next;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    if i > next {
                        return (i, TokenKind::Mention);
                    }
                } else if c == '#' || c == '*' {
                    if let Some(end) = self.keycap_end(start) {
                        return (end, TokenKind::Emoji);
                    }
                    if c == '#' {
                        if let Some(end) = self.hashtag_end(next) {
                            return (end, TokenKind::Hashtag);
                        }
                    }
                }
                if merges_runs(c) {
                    let mut i = next;
                    while char_at(text, i) == Some(c) {
                        i += c.len_utf8();
                    }
                    return (i, TokenKind::Punct);
                }
                (next, TokenKind::Punct)
            }
            Class::Emoji => (self.emoji_end(start), TokenKind::Emoji),
            Class::EmojiText => match char_at(text, next) {
                Some(n) if n == '\u{fe0f}' || is_skin_tone(n) => {
                    (self.emoji_end(start), TokenKind::Emoji)
                }
                _ if c.general_category_group() == GeneralCategoryGroup::Punctuation => {
                    (next, TokenKind::Punct)
                }
                _ => (next, TokenKind::Symbol),
            },
            Class::Symbol => (next, TokenKind::Symbol),
            Class::Space | Class::Joiner => unreachable!("gaps are skipped before a token starts"),
        }
    }

    /// End of a hashtag whose body starts at `body` (after `#`); it needs a letter.
    fn hashtag_end(&self, body: usize) -> Option<usize> {
        let text = self.text;
        let mut i = body;
        let mut letters = false;
        while let Some((c, cls)) = class_at(text, i) {
            match cls {
                Class::Letter(_) => letters = true,
                Class::Digit | Class::Mark | Class::Tatweel => {}
                Class::Punct if c == '_' => {}
                Class::Joiner
                    if matches!(
                        class_at(text, i + c.len_utf8()),
                        Some((_, Class::Letter(_)))
                    ) => {}
                _ => break,
            }
            i += c.len_utf8();
        }
        letters.then_some(i)
    }
}
