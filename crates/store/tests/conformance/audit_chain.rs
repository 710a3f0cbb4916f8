//! Issue 21: the audit log's hash chain holds after every kind of write, and an event edited,
//! deleted or written past the chain directly in the database is named by `verify`.

use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::NationalId;
use bmahr_store::{
    event_hash, AuditEvent, AuditQuery, Backend, ChainBreak, ChainProblem, Store, GENESIS_HASH,
};
use serde_json::json;

use crate::fixtures::{d, meta, order, raw, small_bma, NID};

crate::on_every_backend!(
    the_chain_holds_after_orders_reads_and_imports,
    an_edited_event_is_named,
    a_deleted_event_is_named,
    a_rewritten_event_breaks_the_next_link,
    a_deleted_tail_and_a_moved_head_are_seen,
    a_chain_rewritten_whole_fails_its_anchor,
    an_event_written_past_the_chain_is_refused,
    concurrent_writers_keep_one_chain,
    a_start_moved_over_hashed_events_is_named,
    a_start_beyond_the_log_is_named,
    events_from_before_the_chain_are_counted_and_the_start_checked
);

/// A valid national ID (its check digit computed) for person `n` of a test.
fn nid(n: u64) -> String {
    let body = format!("{:012}", 110_170_000_000 + n);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (13 - i as u32))
        .sum();
    format!("{body}{}", (11 - sum % 11) % 10)
}

fn new_person(n: u64) -> NewPerson {
    let id = nid(n);
    NewPerson::from_fields(
        &PersonFields {
            national_id: &id,
            title: "นาง",
            first_th: "สมหญิง",
            last_th: "ทดสอบ",
            first_en: "Somying",
            last_en: "Test",
            birth_date: "1985-03-03",
            gender: "หญิง",
            ..Default::default()
        },
        d(2026, 11, 23),
    )
    .expect("person")
}

async fn verify(store: &Store) -> bmahr_store::ChainReport {
    store.verify_audit_chain(&[], |_| {}).await.expect("verify")
}

async fn holds(store: &Store) -> bmahr_store::ChainReport {
    let r = verify(store).await;
    assert_eq!(r.broken, None, "{r:?}");
    r
}

fn break_at(id: i64, problem: ChainProblem) -> Option<ChainBreak> {
    Some(ChainBreak { id, problem })
}

/// A register with a little of everything written: units, positions and people (imports),
/// an order, reads by group commit, a name change.
async fn busy(store: &Store) {
    small_bma(store).await;
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"}]),
    );
    store
        .apply_order(&o, &meta("officer.a", "2010-06-01T09:00:00Z"))
        .await
        .expect("order");
    let p0 = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("p")
        .id;
    for i in 0..12 {
        store
            .record_event(
                &meta("reader", &format!("2011-01-01T00:00:{i:02}Z")),
                "person.view",
                Some(p0),
                "page",
            )
            .await
            .expect("read");
    }
    store
        .create_people(
            &(1..=30).map(new_person).collect::<Vec<_>>(),
            &meta("import", "2011-02-01T00:00:00Z"),
        )
        .await
        .expect("import");
    store
        .put_holidays(
            &[(d(2011, 4, 13), "สงกรานต์".into(), "Songkran".into())],
            &meta("office", "2011-03-01T00:00:00Z"),
        )
        .await
        .expect("holiday");
}

async fn events(store: &Store) -> Vec<AuditEvent> {
    let mut all = store
        .audit(&AuditQuery {
            limit: 10_000,
            ..Default::default()
        })
        .await
        .expect("audit");
    all.sort_by_key(|e| e.id);
    all
}

async fn the_chain_holds_after_orders_reads_and_imports(store: Store) {
    let empty = holds(&store).await;
    assert_eq!((empty.checked, empty.predating), (0, 0));
    assert_eq!(empty.head.hash, bmahr_store::GENESIS_HASH);
    busy(&store).await;
    // The group-commit writer remembers the head it left; the import and the holiday have
    // moved it since, so this read's batch finds the head afresh, and the next one follows it.
    for at in ["2011-04-01T00:00:00Z", "2011-04-01T00:00:01Z"] {
        store
            .record_event(&meta("reader", at), "login.ok", None, "")
            .await
            .expect("event");
    }
    let all = events(&store).await;
    let r = holds(&store).await;
    assert_eq!(r.checked, all.len() as i64);
    assert_eq!(r.predating, 0);
    // One after the other, from 1, without gaps; the head is the last.
    let ids: Vec<i64> = all.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=all.len() as i64).collect::<Vec<_>>());
    assert_eq!(r.head.last_id, all.len() as i64);
    assert_eq!(store.audit_chain_head().await.expect("head"), r.head);
    // Every kind of writer took part.
    for action in [
        "unit.create",
        "position.create",
        "person.create",
        "order.apply",
        "person.view",
        "holiday.put",
    ] {
        assert!(all.iter().any(|e| e.action == action), "{action}");
    }
    // Progress is told after each page, and ends at the count checked.
    let mut seen = Vec::new();
    store
        .verify_audit_chain(&[], |n| seen.push(n))
        .await
        .expect("verify");
    assert_eq!(seen.last(), Some(&r.checked));
}

async fn an_edited_event_is_named(store: Store) {
    busy(&store).await;
    let all = events(&store).await;
    let victim = all
        .iter()
        .find(|e| e.action == "order.apply")
        .expect("order")
        .id;
    let db = raw(&store).await;
    sqlx::query("UPDATE audit_events SET detail = 'order 2/2553 (1 actions)' WHERE id = $1")
        .bind(victim)
        .execute(&db)
        .await
        .expect("tamper");
    let r = verify(&store).await;
    assert_eq!(r.broken, break_at(victim, ChainProblem::Edited));
    assert_eq!(r.checked, victim - 1, "the events before it hold");
    // A column set to NULL is an edit too: the person of a read.
    sqlx::query("UPDATE audit_events SET detail = 'order 1/2553 (1 actions)' WHERE id = $1")
        .bind(victim)
        .execute(&db)
        .await
        .expect("undo");
    holds(&store).await;
    let read = all
        .iter()
        .find(|e| e.action == "person.view")
        .expect("read")
        .id;
    sqlx::query("UPDATE audit_events SET person_id = NULL WHERE id = $1")
        .bind(read)
        .execute(&db)
        .await
        .expect("tamper");
    assert_eq!(
        verify(&store).await.broken,
        break_at(read, ChainProblem::Edited)
    );
    db.close().await;
}

async fn a_deleted_event_is_named(store: Store) {
    busy(&store).await;
    let all = events(&store).await;
    let middle = all[all.len() / 2].id;
    let db = raw(&store).await;
    sqlx::query("DELETE FROM audit_events WHERE id = $1 OR id = $2")
        .bind(middle)
        .bind(middle + 1)
        .execute(&db)
        .await
        .expect("tamper");
    let r = verify(&store).await;
    assert_eq!(
        r.broken,
        break_at(middle, ChainProblem::Missing { to: middle + 1 })
    );
    let shown = r.broken.expect("broken").to_string();
    assert!(shown.contains(&format!("#{middle}")), "{shown}");
    db.close().await;
}

/// Someone who edits an event and computes its hash again still breaks the link to the next.
async fn a_rewritten_event_breaks_the_next_link(store: Store) {
    busy(&store).await;
    let all = events(&store).await;
    let mut victim = all[3].clone();
    let db = raw(&store).await;
    let prev: String = sqlx::query_scalar("SELECT prev_hash FROM audit_events WHERE id = $1")
        .bind(victim.id)
        .fetch_one(&db)
        .await
        .expect("prev");
    victim.actor = "someone.else".into();
    sqlx::query("UPDATE audit_events SET actor = $1, hash = $2 WHERE id = $3")
        .bind(&victim.actor)
        .bind(event_hash(&prev, &victim))
        .bind(victim.id)
        .execute(&db)
        .await
        .expect("tamper");
    assert_eq!(
        verify(&store).await.broken,
        break_at(victim.id + 1, ChainProblem::Unlinked)
    );
    db.close().await;
}

async fn a_deleted_tail_and_a_moved_head_are_seen(store: Store) {
    busy(&store).await;
    let head = store.audit_chain_head().await.expect("head");
    let db = raw(&store).await;
    sqlx::query("DELETE FROM audit_events WHERE id >= $1")
        .bind(head.last_id - 1)
        .execute(&db)
        .await
        .expect("tamper");
    assert_eq!(
        verify(&store).await.broken,
        break_at(
            head.last_id - 1,
            ChainProblem::Truncated { head: head.last_id }
        )
    );
    // The head moved back to hide it: its hash is not the last event's.
    sqlx::query("UPDATE audit_chain_head SET last_id = $1")
        .bind(head.last_id - 2)
        .execute(&db)
        .await
        .expect("tamper");
    assert_eq!(
        verify(&store).await.broken,
        break_at(head.last_id - 2, ChainProblem::HeadMismatch)
    );
    db.close().await;
}

/// Anyone who can write to the database can compute every hash again; a head noted outside
/// it (an anchor) is what such a rewrite cannot keep.
async fn a_chain_rewritten_whole_fails_its_anchor(store: Store) {
    busy(&store).await;
    let noted = store.audit_chain_head().await.expect("head");
    let anchor = [(noted.last_id, noted.hash.clone())];
    assert_eq!(
        store
            .verify_audit_chain(&anchor, |_| {})
            .await
            .expect("verify")
            .broken,
        None
    );
    // Rewrite event 2 and every hash after it, and the head.
    let db = raw(&store).await;
    let all = events(&store).await;
    let mut prev: String = sqlx::query_scalar("SELECT hash FROM audit_events WHERE id = 1")
        .fetch_one(&db)
        .await
        .expect("first");
    for mut e in all.into_iter().skip(1) {
        if e.id == 2 {
            e.reason = "rewritten".into();
        }
        let h = event_hash(&prev, &e);
        sqlx::query("UPDATE audit_events SET reason = $1, prev_hash = $2, hash = $3 WHERE id = $4")
            .bind(&e.reason)
            .bind(&prev)
            .bind(&h)
            .bind(e.id)
            .execute(&db)
            .await
            .expect("rewrite");
        prev = h;
    }
    sqlx::query("UPDATE audit_chain_head SET hash = $1")
        .bind(&prev)
        .execute(&db)
        .await
        .expect("head");
    holds(&store).await;
    assert_eq!(
        store
            .verify_audit_chain(&anchor, |_| {})
            .await
            .expect("verify")
            .broken,
        break_at(
            noted.last_id,
            ChainProblem::AnchorMismatch {
                expected: noted.hash.clone()
            }
        )
    );
    // An anchor beyond the chain is not silently passed over.
    assert_eq!(
        store
            .verify_audit_chain(&[(noted.last_id + 5, noted.hash)], |_| {})
            .await
            .expect("verify")
            .broken,
        break_at(noted.last_id + 5, ChainProblem::AnchorMissing)
    );
    db.close().await;
}

async fn an_event_written_past_the_chain_is_refused(store: Store) {
    busy(&store).await;
    let db = raw(&store).await;
    let refused = sqlx::query(
        "INSERT INTO audit_events (at, actor, action, reason, detail) \
         VALUES ('2012-01-01T00:00:00Z', 'x', 'person.view', 'r', '')",
    )
    .execute(&db)
    .await;
    assert!(refused.is_err(), "an unhashed event was accepted");
    // With hashes that do not chain, it is written but named.
    let head = store.audit_chain_head().await.expect("head");
    sqlx::query(
        "INSERT INTO audit_events (id, at, actor, action, reason, detail, prev_hash, hash) \
         VALUES ($1, '2012-01-01T00:00:00Z', 'x', 'person.view', 'r', '', 'a', 'b')",
    )
    .bind(head.last_id + 1)
    .execute(&db)
    .await
    .expect("forged");
    assert_eq!(
        verify(&store).await.broken,
        break_at(head.last_id + 1, ChainProblem::AfterHead)
    );
    db.close().await;
}

/// Twenty writers at once (changes in their own transactions, reads by group commit, an
/// import): on PostgreSQL they run in parallel and meet at the chain's head; the chain is one
/// line without gaps and verifies.
async fn concurrent_writers_keep_one_chain(store: Store) {
    small_bma(&store).await;
    let p0 = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("p")
        .id;
    let mut tasks = Vec::new();
    for i in 0..20u32 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let m = meta(&format!("writer.{i}"), "2012-01-01T00:00:00Z");
            for round in 0..3u32 {
                match i % 3 {
                    0 => store
                        .put_holidays(
                            &[(
                                d(2012, 1 + i / 3, 1 + round),
                                format!("วันหยุด {i}"),
                                format!("holiday {i}"),
                            )],
                            &m,
                        )
                        .await
                        .map(|_| ()),
                    1 => {
                        store
                            .record_event(&m, "person.view", Some(p0), "page")
                            .await
                    }
                    _ => store
                        .create_people(&[new_person(u64::from(i * 10 + round))], &m)
                        .await
                        .map(|_| ()),
                }
                .expect("write");
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let all = events(&store).await;
    let r = holds(&store).await;
    assert_eq!(r.checked, all.len() as i64);
    let ids: Vec<i64> = all.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=all.len() as i64).collect::<Vec<_>>());
    assert_eq!(
        all.iter()
            .filter(|e| e.actor.starts_with("writer."))
            .count(),
        60
    );
}

/// Hashes `all` again from the event after `start`, the first following [`GENESIS_HASH`],
/// and moves the head to the last: what anyone who can write to the database can do.
async fn rehash_after(db: &sqlx::AnyPool, all: &[AuditEvent], start: i64) {
    let mut prev = GENESIS_HASH.to_string();
    for e in all.iter().filter(|e| e.id > start) {
        let h = event_hash(&prev, e);
        sqlx::query("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE id = $3")
            .bind(&prev)
            .bind(&h)
            .bind(e.id)
            .execute(db)
            .await
            .expect("rehash");
        prev = h;
    }
    sqlx::query("UPDATE audit_chain_head SET genesis_id = $1, last_id = $2, hash = $3")
        .bind(start)
        .bind(all.last().map_or(start, |e| e.id))
        .bind(&prev)
        .execute(db)
        .await
        .expect("head");
}

/// The chain's start (`genesis_id`) moved forward over chained events, one of them edited and
/// only the events after the new start hashed again from 64 zeros: every link after it holds,
/// but the events before it carry hashes, which events from before the chain never do.
async fn a_start_moved_over_hashed_events_is_named(store: Store) {
    busy(&store).await;
    let all = events(&store).await;
    let start = all[all.len() / 2].id;
    let db = raw(&store).await;
    sqlx::query("UPDATE audit_events SET reason = 'edited' WHERE id = $1")
        .bind(start - 3)
        .execute(&db)
        .await
        .expect("tamper");
    rehash_after(&db, &all, start).await;
    let r = verify(&store).await;
    assert_eq!(r.broken, break_at(1, ChainProblem::StartMoved), "{r:?}");
    let shown = r.broken.expect("broken").to_string();
    assert!(
        shown.contains("event #1 is before the chain's start but carries a hash"),
        "{shown}"
    );
    // Only the hashes of the events before it taken off too: the first one left is named.
    sqlx::query("UPDATE audit_events SET prev_hash = NULL, hash = NULL WHERE id < $1")
        .bind(start - 3)
        .execute(&db)
        .await
        .ok();
    let first = if store.backend() == Backend::Sqlite {
        start - 3
    } else {
        // PostgreSQL refuses an event without hashes (the constraint holds for updates too).
        1
    };
    assert_eq!(
        verify(&store).await.broken,
        break_at(first, ChainProblem::StartMoved)
    );
    db.close().await;
}

/// A start past the log's last event (here on a log with no events at all) is named, not
/// taken for a chain that has not begun.
async fn a_start_beyond_the_log_is_named(store: Store) {
    let db = raw(&store).await;
    sqlx::query("UPDATE audit_chain_head SET genesis_id = 5, last_id = 5")
        .execute(&db)
        .await
        .expect("tamper");
    let r = verify(&store).await;
    assert_eq!(
        r.broken,
        break_at(5, ChainProblem::StartMissing { last: 0 }),
        "{r:?}"
    );
    assert!(r
        .broken
        .expect("broken")
        .to_string()
        .contains("the chain's start was moved"),);
    // With events, past the last of them.
    sqlx::query("UPDATE audit_chain_head SET genesis_id = 0, last_id = 0")
        .execute(&db)
        .await
        .expect("undo");
    busy(&store).await;
    let head = store.audit_chain_head().await.expect("head");
    sqlx::query("UPDATE audit_chain_head SET genesis_id = $1")
        .bind(head.last_id + 10)
        .execute(&db)
        .await
        .expect("tamper");
    // Its events carry hashes: the first is named as before the start.
    assert_eq!(
        verify(&store).await.broken,
        break_at(1, ChainProblem::StartMoved)
    );
    db.close().await;
}

/// A log migrated to the chain: events from before it (written without hashes, one id never
/// committed among them), then chained ones. It holds, the gap counted; moving the start
/// forward, or deleting the event it starts after, is named.
async fn events_from_before_the_chain_are_counted_and_the_start_checked(store: Store) {
    let db = raw(&store).await;
    let sqlite = store.backend() == Backend::Sqlite;
    // What migration 13 found: events 1 to 6 without hashes, 4 missing.
    if sqlite {
        sqlx::query("DROP TRIGGER audit_events_chained")
    } else {
        sqlx::query("ALTER TABLE audit_events DROP CONSTRAINT audit_events_chained")
    }
    .execute(&db)
    .await
    .expect("guard off");
    for id in [1i64, 2, 3, 5, 6] {
        sqlx::query(
            "INSERT INTO audit_events (id, at, actor, action, reason, detail) \
             VALUES ($1, '2009-01-01T00:00:00Z', 'old', 'person.view', 'before', '')",
        )
        .bind(id)
        .execute(&db)
        .await
        .expect("old event");
    }
    sqlx::query("UPDATE audit_chain_head SET genesis_id = 6, last_id = 6")
        .execute(&db)
        .await
        .expect("head");
    if sqlite {
        sqlx::query(
            "CREATE TRIGGER audit_events_chained BEFORE INSERT ON audit_events \
             WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL \
             BEGIN SELECT RAISE(ABORT, 'audit events are appended through the hash chain'); END",
        )
    } else {
        sqlx::query(
            "ALTER TABLE audit_events ADD CONSTRAINT audit_events_chained \
             CHECK (hash IS NOT NULL AND prev_hash IS NOT NULL) NOT VALID",
        )
    }
    .execute(&db)
    .await
    .expect("guard on");
    busy(&store).await;
    let all = events(&store).await;
    let r = holds(&store).await;
    assert_eq!(r.predating, 5);
    assert_eq!(r.predating_missing, 1);
    assert_eq!(r.checked, all.len() as i64 - 5);
    assert_eq!(r.head.genesis_id, 6);
    let first: String = sqlx::query_scalar("SELECT prev_hash FROM audit_events WHERE id = 7")
        .fetch_one(&db)
        .await
        .expect("first chained");
    assert_eq!(first, GENESIS_HASH);

    // The start moved forward over chained events, those after it hashed again.
    let chained: Vec<AuditEvent> = all.iter().filter(|e| e.id > 6).cloned().collect();
    rehash_after(&db, &chained, 10).await;
    assert_eq!(
        verify(&store).await.broken,
        break_at(7, ChainProblem::StartMoved)
    );
    // Back where it was (the chain as written), then the event it starts after deleted.
    rehash_after(&db, &chained, 6).await;
    holds(&store).await;
    sqlx::query("DELETE FROM audit_events WHERE id = 6")
        .execute(&db)
        .await
        .expect("tamper");
    let last = all.last().expect("events").id;
    let r = verify(&store).await;
    assert_eq!(r.broken, break_at(6, ChainProblem::StartMissing { last }));
    assert!(r.broken.expect("broken").to_string().contains("#6"));
    db.close().await;
}
