//! The JSON API. Lists are pages: `{items, limit, offset, next_offset}`, where `next_offset`
//! is null on the last page.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, OriginalUri, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use parallax_store::{EntityQuery, SearchOrder, SearchQuery, StatementQuery, Store as _};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::views::{self, parse_story_id};
use crate::{ApiError, AppState, pages};

/// Query parameters; a malformed one is a JSON 400 that names it.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Path parameters, with the same kind of errors.
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for P<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| P(p.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Default, Deserialize)]
pub struct Paging {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl Paging {
    fn resolve(&self) -> (usize, usize) {
        (
            self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
            self.offset.unwrap_or(0),
        )
    }
}

fn page(items: Vec<Value>, limit: usize, offset: usize) -> Json<Value> {
    let next = (items.len() == limit).then_some(offset + limit);
    Json(json!({"items": items, "limit": limit, "offset": offset, "next_offset": next}))
}

fn story_number(id: &str) -> Result<u64, ApiError> {
    parse_story_id(id).ok_or_else(|| {
        ApiError::bad_request(format!(
            "{id:?} is not a story id; story ids look like s12 (GET /api/stories lists them)"
        ))
    })
}

pub async fn list_stories(
    State(state): State<AppState>,
    Q(paging): Q<Paging>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = paging.resolve();
    let stories = state
        .read(move |s| {
            let stories = s.stories(limit, offset)?;
            stories
                .into_iter()
                .map(|story| {
                    let members = s.contested_claim_members(story.id)?;
                    Ok((story, members))
                })
                .collect::<parallax_store::Result<Vec<_>>>()
        })
        .await?;
    Ok(page(
        stories
            .iter()
            .map(|(story, members)| views::story_brief(story, views::disputes(members)))
            .collect(),
        limit,
        offset,
    ))
}

pub async fn get_story(
    State(state): State<AppState>,
    P(id): P<String>,
) -> Result<Json<Value>, ApiError> {
    let number = story_number(&id)?;
    let (story, statements, members) = story_with_statements(&state, number)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    Ok(Json(views::story_full(
        &story,
        &statements,
        views::disputes(&members),
    )))
}

/// A story, every statement in it, and its claim members, as its page and its API record
/// show them.
pub(crate) type StoryParts = (
    parallax_store::Story,
    Vec<parallax_store::StoredStatement>,
    Vec<parallax_store::StoredClaimMember>,
);

pub(crate) async fn story_with_statements(
    state: &AppState,
    number: u64,
) -> Result<Option<StoryParts>, ApiError> {
    state
        .read(move |s| {
            let Some(story) = s.story(number)? else {
                return Ok(None);
            };
            let statements = s.statements(&StatementQuery {
                story: Some(story.id),
                ..StatementQuery::default()
            })?;
            let members = s.contested_claim_members(story.id)?;
            Ok(Some((story, statements, members)))
        })
        .await
}

pub async fn list_articles(
    State(state): State<AppState>,
    Q(paging): Q<Paging>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = paging.resolve();
    let rows = state.read(move |s| s.articles(limit, offset)).await?;
    let empty = Default::default();
    Ok(page(
        rows.iter()
            .map(|(story, a)| {
                let mut v = views::article(a, &empty);
                v["story"] = json!(views::story_id(*story));
                v
            })
            .collect(),
        limit,
        offset,
    ))
}

pub async fn get_article(
    State(state): State<AppState>,
    P(id): P<String>,
) -> Result<Json<Value>, ApiError> {
    let key = id.clone();
    let article = state.read(move |s| s.article(&key)).await?;
    let article = article.ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
    Ok(Json(views::article_full(&article)))
}

/// `POST /api/articles`: the contract's input records, one JSON object a line.
pub async fn add_articles(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    if !state.authorized(&headers) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writing needs `Authorization: Bearer TOKEN`, with the token the server printed \
             at start (or PARALLAX_TOKEN)",
        ));
    }
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "the body is empty: send JSONL input records, one per line",
        ));
    }
    let Some(ingest) = state.0.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server does not accept articles",
        ));
    };
    let db = state.0.db.clone();
    let report = tokio::task::spawn_blocking(move || ingest.ingest(&db, &body))
        .await
        .map_err(|e| ApiError::internal(&format!("the ingest task failed: {e}")))?
        .map_err(|e| ApiError::internal(&format!("ingest through the API: {e}")))?;
    Ok(Json(json!(report)))
}

#[derive(Debug, Default, Deserialize)]
pub struct StatementParams {
    speaker: Option<String>,
    story: Option<String>,
    about: Option<String>,
    // Not `#[serde(flatten)] Paging`: flattened fields reach serde as strings, and the
    // numbers then fail to parse.
    limit: Option<usize>,
    offset: Option<usize>,
}

pub async fn list_statements(
    State(state): State<AppState>,
    Q(params): Q<StatementParams>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = params.paging().resolve();
    let story = params.story.as_deref().map(story_number).transpose()?;
    let query = StatementQuery {
        speaker: non_empty(params.speaker),
        story,
        about: non_empty(params.about),
        limit,
        offset,
    };
    let found = state.read(move |s| s.statements(&query)).await?;
    Ok(page(
        found.iter().map(views::stored_statement).collect(),
        limit,
        offset,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct EntityParams {
    prefix: Option<String>,
    // Not `#[serde(flatten)] Paging`: flattened fields reach serde as strings, and the
    // numbers then fail to parse.
    limit: Option<usize>,
    offset: Option<usize>,
}

pub async fn list_entities(
    State(state): State<AppState>,
    Q(params): Q<EntityParams>,
) -> Result<Json<Value>, ApiError> {
    let (limit, offset) = params.paging().resolve();
    let query = EntityQuery {
        prefix: non_empty(params.prefix),
        limit,
        offset,
    };
    let found = state.read(move |s| s.entities(&query)).await?;
    Ok(page(
        found.iter().map(views::entity).collect(),
        limit,
        offset,
    ))
}

/// Statements by and about an entity, as its page and its API record show them.
pub(crate) async fn entity_with_statements(
    state: &AppState,
    name: String,
) -> Result<Option<EntityView>, ApiError> {
    state
        .read(move |s| {
            let Some(entity) = s.entity(&name)? else {
                return Ok(None);
            };
            let by = s.statements(&StatementQuery {
                speaker: Some(entity.name.clone()),
                limit: 50,
                ..StatementQuery::default()
            })?;
            let about = s.statements(&StatementQuery {
                about: Some(entity.name.clone()),
                limit: 50,
                ..StatementQuery::default()
            })?;
            // "By" means said by this very name: the speaker filter also takes first words
            // and surnames, which would let "Maria Kovac" list "Maria Kovacs".
            let by = by
                .into_iter()
                .filter(|st| {
                    st.statement
                        .speaker
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&entity.name))
                })
                .collect();
            Ok(Some(EntityView { entity, by, about }))
        })
        .await
}

pub(crate) struct EntityView {
    pub entity: parallax_store::EntitySummary,
    pub by: Vec<parallax_store::StoredStatement>,
    pub about: Vec<parallax_store::StoredStatement>,
}

pub async fn get_entity(
    State(state): State<AppState>,
    P(name): P<String>,
) -> Result<Json<Value>, ApiError> {
    let view = entity_with_statements(&state, name.clone())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no entity named {name:?}")))?;
    let mut v = views::entity(&view.entity);
    v["statements_by"] = view.by.iter().map(views::stored_statement).collect();
    v["statements_about"] = view.about.iter().map(views::stored_statement).collect();
    Ok(Json(v))
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub outlet: Option<String>,
    pub speaker: Option<String>,
    pub entity: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl SearchParams {
    /// The store's query, or what is wrong with the parameters.
    pub fn query(&self) -> Result<SearchQuery, String> {
        let (limit, offset) = self.paging().resolve();
        let date = |name: &str, v: &Option<String>| -> Result<Option<String>, String> {
            match non_empty(v.clone()) {
                None => Ok(None),
                Some(d) if chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").is_ok() => Ok(Some(d)),
                Some(d) => Err(format!("{name}={d:?} is not a date like 2024-03-01")),
            }
        };
        let order = match self.sort.as_deref().map(str::trim) {
            None | Some("") | Some("newest") => SearchOrder::Newest,
            Some("relevance") => SearchOrder::Relevance,
            Some(other) => return Err(format!("sort={other:?}: use newest or relevance")),
        };
        Ok(SearchQuery {
            text: self.q.clone(),
            outlet: non_empty(self.outlet.clone()),
            speaker: non_empty(self.speaker.clone()),
            entity: non_empty(self.entity.clone()),
            since: date("since", &self.since)?,
            until: date("until", &self.until)?,
            order,
            limit,
            offset,
        })
    }

    pub fn is_empty(&self) -> bool {
        [
            &self.outlet,
            &self.speaker,
            &self.entity,
            &self.since,
            &self.until,
        ]
        .iter()
        .all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty()))
            && self.q.trim().is_empty()
    }
}

pub async fn search(
    State(state): State<AppState>,
    Q(params): Q<SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let query = params.query().map_err(ApiError::bad_request)?;
    let (limit, offset) = (query.limit, query.offset);
    let hits = state.read(move |s| s.search(&query)).await?;
    let empty = Default::default();
    Ok(page(
        hits.iter()
            .map(|h| {
                let mut v = views::article(&h.article, &empty);
                v["story"] = json!(views::story_id(h.story));
                v["snippet"] = json!(h.snippet);
                v
            })
            .collect(),
        limit,
        offset,
    ))
}

pub async fn stats(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let stats = state.read(|s| s.stats()).await?;
    Ok(Json(json!({
        "articles": stats.articles, "stories": stats.stories,
        "statements": stats.statements, "copies": stats.copies,
    })))
}

pub async fn openapi() -> Json<Value> {
    Json(crate::spec())
}

/// Unknown paths: JSON under `/api/`, a page elsewhere.
pub async fn not_found(OriginalUri(uri): OriginalUri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        ApiError::not_found(format!(
            "no such endpoint: {}; GET /openapi.json lists them",
            uri.path()
        ))
        .into_response()
    } else {
        pages::not_found(&format!("There is no page at {}.", uri.path()))
    }
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

macro_rules! paged {
    ($($t:ty),*) => {$(
        impl $t {
            fn paging(&self) -> Paging {
                Paging {
                    limit: self.limit,
                    offset: self.offset,
                }
            }
        }
    )*};
}
paged!(StatementParams, EntityParams, SearchParams);
