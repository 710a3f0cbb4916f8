//! Use-cases of one's own account and, for the Office's administrators, of anyone's: the
//! sessions signed in (listed and ended), and the TOTP second factor (set up, confirmed,
//! turned off, reset). Every change is audited by the store in its transaction.

use bmahr_core::Violation;

use crate::access::may_administer_accounts;
use crate::auth::login::reauthenticate;
use crate::auth::second_factor::{
    self, matching_step, new_recovery_codes, new_secret, otpauth_uri,
};
use crate::auth::{second_factor_required, session_clock, Actor, Via};
use crate::error::ApiError;
use crate::AppState;

/// A session as listed to its owner or an administrator.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SessionItem {
    /// Names the session to end it (not its secret).
    pub handle: String,
    /// RFC 3339 instants.
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub expires_at: String,
    pub address: Option<String>,
    pub agent: Option<String>,
    /// The session this request came through.
    pub current: bool,
}

/// The second factor's state for the account page.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TwoFactorState {
    pub enabled: bool,
    /// Whether this deployment requires it of this account.
    pub required: bool,
    pub recovery_codes_left: i64,
    /// A setup awaiting its first code.
    pub pending: Option<Enrolment>,
}

/// A secret to put into an authenticator app (shown to its owner only, until confirmed).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Enrolment {
    /// Base32, to type in.
    pub secret: String,
    /// `otpauth://` address, as a QR code carries it.
    pub otpauth_uri: String,
}

fn sessions_out(actor: &Actor, list: Vec<bmahr_store::SessionInfo>) -> Vec<SessionItem> {
    let current = match &actor.via {
        Via::Session { handle, .. } => Some(handle.as_str()),
        Via::Token => None,
    };
    list.into_iter()
        .map(|s| SessionItem {
            current: current == Some(s.handle.as_str()),
            handle: s.handle,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
            address: s.address,
            agent: s.agent,
        })
        .collect()
}

/// One's own live sessions.
pub async fn my_sessions(state: &AppState, actor: &Actor) -> Result<Vec<SessionItem>, ApiError> {
    let clock = session_clock(state);
    let list = state
        .store
        .sessions_of(actor.user.id, clock.as_clock())
        .await?;
    Ok(sessions_out(actor, list))
}

fn no_session(handle: &str) -> ApiError {
    ApiError::NotFound(Violation::new(
        "session.not_found",
        "handle",
        format!("ไม่พบการเข้าสู่ระบบ {handle} ของบัญชีนี้"),
        format!("this account has no session {handle}"),
    ))
}

/// Ends one of one's own sessions (another browser, a lost phone).
pub async fn end_my_session(state: &AppState, actor: &Actor, handle: &str) -> Result<(), ApiError> {
    let meta = actor.meta("ออกจากระบบที่อื่น / end a session");
    match state
        .store
        .end_sessions(actor.user.id, Some(handle), &meta)
        .await?
    {
        0 => Err(no_session(handle)),
        _ => Ok(()),
    }
}

async fn account(state: &AppState, username: &str) -> Result<bmahr_store::UserRow, ApiError> {
    Ok(state.store.user_by_name(username).await?.0)
}

/// Another account's sessions (the Office's administrators).
pub async fn sessions_of(
    state: &AppState,
    actor: &Actor,
    username: &str,
) -> Result<Vec<SessionItem>, ApiError> {
    may_administer_accounts(state, actor).await?;
    let user = account(state, username).await?;
    let clock = session_clock(state);
    let list = state.store.sessions_of(user.id, clock.as_clock()).await?;
    Ok(sessions_out(actor, list))
}

/// Ends every session of another account (the Office's administrators); how many ended.
pub async fn end_sessions_of(
    state: &AppState,
    actor: &Actor,
    username: &str,
) -> Result<u64, ApiError> {
    may_administer_accounts(state, actor).await?;
    let user = account(state, username).await?;
    let meta = actor.meta(&format!("ยุติการเข้าสู่ระบบของ {username} / end sessions"));
    Ok(state.store.end_sessions(user.id, None, &meta).await?)
}

/// The state of one's second factor.
pub async fn two_factor(state: &AppState, actor: &Actor) -> Result<TwoFactorState, ApiError> {
    let store = &state.store;
    let pending = store
        .totp_pending(actor.user.id)
        .await?
        .map(|secret| Enrolment {
            otpauth_uri: otpauth_uri(&secret, &actor.user.username),
            secret,
        });
    Ok(TwoFactorState {
        enabled: actor.user.two_factor,
        required: second_factor_required(state, &actor.user),
        recovery_codes_left: store.recovery_codes_left(actor.user.id).await?,
        pending,
    })
}

/// Starts setting up a second factor: a new secret, kept until a code confirms it. The
/// password is asked again, and when a factor is already on, a current code of it (or a
/// recovery code): a session alone cannot swap the factor and lock its owner out.
pub async fn start_two_factor(
    state: &AppState,
    actor: &Actor,
    source: &str,
    password: &str,
    code: Option<&str>,
) -> Result<Enrolment, ApiError> {
    reauthenticate(state, actor, source, password, Some(code)).await?;
    let secret = new_secret().map_err(ApiError::Internal)?;
    let meta = actor.meta("ตั้งค่าการยืนยันสองขั้นตอน / set up two-step sign-in");
    state
        .store
        .set_totp_pending(actor.user.id, &secret, &meta)
        .await?;
    Ok(Enrolment {
        otpauth_uri: otpauth_uri(&secret, &actor.user.username),
        secret,
    })
}

fn wrong_code() -> ApiError {
    ApiError::bad(Violation::new(
        "auth.otp_failed",
        "code",
        "รหัสยืนยันไม่ถูกต้องหรือหมดอายุ ตรวจสอบเวลาของโทรศัพท์แล้วลองใหม่",
        "the code is wrong or expired; check the phone's clock and try again",
    ))
}

/// Confirms the pending secret with a current code; turns the factor on and returns the
/// recovery codes, shown this once.
pub async fn confirm_two_factor(
    state: &AppState,
    actor: &Actor,
    code: &str,
) -> Result<Vec<String>, ApiError> {
    let store = &state.store;
    let Some(secret) = store.totp_pending(actor.user.id).await? else {
        return Err(ApiError::bad(Violation::new(
            "auth.otp_not_started",
            "code",
            "ยังไม่ได้เริ่มตั้งค่าการยืนยันสองขั้นตอน",
            "two-step sign-in has not been set up yet",
        )));
    };
    let step =
        matching_step(&secret, code, chrono::Utc::now().timestamp()).ok_or_else(wrong_code)?;
    let (shown, hashes) = new_recovery_codes().map_err(ApiError::Internal)?;
    let meta = actor.meta("เปิดการยืนยันสองขั้นตอน / turn on two-step sign-in");
    store
        .confirm_totp(actor.user.id, &secret, step, &hashes, &meta)
        .await?;
    Ok(shown)
}

/// Turns one's second factor off, with the password; refused where it is required.
pub async fn stop_two_factor(
    state: &AppState,
    actor: &Actor,
    source: &str,
    password: &str,
) -> Result<(), ApiError> {
    if second_factor_required(state, &actor.user) {
        return Err(ApiError::Forbidden(Violation::new(
            "auth.2fa_required",
            "otp",
            "บัญชีนี้ต้องใช้การยืนยันสองขั้นตอน ปิดไม่ได้",
            "this account must use two-step sign-in; it cannot be turned off",
        )));
    }
    reauthenticate(state, actor, source, password, None).await?;
    let meta = actor.meta("ปิดการยืนยันสองขั้นตอน / turn off two-step sign-in");
    Ok(state.store.clear_totp(actor.user.id, &meta).await?)
}

/// Resets another account's second factor and ends its sessions (a lost phone): the Office's
/// administrators. The person sets it up again at their next sign-in.
pub async fn reset_two_factor(
    state: &AppState,
    actor: &Actor,
    username: &str,
) -> Result<(), ApiError> {
    may_administer_accounts(state, actor).await?;
    let user = account(state, username).await?;
    let meta = actor.meta(&format!(
        "ล้างการยืนยันสองขั้นตอนของ {username} / reset two-step sign-in"
    ));
    state.store.clear_totp(user.id, &meta).await?;
    state.store.end_sessions(user.id, None, &meta).await?;
    Ok(())
}

/// Recovery codes are read loosely; re-exported for the doors' help text.
pub use second_factor::RECOVERY_CODES;
