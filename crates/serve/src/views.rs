//! The JSON shapes of stories, articles, statements and entities, shared by the command
//! line's `--json` output and the HTTP API so that a script sees the same fields from both.

use std::collections::{BTreeMap, HashMap};

use parallax_link::claims::{Member, disputes as find_disputes};
use parallax_link::{CopyMeta, canonical as canonical_index};
use parallax_store::{
    ArticleRef, ClaimRow, EntityRow, EntitySummary, StatementRow, StoredArticle, StoredClaimMember,
    StoredStatement, Story,
};
use serde_json::{Value, json};

/// "s12" or "12" → 12.
pub fn parse_story_id(id: &str) -> Option<u64> {
    id.trim().trim_start_matches(['s', 'S']).parse().ok()
}

pub fn story_id(id: u64) -> String {
    format!("s{id}")
}

/// For each article of the story that belongs to a group of copies, the group's canonical
/// article: the outlet the others credit, else the earliest published, else the first
/// stored.
pub fn canonical_copies(story: &Story) -> HashMap<&str, &str> {
    let index: HashMap<&str, usize> = story
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // Union-find over "copies" links; a copy's original may sit in another story only if
    // stories were merged oddly, and then it is simply left out.
    let mut parent: Vec<usize> = (0..story.articles.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, a) in story.articles.iter().enumerate() {
        if let Some(&j) = a
            .copy_of
            .as_ref()
            .and_then(|(of, _, _)| index.get(of.as_str()))
        {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..story.articles.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut canonical = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let metas: Vec<CopyMeta<'_>> = members
            .iter()
            .map(|&i| {
                let a = &story.articles[i];
                CopyMeta {
                    outlet: a.outlet.as_deref(),
                    republished_from: a.republished_from.as_deref(),
                    day: a.published.as_deref().and_then(day_number),
                }
            })
            .collect();
        let original = story.articles[members[canonical_index(&metas)]].id.as_str();
        for &i in members {
            canonical.insert(story.articles[i].id.as_str(), original);
        }
    }
    canonical
}

/// Days since 1970-01-01 of an ISO date or datetime.
pub fn day_number(published: &str) -> Option<i32> {
    use chrono::Datelike as _;
    let date = chrono::NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.num_days_from_ce() - 719_163)
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// A stored claim row as `parallax-link`'s claims read it: the same fields, since the store
/// may not depend on the linker.
pub fn claim_member(row: &ClaimRow) -> Member {
    Member {
        claim: row.claim,
        story: row.story,
        seq: row.seq,
        n: row.n,
        speaker: row.speaker.clone(),
        denies: row.denies,
        narration: row.narration,
        text: row.text.clone(),
        terms: row.terms.clone(),
    }
}

/// The disputes among a story's claim members: `[{topic, claim, sides: [{speaker: {name},
/// stance, voice, statements, articles, outlets}]}]`, affirming sides first. `voice` is
/// "outlet" for a side that is an outlet's own narration.
pub fn disputes(members: &[StoredClaimMember]) -> Vec<Value> {
    let plain: Vec<Member> = members.iter().map(|m| claim_member(&m.row)).collect();
    find_disputes(&plain)
        .into_iter()
        .map(|d| {
            let sides: Vec<Value> = d
                .sides
                .iter()
                .map(|side| {
                    let mut articles: Vec<&str> = Vec::new();
                    let mut outlets: Vec<&str> = Vec::new();
                    let statements: Vec<Value> = side
                        .members
                        .iter()
                        .map(|&i| {
                            let m = &members[i];
                            if !articles.contains(&m.article.as_str()) {
                                articles.push(&m.article);
                            }
                            if let Some(o) = m.outlet.as_deref()
                                && !outlets.contains(&o)
                            {
                                outlets.push(o);
                            }
                            let st = m.statement.as_ref();
                            json!({
                                "article": m.article,
                                "outlet": m.outlet,
                                "published": m.published,
                                "text": m.row.text,
                                "kind": st.map_or("narration", |s| s.kind.as_str()),
                                "cue": st.and_then(|s| s.cue.as_deref()),
                                "via": st.map(|s| s.via.clone()).unwrap_or_default(),
                                "time": st.and_then(|s| s.time.as_deref()),
                                "polarity": st.map_or(if m.row.denies { "deny" } else { "affirm" }, |s| s.polarity.as_str()),
                            })
                        })
                        .collect();
                    let narration = side.members.iter().all(|&i| members[i].row.narration);
                    json!({
                        "speaker": {"name": side.speaker},
                        "stance": if side.denies { "deny" } else { "affirm" },
                        "voice": if narration { "outlet" } else { "speaker" },
                        "statements": statements,
                        "articles": articles,
                        "outlets": outlets,
                    })
                })
                .collect();
            json!({"topic": d.topic, "claim": format!("c{}", d.claim), "sides": sides})
        })
        .collect()
}

/// The contract's story record (`stories --json`), with the story's disputes from
/// [`disputes`].
pub fn story_brief(s: &Story, disputes: Vec<Value>) -> Value {
    let originals = canonical_copies(s);
    json!({
        "id": story_id(s.id),
        "title": s.title,
        "articles": s.articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        "outlets": s.outlets(),
        "copies": s.articles.iter().filter_map(|a| {
            a.copy_of.as_ref().map(|(of, kind, sim)| json!({
                "id": a.id, "of": of, "kind": kind.as_str(), "similarity": round(*sim),
                "original": originals.get(a.id.as_str()),
            }))
        }).collect::<Vec<_>>(),
        "disputes": disputes,
    })
}

/// A story with its articles, statements and disputes (`story --json`).
pub fn story_full(story: &Story, statements: &[StoredStatement], disputes: Vec<Value>) -> Value {
    let originals = canonical_copies(story);
    json!({
        "id": story_id(story.id),
        "title": story.title,
        "outlets": story.outlets(),
        "articles": story.articles.iter().map(|a| article(a, &originals)).collect::<Vec<_>>(),
        "statements": statements.iter().map(stored_statement).collect::<Vec<_>>(),
        "disputes": disputes,
    })
}

/// An article as a story or a search lists it. `originals` names the copy to cite for
/// articles in a group of copies (empty where that is not known).
pub fn article(a: &ArticleRef, originals: &HashMap<&str, &str>) -> Value {
    json!({
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "republished_from": a.republished_from,
        "published": a.published,
        "url": a.url,
        "copy_of": a.copy_of.as_ref().map(|(of, kind, sim)| json!({
            "id": of, "kind": kind.as_str(), "similarity": round(*sim),
        })),
        // In a group of copies, the one to cite: the credited outlet's, else the earliest.
        "original": originals.get(a.id.as_str()),
    })
}

/// An article in full: text, removed page chrome, provenance and analysis.
pub fn article_full(a: &StoredArticle) -> Value {
    let mut v = article(&a.article, &HashMap::new());
    v["story"] = json!(story_id(a.story));
    v["source"] = json!({"path": a.path, "url": a.article.url, "format": a.format});
    v["authors"] = json!(a.authors);
    v["language"] = json!(a.language);
    v["captured"] = json!(a.captured);
    v["text"] = json!(a.text);
    v["removed"] = json!(a.removed);
    v["entities"] = a.entities.iter().map(entity_row).collect();
    v["statements"] = a.statements.iter().map(statement).collect();
    v
}

fn entity_row(e: &EntityRow) -> Value {
    json!({"name": e.name, "type": e.kind, "mentions": e.mentions, "aliases": e.aliases})
}

pub fn entity(e: &EntitySummary) -> Value {
    json!({"name": e.name, "type": e.kind, "aliases": e.aliases, "articles": e.articles})
}

/// A statement within its article.
pub fn statement(st: &StatementRow) -> Value {
    json!({
        "speaker": {"name": st.speaker, "entity": st.speaker_entity, "text": st.speaker_text},
        "cue": st.cue,
        "kind": st.kind,
        "content": {"text": st.content, "start": st.content_start, "end": st.content_end},
        "via": st.via,
        "time": st.time,
        "polarity": st.polarity,
    })
}

/// A statement with the article, outlet and story that carry it.
pub fn stored_statement(s: &StoredStatement) -> Value {
    let mut v = statement(&s.statement);
    v["article"] = json!(s.article);
    v["outlet"] = json!(s.outlet);
    v["published"] = json!(s.published);
    v["story"] = json!(story_id(s.story));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(
        id: &str,
        outlet: &str,
        from: Option<&str>,
        published: Option<&str>,
        of: Option<&str>,
    ) -> ArticleRef {
        ArticleRef {
            id: id.into(),
            seq: 0,
            title: None,
            outlet: Some(outlet.into()),
            republished_from: from.map(str::to_string),
            published: published.map(str::to_string),
            url: None,
            copy_of: of.map(|o| (o.to_string(), parallax_store::CopyKind::Near, 0.9)),
        }
    }

    #[test]
    fn copies_name_their_original_the_credited_outlet_else_the_earliest() {
        let story = Story {
            id: 1,
            title: "t".into(),
            articles: vec![
                // Stored first, but it is the republication: it credits the Wire.
                article(
                    "gazette",
                    "Harbor Gazette",
                    Some("Northern Wire"),
                    Some("2025-03-04"),
                    None,
                ),
                article(
                    "wire",
                    "Northern Wire",
                    None,
                    Some("2025-03-03"),
                    Some("gazette"),
                ),
                article("alone", "Kolvik Daily", None, None, None),
                article("late", "Bay Courier", None, Some("2025-03-09"), None),
                article(
                    "early",
                    "Upland Times",
                    None,
                    Some("2025-03-01"),
                    Some("late"),
                ),
            ],
        };
        let originals = canonical_copies(&story);
        assert_eq!(originals["gazette"], "wire");
        assert_eq!(originals["wire"], "wire");
        assert_eq!(originals["late"], "early");
        assert!(!originals.contains_key("alone"));
        assert_eq!(day_number("1970-01-02T10:00:00Z"), Some(1));
        let brief = story_brief(&story, Vec::new());
        assert_eq!(brief["copies"][0]["original"], "wire");
        assert_eq!(brief["outlets"].as_array().map(Vec::len), Some(5));
    }

    #[test]
    fn story_ids_read_with_or_without_the_prefix() {
        assert_eq!(parse_story_id("s12"), Some(12));
        assert_eq!(parse_story_id("12"), Some(12));
        assert_eq!(parse_story_id("twelve"), None);
        assert_eq!(story_id(7), "s7");
    }
}
