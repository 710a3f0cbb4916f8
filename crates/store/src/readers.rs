//! A few PostgreSQL connections kept apart from the pool for the one-statement reads every
//! profile request makes (the person's version, the record's trail).
//!
//! sqlx 0.8's pool pings each connection as it goes back (`return_to_pool` → `ping`, no
//! option turns it off), so a one-statement read through the pool is two round trips; here
//! it is one. A connection goes back only after its statement finished without error: one
//! whose request was dropped half-way, or that failed, is closed, never reused. On SQLite
//! the "ping" is a message to the connection's own thread and the pool is used as it is.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use sqlx::any::AnyConnectOptions;
use sqlx::pool::PoolConnection;
use sqlx::AnyConnection;
use sqlx::{Any, Connection, Executor};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::{Backend, Result, Store};

/// Connections kept at most: each is a PostgreSQL backend process, and the 2-core machines
/// this runs on serve no more reads at once.
const READERS: usize = 4;

/// What every connection to PostgreSQL is set to (see `Store::open`).
pub(crate) const PG_SESSION: &str = "SET jit = off; SET random_page_cost = 1.1";

#[derive(Debug)]
pub(crate) struct Readers {
    opts: AnyConnectOptions,
    idle: Mutex<Vec<AnyConnection>>,
    permits: Arc<Semaphore>,
}

impl Readers {
    pub(crate) fn new(opts: AnyConnectOptions) -> Self {
        Readers {
            opts,
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(READERS)),
        }
    }

    /// Closes the idle connections and lets no more open.
    pub(crate) async fn close(&self) {
        self.permits.close();
        let idle: Vec<AnyConnection> = std::mem::take(&mut *self.idle());
        for c in idle {
            let _ = c.close().await;
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<AnyConnection>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection for one short read; hand it back with [`Reader::settle`]. Dropped
/// otherwise (its request was dropped half-way), a kept connection is closed.
pub(crate) enum Reader {
    Pooled(PoolConnection<Any>),
    Kept {
        conn: AnyConnection,
        from: Arc<Readers>,
        _permit: OwnedSemaphorePermit,
    },
}

impl Reader {
    /// Ends the read: a kept connection goes back for reuse only if it succeeded (`ok`).
    pub(crate) fn settle(self, ok: bool) {
        if let Reader::Kept { conn, from, .. } = self {
            if ok && !from.permits.is_closed() {
                from.idle().push(conn);
            }
        }
    }
}

impl Deref for Reader {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match self {
            Reader::Pooled(c) => c,
            Reader::Kept { conn, .. } => conn,
        }
    }
}

impl DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Reader::Pooled(c) => c,
            Reader::Kept { conn, .. } => conn,
        }
    }
}

impl Store {
    /// A connection for one short read: a kept one on PostgreSQL (opened on first need),
    /// the pool's on SQLite.
    pub(crate) async fn reader(&self) -> Result<Reader> {
        let readers = match (&self.readers, self.backend()) {
            (Some(r), Backend::Postgres) => r.clone(),
            _ => return Ok(Reader::Pooled(self.pool.acquire().await?)),
        };
        let permit = readers
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| crate::StoreError::Other(format!("readers closed: {e}")))?;
        let kept = readers.idle().pop();
        let conn = match kept {
            Some(c) => c,
            None => {
                let mut c = AnyConnection::connect_with(&readers.opts).await?;
                c.execute(PG_SESSION).await?;
                c
            }
        };
        Ok(Reader::Kept {
            conn,
            from: readers,
            _permit: permit,
        })
    }
}
