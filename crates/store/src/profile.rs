//! A person's whole record as the profile shows it, kept in memory and served only while the
//! person's version in the database is still the one it was read at. Every write to a person
//! (an order, a correction, a name, contacts) moves that version on in its own transaction,
//! so a profile is never older than the database; the check is one primary-key read, and
//! it holds when several servers share one PostgreSQL database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bmahr_core::law::moves::{service_in_periods, ServiceLength};
use bmahr_core::register::{served_periods, ActionKind, AppliedAction, RecordOnDate};
use bmahr_core::ThaiDate;

use crate::register::end_of_time;
use crate::{PersonRecord, Result, Store};

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
    pub(crate) order_events: std::sync::OnceLock<Vec<crate::AuditEvent>>,
    /// A part of the profile's page as last rendered, and its key (see [`Profile::rendered`]).
    rendered: Mutex<Option<(String, Arc<str>)>>,
}

impl Profile {
    /// A part of a page drawn from this profile alone, rendered by `make` once per `key`
    /// (what else it depends on: language, day). Kept with the profile, it is dropped with
    /// the version it was rendered from; one key at a time. The history table is about
    /// 300 bytes a row: with every kept profile rendered at 40 rows, some 50 MB.
    pub fn rendered<E>(
        &self,
        key: &str,
        make: impl FnOnce() -> std::result::Result<String, E>,
    ) -> std::result::Result<Arc<str>, E> {
        let kept = self.rendered.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, html)) = kept.as_ref() {
            if k == key {
                return Ok(html.clone());
            }
        }
        drop(kept);
        let html: Arc<str> = make()?.into();
        *self.rendered.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((key.to_string(), html.clone()));
        Ok(html)
    }

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

#[derive(Debug, Default)]
pub(crate) struct ProfileCache(Mutex<HashMap<i64, Arc<Profile>>>);

impl ProfileCache {
    fn get(&self, id: i64, version: i64) -> Option<Arc<Profile>> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&id)
            .filter(|p| p.record.person.version == version)
            .cloned()
    }

    fn put(&self, p: Arc<Profile>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= KEPT && !map.contains_key(&p.record.person.id) {
            if let Some(k) = map.keys().next().copied() {
                map.remove(&k);
            }
        }
        map.insert(p.record.person.id, p);
    }
}

impl Store {
    /// A person's profile: from memory while their version is unchanged, else read afresh.
    pub async fn profile(&self, id: i64) -> Result<Arc<Profile>> {
        let version: Option<i64> = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        self.profile_at(id, version).await
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
            rendered: Default::default(),
        });
        self.profiles.put(p.clone());
        Ok(p)
    }
}
