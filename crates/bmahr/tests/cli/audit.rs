//! `bmahr audit verify` (issue 21): the demo's log verifies, an anchor noted from it holds, and
//! an event edited in the database makes the command fail naming it.

use crate::{text, Db};

crate::on_every_backend!(audit_verify_names_an_edited_event);

async fn audit_verify_names_an_edited_event(db: &Db) {
    db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
    // The search of the log is still `bmahr audit` (what it lists is not tested here: the
    // harness's global `--actor test` is also the search's `--actor` filter).
    db.ok(&["audit", "--action", "order.apply", "--limit", "3"]);
    let out = db.ok(&["audit", "verify"]);
    assert!(out.contains("the audit chain holds"), "{out}");
    // The head line: `head: ID:HASH`, to be noted and given back as an anchor.
    let anchor = out
        .lines()
        .find_map(|l| l.split("head: ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("head printed")
        .to_string();
    let (last, hash) = anchor.split_once(':').expect("ID:HASH");
    let last: i64 = last.parse().expect("id");
    assert!(
        last > 300,
        "the demo's people and orders are chained: {last}"
    );
    assert_eq!(hash.len(), 64);
    db.ok(&["audit", "verify", "--anchor", &anchor]);
    let json = db.ok(&["audit", "verify", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(report["checked"], last);
    assert!(report["broken"].is_null());

    bmahr_store::install_drivers();
    let raw = sqlx::AnyPool::connect(&db.url).await.expect("raw pool");
    sqlx::query("UPDATE audit_events SET detail = 'order 0/0000' WHERE id = 123")
        .execute(&raw)
        .await
        .expect("tamper");
    raw.close().await;
    let o = db.run(&["audit", "verify"]);
    assert!(!o.status.success(), "verify passed an edited log");
    let err = text(&o.stderr);
    assert!(err.contains("event #123 was edited"), "{err}");
    let bad = db.run(&["audit", "verify", "--anchor", "12:nothex"]);
    assert!(!bad.status.success());
}
