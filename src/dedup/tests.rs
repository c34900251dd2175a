//! The whole method on made-up stories: copies rewritten the way outlets rewrite wire copy
//! are found, different stories are not, and nothing depends on the number of threads.

use super::*;

const WORDS: &[&str] = &[
    "الوزير", "الحكومة", "المدينة", "الاقتصاد", "مشروع", "جديد", "اليوم", "أعلن", "قال", "مصدر", "المنطقة",
    "الشركة", "التعليم", "الصحة", "المياه", "الطاقة", "السوق", "العام", "المقبل", "مليون", "دولار", "نسبة",
    "النمو", "البنك", "المركزي", "الخطة", "الوطنية", "اجتماع", "مجلس", "الأمن", "الدولي", "المفاوضات",
    "الطرفين", "الاتفاق", "النهائي", "المدارس", "الطلاب", "المستشفى", "المرضى", "الطريق", "السريع",
];

/// A story of `n` words drawn by a small generator from `seed`.
fn story(seed: u64, n: usize) -> String {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            WORDS[(s % WORDS.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rewrite: a new title, a dateline, spelling folds, tatweel, a sign-off.
fn rewrite(text: &str, title: &str) -> String {
    let body = text.replace('ة', "ه").replace('أ', "ا").replacen("الحكومه", "الحكومــة", 1);
    format!("{title}\n\nالرياض - واس - {body}، «انتهى».\n// انتهى //")
}

fn run(rows: &[Option<String>], verify: Verify, want_pairs: bool) -> NearDuplicates {
    let view: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
    near_duplicates(DedupOptions::default().index().unwrap(), &view.as_slice(), 0.8, verify, want_pairs)
}

fn corpus() -> Vec<Option<String>> {
    let mut rows = Vec::new();
    for i in 0..60u64 {
        rows.push(Some(story(i, 300)));
    }
    rows.push(Some(rewrite(rows[3].as_deref().unwrap(), "عنوان جديد للخبر")));
    rows.push(None);
    rows.push(Some(rows[7].clone().unwrap()));
    rows.push(Some(rewrite(rows[3].as_deref().unwrap(), "خبر آخر")));
    rows.push(Some("،،، !!! ...".into()));
    rows.push(Some("،،، !!! ...".into()));
    // The same opening paragraph, then another story: an update, not a copy.
    rows.push(Some(format!("{} {}", &story(9, 60), story(1000, 240))));
    rows
}

#[test]
fn copies_are_found_and_other_stories_are_not() {
    let rows = corpus();
    for verify in [Verify::Exact, Verify::Signature] {
        let out = run(&rows, verify, false);
        let c = &out.clusters;
        assert_eq!(c.len(), rows.len());
        assert_eq!(c[60], Some(3), "{verify:?}: a rewritten copy joins its source");
        assert_eq!(c[63], Some(3));
        assert_eq!(c[61], None, "a missing row has no cluster");
        assert_eq!(c[62], Some(7), "an exact copy");
        assert_eq!((c[64], c[65]), (Some(64), Some(65)), "rows without words are no one's copies");
        assert_eq!(c[66], Some(66), "an update sharing only the opening is not a copy");
        for (i, id) in c.iter().enumerate().take(60) {
            assert_eq!(*id, Some(i as u32), "{verify:?}: story {i} is its own");
        }
    }
}

#[test]
fn pairs_carry_estimated_and_exact_jaccard() {
    let rows = corpus();
    let out = run(&rows, Verify::Exact, true);
    let exact = out.pairs.iter().find(|p| (p.left, p.right) == (7, 62)).expect("the exact copy");
    assert_eq!((exact.estimate, exact.jaccard, exact.duplicate), (1.0, Some(1.0), true));
    let near = out.pairs.iter().find(|p| (p.left, p.right) == (3, 60)).expect("the rewrite");
    let j = near.jaccard.unwrap();
    assert!(near.duplicate && j > 0.8 && j < 1.0, "{near:?}");
    assert!((near.estimate - j).abs() < 0.15, "{near:?}");
    assert!(out.pairs.windows(2).all(|w| (w[0].left, w[0].right) < (w[1].left, w[1].right)));
    assert!(run(&rows, Verify::Exact, false).pairs.is_empty());
}

#[test]
fn the_same_clusters_on_any_number_of_threads() {
    let rows = corpus();
    let want = run(&rows, Verify::Exact, true);
    for threads in [1, 2, 3] {
        let got = crate::batch::pool::with_threads(threads, || run(&rows, Verify::Exact, true));
        assert_eq!(got, want, "{threads} threads");
    }
}

#[test]
fn an_index_fed_in_chunks_equals_one_fed_at_once() {
    let rows = corpus();
    let view: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
    let opts = DedupOptions::default();
    let mut whole = opts.index().unwrap();
    whole.add(&view.as_slice());
    let mut parts = opts.index().unwrap();
    for chunk in view.chunks(7) {
        parts.add(&chunk);
    }
    assert_eq!(whole.len(), parts.len());
    assert_eq!(whole.candidates(), parts.candidates());
    assert!((0..view.len() as u32).all(|r| whole.signature(r) == parts.signature(r)));
    assert_eq!(view.as_slice().len(), rows.len());
}

#[test]
fn signatures_do_not_depend_on_the_entry_point() {
    let opts = DedupOptions { num_perm: 64, ..DedupOptions::default() };
    let sketcher = opts.sketcher().unwrap();
    let text = story(5, 120);
    let (mut a, mut b) = (vec![0u32; 64], vec![0u64; 64]);
    let mut scratch = SketchScratch::default();
    let k1 = sketcher.sketch32(&text, &mut scratch, &mut a);
    let k2 = sketcher.sketch64(&text, &mut scratch, &mut b);
    assert_eq!(k1, k2);
    assert!(a.iter().zip(&b).all(|(x, y)| *x == (y >> 32) as u32));
    let mut index = opts.index().unwrap();
    index.add(&[Some(text.as_str())].as_slice());
    assert_eq!(index.signature(0), a.as_slice());
}

#[test]
fn a_mark_without_a_base_does_not_change_the_words() {
    let sketcher = DedupOptions::default().sketcher().unwrap();
    let mut scratch = SketchScratch::default();
    let (mut plain, mut framed) = (vec![0u32; 128], vec![0u32; 128]);
    for row in ["\u{301}abc def", "\u{64e}كتب الوزير", "\u{670}\u{301}x", "\u{301}", "abc \u{301}def"] {
        let key = sketcher.sketch32(row, &mut scratch, &mut plain);
        let wrapped = format!("«\u{200f}{row}\u{200b}» ،");
        assert_eq!(sketcher.sketch32(&wrapped, &mut scratch, &mut framed), key, "{row:?}");
        assert_eq!(framed, plain, "{row:?}");
    }
}
