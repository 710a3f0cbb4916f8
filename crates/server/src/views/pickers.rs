//! The pages' pickers: `/pick/people`, `/pick/positions`, `/pick/units` answer the pages'
//! script (`app.js`, fields marked `data-pick`) with the same JSON as `/api/v1/pick/*`, for
//! a signed-in browser. Without script a picker field is a text input that the form's
//! handler resolves with `usecases::pickers::resolve_*`.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::api::pickers::PickQuery;
use crate::auth::Actor;
use crate::usecases::pickers;
use crate::{today, AppState};

async fn people(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Response {
    match pickers::people(&state, &actor, &q.q, q.limit(), today()).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn positions(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Response {
    let on = today();
    match pickers::positions(&state, &actor, &q.q, q.vacant_only(), q.limit(), on).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn units(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PickQuery>,
) -> Response {
    match pickers::units(&state, &actor, &q.q, q.limit(), today()).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => e.into_response(),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pick/people", get(people))
        .route("/pick/positions", get(positions))
        .route("/pick/units", get(units))
}
