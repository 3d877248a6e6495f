//! Sentence and paragraph boundaries.
//!
//! News sentences end in `.`, `!`, `?` or `…`, often followed by a closing quote (`said.”`)
//! or bracket. What makes splitting hard is the full stop that ends no sentence: titles
//! ("Gen. Ruiz"), initials ("J. Smith"), abbreviations ("U.S. officials"), decimals. A stop
//! ends a sentence here when what follows starts like a sentence (a capital, a digit or an
//! opening quote) and what precedes it is not a known abbreviation or a single letter.

use parallax_model::Span;

/// Lowercase abbreviations that a full stop follows without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "a.m", "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr", "e.g",
    "est", "etc", "feb", "fig", "fr", "gen", "gov", "hon", "i.e", "inc", "jan", "jr", "jul", "jun",
    "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "op", "p.m",
    "prof", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "supt", "u.k",
    "u.n", "u.s", "vs",
];

/// The paragraphs of `text`: runs separated by a blank line (or, in text with no blank
/// lines, by single line breaks).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let separator = if text.contains("\n\n") || text.contains("\n\r\n") {
        Separator::Blank
    } else {
        Separator::Line
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            let mut blank = false;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                if bytes[j] == b'\n' {
                    blank = true;
                }
                j += 1;
            }
            if blank || separator == Separator::Line {
                push_trimmed(text, start, i, &mut out);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

#[derive(PartialEq, Eq)]
enum Separator {
    Blank,
    Line,
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// The sentences of one paragraph `para` of `text`.
pub fn sentences(text: &str, para: Span) -> Vec<Span> {
    let s = para.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow runs of terminators and closing quotes or brackets.
            let mut m = k + 1;
            while m < chars.len()
                && (matches!(chars[m].1, '.' | '!' | '?' | '…') || is_closer(chars[m].1))
            {
                m += 1;
            }
            let end = chars.get(m).map_or(s.len(), |&(j, _)| j);
            // Need whitespace, then a sentence start.
            let mut n = m;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            let spaced = n > m;
            let next = chars.get(n).map(|&(_, c)| c);
            let starts_sentence =
                next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opener(c));
            if (spaced && starts_sentence && !(c == '.' && is_abbreviation(&s[start..i])))
                || n == chars.len()
            {
                push_trimmed(s, start, end, &mut out);
                start = chars.get(n).map_or(s.len(), |&(j, _)| j);
                k = n;
                continue;
            }
            k = m;
            continue;
        }
        k += 1;
    }
    push_trimmed(s, start, s.len(), &mut out);
    out.into_iter().map(|sp| sp.shift(para.start)).collect()
}

/// Every sentence of `text`, paragraph by paragraph.
pub fn all_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, para) in paragraphs(text).into_iter().enumerate() {
        for span in sentences(text, para) {
            out.push(Sentence { span, paragraph: p });
        }
    }
    out
}

/// A sentence and the index of the paragraph it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

pub fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '„' | '\'' | '(' | '[')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '»' | '\'' | ')' | ']')
}

/// Does `before` (the sentence so far, up to a full stop) end in an abbreviation or an
/// initial?
fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    if ABBREVIATIONS.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    // A single letter ("J. Smith") or dotted letters ("U.S", "a.m") are initials.
    let letters: Vec<char> = last.chars().filter(|c| *c != '.').collect();
    letters.len() == 1 && letters[0].is_alphabetic()
        || (last.contains('.') && last.split('.').all(|p| p.chars().count() <= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        all_sentences(text)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn abbreviation_table_is_sorted() {
        for w in ABBREVIATIONS.windows(2) {
            assert!(w[0] < w[1], "{w:?}");
        }
    }

    #[test]
    fn splits_on_terminators_before_capitals() {
        assert_eq!(
            split(
                "The vote passed. Gen. Ruiz met Mr. J. Smith at 3.5 km from the U.S. Embassy. “Fine,” he said! Really?"
            ),
            [
                "The vote passed.",
                "Gen. Ruiz met Mr. J. Smith at 3.5 km from the U.S. Embassy.",
                "“Fine,” he said!",
                "Really?"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("She said: “We will not pay.” The board agreed."),
            ["She said: “We will not pay.”", "The board agreed."]
        );
        assert_eq!(split("“No.” she said."), ["“No.” she said."]);
    }

    #[test]
    fn paragraphs_are_boundaries() {
        let text = "First paragraph without a stop\n\nSecond one. Two sentences.\n";
        assert_eq!(
            split(text),
            [
                "First paragraph without a stop",
                "Second one.",
                "Two sentences."
            ]
        );
        let s = all_sentences(text);
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1]);
    }

    #[test]
    fn single_newlines_separate_paragraphs_when_there_are_no_blank_lines() {
        assert_eq!(paragraphs("a\nb").len(), 2);
        assert_eq!(paragraphs("a\nb\n\nc").len(), 2);
    }
}
