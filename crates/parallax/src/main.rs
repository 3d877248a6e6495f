//! The `parallax` binary: flags and glue. Every stage lives in its own crate; this one parses
//! the command line, runs the stages over the inputs, and prints records (JSON shapes live in
//! [`record`]) and summaries. Exit status: 0 when every input went through, 1 when any input
//! failed (the others are still processed and printed), 2 for usage errors.

mod batch;
mod cli;
mod demo;
mod record;

use std::io::{self, BufWriter};
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

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => batch_exit(&args, Stage::Extract),
        Command::Analyze(args) => batch_exit(&args, Stage::Analyze),
        Command::Demo(args) => demo::run(&args),
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
