//! The register as periods (`register_spans`), kept in step with the actions.

use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{placement_spans, AppliedAction, PlacementSpan, RecordOnDate, Status};
use bmahr_core::Satang;
use bmahr_core::ThaiDate;
use futures_util::TryStreamExt;

use crate::bulk::{tables, Loader, Val};
use crate::register::{applied_action, end_of_time, live_actions_sql};
use crate::row::{code, int, opt_int};
use crate::{Result, Store};

/// `valid_to` of a span that still lasts.
pub(crate) const OPEN_END: &str = "9999-12-31";

/// One person's span as a row of `register_spans`.
pub fn span_row(person_id: i64, s: &PlacementSpan) -> Vec<Val> {
    let p = s.placement.as_ref();
    vec![
        person_id.into(),
        s.from.iso().into(),
        s.until.map_or(OPEN_END.to_string(), |u| u.iso()).into(),
        s.status.code().into(),
        p.map(|p| p.position_id).into(),
        p.map(|p| p.unit_id).into(),
        p.map(|p| p.category.code()).into(),
        p.map(|p| p.level.code()).into(),
        s.service_start.map(|d| d.iso()).into(),
    ]
}

/// Replaces the spans of each person with those of the history given (in effective order),
/// in statements of many rows.
pub(crate) async fn write_spans(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    histories: &std::collections::HashMap<i64, Vec<AppliedAction>>,
) -> Result<()> {
    let mut ids: Vec<i64> = histories.keys().copied().collect();
    ids.sort_unstable();
    // The positions these people held before and hold after: their vacancies change.
    let mut positions: Vec<i64> = Vec::new();
    for chunk in ids.chunks(1_000) {
        positions.extend(
            sqlx::query_scalar::<_, i64>(&format!(
                "SELECT DISTINCT position_id FROM register_spans WHERE position_id IS NOT NULL{}",
                crate::row::and_in("person_id", chunk)
            ))
            .fetch_all(&mut **tx)
            .await?,
        );
        sqlx::query(&format!(
            "DELETE FROM register_spans WHERE 1=1{}",
            crate::row::and_in("person_id", chunk)
        ))
        .execute(&mut **tx)
        .await?;
    }
    let mut loader = Loader::new(tables::REGISTER_SPANS);
    for pid in ids {
        for s in placement_spans(&histories[&pid]) {
            positions.extend(s.placement.as_ref().map(|p| p.position_id));
            loader.push(tx, span_row(pid, &s)).await?;
        }
    }
    loader.flush(tx).await?;
    crate::register::vacancies::write_vacancies(tx, Some(&positions)).await?;
    Ok(())
}

/// Who is in service on a date, from the spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InService {
    pub person_id: i64,
    pub status: Status,
    pub position_id: i64,
    pub unit_id: i64,
    pub category: Category,
    pub level: Level,
}

impl Store {
    /// Everyone in service (active or suspended) on `on`, optionally only in some units.
    pub async fn in_service_on(
        &self,
        on: ThaiDate,
        units: Option<&[i64]>,
    ) -> Result<Vec<InService>> {
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(u) => crate::row::and_in("unit_id", u),
        };
        let rows = sqlx::query(&format!(
            "SELECT person_id, status, position_id, unit_id, category, level FROM register_spans \
             WHERE valid_to > $1 AND valid_from <= $1 AND status IN ('active', 'suspended'){filter}"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(InService {
                    person_id: int(r, "person_id")?,
                    status: code(r, "status", Status::parse)?,
                    position_id: opt_int(r, "position_id")?.unwrap_or(0),
                    unit_id: opt_int(r, "unit_id")?.unwrap_or(0),
                    category: code(r, "category", Category::parse)?,
                    level: code(r, "level", Level::parse)?,
                })
            })
            .collect()
    }

    /// The record on `on` of everyone in service then (optionally only in some units), read
    /// from the periods: status, position and start of service from the span, salary and the
    /// count of actions in force from the live actions. Equal to folding each person's actions
    /// (`verify_spans` checks it), without reading every action of every person.
    pub async fn records_on(
        &self,
        on: ThaiDate,
        units: Option<&[i64]>,
    ) -> Result<Vec<(i64, RecordOnDate)>> {
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(u) => crate::row::and_in("s.unit_id", u),
        };
        const LIVE: &str = "a.person_id = s.person_id AND a.effective_date <= $1 \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id)";
        let rows = sqlx::query(&format!(
            "SELECT s.person_id, s.status, s.service_start, p.id AS position_id, p.position_no, \
             p.unit_id, p.category, p.level, p.line_of_work, \
             (SELECT a.salary FROM actions a WHERE {LIVE} AND a.salary IS NOT NULL \
              ORDER BY a.effective_date DESC, a.id DESC LIMIT 1) AS salary, \
             (SELECT COUNT(*) FROM actions a WHERE {LIVE}) AS applied \
             FROM register_spans s LEFT JOIN positions p ON p.id = s.position_id \
             WHERE s.valid_to > $1 AND s.valid_from <= $1 AND s.status IN ('active', 'suspended'){filter}"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let placement = crate::register::placement(r)?;
                Ok((
                    int(r, "person_id")?,
                    RecordOnDate {
                        as_of: on,
                        status: Some(code(r, "status", Status::parse)?),
                        placement,
                        salary: opt_int(r, "salary")?.map(Satang::from_satang),
                        service_start: crate::row::opt_date(r, "service_start")?,
                        separation: None,
                        actions_applied: int(r, "applied")? as usize,
                    },
                ))
            })
            .collect()
    }

    /// How many of those in service on `on` (optionally in some units) retire in `fy`.
    pub async fn retiring_count(
        &self,
        on: ThaiDate,
        fy: bmahr_core::FiscalYear,
        units: Option<&[i64]>,
    ) -> Result<i64> {
        let (lo, hi) = bmahr_core::law::retirement::births_retiring_in(fy);
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(0),
            Some(u) => crate::row::and_in("s.unit_id", u),
        };
        Ok(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM register_spans s JOIN people p ON p.id = s.person_id \
             WHERE s.valid_to > $1 AND s.valid_from <= $1 AND s.status IN ('active', 'suspended') \
             AND p.birth_date >= $2 AND p.birth_date <= $3{filter}"
        ))
        .bind(on.iso())
        .bind(lo.iso())
        .bind(hi.iso())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Compares the periods with the fold of every person's actions on `on`; returns the
    /// people on whom they disagree (empty when the projection is sound).
    pub async fn verify_spans(&self, on: ThaiDate) -> Result<Vec<i64>> {
        let from_spans: std::collections::BTreeMap<i64, RecordOnDate> =
            self.records_on(on, None).await?.into_iter().collect();
        let mut from_fold = std::collections::BTreeMap::new();
        self.scan_register_on(on, None, |pid, r| {
            if r.in_service() {
                from_fold.insert(pid, r);
            }
        })
        .await?;
        let mut bad: Vec<i64> = from_fold
            .iter()
            .filter(|(k, v)| from_spans.get(k) != Some(v))
            .map(|(k, _)| *k)
            .chain(
                from_spans
                    .keys()
                    .filter(|k| !from_fold.contains_key(k))
                    .copied(),
            )
            .collect();
        bad.sort_unstable();
        bad.dedup();
        Ok(bad)
    }

    /// Recomputes every span from the actions (after an upgrade that added the table, or to
    /// check the projection). One transaction.
    pub async fn rebuild_spans(&self) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM register_spans")
            .execute(&mut *tx)
            .await?;
        let sql = live_actions_sql(false, "", " ORDER BY a.person_id, a.effective_date, a.id");
        let all: Vec<(i64, AppliedAction)> = {
            let mut rows = sqlx::query(&sql).bind(end_of_time().iso()).fetch(&mut *tx);
            let mut out = Vec::new();
            while let Some(r) = rows.try_next().await? {
                out.push(applied_action(&r)?);
            }
            out
        };
        let mut loader = Loader::new(tables::REGISTER_SPANS);
        let mut i = 0;
        while i < all.len() {
            let pid = all[i].0;
            let mut j = i;
            while j < all.len() && all[j].0 == pid {
                j += 1;
            }
            let actions: Vec<AppliedAction> = all[i..j].iter().map(|x| x.1.clone()).collect();
            for s in placement_spans(&actions) {
                loader.push(&mut tx, span_row(pid, &s)).await?;
            }
            i = j;
        }
        loader.flush(&mut tx).await?;
        crate::register::vacancies::write_vacancies(&mut tx, None).await?;
        tx.commit().await?;
        self.touch();
        Ok(loader.written)
    }
}
