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
  parallax analyze --keep-text --published 2024-03-29 clean/
  parallax ingest --db news.db scraped/      # store articles, link copies and stories
  parallax stories --db news.db              # stories across outlets
  parallax disputes --db news.db             # who affirms what another denies
  parallax search --db news.db ceasefire --since 2025-03-01
  parallax serve --db news.db                # web pages and a JSON API on 127.0.0.1:7878
  parallax kb \"Jonas Gahr Støre\"             # a name in the knowledge base, with offices
  parallax stance pairs.jsonl                # does each text affirm, deny or report its claim?";

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
    /// Add articles to a store and link them into stories (idempotent).
    #[command(
        after_help = "The store is --db PATH, else $PARALLAX_DB, else ./parallax.db; it is \
created on first use. Re-ingesting an article already stored (same id, or same text when the \
input gives no id) changes nothing, and an interrupted ingest can simply be run again.

Examples:
  parallax ingest --db news.db scraped/ export.jsonl
  PARALLAX_DB=news.db parallax ingest crawl.warc.gz
  cat today.jsonl | parallax ingest --db news.db -"
    )]
    Ingest(IngestArgs),
    /// List the stories in a store: articles about one event across outlets.
    #[command(
        after_help = "Examples:\n  parallax stories --db news.db\n  parallax stories --db news.db --json > stories.json\n  parallax stories --db news.db --limit 10"
    )]
    Stories(StoriesArgs),
    /// Disputed claims: what one named speaker affirms and another denies, with each side's
    /// statements, articles and outlets.
    #[command(
        after_help = "A claim gathers the statements of one story that bear on one proposition, \
whoever made them and in whatever outlet; an outlet's own unattributed sentences count as \
statements by the outlet. It is disputed when a named speaker affirms it and another denies it \
(\"denied that …\", \"there was no …\", or an incompatible account such as \"was staged\"). \
Claims are placed as articles are ingested. Each dispute also says which side every article of \
its story stands on: the side of the statements it carries, else the stance model's reading of \
the article against the disputed claim (affirms, denies, reports, or does not discuss it).

Examples:
  parallax disputes --db news.db
  parallax disputes --db news.db --story s12
  parallax disputes --db news.db --json > disputes.json"
    )]
    Disputes(DisputesArgs),
    /// One story: its articles by outlet, copies, and every statement in it.
    #[command(
        after_help = "Examples:\n  parallax story --db news.db s12\n  parallax story --db news.db 12 --json"
    )]
    Story(StoryArgs),
    /// Full-text search over stored articles, with filters.
    #[command(
        after_help = "Examples:\n  parallax search --db news.db ceasefire\n  parallax search --db news.db \"grain corridor\" --outlet \"Northern Wire\" --since 2025-01-01\n  parallax search --db news.db --speaker Varga --json"
    )]
    Search(SearchArgs),
    /// Statements in a store, by speaker (full name, first words or surname) or story.
    #[command(
        after_help = "Examples:\n  parallax statements --db news.db --speaker \"Ines Varga\"\n  parallax statements --db news.db --speaker Varga --json\n  parallax statements --db news.db --story s12"
    )]
    Statements(StatementsArgs),
    /// Serve a store: web pages for people, a JSON API (OpenAPI at /openapi.json) for programs.
    #[command(
        after_help = "Pages: / (stories), /stories/ID, /articles/ID, /entities/NAME, /search. \
The API lives under /api/ and is described at /openapi.json. Writing (POST /api/articles, the \
contract's JSONL input records) needs `Authorization: Bearer TOKEN`: the token is \
$PARALLAX_TOKEN, else one generated at start and printed once.

Examples:
  parallax serve --db news.db                    # http://127.0.0.1:7878/
  parallax serve --db news.db --addr 0.0.0.0:8080   # reachable from other machines
  curl -H \"Authorization: Bearer $TOKEN\" --data-binary @today.jsonl http://127.0.0.1:7878/api/articles"
    )]
    Serve(ServeArgs),
    /// Run the main job on the demo corpus, print a readable summary, and serve its pages.
    #[command(
        after_help = "At a terminal the demo then serves its pages until Ctrl-C; with its output \
piped or redirected it prints and exits, unless --serve is given.

Examples:
  parallax demo                    # then open the printed URL; Ctrl-C stops
  parallax demo --no-serve         # print the summary and exit
  parallax demo --serve > demo.txt # serve even with the output redirected
  parallax demo --dir my-articles/ --db my.db"
    )]
    Demo(DemoArgs),
    /// Look a name up in the knowledge base, or ask who held an office on a day.
    #[command(
        after_help = "The base knows places (GeoNames), heads of state and government with \
their offices and dates (CIA World Factbook), foreign ministers and the officers of the UN and \
other international bodies (curated, each with its source), and the entries of the files in \
$PARALLAX_KB. Exit status 1 when it does not know.

Examples:
  parallax kb \"Jonas Gahr Støre\"
  parallax kb --holder \"Prime Minister of Norway\" --on 2022-05-01
  parallax kb --holder \"Foreign Minister of Ghana\" --on 2024-06-01
  parallax kb Kharkov --json"
    )]
    Kb(KbArgs),
    /// Stance of texts towards claims: affirm, deny, report or unrelated (JSONL in and out).
    #[command(
        after_help = "Each input line is a JSON object {id, claim, text}; each output line is \
{id, stance}, in input order, with stance one of affirm, deny, report, unrelated. A line that \
cannot be read is reported on standard error with its line number and skipped; the exit status \
is then 1. Without FILE, or with -, the pairs are read from standard input.

Examples:
  parallax stance pairs.jsonl > stances.jsonl
  echo '{\"id\": 1, \"claim\": \"The pier will close\", \"text\": \"The pier will not close.\"}' | parallax stance"
    )]
    Stance(StanceArgs),
}

#[derive(Debug, Args)]
pub struct StanceArgs {
    /// A JSONL file of {id, claim, text} records, or - for standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: String,
    /// Longest input line to read, in bytes; a longer one is reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = parallax_ingest::Limits::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// No progress bar and no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct KbArgs {
    /// A name in any spelling; with --holder, an office ("President of Ghana").
    #[arg(value_name = "NAME")]
    pub query: String,
    /// Name who held the office NAME on the day given by --on.
    #[arg(long)]
    pub holder: bool,
    /// The day for --holder (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "holder")]
    pub on: Option<chrono::NaiveDate>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The store (default: $PARALLAX_DB, else ./parallax.db); created empty when missing.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Address to listen on. The default, loopback, is reachable from this machine only.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    /// Read requests served at once (each holds a read connection to the store).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub readers: usize,
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
pub struct DbArg {
    /// The store (default: $PARALLAX_DB, else ./parallax.db).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The store (default: $PARALLAX_DB, else ./parallax.db); created when missing.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Files, directories (walked recursively) or `-` for standard input. With none, the
    /// store is only created or migrated.
    #[arg(value_name = "FILE|DIR|-")]
    pub inputs: Vec<String>,
    /// The publication date (ISO 8601) to use when a document shows none itself.
    #[arg(long, value_name = "DATE")]
    pub published: Option<Timestamp>,
    /// Take plain-text input verbatim as `text` (no chrome removal).
    #[arg(long)]
    pub keep_text: bool,
    /// Largest document to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = parallax_ingest::Limits::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Fail at once when another ingest is writing to the store, instead of waiting.
    #[arg(long)]
    pub no_wait: bool,
    /// Articles per transaction (a killed ingest loses at most one batch of work).
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u16).range(1..))]
    pub batch: u16,
    /// No progress bar and no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Print a JSON array `[{id, title, articles, outlets, disputes}]`.
    #[arg(long)]
    pub json: bool,
    /// Show only the N most recently grown stories (0: all).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct DisputesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Only this story's disputes ("s12" or "12").
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    /// Print a JSON array `[{story, story_title, topic, claim, sides: [{speaker: {name},
    /// stance, voice, statements, articles, outlets}], article_stances: [{article, outlet,
    /// stance, by}]}]`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StoryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The story's id, as `stories` prints it ("s12" or "12").
    #[arg(value_name = "ID")]
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Words that must all occur (empty: filters only).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Only articles from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles with a statement by this speaker (or part of the name).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only articles that mention this entity (its canonical name).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<Timestamp>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<Timestamp>,
    /// At most N hits.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Order of the hits: newest first (fast on any store), or best match first.
    #[arg(long, value_enum, default_value_t = SortArg::Newest)]
    pub sort: SortArg,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Newest,
    Relevance,
}

#[derive(Debug, Args)]
pub struct StatementsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Statements by this speaker: a full name, its first words, or a surname.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only statements in this story.
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    /// At most N statements (0: all).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The corpus to run on (default: the `examples/` corpus that ships with Parallax).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The store the demo ingests into (default: parallax-demo/demo.db in the temporary
    /// directory); its path is printed so you can query it afterwards.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Serve the pages after the summary even when standard output is not a terminal
    /// (by default the demo serves only when run at a terminal, so that scripts end).
    #[arg(long, conflicts_with = "no_serve")]
    pub serve: bool,
    /// Print the summary and exit instead of serving the pages.
    #[arg(long)]
    pub no_serve: bool,
    /// Address to serve the demo's pages on (another free port is taken if it is busy).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
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
