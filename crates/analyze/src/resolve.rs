//! Speaker mentions to names: "she" to the woman last quoted, "Varga" to "Ines Varga",
//! "the board's chair" to the person the article introduced in that role ("Ines Varga, the
//! board's chair", "chair Ines Varga"), "the ministry" to "Russia's foreign ministry".
//!
//! Only what the article itself says is used; when it never names the speaker, the name
//! stays unknown rather than guessed.

use parallax_model::Span;

use crate::attribution::Found;
use crate::lexicon::{is_not_name, is_pronoun, is_title};
use crate::phrases::{Np, Tok, head_noun, name_in, np_ending_at, strip_apostrophe_s, tokens};

/// Role nouns that name a body rather than a person.
const GROUP_HEADS: &[&str] = &[
    "administration",
    "agency",
    "army",
    "authorities",
    "board",
    "cabinet",
    "campaign",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "firm",
    "government",
    "group",
    "military",
    "ministry",
    "mission",
    "navy",
    "office",
    "operator",
    "opposition",
    "parliament",
    "party",
    "police",
    "regulator",
    "service",
    "team",
    "union",
];

/// The resolved name of each statement's speaker, in the order given.
pub fn resolve(text: &str, found: &[Found]) -> Vec<Option<String>> {
    let all = tokens(text, Span::new(0, text.len()));
    let names = proper_names(text, &all);
    // The last person quoted, with where the mention was.
    let mut last_person: Option<(usize, String)> = None;
    let mut last_group: Option<String> = None;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let Some(mention) = f.mention else {
            out.push(None);
            continue;
        };
        let m = mention.slice(text);
        let name = if let Some(government) = crate::metonyms::government(m) {
            Some(government)
        } else if is_pronoun(m) {
            match m.to_lowercase().as_str() {
                "he" | "she" | "i" => {
                    // The nearer of the last person quoted and the last person named.
                    let named = nearest_person_before(text, &all, &names, mention.start);
                    match (&last_person, named) {
                        (Some((at, n)), Some((named_at, _))) if *at >= named_at => Some(n.clone()),
                        (_, Some((_, n))) => Some(n),
                        (Some((_, n)), None) => Some(n.clone()),
                        (None, None) => None,
                    }
                }
                _ => last_group.clone(),
            }
        } else {
            resolve_phrase(text, &all, &names, mention)
        };
        if let Some(n) = &name {
            if is_group_phrase(m) {
                last_group = Some(n.clone());
            } else if !is_pronoun(m)
                || m.eq_ignore_ascii_case("he")
                || m.eq_ignore_ascii_case("she")
            {
                last_person = Some((mention.start, n.clone()));
            }
        }
        out.push(name);
    }
    out
}

fn is_group_phrase(m: &str) -> bool {
    let head = m
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    GROUP_HEADS.contains(&strip_apostrophe_s(&head))
}

/// Runs of two to five capitalised words that are not titles or sentence openers: the
/// candidates for full names.
fn proper_names(text: &str, toks: &[Tok]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let name_word = |t: &Tok| {
            let w = t.span.slice(text);
            w.chars().next().is_some_and(char::is_uppercase)
                && !is_not_name(w)
                && !is_title(w)
                && strip_apostrophe_s(w) == w
        };
        if !name_word(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len()
            && name_word(&toks[j + 1])
            && text[toks[j].span.end..toks[j + 1].span.start]
                .chars()
                .all(|c| c == ' ')
        {
            j += 1;
        }
        // A possessive word may end a name ("Varga's" -> "Varga").
        if (1..5).contains(&(j - i)) {
            out.push(Span::new(toks[i].span.start, toks[j].span.end));
        }
        i = j + 1;
    }
    out
}

/// Words that make a capitalised run the name of a body or a place, not of a person.
const NOT_PERSON_WORDS: &[&str] = &[
    "agency",
    "army",
    "association",
    "bank",
    "basin",
    "chemicals",
    "city",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "daily",
    "department",
    "federation",
    "forces",
    "foundation",
    "gazette",
    "government",
    "group",
    "inc",
    "institute",
    "kingdom",
    "ministry",
    "nations",
    "news",
    "office",
    "organisation",
    "organization",
    "party",
    "post",
    "republic",
    "river",
    "service",
    "states",
    "street",
    "times",
    "union",
    "university",
    "wire",
];

fn is_person_name(name: &str) -> bool {
    name.split(' ')
        .all(|w| !NOT_PERSON_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The nearest person named before `at`, by full name or by the surname of a full name
/// named earlier ("Amara Osei … Osei"), with the mention's position.
fn nearest_person_before(
    text: &str,
    toks: &[Tok],
    names: &[Span],
    at: usize,
) -> Option<(usize, String)> {
    let full = names
        .iter()
        .rev()
        .filter(|s| s.end <= at)
        .find(|s| is_person_name(s.slice(text)))
        .map(|s| (s.start, s.slice(text).to_string()));
    let surname = toks
        .iter()
        .rev()
        .filter(|t| t.span.end <= at)
        .take(200)
        .find_map(|t| {
            let w = t.span.slice(text);
            let w = strip_apostrophe_s(w);
            if !w.chars().next().is_some_and(char::is_uppercase)
                || names.iter().any(|n| n.contains(t.span))
            {
                return None;
            }
            names
                .iter()
                .filter(|n| n.end <= t.span.start)
                .map(|n| n.slice(text))
                .find(|n| n.rsplit(' ').next() == Some(w) && is_person_name(n))
                .map(|n| (t.span.start, n.to_string()))
        });
    match (full, surname) {
        (Some(f), Some(s)) => Some(if s.0 > f.0 { s } else { f }),
        (f, s) => f.or(s),
    }
}

/// The full name that a one-word name (a surname, usually) stands for.
fn expand(text: &str, names: &[Span], word: &str) -> Option<String> {
    let mut all = names.iter().map(|s| s.slice(text));
    let by_last = all.clone().find(|n| n.rsplit(' ').next() == Some(word));
    by_last
        .or_else(|| all.find(|n| n.split(' ').next() == Some(word)))
        .map(str::to_string)
}

fn resolve_phrase(text: &str, all: &[Tok], names: &[Span], mention: Span) -> Option<String> {
    // An apposition names the person in one of its parts.
    let mut role: Option<String> = None;
    for part in split_commas(text, mention) {
        let toks = tokens(text, part);
        if toks.is_empty() {
            continue;
        }
        let np = Np {
            first: 0,
            last: toks.len() - 1,
        };
        if let Some(name) = name_in(text, &toks, np) {
            let n = name.slice(text);
            if !n.contains(' ') {
                if let Some(full) = expand(text, names, n) {
                    return Some(full);
                }
            }
            return Some(n.to_string());
        }
        role.get_or_insert_with(|| head_noun(text, &toks, np));
    }
    let role = role?;
    let phrase = mention.slice(text);
    if let Some(person) = person_in_role(text, all, &role) {
        return Some(person);
    }
    if GROUP_HEADS.contains(&role.as_str()) {
        // "the ministry" after "Russia's foreign ministry": the fuller, named phrase.
        if let Some(named) = named_group(text, all, &role, mention.start) {
            return Some(named);
        }
        let named = strip_determiner(phrase);
        if named.chars().any(char::is_uppercase) {
            return Some(named.to_string());
        }
    }
    None
}

fn strip_determiner(phrase: &str) -> &str {
    for d in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = phrase.strip_prefix(d) {
            return rest;
        }
    }
    phrase
}

fn split_commas(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == ',' {
            out.push(Span::new(span.start + start, span.start + i));
            start = i + 1;
        }
    }
    out.push(Span::new(span.start + start, span.end));
    out
}

/// The person the article introduces in a role: "chair Ines Varga", "the chair, Ines
/// Varga", "Ines Varga, the board's chair".
fn person_in_role(text: &str, toks: &[Tok], role: &str) -> Option<String> {
    let is_name_word = |i: usize| {
        toks.get(i).is_some_and(|t| {
            let w = t.span.slice(text);
            w.chars().next().is_some_and(char::is_uppercase) && !is_not_name(w) && !is_title(w)
        })
    };
    for (i, t) in toks.iter().enumerate() {
        let w = t.span.slice(text);
        let bare = strip_apostrophe_s(w);
        if !bare.eq_ignore_ascii_case(role) {
            continue;
        }
        // After: "chair Ines Varga" or "chair, Ines Varga".
        let g = toks
            .get(i + 1)
            .map(|n| &text[t.span.end..n.span.start])
            .unwrap_or("");
        if matches!(g.trim(), "" | ",") && is_name_word(i + 1) && is_name_word(i + 2) {
            let mut j = i + 2;
            while is_name_word(j + 1)
                && text[toks[j].span.end..toks[j + 1].span.start]
                    .trim()
                    .is_empty()
            {
                j += 1;
            }
            return Some(text[toks[i + 1].span.start..toks[j].span.end].to_string());
        }
        // Before: "Ines Varga, the board's chair".
        if let Some(np) = np_ending_at(text, toks, i, 0) {
            if np.first >= 2
                && text[toks[np.first - 1].span.end..toks[np.first].span.start].trim() == ","
            {
                let end = np.first - 1;
                if is_name_word(end) && is_name_word(end.wrapping_sub(1)) {
                    let mut start = end - 1;
                    while start > 0
                        && is_name_word(start - 1)
                        && text[toks[start - 1].span.end..toks[start].span.start]
                            .trim()
                            .is_empty()
                    {
                        start -= 1;
                    }
                    return Some(text[toks[start].span.start..toks[end].span.end].to_string());
                }
            }
        }
    }
    None
}

/// An earlier phrase with the same head and a capitalised word in it: "Russia's foreign
/// ministry" for "the ministry".
fn named_group(text: &str, toks: &[Tok], head: &str, before: usize) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        if t.span.start >= before {
            break;
        }
        if !t.span.slice(text).eq_ignore_ascii_case(head) {
            continue;
        }
        if let Some(np) = np_ending_at(text, toks, i, 0) {
            let phrase = np.span(toks).slice(text);
            let named = strip_determiner(phrase);
            if named.chars().next().is_some_and(char::is_uppercase) && named.contains(' ') {
                return Some(named.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::find_statements;

    fn speakers(text: &str) -> Vec<Option<String>> {
        let found = find_statements(text);
        resolve(text, &found)
    }

    #[test]
    fn pronouns_and_surnames_resolve_to_full_names() {
        let text = "Ines Varga chairs the board. “We heard you,” Varga said. “It is done,” she added later.";
        assert_eq!(
            speakers(text),
            [Some("Ines Varga".into()), Some("Ines Varga".into())]
        );
    }

    #[test]
    fn roles_resolve_through_appositions() {
        let text = "The board's chair, Ines Varga, opened the session. “Fares stay as they are,” the chair said.";
        assert_eq!(speakers(text), [Some("Ines Varga".into())]);
        let text = "Spokesman Tomas Lind spoke first. The spokesman said the talks had stalled over money.";
        assert_eq!(speakers(text), [Some("Tomas Lind".into())]);
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let text = "Foreign Minister Sergei Ivanov said the talks would go on next week.";
        assert_eq!(speakers(text), [Some("Sergei Ivanov".into())]);
    }

    #[test]
    fn groups_resolve_to_their_named_form() {
        let text = "Norland's foreign ministry summoned the envoy. The ministry said the border incident was a provocation.";
        assert_eq!(speakers(text), [Some("Norland's foreign ministry".into())]);
    }

    #[test]
    fn pronouns_take_the_nearest_person() {
        let text = "“We will wait,” Ines Varga said. The foreign minister, Karel Novak, welcomed the visit. He said talks would start on Monday.";
        assert_eq!(
            speakers(text),
            [Some("Ines Varga".into()), Some("Karel Novak".into())]
        );
        let text = "Amara Osei arrived late. “We will wait,” Karel Novak said. Osei disagreed. “I will go now,” she said.";
        assert_eq!(
            speakers(text),
            [Some("Karel Novak".into()), Some("Amara Osei".into())]
        );
    }

    #[test]
    fn unnamed_speakers_stay_unknown() {
        let text = "“This cannot go on,” a witness said.";
        assert_eq!(speakers(text), [None]);
    }
}
