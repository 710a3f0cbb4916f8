//! Fast loading of many rows (the demo dataset, large imports) in multi-row INSERTs inside
//! one transaction. Rows carry their ids, assigned by the loader, so no round trip is
//! spent reading them back; identity sequences are moved past them at the end.

use sqlx::{Any, AnyConnection, Transaction};

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
    pub const POSITION_VACANCIES: (&str, &[&str]) = (
        "position_vacancies",
        &[
            "position_id",
            "valid_from",
            "valid_to",
            "unit_id",
            "line_of_work",
            "admin_title",
        ],
    );
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
    /// The audit log: the columns an event is given by its writer. Events are appended only
    /// through [`crate::AuditChain`], which gives each its id and hashes (a plain [`Loader`]
    /// of this table is refused by the database).
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

/// Parameters per INSERT. Both backends accept tens of thousands; with [`Marks`] binding
/// costs the same per parameter whatever the count.
pub(crate) const PARAMS_PER_STATEMENT: usize = 4000;

/// Placeholders of a generated statement, in bind order: `$1, $2, …` on PostgreSQL, plain
/// `?` on SQLite.
///
/// To SQLite `$7` is a parameter *name*, kept in a list it searches from the start, and
/// sqlx asks the name of every parameter while binding: a statement of n such parameters
/// costs n² steps (`sqlite3_bind_parameter_name` was 23 % of the demo build in `perf`).
/// Plain `?` has no name and is bound by position.
pub(crate) struct Marks {
    numbered: bool,
    n: usize,
}

impl Marks {
    pub(crate) fn for_conn(conn: &sqlx::AnyConnection) -> Self {
        Marks {
            numbered: !conn.backend_name().eq_ignore_ascii_case("sqlite"),
            n: 0,
        }
    }

    /// Appends the next placeholder to `sql`.
    pub(crate) fn push(&mut self, sql: &mut String) {
        self.n += 1;
        if self.numbered {
            sql.push('$');
            sql.push_str(&self.n.to_string());
        } else {
            sql.push('?');
        }
    }

    /// `(p, …), (p, …), …`: `rows` tuples of `width` placeholders, appended to `sql`.
    pub(crate) fn push_rows(&mut self, sql: &mut String, rows: usize, width: usize) {
        for i in 0..rows {
            if i > 0 {
                sql.push(',');
            }
            self.push_tuple(sql, width);
        }
    }

    /// `(p, p, …)` of `width` placeholders, appended to `sql`.
    pub(crate) fn push_tuple(&mut self, sql: &mut String, width: usize) {
        sql.push('(');
        for j in 0..width {
            if j > 0 {
                sql.push(',');
            }
            self.push(sql);
        }
        sql.push(')');
    }
}

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
        self.push_on(tx, row).await
    }

    pub async fn flush(&mut self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        self.flush_on(tx).await
    }

    /// [`Loader::push`] on a connection already in the caller's transaction.
    pub(crate) async fn push_on(&mut self, conn: &mut AnyConnection, row: Vec<Val>) -> Result<()> {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
        if self.rows.len() >= self.batch {
            self.flush_on(conn).await?;
        }
        Ok(())
    }

    /// [`Loader::flush`] on a connection already in the caller's transaction.
    pub(crate) async fn flush_on(&mut self, conn: &mut AnyConnection) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.cols.len();
        let mut marks = Marks::for_conn(conn);
        // On SQLite `OR FAIL`: a failing statement keeps the rows before it instead of being
        // undone, so SQLite keeps no copy of every page each statement touches (a tenth of
        // the load); the caller's transaction is rolled back on any error anyway.
        let mut sql = format!(
            "INSERT {}INTO {} ({}) VALUES ",
            if marks.numbered { "" } else { "OR FAIL " },
            self.table,
            self.cols.join(", ")
        );
        marks.push_rows(&mut sql, self.rows.len(), n);
        let mut q = sqlx::query(&sql);
        for row in self.rows.drain(..) {
            for v in row {
                q = bind_val(q, v);
            }
        }
        let done = q.execute(conn).await?;
        self.written += done.rows_affected();
        Ok(())
    }
}

/// A bulk load's transaction (see [`Store::begin_bulk`]); dropped without
/// [`BulkTx::commit`], nothing of the load is written.
pub struct BulkTx {
    tx: Transaction<'static, Any>,
    backend: Backend,
    /// The secondary indexes dropped for the load, as the statements that build them.
    indexes: Vec<String>,
    /// The foreign keys dropped for the load (PostgreSQL), as the statements that add them
    /// again and check every row.
    keys: Vec<String>,
}

impl std::ops::Deref for BulkTx {
    type Target = Transaction<'static, Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for BulkTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl BulkTx {
    /// How many secondary indexes the load will build at commit.
    pub fn deferred_indexes(&self) -> usize {
        self.indexes.len()
    }

    /// How many foreign keys the load will add again, checking every row, at commit
    /// (PostgreSQL; SQLite checks its keys once without dropping them).
    pub fn deferred_keys(&self) -> usize {
        self.keys.len()
    }

    /// Builds the dropped indexes and commits, if every foreign key holds; otherwise
    /// nothing of the load is written and the error names the first rows that point
    /// nowhere.
    pub async fn commit(mut self) -> Result<()> {
        for sql in &self.indexes {
            sqlx::query(sql).execute(&mut *self.tx).await?;
        }
        for sql in &self.keys {
            if let Err(e) = sqlx::query(sql).execute(&mut *self.tx).await {
                return Err(crate::StoreError::Other(format!(
                    "ข้อมูลที่นำเข้าอ้างถึงรายการที่ไม่มีอยู่ จึงไม่บันทึกสิ่งใด / the load refers to rows that do not exist, so nothing was written: {e}"
                )));
            }
        }
        if self.backend == Backend::Sqlite {
            let broken: Vec<(String, Option<i64>, String)> = sqlx::query_as(
                "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 5",
            )
            .fetch_all(&mut *self.tx)
            .await?;
            if !broken.is_empty() {
                let rows: Vec<String> = broken
                    .iter()
                    .map(|(t, id, parent)| format!("{t} #{} → {parent}", id.unwrap_or(0)))
                    .collect();
                return Err(crate::StoreError::Other(format!(
                    "ข้อมูลที่นำเข้าอ้างถึงรายการที่ไม่มีอยู่ จึงไม่บันทึกสิ่งใด / the load refers to rows that do not exist, so nothing was written: {}",
                    rows.join(", ")
                )));
            }
        }
        self.tx.commit().await?;
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

    /// A transaction for a bulk load into `tables`, to be ended by [`BulkTx::commit`].
    ///
    /// Work that a row-by-row insert would repeat for every row is done once at the end:
    /// - the tables' secondary indexes are dropped now and built again at commit, from the
    ///   loaded rows in one sort each (unique indexes stay and keep checking every row);
    /// - foreign keys are checked once over every table instead of row by row: on SQLite
    ///   by `pragma_foreign_key_check` (the row-by-row checks took 11 of the 13 s of loading
    ///   the demo's 2 million actions, the whole check 2 s); on PostgreSQL by dropping the
    ///   tables' keys now and adding them again at commit, which checks every row in one
    ///   join (the row-by-row checks were two thirds of PostgreSQL's time loading the demo,
    ///   under `perf`).
    ///
    /// Dropping an index or a key locks its table until the commit: this is for loads into tables no
    /// one else is using (the demo loads only into an empty database).
    ///
    /// On SQLite its connection gets a 256 MiB page cache for the load and is closed
    /// afterwards, so the pool's connections keep their small caches (a server's memory
    /// stays bounded; the operating system's file cache does the rest).
    pub async fn begin_bulk(&self, tables: &[&str]) -> Result<BulkTx> {
        self.touch();
        let mut tx = match self.backend() {
            Backend::Postgres => self.begin_write().await?,
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                conn.close_on_drop();
                sqlx::query("PRAGMA cache_size=-262144; PRAGMA foreign_keys=OFF")
                    .execute(&mut *conn)
                    .await?;
                Transaction::begin(conn, Some("BEGIN IMMEDIATE".into())).await?
            }
        };
        let list = tables
            .iter()
            .map(|t| format!("'{}'", t.replace('\'', "")))
            .collect::<Vec<_>>()
            .join(",");
        let indexes: Vec<(String, String)> = sqlx::query_as(&match self.backend() {
            Backend::Sqlite => format!(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                 AND tbl_name IN ({list}) AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
            ),
            Backend::Postgres => format!(
                "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema() \
                 AND tablename IN ({list}) AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname"
            ),
        })
        .fetch_all(&mut *tx)
        .await?;
        for (name, _) in &indexes {
            sqlx::query(&format!("DROP INDEX {name}"))
                .execute(&mut *tx)
                .await?;
        }
        let mut keys = Vec::new();
        if self.backend() == Backend::Postgres {
            let found: Vec<(String, String, String)> = sqlx::query_as(&format!(
                "SELECT t.relname::text, c.conname::text, pg_get_constraintdef(c.oid) \
                 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace \
                 WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname IN ({list}) \
                 ORDER BY 1, 2"
            ))
            .fetch_all(&mut *tx)
            .await?;
            for (table, name, def) in found {
                sqlx::query(&format!("ALTER TABLE {table} DROP CONSTRAINT {name}"))
                    .execute(&mut *tx)
                    .await?;
                keys.push(format!("ALTER TABLE {table} ADD CONSTRAINT {name} {def}"));
            }
        }
        Ok(BulkTx {
            tx,
            backend: self.backend(),
            indexes: indexes.into_iter().map(|(_, sql)| sql).collect(),
            keys,
        })
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
