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

/// One audit event as a row of `bulk::tables::AUDIT`.
pub(crate) fn event_row(
    meta: &WriteMeta,
    action: &str,
    person_id: Option<i64>,
    order_id: Option<i64>,
    detail: &str,
) -> Vec<crate::bulk::Val> {
    vec![
        meta.at.as_str().into(),
        meta.actor.as_str().into(),
        action.into(),
        meta.reason.as_str().into(),
        person_id.into(),
        order_id.into(),
        meta.request_ref.as_deref().into(),
        detail.into(),
    ]
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
    ///
    /// For a person the trail has two sources, each read along its own index: the events
    /// about the person, and those of the orders with an action on them. An `OR` of the two
    /// would make the database sort every event of a much-viewed record.
    pub async fn audit(&self, q: &AuditQuery) -> Result<Vec<AuditEvent>> {
        let limit = if q.limit <= 0 {
            100
        } else {
            q.limit.min(10_000)
        };
        let offset = q.offset.max(0);
        let Some(p) = q.person_id else {
            return self.audit_from(q, Source::All, limit, offset).await;
        };
        let wanted = offset.saturating_add(limit);
        let mut events = self.audit_from(q, Source::Person(p), wanted, 0).await?;
        events.extend(self.audit_from(q, Source::OrdersOf(p), wanted, 0).await?);
        events.sort_by(|a, b| (&b.at, b.id).cmp(&(&a.at, a.id)));
        events.dedup_by_key(|e| e.id);
        Ok(events
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect())
    }

    async fn audit_from(
        &self,
        q: &AuditQuery,
        source: Source,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AuditEvent>> {
        let mut sql = String::from(
            "SELECT id, at, actor, action, reason, person_id, order_id, request_ref, detail \
             FROM audit_events WHERE 1=1",
        );
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        match source {
            Source::All => {}
            Source::Person(_) => sql.push_str(&format!(" AND person_id = {}", next())),
            Source::OrdersOf(_) => sql.push_str(&format!(
                " AND order_id IN (SELECT order_id FROM actions WHERE person_id = {})",
                next()
            )),
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
        if let Source::Person(p) | Source::OrdersOf(p) = source {
            query = query.bind(p);
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
        query = query.bind(limit).bind(offset);
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(event).collect()
    }
}

/// Where the events of an audit query come from.
#[derive(Debug, Clone, Copy)]
enum Source {
    All,
    /// Events naming the person.
    Person(i64),
    /// Events of the orders with an action on the person.
    OrdersOf(i64),
}

/// An audit event's kind in words, for people reading the log (the code stays in exports).
pub fn action_label(code: &str) -> (&'static str, &'static str) {
    match code {
        "order.apply" => ("ลงนาม/บันทึกคำสั่ง", "order signed and applied"),
        "draft.create" => ("ร่างคำสั่ง", "order drafted"),
        "draft.update" => ("แก้ไขร่างคำสั่ง", "draft edited"),
        "draft.withdraw" => ("ถอนร่างคำสั่ง", "draft withdrawn"),
        "draft.sign" => ("ลงนามร่างคำสั่ง", "draft signed"),
        "person.create" => ("ลงทะเบียนบุคคล", "person registered"),
        "person.view" => ("เปิดดูทะเบียนประวัติ", "record opened"),
        "person.name_change" => ("เปลี่ยนชื่อ", "name changed"),
        "person.contact_update" => ("แก้ไขข้อมูลติดต่อ", "contact details changed"),
        "position.create" => ("กำหนดตำแหน่งในกรอบ", "position created"),
        "unit.create" => ("ตั้งหน่วยงาน", "unit created"),
        "unit.close" => ("ยุบ/ปิดหน่วยงาน", "unit closed"),
        "holiday.put" => ("กำหนดวันหยุด", "holiday set"),
        "holiday.delete" => ("ลบวันหยุด", "holiday removed"),
        "user.create" => ("สร้างบัญชีผู้ใช้", "account created"),
        "user.office" => ("กำหนดตำแหน่งผู้มีอำนาจของบัญชี", "account's office set"),
        "user.password_change" => ("เปลี่ยนรหัสผ่าน", "password changed"),
        "token.create" => ("สร้างโทเคน", "API token created"),
        "login.ok" => ("เข้าสู่ระบบ", "signed in"),
        "login.failed" => ("เข้าสู่ระบบไม่สำเร็จ", "sign-in failed"),
        "login.locked" => ("ระงับการเข้าสู่ระบบชั่วคราว", "sign-in paused"),
        "logout" => ("ออกจากระบบ", "signed out"),
        "access.denied" => ("ปฏิเสธการเข้าถึง", "access refused"),
        _ => ("", ""),
    }
}
