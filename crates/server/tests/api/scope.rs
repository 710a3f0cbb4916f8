//! Issue 20's findings, re-tried: the scope rule asks where a person stands both on the
//! action's date and today, for orders, searches and case files; drafts are masked for readers
//! who see masked IDs; hostile numbers and bodies get JSON refusals, not panics or wraps.

use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, WriteMeta};
use serde_json::json;

use crate::client::Response;
use crate::fixture::{token_of, App, NID};
use crate::orders::post_as;

crate::on_every_backend!(
    a_backdated_order_does_not_reach_a_person_of_another_district,
    searches_and_cases_as_of_a_past_date_stay_within_today_s_units,
    drafts_show_masked_ids_to_readers_who_see_masked_ids,
    hostile_numbers_and_bodies_get_json_refusals,
    concurrent_signers_and_withdrawals_of_one_draft_conflict_cleanly,
    case_events_keep_date_order_and_stay_out_of_the_future,
);

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

fn birth_correction(number: &str, issuer: &str, on: &str, nid: &str) -> String {
    json!({
        "number": number, "issuer_unit": issuer, "signed_on": on, "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": on, "reason": "แก้ไขวันเดือนปีเกิด",
        "actions": [{"kind": "correct_birth_date", "person": nid, "birth_date": "1974-05-05",
                     "kk_decision": "มติ ก.ก. 1/2552", "evidence": "สูติบัตร"}]
    })
    .to_string()
}

async fn birth_date(app: &App, id: i64) -> String {
    let p = app.get_as("admin", &format!("/api/v1/people/{id}")).await;
    assert_eq!(p.status, 200, "{}", p.body);
    p.json()["birth_date"].as_str().unwrap().to_string()
}

async fn a_backdated_order_does_not_reach_a_person_of_another_district(app: &App) {
    let p2 = app.person[2]; // in D02 since 2010-06-01
    let before = birth_date(app, p2).await;
    // Dated before the person's first appointment: they stood nowhere then, but in D02 now.
    let sneaky = birth_correction("90/2552", "D01", "2009-01-01", NID[2]);
    let r = post_as(app, "auth01", "/api/v1/orders", sneaky.clone()).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(
        r.json()["errors"][0]["field"],
        "actions[1].person",
        "{}",
        r.body
    );
    let r = post_as(app, "hr01", "/api/v1/orders/check", sneaky.clone()).await;
    assert_eq!(r.status, 403, "{}", r.body);
    // Stored as a draft: refused too, so it never waits for a signature.
    let r = post_as(app, "hr01", "/api/v1/drafts", sneaky).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(birth_date(app, p2).await, before);
    // Dated when they served in D02 and are there today: still not D01's.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        birth_correction("91/2560", "D01", "2017-01-01", NID[2]),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // Their own district's authority may; the refusals were logged.
    let r = post_as(
        app,
        "hr02",
        "/api/v1/orders/check",
        birth_correction("92/2560", "D02", "2017-01-01", NID[2]),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let denied = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("auth01".into()),
            action: Some("access.denied".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(denied.len(), 2, "{denied:?}");
}

/// Moves person 1 from D01 to a new position in D02 from 2015 (signed by the Office).
async fn move_person_1_to_d02(app: &App) {
    let from = ThaiDate::from_ce(2000, 1, 1).unwrap();
    app.store
        .create_positions(
            &[NewPosition {
                position_no: "202".into(),
                unit_code: "D02".into(),
                category: Category::Ordinary,
                level: Level::Practitioner,
                line_of_work: "นักทรัพยากรบุคคล".into(),
                admin_title: String::new(),
                validity: Validity { from, to: None },
                approval_ref: "มติ ก.ก. 1/2543".into(),
            }],
            &meta(),
        )
        .await
        .unwrap();
    let o = json!({
        "number": "5/2558", "issuer_unit": "BMA", "signed_on": "2015-01-01", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2015-01-01", "reason": "ย้าย",
        "actions": [{"kind": "move", "person": NID[1], "position_no": "202"}]
    });
    let r = post_as(app, "admin", "/api/v1/orders", o.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

async fn searches_and_cases_as_of_a_past_date_stay_within_today_s_units(app: &App) {
    move_person_1_to_d02(app).await;
    let total = |r: Response| {
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["total"].as_i64().unwrap()
    };
    let q = "/api/v1/people?q=%E0%B8%AA%E0%B8%A1%E0%B8%A8%E0%B8%A3%E0%B8%B5"; // สมศรี
                                                                              // D01 had them until 2015; they are D02's now. As of 2012: D01 no more, D02 not yet.
    for (user, as_of, want) in [
        ("hr01", "&as_of=2012-01-01", 0),
        ("hr01", "", 0),
        ("hr02", "&as_of=2012-01-01", 0),
        ("hr02", "", 1),
        ("hr02", "&as_of=2016-01-01", 1),
        ("admin", "&as_of=2012-01-01", 1),
    ] {
        let n = total(app.get_as(user, &format!("{q}{as_of}")).await);
        assert_eq!(n, want, "{user} {as_of}");
    }
    // A list of people is a read too: tallied per account and written within a second.
    let mut lists = 0;
    for _ in 0..150 {
        lists = app
            .store
            .audit(&bmahr_store::AuditQuery {
                actor: Some("hr02".into()),
                action: Some("people.search".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .iter()
            .filter_map(|e| e.detail.split(" lists,").next()?.parse::<u32>().ok())
            .sum::<u32>();
        if lists >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(lists, 2, "hr02's two searches with results");
    let p1 = app.person[1];
    let r = app
        .get_as(
            "hr01",
            &format!("/api/v1/people/{p1}/history?as_of=2012-01-01"),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // A case dated back to when they served in D01 does not open their file to D01.
    let case = |on: &str| {
        json!({"person": NID[1], "case": {"kind": "discipline", "source": "หนังสือร้องเรียน",
            "category": "procurement", "allegation": "ทดสอบ", "received_on": on}})
        .to_string()
    };
    let r = post_as(app, "disc01", "/api/v1/cases", case("2012-01-05")).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = post_as(app, "disc02", "/api/v1/cases", case("2012-01-05")).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = post_as(app, "disc02", "/api/v1/cases", case("2016-01-05")).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

async fn drafts_show_masked_ids_to_readers_who_see_masked_ids(app: &App) {
    let o = crate::orders::order(
        "60/2568",
        "D01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "16000"}]),
    );
    let r = post_as(app, "hr01", "/api/v1/drafts", o).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["order"]["actions"][0]["person"], NID[0]);
    for user in ["aud", "disc01", "kpk", "discbma"] {
        for path in [format!("/api/v1/drafts/{id}"), "/api/v1/drafts".to_string()] {
            let r = app.get_as(user, &path).await;
            if r.status == 403 {
                continue;
            }
            assert_eq!(r.status, 200, "{user} {path}: {}", r.body);
            assert!(!r.body.contains(NID[0]), "{user} {path}: {}", r.body);
        }
    }
    let r = app.get_as("aud", &format!("/api/v1/drafts/{id}")).await;
    assert_eq!(r.status, 200);
    let b = r.json();
    assert!(b["order"]["actions"][0]["person"]
        .as_str()
        .unwrap()
        .starts_with("x-xxxx"));
    assert!(b["people"][0]["national_id"]
        .as_str()
        .unwrap()
        .starts_with("x-xxxx"));
    // The HR officer who drafted it sees it whole.
    let r = app.get_as("hr01", &format!("/api/v1/drafts/{id}")).await;
    assert!(r.body.contains(NID[0]));
}

async fn hostile_numbers_and_bodies_get_json_refusals(app: &App) {
    // A page number past any list does not wrap back to the first page.
    let r = app
        .get_as(
            "admin",
            "/api/v1/people?q=%E0%B8%AA%E0%B8%A1&page=9223372036854775807",
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 0, "{}", r.body);
    assert_ne!(r.json()["page"], 1);
    // A deadline four billion days away is refused, not a crash.
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"case": {"kind": "petition", "rule_or_order": "ประกาศ", "issuer_unit": "D01", "filed_on": "2026-02-02"}})
            .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let (id, v) = (
        r.json()["id"].as_i64().unwrap(),
        r.json()["version"].as_i64().unwrap(),
    );
    let r = post_as(
        app,
        "kpk",
        &format!("/api/v1/cases/{id}/events"),
        json!({"expected_version": v, "event": {"type": "issuer_notified", "on": "2026-03-02", "respond_within_days": 4_000_000_000u64}}).to_string(),
    )
    .await;
    assert!(matches!(r.status, 400 | 422), "{} {}", r.status, r.body);
    assert!(r.json()["code"].is_string(), "{}", r.body);
    // Malformed bodies, paths and queries: the documented JSON error, naming what is wrong.
    let auth = || {
        vec![(
            "Authorization".to_string(),
            format!("Bearer {}", token_of("hr01")),
        )]
    };
    let mut tries: Vec<Response> = Vec::new();
    tries.push(
        app.call(
            "POST",
            "/api/v1/orders/check",
            auth(),
            Some("{not json".into()),
        )
        .await,
    );
    tries.push(
        app.call("POST", "/api/v1/orders/check", auth(), Some("[]".into()))
            .await,
    );
    tries.push(
        app.call(
            "POST",
            "/api/v1/drafts/1/withdraw",
            auth(),
            Some("{}".into()),
        )
        .await,
    );
    tries.push(app.get_as("hr01", "/api/v1/people/abc").await);
    tries.push(app.get_as("hr01", "/api/v1/people?q=a&page=x").await);
    tries.push(app.call("DELETE", "/api/v1/people", auth(), None).await);
    for r in tries {
        assert!(r.status >= 400 && r.status < 500, "{} {}", r.status, r.body);
        let b = r.json();
        for k in ["code", "field", "message_th", "message_en"] {
            assert!(b[k].is_string(), "{k} missing: {}", r.body);
        }
    }
    // Every answer, page or API, is neither framed, sniffed nor cached (issue 21, in part).
    let login = app.call("GET", "/login", vec![], None).await;
    let person = app
        .get_as("hr01", &format!("/api/v1/people/{}", app.person[0]))
        .await;
    for r in [&login, &person] {
        let h = |name: &str| {
            r.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(h("x-content-type-options"), "nosniff");
        assert_eq!(h("x-frame-options"), "DENY");
        assert!(h("content-security-policy").contains("frame-ancestors 'none'"));
        assert_eq!(h("referrer-policy"), "no-referrer");
        assert_eq!(h("cache-control"), "no-store");
        assert!(!h("x-request-id").is_empty());
    }
    // An employee does not read the unit tree.
    assert_eq!(app.get_as("emp0", "/api/v1/units").await.status, 403);
    assert_eq!(app.get_as("hr01", "/api/v1/units").await.status, 200);
}

async fn concurrent_signers_and_withdrawals_of_one_draft_conflict_cleanly(app: &App) {
    for round in 0..6 {
        // An order of two people, so that signing takes long enough for the signers to meet.
        let o = crate::orders::order(
            &format!("7{round}/2568"),
            "D01",
            json!([
                {"kind": "salary_change", "person": NID[0], "salary": format!("{}", 16000 + round * 100)},
                {"kind": "salary_change", "person": NID[1], "salary": format!("{}", 16000 + round * 100)},
            ]),
        );
        let r = post_as(app, "hr01", "/api/v1/drafts", o).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.json()["id"].as_i64().unwrap();
        let sign = json!({"version": 1, "signing_authority": "agency_head"}).to_string();
        let path = format!("/api/v1/drafts/{id}/sign");
        let withdraw = format!("/api/v1/drafts/{id}/withdraw");
        // Six signers (the district's authority and the Office) and a withdrawal, all at
        // version 1, at once.
        let signers = (0..6).map(|i| {
            let user = if i % 2 == 0 { "auth01" } else { "admin" };
            post_as(app, user, &path, sign.clone())
        });
        // Every other round without the withdrawal: signers alone, racing for the number.
        let withdrawal = async {
            if round % 2 == 0 {
                Some(post_as(app, "hr01", &withdraw, json!({"version": 1}).to_string()).await)
            } else {
                None
            }
        };
        let (signed_by, c) = tokio::join!(futures_join_all(signers.collect()), withdrawal);
        let mut statuses: Vec<u16> = signed_by.iter().map(|r| r.status).collect();
        statuses.extend(c.as_ref().map(|c| c.status));
        for r in signed_by.iter().chain(c.as_ref()) {
            assert!(r.status != 500, "{statuses:?}: {}", r.body);
            assert!(r.json()["code"].is_string() || r.status < 300, "{}", r.body);
        }
        let won = statuses.iter().filter(|s| **s < 300).count();
        assert_eq!(won, 1, "exactly one wins: {statuses:?}");
        let d = app
            .get_as("admin", &format!("/api/v1/drafts/{id}"))
            .await
            .json();
        let signed = signed_by.iter().any(|r| r.status < 300);
        assert_eq!(
            d["status"],
            if signed { "signed" } else { "withdrawn" },
            "{d}"
        );
        assert_eq!(d["order_id"].is_i64(), signed, "{d}");
    }
}

/// Awaits every future, in order (the tests' HTTP calls run on blocking threads, so they
/// overlap).
async fn futures_join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    let handles: Vec<_> = fs.into_iter().map(Box::pin).collect();
    let mut out = Vec::with_capacity(handles.len());
    let mut pending: Vec<_> = handles.into_iter().map(Some).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (i, slot) in pending.iter_mut().enumerate() {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        results[i] = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.extend(results.into_iter().flatten());
    out
}

async fn case_events_keep_date_order_and_stay_out_of_the_future(app: &App) {
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"case": {"kind": "petition", "rule_or_order": "ประกาศ", "issuer_unit": "D01", "filed_on": "2026-02-02"}})
            .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/cases/{id}/events");
    let ev = |v: i64, e: serde_json::Value| {
        post_as(
            app,
            "kpk",
            &path,
            json!({"expected_version": v, "event": e}).to_string(),
        )
    };
    let r = ev(
        1,
        json!({"type": "issuer_notified", "on": "2026-03-02", "respond_within_days": 30}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json()["version"].as_i64().unwrap();
    let code = |r: &Response| {
        r.json()["errors"][0]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    // Dated before the latest event recorded.
    let early = json!({"type": "issuer_notified", "on": "2026-02-20", "respond_within_days": 30});
    let r = ev(v, early).await;
    assert_eq!(
        (r.status, code(&r).as_str()),
        (422, "case.event_out_of_order"),
        "{}",
        r.body
    );
    // Dated after today.
    let later = json!({"type": "issuer_notified", "on": "2099-01-01", "respond_within_days": 30});
    let r = ev(v, later).await;
    assert_eq!(
        (r.status, code(&r).as_str()),
        (422, "case.event_in_future"),
        "{}",
        r.body
    );
    // Nothing was recorded by either.
    let c = app
        .get_as("kpk", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(c["version"], v, "{c}");
}
