//! The web pages: server-rendered HTML with one inline style sheet and no script. maud
//! escapes every value it is given, so article text, titles and names can never become
//! markup.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use parallax_store::{ArticleRef, StatementRow, Store as _, StoredStatement};
use serde::Deserialize;

use crate::api::{SearchParams, entity_with_statements, story_with_statements};
use crate::timeline::{self, Point};
use crate::views::{self, canonical_copies, day_number, parse_story_id, story_id};
use crate::{ApiError, AppState};

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5d6675; --line: #dde1e8; --accent: #1f5fbf; --deny: #b3261e;
  --affirm: #1f5fbf; --bg: #fafbfc; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem; background: var(--ink); color: #fff; }
header.top a { color: #fff; text-decoration: none; font-weight: 600; }
header.top form { display: flex; gap: .4rem; flex: 1; min-width: 12rem; max-width: 30rem; }
header.top input { flex: 1; padding: .3rem .5rem; border-radius: 4px; border: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
a { color: var(--accent); }
.muted { color: var(--muted); font-size: .9rem; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
.badge.deny { border-color: var(--deny); color: var(--deny); }
.badge.dispute { background: var(--deny); border-color: var(--deny); color: #fff; }
ul.stories { list-style: none; padding: 0; margin: 0; }
ul.stories li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
ul.stories a.title { font-weight: 600; text-decoration: none; }
.outlets { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; }
.outlet { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; min-width: 0; }
.outlet h3 { margin: 0 0 .4rem; font-size: 1rem; }
.statement { border-left: 3px solid var(--affirm); padding: .2rem .6rem; margin: .6rem 0; overflow-wrap: anywhere; }
.statement.deny { border-left-color: var(--deny); }
.statement blockquote { margin: .2rem 0; font-style: italic; }
.statement .who { font-weight: 600; }
.dispute { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .8rem 0; }
.dispute h3 { margin: 0 0 .4rem; font-size: 1rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.side h4 { margin: .2rem 0; font-size: .9rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.timeline-wrap { overflow-x: auto; }
svg.timeline { width: 100%; min-width: 36rem; height: auto; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
svg.timeline .lane { stroke: var(--line); }
svg.timeline .axis { stroke: var(--muted); }
svg.timeline text { font-size: 12px; fill: var(--muted); }
svg.timeline .point.affirm { fill: var(--affirm); }
svg.timeline .point.deny { fill: var(--deny); }
article .text { white-space: pre-wrap; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; overflow-wrap: anywhere; }
mark { background: #dbe8fb; padding: 0 .1rem; }
mark.deny { background: #f8d9d6; }
details { margin: 1rem 0; }
details pre { white-space: pre-wrap; font-size: .85rem; background: var(--card); border: 1px solid var(--line); padding: .6rem; }
form.search { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .5rem; margin: .5rem 0 1rem; }
form.search input, form.search select, form.search button { padding: .35rem .5rem; }
nav.pages { margin: 1rem 0; display: flex; gap: 1rem; }
@media (max-width: 40rem) { body { font-size: 15px; } main { padding: .6rem; } }
"#;

fn layout(title: &str, query: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Parallax" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a href="/" { "Parallax" }
                    a href="/" { "Stories" }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="Search articles" aria-label="Search articles";
                    }
                }
                main { (body) }
            }
        }
    }
}

fn page(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

fn error_page(status: StatusCode, message: &str) -> Response {
    let body = html! {
        h1 { (status.canonical_reason().unwrap_or("Error")) }
        p { (message) }
        p { a href="/" { "Back to the stories" } }
    };
    (status, Html(layout("Error", "", body).into_string())).into_response()
}

pub fn not_found(message: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, message)
}

/// A failed read, as a page.
fn failed(e: ApiError) -> Response {
    error_page(e.status, &e.message)
}

fn short_date(d: Option<&str>) -> &str {
    d.map_or("", |d| &d[..d.len().min(10)])
}

const STORIES_PER_PAGE: usize = 30;

#[derive(Debug, Default, Deserialize)]
pub struct PageParams {
    page: Option<String>,
}

pub async fn stories(State(state): State<AppState>, Query(p): Query<PageParams>) -> Response {
    let number = p
        .page
        .as_deref()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let offset = (number - 1) * STORIES_PER_PAGE;
    let stories = match state
        .read(move |s| {
            let stories = s.stories(STORIES_PER_PAGE, offset)?;
            stories
                .into_iter()
                .map(|story| {
                    let disputed = views::disputes(&s.contested_claim_members(story.id)?).len();
                    Ok((story, disputed))
                })
                .collect::<parallax_store::Result<Vec<_>>>()
        })
        .await
    {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let body = html! {
        h1 { "Stories" }
        p.muted { "Most recently grown first. Each story gathers the articles about one event, from every outlet that covered it." }
        @if stories.is_empty() {
            p { "No stories here yet. Add articles with " code { "parallax ingest" } " or " code { "POST /api/articles" } "." }
        }
        ul.stories {
            @for (s, disputed) in &stories {
                @let outlets = s.outlets();
                @let copies = s.articles.iter().filter(|a| a.copy_of.is_some()).count();
                @let dates: Vec<&str> = s.articles.iter().filter_map(|a| a.published.as_deref()).map(|d| short_date(Some(d))).collect();
                li {
                    a.title href=(format!("/stories/{}", story_id(s.id))) { (s.title) }
                    div.muted {
                        (s.articles.len()) " article" @if s.articles.len() != 1 { "s" }
                        " · " (outlets.len()) " outlet" @if outlets.len() != 1 { "s" }
                        @if !outlets.is_empty() { ": " (outlets.iter().take(4).copied().collect::<Vec<_>>().join(", ")) @if outlets.len() > 4 { ", …" } }
                        @if copies > 0 { " · " span.badge { (copies) " cop" @if copies == 1 { "y" } @else { "ies" } } }
                        @if *disputed > 0 { " · " span.badge.dispute { (disputed) " dispute" @if *disputed != 1 { "s" } } }
                        @if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
                            " · " (first) @if first != last { " – " (last) }
                        }
                    }
                }
            }
        }
        nav.pages {
            @if number > 1 { a href=(format!("/?page={}", number - 1)) { "← Newer" } }
            @if stories.len() == STORIES_PER_PAGE { a href=(format!("/?page={}", number + 1)) { "Older →" } }
        }
    };
    page(layout("Stories", "", body))
}

/// A dispute with its sides facing each other: those who affirm on the left, those who deny
/// on the right (one above the other on a phone).
fn dispute_card(d: &serde_json::Value) -> Markup {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let sides = d["sides"].as_array().cloned().unwrap_or_default();
    let column = |stance: &str| -> Vec<serde_json::Value> {
        sides
            .iter()
            .filter(|s| s["stance"] == stance)
            .cloned()
            .collect()
    };
    html! {
        section.dispute {
            h3 { span.badge.dispute { "disputed" } " " (text(&d["topic"])) }
            div.sides {
                @for (stance, label) in [("affirm", "Affirm"), ("deny", "Deny")] {
                    div class=(format!("side {stance}")) {
                        h4 { (label) }
                        @for side in column(stance) {
                            div class=(format!("statement {stance}")) {
                                span.who { (text(&side["speaker"]["name"])) }
                                @if side["voice"] == "outlet" { " " span.badge { "the outlet's own words" } }
                                @for st in side["statements"].as_array().cloned().unwrap_or_default() {
                                    blockquote { (text(&st["text"])) }
                                    p.muted {
                                        (st["outlet"].as_str().unwrap_or("outlet unknown"))
                                        @if let Some(t) = st["time"].as_str().or(st["published"].as_str()) { " · " (short_date(Some(t))) }
                                        @if let Some(via) = st["via"].as_array().filter(|v| !v.is_empty()) {
                                            " · via " (via.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(" ← "))
                                        }
                                        " · " a href=(format!("/articles/{}", encode(st["article"].as_str().unwrap_or_default()))) { "article" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn statement_card(s: &StatementRow, article: Option<(&str, Option<&str>, Option<&str>)>) -> Markup {
    let deny = s.polarity == "deny";
    html! {
        div class=(if deny { "statement deny" } else { "statement" }) {
            div {
                @match (&s.speaker, &s.speaker_entity) {
                    (Some(name), Some(_)) => a.who href=(format!("/entities/{}", encode(name))) { (name) },
                    (Some(name), None) => span.who { (name) },
                    (None, _) => span.who.muted { "speaker not named" },
                }
                " " span.cue { (s.cue.as_deref().unwrap_or("").trim_end_matches([':', ','])) }
                " " span.badge { (s.kind) }
                @if deny { " " span.badge.deny { "denies" } }
            }
            blockquote { (s.content) }
            div.muted {
                @if !s.via.is_empty() { "via " (s.via.join(" ← ")) " · " }
                @if let Some(t) = &s.time { "said " (t) " · " }
                @if let Some((id, outlet, published)) = article {
                    a href=(format!("/articles/{}", encode(id))) { (outlet.unwrap_or(id)) }
                    @if let Some(p) = published { ", " (short_date(Some(p))) }
                }
            }
        }
    }
}

fn stored_card(s: &StoredStatement) -> Markup {
    statement_card(
        &s.statement,
        Some((&s.article, s.outlet.as_deref(), s.published.as_deref())),
    )
}

fn article_line(a: &ArticleRef, originals: &HashMap<&str, &str>) -> Markup {
    let original = originals.get(a.id.as_str()).copied();
    html! {
        li {
            a href=(format!("/articles/{}", encode(&a.id))) { (a.title.as_deref().unwrap_or(&a.id)) }
            " " span.muted { (short_date(a.published.as_deref())) }
            @if let Some((of, kind, sim)) = &a.copy_of {
                " " span.badge title=(format!("copy of {of}")) { (kind.as_str()) " copy, " (format!("{:.0}%", sim * 100.0)) }
            }
            @if original == Some(a.id.as_str()) { " " span.badge { "original" } }
        }
    }
}

pub async fn story(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(number) = parse_story_id(&id) else {
        return not_found(&format!(
            "{id:?} is not a story id; story ids look like s12."
        ));
    };
    let (story, statements, members) = match story_with_statements(&state, number).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(&format!("There is no story {id}.")),
        Err(e) => return failed(e),
    };
    let originals = canonical_copies(&story);
    let unknown = "(outlet unknown)";
    let mut outlets: Vec<&str> = story.outlets();
    if story.articles.iter().any(|a| a.outlet.is_none()) {
        outlets.push(unknown);
    }
    let points: Vec<Point> = statements
        .iter()
        .filter_map(|s| {
            let day = s
                .statement
                .time
                .as_deref()
                .and_then(day_number)
                .or_else(|| s.published.as_deref().and_then(day_number))?;
            Some(Point {
                outlet: s.outlet.clone().unwrap_or_else(|| unknown.into()),
                day,
                deny: s.statement.polarity == "deny",
                label: format!(
                    "{}: {}",
                    s.statement.speaker.as_deref().unwrap_or("unnamed"),
                    s.statement.content.chars().take(120).collect::<String>()
                ),
            })
        })
        .collect();
    let undated = statements.len() - points.len();
    let disputes = views::disputes(&members);
    let body = html! {
        h1 { (story.title) }
        p.muted {
            (story_id(story.id)) " · " (story.articles.len()) " articles from " (outlets.len()) " outlets · "
            (statements.len()) " statements · "
            a href=(format!("/api/stories/{}", story_id(story.id))) { "JSON" }
        }
        @if !disputes.is_empty() {
            h2 { "Disputes" }
            @for d in &disputes { (dispute_card(d)) }
        }
        h2 { "Timeline" }
        @if let Some(svg) = timeline::render(&points) {
            // On a phone the timeline keeps a readable size and scrolls sideways.
            div.timeline-wrap { (svg) }
            p.muted {
                "Each dot is a statement, on the day it was said (or its article's date), in the lane of the outlet that carried it; red dots deny."
                @if undated > 0 { " " (undated) " undated statements are not drawn." }
            }
        } @else {
            p.muted { "No dated statements to draw." }
        }
        h2 { "Outlets side by side" }
        div.outlets {
            @for outlet in &outlets {
                @let articles: Vec<&ArticleRef> = story.articles.iter().filter(|a| a.outlet.as_deref().unwrap_or(unknown) == *outlet).collect();
                @let said: Vec<&StoredStatement> = statements.iter().filter(|s| s.outlet.as_deref().unwrap_or(unknown) == *outlet).collect();
                section.outlet {
                    h3 { (outlet) }
                    ul { @for a in &articles { (article_line(a, &originals)) } }
                    @for s in &said { (stored_card(s)) }
                    @if said.is_empty() { p.muted { "No statements found in this outlet's articles." } }
                }
            }
        }
    };
    page(layout(&story.title, "", body))
}

pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let key = id.clone();
    let article = match state.read(move |s| s.article(&key)).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found(&format!("There is no article {id:?}.")),
        Err(e) => return failed(e),
    };
    let a = &article.article;
    let title = a.title.clone().unwrap_or_else(|| a.id.clone());
    let body = html! {
        article {
            h1 { (title) }
            p.muted {
                (a.outlet.as_deref().unwrap_or("outlet unknown"))
                @if let Some(p) = &a.published { " · " (short_date(Some(p))) }
                @if !article.authors.is_empty() { " · by " (article.authors.join(", ")) }
                " · story " a href=(format!("/stories/{}", story_id(article.story))) { (story_id(article.story)) }
                " · " a href=(format!("/api/articles/{}", encode(&a.id))) { "JSON" }
            }
            @if let Some(from) = &a.republished_from { p { span.badge { "republished" } " from " (from) } }
            @if let Some((of, kind, sim)) = &a.copy_of {
                p { span.badge { (kind.as_str()) " copy" } " of " a href=(format!("/articles/{}", encode(of))) { (of) } (format!(" ({:.0}% alike)", sim * 100.0)) }
            }
            div.text { (highlighted(&article.text, &article.statements)) }
            @if !article.statements.is_empty() {
                h2 { "Statements" }
                @for s in &article.statements { (statement_card(s, None)) }
            }
            @if !article.entities.is_empty() {
                h2 { "Entities" }
                p {
                    @for (i, e) in article.entities.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(format!("/entities/{}", encode(&e.name))) { (e.name) }
                        " " span.muted { "(" (e.kind) ")" }
                    }
                }
            }
            details {
                summary { "Removed page chrome (" (article.removed.len()) " lines)" }
                @if article.removed.is_empty() { p.muted { "Nothing was removed." } }
                @else { pre { (article.removed.join("\n")) } }
            }
            details {
                summary { "Provenance" }
                dl {
                    dt { "Id" } dd { (a.id) }
                    dt { "Format" } dd { (article.format) }
                    @if let Some(p) = &article.path { dt { "File" } dd { (p) } }
                    @if let Some(u) = &a.url { dt { "URL" } dd { (u) } }
                    @if let Some(c) = &article.captured { dt { "Page date (captured)" } dd { (c) } }
                    @if let Some(l) = &article.language { dt { "Language" } dd { (l) } }
                }
            }
        }
    };
    page(layout(&title, "", body))
}

/// The text with each statement's words marked; statements that overlap an earlier one are
/// left unmarked rather than nested.
fn highlighted(text: &str, statements: &[StatementRow]) -> Markup {
    // Offsets count characters; slicing needs bytes.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |c: u64| bytes.get(c as usize).copied();
    let mut spans: Vec<(usize, usize, &StatementRow)> = statements
        .iter()
        .filter_map(|s| {
            let (start, end) = (byte(s.content_start)?, byte(s.content_end)?);
            (start < end).then_some((start, end, s))
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    // (plain text before, the marked statement) pieces, then the tail.
    let mut pieces: Vec<(&str, &str, &StatementRow)> = Vec::new();
    let mut at = 0;
    for (start, end, s) in spans {
        if start >= at {
            pieces.push((&text[at..start], &text[start..end], s));
            at = end;
        }
    }
    html! {
        @for (before, words, s) in &pieces {
            (before)
            mark class=(if s.polarity == "deny" { "deny" } else { "affirm" })
                title=(format!("{} {}", s.speaker.as_deref().unwrap_or("unnamed speaker"), s.cue.as_deref().unwrap_or(""))) {
                (words)
            }
        }
        (&text[at..])
    }
}

pub async fn entity(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let view = match entity_with_statements(&state, name.clone()).await {
        Ok(Some(v)) => v,
        Ok(None) => return not_found(&format!("No article mentions an entity named {name:?}.")),
        Err(e) => return failed(e),
    };
    let e = &view.entity;
    let body = html! {
        h1 { (e.name) }
        p.muted {
            (e.kind) " · mentioned in " (e.articles) " article" @if e.articles != 1 { "s" } " · "
            a href=(format!("/search?entity={}", encode(&e.name))) { "its articles" } " · "
            a href=(format!("/api/entities/{}", encode(&e.name))) { "JSON" }
        }
        @if !e.aliases.is_empty() {
            p { "Spelled: " @for (i, a) in e.aliases.iter().enumerate() { @if i > 0 { ", " } span.badge { (a) } } }
        }
        h2 { "Statements by " (e.name) }
        @if view.by.is_empty() { p.muted { "None found." } }
        @for s in &view.by { (stored_card(s)) }
        h2 { "Statements about " (e.name) }
        @if view.about.is_empty() { p.muted { "None found." } }
        @for s in &view.about { (stored_card(s)) }
    };
    page(layout(&e.name, "", body))
}

pub async fn search(State(state): State<AppState>, Query(params): Query<SearchParams>) -> Response {
    let form = |p: &SearchParams| {
        html! {
            form.search action="/search" method="get" {
                input type="search" name="q" value=(p.q) placeholder="Words" aria-label="Words";
                input name="outlet" value=(p.outlet.as_deref().unwrap_or("")) placeholder="Outlet" aria-label="Outlet";
                input name="speaker" value=(p.speaker.as_deref().unwrap_or("")) placeholder="Speaker" aria-label="Speaker";
                input name="entity" value=(p.entity.as_deref().unwrap_or("")) placeholder="Entity" aria-label="Entity";
                input type="date" name="since" value=(p.since.as_deref().unwrap_or("")) aria-label="Published since";
                input type="date" name="until" value=(p.until.as_deref().unwrap_or("")) aria-label="Published until";
                select name="sort" aria-label="Order" {
                    option value="newest" selected[p.sort.as_deref() != Some("relevance")] { "Newest first" }
                    option value="relevance" selected[p.sort.as_deref() == Some("relevance")] { "Best match first" }
                }
                button type="submit" { "Search" }
            }
        }
    };
    let result = if params.is_empty() {
        Ok(None)
    } else {
        match params.query() {
            Ok(mut query) => {
                query.limit = 50;
                state.read(move |s| s.search(&query)).await.map(Some)
            }
            Err(message) => Err(ApiError::bad_request(message)),
        }
    };
    let body = html! {
        h1 { "Search" }
        (form(&params))
        @match &result {
            Err(e) => p { strong { "Cannot search: " } (e.message) },
            Ok(None) => p.muted { "Type words, or filter by outlet, speaker, entity or dates." },
            Ok(Some(hits)) if hits.is_empty() => p { "No articles match." },
            Ok(Some(hits)) => {
                p.muted { (hits.len()) " article" @if hits.len() != 1 { "s" } @if hits.len() == 50 { " (the first 50)" } }
                ul.stories {
                    @for h in hits {
                        li {
                            a.title href=(format!("/articles/{}", encode(&h.article.id))) { (h.article.title.as_deref().unwrap_or(&h.article.id)) }
                            div.muted {
                                (h.article.outlet.as_deref().unwrap_or("outlet unknown")) " · " (short_date(h.article.published.as_deref()))
                                " · story " a href=(format!("/stories/{}", story_id(h.story))) { (story_id(h.story)) }
                            }
                            div { (snippet(&h.snippet)) }
                        }
                    }
                }
            }
        }
    };
    let status = if result.is_err() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (
        status,
        Html(layout("Search", &params.q, body).into_string()),
    )
        .into_response()
}

/// FTS5 marks matches as [word]; they become <mark>, the rest stays text.
fn snippet(s: &str) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        parts.push((false, &rest[..open]));
        parts.push((true, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    parts.push((false, rest));
    html! { @for (hit, part) in parts { @if hit { mark { (part) } } @else { (part) } } }
}

/// A path segment, percent-encoded.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(start: u64, end: u64, polarity: &str) -> StatementRow {
        StatementRow {
            speaker: Some("Ilse <b>Brandt</b>".into()),
            kind: "direct".into(),
            content_start: start,
            content_end: end,
            polarity: polarity.into(),
            ..StatementRow::default()
        }
    }

    #[test]
    fn statements_are_marked_by_character_offsets_and_text_is_escaped() {
        let text = "Façade <i>works</i> end. She denied it.";
        let html = highlighted(
            text,
            &[
                said(0, 6, "affirm"),
                said(3, 9, "affirm"),
                said(25, 39, "deny"),
            ],
        )
        .into_string();
        assert!(
            html.starts_with(
                "<mark class=\"affirm\" title=\"Ilse &lt;b&gt;Brandt&lt;/b&gt; \">Façade</mark>"
            ),
            "{html}"
        );
        // The overlapping statement is not nested.
        assert_eq!(html.matches("<mark").count(), 2);
        assert!(html.contains("&lt;i&gt;works&lt;/i&gt;"));
        assert!(html.ends_with("<mark class=\"deny\" title=\"Ilse &lt;b&gt;Brandt&lt;/b&gt; \">She denied it.</mark>"), "{html}");
        // Offsets past the end are ignored, not a panic.
        assert_eq!(
            highlighted("short", &[said(2, 90, "affirm")]).into_string(),
            "short"
        );
    }

    #[test]
    fn snippets_mark_matches_and_paths_are_encoded() {
        assert_eq!(
            snippet("the [bridge] <will> reopen [").into_string(),
            "the <mark>bridge</mark> &lt;will&gt; reopen ["
        );
        assert_eq!(encode("Ilse Brandt/ä"), "Ilse%20Brandt%2F%C3%A4");
    }
}
