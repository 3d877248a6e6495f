//! Speaker mentions to names: "she" to the woman last quoted, "Varga" to "Ines Varga",
//! "the board's chair" to the person the article introduced in that role ("Ines Varga, the
//! board's chair", "chair Ines Varga"), "the ministry" to "Russia's foreign ministry".
//!
//! Only what the article itself says is used; when it never names the speaker, the name
//! stays unknown rather than guessed. Who is a person and who a body comes from the entity
//! tagger ([`crate::entities`]), which has already gathered each name's mentions ("Varga"
//! with "Ines Varga"): a pronoun goes to the nearest person, never to a broadcaster or a
//! headline's capitalised words, and a mention that contains a person's or a body's name
//! takes that entity's name.

use std::collections::HashSet;

use parallax_model::{Entity, EntityKind, Span};

use crate::attribution::Found;
use crate::lexicon::{is_not_name, is_pronoun, is_title, title_case};
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

/// The mentions of the article's people and bodies, in text order.
struct Named<'a> {
    people: Vec<(Span, &'a str)>,
    /// People the article marks as women or as men ("Ms. Varga", "spokesman Tomas Lind"),
    /// so that "he" skips the one and "she" the other.
    women: HashSet<&'a str>,
    men: HashSet<&'a str>,
    bodies: Vec<(Span, &'a str)>,
    places: Vec<Span>,
}

impl<'a> Named<'a> {
    fn of(text: &str, entities: &'a [Entity]) -> Named<'a> {
        let (mut women, mut men) = (HashSet::new(), HashSet::new());
        for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
            for m in &e.mentions {
                let before = text[..m.start].trim_end();
                let word = before
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if FEMALE_MARKS.contains(&word.as_str()) {
                    women.insert(e.name.as_str());
                } else if MALE_MARKS.contains(&word.as_str()) {
                    men.insert(e.name.as_str());
                }
            }
        }
        // A name the tagger read once as a person and elsewhere as a place or a body ("She"
        // after a country's name) is no person to refer back to.
        let other: HashSet<&str> = entities
            .iter()
            .filter(|e| e.kind != EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        let gather = |kind: EntityKind| {
            let mut v: Vec<(Span, &str)> = entities
                .iter()
                .filter(|e| e.kind == kind)
                .filter(|e| kind != EntityKind::Person || !other.contains(e.name.as_str()))
                .flat_map(|e| e.mentions.iter().map(move |&m| (m, e.name.as_str())))
                .collect();
            v.sort_unstable_by_key(|(m, _)| (m.start, m.end));
            v
        };
        Named {
            women,
            men,
            people: gather(EntityKind::Person),
            bodies: gather(EntityKind::Organization),
            places: gather(EntityKind::Place)
                .into_iter()
                .map(|(m, _)| m)
                .collect(),
        }
    }

    /// The person named nearest before `at`, with where. Only people the article names in
    /// full count: a lone capitalised word the tagger took for a person ("What Marovia
    /// calls a corridor") is too weak to hang a "she" on.
    fn person_before(&self, at: usize, pronoun: &str) -> Option<(usize, &'a str)> {
        let k = self.people.partition_point(|(m, _)| m.start < at);
        self.people[..k]
            .iter()
            .rev()
            .find(|(m, n)| m.end <= at && n.contains(' ') && self.may_be(n, pronoun))
            .map(|&(m, n)| (m.start, n))
    }

    /// Whether `pronoun` may stand for the person `name`, as far as the article says.
    fn may_be(&self, name: &str, pronoun: &str) -> bool {
        match pronoun {
            "he" => !self.women.contains(name),
            "she" => !self.men.contains(name),
            _ => true,
        }
    }

    /// The person or body whose name ends the phrase, or its part before a comma: "Varga",
    /// "campaign manager Ines Varga", "Varga, 56, who chairs the board", "the IMF". Not
    /// "Varga aides" or "a Google spokesman", whose heads are no names.
    fn inside(&self, text: &str, span: Span) -> Option<&'a str> {
        let head = match span.slice(text).find(',') {
            Some(i) => Span::new(span.start, span.start + i),
            None => span,
        };
        // "Representative Ines Varga of Norland": the head ends before its preposition.
        let phrase = head.slice(text);
        let before_of = [" of ", " from ", " at ", " in ", " for "]
            .iter()
            .filter_map(|p| phrase.find(p))
            .min()
            .map(|i| Span::new(head.start, head.start + i));
        // The mention must cover the whole capitalised run that ends the head: in "Lessing
        // Chemicals" a stray person tag on "Chemicals" names nobody.
        let ends = |list: &[(Span, &'a str)], head: Span| {
            let end = trim_end(text, head);
            let run = name_run_start(text, Span::new(head.start, end));
            list.iter()
                .find(|(m, _)| {
                    head.contains(*m) && (m.end == end || m.end == head.end) && m.start <= run
                })
                .map(|&(_, n)| n)
        };
        let heads = std::iter::once(head).chain(before_of);
        heads
            .clone()
            .find_map(|h| ends(&self.people, h))
            .or_else(|| heads.into_iter().find_map(|h| ends(&self.bodies, h)))
    }

    fn is_place(&self, span: Span) -> bool {
        self.places.iter().any(|m| m.overlaps(span))
    }

    /// The person named in full whose name ends with `word` (or, failing that, begins
    /// with it).
    fn person_by_surname(&self, word: &str) -> Option<&'a str> {
        full_name_of(
            self.people
                .iter()
                .map(|&(_, n)| n)
                .filter(|n| n.contains(' ')),
            word,
        )
    }

    fn is_person(&self, name: &str) -> bool {
        self.people.iter().any(|&(_, n)| n == name)
    }

    /// The person whose mention overlaps `span`.
    fn person_at(&self, span: Span) -> Option<&'a str> {
        self.people
            .iter()
            .find(|(m, _)| m.overlaps(span))
            .map(|&(_, n)| n)
    }
}

/// Where the run of capitalised words (titles aside) that ends `span` starts.
fn name_run_start(text: &str, span: Span) -> usize {
    let phrase = span.slice(text);
    let (mut start, mut end) = (phrase.len(), phrase.len());
    for word in phrase.rsplit(' ') {
        if !word.chars().next().is_some_and(char::is_uppercase) || is_title(word) {
            break;
        }
        start = end - word.len();
        end = start.saturating_sub(1);
    }
    span.start + start
}

/// The word before a name that marks a woman or a man.
const FEMALE_MARKS: &[&str] = &[
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "miss",
    "madam",
    "madame",
    "lady",
    "dame",
    "queen",
    "princess",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "actress",
    "sister",
    "mother",
    "grandmother",
    "wife",
    "daughter",
];
const MALE_MARKS: &[&str] = &[
    "mr.",
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "spokesman",
    "chairman",
    "congressman",
    "businessman",
    "actor",
    "brother",
    "father",
    "grandfather",
    "husband",
    "son",
];

/// Where a phrase ends without a possessive or closing punctuation: "the IMF's" ends
/// at "IMF".
fn trim_end(text: &str, span: Span) -> usize {
    let s = span.slice(text).trim_end_matches([',', '.', ';', ':', ' ']);
    let s = strip_apostrophe_s(s);
    span.start + s.len()
}

/// The resolved name of each statement's speaker, in the order given. `entities` are the
/// article's, from [`crate::entities::entities`].
pub fn resolve(text: &str, found: &[Found], entities: &[Entity]) -> Vec<Option<String>> {
    let all = tokens(text, Span::new(0, text.len()));
    let names = proper_names(text, &all);
    let named = Named::of(text, entities);
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
                p @ ("he" | "she" | "i") => {
                    // The nearer of the last person quoted and the last person named.
                    let before = named.person_before(mention.start, p);
                    let last = last_person.as_ref().filter(|(_, n)| named.may_be(n, p));
                    match (last, before) {
                        (Some((at, n)), Some((named_at, _))) if *at >= named_at => Some(n.clone()),
                        (_, Some((_, n))) => Some(n.to_string()),
                        (Some((_, n)), None) => Some(n.clone()),
                        (None, None) => None,
                    }
                }
                _ => last_group.clone(),
            }
        } else if let Some(n) = in_capitals(m).and_then(|w| named.person_by_surname(&w)) {
            // A transcript's "VARGA:" is the Varga the article names.
            Some(n.to_string())
        } else if let Some(n) = named.inside(text, mention) {
            Some(n.to_string())
        } else {
            resolve_phrase(text, &all, &names, &named, mention)
        };
        if let Some(n) = &name {
            // Only a person is "he" or "she" later, and only a body "it" or "they".
            let person = named.is_person(n);
            if is_group_phrase(m) && !person {
                last_group = Some(n.clone());
            } else if person
                && (!is_pronoun(m) || m.eq_ignore_ascii_case("he") || m.eq_ignore_ascii_case("she"))
            {
                last_person = Some((mention.start, n.clone()));
            }
        }
        out.push(name);
    }
    out
}

/// The last word of a mention written in capitals ("VARGA", "SEN. VARGA"), as a name is
/// written elsewhere ("Varga").
fn in_capitals(m: &str) -> Option<String> {
    let letters = || m.chars().filter(|c| c.is_alphabetic());
    if letters().count() < 2 || letters().any(char::is_lowercase) {
        return None;
    }
    m.split_whitespace().next_back().map(title_case)
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

/// The full name that a one-word name (a surname, usually) stands for.
fn expand(text: &str, names: &[Span], word: &str) -> Option<String> {
    full_name_of(names.iter().map(|s| s.slice(text)), word).map(str::to_string)
}

/// The first of `names` whose last word is `word`, else the first whose first word is.
fn full_name_of<'a>(
    mut names: impl Iterator<Item = &'a str> + Clone,
    word: &str,
) -> Option<&'a str> {
    let by_last = names.clone().find(|n| n.rsplit(' ').next() == Some(word));
    by_last.or_else(|| names.find(|n| n.split(' ').next() == Some(word)))
}

fn resolve_phrase(
    text: &str,
    all: &[Tok],
    names: &[Span],
    named: &Named<'_>,
    mention: Span,
) -> Option<String> {
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
            // "Representative Ines Varga of Norland": a place's name is not the speaker's,
            // unless the place is all the phrase says ("Norland rejected the claim").
            if named.is_place(name) && strip_determiner(part.slice(text).trim()) != name.slice(text)
            {
                continue;
            }
            let n = name.slice(text);
            if !n.contains(' ') {
                if let Some(full) = named.person_by_surname(n).map(str::to_string) {
                    return Some(full);
                }
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
    // The article's introduction of someone in the role counts only when the tagger too
    // saw a person there: a headline's "New Poll Shows Minor Bump" is nobody.
    let group = GROUP_HEADS.contains(&role.as_str());
    if !group && let Some(person) = person_in_role(text, all, &role) {
        return named.person_at(person).map(str::to_string);
    }
    if group {
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
fn person_in_role(text: &str, toks: &[Tok], role: &str) -> Option<Span> {
    // A plural role ("sources", "officials") is never one person: in "the convoy stopped
    // outside Port Arden, witnesses said" the name before the comma is not theirs.
    if is_plural(role) {
        return None;
    }
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
            return Some(Span::new(toks[i + 1].span.start, toks[j].span.end));
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
                    return Some(Span::new(toks[start].span.start, toks[end].span.end));
                }
            }
        }
    }
    None
}

fn is_plural(noun: &str) -> bool {
    let n = noun.to_lowercase();
    n.ends_with('s') && !["ss", "us", "is"].iter().any(|e| n.ends_with(e))
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
        resolve(text, &found, &crate::entities::entities(text))
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
    fn pronouns_go_to_people_not_to_bodies() {
        let text = "Ines Varga spoke to Norvik Radio on Monday morning. She said the port would reopen within a week.";
        assert_eq!(speakers(text), [Some("Ines Varga".into())]);
    }

    #[test]
    fn pronouns_skip_people_the_article_marks_as_the_other_sex() {
        let text = "Ines Varga met spokesman Tomas Lind at the port on Monday. She said the fees would rise in spring.";
        assert_eq!(speakers(text), [Some("Ines Varga".into())]);
        let text = "Tomas Lind met Ms. Varga, who chairs the board, on Monday. Ines Varga left early. He said the fees would rise in spring.";
        assert_eq!(speakers(text), [Some("Tomas Lind".into())]);
    }

    #[test]
    fn the_name_that_heads_the_phrase_is_the_speaker() {
        let text = "Ines Varga leads the race. Varga campaign manager Piotr Salo said the team would appeal the count.";
        assert_eq!(speakers(text), [Some("Piotr Salo".into())]);
        let text = "Representative Tomas Lind of Norland said the bill would pass next week.";
        assert_eq!(speakers(text), [Some("Tomas Lind".into())]);
        // Her supporters are not Varga.
        let text =
            "Ines Varga lost the vote on Sunday. Varga supporters said the count had been rigged.";
        assert_ne!(speakers(text), [Some("Ines Varga".into())]);
    }

    #[test]
    fn transcript_labels_resolve_to_the_people_named() {
        let text = "Host Piet Salo spoke to the mayor, Ines Varga, on Sunday.\n\n\
                    SALO: Will the fares rise?\n\nVARGA: Not this year.";
        let found = crate::layout::find(text);
        // The people of the opening sentence only: the labels resolve even where the
        // tagger did not tag them.
        let opening = &text[..text.find('\n').unwrap_or(text.len())];
        let names = resolve(text, &found, &crate::entities::entities(opening));
        assert_eq!(
            names,
            [
                Some("Piet Salo".to_string()),
                Some("Ines Varga".to_string())
            ]
        );
    }

    #[test]
    fn unnamed_speakers_stay_unknown() {
        let text = "“This cannot go on,” a witness said.";
        assert_eq!(speakers(text), [None]);
        // The name before the comma is where it happened, not who said so.
        let text = "The convoy stopped for an hour outside Port Arden, witnesses said.";
        assert_eq!(speakers(text), [None]);
    }
}
