//! The damage chains, one reversal step each, and how a step is undone on one line.
//!
//! Every chain is "text written in encoding A, read as encoding B". Both encodings agree on
//! ASCII, so a step leaves ASCII alone and undoes each run of other characters on its own:
//! write the run back in B, read the bytes as A. A run that B cannot write, or whose bytes are
//! not valid A, is left as it is — so damage confined to one field of a line is undone there
//! and nowhere else. In a line that is otherwise Arabic, a run inside typographic quotes
//! (`«…»`, `“…”`) is quoted content and stays as written, even if it is mojibake.

use super::codepage::CodePage;
use super::gaps::{self, Token, LOST};
use crate::text::is_arabic_letter;

/// One reversal step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// UTF-8 read as a single-byte page.
    Utf8As(CodePage),
    /// An Arabic single-byte page read as another single-byte page.
    PageAs {
        /// What the text was written in.
        page: CodePage,
        /// What it was read as.
        read_as: CodePage,
    },
}

/// Every step the repairer tries, in order of preference on equal scores.
pub const STEPS: [Step; 7] = [
    Step::Utf8As(CodePage::Latin),
    Step::Utf8As(CodePage::Windows1256),
    Step::Utf8As(CodePage::Cyrillic),
    Step::PageAs { page: CodePage::Windows1256, read_as: CodePage::Latin },
    Step::PageAs { page: CodePage::Iso8859_6, read_as: CodePage::Latin },
    Step::PageAs { page: CodePage::Windows1256, read_as: CodePage::Cyrillic },
    Step::PageAs { page: CodePage::Iso8859_6, read_as: CodePage::Cyrillic },
];

impl Step {
    /// "utf-8 read as windows-1252" ...
    pub fn name(self) -> String {
        match self {
            Step::Utf8As(p) => format!("utf-8 read as {}", p.name()),
            Step::PageAs { page, read_as } => format!("{} read as {}", page.name(), read_as.name()),
        }
    }

    fn read_as(self) -> CodePage {
        match self {
            Step::Utf8As(p) => p,
            Step::PageAs { read_as, .. } => read_as,
        }
    }
}

/// A line with one step undone.
#[derive(Debug)]
pub struct Undone {
    /// The line.
    pub text: String,
    /// Characters restored in gaps (lossy chains).
    pub restored: usize,
    /// Of those, filled from the word list.
    pub by_word: usize,
    /// Multi-byte characters read in full in the runs undone with gaps.
    pub whole: usize,
}

/// `line` with `step` undone on every run where it applies; `None` when it applies nowhere.
/// `lossy` allows reading UTF-8 whose C1 bytes were stripped. Runs that lost bytes are read
/// first and filled together once the whole line is read, so that the words of every run
/// help choose the words of the others.
pub fn undo(step: Step, line: &str, lossy: bool) -> Option<Undone> {
    let table = step.read_as().table();
    let mut out = String::with_capacity(line.len());
    let mut done = Undone { text: String::new(), restored: 0, by_word: 0, whole: 0 };
    let mut changed = false;
    // Arabic words are what single-byte Arabic pages carry: a line whose runs read as no word
    // of two letters or more has stray symbols (`»`, `°`), not words written in the wrong page.
    let mut has_word = matches!(step, Step::Utf8As(_));
    // Runs read with gaps, and where they go in `out`.
    let mut gapped: Vec<(usize, gaps::Gapped)> = Vec::new();
    let mut rest = line;
    let quotes = quoted_spans(line);
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let run_len = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        if run_len == 0 {
            break;
        }
        let run = &rest[..run_len];
        let at = line.len() - rest.len();
        rest = &rest[run_len..];
        let inside = quotes.iter().any(|&(s, e)| s <= at && at + run_len <= e);
        match (!inside).then(|| undo_run(step, table, run, lossy)).flatten() {
            Some(Run::Read(text)) if text != run => {
                has_word |= text.split(|c: char| !is_arabic_letter(c)).any(|w| w.chars().count() >= 2);
                out.push_str(&text);
                changed = true;
            }
            Some(Run::Gapped(g)) => {
                done.restored += g.gaps;
                done.whole += g.whole;
                gapped.push((out.len(), g));
                changed = true;
            }
            _ => out.push_str(run),
        }
    }
    if !gapped.is_empty() {
        out = fill_line(&out, gapped, &mut done.by_word);
    }
    (changed && has_word).then(|| Undone { text: out, ..done })
}

/// A run undone: read in full, or read with gaps still to fill.
enum Run {
    Read(String),
    Gapped(gaps::Gapped),
}

/// `out` with the gapped runs put back at their byte offsets and every gap filled over the
/// whole line.
fn fill_line(out: &str, gapped: Vec<(usize, gaps::Gapped)>, by_word: &mut usize) -> String {
    let mut items = Vec::with_capacity(out.len());
    let mut at = 0;
    for (to, g) in gapped {
        items.extend(out[at..to].chars().map(gaps::Item::Char));
        items.extend(g.items);
        at = to;
    }
    items.extend(out[at..].chars().map(gaps::Item::Char));
    let filled = gaps::fill(&items, None, None);
    *by_word += filled.by_word;
    filled.text
}

fn undo_run(step: Step, table: &super::codepage::Table, run: &str, lossy: bool) -> Option<Run> {
    match step {
        Step::PageAs { page, .. } => Some(Run::Read(page.table().decode(&table.encode(run)?)?)),
        Step::Utf8As(page) => {
            let lost_marks = page == CodePage::Latin && run.contains('\u{FFFD}');
            if !lost_marks {
                let bytes = table.encode(run)?;
                if let Ok(text) = String::from_utf8(bytes) {
                    return Some(Run::Read(text));
                }
                if !lossy || page != CodePage::Latin {
                    return None;
                }
            }
            let tokens: Vec<Token> = run
                .chars()
                .map(|c| if c == '\u{FFFD}' { Some(LOST) } else { table.byte(c).map(Token::from) })
                .collect::<Option<_>>()?;
            gaps::decode(&tokens, lossy && page == CodePage::Latin).map(Run::Gapped)
        }
    }
}

/// Byte spans of `line` between typographic quotes (`«…»`, `“…”`), quotes included. A quote
/// counts only where a writer put it: an opening one at the start of the line or after a space
/// or ASCII, a closing one not right after `Â` (`Â«` and `Â»` are what UTF-8 `«` and `»`
/// become when read as windows-1252, so they are damage, not quotes).
fn quoted_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let opens = |s: usize| line[..s].chars().next_back().is_none_or(|c| c.is_ascii() || c.is_whitespace());
    let closes = |e: usize| line[..e].chars().next_back() != Some('Â');
    for (open, close) in [('«', '»'), ('“', '”')] {
        let mut from = 0;
        while let Some(s) = line[from..].find(open).map(|k| from + k) {
            from = s + open.len_utf8();
            if !opens(s) {
                continue;
            }
            let Some(e) = line[from..].match_indices(close).map(|(k, _)| from + k).find(|&e| closes(e)) else { break };
            spans.push((s, e + close.len_utf8()));
            from = e + close.len_utf8();
        }
    }
    // A quote is quoted content only in a line that is otherwise Arabic: in a line damaged
    // from end to end (windows-1256 keeps « and » where Latin-1 has them) the quotes are the
    // writer's and what they hold is damaged like the rest.
    let mut outside = String::new();
    let mut at = 0;
    spans.sort_unstable();
    for &(s, e) in &spans {
        outside.push_str(&line[at.min(s)..s]);
        at = at.max(e);
    }
    outside.push_str(&line[at.min(line.len())..]);
    if !outside.chars().any(|c| ('\u{621}'..='\u{64A}').contains(&c) && c != '\u{637}' && c != '\u{638}') {
        spans.clear();
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_as_latin() {
        let u = undo(STEPS[0], "x Ø§Ù„Ø¹Ø±Ø¨ÙŠØ© y", false).unwrap();
        assert_eq!(u.text, "x العربية y");
        assert!(undo(STEPS[0], "café", false).is_none());
    }

    #[test]
    fn single_byte_pages() {
        let latin = CodePage::Latin.table().decode(&CodePage::Windows1256.table().encode("سلام عليكم").unwrap()).unwrap();
        let step = Step::PageAs { page: CodePage::Windows1256, read_as: CodePage::Latin };
        assert_eq!(undo(step, &latin, false).unwrap().text, "سلام عليكم");
    }

    #[test]
    fn quoted_runs_stay() {
        assert!(undo(STEPS[0], "«Ø§Ù„»", false).is_none());
    }
}
