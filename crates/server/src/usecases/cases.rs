//! Use-cases of case files (§58–66) — open, read, record an event, list, the deadline
//! boards and the report tables — one function each, for the API and the pages alike.

use bmahr_core::law::case_file::{
    grievance_route, CaseDeadline, CaseEvent, CaseKind, Opening, Respondent, RespondentFacts,
};
use bmahr_core::law::discipline::{ComplaintCategory, ComplaintStatus, Forum};
use bmahr_core::personnel::Category;
use bmahr_core::register::PenaltyKind;
use bmahr_core::{FiscalYear, NationalId, ThaiDate, Violation};
use bmahr_store::{BoardQuery, CaseDetail, CaseRow, NewCase};

use crate::access::{case_reach, case_standing, guard};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// A case to open: the person concerned (a national ID; none for a petition) and how the
/// case begins.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCase {
    #[serde(default)]
    pub person: Option<String>,
    pub case: Opening,
}

/// One event to record, against the version of the case the officer saw.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub expected_version: i64,
    pub event: CaseEvent,
}

/// A deadline as boards and case files show it, with days left counted from today.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DeadlineOut {
    pub key: String,
    /// `unit`, `kpk` or `person`: who must act.
    pub holder: String,
    pub holder_th: String,
    pub label_th: String,
    pub label_en: String,
    /// The section that sets the period.
    pub basis: String,
    #[schema(value_type = String)]
    pub start: ThaiDate,
    /// The last day, moved off holidays.
    #[schema(value_type = String)]
    pub last_day: ThaiDate,
    pub last_day_be: String,
    #[schema(value_type = String)]
    pub counted_day: ThaiDate,
    pub moved_off_holiday: bool,
    #[schema(value_type = Option<String>)]
    pub met_on: Option<ThaiDate>,
    /// Days from today to the last day while open: 0 on the last day, negative when overdue.
    pub days_left: Option<i64>,
    pub overdue: bool,
    /// Met, but after the last day.
    pub met_late: bool,
}

impl DeadlineOut {
    pub fn new(d: &CaseDeadline, today: ThaiDate) -> Self {
        DeadlineOut {
            key: d.key.to_string(),
            holder: d.holder.code().to_string(),
            holder_th: d.holder.th().to_string(),
            label_th: d.label_th.clone(),
            label_en: d.label_en.clone(),
            basis: d.basis.clone(),
            start: d.start,
            last_day: d.last_day,
            last_day_be: d.last_day.to_string(),
            counted_day: d.counted_day,
            moved_off_holiday: d.last_day != d.counted_day,
            met_on: d.met_on,
            days_left: d.met_on.is_none().then(|| d.days_left(today)),
            // A person's window that has closed (to appeal, to sue) is not a duty overdue.
            overdue: d.met_on.is_none()
                && today > d.last_day
                && d.holder != bmahr_core::law::case_file::Holder::Person,
            met_late: d.met_on.is_some_and(|m| m > d.last_day),
        }
    }
}

/// One recorded event.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EventOut {
    pub seq: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub label_th: String,
    pub label_en: String,
    #[schema(value_type = String)]
    pub on: ThaiDate,
    pub on_be: String,
    pub recorded_by: String,
    pub recorded_at: String,
    /// The event as recorded (committee members' national IDs masked).
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
}

/// A case in a list.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CaseItem {
    pub id: i64,
    pub kind: String,
    pub kind_th: String,
    pub kind_en: String,
    pub person_id: Option<i64>,
    pub person_name: String,
    pub person_name_en: String,
    pub unit_code: String,
    pub unit_th: String,
    pub unit_en: String,
    pub forum: String,
    pub stage: String,
    pub stage_th: String,
    pub closed: bool,
    #[schema(value_type = String)]
    pub opened_on: ThaiDate,
    pub opened_on_be: String,
    pub version: i64,
}

/// A whole case file.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CaseOut {
    #[serde(flatten)]
    pub item: CaseItem,
    pub forum_th: String,
    pub category: Option<String>,
    pub opening: Opening,
    /// An appeal filed after its last day (§60).
    pub late: bool,
    #[schema(value_type = Object)]
    pub file: serde_json::Value,
    pub deadlines: Vec<DeadlineOut>,
    /// What is owed back of a cancelled or reduced salary penalty (§59 para 4), in satang.
    pub refund_total_satang: i64,
    pub events: Vec<EventOut>,
}

/// The person's name in Thai and in English (empty without a person).
async fn person_names(state: &AppState, id: Option<i64>) -> (String, String) {
    match id {
        Some(id) => state
            .store
            .person_by_id(id)
            .await
            .map(|p| (p.name.full_th(), p.name.full_en()))
            .unwrap_or_default(),
        None => Default::default(),
    }
}

pub async fn item(state: &AppState, r: &CaseRow) -> CaseItem {
    let (person_name, person_name_en) = person_names(state, r.person_id).await;
    CaseItem {
        id: r.id,
        kind: r.kind.code().to_string(),
        kind_th: r.kind.th().to_string(),
        kind_en: r.kind.en().to_string(),
        person_id: r.person_id,
        person_name,
        person_name_en,
        unit_code: r.unit_code.clone(),
        unit_th: r.unit_name_th.clone(),
        unit_en: r.unit_name_en.clone(),
        forum: r.forum.code().to_string(),
        stage: r.stage.code().to_string(),
        stage_th: if r.closed {
            "ยุติ/ปิดเรื่อง".to_string()
        } else {
            r.stage.th().to_string()
        },
        closed: r.closed,
        opened_on: r.opened_on,
        opened_on_be: r.opened_on.to_string(),
        version: r.version,
    }
}

async fn out(state: &AppState, d: CaseDetail, today: ThaiDate) -> Result<CaseOut, ApiError> {
    let item = item(state, &d.row).await;
    Ok(CaseOut {
        forum_th: d.row.forum.th().to_string(),
        category: d.row.category.map(|c| c.code().to_string()),
        opening: d.file.opening.clone(),
        late: d.file.late,
        deadlines: d
            .file
            .deadlines
            .iter()
            .map(|x| DeadlineOut::new(x, today))
            .collect(),
        refund_total_satang: d.file.refunds.iter().map(|r| r.amount).sum(),
        file: {
            let mut v =
                serde_json::to_value(&d.file).map_err(|e| ApiError::Internal(e.to_string()))?;
            mask_ids(&mut v);
            v
        },
        events: d
            .events
            .into_iter()
            .map(|e| {
                let (th, en) = e.event.label();
                EventOut {
                    seq: e.seq,
                    kind: e.event.code().to_string(),
                    label_th: th.to_string(),
                    label_en: en.to_string(),
                    on: e.event.on(),
                    on_be: e.event.on().to_string(),
                    recorded_by: e.recorded_by,
                    recorded_at: e.recorded_at,
                    event: {
                        let mut v = serde_json::to_value(&e.event).unwrap_or_default();
                        mask_ids(&mut v);
                        v
                    },
                }
            })
            .collect(),
        item,
    })
}

fn bad(code: &'static str, field: &str, th: String, en: String) -> ApiError {
    ApiError::bad(Violation::new(code, field, th, en))
}

/// Who the person concerned is and where they stood when the case began.
async fn person_at(
    state: &AppState,
    nid: Option<&str>,
    on: ThaiDate,
) -> Result<(i64, i64, Option<Category>), ApiError> {
    let Some(nid) = nid.map(str::trim).filter(|s| !s.is_empty()) else {
        return Err(bad(
            "case.person_required",
            "person",
            "ต้องระบุเลขประจำตัวประชาชนของผู้ถูกดำเนินการ/ผู้ยื่น".into(),
            "the person's national ID is required".into(),
        ));
    };
    let nid = NationalId::parse(nid).map_err(|v| ApiError::bad(v.on_field("person")))?;
    let p = state.store.person_by_national_id(&nid).await?;
    let rec = state.store.person_on(p.id, on, None).await?;
    let unit = match rec.placement.as_ref() {
        Some(pl) => pl.unit_id,
        None => state.store.person_unit_on(p.id, on).await?.ok_or_else(|| {
            bad(
                "case.person_no_unit",
                "person",
                format!("{} ยังไม่มีสังกัด ณ วันที่ {on}", p.name.full_th()),
                format!("{} had no unit on {}", p.name.full_en(), on.iso()),
            )
        })?,
    };
    Ok((p.id, unit, rec.placement.map(|pl| pl.category)))
}

/// Opens a case after resolving who and where it is, and where a grievance goes (§64).
pub async fn open(state: &AppState, actor: &Actor, input: OpenCase) -> Result<CaseOut, ApiError> {
    let mut opening = input.case;
    let on = opening.opened_on();
    let new = match &mut opening {
        Opening::Discipline { .. } => {
            let (pid, unit, cat) = person_at(state, input.person.as_deref(), on).await?;
            NewCase {
                opening: opening.clone(),
                person_id: Some(pid),
                unit_id: unit,
                holder_unit_id: Some(unit),
                forum: Forum::NextSuperior,
                person_category: cat.map(|c| c.code().to_string()),
            }
        }
        Opening::Appeal {
            issuer_unit,
            order_number,
            penalty,
            penalty_from,
            ..
        } => {
            let (pid, unit, cat) = person_at(state, input.person.as_deref(), on).await?;
            let Some(pa) = state
                .store
                .penalty_action(issuer_unit, order_number, pid)
                .await?
            else {
                return Err(bad(
                    "appeal.order_not_penalty",
                    "order_number",
                    format!("คำสั่งที่ {order_number} ของ {issuer_unit} ไม่ได้ลงโทษหรือให้บุคคลนี้ออกจากราชการ (§60)"),
                    format!("order {order_number} of {issuer_unit} imposes no penalty or removal on this person (§60)"),
                ));
            };
            *penalty = pa.penalty;
            *penalty_from = Some(pa.effective);
            NewCase {
                opening: opening.clone(),
                person_id: Some(pid),
                unit_id: unit,
                holder_unit_id: Some(pa.issuer_unit_id),
                forum: Forum::Kpk,
                person_category: cat.map(|c| c.code().to_string()),
            }
        }
        Opening::Grievance { against, route, .. } => {
            let (pid, unit, cat) = person_at(state, input.person.as_deref(), on).await?;
            let facts = match against {
                Respondent::Governor => RespondentFacts::Governor,
                Respondent::PermanentSecretary => RespondentFacts::PermanentSecretary,
                Respondent::UnitHead { unit: code } => {
                    let u = state
                        .store
                        .unit_by_code(code, on)
                        .await
                        .map_err(|e| on_field(e, "against.unit"))?;
                    let named = state
                        .store
                        .is_kpk_named(Some(u.kind.code()), Some(&u.code), None)
                        .await?;
                    RespondentFacts::UnitHead {
                        kind: u.kind,
                        unit_id: u.id,
                        parent_id: u.parent_id,
                        kpk_named: named,
                    }
                }
                Respondent::Position { position_no } => {
                    let p = state
                        .store
                        .position_by_no(position_no, on)
                        .await
                        .map_err(|e| on_field(e, "against.position_no"))?;
                    // A managerial or executive position with an office title heads its unit:
                    // grieving its holder is grieving the unit's head.
                    let heads = !p.admin_title.trim().is_empty()
                        && matches!(
                            p.level.position_type(),
                            bmahr_core::personnel::PositionType::Executive
                                | bmahr_core::personnel::PositionType::Managerial
                        );
                    let unit = state.store.unit_by_id(p.unit_id).await?;
                    let named = state
                        .store
                        .is_kpk_named(
                            unit.as_ref().filter(|_| heads).map(|u| u.kind.code()),
                            unit.as_ref().filter(|_| heads).map(|u| u.code.as_str()),
                            Some(position_no.trim()),
                        )
                        .await?;
                    match unit.filter(|_| heads) {
                        Some(u) => RespondentFacts::UnitHead {
                            kind: u.kind,
                            unit_id: u.id,
                            parent_id: u.parent_id,
                            kpk_named: named,
                        },
                        None => RespondentFacts::Position {
                            unit_id: p.unit_id,
                            kpk_named: named,
                        },
                    }
                }
            };
            let r = grievance_route(facts);
            *route = Some(r);
            NewCase {
                opening: opening.clone(),
                person_id: Some(pid),
                unit_id: unit,
                holder_unit_id: r.superior_unit_id,
                forum: r.forum,
                person_category: cat.map(|c| c.code().to_string()),
            }
        }
        Opening::Petition { issuer_unit, .. } => {
            let u = state
                .store
                .unit_by_code(issuer_unit, on)
                .await
                .map_err(|e| on_field(e, "issuer_unit"))?;
            NewCase {
                opening: opening.clone(),
                person_id: None,
                unit_id: u.id,
                holder_unit_id: Some(u.id),
                forum: Forum::Kpk,
                person_category: None,
            }
        }
    };
    // Who may open it is decided in the store's transaction, on where the person stands
    // today (a case dated back to when they served here does not open their file to a unit
    // they have left).
    let today = crate::today();
    let access = bmahr_store::CaseAccess {
        asker: actor.asker(),
        today,
    };
    let r = state
        .store
        .open_case(&new, &actor.meta("รับเรื่อง / case opened"), Some(&access))
        .await;
    let d = crate::access::audited(state, actor, new.person_id, r).await?;
    out(state, d, crate::today()).await
}

fn on_field(e: bmahr_store::StoreError, field: &str) -> ApiError {
    match e {
        bmahr_store::StoreError::NotFound(v) => ApiError::bad(v.on_field(field)),
        other => other.into(),
    }
}

/// A list naming people in case files is itself a read (PDPA).
async fn log_listing(
    state: &AppState,
    actor: &Actor,
    what: &str,
    n: usize,
) -> Result<(), ApiError> {
    if n == 0 {
        return Ok(());
    }
    crate::usecases::people::record_bulk_read(state, actor, what, &format!("{n} rows")).await
}

/// Committee members' national IDs are masked wherever a case file is shown.
fn mask_ids(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "national_id" {
                    if let Some(s) = x.as_str() {
                        let masked = bmahr_core::access::masked_id_text(s);
                        *x = serde_json::Value::String(masked);
                    }
                } else {
                    mask_ids(x);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(mask_ids),
        _ => {}
    }
}

/// What the actor may record on a case: (its events, ก.ก.'s events), for the page's forms.
pub async fn powers(state: &AppState, actor: &Actor, id: i64) -> Result<(bool, bool), ApiError> {
    let row = state.store.case(id).await?.row;
    Ok((
        crate::access::may_handle_case(actor, &row),
        crate::access::records_kk(state, actor).await?,
    ))
}

/// A case file the actor may read; the read itself is recorded (PDPA).
pub async fn read(state: &AppState, actor: &Actor, id: i64) -> Result<CaseOut, ApiError> {
    let d = state.store.case(id).await?;
    let member = match actor.user.person_id {
        Some(p) if d.row.person_id != Some(p) => state.store.is_case_member(id, p).await?,
        _ => false,
    };
    let decision =
        bmahr_core::access::may_read_case(&actor.asker(), &case_standing(&d.row), member);
    guard(state, actor, d.row.person_id, decision).await?;
    state
        .store
        .record_event(
            &actor.meta("เปิดดูสำนวน / case file read"),
            "case.read",
            d.row.person_id,
            &format!("case {id}"),
        )
        .await?;
    out(state, d, crate::today()).await
}

/// Checks and records one event; a refused event changes nothing.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: EventInput,
) -> Result<CaseOut, ApiError> {
    if matches!(input.event, CaseEvent::PenaltyOrdered { .. }) {
        return Err(bad(
            "case.via_order",
            "event.type",
            "คำสั่งลงโทษบันทึกในเรื่องเมื่อลงนามคำสั่งที่ระบุเลขที่เรื่อง (case_id) เท่านั้น".into(),
            "a penalty order is recorded by signing the order that names the case (case_id)".into(),
        ));
    }
    // Who may record it is decided in the store's transaction, on the case as it reads it;
    // referring to ก.ก. and its resolution are the Office's (the account's own fact).
    let kk = matches!(
        input.event,
        CaseEvent::KkReferred { .. } | CaseEvent::KkResolved { .. }
    );
    let mut asker = actor.asker();
    asker.office_wide = kk && crate::access::records_kk(state, actor).await?;
    let access = bmahr_store::CaseAccess {
        asker,
        today: crate::today(),
    };
    let r = state
        .store
        .record_case_event(
            id,
            input.expected_version,
            input.event,
            &actor.meta("บันทึกความคืบหน้า / case event"),
            Some(&access),
        )
        .await;
    let person = match &r {
        Err(bmahr_store::StoreError::Forbidden(_)) => state.store.case(id).await?.row.person_id,
        _ => None,
    };
    let d = crate::access::audited(state, actor, person, r).await?;
    out(state, d, crate::today()).await
}

/// The cases the actor's lists reach, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    kind: Option<CaseKind>,
    open_only: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<CaseItem>, ApiError> {
    let filter = CaseFilter {
        kind,
        status: open_only.then_some(CaseStatus::Open),
        ..Default::default()
    };
    list_where(state, actor, &filter, limit, offset).await
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    Open,
    Closed,
}

/// What a list of cases narrows to within the actor's reach, and its order.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub kind: Option<CaseKind>,
    pub status: Option<CaseStatus>,
    /// A unit's code: its cases and those of the units below it.
    pub unit: Option<String>,
    pub opened_from: Option<ThaiDate>,
    pub opened_to: Option<ThaiDate>,
    pub sort: Option<bmahr_store::sort::Sort<bmahr_store::CaseSort>>,
}

/// The cases the actor's lists reach, narrowed by `f` (newest first unless sorted).
pub async fn list_where(
    state: &AppState,
    actor: &Actor,
    f: &CaseFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<CaseItem>, ApiError> {
    let mut q = case_reach(actor);
    q.kind = f.kind;
    q.open_only = f.status == Some(CaseStatus::Open);
    q.closed_only = f.status == Some(CaseStatus::Closed);
    if let Some(code) = f.unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let u = state.store.unit_by_code(code, crate::today()).await?;
        q.within = Some(state.store.unit_subtree(u.id).await?);
    }
    q.opened_from = f.opened_from;
    q.opened_to = f.opened_to;
    q.sort = f.sort;
    q.limit = limit;
    q.offset = offset;
    let rows = state.store.cases(&q).await?;
    log_listing(state, actor, "case.list", rows.len()).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        items.push(item(state, r).await);
    }
    Ok(items)
}

pub use bmahr_core::access::Board;

/// An open deadline on a board.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BoardItem {
    pub case_id: i64,
    pub kind: String,
    pub kind_th: String,
    pub kind_en: String,
    pub person_name: String,
    pub person_name_en: String,
    pub unit_code: String,
    pub deadline: DeadlineOut,
}

/// Open deadlines, soonest first: `week` keeps those due within seven days (and the overdue),
/// `overdue` only those past their last day.
pub async fn board(
    state: &AppState,
    actor: &Actor,
    which: Board,
    unit: Option<&str>,
    due: Option<&str>,
) -> Result<Vec<BoardItem>, ApiError> {
    let today = crate::today();
    let mut q = BoardQuery {
        limit: 500,
        ..Default::default()
    };
    let decision = bmahr_core::access::may_read_board(&actor.asker(), which);
    guard(state, actor, None, decision).await?;
    match which {
        Board::Mine => {
            let Some(p) = actor.user.person_id else {
                return Ok(Vec::new());
            };
            q.person_id = Some(p);
        }
        Board::Kpk => q.kpk = true,
        Board::Units => {
            let (_, units) =
                crate::usecases::frame::units_in_view(state, actor, unit, today).await?;
            q.units = units;
        }
    }
    q.due_by = match due.unwrap_or("all") {
        "week" => Some(today.add_days(7)),
        "overdue" => Some(today.add_days(-1)),
        "all" | "" => None,
        other => {
            return Err(bad(
                "board.due",
                "due",
                format!("due ต้องเป็น week, overdue หรือ all (ไม่ใช่ \"{other}\")"),
                format!("due must be week, overdue or all (not \"{other}\")"),
            ))
        }
    };
    let rows = state.store.deadline_board(&q).await?;
    log_listing(state, actor, "case.board", rows.len()).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let (person_name, person_name_en) = person_names(state, r.person_id).await;
        items.push(BoardItem {
            case_id: r.case_id,
            kind: r.kind.code().to_string(),
            kind_th: r.kind.th().to_string(),
            kind_en: r.kind.en().to_string(),
            person_name,
            person_name_en,
            unit_code: r.unit_code,
            deadline: DeadlineOut::new(&r.deadline, today),
        });
    }
    Ok(items)
}

/// One row of a report table: a label and counts by column, with the row total.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TableRow {
    pub group_th: String,
    pub group_en: String,
    pub label_th: String,
    pub label_en: String,
    pub counts: Vec<i64>,
    pub total: i64,
}

/// A table of the annual report (seed 002).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ReportTable {
    pub title_th: String,
    pub title_en: String,
    pub columns_th: Vec<String>,
    pub columns_en: Vec<String>,
    pub rows: Vec<TableRow>,
    pub totals: Vec<i64>,
    pub total: i64,
}

/// The respondent columns of seed 002's tables: civil servants, permanent employees,
/// temporary employees (and the BMA's contract staff, which the seed's year did not have).
fn column_of(category: &str) -> usize {
    match Category::parse(category) {
        Ok(Category::PermanentEmployee) => 1,
        Ok(Category::TemporaryEmployee) => 2,
        Ok(Category::ContractStaff) => 3,
        _ => 0,
    }
}

const COLUMNS_TH: [&str; 4] = [
    "ข้าราชการ",
    "ลูกจ้างประจำ",
    "ลูกจ้างชั่วคราว",
    "พนักงานกรุงเทพมหานคร",
];
const COLUMNS_EN: [&str; 4] = [
    "civil servants",
    "permanent employees",
    "temporary employees",
    "contract staff",
];

fn table(
    title_th: &str,
    title_en: &str,
    rows: Vec<TableRow>,
    totals_from: &[usize],
) -> ReportTable {
    let mut totals = vec![0; COLUMNS_TH.len()];
    for i in totals_from {
        for (t, c) in totals.iter_mut().zip(&rows[*i].counts) {
            *t += c;
        }
    }
    ReportTable {
        title_th: title_th.into(),
        title_en: title_en.into(),
        columns_th: COLUMNS_TH.iter().map(|s| s.to_string()).collect(),
        columns_en: COLUMNS_EN.iter().map(|s| s.to_string()).collect(),
        total: totals.iter().sum(),
        totals,
        rows,
    }
}

fn row(group: (&str, &str), label_th: &str, label_en: &str, counts: Vec<i64>) -> TableRow {
    TableRow {
        group_th: group.0.into(),
        group_en: group.1.into(),
        label_th: label_th.into(),
        label_en: label_en.into(),
        total: counts.iter().sum(),
        counts,
    }
}

/// The discipline table (penalties by kind) and the complaint table (by category and
/// status) of a unit subtree's annual report, in the layout of seed 002.
pub async fn report_tables(
    state: &AppState,
    actor: &Actor,
    unit: Option<&str>,
    fy: FiscalYear,
) -> Result<(Option<bmahr_store::UnitRow>, Vec<ReportTable>), ApiError> {
    let (u, units) =
        crate::usecases::frame::units_in_view(state, actor, unit, fy.last_day()).await?;
    let penalties = state.store.penalty_counts(units.as_deref(), fy).await?;
    let complaints = state.store.complaint_counts(units.as_deref(), fy).await?;
    Ok((u, tables_of(&penalties, &complaints, fy)))
}

/// The two tables from the counts, in seed 002's rows and columns.
pub fn tables_of(
    penalties: &[bmahr_store::PenaltyCount],
    complaints: &[bmahr_store::ComplaintCount],
    fy: FiscalYear,
) -> Vec<ReportTable> {
    let mut prows = Vec::new();
    for k in PenaltyKind::ALL {
        let mut counts = vec![0; COLUMNS_TH.len()];
        for p in penalties.iter().filter(|p| p.penalty == *k) {
            counts[column_of(&p.category)] += p.count;
        }
        let group = if k.is_serious() {
            ("โทษทางวินัยร้ายแรง", "Serious disciplinary penalties")
        } else {
            ("โทษทางวินัยไม่ร้ายแรง", "Non-serious disciplinary penalties")
        };
        prows.push(row(group, k.th(), k.en(), counts));
    }
    let all: Vec<usize> = (0..prows.len()).collect();
    let discipline = table(
        &format!("การลงโทษทางวินัย ปีงบประมาณ พ.ศ. {}", fy.year_be()),
        &format!("Disciplinary penalties, FY {}", fy.year_be()),
        prows,
        &all,
    );
    let mut crows = Vec::new();
    for c in ComplaintCategory::ALL {
        let mut counts = vec![0; COLUMNS_TH.len()];
        for x in complaints.iter().filter(|x| x.category == *c) {
            counts[column_of(&x.person_category)] += x.count;
        }
        let group_th = format!("{} (เรื่อง)", c.group().th());
        let group_en = format!("{} (complaints)", c.group().en());
        crows.push(row((&group_th, &group_en), c.th(), c.en(), counts));
    }
    let by_category: Vec<usize> = (0..crows.len()).collect();
    for s in ComplaintStatus::ALL {
        let mut counts = vec![0; COLUMNS_TH.len()];
        for x in complaints.iter().filter(|x| x.status == *s) {
            counts[column_of(&x.person_category)] += x.count;
        }
        crows.push(row(
            ("ผลการดำเนินงาน (เรื่อง)", "Outcome (complaints)"),
            s.th(),
            s.en(),
            counts,
        ));
    }
    let complaints = table(
        &format!(
            "สรุปเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ในรอบปีงบประมาณ พ.ศ. {}",
            fy.year_be()
        ),
        &format!(
            "Complaints of corruption and misconduct, FY {}",
            fy.year_be()
        ),
        crows,
        &by_category,
    );
    vec![discipline, complaints]
}

/// An entry of ก.พ.ค.'s list (§64 para 2): exactly one of the three.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedInput {
    /// The heads of every unit of this kind (e.g. `district`).
    pub unit_kind: Option<String>,
    /// The head of this unit.
    pub unit_code: Option<String>,
    pub position_no: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// Adds an entry to ก.พ.ค.'s list (ก.พ.ค.'s secretariat only).
pub async fn add_named(state: &AppState, actor: &Actor, n: NamedInput) -> Result<i64, ApiError> {
    crate::access::may_edit_kpk_named(state, actor).await?;
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let (kind, code, no) = (
        clean(&n.unit_kind),
        clean(&n.unit_code),
        clean(&n.position_no),
    );
    let given = [&kind, &code, &no].iter().filter(|x| x.is_some()).count();
    if given != 1 {
        return Err(bad(
            "kpk_named.one_of",
            "unit_kind",
            "ระบุอย่างใดอย่างหนึ่ง: ประเภทหน่วยงาน รหัสหน่วยงาน หรือเลขที่ตำแหน่ง".into(),
            "give exactly one of unit_kind, unit_code or position_no".into(),
        ));
    }
    let kind = match kind {
        Some(k) => Some(
            bmahr_core::org::UnitKind::parse(&k)
                .map_err(|v| ApiError::bad(v.on_field("unit_kind")))?
                .code()
                .to_string(),
        ),
        None => None,
    };
    Ok(state
        .store
        .add_kpk_named(
            kind.as_deref(),
            code.as_deref(),
            no.as_deref(),
            n.note.trim(),
            &actor.meta("ก.พ.ค. กำหนดตำแหน่ง / ก.พ.ค. names a position"),
        )
        .await?)
}

/// Removes an entry from ก.พ.ค.'s list.
pub async fn remove_named(state: &AppState, actor: &Actor, id: i64) -> Result<(), ApiError> {
    crate::access::may_edit_kpk_named(state, actor).await?;
    if state
        .store
        .remove_kpk_named(
            id,
            &actor.meta("ก.พ.ค. ยกเลิกตำแหน่ง / ก.พ.ค. removes a position"),
        )
        .await?
    {
        Ok(())
    } else {
        Err(bmahr_store::StoreError::not_found("id", "รายการ", "entry", &id.to_string()).into())
    }
}
