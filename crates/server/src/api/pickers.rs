//! Pickers: a person, a position or a unit found while typing (doors onto
//! `usecases::pickers`). A browser's session cookie is accepted as on every GET of the API,
//! so the pages' script asks these too.

use axum::extract::{Query, State};
use axum::Json;

use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::pickers::{self, PickedPerson, PickedPosition, PickedUnit, Picks};
use crate::{today, AppState};

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PickQuery {
    /// What was typed: a name (Thai or English), a national ID or its first digits, a
    /// position number, a position title, or a unit's code or name.
    #[serde(default)]
    pub q: String,
    /// Positions only: `1` for vacant positions only.
    pub vacant: Option<String>,
    /// At most this many (1–20, default 10).
    pub limit: Option<i64>,
}

impl PickQuery {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(pickers::PICK_DEFAULT)
    }
    pub fn vacant_only(&self) -> bool {
        matches!(self.vacant.as_deref(), Some("1" | "true" | "on"))
    }
}

#[utoipa::path(get, path = "/api/v1/pick/people", params(PickQuery),
    responses((status = 200, description = "people in one's units matching the query, with unit, position, level, salary and status today; the listing is recorded (PDPA)", body = Picks<PickedPerson>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Result<Json<Picks<PickedPerson>>, ApiError> {
    Ok(Json(
        pickers::people(&state, &actor, &q.q, q.limit(), today()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/pick/positions", params(PickQuery),
    responses((status = 200, description = "positions in one's units whose number starts with the query or whose title contains it, with unit and holder today", body = Picks<PickedPosition>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn positions(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Result<Json<Picks<PickedPosition>>, ApiError> {
    Ok(Json(
        pickers::positions(&state, &actor, &q.q, q.vacant_only(), q.limit(), today()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/pick/units", params(PickQuery),
    responses((status = 200, description = "units valid today within one's units whose code or name contains the query", body = Picks<PickedUnit>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn units(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Result<Json<Picks<PickedUnit>>, ApiError> {
    Ok(Json(
        pickers::units(&state, &actor, &q.q, q.limit(), today()).await?,
    ))
}
