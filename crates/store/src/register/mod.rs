//! The register, derived from the signed orders: a person's live actions and record on a
//! date, by the core's fold of the live (not voided) actions (below); the register as
//! periods, kept in step with the actions ([`spans`]); a person's profile and record's trail,
//! kept in memory ([`profile`]); length of service ([`service`]); and what is counted from
//! it: who retires ([`retirements`]), the retirement forecast ([`forecast`]), headcounts and
//! the dashboard ([`stats`]).

mod forecast;
pub(crate) mod profile;
mod retirements;
mod service;
pub mod spans;
pub(crate) mod stats;
pub mod vacancies;

pub use forecast::{Forecast, ForecastBy, ForecastLine, ForecastRow};
pub use profile::{Profile, RECORD_TRAIL};
pub use retirements::{Retiree, RetireeFilter, RetireeSort};
pub use stats::{CategoryCount, Headcount, RetirementCount, Summary};

use std::collections::HashSet;

use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{
    ActionKind, AppliedAction, PenaltyKind, Placement, RecordOnDate, SeparationReason,
};
use bmahr_core::{Satang, ThaiDate};
use futures_util::TryStreamExt;
use sqlx::any::AnyRow;

use crate::frame::PositionRow;
use crate::people::{PersonRow, PERSON_SELECT};
use crate::row::{code, date, int, opt_code, opt_int, opt_text};
use crate::{Result, Store};

/// A person and their record on a date.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonOnDate {
    pub person: PersonRow,
    pub record: RecordOnDate,
}

/// Live actions with their position as it was. `{known}` narrows to what had been recorded
/// by an instant (transaction time), `{filter}` to some people.
const LIVE_ACTIONS: &str = "SELECT a.id, a.order_id, o.number, a.person_id, a.kind, a.effective_date, a.salary, \
     a.penalty, a.separation, p.id AS position_id, p.position_no, p.unit_id, p.category, p.level, p.line_of_work \
     FROM actions a JOIN orders o ON o.id = a.order_id \
     LEFT JOIN positions p ON p.id = a.position_id \
     WHERE a.effective_date <= $1 {known} {filter} \
     AND NOT EXISTS (SELECT 1 FROM action_voids v {void_known})";

/// A date after every effective date: reading "as of" it sees the whole history.
pub(crate) fn end_of_time() -> ThaiDate {
    ThaiDate::from_ce(9999, 12, 31).unwrap_or(ThaiDate::from_naive(chrono::NaiveDate::MAX))
}

pub(crate) fn live_actions_sql(known: bool, filter: &str, order: &str) -> String {
    LIVE_ACTIONS
        .replace(
            "{known}",
            if known { "AND o.recorded_at <= $2" } else { "" },
        )
        .replace(
            "{void_known}",
            if known {
                "JOIN orders vo ON vo.id = v.voided_by_order_id WHERE v.action_id = a.id AND vo.recorded_at <= $2"
            } else {
                "WHERE v.action_id = a.id"
            },
        )
        .replace("{filter}", filter)
        + order
}

/// The position of a row that joined `positions` (`position_id` NULL: none).
pub(crate) fn placement(r: &AnyRow) -> Result<Option<Placement>> {
    Ok(match opt_int(r, "position_id")? {
        None => None,
        Some(position_id) => Some(Placement {
            position_id,
            position_no: crate::row::text(r, "position_no")?,
            unit_id: int(r, "unit_id")?,
            category: code(r, "category", Category::parse)?,
            level: code(r, "level", Level::parse)?,
            line_of_work: crate::row::text(r, "line_of_work")?,
        }),
    })
}

pub(crate) fn applied_action(r: &AnyRow) -> Result<(i64, AppliedAction)> {
    let placement = placement(r)?;
    Ok((
        int(r, "person_id")?,
        AppliedAction {
            action_id: int(r, "id")?,
            order_id: int(r, "order_id")?,
            order_number: opt_text(r, "number")?.unwrap_or_default(),
            kind: code(r, "kind", ActionKind::parse)?,
            effective_date: date(r, "effective_date")?,
            placement,
            salary: opt_int(r, "salary")?.map(Satang::from_satang),
            penalty: opt_code(r, "penalty", PenaltyKind::parse)?,
            separation: opt_code(r, "separation", SeparationReason::parse)?,
        },
    ))
}

/// A person's live actions, read on the caller's connection (a write transaction reads
/// the register it is about to change).
pub(crate) async fn live_actions_of(
    conn: &mut sqlx::AnyConnection,
    person_id: i64,
    on: ThaiDate,
    known_at: Option<&str>,
) -> Result<Vec<AppliedAction>> {
    let pn = if known_at.is_some() { "$3" } else { "$2" };
    let sql = live_actions_sql(
        known_at.is_some(),
        &format!("AND a.person_id = {pn}"),
        " ORDER BY a.effective_date, a.id",
    );
    let mut q = sqlx::query(&sql).bind(on.iso());
    if let Some(k) = known_at {
        q = q.bind(k.to_string());
    }
    let rows = q.bind(person_id).fetch_all(conn).await?;
    rows.iter()
        .map(|r| applied_action(r).map(|(_, a)| a))
        .collect()
}

/// The whole live history of several people at once (every effective date), read on the
/// caller's connection: one statement per thousand people instead of one per person.
pub(crate) async fn live_histories_of(
    conn: &mut sqlx::AnyConnection,
    people: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<AppliedAction>>> {
    let mut out: std::collections::HashMap<i64, Vec<AppliedAction>> =
        people.iter().map(|p| (*p, Vec::new())).collect();
    for chunk in people.chunks(1_000) {
        let sql = live_actions_sql(
            false,
            &crate::row::and_in("a.person_id", chunk),
            " ORDER BY a.person_id, a.effective_date, a.id",
        );
        let rows = sqlx::query(&sql)
            .bind(end_of_time().iso())
            .fetch_all(&mut *conn)
            .await?;
        for r in &rows {
            let (pid, a) = applied_action(r)?;
            out.entry(pid).or_default().push(a);
        }
    }
    Ok(out)
}

impl Store {
    /// A person's live actions in force by `on`, as the register stood at instant `known_at`
    /// (or now, when `None`), in the order they take effect.
    pub async fn person_actions(
        &self,
        person_id: i64,
        on: ThaiDate,
        known_at: Option<&str>,
    ) -> Result<Vec<AppliedAction>> {
        let mut conn = self.pool.acquire().await?;
        live_actions_of(&mut conn, person_id, on, known_at).await
    }

    /// What the register said of a person on `on`, as recorded by `known_at` (or now).
    pub async fn person_on(
        &self,
        person_id: i64,
        on: ThaiDate,
        known_at: Option<&str>,
    ) -> Result<RecordOnDate> {
        let actions = self.person_actions(person_id, on, known_at).await?;
        Ok(RecordOnDate::fold(on, &actions))
    }

    /// Folds every person's record on `on` and hands each to `visit`, streaming so the whole
    /// history never sits in memory at once. `people` narrows to some ids.
    pub async fn scan_register_on(
        &self,
        on: ThaiDate,
        people: Option<&[i64]>,
        mut visit: impl FnMut(i64, RecordOnDate),
    ) -> Result<()> {
        let filter = match people {
            None => String::new(),
            Some([]) => return Ok(()),
            Some(ids) => format!(
                "AND a.person_id IN ({})",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        };
        let sql = live_actions_sql(
            false,
            &filter,
            " ORDER BY a.person_id, a.effective_date, a.id",
        );
        let mut rows = sqlx::query(&sql).bind(on.iso()).fetch(&self.pool);
        let mut current: Option<i64> = None;
        let mut buf: Vec<AppliedAction> = Vec::new();
        while let Some(r) = rows.try_next().await? {
            let (pid, a) = applied_action(&r)?;
            if current != Some(pid) {
                if let Some(p) = current {
                    visit(p, RecordOnDate::fold(on, &buf));
                }
                buf.clear();
                current = Some(pid);
            }
            buf.push(a);
        }
        if let Some(p) = current {
            visit(p, RecordOnDate::fold(on, &buf));
        }
        Ok(())
    }

    /// Positions of the frame in a unit's subtree on `on` that nobody in service holds.
    pub async fn vacancies_on(&self, unit_id: i64, on: ThaiDate) -> Result<Vec<PositionRow>> {
        let units: HashSet<i64> = self.unit_subtree(unit_id).await?.into_iter().collect();
        let held: HashSet<i64> = self
            .unit_register_on(unit_id, on)
            .await?
            .iter()
            .filter_map(|p| p.record.placement.as_ref().map(|pl| pl.position_id))
            .collect();
        Ok(self
            .positions_on(on)
            .await?
            .into_iter()
            .filter(|p| units.contains(&p.unit_id) && !held.contains(&p.id))
            .collect())
    }

    /// Everyone in service on `on` in a unit or below it, with their record on that date.
    pub async fn unit_register_on(&self, unit_id: i64, on: ThaiDate) -> Result<Vec<PersonOnDate>> {
        let units: HashSet<i64> = self.unit_subtree(unit_id).await?.into_iter().collect();
        let unit_ids: Vec<i64> = units.iter().copied().collect();
        let records: Vec<(i64, RecordOnDate)> = self
            .records_on(on, Some(&unit_ids))
            .await?
            .into_iter()
            .filter(|(_, rec)| {
                rec.placement
                    .as_ref()
                    .is_some_and(|p| units.contains(&p.unit_id))
            })
            .collect();
        let mut out = Vec::with_capacity(records.len());
        for chunk in records.chunks(5_000) {
            let ids = chunk
                .iter()
                .map(|(i, _)| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let rows = sqlx::query(&format!("{PERSON_SELECT} WHERE p.id IN ({ids})"))
                .fetch_all(&self.pool)
                .await?;
            let mut people: std::collections::HashMap<i64, PersonRow> =
                std::collections::HashMap::new();
            for r in &rows {
                let p = crate::people::person_row(r)?;
                people.insert(p.id, p);
            }
            for (pid, rec) in chunk {
                if let Some(person) = people.remove(pid) {
                    out.push(PersonOnDate {
                        person,
                        record: rec.clone(),
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            let ka = a.record.placement.as_ref().map(|p| p.position_no.clone());
            let kb = b.record.placement.as_ref().map(|p| p.position_no.clone());
            ka.cmp(&kb)
        });
        Ok(out)
    }
}
