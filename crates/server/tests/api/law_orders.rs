//! An order as a whole through the API: every failure of every action is reported at once,
//! and a refused order writes nothing while a clean one changes the register.

use bmahr_core::personnel::{Category, Level};
use serde_json::json;

use crate::fixture::App;
use crate::law::{
    appoint, check, history, more_units, order, person, positions, refused, with, ON,
};
use crate::orders::post_as;

crate::on_every_backend!(
    every_failure_of_an_order_is_reported_together,
    a_refused_order_changes_nothing_and_a_clean_one_does,
);

/// One order, several bad actions: every failure of every action comes back at once, each
/// on its own action.
async fn every_failure_of_an_order_is_reported_together(app: &App) {
    more_units(app).await;
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("104", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("105", "D01-ADM", Category::Ordinary, Level::Practitioner),
            (
                "106",
                "D01-ADM",
                Category::Ordinary,
                Level::SeniorProfessional,
            ),
            ("T12", "D01-SCH", Category::Teacher, Level::TeacherNoRank),
        ],
    )
    .await;
    let (a, _) = person(app, 20, "1990-01-01").await;
    let (minor, _) = person(app, 21, "2010-01-01").await;
    let (dismissed, _) = person(app, 22, "1980-01-01").await;
    let (politician, _) = person(app, 23, "1970-01-01").await;
    let (senior, _) = person(app, 24, "1975-01-01").await;
    let (teacher, _) = person(app, 25, "1995-01-01").await;
    let mut no_decl = appoint(&a, "103");
    no_decl.as_object_mut().unwrap().remove("eligibility");
    let actions = json!([
        no_decl,
        with(
            appoint(&minor, "104"),
            "eligibility",
            json!({"thai_national": false, "loyal": true})
        ),
        with(
            with(
                appoint(&dismissed, "105"),
                "eligibility",
                json!({"thai_national": true, "loyal": true,
                "disqualifications": [{"ground": "b8", "left_service_on": "2023-01-01", "corruption": true}]})
            ),
            "waiver",
            json!({"resolution": "มติ ก.ก. 5/2567", "decided_on": "2024-09-01", "present": 10, "in_favour": 7, "secret_ballot": false}),
        ),
        with(
            appoint(&politician, "101"),
            "eligibility",
            json!({"thai_national": true, "loyal": true,
            "political_office": {"resignation_effective": ON}})
        ),
        appoint(&senior, "106"),
        appoint(&teacher, "T12"),
    ]);
    refused(
        &check(app, order("1/2567", "D01", json!({}), actions)).await,
        &[
            ("eligibility.declaration_required", "actions[1].eligibility"),
            (
                "eligibility.nationality",
                "actions[2].eligibility.thai_national",
            ),
            ("eligibility.age", "actions[2].person"),
            ("waiver.votes", "actions[3].waiver.in_favour"),
            ("waiver.secret_ballot", "actions[3].waiver.secret_ballot"),
            (
                "eligibility.disqualified",
                "actions[3].eligibility.disqualifications[0]",
            ),
            (
                "waiver.wait",
                "actions[3].eligibility.disqualifications[0].left_service_on",
            ),
            (
                "waiver.corruption",
                "actions[3].eligibility.disqualifications[0].corruption",
            ),
            (
                "eligibility.political_office",
                "actions[4].eligibility.political_office.resignation_effective",
            ),
            ("position.occupied", "actions[4].position_no"),
            ("authority.too_low", "actions[5].authority"),
            ("authority.kk_approval_required", "actions[6].kk_approval"),
        ],
        "six bad actions in one order",
    );
}

/// Signing goes through the same rules: a refused order writes nothing, a clean one signed by
/// the right authority changes the register.
async fn a_refused_order_changes_nothing_and_a_clean_one_does(app: &App) {
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("108", "D01-ADM", Category::Ordinary, Level::Expert),
        ],
    )
    .await;
    let (cand, pid) = person(app, 50, "1990-01-01").await;
    let (expert, eid) = person(app, 51, "1980-01-01").await;
    let before = history(app, pid).await;
    assert!(before["record"]["placement"].is_null(), "{before}");
    let holder_before = history(app, app.person[0]).await;

    // Without the §43 declaration, by the district's appointing authority.
    let mut bare = appoint(&cand, "103");
    bare.as_object_mut().unwrap().remove("eligibility");
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order("1/2567", "D01", json!({}), json!([bare])),
    )
    .await;
    refused(
        &r,
        &[("eligibility.declaration_required", "actions[1].eligibility")],
        "signing without a declaration",
    );
    // With a clean action next to one into an occupied position: neither is applied.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order(
            "1/2567",
            "D01",
            json!({}),
            json!([appoint(&cand, "103"), appoint(&expert, "101")]),
        ),
    )
    .await;
    refused(
        &r,
        &[("position.occupied", "actions[2].position_no")],
        "one bad action refuses the whole order",
    );
    // A วิชาการ เชี่ยวชาญ post signed by the district director instead of the Governor.
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order(
            "1/2567",
            "D01",
            json!({}),
            json!([with(appoint(&expert, "108"), "salary", json!("35000"))]),
        ),
    )
    .await;
    refused(
        &r,
        &[("authority.too_low", "actions[1].authority")],
        "an expert post signed by the district director",
    );
    assert_eq!(history(app, pid).await, before);
    assert_eq!(history(app, app.person[0]).await, holder_before);
    let expert_before = history(app, eid).await;
    assert!(expert_before["record"]["placement"].is_null());

    // Clean and signed by the right authorities: the register changes.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order("1/2567", "D01", json!({}), json!([appoint(&cand, "103")])),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let after = history(app, pid).await;
    assert_eq!(after["record"]["placement"]["position_no"], "103");
    assert_eq!(after["record"]["status"], "active");
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order(
            "2/2567",
            "D01",
            json!({"signing_authority": "governor"}),
            json!([with(appoint(&expert, "108"), "salary", json!("35000"))]),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        history(app, eid).await["record"]["placement"]["position_no"],
        "108"
    );
}
