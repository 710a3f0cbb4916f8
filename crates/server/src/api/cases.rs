//! Case files (§58–66), their deadline boards, the report tables and ก.พ.ค.'s list of named
//! positions. The rules are the core's; access is `access.rs`'s.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_core::FiscalYear;

use super::Paging;
use crate::auth::Actor;
use crate::download::AsFile;
use crate::error::{ApiError, ErrorBody};
use crate::params::{board_param, kind_param};
use crate::sheets::{self, FormatParam};
use crate::usecases::cases::{
    self, BoardItem, CaseItem, CaseOut, EventInput, NamedInput, OpenCase, ReportTable,
};
use crate::usecases::documents::printed_line;
use crate::AppState;

#[utoipa::path(post, path = "/api/v1/cases", request_body = OpenCase,
    responses((status = 201, body = CaseOut, description = "opened, with its first deadlines"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    actor: Actor,
    Json(input): Json<OpenCase>,
) -> Result<(StatusCode, Json<CaseOut>), ApiError> {
    let c = cases::open(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = CaseOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_case(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<CaseOut>, ApiError> {
    Ok(Json(cases::read(&state, &actor, id).await?))
}

#[utoipa::path(post, path = "/api/v1/cases/{id}/events", params(("id" = i64, Path)), request_body = EventInput,
    responses((status = 200, body = CaseOut, description = "recorded"), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the case changed meanwhile"),
        (status = 422, body = ErrorBody, description = "refused by the Act; nothing recorded")))]
pub async fn record(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(input): Json<EventInput>,
) -> Result<Json<CaseOut>, ApiError> {
    Ok(Json(cases::record(&state, &actor, id, input).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseFilter {
    /// `discipline`, `appeal`, `grievance` or `petition`.
    pub kind: Option<String>,
    /// `1` for open cases only.
    pub open: Option<String>,
}

/// A page of cases; `more` says whether another page follows.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CasePage {
    pub items: Vec<CaseItem>,
    pub page: i64,
    pub per_page: i64,
    pub more: bool,
}

#[utoipa::path(get, path = "/api/v1/cases", params(CaseFilter, Paging),
    responses((status = 200, body = CasePage, description = "the cases the actor may read, newest first")))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<CaseFilter>,
    Query(paging): Query<Paging>,
) -> Result<Json<CasePage>, ApiError> {
    let kind = kind_param(f.kind.as_deref())?;
    let open = matches!(f.open.as_deref(), Some("1" | "true"));
    let mut items = cases::list(
        &state,
        &actor,
        kind,
        open,
        paging.limit() + 1,
        paging.offset(),
    )
    .await?;
    let more = items.len() as i64 > paging.limit();
    items.truncate(paging.limit() as usize);
    Ok(Json(CasePage {
        items,
        page: paging.page(),
        per_page: paging.limit(),
        more,
    }))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardFilter {
    /// `units` (a discipline officer's units, default), `kpk` (ก.พ.ค.) or `mine` (the
    /// person's own cases).
    pub board: Option<String>,
    /// A unit code: its subtree, within the actor's scope.
    pub unit: Option<String>,
    /// `week` (due within 7 days, and overdue), `overdue`, or `all` (default).
    pub due: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/deadlines", params(BoardFilter, AsFile),
    responses((status = 200, description = "open deadlines, soonest first; with `format`, as a file", content(
            (Vec<BoardItem> = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn deadlines(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<BoardFilter>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
    let which = board_param(f.board.as_deref())?;
    let (unit, due) = (f.unit.as_deref(), f.due.as_deref());
    let items = cases::board(&state, &actor, which, unit, due).await?;
    let Some(format) = wanted else {
        return Ok(Json(items).into_response());
    };
    let today = crate::today();
    let sheet = sheets::deadlines(&items, which, unit, due, today, printed_line(&actor, today));
    sheets::answer(format, sheet, "deadlines").await
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportFilter {
    pub unit: Option<String>,
    /// Fiscal year in the Buddhist era (2400–3000); the current one by default.
    pub fy: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/reports/discipline", params(ReportFilter, AsFile),
    responses((status = 200, description = "the discipline and complaint tables of seed 002; with `format`, as a file (a worksheet per table, or one printed document)", content(
            (Vec<ReportTable> = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<ReportFilter>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
    let today = crate::today();
    let now = FiscalYear::of(today).year_be();
    let fy = FiscalYear::be(crate::params::year_be_param("fy", f.fy.as_deref(), now)?);
    let (unit, tables) = cases::report_tables(&state, &actor, f.unit.as_deref(), fy).await?;
    let Some(format) = wanted else {
        return Ok(Json(tables).into_response());
    };
    let covers = sheets::coverage(&state, &actor, unit.as_ref()).await?;
    let printed = printed_line(&actor, today);
    sheets::answer_discipline(&state, format, &tables, &covers, fy, today, printed).await
}

#[utoipa::path(get, path = "/api/v1/kpk-named",
    responses((status = 200, description = "positions whose holders are grieved against before ก.พ.ค.")))]
pub async fn named(
    State(state): State<AppState>,
    _actor: Actor,
) -> Result<Json<Vec<bmahr_store::KpkNamed>>, ApiError> {
    Ok(Json(state.store.kpk_named().await?))
}

#[utoipa::path(post, path = "/api/v1/kpk-named", request_body = NamedInput,
    responses((status = 201, description = "added"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn add_named(
    State(state): State<AppState>,
    actor: Actor,
    Json(input): Json<NamedInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = cases::add_named(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// What a creation made.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

#[utoipa::path(delete, path = "/api/v1/kpk-named/{id}", params(("id" = i64, Path)),
    responses((status = 204, description = "removed"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_named(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    cases::remove_named(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
