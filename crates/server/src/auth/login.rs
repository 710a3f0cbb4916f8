//! Sign-in (password, then a TOTP code or recovery code when the account has one), with
//! failed attempts counted before they are checked ([`super::throttle`]); sign-out and
//! password change.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_core::Violation;
use bmahr_store::{NewSession, Reservation, WriteMeta};
use chrono::{Duration, Utc};

use super::password::{random_secret, secret_hash, verify_password};
use super::throttle::{self, rfc3339};
use super::{second_factor, Actor, DEVICE_COOKIE, SESSION_COOKIE};
use crate::error::ApiError;
use crate::AppState;

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    /// The six-digit code of the authenticator app, or a recovery code, when the account
    /// signs in with a second factor.
    #[serde(default)]
    pub otp: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    /// Send back as `X-CSRF-Token` with every change made through the session cookie.
    pub csrf_token: String,
    pub username: String,
    pub role: String,
    /// The account must turn on a second factor before anything else (`--require-2fa`).
    pub must_enrol_2fa: bool,
    /// The password was set by an administrator: the account must choose its own
    /// (`POST /api/v1/password`) before anything else.
    pub must_change_password: bool,
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
        actor: format!("login:{}", username.chars().take(64).collect::<String>()),
        at: crate::now_rfc3339(),
        reason: "เข้าสู่ระบบ / sign in".into(),
        request_ref: None,
    }
}

/// An argon2id hash of nothing anyone knows, checked for unknown accounts so that they take
/// as long to refuse as a wrong password does.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000";

/// What a sign-in attempt brings.
pub struct Attempt<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub otp: Option<&'a str>,
    /// Where it came from ([`throttle::source`]).
    pub source: String,
    /// The browser's device cookie, if it has one.
    pub device: Option<&'a str>,
    pub agent: Option<&'a str>,
}

/// A new session: the cookies to set and the CSRF token to send back with changes.
pub struct SignedIn {
    pub cookies: Vec<String>,
    pub csrf: String,
    pub user: bmahr_store::UserRow,
    pub must_enrol_2fa: bool,
}

/// Checks a sign-in: the attempt is counted first (a paused key refuses it unchecked), then
/// the password, then the second factor; a session opens only when all pass. Every outcome
/// is audited.
pub async fn sign_in(state: &AppState, a: Attempt<'_>) -> Result<SignedIn, ApiError> {
    let store = &state.store;
    let now = Utc::now();
    let name = a.username.trim();
    let meta = anonymous(name);
    let found = store.login_user(name).await?;
    let device = match (&found, a.device) {
        (Some(u), Some(d)) => {
            let since = rfc3339(now - Duration::days(throttle::DEVICE_DAYS));
            let hash = secret_hash(d);
            store
                .is_known_device(&hash, u.user.id, &since)
                .await?
                .then_some(hash)
        }
        _ => None,
    };
    let keys = throttle::keys(name, &a.source, device.as_deref());
    let reserved = charge(state, &keys, now).await?;
    if let Reservation::Paused { until } = reserved {
        // Tallied per name and second: a guesser hammering a paused key fills no log.
        store.tally_event(&meta, "login.paused")?;
        return Err(paused(&until));
    }
    let person = found.as_ref().and_then(|u| u.user.person_id);
    let known = found.is_some();
    let Some(u) = found.filter(|u| verify_password(a.password, &u.password_hash)) else {
        if !known {
            let _ = verify_password(a.password, DECOY_HASH);
        }
        store
            .record_event(&meta, "login.failed", person, &format!("from {}", a.source))
            .await?;
        return Err(bad_login());
    };
    // A disabled account is told so only after its password: the refusal reveals nothing
    // to a guesser.
    if u.disabled {
        store
            .record_event(
                &meta,
                "login.failed",
                person,
                &format!("disabled account, from {}", a.source),
            )
            .await?;
        return Err(ApiError::Unauthorized(Violation::new(
            "auth.disabled",
            "username",
            "บัญชีนี้ถูกระงับการใช้งาน ติดต่อสำนักงาน ก.ก. เพื่อเปิดใช้อีกครั้ง",
            "this account is disabled; ask the Office of the BMA Civil Service Commission to enable it",
        )));
    }
    if let Some(secret) = &u.totp_secret {
        second_step(state, &u, secret, a.otp, &meta, now).await?;
    }
    settle(state, &keys).await?;
    let sid = random_secret("").map_err(ApiError::Internal)?;
    let csrf = random_secret("").map_err(ApiError::Internal)?;
    let handle = random_secret("").map_err(ApiError::Internal)?[..16].to_string();
    let absolute = state.settings.session_absolute;
    let agent: Option<String> = a.agent.map(|s| s.chars().take(200).collect());
    store
        .create_session(&NewSession {
            id_hash: &secret_hash(&sid),
            handle: &handle,
            user_id: u.user.id,
            csrf: &csrf,
            now: &rfc3339(now),
            expires: &rfc3339(now + absolute),
            address: Some(&a.source),
            agent: agent.as_deref(),
        })
        .await?;
    store
        .record_event(
            &meta,
            "login.ok",
            u.user.person_id,
            &format!("from {}", a.source),
        )
        .await?;
    let attrs = state.settings.cookie_attrs();
    let mut cookies = vec![format!(
        "{SESSION_COOKIE}={sid}; {attrs}; Path=/; Max-Age={}",
        absolute.num_seconds()
    )];
    if device.is_none() {
        let device = random_secret("").map_err(ApiError::Internal)?;
        store
            .remember_device(&secret_hash(&device), u.user.id, &rfc3339(now))
            .await?;
        cookies.push(format!(
            "{DEVICE_COOKIE}={device}; {attrs}; Path=/; Max-Age={}",
            throttle::DEVICE_DAYS * 86_400
        ));
    }
    let must_enrol_2fa = super::must_enrol(state, &u.user);
    Ok(SignedIn {
        cookies,
        csrf,
        user: u.user,
        must_enrol_2fa,
    })
}

/// Counts an attempt against its keys before anything is checked (see [`throttle`]).
async fn charge(
    state: &AppState,
    keys: &[bmahr_store::ThrottleKey],
    now: chrono::DateTime<Utc>,
) -> Result<Reservation, ApiError> {
    let store = &state.store;
    if rand_byte() < 4 {
        store
            .prune_login_keys(&rfc3339(now - Duration::days(1)), &rfc3339(now))
            .await?;
    }
    Ok(store
        .reserve_login_attempt(
            keys,
            &rfc3339(now),
            &rfc3339(now - throttle::WINDOW),
            throttle::pause_until(now),
        )
        .await?)
}

/// After a success: the keys charged are cleared, but the address's count only takes this
/// attempt back (an office behind one address is not a failure of it).
async fn settle(state: &AppState, keys: &[bmahr_store::ThrottleKey]) -> Result<(), ApiError> {
    let store = &state.store;
    let mut clear = Vec::new();
    for k in keys {
        if k.key.starts_with("src:") {
            store.forgive_login_attempt(&k.key).await?;
        } else {
            clear.push(k.key.as_str());
        }
    }
    Ok(store.clear_login_keys(&clear).await?)
}

fn paused(until: &str) -> ApiError {
    let at = crate::bangkok_instant(until);
    ApiError::TooManyRequests(Violation::new(
        "auth.paused",
        "username",
        format!("ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้ง กรุณาลองใหม่หลัง {at}"),
        format!("too many failed sign-ins; try again after {at}"),
    ))
}

/// Asks a signed-in person for their password again before a sensitive change (a new
/// password, a second factor set up or turned off: ASVS 3.7.1), counted and audited as a
/// sign-in is, so a stolen session is no password oracle. With `otp`, the second factor
/// too, when the account has one.
pub async fn reauthenticate(
    state: &AppState,
    actor: &Actor,
    source: &str,
    password: &str,
    otp: Option<Option<&str>>,
) -> Result<(), ApiError> {
    let store = &state.store;
    let now = Utc::now();
    let name = actor.user.username.as_str();
    let meta = actor.meta("ยืนยันตัวตนอีกครั้ง / re-authentication");
    let keys = throttle::keys(name, source, None);
    if let Reservation::Paused { until } = charge(state, &keys, now).await? {
        store.tally_event(&meta, "reauth.paused")?;
        return Err(paused(&until));
    }
    let u = store
        .login_user(name)
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    if !verify_password(password, &u.password_hash) {
        store
            .record_event(&meta, "reauth.failed", None, &format!("from {source}"))
            .await?;
        return Err(bad_login());
    }
    if let (Some(otp), Some(secret)) = (otp, &u.totp_secret) {
        second_step(state, &u, secret, otp, &meta, now).await?;
    }
    settle(state, &keys).await
}

/// The second step: a current TOTP code (each time step once) or an unspent recovery code.
async fn second_step(
    state: &AppState,
    u: &bmahr_store::LoginUser,
    secret: &str,
    otp: Option<&str>,
    meta: &WriteMeta,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    let store = &state.store;
    let person = u.user.person_id;
    let Some(typed) = otp.map(str::trim).filter(|s| !s.is_empty()) else {
        store
            .record_event(meta, "login.otp_required", person, "")
            .await?;
        return Err(ApiError::Unauthorized(Violation::new(
            "auth.otp_required",
            "otp",
            "กรุณากรอกรหัส 6 หลักจากแอปยืนยันตัวตน (หรือรหัสกู้คืน)",
            "enter the six-digit code from your authenticator app (or a recovery code)",
        )));
    };
    let accepted = if second_factor::is_recovery_code(typed) {
        let hash = second_factor::recovery_hash(typed);
        let spent = store
            .spend_recovery_code(u.user.id, &hash, &rfc3339(now))
            .await?;
        if spent {
            store
                .record_event(meta, "login.recovery_code", person, "")
                .await?;
        }
        spent
    } else {
        match second_factor::matching_step(secret, typed, now.timestamp()) {
            Some(step) => store.accept_totp_step(u.user.id, step).await?,
            None => false,
        }
    };
    if accepted {
        return Ok(());
    }
    store
        .record_event(meta, "login.otp_failed", person, "")
        .await?;
    Err(ApiError::Unauthorized(Violation::new(
        "auth.otp_failed",
        "otp",
        "รหัสยืนยันไม่ถูกต้อง หมดอายุ หรือใช้ไปแล้ว",
        "the code is wrong, expired or already used",
    )))
}

fn rand_byte() -> u8 {
    let mut b = [0u8; 1];
    let _ = getrandom::getrandom(&mut b);
    b[0]
}

/// The attempt a request carries: its source, device cookie and browser.
pub fn attempt<'a>(
    state: &AppState,
    headers: &'a HeaderMap,
    extensions: &axum::http::Extensions,
    username: &'a str,
    password: &'a str,
    otp: Option<&'a str>,
) -> Attempt<'a> {
    Attempt {
        username,
        password,
        otp,
        source: throttle::source(headers, extensions, &state.settings),
        device: super::cookie_in(headers, DEVICE_COOKIE),
        agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok()),
    }
}

/// The cookies of a sign-in as response headers.
pub fn cookie_headers(cookies: &[String]) -> Result<HeaderMap, ApiError> {
    let mut headers = HeaderMap::new();
    for c in cookies {
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_str(c).map_err(|e| ApiError::Internal(e.to_string()))?,
        );
    }
    Ok(headers)
}

#[utoipa::path(post, path = "/api/v1/login", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let attempt = attempt(
        &state,
        &headers,
        &extensions,
        &req.username,
        &req.password,
        req.otp.as_deref(),
    );
    let s = sign_in(&state, attempt).await?;
    let body = LoginResponse {
        csrf_token: s.csrf,
        username: s.user.username,
        role: s.user.role.code().into(),
        must_enrol_2fa: s.must_enrol_2fa,
        must_change_password: s.user.password_temporary,
    };
    Ok((cookie_headers(&s.cookies)?, Json(body)).into_response())
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
    cookie_headers(&[format!(
        "{SESSION_COOKIE}=; {}; Path=/; Max-Age=0",
        state.settings.cookie_attrs()
    )])
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
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Json(req): Json<PasswordChange>,
) -> Result<Response, ApiError> {
    let source = throttle::source(&headers, &extensions, &state.settings);
    crate::usecases::accounts::change_my_password(
        &state,
        &actor,
        &source,
        &req.current,
        &req.new,
        None,
    )
    .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}
