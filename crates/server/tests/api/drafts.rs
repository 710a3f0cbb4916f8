//! Drafts awaiting signature: stored with their problems, read within scope, signed only by
//! the authority at the version read, once; the register changes on signing, not before.

use crate::fixture::{token_of, App, NID, PASSWORD};
use crate::orders::{order, post_as, salary};
use crate::webdriver::{chromedriver, Browser};

crate::on_every_backend!(
    drafts_are_stored_read_in_scope_and_signed_once,
    drafts_are_withdrawn_and_refused_to_others,
    page_forms_refuse_posts_without_the_csrf_token,
    officer_drafts_in_the_browser_and_the_authority_signs
);

async fn call_as(
    app: &App,
    user: &str,
    method: &str,
    path: &str,
    body: String,
) -> crate::client::Response {
    let h = vec![(
        "Authorization".to_string(),
        format!("Bearer {}", token_of(user)),
    )];
    app.call(method, path, h, Some(body)).await
}

async fn denied(app: &App, user: &str) -> usize {
    app.store
        .audit(&bmahr_store::AuditQuery {
            actor: Some(user.into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "access.denied")
        .count()
}

async fn drafts_are_stored_read_in_scope_and_signed_once(app: &App) {
    // Saved with a problem (no salary for a salary change): stored, problem named.
    let incomplete = order(
        "70/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0]}]),
    );
    let r = post_as(app, "hr01", "/api/v1/drafts", incomplete).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let d = r.json();
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["status"], "draft");
    assert_eq!(d["problems"][0]["field"], "actions[1].salary", "{d}");
    assert!(d["problems"][0]["message_th"]
        .as_str()
        .unwrap()
        .contains("เงินเดือน"));

    // Fixed at the version read; an edit at an old version is refused.
    let fixed = serde_json::json!({"version": 1, "order": serde_json::from_str::<serde_json::Value>(&order(
        "70/2568", "D01", serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16500"}]),
    )).unwrap()});
    let r = call_as(
        app,
        "hr01",
        "PUT",
        &format!("/api/v1/drafts/{id}"),
        fixed.to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["version"], 2);
    assert_eq!(
        r.json()["problems"].as_array().unwrap().len(),
        0,
        "{}",
        r.body
    );
    let r = call_as(
        app,
        "hr01",
        "PUT",
        &format!("/api/v1/drafts/{id}"),
        fixed.to_string(),
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.json()["code"], "version.stale");

    // Listed for D01, not for D02; the auditor reads; an employee is refused and logged.
    let r = app.get_as("hr01", "/api/v1/drafts").await;
    assert_eq!(r.json()["total"], 1, "{}", r.body);
    assert_eq!(r.json()["per_page"], 20);
    assert_eq!(
        app.get_as("hr02", "/api/v1/drafts").await.json()["total"],
        0
    );
    assert_eq!(app.get_as("aud", "/api/v1/drafts").await.json()["total"], 1);
    let before = denied(app, "emp0").await;
    assert_eq!(app.get_as("emp0", "/api/v1/drafts").await.status, 403);
    assert_eq!(denied(app, "emp0").await, before + 1);
    let before = denied(app, "hr02").await;
    assert_eq!(
        app.get_as("hr02", &format!("/api/v1/drafts/{id}"))
            .await
            .status,
        403
    );
    assert_eq!(denied(app, "hr02").await, before + 1);
    let r = app.get_as("auth01", &format!("/api/v1/drafts/{id}")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["order"]["actions"][0]["salary"], "16500");

    // Nothing in the register until it is signed.
    assert_eq!(salary(app).await, "15000.00");
    let sign = |v: i64| {
        serde_json::json!({"version": v, "signed_by": "นายลงนาม ถูกต้อง", "signed_on": "02/10/2567"})
            .to_string()
    };
    let path = format!("/api/v1/drafts/{id}/sign");
    assert_eq!(
        post_as(app, "hr01", &path, sign(2)).await.status,
        403,
        "HR drafts, does not sign"
    );
    let r = post_as(app, "auth01", &path, sign(1)).await;
    assert_eq!(r.status, 409, "a stale signature: {}", r.body);
    assert_eq!(salary(app).await, "15000.00");
    let r = post_as(app, "auth01", &path, sign(2)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let order_id = r.json()["order_id"].as_i64().unwrap();
    assert_eq!(salary(app).await, "16500.00");
    // The signed order carries the signer's part; the draft points at it and is closed.
    let o = app
        .get_as("auth01", &format!("/api/v1/orders/{order_id}"))
        .await
        .json();
    assert_eq!(o["signed_by"], "นายลงนาม ถูกต้อง");
    let d = app
        .get_as("auth01", &format!("/api/v1/drafts/{id}"))
        .await
        .json();
    assert_eq!(d["status"], "signed");
    assert_eq!(d["order_id"], order_id);
    let r = post_as(app, "auth01", &path, sign(3)).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["code"], "draft.closed");
    assert_eq!(
        app.get_as("hr01", "/api/v1/drafts").await.json()["total"],
        0
    );
    assert_eq!(
        app.get_as("hr01", "/api/v1/drafts?status=signed")
            .await
            .json()["total"],
        1
    );
    let r = app.get_as("hr01", "/api/v1/drafts?status=nonsense").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["field"], "status");
}

async fn drafts_are_withdrawn_and_refused_to_others(app: &App) {
    let body = order(
        "71/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    // Only drafters draft; only in their own units.
    assert_eq!(
        post_as(app, "sup01", "/api/v1/drafts", body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        post_as(app, "aud", "/api/v1/drafts", body.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        post_as(app, "hr02", "/api/v1/drafts", body.clone())
            .await
            .status,
        403
    );
    // An order of one's own district on a person or a position of another: refused, logged.
    let before = denied(app, "hr01").await;
    let theirs = order(
        "74/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[2], "salary": "99000"}]),
    );
    assert_eq!(
        post_as(app, "hr01", "/api/v1/drafts", theirs.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        post_as(app, "hr01", "/api/v1/orders/check", theirs.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        post_as(app, "auth01", "/api/v1/orders", theirs)
            .await
            .status,
        403
    );
    let into_theirs = order(
        "75/2568",
        "D01",
        serde_json::json!([{"kind": "move", "person": NID[0], "position_no": "201"}]),
    );
    assert_eq!(
        post_as(app, "hr01", "/api/v1/drafts", into_theirs)
            .await
            .status,
        403
    );
    assert_eq!(denied(app, "hr01").await, before + 3);
    // The Office may, for the district that holds the person (a D01 order may not: §52 (4)).
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders/check",
        order(
            "76/2568",
            "D02",
            serde_json::json!([{"kind": "salary_change", "person": NID[2], "salary": "15500"}]),
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // An appointing authority signs only in the office the account holds.
    let as_governor = serde_json::json!({
        "number": "77/2569", "issuer_unit": "D01", "signed_on": "01/10/2569", "signed_by": "x", "authority": "y",
        "signing_authority": "governor", "effective_date": "01/10/2569", "reason": "r",
        "actions": [{"kind": "salary_change", "person": NID[0], "salary": "16000"}]
    })
    .to_string();
    let r = post_as(app, "auth01", "/api/v1/orders", as_governor.clone()).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.json()["code"], "authority.not_held");
    let (u, _) = app.store.user_by_name("auth01").await.unwrap();
    let m = bmahr_store::WriteMeta {
        actor: "setup".into(),
        at: "2026-01-01T00:00:00Z".into(),
        reason: "t".into(),
        request_ref: None,
    };
    app.store
        .set_user_office(u.id, bmahr_core::law::authority::Authority::Governor, &m)
        .await
        .unwrap();
    let r = post_as(app, "auth01", "/api/v1/orders", as_governor).await;
    assert_eq!(r.status, 201, "{}", r.body);
    app.store
        .set_user_office(u.id, bmahr_core::law::authority::Authority::AgencyHead, &m)
        .await
        .unwrap();
    // An unknown issuer is a named error, not a stored draft.
    let r = post_as(
        app,
        "hr01",
        "/api/v1/drafts",
        order("72/2568", "NOPE", serde_json::json!([])),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["field"], "issuer_unit");
    let r = post_as(app, "hr01", "/api/v1/drafts", body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let w = |v: i64| serde_json::json!({"version": v}).to_string();
    let path = format!("/api/v1/drafts/{id}/withdraw");
    assert_eq!(post_as(app, "hr02", &path, w(1)).await.status, 403);
    let r = post_as(app, "hr01", &path, w(1)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["status"], "withdrawn");
    // A withdrawn draft cannot be signed.
    let r = post_as(app, "auth01", &format!("/api/v1/drafts/{id}/sign"), w(2)).await;
    assert_eq!(r.status, 409);
    assert_eq!(salary(app).await, "15000.00");
    // Every step is in the audit log.
    let events = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("hr01".into()),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    for action in ["draft.create", "draft.withdraw"] {
        assert!(
            events.iter().any(|e| e.action == action),
            "{action} missing"
        );
    }
}

async fn page_forms_refuse_posts_without_the_csrf_token(app: &App) {
    let body = order(
        "73/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let id = post_as(app, "hr01", "/api/v1/drafts", body).await.json()["id"]
        .as_i64()
        .unwrap();
    let login = serde_json::json!({"username": "auth01", "password": PASSWORD}).to_string();
    let r = app.call("POST", "/api/v1/login", vec![], Some(login)).await;
    let cookie = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let form = |csrf: &str| {
        (
            vec![
                ("Cookie".to_string(), cookie.clone()),
                (
                    "Content-Type".to_string(),
                    "application/x-www-form-urlencoded".to_string(),
                ),
            ],
            format!("csrf={csrf}&version=1&number=73%2F2568&signed_by=x&authority=y&confirm=yes"),
        )
    };
    for csrf in ["", "forged"] {
        let (h, b) = form(csrf);
        let r = app
            .call("POST", &format!("/orders/drafts/{id}/sign"), h, Some(b))
            .await;
        assert_eq!(r.status, 403, "csrf {csrf:?}: {}", r.body);
        let (h, b) = form(csrf);
        let r = app
            .call(
                "POST",
                "/orders/new",
                h,
                Some(format!("{b}&op=save&issuer_unit=D01")),
            )
            .await;
        assert_eq!(r.status, 403, "csrf {csrf:?}: {}", r.body);
    }
    // Nothing changed: the draft still waits, no other draft appeared, the salary stands.
    let d = app
        .get_as("auth01", &format!("/api/v1/drafts/{id}"))
        .await
        .json();
    assert_eq!(d["status"], "draft");
    assert_eq!(
        app.get_as("hr01", "/api/v1/drafts").await.json()["total"],
        1
    );
    assert_eq!(salary(app).await, "15000.00");
    // With the session's token the same form signs.
    let csrf = r.json()["csrf_token"].as_str().unwrap().to_string();
    let (h, b) = form(&csrf);
    let r = app
        .call("POST", &format!("/orders/drafts/{id}/sign"), h, Some(b))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(salary(app).await, "16000.00");
}

fn sign_in(b: &Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", PASSWORD);
    b.click("button[type=submit]");
    let landed = b.wait_for_url(|u| !u.contains("/login"));
    assert!(landed.ends_with('/'), "{user} landed on {landed}");
}

fn sign_out(b: &Browser) {
    b.click("header form button");
    b.wait_for_url(|u| u.ends_with("/login"));
}

async fn officer_drafts_in_the_browser_and_the_authority_signs(app: &App) {
    assert!(
        chromedriver().is_some(),
        "the browser tests need Debian's Chromium: apt install chromium chromium-driver"
    );
    let base = format!("http://{}", app.addr);
    let person = app.person[1];
    let shots = std::env::temp_dir().join("bmahr_screens");
    let _ = std::fs::create_dir_all(&shots);
    let new_salary = bmahr_core::Satang::parse("16250").unwrap().to_string();
    tokio::task::spawn_blocking(move || {
        let b = Browser::start(390, 844);
        sign_in(&b, &base, "hr01");
        // The history table is kept with the record it was rendered from: opened before
        // the order, it must not be shown again once the order is signed.
        b.goto(&format!("{base}/people/{person}"));
        assert!(
            !b.text("#timeline").contains("80/2569"),
            "{}",
            b.text("#timeline")
        );
        b.goto(&format!("{base}/orders/new"));
        b.type_into("input[name=number]", "80/2569");
        b.type_into("input[name=signed_by]", "นายผู้มีอำนาจ ลงนาม");
        b.type_into("input[name=authority]", "ผู้อำนวยการเขต");
        b.type_into("input[name=reason]", "เลื่อนเงินเดือน");
        b.click("select[name=kind_1] option[value=salary_change]");
        b.type_into("input[name=person_1]", NID[1]);
        b.type_into("input[name=salary_1]", "16250");
        // A second row naming a position outside the frame: the check shows it, named.
        b.click("select[name=kind_2] option[value=move]");
        b.type_into("input[name=person_2]", NID[0]);
        b.type_into("input[name=position_no_2]", "999");
        b.click("#check");
        assert!(b.wait_for("#problems"), "problems shown at {}", b.url());
        let problems = b.text("#problems");
        assert!(
            problems.contains("รายการที่ 2") && problems.contains("999"),
            "{problems}"
        );
        b.screenshot(&shots.join("order-check-phone.png"));
        // The values typed survive the check; fix row 2 by emptying it, check again.
        b.clear("input[name=person_2]");
        b.clear("input[name=position_no_2]");
        b.click("#check");
        assert!(b.wait_for("#checked-ok"), "{}", b.text("main"));
        b.click("#save");
        let at = b.wait_for_url(|u| u.contains("/orders/drafts/"));
        assert!(at.contains("/orders/drafts/"), "{at}");
        assert!(!b.exists("#sign"), "an HR officer sees no signature form");
        sign_out(&b);

        sign_in(&b, &base, "auth01");
        assert_eq!(b.text("#awaiting"), "1");
        b.click("#awaiting a");
        assert!(b.wait_for("#drafts a"));
        b.click("#drafts a");
        b.wait_for_url(|u| u.contains("/orders/drafts/"));
        assert!(
            b.text("#actions").contains("สมศรี"),
            "{}",
            b.text("#actions")
        );
        b.screenshot(&shots.join("draft-sign-phone.png"));
        b.click("#sign");
        // Signing asks to confirm, showing what the order does; nothing is signed yet.
        assert!(b.wait_for("#confirm-sign"), "{}", b.text("main"));
        assert!(
            b.text("#confirm").contains("80/2569"),
            "{}",
            b.text("#confirm")
        );
        assert!(b.text("#actions").contains("→"), "{}", b.text("#actions"));
        b.click("#confirm-sign");
        let signed = b.wait_for_url(|u| u.contains("/orders/") && !u.contains("drafts"));
        assert!(b.wait_for("#order-number"));
        assert!(b.text("#order-number").contains("80/2569"), "at {signed}");
        b.goto(&format!("{base}/people/{person}"));
        assert!(
            b.text("#salary").contains(&new_salary),
            "{}",
            b.text("#salary")
        );
        assert!(
            b.text("#timeline").contains("80/2569"),
            "{}",
            b.text("#timeline")
        );
        b.goto(&format!("{base}/"));
        assert_eq!(b.text("#awaiting"), "0");
        sign_out(&b);
    })
    .await
    .unwrap();
}
