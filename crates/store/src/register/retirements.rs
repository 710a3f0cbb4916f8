//! Who retires at the end of a fiscal year.

use bmahr_core::law::retirement::{births_retiring_in, retirement_date};
use bmahr_core::person::PersonName;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{FiscalYear, ThaiDate};

use crate::frame::LATEST_NAME;
use crate::row::{date, int, opt_code, opt_int, opt_text};
use crate::sort::{order_by, Sort, SortColumn};
use crate::{Result, Store};

/// The columns the retirement list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetireeSort {
    /// Unit code, then position number (the list's usual order).
    #[default]
    Unit,
    /// Thai name (dictionary order).
    Name,
    /// Position number.
    Position,
    /// Level's code.
    Level,
    /// Retirement date (the birth date).
    Retires,
}

impl SortColumn for RetireeSort {
    const ALL: &'static [Self] = &[
        RetireeSort::Name,
        RetireeSort::Position,
        RetireeSort::Level,
        RetireeSort::Unit,
        RetireeSort::Retires,
    ];
    fn code(self) -> &'static str {
        match self {
            RetireeSort::Name => "name",
            RetireeSort::Position => "position",
            RetireeSort::Level => "level",
            RetireeSort::Unit => "unit",
            RetireeSort::Retires => "retires",
        }
    }
}

/// Which retirees a page lists: category filter and order on top of the year and units.
#[derive(Debug, Clone, Copy, Default)]
pub struct RetireeFilter {
    pub category: Option<Category>,
    pub sort: Sort<RetireeSort>,
}

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
        self.retirees_where(fy, on, units, RetireeFilter::default(), limit, offset)
            .await
    }

    /// [`Store::retirees`] of one category (or all), in the order asked.
    pub async fn retirees_where(
        &self,
        fy: FiscalYear,
        on: ThaiDate,
        units: Option<&[i64]>,
        f: RetireeFilter,
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
        // The category's code comes from its enum.
        let filter = match f.category {
            Some(c) => format!("{filter} AND s.category = '{}'", c.code()),
            None => filter,
        };
        let names = crate::collation::by_thai_name("n");
        let names: Vec<&str> = names.split(", ").collect();
        let terms: Vec<&str> = match f.sort.key {
            RetireeSort::Unit => vec!["u.code", "pos.position_no"],
            RetireeSort::Name => names.clone(),
            RetireeSort::Position => vec!["pos.position_no"],
            RetireeSort::Level => vec!["s.level", "u.code"],
            RetireeSort::Retires => vec!["p.birth_date"],
        };
        let order = order_by(&terms, f.sort.dir, &names.join(", "));
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
             ORDER BY {order}, p.id LIMIT $4 OFFSET $5"
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
