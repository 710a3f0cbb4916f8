//! The pages in a real browser: Debian's headless Chromium driven through WebDriver.
//! They need `apt install chromium chromium-driver` (`.ci/run` does it); without them they
//! fail, saying so, rather than pass unrun.

use crate::fixture::{App, PASSWORD};
use crate::webdriver::{chromedriver, Browser};

crate::on_every_backend!(
    officer_signs_in_searches_opens_a_profile_and_signs_out,
    scoped_officer_is_refused_another_district
);

pub(crate) fn browser(width: u32, height: u32) -> Option<Browser> {
    assert!(
        chromedriver().is_some(),
        "the browser tests need Debian's Chromium: apt install chromium chromium-driver"
    );
    Some(Browser::start(width, height))
}

pub(crate) fn shots() -> std::path::PathBuf {
    let d = std::env::temp_dir().join("bmahr_screens");
    let _ = std::fs::create_dir_all(&d);
    d
}

pub(crate) fn sign_in(b: &Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", PASSWORD);
    b.click("button[type=submit]");
    // Each role lands on its own work (the dashboard, the deadline board, one's record).
    let landed = b.wait_for_url(|u| !u.contains("/login"));
    assert!(!landed.contains("/login"), "{user} landed on {landed}");
}

async fn officer_signs_in_searches_opens_a_profile_and_signs_out(app: &App) {
    let base = format!("http://{}", app.addr);
    let person = app.person[1];
    let result = tokio::task::spawn_blocking(move || {
        // Phone width: every step works at 390 px.
        let Some(b) = browser(390, 844) else {
            return;
        };
        sign_in(&b, &base, "hr01");
        assert_eq!(b.text("#in-service"), "2", "D01 has two people in service");
        b.screenshot(&shots().join("dashboard-phone.png"));
        // Search by a Thai fragment of two characters.
        b.goto(&format!("{base}/people"));
        b.type_into("input[name=q]", "สม");
        b.click("form.search button");
        b.wait_for_url(|u| u.contains("q="));
        assert!(b.text("#total").contains('2'), "{}", b.text("#total"));
        b.screenshot(&shots().join("search-phone.png"));
        b.goto(&format!("{base}/people/{person}"));
        assert_eq!(b.text("#person-name"), "นายสมศรี มีสุข");
        assert_eq!(
            b.text("#national-id"),
            "3-1006-00123-45-0",
            "an HR officer sees the full ID"
        );
        assert!(
            b.text("#timeline").contains("บรรจุ"),
            "{}",
            b.text("#timeline")
        );
        // The English switch.
        b.goto(&format!("{base}/people/{person}?lang=en"));
        assert!(
            b.text("#timeline").contains("appointment"),
            "{}",
            b.text("#timeline")
        );
        b.screenshot(&shots().join("profile-phone-en.png"));
        b.goto(&format!("{base}/?lang=th"));
        b.click("header form button");
        let out = b.wait_for_url(|u| u.ends_with("/login"));
        assert!(out.ends_with("/login"), "signed out to {out}");
        b.goto(&format!("{base}/people"));
        assert!(b.url().ends_with("/login"), "the session is over");
    })
    .await;
    result.unwrap();
    // Opening the profile was recorded.
    let seen = app
        .store
        .audit(&bmahr_store::AuditQuery {
            person_id: Some(person),
            actor: Some("hr01".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(seen.iter().any(|e| e.action == "person.view"));
}

async fn scoped_officer_is_refused_another_district(app: &App) {
    let base = format!("http://{}", app.addr);
    let other = app.person[0];
    tokio::task::spawn_blocking(move || {
        let Some(b) = browser(1280, 900) else {
            return;
        };
        sign_in(&b, &base, "hr02");
        b.goto(&format!("{base}/people/{other}"));
        assert!(b.exists("#error"), "a refusal page at {}", b.url());
        assert!(b.text("#error").contains("ไม่มีสิทธิ์"), "{}", b.text("#error"));
        b.screenshot(&shots().join("refused.png"));
    })
    .await
    .unwrap();
    let denied = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("hr02".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(denied.iter().any(|e| e.action == "access.denied"));
}
