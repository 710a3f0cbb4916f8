//! Reads for the annual HR report (seed 002), counted in SQL: a whole-BMA report reads a few
//! thousand grouped rows, not the 180,000 periods and 100,000 actions behind them.

use bmahr_core::personnel::Category;
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::ThaiDate;

use crate::row::{code, int, opt_code, opt_int};
use crate::{Result, Store};

/// A position of the frame on a date and whether someone held it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FramePost {
    pub unit_id: i64,
    pub category: Category,
    pub filled: bool,
}

/// How many live actions of one kind (and cause) fell in a unit and category in a period:
/// where the action's position is, or for one without a position (a separation) where the
/// person was placed the day before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub kind: ActionKind,
    pub separation: Option<SeparationReason>,
    /// A serious penalty (dismissal, discharge) ends the service as a separation does.
    pub penalty: Option<PenaltyKind>,
    pub unit_id: Option<i64>,
    pub category: Option<Category>,
    pub count: i64,
}

/// `AND col IN (...)` for some units, nothing for all.
fn unit_filter(col: &str, units: Option<&[i64]>) -> String {
    units
        .map(|u| crate::row::and_in(col, u))
        .unwrap_or_default()
}

const LIVE_SPAN: &str = "status IN ('active', 'suspended')";

impl Store {
    /// The frame on `on` (optionally in some units), each position with whether it was held.
    pub async fn frame_posts(&self, on: ThaiDate, units: Option<&[i64]>) -> Result<Vec<FramePost>> {
        if units.is_some_and(<[i64]>::is_empty) {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(&format!(
            "SELECT p.unit_id, p.category, \
             CASE WHEN EXISTS (SELECT 1 FROM register_spans s WHERE s.position_id = p.id \
               AND s.valid_from <= $1 AND s.valid_to > $1 AND s.{LIVE_SPAN}) THEN 1 ELSE 0 END AS filled \
             FROM positions p WHERE p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1){}",
            unit_filter("p.unit_id", units)
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FramePost {
                    unit_id: int(r, "unit_id")?,
                    category: code(r, "category", Category::parse)?,
                    filled: int(r, "filled")? == 1,
                })
            })
            .collect()
    }

    /// People in service on each of `days` by category: (index of the day, category, count).
    pub async fn headcount_on_days(
        &self,
        days: &[ThaiDate],
        units: Option<&[i64]>,
    ) -> Result<Vec<(usize, Category, i64)>> {
        if days.is_empty() || units.is_some_and(<[i64]>::is_empty) {
            return Ok(Vec::new());
        }
        let filter = unit_filter("unit_id", units);
        // One pass over the periods, a sum per day. Dates are written in (ISO, from
        // `ThaiDate`, never from input) so the statement stays the same on both backends.
        let sums: Vec<String> = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let day = d.iso();
                format!(
                    "SUM(CASE WHEN valid_from <= '{day}' AND valid_to > '{day}' THEN 1 ELSE 0 END) AS n{i}"
                )
            })
            .collect();
        let (first, last) = match (days.iter().min(), days.iter().max()) {
            (Some(f), Some(l)) => (f.iso(), l.iso()),
            _ => return Ok(Vec::new()),
        };
        let rows = sqlx::query(&format!(
            "SELECT category, {} FROM register_spans \
             WHERE valid_to > '{first}' AND valid_from <= '{last}' AND {LIVE_SPAN}{filter} \
             AND category IS NOT NULL GROUP BY category",
            sums.join(", ")
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let c = code(r, "category", Category::parse)?;
            for i in 0..days.len() {
                let n = int(r, &format!("n{i}"))?;
                if n > 0 {
                    out.push((i, c, n));
                }
            }
        }
        Ok(out)
    }

    /// Live actions taking effect in `[first, last]`, counted by kind, cause, unit and
    /// category (optionally only in some units).
    pub async fn movements(
        &self,
        first: ThaiDate,
        last: ThaiDate,
        units: Option<&[i64]>,
    ) -> Result<Vec<Movement>> {
        if units.is_some_and(<[i64]>::is_empty) {
            return Ok(Vec::new());
        }
        const NOT_VOID: &str = "NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id)";
        const IN_PERIOD: &str = "a.effective_date >= $1 AND a.effective_date <= $2";
        let inner = match units {
            // Everywhere: one pass over the period's actions.
            None => format!(
                "SELECT a.kind, a.separation, a.penalty, \
                 COALESCE(p.unit_id, s.unit_id) AS unit_id, COALESCE(p.category, s.category) AS category \
                 FROM actions a \
                 LEFT JOIN positions p ON p.id = a.position_id \
                 LEFT JOIN register_spans s ON a.position_id IS NULL AND s.person_id = a.person_id \
                   AND s.valid_from < a.effective_date AND s.valid_to >= a.effective_date \
                 WHERE {IN_PERIOD} AND {NOT_VOID}"
            ),
            // Some units: from their positions and their people's periods, so a district
            // reads its own actions, not the whole BMA's year.
            Some(u) => format!(
                "SELECT a.kind, a.separation, a.penalty, p.unit_id, p.category \
                 FROM positions p JOIN actions a ON a.position_id = p.id \
                 WHERE {IN_PERIOD} AND {NOT_VOID}{pu} \
                 UNION ALL \
                 SELECT a.kind, a.separation, a.penalty, s.unit_id, s.category \
                 FROM register_spans s JOIN actions a ON a.person_id = s.person_id \
                   AND a.position_id IS NULL AND s.valid_from < a.effective_date AND s.valid_to >= a.effective_date \
                 WHERE s.valid_to >= $1 AND s.valid_from <= $2 AND {IN_PERIOD} AND {NOT_VOID}{su}",
                pu = crate::row::and_in("p.unit_id", u),
                su = crate::row::and_in("s.unit_id", u),
            ),
        };
        let rows = sqlx::query(&format!(
            "SELECT kind, separation, penalty, unit_id, category, COUNT(*) AS n FROM ({inner}) m \
             GROUP BY kind, separation, penalty, unit_id, category"
        ))
        .bind(first.iso())
        .bind(last.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Movement {
                    kind: code(r, "kind", ActionKind::parse)?,
                    separation: opt_code(r, "separation", SeparationReason::parse)?,
                    penalty: opt_code(r, "penalty", PenaltyKind::parse)?,
                    unit_id: opt_int(r, "unit_id")?,
                    category: opt_code(r, "category", Category::parse)?,
                    count: int(r, "n")?,
                })
            })
            .collect()
    }
}
