//! A profile kept in memory is never older than the database for the one who wrote, and
//! another process's change reaches it, served without a read meanwhile: on PostgreSQL
//! through the listener of the database's notices, on SQLite through the watcher of
//! `person_changes`. Both are fed by triggers, so a change by any tool is heard.

use std::time::Duration;

use bmahr_core::NationalId;
use bmahr_store::{Backend, Store};

use crate::fixtures::{meta, raw, small_bma, NID};

crate::on_every_backend!(
    another_processs_change_reaches_a_kept_profile,
    a_lost_listener_trusts_nothing_until_it_is_back,
);

async fn wait_until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..200 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("not within 5 s: {what}");
}

/// Reads the profile and trail of `id` until the read is trusted: notices of earlier writes
/// (two for most: the version and the audit event) may still be on their way, and each one
/// heard after a read withdraws the trust, so a single read may not be trusted.
async fn read_trusted(store: &Store, id: i64) -> std::sync::Arc<bmahr_store::Profile> {
    for _ in 0..200 {
        let (p, _) = store.profile_and_trail(id).await.expect("profile");
        if store.profile_trusted(id) {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("not trusted within 5 s: person {id}");
}

async fn another_processs_change_reaches_a_kept_profile(store: Store) {
    small_bma(&store).await;
    let p = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("person");
    let other = Store::open(store.url()).await.expect("second handle");
    wait_until("the second handle listens", || other.hears_changes()).await;
    wait_until("the first handle listens", || store.hears_changes()).await;
    assert_eq!(read_trusted(&other, p.id).await.record.person.phone, "");
    assert_eq!(read_trusted(&store, p.id).await.record.person.phone, "");

    // The writer's own next read is never stale: it stops trusting as its write commits.
    store
        .update_contact(
            p.id,
            "0812345678",
            "a@b.th",
            p.version,
            &meta("hr", "2024-01-01T00:00:00Z"),
        )
        .await
        .expect("write");
    assert!(!store.profile_trusted(p.id));
    assert_eq!(
        store.profile(p.id).await.expect("p").record.person.phone,
        "0812345678"
    );
    // The other process hears of it.
    wait_until("the change is heard", || !other.profile_trusted(p.id)).await;
    let seen = other.profile(p.id).await.expect("p");
    assert_eq!(seen.record.person.phone, "0812345678");
    assert_eq!(seen.record.person.version, p.version + 1);
    read_trusted(&other, p.id).await;

    // A change by any other tool is heard too: the notice comes from a trigger in the
    // database, not from bmahr's code.
    let db = raw(&store).await;
    sqlx::query("UPDATE people SET phone = '029999999', version = version + 1 WHERE id = $1")
        .bind(p.id)
        .execute(&db)
        .await
        .expect("raw write");
    db.close().await;
    wait_until("a raw change is heard", || !other.profile_trusted(p.id)).await;
    let seen = other.profile(p.id).await.expect("p");
    assert_eq!(seen.record.person.phone, "029999999");
    // So is an event of the record (its trail), but not an opening.
    read_trusted(&other, p.id).await;
    let event = |action: &'static str| {
        let store = store.clone();
        async move {
            store
                .record_event(&meta("hr", "2024-01-02T00:00:00Z"), action, Some(p.id), "t")
                .await
                .expect("event");
        }
    };
    event("person.view").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        other.profile_trusted(p.id),
        "an opening does not change the record"
    );
    event("access.denied").await;
    wait_until("a refusal is heard", || !other.profile_trusted(p.id)).await;
    other.close().await;
}

/// While the listener is lost nothing is trusted (each read checks the version), so a
/// change made meanwhile is not missed; once it is back, profiles are trusted again.
async fn a_lost_listener_trusts_nothing_until_it_is_back(store: Store) {
    small_bma(&store).await;
    let p = store
        .person_by_national_id(&NationalId::parse(NID[1]).expect("id"))
        .await
        .expect("person");
    wait_until("listening", || store.hears_changes()).await;
    read_trusted(&store, p.id).await;
    let db = raw(&store).await;
    // PostgreSQL: the listener's connection ends. SQLite: the watcher's table is away (the
    // triggers follow the rename, so writes go on).
    match store.backend() {
        Backend::Postgres => {
            let ended: Vec<bool> = sqlx::query_scalar(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND query LIKE 'LISTEN %'",
            )
            .fetch_all(&db)
            .await
            .expect("terminate");
            assert!(!ended.is_empty(), "the listener's connection is found");
        }
        Backend::Sqlite => {
            sqlx::query("ALTER TABLE person_changes RENAME TO person_changes_away")
                .execute(&db)
                .await
                .expect("rename");
        }
    }
    wait_until("the loss is noticed", || !store.hears_changes()).await;
    assert!(!store.profile_trusted(p.id));
    // Written while nobody listens: the next read checks the version and sees it.
    sqlx::query("UPDATE people SET phone = '020000000', version = version + 1 WHERE id = $1")
        .bind(p.id)
        .execute(&db)
        .await
        .expect("raw write");
    assert_eq!(
        store.profile(p.id).await.expect("p").record.person.phone,
        "020000000"
    );
    assert!(!store.profile_trusted(p.id));
    if store.backend() == Backend::Sqlite {
        sqlx::query("ALTER TABLE person_changes_away RENAME TO person_changes")
            .execute(&db)
            .await
            .expect("the table back");
    }
    db.close().await;
    // Back within a few seconds, and trusting what it reads from then on.
    wait_until("listening again", || store.hears_changes()).await;
    read_trusted(&store, p.id).await;
}
