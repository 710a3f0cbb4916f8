use bmahr_core::FiscalYear;
use bmahr_store::{AuditQuery, FrameQuery, Store, StoreError};
use serde_json::json;

use crate::fixtures::{d, meta, order, small_bma, NID};

crate::on_every_backend!(
    frame_lists_holders_vacancies_and_counts,
    retirees_of_a_fiscal_year,
    holiday_is_deleted_with_its_audit_event
);

/// 101 and 103 filled, 102 and 201 vacant.
async fn appoint_two(store: &Store) {
    let o = order(
        "1/2553",
        "2010-06-01",
        json!([
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"},
            {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "103", "salary": "15000"},
        ]),
    );
    store
        .apply_order(&o, &meta("hr", "2010-06-01T09:00:00Z"))
        .await
        .expect("order");
}

fn numbers(items: &[bmahr_store::FramePosition]) -> Vec<&str> {
    items
        .iter()
        .map(|f| f.position.position_no.as_str())
        .collect()
}

async fn frame_lists_holders_vacancies_and_counts(store: Store) {
    small_bma(&store).await;
    appoint_two(&store).await;
    let on = d(2020, 1, 1);
    let q = |vacant, units| FrameQuery {
        on,
        units,
        vacant,
        category: None,
        line_of_work: None,
        level: None,
        text: None,
        sort: Default::default(),
        limit: 10,
        offset: 0,
    };
    let (all, total) = store.frame_on(&q(None, None)).await.expect("frame");
    assert_eq!(
        (numbers(&all), total),
        (vec!["101", "102", "103", "201"], 4)
    );
    let holder = all[0].holder.as_ref().expect("101 is held");
    assert_eq!(holder.name.first_th, "สมชาย");
    assert_eq!(all[0].position.unit_code, "D01-ADM");
    assert_eq!(all[0].unit_name_th, "หน่วย D01-ADM");
    assert!(all[1].holder.is_none());
    let (vacant, n) = store.frame_on(&q(Some(true), None)).await.expect("vacant");
    assert_eq!((numbers(&vacant), n), (vec!["102", "201"], 2));
    let (filled, _) = store.frame_on(&q(Some(false), None)).await.expect("filled");
    assert_eq!(numbers(&filled), vec!["101", "103"]);
    // Before the order, everything was vacant.
    let mut before = q(Some(true), None);
    before.on = d(2009, 1, 1);
    assert_eq!(store.frame_on(&before).await.expect("before").1, 4);
    // A subtree, paged.
    let d01 = store.unit_by_code("D01", on).await.expect("D01").id;
    let sub = store.unit_subtree(d01).await.expect("subtree");
    let mut page = q(None, Some(&sub));
    page.limit = 1;
    page.offset = 1;
    let (one, n) = store.frame_on(&page).await.expect("page");
    assert_eq!((numbers(&one), n), (vec!["102"], 3));
    assert_eq!(
        store.frame_on(&q(None, Some(&[]))).await.expect("none").1,
        0
    );
    // Each unit's own counts.
    let counts = store.unit_frame_counts(on).await.expect("counts");
    for (code, want) in [
        ("D01-ADM", Some((2, 1))),
        ("D01-FIN", Some((1, 1))),
        ("D02", Some((1, 0))),
        ("D01", None),
    ] {
        let id = store.unit_by_code(code, on).await.expect("unit").id;
        let got = counts
            .iter()
            .find(|c| c.unit_id == id)
            .map(|c| (c.frame, c.filled));
        assert_eq!(got, want, "{code}");
    }
}

async fn retirees_of_a_fiscal_year(store: Store) {
    small_bma(&store).await;
    appoint_two(&store).await;
    // NID[1] was born 1 October 1966: completes 60 on 30 September 2026, FY 2569.
    let on = d(2020, 1, 1);
    let (r, total) = store
        .retirees(FiscalYear::be(2569), on, None, 10, 0)
        .await
        .expect("retirees");
    assert_eq!(total, 1);
    assert_eq!(r[0].name.first_th, "สมศักดิ์");
    assert_eq!(r[0].retirement_date, d(2026, 9, 30));
    assert_eq!(r[0].position_no.as_deref(), Some("103"));
    assert_eq!(r[0].unit_code.as_deref(), Some("D01-FIN"));
    assert_eq!(
        store
            .retirees(FiscalYear::be(2570), on, None, 10, 0)
            .await
            .expect("next year")
            .1,
        0
    );
    let d02 = store.unit_by_code("D02", on).await.expect("D02").id;
    assert_eq!(
        store
            .retirees(FiscalYear::be(2569), on, Some(&[d02]), 10, 0)
            .await
            .expect("D02")
            .1,
        0
    );
}

async fn holiday_is_deleted_with_its_audit_event(store: Store) {
    let m = meta("admin", "2026-01-02T00:00:00Z");
    let day = d(2026, 4, 13);
    store
        .put_holidays(&[(day, "วันสงกรานต์".into(), "Songkran".into())], &m)
        .await
        .expect("put");
    store.delete_holiday(day, &m).await.expect("delete");
    assert!(store
        .holidays_between(d(2026, 1, 1), d(2026, 12, 31))
        .await
        .expect("list")
        .is_empty());
    let events = store
        .audit(&AuditQuery {
            actor: Some("admin".into()),
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(events
        .iter()
        .any(|e| e.action == "holiday.delete" && e.detail.contains("2026-04-13")));
    let again = store.delete_holiday(day, &m).await;
    assert!(matches!(again, Err(StoreError::NotFound(_))), "{again:?}");
}
