//! ก.พ.ค.'s list of positions whose holders are grieved against before it (§64 para 2).

use crate::row::{int, opt_text, text};
use crate::{audit, Result, Store, WriteMeta};

/// One entry: the heads of every unit of a kind, the head of one unit, or one position.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KpkNamed {
    pub id: i64,
    pub unit_kind: Option<String>,
    pub unit_code: Option<String>,
    pub position_no: Option<String>,
    pub note: String,
    pub added_by: String,
    pub added_at: String,
}

impl Store {
    pub async fn kpk_named(&self) -> Result<Vec<KpkNamed>> {
        let rows = sqlx::query(
            "SELECT id, unit_kind, unit_code, position_no, note, added_by, added_at FROM kpk_named ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(KpkNamed {
                    id: int(r, "id")?,
                    unit_kind: opt_text(r, "unit_kind")?,
                    unit_code: opt_text(r, "unit_code")?,
                    position_no: opt_text(r, "position_no")?,
                    note: text(r, "note")?,
                    added_by: text(r, "added_by")?,
                    added_at: text(r, "added_at")?,
                })
            })
            .collect()
    }

    /// Adds an entry (exactly one of the three is given; the caller checks it).
    pub async fn add_kpk_named(
        &self,
        unit_kind: Option<&str>,
        unit_code: Option<&str>,
        position_no: Option<&str>,
        note: &str,
        meta: &WriteMeta,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO kpk_named (unit_kind, unit_code, position_no, note, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(unit_kind)
        .bind(unit_code)
        .bind(position_no)
        .bind(note)
        .bind(&meta.actor)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;
        let what = unit_kind.or(unit_code).or(position_no).unwrap_or("");
        audit::record(&mut tx, meta, "kpk_named.add", None, None, what).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn remove_kpk_named(&self, id: i64, meta: &WriteMeta) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("DELETE FROM kpk_named WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            audit::record(
                &mut tx,
                meta,
                "kpk_named.remove",
                None,
                None,
                &id.to_string(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Whether the head of a unit (by kind and code), or a position, is on the list.
    pub async fn is_kpk_named(
        &self,
        unit_kind: Option<&str>,
        unit_code: Option<&str>,
        position_no: Option<&str>,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM kpk_named WHERE (unit_kind IS NOT NULL AND unit_kind = $1) \
             OR (unit_code IS NOT NULL AND unit_code = $2) OR (position_no IS NOT NULL AND position_no = $3)",
        )
        .bind(unit_kind.unwrap_or(""))
        .bind(unit_code.unwrap_or(""))
        .bind(position_no.unwrap_or(""))
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }
}
