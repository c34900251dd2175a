//! Recognisers that classify one block on its own, with no look at the blocks around it.
//!
//! - [`byline`]: `كتب: NAME`, `بقلم NAME`, `By NAME`, `[PLACE -] ROLE: NAME`, and the credit
//!   lines sites print under a headline (`عين اليوم – عمّان`);
//! - [`dateline`]: `PLACE [(AGENCY)] -` and its variants opening a paragraph;
//! - [`signoff`]: `[initials/ initials] (AGENCY، AGENCY)` closing a paragraph;
//! - [`agency`]: which names are wire agencies (with their canonical names) or news outlets;
//! - [`furniture`]: site furniture that takes a whole line: share and follow lines, comments
//!   prompts, also-read lines, ads, captions, source lines and a lone `(AGENCY)`.
//!
//! Every recogniser matches on the block's key ([`super::keys`]) or on its text, and reports
//! byte offsets into the text it was given; [`super::plain`] decides what a match means where
//! the block sits.

pub mod agency;
pub mod byline;
pub mod dateline;
pub mod furniture;
pub mod signoff;

pub use agency::{agencies_of, is_outlet_or_agency};
pub use byline::{credit_line, match_byline, Byline};
pub use dateline::{match_dateline, DatelineMatch};
pub use furniture::{inline_kind, is_comments_line, is_share_line, InlineKind};
pub use signoff::{match_signoff, SignoffMatch};
