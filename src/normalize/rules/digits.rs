//! Digits to one script: ASCII, Arabic-Indic (٠–٩) or Extended Arabic-Indic (۰–۹).

use super::super::rule::{Rule, Value};
use super::super::table::TableBuilder;
use crate::text::arabic::{ARABIC_INDIC_DIGITS, PERSIAN_DIGITS};

/// `digits`.
pub const DIGITS: Rule = Rule::choice(
    "digits",
    "digits",
    "digits to one script: keep, ascii (also ٫ → . and ٬ → ,), arabic (٠–٩) or persian (۰–۹)",
    &["keep", "ascii", "arabic", "persian"],
    digits,
);

fn digits(t: &mut TableBuilder, v: Value) {
    let Value::Choice(to) = v else { return };
    let scripts = ['0'..='9', ARABIC_INDIC_DIGITS, PERSIAN_DIGITS];
    let target = match to {
        "ascii" => 0,
        "arabic" => 1,
        _ => 2,
    };
    for (_, script) in scripts.iter().enumerate().filter(|&(k, _)| k != target) {
        for (from, to) in script.clone().zip(scripts[target].clone()) {
            t.map(from, to.encode_utf8(&mut [0; 4]));
        }
    }
    if to == "ascii" {
        // The Arabic decimal and thousands separators go with the digits.
        t.map('٫', ".");
        t.map('٬', ",");
    }
}

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["digits=ascii"], "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٣٫١٤ ١٬٠٠٠", "0123456789 0123456789 3.14 1,000"),
            (&["digits=arabic"], "2024 ۲۰۲۴", "٢٠٢٤ ٢٠٢٤"),
            (&["digits=persian"], "2024 ٢٠٢٤", "۲۰۲۴ ۲۰۲۴"),
            (&["digits=keep"], "2024 ٢٠٢٤ ۲۰۲۴", "2024 ٢٠٢٤ ۲۰۲۴"),
        ]);
    }
}
