//! The words of a sentence as tokens, and the noun phrases that can name a speaker: "she",
//! "Ines Varga", "the board's chair", "Russia's foreign ministry", "a spokeswoman for the
//! council", and appositions of them ("Ines Varga, the board's chair,").

use parallax_model::Span;
use parallax_text::words;

use crate::lexicon::{is_determiner, is_not_name, is_pronoun, is_role_word, is_title};

/// A word of the text, by byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
}

/// The words of `span` in `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Tok> {
    words(span.slice(text))
        .map(|w| Tok {
            span: Span::new(span.start + w.start, span.start + w.end()),
        })
        .collect()
}

/// The text between two tokens.
pub fn gap(text: &str, a: Tok, b: Tok) -> &str {
    &text[a.span.end..b.span.start]
}

/// Does only whitespace (or a hyphen joining compound words) separate the two tokens?
fn joined(text: &str, a: Tok, b: Tok) -> bool {
    gap(text, a, b)
        .chars()
        .all(|c| c.is_whitespace() || c == '-')
}

/// `w` without a possessive `'s` ("Varga's" gives "Varga").
pub fn strip_apostrophe_s(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// `w` without a possessive ending: `'s`, or the bare apostrophe of a plural
/// ("ministers'").
fn strip_possessive(w: &str) -> &str {
    let stem = strip_apostrophe_s(w);
    if stem.len() < w.len() {
        return stem;
    }
    w.strip_suffix('\'')
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// What kind of word a token can be inside a speaker's noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NpWord {
    Name,
    Role,
    Determiner,
    Link,
    None,
}

fn np_word(w: &str) -> NpWord {
    let bare = strip_possessive(w);
    if is_determiner(w) {
        NpWord::Determiner
    } else if is_role_word(bare) {
        NpWord::Role
    } else if is_capitalized(bare) && (!is_not_name(bare) || is_title(bare)) {
        NpWord::Name
    } else if matches!(w, "of" | "for" | "at" | "de" | "van" | "von" | "al" | "bin") {
        NpWord::Link
    } else {
        NpWord::None
    }
}

/// A noun phrase: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    pub first: usize,
    pub last: usize,
}

impl Np {
    pub fn span(&self, toks: &[Tok]) -> Span {
        Span::new(toks[self.first].span.start, toks[self.last].span.end)
    }
}

/// The noun phrase that ends at token `last`, reaching back no further than token `lo`.
pub fn np_ending_at(text: &str, toks: &[Tok], last: usize, lo: usize) -> Option<Np> {
    let w = toks[last].span.slice(text);
    if is_pronoun(w) {
        return Some(Np { first: last, last });
    }
    if !matches!(np_word(w), NpWord::Name | NpWord::Role) {
        return None;
    }
    let mut first = last;
    while first > lo && joined(text, toks[first - 1], toks[first]) {
        let prev = toks[first - 1].span.slice(text);
        match np_word(prev) {
            NpWord::Name | NpWord::Role => first -= 1,
            NpWord::Determiner => {
                first -= 1;
                // "a spokeswoman for the council": the phrase goes on before a link word.
                let linked = first >= lo + 2
                    && joined(text, toks[first - 1], toks[first])
                    && np_word(toks[first - 1].span.slice(text)) == NpWord::Link
                    && matches!(
                        np_word(toks[first - 2].span.slice(text)),
                        NpWord::Name | NpWord::Role
                    );
                if !linked {
                    break;
                }
                first -= 1;
            }
            NpWord::Link
                if first - 1 > lo
                    && matches!(
                        np_word(toks[first - 2].span.slice(text)),
                        NpWord::Name | NpWord::Role
                    ) =>
            {
                first -= 1
            }
            _ => break,
        }
    }
    Some(Np { first, last })
}

/// The noun phrase that starts at token `first`, reaching no further than token `hi`
/// (exclusive).
pub fn np_starting_at(text: &str, toks: &[Tok], first: usize, hi: usize) -> Option<Np> {
    if first >= hi {
        return None;
    }
    let w = toks[first].span.slice(text);
    if is_pronoun(w) {
        return Some(Np { first, last: first });
    }
    let kind = np_word(w);
    if kind == NpWord::None || kind == NpWord::Link {
        return None;
    }
    let mut last = first;
    let mut content = kind != NpWord::Determiner;
    while last + 1 < hi && joined(text, toks[last], toks[last + 1]) {
        // A possessive closes nothing ("the board's chair"), but a plain name followed by a
        // lowercase non-role word ends the phrase.
        match np_word(toks[last + 1].span.slice(text)) {
            NpWord::Name | NpWord::Role => {
                last += 1;
                content = true;
            }
            NpWord::Link
                if last + 2 < hi
                    && matches!(
                        np_word(toks[last + 2].span.slice(text)),
                        NpWord::Name | NpWord::Role | NpWord::Determiner
                    ) =>
            {
                last += 1
            }
            NpWord::Determiner if matches!(np_word(toks[last].span.slice(text)), NpWord::Link) => {
                last += 1
            }
            _ => break,
        }
    }
    while last > first
        && matches!(
            np_word(toks[last].span.slice(text)),
            NpWord::Link | NpWord::Determiner
        )
    {
        last -= 1;
    }
    content.then_some(Np { first, last })
}

/// Does the phrase contain a proper name (a capitalised word that is not a title)?
pub fn has_name(text: &str, toks: &[Tok], np: Np) -> bool {
    (np.first..=np.last).any(|i| {
        let w = strip_possessive(toks[i].span.slice(text));
        np_word(w) == NpWord::Name && !is_title(w)
    })
}

/// The proper name inside a phrase: its last run of capitalised non-title words, e.g.
/// "Foreign Minister Sergei Ivanov" gives "Sergei Ivanov". `None` for a role ("the UN
/// chief") or a possessive ("Russia's foreign ministry").
pub fn name_in(text: &str, toks: &[Tok], np: Np) -> Option<Span> {
    let w = |i: usize| toks[i].span.slice(text);
    let last_word = w(np.last);
    if np_word(last_word) != NpWord::Name || strip_possessive(last_word) != last_word {
        return None;
    }
    let mut first = np.last;
    while first > np.first {
        let prev = w(first - 1);
        let particle = matches!(
            prev,
            "de" | "van" | "von" | "al" | "bin" | "da" | "del" | "la"
        );
        if (np_word(prev) == NpWord::Name && !is_title(prev) && strip_possessive(prev) == prev)
            || particle
        {
            first -= 1;
        } else {
            break;
        }
    }
    while first < np.last && is_title(w(first)) {
        first += 1;
    }
    if is_title(w(first)) && first == np.last {
        return None;
    }
    Some(Span::new(toks[first].span.start, toks[np.last].span.end))
}

/// The head noun of a role phrase, lowercase: "the board's chair" gives "chair".
pub fn head_noun(text: &str, toks: &[Tok], np: Np) -> String {
    strip_possessive(toks[np.last].span.slice(text)).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, word: &str) -> Option<String> {
        let toks = tokens(text, Span::new(0, text.len()));
        let i = toks
            .iter()
            .position(|t| t.span.slice(text) == word)
            .unwrap();
        np_ending_at(text, &toks, i - 1, 0).map(|np| np.span(&toks).slice(text).to_string())
    }

    fn after(text: &str, word: &str) -> Option<String> {
        let toks = tokens(text, Span::new(0, text.len()));
        let i = toks
            .iter()
            .position(|t| t.span.slice(text) == word)
            .unwrap();
        np_starting_at(text, &toks, i + 1, toks.len())
            .map(|np| np.span(&toks).slice(text).to_string())
    }

    #[test]
    fn phrases_before_a_cue() {
        assert_eq!(
            before("But Ines Varga said so", "said").as_deref(),
            Some("Ines Varga")
        );
        assert_eq!(
            before("then the board's chair said", "said").as_deref(),
            Some("the board's chair")
        );
        assert_eq!(
            before("a spokeswoman for the council said", "said").as_deref(),
            Some("a spokeswoman for the council")
        );
        assert_eq!(
            before("Russia’s foreign ministry denied", "denied").as_deref(),
            Some("Russia’s foreign ministry")
        );
        assert_eq!(before("and she said", "said").as_deref(), Some("she"));
        assert_eq!(before("the man who said", "said"), None);
        assert_eq!(
            before("On Tuesday the mayor said", "said").as_deref(),
            Some("the mayor")
        );
    }

    #[test]
    fn phrases_after_a_cue() {
        assert_eq!(
            after("said Ines Varga, the chair", "said").as_deref(),
            Some("Ines Varga")
        );
        assert_eq!(
            after("said the head of the agency.", "said").as_deref(),
            Some("the head of the agency")
        );
        assert_eq!(after("said the plan would fail", "said"), None);
        assert_eq!(after("said that it", "said"), None);
    }

    #[test]
    fn names_inside_phrases() {
        let text = "Foreign Minister Sergei Ivanov and the UN chief and Russia's ministry";
        let toks = tokens(text, Span::new(0, text.len()));
        let name = |first, last| name_in(text, &toks, Np { first, last }).map(|s| s.slice(text));
        assert_eq!(name(0, 3), Some("Sergei Ivanov"));
        assert_eq!(name(5, 7), None);
        assert_eq!(name(9, 10), None);
    }
}
