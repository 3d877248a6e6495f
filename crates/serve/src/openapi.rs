//! One table describes every route: the router is built from it and so is the OpenAPI
//! document, so the two cannot drift apart; a test then calls each documented operation
//! through the router and checks what it answers against the document.

use axum::routing::{MethodRouter, get, post};
use serde_json::{Map, Value, json};

use crate::{AppState, api, pages};

/// A parameter of an operation.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    /// "path" or "query".
    pub location: &'static str,
    pub required: bool,
    /// "string" or "integer".
    pub kind: &'static str,
    pub doc: &'static str,
}

/// One operation: a method on a path.
#[derive(Debug)]
pub struct Op {
    pub id: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    /// What it answers with: "application/json" or "text/html".
    pub produces: &'static str,
    /// Needs the bearer token.
    pub auth: bool,
    /// The request body's media type, if it takes one.
    pub body: Option<&'static str>,
}

const fn query(name: &'static str, kind: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        location: "query",
        required: false,
        kind,
        doc,
    }
}

const fn path(name: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        location: "path",
        required: true,
        kind: "string",
        doc,
    }
}

const LIMIT: Param = query(
    "limit",
    "integer",
    "items per page (default 20, at most 200)",
);
const OFFSET: Param = query("offset", "integer", "items to pass over (default 0)");
const PAGE: Param = query("page", "integer", "page number, from 1");
const STORY: Param = path("id", "story id, as `s12` or `12`");
const ARTICLE: Param = path("id", "article id");
const ENTITY: Param = path("name", "an entity's canonical name (any letter case)");
const SEARCH: [Param; 8] = [
    query("q", "string", "words that must all occur"),
    query("outlet", "string", "only this outlet's articles"),
    query(
        "speaker",
        "string",
        "only articles where this speaker (full name, first words or surname) has a statement",
    ),
    query(
        "entity",
        "string",
        "only articles that mention this entity (canonical name)",
    ),
    query("since", "string", "published on or after this ISO date"),
    query("until", "string", "published on or before this ISO date"),
    query("sort", "string", "`newest` (default) or `relevance`"),
    LIMIT,
];

const JSON: &str = "application/json";
const HTML: &str = "text/html";

#[rustfmt::skip]
pub const OPS: &[Op] = &[
    Op { id: "listStories", method: "get", path: "/api/stories", summary: "Stories, most recently grown first", params: &[LIMIT, OFFSET], produces: JSON, auth: false, body: None },
    Op { id: "getStory", method: "get", path: "/api/stories/{id}", summary: "A story: its articles by outlet, its statements and its disputes", params: &[STORY], produces: JSON, auth: false, body: None },
    Op { id: "listArticles", method: "get", path: "/api/articles", summary: "Articles, most recently stored first", params: &[LIMIT, OFFSET], produces: JSON, auth: false, body: None },
    Op { id: "addArticles", method: "post", path: "/api/articles", summary: "Ingest input records (the contract's JSONL: one {id?, url?, outlet?, title?, published?, text? | html?} per line)", params: &[], produces: JSON, auth: true, body: Some("application/x-ndjson") },
    Op { id: "getArticle", method: "get", path: "/api/articles/{id}", summary: "An article in full: clean text, removed page chrome, provenance, entities and statements", params: &[ARTICLE], produces: JSON, auth: false, body: None },
    Op { id: "listStatements", method: "get", path: "/api/statements", summary: "Statements by a speaker, in a story, or about an entity", params: &[
        query("speaker", "string", "full name, first words or surname"),
        query("story", "string", "story id"),
        query("about", "string", "an entity's canonical name: statements that name it"),
        LIMIT, OFFSET,
    ], produces: JSON, auth: false, body: None },
    Op { id: "listEntities", method: "get", path: "/api/entities", summary: "Entities in name order", params: &[query("prefix", "string", "names that start with this"), LIMIT, OFFSET], produces: JSON, auth: false, body: None },
    Op { id: "getEntity", method: "get", path: "/api/entities/{name}", summary: "An entity with its spellings, and statements by and about it", params: &[ENTITY], produces: JSON, auth: false, body: None },
    Op { id: "search", method: "get", path: "/api/search", summary: "Full-text search with filters", params: &[
        SEARCH[0], SEARCH[1], SEARCH[2], SEARCH[3], SEARCH[4], SEARCH[5], SEARCH[6], SEARCH[7], OFFSET,
    ], produces: JSON, auth: false, body: None },
    Op { id: "stats", method: "get", path: "/api/stats", summary: "How many articles, stories, statements and copies the store holds", params: &[], produces: JSON, auth: false, body: None },
    Op { id: "openapi", method: "get", path: "/openapi.json", summary: "This document", params: &[], produces: JSON, auth: false, body: None },
    Op { id: "storiesPage", method: "get", path: "/", summary: "Web page: the story list", params: &[PAGE], produces: HTML, auth: false, body: None },
    Op { id: "storyPage", method: "get", path: "/stories/{id}", summary: "Web page: a story, its disputes with their sides facing, its outlets side by side, its statements and their timeline", params: &[STORY], produces: HTML, auth: false, body: None },
    Op { id: "articlePage", method: "get", path: "/articles/{id}", summary: "Web page: an article with its statements highlighted", params: &[ARTICLE], produces: HTML, auth: false, body: None },
    Op { id: "entityPage", method: "get", path: "/entities/{name}", summary: "Web page: an entity, its spellings, and statements by and about it", params: &[ENTITY], produces: HTML, auth: false, body: None },
    Op { id: "searchPage", method: "get", path: "/search", summary: "Web page: search", params: &[
        SEARCH[0], SEARCH[1], SEARCH[2], SEARCH[3], SEARCH[4], SEARCH[5], SEARCH[6],
    ], produces: HTML, auth: false, body: None },
];

fn handler(id: &str) -> Option<MethodRouter<AppState>> {
    Some(match id {
        "listStories" => get(api::list_stories),
        "getStory" => get(api::get_story),
        "listArticles" => get(api::list_articles),
        "addArticles" => post(api::add_articles),
        "getArticle" => get(api::get_article),
        "listStatements" => get(api::list_statements),
        "listEntities" => get(api::list_entities),
        "getEntity" => get(api::get_entity),
        "search" => get(api::search),
        "stats" => get(api::stats),
        "openapi" => get(api::openapi),
        "storiesPage" => get(pages::stories),
        "storyPage" => get(pages::story),
        "articlePage" => get(pages::article),
        "entityPage" => get(pages::entity),
        "searchPage" => get(pages::search),
        // A table entry without a handler gets no route: the test that calls every
        // documented operation then fails on its 404.
        _ => return None,
    })
}

/// The routes, one method router per path.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    let mut out: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for op in OPS {
        let Some(handler) = handler(op.id) else {
            continue;
        };
        match out.iter().position(|(p, _)| *p == op.path) {
            Some(i) => {
                let (path, existing) = out.swap_remove(i);
                out.push((path, existing.merge(handler)));
            }
            None => out.push((op.path, handler)),
        }
    }
    out
}

/// The OpenAPI 3.1 document.
pub fn spec() -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for op in OPS {
        let params: Vec<Value> = op
            .params
            .iter()
            .map(|p| {
                json!({
                    "name": p.name, "in": p.location, "required": p.required,
                    "description": p.doc, "schema": {"type": p.kind},
                })
            })
            .collect();
        let mut operation = json!({
            "operationId": op.id,
            "summary": op.summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {op.produces: {}}},
                "400": {"description": "A parameter is invalid", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "404": {"description": "Not found", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        });
        if op.auth {
            operation["security"] = json!([{"bearer": []}]);
            operation["responses"]["401"] = json!({"description": "The bearer token is missing or wrong", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}});
            operation["responses"]["413"] =
                json!({"description": "The body is larger than the server accepts"});
        }
        if let Some(media) = op.body {
            operation["requestBody"] =
                json!({"required": true, "content": {media: {"schema": {"type": "string"}}}});
        }
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| json!({}));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Parallax",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Who said what, when, through which outlet, and where sources contradict each other: stories, articles, statements and entities from a Parallax store.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}},
        },
    })
}
