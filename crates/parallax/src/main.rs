//! The `parallax` binary: flags and glue. Every stage lives in its own crate; this one parses
//! the command line, runs the stages over the inputs, and prints records (JSON shapes live in
//! [`record`]) and summaries. Exit status: 0 when every input went through, 1 when any input
//! failed (the others are still processed and printed), 2 for usage errors.

mod batch;
mod cli;
mod demo;
mod ingest;
mod query;
mod record;
mod serve;
mod stance;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser as _;

use crate::batch::Stage;
use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parallax: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Loads the user's knowledge-base files named by `PARALLAX_KB` (paths separated by `:`):
/// names and spellings that win over the built-in ones, read at every start so that editing
/// them needs no rebuild.
fn load_user_kb() -> anyhow::Result<()> {
    let Some(paths) = std::env::var_os("PARALLAX_KB") else {
        return Ok(());
    };
    for path in std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("PARALLAX_KB: cannot read {}: {e}", path.display()))?;
        parallax_analyze::kb::add_user_entries(&text)
            .map_err(|e| anyhow::anyhow!("PARALLAX_KB: {}: {e}", path.display()))?;
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    load_user_kb()?;
    match cli.command {
        Command::Extract(args) => batch_exit(&args, Stage::Extract),
        Command::Analyze(args) => batch_exit(&args, Stage::Analyze),
        Command::Demo(args) => demo::run(&args),
        Command::Ingest(args) => {
            let summary = ingest::run(&args)?;
            Ok(if summary.failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Stories(args) => print_with(|out| query::stories(&args, out)),
        Command::Story(args) => print_with(|out| query::story(&args, out)),
        Command::Disputes(args) => print_with(|out| query::disputes(&args, out)),
        Command::Search(args) => print_with(|out| query::search(&args, out)),
        Command::Statements(args) => print_with(|out| query::statements(&args, out)),
        Command::Serve(args) => serve::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Stance(args) => {
            let mut failed = 0;
            let code = print_with(|out| {
                failed = stance::run(&args, out)?.failed;
                Ok(())
            })?;
            Ok(if failed > 0 { ExitCode::from(1) } else { code })
        }
        Command::Kb(args) => {
            let mut known = false;
            print_with(|out| {
                known = kb_query(&args, out)?;
                Ok(())
            })?;
            Ok(if known {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// `parallax kb`: what the knowledge base knows under a name, or who held an office on a
/// day. Returns whether it knew.
fn kb_query(args: &cli::KbArgs, out: &mut dyn Write) -> anyhow::Result<bool> {
    use parallax_analyze::kb;
    if args.holder {
        let day = args.on.unwrap_or_else(|| chrono::Local::now().date_naive());
        let who = kb::holder(&args.query, day);
        if args.json {
            let v = serde_json::json!({"office": args.query, "on": day.to_string(), "holder": who});
            writeln!(out, "{v}")?;
        } else {
            match &who {
                Some(name) => writeln!(out, "{name}")?,
                None => eprintln!(
                    "parallax: the knowledge base does not know who was {} on {day}",
                    args.query
                ),
            }
        }
        return Ok(who.is_some());
    }
    let known = kb::lookup(&args.query);
    let roles = known
        .as_ref()
        .filter(|k| k.kind == parallax_model::EntityKind::Person)
        .map(|k| kb::roles(&k.name))
        .unwrap_or_default();
    if args.json {
        let roles: Vec<serde_json::Value> = roles
            .iter()
            .map(|r| {
                serde_json::json!({"title": r.title, "since": r.since, "until": r.until, "seen": r.seen})
            })
            .collect();
        let v = match &known {
            Some(k) => {
                serde_json::json!({"query": args.query, "name": k.name, "kind": k.kind.as_str(), "roles": roles})
            }
            None => serde_json::json!({"query": args.query, "name": null}),
        };
        writeln!(out, "{v}")?;
    } else if let Some(k) = &known {
        writeln!(out, "{}\t{}", k.name, k.kind.as_str())?;
        for r in &roles {
            let span = match (&r.until, &r.seen) {
                (None, None) => format!("since {}", r.since),
                (Some(u), None) => format!("{} to {u}", r.since),
                (Some(u), Some(s)) => format!(
                    "since {}; last listed {s}; a successor took office {u}",
                    r.since
                ),
                (None, Some(s)) => format!("since {}; last listed {s}", r.since),
            };
            writeln!(out, "  {}, {span}", r.title)?;
        }
    } else {
        eprintln!(
            "parallax: {:?} is not in the knowledge base (add it in a file named by PARALLAX_KB)",
            args.query
        );
    }
    Ok(known.is_some())
}

/// Runs a command that prints to standard output; a closed pipe (`… | head`) is not an
/// error.
fn print_with(f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = f(&mut out).and_then(|()| Ok(out.flush()?));
    match result {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn batch_exit(args: &cli::BatchArgs, stage: Stage) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = batch::run(args, stage, &mut out)?;
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
