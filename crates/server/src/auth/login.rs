//! Login, logout and password change, with backoff after repeated failures.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_core::Violation;
use bmahr_store::WriteMeta;
use chrono::{Duration, Utc};

use super::password::{hash_password, random_secret, secret_hash, verify_password, MIN_PASSWORD};
use super::{Actor, SESSION_COOKIE};
use crate::error::ApiError;
use crate::AppState;

/// Failures allowed before the account pauses; each further failure doubles the pause.
pub const FREE_FAILURES: i64 = 5;
/// Session lifetime.
pub const SESSION_HOURS: i64 = 8;

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    /// Send back as `X-CSRF-Token` with every change made through the session cookie.
    pub csrf_token: String,
    pub username: String,
    pub role: String,
}

fn bad_login() -> ApiError {
    ApiError::Unauthorized(Violation::new(
        "auth.failed",
        "password",
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "wrong username or password",
    ))
}

fn anonymous(username: &str) -> WriteMeta {
    WriteMeta {
        actor: format!("login:{username}"),
        at: crate::now_rfc3339(),
        reason: "เข้าสู่ระบบ / sign in".into(),
        request_ref: None,
    }
}

/// Pause after the `failures`-th failure: none for the first five, then 1, 2, 4 ... minutes,
/// at most an hour.
pub fn lock_minutes(failures: i64) -> Option<i64> {
    (failures >= FREE_FAILURES)
        .then(|| 1i64 << (failures - FREE_FAILURES).min(6))
        .map(|m| m.min(60))
}

/// A new session: the cookie to set and the CSRF token to send back with changes.
pub struct SignedIn {
    pub cookie: String,
    pub csrf: String,
    pub user: bmahr_store::UserRow,
}

/// Checks a username and password with backoff and audit, and opens a session.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<SignedIn, ApiError> {
    let store = &state.store;
    let now = Utc::now();
    let Some(u) = store.login_user(username.trim()).await? else {
        // Spend the same time as a real check so names cannot be told by timing.
        let _ = verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000");
        store
            .record_event(&anonymous(username), "login.failed", None, "unknown user")
            .await?;
        return Err(bad_login());
    };
    if let Some(until) = &u.locked_until {
        if until.as_str() > crate::now_rfc3339().as_str() {
            store
                .record_event(&anonymous(username), "login.locked", u.user.person_id, "")
                .await?;
            return Err(ApiError::TooManyRequests(Violation::new(
                "auth.locked",
                "username",
                format!("บัญชีถูกระงับชั่วคราวเนื่องจากใส่รหัสผ่านผิดหลายครั้ง ลองใหม่หลัง {until}"),
                format!("too many failed sign-ins; try again after {until}"),
            )));
        }
    }
    if !verify_password(password, &u.password_hash) {
        let failures = u.failed_logins + 1;
        let until = lock_minutes(failures).map(|m| {
            (now + Duration::minutes(m)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        });
        store.login_failed(u.user.id, until.as_deref()).await?;
        store
            .record_event(
                &anonymous(username),
                "login.failed",
                u.user.person_id,
                &format!("failure {failures}"),
            )
            .await?;
        return Err(bad_login());
    }
    store.login_succeeded(u.user.id).await?;
    let sid = random_secret("").map_err(ApiError::Internal)?;
    let csrf = random_secret("").map_err(ApiError::Internal)?;
    let expires =
        (now + Duration::hours(SESSION_HOURS)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    store
        .create_session(
            &secret_hash(&sid),
            u.user.id,
            &csrf,
            &crate::now_rfc3339(),
            &expires,
        )
        .await?;
    store
        .record_event(&anonymous(username), "login.ok", u.user.person_id, "")
        .await?;
    let cookie = format!(
        "{SESSION_COOKIE}={sid}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
        SESSION_HOURS * 3600
    );
    Ok(SignedIn {
        cookie,
        csrf,
        user: u.user,
    })
}

#[utoipa::path(post, path = "/api/v1/login", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let s = sign_in(&state, &req.username, &req.password).await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&s.cookie).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    let body = LoginResponse {
        csrf_token: s.csrf,
        username: s.user.username,
        role: s.user.role.code().into(),
    };
    Ok((headers, Json(body)).into_response())
}

#[utoipa::path(post, path = "/api/v1/logout", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let h = end_session(&state, &actor, &headers).await?;
    Ok((axum::http::StatusCode::NO_CONTENT, h).into_response())
}

/// Ends the request's session; returns the header that clears the cookie.
pub async fn end_session(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
) -> Result<HeaderMap, ApiError> {
    if let Some(sid) = super::cookie_in(headers, SESSION_COOKIE) {
        state.store.delete_session(&secret_hash(sid)).await?;
    }
    state
        .store
        .record_event(&actor.meta("ออกจากระบบ / sign out"), "logout", None, "")
        .await?;
    let mut h = HeaderMap::new();
    h.insert(
        header::SET_COOKIE,
        HeaderValue::from_static("bmahr_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    Ok(h)
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

#[utoipa::path(post, path = "/api/v1/password", request_body = PasswordChange,
    responses((status = 204), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    actor: Actor,
    Json(req): Json<PasswordChange>,
) -> Result<Response, ApiError> {
    let u = state
        .store
        .login_user(&actor.user.username)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    if !verify_password(&req.current, &u.password_hash) {
        return Err(bad_login());
    }
    if req.new.chars().count() < MIN_PASSWORD {
        return Err(ApiError::bad(Violation::new(
            "password.short",
            "new",
            format!("รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร"),
            format!("the password must be at least {MIN_PASSWORD} characters"),
        )));
    }
    let hash = hash_password(&req.new).map_err(ApiError::Internal)?;
    state
        .store
        .set_password_hash(
            actor.user.id,
            &hash,
            &actor.meta("เปลี่ยนรหัสผ่าน / password change"),
        )
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_an_hour() {
        assert_eq!(lock_minutes(4), None);
        assert_eq!(lock_minutes(5), Some(1));
        assert_eq!(lock_minutes(6), Some(2));
        assert_eq!(lock_minutes(8), Some(8));
        assert_eq!(lock_minutes(30), Some(60));
    }
}
