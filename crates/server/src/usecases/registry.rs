//! Units, the whole-BMA summary and the audit log.

use bmahr_core::ThaiDate;
use bmahr_store::{AuditEvent, AuditQuery, UnitRow};

use super::Paging;
use crate::access::{may_read_all, may_read_unit};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// One page of the units valid on a date.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UnitPage {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<UnitRow>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// Units valid on `on`: every role but an employee (the unit tree is the frame's).
pub async fn units(
    state: &AppState,
    actor: &Actor,
    on: ThaiDate,
    paging: &Paging,
) -> Result<UnitPage, ApiError> {
    may_read_unit(state, actor, None).await?;
    let all = state.store.units_on(on).await?;
    let total = all.len() as i64;
    let items: Vec<UnitRow> = all
        .into_iter()
        .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(paging.limit()).unwrap_or(0))
        .collect();
    Ok(UnitPage {
        items,
        page: paging.page(),
        per_page: paging.limit(),
        total,
    })
}

/// Headcount, frame, vacancies and retirements of the whole BMA: the Office and auditors.
pub async fn summary(
    state: &AppState,
    actor: &Actor,
    on: ThaiDate,
) -> Result<bmahr_store::Summary, ApiError> {
    may_read_all(state, actor, "summary").await?;
    Ok(state.store.summary(on).await?)
}

/// A person the page's events name.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct NamedInLog {
    pub id: i64,
    pub name_th: String,
    pub name_en: String,
}

/// One page of the audit log, newest first: the Office and auditors.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<AuditEvent>,
    pub page: i64,
    pub per_page: i64,
    /// Whether another page follows.
    pub more: bool,
    /// The people the page's events name, by id.
    pub people: Vec<NamedInLog>,
}

pub async fn audit(
    state: &AppState,
    actor: &Actor,
    mut q: AuditQuery,
    paging: &Paging,
) -> Result<AuditPage, ApiError> {
    may_read_all(state, actor, "audit").await?;
    if let Some(code) = q.action.as_deref() {
        if !bmahr_store::ACTIONS.iter().any(|(c, ..)| *c == code) {
            return Err(ApiError::bad(bmahr_core::Violation::new(
                "audit.action",
                "action",
                "ไม่รู้จักประเภทการกระทำนี้",
                "no such kind of event",
            )));
        }
    }
    q.limit = paging.limit() + 1;
    q.offset = paging.offset();
    let mut items = state.store.audit(&q).await?;
    let more = items.len() as i64 > paging.limit();
    items.truncate(usize::try_from(paging.limit()).unwrap_or(0));
    let mut people: Vec<NamedInLog> = Vec::new();
    for id in items.iter().filter_map(|e| e.person_id) {
        if people.iter().any(|p| p.id == id) {
            continue;
        }
        if let Ok(p) = state.store.person_by_id(id).await {
            people.push(NamedInLog {
                id,
                name_th: p.name.full_th(),
                name_en: p.name.full_en(),
            });
        }
    }
    Ok(AuditPage {
        items,
        page: paging.page(),
        per_page: paging.limit(),
        more,
        people,
    })
}
