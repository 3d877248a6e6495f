//! English month and weekday names, full and abbreviated, as datelines and page headers
//! write them.

use crate::ascii_lower;

const MONTHS: &[(&str, u32)] = &[
    ("apr", 4),
    ("april", 4),
    ("aug", 8),
    ("august", 8),
    ("dec", 12),
    ("december", 12),
    ("feb", 2),
    ("february", 2),
    ("jan", 1),
    ("january", 1),
    ("jul", 7),
    ("july", 7),
    ("jun", 6),
    ("june", 6),
    ("mar", 3),
    ("march", 3),
    ("may", 5),
    ("nov", 11),
    ("november", 11),
    ("oct", 10),
    ("october", 10),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
];

/// Monday is 1, as ISO 8601 counts.
const WEEKDAYS: &[(&str, u32)] = &[
    ("fri", 5),
    ("friday", 5),
    ("mon", 1),
    ("monday", 1),
    ("sat", 6),
    ("saturday", 6),
    ("sun", 7),
    ("sunday", 7),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("thursday", 4),
    ("tue", 2),
    ("tues", 2),
    ("tuesday", 2),
    ("wed", 3),
    ("wednesday", 3),
];

fn lookup(table: &[(&str, u32)], word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Asked of nearly every word of an article: most are turned away on their length alone,
    // and the rest on their first letter, before any string is compared.
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    let mut buf = [0; 24];
    let w = ascii_lower(word, &mut buf)?;
    let first = w.as_bytes()[0];
    table
        .iter()
        .find(|(name, _)| name.len() == w.len() && name.as_bytes()[0] == first && *name == w)
        .map(|&(_, n)| n)
}

/// 1-12 for an English month name or abbreviation ("Sept.", "march"), else `None`.
pub fn month_number(word: &str) -> Option<u32> {
    lookup(MONTHS, word)
}

/// 1 (Monday) to 7 (Sunday) for an English weekday name or abbreviation.
pub fn weekday_number(word: &str) -> Option<u32> {
    lookup(WEEKDAYS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        for t in [MONTHS, WEEKDAYS] {
            for pair in t.windows(2) {
                assert!(pair[0].0 < pair[1].0);
            }
        }
    }

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("MARCH"), Some(3));
        assert_eq!(month_number("Marching"), None);
        assert_eq!(weekday_number("Thurs"), Some(4));
        assert_eq!(weekday_number("sunday"), Some(7));
        assert_eq!(weekday_number("Sundays"), None);
    }
}
