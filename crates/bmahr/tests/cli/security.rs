//! `bmahr user end-sessions` and `bmahr user reset-2fa` (a stolen laptop, a lost phone), and
//! `serve --public-url https://…` answering with HSTS.

use bmahr_store::{NewSession, SessionClock, Store, WriteMeta};

use crate::{text, Db};

crate::on_every_backend!(
    an_operator_ends_sessions_and_resets_two_step_sign_in,
    serve_over_https_sends_hsts_and_refuses_a_bad_address
);

const CLOCK: SessionClock<'static> = SessionClock {
    now: "2026-12-01T03:00:00Z",
    idle_since: "0000",
    touch_before: "0000",
};

async fn an_operator_ends_sessions_and_resets_two_step_sign_in(db: &Db) {
    let o = db.run_stdin(
        &[
            "user",
            "add",
            "--username",
            "signer",
            "--role",
            "central_admin",
        ],
        "a-long-password\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let store = Store::open(&db.url).await.expect("open");
    let (user, _) = store.user_by_name("signer").await.expect("user");
    for id in ["s1", "s2"] {
        let s = NewSession {
            id_hash: id,
            handle: id,
            user_id: user.id,
            csrf: "c",
            now: CLOCK.now,
            expires: "2026-12-01T11:00:00Z",
            address: None,
            agent: None,
        };
        store.create_session(&s).await.expect("session");
    }
    let meta = WriteMeta {
        actor: "signer".into(),
        at: CLOCK.now.into(),
        reason: "test".into(),
        request_ref: None,
    };
    store
        .set_totp_pending(user.id, "JBSWY3DPEHPK3PXP", &meta)
        .await
        .expect("pending");
    store
        .confirm_totp(user.id, "JBSWY3DPEHPK3PXP", 1, &["h".into()], &meta)
        .await
        .expect("on");

    let out = db.ok(&["user", "end-sessions", "--username", "signer"]);
    assert!(out.contains("ended 2"), "{out}");
    assert!(store
        .sessions_of(user.id, CLOCK)
        .await
        .expect("list")
        .is_empty());
    let out = db.ok(&["user", "reset-2fa", "--username", "signer"]);
    assert!(out.contains("reset"), "{out}");
    let after = store
        .login_user("signer")
        .await
        .expect("read")
        .expect("user");
    assert!(!after.user.two_factor);
    let missing = db.run(&["user", "reset-2fa", "--username", "nobody"]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("nobody"),
        "{}",
        text(&missing.stderr)
    );
    // Both are in the audit log, by the operator.
    let events = store.audit(&Default::default()).await.expect("audit");
    for action in ["session.end", "user.2fa_off"] {
        assert!(
            events
                .iter()
                .any(|e| e.action == action && e.actor.contains("test")),
            "{action}"
        );
    }
    store.close().await;
}

async fn serve_over_https_sends_hsts_and_refuses_a_bad_address(db: &Db) {
    let bad = db.run(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--public-url",
        "hr.example",
    ]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("--public-url"),
        "{}",
        text(&bad.stderr)
    );

    let flags = [
        "--public-url",
        "https://hr.bangkok.example",
        "--trust-proxy",
        "--require-2fa",
    ];
    let answer = crate::serve::serve_and_get(db, &flags, "/login");
    let head = answer.split("\r\n\r\n").next().unwrap_or("").to_lowercase();
    assert!(
        head.contains("strict-transport-security: max-age=31536000"),
        "{head}"
    );
    assert!(
        head.contains("; secure"),
        "the login form's cookie is Secure: {head}"
    );
}
