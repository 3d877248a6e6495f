//! The SQLite store through its trait: batches, story growth and merges, queries, reopening.

#![allow(clippy::unwrap_used)]

use parallax_store::{
    Access, Batch, ClaimRow, CopyKind, CopyLink, NewArticle, SearchQuery, SqliteStore,
    StatementQuery, StatementRow, Store,
};

fn article(seq: u64, story: u64, outlet: &str, text: &str) -> NewArticle {
    NewArticle {
        id: format!("a{seq}"),
        seq,
        format: "text".into(),
        outlet: Some(outlet.into()),
        published: Some(format!("2025-05-{:02}", seq)),
        text: text.into(),
        story,
        story_title: text.split('.').next().unwrap().into(),
        link_state: vec![seq as u8],
        ..NewArticle::default()
    }
}

fn said(speaker: &str, content: &str) -> StatementRow {
    StatementRow {
        speaker: Some(speaker.into()),
        cue: Some("said".into()),
        kind: "indirect".into(),
        content: content.into(),
        polarity: "affirm".into(),
        ..StatementRow::default()
    }
}

#[test]
fn stories_grow_merge_and_answer_queries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    assert_eq!(store.next_seq().unwrap(), 1);

    let mut a1 = article(
        1,
        1,
        "Lakeport Wire",
        "The tram strike began on Monday. Drivers want more pay.",
    );
    a1.statements
        .push(said("Ines Varga", "the strike would go on"));
    let a2 = article(
        2,
        2,
        "Bay Courier",
        "Tram drivers walked out. The union blamed the city.",
    );
    let mut a3 = article(
        3,
        1,
        "Bay Courier",
        "The tram strike entered a second day. Depots were shut.",
    );
    a3.copy_of = Some(CopyLink {
        of: 1,
        similarity: 0.81,
        kind: CopyKind::Republication,
    });
    store
        .write(&Batch {
            articles: vec![a1, a2, a3],
            df: vec![(7, 3), (9, 1)],
        })
        .unwrap();
    assert!(store.contains("a2").unwrap());
    assert!(!store.contains("a9").unwrap());
    assert_eq!(store.outlet_of(2).unwrap().as_deref(), Some("Bay Courier"));

    // An article that bridges stories 1 and 2 folds 2 into 1.
    let mut a4 = article(
        4,
        1,
        "Upland Times",
        "Tram drivers and the city met. No deal yet.",
    );
    a4.merged = vec![2];
    store
        .write(&Batch {
            articles: vec![a4],
            df: vec![(7, 1)],
        })
        .unwrap();
    assert_eq!(store.merges().unwrap(), vec![(2, 1)]);
    let (docs, df) = store.document_frequencies().unwrap();
    assert_eq!(docs, 4);
    assert!(df.contains(&(7, 4)) && df.contains(&(9, 1)));

    let stories = store.stories(0, 0).unwrap();
    assert_eq!(stories.len(), 1);
    let ids: Vec<&str> = stories[0].articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4"]);
    assert_eq!(stories[0].title, "The tram strike began on Monday");
    assert_eq!(
        stories[0].outlets(),
        ["Lakeport Wire", "Bay Courier", "Upland Times"]
    );
    let copy = stories[0].articles[2].copy_of.clone().unwrap();
    assert_eq!((copy.0.as_str(), copy.1), ("a1", CopyKind::Republication));
    // The merged story's id still finds the story.
    assert_eq!(store.story(2).unwrap().unwrap().id, 1);
    assert!(store.story(99).unwrap().is_none());

    let mut seqs = Vec::new();
    store
        .for_each_link(2, &mut |row| seqs.push((row.seq, row.story, row.state)))
        .unwrap();
    assert_eq!(seqs.len(), 3);
    assert_eq!(seqs[0], (2, 1, vec![2]));
    let mut hashes = Vec::new();
    store
        .for_each_content_hash(3, &mut |seq, story, hash| hashes.push((seq, story, hash)))
        .unwrap();
    assert_eq!(hashes, [(1, 1, 0), (2, 1, 0)]);
    assert_eq!(store.stats().unwrap().articles, 4);
    drop(store);

    // Readers see it all; surnames find full names.
    let reader = SqliteStore::open(&path, Access::Read).unwrap();
    let by = reader
        .statements(&StatementQuery {
            speaker: Some("varga".into()),
            ..StatementQuery::default()
        })
        .unwrap();
    assert_eq!(by.len(), 1);
    assert_eq!(by[0].statement.speaker.as_deref(), Some("Ines Varga"));
    assert_eq!((by[0].article.as_str(), by[0].story), ("a1", 1));

    let hits = reader
        .search(&SearchQuery {
            text: "tram strike".into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article.id.as_str()).collect();
    assert_eq!(hits.len(), 2, "{ids:?}");
    let since = reader
        .search(&SearchQuery {
            text: "tram".into(),
            since: Some("2025-05-03".into()),
            outlet: Some("bay courier".into()),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].article.id, "a3");
    let by_speaker = reader
        .search(&SearchQuery {
            speaker: Some("Varga".into()),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(by_speaker.len(), 1);

    // Pages: the second hit alone, and nothing past the end.
    let second = reader
        .search(&SearchQuery {
            text: "tram".into(),
            limit: 1,
            offset: 1,
            ..SearchQuery::default()
        })
        .unwrap();
    let all = reader
        .search(&SearchQuery {
            text: "tram".into(),
            limit: 10,
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].article.id, all[1].article.id);
    assert!(reader.stories(5, 1).unwrap().is_empty());

    // Articles newest first, and one in full.
    let newest: Vec<String> = reader
        .articles(2, 0)
        .unwrap()
        .into_iter()
        .map(|(_, a)| a.id)
        .collect();
    assert_eq!(newest, ["a4", "a3"]);
    let full = reader.article("a1").unwrap().unwrap();
    assert_eq!(full.story, 1);
    assert_eq!(
        full.text,
        "The tram strike began on Monday. Drivers want more pay."
    );
    assert_eq!(full.statements.len(), 1);
    assert!(reader.article("a9").unwrap().is_none());
}

#[test]
fn entities_keep_their_spellings_and_the_statements_that_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    let entity = |name: &str, aliases: &[&str]| parallax_store::EntityRow {
        name: name.into(),
        kind: "place".into(),
        mentions: 1,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    let mut a1 = article(
        1,
        1,
        "Lakeport Wire",
        "Floods hit Novo Selo. Roads were shut.",
    );
    a1.entities.push(entity("Novo Selo", &["Novo Selo"]));
    a1.statements
        .push(said("Ines Varga", "the roads to Novoselo would reopen"));
    a1.statements
        .push(said("Ines Varga", "help was on its way"));
    let mut a2 = article(2, 1, "Bay Courier", "Rain eased over Novoselo.");
    a2.entities.push(entity("Novo Selo", &["Novoselo"]));
    a2.entities.push(entity("Lakeport", &["Lakeport"]));
    // Names the place only as part of a longer word: not about it.
    a2.statements
        .push(said("Tomas Ruud", "Novoselovo was spared"));
    store
        .write(&Batch {
            articles: vec![a1, a2],
            df: vec![],
        })
        .unwrap();
    let e = store.entity("novo selo").unwrap().unwrap();
    assert_eq!(e.name, "Novo Selo");
    assert_eq!(e.articles, 2);
    assert_eq!(e.aliases, ["Novo Selo", "Novoselo"]);
    let about = store
        .statements(&StatementQuery {
            about: Some("Novo Selo".into()),
            ..StatementQuery::default()
        })
        .unwrap();
    let words: Vec<&str> = about.iter().map(|s| s.statement.content.as_str()).collect();
    assert_eq!(words, ["the roads to Novoselo would reopen"]);
    let names: Vec<String> = store
        .entities(&parallax_store::EntityQuery {
            prefix: Some("no".into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Novo Selo"]);
    let all = store
        .entities(&parallax_store::EntityQuery::default())
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(store.entity("Atlantis").unwrap().is_none());
}

#[test]
fn a_failed_batch_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    store
        .write(&Batch {
            articles: vec![article(1, 1, "A", "One. Two.")],
            df: vec![],
        })
        .unwrap();
    // The second article reuses an id: the whole batch is refused.
    let mut dup = article(3, 3, "B", "Three. Four.");
    dup.id = "a1".into();
    let err = store.write(&Batch {
        articles: vec![article(2, 1, "B", "Five. Six."), dup],
        df: vec![(1, 2)],
    });
    assert!(err.is_err());
    assert_eq!(store.stats().unwrap().articles, 1);
    assert_eq!(store.document_frequencies().unwrap().1, vec![]);
    assert_eq!(store.next_seq().unwrap(), 2);
}

#[test]
fn a_version_1_store_is_read_as_it_is_and_migrated_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    store
        .write(&Batch {
            articles: vec![article(1, 1, "Lakeport Wire", "The ferry ran late.")],
            df: vec![],
        })
        .unwrap();
    drop(store);
    // Turn it back into what version 1 wrote.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE claim_members; \
         CREATE INDEX documents_hash ON documents (content_hash); PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let reader = SqliteStore::open(&path, Access::Read).unwrap();
    assert_eq!(reader.stats().unwrap().articles, 1);
    // Without the claims table, the store reads as one without claims.
    assert_eq!(reader.claim_rows(1).unwrap(), vec![]);
    assert_eq!(reader.contested_claim_members(1).unwrap(), vec![]);
    assert_eq!(reader.disputed_stories().unwrap(), Vec::<u64>::new());
    drop(reader);
    drop(SqliteStore::open(&path, Access::Write { wait: false }).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let indexes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents_hash'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let claims: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'claim_members'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((version, indexes, claims), (3, 0, 1));
}

fn member(seq: u64, n: i64, claim: u64, story: u64, speaker: &str, denies: bool) -> ClaimRow {
    ClaimRow {
        claim,
        story,
        seq,
        n,
        speaker: speaker.into(),
        denies,
        narration: n < 0,
        text: format!("words of {seq}/{n}"),
        terms: vec![7, 11, u32::MAX],
    }
}

#[test]
fn claims_follow_merged_stories_and_join_their_statements() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    let mut a = article(1, 1, "Northern Wire", "The pier closed. Fares rose.");
    a.statements = vec![said("Ines Varga", "the pier will close")];
    a.claims = vec![member(1, 0, 100, 1, "Ines Varga", false)];
    let mut b = article(2, 2, "Estmark Daily", "The pier stayed open. Fares fell.");
    b.statements = vec![said("Tomas Lind", "the pier will not close")];
    b.claims = vec![
        member(2, 0, 100, 2, "Tomas Lind", true),
        member(2, -3, 100, 2, "Estmark Daily", true),
    ];
    store
        .write(&Batch {
            articles: vec![a, b],
            df: vec![],
        })
        .unwrap();
    assert_eq!(store.claim_rows(1).unwrap().len(), 1);
    assert_eq!(store.disputed_stories().unwrap(), Vec::<u64>::new());
    // A third article bridges the two stories: story 2 goes into story 1, claims and all.
    let mut c = article(3, 1, "Harbour Gazette", "The pier. Fares.");
    c.merged = vec![2];
    store
        .write(&Batch {
            articles: vec![c],
            df: vec![],
        })
        .unwrap();
    let rows = store.claim_rows(2).unwrap();
    assert_eq!(
        rows.len(),
        3,
        "the merged story's id finds the claims: {rows:?}"
    );
    assert!(rows.iter().all(|r| r.story == 1));
    assert_eq!(rows[2].terms, vec![7, 11, u32::MAX]);
    assert_eq!(store.disputed_stories().unwrap(), vec![1]);
    let members = store.contested_claim_members(1).unwrap();
    let by = |seq: u64, n: i64| {
        members
            .iter()
            .find(|m| m.row.seq == seq && m.row.n == n)
            .unwrap()
    };
    assert_eq!(by(1, 0).article, "a1");
    assert_eq!(
        by(2, 0).statement.as_ref().unwrap().content,
        "the pier will not close"
    );
    assert_eq!(by(2, -3).statement, None, "narration has no statement row");
    assert_eq!(by(2, -3).outlet.as_deref(), Some("Estmark Daily"));
}

#[test]
fn claims_found_apart_join_when_their_stories_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let mut store = SqliteStore::open(&path, Access::Write { wait: false }).unwrap();
    let mut a = article(1, 1, "Northern Wire", "The pier closed.");
    a.claims = vec![member(1, 0, 100, 1, "Ines Varga", false)];
    let mut b = article(2, 2, "Estmark Daily", "The pier stayed open.");
    b.claims = vec![
        member(2, 0, 200, 2, "Tomas Lind", true),
        member(2, 1, 201, 2, "Tomas Lind", false),
    ];
    store
        .write(&Batch {
            articles: vec![a, b],
            df: vec![],
        })
        .unwrap();
    assert_eq!(store.disputed_stories().unwrap(), Vec::<u64>::new());
    let mut c = article(3, 1, "Harbour Gazette", "The pier.");
    c.merged = vec![2];
    c.claim_joins = vec![(200, 100)];
    store
        .write(&Batch {
            articles: vec![c],
            df: vec![],
        })
        .unwrap();
    let claims: Vec<(u64, u64)> = store
        .claim_rows(1)
        .unwrap()
        .iter()
        .map(|r| (r.seq, r.claim))
        .collect();
    assert!(
        claims.contains(&(2, 100)) && claims.contains(&(2, 201)),
        "{claims:?}"
    );
    assert_eq!(store.disputed_stories().unwrap(), vec![1]);
}
