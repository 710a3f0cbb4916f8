//! The order's path on the web (issue 23): a draft sent back with a note, edited and sent
//! again, its versions kept; signing asks to confirm and, refused, keeps what was typed;
//! corrections and cancellations as new orders; the signed-orders list filtered, sorted and
//! paged; the bell and digest; refusals inside the page; each role's landing page.

use crate::fixture::{App, NID, PASSWORD};
use crate::orders::{order, post_as, salary};

crate::on_every_backend!(
    a_draft_is_returned_with_a_note_edited_and_its_versions_kept,
    signing_asks_to_confirm_and_a_refusal_keeps_what_was_typed,
    a_signed_order_is_cancelled_from_the_web_by_a_new_order,
    signed_orders_are_filtered_sorted_and_paged,
    refusals_stay_inside_the_page_with_what_to_do,
    each_role_lands_on_its_work
);

/// A page session: its cookie and CSRF token.
async fn session(app: &App, user: &str) -> (String, String) {
    let login = serde_json::json!({"username": user, "password": PASSWORD}).to_string();
    let r = app.call("POST", "/api/v1/login", vec![], Some(login)).await;
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

async fn page(
    app: &App,
    s: &(String, String),
    method: &str,
    path: &str,
    form: &str,
) -> crate::client::Response {
    let mut h = vec![("Cookie".to_string(), s.0.clone())];
    let body = if method == "POST" {
        h.push((
            "Content-Type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        ));
        Some(format!("csrf={}&{form}", s.1))
    } else {
        None
    };
    // Pages escape `/` in text and attributes; the assertions read it plain.
    let mut r = app.call(method, path, h, body).await;
    r.body = r.body.replace("&#x2f;", "/").replace("&amp;", "&");
    r
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn a_draft_is_returned_with_a_note_edited_and_its_versions_kept(app: &App) {
    let body = order(
        "90/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let d = post_as(app, "hr01", "/api/v1/drafts", body).await.json();
    let id = d["id"].as_i64().unwrap();
    let path = format!("/api/v1/drafts/{id}/return");
    // Only the signer sends back, and only with a note.
    let r = post_as(app, "hr01", &path, r#"{"version":1,"note":"x"}"#.into()).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = post_as(app, "auth01", &path, r#"{"version":1,"note":"  "}"#.into()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["field"], "note", "{}", r.body);
    let r = post_as(
        app,
        "auth01",
        &path,
        r#"{"version":1,"note":"เงินเดือนใหม่ไม่ตรงบัญชี"}"#.into(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["returned"]["note"], "เงินเดือนใหม่ไม่ตรงบัญชี");
    assert_eq!(r.json()["status"], "draft", "a returned draft stays open");
    // A stale second return loses.
    let r = post_as(
        app,
        "auth01",
        &path,
        r#"{"version":1,"note":"again"}"#.into(),
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    // The drafter is told: the bell counts it, the returned tab lists it with the note.
    let n = app.get_as("hr01", "/api/v1/notifications").await.json();
    assert_eq!(n["returned"], 1, "{n}");
    let n = app.get_as("auth01", "/api/v1/notifications").await.json();
    assert_eq!(
        n["to_sign"], 0,
        "a returned draft no longer awaits signature: {n}"
    );
    let s = session(app, "hr01").await;
    let r = page(app, &s, "GET", "/orders?tab=returned", "").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("เงินเดือนใหม่ไม่ตรงบัญชี"), "{}", r.body);
    // Editing on the page (the form filled from the draft) sends it again.
    let r = page(app, &s, "GET", &format!("/orders/drafts/{id}/edit"), "").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("returned-note") && r.body.contains("name=\"version\" value=\"2\""),
        "{}",
        r.body
    );
    let form = format!(
        "mode=edit&version=2&rows=1&number=90%2F2568&issuer_unit=D01&signed_on=01%2F10%2F2567&effective_date=01%2F10%2F2567\
         &signed_by=x&authority=y&reason={}&kind_1=salary_change&person_1={}&salary_1=16500&op=save",
        enc("เลื่อนเงินเดือน"),
        NID[0]
    );
    let r = page(app, &s, "POST", &format!("/orders/drafts/{id}/edit"), &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let d = app
        .get_as("auth01", &format!("/api/v1/drafts/{id}"))
        .await
        .json();
    assert!(d["returned"].is_null(), "editing sends it again: {d}");
    assert_eq!(d["order"]["actions"][0]["salary"], "16500");
    assert_eq!(
        app.get_as("auth01", "/api/v1/notifications").await.json()["to_sign"],
        1
    );
    // Every state is kept: created, returned (with the note), edited.
    let v = app
        .get_as("auth01", &format!("/api/v1/drafts/{id}/versions"))
        .await
        .json();
    let events: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["create", "return", "update"], "{v}");
    assert_eq!(v[1]["note"], "เงินเดือนใหม่ไม่ตรงบัญชี");
    assert_eq!(v[0]["order"]["actions"][0]["salary"], "16000");
    // The draft page shows the history with what changed, and old → new.
    let s = session(app, "auth01").await;
    let r = page(app, &s, "GET", &format!("/orders/drafts/{id}"), "").await;
    assert!(r.body.contains("id=\"versions\""), "{}", r.body);
    assert!(
        r.body.contains("16000 → 16500"),
        "the change between versions: {}",
        r.body
    );
    assert!(
        r.body.contains("15,000.00") && r.body.contains("16,500.00"),
        "salary now → after: {}",
        r.body
    );
}

async fn signing_asks_to_confirm_and_a_refusal_keeps_what_was_typed(app: &App) {
    // An order number already used by the issuer, to make the signature fail.
    let taken = order(
        "91/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[1], "salary": "15500"}]),
    );
    assert_eq!(
        post_as(app, "auth01", "/api/v1/orders", taken).await.status,
        201
    );
    let body = order(
        "92/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let id = post_as(app, "hr01", "/api/v1/drafts", body).await.json()["id"]
        .as_i64()
        .unwrap();
    let s = session(app, "auth01").await;
    let sign = format!("/orders/drafts/{id}/sign");
    let typed = format!(
        "version=1&number=92%2F2568&signed_on=02%2F10%2F2567&signed_by={}&authority=y",
        enc("นางผู้ลงนาม ใหม่")
    );
    // First post: a confirmation with the change shown, nothing signed.
    let r = page(app, &s, "POST", &sign, &typed).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"confirm-sign\""), "{}", r.body);
    assert!(r.body.contains("นางผู้ลงนาม ใหม่"), "{}", r.body);
    assert_eq!(
        salary(app).await,
        "15000.00",
        "not signed before confirming"
    );
    // Confirmed with a number already taken: refused, the typed signer kept, one problem.
    let refused = format!(
        "version=1&number=91%2F2568&signed_on=02%2F10%2F2567&signed_by={}&authority=y&confirm=yes",
        enc("นางผู้ลงนาม ใหม่")
    );
    let r = page(app, &s, "POST", &sign, &refused).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("value=\"91/2568\"") && r.body.contains("value=\"นางผู้ลงนาม ใหม่\""),
        "typed values kept: {}",
        r.body
    );
    assert!(r.body.contains("order.number_taken"), "{}", r.body);
    assert_eq!(
        r.body.matches("<li data-code=").count(),
        1,
        "only the current problem: {}",
        r.body
    );
    assert_eq!(salary(app).await, "15000.00");
    // Confirmed with a free number: signed.
    let ok = format!("{typed}&confirm=yes");
    let r = page(app, &s, "POST", &sign, &ok).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(salary(app).await, "16000.00");
}

async fn a_signed_order_is_cancelled_from_the_web_by_a_new_order(app: &App) {
    let signed = order(
        "93/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let r = post_as(app, "auth01", "/api/v1/orders", signed).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let oid = r.json()["order_id"].as_i64().unwrap();
    assert_eq!(salary(app).await, "16000.00");
    let s = session(app, "hr01").await;
    // The order page offers both; the cancellation form names the order and its action.
    let r = page(app, &s, "GET", &format!("/orders/{oid}"), "").await;
    assert!(
        r.body.contains("id=\"cancel-order\"") && r.body.contains("id=\"correct-order\""),
        "{}",
        r.body
    );
    let r = page(
        app,
        &s,
        "GET",
        &format!("/orders/new?corrects={oid}&mode=cancel"),
        "",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body
            .contains("name=\"corrects_number\" value=\"93/2568\"")
            && r.body.contains("corrects_action_1"),
        "{}",
        r.body
    );
    // Correcting: row 1 applies instead (a different salary).
    let r = page(app, &s, "GET", &format!("/orders/new?corrects={oid}"), "").await;
    assert!(
        r.body.contains("name=\"salary_1\" value=\"16,000.00\""),
        "the earlier action copied: {}",
        r.body
    );
    // Cancelling with no action chosen is refused, named.
    let form = "mode=cancel&rows=1&corrects_number=93%2F2568&number=94%2F2568&issuer_unit=D01&signed_on=03%2F10%2F2567&effective_date=03%2F10%2F2567&signed_by=x&authority=y&reason=cancel&op=save";
    let r = page(app, &s, "POST", "/orders/new", form).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("form.corrects_none"), "{}", r.body);
    let r = page(
        app,
        &s,
        "POST",
        "/orders/new",
        &format!("{form}&corrects_action_1=yes"),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let drafts = app.get_as("auth01", "/api/v1/drafts").await.json();
    let d = drafts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "94/2568")
        .unwrap()
        .clone();
    assert_eq!(d["order"]["corrects"]["order_number"], "93/2568");
    let id = d["id"].as_i64().unwrap();
    let sig = serde_json::json!({"version": d["version"]}).to_string();
    let r = post_as(app, "auth01", &format!("/api/v1/drafts/{id}/sign"), sig).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let cancel_id = r.json()["order_id"].as_i64().unwrap();
    assert_eq!(
        salary(app).await,
        "15000.00",
        "the cancelled raise no longer counts"
    );
    let r = page(app, &s, "GET", &format!("/orders/{oid}"), "").await;
    assert!(
        r.body.contains(&format!("/orders/{cancel_id}")) && r.body.contains("corrected-by"),
        "{}",
        r.body
    );
}

async fn signed_orders_are_filtered_sorted_and_paged(app: &App) {
    for n in 100..130 {
        let o = order(
            &format!("{n}/2568"),
            "D01",
            serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": format!("{}", 15000 + n)}]),
        );
        assert_eq!(
            post_as(app, "auth01", "/api/v1/orders", o).await.status,
            201
        );
    }
    let l = app
        .get_as("hr01", "/api/v1/orders?per_page=10&sort=number&dir=asc")
        .await
        .json();
    assert!(l["total"].as_i64().unwrap() >= 30, "{l}");
    assert_eq!(l["items"].as_array().unwrap().len(), 10);
    assert_eq!(l["items"][0]["number"], "1/2553", "{l}");
    let l = app
        .get_as("hr01", "/api/v1/orders?q=129%2F2568")
        .await
        .json();
    assert_eq!(l["total"], 1, "{l}");
    let l = app
        .get_as("hr01", "/api/v1/orders?kind=appoint")
        .await
        .json();
    assert!(
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| !o["number"].as_str().unwrap().ends_with("/2568")),
        "{l}"
    );
    // Another district's officer sees none of them.
    let l = app.get_as("hr02", "/api/v1/orders?q=%2F2568").await.json();
    assert_eq!(l["total"], 0, "{l}");
    // A unit outside one's own is refused, named; a bad sort too — both at once.
    let r = app
        .get_as("hr02", "/api/v1/orders?unit=D01&sort=salary")
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    // The page: sortable headers with aria-sort, a next page that keeps the filters.
    let s = session(app, "hr01").await;
    let r = page(
        app,
        &s,
        "GET",
        "/orders?tab=signed&q=%2F2568&sort=number&dir=asc",
        "",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("aria-sort=\"ascending\""), "{}", r.body);
    assert!(
        r.body
            .contains("q=%2F2568&amp;sort=number&amp;dir=asc&amp;page=2")
            || r.body.contains("q=%2F2568&sort=number&dir=asc&page=2"),
        "{}",
        r.body
    );
    let r = page(app, &s, "GET", "/orders?tab=signed&from=99%2F99%2F2568", "").await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("id=\"problems\""),
        "a bad date is shown in the page: {}",
        r.body
    );
}

async fn refusals_stay_inside_the_page_with_what_to_do(app: &App) {
    // The HR officer of D01 names a person of D02 in an order: the row says why and what to do.
    let s = session(app, "hr01").await;
    let form = format!(
        "mode=new&rows=1&number=95%2F2568&issuer_unit=D01&signed_on=01%2F10%2F2567&effective_date=01%2F10%2F2567\
         &signed_by=x&authority=y&reason=r&kind_1=salary_change&person_1={}&salary_1=16000&op=check",
        NID[2]
    );
    let r = page(app, &s, "POST", "/orders/new", &form).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("id=\"order-form\""),
        "the form stays: {}",
        r.body
    );
    assert!(
        r.body.contains("href=\"#row-1\""),
        "the row is named: {}",
        r.body
    );
    assert!(
        r.body.contains("class=\"advice\""),
        "what to do: {}",
        r.body
    );
    assert!(
        r.body.contains(&format!("value=\"{}\"", NID[2])),
        "what was typed stays"
    );
    // One's own person: the check shows where they stand now, what the order makes of it
    // and the salary scale of the level with its source.
    let own = form.replace(
        &format!("person_1={}", NID[2]),
        &format!("person_1={}", NID[0]),
    );
    let r = page(app, &s, "POST", "/orders/new", &own).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("id=\"change-1\"") && r.body.contains("15,000.00"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("id=\"scale-1\"") && r.body.contains("ก.ก."),
        "{}",
        r.body
    );
    // A refused page keeps the site's frame (menu) and says what to do.
    let r = page(app, &s, "GET", "/orders/999999", "").await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(
        r.body.contains("nav-orders"),
        "inside the frame: {}",
        r.body
    );
}

async fn each_role_lands_on_its_work(app: &App) {
    let s = session(app, "disc01").await;
    let r = page(app, &s, "GET", "/", "").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/deadlines"));
    let s = session(app, "kpk").await;
    assert_eq!(
        page(app, &s, "GET", "/", "").await.header("location"),
        Some("/deadlines")
    );
    let s = session(app, "emp0").await;
    assert_eq!(
        page(app, &s, "GET", "/", "").await.header("location"),
        Some("/me")
    );
    // The appointing authority's home lists what awaits their signature first.
    let body = order(
        "96/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let id = post_as(app, "hr01", "/api/v1/drafts", body).await.json()["id"]
        .as_i64()
        .unwrap();
    let s = session(app, "auth01").await;
    let r = page(app, &s, "GET", "/", "").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains(&format!("/orders/drafts/{id}")) && r.body.contains("id=\"work\""),
        "{}",
        r.body
    );
    // The bell's count and the digest.
    let r = page(app, &s, "GET", "/notifications/count", "").await;
    assert_eq!(r.json()["to_sign"], 1, "{}", r.body);
    let r = page(app, &s, "GET", "/notifications", "").await;
    assert!(r.body.contains("n-to-sign"), "{}", r.body);
    // HR's dashboard in English: its charts and their tables speak English (the Thai
    // page keeps the annual report's Thai words).
    let s = session(app, "hr01").await;
    let en = page(app, &s, "GET", "/?lang=en", "").await;
    assert_eq!(en.status, 200, "{}", en.body);
    let main = en.body.split("<main").nth(1).unwrap_or_default();
    for words in [
        "People by category",
        "Unit: people",
        "Vacancy rate by unit",
        "Fiscal year",
    ] {
        assert!(main.contains(words), "{words}: {main}");
    }
    for words in ["หน่วย:", "บุคลากรตามประเภท", "ปีงบประมาณ", "แผนภูมิ"]
    {
        assert!(!main.contains(words), "{words}: {main}");
    }
    let th = page(app, &s, "GET", "/?lang=th", "").await;
    assert!(th.body.contains("บุคลากรตามประเภท"), "{}", th.body);
}
