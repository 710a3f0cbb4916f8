//! Administration in a real browser at phone width (390 px), as the Office works: from the
//! header to the hub and the accounts, a new appointing authority linked to a person (a
//! refused first try keeps what was typed), its one-time password signs it in to choose its
//! own, which then leads to its work; disabled, it cannot sign in. Each page passes axe-core and fits the phone (`browser_a11y::check`).

use crate::browser::{browser, shots, sign_in};
use crate::browser_a11y::check;
use crate::fixture::{App, NID};
use crate::webdriver::Browser;

crate::on_every_backend!(the_office_makes_an_appointing_authority_who_signs_in_until_disabled);

const ESCAPE: &str = "\u{E00C}";

fn value_of(b: &Browser, id: &str) -> String {
    b.execute(&format!("return document.getElementById('{id}').value"))
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn sign_in_as(b: &Browser, base: &str, user: &str, password: &str) -> String {
    b.delete_cookies();
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", password);
    b.click("button[type=submit]");
    // The answer replaces the page: wait for it (a landing page, or the form with its error).
    for _ in 0..100 {
        if !b.url().contains("/login") || b.exists("div.error[role=alert]") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    b.url()
}

async fn the_office_makes_an_appointing_authority_who_signs_in_until_disabled(app: &App) {
    let base = format!("http://{}", app.addr);
    let result = tokio::task::spawn_blocking(move || {
        let Some(b) = browser(390, 844) else {
            return;
        };
        let mut problems: Vec<String> = Vec::new();
        sign_in(&b, &base, "admin");
        // The header leads to the hub, the hub to what the Office administers.
        b.click("#nav-admin");
        assert!(b.wait_for("#admin-links"));
        for link in [
            "#admin-accounts",
            "#admin-holidays",
            "#admin-kpk",
            "#admin-audit",
        ] {
            assert!(b.exists(link), "{link}");
        }
        problems.extend(check(&b, "/admin", false));
        b.click("#admin-accounts");
        assert!(b.wait_for("#accounts"));
        assert!(b.text("#accounts").contains("hr01"));
        problems.extend(check(&b, "/admin/accounts", false));
        b.goto(&format!("{base}/admin/accounts?lang=en"));
        problems.extend(check(&b, "/admin/accounts (en)", true));
        b.goto(&format!("{base}/admin/accounts?lang=th"));
        b.click("#new-account");
        assert!(b.wait_for("#account-new"));
        // A first try without the unit: refused in the page, with what was typed.
        b.type_into("#f-username", "director.d01");
        b.click("#f-role option[value=appointing_authority]");
        b.click("#f-office option[value=agency_head]");
        b.type_into("#f-person", NID[1]);
        b.type_into("#f-person", ESCAPE);
        b.click("#account-new button[type=submit]");
        assert!(b.wait_for("#problems"));
        assert!(
            b.exists("#problems li[data-field=scope]"),
            "{}",
            b.text("#problems")
        );
        assert!(b.text("#problems").contains("หน่วยงาน"));
        assert_eq!(value_of(&b, "f-username"), "director.d01");
        assert_eq!(value_of(&b, "f-person"), NID[1]);
        assert_eq!(value_of(&b, "f-office"), "agency_head");
        problems.extend(check(&b, "/admin/accounts (refused)", false));
        // With its unit: made, and its first password shown once.
        b.type_into("#f-scope", "D01");
        b.type_into("#f-scope", ESCAPE);
        b.click("#account-new button[type=submit]");
        assert!(b.wait_for("#new-password"));
        let password = b.text("#new-password");
        assert!(password.len() >= 12, "{password}");
        assert!(b.text("#fact-person").contains("สมศรี"));
        assert!(b.text("#fact-office").contains("หัวหน้าหน่วยงาน"));
        assert!(b.text("#fact-unit").contains("D01"));
        let action =
            b.execute("return document.getElementById('account-change').getAttribute('action')");
        let page = action.as_str().unwrap().to_string();
        problems.extend(check(&b, "/admin/accounts/{id}", false));
        b.screenshot(&shots().join("admin-account-made-phone.png"));
        // The new account signs in with it, and is first asked to choose its own password.
        let landed = sign_in_as(&b, &base, "director.d01", &password);
        assert!(
            landed.contains("/me/security"),
            "the new account changes its password first: {landed}"
        );
        assert!(b.exists("#must-change-password"));
        assert!(b.text("header").contains("director.d01"));
        problems.extend(check(&b, "/me/security (must change)", false));
        b.goto(&format!("{base}/people"));
        assert!(b.url().contains("/me/security"), "{}", b.url());
        // Typed twice differently: refused in the page; then the same twice: done.
        let own = "my-own-passphrase-2569";
        b.type_into("#password-current", &password);
        b.type_into("#password-new", own);
        b.type_into("#password-repeat", "my-own-passphrase-2568");
        b.click("#password-change button[type=submit]");
        assert!(b.wait_for("#error"));
        assert!(b.text("#error").contains("ไม่ตรงกัน"), "{}", b.text("#error"));
        b.type_into("#password-current", &password);
        b.type_into("#password-new", own);
        b.type_into("#password-repeat", own);
        b.click("#password-change button[type=submit]");
        assert!(b.wait_for("#password-changed"));
        problems.extend(check(&b, "/login?changed=1", false));
        let landed = sign_in_as(&b, &base, "director.d01", own);
        assert!(
            !landed.contains("/login") && !landed.contains("/me/security"),
            "the new account lands on its work: {landed}"
        );
        let password = own.to_string();
        // The Office disables it; it cannot sign in any more.
        sign_in(&b, &base, "admin");
        b.goto(&format!("{base}{page}"));
        b.click("#account-disable button");
        assert!(b.wait_for("#disabled-badge"));
        assert!(b.text("#notice").contains("ระงับ"));
        let landed = sign_in_as(&b, &base, "director.d01", &password);
        assert!(
            landed.contains("/login"),
            "a disabled account is refused: {landed}"
        );
        assert!(b.text("div.error[role=alert]").contains("ระงับ"));
        b.screenshot(&shots().join("admin-disabled-refused-phone.png"));
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
    })
    .await;
    result.unwrap();
}
