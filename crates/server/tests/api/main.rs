//! The API through its real door: a server on port 0 over a fresh database, per backend,
//! spoken to in plain HTTP/1.1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access;
mod admin_accounts;
mod audit_log;
mod auth;
mod browser;
mod browser_a11y;
mod browser_admin;
mod browser_cases;
mod browser_documents;
mod browser_lists;
mod browser_orders;
mod browser_pickers;
mod browser_registry;
mod browser_security;
mod cases;
mod client;
mod documents;
mod downloads;
mod drafts;
mod fixture;
mod fuzz;
mod law;
mod law_authority;
mod law_category_move;
mod law_eligibility;
mod law_frame;
mod law_orders;
mod law_salary;
mod lists;
mod order_workflow;
mod orders;
mod pickers;
mod registry;
mod scope;
mod sign_in;
mod webdriver;

/// Runs `$case(app)` once per backend with a seeded server.
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
                        let app = $crate::fixture::App::start(db.store.clone()).await;
                        super::$name(&app).await;
                        app.stop();
                        db.finish().await;
                    }
                }
            )+
        }
    };
}
