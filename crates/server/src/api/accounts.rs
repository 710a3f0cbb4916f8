//! One's own sessions and second factor; an administrator's over another account's.

use axum::extract::{Path, Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::Json;

use crate::auth::throttle::source;
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::accounts::{
    self as uc, AccountFilter, AccountOut, AccountPage, AccountUpdate, AccountWithPassword,
    Enrolment, NewAccountInput, SessionItem, TwoFactorState,
};
use crate::usecases::Paging;
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

// --- Accounts administered by the Office ------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/accounts", params(AccountFilter, Paging),
    responses((status = 200, body = AccountPage), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_accounts(
    State(state): State<AppState>,
    actor: Actor,
    Query(f): Query<AccountFilter>,
    Query(paging): Query<Paging>,
) -> Result<Json<AccountPage>, ApiError> {
    Ok(Json(uc::list_accounts(&state, &actor, &f, &paging).await?))
}

#[utoipa::path(post, path = "/api/v1/accounts", request_body = NewAccountInput,
    responses((status = 201, body = AccountWithPassword), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_account(
    State(state): State<AppState>,
    actor: Actor,
    Json(i): Json<NewAccountInput>,
) -> Result<(StatusCode, Json<AccountWithPassword>), ApiError> {
    let made = uc::create_account(&state, &actor, &i).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

#[utoipa::path(get, path = "/api/v1/accounts/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = AccountOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<AccountOut>, ApiError> {
    Ok(Json(uc::get_account(&state, &actor, id).await?))
}

#[utoipa::path(patch, path = "/api/v1/accounts/{id}", params(("id" = i64, Path)), request_body = AccountUpdate,
    responses((status = 200, body = AccountOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(u): Json<AccountUpdate>,
) -> Result<Json<AccountOut>, ApiError> {
    Ok(Json(uc::update_account(&state, &actor, id, &u).await?))
}

/// The version of the account the change was decided on.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct VersionInput {
    pub version: i64,
}

#[utoipa::path(post, path = "/api/v1/accounts/{id}/disable", params(("id" = i64, Path)), request_body = VersionInput,
    responses((status = 200, body = AccountOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn disable_account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(v): Json<VersionInput>,
) -> Result<Json<AccountOut>, ApiError> {
    Ok(Json(
        uc::set_account_disabled(&state, &actor, id, v.version, true).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/accounts/{id}/enable", params(("id" = i64, Path)), request_body = VersionInput,
    responses((status = 200, body = AccountOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn enable_account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(v): Json<VersionInput>,
) -> Result<Json<AccountOut>, ApiError> {
    Ok(Json(
        uc::set_account_disabled(&state, &actor, id, v.version, false).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/accounts/{id}/password", params(("id" = i64, Path)), request_body = VersionInput,
    responses((status = 200, body = AccountWithPassword), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Json(v): Json<VersionInput>,
) -> Result<Json<AccountWithPassword>, ApiError> {
    Ok(Json(
        uc::reset_password(&state, &actor, id, v.version).await?,
    ))
}
