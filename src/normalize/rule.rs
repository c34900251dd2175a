//! What a normalization rule is: a name, a description, the kind of value it takes and the
//! function that writes it into a [`TableBuilder`]; and the names of the context handlers the
//! rules hand code points to.

use super::table::{Context, TableBuilder};

/// The kind of value a rule takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// On or off.
    Bool,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
    /// A small non-negative count (0 = off).
    Count,
}

/// A rule's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// For [`ValueKind::Bool`].
    Bool(bool),
    /// For [`ValueKind::Choice`]: the chosen word.
    Choice(&'static str),
    /// For [`ValueKind::Count`].
    Count(u32),
}

impl Value {
    /// Whether the rule does anything with this value.
    pub fn is_on(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Choice(c) => *c != "keep",
            Value::Count(n) => *n > 0,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Choice(c) => write!(f, "{c}"),
            Value::Count(n) => write!(f, "{n}"),
        }
    }
}

/// One named normalization rule.
pub struct Rule {
    /// Stable name, used as the keyword argument in Python (`strip_tatweel=True`).
    pub name: &'static str,
    /// What the rule does, in words.
    pub description: &'static str,
    /// The rule group, for documentation (`unicode`, `marks`, `letters`...).
    pub group: &'static str,
    /// The kind of value it takes.
    pub kind: ValueKind,
    /// Its value when no preset sets it.
    pub off: Value,
    /// Write the rule into the table for `value` (called only when `value.is_on()`).
    pub apply: fn(&mut TableBuilder, Value),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

impl Rule {
    /// An on/off rule.
    pub const fn on_off(
        name: &'static str,
        group: &'static str,
        description: &'static str,
        apply: fn(&mut TableBuilder, Value),
    ) -> Rule {
        Rule { name, description, group, kind: ValueKind::Bool, off: Value::Bool(false), apply }
    }

    /// A rule that takes one of `choices`, the first meaning off.
    pub const fn choice(
        name: &'static str,
        group: &'static str,
        description: &'static str,
        choices: &'static [&'static str],
        apply: fn(&mut TableBuilder, Value),
    ) -> Rule {
        Rule { name, description, group, kind: ValueKind::Choice(choices), off: Value::Choice(choices[0]), apply }
    }
}

/// The context handlers and whole-text steps a table can name, by number (see
/// [`super::rules::handle`] for what each does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Handler {
    /// A space or line break under the whitespace rule (or ZWNJ read as a space).
    Space = 1,
    /// A line break kept as a line break.
    LineBreak = 2,
    /// Tatweel that stays when it stands as a dash between spaces.
    TatweelDash = 3,
    /// A combining mark that composes or is put in canonical order.
    Compose = 4,
    /// Yeh that becomes alef maqsura at the end of a word.
    FinalYeh = 5,
    /// A letter watched for elongation (parameter: the limit and the letter it counts as).
    Elongation = 6,
    /// Step: NFKC over the whole text first.
    Nfkc = 7,
    /// Step: find URLs, e-mails, mentions, hashtags, emoji (parameter: what to do with each).
    Masks = 8,
    /// Step: remove white space at the end of the text.
    TrimEnd = 9,
}

impl Handler {
    /// The handler a table op names.
    pub fn from_number(n: u8) -> Option<Handler> {
        use Handler::*;
        Some(match n {
            1 => Space,
            2 => LineBreak,
            3 => TatweelDash,
            4 => Compose,
            5 => FinalYeh,
            6 => Elongation,
            7 => Nfkc,
            8 => Masks,
            9 => TrimEnd,
            _ => return None,
        })
    }

    /// A context entry for this handler with `param` and `flags` (see [`Context`]).
    pub const fn context(self, param: u32, flags: u32) -> Context {
        Context { handler: self as u8, param, flags, plain: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handler_numbers_round_trip() {
        let named: Vec<Handler> = (0..=u8::MAX).filter_map(Handler::from_number).collect();
        assert_eq!(named.len(), 9);
        for (k, h) in named.into_iter().enumerate() {
            assert_eq!(h as usize, k + 1, "{h:?}");
        }
    }
}
