use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{ThaiDate, Violation};
use sqlx::any::AnyRow;

use crate::row::{code, date, int, opt_date, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// A position in a manpower frame (one row per period of validity of its number).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PositionRow {
    pub id: i64,
    pub position_no: String,
    pub unit_id: i64,
    pub unit_code: String,
    pub category: Category,
    pub level: Level,
    pub line_of_work: String,
    pub admin_title: String,
    pub validity: Validity,
    pub approval_ref: String,
    pub version: i64,
}

/// A position to create in a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPosition {
    pub position_no: String,
    pub unit_code: String,
    pub category: Category,
    pub level: Level,
    pub line_of_work: String,
    pub admin_title: String,
    pub validity: Validity,
    /// The ก.ก. resolution or frame approval that created the position.
    pub approval_ref: String,
}

pub(crate) const POSITION_COLS: &str =
    "p.id, p.position_no, p.unit_id, u.code AS unit_code, p.category, p.level, \
     p.line_of_work, p.admin_title, p.valid_from, p.valid_to, p.approval_ref, p.version";

pub(crate) fn position(r: &AnyRow) -> Result<PositionRow> {
    Ok(PositionRow {
        id: int(r, "id")?,
        position_no: text(r, "position_no")?,
        unit_id: int(r, "unit_id")?,
        unit_code: text(r, "unit_code")?,
        category: code(r, "category", Category::parse)?,
        level: code(r, "level", Level::parse)?,
        line_of_work: text(r, "line_of_work")?,
        admin_title: text(r, "admin_title")?,
        validity: Validity {
            from: date(r, "valid_from")?,
            to: opt_date(r, "valid_to")?,
        },
        approval_ref: text(r, "approval_ref")?,
        version: int(r, "version")?,
    })
}

impl Store {
    /// Every position row, all periods.
    pub async fn positions_all(&self) -> Result<Vec<PositionRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {POSITION_COLS} FROM positions p JOIN units u ON u.id = p.unit_id ORDER BY p.position_no, p.valid_from"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(position).collect()
    }

    /// Positions in the frame on a date.
    pub async fn positions_on(&self, on: ThaiDate) -> Result<Vec<PositionRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {POSITION_COLS} FROM positions p JOIN units u ON u.id = p.unit_id \
             WHERE p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1) ORDER BY p.position_no"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(position).collect()
    }

    /// The position with this number in the frame on a date.
    pub async fn position_by_no(&self, no: &str, on: ThaiDate) -> Result<PositionRow> {
        let r = sqlx::query(&format!(
            "SELECT {POSITION_COLS} FROM positions p JOIN units u ON u.id = p.unit_id \
             WHERE p.position_no = $1 AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to >= $2)"
        ))
        .bind(no)
        .bind(on.iso())
        .fetch_optional(&self.pool)
        .await?;
        match r {
            Some(r) => position(&r),
            None => Err(StoreError::not_found(
                "position_no",
                "ตำแหน่งเลขที่",
                "position number",
                &format!("{no} @ {on}"),
            )),
        }
    }

    /// Creates positions in one transaction: all or none.
    pub async fn create_positions(
        &self,
        positions: &[NewPosition],
        meta: &WriteMeta,
    ) -> Result<Vec<i64>> {
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(positions.len());
        for p in positions {
            p.validity.check().map_err(StoreError::invalid)?;
            let unit_id =
                crate::frame::units::unit_id_on(&mut tx, &p.unit_code, p.validity.from).await?;
            let unit_id = unit_id.ok_or_else(|| {
                StoreError::invalid(Violation::new(
                    "position.unit_missing",
                    "unit_code",
                    format!("ไม่พบหน่วยงาน \"{}\" ณ วันที่ {}", p.unit_code, p.validity.from),
                    format!(
                        "unit \"{}\" does not exist on {}",
                        p.unit_code, p.validity.from
                    ),
                ))
            })?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO positions (position_no, unit_id, category, level, line_of_work, admin_title, valid_from, valid_to, approval_ref) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(&p.position_no)
            .bind(unit_id)
            .bind(p.category.code())
            .bind(p.level.code())
            .bind(&p.line_of_work)
            .bind(&p.admin_title)
            .bind(p.validity.from.iso())
            .bind(p.validity.to.map(|d| d.iso()))
            .bind(&p.approval_ref)
            .fetch_one(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                meta,
                "position.create",
                None,
                None,
                &format!("position {}", p.position_no),
            )
            .await?;
            ids.push(id);
        }
        tx.commit().await?;
        self.touch();
        Ok(ids)
    }
}
