//! The contract's JSONL record (`shared/design/CONTRACT.md`): the one place that knows the
//! JSON shape of a document and its analysis.
//!
//! Spans inside Parallax are byte ranges; here, at the edge, they become character offsets,
//! because the contract counts Unicode scalar values.

use parallax_model::{Analysis, CharOffsets, Document, Parts, Span, Statement};
use parallax_store::{EntityRow, NewArticle, StatementRow};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Record<'a> {
    id: &'a str,
    source: SourceOut<'a>,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    republished_from: Option<&'a str>,
    authors: &'a [String],
    language: Option<&'a str>,
    published: Option<String>,
    /// When the article was last changed; not in the contract, kept apart from `published`.
    modified: Option<String>,
    captured: Option<String>,
    text: &'a str,
    removed: &'a [String],
    entities: Vec<EntityOut<'a>>,
    times: Vec<TimeOut<'a>>,
    statements: Vec<StatementOut<'a>>,
}

#[derive(Debug, Serialize)]
struct SourceOut<'a> {
    path: Option<&'a str>,
    url: Option<&'a str>,
    format: &'static str,
}

#[derive(Debug, Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    aliases: &'a [String],
    mentions: Vec<(usize, usize)>,
}

#[derive(Debug, Serialize)]
struct TimeOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct StatementOut<'a> {
    speaker: SpeakerOut<'a>,
    cue: Option<PieceOut>,
    kind: &'static str,
    content: PieceOut,
    via: &'a [String],
    time: Option<&'a str>,
    polarity: &'static str,
}

#[derive(Debug, Serialize)]
struct SpeakerOut<'a> {
    name: Option<&'a str>,
    entity: Option<&'a str>,
    text: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<Vec<(usize, usize)>>,
}

/// A possibly discontinuous piece of the text: `text` joins the pieces with a space,
/// `start`/`end` cover them all, and `parts` lists them when there is more than one.
#[derive(Debug, Serialize)]
struct PieceOut {
    text: String,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<Vec<(usize, usize)>>,
}

impl<'a> Record<'a> {
    pub fn new(doc: &'a Document, analysis: &'a Analysis) -> Record<'a> {
        let offsets = CharOffsets::new(&doc.text);
        let text = doc.text.as_str();
        Record {
            id: &doc.id,
            source: SourceOut {
                path: doc.source.path.as_deref(),
                url: doc.source.url.as_deref(),
                format: doc.source.format.as_str(),
            },
            title: doc.title.as_deref(),
            outlet: doc.outlet.as_deref(),
            republished_from: doc.republished_from.as_deref(),
            authors: &doc.authors,
            language: doc.language.as_deref(),
            published: doc.published.map(|t| t.to_string()),
            modified: doc.modified.map(|t| t.to_string()),
            captured: doc.captured.map(|t| t.to_string()),
            text,
            removed: &doc.removed,
            entities: analysis
                .entities
                .iter()
                .map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind.as_str(),
                    aliases: &e.aliases,
                    mentions: e.mentions.iter().map(|&m| offsets.span(m)).collect(),
                })
                .collect(),
            times: analysis
                .times
                .iter()
                .map(|t| {
                    let (start, end) = offsets.span(t.span);
                    TimeOut {
                        text: t.span.slice(text),
                        start,
                        end,
                        kind: t.kind.as_str(),
                        value: t.value.as_deref(),
                    }
                })
                .collect(),
            statements: analysis
                .statements
                .iter()
                .map(|s| statement(s, text, &offsets))
                .collect(),
        }
    }
}

fn statement<'a>(s: &'a Statement, text: &str, offsets: &CharOffsets) -> StatementOut<'a> {
    let speaker = match &s.speaker.mention {
        Some(parts) => {
            let piece = piece(parts, text, offsets);
            SpeakerOut {
                name: s.speaker.name.as_deref(),
                entity: s.speaker.entity.as_deref(),
                text: Some(piece.text),
                start: Some(piece.start),
                end: Some(piece.end),
                parts: piece.parts,
            }
        }
        None => SpeakerOut {
            name: s.speaker.name.as_deref(),
            entity: s.speaker.entity.as_deref(),
            text: None,
            start: None,
            end: None,
            parts: None,
        },
    };
    StatementOut {
        speaker,
        cue: s.cue.as_ref().map(|c| piece(&c.parts, text, offsets)),
        kind: s.kind.as_str(),
        content: piece(&s.content, text, offsets),
        via: &s.via,
        time: s.time.as_deref(),
        polarity: s.polarity.as_str(),
    }
}

fn piece(parts: &Parts, text: &str, offsets: &CharOffsets) -> PieceOut {
    let cover: Span = parts.cover();
    let (start, end) = offsets.span(cover);
    PieceOut {
        text: parts.text(text),
        start,
        end,
        parts: parts
            .is_split()
            .then(|| parts.spans().iter().map(|&s| offsets.span(s)).collect()),
    }
}

/// The document's own fields as the store keeps them; linking fields are left to the caller.
pub fn article_fields(doc: Document) -> NewArticle {
    NewArticle {
        id: doc.id,
        url: doc.source.url,
        path: doc.source.path,
        format: doc.source.format.as_str().to_string(),
        title: doc.title,
        outlet: doc.outlet,
        republished_from: doc.republished_from,
        authors: doc.authors,
        language: doc.language,
        published: doc.published.map(|t| t.to_string()),
        captured: doc.captured.map(|t| t.to_string()),
        text: doc.text,
        removed: doc.removed,
        ..NewArticle::default()
    }
}

/// Statements as the store keeps them: the contract's fields, character offsets.
pub fn statement_rows(doc: &Document, analysis: &Analysis) -> Vec<StatementRow> {
    let offsets = CharOffsets::new(&doc.text);
    analysis
        .statements
        .iter()
        .map(|s| {
            let out = statement(s, &doc.text, &offsets);
            StatementRow {
                speaker: out.speaker.name.map(str::to_string),
                speaker_entity: out.speaker.entity.map(str::to_string),
                speaker_text: out.speaker.text,
                cue: out.cue.map(|c| c.text),
                kind: out.kind.to_string(),
                content: out.content.text,
                content_start: out.content.start as u64,
                content_end: out.content.end as u64,
                via: s.via.clone(),
                time: s.time.clone(),
                polarity: out.polarity.to_string(),
            }
        })
        .collect()
}

pub fn entity_rows(analysis: &Analysis) -> Vec<EntityRow> {
    analysis
        .entities
        .iter()
        .map(|e| EntityRow {
            name: e.name.clone(),
            kind: e.kind.as_str().to_string(),
            mentions: u32::try_from(e.mentions.len()).unwrap_or(u32::MAX),
            aliases: e.aliases.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::{Cue, Format, Polarity, Source, Speaker, StatementKind};

    fn doc(text: &str) -> Document {
        Document {
            id: "d1".into(),
            source: Source {
                path: Some("a/b.txt".into()),
                url: None,
                format: Format::Text,
            },
            title: Some("T".into()),
            outlet: None,
            republished_from: Some("The Ledger".into()),
            authors: vec!["Ana Ruiz".into()],
            language: Some("en".into()),
            published: "2024-03-29".parse().ok(),
            modified: None,
            captured: None,
            text: text.into(),
            removed: vec!["Home".into()],
        }
    }

    #[test]
    fn every_contract_field_is_present_with_char_offsets() {
        // “Né,” is 5 characters but 10 bytes: offsets after it must count characters.
        let text = "“Né,” she said. “Oui.”";
        let d = doc(text);
        let quote = Span::new(0, text.find('”').unwrap() + '”'.len_utf8());
        let second_start = text.rfind('“').unwrap();
        let st = Statement {
            speaker: Speaker {
                name: Some("Ana Ruiz".into()),
                entity: None,
                mention: Parts::new(vec![Span::new(
                    text.find("she").unwrap(),
                    text.find("she").unwrap() + 3,
                )]),
            },
            cue: Some(Cue {
                parts: Parts::one(Span::new(
                    text.find("said").unwrap(),
                    text.find("said").unwrap() + 4,
                )),
            }),
            kind: StatementKind::Direct,
            content: Parts::new(vec![quote, Span::new(second_start, text.len())]).unwrap(),
            via: vec![],
            time: None,
            polarity: Polarity::Affirm,
        };
        let analysis = Analysis {
            statements: vec![st],
            ..Analysis::default()
        };
        let json = serde_json::to_value(Record::new(&d, &analysis)).unwrap();
        for field in [
            "id",
            "source",
            "title",
            "outlet",
            "republished_from",
            "authors",
            "language",
            "published",
            "captured",
            "text",
            "removed",
            "entities",
            "times",
            "statements",
        ] {
            assert!(json.get(field).is_some(), "missing {field}");
        }
        assert_eq!(json["source"]["format"], "text");
        assert_eq!(json["published"], "2024-03-29");
        let s = &json["statements"][0];
        assert_eq!(s["speaker"]["text"], "she");
        assert_eq!(s["speaker"]["start"], 6);
        assert_eq!(s["cue"]["start"], 10);
        assert_eq!(s["content"]["parts"], serde_json::json!([[0, 5], [16, 22]]));
        assert_eq!(s["content"]["text"], "“Né,” “Oui.”");
        assert_eq!(s["kind"], "direct");
        assert_eq!(s["polarity"], "affirm");
        assert_eq!(s["time"], serde_json::Value::Null);
    }
}
