use bmahr_store::{Backend, Store};
use serde_json::json;

use crate::fixtures::{d, meta, order, small_bma, NID};

crate::on_every_backend!(
    holidays_feed_the_period_rule,
    sqlite_backup_is_a_consistent_copy
);

async fn holidays_feed_the_period_rule(store: Store) {
    let m = meta("admin", "2024-01-01T00:00:00Z");
    store
        .put_holidays(
            &[
                (d(2024, 4, 13), "วันสงกรานต์".into(), "Songkran".into()),
                (d(2024, 4, 14), "วันสงกรานต์".into(), "Songkran".into()),
                (d(2024, 4, 15), "วันสงกรานต์".into(), "Songkran".into()),
                (
                    d(2024, 4, 16),
                    "วันหยุดชดเชยวันสงกรานต์".into(),
                    "Songkran substitution day".into(),
                ),
            ],
            &m,
        )
        .await
        .expect("holidays");
    let cal = store.holiday_calendar().await.expect("calendar");
    // Knew of the order on 14 March 2024: 30 days counted end Saturday 13 April, a run of
    // weekend and holidays until Tuesday 16 April, so the last day is Wednesday 17 April.
    assert_eq!(cal.within_days(d(2024, 3, 14), 30).last_day, d(2024, 4, 17));
    assert_eq!(
        store
            .holidays_between(d(2024, 4, 1), d(2024, 4, 14))
            .await
            .expect("h")
            .len(),
        2
    );
}

async fn sqlite_backup_is_a_consistent_copy(store: Store) {
    small_bma(&store).await;
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"}]),
    );
    store
        .apply_order(&o, &meta("hr", "2010-06-01T09:00:00Z"))
        .await
        .expect("order");
    let dir = std::env::temp_dir().join(format!(
        "bmahr_backup_{}_{}",
        std::process::id(),
        store.backend() as u8
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("snapshot.sqlite");
    let r = store.backup_to(&out).await;
    if store.backend() == Backend::Postgres {
        assert!(r.is_err(), "PostgreSQL is backed up with pg_dump");
        return;
    }
    r.expect("backup");
    // A second backup to the same file is refused rather than overwriting it.
    assert!(store.backup_to(&out).await.is_err());
    let copy = Store::open(&format!("sqlite://{}", out.display()))
        .await
        .expect("open backup");
    assert!(copy.integrity_ok().await.expect("integrity"));
    let a = store.summary(d(2020, 1, 1)).await.expect("s");
    let b = copy.summary(d(2020, 1, 1)).await.expect("s");
    assert_eq!(
        (a.in_service, a.orders, a.actions, a.positions_in_frame),
        (b.in_service, b.orders, b.actions, b.positions_in_frame)
    );
    copy.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
