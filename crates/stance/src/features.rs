//! What the classifier sees of a (claim, text) pair: a fixed row of numbers.
//!
//! Two kinds of evidence, as in the FNC-1 systems that did best with little data:
//! - **relatedness**: how much of the claim's vocabulary (stemmed content words, names,
//!   numbers, word pairs) the text repeats, overall, in its lead, and in its best sentences;
//! - **stance cues**: words that refute ("hoax", "denied"), hedge ("reportedly", "unconfirmed"),
//!   confirm ("confirmed", "footage") or negate, counted over the whole text, in its lead and
//!   in the sentences that talk about the claim. A refutation next to the claim's words is what
//!   separates a denial from a report that merely mentions one.
//!
//! Words are compared as Snowball stems, hashed to 64 bits, so "denies" meets "denied" and no
//! string is copied per word.

use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

use parallax_text::{WordSet, ascii_lower, is_function_word, words};
use rust_stemmers::{Algorithm, Stemmer};

type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// Cue classes, one bit each in a [`WordSet`] tag.
const REFUTE: u8 = 1;
const HEDGE: u8 = 2;
const CONFIRM: u8 = 4;
const NEGATION: u8 = 8;
const REPORTING: u8 = 16;
const CONTRAST: u8 = 32;
const CUES: [(u8, &str); 6] = [
    (REFUTE, "refute"),
    (HEDGE, "hedge"),
    (CONFIRM, "confirm"),
    (NEGATION, "neg"),
    (REPORTING, "report"),
    (CONTRAST, "contrast"),
];

/// Cue words by class. General English news vocabulary, not drawn from any data set: words a
/// reporter uses to knock a claim down, to keep distance from it, to vouch for it, to negate,
/// and to attribute.
static CUE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut tagged: Vec<(&'static str, u8)> = Vec::new();
    let mut add = |tag: u8, list: &[&'static str]| tagged.extend(list.iter().map(|&w| (w, tag)));
    add(
        REFUTE,
        &[
            "fake",
            "fakes",
            "faked",
            "fraud",
            "fraudulent",
            "hoax",
            "hoaxes",
            "false",
            "falsely",
            "deny",
            "denies",
            "denied",
            "denying",
            "denial",
            "debunk",
            "debunked",
            "debunks",
            "bogus",
            "untrue",
            "myth",
            "satire",
            "satirical",
            "parody",
            "spoof",
            "prank",
            "pranks",
            "fabricated",
            "fabrication",
            "made-up",
            "misleading",
            "baseless",
            "unfounded",
            "incorrect",
            "erroneous",
            "wrong",
            "refute",
            "refuted",
            "refutes",
            "rejected",
            "dismissed",
            "disputed",
            "retract",
            "retracted",
            "retraction",
            "doubt",
            "doubts",
            "doubtful",
            "skeptical",
            "sceptical",
            "photoshopped",
            "doctored",
            "scam",
            "nonsense",
            "lie",
            "lies",
            "lied",
            "contrary",
            "despite",
            "nope",
            "debunking",
            "exaggerated",
            "misinformation",
            "misreading",
            "misquoted",
            "misattributed",
            "mistaken",
            "mistakenly",
            "erroneously",
            "inaccurate",
            "fiction",
            "fictional",
            "invented",
            "staged",
            "skepticism",
            "scepticism",
            "conspiracy",
            "truth",
            "denials",
            "denier",
            "rebuffed",
            "rubbish",
        ],
    );
    add(
        HEDGE,
        &[
            "reportedly",
            "allegedly",
            "alleged",
            "apparently",
            "purportedly",
            "purported",
            "supposedly",
            "claims",
            "claimed",
            "claim",
            "rumor",
            "rumors",
            "rumour",
            "rumours",
            "rumored",
            "rumoured",
            "unconfirmed",
            "unverified",
            "speculation",
            "speculate",
            "speculated",
            "may",
            "might",
            "could",
            "possibly",
            "perhaps",
            "appears",
            "appear",
            "seems",
            "seem",
            "suggests",
            "suggested",
            "suspected",
            "believed",
            "if",
            "whether",
            "unclear",
            "uncertain",
        ],
    );
    add(
        CONFIRM,
        &[
            "confirmed",
            "confirms",
            "confirm",
            "confirmation",
            "official",
            "officially",
            "announced",
            "revealed",
            "verified",
            "indeed",
            "true",
            "proof",
            "proved",
            "proven",
            "evidence",
            "footage",
            "video",
            "photos",
            "pictures",
            "images",
            "shows",
            "showed",
            "captured",
            "actually",
            "finally",
        ],
    );
    add(
        NEGATION,
        &[
            "not",
            "no",
            "never",
            "none",
            "nothing",
            "neither",
            "nor",
            "without",
            "don't",
            "doesn't",
            "didn't",
            "isn't",
            "wasn't",
            "aren't",
            "weren't",
            "won't",
            "can't",
            "cannot",
            "hasn't",
            "haven't",
            "hadn't",
            "wouldn't",
            "couldn't",
            "shouldn't",
        ],
    );
    add(
        REPORTING,
        &[
            "said",
            "says",
            "told",
            "according",
            "reported",
            "reports",
            "report",
            "reporting",
            "stated",
            "statement",
            "tweeted",
            "wrote",
            "posted",
            "sources",
            "source",
        ],
    );
    add(
        CONTRAST,
        &[
            "however",
            "but",
            "yet",
            "although",
            "though",
            "instead",
            "actually",
            "fact",
            "turns",
            "turned",
            "whereas",
            "rather",
            "nevertheless",
            "nonetheless",
        ],
    );
    WordSet::tagged(&tagged)
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Sentences counted as the text's lead.
const LEAD: usize = 3;
/// Share of the claim's content a sentence must repeat to count as being about it.
const ABOUT: f32 = 0.34;

/// The names of the features [`features`] computes, in order. A model must be trained on
/// exactly these.
pub static FEATURE_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names = vec![
        "claim_words",
        "claim_names",
        "claim_question",
        "body_words_log",
        "body_sentences_log",
        "overlap",
        "overlap_names",
        "overlap_numbers",
        "overlap_bigrams",
        "overlap_lead",
        "overlap_first",
        "cosine",
        "best_sentence",
        "second_sentence",
        "about_sentences_log",
        "about_share",
        "first_about_position",
        "quotes_log",
        "questions_log",
        "neg_confirm_about",
        "near_neg",
        "near_refute",
        "near_hedge",
        "near_contrast",
        "near_refute_lead",
    ];
    for (_, cue) in CUES {
        names.push(leak(format!("claim_{cue}")));
        names.push(leak(format!("body_{cue}_rate")));
        names.push(leak(format!("lead_{cue}")));
        names.push(leak(format!("about_{cue}")));
        names.push(leak(format!("best_{cue}")));
    }
    names
});

// The names are built once per process and live for it.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A word reduced to what the comparisons need.
#[derive(Clone, Copy, Debug)]
struct Token {
    /// Hash of the stem; 0 for a function word, which no comparison uses.
    stem: u64,
    cues: u8,
    capital: bool,
    number: bool,
}

fn hash_str(s: &str) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x5eed).build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

fn tokens(text: &str) -> impl Iterator<Item = (usize, Token)> + '_ {
    words(text).map(|w| {
        let mut buf = [0u8; 24];
        let owned;
        let lower: &str = match ascii_lower(w.text, &mut buf) {
            Some(l) => l,
            None => {
                owned = w.text.to_lowercase();
                &owned
            }
        };
        // Curly apostrophes reach the cue list as straight ones.
        let cues = if lower.contains('’') {
            CUE_WORDS.tags(&lower.replace('’', "'"))
        } else {
            CUE_WORDS.tags(lower)
        };
        let number = w.text.bytes().all(|b| b.is_ascii_digit() || b == b',');
        let stem = if is_function_word(lower) {
            0
        } else {
            hash_str(&STEMMER.stem(lower))
        };
        (
            w.start,
            Token {
                stem,
                cues,
                capital: w.is_capitalized(),
                number,
            },
        )
    })
}

/// A sentence ends at `.`, `!` or `?` followed by white space, or at a line break.
fn sentence_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let next_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        if b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && next_space) {
            ends.push(i + 1);
        }
    }
    ends.push(text.len());
    ends
}

struct Sentence {
    tokens: Vec<Token>,
}

/// The claim: its distinct content stems (at most 64, so that a sentence's coverage is a bit
/// mask), which of them are names or numbers, and its stem pairs.
struct Claim {
    stems: Vec<u64>,
    index: FastMap<u64, usize>,
    names: u64,
    numbers: u64,
    bigrams: Vec<u64>,
    cues: [u32; CUES.len()],
    question: bool,
}

fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Claim {
    fn new(text: &str) -> Claim {
        let mut claim = Claim {
            stems: Vec::new(),
            index: FastMap::default(),
            names: 0,
            numbers: 0,
            bigrams: Vec::new(),
            cues: [0; CUES.len()],
            question: text.contains('?'),
        };
        let mut prev = 0u64;
        for (_, t) in tokens(text) {
            count_cues(&mut claim.cues, t.cues);
            if t.stem == 0 {
                continue;
            }
            if prev != 0 {
                claim.bigrams.push(pair(prev, t.stem));
            }
            prev = t.stem;
            let next = claim.stems.len();
            if next >= 64 && !claim.index.contains_key(&t.stem) {
                continue;
            }
            let i = *claim.index.entry(t.stem).or_insert_with(|| {
                claim.stems.push(t.stem);
                next
            });
            if t.capital {
                claim.names |= 1 << i;
            }
            if t.number {
                claim.numbers |= 1 << i;
            }
        }
        claim.bigrams.sort_unstable();
        claim.bigrams.dedup();
        claim
    }

    /// The claim's stems present in `tokens`, as a bit mask.
    fn covered(&self, tokens: &[Token]) -> u64 {
        tokens
            .iter()
            .filter_map(|t| self.index.get(&t.stem))
            .fold(0, |mask, &i| mask | (1 << i))
    }
}

/// Words within this many of a claim word count as said about it.
const NEAR: usize = 4;

/// Negations, refutations, hedges and contrasts within [`NEAR`] words of one of the claim's
/// content words in a sentence: "has not been stolen", "the hoax about the squid".
fn near(claim: &Claim, tokens: &[Token]) -> [u32; 4] {
    let mut out = [0u32; 4];
    let hits: Vec<usize> = (0..tokens.len())
        .filter(|&j| claim.index.contains_key(&tokens[j].stem))
        .collect();
    if hits.is_empty() {
        return out;
    }
    for (j, t) in tokens.iter().enumerate() {
        if t.cues & (NEGATION | REFUTE | HEDGE | CONTRAST) == 0 {
            continue;
        }
        let close = hits.iter().any(|&h| h != j && h.abs_diff(j) <= NEAR);
        if !close {
            continue;
        }
        for (k, bit) in [NEGATION, REFUTE, HEDGE, CONTRAST].iter().enumerate() {
            if t.cues & bit != 0 {
                out[k] += 1;
            }
        }
    }
    out
}

fn count_cues(counts: &mut [u32; CUES.len()], tags: u8) {
    if tags == 0 {
        return;
    }
    for (k, (bit, _)) in CUES.iter().enumerate() {
        if tags & bit != 0 {
            counts[k] += 1;
        }
    }
}

fn share(mask: u64, of: u64) -> f32 {
    if of == 0 {
        return f32::NAN;
    }
    (mask & of).count_ones() as f32 / of.count_ones() as f32
}

/// The feature row of a (claim, text) pair, in the order of [`FEATURE_NAMES`].
pub fn features(claim: &str, text: &str) -> Vec<f32> {
    let claim = Claim::new(claim);
    let all: u64 = if claim.stems.len() >= 64 {
        u64::MAX
    } else {
        (1u64 << claim.stems.len()) - 1
    };

    let mut sentences: Vec<Sentence> = Vec::new();
    let mut body_words = 0usize;
    let mut tf: FastMap<u64, u32> = FastMap::default();
    let mut body_bigrams: FastSet<u64> = FastSet::default();
    let ends = sentence_ends(text);
    let mut end_i = 0;
    let mut current = Sentence { tokens: Vec::new() };
    let mut prev = 0u64;
    for (start, t) in tokens(text) {
        while end_i < ends.len() && start >= ends[end_i] {
            end_i += 1;
            if !current.tokens.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence { tokens: Vec::new() },
                ));
            }
        }
        body_words += 1;
        if t.stem != 0 {
            *tf.entry(t.stem).or_default() += 1;
            if prev != 0 {
                body_bigrams.insert(pair(prev, t.stem));
            }
            prev = t.stem;
        }
        current.tokens.push(t);
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }

    let coverage: Vec<u64> = sentences.iter().map(|s| claim.covered(&s.tokens)).collect();
    let whole = coverage.iter().fold(0, |m, c| m | c);
    let lead = coverage.iter().take(LEAD).fold(0, |m, c| m | c);
    let first = coverage.first().copied().unwrap_or(0);
    let shares: Vec<f32> = coverage.iter().map(|&c| share(c, all)).collect();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by(|&a, &b| shares[b].total_cmp(&shares[a]).then(a.cmp(&b)));
    let best = order.first().map_or(0.0, |&i| shares[i]);
    let second = order.get(1).map_or(0.0, |&i| shares[i]);
    let about: Vec<bool> = shares.iter().map(|&s| s >= ABOUT).collect();
    let about_n = about.iter().filter(|&&a| a).count();
    let first_about = about
        .iter()
        .position(|&a| a)
        .map_or(1.0, |i| i as f32 / sentences.len().max(1) as f32);

    let bigram_share = if claim.bigrams.is_empty() {
        f32::NAN
    } else {
        claim
            .bigrams
            .iter()
            .filter(|b| body_bigrams.contains(b))
            .count() as f32
            / claim.bigrams.len() as f32
    };

    // Cosine of the claim's stem set against the text's sublinear term frequencies.
    let norm_body: f32 = tf
        .values()
        .map(|&c| {
            let w = 1.0 + (c as f32).ln();
            w * w
        })
        .sum::<f32>()
        .sqrt();
    let dot: f32 = claim
        .stems
        .iter()
        .filter_map(|s| tf.get(s))
        .map(|&c| 1.0 + (c as f32).ln())
        .sum();
    let cosine = if norm_body > 0.0 && !claim.stems.is_empty() {
        dot / (norm_body * (claim.stems.len() as f32).sqrt())
    } else {
        0.0
    };

    let mut body_cues = [0u32; CUES.len()];
    let mut lead_cues = [0u32; CUES.len()];
    let mut about_cues = [0u32; CUES.len()];
    let mut best_cues = [0u32; CUES.len()];
    let mut neg_confirm_about = 0u32;
    let mut near_counts = [0u32; 4];
    let mut near_refute_lead = 0u32;
    let best_i = order.first().copied();
    for (i, s) in sentences.iter().enumerate() {
        let mut here = [0u32; CUES.len()];
        for t in &s.tokens {
            count_cues(&mut here, t.cues);
        }
        for k in 0..CUES.len() {
            body_cues[k] += here[k];
            if i < LEAD {
                lead_cues[k] += here[k];
            }
            if about[i] {
                about_cues[k] += here[k];
            }
            if Some(i) == best_i && best > 0.0 {
                best_cues[k] += here[k];
            }
        }
        if about[i] && here[3] > 0 && here[2] > 0 {
            neg_confirm_about += 1;
        }
        if shares[i] > 0.0 {
            let n = near(&claim, &s.tokens);
            for k in 0..near_counts.len() {
                near_counts[k] += n[k];
            }
            if i < LEAD {
                near_refute_lead += n[1];
            }
        }
    }
    let quotes = text
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    let questions = text.bytes().filter(|&b| b == b'?').count();

    let log = |n: usize| (n as f32).ln_1p();
    let mut row = vec![
        claim.stems.len() as f32,
        claim.names.count_ones() as f32,
        f32::from(u8::from(claim.question)),
        log(body_words),
        log(sentences.len()),
        share(whole, all),
        share(whole, claim.names),
        share(whole, claim.numbers),
        bigram_share,
        share(lead, all),
        share(first, all),
        cosine,
        best,
        second,
        log(about_n),
        about_n as f32 / sentences.len().max(1) as f32,
        first_about,
        log(quotes),
        log(questions),
        neg_confirm_about as f32,
        near_counts[0] as f32,
        near_counts[1] as f32,
        near_counts[2] as f32,
        near_counts[3] as f32,
        near_refute_lead as f32,
    ];
    let per_100 = 100.0 / body_words.max(1) as f32;
    for k in 0..CUES.len() {
        row.push(claim.cues[k] as f32);
        row.push(body_cues[k] as f32 * per_100);
        row.push(lead_cues[k] as f32);
        row.push(about_cues[k] as f32);
        row.push(best_cues[k] as f32);
    }
    debug_assert_eq!(row.len(), FEATURE_NAMES.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(row: &[f32], name: &str) -> f32 {
        let i = FEATURE_NAMES
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| panic!("no feature {name}"));
        row[i]
    }

    #[test]
    fn overlap_counts_stems_not_spellings() {
        let row = features(
            "Harbour authority closes the northern pier",
            "The northern piers were closed on Friday. The harbour authorities said repairs \
             would take a month.",
        );
        assert_eq!(named(&row, "claim_words"), 5.0);
        assert_eq!(named(&row, "overlap"), 1.0);
        let unrelated = features(
            "Harbour authority closes the northern pier",
            "A new bakery opened in the old town square to long queues.",
        );
        assert_eq!(named(&unrelated, "overlap"), 0.0);
        assert_eq!(named(&unrelated, "best_sentence"), 0.0);
    }

    #[test]
    fn refutations_count_where_the_claim_is_discussed() {
        let claim = "Giant squid found alive in Lake Norvik";
        let denial = features(
            claim,
            "Officials said the giant squid photo from Lake Norvik was a hoax. The lake is \
             fresh water. Nothing lives there but trout.",
        );
        let elsewhere = features(
            claim,
            "A giant squid was found alive in Lake Norvik. Separately, a hoax about the \
             mayor went round online.",
        );
        assert_eq!(named(&denial, "about_refute"), 1.0);
        assert_eq!(named(&elsewhere, "about_refute"), 0.0);
        assert!(named(&elsewhere, "body_refute_rate") > 0.0);
    }

    #[test]
    fn odd_input_gives_a_full_row() {
        for text in ["", "   ", "?!.", "ünïcödé ’quotes’ — 1,000"] {
            let row = features(text, text);
            assert_eq!(row.len(), FEATURE_NAMES.len());
        }
    }
}
