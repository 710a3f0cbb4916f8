//! A person's whole record as the profile shows it, kept in memory and served only while the
//! person's version in the database is still the one it was read at. Every write to a person
//! (an order, a correction, a name, contacts) moves that version on in its own transaction.
//! The check is one primary-key read, or none while the person's changes are heard as they
//! commit (`changes.rs`): this process's own at once, another process's within moments (a
//! PostgreSQL notice) or 20 ms (SQLite's watcher). It holds when several servers share one
//! database.
//!
//! The record's trail (its latest events but the openings) is read with the profile and kept
//! with it on the same terms ([`Store::profile_and_trail`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bmahr_core::law::moves::{service_in_periods, ServiceLength};
use bmahr_core::register::{served_periods, ActionKind, AppliedAction, RecordOnDate};
use bmahr_core::ThaiDate;

use crate::audit::{event, naming_person, of_persons_orders, AuditEvent, COLS};
use crate::people::PersonRecord;
use crate::register::end_of_time;
use crate::{Result, Store};

/// Profiles kept at most (about 5 kB each with 20 years of history).
const KEPT: usize = 4_096;

/// A person, their names and every live action.
#[derive(Debug)]
pub struct Profile {
    pub record: PersonRecord,
    /// Every live action in the order they take effect, those signed to take effect later
    /// included.
    pub actions: Vec<AppliedAction>,
    /// Prior service credited by the transfers in that brought them (§57).
    pub credited: Vec<(ThaiDate, ThaiDate)>,
    /// The latest events of the orders with an action on them, read on first use by
    /// [`Store::profile_and_trail`].
    pub(crate) order_events: std::sync::OnceLock<Vec<AuditEvent>>,
}

impl Profile {
    /// The actions in force by `on`.
    pub fn actions_by(&self, on: ThaiDate) -> &[AppliedAction] {
        let n = self.actions.partition_point(|a| a.effective_date <= on);
        &self.actions[..n]
    }

    /// The register's record on `on`.
    pub fn record_on(&self, on: ThaiDate) -> RecordOnDate {
        RecordOnDate::fold(on, self.actions_by(on))
    }

    /// BMA service on `on` (§57): every period in service by the register and the credited
    /// prior service, each day once.
    pub fn service_on(&self, on: ThaiDate) -> ServiceLength {
        service_in_periods(&served_periods(&self.actions, on), on, &self.credited)
    }
}

/// People whose latest change is remembered at most (see `CacheInner::changed`); past this
/// the memory starts afresh and nothing kept is trusted until read again.
const CHANGES_KEPT: usize = 250_000;

/// Profiles kept by person. A listener (PostgreSQL's notices, or on SQLite a watcher of
/// `person_changes`; see `changes.rs`) hears every change to a person as it commits, so a
/// profile read while it listened is served without asking the database again until its
/// person changes ("trusted"); otherwise a profile serves only after its version is read
/// and matches.
#[derive(Debug, Default)]
pub(crate) struct ProfileCache {
    inner: Mutex<CacheInner>,
}

/// The record's trail as last read (the events naming the person, openings aside).
pub(crate) type Trail = Arc<Vec<AuditEvent>>;

#[derive(Debug)]
struct Kept {
    profile: Arc<Profile>,
    /// Served without reading the version (see [`ProfileCache`]).
    trusted: bool,
    /// Read while trusted and heard of no change since: served with the profile.
    trail: Option<Trail>,
}

impl Kept {
    fn distrust(&mut self) {
        self.trusted = false;
        self.trail = None;
    }
}

#[derive(Debug, Default)]
struct CacheInner {
    kept: HashMap<i64, Kept>,
    /// Whether the listener is subscribed now.
    listening: bool,
    /// Moved on whenever the listener connects or is lost: reads begun before are not trusted.
    epoch: u64,
    /// Changes heard so far, and the count at each person's latest.
    heard: u64,
    changed_at: HashMap<i64, u64>,
}

/// Where the listener stood as a read began (see [`ProfileCache::mark`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    listening: bool,
    epoch: u64,
    heard: u64,
}

impl ProfileCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, CacheInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, id: i64, version: i64) -> Option<Arc<Profile>> {
        self.lock()
            .kept
            .get(&id)
            .filter(|k| k.profile.record.person.version == version)
            .map(|k| k.profile.clone())
    }

    /// The profile of `id` if it may be served without reading its version, with the
    /// record's trail if one was kept with it.
    pub(crate) fn trusted(&self, id: i64) -> Option<(Arc<Profile>, Option<Trail>)> {
        let inner = self.lock();
        let k = inner
            .kept
            .get(&id)
            .filter(|k| inner.listening && k.trusted)?;
        Some((k.profile.clone(), k.trail.clone()))
    }

    /// Taken before a person's version is read, and handed to [`Self::trust`] after.
    pub(crate) fn mark(&self) -> Mark {
        let inner = self.lock();
        Mark {
            listening: inner.listening,
            epoch: inner.epoch,
            heard: inner.heard,
        }
    }

    /// Trusts the kept profile `p`, and the `trail` read with it, if the listener heard
    /// every change since `mark` and none of them was to its person.
    pub(crate) fn trust(&self, p: &Arc<Profile>, mark: Mark, trail: Option<Trail>) {
        let mut inner = self.lock();
        let id = p.record.person.id;
        let quiet = inner.changed_at.get(&id).is_none_or(|at| *at <= mark.heard);
        if !(mark.listening && inner.listening && inner.epoch == mark.epoch && quiet) {
            return;
        }
        if let Some(k) = inner.kept.get_mut(&id) {
            if Arc::ptr_eq(&k.profile, p) {
                k.trusted = true;
                // A trail kept from before stays: any change since would have dropped it.
                if trail.is_some() {
                    k.trail = trail;
                }
            }
        }
    }

    /// Person `id` changed (heard from the database, or written by this process).
    pub(crate) fn changed(&self, id: i64) {
        let mut inner = self.lock();
        if inner.changed_at.len() >= CHANGES_KEPT {
            inner.changed_at.clear();
            inner.epoch += 1;
            inner.kept.values_mut().for_each(Kept::distrust);
        }
        inner.heard += 1;
        let heard = inner.heard;
        inner.changed_at.insert(id, heard);
        if let Some(k) = inner.kept.get_mut(&id) {
            k.distrust();
        }
    }

    /// Whether the listener is subscribed now.
    pub(crate) fn is_listening(&self) -> bool {
        self.lock().listening
    }

    /// The listener subscribed (`true`) or was lost: either way what was trusted is not.
    pub(crate) fn listening(&self, now: bool) {
        let mut inner = self.lock();
        inner.listening = now;
        inner.epoch += 1;
        inner.changed_at.clear();
        inner.kept.values_mut().for_each(Kept::distrust);
    }

    fn put(&self, p: Arc<Profile>) {
        let mut inner = self.lock();
        if inner.kept.len() >= KEPT && !inner.kept.contains_key(&p.record.person.id) {
            if let Some(k) = inner.kept.keys().next().copied() {
                inner.kept.remove(&k);
            }
        }
        inner.kept.insert(
            p.record.person.id,
            Kept {
                profile: p,
                trusted: false,
                trail: None,
            },
        );
    }
}

impl Store {
    /// A person's profile: from memory while their version is unchanged, else read afresh.
    pub async fn profile(&self, id: i64) -> Result<Arc<Profile>> {
        if let Some((p, _)) = self.profiles.trusted(id) {
            return Ok(p);
        }
        let mark = self.profiles.mark();
        let mut c = self.reader().await?;
        let version: sqlx::Result<Option<i64>> =
            sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *c)
                .await;
        c.settle(version.is_ok());
        let version = version?;
        let p = self.profile_at(id, version).await?;
        self.profiles.trust(&p, mark, None);
        Ok(p)
    }

    /// Whether profiles are served without reading their version: while the listener of
    /// changes (PostgreSQL) or the watcher of `person_changes` (SQLite) is running.
    pub fn hears_changes(&self) -> bool {
        self.profiles.lock().listening
    }

    /// Whether person `id`'s profile is now served from memory without asking the database
    /// (for tests and diagnostics).
    pub fn profile_trusted(&self, id: i64) -> bool {
        self.profiles.trusted(id).is_some()
    }

    /// The profile of person `id` whose version was just read as `version` (`None`: no
    /// such person, and the read afresh says so).
    pub(crate) async fn profile_at(&self, id: i64, version: Option<i64>) -> Result<Arc<Profile>> {
        if let Some(p) = version.and_then(|v| self.profiles.get(id, v)) {
            return Ok(p);
        }
        // Read in this order, the data is at least as new as the version it is kept under.
        let record = self.person_record(id).await?;
        let actions = self.person_actions(id, end_of_time(), None).await?;
        let credited = if actions.iter().any(|a| a.kind == ActionKind::TransferIn) {
            self.credited_service(id).await?
        } else {
            Vec::new()
        };
        let p = Arc::new(Profile {
            record,
            actions,
            credited,
            order_events: Default::default(),
        });
        self.profiles.put(p.clone());
        Ok(p)
    }
}

/// Events shown on a person's page at most (the page links to the rest in the audit log).
pub const RECORD_TRAIL: usize = 10;

/// A record's trail leaves out its openings (listed apart, with the action `person.view`):
/// they are most of a much-read record's events, and one is written on every page.
const NOT_OPENINGS: &str = " AND action <> 'person.view'";

impl Store {
    /// A person's profile (as [`Store::profile`]) and their record's trail: the latest
    /// [`RECORD_TRAIL`] events of the record but its openings, newest first. The version and
    /// the events naming the person are read together, in one round trip, or
    /// not at all while the listener has heard of no change to the person since (see
    /// `ProfileCache`). The events of the orders with an action on them are read once per
    /// profile: an order's events are written only as it is signed, in the transaction that
    /// moves the version of everyone it names, so they are as current as the profile.
    pub async fn profile_and_trail(&self, id: i64) -> Result<(Arc<Profile>, Vec<AuditEvent>)> {
        if let Some((profile, Some(naming))) = self.profiles.trusted(id) {
            let events = self.with_order_events(id, &profile, &naming).await?;
            return Ok((profile, events));
        }
        let mark = self.profiles.mark();
        let wanted = RECORD_TRAIL as i64;
        // As one row of JSON: each row a driver hands over costs more than reading it
        // (SQLite's rows cross from its worker thread one by one).
        let json = match self.backend() {
            crate::Backend::Sqlite => format!("json_group_array(json_array({COLS}))"),
            crate::Backend::Postgres => {
                format!("CAST(json_agg(json_build_array({COLS})) AS TEXT)")
            }
        };
        let mut c = self.reader().await?;
        let row: sqlx::Result<Option<(i64, Option<String>)>> = sqlx::query_as(&format!(
            "SELECT version, (SELECT {json} FROM ({}) AS mine) FROM people WHERE id = $1",
            naming_person("$1", NOT_OPENINGS, wanted)
        ))
        .bind(id)
        .fetch_optional(&mut *c)
        .await;
        c.settle(row.is_ok());
        let row = row?;
        let profile = self.profile_at(id, row.as_ref().map(|r| r.0)).await?;
        let naming: Vec<AuditEvent> = match row.and_then(|r| r.1) {
            Some(j) => serde_json::from_str(&j).map_err(|e| {
                crate::StoreError::Other(format!("audit trail of person {id}: {e}"))
            })?,
            None => Vec::new(),
        };
        let naming = Arc::new(naming);
        self.profiles.trust(&profile, mark, Some(naming.clone()));
        let events = self.with_order_events(id, &profile, &naming).await?;
        Ok((profile, events))
    }

    /// The trail: the events `naming` the person and those of the orders acting on them,
    /// newest first, at most [`RECORD_TRAIL`].
    async fn with_order_events(
        &self,
        id: i64,
        profile: &Profile,
        naming: &[AuditEvent],
    ) -> Result<Vec<AuditEvent>> {
        let wanted = RECORD_TRAIL as i64;
        let orders = match profile.order_events.get() {
            Some(e) => e,
            None => {
                let read: Vec<AuditEvent> = sqlx::query(&of_persons_orders("$1", "", wanted))
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(event)
                    .collect::<Result<_>>()?;
                profile.order_events.get_or_init(|| read)
            }
        };
        let mut events: Vec<AuditEvent> = naming.iter().chain(orders).cloned().collect();
        events.sort_by(|a, b| (&b.at, b.id).cmp(&(&a.at, a.id)));
        events.dedup_by_key(|e| e.id);
        events.truncate(RECORD_TRAIL);
        Ok(events)
    }
}
