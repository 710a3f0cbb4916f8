//! Who retires at the end of a fiscal year.

use bmahr_core::law::retirement::{births_retiring_in, retirement_date};
use bmahr_core::person::PersonName;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{FiscalYear, ThaiDate};

use crate::frame::LATEST_NAME;
use crate::row::{date, int, opt_code, opt_int, opt_text};
use crate::{Result, Store};

/// A person in service who retires at the end of the fiscal year asked, where they stand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Retiree {
    pub person_id: i64,
    /// For drafting their retirement order; never shown by the list (PDPA).
    #[serde(skip)]
    pub national_id: String,
    pub name: PersonName,
    pub retirement_date: ThaiDate,
    pub position_no: Option<String>,
    pub line_of_work: Option<String>,
    pub category: Option<Category>,
    pub level: Option<Level>,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub unit_name_th: Option<String>,
    pub unit_name_en: Option<String>,
}

impl Store {
    /// One page of the people in service on `on` (optionally only in `units`) who retire at
    /// the end of `fy`, by unit and position number (then Thai name, for anyone without a
    /// position), and how many there are in all.
    pub async fn retirees(
        &self,
        fy: FiscalYear,
        on: ThaiDate,
        units: Option<&[i64]>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Retiree>, i64)> {
        let (lo, hi) = births_retiring_in(fy);
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok((Vec::new(), 0)),
            Some(u) => format!(
                " AND s.unit_id IN ({})",
                u.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        };
        let from = format!(
            "FROM register_spans s JOIN people p ON p.id = s.person_id \
             WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended') \
             AND p.birth_date >= $2 AND p.birth_date <= $3{filter}"
        );
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from}"))
            .bind(on.iso())
            .bind(lo.iso())
            .bind(hi.iso())
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT p.id, p.national_id, p.birth_date, n.title, n.first_th, n.last_th, n.first_en, n.last_en, \
             pos.position_no, pos.line_of_work, s.category, s.level, s.unit_id, \
             u.code AS unit_code, u.name_th AS unit_name_th, u.name_en AS unit_name_en \
             FROM register_spans s JOIN people p ON p.id = s.person_id \
             JOIN person_names n ON {LATEST_NAME} \
             LEFT JOIN positions pos ON pos.id = s.position_id \
             LEFT JOIN units u ON u.id = s.unit_id \
             WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended') \
             AND p.birth_date >= $2 AND p.birth_date <= $3{filter} \
             ORDER BY u.code, pos.position_no, {names}, p.id LIMIT $4 OFFSET $5",
            names = crate::collation::by_thai_name("n")
        ))
        .bind(on.iso())
        .bind(lo.iso())
        .bind(hi.iso())
        .bind(limit.max(0))
        .bind(offset.max(0))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .iter()
            .map(|r| {
                Ok(Retiree {
                    person_id: int(r, "id")?,
                    national_id: crate::row::text(r, "national_id")?,
                    name: crate::people::name(r)?,
                    retirement_date: retirement_date(date(r, "birth_date")?),
                    position_no: opt_text(r, "position_no")?,
                    line_of_work: opt_text(r, "line_of_work")?,
                    category: opt_code(r, "category", Category::parse)?,
                    level: opt_code(r, "level", Level::parse)?,
                    unit_id: opt_int(r, "unit_id")?,
                    unit_code: opt_text(r, "unit_code")?,
                    unit_name_th: opt_text(r, "unit_name_th")?,
                    unit_name_en: opt_text(r, "unit_name_en")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }
}
