//! The ISRI root-extraction stemmer (Taghva, Elkhoury and Coombs, 2005) exactly as NLTK's
//! `ISRIStemmer.stem` runs it, NLTK's additions included (its stopword list, the تفاعيل
//! pattern, no hamza normalization beyond an initial أ إ آ).
//!
//! Steps: remove the harakat U+064B–U+0652; return stopwords as they are; remove one 3- or
//! 2-letter prefix and one 3- or 2-letter suffix (longer first, each only on long enough
//! words); drop a connective و before و; fold an initial أ إ آ to ا; then, by length, match the
//! 4-, 5-, 6- and 7-letter patterns that extract 3- and 4-letter roots, falling back to
//! removing one short suffix or prefix. Lengths are in code points, as in Python.

use crate::text::arabic::HARAKAT;

const P3: [&str; 4] = ["كال", "بال", "ولل", "وال"];
const P2: [&str; 2] = ["ال", "لل"];
const P1: [char; 9] = ['ل', 'ب', 'ف', 'س', 'و', 'ي', 'ت', 'ن', 'ا'];
const S3: [&str; 5] = ["تمل", "همل", "تان", "تين", "كمل"];
const S2: [&str; 16] = [
    "ون", "ات", "ان", "ين", "تن", "كم", "هن", "نا", "يا", "ها", "تم", "كن", "ني", "وا", "ما", "هم",
];
const S1: [char; 7] = ['ة', 'ه', 'ي', 'ك', 'ت', 'ا', 'ن'];
const PR4_0: [char; 1] = ['م'];
const PR4_1: [char; 1] = ['ا'];
const PR4_2: [char; 3] = ['ا', 'و', 'ي'];
const PR4_3: [char; 1] = ['ة'];
const PR53: [&[char]; 7] = [
    &['ا', 'ت'],
    &['ا', 'ي', 'و'],
    &['ا', 'ت', 'م'],
    &['م', 'ي', 'ت'],
    &['م', 'ت'],
    &['ا', 'و'],
    &['ا', 'م'],
];

/// NLTK's ISRI stopwords: returned unstemmed.
const STOP_WORDS: [&str; 49] = [
    "يكون",
    "وليس",
    "وكان",
    "كذلك",
    "التي",
    "وبين",
    "عليها",
    "مساء",
    "الذي",
    "وكانت",
    "ولكن",
    "والتي",
    "تكون",
    "اليوم",
    "اللذين",
    "عليه",
    "كانت",
    "لذلك",
    "أمام",
    "هناك",
    "منها",
    "مازال",
    "لازال",
    "لايزال",
    "مايزال",
    "اصبح",
    "أصبح",
    "أمسى",
    "امسى",
    "أضحى",
    "اضحى",
    "مابرح",
    "مافتئ",
    "ماانفك",
    "لاسيما",
    "ولايزال",
    "الحالي",
    "اليها",
    "الذين",
    "فانه",
    "والذي",
    "وهذا",
    "لهذا",
    "فكان",
    "ستكون",
    "اليه",
    "يمكن",
    "بهذا",
    "الذى",
];

type W = Vec<char>;

fn starts(w: &[char], p: &str) -> bool {
    let mut it = w.iter();
    p.chars().all(|c| it.next() == Some(&c))
}

fn ends(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(s.chars())
}

fn cat(parts: &[&[char]]) -> W {
    parts.iter().flat_map(|p| p.iter().copied()).collect()
}

fn pre32(w: W) -> W {
    if w.len() >= 6 {
        if let Some(p) = P3.iter().find(|p| starts(&w, p)) {
            return w[p.chars().count()..].to_vec();
        }
    }
    if w.len() >= 5 {
        if let Some(p) = P2.iter().find(|p| starts(&w, p)) {
            return w[p.chars().count()..].to_vec();
        }
    }
    w
}

fn suf32(w: W) -> W {
    if w.len() >= 6 {
        if S3.iter().any(|s| ends(&w, s)) {
            return w[..w.len() - 3].to_vec();
        }
    }
    if w.len() >= 5 {
        if S2.iter().any(|s| ends(&w, s)) {
            return w[..w.len() - 2].to_vec();
        }
    }
    w
}

fn waw(w: W) -> W {
    if w.len() >= 4 && w[0] == 'و' && w[1] == 'و' {
        return w[1..].to_vec();
    }
    w
}

fn suf1(w: W) -> W {
    match w.last() {
        Some(c) if S1.contains(c) => w[..w.len() - 1].to_vec(),
        _ => w,
    }
}

fn pre1(w: W) -> W {
    match w.first() {
        Some(c) if P1.contains(c) => w[1..].to_vec(),
        _ => w,
    }
}

fn pro_w4(w: W) -> W {
    if PR4_0.contains(&w[0]) {
        w[1..].to_vec()
    } else if PR4_1.contains(&w[1]) {
        cat(&[&w[..1], &w[2..]])
    } else if PR4_2.contains(&w[2]) {
        cat(&[&w[..2], &w[3..4]])
    } else if PR4_3.contains(&w[3]) {
        w[..3].to_vec()
    } else {
        let w = suf1(w);
        if w.len() == 4 {
            pre1(w)
        } else {
            w
        }
    }
}

fn pro_w53(w: W) -> W {
    let c = |i: usize| w[i];
    if PR53[0].contains(&c(2)) && c(0) == 'ا' {
        cat(&[&w[1..2], &w[3..]])
    } else if PR53[1].contains(&c(3)) && c(0) == 'م' {
        cat(&[&w[1..3], &w[4..5]])
    } else if PR53[2].contains(&c(0)) && c(4) == 'ة' {
        w[1..4].to_vec()
    } else if PR53[3].contains(&c(0)) && c(2) == 'ت' {
        cat(&[&w[1..2], &w[3..]])
    } else if PR53[4].contains(&c(0)) && c(2) == 'ا' {
        cat(&[&w[1..2], &w[3..]])
    } else if PR53[5].contains(&c(2)) && c(4) == 'ة' {
        cat(&[&w[..2], &w[3..4]])
    } else if PR53[6].contains(&c(0)) && c(1) == 'ن' {
        w[2..].to_vec()
    } else if c(3) == 'ا' && c(0) == 'ا' {
        cat(&[&w[1..3], &w[4..5]])
    } else if c(4) == 'ن' && c(3) == 'ا' {
        w[..3].to_vec()
    } else if c(3) == 'ي' && c(0) == 'ت' {
        cat(&[&w[1..3], &w[4..5]])
    } else if c(3) == 'و' && c(1) == 'ا' {
        cat(&[&w[0..1], &w[2..3], &w[4..5]])
    } else if c(2) == 'ا' && c(1) == 'و' {
        cat(&[&w[0..1], &w[3..]])
    } else if c(3) == 'ئ' && c(2) == 'ا' {
        cat(&[&w[..2], &w[4..5]])
    } else if c(4) == 'ة' && c(1) == 'ا' {
        cat(&[&w[0..1], &w[2..4]])
    } else if c(4) == 'ي' && c(2) == 'ا' {
        cat(&[&w[..2], &w[3..4]])
    } else {
        let w = suf1(w);
        if w.len() == 5 {
            pre1(w)
        } else {
            w
        }
    }
}

fn pro_w54(w: W) -> W {
    if PR53[2].contains(&w[0]) {
        w[1..].to_vec()
    } else if w[4] == 'ة' {
        w[..4].to_vec()
    } else if w[2] == 'ا' {
        cat(&[&w[..2], &w[3..]])
    } else {
        w
    }
}

fn end_w5(w: W) -> W {
    match w.len() {
        4 => pro_w4(w),
        5 => pro_w54(w),
        _ => w,
    }
}

fn pro_w6(w: W) -> W {
    if starts(&w, "است") || starts(&w, "مست") {
        w[3..].to_vec()
    } else if w[0] == 'م' && w[3] == 'ا' && w[5] == 'ة' {
        cat(&[&w[1..3], &w[4..5]])
    } else if w[0] == 'ا' && w[2] == 'ت' && w[4] == 'ا' {
        cat(&[&w[1..2], &w[3..4], &w[5..6]])
    } else if w[0] == 'ا' && w[3] == 'و' && w[2] == w[4] {
        cat(&[&w[1..2], &w[4..]])
    } else if w[0] == 'ت' && w[2] == 'ا' && w[4] == 'ي' {
        cat(&[&w[1..2], &w[3..4], &w[5..6]])
    } else {
        let w = suf1(w);
        if w.len() == 6 {
            pre1(w)
        } else {
            w
        }
    }
}

fn pro_w64(w: W) -> W {
    if w[0] == 'ا' && w[4] == 'ا' {
        cat(&[&w[1..4], &w[5..6]])
    } else if starts(&w, "مت") {
        w[2..].to_vec()
    } else {
        w
    }
}

fn end_w6(w: W) -> W {
    match w.len() {
        5 => end_w5(pro_w53(w)),
        6 => pro_w64(w),
        _ => w,
    }
}

/// The ISRI stem (root) of `word`, as NLTK's `ISRIStemmer().stem(word)` returns it.
///
/// ```
/// use khabar::tokenize::stem::isri;
/// assert_eq!(isri("المكتبات"), "كتب");
/// assert_eq!(isri("يستخدمون"), "خدم");
/// ```
pub fn isri(word: &str) -> String {
    let w: W = word
        .chars()
        .filter(|c| !HARAKAT.contains(c))
        .collect();
    let s: String = w.iter().collect();
    if STOP_WORDS.contains(&s.as_str()) {
        return s;
    }
    let mut w = waw(suf32(pre32(w)));
    if let Some(first) = w.first_mut() {
        if matches!(*first, 'آ' | 'أ' | 'إ') {
            *first = 'ا';
        }
    }
    let w = match w.len() {
        4 => pro_w4(w),
        5 => end_w5(pro_w53(w)),
        6 => end_w6(pro_w6(w)),
        7 => {
            let w = suf1(w);
            let w = if w.len() == 7 { pre1(w) } else { w };
            if w.len() == 6 {
                end_w6(pro_w6(w))
            } else {
                w
            }
        }
        _ => w,
    };
    w.into_iter().collect()
}

/// Append the ISRI stem of `word` to `out`.
pub fn stem_into(word: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(isri(word).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nltk_examples() {
        // Checked against nltk.stem.isri.ISRIStemmer 3.10.
        for (input, expected) in [
            ("المكتبات", "كتب"),
            ("يستخدمون", "خدم"),
            ("الذي", "الذي"),
            ("", ""),
            ("abc", "abc"),
        ] {
            assert_eq!(isri(input), expected, "{input:?}");
        }
    }
}
