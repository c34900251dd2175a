//! Conservative, rule-based splitting of Arabic proclitics: و ف (conjunctions), ب ك ل
//! (prepositions) and the article ال, alone or chained (`وبال`, `فلل`, `وال`).
//!
//! A word splits only in these shapes (letters counted without marks or tatweel, which stay
//! with the letter they follow, so the pieces tile the word exactly):
//! 1. `[و|ف] [ب|ك] ال STEM` and `[و|ف] ل ال STEM`, STEM of 3 letters or more:
//!    `وبالتالي` → و ب ال تالي; `كالات` stays whole.
//! 2. `[و|ف] لل STEM` (ل + the article with its alef elided), STEM of 2 letters or more:
//!    `للحكومة` → ل ل حكومة, `فللمرة` → ف ل ل مرة; `لله` stays whole.
//! 3. `[و|ف] ال STEM`, STEM of 2 letters or more, unless `ال…` is a stopword (`الذي`, `الآن`) or
//!    a listed word whose ال belongs to the word (`التزام`, `الكتروني`, `الاف`, `الله`):
//!    `والحكومة` → و ال حكومة.
//! 4. `[و|ف] REST` where REST is a stopword of 2 letters or more: `وفي` → و في, `فإن` → ف إن.
//! 5. `[ب|ك|ل] REST` where REST is a stopword of 2 letters or more and the word itself is not
//!    one: `بذلك` → ب ذلك, `لكل` → ل كل; `كما`, `لكن`, `بين` stay whole.
//!
//! The article must be written `ال` with a bare alef; a word that is itself a stopword (`كما`,
//! `فقط`, `لذلك`) never splits, nor do a few listed words that only look prefixed (`ولي`, `فهم`,
//! `والدة`, `بلدي` …).
//!
//! What it does not do: enclitics (pronoun suffixes ـه ـها ـهم ـنا ـي stay on the word); the
//! future prefix س; the interrogative أ; و/ف before a content word (`وقال`, `فأعلن` stay whole:
//! without a lexicon `وزير` and `و+زير` look alike); ب/ك/ل before a noun without the article
//! (`بمصر`, `لبنان` stay whole); restoring the elided alef of `لل` (the article piece is the
//! single `ل` as written). It is not a morphological analyser: rare words that happen to fit a
//! shape (`والدته`) are split.

use crate::text::{is_arabic_letter, is_diacritic, TATWEEL, ZWJ, ZWNJ};
use super::stopwords::{is_listed, is_stopword};
use super::words::{Token, TokenKind};

/// Words that fit a shape but whose first letters belong to the word (compared with marks
/// and tatweel removed, hamza kept).
const NOT_SPLIT: &[&str] = &[
    "الله",
    "اللهم",
    "التزام",
    "التزامات",
    "التزامه",
    "التزامها",
    "التقى",
    "التقت",
    "التقاء",
    "التحق",
    "التحقت",
    "التحاق",
    "التهاب",
    "التماس",
    "الكتروني",
    "الكترونية",
    "الكترونيا",
    "الكترونيات",
    "الغاء",
    "الزام",
    "الهام",
    "القاء",
    "الحاق",
    "الاف",
    "الية",
    "اليات",
    "الات",
    "الام",
    "والدة",
    "والده",
    "والدي",
    "والدته",
    "والدتها",
    "والدتهم",
    "والدتي",
    "والدها",
    "والدهم",
    "والدان",
    "والي",
    "ولي",
    "فهم",
    "فلك",
    "وال",
    "فال",
    "بلدي",
    "لمع",
    "لعن",
    "بهو",
    "لهو",
    "وهن",
    "لله",
    "بال",
    "كال",
    "لال",
];

/// Letters inspected at most at the start of a word (و ب ال + 3 letters of stem).
const MAX_PREFIX_LETTERS: usize = 8;

/// Calls `emit` with the pieces of the Arabic word `tok` of `text`: clitics as
/// [`TokenKind::Clitic`], the rest as the word's kind. A word that does not split is emitted
/// whole.
pub fn split_clitics(text: &str, tok: Token, emit: &mut impl FnMut(Token)) {
    let word = tok.text(text);
    let mut starts = [0usize; MAX_PREFIX_LETTERS + 1];
    let mut letters = ['\0'; MAX_PREFIX_LETTERS + 1];
    let mut n = 0;
    let mut total = 0;
    for (i, c) in word.char_indices() {
        if is_arabic_letter(c) {
            if n < letters.len() {
                starts[n] = i;
                letters[n] = c;
                n += 1;
            }
            total += 1;
        } else if !(is_diacritic(c) || matches!(c, TATWEEL | ZWNJ | ZWJ)) {
            // Not a plain Arabic word (digits, other scripts): leave it alone.
            emit(tok);
            return;
        }
    }
    let cuts = cut_points(word, &letters[..n], &starts[..n], total);
    let mut from = 0;
    for cut in cuts.into_iter().take_while(|&c| c > 0) {
        emit(Token {
            start: tok.start + from,
            end: tok.start + cut,
            kind: TokenKind::Clitic,
        });
        from = cut;
    }
    emit(Token {
        start: tok.start + from,
        end: tok.end,
        kind: tok.kind,
    });
}

/// Byte offsets (inside `word`) where clitics end, in order; zeros are unused slots.
fn cut_points(word: &str, letters: &[char], starts: &[usize], total: usize) -> [usize; 3] {
    let none = [0; 3];
    if total < 3 || is_listed(word) || not_split(word) {
        return none;
    }
    let at = |i: usize| letters.get(i).copied().unwrap_or('\0');
    let start_of = |i: usize| starts.get(i).copied().unwrap_or(word.len());
    let conj = usize::from(matches!(at(0), 'و' | 'ف'));
    let rest = |from: usize| &word[start_of(from)..];
    let mut cuts = none;
    let mut k = 0;
    let mut push = |cut: usize| {
        cuts[k] = cut;
        k += 1;
    };

    // Shapes 1 and 2: a preposition before the article.
    let p = conj;
    if matches!(at(p), 'ب' | 'ك' | 'ل')
        && at(p + 1) == 'ا'
        && at(p + 2) == 'ل'
        && total >= p + 3 + 3
    {
        if conj == 1 {
            push(start_of(1));
        }
        push(start_of(p + 1));
        push(start_of(p + 3));
        return cuts;
    }
    if at(p) == 'ل' && at(p + 1) == 'ل' && total >= p + 2 + 2 {
        if conj == 1 {
            push(start_of(1));
        }
        push(start_of(p + 1));
        push(start_of(p + 2));
        return cuts;
    }
    // Shape 3: the article alone.
    if at(p) == 'ا' && at(p + 1) == 'ل' && total >= p + 2 + 2 {
        let with_article = rest(p);
        if !is_stopword(with_article) && !not_split(with_article) {
            if conj == 1 {
                push(start_of(1));
            }
            push(start_of(p + 2));
            return cuts;
        }
    }
    // Shape 4: a conjunction before a stopword (not the bare article).
    let stopword_rest = |from: usize| is_stopword(rest(from)) && !is_article(rest(from));
    if conj == 1 && total >= 3 && stopword_rest(1) {
        push(start_of(1));
        return cuts;
    }
    // Shape 5: a preposition before a stopword.
    if conj == 0 && matches!(at(0), 'ب' | 'ك' | 'ل') && total >= 3 && stopword_rest(1) {
        push(start_of(1));
        return cuts;
    }
    none
}

fn is_article(word: &str) -> bool {
    word.chars()
        .filter(|&c| !(is_diacritic(c) || c == TATWEEL))
        .eq("ال".chars())
}

fn not_split(word: &str) -> bool {
    let plain = word
        .chars()
        .filter(|&c| !(is_diacritic(c) || c == TATWEEL));
    NOT_SPLIT.iter().any(|w| w.chars().eq(plain.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::words::words;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for t in words(text) {
            if t.kind == TokenKind::Arabic {
                split_clitics(text, t, &mut |p| out.push(p.text(text)));
            } else {
                out.push(t.text(text));
            }
        }
        out
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("والحكومة", &["و", "ال", "حكومة"]),
            ("الحكومة", &["ال", "حكومة"]),
            ("البر", &["ال", "بر"]),
            ("وبالتالي", &["و", "ب", "ال", "تالي"]),
            ("فبالتالي", &["ف", "ب", "ال", "تالي"]),
            ("بالحرب", &["ب", "ال", "حرب"]),
            ("كالعادة", &["ك", "ال", "عادة"]),
            ("للحكومة", &["ل", "ل", "حكومة"]),
            ("فللمرة", &["ف", "ل", "ل", "مرة"]),
            ("وللمرة", &["و", "ل", "ل", "مرة"]),
            ("والْحُكُومَة", &["و", "الْ", "حُكُومَة"]),
            ("وَفِي", &["وَ", "فِي"]),
            ("فإن", &["ف", "إن"]),
            ("والذي", &["و", "الذي"]),
            ("بذلك", &["ب", "ذلك"]),
            ("لكل", &["ل", "كل"]),
            ("ليكون", &["ل", "يكون"]),
            // stays whole
            ("وزير", &["وزير"]),
            ("وقال", &["وقال"]),
            ("فلسطين", &["فلسطين"]),
            ("بمصر", &["بمصر"]),
            ("لبنان", &["لبنان"]),
            ("كتاب", &["كتاب"]),
            ("الذي", &["الذي"]),
            ("الآن", &["الآن"]),
            ("الله", &["الله"]),
            ("لله", &["لله"]),
            ("التزام", &["التزام"]),
            ("الى", &["الى"]),
            ("إلى", &["إلى"]),
            ("كما", &["كما"]),
            ("لكن", &["لكن"]),
            ("بين", &["بين"]),
            ("فقط", &["فقط"]),
            ("بالغ", &["بالغ"]),
            ("كالات", &["كالات"]),
            ("وكالة", &["وكالة"]),
            ("وكالات", &["وكالات"]),
            ("ولي", &["ولي"]),
            ("فهم", &["فهم"]),
            ("بلدي", &["بلدي"]),
            ("والدة", &["والدة"]),
            ("أل", &["أل"]),
            ("إلغاء", &["إلغاء"]),
            ("والـ", &["والـ"]),
            ("و", &["و"]),
            // other tokens pass through
            ("2020 والحكومة.", &["2020", "و", "ال", "حكومة", "."]),
        ];
        for (input, expected) in cases {
            assert_eq!(&split(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn pieces_tile_the_word() {
        for text in ["وَبِالْتَّالِي", "فلـلـمـرة", "والـحكومة", "و\u{200c}الحكومة"]
        {
            let t = words(text).next().unwrap();
            let mut pieces = Vec::new();
            split_clitics(text, t, &mut |p| pieces.push(p));
            assert_eq!(pieces.first().unwrap().start, t.start);
            assert_eq!(pieces.last().unwrap().end, t.end);
            for w in pieces.windows(2) {
                assert_eq!(w[0].end, w[1].start, "{text:?}");
                assert!(w[0].start < w[0].end);
            }
        }
    }
}
