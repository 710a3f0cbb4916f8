//! Every page, for the role that works on it, in a real browser at phone width (390 px):
//! axe-core finds no violation, nothing scrolls sideways, and the English page has no Thai in
//! its heading or menu (names of the Act's bodies, ก.ก. and ก.พ.ค., aside).
//! Headless Chromium keeps windows at least 500 px wide: the phone is emulated
//! (`Browser::start_phone`), so the layout really is 390 CSS pixels wide.
//!
//! axe-core (MPL-2.0, `tests/assets/axe.min.js`, its licence header kept) is injected into
//! each page through WebDriver, which is not bound by the page's CSP.
//!
//! Runs on SQLite only: the pages are the same whichever database answers them, and one pass
//! over every page in two languages is the longest browser test (see `PAGES`).

use serde_json::json;

use crate::browser::shots;
use crate::fixture::{App, NID, PASSWORD};
use crate::orders::{order, post_as};
use crate::webdriver::{chromedriver, Browser};

const AXE: &str = include_str!("../assets/axe.min.js");

/// Every page a GET can open, as the role that uses it: (user, path). `{person}` is a
/// person of D01, `{other}` one of D02 (refused to D01's officer: the error page),
/// `{account}` hr01's account, `{draft}` a draft awaiting signature, `{order}` a signed order, `{case}` a case file.
/// A new page is one line here.
const PAGES: &[(&str, &str)] = &[
    ("", "/login"),
    ("hr01", "/"),
    ("hr01", "/people?q=%E0%B8%AA%E0%B8%A1"),
    ("hr01", "/people/{person}"),
    ("hr01", "/people/{other}"),
    ("hr01", "/units"),
    ("hr01", "/units/D01-ADM"),
    ("hr01", "/retirements"),
    ("hr01", "/retirements/forecast"),
    ("hr01", "/holidays"),
    ("hr01", "/orders"),
    ("hr01", "/orders/new"),
    ("hr01", "/orders/drafts/{draft}"),
    ("hr01", "/orders/{order}"),
    ("hr01", "/pick/people?q=%E0%B8%AA%E0%B8%A1"),
    ("hr01", "/pick/positions?q=10"),
    ("hr01", "/pick/units?q=D01"),
    ("hr01", "/me/security"),
    ("hr01", "/notifications"),
    ("auth01", "/"),
    ("auth01", "/orders/drafts/{draft}"),
    ("admin", "/audit?actor=admin"),
    ("admin", "/reports/annual"),
    ("admin", "/admin"),
    ("admin", "/admin/accounts"),
    ("admin", "/admin/accounts/new"),
    ("admin", "/admin/accounts/{account}"),
    ("aud", "/audit"),
    (
        "aud",
        "/audit?person=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2",
    ),
    ("disc01", "/cases"),
    ("disc01", "/cases/new"),
    ("disc01", "/cases/{case}"),
    ("disc01", "/deadlines"),
    ("disc01", "/reports/discipline"),
    ("kpk", "/kpk-named"),
    ("kpk", "/deadlines"),
    ("emp0", "/me"),
    ("emp0", "/people/{person}"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_and_fits_a_phone() {
    let db = bmahr_store::testing::TestDb::new(bmahr_store::Backend::Sqlite)
        .await
        .expect("test database");
    let app = App::start(db.store.clone()).await;
    let ids = facts(&app).await;
    let base = format!("http://{}", app.addr);
    tokio::task::spawn_blocking(move || {
        assert!(
            chromedriver().is_some(),
            "the browser tests need Debian's Chromium: apt install chromium chromium-driver"
        );
        let b = Browser::start_phone(390, 844);
        // A page with `width=device-width` is laid out at the phone's width.
        b.goto(&format!("{base}/login"));
        let width = b.execute("return window.innerWidth;");
        assert_eq!(width, json!(390), "the viewport of a phone");
        let mut failures: Vec<String> = Vec::new();
        let mut who = "";
        for (user, path) in PAGES {
            if *user != who {
                b.delete_cookies();
                if !user.is_empty() {
                    sign_in(&b, &base, user);
                }
                who = user;
            }
            let template = *path;
            let path = ids.fill(path);
            for lang in ["th", "en"] {
                let sep = if path.contains('?') { '&' } else { '?' };
                b.goto(&format!("{base}{path}{sep}lang={lang}"));
                let at = format!("{user} {path} ({lang})");
                failures.extend(check(&b, &at, lang == "en"));
                // Each page is the page itself, but the refusal that is the error page.
                let refused = template.contains("{other}");
                if b.exists("#error") != refused {
                    failures.push(format!("{at}: error page {}", !refused));
                }
            }
        }
        b.screenshot(&shots().join("a11y-last-phone.png"));
        assert!(
            failures.is_empty(),
            "{} problems:\n{}",
            failures.len(),
            failures.join("\n")
        );
    })
    .await
    .unwrap();
    app.stop();
    db.finish().await;
}

/// The ids the pages need, made through the API as the users would.
struct Ids {
    person: i64,
    other: i64,
    draft: i64,
    order: i64,
    case: i64,
    account: i64,
}

impl Ids {
    fn fill(&self, path: &str) -> String {
        path.replace("{person}", &self.person.to_string())
            .replace("{other}", &self.other.to_string())
            .replace("{draft}", &self.draft.to_string())
            .replace("{order}", &self.order.to_string())
            .replace("{case}", &self.case.to_string())
            .replace("{account}", &self.account.to_string())
    }
}

async fn facts(app: &App) -> Ids {
    let draft = order(
        "90/2569",
        "D01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "15,500"}]),
    );
    let r = post_as(app, "hr01", "/api/v1/drafts", draft).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let draft = r.json()["id"].as_i64().unwrap();
    let case = json!({"person": NID[0], "case": {"kind": "discipline", "source": "หนังสือร้องเรียน",
        "category": "procurement", "allegation": "ทดสอบ", "received_on": "2026-01-05"}});
    let r = post_as(app, "disc01", "/api/v1/cases", case.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let case = r.json()["id"].as_i64().unwrap();
    // The fixture's first signed order (1/2553, D01).
    let r = app.get_as("hr01", "/api/v1/orders/1").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let account = app.store.user_by_name("hr01").await.unwrap().0.id;
    Ids {
        account,
        person: app.person[0],
        other: app.person[2],
        draft,
        order: 1,
        case,
    }
}

fn sign_in(b: &Browser, base: &str, user: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", PASSWORD);
    b.click("button[type=submit]");
    let landed = b.wait_for_url(|u| !u.contains("/login"));
    assert!(!landed.contains("/login"), "{user} stayed on {landed}");
}

/// What is wrong with the page shown: axe's violations, a sideways scroll, Thai left in an
/// English heading or menu.
pub(crate) fn check(b: &Browser, at: &str, en: bool) -> Vec<String> {
    let mut out = Vec::new();
    b.execute(AXE);
    let found = b.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {resultTypes: ['violations']})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
           .catch(e => done([{id: 'axe-error', impact: 'error', help: String(e), targets: []}]));",
        60_000,
    );
    for v in found.as_array().cloned().unwrap_or_default() {
        out.push(format!(
            "{at}: axe {} [{}] {} at {}",
            v["id"].as_str().unwrap_or(""),
            v["impact"].as_str().unwrap_or(""),
            v["help"].as_str().unwrap_or(""),
            v["targets"]
        ));
    }
    let wide = b.execute(
        "const w = document.documentElement.scrollWidth, v = window.innerWidth;
         if (w <= v + 1) return '';
         const over = [...document.querySelectorAll('body *')]
           .filter(e => e.getBoundingClientRect().right > v + 1)
           .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
         return w + ' > ' + v + ': ' + over.join(', ');",
    );
    if let Some(w) = wide.as_str().filter(|w| !w.is_empty()) {
        out.push(format!("{at}: wider than the phone, {w}"));
    }
    if en {
        let thai = b.execute(
            "const t = [...document.querySelectorAll('h1, header nav')]
               .map(e => e.textContent).join(' | ');
             return /[\\u0E00-\\u0E7F]/.test(t.replaceAll('ก.พ.ค.', '').replaceAll('ก.ก.', '')) ? t : '';",
        );
        if let Some(t) = thai.as_str().filter(|t| !t.is_empty()) {
            out.push(format!("{at}: Thai left in English: {t}"));
        }
    }
    out
}
