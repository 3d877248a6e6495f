//! What the analyse stage finds in a document's text: entities, time expressions and
//! statements (who said what).

use crate::Span;

/// Everything found in one document's text. All spans point into [`crate::Document::text`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpr>,
    pub statements: Vec<Statement>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// A person, organisation or place, with every mention of it in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    /// The canonical full name.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen.
    pub aliases: Vec<String>,
    pub mentions: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Date => "date",
            TimeKind::Time => "time",
            TimeKind::Duration => "duration",
            TimeKind::Set => "set",
        }
    }
}

/// A temporal expression ("last Wednesday") and, when it can be resolved, its TimeML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    pub kind: TimeKind,
    pub value: Option<String>,
}

/// One or more pieces of text that together make one thing: a quote split by "she said", or
/// a speaker named on both sides of a cue. Never empty; pieces are in text order and do not
/// overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts(Vec<Span>);

impl Parts {
    /// Sorts the pieces and drops empty ones; `None` when nothing is left.
    pub fn new(mut spans: Vec<Span>) -> Option<Parts> {
        spans.retain(|s| !s.is_empty());
        spans.sort();
        spans.dedup();
        if spans.is_empty() {
            None
        } else {
            Some(Parts(spans))
        }
    }

    pub fn one(span: Span) -> Parts {
        Parts(vec![span])
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// From the start of the first piece to the end of the last.
    pub fn cover(&self) -> Span {
        let first = self.0[0];
        let last = self.0[self.0.len() - 1];
        Span::new(first.start, last.end)
    }

    pub fn is_split(&self) -> bool {
        self.0.len() > 1
    }

    /// The pieces' text joined by single spaces.
    pub fn text(&self, text: &str) -> String {
        let mut out = String::new();
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(s.slice(text));
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// The speaker's words, in quotation marks.
    Direct,
    /// Reported speech: a paraphrase after a cue.
    Indirect,
    /// Reported speech that quotes some of the words.
    Mixed,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Polarity {
    Affirm,
    Deny,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Affirm => "affirm",
            Polarity::Deny => "deny",
        }
    }
}

/// Who a statement is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The resolved full name (or the group's canonical name); `None` when the article never
    /// names the speaker.
    pub name: Option<String>,
    /// The id of the matching [`Entity`], once entities are linked.
    pub entity: Option<String>,
    /// The mention in this article that names the speaker; `None` when implicit.
    pub mention: Option<Parts>,
}

/// The words that signal an attribution: "said", "told reporters", "according to".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub parts: Parts,
}

/// Who said what, how, and through whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub speaker: Speaker,
    pub cue: Option<Cue>,
    pub kind: StatementKind,
    pub content: Parts,
    /// Outlets or channels the statement is reported through, nearest first.
    pub via: Vec<String>,
    /// When it was said, as an ISO date, when resolvable.
    pub time: Option<String>,
    pub polarity: Polarity,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_sorted_and_never_empty() {
        assert_eq!(Parts::new(vec![Span::new(3, 3)]), None);
        let p = Parts::new(vec![Span::new(10, 12), Span::new(0, 4), Span::new(0, 4)]).unwrap();
        assert_eq!(p.spans(), &[Span::new(0, 4), Span::new(10, 12)]);
        assert_eq!(p.cover(), Span::new(0, 12));
        assert!(p.is_split());
        assert_eq!(p.text("abcdefghijklmn"), "abcd kl");
    }
}
