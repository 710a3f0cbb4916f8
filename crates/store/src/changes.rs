//! Hears which people change (PostgreSQL): triggers notify `bmahr_person` with the person's
//! id as a version change, or an audit event naming them other than an opening, commits
//! (migration 0011), and the profile cache stops trusting that person's profile and trail. While the listener is lost, nothing is
//! trusted and profiles are checked against their version as on SQLite.

use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::AnyPool;

use crate::profile::ProfileCache;

/// The channel the triggers notify.
const CHANNEL: &str = "bmahr_person";

/// How long after losing the listener it connects again, and how often it checks that its
/// store is still in use.
const RETRY: Duration = Duration::from_secs(1);

/// Listens for as long as a handle on the store is alive and its pool open.
pub(crate) fn spawn_listener(
    url: String,
    cache: Arc<ProfileCache>,
    pool: AnyPool,
    alive: Weak<()>,
) {
    let listening = tokio::spawn(listen(url, cache.clone()));
    // The listener is stopped from outside rather than raced against a timer, so no
    // notification is ever half-read and dropped.
    tokio::spawn(async move {
        while alive.strong_count() > 0 && !pool.is_closed() {
            tokio::time::sleep(RETRY).await;
        }
        listening.abort();
        let _ = listening.await;
        cache.listening(false);
    });
}

async fn listen(url: String, cache: Arc<ProfileCache>) {
    loop {
        if let Ok(mut listener) = PgListener::connect(&url).await {
            if listener.listen(CHANNEL).await.is_ok() {
                cache.listening(true);
                // `None`: the connection was lost, and what it would have told with it.
                while let Ok(Some(notice)) = listener.try_recv().await {
                    match notice.payload().parse::<i64>() {
                        Ok(id) => cache.changed(id),
                        // Not from the trigger: trust nothing read before it.
                        Err(_) => cache.listening(true),
                    }
                }
                cache.listening(false);
            }
        }
        tokio::time::sleep(RETRY).await;
    }
}
