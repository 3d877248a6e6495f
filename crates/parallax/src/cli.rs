//! The command line: every command and flag, with its help text, in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use parallax_model::Timestamp;

const ABOUT: &str = "Who said what, when, through which outlet, and where do the sources \
contradict each other?";

const EXAMPLES: &str = "\
Examples:
  parallax demo                              # the demo corpus, summarised
  parallax analyze article.txt               # one article: statements as JSONL
  parallax analyze scraped/ > out.jsonl      # a directory, recursively
  cat page.txt | parallax extract -          # clean one page from standard input
  parallax extract crawl.warc.gz export.jsonl page.html   # web pages, crawls, exports
  parallax analyze --keep-text --published 2024-03-29 clean/";

#[derive(Debug, Parser)]
#[command(name = "parallax", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean articles: body without page chrome, title, outlet, dates, credits (JSONL).
    #[command(
        after_help = "Examples:\n  parallax extract page.txt\n  parallax extract page.html.gz crawl.warc.gz\n  parallax extract pages/ > clean.jsonl\n  cat page.txt | parallax extract -"
    )]
    Extract(BatchArgs),
    /// Analyse articles: extraction plus statements (who said what), as JSONL.
    #[command(
        after_help = "Examples:\n  parallax analyze article.txt\n  parallax analyze --published 2024-03-29 articles/ > analysed.jsonl\n  parallax analyze --keep-text clean.txt"
    )]
    Analyze(BatchArgs),
    /// Run the main job on the demo corpus and print a readable summary.
    #[command(after_help = "Examples:\n  parallax demo\n  parallax demo --dir my-articles/")]
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Files, directories (walked recursively) or `-` for standard input: plain text,
    /// HTML, WARC or JSONL, gzipped or not.
    #[arg(value_name = "FILE|DIR|-", required = true)]
    pub inputs: Vec<String>,
    /// The publication date (ISO 8601) to use when a document shows none itself; relative
    /// times are anchored on it.
    #[arg(long, value_name = "DATE")]
    pub published: Option<Timestamp>,
    /// Take plain-text input verbatim as `text` (no chrome removal, no whitespace changes),
    /// so offsets point into the input file.
    #[arg(long)]
    pub keep_text: bool,
    /// Largest document to read, in bytes (a file, a WARC record, a JSONL line); a larger
    /// one is reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = parallax_ingest::Limits::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Pretty-print each record over several lines instead of one JSON object per line.
    #[arg(long)]
    pub pretty: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The corpus to run on (default: the `examples/` corpus that ships with Parallax).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn batch_flags_parse() {
        let cli = Cli::try_parse_from([
            "parallax",
            "analyze",
            "--published",
            "2024-03-29",
            "--keep-text",
            "a.txt",
            "dir/",
        ])
        .unwrap();
        let Command::Analyze(args) = cli.command else {
            panic!("not analyze")
        };
        assert_eq!(args.inputs, ["a.txt", "dir/"]);
        assert!(args.keep_text);
        assert_eq!(args.published.unwrap().to_string(), "2024-03-29");
    }

    #[test]
    fn an_input_must_be_named() {
        let err = Cli::try_parse_from(["parallax", "extract"]).unwrap_err();
        assert!(err.to_string().contains("FILE|DIR|-"), "{err}");
        let cli = Cli::try_parse_from(["parallax", "extract", "-"]).unwrap();
        let Command::Extract(args) = cli.command else {
            panic!("not extract")
        };
        assert_eq!(args.inputs, ["-"]);
    }

    #[test]
    fn bad_dates_are_refused_with_a_hint() {
        let err =
            Cli::try_parse_from(["parallax", "analyze", "--published", "29/03/2024"]).unwrap_err();
        assert!(err.to_string().contains("ISO 8601"), "{err}");
    }
}
