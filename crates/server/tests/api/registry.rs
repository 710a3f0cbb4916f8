//! Issue 4, the frame and the calendar: positions, units, retirements, holidays, the audit
//! page and self-service, per role, through the API and the pages.

use bmahr_core::law::retirement::births_retiring_in;
use bmahr_core::org::Validity;
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::OrderDraft;
use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_store::{AuditQuery, NewPosition, WriteMeta};
use serde_json::{json, Value};

use crate::fixture::{token_of, App, PASSWORD};

crate::on_every_backend!(
    positions_are_scoped_filtered_and_paged,
    positions_are_refused_outside_the_scope_and_to_employees,
    retirements_list_who_retires_in_the_fiscal_year,
    holidays_are_read_by_all_and_changed_by_the_office,
    bad_parameters_name_their_field,
    openapi_lists_the_new_routes,
    unit_pages_show_counts_and_holders_within_scope,
    retirement_page_links_the_fiscal_years,
    holiday_page_forms_are_the_offices_and_need_the_csrf_token,
    audit_page_is_for_the_office_and_auditors,
    me_page_shows_the_own_record_and_who_opened_it,
    forecast_counts_the_coming_fiscal_years_by_any_dimension,
    retirement_orders_are_drafted_once_per_agency_and_signed,
    a_transfer_in_brings_prior_service,
);

async fn a_transfer_in_brings_prior_service(app: &App) {
    add_vacant_103(app).await;
    let nid = national_id("110170020888");
    let person = NewPerson::from_fields(
        &PersonFields {
            national_id: &nid,
            title: "นาย",
            first_th: "โอนมา",
            last_th: "จากกรม",
            first_en: "Transferred",
            last_en: "Test",
            birth_date: "1980-01-01",
            ..Default::default()
        },
        d(2026, 1, 1),
    )
    .unwrap();
    let id = app.store.create_people(&[person], &meta()).await.unwrap()[0];
    let order: OrderDraft = serde_json::from_value(json!({
        "number": "10/2563", "issuer_unit": "D01", "signed_on": "2020-01-01", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2020-01-01", "reason": "รับโอน",
        "actions": [{"kind": "transfer_in", "person": nid, "position_no": "103", "salary": "25000",
            "eligibility": {"thai_national": true, "loyal": true},
            "prior_service": [{"from": "2005-01-01", "to": "2019-12-31"}]}]
    }))
    .unwrap();
    app.store.apply_order(&order, &meta()).await.unwrap();
    let today = bmahr_server::today();
    let want = bmahr_core::law::moves::service_in_periods(
        &[(d(2020, 1, 1), today)],
        today,
        &[(d(2005, 1, 1), d(2019, 12, 31))],
    );
    assert!(want.years >= 21, "{want:?}");
    let r = app
        .get_as("admin", &format!("/api/v1/people/{id}"))
        .await
        .json();
    assert_eq!(r["service"]["years"], want.years, "{r}");
    assert_eq!(r["service"]["th"], want.th());
    let page = app.get_as("admin", &format!("/people/{id}")).await;
    assert!(page.body.contains(&want.th()), "the profile shows it");
}

async fn retirement_orders_are_drafted_once_per_agency_and_signed(app: &App) {
    let fy = FiscalYear::be(FiscalYear::of(bmahr_server::today()).year_be() + 2);
    let (id, _) = add_retiree(app, fy).await;
    let ask = json!({"fy": fy.year_be().to_string()}).to_string();
    let post = |user: &str, path: &str, body: String| {
        let h = bearer(user);
        let path = path.to_string();
        async move { app.call("POST", &path, h, Some(body)).await }
    };
    assert_eq!(
        post("emp0", "/api/v1/retirements/draft", ask.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        post("aud", "/api/v1/retirements/draft", ask.clone())
            .await
            .status,
        403
    );
    let r = post("hr01", "/api/v1/retirements/draft", ask.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.json(),
        json!([{"draft_id": r.json()[0]["draft_id"], "issuer_unit": "D01", "people": 1}])
    );
    let draft = r.json()[0]["draft_id"].as_i64().unwrap();
    // Asked again: nothing new.
    assert_eq!(
        post("hr01", "/api/v1/retirements/draft", ask).await.json(),
        json!([])
    );
    // The draft separates on 1 October after the fiscal year; the signer adds the number.
    let d = app
        .get_as("auth01", &format!("/api/v1/drafts/{draft}"))
        .await
        .json();
    assert_eq!(
        d["order"]["effective_date"],
        fy.last_day().add_days(1).iso()
    );
    assert_eq!(d["order"]["actions"][0]["separation"], "retirement");
    assert!(
        d["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["field"] == "number"),
        "{d}"
    );
    let sign = json!({"version": d["version"], "number": format!("500/{}", fy.year_be() - 1), "signed_by": "นายผู้อำนวยการ เขต", "authority": "ผู้อำนวยการเขต"});
    let r = post(
        "auth01",
        &format!("/api/v1/drafts/{draft}/sign"),
        sign.to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let after = fy.last_day().add_days(1).iso();
    let h = app
        .get_as(
            "admin",
            &format!("/api/v1/people/{id}/history?as_of={after}"),
        )
        .await
        .json();
    assert_eq!(h["record"]["status"], "separated", "{h}");
}

async fn forecast_counts_the_coming_fiscal_years_by_any_dimension(app: &App) {
    let now = FiscalYear::of(bmahr_server::today()).year_be();
    let fy = FiscalYear::be(now + 2);
    add_retiree(app, fy).await;
    let r = app.get_as("admin", "/api/v1/retirements/forecast").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let f = r.json();
    assert_eq!(f["years"], json!((now..now + 5).collect::<Vec<_>>()));
    assert_eq!(f["totals"], json!([0, 0, 1, 0, 0]), "{f}");
    assert_eq!(f["total"], 1);
    assert_eq!(f["by"], "agency");
    assert_eq!(
        f["lines"][0]["key"], "D01",
        "counted by the agency, not the section: {f}"
    );
    assert_eq!(f["lines"][0]["counts"], json!([0, 0, 1, 0, 0]));
    for (by, key) in [
        ("category", "ordinary"),
        ("level", "professional"),
        ("line_of_work", "นักวิชาการคอมพิวเตอร์"),
    ] {
        let f = app
            .get_as("admin", &format!("/api/v1/retirements/forecast?by={by}"))
            .await
            .json();
        assert_eq!(f["lines"][0]["key"], key, "{by}: {f}");
    }
    // Three years from the next one: the retiree falls in the second.
    let f = app
        .get_as(
            "admin",
            &format!("/api/v1/retirements/forecast?from_fy={}&years=3", now + 1),
        )
        .await
        .json();
    assert_eq!(f["totals"], json!([0, 1, 0]));
    // Scoped: another district sees none; an employee is refused; a bad dimension is named.
    assert_eq!(
        app.get_as("hr02", "/api/v1/retirements/forecast")
            .await
            .json()["total"],
        0
    );
    assert_eq!(
        app.get_as("hr01", "/api/v1/retirements/forecast")
            .await
            .json()["total"],
        1
    );
    assert_eq!(
        app.get_as("emp0", "/api/v1/retirements/forecast")
            .await
            .status,
        403
    );
    let r = app
        .get_as("admin", "/api/v1/retirements/forecast?by=colour")
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["field"], "by");
    // The page shows the same table.
    let page = app.get_as("hr01", "/retirements/forecast?by=agency").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("id=\"forecast-total\">1<"),
        "{}",
        page.body
    );
}

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

/// A vacant position 103 in D01-ADM (101 and 102 there are held, as is 201 in D02).
async fn add_vacant_103(app: &App) {
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
                    from: d(2000, 1, 1),
                    to: None,
                },
                approval_ref: "มติ ก.ก. 2/2543".into(),
            }],
            &meta(),
        )
        .await
        .unwrap();
}

/// A valid national ID from twelve digits (the thirteenth is the check digit).
fn national_id(first12: &str) -> String {
    let sum: u32 = first12
        .chars()
        .zip((2..=13).rev())
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first12}{}", (11 - sum % 11) % 10)
}

/// Someone born so as to retire at the end of `fy`, appointed to 103 in D01-ADM.
async fn add_retiree(app: &App, fy: FiscalYear) -> (i64, String) {
    add_vacant_103(app).await;
    let nid = national_id("110170020999");
    let (born, _) = births_retiring_in(fy);
    let person = NewPerson::from_fields(
        &PersonFields {
            national_id: &nid,
            title: "นาง",
            first_th: "บุญมี",
            last_th: "ครบวาระ",
            first_en: "Boonmee",
            last_en: "Test",
            birth_date: &born.iso(),
            ..Default::default()
        },
        d(2026, 1, 1),
    )
    .unwrap();
    let id = app.store.create_people(&[person], &meta()).await.unwrap()[0];
    let order: OrderDraft = serde_json::from_value(json!({
        "number": "9/2553", "issuer_unit": "D01", "signed_on": "2010-06-01", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2010-06-01", "reason": "บรรจุ",
        "actions": [{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": nid, "position_no": "103", "salary": "15000"}]
    }))
    .unwrap();
    app.store.apply_order(&order, &meta()).await.unwrap();
    (id, nid)
}

fn bearer(user: &str) -> Vec<(String, String)> {
    vec![(
        "Authorization".to_string(),
        format!("Bearer {}", token_of(user)),
    )]
}

fn numbers(b: &Value) -> Vec<String> {
    b["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {b}"))
        .iter()
        .map(|i| i["position_no"].as_str().unwrap().to_string())
        .collect()
}

/// Whether `user` has a refusal of `what` in the audit log.
async fn refused(app: &App, user: &str, what: &str) -> bool {
    app.store
        .audit(&AuditQuery {
            actor: Some(user.into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "access.denied" && e.detail == what)
}

async fn positions_are_scoped_filtered_and_paged(app: &App) {
    add_vacant_103(app).await;
    let r = app.get_as("admin", "/api/v1/positions").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    for field in ["items", "page", "per_page", "total"] {
        assert!(b.get(field).is_some(), "{field} missing: {b}");
    }
    assert_eq!(
        (b["total"].as_i64(), b["page"].as_i64()),
        (Some(4), Some(1))
    );
    assert_eq!(numbers(&b), ["101", "102", "103", "201"]);
    // The vacancy list by category and line of work (103 is the computer scientist's).
    let line = "%E0%B8%99%E0%B8%B1%E0%B8%81%E0%B8%97%E0%B8%A3%E0%B8%B1%E0%B8%9E%E0%B8%A2%E0%B8%B2%E0%B8%81%E0%B8%A3%E0%B8%9A%E0%B8%B8%E0%B8%84%E0%B8%84%E0%B8%A5"; // นักทรัพยากรบุคคล
    let f = app
        .get_as(
            "admin",
            &format!("/api/v1/positions?category=ordinary&line_of_work={line}"),
        )
        .await
        .json();
    assert_eq!(numbers(&f), ["101", "102", "201"]);
    let f = app
        .get_as("admin", "/api/v1/positions?vacant=true&category=ordinary")
        .await
        .json();
    assert_eq!(numbers(&f), ["103"]);
    assert_eq!(
        app.get_as("admin", "/api/v1/positions?category=teacher")
            .await
            .json()["total"],
        0
    );
    let r = app
        .get_as("admin", "/api/v1/positions?category=pilot")
        .await;
    assert_eq!(
        (r.status, r.json()["field"].as_str()),
        (400, Some("category"))
    );
    let first = &b["items"][0];
    assert_eq!(first["unit_code"], "D01-ADM");
    assert_eq!(first["unit_name_th"], "หน่วย D01-ADM");
    assert_eq!(first["level"], "practitioner");
    assert_eq!(first["line_of_work"], "นักทรัพยากรบุคคล");
    assert_eq!(first["vacant"], false);
    assert_eq!(first["holder"]["person_id"], app.person[0]);
    assert_eq!(first["holder"]["name_th"], "นายสมชาย ใจดี");
    // A scoped officer sees their subtree only.
    let b = app.get_as("hr01", "/api/v1/positions").await.json();
    assert_eq!(numbers(&b), ["101", "102", "103"]);
    let b = app
        .get_as("hr01", "/api/v1/positions?vacant=true")
        .await
        .json();
    assert_eq!(numbers(&b), ["103"]);
    assert_eq!(b["total"], 1);
    assert_eq!(b["items"][0]["vacant"], true);
    assert!(b["items"][0]["holder"].is_null());
    let b = app
        .get_as("hr01", "/api/v1/positions?vacant=false")
        .await
        .json();
    assert_eq!(numbers(&b), ["101", "102"]);
    let b = app
        .get_as("sup01", "/api/v1/positions?unit=D01-ADM&vacant=false")
        .await
        .json();
    assert_eq!(numbers(&b), ["101", "102"]);
    let b = app.get_as("hr02", "/api/v1/positions").await.json();
    assert_eq!(numbers(&b), ["201"]);
    // Paging over a subtree.
    let b = app
        .get_as("admin", "/api/v1/positions?unit=D01&per_page=1&page=2")
        .await
        .json();
    assert_eq!(numbers(&b), ["102"]);
    assert_eq!(
        (
            b["total"].as_i64(),
            b["page"].as_i64(),
            b["per_page"].as_i64()
        ),
        (Some(3), Some(2), Some(1))
    );
    // The frame on a date: before the appointments of 2010 everything was vacant.
    let b = app
        .get_as(
            "admin",
            "/api/v1/positions?as_of=01/01/2552&vacant=true&per_page=50",
        )
        .await
        .json();
    assert_eq!(b["total"], 4);
    // An unknown unit.
    let r = app.get_as("admin", "/api/v1/positions?unit=NOPE").await;
    assert_eq!((r.status, r.json()["field"].as_str()), (404, Some("unit")));
}

async fn positions_are_refused_outside_the_scope_and_to_employees(app: &App) {
    let r = app.get_as("hr01", "/api/v1/positions?unit=D02").await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.json()["code"], "access.forbidden");
    assert!(refused(app, "hr01", "unit D02").await);
    let r = app.get_as("hr02", "/api/v1/positions?unit=D01-ADM").await;
    assert_eq!(r.status, 403);
    assert!(refused(app, "hr02", "unit D01-ADM").await);
    for path in ["/api/v1/positions", "/api/v1/positions?unit=D01-ADM"] {
        assert_eq!(app.get_as("emp0", path).await.status, 403, "{path}");
    }
    assert!(refused(app, "emp0", "units").await);
    // Auditors read the whole BMA.
    let b = app.get_as("aud", "/api/v1/positions?unit=D02").await.json();
    assert_eq!(numbers(&b), ["201"]);
}

async fn retirements_list_who_retires_in_the_fiscal_year(app: &App) {
    let fy = FiscalYear::be(FiscalYear::of(bmahr_server::today()).year_be() + 2);
    let (id, _) = add_retiree(app, fy).await;
    let path = format!("/api/v1/retirements?fy={}", fy.year_be());
    let r = app.get_as("hr01", &path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = r.json();
    for field in ["items", "page", "per_page", "total"] {
        assert!(b.get(field).is_some(), "{field} missing: {b}");
    }
    assert_eq!(b["total"], 1, "{b}");
    let p = &b["items"][0];
    assert_eq!(p["person_id"], id);
    assert_eq!(p["name_th"], "นางบุญมี ครบวาระ");
    assert_eq!(p["position_no"], "103");
    assert_eq!(p["unit_code"], "D01-ADM");
    assert_eq!(p["retirement_date"], fy.last_day().iso());
    // Not in the next fiscal year, nor in another district's list.
    let next = format!("/api/v1/retirements?fy={}", fy.year_be() + 1);
    assert_eq!(app.get_as("admin", &next).await.json()["total"], 0);
    assert_eq!(app.get_as("hr02", &path).await.json()["total"], 0);
    assert_eq!(
        app.get_as("admin", &format!("{path}&unit=D02"))
            .await
            .json()["total"],
        0
    );
    assert_eq!(
        app.get_as("admin", &format!("{path}&unit=D01"))
            .await
            .json()["total"],
        1
    );
    // The default is the current fiscal year.
    let r = app.get_as("admin", "/api/v1/retirements").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["total"], 0);
    // Refusals.
    let r = app.get_as("hr02", &format!("{path}&unit=D01-ADM")).await;
    assert_eq!(r.status, 403);
    assert!(refused(app, "hr02", "unit D01-ADM").await);
    assert_eq!(app.get_as("emp0", &path).await.status, 403);
    assert!(refused(app, "emp0", "units").await);
}

async fn holidays_are_read_by_all_and_changed_by_the_office(app: &App) {
    let songkran = json!({"date": "13/04/2569", "name_th": "วันสงกรานต์", "name_en": "Songkran"});
    let r = app
        .call(
            "POST",
            "/api/v1/holidays",
            bearer("admin"),
            Some(songkran.to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["date"], "2026-04-13");
    assert_eq!(r.json()["date_be"], "13/04/2569");
    // Anyone signed in reads the calendar.
    let r = app.get_as("emp0", "/api/v1/holidays?year=2569").await;
    assert_eq!(r.status, 200);
    let b = r.json();
    assert_eq!(b["year"], 2569);
    assert_eq!(b["items"][0]["name_th"], "วันสงกรานต์");
    assert_eq!(
        app.get_as("emp0", "/api/v1/holidays?year=2570")
            .await
            .json()["items"],
        json!([])
    );
    // Renaming the same day keeps one entry.
    let r = app
        .call(
            "POST",
            "/api/v1/holidays",
            bearer("admin"),
            Some(json!({"date": "2026-04-13", "name_th": "วันสงกรานต์ (วันแรก)"}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let items = app
        .get_as("hr01", "/api/v1/holidays?year=2569")
        .await
        .json()["items"]
        .clone();
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["name_th"], "วันสงกรานต์ (วันแรก)");
    assert_eq!(items[0]["name_en"], "วันสงกรานต์ (วันแรก)");
    // Only the Office changes it.
    let r = app
        .call(
            "POST",
            "/api/v1/holidays",
            bearer("hr01"),
            Some(songkran.to_string()),
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(refused(app, "hr01", "holidays").await);
    let r = app
        .call(
            "DELETE",
            "/api/v1/holidays/2026-04-13",
            bearer("hr01"),
            None,
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        app.get_as("aud", "/api/v1/holidays?year=2569").await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "the refusal changed nothing"
    );
    // Removal, with its audit event; a second removal finds nothing.
    let r = app
        .call(
            "DELETE",
            "/api/v1/holidays/2026-04-13",
            bearer("admin"),
            None,
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(
        app.get_as("admin", "/api/v1/holidays?year=2569")
            .await
            .json()["items"],
        json!([])
    );
    let events = app
        .store
        .audit(&AuditQuery {
            actor: Some("admin".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.action == "holiday.put"));
    assert!(events
        .iter()
        .any(|e| e.action == "holiday.delete" && e.detail.contains("2026-04-13")));
    let r = app
        .call(
            "DELETE",
            "/api/v1/holidays/2026-04-13",
            bearer("admin"),
            None,
        )
        .await;
    assert_eq!(r.status, 404);
}

/// (user, method, path, body, field, code)
type BadCase = (
    &'static str,
    &'static str,
    &'static str,
    Option<Value>,
    &'static str,
    &'static str,
);

async fn bad_parameters_name_their_field(app: &App) {
    let cases: [BadCase; 8] = [
        (
            "admin",
            "POST",
            "/api/v1/holidays",
            Some(json!({"date": "31/02/2569", "name_th": "x"})),
            "date",
            "date.format",
        ),
        (
            "admin",
            "POST",
            "/api/v1/holidays",
            Some(json!({"date": "01/05/2569", "name_th": " "})),
            "name_th",
            "holiday.name_missing",
        ),
        (
            "admin",
            "DELETE",
            "/api/v1/holidays/not-a-date",
            None,
            "date",
            "date.format",
        ),
        (
            "admin",
            "GET",
            "/api/v1/holidays?year=abc",
            None,
            "year",
            "year.format",
        ),
        (
            "admin",
            "GET",
            "/api/v1/positions?vacant=maybe",
            None,
            "vacant",
            "bool.format",
        ),
        (
            "admin",
            "GET",
            "/api/v1/positions?as_of=31/02/2567",
            None,
            "as_of",
            "date.format",
        ),
        (
            "hr01",
            "GET",
            "/api/v1/retirements?fy=25x0",
            None,
            "fy",
            "year.format",
        ),
        (
            "hr01",
            "GET",
            "/api/v1/retirements?fy=1999",
            None,
            "fy",
            "year.format",
        ),
    ];
    for (user, method, path, body, field, code) in cases {
        let r = app
            .call(method, path, bearer(user), body.map(|b| b.to_string()))
            .await;
        assert_eq!(r.status, 400, "{method} {path}: {}", r.body);
        let b = r.json();
        assert_eq!(
            (b["field"].as_str(), b["code"].as_str()),
            (Some(field), Some(code)),
            "{method} {path}: {b}"
        );
        assert!(!b["message_th"].as_str().unwrap().is_empty());
        assert!(!b["message_en"].as_str().unwrap().is_empty());
    }
    // Both problems of one holiday at once.
    let r = app
        .call(
            "POST",
            "/api/v1/holidays",
            bearer("admin"),
            Some(json!({"date": "x", "name_th": ""}).to_string()),
        )
        .await;
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["date", "name_th"]);
}

async fn openapi_lists_the_new_routes(app: &App) {
    let doc = app
        .call("GET", "/api/v1/openapi.json", vec![], None)
        .await
        .json();
    for (path, method) in [
        ("/api/v1/positions", "get"),
        ("/api/v1/retirements", "get"),
        ("/api/v1/holidays", "get"),
        ("/api/v1/holidays", "post"),
        ("/api/v1/holidays/{date}", "delete"),
    ] {
        assert!(
            doc["paths"][path].get(method).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    let params = doc["paths"]["/api/v1/positions"]["get"]["parameters"]
        .as_array()
        .unwrap();
    for name in ["unit", "as_of", "vacant", "page", "per_page"] {
        assert!(params.iter().any(|p| p["name"] == name), "{name}");
    }
    // Issue 20: bodies are typed, and their schemas come from the types: an order's fields,
    // the codes of its closed sets, the answers of people and drafts.
    let schemas = &doc["components"]["schemas"];
    let order = &schemas["OrderDraft"]["properties"];
    for field in [
        "number",
        "issuer_unit",
        "signed_on",
        "effective_date",
        "actions",
        "corrects",
    ] {
        assert!(order.get(field).is_some(), "OrderDraft.{field}: {order}");
    }
    let kinds = schemas["ActionKind"]["enum"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        kinds.iter().any(|k| k == "correct_birth_date"),
        "{}",
        schemas["ActionKind"]
    );
    for name in [
        "ActionDraft",
        "EntryDeclaration",
        "PersonOut",
        "DraftOut",
        "Signed",
        "CheckOut",
    ] {
        assert!(schemas.get(name).is_some(), "{name} missing");
    }
    let check = &doc["paths"]["/api/v1/orders/check"]["post"]["requestBody"]["content"]
        ["application/json"]["schema"]["$ref"];
    assert_eq!(check, "#/components/schemas/OrderDraft");
    // A case file's bodies too: how a case opens and the events it records, each a variant
    // named by its tag (`kind`, `type`) with its own fields.
    let body = |path: &str| {
        doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .clone()
    };
    assert_eq!(body("/api/v1/cases"), "#/components/schemas/OpenCase");
    assert_eq!(
        body("/api/v1/cases/{id}/events"),
        "#/components/schemas/EventInput"
    );
    let case = &schemas["OpenCase"]["properties"]["case"]["$ref"];
    assert_eq!(case, "#/components/schemas/Opening");
    let event = &schemas["EventInput"]["properties"]["event"]["$ref"];
    assert_eq!(event, "#/components/schemas/CaseEvent");
    let variant = |name: &str, tag: &str, value: &str| {
        let variants = schemas[name]["oneOf"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        variants
            .into_iter()
            .find(|v| v["properties"][tag]["enum"] == json!([value]))
            .unwrap_or_else(|| panic!("{name} has no {tag} {value}: {}", schemas[name]))
    };
    for kind in ["discipline", "appeal", "grievance", "petition"] {
        variant("Opening", "kind", kind);
    }
    let grievance = variant("Opening", "kind", "grievance");
    assert_eq!(
        grievance["properties"]["against"]["$ref"],
        "#/components/schemas/Respondent"
    );
    for ty in [
        "stage",
        "decided",
        "reviewed",
        "kk_resolved",
        "appeal_decided",
        "grievance_decided",
        "issuer_responded",
        "closed",
    ] {
        variant("CaseEvent", "type", ty);
    }
    let notified = variant("CaseEvent", "type", "issuer_notified");
    assert_eq!(
        notified["properties"]["respond_within_days"]["type"], "integer",
        "{notified}"
    );
    let required = notified["required"].as_array().cloned().unwrap_or_default();
    for field in ["on", "respond_within_days", "type"] {
        assert!(required.iter().any(|r| r == field), "{field}: {notified}");
    }
    for name in ["Penalty", "Disposition", "Resolved", "Member", "CaseStage"] {
        assert!(schemas.get(name).is_some(), "{name} missing");
    }
}

async fn unit_pages_show_counts_and_holders_within_scope(app: &App) {
    add_vacant_103(app).await;
    let r = app.get_as("hr01", "/units").await;
    assert_eq!(r.status, 200, "{}", r.body);
    // D01 counts its section's positions: frame 3, filled 2, vacant 1; D02 is not shown.
    let row = r
        .body
        .split("id=\"unit-D01\"")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .unwrap_or_else(|| panic!("no D01 row: {}", r.body));
    let cells: Vec<&str> = row
        .split("class=\"num")
        .skip(1)
        .map(|c| c.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert_eq!(cells, ["3", "2", "1"], "{row}");
    assert!(r.body.contains("id=\"unit-D01-ADM\""));
    assert!(!r.body.contains("id=\"unit-D02\""));
    let r = app.get_as("hr01", "/units/D01-ADM?vacant=true").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("103") && r.body.contains("class=\"vacant\""));
    assert!(
        !r.body.contains("/people/"),
        "no holders in the vacant list"
    );
    let r = app.get_as("hr01", "/units/D01-ADM?lang=en").await;
    assert!(r
        .body
        .contains(&format!("href=\"/people/{}\"", app.person[0])));
    assert!(r.body.contains(">vacant<"));
    // Outside the scope, and employees: refused and logged.
    assert_eq!(app.get_as("hr01", "/units/D02").await.status, 403);
    assert!(refused(app, "hr01", "unit D02").await);
    assert_eq!(app.get_as("emp0", "/units").await.status, 403);
    // A unit's page counts its subtree and lists the units below it.
    let r = app.get_as("hr01", "/units/D01").await;
    assert!(r
        .body
        .contains("<div class=\"n\" id=\"count-vacant\">1</div>"));
    let below = r.body.split("id=\"sub-units\"").nth(1).unwrap();
    assert!(below.contains("id=\"unit-D01-ADM\""), "{below}");
    // The Office sees the tree from the top, two levels unless it asks for all.
    let r = app.get_as("admin", "/units?as_of=01/01/2560").await;
    assert!(r.body.contains("id=\"unit-BMA\"") && r.body.contains("id=\"unit-D02\""));
    assert!(!r.body.contains("id=\"unit-D01-ADM\"") && r.body.contains("id=\"show-all\""));
    let r = app.get_as("admin", "/units?all=true").await;
    assert!(r.body.contains("id=\"unit-D01-ADM\"") && !r.body.contains("id=\"show-all\""));
    assert_eq!(app.get_as("admin", "/units?as_of=bad").await.status, 400);
}

async fn retirement_page_links_the_fiscal_years(app: &App) {
    let fy = FiscalYear::be(FiscalYear::of(bmahr_server::today()).year_be() + 2);
    let (id, _) = add_retiree(app, fy).await;
    let r = app
        .get_as("hr01", &format!("/retirements?fy={}", fy.year_be()))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/people/{id}\"")));
    assert!(r.body.contains("<strong id=\"total\">1</strong>"));
    assert!(
        r.body
            .contains(&bmahr_core::i18n::date_shown(fy.last_day(), false)),
        "retirement date in BE"
    );
    assert!(r
        .body
        .contains(&format!("/retirements?fy={}", fy.year_be() + 1)));
    assert!(r
        .body
        .contains(&format!("/retirements?fy={}", fy.year_be() - 1)));
    let r = app
        .get_as("hr02", &format!("/retirements?fy={}", fy.year_be()))
        .await;
    assert!(r.body.contains("<strong id=\"total\">0</strong>"));
    assert_eq!(app.get_as("emp0", "/retirements").await.status, 403);
}

/// A session (cookie, CSRF token) for `user`.
async fn session(app: &App, user: &str) -> (String, String) {
    let body = json!({"username": user, "password": PASSWORD}).to_string();
    let r = app.call("POST", "/api/v1/login", vec![], Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let cookie = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    (cookie, r.json()["csrf_token"].as_str().unwrap().to_string())
}

async fn post_form(app: &App, cookie: &str, path: &str, form: &str) -> crate::client::Response {
    app.call(
        "POST",
        path,
        vec![
            ("Cookie".into(), cookie.into()),
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        Some(form.into()),
    )
    .await
}

async fn holiday_page_forms_are_the_offices_and_need_the_csrf_token(app: &App) {
    let (cookie, csrf) = session(app, "admin").await;
    let page = app.get_as("admin", "/holidays?year=2569").await;
    assert!(page.body.contains("id=\"add-holiday\""));
    // Without the token: refused, nothing written.
    let r = post_form(
        app,
        &cookie,
        "/holidays",
        "csrf=forged&date=13%2F04%2F2569&name_th=x",
    )
    .await;
    assert_eq!(r.status, 403);
    let form = format!("csrf={csrf}&date=13%2F04%2F2569&name_th=%E0%B8%AA%E0%B8%87%E0%B8%81%E0%B8%A3%E0%B8%B2%E0%B8%99%E0%B8%95%E0%B9%8C&name_en=Songkran");
    let r = post_form(app, &cookie, "/holidays", &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/holidays?year=2569"));
    let page = app.get_as("hr01", "/holidays?year=2569").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("สงกรานต์") && page.body.contains("13 เมษายน พ.ศ. 2569"));
    assert!(
        !page.body.contains("id=\"add-holiday\"") && !page.body.contains("/holidays/delete"),
        "no forms for others"
    );
    // A bad date is shown in the form, naming the field.
    let r = post_form(
        app,
        &cookie,
        "/holidays",
        &format!("csrf={csrf}&date=31%2F02%2F2569&name_th=x"),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("id=\"error\"") && r.body.contains("date: วันที่"));
    // Another role, with its own valid session: 403 and logged.
    let (hr_cookie, hr_csrf) = session(app, "hr01").await;
    let r = post_form(
        app,
        &hr_cookie,
        "/holidays/delete",
        &format!("csrf={hr_csrf}&date=13%2F04%2F2569"),
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(refused(app, "hr01", "holidays").await);
    let r = post_form(
        app,
        &cookie,
        "/holidays/delete",
        &format!("csrf={csrf}&date=13%2F04%2F2569"),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(app
        .store
        .holidays_between(d(2026, 1, 1), d(2026, 12, 31))
        .await
        .unwrap()
        .is_empty());
}

async fn audit_page_is_for_the_office_and_auditors(app: &App) {
    let p0 = app.person[0];
    // hr01 opens a record; the auditor finds it by national ID, actor and dates.
    assert_eq!(
        app.get_as("hr01", &format!("/api/v1/people/{p0}"))
            .await
            .status,
        200
    );
    let today = bmahr_server::today();
    let be = |d: ThaiDate| d.to_string().replace('/', "%2F");
    let path = format!(
        "/audit?person={}&actor=hr01&from={}&to={}",
        crate::fixture::NID[0],
        be(today.add_days(-1)),
        be(today.add_days(1))
    );
    let r = app.get_as("aud", &path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("title=\"person.view\""), "{}", r.body);
    assert!(r.body.contains("นายสมชาย ใจดี"));
    assert!(
        r.body.contains(&format!("/{}", today.year_be())),
        "times in BE"
    );
    // By person id, and a window with nothing in it.
    let r = app.get_as("admin", &format!("/audit?person={p0}")).await;
    assert!(r.body.contains("title=\"person.view\""));
    let r = app
        .get_as(
            "admin",
            "/audit?actor=hr01&from=01%2F01%2F2560&to=31%2F12%2F2560",
        )
        .await;
    // (The kinds' filter lists every code; rows carry theirs as a title.)
    assert!(!r.body.contains("title=\"person.view\""));
    assert_eq!(
        app.get_as("admin", "/audit?from=31%2F02%2F2569")
            .await
            .status,
        400
    );
    // Others: refused and logged.
    for user in ["hr01", "emp0", "sup01"] {
        assert_eq!(app.get_as(user, "/audit").await.status, 403, "{user}");
        assert!(refused(app, user, "audit").await, "{user}");
    }
}

async fn me_page_shows_the_own_record_and_who_opened_it(app: &App) {
    let p0 = app.person[0];
    assert_eq!(
        app.get_as("hr01", &format!("/api/v1/people/{p0}"))
            .await
            .status,
        200
    );
    let r = app.get_as("emp0", "/me").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("นายสมชาย ใจดี"));
    assert!(r.body.contains("101 นักทรัพยากรบุคคล"));
    assert!(
        r.body.contains("15000") || r.body.contains("15,000"),
        "salary"
    );
    // Born 5 May 1980: retires 30 September 2040 (B.E. 2583).
    assert!(r.body.contains("30 กันยายน พ.ศ. 2583"), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/people/{p0}\"")));
    let viewers = r.body.split("id=\"viewers\"").nth(1).unwrap();
    assert!(viewers.contains("hr01"), "{viewers}");
    // The employee's menu has no officer pages.
    let header = r.body.split("</header>").next().unwrap();
    assert!(
        header.contains("href=\"/me\"") && !header.contains("href=\"/units\""),
        "{header}"
    );
    // An account without a person.
    let r = app.get_as("admin", "/me").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("id=\"no-person\""));
    assert!(!r.body.contains("href=\"/me\""));
}
