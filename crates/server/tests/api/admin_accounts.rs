//! Accounts administered by the Office through the API (`/api/v1/accounts`): who may, the
//! account's shape checked field by field, a one-time password that signs in, a stale
//! change refused (409), disabling that stops sign-in, sessions and tokens at once, a reset
//! password that ends sessions, and every change in the audit log with its words.

use serde_json::{json, Value};

use crate::fixture::{App, NID, PASSWORD};

crate::on_every_backend!(
    only_the_office_administers_accounts,
    an_account_is_checked_field_by_field,
    a_new_appointing_authority_signs_in_and_a_stale_change_is_refused,
    disabling_stops_sign_in_sessions_and_tokens_at_once,
    a_reset_password_ends_the_sessions,
    accounts_are_listed_filtered_and_paged,
    the_pages_refuse_inside_the_page_and_keep_what_was_typed,
    a_password_an_administrator_set_is_changed_before_anything_else
);

async fn login(app: &App, user: &str, password: &str) -> crate::client::Response {
    app.call(
        "POST",
        "/api/v1/login",
        vec![("X-Forwarded-For".into(), "192.0.2.10".into())],
        Some(json!({"username": user, "password": password}).to_string()),
    )
    .await
}

/// The session cookie a sign-in set.
fn session_of(r: &crate::client::Response) -> String {
    r.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("bmahr_session="))
        .expect("a session cookie")
}

async fn get_with_cookie(app: &App, cookie: &str, path: &str) -> crate::client::Response {
    app.call("GET", path, vec![("Cookie".into(), cookie.into())], None)
        .await
}

/// An administrator's action on an account (`enable`, `disable`, `password`), on the version
/// just read.
async fn act_on(app: &App, id: i64, what: &str) -> crate::client::Response {
    let v = app
        .get_as("admin", &format!("/api/v1/accounts/{id}"))
        .await
        .json()["version"]
        .clone();
    app.call_as(
        "admin",
        "POST",
        &format!("/api/v1/accounts/{id}/{what}"),
        Some(json!({"version": v}).to_string()),
    )
    .await
}

async fn create(app: &App, body: Value) -> crate::client::Response {
    app.call_as("admin", "POST", "/api/v1/accounts", Some(body.to_string()))
        .await
}

fn fields(r: &crate::client::Response) -> Vec<String> {
    r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

async fn only_the_office_administers_accounts(app: &App) {
    let target = app.get_as("admin", "/api/v1/accounts?q=hr02").await.json()["items"][0].clone();
    let id = target["id"].as_i64().unwrap();
    for user in ["hr01", "auth01", "aud", "kpk", "emp0", "discbma"] {
        let r = app.get_as(user, "/api/v1/accounts").await;
        assert_eq!(r.status, 403, "{user}: {}", r.body);
        let body = json!({"username": format!("by.{user}"), "role": "auditor"}).to_string();
        let r = app
            .call_as(user, "POST", "/api/v1/accounts", Some(body))
            .await;
        assert_eq!(r.status, 403, "{user}: {}", r.body);
        let body = json!({"version": target["version"], "role": "central_admin"}).to_string();
        let path = format!("/api/v1/accounts/{id}");
        let r = app.call_as(user, "PATCH", &path, Some(body)).await;
        assert_eq!(r.status, 403, "{user}: {}", r.body);
        let body = json!({"version": target["version"]}).to_string();
        let path = format!("/api/v1/accounts/{id}/disable");
        assert_eq!(
            app.call_as(user, "POST", &path, Some(body)).await.status,
            403
        );
    }
    // Nothing changed, and the refusals are audited like every other.
    let now = app
        .get_as("admin", &format!("/api/v1/accounts/{id}"))
        .await
        .json();
    assert_eq!(now["role"], "agency_hr");
    assert_eq!(now["version"], target["version"]);
    let log = app
        .get_as("admin", "/api/v1/audit?action=access.denied")
        .await;
    assert!(log.body.contains("accounts"), "{}", log.body);
    // The Office may; a username is taken once.
    let r = create(app, json!({"username": "auditor.two", "role": "auditor"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = create(app, json!({"username": "auditor.two", "role": "auditor"})).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["code"], "user.taken");
}

async fn an_account_is_checked_field_by_field(app: &App) {
    // Every problem at once, each by its field.
    let r = create(
        app,
        json!({"username": "has space", "role": "employee", "office": "governor", "scope": "NOPE"}),
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let f = fields(&r);
    for want in ["username", "scope", "office", "person"] {
        assert!(f.contains(&want.to_string()), "{want} in {f:?}");
    }
    assert!(r.json()["message_th"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)));
    // A scoped role without its unit; a whole-BMA role with one; an unknown role.
    let r = create(app, json!({"username": "hr.x", "role": "agency_hr"})).await;
    assert_eq!(fields(&r), ["scope"]);
    let r = create(
        app,
        json!({"username": "aud.x", "role": "auditor", "scope": "D01"}),
    )
    .await;
    assert_eq!(fields(&r), ["scope"]);
    let r = create(app, json!({"username": "r.x", "role": "king"})).await;
    assert_eq!(fields(&r), ["role"]);
    let r = create(
        app,
        json!({"username": "p.x", "role": "employee", "scope": "D01", "person": "1234567890123"}),
    )
    .await;
    assert_eq!(fields(&r), ["person"], "{}", r.body);
    // Nothing was made.
    let all = app.get_as("admin", "/api/v1/accounts?q=.x").await.json();
    assert_eq!(all["total"], 0, "{all}");
}

async fn a_new_appointing_authority_signs_in_and_a_stale_change_is_refused(app: &App) {
    let r = create(
        app,
        json!({"username": "director.d01", "role": "appointing_authority", "scope": "D01",
               "person": NID[1], "office": "agency_head"}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let made = r.json();
    let password = made["password"].as_str().unwrap().to_string();
    let acc = &made["account"];
    assert_eq!(acc["role"], "appointing_authority");
    assert_eq!(acc["scope_unit"], "D01");
    assert_eq!(acc["office"], "agency_head");
    assert_eq!(acc["person_id"], app.person[1]);
    assert_eq!(acc["person_name_th"], "สมศรี มีสุข");
    assert_eq!(acc["disabled"], false);
    let id = acc["id"].as_i64().unwrap();
    let v1 = acc["version"].as_i64().unwrap();
    // The one-time password passes the rules and signs in; the sign-in is remembered.
    assert!(password.len() >= 12);
    let r = login(app, "director.d01", &password).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["role"], "appointing_authority");
    let shown = app
        .get_as("admin", &format!("/api/v1/accounts/{id}"))
        .await
        .json();
    assert!(shown["last_login_at"].is_string(), "{shown}");
    // A change on the version read: its role, unit and office move.
    let r = app
        .call_as(
            "admin",
            "PATCH",
            &format!("/api/v1/accounts/{id}"),
            Some(json!({"version": v1, "role": "agency_hr", "scope": "D02"}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["scope_unit"], "D02");
    assert!(r.json()["office"].is_null());
    assert_eq!(r.json()["version"], v1 + 1);
    // The same form sent again, on the version it was read at: refused, nothing lost.
    let r = app
        .call_as(
            "admin",
            "PATCH",
            &format!("/api/v1/accounts/{id}"),
            Some(json!({"version": v1, "role": "supervisor", "scope": "D01"}).to_string()),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.json()["code"], "version.stale");
    let now = app
        .get_as("admin", &format!("/api/v1/accounts/{id}"))
        .await
        .json();
    assert_eq!(now["role"], "agency_hr");
    // Each change is in the audit log, with its words.
    let log = app
        .get_as("admin", "/api/v1/audit?action=user.update")
        .await;
    assert_eq!(log.status, 200);
    assert!(
        log.body.contains(&format!("user {id} role agency_hr")),
        "{}",
        log.body
    );
    let log = app
        .get_as("admin", "/api/v1/audit?action=user.create")
        .await;
    assert!(log.body.contains("director.d01"), "{}", log.body);
    assert_eq!(
        bmahr_store::action_label("user.update").1,
        "account changed (role, unit, person)"
    );
    for code in ["user.disable", "user.enable", "user.password_reset"] {
        assert!(!bmahr_store::action_label(code).0.is_empty(), "{code}");
    }
}

async fn disabling_stops_sign_in_sessions_and_tokens_at_once(app: &App) {
    // hr01 has a session and a token.
    let s = login(app, "hr01", PASSWORD).await;
    assert_eq!(s.status, 200);
    let cookie = session_of(&s);
    assert_eq!(
        get_with_cookie(app, &cookie, "/api/v1/units").await.status,
        200
    );
    assert_eq!(app.get_as("hr01", "/api/v1/units").await.status, 200);
    let list = app.get_as("admin", "/api/v1/accounts?q=hr01").await.json();
    let acc = &list["items"][0];
    let id = acc["id"].as_i64().unwrap();
    let r = app
        .call_as(
            "admin",
            "POST",
            &format!("/api/v1/accounts/{id}/disable"),
            Some(json!({"version": acc["version"]}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["disabled"], true);
    // At once: the session, the token and a new sign-in are refused.
    assert_eq!(
        get_with_cookie(app, &cookie, "/api/v1/units").await.status,
        401
    );
    assert_eq!(app.get_as("hr01", "/api/v1/units").await.status, 401);
    let r = login(app, "hr01", PASSWORD).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], "auth.disabled");
    // A wrong password does not learn that the account is disabled.
    let r = login(app, "hr01", "not-the-password-at-all").await;
    assert_eq!(r.json()["code"], "auth.failed");
    // An administrator cannot disable their own account.
    let me = app.get_as("admin", "/api/v1/accounts?q=admin").await.json();
    let mine = me["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["username"] == "admin")
        .unwrap()
        .clone();
    let r = app
        .call_as(
            "admin",
            "POST",
            &format!("/api/v1/accounts/{}/disable", mine["id"]),
            Some(json!({"version": mine["version"]}).to_string()),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    // Enabled again: the token works and the password signs in.
    let r = act_on(app, id, "enable").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.get_as("hr01", "/api/v1/units").await.status, 200);
    assert_eq!(login(app, "hr01", PASSWORD).await.status, 200);
    let log = app
        .get_as("admin", "/api/v1/audit?action=user.disable")
        .await;
    assert!(log.body.contains(&format!("user {id}")), "{}", log.body);
}

async fn a_reset_password_ends_the_sessions(app: &App) {
    let s = login(app, "sup01", PASSWORD).await;
    let cookie = session_of(&s);
    let acc = app.get_as("admin", "/api/v1/accounts?q=sup01").await.json()["items"][0].clone();
    let id = acc["id"].as_i64().unwrap();
    let sessions = app
        .get_as("admin", "/api/v1/users/sup01/sessions")
        .await
        .json();
    assert_eq!(sessions.as_array().unwrap().len(), 1);
    // A stale version is refused before anything changes.
    let r = app
        .call_as(
            "admin",
            "POST",
            &format!("/api/v1/accounts/{id}/password"),
            Some(json!({"version": acc["version"].as_i64().unwrap() - 1}).to_string()),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(login(app, "sup01", PASSWORD).await.status, 200);
    let r = app
        .call_as(
            "admin",
            "POST",
            &format!("/api/v1/accounts/{id}/password"),
            Some(json!({"version": acc["version"]}).to_string()),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let new = r.json()["password"].as_str().unwrap().to_string();
    assert_eq!(
        get_with_cookie(app, &cookie, "/api/v1/units").await.status,
        401
    );
    assert_eq!(login(app, "sup01", PASSWORD).await.status, 401);
    assert_eq!(login(app, "sup01", &new).await.status, 200);
}

async fn accounts_are_listed_filtered_and_paged(app: &App) {
    let all = app.get_as("admin", "/api/v1/accounts").await.json();
    assert_eq!(all["total"], 12);
    let r = app
        .get_as("admin", "/api/v1/accounts?role=discipline_officer")
        .await
        .json();
    assert_eq!(r["total"], 3, "{r}");
    // By unit: the unit's subtree.
    let r = app
        .get_as("admin", "/api/v1/accounts?unit=D02")
        .await
        .json();
    let names: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["disc02", "hr02"]);
    // By the linked person's name.
    let r = app.get_as("admin", "/api/v1/accounts?q=สมศรี").await.json();
    assert_eq!(r["items"][0]["username"], "emp1");
    assert_eq!(r["items"][0]["role_th"], "ผู้ปฏิบัติงาน");
    // Paged by username.
    let p1 = app
        .get_as("admin", "/api/v1/accounts?per_page=5&page=1")
        .await
        .json();
    let p3 = app
        .get_as("admin", "/api/v1/accounts?per_page=5&page=3")
        .await
        .json();
    assert_eq!(p1["items"].as_array().unwrap().len(), 5);
    assert_eq!(p3["items"].as_array().unwrap().len(), 2);
    assert_eq!(p1["items"][0]["username"], "admin");
    let r = app.get_as("admin", "/api/v1/accounts?role=king").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["field"], "role");
    // The routes are in the API's document.
    let doc = app.get_as("admin", "/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/accounts",
        "/api/v1/accounts/{id}",
        "/api/v1/accounts/{id}/disable",
        "/api/v1/accounts/{id}/password",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
}

/// A form post as a signed-in person: the session cookie and the form's CSRF token.
async fn post_form(
    app: &App,
    who: &(String, String),
    path: &str,
    form: &str,
) -> crate::client::Response {
    let body = format!("csrf={}&{form}", who.1);
    let headers = vec![
        ("Cookie".to_string(), who.0.clone()),
        (
            "Content-Type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        ),
    ];
    app.call("POST", path, headers, Some(body)).await
}

async fn the_pages_refuse_inside_the_page_and_keep_what_was_typed(app: &App) {
    let s = login(app, "admin", PASSWORD).await;
    let who = (
        session_of(&s),
        s.json()["csrf_token"].as_str().unwrap().to_string(),
    );
    // Bad input: the form again, each problem by its field, what was typed kept.
    let r = post_form(
        app,
        &who,
        "/admin/accounts",
        "username=new.one&role=agency_hr&scope=&person=&office=",
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("data-field=\"scope\""), "{}", r.body);
    assert!(r.body.contains("value=\"new.one\""), "{}", r.body);
    assert!(r.body.contains("<header>"), "inside the site's frame");
    // Made: the first password is in the page once.
    let r = post_form(
        app,
        &who,
        "/admin/accounts",
        "username=new.one&role=agency_hr&scope=D01&person=&office=",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"new-password\""), "{}", r.body);
    let id = app
        .get_as("admin", "/api/v1/accounts?q=new.one")
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    // A change on the version read, then the same form again: 409, the page shows the account
    // as it is now.
    let page = format!("/admin/accounts/{id}");
    let r = post_form(
        app,
        &who,
        &page,
        "version=1&role=agency_hr&scope=D02&person=&office=",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = post_form(
        app,
        &who,
        &page,
        "version=1&role=supervisor&scope=D01&person=&office=",
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("version.stale"), "{}", r.body);
    assert!(
        r.body.contains("value=\"D02\""),
        "the current unit is shown: {}",
        r.body
    );
    assert_eq!(
        app.get_as("admin", &format!("/api/v1/accounts/{id}"))
            .await
            .json()["scope_unit"],
        "D02"
    );
    // Others do not reach the pages.
    let s = login(app, "hr01", PASSWORD).await;
    let hr = (
        session_of(&s),
        s.json()["csrf_token"].as_str().unwrap().to_string(),
    );
    assert_eq!(
        get_with_cookie(app, &hr.0, "/admin/accounts").await.status,
        403
    );
    assert_eq!(
        post_form(app, &hr, &page, "version=2&role=central_admin")
            .await
            .status,
        403
    );
    assert!(!get_with_cookie(app, &hr.0, "/")
        .await
        .body
        .contains("href=\"/admin\""));
    assert!(get_with_cookie(app, &who.0, "/admin")
        .await
        .body
        .contains("href=\"/admin/accounts\""));
}

/// A first password (or a reset one) was told to its owner by someone else: the account
/// reaches only its security page until the owner sets their own, on the page or the API.
async fn a_password_an_administrator_set_is_changed_before_anything_else(app: &App) {
    let r = create(
        app,
        json!({"username": "clerk.d01", "role": "agency_hr", "scope": "D01"}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let first = r.json()["password"].as_str().unwrap().to_string();
    let id = r.json()["account"]["id"].as_i64().unwrap();
    let s = login(app, "clerk.d01", &first).await;
    assert_eq!(s.status, 200, "{}", s.body);
    assert_eq!(s.json()["must_change_password"], true);
    let who = (
        session_of(&s),
        s.json()["csrf_token"].as_str().unwrap().to_string(),
    );
    // Nothing else answers: the API refuses by name, a page leads to the security page.
    let r = get_with_cookie(app, &who.0, "/api/v1/units").await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(r.json()["code"], "auth.password_temporary");
    let r = get_with_cookie(app, &who.0, "/people").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("location") && v == "/me/security"));
    let r = get_with_cookie(app, &who.0, "/me/security").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"must-change-password\""), "{}", r.body);
    // Refusals keep the old password: typed twice differently, the same as before, too
    // short, or a wrong current one.
    let tries = [
        (
            first.clone(),
            "a-new-passphrase-1",
            "a-new-passphrase-2",
            "พิมพ์ซ้ำไม่ตรงกัน",
        ),
        (
            first.clone(),
            first.as_str(),
            first.as_str(),
            "ต้องไม่ซ้ำกับรหัสผ่านเดิม",
        ),
        (first.clone(), "short", "short", "อย่างน้อย 12"),
    ];
    for (current, new, repeat, why) in &tries {
        let r = post_form(
            app,
            &who,
            "/me/security/password",
            &format!("current={current}&new={new}&repeat={repeat}"),
        )
        .await;
        assert_ne!(r.status, 303, "{}", r.body);
        assert!(r.body.contains(why), "{why}: {}", r.body);
    }
    let r = post_form(
        app,
        &who,
        "/me/security/password",
        "current=not-the-password-at-all&new=a-new-passphrase-1&repeat=a-new-passphrase-1",
    )
    .await;
    assert_ne!(r.status, 303, "{}", r.body);
    assert!(r.body.contains("role=\"alert\""), "{}", r.body);
    assert_eq!(
        get_with_cookie(app, &who.0, "/me/security").await.status,
        200
    );
    // Changed: every session ends, the sign-in page says so, the new password works freely.
    let r = post_form(app, &who, "/me/security/password", "current=&new=&repeat=").await;
    assert_ne!(r.status, 303, "an empty form changes nothing: {}", r.body);
    let r = post_form(
        app,
        &who,
        "/me/security/password",
        &format!("current={first}&new=a-new-passphrase-1&repeat=a-new-passphrase-1"),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("location") && v == "/login?changed=1"));
    assert_eq!(
        get_with_cookie(app, &who.0, "/api/v1/units").await.status,
        401
    );
    let page = app.call("GET", "/login?changed=1", vec![], None).await;
    assert!(
        page.body.contains("id=\"password-changed\""),
        "{}",
        page.body
    );
    assert_eq!(login(app, "clerk.d01", &first).await.status, 401);
    let s = login(app, "clerk.d01", "a-new-passphrase-1").await;
    assert_eq!(s.json()["must_change_password"], false);
    assert_eq!(
        get_with_cookie(app, &session_of(&s), "/api/v1/units")
            .await
            .status,
        200
    );
    // A reset holds the account again; the API changes it as the page does.
    let r = act_on(app, id, "password").await;
    let reset = r.json()["password"].as_str().unwrap().to_string();
    let s = login(app, "clerk.d01", &reset).await;
    assert_eq!(s.json()["must_change_password"], true);
    let headers = vec![
        ("Cookie".to_string(), session_of(&s)),
        (
            "X-CSRF-Token".to_string(),
            s.json()["csrf_token"].as_str().unwrap().to_string(),
        ),
    ];
    let r = app
        .call(
            "POST",
            "/api/v1/password",
            headers,
            Some(json!({"current": reset, "new": "another-passphrase-2"}).to_string()),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    let s = login(app, "clerk.d01", "another-passphrase-2").await;
    assert_eq!(s.json()["must_change_password"], false);
    let log = app
        .get_as("admin", "/api/v1/audit?action=user.password_change")
        .await;
    assert_eq!(log.status, 200);
    assert!(log.body.matches("clerk.d01").count() >= 2, "{}", log.body);
}
