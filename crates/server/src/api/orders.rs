//! Orders: check a draft (every violation, nothing written), sign and apply, read (doors
//! onto `usecases::orders`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use bmahr_core::register::OrderDraft;
use bmahr_store::OrderRecord;

use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::orders::{self, CheckOut, Signed};
use crate::{today, AppState};

#[utoipa::path(post, path = "/api/v1/orders/check", request_body(content = OrderDraft, description = "an order (see docs/ORDERS.md)"),
    responses((status = 200, body = CheckOut), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn check(
    State(state): State<AppState>,
    actor: Actor,
    Json(order): Json<OrderDraft>,
) -> Result<Json<CheckOut>, ApiError> {
    Ok(Json(orders::check(&state, &actor, &order, today()).await?))
}

#[utoipa::path(post, path = "/api/v1/orders", request_body(content = OrderDraft, description = "an order (see docs/ORDERS.md)"),
    responses((status = 201, body = Signed, description = "signed and applied"), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn sign(
    State(state): State<AppState>,
    actor: Actor,
    Json(order): Json<OrderDraft>,
) -> Result<(StatusCode, Json<Signed>), ApiError> {
    let done = orders::sign(&state, &actor, &order, today()).await?;
    Ok((StatusCode::CREATED, Json(done)))
}

#[utoipa::path(get, path = "/api/v1/orders/{id}", params(("id" = i64, Path)),
    responses((status = 200, description = "the order and its actions"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_order(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<OrderRecord>, ApiError> {
    Ok(Json(orders::read(&state, &actor, id).await?))
}

#[utoipa::path(get, path = "/api/v1/orders", params(orders::OrderListParams, crate::usecases::Paging),
    responses((status = 200, body = Object, description = "signed orders issued within the actor's units, a page (items, page, per_page, total)"),
        (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_orders(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Query(p): axum::extract::Query<orders::OrderListParams>,
    axum::extract::Query(paging): axum::extract::Query<crate::usecases::Paging>,
) -> Result<Json<crate::usecases::Listing<bmahr_store::OrderLine>>, ApiError> {
    let f = orders::order_filter(&state, &actor, &p, today()).await?;
    Ok(Json(
        orders::list_orders(&state, &actor, &f, &paging).await?,
    ))
}
