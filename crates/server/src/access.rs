//! The one place that decides who may see whom. A refusal is recorded in the audit log.

use bmahr_core::role::Role;
use bmahr_core::ThaiDate;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// Whether `actor` may read person `person_id`'s record; records and refuses otherwise.
///
/// Central administrators and auditors read everyone; an employee only themself; the other
/// roles anyone whose position (their last one, if they have left) is in their unit subtree.
pub async fn may_read_person(
    state: &AppState,
    actor: &Actor,
    person_id: i64,
    today: ThaiDate,
) -> Result<(), ApiError> {
    let allowed = match actor.role() {
        Role::CentralAdmin | Role::Auditor => true,
        Role::Employee => actor.user.person_id == Some(person_id),
        _ => match (
            &actor.scope,
            state.store.person_unit_on(person_id, today).await?,
        ) {
            (Some(scope), Some(unit)) => scope.contains(&unit),
            _ => false,
        },
    } || actor.user.person_id == Some(person_id);
    if allowed {
        return Ok(());
    }
    // The trace names the person when they exist; an unknown id is kept in the detail.
    let known = state.store.person_by_id(person_id).await.is_ok();
    refuse(
        state,
        actor,
        known.then_some(person_id),
        &format!("person {person_id}"),
    )
    .await
}

/// Records a refusal and returns 403.
pub async fn refuse<T>(
    state: &AppState,
    actor: &Actor,
    person_id: Option<i64>,
    what: &str,
) -> Result<T, ApiError> {
    state
        .store
        .record_event(
            &actor.meta("ปฏิเสธการเข้าถึง / access refused"),
            "access.denied",
            person_id,
            what,
        )
        .await?;
    Err(ApiError::forbidden(what))
}

/// Roles that may search people and read lists (everyone but an employee).
pub async fn may_search(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if actor.role() == Role::Employee {
        return refuse(state, actor, None, "people").await;
    }
    Ok(())
}

/// Whole-BMA figures and the audit log: the Office and auditors.
pub async fn may_read_all(state: &AppState, actor: &Actor, what: &str) -> Result<(), ApiError> {
    if matches!(actor.role(), Role::CentralAdmin | Role::Auditor) {
        Ok(())
    } else {
        refuse(state, actor, None, what).await
    }
}

/// The frame, the unit tree and the retirement lists: every role but an employee, each within
/// its scope. `unit` is the (id, code) asked for, when one is; none means the actor's scope.
pub async fn may_read_unit(
    state: &AppState,
    actor: &Actor,
    unit: Option<(i64, &str)>,
) -> Result<(), ApiError> {
    let allowed = actor.role() != Role::Employee
        && match (&actor.scope, unit) {
            (None, _) | (Some(_), None) => true,
            (Some(scope), Some((id, _))) => scope.contains(&id),
        };
    if allowed {
        return Ok(());
    }
    let what = match unit {
        Some((_, code)) => format!("unit {code}"),
        None => "units".to_string(),
    };
    refuse(state, actor, None, &what).await
}

/// Changing the holiday calendar (which moves every deadline counted in working days): the
/// central administrator only.
pub async fn may_edit_holidays(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if actor.role() == Role::CentralAdmin {
        Ok(())
    } else {
        refuse(state, actor, None, "holidays").await
    }
}

/// Roles that draft and check orders: HR officers, appointing authorities and the Office.
pub fn drafts_orders(role: Role) -> bool {
    matches!(
        role,
        Role::AgencyHr | Role::AppointingAuthority | Role::CentralAdmin
    )
}

/// Roles that sign: the appointing authority (within its units, see [`may_issue_for`]) and
/// the Office.
pub fn signs_orders(role: Role) -> bool {
    matches!(role, Role::AppointingAuthority | Role::CentralAdmin)
}

/// Roles that read orders and drafts: everyone but employees and supervisors (who read people).
pub fn reads_orders(role: Role) -> bool {
    !matches!(role, Role::Employee | Role::Supervisor)
}

pub async fn may_draft_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if drafts_orders(actor.role()) {
        return Ok(());
    }
    refuse(state, actor, None, "orders").await
}

pub async fn may_sign_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if signs_orders(actor.role()) {
        return Ok(());
    }
    refuse(state, actor, None, "order signature").await
}

pub async fn may_read_orders(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if reads_orders(actor.role()) {
        return Ok(());
    }
    refuse(state, actor, None, "orders").await
}

/// An order or draft issued by `unit_id` is within the actor's reach.
pub async fn may_issue_for(
    state: &AppState,
    actor: &Actor,
    unit_id: i64,
    what: &str,
) -> Result<(), ApiError> {
    match &actor.scope {
        Some(scope) if !scope.contains(&unit_id) => refuse(state, actor, None, what).await,
        _ => Ok(()),
    }
}

/// A scoped actor drafts, checks and signs only orders on people and positions within their
/// units: each person where they stand on the action's date (their last unit if they have
/// left; someone entering the service stands nowhere yet) and each position named. Unknown
/// people and positions are left to the order check, which reports them with the rest.
pub async fn may_order_on(
    state: &AppState,
    actor: &Actor,
    draft: &bmahr_core::register::OrderDraft,
) -> Result<(), ApiError> {
    let Some(scope) = &actor.scope else {
        return Ok(());
    };
    for (i, a) in draft.actions.iter().enumerate() {
        let on = draft.effective_of(a);
        if let Ok(p) = state.store.person_by_national_id(&a.person).await {
            if let Some(unit) = state.store.person_unit_on(p.id, on).await? {
                if !scope.contains(&unit) {
                    return refuse(
                        state,
                        actor,
                        Some(p.id),
                        &format!("order action {}: person outside the scope", i + 1),
                    )
                    .await;
                }
            }
        }
        let no = a.position_no.as_deref().map(str::trim).unwrap_or("");
        if !no.is_empty() {
            if let Ok(pos) = state.store.position_by_no(no, on).await {
                if !scope.contains(&pos.unit_id) {
                    return refuse(
                        state,
                        actor,
                        None,
                        &format!("order action {}: position {no} outside the scope", i + 1),
                    )
                    .await;
                }
            }
        }
    }
    Ok(())
}

/// An appointing authority signs only in the office their account holds (§52–54): an
/// order stating (or defaulting to) another office is refused and logged. The Office
/// (central administrator) records orders signed on paper in any office.
pub async fn may_sign_as(
    state: &AppState,
    actor: &Actor,
    draft: &bmahr_core::register::OrderDraft,
) -> Result<(), ApiError> {
    use bmahr_core::law::authority::Authority;
    if actor.role() != Role::AppointingAuthority {
        return Ok(());
    }
    let held = actor.user.office.unwrap_or(Authority::AgencyHead);
    let issuer_is_bma = state
        .store
        .unit_by_code(&draft.issuer_unit, draft.signed_on)
        .await
        .is_ok_and(|u| u.kind == bmahr_core::org::UnitKind::Bma);
    let stated =
        draft
            .signing_authority
            .unwrap_or(bmahr_core::law::order_rules::default_authority(
                issuer_is_bma,
            ));
    if stated == held {
        return Ok(());
    }
    state
        .store
        .record_event(
            &actor.meta("ปฏิเสธการเข้าถึง / access refused"),
            "access.denied",
            None,
            &format!("signs as {} holding {}", stated.code(), held.code()),
        )
        .await?;
    Err(ApiError::Forbidden(bmahr_core::Violation::new(
        "authority.not_held",
        "signing_authority",
        format!("บัญชีนี้ลงนามในฐานะ{} ไม่ใช่{}", held.th(), stated.th()),
        format!(
            "this account signs as {}, not as {}",
            held.en(),
            stated.en()
        ),
    )))
}

/// Case files (§58–66) are read only by the discipline officers of the unit's chain (an
/// officer whose scope holds the case's unit, or the unit it was routed to), ก.พ.ค.'s
/// secretariat for matters before ก.พ.ค., the committee members and the person concerned
/// (issue 6: PDPA). Every read is recorded by the caller; a refusal here.
pub async fn may_read_case(
    state: &AppState,
    actor: &Actor,
    row: &bmahr_store::CaseRow,
) -> Result<(), ApiError> {
    let own = actor.user.person_id.is_some() && actor.user.person_id == row.person_id;
    let member = match actor.user.person_id {
        Some(p) if !own => state.store.is_case_member(row.id, p).await?,
        _ => false,
    };
    if own || member || may_handle_case(actor, row) {
        return Ok(());
    }
    refuse(state, actor, row.person_id, &format!("case {}", row.id)).await
}

fn in_scope(actor: &Actor, row: &bmahr_store::CaseRow) -> bool {
    actor.scope.as_ref().is_some_and(|s| {
        s.contains(&row.unit_id) || row.holder_unit_id.is_some_and(|h| s.contains(&h))
    })
}

/// Whether the actor's office handles the case: its unit chain's discipline officers, or
/// ก.พ.ค.'s secretariat for matters before ก.พ.ค.
pub fn may_handle_case(actor: &Actor, row: &bmahr_store::CaseRow) -> bool {
    // Nobody handles their own case.
    if actor.user.person_id.is_some() && actor.user.person_id == row.person_id {
        return false;
    }
    match actor.role() {
        Role::DisciplineOfficer => in_scope(actor, row),
        Role::MeritCommission => row.forum == bmahr_core::law::discipline::Forum::Kpk,
        _ => false,
    }
}

/// Recording an event: ก.พ.ค.'s secretariat records what happens before ก.พ.ค.; the unit's
/// discipline officers record the rest, and what the unit does on ก.พ.ค.'s decision or
/// notice (carrying it out, responding).
pub async fn may_record_case(
    state: &AppState,
    actor: &Actor,
    row: &bmahr_store::CaseRow,
    event: &bmahr_core::law::case_file::CaseEvent,
) -> Result<(), ApiError> {
    use bmahr_core::law::case_file::CaseEvent as E;
    let kpk = row.forum == bmahr_core::law::discipline::Forum::Kpk;
    let units_act = matches!(event, E::Implemented { .. } | E::IssuerResponded { .. });
    let ok = match actor.role() {
        Role::DisciplineOfficer => in_scope(actor, row) && (!kpk || units_act),
        Role::MeritCommission => kpk && !units_act,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    refuse(
        state,
        actor,
        row.person_id,
        &format!("case {} (record)", row.id),
    )
    .await
}

/// Opening a case: a discipline officer for cases of units in their scope (discipline, and
/// grievances to a superior); ก.พ.ค.'s secretariat for appeals, grievances to ก.พ.ค. and
/// petitions.
pub async fn may_open_case(
    state: &AppState,
    actor: &Actor,
    kpk: bool,
    unit_id: i64,
    kind: bmahr_core::law::case_file::CaseKind,
) -> Result<(), ApiError> {
    let ok = match actor.role() {
        Role::MeritCommission => kpk,
        Role::DisciplineOfficer => {
            !kpk && actor.scope.as_ref().is_some_and(|s| s.contains(&unit_id))
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    refuse(state, actor, None, &format!("case open ({})", kind.code())).await
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

/// ก.พ.ค.'s list of named positions (§64 para 2) is ก.พ.ค.'s to keep.
pub async fn may_edit_kpk_named(state: &AppState, actor: &Actor) -> Result<(), ApiError> {
    if actor.role() == Role::MeritCommission {
        return Ok(());
    }
    refuse(state, actor, None, "kpk-named").await
}

/// Referring a case to ก.ก. and recording ก.ก.'s resolution (§58, §59): the Office's
/// discipline officers, whose scope is the whole BMA; a unit does not record the resolution
/// that then permits its own order.
pub async fn may_record_kk(
    state: &AppState,
    actor: &Actor,
    row: &bmahr_store::CaseRow,
) -> Result<(), ApiError> {
    if records_kk(state, actor).await? {
        return Ok(());
    }
    refuse(
        state,
        actor,
        row.person_id,
        &format!("case {} (ก.ก.)", row.id),
    )
    .await
}

/// Whether the actor is one of the Office's discipline officers (scope: the whole BMA).
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
