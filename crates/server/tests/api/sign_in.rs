//! Sign-in to ASVS level 2 (issue 21): attempts counted before they are checked (no race),
//! no account enumeration, no lockout an attacker can aim at someone, TOTP with recovery
//! codes, `--require-2fa`, sessions listed and ended, idle timeout, headers and cookies.

use bmahr_server::auth::second_factor::code_at;
use bmahr_server::Settings;

use crate::client::Response;
use crate::fixture::{App, PASSWORD};

crate::on_every_backend!(
    a_hundred_parallel_guesses_check_at_most_five,
    unknown_and_known_accounts_answer_alike,
    an_attacker_cannot_lock_a_person_out,
    two_step_sign_in_with_codes_and_recovery_codes,
    required_second_factor_sends_signers_to_enrol_first,
    sessions_are_listed_and_ended_by_owner_and_administrator,
    an_idle_session_ends,
    https_brings_hsts_and_secure_cookies,
    the_not_found_page_never_links_off_site,
    a_session_is_no_password_oracle,
    a_colleague_behind_the_same_address_cannot_lock_a_known_browser,
    an_api_token_of_an_unenrolled_signer_is_refused_under_require_2fa,
);

fn login_body(user: &str, password: &str, otp: Option<&str>) -> String {
    serde_json::json!({"username": user, "password": password, "otp": otp}).to_string()
}

async fn login_from(
    app: &App,
    src: &str,
    user: &str,
    password: &str,
    otp: Option<&str>,
) -> Response {
    let h = vec![("X-Forwarded-For".to_string(), src.to_string())];
    app.call(
        "POST",
        "/api/v1/login",
        h,
        Some(login_body(user, password, otp)),
    )
    .await
}

fn start_body(password: &str, code: Option<&str>) -> String {
    serde_json::json!({"password": password, "code": code}).to_string()
}

fn cookie(r: &Response, name: &str) -> String {
    r.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {:?}", r.headers))
}

/// The session cookie and CSRF token of a successful sign-in, as request headers.
fn session_headers(r: &Response) -> Vec<(String, String)> {
    assert_eq!(r.status, 200, "{}", r.body);
    vec![
        ("Cookie".into(), cookie(r, "bmahr_session")),
        (
            "X-CSRF-Token".into(),
            r.json()["csrf_token"].as_str().unwrap().to_string(),
        ),
    ]
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn a_hundred_parallel_guesses_check_at_most_five(app: &App) {
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let (addr, body) = (app.addr, login_body("hr01", &format!("guess-{i}"), None));
            tokio::task::spawn_blocking(move || {
                crate::client::request(
                    addr,
                    "POST",
                    "/api/v1/login",
                    &[("X-Forwarded-For", "203.0.113.7")],
                    Some(&body),
                )
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().status);
    }
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let paused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, paused), (5, 95), "{statuses:?}");
    let failed = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("login:hr01".into()),
            action: Some("login.failed".into()),
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(failed.len(), 5, "only five passwords were checked");
    // The 95 refusals are one tallied event or a few (one per second), not 95.
    let paused = |app: &App| {
        let store = app.store.clone();
        async move {
            store
                .audit(&bmahr_store::AuditQuery {
                    actor: Some("login:hr01".into()),
                    action: Some("login.paused".into()),
                    limit: 1000,
                    ..Default::default()
                })
                .await
                .unwrap()
        }
    };
    let mut tallied = paused(app).await;
    for _ in 0..40 {
        if !tallied.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        tallied = paused(app).await;
    }
    // Wait out the writer's second so every refusal is counted.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let tallied = paused(app).await;
    let counted: u32 = tallied
        .iter()
        .map(|e| {
            e.detail
                .split(" times")
                .next()
                .unwrap()
                .parse::<u32>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, 95, "{tallied:?}");
    assert!(
        tallied.len() <= 5,
        "{} events for 95 refusals",
        tallied.len()
    );
}

async fn unknown_and_known_accounts_answer_alike(app: &App) {
    let mut answers = Vec::new();
    for (user, src) in [("sup01", "198.51.100.1"), ("no-such-user", "198.51.100.2")] {
        let mut seen = Vec::new();
        for _ in 0..7 {
            let r = login_from(app, src, user, "wrong-password", None).await;
            seen.push((r.status, r.json()["code"].as_str().unwrap().to_string()));
        }
        answers.push(seen);
    }
    assert_eq!(
        answers[0], answers[1],
        "a known and an unknown name answer alike"
    );
    assert_eq!(answers[0][4].0, 401);
    assert_eq!(answers[0][5].0, 429);
}

async fn an_attacker_cannot_lock_a_person_out(app: &App) {
    for _ in 0..20 {
        login_from(app, "192.0.2.66", "admin", "wrong-password", None).await;
    }
    let r = login_from(app, "192.0.2.66", "admin", PASSWORD, None).await;
    assert_eq!(
        r.status, 429,
        "the attacker's address waits, even with the password"
    );
    // The administrator, from their own desk, signs in at once.
    let r = login_from(app, "10.20.30.40", "admin", PASSWORD, None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The browser is now known to the account (a device cookie).
    assert!(cookie(&r, "bmahr_device").len() > 20);
}

async fn two_step_sign_in_with_codes_and_recovery_codes(app: &App) {
    let src = "10.1.1.1";
    let h = session_headers(&login_from(app, src, "hr01", PASSWORD, None).await);
    let r = app
        .call(
            "POST",
            "/api/v1/me/2fa",
            h.clone(),
            Some(start_body(PASSWORD, None)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let secret = r.json()["secret"].as_str().unwrap().to_string();
    assert!(r.json()["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/BMAHR:hr01?"));
    // A wrong code does not turn it on; the current one does and gives ten recovery codes.
    let wrong = serde_json::json!({"code": "000000"}).to_string();
    let r = app
        .call("POST", "/api/v1/me/2fa/confirm", h.clone(), Some(wrong))
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let code = code_at(&secret, now()).unwrap();
    let body = serde_json::json!({"code": code}).to_string();
    let r = app
        .call("POST", "/api/v1/me/2fa/confirm", h.clone(), Some(body))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let recovery: Vec<String> = serde_json::from_value(r.json()["recovery_codes"].clone()).unwrap();
    assert_eq!(recovery.len(), 10);

    let r = login_from(app, src, "hr01", PASSWORD, None).await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (401, "auth.otp_required")
    );
    let r = login_from(app, src, "hr01", PASSWORD, Some("123456")).await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (401, "auth.otp_failed")
    );
    // The confirming step was used; the next step's code signs in, once.
    let next = code_at(&secret, now() + 30).unwrap();
    assert_eq!(
        login_from(app, src, "hr01", PASSWORD, Some(&next))
            .await
            .status,
        200
    );
    let r = login_from(app, src, "hr01", PASSWORD, Some(&next)).await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (401, "auth.otp_failed"),
        "replayed"
    );
    // A recovery code works once (written in capitals, without its dash, too).
    let typed = recovery[3].to_uppercase().replace('-', "");
    assert_eq!(
        login_from(app, src, "hr01", PASSWORD, Some(&typed))
            .await
            .status,
        200
    );
    assert_eq!(
        login_from(app, src, "hr01", PASSWORD, Some(&recovery[3]))
            .await
            .status,
        401
    );
    // A wrong password with a right code is still a wrong password.
    let later = code_at(&secret, now() + 60).unwrap();
    let r = login_from(app, src, "hr01", "not-the-password", Some(&later)).await;
    assert_eq!(r.json()["code"], "auth.failed");
    // A session alone cannot swap the factor: the password and a current code are asked.
    for (password, code, expected) in [
        ("not-the-password", None, "auth.failed"),
        (PASSWORD, None, "auth.otp_required"),
        (PASSWORD, Some("000000"), "auth.otp_failed"),
    ] {
        let body = start_body(password, code);
        let r = app
            .call("POST", "/api/v1/me/2fa", h.clone(), Some(body))
            .await;
        assert_eq!(
            (r.status, r.json()["code"].as_str().unwrap()),
            (401, expected)
        );
    }
    let state = app.get_as("hr01", "/api/v1/me/2fa").await.json();
    assert_eq!(
        (
            state["enabled"].as_bool(),
            state["recovery_codes_left"].as_i64()
        ),
        (Some(true), Some(9))
    );
    // The Office resets it (a lost phone): off, and every session ended.
    let r = app
        .call_as("hr02", "DELETE", "/api/v1/users/hr01/2fa", None)
        .await;
    assert_eq!(r.status, 403, "not another unit's HR officer");
    let r = app
        .call_as("admin", "DELETE", "/api/v1/users/hr01/2fa", None)
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(
        login_from(app, src, "hr01", PASSWORD, None).await.status,
        200
    );
    let actions: Vec<String> = app
        .store
        .audit(&bmahr_store::AuditQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "user.2fa_setup",
        "user.2fa_on",
        "user.2fa_off",
        "login.otp_failed",
        "login.recovery_code",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} audited");
    }
}

async fn required_second_factor_sends_signers_to_enrol_first(app: &App) {
    let strict = app
        .with_settings(Settings {
            require_2fa: true,
            ..Settings::default()
        })
        .await;
    let r = login_from(&strict, "", "admin", PASSWORD, None).await;
    assert_eq!(r.json()["must_enrol_2fa"], true);
    let h = session_headers(&r);
    let r = strict
        .call("GET", "/api/v1/people?q=x", h.clone(), None)
        .await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (403, "auth.2fa_enrol")
    );
    // The page takes them to the security page.
    let page = strict.call("GET", "/people", h[..1].to_vec(), None).await;
    assert_eq!(
        (page.status, page.header("location")),
        (303, Some("/me/security"))
    );
    let r = strict
        .call(
            "POST",
            "/api/v1/me/2fa",
            h.clone(),
            Some(start_body(PASSWORD, None)),
        )
        .await;
    let secret = r.json()["secret"].as_str().unwrap().to_string();
    let body = serde_json::json!({"code": code_at(&secret, now()).unwrap()}).to_string();
    assert_eq!(
        strict
            .call("POST", "/api/v1/me/2fa/confirm", h.clone(), Some(body))
            .await
            .status,
        200
    );
    assert_eq!(
        strict
            .call("GET", "/api/v1/people?q=x", h.clone(), None)
            .await
            .status,
        200
    );
    // Required: it cannot be turned off.
    let off = serde_json::json!({"password": PASSWORD}).to_string();
    let r = strict
        .call("POST", "/api/v1/me/2fa/off", h.clone(), Some(off))
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // An HR officer is not asked.
    let r = login_from(&strict, "", "hr01", PASSWORD, None).await;
    assert_eq!(r.json()["must_enrol_2fa"], false);
    strict.stop();
}

async fn sessions_are_listed_and_ended_by_owner_and_administrator(app: &App) {
    let a = session_headers(&login_from(app, "10.0.0.1", "hr01", PASSWORD, None).await);
    let b = session_headers(&login_from(app, "10.0.0.2", "hr01", PASSWORD, None).await);
    let list = app
        .call("GET", "/api/v1/me/sessions", a.clone(), None)
        .await
        .json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let current: Vec<bool> = list
        .iter()
        .map(|s| s["current"].as_bool().unwrap())
        .collect();
    assert_eq!(current.iter().filter(|c| **c).count(), 1);
    let other = list.iter().find(|s| s["address"] == "10.0.0.2").unwrap();
    let handle = other["handle"].as_str().unwrap();
    // Another account cannot end it; its owner can.
    let path = format!("/api/v1/me/sessions/{handle}");
    assert_eq!(app.call_as("hr02", "DELETE", &path, None).await.status, 404);
    assert_eq!(app.call("DELETE", &path, a.clone(), None).await.status, 204);
    assert_eq!(
        app.call("GET", "/api/v1/me/sessions", b.clone(), None)
            .await
            .status,
        401
    );
    assert_eq!(
        app.call("GET", "/api/v1/me/sessions", a.clone(), None)
            .await
            .status,
        200
    );
    // The Office's administrator ends every session of an account; no one else may.
    assert_eq!(
        app.call_as("hr02", "GET", "/api/v1/users/hr01/sessions", None)
            .await
            .status,
        403
    );
    let r = app
        .call_as("admin", "GET", "/api/v1/users/hr01/sessions", None)
        .await;
    assert_eq!(r.json().as_array().unwrap().len(), 1);
    let r = app
        .call_as("admin", "DELETE", "/api/v1/users/hr01/sessions", None)
        .await;
    assert_eq!(r.json()["ended"], 1);
    assert_eq!(
        app.call("GET", "/api/v1/me/sessions", a.clone(), None)
            .await
            .status,
        401
    );
}

async fn an_idle_session_ends(app: &App) {
    let short = app
        .with_settings(Settings {
            session_idle: chrono::Duration::seconds(2),
            ..Settings::default()
        })
        .await;
    let h = session_headers(&login_from(&short, "", "hr01", PASSWORD, None).await);
    assert_eq!(
        short
            .call("GET", "/api/v1/me/sessions", h.clone(), None)
            .await
            .status,
        200
    );
    // Past the idle time and the few seconds a credential is remembered in memory.
    tokio::time::sleep(bmahr_store::CREDENTIAL_TTL + std::time::Duration::from_secs(1)).await;
    assert_eq!(
        short
            .call("GET", "/api/v1/me/sessions", h, None)
            .await
            .status,
        401
    );
    short.stop();
}

async fn https_brings_hsts_and_secure_cookies(app: &App) {
    let r = login_from(app, "", "hr01", PASSWORD, None).await;
    assert!(
        r.header("strict-transport-security").is_none(),
        "not over plain http"
    );
    let set: Vec<&String> = r
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v)
        .collect();
    assert!(set.iter().all(|c| !c.contains("Secure")), "{set:?}");
    let tls = app
        .with_settings(Settings {
            public_url: Some("https://hr.bangkok.example".into()),
            ..Settings::default()
        })
        .await;
    let r = login_from(&tls, "", "hr01", PASSWORD, None).await;
    assert!(r
        .header("strict-transport-security")
        .unwrap()
        .contains("max-age=31536000"));
    let set: Vec<&String> = r
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v)
        .collect();
    assert!(
        set.len() >= 2 && set.iter().all(|c| c.contains("; Secure")),
        "{set:?}"
    );
    let page = tls.call("GET", "/login", vec![], None).await;
    assert!(page.header("set-cookie").unwrap().contains("Secure"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    tls.stop();
}

async fn the_not_found_page_never_links_off_site(app: &App) {
    for path in [
        "//evil.example/x",
        "//evil.example/x?q=1&lang=th",
        "/\\evil.example/x",
    ] {
        let r = app.call("GET", path, vec![], None).await;
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.body.contains("evil.example"),
            "{path} echoed: {}",
            r.body
        );
        let switch = r.body.split("id=\"lang-switch\"").next().unwrap();
        let href = switch.rsplit("href=\"").next().unwrap();
        assert!(
            href.starts_with('?'),
            "the language link stays on the page: {href}"
        );
    }
}

async fn a_session_is_no_password_oracle(app: &App) {
    let h = session_headers(&login_from(app, "10.7.7.7", "hr02", PASSWORD, None).await);
    let body =
        |cur: &str| serde_json::json!({"current": cur, "new": "a-new-long-passphrase"}).to_string();
    let mut statuses = Vec::new();
    for i in 0..7 {
        let r = app
            .call(
                "POST",
                "/api/v1/password",
                h.clone(),
                Some(body(&format!("guess-{i}"))),
            )
            .await;
        statuses.push(r.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429]);
    let r = app
        .call("POST", "/api/v1/password", h.clone(), Some(body(PASSWORD)))
        .await;
    assert_eq!(r.status, 429, "paused: even the right password waits");
    let failed = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("hr02".into()),
            action: Some("reauth.failed".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(failed.len(), 5);
}

async fn a_colleague_behind_the_same_address_cannot_lock_a_known_browser(app: &App) {
    let office = "10.50.0.1";
    let r = login_from(app, office, "sup01", PASSWORD, None).await;
    let device = cookie(&r, "bmahr_device");
    for _ in 0..8 {
        login_from(app, office, "sup01", "wrong-password", None).await;
    }
    assert_eq!(
        login_from(app, office, "sup01", PASSWORD, None)
            .await
            .status,
        429
    );
    let h = vec![
        ("X-Forwarded-For".to_string(), office.to_string()),
        ("Cookie".to_string(), device),
    ];
    let r = app
        .call(
            "POST",
            "/api/v1/login",
            h,
            Some(login_body("sup01", PASSWORD, None)),
        )
        .await;
    assert_eq!(r.status, 200, "their own browser: {}", r.body);
}

async fn an_api_token_of_an_unenrolled_signer_is_refused_under_require_2fa(app: &App) {
    let strict = app
        .with_settings(Settings {
            require_2fa: true,
            ..Settings::default()
        })
        .await;
    let r = strict.get_as("admin", "/api/v1/audit").await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (403, "auth.2fa_enrol")
    );
    let r = strict
        .call_as("admin", "DELETE", "/api/v1/users/hr01/2fa", None)
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(strict.get_as("admin", "/api/v1/me/2fa").await.status, 200);
    assert_eq!(strict.get_as("hr01", "/api/v1/units").await.status, 200);
    strict.stop();
}
