//! The unit tree and a unit's positions in a real browser, at phone width.

use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, WriteMeta};

use crate::browser::{browser, shots, sign_in};
use crate::fixture::App;

crate::on_every_backend!(officer_browses_the_unit_tree_and_a_units_positions_on_a_phone);

async fn officer_browses_the_unit_tree_and_a_units_positions_on_a_phone(app: &App) {
    // A vacant position beside the two held ones of D01-ADM.
    app.store
        .create_positions(
            &[NewPosition {
                position_no: "103".into(),
                unit_code: "D01-ADM".into(),
                category: Category::Ordinary,
                level: Level::Professional,
                line_of_work: "นักวิชาการคอมพิวเตอร์".into(),
                admin_title: String::new(),
                validity: Validity {
                    from: ThaiDate::from_ce(2000, 1, 1).unwrap(),
                    to: None,
                },
                approval_ref: "มติ ก.ก. 2/2543".into(),
            }],
            &WriteMeta {
                actor: "setup".into(),
                at: "2020-01-01T00:00:00Z".into(),
                reason: "test".into(),
                request_ref: None,
            },
        )
        .await
        .unwrap();
    let base = format!("http://{}", app.addr);
    tokio::task::spawn_blocking(move || {
        let Some(b) = browser(390, 844) else {
            return;
        };
        sign_in(&b, &base, "hr01");
        b.goto(&format!("{base}/units"));
        // D01 counts the positions of its section: 3 in the frame, 2 filled, 1 vacant.
        assert_eq!(b.text("#unit-D01 .frame"), "3");
        assert_eq!(b.text("#unit-D01 .filled"), "2");
        assert_eq!(b.text("#unit-D01 .vacant-count"), "1");
        assert!(!b.exists("#unit-D02"), "D02 is outside hr01's scope");
        b.screenshot(&shots().join("units-phone.png"));
        b.click("#unit-D01-ADM a");
        b.wait_for_url(|u| u.contains("/units/D01-ADM"));
        assert!(b.text("#unit-name").contains("D01-ADM"));
        let all = b.text("#positions");
        assert!(all.contains("101") && all.contains("นายสมชาย ใจดี"), "{all}");
        b.screenshot(&shots().join("unit-phone.png"));
        b.click("#only-vacant");
        b.wait_for_url(|u| u.contains("vacant=true"));
        let vacant = b.text("#positions");
        assert!(
            vacant.contains("103") && vacant.contains("ว่าง") && !vacant.contains("101"),
            "{vacant}"
        );
        b.screenshot(&shots().join("unit-vacant-phone.png"));
        // The other pages of the menu, at the same width.
        b.click("header nav a[href='/retirements']");
        b.wait_for_url(|u| u.contains("/retirements"));
        assert!(b.exists("#retirees"));
        b.screenshot(&shots().join("retirements-phone.png"));
        // The Office's holiday form and audit search.
        b.click("header form button");
        b.wait_for_url(|u| u.ends_with("/login"));
        sign_in(&b, &base, "admin");
        // No year in the address: the redirect after the form adds it (a signal to wait for).
        b.goto(&format!("{base}/holidays"));
        b.type_into("#add-holiday input[name=date]", "13/04/2569");
        b.type_into("#add-holiday input[name=name_th]", "วันสงกรานต์");
        b.type_into("#add-holiday input[name=name_en]", "Songkran");
        b.click("#add-holiday button");
        b.wait_for_url(|u| u.contains("/holidays?year=2569"));
        assert!(
            b.text("#holidays").contains("วันสงกรานต์"),
            "{}",
            b.text("#holidays")
        );
        b.screenshot(&shots().join("holidays-phone.png"));
        b.goto(&format!("{base}/audit?actor=admin"));
        assert!(
            b.text("#events").contains("กำหนดวันหยุด"),
            "{}",
            b.text("#events")
        );
        b.screenshot(&shots().join("audit-phone.png"));
    })
    .await
    .unwrap();
}
