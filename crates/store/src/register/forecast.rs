//! The Office's retirement control (§14(11), §29(12)): how many of those in service today
//! retire in each of the coming fiscal years, by agency, category, line of work and level.

use std::collections::{BTreeMap, HashMap};

use bmahr_core::law::retirement::{births_retiring_in, retirement_fiscal_year};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{FiscalYear, ThaiDate};

use crate::frame::UnitRow;
use crate::row::and_in;
use crate::{Result, Store};

/// One cell of the forecast: so many people of this agency, category, line of work and level
/// retire at the end of fiscal year `fy_be`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ForecastRow {
    pub fy_be: i32,
    /// The agency (district, department, office …) the person's unit belongs to.
    pub agency_id: i64,
    pub agency_code: String,
    pub agency_name_th: String,
    pub agency_name_en: String,
    pub category: Category,
    pub line_of_work: String,
    pub level: Level,
    pub count: i64,
}

/// The agency a unit belongs to: itself if it is one, else its nearest agency ancestor
/// (the whole BMA when none).
fn agency_of(units: &HashMap<i64, &UnitRow>, mut id: i64) -> i64 {
    let start = id;
    for _ in 0..64 {
        let Some(u) = units.get(&id) else {
            return start;
        };
        if u.kind.is_agency() {
            return id;
        }
        match u.parent_id {
            Some(p) => id = p,
            None => return id,
        }
    }
    start
}

bmahr_core::labelled_enum! {
    /// What the retirement forecast is counted by.
    pub enum ForecastBy: "by" {
        Agency = ("agency", "หน่วยงาน", "agency"),
        Category = ("category", "ประเภทบุคลากร", "category"),
        LineOfWork = ("line_of_work", "สายงาน", "line of work"),
        Level = ("level", "ระดับ", "level"),
    }
}

/// One line of the forecast: a group and how many of it retire in each fiscal year.
#[derive(Debug, serde::Serialize)]
pub struct ForecastLine {
    pub key: String,
    pub label_th: String,
    pub label_en: String,
    /// One count per fiscal year of `Forecast::years`.
    pub counts: Vec<i64>,
    pub total: i64,
}

/// Who retires in the coming fiscal years (§14(11), §29(12)), by one dimension.
#[derive(Debug, serde::Serialize)]
pub struct Forecast {
    /// Fiscal years, BE.
    pub years: Vec<i32>,
    pub by: String,
    pub lines: Vec<ForecastLine>,
    /// Per fiscal year, all groups.
    pub totals: Vec<i64>,
    pub total: i64,
}

impl Forecast {
    /// The rows counted by one dimension, over `years` fiscal years from `first`; the
    /// largest groups first (where the Office must plan recruitment).
    pub fn of(rows: &[ForecastRow], by: ForecastBy, first: FiscalYear, years: i32) -> Forecast {
        let fys: Vec<i32> = (0..years.max(1)).map(|i| first.year_be() + i).collect();
        let mut lines: BTreeMap<String, ForecastLine> = BTreeMap::new();
        let mut totals = vec![0i64; fys.len()];
        for r in rows {
            let (key, th, en) = match by {
                ForecastBy::Agency => (
                    r.agency_code.clone(),
                    r.agency_name_th.clone(),
                    r.agency_name_en.clone(),
                ),
                ForecastBy::Category => (
                    r.category.code().into(),
                    r.category.th().into(),
                    r.category.en().into(),
                ),
                ForecastBy::LineOfWork => (
                    r.line_of_work.clone(),
                    r.line_of_work.clone(),
                    r.line_of_work.clone(),
                ),
                ForecastBy::Level => (
                    r.level.code().into(),
                    r.level.th().into(),
                    r.level.en().into(),
                ),
            };
            let Some(i) = fys.iter().position(|y| *y == r.fy_be) else {
                continue;
            };
            let line = lines.entry(key.clone()).or_insert_with(|| ForecastLine {
                key,
                label_th: th,
                label_en: en,
                counts: vec![0; fys.len()],
                total: 0,
            });
            line.counts[i] += r.count;
            line.total += r.count;
            totals[i] += r.count;
        }
        let mut lines: Vec<ForecastLine> = lines.into_values().collect();
        lines.sort_by(|a, b| {
            b.total.cmp(&a.total).then_with(|| match by {
                // A line of work is known by its Thai title: equal counts in Thai order.
                ForecastBy::LineOfWork => bmahr_core::thai_order(&a.key, &b.key),
                // Agencies by code, as the BMA lists them; categories and levels by code.
                ForecastBy::Agency | ForecastBy::Category | ForecastBy::Level => a.key.cmp(&b.key),
            })
        });
        let total = totals.iter().sum();
        Forecast {
            years: fys,
            by: by.code().to_string(),
            lines,
            totals,
            total,
        }
    }
}

type ForecastSource = (
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Store {
    /// The agency each of `units` belongs to (see `agency_of`), as unit rows.
    pub async fn agencies_of(&self, units: &[i64]) -> Result<HashMap<i64, UnitRow>> {
        let all = self.units_all().await?;
        let by_id: HashMap<i64, &UnitRow> = all.iter().map(|u| (u.id, u)).collect();
        Ok(units
            .iter()
            .filter_map(|u| {
                let a = agency_of(&by_id, *u);
                by_id.get(&a).map(|row| (*u, (*row).clone()))
            })
            .collect())
    }

    /// Those in service on `on` (optionally only in `units`) who retire in the `years` fiscal
    /// years from `first`, counted by fiscal year, agency, category, line of work and level.
    pub async fn retirement_forecast(
        &self,
        on: ThaiDate,
        first: FiscalYear,
        years: i32,
        units: Option<&[i64]>,
    ) -> Result<Vec<ForecastRow>> {
        let years = years.clamp(1, 40);
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(u) => and_in("s.unit_id", u),
        };
        let last = FiscalYear::be(first.year_be() + years - 1);
        let (lo, _) = births_retiring_in(first);
        let (_, hi) = births_retiring_in(last);
        let rows: Vec<ForecastSource> = sqlx::query_as(&format!(
            "SELECT p.birth_date, s.unit_id, s.category, s.level, pos.line_of_work \
             FROM register_spans s JOIN people p ON p.id = s.person_id \
             LEFT JOIN positions pos ON pos.id = s.position_id \
             WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended') \
             AND p.birth_date >= $2 AND p.birth_date <= $3{filter}"
        ))
        .bind(on.iso())
        .bind(lo.iso())
        .bind(hi.iso())
        .fetch_all(&self.pool)
        .await?;
        let all = self.units_all().await?;
        let by_id: HashMap<i64, &UnitRow> = all.iter().map(|u| (u.id, u)).collect();
        let mut cells: BTreeMap<(i32, i64, Category, String, Level), i64> = BTreeMap::new();
        for (birth, unit, category, level, line) in rows {
            let (Some(birth), Some(unit), Some(category), Some(level)) = (
                ThaiDate::parse_iso(&birth),
                unit,
                category.and_then(|c| Category::parse(&c).ok()),
                level.and_then(|l| Level::parse(&l).ok()),
            ) else {
                continue;
            };
            let fy = retirement_fiscal_year(birth).year_be();
            let key = (
                fy,
                agency_of(&by_id, unit),
                category,
                line.unwrap_or_default(),
                level,
            );
            *cells.entry(key).or_default() += 1;
        }
        Ok(cells
            .into_iter()
            .map(
                |((fy_be, agency_id, category, line_of_work, level), count)| {
                    let a = by_id.get(&agency_id);
                    ForecastRow {
                        fy_be,
                        agency_id,
                        agency_code: a.map(|u| u.code.clone()).unwrap_or_default(),
                        agency_name_th: a.map(|u| u.name_th.clone()).unwrap_or_default(),
                        agency_name_en: a.map(|u| u.name_en.clone()).unwrap_or_default(),
                        category,
                        line_of_work,
                        level,
                        count,
                    }
                },
            )
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line_of_work: &str, agency_code: &str, count: i64) -> ForecastRow {
        ForecastRow {
            fy_be: 2570,
            agency_id: 1,
            agency_code: agency_code.into(),
            agency_name_th: format!("สำนักงานเขต {agency_code}"),
            agency_name_en: agency_code.into(),
            category: Category::Ordinary,
            line_of_work: line_of_work.into(),
            level: Level::Practitioner,
            count,
        }
    }

    #[test]
    fn largest_first_then_lines_of_work_in_thai_order() {
        let rows = [
            row("ไปรษณีย์", "01", 1),
            row("เจ้าพนักงานธุรการ", "02", 1),
            row("นักทรัพยากรบุคคล", "03", 5),
            row("แพทย์", "04", 1),
            row("ครู", "05", 1),
        ];
        let f = Forecast::of(&rows, ForecastBy::LineOfWork, FiscalYear::be(2570), 1);
        let keys: Vec<&str> = f.lines.iter().map(|l| l.key.as_str()).collect();
        // Code-point order would put เจ้าพนักงานธุรการ, แพทย์ and ไปรษณีย์ after ครู.
        assert_eq!(
            keys,
            ["นักทรัพยากรบุคคล", "ครู", "เจ้าพนักงานธุรการ", "ไปรษณีย์", "แพทย์"]
        );
        // Agencies tie by code.
        let f = Forecast::of(&rows, ForecastBy::Agency, FiscalYear::be(2570), 1);
        let keys: Vec<&str> = f.lines.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys, ["03", "01", "02", "04", "05"]);
    }
}
