//! Structured logs: every request gets an id (a sane `X-Request-Id` it came with, else a new
//! one), at `debug` a span that carries it into every line logged while it is served and a
//! line with its status and time, and the id in the answer's `X-Request-Id`. A 500 logs its cause
//! at `error` and answers with the id only (`error.rs`), never the database's text.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID: &str = "x-request-id";

tokio::task_local! {
    static CURRENT: Arc<str>;
}

/// The id of the request being served on this task, if any.
pub fn current_request_id() -> Option<Arc<str>> {
    CURRENT.try_with(Arc::clone).ok()
}

/// A process-unique id: a random prefix per process and a counter.
fn new_id() -> Arc<str> {
    static PREFIX: OnceLock<String> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = PREFIX.get_or_init(|| {
        let mut b = [0u8; 4];
        let _ = getrandom::getrandom(&mut b);
        hex::encode(b)
    });
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed)).into()
}

/// An incoming id is kept only if it is short and plain (it is echoed and logged).
fn sane(v: &HeaderValue) -> Option<Arc<str>> {
    let s = v.to_str().ok()?;
    (!s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'))
    .then(|| s.into())
}

/// The middleware: id, span, timing line, response header.
pub async fn request_span(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(sane)
        .unwrap_or_else(new_id);
    // At `debug` and below only: a span records its fields as it is made, which costs a
    // loaded server a fifth of its `/healthz` rate at the default level.
    let span = tracing::debug_span!(
        "request",
        id = %id,
        method = %req.method(),
        path = %req.uri().path()
    );
    let started = std::time::Instant::now();
    let mut res = CURRENT
        .scope(id.clone(), next.run(req).instrument(span.clone()))
        .await;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    span.in_scope(|| {
        tracing::debug!(status = res.status().as_u16(), ms, "served");
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_plain_short_ids_are_kept() {
        assert!(sane(&HeaderValue::from_static("abc-123_x.y")).is_some());
        assert!(sane(&HeaderValue::from_static("a b")).is_none());
        assert!(sane(&HeaderValue::from_str(&"a".repeat(65)).unwrap()).is_none());
        assert_ne!(new_id(), new_id());
    }
}
