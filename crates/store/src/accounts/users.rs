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
    /// Whether its password was set by an administrator (a first password or a reset) and
    /// not yet changed by its owner.
    pub password_temporary: bool,
}

/// The columns of `users` a [`UserRow`] is read from.
pub(crate) const USER_ROW_COLS: &str =
    "id, username, role, scope_unit_id, person_id, office, totp_secret, password_temporary";

/// An account as read from a row with [`USER_ROW_COLS`].
pub(crate) fn user_row(r: &sqlx::any::AnyRow) -> Result<UserRow> {
    Ok(UserRow {
        id: int(r, "id")?,
        username: text(r, "username")?,
        role: code(r, "role", Role::parse)?,
        scope_unit_id: opt_int(r, "scope_unit_id")?,
        person_id: opt_int(r, "person_id")?,
        office: crate::row::opt_code(r, "office", bmahr_core::law::authority::Authority::parse)?,
        two_factor: opt_text(r, "totp_secret")?.is_some(),
        password_temporary: int(r, "password_temporary")? != 0,
    })
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
        let r = sqlx::query(&format!(
            "SELECT {USER_ROW_COLS}, password_hash FROM users WHERE username = $1"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::not_found("username", "ผู้ใช้", "user", username))?;
        Ok((user_row(&r)?, text(&r, "password_hash")?))
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

/// An account as the Office's administrators see it in their list and on its page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AccountRow {
    pub user: UserRow,
    /// Moved on by every administrative change; a change made on an older one is refused.
    pub version: i64,
    pub created_at: String,
    /// When the account was disabled (it cannot sign in; its sessions and tokens stop).
    pub disabled_at: Option<String>,
    /// Its last successful sign-in, if any since this was recorded.
    pub last_login_at: Option<String>,
    pub unit_code: Option<String>,
    pub unit_name_th: Option<String>,
    pub unit_name_en: Option<String>,
    /// The linked person's name today (Thai, English).
    pub person_name_th: Option<String>,
    pub person_name_en: Option<String>,
}

/// Which accounts a list shows.
#[derive(Debug, Clone, Default)]
pub struct AccountQuery {
    pub role: Option<Role>,
    /// Accounts scoped to these units (a unit's subtree); `None`: any.
    pub units: Option<Vec<i64>>,
    /// Part of the username or of the linked person's name.
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// A new account, its password already hashed.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub scope_unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub office: Option<bmahr_core::law::authority::Authority>,
    /// Whether the password was made for the owner by someone else (see
    /// [`UserRow::password_temporary`]).
    pub password_temporary: bool,
}

/// What an administrator may change of an account.
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub role: Role,
    pub scope_unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub office: Option<bmahr_core::law::authority::Authority>,
}

const ACCOUNT_SELECT: &str =
    "SELECT u.id, u.username, u.role, u.scope_unit_id, u.person_id, u.office, \
     u.totp_secret, u.password_temporary, u.version, u.created_at, u.disabled_at, u.last_login_at, \
     s.code AS unit_code, s.name_th AS unit_name_th, s.name_en AS unit_name_en, \
     (SELECT n.first_th || ' ' || n.last_th FROM person_names n WHERE n.person_id = u.person_id \
      ORDER BY n.valid_from DESC, n.id DESC LIMIT 1) AS person_name_th, \
     (SELECT n.first_en || ' ' || n.last_en FROM person_names n WHERE n.person_id = u.person_id \
      ORDER BY n.valid_from DESC, n.id DESC LIMIT 1) AS person_name_en \
     FROM users u LEFT JOIN units s ON s.id = u.scope_unit_id";

fn account_row(r: &sqlx::any::AnyRow) -> Result<AccountRow> {
    Ok(AccountRow {
        user: user_row(r)?,
        version: int(r, "version")?,
        created_at: text(r, "created_at")?,
        disabled_at: opt_text(r, "disabled_at")?,
        last_login_at: opt_text(r, "last_login_at")?,
        unit_code: opt_text(r, "unit_code")?,
        unit_name_th: opt_text(r, "unit_name_th")?,
        unit_name_en: opt_text(r, "unit_name_en")?,
        person_name_th: opt_text(r, "person_name_th")?,
        person_name_en: opt_text(r, "person_name_en")?.filter(|n| !n.trim().is_empty()),
    })
}

fn taken(username: &str) -> StoreError {
    StoreError::invalid(bmahr_core::Violation::new(
        "user.taken",
        "username",
        format!("ชื่อผู้ใช้ \"{username}\" มีอยู่แล้ว"),
        format!("username \"{username}\" is already taken"),
    ))
}

fn no_account(id: i64) -> StoreError {
    StoreError::not_found("id", "บัญชีผู้ใช้", "account", &id.to_string())
}

impl Store {
    /// Accounts by username, filtered; with how many match in all.
    pub async fn accounts(&self, q: &AccountQuery) -> Result<(Vec<AccountRow>, i64)> {
        let mut wh: Vec<String> = Vec::new();
        let mut binds: Vec<String> = Vec::new();
        if let Some(role) = q.role {
            binds.push(role.code().to_string());
            wh.push(format!("u.role = ${}", binds.len()));
        }
        if let Some(units) = &q.units {
            let ids: Vec<String> = units.iter().map(i64::to_string).collect();
            wh.push(if ids.is_empty() {
                "1 = 0".to_string()
            } else {
                format!("u.scope_unit_id IN ({})", ids.join(","))
            });
        }
        if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            binds.push(format!("%{}%", t.to_lowercase()));
            let n = binds.len();
            wh.push(format!(
                "(LOWER(u.username) LIKE ${n} OR u.person_id IN (SELECT person_id FROM person_names \
                 WHERE LOWER(first_th || ' ' || last_th) LIKE ${n} \
                 OR LOWER(first_en || ' ' || last_en) LIKE ${n}))"
            ));
        }
        let filter = if wh.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", wh.join(" AND "))
        };
        let count_sql = format!("SELECT COUNT(*) FROM users u{filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for b in &binds {
            count = count.bind(b);
        }
        let total = count.fetch_one(&self.pool).await?;
        let list_sql = format!(
            "{ACCOUNT_SELECT}{filter} ORDER BY u.username LIMIT {} OFFSET {}",
            q.limit.max(0),
            q.offset.max(0)
        );
        let mut list = sqlx::query(&list_sql);
        for b in &binds {
            list = list.bind(b);
        }
        let rows = list.fetch_all(&self.pool).await?;
        let items = rows.iter().map(account_row).collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }

    /// One account by id.
    pub async fn account(&self, id: i64) -> Result<AccountRow> {
        let r = sqlx::query(&format!("{ACCOUNT_SELECT} WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| no_account(id))?;
        account_row(&r)
    }

    /// Creates an account with its office in one transaction, audited (`user.create`).
    pub async fn create_account(&self, a: &NewAccount<'_>, meta: &WriteMeta) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
            .bind(a.username)
            .fetch_one(&mut *tx)
            .await?;
        if n > 0 {
            return Err(taken(a.username));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, password_hash, role, scope_unit_id, person_id, office, created_at, \
             password_temporary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(a.username)
        .bind(a.password_hash)
        .bind(a.role.code())
        .bind(a.scope_unit_id)
        .bind(a.person_id)
        .bind(a.office.map(|o| o.code()))
        .bind(&meta.at)
        .bind(i64::from(a.password_temporary))
        .fetch_one(&mut *tx)
        .await?;
        let detail = format!(
            "user {} (id {id}) role {} scope {} person {} office {}",
            a.username,
            a.role.code(),
            opt(a.scope_unit_id),
            opt(a.person_id),
            a.office.map_or("-", |o| o.code())
        );
        audit::record(&mut tx, meta, "user.create", a.person_id, None, &detail).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves an account's version on from `version`, or refuses a stale change (nothing
    /// written). Runs first in a change's transaction.
    async fn bump_account(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: i64,
        version: i64,
    ) -> Result<()> {
        let moved =
            sqlx::query("UPDATE users SET version = version + 1 WHERE id = $1 AND version = $2")
                .bind(id)
                .bind(version)
                .execute(&mut **tx)
                .await?
                .rows_affected();
        if moved == 1 {
            return Ok(());
        }
        let now: Option<i64> = sqlx::query_scalar("SELECT version FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        match now {
            None => Err(no_account(id)),
            Some(now) => Err(StoreError::stale("version", version, now)),
        }
    }

    /// Changes an account's role, scope, person and office (`user.update`); its sessions
    /// and tokens act with the new ones at once.
    pub async fn update_account(
        &self,
        id: i64,
        version: i64,
        c: &AccountChange,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        Self::bump_account(&mut tx, id, version).await?;
        sqlx::query(
            "UPDATE users SET role = $1, scope_unit_id = $2, person_id = $3, office = $4 WHERE id = $5",
        )
        .bind(c.role.code())
        .bind(c.scope_unit_id)
        .bind(c.person_id)
        .bind(c.office.map(|o| o.code()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let detail = format!(
            "user {id} role {} scope {} person {} office {}",
            c.role.code(),
            opt(c.scope_unit_id),
            opt(c.person_id),
            c.office.map_or("-", |o| o.code())
        );
        self.commit_account_change(tx, meta, "user.update", &detail)
            .await
    }

    /// Disables an account (`user.disable`: it cannot sign in, its sessions end and its
    /// tokens stop working at once) or enables it again (`user.enable`).
    pub async fn set_account_disabled(
        &self,
        id: i64,
        version: i64,
        disabled: bool,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        Self::bump_account(&mut tx, id, version).await?;
        sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
            .bind(disabled.then_some(meta.at.as_str()))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.commit_account_change(tx, meta, action, &format!("user {id}"))
            .await
    }

    /// Sets a new password made by an administrator (`user.password_reset`) and ends every
    /// session of the account.
    pub async fn reset_account_password(
        &self,
        id: i64,
        version: i64,
        hash: &str,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        Self::bump_account(&mut tx, id, version).await?;
        // Until the owner chooses their own, the account reaches only its security page.
        sqlx::query("UPDATE users SET password_hash = $1, password_temporary = 1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.commit_account_change(tx, meta, "user.password_reset", &format!("user {id}"))
            .await
    }
}

fn opt(v: Option<i64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}
