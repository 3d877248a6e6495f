//! End-to-end tests of web inputs: HTML pages (plain and gzipped), a WARC the test writes
//! itself, and JSONL records, with the bad cases each reader must survive.

// Helpers here are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::io::Write;

use common::{parallax, records};

/// A news page in the common shape: navigation, a headline, a byline, the story inside
/// `<article>`, then related links, a newsletter box and a footer.
fn page(headline: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | Lakeside Courier</title>
<meta property="og:site_name" content="Lakeside Courier">
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="2025-06-11T07:30:00+02:00">
<meta property="article:modified_time" content="2025-06-12T09:00:00+02:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{headline}","datePublished":"2025-06-11T07:30:00+02:00",
"author":{{"@type":"Person","name":"Mira Castell"}},
"publisher":{{"@type":"Organization","name":"Lakeside Courier"}}}}</script>
<script>window.dataLayer = [{{"page": "<p>not text</p>"}}];</script>
<style>.menu {{ display: flex }}</style>
</head><body>
<header class="site-header"><a href="/">Lakeside Courier</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article class="story">
<h1>{headline}</h1>
<div class="byline">By <a rel="author" href="/staff/mc">Mira Castell</a>, Transport Reporter</div>
<time datetime="2025-06-11">June 11, 2025</time>
<div class="story-body">
{body}</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Bus lanes extended to the old town</a></li>
<li><a href="/b">Harbour bridge repairs finish early</a></li></ul></aside>
<div class="newsletter-signup"><p>Get the morning briefing in your inbox.</p><button>Subscribe</button></div>
<div style="display:none">Hidden promo text that no reader sees.</div>
</main>
<footer class="site-footer"><p>&copy; 2025 Lakeside Courier. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>"##
    )
}

const STORY: &[&str] = &[
    "The regional council voted on Tuesday to keep the night ferry running through the winter, reversing a plan to suspend the service from November until March.",
    "Councillors said the ferry was the only late connection for hospital staff who live on the islands, and that a replacement bus would take more than twice as long.",
    "The operator, Blue Water Lines, said it would add a second crew to the route and that the timetable for the winter would be published next week.",
    "Residents' groups, which had collected more than three thousand signatures against the suspension, welcomed the decision but asked for a guarantee beyond this year.",
];

#[test]
fn an_html_page_gives_the_article_and_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferry.html");
    fs::write(&path, page("Night ferry saved for the winter", STORY)).unwrap();
    let out = parallax().arg("extract").arg(&path).assert().success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["source"]["format"], "html");
    assert_eq!(r["title"], "Night ferry saved for the winter");
    assert_eq!(r["outlet"], "Lakeside Courier");
    assert_eq!(r["authors"], serde_json::json!(["Mira Castell"]));
    assert_eq!(r["published"], "2025-06-11T07:30:00+02:00");
    assert_eq!(r["modified"], "2025-06-12T09:00:00+02:00");
    assert_eq!(r["language"], "en");
    let text = r["text"].as_str().unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for p in STORY {
        assert!(
            paragraphs.contains(p),
            "missing paragraph {p:?} in {text:?}"
        );
    }
    for chrome in [
        "Sport",
        "Share on Facebook",
        "Bus lanes extended",
        "morning briefing",
        "All rights reserved",
        "Hidden promo",
        "not text",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} left in {text:?}");
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, date: &str, http: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{:08}-0000-0000-0000-000000000000>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_html(charset: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\n\r\n")
        .into_bytes();
    h.extend_from_slice(body);
    h
}

#[test]
fn a_gzipped_warc_yields_one_record_per_html_response() {
    let dir = tempfile::tempdir().unwrap();
    let first = page("Night ferry saved for the winter", STORY);
    // A second page in windows-1252, declared only in the HTTP header.
    let second_story = [
        "Caf\u{e9} owners on the quay said the decision would keep their winter evenings alive, and several said they would extend their opening hours.",
        "The harbour master said the extra crossings would need no new berths and that the work on the pier would go ahead as planned in the spring.",
    ];
    let second = page("Quay caf\u{e9}s welcome the ferry decision", &second_story);
    let (second_1252, _, _) = encoding_rs::WINDOWS_1252.encode(&second);
    // Each record its own gzip member, as crawlers write them.
    let mut warc = Vec::new();
    warc.extend(gzip(&warc_record(
        "warcinfo",
        "",
        "2025-06-12T10:00:00Z",
        b"software: test",
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://courier.example/2025/06/11/night-ferry",
        "2025-06-12T10:00:01Z",
        &http_html("utf-8", first.as_bytes()),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://courier.example/logo.png",
        "2025-06-12T10:00:02Z",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://courier.example/2025/06/11/quay",
        "2025-06-12T10:00:03Z",
        &http_html("windows-1252", &second_1252),
    )));
    // The name does not say gzip; the magic bytes do.
    let path = dir.path().join("crawl.warc");
    fs::write(&path, &warc).unwrap();
    let out = parallax().arg("extract").arg(&path).assert().success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    assert_eq!(recs[0]["source"]["format"], "warc");
    assert_eq!(
        recs[0]["source"]["url"],
        "https://courier.example/2025/06/11/night-ferry"
    );
    assert_eq!(
        recs[0]["id"],
        "urn:uuid:00000046-0000-0000-0000-000000000000"
    );
    assert_eq!(recs[0]["captured"], "2025-06-12T10:00:01+00:00");
    assert_eq!(recs[0]["published"], "2025-06-11T07:30:00+02:00");
    assert_eq!(
        recs[1]["title"],
        "Quay caf\u{e9}s welcome the ferry decision"
    );
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Caf\u{e9} owners on the quay")
    );
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("skipped: not HTML (image/png)"), "{stderr}");
}

#[test]
fn jsonl_records_keep_their_known_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let html = page("Night ferry saved for the winter", STORY);
    let lines = [
        serde_json::json!({"id": "wire-1", "url": "https://wire.example/ferry", "outlet": "Coast Wire",
            "title": "Ferry keeps running", "published": "2025-06-10", "html": html}),
        serde_json::json!({"id": "wire-2", "text": STORY.join("\n\n"), "published": "2025-06-09"}),
    ];
    let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    text.push_str("{\"id\": \"broken\", \"text\": \n");
    let path = dir.path().join("export.jsonl.gz");
    fs::write(&path, gzip(text.as_bytes())).unwrap();
    let out = parallax().arg("extract").arg(&path).assert().code(1);
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], "wire-1");
    assert_eq!(recs[0]["outlet"], "Coast Wire");
    assert_eq!(recs[0]["title"], "Ferry keeps running");
    assert_eq!(recs[0]["published"], "2025-06-10");
    assert_eq!(recs[0]["source"]["format"], "jsonl");
    assert!(recs[0]["text"].as_str().unwrap().contains(STORY[1]));
    assert_eq!(recs[1]["id"], "wire-2");
    assert_eq!(recs[1]["published"], "2025-06-09");
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("export.jsonl.gz, line 3: not an input record"),
        "{stderr}"
    );
}

#[test]
fn truncated_and_malformed_inputs_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let good = page("Night ferry saved for the winter", STORY);
    let gz = gzip(good.as_bytes());
    fs::write(root.join("a-cut.html.gz"), &gz[..gz.len() / 2]).unwrap();
    fs::write(root.join("b-good.html"), &good).unwrap();
    fs::write(
        root.join("c-tags.html"),
        "<div><p>Unclosed <b>tags <i>everywhere</div></span></p><table><td>cell",
    )
    .unwrap();
    let mut warc = warc_record(
        "response",
        "https://courier.example/one",
        "2025-06-12T10:00:01Z",
        &http_html("utf-8", good.as_bytes()),
    );
    let cut = warc_record(
        "response",
        "https://courier.example/two",
        "2025-06-12T10:00:02Z",
        &http_html("utf-8", good.as_bytes()),
    );
    warc.extend(&cut[..cut.len() / 3]);
    fs::write(root.join("d-cut.warc"), &warc).unwrap();
    let out = parallax().arg("extract").arg(root).assert().code(1);
    let recs = records(&out.get_output().stdout);
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths[0].ends_with("b-good.html"));
    assert!(paths[1].ends_with("c-tags.html"));
    assert!(paths[2].ends_with("d-cut.warc"));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("a-cut.html.gz: cannot read: truncated gzip data"),
        "{stderr}"
    );
    assert!(stderr.contains("d-cut.warc, record at byte"), "{stderr}");
    assert!(stderr.contains("truncated"), "{stderr}");
}

#[test]
fn stdin_format_is_sniffed() {
    let html = page("Night ferry saved for the winter", STORY);
    let out = parallax()
        .arg("extract")
        .arg("-")
        .write_stdin(gzip(html.as_bytes()))
        .assert()
        .success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs[0]["source"]["format"], "html");
    assert_eq!(recs[0]["title"], "Night ferry saved for the winter");
}
