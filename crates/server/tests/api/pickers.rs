//! Pickers (issue 23): people, positions and units found while typing, within one's units,
//! with what tells two people apart; IDs masked for those who see them masked; what a form's
//! field holds resolved to one person, position or unit, or refused with the candidates.

use std::collections::HashSet;
use std::sync::Arc;

use bmahr_core::role::Role;
use bmahr_server::auth::password::secret_hash;
use bmahr_server::auth::{Actor, Via};
use bmahr_server::error::ApiError;
use bmahr_server::usecases::pickers;
use bmahr_server::{today, AppState, Settings};
use serde_json::Value;

use crate::fixture::{token_of, App, NID};

crate::on_every_backend!(
    people_are_picked_with_unit_position_and_salary_within_one_s_units,
    positions_and_units_are_picked_by_number_title_or_code,
    typed_text_resolves_to_one_or_lists_the_candidates,
);

async fn pick(app: &App, user: &str, path: &str) -> Value {
    let r = app.get_as(user, path).await;
    assert_eq!(r.status, 200, "{user} {path}: {}", r.body);
    r.json()
}

fn names(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name_th"].as_str().unwrap().to_string())
        .collect()
}

async fn people_are_picked_with_unit_position_and_salary_within_one_s_units(app: &App) {
    // Two people of D01 whose names start alike: each told apart by unit, position, salary.
    let v = pick(app, "hr01", "/api/v1/pick/people?q=%E0%B8%AA%E0%B8%A1").await; // "สม"
    assert_eq!(names(&v), ["นายสมชาย ใจดี", "นายสมศรี มีสุข"], "{v}");
    let first = &v["items"][0];
    assert_eq!(first["id"], app.person[0]);
    assert_eq!(first["value"], NID[0], "HR sees IDs: the value is the ID");
    assert_eq!(first["national_id"], NID[0]);
    assert_eq!(first["unit"]["code"], "D01-ADM");
    assert_eq!(first["unit"]["name_th"], "หน่วย D01-ADM");
    assert_eq!(first["position_no"], "101");
    assert_eq!(first["position_title"], "นักทรัพยากรบุคคล");
    assert_eq!(first["level"], "practitioner");
    assert_eq!(first["salary"], "15000.00");
    assert_eq!(first["status"], "active");
    let label = first["label_th"].as_str().unwrap();
    assert!(
        label.contains("101 นักทรัพยากรบุคคล")
            && label.contains("D01-ADM")
            && label.contains("15,000.00"),
        "{label}"
    );
    assert_eq!(v["items"][1]["position_no"], "102");
    // By position number, by a whole ID, by an ID's first digits (HR sees IDs).
    let v = pick(app, "hr01", "/api/v1/pick/people?q=102").await;
    assert_eq!(names(&v), ["นายสมศรี มีสุข"], "{v}");
    let v = pick(app, "hr01", &format!("/api/v1/pick/people?q={}", NID[1])).await;
    assert_eq!(names(&v), ["นายสมศรี มีสุข"], "{v}");
    let v = pick(app, "hr01", "/api/v1/pick/people?q=11017").await;
    assert_eq!(names(&v), ["นายสมชาย ใจดี"], "{v}");
    // In English too.
    let v = pick(app, "hr01", "/api/v1/pick/people?q=somsri").await;
    assert_eq!(names(&v), ["นายสมศรี มีสุข"], "{v}");
    // Outside one's units: nobody, by name, number or ID.
    for q in ["%E0%B8%AA%E0%B8%A1", "101", NID[0], "11017"] {
        let v = pick(app, "hr02", &format!("/api/v1/pick/people?q={q}")).await;
        assert!(names(&v).is_empty(), "hr02 {q}: {v}");
    }
    let v = pick(app, "hr01", "/api/v1/pick/people?q=weera").await;
    assert!(names(&v).is_empty(), "{v}");
    let v = pick(app, "hr02", "/api/v1/pick/people?q=weera").await;
    assert_eq!(names(&v), ["นายวีระ กล้าหาญ"], "{v}");
    // A discipline officer sees IDs masked: the value is #id, and first digits find nobody.
    let v = pick(app, "disc01", "/api/v1/pick/people?q=somchai").await;
    let it = &v["items"][0];
    assert_eq!(it["value"], format!("#{}", app.person[0]), "{v}");
    assert_ne!(it["national_id"], NID[0]);
    assert!(!v.to_string().contains(NID[0]), "{v}");
    assert_eq!(it["unit"]["code"], "D01-ADM");
    assert_eq!(it["salary"], "15000.00");
    let v = pick(app, "disc01", "/api/v1/pick/people?q=11017").await;
    assert!(names(&v).is_empty(), "{v}");
    // An employee searches nobody.
    let r = app.get_as("emp0", "/api/v1/pick/people?q=somchai").await;
    assert_eq!(r.status, 403, "{}", r.body);
    // The pages' route: JSON for the script, a page listing the values to type otherwise.
    let json = ("Accept".to_string(), "application/json".to_string());
    let r = app
        .call("GET", "/pick/people?q=somchai", vec![json.clone()], None)
        .await;
    assert_eq!(r.status, 401, "{}", r.body);
    let r = app
        .call("GET", "/pick/people?q=somchai", vec![], None)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let bearer = (
        "Authorization".to_string(),
        format!("Bearer {}", token_of("disc01")),
    );
    let r = app
        .call(
            "GET",
            "/pick/people?q=somchai",
            vec![bearer.clone(), json],
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["items"][0]["value"], format!("#{}", app.person[0]));
    let r = app
        .call("GET", "/pick/people?q=somchai", vec![bearer], None)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains(&format!("<code>#{}</code>", app.person[0])) && r.body.contains("D01-ADM"),
        "{}",
        r.body
    );
    assert!(!r.body.contains(NID[0]), "masked on the page too");
    // Picking lists people: recorded as the search is (tallied, written within a second).
    let mut listed = 0;
    for _ in 0..150 {
        listed = app
            .store
            .audit(&bmahr_store::AuditQuery {
                actor: Some("disc01".into()),
                action: Some("people.pick".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .len();
        if listed > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(listed > 0, "a pick of people is in the audit log");
    // Documented.
    let doc = app.get_as("admin", "/api/v1/openapi.json").await.json();
    for p in [
        "/api/v1/pick/people",
        "/api/v1/pick/positions",
        "/api/v1/pick/units",
    ] {
        assert!(doc["paths"][p]["get"].is_object(), "{p} documented");
    }
}

async fn positions_and_units_are_picked_by_number_title_or_code(app: &App) {
    let v = pick(app, "hr01", "/api/v1/pick/positions?q=10").await;
    let nos: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["position_no"].as_str().unwrap())
        .collect();
    assert_eq!(nos, ["101", "102"], "{v}");
    assert_eq!(v["items"][0]["holder"]["name_th"], "นายสมชาย ใจดี");
    assert_eq!(v["items"][0]["unit"]["code"], "D01-ADM");
    assert_eq!(v["items"][0]["vacant"], false);
    // By title, within one's units only.
    let v = pick(app, "hr02", "/api/v1/pick/positions?q=%E0%B8%97%E0%B8%A3%E0%B8%B1%E0%B8%9E%E0%B8%A2%E0%B8%B2%E0%B8%81%E0%B8%A3").await; // "ทรัพยากร"
    assert_eq!(v["items"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["items"][0]["position_no"], "201");
    let v = pick(app, "hr02", "/api/v1/pick/positions?q=101").await;
    assert!(v["items"].as_array().unwrap().is_empty(), "{v}");
    // Vacant only: every one of these is held, so none is offered.
    let v = pick(app, "hr01", "/api/v1/pick/positions?q=10&vacant=1").await;
    assert!(v["items"].as_array().unwrap().is_empty(), "{v}");
    let v = pick(app, "admin", "/api/v1/pick/positions?q=2").await;
    assert_eq!(v["items"][0]["position_no"], "201", "{v}");
    // Units by code (any case) or name, within one's units.
    let v = pick(app, "hr01", "/api/v1/pick/units?q=d01").await;
    let codes: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["D01", "D01-ADM"], "{v}");
    let v = pick(app, "hr01", "/api/v1/pick/units?q=D02").await;
    assert!(v["items"].as_array().unwrap().is_empty(), "{v}");
    let v = pick(app, "admin", "/api/v1/pick/units?q=Unit%20D02").await;
    assert_eq!(v["items"][0]["value"], "D02", "{v}");
    let r = app.get_as("emp0", "/api/v1/pick/units?q=d01").await;
    assert_eq!(r.status, 403, "{}", r.body);
}

/// The account `name` as the server resolves it from its token.
async fn actor(app: &App, name: &str) -> Actor {
    let user = app
        .store
        .user_by_token(&secret_hash(&token_of(name)))
        .await
        .unwrap()
        .unwrap();
    let scope = match (user.role, user.scope_unit_id) {
        (Role::CentralAdmin | Role::Auditor | Role::MeritCommission, _) => None,
        (_, Some(u)) => Some(Arc::new(
            app.store
                .unit_subtree(u)
                .await
                .unwrap()
                .into_iter()
                .collect::<HashSet<i64>>(),
        )),
        (_, None) => Some(Arc::new(HashSet::new())),
    };
    Actor {
        user,
        via: Via::Token,
        scope,
    }
}

fn refusal(e: ApiError) -> (String, String, String) {
    match e {
        ApiError::BadRequest(v) => {
            let v = &v.0[0];
            (
                v.code.to_string(),
                v.field.clone(),
                v.message_th.clone() + " | " + &v.message_en,
            )
        }
        other => panic!("not a refusal on the form: {other:?}"),
    }
}

async fn typed_text_resolves_to_one_or_lists_the_candidates(app: &App) {
    let state = AppState::with_settings(app.store.clone(), Settings::default());
    let on = today();
    let hr = actor(app, "hr01").await;
    let disc = actor(app, "disc01").await;
    let p0 = app.person[0];
    // A name, a name with its title, a name in English, a position number, an ID with dashes, #id.
    for typed in [
        "สมชาย",
        "นายสมชาย ใจดี",
        "Somchai Test",
        "101",
        "1-1017-00203-45-0",
        &format!("#{p0}"),
    ] {
        let p = pickers::resolve_person(&state, &hr, "person", typed, on)
            .await
            .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_eq!(p.id, p0, "{typed}");
        assert_eq!(p.identity.reveal(), NID[0]);
        assert_eq!(p.unit.as_ref().unwrap().code, "D01-ADM");
    }
    // Several: refused on the caller's field, each candidate with the value that picks it.
    let e = pickers::resolve_person(&state, &disc, "subject", "สม", on)
        .await
        .unwrap_err();
    let (code, field, msg) = refusal(e);
    assert_eq!(
        (code.as_str(), field.as_str()),
        ("pick.ambiguous", "subject")
    );
    assert!(
        msg.contains(&format!("#{p0}")) && msg.contains(&format!("#{}", app.person[1])),
        "{msg}"
    );
    assert!(msg.contains("D01-ADM") && msg.contains("102"), "{msg}");
    assert!(
        !msg.contains(NID[0]),
        "masked for a discipline officer: {msg}"
    );
    // Nobody, or someone outside one's units: not found, never who they are.
    let p2 = app.person[2];
    for typed in ["ไม่มีใครชื่อนี้", NID[2], &format!("#{p2}"), "201"]
    {
        let e = pickers::resolve_person(&state, &disc, "person", typed, on)
            .await
            .unwrap_err();
        let (code, field, msg) = refusal(e);
        assert_eq!(
            (code.as_str(), field.as_str()),
            ("pick.not_found", "person"),
            "{typed}"
        );
        assert!(!msg.contains("วีระ"), "{msg}");
    }
    // A bad ID is named as such; nothing typed is required.
    let e = pickers::resolve_person(&state, &hr, "person", "1101700203451", on)
        .await
        .unwrap_err();
    assert_eq!(refusal(e).1, "person");
    let e = pickers::resolve_person(&state, &hr, "person", "  ", on)
        .await
        .unwrap_err();
    assert_eq!(refusal(e).0, "pick.required");
    // Positions: a number typed whole, or refused with the candidates.
    let p = pickers::resolve_position(&state, &hr, "position_no", "101", on)
        .await
        .unwrap();
    assert_eq!(p.position_no, "101");
    let e = pickers::resolve_position(&state, &hr, "position_no", "10", on)
        .await
        .unwrap_err();
    let (code, _, msg) = refusal(e);
    assert_eq!(code, "pick.ambiguous");
    assert!(msg.contains("101") && msg.contains("102"), "{msg}");
    let e = pickers::resolve_position(&state, &hr, "position_no", "201", on)
        .await
        .unwrap_err();
    assert_eq!(refusal(e).0, "pick.not_found");
    // Units: a code typed whole picks it among codes that start with it.
    let u = pickers::resolve_unit(&state, &hr, "unit", "d01", on)
        .await
        .unwrap();
    assert_eq!(u.code, "D01");
    let admin = actor(app, "admin").await;
    let e = pickers::resolve_unit(&state, &admin, "unit", "หน่วย D0", on)
        .await
        .unwrap_err();
    let (code, field, _) = refusal(e);
    assert_eq!((code.as_str(), field.as_str()), ("pick.ambiguous", "unit"));
    let u = pickers::resolve_unit(&state, &admin, "unit", "Unit D02", on)
        .await
        .unwrap();
    assert_eq!(u.code, "D02");
}
