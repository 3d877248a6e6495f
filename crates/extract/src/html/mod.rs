//! Web pages: the article body out of an HTML page, and the metadata the page carries.
//!
//! [`dump`] turns the page into the lines a reader sees, each with its place in the markup;
//! the same chrome model design as for plain text then decides which lines are body, with
//! the markup's evidence ([`features`]) added to each line's own shape. [`head`] reads
//! title, authors, outlet and dates from JSON-LD and `<meta>` tags; what it cannot find, the
//! plain-text cascade finds in the visible lines.

pub mod dump;
pub mod features;
pub mod head;

use std::sync::LazyLock;

use parallax_learn::ModelError;
use parallax_model::{Document, Format, Source};

use crate::chrome::ChromeModel;
use crate::lines::lines_from;
use crate::{Error, Options, assemble};

pub use features::HTML_FEATURE_NAMES;

/// The headline: the page's `<h1>` that agrees best with the title its metadata gives,
/// because the visible headline is the one readers cite and metadata titles are often
/// rewritten for search engines; the metadata title when no `<h1>` agrees with it (a site
/// logo in an `<h1>`, say).
fn choose_title(page: &dump::Dumped, meta_title: Option<&str>) -> Option<String> {
    let h1s: Vec<&str> = page
        .lines
        .iter()
        .filter(|l| l.dom.block == dump::BlockKind::Heading1)
        .map(|l| l.text.as_str())
        .filter(|t| (1..=40).contains(&t.split_whitespace().count()))
        .take(8)
        .collect();
    let Some(meta) = meta_title else {
        return h1s.first().map(|t| t.to_string());
    };
    let words = |s: &str| -> std::collections::HashSet<String> {
        parallax_text::words(s)
            .map(|w| w.text.to_lowercase())
            .collect()
    };
    let m = words(meta);
    let best = h1s
        .iter()
        .map(|h| {
            let w = words(h);
            let inter = w.intersection(&m).count() as f32;
            let union = w.union(&m).count().max(1) as f32;
            (inter / union, *h)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, h)) if score >= 0.3 => Some(h.to_string()),
        _ => Some(meta.to_string()),
    }
}

static SHIPPED: &str = include_str!("../../models/chrome_html.txt");

static MODEL: LazyLock<Result<ChromeModel, ModelError>> =
    LazyLock::new(|| ChromeModel::from_text(SHIPPED, HTML_FEATURE_NAMES.as_slice()));

/// The HTML chrome model compiled into Parallax.
pub fn shipped() -> Result<&'static ChromeModel, &'static ModelError> {
    MODEL.as_ref()
}

/// Extracts the article from an HTML page. `url` is the page's address when known: it
/// names the outlet when the page does not, and may carry the date.
pub fn extract_html(html: &str, url: Option<&str>, options: &Options) -> Result<Document, Error> {
    let model = shipped().map_err(Error::Model)?;
    Ok(extract_html_with(html, url, options, model))
}

/// [`extract_html`] with a model of the caller's, as cross-validation needs.
pub fn extract_html_with(
    html: &str,
    url: Option<&str>,
    options: &Options,
    model: &ChromeModel,
) -> Document {
    let page = dump::dump(html);
    let lines = lines_from(page.lines.iter().map(|l| l.text.as_str()));
    let doms: Vec<dump::Dom> = page.lines.iter().map(|l| l.dom).collect();
    let probs = model.predict_rows(&features::features(&lines, &doms));
    let keep = model.decide_lines(&lines, &probs);
    // `keep_text` promises offsets into a plain-text input; a page has none to keep.
    let text_options = Options {
        keep_text: false,
        published: None,
    };
    let mut doc = assemble(&lines, &keep, &text_options, None);
    doc.id = parallax_ingest::content_id(html);
    doc.source = Source {
        path: None,
        url: url.map(str::to_string),
        format: Format::Html,
    };
    let meta = head::page_meta(&page.head, url);
    if let Some(t) = choose_title(&page, meta.title.as_deref()) {
        doc.title = Some(t);
    }
    if !meta.authors.is_empty() {
        doc.authors = meta.authors;
    }
    if doc.authors.is_empty() {
        doc.authors = page
            .lines
            .iter()
            .filter(|l| {
                l.dom.within & dump::IN_BYLINE != 0 && l.text.split_whitespace().count() <= 12
            })
            .take(4)
            .map(|l| crate::meta::byline_names(&l.text))
            .find(|names| !names.is_empty())
            .unwrap_or(meta.author_bodies);
    }
    if meta.outlet.is_some() {
        doc.outlet = meta.outlet;
    }
    if meta.published.is_some() {
        doc.published = meta.published;
    }
    if doc.published.is_none() {
        doc.published = options.published;
    }
    if doc.captured.is_some() && doc.captured.map(|t| t.date()) == doc.published.map(|t| t.date()) {
        doc.captured = None;
    }
    doc.modified = meta.modified;
    if meta.republished_from.is_some() && doc.republished_from.is_none() {
        doc.republished_from = meta.republished_from;
    }
    if doc.language.is_none() {
        doc.language = meta.language;
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random markup soup, from a deterministic generator: the extractor must return a
    /// document, whatever the tags, entities and text.
    #[test]
    fn random_markup_never_panics() {
        let pieces = [
            "<p>",
            "</p>",
            "<div class=\"story-body\">",
            "</div>",
            "<br>",
            "<nav>",
            "</nav>",
            "<script>",
            "</script>",
            "<title>",
            "<!--",
            "-->",
            "<pre>",
            "</pre>",
            "&amp;",
            "&#x1F600;",
            "&#99999999;",
            "<![CDATA[",
            "]]>",
            "<li>",
            "<table><td>",
            "<h1>",
            "<article>",
            "<time datetime=\"2024-02-30\">",
            "<meta property=og:title content=",
            "<script type=\"application/ld+json\">{\"@type\":",
            "\u{0}",
            "\u{feff}",
            "<",
            ">",
            "\"",
            "=",
            "The council voted to keep the ferry running. ",
            "Sign up ",
            "<div hidden>",
            "<div style=\"display:none\">",
            "<svg><p>",
            "<plaintext>",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..400 {
            let mut page = String::new();
            for _ in 0..60 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                page.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let doc = extract_html(
                &page,
                Some("https://x.example/2024/01/02/a"),
                &Options::default(),
            )
            .unwrap();
            assert!(!doc.id.is_empty());
        }
    }
}
