//! The discipline and complaint tables of the annual HR report (seed 002, §29(13)): penalties
//! from the register, complaints from the case files, for a unit subtree and a fiscal year.

use bmahr_core::law::discipline::{ComplaintCategory, ComplaintStatus};
use bmahr_core::register::PenaltyKind;
use bmahr_core::FiscalYear;

use crate::row::{code, int, opt_text, text};
use crate::{Result, Store};

/// Penalties that took effect in the year, by kind and the person's category then.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PenaltyCount {
    pub penalty: PenaltyKind,
    pub category: String,
    pub count: i64,
}

/// Complaints received in the year, by category, status and the respondent's category.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ComplaintCount {
    pub category: ComplaintCategory,
    pub status: ComplaintStatus,
    pub person_category: String,
    pub count: i64,
}

fn units_sql(col: &str, units: Option<&[i64]>) -> String {
    match units {
        None => String::new(),
        Some([]) => " AND 1 = 0".into(),
        Some(ids) => crate::row::and_in(col, ids),
    }
}

impl Store {
    /// Live penalty actions effective in `fy` (and separations by discharge or dismissal),
    /// counted where the person served the day before.
    pub async fn penalty_counts(
        &self,
        units: Option<&[i64]>,
        fy: FiscalYear,
    ) -> Result<Vec<PenaltyCount>> {
        let sql = format!(
            "SELECT COALESCE(a.penalty, a.separation) AS penalty, s.category, COUNT(*) AS n FROM actions a \
             JOIN register_spans s ON s.person_id = a.person_id AND s.valid_from < a.effective_date \
               AND s.valid_to >= a.effective_date \
             WHERE ((a.kind = 'penalty' AND a.penalty IS NOT NULL) \
                 OR (a.kind = 'separate' AND a.separation IN ('discharge', 'dismissal'))) \
             AND a.effective_date >= $1 AND a.effective_date <= $2 \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id){} \
             GROUP BY COALESCE(a.penalty, a.separation), s.category",
            units_sql("s.unit_id", units)
        );
        let rows = sqlx::query(&sql)
            .bind(fy.first_day().iso())
            .bind(fy.last_day().iso())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PenaltyCount {
                    penalty: code(r, "penalty", PenaltyKind::parse)?,
                    category: opt_text(r, "category")?.unwrap_or_default(),
                    count: int(r, "n")?,
                })
            })
            .collect()
    }

    /// Discipline cases opened from a complaint in `fy`, by category, status and respondent.
    pub async fn complaint_counts(
        &self,
        units: Option<&[i64]>,
        fy: FiscalYear,
    ) -> Result<Vec<ComplaintCount>> {
        let sql = format!(
            "SELECT category, COALESCE(person_category, '') AS person_category, \
             CASE WHEN closed = 1 OR stage = 'closed' THEN 'closed' \
                  WHEN stage IN ('allegation', 'fact_finding') THEN 'under_review' \
                  ELSE 'in_disciplinary_process' END AS status, COUNT(*) AS n \
             FROM cases WHERE kind = 'discipline' AND category IS NOT NULL AND fiscal_year = $1{} \
             GROUP BY category, person_category, status",
            units_sql("unit_id", units)
        );
        let rows = sqlx::query(&sql)
            .bind(i64::from(fy.year_be()))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ComplaintCount {
                    category: code(r, "category", ComplaintCategory::parse)?,
                    status: code(r, "status", ComplaintStatus::parse)?,
                    person_category: text(r, "person_category")?,
                    count: int(r, "n")?,
                })
            })
            .collect()
    }
}
