use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::{ThaiDate, Violation};
use sqlx::any::AnyRow;

use crate::row::{code, date, int, opt_date, opt_int, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// A unit as stored: one row per period of validity of a code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub name_th: String,
    pub name_en: String,
    pub validity: Validity,
    pub version: i64,
}

/// What a unit is called: fixed for the unit's life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName {
    pub code: String,
    pub name_th: String,
    pub name_en: String,
}

/// A unit to create; its parent is named by code and must be valid on `valid_from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    pub code: String,
    pub parent_code: Option<String>,
    pub kind: UnitKind,
    pub name_th: String,
    pub name_en: String,
    pub validity: Validity,
}

/// The last day an open period is compared with (ISO dates compare as text).
pub(crate) const OPEN_END: &str = "9999-12-31";

/// A stored period (ISO text) as a [`Validity`]; `None` if the row holds no date.
pub(crate) fn stored_validity((from, to): (String, Option<String>)) -> Option<Validity> {
    Some(Validity {
        from: ThaiDate::parse_iso(&from)?,
        to: match to {
            None => None,
            Some(t) => Some(ThaiDate::parse_iso(&t)?),
        },
    })
}

/// `from–to` as shown in a message, an open end in words.
pub(crate) fn period_text(v: &Validity) -> (String, String) {
    match v.to {
        Some(t) => (format!("{}–{t}", v.from), format!("{}–{t}", v.from)),
        None => (format!("{} เป็นต้นไป", v.from), format!("{} onwards", v.from)),
    }
}

/// `, row N` (Thai and English) when the other unit is a row of the file, else nothing.
fn row_text(row: Option<usize>) -> (String, String) {
    row.map_or_else(Default::default, |r| {
        (format!(", แถวที่ {r}"), format!(", row {r}"))
    })
}

impl NewUnit {
    /// The refusal of a unit other than the root without a parent: the units form one tree
    /// under the BMA, so every unit but the root (kind bma) belongs to another.
    pub fn parent_required(kind: UnitKind) -> Violation {
        Violation::new(
            "unit.parent_required",
            "parent_code",
            format!(
                "หน่วยงานประเภท{}ต้องมีหน่วยงานต้นสังกัด: มีเพียงกรุงเทพมหานคร (หน่วยงานสูงสุด) ที่ไม่มีต้นสังกัด",
                kind.th()
            ),
            format!(
                "a unit of kind {} needs a parent_code: only the root (kind bma) has no parent",
                kind.code()
            ),
        )
    }

    /// The refusal of this unit because its code, or one that differs from it only by
    /// case, is in use by another unit (`other_code`, of the register or of the file's
    /// `row`) in `other`, a period that shares a day with this one's: a code names one unit
    /// at a time (a restructure closes the old unit and opens the new one the next day).
    pub fn code_taken(&self, other_code: &str, other: &Validity, row: Option<usize>) -> Violation {
        let (th, en) = period_text(other);
        let (row_th, row_en) = row_text(row);
        let code = &self.code;
        if other_code == code {
            return Violation::new(
                "unit.code_taken",
                "code",
                format!(
                    "รหัสหน่วยงาน \"{code}\" เป็นของหน่วยงานที่ใช้อยู่แล้ว ({th}{row_th}) ซึ่งซ้อนกับช่วงวันที่ของแถวนี้: ปิดหน่วยงานเดิม (วันที่สิ้นสุด) แล้วเริ่มหน่วยงานใหม่วันถัดไป"
                ),
                format!(
                    "unit code \"{code}\" already names a unit ({en}{row_en}) whose period overlaps this row's: close the old unit (valid_to) and start the new one the next day"
                ),
            );
        }
        Violation::new(
            "unit.code_taken",
            "code",
            format!(
                "รหัสหน่วยงาน \"{code}\" ต่างจากรหัส \"{other_code}\" ของหน่วยงานที่ใช้อยู่แล้ว ({th}{row_th}) เพียงตัวพิมพ์เล็ก-ใหญ่ ซึ่งถือเป็นรหัสเดียวกัน: ใช้รหัสอื่น"
            ),
            format!(
                "unit code \"{code}\" differs only by case from \"{other_code}\", which already names a unit ({en}{row_en}) whose period overlaps this row's; codes that differ only by case are the same code: choose another"
            ),
        )
    }

    /// The refusal of this unit of kind bma because another one (`other_code`, of the
    /// register or of the file's `row`) is the root in `other`, a period that shares a day
    /// with this one's: the BMA is one, the root of the one tree of units.
    pub fn root_taken(&self, other_code: &str, other: &Validity, row: Option<usize>) -> Violation {
        let (th, en) = period_text(other);
        let (row_th, row_en) = row_text(row);
        Violation::new(
            "unit.root_taken",
            "kind",
            format!(
                "มีหน่วยงานประเภทกรุงเทพมหานคร (หน่วยงานสูงสุด) อยู่แล้ว คือ \"{other_code}\" ({th}{row_th}) ซึ่งซ้อนกับช่วงวันที่ของแถวนี้: หน่วยงานสูงสุดมีได้หน่วยงานเดียว"
            ),
            format!(
                "there is already a unit of kind bma (the root), \"{other_code}\" ({en}{row_en}), whose period overlaps this row's: there is one root"
            ),
        )
    }
}

/// The id of the unit with this code valid on a date, read on the caller's connection.
pub(crate) async fn unit_id_on(
    conn: &mut sqlx::AnyConnection,
    code: &str,
    on: ThaiDate,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM units WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)",
    )
    .bind(code.trim())
    .bind(on.iso())
    .fetch_optional(conn)
    .await?)
}

pub(crate) const UNIT_COLS: &str =
    "id, code, parent_id, kind, name_th, name_en, valid_from, valid_to, version";

pub(crate) fn unit(r: &AnyRow) -> Result<UnitRow> {
    Ok(UnitRow {
        id: int(r, "id")?,
        code: text(r, "code")?,
        parent_id: opt_int(r, "parent_id")?,
        kind: code(r, "kind", UnitKind::parse)?,
        name_th: text(r, "name_th")?,
        name_en: text(r, "name_en")?,
        validity: Validity {
            from: date(r, "valid_from")?,
            to: opt_date(r, "valid_to")?,
        },
        version: int(r, "version")?,
    })
}

impl Store {
    /// Every unit row, all periods, ordered for a tree walk.
    pub async fn units_all(&self) -> Result<Vec<UnitRow>> {
        Ok(self.units_shared().await?.as_ref().clone())
    }

    /// Every unit, shared: pages ask for unit names on every request and units change
    /// rarely, so they are read again only when their count, highest id or versions change.
    pub async fn units_shared(&self) -> Result<std::sync::Arc<Vec<UnitRow>>> {
        let key: (Option<i64>, i64, Option<i64>) =
            sqlx::query_as("SELECT MAX(id), COUNT(*), CAST(SUM(version) AS BIGINT) FROM units")
                .fetch_one(&self.pool)
                .await?;
        let key = (key.0.unwrap_or(0), key.1, key.2.unwrap_or(0));
        {
            let cached = self.units_cache.read().await;
            if let Some((k, units)) = cached.as_ref() {
                if *k == key {
                    return Ok(units.clone());
                }
            }
        }
        let rows = sqlx::query(&format!(
            "SELECT {UNIT_COLS} FROM units ORDER BY code, valid_from"
        ))
        .fetch_all(&self.pool)
        .await?;
        let units = std::sync::Arc::new(rows.iter().map(unit).collect::<Result<Vec<_>>>()?);
        *self.units_cache.write().await = Some((key, units.clone()));
        Ok(units)
    }

    /// One unit row by id (any period).
    pub async fn unit_by_id(&self, id: i64) -> Result<Option<UnitRow>> {
        // One row by key: cheaper than checking the cache of every unit is current.
        sqlx::query(&format!("SELECT {UNIT_COLS} FROM units WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(unit)
            .transpose()
    }

    /// A unit's code and names, which no write changes once the unit exists (a restructure
    /// closes units and opens new ones), so each is read once per process.
    pub async fn unit_name(&self, id: i64) -> Result<Option<std::sync::Arc<UnitName>>> {
        if let Some(n) = self
            .unit_names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Ok(Some(n.clone()));
        }
        let Some(u) = self.unit_by_id(id).await? else {
            return Ok(None);
        };
        let name = std::sync::Arc::new(UnitName {
            code: u.code,
            name_th: u.name_th,
            name_en: u.name_en,
        });
        self.unit_names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, name.clone());
        Ok(Some(name))
    }

    /// Units valid on a date.
    pub async fn units_on(&self, on: ThaiDate) -> Result<Vec<UnitRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {UNIT_COLS} FROM units WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY code"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(unit).collect()
    }

    /// The unit with this code valid on a date.
    pub async fn unit_by_code(&self, code: &str, on: ThaiDate) -> Result<UnitRow> {
        let r = sqlx::query(&format!(
            "SELECT {UNIT_COLS} FROM units WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)"
        ))
        .bind(code)
        .bind(on.iso())
        .fetch_optional(&self.pool)
        .await?;
        match r {
            Some(r) => unit(&r),
            None => Err(StoreError::not_found(
                "unit",
                "หน่วยงาน",
                "unit",
                &format!("{code} @ {on}"),
            )),
        }
    }

    /// Ids of a unit and every unit below it, across all periods.
    ///
    /// Asked on every authenticated request (a role's scope), so the parent links are kept in
    /// memory: a unit's parent never changes (a restructure creates new units), and new
    /// units are noticed by the highest id and the count.
    pub async fn unit_subtree(&self, root_id: i64) -> Result<Vec<i64>> {
        // The count too: on PostgreSQL a lower id can commit after a higher one.
        let (max, count): (Option<i64>, i64) =
            sqlx::query_as("SELECT MAX(id), COUNT(*) FROM units")
                .fetch_one(&self.pool)
                .await?;
        let max = (max.unwrap_or(0), count);
        {
            let tree = self.unit_tree.read().await;
            if tree.0 == max {
                return Ok(subtree(&tree.1, root_id));
            }
        }
        let rows: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM units")
            .fetch_all(&self.pool)
            .await?;
        let mut children: std::collections::HashMap<i64, Vec<i64>> = Default::default();
        for (id, parent) in rows {
            if let Some(p) = parent {
                children.entry(p).or_default().push(id);
            }
        }
        let out = subtree(&children, root_id);
        *self.unit_tree.write().await = (max, children);
        Ok(out)
    }

    /// Creates units in one transaction: all or none. Each parent (by code) must be valid on
    /// the unit's first day, in the register or earlier in `units`; only the root (kind bma)
    /// has none, and there is one root at a time; a code may be in use by one unit at a time,
    /// whatever its case (issue 21: a second current `BMA`, a `bma`, a `BMA2` of kind bma
    /// and a parentless office are refused).
    pub async fn create_units(&self, units: &[NewUnit], meta: &WriteMeta) -> Result<Vec<i64>> {
        self.insert_units(units, meta, true).await
    }

    /// What [`Store::create_units`] would do, in a transaction that is rolled back: the same
    /// statements and the same refusals, nothing written (`bmahr import --dry-run`). Returns
    /// how many units would be created.
    pub async fn rehearse_create_units(
        &self,
        units: &[NewUnit],
        meta: &WriteMeta,
    ) -> Result<usize> {
        Ok(self.insert_units(units, meta, false).await?.len())
    }

    async fn insert_units(
        &self,
        units: &[NewUnit],
        meta: &WriteMeta,
        commit: bool,
    ) -> Result<Vec<i64>> {
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(units.len());
        for u in units {
            u.validity.check().map_err(StoreError::invalid)?;
            if u.parent_code.is_none() && u.kind != UnitKind::Bma {
                return Err(StoreError::invalid(NewUnit::parent_required(u.kind)));
            }
            let last = u
                .validity
                .to
                .map_or_else(|| OPEN_END.to_string(), |d| d.iso());
            // Codes are compared without regard to case (ASCII, as codes are).
            let taken: Option<(String, String, Option<String>)> = sqlx::query_as(
                "SELECT code, valid_from, valid_to FROM units WHERE UPPER(code) = UPPER($1) \
                 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $3) LIMIT 1",
            )
            .bind(&u.code)
            .bind(&last)
            .bind(u.validity.from.iso())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((code, from, to)) = taken {
                if let Some(other) = stored_validity((from, to)) {
                    return Err(StoreError::invalid(u.code_taken(&code, &other, None)));
                }
            }
            if u.kind == UnitKind::Bma {
                let root: Option<(String, String, Option<String>)> = sqlx::query_as(
                    "SELECT code, valid_from, valid_to FROM units WHERE kind = $1 \
                     AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $3) LIMIT 1",
                )
                .bind(UnitKind::Bma.code())
                .bind(&last)
                .bind(u.validity.from.iso())
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((code, from, to)) = root {
                    if let Some(other) = stored_validity((from, to)) {
                        return Err(StoreError::invalid(u.root_taken(&code, &other, None)));
                    }
                }
            }
            let parent_id = match &u.parent_code {
                None => None,
                Some(pc) => {
                    let p = unit_id_on(&mut tx, pc, u.validity.from).await?;
                    Some(p.ok_or_else(|| {
                        StoreError::invalid(Violation::new(
                            "unit.parent_missing",
                            "parent_code",
                            format!("ไม่พบหน่วยงานต้นสังกัด \"{pc}\" ณ วันที่ {}", u.validity.from),
                            format!("parent unit \"{pc}\" does not exist on {}", u.validity.from),
                        ))
                    })?)
                }
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO units (code, parent_id, kind, name_th, name_en, valid_from, valid_to) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&u.code)
            .bind(parent_id)
            .bind(u.kind.code())
            .bind(&u.name_th)
            .bind(&u.name_en)
            .bind(u.validity.from.iso())
            .bind(u.validity.to.map(|d| d.iso()))
            .fetch_one(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                meta,
                "unit.create",
                None,
                None,
                &format!("unit {} ({})", u.code, u.name_th),
            )
            .await?;
            ids.push(id);
        }
        if commit {
            tx.commit().await?;
            self.touch();
        } else {
            tx.rollback().await?;
        }
        Ok(ids)
    }

    /// Closes a unit on `last_day` (a restructure), refusing a stale version. The row keeps
    /// its history; successors are new rows from the next day.
    pub async fn close_unit(
        &self,
        id: i64,
        last_day: ThaiDate,
        expected_version: i64,
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE units SET valid_to = $1, version = version + 1 WHERE id = $2 AND version = $3 AND valid_to IS NULL",
        )
        .bind(last_day.iso())
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let v: Option<i64> = sqlx::query_scalar("SELECT version FROM units WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match v {
                None => StoreError::not_found("unit", "หน่วยงาน", "unit", &id.to_string()),
                Some(v) => StoreError::stale("unit.version", expected_version, v),
            });
        }
        audit::record(
            &mut tx,
            meta,
            "unit.close",
            None,
            None,
            &format!("unit {id} closed after {last_day}"),
        )
        .await?;
        tx.commit().await?;
        self.touch();
        Ok(())
    }
}

/// `root` and everything below it, breadth first.
fn subtree(children: &std::collections::HashMap<i64, Vec<i64>>, root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        if let Some(c) = children.get(&out[i]) {
            out.extend_from_slice(c);
        }
        i += 1;
    }
    out
}
