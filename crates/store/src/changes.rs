//! Hears which people change, so the profile cache stops trusting that person's profile and
//! trail. On PostgreSQL triggers notify `bmahr_person` with the person's id as a version
//! change, or an audit event naming them other than an opening, commits (migration 0011),
//! and a listener hears it. SQLite has no notices: the same triggers there keep each
//! person's latest change numbered in `person_changes` (migration 0012), and a watcher reads
//! the numbers past the last it saw every [`POLL`]. While either is lost, nothing is
//! trusted and profiles are checked against their version on each read.
//!
//! A change this process makes is forgotten at its commit (`Store::changed_people`); one
//! by another process reaches a server within moments on PostgreSQL and within [`POLL`] on
//! SQLite.

use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::any::AnyConnectOptions;
use sqlx::postgres::PgListener;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use crate::people::names::NamesDue;
use crate::register::profile::ProfileCache;

/// What is kept in memory of people and must hear when they change.
#[derive(Debug, Clone)]
pub(crate) struct Hearers {
    pub(crate) profiles: Arc<ProfileCache>,
    pub(crate) names: Arc<NamesDue>,
}

impl Hearers {
    fn changed(&self, id: i64) {
        self.profiles.changed(id);
        self.names.heard(id);
    }

    /// Subscribed (`true`) or lost: changes may have gone unheard either way.
    fn listening(&self, now: bool) {
        self.profiles.listening(now);
        self.names.all();
    }
}

/// The channel the triggers notify.
const CHANNEL: &str = "bmahr_person";

/// How long after losing the listener it connects again, and how often it checks that its
/// store is still in use.
const RETRY: Duration = Duration::from_secs(1);

/// Listens for as long as a handle on the store is alive and its pool open.
pub(crate) fn spawn_listener(url: String, cache: Hearers, pool: AnyPool, alive: Weak<()>) {
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

async fn listen(url: String, cache: Hearers) {
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

/// How often a server on SQLite reads the changes committed since it last looked: the
/// longest another process's change to a person can go unseen by a server's record page.
const POLL: Duration = Duration::from_millis(20);

/// Watches `person_changes` (SQLite) for as long as a handle on the store is alive and its
/// pool open, on a connection of its own.
pub(crate) fn spawn_watcher(
    opts: AnyConnectOptions,
    cache: Hearers,
    pool: AnyPool,
    alive: Weak<()>,
) {
    tokio::spawn(async move {
        while alive.strong_count() > 0 && !pool.is_closed() {
            if let Ok(mut conn) = AnyConnection::connect_with(&opts).await {
                let _ = watch(&mut conn, &cache, &pool, &alive).await;
                cache.listening(false);
                let _ = conn.close().await;
            }
            tokio::time::sleep(RETRY).await;
        }
        cache.listening(false);
    });
}

/// Returns when the store is dropped or closed, or a read fails.
async fn watch(
    conn: &mut AnyConnection,
    cache: &Hearers,
    pool: &AnyPool,
    alive: &Weak<()>,
) -> sqlx::Result<()> {
    conn.execute("PRAGMA busy_timeout=5000; PRAGMA cache_size=-256")
        .await?;
    let mut last: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM person_changes")
        .fetch_one(&mut *conn)
        .await?;
    // Everything read from here on is covered: a later change gets a number past `last`.
    cache.listening(true);
    loop {
        tokio::time::sleep(POLL).await;
        if alive.strong_count() == 0 || pool.is_closed() {
            return Ok(());
        }
        let changed: Vec<(i64, i64)> =
            sqlx::query_as("SELECT person_id, seq FROM person_changes WHERE seq > $1 ORDER BY seq")
                .bind(last)
                .fetch_all(&mut *conn)
                .await?;
        for (id, seq) in changed {
            cache.changed(id);
            last = seq;
        }
    }
}
