//! A plain-text page as a list of lines, each with the statistics that tell body text from
//! page chrome.
//!
//! A scraped page reaches us as one block per line: menu items, a headline, paragraphs,
//! share buttons, "latest articles" teasers, a cookie notice. What a line *says* rarely
//! gives it away; how it is *built* usually does. Prose is long, ends in a full stop, and is
//! dense in function words ("the", "of", "that"). Chrome is short, Title Cased, full of
//! digits and widget words ("Subscribe", "48,213FansLike"), and repeats itself across the
//! page. [`LineStats`] measures those properties once per line.

use std::collections::HashMap;
use std::sync::LazyLock;

use parallax_text::{FUNCTION_WORDS, WordSet, month_number, words};
use regex::Regex;

/// One non-blank line of the input, trimmed, with its statistics.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line without surrounding whitespace.
    pub text: &'a str,
    pub stats: LineStats,
}

/// Splits `text` into its non-blank lines. A hard-wrapped paragraph (lines broken
/// mid-sentence, as e-mail and some feeds do) is one line here, so that it is judged as the
/// paragraph it is.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let raw: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i].is_empty() {
            i += 1;
            continue;
        }
        // Join continuation lines of a wrapped paragraph into one slice of `text`.
        let start = raw[i];
        let mut end = raw[i];
        while i + 1 < raw.len() && continues(end, raw[i + 1]) {
            i += 1;
            end = raw[i];
        }
        let joined = span_between(text, start, end);
        out.push(Line {
            text: joined,
            stats: LineStats::of(joined),
        });
        i += 1;
    }
    count_repeats(&mut out);
    out
}

/// Lines that are already split, as an HTML page's blocks are: each text is one line.
pub fn lines_from<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = texts
        .into_iter()
        .map(|t| {
            let text = t.trim();
            Line {
                text,
                stats: LineStats::of(text),
            }
        })
        .collect();
    count_repeats(&mut out);
    out
}

fn count_repeats(lines: &mut [Line<'_>]) {
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(lines.len());
    for line in lines.iter() {
        *counts.entry(line.text).or_default() += 1;
    }
    for line in lines.iter_mut() {
        line.stats.repeats = counts.get(line.text).copied().unwrap_or(1);
    }
}

/// Does `next` continue the sentence that `line` breaks off? Only long lines cut mid-sentence
/// followed by a lowercase word count, which keeps menus (short, Title Case) apart.
fn continues(line: &str, next: &str) -> bool {
    if next.is_empty() || line.chars().count() < 45 {
        return false;
    }
    let ends_open = line
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '–'));
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    ends_open && next_lower
}

/// The slice of `text` from the start of `first` to the end of `last`; both are subslices
/// of `text`, `first` not after `last`.
fn span_between<'a>(text: &'a str, first: &'a str, last: &'a str) -> &'a str {
    let base = text.as_ptr() as usize;
    let start = first.as_ptr() as usize - base;
    let end = last.as_ptr() as usize - base + last.len();
    &text[start..end]
}

/// What one line looks like, independent of its neighbours (but for `repeats`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineStats {
    pub chars: u32,
    pub words: u32,
    pub letters: u32,
    pub upper: u32,
    pub digits: u32,
    /// Words that start with a capital.
    pub capitalized: u32,
    /// Words that start with a lowercase letter.
    pub lowercase: u32,
    pub function_words: u32,
    pub word_chars: u32,
    /// Ends like a sentence: `.`, `!`, `?`, `…` or CJK full stops, maybe before a quote.
    pub ends_sentence: bool,
    pub ends_colon: bool,
    pub ends_ellipsis: bool,
    /// Sentence boundaries inside the line.
    pub inner_sentences: u32,
    pub commas: u32,
    /// Words and word pairs from page widgets: "subscribe", "sign up", "all rights reserved".
    pub widget: u32,
    /// Tokens glued from a number and words, or from words without spaces, as
    /// "48,213FansLike" or "Share0".
    pub glued: u32,
    pub bullet: bool,
    pub has_date: bool,
    /// Breadcrumb and menu separators: `|`, `»`, `›`, `>`, `/`, `·`, `•`.
    pub separators: u32,
    pub copyright: bool,
    /// URLs, e-mail addresses and @handles.
    pub link_like: bool,
    /// Starts with a byline marker ("By", "Written by", "Author:").
    pub byline: bool,
    /// How many lines of the page have exactly this text.
    pub repeats: u32,
}

impl LineStats {
    pub fn of(line: &str) -> LineStats {
        let mut s = LineStats::default();
        for c in line.chars() {
            s.chars += 1;
            if c.is_ascii() {
                // Most text is ASCII; its classes are cheap table lookups.
                if c.is_ascii_alphabetic() {
                    s.letters += 1;
                    s.upper += u32::from(c.is_ascii_uppercase());
                } else if c.is_ascii_digit() {
                    s.digits += 1;
                } else if matches!(c, ',' | ';') {
                    s.commas += 1;
                } else if matches!(c, '|' | '>' | '/') {
                    s.separators += 1;
                }
                continue;
            }
            if c.is_alphabetic() {
                s.letters += 1;
                if c.is_uppercase() {
                    s.upper += 1;
                }
            } else if c.is_numeric() {
                s.digits += 1;
            } else if matches!(c, ',' | ';') {
                s.commas += 1;
            } else if matches!(c, '|' | '»' | '›' | '>' | '/' | '·' | '•') {
                s.separators += 1;
            } else if c == '©' {
                s.copyright = true;
            }
        }
        // Whether the previous word can start a widget pair ("sign" of "sign up").
        let mut prev: Option<&str> = None;
        for w in words(line) {
            s.words += 1;
            s.word_chars += w.text.chars().count() as u32;
            if w.is_capitalized() {
                s.capitalized += 1;
            } else if w.text.chars().next().is_some_and(char::is_lowercase) {
                s.lowercase += 1;
            }
            let tags = WORDS.tags(w.text);
            if tags & FUNCTION != 0 {
                s.function_words += 1;
            }
            if is_glued(w.text) {
                s.glued += 1;
            }
            if tags & WIDGET != 0 {
                s.widget += 1;
            }
            if let Some(p) = prev {
                if WORDS.contains_pair(p, w.text) {
                    s.widget += 1;
                }
            }
            if w.text.eq_ignore_ascii_case("copyright") {
                s.copyright = true;
            }
            prev = (tags & PAIR_FIRST != 0).then_some(w.text);
        }
        let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '»', ' ']);
        let last = trimmed.chars().last();
        s.ends_ellipsis = trimmed.ends_with("...") || last == Some('…');
        s.ends_sentence = matches!(last, Some('.' | '!' | '?' | '。' | '！' | '？' | '…'));
        s.ends_colon = matches!(last, Some(':' | '：'));
        s.inner_sentences = inner_sentences(line);
        s.bullet = starts_like_list_item(line);
        s.has_date = s.digits > 0 && has_date(line);
        s.link_like = line.contains("://")
            || line.contains("www.")
            || line
                .split_whitespace()
                .any(|t| t.len() > 1 && (t.starts_with('@') || t.contains(".com")));
        s.byline = starts_byline(line);
        s
    }

    /// Reads like running prose: enough words, enough of them function words.
    pub fn is_prose(&self) -> bool {
        (self.words >= 8 && self.function_words * 5 >= self.words)
            || (self.words <= 3 && self.chars >= 40 && self.ends_sentence)
    }

    pub fn function_ratio(&self) -> f32 {
        ratio(self.function_words, self.words)
    }
}

pub fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// Lowercase ASCII, sorted. Words that page furniture is made of; prose uses some of them
/// too, which is why they are one feature among many and not a rule.
const WIDGET_WORDS: &[&str] = &[
    "account",
    "advertise",
    "advertisement",
    "advertising",
    "archive",
    "archives",
    "bookmark",
    "cart",
    "categories",
    "category",
    "checkout",
    "comment",
    "comments",
    "contact",
    "cookie",
    "cookies",
    "copyright",
    "download",
    "email",
    "facebook",
    "faq",
    "feed",
    "feedback",
    "follow",
    "followers",
    "following",
    "instagram",
    "likes",
    "linkedin",
    "login",
    "logout",
    "menu",
    "navigation",
    "newsletter",
    "newsletters",
    "notifications",
    "notify",
    "pinterest",
    "podcasts",
    "popular",
    "print",
    "privacy",
    "profile",
    "recommended",
    "reddit",
    "register",
    "related",
    "replies",
    "reply",
    "rss",
    "search",
    "share",
    "shares",
    "sharing",
    "shop",
    "signup",
    "sitemap",
    "skip",
    "sponsored",
    "subscribe",
    "subscribers",
    "subscription",
    "tags",
    "telegram",
    "terms",
    "tiktok",
    "toggle",
    "trending",
    "tweet",
    "twitter",
    "unsubscribe",
    "weather",
    "whatsapp",
    "youtube",
];

/// Tags of [`WORDS`].
const FUNCTION: u8 = 1;
const WIDGET: u8 = 2;
const PAIR_FIRST: u8 = 4;

/// Function words, widget words, widget pairs (as "first second") and the first words of
/// the pairs, in one set so that each word of a page costs one lookup.
static WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut all: Vec<(&'static str, u8)> = Vec::new();
    all.extend(FUNCTION_WORDS.iter().map(|&w| (w, FUNCTION)));
    all.extend(WIDGET_WORDS.iter().map(|&w| (w, WIDGET)));
    for &(a, b) in WIDGET_PAIRS {
        all.push((Box::leak(format!("{a} {b}").into_boxed_str()), WIDGET_PAIR));
        all.push((a, PAIR_FIRST));
    }
    WordSet::tagged(&all)
});
const WIDGET_PAIR: u8 = 8;

/// Word pairs of page furniture, lowercase ASCII, sorted.
const WIDGET_PAIRS: &[(&str, &str)] = &[
    ("a", "comment"),
    ("about", "us"),
    ("all", "rights"),
    ("also", "like"),
    ("back", "to"),
    ("click", "here"),
    ("contact", "us"),
    ("cookie", "policy"),
    ("filed", "under"),
    ("follow", "us"),
    ("get", "started"),
    ("latest", "articles"),
    ("latest", "news"),
    ("learn", "more"),
    ("leave", "a"),
    ("load", "more"),
    ("log", "in"),
    ("may", "also"),
    ("min", "read"),
    ("most", "popular"),
    ("most", "read"),
    ("of", "contents"),
    ("of", "use"),
    ("posted", "in"),
    ("privacy", "policy"),
    ("read", "more"),
    ("related", "articles"),
    ("related", "posts"),
    ("rights", "reserved"),
    ("see", "all"),
    ("see", "more"),
    ("share", "this"),
    ("sign", "in"),
    ("sign", "up"),
    ("skip", "to"),
    ("table", "of"),
    ("terms", "of"),
    ("view", "all"),
    ("view", "original"),
    ("you", "may"),
];

/// A token that glues a number to words or runs words together without spaces:
/// "449FansLike", "Share0", "FollowersFollow". Proper names like "McDonald" or "iPhone" have
/// one inner capital; these have a digit-letter seam or two inner capitals.
fn is_glued(token: &str) -> bool {
    let mut prev: Option<char> = None;
    // Letters since the last seam: a word glued on ("Followers|Follow") is a long run, a
    // name's prefix ("Mc|Donald", "i|Phone", "You|Tube") a short one.
    let mut run = 0;
    for c in token.chars() {
        if let Some(p) = prev {
            if (p.is_numeric() && c.is_alphabetic()) || (p.is_alphabetic() && c.is_numeric()) {
                return token.chars().filter(|c| c.is_alphabetic()).count() >= 3;
            }
            if p.is_lowercase() && c.is_uppercase() {
                if run >= 4 {
                    return true;
                }
                run = 0;
            }
        }
        if c.is_alphabetic() {
            run += 1;
        }
        prev = Some(c);
    }
    false
}

/// Counts ". X" style boundaries inside the line, where a sentence ends and another starts.
fn inner_sentences(line: &str) -> u32 {
    let bytes = line.as_bytes();
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && i + 2 < bytes.len() && bytes[i + 1] == b' ' {
            let next = bytes[i + 2];
            if next.is_ascii_uppercase() || next == b'"' || next == 0xE2 {
                n += 1;
            }
        }
    }
    n
}

fn starts_like_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '▪' | '►' | '–' | '—' | '✓' | '✔') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

fn starts_byline(line: &str) -> bool {
    let mut it = words(line);
    let first = it.next().map(|w| w.text.to_ascii_lowercase());
    match first.as_deref() {
        Some("by") => it.next().is_some_and(|w| w.is_capitalized()),
        Some("written" | "posted" | "reported" | "words") => {
            it.next().is_some_and(|w| w.text.eq_ignore_ascii_case("by"))
        }
        Some("author" | "authors" | "reporter") => line.contains(':'),
        _ => false,
    }
}

// Word boundaries are ASCII ones (`(?-u:\b)`): with Unicode boundaries the regex engine's
// fast automaton gives up on any line with a non-ASCII character (a curly quote, a no-break
// space) and a backtracker takes over, which made this a sixth of plain-text extraction.
// Dates are written in ASCII digits and month names, so the matches are the same.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern; covered by tests
    Regex::new(
        r"(?ix)
        (?-u:\b)\d{4}-\d{1,2}-\d{1,2}(?-u:\b)
        | (?-u:\b)\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?-u:\b)
        | (?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?-u:\b)
        | (?-u:\b)\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}(?-u:\b)",
    )
    .expect("date pattern compiles")
});

/// Does the line mention a calendar date ("March 29", "29 March 2024", "2024-03-29")?
pub fn has_date(line: &str) -> bool {
    DATE.find_iter(line).any(|m| {
        let s = m.as_str();
        let has_month_word = words(s).any(|w| month_number(w.text).is_some());
        let numeric = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
        has_month_word || numeric
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_tables_are_sorted() {
        for pair in WIDGET_WORDS.windows(2) {
            assert!(pair[0] < pair[1], "{:?}", pair);
        }
        for pair in WIDGET_PAIRS.windows(2) {
            assert!(pair[0] < pair[1], "{:?}", pair);
        }
    }

    #[test]
    fn prose_and_chrome_look_different() {
        let prose = LineStats::of(
            "The council voted on Tuesday to close the bridge for repairs, officials said.",
        );
        assert!(prose.is_prose());
        assert!(prose.ends_sentence);
        assert_eq!(prose.widget, 0);

        let counter = LineStats::of("12,408FollowersFollow");
        assert!(!counter.is_prose());
        assert_eq!(counter.glued, 1);
        assert_eq!(counter.widget, 0);

        let footer = LineStats::of("© 2025 Harbor Gazette. All rights reserved.");
        assert!(footer.copyright);
        assert_eq!(footer.widget, 2);
        assert!(!footer.has_date);

        let share = LineStats::of("Share this article: Facebook | Twitter | Email");
        assert_eq!(share.widget, 5);
        assert_eq!(share.separators, 2);
    }

    #[test]
    fn recognises_dates_bylines_and_list_items() {
        for d in [
            "Friday, March 29, 2024",
            "29 March 2024",
            "2024-03-29",
            "Updated 3/29/2024",
        ] {
            assert!(LineStats::of(d).has_date, "{d}");
        }
        for d in ["Chapter 12", "Route 66 closed", "We have 3 cats"] {
            assert!(!LineStats::of(d).has_date, "{d}");
        }
        assert!(LineStats::of("By Ana Ruiz and Tom Hale").byline);
        assert!(LineStats::of("Written by staff").byline);
        assert!(!LineStats::of("By the time it ended, nobody was left.").byline);
        assert!(LineStats::of("- first item").bullet);
        assert!(LineStats::of("3. Third step").bullet);
        assert!(!LineStats::of("3.5 million people").bullet);
    }

    #[test]
    fn glued_tokens() {
        for t in [
            "449FansLike",
            "Share0",
            "FollowersFollow",
            "3,905Subscribers",
        ] {
            assert!(words(t).any(|w| is_glued(w.text)), "{t}");
        }
        for t in ["McDonald", "iPhone", "YouTube", "COVID-19", "G7", "2024"] {
            assert!(!words(t).any(|w| is_glued(w.text)), "{t}");
        }
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        let text = "Headline Here\n\nThe mayor said the budget would be cut by a tenth next\nyear, and that schools would be spared.\nHome\nNews\n";
        let lines: Vec<&str> = split_lines(text).iter().map(|l| l.text).collect();
        assert_eq!(
            lines,
            [
                "Headline Here",
                "The mayor said the budget would be cut by a tenth next\nyear, and that schools would be spared.",
                "Home",
                "News"
            ]
        );
    }

    #[test]
    fn repeats_are_counted() {
        let lines = split_lines("Login\nNews\nLogin\n");
        assert_eq!(
            lines.iter().map(|l| l.stats.repeats).collect::<Vec<_>>(),
            [2, 1, 2]
        );
    }
}
