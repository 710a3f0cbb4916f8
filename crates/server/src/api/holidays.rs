//! The holiday calendar: read by anyone signed in, changed by the central administrator.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;

use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::params::year_be_param;
use crate::usecases::holidays::{self as calendar, HolidayItem};
use crate::{today, AppState};

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Calendar year in the Buddhist era, e.g. 2569; default this year.
    pub year: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct HolidayYear {
    pub year: i32,
    pub items: Vec<HolidayItem>,
}

#[utoipa::path(get, path = "/api/v1/holidays", params(YearQuery),
    responses((status = 200, body = HolidayYear), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    _actor: Actor,
    Query(q): Query<YearQuery>,
) -> Result<Json<HolidayYear>, ApiError> {
    let year = year_be_param("year", q.year.as_deref(), today().year_be())?;
    let items = calendar::of_year(&state, year).await?;
    Ok(Json(HolidayYear { year, items }))
}

/// A day to add, or to rename when it is already a holiday.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct HolidayInput {
    /// BE `13/04/2569` or CE `2026-04-13`.
    pub date: String,
    pub name_th: String,
    /// Default: the Thai name.
    #[serde(default)]
    pub name_en: String,
}

#[utoipa::path(post, path = "/api/v1/holidays", request_body = HolidayInput,
    responses((status = 200, body = HolidayItem), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    actor: Actor,
    Json(h): Json<HolidayInput>,
) -> Result<Json<HolidayItem>, ApiError> {
    let day = calendar::put(&state, &actor, &h.date, &h.name_th, &h.name_en).await?;
    let saved = calendar::of_year(&state, day.year_be())
        .await?
        .into_iter()
        .find(|x| x.date == day)
        .ok_or_else(|| ApiError::Internal("holiday not saved".into()))?;
    Ok(Json(saved))
}

#[utoipa::path(delete, path = "/api/v1/holidays/{date}", params(("date" = String, Path, description = "BE 13/04/2569 (URL-encoded) or CE 2026-04-13")),
    responses((status = 204, description = "removed"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    actor: Actor,
    Path(date): Path<String>,
) -> Result<StatusCode, ApiError> {
    calendar::delete(&state, &actor, &date).await?;
    Ok(StatusCode::NO_CONTENT)
}
