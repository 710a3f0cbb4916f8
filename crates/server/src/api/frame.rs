//! The manpower frame (positions and their holders) and the retirement list.

use axum::extract::{Query, State};
use axum::Json;
use bmahr_core::FiscalYear;

use super::{date_param, Paging};
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::params::{bool_param, forecast_by, year_be_param};
use crate::usecases::frame::{PositionItem, RetireeItem};
use crate::usecases::Listing;
use crate::{today, AppState};
use bmahr_store::Forecast;

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PositionsQuery {
    /// Unit code: its positions and those of every unit below it (default: the caller's scope).
    pub unit: Option<String>,
    /// The date of the frame (BE `30/09/2566` or CE `2023-09-30`); default today.
    pub as_of: Option<String>,
    /// `true`: only vacant positions; `false`: only filled ones; absent: both.
    pub vacant: Option<String>,
    /// Only this category (`ordinary`, `teacher`, …).
    pub category: Option<String>,
    /// Only this line of work (สายงาน), e.g. `นักทรัพยากรบุคคล`.
    pub line_of_work: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/positions", params(PositionsQuery, Paging),
    responses((status = 200, body = Listing<PositionItem>), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn positions(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PositionsQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<Listing<PositionItem>>, ApiError> {
    let on = date_param("as_of", q.as_of.as_deref(), today())?;
    let vacant = bool_param("vacant", q.vacant.as_deref())?;
    let category = match q.category.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => Some(bmahr_core::personnel::Category::parse(c).map_err(ApiError::bad)?),
    };
    let filter = crate::usecases::frame::PositionFilter {
        vacant,
        category,
        line_of_work: q.line_of_work.as_deref(),
    };
    let (_, list) =
        crate::usecases::frame::positions(&state, &actor, q.unit.as_deref(), on, filter, &paging)
            .await?;
    Ok(Json(list))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RetirementsQuery {
    /// Fiscal year in the Buddhist era (FY 2570: 1 Oct 2569 – 30 Sep 2570); default the current one.
    pub fy: Option<String>,
    /// Unit code: that unit and every unit below it (default: the caller's scope).
    pub unit: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/retirements", params(RetirementsQuery, Paging),
    responses((status = 200, body = Listing<RetireeItem>), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn retirements(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<RetirementsQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<Listing<RetireeItem>>, ApiError> {
    let now = today();
    let fy = year_be_param("fy", q.fy.as_deref(), FiscalYear::of(now).year_be())?;
    let (_, list) = crate::usecases::frame::retirements(
        &state,
        &actor,
        FiscalYear::be(fy),
        q.unit.as_deref(),
        now,
        &paging,
    )
    .await?;
    Ok(Json(list))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastQuery {
    /// First fiscal year (BE); default the current one.
    pub from_fy: Option<String>,
    /// How many fiscal years (1–10); default 5.
    pub years: Option<i32>,
    /// `agency` (default), `category`, `line_of_work` or `level`.
    pub by: Option<String>,
    /// Unit code: that unit and every unit below it (default: the caller's scope).
    pub unit: Option<String>,
}

/// Reads the `by` of a forecast, naming the field when it is wrong.
#[utoipa::path(get, path = "/api/v1/retirements/forecast", params(ForecastQuery),
    responses((status = 200, body = Object, description = "years, by, lines [{key, label_th, label_en, counts per year, total}], totals, total"), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn forecast(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ForecastQuery>,
) -> Result<Json<Forecast>, ApiError> {
    let now = today();
    let first = year_be_param(
        "from_fy",
        q.from_fy.as_deref(),
        FiscalYear::of(now).year_be(),
    )?;
    let by = forecast_by(q.by.as_deref())?;
    let (_, f) = crate::usecases::frame::forecast(
        &state,
        &actor,
        FiscalYear::be(first),
        q.years.unwrap_or(5),
        q.unit.as_deref(),
        by,
        now,
    )
    .await?;
    Ok(Json(f))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct RetirementDraftRequest {
    /// Fiscal year (BE); default the current one.
    pub fy: Option<String>,
    /// Unit code: only the agencies within it (default: the caller's scope).
    pub unit: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/retirements/draft", request_body = RetirementDraftRequest,
    responses((status = 201, body = Vec<crate::usecases::frame::RetirementDraft>, description = "one draft per agency (none for an agency that has one for the year)"),
              (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn draft_retirements(
    State(state): State<AppState>,
    actor: Actor,
    Json(r): Json<RetirementDraftRequest>,
) -> Result<
    (
        axum::http::StatusCode,
        Json<Vec<crate::usecases::frame::RetirementDraft>>,
    ),
    ApiError,
> {
    let now = today();
    let fy = year_be_param("fy", r.fy.as_deref(), FiscalYear::of(now).year_be())?;
    let drafts = crate::usecases::frame::draft_retirements(
        &state,
        &actor,
        FiscalYear::be(fy),
        r.unit.as_deref(),
        now,
    )
    .await?;
    Ok((axum::http::StatusCode::CREATED, Json(drafts)))
}

#[utoipa::path(get, path = "/api/v1/units/{code}/frames", params(("code" = String, Path)),
    responses((status = 200, body = Object, description = "the dated approvals of the frame of the unit's subtree (§14(5)): valid_from, approval_ref, positions, closed"),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn frame_versions(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<Json<Listing<bmahr_store::FrameVersion>>, ApiError> {
    let versions = crate::usecases::frame::frame_versions(&state, &actor, &code, today()).await?;
    Ok(Json(versions))
}
