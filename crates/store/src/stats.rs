//! Headcounts, frames and retirements on a date, from the register.

use std::collections::{BTreeMap, HashMap, HashSet};

use bmahr_core::law::retirement::retirement_fiscal_year;
use bmahr_core::personnel::Category;
use bmahr_core::register::{SeparationReason, Status};
use bmahr_core::{FiscalYear, ThaiDate};

use crate::{Result, Store};

#[derive(Debug, Clone, serde::Serialize)]
pub struct CategoryCount {
    pub category: Category,
    pub in_service: i64,
    pub positions: i64,
    pub vacant: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RetirementCount {
    pub fiscal_year: FiscalYear,
    pub count: i64,
}

/// The state of the whole register on one date.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub on: ThaiDate,
    pub people_registered: i64,
    pub in_service: i64,
    pub suspended: i64,
    pub by_category: Vec<CategoryCount>,
    pub positions_in_frame: i64,
    pub filled: i64,
    pub vacant: i64,
    /// People in service on `on`, by the fiscal year they retire in (this and the next four).
    pub retiring: Vec<RetirementCount>,
    /// Separations recorded, by fiscal year of the last day of service and reason.
    pub separations: BTreeMap<FiscalYear, BTreeMap<SeparationReason, i64>>,
    pub orders: i64,
    pub actions: i64,
}

impl Store {
    pub async fn summary(&self, on: ThaiDate) -> Result<Summary> {
        // person -> (category, position id), from the register's periods.
        let current = self.in_service_on(on, None).await?;
        let suspended = current
            .iter()
            .filter(|c| c.status == Status::Suspended)
            .count() as i64;
        let in_service: HashMap<i64, (Category, i64)> = current
            .into_iter()
            .map(|c| (c.person_id, (c.category, c.position_id)))
            .collect();
        let mut separations: BTreeMap<FiscalYear, BTreeMap<SeparationReason, i64>> =
            BTreeMap::new();
        // Separations: every live separating action (re-entries after one are rare but kept).
        let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT a.effective_date, a.separation, a.penalty FROM actions a \
             WHERE a.effective_date <= $1 AND a.kind IN ('separate', 'transfer_out', 'penalty') \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id)",
        )
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        for (d, sep, pen) in rows {
            let reason = match (sep.as_deref(), pen.as_deref()) {
                (Some(s), _) => SeparationReason::parse(s).ok(),
                (None, Some("discharge")) => Some(SeparationReason::Discharge),
                (None, Some("dismissal")) => Some(SeparationReason::Dismissal),
                (None, Some(_)) => None,
                (None, None) => Some(SeparationReason::TransferOut),
            };
            // A separation takes effect the day after the last day of service and counts in
            // the fiscal year of that last day: a retirement on 30 September is that year's.
            if let (Some(r), Some(d)) = (reason, ThaiDate::parse_iso(&d)) {
                *separations
                    .entry(FiscalYear::of(d.add_days(-1)))
                    .or_default()
                    .entry(r)
                    .or_default() += 1;
            }
        }
        let positions = self.positions_on(on).await?;
        let held: HashSet<i64> = in_service.values().map(|(_, p)| *p).collect();
        let mut by_cat: BTreeMap<Category, CategoryCount> = BTreeMap::new();
        for c in Category::ALL {
            by_cat.insert(
                *c,
                CategoryCount {
                    category: *c,
                    in_service: 0,
                    positions: 0,
                    vacant: 0,
                },
            );
        }
        for (cat, _) in in_service.values() {
            if let Some(c) = by_cat.get_mut(cat) {
                c.in_service += 1;
            }
        }
        let mut vacant = 0;
        for p in &positions {
            if let Some(c) = by_cat.get_mut(&p.category) {
                c.positions += 1;
                if !held.contains(&p.id) {
                    c.vacant += 1;
                }
            }
            if !held.contains(&p.id) {
                vacant += 1;
            }
        }
        let births: Vec<(i64, String)> = sqlx::query_as("SELECT id, birth_date FROM people")
            .fetch_all(&self.pool)
            .await?;
        let first = FiscalYear::of(on);
        let mut retiring: Vec<RetirementCount> = (0..5)
            .map(|i| RetirementCount {
                fiscal_year: FiscalYear::be(first.year_be() + i),
                count: 0,
            })
            .collect();
        for (id, b) in &births {
            if !in_service.contains_key(id) {
                continue;
            }
            if let Some(b) = ThaiDate::parse_iso(b) {
                let fy = retirement_fiscal_year(b);
                if let Some(r) = retiring.iter_mut().find(|r| r.fiscal_year == fy) {
                    r.count += 1;
                }
            }
        }
        let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
            .fetch_one(&self.pool)
            .await?;
        let actions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM actions")
            .fetch_one(&self.pool)
            .await?;
        Ok(Summary {
            on,
            people_registered: births.len() as i64,
            in_service: in_service.len() as i64,
            suspended,
            by_category: by_cat.into_values().collect(),
            positions_in_frame: positions.len() as i64,
            filled: positions.len() as i64 - vacant,
            vacant,
            retiring,
            separations,
            orders,
            actions,
        })
    }
}
