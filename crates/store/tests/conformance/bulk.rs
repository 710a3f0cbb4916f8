use bmahr_store::bulk::{tables, Loader, Val};
use bmahr_store::{Backend, Store};

use crate::fixtures::small_bma;

crate::on_every_backend!(
    a_bulk_load_builds_its_indexes_again,
    a_bulk_load_pointing_nowhere_writes_nothing
);

fn name_row(person_id: i64) -> Vec<Val> {
    vec![
        person_id.into(),
        "2030-01-01".into(),
        "mr".into(),
        "สมชาย".into(),
        "ใจดี".into(),
        "Somchai".into(),
        "Jaidee".into(),
        "2020-01-01T00:00:00Z".into(),
    ]
}

async fn names_of(store: &Store) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = store
        .people_all()
        .await
        .expect("people")
        .into_iter()
        .map(|p| (p.id, p.name.first_th))
        .collect();
    v.sort();
    v
}

/// The secondary indexes dropped for a load are there again after it commits (the next
/// load finds as many to drop).
async fn a_bulk_load_builds_its_indexes_again(store: Store) {
    small_bma(&store).await;
    let person = store.people_all().await.expect("people")[0].id;
    let mut tx = store
        .begin_bulk(&[tables::PERSON_NAMES.0])
        .await
        .expect("bulk");
    let indexes = tx.deferred_indexes();
    assert!(
        indexes >= 3,
        "person_names has 3 secondary indexes, {indexes} dropped"
    );
    let keys = tx.deferred_keys();
    match store.backend() {
        Backend::Postgres => assert_eq!(keys, 1, "person_names.person_id → people"),
        Backend::Sqlite => assert_eq!(keys, 0, "SQLite checks its keys without dropping them"),
    }
    let mut names = Loader::new(tables::PERSON_NAMES);
    names.push(&mut tx, name_row(person)).await.expect("row");
    names.flush(&mut tx).await.expect("flush");
    tx.commit().await.expect("commit");
    let again = store
        .begin_bulk(&[tables::PERSON_NAMES.0])
        .await
        .expect("bulk");
    assert_eq!(again.deferred_indexes(), indexes);
    assert_eq!(again.deferred_keys(), keys);
    drop(again);
    let row = store.person_by_id(person).await.expect("person");
    assert_eq!(row.name.first_th, "สมชาย");
}

/// A row naming a person who does not exist fails the load at commit, as its keys are
/// checked, and leaves the tables, their indexes and their keys as they were.
async fn a_bulk_load_pointing_nowhere_writes_nothing(store: Store) {
    small_bma(&store).await;
    let before: Vec<(i64, String)> = names_of(&store).await;
    let mut tx = store
        .begin_bulk(&[tables::PERSON_NAMES.0])
        .await
        .expect("bulk");
    let indexes = tx.deferred_indexes();
    let keys = tx.deferred_keys();
    let mut names = Loader::new(tables::PERSON_NAMES);
    let outcome = async {
        names.push(&mut tx, name_row(987_654)).await?;
        names.flush(&mut tx).await?;
        tx.commit().await
    }
    .await;
    let err = outcome.expect_err("a name of nobody is refused");
    assert!(
        err.to_string().contains("person") || err.to_string().to_lowercase().contains("foreign"),
        "{err}"
    );
    assert_eq!(names_of(&store).await, before);
    let again = store
        .begin_bulk(&[tables::PERSON_NAMES.0])
        .await
        .expect("bulk");
    assert_eq!(again.deferred_indexes(), indexes);
    assert_eq!(again.deferred_keys(), keys);
}
