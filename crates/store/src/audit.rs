use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::row::{int, opt_int, opt_text, text};
use crate::{Result, Store, WriteMeta};

/// One recorded write.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub reason: String,
    pub person_id: Option<i64>,
    pub order_id: Option<i64>,
    pub request_ref: Option<String>,
    pub detail: String,
}

/// Filters of the audit query; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Events about this person, including every order with an action on them.
    pub person_id: Option<i64>,
    pub actor: Option<String>,
    /// One kind of event, e.g. `person.view`.
    pub action: Option<String>,
    /// Inclusive RFC 3339 bounds (a plain date works: `2026-11-23`).
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Writes one audit event inside the caller's transaction, so the event exists exactly
/// when the change it records does.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    meta: &WriteMeta,
    action: &str,
    person_id: Option<i64>,
    order_id: Option<i64>,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor, action, reason, person_id, order_id, request_ref, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&meta.at)
    .bind(&meta.actor)
    .bind(action)
    .bind(&meta.reason)
    .bind(person_id)
    .bind(order_id)
    .bind(meta.request_ref.as_deref())
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

fn event(r: &AnyRow) -> Result<AuditEvent> {
    Ok(AuditEvent {
        id: int(r, "id")?,
        at: text(r, "at")?,
        actor: text(r, "actor")?,
        action: text(r, "action")?,
        reason: text(r, "reason")?,
        person_id: opt_int(r, "person_id")?,
        order_id: opt_int(r, "order_id")?,
        request_ref: opt_text(r, "request_ref")?,
        detail: text(r, "detail")?,
    })
}

impl Store {
    /// The audit trail, newest first.
    pub async fn audit(&self, q: &AuditQuery) -> Result<Vec<AuditEvent>> {
        let mut sql = String::from(
            "SELECT id, at, actor, action, reason, person_id, order_id, request_ref, detail \
             FROM audit_events WHERE 1=1",
        );
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if q.person_id.is_some() {
            let a = next();
            let b = next();
            sql.push_str(&format!(
                " AND (person_id = {a} OR order_id IN (SELECT order_id FROM actions WHERE person_id = {b}))"
            ));
        }
        if q.actor.is_some() {
            sql.push_str(&format!(" AND actor = {}", next()));
        }
        if q.action.is_some() {
            sql.push_str(&format!(" AND action = {}", next()));
        }
        if q.from.is_some() {
            sql.push_str(&format!(" AND at >= {}", next()));
        }
        if q.to.is_some() {
            // A bare date as the upper bound means the whole of that day.
            sql.push_str(&format!(" AND at <= {}", next()));
        }
        sql.push_str(&format!(
            " ORDER BY at DESC, id DESC LIMIT {} OFFSET {}",
            next(),
            next()
        ));
        let mut query = sqlx::query(&sql);
        if let Some(p) = q.person_id {
            query = query.bind(p).bind(p);
        }
        if let Some(a) = &q.actor {
            query = query.bind(a.clone());
        }
        if let Some(a) = &q.action {
            query = query.bind(a.clone());
        }
        if let Some(f) = &q.from {
            query = query.bind(f.clone());
        }
        if let Some(t) = &q.to {
            let t = if t.len() == 10 {
                format!("{t}T99")
            } else {
                t.clone()
            };
            query = query.bind(t);
        }
        let limit = if q.limit <= 0 {
            100
        } else {
            q.limit.min(10_000)
        };
        query = query.bind(limit).bind(q.offset.max(0));
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(event).collect()
    }
}
