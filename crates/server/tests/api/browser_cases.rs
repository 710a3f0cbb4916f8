//! Case files in a real browser: a discipline officer finds the case, a superior's increase
//! beyond their power is refused on the page with its section, the report and the ก.ก.
//! resolution are recorded, the deadline shows on the board and on the person's own; an
//! officer of another district is refused.

use serde_json::json;

use crate::browser::{browser, shots, sign_in};
use crate::fixture::{App, NID};
use crate::orders::post_as;

crate::on_every_backend!(officer_records_a_case_on_its_page_and_the_person_sees_the_deadline);

async fn officer_records_a_case_on_its_page_and_the_person_sees_the_deadline(app: &App) {
    let r = post_as(
        app,
        "disc01",
        "/api/v1/cases",
        json!({"person": NID[0], "case": {"kind": "discipline", "source": "หนังสือร้องเรียน",
            "category": "behaviour", "allegation": "ประพฤติตนไม่เหมาะสม", "received_on": "2026-01-05"}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let r = post_as(
        app,
        "disc01",
        &format!("/api/v1/cases/{id}/events"),
        json!({"expected_version": 1, "event": {"type": "decided", "on": "2026-02-10", "by": "ผู้อำนวยการเขต",
            "disposition": {"penalised": {"kind": "salary_cut", "percent": 2, "months": 1}},
            "power": {"kind": "salary_cut", "percent": 5, "months": 3}}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The Office records ก.ก.'s resolution: probation, notified on 25 March.
    let r = post_as(
        app,
        "discbma",
        &format!("/api/v1/cases/{id}/events"),
        json!({"expected_version": 2, "event": {"type": "kk_resolved", "resolution": "มติ ก.ก. ครั้งที่ 3/2569",
            "decided_on": "2026-03-20", "notified_on": "2026-03-25", "resolved": {"penalised": {"kind": "probation"}}}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let base = format!("http://{}", app.addr);
    let result = tokio::task::spawn_blocking(move || {
        let Some(b) = browser(1280, 1000) else {
            return;
        };
        sign_in(&b, &base, "disc01");
        b.goto(&format!("{base}/cases"));
        b.click(&format!("#cases a[href='/cases/{id}']"));
        b.wait_for("#case-id");
        assert_eq!(b.text("#case-id"), id.to_string());
        // A reviewer raising the cut to 6% when their power stops at 5%: refused, nothing kept.
        b.click("#ev-reviewed summary");
        b.type_into("#ev-reviewed input[name=on]", "20/2/2569");
        b.type_into("#ev-reviewed input[name=by]", "รองปลัดกรุงเทพมหานคร");
        b.click("#ev-reviewed select[name=disposition] option[value=salary_cut]");
        b.type_into("#ev-reviewed input[name=disposition_percent]", "6");
        b.type_into("#ev-reviewed input[name=disposition_months]", "1");
        b.click("#ev-reviewed select[name=power] option[value=salary_cut]");
        b.type_into("#ev-reviewed input[name=power_percent]", "5");
        b.type_into("#ev-reviewed input[name=power_months]", "3");
        b.click("#ev-reviewed button[type=submit]");
        assert!(b.wait_for("#problems"), "{}: {}", b.url(), b.text("main"));
        assert!(
            b.exists("#problems li[data-code='discipline.beyond_power']"),
            "{}",
            b.text("#problems")
        );
        assert!(
            b.text("#problems").contains("มาตรา 59"),
            "{}",
            b.text("#problems")
        );
        b.screenshot(&shots().join("case-refused.png"));
        // The report up the chain, then ก.ก.'s resolution with its 30 days.
        b.goto(&format!("{base}/cases/{id}"));
        b.click("#ev-reported summary");
        b.type_into("#ev-reported input[name=on]", "2026-03-26");
        b.type_into("#ev-reported input[name=to]", "ปลัดกรุงเทพมหานคร");
        b.click("#ev-reported button[type=submit]");
        // The case page had its events before the form posted: wait for the answer's.
        assert!(
            b.wait_for_text("#events", "ปลัดกรุงเทพมหานคร"),
            "{}",
            b.text("#events")
        );
        assert!(b.exists("#deadlines tr[data-key=kk_compliance]"));
        let row = b.text("#deadlines tr[data-key=kk_compliance]");
        assert!(
            row.contains("24 เมษายน พ.ศ. 2569") && row.contains("มาตรา 59"),
            "{row}"
        );
        b.screenshot(&shots().join("case-file.png"));
        // The unit's board lists it as overdue.
        b.goto(&format!("{base}/deadlines?board=units&due=overdue"));
        assert!(b.exists(&format!("#board a[href='/cases/{id}']")));
        assert!(b.text("#overdue-count") != "0");
        // The person concerned sees it on their own board; another district's officer is refused.
        b.goto(&format!("{base}/?lang=th"));
        b.click("header form button");
        b.wait_for_url(|u| u.ends_with("/login"));
        // An employee lands on their own record, not the dashboard.
        b.goto(&format!("{base}/login"));
        b.type_into("#username", "emp0");
        b.type_into("#password", crate::fixture::PASSWORD);
        b.click("button[type=submit]");
        b.wait_for_url(|u| u.ends_with("/me"));
        assert!(
            b.exists(&format!("#my-cases a[href='/cases/{id}']")),
            "{}",
            b.text("main")
        );
        assert!(
            b.text("#my-deadlines").contains("มาตรา 59"),
            "{}",
            b.text("main")
        );
        b.goto(&format!("{base}/deadlines"));
        assert!(
            b.exists(&format!("#board a[href='/cases/{id}']")),
            "{}",
            b.text("main")
        );
        b.goto(&format!("{base}/?lang=th"));
        b.click("header form button");
        b.wait_for_url(|u| u.ends_with("/login"));
        sign_in(&b, &base, "disc02");
        b.goto(&format!("{base}/cases/{id}"));
        assert!(
            !b.exists("#case-id"),
            "another district's officer saw the case"
        );
    })
    .await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}
