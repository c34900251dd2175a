//! Site furniture that takes a whole line: share and follow lines, comments prompts, and the
//! lines that may sit between body paragraphs (also-read links, ads, captions, source lines, a
//! lone `(AGENCY)`).
//!
//! The phrases are the lexicon's; most patterns are anchored at the line's start and run only
//! on blocks whose first word opens one of them ([`Block::opener`]).

use super::agency::agencies_of;
use crate::article::blocks::Block;
use crate::article::lexicon::LEXICON;

/// A share/follow line (P5, P6): a share phrase followed by nothing but share words and
/// social network names (`شارك هذا المقال`, `تابعونا على فيسبوك وتويتر`). A sentence that opens
/// with the same verb (`شارك في الاجتماع وزراء`) is not one.
pub fn is_share_line(block: &Block) -> bool {
    if block.key_chars() >= 80 || !block.opener() {
        return false;
    }
    let lex = &*LEXICON;
    let Some(m) = lex.share.find(block.key()) else {
        return false;
    };
    let known = |w: &str| lex.share_words.contains(w);
    block.key()[m.end()..]
        .split(|c: char| c == ' ' || ":：،,|/-".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| known(w) || w.strip_prefix('و').is_some_and(known))
}

/// A comments prompt or header (P5, P6): a comments phrase on a short line with no final
/// punctuation (`أضف تعليقك`, `التعليقات (3)`), not a sentence about comments.
pub fn is_comments_line(block: &Block) -> bool {
    block.opener()
        && block.key_chars() <= 40
        && !block.text.ends_with(['.', '!', '?', '؟', '…'])
        && LEXICON.comments.is_match(block.key())
}

/// Boilerplate that can sit between body paragraphs (P7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineKind {
    AlsoRead,
    Ad,
    Caption,
    SourceLine,
    /// A line holding only `(AGENCY)`.
    Signoff,
}

/// What a body block is, when it is not a paragraph.
pub fn inline_kind(block: &Block) -> Option<InlineKind> {
    let lex = &*LEXICON;
    if block.opener() && lex.also_read.is_match(block.key()) {
        Some(InlineKind::AlsoRead)
    } else if block.opener() && lex.ad.is_match(block.key()) {
        Some(InlineKind::Ad)
    } else if block.chars <= 200 && lex.caption.is_match(block.key()) {
        Some(InlineKind::Caption)
    } else if block.opener() && block.key_chars() <= 80 && lex.source_line.is_match(block.key()) {
        Some(InlineKind::SourceLine)
    } else if block.chars <= 40 && block.text.starts_with('(') && agencies_of(block.text).is_some()
    {
        Some(InlineKind::Signoff)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::blocks::tests::block;

    #[test]
    fn inline_kinds() {
        let table: &[(&str, Option<InlineKind>)] = &[
            (
                "اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة في اليمن",
                Some(InlineKind::AlsoRead),
            ),
            ("إعلان", Some(InlineKind::Ad)),
            (
                "متظاهرون في ساحة الطرف الأغر (صورة أرشيفية)",
                Some(InlineKind::Caption),
            ),
            ("صورة: رويترز", Some(InlineKind::Caption)),
            (
                "المصدر: وكالة الأنباء الجزائرية (واج)",
                Some(InlineKind::SourceLine),
            ),
            ("(رويترز)", Some(InlineKind::Signoff)),
            ("(تحليل)", None),
            (
                "وقالت الشركة في بيان إن الإنتاج بلغ 9.2 مليون برميل يوميا.",
                None,
            ),
        ];
        for &(line, want) in table {
            assert_eq!(inline_kind(&block(line)), want, "{line:?}");
        }
    }
}
