//! `parallax ingest`: inputs → extract → analyse (in parallel) → link (in order) → store (one
//! transaction per batch).
//!
//! Crash safety rests on three facts: a batch commits whole or not at all; the linker's
//! state is rebuilt from what was committed; and articles are linked in input order. So a
//! rerun after a kill skips the committed articles and links the rest exactly as an
//! uninterrupted run would have.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::ProgressBar;
use parallax_extract::Options;
use parallax_ingest::{Limits, inputs};
use parallax_link::claims::{self, ClaimIndex, Member, StatementInput};
use parallax_link::{Config, Features, Linker};
use parallax_model::{Analysis, Document, Polarity};
use parallax_store::{
    Access, Batch, ClaimRow, CopyKind, CopyLink, NewArticle, SqliteStore, Store, StoreError,
};
use rayon::prelude::*;

use crate::cli::IngestArgs;
use crate::record;

/// The store named by `--db`, else `$PARALLAX_DB`, else `parallax.db` here.
pub fn db_path(db: Option<&Path>) -> PathBuf {
    db.map(Path::to_path_buf)
        .or_else(|| std::env::var_os("PARALLAX_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("parallax.db"))
}

/// What an ingest did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub added: usize,
    pub already: usize,
    pub failed: usize,
    pub skipped: usize,
    pub copies: usize,
    pub new_stories: usize,
    /// Why inputs failed, each naming its input (the first [`KEPT_ERRORS`]).
    pub errors: Vec<String>,
}

/// Failure messages kept in a [`Summary`]; the rest are only counted (and printed).
pub const KEPT_ERRORS: usize = 100;

/// Opens a store for writing; when another ingest holds it, says so and waits (unless told
/// not to).
pub fn open_for_writing(db: &Path, wait: bool, quiet: bool) -> anyhow::Result<SqliteStore> {
    match SqliteStore::open(db, Access::Write { wait: false }) {
        Err(StoreError::Busy { .. }) if wait => {
            if !quiet {
                eprintln!(
                    "parallax: another ingest is writing to {}; waiting for it to finish…",
                    db.display()
                );
            }
            Ok(SqliteStore::open(db, Access::Write { wait: true })?)
        }
        other => Ok(other?),
    }
}

/// An analysed article waiting for the linker: everything but its place among the others.
struct Prepared {
    article: NewArticle,
    features: Features,
    /// Its statements and narration, to be placed in its story's claims.
    claims: Vec<claims::Item>,
}

/// Claims the writer keeps in memory across stories (their founders' terms and postings, a
/// few hundred bytes each); past it, the least recently grown stories are dropped and
/// reloaded from the store when they grow again.
const CLAIM_BUDGET: usize = 500_000;

/// What the writer thread did.
#[derive(Default)]
struct Written {
    added: usize,
    copies: usize,
    new_stories: usize,
}

/// Batches in flight between the analysing threads and the writer: one being written, one
/// waiting. Their ids are not in the store yet, so duplicates among them are caught here.
const IN_FLIGHT: usize = 3;

pub fn run(args: &IngestArgs) -> anyhow::Result<Summary> {
    let limits = Limits {
        max_bytes: args.max_bytes,
    };
    run_with(args, inputs(&args.inputs, limits))
}

/// The ingest of `items` (instead of `args.inputs`): records that arrive some other way
/// than as files, such as the body of `POST /api/articles`.
pub fn run_with(
    args: &IngestArgs,
    items: impl Iterator<Item = Result<parallax_ingest::Input, parallax_ingest::Error>>,
) -> anyhow::Result<Summary> {
    let db = db_path(args.db.as_deref());
    let mut store = open_for_writing(&db, !args.no_wait, args.quiet)?;
    // Queries for ids already stored go through their own connection, so that they never
    // wait for the writer (WAL lets them read while it writes).
    let reader = SqliteStore::open(&db, Access::Read)?;
    let options = Options {
        keep_text: args.keep_text,
        published: args.published,
    };
    let mut linker = restore(&store).with_context(|| format!("{}", db.display()))?;
    let mut next_seq = store.next_seq()?;
    let progress = progress_bar(args.quiet);
    let started = Instant::now();
    let mut summary = Summary::default();
    // The writer links in input order and commits a batch at a time while the other threads
    // analyse the next batch: analysis is most of the work, and it no longer waits for
    // SQLite.
    let (written, store) = std::thread::scope(|scope| -> anyhow::Result<(Written, SqliteStore)> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(1);
        let bar = progress.clone();
        let db_name = db.display().to_string();
        let writer = scope.spawn(move || -> anyhow::Result<(Written, SqliteStore)> {
            let mut w = Written::default();
            let mut claim_index = ClaimIndex::new();
            for prepared in rx {
                let mut batch = Batch::default();
                for Prepared {
                    mut article,
                    features,
                    claims,
                } in prepared
                {
                    let seq = next_seq;
                    next_seq += 1;
                    let link = linker.link(seq, &features);
                    article.copy_of = link.copy_of.map(|c| CopyLink {
                        of: c.of,
                        similarity: c.similarity,
                        kind: copy_kind(c.exact, &article, &batch, &store, c.of),
                    });
                    w.copies += usize::from(article.copy_of.is_some());
                    w.new_stories += usize::from(link.founded);
                    article.seq = seq;
                    let placed = place_claims(
                        &mut claim_index,
                        &store,
                        link.story,
                        &link.merged,
                        seq,
                        claims,
                    )
                    .with_context(|| format!("cannot read the claims in {db_name}"))?;
                    article.claims = placed.rows;
                    article.claim_joins = placed.joins;
                    article.story = link.story;
                    article.merged = link.merged;
                    article.link_state = link.state;
                    article.content_hash = features.content_hash;
                    batch.articles.push(article);
                }
                batch.df = linker.take_df_delta();
                if !batch.articles.is_empty() {
                    store
                        .write(&batch)
                        .with_context(|| format!("cannot write to {db_name}"))?;
                }
                // Everything placed so far is stored, so any story may now be dropped.
                claim_index.evict(CLAIM_BUDGET);
                w.added += batch.articles.len();
                bar.inc(batch.articles.len() as u64);
            }
            Ok((w, store))
        });
        let mut recent: std::collections::VecDeque<HashSet<String>> = Default::default();
        let mut stream = items.peekable();
        if stream.peek().is_some() {
            crate::batch::load_models();
        }
        while stream.peek().is_some() {
            let chunk: Vec<_> = stream.by_ref().take(usize::from(args.batch)).collect();
            // `None`: a record passed over on purpose (an image or a redirect in a crawl).
            let extracted: Vec<Option<Result<Document, String>>> = chunk
                .into_par_iter()
                .map(|item| match item {
                    Err(e) if e.is_skip() => None,
                    Err(e) => Some(Err(e.to_string())),
                    Ok(input) => Some(
                        parallax_extract::extract(&input, &options)
                            .map_err(|e| format!("{}: {e}", input.source.display_name())),
                    ),
                })
                .collect();
            let mut fresh = Vec::with_capacity(extracted.len());
            let mut ids: HashSet<String> = HashSet::new();
            for item in extracted {
                match item {
                    None => summary.skipped += 1,
                    Some(Err(message)) => {
                        progress.suspend(|| eprintln!("parallax: {message}"));
                        summary.failed += 1;
                        if summary.errors.len() < KEPT_ERRORS {
                            summary.errors.push(message);
                        }
                    }
                    Some(Ok(doc)) => {
                        let known = ids.contains(&doc.id)
                            || recent.iter().any(|r| r.contains(&doc.id))
                            || reader.contains(&doc.id)?;
                        if known {
                            summary.already += 1;
                        } else {
                            ids.insert(doc.id.clone());
                            fresh.push(doc);
                        }
                    }
                }
            }
            recent.push_back(ids);
            if recent.len() > IN_FLIGHT {
                recent.pop_front();
            }
            let prepared: Vec<Prepared> = fresh
                .into_par_iter()
                .map(|doc| {
                    let analysis = parallax_analyze::analyze(&doc);
                    let features = features(&doc);
                    let (story_title, story_title_is_headline) = story_title(&doc);
                    let claims = claim_items(&doc, &analysis);
                    let article = NewArticle {
                        story_title,
                        story_title_is_headline,
                        statements: record::statement_rows(&doc, &analysis),
                        entities: record::entity_rows(&analysis),
                        ..record::article_fields(doc)
                    };
                    Prepared {
                        article,
                        features,
                        claims,
                    }
                })
                .collect();
            if tx.send(prepared).is_err() {
                // The writer stopped: its error is reported below.
                break;
            }
            progress.set_message(format!(
                "{} already stored, {} failed",
                summary.already, summary.failed
            ));
        }
        drop(tx);
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
    })?;
    summary.added = written.added;
    summary.copies = written.copies;
    summary.new_stories = written.new_stories;
    progress.finish_and_clear();
    if !args.quiet {
        report(&db, &store, &summary, started.elapsed())?;
    }
    Ok(summary)
}

/// An article's statements and the sentences in its outlet's own voice, as claim items.
fn claim_items(doc: &Document, analysis: &Analysis) -> Vec<claims::Item> {
    let contents: Vec<String> = analysis
        .statements
        .iter()
        .map(|s| s.content.text(&doc.text))
        .collect();
    let cues: Vec<String> = analysis
        .statements
        .iter()
        .map(|s| {
            s.cue
                .as_ref()
                .map(|c| c.parts.text(&doc.text))
                .unwrap_or_default()
        })
        .collect();
    let inputs: Vec<StatementInput<'_>> = analysis
        .statements
        .iter()
        .zip(contents.iter().zip(&cues))
        .map(|(s, (content, cue))| {
            // The whole attribution, speaker and cue included, is not the outlet's voice.
            let mut span = s.content.cover();
            if let Some(cue) = &s.cue {
                span = span.cover(cue.parts.cover());
            }
            if let Some(mention) = &s.speaker.mention {
                span = span.cover(mention.cover());
            }
            StatementInput {
                content,
                span: span.start..span.end,
                speaker: s.speaker.name.as_deref(),
                cue,
                denies: s.polarity == Polarity::Deny,
            }
        })
        .collect();
    let aliases: Vec<(&str, &str)> = analysis
        .entities
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| (a.as_str(), e.name.as_str())))
        .collect();
    claims::items(&doc.text, &inputs, &aliases, doc.outlet.as_deref())
}

/// An article's claim members, and the claims of the stories it bridged that join its
/// story's own claims (old claim, claim joined).
struct PlacedClaims {
    rows: Vec<ClaimRow>,
    joins: Vec<(u64, u64)>,
}

/// Places an article's claim items in its story, loading from the store the stories the
/// index does not hold, and folding merged stories in first, as the linker did.
fn place_claims(
    index: &mut ClaimIndex,
    store: &dyn Store,
    story: u64,
    merged: &[u64],
    seq: u64,
    items: Vec<claims::Item>,
) -> anyhow::Result<PlacedClaims> {
    for &s in merged.iter().chain([&story]) {
        if !index.is_loaded(s) {
            let members: Vec<Member> = store
                .claim_rows(s)?
                .iter()
                .map(parallax_serve::views::claim_member)
                .collect();
            index.load(s, &members);
        }
    }
    let mut joins = Vec::new();
    for &m in merged {
        joins.extend(index.merge(m, story));
    }
    let rows = index
        .add(story, seq, items)
        .into_iter()
        .map(|m| ClaimRow {
            claim: m.claim,
            story: m.story,
            seq: m.seq,
            n: m.n,
            speaker: m.speaker,
            denies: m.denies,
            narration: m.narration,
            text: m.text,
            terms: m.terms,
        })
        .collect();
    Ok(PlacedClaims { rows, joins })
}

/// A linker that has seen everything the store holds.
pub fn restore(store: &dyn Store) -> anyhow::Result<Linker> {
    let mut linker = Linker::new(Config::default());
    let (docs, df) = store.document_frequencies()?;
    linker.set_df(docs, df);
    for (merged, into) in store.merges()? {
        linker.alias(merged, into);
    }
    // Articles older than the linker's window matter only as exact-copy targets.
    let from = store
        .next_seq()?
        .saturating_sub(linker.window() as u64)
        .max(1);
    store.for_each_content_hash(from, &mut |seq, story, hash| {
        linker.restore_hash(seq, story, hash);
    })?;
    let mut failure = None;
    store.for_each_link(from, &mut |row| {
        if failure.is_none()
            && let Err(e) = linker.restore(row.seq, row.story, &row.state)
        {
            failure = Some(e);
        }
    })?;
    match failure {
        Some(e) => Err(e.into()),
        None => Ok(linker),
    }
}

/// Story similarity reads the text alone: adding the article's entities as terms made
/// stories-dev worse at every weight tried (BENCHMARKS.md), because one organisation or place
/// runs through many different stories.
fn features(doc: &Document) -> Features {
    let day = doc
        .published
        .map(|t| i32::try_from(days_since_epoch(t.date())).unwrap_or(0));
    Features::new(doc.title.as_deref(), &doc.text, &[], day)
}

pub fn days_since_epoch(date: chrono::NaiveDate) -> i64 {
    use chrono::Datelike as _;
    i64::from(date.num_days_from_ce()) - 719_163
}

/// A copy is a republication when it credits an original outlet or comes from another outlet
/// than the copy it matches.
fn copy_kind(
    exact: bool,
    article: &NewArticle,
    batch: &Batch,
    store: &dyn Store,
    of: u64,
) -> CopyKind {
    if article.republished_from.is_some() {
        return CopyKind::Republication;
    }
    let other_outlet = batch
        .articles
        .iter()
        .find(|a| a.seq == of)
        .map(|a| a.outlet.clone())
        .or_else(|| store.outlet_of(of).ok());
    match (article.outlet.as_deref(), other_outlet.flatten().as_deref()) {
        (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => CopyKind::Republication,
        _ if exact => CopyKind::Exact,
        _ => CopyKind::Near,
    }
}

/// The story's title if this article founds it: its headline, else its first sentence.
fn story_title(doc: &Document) -> (String, bool) {
    if let Some(t) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return (t.split_whitespace().collect::<Vec<_>>().join(" "), true);
    }
    let text = doc.text.trim();
    let first = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '\n')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
                && i > 20
        })
        .map_or(text, |(i, c)| &text[..i + c.len_utf8()]);
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    (shorten(&first, 100), false)
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim_end_matches('.');
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

fn progress_bar(quiet: bool) -> ProgressBar {
    crate::batch::spinner(
        quiet,
        "{spinner} {pos} stored ({per_sec}) {msg} [{elapsed}]",
    )
}

fn report(db: &Path, store: &SqliteStore, s: &Summary, elapsed: Duration) -> anyhow::Result<()> {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let stats = store.stats()?;
    eprintln!(
        "parallax: {} added ({:.0}/s), {} already stored, {} failed, {} skipped, {} copies found, \
         {} new stories in {:.2} s; {} now holds {} articles in {} stories",
        s.added,
        s.added as f64 / secs,
        s.already,
        s.failed,
        s.skipped,
        s.copies,
        s.new_stories,
        secs,
        db.display(),
        stats.articles,
        stats.stories,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_titles_prefer_headlines_then_first_sentences() {
        let mut doc = Document {
            id: "x".into(),
            source: parallax_model::Source {
                path: None,
                url: None,
                format: parallax_model::Format::Text,
            },
            title: None,
            outlet: None,
            republished_from: None,
            authors: vec![],
            language: None,
            published: None,
            modified: None,
            captured: None,
            text: "The port of Veller reopened on Monday. Ships queued overnight.".into(),
            removed: vec![],
        };
        assert_eq!(
            story_title(&doc),
            ("The port of Veller reopened on Monday".into(), false)
        );
        doc.title = Some(" Veller port reopens ".into());
        assert_eq!(story_title(&doc), ("Veller port reopens".into(), true));
        let long = "word ".repeat(40);
        assert!(shorten(&long, 30).ends_with('…'));
        assert!(shorten(&long, 30).chars().count() <= 31);
        assert_eq!(
            days_since_epoch(chrono::NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()),
            1
        );
    }
}
