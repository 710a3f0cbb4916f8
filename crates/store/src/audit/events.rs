//! Read and sign-in events, written with group commit.
//!
//! Opening a record must leave a trace (PDPA), so every profile read is a write. One
//! transaction per read makes the readers queue on the database's write lock; instead a
//! single writer task takes every event waiting, writes them in one transaction and only
//! then answers each caller. A caller still returns only after its event is committed, so
//! nothing is acknowledged that could be lost.
//!
//! Lists (a search's results) are tallied instead: per account and kind, how many lists and
//! rows, written as one event a second. A search per event made SQLite's readers wade through
//! a write-ahead log that grew with every search (search 2,339 → 1,331 req/s).

use std::collections::BTreeMap;

use tokio::sync::{mpsc, oneshot};

use super::NewEvent;
use crate::{Result, Store, StoreError, WriteMeta};

/// Events written per transaction at most.
const BATCH: usize = 512;

/// How often tallied lists are written.
const TALLY_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

struct Event {
    meta: WriteMeta,
    action: String,
    person_id: Option<i64>,
    detail: String,
    done: oneshot::Sender<std::result::Result<(), String>>,
}

/// One list read, to be tallied.
struct Listed {
    meta: WriteMeta,
    action: String,
    /// The rows of a list read; `None` for an event only counted ([`Store::tally_event`]).
    rows: Option<usize>,
}

enum Msg {
    Event(Event),
    Listed(Listed),
}

/// Lists read by one account, of one kind, since the last write: (the latest meta, lists,
/// rows, the first instant).
/// Per (actor, action): the last meta, how many, rows (if counted), the first instant.
type Tallies = BTreeMap<(String, String), (WriteMeta, u64, Option<u64>, String)>;

/// The sending half, shared by every clone of a [`Store`]; the writer task ends when the
/// last clone is dropped.
#[derive(Debug, Clone)]
pub(crate) struct EventWriter {
    tx: mpsc::UnboundedSender<Msg>,
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Msg::Event(e) => f.write_str(&e.action),
            Msg::Listed(l) => f.write_str(&l.action),
        }
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

async fn run(store: Store, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut msgs = Vec::with_capacity(BATCH);
    let mut batch: Vec<Event> = Vec::with_capacity(BATCH);
    let mut tallies = Tallies::new();
    // The chain's head this writer left last (see `chain::append_after`).
    let mut head: Option<(i64, String)> = None;
    let mut tick = tokio::time::interval(TALLY_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            n = rx.recv_many(&mut msgs, BATCH) => {
                if n == 0 {
                    // Every handle is gone: what was tallied is written before the task ends.
                    let _ = write_tallies(&store, &mut head, &mut tallies).await;
                    break;
                }
                for m in msgs.drain(..) {
                    match m {
                        Msg::Event(e) => batch.push(e),
                        Msg::Listed(l) => tally(&mut tallies, l),
                    }
                }
                if !batch.is_empty() {
                    let rows: Vec<NewEvent> = batch
                        .iter()
                        .map(|e| NewEvent::of(&e.meta, &e.action, e.person_id, None, &e.detail))
                        .collect();
                    let outcome = write(&store, &mut head, rows).await.map_err(|e| e.to_string());
                    for e in batch.drain(..) {
                        let _ = e.done.send(outcome.clone());
                    }
                }
            }
            _ = tick.tick() => {
                // A failed write keeps the tallies for the next tick.
                let _ = write_tallies(&store, &mut head, &mut tallies).await;
            }
        }
    }
}

fn tally(t: &mut Tallies, l: Listed) {
    let key = (l.meta.actor.clone(), l.action);
    let first = l.meta.at.clone();
    let e = t
        .entry(key)
        .or_insert_with(|| (l.meta.clone(), 0, None, first));
    e.0 = l.meta;
    e.1 += 1;
    if let Some(rows) = l.rows {
        e.2 = Some(e.2.unwrap_or(0) + rows as u64);
    }
}

async fn write_tallies(
    store: &Store,
    head: &mut Option<(i64, String)>,
    t: &mut Tallies,
) -> Result<()> {
    if t.is_empty() {
        return Ok(());
    }
    let rows: Vec<NewEvent> = t
        .iter()
        .map(|((_, action), (meta, lists, rows, first))| {
            let detail = match rows {
                Some(rows) => format!("{lists} lists, {rows} rows, {first} – {}", meta.at),
                None => format!("{lists} times, {first} – {}", meta.at),
            };
            NewEvent::of(meta, action, None, None, &detail)
        })
        .collect();
    write(store, head, rows).await?;
    t.clear();
    Ok(())
}

/// Writes a batch after the chain's head this writer left last (`head`, `None` at first and
/// after a failure), and remembers the new head once committed.
async fn write(
    store: &Store,
    head: &mut Option<(i64, String)>,
    batch: Vec<NewEvent>,
) -> Result<()> {
    let known = head.take();
    let mut tx = store.begin_write().await?;
    // One multi-row statement per few hundred events, not one statement each; the chain's
    // head moved once for the batch.
    let new = super::chain::append_after(&mut tx, known.as_ref(), batch).await?;
    tx.commit().await?;
    *head = Some(new);
    Ok(())
}

impl Store {
    /// Tallies a list read (a search's results: `rows` people) by `meta.actor`: written with
    /// the account's other lists of the same kind as one event within a second, not awaited.
    /// A crash within that second can lose the tally; a record opened uses
    /// [`Store::record_event`].
    pub fn tally_listing(&self, meta: &WriteMeta, action: &str, rows: usize) -> Result<()> {
        let writer = self
            .events
            .get_or_init(|| EventWriter::start(self.without_writer()));
        writer
            .tx
            .send(Msg::Listed(Listed {
                meta: meta.clone(),
                action: action.to_string(),
                rows: Some(rows),
            }))
            .map_err(|_| StoreError::Other("event writer stopped".into()))
    }

    /// Counts an event that may come in floods (a sign-in refused while paused: a guesser
    /// hammering): one event per account and second saying how many, not one each, so the
    /// log cannot be filled by asking. Not awaited, like [`Store::tally_listing`].
    pub fn tally_event(&self, meta: &WriteMeta, action: &str) -> Result<()> {
        let writer = self
            .events
            .get_or_init(|| EventWriter::start(self.without_writer()));
        writer
            .tx
            .send(Msg::Listed(Listed {
                meta: meta.clone(),
                action: action.to_string(),
                rows: None,
            }))
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
            .send(Msg::Event(Event {
                meta: meta.clone(),
                action: action.to_string(),
                person_id,
                detail: detail.to_string(),
                done,
            }))
            .map_err(|_| StoreError::Other("event writer stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Other("event writer stopped".into()))?
            .map_err(StoreError::Other)
    }
}
