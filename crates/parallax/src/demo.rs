//! `parallax demo`: the main job on the demo corpus, summarised for a person at a terminal.
//!
//! For each article: headline, outlet, original publisher, dates, authors, how much chrome
//! was removed, then each statement as speaker, cue and words. After the articles, who was
//! quoted by which outlets, and every denial, because those are where the stories clash.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use parallax_extract::Options;
use parallax_ingest::{Limits, inputs};
use parallax_model::{Analysis, Document, Polarity, StatementKind};
use rayon::prelude::*;

use crate::batch::{Stage, process};
use crate::cli::{DbArg, DemoArgs, IngestArgs, StoryArgs};
use parallax_store::{Access, SqliteStore, Store};

/// Where the shipped demo corpus is, relative to the working directory and to the source.
const DEMO_DIRS: &[&str] = &[
    "examples/demo",
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/demo"),
];

/// Width that quoted words are wrapped to.
const WIDTH: usize = 96;

pub fn run(args: &DemoArgs) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => DEMO_DIRS
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_dir())
            .context(
                "the demo corpus is missing: run from the Parallax checkout, or pass --dir DIR",
            )?,
    };
    let dir_name = dir.display().to_string();
    let items: Vec<_> = inputs([dir_name.as_str()], Limits::default()).collect();
    let mut failed = 0;
    let mut articles: Vec<(Document, Analysis)> = Vec::new();
    let results: Vec<_> = items
        .into_par_iter()
        .map(|item| match item {
            Ok(input) => {
                process(&input, Stage::Analyze, &Options::default()).map_err(|e| format!("{e:#}"))
            }
            Err(e) => Err(e.to_string()),
        })
        .collect();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => {
                eprintln!("parallax: {e}");
                failed += 1;
            }
        }
    }
    if articles.is_empty() {
        anyhow::bail!(
            "{}: no articles to read (put .txt files there)",
            dir.display()
        );
    }
    print!("{}", render(&dir, &articles));
    let db = stories(&dir, args)?;
    // Serving never ends on its own: a script that runs the demo (its output redirected)
    // gets the summary and its exit status, a person at a terminal gets the pages too.
    let serve = args.serve || (!args.no_serve && std::io::stdout().is_terminal());
    if serve {
        println!();
        crate::serve::serve(&db, args.addr, 4, true)?;
    } else if !args.no_serve {
        println!(
            "(Serve these pages with: parallax serve --db {})",
            db.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Ingests the corpus into a store and prints its stories: the articles of each, by outlet,
/// and every statement in it.
fn stories(dir: &Path, args: &DemoArgs) -> anyhow::Result<PathBuf> {
    let db = match &args.db {
        Some(db) => db.clone(),
        None => {
            // The default demo store is rebuilt on every run, so that a store left by an
            // older Parallax never stands in the way.
            let db = std::env::temp_dir().join("parallax-demo").join("demo.db");
            for suffix in ["", "-wal", "-shm"] {
                let mut path = db.clone().into_os_string();
                path.push(suffix);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(e).with_context(|| {
                            format!("cannot reset the demo store {}", db.display())
                        });
                    }
                }
            }
            db
        }
    };
    let summary = crate::ingest::run(&IngestArgs {
        db: Some(db.clone()),
        inputs: vec![dir.display().to_string()],
        published: None,
        keep_text: false,
        max_bytes: Limits::DEFAULT_MAX_BYTES,
        no_wait: false,
        batch: 256,
        quiet: true,
    })?;
    let store = SqliteStore::open(&db, Access::Read)?;
    let mut list = store.stories(0, 0)?;
    list.reverse();
    println!(
        "\n━━ Stories across outlets ({} articles stored now, {} already there; store: {})",
        summary.added,
        summary.already,
        db.display()
    );
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for s in &list {
        println!();
        crate::query::story(
            &StoryArgs {
                db: DbArg {
                    db: Some(db.clone()),
                },
                id: s.id.to_string(),
                json: false,
            },
            &mut out,
        )?;
    }
    println!(
        "\nExplore the store: parallax stories --db {0}; parallax search --db {0} QUERY; \
         parallax statements --db {0} --speaker NAME; parallax serve --db {0}",
        db.display()
    );
    Ok(db)
}

/// The whole summary as text.
pub fn render(dir: &Path, articles: &[(Document, Analysis)]) -> String {
    let mut out = String::new();
    let statements: usize = articles.iter().map(|(_, a)| a.statements.len()).sum();
    let _ = writeln!(
        out,
        "Parallax demo: {} articles, {} statements, from {}\n",
        articles.len(),
        statements,
        dir.display()
    );
    for (doc, analysis) in articles {
        article(&mut out, doc, analysis);
    }
    speakers(&mut out, articles);
    denials(&mut out, articles);
    out
}

fn article(out: &mut String, doc: &Document, analysis: &Analysis) {
    let _ = writeln!(
        out,
        "━━ {}",
        doc.title.as_deref().unwrap_or("(no headline found)")
    );
    let mut facts = Vec::new();
    facts.push(format!(
        "outlet: {}",
        doc.outlet.as_deref().unwrap_or("unknown")
    ));
    if let Some(r) = &doc.republished_from {
        facts.push(format!("republished from: {r}"));
    }
    facts.push(format!(
        "published: {}",
        doc.published
            .map_or("unknown".to_string(), |p| p.to_string())
    ));
    if let Some(c) = doc.captured {
        facts.push(format!("page date: {c}"));
    }
    let _ = writeln!(out, "   {}", facts.join(" · "));
    if !doc.authors.is_empty() {
        let _ = writeln!(out, "   by {}", doc.authors.join(", "));
    }
    let _ = writeln!(
        out,
        "   {} · {} paragraphs kept · {} lines of page chrome removed",
        doc.source.display_name(),
        doc.text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count(),
        doc.removed.len()
    );
    for st in &analysis.statements {
        let speaker = st.speaker.name.as_deref().unwrap_or("(speaker not named)");
        let mention = st.speaker.mention.as_ref().map(|m| m.text(&doc.text));
        let mut head = format!("   • {speaker}");
        if let Some(m) = mention.filter(|m| m != speaker) {
            let _ = write!(head, " (“{m}”)");
        }
        if let Some(cue) = &st.cue {
            let _ = write!(head, " — {}", cue.parts.text(&doc.text));
        }
        let _ = write!(head, " — {}", st.kind.as_str());
        if st.polarity == Polarity::Deny {
            head.push_str(", DENIES");
        }
        if let Some(t) = &st.time {
            let _ = write!(head, " · said {t}");
        }
        if !st.via.is_empty() {
            let _ = write!(head, " · via {}", st.via.join(" ← "));
        }
        let _ = writeln!(out, "{head}");
        let words = st.content.text(&doc.text);
        let words = if st.kind == StatementKind::Direct {
            words
        } else {
            format!("[reported] {words}")
        };
        for line in wrap(&words, WIDTH - 7) {
            let _ = writeln!(out, "       {line}");
        }
    }
    out.push('\n');
}

fn outlet_of(doc: &Document) -> String {
    doc.outlet
        .clone()
        .unwrap_or_else(|| doc.source.display_name().to_string())
}

fn speakers(out: &mut String, articles: &[(Document, Analysis)]) {
    let mut by_speaker: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
    for (doc, analysis) in articles {
        for st in &analysis.statements {
            let Some(name) = st.speaker.name.as_deref() else {
                continue;
            };
            let entry = by_speaker.entry(name).or_default();
            entry.0 += 1;
            let outlet = outlet_of(doc);
            if !entry.1.contains(&outlet) {
                entry.1.push(outlet);
            }
        }
    }
    let _ = writeln!(out, "━━ Who is quoted, and by whom");
    let mut rows: Vec<_> = by_speaker.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    for (name, (n, outlets)) in rows {
        let _ = writeln!(
            out,
            "   {name}: {n} statement{} in {}",
            if n == 1 { "" } else { "s" },
            outlets.join(", ")
        );
    }
    out.push('\n');
}

fn denials(out: &mut String, articles: &[(Document, Analysis)]) {
    let _ = writeln!(out, "━━ Denials: where the sources push back");
    for (doc, analysis) in articles {
        for st in analysis
            .statements
            .iter()
            .filter(|s| s.polarity == Polarity::Deny)
        {
            let speaker = st.speaker.name.as_deref().unwrap_or("(speaker not named)");
            let words: String = st.content.text(&doc.text);
            let mut short: String = words.chars().take(110).collect();
            if short.len() < words.len() {
                short.push('…');
            }
            let _ = writeln!(out, "   {speaker} ({}): {short}", outlet_of(doc));
        }
    }
}

/// Splits `text` into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert!(wrap("", 10).is_empty());
    }
}
