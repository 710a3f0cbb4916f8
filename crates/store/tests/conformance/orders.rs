use bmahr_core::register::{SeparationReason, Status};
use bmahr_core::{NationalId, Satang};
use bmahr_store::{Store, StoreError};
use serde_json::json;

use crate::fixtures::{d, meta, order, raw, small_bma, NID};

crate::on_every_backend!(
    register_follows_orders_on_every_date,
    rejected_order_changes_nothing_and_reports_everything,
    correction_replaces_and_history_remembers,
    stale_version_is_refused,
    concurrent_signers_lose_no_update,
    district_register_and_summary,
    cancelling_a_move_moves_the_register_back,
    a_position_has_one_holder_at_the_frames_level,
    a_birth_date_changes_only_by_a_correction_on_a_kk_decision,
    dashboard_figures_follow_each_order_at_once,
);

async fn dashboard_figures_follow_each_order_at_once(store: Store) {
    small_bma(&store).await;
    let on = d(2024, 6, 1);
    let (h, _) = store.dashboard_figures(on, None).await.unwrap();
    assert_eq!((h.in_service, h.frame, h.filled), (0, 4, 0));
    let m = meta("hr", "2020-01-01T00:00:00Z");
    let o = order(
        "1/2563",
        "2020-01-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"}]),
    );
    store.apply_order(&o, &m).await.unwrap();
    // Not a minute-old copy: the order moved the figures on.
    let (h, _) = store.dashboard_figures(on, None).await.unwrap();
    assert_eq!((h.in_service, h.filled, h.vacant()), (1, 1, 3));
}

async fn a_birth_date_changes_only_by_a_correction_on_a_kk_decision(store: Store) {
    small_bma(&store).await;
    let m = meta("hr", "2024-01-01T00:00:00Z");
    let nid = NationalId::parse(NID[1]).unwrap();
    let before = store.person_by_national_id(&nid).await.unwrap();
    assert_eq!(before.birth_date, d(1966, 10, 1));
    // Without the decision and the evidence: refused, each named, §14(11).
    let bare = order(
        "1/2567",
        "2024-01-01",
        json!([{"kind": "correct_birth_date", "person": NID[1], "birth_date": "1966-10-02"}]),
    );
    let codes = refusal(store.apply_order(&bare, &m).await);
    assert_eq!(
        codes,
        vec![
            (
                "birth_date.correction".to_string(),
                "actions[1].kk_decision".to_string()
            ),
            (
                "birth_date.correction".to_string(),
                "actions[1].evidence".to_string()
            ),
        ]
    );
    // A birth date riding on another kind of action.
    let sneaky = order(
        "2/2567",
        "2024-01-01",
        json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "101", "salary": "15000", "birth_date": "1970-01-01"}]),
    );
    assert!(refusal(store.apply_order(&sneaky, &m).await).contains(&(
        "birth_date.only_by_correction".to_string(),
        "actions[1].birth_date".to_string()
    )));
    assert_eq!(
        store.person_by_national_id(&nid).await.unwrap().birth_date,
        d(1966, 10, 1)
    );
    // With both: the register's birth date, and so the retirement date, follow.
    let good = order(
        "3/2567",
        "2024-01-01",
        json!([{"kind": "correct_birth_date", "person": NID[1], "birth_date": "1966-10-02",
        "kk_decision": "มติ ก.ก. ครั้งที่ 1/2567", "evidence": "สูติบัตรเลขที่ 123/2509"}]),
    );
    store.apply_order(&good, &m).await.expect("correction");
    let after = store.person_by_national_id(&nid).await.unwrap();
    assert_eq!(after.birth_date, d(1966, 10, 2));
    assert_eq!(
        bmahr_core::law::retirement::retirement_date(after.birth_date),
        d(2027, 9, 30),
        "a year later than 30/09/2569"
    );
    assert!(after.version > before.version);
    let o = store.order_by_number("D01", "3/2567").await.unwrap();
    assert_eq!(o.actions.len(), 1);
}

/// The codes and fields of a refused order.
fn refusal(r: Result<bmahr_store::AppliedOrder, StoreError>) -> Vec<(String, String)> {
    match r {
        Err(StoreError::Invalid(v)) => v
            .iter()
            .map(|x| (x.code.to_string(), x.field.clone()))
            .collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn a_position_has_one_holder_at_the_frames_level(store: Store) {
    small_bma(&store).await;
    let m = meta("hr", "2020-01-01T00:00:00Z");
    let appoint = |n: &str, date: &str, who: usize, pos: &str| {
        order(
            n,
            date,
            json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[who], "position_no": pos, "salary": "15000"}]),
        )
    };
    store
        .apply_order(&appoint("1/2563", "2020-01-01", 0, "101"), &m)
        .await
        .expect("first holder");
    // Into a held position: refused, naming the field and the section; nothing written.
    let r = store
        .apply_order(&appoint("2/2563", "2020-06-01", 1, "101"), &m)
        .await;
    assert_eq!(
        refusal(r),
        vec![(
            "position.occupied".to_string(),
            "actions[1].position_no".to_string()
        )]
    );
    // Two people into one free position in one order: the second is refused.
    let both = order(
        "3/2563",
        "2020-06-01",
        json!([
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "102", "salary": "15000"},
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[2], "position_no": "102", "salary": "15000"},
        ]),
    );
    assert_eq!(
        refusal(store.apply_order(&both, &m).await),
        vec![(
            "position.occupied".to_string(),
            "actions[2].position_no".to_string()
        )]
    );
    // A level other than the frame's.
    let wrong_level = order(
        "4/2563",
        "2020-06-01",
        json!([
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "102", "salary": "15000", "level": "practitioner"},
        ]),
    );
    assert_eq!(
        refusal(store.apply_order(&wrong_level, &m).await),
        vec![(
            "position.level_not_allowed".to_string(),
            "actions[1].level".to_string()
        )]
    );
    // The holder moves out in the same order as the newcomer moves in: accepted.
    let swap = order(
        "5/2563",
        "2020-06-01",
        json!([
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "101", "salary": "15000"},
            {"kind": "move", "person": NID[0], "position_no": "103"},
        ]),
    );
    store.apply_order(&swap, &m).await.expect("swap");
    let on = |who: usize| {
        let s = store.clone();
        async move {
            let p = s
                .person_by_national_id(&NationalId::parse(NID[who]).unwrap())
                .await
                .unwrap();
            s.person_on(p.id, d(2020, 7, 1), None)
                .await
                .unwrap()
                .placement
                .unwrap()
                .position_no
        }
    };
    assert_eq!(on(1).await, "101");
    assert_eq!(on(0).await, "103");
}

/// The register's periods agree with the fold of the actions on every date asked.
async fn spans_agree(store: &Store, dates: &[(i32, u32, u32)]) {
    for (y, m, dd) in dates {
        let bad = store.verify_spans(d(*y, *m, *dd)).await.expect("verify");
        assert!(bad.is_empty(), "spans disagree on {y}-{m}-{dd} for {bad:?}");
        let bad = store
            .verify_vacancies(d(*y, *m, *dd))
            .await
            .expect("verify");
        assert!(
            bad.is_empty(),
            "vacancies disagree on {y}-{m}-{dd} for positions {bad:?}"
        );
    }
}

async fn pid(store: &Store, i: usize) -> i64 {
    store
        .person_by_national_id(&NationalId::parse(NID[i]).expect("id"))
        .await
        .expect("person")
        .id
}

async fn appoint_all(store: &Store) {
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"},
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "103", "salary": "18,000.00"},
        ]),
    );
    store
        .apply_order(&o, &meta("hr1", "2010-06-01T09:00:00Z"))
        .await
        .expect("appoint");
}

async fn counts(store: &Store) -> (i64, i64, usize) {
    let s = store.summary(d(2030, 1, 1)).await.expect("summary");
    let audit = store.audit(&Default::default()).await.expect("audit").len();
    (s.orders, s.actions, audit)
}

async fn register_follows_orders_on_every_date(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let p0 = pid(&store, 0).await;
    store
        .apply_order(
            &order(
                "2/2554",
                "2011-10-01",
                json!([{"kind": "salary_change", "person": NID[0], "salary": 16000}]),
            ),
            &meta("hr1", "2011-09-20T09:00:00Z"),
        )
        .await
        .expect("step");
    store
        .apply_order(
            &order("3/2558", "2015-01-01", json!([{"kind": "promote", "person": NID[0], "position_no": "102", "salary": "22000"}])),
            &meta("hr1", "2014-12-20T09:00:00Z"),
        )
        .await
        .expect("promote");
    store
        .apply_order(
            &order(
                "4/2563",
                "2020-03-01",
                json!([{"kind": "separate", "person": NID[0], "separation": "resignation"}]),
            ),
            &meta("hr1", "2020-02-20T09:00:00Z"),
        )
        .await
        .expect("resign");
    let on = |y, m, dd| store.person_on(p0, d(y, m, dd), None);
    assert_eq!(on(2010, 5, 31).await.expect("r").status, None);
    let r = on(2011, 9, 30).await.expect("r");
    assert_eq!(
        (r.status, r.salary),
        (Some(Status::Active), Some(Satang::from_baht(15_000)))
    );
    assert_eq!(
        on(2011, 10, 1).await.expect("r").salary,
        Some(Satang::from_baht(16_000))
    );
    assert_eq!(
        on(2016, 1, 1)
            .await
            .expect("r")
            .placement
            .expect("placed")
            .position_no,
        "102"
    );
    let r = on(2021, 1, 1).await.expect("r");
    assert_eq!(r.status, Some(Status::Separated));
    assert_eq!(
        r.separation,
        Some((SeparationReason::Resignation, d(2020, 3, 1)))
    );
    spans_agree(
        &store,
        &[
            (2010, 5, 31),
            (2010, 6, 1),
            (2015, 1, 1),
            (2020, 2, 29),
            (2020, 3, 1),
            (2030, 1, 1),
        ],
    )
    .await;
    // After resigning, position 102 is vacant again; 103 is still held.
    let s = store.summary(d(2021, 1, 1)).await.expect("summary");
    assert_eq!((s.in_service, s.positions_in_frame, s.vacant), (1, 4, 3));
}

async fn rejected_order_changes_nothing_and_reports_everything(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let before = counts(&store).await;
    let bad = order(
        "5/2567",
        "2024-01-01",
        json!([
            {"kind": "salary_change", "person": NID[0], "salary": "16000"},          // fine
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "102", "salary": 1}, // already in service
            {"kind": "move", "person": NID[2], "position_no": "999"},               // not in service, no such position
            {"kind": "salary_change", "person": "1101700203468", "salary": "1"},     // unknown person (valid ID)
        ]),
    );
    let err = store
        .apply_order(&bad, &meta("hr1", "2024-01-01T09:00:00Z"))
        .await;
    let StoreError::Invalid(v) = err.expect_err("must be refused") else {
        panic!("not invalid")
    };
    let codes: Vec<&str> = v.iter().map(|x| x.code).collect();
    for c in [
        "record.already_in_service",
        "record.not_in_service",
        "action.position_unknown",
        "action.person_unknown",
    ] {
        assert!(codes.contains(&c), "{c} not in {codes:?}");
    }
    assert!(v
        .iter()
        .all(|x| !x.message_th.is_empty() && !x.message_en.is_empty()));
    assert_eq!(counts(&store).await, before, "nothing may be written");
    // The good action alone would have raised the salary: it did not.
    let r = store
        .person_on(pid(&store, 0).await, d(2024, 6, 1), None)
        .await
        .expect("r");
    assert_eq!(r.salary, Some(Satang::from_baht(15_000)));
    // Re-using an order number is refused too.
    let dup = order(
        "1/2553",
        "2024-01-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "20000"}]),
    );
    let StoreError::Invalid(v) = store
        .apply_order(&dup, &meta("hr1", "2024-01-01T09:00:00Z"))
        .await
        .expect_err("dup")
    else {
        panic!()
    };
    assert_eq!(v.0[0].code, "order.number_taken");
}

/// DOMAIN §3: a correction is a new order naming the one it corrects; the register as of a
/// date shows the corrected value, and the history still answers what it said before.
async fn correction_replaces_and_history_remembers(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let p0 = pid(&store, 0).await;
    store
        .apply_order(
            &order(
                "10/2567",
                "2023-10-01",
                json!([{"kind": "salary_change", "person": NID[0], "salary": "16500"}]),
            ),
            &meta("hr1", "2023-10-02T09:00:00Z"),
        )
        .await
        .expect("step");
    let kept = store.profile(p0).await.expect("profile");
    assert_eq!(
        kept.record_on(d(2024, 1, 1)).salary,
        Some(Satang::from_baht(16_500))
    );
    let mut fix = order(
        "11/2567",
        "2023-10-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "16200"}]),
    );
    fix.corrects = Some(bmahr_core::register::Correction {
        order_number: "10/2567".into(),
        actions: vec![],
    });
    fix.signed_on = d(2023, 11, 15);
    let applied = store
        .apply_order(&fix, &meta("records", "2023-11-15T10:00:00Z"))
        .await
        .expect("fix");
    assert_eq!(applied.voided, 1);
    let now = store.person_on(p0, d(2024, 1, 1), None).await.expect("r");
    assert_eq!(now.salary, Some(Satang::from_baht(16_200)));
    // The profile read before the correction is not served after it.
    let fresh = store.profile(p0).await.expect("profile");
    assert_eq!(fresh.record_on(d(2024, 1, 1)), now);
    assert!(fresh.record.person.version > kept.record.person.version);
    // As known on 1 November 2023 (before the correction was recorded): 16,500.
    let then = store
        .person_on(p0, d(2024, 1, 1), Some("2023-11-01T00:00:00Z"))
        .await
        .expect("r");
    assert_eq!(then.salary, Some(Satang::from_baht(16_500)));
    // The corrected order still exists, its action marked voided by the correction.
    let old = store
        .order_by_number("D01", "10/2567")
        .await
        .expect("old order");
    assert_eq!(old.actions[0].3, Some(applied.order_id));
    // Correcting it a second time is refused: correct the correction instead.
    let mut again = order(
        "12/2567",
        "2023-10-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "1"}]),
    );
    again.corrects = Some(bmahr_core::register::Correction {
        order_number: "10/2567".into(),
        actions: vec![],
    });
    let StoreError::Invalid(v) = store
        .apply_order(&again, &meta("records", "2023-11-16T10:00:00Z"))
        .await
        .expect_err("twice")
    else {
        panic!()
    };
    assert_eq!(v.0[0].code, "order.already_corrected");
    // An order cancelled without replacement: correct with no actions.
    let mut cancel = order("13/2567", "2023-10-01", json!([]));
    cancel.corrects = Some(bmahr_core::register::Correction {
        order_number: "11/2567".into(),
        actions: vec![1],
    });
    store
        .apply_order(&cancel, &meta("records", "2023-12-01T10:00:00Z"))
        .await
        .expect("cancel");
    assert_eq!(
        store
            .person_on(p0, d(2024, 1, 1), None)
            .await
            .expect("r")
            .salary,
        Some(Satang::from_baht(15_000))
    );
}

async fn stale_version_is_refused(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let p = store
        .person_by_national_id(&NationalId::parse(NID[0]).expect("id"))
        .await
        .expect("p");
    let seen = p.version;
    let a = order(
        "20/2567",
        "2024-04-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "16000", "expected_version": seen}]),
    );
    let b = order(
        "21/2567",
        "2024-04-01",
        json!([{"kind": "move", "person": NID[0], "position_no": "102", "expected_version": seen}]),
    );
    store
        .apply_order(&a, &meta("hr1", "2024-04-01T09:00:00Z"))
        .await
        .expect("first writer wins");
    let before = counts(&store).await;
    let err = store
        .apply_order(&b, &meta("hr2", "2024-04-01T09:00:01Z"))
        .await
        .expect_err("second is stale");
    assert!(
        matches!(err, StoreError::Conflict(ref v) if v.code == "version.stale"),
        "{err:?}"
    );
    assert_eq!(counts(&store).await, before);
    assert_eq!(store.person_by_id(p.id).await.expect("p").version, seen + 1);
}

/// Ten signers at once on the same person: each order either lands whole or is refused as
/// stale; the version counts exactly the orders that landed.
async fn concurrent_signers_lose_no_update(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let p = store
        .person_by_national_id(&NationalId::parse(NID[1]).expect("id"))
        .await
        .expect("p");
    let mut tasks = Vec::new();
    for i in 0..10 {
        let store = store.clone();
        let o = order(
            &format!("{}/2567", 100 + i),
            "2024-04-01",
            json!([{"kind": "salary_change", "person": NID[1], "salary": 19000}]),
        );
        tasks.push(tokio::spawn(async move {
            store
                .apply_order(&o, &meta(&format!("signer{i}"), "2024-04-01T09:00:00Z"))
                .await
        }));
    }
    let mut landed = 0;
    for t in tasks {
        match t.await.expect("join") {
            Ok(_) => landed += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("unexpected error {e:?}"),
        }
    }
    assert!(landed >= 1);
    let after = store.person_by_id(p.id).await.expect("p");
    assert_eq!(after.version, p.version + landed);
    let actions = store
        .person_actions(p.id, d(2030, 1, 1), None)
        .await
        .expect("actions");
    assert_eq!(actions.len() as i64, 1 + landed);
}

async fn district_register_and_summary(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    let d01 = store.unit_by_code("D01", d(2020, 1, 1)).await.expect("d01");
    let reg = store
        .unit_register_on(d01.id, d(2020, 1, 1))
        .await
        .expect("register");
    assert_eq!(reg.len(), 2);
    assert_eq!(
        reg[0].record.placement.as_ref().expect("p").position_no,
        "101"
    );
    // Read from the periods, each record is what folding the person's actions gives.
    for p in &reg {
        let folded = store
            .person_on(p.person.id, d(2020, 1, 1), None)
            .await
            .expect("fold");
        assert_eq!(p.record, folded);
        assert!(p.record.salary.is_some() && p.record.actions_applied > 0);
    }
    assert!(store
        .unit_register_on(d01.id, d(2010, 5, 31))
        .await
        .expect("register")
        .is_empty());
    let vacant: Vec<String> = store
        .vacancies_on(d01.id, d(2020, 1, 1))
        .await
        .expect("vacancies")
        .into_iter()
        .map(|p| p.position_no)
        .collect();
    assert_eq!(vacant, vec!["102"]);
    let d02 = store.unit_by_code("D02", d(2020, 1, 1)).await.expect("d02");
    assert!(store
        .unit_register_on(d02.id, d(2020, 1, 1))
        .await
        .expect("register")
        .is_empty());
    let s = store.summary(d(2020, 1, 1)).await.expect("summary");
    assert_eq!(
        (s.people_registered, s.in_service, s.filled, s.vacant),
        (3, 2, 2, 2)
    );
    // Person 2 (born 1 October 1966) retires on 30 September 2026, in FY 2569.
    let s = store.summary(d(2025, 10, 1)).await.expect("summary");
    let fy2569 = s
        .retiring
        .iter()
        .find(|r| r.fiscal_year.year_be() == 2569)
        .expect("fy");
    assert_eq!(fy2569.count, 1);
}

async fn cancelling_a_move_moves_the_register_back(store: Store) {
    small_bma(&store).await;
    appoint_all(&store).await;
    store
        .apply_order(
            &order(
                "30/2558",
                "2015-01-01",
                json!([{"kind": "move", "person": NID[0], "position_no": "102"}]),
            ),
            &meta("hr1", "2014-12-20T09:00:00Z"),
        )
        .await
        .expect("move");
    let d01 = store.unit_by_code("D01", d(2016, 1, 1)).await.expect("d01");
    let held =
        |v: Vec<bmahr_store::PositionRow>| v.into_iter().map(|p| p.position_no).collect::<Vec<_>>();
    assert_eq!(
        held(store.vacancies_on(d01.id, d(2016, 1, 1)).await.expect("v")),
        vec!["101"]
    );
    let mut cancel = order("31/2558", "2015-01-01", json!([]));
    cancel.corrects = Some(bmahr_core::register::Correction {
        order_number: "30/2558".into(),
        actions: vec![],
    });
    store
        .apply_order(&cancel, &meta("records", "2015-02-01T09:00:00Z"))
        .await
        .expect("cancel");
    assert_eq!(
        held(store.vacancies_on(d01.id, d(2016, 1, 1)).await.expect("v")),
        vec!["102"]
    );
    spans_agree(&store, &[(2014, 12, 31), (2015, 1, 1), (2016, 1, 1)]).await;
    // Rebuilding the periods from scratch gives the same answers.
    store.rebuild_spans().await.expect("rebuild");
    spans_agree(&store, &[(2015, 1, 1), (2016, 1, 1)]).await;
    // A kept vacancy lost (or made up) is found, and a rebuild restores it.
    let p102 = store
        .vacancies_on(d01.id, d(2016, 1, 1))
        .await
        .expect("v")
        .remove(0)
        .id;
    let db = raw(&store).await;
    sqlx::query("DELETE FROM position_vacancies WHERE position_id = $1")
        .bind(p102)
        .execute(&db)
        .await
        .expect("tamper");
    assert_eq!(
        store.verify_vacancies(d(2016, 1, 1)).await.expect("verify"),
        vec![p102]
    );
    store.rebuild_vacancies().await.expect("rebuild");
    spans_agree(&store, &[(2016, 1, 1)]).await;
}
