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
use super::{chrome, error_page, render, Lang, PageActor};
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
        Err(e) => error_page(&lang, e),
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
        return error_page(&lang, e);
    }
    match calendar::put(&state, &a, &f.date, &f.name_th, &f.name_en).await {
        Ok(day) => Redirect::to(&format!("/holidays?year={}", day.year_be())).into_response(),
        Err(e @ ApiError::BadRequest(_)) => {
            let year = ThaiDate::parse(&f.date)
                .map(|d| d.year_be())
                .unwrap_or(today().year_be());
            holidays_page(&state, &lang, &a, year, Some(&f), Some(e)).await
        }
        Err(e) => error_page(&lang, e),
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
        return error_page(&lang, e);
    }
    match calendar::delete(&state, &a, &f.date).await {
        Ok(day) => Redirect::to(&format!("/holidays?year={}", day.year_be())).into_response(),
        Err(e) => error_page(&lang, e),
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

/// The person a search names: a 13-digit national ID or a person id.
async fn person_asked(state: &AppState, s: &str) -> Result<Option<i64>, ApiError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 13 {
        let nid = NationalId::parse(&digits).map_err(|e| ApiError::bad(e.on_field("person")))?;
        return Ok(Some(state.store.person_by_national_id(&nid).await?.id));
    }
    match s.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(ApiError::bad(Violation::new(
            "person.format",
            "person",
            format!("\"{s}\" ไม่ใช่เลขประจำตัวประชาชน 13 หลัก หรือรหัสบุคคล"),
            format!("\"{s}\" is neither a 13-digit national ID nor a person id"),
        ))),
    }
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
        let person_id = person_asked(&state, p.person.as_deref().unwrap_or("")).await?;
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
        let searched = person_id.is_some() || actor.is_some() || from.is_some() || to.is_some() || action.is_some();
        let query = AuditQuery {
            person_id,
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
                detail => e.detail, reason => e.reason, order_id => e.order_id,
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
        }}))
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/holidays", get(holidays).post(holiday_add))
        .route("/holidays/delete", post(holiday_delete))
        .route("/audit", get(audit))
}
