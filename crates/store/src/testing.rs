//! Fresh databases for tests, on every backend the run was given. SQLite always; PostgreSQL
//! when `BMAHR_TEST_PG` names a server (e.g. `postgres://postgres@127.0.0.1:5432/test`),
//! where each test gets a database of its own, dropped when it finishes.

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, Executor};

use crate::{Backend, Store};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The backends this test run covers.
pub fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Sqlite];
    if pg_admin_url().is_some() {
        b.push(Backend::Postgres);
    }
    b
}

fn pg_admin_url() -> Option<String> {
    std::env::var("BMAHR_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A database that exists for one test.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Database { admin: String, name: String },
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

/// A URL for a new, empty database on `backend` (created for PostgreSQL).
pub async fn fresh_url(backend: Backend) -> Result<(String, TestDbCleanup), String> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(unique("bmahr_test"));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let path = dir.join("test.sqlite");
            Ok((
                format!("sqlite://{}", path.display()),
                TestDbCleanup(Cleanup::File(dir)),
            ))
        }
        Backend::Postgres => {
            let admin = pg_admin_url().ok_or("BMAHR_TEST_PG is not set")?;
            let name = unique("bmahr_test");
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .map_err(|e| e.to_string())?;
            conn.execute(
                format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'").as_str(),
            )
            .await
            .map_err(|e| e.to_string())?;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin.clone());
            Ok((
                format!("{base}/{name}"),
                TestDbCleanup(Cleanup::Database { admin, name }),
            ))
        }
    }
}

/// Removes a test database; call [`TestDbCleanup::run`] when the test is done.
pub struct TestDbCleanup(Cleanup);

impl TestDbCleanup {
    pub async fn run(self) {
        match self.0 {
            Cleanup::File(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin, name } => {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let _ = conn
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                }
            }
        }
    }
}

impl TestDb {
    /// A migrated, empty store on `backend`.
    pub async fn new(backend: Backend) -> Result<TestDb, String> {
        let (url, cleanup) = fresh_url(backend).await?;
        let store = Store::open(&url).await.map_err(|e| e.to_string())?;
        Ok(TestDb {
            store,
            url,
            cleanup: cleanup.0,
        })
    }

    pub async fn finish(self) {
        self.store.close().await;
        TestDbCleanup(self.cleanup).run().await;
    }
}
