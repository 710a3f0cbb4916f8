//! What `bmahr bench` asks of the database beyond the use-cases: its size, a trivial round
//! trip to compare other timings with, and scratch databases next to it.

use sqlx::{Connection, Executor};

use crate::{Backend, Result, Store, StoreError};

impl Store {
    /// Bytes the database takes: on SQLite its pages after folding the write-ahead log back
    /// into the file (what `ls -l` shows after `close`); on PostgreSQL `pg_database_size`.
    pub async fn size_bytes(&self) -> Result<i64> {
        match self.backend() {
            Backend::Sqlite => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&self.pool)
                    .await?;
                let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
                    .fetch_one(&self.pool)
                    .await?;
                let size: i64 = sqlx::query_scalar("PRAGMA page_size")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(pages * size)
            }
            Backend::Postgres => Ok(sqlx::query_scalar(
                "SELECT pg_database_size(current_database())::BIGINT",
            )
            .fetch_one(&self.pool)
            .await?),
        }
    }

    /// One trivial round trip through the pool (`SELECT 1`).
    pub async fn ping(&self) -> Result<()> {
        let one: i64 = sqlx::query_scalar("SELECT 1").fetch_one(&self.pool).await?;
        if one == 1 {
            Ok(())
        } else {
            Err(StoreError::Other("SELECT 1 did not return 1".into()))
        }
    }
}

/// The URL of a scratch database named after the one at `url` with `_suffix` appended, and
/// created empty on the same PostgreSQL server (any previous one of that name is dropped).
/// SQLite: a file of that name next to the database file.
pub async fn create_scratch(url: &str, suffix: &str) -> Result<String> {
    let scratch = scratch_url(url, suffix)?;
    match scratch.strip_prefix("sqlite://") {
        Some(path) => {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{ext}"));
            }
        }
        None => {
            let name = db_name(&scratch)?;
            let mut conn = sqlx::PgConnection::connect(url).await?;
            conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await?;
            conn.execute(
                format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'").as_str(),
            )
            .await?;
            conn.close().await?;
        }
    }
    Ok(scratch)
}

/// Removes the scratch database [`create_scratch`] made.
pub async fn drop_scratch(url: &str, suffix: &str) -> Result<()> {
    let scratch = scratch_url(url, suffix)?;
    match scratch.strip_prefix("sqlite://") {
        Some(path) => {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{ext}"));
            }
        }
        None => {
            let name = db_name(&scratch)?;
            let mut conn = sqlx::PgConnection::connect(url).await?;
            conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await?;
            conn.close().await?;
        }
    }
    Ok(())
}

fn scratch_url(url: &str, suffix: &str) -> Result<String> {
    let bad = || StoreError::Other(format!("cannot name a scratch database next to {url}"));
    if !suffix
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(bad());
    }
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        let stem = path.strip_suffix(".sqlite").unwrap_or(path);
        return Ok(format!("sqlite://{stem}_{suffix}.sqlite"));
    }
    let (base, rest) = url.rsplit_once('/').ok_or_else(bad)?;
    let (name, query) = match rest.split_once('?') {
        Some((n, q)) => (n, format!("?{q}")),
        None => (rest, String::new()),
    };
    if name.is_empty() {
        return Err(bad());
    }
    Ok(format!("{base}/{name}_{suffix}{query}"))
}

fn db_name(url: &str) -> Result<String> {
    let rest = url.rsplit_once('/').map(|x| x.1).unwrap_or_default();
    let name = rest.split('?').next().unwrap_or_default().to_string();
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(name)
    } else {
        Err(StoreError::Other(format!(
            "database name \"{name}\" must be letters, digits and _ for a scratch copy"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_databases_are_named_after_the_main_one() {
        assert_eq!(
            scratch_url("sqlite:///tmp/b/bench.sqlite", "import").unwrap(),
            "sqlite:///tmp/b/bench_import.sqlite"
        );
        assert_eq!(
            scratch_url("postgres://postgres@127.0.0.1:5432/bmahr_bench", "import").unwrap(),
            "postgres://postgres@127.0.0.1:5432/bmahr_bench_import"
        );
        assert!(scratch_url("postgres://h/x", "a;b").is_err());
    }
}
