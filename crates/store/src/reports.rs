//! Reads for the annual HR report (seed 002): who served when, and what happened in a year.
//! The report folds them in memory (`usecases::reports`), so a whole-BMA report is three
//! statements whatever its number of tables.

use bmahr_core::personnel::Category;
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::ThaiDate;

use crate::row::{code, date, opt_code, opt_int};
use crate::{Result, Store};

/// A period in service (active or suspended) of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSpan {
    pub from: ThaiDate,
    /// First day after it (`9999-12-31` while it lasts).
    pub until: ThaiDate,
    pub position_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub category: Option<Category>,
}

impl ServiceSpan {
    pub fn covers(&self, on: ThaiDate) -> bool {
        self.from <= on && on < self.until
    }
}

/// A live action of a period: where and in which category it fell (the action's position,
/// or for one without a position, such as a separation, the person's placement the day
/// before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub kind: ActionKind,
    pub effective_date: ThaiDate,
    pub separation: Option<SeparationReason>,
    pub penalty: Option<PenaltyKind>,
    pub unit_id: Option<i64>,
    pub category: Option<Category>,
}

impl Store {
    /// Periods in service that overlap `[first, last]`, optionally only in some units.
    pub async fn service_spans(
        &self,
        first: ThaiDate,
        last: ThaiDate,
        units: Option<&[i64]>,
    ) -> Result<Vec<ServiceSpan>> {
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(u) => crate::row::and_in("unit_id", u),
        };
        let rows = sqlx::query(&format!(
            "SELECT valid_from, valid_to, position_id, unit_id, category FROM register_spans \
             WHERE valid_to > $1 AND valid_from <= $2 AND status IN ('active', 'suspended'){filter}"
        ))
        .bind(first.iso())
        .bind(last.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ServiceSpan {
                    from: date(r, "valid_from")?,
                    until: date(r, "valid_to")?,
                    position_id: opt_int(r, "position_id")?,
                    unit_id: opt_int(r, "unit_id")?,
                    category: opt_code(r, "category", Category::parse)?,
                })
            })
            .collect()
    }

    /// Live actions taking effect in `[first, last]`, each with its unit and category.
    pub async fn movements(&self, first: ThaiDate, last: ThaiDate) -> Result<Vec<Movement>> {
        let rows = sqlx::query(
            "SELECT a.kind, a.effective_date, a.separation, a.penalty, \
             COALESCE(p.unit_id, s.unit_id) AS unit_id, COALESCE(p.category, s.category) AS category \
             FROM actions a \
             LEFT JOIN positions p ON p.id = a.position_id \
             LEFT JOIN register_spans s ON s.person_id = a.person_id \
               AND s.valid_from < a.effective_date AND s.valid_to >= a.effective_date \
             WHERE a.effective_date >= $1 AND a.effective_date <= $2 \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id)",
        )
        .bind(first.iso())
        .bind(last.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Movement {
                    kind: code(r, "kind", ActionKind::parse)?,
                    effective_date: date(r, "effective_date")?,
                    separation: opt_code(r, "separation", SeparationReason::parse)?,
                    penalty: opt_code(r, "penalty", PenaltyKind::parse)?,
                    unit_id: opt_int(r, "unit_id")?,
                    category: opt_code(r, "category", Category::parse)?,
                })
            })
            .collect()
    }
}
