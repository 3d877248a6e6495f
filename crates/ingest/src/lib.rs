//! Turns what a user names on the command line (files, directories, `-` for standard input)
//! into a stream of decoded [`Input`]s, one per document, each tagged with its [`Source`].
//!
//! The stream is lazy: a directory of a million files is walked one entry at a time and no
//! more than one document is held here at once. Every problem with one input (unreadable,
//! empty, binary, too large, an unsupported format) is an [`Error`] item in the stream that
//! names the input, and the stream carries on with the next one. Recoverable oddities, such as
//! invalid UTF-8 decoded lossily, travel with the input as warnings.
//!
//! This crate may depend on `parallax-model` and on I/O and decoding crates. It knows nothing
//! of article structure: what is chrome and what is body is the extract stage's business.
//!
//! ```no_run
//! use parallax_ingest::{Limits, inputs};
//!
//! for item in inputs(["articles/", "-"], Limits::default()) {
//!     match item {
//!         Ok(input) => println!("{}: {} bytes", input.source.display_name(), input.text().len()),
//!         Err(err) => eprintln!("parallax: {err}"),
//!     }
//! }
//! ```

mod charset;
mod decode;
mod jsonl;
mod walk;
mod warc;

use std::fmt;
use std::path::PathBuf;

use parallax_model::{Source, Timestamp};
use thiserror::Error;

pub use charset::decode_html;
pub use decode::content_id;
pub use walk::{Inputs, inputs, inputs_from_bytes};

/// A size cap on what one input may hold, so that a stray disk image named `.txt` is an
/// error, not an out-of-memory kill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one document may have before decoding.
    pub max_bytes: u64,
}

impl Limits {
    /// 32 MiB: the longest real articles are a few hundred kilobytes, and even a page dump
    /// with all its chrome stays far below this.
    pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: Limits::DEFAULT_MAX_BYTES,
        }
    }
}

/// One document's raw content, decoded to text.
#[derive(Debug, Clone)]
pub struct Input {
    pub source: Source,
    pub body: Body,
    /// What the container says about the document: a JSONL record's fields, a WARC
    /// record's id and date. Known facts win over what extraction infers.
    pub known: Known,
    /// Problems that did not stop the input from being read, such as lossy decoding.
    pub warnings: Vec<String>,
}

impl Input {
    /// The decoded text of the body (markup included for HTML).
    pub fn text(&self) -> &str {
        match &self.body {
            Body::Text(t) | Body::Html(t) => t,
        }
    }
}

/// What kind of content an input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Plain text, often a scraped page with its chrome.
    Text(String),
    /// An HTML page, decoded from its character set.
    Html(String),
}

/// Metadata an input's container states, as opposed to what extraction guesses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// The record's own id (JSONL `id`, WARC-Record-ID).
    pub id: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Timestamp>,
    /// When the page was fetched (WARC-Date).
    pub captured: Option<Timestamp>,
}

/// A problem with one input. It names the input; the batch goes on without it.
#[derive(Debug, Error)]
#[error("{input}: {kind}")]
pub struct Error {
    /// The path as the user gave it or as the walk found it, or `<stdin>`.
    pub input: String,
    pub kind: ErrorKind,
}

impl Error {
    fn new(input: impl fmt::Display, kind: ErrorKind) -> Error {
        Error {
            input: input.to_string(),
            kind,
        }
    }

    /// A record passed over on purpose (an image in a crawl, a redirect), not a failure.
    pub fn is_skip(&self) -> bool {
        matches!(self.kind, ErrorKind::Skipped(_))
    }
}

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("no such file or directory")]
    NotFound,
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty: there is no text to read")]
    Empty,
    #[error("binary data, not text ({0}); pass text files, or a directory of them")]
    Binary(&'static str),
    #[error(
        "too large: over {limit} bytes; raise the limit with --max-bytes if this is one article"
    )]
    TooLarge { limit: u64 },
    #[error("cannot walk the directory: {0}")]
    Walk(String),
    #[error("broken gzip data ({0}); the file is truncated or not gzip")]
    Gzip(String),
    #[error("{0}")]
    Warc(String),
    #[error("{0}")]
    Jsonl(String),
    #[error("skipped: {0}")]
    Skipped(String),
}

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    Stdin,
    File(PathBuf),
}
