//! Where and when a statement was made, from the words around its attribution: the
//! outlets and channels it is reported through (`via`: "according to TASS", "told Radio
//! North", "in her Telegram channel", "citing reports") and the day it was said ("on
//! Tuesday", "last Wednesday", "on March 22"), resolved against the publication date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use parallax_model::Span;
use parallax_text::{month_number, weekday_number};
use regex::Regex;

/// A capitalised name of one to six words, with small linking words inside ("Meet the
/// Press", "Voice of America").
const NAME: &str =
    r"(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:(?:of|the|and|de|du|&)\s+)?[A-Z][\w.&'’-]*){0,5}";

/// Where in [`VIA`] the pattern of "told X" is: its X may be the person spoken to rather
/// than an outlet.
const TOLD: usize = 2;

#[allow(clippy::expect_used)] // constant patterns; covered by tests
static VIA: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<v>(?:[a-z]+\s+){{0,3}}?{NAME})"),
        format!(r"\b[Aa]s\s+(?P<v>{NAME})\s+(?:reports|reported|writes|wrote|notes|noted|put\s+it|says|said)\b"),
        format!(r"\b(?:told|telling|tells)\s+(?P<v>{NAME})"),
        format!(r"\b(?:in\s+an?\s+interview\s+with|speaking\s+to|in\s+a\s+statement\s+to|quoted\s+by|cited\s+by|in\s+comments\s+to)\s+(?P<v>{NAME})"),
        r"\b(?:in|on)\s+(?:his|her|their|its|the|a|an)?\s*(?:official\s+)?(?P<v>(?:Telegram|Twitter|Facebook|Instagram|YouTube|VK|TikTok|Truth\s+Social|Weibo|WeChat)(?:\s+(?:channel|account|page|post|feed))?)".to_string(),
        r"\b[Cc]iting\s+(?P<v>(?:(?:intelligence|media|news|press|unnamed|anonymous|local|military|government|official|diplomatic|western|unconfirmed)\s+)?(?:reports|sources|officials))\b".to_string(),
        format!(r"\b[Cc]iting\s+(?P<v>{NAME})"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("via pattern compiles"))
    .collect()
});

#[allow(clippy::expect_used)] // constant patterns; covered by tests
static CITED_CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:(?:(?:intelligence|media|news|press|unnamed|anonymous|local|military|government|official|diplomatic|western|unconfirmed)\s+)?(?:reports|sources|officials)\b|{NAME})"
    ))
    .expect("cited-channel pattern compiles")
});

/// Whether the words after "citing" name a channel the statement came through ("citing
/// reports", "citing TASS") rather than a reason the speaker gave ("citing a threat to
/// public health"), which is what the speaker said.
pub fn cites_channel(after: &str) -> bool {
    CITED_CHANNEL
        .find(after)
        .is_some_and(|m| is_outlet_like(m.as_str().trim()))
}

/// Words that a `told X` or `according to X` names but which are people or roles, not
/// outlets: capitalised only because they start a clause, or pronoun-like; and relative
/// clauses ("a report, according to which Ines Varga resigned"), whose name is the
/// clause's subject, not a channel.
fn is_outlet_like(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    !matches!(
        first,
        "He" | "She"
            | "They"
            | "It"
            | "We"
            | "I"
            | "Reporters"
            | "Journalists"
            | "which"
            | "whom"
            | "whose"
            | "what"
    )
}

/// A channel's name as matched, without what the capitalised run took in after it: the day
/// ("told CNN Tuesday that"), a possessive ("according to ABC's report" came through ABC)
/// and closing punctuation.
fn channel_name(matched: &str) -> &str {
    let mut v = matched.trim_end_matches(['.', ',']);
    loop {
        let trimmed = v
            .strip_suffix("'s")
            .or_else(|| v.strip_suffix("’s"))
            .or_else(|| v.strip_suffix(['\'', '’']))
            .unwrap_or(v);
        let day = trimmed
            .rsplit_once(char::is_whitespace)
            // Whole day names only: "The Sun" is a newspaper.
            .filter(|(_, last)| last.len() >= 6 && weekday_number(last).is_some())
            .map_or(trimmed, |(head, _)| head.trim_end());
        if day == v {
            return v;
        }
        v = day;
    }
}

/// The outlets and channels in `sentence` that the statement came through, in text order,
/// leaving out the speaker's own mention and anything inside the content.
pub fn via(text: &str, sentence: Span, speaker: Option<Span>, content: &[Span]) -> Vec<String> {
    via_except(text, sentence, speaker, content, |_| false)
}

/// [`via`], where a name after "told" goes when `is_person(at)` says that a person is
/// named at `at` (where the name starts): "told Ines Varga that" names whom the speaker
/// told, not a channel the statement came through, while "told Radio North" does.
pub fn via_except(
    text: &str,
    sentence: Span,
    speaker: Option<Span>,
    content: &[Span],
    is_person: impl Fn(Span) -> bool,
) -> Vec<String> {
    let s = sentence.slice(text);
    let mut found: Vec<(usize, String)> = Vec::new();
    for (k, re) in VIA.iter().enumerate() {
        for caps in re.captures_iter(s) {
            let Some(m) = caps.name("v") else { continue };
            let at = Span::new(sentence.start + m.start(), sentence.start + m.end());
            if speaker.is_some_and(|sp| sp.overlaps(at)) || content.iter().any(|c| c.contains(at)) {
                continue;
            }
            let mut name = m.as_str();
            if k == TOLD && is_person(at) {
                // "told Megyn Kelly of Fox News": the person's outlet is the channel.
                let Some(at_outlet) = name.find(" of ").map(|i| i + " of ".len()) else {
                    continue;
                };
                name = &name[at_outlet..];
                if is_person(Span::new(at.start + at_outlet, at.end)) {
                    continue;
                }
            }
            let v = channel_name(name).to_string();
            if !v.is_empty() && is_outlet_like(&v) && !found.iter().any(|(_, f)| *f == v) {
                found.push((at.start, v));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, v)| v).collect()
}

#[allow(clippy::expect_used)] // a constant pattern; covered by tests
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:(?P<rel>last|this|past)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
        | \b(?P<m1>jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{4}))?
        | \b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:,?\s+(?P<y2>\d{4}))?
        | \b(?P<yest>yesterday)\b
        | \b(?P<today>today|tonight|this\s+morning|this\s+afternoon|this\s+evening)\b",
    )
    .expect("time pattern compiles")
});

/// When the statement in `sentence` was made, as an ISO date: the time expression nearest
/// its cue that is not part of what was said, resolved against `published`.
pub fn said_on(
    text: &str,
    sentence: Span,
    cue: Option<Span>,
    content: &[Span],
    published: Option<NaiveDate>,
) -> Option<String> {
    let published = published?;
    let s = sentence.slice(text);
    let anchor = cue.map_or(sentence.start, |c| c.start);
    let mut best: Option<(usize, NaiveDate)> = None;
    for caps in WHEN.captures_iter(s) {
        let Some(m) = caps.get(0) else { continue };
        let at = Span::new(sentence.start + m.start(), sentence.start + m.end());
        if content.iter().any(|c| c.overlaps(at)) {
            continue;
        }
        let Some(date) = resolve(&caps, published) else {
            continue;
        };
        let distance = if at.end <= anchor {
            anchor - at.end
        } else {
            at.start.saturating_sub(anchor)
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, date));
        }
    }
    best.map(|(_, d)| d.format("%Y-%m-%d").to_string())
}

fn resolve(caps: &regex::Captures<'_>, published: NaiveDate) -> Option<NaiveDate> {
    if let Some(wd) = caps.name("wd") {
        let target = weekday_number(wd.as_str())?;
        let relation = caps.name("rel").map(|r| r.as_str().to_lowercase());
        let today = published.weekday().number_from_monday();
        // Statements are reported after they are made: a bare weekday is the latest such
        // day up to the publication date; "last" excludes the publication day itself.
        let mut back = (7 + today - target) % 7;
        if back == 0 && relation.as_deref() == Some("last") {
            back = 7;
        }
        if relation.as_deref() == Some("this") && back != 0 {
            return None;
        }
        return published.checked_sub_signed(Duration::days(i64::from(back)));
    }
    let (m, d, y) = if let Some(m) = caps.name("m1") {
        (m, caps.name("d1")?, caps.name("y1"))
    } else if let Some(m) = caps.name("m2") {
        (m, caps.name("d2")?, caps.name("y2"))
    } else if caps.name("yest").is_some() {
        return published.pred_opt();
    } else {
        return Some(published);
    };
    let month = month_number(m.as_str())?;
    let day: u32 = d.as_str().parse().ok()?;
    match y {
        Some(y) => NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month, day),
        None => {
            let this_year = NaiveDate::from_ymd_opt(published.year(), month, day)?;
            // A date later than publication with no year is last year's.
            if this_year > published + Duration::days(7) {
                NaiveDate::from_ymd_opt(published.year() - 1, month, day)
            } else {
                Some(this_year)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_cited_is_a_channel_or_a_reason() {
        for channel in [
            " reports from the front",
            " TASS, that",
            " unnamed officials",
            " The Harbour Gazette",
        ] {
            assert!(cites_channel(channel), "{channel}");
        }
        for reason in [
            " a threat to public safety",
            " her work on the bill",
            " rising costs",
        ] {
            assert!(!cites_channel(reason), "{reason}");
        }
    }

    fn whole(text: &str) -> Span {
        Span::new(0, text.len())
    }

    #[test]
    fn outlets_and_channels() {
        let t = "The envoy insisted, according to Radio North, that talks would go on.";
        assert_eq!(via(t, whole(t), None, &[]), ["Radio North"]);
        let t = "He backed the plan, according to the state news agency NTA.";
        assert_eq!(via(t, whole(t), None, &[]), ["state news agency NTA"]);
        let t = "As The Valley Courier reports, the mayor resigned.";
        assert_eq!(via(t, whole(t), None, &[]), ["The Valley Courier"]);
        let t = "She wrote in her Telegram channel, citing reports, that no call was made.";
        assert_eq!(via(t, whole(t), None, &[]), ["Telegram channel", "reports"]);
        let t = "He told Radio North Tuesday that he would run.";
        assert_eq!(via(t, whole(t), None, &[]), ["Radio North"]);
        let t = "The plan stalled, according to NTA's report.";
        assert_eq!(via(t, whole(t), None, &[]), ["NTA"]);
        let t = "He told The Sun that he would run.";
        assert_eq!(via(t, whole(t), None, &[]), ["The Sun"]);
        let t = "He told Meet the Press on Sunday that he would run.";
        assert_eq!(via(t, whole(t), None, &[]), ["Meet the Press"]);
        let t = "He told reporters the vote was fair.";
        assert!(via(t, whole(t), None, &[]).is_empty());
    }

    #[test]
    fn a_relative_clause_is_not_a_channel() {
        let t = "The ministry issued a note, according to which Ines Varga had resigned.";
        assert!(via(t, whole(t), None, &[]).is_empty());
        let t = "The envoy, according to whom Estmark had agreed, left early.";
        assert!(via(t, whole(t), None, &[]).is_empty());
        // A descriptor before the name still belongs to the channel.
        let t = "The note was genuine, according to the state broadcaster NTV.";
        assert_eq!(via(t, whole(t), None, &[]), ["state broadcaster NTV"]);
    }

    #[test]
    fn a_person_told_is_not_a_channel_but_their_outlet_is() {
        let people = |t: &'static str| {
            move |at: Span| {
                ["Ines Varga", "Piet Salo"]
                    .iter()
                    .any(|p| t[at.start..].starts_with(p))
            }
        };
        let t = "The envoy told Ines Varga that talks would go on.";
        assert!(via_except(t, whole(t), None, &[], people(t)).is_empty());
        // Without knowing who is a person, the name stays.
        assert_eq!(via(t, whole(t), None, &[]), ["Ines Varga"]);
        let t = "The envoy told Piet Salo of Radio North that talks would go on.";
        assert_eq!(
            via_except(t, whole(t), None, &[], people(t)),
            ["Radio North"]
        );
        let t = "The envoy told Radio North that talks would go on.";
        assert_eq!(
            via_except(t, whole(t), None, &[], people(t)),
            ["Radio North"]
        );
        // Only "told" names whom the speaker spoke to.
        let t = "The envoy insisted, according to Ines Varga, that talks would go on.";
        assert_eq!(
            via_except(t, whole(t), None, &[], people(t)),
            ["Ines Varga"]
        );
    }

    #[test]
    fn the_speaker_is_not_a_channel() {
        let t = "According to the ministry, the convoy arrived.";
        let speaker = Span::new(t.find("the ministry").unwrap(), t.find(',').unwrap());
        assert!(via(t, whole(t), Some(speaker), &[]).is_empty());
    }

    #[test]
    fn days_resolve_against_publication() {
        // 2025-06-12 is a Thursday.
        let published = NaiveDate::from_ymd_opt(2025, 6, 12);
        let at = |t: &str| {
            said_on(
                t,
                whole(t),
                t.find("said").map(|i| Span::new(i, i + 4)),
                &[],
                published,
            )
        };
        assert_eq!(
            at("On Tuesday the chair said no.").as_deref(),
            Some("2025-06-10")
        );
        assert_eq!(
            at("Last Thursday the chair said no.").as_deref(),
            Some("2025-06-05")
        );
        assert_eq!(
            at("On March 22, the chair said no.").as_deref(),
            Some("2025-03-22")
        );
        assert_eq!(
            at("On 30 December the chair said no.").as_deref(),
            Some("2024-12-30")
        );
        assert_eq!(
            at("The chair said yesterday no.").as_deref(),
            Some("2025-06-11")
        );
        assert_eq!(at("The chair said no.").as_deref(), None);
        assert_eq!(
            said_on(
                "On Tuesday he said no.",
                whole("On Tuesday he said no."),
                None,
                &[],
                None
            ),
            None
        );
    }

    #[test]
    fn times_inside_the_content_are_not_when_it_was_said() {
        let t = "The strike will start on Friday, union leaders said.";
        let content = [Span::new(0, t.find(',').unwrap())];
        let published = NaiveDate::from_ymd_opt(2025, 6, 12);
        assert_eq!(said_on(t, whole(t), None, &content, published), None);
    }
}
