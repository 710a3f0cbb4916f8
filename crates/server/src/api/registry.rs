//! Units, the whole-BMA summary and the audit log.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_store::AuditQuery;

use super::{date_param, Paging};
use crate::auth::Actor;
use crate::download::AsFile;
use crate::error::{ApiError, ErrorBody};
use crate::sheets::{self, AuditAsked, FormatParam};
use crate::usecases::documents::printed_line;
use crate::usecases::registry::{self, AuditPage, UnitPage};
use crate::{today, AppState};

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOf {
    pub as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/units", params(AsOf, Paging),
    responses((status = 200, body = UnitPage, description = "units valid on the date"), (status = 403, body = ErrorBody)))]
pub async fn units(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<AsOf>,
    Query(paging): Query<Paging>,
) -> Result<Json<UnitPage>, ApiError> {
    let on = date_param("as_of", q.as_of.as_deref(), today())?;
    Ok(Json(registry::units(&state, &actor, on, &paging).await?))
}

#[utoipa::path(get, path = "/api/v1/summary", params(AsOf),
    responses((status = 200, description = "headcount, frame, vacancies and retirements"), (status = 403, body = ErrorBody)))]
pub async fn summary(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<AsOf>,
) -> Result<Json<bmahr_store::Summary>, ApiError> {
    let on = date_param("as_of", q.as_of.as_deref(), today())?;
    Ok(Json(registry::summary(&state, &actor, on).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    pub person_id: Option<i64>,
    pub actor: Option<String>,
    /// One kind of event, e.g. `person.view`, `order.apply`, `access.denied`.
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/audit", params(AuditParams, Paging, AsFile),
    responses((status = 200, description = "audit events, newest first; with `format`, every event found as a file", content(
            (AuditPage = "application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/pdf"))),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<AuditParams>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
) -> Result<Response, ApiError> {
    let wanted = file.wanted()?;
    let asked = AuditAsked {
        person: q.person_id.map(|p| p.to_string()).unwrap_or_default(),
        actor: q.actor.clone().unwrap_or_default(),
        action: q.action.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
    };
    let query = AuditQuery {
        person_id: q.person_id,
        actor: q.actor,
        action: q.action,
        from: q.from,
        to: q.to,
        ..Default::default()
    };
    let paging = sheets::rows_for(wanted, paging);
    let found = registry::audit(&state, &actor, query, &paging).await?;
    let Some(format) = wanted else {
        return Ok(Json(found).into_response());
    };
    let sheet = sheets::audit(&found, &asked, printed_line(&actor, today()));
    sheets::answer(format, sheet, "audit").await
}
