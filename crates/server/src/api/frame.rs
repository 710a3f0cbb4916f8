//! The manpower frame (positions and their holders) and the retirement list.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_core::FiscalYear;

use super::{date_param, Paging};
use crate::auth::Actor;
use crate::download::AsFile;
use crate::error::{ApiError, ErrorBody};
use crate::params::{bool_param, forecast_by, year_be_param};
use crate::sheets::{self, FormatParam};
use crate::usecases::documents::printed_line;
use crate::usecases::frame::{PositionItem, RetireeItem};
use crate::usecases::Listing;
use crate::{today, AppState};

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

#[utoipa::path(get, path = "/api/v1/positions", params(PositionsQuery, Paging, AsFile),
    responses((status = 200, description = "one page of positions; with `format`, all of them as a file", content(
            (Listing<PositionItem> = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn positions(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PositionsQuery>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
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
        ..Default::default()
    };
    let paging = sheets::rows_for(wanted, paging);
    let (unit, list) =
        crate::usecases::frame::positions(&state, &actor, q.unit.as_deref(), on, filter, &paging)
            .await?;
    let Some(format) = wanted else {
        return Ok(Json(list).into_response());
    };
    let covers = sheets::coverage(&state, &actor, unit.as_ref()).await?;
    let sheet = sheets::positions(&list, &covers, on, filter, printed_line(&actor, today()));
    let name = format!("positions-{}", unit.map(|u| u.code).unwrap_or_default());
    sheets::answer(format, sheet, &name).await
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RetirementsQuery {
    /// Fiscal year in the Buddhist era (FY 2570: 1 Oct 2569 – 30 Sep 2570); default the current one.
    pub fy: Option<String>,
    /// Unit code: that unit and every unit below it (default: the caller's scope).
    pub unit: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/retirements", params(RetirementsQuery, Paging, AsFile),
    responses((status = 200, description = "one page of those retiring; with `format`, all of them as a file", content(
            (Listing<RetireeItem> = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn retirements(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<RetirementsQuery>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
    let now = today();
    let fy = FiscalYear::be(year_be_param(
        "fy",
        q.fy.as_deref(),
        FiscalYear::of(now).year_be(),
    )?);
    let paging = sheets::rows_for(wanted, paging);
    let (unit, list) = crate::usecases::frame::retirements(
        &state,
        &actor,
        fy,
        q.unit.as_deref(),
        now,
        Default::default(),
        &paging,
    )
    .await?;
    let Some(format) = wanted else {
        return Ok(Json(list).into_response());
    };
    let covers = sheets::coverage(&state, &actor, unit.as_ref()).await?;
    let sheet = sheets::retirements(&list, &covers, fy, printed_line(&actor, now));
    sheets::answer(format, sheet, &format!("retirements-{}", fy.year_be())).await
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

/// Who retires in the coming fiscal years, by one dimension; with `format`, the table as a file.
#[utoipa::path(get, path = "/api/v1/retirements/forecast", params(ForecastQuery, AsFile),
    responses((status = 200, description = "years, by, lines [{key, label_th, label_en, counts per year, total}], totals, total; with `format`, the table as a file", content(
            (Object = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn forecast(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ForecastQuery>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
    let now = today();
    let first = year_be_param(
        "from_fy",
        q.from_fy.as_deref(),
        FiscalYear::of(now).year_be(),
    )?;
    let by = forecast_by(q.by.as_deref())?;
    let (unit, f) = crate::usecases::frame::forecast(
        &state,
        &actor,
        FiscalYear::be(first),
        q.years.unwrap_or(5),
        q.unit.as_deref(),
        by,
        now,
    )
    .await?;
    let Some(format) = wanted else {
        return Ok(Json(f).into_response());
    };
    let covers = sheets::coverage(&state, &actor, unit.as_ref()).await?;
    let sheet = sheets::forecast(&f, by, &covers, now, printed_line(&actor, now));
    sheets::answer(format, sheet, &format!("forecast-{first}")).await
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
