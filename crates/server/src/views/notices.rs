//! The bell and the daily digest: what needs the reader's attention, by role.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use super::{chrome, error_page_for, render, Lang, PageActor};
use crate::usecases::notices;
use crate::AppState;

/// The digest page: deadlines due this week, drafts to sign, drafts sent back.
async fn digest(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    match notices::of(&state, &a).await {
        Ok(n) => {
            let items: Vec<Value> = n
                .items
                .iter()
                .map(|i| {
                    context! {
                        kind => i.kind.clone(), href => i.href.clone(),
                        title => lang.pick(&i.title_th, &i.title_en),
                        due => i.due.map(|d| super::frame::show_date(&lang, d)), overdue => i.overdue,
                    }
                })
                .collect();
            render(
                &lang,
                "notices.html",
                context! { ..chrome(&lang, &a), ..context! {
                    items, deadlines => n.deadlines, to_sign => n.to_sign, returned => n.returned, total => n.total(),
                    today => super::frame::show_date(&lang, crate::today()),
                }},
            )
        }
        Err(e) => error_page_for(&lang, &a, e),
    }
}

/// How many notices the reader has, for the bell (fetched by app.js; never cached).
async fn count(State(state): State<AppState>, PageActor(a): PageActor) -> Response {
    match notices::of(&state, &a).await {
        Ok(n) => (
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(serde_json::json!({
                "total": n.total(), "deadlines": n.deadlines, "to_sign": n.to_sign, "returned": n.returned,
            })),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(digest))
        .route("/notifications/count", get(count))
}
