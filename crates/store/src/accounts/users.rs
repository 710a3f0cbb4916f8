use bmahr_core::role::Role;

use crate::row::{code, int, opt_int, opt_text, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// An account. The password hash is argon2id, made by the caller.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub scope_unit_id: Option<i64>,
    pub person_id: Option<i64>,
    /// The office an appointing authority signs under (§52–54).
    pub office: Option<bmahr_core::law::authority::Authority>,
    /// Whether the account signs in with a second factor (TOTP).
    pub two_factor: bool,
}

impl Store {
    pub async fn create_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
        scope_unit_id: Option<i64>,
        person_id: Option<i64>,
        meta: &WriteMeta,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            return Err(StoreError::invalid(bmahr_core::Violation::new(
                "user.taken",
                "username",
                format!("ชื่อผู้ใช้ \"{username}\" มีอยู่แล้ว"),
                format!("username \"{username}\" is already taken"),
            )));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, password_hash, role, scope_unit_id, person_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(username)
        .bind(password_hash)
        .bind(role.code())
        .bind(scope_unit_id)
        .bind(person_id)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            meta,
            "user.create",
            person_id,
            None,
            &format!("user {username} role {}", role.code()),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sets the office an appointing authority's account signs under.
    pub async fn set_user_office(
        &self,
        user_id: i64,
        office: bmahr_core::law::authority::Authority,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET office = $1 WHERE id = $2")
            .bind(office.code())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        self.commit_account_change(
            tx,
            meta,
            "user.office",
            &format!("user {user_id} office {}", office.code()),
        )
        .await
    }

    pub async fn user_by_name(&self, username: &str) -> Result<(UserRow, String)> {
        let r = sqlx::query("SELECT id, username, role, scope_unit_id, person_id, office, password_hash, totp_secret \
             FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("username", "ผู้ใช้", "user", username))?;
        Ok((
            UserRow {
                id: int(&r, "id")?,
                username: text(&r, "username")?,
                role: code(&r, "role", Role::parse)?,
                scope_unit_id: opt_int(&r, "scope_unit_id")?,
                person_id: opt_int(&r, "person_id")?,
                office: crate::row::opt_code(
                    &r,
                    "office",
                    bmahr_core::law::authority::Authority::parse,
                )?,
                two_factor: opt_text(&r, "totp_secret")?.is_some(),
            },
            text(&r, "password_hash")?,
        ))
    }

    /// Stores the hash of a new API token (the token itself is shown once and never stored).
    pub async fn create_token(
        &self,
        user_id: i64,
        token_hash: &str,
        label: &str,
        meta: &WriteMeta,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(label)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            meta,
            "token.create",
            None,
            None,
            &format!("token {id} for user {user_id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
