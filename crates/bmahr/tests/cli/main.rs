//! The `bmahr` binary through its real door: each test runs the command line against a fresh
//! database on SQLite and, when `BMAHR_TEST_PG` is set, on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts_backup;
mod audit;
mod bench;
mod demo;
mod files;
mod orders;
mod security;
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bmahr_store::testing::{backends, fresh_url, TestDbCleanup};
use bmahr_store::Backend;

pub struct Db {
    pub url: String,
    pub dir: PathBuf,
    cleanup: Option<TestDbCleanup>,
    pub backend: Backend,
}

impl Db {
    pub async fn new(backend: Backend) -> Db {
        let (url, cleanup) = fresh_url(backend).await.expect("test database");
        // A directory of its own per database, even when one test opens several.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("bmahr_cli_{}_{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        Db {
            url,
            dir,
            cleanup: Some(cleanup),
            backend,
        }
    }

    /// Runs `bmahr --db URL args...`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_stdin(args, "")
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Output {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_bmahr"))
            .arg("--db")
            .arg(&self.url)
            .args(["--actor", "test"])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn bmahr");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("bmahr output")
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "bmahr {args:?} failed:\n{}\n{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        text(&o.stdout)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub async fn finish(mut self) {
        if let Some(c) = self.cleanup.take() {
            c.run().await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

pub fn write(path: &Path, body: &str) {
    std::fs::write(path, body).expect("write file");
}

/// Runs `$case(db)` once per backend.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),+ $(,)?) => {
        mod on_every_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    for backend in $crate::all_backends() {
                        let db = $crate::Db::new(backend).await;
                        eprintln!("{} on {:?}", stringify!($name), backend);
                        super::$name(&db).await;
                        db.finish().await;
                    }
                }
            )+
        }
    };
}

pub fn all_backends() -> Vec<Backend> {
    backends()
}
