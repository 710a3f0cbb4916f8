use crate::fixture::{App, PASSWORD};

crate::on_every_backend!(
    openapi_document_lists_every_route,
    no_credentials_is_401_with_a_bilingual_body,
    session_login_csrf_and_logout,
    repeated_failures_pause_the_account,
    password_change_ends_other_sessions,
);

async fn openapi_document_lists_every_route(app: &App) {
    let r = app.call("GET", "/api/v1/openapi.json", vec![], None).await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/v1/login",
        "/api/v1/people",
        "/api/v1/people/{id}",
        "/api/v1/people/{id}/history",
        "/api/v1/summary",
        "/api/v1/audit",
        "/api/v1/me/sessions",
        "/api/v1/me/sessions/{handle}",
        "/api/v1/me/2fa",
        "/api/v1/me/2fa/confirm",
        "/api/v1/users/{username}/sessions",
        "/api/v1/users/{username}/2fa",
    ] {
        assert!(
            doc["paths"].get(p).is_some(),
            "{p} missing from the OpenAPI document"
        );
    }
    // Query parameters are declared in the query (an undeclared path parameter makes the
    // document invalid for validators and code generators).
    let params = doc["paths"]["/api/v1/people"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(params.iter().all(|p| p["in"] == "query"), "{params:?}");
    assert!(
        params.iter().any(|p| p["name"] == "q") && params.iter().any(|p| p["name"] == "per_page")
    );
    let audit = doc["paths"]["/api/v1/audit"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(audit.iter().all(|p| p["in"] == "query"), "{audit:?}");
}

async fn no_credentials_is_401_with_a_bilingual_body(app: &App) {
    let r = app.call("GET", "/api/v1/people?q=สม", vec![], None).await;
    assert_eq!(r.status, 401);
    let b = r.json();
    assert_eq!(b["code"], "auth.required");
    assert!(
        !b["message_th"].as_str().unwrap().is_empty()
            && !b["message_en"].as_str().unwrap().is_empty()
    );
    let r = app
        .call(
            "GET",
            "/api/v1/people?q=x",
            vec![("Authorization".into(), "Bearer nope".into())],
            None,
        )
        .await;
    assert_eq!(r.status, 401);
}

async fn login(app: &App, user: &str, password: &str) -> crate::client::Response {
    let body = serde_json::json!({"username": user, "password": password}).to_string();
    app.call("POST", "/api/v1/login", vec![], Some(body)).await
}

fn session_cookie(r: &crate::client::Response) -> String {
    let c = r.header("set-cookie").expect("set-cookie");
    assert!(
        c.contains("HttpOnly") && c.contains("SameSite=Strict"),
        "{c}"
    );
    c.split(';').next().unwrap().to_string()
}

async fn session_login_csrf_and_logout(app: &App) {
    let r = login(app, "hr01", PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let cookie = session_cookie(&r);
    let csrf = r.json()["csrf_token"].as_str().unwrap().to_string();
    let with = |extra: Vec<(String, String)>| {
        let mut h = vec![("Cookie".to_string(), cookie.clone())];
        h.extend(extra);
        h
    };
    let r = app
        .call("GET", "/api/v1/people?q=สม", with(vec![]), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // A change through the cookie without the CSRF token is refused and changes nothing.
    let r = app
        .call("POST", "/api/v1/logout", with(vec![]), Some("{}".into()))
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["code"], "csrf.missing");
    let r = app
        .call(
            "POST",
            "/api/v1/logout",
            with(vec![("X-CSRF-Token".into(), "forged".into())]),
            Some("{}".into()),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        app.call("GET", "/api/v1/people?q=สม", with(vec![]), None)
            .await
            .status,
        200,
        "still signed in"
    );
    let r = app
        .call(
            "POST",
            "/api/v1/logout",
            with(vec![("X-CSRF-Token".into(), csrf)]),
            Some("{}".into()),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        app.call("GET", "/api/v1/people?q=สม", with(vec![]), None)
            .await
            .status,
        401,
        "session ended"
    );
}

async fn repeated_failures_pause_the_account(app: &App) {
    for i in 1..=5 {
        let r = login(app, "sup01", "wrong-password").await;
        assert_eq!(r.status, 401, "failure {i}");
        assert_eq!(r.json()["code"], "auth.failed");
    }
    // The fifth failure paused the account: even the right password waits.
    let r = login(app, "sup01", PASSWORD).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.json()["code"], "auth.paused");
    // Unknown names fail the same way as wrong passwords.
    let r = login(app, "nobody", PASSWORD).await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (401, "auth.failed")
    );
    let failed = app
        .store
        .audit(&bmahr_store::AuditQuery {
            actor: Some("login:sup01".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(failed.iter().filter(|e| e.action == "login.failed").count() >= 5);
}

async fn password_change_ends_other_sessions(app: &App) {
    let r = login(app, "admin", PASSWORD).await;
    let cookie = session_cookie(&r);
    let csrf = r.json()["csrf_token"].as_str().unwrap().to_string();
    let h = vec![
        ("Cookie".to_string(), cookie.clone()),
        ("X-CSRF-Token".to_string(), csrf),
    ];
    let body =
        |cur: &str, new: &str| Some(serde_json::json!({"current": cur, "new": new}).to_string());
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/password",
            h.clone(),
            body("wrong", "another-long-one")
        )
        .await
        .status,
        401
    );
    let r = app
        .call(
            "POST",
            "/api/v1/password",
            h.clone(),
            body(PASSWORD, "short"),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["field"].as_str().unwrap()),
        (400, "new")
    );
    assert_eq!(
        app.call(
            "POST",
            "/api/v1/password",
            h.clone(),
            body(PASSWORD, "another-long-one")
        )
        .await
        .status,
        204
    );
    assert_eq!(
        app.call(
            "GET",
            "/api/v1/units",
            vec![("Cookie".into(), cookie)],
            None
        )
        .await
        .status,
        401
    );
    assert_eq!(login(app, "admin", "another-long-one").await.status, 200);
    assert_eq!(login(app, "admin", PASSWORD).await.status, 401);
}
