//! Republication credits: the lines by which a site says that an article first appeared
//! elsewhere ("Courtesy of X", "This article originally appeared on X", "Republished with
//! permission from X", "View original post here").
//!
//! A credit is provenance, not body text: it names the original publisher and leaves the
//! article.

use std::sync::LazyLock;

use regex::Regex;

/// The longest line that can be a credit. Credits are one short sentence or two; a long
/// paragraph that happens to say "originally published" is prose about something else.
const MAX_CREDIT_CHARS: usize = 240;

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern; covered by tests
    Regex::new(
        r"(?ix)
        ^\W*(?:courtesy\s+of|source:|h/t|hat\s+tip:?)\s+(?P<a>.+)
        | (?:originally|first)\s+(?:appeared|published|ran|posted)\s+(?:on|in|at|by)\s+(?P<b>.+)
        | (?:re-?published|reprinted|cross-?posted|syndicated)\s+(?:here\s+)?(?:with\s+(?:the\s+)?(?:kind\s+)?permission\s+)?(?:from|of|by)\s+(?P<c>.+)
        | is\s+republished\s+from\s+(?P<d>.+)
        | ^\W*(?:view|read)\s+(?:the\s+)?original\s+(?:post|article|story)",
    )
    .expect("credit pattern compiles")
});

/// Words one of which every credit holds: a literal search that rules out almost every line
/// before the full pattern, with its backtracking captures, runs.
static CREDIT_HINT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern; covered by tests
    Regex::new(r"(?i)courtesy|source:|h/t|hat tip|originally|first|publish|reprint|posted|syndicated|original")
        .expect("credit hint pattern compiles")
});

/// Words that end an outlet's name inside a credit line: what follows is the credit's own
/// boilerplate ("… ZeroHedge. View original post here", "… The Ledger under a Creative
/// Commons license").
const STOP_WORDS: &[&str] = &[
    "view",
    "read",
    "click",
    "see",
    "under",
    "with",
    "on",
    "at",
    "here",
    "via",
    "by",
    "original",
    "originally",
    "republished",
    "reprinted",
];

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern; covered by tests
    Regex::new(
        r"(?i)^\W*(?:©|\(c\)|copyright)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<n>.+)",
    )
    .expect("copyright pattern compiles")
});

/// The longest line that can be a copyright footer.
const MAX_COPYRIGHT_CHARS: usize = 160;

/// The publisher named by a copyright footer ("© 2025 Harbor Gazette. All rights
/// reserved.").
pub fn copyright_holder(line: &str) -> Option<String> {
    if line.chars().count() > MAX_COPYRIGHT_CHARS {
        return None;
    }
    let caps = COPYRIGHT.captures(line)?;
    outlet_name(caps.name("n")?.as_str())
}

/// What a credit line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The original publisher, when the line names one.
    pub outlet: Option<String>,
}

/// Reads `line` as a republication credit.
pub fn credit(line: &str) -> Option<Credit> {
    if line.len() > MAX_CREDIT_CHARS * 4
        || line.chars().count() > MAX_CREDIT_CHARS
        || !CREDIT_HINT.is_match(line)
    {
        return None;
    }
    let caps = CREDIT.captures(line)?;
    match ["a", "b", "c", "d"].iter().find_map(|n| caps.name(n)) {
        // A credit names its outlet; "courtesy of the council, …" is prose.
        Some(rest) => outlet_name(rest.as_str()).map(|name| Credit { outlet: Some(name) }),
        None => Some(Credit { outlet: None }),
    }
}

/// The outlet's name at the start of `rest`: a run of capitalised words, digits and
/// connecting words, ended by punctuation or a boilerplate word.
fn outlet_name(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    let mut end = 0;
    let mut saw_name = false;
    for word in rest.split_whitespace() {
        let start = word.as_ptr() as usize - rest.as_ptr() as usize;
        let bare = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”', '’']);
        let lower = bare.to_lowercase();
        let name_like = bare
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (bare.contains('.') && bare.len() > 3);
        let joiner = saw_name && JOINERS.contains(&lower.as_str());
        let leading_the = !saw_name && lower == "the";
        if bare.is_empty()
            || (saw_name && STOP_WORDS.contains(&lower.as_str()))
            || !(name_like || joiner || leading_the)
        {
            break;
        }
        saw_name |= name_like;
        end = start + bare.len();
        if bare.len() != word.len() {
            // Punctuation after a word closes the name.
            break;
        }
    }
    let mut name = rest[..end].trim();
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !JOINERS.contains(&last.to_lowercase().as_str()) {
            break;
        }
        name = head.trim_end();
    }
    (saw_name && !name.is_empty()).then(|| name.to_string())
}

/// Small words that may sit inside an outlet's name ("Bank of the West", "Fish & Game").
const JOINERS: &[&str] = &["of", "the", "&", "de", "for", "and"];

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(line: &str) -> Option<Option<String>> {
        credit(line).map(|c| c.outlet)
    }

    #[test]
    fn reads_credits_and_their_outlets() {
        let named = |s: &str| Some(Some(s.to_string()));
        assert_eq!(
            outlet("Courtesy of Harbor Watch View original post here."),
            named("Harbor Watch")
        );
        assert_eq!(
            outlet("This article originally appeared on The Meridian Post."),
            named("The Meridian Post")
        );
        assert_eq!(
            outlet("Republished with permission from Northfield Daily, where it first ran."),
            named("Northfield Daily")
        );
        assert_eq!(
            outlet("This article is republished from The Ledger under a Creative Commons license."),
            named("The Ledger")
        );
        assert_eq!(
            outlet("Originally published at valleytimes.example."),
            named("valleytimes.example")
        );
        assert_eq!(outlet("View original post"), Some(None));
    }

    #[test]
    fn copyright_footers_name_the_publisher() {
        assert_eq!(
            copyright_holder("© 2025 Harbor Gazette. All rights reserved.").as_deref(),
            Some("Harbor Gazette")
        );
        assert_eq!(
            copyright_holder("Copyright © 2019-2025 The Valley Courier, Inc").as_deref(),
            Some("The Valley Courier")
        );
        assert_eq!(
            copyright_holder("(c) Kolvik Daily"),
            Some("Kolvik Daily".into())
        );
        assert_eq!(copyright_holder("Copyright law protects authors."), None);
    }

    #[test]
    fn ignores_prose_and_long_lines() {
        assert_eq!(
            outlet("The mayor said the plan was approved on Monday."),
            None
        );
        let long = format!("{} originally appeared in a report", "words ".repeat(60));
        assert_eq!(outlet(&long), None);
        assert_eq!(
            outlet("Courtesy of the council, residents got free parking."),
            None
        );
    }
}
