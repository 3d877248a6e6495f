//! End-to-end tests of the store commands: ingest (idempotent, crash-safe, one writer at a
//! time), stories, story, search and statements.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::parallax;
use serde_json::{Value, json};

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo")
}

fn json_out(args: &[&str]) -> Value {
    let out = parallax()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn ingest(db: &Path, inputs: &[&Path]) {
    let mut cmd = parallax();
    cmd.args(["ingest", "-q", "--db"]).arg(db);
    for i in inputs {
        cmd.arg(i);
    }
    cmd.assert().success();
}

fn stories(db: &Path) -> Vec<Value> {
    json_out(&["stories", "--json", "--db", db.to_str().unwrap()])
        .as_array()
        .unwrap()
        .clone()
}

fn story_with<'a>(stories: &'a [Value], article: &str) -> &'a Value {
    stories
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == article)
        })
        .unwrap_or_else(|| panic!("no story holds {article}"))
}

#[test]
fn ingest_links_the_demo_into_stories_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    ingest(&db, &[&demo_dir()]);
    let first = stories(&db);
    // The contract's fields.
    for s in &first {
        assert!(s["id"].as_str().unwrap().starts_with('s'));
        assert!(!s["title"].as_str().unwrap().is_empty());
        assert!(s["disputes"].is_array());
    }
    let total: usize = first
        .iter()
        .map(|s| s["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 10);
    // The ceasefire reports of three outlets are one story, and the republished copy is
    // linked to its original.
    let ceasefire = first
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("Ceasefire"))
        .unwrap();
    let outlets: Vec<&str> = ceasefire["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert!(
        outlets.contains(&"Northern Wire") && outlets.contains(&"Kolvik Daily"),
        "{outlets:?}"
    );
    let copies = ceasefire["copies"].as_array().unwrap();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies[0]["kind"], "republication");
    // The spill reports are another story.
    let spill = first
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("Leak"))
        .unwrap();
    assert_ne!(spill["id"], ceasefire["id"]);
    assert!(spill["articles"].as_array().unwrap().len() >= 2);
    // So are the two reports of the phone call, though they share the ceasefire's people
    // and places: a young store must not link on common words.
    let call = first
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("Call"))
        .unwrap();
    assert_ne!(call["id"], ceasefire["id"]);
    assert_eq!(call["articles"].as_array().unwrap().len(), 2, "{call}");
    assert_eq!(
        ceasefire["articles"].as_array().unwrap().len(),
        3,
        "{ceasefire}"
    );

    // Again: nothing changes.
    let out = parallax()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(demo_dir())
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let summary = String::from_utf8(out).unwrap();
    assert!(
        summary.contains("0 added") && summary.contains("10 already stored"),
        "{summary}"
    );
    assert_eq!(stories(&db), first);
}

#[test]
fn same_text_under_two_ids_is_two_documents_linked_as_exact_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("copies.db");
    let text = "The harbour board voted on Wednesday to freeze ferry fares for another year. \
                Its chair said the islanders had been heard, and the operator said it would \
                look for savings in the winter timetable instead.";
    let input = dir.path().join("in.jsonl");
    let lines = [
        json!({"id": "wire-1", "outlet": "Lakeport Wire", "text": text}),
        json!({"id": "wire-2", "outlet": "Lakeport Wire", "text": text}),
        // No id: the text is the identity, so the second such record is the same document.
        json!({"outlet": "Bay Courier", "text": format!("{text} Fares stay at four euros.")}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&input, &body).unwrap();
    let again = dir.path().join("again.jsonl");
    fs::write(&again, format!("{}\n", lines[2])).unwrap();
    ingest(&db, &[&input, &again]);
    let all = stories(&db);
    let story = story_with(&all, "wire-1");
    let articles = story["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3, "{story}");
    let copies = story["copies"].as_array().unwrap();
    let exact = copies.iter().find(|c| c["id"] == "wire-2").unwrap();
    assert_eq!(
        (&exact["of"], &exact["kind"]),
        (&json!("wire-1"), &json!("exact"))
    );
    // The extended text from another outlet is a near copy, a republication.
    assert!(
        copies.iter().any(|c| c["kind"] == "republication"),
        "{copies:?}"
    );
}

#[test]
fn search_story_and_statements_answer_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    ingest(&db, &[&demo_dir()]);
    let db = db.to_str().unwrap();

    let hits = json_out(&["search", "--db", db, "ceasefire", "--json"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 3, "{hits:?}");
    assert!(
        hits.iter()
            .all(|h| h["snippet"].as_str().unwrap().contains('['))
    );
    let filtered = json_out(&[
        "search",
        "--db",
        db,
        "ceasefire",
        "--outlet",
        "kolvik daily",
        "--json",
    ]);
    let filtered = filtered.as_array().unwrap();
    assert!(!filtered.is_empty());
    assert!(filtered.iter().all(|h| h["outlet"] == "Kolvik Daily"));
    let none = json_out(&[
        "search",
        "--db",
        db,
        "ceasefire",
        "--until",
        "1999-01-01",
        "--json",
    ]);
    assert_eq!(none, json!([]));
    // FTS syntax in a query is taken literally, not as an error.
    parallax()
        .args(["search", "--db", db, "\"AND (ceasefire*"])
        .assert()
        .success();

    let by = json_out(&["statements", "--db", db, "--speaker", "Hoff", "--json"]);
    let by = by.as_array().unwrap();
    assert!(!by.is_empty());
    assert!(by.iter().all(|s| s["speaker"]["name"] == "Lena Hoff"));
    assert!(by.iter().any(|s| s["polarity"] == "deny"));

    let story_id = by[0]["story"].as_str().unwrap().to_string();
    let story = json_out(&["story", "--db", db, &story_id, "--json"]);
    assert_eq!(story["id"], story_id.as_str());
    assert!(story["statements"].as_array().unwrap().len() >= by.len());
    let text = parallax()
        .args(["story", "--db", db, &story_id])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("Lena Hoff") && text.contains("Statements"),
        "{text}"
    );

    let err = parallax()
        .args(["story", "--db", db, "s99999"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("parallax stories"));
}

#[test]
fn bad_stores_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let err = parallax()
        .args(["stories", "--db"])
        .arg(&missing)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("parallax ingest --db")
    );
    assert!(!missing.exists(), "a query never creates a store");

    let text = dir.path().join("notes.txt");
    fs::write(&text, "shopping list: bread, milk, eggs, and more bread\n").unwrap();
    let err = parallax()
        .args(["ingest", "--db"])
        .arg(&text)
        .arg(demo_dir())
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("not a Parallax store"), "{err}");
    assert_eq!(
        fs::read_to_string(&text).unwrap().len(),
        49,
        "the file is left alone"
    );

    let newer = dir.path().join("newer.db");
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = parallax()
        .args(["ingest", "--db"])
        .arg(&newer)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("schema version 99") && err.contains("upgrade Parallax"),
        "{err}"
    );
}

#[test]
fn bad_inputs_are_named_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mixed.db");
    let junk = dir.path().join("junk.txt");
    fs::write(&junk, [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(64)).unwrap();
    let truncated = dir.path().join("cut.jsonl.gz");
    fs::write(&truncated, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2]).unwrap();
    let out = parallax()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&junk)
        .arg(demo_dir())
        .arg(&truncated)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("junk.txt") && err.contains("cut.jsonl.gz"),
        "{err}"
    );
    assert!(
        err.contains("10 added") && err.contains("2 failed"),
        "{err}"
    );
    // Standard input works too, and records without ids are known by their text.
    let record = json!({"outlet": "Bay Courier", "text": "The ferry to the outer islands \
        will run twice a day from Monday, the harbour board said."});
    for expected in ["1 added", "1 already stored"] {
        let out = parallax()
            .args(["ingest", "--db"])
            .arg(&db)
            .arg("-")
            .write_stdin(format!("{record}\n"))
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn a_second_writer_waits_or_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    let holder =
        parallax_store::SqliteStore::open(&db, parallax_store::Access::Write { wait: false })
            .unwrap();
    let err = parallax()
        .args(["ingest", "--no-wait", "--db"])
        .arg(&db)
        .arg(demo_dir())
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("another `parallax ingest` is writing"),
        "{err}"
    );
    // Without --no-wait it waits, and finishes once the first writer is done.
    let bin = assert_cmd::cargo::cargo_bin("parallax");
    let mut waiting = std::process::Command::new(bin)
        .args(["ingest", "-q", "--db"])
        .arg(&db)
        .arg(demo_dir())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "it waits while the lock is held"
    );
    drop(holder);
    assert!(waiting.wait().unwrap().success());
    assert_eq!(
        stories(&db)
            .iter()
            .map(|s| s["articles"].as_array().unwrap().len())
            .sum::<usize>(),
        10
    );
}

/// Fixture articles for the crash test: six invented events, each told by several outlets
/// in different words drawn from a pool of sentences.
fn generated_corpus(n: usize) -> String {
    const EVENTS: [(&str, [&str; 6]); 6] = [
        (
            "Tarn bridge",
            [
                "Engineers closed the Tarn bridge after finding cracks in two of its piers.",
                "Traffic on the Tarn bridge will be diverted through the old quarter for weeks.",
                "The transport office said the Tarn bridge cracks were found during a routine survey.",
                "Residents near the Tarn bridge complained about lorries rerouted past a school.",
                "Repairs to the Tarn bridge piers are expected to cost about nine million.",
                "The mayor asked for an inquiry into why the Tarn bridge survey came so late.",
            ],
        ),
        (
            "Velmar port strike",
            [
                "Dock workers in Velmar walked out over pay, halting container traffic.",
                "Shipping lines began diverting vessels from Velmar to ports further south.",
                "The Velmar dockers' union said talks with the port authority had collapsed.",
                "Supermarkets warned that the Velmar strike could leave shelves empty of fruit.",
                "The port authority in Velmar called the walkout unlawful and went to court.",
                "Queues of lorries stretched for kilometres outside the Velmar terminal gates.",
            ],
        ),
        (
            "Ossia flood",
            [
                "Heavy rain flooded the lower districts of Ossia overnight.",
                "Rescue teams in Ossia moved several hundred people to school gyms.",
                "The river through Ossia rose two metres above its usual level by dawn.",
                "Forecasters expect more rain over Ossia until the end of the week.",
                "Ossia's hospital moved patients from its ground floor as water entered.",
                "Farmers upstream of Ossia said whole fields of barley were under water.",
            ],
        ),
        (
            "Brannock recount",
            [
                "Officials in Brannock began a recount after the council vote ended in a near tie.",
                "The Brannock recount covers more than forty thousand paper ballots.",
                "Both candidates in Brannock sent observers to watch the ballots being counted.",
                "The electoral board said the Brannock result would be certified next month.",
                "One Brannock candidate claimed that a box of ballots had been misplaced.",
                "Volunteers in Brannock counted late into the night in the town hall.",
            ],
        ),
        (
            "Kestrel Ridge fire",
            [
                "A wildfire on Kestrel Ridge forced the evacuation of three villages.",
                "Firefighting planes dropped water on Kestrel Ridge throughout the afternoon.",
                "Strong winds pushed the Kestrel Ridge fire toward the pine plantations.",
                "Families evacuated from Kestrel Ridge spent the night in a sports hall.",
                "The forestry service said the Kestrel Ridge fire may have started at a campsite.",
                "Smoke from Kestrel Ridge drifted over the coast and closed a small airport.",
            ],
        ),
        (
            "Quillon rates",
            [
                "The central bank of Quillon raised its main interest rate by half a point.",
                "Quillon's central bank said inflation had stayed above target for a year.",
                "Mortgage lenders in Quillon announced higher rates within hours of the decision.",
                "Exporters in Quillon said the stronger currency would hurt their sales.",
                "The Quillon bank's governor hinted that further increases were possible.",
                "Savers in Quillon welcomed the first real return on deposits in years.",
            ],
        ),
    ];
    const OUTLETS: [&str; 4] = [
        "Lakeport Wire",
        "Bay Courier",
        "Upland Times",
        "Coast Herald",
    ];
    let mut out = String::new();
    for i in 0..n {
        let (event, pool) = EVENTS[i % EVENTS.len()];
        let pick = |k: usize| pool[(i / EVENTS.len() * 7 + k * 5) % pool.len()];
        let text = format!(
            "{} {} {}\n\n\"We are doing what we can,\" spokesperson Ada Lind{} said. {}",
            pick(0),
            pick(1),
            pick(2),
            i % 13,
            pick(3)
        );
        let record = json!({
            "id": format!("gen-{i}"),
            "outlet": OUTLETS[i % OUTLETS.len()],
            "title": format!("{event}: report {i}"),
            "published": format!("2025-04-{:02}", 1 + i % 28),
            "text": text,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn an_ingest_killed_at_random_points_finishes_on_rerun_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    const N: usize = 600;
    fs::write(&corpus, generated_corpus(N)).unwrap();
    let calm = dir.path().join("calm.db");
    let killed = dir.path().join("killed.db");
    let run = |db: &Path| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("parallax"))
            .args(["ingest", "-q", "--batch", "7", "--db"])
            .arg(db)
            .arg(&corpus)
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let began = std::time::Instant::now();
    assert!(run(&calm).wait().unwrap().success());
    // Kill points fall inside the time a whole run takes, whatever the build's speed.
    let whole = began.elapsed().as_millis() as u64;
    let reference = stories(&calm);

    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill-point seed {seed}");
    let mut kills = 0;
    let mut scale = whole;
    for _ in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = run(&killed);
        std::thread::sleep(Duration::from_millis(
            scale / 10 + seed % (scale * 7 / 10).max(1),
        ));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        } else if kills == 0 {
            // The reference run was slowed by other tests and this one finished before its
            // kill point: start again from nothing, with kill points sooner.
            for ext in ["", "-wal", "-shm"] {
                let _ = fs::remove_file(format!("{}{ext}", killed.display()));
            }
            scale /= 2;
        }
        child.wait().unwrap();
    }
    let partial: usize = if killed.exists() {
        stories(&killed)
            .iter()
            .map(|s| s["articles"].as_array().unwrap().len())
            .sum()
    } else {
        0
    };
    eprintln!("{kills} of 6 runs killed mid-ingest; {partial} of {N} articles stored by then");
    assert!(
        kills >= 1,
        "every run finished before its kill point; the corpus is too small"
    );
    assert!(run(&killed).wait().unwrap().success());
    let recovered = stories(&killed);
    let ids: Vec<&str> = recovered
        .iter()
        .flat_map(|s| {
            s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        (ids.len(), unique.len()),
        (N, N),
        "no loss, no duplicates ({kills} kills)"
    );
    // Linked exactly as the run that was never interrupted.
    assert_eq!(recovered, reference, "{kills} kills");
    // The generated events come out as stories, not one per article.
    assert!(reference.len() < 30, "{} stories", reference.len());
}

/// Three reports of one story from three outlets: two carry a minister's announcement, the
/// third a ministry's denial. The denial arrives in a later ingest, so the claims of the
/// first run must be read back from the store.
const CEASEFIRE_A: &str = r#"{"id": "nw-1", "outlet": "Northern Wire", "published": "2025-05-05", "title": "Norland Announces Ceasefire Along the Varna River", "text": "Norland announced a ceasefire along the Varna river on Monday, after three weeks of shelling around the border town of Dalby.\n\nInes Varga, Norland's foreign minister, said on Monday that a ceasefire would hold along the Varna river from midnight to let civilians leave Dalby.\n\nBuses were waiting on the Norland side of the river bridge, local officials said.\n\nThe shelling around Dalby has damaged the town's hospital and its water plant."}
{"id": "hg-1", "outlet": "Harbour Gazette", "published": "2025-05-05", "title": "Ceasefire Declared on the Varna River, Norland Says", "text": "Norland declared a ceasefire along the Varna river on Monday so that civilians could leave the border town of Dalby after weeks of shelling.\n\nInes Varga, Norland's foreign minister, said the ceasefire would hold along the Varna river from midnight.\n\nBuses lined up near the river bridge at Dalby, where the shelling has damaged the hospital."}
"#;

const CEASEFIRE_B: &str = r#"{"id": "ed-1", "outlet": "Estmark Daily", "published": "2025-05-06", "title": "Estmark Says There Is No Ceasefire on the Varna River", "text": "Estmark rejected Norland's account of a ceasefire along the Varna river on Tuesday, as shelling around the border town of Dalby went on.\n\nEstmark's defence ministry denied on Tuesday that a ceasefire along the Varna river had been agreed.\n\nBuses that had waited near the river bridge at Dalby left empty, witnesses said.\n\nThe shelling around Dalby has damaged the town's hospital and its water plant."}
"#;

#[test]
fn an_announcement_and_a_later_denial_make_a_dispute_across_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    fs::write(&a, CEASEFIRE_A).unwrap();
    fs::write(&b, CEASEFIRE_B).unwrap();
    let dbs = db.to_str().unwrap();

    // The same claim from two outlets is no dispute.
    ingest(&db, &[&a]);
    assert_eq!(json_out(&["disputes", "--json", "--db", dbs]), json!([]));
    let text = parallax()
        .args(["disputes", "--db", dbs])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(text)
            .unwrap()
            .starts_with("No disputes found")
    );

    ingest(&db, &[&b]);
    let all = stories(&db);
    assert_eq!(all.len(), 1, "one story: {all:?}");
    let disputes = all[0]["disputes"].as_array().unwrap();
    assert_eq!(disputes.len(), 1, "{disputes:?}");
    let sides = disputes[0]["sides"].as_array().unwrap();
    let side = |name: &str| {
        sides
            .iter()
            .find(|s| s["speaker"]["name"] == name)
            .unwrap_or_else(|| panic!("no side for {name}: {sides:?}"))
    };
    let varga = side("Ines Varga");
    assert_eq!(varga["stance"], "affirm");
    assert_eq!(
        varga["outlets"],
        json!(["Northern Wire", "Harbour Gazette"])
    );
    assert_eq!(varga["articles"], json!(["nw-1", "hg-1"]));
    let ministry = side("Estmark's defence ministry");
    assert_eq!(ministry["stance"], "deny");
    assert_eq!(ministry["outlets"], json!(["Estmark Daily"]));
    let denial = &ministry["statements"][0];
    assert_eq!(
        denial["text"],
        "that a ceasefire along the Varna river had been agreed"
    );
    assert_eq!(denial["polarity"], "deny");
    assert_eq!(denial["time"], "2025-05-06");
    // Affirming sides come first.
    let stances: Vec<&str> = sides
        .iter()
        .map(|s| s["stance"].as_str().unwrap())
        .collect();
    let first_deny = stances.iter().position(|s| *s == "deny").unwrap();
    assert!(
        stances[first_deny..].iter().all(|s| *s == "deny"),
        "{stances:?}"
    );

    // `disputes` lists the same dispute with its story; `story` shows it too.
    let listed = json_out(&["disputes", "--json", "--db", dbs]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["story"], all[0]["id"]);
    assert_eq!(listed[0]["sides"], disputes[0]["sides"]);
    let story = json_out(&[
        "story",
        "--json",
        "--db",
        dbs,
        all[0]["id"].as_str().unwrap(),
    ]);
    assert_eq!(story["disputes"], all[0]["disputes"]);

    // Ingesting the same articles again changes nothing.
    ingest(&db, &[&a, &b]);
    assert_eq!(stories(&db)[0]["disputes"], all[0]["disputes"]);

    // Each article's side: where it carries statements of the dispute, theirs; else the
    // stance model's reading of it.
    let c = dir.path().join("c.jsonl");
    fs::write(&c, CEASEFIRE_C).unwrap();
    ingest(&db, &[&c]);
    let listed = json_out(&["disputes", "--json", "--db", dbs]);
    let sides: Vec<(String, String, String)> = listed[0]["article_stances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["article"].as_str().unwrap().to_string(),
                a["stance"].as_str().unwrap().to_string(),
                a["by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(sides.len(), 4, "{sides:?}");
    let of = |id: &str| sides.iter().find(|s| s.0 == id).unwrap().clone();
    assert_eq!(of("nw-1").1, "affirm");
    assert_eq!(
        of("ed-1"),
        ("ed-1".into(), "deny".into(), "statements".into())
    );
    let background = of("rp-1");
    assert_eq!(background.2, "model");
    assert!(
        ["affirm", "deny", "report", "unrelated"].contains(&background.1.as_str()),
        "{background:?}"
    );
}

/// A background piece on the same story that quotes neither side and does not mention what
/// they dispute.
const CEASEFIRE_C: &str = r#"{"id": "rp-1", "outlet": "Riverside Post", "published": "2025-05-07", "title": "Life Under Shelling in the Border Town of Dalby", "text": "The shelling around Dalby has damaged the town's hospital and its water plant.\n\nDoctors in the border town have moved the hospital's wards into the basement, where the shelling sounds like a dull thud.\n\nBuses wait near the river bridge at Dalby each morning, and few civilians board them.\n\nThe water plant runs two hours a day."}
"#;
