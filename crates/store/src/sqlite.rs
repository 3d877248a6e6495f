//! The embedded store: one SQLite file in WAL mode, FTS5 for search.
//!
//! Why SQLite's own FTS5 and not a separate tantivy index: an article, its statements, its
//! links and its index entries commit in one transaction, so a killed ingest can never leave
//! an index that disagrees with the tables, and there is one file to copy or back up. Search
//! latency is measured in BENCHMARKS.md.
//!
//! One writer at a time: a writer holds an exclusive lock on `<db>.lock` for as long as it is
//! open (the operating system drops it if the process dies). Readers take no lock; WAL lets
//! them read while a writer writes.

use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension as _, params};

use crate::schema::{MIGRATIONS, READABLE_FROM, VERSION};
use crate::{
    ArticleRef, Batch, ClaimRow, CopyKind, EntityQuery, EntityRow, EntitySummary, LinkRow, Result,
    SearchHit, SearchOrder, SearchQuery, StatementQuery, StatementRow, Stats, Store, StoreError,
    StoredArticle, StoredClaimMember, StoredStatement, Story,
};

/// How a store is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Queries only; the store must exist.
    Read,
    /// Ingest: creates the store if needed, takes the writer's lock (waiting for another
    /// writer to finish when `wait`, failing with [`StoreError::Busy`] otherwise).
    Write { wait: bool },
}

/// See the module docs.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// Held while open for writing; dropping it releases the lock.
    _lock: Option<File>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Filters that allow at most this many articles are listed and used to plan a search.
const LIST_AT_MOST: usize = 20_000;
/// Allowed articles checked against the full-text query one by one, at most.
const CHECK_ONE_BY_ONE: usize = 500;

impl SqliteStore {
    pub fn open(path: &Path, access: Access) -> Result<SqliteStore> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let exists = path.exists();
        if exists {
            let mut head = [0u8; 16];
            let n = File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .map_err(io)?;
            if n > 0 && (n < 16 || &head != SQLITE_MAGIC) {
                return Err(StoreError::NotAStore {
                    path: path.to_path_buf(),
                });
            }
        }
        let lock = match access {
            Access::Read => {
                if !exists {
                    return Err(StoreError::Io {
                        path: path.to_path_buf(),
                        source: std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "no store here yet; create one with `parallax ingest --db PATH FILES`",
                        ),
                    });
                }
                None
            }
            Access::Write { wait } => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
                let mut lock_path = path.as_os_str().to_owned();
                lock_path.push(".lock");
                let file = File::options()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&lock_path)
                    .map_err(io)?;
                match file.try_lock() {
                    Ok(()) => {}
                    Err(TryLockError::WouldBlock) if wait => file.lock().map_err(io)?,
                    Err(TryLockError::WouldBlock) => {
                        return Err(StoreError::Busy {
                            path: path.to_path_buf(),
                        });
                    }
                    Err(TryLockError::Error(e)) => return Err(io(e)),
                }
                Some(file)
            }
        };
        let flags = match access {
            Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            Access::Write { .. } => {
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            _lock: lock,
        };
        store.prepare(access)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn prepare(&mut self, access: Access) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    StoreError::NotAStore {
                        path: self.path.clone(),
                    }
                }
                e => StoreError::Sqlite(e),
            })?;
        if version > VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: VERSION,
            });
        }
        match access {
            Access::Read => {
                if version < READABLE_FROM {
                    return Err(StoreError::Corrupt(format!(
                        "{} has schema version {version}; run `parallax ingest --db {}` (with \
                         no files) to migrate it to version {VERSION}",
                        self.path.display(),
                        self.path.display()
                    )));
                }
            }
            Access::Write { .. } => {
                // WAL: readers never block the writer, and a commit is one append, durable
                // against a killed process (synchronous=NORMAL can lose the last commits
                // only on power loss, never consistency).
                self.conn.pragma_update(None, "journal_mode", "WAL")?;
                self.conn.pragma_update(None, "synchronous", "NORMAL")?;
                let tx = self.conn.transaction()?;
                for (v, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                    tx.execute_batch(step)?;
                    tx.pragma_update(None, "user_version", v as i64 + 1)?;
                }
                tx.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?1)",
                    [concat!("parallax ", env!("CARGO_PKG_VERSION"))],
                )?;
                tx.commit()?;
            }
        }
        // Negative cache_size is in KiB. The writer gets 512 MiB: its index inserts land in
        // random pages, and at a million articles the index of entity names alone (some ten
        // million rows) outgrows a smaller cache, so each batch re-read pages it had just
        // evicted (with 64 MiB, t(1M)/t(100k) was 11.7; BENCHMARKS.md). Pages are only
        // allocated as they are used.
        let cache_kib: i64 = match access {
            Access::Read => 64 * 1024,
            Access::Write { .. } => 512 * 1024,
        };
        self.conn.pragma_update(None, "cache_size", -cache_kib)?;
        if let Access::Write { .. } = access {
            // Checkpoint every 64 MiB of WAL instead of every 4 MiB: index pages that each
            // batch rewrites are then copied back to the database once per many batches.
            self.conn
                .pragma_update(None, "wal_autocheckpoint", 16_384)?;
        }
        Ok(())
    }

    fn articles_where(
        &self,
        condition: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<(u64, ArticleRef)>> {
        let sql = format!(
            "SELECT d.story, d.id, d.seq, d.title, d.outlet, d.republished_from, d.published, \
             d.url, o.id, c.kind, c.similarity \
             FROM documents d LEFT JOIN copies c ON c.seq = d.seq \
             LEFT JOIN documents o ON o.seq = c.of \
             WHERE {condition} ORDER BY d.story, d.seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let copy_of: Option<String> = r.get(8)?;
            let kind: Option<String> = r.get(9)?;
            let similarity: Option<f64> = r.get(10)?;
            Ok((
                r.get::<_, i64>(0)? as u64,
                ArticleRef {
                    id: r.get(1)?,
                    seq: r.get::<_, i64>(2)? as u64,
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    republished_from: r.get(5)?,
                    published: r.get(6)?,
                    url: r.get(7)?,
                    copy_of: copy_of.map(|id| {
                        (
                            id,
                            CopyKind::parse(kind.as_deref().unwrap_or("near")),
                            similarity.unwrap_or(0.0) as f32,
                        )
                    }),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Speaker names matching what a user typed: the name itself or names that start with
    /// it, else names with it as one of their words (a surname), else names that contain it.
    fn speaker_names(&self, typed: &str) -> Result<Vec<String>> {
        let typed = typed.trim();
        let collect = |sql: &str, arg: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            Ok(stmt
                .query_map([arg], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?)
        };
        // "Name " up to "Name!" is every name that starts with the typed words.
        let names = collect(
            "SELECT name FROM speakers INDEXED BY speakers_nocase \
             WHERE name = ?1 COLLATE NOCASE \
             OR (name > ?1 || ' ' COLLATE NOCASE AND name < ?1 || '!' COLLATE NOCASE) LIMIT 500",
            typed,
        )?;
        if !names.is_empty() {
            return Ok(names);
        }
        if !typed.contains(char::is_whitespace) {
            let names = collect(
                "SELECT name FROM speaker_words WHERE word = ?1 LIMIT 500",
                &typed.to_lowercase(),
            )?;
            if !names.is_empty() {
                return Ok(names);
            }
        }
        collect(
            "SELECT name FROM speakers WHERE name LIKE '%' || ?1 || '%' LIMIT 500",
            typed,
        )
    }

    /// The articles with a statement by one of `names`, unless there are too many to list.
    fn speaker_seqs(&self, names: &[String]) -> Result<Option<Vec<i64>>> {
        let marks = vec!["?"; names.len()].join(",");
        let sql = format!(
            "SELECT DISTINCT seq FROM statements INDEXED BY statements_speaker \
             WHERE speaker IN ({marks}) LIMIT {}",
            LIST_AT_MOST + 1
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let seqs = stmt
            .query_map(rusqlite::params_from_iter(names.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok((seqs.len() <= LIST_AT_MOST).then_some(seqs))
    }

    /// The articles published in a date range, unless there are too many to list.
    fn date_seqs(&self, since: Option<&str>, until: Option<&str>) -> Result<Option<Vec<i64>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq FROM documents INDEXED BY documents_published \
             WHERE published >= ?1 AND published <= ?2 LIMIT ?3",
        )?;
        let seqs = stmt
            .query_map(
                params![
                    since.unwrap_or(""),
                    until.unwrap_or("~"),
                    LIST_AT_MOST as i64 + 1
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok((seqs.len() <= LIST_AT_MOST).then_some(seqs))
    }

    fn resolve_story(&self, mut id: u64) -> Result<Option<(u64, String)>> {
        for _ in 0..64 {
            let row: Option<(String, Option<i64>)> = self
                .conn
                .query_row(
                    "SELECT title, merged_into FROM stories WHERE id = ?1",
                    [id as i64],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match row {
                None => return Ok(None),
                Some((title, None)) => return Ok(Some((id, title))),
                Some((_, Some(into))) => id = into as u64,
            }
        }
        Err(StoreError::Corrupt(format!(
            "story {id} is merged in a cycle"
        )))
    }
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn from_json(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// The user's words as an FTS5 query: every word must occur. Each word is quoted, so FTS5
/// syntax characters in a query are taken literally instead of failing.
fn fts_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn statement_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StatementRow> {
    Ok(StatementRow {
        speaker: r.get(at)?,
        speaker_entity: r.get(at + 1)?,
        speaker_text: r.get(at + 2)?,
        cue: r.get(at + 3)?,
        kind: r.get(at + 4)?,
        content: r.get(at + 5)?,
        content_start: r.get::<_, i64>(at + 6)? as u64,
        content_end: r.get::<_, i64>(at + 7)? as u64,
        via: from_json(&r.get::<_, String>(at + 8)?),
        time: r.get(at + 9)?,
        polarity: r.get(at + 10)?,
    })
}

fn terms_blob(terms: &[u32]) -> Vec<u8> {
    terms.iter().flat_map(|t| t.to_le_bytes()).collect()
}

fn terms_from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

const CLAIM_COLUMNS: &str =
    "m.claim, m.story, m.seq, m.n, m.speaker, m.denies, m.narration, m.text, m.terms";

fn claim_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimRow> {
    Ok(ClaimRow {
        claim: r.get::<_, i64>(0)? as u64,
        story: r.get::<_, i64>(1)? as u64,
        seq: r.get::<_, i64>(2)? as u64,
        n: r.get(3)?,
        speaker: r.get(4)?,
        denies: r.get(5)?,
        narration: r.get(6)?,
        text: r.get(7)?,
        terms: terms_from_blob(&r.get::<_, Vec<u8>>(8)?),
    })
}

const STATEMENT_COLUMNS: &str = "s.speaker, s.speaker_entity, s.speaker_text, s.cue, s.kind, \
    s.content, s.content_start, s.content_end, s.via, s.time, s.polarity";

impl SqliteStore {
    /// Whether the store has the claims table: a store of schema version 2, opened for
    /// reading and so not migrated, reads as one without claims.
    fn has_claims(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claim_members'",
            )?
            .exists([])?)
    }
}

impl Store for SqliteStore {
    fn claim_rows(&self, story: u64) -> Result<Vec<ClaimRow>> {
        let Some((story, _)) = self.resolve_story(story)? else {
            return Ok(Vec::new());
        };
        if !self.has_claims()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claim_members m WHERE m.story = ?1 \
             ORDER BY m.claim, m.seq, m.n"
        ))?;
        let rows = stmt
            .query_map([story as i64], claim_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn contested_claim_members(&self, story: u64) -> Result<Vec<StoredClaimMember>> {
        let Some((story, _)) = self.resolve_story(story)? else {
            return Ok(Vec::new());
        };
        if !self.has_claims()? {
            return Ok(Vec::new());
        }
        // Only claims with a named speaker on each side can be disputed; the others, most
        // of a large story, are never read past the index on (story, claim).
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH c AS (SELECT claim FROM claim_members WHERE story = ?1 AND speaker != '' \
             GROUP BY claim HAVING MIN(denies) = 0 AND MAX(denies) = 1) \
             SELECT {CLAIM_COLUMNS}, d.id, d.outlet, d.published, s.n, {STATEMENT_COLUMNS} \
             FROM c JOIN claim_members m ON m.story = ?1 AND m.claim = c.claim \
             JOIN documents d ON d.seq = m.seq \
             LEFT JOIN statements s ON s.seq = m.seq AND s.n = m.n \
             ORDER BY m.claim, m.seq, m.n"
        ))?;
        let rows = stmt
            .query_map([story as i64], |r| {
                let statement = match r.get::<_, Option<i64>>(12)? {
                    Some(_) => Some(statement_row(r, 13)?),
                    None => None,
                };
                Ok(StoredClaimMember {
                    row: claim_row(r)?,
                    article: r.get(9)?,
                    outlet: r.get(10)?,
                    published: r.get(11)?,
                    statement,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn disputed_stories(&self) -> Result<Vec<u64>> {
        if !self.has_claims()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT c.story FROM (SELECT story FROM claim_members WHERE speaker != '' \
             GROUP BY story, claim HAVING MIN(denies) = 0 AND MAX(denies) = 1 \
             AND COUNT(DISTINCT lower(speaker)) > 1) c \
             JOIN stories st ON st.id = c.story ORDER BY st.last_seq DESC",
        )?;
        let rows = stmt
            .query_map([], |r| r.get::<_, i64>(0).map(|v| v as u64))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn contains(&self, id: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(stmt.exists([id])?)
    }

    fn next_seq(&self) -> Result<u64> {
        let max: Option<i64> = self
            .conn
            .query_row("SELECT MAX(seq) FROM documents", [], |r| r.get(0))?;
        Ok(max.map_or(1, |m| m as u64 + 1))
    }

    fn for_each_content_hash(&self, before: u64, f: &mut dyn FnMut(u64, u64, u64)) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, story, content_hash FROM documents WHERE seq < ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([before as i64])?;
        while let Some(r) = rows.next()? {
            f(
                r.get::<_, i64>(0)? as u64,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as u64,
            );
        }
        Ok(())
    }

    fn for_each_link(&self, from: u64, f: &mut dyn FnMut(LinkRow)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, story, link FROM documents WHERE seq >= ?1 ORDER BY seq")?;
        let mut rows = stmt.query([from as i64])?;
        while let Some(r) = rows.next()? {
            f(LinkRow {
                seq: r.get::<_, i64>(0)? as u64,
                story: r.get::<_, i64>(1)? as u64,
                state: r.get(2)?,
            });
        }
        Ok(())
    }

    fn document_frequencies(&self) -> Result<(u64, Vec<(u32, u32)>)> {
        let docs: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare("SELECT term, df FROM df")?;
        let df = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u32, r.get::<_, i64>(1)? as u32))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((docs as u64, df))
    }

    fn merges(&self) -> Result<Vec<(u64, u64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn outlet_of(&self, seq: u64) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT outlet FROM documents WHERE seq = ?1")?;
        Ok(stmt
            .query_row([seq as i64], |r| r.get(0))
            .optional()?
            .flatten())
    }

    fn write(&mut self, batch: &Batch) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut doc = tx.prepare_cached(
                "INSERT INTO documents (seq, id, content_hash, url, path, format, title, outlet, \
                 republished_from, authors, language, published, captured, text, removed, story, \
                 link) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                 ?16, ?17)",
            )?;
            let mut fts =
                tx.prepare_cached("INSERT INTO fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
            let mut statement = tx.prepare_cached(
                "INSERT INTO statements (seq, n, speaker, speaker_entity, speaker_text, cue, \
                 kind, content, content_start, content_end, via, time, polarity) VALUES (?1, ?2, \
                 ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut entity = tx.prepare_cached(
                "INSERT INTO entities (seq, name, kind, mentions, aliases) VALUES (?1, ?2, ?3, \
                 ?4, ?5) ON CONFLICT (seq, name) DO UPDATE SET mentions = mentions + \
                 excluded.mentions",
            )?;
            let mut speaker =
                tx.prepare_cached("INSERT OR IGNORE INTO speakers (name) VALUES (?1)")?;
            let mut speaker_word = tx.prepare_cached(
                "INSERT OR IGNORE INTO speaker_words (word, name) VALUES (?1, ?2)",
            )?;
            let mut copy = tx.prepare_cached(
                "INSERT INTO copies (seq, of, similarity, kind) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut found = tx.prepare_cached(
                "INSERT INTO stories (id, title, titled, size, last_seq) VALUES (?1, ?2, ?3, 1, ?4)",
            )?;
            let mut claim = tx.prepare_cached(
                "INSERT OR REPLACE INTO claim_members (seq, n, claim, story, speaker, denies, \
                 narration, text, terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut grow = tx.prepare_cached(
                "UPDATE stories SET size = size + 1, last_seq = ?2, \
                 title = CASE WHEN titled = 0 AND ?4 THEN ?3 ELSE title END, \
                 titled = MAX(titled, ?4) WHERE id = ?1",
            )?;
            for a in &batch.articles {
                let seq = a.seq as i64;
                doc.execute(params![
                    seq,
                    a.id,
                    a.content_hash as i64,
                    a.url,
                    a.path,
                    a.format,
                    a.title,
                    a.outlet,
                    a.republished_from,
                    to_json(&a.authors),
                    a.language,
                    a.published,
                    a.captured,
                    a.text,
                    to_json(&a.removed),
                    a.story as i64,
                    a.link_state,
                ])?;
                fts.execute(params![seq, a.title, a.text])?;
                for s in &a.statements {
                    if let Some(name) = &s.speaker
                        && speaker.execute([name])? == 1
                    {
                        for word in name.split_whitespace() {
                            speaker_word.execute([word.to_lowercase().as_str(), name])?;
                        }
                    }
                }
                for (n, s) in a.statements.iter().enumerate() {
                    statement.execute(params![
                        seq,
                        n as i64,
                        s.speaker,
                        s.speaker_entity,
                        s.speaker_text,
                        s.cue,
                        s.kind,
                        s.content,
                        s.content_start as i64,
                        s.content_end as i64,
                        to_json(&s.via),
                        s.time,
                        s.polarity,
                    ])?;
                }
                for c in &a.claims {
                    claim.execute(params![
                        seq,
                        c.n,
                        c.claim as i64,
                        c.story as i64,
                        c.speaker,
                        c.denies,
                        c.narration,
                        c.text,
                        terms_blob(&c.terms),
                    ])?;
                }
                for e in &a.entities {
                    entity.execute(params![
                        seq,
                        e.name,
                        e.kind,
                        e.mentions,
                        to_json(&e.aliases)
                    ])?;
                }
                if let Some(c) = &a.copy_of {
                    copy.execute(params![
                        seq,
                        c.of as i64,
                        f64::from(c.similarity),
                        c.kind.as_str()
                    ])?;
                }
                if a.story == a.seq {
                    found.execute(params![seq, a.story_title, a.story_title_is_headline, seq])?;
                } else {
                    grow.execute(params![
                        a.story as i64,
                        seq,
                        a.story_title,
                        a.story_title_is_headline
                    ])?;
                }
                for &m in &a.merged {
                    let (m, into) = (m as i64, a.story as i64);
                    tx.execute(
                        "UPDATE documents SET story = ?2 WHERE story = ?1",
                        [m, into],
                    )?;
                    tx.execute(
                        "UPDATE claim_members SET story = ?2 WHERE story = ?1",
                        [m, into],
                    )?;
                    tx.execute(
                        "UPDATE stories SET size = size + (SELECT size FROM stories WHERE id = ?1) \
                         WHERE id = ?2",
                        [m, into],
                    )?;
                    tx.execute(
                        "UPDATE stories SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1",
                        [m, into],
                    )?;
                }
                for &(old, joined) in &a.claim_joins {
                    tx.execute(
                        "UPDATE claim_members SET claim = ?3 WHERE story = ?1 AND claim = ?2",
                        [a.story as i64, old as i64, joined as i64],
                    )?;
                }
            }
            let mut df = tx.prepare_cached(
                "INSERT INTO df (term, df) VALUES (?1, ?2) \
                 ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            )?;
            for &(term, n) in &batch.df {
                df.execute([i64::from(term), i64::from(n)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<Story>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title FROM stories WHERE merged_into IS NULL \
             ORDER BY last_seq DESC LIMIT ?1 OFFSET ?2",
        )?;
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let heads = stmt
            .query_map([limit, offset as i64], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut members: HashMap<u64, Vec<ArticleRef>> = HashMap::new();
        if (limit < 0 && offset == 0) || heads.len() > 1000 {
            for (story, a) in self.articles_where("1", &[])? {
                members.entry(story).or_default().push(a);
            }
        } else {
            for (id, _) in &heads {
                let rows = self.articles_where("d.story = ?1", &[&(*id as i64)])?;
                members.insert(*id, rows.into_iter().map(|(_, a)| a).collect());
            }
        }
        Ok(heads
            .into_iter()
            .map(|(id, title)| Story {
                id,
                title,
                articles: members.remove(&id).unwrap_or_default(),
            })
            .collect())
    }

    fn story(&self, id: u64) -> Result<Option<Story>> {
        let Some((id, title)) = self.resolve_story(id)? else {
            return Ok(None);
        };
        let articles = self
            .articles_where("d.story = ?1", &[&(id as i64)])?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        Ok(Some(Story {
            id,
            title,
            articles,
        }))
    }

    fn statements(&self, query: &StatementQuery) -> Result<Vec<StoredStatement>> {
        let story = match query.story {
            Some(s) => match self.resolve_story(s)? {
                Some((id, _)) => Some(id as i64),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let names = match &query.speaker {
            Some(speaker) => {
                let names = self.speaker_names(speaker)?;
                if names.is_empty() {
                    return Ok(Vec::new());
                }
                Some(names)
            }
            None => None,
        };
        let about = match &query.about {
            Some(name) => match self.mentioning(name)? {
                Some(about) => Some(about),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        // Statements about an entity are picked from their articles' statements by their
        // words, after the query: the limit and offset then apply to what is kept.
        let (limit, offset) = match (&about, query.limit) {
            (Some(_), _) => (-1, 0),
            (None, 0) => (-1, query.offset as i64),
            (None, n) => (n as i64, query.offset as i64),
        };
        let (from, speaker_args) = match &names {
            Some(names) => (
                format!(
                    "statements s INDEXED BY statements_speaker JOIN documents d ON d.seq = s.seq \
                     WHERE s.speaker IN ({}) AND",
                    vec!["?"; names.len()].join(",")
                ),
                names.clone(),
            ),
            None => (
                "statements s JOIN documents d ON d.seq = s.seq WHERE".to_string(),
                Vec::new(),
            ),
        };
        let mut args: Vec<&dyn rusqlite::ToSql> = speaker_args
            .iter()
            .map(|s| s as &dyn rusqlite::ToSql)
            .collect();
        // Each filter is its own condition (not `?1 IS NULL OR ...`), so that SQLite can use
        // the story's index.
        let mut conditions = vec!["1".to_string()];
        if let Some(story) = &story {
            args.push(story);
            conditions.push(format!("d.story = ?{}", args.len()));
        }
        if let Some(about) = &about {
            let marks: Vec<String> = about
                .seqs
                .iter()
                .map(|seq| {
                    args.push(seq);
                    format!("?{}", args.len())
                })
                .collect();
            conditions.push(format!("s.seq IN ({})", marks.join(",")));
        }
        args.push(&limit);
        let limit_mark = args.len();
        args.push(&offset);
        let sql = format!(
            "SELECT d.id, d.outlet, d.published, d.story, {STATEMENT_COLUMNS} FROM {from} {} \
             ORDER BY d.published IS NULL, d.published, s.seq, s.n LIMIT ?{limit_mark} \
             OFFSET ?{}",
            conditions.join(" AND "),
            limit_mark + 1
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(args.as_slice(), |r| {
                Ok(StoredStatement {
                    article: r.get(0)?,
                    outlet: r.get(1)?,
                    published: r.get(2)?,
                    story: r.get::<_, i64>(3)? as u64,
                    statement: statement_row(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match about {
            None => Ok(rows),
            Some(about) => {
                let take = if query.limit == 0 {
                    usize::MAX
                } else {
                    query.limit
                };
                Ok(rows
                    .into_iter()
                    .filter(|s| about.names(&s.statement.content))
                    .skip(query.offset)
                    .take(take)
                    .collect())
            }
        }
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let words = fts_query(&query.text);
        let limit = if query.limit == 0 {
            20
        } else {
            query.limit as i64
        };
        let offset = query.offset as i64;
        let mut conditions: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let arg = |v: Box<dyn rusqlite::ToSql>, args: &mut Vec<Box<dyn rusqlite::ToSql>>| {
            args.push(v);
            format!("?{}", args.len())
        };
        // The articles the selective filters allow, when they are few enough to list.
        let mut allowed: Option<Vec<i64>> = None;
        let mut narrow = |seqs: Option<Vec<i64>>| {
            if let Some(mut seqs) = seqs {
                seqs.sort_unstable();
                allowed = Some(match allowed.take() {
                    None => seqs,
                    Some(prev) => prev
                        .into_iter()
                        .filter(|s| seqs.binary_search(s).is_ok())
                        .collect(),
                });
            }
        };
        if let Some(speaker) = &query.speaker {
            let names = self.speaker_names(speaker)?;
            if names.is_empty() {
                return Ok(Vec::new());
            }
            narrow(self.speaker_seqs(&names)?);
            let marks: Vec<String> = names
                .into_iter()
                .map(|n| arg(Box::new(n), &mut args))
                .collect();
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM statements s INDEXED BY statements_speaker \
                 WHERE s.speaker IN ({}) AND s.seq = d.seq)",
                marks.join(",")
            ));
        }
        let until = query.until.as_ref().map(|u| format!("{u}~"));
        if query.since.is_some() || until.is_some() {
            narrow(self.date_seqs(query.since.as_deref(), until.as_deref())?);
        }
        if let Some(since) = &query.since {
            let m = arg(Box::new(since.clone()), &mut args);
            conditions.push(format!("d.published >= {m}"));
        }
        if let Some(until) = &until {
            let m = arg(Box::new(until.clone()), &mut args);
            conditions.push(format!("d.published <= {m}"));
        }
        if let Some(outlet) = &query.outlet {
            let m = arg(Box::new(outlet.clone()), &mut args);
            conditions.push(format!("d.outlet = {m} COLLATE NOCASE"));
        }
        if let Some(entity) = &query.entity {
            let m = arg(Box::new(entity.clone()), &mut args);
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM entities e WHERE e.seq = d.seq AND e.name = {m} COLLATE NOCASE)"
            ));
        }
        // The plan. Checking one article against the full-text query costs about 17 µs,
        // walking the index's matches about 1 µs each: a short list of allowed articles is
        // checked one by one; a longer one bounds the walk to its range of sequence numbers;
        // otherwise the walk runs newest first and stops at the limit.
        let mut from = "fts JOIN documents d ON d.seq = fts.rowid".to_string();
        let mut order = "fts.rowid DESC";
        match &allowed {
            Some(seqs) if seqs.is_empty() => return Ok(Vec::new()),
            Some(seqs) if seqs.len() <= CHECK_ONE_BY_ONE || words.is_empty() => {
                let marks: Vec<String> =
                    seqs.iter().map(|&s| arg(Box::new(s), &mut args)).collect();
                conditions.push(format!("d.seq IN ({})", marks.join(",")));
                from = "documents d CROSS JOIN fts ON fts.rowid = d.seq".into();
                order = "d.seq DESC";
            }
            Some(seqs) => {
                let (lo, hi) = (seqs[0], seqs[seqs.len() - 1]);
                let lo = arg(Box::new(lo), &mut args);
                let hi = arg(Box::new(hi), &mut args);
                conditions.push(format!("fts.rowid BETWEEN {lo} AND {hi}"));
            }
            None => {}
        }
        if query.order == SearchOrder::Relevance {
            order = "bm25(fts)";
        }
        let sql = if words.is_empty() {
            conditions.insert(0, "1".into());
            format!(
                "SELECT d.seq, substr(d.text, 1, 160) FROM documents d WHERE {} \
                 ORDER BY d.seq DESC LIMIT {} OFFSET {}",
                conditions.join(" AND "),
                arg(Box::new(limit), &mut args),
                arg(Box::new(offset), &mut args)
            )
        } else {
            let m = arg(Box::new(words), &mut args);
            conditions.insert(0, format!("fts MATCH {m}"));
            format!(
                "SELECT d.seq, snippet(fts, 1, '[', ']', '…', 16) FROM {from} WHERE {} \
                 ORDER BY {order} LIMIT {} OFFSET {}",
                conditions.join(" AND "),
                arg(Box::new(limit), &mut args),
                arg(Box::new(offset), &mut args)
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let hits = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if hits.is_empty() {
            return Ok(Vec::new());
        }
        let seqs: Vec<i64> = hits.iter().map(|h| h.0).collect();
        let placeholders = vec!["?"; seqs.len()].join(",");
        let sql = format!("d.seq IN ({placeholders})");
        let args: Vec<&dyn rusqlite::ToSql> =
            seqs.iter().map(|s| s as &dyn rusqlite::ToSql).collect();
        let mut by_seq: HashMap<u64, (u64, ArticleRef)> = self
            .articles_where(&sql, &args)?
            .into_iter()
            .map(|(story, a)| (a.seq, (story, a)))
            .collect();
        Ok(hits
            .into_iter()
            .filter_map(|(seq, snippet)| {
                let (story, article) = by_seq.remove(&(seq as u64))?;
                Some(SearchHit {
                    article,
                    story,
                    snippet,
                })
            })
            .collect())
    }

    fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Stats {
            articles: count("SELECT COUNT(*) FROM documents")?,
            stories: count("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL")?,
            statements: count("SELECT COUNT(*) FROM statements")?,
            copies: count("SELECT COUNT(*) FROM copies")?,
        })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let row = self
            .conn
            .query_row(
                "SELECT seq, path, format, authors, language, captured, text, removed \
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((seq, path, format, authors, language, captured, text, removed)) = row else {
            return Ok(None);
        };
        let Some((story, article)) = self.articles_where("d.seq = ?1", &[&seq])?.pop() else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM statements s WHERE s.seq = ?1 ORDER BY s.n"
        ))?;
        let statements = stmt
            .query_map([seq], |r| statement_row(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind, mentions, aliases FROM entities WHERE seq = ?1 \
             ORDER BY mentions DESC, name",
        )?;
        let entities = stmt
            .query_map([seq], |r| {
                Ok(EntityRow {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    mentions: r.get(2)?,
                    aliases: from_json(&r.get::<_, String>(3)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(StoredArticle {
            article,
            story,
            path,
            format,
            authors: from_json(&authors),
            language,
            captured,
            text,
            removed: from_json(&removed),
            entities,
            statements,
        }))
    }

    fn articles(&self, limit: usize, offset: usize) -> Result<Vec<(u64, ArticleRef)>> {
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let offset = offset as i64;
        let mut rows = self.articles_where(
            "d.seq IN (SELECT seq FROM documents ORDER BY seq DESC LIMIT ?1 OFFSET ?2)",
            &[&limit, &offset],
        )?;
        rows.sort_by_key(|r| std::cmp::Reverse(r.1.seq));
        Ok(rows)
    }

    fn entity(&self, name: &str) -> Result<Option<EntitySummary>> {
        // The count reads the name index alone; kinds and spellings come from the most
        // recent articles only, so a name in half a million articles costs no more.
        let articles: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM entities WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )?;
        if articles == 0 {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind, aliases FROM entities WHERE name = ?1 COLLATE NOCASE \
             ORDER BY seq DESC LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![name, ALIASES_FROM])?;
        let mut summary = EntitySummary {
            name: String::new(),
            kind: String::new(),
            aliases: Vec::new(),
            articles: articles as u64,
        };
        let mut kinds: HashMap<String, u64> = HashMap::new();
        while let Some(r) = rows.next()? {
            if summary.name.is_empty() {
                summary.name = r.get(0)?;
            }
            *kinds.entry(r.get(1)?).or_default() += 1;
            for alias in from_json(&r.get::<_, String>(2)?) {
                if !summary.aliases.contains(&alias) {
                    summary.aliases.push(alias);
                }
            }
        }
        summary.kind = most_common(kinds);
        summary.aliases.sort();
        Ok(Some(summary))
    }

    fn entities(&self, query: &EntityQuery) -> Result<Vec<EntitySummary>> {
        let limit = if query.limit == 0 {
            50
        } else {
            query.limit as i64
        };
        let prefix = query.prefix.as_deref().unwrap_or("").trim();
        let names: Vec<String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT name COLLATE NOCASE FROM entities INDEXED BY entities_name \
                 WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE \
                 ORDER BY name COLLATE NOCASE LIMIT ?3 OFFSET ?4",
            )?;
            // Every name that starts with the prefix sorts below the prefix followed by the
            // last code point.
            let end = format!("{prefix}\u{10FFFF}");
            stmt.query_map(params![prefix, end, limit, query.offset as i64], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            if let Some(e) = self.entity(&name)? {
                out.push(e);
            }
        }
        Ok(out)
    }
}

/// An entity's type and spellings are gathered from at most this many of its articles, the
/// most recent.
const ALIASES_FROM: i64 = 1000;
/// Statements about an entity are looked for in at most this many of its articles, the most
/// recent.
const ABOUT_FROM: i64 = 2000;

fn most_common(counts: HashMap<String, u64>) -> String {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
        .unwrap_or_default()
}

/// The articles that mention an entity, and its spellings to look for in statements.
struct Mentioning {
    seqs: Vec<i64>,
    spellings: Vec<String>,
}

impl Mentioning {
    /// Whether `content` names the entity: one of its spellings, as whole words, in any case.
    fn names(&self, content: &str) -> bool {
        let content = content.to_lowercase();
        self.spellings.iter().any(|s| {
            content.match_indices(s.as_str()).any(|(at, _)| {
                let before = content[..at].chars().next_back();
                let after = content[at + s.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
    }
}

impl SqliteStore {
    fn mentioning(&self, name: &str) -> Result<Option<Mentioning>> {
        let Some(entity) = self.entity(name)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq FROM entities WHERE name = ?1 COLLATE NOCASE ORDER BY seq DESC LIMIT ?2",
        )?;
        let seqs = stmt
            .query_map(params![name, ABOUT_FROM], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let mut spellings: Vec<String> = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .map(|s| s.to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        spellings.sort();
        spellings.dedup();
        Ok(Some(Mentioning { seqs, spellings }))
    }
}
