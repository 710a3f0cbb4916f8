//! Whose a bearer token or a session cookie is, kept in memory for a few seconds.
//!
//! Every request names its credential, and reading it is a round trip (two on PostgreSQL:
//! sqlx checks each connection as it goes back to the pool), as much as the rest of a
//! cached profile read. A change this process makes to credentials (a sign-out, a new
//! password, an account's office) forgets every remembered one at once; a change another
//! process makes (the CLI, a second server) is seen within [`CREDENTIAL_TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::accounts::UserRow;

/// How long a credential read from the database is trusted without reading it again: the
/// longest a sign-out or password change made by another process goes unseen here.
pub const CREDENTIAL_TTL: Duration = Duration::from_secs(5);

/// Remembered credentials at most; past this the memory starts afresh.
const MAX_ENTRIES: usize = 10_000;

/// What a credential resolves to.
#[derive(Debug, Clone)]
pub(crate) struct Credential {
    pub user: UserRow,
    /// The session's CSRF token (sessions only).
    pub csrf: Option<String>,
    /// The session's public handle (sessions only).
    pub handle: Option<String>,
    /// RFC 3339 end of a session, compared as the database compares it.
    pub expires_at: Option<String>,
}

/// Taken before a credential is read from the database.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ticket {
    generation: u64,
    asked: Instant,
}

#[derive(Debug)]
pub(crate) struct CredentialCache {
    ttl: Duration,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Moved on by every forget, so a read that raced with it is not remembered.
    generation: u64,
    entries: HashMap<String, (Credential, Instant)>,
}

impl Default for CredentialCache {
    fn default() -> Self {
        Self::with_ttl(CREDENTIAL_TTL)
    }
}

impl CredentialCache {
    pub(crate) fn with_ttl(ttl: Duration) -> Self {
        CredentialCache {
            ttl,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The credential under `key` if read within the TTL and, for a session, not expired
    /// at `now`; after a miss, the [`Ticket`] to hand to [`Self::remember`] with what is read.
    pub(crate) fn get(&self, key: &str, now: &str) -> (Option<Credential>, Ticket) {
        let inner = self.lock();
        let hit = inner.entries.get(key).and_then(|(c, read)| {
            (read.elapsed() < self.ttl && c.expires_at.as_deref().is_none_or(|e| e > now))
                .then(|| c.clone())
        });
        let ticket = Ticket {
            generation: inner.generation,
            asked: Instant::now(),
        };
        (hit, ticket)
    }

    /// Keeps what was read under `key`, unless credentials were forgotten since the ticket
    /// was taken; its age counts from before the read.
    pub(crate) fn remember(&self, key: &str, credential: Credential, ticket: Ticket) {
        let mut inner = self.lock();
        if inner.generation != ticket.generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner
            .entries
            .insert(key.to_string(), (credential, ticket.asked));
    }

    /// Forgets every credential (called after this process changes any, whether or not its
    /// commit reported success).
    pub(crate) fn forget(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
    }
}
