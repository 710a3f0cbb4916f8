//! Orders awaiting signature (doors onto `usecases::orders`): an HR officer stores a draft
//! (with every problem the check finds), the appointing authority signs it, and the register
//! changes on signing.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use bmahr_store::DraftStatus;

use super::Paging;
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::orders::{self as uc};
pub use crate::usecases::orders::{DraftOut, NamedPerson, Signature, Signed};
use crate::usecases::Listing;
use crate::{today, AppState};

#[utoipa::path(post, path = "/api/v1/drafts", request_body(content = bmahr_core::register::OrderDraft, description = "an order (see docs/ORDERS.md); stored as written, with every problem it has"),
    responses((status = 201, body = DraftOut, description = "stored, with every problem the check found"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    Json(body): Json<serde_json::Map<String, serde_json::Value>>,
) -> Result<(StatusCode, Json<DraftOut>), ApiError> {
    let d = uc::create_draft(&state, &actor, body.into(), today()).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// A new version of a draft's order.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftUpdate {
    /// The draft version the editor saw.
    pub version: i64,
    /// The order as now drafted, stored as written.
    #[schema(value_type = bmahr_core::register::OrderDraft)]
    pub order: serde_json::Map<String, serde_json::Value>,
}

#[utoipa::path(put, path = "/api/v1/drafts/{id}", params(("id" = i64, Path)), request_body = DraftUpdate,
    responses((status = 200, body = DraftOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(u): Json<DraftUpdate>,
) -> Result<Json<DraftOut>, ApiError> {
    let d = uc::update_draft(&state, &actor, id, u.version, u.order.into(), today()).await?;
    Ok(Json(d))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DraftFilter {
    /// `draft` (default), `signed` or `withdrawn`.
    pub status: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/drafts", params(DraftFilter, Paging),
    responses((status = 200, body = Listing<DraftOut>, description = "drafts issued within the actor's units, oldest first"), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<DraftFilter>,
    Query(paging): Query<Paging>,
) -> Result<Json<Listing<DraftOut>>, ApiError> {
    let status = match f.status.as_deref() {
        None | Some("") => DraftStatus::Draft,
        Some(s) => DraftStatus::parse(s).map_err(|v| ApiError::bad(v.on_field("status")))?,
    };
    Ok(Json(
        uc::list_drafts(&state, &actor, status, &paging).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/drafts/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = DraftOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_draft(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<DraftOut>, ApiError> {
    Ok(Json(uc::read_draft(&state, &actor, id, today()).await?))
}

#[utoipa::path(post, path = "/api/v1/drafts/{id}/sign", params(("id" = i64, Path)), request_body = Signature,
    responses((status = 201, body = Signed, description = "signed; the register changed"), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn sign(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(s): Json<Signature>,
) -> Result<(StatusCode, Json<Signed>), ApiError> {
    let done = uc::sign_draft(&state, &actor, id, &s, today()).await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// Withdrawing a draft, at the version the drafter saw.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    pub version: i64,
}

#[utoipa::path(post, path = "/api/v1/drafts/{id}/withdraw", params(("id" = i64, Path)), request_body = Withdrawal,
    responses((status = 200, body = DraftOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(w): Json<Withdrawal>,
) -> Result<Json<DraftOut>, ApiError> {
    Ok(Json(
        uc::withdraw_draft(&state, &actor, id, w.version).await?,
    ))
}

/// The signer's note sending a draft back.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// The draft version the signer read.
    pub version: i64,
    /// What the drafter is to correct (required).
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/drafts/{id}/return", params(("id" = i64, Path)), request_body = Return,
    responses((status = 200, body = DraftOut, description = "sent back: still open, with the note"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn return_draft(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(r): Json<Return>,
) -> Result<Json<DraftOut>, ApiError> {
    Ok(Json(
        uc::return_draft(&state, &actor, id, r.version, &r.note).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/drafts/{id}/versions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<uc::VersionOut>, description = "every state of the draft, oldest first"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<Vec<uc::VersionOut>>, ApiError> {
    Ok(Json(uc::draft_versions(&state, &actor, id).await?))
}

#[utoipa::path(get, path = "/api/v1/drafts/{id}/changes", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<uc::ActionChange>, description = "old → new for each action of the draft"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn changes(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<Vec<uc::ActionChange>>, ApiError> {
    let d = uc::read_draft(&state, &actor, id, today()).await?;
    Ok(Json(uc::changes(&state, &actor, &d.order, today()).await?))
}

#[utoipa::path(get, path = "/api/v1/notifications",
    responses((status = 200, body = crate::usecases::notices::Notices, description = "deadlines due this week, drafts awaiting one's signature, drafts returned for correction")))]
pub async fn notifications(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<crate::usecases::notices::Notices>, ApiError> {
    Ok(Json(crate::usecases::notices::of(&state, &actor).await?))
}
