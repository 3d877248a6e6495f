//! The SQLite schema and its migrations. `PRAGMA user_version` holds the schema version; a
//! store is migrated forward step by step, and a store from a newer Parallax is refused.

/// The version this build writes.
pub const VERSION: i64 = 3;

/// The oldest version that reads as this one does: queries work on it unmigrated (version 2
/// only dropped an index; version 3 added the claims table, and a store without it reads as
/// one with no claims), so upgrading Parallax does not stop anyone reading a store.
pub const READABLE_FROM: i64 = 1;

/// Migration `i` takes a store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3];

const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per stored article; `seq` is arrival order and the FTS rowid.
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash INTEGER NOT NULL,
    url TEXT,
    path TEXT,
    format TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    republished_from TEXT,
    authors TEXT NOT NULL,
    language TEXT,
    published TEXT,
    captured TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL,
    story INTEGER NOT NULL,
    link BLOB NOT NULL
);
CREATE INDEX documents_story ON documents (story, seq);
-- (dropped in version 2)
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_published ON documents (published);

-- A merged story keeps its row, pointing at the story it went into, so its id still works.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    titled INTEGER NOT NULL,
    size INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    merged_into INTEGER
);
CREATE INDEX stories_recent ON stories (last_seq) WHERE merged_into IS NULL;

CREATE TABLE copies (
    seq INTEGER PRIMARY KEY,
    of INTEGER NOT NULL,
    similarity REAL NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE statements (
    seq INTEGER NOT NULL,
    n INTEGER NOT NULL,
    speaker TEXT,
    speaker_entity TEXT,
    speaker_text TEXT,
    cue TEXT,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    via TEXT NOT NULL,
    time TEXT,
    polarity TEXT NOT NULL,
    PRIMARY KEY (seq, n)
) WITHOUT ROWID;
CREATE INDEX statements_speaker ON statements (speaker, seq);

-- Every speaker name once, and each word of it: a filter by name, first words or surname
-- finds the names here, then their statements through the index above.
CREATE TABLE speakers (name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX speakers_nocase ON speakers (name COLLATE NOCASE);
CREATE TABLE speaker_words (
    word TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (word, name)
) WITHOUT ROWID;

CREATE TABLE entities (
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    aliases TEXT NOT NULL,
    PRIMARY KEY (seq, name)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

-- Document frequencies of the linker's hashed terms.
CREATE TABLE df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);

-- Full-text index over the documents table (external content: the text is stored once).
CREATE VIRTUAL TABLE fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Exact copies are found by the linker's in-memory map of content hashes, never through
/// the index on them, which only cost every insert a random B-tree write (at a million
/// articles, one of the reasons ingest slowed down as the store grew).
const V2: &str = "
DROP INDEX IF EXISTS documents_hash;
";

/// Claims: each statement, and each sentence in an outlet's own voice that joined one, with the
/// claim it was placed in (parallax-link's `claims`). `n` is the statement's index in its
/// article, or `-1 - k` for the article's `k`-th sentence. `terms` are the hashed content terms
/// the index matched on (u32, little-endian), kept so that the index is rebuilt exactly.
/// Articles stored before this version have no rows here.
const V3: &str = "
CREATE TABLE claim_members (
    seq INTEGER NOT NULL,
    n INTEGER NOT NULL,
    claim INTEGER NOT NULL,
    story INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    denies INTEGER NOT NULL,
    narration INTEGER NOT NULL,
    text TEXT NOT NULL,
    terms BLOB NOT NULL,
    PRIMARY KEY (seq, n)
) WITHOUT ROWID;
CREATE INDEX claim_members_story ON claim_members (story, claim);
";
