//! Discipline and complaints: case files (below), their tables in the annual report
//! ([`case_stats`]), ก.พ.ค.'s list of named positions ([`kpk_named`]) and the holidays that
//! case deadlines skip ([`holidays`]).
//!
//! Case files (§58–66): stored as their opening and appended events; each event is checked
//! by the core's fold ([`CaseFile`]) against everything recorded before it, inside the
//! transaction that appends it, so a rejected event leaves the file as it was and two
//! officers recording at once cannot lose one another's event (the case's version).

mod case_stats;
mod holidays;
mod kpk_named;

pub use case_stats::{ComplaintCount, PenaltyCount};
pub use kpk_named::KpkNamed;

use bmahr_core::law::case_file::InterimMeasure;
use bmahr_core::law::case_file::{CaseDeadline, CaseEvent, CaseFile, CaseKind, Facts, Opening};
use bmahr_core::law::discipline::{CaseStage, ComplaintCategory, Forum};
use bmahr_core::law::discipline::{Measure, Penalty, RemovalGround};
use bmahr_core::law::order_rules::{check_measure_law, measure_of};
use bmahr_core::register::{ActionDraft, OrderDraft, PenaltyKind, RecordOnDate};
use bmahr_core::{FiscalYear, HolidayCalendar, Satang, ThaiDate, Violation, Violations};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::register::{end_of_time, live_actions_of};
use crate::row::{and_in, code, date, int, opt_code, opt_date, opt_int, opt_text, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// A case to open, resolved by the caller (who the person is, which units hold it).
#[derive(Debug, Clone)]
pub struct NewCase {
    pub opening: Opening,
    pub person_id: Option<i64>,
    pub unit_id: i64,
    pub holder_unit_id: Option<i64>,
    pub forum: Forum,
    /// The person's category code at opening (for the complaint tables).
    pub person_category: Option<String>,
}

/// The penalty or removal an order imposed on a person: what an appeal is against.
#[derive(Debug, Clone)]
pub struct PenaltyAction {
    pub order_id: i64,
    pub issuer_unit_id: i64,
    pub penalty: Option<Penalty>,
    pub separation: Option<bmahr_core::register::SeparationReason>,
    pub effective: ThaiDate,
}

/// A case as lists show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub kind: CaseKind,
    pub person_id: Option<i64>,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name_th: String,
    pub unit_name_en: String,
    pub holder_unit_id: Option<i64>,
    pub forum: Forum,
    pub category: Option<ComplaintCategory>,
    pub person_category: Option<String>,
    pub stage: CaseStage,
    pub closed: bool,
    pub penalty: Option<PenaltyKind>,
    pub opened_on: ThaiDate,
    pub fiscal_year: i64,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    pub updated_at: String,
}

/// One recorded event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseEventRow {
    pub seq: i64,
    pub event: CaseEvent,
    pub recorded_by: String,
    pub recorded_at: String,
    pub reason: String,
}

/// A whole case file: its row, its events and what they add up to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseDetail {
    pub row: CaseRow,
    pub events: Vec<CaseEventRow>,
    pub file: CaseFile,
    /// Committee members (person ids).
    pub members: Vec<i64>,
}

/// Which cases a list shows. Unless `all`, a case shows when any of `units`, `kpk` or
/// `person_id` reaches it; the other filters narrow further.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    pub all: bool,
    /// Cases held by or routed to one of these units.
    pub units: Vec<i64>,
    /// Cases before ก.พ.ค.
    pub kpk: bool,
    /// Cases of this person, or where they sit on the committee.
    pub person_id: Option<i64>,
    pub kind: Option<CaseKind>,
    pub open_only: bool,
    /// Only closed cases (issue 23's status filter).
    pub closed_only: bool,
    /// Only cases of these units (a unit's subtree), within the reach above.
    pub within: Option<Vec<i64>>,
    /// Only cases opened on or after / on or before these days.
    pub opened_from: Option<ThaiDate>,
    pub opened_to: Option<ThaiDate>,
    /// The order asked (`None`: newest first).
    pub sort: Option<crate::sort::Sort<CaseSort>>,
    pub limit: i64,
    pub offset: i64,
}

/// The columns a list of cases is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseSort {
    /// The case number.
    Id,
    Kind,
    /// The unit's code.
    Unit,
    Stage,
    /// The day it was opened.
    #[default]
    Opened,
}

impl crate::sort::SortColumn for CaseSort {
    const ALL: &'static [Self] = &[
        CaseSort::Id,
        CaseSort::Kind,
        CaseSort::Unit,
        CaseSort::Stage,
        CaseSort::Opened,
    ];
    fn code(self) -> &'static str {
        match self {
            CaseSort::Id => "id",
            CaseSort::Kind => "kind",
            CaseSort::Unit => "unit",
            CaseSort::Stage => "stage",
            CaseSort::Opened => "opened",
        }
    }
}

/// An open deadline on a board.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BoardRow {
    pub case_id: i64,
    pub kind: CaseKind,
    pub person_id: Option<i64>,
    pub unit_code: String,
    pub deadline: CaseDeadline,
}

/// Which deadlines a board shows.
#[derive(Debug, Clone, Default)]
pub struct BoardQuery {
    /// ก.พ.ค.'s board (`kpk`), or the superiors' board of these units.
    pub kpk: bool,
    pub units: Option<Vec<i64>>,
    /// The person's own cases (all holders).
    pub person_id: Option<i64>,
    /// Only deadlines whose last day is on or before this day.
    pub due_by: Option<ThaiDate>,
    pub limit: i64,
}

const CASE_COLS: &str = "c.id, c.kind, c.person_id, c.unit_id, u.code AS unit_code, u.name_th AS unit_name_th, \
     u.name_en AS unit_name_en, c.holder_unit_id, c.forum, c.category, c.person_category, c.stage, c.closed, \
     c.penalty, c.opened_on, c.fiscal_year, c.version, c.created_by, c.created_at, c.updated_by, c.updated_at";

fn case_row(r: &AnyRow) -> Result<CaseRow> {
    Ok(CaseRow {
        id: int(r, "id")?,
        kind: code(r, "kind", CaseKind::parse)?,
        person_id: opt_int(r, "person_id")?,
        unit_id: int(r, "unit_id")?,
        unit_code: text(r, "unit_code")?,
        unit_name_th: text(r, "unit_name_th")?,
        unit_name_en: text(r, "unit_name_en")?,
        holder_unit_id: opt_int(r, "holder_unit_id")?,
        forum: code(r, "forum", Forum::parse)?,
        category: opt_code(r, "category", ComplaintCategory::parse)?,
        person_category: opt_text(r, "person_category")?,
        stage: code(r, "stage", CaseStage::parse)?,
        closed: int(r, "closed")? != 0,
        penalty: opt_code(r, "penalty", PenaltyKind::parse)?,
        opened_on: date(r, "opened_on")?,
        fiscal_year: int(r, "fiscal_year")?,
        version: int(r, "version")?,
        created_by: text(r, "created_by")?,
        created_at: text(r, "created_at")?,
        updated_by: text(r, "updated_by")?,
        updated_at: text(r, "updated_at")?,
    })
}

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::Other(format!("stored case JSON: {e}"))
}

async fn calendar_in(conn: &mut AnyConnection) -> Result<HolidayCalendar> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT day FROM holidays")
        .fetch_all(conn)
        .await?;
    Ok(HolidayCalendar::new(
        rows.iter().filter_map(|s| ThaiDate::parse_iso(s)),
    ))
}

async fn row_in(conn: &mut AnyConnection, id: i64) -> Result<(CaseRow, Opening)> {
    let r = sqlx::query(&format!(
        "SELECT {CASE_COLS}, c.opening FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("case", "เรื่อง", "case", &id.to_string()))?;
    let opening: Opening = serde_json::from_str(&text(&r, "opening")?).map_err(json_err)?;
    Ok((case_row(&r)?, opening))
}

async fn events_in(conn: &mut AnyConnection, id: i64) -> Result<Vec<CaseEventRow>> {
    let rows = sqlx::query(
        "SELECT seq, body, recorded_by, recorded_at, reason FROM case_events WHERE case_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CaseEventRow {
                seq: int(r, "seq")?,
                event: serde_json::from_str(&text(r, "body")?).map_err(json_err)?,
                recorded_by: text(r, "recorded_by")?,
                recorded_at: text(r, "recorded_at")?,
                reason: text(r, "reason")?,
            })
        })
        .collect()
}

async fn members_in(conn: &mut AnyConnection, id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT person_id FROM case_members WHERE case_id = $1 ORDER BY person_id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?)
}

/// A case's events and the file they add up to, replayed from its opening on `cal`.
async fn replayed_in(
    conn: &mut AnyConnection,
    id: i64,
    opening: Opening,
    cal: &HolidayCalendar,
) -> Result<(Vec<CaseEventRow>, CaseFile)> {
    let events = events_in(conn, id).await?;
    let file = CaseFile::replay(
        opening,
        events.iter().map(|e| &e.event),
        Facts { cal, salaries: &[] },
    )
    .map_err(StoreError::Invalid)?;
    Ok((events, file))
}

async fn detail_in(conn: &mut AnyConnection, id: i64) -> Result<CaseDetail> {
    let (row, opening) = row_in(conn, id).await?;
    let cal = calendar_in(conn).await?;
    let (events, file) = replayed_in(conn, id, opening, &cal).await?;
    let members = members_in(conn, id).await?;
    Ok(CaseDetail {
        row,
        events,
        file,
        members,
    })
}

/// The person's salary in force at the start of each month from `from`'s month up to (not
/// including) `to`'s month: the months already paid under the penalty, for a refund.
async fn salary_months(
    conn: &mut AnyConnection,
    person_id: i64,
    from: ThaiDate,
    to: ThaiDate,
) -> Result<Vec<(ThaiDate, Satang)>> {
    let actions = live_actions_of(conn, person_id, end_of_time(), None).await?;
    let mut out = Vec::new();
    let Some(mut month) = ThaiDate::from_ce(from.year_ce(), from.month(), 1) else {
        return Ok(out);
    };
    let end = ThaiDate::from_ce(to.year_ce(), to.month(), 1).unwrap_or(to);
    while month < end && out.len() < 600 {
        let rec = RecordOnDate::fold(month, actions.iter().filter(|a| a.effective_date <= month));
        // A month without salary still counts as one of the penalty's months.
        out.push((month, rec.salary.unwrap_or(Satang::from_satang(0))));
        month = next_month(month);
    }
    Ok(out)
}

fn next_month(d: ThaiDate) -> ThaiDate {
    let (y, m) = if d.month() == 12 {
        (d.year_ce() + 1, 1)
    } else {
        (d.year_ce(), d.month() + 1)
    };
    ThaiDate::from_ce(y, m, 1).unwrap_or(d.add_days(31))
}

/// Rewrites the derived deadlines of a case.
async fn write_deadlines(
    conn: &mut AnyConnection,
    id: i64,
    holder_unit_id: Option<i64>,
    file: &CaseFile,
) -> Result<()> {
    sqlx::query("DELETE FROM case_deadlines WHERE case_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (i, d) in file.deadlines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO case_deadlines (case_id, seq, dkey, holder, holder_unit_id, start_day, last_day, \
             counted_day, basis, label_th, label_en, met_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(d.key)
        .bind(d.holder.code())
        .bind(holder_unit_id)
        .bind(d.start.iso())
        .bind(d.last_day.iso())
        .bind(d.counted_day.iso())
        .bind(&d.basis)
        .bind(&d.label_th)
        .bind(&d.label_en)
        .bind(d.met_on.map(|m| m.iso()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Adds committee members named by national ID; an unknown ID is refused.
async fn add_members(conn: &mut AnyConnection, id: i64, event: &CaseEvent) -> Result<()> {
    let CaseEvent::Stage { committee, .. } = event else {
        return Ok(());
    };
    let mut errors = bmahr_core::Violations::default();
    for (i, m) in committee.iter().enumerate() {
        let field = format!("committee[{i}].national_id");
        let Some(nid) = errors.take(
            bmahr_core::NationalId::parse(&m.national_id).map_err(|e| e.on_field(field.clone())),
        ) else {
            continue;
        };
        let pid: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE national_id = $1")
            .bind(nid.reveal())
            .fetch_optional(&mut *conn)
            .await?;
        match pid {
            Some(pid) => {
                sqlx::query(
                    "INSERT INTO case_members (case_id, person_id) SELECT $1, $2 \
                     WHERE NOT EXISTS (SELECT 1 FROM case_members WHERE case_id = $1 AND person_id = $2)",
                )
                .bind(id)
                .bind(pid)
                .execute(&mut *conn)
                .await?;
            }
            None => errors.push(bmahr_core::Violation::new(
                "case.member_unknown",
                field,
                format!("ไม่พบบุคคลเลขประจำตัวประชาชน {nid} ในทะเบียน"),
                format!("no person with national ID {nid} in the register"),
            )),
        }
    }
    errors.into_result(()).map_err(StoreError::Invalid)
}

/// Checks and appends one event inside the caller's transaction; `expected_version`, when
/// given, must be the case's current version. Returns the file after the event.
/// Who asks for a case to be opened or an event recorded, and the day it is judged on:
/// core's access rules are decided on the case and the person as the transaction reads them.
/// `None` where the caller is the Office's own machinery (the demo).
#[derive(Debug, Clone, Copy)]
pub struct CaseAccess<'a> {
    pub asker: bmahr_core::access::Asker<'a>,
    pub today: ThaiDate,
}

/// A case as access sees it.
pub fn standing(row: &CaseRow) -> bmahr_core::access::CaseStanding {
    bmahr_core::access::CaseStanding {
        id: row.id,
        person_id: row.person_id,
        unit_id: row.unit_id,
        holder_unit_id: row.holder_unit_id,
        forum: row.forum,
    }
}

/// Checks and writes one event of a case; returns its audit event, for the caller to append
/// after its other writes (the audit chain's head is held from the append to the commit).
pub(crate) async fn record_in(
    conn: &mut AnyConnection,
    id: i64,
    expected_version: Option<i64>,
    mut event: CaseEvent,
    meta: &WriteMeta,
    access: Option<&CaseAccess<'_>>,
) -> Result<audit::NewEvent> {
    let (row, opening) = row_in(conn, id).await?;
    // Who may record this event is decided on the case as this transaction reads it.
    if let Some(acc) = access {
        let units_act = matches!(
            event,
            CaseEvent::Implemented { .. } | CaseEvent::IssuerResponded { .. }
        );
        let kk = matches!(
            event,
            CaseEvent::KkReferred { .. } | CaseEvent::KkResolved { .. }
        );
        bmahr_core::access::may_record_case(&acc.asker, &standing(&row), units_act, kk)
            .map_err(|v| StoreError::Forbidden(v.into()))?;
    }
    let today = access.map(|a| a.today);
    if let Some(v) = expected_version {
        if v != row.version {
            return Err(StoreError::stale("version", v, row.version));
        }
    }
    let cal = calendar_in(conn).await?;
    let (events, mut file) = replayed_in(conn, id, opening, &cal).await?;
    let needs_salaries = matches!(
        event,
        CaseEvent::Reviewed { .. } | CaseEvent::KkResolved { .. } | CaseEvent::AppealDecided { .. }
    );
    let salaries = match (needs_salaries, row.person_id, file.penalty_from) {
        (true, Some(pid), Some(from)) if file.penalty.is_some() => {
            salary_months(conn, pid, from, event.on()).await?
        }
        _ => Vec::new(),
    };
    // The events in date order and none ahead of today, with the Act's rules: every problem.
    // (An event before the opening is the case file's own `case.event_before_opening`.)
    let last_on = events.iter().map(|e| e.event.on()).max();
    let mut errs = bmahr_core::law::case_file::check_event_date(
        last_on,
        ThaiDate::FIRST,
        event.on(),
        today.unwrap_or(ThaiDate::LAST),
    );
    if let Err(v) = file.apply(
        &mut event,
        Facts {
            cal: &cal,
            salaries: &salaries,
        },
    ) {
        errs.0.extend(v.0);
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    // The version-guarded update first: on PostgreSQL a concurrent writer waits on the row
    // and then finds the version moved (409), instead of colliding on the event's number.
    let n = sqlx::query(
        "UPDATE cases SET stage = $1, closed = $2, penalty = $3, version = version + 1, updated_by = $4, \
         updated_at = $5 WHERE id = $6 AND version = $7",
    )
    .bind(file.stage.code())
    .bind(i64::from(file.closed))
    .bind(file.penalty.map(|p| p.kind.code()).or(row.penalty.map(|p| p.code())))
    .bind(&meta.actor)
    .bind(&meta.at)
    .bind(id)
    .bind(row.version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n != 1 {
        return Err(StoreError::stale("version", row.version, row.version + 1));
    }
    add_members(conn, id, &event).await?;
    let seq = events.len() as i64 + 1;
    let body = serde_json::to_string(&event).map_err(json_err)?;
    sqlx::query(
        "INSERT INTO case_events (case_id, seq, type, on_date, body, recorded_by, recorded_at, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(seq)
    .bind(event.code())
    .bind(event.on().iso())
    .bind(&body)
    .bind(&meta.actor)
    .bind(&meta.at)
    .bind(&meta.reason)
    .execute(&mut *conn)
    .await?;
    write_deadlines(conn, id, row.holder_unit_id, &file).await?;
    Ok(audit::NewEvent::of(
        meta,
        "case.event",
        row.person_id,
        None,
        &format!("case {id} #{seq} {}", event.code()),
    ))
}

/// §58 on one action of an order: the case it names must be this person's open disciplinary
/// case, and a serious penalty or removal must follow the ก.ก. resolution recorded on it.
pub(crate) async fn check_measure_in(
    conn: &mut AnyConnection,
    person_id: i64,
    a: &ActionDraft,
    signed_on: ThaiDate,
) -> Result<Violations> {
    let mut out = Violations::default();
    let mut kk = None;
    if let Some(id) = a.case_id {
        match row_in(conn, id).await {
            // One answer for "no such case" and "someone else's": an order reveals nothing
            // of case files its drafter may not read.
            Err(StoreError::NotFound(_)) => {
                out.push(not_this_persons(id));
                return Ok(out);
            }
            Err(e) => return Err(e),
            Ok((row, opening)) => {
                if row.kind != CaseKind::Discipline || row.person_id != Some(person_id) {
                    out.push(not_this_persons(id));
                    return Ok(out);
                }
                let cal = calendar_in(conn).await?;
                let (_, file) = replayed_in(conn, id, opening, &cal).await?;
                if file.closed {
                    out.push(Violation::new(
                        "case.closed",
                        "case_id",
                        format!("เรื่องเลขที่ {id} ยุติแล้ว"),
                        format!("case {id} is closed"),
                    ));
                }
                kk = file.kk;
            }
        }
    }
    for v in check_measure_law(a, signed_on, kk.as_ref()).iter() {
        out.push(v.clone());
    }
    Ok(out)
}

fn not_this_persons(id: i64) -> Violation {
    Violation::new(
        "case.other_person",
        "case_id",
        format!("เรื่องเลขที่ {id} ไม่ใช่เรื่องทางวินัยของบุคคลนี้"),
        format!("case {id} is not a disciplinary case of this person"),
    )
}

/// Records on its case that a penalty order was signed (inside the order's transaction);
/// returns the audit event, for the order to append with its own.
pub(crate) async fn record_order_in(
    conn: &mut AnyConnection,
    case_id: i64,
    draft: &OrderDraft,
    a: &ActionDraft,
    meta: &WriteMeta,
) -> Result<Option<audit::NewEvent>> {
    // Suspension and removal pending inquiry are measures while the case runs, not its end.
    let interim = match (a.kind, measure_of(a)) {
        (bmahr_core::register::ActionKind::Suspend, _) => Some(InterimMeasure::Suspend),
        (_, Some(Measure::Removal(RemovalGround::PendingInquiry))) => {
            Some(InterimMeasure::RemovePending)
        }
        _ => None,
    };
    if let Some(measure) = interim {
        let event = CaseEvent::Interim {
            measure,
            on: draft.effective_of(a),
            order_number: format!("{} ({})", draft.number.trim(), draft.issuer_unit.trim()),
        };
        return record_in(conn, case_id, None, event, meta, None)
            .await
            .map(Some);
    }
    let Some(measure) = measure_of(a) else {
        return Ok(None);
    };
    let penalty = a.penalty.map(|kind| Penalty {
        kind,
        percent: a.penalty_percent,
        months: a.penalty_months,
    });
    let event = CaseEvent::PenaltyOrdered {
        on: draft.effective_of(a),
        signed_on: Some(draft.signed_on),
        order_number: format!("{} ({})", draft.number.trim(), draft.issuer_unit.trim()),
        measure,
        penalty,
    };
    record_in(conn, case_id, None, event, meta, None)
        .await
        .map(Some)
}

/// Recounts the deadlines of every open case with the calendar as it now stands (inside the
/// transaction that changed a holiday), so boards and case files agree.
pub(crate) async fn refresh_open_deadlines(conn: &mut AnyConnection) -> Result<()> {
    let rows: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, holder_unit_id FROM cases WHERE closed = 0")
            .fetch_all(&mut *conn)
            .await?;
    let cal = calendar_in(conn).await?;
    for (id, holder) in rows {
        let (_, opening) = row_in(conn, id).await?;
        let (_, file) = replayed_in(conn, id, opening, &cal).await?;
        write_deadlines(conn, id, holder, &file).await?;
    }
    Ok(())
}

/// Unit ids as an SQL list condition, or nothing for "all units".
fn unit_filter(col: &str, units: &Option<Vec<i64>>) -> String {
    match units {
        None => String::new(),
        Some(ids) if ids.is_empty() => " AND 1 = 0".to_string(),
        Some(ids) => and_in(col, ids),
    }
}

impl Store {
    /// Opens a case file: its opening is checked by the core (every problem at once) and its
    /// first deadlines are stored with it.
    pub async fn open_case(
        &self,
        new: &NewCase,
        meta: &WriteMeta,
        access: Option<&CaseAccess<'_>>,
    ) -> Result<CaseDetail> {
        let cal = self.holiday_calendar().await?;
        let file = CaseFile::open(new.opening.clone(), &cal).map_err(StoreError::Invalid)?;
        let opened_on = new.opening.opened_on();
        let body = serde_json::to_string(&new.opening).map_err(json_err)?;
        let mut tx = self.begin_write().await?;
        // Who may open it: decided on where the person stands today (or stood on their last
        // day of service), read in this transaction.
        if let Some(acc) = access {
            let unit_now = match new.person_id {
                Some(p) => Some(
                    sqlx::query_scalar::<_, Option<i64>>(
                        "SELECT unit_id FROM register_spans WHERE person_id = $1 AND valid_from <= $2 \
                         ORDER BY valid_from DESC LIMIT 1",
                    )
                    .bind(p)
                    .bind(acc.today.iso())
                    .fetch_optional(&mut *tx)
                    .await?
                    .flatten(),
                ),
                None => None,
            };
            let in_chain = match acc.asker.scope {
                Some(s) if s.contains(&new.unit_id) => new.unit_id,
                _ => new.holder_unit_id.unwrap_or(new.unit_id),
            };
            bmahr_core::access::may_open_case(
                &acc.asker,
                new.forum == Forum::Kpk,
                in_chain,
                unit_now,
                file.kind.code(),
            )
            .map_err(|v| StoreError::Forbidden(v.into()))?;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (kind, person_id, unit_id, holder_unit_id, forum, category, person_category, stage, \
             closed, penalty, opened_on, fiscal_year, opening, version, created_by, created_at, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, 1, $13, $14, $13, $14) RETURNING id",
        )
        .bind(file.kind.code())
        .bind(new.person_id)
        .bind(new.unit_id)
        .bind(new.holder_unit_id)
        .bind(new.forum.code())
        .bind(new.opening.category().map(|c| c.code()))
        .bind(new.person_category.as_deref())
        .bind(file.stage.code())
        .bind(file.penalty.map(|p| p.kind.code()))
        .bind(opened_on.iso())
        .bind(i64::from(FiscalYear::of(opened_on).year_be()))
        .bind(&body)
        .bind(&meta.actor)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;
        write_deadlines(&mut tx, id, new.holder_unit_id, &file).await?;
        audit::record(
            &mut tx,
            meta,
            "case.open",
            new.person_id,
            None,
            &format!("case {id} {}", file.kind.code()),
        )
        .await?;
        let detail = detail_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(detail)
    }

    /// The penalty or removal of order `number` of unit `issuer_code` on a person, if the
    /// order imposed one on them.
    pub async fn penalty_action(
        &self,
        issuer_code: &str,
        number: &str,
        person_id: i64,
    ) -> Result<Option<PenaltyAction>> {
        let r = sqlx::query(
            "SELECT o.id, o.issuer_unit_id, a.penalty, a.penalty_percent, a.penalty_months, a.separation, \
             a.effective_date FROM orders o JOIN units u ON u.id = o.issuer_unit_id \
             JOIN actions a ON a.order_id = o.id \
             WHERE u.code = $1 AND o.number = $2 AND a.person_id = $3 \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id) \
             AND (a.kind = 'penalty' OR (a.kind = 'separate' AND a.separation IN ('removal', 'discharge', 'dismissal'))) \
             ORDER BY a.seq LIMIT 1",
        )
        .bind(issuer_code.trim())
        .bind(number.trim())
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = r else { return Ok(None) };
        let kind = opt_code(&r, "penalty", PenaltyKind::parse)?;
        let pct = opt_int(&r, "penalty_percent")?.and_then(|v| u32::try_from(v).ok());
        let months = opt_int(&r, "penalty_months")?.and_then(|v| u32::try_from(v).ok());
        Ok(Some(PenaltyAction {
            order_id: int(&r, "id")?,
            issuer_unit_id: int(&r, "issuer_unit_id")?,
            penalty: kind.map(|kind| Penalty {
                kind,
                percent: pct,
                months,
            }),
            separation: opt_code(
                &r,
                "separation",
                bmahr_core::register::SeparationReason::parse,
            )?,
            effective: date(&r, "effective_date")?,
        }))
    }

    /// Penalty actions that took effect from `since`, newest first: (person id, issuing
    /// unit's code, order number, effective date). For seeding the demo's appeals.
    pub async fn recent_penalties(
        &self,
        since: ThaiDate,
        limit: i64,
    ) -> Result<Vec<(i64, String, String, ThaiDate)>> {
        let rows = sqlx::query(
            "SELECT a.person_id, u.code, o.number, a.effective_date FROM actions a \
             JOIN orders o ON o.id = a.order_id JOIN units u ON u.id = o.issuer_unit_id \
             WHERE a.kind = 'penalty' AND a.penalty IN ('probation', 'salary_cut', 'salary_reduction') \
             AND a.effective_date >= $1 ORDER BY a.effective_date DESC, a.id LIMIT $2",
        )
        .bind(since.iso())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    int(r, "person_id")?,
                    text(r, "code")?,
                    text(r, "number")?,
                    date(r, "effective_date")?,
                ))
            })
            .collect()
    }

    /// A whole case file.
    pub async fn case(&self, id: i64) -> Result<CaseDetail> {
        let mut conn = self.pool.acquire().await?;
        detail_in(&mut conn, id).await
    }

    /// Checks and appends one event; refused when the case changed since `expected_version`.
    pub async fn record_case_event(
        &self,
        id: i64,
        expected_version: i64,
        event: CaseEvent,
        meta: &WriteMeta,
        access: Option<&CaseAccess<'_>>,
    ) -> Result<CaseDetail> {
        let mut tx = self.begin_write().await?;
        let event = record_in(&mut tx, id, Some(expected_version), event, meta, access).await?;
        let detail = detail_in(&mut tx, id).await?;
        audit::record_all(&mut tx, vec![event]).await?;
        tx.commit().await?;
        Ok(detail)
    }

    /// Case ids where the person sits on the committee.
    pub async fn is_case_member(&self, case_id: i64, person_id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM case_members WHERE case_id = $1 AND person_id = $2",
        )
        .bind(case_id)
        .bind(person_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Cases for a list, newest first.
    pub async fn cases(&self, q: &CaseQuery) -> Result<Vec<CaseRow>> {
        let mut sql =
            format!("SELECT {CASE_COLS} FROM cases c JOIN units u ON u.id = c.unit_id WHERE 1 = 1");
        if !q.all {
            let mut reach = Vec::new();
            if !q.units.is_empty() {
                let list: Vec<String> = q.units.iter().map(i64::to_string).collect();
                let list = list.join(",");
                reach.push(format!(
                    "c.unit_id IN ({list}) OR c.holder_unit_id IN ({list})"
                ));
            }
            if q.kpk {
                reach.push("c.forum = 'kpk'".into());
            }
            if let Some(p) = q.person_id {
                reach.push(format!("c.person_id = {p}"));
                reach.push(format!(
                    "EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.person_id = {p})"
                ));
            }
            if reach.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(" AND ({})", reach.join(" OR ")));
        }
        if let Some(k) = q.kind {
            sql.push_str(&format!(" AND c.kind = '{}'", k.code()));
        }
        if q.open_only {
            sql.push_str(" AND c.closed = 0");
        }
        if q.closed_only {
            sql.push_str(" AND c.closed <> 0");
        }
        if let Some(units) = &q.within {
            if units.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&and_in("c.unit_id", units));
        }
        // Dates are bound first ($1, $2), then the page's limit and offset.
        let mut dates = Vec::new();
        for (d, op) in [(q.opened_from, ">="), (q.opened_to, "<=")] {
            if let Some(d) = d {
                dates.push(d.iso());
                sql.push_str(&format!(" AND c.opened_on {op} ${}", dates.len()));
            }
        }
        let order = match q.sort {
            None => "c.opened_on DESC, c.id DESC".to_string(),
            Some(s) => {
                let terms: &[&str] = match s.key {
                    CaseSort::Id => &["c.id"],
                    CaseSort::Kind => &["c.kind", "c.opened_on"],
                    CaseSort::Unit => &["u.code", "c.opened_on"],
                    CaseSort::Stage => &["c.stage", "c.opened_on"],
                    CaseSort::Opened => &["c.opened_on"],
                };
                crate::sort::order_by(terms, s.dir, "c.id")
            }
        };
        sql.push_str(&format!(
            " ORDER BY {order} LIMIT ${} OFFSET ${}",
            dates.len() + 1,
            dates.len() + 2
        ));
        let mut query = sqlx::query(&sql);
        for d in &dates {
            query = query.bind(d);
        }
        let rows = query
            .bind(q.limit.max(1))
            .bind(q.offset.max(0))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(case_row).collect()
    }

    /// Open deadlines for a board, soonest first.
    pub async fn deadline_board(&self, q: &BoardQuery) -> Result<Vec<BoardRow>> {
        let mut sql = "SELECT d.case_id, c.kind, c.person_id, u.code AS unit_code, d.dkey, d.holder, d.start_day, \
             d.last_day, d.counted_day, d.basis, d.label_th, d.label_en, d.met_on \
             FROM case_deadlines d JOIN cases c ON c.id = d.case_id JOIN units u ON u.id = c.unit_id \
             WHERE d.met_on IS NULL AND c.closed = 0"
            .to_string();
        if let Some(p) = q.person_id {
            sql.push_str(&format!(" AND c.person_id = {p}"));
        } else if q.kpk {
            sql.push_str(" AND d.holder = 'kpk'");
        } else {
            sql.push_str(" AND d.holder = 'unit'");
            sql.push_str(&unit_filter(
                "COALESCE(d.holder_unit_id, c.unit_id)",
                &q.units,
            ));
        }
        if let Some(by) = q.due_by {
            sql.push_str(&format!(" AND d.last_day <= '{}'", by.iso()));
        }
        sql.push_str(" ORDER BY d.last_day, d.case_id LIMIT $1");
        let rows = sqlx::query(&sql)
            .bind(q.limit.max(1))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let key = text(r, "dkey")?;
                Ok(BoardRow {
                    case_id: int(r, "case_id")?,
                    kind: code(r, "kind", CaseKind::parse)?,
                    person_id: opt_int(r, "person_id")?,
                    unit_code: text(r, "unit_code")?,
                    deadline: CaseDeadline {
                        key: deadline_key(&key),
                        holder: code(r, "holder", bmahr_core::law::case_file::Holder::parse)?,
                        start: date(r, "start_day")?,
                        last_day: date(r, "last_day")?,
                        counted_day: date(r, "counted_day")?,
                        basis: text(r, "basis")?,
                        label_th: text(r, "label_th")?,
                        label_en: text(r, "label_en")?,
                        met_on: opt_date(r, "met_on")?,
                    },
                })
            })
            .collect()
    }
}

/// The static key of a stored deadline.
fn deadline_key(s: &str) -> &'static str {
    match s {
        "appeal" => "appeal",
        "decision" => "decision",
        "implement" => "implement",
        "court" => "court",
        "kk_compliance" => "kk_compliance",
        "response" => "response",
        _ => "other",
    }
}
