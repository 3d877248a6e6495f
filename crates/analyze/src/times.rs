//! Temporal expressions ("last Wednesday", "On March 22", "in early April", "three days",
//! "daily") with TimeML values resolved against the publication date.
//!
//! Rules over words, longest match first, in the spirit of HeidelTime: news dates events
//! relative to the day it is published, so a bare weekday is the most recent such day on or
//! before that day, "last Wednesday" the most recent one strictly before it, a month or a
//! day of a month without a year the nearest one that is not in the future. "Early",
//! "mid-" and "late" keep the value of what they modify (TimeML puts them in `mod`, which the
//! contract does not carry). Without an anchor, relative expressions keep a `null` value
//! rather than a guess.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use parallax_model::{Span, TimeExpr, TimeKind};
use parallax_text::{month_number, weekday_number, words};

struct Tok<'a> {
    text: &'a str,
    /// Borrowed when the word is in lower case already, as most are.
    lower: std::borrow::Cow<'a, str>,
    span: Span,
}

/// `word` in lower case, copied only when that changes it.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    let changes = word.chars().any(|c| {
        let mut l = c.to_lowercase();
        !(l.len() == 1 && l.next() == Some(c))
    });
    if changes {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Every temporal expression in `text`, in text order.
pub fn find(text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
    let toks: Vec<Tok> = words(text)
        .map(|w| {
            // "Friday's edition": the time is "Friday".
            let t = w
                .text
                .strip_suffix("'s")
                .or_else(|| w.text.strip_suffix("’s"))
                .filter(|b| !b.is_empty())
                .unwrap_or(w.text);
            Tok {
                text: t,
                lower: lowercase(t),
                span: Span::new(w.start, w.start + t.len()),
            }
        })
        .collect();
    let mut cx = Cx {
        text,
        toks: &toks,
        anchor,
        quarter: std::cell::Cell::new(None),
    };
    let mut out = Vec::new();
    let mut i = 0;
    let cx = &mut cx;
    while i < toks.len() {
        match cx.at(i) {
            Some(m) if m.end > i => {
                let mut span = Span::new(toks[i].span.start, toks[m.end - 1].span.end);
                // Abbreviations keep their dot: "Sept. 30", "10 a.m.".
                if m.keep_dot && text[span.end..].starts_with('.') {
                    span.end += 1;
                }
                // "A year earlier" names the quarter before the one being reported, which
                // stays the one that "the quarter" means.
                if let Some(v) = &m.value
                    && let Some((y, q)) = v.split_once("-Q")
                    && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
                    && cx.quarter.get() != Some((y + 1, q))
                {
                    cx.quarter.set(Some((y, q)));
                }
                out.push(TimeExpr {
                    span,
                    kind: m.kind,
                    value: m.value,
                });
                i = m.end;
            }
            _ => i += 1,
        }
    }
    out
}

struct Found {
    end: usize,
    kind: TimeKind,
    value: Option<String>,
    keep_dot: bool,
}

fn found(end: usize, kind: TimeKind, value: Option<String>) -> Option<Found> {
    Some(Found {
        end,
        kind,
        value,
        keep_dot: false,
    })
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    anchor: Option<NaiveDate>,
    /// The quarter the article last named: earnings reports compare "the quarter" with the
    /// one "a year earlier", meaning that quarter's year before.
    quarter: std::cell::Cell<Option<(i32, u32)>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Decade,
    Quarter,
}

impl Unit {
    fn parse(w: &str) -> Option<(Unit, bool)> {
        let (base, plural) = match w.strip_suffix('s') {
            Some(b) if b != "day" || w == "days" => (b, true),
            _ => (w, false),
        };
        let unit = match base {
            "year" => Unit::Year,
            "month" => Unit::Month,
            "week" => Unit::Week,
            "day" => Unit::Day,
            "hour" => Unit::Hour,
            "minute" => Unit::Minute,
            "decade" => Unit::Decade,
            "quarter" => Unit::Quarter,
            _ => return None,
        };
        Some((unit, plural))
    }

    /// ISO 8601 duration of `n` units (`None`: an unknown number).
    fn duration(self, n: Option<u32>) -> String {
        let n = n.map_or("X".to_string(), |n| n.to_string());
        match self {
            Unit::Year => format!("P{n}Y"),
            Unit::Month => format!("P{n}M"),
            Unit::Week => format!("P{n}W"),
            Unit::Day => format!("P{n}D"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Minute => format!("PT{n}M"),
            Unit::Decade => format!("P{n}DE"),
            Unit::Quarter => format!("P{n}Q"),
        }
    }
}

fn number(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(n) = WORDS.iter().position(|x| *x == w) {
        return Some(n as u32);
    }
    match w {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "hundred" => Some(100),
        // "twenty-four".
        _ => {
            let (tens, unit) = w.split_once('-')?;
            let (tens, unit) = (number(tens)?, number(unit)?);
            (tens >= 20 && tens % 10 == 0 && (1..=9).contains(&unit)).then_some(tens + unit)
        }
    }
}

fn ordinal(w: &str) -> Option<u32> {
    match w {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    }
}

fn day_value(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn weekday_of(n: u32) -> Option<Weekday> {
    // parallax_text numbers weekdays from Monday = 1.
    Weekday::try_from(u8::try_from(n.checked_sub(1)?).ok()?).ok()
}

impl Cx<'_> {
    fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_ref())
    }

    /// Whether only spaces separate token `i` from token `i + 1` (no comma or full stop).
    fn joined(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.text[a.span.end..b.span.start].trim().is_empty(),
            _ => false,
        }
    }

    fn is_year(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        if t.text.len() != 4 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Part of a larger number ("157,449", "1,990") or a measure ("1990 tons")?
        let before = &self.text[..t.span.start];
        let after = &self.text[t.span.end..];
        if before.ends_with([',', '.', '$'])
            || after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let y: i32 = t.text.parse().ok()?;
        (1800..=2100).contains(&y).then_some(y)
    }

    fn at(&self, i: usize) -> Option<Found> {
        let w = self.lower(i);
        // "the" starts many expressions; try without it only if nothing longer matches.
        if w == "the" {
            if let Some(f) = self.after_the(i + 1) {
                return Some(f);
            }
            return None;
        }
        if is_modifier(w)
            && self.joined(i)
            && let Some(f) = self.at_core(i + 1)
        {
            return Some(f);
        }
        // "nearly forty years", "up to 180 days": the hedge belongs to the duration.
        let hedge = match (w, self.lower(i + 1)) {
            ("more" | "less" | "fewer", "than") | ("at", "least" | "most") | ("up", "to") => 2,
            (
                "about" | "nearly" | "almost" | "around" | "roughly" | "approximately" | "some"
                | "over" | "under",
                _,
            ) => 1,
            _ => 0,
        };
        if hedge > 0
            && let Some(f) = self.at_core(i + hedge)
            && f.kind == TimeKind::Duration
        {
            return Some(f);
        }
        self.at_core(i)
    }

    /// A number at token `i` and how many tokens it takes: "24", "twenty-four", and
    /// "twenty four" written as two words.
    fn number_at(&self, i: usize) -> Option<(u32, usize)> {
        let n = number(self.lower(i))?;
        if (20..100).contains(&n)
            && n % 10 == 0
            && let Some(k) = number(self.lower(i + 1)).filter(|k| (1..=9).contains(k))
            && !matches!(self.lower(i + 1), "a" | "an")
        {
            return Some((n + k, 2));
        }
        Some((n, 1))
    }

    fn after_the(&self, i: usize) -> Option<Found> {
        let w = self.lower(i);
        match w {
            "future" => return found(i + 1, TimeKind::Date, Some("FUTURE_REF".into())),
            "past"
                if !self.lower(i + 1).is_empty()
                    && Unit::parse(self.lower(i + 1)).is_none()
                    && number(self.lower(i + 1)).is_none() =>
            {
                return found(i + 1, TimeKind::Date, Some("PAST_REF".into()));
            }
            "weekend" => {
                return found(
                    i + 1,
                    TimeKind::Date,
                    self.anchor.map(|a| format!("{}-WE", week_value(a))),
                );
            }
            // Earnings reports call the quarter they report "the latest period" too.
            "quarter" | "latest" if w == "quarter" || self.lower(i + 1) == "period" => {
                let value = match self.quarter.get() {
                    Some((y, q)) => Some(format!("{y}-Q{q}")),
                    None => self.shift_quarter(-1),
                };
                let end = if w == "quarter" { i + 1 } else { i + 2 };
                return found(end, TimeKind::Date, value);
            }
            "year" if Unit::parse(self.lower(i + 1)).is_none() => {
                return found(
                    i + 1,
                    TimeKind::Date,
                    self.anchor.map(|a| a.year().to_string()),
                );
            }
            "week" if Unit::parse(self.lower(i + 1)).is_none() => {
                return found(i + 1, TimeKind::Date, self.anchor.map(week_value));
            }
            _ => {}
        }
        // "the past two months", "the first nine months", "the nine months": durations.
        let (j, lead) = match w {
            "past" | "last" | "next" | "first" | "coming" | "previous" | "latest" => {
                (i + 1, Some(w))
            }
            _ => (i, None),
        };
        if let Some((n, len)) = self.number_at(j)
            && !matches!(self.lower(j), "a" | "an")
            && let Some((unit, _)) = Unit::parse(self.lower(j + len))
        {
            return found(
                j + len + 1,
                TimeKind::Duration,
                Some(unit.duration(Some(n))),
            );
        }
        // "the third quarter", "the first half".
        if let Some(q) = ordinal(self.lower(j)) {
            match self.lower(j + 1) {
                "quarter" => return found(j + 2, TimeKind::Date, self.quarter(q)),
                "half" => return found(j + 2, TimeKind::Date, self.half(q)),
                _ => {}
            }
        }
        if let Some(lead) = lead
            && let Some((unit, false)) = Unit::parse(self.lower(j))
        {
            // "the past year" is a span of a year; "the last quarter" the quarter before.
            return match (lead, unit) {
                ("past" | "last", Unit::Quarter) | ("previous" | "latest", Unit::Quarter) => {
                    found(j + 1, TimeKind::Date, self.shift_quarter(-1))
                }
                ("past" | "last" | "next" | "coming", _) => {
                    found(j + 1, TimeKind::Duration, Some(unit.duration(Some(1))))
                }
                _ => None,
            };
        }
        // Anything else after "the" ("the August 1988 deal", "the 2000 budget") is matched
        // from the next word, without the article, as TimeML marks it.
        None
    }

    /// Whether the sentence around token `i` speaks of the future ("will meet on Friday"):
    /// then an unqualified weekday is the next one, not the last (days of months and months
    /// go by [`Self::upcoming`]).
    fn future(&self, i: usize) -> bool {
        match self.tense(i) {
            Some(t) => t,
            None => self.leads_future(i),
        }
    }

    /// "On Tuesday, the group will march": a weekday that opens its sentence, dated by the
    /// verb that follows it.
    fn leads_future(&self, i: usize) -> bool {
        let start = |k: usize| k == 0 || matches!(self.lower(k - 1), "." | "?" | "!" | "\n");
        let opens = start(i) || (i > 0 && self.lower(i - 1) == "on" && start(i - 1));
        opens
            && (i + 1..(i + 14).min(self.toks.len()))
                .map(|k| self.lower(k))
                .take_while(|w| !matches!(*w, "." | "?" | "!"))
                .any(|w| {
                    matches!(w, "will" | "plans" | "plan" | "scheduled" | "intends")
                        || w.ends_with("'ll")
                        || w.ends_with("’ll")
                })
    }

    /// Whether a day or month written without its year (`day`: `None` for a whole month) is
    /// the next one rather than the last. A future verb before it says so when the next one
    /// is within the year ahead; a past verb says not; with neither, news dates what is coming
    /// up: the next one if it falls within three months ("the summit on March 12", "payable
    /// Dec. 15" in early November), else the last.
    fn upcoming(&self, i: usize, m: u32, day: Option<u32>) -> bool {
        let Some(a) = self.anchor else {
            return false;
        };
        let on = |y: i32| NaiveDate::from_ymd_opt(y, m, day.unwrap_or(1).min(28));
        let next = match (on(a.year()), on(a.year() + 1)) {
            (Some(d), _) if d > a && (day.is_some() || m != a.month()) => d,
            (_, Some(d)) => d,
            _ => return false,
        };
        let ahead = (next - a).num_days();
        match self.tense(i) {
            Some(true) => ahead <= 330,
            Some(false) => false,
            None => ahead <= 90,
        }
    }

    /// The tense of the words just before token `i`: future (`Some(true)`), past
    /// (`Some(false)`) or unmarked.
    fn tense(&self, i: usize) -> Option<bool> {
        // The verb that governs a date sits close before it ("will meet on Friday", "is
        // scheduled for March 3"); a reporting verb in between ("will go ahead, she said
        // Friday") dates the saying, which is past.
        const FUTURE: &[&str] = &[
            "will",
            "'ll",
            "shall",
            "scheduled",
            "expected",
            "due",
            "plans",
            "planned",
            "planning",
            "tomorrow",
            "by",
            "expire",
            "expires",
            "payable",
            "effective",
            "until",
            "extended",
            "deadline",
            "would",
            "set",
        ];
        const PAST: &[&str] = &[
            "said",
            "says",
            "announced",
            "reported",
            "told",
            "was",
            "were",
            "had",
            "did",
            "ago",
            "last",
        ];
        // "as soon as Tuesday", "as early as next week": the earliest it may happen.
        if i >= 3
            && self.lower(i - 1) == "as"
            && matches!(self.lower(i - 2), "soon" | "early")
            && self.lower(i - 3) == "as"
        {
            return Some(true);
        }
        let from = i.saturating_sub(6);
        for k in (from..i).rev() {
            let w = self.lower(k);
            if PAST.contains(&w) {
                return Some(false);
            }
            if FUTURE.contains(&w) || w.ends_with("'ll") || w.ends_with("’ll") {
                return Some(true);
            }
            // "is to resume trading Tuesday".
            if w == "to" && k > 0 && matches!(self.lower(k - 1), "is" | "are") {
                return Some(true);
            }
            if matches!(w, "." | "?" | "!") {
                break;
            }
        }
        // Otherwise a verb in the past right before the date: "closed on Jan. 10", "ended
        // Oct. 31" (but "will be released Friday" was read as future above).
        let past_verb = (i.saturating_sub(2)..i).any(|k| {
            let w = self.lower(k);
            w.len() > 4 && w.ends_with("ed")
        });
        past_verb.then_some(false)
    }

    fn quarter(&self, q: u32) -> Option<String> {
        self.anchor.map(|a| format!("{}-Q{q}", a.year()))
    }

    fn half(&self, h: u32) -> Option<String> {
        (h <= 2).then_some(())?;
        self.anchor.map(|a| format!("{}-H{h}", a.year()))
    }

    fn shift_quarter(&self, by: i32) -> Option<String> {
        let a = self.anchor?;
        let q = (a.month0() / 3) as i32 + by;
        let (y, q) = (a.year() + q.div_euclid(4), q.rem_euclid(4) + 1);
        Some(format!("{y}-Q{q}"))
    }

    /// Expressions that stand on their own.
    fn at_core(&self, i: usize) -> Option<Found> {
        let w = self.lower(i);
        let anchor = self.anchor;
        let date = |d: Option<NaiveDate>| d.map(day_value);
        match w {
            "today" => return found(i + 1, TimeKind::Date, date(anchor)),
            "yesterday" => {
                return found(
                    i + 1,
                    TimeKind::Date,
                    date(anchor.and_then(|a| a.pred_opt())),
                );
            }
            "tomorrow" => {
                return found(
                    i + 1,
                    TimeKind::Date,
                    date(anchor.and_then(|a| a.succ_opt())),
                );
            }
            "tonight" => {
                return found(
                    i + 1,
                    TimeKind::Time,
                    anchor.map(|a| format!("{}TNI", day_value(a))),
                );
            }
            "now" | "currently" | "current" | "nowadays" => {
                return found(i + 1, TimeKind::Date, Some("PRESENT_REF".into()));
            }
            "recently" | "recent" | "lately" => {
                if let Some((Unit::Year | Unit::Month | Unit::Week | Unit::Day, true)) =
                    Unit::parse(self.lower(i + 1))
                {
                    let (unit, _) = Unit::parse(self.lower(i + 1))?;
                    return found(i + 2, TimeKind::Duration, Some(unit.duration(None)));
                }
                return found(i + 1, TimeKind::Date, Some("PAST_REF".into()));
            }
            "daily" => return found(i + 1, TimeKind::Set, Some("P1D".into())),
            "weekly" => return found(i + 1, TimeKind::Set, Some("P1W".into())),
            "monthly" => return found(i + 1, TimeKind::Set, Some("P1M".into())),
            "annually" | "yearly" => return found(i + 1, TimeKind::Set, Some("P1Y".into())),
            "year-earlier" | "year-ago" => {
                let value = match self.quarter.get() {
                    Some((y, q)) => Some(format!("{}-Q{q}", y - 1)),
                    None => anchor.map(|a| (a.year() - 1).to_string()),
                };
                return found(i + 1, TimeKind::Date, value);
            }

            _ => {}
        }
        // "mid-November", "mid-1990".
        if let Some(rest) = w.strip_prefix("mid-") {
            if let Some(m) = month_number(rest) {
                let value = anchor.map(|a| {
                    let y = if m <= a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    };
                    format!("{y}-{m:02}")
                });
                return found(i + 1, TimeKind::Date, value);
            }
            if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                return found(i + 1, TimeKind::Date, Some(rest.to_string()));
            }
        }
        // "two-year", "16-hour", "30-year": durations written as one word.
        if let Some((n, unit)) = w.split_once('-')
            && let Some(n) = number(n)
            && let Some((unit, false)) = Unit::parse(unit)
        {
            return found(i + 1, TimeKind::Duration, Some(unit.duration(Some(n))));
        }
        // "third quarter", "first half" without an article.
        if let Some(q) = ordinal(w) {
            match self.lower(i + 1) {
                "quarter" => return found(i + 2, TimeKind::Date, self.quarter(q)),
                "half" => return found(i + 2, TimeKind::Date, self.half(q)),
                _ => {}
            }
        }
        // "third-quarter", "first-half".
        if let Some((ord, what)) = w.split_once('-')
            && let Some(q) = ordinal(ord)
        {
            match what {
                "quarter" => return found(i + 1, TimeKind::Date, self.quarter(q)),
                "half" => return found(i + 1, TimeKind::Date, self.half(q)),
                _ => {}
            }
        }
        // "every week", "each Thursday".
        if matches!(w, "every" | "each") {
            if let Some((unit, false)) = Unit::parse(self.lower(i + 1)) {
                return found(i + 2, TimeKind::Set, Some(unit.duration(Some(1))));
            }
            if let Some(d) = weekday_number(self.toks.get(i + 1)?.text) {
                return found(i + 2, TimeKind::Set, Some(format!("XXXX-WXX-{d}")));
            }
            return None;
        }
        // "last week", "this year", "next month", "last Friday", "this summer".
        if w == "this"
            && let part @ ("morning" | "afternoon" | "evening") = self.lower(i + 1)
        {
            let p = &part[..2].to_uppercase();
            let p = if part == "afternoon" {
                "AF"
            } else {
                p.as_str()
            };
            return found(
                i + 2,
                TimeKind::Time,
                anchor.map(|a| format!("{}T{p}", day_value(a))),
            );
        }
        if matches!(w, "last" | "this" | "next" | "past") {
            let step: i32 = match w {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            let nw = self.lower(i + 1);
            if let Some((unit, false)) = Unit::parse(nw) {
                if w == "past" {
                    return found(i + 2, TimeKind::Duration, Some(unit.duration(Some(1))));
                }
                return found(i + 2, TimeKind::Date, self.relative(unit, step));
            }
            if let Some(d) = self.toks.get(i + 1).and_then(|t| weekday_number(t.text)) {
                let value = anchor.and_then(|a| weekday_relative(a, d, step, true));
                return self.with_part_of_day(i + 2, value);
            }
            if let Some(s) = season(nw) {
                let year = anchor.map(|a| a.year() + step);
                return found(i + 2, TimeKind::Date, year.map(|y| format!("{y}-{s}")));
            }
            // "this September" is the anchor year's; "last May" the most recent May before
            // the anchor's month.
            if matches!(w, "this" | "last")
                && let Some(m) = self.month(i + 1)
                && self
                    .toks
                    .get(i + 2)
                    .is_none_or(|t| t.text.parse::<u32>().is_err())
            {
                let value = anchor.map(|a| {
                    let y = if w == "last" && m >= a.month() {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    format!("{y}-{m:02}")
                });
                return found(i + 2, TimeKind::Date, value);
            }
            if nw == "weekend" {
                let value = anchor
                    .and_then(|a| a.checked_add_signed(chrono::Duration::weeks(i64::from(step))))
                    .map(|a| format!("{}-WE", week_value(a)));
                return found(i + 2, TimeKind::Date, value);
            }
            return None;
        }
        // "two years ago", "a year earlier", "three days", "24 hours".
        if let Some((n, len)) = self.number_at(i)
            && let Some((unit, _)) = Unit::parse(self.lower(i + len))
        {
            let after = self.lower(i + len + 1);
            if matches!(after, "ago" | "earlier" | "before") {
                let value = match (unit, n, self.quarter.get()) {
                    (Unit::Year, 1, Some((y, q))) => Some(format!("{}-Q{q}", y - 1)),
                    _ => self.ago(unit, n),
                };
                return found(i + len + 2, TimeKind::Date, value);
            }
            if matches!(w, "a" | "an")
                && unit == Unit::Year
                && i > 0
                && self.text[..self.toks[i].span.start]
                    .trim_end()
                    .ends_with('%')
            {
                return found(i + 2, TimeKind::Set, Some("P1Y".into()));
            }
            return found(
                i + len + 1,
                TimeKind::Duration,
                Some(unit.duration(Some(n))),
            );
        }
        // "for weeks", "within days": an unknown number of units.
        if let Some((unit, true)) = Unit::parse(w)
            && matches!(
                self.lower(i.wrapping_sub(1)),
                "for" | "within" | "in" | "over" | "took" | "lasted"
            )
            && !matches!(unit, Unit::Quarter)
        {
            return found(i + 1, TimeKind::Duration, Some(unit.duration(None)));
        }
        // "several years", "a few days".
        if matches!(w, "several" | "few" | "many")
            && let Some((unit, true)) = Unit::parse(self.lower(i + 1))
        {
            return found(i + 2, TimeKind::Duration, Some(unit.duration(None)));
        }
        // Weekdays.
        // The capital first: it turns most words away before any table is read.
        if self.toks.get(i).is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
            && let Some(d) = weekday_number(self.toks[i].text)
            // "Sun" and "Wed" are also names and words: abbreviations need their dot.
            && (self.toks[i].text.len() >= 6 || self.text[self.toks[i].span.end..].starts_with('.'))
        {
            // "Monday, Oct. 26": the date written after the weekday says which one it is.
            let j = if self.lower(i + 1) == "," {
                i + 2
            } else {
                i + 1
            };
            if let Some(m) = self.month(j)
                && let Some(mut f) = self.date_from_month(j, m)
                && f.value.as_ref().is_none_or(|v| v.len() == 10)
                && f.end > j + 1
            {
                // Without a year, the weekday picks it: the year near the anchor in which
                // that day of the month falls on that weekday.
                if self.is_year(j + 2).is_none()
                    && let (Some(a), Some(day), Some(want)) = (
                        anchor,
                        self.toks[j + 1].text.parse::<u32>().ok(),
                        weekday_of(d),
                    )
                {
                    let fits = [0, -1, 1]
                        .iter()
                        .filter_map(|dy| NaiveDate::from_ymd_opt(a.year() + dy, m, day))
                        .find(|date| date.weekday() == want);
                    if let Some(date) = fits {
                        f.value = Some(day_value(date));
                    }
                }
                return Some(f);
            }
            let step = if self.future(i) { 1 } else { 0 };
            let value = anchor.and_then(|a| {
                if step > 0 {
                    // The next such day, or today if it is today.
                    let today = weekday_of(d).is_some_and(|w| w == a.weekday());
                    if today {
                        Some(day_value(a))
                    } else {
                        weekday_relative(a, d, 1, false)
                    }
                } else {
                    weekday_relative(a, d, 0, false)
                }
            });
            return self.with_part_of_day(i + 1, value);
        }
        // Months, with a day and a year or not.
        if let Some(m) = self.month(i) {
            return self.date_from_month(i, m);
        }
        // "22 March 2022".
        if let Ok(day) = w.parse::<u32>()
            && (1..=31).contains(&day)
            && let Some(m) = self.month(i + 1)
        {
            let year = self.is_year(i + 2);
            let end = if year.is_some() { i + 3 } else { i + 2 };
            let value = self.day_in_month(m, day, year, self.upcoming(i, m, Some(day)));
            return Some(Found {
                end,
                kind: TimeKind::Date,
                value,
                keep_dot: false,
            });
        }
        // Clock times: "10:35 a.m.", "8 p.m.", "noon".
        if let Some(f) = self.clock(i) {
            return Some(f);
        }
        // Years and decades: "1995", "the 1990s".
        if let Some(y) = self.is_year(i) {
            return found(i + 1, TimeKind::Date, Some(y.to_string()));
        }
        if w.len() == 5 && w.ends_with("0s") && w[..4].bytes().all(|b| b.is_ascii_digit()) {
            return found(i + 1, TimeKind::Date, Some(w[..3].to_string()));
        }
        // ISO dates as written: "2022-04-26".
        if w.len() == 10
            && let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d")
        {
            return found(i + 1, TimeKind::Date, Some(day_value(d)));
        }
        None
    }

    fn month(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if !t.text.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let m = month_number(t.text)?;
        // "Jan" alone may be a name: an abbreviated month needs its dot or a day after it.
        let abbreviated = t.text.len() <= 4 && !matches!(t.lower.as_ref(), "may" | "june" | "july");
        if abbreviated
            && !self.text[t.span.end..].starts_with('.')
            && !self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        // "May" and "March" are also words: a capitalised one at a sentence's start with no
        // day or year after it is taken for the verb or the noun.
        if matches!(t.lower.as_ref(), "may" | "march")
            && !self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit()))
            && !matches!(
                self.lower(i.wrapping_sub(1)),
                "in" | "of"
                    | "since"
                    | "until"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "by"
                    | "from"
                    | "through"
                    | "during"
                    | "between"
                    | "and"
            )
        {
            return None;
        }
        Some(m)
    }

    fn date_from_month(&self, i: usize, m: u32) -> Option<Found> {
        // "Dec." keeps its dot; "December." ends a sentence.
        let abbreviated =
            self.toks[i].text.len() <= 4 && self.text[self.toks[i].span.end..].starts_with('.');
        let mut j = i + 1;
        if let Some(day) = self
            .toks
            .get(j)
            .and_then(|t| t.text.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
        {
            j += 1;
            let year = self.is_year(j);
            if year.is_some() {
                j += 1;
            }
            let value = self.day_in_month(m, day, year, self.upcoming(i, m, Some(day)));
            return found(j, TimeKind::Date, value);
        }
        if let Some(y) = self.is_year(j) {
            return found(j + 1, TimeKind::Date, Some(format!("{y}-{m:02}")));
        }
        let future = self.upcoming(i, m, None);
        let value = self.anchor.map(|a| {
            let y = match (future, m <= a.month()) {
                (false, true) => a.year(),
                (false, false) => a.year() - 1,
                (true, false) => a.year(),
                (true, true) if m == a.month() => a.year(),
                (true, true) => a.year() + 1,
            };
            format!("{y}-{m:02}")
        });
        Some(Found {
            end: j,
            kind: TimeKind::Date,
            value,
            keep_dot: abbreviated,
        })
    }

    /// A day of a month: with its year, or the nearest one that keeps it in the past.
    fn day_in_month(&self, m: u32, day: u32, year: Option<i32>, future: bool) -> Option<String> {
        let year = match year {
            Some(y) => y,
            None => {
                let a = self.anchor?;
                let this = NaiveDate::from_ymd_opt(a.year(), m, day)?;
                match (future, this <= a) {
                    (false, true) | (true, false) => a.year(),
                    (false, false) => a.year() - 1,
                    (true, true) if this == a => a.year(),
                    (true, true) => a.year() + 1,
                }
            }
        };
        NaiveDate::from_ymd_opt(year, m, day).map(day_value)
    }

    fn with_part_of_day(&self, j: usize, day: Option<String>) -> Option<Found> {
        let part = match self.lower(j) {
            "morning" => Some("MO"),
            "afternoon" => Some("AF"),
            "evening" => Some("EV"),
            "night" => Some("NI"),
            _ => None,
        };
        match part {
            Some(p) => found(j + 1, TimeKind::Time, day.map(|d| format!("{d}T{p}"))),
            None => found(j, TimeKind::Date, day),
        }
    }

    fn relative(&self, unit: Unit, step: i32) -> Option<String> {
        let a = self.anchor?;
        Some(match unit {
            Unit::Year => (a.year() + step).to_string(),
            Unit::Month => {
                let d = shift_months(a, step)?;
                format!("{}-{:02}", d.year(), d.month())
            }
            Unit::Week => {
                week_value(a.checked_add_signed(chrono::Duration::weeks(i64::from(step)))?)
            }
            Unit::Day => day_value(a.checked_add_signed(chrono::Duration::days(i64::from(step)))?),
            Unit::Quarter => self.shift_quarter(step)?,
            Unit::Decade => format!("{}", (a.year() / 10 + step)),
            Unit::Hour | Unit::Minute => return None,
        })
    }

    fn ago(&self, unit: Unit, n: u32) -> Option<String> {
        let a = self.anchor?;
        let n_i = i32::try_from(n).ok()?;
        Some(match unit {
            Unit::Year => (a.year() - n_i).to_string(),
            Unit::Month => {
                let d = shift_months(a, -n_i)?;
                format!("{}-{:02}", d.year(), d.month())
            }
            Unit::Week => week_value(a.checked_sub_days(Days::new(7 * u64::from(n)))?),
            Unit::Day => day_value(a.checked_sub_days(Days::new(u64::from(n)))?),
            Unit::Decade => format!("{}", (a.year() - 10 * n_i) / 10),
            Unit::Quarter => self.shift_quarter(-n_i)?,
            Unit::Hour | Unit::Minute => day_value(a),
        })
    }

    fn clock(&self, i: usize) -> Option<Found> {
        let w = self.lower(i);
        let day = self.anchor.map(day_value);
        let at = |h: u32, m: u32| day.as_ref().map(|d| format!("{d}T{h:02}:{m:02}"));
        if w == "noon" || w == "midnight" {
            let h = if w == "noon" { 12 } else { 0 };
            return Some(self.on_day_after(i + 1, h, 0, false).unwrap_or(Found {
                end: i + 1,
                kind: TimeKind::Time,
                value: at(h, 0),
                keep_dot: false,
            }));
        }
        let (h, m, next) = if let Ok(h) = w.parse::<u32>() {
            // "10:35": words splits at the colon.
            let t = &self.toks[i];
            let rest = &self.text[t.span.end..];
            if rest.starts_with(':')
                && let Some(mm) = self
                    .toks
                    .get(i + 1)
                    .filter(|n| n.span.start == t.span.end + 1)
                && let Ok(m) = mm.text.parse::<u32>()
            {
                (h, m, i + 2)
            } else {
                (h, 0, i + 1)
            }
        } else {
            return None;
        };
        let meridiem = match (self.lower(next), self.lower(next + 1)) {
            ("a.m", _) | ("am", _) => Some(false),
            ("p.m", _) | ("pm", _) => Some(true),
            ("a", "m") => Some(false),
            ("p", "m") => Some(true),
            _ => None,
        };
        let Some(pm) = meridiem else {
            return (next == i + 2 && h <= 23 && m <= 59).then(|| Found {
                end: next,
                kind: TimeKind::Time,
                value: at(h, m),
                keep_dot: false,
            });
        };
        if h == 0 || h > 12 || m > 59 {
            return None;
        }
        let h24 = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        let end = if matches!(self.lower(next), "a" | "p") {
            next + 2
        } else {
            next + 1
        };
        Some(self.on_day_after(end, h24, m, true).unwrap_or(Found {
            end,
            kind: TimeKind::Time,
            value: at(h24, m),
            keep_dot: true,
        }))
    }

    /// A clock time followed by its day, "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST
    /// Nov. 9": the time on that day rather than on the anchor's. `j` is the token after the
    /// time; `dotted`: the time ends in an abbreviation whose full stop the text may carry.
    fn on_day_after(&self, j: usize, h: u32, m: u32, dotted: bool) -> Option<Found> {
        let mut j = j;
        // The full stop of "p.m." is its own token when followed by a word.
        if dotted && self.toks.get(j).is_some_and(|t| t.text == ".") {
            j += 1;
        }
        const ZONES: &[&str] = &[
            "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
            "cest",
        ];
        if ZONES.contains(&self.lower(j)) {
            j += 1;
        }
        let day = self.at_core(j)?;
        let date = day.value.as_deref().filter(|v| v.len() == 10)?;
        (day.kind == TimeKind::Date).then(|| Found {
            end: day.end,
            kind: TimeKind::Time,
            value: Some(format!("{date}T{h:02}:{m:02}")),
            keep_dot: day.keep_dot,
        })
    }
}

/// "Early", "mid" and "late": TimeML's START, MID and END modifiers, which keep the value.
fn is_modifier(w: &str) -> bool {
    matches!(w, "early" | "late" | "mid")
}

fn season(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

fn shift_months(d: NaiveDate, by: i32) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    if by >= 0 {
        first.checked_add_months(Months::new(by.unsigned_abs()))
    } else {
        first.checked_sub_months(Months::new(by.unsigned_abs()))
    }
}

/// The weekday `d` (Monday = 1) relative to `anchor`: the most recent one on or before it
/// (or strictly before, for "last"), or the next one after it.
fn weekday_relative(anchor: NaiveDate, d: u32, step: i32, explicit: bool) -> Option<String> {
    let target = weekday_of(d)?;
    let today = anchor.weekday();
    let back = (today.num_days_from_monday() + 7 - target.num_days_from_monday()) % 7;
    let date = match step {
        s if s < 0 => {
            anchor.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))?
        }
        s if s > 0 => {
            let fwd = (target.num_days_from_monday() + 7 - today.num_days_from_monday()) % 7;
            anchor.checked_add_days(Days::new(u64::from(if fwd == 0 { 7 } else { fwd })))?
        }
        _ if explicit => {
            // "this Friday": the one in the anchor's week.
            let monday =
                anchor.checked_sub_days(Days::new(u64::from(today.num_days_from_monday())))?;
            monday.checked_add_days(Days::new(u64::from(target.num_days_from_monday())))?
        }
        _ => anchor.checked_sub_days(Days::new(u64::from(back)))?,
    };
    Some(day_value(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, anchor: &str) -> Vec<(String, &'static str, Option<String>)> {
        let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        find(text, a)
            .into_iter()
            .map(|t| (t.span.slice(text).to_string(), t.kind.as_str(), t.value))
            .collect()
    }

    fn one(text: &str, anchor: &str) -> (String, Option<String>) {
        let v = values(text, anchor);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        (v[0].0.clone(), v[0].2.clone())
    }

    #[test]
    fn weekdays_count_back_from_the_anchor() {
        // 2025-06-12 is a Thursday.
        assert_eq!(
            one("She spoke on Tuesday.", "2025-06-12").1.as_deref(),
            Some("2025-06-10")
        );
        assert_eq!(
            one("She spoke on Thursday.", "2025-06-12").1.as_deref(),
            Some("2025-06-12")
        );
        assert_eq!(
            one("Last Wednesday, he left.", "2025-06-12").1.as_deref(),
            Some("2025-06-11")
        );
        assert_eq!(
            one("He left last Thursday.", "2025-06-12").1.as_deref(),
            Some("2025-06-05")
        );
        assert_eq!(
            one("They meet next Monday.", "2025-06-12").1.as_deref(),
            Some("2025-06-16")
        );
        let (text, v) = one("It began Friday night.", "2025-06-12");
        assert_eq!(
            (text.as_str(), v.as_deref()),
            ("Friday night", Some("2025-06-06TNI"))
        );
    }

    #[test]
    fn a_date_soon_after_the_anchor_is_upcoming_unless_a_verb_says_past() {
        let v = |text: &str| one(text, "1999-12-20").1;
        // Nothing marks the tense and the next one is weeks away: it is coming up.
        assert_eq!(
            v("The talks resume on Jan. 10.").as_deref(),
            Some("2000-01-10")
        );
        assert_eq!(
            v("Shares of record Feb. 3 get the dividend.").as_deref(),
            Some("2000-02-03")
        );
        assert_eq!(
            v("The council meets in January.").as_deref(),
            Some("2000-01")
        );
        // A verb in the past, or a reporting verb, keeps it in the past.
        assert_eq!(
            v("The plant closed on Jan. 10.").as_deref(),
            Some("1999-01-10")
        );
        assert_eq!(
            v("The fiscal year ended Jan. 31.").as_deref(),
            Some("1999-01-31")
        );
        assert_eq!(v("Talks were held in January.").as_deref(), Some("1999-01"));
        // Months away with no marker: the last one, as before.
        assert_eq!(
            v("On May 4 the council met.").as_deref(),
            Some("1999-05-04")
        );
        // A future marker looks a year ahead at most: an accord "by" a date already
        // behind is that date.
        assert_eq!(
            v("The port will reopen in October.").as_deref(),
            Some("2000-10")
        );
        assert_eq!(
            one("as laid down by the Feb. 23 accord", "1998-03-06")
                .1
                .as_deref(),
            Some("1998-02-23")
        );
    }

    #[test]
    fn months_and_days_take_the_nearest_past_year() {
        assert_eq!(
            one("On March 22 the talks began.", "2022-04-26")
                .1
                .as_deref(),
            Some("2022-03-22")
        );
        assert_eq!(
            one("On Dec. 22 the talks began.", "2022-04-26"),
            ("Dec. 22".to_string(), Some("2021-12-22".into()))
        );
        assert_eq!(
            one("in early April", "2022-04-26"),
            ("early April".to_string(), Some("2022-04".into()))
        );
        assert_eq!(
            one("since late February", "2022-04-26").1.as_deref(),
            Some("2022-02")
        );
        assert_eq!(
            one("on 22 March 2019", "2022-04-26").1.as_deref(),
            Some("2019-03-22")
        );
        assert_eq!(
            one("in January 1990", "2022-04-26").1.as_deref(),
            Some("1990-01")
        );
        assert_eq!(one("since 2014", "2022-04-26").1.as_deref(), Some("2014"));
    }

    #[test]
    fn a_clock_time_takes_the_day_written_after_it() {
        // 2024-11-08 is a Friday.
        let a = "2024-11-08";
        assert_eq!(
            one("Polls closed at 10 p.m. Wednesday in Norland.", a),
            (
                "10 p.m. Wednesday".to_string(),
                Some("2024-11-06T22:00".into())
            )
        );
        assert_eq!(
            one("The strike began at noon Thursday.", a).1.as_deref(),
            Some("2024-11-07T12:00")
        );
        assert_eq!(
            one("Trading halted at 5 p.m. EST Nov. 4.", a),
            (
                "5 p.m. EST Nov. 4".to_string(),
                Some("2024-11-04T17:00".into())
            )
        );
        // No day after it: the anchor's.
        assert_eq!(
            one("Polls closed at 10 p.m. in Norland.", a).1.as_deref(),
            Some("2024-11-08T22:00")
        );
    }

    #[test]
    fn numbers_of_two_words_make_one_duration() {
        let a = "2024-06-20";
        assert_eq!(
            one("The talks lasted forty-eight hours.", a),
            ("forty-eight hours".to_string(), Some("PT48H".into()))
        );
        assert_eq!(
            one("Over the past twenty four hours the river rose.", a),
            (
                "the past twenty four hours".to_string(),
                Some("PT24H".into())
            )
        );
        assert_eq!(
            one("The dam was built sixty five years ago.", a)
                .1
                .as_deref(),
            Some("1959")
        );
    }

    #[test]
    fn this_and_last_before_a_month() {
        let a = "2024-06-20";
        assert_eq!(
            one("Elections are held this September.", a),
            ("this September".to_string(), Some("2024-09".into()))
        );
        assert_eq!(
            one("The pact was signed last May.", a).1.as_deref(),
            Some("2024-05")
        );
        assert_eq!(
            one("The pact was signed last June.", a).1.as_deref(),
            Some("2023-06")
        );
        assert_eq!(
            one("The pact was signed last July.", a).1.as_deref(),
            Some("2023-07")
        );
    }

    #[test]
    fn deadlines_and_expiries_look_forward() {
        let a = "2024-11-02";
        assert_eq!(
            one("The ferry contract expires Nov. 21.", a).1.as_deref(),
            Some("2024-11-21")
        );
        assert_eq!(
            one("Bids must reach the council by Jan. 14.", a)
                .1
                .as_deref(),
            Some("2025-01-14")
        );
        assert_eq!(
            one("The new fares take effect in March.", a).1.as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            one("The new fares would take effect in March.", a)
                .1
                .as_deref(),
            Some("2025-03")
        );
    }

    #[test]
    fn an_earnings_report_compares_one_quarter_with_the_year_before_throughout() {
        let text = "Norland Rail earned $4 million in the third quarter, up from $3 million a \
                    year earlier. Revenue in the quarter rose 8% from a year earlier. Costs \
                    in the latest period fell.";
        let v: Vec<Option<String>> = values(text, "1998-11-02")
            .into_iter()
            .map(|(_, _, v)| v)
            .collect();
        let want = ["1998-Q3", "1997-Q3", "1998-Q3", "1997-Q3", "1998-Q3"];
        assert_eq!(v, want.map(|w| Some(w.to_string())));
    }

    #[test]
    fn relative_periods_durations_and_sets() {
        let a = "1998-03-04";
        assert_eq!(one("last year", a).1.as_deref(), Some("1997"));
        assert_eq!(one("last month", a).1.as_deref(), Some("1998-02"));
        assert_eq!(one("this week", a).1.as_deref(), Some("1998-W10"));
        assert_eq!(one("a year ago", a).1.as_deref(), Some("1997"));
        assert_eq!(one("three days ago", a).1.as_deref(), Some("1998-03-01"));
        assert_eq!(one("the third quarter", a).1.as_deref(), Some("1998-Q3"));
        assert_eq!(
            one("for three days", a),
            ("three days".to_string(), Some("P3D".into()))
        );
        assert_eq!(one("over the past two months", a).1.as_deref(), Some("P2M"));
        assert_eq!(values("prices rise daily", a)[0].1, "set");
        assert_eq!(
            one("at 10:35 a.m. sharp", a),
            ("10:35 a.m.".to_string(), Some("1998-03-04T10:35".into()))
        );
        assert_eq!(one("yesterday", a).1.as_deref(), Some("1998-03-03"));
        assert_eq!(one("now", a).1.as_deref(), Some("PRESENT_REF"));
        assert_eq!(
            one("the nineties began in the 1990s", a).1.as_deref(),
            Some("199")
        );
    }

    #[test]
    fn the_future_tense_looks_forward() {
        // 2025-06-12 is a Thursday.
        assert_eq!(
            one("The council will meet on Tuesday.", "2025-06-12")
                .1
                .as_deref(),
            Some("2025-06-17")
        );
        assert_eq!(
            one("The vote is scheduled for March 3.", "2025-06-12")
                .1
                .as_deref(),
            Some("2026-03-03")
        );
        assert_eq!(
            one("The council met on Tuesday.", "2025-06-12")
                .1
                .as_deref(),
            Some("2025-06-10")
        );
    }

    #[test]
    fn a_weekday_before_a_date_is_one_expression_whose_weekday_picks_the_year() {
        // 2025-06-12 is a Thursday; 2025-06-13 a Friday, 2024-06-13 a Thursday.
        let (span, value) = one(
            "The board said in a statement on Friday, June 13, that fares would stay.",
            "2025-06-12",
        );
        assert_eq!(span, "Friday, June 13");
        assert_eq!(value.as_deref(), Some("2025-06-13"));
        let (span, value) = one("Monday June 9 was quiet in the port.", "2025-06-12");
        assert_eq!(span, "Monday June 9");
        assert_eq!(value.as_deref(), Some("2025-06-09"));
    }

    #[test]
    fn plans_and_earliest_dates_look_forward() {
        // 2025-06-12 is a Thursday.
        let day = |text: &str| one(text, "2025-06-12").1;
        assert_eq!(
            day("The ferry could sail as soon as Tuesday.").as_deref(),
            Some("2025-06-17")
        );
        assert_eq!(
            day("The port is to reopen on Tuesday.").as_deref(),
            Some("2025-06-17")
        );
        assert_eq!(
            day("Dockers were planning a march on Saturday.").as_deref(),
            Some("2025-06-14")
        );
        assert_eq!(
            day("On Saturday, the union plans to march through the port.").as_deref(),
            Some("2025-06-14")
        );
        assert_eq!(
            day("On Saturday, the union marched through the port.").as_deref(),
            Some("2025-06-07")
        );
    }

    #[test]
    fn no_anchor_means_no_guess() {
        assert_eq!(one("She spoke on Tuesday.", "").1, None);
        assert_eq!(one("in 1995", "").1.as_deref(), Some("1995"));
    }

    #[test]
    fn look_alikes_are_not_times() {
        let a = "2022-04-26";
        assert!(values("About 157,449 people and 2,014 cars", a).is_empty());
        assert!(
            values("May I ask? March on, he said.", a).is_empty(),
            "{:?}",
            values("May I ask? March on, he said.", a)
        );
        assert!(
            values("The ministry may close 1990 tons.", a)
                .iter()
                .all(|v| v.0 != "may")
        );
        // The month, and the coming one: nothing marks the tense and May is days away.
        assert_eq!(one("talks resume in May", a).1.as_deref(), Some("2022-05"));
    }
}
