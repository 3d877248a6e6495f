//! The nouns every Parallax stage shares: a [`Document`] as extraction leaves it, the
//! [`Analysis`] of its text (entities, times, statements), and the [`Span`]s that point into
//! that text.
//!
//! This crate sits at the bottom of the workspace. It may depend on `chrono` and nothing else:
//! it does no I/O, knows no file format and no JSON. The JSON shapes of the command-line
//! contract live in one place, the `parallax` binary, which turns these types into records.
//!
//! Spans here are **byte** ranges into [`Document::text`], because that is what Rust slices
//! with. The contract counts Unicode scalar values instead; [`CharOffsets`] converts at the
//! edge, in one pass over the text.
//!
//! ```
//! use parallax_model::{CharOffsets, Span};
//!
//! let text = "Kyiv — “No,” she said.";
//! let quote = Span::new(9, 18); // the bytes of “No,”
//! assert_eq!(quote.slice(text), "“No,”");
//! let chars = CharOffsets::new(text);
//! assert_eq!(chars.span(quote), (7, 12));
//! ```

mod analysis;
mod document;
mod span;
mod timestamp;

pub use analysis::{
    Analysis, Cue, Entity, EntityKind, Parts, Polarity, Speaker, Statement, StatementKind,
    TimeExpr, TimeKind,
};
pub use document::{Document, Format, Source};
pub use span::{CharOffsets, Span};
pub use timestamp::{Timestamp, TimestampError};
