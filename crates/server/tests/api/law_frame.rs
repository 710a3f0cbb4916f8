//! The manpower frame (§14(5)) through the API: a position holds one person, exists on the
//! effective date, and takes the level the frame approved.

use bmahr_core::personnel::{Category, Level};
use serde_json::json;

use crate::fixture::{App, NID};
use crate::law::{
    appoint, check, d, order, passes, person, positions, positions_from, refused, with,
};

crate::on_every_backend!(the_frame_on_the_effective_date);

/// The frame (§14(5)): one holder per position on and after the date, positions that exist
/// on the date, the level the frame approved.
async fn the_frame_on_the_effective_date(app: &App) {
    positions(
        app,
        &[("103", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    positions_from(
        app,
        d(2025, 1, 1),
        &[("107", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    let (a, _) = person(app, 40, "1990-01-01").await;
    let (b, _) = person(app, 41, "1991-01-01").await;
    let j = refused(
        &check(
            app,
            order("1/2567", "D01", json!({}), json!([appoint(&a, "101")])),
        )
        .await,
        &[("position.occupied", "actions[1].position_no")],
        "101 is held",
    );
    assert_eq!(j["section"], "§14(5)");
    refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([appoint(&a, "103"), appoint(&b, "103")]),
            ),
        )
        .await,
        &[("position.occupied", "actions[2].position_no")],
        "two people into 103 in one order",
    );
    refused(
        &check(
            app,
            order("1/2567", "D01", json!({}), json!([appoint(&a, "107")])),
        )
        .await,
        &[("action.position_unknown", "actions[1].position_no")],
        "107 is in the frame only from 2025",
    );
    // ... but on its first day it is.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([with(
                    appoint(&a, "107"),
                    "effective_date",
                    json!("2025-01-01")
                )]),
            ),
        )
        .await,
        "107 on its first day",
    );
    let j = refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([with(appoint(&a, "103"), "level", json!("professional"))]),
            ),
        )
        .await,
        &[("position.level_not_allowed", "actions[1].level")],
        "103 is ปฏิบัติการ, not ชำนาญการ",
    );
    assert_eq!(j["section"], "§14(5)");
    // A holder moved out by the same order frees the position that day.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([
                    {"kind": "move", "person": NID[1], "position_no": "103"},
                    appoint(&a, "102"),
                ]),
            ),
        )
        .await,
        "102's holder moves to 103 as a newcomer takes 102",
    );
}
