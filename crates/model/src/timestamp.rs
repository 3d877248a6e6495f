//! Dates and date-times as news metadata carries them: sometimes a day, sometimes an instant.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// When something happened, at the precision the evidence gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timestamp {
    /// A calendar day: `2022-04-26`.
    Date(NaiveDate),
    /// A wall-clock time with no known zone: `2022-04-26T09:30:00`.
    Local(NaiveDateTime),
    /// An instant with its UTC offset: `2022-04-26T09:30:00+03:00`.
    Zoned(DateTime<FixedOffset>),
}

impl Timestamp {
    /// The calendar day, in the time's own zone where it has one.
    pub fn date(self) -> NaiveDate {
        match self {
            Timestamp::Date(d) => d,
            Timestamp::Local(t) => t.date(),
            Timestamp::Zoned(t) => t.date_naive(),
        }
    }
}

impl From<NaiveDate> for Timestamp {
    fn from(d: NaiveDate) -> Timestamp {
        Timestamp::Date(d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    input: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an ISO 8601 date or date-time (expected e.g. 2022-04-26 or \
             2022-04-26T09:30:00+03:00)",
            self.input
        )
    }
}

impl std::error::Error for TimestampError {}

impl FromStr for Timestamp {
    type Err = TimestampError;

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.f]]` and the same with `Z` or `±HH:MM`.
    fn from_str(s: &str) -> Result<Timestamp, TimestampError> {
        let s = s.trim();
        let err = || TimestampError {
            input: s.to_string(),
        };
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Timestamp::Date(d));
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp::Zoned(t));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
        ] {
            if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
                return Ok(Timestamp::Local(t));
            }
        }
        for fmt in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M:%S%z"] {
            if let Ok(t) = DateTime::parse_from_str(s, fmt) {
                return Ok(Timestamp::Zoned(t));
            }
        }
        Err(err())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Timestamp::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S")),
            Timestamp::Zoned(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso() {
        for (input, out) in [
            ("2022-04-26", "2022-04-26"),
            ("2022-04-26T09:30:00", "2022-04-26T09:30:00"),
            ("2022-04-26T09:30", "2022-04-26T09:30:00"),
            ("2022-04-26T09:30:00Z", "2022-04-26T09:30:00+00:00"),
            ("2022-04-26T09:30:00+03:00", "2022-04-26T09:30:00+03:00"),
        ] {
            let t: Timestamp = input.parse().unwrap();
            assert_eq!(t.to_string(), out, "{input}");
            assert_eq!(t.date(), NaiveDate::from_ymd_opt(2022, 4, 26).unwrap());
        }
    }

    #[test]
    fn rejects_other_forms() {
        for bad in ["26/04/2022", "April 26, 2022", "2022-13-01", ""] {
            let err = bad.parse::<Timestamp>().unwrap_err();
            assert!(err.to_string().contains("ISO 8601"), "{bad}");
        }
    }
}
