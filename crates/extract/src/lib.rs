//! The extract stage: from a decoded input to a clean [`Document`]: the article body without
//! its page chrome, plus title, authors, dates, language and republication credit.
//!
//! A scraped page is a list of lines. [`lines`] measures each line, [`chrome`] decides with a
//! trained model which lines are body, and the modules around them read the metadata off the
//! lines that are not: [`meta`] the headline, byline and language, [`dates`] the date header
//! and the publication date, [`provenance`] the republication credit. The cascade, in
//! [`extract`]:
//!
//! 1. split the page into lines and classify them (body or chrome);
//! 2. take credit lines out of the body, and remember the original outlet;
//! 3. find the headline above the body, or as its first line;
//! 4. take bylines and date lines out of the head of the body; a date between headline and
//!    body is the publication date, a date above the headline is the page's "today" header
//!    and goes to `captured`;
//! 5. join the body lines into paragraphs and detect the language.
//!
//! Web pages take the same road: [`html`] turns a page into lines that carry their place in
//! the markup, a model trained for HTML decides, and the page's own metadata (JSON-LD,
//! `<meta>`) fills the fields before the visible lines are asked.
//!
//! This crate may depend on `parallax-model`, `parallax-text`, `parallax-learn` and
//! `parallax-ingest` (for [`Input`]), on html5ever's tokenizer and on `serde_json` (for
//! JSON-LD only); it does no I/O of its own.
//!
//! ```
//! use parallax_extract::{Options, extract_text};
//!
//! let page = "Home\nWorld\nSport\n\nRiver Town Votes to Close Its Old Bridge\n\
//!     By Ana Ruiz\n\
//!     The council of River Town voted on Tuesday to close the old stone bridge for a year of \
//!     repairs, after engineers found cracks in two of its arches.\n\
//!     Traffic will be sent over the new bridge downstream, which the council says can carry \
//!     the extra load without any trouble at all.\n\
//!     Subscribe to our newsletter\n";
//! let doc = extract_text(page, &Options::default()).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("River Town Votes to Close Its Old Bridge"));
//! assert_eq!(doc.authors, ["Ana Ruiz"]);
//! assert!(doc.text.starts_with("The council of River Town voted"));
//! assert!(doc.removed.iter().any(|l| l == "Subscribe to our newsletter"));
//! ```

pub mod chrome;
pub mod dates;
pub mod html;
pub mod lines;
pub mod meta;
pub mod provenance;

use parallax_ingest::{Body, Input};
use parallax_learn::ModelError;
use parallax_model::{Document, Format, Source, Timestamp};
use parallax_text::collapse_whitespace;
use thiserror::Error;

use crate::chrome::ChromeModel;
use crate::lines::{Line, split_lines};

/// How to extract.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Take the input verbatim as the text: no chrome removal, no whitespace changes, so
    /// that offsets point into the input file. Metadata is still read.
    pub keep_text: bool,
    /// The publication date to use when the document shows none itself.
    pub published: Option<Timestamp>,
}

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The model compiled into the binary does not load: a build problem, not an input one.
    #[error("the shipped chrome model is broken ({0}); rebuild Parallax")]
    Model(&'static ModelError),
}

/// How many lines into the body a byline or date line may still sit.
const HEAD_LINES: usize = 3;

/// Extracts a document from a decoded input: plain text through the line cascade, HTML
/// through [`html::extract_html`]. What the input's container states ([`parallax_ingest::Known`]: a JSONL
/// record's id, title, outlet and date, a WARC record's id and capture date) wins over what
/// is inferred.
pub fn extract(input: &Input, options: &Options) -> Result<Document, Error> {
    let known = &input.known;
    let options = Options {
        keep_text: options.keep_text,
        published: known.published.or(options.published),
    };
    let mut doc = match &input.body {
        Body::Text(text) => extract_text(text, &options)?,
        Body::Html(html) => html::extract_html(html, input.source.url.as_deref(), &options)?,
    };
    doc.source = input.source.clone();
    if let Some(id) = &known.id {
        doc.id.clone_from(id);
    }
    if let Some(t) = &known.title {
        doc.title = Some(t.clone());
    }
    if let Some(o) = &known.outlet {
        doc.outlet = Some(o.clone());
    }
    if known.published.is_some() {
        doc.published = known.published;
    }
    if let Some(c) = known.captured {
        if doc.published.map(Timestamp::date) != Some(c.date()) {
            doc.captured = Some(c);
        }
    }
    Ok(doc)
}

/// Extracts a document from plain text (a scraped page). The document's source says
/// `text` with no path; [`extract`] fills in the real one.
pub fn extract_text(text: &str, options: &Options) -> Result<Document, Error> {
    let model = ChromeModel::shipped().map_err(Error::Model)?;
    Ok(extract_text_with(text, options, model))
}

/// [`extract_text`] with a chrome model of the caller's, as cross-validation needs.
pub fn extract_text_with(text: &str, options: &Options, model: &ChromeModel) -> Document {
    let lines = split_lines(text);
    let keep = model.classify(&lines);
    let verbatim = options.keep_text.then_some(text);
    let mut doc = assemble(&lines, &keep, options, verbatim);
    doc.id = parallax_ingest::content_id(text);
    doc
}

/// Steps 2 to 5 of the cascade, shared by plain text and HTML: from classified lines to a
/// document. `verbatim` is the text to keep as it is, when the caller asked for that.
fn assemble(
    lines: &[Line<'_>],
    keep: &[bool],
    options: &Options,
    verbatim: Option<&str>,
) -> Document {
    let mut role: Vec<Role> = keep
        .iter()
        .map(|&b| if b { Role::Body } else { Role::Chrome })
        .collect();
    let mut doc = Document {
        id: String::new(),
        source: Source {
            path: None,
            url: None,
            format: Format::Text,
        },
        modified: None,
        title: None,
        outlet: None,
        republished_from: None,
        authors: Vec::new(),
        language: None,
        published: None,
        captured: None,
        text: String::new(),
        removed: Vec::new(),
    };

    // 2. Credits.
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = provenance::credit(line.text) {
            role[i] = Role::Credit;
            if doc.republished_from.is_none() {
                doc.republished_from = c.outlet;
            }
        }
    }

    // The publisher of this copy, from the footer: the last copyright line outside the body.
    doc.outlet = lines
        .iter()
        .zip(&role)
        .rev()
        .filter(|(l, r)| **r == Role::Chrome && l.stats.copyright)
        .find_map(|(l, _)| provenance::copyright_holder(l.text));

    // 3. Headline.
    let body_start = role
        .iter()
        .position(|r| *r == Role::Body)
        .unwrap_or(lines.len());
    let refs: Vec<(&str, &lines::LineStats)> = lines.iter().map(|l| (l.text, &l.stats)).collect();
    let known = |i: usize| role[i] != Role::Chrome || dates::is_date_line(lines[i].text);
    let mut title = meta::find_title(&refs, body_start, known);
    if title.is_none() && body_start < lines.len() {
        let first = &lines[body_start];
        let more_body = role[body_start + 1..].contains(&Role::Body);
        if more_body && meta::is_headline(first.text, &first.stats) && first.stats.words <= 20 {
            title = Some(body_start);
        }
    }
    if let Some(t) = title {
        role[t] = Role::Title;
        doc.title = Some(collapse_whitespace(lines[t].text).into_owned());
    }

    // 4. Bylines and dates in the head of the article.
    let head_start = title.map_or(body_start.saturating_sub(HEAD_LINES * 2), |t| t + 1);
    let body_start = role
        .iter()
        .position(|r| *r == Role::Body)
        .unwrap_or(lines.len());
    let head_end = (body_start + HEAD_LINES).min(lines.len());
    for i in head_start..head_end {
        let line = &lines[i];
        let dated = dates::find_date(line.text);
        if line.stats.byline {
            let names = meta::byline_names(line.text);
            if !names.is_empty() || i < body_start {
                role[i] = Role::Byline;
                for n in names {
                    if !doc.authors.contains(&n) {
                        doc.authors.push(n);
                    }
                }
            }
        }
        let date_line = dates::is_date_line(line.text);
        if let Some(d) = dated {
            let says_published = date_line || dates::published_cue(line.text) || line.stats.byline;
            if says_published
                && doc.published.is_none()
                && !line.text.to_lowercase().contains("updated")
            {
                doc.published = Some(Timestamp::Date(d));
            }
            if date_line || (dates::published_cue(line.text) && line.stats.words <= 12) {
                role[i] = Role::Date;
            }
        }
    }
    let above = title.unwrap_or(head_start);
    if let Some(d) = (0..above).find_map(|i| {
        (role[i] == Role::Chrome && dates::is_date_line(lines[i].text))
            .then(|| dates::find_date(lines[i].text))
            .flatten()
    }) {
        if doc.published.map(Timestamp::date) != Some(d) {
            doc.captured = Some(Timestamp::Date(d));
        }
    }
    if doc.published.is_none() {
        doc.published = options.published;
    }

    // 5. Body and language.
    if let Some(text) = verbatim {
        doc.text = text.to_string();
    } else {
        let mut body = String::with_capacity(lines.iter().map(|l| l.text.len() + 2).sum());
        for (line, r) in lines.iter().zip(&role) {
            match r {
                Role::Body => {
                    if !body.is_empty() {
                        body.push_str("\n\n");
                    }
                    body.push_str(&collapse_whitespace(line.text));
                }
                Role::Title => {}
                _ => doc
                    .removed
                    .push(collapse_whitespace(line.text).into_owned()),
            }
        }
        doc.text = body;
    }
    doc.language = meta::language(&doc.text).map(str::to_string);
    doc
}

/// What a line of the page turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Chrome,
    Title,
    Byline,
    Date,
    Credit,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(s: &str) -> Option<Timestamp> {
        Some(Timestamp::Date(
            NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap(),
        ))
    }

    /// A scraped page in the form the seeds have: weather and a "today" header, navigation, a
    /// headline, a credit, a body, and widgets after it.
    const PAGE: &str = "\
12.5 C
Lakeport
Thursday, June 12, 2025
Home
Politics
Business
Sport
Harbour Board Rejects Ferry Fare Rise After Public Outcry
Courtesy of The Lakeport Ledger View original post here.
The harbour board voted on Wednesday to freeze ferry fares for another year, reversing a plan that would have raised the price of a single crossing by a fifth.
\u{201c}We heard the islanders loud and clear,\u{201d} the board's chair, Ines Varga, told reporters after the vote. \u{201c}Nobody should have to choose between the ferry and the groceries.\u{201d}
The operator, Blue Line Ferries, said it would now have to find savings elsewhere and warned that some winter sailings could be cut.
Islanders had collected more than four thousand signatures against the rise in under two weeks, according to the campaign's organisers.
Share this:
Facebook
Twitter
48,213FansLike
12,044FollowersFollow
Leave a comment
Latest articles
Council approves new cycle lanes
Storm closes coastal road
© 2025 Lakeport Evening News. All rights reserved.
";

    #[test]
    fn separates_article_from_chrome() {
        let doc = extract_text(PAGE, &Options::default()).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Harbour Board Rejects Ferry Fare Rise After Public Outcry")
        );
        assert_eq!(doc.republished_from.as_deref(), Some("The Lakeport Ledger"));
        assert_eq!(doc.outlet.as_deref(), Some("Lakeport Evening News"));
        assert_eq!(doc.captured, date("2025-06-12"));
        assert_eq!(doc.published, None);
        assert_eq!(doc.language.as_deref(), Some("en"));
        let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 4, "{:#?}", paragraphs);
        assert!(paragraphs[0].starts_with("The harbour board voted"));
        assert!(paragraphs[3].starts_with("Islanders had collected"));
        for chrome in [
            "12.5 C",
            "Home",
            "48,213FansLike",
            "Leave a comment",
            "Storm closes coastal road",
        ] {
            assert!(
                doc.removed.iter().any(|l| l == chrome),
                "{chrome} not removed"
            );
            assert!(!doc.text.contains(chrome), "{chrome} in text");
        }
        assert!(!doc.text.contains("Courtesy of"));
    }

    #[test]
    fn a_date_under_the_headline_is_the_publication_date() {
        let page = "Menu\nSaturday, 3 May 2025\nWind Farm Plan Splits Coastal Village\nBy Tomas Lind and Aya Mori\nPublished 28 April 2025\nThe plan for twelve turbines off the coast of the village has split its residents, with fishermen against and the school's parents largely in favour.\nA public meeting on the plan drew more than three hundred people to the village hall on Monday evening, the largest crowd in years.\nRelated posts\n";
        let doc = extract_text(page, &Options::default()).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Wind Farm Plan Splits Coastal Village")
        );
        assert_eq!(doc.authors, ["Tomas Lind", "Aya Mori"]);
        assert_eq!(doc.published, date("2025-04-28"));
        assert_eq!(doc.captured, date("2025-05-03"));
        assert!(
            doc.text.starts_with("The plan for twelve turbines"),
            "{doc:#?}"
        );
        assert!(!doc.text.contains("Published"));
    }

    #[test]
    fn published_option_is_a_fallback() {
        let options = Options {
            published: date("2024-01-05"),
            ..Options::default()
        };
        let doc = extract_text(
            "A short note with no date on it at all, written as a full sentence.\n",
            &options,
        )
        .unwrap();
        assert_eq!(doc.published, date("2024-01-05"));
    }

    #[test]
    fn keep_text_takes_the_input_verbatim() {
        let options = Options {
            keep_text: true,
            ..Options::default()
        };
        let doc = extract_text(PAGE, &options).unwrap();
        assert_eq!(doc.text, PAGE);
        assert!(doc.removed.is_empty());
        assert_eq!(doc.republished_from.as_deref(), Some("The Lakeport Ledger"));
    }

    #[test]
    fn ids_are_content_hashes() {
        let a = extract_text("Same words in both.", &Options::default()).unwrap();
        let b = extract_text("Same words in both.", &Options::default()).unwrap();
        let c = extract_text("Other words here.", &Options::default()).unwrap();
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
    }
}
