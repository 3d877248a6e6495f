//! The read side of the store: `stories`, `story`, `disputes`, `search` and `statements`, each
//! printed for a person or, with `--json`, for a script.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::Context as _;
use parallax_serve::views::{self, story_id};
use parallax_store::{
    Access, ArticleRef, SearchOrder, SearchQuery, SqliteStore, StatementQuery, Store,
    StoredStatement,
};
use serde_json::{Value, json};

use crate::cli::{DisputesArgs, SearchArgs, SortArg, StatementsArgs, StoriesArgs, StoryArgs};
use crate::ingest::db_path;

fn open(db: Option<&std::path::Path>) -> anyhow::Result<SqliteStore> {
    let path = db_path(db);
    Ok(SqliteStore::open(&path, Access::Read)?)
}

/// "s12" or "12" → 12.
pub fn parse_story_id(id: &str) -> anyhow::Result<u64> {
    views::parse_story_id(id).with_context(|| {
        format!("{id:?} is not a story id; `parallax stories` lists them (s1, s2, …)")
    })
}

pub fn stories(args: &StoriesArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let stories = store.stories(args.limit, 0)?;
    let disputes = stories
        .iter()
        .map(|s| Ok(views::disputes(&store.contested_claim_members(s.id)?)))
        .collect::<anyhow::Result<Vec<Vec<Value>>>>()?;
    if args.json {
        let list: Vec<Value> = stories
            .iter()
            .zip(disputes)
            .map(|(s, d)| views::story_brief(s, d))
            .collect();
        serde_json::to_writer(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if stories.is_empty() {
        writeln!(out, "No stories yet: add articles with `parallax ingest`.")?;
    }
    for (s, disputes) in stories.iter().zip(&disputes) {
        let outlets = s.outlets();
        let outlets = match outlets.len() {
            0 => "            ".to_string(),
            1 => format!("{:<12}", truncate(outlets[0], 12)),
            n => format!("{n:>2} outlets   "),
        };
        let flag = match disputes.len() {
            0 => String::new(),
            1 => "  [1 dispute]".to_string(),
            n => format!("  [{n} disputes]"),
        };
        writeln!(
            out,
            "{:>6}  {:>3} article{} {outlets} {}{flag}",
            story_id(s.id),
            s.articles.len(),
            if s.articles.len() == 1 { " " } else { "s" },
            s.title
        )?;
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
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
    let disputes = views::disputes(&store.contested_claim_members(story.id)?);
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &views::story_full(&story, &statements, disputes))?;
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
    if !disputes.is_empty() {
        writeln!(out, "\n  Disputes")?;
        for d in &disputes {
            print_dispute(out, d, "    ")?;
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

/// `parallax disputes`: every disputed claim in the store, story by story, most recently
/// grown story first.
pub fn disputes(args: &DisputesArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open(args.db.db.as_deref())?;
    let stories = match &args.story {
        Some(id) => vec![parse_story_id(id)?],
        None => store.disputed_stories()?,
    };
    let mut all: Vec<Value> = Vec::new();
    let mut printed = 0usize;
    for id in stories {
        let Some(story) = store.story(id)? else {
            anyhow::bail!("no story {id} in the store; `parallax stories` lists them");
        };
        let mut found = views::disputes(&store.contested_claim_members(story.id)?);
        if found.is_empty() {
            continue;
        }
        add_article_stances(&store, &story, &mut found)?;
        if args.json {
            for mut d in found {
                d["story"] = json!(story_id(story.id));
                d["story_title"] = json!(story.title);
                all.push(d);
            }
            continue;
        }
        if printed > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}  {}", story_id(story.id), story.title)?;
        for d in &found {
            print_dispute(out, d, "  ")?;
            printed += 1;
        }
    }
    if args.json {
        serde_json::to_writer(&mut *out, &all)?;
        writeln!(out)?;
    } else if printed == 0 {
        let scope = match &args.story {
            Some(id) => format!("story {id}"),
            None => "the store".to_string(),
        };
        writeln!(
            out,
            "No disputes found: no claim in {scope} is affirmed by one named speaker and denied by another."
        )?;
    }
    Ok(())
}

/// Which side each article of the story stands on, for each dispute (`article_stances:
/// [{article, outlet, stance, by}]`). An article that carries statements of the dispute stands
/// where they do (`by: "statements"`; `stance` "affirm", "deny", or "both" when it carries
/// both sides); for the others the stance model reads the article against the disputed claim
/// (`by: "model"`; "affirm", "deny", "report" or "unrelated").
fn add_article_stances(
    store: &SqliteStore,
    story: &parallax_store::Story,
    disputes: &mut [Value],
) -> anyhow::Result<()> {
    let model = parallax_stance::StanceModel::shipped()
        .map_err(|e| anyhow::anyhow!("the built-in stance model is unusable: {e}"))?;
    let mut texts: Vec<(&parallax_store::ArticleRef, Option<String>)> =
        story.articles.iter().map(|a| (a, None)).collect();
    for d in disputes {
        let topic = d["topic"].as_str().unwrap_or_default().to_string();
        // The sides each article carries statements for.
        let mut carried: HashMap<String, (bool, bool)> = HashMap::new();
        for side in d["sides"].as_array().into_iter().flatten() {
            let denies = side["stance"] == "deny";
            for a in side["articles"].as_array().into_iter().flatten() {
                let entry = carried
                    .entry(a.as_str().unwrap_or_default().to_string())
                    .or_default();
                if denies {
                    entry.1 = true;
                } else {
                    entry.0 = true;
                }
            }
        }
        let mut stances = Vec::with_capacity(texts.len());
        for (a, text) in &mut texts {
            let (stance, by) = match carried.get(&a.id) {
                Some((true, true)) => ("both", "statements"),
                Some((false, true)) => ("deny", "statements"),
                Some(_) => ("affirm", "statements"),
                None => {
                    if text.is_none() {
                        *text = store.article(&a.id)?.map(|full| full.text);
                    }
                    let read = model.classify(&topic, text.as_deref().unwrap_or_default());
                    (read.as_str(), "model")
                }
            };
            stances.push(json!({"article": a.id, "outlet": a.outlet, "stance": stance, "by": by}));
        }
        d["article_stances"] = Value::Array(stances);
    }
    Ok(())
}

fn print_dispute(out: &mut dyn Write, d: &Value, indent: &str) -> anyhow::Result<()> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    writeln!(out, "{indent}Disputed: {}", text(&d["topic"]))?;
    for side in d["sides"].as_array().into_iter().flatten() {
        let mut line = format!(
            "{indent}  {:<6}  {}",
            text(&side["stance"]),
            text(&side["speaker"]["name"])
        );
        if side["voice"] == "outlet" {
            line.push_str(" (in its own words)");
        }
        let statements = side["statements"].as_array().cloned().unwrap_or_default();
        let mut where_: Vec<String> = Vec::new();
        for st in &statements {
            let mut w = st["outlet"]
                .as_str()
                .unwrap_or(st["article"].as_str().unwrap_or_default())
                .to_string();
            if let Some(t) = st["time"].as_str().or(st["published"].as_str()) {
                w.push_str(&format!(", {}", &t[..t.len().min(10)]));
            }
            let via: Vec<&str> = st["via"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if !via.is_empty() {
                w.push_str(&format!(", via {}", via.join(" ← ")));
            }
            if !where_.contains(&w) {
                where_.push(w);
            }
        }
        if !where_.is_empty() {
            line.push_str(&format!("  ({})", where_.join("; ")));
        }
        writeln!(out, "{line}")?;
        if let Some(first) = statements.first() {
            let words: String = text(&first["text"]).chars().take(160).collect();
            writeln!(out, "{indent}          “{words}”")?;
        }
    }
    if let Some(stances) = d["article_stances"].as_array() {
        let read: Vec<String> = stances
            .iter()
            .map(|a| {
                let who = a["outlet"]
                    .as_str()
                    .or(a["article"].as_str())
                    .unwrap_or_default();
                let verb = match a["stance"].as_str() {
                    Some("affirm") => "affirms",
                    Some("deny") => "denies",
                    Some("both") => "carries both sides",
                    Some("report") => "reports",
                    _ => "does not discuss it",
                };
                format!("{who} {verb}")
            })
            .collect();
        if !read.is_empty() {
            writeln!(out, "{indent}  articles: {}", read.join(", "))?;
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
        offset: 0,
    })?;
    if args.json {
        let list: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = views::article(&h.article, &HashMap::new());
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
        ..StatementQuery::default()
    })?;
    if args.json {
        let list: Vec<Value> = found.iter().map(views::stored_statement).collect();
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
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("Northern Wire Service", 12), "Northern Wi…");
        assert_eq!(truncate("Wire", 12), "Wire");
    }
}
