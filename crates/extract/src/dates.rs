//! Calendar dates as page headers, bylines and datelines write them: "Friday, March 29,
//! 2024", "29 March 2024", "Mar. 29, 2024 10:31 AM", "2024-03-29".
//!
//! Only dates with a year count here. A slashed date ("3/4/2024") counts only when it cannot
//! be read two ways, because a wrong publication date is worse than none.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use parallax_text::month_number;
use regex::Regex;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern; covered by tests
    Regex::new(
        r"(?ix)
        \b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:\b|T)
        | \b(?P<m1>[a-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})\b
        | \b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>[a-z]{3,9})\.?,?\s+(?P<y2>\d{4})\b
        | \b(?P<sa>\d{1,2})[/.](?P<sb>\d{1,2})[/.](?P<sy>\d{4})\b",
    )
    .expect("date pattern compiles")
});

/// Every full date in `text`, in order.
pub fn find_dates(text: &str) -> impl Iterator<Item = NaiveDate> + '_ {
    // Every date has digits; most lines have none, and skipping them is far cheaper than
    // running the pattern.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    DATE.captures_iter(if digits { text } else { "" })
        .filter_map(|c| {
            let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let year = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
            let ymd = |y: Option<i32>, m: Option<u32>, d: Option<u32>| {
                NaiveDate::from_ymd_opt(y?, m?, d?).filter(|d| (1900..=2100).contains(&d.year()))
            };
            if c.name("iy").is_some() {
                return ymd(year("iy"), num("im"), num("id"));
            }
            if let Some(m) = c.name("m1") {
                return ymd(year("y1"), month_number(m.as_str()), num("d1"));
            }
            if let Some(m) = c.name("m2") {
                return ymd(year("y2"), month_number(m.as_str()), num("d2"));
            }
            let (a, b) = (num("sa")?, num("sb")?);
            match (a > 12, b > 12) {
                (true, false) => ymd(year("sy"), Some(b), Some(a)),
                (false, true) => ymd(year("sy"), Some(a), Some(b)),
                _ if a == b => ymd(year("sy"), Some(a), Some(b)),
                _ => None,
            }
        })
}

/// The first full date in `text`.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    find_dates(text).next()
}

/// Is the line a date and little else ("Friday, March 29, 2024", "Updated 10:31 AM EST,
/// 29 March 2024"), as a page's date header or an article's date line are?
pub fn is_date_line(line: &str) -> bool {
    let Some(m) = DATE.find(line) else {
        return false;
    };
    if find_date(m.as_str()).is_none() {
        return false;
    }
    let rest = format!("{} {}", &line[..m.start()], &line[m.end()..]);
    let other_words = parallax_text::words(&rest)
        .filter(|w| {
            let t = w.text;
            parallax_text::weekday_number(t).is_none()
                && !t.chars().all(|c| c.is_ascii_digit())
                && !matches!(
                    t.to_ascii_lowercase().as_str(),
                    "am" | "pm"
                        | "gmt"
                        | "utc"
                        | "est"
                        | "edt"
                        | "pst"
                        | "pdt"
                        | "cet"
                        | "cest"
                        | "bst"
                        | "msk"
                        | "et"
                        | "pt"
                        | "on"
                        | "at"
                        | "updated"
                        | "published"
                        | "posted"
                        | "last"
                        | "first"
                        | "date"
                        | "modified"
                        | "min"
                        | "read"
                )
        })
        .count();
    other_words == 0
}

/// Does the line say when its article was published ("Published March 29, 2024", "Posted
/// on 29 March 2024")? "Updated" dates are modifications and do not count.
pub fn published_cue(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["published", "posted", "first appeared", "date:"]
        .iter()
        .any(|cue| lower.contains(cue))
        && !lower.starts_with("updated")
        && !lower.starts_with("last updated")
        && !lower.starts_with("modified")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(find_date("Friday, March 29, 2024"), Some(d(2024, 3, 29)));
        assert_eq!(find_date("29th of March 2024"), Some(d(2024, 3, 29)));
        assert_eq!(
            find_date("Posted Sept. 3, 2023 at 10:31 am"),
            Some(d(2023, 9, 3))
        );
        assert_eq!(find_date("2024-03-29T10:00:00Z"), Some(d(2024, 3, 29)));
        assert_eq!(find_date("29/03/2024"), Some(d(2024, 3, 29)));
        assert_eq!(find_date("03/29/2024"), Some(d(2024, 3, 29)));
    }

    #[test]
    fn refuses_ambiguous_and_incomplete_dates() {
        assert_eq!(find_date("04/03/2024"), None);
        assert_eq!(find_date("On March 22, the council met."), None);
        assert_eq!(find_date("February 30, 2024"), None);
        assert_eq!(find_date("Chapter 12 of 2024"), None);
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("Friday, March 29, 2024"));
        assert!(is_date_line("Updated 10:31 AM EST, Fri March 29, 2024"));
        assert!(!is_date_line(
            "The bridge reopened on March 29, 2024 after repairs."
        ));
        assert!(!is_date_line("Sunny, 21°C"));
    }

    #[test]
    fn published_cues() {
        assert!(published_cue("Published: 12 May 2023"));
        assert!(published_cue("Posted on May 12, 2023 by Lena Ortiz"));
        assert!(!published_cue("Updated May 12, 2023"));
    }
}
