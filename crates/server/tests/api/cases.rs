//! Discipline, appeals, grievances and merit protection (§58–66) through the API, with cases
//! from the Act: the 30th and 31st day of an appeal across holidays, a third extension, a
//! serious penalty without a ก.ก. resolution, a superior beyond their power, a cancelled salary
//! cut and its refund, grievances against a district director, a department head and the
//! Governor, and an officer of another unit trying to read a case.

use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::ThaiDate;
use bmahr_store::{NewUnit, WriteMeta};
use serde_json::{json, Value};

use crate::client::Response;
use crate::fixture::{App, NID};
use crate::orders::post_as;

crate::on_every_backend!(
    appeals_count_thirty_days_across_holidays_and_allow_two_extensions,
    a_cancelled_salary_cut_is_refunded_and_the_decision_carried_out,
    serious_penalties_follow_ka_ko_and_superiors_stay_within_power,
    grievances_go_up_the_tree_or_to_kpk,
    case_files_are_read_only_by_those_the_act_lets,
    petitions_set_the_issuers_deadline,
    a_superior_cancelling_an_ordered_salary_cut_owes_it_back,
    two_officers_recording_at_once_lose_nothing_and_a_new_holiday_moves_deadlines,
);

fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2025-12-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

fn codes(r: &Response) -> Vec<String> {
    r.json()["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A salary cut of 5% for 3 months on person 0, from 1 January 2026, by order 9/2569 of D01.
async fn salary_cut(app: &App) {
    let o = json!({
        "number": "9/2569", "issuer_unit": "D01", "signed_on": "2025-12-20", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2026-01-01", "reason": "ลงโทษทางวินัย",
        "actions": [{"kind": "penalty", "person": NID[0], "penalty": "salary_cut", "penalty_percent": 5, "penalty_months": 3}]
    });
    app.store
        .apply_order(&serde_json::from_value(o).unwrap(), &meta())
        .await
        .unwrap();
}

async fn appeal(app: &App, knew: &str, filed: &str) -> Response {
    post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"person": NID[0], "case": {"kind": "appeal", "issuer_unit": "D01", "order_number": "9/2569",
            "knew_on": knew, "filed_on": filed, "received_on": filed}})
        .to_string(),
    )
    .await
}

async fn event(app: &App, user: &str, id: i64, version: i64, e: Value) -> Response {
    post_as(
        app,
        user,
        &format!("/api/v1/cases/{id}/events"),
        json!({"expected_version": version, "event": e}).to_string(),
    )
    .await
}

fn deadline<'a>(case: &'a Value, key: &str) -> &'a Value {
    case["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|x| x["key"] == key)
        .unwrap_or_else(|| panic!("no {key} deadline in {case}"))
}

async fn appeals_count_thirty_days_across_holidays_and_allow_two_extensions(app: &App) {
    salary_cut(app).await;
    // Day 30 from Saturday 14 March 2026 is Monday 13 April; 13–15 April are Songkran.
    app.store
        .put_holidays(
            &[
                (d(2026, 4, 13), "สงกรานต์".into(), "Songkran".into()),
                (d(2026, 4, 14), "สงกรานต์".into(), "Songkran".into()),
                (d(2026, 4, 15), "สงกรานต์".into(), "Songkran".into()),
            ],
            &meta(),
        )
        .await
        .unwrap();
    let r = appeal(app, "2026-03-14", "2026-04-16").await;
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json();
    assert_eq!(
        c["late"], false,
        "the next working day after the holidays is in time"
    );
    let a = deadline(&c, "appeal");
    assert_eq!(a["counted_day"], "2026-04-13");
    assert_eq!(a["last_day"], "2026-04-16");
    assert_eq!(a["moved_off_holiday"], true);
    assert_eq!(a["basis"], "§60 วรรคหนึ่ง");
    // The appeal names the penalty it is against, from the order.
    assert_eq!(c["opening"]["penalty"]["kind"], "salary_cut");
    let late = appeal(app, "2026-03-14", "2026-04-17").await.json();
    assert_eq!(late["late"], true, "a day after the moved last day is late");
    assert_eq!(deadline(&late, "appeal")["met_late"], true);
    // Without a holiday: day 30 in time, day 31 late, recorded with the computed last day.
    assert_eq!(
        appeal(app, "2026-03-02", "2026-04-01").await.json()["late"],
        false
    );
    let day31 = appeal(app, "2026-03-02", "2026-04-02").await.json();
    assert_eq!(day31["late"], true);
    assert_eq!(deadline(&day31, "appeal")["last_day"], "2026-04-01");

    // §61: 120 days from receipt, then at most two extensions of at most 60 days.
    let id = c["id"].as_i64().unwrap();
    let dd = deadline(&c, "decision");
    assert_eq!(dd["counted_day"], "2026-08-14");
    assert_eq!(dd["holder"], "kpk");
    let mut v = c["version"].as_i64().unwrap();
    for reason in ["รอเอกสารจากหน่วยงาน", "รอคำชี้แจงเพิ่มเติม"]
    {
        let r = event(
            app,
            "kpk",
            id,
            v,
            json!({"type": "extended", "on": "2026-08-01", "days": 60, "reason": reason}),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        v = r.json()["version"].as_i64().unwrap();
    }
    let third = event(
        app,
        "kpk",
        id,
        v,
        json!({"type": "extended", "on": "2026-11-01", "days": 30, "reason": "ยังไม่แล้วเสร็จ"}),
    )
    .await;
    assert_eq!(third.status, 422, "{}", third.body);
    assert_eq!(codes(&third), vec!["appeal.too_many_extensions"]);
    let now = app
        .get_as("kpk", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(now["version"], v, "the refused extension changed nothing");
    assert_eq!(now["file"]["extensions"].as_array().unwrap().len(), 2);
    assert_eq!(deadline(&now, "decision")["counted_day"], "2026-12-12");
    // A stale version is refused, not merged.
    let stale = event(
        app,
        "kpk",
        id,
        v - 1,
        json!({"type": "appellant_notified", "on": "2026-08-01"}),
    )
    .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    // The extended deadline is on ก.พ.ค.'s board; a discipline officer may not open it.
    let board = app.get_as("kpk", "/api/v1/deadlines?board=kpk").await;
    assert_eq!(board.status, 200, "{}", board.body);
    assert!(board
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["case_id"] == id
            && b["deadline"]["key"] == "decision"
            && b["deadline"]["days_left"].as_i64().is_some()));
    assert_eq!(
        app.get_as("disc01", "/api/v1/deadlines?board=kpk")
            .await
            .status,
        403
    );
}

async fn a_cancelled_salary_cut_is_refunded_and_the_decision_carried_out(app: &App) {
    salary_cut(app).await;
    let c = appeal(app, "2026-01-05", "2026-01-20").await.json();
    let id = c["id"].as_i64().unwrap();
    let r = event(
        app,
        "kpk",
        id,
        c["version"].as_i64().unwrap(),
        json!({"type": "appeal_decided", "on": "2026-04-20", "outcome": "cancelled"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c = r.json();
    // January–March were cut 5% of 15,000 = 750 baht each: 2,250 baht back (§59 para 4).
    assert_eq!(c["refund_total_satang"], 225_000);
    assert_eq!(c["file"]["refunds"].as_array().unwrap().len(), 3);
    let imp = deadline(&c, "implement");
    assert_eq!(imp["last_day"], "2026-05-20");
    assert_eq!(imp["holder"], "unit");
    assert_eq!(deadline(&c, "decision")["met_on"], "2026-04-20");
    // The implementing order is due on the issuing district's board, overdue today.
    let board = app
        .get_as("disc01", "/api/v1/deadlines?board=units&due=overdue")
        .await;
    assert_eq!(board.status, 200, "{}", board.body);
    let b = board.json();
    let row = b
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["case_id"] == id)
        .expect("implementation on the board");
    assert_eq!(row["deadline"]["overdue"], true);
    assert!(app
        .get_as("disc02", "/api/v1/deadlines?board=units")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["case_id"] != id));
    // The appellant sees the 90 days to sue on their own board.
    let v = c["version"].as_i64().unwrap();
    let n = event(
        app,
        "kpk",
        id,
        v,
        json!({"type": "appellant_notified", "on": "2026-04-24"}),
    )
    .await;
    assert_eq!(n.status, 200, "{}", n.body);
    assert_eq!(deadline(&n.json(), "court")["last_day"], "2026-07-23");
    let mine = app
        .get_as("emp0", "/api/v1/deadlines?board=mine")
        .await
        .json();
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["deadline"]["key"] == "court" && x["deadline"]["holder"] == "person"));
    // ก.พ.ค. cannot record the district's implementing order; the district can.
    let v = n.json()["version"].as_i64().unwrap();
    let done = json!({"type": "implemented", "on": "2026-05-11", "order_number": "30/2569"});
    assert_eq!(event(app, "kpk", id, v, done.clone()).await.status, 403);
    let r = event(app, "disc01", id, v, done).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(deadline(&r.json(), "implement")["met_on"], "2026-05-11");
    // An appeal against an order that penalised no one is refused.
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"person": NID[1], "case": {"kind": "appeal", "issuer_unit": "D01", "order_number": "9/2569",
            "knew_on": "2026-01-05", "filed_on": "2026-01-20", "received_on": "2026-01-20"}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(codes(&r), vec!["appeal.order_not_penalty"]);
}

async fn open_discipline(app: &App) -> Value {
    let r = post_as(
        app,
        "disc01",
        "/api/v1/cases",
        json!({"person": NID[0], "case": {"kind": "discipline", "source": "หนังสือร้องเรียน",
            "category": "procurement", "allegation": "จัดซื้อโดยไม่เป็นไปตามระเบียบ", "received_on": "2026-01-05"}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

async fn person_status(app: &App) -> String {
    let p = app
        .get_as(
            "admin",
            &format!("/api/v1/people/{}/history?as_of=2026-06-01", app.person[0]),
        )
        .await
        .json();
    p["record"]["status"].as_str().unwrap_or("").to_string()
}

async fn serious_penalties_follow_ka_ko_and_superiors_stay_within_power(app: &App) {
    let c = open_discipline(app).await;
    let id = c["id"].as_i64().unwrap();
    let mut v = c["version"].as_i64().unwrap();
    for e in [
        json!({"type": "stage", "stage": "fact_finding", "on": "2026-01-10"}),
        json!({"type": "stage", "stage": "investigation", "on": "2026-01-20",
            "committee": [{"national_id": NID[1], "name": "นายสมศรี มีสุข", "role": "ประธานกรรมการ"}]}),
        json!({"type": "decided", "on": "2026-02-10", "by": "ผู้อำนวยการเขต",
            "disposition": {"penalised": {"kind": "salary_cut", "percent": 2, "months": 1}},
            "power": {"kind": "salary_cut", "percent": 5, "months": 3}}),
        json!({"type": "reported", "on": "2026-02-12", "to": "ปลัดกรุงเทพมหานคร"}),
    ] {
        let r = event(app, "disc01", id, v, e).await;
        assert_eq!(r.status, 200, "{}", r.body);
        v = r.json()["version"].as_i64().unwrap();
    }
    // The superior who received the report may increase only within their power, counting
    // the original rate (§59 para 2).
    let r = event(
        app,
        "disc01",
        id,
        v,
        json!({"type": "reviewed", "on": "2026-02-20", "by": "รองปลัดกรุงเทพมหานคร",
            "proposed": {"penalised": {"kind": "salary_cut", "percent": 6, "months": 1}},
            "power": {"kind": "salary_cut", "percent": 5, "months": 3}}),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(codes(&r), vec!["discipline.beyond_power"]);
    let now = app
        .get_as("disc01", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(now["version"], v);
    assert_eq!(now["file"]["disposition"]["penalised"]["percent"], 2);

    // A dismissal ordered without a ก.ก. resolution is refused and the register unchanged.
    let order = |number: &str, penalty: &str| {
        json!({"number": number, "issuer_unit": "D01", "signed_on": "2026-04-01", "signed_by": "x",
            "authority": "ผู้อำนวยการเขต", "effective_date": "2026-04-01", "reason": "ลงโทษทางวินัยอย่างร้ายแรง",
            "actions": [{"kind": "penalty", "person": NID[0], "penalty": penalty, "case_id": id}]})
        .to_string()
    };
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order("20/2569", "dismissal"),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(codes(&r).contains(&"discipline.kk_resolution_required".to_string()));
    assert_eq!(person_status(app).await, "active");
    // ก.ก.'s resolution is recorded by the Office, not by the district that will order.
    let kk = json!({"type": "kk_resolved", "resolution": "มติ ก.ก. ครั้งที่ 3/2569", "decided_on": "2026-03-20",
        "notified_on": "2026-03-25", "resolved": {"penalised": {"kind": "discharge"}}});
    assert_eq!(event(app, "disc01", id, v, kk).await.status, 403);
    // ก.ก. resolves a discharge: the authority has 30 days from the notice (§59 para 6) …
    let r = event(
        app,
        "discbma",
        id,
        v,
        json!({"type": "kk_resolved", "resolution": "มติ ก.ก. ครั้งที่ 3/2569", "decided_on": "2026-03-20",
            "notified_on": "2026-03-25", "resolved": {"penalised": {"kind": "discharge"}}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        deadline(&r.json(), "kk_compliance")["last_day"],
        "2026-04-24"
    );
    // … and must order what ก.ก. resolved: a dismissal is refused, a discharge signed.
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order("21/2569", "dismissal"),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(codes(&r).contains(&"discipline.order_differs_from_kk".to_string()));
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order("22/2569", "discharge"),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let now = app
        .get_as("disc01", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(now["stage"], "penalty_order");
    assert_eq!(deadline(&now, "kk_compliance")["met_on"], "2026-04-01");
    // Only a signed order records a penalty order on the case.
    let r = event(
        app,
        "disc01",
        id,
        now["version"].as_i64().unwrap(),
        json!({"type": "penalty_ordered", "on": "2026-04-02", "order_number": "x",
            "measure": {"penalty": "discharge"}}),
    )
    .await;
    assert_eq!(codes(&r), vec!["case.via_order"]);
    assert_eq!(
        now["events"].as_array().unwrap().last().unwrap()["type"],
        "penalty_ordered"
    );
    // The penalty is in the register and in the report tables of seed 002.
    assert_eq!(person_status(app).await, "separated");
    let t = app
        .get_as("disc01", "/api/v1/reports/discipline?unit=D01&fy=2569")
        .await;
    assert_eq!(t.status, 200, "{}", t.body);
    let t = t.json();
    let row = |table: &Value, label: &str| -> Value {
        table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label_en"] == label)
            .cloned()
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(row(&t[0], "discharge")["counts"][0], 1);
    assert_eq!(row(&t[1], "procurement")["total"], 1);
    assert_eq!(row(&t[1], "in disciplinary process")["total"], 1);
    assert_eq!(t[1]["total"], 1);
}

async fn grievance(app: &App, user: &str, against: Value) -> Response {
    post_as(
        app,
        user,
        "/api/v1/cases",
        json!({"person": NID[0], "case": {"kind": "grievance", "against": against,
            "subject": "ไม่ได้รับการพิจารณาเลื่อนเงินเดือน", "filed_on": "2026-05-01"}})
        .to_string(),
    )
    .await
}

async fn grievances_go_up_the_tree_or_to_kpk(app: &App) {
    app.store
        .create_units(
            &[NewUnit {
                code: "DEPT".into(),
                parent_code: Some("BMA".into()),
                kind: UnitKind::Department,
                name_th: "สำนักทดสอบ".into(),
                name_en: "Test Department".into(),
                validity: Validity {
                    from: d(2000, 1, 1),
                    to: None,
                },
            }],
            &meta(),
        )
        .await
        .unwrap();
    let bma = app
        .store
        .unit_by_code("BMA", d(2026, 1, 1))
        .await
        .unwrap()
        .id;
    // Against the district director: to the next superior up, the head of the BMA.
    let r = grievance(app, "disc01", json!({"holder": "unit_head", "unit": "D01"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let g = r.json();
    assert_eq!(g["forum"], "next_superior");
    assert_eq!(g["opening"]["route"]["superior_unit_id"], bma);
    assert_eq!(g["opening"]["route"]["cause"], "other_superior");
    // Against a department head: to ก.พ.ค. (§64 para 2), which a district officer cannot open.
    let dept = json!({"holder": "unit_head", "unit": "DEPT"});
    assert_eq!(grievance(app, "disc01", dept.clone()).await.status, 403);
    let r = grievance(app, "kpk", dept).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["forum"], "kpk");
    assert_eq!(
        r.json()["opening"]["route"]["cause"],
        "head_of_department_level_agency"
    );
    let r = grievance(app, "kpk", json!({"holder": "governor"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["opening"]["route"]["cause"], "governor");
    // Once ก.พ.ค. names district directors, a grievance against one goes to ก.พ.ค.
    assert_eq!(
        post_as(
            app,
            "disc01",
            "/api/v1/kpk-named",
            json!({"unit_kind": "district"}).to_string()
        )
        .await
        .status,
        403
    );
    let r = post_as(
        app,
        "kpk",
        "/api/v1/kpk-named",
        json!({"unit_kind": "district", "note": "ประกาศ ก.พ.ค. ที่ 1/2569"}).to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = grievance(app, "kpk", json!({"holder": "unit_head", "unit": "D01"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["opening"]["route"]["cause"], "kpk_named");
    // A penalty is appealed, not grieved (§63).
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"person": NID[0], "case": {"kind": "grievance", "against": {"holder": "governor"},
            "subject": "ถูกลงโทษ", "filed_on": "2026-05-01", "appealable": true}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(codes(&r), vec!["grievance.appealable"]);
    // The outcome is recorded by the forum.
    let id = g["id"].as_i64().unwrap();
    let r = event(
        app,
        "disc01",
        id,
        g["version"].as_i64().unwrap(),
        json!({"type": "grievance_decided", "on": "2026-06-01", "outcome": "order_revised"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["file"]["outcome"], "order_revised");
}

async fn case_files_are_read_only_by_those_the_act_lets(app: &App) {
    let c = open_discipline(app).await;
    let id = c["id"].as_i64().unwrap();
    let r = event(
        app,
        "disc01",
        id,
        c["version"].as_i64().unwrap(),
        json!({"type": "stage", "stage": "investigation", "on": "2026-01-20",
            "committee": [{"national_id": NID[1], "name": "นายสมศรี มีสุข", "role": "กรรมการ"}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let path = format!("/api/v1/cases/{id}");
    // The unit's discipline officer, the person concerned and the committee member read it.
    for user in ["disc01", "emp0", "emp1"] {
        let r = app.get_as(user, &path).await;
        assert_eq!(r.status, 200, "{user}: {}", r.body);
    }
    // Another district's officer, the unit's HR officer, the administrator, ก.พ.ค. (not
    // before it) and another employee do not.
    for user in ["disc02", "hr01", "admin", "kpk", "sup01"] {
        assert_eq!(app.get_as(user, &path).await.status, 403, "{user}");
    }
    // Every read and every refusal is in the audit log.
    let reads = app
        .get_as("admin", "/api/v1/audit?action=case.read&per_page=50")
        .await
        .json();
    let n = reads["items"].as_array().map_or(0, Vec::len);
    assert!(n >= 3, "{reads}");
    let denied = app
        .get_as("admin", "/api/v1/audit?action=access.denied&per_page=50")
        .await
        .json();
    assert!(denied["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["actor"] == "disc02" && e["detail"] == format!("case {id}")));
    // Lists reach the same people: the other district sees none, the person sees theirs.
    let other = app.get_as("disc02", "/api/v1/cases").await.json();
    assert!(other["items"].as_array().unwrap().is_empty());
    let mine = app.get_as("emp0", "/api/v1/cases").await.json();
    assert_eq!(mine["items"][0]["id"], id);
    let member = app.get_as("emp1", "/api/v1/cases").await.json();
    assert_eq!(member["items"][0]["id"], id);
    // Only the handling office records events; the person concerned cannot.
    let v = app.get_as("disc01", &path).await.json()["version"]
        .as_i64()
        .unwrap();
    let close = json!({"type": "closed", "on": "2026-02-01", "note": "ไม่มีมูล"});
    assert_eq!(event(app, "emp0", id, v, close.clone()).await.status, 403);
    assert_eq!(event(app, "disc02", id, v, close.clone()).await.status, 403);
    let r = event(app, "disc01", id, v, close).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["closed"], true);
    let again = event(
        app,
        "disc01",
        id,
        r.json()["version"].as_i64().unwrap(),
        json!({"type": "stage", "stage": "findings", "on": "2026-02-02"}),
    )
    .await;
    assert_eq!(codes(&again), vec!["case.closed"]);
}

async fn petitions_set_the_issuers_deadline(app: &App) {
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"case": {"kind": "petition", "rule_or_order": "ประกาศหลักเกณฑ์การคัดเลือกของเขต",
            "issuer_unit": "D01", "filed_on": "2026-02-02"}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json();
    let id = c["id"].as_i64().unwrap();
    let r = event(
        app,
        "kpk",
        id,
        c["version"].as_i64().unwrap(),
        json!({"type": "issuer_notified", "on": "2026-03-02", "respond_within_days": 30}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(deadline(&r.json(), "response")["last_day"], "2026-04-01");
    let board = app
        .get_as("disc01", "/api/v1/deadlines?board=units")
        .await
        .json();
    assert!(board
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["case_id"] == id && b["deadline"]["key"] == "response"));
    let r = event(
        app,
        "disc01",
        id,
        r.json()["version"].as_i64().unwrap(),
        json!({"type": "issuer_responded", "on": "2026-03-30", "response": "revised"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(deadline(&r.json(), "response")["met_on"], "2026-03-30");
}

async fn a_superior_cancelling_an_ordered_salary_cut_owes_it_back(app: &App) {
    let c = open_discipline(app).await;
    let id = c["id"].as_i64().unwrap();
    let r = event(
        app,
        "disc01",
        id,
        c["version"].as_i64().unwrap(),
        json!({"type": "decided", "on": "2025-12-15", "by": "ผู้อำนวยการเขต",
            "disposition": {"penalised": {"kind": "salary_cut", "percent": 5, "months": 3}},
            "power": {"kind": "salary_cut", "percent": 5, "months": 3}}),
    )
    .await;
    // The case was received on 5 January 2026: a decision before it is refused.
    assert_eq!(codes(&r), vec!["case.event_before_opening"]);
    let r = event(
        app,
        "disc01",
        id,
        c["version"].as_i64().unwrap(),
        json!({"type": "decided", "on": "2026-01-15", "by": "ผู้อำนวยการเขต",
            "disposition": {"penalised": {"kind": "salary_cut", "percent": 5, "months": 3}},
            "power": {"kind": "salary_cut", "percent": 5, "months": 3}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The penalty order names the case; signing it records the order on the case.
    let order = json!({"number": "15/2569", "issuer_unit": "D01", "signed_on": "2026-01-20", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2026-02-01", "reason": "ลงโทษทางวินัย",
        "actions": [{"kind": "penalty", "person": NID[0], "penalty": "salary_cut", "penalty_percent": 5,
            "penalty_months": 3, "case_id": id}]});
    let r = post_as(app, "admin", "/api/v1/orders", order.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let now = app
        .get_as("disc01", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(now["stage"], "penalty_order");
    assert_eq!(now["file"]["penalty_from"], "2026-02-01");
    // A superior who receives the report cancels it in April: February and March were cut
    // 750 baht each and are owed back (§59 para 4).
    let r = event(
        app,
        "disc01",
        id,
        now["version"].as_i64().unwrap(),
        json!({"type": "reviewed", "on": "2026-04-10", "by": "ปลัดกรุงเทพมหานคร",
            "proposed": "closed", "power": {"kind": "salary_cut", "percent": 10, "months": 6}}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c = r.json();
    assert_eq!(c["refund_total_satang"], 150_000, "{c}");
    let months: Vec<&str> = c["file"]["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, vec!["2026-02-01", "2026-03-01"]);
    // A case that is not this person's cannot be named by an order.
    let other = json!({"number": "16/2569", "issuer_unit": "D01", "signed_on": "2026-04-20", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2026-05-01", "reason": "ลงโทษ",
        "actions": [{"kind": "penalty", "person": NID[1], "penalty": "probation", "case_id": id}]});
    let r = post_as(app, "admin", "/api/v1/orders", other.to_string()).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(codes(&r).contains(&"case.other_person".to_string()));
}

async fn two_officers_recording_at_once_lose_nothing_and_a_new_holiday_moves_deadlines(app: &App) {
    salary_cut(app).await;
    // Received on Friday 16 January 2026: day 120 is Saturday 16 May, so Monday the 18th.
    let c = appeal(app, "2026-01-05", "2026-01-16").await.json();
    let id = c["id"].as_i64().unwrap();
    assert_eq!(deadline(&c, "decision")["counted_day"], "2026-05-16");
    assert_eq!(deadline(&c, "decision")["last_day"], "2026-05-18");
    let v = c["version"].as_i64().unwrap();
    let send = |reason: &'static str| {
        event(
            app,
            "kpk",
            id,
            v,
            json!({"type": "extended", "on": "2026-05-01", "days": 30, "reason": reason}),
        )
    };
    let (a, b) = tokio::join!(send("รอเอกสาร ก"), send("รอเอกสาร ข"));
    let mut statuses = vec![a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 409], "{} / {}", a.body, b.body);
    let now = app
        .get_as("kpk", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(now["file"]["extensions"].as_array().unwrap().len(), 1);
    // The extension runs on from the counted day (§61 extends the period itself).
    assert_eq!(deadline(&now, "decision")["last_day"], "2026-06-15");
    // The Office declares Monday 15 June a holiday: the open deadline moves to the 16th, on
    // the board as on the case file.
    let r = post_as(
        app,
        "admin",
        "/api/v1/holidays",
        json!({"date": "2026-06-15", "name_th": "วันหยุดพิเศษ"}).to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let now = app
        .get_as("kpk", &format!("/api/v1/cases/{id}"))
        .await
        .json();
    assert_eq!(deadline(&now, "decision")["last_day"], "2026-06-16");
    let board = app
        .get_as("kpk", "/api/v1/deadlines?board=kpk")
        .await
        .json();
    let row = board
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["case_id"] == id)
        .expect("on the board");
    assert_eq!(row["deadline"]["last_day"], "2026-06-16");
}
