//! Runs a stage over a batch of inputs: streams them in, works on a chunk at a time on all
//! cores, writes records in input order, and reports each failed input without stopping.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parallax_extract::Options;
use parallax_ingest::{Input, Limits, inputs};
use parallax_model::{Analysis, Document};
use rayon::prelude::*;

use crate::cli::BatchArgs;
use crate::record::Record;

/// Documents handed to the thread pool at once: enough to keep both cores busy, few enough
/// that memory stays flat however large the batch.
const CHUNK: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Extract,
    Analyze,
}

/// What a batch did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
    /// Records passed over on purpose: images and redirects in a crawl.
    pub skipped: usize,
    pub warnings: usize,
    pub bytes: u64,
}

/// One input's result, ready to print.
enum Outcome {
    Record {
        line: Vec<u8>,
        warnings: Vec<String>,
        bytes: u64,
    },
    Failed(String),
    Skipped(String),
}

/// Skipped records named one by one before the rest are only counted: a crawl holds
/// thousands of images and redirects.
const SKIPS_SHOWN: usize = 10;

/// Extracts (and analyses) one decoded input.
pub fn process(
    input: &Input,
    stage: Stage,
    options: &Options,
) -> anyhow::Result<(Document, Analysis)> {
    let doc = parallax_extract::extract(input, options)
        .with_context(|| input.source.display_name().to_string())?;
    let analysis = match stage {
        Stage::Extract => Analysis::default(),
        Stage::Analyze => parallax_analyze::analyze(&doc),
    };
    Ok((doc, analysis))
}

/// Reads the analyse stage's models and knowledge base now, side by side when there are
/// cores to spare, rather than one after another as the first articles need them: for a
/// short input, start-up is most of the time taken.
pub(crate) fn load_models() {
    use parallax_analyze::{entities, kb, tagger, word_classes};
    rayon::join(
        || {
            tagger::model();
        },
        || {
            entities::model();
            kb::lookup("");
            word_classes::class_of("");
        },
    );
}

pub fn run(args: &BatchArgs, stage: Stage, out: &mut dyn Write) -> anyhow::Result<Summary> {
    let options = Options {
        keep_text: args.keep_text,
        published: args.published,
    };
    let limits = Limits {
        max_bytes: args.max_bytes,
    };
    let progress = progress_bar(args.quiet);
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut stream = inputs(&args.inputs, limits).peekable();
    if stage == Stage::Analyze && stream.peek().is_some() {
        load_models();
    }
    while stream.peek().is_some() {
        let chunk: Vec<_> = stream.by_ref().take(CHUNK).collect();
        let outcomes: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|item| match item {
                Err(e) if e.is_skip() => Outcome::Skipped(e.to_string()),
                Err(e) => Outcome::Failed(e.to_string()),
                Ok(input) => match process(&input, stage, &options) {
                    Err(e) => Outcome::Failed(format!("{e:#}")),
                    Ok((doc, analysis)) => {
                        let record = Record::new(&doc, &analysis);
                        let mut line = Vec::with_capacity(doc.text.len() * 2 + 512);
                        let written = if args.pretty {
                            serde_json::to_writer_pretty(&mut line, &record)
                        } else {
                            serde_json::to_writer(&mut line, &record)
                        };
                        match written {
                            Ok(()) => {
                                line.push(b'\n');
                                let name = input.source.display_name();
                                let warnings = input
                                    .warnings
                                    .iter()
                                    .map(|w| format!("{name}: {w}"))
                                    .collect();
                                Outcome::Record {
                                    line,
                                    warnings,
                                    bytes: input.text().len() as u64,
                                }
                            }
                            Err(e) => Outcome::Failed(format!(
                                "{}: cannot write JSON: {e}",
                                input.source.display_name()
                            )),
                        }
                    }
                },
            })
            .collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Record {
                    line,
                    warnings,
                    bytes,
                } => {
                    for w in warnings {
                        progress.suspend(|| eprintln!("parallax: warning: {w}"));
                        summary.warnings += 1;
                    }
                    match out.write_all(&line) {
                        Ok(()) => {}
                        // A closed pipe (`parallax analyze … | head`) means the reader has
                        // what it wanted.
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                            progress.finish_and_clear();
                            return Ok(summary);
                        }
                        Err(e) => return Err(e).context("cannot write the output"),
                    }
                    summary.documents += 1;
                    summary.bytes += bytes;
                }
                Outcome::Failed(message) => {
                    progress.suspend(|| eprintln!("parallax: {message}"));
                    summary.failed += 1;
                }
                Outcome::Skipped(message) => {
                    summary.skipped += 1;
                    if summary.skipped <= SKIPS_SHOWN && !args.quiet {
                        progress.suspend(|| eprintln!("parallax: {message}"));
                    }
                    continue;
                }
            }
            progress.inc(1);
        }
        progress.set_message(format!("{} failed", summary.failed));
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(e).context("cannot write the output");
        }
        _ => {}
    }
    progress.finish_and_clear();
    if !args.quiet {
        report(&summary, started.elapsed());
    }
    Ok(summary)
}

fn progress_bar(quiet: bool) -> ProgressBar {
    spinner(
        quiet,
        "{spinner} {pos} documents ({per_sec}) {msg} [{elapsed}]",
    )
}

/// The progress spinner every long command shows on standard error, drawn with `template`;
/// hidden with `--quiet`.
pub fn spinner(quiet: bool, template: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // Draws only when standard error is a terminal, so logs and pipes stay clean.
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn report(summary: &Summary, elapsed: Duration) {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let mut line = format!(
        "parallax: {} document{} in {:.2} s ({:.0}/s, {:.1} MB/s)",
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        secs,
        summary.documents as f64 / secs,
        summary.bytes as f64 / 1e6 / secs,
    );
    if summary.failed > 0 {
        line.push_str(&format!(
            ", {} input{} failed",
            summary.failed,
            if summary.failed == 1 { "" } else { "s" }
        ));
    }
    if summary.skipped > 0 {
        line.push_str(&format!(
            ", {} record{} skipped (not HTML, or not a 2xx response)",
            summary.skipped,
            if summary.skipped == 1 { "" } else { "s" }
        ));
    }
    if summary.warnings > 0 {
        line.push_str(&format!(
            ", {} warning{}",
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" }
        ));
    }
    eprintln!("{line}");
}
