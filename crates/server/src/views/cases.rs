//! Pages of case files (§58–66): the list with forms to open a case, a case file with its
//! deadlines and the forms of the events its handler may record, the deadline boards and the
//! discipline report. Same use-cases (and access) as the API.

use std::collections::HashMap;

use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use bmahr_core::law::case_file::{CaseKind, InterimMeasure, PetitionResponse};
use bmahr_core::law::discipline::{AppealOutcome, CaseStage, ComplaintCategory, GrievanceOutcome};
use bmahr_core::{FiscalYear, Violation};
use minijinja::{context, Value};
use serde_json::{json, Map};

use super::frame::{enc, show_date};
use super::orders::problem_list;
use super::{chrome, error_page, error_page_for, render, Lang, PageActor};
use crate::error::ApiError;
use crate::params::year_be_param;
use crate::params::{board_param, kind_param};
use crate::sheets::{self, FormatParam};
use crate::usecases::cases::{self, Board, CaseOut, DeadlineOut};
use crate::usecases::documents::printed_line;
use crate::usecases::pickers::{self, PickedPerson};
use crate::usecases::Paging;
use crate::{today, AppState};

type Fields = HashMap<String, String>;

fn options<T: Copy>(
    lang: &Lang,
    all: &[T],
    code: fn(T) -> &'static str,
    th: fn(T) -> &'static str,
    en: fn(T) -> &'static str,
) -> Vec<Value> {
    all.iter()
        .map(|v| context! { code => code(*v), label => lang.pick(th(*v), en(*v)) })
        .collect()
}

/// The choice lists the forms use.
fn choices(lang: &Lang) -> Value {
    context! {
        stages => options(lang, &CaseStage::ALL[1..CaseStage::ALL.len() - 1], CaseStage::code, CaseStage::th, CaseStage::en),
        categories => options(lang, ComplaintCategory::ALL, ComplaintCategory::code, ComplaintCategory::th, ComplaintCategory::en),
        appeal_outcomes => options(lang, AppealOutcome::ALL, AppealOutcome::code, AppealOutcome::th, AppealOutcome::en),
        grievance_outcomes => options(lang, GrievanceOutcome::ALL, GrievanceOutcome::code, GrievanceOutcome::th, GrievanceOutcome::en),
        interim => options(lang, InterimMeasure::ALL, InterimMeasure::code, InterimMeasure::th, InterimMeasure::en),
        responses => options(lang, PetitionResponse::ALL, PetitionResponse::code, PetitionResponse::th, PetitionResponse::en),
    }
}

fn deadline_rows(lang: &Lang, ds: &[DeadlineOut]) -> Vec<Value> {
    ds.iter()
        .map(|d| {
            let state = match (d.met_on, d.days_left) {
                (Some(m), _) if d.met_late => format!(
                    "{} {}",
                    lang.pick("ดำเนินการแล้ว (เกินกำหนด)", "done (late)"),
                    show_date(lang, m)
                ),
                (Some(m), _) => format!("{} {}", lang.pick("ดำเนินการแล้ว", "done"), show_date(lang, m)),
                (None, Some(n)) if n < 0 && !d.overdue => lang.pick("พ้นกำหนดแล้ว", "window closed").to_string(),
                (None, Some(n)) if n < 0 => format!("{} {} {}", lang.pick("เกินกำหนด", "overdue by"), -n, lang.pick("วัน", "days")),
                (None, Some(0)) => lang.pick("วันสุดท้าย", "last day today").to_string(),
                (None, Some(n)) => format!("{} {} {}", lang.pick("เหลือ", ""), n, lang.pick("วัน", "days left")),
                (None, None) => String::new(),
            };
            context! {
                key => d.key, label => lang.pick(&d.label_th, &d.label_en), basis => d.basis,
                holder => lang.pick(&d.holder_th, &d.holder), last_day => show_date(lang, d.last_day),
                moved => d.moved_off_holiday, counted => show_date(lang, d.counted_day),
                state, overdue => d.overdue, met => d.met_on.is_some(),
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct ListParams {
    kind: Option<String>,
    /// `1`: open cases only (kept for old links; `status=open` says the same).
    open: Option<String>,
    /// `open`, `closed` or empty (all).
    status: Option<String>,
    /// A unit's code or name: its cases and those below it.
    unit: Option<String>,
    /// Opened from / to (DD/MM/YYYY, B.E.).
    from: Option<String>,
    to: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<ListParams>,
    Query(paging): Query<Paging>,
    Query(sort): Query<crate::params::SortParam>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Response {
    use crate::usecases::cases::{CaseFilter, CaseStatus};
    let result: Result<Response, ApiError> = async {
        let kind = kind_param(p.kind.as_deref())?;
        let status = match (p.status.as_deref().map(str::trim), p.open.as_deref()) {
            (Some("open"), _) | (None | Some(""), Some("1" | "true")) => Some(CaseStatus::Open),
            (Some("closed"), _) => Some(CaseStatus::Closed),
            (None | Some(""), _) => None,
            (Some(other), _) => {
                return Err(ApiError::bad(Violation::new(
                    "case.status",
                    "status",
                    format!("สถานะ \"{other}\" ไม่ถูกต้อง: ใช้ open (ยังไม่ยุติ) หรือ closed (ยุติแล้ว)"),
                    format!("status \"{other}\" is invalid: use open or closed"),
                )))
            }
        };
        let day = |field: &str, v: Option<&str>| match v.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => crate::usecases::date_param(field, Some(s), today()).map(Some),
        };
        let opened_from = day("from", p.from.as_deref())?;
        let opened_to = day("to", p.to.as_deref())?;
        let unit = pickers::unit_filter(&state, &a, p.unit.as_deref(), today()).await?.map(|u| u.code);
        let asked = sort.sort.as_deref().is_some_and(|s| !s.is_empty()) || sort.dir.as_deref().is_some_and(|s| !s.is_empty());
        let order = sort.parse(crate::params::Sort::desc(bmahr_store::CaseSort::Opened))?;
        let filter = CaseFilter { kind, status, unit, opened_from, opened_to, sort: asked.then_some(order) };
        let mut items = cases::list_where(&state, &a, &filter, paging.limit() + 1, paging.offset()).await?;
        let more = items.len() as i64 > paging.limit();
        items.truncate(paging.limit() as usize);
        let rows: Vec<Value> = items
            .iter()
            .map(|c| context! {
                id => c.id, kind => lang.pick(&c.kind_th, &c.kind_en), person => lang.pick(&c.person_name, &c.person_name_en),
                unit => format!("{} {}", c.unit_code, lang.pick(&c.unit_th, &c.unit_en)), stage => lang.pick(&c.stage_th, &c.stage),
                opened => show_date(&lang, c.opened_on), closed => c.closed,
            })
            .collect();
        let opens: Vec<Value> = CaseKind::ALL
            .iter()
            .filter(|k| bmahr_core::access::opens_case_kind(a.role(), **k))
            .map(|k| context! { code => k.code(), label => lang.pick(k.th(), k.en()) })
            .collect();
        let kinds = options(&lang, CaseKind::ALL, CaseKind::code, CaseKind::th, CaseKind::en);
        let status = match status {
            Some(CaseStatus::Open) => "open",
            Some(CaseStatus::Closed) => "closed",
            None => "",
        };
        Ok(render(
            &lang,
            "cases.html",
            context! { ..chrome(&lang, &a), ..context! {
                cases => rows, opens, kinds, kind => p.kind.unwrap_or_default(), status,
                unit_text => p.unit.unwrap_or_default(), from => p.from.unwrap_or_default(), to => p.to.unwrap_or_default(),
                page => paging.page(), more, sorting => crate::params::sort_links(raw.as_deref(), order),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct NewParams {
    kind: Option<String>,
}

async fn new_form(lang: Lang, PageActor(a): PageActor, Query(p): Query<NewParams>) -> Response {
    let kind = match kind_param(p.kind.as_deref()) {
        Ok(Some(k)) => k,
        Ok(None) => CaseKind::Discipline,
        Err(e) => return error_page_for(&lang, &a, e),
    };
    new_page(&lang, &a, kind, &Fields::new(), &[], None)
}

/// The form to open a case; `picked` is the person the form's text resolved to (shown
/// beside the field when the form comes back with problems).
fn new_page(
    lang: &Lang,
    a: &crate::auth::Actor,
    kind: CaseKind,
    f: &Fields,
    problems: &[Violation],
    picked: Option<&PickedPerson>,
) -> Response {
    let card = picked.map(|p| lang.pick(&p.label_th, &p.label_en).to_string());
    render(
        lang,
        "case_new.html",
        context! { ..chrome(lang, a), ..context! {
            kind => kind.code(), kind_label => lang.pick(kind.th(), kind.en()), f => f.clone(),
            problems => problem_list(lang, &named(lang, problems)), person_card => card, ..choices(lang),
        }},
    )
}

fn text(f: &Fields, k: &str) -> String {
    f.get(k).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn opt(f: &Fields, k: &str) -> Option<String> {
    Some(text(f, k)).filter(|s| !s.is_empty())
}

fn number(f: &Fields, k: &str) -> Result<Option<u32>, ApiError> {
    match opt(f, k) {
        None => Ok(None),
        Some(s) => s.parse::<u32>().map(Some).map_err(|_| {
            ApiError::bad(Violation::new(
                "form.number",
                k,
                format!("\"{s}\" ไม่ใช่จำนวนเต็ม"),
                format!("\"{s}\" is not a whole number"),
            ))
        }),
    }
}

/// A penalty from `{p}` (its kind), `{p}_percent`, `{p}_months`.
fn penalty(f: &Fields, p: &str) -> Result<Option<serde_json::Value>, ApiError> {
    let Some(kind) = opt(f, p) else {
        return Ok(None);
    };
    Ok(Some(json!({
        "kind": kind,
        "percent": number(f, &format!("{p}_percent"))?,
        "months": number(f, &format!("{p}_months"))?,
    })))
}

/// A disposition: `{p}` is `closed`, `written_bond`, `warning`, `removed` or a penalty kind
/// (with its rate in `{p}_percent`, `{p}_months`).
fn disposition(f: &Fields, p: &str) -> Result<serde_json::Value, ApiError> {
    Ok(match text(f, p).as_str() {
        "closed" | "" => json!("closed"),
        w @ ("written_bond" | "warning") => json!({ "waived": w }),
        "removed" => json!({ "removed": "other" }),
        kind => json!({ "penalised": {
            "kind": kind,
            "percent": number(f, &format!("{p}_percent"))?,
            "months": number(f, &format!("{p}_months"))?,
        }}),
    })
}

/// The case opening of a new-case form, in the API's JSON.
fn opening_of(kind: CaseKind, f: &Fields) -> Result<crate::usecases::cases::OpenCase, ApiError> {
    let case = match kind {
        CaseKind::Discipline => json!({
            "kind": "discipline", "source": text(f, "source"), "category": opt(f, "category"),
            "allegation": text(f, "allegation"), "received_on": text(f, "received_on"),
        }),
        CaseKind::Appeal => json!({
            "kind": "appeal", "issuer_unit": text(f, "issuer_unit"), "order_number": text(f, "order_number"),
            "knew_on": text(f, "knew_on"), "filed_on": text(f, "filed_on"), "received_on": text(f, "received_on"),
        }),
        CaseKind::Grievance => {
            let against = match text(f, "against").as_str() {
                "governor" => json!({"holder": "governor"}),
                "permanent_secretary" => json!({"holder": "permanent_secretary"}),
                "position" => json!({"holder": "position", "position_no": text(f, "against_code")}),
                _ => json!({"holder": "unit_head", "unit": text(f, "against_code")}),
            };
            json!({"kind": "grievance", "against": against, "subject": text(f, "subject"), "filed_on": text(f, "filed_on")})
        }
        CaseKind::Petition => json!({
            "kind": "petition", "rule_or_order": text(f, "rule_or_order"), "issuer_unit": text(f, "issuer_unit"),
            "filed_on": text(f, "filed_on"), "petitioner": text(f, "petitioner"),
        }),
    };
    serde_json::from_value(json!({ "person": opt(f, "person"), "case": case }))
        .map_err(|e| malformed(&e))
}

fn malformed(e: &serde_json::Error) -> ApiError {
    ApiError::bad(Violation::new(
        "case.malformed",
        "form",
        format!("ข้อมูลในแบบฟอร์มไม่ครบหรือไม่ถูกต้อง: {e}"),
        format!("the form is incomplete or wrong: {e}"),
    ))
}

/// The violations of an error, shown on the form; other errors go to the error page.
fn problems_of(e: ApiError) -> Result<Vec<Violation>, ApiError> {
    match e {
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) => Ok(v.0),
        ApiError::Conflict(v) | ApiError::NotFound(v) => Ok(vec![v]),
        other => Err(other),
    }
}

async fn create(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<Fields>,
) -> Response {
    let kind = match kind_param(f.get("kind").map(String::as_str)) {
        Ok(k) => k.unwrap_or(CaseKind::Discipline),
        Err(e) => return error_page_for(&lang, &a, e),
    };
    // The person is picked by name, `#id`, national ID or position number (a discipline
    // officer sees IDs masked) and resolved here; the use-case is given their ID.
    let mut picked: Option<PickedPerson> = None;
    let result: Result<CaseOut, ApiError> = async {
        a.require_csrf(f.get("csrf").map(String::as_str))?;
        let mut given = f.clone();
        if let Some(typed) = opt(&f, "person") {
            let p = pickers::resolve_person(&state, &a, "person", &typed, today()).await?;
            given.insert("person".into(), p.identity.reveal().to_string());
            picked = Some(p);
        }
        let input = opening_of(kind, &given)?;
        cases::open(&state, &a, input).await
    }
    .await;
    match result {
        Ok(c) => Redirect::to(&format!("/cases/{}", c.item.id)).into_response(),
        Err(e) => match problems_of(e) {
            Ok(v) => new_page(&lang, &a, kind, &f, &v, picked.as_ref()),
            Err(e) => error_page_for(&lang, &a, e),
        },
    }
}

fn case_page(
    lang: &Lang,
    a: &crate::auth::Actor,
    c: &CaseOut,
    (handler, kk): (bool, bool),
    f: &Fields,
    problems: &[Violation],
) -> Response {
    let events: Vec<Value> = c
        .events
        .iter()
        .map(|e| {
            let body = &e.event;
            let mut detail: Vec<String> = Vec::new();
            if let Some(m) = body.as_object() {
                for (k, v) in m {
                    if k == "type" || k == "on" || v.is_null() || v == &json!([]) || v == &json!("") {
                        continue;
                    }
                    detail.push(format!("{}: {}", key_label(lang, k), words(lang, k, v)));
                }
            }
            context! {
                seq => e.seq, label => lang.pick(&e.label_th, &e.label_en), on => show_date(lang, e.on),
                by => e.recorded_by, detail => detail.join(" · "),
            }
        })
        .collect();
    let opening = serde_json::to_value(&c.opening).unwrap_or_default();
    let facts: Vec<Value> = opening
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, v)| *k != "kind" && !v.is_null())
                .map(|(k, v)| context! { k => key_label(lang, k), v => words(lang, k, v) })
                .collect()
        })
        .unwrap_or_default();
    render(
        lang,
        "case.html",
        context! { ..chrome(lang, a), ..context! {
            c => context! {
                id => c.item.id, kind => c.item.kind, kind_label => lang.pick(&c.item.kind_th, &c.item.kind_en),
                person => lang.pick(&c.item.person_name, &c.item.person_name_en), person_id => c.item.person_id,
                unit => format!("{} {}", c.item.unit_code, lang.pick(&c.item.unit_th, &c.item.unit_en)),
                forum => bmahr_core::law::discipline::Forum::parse(&c.item.forum)
                    .map(|f| lang.pick(f.th(), f.en()).to_string())
                    .unwrap_or_else(|_| c.forum_th.clone()), stage => lang.pick(&c.item.stage_th, &c.item.stage), closed => c.item.closed,
                version => c.item.version, opened => show_date(lang, c.item.opened_on), late => c.late,
                refund => bmahr_core::money::grouped(c.refund_total_satang / 100),
                refund_satang => c.refund_total_satang,
            },
            facts, events, deadlines => deadline_rows(lang, &c.deadlines), handler, kk, f => f.clone(),
            problems => problem_list(lang, &named(lang, problems)), ..choices(lang),
        }},
    )
}

/// Violations with their field in words.
fn named(lang: &Lang, v: &[Violation]) -> Vec<Violation> {
    v.iter()
        .map(|x| {
            let mut x = x.clone();
            x.field = key_label(lang, &x.field);
            x
        })
        .collect()
}

/// A field of an opening or an event in words: (Thai, English) labels by key.
fn key_label(lang: &Lang, k: &str) -> String {
    let (th, en) = match k {
        "source" => ("ที่มาของเรื่อง", "source"),
        "category" => ("ประเภทเรื่องร้องเรียน", "complaint category"),
        "allegation" => ("ข้อกล่าวหา", "allegation"),
        "received_on" => ("วันที่ได้รับ", "received on"),
        "issuer_unit" => ("หน่วยงานผู้ออก", "issuing unit"),
        "order_number" => ("เลขที่คำสั่ง", "order"),
        "knew_on" => ("วันที่ทราบคำสั่ง", "knew of the order on"),
        "filed_on" => ("วันที่ยื่น", "filed on"),
        "penalty" | "new_penalty" => ("โทษ", "penalty"),
        "penalty_from" => ("โทษมีผลตั้งแต่", "penalty from"),
        "against" => ("ผู้ถูกร้องทุกข์", "against"),
        "subject" => ("เรื่อง", "subject"),
        "route" => ("ผู้พิจารณา", "decided by"),
        "appealable" => ("อุทธรณ์ได้", "appealable"),
        "rule_or_order" => ("กฎหรือคำสั่ง", "rule or order"),
        "petitioner" => ("ผู้ร้อง", "petitioner"),
        "committee" => ("คณะกรรมการ", "committee"),
        "stage" => ("ขั้นตอน", "stage"),
        "by" => ("โดย", "by"),
        "disposition" | "proposed" | "resolved" => ("ผล", "outcome"),
        "power" => ("อำนาจลงโทษสูงสุด", "within power up to"),
        "to" => ("รายงานต่อ", "reported to"),
        "resolution" => ("มติ", "resolution"),
        "decided_on" => ("วันที่มีมติ", "decided on"),
        "notified_on" => ("วันที่ได้รับแจ้ง", "notified on"),
        "signed_on" => ("วันที่ลงนาม", "signed on"),
        "measure" => ("มาตรการ/โทษ", "measure"),
        "days" => ("จำนวนวัน", "days"),
        "reason" => ("เหตุขัดข้อง", "reason"),
        "outcome" | "response" => ("ผล", "outcome"),
        "respond_within_days" => ("ให้ดำเนินการภายใน (วัน)", "respond within (days)"),
        "refund" => ("เงินเดือนที่ต้องคืน (บาท)", "refund (baht)"),
        "note" => ("หมายเหตุ", "note"),
        other => (other, other),
    };
    lang.pick(th, en).to_string()
}

fn penalty_words(lang: &Lang, v: &serde_json::Value) -> Option<String> {
    let p: bmahr_core::law::discipline::Penalty = serde_json::from_value(v.clone()).ok()?;
    Some(if lang.en() {
        p.describe_en()
    } else {
        p.describe_th()
    })
}

/// A code of one of the case's closed sets in words.
fn code_words(lang: &Lang, s: &str) -> Option<String> {
    macro_rules! try_enum {
        ($($t:ty),+) => {$(
            if let Ok(v) = <$t>::parse(s) {
                if v.code() == s {
                    return Some(lang.pick(v.th(), v.en()).to_string());
                }
            }
        )+};
    }
    try_enum!(
        ComplaintCategory,
        CaseStage,
        AppealOutcome,
        GrievanceOutcome,
        PetitionResponse,
        InterimMeasure,
        bmahr_core::law::discipline::Forum,
        bmahr_core::law::discipline::GrievanceCause,
        bmahr_core::register::PenaltyKind,
        bmahr_core::law::discipline::WaiverForm
    );
    None
}

/// A value of an opening or event in words: dates in the Buddhist era, codes in Thai,
/// penalties described, committees by name.
fn words(lang: &Lang, key: &str, v: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match (key, v) {
        (_, J::String(s)) => bmahr_core::ThaiDate::parse_iso(s)
            .filter(|_| s.len() == 10)
            .map(|d| show_date(lang, d))
            .or_else(|| code_words(lang, s))
            .unwrap_or_else(|| s.clone()),
        (_, J::Bool(b)) => lang
            .pick(
                if *b {
                    "ใช่"
                } else {
                    "ไม่ใช่"
                },
                if *b { "yes" } else { "no" },
            )
            .to_string(),
        ("committee", J::Array(a)) => a
            .iter()
            .map(|m| {
                format!(
                    "{} ({})",
                    words(lang, "", &m["name"]),
                    words(lang, "", &m["role"])
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        ("refund", J::Array(a)) => {
            let total: i64 = a.iter().filter_map(|m| m["amount"].as_i64()).sum();
            bmahr_core::money::grouped(total / 100)
        }
        ("route", J::Object(m)) => words(lang, "", &m.get("forum").cloned().unwrap_or_default()),
        ("against", J::Object(m)) => {
            let who = m.get("holder").and_then(J::as_str).unwrap_or("");
            let (th, en) = match who {
                "governor" => ("ผู้ว่าราชการกรุงเทพมหานคร", "the Governor"),
                "permanent_secretary" => ("ปลัดกรุงเทพมหานคร", "the Permanent Secretary"),
                "position" => ("ผู้ดำรงตำแหน่งเลขที่", "holder of position"),
                _ => ("หัวหน้าหน่วยงาน", "head of unit"),
            };
            let what = m
                .get("unit")
                .or_else(|| m.get("position_no"))
                .and_then(J::as_str)
                .unwrap_or("");
            format!("{} {what}", lang.pick(th, en)).trim().to_string()
        }
        (_, J::Object(m)) if m.contains_key("kind") => {
            penalty_words(lang, v).unwrap_or_else(|| v.to_string())
        }
        (_, J::Object(m)) if m.len() == 1 => {
            let (k, inner) = m
                .iter()
                .next()
                .map(|(k, v)| (k.as_str(), v))
                .unwrap_or(("", v));
            let head = match k {
                "waived" => lang.pick("งดโทษ", "waived"),
                "removed" => lang.pick("ให้ออกจากราชการ", "removal"),
                _ => "",
            };
            let body = match inner {
                J::Object(_) => penalty_words(lang, inner).unwrap_or_else(|| inner.to_string()),
                other => words(lang, "", other),
            };
            format!("{head} {body}").trim().to_string()
        }
        (_, J::Null) => String::new(),
        (_, other) => other.to_string(),
    }
}

async fn show(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let c = cases::read(&state, &a, id).await?;
        let p = cases::powers(&state, &a, id).await?;
        Ok(case_page(&lang, &a, &c, p, &Fields::new(), &[]))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// The event of an event form, in the API's JSON.
fn event_of(f: &Fields) -> Result<crate::usecases::cases::EventInput, ApiError> {
    let on = text(f, "on");
    let mut e = Map::new();
    let ty = text(f, "type");
    e.insert("type".into(), json!(ty));
    e.insert("on".into(), json!(on));
    let mut put = |k: &str, v: serde_json::Value| {
        e.insert(k.into(), v);
    };
    match ty.as_str() {
        "stage" => {
            put("stage", json!(text(f, "stage")));
            put("note", json!(text(f, "note")));
            let committee: Vec<serde_json::Value> = text(f, "committee")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let mut parts = l.split(',').map(str::trim);
                    json!({"national_id": parts.next().unwrap_or(""), "name": parts.next().unwrap_or(""), "role": parts.next().unwrap_or("")})
                })
                .collect();
            put("committee", json!(committee));
        }
        "interim" => {
            put("measure", json!(text(f, "measure")));
            put("order_number", json!(text(f, "order_number")));
        }
        "decided" | "reviewed" => {
            put("by", json!(text(f, "by")));
            let key = if ty == "decided" {
                "disposition"
            } else {
                "proposed"
            };
            put(key, disposition(f, "disposition")?);
            put(
                "power",
                penalty(f, "power")?.unwrap_or(json!({"kind": "probation"})),
            );
        }
        "reported" => put("to", json!(text(f, "to"))),
        "kk_resolved" => {
            e.remove("on");
            e.insert("resolution".into(), json!(text(f, "resolution")));
            e.insert("decided_on".into(), json!(text(f, "decided_on")));
            e.insert("notified_on".into(), json!(text(f, "notified_on")));
            e.insert("resolved".into(), disposition(f, "disposition")?);
        }
        "closed" | "grievance_decided" | "issuer_responded" | "issuer_notified"
        | "appeal_decided" => {
            put("note", json!(text(f, "note")));
            if ty == "grievance_decided" || ty == "appeal_decided" {
                put("outcome", json!(text(f, "outcome")));
            }
            if ty == "appeal_decided" {
                put(
                    "new_penalty",
                    penalty(f, "new")?.unwrap_or(serde_json::Value::Null),
                );
            }
            if ty == "issuer_responded" {
                put("response", json!(text(f, "response")));
            }
            if ty == "issuer_notified" {
                put(
                    "respond_within_days",
                    json!(number(f, "respond_within_days")?.unwrap_or(0)),
                );
            }
        }
        "extended" => {
            put("days", json!(number(f, "days")?.unwrap_or(0)));
            put("reason", json!(text(f, "reason")));
        }
        "implemented" => put("order_number", json!(text(f, "order_number"))),
        "person_notified" => {}
        _ => {}
    }
    let version: i64 = text(f, "version").parse().unwrap_or(0);
    serde_json::from_value(json!({ "expected_version": version, "event": e }))
        .map_err(|e| malformed(&e))
}

async fn record(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let result: Result<CaseOut, ApiError> = async {
        a.require_csrf(f.get("csrf").map(String::as_str))?;
        let input = event_of(&f)?;
        cases::record(&state, &a, id, input).await
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e) => match problems_of(e) {
            Ok(v) => {
                let shown: Result<Response, ApiError> = async {
                    let c = cases::read(&state, &a, id).await?;
                    let p = cases::powers(&state, &a, id).await?;
                    Ok(case_page(&lang, &a, &c, p, &f, &v))
                }
                .await;
                shown.unwrap_or_else(|e| error_page_for(&lang, &a, e))
            }
            Err(e) => error_page_for(&lang, &a, e),
        },
    }
}

#[derive(serde::Deserialize)]
struct BoardParams {
    board: Option<String>,
    unit: Option<String>,
    due: Option<String>,
}

async fn board(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<BoardParams>,
    Query(file): Query<FormatParam>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let default = match bmahr_core::access::home_board(a.role()) {
            Board::Kpk => "kpk",
            Board::Units => "units",
            Board::Mine => "mine",
        };
        let which_code = p
            .board
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or(default.into());
        let which = board_param(Some(&which_code))?;
        let due = p
            .due
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or("all".into());
        // A unit by code or name (the picker's field).
        let unit = pickers::unit_filter(&state, &a, p.unit.as_deref(), today())
            .await?
            .map(|u| u.code);
        let items = cases::board(&state, &a, which, unit.as_deref(), Some(&due)).await?;
        if let Some(format) = wanted {
            let on = today();
            let sheet = sheets::deadlines(
                &items,
                which,
                unit.as_deref(),
                Some(&due),
                on,
                printed_line(&a, on),
            );
            return sheets::answer(format, sheet, "deadlines").await;
        }
        let rows: Vec<Value> = items
            .iter()
            .map(|b| {
                let d = deadline_rows(&lang, std::slice::from_ref(&b.deadline))
                    .pop()
                    .unwrap_or_default();
                context! {
                    case_id => b.case_id, kind => lang.pick(&b.kind_th, &b.kind_en),
                    person => lang.pick(&b.person_name, &b.person_name_en), unit => b.unit_code, d
                }
            })
            .collect();
        let overdue = items.iter().filter(|b| b.deadline.overdue).count();
        let title = match which {
            Board::Kpk => lang.pick("กำหนดเวลาของ ก.พ.ค. กรุงเทพมหานคร", "Deadlines of ก.พ.ค."),
            Board::Units => lang.pick("กำหนดเวลาของหน่วยงาน", "Deadlines of the units"),
            Board::Mine => lang.pick("กำหนดเวลาในเรื่องของฉัน", "Deadlines in my cases"),
        };
        let unit_q = unit
            .as_deref()
            .map(|u| format!("&unit={}", enc(u)))
            .unwrap_or_default();
        Ok(render(
            &lang,
            "deadlines.html",
            context! { ..chrome(&lang, &a), ..context! {
                title, rows, overdue, board => which_code, due, unit => p.unit.unwrap_or_default(),
                unit_q => Value::from_safe_string(unit_q),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct ReportParams {
    unit: Option<String>,
    fy: Option<String>,
}

async fn report(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<ReportParams>,
    Query(file): Query<FormatParam>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let fy = FiscalYear::be(year_be_param("fy", p.fy.as_deref(), FiscalYear::of(today()).year_be())?);
        let picked = pickers::unit_filter(&state, &a, p.unit.as_deref(), today()).await?.map(|u| u.code);
        let (unit, tables) = cases::report_tables(&state, &a, picked.as_deref(), fy).await?;
        if let Some(format) = wanted {
            let covers = sheets::coverage(&state, &a, unit.as_ref()).await?;
            let on = today();
            return sheets::answer_discipline(&state, format, &tables, &covers, fy, on, printed_line(&a, on)).await;
        }
        let scope = unit
            .map(|u| format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en)))
            .unwrap_or_else(|| lang.pick("ทุกหน่วยงานในขอบเขต", "all units in scope").to_string());
        let tables: Vec<Value> = tables
            .iter()
            .map(|t| {
                let mut last = String::new();
                let rows: Vec<Value> = t
                    .rows
                    .iter()
                    .map(|r| {
                        let shown = lang.pick(&r.group_th, &r.group_en).to_string();
                        let group = if shown == last { String::new() } else { shown.clone() };
                        last = shown;
                        context! { group, label => lang.pick(&r.label_th, &r.label_en), counts => r.counts, total => r.total }
                    })
                    .collect();
                let columns: Vec<&str> = t
                    .columns_th
                    .iter()
                    .zip(&t.columns_en)
                    .map(|(th, en)| lang.pick(th, en))
                    .collect();
                // The figures stay in the table below the chart (screen readers read the table).
                let chart = Value::from_safe_string(sheets::discipline_chart(t, lang.en()).svg());
                context! {
                    title => lang.pick(&t.title_th, &t.title_en), columns, rows, totals => t.totals, total => t.total, chart,
                }
            })
            .collect();
        Ok(render(
            &lang,
            "discipline_report.html",
            context! { ..chrome(&lang, &a), ..context! {
                tables, scope, fy => fy.year_be(), unit => p.unit.unwrap_or_default(),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

async fn named_page(
    state: &AppState,
    lang: &Lang,
    a: &crate::auth::Actor,
    problems: &[Violation],
) -> Response {
    let result: Result<Response, ApiError> = async {
        let named: Vec<Value> = state
            .store
            .kpk_named()
            .await?
            .into_iter()
            .map(|n| {
                let what = if let Some(k) = n.unit_kind.as_deref() {
                    let k = bmahr_core::org::UnitKind::parse(k)
                        .map(|k| lang.pick(k.th(), k.en()).to_string())
                        .unwrap_or_else(|_| k.to_string());
                    format!(
                        "{} {k}",
                        lang.pick("หัวหน้าหน่วยงานทุกแห่งประเภท", "heads of every")
                    )
                } else if let Some(c) = n.unit_code.as_deref() {
                    format!("{} {c}", lang.pick("หัวหน้าหน่วยงาน", "head of unit"))
                } else {
                    format!(
                        "{} {}",
                        lang.pick("ตำแหน่งเลขที่", "position"),
                        n.position_no.unwrap_or_default()
                    )
                };
                context! { id => n.id, what, note => n.note, by => n.added_by }
            })
            .collect();
        let kinds = options(
            lang,
            bmahr_core::org::UnitKind::ALL,
            bmahr_core::org::UnitKind::code,
            bmahr_core::org::UnitKind::th,
            bmahr_core::org::UnitKind::en,
        );
        Ok(render(
            lang,
            "kpk_named.html",
            context! { ..chrome(lang, a), ..context! {
                named, kinds, may_edit => bmahr_core::access::offer(&a.asker()).edit_kpk_named,
                problems => problem_list(lang, problems),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page(lang, e))
}

async fn named_list(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
) -> Response {
    named_page(&state, &lang, &a, &[]).await
}

async fn named_change(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<Fields>,
) -> Response {
    let result: Result<(), ApiError> = async {
        a.require_csrf(f.get("csrf").map(String::as_str))?;
        if let Some(id) = opt(&f, "remove") {
            let id = id.parse().map_err(|_| malformed_field("remove"))?;
            return cases::remove_named(&state, &a, id).await;
        }
        cases::add_named(
            &state,
            &a,
            crate::usecases::cases::NamedInput {
                unit_kind: opt(&f, "unit_kind"),
                unit_code: opt(&f, "unit_code"),
                position_no: opt(&f, "position_no"),
                note: text(&f, "note"),
            },
        )
        .await
        .map(|_| ())
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/kpk-named").into_response(),
        Err(e) => match problems_of(e) {
            Ok(v) => named_page(&state, &lang, &a, &v).await,
            Err(e) => error_page_for(&lang, &a, e),
        },
    }
}

fn malformed_field(field: &str) -> ApiError {
    ApiError::bad(Violation::new(
        "form.number",
        field,
        "ต้องเป็นจำนวนเต็ม",
        "must be a whole number",
    ))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list).post(create))
        .route("/cases/new", get(new_form))
        .route("/cases/{id}", get(show).post(record))
        .route("/deadlines", get(board))
        .route("/reports/discipline", get(report))
        .route("/kpk-named", get(named_list).post(named_change))
}
