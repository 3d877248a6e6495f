//! A news article as the extract stage leaves it: clean text plus what is known of where it
//! came from.

use crate::Timestamp;

/// How an input was encoded on the way in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, usually a scraped page: the article among lines of page chrome.
    Text,
    /// One HTML page.
    Html,
    /// A response record of a WARC archive.
    Warc,
    /// One line of a JSONL export.
    Jsonl,
}

impl Format {
    /// The contract's name for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Where a document was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file it was read from; `None` for standard input.
    pub path: Option<String>,
    /// The page's address, when the input says so.
    pub url: Option<String>,
    pub format: Format,
}

impl Source {
    /// A name for messages: the path, or `<stdin>`.
    pub fn display_name(&self) -> &str {
        self.path.as_deref().unwrap_or("<stdin>")
    }
}

/// One article after extraction.
///
/// **Invariant:** nothing rewrites `text` after extraction. Every [`crate::Span`] that a later
/// stage produces points into this exact string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The input's own id if it has one, else a stable id derived from the content.
    pub id: String,
    pub source: Source,
    /// The headline.
    pub title: Option<String>,
    /// The publisher of this copy, when known.
    pub outlet: Option<String>,
    /// The original publisher, when this copy credits one ("Courtesy of …").
    pub republished_from: Option<String>,
    /// Bylines, cleaned to bare names.
    pub authors: Vec<String>,
    /// ISO 639-1 code of the body's language.
    pub language: Option<String>,
    /// When the article was first published, from evidence about the article itself.
    pub published: Option<Timestamp>,
    /// When the article was last changed, when the page says so; never taken for
    /// `published`.
    pub modified: Option<Timestamp>,
    /// When the page was captured or displayed (a site's "today" header, a crawl date), when
    /// that differs from publication.
    pub captured: Option<Timestamp>,
    /// The clean body; paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
    /// Lines of a plain-text input that were dropped as page chrome, in input order.
    pub removed: Vec<String>,
}
