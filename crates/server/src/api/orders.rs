//! Orders: check a draft (every violation, nothing written), sign and apply, read.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use bmahr_core::register::OrderDraft;
use bmahr_core::role::Role;

use crate::access::refuse;
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::{today, AppState};

/// The issuing unit must be within the actor's reach.
async fn issuer_in_scope(
    state: &AppState,
    actor: &Actor,
    draft: &OrderDraft,
) -> Result<(), ApiError> {
    let Some(scope) = &actor.scope else {
        return Ok(());
    };
    let unit = state
        .store
        .unit_by_code(&draft.issuer_unit, draft.signed_on)
        .await;
    match unit {
        Ok(u) if scope.contains(&u.id) => Ok(()),
        // An unknown issuer is reported by the check with the other violations.
        Err(bmahr_store::StoreError::NotFound(_)) => Ok(()),
        _ => {
            refuse(
                state,
                actor,
                None,
                &format!("order issuer {}", draft.issuer_unit),
            )
            .await
        }
    }
}

fn parse(body: serde_json::Value) -> Result<OrderDraft, ApiError> {
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
    if matches!(
        actor.role(),
        Role::Employee | Role::Supervisor | Role::Auditor
    ) {
        return refuse(&state, &actor, None, "orders").await;
    }
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
    // Signing is for the appointing authority (within its units) and the Office.
    if !matches!(actor.role(), Role::AppointingAuthority | Role::CentralAdmin) {
        return refuse(&state, &actor, None, "order signature").await;
    }
    let draft = parse(body)?;
    issuer_in_scope(&state, &actor, &draft).await?;
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
    let o = state.store.order(id).await?;
    let allowed = match &actor.scope {
        None => true,
        Some(scope) => actor.role() != Role::Employee && scope.contains(&o.issuer_unit_id),
    };
    if !allowed {
        return refuse(&state, &actor, None, &format!("order {id}")).await;
    }
    Ok(Json(o))
}
