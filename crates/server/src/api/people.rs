//! People: search, record, history as of a date, who viewed a record (doors onto
//! `usecases::people`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{date_param, Paging};
use crate::auth::Actor;
use crate::download::AsFile;
use crate::error::{ApiError, ErrorBody};
use crate::sheets::{self, FormatParam};
use crate::usecases::documents::printed_line;
use crate::usecases::people::{self, HistoryOut, PersonOut, PersonSummary, Search, ViewsPage};
use crate::usecases::Listing;
use crate::{today, AppState};

/// One page of people.
pub type PersonPage = Listing<PersonSummary>;

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Any part of a Thai or English name, a national ID or a position number.
    pub q: String,
    /// The date to search on (BE or CE); a scoped reader sees only those in their units on
    /// it and today.
    pub as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/people", params(SearchQuery, Paging, AsFile),
    responses((status = 200, description = "one page of people; with `format`, every one found as a file", content(
            (Listing<PersonSummary> = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<SearchQuery>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let today = today();
    let wanted = file.wanted()?;
    let as_of = match q.as_of.as_deref() {
        None | Some("") => None,
        v => Some(date_param("as_of", v, today)?),
    };
    let s = Search {
        q: q.q,
        as_of,
        paging: sheets::rows_for(wanted, paging),
    };
    let list: PersonPage = people::search(&state, &actor, &s, today).await?;
    let Some(format) = wanted else {
        return Ok(Json(list).into_response());
    };
    let units = sheets::unit_names(&state).await?;
    let sheet = sheets::people(&list, &s.q, s.as_of, &units, printed_line(&actor, today));
    sheets::answer(format, sheet, "people").await
}

#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = PersonOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_person(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<PersonOut>, ApiError> {
    let today = today();
    let read = people::read_profile(&state, &actor, id, today, "", false).await?;
    Ok(Json(PersonOut::of(&read, &actor, today)))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// The date to read the register on (BE or CE); default today.
    pub as_of: Option<String>,
    /// Read the register as recorded by this instant (RFC 3339).
    pub known_at: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/people/{id}/history", params(("id" = i64, Path), HistoryQuery),
    responses((status = 200, body = HistoryOut), (status = 403, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<HistoryOut>, ApiError> {
    let today = today();
    let on = date_param("as_of", q.as_of.as_deref(), today)?;
    let out = people::history(&state, &actor, id, on, q.known_at.as_deref(), today).await?;
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/v1/people/{id}/views", params(("id" = i64, Path), Paging),
    responses((status = 200, body = ViewsPage), (status = 403, body = ErrorBody)))]
pub async fn views(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(paging): Query<Paging>,
) -> Result<Json<ViewsPage>, ApiError> {
    Ok(Json(people::views(&state, &actor, id, &paging).await?))
}
