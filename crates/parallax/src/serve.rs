//! `parallax serve`: the store on HTTP. The server itself lives in `parallax-serve`; this
//! module gives it the ingest pipeline for `POST /api/articles` and prints where it listens.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use parallax_serve::{Config, Ingest, IngestReport};

use crate::cli::{IngestArgs, ServeArgs};
use crate::ingest::{db_path, open_for_writing};

/// Runs the command line's ingest on a request body, read as a JSONL file would be, so that
/// the API takes exactly what `parallax ingest` takes, with the same idempotency and the
/// same one-writer lock. The records carry no file path: their provenance is their own
/// `url` and `outlet`.
#[derive(Debug)]
struct PipelineIngest;

impl Ingest for PipelineIngest {
    fn ingest(&self, db: &Path, jsonl: &[u8]) -> Result<IngestReport, String> {
        let args = IngestArgs {
            db: Some(db.to_path_buf()),
            inputs: Vec::new(),
            published: None,
            keep_text: false,
            max_bytes: parallax_ingest::Limits::DEFAULT_MAX_BYTES,
            no_wait: false,
            batch: 256,
            quiet: true,
        };
        let items = parallax_ingest::inputs_from_bytes(
            "POST /api/articles",
            jsonl.to_vec(),
            Some(parallax_model::Format::Jsonl),
            parallax_ingest::Limits {
                max_bytes: args.max_bytes,
            },
        );
        let summary = crate::ingest::run_with(&args, items).map_err(|e| format!("{e:#}"))?;
        Ok(IngestReport {
            added: summary.added,
            already: summary.already,
            failed: summary.failed,
            new_stories: summary.new_stories,
            errors: summary.errors,
        })
    }
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let db = db_path(args.db.as_deref());
    serve(&db, args.addr, args.readers, false)
}

/// Serves `db` until Ctrl-C. `fallback_port`: when `addr` is taken, listen on a free port
/// instead of failing (for the demo, which should not fail because 7878 is in use).
pub fn serve(
    db: &Path,
    addr: SocketAddr,
    readers: usize,
    fallback_port: bool,
) -> anyhow::Result<()> {
    // A missing store is created and an older one migrated, so that the server can read it;
    // when an ingest is writing right now, it has done both already.
    match open_for_writing(db, false, true) {
        Ok(store) => drop(store),
        Err(e)
            if e.downcast_ref::<parallax_store::StoreError>()
                .is_some_and(|e| matches!(e, parallax_store::StoreError::Busy { .. })) => {}
        Err(e) => return Err(e),
    }
    let (token, generated) = match std::env::var("PARALLAX_TOKEN") {
        Ok(t) if !t.trim().is_empty() => (t.trim().to_string(), false),
        _ => (parallax_serve::generate_token()?, true),
    };
    let mut config = Config {
        db: db.to_path_buf(),
        addr,
        token: token.clone(),
        ingest: Some(Arc::new(PipelineIngest)),
        readers,
    };
    let ready = |at: SocketAddr| {
        let host = if at.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            at.ip().to_string()
        };
        println!(
            "Serving {} at http://{host}:{}/  (Ctrl-C stops)",
            db.display(),
            at.port()
        );
        if generated {
            println!(
                "Token for POST /api/articles (printed once; set PARALLAX_TOKEN to choose it): {token}"
            );
        }
        let _ = std::io::stdout().flush();
    };
    match parallax_serve::run(config.clone(), ready) {
        Err(parallax_serve::ServeError::Bind { .. }) if fallback_port => {
            eprintln!("parallax: {addr} is in use; serving on another port");
            config.addr = SocketAddr::new(addr.ip(), 0);
            Ok(parallax_serve::run(config, ready)?)
        }
        other => Ok(other?),
    }
}
