//! The pages' pickers: `/pick/people`, `/pick/positions`, `/pick/units`. Asked for JSON (the
//! pages' script, `app.js`, for fields marked `data-pick`) they answer what
//! `/api/v1/pick/*` answers; opened as a page they list the candidates with the value to type
//! into a form's field, so a person without script can look one up. Without script a picker
//! field is a text input that the form's handler resolves with
//! `usecases::pickers::resolve_*`.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use minijinja::{context, Value};

use super::{chrome, error_page, render, Lang};
use crate::api::pickers::PickQuery;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::pickers::{self, Picks};
use crate::{today, AppState};

/// The script asks for JSON; a browser opening the address asks for a page.
fn wants_json(h: &HeaderMap) -> bool {
    h.get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// What a picker page shows of each candidate: the value to type and one line about it.
trait Line {
    fn value(&self) -> &str;
    fn line(&self, lang: &Lang) -> String;
}

impl Line for pickers::PickedPerson {
    fn value(&self) -> &str {
        &self.value
    }
    fn line(&self, lang: &Lang) -> String {
        lang.pick(&self.label_th, &self.label_en).to_string()
    }
}

impl Line for pickers::PickedPosition {
    fn value(&self) -> &str {
        &self.value
    }
    fn line(&self, lang: &Lang) -> String {
        lang.pick(&self.label_th, &self.label_en).to_string()
    }
}

impl Line for pickers::PickedUnit {
    fn value(&self) -> &str {
        &self.value
    }
    fn line(&self, lang: &Lang) -> String {
        lang.pick(&self.label_th, &self.label_en).to_string()
    }
}

/// The answer: JSON for the script, else the page (or the login page for no session).
fn answer<T: serde::Serialize + Line>(
    lang: &Lang,
    json: bool,
    actor: &Result<Actor, ApiError>,
    (kind, path, q, vacant): (&str, &str, &str, bool),
    found: Result<Picks<T>, ApiError>,
) -> Response {
    let a = match (actor, json) {
        (Ok(a), false) => a,
        (Err(_), false) => return Redirect::to("/login").into_response(),
        (_, true) => {
            return match found {
                Ok(p) => Json(p).into_response(),
                Err(e) => e.into_response(),
            }
        }
    };
    let found = match found {
        Ok(f) => f,
        Err(e) => return error_page(lang, e),
    };
    let (title, hint) = match kind {
        "person" => (
            lang.pick("เลือกบุคคล", "Choose a person"),
            lang.pick(
                "พิมพ์ชื่อ นามสกุล เลขประจำตัวประชาชน หรือเลขที่ตำแหน่ง แล้วนำค่าในคอลัมน์แรกไปกรอกในแบบฟอร์ม",
                "type a name, national ID or position number, then enter the value in the first column into the form",
            ),
        ),
        "position" => (
            lang.pick("เลือกตำแหน่ง", "Choose a position"),
            lang.pick(
                "พิมพ์เลขที่ตำแหน่งหรือชื่อตำแหน่ง",
                "type a position number or title",
            ),
        ),
        _ => (
            lang.pick("เลือกหน่วยงาน", "Choose a unit"),
            lang.pick("พิมพ์รหัสหรือชื่อหน่วยงาน", "type a unit's code or name"),
        ),
    };
    let items: Vec<Value> = found
        .items
        .iter()
        .map(|it| context! { value => it.value(), line => it.line(lang) })
        .collect();
    render(
        lang,
        "pick.html",
        context! { ..chrome(lang, a), ..context! {
            kind, path, q, vacant, title, hint, items, more => found.more,
        }},
    )
}

async fn people(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    actor: Result<Actor, ApiError>,
    Query(q): Query<PickQuery>,
) -> Response {
    let found = match &actor {
        Ok(a) => pickers::people(&state, a, &q.q, q.limit(), today()).await,
        Err(_) => Err(ApiError::unauthorized()),
    };
    let shown = ("person", "/pick/people", q.q.as_str(), false);
    answer(&lang, wants_json(&headers), &actor, shown, found)
}

async fn positions(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    actor: Result<Actor, ApiError>,
    Query(q): Query<PickQuery>,
) -> Response {
    let vacant = q.vacant_only();
    let found = match &actor {
        Ok(a) => pickers::positions(&state, a, &q.q, vacant, q.limit(), today()).await,
        Err(_) => Err(ApiError::unauthorized()),
    };
    let shown = ("position", "/pick/positions", q.q.as_str(), vacant);
    answer(&lang, wants_json(&headers), &actor, shown, found)
}

async fn units(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    actor: Result<Actor, ApiError>,
    Query(q): Query<PickQuery>,
) -> Response {
    let found = match &actor {
        Ok(a) => pickers::units(&state, a, &q.q, q.limit(), today()).await,
        Err(_) => Err(ApiError::unauthorized()),
    };
    let shown = ("unit", "/pick/units", q.q.as_str(), false);
    answer(&lang, wants_json(&headers), &actor, shown, found)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pick/people", get(people))
        .route("/pick/positions", get(positions))
        .route("/pick/units", get(units))
}
