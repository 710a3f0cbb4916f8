//! Orders awaiting signature: an HR officer stores a draft (with every problem the check
//! finds), the appointing authority signs it, and the register changes on signing.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use bmahr_core::register::OrderDraft;
use bmahr_core::Violation;
use bmahr_store::{DraftRow, DraftStatus, StoreError};

use super::orders::{issuer_in_scope, parse};
use super::Paging;
use crate::access::{may_draft_orders, may_issue_for, may_read_orders, may_sign_orders};
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A draft as the API shows it: the order as drafted and what stands in its way.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DraftOut {
    pub id: i64,
    pub issuer_unit: String,
    pub number: String,
    /// `draft` (awaiting signature), `signed` or `withdrawn`.
    pub status: String,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    pub updated_at: String,
    pub order_id: Option<i64>,
    #[schema(value_type = Object)]
    pub order: serde_json::Value,
    /// Every rule the order breaks today; empty when it can be signed.
    #[schema(value_type = Vec<Object>)]
    pub problems: Vec<Violation>,
}

impl DraftOut {
    fn new(d: DraftRow, problems: Vec<Violation>) -> Self {
        DraftOut {
            id: d.id,
            issuer_unit: d.issuer_unit,
            number: d.number,
            status: d.status.code().to_string(),
            version: d.version,
            created_by: d.created_by,
            created_at: d.created_at,
            updated_by: d.updated_by,
            updated_at: d.updated_at,
            order_id: d.order_id,
            order: serde_json::from_str(&d.body).unwrap_or(serde_json::Value::Null),
            problems,
        }
    }
}

/// Every violation the order would meet if signed now (nothing is written).
pub async fn problems_of(
    state: &AppState,
    actor: &Actor,
    order: &OrderDraft,
) -> Result<Vec<Violation>, ApiError> {
    match state
        .store
        .check_order(order, &actor.meta("ตรวจร่างคำสั่ง / order check"))
        .await
    {
        Ok(_) => Ok(Vec::new()),
        Err(StoreError::Invalid(v)) => Ok(v.0),
        Err(StoreError::Conflict(v)) => Ok(vec![v]),
        Err(e) => Err(e.into()),
    }
}

/// Parses an order for storing as a draft; its issuing unit must exist and be in reach.
async fn accept(
    state: &AppState,
    actor: &Actor,
    body: serde_json::Value,
) -> Result<(OrderDraft, i64, String), ApiError> {
    let text = body.to_string();
    let order = parse(body)?;
    let Some(unit) = issuer_in_scope(state, actor, &order).await? else {
        return Err(ApiError::bad(Violation::new(
            "order.issuer_unknown",
            "issuer_unit",
            format!("ไม่พบหน่วยงานผู้ออกคำสั่ง \"{}\"", order.issuer_unit),
            format!("issuing unit \"{}\" does not exist", order.issuer_unit),
        )));
    };
    Ok((order, unit, text))
}

/// Reads a draft the actor may see.
async fn readable(state: &AppState, actor: &Actor, id: i64) -> Result<DraftRow, ApiError> {
    may_read_orders(state, actor).await?;
    let d = state.store.draft(id).await?;
    may_issue_for(state, actor, d.issuer_unit_id, &format!("draft {id}")).await?;
    Ok(d)
}

/// A draft and, while it awaits signature, its problems.
pub async fn with_problems(
    state: &AppState,
    actor: &Actor,
    d: DraftRow,
) -> Result<DraftOut, ApiError> {
    let problems = if d.status == DraftStatus::Draft {
        match serde_json::from_str::<serde_json::Value>(&d.body)
            .map_err(|e| ApiError::Internal(e.to_string()))
            .and_then(parse)
        {
            Ok(order) => problems_of(state, actor, &order).await?,
            Err(ApiError::BadRequest(v)) | Err(ApiError::Unprocessable(v)) => v.0,
            Err(e) => return Err(e),
        }
    } else {
        Vec::new()
    };
    Ok(DraftOut::new(d, problems))
}

#[utoipa::path(post, path = "/api/v1/drafts", request_body = Object,
    responses((status = 201, body = DraftOut, description = "stored, with every problem the check found"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    actor: Actor,
    Json(body): Json<serde_json::Value>,
) -> Result<(StatusCode, Json<DraftOut>), ApiError> {
    may_draft_orders(&state, &actor).await?;
    let (order, unit, text) = accept(&state, &actor, body).await?;
    let d = state
        .store
        .create_draft(
            unit,
            &order.number,
            &text,
            &actor.meta("ร่างคำสั่ง / order drafted"),
        )
        .await?;
    let problems = problems_of(&state, &actor, &order).await?;
    Ok((StatusCode::CREATED, Json(DraftOut::new(d, problems))))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct DraftUpdate {
    /// The draft version the editor saw.
    pub version: i64,
    #[schema(value_type = Object)]
    pub order: serde_json::Value,
}

#[utoipa::path(put, path = "/api/v1/drafts/{id}", params(("id" = i64, Path)), request_body = DraftUpdate,
    responses((status = 200, body = DraftOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(u): Json<DraftUpdate>,
) -> Result<Json<DraftOut>, ApiError> {
    may_draft_orders(&state, &actor).await?;
    readable(&state, &actor, id).await?;
    let (order, unit, text) = accept(&state, &actor, u.order).await?;
    let d = state
        .store
        .update_draft(
            id,
            u.version,
            unit,
            &order.number,
            &text,
            &actor.meta("แก้ไขร่างคำสั่ง / draft edited"),
        )
        .await?;
    let problems = problems_of(&state, &actor, &order).await?;
    Ok(Json(DraftOut::new(d, problems)))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DraftFilter {
    /// `draft` (default), `signed` or `withdrawn`.
    pub status: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/drafts", params(DraftFilter, Paging),
    responses((status = 200, description = "drafts issued within the actor's units, oldest first"), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<DraftFilter>,
    Query(paging): Query<Paging>,
) -> Result<Json<serde_json::Value>, ApiError> {
    may_read_orders(&state, &actor).await?;
    let status = match f.status.as_deref() {
        None | Some("") => DraftStatus::Draft,
        Some(s) => DraftStatus::parse(s).map_err(ApiError::bad)?,
    };
    let units: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let (items, total) = state
        .store
        .drafts(status, units.as_deref(), paging.limit(), paging.offset())
        .await?;
    let items: Vec<DraftOut> = items
        .into_iter()
        .map(|d| DraftOut::new(d, Vec::new()))
        .collect();
    Ok(Json(
        serde_json::json!({ "items": items, "page": paging.page.unwrap_or(1), "per_page": paging.limit(), "total": total }),
    ))
}

#[utoipa::path(get, path = "/api/v1/drafts/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = DraftOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_draft(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<DraftOut>, ApiError> {
    let d = readable(&state, &actor, id).await?;
    Ok(Json(with_problems(&state, &actor, d).await?))
}

/// What the signer completes or confirms when signing.
#[derive(serde::Deserialize, utoipa::ToSchema, Default)]
pub struct Signature {
    /// The draft version the signer read.
    pub version: i64,
    pub number: Option<String>,
    /// Defaults to the drafted date.
    pub signed_on: Option<String>,
    pub signed_by: Option<String>,
    pub authority: Option<String>,
    /// The office signing (`governor`, `permanent_secretary`, `agency_head`, …; §52–54).
    pub signing_authority: Option<String>,
}

/// The drafted order with the signer's part filled in.
pub fn completed(body: &str, s: &Signature) -> Result<(OrderDraft, String), ApiError> {
    let mut v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    if let Some(obj) = v.as_object_mut() {
        for (k, val) in [
            ("number", &s.number),
            ("signed_on", &s.signed_on),
            ("signed_by", &s.signed_by),
            ("authority", &s.authority),
            ("signing_authority", &s.signing_authority),
        ] {
            if let Some(val) = val.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
                obj.insert(k.into(), serde_json::Value::String(val.into()));
            }
        }
    }
    let text = v.to_string();
    Ok((parse(v)?, text))
}

/// Signs a stored draft as the actor; the register changes in the same transaction.
pub async fn sign_as(
    state: &AppState,
    actor: &Actor,
    id: i64,
    s: &Signature,
) -> Result<bmahr_store::AppliedOrder, ApiError> {
    may_sign_orders(state, actor).await?;
    let d = readable(state, actor, id).await?;
    let (order, text) = completed(&d.body, s)?;
    // The issuer may not be moved out of the signer's reach at signing.
    issuer_in_scope(state, actor, &order).await?;
    crate::access::may_sign_as(state, actor, &order).await?;
    Ok(state
        .store
        .sign_draft(
            id,
            s.version,
            &order,
            &text,
            &actor.meta(&format!("ลงนามคำสั่ง {} / order signed", order.number)),
        )
        .await?)
}

#[utoipa::path(post, path = "/api/v1/drafts/{id}/sign", params(("id" = i64, Path)), request_body = Signature,
    responses((status = 201, description = "signed; the register changed"), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn sign(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(s): Json<Signature>,
) -> Result<(StatusCode, Json<bmahr_store::AppliedOrder>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(sign_as(&state, &actor, id, &s).await?),
    ))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
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
    may_draft_orders(&state, &actor).await?;
    readable(&state, &actor, id).await?;
    let d = state
        .store
        .withdraw_draft(id, w.version, &actor.meta("ถอนร่างคำสั่ง / draft withdrawn"))
        .await?;
    Ok(Json(DraftOut::new(d, Vec::new())))
}
