//! Read and sign-in events, written with group commit.
//!
//! Opening a record must leave a trace (PDPA), so every profile read is a write. One
//! transaction per read makes the readers queue on the database's write lock; instead a
//! single writer task takes every event waiting, writes them in one transaction and only
//! then answers each caller. A caller still returns only after its event is committed, so
//! nothing is acknowledged that could be lost.

use tokio::sync::{mpsc, oneshot};

use crate::{Result, Store, StoreError, WriteMeta};

/// Events written per transaction at most.
const BATCH: usize = 512;

struct Event {
    meta: WriteMeta,
    action: String,
    person_id: Option<i64>,
    detail: String,
    done: oneshot::Sender<std::result::Result<(), String>>,
}

/// The sending half, shared by every clone of a [`Store`]; the writer task ends when the
/// last clone is dropped.
#[derive(Debug, Clone)]
pub(crate) struct EventWriter {
    tx: mpsc::UnboundedSender<Event>,
}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.action)
    }
}

impl EventWriter {
    /// Starts the writer task for `store` (which must not hold this writer yet).
    pub(crate) fn start(store: Store) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(store, rx));
        EventWriter { tx }
    }
}

async fn run(store: Store, mut rx: mpsc::UnboundedReceiver<Event>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let outcome = write(&store, &batch).await.map_err(|e| e.to_string());
        for e in batch.drain(..) {
            let _ = e.done.send(outcome.clone());
        }
    }
}

async fn write(store: &Store, batch: &[Event]) -> Result<()> {
    let mut tx = store.begin_write().await?;
    // One multi-row statement per fifty events, not one statement each.
    let mut rows = crate::bulk::Loader::new(crate::bulk::tables::AUDIT);
    for e in batch {
        let row = crate::audit::event_row(&e.meta, &e.action, e.person_id, None, &e.detail);
        rows.push(&mut tx, row).await?;
    }
    rows.flush(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// Queues an event for the next group commit without waiting for it: for lists (a
    /// search's results), answered as soon as they are found. A crash in the milliseconds
    /// before the commit can lose the event; a record opened uses [`Store::record_event`].
    pub fn queue_event(
        &self,
        meta: &WriteMeta,
        action: &str,
        person_id: Option<i64>,
        detail: &str,
    ) -> Result<()> {
        let writer = self
            .events
            .get_or_init(|| EventWriter::start(self.without_writer()));
        let (done, _) = oneshot::channel();
        writer
            .tx
            .send(Event {
                meta: meta.clone(),
                action: action.to_string(),
                person_id,
                detail: detail.to_string(),
                done,
            })
            .map_err(|_| StoreError::Other("event writer stopped".into()))
    }

    /// Records a read (PDPA: opening a full record is itself recorded), a sign-in or a
    /// refusal; returns once the event is committed.
    pub async fn record_event(
        &self,
        meta: &WriteMeta,
        action: &str,
        person_id: Option<i64>,
        detail: &str,
    ) -> Result<()> {
        let writer = self
            .events
            .get_or_init(|| EventWriter::start(self.without_writer()));
        let (done, answer) = oneshot::channel();
        writer
            .tx
            .send(Event {
                meta: meta.clone(),
                action: action.to_string(),
                person_id,
                detail: detail.to_string(),
                done,
            })
            .map_err(|_| StoreError::Other("event writer stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Other("event writer stopped".into()))?
            .map_err(StoreError::Other)
    }
}
