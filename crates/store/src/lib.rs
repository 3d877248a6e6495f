//! The corpus store: analysed articles with their statements and entities, the copies found
//! among them, and the stories they form, kept on disk and searchable.
//!
//! Callers talk to the [`Store`] trait. [`SqliteStore`] is the embedded default (one file,
//! WAL journal, FTS5 full-text index in the same file, so one transaction covers an article,
//! its index entries and its links). A PostgreSQL backend implements the same trait.
//!
//! Writes come in [`Batch`]es, each one transaction: an ingest killed at any instant leaves
//! the store as it was after its last whole batch, and running it again skips what is there.
//!
//! This crate knows rows, not documents or analyses: it depends on `rusqlite` (bundled
//! SQLite), `serde_json` (list-valued columns) and `thiserror`, and on no other Parallax
//! crate, so the pipeline's types can change without a schema change.

mod schema;
mod sqlite;

use std::path::PathBuf;

pub use sqlite::{Access, SqliteStore};

/// Errors from opening, writing or querying a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: not a Parallax store (it is not an SQLite database); pass another --db path")]
    NotAStore { path: PathBuf },
    #[error(
        "{path}: the store has schema version {found}, newer than this Parallax understands \
         ({supported}); upgrade Parallax, or ingest into a new store"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path}: another `parallax ingest` is writing to this store; wait for it to finish \
         (or leave out --no-wait to wait automatically)"
    )]
    Busy { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the store holds an unreadable value: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One analysed article ready to store, with how the linker placed it.
#[derive(Clone, Debug, Default)]
pub struct NewArticle {
    pub id: String,
    /// Arrival order; assigned by the caller from [`Store::next_seq`].
    pub seq: u64,
    pub url: Option<String>,
    pub path: Option<String>,
    pub format: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub republished_from: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub captured: Option<String>,
    pub text: String,
    pub removed: Vec<String>,
    pub content_hash: u64,
    pub entities: Vec<EntityRow>,
    pub statements: Vec<StatementRow>,
    /// The story it joins or founds.
    pub story: u64,
    /// Stories it bridged, to be folded into `story`.
    pub merged: Vec<u64>,
    /// A readable title for the story, used when this article founds it (or when it has a
    /// headline and the story's title came from body text).
    pub story_title: String,
    pub story_title_is_headline: bool,
    pub copy_of: Option<CopyLink>,
    /// The linker's state for this article ([`parallax-link`]'s `Link::state`).
    pub link_state: Vec<u8>,
    /// Its statements and narration as placed in its story's claims.
    pub claims: Vec<ClaimRow>,
    /// Claims of the merged stories that join claims of `story` (old claim, claim joined):
    /// their stored members move over.
    pub claim_joins: Vec<(u64, u64)>,
}

/// A statement, or a sentence in an outlet's own voice, placed in a claim (the rows of
/// `parallax-link`'s claim index).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimRow {
    pub claim: u64,
    pub story: u64,
    pub seq: u64,
    /// The statement's index in its article, or `-1 - k` for its `k`-th sentence.
    pub n: i64,
    pub speaker: String,
    pub denies: bool,
    pub narration: bool,
    pub text: String,
    pub terms: Vec<u32>,
}

/// A claim member with the article that carries it and, for a statement, the statement.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredClaimMember {
    pub row: ClaimRow,
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub statement: Option<StatementRow>,
}

/// This article copies an earlier one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyLink {
    pub of: u64,
    pub similarity: f32,
    pub kind: CopyKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyKind {
    /// The same text.
    Exact,
    /// Nearly the same text.
    Near,
    /// Nearly the same text, from another outlet or crediting one.
    Republication,
}

impl CopyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact",
            CopyKind::Near => "near",
            CopyKind::Republication => "republication",
        }
    }

    fn parse(s: &str) -> CopyKind {
        match s {
            "exact" => CopyKind::Exact,
            "republication" => CopyKind::Republication,
            _ => CopyKind::Near,
        }
    }
}

/// An entity as one article mentions it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityRow {
    pub name: String,
    pub kind: String,
    pub mentions: u32,
    pub aliases: Vec<String>,
}

/// A statement as stored: the contract's fields, with character offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementRow {
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub kind: String,
    pub content: String,
    pub content_start: u64,
    pub content_end: u64,
    pub via: Vec<String>,
    pub time: Option<String>,
    pub polarity: String,
}

/// Articles written in one transaction, with the document-frequency increments the linker
/// made for them.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub articles: Vec<NewArticle>,
    pub df: Vec<(u32, u32)>,
}

/// An article as listed in a story or a search.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRef {
    pub id: String,
    pub seq: u64,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub republished_from: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The article it copies (its id), how, and how closely.
    pub copy_of: Option<(String, CopyKind, f32)>,
}

/// A story with its articles in arrival order.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub id: u64,
    pub title: String,
    pub articles: Vec<ArticleRef>,
}

impl Story {
    /// The outlets that carry it, in order of first appearance.
    pub fn outlets(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for a in &self.articles {
            if let Some(o) = a.outlet.as_deref()
                && !seen.contains(&o)
            {
                seen.push(o);
            }
        }
        seen
    }
}

/// A statement with the article that carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredStatement {
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub story: u64,
    pub statement: StatementRow,
}

/// Full-text search with filters; every filter is optional.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Words that must all occur (any order); empty means "filters only".
    pub text: String,
    pub outlet: Option<String>,
    /// A speaker name (or part of one) who has a statement in the article.
    pub speaker: Option<String>,
    /// An entity's canonical name mentioned in the article.
    pub entity: Option<String>,
    /// Published on or after this ISO date.
    pub since: Option<String>,
    /// Published on or before this ISO date.
    pub until: Option<String>,
    pub order: SearchOrder,
    /// 0 means 20.
    pub limit: usize,
    /// Hits to pass over first (for pages after the first).
    pub offset: usize,
}

/// How search hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchOrder {
    /// Most recently stored first. The full-text index walks its matches in this order and
    /// stops at the limit, so the cost does not grow with the number of matches.
    #[default]
    Newest,
    /// Best BM25 score first; every match is scored, so common words cost more.
    Relevance,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub article: ArticleRef,
    pub story: u64,
    /// The matching passage, matches in [brackets].
    pub snippet: String,
}

/// Statements by speaker (a name or part of one), in a story, about an entity, or any mix.
#[derive(Clone, Debug, Default)]
pub struct StatementQuery {
    pub speaker: Option<String>,
    pub story: Option<u64>,
    /// An entity's canonical name: statements whose words name it (by any of its spellings),
    /// in articles that mention it.
    pub about: Option<String>,
    /// 0 means all.
    pub limit: usize,
    pub offset: usize,
}

/// A stored article in full: what a story lists, plus its clean text, the page chrome that
/// was removed, its provenance and its analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    pub article: ArticleRef,
    pub story: u64,
    pub path: Option<String>,
    pub format: String,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub captured: Option<String>,
    pub text: String,
    pub removed: Vec<String>,
    pub entities: Vec<EntityRow>,
    pub statements: Vec<StatementRow>,
}

/// An entity across the store: its canonical name and type, the spellings seen, and how many
/// articles mention it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitySummary {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub articles: u64,
}

/// Entities in name order, optionally those whose name starts with `prefix`.
#[derive(Clone, Debug, Default)]
pub struct EntityQuery {
    pub prefix: Option<String>,
    /// 0 means 50.
    pub limit: usize,
    pub offset: usize,
}

/// Counts for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: u64,
    pub stories: u64,
    pub statements: u64,
    pub copies: u64,
}

/// One stored article's linking state, for rebuilding the linker.
#[derive(Clone, Debug)]
pub struct LinkRow {
    pub seq: u64,
    pub story: u64,
    pub state: Vec<u8>,
}

/// What the pipeline needs from a store. Reads take `&self`; a store opened for reading
/// refuses writes.
pub trait Store {
    /// Whether an article with this id is stored.
    fn contains(&self, id: &str) -> Result<bool>;
    /// The sequence number the next article gets.
    fn next_seq(&self) -> Result<u64>;
    /// The linking state of every article from sequence number `from` on, in order.
    fn for_each_link(&self, from: u64, f: &mut dyn FnMut(LinkRow)) -> Result<()>;
    /// (seq, story, content hash) of every article before `before`, in order.
    fn for_each_content_hash(&self, before: u64, f: &mut dyn FnMut(u64, u64, u64)) -> Result<()>;
    /// Document count and document frequencies, as committed.
    fn document_frequencies(&self) -> Result<(u64, Vec<(u32, u32)>)>;
    /// Story merges: (merged story, the story it went into).
    fn merges(&self) -> Result<Vec<(u64, u64)>>;
    /// The outlet of a stored article, by sequence number.
    fn outlet_of(&self, seq: u64) -> Result<Option<String>>;
    /// Writes a batch atomically.
    fn write(&mut self, batch: &Batch) -> Result<()>;

    /// Stories, most recently grown first, after passing over `offset`; `limit` 0 means all.
    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<Story>>;
    /// One story; a merged story's id finds the story it went into.
    fn story(&self, id: u64) -> Result<Option<Story>>;
    fn statements(&self, query: &StatementQuery) -> Result<Vec<StoredStatement>>;
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>>;
    fn stats(&self) -> Result<Stats>;
    /// One article in full, by id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// Articles, most recently stored first, with their stories.
    fn articles(&self, limit: usize, offset: usize) -> Result<Vec<(u64, ArticleRef)>>;
    /// One entity by canonical name (any letter case).
    fn entity(&self, name: &str) -> Result<Option<EntitySummary>>;
    fn entities(&self, query: &EntityQuery) -> Result<Vec<EntitySummary>>;
    /// The claim rows of a story (following merges), in claim order: what the claim index
    /// is rebuilt from.
    fn claim_rows(&self, story: u64) -> Result<Vec<ClaimRow>>;
    /// The members of a story's contested claims (following merges), with their articles and
    /// statements: the claims with a named speaker who affirms and one who denies, which is
    /// all that disputes are made of.
    fn contested_claim_members(&self, story: u64) -> Result<Vec<StoredClaimMember>>;
    /// Stories, most recently grown first, with a claim that one named speaker affirms and
    /// another denies (a candidate dispute; `parallax-link` decides).
    fn disputed_stories(&self) -> Result<Vec<u64>>;
}
