//! The store's conformance suite: every test runs on SQLite and, when `BMAHR_TEST_PG` is set,
//! on PostgreSQL, each time on a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audit;
mod audit_chain;
mod backup;
mod bulk;
mod changes;
mod credentials;
mod fixtures;
mod frame;
mod orders;
mod people;
mod search;
mod sign_in;
mod thai_order;
mod units;
mod wal;

/// Declares a test that runs `$case(store)` once per backend.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),+ $(,)?) => {
        mod on_every_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    for backend in bmahr_store::testing::backends() {
                        let db = bmahr_store::testing::TestDb::new(backend).await.expect("test database");
                        eprintln!("{} on {:?}", stringify!($name), backend);
                        super::$name(db.store.clone()).await;
                        db.finish().await;
                    }
                }
            )+
        }
    };
}
