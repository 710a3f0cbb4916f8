//! The manpower frame (positions and their holders) and the retirement list.

use axum::extract::{Query, State};
use axum::Json;
use bmahr_core::FiscalYear;

use super::params::{bool_param, year_be_param};
use super::{date_param, Paging};
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::frame::{Listing, PositionItem, RetireeItem};
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
    let (_, list) =
        crate::frame::positions(&state, &actor, q.unit.as_deref(), on, vacant, &paging).await?;
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
    let (_, list) = crate::frame::retirements(
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
