//! Use-cases of one's own account and, for the Office's administrators, of anyone's: the
//! sessions signed in (listed and ended), and the TOTP second factor (set up, confirmed,
//! turned off, reset). Every change is audited by the store in its transaction.

use bmahr_core::law::authority::Authority;
use bmahr_core::role::Role;
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

// --- Accounts administered by the Office ------------------------------------------------------

/// An account as the Office's administrators list and see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct AccountOut {
    pub id: i64,
    pub username: String,
    /// The role's code (`central_admin`, `agency_hr`, `appointing_authority`, …).
    pub role: String,
    pub role_th: String,
    pub role_en: String,
    /// The code of the unit whose subtree the account reaches; none for whole-BMA roles.
    pub scope_unit: Option<String>,
    pub scope_unit_th: Option<String>,
    pub scope_unit_en: Option<String>,
    pub person_id: Option<i64>,
    pub person_name_th: Option<String>,
    pub person_name_en: Option<String>,
    /// The office an appointing authority signs under (§52–54).
    pub office: Option<String>,
    pub office_th: Option<String>,
    pub office_en: Option<String>,
    pub two_factor: bool,
    pub disabled: bool,
    /// RFC 3339 instants.
    pub disabled_at: Option<String>,
    pub last_login_at: Option<String>,
    pub created_at: String,
    /// Send back with a change: a change made on an older version is refused (409).
    pub version: i64,
}

impl From<bmahr_store::AccountRow> for AccountOut {
    fn from(a: bmahr_store::AccountRow) -> Self {
        let u = a.user;
        AccountOut {
            id: u.id,
            username: u.username,
            role: u.role.code().to_string(),
            role_th: u.role.th().to_string(),
            role_en: u.role.en().to_string(),
            scope_unit: a.unit_code,
            scope_unit_th: a.unit_name_th,
            scope_unit_en: a.unit_name_en,
            person_id: u.person_id,
            person_name_th: a.person_name_th,
            person_name_en: a.person_name_en,
            office: u.office.map(|o| o.code().to_string()),
            office_th: u.office.map(|o| o.th().to_string()),
            office_en: u.office.map(|o| o.en().to_string()),
            two_factor: u.two_factor,
            disabled: a.disabled_at.is_some(),
            disabled_at: a.disabled_at,
            last_login_at: a.last_login_at,
            created_at: a.created_at,
            version: a.version,
        }
    }
}

/// A page of accounts.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AccountPage {
    pub items: Vec<AccountOut>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// Which accounts to list: by role (code), by unit (code; its subtree) and by part of the
/// username or the linked person's name.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountFilter {
    pub role: Option<String>,
    pub unit: Option<String>,
    pub q: Option<String>,
}

/// An account's fields as typed: the role's code, the unit's code, the person's national ID
/// or person id, and the office's code (appointing authorities).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct AccountFields {
    pub role: String,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub office: Option<String>,
}

/// A new account: its username and fields. Its first password is made by bmahr and shown
/// once.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct NewAccountInput {
    pub username: String,
    #[serde(flatten)]
    pub fields: AccountFields,
}

/// A change of an account, made on the version it was read at.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct AccountUpdate {
    pub version: i64,
    #[serde(flatten)]
    pub fields: AccountFields,
}

/// An account with a password made for it, shown this once (give it to its owner).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AccountWithPassword {
    pub account: AccountOut,
    pub password: String,
}

/// The characters of a made password: no look-alikes (0/O, 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// A one-time password to read out or hand over: four groups of five characters
/// (about 100 bits), which passes the password rules.
pub fn one_time_password() -> Result<String, ApiError> {
    let mut bytes = [0u8; 20];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(e.to_string()))?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(PASSWORD_ALPHABET[usize::from(*b) % PASSWORD_ALPHABET.len()]))
        .collect();
    Ok(chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

fn bad_field(code: &'static str, field: &str, th: String, en: String) -> Violation {
    Violation::new(code, field, th, en)
}

/// The person an account names: a 13-digit national ID or a person id.
async fn person_named(state: &AppState, s: &str) -> Result<Option<i64>, Violation> {
    // A picker fills `#id` for a person whose ID the reader does not see.
    let s = s.trim().trim_start_matches('#');
    if s.is_empty() {
        return Ok(None);
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let found = if digits.len() == 13
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        let nid = bmahr_core::NationalId::parse(&digits).map_err(|e| e.on_field("person"))?;
        state.store.person_by_national_id(&nid).await.map(|p| p.id)
    } else {
        match s.parse::<i64>() {
            Ok(id) if id > 0 => state.store.person_by_id(id).await.map(|p| p.id),
            _ => {
                return Err(bad_field(
                    "person.format",
                    "person",
                    format!("\"{s}\" ไม่ใช่เลขประจำตัวประชาชน 13 หลัก หรือรหัสบุคคล"),
                    format!("\"{s}\" is neither a 13-digit national ID nor a person id"),
                ))
            }
        }
    };
    found.map(Some).map_err(|_| {
        bad_field(
            "person.not_found",
            "person",
            "ไม่พบบุคคลนี้ในทะเบียน".into(),
            "no such person in the register".into(),
        )
    })
}

/// The typed fields read and checked: every problem at once, each naming its field.
async fn read_fields(
    state: &AppState,
    f: &AccountFields,
) -> Result<bmahr_store::AccountChange, ApiError> {
    let mut problems = bmahr_core::Violations::default();
    let role = problems.take(Role::parse(f.role.trim()).map_err(|v| v.on_field("role")));
    let scope_code = f.scope.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let scope = match scope_code {
        None => None,
        Some(code) => match state.store.unit_by_code(code, crate::today()).await {
            Ok(u) => Some(u.id),
            Err(bmahr_store::StoreError::NotFound(_)) => {
                problems.push(bad_field(
                    "unit.not_found",
                    "scope",
                    format!("ไม่พบหน่วยงานรหัส \"{code}\" (ที่ยังเปิดอยู่วันนี้)"),
                    format!("no unit with the code \"{code}\" open today"),
                ));
                None
            }
            Err(e) => return Err(e.into()),
        },
    };
    let person = problems
        .take(person_named(state, f.person.as_deref().unwrap_or("")).await)
        .flatten();
    let office = match f.office.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(o) => problems.take(Authority::parse(o).map_err(|v| v.on_field("office"))),
    };
    if let Some(role) = role {
        let person_ok =
            person.is_some() || f.person.as_deref().is_some_and(|p| !p.trim().is_empty());
        for v in bmahr_core::access::account_problems(role, scope_code.is_some(), office, person_ok)
        {
            // A unit not found is reported once.
            if !(v.field == "scope" && scope_code.is_some() && scope.is_none()) {
                problems.push(v);
            }
        }
    }
    match role {
        Some(role) if problems.is_empty() => Ok(bmahr_store::AccountChange {
            role,
            scope_unit_id: scope,
            person_id: person,
            office,
        }),
        _ => Err(ApiError::BadRequest(problems)),
    }
}

fn username_problem(name: &str) -> Option<Violation> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    (!ok).then(|| {
        bad_field(
            "user.username",
            "username",
            "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษ ตัวเลข หรือ . _ - @ ยาว 1–64 ตัว ไม่มีช่องว่าง".into(),
            "a username is 1–64 English letters, digits or . _ - @, without spaces".into(),
        )
    })
}

/// Accounts, filtered and paged (the Office's administrators).
pub async fn list_accounts(
    state: &AppState,
    actor: &Actor,
    f: &AccountFilter,
    paging: &crate::usecases::Paging,
) -> Result<AccountPage, ApiError> {
    may_administer_accounts(state, actor).await?;
    let role = match f.role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(r) => Some(Role::parse(r).map_err(|v| ApiError::bad(v.on_field("role")))?),
    };
    let units = match f.unit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => {
            let u = state
                .store
                .unit_by_code(code, crate::today())
                .await
                .map_err(|_| {
                    ApiError::bad(bad_field(
                        "unit.not_found",
                        "unit",
                        format!("ไม่พบหน่วยงานรหัส \"{code}\""),
                        format!("no unit with the code \"{code}\""),
                    ))
                })?;
            Some(state.store.unit_subtree(u.id).await?)
        }
    };
    let q = bmahr_store::AccountQuery {
        role,
        units,
        text: f.q.clone(),
        limit: paging.limit(),
        offset: paging.offset(),
    };
    let (rows, total) = state.store.accounts(&q).await?;
    Ok(AccountPage {
        items: rows.into_iter().map(AccountOut::from).collect(),
        page: paging.page(),
        per_page: paging.limit(),
        total,
    })
}

/// One account (the Office's administrators).
pub async fn get_account(state: &AppState, actor: &Actor, id: i64) -> Result<AccountOut, ApiError> {
    may_administer_accounts(state, actor).await?;
    Ok(state.store.account(id).await?.into())
}

/// Creates an account with a one-time password, returned this once.
pub async fn create_account(
    state: &AppState,
    actor: &Actor,
    input: &NewAccountInput,
) -> Result<AccountWithPassword, ApiError> {
    may_administer_accounts(state, actor).await?;
    let username = input.username.trim();
    let problem = username_problem(username);
    let fields = match (read_fields(state, &input.fields).await, problem) {
        (Ok(f), None) => f,
        (Ok(_), Some(p)) => return Err(ApiError::bad(p)),
        (Err(ApiError::BadRequest(mut v)), p) => {
            v.0.splice(0..0, p);
            return Err(ApiError::BadRequest(v));
        }
        (Err(e), _) => return Err(e),
    };
    let password = one_time_password()?;
    let hash = crate::auth::password::hash_password(&password).map_err(ApiError::Internal)?;
    let meta = actor.meta(&format!("สร้างบัญชีผู้ใช้ {username} / account created"));
    let id = state
        .store
        .create_account(
            &bmahr_store::NewAccount {
                username,
                password_hash: &hash,
                role: fields.role,
                scope_unit_id: fields.scope_unit_id,
                person_id: fields.person_id,
                office: fields.office,
                password_temporary: true,
            },
            &meta,
        )
        .await?;
    Ok(AccountWithPassword {
        account: state.store.account(id).await?.into(),
        password,
    })
}

/// Changes an account's role, unit, person and office, on the version it was read at.
pub async fn update_account(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: &AccountUpdate,
) -> Result<AccountOut, ApiError> {
    may_administer_accounts(state, actor).await?;
    let change = read_fields(state, &input.fields).await?;
    if id == actor.user.id && change.role != actor.user.role {
        return Err(ApiError::bad(own_account("role")));
    }
    let meta = actor.meta("แก้ไขบัญชีผู้ใช้ / account changed");
    state
        .store
        .update_account(id, input.version, &change, &meta)
        .await?;
    Ok(state.store.account(id).await?.into())
}

fn own_account(field: &str) -> Violation {
    bad_field(
        "user.own_account",
        field,
        "ผู้ดูแลระบบเปลี่ยนบทบาทหรือระงับบัญชีของตนเองไม่ได้ (ให้ผู้ดูแลระบบอีกคนทำ)".into(),
        "administrators cannot change the role of, or disable, their own account (ask another)"
            .into(),
    )
}

/// Disables an account (it cannot sign in; its sessions end and its tokens stop at once) or
/// enables it again.
pub async fn set_account_disabled(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i64,
    disabled: bool,
) -> Result<AccountOut, ApiError> {
    may_administer_accounts(state, actor).await?;
    if disabled && id == actor.user.id {
        return Err(ApiError::bad(own_account("id")));
    }
    let reason = if disabled {
        "ระงับบัญชีผู้ใช้ / account disabled"
    } else {
        "เปิดใช้บัญชีผู้ใช้อีกครั้ง / account enabled"
    };
    state
        .store
        .set_account_disabled(id, version, disabled, &actor.meta(reason))
        .await?;
    Ok(state.store.account(id).await?.into())
}

/// Gives an account a new one-time password (returned this once) and ends its sessions.
/// The signed-in owner sets their own password: the current one (counted as a sign-in
/// attempt), a new one the password rule accepts, and — from a form — typed twice. Every
/// session of the account ends (sign in again with the new one).
pub async fn change_my_password(
    state: &AppState,
    actor: &Actor,
    source: &str,
    current: &str,
    new: &str,
    repeat: Option<&str>,
) -> Result<(), ApiError> {
    crate::auth::login::reauthenticate(state, actor, source, current, None).await?;
    let mut problems: Vec<bmahr_core::Violation> = Vec::new();
    if let Some(v) = crate::auth::password::password_problem(new, &actor.user.username) {
        problems.push(v.on_field("new"));
    }
    if repeat.is_some_and(|r| r != new) {
        problems.push(bmahr_core::Violation::new(
            "password.repeat_differs",
            "repeat",
            "รหัสผ่านใหม่ที่พิมพ์ซ้ำไม่ตรงกัน",
            "the new password typed again differs",
        ));
    }
    if new == current && problems.is_empty() {
        problems.push(bmahr_core::Violation::new(
            "password.unchanged",
            "new",
            "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม",
            "the new password must differ from the current one",
        ));
    }
    if !problems.is_empty() {
        return Err(ApiError::BadRequest(bmahr_core::Violations(problems)));
    }
    let hash = crate::auth::password::hash_password(new).map_err(ApiError::Internal)?;
    state
        .store
        .set_password_hash(
            actor.user.id,
            &hash,
            &actor.meta("เปลี่ยนรหัสผ่าน / password change"),
        )
        .await?;
    Ok(())
}

pub async fn reset_password(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i64,
) -> Result<AccountWithPassword, ApiError> {
    may_administer_accounts(state, actor).await?;
    let password = one_time_password()?;
    let hash = crate::auth::password::hash_password(&password).map_err(ApiError::Internal)?;
    let meta = actor.meta("ตั้งรหัสผ่านใหม่ให้บัญชี / password reset");
    state
        .store
        .reset_account_password(id, version, &hash, &meta)
        .await?;
    Ok(AccountWithPassword {
        account: state.store.account(id).await?.into(),
        password,
    })
}
