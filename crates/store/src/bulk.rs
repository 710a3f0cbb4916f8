//! Fast loading of many rows (the demo dataset, large imports) in multi-row INSERTs inside
//! one transaction. Rows carry their ids, assigned by the loader, so no round trip is
//! spent reading them back; identity sequences are moved past them at the end.

use sqlx::{Any, Transaction};

use crate::{Backend, Result, Store};

/// One column value.
#[derive(Debug, Clone)]
pub enum Val {
    Int(i64),
    Text(String),
    NullInt,
    NullText,
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Val::NullInt, Val::Int)
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        v.map_or(Val::NullText, Val::Text)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        v.map_or(Val::NullText, |s| Val::Text(s.to_string()))
    }
}

/// Binds one value to a query.
pub(crate) fn bind_val<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    v: Val,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    match v {
        Val::Int(i) => q.bind(i),
        Val::Text(s) => q.bind(s),
        Val::NullInt => q.bind(None::<i64>),
        Val::NullText => q.bind(None::<String>),
    }
}

/// The tables a bulk load may fill, with their columns in insert order.
pub mod tables {
    pub const UNITS: (&str, &[&str]) = (
        "units",
        &[
            "id",
            "code",
            "parent_id",
            "kind",
            "name_th",
            "name_en",
            "valid_from",
            "valid_to",
        ],
    );
    pub const POSITIONS: (&str, &[&str]) = (
        "positions",
        &[
            "id",
            "position_no",
            "unit_id",
            "category",
            "level",
            "line_of_work",
            "admin_title",
            "valid_from",
            "valid_to",
            "approval_ref",
        ],
    );
    pub const PEOPLE: (&str, &[&str]) = (
        "people",
        &[
            "id",
            "national_id",
            "birth_date",
            "gender",
            "nationality",
            "education",
            "phone",
            "email",
            "version",
            "created_at",
        ],
    );
    pub const PERSON_NAMES: (&str, &[&str]) = (
        "person_names",
        &[
            "person_id",
            "valid_from",
            "title",
            "first_th",
            "last_th",
            "first_en",
            "last_en",
            "recorded_at",
        ],
    );
    pub const ORDERS: (&str, &[&str]) = (
        "orders",
        &[
            "id",
            "number",
            "issuer_unit_id",
            "signed_on",
            "signed_by",
            "authority",
            "effective_date",
            "reason",
            "corrects_order_id",
            "recorded_by",
            "recorded_at",
        ],
    );
    pub const ACTIONS: (&str, &[&str]) = (
        "actions",
        &[
            "order_id",
            "seq",
            "person_id",
            "kind",
            "effective_date",
            "position_id",
            "salary",
            "penalty",
            "penalty_percent",
            "penalty_months",
            "separation",
            "note",
            "detail",
        ],
    );
    pub const HOLIDAYS: (&str, &[&str]) = ("holidays", &["day", "name_th", "name_en"]);
    pub const REGISTER_SPANS: (&str, &[&str]) = (
        "register_spans",
        &[
            "person_id",
            "valid_from",
            "valid_to",
            "status",
            "position_id",
            "unit_id",
            "category",
            "level",
            "service_start",
        ],
    );
    pub const AUDIT: (&str, &[&str]) = (
        "audit_events",
        &[
            "at",
            "actor",
            "action",
            "reason",
            "person_id",
            "order_id",
            "request_ref",
            "detail",
        ],
    );
}

/// Parameters per INSERT. Both backends accept tens of thousands, but binding cost through
/// sqlx grows faster than linearly with the count: measured on SQLite, 5,000-person demo,
/// 120 → 4.3 s, 360 → 3.8 s, 1,200 → 5.5 s, 6,000 → 17.6 s (BENCHMARKS.md).
pub(crate) const PARAMS_PER_STATEMENT: usize = 400;

/// Buffers rows of one table and writes them in statements of many rows.
pub struct Loader {
    table: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<Val>>,
    batch: usize,
    pub written: u64,
}

impl Loader {
    pub fn new((table, cols): (&'static str, &'static [&'static str])) -> Self {
        let batch = (PARAMS_PER_STATEMENT / cols.len()).max(1);
        Self {
            table,
            cols,
            rows: Vec::with_capacity(batch),
            batch,
            written: 0,
        }
    }

    /// Adds a row, writing a batch when the buffer is full.
    pub async fn push(&mut self, tx: &mut Transaction<'static, Any>, row: Vec<Val>) -> Result<()> {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
        if self.rows.len() >= self.batch {
            self.flush(tx).await?;
        }
        Ok(())
    }

    pub async fn flush(&mut self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.cols.len();
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ",
            self.table,
            self.cols.join(", ")
        );
        for (i, _) in self.rows.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for j in 0..n {
                if j > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("${}", i * n + j + 1));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for row in self.rows.drain(..) {
            for v in row {
                q = bind_val(q, v);
            }
        }
        let done = q.execute(&mut **tx).await?;
        self.written += done.rows_affected();
        Ok(())
    }
}

/// SQLite built with STAT4 (as the bundled library is) keeps samples of index values after
/// `ANALYZE`; with them every statement whose plan could depend on a bound value is parsed
/// and planned again whenever the value changes: 13 % of the server's time under the profile
/// load (`sqlite3Reprepare` in `perf`). The row counts of `sqlite_stat1` are all our plans
/// need, so the samples are dropped and the statistics reloaded.
pub(crate) async fn drop_value_samples(conn: &mut sqlx::AnyConnection) -> Result<()> {
    let table: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat4'")
            .fetch_optional(&mut *conn)
            .await?;
    if table.is_none() {
        return Ok(());
    }
    let samples: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat4")
        .fetch_one(&mut *conn)
        .await?;
    if samples > 0 {
        sqlx::query("DELETE FROM sqlite_stat4")
            .execute(&mut *conn)
            .await?;
        sqlx::query("ANALYZE sqlite_schema")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Refreshes the query planner's statistics after a bulk load (on SQLite a sampled
    /// `ANALYZE`, which takes a moment even on the 87,000-person demo).
    pub async fn analyze(&self) -> Result<()> {
        match self.backend() {
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("PRAGMA analysis_limit = 1000")
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("ANALYZE").execute(&mut *conn).await?;
                drop_value_samples(&mut conn).await?;
                // The load went through the write-ahead log: fold it into the database file
                // now, so readers do not search a log as large as the load.
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&mut *conn)
                    .await?;
            }
            Backend::Postgres => {
                sqlx::query("ANALYZE").execute(&self.pool).await?;
            }
        }
        Ok(())
    }

    /// A transaction for a bulk load.
    ///
    /// On SQLite its connection gets a 256 MiB page cache for the load and is closed
    /// afterwards, so the pool's connections keep their small caches (a server's memory
    /// stays bounded; the operating system's file cache does the rest).
    pub async fn begin_bulk(&self) -> Result<Transaction<'static, Any>> {
        self.touch();
        match self.backend() {
            Backend::Postgres => self.begin_write().await,
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                conn.close_on_drop();
                sqlx::query("PRAGMA cache_size=-262144")
                    .execute(&mut *conn)
                    .await?;
                Ok(Transaction::begin(conn, Some("BEGIN IMMEDIATE".into())).await?)
            }
        }
    }

    /// After rows were loaded with explicit ids, moves PostgreSQL's identity sequences past
    /// them (SQLite needs nothing: it takes max(id)+1).
    pub async fn reset_sequences(&self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        if self.backend() == Backend::Postgres {
            for t in [
                "units",
                "positions",
                "people",
                "person_names",
                "orders",
                "actions",
                "audit_events",
                "users",
                "api_tokens",
            ] {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 0) + 1, false)"
                ))
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(())
    }

    /// The next free id of a table (for a loader that assigns ids).
    pub async fn next_id(&self, table: &str) -> Result<i64> {
        let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
            .fetch_one(&self.pool)
            .await?;
        Ok(max.unwrap_or(0) + 1)
    }
}
