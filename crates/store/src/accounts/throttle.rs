//! Failed sign-ins counted per key, and browsers known to an account.
//!
//! An attempt is *reserved* — counted — in one write transaction before its password is
//! checked, so a hundred parallel guesses get a hundred different numbers and only those
//! under the limit are ever checked (issue 21: counting after the check let 92 of 100
//! through). The policy (which keys, how many are free, how long a pause) is the caller's.

use sqlx::Row;

use crate::{Backend, Result, Store};

/// One counter an attempt is charged to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ThrottleKey {
    /// What is counted, e.g. `src:10.0.0.7` or `acct:somchai`.
    pub key: String,
    /// Failures allowed within the window before pauses begin.
    pub free: i64,
}

/// Whether an attempt may be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// Counted; check the password.
    Allowed,
    /// A key is paused until this RFC 3339 instant; the attempt was not counted.
    Paused { until: String },
}

impl Store {
    /// Counts one attempt against every key, unless one of them is paused at `now`. A key
    /// whose count began before `window_start` (and is not paused) starts again from zero.
    /// `pause_until(failures, free)` says until when a key pauses once it has `failures`.
    pub async fn reserve_login_attempt(
        &self,
        keys: &[ThrottleKey],
        now: &str,
        window_start: &str,
        pause_until: impl Fn(i64, i64) -> Option<String>,
    ) -> Result<Reservation> {
        let mut keys = keys.to_vec();
        // One order of row locks for every transaction: no deadlock between two attempts.
        keys.sort();
        keys.dedup_by(|a, b| a.key == b.key);
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_write().await?;
        let mut rows = Vec::with_capacity(keys.len());
        for k in &keys {
            sqlx::query(
                "INSERT INTO login_throttle (key, failures, first_at) VALUES ($1, 0, $2) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(&k.key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let r = sqlx::query(&format!(
                "SELECT failures, first_at, locked_until FROM login_throttle WHERE key = $1{lock}"
            ))
            .bind(&k.key)
            .fetch_one(&mut *tx)
            .await?;
            let failures: i64 = r.try_get("failures")?;
            let first_at: String = r.try_get("first_at")?;
            let locked_until: Option<String> = r.try_get("locked_until")?;
            rows.push((failures, first_at, locked_until));
        }
        let paused = rows
            .iter()
            .filter_map(|(_, _, until)| until.as_deref())
            .filter(|until| *until > now)
            .max()
            .map(str::to_string);
        if let Some(until) = paused {
            tx.commit().await?;
            return Ok(Reservation::Paused { until });
        }
        for (k, (failures, first_at, _)) in keys.iter().zip(rows) {
            let (failures, first_at) = if first_at.as_str() < window_start {
                (1, now.to_string())
            } else {
                (failures + 1, first_at)
            };
            sqlx::query(
                "UPDATE login_throttle SET failures = $1, first_at = $2, locked_until = $3 \
                 WHERE key = $4",
            )
            .bind(failures)
            .bind(&first_at)
            .bind(pause_until(failures, k.free))
            .bind(&k.key)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Reservation::Allowed)
    }

    /// Forgets the counts of these keys (after a successful sign-in).
    pub async fn clear_login_keys(&self, keys: &[&str]) -> Result<()> {
        for k in keys {
            sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                .bind(k)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Takes back one counted attempt of a key (a success from a source shared by many, an
    /// office behind one address, is not a failure of it).
    pub async fn forgive_login_attempt(&self, key: &str) -> Result<()> {
        sqlx::query(
            "UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Drops counts that began before `before` and pause nothing at `now`, so names sprayed
    /// by a guesser do not pile up.
    pub async fn prune_login_keys(&self, before: &str, now: &str) -> Result<u64> {
        let r = sqlx::query(
            "DELETE FROM login_throttle WHERE first_at < $1 \
             AND (locked_until IS NULL OR locked_until <= $2)",
        )
        .bind(before)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected())
    }

    /// Remembers a browser that signed in to an account (only the hash of its token).
    pub async fn remember_device(&self, token_hash: &str, user_id: i64, now: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (token_hash) DO NOTHING",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether a browser's token was remembered for this account since `since`.
    pub async fn is_known_device(
        &self,
        token_hash: &str,
        user_id: i64,
        since: &str,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_devices WHERE token_hash = $1 AND user_id = $2 \
             AND created_at > $3",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }
}
