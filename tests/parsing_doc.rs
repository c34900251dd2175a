//! `docs/parsing.md` states every rule the parser applies. These tests keep it from drifting
//! away from the code: every rule the parser's source names, every value a rule can write into
//! an `Article` (boilerplate kinds, rule names, warnings, roles, ...), every word list the
//! lexicon loads, and every month, weekday and agency name of the lexicon must be in the page,
//! and the page may name no rule the source does not have.

use std::collections::BTreeSet;
use std::path::Path;

use khabar::article::{
    BoilerplateKind, Calendar, DateWhere, ParagraphKind, Role, Rule, SourceKind, SourceWhere,
    Warning, Zone,
};
use serde_json::Value;

const DOC: &str = include_str!("../docs/parsing.md");
const LEXICON_JSON: &str = include_str!("../src/article/lexicons.json");
const LEXICON_RS: &str = include_str!("../src/article/lexicon.rs");

/// The rule names (`P1` ... `P9`) that occur in `text` as words.
fn rule_names(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    (0..chars.len().saturating_sub(1))
        .filter(|&i| chars[i] == 'P' && chars[i + 1].is_ascii_digit())
        .filter(|&i| !word(i.checked_sub(1).and_then(|j| chars.get(j))) && !word(chars.get(i + 2)))
        .map(|i| format!("P{}", chars[i + 1]))
        .collect()
}

/// The text of every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn every_rule_of_the_source_is_documented_and_no_other() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/article");
    let mut files = Vec::new();
    sources(&dir, &mut files);
    assert!(files.len() > 10, "no parser source under {}", dir.display());
    let in_source: BTreeSet<String> = files.iter().flat_map(|(_, t)| rule_names(t)).collect();
    assert_eq!(
        in_source.len(),
        9,
        "the parser names the rules P1-P9: {in_source:?}"
    );
    assert_eq!(
        rule_names(DOC),
        in_source,
        "rules in the doc and in the source differ"
    );
    // Each rule has a heading of its own.
    for rule in &in_source {
        let heading = DOC
            .lines()
            .any(|l| l.starts_with('#') && rule_names(l).contains(rule));
        assert!(heading, "docs/parsing.md has no section for {rule}");
    }
}

#[test]
fn every_value_the_parser_writes_is_documented() {
    // The rules that can appear in `boilerplate[].rule`, each stated in the list of rules.
    for rule in Rule::ALL {
        let entry = format!("- **{}**:", rule.as_str());
        assert!(
            DOC.contains(&entry),
            "docs/parsing.md does not state rule {rule:?}"
        );
    }
    // Every kind of boilerplate has a row in the table of kinds, and every warning in the
    // table of warnings.
    for kind in BoilerplateKind::ALL {
        let row = format!("| `{}` |", kind.as_str());
        assert!(
            DOC.contains(&row),
            "docs/parsing.md has no row for {kind:?}"
        );
    }
    for warning in Warning::ALL {
        let row = format!("| `{}` |", warning.as_str());
        assert!(
            DOC.contains(&row),
            "docs/parsing.md has no row for {warning:?}"
        );
    }
    let names = Role::ALL.iter().map(Role::as_str);
    let names = names
        .chain(ParagraphKind::ALL.iter().map(ParagraphKind::as_str))
        .chain(Zone::ALL.iter().map(Zone::as_str))
        .chain(Calendar::ALL.iter().map(Calendar::as_str))
        .chain(DateWhere::ALL.iter().map(DateWhere::as_str))
        .chain(SourceKind::ALL.iter().map(SourceKind::as_str))
        .chain(SourceWhere::ALL.iter().map(SourceWhere::as_str));
    for name in names {
        assert!(
            DOC.contains(&format!("`{name}`")),
            "docs/parsing.md never names `{name}`"
        );
    }
}

#[test]
fn every_word_list_is_documented() {
    // The lists the lexicon loads: the fields of `LexiconFile` in src/article/lexicon.rs.
    let start = LEXICON_RS.find("struct LexiconFile {").unwrap_or(0);
    let body = &LEXICON_RS[start..];
    let body = &body[..body.find("\n}").unwrap_or(0)];
    let fields: Vec<&str> = body
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().split_once(':').map(|(name, _)| name))
        .collect();
    assert!(
        fields.len() > 20,
        "no fields read from LexiconFile: {fields:?}"
    );
    let lexicon: Value = serde_json::from_str(LEXICON_JSON).unwrap_or(Value::Null);
    for field in fields {
        assert!(
            lexicon.get(field).is_some(),
            "lexicons.json has no list {field}"
        );
        let named = DOC.contains(&format!("`{field}`"));
        assert!(named, "docs/parsing.md never names the word list `{field}`");
    }
}

#[test]
fn every_month_weekday_and_agency_is_documented() {
    let lexicon: Value = serde_json::from_str(LEXICON_JSON).unwrap_or(Value::Null);
    let mut names: Vec<&str> = Vec::new();
    for list in ["gregorian_months", "hijri_months", "weekdays"] {
        let groups = lexicon[list]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values());
        names.extend(
            groups
                .flat_map(|g| g.as_array().into_iter().flatten())
                .filter_map(Value::as_str),
        );
    }
    let agencies = lexicon["agencies"].as_object().into_iter().flatten();
    names.extend(
        agencies
            .flat_map(|(form, canonical)| [Some(form.as_str()), canonical.as_str()])
            .flatten(),
    );
    for marker in ["pm", "am"] {
        let markers = lexicon["time_markers"][marker]
            .as_array()
            .into_iter()
            .flatten();
        names.extend(markers.filter_map(Value::as_str));
    }
    assert!(names.len() > 100, "no names read from lexicons.json");
    for name in names {
        assert!(DOC.contains(name), "docs/parsing.md never names {name:?}");
    }
}

#[test]
fn rule_names_are_read_as_words() {
    let found = rule_names("P1 blocks; (P9) and P10, AP2, P3x, end P5");
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["P1", "P5", "P9"]);
}
