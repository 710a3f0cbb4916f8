use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{ThaiDate, Violation};
use sqlx::any::AnyRow;

use crate::frame::units::{period_text, stored_validity, OPEN_END};
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

impl NewPosition {
    /// The refusal of this position because its number is held by another position in
    /// `other`, a period that shares a day with this one's: a number names one position of
    /// the frame at a time.
    pub fn number_taken(&self, other: &Validity) -> Violation {
        let (th, en) = period_text(other);
        Violation::new(
            "position.number_taken",
            "position_no",
            format!(
                "เลขที่ตำแหน่ง \"{}\" เป็นของตำแหน่งที่มีอยู่แล้ว ({th}) ซึ่งซ้อนกับช่วงวันที่ของแถวนี้: ยุบตำแหน่งเดิม (วันที่สิ้นสุด) ก่อน หรือใช้เลขที่อื่น",
                self.position_no
            ),
            format!(
                "position number \"{}\" is already held by a position ({en}) whose period overlaps this row's: close the old position (valid_to) first or use another number",
                self.position_no
            ),
        )
    }
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

    /// Creates positions in one transaction: all or none. A number is held by one position
    /// at a time (issue 21: a second current position 5001 is refused).
    pub async fn create_positions(
        &self,
        positions: &[NewPosition],
        meta: &WriteMeta,
    ) -> Result<Vec<i64>> {
        self.insert_positions(positions, meta, true).await
    }

    /// What [`Store::create_positions`] would do, in a transaction that is rolled back
    /// (`bmahr import --dry-run`). Returns how many positions would be created.
    pub async fn rehearse_create_positions(
        &self,
        positions: &[NewPosition],
        meta: &WriteMeta,
    ) -> Result<usize> {
        Ok(self.insert_positions(positions, meta, false).await?.len())
    }

    async fn insert_positions(
        &self,
        positions: &[NewPosition],
        meta: &WriteMeta,
        commit: bool,
    ) -> Result<Vec<i64>> {
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(positions.len());
        for p in positions {
            p.validity.check().map_err(StoreError::invalid)?;
            let taken: Option<(String, Option<String>)> = sqlx::query_as(
                "SELECT valid_from, valid_to FROM positions WHERE position_no = $1 AND valid_from <= $2 \
                 AND (valid_to IS NULL OR valid_to >= $3) LIMIT 1",
            )
            .bind(&p.position_no)
            .bind(p.validity.to.map_or_else(|| OPEN_END.to_string(), |d| d.iso()))
            .bind(p.validity.from.iso())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(other) = taken.and_then(stored_validity) {
                return Err(StoreError::invalid(p.number_taken(&other)));
            }
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
        // A new position is vacant until an order fills it.
        crate::register::vacancies::write_vacancies(&mut tx, Some(&ids)).await?;
        if commit {
            tx.commit().await?;
            self.touch();
        } else {
            tx.rollback().await?;
        }
        Ok(ids)
    }
}
