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
        Command::Search(args) => print_with(|out| query::search(&args, out)),
        Command::Statements(args) => print_with(|out| query::statements(&args, out)),
        Command::Serve(args) => serve::run(&args).map(|()| ExitCode::SUCCESS),
    }
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
