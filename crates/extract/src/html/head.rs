//! Article metadata from what a page says about itself: JSON-LD, `<meta>` tags, `<time>`
//! elements, the canonical link and the address.
//!
//! Each field has an order of evidence, most deliberate first. JSON-LD is written for search
//! engines, which check it, so it leads; Open Graph and the older `<meta>` conventions come
//! next; dates in the address or the visible text are the last resort. Publication and
//! modification dates are read from separate fields and never stand in for each other.

use chrono::{Datelike, NaiveDate};
use parallax_model::Timestamp;
use serde_json::Value;

use crate::dates;
use crate::html::dump::Head;
use crate::meta::byline_names;

/// What the head of a page says about the article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// People named as authors.
    pub authors: Vec<String>,
    /// Organisations named as authors, for when the page names no person.
    pub author_bodies: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    /// The original publisher or address, when the page marks itself as a copy.
    pub republished_from: Option<String>,
    pub language: Option<String>,
}

/// JSON-LD `@type`s that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "report",
    "posting",
];

#[derive(Debug, Default)]
struct LdArticle<'a> {
    headline: Option<&'a str>,
    published: Option<&'a str>,
    modified: Option<&'a str>,
    authors: Vec<String>,
    author_bodies: Vec<String>,
    publisher: Option<&'a str>,
    based_on: Option<&'a str>,
}

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

/// Every object in a JSON-LD document, depth first (top-level arrays and `@graph`s
/// included).
fn objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| objects(x, out, depth + 1)),
        Value::Object(m) => {
            out.push(v);
            if let Some(g) = m.get("@graph") {
                objects(g, out, depth + 1);
            }
            if let Some(e) = m.get("mainEntity") {
                objects(e, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn str_of(v: Option<&Value>) -> Option<&str> {
    match v? {
        Value::String(s) => Some(s.as_str()).filter(|s| !s.trim().is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(m) => str_of(m.get("name")).or_else(|| str_of(m.get("@value"))),
        _ => None,
    }
}

/// Author names: people into `people`, organisations (an author that is a company or a
/// desk) into `bodies`, which count only when no person is named.
fn names_of(v: Option<&Value>, people: &mut Vec<String>, bodies: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => people.push(unescape(s)),
        Some(Value::Array(a)) => a.iter().for_each(|x| names_of(Some(x), people, bodies)),
        Some(o @ Value::Object(m)) => {
            if let Some(n) = m.get("name").and_then(Value::as_str) {
                let organisation = types(o).iter().any(|t| t.contains("organization"));
                if organisation {
                    bodies.push(unescape(n));
                } else {
                    people.push(unescape(n));
                }
            }
        }
        _ => {}
    }
}

/// Decodes the character references that JSON-LD and doubly-escaped metadata carry
/// (`&#8211;`, `&amp;`, `&quot;`...).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "nbsp" => Some(' '),
                    "ndash" => Some('\u{2013}'),
                    "mdash" => Some('\u{2014}'),
                    "rsquo" => Some('\u{2019}'),
                    "lsquo" => Some('\u{2018}'),
                    "rdquo" => Some('\u{201d}'),
                    "ldquo" => Some('\u{201c}'),
                    "hellip" => Some('\u{2026}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page's JSON-LD blocks that parse; a broken block is skipped, as browsers do.
fn ld_docs(head: &Head) -> Vec<Value> {
    head.json_ld
        .iter()
        .filter_map(|t| serde_json::from_str::<Value>(t.trim()).ok())
        .collect()
}

fn read_ld(docs: &[Value]) -> (LdArticle<'_>, Option<&str>) {
    let mut all = Vec::new();
    for d in docs {
        objects(d, &mut all, 0);
    }
    let mut site = None;
    let mut found = LdArticle::default();
    let article = all
        .iter()
        .copied()
        .find(|o| types(o).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())));
    for o in &all {
        let t = types(o);
        if site.is_none()
            && (t
                .iter()
                .any(|t| t == "website" || t == "newsmediaorganization"))
        {
            site = str_of(o.get("name"));
        }
    }
    // A WebPage carries the dates on some sites that have no Article object.
    let page = all
        .iter()
        .copied()
        .find(|o| types(o).iter().any(|t| t == "webpage"));
    if let Some(a) = article.or(page) {
        found.headline = str_of(a.get("headline")).or_else(|| str_of(a.get("name")));
        found.published = str_of(a.get("datePublished")).or_else(|| str_of(a.get("dateCreated")));
        found.modified = str_of(a.get("dateModified"));
        if article.is_some() {
            names_of(
                a.get("author"),
                &mut found.authors,
                &mut found.author_bodies,
            );
            names_of(
                a.get("creator"),
                &mut found.authors,
                &mut found.author_bodies,
            );
        }
        found.publisher = str_of(a.get("publisher"));
        found.based_on = str_of(a.get("isBasedOn"))
            .or_else(|| a.get("isBasedOn").and_then(|b| str_of(b.get("url"))));
    }
    (found, site)
}

/// Reads a date as pages write them in metadata: ISO 8601 with or without a zone, with a
/// space for `T`, or any form [`dates::find_date`] knows.
pub fn parse_date(raw: &str) -> Option<Timestamp> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let ok = |t: Timestamp| (1990..=2100).contains(&t.date().year()).then_some(t);
    if let Ok(t) = s.parse::<Timestamp>() {
        return ok(t);
    }
    if s.len() > 10 && s.as_bytes().get(10) == Some(&b' ') {
        let t = format!("{}T{}", &s[..10], s[11..].replace(' ', ""));
        if let Ok(t) = t.parse::<Timestamp>() {
            return ok(t);
        }
    }
    if let Some(day) = s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return ok(Timestamp::Date(day));
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d")
            .ok()
            .and_then(|d| ok(Timestamp::Date(d)));
    }
    dates::find_date(s).and_then(|d| ok(Timestamp::Date(d)))
}

/// A date in an address: `/2024/03/29/`, `/2024-03-29-`, `/20240329/`.
pub fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = path.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        let s = path.get(i..i + n)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    for i in 0..bytes.len() {
        if bytes[i] != b'/' && bytes[i] != b'-' && bytes[i] != b'_' {
            continue;
        }
        let at = i + 1;
        let Some(y) = digits(at, 4) else { continue };
        if !(1995..=2100).contains(&y) {
            continue;
        }
        let sep = bytes.get(at + 4).copied();
        let (m, d) = match sep {
            Some(b'/') | Some(b'-') | Some(b'_') => {
                let Some(m) = digits(at + 5, 2) else { continue };
                let sep2 = bytes.get(at + 7).copied();
                if sep2 != sep {
                    continue;
                }
                let Some(d) = digits(at + 8, 2) else { continue };
                if bytes.get(at + 10).is_some_and(|b| b.is_ascii_digit()) {
                    continue;
                }
                (m, d)
            }
            _ => {
                let (Some(m), Some(d)) = (digits(at + 4, 2), digits(at + 6, 2)) else {
                    continue;
                };
                if bytes.get(at + 8).is_some_and(|b| b.is_ascii_alphanumeric()) {
                    continue;
                }
                (m, d)
            }
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            return Some(date);
        }
    }
    None
}

/// The host of an address, without `www.`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// A title without the site name that pages append: "Fares frozen | Harbour News" gives
/// "Fares frozen" when the site name is known or the tail is the shorter part.
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " • "] {
        if let Some((a, b)) = title.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            let site_matches = site.is_some_and(|s| {
                b.eq_ignore_ascii_case(s) || s.to_lowercase().contains(&b.to_lowercase())
            });
            if site_matches || (b.split_whitespace().count() <= 4 && a.len() > b.len() * 2) {
                return a.to_string();
            }
        }
    }
    title.trim().to_string()
}

fn clean_authors(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let r = r.trim();
        if r.is_empty() || r.contains("://") || r.starts_with('/') || r.contains('@') {
            continue;
        }
        let lower = r.to_lowercase();
        let prefixed = ["by ", "written by", "posted by", "author:", "authors:"]
            .iter()
            .any(|p| lower.starts_with(p));
        let names = if prefixed {
            byline_names(r)
        } else {
            byline_names(&format!("By {r}"))
        };
        for n in names {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
                out.push(n);
            }
        }
    }
    out
}

/// Reads the page's own account of the article. `url` is the page's address, when known.
pub fn page_meta(head: &Head, url: Option<&str>) -> PageMeta {
    let docs = ld_docs(head);
    let (ld, ld_site) = read_ld(&docs);
    let outlet = head
        .meta(&["og:site_name", "application-name", "twitter:site:name"])
        .map(str::to_string)
        .or_else(|| ld.publisher.map(str::to_string))
        .or_else(|| ld_site.map(str::to_string))
        .or_else(|| url.and_then(host).map(str::to_string));

    let title = ld
        .headline
        .map(unescape)
        .or_else(|| {
            head.meta(&["og:title", "twitter:title", "dc.title", "headline"])
                .map(str::to_string)
        })
        .or_else(|| head.title.clone())
        .map(|t| strip_site(&parallax_text::collapse_whitespace(&t), outlet.as_deref()))
        .filter(|t| !t.is_empty());
    let outlet = outlet.map(|o| unescape(&o));

    let mut authors = clean_authors(&ld.authors);
    if authors.is_empty() {
        let metas: Vec<String> = [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
            "twitter:creator",
        ]
        .iter()
        .filter_map(|k| head.meta(&[k]))
        .filter(|v| !v.starts_with('@'))
        .map(str::to_string)
        .take(1)
        .collect();
        authors = clean_authors(&metas);
    }
    if authors.is_empty() {
        authors = clean_authors(&head.author_links);
    }
    let author_bodies = clean_authors(&ld.author_bodies);

    let published = ld
        .published
        .and_then(parse_date)
        .or_else(|| {
            [
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "published_time",
                "article.published",
                "pubdate",
                "publishdate",
                "publish-date",
                "publish_date",
                "date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
                "citation_publication_date",
                "citation_date",
                "og:published_time",
            ]
            .iter()
            .find_map(|k| head.meta(&[k]).and_then(parse_date))
        })
        .or_else(|| head.times.iter().find_map(|(d, _)| parse_date(d)))
        .or_else(|| url.and_then(url_date).map(Timestamp::Date));
    let modified = ld.modified.and_then(parse_date).or_else(|| {
        [
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dcterms.modified",
            "last-modified",
        ]
        .iter()
        .find_map(|k| head.meta(&[k]).and_then(parse_date))
    });

    // A copy points at its original through a canonical link to another site, or says what
    // it is based on.
    let own = url.and_then(host);
    let republished_from = head
        .canonical
        .as_deref()
        .filter(|c| {
            let other = host(c);
            other.is_some() && own.is_some() && other != own
        })
        .or(ld.based_on)
        .or_else(|| head.meta(&["syndication-source", "original-source", "dc.source"]))
        .and_then(|u| host(u).map(str::to_string).or(Some(u.to_string())));

    let language = head
        .lang
        .as_deref()
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()));

    PageMeta {
        title,
        authors,
        author_bodies,
        outlet,
        published,
        modified,
        republished_from,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dump::dump;

    fn day(s: &str) -> Option<Timestamp> {
        Some(Timestamp::Date(
            NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap(),
        ))
    }

    #[test]
    fn json_ld_leads_and_dates_stay_apart() {
        let page = r#"<html lang="en-GB"><head><title>Bridge closed - River Times</title>
<meta property="og:site_name" content="River Times">
<meta property="article:published_time" content="2024-01-01T08:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"River Times"},
 {"@type":["NewsArticle"],"headline":"Old bridge closed for repairs",
  "datePublished":"2024-03-29T09:30:00+01:00","dateModified":"2024-03-30T10:00:00+01:00",
  "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Hale, Staff Writer"}],
  "publisher":{"@type":"Organization","name":"River Times Ltd"}}]}</script>
</head><body><p>Text.</p></body></html>"#;
        let d = dump(page);
        let m = page_meta(&d.head, Some("https://www.rivertimes.example/news/bridge"));
        assert_eq!(m.title.as_deref(), Some("Old bridge closed for repairs"));
        assert_eq!(m.authors, ["Ana Ruiz", "Tom Hale"]);
        assert_eq!(m.outlet.as_deref(), Some("River Times"));
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            Some("2024-03-29T09:30:00+01:00")
        );
        assert_eq!(
            m.modified.map(|t| t.date()),
            day("2024-03-30").map(|t| t.date())
        );
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.republished_from, None);
    }

    #[test]
    fn meta_tags_and_address_are_fallbacks() {
        let page = r#"<head><title>Storm closes coast road | Bay Post</title>
<meta name="author" content="By Lena Ortiz">
<link rel="canonical" href="https://original.example/2023/story"></head>"#;
        let d = dump(page);
        let m = page_meta(
            &d.head,
            Some("https://copies.example/2023/11/05/storm-road"),
        );
        assert_eq!(m.title.as_deref(), Some("Storm closes coast road"));
        assert_eq!(m.authors, ["Lena Ortiz"]);
        assert_eq!(m.outlet.as_deref(), Some("copies.example"));
        assert_eq!(m.published, day("2023-11-05"));
        assert_eq!(m.modified, None);
        assert_eq!(m.republished_from.as_deref(), Some("original.example"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script><title>Plain title</title>"#;
        let m = page_meta(&dump(page).head, None);
        assert_eq!(m.title.as_deref(), Some("Plain title"));
    }

    #[test]
    fn dates_in_addresses() {
        assert_eq!(
            url_date("https://a.example/2024/03/29/x"),
            NaiveDate::from_ymd_opt(2024, 3, 29)
        );
        assert_eq!(
            url_date("https://a.example/news/2024-03-29-x"),
            NaiveDate::from_ymd_opt(2024, 3, 29)
        );
        assert_eq!(
            url_date("https://a.example/20240329/x"),
            NaiveDate::from_ymd_opt(2024, 3, 29)
        );
        assert_eq!(url_date("https://a.example/item/2024123456"), None);
        assert_eq!(url_date("https://a.example/2024/13/40/x"), None);
    }

    #[test]
    fn loose_dates() {
        assert_eq!(
            parse_date("2024-03-29 10:31:00").map(|t| t.date()),
            day("2024-03-29").map(|t| t.date())
        );
        assert_eq!(parse_date("March 29, 2024"), day("2024-03-29"));
        assert_eq!(parse_date("20240329"), day("2024-03-29"));
        assert_eq!(parse_date("yesterday"), None);
    }
}
