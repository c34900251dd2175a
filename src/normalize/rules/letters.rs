//! Letter folds: alef forms, alef maqsura, teh marbuta, hamza carriers, Persian and Urdu
//! letters. Each is a list of replacements (table entries only).

use super::super::rule::Rule;

/// `fold_alef`.
pub const FOLD_ALEF: Rule = Rule::on_off("fold_alef", "letters", "fold أ إ آ ٱ ٲ ٳ to ا", |t, _| {
    t.map_all(&[('آ', "ا"), ('أ', "ا"), ('إ', "ا"), ('ٱ', "ا"), ('ٲ', "ا"), ('ٳ', "ا")])
});
/// `fold_alef_hamza`.
pub const FOLD_ALEF_HAMZA: Rule =
    Rule::on_off("fold_alef_hamza", "letters", "fold أ إ آ to ا (ٱ kept; Lucene's alef rule)", |t, _| {
        t.map_all(&[('آ', "ا"), ('أ', "ا"), ('إ', "ا")])
    });
/// `fold_alef_wasla`.
pub const FOLD_ALEF_WASLA: Rule =
    Rule::on_off("fold_alef_wasla", "letters", "fold ٱ ٲ ٳ to ا, keeping أ إ آ (CAMeL's arclean choice)", |t, _| {
        t.map_all(&[('ٱ', "ا"), ('ٲ', "ا"), ('ٳ', "ا")])
    });
/// `fold_alef_maqsura`.
pub const FOLD_ALEF_MAQSURA: Rule =
    Rule::on_off("fold_alef_maqsura", "letters", "fold ى to ي", |t, _| t.map('ى', "ي"));
/// `fold_teh_marbuta`.
pub const FOLD_TEH_MARBUTA: Rule = Rule::on_off("fold_teh_marbuta", "letters", "fold ة to ه", |t, _| t.map('ة', "ه"));
/// `fold_hamza_carriers`.
pub const FOLD_HAMZA_CARRIERS: Rule =
    Rule::on_off("fold_hamza_carriers", "letters", "fold ؤ to و and ئ to ي", |t, _| {
        t.map_all(&[('ؤ', "و"), ('ئ', "ي")])
    });
/// `fold_persian_letters`.
pub const FOLD_PERSIAN_LETTERS: Rule = Rule::on_off(
    "fold_persian_letters",
    "letters",
    "fold Persian/Urdu/Kurdish letters: ک ڪ → ك; ی ۍ ې → ي; ە ہ ھ → ه",
    |t, _| {
        t.map_all(&[
            ('ک', "ك"), ('ڪ', "ك"), // keheh, swash kaf
            ('ی', "ي"), ('ۍ', "ي"), ('ې', "ي"), // Farsi yeh, yeh with tail, e
            ('ە', "ه"), ('ہ', "ه"), ('ھ', "ه"), // ae, heh goal, heh doachashmee
        ])
    },
);
/// `fold_persian_extra`.
pub const FOLD_PERSIAN_EXTRA: Rule = Rule::on_off(
    "fold_persian_extra",
    "letters",
    "fold گ → ك, پ → ب, چ → ج, ژ → ز (off by default: these letters carry meaning in names and loanwords)",
    |t, _| t.map_all(&[('گ', "ك"), ('پ', "ب"), ('چ', "ج"), ('ژ', "ز")]),
);

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["fold_alef"], "أإآٱٲٳا", "ااااااا"),
            (&["fold_alef_hamza"], "أإآٱ", "اااٱ"),
            (&["fold_alef_wasla"], "أإآٱٲٳ", "أإآااا"),
            (&["fold_alef_maqsura"], "على", "علي"),
            (&["fold_teh_marbuta"], "مدرسة", "مدرسه"),
            (&["fold_hamza_carriers"], "مؤتمر رئيس", "موتمر رييس"),
            (&["fold_persian_letters"], "کتاب ڪتاب یک ۍ ې ە ہ ھ", "كتاب كتاب يك ي ي ه ه ه"),
            (&["fold_persian_extra"], "گ پ چ ژ", "ك ب ج ز"),
            // Folds apply to what other rules produce: ﻷ is ل + أ, then ا.
            (&["presentation_forms", "fold_alef"], "ﻷ", "لا"),
        ]);
    }
}
