//! The HTTP server of bmahr. Three doors — the JSON API (`api/`), the pages (`views/`) and
//! the CLI (the `bmahr` crate) — parse input, call one function of `usecases/`, and shape its
//! answer. A use-case reads its facts once, asks core (`bmahr_core::access` and the Act's
//! rules) to decide, writes and audits. `access` turns core's refusals into audited 403s;
//! `auth/` says who is asking.

pub mod access;
pub mod api;
pub mod auth;
pub mod error;
pub mod logs;
pub mod params;
pub mod usecases;
pub mod views;

use std::future::Future;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use bmahr_store::Store;
use tokio::net::TcpListener;

/// Everything a handler needs, built once by [`AppState::new`].
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Parts of record pages, kept per profile version (`views::parts`).
    pub parts: std::sync::Arc<views::parts::PartCache>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            parts: Default::default(),
        }
    }
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// Liveness and database reachability, for load balancers and monitoring.
async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = match state.store.backend() {
        bmahr_store::Backend::Sqlite => "sqlite",
        bmahr_store::Backend::Postgres => "postgres",
    };
    match state.store.is_empty().await {
        Ok(_) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                database,
            }),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "database unavailable",
                database,
            }),
        ),
    }
}

/// Headers every answer carries (issue 21, in part): no sniffing of content types, no framing
/// (clickjacking), no referrer leaving the site, and nothing cached that a shared computer's
/// next user could read back — unless the answer set its own cache policy (the stylesheet).
/// A strict Content-Security-Policy for the pages' scripts is still to come.
async fn security_headers(mut res: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .merge(api::routes())
        .merge(views::routes())
        .fallback(views::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::middleware::from_fn(logs::request_span))
        .with_state(state)
}

/// Today in Bangkok (UTC+7), the date rules are judged on.
pub fn today() -> bmahr_core::ThaiDate {
    let now = chrono::Utc::now() + chrono::Duration::hours(7);
    bmahr_core::ThaiDate::from_naive(now.date_naive())
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// An RFC 3339 instant as Bangkok wall time with the date in the Buddhist era:
/// `2026-11-23T02:05:00Z` → `23/11/2569 09:05:00`.
pub fn bangkok_instant(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let local = t.naive_utc() + chrono::Duration::hours(7);
            format!(
                "{} {}",
                bmahr_core::ThaiDate::from_naive(local.date()),
                local.format("%H:%M:%S")
            )
        }
        Err(_) => rfc3339.to_string(),
    }
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn launch(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
