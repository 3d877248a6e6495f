//! `parallax serve`: the store served to people as server-rendered HTML pages (story list,
//! story, article, entity, search) and to programs as a JSON API described by an OpenAPI
//! document at `/openapi.json`.
//!
//! Reads go through a small pool of read-only SQLite connections on blocking threads, as
//! many at once as there are permits, so a burst of clients queues instead of opening a
//! connection each. Writing (`POST /api/articles`) needs the bearer token and runs the same
//! ingest as the command line, through the [`Ingest`] hook the binary provides: this crate
//! knows the store, not the analysis pipeline.
//!
//! Depends on `parallax-store` (reads), `parallax-link` (which copy is the original),
//! `axum`/`tokio` (HTTP), `maud` (HTML that escapes whatever it is given) and `serde_json`.

mod api;
mod openapi;
mod pages;
mod timeline;
pub mod views;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use parallax_store::{Access, SqliteStore, StoreError};
use tokio::sync::Semaphore;

pub use openapi::spec;

/// Requests larger than this are refused (413) before they are read in full.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Runs an ingest of JSONL input records for `POST /api/articles`.
pub trait Ingest: Send + Sync + 'static {
    fn ingest(&self, db: &Path, jsonl: &[u8]) -> Result<IngestReport, String>;
}

/// What an ingest through the API did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestReport {
    pub added: usize,
    pub already: usize,
    pub failed: usize,
    pub new_stories: usize,
    /// Why records failed, each naming its line (the first hundred).
    pub errors: Vec<String>,
}

/// How to serve.
#[derive(Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// The bearer token that writes need.
    pub token: String,
    pub ingest: Option<Arc<dyn Ingest>>,
    /// Read connections (and blocking reads) at once.
    pub readers: usize,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("db", &self.db)
            .field("addr", &self.addr)
            .field("readers", &self.readers)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}; pick another address with --addr")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A random bearer token (32 hex digits) for when none is configured.
pub fn generate_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServeError::Io(std::io::Error::other(e.to_string())))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db", &self.0.db)
            .finish_non_exhaustive()
    }
}

struct Inner {
    db: PathBuf,
    pool: Mutex<Vec<SqliteStore>>,
    permits: Semaphore,
    token: String,
    ingest: Option<Arc<dyn Ingest>>,
}

impl AppState {
    pub fn new(config: &Config) -> AppState {
        AppState(Arc::new(Inner {
            db: config.db.clone(),
            pool: Mutex::new(Vec::new()),
            permits: Semaphore::new(config.readers.max(1)),
            token: config.token.clone(),
            ingest: config.ingest.clone(),
        }))
    }

    /// Runs `f` on a read connection, on a blocking thread.
    async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self
            .0
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = inner.pool.lock().ok().and_then(|mut p| p.pop());
            let store = match pooled {
                Some(store) => store,
                None => SqliteStore::open(&inner.db, Access::Read).map_err(ApiError::store)?,
            };
            let result = f(&store).map_err(ApiError::store);
            if let Ok(mut pool) = inner.pool.lock() {
                pool.push(store);
            }
            result
        })
        .await
        .map_err(|e| ApiError::internal(&format!("a read task failed: {e}")))?
    }

    /// Whether the request carries the bearer token. Compared in constant time, so the
    /// response time does not tell how much of a guess was right.
    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(given) = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        let (a, b) = (given.trim().as_bytes(), self.0.token.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// An error as the API reports it: a status and a message for the client. Store failures
/// are logged in full on the server and reported without their details.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    fn internal(detail: &str) -> ApiError {
        eprintln!("parallax serve: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; the server log has the details",
        )
    }

    fn store(e: StoreError) -> ApiError {
        match e {
            StoreError::Io { .. }
            | StoreError::NotAStore { .. }
            | StoreError::NewerSchema { .. } => {
                eprintln!("parallax serve: {e}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the store cannot be opened; the server log says why",
                )
            }
            other => ApiError::internal(&other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({"error": self.message})),
        )
            .into_response()
    }
}

/// Every route, API and pages, with the request body cap.
pub fn router(state: AppState) -> Router {
    openapi::routes()
        .into_iter()
        .fold(Router::new(), |router, (path, method_router)| {
            router.route(path, method_router)
        })
        .fallback(api::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Serves until Ctrl-C. `ready` is called once the socket listens, with its address.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        ready(listener.local_addr()?);
        let app = router(AppState::new(&config));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
