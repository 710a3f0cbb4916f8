//! Orders: check a draft (every violation, nothing written), sign and apply, read.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use bmahr_core::register::OrderDraft;

use crate::access::{
    may_draft_orders, may_issue_for, may_order_on, may_read_orders, may_sign_as, may_sign_orders,
};
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::{today, AppState};

/// The issuing unit, and every person and position the order names, must be within the
/// actor's reach; an unknown issuer is reported by the check with the other violations.
pub(crate) async fn issuer_in_scope(
    state: &AppState,
    actor: &Actor,
    draft: &OrderDraft,
) -> Result<Option<i64>, ApiError> {
    let issuer = match state
        .store
        .unit_by_code(&draft.issuer_unit, draft.signed_on)
        .await
    {
        Ok(u) => {
            let what = format!("order issuer {}", draft.issuer_unit);
            may_issue_for(state, actor, u.id, &what).await?;
            Some(u.id)
        }
        Err(bmahr_store::StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    may_order_on(state, actor, draft).await?;
    Ok(issuer)
}

pub(crate) fn parse(body: serde_json::Value) -> Result<OrderDraft, ApiError> {
    serde_json::from_value(body).map_err(|e| {
        ApiError::bad(bmahr_core::Violation::new(
            "order.malformed",
            "body",
            format!("รูปแบบคำสั่งไม่ถูกต้อง: {e}"),
            format!("malformed order: {e}"),
        ))
    })
}

#[utoipa::path(post, path = "/api/v1/orders/check", request_body = Object,
    responses((status = 200, description = "the order would apply; what it would do"), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn check(
    State(state): State<AppState>,
    actor: Actor,
    Json(body): Json<serde_json::Value>,
) -> Result<Json<serde_json::Value>, ApiError> {
    may_draft_orders(&state, &actor).await?;
    let draft = parse(body)?;
    issuer_in_scope(&state, &actor, &draft).await?;
    let preview = state
        .store
        .check_order(&draft, &actor.meta("ตรวจร่างคำสั่ง / order check"))
        .await?;
    Ok(Json(
        serde_json::json!({ "ok": true, "actions": preview.actions, "voids": preview.voided, "as_of": today() }),
    ))
}

#[utoipa::path(post, path = "/api/v1/orders", request_body = Object,
    responses((status = 201, description = "signed and applied"), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn sign(
    State(state): State<AppState>,
    actor: Actor,
    Json(body): Json<serde_json::Value>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    may_sign_orders(&state, &actor).await?;
    let draft = parse(body)?;
    issuer_in_scope(&state, &actor, &draft).await?;
    may_sign_as(&state, &actor, &draft).await?;
    let done = state
        .store
        .apply_order(
            &draft,
            &actor.meta(&format!("ลงนามคำสั่ง {} / order signed", draft.number)),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(done).map_err(|e| ApiError::Internal(e.to_string()))?),
    ))
}

#[utoipa::path(get, path = "/api/v1/orders/{id}", params(("id" = i64, Path)),
    responses((status = 200, description = "the order and its actions"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_order(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<bmahr_store::OrderRecord>, ApiError> {
    may_read_orders(&state, &actor).await?;
    let o = state.store.order(id).await?;
    may_issue_for(&state, &actor, o.issuer_unit_id, &format!("order {id}")).await?;
    Ok(Json(o))
}
