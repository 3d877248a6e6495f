//! The server through its router: every operation in the OpenAPI document, the JSON API,
//! the write token, body limits, errors, and the pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt as _;
use parallax_serve::{AppState, Config, Ingest, IngestReport, router, spec};
use parallax_store::{
    Access, Batch, ClaimRow, CopyKind, CopyLink, EntityRow, NewArticle, SqliteStore, StatementRow,
    Store,
};
use serde_json::Value;
use tower::ServiceExt as _;

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

fn said(speaker: &str, content: &str, start: u64, polarity: &str, time: &str) -> StatementRow {
    StatementRow {
        speaker: Some(speaker.into()),
        speaker_entity: Some(format!(
            "person:{}",
            speaker.to_lowercase().replace(' ', "-")
        )),
        speaker_text: Some(speaker.into()),
        cue: Some("said".into()),
        kind: "indirect".into(),
        content: content.into(),
        content_start: start,
        content_end: start + content.chars().count() as u64,
        via: vec!["Kolvik Radio".into()],
        time: Some(time.into()),
        polarity: polarity.into(),
    }
}

fn article(seq: u64, story: u64, outlet: &str, title: &str, text: &str) -> NewArticle {
    NewArticle {
        id: format!("art-{seq}"),
        seq,
        format: "text".into(),
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        published: Some(format!("2025-06-{:02}", seq + 1)),
        text: text.into(),
        removed: vec!["Subscribe to our newsletter".into(), "12°C Kolvik".into()],
        story,
        story_title: title.into(),
        story_title_is_headline: true,
        link_state: vec![seq as u8],
        ..NewArticle::default()
    }
}

/// Two outlets on the closing of a bridge: the mayor says it reopens in May, the port
/// authority says it does not; a third article on another story.
fn fixture_store(path: &Path) {
    let mut store = SqliteStore::open(path, Access::Write { wait: false }).unwrap();
    let text1 = "The Brandt bridge will reopen in May, Mayor Ilse Brandt said on Monday. \
                 Repairs were on schedule, she added.";
    let mut a1 = article(
        1,
        1,
        "Harbor Gazette",
        "Kolvik bridge to reopen in May",
        text1,
    );
    let c1 = "The Brandt bridge will reopen in May";
    a1.statements
        .push(said("Ilse Brandt", c1, 0, "affirm", "2025-06-02"));
    a1.entities.push(EntityRow {
        name: "Ilse Brandt".into(),
        kind: "person".into(),
        mentions: 2,
        aliases: vec!["Ilse Brandt".into(), "Brandt".into()],
    });
    let text2 = "The port authority denied that the bridge would reopen in May. \
                 Mayor Brandt's plan was not approved, it said.";
    let mut a2 = article(
        2,
        1,
        "Northern Wire",
        "Port authority: no reopening in May",
        text2,
    );
    a2.statements.push(said(
        "Kolvik Port Authority",
        "the bridge would reopen in May",
        31,
        "deny",
        "2025-06-03",
    ));
    a2.entities.push(EntityRow {
        name: "Ilse Brandt".into(),
        kind: "person".into(),
        mentions: 1,
        aliases: vec!["Brandt".into()],
    });
    // The ingest placed both statements in one claim: the mayor affirms it, the port
    // authority denies it.
    let claim = |seq: u64, speaker: &str, denies: bool, text: &str| ClaimRow {
        claim: 1 << 20,
        story: 1,
        seq,
        n: 0,
        speaker: speaker.into(),
        denies,
        narration: false,
        text: text.into(),
        terms: vec![1, 2, 3],
    };
    a1.claims.push(claim(1, "Ilse Brandt", false, c1));
    a2.claims.push(claim(
        2,
        "Kolvik Port Authority",
        true,
        "the bridge would reopen in May",
    ));
    let mut a3 = article(3, 1, "Bay Courier", "Kolvik bridge to reopen in May", text1);
    a3.copy_of = Some(CopyLink {
        of: 1,
        similarity: 0.97,
        kind: CopyKind::Republication,
    });
    a3.republished_from = Some("Harbor Gazette".into());
    let a4 = article(
        4,
        4,
        "Harbor Gazette",
        "Ferry timetable changes",
        "The summer ferry timetable starts on Saturday.",
    );
    store
        .write(&Batch {
            articles: vec![a1, a2, a3, a4],
            df: vec![],
        })
        .unwrap();
}

/// Records what it was asked to ingest.
#[derive(Default)]
struct Recorder(Mutex<Vec<Vec<u8>>>);

impl Ingest for Recorder {
    fn ingest(&self, _db: &Path, jsonl: &[u8]) -> Result<IngestReport, String> {
        self.0.lock().unwrap().push(jsonl.to_vec());
        Ok(IngestReport {
            added: jsonl
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count(),
            ..IngestReport::default()
        })
    }
}

struct Server {
    _dir: tempfile::TempDir,
    app: axum::Router,
    recorder: Arc<Recorder>,
}

fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    fixture_store(&db);
    let recorder = Arc::new(Recorder::default());
    let config = Config {
        db,
        addr: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.into(),
        ingest: Some(recorder.clone()),
        readers: 2,
    };
    Server {
        app: router(AppState::new(&config)),
        _dir: dir,
        recorder,
    }
}

struct Reply {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &axum::Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, token: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, "application/x-ndjson");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(body.into()).unwrap()
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let s = server();
    let doc = spec();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 15, "{paths:?}");
    let mut checked = 0;
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            // Fill path parameters with things the fixture store has.
            let uri = path
                .replace("/stories/{id}", "/stories/s1")
                .replace("/articles/{id}", "/articles/art-1")
                .replace("{name}", "Ilse%20Brandt");
            assert!(!uri.contains('{'), "unfilled parameter in {path}");
            let reply = match method.as_str() {
                "get" => get(&s.app, &uri).await,
                "post" => {
                    let body = "{\"id\": \"x1\", \"text\": \"A short article.\"}\n";
                    send(&s.app, post(&uri, Some(TOKEN), body)).await
                }
                other => panic!("undocumented method {other}"),
            };
            assert_eq!(
                reply.status,
                StatusCode::OK,
                "{method} {uri}: {}",
                reply.body
            );
            let documented: Vec<&String> = op["responses"]["200"]["content"]
                .as_object()
                .unwrap()
                .keys()
                .collect();
            assert!(
                documented
                    .iter()
                    .any(|t| reply.content_type.starts_with(t.as_str())),
                "{method} {uri} answered {} but documents {documented:?}",
                reply.content_type
            );
            // Operations that need the token say so, and refuse without it.
            if op.get("security").is_some() {
                let refused = send(&s.app, post(&uri, None, "{}\n")).await;
                assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
            }
            checked += 1;
        }
    }
    assert!(checked >= 16);
    // What is not documented is not served.
    let missing = get(&s.app, "/api/nothing-here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.json()["error"]
            .as_str()
            .unwrap()
            .contains("/openapi.json")
    );
    let wrong_method = send(
        &s.app,
        Request::delete("/api/stories").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn stories_articles_and_statements_as_json_with_pages() {
    let s = server();
    let list = get(&s.app, "/api/stories?limit=1").await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["next_offset"], 1);
    // Most recently grown first: the ferry story (article 4) then the bridge story.
    assert_eq!(list["items"][0]["title"], "Ferry timetable changes");
    let rest = get(&s.app, "/api/stories?limit=5&offset=1").await.json();
    assert_eq!(rest["items"][0]["id"], "s1");
    assert_eq!(rest["items"][0]["articles"].as_array().unwrap().len(), 3);
    assert_eq!(rest["items"][0]["copies"][0]["original"], "art-1");
    assert!(rest["next_offset"].is_null());

    let story = get(&s.app, "/api/stories/1").await.json();
    assert_eq!(story["statements"].as_array().unwrap().len(), 2);
    assert_eq!(story["statements"][1]["polarity"], "deny");
    assert_eq!(story["statements"][1]["via"][0], "Kolvik Radio");

    let article = get(&s.app, "/api/articles/art-2").await.json();
    assert_eq!(article["outlet"], "Northern Wire");
    assert_eq!(article["removed"][0], "Subscribe to our newsletter");
    assert_eq!(article["story"], "s1");
    let text = article["text"].as_str().unwrap();
    let st = &article["statements"][0];
    let (start, end) = (
        st["content"]["start"].as_u64().unwrap() as usize,
        st["content"]["end"].as_u64().unwrap() as usize,
    );
    let words: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(words, st["content"]["text"].as_str().unwrap());

    let articles = get(&s.app, "/api/articles?limit=2").await.json();
    assert_eq!(articles["items"][0]["id"], "art-4");
    assert_eq!(articles["items"][1]["id"], "art-3");

    let by = get(&s.app, "/api/statements?speaker=Brandt").await.json();
    assert_eq!(by["items"].as_array().unwrap().len(), 1);
    assert_eq!(by["items"][0]["speaker"]["name"], "Ilse Brandt");

    let entity = get(&s.app, "/api/entities/ilse%20brandt").await.json();
    assert_eq!(entity["name"], "Ilse Brandt");
    assert_eq!(entity["articles"], 2);
    assert_eq!(
        entity["aliases"],
        serde_json::json!(["Brandt", "Ilse Brandt"])
    );
    assert_eq!(entity["statements_by"].as_array().unwrap().len(), 1);
    // The port authority's denial names her ("Mayor Brandt's plan") only outside its
    // content, so it is not about her; her own statement names "The Brandt bridge".
    let about: Vec<&str> = entity["statements_about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["article"].as_str().unwrap())
        .collect();
    assert_eq!(about, ["art-1"]);

    let entities = get(&s.app, "/api/entities?prefix=ils").await.json();
    assert_eq!(entities["items"][0]["name"], "Ilse Brandt");
    let none = get(&s.app, "/api/entities?prefix=zz").await.json();
    assert!(none["items"].as_array().unwrap().is_empty());

    let hits = get(&s.app, "/api/search?q=bridge&outlet=northern%20wire")
        .await
        .json();
    assert_eq!(hits["items"].as_array().unwrap().len(), 1);
    assert_eq!(hits["items"][0]["id"], "art-2");
    assert!(
        hits["items"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("[bridge]")
    );
    let dated = get(
        &s.app,
        "/api/search?q=bridge&since=2025-06-03&until=2025-06-04",
    )
    .await
    .json();
    let ids: Vec<&str> = dated["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["art-3", "art-2"]);

    let stats = get(&s.app, "/api/stats").await.json();
    assert_eq!(stats["articles"], 4);
    assert_eq!(stats["stories"], 2);
}

#[tokio::test]
async fn bad_requests_get_json_errors_that_say_what_to_do() {
    let s = server();
    for (uri, status, says) in [
        ("/api/stories?limit=many", StatusCode::BAD_REQUEST, "limit"),
        ("/api/stories/twelve", StatusCode::BAD_REQUEST, "story id"),
        ("/api/stories/s999", StatusCode::NOT_FOUND, "no story"),
        ("/api/articles/nope", StatusCode::NOT_FOUND, "no article"),
        (
            "/api/entities/Nobody%20Atall",
            StatusCode::NOT_FOUND,
            "no entity",
        ),
        (
            "/api/search?q=x&since=last%20week",
            StatusCode::BAD_REQUEST,
            "not a date",
        ),
        (
            "/api/search?q=x&sort=oldest",
            StatusCode::BAD_REQUEST,
            "newest or relevance",
        ),
    ] {
        let reply = get(&s.app, uri).await;
        assert_eq!(reply.status, status, "{uri}: {}", reply.body);
        assert!(reply.content_type.starts_with("application/json"), "{uri}");
        let message = reply.json()["error"].as_str().unwrap().to_string();
        assert!(message.contains(says), "{uri}: {message}");
    }
}

#[tokio::test]
async fn writing_needs_the_token_and_bodies_are_capped() {
    let s = server();
    let body = "{\"id\": \"w1\", \"outlet\": \"Bay Courier\", \"text\": \"The ferry ran late.\"}\n";
    for token in [None, Some("wrong"), Some(&TOKEN[..31])] {
        let reply = send(&s.app, post("/api/articles", token, body)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(reply.json()["error"].as_str().unwrap().contains("Bearer"));
    }
    assert!(s.recorder.0.lock().unwrap().is_empty());

    let reply = send(&s.app, post("/api/articles", Some(TOKEN), body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json()["added"], 1);
    assert_eq!(
        s.recorder.0.lock().unwrap().as_slice(),
        [body.as_bytes().to_vec()]
    );

    let empty = send(&s.app, post("/api/articles", Some(TOKEN), "\n  \n")).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);

    let huge = vec![b'x'; parallax_serve::MAX_BODY + 1];
    let reply = send(&s.app, post("/api/articles", Some(TOKEN), huge)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.json()["error"].is_string());
    assert_eq!(s.recorder.0.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_broken_store_is_reported_without_its_details() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("secret-name.db");
    std::fs::write(&db, b"this is not a database at all, just bytes").unwrap();
    let app = router(AppState::new(&Config {
        db,
        addr: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.into(),
        ingest: None,
        readers: 1,
    }));
    let reply = get(&app, "/api/stories").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(!reply.body.contains("secret-name"), "{}", reply.body);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("server log")
    );
    // A server without an ingest hook refuses writes plainly.
    let reply = send(&app, post("/api/articles", Some(TOKEN), "{}\n")).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    // Pages say it as a page.
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.content_type.starts_with("text/html"));
}

#[tokio::test]
async fn pages_show_stories_side_by_side_with_a_timeline() {
    let s = server();
    let home = get(&s.app, "/").await;
    assert!(home.content_type.starts_with("text/html"));
    assert!(home.body.contains("href=\"/stories/s1\""));
    assert!(
        home.body.contains("3 articles · 3 outlets"),
        "{}",
        home.body
    );
    assert!(
        home.body
            .contains("<span class=\"badge dispute\">1 dispute</span>")
    );

    let story = get(&s.app, "/stories/s1").await;
    assert_eq!(story.status, StatusCode::OK);
    for outlet in ["Harbor Gazette", "Northern Wire", "Bay Courier"] {
        assert!(
            story.body.contains(&format!("<h3>{outlet}</h3>")),
            "{outlet}"
        );
    }
    assert!(story.body.contains("<svg class=\"timeline\""));
    assert_eq!(story.body.matches("<circle").count(), 2);
    assert!(story.body.contains("point deny"));
    assert!(story.body.contains(">2025-06-02<") && story.body.contains(">2025-06-03<"));
    assert!(story.body.contains("republication copy, 97%"));
    assert!(story.body.contains("via Kolvik Radio"));
    // The dispute, its sides facing each other.
    assert_eq!(story.body.matches("<section class=\"dispute\">").count(), 1);
    let affirm = story.body.find("class=\"side affirm\"").unwrap();
    let deny = story.body.find("class=\"side deny\"").unwrap();
    let (mayor, port) = (
        story.body[affirm..].find("Ilse Brandt").unwrap() + affirm,
        story.body[deny..].find("Kolvik Port Authority").unwrap() + deny,
    );
    assert!(affirm < mayor && mayor < deny && deny < port);

    let api = get(&s.app, "/api/stories/s1").await;
    let v: Value = serde_json::from_str(&api.body).unwrap();
    let d = &v["disputes"][0];
    assert_eq!(d["topic"], "The Brandt bridge will reopen in May");
    assert_eq!(d["sides"][0]["speaker"]["name"], "Ilse Brandt");
    assert_eq!(d["sides"][0]["stance"], "affirm");
    assert_eq!(
        d["sides"][0]["outlets"],
        serde_json::json!(["Harbor Gazette"])
    );
    assert_eq!(d["sides"][1]["speaker"]["name"], "Kolvik Port Authority");
    assert_eq!(d["sides"][1]["stance"], "deny");
    assert_eq!(
        d["sides"][1]["statements"][0]["via"],
        serde_json::json!(["Kolvik Radio"])
    );
    assert_eq!(d["sides"][1]["statements"][0]["time"], "2025-06-03");
    let list = get(&s.app, "/api/stories").await;
    let v: Value = serde_json::from_str(&list.body).unwrap();
    let s1 = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "s1")
        .unwrap();
    assert_eq!(s1["disputes"].as_array().unwrap().len(), 1);

    let article = get(&s.app, "/articles/art-2").await;
    assert!(
        article.body.contains("<mark class=\"deny\""),
        "{}",
        article.body
    );
    assert!(article.body.contains("Removed page chrome (2 lines)"));
    assert!(article.body.contains("12°C Kolvik"));

    let entity = get(&s.app, "/entities/Ilse%20Brandt").await;
    assert!(entity.body.contains("Statements by Ilse Brandt"));
    assert!(entity.body.contains("<span class=\"badge\">Brandt</span>"));

    let search = get(&s.app, "/search?q=ferry").await;
    assert!(
        search.body.contains("<mark>ferry</mark>"),
        "{}",
        search.body
    );
    assert!(search.body.contains("1 article"));
    let bad = get(&s.app, "/search?q=ferry&since=soon").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("not a date"));

    let missing = get(&s.app, "/stories/s404").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("text/html"));
}
