//! Who said what: statements from quotes and from reported speech.
//!
//! Direct speech is found quote first: each quotation looks for its attribution after it
//! (`“…,” she said.`, `“…,” said Ines Varga.`), then before it (`Varga told reporters: “…”`,
//! `according to the council, “…”`), then in the sentence before a quote that opens a
//! paragraph after a colon, then in the statement just before it (a quote that continues
//! the speaker's words). A quote split by its attribution (`“…,” she said. “…”`) is one
//! statement in two parts. Quotes with no attribution and few words are scare quotes, not
//! statements.
//!
//! Reported speech is found cue first, in sentences with no quote attributed: `X said (that)
//! …`, `…, X said.`, `according to X, …` and `…, according to X.` A partial quote inside
//! reported speech (`she said the plan was “dead on arrival”`) makes a mixed statement.

use parallax_model::{Cue, Parts, Polarity, Span, Speaker, Statement, StatementKind};

use crate::lexicon::{is_auxiliary, is_negation, verb};
use crate::phrases::{Np, Tok, gap, np_ending_at, np_starting_at, tokens};
use crate::quotes::{Quote, find_quotes};
use crate::sentences::{Sentence, all_sentences};

/// A quote with fewer words than this and no attribution is a scare quote or a title.
const MIN_UNATTRIBUTED_WORDS: usize = 8;
/// How many words may stand between a quote and its attribution's cue.
const TAIL_CUE_WINDOW: usize = 8;
/// The most words an opening phrase ("On Monday,", "In a statement on Tuesday,") may have
/// before the subject of a reporting verb.
const MAX_OPENING_WORDS: usize = 6;
/// How many words reported content needs to be a statement.
const MIN_CONTENT_WORDS: usize = 3;

/// A statement before its speaker is resolved to a name.
#[derive(Debug, Clone)]
pub struct Found {
    pub mention: Option<Span>,
    pub cue: Option<Span>,
    pub kind: StatementKind,
    pub content: Vec<Span>,
    pub deny: bool,
    /// The sentence the attribution sits in, for `via` and `time`.
    pub sentence: Span,
}

impl Found {
    pub fn into_statement(
        self,
        name: Option<String>,
        via: Vec<String>,
        time: Option<String>,
    ) -> Option<Statement> {
        Some(Statement {
            speaker: Speaker {
                name,
                entity: None,
                mention: self.mention.map(Parts::one),
            },
            cue: self.cue.map(|c| Cue {
                parts: Parts::one(c),
            }),
            kind: self.kind,
            content: Parts::new(self.content)?,
            via,
            time,
            polarity: if self.deny {
                Polarity::Deny
            } else {
                Polarity::Affirm
            },
        })
    }
}

/// An attribution: who and which cue.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    speaker: Span,
    cue: Span,
    deny: bool,
}

/// Every statement in `text`, in text order.
pub fn find_statements(text: &str) -> Vec<Found> {
    find_statements_in(text, &all_sentences(text), &find_quotes(text))
}

/// [`find_statements`], given the text's sentences and quotes (`all_sentences`,
/// `find_quotes`), which the tagger reads too.
pub fn find_statements_in(text: &str, sentences: &[Sentence], quotes: &[Quote]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut used = vec![false; quotes.len()];
    // Sentences that already carry an attributed quote get no reported-speech reading.
    let mut quoted_sentences = vec![false; sentences.len()];

    let mut qi = 0;
    while qi < quotes.len() {
        if used[qi] {
            qi += 1;
            continue;
        }
        // A quote left open at a paragraph's end runs on into the next paragraph's quote.
        let mut chain = vec![qi];
        while let Some(&last) = chain.last() {
            let next = last + 1;
            if !quotes[last].closed
                && next < quotes.len()
                && starts_paragraph(text, sentences, quotes[next].span.start)
            {
                chain.push(next);
            } else {
                break;
            }
        }
        let first = quotes[chain[0]];
        let last = quotes[*chain.last().unwrap_or(&chain[0])];
        let s_first = sentence_of(sentences, first.span.start);
        let s_last = sentence_of(sentences, last.span.end.saturating_sub(1));
        let (Some(s_first), Some(s_last)) = (s_first, s_last) else {
            qi += 1;
            continue;
        };
        let prev_quote_end = if chain[0] > 0 {
            quotes[chain[0] - 1].span.end
        } else {
            0
        };
        let next_quote_start = quotes
            .get(chain[chain.len() - 1] + 1)
            .map_or(text.len(), |q| q.span.start);
        let mut content: Vec<Span> = chain.iter().map(|&i| quotes[i].span).collect();
        for &i in &chain {
            used[i] = true;
        }

        let tail_end = sentences[s_last].span.end.min(next_quote_start);
        let head_start = sentences[s_first].span.start.max(prev_quote_end);
        let mut kind = StatementKind::Direct;
        let head = Span::new(head_start, first.span.start);
        let tail = Span::new(last.span.end, tail_end.max(last.span.end));
        // The attribution, in order of preference. A colon before the quote ("Varga said:
        // “…”") binds it to the words before; otherwise the words after it come first
        // (`“…,” she said.`), then those before, then a lead-in paragraph ending in a colon.
        let colon_head = text[head.start..head.end].trim_end().ends_with(':');
        let mut found = if colon_head {
            head_attribution(text, head).filter(|(_, mixed)| mixed.is_none())
        } else {
            None
        };
        if found.is_none() {
            if let Some(a) = tail_attribution(text, tail) {
                found = Some((a, None));
                let next = chain[chain.len() - 1] + 1;
                if !used.get(next).copied().unwrap_or(true)
                    && split_continues(text, sentences, quotes, next, tail_end, s_last)
                {
                    content.push(quotes[next].span);
                    used[next] = true;
                }
            }
        }
        if found.is_none() {
            found = head_attribution(text, head);
        }
        if found.is_none() {
            found = colon_lead_in(text, sentences, s_first, first).map(|a| (a, None));
        }
        if let Some((_, Some(from))) = found {
            kind = StatementKind::Mixed;
            let end = trim_end_punct(
                text,
                sentences[s_last]
                    .span
                    .end
                    .min(next_quote_start.max(last.span.end)),
            );
            content = vec![Span::new(from, end.max(last.span.end))];
        }
        let sentence = Span::new(sentences[s_first].span.start, sentences[s_last].span.end);
        // Who said it: the attribution found, else the speaker of the statement just before
        // when this quote continues their words (it is in the same or the next sentence,
        // and its own sentence has no cue), else nobody named, for a quote long enough to
        // be someone's words rather than a scare quote.
        let speaker = match found {
            Some((a, _)) => Some((Some(a.speaker), Some(a.cue), a.deny)),
            None => {
                let has_cue = tokens(text, sentences[s_first].span)
                    .iter()
                    .any(|t| verb(t.span.slice(text)).is_some_and(|v| !v.ambiguous));
                let continues = out.last().filter(|prev| {
                    !has_cue
                        && prev.kind != StatementKind::Indirect
                        && sentence_of(sentences, prev.sentence.end.saturating_sub(1))
                            .is_some_and(|ps| ps + 1 == s_first || ps == s_first)
                });
                match continues {
                    Some(prev) => Some((prev.mention, None, false)),
                    None if word_count(first.inner.slice(text)) >= MIN_UNATTRIBUTED_WORDS => {
                        Some((None, None, false))
                    }
                    None => None,
                }
            }
        };
        if let Some((mention, cue, cue_denies)) = speaker {
            quoted_sentences[s_first..=s_last].fill(true);
            let deny = cue_denies || negated(text, content[0], kind);
            out.push(Found {
                mention,
                cue,
                kind,
                content,
                deny,
                sentence,
            });
        }
        qi += 1;
    }

    for (si, s) in sentences.iter().enumerate() {
        if quoted_sentences[si] {
            continue;
        }
        if let Some(f) = reported(text, s.span) {
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.content.first().map(|c| c.start));
    out
}

/// Is quote `next` the second half of a split quote (`“…,” she said. “…”`)? It must open
/// the sentence right after the attribution, in the same paragraph, with nothing between,
/// and have no attribution of its own.
fn split_continues(
    text: &str,
    sentences: &[Sentence],
    quotes: &[Quote],
    next: usize,
    tail_end: usize,
    s_last: usize,
) -> bool {
    let Some(q2) = quotes.get(next) else {
        return false;
    };
    if tail_end >= q2.span.start || !text[tail_end..q2.span.start].trim().is_empty() {
        return false;
    }
    let Some(s2) = sentence_of(sentences, q2.span.start) else {
        return false;
    };
    if sentences[s2].paragraph != sentences[s_last].paragraph {
        return false;
    }
    let s2_end = sentences[s2].span.end;
    let q2_tail_end = quotes
        .get(next + 1)
        .map_or(s2_end, |q| q.span.start.min(s2_end));
    tail_attribution(text, Span::new(q2.span.end, q2_tail_end.max(q2.span.end))).is_none()
}

fn word_count(s: &str) -> usize {
    parallax_text::words(s).count()
}

fn starts_paragraph(text: &str, sentences: &[Sentence], at: usize) -> bool {
    sentence_of(sentences, at).is_some_and(|i| {
        let p = sentences[i].paragraph;
        let first = sentences.iter().position(|s| s.paragraph == p).unwrap_or(i);
        text[sentences[first].span.start..at].trim().is_empty()
    })
}

/// The index of the sentence containing byte `at`.
fn sentence_of(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= at);
    (i < sentences.len() && sentences[i].span.start <= at)
        .then_some(i)
        .or_else(|| {
            // Between sentences (whitespace): the one before.
            i.checked_sub(1)
        })
}

/// The cue verb at token `i`, extended left over auxiliaries ("has denied").
fn cue_at(text: &str, toks: &[Tok], i: usize, lo: usize) -> (Span, usize) {
    let mut first = i;
    while first > lo
        && is_auxiliary(toks[first - 1].span.slice(text))
        && gap(text, toks[first - 1], toks[first]).trim().is_empty()
    {
        first -= 1;
    }
    (Span::new(toks[first].span.start, toks[i].span.end), first)
}

/// `, she said.` / ` said Ines Varga, the chair.` / `, the ministry said in a statement.`
fn tail_attribution(text: &str, tail: Span) -> Option<Attribution> {
    let toks = tokens(text, tail);
    let lead = &text[tail.start..toks.first()?.span.start];
    // A tail that opens a new sentence is not attached to the quote, unless the quote
    // ended with a comma or a question inside it.
    if lead.contains(['.', ';', ':']) {
        return None;
    }
    for i in 0..toks.len().min(TAIL_CUE_WINDOW) {
        let w = toks[i].span.slice(text);
        let Some(v) = verb(w) else { continue };
        // Nothing but words between quote and cue: a full stop would end the attribution.
        if text[tail.start..toks[i].span.start].contains(['.', '!', '?', ';']) {
            return None;
        }
        let (cue, cue_first) = cue_at(text, &toks, i, 0);
        if cue_first > 0 {
            if let Some(np) = speaker_before(text, &toks, cue_first, 0) {
                return Some(Attribution {
                    speaker: np,
                    cue,
                    deny: v.deny,
                });
            }
        }
        if let Some(np) = np_starting_at(text, &toks, i + 1, toks.len()) {
            return Some(Attribution {
                speaker: np.span(&toks),
                cue,
                deny: v.deny,
            });
        }
        return None;
    }
    None
}

/// The speaker phrase that ends just before token `cue_first`, with an apposition
/// ("Ines Varga, the board's chair, said") taken whole.
fn speaker_before(text: &str, toks: &[Tok], cue_first: usize, lo: usize) -> Option<Span> {
    speaker_adjacent(text, toks, cue_first, lo).or_else(|| {
        // "Varga, at the same time, stressed" / "Varga on Tuesday said": a short
        // prepositional phrase between subject and verb.
        let window = cue_first.saturating_sub(MAX_INSERTED_WORDS + 1).max(lo);
        (window..cue_first.saturating_sub(1)).rev().find_map(|p| {
            let w = toks[p].span.slice(text);
            let inserted = toks[p..cue_first].iter().all(|t| {
                let w = t.span.slice(text);
                !w.chars().next().is_some_and(char::is_uppercase)
                    || parallax_text::weekday_number(w).is_some()
            });
            (PREPOSITIONS.contains(&w) && inserted && p > lo)
                .then(|| speaker_adjacent(text, toks, p, lo))
                .flatten()
        })
    })
}

/// Prepositions that open a phrase inserted between a speaker and the verb.
const PREPOSITIONS: &[&str] = &[
    "at", "on", "in", "during", "after", "before", "for", "late", "early", "earlier", "later",
];
/// The most words such an inserted phrase may have.
const MAX_INSERTED_WORDS: usize = 4;

fn speaker_adjacent(text: &str, toks: &[Tok], cue_first: usize, lo: usize) -> Option<Span> {
    let j = cue_first.checked_sub(1)?;
    if j < lo {
        return None;
    }
    let g = gap(text, toks[j], toks[cue_first]);
    let np = np_ending_at(text, toks, j, lo)?;
    let span = np.span(toks);
    if g.trim() == "," {
        // "X, the role, said": the phrase must itself follow a comma and another phrase.
        if np.first > lo && gap(text, toks[np.first - 1], toks[np.first]).trim() == "," {
            if let Some(head) = np_ending_at(text, toks, np.first - 1, lo) {
                return Some(Span::new(head.span(toks).start, span.end));
            }
        }
        return None;
    }
    if !g.trim().is_empty() {
        return None;
    }
    Some(span)
}

/// `Varga told reporters: “…` / `She said that “…` / `she said the plan was “…`.
/// Returns the attribution and, for a mixed statement, where its reported content starts.
fn head_attribution(text: &str, head: Span) -> Option<(Attribution, Option<usize>)> {
    let toks = tokens(text, head);
    if toks.is_empty() {
        return None;
    }
    // "according to X, “…”"
    for i in (0..toks.len().saturating_sub(1)).rev() {
        if toks[i].span.slice(text).eq_ignore_ascii_case("according")
            && toks[i + 1].span.slice(text) == "to"
        {
            let source = according_to_source(text, &toks, i, head.end)?;
            let cue = Span::new(toks[i].span.start, toks[i + 1].span.end);
            let after = &text[source.end..head.end];
            if after.trim().trim_end_matches([',', ':']).trim().is_empty() {
                return Some((
                    Attribution {
                        speaker: source,
                        cue,
                        deny: false,
                    },
                    None,
                ));
            }
        }
    }
    for i in (0..toks.len()).rev() {
        let w = toks[i].span.slice(text);
        let Some(v) = verb(w) else { continue };
        if v.ambiguous
            && i + 1 < toks.len()
            && !matches!(toks[i + 1].span.slice(text), "that" | "in" | "on")
        {
            continue;
        }
        let (cue, cue_first) = cue_at(text, &toks, i, 0);
        let speaker = speaker_before(text, &toks, cue_first, 0)?;
        // Between cue and quote: an addressee ("told reporters"), adverbials, a colon,
        // "that", or reported words (a mixed statement).
        let mut k = i + 1;
        if matches!(
            w.to_lowercase().as_str(),
            "told" | "tell" | "tells" | "telling" | "asked" | "urged" | "warned"
        ) {
            if let Some(np) = np_starting_at(text, &toks, k, toks.len()) {
                k = np.last + 1;
            }
        }
        let rest_start = toks.get(k).map_or(head.end, |t| t.span.start).min(head.end);
        let rest = &text[cue.end..head.end];
        let rest_words: Vec<&str> = toks[k..].iter().map(|t| t.span.slice(text)).collect();
        let trimmed = rest.trim_end();
        let direct = rest_words.is_empty()
            || trimmed.ends_with(':')
            || (trimmed.ends_with(',') && rest_words.len() <= 6)
            || rest_words == ["that"];
        let attribution = Attribution {
            speaker,
            cue,
            deny: v.deny,
        };
        if direct {
            return Some((attribution, None));
        }
        // Reported words start after "that" when a short adverbial precedes it ("told
        // the Press on Sunday that …").
        let that = rest_words.iter().take(7).position(|w| *w == "that");
        let from = match that {
            Some(j) => toks.get(k + j + 1).map_or(rest_start, |t| t.span.start),
            None => rest_start,
        };
        return Some((attribution, Some(from)));
    }
    None
}

/// A quote that opens a paragraph after a sentence ending in a colon: `Varga said:` ¶ `“…”`.
fn colon_lead_in(
    text: &str,
    sentences: &[Sentence],
    s: usize,
    quote: Quote,
) -> Option<Attribution> {
    let before = text[sentences[s].span.start..quote.span.start].trim();
    let lead = if before.is_empty() {
        s.checked_sub(1)?
    } else {
        s
    };
    let span = sentences[lead].span;
    let lead_text = span.slice(text).trim_end();
    if !lead_text.ends_with(':') {
        return None;
    }
    let end = if lead == s {
        quote.span.start
    } else {
        span.end
    };
    head_attribution(text, Span::new(span.start, end)).map(|(a, _)| a)
}

/// Reported speech in a sentence with no quote of its own.
fn reported(text: &str, sentence: Span) -> Option<Found> {
    let toks = tokens(text, sentence);
    if toks.len() < 4 {
        return None;
    }
    let end = trim_end_punct(text, sentence.end);
    let found = |speaker: Span, cue: Span, content: Span, deny: bool| {
        let content = trim_span(text, content);
        // Reported content is a clause or an object ("the council to act"), never a
        // prepositional phrase ("has not commented on the report").
        let first = parallax_text::words(content.slice(text))
            .next()
            .map(|w| w.text.to_lowercase());
        let prepositional = first.is_some_and(|w| {
            matches!(
                w.as_str(),
                "on" | "about" | "in" | "at" | "with" | "for" | "from" | "by" | "of" | "to"
            )
        });
        (word_count(content.slice(text)) >= MIN_CONTENT_WORDS && !prepositional).then(|| Found {
            mention: Some(speaker),
            cue: Some(cue),
            kind: StatementKind::Indirect,
            deny: deny || negated(text, content, StatementKind::Indirect),
            content: vec![content],
            sentence,
        })
    };
    // "According to X, …" and "…, according to X."
    for i in 0..toks.len() - 1 {
        if toks[i].span.slice(text).eq_ignore_ascii_case("according")
            && toks[i + 1].span.slice(text) == "to"
        {
            let np_span = according_to_source(text, &toks, i, sentence.end)?;
            let cue = Span::new(toks[i].span.start, toks[i + 1].span.end);
            return if i == 0 {
                found(np_span, cue, Span::new(np_span.end, end), false)
            } else {
                let before = &text[sentence.start..toks[i].span.start];
                let before = before.trim_end().trim_end_matches(',');
                found(
                    np_span,
                    cue,
                    Span::new(sentence.start, sentence.start + before.len()),
                    false,
                )
            };
        }
    }
    // "X said (that) …": the subject opens the sentence, perhaps after an adverbial.
    for i in 1..toks.len().min(14) {
        let w = toks[i].span.slice(text);
        let Some(v) = verb(w) else { continue };
        if v.ambiguous && !matches!(toks.get(i + 1).map(|t| t.span.slice(text)), Some("that")) {
            continue;
        }
        let (cue, cue_first) = cue_at(text, &toks, i, 0);
        let Some(np) = speaker_np(text, &toks, cue_first) else {
            continue;
        };
        // The subject must start the sentence or follow an opening phrase and a comma.
        let np_start = np.first;
        // An opening phrase is short ("On Monday,", "In a statement,").
        let opening = &text[sentence.start..toks[np_start].span.start];
        if !(opening.trim().is_empty()
            || (opening.trim_end().ends_with(',') && np_start <= MAX_OPENING_WORDS))
        {
            continue;
        }
        let mut k = i + 1;
        if matches!(
            w.to_lowercase().as_str(),
            "told" | "tell" | "tells" | "telling"
        ) {
            if let Some(np) = np_starting_at(text, &toks, k, toks.len()) {
                k = np.last + 1;
            }
        }
        // Skip a short adverbial before "that" ("said on Tuesday that").
        let that = (k..toks.len().min(k + 6)).find(|&j| {
            toks[j].span.slice(text) == "that"
                && !text[toks[k.min(j)].span.start..toks[j].span.start].contains(',')
        });
        let from = match that {
            Some(j) => toks.get(j + 1).map(|t| t.span.start),
            None => toks.get(k).map(|t| t.span.start),
        };
        if let Some(f) =
            from.and_then(|from| found(np.span(&toks), cue, Span::new(from, end), v.deny))
        {
            return Some(f);
        }
    }
    // "…, X said."
    let n = toks.len();
    for i in (n.saturating_sub(6)..n).rev() {
        let w = toks[i].span.slice(text);
        let Some(v) = verb(w) else { continue };
        let (cue, cue_first) = cue_at(text, &toks, i, 0);
        let np = speaker_np(text, &toks, cue_first).or_else(|| {
            np_starting_at(text, &toks, i + 1, n).filter(|_| {
                cue_first > 0 && gap(text, toks[cue_first - 1], toks[cue_first]).contains(',')
            })
        });
        let Some(np) = np else { continue };
        let np_span = np.span(&toks);
        let first_tok = np.first.min(cue_first);
        if first_tok == 0 {
            continue;
        }
        let g = gap(text, toks[first_tok - 1], toks[first_tok]);
        if !g.contains(',') {
            continue;
        }
        let content_end = toks[first_tok - 1].span.end;
        return found(np_span, cue, Span::new(sentence.start, content_end), v.deny);
    }
    None
}

/// The source named after "according to" at token `i`: the words up to the next comma,
/// colon or the end, when they are few enough to be a name or a description of one.
fn according_to_source(text: &str, toks: &[Tok], i: usize, limit: usize) -> Option<Span> {
    const MAX_SOURCE_WORDS: usize = 8;
    let first = toks.get(i + 2)?;
    let mut last = first;
    for (n, t) in toks[i + 2..].iter().enumerate() {
        if t.span.end > limit || n >= MAX_SOURCE_WORDS {
            return None;
        }
        last = t;
        let after = &text[t.span.end
            ..toks
                .get(i + 3 + n)
                .map_or(limit, |t| t.span.start.min(limit))];
        if after.contains([',', ':', ';', '.', '“', '"', '('])
            || toks.get(i + 3 + n).is_none_or(|t| t.span.start >= limit)
        {
            break;
        }
    }
    Some(Span::new(first.span.start, last.span.end))
}

fn speaker_np(text: &str, toks: &[Tok], cue_first: usize) -> Option<Np> {
    let j = cue_first.checked_sub(1)?;
    if !gap(text, toks[j], toks[cue_first]).trim().is_empty() {
        return None;
    }
    np_ending_at(text, toks, j, 0)
}

/// Does the statement's content deny, by a negation among its first words?
pub(crate) fn negated(text: &str, content: Span, kind: StatementKind) -> bool {
    let words = match kind {
        StatementKind::Indirect => 8,
        _ => 10,
    };
    parallax_text::words(content.slice(text))
        .take(words)
        .any(|w| is_negation(w.text))
}

/// `end` moved back over a sentence's closing punctuation and whitespace.
fn trim_end_punct(text: &str, end: usize) -> usize {
    let s = &text[..end];
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '…'))
        .len()
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';'))
            .len();
    let body = &s[lead..];
    let trail = body.len()
        - body
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '.'))
            .len();
    Span::new(span.start + lead, span.end - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per statement: `kind speaker | cue | content parts`.
    fn check(text: &str) -> Vec<String> {
        find_statements(text)
            .iter()
            .map(|f| {
                let parts: Vec<&str> = f.content.iter().map(|c| c.slice(text)).collect();
                format!(
                    "{} {} | {} | {}{}",
                    f.kind.as_str(),
                    f.mention.map_or("-", |m| m.slice(text)),
                    f.cue.map_or("-", |c| c.slice(text)),
                    parts.join(" // "),
                    if f.deny { " [deny]" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn quote_then_attribution() {
        assert_eq!(
            check(
                "“We heard the islanders,” the board's chair told reporters. Then the vote was held."
            ),
            ["direct the board's chair | told | “We heard the islanders,”"]
        );
        assert_eq!(
            check("\"It is over,\" said Ines Varga, the chair."),
            ["direct Ines Varga | said | \"It is over,\""]
        );
        assert_eq!(
            check("“Why now?” she asked."),
            ["direct she | asked | “Why now?”"]
        );
    }

    #[test]
    fn attribution_then_quote() {
        assert_eq!(
            check("Port director Tom Reyes said in a statement: “The port stays open.”"),
            ["direct Port director Tom Reyes | said | “The port stays open.”"]
        );
        assert_eq!(
            check("The mayor has denied that “any deal was struck.”"),
            ["direct The mayor | has denied | “any deal was struck.” [deny]"]
        );
    }

    #[test]
    fn split_quotes_are_one_statement() {
        assert_eq!(
            check("“We will rebuild,” she said. “Nobody is leaving.” The council agreed."),
            ["direct she | said | “We will rebuild,” // “Nobody is leaving.”"]
        );
    }

    #[test]
    fn quotes_spanning_sentences_and_paragraphs() {
        let text = "Varga said: “The fares stay. The boats stay.\n\n“And the winter sailings stay too,” she added.";
        assert_eq!(
            check(text),
            [
                "direct Varga | said | “The fares stay. The boats stay. // “And the winter sailings stay too,”"
            ]
        );
    }

    #[test]
    fn colon_lead_in_paragraph() {
        let text = "The minister told the assembly:\n\n“There will be no new taxes this year, whatever the deficit says.”";
        assert_eq!(
            check(text),
            [
                "direct The minister | told | “There will be no new taxes this year, whatever the deficit says.” [deny]"
            ]
        );
    }

    #[test]
    fn mixed_and_reported_speech() {
        assert_eq!(
            check("She said the plan was “dead on arrival” and would be withdrawn."),
            ["mixed She | said | the plan was “dead on arrival” and would be withdrawn"]
        );
        assert_eq!(
            check("The ministry denied that its troops had crossed the border."),
            ["indirect The ministry | denied | its troops had crossed the border [deny]"]
        );
        assert_eq!(
            check("On Monday, the operator said it would cut two winter sailings."),
            ["indirect the operator | said | it would cut two winter sailings"]
        );
        assert_eq!(
            check("The strike will go ahead on Friday, union leaders said."),
            ["indirect union leaders | said | The strike will go ahead on Friday"]
        );
        assert_eq!(
            check("According to the coast guard, three boats were damaged in the storm."),
            ["indirect the coast guard | According to | three boats were damaged in the storm"]
        );
    }

    #[test]
    fn phrases_between_speaker_and_cue() {
        assert_eq!(
            check("Varga at the same time stressed that she is “ready to talk to anyone”."),
            ["mixed Varga | stressed | she is “ready to talk to anyone”"]
        );
        assert_eq!(
            check("The envoy had told Radio North on Sunday that the talks were “going nowhere”."),
            ["mixed The envoy | had told | the talks were “going nowhere”"]
        );
    }

    #[test]
    fn refusals_to_comment_are_not_statements() {
        assert_eq!(
            check("The council has not commented on either account."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn scare_quotes_are_not_statements() {
        assert_eq!(
            check("The so-called “peace plan” was never published."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unattributed_long_quotes_keep_an_unknown_speaker() {
        assert_eq!(
            check("The banner read: “We will not be moved from this harbour by anyone at all.”"),
            ["direct - | - | “We will not be moved from this harbour by anyone at all.” [deny]"]
        );
    }

    #[test]
    fn continuation_quotes_take_the_previous_speaker() {
        let text = "“We are ready,” Varga said. “The boats are fuelled and the crews are waiting.”";
        assert_eq!(
            check(text),
            [
                "direct Varga | said | “We are ready,” // “The boats are fuelled and the crews are waiting.”"
            ]
        );
        let text = "Varga said: “We are ready.” “The boats are fuelled and the crews are waiting.”";
        assert_eq!(
            check(text),
            [
                "direct Varga | said | “We are ready.”",
                "direct Varga | - | “The boats are fuelled and the crews are waiting.”"
            ]
        );
    }
}
