//! Attribution as sequence labelling: every token of a paragraph is outside, or begins,
//! continues, ends or alone makes a source, a cue or a content span (BILOU over three
//! roles), decided by averaged perceptrons trained on annotated news
//! (`examples/train_attribution.rs`) in two passes, the second seeing the first's labels.
//!
//! The rules of [`crate::attribution`] are not thrown away: their reading of the paragraph
//! is one of the model's features, beside the words, their shapes and stems, the quotation
//! marks, the reporting-verb lexicon, the cue words learned from the training data and the
//! distance to the nearest cue. The model learns where the rules are right and fixes what
//! they cannot see (beliefs, "according to" chains, content boundaries). Tagged spans are
//! then grouped into statements around their cues ([`find_statements`]).

use std::sync::LazyLock;

use parallax_learn::{Perceptron, Sequence, fnv, mix_key};
use parallax_model::{Span, StatementKind};

use crate::attribution::{Found, negated};
use crate::lexicon::{is_negation, is_pronoun, is_role_word, is_title, verb};
use crate::quotes::{Quote, find_quotes};
use crate::sentences::{Sentence, all_sentences, is_opener, paragraphs};

/// The labels, in the order the model numbers them: BILOU (begin, inside, last, unit) over
/// three roles, so that the model learns where spans end as well as where they start.
pub const LABELS: [&str; 13] = [
    "O", "B-SRC", "I-SRC", "L-SRC", "U-SRC", "B-CUE", "I-CUE", "L-CUE", "U-CUE", "B-CON", "I-CON",
    "L-CON", "U-CON",
];

/// The role a span plays in an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    fn base(self) -> u16 {
        match self {
            Role::Source => 1,
            Role::Cue => 5,
            Role::Content => 9,
        }
    }

    /// The role of a label, and whether the label opens a span (B or U).
    fn of(label: u16) -> Option<(Role, bool)> {
        let role = match label {
            1..=4 => Role::Source,
            5..=8 => Role::Cue,
            9..=12 => Role::Content,
            _ => return None,
        };
        let offset = label - role.base();
        Some((role, offset == 0 || offset == 3))
    }
}

/// A token: a run of letters and digits (with inner apostrophes, hyphens, full stops and
/// commas: "didn’t", "U.S", "157,449"), or one other visible character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Index of the token's sentence within the whole text.
    pub sentence: u32,
}

/// One paragraph, ready for the model.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    pub tokens: Vec<Token>,
    pub seq: Sequence,
    /// The part of `seq` that later passes see too.
    pub core: Sequence,
    /// No quote, no cue word, nothing the rules read as an attribution: the paragraph is
    /// narration, and tagging skips it (its `seq` is then empty).
    pub quiet: bool,
}

/// Words that were cues in the training data often enough to count as cues: learned with
/// the model (`models/attribution_cues.txt`: word, tab, how often it was a cue), so that
/// "has learned", "pointed out" or "seems" count as cues without a hand-written list.
#[derive(Debug, Clone, Default)]
pub struct CueWords(crate::FastMap<String, f32>);

impl CueWords {
    pub fn from_text(text: &str) -> CueWords {
        CueWords(
            text.lines()
                .filter_map(|l| {
                    let (w, r) = l.split_once('\t')?;
                    Some((w.to_string(), r.parse().ok()?))
                })
                .collect(),
        )
    }

    /// From counts: how often each word occurs and how often inside a cue.
    pub fn learn(counts: &std::collections::HashMap<String, (u32, u32)>) -> CueWords {
        const MIN_CUE: u32 = 3;
        const MIN_SHARE: f32 = 0.2;
        CueWords(
            counts
                .iter()
                .filter(|(_, (_, cue))| *cue >= MIN_CUE)
                .map(|(w, (all, cue))| (w.clone(), *cue as f32 / *all as f32))
                .filter(|(_, r)| *r >= MIN_SHARE)
                .collect(),
        )
    }

    pub fn to_text(&self) -> String {
        let mut words: Vec<(&String, &f32)> = self.0.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        words
            .iter()
            .map(|(w, r)| format!("{w}\t{r:.2}\n"))
            .collect()
    }

    fn class(&self, lower: &str) -> Option<&'static str> {
        self.0
            .get(lower)
            .map(|&r| if r >= 0.6 { "cue+" } else { "cue" })
    }
}

static CUE_WORDS: LazyLock<CueWords> =
    LazyLock::new(|| CueWords::from_text(include_str!("../models/attribution_cues.txt")));

/// How many passes the shipped tagger makes.
pub const PASSES: usize = 2;

/// The passes: the first labels tokens from their own features; each later pass also sees
/// the labels of the pass before around each token (where the cues and sources are in the
/// sentence and paragraph), which a first-order model cannot see on its own.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub passes: Vec<Perceptron>,
}

impl Tagger {
    /// The labels of one paragraph.
    pub fn tag(&self, par: &Paragraph) -> Vec<u16> {
        let Some((first, rest)) = self.passes.split_first().filter(|_| !par.quiet) else {
            return vec![0; par.tokens.len()];
        };
        let mut tags = first.tag(&par.seq);
        for pass in rest {
            // Where the first pass found nothing at all, later passes, which mostly move
            // the edges of what it found, have nothing to work from: skip them (no change
            // in PolNeAR dev scores).
            if tags.iter().all(|&t| t == 0) {
                break;
            }
            tags = pass.tag(&stack(par, &tags));
        }
        tags
    }
}

static MODEL: LazyLock<Option<Tagger>> = LazyLock::new(|| {
    let files = [
        include_str!("../models/attribution.txt"),
        include_str!("../models/attribution_pass2.txt"),
    ];
    let passes = files
        .iter()
        .map(|f| Perceptron::from_text(f).ok())
        .collect::<Option<Vec<_>>>()?;
    Some(Tagger { passes })
});

/// The shipped model; `None` only if a file in the repository is damaged, which a test
/// guards against.
pub fn model() -> Option<&'static Tagger> {
    MODEL.as_ref()
}

/// Every statement in `text`, in text order, read by the model.
pub fn find_statements(text: &str, model: &Tagger) -> Vec<Found> {
    let sentences = all_sentences(text);
    let quotes = find_quotes(text);
    let rules = crate::attribution::find_statements_in(text, &sentences, &quotes);
    let paras = featurize_with(text, &sentences, &quotes, &rules, &CUE_WORDS, false);
    let mut out: Vec<Found> = Vec::new();
    let mut lead_in = None;
    for (p, par) in paras.iter().enumerate() {
        let tags = model.tag(par);
        let pieces = pieces(text, par, &tags);
        lead_in = group(text, &sentences, p, par, &pieces, lead_in, &mut out);
    }
    let layout = crate::layout::find(text);
    if !layout.is_empty() {
        out.retain(|f| !layout.iter().any(|l| crate::layout::covers(l, f)));
        out.extend(layout);
        out.sort_by_key(|f| (f.sentence.start, f.content.first().map(|c| c.start)));
    }
    // Where the model found a cue but no speaker, take the rules' speaker for the same cue.
    // (Taking any noun phrase right before the cue as well costs 0.003 source F1 on
    // PolNeAR dev: its sourceless attributions stay sourceless.)
    for f in out.iter_mut().filter(|f| f.mention.is_none()) {
        let Some(cue) = f.cue else { continue };
        f.mention = rules
            .iter()
            .find(|r| r.mention.is_some() && r.cue.is_some_and(|c| c.overlaps(cue)))
            .and_then(|r| r.mention);
    }
    drop_echoes(text, &mut out);
    fold_citations(text, &mut out);
    // "has not commented on", "declined to comment", "did not respond to": a refusal to
    // speak is not a statement.
    out.retain(|f| {
        !f.cue.is_some_and(|c| {
            let first = f.content.first().map_or("", |s| s.slice(text));
            is_refusal(c.slice(text), first)
        })
    });
    // With no speaker, only a word that reports or believes makes an attribution; the rest
    // ("the so-called “woke” agenda was debated") is narration around a scare quote.
    // Words with neither speaker nor cue are someone's only when quoted.
    out.retain(|f| f.mention.is_some() || f.cue.is_some() || f.kind != StatementKind::Indirect);
    out.retain(|f| {
        f.mention.is_some()
            || f.cue.is_none_or(|c| {
                tokenize(text, c).iter().any(|t| {
                    let w = t.span.slice(text);
                    // A cue class, but not a word that is only sometimes part of a cue.
                    let class = lexical_class(w, &w.to_lowercase(), &CUE_WORDS);
                    is_cue_class(class) && class != "cue"
                })
            })
    });
    out
}

/// "X said Y, according to TASS" is one statement of X's that came through TASS, not also
/// a statement of TASS's: a statement whose words another statement already carries, and
/// whose speaker is in that statement's `via` chain, goes.
fn drop_echoes(text: &str, out: &mut Vec<Found>) {
    let mut keep = vec![true; out.len()];
    for (i, f) in out.iter().enumerate() {
        let Some(mention) = f.mention else { continue };
        let sentence = f.sentence;
        let echo = out.iter().enumerate().any(|(j, g)| {
            j != i
                && keep[j]
                && g.content == f.content
                && g.mention.is_some_and(|m| m != mention)
                && crate::chain::via(text, sentence, g.mention, &g.content)
                    .iter()
                    .any(|v| mention.slice(text).contains(v.as_str()))
        });
        if echo {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
}

/// A cue that refuses ("has not", "declined") to comment or respond, the verb in the cue or
/// in the first words after it ("declined | to comment on the report").
fn is_refusal(cue: &str, content: &str) -> bool {
    let cue = cue.to_lowercase();
    let refuses = cue
        .split_whitespace()
        .any(|w| is_negation(w) || matches!(w, "declined" | "declines" | "refused" | "refuses"));
    let content = content.to_lowercase();
    let speaks = |w: &str| w.starts_with("comment") || w.starts_with("respond") || w == "return";
    refuses
        && (cue.split_whitespace().any(speaks) || content.split_whitespace().take(3).any(speaks))
}

/// "X said, citing Y, that Z": Y is a channel of X's statement (its `via`), not a
/// statement of its own. The "citing" reading goes; what it held besides Y joins the
/// statement beside it in the sentence.
fn fold_citations(text: &str, out: &mut Vec<Found>) {
    let mut i = 0;
    while i < out.len() {
        let Some(cue) = out[i].cue else {
            i += 1;
            continue;
        };
        if !cue.slice(text).to_lowercase().starts_with("citing") {
            i += 1;
            continue;
        }
        let f = out[i].clone();
        let host = (0..out.len())
            .filter(|&j| j != i && out[j].sentence.overlaps(f.sentence))
            .max_by_key(|&j| (out[j].mention.is_some(), out[j].cue.is_some()));
        if f.mention.is_none() && !crate::chain::cites_channel(&text[cue.end..]) {
            // "X closed the plant, citing a threat to health": the reason X gave is X's
            // statement, with "citing" as its cue.
            out[i].mention = host.and_then(|j| out[j].mention);
            i += 1;
            continue;
        }
        // The channel is what the model took for the speaker of "citing", else the first
        // words after it.
        let cited = match f.mention {
            Some(_) => None,
            None => f
                .content
                .iter()
                .copied()
                .filter(|c| c.start >= cue.end)
                .min(),
        };
        let Some(j) = host else {
            i += 1;
            continue;
        };
        let mut content: Vec<Span> = out[j]
            .content
            .iter()
            .copied()
            .filter(|c| Some(*c) != cited)
            .collect();
        for c in &f.content {
            if Some(*c) != cited && !content.contains(c) {
                content.push(*c);
            }
        }
        content.sort();
        if content.is_empty() {
            i += 1;
            continue;
        }
        out[j].content = content;
        out.remove(i);
    }
}

/// A cue at the end of a paragraph that ends in a colon ("The minister told the
/// assembly:"), waiting for the quote in the next paragraph.
#[derive(Debug, Clone, Copy)]
struct LeadIn {
    mention: Option<Span>,
    cue: Span,
    sentence: Span,
    paragraph: usize,
}

/// Each label's name, hashed, as the second pass reads the first's labels.
fn role_name(tag: u16) -> u64 {
    const NAMES: [u64; 13] = {
        let mut names = [0; 13];
        let mut i = 0;
        while i < 13 {
            names[i] = fnv(LABELS[i].as_bytes());
            i += 1;
        }
        names
    };
    NAMES.get(tag as usize).copied().unwrap_or(NONE_MARK)
}

/// The second pass's features: the first pass's, and what the first pass decided around
/// each token.
pub fn stack(par: &Paragraph, first: &[u16]) -> Sequence {
    let n = par.tokens.len();
    let tag = |i: isize| -> u64 {
        if i < 0 {
            START
        } else if i as usize >= n {
            END
        } else {
            role_name(first[i as usize])
        }
    };
    let is = |i: usize, role: Role| Role::of(first[i]).is_some_and(|(r, _)| r == role);
    // Nearest predicted cue and source, left and right, in the paragraph.
    let nearest = |role: Role| -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let mut last = None;
        let left: Vec<Option<usize>> = (0..n)
            .map(|i| {
                let before = last;
                if is(i, role) {
                    last = Some(i);
                }
                before
            })
            .collect();
        let mut right = vec![None; n];
        let mut next = None;
        for i in (0..n).rev() {
            right[i] = next;
            if is(i, role) {
                next = Some(i);
            }
        }
        (left, right)
    };
    let (cue_l, cue_r) = nearest(Role::Cue);
    let (src_l, src_r) = nearest(Role::Source);
    let same_sentence = |i: usize, j: Option<usize>| {
        j.is_some_and(|j| par.tokens[i].sentence == par.tokens[j].sentence)
    };
    let para_cues = (0..n).any(|i| is(i, Role::Cue));
    // The first and last token of each token's sentence.
    let same = |i: usize, j: usize| par.tokens[i].sentence == par.tokens[j].sentence;
    let mut first_of = vec![0usize; n];
    for i in 1..n {
        first_of[i] = if same(i, i - 1) { first_of[i - 1] } else { i };
    }
    let mut last_of = vec![n.saturating_sub(1); n];
    for i in (0..n.saturating_sub(1)).rev() {
        last_of[i] = if same(i, i + 1) { last_of[i + 1] } else { i };
    }
    // The first pass's kept features and thirteen more a token: room for them at once.
    let mut seq = Sequence::new();
    seq.feats.reserve(par.core.feats.len() + 13 * n);
    seq.offsets.reserve(n);
    for i in 0..n {
        seq.feats.extend_from_slice(par.core.item(i));
        let at = i as isize;
        let f = &mut seq.feats;
        f.push(mix_key(100, &[tag(at)]));
        f.push(mix_key(101, &[tag(at - 1), tag(at)]));
        f.push(mix_key(102, &[tag(at), tag(at + 1)]));
        f.push(mix_key(
            103,
            &[tag(at - 2), tag(at - 1), tag(at), tag(at + 1), tag(at + 2)],
        ));
        let d = |j: Option<usize>| j.map_or(NONE, |j| bucket(i.abs_diff(j)));
        let ss = |j: Option<usize>| {
            if same_sentence(i, j) {
                SAME_SENTENCE
            } else {
                SAME_PARAGRAPH
            }
        };
        f.push(mix_key(104, &[d(cue_l[i]), ss(cue_l[i]), tag(at)]));
        f.push(mix_key(105, &[d(cue_r[i]), ss(cue_r[i]), tag(at)]));
        f.push(mix_key(106, &[d(src_l[i]), ss(src_l[i]), d(cue_l[i])]));
        f.push(mix_key(107, &[d(src_r[i]), ss(src_r[i]), d(cue_r[i])]));
        f.push(mix_key(
            108,
            &[if para_cues { PARA_CUES } else { NONE_MARK }, tag(at)],
        ));
        let sl = if same_sentence(i, cue_l[i]) {
            LEFT
        } else {
            NONE_MARK
        };
        let sr = if same_sentence(i, cue_r[i]) {
            RIGHT
        } else {
            NONE_MARK
        };
        f.push(mix_key(109, &[sl, sr, tag(at)]));
        // The neighbouring sentences' edges: content runs on across sentences.
        let (a, b) = (first_of[i], last_of[i]);
        f.push(mix_key(
            110,
            &[tag(a as isize - 1), tag(at), tag(b as isize + 1)],
        ));
        f.push(mix_key(111, &[tag(a as isize), tag(at), tag(b as isize)]));
        f.push(mix_key(112, &[tag(at), bucket(b - i), bucket(i - a)]));
        seq.end_item();
    }
    seq
}

/// The paragraphs of `text` as tokens and features.
/// `all`: compute features for quiet paragraphs too (training needs them).
/// `rules` is what [`crate::attribution::find_statements`] reads in `text`.
pub fn featurize(
    text: &str,
    sentences: &[Sentence],
    rules: &[Found],
    cues: &CueWords,
    all: bool,
) -> Vec<Paragraph> {
    featurize_with(text, sentences, &find_quotes(text), rules, cues, all)
}

/// [`featurize`], given the text's quotes ([`find_quotes`]).
fn featurize_with(
    text: &str,
    sentences: &[Sentence],
    quotes: &[Quote],
    rules: &[Found],
    cues: &CueWords,
    all: bool,
) -> Vec<Paragraph> {
    let mut rule_spans: Vec<(Span, Role)> = Vec::new();
    for f in rules {
        if let Some(m) = f.mention {
            rule_spans.push((m, Role::Source));
        }
        if let Some(c) = f.cue {
            rule_spans.push((c, Role::Cue));
        }
        for &c in &f.content {
            rule_spans.push((c, Role::Content));
        }
    }
    let mut out = Vec::new();
    let mut sentence = 0usize;
    let mut classes = crate::FastMap::default();
    for para in paragraphs(text) {
        let mut tokens = tokenize(text, para);
        for t in &mut tokens {
            while sentence + 1 < sentences.len() && sentences[sentence].span.end <= t.span.start {
                sentence += 1;
            }
            t.sentence = sentence as u32;
        }
        // Only what touches this paragraph: a token looks through these.
        let para_quotes: Vec<Quote> = quotes
            .iter()
            .filter(|q| q.span.overlaps(para))
            .copied()
            .collect();
        let para_rules: Vec<(Span, Role)> = rule_spans
            .iter()
            .filter(|(s, _)| s.overlaps(para))
            .copied()
            .collect();
        let words = Words::of(text, &tokens, cues, &mut classes);
        let quiet = para_quotes.is_empty()
            && para_rules.is_empty()
            && !words.class.iter().any(|c| is_cue_class(c));
        let (seq, core) = if quiet && !all {
            (Sequence::new(), Sequence::new())
        } else {
            features(&tokens, &words, &para_quotes, &para_rules)
        };
        out.push(Paragraph {
            span: para,
            tokens,
            seq,
            core,
            quiet,
        });
    }
    out
}

pub fn tokenize(text: &str, para: Span) -> Vec<Token> {
    let s = para.slice(text);
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            loop {
                match it.peek() {
                    Some(&(_, d)) if d.is_alphanumeric() => {
                        end += d.len_utf8();
                        it.next();
                    }
                    Some(&(j, d)) if matches!(d, '\'' | '’' | '-' | '.' | ',') => {
                        // Inner joiners only: a letter or digit must follow.
                        let next = s[j + d.len_utf8()..].chars().next();
                        let joins = match d {
                            ',' => {
                                s[i..end].bytes().all(|b| b.is_ascii_digit())
                                    && next.is_some_and(|n| n.is_ascii_digit())
                            }
                            _ => next.is_some_and(char::is_alphanumeric),
                        };
                        if !joins {
                            break;
                        }
                        end += d.len_utf8();
                        it.next();
                    }
                    _ => break,
                }
            }
        }
        out.push(Token {
            span: Span::new(para.start + i, para.start + end),
            sentence: 0,
        });
    }
    out
}

/// A word class from the lexicons: what the rules know about a word without context.
fn lexical_class(word: &str, lower: &str, cues: &CueWords) -> &'static str {
    if let Some(c) = cues.class(lower) {
        return c;
    }
    if let Some(v) = verb(word) {
        return match (v.deny, v.ambiguous) {
            (true, _) => "deny",
            (false, true) => "verb?",
            (false, false) => "verb",
        };
    }
    if BELIEF.contains(&lower) {
        "belief"
    } else if lower == "according" {
        "according"
    } else if is_pronoun(word) {
        "pron"
    } else if is_title(word) {
        "title"
    } else if is_role_word(lower) {
        "role"
    } else if is_negation(word) {
        "neg"
    } else {
        "-"
    }
}

/// Verbs of thinking and wanting: attributions too, though not speech.
const BELIEF: &[&str] = &[
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
    "fear",
    "fears",
    "feared",
    "feel",
    "feels",
    "felt",
    "expect",
    "expects",
    "expected",
    "know",
    "knows",
    "knew",
    "show",
    "shows",
    "showed",
    "found",
    "finds",
    "worry",
    "worried",
    "worries",
    "wonder",
    "wondered",
    "criticized",
    "criticised",
    "praised",
    "called",
    "calls",
    "blamed",
    "believing",
    "supports",
    "supported",
    "opposes",
    "opposed",
];

fn is_cue_class(class: &str) -> bool {
    matches!(
        class,
        "deny" | "verb" | "verb?" | "belief" | "according" | "cue" | "cue+"
    )
}

/// A crude English stem: the word without its inflection ("pledged", "pledges",
/// "pledging" give "pledg").
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ied", "ies", "ed", "es", "s", "e", "y"] {
        if let Some(s) = word.strip_suffix(suffix)
            && s.len() >= 3
        {
            return s;
        }
    }
    word
}

fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return "";
    };
    if first.is_numeric() {
        return "d";
    }
    if !first.is_alphabetic() {
        return match first {
            '"' | '“' | '”' | '«' | '»' | '„' => "q",
            '\'' | '‘' | '’' => "s",
            ',' => ",",
            '.' | '!' | '?' | '…' => ".",
            ':' => ":",
            ';' => ";",
            '(' | '[' => "(",
            ')' | ']' => ")",
            '—' | '–' | '-' => "-",
            _ => "p",
        };
    }
    if first.is_uppercase() {
        if word.chars().all(|c| !c.is_lowercase()) && word.chars().count() > 1 {
            "A"
        } else {
            "X"
        }
    } else {
        "x"
    }
}

/// A distance in tokens, in classes that widen with it, as a hashed part.
fn bucket(d: usize) -> u64 {
    const BUCKETS: [u64; 8] = [
        fnv(b"0"),
        fnv(b"1"),
        fnv(b"2"),
        fnv(b"3"),
        fnv(b"4-6"),
        fnv(b"7-12"),
        fnv(b"13-25"),
        fnv(b"26+"),
    ];
    BUCKETS[match d {
        0..=3 => d,
        4..=6 => 4,
        7..=12 => 5,
        13..=25 => 6,
        _ => 7,
    }]
}

/// Parts that are marks rather than words, hashed at compile time: before the first token,
/// after the last, none, and the flags some templates read.
const START: u64 = fnv(b"^");
const END: u64 = fnv(b"$");
const NONE_MARK: u64 = fnv(b"-");
const NONE: u64 = fnv(b"none");
const LAST: u64 = fnv(b"L");
const COMMA: u64 = fnv(b",");
const COLON: u64 = fnv(b":");
const PARA_QUOTE: u64 = fnv(b"pq");
const SENTENCE_CUE: u64 = fnv(b"sc");
const SAME_SENTENCE: u64 = fnv(b"s");
const SAME_PARAGRAPH: u64 = fnv(b"p");
const PARA_CUES: u64 = fnv(b"pc");
const LEFT: u64 = fnv(b"L");
const RIGHT: u64 = fnv(b"R");

/// A paragraph's words: as written, lowercased (cut at 24 characters: longer words are
/// not worth a feature each) and their lexicon class.
struct Words<'a> {
    text: Vec<&'a str>,
    /// Every word's lower case, one after another, and where each ends: one string for the
    /// paragraph rather than one per word.
    lower_buf: String,
    lower_ends: Vec<usize>,
    class: Vec<&'static str>,
}

impl<'a> Words<'a> {
    /// `classes` remembers each written form's lexicon class across an article's
    /// paragraphs: most words recur, and the class takes several lexicon lookups.
    fn of(
        text: &'a str,
        tokens: &[Token],
        cues: &CueWords,
        classes: &mut crate::FastMap<&'a str, &'static str>,
    ) -> Words<'a> {
        let text: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        let mut lower_buf = String::with_capacity(text.iter().map(|w| w.len()).sum());
        let mut lower_ends = Vec::with_capacity(text.len());
        for w in &text {
            if w.is_ascii() {
                lower_buf.extend(
                    w.bytes()
                        .take(24)
                        .map(|b| char::from(b.to_ascii_lowercase())),
                );
            } else {
                // `str::to_lowercase`, which knows the word-final sigma.
                lower_buf.extend(w.to_lowercase().chars().take(24));
            }
            lower_ends.push(lower_buf.len());
        }
        let mut words = Words {
            text,
            lower_buf,
            lower_ends,
            class: Vec::new(),
        };
        words.class = (0..words.text.len())
            .map(|i| {
                let w = words.text[i];
                *classes
                    .entry(w)
                    .or_insert_with(|| lexical_class(w, words.lower(i), cues))
            })
            .collect();
        words
    }

    fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] };
        &self.lower_buf[start..self.lower_ends[i]]
    }
}

/// The features of every token of one paragraph.
fn features(
    tokens: &[Token],
    words: &Words<'_>,
    quotes: &[Quote],
    rule_spans: &[(Span, Role)],
) -> (Sequence, Sequence) {
    let n = tokens.len();
    let class = &words.class;
    let lower: Vec<&str> = (0..n).map(|i| words.lower(i)).collect();
    let shapes: Vec<&str> = words.text.iter().map(|w| shape(w)).collect();
    // Classes learned from unlabelled news: looked up here, where a paragraph is tagged,
    // not for the quiet paragraphs that `featurize` skips.
    let clusters: Vec<&[u8]> = lower
        .iter()
        .map(|l| crate::word_classes::class_of(l))
        .collect();
    // Quote state: outside, opening mark, inside, closing mark.
    let qstate: Vec<&[u8]> = tokens
        .iter()
        .map(|t| {
            match quotes
                .iter()
                .find(|q| q.span.contains(t.span) || q.span.overlaps(t.span))
            {
                None => b"out" as &[u8],
                Some(q) if t.span.start == q.span.start => b"open",
                Some(q) if t.span.end == q.span.end && q.closed => b"close",
                Some(q) if q.inner.len() < 40 => b"in-short",
                Some(_) => b"in",
            }
        })
        .collect();
    let rule: Vec<&[u8]> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let hit = rule_spans.iter().find(|(s, _)| s.overlaps(t.span));
            match hit {
                None => b"O" as &[u8],
                Some((s, role)) => {
                    let begin =
                        s.start >= t.span.start || i == 0 || !s.overlaps(tokens[i - 1].span);
                    match (role, begin) {
                        (Role::Source, true) => b"B-S",
                        (Role::Source, false) => b"I-S",
                        (Role::Cue, true) => b"B-C",
                        (Role::Cue, false) => b"I-C",
                        (Role::Content, true) => b"B-T",
                        (Role::Content, false) => b"I-T",
                    }
                }
            }
        })
        .collect();
    // Nearest cue word left and right, within the sentence.
    let mut left_cue: Vec<Option<usize>> = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if i > 0 && tokens[i].sentence != tokens[i - 1].sentence {
            last = None;
        }
        left_cue[i] = last;
        if is_cue_class(class[i]) {
            last = Some(i);
        }
    }
    let mut right_cue: Vec<Option<usize>> = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if i + 1 < n && tokens[i].sentence != tokens[i + 1].sentence {
            next = None;
        }
        right_cue[i] = next;
        if is_cue_class(class[i]) {
            next = Some(i);
        }
    }
    let para_has_quote = qstate.iter().any(|q| *q != b"out");

    // Every part a template reads, hashed once a token: a feature's key then only mixes
    // the hashes of its parts ([`mix_key`]).
    fn hashes<T: AsRef<[u8]>>(parts: &[T]) -> Vec<u64> {
        parts.iter().map(|p| fnv(p.as_ref())).collect()
    }
    let lower_h = hashes(&lower);
    let shape_h = hashes(&shapes);
    let class_h = hashes(class);
    let cluster_h = hashes(&clusters);
    let qstate_h = hashes(&qstate);
    let rule_h = hashes(&rule);
    let w = |i: isize| -> u64 {
        if i < 0 {
            START
        } else if i as usize >= n {
            END
        } else {
            lower_h[i as usize]
        }
    };
    let sh = |i: isize| -> u64 {
        if i < 0 {
            START
        } else if i as usize >= n {
            END
        } else {
            shape_h[i as usize]
        }
    };
    let rl = |i: isize| -> u64 {
        if i < 0 || i as usize >= n {
            NONE_MARK
        } else {
            rule_h[i as usize]
        }
    };
    let qs = |i: isize| -> u64 {
        if i < 0 || i as usize >= n {
            NONE_MARK
        } else {
            qstate_h[i as usize]
        }
    };

    // The last token of each token's sentence.
    let mut sent_end_of = vec![0usize; n];
    for i in (0..n).rev() {
        sent_end_of[i] = if i + 1 < n && tokens[i + 1].sentence == tokens[i].sentence {
            sent_end_of[i + 1]
        } else {
            i
        };
    }
    // Commas and colons around each token, found in one pass each way rather than by a
    // walk from every token: the nearest comma before the token in its sentence
    // (`comma_before[i] < i`), the nearest at or after it (`comma_from[i] >= i`), and
    // whether a colon comes earlier in its sentence.
    let is_comma: Vec<bool> = shapes.iter().map(|&s| s == ",").collect();
    let mut comma_before: Vec<Option<usize>> = vec![None; n];
    let mut colon_before = vec![false; n];
    for i in 1..n {
        if tokens[i].sentence == tokens[i - 1].sentence {
            comma_before[i] = if is_comma[i - 1] {
                Some(i - 1)
            } else {
                comma_before[i - 1]
            };
            colon_before[i] = colon_before[i - 1] || shapes[i - 1] == ":";
        }
    }
    let mut comma_from: Vec<Option<usize>> = vec![None; n + 1];
    for i in (0..n).rev() {
        comma_from[i] = if is_comma[i] {
            Some(i)
        } else {
            comma_from[i + 1]
        };
    }
    // Some forty features a token, a dozen of them kept for later passes: room for them
    // at once, not by doubling.
    let mut seq = Sequence::new();
    seq.feats.reserve(n * 40);
    seq.offsets.reserve(n);
    let mut core = Sequence::new();
    core.feats.reserve(n * KEPT_IN_LATER_PASSES.len());
    core.offsets.reserve(n);
    let mut sent_start = 0usize;
    for i in 0..n {
        if i > 0 && tokens[i].sentence != tokens[i - 1].sentence {
            sent_start = i;
        }
        let at = i as isize;
        let mut f = Push {
            seq: &mut seq,
            core: &mut core,
        };
        f.push(0, &[]);
        f.push(1, &[w(at)]);
        f.push(2, &[w(at - 1)]);
        f.push(3, &[w(at + 1)]);
        f.push(4, &[w(at - 2)]);
        f.push(5, &[w(at + 2)]);
        f.push(6, &[w(at - 1), w(at)]);
        f.push(7, &[w(at), w(at + 1)]);
        f.push(8, &[sh(at)]);
        f.push(9, &[sh(at - 1), sh(at), sh(at + 1)]);
        let lw = lower[i].as_bytes();
        f.push(10, &[fnv(&lw[lw.len().saturating_sub(3)..])]);
        f.push(11, &[class_h[i]]);
        let cl = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                NONE_MARK
            } else {
                class_h[j as usize]
            }
        };
        f.push(12, &[cl(at - 1), cl(at + 1)]);
        f.push(13, &[qs(at)]);
        f.push(14, &[qs(at), sh(at)]);
        f.push(15, &[qs(at - 1), qs(at), qs(at + 1)]);
        f.push(16, &[rl(at)]);
        f.push(17, &[rl(at - 1), rl(at), rl(at + 1)]);
        f.push(18, &[rl(at), qs(at)]);
        let pos = i - sent_start;
        let last_in_sentence = i + 1 == n || tokens[i + 1].sentence != tokens[i].sentence;
        f.push(
            19,
            &[bucket(pos), if last_in_sentence { LAST } else { NONE_MARK }],
        );
        let left = left_cue[i].map(|j| (i - j, lower_h[j]));
        let right = right_cue[i].map(|j| (j - i, lower_h[j]));
        f.push(20, &[left.map_or(NONE, |(d, _)| bucket(d))]);
        f.push(21, &[right.map_or(NONE, |(d, _)| bucket(d))]);
        f.push(22, &[left.map_or(NONE, |(_, w)| w)]);
        f.push(23, &[right.map_or(NONE, |(_, w)| w)]);
        // A comma between here and the cue to the right: content before ", she said".
        let comma_right = right_cue[i].is_some_and(|j| comma_from[i].is_some_and(|c| c < j));
        f.push(
            24,
            &[
                right.map_or(NONE, |(d, _)| bucket(d)),
                if comma_right { COMMA } else { NONE_MARK },
                qs(at),
            ],
        );
        // The word after the cue to the left: "said that", "said the", "according to".
        let after_left = left_cue[i].map_or(NONE, |j| w(j as isize + 1));
        f.push(25, &[after_left, sh(at)]);
        f.push(
            26,
            &[
                if para_has_quote {
                    PARA_QUOTE
                } else {
                    NONE_MARK
                },
                if left.is_some() || right.is_some() {
                    SENTENCE_CUE
                } else {
                    NONE_MARK
                },
            ],
        );
        f.push(27, &[rl(at), w(at)]);
        f.push(28, &[class_h[i], w(at - 1)]);
        f.push(29, &[class_h[i], w(at + 1)]);
        let sent_end = sent_end_of[i];
        let to_end = bucket(sent_end - i);
        f.push(30, &[to_end, sh(at)]);
        f.push(31, &[w(at), qs(at)]);
        let colon_before = colon_before[i];
        f.push(
            32,
            &[if colon_before { COLON } else { NONE_MARK }, qs(at), rl(at)],
        );
        f.push(33, &[w(at), right.map_or(NONE, |(d, _)| bucket(d))]);
        f.push(34, &[w(at), left.map_or(NONE, |(d, _)| bucket(d))]);
        f.push(35, &[bucket(pos), to_end, rl(at)]);
        f.push(
            36,
            &[
                sh(at),
                right.map_or(NONE, |(_, w)| w),
                left.map_or(NONE, |(_, w)| w),
            ],
        );
        f.push(37, &[fnv(&lw[..lw.len().min(3)])]);
        // Stems carry what the training data taught about one form of a verb over to its
        // others: "pledge" and "pledges" were cues, so "pledged" likely is.
        let stem_h = fnv(stem(lower[i]).as_bytes());
        f.push(44, &[stem_h]);
        f.push(45, &[stem_h, right.map_or(NONE, |(d, _)| bucket(d))]);
        f.push(38, &[w(at - 3)]);
        f.push(39, &[w(at + 3)]);
        let comma_l = comma_before[i].map(|j| i - j);
        let comma_r = comma_from[i + 1].filter(|&j| j <= sent_end).map(|j| j - i);
        f.push(
            40,
            &[
                comma_l.map_or(NONE, bucket),
                comma_r.map_or(NONE, bucket),
                sh(at),
            ],
        );
        f.push(41, &[cl(at - 2), cl(at - 1), cl(at), cl(at + 1)]);
        f.push(42, &[sh(at - 2), sh(at - 1), sh(at)]);
        f.push(43, &[sh(at), sh(at + 1), sh(at + 2)]);
        let cu = |j: isize| -> u64 {
            if j < 0 {
                START
            } else if j as usize >= n {
                END
            } else {
                cluster_h[j as usize]
            }
        };
        f.push(46, &[cu(at)]);
        f.push(47, &[cu(at - 1)]);
        f.push(48, &[cu(at + 1)]);
        f.push(49, &[cu(at - 1), cu(at)]);
        f.push(50, &[cu(at), cu(at + 1)]);
        seq.end_item();
        core.end_item();
    }
    (seq, core)
}

/// Templates left out: they cost a lookup a token each and made no difference on PolNeAR
/// dev.
const DROPPED: [u8; 11] = [4, 5, 9, 12, 15, 26, 38, 39, 41, 42, 43];

/// First-pass templates that later passes see too: the words around, shape, lexicon
/// class, quote state, the rules' reading, the distance to a cue. All of them would double
/// the later passes' time for little gain.
const KEPT_IN_LATER_PASSES: [u8; 12] = [0, 1, 2, 3, 6, 7, 8, 11, 13, 16, 20, 21];

struct Push<'a> {
    seq: &'a mut Sequence,
    core: &'a mut Sequence,
}

impl Push<'_> {
    fn push(&mut self, template: u8, parts: &[u64]) {
        if DROPPED.contains(&template) {
            return;
        }
        let key = mix_key(template, parts);
        self.seq.feats.push(key);
        if KEPT_IN_LATER_PASSES.contains(&template) {
            self.core.feats.push(key);
        }
    }
}

/// Gold labels for a paragraph's tokens from annotated spans (training).
pub fn gold_tags(par: &Paragraph, spans: &[(Role, Span)]) -> Vec<u16> {
    let mut tags = vec![0u16; par.tokens.len()];
    for &(role, span) in spans {
        let covered: Vec<usize> = (0..par.tokens.len())
            .filter(|&i| tags[i] == 0 && span.overlaps(par.tokens[i].span))
            .collect();
        // A fragment is one run of tokens; tokens taken by an earlier fragment cut it.
        let mut k = 0;
        while k < covered.len() {
            let mut end = k;
            while end + 1 < covered.len() && covered[end + 1] == covered[end] + 1 {
                end += 1;
            }
            let b = role.base();
            if k == end {
                tags[covered[k]] = b + 3;
            } else {
                tags[covered[k]] = b;
                for &i in &covered[k + 1..end] {
                    tags[i] = b + 1;
                }
                tags[covered[end]] = b + 2;
            }
            k = end + 1;
        }
    }
    tags
}

/// A tagged span.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub role: Role,
    pub span: Span,
    pub first: usize,
    pub last: usize,
    pub sentence: u32,
    /// The piece opens with a quotation mark.
    pub quoted: bool,
}

/// The spans of a paragraph's tags: each B run with its I's.
pub fn pieces(text: &str, par: &Paragraph, tags: &[u16]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for (i, (&tag, tok)) in tags.iter().zip(&par.tokens).enumerate() {
        let Some((role, begin)) = Role::of(tag) else {
            continue;
        };
        match out.last_mut() {
            Some(p) if !begin && p.role == role && p.last + 1 == i => {
                p.last = i;
                p.span.end = tok.span.end;
            }
            _ => out.push(Piece {
                role,
                span: tok.span,
                first: i,
                last: i,
                sentence: tok.sentence,
                quoted: tok.span.slice(text).starts_with(is_opener),
            }),
        }
    }
    // Reported words never start or end on a comma, colon or semicolon (a quote keeps its
    // own: `“We stay,”` ends on the closing mark).
    let stray = |i: usize| matches!(par.tokens[i].span.slice(text), "," | ";" | ":");
    out.retain_mut(|p| {
        if p.role != Role::Content {
            return true;
        }
        while p.first < p.last && stray(p.last) {
            p.last -= 1;
        }
        while p.first < p.last && stray(p.first) {
            p.first += 1;
        }
        p.span = Span::new(par.tokens[p.first].span.start, par.tokens[p.last].span.end);
        !(p.first == p.last && stray(p.first))
    });
    out
}

fn distance(a: &Piece, b: &Piece) -> usize {
    if a.last < b.first {
        b.first - a.last
    } else {
        a.first.saturating_sub(b.last)
    }
}

/// Statements from one paragraph's pieces: one per cue, with the nearest source (one each)
/// and every content piece that is nearer to it than to any other cue. Content with no cue
/// in its paragraph continues the statement just before when it is a quote following it,
/// else it is a statement whose speaker the article does not name.
fn group(
    text: &str,
    sentences: &[Sentence],
    p: usize,
    par: &Paragraph,
    pieces: &[Piece],
    lead_in: Option<LeadIn>,
    out: &mut Vec<Found>,
) -> Option<LeadIn> {
    let cues: Vec<&Piece> = pieces.iter().filter(|x| x.role == Role::Cue).collect();
    let sources: Vec<&Piece> = pieces.iter().filter(|x| x.role == Role::Source).collect();
    let contents: Vec<&Piece> = pieces.iter().filter(|x| x.role == Role::Content).collect();
    let sentence_span = |s: u32| sentences.get(s as usize).map_or(par.span, |s| s.span);
    if cues.is_empty() {
        if contents.is_empty() {
            return None;
        }
        let spans: Vec<Span> = contents.iter().map(|c| c.span).collect();
        let quoted = spans[0].slice(text).starts_with(is_opener);
        if let Some(l) = lead_in.filter(|l| quoted && l.paragraph + 1 == p) {
            let kind = kind_of(text, &spans);
            let deny = cue_denies(text, l.cue) || negated(text, spans[0], kind);
            out.push(Found {
                mention: l.mention,
                cue: Some(l.cue),
                kind,
                deny,
                sentence: l.sentence,
                content: spans,
            });
            return None;
        }
        let prev = out.last_mut().filter(|f| {
            quoted
                && f.kind != StatementKind::Indirect
                && sentences
                    .iter()
                    .find(|s| s.span.contains(f.sentence) || s.span.overlaps(f.sentence))
                    .is_some_and(|s| s.paragraph + 1 == p)
        });
        match prev {
            Some(f) => f.content.extend(spans),
            None => {
                let kind = kind_of(text, &spans);
                let deny = negated(text, spans[0], kind);
                out.push(Found {
                    mention: None,
                    cue: None,
                    kind,
                    deny,
                    sentence: sentence_span(contents[0].sentence),
                    content: spans,
                });
            }
        }
        return None;
    }
    // ", saying …", ", adding …": a participle after a comma reports for the subject of
    // the clause before it, whose cue is the one before in the sentence; so does a verb
    // joined by "and" ("denied the report and said …"). "According to" and "citing" name a
    // channel, not the same speaker.
    let shares_subject: Vec<bool> = cues
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            if ci == 0 || cues[ci - 1].sentence != c.sentence || c.first == 0 {
                return false;
            }
            let before = par.tokens[c.first - 1].span.slice(text);
            let first = c
                .span
                .slice(text)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if first == "according" || first == "citing" {
                return false;
            }
            before == "and" || (before == "," && first.len() > 4 && first.ends_with("ing"))
        })
        .collect();
    // Sources to cues, nearest pairs first, one source per cue; same sentence first.
    let mut pairs: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (si, s) in sources.iter().enumerate() {
        for (ci, c) in cues.iter().enumerate() {
            if shares_subject[ci] {
                continue;
            }
            let other_sentence = usize::from(s.sentence != c.sentence);
            // "X rejected claims by Y that …": Y is whose claims they were, not who
            // rejected them; a source after its cue behind "by" comes last.
            let behind_by = s.first > c.last
                && s.first > 0
                && par.tokens[s.first - 1]
                    .span
                    .slice(text)
                    .eq_ignore_ascii_case("by");
            pairs.push((
                other_sentence + usize::from(behind_by),
                distance(s, c),
                si,
                ci,
            ));
        }
    }
    pairs.sort_unstable();
    let mut source_of: Vec<Option<Span>> = vec![None; cues.len()];
    let mut source_used = vec![false; sources.len()];
    for (_, _, si, ci) in pairs {
        if source_used[si] || source_of[ci].is_some() {
            continue;
        }
        source_used[si] = true;
        source_of[ci] = Some(sources[si].span);
    }
    for ci in 1..cues.len() {
        if shares_subject[ci] {
            source_of[ci] = source_of[ci - 1];
        }
    }
    let mut content_of: Vec<Vec<Span>> = vec![Vec::new(); cues.len()];
    for c in &contents {
        let best = cues
            .iter()
            .enumerate()
            // Words of a verb that shares its subject follow it.
            .filter(|&(qi, q)| !shares_subject[qi] || c.first > q.last)
            .min_by_key(|(_, q)| (distance(c, q), usize::from(q.sentence != c.sentence)))
            .map(|(i, _)| i);
        if let Some(i) = best {
            content_of[i].push(c.span);
        }
    }
    // A cue left without content shares the nearest content piece: two attributions of
    // one clause ("X, Y said, citing Z") are better than losing the cue and its source.
    let shared: Vec<Option<Span>> = cues
        .iter()
        .enumerate()
        .map(|(ci, cue)| {
            if !content_of[ci].is_empty() || source_of[ci].is_none() {
                return None;
            }
            contents
                .iter()
                .filter(|c| c.sentence == cue.sentence)
                .min_by_key(|c| distance(c, cue))
                .map(|c| c.span)
        })
        .collect();
    let mut waiting = None;
    for (ci, cue) in cues.iter().enumerate() {
        let mut content = std::mem::take(&mut content_of[ci]);
        content.extend(shared[ci]);
        if content.is_empty() {
            let rest = &text[cue.span.end..par.span.end];
            if ci + 1 == cues.len() && rest.trim_end().ends_with(':') {
                waiting = Some(LeadIn {
                    mention: source_of[ci],
                    cue: cue.span,
                    sentence: sentence_span(cue.sentence),
                    paragraph: p,
                });
            }
            continue;
        }
        let kind = kind_of(text, &content);
        let deny = cue_denies(text, cue.span) || negated(text, content[0], kind);
        out.push(Found {
            mention: source_of[ci],
            cue: Some(cue.span),
            kind,
            deny,
            sentence: sentence_span(cue.sentence),
            content,
        });
    }
    waiting
}

fn cue_denies(text: &str, cue: Span) -> bool {
    cue.slice(text)
        .split_whitespace()
        .any(|w| verb(w).is_some_and(|v| v.deny))
}

/// Direct when every piece is a quotation, mixed when a quotation sits inside reported
/// words, else indirect.
fn kind_of(text: &str, content: &[Span]) -> StatementKind {
    let quoted = |s: &Span| s.slice(text).starts_with(is_opener);
    if content.iter().all(quoted) {
        StatementKind::Direct
    } else if content.iter().any(|s| {
        s.slice(text)
            .chars()
            .any(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„'))
    }) {
        StatementKind::Mixed
    } else {
        StatementKind::Indirect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn tokens_keep_inner_joiners() {
        assert_eq!(
            words("“It didn’t,” the U.S. envoy said of 157,449 well-kept votes."),
            [
                "“",
                "It",
                "didn’t",
                ",",
                "”",
                "the",
                "U.S",
                ".",
                "envoy",
                "said",
                "of",
                "157,449",
                "well-kept",
                "votes",
                "."
            ]
        );
        assert_eq!(words("Yes, 3, 4"), ["Yes", ",", "3", ",", "4"]);
    }

    #[test]
    fn gold_spans_become_bio_tags() {
        let text = "Ines Varga said the fares stay.";
        let sentences = all_sentences(text);
        let par = featurize(text, &sentences, &[], &CueWords::default(), true).remove(0);
        let tags = gold_tags(
            &par,
            &[
                (Role::Source, Span::new(0, 10)),
                (Role::Cue, Span::new(11, 15)),
                (Role::Content, Span::new(16, 30)),
            ],
        );
        assert_eq!(tags, [1, 3, 8, 9, 10, 11, 0]);
        let spans: Vec<(Role, &str)> = pieces(text, &par, &tags)
            .iter()
            .map(|p| (p.role, p.span.slice(text)))
            .collect();
        assert_eq!(
            spans,
            [
                (Role::Source, "Ines Varga"),
                (Role::Cue, "said"),
                (Role::Content, "the fares stay")
            ]
        );
    }

    #[test]
    fn the_shipped_model_loads() {
        let m = model().expect("models/attribution*.txt parse");
        assert_eq!(m.passes.len(), PASSES);
        for p in &m.passes {
            assert_eq!(p.labels(), LABELS);
            assert!(p.n_features() > 1000);
        }
    }
}
