//! The audit log's hash chain (issue 21; the format is in `docs/AUDIT.md`).
//!
//! Each event appended carries `prev_hash`, the hash of the event before it, and `hash`, the
//! SHA-256 of a length-prefixed encoding of prev_hash, its id and every column. The chain's
//! head (the last event's id and hash) is one row, taken and moved on in the transaction that
//! appends, which also gives the events their ids: one after the other, without gaps. An event
//! edited, deleted or inserted behind the application's back breaks the chain there, and
//! [`Store::verify_audit_chain`] names the first such event.
//!
//! Every writer of events goes through [`AuditChain`]: one event in a change's transaction
//! ([`super::record`]), the group-commit writer's batches ([`super::events`]), an import's
//! events and the demo's bulk load. The head is held to the commit (on PostgreSQL writers
//! that audit queue there, one after the other), so writers take it as late as they can.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::{AuditEvent, COLS};
use crate::bulk::{Loader, Val};
use crate::row::opt_text;
use crate::{Result, Store, StoreError, WriteMeta};

/// The `prev_hash` of the first chained event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Hashed first, so that a later encoding cannot be mistaken for this one.
const FORMAT: &str = "bmahr.audit.v1";

/// Every column of an appended event, in insert order.
const CHAINED: (&str, &[&str]) = (
    "audit_events",
    &[
        "id",
        "at",
        "actor",
        "action",
        "reason",
        "person_id",
        "order_id",
        "request_ref",
        "detail",
        "prev_hash",
        "hash",
    ],
);

/// Events read per page by [`Store::verify_audit_chain`]: its memory stays bounded whatever
/// the log's length.
const PAGE: i64 = 5_000;

/// One event to append: every audit column but the id, which the chain gives.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub person_id: Option<i64>,
    pub order_id: Option<i64>,
    pub request_ref: Option<String>,
    pub detail: String,
}

impl NewEvent {
    /// The event of a write by `meta`.
    pub fn of(
        meta: &WriteMeta,
        action: &str,
        person_id: Option<i64>,
        order_id: Option<i64>,
        detail: &str,
    ) -> NewEvent {
        NewEvent {
            at: meta.at.clone(),
            actor: meta.actor.clone(),
            action: action.to_string(),
            reason: meta.reason.clone(),
            person_id,
            order_id,
            request_ref: meta.request_ref.clone(),
            detail: detail.to_string(),
        }
    }
}

/// One field of the hashed encoding: NULL is `00`; an integer `01` and its 8 bytes, big-endian;
/// a text `02`, its length in bytes (8 bytes, big-endian) and its UTF-8 bytes. No two
/// different sequences of fields encode the same bytes.
enum Field<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
}

fn feed(h: &mut Sha256, f: Field<'_>) {
    match f {
        Field::Int(None) | Field::Text(None) => h.update([0u8]),
        Field::Int(Some(i)) => {
            h.update([1u8]);
            h.update(i.to_be_bytes());
        }
        Field::Text(Some(s)) => {
            h.update([2u8]);
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
    }
}

/// The hash of event `e` following an event hashed `prev_hash`: lowercase hex SHA-256 of the
/// format tag, prev_hash, the id and every column in table order.
pub fn event_hash(prev_hash: &str, e: &AuditEvent) -> String {
    let mut h = Sha256::new();
    for f in [
        Field::Text(Some(FORMAT)),
        Field::Text(Some(prev_hash)),
        Field::Int(Some(e.id)),
        Field::Text(Some(&e.at)),
        Field::Text(Some(&e.actor)),
        Field::Text(Some(&e.action)),
        Field::Text(Some(&e.reason)),
        Field::Int(e.person_id),
        Field::Int(e.order_id),
        Field::Text(e.request_ref.as_deref()),
        Field::Text(Some(&e.detail)),
    ] {
        feed(&mut h, f);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn is_sqlite(conn: &AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// The chain's head: where the chained events start and the last one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChainHead {
    /// The last event from before the chain (0 on a database created with it).
    pub genesis_id: i64,
    /// The last chained event (`genesis_id` while there is none).
    pub last_id: i64,
    /// Its hash ([`GENESIS_HASH`] while there is none).
    pub hash: String,
}

async fn read_head(conn: &mut AnyConnection, lock: bool) -> Result<ChainHead> {
    let sql = if lock && !is_sqlite(conn) {
        "SELECT genesis_id, last_id, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE"
    } else {
        // SQLite: the write transaction (`BEGIN IMMEDIATE`) already holds the only write lock.
        "SELECT genesis_id, last_id, hash FROM audit_chain_head WHERE id = 1"
    };
    let row: Option<(i64, i64, String)> = sqlx::query_as(sql).fetch_optional(&mut *conn).await?;
    let (genesis_id, last_id, hash) = row.ok_or_else(|| {
        StoreError::Other("the audit log has no chain head (migration 13 missing)".into())
    })?;
    Ok(ChainHead {
        genesis_id,
        last_id,
        hash,
    })
}

/// Appends events to the chain inside the caller's transaction: [`AuditChain::begin`] takes
/// the head (on PostgreSQL `SELECT ... FOR UPDATE`, held to the commit), [`AuditChain::push`]
/// numbers and hashes each event (written in multi-row statements) and
/// [`AuditChain::finish`] writes what is left and moves the head on. Without `finish` the
/// transaction must not commit: the next writer would be given the same ids and refused.
#[must_use = "an AuditChain must be finished before the transaction commits"]
pub struct AuditChain {
    rows: Loader,
    last_id: i64,
    hash: String,
    appended: u64,
}

impl AuditChain {
    /// Takes the chain's head for the caller's transaction.
    pub async fn begin(conn: &mut AnyConnection) -> Result<AuditChain> {
        let head = read_head(conn, true).await?;
        Ok(AuditChain {
            rows: Loader::new(CHAINED),
            last_id: head.last_id,
            hash: head.hash,
            appended: 0,
        })
    }

    /// Appends one event after the last; returns its id.
    pub async fn push(&mut self, conn: &mut AnyConnection, e: NewEvent) -> Result<i64> {
        let row = self.chained_row(e);
        self.rows.push_on(conn, row).await?;
        Ok(self.last_id)
    }

    /// Numbers and hashes `e` after the last event: its row of [`CHAINED`].
    fn chained_row(&mut self, e: NewEvent) -> Vec<Val> {
        let event = AuditEvent {
            id: self.last_id + 1,
            at: e.at,
            actor: e.actor,
            action: e.action,
            reason: e.reason,
            person_id: e.person_id,
            order_id: e.order_id,
            request_ref: e.request_ref,
            detail: e.detail,
        };
        let hash = event_hash(&self.hash, &event);
        let prev = std::mem::replace(&mut self.hash, hash.clone());
        self.last_id = event.id;
        self.appended += 1;
        vec![
            event.id.into(),
            event.at.into(),
            event.actor.into(),
            event.action.into(),
            event.reason.into(),
            event.person_id.into(),
            event.order_id.into(),
            event.request_ref.into(),
            event.detail.into(),
            prev.into(),
            hash.into(),
        ]
    }

    /// Writes the events not yet written and moves the head to the last.
    pub async fn finish(mut self, conn: &mut AnyConnection) -> Result<()> {
        if self.appended == 0 {
            return Ok(());
        }
        self.rows.flush_on(conn).await?;
        sqlx::query("UPDATE audit_chain_head SET last_id = $1, hash = $2 WHERE id = 1")
            .bind(self.last_id)
            .bind(&self.hash)
            .execute(conn)
            .await?;
        Ok(())
    }
}

/// Appends `events` for a writer that remembers the head it left last (the group-commit
/// writer), and returns the new head (last id, hash).
///
/// The head is moved first, by one `UPDATE` guarded by the remembered head (which also takes
/// PostgreSQL's row lock to the commit), and the events written after it: one statement fewer
/// than [`AuditChain`] per batch. Only when another writer moved the head since (the guard
/// matches no row) is it read afresh, as [`AuditChain::begin`] does.
pub(crate) async fn append_after(
    conn: &mut AnyConnection,
    known: Option<&(i64, String)>,
    events: Vec<NewEvent>,
) -> Result<(i64, String)> {
    if let Some((last_id, hash)) = known {
        let mut chain = AuditChain {
            rows: Loader::new(CHAINED),
            last_id: *last_id,
            hash: hash.clone(),
            appended: 0,
        };
        let rows: Vec<Vec<Val>> = events
            .iter()
            .map(|e| chain.chained_row(e.clone()))
            .collect();
        let moved = sqlx::query(
            "UPDATE audit_chain_head SET last_id = $1, hash = $2 \
             WHERE id = 1 AND last_id = $3 AND hash = $4",
        )
        .bind(chain.last_id)
        .bind(&chain.hash)
        .bind(last_id)
        .bind(hash)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if moved == 1 {
            for row in rows {
                chain.rows.push_on(conn, row).await?;
            }
            chain.rows.flush_on(conn).await?;
            return Ok((chain.last_id, chain.hash));
        }
    }
    let mut chain = AuditChain::begin(conn).await?;
    for e in events {
        chain.push(conn, e).await?;
    }
    let head = (chain.last_id, chain.hash.clone());
    chain.finish(conn).await?;
    Ok(head)
}

/// What [`Store::verify_audit_chain`] found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChainReport {
    /// Events from before the chain (up to the head's `genesis_id`): not chained, not checked.
    pub predating: i64,
    /// Ids from 1 to `genesis_id` with no event: events from before the chain deleted, or ids
    /// taken by transactions rolled back before migration 13 (PostgreSQL's identity leaves
    /// those gaps), which the log cannot tell apart. Reported, not a broken link.
    pub predating_missing: i64,
    /// Chained events that were checked and hold.
    pub checked: i64,
    /// The head the walk went to.
    pub head: ChainHead,
    /// The first broken link, if any.
    pub broken: Option<ChainBreak>,
}

/// The first event at which the chain does not hold, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChainBreak {
    pub id: i64,
    pub problem: ChainProblem,
}

/// Why a link is broken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainProblem {
    /// The event's columns are not those it was hashed with: edited after it was written.
    Edited,
    /// Its `prev_hash` is not the hash of the event before it: that one was rewritten with
    /// a new hash, or this one was put here from elsewhere.
    Unlinked,
    /// Events `id` to `to` are missing: deleted.
    Missing { to: i64 },
    /// The event has no hash: written past the chain.
    Unhashed,
    /// The log ends before the head's event: events `id` to `head` were deleted.
    Truncated { head: i64 },
    /// The head's hash is not the last event's: the head row was changed.
    HeadMismatch,
    /// An event after the head: written past the chain.
    AfterHead,
    /// The event's hash is not the one noted for it (an anchor): the chain was rewritten
    /// from this event or before.
    AnchorMismatch { expected: String },
    /// An anchor names an event that is not in the chain.
    AnchorMissing,
    /// An event up to the head's `genesis_id` carries a hash or prev_hash: events from before
    /// the chain have neither, so the chain's start was moved forward over chained events.
    StartMoved,
    /// The event at the head's `genesis_id` (the last one from before the chain, which
    /// migration 13 took as the start) is not in the log; `last` is the log's last event (0
    /// when it is empty). Beyond it: the chain's start was moved; otherwise it was deleted.
    StartMissing { last: i64 },
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.id;
        match &self.problem {
            ChainProblem::Edited => write!(
                f,
                "เหตุการณ์ #{id} ถูกแก้ไขหลังบันทึก (ข้อมูลไม่ตรงกับค่าแฮช) / event #{id} was edited after it was written (its columns do not match its hash)"
            ),
            ChainProblem::Unlinked => write!(
                f,
                "เหตุการณ์ #{id} ไม่ต่อจากเหตุการณ์ก่อนหน้า / event #{id} does not follow the event before it (prev_hash differs: the one before was rewritten, or this one was moved or inserted)"
            ),
            ChainProblem::Missing { to } if *to == id => write!(
                f,
                "เหตุการณ์ #{id} หายไป (ถูกลบ) / event #{id} is missing (deleted)"
            ),
            ChainProblem::Missing { to } => write!(
                f,
                "เหตุการณ์ #{id}–#{to} หายไป (ถูกลบ) / events #{id} to #{to} are missing (deleted)"
            ),
            ChainProblem::Unhashed => write!(
                f,
                "เหตุการณ์ #{id} ไม่มีค่าแฮช / event #{id} has no hash (written past the chain)"
            ),
            ChainProblem::Truncated { head } => write!(
                f,
                "บันทึกสิ้นสุดก่อนเหตุการณ์ #{head} ที่หัวสายระบุ / the log ends before event #{head} named by the head: events #{id} to #{head} were deleted"
            ),
            ChainProblem::HeadMismatch => write!(
                f,
                "ค่าแฮชของหัวสายไม่ตรงกับเหตุการณ์ #{id} / the head's hash is not that of event #{id} (the head or the event was changed)"
            ),
            ChainProblem::AfterHead => write!(
                f,
                "เหตุการณ์ #{id} อยู่หลังหัวสาย / event #{id} comes after the chain's head (written past the chain)"
            ),
            ChainProblem::AnchorMismatch { expected } => write!(
                f,
                "ค่าแฮชของเหตุการณ์ #{id} ไม่ตรงกับที่จดไว้ ({expected}) / event #{id}'s hash is not the one noted for it ({expected}): the chain was rewritten from #{id} or before"
            ),
            ChainProblem::AnchorMissing => write!(
                f,
                "ไม่พบเหตุการณ์ #{id} ที่จดไว้ในสาย / the noted event #{id} is not in the chain"
            ),
            ChainProblem::StartMoved => write!(
                f,
                "เหตุการณ์ #{id} อยู่ก่อนจุดเริ่มของสายแต่มีค่าแฮช: จุดเริ่มของสายถูกย้าย / event #{id} is before the chain's start but carries a hash: the chain's start was moved"
            ),
            ChainProblem::StartMissing { last } if *last < id => write!(
                f,
                "จุดเริ่มของสาย (หลังเหตุการณ์ #{id}) อยู่เลยเหตุการณ์สุดท้าย #{last}: จุดเริ่มของสายถูกย้าย / the chain starts after event #{id}, but the log's last event is #{last}: the chain's start was moved"
            ),
            ChainProblem::StartMissing { .. } => write!(
                f,
                "เหตุการณ์ #{id} ซึ่งสายเริ่มต่อจากนั้นหายไป / event #{id}, the last before the chain's start, is missing: it was deleted, or the chain's start was moved"
            ),
        }
    }
}

fn broken(id: i64, problem: ChainProblem) -> Option<ChainBreak> {
    Some(ChainBreak { id, problem })
}

impl Store {
    /// The chain's head as committed.
    pub async fn audit_chain_head(&self) -> Result<ChainHead> {
        let mut conn = self.pool.acquire().await?;
        read_head(&mut conn, false).await
    }

    /// Walks the audit chain from its first event to its head, in one snapshot, a page at a
    /// time, and returns the first broken link, if any: a chain's start moved (an event from
    /// before it that carries a hash, or a start that is not in the log), an event edited,
    /// deleted or written past the chain, or a head that is not the last event's. `anchors` are (event id, hash)
    /// noted earlier (printed by `bmahr audit verify`): a chain rewritten whole from before an
    /// anchor, hashes and all, no longer has the anchor's hash. `progress` is told how many
    /// events were checked after each page.
    pub async fn verify_audit_chain(
        &self,
        anchors: &[(i64, String)],
        mut progress: impl FnMut(i64) + Send,
    ) -> Result<ChainReport> {
        let mut tx = self.begin_read().await?;
        let head = read_head(&mut tx, false).await?;
        // The events from before the chain are not checked, but where the chain starts is:
        // none of them carries a hash (they were written before migration 13), and the last
        // of them, the head's `genesis_id`, is there. Without this, moving `genesis_id`
        // forward and hashing again only the events after it would hold.
        let (predating, numbered, hashed, start): (i64, i64, Option<i64>, Option<i64>) =
            sqlx::query_as(
                "SELECT COUNT(*), \
                        COUNT(CASE WHEN id >= 1 THEN 1 END), \
                        MIN(CASE WHEN hash IS NOT NULL OR prev_hash IS NOT NULL THEN id END), \
                        MAX(id) \
                 FROM audit_events WHERE id <= $1",
            )
            .bind(head.genesis_id)
            .fetch_one(&mut *tx)
            .await?;
        let mut anchors: BTreeMap<i64, &str> =
            anchors.iter().map(|(id, h)| (*id, h.as_str())).collect();
        let mut report = ChainReport {
            predating,
            predating_missing: (head.genesis_id - numbered).max(0),
            checked: 0,
            head: head.clone(),
            broken: None,
        };
        if let Some(id) = hashed {
            report.broken = broken(id, ChainProblem::StartMoved);
        } else if head.genesis_id != 0 && start != Some(head.genesis_id) {
            let last: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM audit_events")
                .fetch_one(&mut *tx)
                .await?;
            report.broken = broken(
                head.genesis_id,
                ChainProblem::StartMissing {
                    last: last.unwrap_or(0),
                },
            );
        }
        if report.broken.is_some() {
            tx.rollback().await?;
            return Ok(report);
        }
        let sql = format!(
            "SELECT {COLS}, prev_hash, hash FROM audit_events \
             WHERE id >= $1 AND id <= $2 ORDER BY id LIMIT {PAGE}"
        );
        let mut next = head.genesis_id + 1;
        let mut prev = GENESIS_HASH.to_string();
        'walk: loop {
            let rows = sqlx::query(&sql)
                .bind(next)
                .bind(head.last_id)
                .fetch_all(&mut *tx)
                .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let e = super::event(r)?;
                let (prev_hash, hash) = (opt_text(r, "prev_hash")?, opt_text(r, "hash")?);
                let problem = match (&prev_hash, &hash) {
                    _ if e.id > next => broken(next, ChainProblem::Missing { to: e.id - 1 }),
                    (Some(p), Some(h)) => {
                        if *p != prev {
                            broken(e.id, ChainProblem::Unlinked)
                        } else if event_hash(p, &e) != *h {
                            broken(e.id, ChainProblem::Edited)
                        } else {
                            match anchors.remove(&e.id) {
                                Some(a) if !a.eq_ignore_ascii_case(h) => broken(
                                    e.id,
                                    ChainProblem::AnchorMismatch {
                                        expected: a.to_string(),
                                    },
                                ),
                                _ => None,
                            }
                        }
                    }
                    _ => broken(e.id, ChainProblem::Unhashed),
                };
                if problem.is_some() {
                    report.broken = problem;
                    break 'walk;
                }
                next = e.id + 1;
                prev = hash.unwrap_or_default();
                report.checked += 1;
            }
            progress(report.checked);
        }
        if report.broken.is_none() {
            let after: Option<i64> =
                sqlx::query_scalar("SELECT MIN(id) FROM audit_events WHERE id > $1")
                    .bind(head.last_id)
                    .fetch_one(&mut *tx)
                    .await?;
            report.broken = if next <= head.last_id {
                broken(next, ChainProblem::Truncated { head: head.last_id })
            } else if prev != head.hash {
                broken(head.last_id, ChainProblem::HeadMismatch)
            } else if let Some(id) = after {
                broken(id, ChainProblem::AfterHead)
            } else {
                anchors
                    .keys()
                    .next()
                    .and_then(|id| broken(*id, ChainProblem::AnchorMissing))
            };
        }
        tx.rollback().await?;
        Ok(report)
    }
}
