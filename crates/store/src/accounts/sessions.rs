//! Web sessions (with idle and absolute ends, listed and ended by their owner or an
//! administrator), the account a sign-in reads, and the TOTP second factor's rows.

use crate::accounts::credentials::Credential;
use crate::accounts::users::{user_row, USER_ROW_COLS};
use crate::accounts::UserRow;
use crate::row::{opt_int, opt_text, text};
use crate::{Result, Store};

/// An account with what a login needs to know.
#[derive(Debug, Clone)]
pub struct LoginUser {
    pub user: UserRow,
    pub password_hash: String,
    /// The confirmed TOTP secret (base32), when the account uses a second factor.
    pub totp_secret: Option<String>,
    /// The last TOTP time step accepted: a code is never accepted twice.
    pub totp_last_step: Option<i64>,
    /// Disabled by an administrator: it may not sign in.
    pub disabled: bool,
}

/// A live session: its account, CSRF token and public handle.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub user: UserRow,
    pub csrf: String,
    pub handle: String,
}

/// A session as its owner sees it in their list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionInfo {
    /// Names the session in a list and in "end this session"; not the secret.
    pub handle: String,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub expires_at: String,
    pub address: Option<String>,
    pub agent: Option<String>,
}

/// What a new session records.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub handle: &'a str,
    pub user_id: i64,
    pub csrf: &'a str,
    pub now: &'a str,
    /// The absolute end.
    pub expires: &'a str,
    pub address: Option<&'a str>,
    pub agent: Option<&'a str>,
}

/// The instants a session is judged at (RFC 3339).
#[derive(Debug, Clone, Copy)]
pub struct SessionClock<'a> {
    pub now: &'a str,
    /// A session last used before this has ended (idle timeout).
    pub idle_since: &'a str,
    /// A session last used before this is marked used now (at most one write a minute).
    pub touch_before: &'a str,
}

/// The account's columns and what signing in checks.
fn user_cols() -> String {
    format!("{USER_ROW_COLS}, password_hash, totp_last_step, disabled_at")
}

fn login_user(r: &sqlx::any::AnyRow) -> Result<LoginUser> {
    Ok(LoginUser {
        user: user_row(r)?,
        password_hash: text(r, "password_hash")?,
        totp_secret: opt_text(r, "totp_secret")?,
        totp_last_step: opt_int(r, "totp_last_step")?,
        disabled: opt_text(r, "disabled_at")?.is_some(),
    })
}

impl Store {
    pub async fn login_user(&self, username: &str) -> Result<Option<LoginUser>> {
        let cols = user_cols();
        let r = sqlx::query(&format!("SELECT {cols} FROM users WHERE username = $1"))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        r.as_ref().map(login_user).transpose()
    }

    /// The account an unrevoked API token belongs to (see [`crate::accounts::credentials`]).
    pub async fn user_by_token(&self, token_hash: &str) -> Result<Option<UserRow>> {
        let key = format!("token {token_hash}");
        let (hit, ticket) = self.credentials.get(&key, "");
        if let Some(c) = hit {
            return Ok(Some(c.user));
        }
        let cols = user_cols();
        let r = sqlx::query(&format!(
            "SELECT {cols} FROM users WHERE id = \
             (SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL) \
             AND disabled_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = r else {
            return Ok(None);
        };
        let user = login_user(&r)?.user;
        let credential = Credential {
            user: user.clone(),
            csrf: None,
            handle: None,
            expires_at: None,
        };
        self.credentials.remember(&key, credential, ticket);
        Ok(Some(user))
    }

    pub async fn set_password_hash(
        &self,
        user_id: i64,
        hash: &str,
        meta: &crate::WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The owner's own password: the account is no longer held to its security page.
        sqlx::query("UPDATE users SET password_hash = $1, password_temporary = 0 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // Every other session of the account ends with the old password.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        self.commit_account_change(tx, meta, "user.password_change", &format!("user {user_id}"))
            .await
    }

    pub async fn create_session(&self, n: &NewSession<'_>) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, handle, user_id, csrf, created_at, last_seen_at, \
             expires_at, address, agent) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
        )
        .bind(n.id_hash)
        .bind(n.handle)
        .bind(n.user_id)
        .bind(n.csrf)
        .bind(n.now)
        .bind(n.expires)
        .bind(n.address)
        .bind(n.agent)
        .execute(&self.pool)
        .await?;
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(n.now)
            .bind(n.user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account and CSRF token of a session live at `clock.now`: before its absolute end
    /// and used since `clock.idle_since` (see [`crate::accounts::credentials`]).
    pub async fn session(
        &self,
        id_hash: &str,
        clock: SessionClock<'_>,
    ) -> Result<Option<LiveSession>> {
        let key = format!("session {id_hash}");
        let (hit, ticket) = self.credentials.get(&key, clock.now);
        if let Some(Credential {
            user,
            csrf: Some(csrf),
            handle,
            ..
        }) = hit
        {
            return Ok(Some(LiveSession {
                user,
                csrf,
                handle: handle.unwrap_or_default(),
            }));
        }
        // No column name is in both tables, so the account's columns need no prefix.
        let cols = user_cols();
        let r = sqlx::query(&format!(
            "SELECT {cols}, csrf, handle, expires_at, last_seen_at FROM sessions \
             JOIN users ON users.id = sessions.user_id \
             WHERE id_hash = $1 AND expires_at > $2 \
             AND (last_seen_at IS NULL OR last_seen_at > $3) AND disabled_at IS NULL"
        ))
        .bind(id_hash)
        .bind(clock.now)
        .bind(clock.idle_since)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = r else {
            return Ok(None);
        };
        if opt_text(&r, "last_seen_at")?.is_none_or(|seen| seen.as_str() < clock.touch_before) {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                .bind(clock.now)
                .bind(id_hash)
                .execute(&self.pool)
                .await?;
        }
        let live = LiveSession {
            user: login_user(&r)?.user,
            csrf: text(&r, "csrf")?,
            handle: opt_text(&r, "handle")?.unwrap_or_default(),
        };
        let credential = Credential {
            user: live.user.clone(),
            csrf: Some(live.csrf.clone()),
            handle: Some(live.handle.clone()),
            expires_at: Some(text(&r, "expires_at")?),
        };
        self.credentials.remember(&key, credential, ticket);
        Ok(Some(live))
    }

    /// The live sessions of an account, newest first.
    pub async fn sessions_of(
        &self,
        user_id: i64,
        clock: SessionClock<'_>,
    ) -> Result<Vec<SessionInfo>> {
        let rows = sqlx::query(
            "SELECT handle, created_at, last_seen_at, expires_at, address, agent FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 \
             AND (last_seen_at IS NULL OR last_seen_at > $3) ORDER BY created_at DESC",
        )
        .bind(user_id)
        .bind(clock.now)
        .bind(clock.idle_since)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SessionInfo {
                    handle: opt_text(r, "handle")?.unwrap_or_default(),
                    created_at: text(r, "created_at")?,
                    last_seen_at: opt_text(r, "last_seen_at")?,
                    expires_at: text(r, "expires_at")?,
                    address: opt_text(r, "address")?,
                    agent: opt_text(r, "agent")?,
                })
            })
            .collect()
    }

    /// Ends sessions of an account: the one named by `handle`, or all of them; audited.
    /// Returns how many ended.
    pub async fn end_sessions(
        &self,
        user_id: i64,
        handle: Option<&str>,
        meta: &crate::WriteMeta,
    ) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let ended = match handle {
            Some(h) => {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND handle = $2")
                    .bind(user_id)
                    .bind(h)
                    .execute(&mut *tx)
                    .await?
            }
            None => {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?
            }
        }
        .rows_affected();
        let detail = format!(
            "user {user_id}: {} ({ended})",
            handle.unwrap_or("every session")
        );
        self.commit_account_change(tx, meta, "session.end", &detail)
            .await?;
        Ok(ended)
    }

    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        let deleted = sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await;
        self.credentials.forget();
        deleted?;
        Ok(())
    }
}
