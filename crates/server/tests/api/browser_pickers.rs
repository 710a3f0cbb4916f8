//! Pickers in a real browser at phone width: a discipline officer, who sees national IDs
//! masked, opens a case by typing a name and choosing with the keyboard; the card beside
//! the field shows the person's unit, position and salary. Without choosing, the typed name
//! is resolved on the server, and a name that fits two people is refused on the form with
//! both. The search results show unit and position.

use crate::browser::{browser, shots};
use crate::fixture::{App, PASSWORD};
use crate::webdriver::Browser;

crate::on_every_backend!(a_discipline_officer_opens_a_case_by_picking_a_name);

const DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

fn sign_in(b: &Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", PASSWORD);
    b.click("button[type=submit]");
    b.wait_for_url(|u| !u.contains("/login"));
}

/// The rest of a discipline case's form.
fn fill_case(b: &Browser) {
    b.type_into("#f-source", "หนังสือร้องเรียน");
    b.click("#f-category option[value=behaviour]");
    b.type_into("#f-received_on", "5/1/2569");
    b.type_into("#f-allegation", "ประพฤติตนไม่เหมาะสม");
}

async fn a_discipline_officer_opens_a_case_by_picking_a_name(app: &App) {
    let base = format!("http://{}", app.addr);
    let (p0, p1) = (app.person[0], app.person[1]);
    let result = tokio::task::spawn_blocking(move || {
        let Some(b) = browser(390, 844) else {
            return;
        };
        sign_in(&b, &base, "disc01");
        b.goto(&format!("{base}/cases/new?kind=discipline&lang=th"));
        assert!(b.exists("#f-person[data-pick=person]"));
        // Typing a name offers the people it fits, in a listbox the field controls.
        b.type_into("#f-person", "สม");
        assert!(
            b.wait_for("#f-person-list li[role=option]"),
            "{}",
            b.text("main")
        );
        assert!(
            b.exists("#f-person[role=combobox][aria-expanded=true][aria-controls=f-person-list]")
        );
        assert!(
            b.wait_for_text("#f-person-list", "สมศรี"),
            "{}",
            b.text("#f-person-list")
        );
        let offered = b.text("#f-person-list");
        assert!(
            offered.contains("สมชาย") && offered.contains("D01-ADM"),
            "{offered}"
        );
        // Down, down, enter: the second, สมศรี.
        b.type_into("#f-person", DOWN);
        assert!(b.exists("#f-person-list li[aria-selected=true]"));
        b.type_into("#f-person", DOWN);
        b.type_into("#f-person", ENTER);
        assert!(
            b.wait_for_text("#f-person-card", "15,000.00"),
            "{}",
            b.text("main")
        );
        let card = b.text("#f-person-card");
        assert!(
            card.contains("สมศรี")
                && card.contains("D01-ADM")
                && card.contains("102")
                && card.contains("ปฏิบัติการ"),
            "{card}"
        );
        assert!(b.exists("#f-person[aria-expanded=false]"));
        assert!(!b.displayed("#f-person-list"));
        b.screenshot(&shots().join("picker-person-phone.png"));
        fill_case(&b);
        b.click("#open-case");
        let landed = b.wait_for_url(|u| u.contains("/cases/") && !u.ends_with("/new"));
        assert!(b.wait_for("#case-id"), "{landed}: {}", b.text("main"));
        assert!(
            b.exists(&format!("a[href='/people/{p1}']")),
            "the case names สมศรี: {}",
            b.text("main")
        );
        // A name typed whole, not chosen (as without script): resolved on the server.
        b.goto(&format!("{base}/cases/new?kind=discipline"));
        b.type_into("#f-person", "สมชาย ใจดี");
        b.type_into("#f-person", ESCAPE);
        fill_case(&b);
        b.click("#open-case");
        b.wait_for_url(|u| u.contains("/cases/") && !u.ends_with("/new"));
        assert!(b.wait_for("#case-id"), "{}", b.text("main"));
        assert!(
            b.exists(&format!("a[href='/people/{p0}']")),
            "{}",
            b.text("main")
        );
        // Two people fit: refused on the form, both offered with their position.
        b.goto(&format!("{base}/cases/new?kind=discipline"));
        b.type_into("#f-person", "สม");
        b.type_into("#f-person", ESCAPE);
        fill_case(&b);
        b.click("#open-case");
        assert!(b.wait_for("#problems"), "{}", b.text("main"));
        assert!(
            b.exists("#problems li[data-code='pick.ambiguous']"),
            "{}",
            b.text("#problems")
        );
        let problem = b.text("#problems");
        assert!(
            problem.contains(&format!("#{p0}"))
                && problem.contains(&format!("#{p1}"))
                && problem.contains("102"),
            "{problem}"
        );
        b.screenshot(&shots().join("picker-ambiguous-phone.png"));
        // Search results: unit and position beside the name.
        b.goto(&format!("{base}/people?q=%E0%B8%AA%E0%B8%A1"));
        let rows = b.text("#results");
        assert!(
            rows.contains("D01-ADM") && rows.contains("101 นักทรัพยากรบุคคล") && rows.contains("102"),
            "{rows}"
        );
    })
    .await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}
