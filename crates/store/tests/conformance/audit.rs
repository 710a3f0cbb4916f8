use bmahr_core::NationalId;
use bmahr_store::{AuditQuery, Store};
use serde_json::json;

use crate::fixtures::{meta, order, small_bma, NID};

crate::on_every_backend!(
    audit_by_person_actor_and_time,
    concurrent_read_events_are_each_committed_once,
    a_records_trail_is_the_audit_of_the_person
);

/// The page's trail (the orders' events kept with the profile) is exactly the audit query
/// of the person without the openings, after reads, after a new order and after events on
/// their own.
async fn a_records_trail_is_the_audit_of_the_person(store: Store) {
    small_bma(&store).await;
    let p0 = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("p")
        .id;
    let expected = |store: Store| async move {
        let ids: Vec<i64> = store
            .audit(&AuditQuery {
                person_id: Some(p0),
                limit: 1_000,
                ..Default::default()
            })
            .await
            .expect("audit")
            .into_iter()
            .filter(|e| e.action != "person.view")
            .take(bmahr_store::RECORD_TRAIL)
            .map(|e| e.id)
            .collect();
        ids
    };
    let trail = |store: Store| async move {
        let (profile, trail) = store.profile_and_trail(p0).await.expect("trail");
        assert_eq!(profile.record.person.id, p0);
        let ids: Vec<i64> = trail.into_iter().map(|e| e.id).collect();
        ids
    };
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"}]),
    );
    store
        .apply_order(&o, &meta("officer.a", "2010-06-01T09:00:00Z"))
        .await
        .expect("order");
    assert_eq!(trail(store.clone()).await, expected(store.clone()).await);
    // Reads of the record: the cached profile's trail shows them, newest first.
    for i in 0..25 {
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
    // Reads of the record are not its trail: they are listed apart.
    let now = trail(store.clone()).await;
    assert_eq!(now, expected(store.clone()).await);
    assert_eq!(now.len(), 2, "the registration and the order: {now:?}");
    let openings = store
        .audit(&AuditQuery {
            person_id: Some(p0),
            action: Some("person.view".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("openings");
    assert_eq!(openings.len(), 25);
    // Other events naming the person are: at once on SQLite, and on PostgreSQL as soon
    // as the listener hears the database's notice.
    for i in 0..12 {
        store
            .record_event(
                &meta("prober", &format!("2012-01-01T00:00:{i:02}Z")),
                "access.denied",
                Some(p0),
                "test",
            )
            .await
            .expect("refusal");
    }
    let mut now = trail(store.clone()).await;
    for _ in 0..200 {
        if now == expected(store.clone()).await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        now = trail(store.clone()).await;
    }
    assert_eq!(now, expected(store.clone()).await);
    assert_eq!(now.len(), bmahr_store::RECORD_TRAIL);
    // A later order moves the version: its event is in the trail at once.
    let o = order(
        "2/2556",
        "2013-10-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "15500"}]),
    );
    store
        .apply_order(&o, &meta("officer.b", "2013-10-01T09:00:00Z"))
        .await
        .expect("second order");
    let now = trail(store.clone()).await;
    assert_eq!(now, expected(store.clone()).await);
    let signed = store
        .audit(&AuditQuery {
            action: Some("order.apply".into()),
            limit: 1,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(now.contains(&signed[0].id), "{now:?} lacks {:?}", signed[0]);
}

/// 200 readers at once: every event is committed (in shared transactions) before its
/// reader returns, none twice.
async fn concurrent_read_events_are_each_committed_once(store: Store) {
    small_bma(&store).await;
    let readers: Vec<_> = (0..200)
        .map(|i| {
            let s = store.clone();
            tokio::spawn(async move {
                let m = meta(&format!("reader{}", i % 7), "2026-01-01T00:00:00Z");
                s.record_event(&m, "person.view", None, &format!("read {i}"))
                    .await
            })
        })
        .collect();
    for r in readers {
        r.await.expect("join").expect("recorded");
    }
    let events = store
        .audit(&AuditQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .expect("audit");
    let mut details: Vec<&str> = events
        .iter()
        .filter(|e| e.action == "person.view")
        .map(|e| e.detail.as_str())
        .collect();
    details.sort_unstable();
    details.dedup();
    assert_eq!(details.len(), 200);
    assert_eq!(
        events.iter().filter(|e| e.action == "person.view").count(),
        200
    );
}

async fn audit_by_person_actor_and_time(store: Store) {
    small_bma(&store).await;
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"}]),
    );
    let mut m = meta("officer.a", "2010-06-01T09:00:00Z");
    m.reason = "บรรจุใหม่".into();
    m.request_ref = Some("E-Sarabun 123".into());
    store.apply_order(&o, &m).await.expect("order");
    let o = order(
        "2/2553",
        "2010-07-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "103", "salary": "15000"}]),
    );
    store
        .apply_order(&o, &meta("officer.b", "2010-07-01T09:00:00Z"))
        .await
        .expect("order");
    let p0 = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("p")
        .id;

    let by_person = store
        .audit(&AuditQuery {
            person_id: Some(p0),
            ..Default::default()
        })
        .await
        .expect("audit");
    let actions: Vec<&str> = by_person.iter().map(|e| e.action.as_str()).collect();
    // Newest first: the fixture registered people "in 2020", after the 2010 order.
    assert_eq!(actions, vec!["person.create", "order.apply"]);
    assert_eq!(by_person[1].reason, "บรรจุใหม่");
    assert_eq!(by_person[1].request_ref.as_deref(), Some("E-Sarabun 123"));
    // Paged: the second event alone, from both sources merged in order.
    let second = store
        .audit(&AuditQuery {
            person_id: Some(p0),
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].id, by_person[1].id);
    let only_orders = store
        .audit(&AuditQuery {
            person_id: Some(p0),
            action: Some("order.apply".into()),
            ..Default::default()
        })
        .await
        .expect("audit");
    assert_eq!(only_orders.len(), 1);

    let by_actor = store
        .audit(&AuditQuery {
            actor: Some("officer.b".into()),
            ..Default::default()
        })
        .await
        .expect("audit");
    assert_eq!(by_actor.len(), 1);
    assert!(by_actor[0].detail.contains("2/2553"));

    let in_june = store
        .audit(&AuditQuery {
            from: Some("2010-06-01".into()),
            to: Some("2010-06-30".into()),
            ..Default::default()
        })
        .await
        .expect("audit");
    assert_eq!(in_june.len(), 1);
    assert_eq!(in_june[0].actor, "officer.a");
}
