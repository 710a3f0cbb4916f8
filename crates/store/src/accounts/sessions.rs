//! Web sessions and login backoff.

use bmahr_core::role::Role;

use crate::accounts::credentials::Credential;
use crate::accounts::UserRow;
use crate::row::{code, int, opt_int, opt_text, text};
use crate::{Result, Store};

/// An account with what a login needs to know.
#[derive(Debug, Clone)]
pub struct LoginUser {
    pub user: UserRow,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
}

const USER_COLS: &str =
    "id, username, role, scope_unit_id, person_id, office, password_hash, failed_logins, locked_until";

fn login_user(r: &sqlx::any::AnyRow) -> Result<LoginUser> {
    Ok(LoginUser {
        user: UserRow {
            id: int(r, "id")?,
            username: text(r, "username")?,
            role: code(r, "role", Role::parse)?,
            scope_unit_id: opt_int(r, "scope_unit_id")?,
            person_id: opt_int(r, "person_id")?,
            office: crate::row::opt_code(
                r,
                "office",
                bmahr_core::law::authority::Authority::parse,
            )?,
        },
        password_hash: text(r, "password_hash")?,
        failed_logins: int(r, "failed_logins")?,
        locked_until: opt_text(r, "locked_until")?,
    })
}

impl Store {
    pub async fn login_user(&self, username: &str) -> Result<Option<LoginUser>> {
        let r = sqlx::query(&format!(
            "SELECT {USER_COLS} FROM users WHERE username = $1"
        ))
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
        let r = sqlx::query(&format!(
            "SELECT {USER_COLS} FROM users WHERE id = \
             (SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL)"
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
            expires_at: None,
        };
        self.credentials.remember(&key, credential, ticket);
        Ok(Some(user))
    }

    /// Counts a failed login; `lock_until` (RFC 3339) when the count calls for a pause.
    pub async fn login_failed(&self, user_id: i64, lock_until: Option<&str>) -> Result<()> {
        sqlx::query(
            "UPDATE users SET failed_logins = failed_logins + 1, locked_until = $1 WHERE id = $2",
        )
        .bind(lock_until)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn login_succeeded(&self, user_id: i64) -> Result<()> {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_password_hash(
        &self,
        user_id: i64,
        hash: &str,
        meta: &crate::WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // Every other session of the account ends with the old password.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        crate::audit::record(
            &mut tx,
            meta,
            "user.password_change",
            None,
            None,
            &format!("user {user_id}"),
        )
        .await?;
        let committed = tx.commit().await;
        self.credentials.forget();
        committed?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf: &str,
        now: &str,
        expires: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(now)
            .bind(expires)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account and CSRF token of a session live at `now` (see [`crate::accounts::credentials`]).
    pub async fn session(&self, id_hash: &str, now: &str) -> Result<Option<(UserRow, String)>> {
        let key = format!("session {id_hash}");
        let (hit, ticket) = self.credentials.get(&key, now);
        if let Some(Credential {
            user,
            csrf: Some(csrf),
            ..
        }) = hit
        {
            return Ok(Some((user, csrf)));
        }
        // No column name is in both tables, so the account's columns need no prefix.
        let r = sqlx::query(&format!(
            "SELECT {USER_COLS}, csrf, expires_at FROM sessions JOIN users ON users.id = sessions.user_id \
             WHERE id_hash = $1 AND expires_at > $2"
        ))
        .bind(id_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = r else {
            return Ok(None);
        };
        let (user, csrf) = (login_user(&r)?.user, text(&r, "csrf")?);
        let credential = Credential {
            user: user.clone(),
            csrf: Some(csrf.clone()),
            expires_at: Some(text(&r, "expires_at")?),
        };
        self.credentials.remember(&key, credential, ticket);
        Ok(Some((user, csrf)))
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
