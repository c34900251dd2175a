//! Arabic stopwords: a curated list shipped as data (`stopwords.txt`, with its source and
//! licence in its header), matched on a spelling-tolerant key.
//!
//! The key of a word drops short vowels and every other Arabic mark, tatweel and joiners, and
//! folds the hamza and madda forms of alef (أ إ آ ٱ) to ا, so `إلى`, `الى` and `إِلَى` are one
//! entry. It keeps ى apart from ي and ة apart from ه: `على` is a stopword, the name `علي` is not.
//! A word of و or ف followed by a listed word of at least two letters (`وفي`, `فإن`, `وكان`) is a
//! stopword too, except for the few such words that are mostly something else (`ولي` guardian,
//! `فهم` understanding, `فلك` orbit, `والي` governor).
//!
//! Keys are computed into a stack buffer: checking a word allocates nothing.

use crate::text::{is_diacritic, TATWEEL, ZWJ, ZWNJ};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The list as shipped: comments and blank lines are skipped when it is read.
pub const STOPWORDS_TXT: &str = include_str!("stopwords.txt");

/// Words of و/ف + a stopword that are not stopwords (their usual reading is a content word).
const NOT_CONJUNCTION_FORMS: &[&str] = &["ولي", "فهم", "فلك", "وال", "فال", "والي", "وهن"];

/// Longest key checked, in bytes; longer words are never stopwords.
const MAX_KEY: usize = 64;

/// The keys of the list, and every key that is a stopword: a listed key, or و/ف + a listed key
/// of two letters or more that is not one of [`NOT_CONJUNCTION_FORMS`].
struct Keys {
    listed: FxHashSet<String>,
    forms: FxHashSet<String>,
    /// One bit for each (length, first and last bytes) of a form ([`Keys::sketch`]): most words
    /// of running text are not stopwords, and one bit turns nearly all of them away before the
    /// set is hashed and probed.
    sketch: Box<[u64]>,
    /// The longest form, in bytes.
    longest: usize,
}

impl Keys {
    /// Bits a length has in [`Keys::sketch`].
    const BITS: usize = 4096;

    fn new() -> Self {
        let listed: FxHashSet<String> = entries()
            .map(|w| {
                let mut buf = [0u8; MAX_KEY];
                key(w, &mut buf).expect("list entries are short").to_string()
            })
            .collect();
        let mut forms = listed.clone();
        for k in listed.iter().filter(|k| k.chars().count() >= 2) {
            for c in ['و', 'ف'] {
                let f = format!("{c}{k}");
                if !NOT_CONJUNCTION_FORMS.contains(&f.as_str()) {
                    forms.insert(f);
                }
            }
        }
        let longest = forms.iter().map(String::len).max().unwrap_or(0);
        let mut sketch = vec![0u64; (longest + 1) * Self::BITS / 64].into_boxed_slice();
        for f in &forms {
            let bit = Self::bit(f.as_bytes());
            sketch[bit / 64] |= 1 << (bit % 64);
        }
        Keys { listed, forms, sketch, longest }
    }

    /// The bit of key `k` (not empty, at most [`Keys::longest`] bytes) in the sketch: its length,
    /// and its first two and last bytes mixed.
    fn bit(k: &[u8]) -> usize {
        let mix = (usize::from(k[0]) * 31 + usize::from(k[1.min(k.len() - 1)])) * 31 + usize::from(k[k.len() - 1]);
        k.len() * Self::BITS + mix % Self::BITS
    }

    fn is_listed(&self, key: &str) -> bool {
        key.len() <= self.longest && self.listed.contains(key)
    }

    fn is_form(&self, key: &str) -> bool {
        let k = key.as_bytes();
        if k.is_empty() || k.len() > self.longest {
            return false;
        }
        let bit = Self::bit(k);
        self.sketch[bit / 64] & (1 << (bit % 64)) != 0 && self.forms.contains(key)
    }
}

fn set() -> &'static Keys {
    static SET: OnceLock<Keys> = OnceLock::new();
    SET.get_or_init(Keys::new)
}

/// The entries of the list, in file order, as written there.
pub fn entries() -> impl Iterator<Item = &'static str> {
    STOPWORDS_TXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The matching key of `word` (see the module docs), written into `buf`; `None` when longer
/// than the buffer.
pub fn key<'b>(word: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            TATWEEL | ZWNJ | ZWJ => continue,
            c if is_diacritic(c) => continue,
            c => c,
        };
        let len = c.len_utf8();
        if n + len > MAX_KEY {
            return None;
        }
        c.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    Some(std::str::from_utf8(&buf[..n]).expect("whole characters were written"))
}

/// Whether `word` is its own key: only Arabic letters U+0621–U+063A and U+0641–U+064A, none
/// of them an alef with hamza or madda (the usual word of running text, checked on bytes).
fn is_own_key(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() % 2 == 0
        && b.chunks_exact(2).all(|p| match p[0] {
            0xd8 => (0xa1..=0xba).contains(&p[1]) && !matches!(p[1], 0xa2 | 0xa3 | 0xa5),
            0xd9 => (0x81..=0x8a).contains(&p[1]),
            _ => false,
        })
}

/// The key of `word`: the word itself when it is its own key, else built into `buf`.
fn key_of<'a>(word: &'a str, buf: &'a mut [u8; MAX_KEY]) -> Option<&'a str> {
    if is_own_key(word) {
        Some(word)
    } else {
        key(word, buf)
    }
}

/// Whether `word` is exactly a listed word (no conjunction rule), comparing keys.
pub fn is_listed(word: &str) -> bool {
    let mut buf = [0u8; MAX_KEY];
    key_of(word, &mut buf).is_some_and(|k| set().is_listed(k))
}

/// Whether `word` is a stopword: listed, or و/ف + a listed word of two or more letters.
///
/// ```
/// use khabar::tokenize::is_stopword;
/// assert!(is_stopword("إِلَى") && is_stopword("الى") && is_stopword("وفي"));
/// assert!(!is_stopword("علي") && !is_stopword("كتاب") && !is_stopword("فهم"));
/// ```
pub fn is_stopword(word: &str) -> bool {
    let mut buf = [0u8; MAX_KEY];
    key_of(word, &mut buf).is_some_and(|k| set().is_form(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_are_their_own_key() {
        // Every Arabic letter alone and in a word: the shortcut holds exactly where the key is
        // the word itself.
        let mut buf = [0u8; MAX_KEY];
        for c in ('\u{600}'..='\u{6ff}').chain(['a', 'ـ', '\u{200c}', 'é']) {
            for w in [c.to_string(), format!("كت{c}ب")] {
                let own = key(&w, &mut buf).is_some_and(|k| k == w);
                assert!(!is_own_key(&w) || own, "{w:?}");
                if ('\u{621}'..='\u{63a}').contains(&c) || ('\u{641}'..='\u{64a}').contains(&c) {
                    assert_eq!(is_own_key(&w), own, "{w:?}");
                }
            }
        }
        assert!(is_own_key("على") && !is_own_key("إلى") && !is_own_key("الىَ"));
    }

    #[test]
    fn list_is_clean() {
        let mut seen = std::collections::HashSet::new();
        for w in entries() {
            assert!(!w.contains(char::is_whitespace), "{w:?}");
            assert!(
                w.chars().all(|c| ('\u{0621}'..='\u{064a}').contains(&c)),
                "{w:?}"
            );
            // Spellings that differ only in hamza (أن, إن) are both written; exact repeats are not.
            assert!(seen.insert(w), "{w:?} is listed twice");
        }
        assert!(seen.len() > 250 && set().listed.len() > 250);
    }

    /// The rule as the module states it, word by word.
    fn by_the_rule(word: &str) -> bool {
        let mut buf = [0u8; MAX_KEY];
        let Some(k) = key(word, &mut buf) else { return false };
        is_listed(k)
            || k.strip_prefix('و').or_else(|| k.strip_prefix('ف')).is_some_and(|rest| {
                rest.chars().count() >= 2 && is_listed(rest) && !NOT_CONJUNCTION_FORMS.contains(&k)
            })
    }

    #[test]
    fn stopwords_are_the_rule() {
        // Every listed word, with و/ف, with a mark, an extra letter, a letter less; and words of
        // running text.
        let text = "قال وزير المالية في بيان إن الحكومة ستعرض الموازنة على البرلمان وفي الأسبوع المقبل فإن ولكن والي فهم فلك";
        let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
        for w in entries() {
            let letters: Vec<char> = w.chars().collect();
            words.extend([w.to_string(), format!("و{w}"), format!("ف{w}"), format!("وو{w}"), format!("{w}ة"), format!("ال{w}")]);
            words.push(format!("{}\u{64e}{}", letters[0], letters[1..].iter().collect::<String>()));
            words.push(letters[1..].iter().collect());
        }
        let mut yes = 0;
        for w in &words {
            assert_eq!(is_stopword(w), by_the_rule(w), "{w:?}");
            yes += usize::from(is_stopword(w));
        }
        assert!(yes > 3 * 250 && yes < words.len(), "{yes} of {}", words.len());
    }

    #[test]
    fn table() {
        for (word, yes) in [
            ("في", true),
            ("فِي", true),
            ("إلى", true),
            ("الى", true),
            ("إِلَى", true),
            ("إلي", true),
            ("على", true),
            ("علي", false),
            ("الذي", true),
            ("الـذي", true),
            ("وفي", true),
            ("فإن", true),
            ("وكان", true),
            ("ولكن", true),
            ("وال", false),
            ("ولي", false),
            ("فهم", false),
            ("وي", false),
            ("كتاب", false),
            ("الحكومة", false),
            ("", false),
            ("the", false),
            ("و", true),
            ("ال", true),
        ] {
            assert_eq!(is_stopword(word), yes, "{word:?}");
        }
    }

    #[test]
    fn long_words_are_not_stopwords() {
        assert!(!is_stopword(&"من".repeat(100)));
    }
}
