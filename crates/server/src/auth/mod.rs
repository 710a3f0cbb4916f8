//! Who is asking: a session cookie (people) or a bearer token (programs), resolved once per
//! request into an [`Actor`] that every handler and page receives.

pub mod login;
pub mod password;
pub mod second_factor;
pub mod throttle;

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use bmahr_core::role::Role;
use bmahr_store::{UserRow, WriteMeta};

use crate::error::ApiError;
use crate::AppState;

pub const SESSION_COOKIE: &str = "bmahr_session";
/// Marks a browser that has signed in to an account before ([`throttle`]).
pub const DEVICE_COOKIE: &str = "bmahr_device";
pub const CSRF_HEADER: &str = "x-csrf-token";

#[derive(Debug, Clone)]
pub enum Via {
    /// A person's browser: the session's CSRF token and public handle.
    Session {
        csrf: String,
        handle: String,
    },
    Token,
}

/// The authenticated user of a request, with the units their role reaches.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserRow,
    pub via: Via,
    /// Unit ids the role reaches; `None` for the whole BMA.
    pub scope: Option<Arc<HashSet<i64>>>,
}

impl Actor {
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// Whether national IDs and private contact data are shown in full (PDPA): to those who
    /// administer personnel, and to the person themself.
    pub fn sees_identity(&self, person_id: i64) -> bool {
        bmahr_core::access::sees_identity(&self.asker(), Some(person_id))
    }

    /// The account as core's access rules see it.
    pub fn asker(&self) -> bmahr_core::access::Asker<'_> {
        bmahr_core::access::Asker {
            role: self.user.role,
            person_id: self.user.person_id,
            scope: self.scope.as_deref(),
            office: self.user.office,
            office_wide: false,
        }
    }

    /// The operator at the console (the `bmahr` CLI on the server): the Office's reach, named
    /// as given (`cli:<user>`) in the audit log, so a CLI read is audited as a web read is.
    pub fn operator(username: &str) -> Actor {
        Actor {
            user: UserRow {
                id: 0,
                username: username.to_string(),
                role: Role::CentralAdmin,
                scope_unit_id: None,
                person_id: None,
                office: None,
                two_factor: false,
                password_temporary: false,
            },
            via: Via::Token,
            scope: None,
        }
    }

    pub fn meta(&self, reason: &str) -> WriteMeta {
        WriteMeta {
            actor: self.user.username.clone(),
            at: crate::now_rfc3339(),
            reason: reason.to_string(),
            request_ref: None,
        }
    }
}

/// The value of a request cookie.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    cookie_in(&parts.headers, name)
}

/// The value of a cookie in request headers.
pub fn cookie_in<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        resolve(parts, state, Some(sent)).await
    }
}

impl Actor {
    /// The session's CSRF token must come back with every change made through a cookie
    /// (a foreign page cannot read it); bearer tokens are not sent by browsers on their own.
    pub fn require_csrf(&self, sent: Option<&str>) -> Result<(), ApiError> {
        match &self.via {
            Via::Session { csrf, .. } if sent != Some(csrf.as_str()) => {
                Err(ApiError::Forbidden(bmahr_core::Violation::new(
                    "csrf.missing",
                    CSRF_HEADER,
                    "คำขอไม่มีรหัสป้องกัน CSRF ที่ถูกต้อง",
                    "the request lacks a valid CSRF token",
                )))
            }
            _ => Ok(()),
        }
    }
}

/// The refusal of a session that must turn on a second factor first.
pub const ENROL_FIRST: &str = "auth.2fa_enrol";

/// The refusal of an account whose password an administrator set, until its owner changes it.
pub const CHANGE_PASSWORD_FIRST: &str = "auth.password_temporary";

/// Whether an account must turn on a second factor before it may do anything else: the
/// deployment requires it (`--require-2fa`) of its role (core's rule) and it has none.
pub fn must_enrol(state: &AppState, user: &UserRow) -> bool {
    second_factor_required(state, user) && !user.two_factor
}

/// Whether this deployment requires a second factor of the account (core's rule of who
/// must, when `--require-2fa` is on).
pub fn second_factor_required(state: &AppState, user: &UserRow) -> bool {
    state.settings.require_2fa && bmahr_core::access::must_use_second_factor(user.role, user.office)
}

/// What a session that must enrol may still reach: its security page and API, sign-out and
/// the stylesheet and script.
fn enrolment_path(path: &str) -> bool {
    path.starts_with("/me/security")
        || path.starts_with("/api/v1/me/")
        || path.starts_with("/static/")
        || matches!(path, "/logout" | "/api/v1/logout" | "/api/v1/password")
}

/// The instants a session is judged at now, under the deployment's idle timeout.
pub struct Clock {
    now: String,
    idle_since: String,
    touch_before: String,
}

impl Clock {
    pub fn as_clock(&self) -> bmahr_store::SessionClock<'_> {
        bmahr_store::SessionClock {
            now: &self.now,
            idle_since: &self.idle_since,
            touch_before: &self.touch_before,
        }
    }
}

pub fn session_clock(state: &AppState) -> Clock {
    let now = chrono::Utc::now();
    Clock {
        now: throttle::rfc3339(now),
        idle_since: throttle::rfc3339(now - state.settings.session_idle),
        // Marked used at most once a minute, and often enough (a tenth of the idle time) that
        // a session in use is never taken for idle.
        touch_before: throttle::rfc3339(
            now - (state.settings.session_idle / 10).min(chrono::Duration::minutes(1)),
        ),
    }
}

/// Resolves the request's credentials. `csrf`: `Some(sent)` to check the token of a change
/// here (API), `None` when the handler checks the token of its form itself (pages).
pub async fn resolve(
    parts: &Parts,
    state: &AppState,
    csrf: Option<Option<String>>,
) -> Result<Actor, ApiError> {
    {
        let store = &state.store;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let (user, via) = if let Some(token) = bearer {
            let user = store
                .user_by_token(&password::secret_hash(token.trim()))
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            (user, Via::Token)
        } else if let Some(sid) = cookie(parts, SESSION_COOKIE) {
            let live = store
                .session(&password::secret_hash(sid), session_clock(state).as_clock())
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            let via = Via::Session {
                csrf: live.csrf,
                handle: live.handle,
            };
            (live.user, via)
        } else {
            return Err(ApiError::unauthorized());
        };
        // Until an account that must use a second factor has one, neither its sessions nor
        // its API tokens reach anything but its security page and API.
        if must_enrol(state, &user) && !enrolment_path(parts.uri.path()) {
            return Err(ApiError::Forbidden(bmahr_core::Violation::new(
                ENROL_FIRST,
                "otp",
                "บัญชีนี้ต้องเปิดการยืนยันตัวตนสองขั้นตอนก่อนใช้งาน (หน้า ความปลอดภัยของบัญชี)",
                "this account must turn on two-step sign-in first (the account security page)",
            )));
        }
        // A password someone else was told (a first one, a reset) is changed before use.
        if user.password_temporary && !enrolment_path(parts.uri.path()) {
            return Err(ApiError::Forbidden(bmahr_core::Violation::new(
                CHANGE_PASSWORD_FIRST,
                "password",
                "รหัสผ่านนี้ผู้ดูแลระบบเป็นผู้ตั้ง ต้องเปลี่ยนเป็นรหัสผ่านของท่านเองก่อนใช้งาน (หน้า ความปลอดภัยของบัญชี)",
                "an administrator set this password: change it to your own before anything else (the account security page)",
            )));
        }
        let scope = match (user.role, user.scope_unit_id) {
            (Role::CentralAdmin | Role::Auditor | Role::MeritCommission, _) => None,
            (_, Some(unit)) => Some(Arc::new(
                store.unit_subtree(unit).await?.into_iter().collect(),
            )),
            (_, None) => Some(Arc::new(HashSet::new())),
        };
        let actor = Actor { user, via, scope };
        if let Some(sent) = csrf {
            if !matches!(parts.method, Method::GET | Method::HEAD) {
                actor.require_csrf(sent.as_deref())?;
            }
        }
        Ok(actor)
    }
}
