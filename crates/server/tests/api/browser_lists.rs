//! Issue 23's lists in a real browser at phone width: a unit's positions filtered by text and
//! sorted from the column header, and a person's record "as of" a date with its history's
//! from → to.

use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::OrderDraft;
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, WriteMeta};

use crate::browser::{browser, shots, sign_in};
use crate::fixture::{App, NID};

crate::on_every_backend!(officer_filters_sorts_and_reads_a_record_as_of_a_date);

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

async fn officer_filters_sorts_and_reads_a_record_as_of_a_date(app: &App) {
    app.store
        .create_positions(
            &[NewPosition {
                position_no: "103".into(),
                unit_code: "D01-ADM".into(),
                category: Category::Ordinary,
                level: Level::Professional,
                line_of_work: "นักวิชาการคอมพิวเตอร์".into(),
                admin_title: String::new(),
                validity: Validity {
                    from: ThaiDate::from_ce(2000, 1, 1).unwrap(),
                    to: None,
                },
                approval_ref: "มติ ก.ก. 2/2543".into(),
            }],
            &meta(),
        )
        .await
        .unwrap();
    let order: OrderDraft = serde_json::from_value(serde_json::json!({
        "number": "7/2558", "issuer_unit": "D01", "signed_on": "2015-01-01", "signed_by": "x", "authority": "ผู้อำนวยการเขต",
        "effective_date": "2015-01-01", "reason": "ย้าย",
        "actions": [{"kind": "move", "person": NID[0], "position_no": "103"}],
    }))
    .unwrap();
    app.store.apply_order(&order, &meta()).await.unwrap();
    let id = app.person[0];
    let base = format!("http://{}", app.addr);
    tokio::task::spawn_blocking(move || {
        let Some(b) = browser(390, 844) else {
            return;
        };
        sign_in(&b, &base, "hr01");
        b.goto(&format!("{base}/units/D01-ADM"));
        // Newest number first from the column header, then back.
        b.click("#positions th[aria-sort=ascending] a");
        b.wait_for_url(|u| u.contains("dir=desc"));
        assert!(b.exists("#positions th[aria-sort=descending]"));
        let rows = b.text("#positions tbody");
        let (p103, p101) = (rows.find("103").unwrap(), rows.find("101").unwrap());
        assert!(p103 < p101, "descending: {rows}");
        // A text filter keeps the order.
        b.type_into("#position-q", "คอม");
        b.click("#position-filters button");
        b.wait_for_url(|u| u.contains("q="));
        let rows = b.text("#positions tbody");
        assert!(rows.contains("103") && !rows.contains("101"), "{rows}");
        b.screenshot(&shots().join("unit-filtered-phone.png"));
        // The record on 1 January 2557 B.E.: the position before the move.
        b.goto(&format!("{base}/people/{id}"));
        assert!(
            b.text("#position").starts_with("103"),
            "today: {}",
            b.text("#position")
        );
        b.clear("#as-of");
        b.type_into("#as-of", "01/01/2557");
        b.click("#as-of-form button");
        b.wait_for_url(|u| u.contains("as_of="));
        assert!(
            b.text("#position").starts_with("101"),
            "then: {}",
            b.text("#position")
        );
        assert!(b.exists("#as-of-note"));
        let history = b.text("#timeline");
        assert!(history.contains("→ 103"), "{history}");
        b.screenshot(&shots().join("person-as-of-phone.png"));
    })
    .await
    .unwrap();
}
