//! §56 through the API: a teacher becomes an ordinary civil servant only when both the
//! person volunteers and their home agency agrees.

use bmahr_core::personnel::{Category, Level};
use serde_json::{json, Value};

use crate::fixture::App;
use crate::law::{
    appoint, check, history, kk, meta, more_units, order, passes, person, positions, refused,
};
use crate::orders::post_as;

crate::on_every_backend!(section_56_a_teacher_becomes_ordinary_only_with_both_consents);

/// (case, consent (null: none), expected (code, field)).
type ConsentCase = (&'static str, Value, Vec<(&'static str, &'static str)>);

/// §56: "การแต่งตั้ง...จากข้าราชการประเภทหนึ่งไปเป็นข้าราชการอีกประเภทหนึ่งอาจกระทำได้หาก
/// ผู้นั้นสมัครใจและหน่วยงานต้นสังกัดเห็นชอบ".
async fn section_56_a_teacher_becomes_ordinary_only_with_both_consents(app: &App) {
    more_units(app).await;
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("T11", "D01-SCH", Category::Teacher, Level::TeacherNoRank),
        ],
    )
    .await;
    let (teacher, pid) = person(app, 30, "1990-01-01").await;
    let setup: bmahr_core::register::OrderDraft = serde_json::from_str(&order(
        "7/2567",
        "D01",
        json!({"kk_approval": kk("2024-01-01"), "effective_date": "2024-02-01", "signed_on": "2024-02-01"}),
        json!([appoint(&teacher, "T11")]),
    ))
    .unwrap();
    app.store.apply_order(&setup, &meta()).await.unwrap();

    // ก.ก.'s prior approval is for appointing (บรรจุและแต่งตั้ง, §53 วรรคหนึ่ง (4)); the
    // district director raises a teacher's salary without one.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([{"kind": "salary_change", "person": teacher, "salary": "26000"}]),
            ),
        )
        .await,
        "a teacher's salary change by the district director",
    );

    let mv = |consent: Value| {
        let mut a = json!({"kind": "move", "person": teacher, "position_no": "103"});
        if !consent.is_null() {
            a["consent"] = consent;
        }
        order("1/2567", "D01", json!({}), json!([a]))
    };
    let cases: [ConsentCase; 5] = [
        (
            "no consent stated",
            Value::Null,
            vec![
                ("category_move.volunteer", "actions[1].consent"),
                ("category_move.home_agency", "actions[1].consent"),
            ],
        ),
        (
            "neither consents",
            json!({"person": false, "home_agency": false}),
            vec![
                ("category_move.volunteer", "actions[1].consent"),
                ("category_move.home_agency", "actions[1].consent"),
            ],
        ),
        (
            "the person volunteers, the school's agency does not agree",
            json!({"person": true}),
            vec![("category_move.home_agency", "actions[1].consent")],
        ),
        (
            "the agency agrees, the person does not volunteer",
            json!({"home_agency": true}),
            vec![("category_move.volunteer", "actions[1].consent")],
        ),
        ("both", json!({"person": true, "home_agency": true}), vec![]),
    ];
    for (case, consent, want) in cases {
        let r = check(app, mv(consent)).await;
        if want.is_empty() {
            passes(&r, case);
        } else {
            let j = refused(&r, &want, case);
            assert_eq!(j["section"], "§56 วรรคหนึ่ง", "{case}");
        }
    }
    // Signed with both consents, the teacher holds the ordinary position.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        mv(json!({"person": true, "home_agency": true})),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let h = history(app, pid).await;
    assert_eq!(h["record"]["placement"]["position_no"], "103");
    assert_eq!(h["record"]["placement"]["category"], "ordinary");
}
