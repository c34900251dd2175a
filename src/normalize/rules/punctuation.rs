//! Arabic punctuation, dashes and quotes to their ASCII forms.

use super::super::rule::Rule;

/// `ascii_punctuation`.
pub const ASCII_PUNCTUATION: Rule = Rule::on_off(
    "ascii_punctuation",
    "punctuation",
    "، ؛ ؟ ۔ ٪ to , ; ? . %, dashes ‐ – — to -, … to ...",
    |t, _| {
        t.map_all(&[
            ('،', ","), ('؛', ";"), ('؟', "?"), ('۔', "."), ('٪', "%"),
            ('\u{2010}', "-"), ('\u{2011}', "-"), ('\u{2012}', "-"), ('\u{2013}', "-"), ('\u{2014}', "-"),
            ('\u{2015}', "-"), ('…', "..."),
        ])
    },
);
/// `ascii_quotes`.
pub const ASCII_QUOTES: Rule = Rule::on_off(
    "ascii_quotes",
    "punctuation",
    "guillemets « » and curly quotes “ ” ‘ ’ to \" and '",
    |t, _| {
        t.map_all(&[
            ('«', "\""), ('»', "\""), ('“', "\""), ('”', "\""), ('„', "\""), ('‟', "\""),
            ('‘', "'"), ('’', "'"), ('‚', "'"), ('‛', "'"), ('‹', "<"), ('›', ">"),
        ])
    },
);

#[cfg(test)]
mod tests {
    use super::super::cases::check;

    #[test]
    fn cases() {
        check(&[
            (&["ascii_punctuation"], "قال، ثم؛ لماذا؟ ۔ ٥٪ — …", "قال, ثم; لماذا? . ٥% - ..."),
            (&["ascii_quotes"], "«لن نتراجع» ‘a’ ‹b›", "\"لن نتراجع\" 'a' <b>"),
        ]);
    }
}
