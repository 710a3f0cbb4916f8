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

/// The dashboard's figures for some units (or the whole BMA), counted by the database.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Headcount {
    pub in_service: i64,
    pub by_category: Vec<(Category, i64)>,
    pub frame: i64,
    pub filled: i64,
}

impl Headcount {
    pub fn vacant(&self) -> i64 {
        self.frame - self.filled
    }
}

impl Store {
    /// Who is in service on `on` by category, and the frame and how much of it is filled,
    /// within `units` (all when `None`).
    pub async fn headcount(&self, on: ThaiDate, units: Option<&[i64]>) -> Result<Headcount> {
        let (spans, positions) = match units {
            None => (String::new(), String::new()),
            Some([]) => {
                return Ok(Headcount {
                    in_service: 0,
                    by_category: Vec::new(),
                    frame: 0,
                    filled: 0,
                })
            }
            Some(u) => (
                crate::row::and_in("unit_id", u),
                crate::row::and_in("unit_id", u),
            ),
        };
        let live = "valid_from <= $1 AND valid_to > $1 AND status IN ('active', 'suspended')";
        let rows: Vec<(Option<String>, i64)> = sqlx::query_as(&format!(
            "SELECT category, COUNT(*) FROM register_spans WHERE {live}{spans} GROUP BY category"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        let mut by_category: Vec<(Category, i64)> = rows
            .into_iter()
            .filter_map(|(c, n)| Some((Category::parse(&c?).ok()?, n)))
            .collect();
        by_category.sort();
        let frame: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM positions WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1){positions}"
        ))
        .bind(on.iso())
        .fetch_one(&self.pool)
        .await?;
        let filled: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(DISTINCT position_id) FROM register_spans WHERE {live} AND position_id IS NOT NULL{spans}"
        ))
        .bind(on.iso())
        .fetch_one(&self.pool)
        .await?;
        Ok(Headcount {
            in_service: by_category.iter().map(|c| c.1).sum(),
            by_category,
            frame,
            filled,
        })
    }
}

/// Dashboard figures by (date, units): when computed, at which generation, and the figures.
pub(crate) type DashboardCache =
    std::collections::HashMap<(ThaiDate, Vec<i64>), (u64, std::time::Instant, Headcount, i64)>;

/// How long dashboard figures are reused when no write of this process changed the register.
const DASHBOARD_TTL: std::time::Duration = std::time::Duration::from_secs(60);

impl Store {
    /// The dashboard's headcount and this fiscal year's retirements for some units, reused
    /// for a minute unless this process changed the register or the frame meanwhile: counting
    /// the whole BMA's periods takes a few hundred milliseconds and every sign-in lands here.
    pub async fn dashboard_figures(
        &self,
        on: ThaiDate,
        units: Option<&[i64]>,
    ) -> Result<(Headcount, i64)> {
        let key = (on, units.map(<[i64]>::to_vec).unwrap_or_default());
        let gen = self.register_gen.load(std::sync::atomic::Ordering::Relaxed);
        if let Ok(cache) = self.dashboard_cache.lock() {
            if let Some((g, at, h, r)) = cache.get(&key) {
                if *g == gen && at.elapsed() < DASHBOARD_TTL {
                    return Ok((h.clone(), *r));
                }
            }
        }
        let h = self.headcount(on, units).await?;
        let retiring = self.retiring_count(on, FiscalYear::of(on), units).await?;
        if let Ok(mut cache) = self.dashboard_cache.lock() {
            if cache.len() > 10_000 {
                cache.clear();
            }
            cache.insert(key, (gen, std::time::Instant::now(), h.clone(), retiring));
        }
        Ok((h, retiring))
    }
}
