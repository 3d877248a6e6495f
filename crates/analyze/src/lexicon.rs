//! Word lists for attribution: the verbs that report speech in all their forms, the nouns
//! that name roles, the titles that stand before names, and the words that never belong to
//! a speaker's name.

use std::sync::LazyLock;

use parallax_text::WordSet;

/// What a reporting verb tells us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// The verb denies its complement ("denied that …", "rejected claims …").
    pub deny: bool,
    /// The verb's form is also a common noun or adjective ("claims", "states", "notes"), so
    /// it counts as a cue only where a verb fits.
    pub ambiguous: bool,
}

/// Reporting verbs: base form, then irregular past forms when the regular ones do not apply.
/// Regular forms (`-s`, `-ed`, `-ing`) are generated.
const VERBS: &[(&str, &[&str])] = &[
    ("say", &["said", "says", "saying"]),
    ("tell", &["told"]),
    ("write", &["wrote", "written", "writing"]),
    ("add", &[]),
    ("insist", &[]),
    ("deny", &["denied", "denies"]),
    ("reject", &[]),
    ("dismiss", &["dismisses"]),
    ("refute", &[]),
    ("urge", &[]),
    ("warn", &[]),
    ("emphasize", &[]),
    ("emphasise", &[]),
    ("stress", &["stresses"]),
    ("note", &[]),
    ("explain", &[]),
    ("declare", &[]),
    ("announce", &[]),
    ("argue", &[]),
    ("claim", &[]),
    ("ask", &[]),
    ("reply", &["replied", "replies"]),
    ("respond", &[]),
    ("acknowledge", &[]),
    ("admit", &["admitted", "admitting"]),
    ("confirm", &[]),
    ("suggest", &[]),
    ("assert", &[]),
    ("state", &[]),
    ("comment", &[]),
    ("observe", &[]),
    ("remark", &[]),
    ("recall", &[]),
    ("predict", &[]),
    ("promise", &[]),
    ("vow", &[]),
    ("pledge", &[]),
    ("threaten", &[]),
    ("allege", &[]),
    ("maintain", &[]),
    ("contend", &[]),
    ("report", &[]),
    ("tweet", &[]),
    ("post", &[]),
    ("complain", &[]),
    ("concede", &[]),
    ("caution", &[]),
    ("mention", &[]),
    ("reiterate", &[]),
    ("repeat", &[]),
    ("estimate", &[]),
    ("testify", &["testified", "testifies"]),
    ("counter", &[]),
    ("retort", &[]),
    ("quip", &["quipped", "quipping"]),
    ("shout", &[]),
    ("conclude", &[]),
    ("advise", &[]),
    ("accuse", &[]),
    ("demand", &[]),
    ("agree", &["agreed", "agrees", "agreeing"]),
    ("continue", &[]),
    ("describe", &[]),
];

/// Forms that are as often nouns or adjectives as verbs.
const AMBIGUOUS: &[&str] = &[
    "claim",
    "claims",
    "comment",
    "comments",
    "counter",
    "estimate",
    "estimates",
    "note",
    "notes",
    "post",
    "posts",
    "posted",
    "promise",
    "promises",
    "report",
    "reports",
    "state",
    "states",
    "stress",
    "tweet",
    "tweets",
    "demand",
    "demands",
    "continue",
    "continued",
    "continues",
    "describe",
    "describes",
    "described",
    "repeat",
    "concluded",
    "agreed",
];

const DENY: &[&str] = &["deny", "reject", "dismiss", "refute"];

/// Every form of every reporting verb, tagged [`VERB`], [`DENIES`] and [`AMBIGUOUS_FORM`].
static FORMS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut tagged: Vec<(&'static str, u8)> = Vec::new();
    for &(base, irregular) in VERBS {
        let deny = DENY.contains(&base);
        let mut forms: Vec<String> = irregular.iter().map(|s| s.to_string()).collect();
        forms.push(base.to_string());
        let stem = base.strip_suffix('e').unwrap_or(base);
        if !irregular
            .iter()
            .any(|f| f.ends_with('s') && f.len() > base.len())
        {
            forms.push(if base.ends_with("ss") || base.ends_with("sh") {
                format!("{base}es")
            } else {
                format!("{base}s")
            });
        }
        if !irregular.iter().any(|f| f.ends_with("ing")) {
            forms.push(format!("{stem}ing"));
        }
        if !irregular
            .iter()
            .any(|f| f.ends_with('d') || f.ends_with('t'))
            || base == "post"
        {
            forms.push(if base.ends_with('e') {
                format!("{base}d")
            } else {
                format!("{base}ed")
            });
        }
        for f in forms {
            let mut tags = VERB;
            if deny {
                tags |= DENIES;
            }
            if AMBIGUOUS.contains(&f.as_str()) {
                tags |= AMBIGUOUS_FORM;
            }
            // Built once per process from a fixed table: a few hundred short strings.
            tagged.push((Box::leak(f.into_boxed_str()), tags));
        }
    }
    WordSet::tagged(&tagged)
});

const VERB: u8 = 1;
const DENIES: u8 = 2;
const AMBIGUOUS_FORM: u8 = 4;

/// The reporting verb `word` is a form of, if any.
pub fn verb(word: &str) -> Option<Verb> {
    let tags = FORMS.tags(word);
    (tags & VERB != 0).then_some(Verb {
        deny: tags & DENIES != 0,
        ambiguous: tags & AMBIGUOUS_FORM != 0,
    })
}

/// A word in capitals as a name is written in running text: "VARGA" → "Varga".
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect()
}

/// Auxiliaries that join a reporting verb in its cue ("has denied", "would say").
pub fn is_auxiliary(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "did"
            | "does"
            | "do"
            | "shall"
            | "should"
            | "may"
            | "might"
            | "can"
            | "has't"
            | "also"
            | "not"
            | "never"
            | "repeatedly"
            | "previously"
            | "reportedly"
            | "flatly"
            | "firmly"
            | "strongly"
            | "publicly"
            | "later"
            | "then"
            | "again"
            | "further"
            | "recently"
            | "earlier"
            | "once"
            | "already"
            | "vehemently"
            | "angrily"
            | "quickly"
    )
}

/// Words that negate what a clause asserts.
pub fn is_negation(word: &str) -> bool {
    // Compared without lowercasing a copy: this runs for nearly every word of an article.
    const WORDS: [&str; 9] = [
        "no", "not", "never", "nobody", "none", "nothing", "neither", "nor", "cannot",
    ];
    let ends = |suffix: &str| {
        word.len() >= suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) || ends("n't") || ends("n’t")
}

/// Personal pronouns that can be a speaker.
pub fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "they" | "it" | "we" | "I" | "He" | "She" | "They" | "It" | "We"
    )
}

/// Nouns and modifiers that make up a role ("the foreign ministry spokeswoman", "a senior
/// official", "the board's chair"). Lowercase.
const ROLE_WORDS: &[&str] = &[
    "administration",
    "adviser",
    "advisers",
    "advisor",
    "agency",
    "aide",
    "aides",
    "ambassador",
    "analyst",
    "analysts",
    "army",
    "authorities",
    "authority",
    "board",
    "boss",
    "bureau",
    "cabinet",
    "campaign",
    "candidate",
    "captain",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "citizens",
    "coach",
    "commander",
    "commission",
    "committee",
    "company",
    "congress",
    "council",
    "court",
    "critics",
    "defence",
    "defense",
    "department",
    "deputy",
    "diplomat",
    "diplomats",
    "director",
    "doctors",
    "economist",
    "economists",
    "embassy",
    "envoy",
    "executive",
    "expert",
    "experts",
    "federal",
    "firm",
    "foreign",
    "former",
    "founder",
    "general",
    "government",
    "governor",
    "group",
    "head",
    "health",
    "interior",
    "investigators",
    "judge",
    "justice",
    "lawmaker",
    "lawmakers",
    "lawyer",
    "lawyers",
    "leader",
    "leaders",
    "local",
    "manager",
    "master",
    "mayor",
    "member",
    "members",
    "military",
    "minister",
    "ministry",
    "mission",
    "navy",
    "office",
    "officer",
    "officers",
    "official",
    "officials",
    "operator",
    "opposition",
    "organisation",
    "organisers",
    "organization",
    "organizers",
    "owner",
    "parliament",
    "party",
    "people",
    "police",
    "president",
    "press",
    "prime",
    "prosecutor",
    "prosecutors",
    "regulator",
    "representative",
    "researchers",
    "residents",
    "secretary",
    "security",
    "senator",
    "senior",
    "service",
    "source",
    "sources",
    "speaker",
    "spokesman",
    "spokespeople",
    "spokesperson",
    "spokeswoman",
    "staff",
    "state",
    "statement",
    "study",
    "survey",
    "teacher",
    "team",
    "top",
    "union",
    "witness",
    "witnesses",
    "workers",
];

pub fn is_role_word(word: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ROLE_WORDS));
    SET.contains(word)
}

/// Titles that stand before a name and are not part of it ("Foreign Minister Sergei Ivanov").
const TITLES: &[&str] = &[
    "adm",
    "ambassador",
    "archbishop",
    "attorney",
    "bishop",
    "capt",
    "captain",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "defence",
    "defense",
    "deputy",
    "director",
    "dr",
    "emir",
    "envoy",
    "father",
    "finance",
    "fm",
    "foreign",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "health",
    "interior",
    "judge",
    "justice",
    "king",
    "lt",
    "madam",
    "maj",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pm",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "sultan",
    "vice",
];

pub fn is_title(word: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TITLES));
    SET.contains(word.trim_end_matches('.'))
}

/// Capitalised words that open sentences or clauses but are never part of a name.
const NOT_NAMES: &[&str] = &[
    "a",
    "according",
    "after",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "because",
    "before",
    "but",
    "by",
    "during",
    "earlier",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "meanwhile",
    "moreover",
    "my",
    "nevertheless",
    "no",
    "not",
    "now",
    "on",
    "one",
    "our",
    "please",
    "she",
    "since",
    "so",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "with",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
];

pub fn is_not_name(word: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOT_NAMES));
    SET.contains(word)
        || parallax_text::weekday_number(word).is_some()
        || parallax_text::month_number(word).is_some() && word.len() > 3
}

/// Determiners and possessives that open a noun phrase.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "many"
            | "several"
            | "two"
            | "three"
            | "other"
            | "another"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        for t in [ROLE_WORDS, TITLES, NOT_NAMES] {
            for w in t.windows(2) {
                assert!(w[0] < w[1], "{w:?}");
            }
        }
    }

    #[test]
    fn verb_forms() {
        for w in [
            "said",
            "says",
            "told",
            "denied",
            "denies",
            "insisted",
            "urging",
            "emphasised",
            "added",
            "stresses",
            "wrote",
            "admitted",
            "replied",
        ] {
            assert!(verb(w).is_some(), "{w}");
        }
        assert!(verb("denied").unwrap().deny);
        assert!(!verb("said").unwrap().deny);
        assert!(verb("claims").unwrap().ambiguous);
        for w in ["bridge", "sad", "tells-all", "the"] {
            assert!(verb(w).is_none(), "{w}");
        }
    }

    #[test]
    fn negations() {
        for w in ["no", "Not", "NEVER", "didn't", "hasn’t", "WON'T", "Nothing"] {
            assert!(is_negation(w), "{w}");
        }
        for w in ["note", "nor'easter", "n’t", "’t", "ño", "Nötig"] {
            assert_eq!(is_negation(w), w == "n’t", "{w}");
        }
    }
}
