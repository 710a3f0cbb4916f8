//! People: search, record, history as of a date, who viewed a record.

use axum::extract::{Path, Query, State};
use axum::Json;
use bmahr_core::law::retirement::retirement_date;
use bmahr_core::register::RecordOnDate;
use bmahr_store::{AuditQuery, PersonRow};

use super::{date_param, Paging};
use crate::access::{may_read_person, may_search};
use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::{today, AppState};

/// A person as a list shows them.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PersonSummary {
    pub id: i64,
    /// In full only to roles that need it (PDPA); otherwise masked.
    pub national_id: String,
    pub name_th: String,
    pub name_en: String,
    pub status: Option<String>,
    pub position_no: Option<String>,
    pub unit_id: Option<i64>,
    pub level: Option<String>,
    pub category: Option<String>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PersonPage {
    pub items: Vec<PersonSummary>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Any part of a Thai or English name, a national ID or a position number.
    pub q: String,
    pub as_of: Option<String>,
}

fn id_for(actor: &Actor, p: &PersonRow) -> String {
    if actor.sees_identity(p.id) {
        p.national_id.reveal().to_string()
    } else {
        p.national_id.masked()
    }
}

#[utoipa::path(get, path = "/api/v1/people", params(SearchQuery, Paging),
    responses((status = 200, body = PersonPage), (status = 403, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<SearchQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<PersonPage>, ApiError> {
    may_search(&state, &actor).await?;
    let on = date_param("as_of", q.as_of.as_deref(), today())?;
    let scope: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let (hits, total) = state
        .store
        .search_people(&q.q, on, scope.as_deref(), paging.limit(), paging.offset())
        .await?;
    let items = hits
        .into_iter()
        .map(|h| PersonSummary {
            id: h.person.id,
            national_id: id_for(&actor, &h.person),
            name_th: h.person.name.full_th(),
            name_en: h.person.name.full_en(),
            status: h.status,
            position_no: h.position_no,
            unit_id: h.unit_id,
            level: h.level,
            category: h.category,
        })
        .collect();
    Ok(Json(PersonPage {
        items,
        page: paging.page.unwrap_or(1).max(1),
        per_page: paging.limit(),
        total,
    }))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = i64, Path)),
    responses((status = 200, description = "the person, their names and their record today"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_person(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let on = today();
    may_read_person(&state, &actor, id, on).await?;
    // The whole record, from memory while the person's version is unchanged.
    let profile = state.store.profile(id).await?;
    let rec = &profile.record;
    let now = profile.record_on(on);
    // PDPA: opening a full record is itself recorded, and the person can see who did.
    state
        .store
        .record_event(
            &actor.meta("เปิดดูทะเบียนประวัติ / record opened"),
            "person.view",
            Some(id),
            "",
        )
        .await?;
    let p = &rec.person;
    let full = actor.sees_identity(id);
    let service = profile.service_on(on);
    Ok(Json(serde_json::json!({
        "id": p.id,
        "national_id": id_for(&actor, p),
        "name": p.name,
        "names": rec.names,
        "birth_date": p.birth_date,
        "retirement_date": retirement_date(p.birth_date),
        "gender": p.gender,
        "nationality": p.nationality,
        "education": p.education,
        "phone": if full { p.phone.clone() } else { "***".into() },
        "email": if full { p.email.clone() } else { "***".into() },
        "version": p.version,
        "record": now,
        "service": {"years": service.years, "months": service.months, "days": service.days, "th": service.th(), "en": service.en()},
    })))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// The date to read the register on (BE or CE); default today.
    pub as_of: Option<String>,
    /// Read the register as recorded by this instant (RFC 3339).
    pub known_at: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/people/{id}/history", params(("id" = i64, Path), HistoryQuery),
    responses((status = 200, description = "the record on the date and the actions in force by then"), (status = 403, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    may_read_person(&state, &actor, id, today()).await?;
    let on = date_param("as_of", q.as_of.as_deref(), today())?;
    let actions = state
        .store
        .person_actions(id, on, q.known_at.as_deref())
        .await?;
    let record = RecordOnDate::fold(on, &actions);
    state
        .store
        .record_event(
            &actor.meta("เปิดดูประวัติ / history opened"),
            "person.view",
            Some(id),
            &format!("as of {}", on.iso()),
        )
        .await?;
    Ok(Json(
        serde_json::json!({ "as_of": on, "record": record, "actions": actions }),
    ))
}

#[utoipa::path(get, path = "/api/v1/people/{id}/views", params(("id" = i64, Path), Paging),
    responses((status = 200, description = "who opened this person's record, newest first"), (status = 403, body = ErrorBody)))]
pub async fn views(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(paging): Query<Paging>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let own = actor.user.person_id == Some(id);
    if !own {
        crate::access::may_read_all(&state, &actor, "views").await?;
    }
    let events = state
        .store
        .audit(&AuditQuery {
            person_id: Some(id),
            action: Some("person.view".into()),
            limit: paging.limit(),
            offset: paging.offset(),
            ..Default::default()
        })
        .await?;
    let items: Vec<serde_json::Value> = events
        .into_iter()
        .map(|e| serde_json::json!({ "at": e.at, "actor": e.actor, "detail": e.detail }))
        .collect();
    Ok(Json(
        serde_json::json!({ "items": items, "page": paging.page.unwrap_or(1), "per_page": paging.limit() }),
    ))
}
