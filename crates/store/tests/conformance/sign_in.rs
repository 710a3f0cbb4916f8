//! Sign-in's rows on every backend: attempts counted before the check (no race), pauses and
//! their window, idle sessions, sessions listed and ended, TOTP steps and recovery codes
//! spent once.

use bmahr_core::role::Role;
use bmahr_store::{NewSession, Reservation, SessionClock, Store, ThrottleKey};

use crate::fixtures::meta;

crate::on_every_backend!(
    parallel_attempts_are_counted_before_any_is_checked,
    a_pause_ends_and_the_window_starts_again,
    an_idle_session_ends_and_sessions_are_listed_and_ended,
    a_totp_step_and_a_recovery_code_are_accepted_once
);

const AT: &str = "2026-12-01T03:00:00Z";

fn pause_after_free(failures: i64, free: i64) -> Option<String> {
    (failures >= free).then(|| "2026-12-01T03:01:00Z".to_string())
}

fn keys(name: &str) -> Vec<ThrottleKey> {
    vec![
        ThrottleKey {
            key: format!("acct:{name}"),
            free: 5,
        },
        ThrottleKey {
            key: "src:10.0.0.9".into(),
            free: 50,
        },
    ]
}

async fn parallel_attempts_are_counted_before_any_is_checked(store: Store) {
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .reserve_login_attempt(
                        &keys("admin"),
                        AT,
                        "2026-12-01T02:00:00Z",
                        pause_after_free,
                    )
                    .await
                    .expect("reserve")
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tasks {
        if t.await.expect("task") == Reservation::Allowed {
            allowed += 1;
        }
    }
    assert_eq!(allowed, 5, "exactly the free attempts are checked");
}

async fn a_pause_ends_and_the_window_starts_again(store: Store) {
    let k = keys("clerk");
    let window = "2026-12-01T02:00:00Z";
    for _ in 0..5 {
        let r = store
            .reserve_login_attempt(&k, AT, window, pause_after_free)
            .await;
        assert_eq!(r.expect("reserve"), Reservation::Allowed);
    }
    let r = store
        .reserve_login_attempt(&k, AT, window, pause_after_free)
        .await;
    assert_eq!(
        r.expect("reserve"),
        Reservation::Paused {
            until: "2026-12-01T03:01:00Z".into()
        }
    );
    // After the pause one more attempt is checked, and it pauses again (the count went on).
    let later = "2026-12-01T03:02:00Z";
    let longer = |_: i64, _: i64| Some("2026-12-01T03:05:00Z".to_string());
    let r = store.reserve_login_attempt(&k, later, window, longer).await;
    assert_eq!(r.expect("reserve"), Reservation::Allowed);
    let r = store.reserve_login_attempt(&k, later, window, longer).await;
    assert_eq!(
        r.expect("reserve"),
        Reservation::Paused {
            until: "2026-12-01T03:05:00Z".into()
        }
    );
    // A count that began before the window starts again from one.
    let next_hour = "2026-12-01T05:00:00Z";
    let r = store
        .reserve_login_attempt(&k, next_hour, "2026-12-01T04:00:00Z", pause_after_free)
        .await;
    assert_eq!(r.expect("reserve"), Reservation::Allowed);
    // A success forgets the account's count; pruning drops old counts that pause nothing.
    store
        .clear_login_keys(&["acct:clerk"])
        .await
        .expect("clear");
    assert_eq!(
        store
            .prune_login_keys("2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z")
            .await
            .expect("prune"),
        1,
        "the source's count"
    );
}

fn session<'a>(id: &'a str, uid: i64, address: &'a str) -> NewSession<'a> {
    NewSession {
        id_hash: id,
        handle: id,
        user_id: uid,
        csrf: "csrf",
        now: AT,
        expires: "2026-12-01T11:00:00Z",
        address: Some(address),
        agent: Some("Firefox"),
    }
}

async fn an_idle_session_ends_and_sessions_are_listed_and_ended(store: Store) {
    let uid = store
        .create_user(
            "clerk",
            "hash",
            Role::AgencyHr,
            None,
            None,
            &meta("admin", AT),
        )
        .await
        .expect("user");
    for (id, addr) in [("h1", "10.0.0.1"), ("h2", "10.0.0.2"), ("h3", "10.0.0.3")] {
        store
            .create_session(&session(id, uid, addr))
            .await
            .expect("session");
    }
    // Used 20 minutes later (marked used, since the last mark is older than a minute)...
    let at_20 = SessionClock {
        now: "2026-12-01T03:20:00Z",
        idle_since: "2026-12-01T02:50:00Z",
        touch_before: "2026-12-01T03:19:00Z",
    };
    assert!(store.session("h1", at_20).await.expect("read").is_some());
    // ...so at 45 minutes h1 is live (idle 25 minutes) and h2 has been idle 45: ended.
    let other = Store::open(store.url()).await.expect("second handle");
    let at_45 = SessionClock {
        now: "2026-12-01T03:45:00Z",
        idle_since: "2026-12-01T03:15:00Z",
        touch_before: "2026-12-01T03:44:00Z",
    };
    assert!(other.session("h1", at_45).await.expect("read").is_some());
    assert!(other.session("h2", at_45).await.expect("read").is_none());
    let listed = other.sessions_of(uid, at_45).await.expect("list");
    assert_eq!(
        listed.iter().map(|s| s.handle.as_str()).collect::<Vec<_>>(),
        ["h1"]
    );
    assert_eq!(listed[0].address.as_deref(), Some("10.0.0.1"));
    // Ending one by its handle; ending another account's handle ends nothing.
    let ended = store
        .end_sessions(uid + 1000, Some("h3"), &meta("x", AT))
        .await
        .expect("end");
    assert_eq!(ended, 0);
    assert_eq!(
        store
            .end_sessions(uid, Some("h3"), &meta("clerk", AT))
            .await
            .expect("end"),
        1
    );
    assert_eq!(
        store
            .end_sessions(uid, None, &meta("admin", AT))
            .await
            .expect("end"),
        2
    );
    assert!(store.session("h1", at_20).await.expect("read").is_none());
    other.close().await;
}

async fn a_totp_step_and_a_recovery_code_are_accepted_once(store: Store) {
    let uid = store
        .create_user(
            "signer",
            "hash",
            Role::AppointingAuthority,
            None,
            None,
            &meta("admin", AT),
        )
        .await
        .expect("user");
    store
        .set_totp_pending(uid, "SECRET", &meta("signer", AT))
        .await
        .expect("pending");
    assert_eq!(
        store.totp_pending(uid).await.expect("read").as_deref(),
        Some("SECRET")
    );
    let codes = vec!["c1".to_string(), "c2".to_string()];
    store
        .confirm_totp(uid, "SECRET", 100, &codes, &meta("signer", AT))
        .await
        .expect("on");
    let u = store
        .login_user("signer")
        .await
        .expect("read")
        .expect("user");
    assert!(u.user.two_factor);
    assert_eq!(u.totp_secret.as_deref(), Some("SECRET"));
    assert!(
        !store.accept_totp_step(uid, 100).await.expect("step"),
        "the confirming step"
    );
    assert!(store.accept_totp_step(uid, 101).await.expect("step"));
    assert!(
        !store.accept_totp_step(uid, 101).await.expect("step"),
        "a replay"
    );
    assert!(store
        .spend_recovery_code(uid, "c1", AT)
        .await
        .expect("spend"));
    assert!(
        !store
            .spend_recovery_code(uid, "c1", AT)
            .await
            .expect("spend"),
        "spent"
    );
    assert!(!store
        .spend_recovery_code(uid, "zz", AT)
        .await
        .expect("spend"));
    assert_eq!(store.recovery_codes_left(uid).await.expect("left"), 1);
    store
        .clear_totp(uid, &meta("admin", AT))
        .await
        .expect("off");
    assert!(
        !store
            .login_user("signer")
            .await
            .expect("read")
            .expect("user")
            .user
            .two_factor
    );
    assert_eq!(store.recovery_codes_left(uid).await.expect("left"), 0);
}
