//! One's own sessions and second factor; an administrator's over another account's.

use axum::extract::{Path, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::Json;

use crate::auth::throttle::source;
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::accounts::{self as uc, Enrolment, SessionItem, TwoFactorState};
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/me/sessions",
    responses((status = 200, body = [SessionItem]), (status = 401, body = ErrorBody)))]
pub async fn my_sessions(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<SessionItem>>, ApiError> {
    Ok(Json(uc::my_sessions(&state, &actor).await?))
}

#[utoipa::path(delete, path = "/api/v1/me/sessions/{handle}",
    params(("handle" = String, Path, description = "the session's handle from the list")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn end_my_session(
    State(state): State<AppState>,
    actor: Actor,
    Path(handle): Path<String>,
) -> Result<StatusCode, ApiError> {
    uc::end_my_session(&state, &actor, &handle).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me/2fa", responses((status = 200, body = TwoFactorState)))]
pub async fn two_factor(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<TwoFactorState>, ApiError> {
    Ok(Json(uc::two_factor(&state, &actor).await?))
}

/// The password again, and when a second factor is already on, a current code of it (or a
/// recovery code).
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct StartInput {
    pub password: String,
    #[serde(default)]
    pub code: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/me/2fa", request_body = StartInput,
    responses((status = 200, body = Enrolment), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn start_two_factor(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    extensions: Extensions,
    Json(i): Json<StartInput>,
) -> Result<Json<Enrolment>, ApiError> {
    let source = source(&headers, &extensions, &state.settings);
    let code = i.code.as_deref();
    Ok(Json(
        uc::start_two_factor(&state, &actor, &source, &i.password, code).await?,
    ))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct CodeInput {
    /// The six-digit code the app shows now.
    pub code: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct RecoveryCodes {
    /// Each works once in place of a code; shown this once only.
    pub recovery_codes: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/me/2fa/confirm", request_body = CodeInput,
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ErrorBody)))]
pub async fn confirm_two_factor(
    State(state): State<AppState>,
    actor: Actor,
    Json(c): Json<CodeInput>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    let recovery_codes = uc::confirm_two_factor(&state, &actor, &c.code).await?;
    Ok(Json(RecoveryCodes { recovery_codes }))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct PasswordInput {
    pub password: String,
}

#[utoipa::path(post, path = "/api/v1/me/2fa/off", request_body = PasswordInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn stop_two_factor(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    extensions: Extensions,
    Json(p): Json<PasswordInput>,
) -> Result<StatusCode, ApiError> {
    let source = source(&headers, &extensions, &state.settings);
    uc::stop_two_factor(&state, &actor, &source, &p.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/users/{username}/sessions",
    params(("username" = String, Path)),
    responses((status = 200, body = [SessionItem]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn sessions_of(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> Result<Json<Vec<SessionItem>>, ApiError> {
    Ok(Json(uc::sessions_of(&state, &actor, &username).await?))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Ended {
    pub ended: u64,
}

#[utoipa::path(delete, path = "/api/v1/users/{username}/sessions",
    params(("username" = String, Path)),
    responses((status = 200, body = Ended), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_sessions_of(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> Result<Json<Ended>, ApiError> {
    let ended = uc::end_sessions_of(&state, &actor, &username).await?;
    Ok(Json(Ended { ended }))
}

#[utoipa::path(delete, path = "/api/v1/users/{username}/2fa",
    params(("username" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset_two_factor(
    State(state): State<AppState>,
    actor: Actor,
    Path(username): Path<String>,
) -> Result<StatusCode, ApiError> {
    uc::reset_two_factor(&state, &actor, &username).await?;
    Ok(StatusCode::NO_CONTENT)
}
