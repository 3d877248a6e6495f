//! The read side of the store: `stories`, `story`, `search` and `statements`, each printed for
//! a person or, with `--json`, for a script.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::Context as _;
use parallax_link::{CopyMeta, canonical as canonical_index};
use parallax_store::{
    Access, ArticleRef, SearchOrder, SearchQuery, SqliteStore, StatementQuery, Store,
    StoredStatement, Story,
};
use serde_json::{Value, json};

use crate::cli::{SearchArgs, SortArg, StatementsArgs, StoriesArgs, StoryArgs};
use crate::ingest::db_path;

fn open(db: Option<&std::path::Path>) -> anyhow::Result<SqliteStore> {
    let path = db_path(db);
    Ok(SqliteStore::open(&path, Access::Read)?)
}

/// "s12" or "12" → 12.
pub fn parse_story_id(id: &str) -> anyhow::Result<u64> {
    id.trim()
        .trim_start_matches(['s', 'S'])
        .parse()
        .with_context(|| {
            format!("{id:?} is not a story id; `parallax stories` lists them (s1, s2, …)")
        })
}

pub fn story_id(id: u64) -> String {
    format!("s{id}")
}

pub fn stories(args: &StoriesArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let stories = store.stories(args.limit)?;
    if args.json {
        let list: Vec<Value> = stories.iter().map(story_json_brief).collect();
        serde_json::to_writer(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if stories.is_empty() {
        writeln!(out, "No stories yet: add articles with `parallax ingest`.")?;
    }
    for s in &stories {
        let outlets = s.outlets();
        let outlets = match outlets.len() {
            0 => "            ".to_string(),
            1 => format!("{:<12}", truncate(outlets[0], 12)),
            n => format!("{n:>2} outlets   "),
        };
        writeln!(
            out,
            "{:>6}  {:>3} article{} {outlets} {}",
            story_id(s.id),
            s.articles.len(),
            if s.articles.len() == 1 { " " } else { "s" },
            s.title
        )?;
    }
    Ok(())
}

/// For each article of the story that belongs to a group of copies, the group's canonical
/// article: the outlet the others credit, else the earliest published, else the first
/// stored.
fn canonical_copies(story: &Story) -> HashMap<&str, &str> {
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

fn day_number(published: &str) -> Option<i32> {
    let date = chrono::NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
    i32::try_from(crate::ingest::days_since_epoch(date)).ok()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

fn story_json_brief(s: &Story) -> Value {
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
        "disputes": [],
    })
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn article_json(a: &ArticleRef, originals: &HashMap<&str, &str>) -> Value {
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

fn statement_json(s: &StoredStatement) -> Value {
    let st = &s.statement;
    json!({
        "article": s.article,
        "outlet": s.outlet,
        "published": s.published,
        "story": story_id(s.story),
        "speaker": {"name": st.speaker, "entity": st.speaker_entity, "text": st.speaker_text},
        "cue": st.cue,
        "kind": st.kind,
        "content": {"text": st.content, "start": st.content_start, "end": st.content_end},
        "via": st.via,
        "time": st.time,
        "polarity": st.polarity,
    })
}

pub fn story(args: &StoryArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let id = parse_story_id(&args.id)?;
    let story = store.story(id)?.with_context(|| {
        format!(
            "no story {} in the store; `parallax stories` lists them",
            args.id
        )
    })?;
    let statements = store.statements(&StatementQuery {
        story: Some(story.id),
        ..StatementQuery::default()
    })?;
    let originals = canonical_copies(&story);
    if args.json {
        let value = json!({
            "id": story_id(story.id),
            "title": story.title,
            "outlets": story.outlets(),
            "articles": story.articles.iter().map(|a| article_json(a, &originals)).collect::<Vec<_>>(),
            "statements": statements.iter().map(statement_json).collect::<Vec<_>>(),
            "disputes": [],
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}  {}", story_id(story.id), story.title)?;
    let mut by_outlet: BTreeMap<&str, Vec<&ArticleRef>> = BTreeMap::new();
    for a in &story.articles {
        by_outlet
            .entry(a.outlet.as_deref().unwrap_or("(outlet unknown)"))
            .or_default()
            .push(a);
    }
    for (outlet, articles) in &by_outlet {
        writeln!(out, "\n  {outlet}")?;
        for a in articles {
            let mut line = format!(
                "    {}  {}",
                a.published
                    .as_deref()
                    .map_or("          ", |p| &p[..p.len().min(10)]),
                a.title.as_deref().unwrap_or(&a.id)
            );
            if let Some((of, kind, sim)) = &a.copy_of {
                line.push_str(&format!(
                    "  [{} copy of {of}, {:.0}%]",
                    kind.as_str(),
                    sim * 100.0
                ));
            }
            writeln!(out, "{line}")?;
        }
    }
    if !statements.is_empty() {
        writeln!(out, "\n  Statements")?;
        for s in &statements {
            print_statement(out, s)?;
        }
    }
    Ok(())
}

fn print_statement(out: &mut dyn Write, s: &StoredStatement) -> anyhow::Result<()> {
    let st = &s.statement;
    let speaker = st.speaker.as_deref().unwrap_or("(unnamed)");
    let cue = st
        .cue
        .as_deref()
        .unwrap_or("—")
        .trim_end_matches([':', ',']);
    let mut words: String = st.content.chars().take(200).collect();
    if st.content.chars().count() > 200 {
        words.push('…');
    }
    let mut where_ = s.outlet.clone().unwrap_or_else(|| s.article.clone());
    if let Some(p) = &s.published {
        where_.push_str(&format!(", {}", &p[..p.len().min(10)]));
    }
    if !st.via.is_empty() {
        where_.push_str(&format!(", via {}", st.via.join(" ← ")));
    }
    let deny = if st.polarity == "deny" {
        " [DENIES]"
    } else {
        ""
    };
    let quoted = words.starts_with(['"', '“', '\'', '‘', '«']);
    let words = if quoted {
        words
    } else {
        format!("“{words}”")
    };
    writeln!(out, "    {speaker} {cue}{deny}: {words} ({where_})")?;
    Ok(())
}

pub fn search(args: &SearchArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let date = |t: &Option<parallax_model::Timestamp>| t.map(|t| t.date().to_string());
    let hits = store.search(&SearchQuery {
        text: args.query.clone(),
        outlet: args.outlet.clone(),
        speaker: args.speaker.clone(),
        entity: args.entity.clone(),
        since: date(&args.since),
        until: date(&args.until),
        order: match args.sort {
            SortArg::Newest => SearchOrder::Newest,
            SortArg::Relevance => SearchOrder::Relevance,
        },
        limit: args.limit,
    })?;
    if args.json {
        let list: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = article_json(&h.article, &HashMap::new());
                v["story"] = json!(story_id(h.story));
                v["snippet"] = json!(h.snippet);
                v
            })
            .collect();
        serde_json::to_writer(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(out, "No articles match.")?;
    }
    for h in &hits {
        let a = &h.article;
        writeln!(
            out,
            "{:>6}  {}  {}  {}",
            story_id(h.story),
            a.published
                .as_deref()
                .map_or("----------", |p| &p[..p.len().min(10)]),
            a.outlet.as_deref().unwrap_or("-"),
            a.title.as_deref().unwrap_or(&a.id)
        )?;
        writeln!(out, "        {}", h.snippet.replace('\n', " "))?;
    }
    Ok(())
}

pub fn statements(args: &StatementsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let story = args.story.as_deref().map(parse_story_id).transpose()?;
    let found = store.statements(&StatementQuery {
        speaker: args.speaker.clone(),
        story,
        limit: args.limit,
    })?;
    if args.json {
        let list: Vec<Value> = found.iter().map(statement_json).collect();
        serde_json::to_writer(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if found.is_empty() {
        writeln!(out, "No statements match.")?;
    }
    for s in &found {
        print_statement(out, s)?;
    }
    Ok(())
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
    }

    #[test]
    fn story_ids_read_with_or_without_the_prefix() {
        assert_eq!(parse_story_id("s12").unwrap(), 12);
        assert_eq!(parse_story_id("12").unwrap(), 12);
        assert!(
            parse_story_id("twelve")
                .unwrap_err()
                .to_string()
                .contains("stories")
        );
        assert_eq!(story_id(7), "s7");
    }
}
