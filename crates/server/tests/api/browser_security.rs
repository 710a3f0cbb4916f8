//! Account security in a real browser, under the strict Content-Security-Policy: a signer
//! made to turn on two-step sign-in scans (reads) the secret, confirms a code, gets recovery
//! codes, and signs in again with a code; the pages' one script runs from its file.

use bmahr_server::auth::second_factor::code_at;
use bmahr_server::Settings;

use crate::browser::{browser, shots};
use crate::fixture::{App, PASSWORD};

crate::on_every_backend!(a_signer_turns_on_two_step_sign_in_in_the_browser);

async fn a_signer_turns_on_two_step_sign_in_in_the_browser(app: &App) {
    let strict = app
        .with_settings(Settings {
            require_2fa: true,
            ..Settings::default()
        })
        .await;
    let base = format!("http://{}", strict.addr);
    let result = tokio::task::spawn_blocking(move || {
        let Some(b) = browser(1280, 900) else {
            return;
        };
        b.goto(&format!("{base}/login"));
        b.type_into("#username", "admin");
        b.type_into("#password", PASSWORD);
        b.click("button[type=submit]");
        let landed = b.wait_for_url(|u| u.contains("/me/security"));
        assert!(landed.ends_with("/me/security"), "landed on {landed}");
        assert!(b.exists("#must-enrol"));
        // Any other page sends the account back here until it has a second factor.
        b.goto(&format!("{base}/people"));
        assert!(b
            .wait_for_url(|u| u.ends_with("/me/security"))
            .ends_with("/me/security"));
        b.type_into("#start-password", PASSWORD);
        b.click("#two-step-start button");
        assert!(b.wait_for("#totp-secret"));
        assert!(b.exists("#qr svg"), "a QR code to scan");
        b.screenshot(&shots().join("two-step-setup.png"));
        let secret: String = b.text("#totp-secret").split_whitespace().collect();
        let now = chrono::Utc::now().timestamp();
        b.type_into("#code", &code_at(&secret, now).unwrap());
        b.click("#two-step-confirm button");
        assert!(b.wait_for("#recovery-codes"));
        assert_eq!(b.text("#recovery-codes ul").lines().count(), 10);
        b.screenshot(&shots().join("two-step-recovery-codes.png"));
        // Now the rest of bmahr opens; the order form's script (from /static/app.js, the only
        // script the CSP allows) shows each row only the fields of its kind.
        b.goto(&format!("{base}/orders/new"));
        assert!(b.wait_for("select[name^=kind_]"));
        b.click("select[name=kind_1] option[value=appoint]");
        assert!(
            !b.displayed("label[data-kinds=separate]"),
            "the script ran and hid the separation field of an appointment row"
        );
        // Sign out, and back in with the next code.
        b.goto(&format!("{base}/"));
        b.click("header form button");
        b.wait_for_url(|u| u.ends_with("/login"));
        b.type_into("#username", "admin");
        b.type_into("#password", PASSWORD);
        b.type_into("#otp", &code_at(&secret, now + 30).unwrap());
        b.click("button[type=submit]");
        let landed = b.wait_for_url(|u| !u.contains("/login"));
        assert!(landed.ends_with('/'), "signed in with a code: {landed}");
        b.goto(&format!("{base}/me/security"));
        assert!(b.exists("#sessions tr.current"));
        b.screenshot(&shots().join("security-page.png"));
    })
    .await;
    result.unwrap();
    strict.stop();
}
