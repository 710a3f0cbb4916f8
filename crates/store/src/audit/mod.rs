//! The audit log: every write's event, recorded in the writer's own transaction, the query
//! over the log, the reads and sign-ins recorded by group commit ([`events`]), and the hash
//! chain every event is appended to and verified by ([`chain`]).

pub(crate) mod chain;
pub(crate) mod events;

use sqlx::any::AnyRow;
use sqlx::AnyConnection;

pub use chain::{AuditChain, NewEvent};

use crate::row::{int, opt_int, opt_text, text};
use crate::{Result, Store, WriteMeta};

/// One recorded write.
/// Its fields are in the order of the audit columns, so an event also reads from a JSON array
/// of them (see [`Store::profile_and_trail`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    /// Events about any of these people (e.g. those a searched name matches), as
    /// `person_id` for each; combined with `person_id` when both are given.
    pub people: Vec<i64>,
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
/// when the change it records does; the event is appended to the hash chain ([`chain`]).
///
/// The chain's head is held from here to the commit (on PostgreSQL, other writers that audit
/// wait for it): call this after the transaction's other writes, so that it holds no lock
/// another writer holding the head could wait for.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    meta: &WriteMeta,
    action: &str,
    person_id: Option<i64>,
    order_id: Option<i64>,
    detail: &str,
) -> Result<()> {
    let mut chain = AuditChain::begin(conn).await?;
    chain
        .push(
            conn,
            NewEvent::of(meta, action, person_id, order_id, detail),
        )
        .await?;
    chain.finish(conn).await
}

/// [`record`] for several events of one change, in this order.
pub(crate) async fn record_all(conn: &mut AnyConnection, events: Vec<NewEvent>) -> Result<()> {
    let mut chain = AuditChain::begin(conn).await?;
    for e in events {
        chain.push(conn, e).await?;
    }
    chain.finish(conn).await
}

pub(crate) fn event(r: &AnyRow) -> Result<AuditEvent> {
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
            q.limit.min(AUDIT_READ_MAX)
        };
        let offset = q.offset.max(0);
        // Parameters: $1 the person (when asked), then the filters, each bound once and
        // used in both halves of a person's trail.
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        // The people asked about: `= $1` for one id, `IN (…)` (literal integers) for a list.
        let mut listed: Vec<i64> = q.people.clone();
        if !listed.is_empty() {
            listed.extend(q.person_id);
        }
        listed.sort_unstable();
        listed.dedup();
        let person = q.person_id.filter(|_| listed.is_empty()).map(|_| next());
        let who: Option<String> = if listed.is_empty() {
            person.as_ref().map(|p| format!("= {p}"))
        } else {
            let ids: Vec<String> = listed.iter().map(i64::to_string).collect();
            Some(format!("IN ({})", ids.join(",")))
        };
        let mut filters = String::new();
        for (wanted, cond) in [
            (q.actor.is_some(), "actor ="),
            (q.action.is_some(), "action ="),
            (q.from.is_some(), "at >="),
            (q.to.is_some(), "at <="),
        ] {
            if wanted {
                filters.push_str(&format!(" AND {cond} {}", next()));
            }
        }
        let (lim, off) = (next(), next());
        let sql = match &who {
            None => format!(
                "SELECT {COLS} FROM audit_events WHERE 1=1{filters} {NEWEST} LIMIT {lim} OFFSET {off}"
            ),
            // The events naming the person and those of the orders with an action on them,
            // each read newest first along its own index and cut at what the page needs; an
            // `OR` of the two would sort every event of a much-viewed record.
            Some(w) => {
                let wanted = offset.saturating_add(limit);
                format!(
                    "SELECT {COLS} FROM ({}) AS mine UNION SELECT {COLS} FROM ({}) AS orders \
                     {NEWEST} LIMIT {lim} OFFSET {off}",
                    naming_people(w, &filters, wanted),
                    of_peoples_orders(w, &filters, wanted),
                )
            }
        };
        let mut query = sqlx::query(&sql);
        if let Some(p) = q.person_id.filter(|_| person.is_some()) {
            query = query.bind(p);
        }
        for v in [&q.actor, &q.action, &q.from].into_iter().flatten() {
            query = query.bind(v.clone());
        }
        if let Some(t) = &q.to {
            // A bare date as the upper bound means the whole of that day.
            let t = if t.len() == 10 {
                format!("{t}T99")
            } else {
                t.clone()
            };
            query = query.bind(t);
        }
        let rows = query.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        rows.iter().map(event).collect()
    }
}

/// The audit columns, in the order of [`AuditEvent`]'s fields.
/// The most events one search reads (a download of the log included).
pub const AUDIT_READ_MAX: i64 = 10_000;

pub(crate) const COLS: &str =
    "id, at, actor, action, reason, person_id, order_id, request_ref, detail";
const NEWEST: &str = "ORDER BY at DESC, id DESC";

/// The latest `wanted` events naming person `p` (a placeholder), read along `audit_person`.
pub(crate) fn naming_person(p: &str, filters: &str, wanted: i64) -> String {
    naming_people(&format!("= {p}"), filters, wanted)
}

/// [`naming_person`] for a condition on the person: `= $1` or `IN (1,2)`.
fn naming_people(who: &str, filters: &str, wanted: i64) -> String {
    format!(
        "SELECT {COLS} FROM audit_events WHERE person_id {who}{filters} {NEWEST} LIMIT {wanted}"
    )
}

/// The latest `wanted` events of the orders with an action on person `p`, read along
/// `audit_order`.
pub(crate) fn of_persons_orders(p: &str, filters: &str, wanted: i64) -> String {
    of_peoples_orders(&format!("= {p}"), filters, wanted)
}

/// [`of_persons_orders`] for a condition on the person: `= $1` or `IN (1,2)`.
fn of_peoples_orders(who: &str, filters: &str, wanted: i64) -> String {
    format!(
        "SELECT {COLS} FROM audit_events \
         WHERE order_id IN (SELECT order_id FROM actions WHERE person_id {who}){filters} \
         {NEWEST} LIMIT {wanted}"
    )
}

/// Each audit event's kind: its code and its words for people reading the log (the code
/// stays in exports).
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("order.apply", "ลงนาม/บันทึกคำสั่ง", "order signed and applied"),
    ("draft.create", "ร่างคำสั่ง", "order drafted"),
    ("draft.update", "แก้ไขร่างคำสั่ง", "draft edited"),
    ("draft.withdraw", "ถอนร่างคำสั่ง", "draft withdrawn"),
    (
        "draft.return",
        "ส่งร่างคำสั่งกลับไปแก้ไข",
        "draft returned for correction",
    ),
    ("draft.sign", "ลงนามร่างคำสั่ง", "draft signed"),
    ("person.create", "ลงทะเบียนบุคคล", "person registered"),
    ("person.view", "เปิดดูทะเบียนประวัติ", "record opened"),
    ("person.name_change", "เปลี่ยนชื่อ", "name changed"),
    (
        "person.contact_update",
        "แก้ไขข้อมูลติดต่อ",
        "contact details changed",
    ),
    ("position.create", "กำหนดตำแหน่งในกรอบ", "position created"),
    ("unit.create", "ตั้งหน่วยงาน", "unit created"),
    ("unit.close", "ยุบ/ปิดหน่วยงาน", "unit closed"),
    ("holiday.put", "กำหนดวันหยุด", "holiday set"),
    ("holiday.delete", "ลบวันหยุด", "holiday removed"),
    ("user.create", "สร้างบัญชีผู้ใช้", "account created"),
    (
        "user.office",
        "กำหนดตำแหน่งผู้มีอำนาจของบัญชี",
        "account's office set",
    ),
    ("user.password_change", "เปลี่ยนรหัสผ่าน", "password changed"),
    (
        "user.update",
        "แก้ไขบัญชีผู้ใช้ (บทบาท หน่วยงาน บุคคล)",
        "account changed (role, unit, person)",
    ),
    ("user.disable", "ระงับบัญชีผู้ใช้", "account disabled"),
    ("user.enable", "เปิดใช้บัญชีผู้ใช้อีกครั้ง", "account enabled again"),
    (
        "user.password_reset",
        "ตั้งรหัสผ่านใหม่ให้บัญชี",
        "account's password reset",
    ),
    (
        "user.2fa_setup",
        "เริ่มตั้งค่าการยืนยันสองขั้นตอน",
        "two-step sign-in set up started",
    ),
    (
        "user.2fa_on",
        "เปิดการยืนยันสองขั้นตอน",
        "two-step sign-in turned on",
    ),
    (
        "user.2fa_off",
        "ปิด/ล้างการยืนยันสองขั้นตอน",
        "two-step sign-in turned off or reset",
    ),
    ("session.end", "ยุติการเข้าสู่ระบบ", "sessions ended"),
    ("token.create", "สร้างโทเคน", "API token created"),
    ("login.ok", "เข้าสู่ระบบ", "signed in"),
    ("login.failed", "เข้าสู่ระบบไม่สำเร็จ", "sign-in failed"),
    ("login.locked", "ระงับการเข้าสู่ระบบชั่วคราว", "sign-in paused"),
    ("logout", "ออกจากระบบ", "signed out"),
    ("access.denied", "ปฏิเสธการเข้าถึง", "access refused"),
    ("people.search", "ค้นหารายชื่อบุคคล", "people searched"),
    ("register.read", "อ่านทะเบียนของหน่วยงาน", "unit register read"),
    ("order.read", "เปิดดูคำสั่ง", "signed order read"),
    ("export.people", "ส่งออกข้อมูลบุคคล", "people exported"),
    ("export.positions", "ส่งออกตำแหน่ง", "positions exported"),
    ("export.units", "ส่งออกหน่วยงาน", "units exported"),
    ("case.open", "รับเรื่อง", "case opened"),
    ("case.event", "บันทึกความคืบหน้าของเรื่อง", "case event recorded"),
    ("case.read", "เปิดดูสำนวน", "case file read"),
    ("case.list", "เปิดดูรายการเรื่อง", "case list read"),
    ("case.board", "เปิดดูกำหนดเวลา", "deadline board read"),
    (
        "kpk_named.add",
        "เพิ่มตำแหน่งที่ ก.พ.ค. กำหนด",
        "ก.พ.ค.-named position added",
    ),
    (
        "kpk_named.remove",
        "ลบตำแหน่งที่ ก.พ.ค. กำหนด",
        "ก.พ.ค.-named position removed",
    ),
];

/// An audit event's kind in words (`("", "")` for a code not in [`ACTIONS`]).
pub fn action_label(code: &str) -> (&'static str, &'static str) {
    ACTIONS
        .iter()
        .find(|(c, ..)| *c == code)
        .map_or(("", ""), |(_, th, en)| (*th, *en))
}
