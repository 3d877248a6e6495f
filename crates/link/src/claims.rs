//! Claims and disputes: the statements of a story lined up by the proposition they bear on,
//! and the propositions that one speaker affirms and another denies.
//!
//! An article gives [`Item`]s ([`items`]): each statement, with the side it takes (denied by
//! its cue, or an incompatible account such as "was staged"), and the sentences the outlet
//! writes in its own voice, spoken by the outlet. A [`ClaimIndex`] then takes items story by
//! story, in arrival order: an item joins the claim whose founding statement shares most of
//! its words, or founds one. Only statements found claims; an outlet's narration joins a claim that a
//! statement founded, so background paragraphs never make claims of their own.
//!
//! Matching compares content words, stemmed (Snowball), with the words that take a side
//! ("not", "denied", "staged") left out, so that "forces shelled the depot" meets "the depot
//! was not shelled". Entities count under their canonical name as well, so "Kyiv" meets
//! "Kiev".
//!
//! Not every statement takes a side. Requests, questions and judgements ("urged", "asked",
//! "mocked") and aims ("to …") assert nothing and are left out; a negation in a clause that
//! only describes something, or one that sets two things against each other ("not X but Y"),
//! denies nothing unless the cue itself denies. Two statements meet on opposite sides only
//! when the negation bears on the other side's words, names aside, and their pronoun subjects
//! can be one person ("he" against "they" cannot).
//!
//! [`disputes`] reads the stored members of a story's claims: a claim is disputed when a named
//! speaker affirms it and another (not the same name, nor its surname) denies it.
//!
//! Like the linker, the index is deterministic and rebuilt from what it emitted: a story's
//! claims are the founders among the members stored for it ([`ClaimIndex::load`]), and a tie
//! between claims goes to the older one, whatever order they were loaded in.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use parallax_text::{WordSet, is_function_word, words};
use rust_stemmers::{Algorithm, Stemmer};

/// One statement of an article, as claims need it. Spans are byte ranges into the text.
#[derive(Clone, Debug)]
pub struct StatementInput<'a> {
    pub content: &'a str,
    pub span: Range<usize>,
    pub speaker: Option<&'a str>,
    /// The words of the cue ("said", "urged", "according to"); empty when none was found.
    pub cue: &'a str,
    /// The statement denies its content ("denied that …", "there was no …").
    pub denies: bool,
}

/// A statement or a sentence in the outlet's voice, ready to be placed in a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The statement's index in its article, or for narration `-1 - k` for the article's
    /// `k`-th sentence.
    pub n: i64,
    /// The speaker's name, the outlet's for narration; empty when the article never names
    /// the speaker.
    pub speaker: String,
    pub denies: bool,
    pub narration: bool,
    pub text: String,
    /// Hashed content terms, sorted, without repeats.
    pub terms: Vec<u32>,
}

/// An item placed in a claim: what is stored, and all that [`disputes`] and a reloaded
/// index need.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub claim: u64,
    pub story: u64,
    pub seq: u64,
    pub n: i64,
    pub speaker: String,
    pub denies: bool,
    pub narration: bool,
    pub text: String,
    pub terms: Vec<u32>,
}

/// Words that make an account incompatible with the claim it shares words with: one side
/// says the thing happened, the other that it was staged, invented or false.
static REFUTING: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "staged",
        "fake",
        "faked",
        "hoax",
        "fabricated",
        "fabrication",
        "false",
        "falsely",
        "lie",
        "lies",
        "provocation",
        "untrue",
        "baseless",
        "unfounded",
        "fiction",
        "fictitious",
        "myth",
        "invented",
        "disinformation",
        "misinformation",
        "propaganda",
        "denied",
        "denies",
        "deny",
        "refuted",
        "rejected",
    ])
});

/// Negations: in narration they deny; in matching they are left out like refuting words.
static NEGATIONS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "not", "no", "never", "none", "nothing", "nobody", "nor", "neither", "didn't", "doesn't",
        "don't", "isn't", "wasn't", "weren't", "aren't", "hasn't", "haven't", "hadn't", "won't",
        "cannot", "can't",
    ])
});

/// Attribution words carry no proposition: "said", "according".
static ATTRIBUTION: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "claimed",
        "claims",
        "claim",
        "stated",
        "added",
        "insisted",
        "reported",
        "reports",
        "announced",
        "confirmed",
        "statement",
        "also",
        "would",
        "could",
    ])
});

/// Cue words whose content is no proposition that another speaker could deny: a request or
/// a question ("urged lawmakers to act", "asked which states he could win"), or a judgement
/// of someone or something ("mocked Rubio for his night", "condemned the attack").
static NON_ASSERTIVE_CUES: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "ask",
        "asked",
        "asks",
        "asking",
        "urge",
        "urged",
        "urges",
        "urging",
        "demand",
        "demanded",
        "demands",
        "request",
        "requested",
        "appeal",
        "appealed",
        "implored",
        "pleaded",
        "begged",
        "encouraged",
        "invited",
        "question",
        "questioned",
        "questions",
        "wondered",
        "wonder",
        "mocked",
        "mocks",
        "ridiculed",
        "praised",
        "praises",
        "hailed",
        "lauded",
        "thanked",
        "criticized",
        "criticised",
        "criticizes",
        "criticises",
        "slammed",
        "blasted",
        "attacked",
        "condemned",
        "condemns",
        "defended",
        "defends",
        "welcomed",
    ])
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words that news uses for one thing, so that "a truce" meets "no ceasefire": each group's
/// stems count as its first word's. The groups stay narrow: a synonym too loose ("attack" for
/// "criticise") would line up statements about different things.
const SYNONYMS: &[&[&str]] = &[
    &["ceasefire", "truce", "armistice", "cease-fire"],
    &["agreement", "accord", "deal", "pact"],
    &["talks", "negotiations"],
    &["negotiate", "negotiated", "negotiating"],
    &["troops", "soldiers"],
    &["killed", "slain"],
    &["shelled", "bombarded"],
    &["shelling", "bombardment"],
    &["airstrike", "airstrikes", "bombing", "bombings"],
    &["withdraw", "withdrew", "withdrawn", "retreat", "retreated"],
    &["withdrawal", "pullout", "pull-out"],
    &["massacre", "slaughter"],
    &["invasion", "incursion"],
    &["resign", "resigned", "quit"],
    &["arrested", "detained"],
    &["arrest", "detention"],
    &["evacuation", "evacuations"],
    &["sanctions", "penalties"],
    &["refugees", "displaced"],
    &["hostages", "captives"],
    &["missile", "rocket"],
];

/// Stem → the stem it counts as ([`SYNONYMS`]).
static SYNONYM_STEMS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    for group in SYNONYMS {
        let head = STEMMER.stem(group[0]).into_owned();
        for w in group.iter().skip(1) {
            out.insert(STEMMER.stem(w).into_owned(), head.clone());
        }
    }
    out
});

/// The top bit of a term marks an entity's canonical name; word stems have it clear.
const ENTITY: u32 = 1 << 31;

fn hash(prefix: u8, s: &str) -> u32 {
    let mut h = foldhash::fast::FixedState::with_seed(0xc1a1).build_hasher();
    h.write_u8(prefix);
    h.write(s.as_bytes());
    h.finish() as u32
}

fn word_term(stem: &str) -> u32 {
    hash(b'w', stem) & !ENTITY
}

fn entity_term(canonical: &str) -> u32 {
    hash(b'e', canonical) | ENTITY
}

fn normalise_apostrophe(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

/// The content terms of `text`: stems of content words, without the words that take a side,
/// plus the canonical name of every entity whose spelling (`aliases`: spelling, canonical
/// name) occurs in it.
pub fn terms(text: &str, aliases: &[(&str, &str)]) -> Vec<u32> {
    let mut out: Vec<u32> = words(text)
        .filter_map(|w| content_term(&normalise_apostrophe(w.text)))
        .collect();
    for (alias, canonical) in aliases {
        if alias.chars().count() >= 3 && contains_word(text, alias) {
            out.push(entity_term(canonical));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The term of a lowercased word that carries content; `None` for short, function,
/// side-taking and attribution words and bare numbers.
fn content_term(lower: &str) -> Option<u32> {
    if lower.chars().count() < 3
        || is_function_word(lower)
        || REFUTING.contains(lower)
        || NEGATIONS.contains(lower)
        || ATTRIBUTION.contains(lower)
        || lower.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let lower = lower.trim_end_matches("'s");
    let stem = STEMMER.stem(lower);
    let stem = SYNONYM_STEMS
        .get(stem.as_ref())
        .map_or(stem.as_ref(), String::as_str);
    Some(word_term(stem))
}

/// Words after a negation that it is taken to bear on, up to the start of a new clause.
const NEGATION_SCOPE: usize = 6;

/// Words that open a clause: a negation before one does not reach past it ("does not
/// represent what the crews want" negates representing, not the crews).
static CLAUSE_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "what", "that", "which", "who", "whom", "whose", "because", "but", "although", "though",
        "while", "when", "where", "if", "unless", "since", "as", "whether",
    ])
});

/// The terms a negation in `text` bears on: the content words among the few after each
/// negation word, names left out (in "would not prosecute Clinton" the negation bears on
/// prosecuting; a statement that merely names Clinton does not answer it). `None` when
/// nothing in the text is negated: a denial then comes from its cue ("denied that") or a
/// refuting word ("was staged") and bears on all of it.
fn negated_terms(text: &str) -> Option<Box<[u32]>> {
    let ws: Vec<(String, bool)> = words(text)
        .map(|w| (normalise_apostrophe(w.text), w.is_capitalized()))
        .collect();
    let mut out = Vec::new();
    let mut negated = false;
    for (i, (w, _)) in ws.iter().enumerate() {
        if NEGATIONS.contains(w) {
            negated = true;
            out.extend(
                ws.iter()
                    .skip(i + 1)
                    .take(NEGATION_SCOPE)
                    .take_while(|(x, _)| !CLAUSE_STARTS.contains(x))
                    .filter(|(_, name)| !name)
                    .filter_map(|(x, _)| content_term(x)),
            );
        }
    }
    if !negated {
        return None;
    }
    out.sort_unstable();
    out.dedup();
    Some(out.into())
}

/// `needle` occurs in `text` with no letter or digit on either side.
fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn has_any(text: &str, set: &WordSet) -> bool {
    words(text).any(|w| set.contains(&normalise_apostrophe(w.text)))
}

/// "not X but Y", "not only X but also Y", "Y, not X": the negation sets one thing against
/// another and denies nothing another speaker said.
fn contrastive(text: &str) -> bool {
    let ws: Vec<(String, usize)> = words(text)
        .map(|w| (normalise_apostrophe(w.text), w.start))
        .collect();
    ws.iter().enumerate().any(|(i, (w, start))| {
        if !NEGATIONS.contains(w) {
            return false;
        }
        let after_a_break = text[..*start].trim_end().ends_with([',', '-', '–', '—']);
        after_a_break
            || ws
                .iter()
                .skip(i + 1)
                .take(12)
                .take_while(|(x, _)| !matches!(x.as_str(), "that" | "because" | "although"))
                .any(|(x, _)| x == "but")
    })
}

/// Whom a statement's content is about when it opens with a personal pronoun ("that he is
/// not ready to …"): in reported speech that is usually the speaker or someone just named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subject {
    First,
    /// "You" in a quote is mostly anyone: "you don't win a nomination by …".
    You,
    He,
    She,
    They,
}

fn subject(content: &str) -> Option<Subject> {
    let mut ws = words(content).map(|w| normalise_apostrophe(w.text));
    let mut first = ws.next()?;
    if first == "that" {
        first = ws.next()?;
    }
    let head = first.split('\'').next().unwrap_or_default();
    match head {
        "i" | "we" => Some(Subject::First),
        "you" => Some(Subject::You),
        "he" => Some(Subject::He),
        "she" => Some(Subject::She),
        "they" => Some(Subject::They),
        _ => None,
    }
}

/// Two statements whose subjects cannot be one person: each speaker speaking of themselves,
/// or "he" against "they". Such statements differ in polarity without disputing anything
/// ("he is not ready to support the bill" against "they would support it").
fn different_subjects(a: (Option<Subject>, &str), b: (Option<Subject>, &str)) -> bool {
    match (a.0, b.0) {
        (Some(Subject::First), Some(Subject::First)) => !same_speaker(a.1, b.1),
        (Some(Subject::You), y) | (y, Some(Subject::You)) => y != Some(Subject::You),
        (Some(x), Some(y)) => x != Subject::First && y != Subject::First && x != y,
        _ => false,
    }
}

/// Two speaker names for one speaker: equal but for case, or one the other's surname
/// ("Trump" and "Donald Trump" in one story).
fn same_speaker(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let last = |s: &str| s.rsplit(' ').next().unwrap_or_default().to_lowercase();
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    !short.contains(' ') && short.chars().count() >= 3 && last(long) == short.to_lowercase()
}

/// Cue words that deny by themselves ("denied that", "dismissed the report").
static DENYING_CUES: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(&[
        "denied",
        "denies",
        "deny",
        "denying",
        "rejected",
        "rejects",
        "reject",
        "refuted",
        "refutes",
        "dismissed",
        "dismisses",
        "disputed",
        "disputes",
        "rebuffed",
        "contradicted",
    ])
});

/// A negation in the main clause of one of the content's sentences: "there was no
/// agreement", not "the book that he doesn't want you to read", where it sits in a clause
/// that only describes something.
fn main_clause_negation(content: &str) -> bool {
    let mut subordinate = false;
    let mut last_end = 0;
    for (i, w) in words(content).enumerate() {
        // A sentence ends between two words: the clause state starts over.
        if content[last_end..w.start].contains(['.', '!', '?', ';']) {
            subordinate = false;
        }
        last_end = w.end();
        let lower = normalise_apostrophe(w.text);
        if NEGATIONS.contains(&lower) && !subordinate {
            return true;
        }
        // The "that" of reported speech opens the content, not a clause within it.
        if CLAUSE_STARTS.contains(&lower) && !(i == 0 && lower == "that") {
            subordinate = true;
        }
    }
    false
}

/// Whether a statement the analysis read as a denial takes the denying side of its content:
/// its cue denies ("denied that …"), or a negation in a main clause does, unless it only
/// sets one thing against another ("not X but Y").
fn takes_denying_side(s: &StatementInput<'_>) -> bool {
    if !s.denies {
        return false;
    }
    if has_any(s.cue, &DENYING_CUES) {
        return true;
    }
    if !has_any(s.content, &NEGATIONS) {
        return true;
    }
    main_clause_negation(s.content) && !contrastive(s.content)
}

/// Words in title case ("Sanders' Wall Street Tax Plan") name a topic, as headlines do; they
/// state no proposition that another speaker could deny. Function words may stay lower case.
fn is_headline(content: &str) -> bool {
    let (mut content_words, mut capitalised) = (0, 0);
    for w in words(content) {
        if is_function_word(w.text) {
            continue;
        }
        content_words += 1;
        capitalised += usize::from(w.is_capitalized());
    }
    content_words >= 2 && capitalised * 10 >= content_words * 8
}

/// Narration sentences outside this range of words are left out: shorter ones are headings
/// and captions, longer ones run-ons that share words with everything.
const NARRATION_WORDS: Range<usize> = 6..60;

/// The items of one article: its statements, then (when its outlet is known) the sentences it
/// writes in its own voice: outside every statement, without quotation marks.
pub fn items(
    text: &str,
    statements: &[StatementInput<'_>],
    aliases: &[(&str, &str)],
    outlet: Option<&str>,
) -> Vec<Item> {
    let mut out = Vec::with_capacity(statements.len());
    for (n, s) in statements.iter().enumerate() {
        // Requests, questions and judgements assert nothing; nor does an aim ("to have it
        // both ways").
        let opens_infinitive = words(s.content)
            .next()
            .is_some_and(|w| w.text.eq_ignore_ascii_case("to"));
        if has_any(s.cue, &NON_ASSERTIVE_CUES) || opens_infinitive {
            continue;
        }
        let terms = terms(s.content, aliases);
        if terms.is_empty() || is_headline(s.content) {
            continue;
        }
        out.push(Item {
            n: n as i64,
            speaker: s.speaker.unwrap_or_default().to_string(),
            denies: takes_denying_side(s) || has_any(s.content, &REFUTING),
            narration: false,
            text: s.content.trim().to_string(),
            terms,
        });
    }
    let Some(outlet) = outlet.map(str::trim).filter(|o| !o.is_empty()) else {
        return out;
    };
    for (k, span) in sentences(text).into_iter().enumerate() {
        let sentence = &text[span.clone()];
        let inside = statements
            .iter()
            .any(|s| s.span.start < span.end && span.start < s.span.end);
        let quoted = sentence.contains(['"', '“', '”']);
        let n_words = words(sentence).count();
        if inside || quoted || !NARRATION_WORDS.contains(&n_words) {
            continue;
        }
        let terms = terms(sentence, aliases);
        if terms.len() < 3 {
            continue;
        }
        out.push(Item {
            n: -1 - k as i64,
            speaker: outlet.to_string(),
            denies: has_any(sentence, &REFUTING) || has_any(sentence, &NEGATIONS),
            narration: true,
            text: sentence.trim().to_string(),
            terms,
        });
    }
    out
}

/// Sentence spans: a sentence ends at `.`, `!` or `?` before white space, or at a line break.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end = if b == b'\n' {
            Some(i)
        } else if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
        {
            Some(i + 1)
        } else {
            None
        };
        if let Some(end) = end {
            if text[start..end].trim().len() > 1 {
                out.push(start..end);
            }
            start = i + 1;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push(start..text.len());
    }
    out
}

/// A claim's id: the article and statement that founded it.
pub fn claim_id(seq: u64, n: i64) -> u64 {
    (seq << 20) | (n.max(0) as u64 & 0xF_FFFF)
}

/// Statements that share fewer content words (names of entities not counted twice) than this
/// never meet.
const MIN_SHARED: usize = 2;
/// Dice similarity a statement needs to join a claim's founder, each term weighted by how
/// rare it is among the story's claims (`ln(1 + (claims + 1) / (claims with it + 1))`).
const STATEMENT_DICE: f32 = 0.34;
/// A statement on the other side of the founder needs more: a dispute claims that two
/// speakers speak of one proposition, and two statements that merely share a topic are not
/// that.
const OPPOSED_DICE: f32 = 0.38;
/// Narration needs more: this many shared words, covering this share of the shorter side.
const NARRATION_SHARED: usize = 4;
const NARRATION_COVER: f32 = 0.6;

/// What matching needs of a claim: its founding statement's terms. Items are compared with
/// the founder alone, never with later members: matching any member let claims drift from
/// statement to statement until one claim held half a story (PolNeAR's Clinton e-mail
/// coverage: "top secret" e-mails, an aide's interview and a judge's schedule in one claim).
#[derive(Debug)]
struct Entry {
    claim: u64,
    denies: bool,
    terms: Box<[u32]>,
    /// What a negation in the founder bears on ([`negated_terms`]).
    negated: Option<Box<[u32]>>,
    /// The founder's pronoun subject and speaker ([`different_subjects`]).
    subject: Option<Subject>,
    speaker: Box<str>,
}

/// What matching reads of an item, or of a claim's founder when stories merge.
struct Probe<'a> {
    terms: &'a [u32],
    narration: bool,
    denies: bool,
    negated: Option<&'a [u32]>,
    subject: Option<Subject>,
    speaker: &'a str,
}

#[derive(Debug, Default)]
struct StoryClaims {
    entries: Vec<Entry>,
    postings: HashMap<u32, Vec<u32>>,
    /// When an article last joined the story, in [`ClaimIndex::clock`] ticks.
    used: u64,
}

impl StoryClaims {
    fn push(&mut self, claim: u64, denies: bool, terms: &[u32], text: &str, speaker: &str) {
        let i = self.entries.len() as u32;
        for &t in terms {
            self.postings.entry(t).or_default().push(i);
        }
        self.entries.push(Entry {
            claim,
            denies,
            terms: terms.into(),
            negated: if denies { negated_terms(text) } else { None },
            subject: subject(text),
            speaker: speaker.into(),
        });
    }

    /// The claim an item joins: the one whose founder it matches best (ties to the older
    /// claim), if any matches well enough.
    fn best(&self, item: &Item) -> Option<u64> {
        let negated = if item.denies {
            negated_terms(&item.text)
        } else {
            None
        };
        self.best_among(
            &Probe {
                terms: &item.terms,
                narration: item.narration,
                denies: item.denies,
                negated: negated.as_deref(),
                subject: subject(&item.text),
                speaker: &item.speaker,
            },
            self.entries.len(),
        )
    }

    /// [`StoryClaims::best`] for a probe, among the first `limit` claims.
    fn best_among(&self, item: &Probe<'_>, limit: usize) -> Option<u64> {
        // Candidates come through the item's rarer terms: a term most claims of a large story
        // carry would make every one of them a candidate, and cannot make one match alone.
        let common = (self.entries.len() / 4).max(32);
        let mut candidates: Vec<u32> = item
            .terms
            .iter()
            .filter_map(|t| self.postings.get(t))
            .filter(|list| list.len() <= common)
            .flatten()
            .copied()
            .filter(|&i| (i as usize) < limit)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Words common across the story's claims ("Trump", "e-mails" in a campaign story)
        // weigh less than the words that tell one proposition from another.
        let weight = |t: &u32| -> f32 {
            let df = self.postings.get(t).map_or(0, Vec::len);
            ((self.entries.len() + 1) as f32 / (df + 1) as f32).ln_1p()
        };
        let item_weight: f32 = item.terms.iter().map(weight).sum();
        let (item_negated, item_subject) = (item.negated, item.subject);
        let mut best: Option<(f32, u64)> = None;
        for i in candidates {
            let m = &self.entries[i as usize];
            // Terms shared, how many of them are words (a name counts as a word and as an
            // entity, so one shared name alone would look like two shared terms), and their
            // weights.
            let (mut s, mut words, mut both, mut own) = (0usize, 0usize, 0f32, 0f32);
            for t in m.terms.iter() {
                let w = weight(t);
                own += w;
                if item.terms.binary_search(t).is_ok() {
                    s += 1;
                    words += usize::from(t & ENTITY == 0);
                    both += w;
                }
            }
            let score = if item.narration {
                if words < NARRATION_SHARED {
                    continue;
                }
                let cover = s as f32 / item.terms.len().min(m.terms.len()) as f32;
                if cover < NARRATION_COVER {
                    continue;
                }
                cover
            } else {
                if words < MIN_SHARED {
                    continue;
                }
                let dice = 2.0 * both / (item_weight + own).max(f32::MIN_POSITIVE);
                let needed = if item.denies == m.denies {
                    STATEMENT_DICE
                } else {
                    // A negation must bear on the other side's words: "doesn't represent
                    // what I want" does not answer "has his share of support".
                    let (scope, other) = if item.denies {
                        (item_negated, &m.terms[..])
                    } else {
                        (m.negated.as_deref(), item.terms)
                    };
                    if scope.is_some_and(|s| !s.iter().any(|t| other.binary_search(t).is_ok())) {
                        continue;
                    }
                    if different_subjects((item_subject, item.speaker), (m.subject, &m.speaker)) {
                        continue;
                    }
                    OPPOSED_DICE
                };
                if dice < needed {
                    continue;
                }
                dice
            };
            let better = match best {
                None => true,
                Some((b, claim)) => score > b || (score == b && m.claim < claim),
            };
            if better {
                best = Some((score, m.claim));
            }
        }
        best.map(|(_, claim)| claim)
    }
}

/// The claims of the stories seen so far, by story. Stories are loaded from the store the
/// first time an article joins them ([`ClaimIndex::is_loaded`], [`ClaimIndex::load`]), and
/// the least recently joined are dropped again when the index outgrows its budget
/// ([`ClaimIndex::evict`]); a dropped story is reloaded, the same, when it grows again.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    stories: HashMap<u64, StoryClaims>,
    entries: usize,
    clock: u64,
}

impl ClaimIndex {
    pub fn new() -> ClaimIndex {
        ClaimIndex::default()
    }

    pub fn is_loaded(&self, story: u64) -> bool {
        self.stories.contains_key(&story)
    }

    /// Claims held (one founder each), over all loaded stories.
    pub fn len(&self) -> usize {
        self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Sets a story's claims from its stored members (in any order): each claim's founder is
    /// the statement its id names.
    pub fn load(&mut self, story: u64, members: &[Member]) {
        let mut claims = StoryClaims::default();
        let mut founders: Vec<&Member> = members
            .iter()
            .filter(|m| !m.narration && m.claim == claim_id(m.seq, m.n))
            .collect();
        founders.sort_by_key(|m| m.claim);
        for m in founders {
            claims.push(m.claim, m.denies, &m.terms, &m.text, &m.speaker);
        }
        self.entries += claims.entries.len();
        if let Some(old) = self.stories.insert(story, claims) {
            self.entries -= old.entries.len();
        }
    }

    /// Folds the claims of `from` into `into`, as the linker folds stories. A claim of `from`
    /// whose founder matches one of `into`'s claims (as a statement arriving in `into` would)
    /// joins it: returned as `(old claim, claim it joins)`, for the caller to relabel the
    /// stored members. Two stories found apart and bridged later may each hold one side of a
    /// dispute.
    pub fn merge(&mut self, from: u64, into: u64) -> Vec<(u64, u64)> {
        let mut joined = Vec::new();
        if from == into {
            return joined;
        }
        let Some(moved) = self.stories.remove(&from) else {
            return joined;
        };
        let target = self.stories.entry(into).or_default();
        target.used = target.used.max(moved.used);
        // Only `into`'s own claims: those of `from` did not match one another before.
        let own = target.entries.len();
        for e in moved.entries {
            let probe = Probe {
                terms: &e.terms,
                narration: false,
                denies: e.denies,
                negated: e.negated.as_deref(),
                subject: e.subject,
                speaker: &e.speaker,
            };
            if let Some(claim) = target.best_among(&probe, own) {
                joined.push((e.claim, claim));
                self.entries -= 1;
                continue;
            }
            let i = target.entries.len() as u32;
            for &t in e.terms.iter() {
                target.postings.entry(t).or_default().push(i);
            }
            target.entries.push(e);
        }
        joined
    }

    /// Places an article's items in its story's claims, in order, and returns the members
    /// to store. Narration that matches no claim is dropped.
    pub fn add(&mut self, story: u64, seq: u64, items: Vec<Item>) -> Vec<Member> {
        self.clock += 1;
        let claims = self.stories.entry(story).or_default();
        claims.used = self.clock;
        let mut out = Vec::new();
        let mut founded_here = 0;
        // Statements first, so that the outlet's narration can join what the article's own
        // speakers claim.
        let (statements, narration): (Vec<Item>, Vec<Item>) =
            items.into_iter().partition(|i| !i.narration);
        for item in statements.into_iter().chain(narration) {
            let claim = match claims.best(&item) {
                Some(c) => c,
                None if item.narration => continue,
                None => {
                    let founded = claim_id(seq, item.n);
                    claims.push(founded, item.denies, &item.terms, &item.text, &item.speaker);
                    founded_here += 1;
                    founded
                }
            };
            out.push(Member {
                claim,
                story,
                seq,
                n: item.n,
                speaker: item.speaker,
                denies: item.denies,
                narration: item.narration,
                text: item.text,
                terms: item.terms,
            });
        }
        self.entries += founded_here;
        out
    }

    /// Drops the least recently joined stories until at most `budget` claims are held.
    /// Call it only when everything [`ClaimIndex::add`] returned is stored, so that a
    /// dropped story reloads complete.
    pub fn evict(&mut self, budget: usize) {
        if self.entries <= budget {
            return;
        }
        let mut by_age: Vec<(u64, u64, usize)> = self
            .stories
            .iter()
            .map(|(&story, c)| (c.used, story, c.entries.len()))
            .collect();
        by_age.sort_unstable();
        for (_, story, n) in by_age {
            if self.entries <= budget / 2 {
                break;
            }
            self.stories.remove(&story);
            self.entries -= n;
        }
    }
}

/// One side of a dispute: a speaker and the members in which they take it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub speaker: String,
    pub denies: bool,
    /// Indices into the members given to [`disputes`].
    pub members: Vec<usize>,
}

/// A claim that one named speaker affirms and another denies.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispute {
    pub claim: u64,
    /// What is disputed, in the words of the affirming statement that shares most words with
    /// the rest of the claim.
    pub topic: String,
    /// Affirming sides first, each side's speaker in order of first appearance.
    pub sides: Vec<Side>,
}

/// The disputes among a story's claim members (in any order): every claim with a named
/// speaker on each side, the two speakers different. Disputes come in the order of their
/// claims.
pub fn disputes(members: &[Member]) -> Vec<Dispute> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&i| (members[i].claim, members[i].seq, members[i].n));
    let mut out = Vec::new();
    for group in order.chunk_by(|&a, &b| members[a].claim == members[b].claim) {
        let named = |i: &&usize| !members[**i].speaker.is_empty();
        let affirm: Vec<&str> = group
            .iter()
            .filter(named)
            .filter(|&&i| !members[i].denies)
            .map(|&i| members[i].speaker.as_str())
            .collect();
        let deny: Vec<&str> = group
            .iter()
            .filter(named)
            .filter(|&&i| members[i].denies)
            .map(|&i| members[i].speaker.as_str())
            .collect();
        let opposed = affirm
            .iter()
            .any(|a| deny.iter().any(|d| !same_speaker(a, d)));
        if !opposed {
            continue;
        }
        let mut sides: Vec<Side> = Vec::new();
        for &i in group.iter().filter(named) {
            let m = &members[i];
            match sides
                .iter_mut()
                .find(|s| s.denies == m.denies && s.speaker.eq_ignore_ascii_case(&m.speaker))
            {
                Some(side) => side.members.push(i),
                None => sides.push(Side {
                    speaker: m.speaker.clone(),
                    denies: m.denies,
                    members: vec![i],
                }),
            }
        }
        sides.sort_by_key(|s| s.denies);
        // The topic is the affirming statement that shares most words with the rest of the
        // claim: the fullest telling of it, rather than whichever came first.
        // Linear in the claim's size: a claim repeated across a large story can hold
        // thousands of members.
        let mut holders: HashMap<u32, usize> = HashMap::new();
        for &i in group {
            for &t in &members[i].terms {
                *holders.entry(t).or_default() += 1;
            }
        }
        let central = |i: usize| -> usize {
            members[i]
                .terms
                .iter()
                .map(|t| holders.get(t).map_or(0, |n| n - 1))
                .sum()
        };
        let topic_member = group
            .iter()
            .copied()
            .filter(|&i| !members[i].denies && !members[i].narration)
            .min_by_key(|&i| (std::cmp::Reverse(central(i)), i))
            .or_else(|| group.iter().copied().find(|&i| !members[i].denies))
            .unwrap_or(group[0]);
        out.push(Dispute {
            claim: members[group[0]].claim,
            topic: shorten(&members[topic_member].text, 160),
            sides,
        });
    }
    out
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim().trim_matches(['"', '“', '”', ',', '.']).trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement<'a>(content: &'a str, speaker: &'a str, denies: bool) -> StatementInput<'a> {
        StatementInput {
            content,
            span: 0..0,
            speaker: Some(speaker),
            cue: "said",
            denies,
        }
    }

    /// Ingests articles (each a list of statements) into one story and returns the
    /// disputes over everything stored.
    fn run(articles: &[Vec<StatementInput<'_>>]) -> (Vec<Member>, Vec<Dispute>) {
        let mut index = ClaimIndex::new();
        let mut stored = Vec::new();
        for (seq, statements) in articles.iter().enumerate() {
            let items = items("", statements, &[], None);
            stored.extend(index.add(1, seq as u64 + 1, items));
        }
        let found = disputes(&stored);
        (stored, found)
    }

    fn speakers(d: &Dispute) -> Vec<(String, bool)> {
        d.sides
            .iter()
            .map(|s| (s.speaker.clone(), s.denies))
            .collect()
    }

    #[test]
    fn an_announcement_and_its_denial_are_a_dispute() {
        let (_, found) = run(&[
            vec![statement(
                "a ceasefire would hold along the Varna river from Monday",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "a ceasefire along the Varna river had been agreed",
                "Tomas Lind",
                true,
            )],
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            speakers(&found[0]),
            [
                ("Ines Varga".to_string(), false),
                ("Tomas Lind".to_string(), true)
            ]
        );
        assert!(found[0].topic.starts_with("a ceasefire would hold"));
    }

    #[test]
    fn yes_he_tried_against_no_he_did_not() {
        let (_, found) = run(&[vec![
            statement(
                "the minister tried to call the Estmark president twice",
                "Piet Salo",
                false,
            ),
            statement(
                "the minister has not tried to call the Estmark president",
                "Estmark foreign ministry",
                true,
            ),
        ]]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sides.len(), 2);
    }

    #[test]
    fn an_incompatible_account_denies_without_a_denying_cue() {
        let (_, found) = run(&[
            vec![statement(
                "Norland troops committed the killings in the village of Dalby",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "the killings in Dalby were staged",
                "Norland defence ministry",
                false,
            )],
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sides[1].speaker, "Norland defence ministry");
        assert!(found[0].sides[1].denies);
    }

    #[test]
    fn the_topic_is_the_fullest_affirming_statement() {
        let (stored, found) = run(&[
            vec![statement(
                "the harbour will reopen on Friday",
                "Piet Salo",
                false,
            )],
            vec![statement(
                "the harbour will reopen to ferries and freight on Friday",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "the harbour will not reopen to ferries on Friday",
                "Tomas Lind",
                true,
            )],
        ]);
        assert!(stored.iter().all(|m| m.claim == stored[0].claim));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].topic,
            "the harbour will reopen to ferries and freight on Friday"
        );
    }

    #[test]
    fn a_negation_must_bear_on_what_the_other_side_said() {
        assert!(!disputed(
            statement(
                "the harbour board has the support of the ferry crews",
                "Ines Varga",
                false
            ),
            statement(
                "the harbour board does not represent what the ferry crews want",
                "Tomas Lind",
                true
            ),
        ));
        let (_, found) = run(&[
            vec![statement(
                "the harbour board raised the ferry fares in May",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "the harbour board did not raise the ferry fares",
                "Tomas Lind",
                true,
            )],
        ]);
        assert_eq!(found.len(), 1);
    }

    fn with_cue<'a>(
        content: &'a str,
        speaker: &'a str,
        denies: bool,
        cue: &'a str,
    ) -> StatementInput<'a> {
        StatementInput {
            cue,
            ..statement(content, speaker, denies)
        }
    }

    /// Whether the two statements, from two articles, make a dispute.
    fn disputed(a: StatementInput<'_>, b: StatementInput<'_>) -> bool {
        !run(&[vec![a], vec![b]]).1.is_empty()
    }

    #[test]
    fn requests_questions_and_judgements_take_no_side() {
        let fares = "the harbour board did not raise the ferry fares";
        assert!(disputed(
            with_cue(
                "the harbour board raised the ferry fares",
                "Ines Varga",
                false,
                "said"
            ),
            statement(fares, "Tomas Lind", true),
        ));
        for cue in ["urged", "asked", "criticized", "questioned"] {
            assert!(
                !disputed(
                    with_cue(
                        "the harbour board raised the ferry fares",
                        "Ines Varga",
                        false,
                        cue
                    ),
                    statement(fares, "Tomas Lind", true),
                ),
                "{cue}"
            );
        }
        // An aim is not a proposition either.
        assert!(!disputed(
            statement(
                "to raise the ferry fares at the harbour board",
                "Ines Varga",
                false
            ),
            statement(fares, "Tomas Lind", true),
        ));
    }

    #[test]
    fn a_negation_inside_a_describing_clause_or_a_contrast_denies_nothing() {
        let plan = "the harbour board will publish the ferry timetable";
        assert!(disputed(
            statement(plan, "Ines Varga", false),
            statement(
                "the harbour board will not publish the ferry timetable",
                "Tomas Lind",
                true
            ),
        ));
        for denial in [
            // The negation describes something; the main clause affirms.
            "the harbour board will publish the ferry timetable that the old board did not publish",
            // "not X but Y" and "Y, not X" set two things against each other.
            "the harbour board will not publish the ferry timetable but print it in the gazette",
            "the harbour board will print the ferry timetable, not publish it",
        ] {
            assert!(
                !disputed(
                    statement(plan, "Ines Varga", false),
                    statement(denial, "Tomas Lind", true)
                ),
                "{denial}"
            );
        }
        // A cue that denies still denies, whatever the clause.
        assert!(disputed(
            statement(plan, "Ines Varga", false),
            with_cue(
                "that the harbour board will publish the ferry timetable that it promised",
                "Tomas Lind",
                true,
                "denied",
            ),
        ));
    }

    #[test]
    fn speakers_speaking_of_different_people_do_not_dispute() {
        // "he" against "they", and two speakers each speaking of themselves.
        assert!(!disputed(
            statement(
                "they would support the Dalby bridge budget",
                "Norland senators",
                false
            ),
            statement(
                "he is not ready to support the Dalby bridge budget",
                "Piet Salo",
                true
            ),
        ));
        assert!(!disputed(
            statement(
                "I will vote for the Dalby bridge budget",
                "Ines Varga",
                false
            ),
            statement(
                "I will not vote for the Dalby bridge budget",
                "Tomas Lind",
                true
            ),
        ));
        // The same pronoun may be the same person: a spokesman's "he tried" and a ministry's
        // "he did not try" are about one minister.
        assert!(disputed(
            statement(
                "he tried to call the Estmark president twice",
                "Piet Salo",
                false
            ),
            statement(
                "he has not tried to call the Estmark president",
                "Estmark foreign ministry",
                true
            ),
        ));
    }

    #[test]
    fn a_negation_bears_on_the_predicate_not_the_names_after_it() {
        assert!(!disputed(
            statement(
                "the Dalby ministry shielded Ines Varga",
                "Tomas Lind",
                false
            ),
            statement(
                "the Dalby ministry would not prosecute Ines Varga",
                "Piet Salo",
                true
            ),
        ));
        assert!(disputed(
            statement(
                "the Dalby ministry prosecuted Ines Varga",
                "Tomas Lind",
                false
            ),
            statement(
                "the Dalby ministry would not prosecute Ines Varga",
                "Piet Salo",
                true
            ),
        ));
    }

    #[test]
    fn words_news_uses_for_one_thing_meet() {
        // The negations bear on "ceasefire" and "bombarded" alone: without synonyms they
        // would not answer "truce" and "shelled".
        assert!(disputed(
            statement("a truce holds in Dalby", "Ines Varga", false),
            statement("Dalby has no ceasefire", "Tomas Lind", true),
        ));
        assert!(disputed(
            statement("Estmark soldiers shelled Dalby", "Ines Varga", false),
            statement("Estmark troops never bombarded Dalby", "Tomas Lind", true),
        ));
    }

    #[test]
    fn a_speaker_named_by_surname_is_the_same_speaker() {
        assert!(!disputed(
            statement(
                "the harbour board raised the ferry fares",
                "Ines Varga",
                false
            ),
            statement(
                "the harbour board did not raise the ferry fares",
                "Varga",
                true
            ),
        ));
        assert!(same_speaker("Varga", "Ines Varga"));
        assert!(!same_speaker("Lind", "Ines Varga"));
    }

    #[test]
    fn a_headline_is_a_topic_not_a_claim() {
        assert!(is_headline("About Minimum Wage"));
        assert!(is_headline("Norland Ferry Fares to Rise in May"));
        assert!(!is_headline("Norland ferry fares will rise in May"));
        assert!(!is_headline("Norland"));
        let (stored, _) = run(&[vec![statement(
            "Ferry Fares Frozen for Another Year",
            "Ines Varga",
            false,
        )]]);
        assert!(stored.is_empty());
    }

    #[test]
    fn the_same_claim_repeated_is_no_dispute() {
        let (stored, found) = run(&[
            vec![statement(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "the harbour would reopen to ferries on Friday",
                "Tomas Lind",
                false,
            )],
        ]);
        assert_eq!(stored[0].claim, stored[1].claim, "one claim");
        assert!(found.is_empty());
    }

    #[test]
    fn a_denial_of_what_no_one_asserted_is_no_dispute() {
        assert!(!disputed(
            statement(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false
            ),
            statement(
                "its troops had shelled the grain depot at Rovna",
                "Tomas Lind",
                true
            ),
        ));
    }

    #[test]
    fn claims_about_different_events_stay_apart() {
        let (stored, found) = run(&[
            vec![statement(
                "Estmark artillery shelled the hospital in Rovna",
                "Ines Varga",
                false,
            )],
            vec![statement(
                "Norland jets bombed a bridge near Dalby",
                "Tomas Lind",
                true,
            )],
        ]);
        assert_ne!(stored[0].claim, stored[1].claim);
        assert!(found.is_empty());
    }

    #[test]
    fn one_speaker_changing_their_mind_is_no_dispute() {
        assert!(!disputed(
            statement(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false
            ),
            statement(
                "the harbour will not reopen to ferries on Friday",
                "Ines Varga",
                true
            ),
        ));
    }

    #[test]
    fn unnamed_speakers_take_no_side() {
        assert!(!disputed(
            statement(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false
            ),
            statement("the harbour will not reopen to ferries on Friday", "", true),
        ));
    }

    #[test]
    fn spellings_of_one_entity_meet_through_its_canonical_name() {
        let aliases = [("Kyiv", "Kyiv"), ("Kiev", "Kyiv")];
        let a = terms("talks in Kyiv collapsed", &aliases);
        let b = terms("talks in Kiev collapsed", &aliases);
        let shared = a.iter().filter(|t| b.contains(t)).count();
        assert_eq!(shared, 3, "talks, collapsed and the entity");
        assert_eq!(a.iter().filter(|&&t| t & ENTITY != 0).count(), 1);
    }

    #[test]
    fn the_outlets_narration_can_stand_against_a_party() {
        let text = "Officials said little on Monday.\nNorland artillery did not shell the grain depot at Rovna on Sunday night.\n";
        let party = [statement(
            "Norland artillery shelled the grain depot at Rovna on Sunday",
            "Estmark defence ministry",
            false,
        )];
        let mut index = ClaimIndex::new();
        let mut stored = index.add(1, 1, items("", &party, &[], None));
        let narration = items(text, &[], &[], Some("Northern Wire"));
        assert_eq!(
            narration.len(),
            1,
            "the short first line is no claim: {narration:?}"
        );
        stored.extend(index.add(1, 2, narration));
        let found = disputes(&stored);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sides[1].speaker, "Northern Wire");
    }

    #[test]
    fn narration_never_founds_a_claim_and_quotes_are_not_narration() {
        let text = "The grain depot at Rovna burned for three days after the shelling.\n\"We lost everything,\" a farmer from the Rovna district told reporters.\n";
        let items = items(text, &[], &[], Some("Northern Wire"));
        assert_eq!(items.len(), 1);
        let mut index = ClaimIndex::new();
        assert!(index.add(1, 1, items).is_empty());
    }

    #[test]
    fn a_reloaded_index_places_items_as_the_first_did() {
        let first = vec![statement(
            "the harbour will reopen to ferries on Friday",
            "Ines Varga",
            false,
        )];
        let second = vec![statement(
            "the harbour will not reopen to ferries on Friday",
            "Tomas Lind",
            true,
        )];
        let mut index = ClaimIndex::new();
        let stored = index.add(7, 1, items("", &first, &[], None));
        let mut reloaded = ClaimIndex::new();
        reloaded.load(7, &stored);
        assert_eq!(
            index.add(7, 2, items("", &second, &[], None)),
            reloaded.add(7, 2, items("", &second, &[], None))
        );
    }

    #[test]
    fn eviction_drops_the_least_recently_joined_stories() {
        let mut index = ClaimIndex::new();
        for story in 1..=4u64 {
            let s = [statement(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false,
            )];
            index.add(story, story, items("", &s, &[], None));
        }
        assert_eq!(index.len(), 4);
        index.evict(4);
        assert_eq!(index.len(), 4, "within budget, nothing goes");
        // Over budget, it drops down to half the budget, oldest first.
        index.evict(3);
        assert!(!index.is_loaded(1) && !index.is_loaded(2) && !index.is_loaded(3));
        assert!(index.is_loaded(4));
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn merged_stories_keep_their_claims() {
        let mut index = ClaimIndex::new();
        let a = index.add(
            1,
            1,
            items(
                "",
                &[statement(
                    "the harbour will reopen to ferries on Friday",
                    "Ines Varga",
                    false,
                )],
                &[],
                None,
            ),
        );
        index.merge(1, 2);
        assert!(!index.is_loaded(1));
        let b = index.add(
            2,
            2,
            items(
                "",
                &[statement(
                    "the harbour will not reopen to ferries on Friday",
                    "Tomas Lind",
                    true,
                )],
                &[],
                None,
            ),
        );
        assert_eq!(a[0].claim, b[0].claim);
    }

    #[test]
    fn claims_of_stories_found_apart_join_when_the_stories_merge() {
        let mut index = ClaimIndex::new();
        let one = |content: &str, speaker: &str, denies: bool| {
            items("", &[statement(content, speaker, denies)], &[], None)
        };
        let mut stored = index.add(
            1,
            1,
            one(
                "the harbour will reopen to ferries on Friday",
                "Ines Varga",
                false,
            ),
        );
        stored.extend(index.add(
            2,
            2,
            one(
                "the harbour will not reopen to ferries on Friday",
                "Tomas Lind",
                true,
            ),
        ));
        // A claim about something else stays its own.
        stored.extend(index.add(
            2,
            3,
            one(
                "the Dalby bridge tolls rise by a tenth in June",
                "Piet Salo",
                false,
            ),
        ));
        assert!(disputes(&stored).is_empty());
        assert_eq!(index.len(), 3);
        let joins = index.merge(2, 1);
        assert_eq!(joins, [(stored[1].claim, stored[0].claim)]);
        assert_eq!(index.len(), 2);
        // The caller moves the stored members, as the store does.
        for m in &mut stored {
            m.story = 1;
            if let Some(&(_, joined)) = joins.iter().find(|(old, _)| *old == m.claim) {
                m.claim = joined;
            }
        }
        let found = disputes(&stored);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sides.len(), 2);
        // An index rebuilt from the moved members places the next statement as this one does.
        let next = one(
            "the harbour stays shut to ferries on Friday",
            "Dalby port",
            true,
        );
        let mut reloaded = ClaimIndex::new();
        reloaded.load(1, &stored);
        assert_eq!(reloaded.len(), index.len());
        assert_eq!(
            index.add(1, 4, next.clone())[0].claim,
            reloaded.add(1, 4, next)[0].claim
        );
    }
}
