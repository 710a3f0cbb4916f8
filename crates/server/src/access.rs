//! The door's side of access: the decisions are core's (`bmahr_core::access`), made on facts
//! the use-case read; here a refusal is recorded in the audit log and becomes a 403.

use bmahr_core::access as rule;
use bmahr_core::role::Role;
use bmahr_core::Violation;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// Records a refusal (`access.denied`, naming the person when known) and returns 403.
pub async fn refused<T>(
    state: &AppState,
    actor: &Actor,
    person_id: Option<i64>,
    v: Violation,
) -> Result<T, ApiError> {
    state
        .store
        .record_event(
            &actor.meta("ปฏิเสธการเข้าถึง / access refused"),
            "access.denied",
            person_id,
            &v.field,
        )
        .await?;
    Err(ApiError::Forbidden(v))
}

/// Passes a store result through, recording a refusal that core decided inside the store's
/// transaction (`StoreError::Forbidden`, every refusal named) and answering it with 403.
pub async fn audited<T>(
    state: &AppState,
    actor: &Actor,
    person_id: Option<i64>,
    r: Result<T, bmahr_store::StoreError>,
) -> Result<T, ApiError> {
    match r {
        Err(bmahr_store::StoreError::Forbidden(v)) => {
            let what = v
                .iter()
                .map(|x| x.field.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            state
                .store
                .record_event(
                    &actor.meta("ปฏิเสธการเข้าถึง / access refused"),
                    "access.denied",
                    person_id,
                    &what,
                )
                .await?;
            Err(ApiError::Refused(v))
        }
        r => Ok(r?),
    }
}

/// Passes a core decision through: Ok, or the refusal recorded and answered with 403.
pub async fn guard(
    state: &AppState,
    actor: &Actor,
    person_id: Option<i64>,
    decision: Result<(), Violation>,
) -> Result<(), ApiError> {
    match decision {
        Ok(()) => Ok(()),
        Err(v) => refused(state, actor, person_id, v).await,
    }
}

/// Records a refusal of `what` and returns 403.
pub async fn refuse<T>(
    state: &AppState,
    actor: &Actor,
    person_id: Option<i64>,
    what: &str,
) -> Result<T, ApiError> {
    refused(
        state,
        actor,
        person_id,
        rule::refusal(what, "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้", "you may not access this"),
    )
    .await
}

pub async fn may_search(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_search(&actor.asker())).await
}

pub async fn may_read_all(state: &AppState, actor: &Actor, what: &str) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_read_all(&actor.asker(), what)).await
}

pub async fn may_read_unit(
    state: &AppState,
    actor: &Actor,
    unit: Option<(i64, &str)>,
) -> Result<(), ApiError> {
    guard(
        state,
        actor,
        None,
        rule::may_read_unit(&actor.asker(), unit),
    )
    .await
}

pub async fn may_edit_holidays(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_edit_holidays(&actor.asker())).await
}

pub async fn may_draft_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_draft_orders(&actor.asker())).await
}

pub async fn may_sign_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_sign_orders(&actor.asker())).await
}

pub async fn may_read_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_read_orders(&actor.asker())).await
}

pub async fn may_read_order(
    state: &AppState,
    actor: &Actor,
    issuer_unit: i64,
    what: &str,
) -> Result<(), ApiError> {
    guard(
        state,
        actor,
        None,
        rule::may_read_order(&actor.asker(), issuer_unit, what),
    )
    .await
}

pub async fn may_edit_kpk_named(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(state, actor, None, rule::may_edit_kpk_named(&actor.asker())).await
}

/// The case as access sees it.
pub fn case_standing(row: &bmahr_store::CaseRow) -> rule::CaseStanding {
    bmahr_store::case_standing(row)
}

/// Whether the actor's office handles the case (pages show its forms).
pub fn may_handle_case(actor: &Actor, row: &bmahr_store::CaseRow) -> bool {
    rule::handles_case(&actor.asker(), &case_standing(row))
}

/// Whether the actor is one of the Office's discipline officers (scope: the whole BMA),
/// who alone refer cases to ก.ก. and record its resolution.
pub async fn records_kk(state: &AppState, actor: &Actor) -> Result<bool, ApiError> {
    if actor.role() != Role::DisciplineOfficer {
        return Ok(false);
    }
    Ok(match actor.user.scope_unit_id {
        Some(u) => state
            .store
            .unit_by_id(u)
            .await?
            .is_some_and(|u| u.parent_id.is_none()),
        None => false,
    })
}

/// Which cases the actor's lists reach.
pub fn case_reach(actor: &Actor) -> bmahr_store::CaseQuery {
    let mut q = bmahr_store::CaseQuery {
        person_id: actor.user.person_id,
        ..Default::default()
    };
    match actor.role() {
        Role::DisciplineOfficer => {
            q.units = actor
                .scope
                .as_ref()
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
        }
        Role::MeritCommission => q.kpk = true,
        _ => {}
    }
    q
}

pub async fn may_administer_accounts(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    guard(
        state,
        actor,
        None,
        rule::may_administer_accounts(&actor.asker()),
    )
    .await
}
