//! Tokens and sessions remembered in memory: a change made through this handle is seen at
//! once, a change made by another process within the TTL, an expired session never.

use std::time::Duration;

use bmahr_core::law::authority::Authority;
use bmahr_core::role::Role;
use bmahr_store::{NewSession, SessionClock, Store};

use crate::fixtures::meta;

crate::on_every_backend!(
    a_signed_out_or_expired_session_is_refused_at_once,
    a_new_password_ends_every_session_at_once,
    another_processs_change_is_seen_within_the_ttl
);

const AT: &str = "2026-12-01T03:00:00Z";
const UNTIL: &str = "2026-12-01T11:00:00Z";

fn new_session<'a>(id: &'a str, uid: i64, csrf: &'a str) -> NewSession<'a> {
    NewSession {
        id_hash: id,
        handle: id,
        user_id: uid,
        csrf,
        now: AT,
        expires: UNTIL,
        address: None,
        agent: None,
    }
}

/// Judged at `now`, with no idle timeout and no touch (the idle tests set their own).
fn clock(now: &str) -> SessionClock<'_> {
    SessionClock {
        now,
        idle_since: "0000",
        touch_before: "0000",
    }
}

async fn user(store: &Store, name: &str) -> i64 {
    store
        .create_user(name, "hash", Role::AgencyHr, None, None, &meta("admin", AT))
        .await
        .expect("user")
}

async fn a_signed_out_or_expired_session_is_refused_at_once(store: Store) {
    let uid = user(&store, "clerk").await;
    store
        .create_session(&new_session("s1", uid, "csrf-1"))
        .await
        .expect("session");
    let live = store
        .session("s1", clock(AT))
        .await
        .expect("read")
        .expect("live");
    assert_eq!((live.user.id, live.csrf.as_str()), (uid, "csrf-1"));
    // Remembered, but not past its end.
    assert!(store
        .session("s1", clock("2026-12-01T11:00:01Z"))
        .await
        .expect("read")
        .is_none());
    assert!(store
        .session("s1", clock(AT))
        .await
        .expect("read")
        .is_some());
    store.delete_session("s1").await.expect("sign out");
    assert!(store
        .session("s1", clock(AT))
        .await
        .expect("read")
        .is_none());
}

async fn a_new_password_ends_every_session_at_once(store: Store) {
    let uid = user(&store, "clerk").await;
    for s in ["s1", "s2"] {
        store
            .create_session(&new_session(s, uid, "csrf"))
            .await
            .expect("session");
        assert!(store.session(s, clock(AT)).await.expect("read").is_some());
    }
    store
        .set_password_hash(uid, "new-hash", &meta("clerk", AT))
        .await
        .expect("password");
    for s in ["s1", "s2"] {
        assert!(
            store.session(s, clock(AT)).await.expect("read").is_none(),
            "{s}"
        );
    }
}

/// A second handle on the same database stands for another process (the CLI, a second
/// server): its own memory keeps what it read until the TTL runs out.
async fn another_processs_change_is_seen_within_the_ttl(store: Store) {
    let ttl = Duration::from_secs(2);
    let other = Store::open(store.url())
        .await
        .expect("second handle")
        .with_credential_ttl(ttl);
    let uid = user(&store, "signer").await;
    store
        .create_token(uid, "token-hash", "t", &meta("admin", AT))
        .await
        .expect("token");
    store
        .create_session(&new_session("s1", uid, "csrf"))
        .await
        .expect("session");
    let by_token = other.user_by_token("token-hash").await.expect("read");
    assert_eq!(by_token.expect("known").office, None);
    assert!(other
        .session("s1", clock(AT))
        .await
        .expect("read")
        .is_some());

    store
        .set_user_office(uid, Authority::Governor, &meta("admin", AT))
        .await
        .expect("office");
    store.delete_session("s1").await.expect("sign out");
    // Within the TTL the other handle still answers from memory...
    let remembered = other.user_by_token("token-hash").await.expect("read");
    assert_eq!(remembered.expect("known").office, None);
    assert!(other
        .session("s1", clock(AT))
        .await
        .expect("read")
        .is_some());
    // ...and after it, from the database.
    tokio::time::sleep(ttl + Duration::from_millis(50)).await;
    let read = other.user_by_token("token-hash").await.expect("read");
    assert_eq!(read.expect("known").office, Some(Authority::Governor));
    assert!(other
        .session("s1", clock(AT))
        .await
        .expect("read")
        .is_none());
    assert!(other
        .user_by_token("no-such")
        .await
        .expect("read")
        .is_none());
    other.close().await;
}
