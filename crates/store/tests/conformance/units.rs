use bmahr_core::org::UnitKind;
use bmahr_store::{Store, StoreError};

use crate::fixtures::{d, meta, small_bma, unit};

crate::on_every_backend!(
    subtree_follows_new_units,
    migrations_run_once,
    restructure_is_dated_not_overwritten,
    unknown_parent_writes_nothing
);

async fn migrations_run_once(store: Store) {
    store.migrate().await.expect("second migrate is a no-op");
    assert!(store.is_empty().await.expect("empty"));
}

/// DOMAIN §5: a district moves from sections to mission groups on a date.
async fn restructure_is_dated_not_overwritten(store: Store) {
    small_bma(&store).await;
    let m = meta("hr", "2024-09-01T00:00:00Z");
    let adm = store
        .unit_by_code("D01-ADM", d(2024, 1, 1))
        .await
        .expect("section");
    store
        .close_unit(adm.id, d(2024, 9, 30), adm.version, &m)
        .await
        .expect("close");
    // Closing again with the old version is refused.
    let stale = store
        .close_unit(adm.id, d(2024, 9, 30), adm.version, &m)
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    store
        .create_units(
            &[unit(
                "D01-G1",
                Some("D01"),
                UnitKind::MissionGroup,
                d(2024, 10, 1),
            )],
            &m,
        )
        .await
        .expect("mission group");
    let before: Vec<String> = store
        .units_on(d(2024, 9, 30))
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.code)
        .collect();
    let after: Vec<String> = store
        .units_on(d(2024, 10, 1))
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.code)
        .collect();
    assert!(before.contains(&"D01-ADM".to_string()) && !before.contains(&"D01-G1".to_string()));
    assert!(!after.contains(&"D01-ADM".to_string()) && after.contains(&"D01-G1".to_string()));
    // The history keeps both.
    assert_eq!(store.units_all().await.expect("all").len(), 6);
}

async fn unknown_parent_writes_nothing(store: Store) {
    let m = meta("hr", "2024-09-01T00:00:00Z");
    let r = store
        .create_units(
            &[
                unit("BMA", None, UnitKind::Bma, d(2000, 1, 1)),
                unit("X", Some("NOPE"), UnitKind::District, d(2000, 1, 1)),
            ],
            &m,
        )
        .await;
    match r {
        Err(StoreError::Invalid(v)) => assert_eq!(v.0[0].code, "unit.parent_missing"),
        other => panic!("expected invalid, got {other:?}"),
    }
    assert!(
        store.is_empty().await.expect("empty"),
        "the first unit must not remain"
    );
}

async fn subtree_follows_new_units(store: Store) {
    small_bma(&store).await;
    let id = |c: &'static str| {
        let s = store.clone();
        async move { s.unit_by_code(c, d(2022, 1, 1)).await.expect(c).id }
    };
    let d01 = id("D01").await;
    let mut sub = store.unit_subtree(d01).await.expect("subtree");
    sub.sort_unstable();
    let mut want = vec![d01, id("D01-ADM").await, id("D01-FIN").await];
    want.sort_unstable();
    assert_eq!(sub, want);
    // A unit created after the first answer is in the next one.
    store
        .create_units(
            &[unit(
                "D01-NEW",
                Some("D01-FIN"),
                UnitKind::Section,
                d(2021, 1, 1),
            )],
            &meta("admin", "2021-01-01T00:00:00Z"),
        )
        .await
        .expect("new unit");
    let sub = store.unit_subtree(d01).await.expect("subtree");
    assert!(sub.contains(&id("D01-NEW").await), "{sub:?}");
    assert_eq!(sub.len(), 4);
    let d02 = id("D02").await;
    assert_eq!(store.unit_subtree(d02).await.expect("d02"), vec![d02]);
}
