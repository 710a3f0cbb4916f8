//! Orders awaiting signature. An HR officer drafts; the appointing authority signs, which
//! applies the order and marks the draft signed in one transaction ([`Store::sign_draft`],
//! with the orders). Drafts are versioned like people: a stale edit or a second signature is
//! refused, nothing lost.

use bmahr_core::Violation;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::row::{and_in, int, opt_int, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

bmahr_core::labelled_enum! {
    /// Where a draft stands.
    pub enum DraftStatus: "status" {
        Draft = ("draft", "รอลงนาม", "awaiting signature"),
        Signed = ("signed", "ลงนามแล้ว", "signed"),
        Withdrawn = ("withdrawn", "ถอนร่างแล้ว", "withdrawn"),
    }
}

/// A stored draft. `body` is the order as drafted, in the JSON of the orders API.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DraftRow {
    pub id: i64,
    pub issuer_unit_id: i64,
    pub issuer_unit: String,
    pub number: String,
    pub body: String,
    pub status: DraftStatus,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    pub updated_at: String,
    /// The signed order, once signed.
    pub order_id: Option<i64>,
}

const DRAFT_COLS: &str =
    "d.id, d.issuer_unit_id, u.code AS issuer_unit, d.number, d.body, d.status, \
     d.version, d.created_by, d.created_at, d.updated_by, d.updated_at, d.order_id";

fn draft_row(r: &AnyRow) -> Result<DraftRow> {
    Ok(DraftRow {
        id: int(r, "id")?,
        issuer_unit_id: int(r, "issuer_unit_id")?,
        issuer_unit: text(r, "issuer_unit")?,
        number: text(r, "number")?,
        body: text(r, "body")?,
        status: crate::row::code(r, "status", DraftStatus::parse)?,
        version: int(r, "version")?,
        created_by: text(r, "created_by")?,
        created_at: text(r, "created_at")?,
        updated_by: text(r, "updated_by")?,
        updated_at: text(r, "updated_at")?,
        order_id: opt_int(r, "order_id")?,
    })
}

async fn draft_in(conn: &mut AnyConnection, id: i64) -> Result<DraftRow> {
    let r = sqlx::query(&format!(
        "SELECT {DRAFT_COLS} FROM order_drafts d JOIN units u ON u.id = d.issuer_unit_id WHERE d.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::not_found("draft", "ร่างคำสั่ง", "draft", &id.to_string()))?;
    draft_row(&r)
}

/// Refuses a change to a draft that is no longer open or that someone changed meanwhile.
pub(super) fn still_open(d: &DraftRow, expected_version: i64) -> Result<()> {
    if d.status != DraftStatus::Draft {
        return Err(StoreError::Conflict(Violation::new(
            "draft.closed",
            "draft",
            format!("ร่างคำสั่งนี้{}แล้ว แก้ไขหรือลงนามอีกไม่ได้", d.status.th()),
            format!(
                "this draft is already {}; it cannot be changed or signed",
                d.status.en()
            ),
        )));
    }
    if d.version != expected_version {
        return Err(StoreError::stale("version", expected_version, d.version));
    }
    Ok(())
}

/// Marks a draft signed by `order_id`, inside the order's own transaction.
pub(super) async fn mark_signed(
    conn: &mut AnyConnection,
    id: i64,
    expected_version: i64,
    body: &str,
    order_id: i64,
    meta: &WriteMeta,
) -> Result<()> {
    let d = draft_in(conn, id).await?;
    still_open(&d, expected_version)?;
    let n = sqlx::query(
        "UPDATE order_drafts SET status = 'signed', body = $6, order_id = $1, version = version + 1, \
         updated_by = $2, updated_at = $3 WHERE id = $4 AND version = $5 AND status = 'draft'",
    )
    .bind(order_id)
    .bind(&meta.actor)
    .bind(&meta.at)
    .bind(id)
    .bind(expected_version)
    .bind(body)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::stale(
            "version",
            expected_version,
            d.version + 1,
        ));
    }
    // Its `draft.sign` event is the caller's, appended with the order's after this.
    Ok(())
}

/// What changes in an open draft.
enum Change<'a> {
    Content {
        issuer_unit_id: i64,
        number: &'a str,
        body: &'a str,
    },
    Withdraw,
}

impl Store {
    /// Stores a new draft of an order issued by `issuer_unit_id`.
    pub async fn create_draft(
        &self,
        issuer_unit_id: i64,
        number: &str,
        body: &str,
        meta: &WriteMeta,
    ) -> Result<DraftRow> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO order_drafts (issuer_unit_id, number, body, status, version, created_by, created_at, \
             updated_by, updated_at) VALUES ($1, $2, $3, 'draft', 1, $4, $5, $4, $5) RETURNING id",
        )
        .bind(issuer_unit_id)
        .bind(number.trim())
        .bind(body)
        .bind(&meta.actor)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            meta,
            "draft.create",
            None,
            None,
            &format!("draft {id} ({})", number.trim()),
        )
        .await?;
        let d = draft_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(d)
    }

    /// Replaces an open draft's content, if it is still at `expected_version`.
    pub async fn update_draft(
        &self,
        id: i64,
        expected_version: i64,
        issuer_unit_id: i64,
        number: &str,
        body: &str,
        meta: &WriteMeta,
    ) -> Result<DraftRow> {
        let change = Change::Content {
            issuer_unit_id,
            number: number.trim(),
            body,
        };
        self.change_open_draft(id, expected_version, change, meta)
            .await
    }

    /// Withdraws an open draft; it stays on record.
    pub async fn withdraw_draft(
        &self,
        id: i64,
        expected_version: i64,
        meta: &WriteMeta,
    ) -> Result<DraftRow> {
        self.change_open_draft(id, expected_version, Change::Withdraw, meta)
            .await
    }

    /// Changes an open draft at `expected_version`, with the version and status in the
    /// UPDATE's predicate: a change racing a signature or another change loses (PostgreSQL's
    /// read before it does not lock the row), and nothing is written.
    async fn change_open_draft(
        &self,
        id: i64,
        expected_version: i64,
        change: Change<'_>,
        meta: &WriteMeta,
    ) -> Result<DraftRow> {
        let mut tx = self.begin_write().await?;
        let before = draft_in(&mut tx, id).await?;
        still_open(&before, expected_version)?;
        const WHERE: &str = "version = version + 1, updated_by = $1, updated_at = $2 \
             WHERE id = $3 AND version = $4 AND status = 'draft'";
        let (sql, action) = match change {
            Change::Content { .. } => (
                format!(
                    "UPDATE order_drafts SET issuer_unit_id = $5, number = $6, body = $7, {WHERE}"
                ),
                "draft.update",
            ),
            Change::Withdraw => (
                format!("UPDATE order_drafts SET status = 'withdrawn', {WHERE}"),
                "draft.withdraw",
            ),
        };
        let mut q = sqlx::query(&sql)
            .bind(&meta.actor)
            .bind(&meta.at)
            .bind(id)
            .bind(expected_version);
        if let Change::Content {
            issuer_unit_id,
            number,
            body,
        } = change
        {
            q = q.bind(issuer_unit_id).bind(number).bind(body);
        }
        let n = q.execute(&mut *tx).await?.rows_affected();
        if n != 1 {
            return Err(StoreError::stale(
                "version",
                expected_version,
                before.version + 1,
            ));
        }
        audit::record(&mut tx, meta, action, None, None, &format!("draft {id}")).await?;
        let d = draft_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(d)
    }

    pub async fn draft(&self, id: i64) -> Result<DraftRow> {
        let mut conn = self.pool.acquire().await?;
        draft_in(&mut conn, id).await
    }

    /// Drafts with `status` issued by one of `units` (all when `None`), oldest first, and
    /// how many there are.
    pub async fn drafts(
        &self,
        status: DraftStatus,
        units: Option<&[i64]>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<DraftRow>, i64)> {
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok((Vec::new(), 0)),
            Some(u) => and_in("d.issuer_unit_id", u),
        };
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM order_drafts d WHERE d.status = $1{filter}"
        ))
        .bind(status.code())
        .fetch_one(&self.pool)
        .await?;
        let rows = sqlx::query(&format!(
            "SELECT {DRAFT_COLS} FROM order_drafts d JOIN units u ON u.id = d.issuer_unit_id \
             WHERE d.status = $1{filter} ORDER BY d.id LIMIT $2 OFFSET $3"
        ))
        .bind(status.code())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let items = rows.iter().map(draft_row).collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }
}
