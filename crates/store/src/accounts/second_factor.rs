//! Rows of the TOTP second factor (RFC 6238): the secret being set up, the confirmed secret,
//! the last time step accepted, and one-time recovery codes. The codes' checking is the
//! server's; every change here is audited in its own transaction.

use crate::{audit, Result, Store, WriteMeta};

impl Store {
    /// Keeps a new secret until its first code confirms it.
    pub async fn set_totp_pending(
        &self,
        user_id: i64,
        secret: &str,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET totp_pending = $1 WHERE id = $2")
            .bind(secret)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            meta,
            "user.2fa_setup",
            None,
            None,
            &format!("user {user_id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn totp_pending(&self, user_id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT totp_pending FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?
                .flatten(),
        )
    }

    /// Makes the pending secret the account's, with the step its first code used and fresh
    /// recovery codes (their hashes); the old codes end.
    pub async fn confirm_totp(
        &self,
        user_id: i64,
        secret: &str,
        step: i64,
        recovery_hashes: &[String],
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE users SET totp_secret = $1, totp_pending = NULL, totp_last_step = $2 \
             WHERE id = $3",
        )
        .bind(secret)
        .bind(step)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for h in recovery_hashes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(user_id)
                .bind(h)
                .execute(&mut *tx)
                .await?;
        }
        self.commit_account_change(tx, meta, "user.2fa_on", &format!("user {user_id}"))
            .await
    }

    /// Turns the second factor off (by its owner, or reset by an administrator).
    pub async fn clear_totp(&self, user_id: i64, meta: &WriteMeta) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL \
             WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        self.commit_account_change(tx, meta, "user.2fa_off", &format!("user {user_id}"))
            .await
    }

    /// Takes a time step as used, if it is later than every step used before; `false` when a
    /// code of this step (or a later one) was already accepted — a replay.
    pub async fn accept_totp_step(&self, user_id: i64, step: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
             AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Spends a recovery code (by its hash); `false` if it is not the account's or was spent.
    pub async fn spend_recovery_code(
        &self,
        user_id: i64,
        code_hash: &str,
        now: &str,
    ) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 \
             AND used_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(code_hash)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Recovery codes not yet spent.
    pub async fn recovery_codes_left(&self, user_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?)
    }
}
