use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::{Result, StoreError};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The handle every use-case gets: a pool and the backend it speaks to.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    url: String,
    /// Names for fragment search, shared by every clone of this handle.
    pub(crate) names: std::sync::Arc<tokio::sync::RwLock<crate::people::names::NameDirectory>>,
    /// People whose names the directory reads again before the next search.
    pub(crate) names_due: std::sync::Arc<crate::people::names::NamesDue>,
    /// The group-commit writer of read events, started on first use.
    pub(crate) events: std::sync::Arc<std::sync::OnceLock<crate::audit::events::EventWriter>>,
    /// ((highest unit id, unit count) seen, children of each unit), for scopes.
    pub(crate) unit_tree: std::sync::Arc<tokio::sync::RwLock<UnitTree>>,
    /// Held by every handle; the SQLite checkpointer stops once the last one is dropped.
    alive: std::sync::Arc<()>,
    /// Profiles read recently, each valid while its person's version is unchanged.
    pub(crate) profiles: std::sync::Arc<crate::register::profile::ProfileCache>,
    /// ((highest id, count, sum of versions), every unit), for names on pages.
    pub(crate) units_cache: std::sync::Arc<tokio::sync::RwLock<Option<UnitsCache>>>,
    /// Moved on by every write of this process that changes the register or the frame, so
    /// cached figures are dropped at once (and after a minute for other processes' writes).
    pub(crate) register_gen: std::sync::Arc<std::sync::atomic::AtomicU64>,
    pub(crate) dashboard_cache:
        std::sync::Arc<std::sync::Mutex<crate::register::stats::DashboardCache>>,
    /// Every unit's own frame counts by date (the unit tree's page), as the dashboard's.
    pub(crate) frame_counts: std::sync::Arc<std::sync::Mutex<crate::frame::FrameCountCache>>,
    /// Units' codes and names, which never change (see `Store::unit_name`).
    pub(crate) unit_names: std::sync::Arc<
        std::sync::Mutex<std::collections::HashMap<i64, std::sync::Arc<crate::frame::UnitName>>>,
    >,
    /// The titles and lines of work positions bear, for the position picker.
    pub(crate) position_titles: std::sync::Arc<std::sync::Mutex<Option<crate::pickers::Titles>>>,
    /// Tokens and sessions read recently (see [`crate::accounts::credentials`]).
    pub(crate) credentials: std::sync::Arc<crate::accounts::credentials::CredentialCache>,
    /// Connections apart from the pool for the hottest short reads (PostgreSQL only).
    pub(crate) readers: Option<std::sync::Arc<crate::readers::Readers>>,
}

pub(crate) type UnitsCache = ((i64, i64, i64), std::sync::Arc<Vec<crate::frame::UnitRow>>);

pub(crate) type UnitTree = ((i64, i64), std::collections::HashMap<i64, Vec<i64>>);

const MIGRATIONS_SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_init.sql")),
    (
        2,
        include_str!("../migrations/sqlite/0002_register_spans.sql"),
    ),
    (3, include_str!("../migrations/sqlite/0003_sessions.sql")),
    (
        4,
        include_str!("../migrations/sqlite/0004_order_drafts.sql"),
    ),
    (
        5,
        include_str!("../migrations/sqlite/0005_span_position_index.sql"),
    ),
    (
        6,
        include_str!("../migrations/sqlite/0006_action_detail.sql"),
    ),
    (7, include_str!("../migrations/sqlite/0007_user_office.sql")),
    (8, include_str!("../migrations/sqlite/0008_cases.sql")),
    (
        9,
        include_str!("../migrations/sqlite/0009_people_birth_date.sql"),
    ),
    (
        10,
        include_str!("../migrations/sqlite/0010_audit_newest_first.sql"),
    ),
    (
        11,
        include_str!("../migrations/sqlite/0011_person_change_notices.sql"),
    ),
    (
        12,
        include_str!("../migrations/sqlite/0012_person_changes.sql"),
    ),
    (
        13,
        include_str!("../migrations/sqlite/0013_audit_chain.sql"),
    ),
    (
        14,
        include_str!("../migrations/sqlite/0014_sign_in_security.sql"),
    ),
    (
        15,
        include_str!("../migrations/sqlite/0015_thai_collation.sql"),
    ),
    (
        16,
        include_str!("../migrations/sqlite/0016_actions_by_date.sql"),
    ),
    (17, include_str!("../migrations/sqlite/0017_user_admin.sql")),
    (
        18,
        include_str!("../migrations/sqlite/0018_vacancy_lookup.sql"),
    ),
    (19, include_str!("../migrations/sqlite/0019_pickers.sql")),
    (
        20,
        include_str!("../migrations/sqlite/0020_draft_review.sql"),
    ),
    (
        21,
        include_str!("../migrations/sqlite/0021_actions_by_kind.sql"),
    ),
    (
        22,
        include_str!("../migrations/sqlite/0022_position_vacancies.sql"),
    ),
    (
        23,
        include_str!("../migrations/sqlite/0023_password_temporary.sql"),
    ),
];
const MIGRATIONS_POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_init.sql")),
    (
        2,
        include_str!("../migrations/postgres/0002_register_spans.sql"),
    ),
    (3, include_str!("../migrations/postgres/0003_sessions.sql")),
    (
        4,
        include_str!("../migrations/postgres/0004_order_drafts.sql"),
    ),
    (
        5,
        include_str!("../migrations/postgres/0005_span_position_index.sql"),
    ),
    (
        6,
        include_str!("../migrations/postgres/0006_action_detail.sql"),
    ),
    (
        7,
        include_str!("../migrations/postgres/0007_user_office.sql"),
    ),
    (8, include_str!("../migrations/postgres/0008_cases.sql")),
    (
        9,
        include_str!("../migrations/postgres/0009_people_birth_date.sql"),
    ),
    (
        10,
        include_str!("../migrations/postgres/0010_audit_newest_first.sql"),
    ),
    (
        11,
        include_str!("../migrations/postgres/0011_person_change_notices.sql"),
    ),
    (
        12,
        include_str!("../migrations/postgres/0012_person_names_notice.sql"),
    ),
    (
        13,
        include_str!("../migrations/postgres/0013_audit_chain.sql"),
    ),
    (
        14,
        include_str!("../migrations/postgres/0014_sign_in_security.sql"),
    ),
    (
        15,
        include_str!("../migrations/postgres/0015_thai_collation.sql"),
    ),
    (
        16,
        include_str!("../migrations/postgres/0016_actions_by_date.sql"),
    ),
    (
        17,
        include_str!("../migrations/postgres/0017_user_admin.sql"),
    ),
    (
        18,
        include_str!("../migrations/postgres/0018_vacancy_lookup.sql"),
    ),
    (19, include_str!("../migrations/postgres/0019_pickers.sql")),
    (
        20,
        include_str!("../migrations/postgres/0020_draft_review.sql"),
    ),
    (
        21,
        include_str!("../migrations/postgres/0021_actions_by_kind.sql"),
    ),
    (
        22,
        include_str!("../migrations/postgres/0022_position_vacancies.sql"),
    ),
    (
        23,
        include_str!("../migrations/postgres/0023_password_temporary.sql"),
    ),
];

impl Store {
    /// Opens (and, for SQLite, creates) the database at `url` and brings its schema up to date.
    ///
    /// `sqlite://PATH` or `postgres://...`. SQLite runs in WAL mode so readers never wait for
    /// the writer and a backup can be taken while the server runs.
    pub async fn open(url: &str) -> Result<Store> {
        crate::collation::install_drivers();
        let (backend, connect_url) = if let Some(path) = url.strip_prefix("sqlite://") {
            if let Some(dir) = Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Other(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
            }
            let sep = if path.contains('?') { '&' } else { '?' };
            (Backend::Sqlite, format!("{url}{sep}mode=rwc"))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::Other(format!(
                "unsupported database URL \"{url}\": use sqlite://PATH or postgres://... / รองรับเฉพาะ sqlite:// และ postgres://"
            )));
        };
        let opts = AnyConnectOptions::from_str(&connect_url)?;
        // No ping before each use: it doubled the round trips of every short read (a
        // connection that broke fails its query, and the pool replaces it).
        let pool = match backend {
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(&*format!(
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                                 PRAGMA busy_timeout={BUSY_TIMEOUT_MS}; PRAGMA foreign_keys=ON; \
                                 PRAGMA journal_size_limit={WAL_LIMIT_BYTES}; \
                                 PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY; \
                                 PRAGMA mmap_size=0; \
                                 PRAGMA wal_autocheckpoint=0;"
                            ))
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(opts.clone())
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(false)
                    // Short reads over a few thousand rows cross the JIT's cost threshold and
                    // then spend 30 ms compiling for a 40 ms query (a district's register).
                    // Random reads cost little more than sequential ones on the SSDs this
                    // runs on; at the default (4) the planner hashes all 177,000 name rows
                    // rather than look up a district's 1,200 (120 ms instead of 27 ms).
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(crate::readers::PG_SESSION).await?;
                            Ok(())
                        })
                    })
                    .connect_with(opts.clone())
                    .await?
            }
        };
        let opts_for_watcher = opts.clone();
        let readers = (backend == Backend::Postgres)
            .then(|| std::sync::Arc::new(crate::readers::Readers::new(opts)));
        let store = Store {
            pool,
            backend,
            url: url.to_string(),
            names: Default::default(),
            names_due: Default::default(),
            events: Default::default(),
            unit_tree: Default::default(),
            profiles: Default::default(),
            units_cache: Default::default(),
            register_gen: Default::default(),
            dashboard_cache: Default::default(),
            frame_counts: Default::default(),
            unit_names: Default::default(),
            position_titles: Default::default(),
            credentials: Default::default(),
            alive: Default::default(),
            readers,
        };
        if backend == Backend::Sqlite {
            store.check_thai_collation().await?;
        }
        store.migrate().await?;
        match backend {
            Backend::Sqlite => {
                spawn_checkpointer(store.pool.clone(), std::sync::Arc::downgrade(&store.alive));
                crate::changes::spawn_watcher(
                    opts_for_watcher,
                    store.hearers(),
                    store.pool.clone(),
                    std::sync::Arc::downgrade(&store.alive),
                );
            }
            Backend::Postgres => crate::changes::spawn_listener(
                url.to_string(),
                store.hearers(),
                store.pool.clone(),
                std::sync::Arc::downgrade(&store.alive),
            ),
        }
        Ok(store)
    }

    /// SQLite's connections have the `thai` collation only when the store's drivers were
    /// installed first (see [`crate::install_drivers`]): say so now, not on the first list
    /// sorted in Thai.
    async fn check_thai_collation(&self) -> Result<()> {
        sqlx::query("SELECT 'ก' < 'ข' COLLATE thai")
            .execute(&self.pool)
            .await
            .map_err(|e| {
                StoreError::Other(format!(
                    "SQLite connections lack the thai collation ({e}): sqlx's default drivers \
                     were installed before bmahr_store::install_drivers"
                ))
            })?;
        Ok(())
    }

    fn hearers(&self) -> crate::changes::Hearers {
        crate::changes::Hearers {
            profiles: self.profiles.clone(),
            names: self.names_due.clone(),
        }
    }

    /// A handle on the same database without the event writer, for the writer itself (so
    /// that dropping the last user handle ends it).
    pub(crate) fn without_writer(&self) -> Store {
        Store {
            events: Default::default(),
            ..self.clone()
        }
    }

    /// This handle with its own memory of credentials, trusted for `ttl` (see
    /// [`crate::accounts::credentials::CREDENTIAL_TTL`]).
    pub fn with_credential_ttl(self, ttl: std::time::Duration) -> Store {
        Store {
            credentials: std::sync::Arc::new(
                crate::accounts::credentials::CredentialCache::with_ttl(ttl),
            ),
            ..self
        }
    }

    /// Marks the register or the frame changed (see `register_gen`).
    pub(crate) fn touch(&self) {
        self.register_gen
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forgets what is trusted of these people, as this process's write to them commits
    /// (the listener hears it too, but perhaps after the writer's next read).
    pub(crate) fn changed_people(&self, ids: impl IntoIterator<Item = i64>) {
        for id in ids {
            self.profiles.changed(id);
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes the pool; on SQLite first folds the write-ahead log back into the database
    /// file, so the file alone is the whole database.
    pub async fn close(&self) {
        if self.backend == Backend::Sqlite {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await;
        }
        if let Some(r) = &self.readers {
            r.close().await;
        }
        self.profiles.listening(false);
        self.pool.close().await;
    }

    /// Applies the migrations this database has not seen yet, each in its own transaction.
    pub async fn migrate(&self) -> Result<()> {
        self.pool
            .execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            .await?;
        let migrations = match self.backend {
            Backend::Sqlite => MIGRATIONS_SQLITE,
            Backend::Postgres => MIGRATIONS_POSTGRES,
        };
        let mut backfill_spans = false;
        let mut backfill_vacancies = false;
        for (version, sql) in migrations {
            let mut tx = self.begin_write().await?;
            let done: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_one(&mut *tx)
                    .await?;
            if done == 0 {
                tx.execute(*sql).await?;
                // A database from before the spans table gets them computed from its actions.
                backfill_spans |= *version == 2;
                // And before the vacancies table, those from its frame and spans.
                backfill_vacancies |= *version == 22;
                sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                    .bind(*version)
                    .bind(chrono_free_now())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        }
        if backfill_spans {
            // Rebuilds the vacancies too.
            self.rebuild_spans().await?;
        } else if backfill_vacancies {
            self.rebuild_vacancies().await?;
        }
        // Databases analysed by earlier versions still hold value samples.
        if self.backend == Backend::Sqlite {
            let mut conn = self.pool.acquire().await?;
            crate::bulk::drop_value_samples(&mut conn).await?;
        }
        Ok(())
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so two writers queue instead of failing when the second upgrades its read lock.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            // A write reads a few thousand rows at most (the actions of the people an order
            // names); a parallel worker started for such a read costs more than it saves
            // (10.7 → 6.7 ms for 100 people's actions here), while the large reads outside
            // writes (the forecast: 87 → 120 ms without) keep theirs.
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN; SET LOCAL max_parallel_workers_per_gather = 0")
                    .await?
            }
        })
    }

    /// A transaction that only reads: one consistent snapshot, and no write lock (SQLite's
    /// deferred `BEGIN` takes none until a write, which a read transaction never makes).
    pub(crate) async fn begin_read(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN DEFERRED").await?,
            Backend::Postgres => {
                self.pool
                    .begin_with(
                        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; \
                         SET LOCAL max_parallel_workers_per_gather = 0",
                    )
                    .await?
            }
        })
    }

    /// True when the database holds no units yet (a fresh install).
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }
}

/// Times 20 ms the warm-up waits for the listener of changes to subscribe (5 s).
const LISTENER_WAITS: usize = 250;

impl Store {
    /// Reads the names and unit links the first requests would otherwise wait for.
    pub async fn warm_up(&self) -> Result<()> {
        // The listener's subscription asks for every name again (changes before it may have
        // gone unheard): read after it, the names are read once, not twice.
        for _ in 0..LISTENER_WAITS {
            if self.profiles.is_listening() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        drop(self.names_now().await?);
        if let Some(root) = sqlx::query_scalar::<_, Option<i64>>("SELECT MIN(id) FROM units")
            .fetch_one(&self.pool)
            .await?
        {
            self.unit_subtree(root).await?;
        }
        Ok(())
    }
}

/// How often the write-ahead log is folded back into the database file (SQLite).
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// The size the write-ahead log file is cut back to when it restarts (`journal_size_limit`).
const WAL_LIMIT_BYTES: i64 = 64 << 20;

/// Frames (4 KiB pages) the write-ahead log may hold before the checkpointer restarts it.
pub const WAL_RESTART_FRAMES: i64 = WAL_LIMIT_BYTES / 4096;

/// How long a restart may hold new writers back while the readers of the log finish.
const WAL_RESTART_WAIT_MS: u32 = 10;

/// The usual wait for a lock.
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// Folds SQLite's write-ahead log into the database file in the background, instead of in
/// the commit that happens to cross 1,000 pages (each connection's automatic checkpoint is
/// off): a reader's answer that waits on a commit no longer also waits on a checkpoint
/// (the profile's p99 went from 12 ms to 4 ms with none at all). PASSIVE: it never blocks
/// readers or the writer, and folds what it can.
///
/// Under steady load a passive checkpoint never catches up with the writer, so SQLite never
/// starts the log again from its beginning: in 23 s of record views it grew to 850 MB (5 GB
/// over a bench), and every read got slower. Past [`WAL_RESTART_FRAMES`] the checkpointer
/// therefore asks for a RESTART, which holds new writers back until the readers still in
/// the log are done, but for at most [`WAL_RESTART_WAIT_MS`]: a long reader (an export, a
/// backup) makes it give up until the next round rather than stall writers.
fn spawn_checkpointer(pool: AnyPool, alive: std::sync::Weak<()>) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            if alive.strong_count() == 0 || pool.is_closed() {
                break;
            }
            let _ = checkpoint(&pool).await;
        }
    });
}

impl Store {
    /// One round of the background checkpointer (SQLite; nothing on PostgreSQL): folds the
    /// write-ahead log into the database file and, when it is long, restarts it. Returns the
    /// frames the log holds after the round (0 once restarted, -1 when another checkpoint
    /// was running).
    pub async fn checkpoint(&self) -> Result<i64> {
        match self.backend {
            Backend::Sqlite => checkpoint(&self.pool).await,
            Backend::Postgres => Ok(0),
        }
    }
}

async fn checkpoint(pool: &AnyPool) -> Result<i64> {
    use sqlx::Row;
    let mut conn = pool.acquire().await?;
    let row = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(&mut *conn)
        .await?;
    let frames: i64 = row.try_get(1)?;
    if frames < WAL_RESTART_FRAMES {
        return Ok(frames);
    }
    conn.execute(&*format!("PRAGMA busy_timeout={WAL_RESTART_WAIT_MS}"))
        .await?;
    let restarted = sqlx::query("PRAGMA wal_checkpoint(RESTART)")
        .fetch_one(&mut *conn)
        .await;
    // The connection goes back to the pool: its usual wait first, whatever happened.
    let reset = conn
        .execute(&*format!("PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"))
        .await;
    if reset.is_err() {
        // A connection left with the short wait would fail ordinary writes: drop it.
        conn.detach();
    }
    reset?;
    let row = restarted?;
    let busy: i64 = row.try_get(0)?;
    let frames: i64 = row.try_get(1)?;
    Ok(if busy == 0 { 0 } else { frames })
}

/// Migration bookkeeping only: the migration instant is informative, not audited.
fn chrono_free_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("unix:{secs}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One schema: every migration exists for both backends, in the same order.
    #[test]
    fn both_backends_have_the_same_migrations() {
        let v = |m: &[(i64, &str)]| m.iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(v(MIGRATIONS_SQLITE), v(MIGRATIONS_POSTGRES));
        assert_eq!(
            v(MIGRATIONS_SQLITE),
            (1..=MIGRATIONS_SQLITE.len() as i64).collect::<Vec<_>>()
        );
    }
}
