use bmahr_store::Backend;

use crate::{text, Db};

crate::on_every_backend!(
    accounts_and_tokens,
    backup_and_restore,
    restore_refuses_a_missing_or_damaged_snapshot
);

async fn accounts_and_tokens(db: &Db) {
    db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
    let short = db.run_stdin(
        &["user", "add", "--username", "a", "--role", "central_admin"],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(
        text(&short.stderr).contains("at least 12"),
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

/// `bmahr --db sqlite://TARGET restore --from FROM`.
fn restore(target: &std::path::Path, from: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bmahr"))
        .args([
            "--db",
            &format!("sqlite://{}", target.display()),
            "restore",
            "--from",
            from.to_str().expect("path"),
        ])
        .output()
        .expect("restore")
}

/// Issue 21: a restore from a file that does not exist, or from a truncated, foreign or
/// empty file, fails with a message that says so and creates nothing (it used to create an
/// empty database at the source path and report "restored (0 people)").
async fn restore_refuses_a_missing_or_damaged_snapshot(db: &Db) {
    if db.backend == Backend::Postgres {
        let o = db.run(&["restore", "--from", "x.sqlite"]);
        assert!(
            !o.status.success() && text(&o.stderr).contains("pg_restore"),
            "{}",
            text(&o.stderr)
        );
        return;
    }
    let target = db.path("restored/bmahr.sqlite");
    let nothing_made = |what: &str| {
        assert!(!target.exists(), "{what}: target created");
        assert!(
            !db.path("restored").exists(),
            "{what}: target folder created"
        );
    };
    let missing = db.path("nosuch.sqlite");
    let o = restore(&target, &missing);
    let err = text(&o.stderr);
    assert!(!o.status.success(), "{}", text(&o.stdout));
    assert!(
        err.contains("no such snapshot file") && err.contains("ไม่พบไฟล์สำรองข้อมูล"),
        "{err}"
    );
    assert!(!missing.exists(), "the source is not created");
    nothing_made("missing");
    // A real snapshot, then damaged copies of it.
    let units = db.path("units.csv");
    std::fs::write(
        &units,
        "code,kind,name_th,valid_from\nBMA,bma,กรุงเทพมหานคร,01/01/2503\n",
    )
    .expect("write");
    db.ok(&["import", "--kind", "units", units.to_str().expect("path")]);
    let snap = db.path("snap.sqlite");
    db.ok(&["backup", "--out", snap.to_str().expect("path")]);
    let bytes = std::fs::read(&snap).expect("snapshot");
    assert!(bytes.len() > 8192, "{} bytes", bytes.len());
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "truncated.sqlite",
            bytes[..bytes.len() / 2].to_vec(),
            "the snapshot is damaged",
        ),
        (
            "text.sqlite",
            b"this is not a database\n".repeat(200),
            "the snapshot is damaged or not an SQLite database",
        ),
        ("empty.sqlite", Vec::new(), "not a bmahr snapshot"),
        (
            "header_only.sqlite",
            bytes[..4096].to_vec(),
            "the snapshot is damaged",
        ),
    ];
    for (name, body, want) in cases {
        let f = db.path(name);
        std::fs::write(&f, &body).expect("write");
        let o = restore(&target, &f);
        let err = text(&o.stderr);
        assert!(!o.status.success(), "{name} restored: {}", text(&o.stdout));
        assert!(err.contains(want), "{name}: {err}");
        assert!(!err.contains("timed out"), "{name}: {err}");
        assert_eq!(std::fs::read(&f).expect("read"), body, "{name} unchanged");
        nothing_made(name);
    }
    // A live database (its write-ahead log beside it) is not a snapshot.
    let live = db.path("live.sqlite");
    std::fs::write(&live, &bytes).expect("write");
    std::fs::write(db.path("live.sqlite-wal"), b"frames").expect("write");
    let o = restore(&target, &live);
    assert!(
        !o.status.success() && text(&o.stderr).contains("live database"),
        "{}",
        text(&o.stderr)
    );
    nothing_made("live");
    // The whole snapshot still restores.
    let o = restore(&target, &snap);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("(0 people)"),
        "{}",
        text(&o.stdout)
    );
    let listed: Vec<_> = std::fs::read_dir(db.path("restored"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !listed.iter().any(|n| n.contains("restoring")),
        "{listed:?}"
    );
}
