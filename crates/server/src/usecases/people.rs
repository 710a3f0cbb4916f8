//! People: search, a person's record, its history as of a date, who opened it. Every read of
//! personal data is an audit event, whichever door asked.

use std::sync::Arc;

use bmahr_core::access::{self as rule, Standing};
use bmahr_core::law::retirement::retirement_date;
use bmahr_core::register::{AppliedAction, RecordOnDate};
use bmahr_core::ThaiDate;
use bmahr_store::{AuditEvent, AuditQuery, Profile, StoreError};

use super::{Listing, Paging};
use crate::access::{guard, may_search};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// A person as a list shows them.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PersonSummary {
    pub id: i64,
    /// In full only to roles that need it (PDPA); otherwise masked.
    pub national_id: String,
    pub name_th: String,
    pub name_en: String,
    pub status: Option<String>,
    pub position_no: Option<String>,
    /// The administrative title of the position, else its line of work.
    pub position_title: Option<String>,
    pub unit_id: Option<i64>,
    /// The unit's code and names (two people of one name are told apart by them).
    pub unit_code: Option<String>,
    pub unit_name_th: Option<String>,
    pub unit_name_en: Option<String>,
    pub level: Option<String>,
    pub category: Option<String>,
}

/// A search: any part of a name, a national ID or a position number, as of a date.
#[derive(Debug, Clone)]
pub struct Search {
    pub q: String,
    pub as_of: Option<ThaiDate>,
    pub paging: Paging,
}

/// People matching the query whom the actor may read: for a scoped actor, those in their units
/// on the date asked **and** today (or on their last day of service), as `bmahr_core::access`
/// rules for every read. The listing is recorded (PDPA) with its size.
pub async fn search(
    state: &AppState,
    actor: &Actor,
    s: &Search,
    today: ThaiDate,
) -> Result<Listing<PersonSummary>, ApiError> {
    may_search(state, actor).await?;
    let on = s.as_of.unwrap_or(today);
    let scope: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let (hits, total) = state
        .store
        .search_people(
            &s.q,
            on,
            scope.as_deref(),
            Some(today),
            s.paging.limit(),
            s.paging.offset(),
        )
        .await?;
    let asker = actor.asker();
    let mut items: Vec<PersonSummary> = Vec::with_capacity(hits.len());
    for h in hits {
        // Unit names are kept in memory once read (they never change).
        let unit = match h.unit_id {
            Some(u) => state.store.unit_name(u).await?,
            None => None,
        };
        items.push(PersonSummary {
            id: h.person.id,
            national_id: rule::shown_id(&asker, Some(h.person.id), &h.person.national_id),
            name_th: h.person.name.full_th(),
            name_en: h.person.name.full_en(),
            status: h.status,
            position_no: h.position_no,
            position_title: h.position_title,
            unit_id: h.unit_id,
            unit_code: unit.as_ref().map(|u| u.code.clone()),
            unit_name_th: unit.as_ref().map(|u| u.name_th.clone()),
            unit_name_en: unit.as_ref().map(|u| u.name_en.clone()),
            level: h.level,
            category: h.category,
        });
    }
    record_listing(state, actor, "people.search", items.len()).await?;
    Ok(Listing::new(items, &s.paging, total))
}

/// A read of personal data in bulk (a unit's register, an export), recorded with what it
/// covered, whichever door made it.
pub async fn record_bulk_read(
    state: &AppState,
    actor: &Actor,
    action: &str,
    detail: &str,
) -> Result<(), ApiError> {
    state
        .store
        .record_event(
            &actor.meta("อ่านข้อมูลส่วนบุคคล / personal data read"),
            action,
            None,
            detail,
        )
        .await?;
    Ok(())
}

/// A list naming people is itself a read of personal data (PDPA): recorded with its size.
pub async fn record_listing(
    state: &AppState,
    actor: &Actor,
    what: &str,
    n: usize,
) -> Result<(), ApiError> {
    if n == 0 {
        return Ok(());
    }
    // Tallied per account, written within a second, not awaited: a search is answered as
    // fast as the names are matched.
    state
        .store
        .tally_listing(&actor.meta("เปิดดูรายชื่อบุคคล / list of people read"), what, n)?;
    Ok(())
}

/// Where the person stands for access: their unit today, or on their last day of service.
pub(crate) fn standing(profile: &Profile, today: ThaiDate) -> Standing {
    Standing {
        person_id: profile.record.person.id,
        unit_now: profile.record_on(today).placement.map(|p| p.unit_id),
    }
}

/// The profile of a person the actor may read (decided on the profile itself, read once).
/// An unknown id is answered as the actor would be answered for someone outside their reach.
async fn readable_profile(
    state: &AppState,
    actor: &Actor,
    id: i64,
    today: ThaiDate,
    with_trail: bool,
) -> Result<(Arc<Profile>, Vec<AuditEvent>), ApiError> {
    let read = if with_trail {
        state.store.profile_and_trail(id).await
    } else {
        state.store.profile(id).await.map(|p| (p, Vec::new()))
    };
    match read {
        Ok((profile, trail)) => {
            let decision = rule::may_read_person(&actor.asker(), &standing(&profile, today));
            guard(state, actor, Some(id), decision).await?;
            Ok((profile, trail))
        }
        Err(StoreError::NotFound(v)) => {
            let nobody = Standing {
                person_id: id,
                unit_now: None,
            };
            guard(
                state,
                actor,
                None,
                rule::may_read_person(&actor.asker(), &nobody),
            )
            .await?;
            Err(ApiError::NotFound(v))
        }
        Err(e) => Err(e.into()),
    }
}

/// A person's record as a reader may see it: the whole profile, the record's trail for those
/// who read the audit log, and whether the national ID and contacts are shown in full.
pub struct ProfileRead {
    pub profile: Arc<Profile>,
    pub trail: Vec<AuditEvent>,
    /// The reader reads the audit log, so the record's trail is shown.
    pub shows_trail: bool,
    pub reveal: bool,
}

/// Opens a person's record (`door` names the page or program in the audit event); with its
/// trail when `trail` is asked and the actor reads the audit log (the record page shows it,
/// the API answer does not).
pub async fn read_profile(
    state: &AppState,
    actor: &Actor,
    id: i64,
    today: ThaiDate,
    door: &str,
    trail: bool,
) -> Result<ProfileRead, ApiError> {
    let with_trail = trail && rule::may_read_all(&actor.asker(), "trail").is_ok();
    let (profile, trail) = readable_profile(state, actor, id, today, with_trail).await?;
    // PDPA: opening a full record is itself recorded, and the person can see who did.
    state
        .store
        .record_event(
            &actor.meta("เปิดดูทะเบียนประวัติ / record opened"),
            "person.view",
            Some(id),
            door,
        )
        .await?;
    Ok(ProfileRead {
        shows_trail: with_trail,
        reveal: actor.sees_identity(id),
        profile,
        trail,
    })
}

/// Length of service (§57) in both languages.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ServiceOut {
    pub years: i64,
    pub months: i64,
    pub days: i64,
    pub th: String,
    pub en: String,
}

/// A person's record today, as the API answers it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PersonOut {
    pub id: i64,
    /// In full only to roles that need it (PDPA); otherwise masked.
    pub national_id: String,
    pub name: bmahr_core::person::PersonName,
    /// Every name borne, with the date it took effect.
    #[schema(value_type = Vec<(ThaiDate, bmahr_core::person::PersonName)>)]
    pub names: Vec<(ThaiDate, bmahr_core::person::PersonName)>,
    #[schema(value_type = String)]
    pub birth_date: ThaiDate,
    #[schema(value_type = String)]
    pub retirement_date: ThaiDate,
    #[schema(value_type = String)]
    pub gender: bmahr_core::person::Gender,
    pub nationality: String,
    pub education: String,
    /// `***` unless the reader sees contacts.
    pub phone: String,
    pub email: String,
    pub version: i64,
    pub record: RecordOnDate,
    pub service: ServiceOut,
}

impl PersonOut {
    pub fn of(r: &ProfileRead, actor: &Actor, today: ThaiDate) -> Self {
        let rec = &r.profile.record;
        let p = &rec.person;
        let asker = actor.asker();
        let service = r.profile.service_on(today);
        PersonOut {
            id: p.id,
            national_id: rule::shown_id(&asker, Some(p.id), &p.national_id),
            name: p.name.clone(),
            names: rec.names.clone(),
            birth_date: p.birth_date,
            retirement_date: retirement_date(p.birth_date),
            gender: p.gender,
            nationality: p.nationality.clone(),
            education: p.education.clone(),
            phone: rule::shown_contact(&asker, Some(p.id), &p.phone),
            email: rule::shown_contact(&asker, Some(p.id), &p.email),
            version: p.version,
            record: r.profile.record_on(today),
            service: ServiceOut {
                years: service.years.into(),
                months: service.months.into(),
                days: service.days.into(),
                th: service.th(),
                en: service.en(),
            },
        }
    }
}

/// A person's record on a date, as recorded by an instant.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HistoryOut {
    #[schema(value_type = String)]
    pub as_of: ThaiDate,
    pub record: RecordOnDate,
    pub actions: Vec<AppliedAction>,
}

/// The register of one person as of `on`, as it was recorded by `known_at` (now if none).
pub async fn history(
    state: &AppState,
    actor: &Actor,
    id: i64,
    on: ThaiDate,
    known_at: Option<&str>,
    today: ThaiDate,
) -> Result<HistoryOut, ApiError> {
    readable_profile(state, actor, id, today, false).await?;
    let actions = state.store.person_actions(id, on, known_at).await?;
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
    Ok(HistoryOut {
        as_of: on,
        record,
        actions,
    })
}

/// One opening of a record.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ViewItem {
    pub at: String,
    pub actor: String,
    pub detail: String,
}

/// One page of the openings of a record (the log is not counted).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ViewsPage {
    pub items: Vec<ViewItem>,
    pub page: i64,
    pub per_page: i64,
    /// Whether another page follows.
    pub more: bool,
}

/// Who opened a person's record, newest first: the person themself, the Office and auditors.
pub async fn views(
    state: &AppState,
    actor: &Actor,
    id: i64,
    paging: &Paging,
) -> Result<ViewsPage, ApiError> {
    if actor.user.person_id != Some(id) {
        crate::access::may_read_all(state, actor, "views").await?;
    }
    let events = state
        .store
        .audit(&AuditQuery {
            person_id: Some(id),
            action: Some("person.view".into()),
            limit: paging.limit() + 1,
            offset: paging.offset(),
            ..Default::default()
        })
        .await?;
    let more = events.len() as i64 > paging.limit();
    let items: Vec<ViewItem> = events
        .into_iter()
        .take(usize::try_from(paging.limit()).unwrap_or(0))
        .map(|e| ViewItem {
            at: e.at,
            actor: e.actor,
            detail: e.detail,
        })
        .collect();
    Ok(ViewsPage {
        items,
        page: paging.page(),
        per_page: paging.limit(),
        more,
    })
}
