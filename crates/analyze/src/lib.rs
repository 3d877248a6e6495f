//! The analyse stage: what a clean article says and who says it.
//!
//! [`analyze`] takes a [`Document`] from the extract stage and returns its [`Analysis`]:
//! statements (who said what, how, through whom, when) and entities, with times to come.
//! The pieces, in the order they run:
//!
//! - [`sentences`]: paragraph and sentence boundaries;
//! - [`quotes`]: quotations in every quote style;
//! - [`attribution`]: the rules' reading of quotes and reported speech, each statement with
//!   the mention of its speaker, its cue and its content;
//! - [`tagger`]: the statements reported, from a sequence tagger trained on annotated news
//!   that takes the rules' reading as one of its inputs (the rules alone when the shipped
//!   model cannot be read), and [`layout`]'s transcript labels and dash credits, which it
//!   sees too rarely to learn; it reads words through [`word_classes`], learned from
//!   unlabelled news;
//! - [`resolve`]: speaker mentions to names ("she", "Varga", "the chair" to "Ines Varga";
//!   "the Kremlin" to "Government of Russia" through [`metonyms`]);
//! - [`chain`]: the outlets a statement came through and the day it was said;
//! - [`entities`]: names of people, organisations, places and other things, from a tagger
//!   trained on CoNLL-2003, gathered into one entity per thing named.
//!
//! Every span points into `Document::text`, which this stage never changes. This crate may
//! depend on `parallax-model`, `parallax-text` and `parallax-learn`; it does no I/O and knows
//! no JSON (its models are compiled in).
//!
//! ```
//! use parallax_analyze::analyze_text;
//!
//! let text = "“The fares stay,” the board's chair, Ines Varga, said on Tuesday.";
//! let analysis = analyze_text(text, None);
//! let st = &analysis.statements[0];
//! assert_eq!(st.speaker.name.as_deref(), Some("Ines Varga"));
//! assert_eq!(st.content.text(text), "“The fares stay,”");
//! ```

pub mod attribution;
pub mod chain;
pub mod entities;
pub mod kb;
pub mod layout;
pub mod lexicon;
pub mod metonyms;
pub mod phrases;
pub mod quotes;
pub mod resolve;
pub mod sentences;
pub mod tagger;
pub mod times;
pub mod word_classes;

use chrono::NaiveDate;
use parallax_model::{Analysis, Document, Span};

/// Maps and sets on the per-token paths (lexicons, word classes, an article's words):
/// `foldhash` hashes a short word several times faster than the standard SipHash and is
/// still seeded per process, so crafted articles cannot pile their words into one bucket.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Analyses one document.
pub fn analyze(doc: &Document) -> Analysis {
    analyze_text(&doc.text, doc.published.map(|p| p.date()))
}

/// Analyses a text published on `published` (which anchors "on Tuesday").
pub fn analyze_text(text: &str, published: Option<NaiveDate>) -> Analysis {
    let found = match tagger::model() {
        Some(model) => tagger::find_statements(text, model),
        None => attribution::find_statements(text),
    };
    let entities = entities::entities(text);
    let names = resolve::resolve(text, &found, &entities);
    // Whether a person the article names in full starts at `at`: "told Ines Varga" names
    // whom the speaker told. A single word the tagger took for a person ("told Fox") may
    // be an outlet it does not know, and stays a channel, as do capitals ("told USA
    // TODAY"): people's names are not written in them.
    let is_person = |at: Span| {
        let first = text[at.start..].split_whitespace().next().unwrap_or("");
        let capitals = first.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !first.chars().any(char::is_lowercase);
        !capitals
            && entities.iter().any(|e| {
                e.kind == parallax_model::EntityKind::Person
                    && e.name.split_whitespace().nth(1).is_some()
                    && e.mentions
                        .iter()
                        .any(|m| m.start <= at.start && at.start < m.end)
            })
    };
    let statements: Vec<_> = found
        .into_iter()
        .zip(names)
        .filter_map(|(f, name)| {
            let via = chain::via_except(text, f.sentence, f.mention, &f.content, is_person);
            let time = chain::said_on(text, f.sentence, f.cue, &f.content, published);
            f.into_statement(name, via, time)
        })
        .map(|mut st: parallax_model::Statement| {
            // The speaker's entity, when the name is one the article's entities go by; the
            // entity's canonical name then names the speaker too, so that spellings agree
            // across articles.
            // A name that two entities share (the tagger read one "Trump" as a place) goes
            // to a person first, then to a body: speakers are people and bodies.
            let rank = |k: parallax_model::EntityKind| match k {
                parallax_model::EntityKind::Person => 0,
                parallax_model::EntityKind::Organization => 1,
                _ => 2,
            };
            let found = st.speaker.name.as_deref().and_then(|name| {
                entities
                    .iter()
                    .filter(|e| e.name == name || e.aliases.iter().any(|a| a == name))
                    .min_by_key(|e| rank(e.kind))
            });
            if let Some(e) = found {
                st.speaker.entity = Some(e.id.clone());
                st.speaker.name = Some(e.name.clone());
            }
            st
        })
        .collect();
    Analysis {
        entities,
        times: times::find(text, published),
        statements,
    }
}
