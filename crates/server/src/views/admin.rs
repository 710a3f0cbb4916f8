//! The holiday calendar (read by all, changed by the central administrator) and the audit
//! log search (the Office and auditors).

use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use bmahr_core::{NationalId, ThaiDate, Violation};
use bmahr_store::AuditQuery;
use minijinja::{context, Value};

use super::frame::{enc, show_date};
use super::{chrome, error_page, error_page_for, render, Lang, PageActor};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::params::year_be_param;
use crate::sheets::{self, AuditAsked, FormatParam};
use crate::usecases::documents::printed_line;
use crate::usecases::holidays as calendar;
use crate::usecases::Paging;
use crate::{today, AppState};

#[derive(serde::Deserialize)]
struct YearParams {
    year: Option<String>,
}

async fn holidays(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<YearParams>,
) -> Response {
    match year_be_param("year", p.year.as_deref(), today().year_be()) {
        Ok(year) => holidays_page(&state, &lang, &a, year, None, None).await,
        Err(e) => error_page_for(&lang, &a, e),
    }
}

/// What was typed into the add form, shown again with the error.
#[derive(serde::Deserialize, serde::Serialize, Default)]
struct HolidayForm {
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    name_th: String,
    #[serde(default)]
    name_en: String,
}

async fn holidays_page(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    year: i32,
    form: Option<&HolidayForm>,
    error: Option<ApiError>,
) -> Response {
    let items = match calendar::of_year(state, year).await {
        Ok(i) => i,
        Err(e) => return error_page(lang, e),
    };
    let rows: Vec<Value> = items
        .iter()
        .map(|h| {
            context! {
                date => show_date(lang, h.date), date_be => h.date_be,
                name => lang.pick(&h.name_th, &h.name_en),
            }
        })
        .collect();
    let (status, error) = match error {
        None => (StatusCode::OK, None),
        Some(ApiError::BadRequest(v)) | Some(ApiError::Unprocessable(v)) => (
            StatusCode::BAD_REQUEST,
            Some(
                v.iter()
                    .map(|x| format!("{}: {}", x.field, lang.pick(&x.message_th, &x.message_en)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        Some(e) => return error_page(lang, e),
    };
    let mut r = render(
        lang,
        "holidays.html",
        context! { ..chrome(lang, a), ..context! {
            year, prev => year - 1, next => year + 1, holidays => rows,
            can_edit => bmahr_core::access::offer(&a.asker()).edit_holidays,
            form => Value::from_serialize(form.unwrap_or(&HolidayForm::default())), error,
        }},
    );
    *r.status_mut() = status;
    r
}

async fn holiday_add(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<HolidayForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    match calendar::put(&state, &a, &f.date, &f.name_th, &f.name_en).await {
        Ok(day) => Redirect::to(&format!("/holidays?year={}", day.year_be())).into_response(),
        Err(e @ ApiError::BadRequest(_)) => {
            let year = ThaiDate::parse(&f.date)
                .map(|d| d.year_be())
                .unwrap_or(today().year_be());
            holidays_page(&state, &lang, &a, year, Some(&f), Some(e)).await
        }
        Err(e) => error_page_for(&lang, &a, e),
    }
}

#[derive(serde::Deserialize)]
struct DeleteForm {
    csrf: String,
    date: String,
}

async fn holiday_delete(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<DeleteForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    match calendar::delete(&state, &a, &f.date).await {
        Ok(day) => Redirect::to(&format!("/holidays?year={}", day.year_be())).into_response(),
        Err(e) => error_page_for(&lang, &a, e),
    }
}

#[derive(serde::Deserialize)]
struct AuditParams {
    /// A national ID or a person id.
    person: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// An event kind's code (see `bmahr_store::ACTIONS`); empty for every kind.
    action: Option<String>,
}

/// The people a search names: a 13-digit national ID, a person id, or a name (any part of a
/// Thai or English name, with or without the title).
enum Asked {
    Nobody,
    One(i64),
    /// Everyone the name matches (at most [`NAMED_MAX`]), with their names.
    Named(Vec<(i64, String, String)>),
}

/// The most people one name searches the log for.
const NAMED_MAX: i64 = 50;

async fn person_asked(state: &AppState, s: &str) -> Result<Asked, ApiError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(Asked::Nobody);
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let numeric = s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    if numeric && digits.len() == 13 {
        let nid = NationalId::parse(&digits).map_err(|e| ApiError::bad(e.on_field("person")))?;
        return Ok(Asked::One(
            state.store.person_by_national_id(&nid).await?.id,
        ));
    }
    if numeric {
        return match s.parse::<i64>() {
            Ok(id) if id > 0 => Ok(Asked::One(id)),
            _ => Err(ApiError::bad(Violation::new(
                "person.format",
                "person",
                format!("\"{s}\" ไม่ใช่เลขประจำตัวประชาชน 13 หลัก รหัสบุคคล หรือชื่อ"),
                format!("\"{s}\" is neither a 13-digit national ID, a person id nor a name"),
            ))),
        };
    }
    // A name: whoever bears it, in Thai name order (the auditor reads the whole log).
    let (hits, _) = state
        .store
        .search_people(s, today(), None, None, NAMED_MAX, 0)
        .await?;
    Ok(Asked::Named(
        hits.into_iter()
            .map(|h| {
                (
                    h.person.id,
                    h.person.name.full_th(),
                    h.person.name.full_en(),
                )
            })
            .collect(),
    ))
}

/// The reason of an event in the page's language: reasons are written `ไทย / English`.
pub(super) fn reason_words(lang: &Lang, reason: &str) -> String {
    match reason.split_once(" / ") {
        Some((th, en)) => lang.pick(th.trim(), en.trim()).to_string(),
        None => reason.to_string(),
    }
}

/// What an access refusal was about, as core named it: a row of an order
/// (`actions[2].person`), a record (`person 17`, `unit D01`, `case 4`) or a part of the
/// system (`orders`, `audit`).
fn refused_words(lang: &Lang, field: &str) -> String {
    const OUTSIDE_TH: &str = "อยู่นอกหน่วยงานในความรับผิดชอบของบัญชี";
    const OUTSIDE_EN: &str = "is outside the user's units";
    let what = |f: &str| -> (String, String) {
        let (head, rest) = f.split_once(' ').unwrap_or((f, ""));
        match (head, rest) {
            ("person", "") => (
                format!("บุคคล{OUTSIDE_TH}"),
                format!("the person {OUTSIDE_EN}"),
            ),
            ("person", id) => (
                format!("บุคคลรหัส {id} {OUTSIDE_TH}"),
                format!("person {id} {OUTSIDE_EN}"),
            ),
            ("position_no", _) => (
                format!("ตำแหน่ง{OUTSIDE_TH}"),
                format!("the position {OUTSIDE_EN}"),
            ),
            ("issuer_unit", _) => (
                format!("หน่วยงานผู้ออกคำสั่ง{OUTSIDE_TH}"),
                format!("the issuing unit {OUTSIDE_EN}"),
            ),
            ("unit", code) => (
                format!("หน่วยงาน {code} {OUTSIDE_TH}"),
                format!("unit {code} {OUTSIDE_EN}"),
            ),
            ("case", rest) => (
                format!("เรื่องเลขที่ {rest}: บัญชีนี้ไม่มีสิทธิ์"),
                format!("case {rest}: not for this account"),
            ),
            _ => {
                let (th, en) = match f {
                    "people" => ("การค้นหาบุคคล", "searching people"),
                    "units" => ("หน่วยงาน", "units"),
                    "holidays" => ("การแก้ไขวันหยุด", "changing holidays"),
                    "orders" => ("คำสั่ง", "orders"),
                    "order signature" => ("การลงนามคำสั่ง", "signing orders"),
                    "kpk-named" => ("ตำแหน่งที่ ก.พ.ค. กำหนด", "ก.พ.ค.-named positions"),
                    "accounts" => ("บัญชีผู้ใช้", "accounts"),
                    "audit" => ("บันทึกการใช้งาน", "the audit log"),
                    "scope" => ("ขอบเขตหน่วยงานของบัญชี", "the account's scope"),
                    other => (other, other),
                };
                (
                    format!("บัญชีนี้ไม่มีสิทธิ์: {th}"),
                    format!("not for this account: {en}"),
                )
            }
        }
    };
    let one = |f: &str| -> String {
        let f = f.trim();
        // `actions[N].field`: one row of an order.
        if let Some((n, rest)) = f.strip_prefix("actions[").and_then(|r| r.split_once("].")) {
            let (th, en) = what(rest);
            return lang
                .pick(
                    &format!("รายการที่ {n}: {th}"),
                    &format!("order action {n}: {en}"),
                )
                .to_string();
        }
        let (th, en) = what(f);
        lang.pick(&th, &en).to_string()
    };
    field.split(", ").map(one).collect::<Vec<_>>().join("; ")
}

/// How a record was opened (`person.view`'s detail): which door.
pub(super) fn door_words(lang: &Lang, door: &str) -> String {
    let (th, en) = match door.trim() {
        "page" => ("หน้าเว็บ", "web page"),
        "me" => ("หน้า \"ข้อมูลของฉัน\"", "\"My record\" page"),
        "record.pdf" => ("ทะเบียนประวัติ (PDF)", "personal record (PDF)"),
        "" | "api" => ("API", "API"),
        "cli" => ("คำสั่งบนเครื่องแม่ข่าย (CLI)", "CLI"),
        other => (other, other),
    };
    lang.pick(th, en).to_string()
}

/// An audit event's detail in the page's language. The store writes details in a few fixed
/// shapes (`order 12/2569 (3 actions)`, `draft 7 (…)`, `3 lists, 120 rows, from – to`); known
/// shapes are put in words, anything else is shown as written.
pub(super) fn detail_words(lang: &Lang, action: &str, detail: &str) -> String {
    let d = detail.trim();
    let (th, en): (String, String) = match action {
        "access.denied" => return refused_words(lang, d),
        "person.view" => return door_words(lang, d),
        "order.apply" => match d.strip_prefix("order ").and_then(|r| r.split_once(" (")) {
            Some((no, rest)) => {
                let rest = rest.trim_end_matches(')');
                let (n, voids) = match rest.split_once(", voids ") {
                    Some((n, v)) => (n, Some(v)),
                    None => (rest, None),
                };
                let n = n.trim_end_matches(" actions");
                let th = format!(
                    "คำสั่งที่ {no} ({n} รายการ{})",
                    voids
                        .map(|v| format!(", เพิกถอน {v} รายการ"))
                        .unwrap_or_default()
                );
                (th, d.to_string())
            }
            None => (d.to_string(), d.to_string()),
        },
        a if a.starts_with("draft.") => match d.strip_prefix("draft ") {
            Some(rest) => (format!("ร่างคำสั่งที่ {rest}"), d.to_string()),
            None => (d.to_string(), d.to_string()),
        },
        "person.name_change" => match d.strip_prefix("from ") {
            Some(old) => (
                format!("จากชื่อเดิม {old}"),
                format!("from the former name {old}"),
            ),
            None => (d.to_string(), d.to_string()),
        },
        "position.create" => match d.strip_prefix("position ") {
            Some(no) => (format!("ตำแหน่งเลขที่ {no}"), d.to_string()),
            None => (d.to_string(), d.to_string()),
        },
        "unit.create" => match d.strip_prefix("unit ") {
            Some(rest) => (format!("หน่วยงาน {rest}"), d.to_string()),
            None => (d.to_string(), d.to_string()),
        },
        "unit.close" => match d
            .strip_prefix("unit ")
            .and_then(|r| r.split_once(" closed after "))
        {
            Some((u, day)) => {
                let day = ThaiDate::parse(day)
                    .map(|x| show_date(lang, x))
                    .unwrap_or_else(|_| day.to_string());
                (
                    format!("หน่วยงาน {u} ปิดหลังวันที่ {day}"),
                    format!("unit {u} closed after {day}"),
                )
            }
            None => (d.to_string(), d.to_string()),
        },
        "holiday.put" => match d.strip_suffix(" days") {
            Some(n) => (format!("{n} วัน"), d.to_string()),
            None => (d.to_string(), d.to_string()),
        },
        "holiday.delete" => match d.strip_prefix("holiday ").map(ThaiDate::parse) {
            Some(Ok(day)) => (
                format!("วันหยุด {}", show_date(lang, day)),
                format!("holiday {}", show_date(lang, day)),
            ),
            _ => (d.to_string(), d.to_string()),
        },
        "case.open" | "case.event" => match d.strip_prefix("case ").and_then(|r| r.split_once(' '))
        {
            Some((id, rest)) => {
                let kind = bmahr_core::law::case_file::CaseKind::parse(rest)
                    .map(|k| (k.th().to_string(), k.en().to_string()))
                    .unwrap_or_else(|_| (rest.replacen('#', "ลำดับ ", 1), rest.to_string()));
                (
                    format!("เรื่องเลขที่ {id} {}", kind.0),
                    format!("case {id} {}", kind.1),
                )
            }
            None => (d.to_string(), d.to_string()),
        },
        "user.create" => (
            d.replacen("user ", "บัญชี ", 1)
                .replace("(id ", "(รหัส ")
                .replace(" role ", " บทบาท ")
                .replace(" scope ", " ขอบเขต ")
                .replace(" person ", " บุคคล ")
                .replace(" office ", " ตำแหน่งผู้มีอำนาจ "),
            d.to_string(),
        ),
        _ => match tally_words(d) {
            Some(pair) => pair,
            None => (d.to_string(), d.to_string()),
        },
    };
    lang.pick(&th, &en).to_string()
}

/// Reads gathered by group commit: `3 lists, 120 rows, from – to` or `4 times, from – to`.
fn tally_words(d: &str) -> Option<(String, String)> {
    let (head, last) = d.split_once(" – ")?;
    let (counts, first) = head.rsplit_once(", ")?;
    let (first, last) = (crate::bangkok_instant(first), crate::bangkok_instant(last));
    let (th, en) = if let Some((lists, rows)) = counts.split_once(" lists, ") {
        let rows = rows.strip_suffix(" rows")?;
        (
            format!("{lists} ครั้ง {rows} แถว"),
            format!("{lists} lists, {rows} rows"),
        )
    } else if let Some(n) = counts.strip_suffix(" times") {
        (format!("{n} ครั้ง"), format!("{n} times"))
    } else {
        return None;
    };
    Some((
        format!("{th} ระหว่าง {first} – {last}"),
        format!("{en}, {first} – {last}"),
    ))
}

async fn audit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<AuditParams>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let asked = person_asked(&state, p.person.as_deref().unwrap_or("")).await?;
        let (person_id, people, named) = match &asked {
            Asked::Nobody => (None, Vec::new(), None),
            Asked::One(id) => (Some(*id), Vec::new(), None),
            // A name no one bears finds nothing (not every event).
            Asked::Named(found) if found.is_empty() => (Some(0), Vec::new(), Some(Vec::new())),
            Asked::Named(found) => (None, found.iter().map(|x| x.0).collect(), Some(found.clone())),
        };
        let day = |field: &str, v: &Option<String>| -> Result<Option<ThaiDate>, ApiError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => ThaiDate::parse(s)
                    .map(Some)
                    .map_err(|e| ApiError::bad(e.on_field(field))),
            }
        };
        let (from, to) = (day("from", &p.from)?, day("to", &p.to)?);
        // Dates are Bangkok days; the log keeps UTC instants (Bangkok is UTC+7).
        let from_utc = from.map(|d| format!("{}T17:00:00", d.add_days(-1).iso()));
        let to_utc = to.map(|d| format!("{}T16:59:59.999999Z", d.iso()));
        let actor = p.actor.clone().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let action = p.action.clone().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let searched = !matches!(asked, Asked::Nobody) || actor.is_some() || from.is_some() || to.is_some() || action.is_some();
        let query = AuditQuery {
            person_id,
            people,
            actor: actor.clone(),
            action: action.clone(),
            from: from_utc,
            to: to_utc,
            ..Default::default()
        };
        let found = crate::usecases::registry::audit(&state, &a, query, &sheets::rows_for(wanted, paging)).await?;
        if let Some(format) = wanted {
            let asked = AuditAsked {
                person: p.person.clone().unwrap_or_default(),
                actor: actor.clone().unwrap_or_default(),
                action: action.clone().unwrap_or_default(),
                from: from.map(|d| d.to_string()).unwrap_or_default(),
                to: to.map(|d| d.to_string()).unwrap_or_default(),
            };
            let sheet = sheets::audit(&found, &asked, printed_line(&a, today()));
            return sheets::answer(format, sheet, "audit").await;
        }
        let (events, more) = (found.items, found.more);
        let names: std::collections::HashMap<i64, String> = found
            .people
            .into_iter()
            .map(|p| (p.id, if lang.en() { p.name_en } else { p.name_th }))
            .collect();
        let rows: Vec<Value> = events
            .iter()
            .map(|e| context! {
                at => crate::bangkok_instant(&e.at), actor => e.actor,
                action => super::action_words(&lang, &e.action),
                action_code => e.action,
                person_id => e.person_id,
                person => e.person_id.map(|id| names.get(&id).cloned().unwrap_or_else(|| id.to_string())),
                detail => detail_words(&lang, &e.action, &e.detail),
                reason => reason_words(&lang, &e.reason), order_id => e.order_id,
            })
            .collect();
        let page = paging.page();
        let query = format!(
            "/audit?person={}&actor={}&action={}&from={}&to={}&per_page={}",
            enc(p.person.as_deref().unwrap_or("")),
            enc(actor.as_deref().unwrap_or("")),
            enc(action.as_deref().unwrap_or("")),
            enc(&from.map(|d| d.to_string()).unwrap_or_default()),
            enc(&to.map(|d| d.to_string()).unwrap_or_default()),
            paging.limit(),
        );
        let kinds: Vec<Value> = bmahr_store::ACTIONS
            .iter()
            .map(|(code, th, en)| context! { code, label => lang.pick(th, en), chosen => action.as_deref() == Some(*code) })
            .collect();
        Ok(render(&lang, "audit.html", context! { ..chrome(&lang, &a), ..context! {
            person => p.person.unwrap_or_default(), actor => actor.unwrap_or_default(), kinds,
            from => from.map(|d| d.to_string()).unwrap_or_default(),
            to => to.map(|d| d.to_string()).unwrap_or_default(),
            events => rows, searched, page, more, query,
            named => named.map(|found| found.into_iter().map(|(id, th, en)| context! {
                id, name => if lang.en() { en } else { th },
            }).collect::<Vec<_>>()),
            named_max => NAMED_MAX,
        }}))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/holidays", get(holidays).post(holiday_add))
        .route("/holidays/delete", post(holiday_delete))
        .route("/audit", get(audit))
}
