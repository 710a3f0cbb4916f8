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
    /// Set while the draft is back with its drafter for correction (it is still open).
    pub returned: Option<Returned>,
}

/// Why and by whom an open draft was sent back to its drafter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Returned {
    pub note: String,
    pub by: String,
    pub at: String,
}

/// One state of a draft, kept whole: what each write made of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DraftVersion {
    pub version: i64,
    /// `create`, `update`, `return`, `withdraw` or `sign` (or the status a draft had when
    /// versions began to be kept).
    pub event: String,
    pub number: String,
    pub body: String,
    pub note: String,
    pub actor: String,
    pub at: String,
}

/// Which drafts a list shows.
#[derive(Debug, Clone, Default)]
pub struct DraftQuery<'a> {
    pub status: Option<DraftStatus>,
    /// Only those sent back for correction (`Some(true)`) or only those awaiting signature.
    pub returned: Option<bool>,
    /// Issued by one of these units (all when `None`).
    pub units: Option<&'a [i64]>,
    /// A fragment of the order number.
    pub number: Option<&'a str>,
    pub limit: i64,
    pub offset: i64,
}

const DRAFT_COLS: &str =
    "d.id, d.issuer_unit_id, u.code AS issuer_unit, d.number, d.body, d.status, \
     d.version, d.created_by, d.created_at, d.updated_by, d.updated_at, d.order_id, \
     d.returned_note, d.returned_by, d.returned_at";

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
        returned: match crate::row::opt_text(r, "returned_at")? {
            None => None,
            Some(at) => Some(Returned {
                note: crate::row::opt_text(r, "returned_note")?.unwrap_or_default(),
                by: crate::row::opt_text(r, "returned_by")?.unwrap_or_default(),
                at,
            }),
        },
    })
}

/// Keeps the draft's state after a write, in the write's transaction.
async fn keep_version(
    conn: &mut AnyConnection,
    id: i64,
    event: &str,
    note: &str,
    meta: &WriteMeta,
) -> Result<DraftRow> {
    let d = draft_in(&mut *conn, id).await?;
    sqlx::query(
        "INSERT INTO order_draft_versions (draft_id, version, event, number, body, note, actor, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(d.version)
    .bind(event)
    .bind(&d.number)
    .bind(&d.body)
    .bind(note)
    .bind(&meta.actor)
    .bind(&meta.at)
    .execute(&mut *conn)
    .await?;
    Ok(d)
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
pub fn still_open(d: &DraftRow, expected_version: i64) -> Result<()> {
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
    keep_version(conn, id, "sign", "", meta).await?;
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
    Return {
        note: &'a str,
    },
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
        let d = keep_version(&mut tx, id, "create", "", meta).await?;
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

    /// Sends an open draft back to its drafter with `note` saying what to correct; it stays
    /// open, and editing it submits it again.
    pub async fn return_draft(
        &self,
        id: i64,
        expected_version: i64,
        note: &str,
        meta: &WriteMeta,
    ) -> Result<DraftRow> {
        let note = note.trim();
        if note.is_empty() {
            return Err(StoreError::invalid(Violation::new(
                "draft.return_note",
                "note",
                "ระบุสิ่งที่ต้องแก้ไข ผู้ร่างจะเห็นข้อความนี้",
                "say what to correct; the drafter will see this note",
            )));
        }
        self.change_open_draft(id, expected_version, Change::Return { note }, meta)
            .await
    }

    /// Every kept state of a draft, oldest first.
    pub async fn draft_versions(&self, id: i64) -> Result<Vec<DraftVersion>> {
        let rows = sqlx::query(
            "SELECT version, event, number, body, note, actor, at FROM order_draft_versions \
             WHERE draft_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftVersion {
                    version: int(r, "version")?,
                    event: text(r, "event")?,
                    number: text(r, "number")?,
                    body: text(r, "body")?,
                    note: text(r, "note")?,
                    actor: text(r, "actor")?,
                    at: text(r, "at")?,
                })
            })
            .collect()
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
        // Editing a returned draft submits it again: the return is cleared.
        let (sql, action, event, note) = match change {
            Change::Content { .. } => (
                format!(
                    "UPDATE order_drafts SET issuer_unit_id = $5, number = $6, body = $7, \
                     returned_note = NULL, returned_by = NULL, returned_at = NULL, {WHERE}"
                ),
                "draft.update",
                "update",
                "",
            ),
            Change::Withdraw => (
                format!("UPDATE order_drafts SET status = 'withdrawn', {WHERE}"),
                "draft.withdraw",
                "withdraw",
                "",
            ),
            Change::Return { note } => (
                format!(
                    "UPDATE order_drafts SET returned_note = $5, returned_by = $1, returned_at = $2, {WHERE}"
                ),
                "draft.return",
                "return",
                note,
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
        if let Change::Return { note } = change {
            q = q.bind(note);
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
        let d = keep_version(&mut tx, id, event, note, meta).await?;
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
        self.drafts_where(&DraftQuery {
            status: Some(status),
            units,
            limit,
            offset,
            ..Default::default()
        })
        .await
    }

    /// The drafts a query asks for, oldest first, and how many there are.
    pub async fn drafts_where(&self, q: &DraftQuery<'_>) -> Result<(Vec<DraftRow>, i64)> {
        let mut filter = match q.units {
            None => String::new(),
            Some([]) => return Ok((Vec::new(), 0)),
            Some(u) => and_in("d.issuer_unit_id", u),
        };
        if let Some(st) = q.status {
            filter.push_str(&format!(" AND d.status = '{}'", st.code()));
        }
        match q.returned {
            Some(true) => filter.push_str(" AND d.returned_at IS NOT NULL"),
            Some(false) => filter.push_str(" AND d.returned_at IS NULL"),
            None => {}
        }
        let number = format!(
            "%{}%",
            q.number.unwrap_or("").trim().replace(['%', '_'], "")
        );
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM order_drafts d WHERE d.number LIKE $1{filter}"
        ))
        .bind(&number)
        .fetch_one(&self.pool)
        .await?;
        let rows = sqlx::query(&format!(
            "SELECT {DRAFT_COLS} FROM order_drafts d JOIN units u ON u.id = d.issuer_unit_id \
             WHERE d.number LIKE $1{filter} ORDER BY d.id LIMIT $2 OFFSET $3"
        ))
        .bind(&number)
        .bind(q.limit)
        .bind(q.offset)
        .fetch_all(&self.pool)
        .await?;
        let items = rows.iter().map(draft_row).collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }
}
