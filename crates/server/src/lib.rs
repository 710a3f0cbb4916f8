//! The HTTP server of bmahr. Three doors — the JSON API (`api/`), the pages (`views/`) and
//! the CLI (the `bmahr` crate) — parse input, call one function of `usecases/`, and shape its
//! answer. A use-case reads its facts once, asks core (`bmahr_core::access` and the Act's
//! rules) to decide, writes and audits. `access` turns core's refusals into audited 403s;
//! `auth/` says who is asking.

pub mod access;
pub mod api;
pub mod auth;
pub mod download;
pub mod error;
pub mod logs;
pub mod params;
pub mod sheets;
pub mod usecases;
pub mod views;

use std::future::Future;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use bmahr_store::Store;
use tokio::net::TcpListener;

/// How this deployment is set up (`bmahr serve` flags; see docs/DEPLOY.md).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The address people use, e.g. `https://hr.bangkok.go.th`. When it is https, answers
    /// carry HSTS and cookies are `Secure` (TLS ends at the reverse proxy in front).
    pub public_url: Option<String>,
    /// Central administrators and appointing authorities must sign in with a second factor.
    pub require_2fa: bool,
    /// The source address of a request is the last `X-Forwarded-For` hop (set by the reverse
    /// proxy), not the peer. Only behind a proxy that sets it: a client could forge it.
    pub trust_proxy: bool,
    /// A session unused this long has ended.
    pub session_idle: chrono::Duration,
    /// A session ends this long after sign-in, used or not.
    pub session_absolute: chrono::Duration,
    /// The emblem printed above orders (`--emblem FILE`; a neutral seal when not given).
    pub emblem: bmahr_docs::Emblem,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            public_url: None,
            require_2fa: false,
            trust_proxy: false,
            session_idle: chrono::Duration::minutes(30),
            session_absolute: chrono::Duration::hours(8),
            emblem: bmahr_docs::Emblem::default(),
        }
    }
}

impl Settings {
    /// Whether people reach bmahr over https.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
    }

    /// Attributes every cookie of ours carries.
    pub fn cookie_attrs(&self) -> &'static str {
        if self.https() {
            "HttpOnly; SameSite=Strict; Secure"
        } else {
            "HttpOnly; SameSite=Strict"
        }
    }
}

/// Everything a handler needs, built once by [`AppState::new`].
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Parts of record pages, kept per profile version (`views::parts`).
    pub parts: std::sync::Arc<views::parts::PartCache>,
    pub settings: std::sync::Arc<Settings>,
    /// The dashboard's charts by (reach, day), with when they were counted.
    pub charts: std::sync::Arc<std::sync::Mutex<ChartCache>>,
}

pub type ChartCache = std::collections::HashMap<
    (Option<i64>, bmahr_core::ThaiDate, bool),
    (
        std::time::Instant,
        std::sync::Arc<Vec<usecases::reports::ReportPart>>,
    ),
>;

impl AppState {
    pub fn new(store: Store) -> Self {
        Self::with_settings(store, Settings::default())
    }

    pub fn with_settings(store: Store, settings: Settings) -> Self {
        Self {
            store,
            parts: Default::default(),
            settings: std::sync::Arc::new(settings),
            charts: Default::default(),
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

/// The pages' Content-Security-Policy: scripts and styles only from bmahr's own files (no
/// inline script, no `eval`, no inline style), forms post only here, nothing frames a page.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// Headers every answer carries (issue 21): a strict CSP, no sniffing of content types, no
/// framing (clickjacking), no referrer leaving the site, nothing cached that a shared
/// computer's next user could read back — unless the answer set its own cache policy (the
/// stylesheet) — and, when people reach bmahr over https, HSTS.
async fn security_headers(
    State(state): State<AppState>,
    mut res: axum::response::Response,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = res.headers_mut();
    if state.settings.https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
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
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            security_headers,
        ))
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
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
