//! End-to-end tests of the `parallax` binary: the contract's commands over temporary files
//! and over the shipped demo corpus.

// Helpers here are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{parallax, records};
use serde_json::Value;

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo")
}

/// The characters `start..end` of `text`, counting as the contract does.
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

const ARTICLE: &str = "\
Home
News
Ferry Fares Frozen for Another Year
By Lena Ortiz
The harbour board voted on Wednesday to freeze ferry fares for another year, reversing a plan that would have raised the price of a crossing.
\u{201c}We heard the islanders,\u{201d} the board\u{2019}s chair, Ines Varga, said after the vote. \u{201c}Nobody should have to choose between the ferry and the groceries.\u{201d}
The operator said it would now look for savings elsewhere in its winter timetable.
Subscribe to our newsletter
\u{a9} 2025 Lakeport Evening News. All rights reserved.
";

#[test]
fn analyze_reads_stdin_and_prints_every_contract_field() {
    let out = parallax()
        .args(["analyze", "--published", "2025-06-12", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    for field in [
        "id",
        "source",
        "title",
        "outlet",
        "republished_from",
        "authors",
        "language",
        "published",
        "captured",
        "text",
        "removed",
        "entities",
        "times",
        "statements",
    ] {
        assert!(r.get(field).is_some(), "missing {field}");
    }
    assert_eq!(r["source"]["path"], Value::Null);
    assert_eq!(r["source"]["format"], "text");
    assert_eq!(r["title"], "Ferry Fares Frozen for Another Year");
    assert_eq!(r["outlet"], "Lakeport Evening News");
    assert_eq!(r["authors"], serde_json::json!(["Lena Ortiz"]));
    assert_eq!(r["published"], "2025-06-12");
    assert_eq!(r["language"], "en");
    let text = r["text"].as_str().unwrap();
    assert!(!text.contains("Subscribe"));
    let statements = r["statements"].as_array().unwrap();
    let quote = statements
        .iter()
        .find(|s| s["kind"] == "direct")
        .expect("a direct statement");
    assert_eq!(quote["speaker"]["name"], "Ines Varga");
    // Cues follow PolNeAR's convention: the reporting predicate with the words that modify
    // it ("said after the vote").
    assert!(quote["cue"]["text"].as_str().unwrap().starts_with("said"));
    assert_eq!(quote["content"]["parts"].as_array().unwrap().len(), 2);
    // Offsets count characters: the curly quotes and apostrophe are three bytes each.
    for s in statements {
        for piece in [&s["content"], &s["cue"], &s["speaker"]] {
            if piece["start"].is_null() {
                continue;
            }
            let (a, b) = (
                piece["start"].as_u64().unwrap(),
                piece["end"].as_u64().unwrap(),
            );
            if piece.get("parts").is_none() {
                assert_eq!(chars(text, a, b), piece["text"].as_str().unwrap());
            }
        }
    }
    let reported = statements
        .iter()
        .find(|s| s["kind"] == "indirect")
        .expect("an indirect statement");
    assert_eq!(
        reported["content"]["text"],
        "it would now look for savings elsewhere in its winter timetable"
    );
}

#[test]
fn keep_text_keeps_offsets_into_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clean.txt");
    let text = "\u{201c}Yes,\u{201d} she said.\n\nThe mayor said the bridge would reopen in May.\n";
    fs::write(&path, text).unwrap();
    let out = parallax()
        .args(["analyze", "--keep-text"])
        .arg(&path)
        .assert()
        .success();
    let r = &records(&out.get_output().stdout)[0];
    assert_eq!(r["text"], text);
    assert_eq!(r["removed"], serde_json::json!([]));
    assert_eq!(r["source"]["path"], path.display().to_string());
    let s = &r["statements"][1];
    let (a, b) = (
        s["content"]["start"].as_u64().unwrap(),
        s["content"]["end"].as_u64().unwrap(),
    );
    assert_eq!(chars(text, a, b), "the bridge would reopen in May");
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a-good.txt"), ARTICLE).unwrap();
    fs::write(root.join("b-empty.txt"), "").unwrap();
    fs::write(
        root.join("c-binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    fs::write(
        root.join("d-latin1.txt"),
        b"Caf\xe9 owners said the new rules were unfair to small businesses.\n",
    )
    .unwrap();
    let out = parallax()
        .arg("extract")
        .arg(root)
        .arg(root.join("missing.txt"))
        .assert()
        .code(1);
    let output = out.get_output();
    let recs = records(&output.stdout);
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a-good.txt") && paths[1].ends_with("d-latin1.txt"));
    // extract leaves the analysis empty.
    assert_eq!(recs[0]["statements"], serde_json::json!([]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "b-empty.txt: empty",
        "c-binary.txt: binary data",
        "missing.txt: no such file",
        "d-latin1.txt: invalid UTF-8",
    ] {
        assert!(stderr.contains(expected), "{expected} not in:\n{stderr}");
    }
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .contains("Caf\u{fffd} owners")
    );
}

#[test]
fn usage_errors_exit_with_two() {
    parallax().arg("analyze").assert().code(2);
    parallax()
        .args(["analyze", "--published", "yesterday", "-"])
        .assert()
        .code(2);
}

#[test]
fn analyze_over_the_demo_corpus() {
    let out = parallax()
        .args(["analyze", "--quiet"])
        .arg(demo_dir())
        .assert()
        .success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 10);
    let republished: Vec<&Value> = recs
        .iter()
        .filter(|r| !r["republished_from"].is_null())
        .collect();
    assert_eq!(republished.len(), 2);
    let mut denials = 0;
    for r in &recs {
        assert!(
            r["title"].is_string(),
            "no title in {}",
            r["source"]["path"]
        );
        assert!(
            r["outlet"].is_string(),
            "no outlet in {}",
            r["source"]["path"]
        );
        assert!(!r["removed"].as_array().unwrap().is_empty());
        let text = r["text"].as_str().unwrap();
        for s in r["statements"].as_array().unwrap() {
            let parts = s["content"]
                .get("parts")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_else(|| {
                    vec![serde_json::json!([
                        s["content"]["start"],
                        s["content"]["end"]
                    ])]
                });
            let joined: Vec<String> = parts
                .iter()
                .map(|p| chars(text, p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
                .collect();
            assert_eq!(joined.join(" "), s["content"]["text"].as_str().unwrap());
            if s["polarity"] == "deny" {
                denials += 1;
            }
        }
    }
    assert!(denials >= 5, "only {denials} denials");
}

#[test]
fn demo_prints_a_readable_summary() {
    let out = parallax().arg("demo").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(stdout.starts_with("Parallax demo: 10 articles"));
    assert!(stdout.contains("republished from: Northern Wire"));
    assert!(stdout.contains("Lena Hoff"));
    assert!(stdout.contains("Denials: where the sources push back"));
    // Run by a script (no terminal), the demo does not stay to serve: it says how to.
    assert!(stdout.contains("(Serve these pages with: parallax serve --db"));
}

/// One HTTP/1.1 request over a plain socket; returns the status code and the body.
fn http(addr: &str, request: &str) -> (u16, String) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_answers_and_ingests_posted_records_through_the_pipeline() {
    use std::io::BufRead as _;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("served.db");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .env("PARALLAX_TOKEN", "test-token-123")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .map(str::to_string);
    let result = std::panic::catch_unwind(|| {
        let addr = addr.unwrap_or_else(|| panic!("no address in {first:?}"));
        // A new store was created empty.
        let (status, body) = http(
            &addr,
            "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"articles\":0"), "{body}");
        let records = "{\"id\": \"p1\", \"outlet\": \"Bay Courier\", \"published\": \"2025-04-02\", \"title\": \"Ferry fares to rise\", \"text\": \"Ferry fares will rise in May, the harbour board said on Tuesday.\"}\n";
        let post = |token: &str| {
            format!(
                "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n{records}",
                records.len()
            )
        };
        let (status, _) = http(&addr, &post("guess"));
        assert_eq!(status, 401);
        let (status, body) = http(&addr, &post("test-token-123"));
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"added\":1"), "{body}");
        // Idempotent, as `parallax ingest` is.
        let (_, body) = http(&addr, &post("test-token-123"));
        assert!(body.contains("\"already\":1"), "{body}");
        // A bad line fails alone, and the reply says which and why.
        let mixed = "{\"id\": \"p2\", \"text\": \"The harbour board met again on Friday.\"}\nnot a record\n";
        let (status, body) = http(
            &addr,
            &format!(
                "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer test-token-123\r\nContent-Length: {}\r\n\r\n{mixed}",
                mixed.len()
            ),
        );
        assert_eq!(status, 200, "{body}");
        let reply: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (reply["added"].as_u64(), reply["failed"].as_u64()),
            (Some(1), Some(1))
        );
        let why = reply["errors"][0].as_str().unwrap_or_default();
        assert!(
            why.contains("POST /api/articles") && why.contains('2'),
            "{why}"
        );
        let (status, body) = http(
            &addr,
            "GET /api/articles/p1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("harbour board"), "{body}");
        // Posted records carry no file path (no server-side temporary file shows through).
        assert!(body.contains("\"path\":null"), "{body}");
        let (status, body) = http(
            &addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(status, 200);
        assert!(body.contains("Ferry fares to rise"), "{body}");
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn a_user_knowledge_base_renames_without_rebuilding() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb.tsv");
    fs::write(
        &kb,
        "# newsroom names\nIrena Volkova\tperson\tIrina Volkova|I. Volkova\tour style guide\n",
    )
    .unwrap();
    let out = parallax()
        .env("PARALLAX_KB", &kb)
        .args(["analyze", "-q", "--keep-text", "-"])
        .write_stdin("Irina Volkova said the harbour plan would work.")
        .assert()
        .success();
    let rec = &records(&out.get_output().stdout)[0];
    assert_eq!(rec["entities"][0]["name"], "Irena Volkova");
    assert_eq!(rec["entities"][0]["aliases"][0], "Irina Volkova");
    assert_eq!(rec["statements"][0]["speaker"]["name"], "Irena Volkova");
    assert_eq!(
        rec["statements"][0]["speaker"]["entity"],
        "person:irena-volkova"
    );

    fs::write(&kb, "Irena Volkova\tperson\n").unwrap();
    let out = parallax()
        .env("PARALLAX_KB", &kb)
        .args(["analyze", "-q", "-"])
        .write_stdin("text")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("kb.tsv: line 1: expected four"), "{err}");
}

#[test]
fn kb_names_people_and_office_holders_or_says_it_does_not_know() {
    let out = parallax()
        .args(["kb", "--json", "Barack H. OBAMA"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["name"], "Barack Obama");
    assert_eq!(v["kind"], "person");
    assert_eq!(v["roles"][0]["title"], "President of the United States");
    assert_eq!(v["roles"][0]["since"], "2009-01-20");

    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb.tsv");
    fs::write(
        &kb,
        "Piet Salo\tperson\t\tNorland gazette\tHarbour Master of Eastport|2016-04-01|2020-09-15\n\
         Ines Varga\tperson\t\tNorland gazette\tHarbour Master of Eastport|2020-09-15|\n",
    )
    .unwrap();
    let holder = |day: &str| {
        parallax()
            .env("PARALLAX_KB", &kb)
            .args(["kb", "--holder", "harbour master of eastport", "--on", day])
            .assert()
    };
    let out = holder("2019-01-01").success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "Piet Salo\n"
    );
    let out = holder("2021-01-01").success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "Ines Varga\n"
    );
    let out = holder("2015-01-01").failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("does not know who was"), "{err}");

    let out = parallax().args(["kb", "Nobody Ofnote"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("not in the knowledge base"), "{err}");
}

#[test]
fn stance_answers_each_pair_in_order_and_names_bad_lines() {
    let claim = "Norland's harbour board agrees to freeze ferry fares";
    let deny = "The harbour board of Norland has denied reports that it agreed to freeze ferry \
        fares, calling the story false. \"There is no agreement to freeze fares. That report is \
        simply not true,\" the board's spokeswoman said. Claims that ferry fares would be frozen \
        are a hoax, she added.";
    let unrelated = "A new bakery opened in Estmark's old town square on Saturday, drawing long \
        queues. The shop will open at six every morning except Sunday.";
    let input = [
        serde_json::json!({"id": "p1", "claim": claim, "text": deny}).to_string(),
        "{\"id\": \"broken\", \"claim\": ".to_string(),
        serde_json::json!({"id": 7, "claim": claim, "text": unrelated}).to_string(),
        serde_json::json!({"claim": claim, "text": unrelated}).to_string(),
        serde_json::json!({"id": "no-text", "claim": claim}).to_string(),
    ]
    .join("\n");
    let out = parallax()
        .args(["stance", "-q", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let got = records(&out.stdout);
    assert_eq!(
        got,
        [
            serde_json::json!({"id": "p1", "stance": "deny"}),
            serde_json::json!({"id": 7, "stance": "unrelated"}),
            // Without an id, the line number stands in.
            serde_json::json!({"id": "4", "stance": "unrelated"}),
        ]
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("standard input:2: not JSON"), "{err}");
    assert!(err.contains("standard input:5: missing `text`"), "{err}");
}

#[test]
fn stance_names_a_missing_file() {
    let out = parallax()
        .args(["stance", "/nonexistent/pairs.jsonl"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("cannot open /nonexistent/pairs.jsonl"),
        "{err}"
    );
}
