use bmahr_store::Backend;

use crate::{text, Db};

crate::on_every_backend!(accounts_and_tokens, backup_and_restore);

async fn accounts_and_tokens(db: &Db) {
    db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
    let short = db.run_stdin(
        &["user", "add", "--username", "a", "--role", "central_admin"],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(
        text(&short.stderr).contains("at least 10"),
        "{}",
        text(&short.stderr)
    );
    let unscoped = db.run_stdin(
        &["user", "add", "--username", "hr", "--role", "agency_hr"],
        "a-long-password\n",
    );
    assert!(
        text(&unscoped.stderr).contains("--scope"),
        "{}",
        text(&unscoped.stderr)
    );
    let o = db.run_stdin(
        &[
            "user",
            "add",
            "--username",
            "hr",
            "--role",
            "agency_hr",
            "--scope",
            "D-BKNI",
        ],
        "a-long-password\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let dup = db.run_stdin(
        &["user", "add", "--username", "hr", "--role", "auditor"],
        "a-long-password\n",
    );
    assert!(
        text(&dup.stderr).contains("already taken"),
        "{}",
        text(&dup.stderr)
    );
    let token = db.ok(&["token", "create", "--user", "hr"]);
    let token = token.trim();
    assert!(
        token.starts_with("bmahr_") && token.len() == 6 + 64,
        "{token}"
    );
    let a = db.ok(&["audit", "--actor", "test"]);
    assert!(
        a.contains("user.create") && a.contains("token.create"),
        "{a}"
    );
    assert!(
        !a.contains(token),
        "the token itself is never stored or logged"
    );
}

async fn backup_and_restore(db: &Db) {
    db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
    let snap = db.path("snap.sqlite");
    if db.backend == Backend::Postgres {
        // pg_dump may be absent or of another major version than the server: either a dump
        // is written or a clear error names pg_dump.
        let o = db.run(&["backup", "--out", snap.to_str().expect("path")]);
        assert!(
            o.status.success() || text(&o.stderr).contains("pg_dump"),
            "{}",
            text(&o.stderr)
        );
        return;
    }
    db.ok(&["backup", "--out", snap.to_str().expect("path")]);
    let again = db.run(&["backup", "--out", snap.to_str().expect("path")]);
    assert!(!again.status.success(), "never overwrites a file");
    let restored = db.path("restored/bmahr.sqlite");
    let url = format!("sqlite://{}", restored.display());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bmahr"))
        .args([
            "--db",
            &url,
            "restore",
            "--from",
            snap.to_str().expect("path"),
        ])
        .output()
        .expect("restore");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = |u: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_bmahr"))
            .args([
                "--db",
                u,
                "report",
                "summary",
                "--as-of",
                "2026-11-23",
                "--json",
            ])
            .output()
            .expect("summary");
        text(&o.stdout)
    };
    assert_eq!(summary(&db.url), summary(&url));
    // Restoring over an existing database is refused.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bmahr"))
        .args([
            "--db",
            &url,
            "restore",
            "--from",
            snap.to_str().expect("path"),
        ])
        .output()
        .expect("restore");
    assert!(!o.status.success() && text(&o.stderr).contains("already exists"));
}
