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

/// One page of the audit log, newest first: the Office and auditors.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<AuditEvent>,
    pub page: i64,
    pub per_page: i64,
}

pub async fn audit(
    state: &AppState,
    actor: &Actor,
    mut q: AuditQuery,
    paging: &Paging,
) -> Result<AuditPage, ApiError> {
    may_read_all(state, actor, "audit").await?;
    q.limit = paging.limit();
    q.offset = paging.offset();
    Ok(AuditPage {
        items: state.store.audit(&q).await?,
        page: paging.page(),
        per_page: paging.limit(),
    })
}
