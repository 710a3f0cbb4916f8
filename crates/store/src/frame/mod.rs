//! Units, positions and the manpower frame: the tree of units and their names ([`units`]),
//! the positions of the frame ([`positions`]), and the frame on a date with who holds each
//! position and counts per unit (below).

pub(crate) mod positions;
pub(crate) mod units;

pub use positions::{NewPosition, PositionRow};
pub use units::{NewUnit, UnitName, UnitRow};

use std::collections::HashMap;

use bmahr_core::person::PersonName;
use bmahr_core::register::Status;
use bmahr_core::ThaiDate;

use crate::frame::positions::{position, POSITION_COLS};
use crate::row::{code, int, text};
use crate::sort::{order_by, Sort, SortColumn};
use crate::{Result, Store};

/// Join condition picking a person's name in force now (the latest name row), for `n`
/// joined to `p`.
pub(crate) const LATEST_NAME: &str =
    "n.person_id = p.id AND n.id = (SELECT n2.id FROM person_names n2 \
     WHERE n2.person_id = p.id ORDER BY n2.valid_from DESC, n2.id DESC LIMIT 1)";

/// Spans of people in service on `$1`.
const IN_SERVICE_ON: &str =
    "s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended')";

/// Every unit's own frame counts by date: at which generation, when, and the counts.
pub(crate) type FrameCountCache =
    HashMap<ThaiDate, (u64, std::time::Instant, std::sync::Arc<Vec<UnitFrameCount>>)>;

/// How long the counts are reused when no write of this process changed the register.
const FRAME_COUNTS_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// Which positions of the frame a listing shows.
#[derive(Debug, Clone, Copy)]
pub struct FrameQuery<'a> {
    pub on: ThaiDate,
    /// Only positions in these units (`None`: the whole BMA).
    pub units: Option<&'a [i64]>,
    /// `Some(true)`: only vacant positions; `Some(false)`: only filled ones.
    pub vacant: Option<bool>,
    /// Only positions of this category.
    pub category: Option<bmahr_core::personnel::Category>,
    /// Only positions of this line of work (สายงาน).
    pub line_of_work: Option<&'a str>,
    /// Only positions of this level.
    pub level: Option<bmahr_core::personnel::Level>,
    /// Only positions whose number starts with, or whose line of work or administrative
    /// title contains, this text.
    pub text: Option<&'a str>,
    pub sort: Sort<PositionSort>,
    pub limit: i64,
    pub offset: i64,
}

/// The columns a list of positions is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionSort {
    /// The position number.
    #[default]
    No,
    /// The line of work, then the administrative title.
    Title,
    /// The level's code.
    Level,
    /// The unit's code.
    Unit,
    /// The category.
    Category,
}

impl SortColumn for PositionSort {
    const ALL: &'static [Self] = &[
        PositionSort::No,
        PositionSort::Title,
        PositionSort::Level,
        PositionSort::Unit,
        PositionSort::Category,
    ];
    fn code(self) -> &'static str {
        match self {
            PositionSort::No => "no",
            PositionSort::Title => "title",
            PositionSort::Level => "level",
            PositionSort::Unit => "unit",
            PositionSort::Category => "category",
        }
    }
}

impl PositionSort {
    fn terms(self) -> &'static [&'static str] {
        match self {
            PositionSort::No => &["p.position_no"],
            PositionSort::Title => &["p.line_of_work", "p.admin_title", "p.position_no"],
            PositionSort::Level => &["p.level", "p.position_no"],
            PositionSort::Unit => &["u.code", "p.position_no"],
            PositionSort::Category => &["p.category", "p.position_no"],
        }
    }
}

/// Who holds a position on the date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Holder {
    pub person_id: i64,
    pub name: PersonName,
    pub status: Status,
}

/// A position of the frame, its unit's names and its holder (none: vacant).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FramePosition {
    pub position: PositionRow,
    pub unit_name_th: String,
    pub unit_name_en: String,
    pub holder: Option<Holder>,
}

/// A unit's own positions on a date (not counting the units below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct UnitFrameCount {
    pub unit_id: i64,
    pub frame: i64,
    pub filled: i64,
}

fn unit_filter(col: &str, units: Option<&[i64]>) -> Option<String> {
    match units {
        None => Some(String::new()),
        Some([]) => None,
        Some(u) => Some(format!(
            " AND {col} IN ({})",
            u.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
    }
}

impl Store {
    /// One page of the positions in the frame on `q.on`, ordered by number, with their
    /// holders, and how many match in all.
    pub async fn frame_on(&self, q: &FrameQuery<'_>) -> Result<(Vec<FramePosition>, i64)> {
        let Some(units) = unit_filter("p.unit_id", q.units) else {
            return Ok((Vec::new(), 0));
        };
        // Whether a position is held, as a lookup of its spans by the index on
        // (position_id, valid_to): a few rows per position, whatever the register's size.
        let held = "EXISTS (SELECT 1 FROM register_spans s WHERE s.position_id = p.id AND s.valid_to > $1 \
             AND s.valid_from <= $1 AND s.status IN ('active', 'suspended'))";
        // Vacant ones from the kept vacancy periods of the same units, which the planner may
        // read first (a few per unit) instead of probing every position for a holder.
        let vacancy = match q.vacant {
            None => String::new(),
            Some(true) => format!(
                " AND p.id IN (SELECT v.position_id FROM position_vacancies v \
                 WHERE v.valid_from <= $1 AND v.valid_to > $1{})",
                unit_filter("v.unit_id", q.units).unwrap_or_default()
            ),
            Some(false) => format!(" AND {held}"),
        };
        // Category and level codes come from their enums; the texts are bound.
        let category = q
            .category
            .map(|c| format!(" AND p.category = '{}'", c.code()))
            .unwrap_or_default();
        let level = q
            .level
            .map(|l| format!(" AND p.level = '{}'", l.code()))
            .unwrap_or_default();
        let mut binds: Vec<String> = vec![q.on.iso()];
        let mut extra = String::new();
        if let Some(l) = q.line_of_work.map(str::trim).filter(|l| !l.is_empty()) {
            binds.push(l.to_string());
            extra.push_str(&format!(" AND p.line_of_work = ${}", binds.len()));
        }
        if let Some(t) = q.text.map(str::trim).filter(|t| !t.is_empty()) {
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            binds.push(format!("{escaped}%"));
            let prefix = binds.len();
            binds.push(format!("%{escaped}%"));
            let inside = binds.len();
            extra.push_str(&format!(
                " AND (p.position_no LIKE ${prefix} ESCAPE '\\' OR p.line_of_work LIKE ${inside} ESCAPE '\\' \
                 OR p.admin_title LIKE ${inside} ESCAPE '\\')"
            ));
        }
        let page = format!("LIMIT ${} OFFSET ${}", binds.len() + 1, binds.len() + 2);
        let filter = format!(
            "p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1){units}{vacancy}{category}{level}{extra}"
        );
        let count_sql = format!("SELECT COUNT(*) FROM positions p WHERE {filter}");
        let mut count = sqlx::query_scalar(&count_sql);
        for b in &binds {
            count = count.bind(b);
        }
        let total: i64 = count.fetch_one(&self.pool).await?;
        let order = order_by(q.sort.key.terms(), q.sort.dir, "p.id");
        let rows_sql = format!(
            "SELECT {POSITION_COLS}, u.name_th AS unit_name_th, u.name_en AS unit_name_en \
             FROM positions p JOIN units u ON u.id = p.unit_id WHERE {filter} \
             ORDER BY {order} {page}"
        );
        let mut rows = sqlx::query(&rows_sql);
        for b in &binds {
            rows = rows.bind(b);
        }
        let rows = rows
            .bind(q.limit.max(0))
            .bind(q.offset.max(0))
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(FramePosition {
                position: position(r)?,
                unit_name_th: text(r, "unit_name_th")?,
                unit_name_en: text(r, "unit_name_en")?,
                holder: None,
            });
        }
        if out.is_empty() {
            return Ok((out, total));
        }
        let ids = out
            .iter()
            .map(|f| f.position.id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows = sqlx::query(&format!(
            "SELECT s.position_id, s.status, p.id AS person_id, n.title, n.first_th, n.last_th, n.first_en, n.last_en \
             FROM register_spans s JOIN people p ON p.id = s.person_id JOIN person_names n ON {LATEST_NAME} \
             WHERE {IN_SERVICE_ON} AND s.position_id IN ({ids}) ORDER BY p.id"
        ))
        .bind(q.on.iso())
        .fetch_all(&self.pool)
        .await?;
        let mut holders: HashMap<i64, Holder> = HashMap::new();
        for r in &rows {
            let h = Holder {
                person_id: int(r, "person_id")?,
                name: crate::people::name(r)?,
                status: code(r, "status", Status::parse)?,
            };
            // Two holders of one position would be an error in the orders; show the first.
            holders.entry(int(r, "position_id")?).or_insert(h);
        }
        for f in &mut out {
            f.holder = holders.remove(&f.position.id);
        }
        Ok((out, total))
    }

    /// Every unit's own frame and filled positions on `on` (units without positions are
    /// left out), reused for a minute unless this process changed the register or the frame
    /// meanwhile (as the dashboard's figures): counting the whole BMA's holders takes a few
    /// hundred milliseconds and the unit tree is a page officers come back to.
    pub async fn unit_frame_counts(&self, on: ThaiDate) -> Result<Vec<UnitFrameCount>> {
        let gen = self.register_gen.load(std::sync::atomic::Ordering::Relaxed);
        if let Ok(cache) = self.frame_counts.lock() {
            if let Some((g, at, counts)) = cache.get(&on) {
                if *g == gen && at.elapsed() < FRAME_COUNTS_TTL {
                    return Ok(counts.as_ref().clone());
                }
            }
        }
        let counts = self.count_unit_frames(on).await?;
        if let Ok(mut cache) = self.frame_counts.lock() {
            if cache.len() > 100 {
                cache.clear();
            }
            cache.insert(
                on,
                (
                    gen,
                    std::time::Instant::now(),
                    std::sync::Arc::new(counts.clone()),
                ),
            );
        }
        Ok(counts)
    }

    /// Filled is the frame less the kept vacancies (a few thousand), not a join with every
    /// holder's period: 206 → 71 ms on PostgreSQL, 209 → 137 ms on SQLite for the 87,000 demo.
    async fn count_unit_frames(&self, on: ThaiDate) -> Result<Vec<UnitFrameCount>> {
        let rows = sqlx::query(
            "SELECT p.unit_id, COUNT(*) AS frame, COUNT(*) - COALESCE(MAX(v.n), 0) AS filled \
             FROM positions p LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM position_vacancies \
                 WHERE valid_from <= $1 AND valid_to > $1 GROUP BY unit_id) v ON v.unit_id = p.unit_id \
             WHERE p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1) \
             GROUP BY p.unit_id ORDER BY p.unit_id",
        )
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UnitFrameCount {
                    unit_id: int(r, "unit_id")?,
                    frame: int(r, "frame")?,
                    filled: int(r, "filled")?,
                })
            })
            .collect()
    }
}

/// One approval of a frame (§14(5)): the positions ก.ก. approved together, from a date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FrameVersion {
    pub valid_from: ThaiDate,
    pub approval_ref: String,
    /// Positions the approval created.
    pub positions: i64,
    /// Of those, how many have since been closed by a later approval.
    pub closed: i64,
}

impl Store {
    /// The dated versions of the frame of some units: each approval, when it took effect and
    /// how many positions it made, oldest first.
    pub async fn frame_versions(&self, units: &[i64]) -> Result<Vec<FrameVersion>> {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(&format!(
            "SELECT valid_from, approval_ref, COUNT(*), \
             SUM(CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END) \
             FROM positions WHERE 1=1{} GROUP BY valid_from, approval_ref ORDER BY valid_from, approval_ref",
            crate::row::and_in("unit_id", units)
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(from, approval_ref, positions, closed)| {
                Some(FrameVersion {
                    valid_from: ThaiDate::parse_iso(&from)?,
                    approval_ref,
                    positions,
                    closed,
                })
            })
            .collect())
    }
}
