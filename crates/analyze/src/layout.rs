//! Attributions made by the page's layout rather than by a verb, which a tagger trained on
//! running prose sees too rarely to learn:
//!
//! - transcripts, where a speaker label opens each turn (`MORALES: We never agreed…`), and
//!   where, in the style that opens every paragraph of a long quotation with a quotation
//!   mark, the paragraphs after a turn continue it;
//! - quotes credited after a dash (`“The fares stay.” ― Ines Varga`), as in collected
//!   reader comments, epigraphs and testimonials.
//!
//! The label or the name after the dash is the speaker, the colon or the dash the cue. A
//! label counts only when the article also writes it as someone's surname ("Chief Justice
//! Ana Morales"), or when it recurs in a transcript whose other labels do (the host is often
//! named nowhere else), so that "UPDATE:", "CORRECTION:" or "BREAKING:" stay what they are.

use std::collections::{HashMap, HashSet};

use parallax_model::{Span, StatementKind};

use crate::attribution::Found;
use crate::lexicon::{is_determiner, is_not_name, title_case};

/// The most words a speaker label or a credited name may have.
const MAX_NAME_WORDS: usize = 6;
/// The longest credited name, in bytes: longer, the words after the dash are a sentence.
const MAX_NAME_BYTES: usize = 60;
/// The most distinct speaker labels a transcript may have.
const MAX_LABELS: usize = 64;

/// Every layout attribution in `text`, in text order.
pub fn find(text: &str) -> Vec<Found> {
    let lines = lines(text);
    let mut out = transcript_turns(text, &lines);
    out.extend(lines.iter().filter_map(|&l| credited_quote(text, l)));
    out.sort_by_key(|f| f.sentence.start);
    out
}

/// Does a statement the tagger read belong to what a layout attribution already covers?
/// It does when it touches the label or the credit, or reads the same words from their
/// start; a statement nested inside a turn ("…, as the minister told us") stays.
pub fn covers(layout: &Found, other: &Found) -> bool {
    let marks = [layout.mention, layout.cue];
    let spans = || other.mention.iter().chain(&other.cue).chain(&other.content);
    if spans().any(|s| marks.iter().flatten().any(|m| m.overlaps(*s))) {
        return true;
    }
    layout.content.iter().any(|part| {
        other
            .content
            .iter()
            .any(|c| c.overlaps(*part) && c.start <= part.start + 3)
    })
}

/// Lines with their surrounding whitespace (no-break spaces too) trimmed; empty ones go.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let s = start + (line.len() - trimmed.len());
        let e = s + trimmed.trim_end().len();
        if e > s {
            out.push(Span::new(s, e));
        }
        start += line.len();
    }
    out
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// `[“]LABEL: words`: the label's span and the colon's.
fn speaker_label(text: &str, line: Span) -> Option<(Span, Span)> {
    let s = line.slice(text);
    let skip = s
        .chars()
        .next()
        .filter(|&c| is_opening_mark(c))
        .map_or(0, char::len_utf8);
    let colon = s.find(':')?;
    let label = s.get(skip..colon)?;
    let after = s.get(colon + 1..)?;
    let words: Vec<&str> = label.split(' ').collect();
    let upper = label.chars().filter(|c| c.is_uppercase()).count();
    let is_label_word = |w: &str| {
        !w.is_empty()
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    let ok = upper >= 2
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|w| is_label_word(w))
        && after.starts_with(char::is_whitespace)
        && after.chars().any(char::is_alphabetic);
    if !ok {
        return None;
    }
    let start = line.start + skip;
    Some((
        Span::new(start, line.start + colon),
        Span::new(line.start + colon, line.start + colon + 1),
    ))
}

/// "MORALES" is a speaker when the article names someone "… Morales" (a capitalised word
/// before it that is neither a determiner nor a common word: "Ana Morales", "Justice
/// Morales", not "The Morales"), not when the label is a word such as "UPDATE".
fn names_someone(text: &str, label: &str) -> bool {
    let Some(last) = label.split(' ').next_back() else {
        return false;
    };
    let surname = title_case(last.trim_end_matches('.'));
    if surname.is_empty() {
        return false;
    }
    let bytes = text.as_bytes();
    text.match_indices(surname.as_str()).any(|(i, _)| {
        let end = i + surname.len();
        let word_ends = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        // A capitalised word and a space right before: "Ana Morales", "Justice Morales".
        let before = text[..i].strip_suffix(' ').unwrap_or("");
        let prev_word = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        word_ends
            && i > 0
            && bytes[i - 1] == b' '
            && prev_word.chars().next().is_some_and(char::is_uppercase)
            && !is_not_name(prev_word)
            && !is_determiner(prev_word)
    })
}

/// The turns of a transcript: each labelled line, with the quote-opened lines that follow
/// it when the turn itself opened with a quotation mark.
fn transcript_turns(text: &str, lines: &[Span]) -> Vec<Found> {
    // A label is a speaker when the article names someone by it, or when it recurs in a
    // transcript whose other labels do (the host is often named nowhere else).
    let found: Vec<Option<(Span, Span)>> = lines.iter().map(|&l| speaker_label(text, l)).collect();
    let mut labels: HashMap<&str, usize> = HashMap::new();
    for (label, _) in found.iter().flatten() {
        *labels.entry(label.slice(text)).or_default() += 1;
    }
    // Each label is looked for in the whole text: a page of thousands of distinct capitals
    // before colons is a listing, not a transcript.
    if labels.is_empty() || labels.len() > MAX_LABELS {
        return Vec::new();
    }
    let named: HashSet<&str> = labels
        .keys()
        .copied()
        .filter(|l| names_someone(text, l))
        .collect();
    if named.is_empty() {
        return Vec::new();
    }
    let is_speaker = |l: &str| named.contains(l) || labels.get(l).is_some_and(|&n| n >= 2);
    let mut out: Vec<Found> = Vec::new();
    let mut open_turn: Option<usize> = None;
    for (&line, &label) in lines.iter().zip(&found) {
        let s = line.slice(text);
        if let Some((label, colon)) = label
            && is_speaker(label.slice(text))
        {
            let rest = Span::new(colon.end, line.end);
            let lead = rest.slice(text).len() - rest.slice(text).trim_start().len();
            let content = Span::new(rest.start + lead, rest.end);
            let quoted = s.starts_with(is_opening_mark);
            out.push(Found {
                mention: Some(label),
                cue: Some(colon),
                kind: StatementKind::Direct,
                content: vec![content],
                deny: false,
                sentence: line,
            });
            open_turn = quoted.then(|| out.len() - 1);
            continue;
        }
        let Some(turn) = open_turn else { continue };
        let mut chars = s.chars();
        let continues = chars.next().is_some_and(is_opening_mark)
            && chars.next().is_some_and(|c| c != '(')
            && label.is_none();
        if !continues {
            open_turn = None;
            continue;
        }
        let mark = s.chars().next().map_or(0, char::len_utf8);
        out[turn]
            .content
            .push(Span::new(line.start + mark, line.end));
    }
    out
}

/// `“…” ― Name`: a line that is one quotation and, after a dash, the name of who said it.
fn credited_quote(text: &str, line: Span) -> Option<Found> {
    let s = line.slice(text);
    if !s.starts_with(is_opening_mark) {
        return None;
    }
    let close = s.rfind(['”', '"'])?;
    let close_end = close + s[close..].chars().next()?.len_utf8();
    if close == 0 {
        return None;
    }
    let after = &s[close_end..];
    let gap = after.len() - after.trim_start().len();
    let dashed = &after[gap..];
    let dash_len = ["--", "―", "—", "–"]
        .iter()
        .find(|d| dashed.starts_with(**d))
        .map(|d| d.len())?;
    let tail = &dashed[dash_len..];
    let name_at = tail.len() - tail.trim_start().len();
    let name = tail[name_at..].trim_end_matches('.').trim_end();
    let name = name.split(',').next().unwrap_or(name).trim_end();
    let words = name.split_whitespace().count();
    let credit = name.chars().next().is_some_and(char::is_uppercase)
        && (1..=MAX_NAME_WORDS).contains(&words)
        && name.len() <= MAX_NAME_BYTES
        && !name.contains(['“', '”', '"', '!', '?', ':', ';']);
    if !credit {
        return None;
    }
    let dash_start = line.start + close_end + gap;
    let name_start = dash_start + dash_len + name_at;
    Some(Found {
        mention: Some(Span::new(name_start, name_start + name.len())),
        cue: Some(Span::new(dash_start, dash_start + dash_len)),
        kind: StatementKind::Direct,
        content: vec![Span::new(line.start, line.start + close_end)],
        deny: false,
        sentence: line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String, Vec<String>)> {
        find(text)
            .into_iter()
            .map(|f| {
                let slice = |s: Option<Span>| s.map_or(String::new(), |s| s.slice(text).into());
                (
                    slice(f.mention),
                    slice(f.cue),
                    f.content
                        .iter()
                        .map(|c| c.slice(text).to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn transcript_labels_are_speakers_when_the_article_names_them() {
        let text = "Chief Justice Ana Morales spoke to Tomas Lind on Sunday.\n\n\
                    LIND: Did the court agree to the delay?\n\n\
                    MORALES: It did not. We never agreed to it.\n\n\
                    HOST: And the vote?\n\nMORALES: Next week.\n\nHOST: Thank you.\n\n\
                    UPDATE: This story has been corrected.";
        let got = read(text);
        assert_eq!(got.len(), 5);
        assert_eq!(got[2].0, "HOST");
        assert_eq!(got[0].0, "LIND");
        assert_eq!(got[0].1, ":");
        assert_eq!(got[0].2, ["Did the court agree to the delay?"]);
        assert_eq!(got[1].0, "MORALES");
        assert_eq!(got[1].2, ["It did not. We never agreed to it."]);
    }

    #[test]
    fn a_quote_opened_turn_runs_on_through_quote_opened_paragraphs() {
        let text = "Host Piet Salo asked Ines Varga about the fares.\n\n\
                    \"SALO: Will the fares rise?\n\n\
                    \"VARGA: Not this year.\n\n\
                    \"We have the money for it.\n\n\
                    \"(CROSSTALK.)\n\n\
                    Varga left after the interview.";
        let got = read(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "VARGA");
        assert_eq!(got[1].2, ["Not this year.", "We have the money for it."]);
    }

    #[test]
    fn headings_in_capitals_are_not_speakers() {
        let text = "CORRECTION: An earlier version misspelt a name.\n\n\
                    WATCH: The vote in full.\n\nThe Correction was made on Monday.";
        assert!(find(text).is_empty());
    }

    #[test]
    fn a_dash_after_a_quote_credits_it() {
        let text = "Readers wrote in.\n\n“The buses never come on time.” ― Ines Varga\n\
                    “I walk now.”\u{a0}— Tomas Lind, teacher.\n\
                    “Fares are fair,” the mayor said — and left.";
        let got = read(text);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            (
                "Ines Varga".into(),
                "―".into(),
                vec!["“The buses never come on time.”".to_string()]
            )
        );
        assert_eq!(got[1].0, "Tomas Lind");
        assert_eq!(got[1].1, "—");
    }

    #[test]
    fn a_dash_starting_a_line_or_ending_narration_credits_nothing() {
        let text = "The report ended there.”\n\n– A long road –.\n\n\
                    He said the line “ended” -- nobody knows why.";
        assert!(find(text).is_empty());
    }
}
