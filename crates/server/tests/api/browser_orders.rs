//! An order's round trip in a real browser at phone width: the HR officer drafts by picking a
//! person by name (the row shows only its kind's fields, and after a check the person's place
//! now beside the new one), adds a row without a reload; the appointing authority sends it
//! back with a note; the officer hears of it by the bell, edits and resubmits; the authority
//! signs after a confirmation showing old → new.

use crate::browser::{browser, shots};
use crate::fixture::{App, PASSWORD};
use crate::webdriver::Browser;

crate::on_every_backend!(an_order_goes_back_for_correction_and_is_signed_in_the_browser);

const DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";

fn sign_in(b: &Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", PASSWORD);
    b.click("button[type=submit]");
    b.wait_for_url(|u| !u.contains("/login"));
}

fn sign_out(b: &Browser) {
    b.click("header form button");
    b.wait_for_url(|u| u.ends_with("/login"));
}

async fn an_order_goes_back_for_correction_and_is_signed_in_the_browser(app: &App) {
    let base = format!("http://{}", app.addr);
    let result = tokio::task::spawn_blocking(move || {
        let Some(b) = browser(390, 844) else {
            return;
        };
        sign_in(&b, &base, "hr01");
        b.goto(&format!("{base}/orders/new"));
        b.type_into("input[name=number]", "81/2569");
        b.type_into("input[name=signed_by]", "นายผู้มีอำนาจ ลงนาม");
        b.type_into("input[name=authority]", "ผู้อำนวยการเขต");
        b.type_into("input[name=reason]", "เลื่อนเงินเดือน");
        // Before a kind is chosen a row asks only for the kind and the person; a salary
        // change then shows the salary, not the position nor the §43 declaration.
        assert!(b.displayed("select[name=kind_1]"));
        assert!(!b.displayed("input[name=salary_1]"));
        assert!(!b.displayed("select[name=penalty_1]"));
        b.click("select[name=kind_1] option[value=salary_change]");
        assert!(b.displayed("input[name=salary_1]"));
        assert!(!b.displayed("input[name=position_no_1]"));
        assert!(!b.displayed("input[name=eligible_1]"));
        // The person by name, chosen with the keyboard.
        b.type_into("input[name=person_1]", "สมชาย");
        assert!(b.wait_for("#row-1 li[role=option]"), "{}", b.text("#row-1"));
        b.type_into("input[name=person_1]", DOWN);
        b.type_into("input[name=person_1]", ENTER);
        assert!(
            b.wait_for_text("#row-1 [data-pick-card]", "15,000.00"),
            "{}",
            b.text("#row-1")
        );
        b.type_into("input[name=salary_1]", "16000");
        // A row added by script: no reload, the page stays where it was.
        let before = b.url();
        b.click("#add-row");
        assert!(b.wait_for("#row-4"), "{}", b.text("main"));
        assert_eq!(b.url(), before, "no reload");
        assert!(b.displayed("select[name=kind_4]"));
        assert!(
            !b.displayed("input[name=salary_4]"),
            "no kind yet, no salary"
        );
        b.click("#check");
        assert!(b.wait_for("#checked-ok"), "{}", b.text("main"));
        let change = b.text("#change-1");
        assert!(
            change.contains("15,000.00") && change.contains("16,000.00"),
            "{change}"
        );
        b.screenshot(&shots().join("order-form-checked-phone.png"));
        b.click("#save");
        b.wait_for_url(|u| u.contains("/orders/drafts/"));
        let draft = b.url();
        sign_out(&b);

        // The authority sends it back.
        sign_in(&b, &base, "auth01");
        assert!(b.wait_for("#work a"), "the draft is on the home page");
        b.click("#work a");
        b.wait_for_url(|u| u.contains("/orders/drafts/"));
        assert!(b.text("#actions").contains("→"), "{}", b.text("#actions"));
        b.click("#return-box summary");
        b.type_into("textarea[name=note]", "ตรวจเลขที่คำสั่งอีกครั้ง");
        b.click("#return");
        assert!(b.wait_for("#returned-note"), "{}", b.text("main"));
        sign_out(&b);

        // The officer sees the bell, opens the digest, edits and resubmits.
        sign_in(&b, &base, "hr01");
        assert!(b.wait_for_text("#bell-count", "1"), "{}", b.text("header"));
        b.click("#bell");
        b.wait_for_url(|u| u.contains("/notifications"));
        assert!(
            b.text("#notices").contains("ตรวจเลขที่คำสั่งอีกครั้ง"),
            "{}",
            b.text("main")
        );
        b.click("#notices a");
        b.wait_for_url(|u| u.contains("/orders/drafts/"));
        b.click("#edit-draft");
        b.wait_for_url(|u| u.ends_with("/edit"));
        assert!(b.text("#returned-note").contains("ตรวจเลขที่"));
        b.clear("input[name=number]");
        b.type_into("input[name=number]", "82/2569");
        b.click("#save");
        b.wait_for_url(|u| !u.ends_with("/edit"));
        assert_eq!(b.url(), draft);
        assert!(
            b.text("#versions").contains("เลขที่"),
            "{}",
            b.text("#versions")
        );
        sign_out(&b);

        // The authority signs after confirming.
        sign_in(&b, &base, "auth01");
        b.goto(&draft);
        b.click("#sign");
        assert!(b.wait_for("#confirm-sign"), "{}", b.text("main"));
        b.screenshot(&shots().join("order-confirm-phone.png"));
        b.click("#confirm-sign");
        b.wait_for_url(|u| u.contains("/orders/") && !u.contains("drafts"));
        assert!(b.text("#order-number").contains("82/2569"));
    })
    .await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}
