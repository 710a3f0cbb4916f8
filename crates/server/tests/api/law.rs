//! The Act through the API: who signs (§52–54), what ก.ก. decides first (§53, §54), who may
//! enter (§43), moves between categories (§56) and the manpower frame (§14(5)), each case
//! taken from the Act's wording and sent to `POST /api/v1/orders/check` (and, where the
//! register should change, to `POST /api/v1/orders`).
//!
//! This module holds what the cases share (orders, people, units and positions to set up,
//! and how a check passes or is refused); the cases are in `law_authority` (§52–54),
//! `law_eligibility` (§43), `law_category_move` (§56), `law_frame` (§14(5)) and `law_orders`
//! (an order as a whole: every failure at once, nothing written when refused).

use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, NewUnit, WriteMeta};
use serde_json::{json, Value};

use crate::client::Response;
use crate::fixture::App;
use crate::orders::post_as;

/// Every order here is signed and takes effect on 1 October 2567 (2024).
pub const ON: &str = "2024-10-01";

pub fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

pub fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

/// An order of `issuer`, with order-level `extra` fields (`signing_authority`,
/// `kk_approval`).
pub fn order(number: &str, issuer: &str, extra: Value, actions: Value) -> String {
    let mut o = json!({
        "number": number, "issuer_unit": issuer, "signed_on": ON, "signed_by": "นายผู้มีอำนาจ ลงนาม",
        "authority": "ผู้มีอำนาจสั่งบรรจุและแต่งตั้ง", "effective_date": ON,
        "reason": "บรรจุและแต่งตั้ง", "actions": actions,
    });
    if let (Some(o), Some(e)) = (o.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    o.to_string()
}

/// The ก.ก. approval of §53 and §54, decided on `on`.
pub fn kk(on: &str) -> Value {
    json!({"resolution": "มติ ก.ก. ครั้งที่ 9/2567", "decided_on": on})
}

/// A clean §43 declaration.
pub fn declared() -> Value {
    json!({"thai_national": true, "loyal": true})
}

pub fn appoint(person: &str, position: &str) -> Value {
    json!({"kind": "appoint", "person": person, "position_no": position, "salary": "25000", "eligibility": declared()})
}

/// Sets `key` of an action (or any object) to `v`.
pub fn with(mut a: Value, key: &str, v: Value) -> Value {
    a[key] = v;
    a
}

/// A valid national ID from a serial number (Ministry of Interior check digit).
fn nid(n: u32) -> String {
    let prefix = format!("19{n:010}");
    let sum: u32 = prefix
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (13 - i as u32))
        .sum();
    format!("{prefix}{}", (11 - sum % 11) % 10)
}

/// A person not yet in service, born on `birth`: (national ID, id).
pub async fn person(app: &App, n: u32, birth: &str) -> (String, i64) {
    let id = nid(n);
    let p = NewPerson::from_fields(
        &PersonFields {
            national_id: &id,
            title: "นาย",
            first_th: "ผู้สมัคร",
            last_th: "ทดสอบ",
            first_en: "Candidate",
            last_en: "Test",
            birth_date: birth,
            phone: "0812345678",
            ..Default::default()
        },
        d(2026, 1, 1),
    )
    .unwrap();
    let pid = app.store.create_people(&[p], &meta()).await.unwrap()[0];
    (id, pid)
}

/// Schools in D01 and D02 (teachers) and a university (higher education), an agency of its
/// own under the BMA.
pub async fn more_units(app: &App) {
    let unit = |code: &str, parent: &str, kind| NewUnit {
        code: code.into(),
        parent_code: Some(parent.into()),
        kind,
        name_th: format!("หน่วย {code}"),
        name_en: format!("Unit {code}"),
        validity: Validity {
            from: d(2000, 1, 1),
            to: None,
        },
    };
    app.store
        .create_units(
            &[
                unit("D01-SCH", "D01", UnitKind::School),
                unit("D02-SCH", "D02", UnitKind::School),
                unit("UNI", "BMA", UnitKind::University),
            ],
            &meta(),
        )
        .await
        .unwrap();
}

/// Positions (number, unit, category, level), in the frame from 2000.
pub async fn positions(app: &App, rows: &[(&str, &str, Category, Level)]) {
    positions_from(app, d(2000, 1, 1), rows).await;
}

pub async fn positions_from(app: &App, from: ThaiDate, rows: &[(&str, &str, Category, Level)]) {
    let new: Vec<NewPosition> = rows
        .iter()
        .map(|(no, unit, category, level)| NewPosition {
            position_no: (*no).into(),
            unit_code: (*unit).into(),
            category: *category,
            level: *level,
            line_of_work: "สายงานทดสอบ".into(),
            admin_title: String::new(),
            validity: Validity { from, to: None },
            approval_ref: "มติ ก.ก. 1/2543".into(),
        })
        .collect();
    app.store.create_positions(&new, &meta()).await.unwrap();
}

pub async fn check(app: &App, body: String) -> Response {
    post_as(app, "admin", "/api/v1/orders/check", body).await
}

/// The check would apply the order.
pub fn passes(r: &Response, case: &str) {
    assert_eq!(r.status, 200, "{case}: {}", r.body);
}

/// Refused with exactly these (code, field) pairs, in any order, each citing a section of
/// the Act; the first is repeated at the top of the body.
pub fn refused(r: &Response, want: &[(&str, &str)], case: &str) -> Value {
    assert_eq!(r.status, 422, "{case}: {}", r.body);
    let j = r.json();
    let errors = j["errors"].as_array().unwrap();
    let mut got: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = want
        .iter()
        .map(|(c, f)| (c.to_string(), f.to_string()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{case}: {}", r.body);
    assert_eq!(j["code"], errors[0]["code"], "{case}");
    assert_eq!(j["field"], errors[0]["field"], "{case}");
    for e in errors {
        assert!(
            e["section"].as_str().is_some_and(|s| s.starts_with('§')),
            "{case}: no section in {e}"
        );
        assert!(!e["message_th"].as_str().unwrap().is_empty(), "{case}");
        assert!(!e["message_en"].as_str().unwrap().is_empty(), "{case}");
    }
    j
}

/// A person's history and record on [`ON`], as the admin reads it.
pub async fn history(app: &App, pid: i64) -> Value {
    let r = app
        .get_as("admin", &format!("/api/v1/people/{pid}/history?as_of={ON}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}
