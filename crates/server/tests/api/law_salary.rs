//! Salary scales through the API (issue 23): a salary an order gives lies within the scale of
//! the position's category and level; a salary step neither lowers the salary (that is a
//! penalty) nor raises it by more than one round allows; a promotion does not lower it.
//! The fixture's people are practitioners (ปฏิบัติการ, 7,140–26,900 baht) at 15,000.

use bmahr_core::personnel::{Category, Level};
use serde_json::{json, Value};

use crate::client::Response;
use crate::fixture::{App, NID};
use crate::law::{check, positions};
use crate::orders::post_as;

crate::on_every_backend!(
    a_salary_above_the_scale_is_refused_with_its_maximum,
    a_salary_step_that_lowers_is_a_penalty_and_a_normal_one_passes,
    a_promotion_that_lowers_the_salary_is_refused,
);

/// An order of district D01 signed and in force on `on` (ISO).
fn order_on(number: &str, on: &str, actions: Value) -> String {
    json!({
        "number": number, "issuer_unit": "D01", "signed_on": on, "signed_by": "นายผู้มีอำนาจ ลงนาม",
        "authority": "ผู้อำนวยการเขต", "effective_date": on, "reason": "เลื่อนเงินเดือน", "actions": actions,
    })
    .to_string()
}

fn raise(salary: &str) -> Value {
    json!([{"kind": "salary_change", "person": NID[0], "salary": salary}])
}

/// The errors of a refused check: (code, field) sorted, and the bodies.
fn errors(r: &Response) -> (Vec<(String, String)>, Vec<Value>) {
    assert_eq!(r.status, 422, "{}", r.body);
    let list = r.json()["errors"].as_array().unwrap().clone();
    let mut pairs: Vec<(String, String)> = list
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.sort();
    for e in &list {
        assert!(e["section"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
    }
    (pairs, list)
}

/// A salary in the middle of the scale of a category and level on 1 October 2024, for tests
/// of other rules that appoint at any level.
pub fn in_scale(category: Category, level: Level) -> Value {
    let on = crate::law::d(2024, 10, 1);
    let r = bmahr_core::law::salary::salary_range(category, level, on).unwrap();
    let mid = (r.floor.satang().max(100_000) + r.max.satang()) / 2 / 100;
    json!(mid.to_string())
}

fn pair(code: &str, field: &str) -> (String, String) {
    (code.to_string(), field.to_string())
}

async fn salary_on(app: &App, on: &str) -> Value {
    let p = app.person[0];
    app.get_as("admin", &format!("/api/v1/people/{p}/history?as_of={on}"))
        .await
        .json()["record"]["salary"]
        .clone()
}

async fn a_salary_above_the_scale_is_refused_with_its_maximum(app: &App) {
    let r = check(app, order_on("90/2567", "2024-10-01", raise("990,000"))).await;
    let (pairs, list) = errors(&r);
    assert_eq!(
        pairs,
        vec![
            pair("salary.above_scale", "actions[1].salary"),
            pair("salary.step_too_large", "actions[1].salary"),
        ]
    );
    let above = list
        .iter()
        .find(|e| e["code"] == "salary.above_scale")
        .unwrap();
    assert!(
        above["message_th"].as_str().unwrap().contains("26,900 บาท"),
        "{above}"
    );
    assert!(
        above["message_en"]
            .as_str()
            .unwrap()
            .contains("26,900 baht"),
        "{above}"
    );
    // Nothing was written; the maximum itself is a salary the scale allows (in two steps).
    assert_eq!(salary_on(app, "2024-10-01").await, "15000.00");
}

async fn a_salary_step_that_lowers_is_a_penalty_and_a_normal_one_passes(app: &App) {
    // Two normal rounds, each within one step (at most 1,620 baht at this level): signed.
    for (no, on, s) in [
        ("91/2567", "2024-04-01", "16,600"),
        ("92/2567", "2024-10-01", "17,800"),
    ] {
        let r = post_as(app, "auth01", "/api/v1/orders", order_on(no, on, raise(s))).await;
        assert_eq!(r.status, 201, "{no}: {}", r.body);
    }
    assert_eq!(salary_on(app, "2024-10-01").await, "17800.00");
    // 17,800 → 9,000 as a salary step: refused, and told to use a penalty order.
    let r = check(app, order_on("93/2568", "2025-04-01", raise("9,000"))).await;
    let (pairs, list) = errors(&r);
    assert_eq!(pairs, vec![pair("salary.step_lowers", "actions[1].salary")]);
    assert!(list[0]["message_th"]
        .as_str()
        .unwrap()
        .contains("ใช้คำสั่งลงโทษลดเงินเดือนแทน"));
    assert!(list[0]["message_en"]
        .as_str()
        .unwrap()
        .contains("use a penalty order instead"));
    // A raise of more than one round: refused, the ceiling named.
    let r = check(app, order_on("94/2568", "2025-04-01", raise("20,000"))).await;
    let (pairs, list) = errors(&r);
    assert_eq!(
        pairs,
        vec![pair("salary.step_too_large", "actions[1].salary")]
    );
    assert!(
        list[0]["message_en"].as_str().unwrap().contains("1,620"),
        "{}",
        list[0]
    );
    // A normal 3 % step passes; the register still holds 17,800 (a check writes nothing).
    let r = check(app, order_on("95/2568", "2025-04-01", raise("18,340"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(salary_on(app, "2025-04-01").await, "17800.00");
}

async fn a_promotion_that_lowers_the_salary_is_refused(app: &App) {
    positions(
        app,
        &[("105", "D01-ADM", Category::Ordinary, Level::Professional)],
    )
    .await;
    let promote = |s: &str| json!([{"kind": "promote", "person": NID[0], "position_no": "105", "level": "professional", "salary": s}]);
    let r = check(app, order_on("96/2567", "2024-10-01", promote("14,000"))).await;
    let (pairs, list) = errors(&r);
    assert_eq!(
        pairs,
        vec![pair("salary.promotion_lowers", "actions[1].salary")]
    );
    assert!(list[0]["message_en"].as_str().unwrap().contains("15,000"));
    // Keeping or raising the salary on promotion passes (more than one step is allowed).
    let r = check(app, order_on("97/2567", "2024-10-01", promote("18,000"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
}
