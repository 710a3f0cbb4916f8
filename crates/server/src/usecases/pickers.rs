//! Pickers (issue 23): find a person, a position or a unit by name or number while typing,
//! and resolve what was typed into a form's field into exactly one of them.
//!
//! Every door calls the same functions:
//!
//! - [`people`], [`positions`], [`units`]: up to [`PICK_MAX`] candidates for a query, each
//!   with what tells two apart (unit, position, level, salary, status) as of `today`, only
//!   within the actor's units (the whole BMA for roles that see it). Listing people is a
//!   read of personal data and is recorded as the people search is (`people.pick`).
//! - [`resolve_person`], [`resolve_position`], [`resolve_unit`]: what a form's text field
//!   holds (a national ID, `#<person id>`, a position number, a code or a name) → one
//!   match, or a [`Violation`] on the caller's field listing up to [`SHOWN`] candidates.
//!
//! A person's `value` (what a picker puts in the field) is the national ID for roles that
//! see identities (`bmahr_core::access::sees_identity`) and `#<person id>` for the others,
//! who see the ID masked; both resolve.

use bmahr_core::access as rule;
use bmahr_core::personnel::Level;
use bmahr_core::register::Status;
use bmahr_core::{NationalId, Satang, ThaiDate, Violation};
use bmahr_store::{PersonHit, PickPosition, UnitRow, PICK_MAX};

use crate::access::{may_read_unit, may_search};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::people::record_listing;
use crate::AppState;

/// Candidates a refusal to resolve lists at most.
pub const SHOWN: usize = 5;

/// The fewest first digits of a national ID a picker looks up.
pub const ID_PREFIX_MIN: usize = 4;

/// Candidates a picker answers unless asked for fewer.
pub const PICK_DEFAULT: i64 = 10;

/// A unit as a picker shows it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UnitRef {
    pub id: i64,
    pub code: String,
    pub name_th: String,
    pub name_en: String,
}

/// A person a picker offers, as of `today`.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PickedPerson {
    /// The person's id.
    pub id: i64,
    /// What the field is filled with: the national ID when the reader sees identities,
    /// else `#<id>`; [`resolve_person`] takes either.
    pub value: String,
    /// In full only to roles that see identities; otherwise masked.
    pub national_id: String,
    /// The person's national ID in full, for the use-case the field is given to (never
    /// serialised; `reveal()` is explicit).
    #[serde(skip)]
    pub identity: NationalId,
    pub name_th: String,
    pub name_en: String,
    /// The unit of their position today (their last one if they have left).
    pub unit: Option<UnitRef>,
    pub position_no: Option<String>,
    /// The administrative title of the position, else its line of work.
    pub position_title: Option<String>,
    /// Level code and its labels.
    pub level: Option<String>,
    pub level_th: Option<String>,
    pub level_en: Option<String>,
    pub category: Option<String>,
    /// Salary in baht (`25000.00`).
    pub salary: Option<String>,
    /// `active`, `suspended` or `separated` (none: not yet in service).
    pub status: Option<String>,
    pub status_th: Option<String>,
    pub status_en: Option<String>,
    /// One line telling this person apart from another of the same name.
    pub label_th: String,
    pub label_en: String,
}

/// Who holds a position.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct HolderRef {
    pub person_id: i64,
    pub name_th: String,
    pub name_en: String,
}

/// A position a picker offers, as of `today`.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PickedPosition {
    pub id: i64,
    /// What the field is filled with: the position number.
    pub value: String,
    pub position_no: String,
    /// The administrative title, else the line of work.
    pub title: String,
    pub line_of_work: String,
    pub level: String,
    pub level_th: String,
    pub level_en: String,
    pub category: String,
    pub unit: UnitRef,
    /// Nobody in service holds it today.
    pub vacant: bool,
    /// Who holds it (not looked up when only vacant positions were asked for).
    pub holder: Option<HolderRef>,
    pub label_th: String,
    pub label_en: String,
}

/// A unit a picker offers.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PickedUnit {
    pub id: i64,
    /// What the field is filled with: the unit's code.
    pub value: String,
    pub code: String,
    pub name_th: String,
    pub name_en: String,
    pub kind: String,
    pub label_th: String,
    pub label_en: String,
}

/// A picker's answer: the candidates, and whether more matched than are shown.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Picks<T> {
    pub items: Vec<T>,
    pub more: bool,
}

fn scope_of(actor: &Actor) -> Option<Vec<i64>> {
    actor.scope.as_ref().map(|s| s.iter().copied().collect())
}

async fn unit_ref(state: &AppState, id: Option<i64>) -> Result<Option<UnitRef>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    Ok(state.store.unit_name(id).await?.map(|n| UnitRef {
        id,
        code: n.code.clone(),
        name_th: n.name_th.clone(),
        name_en: n.name_en.clone(),
    }))
}

/// Search hits as pickers show them, with their units' names and salaries.
async fn people_out(
    state: &AppState,
    actor: &Actor,
    hits: Vec<PersonHit>,
    today: ThaiDate,
) -> Result<Vec<PickedPerson>, ApiError> {
    let ids: Vec<i64> = hits.iter().map(|h| h.person.id).collect();
    let salaries = state.store.salaries_on(&ids, today).await?;
    let asker = actor.asker();
    let mut out = Vec::with_capacity(hits.len());
    for h in hits {
        let id = h.person.id;
        let sees = rule::sees_identity(&asker, Some(id));
        let level = h.level.as_deref().and_then(|l| Level::parse(l).ok());
        let status = h.status.as_deref().and_then(|s| Status::parse(s).ok());
        let salary = salaries.get(&id).copied();
        let unit = unit_ref(state, h.unit_id).await?;
        let mut p = PickedPerson {
            id,
            value: if sees {
                h.person.national_id.reveal().to_string()
            } else {
                format!("#{id}")
            },
            national_id: rule::shown_id(&asker, Some(id), &h.person.national_id),
            identity: h.person.national_id.clone(),
            name_th: h.person.name.full_th(),
            name_en: h.person.name.full_en(),
            unit,
            position_no: h.position_no,
            position_title: h.position_title,
            level: level.map(|l| l.code().to_string()),
            level_th: level.map(|l| l.th().to_string()),
            level_en: level.map(|l| l.en().to_string()),
            category: h.category,
            salary: salary.map(Satang::plain),
            status: status.map(|s| s.code().to_string()),
            status_th: status.map(|s| s.th().to_string()),
            status_en: status.map(|s| s.en().to_string()),
            label_th: String::new(),
            label_en: String::new(),
        };
        (p.label_th, p.label_en) = person_labels(&p, salary);
        out.push(p);
    }
    Ok(out)
}

/// "นายสมชาย ใจดี · 101 นักทรัพยากรบุคคล ปฏิบัติการ · D01 หน่วย D01 · 15,000.00 บาท".
fn person_labels(p: &PickedPerson, salary: Option<Satang>) -> (String, String) {
    let parts = |name: &str, level: &Option<String>, unit: Option<String>, baht: &str| {
        let mut v = vec![name.to_string()];
        let pos = [
            p.position_no.clone(),
            p.position_title.clone(),
            level.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        if !pos.is_empty() {
            v.push(pos);
        }
        v.extend(unit);
        if let Some(s) = salary {
            v.push(format!("{s} {baht}"));
        }
        v.join(" · ")
    };
    let unit_th = p.unit.as_ref().map(|u| format!("{} {}", u.code, u.name_th));
    let unit_en = p.unit.as_ref().map(|u| format!("{} {}", u.code, u.name_en));
    let mut th = parts(&p.name_th, &p.level_th, unit_th, "บาท");
    let mut en = parts(&p.name_en, &p.level_en, unit_en, "baht");
    if p.status.as_deref() != Some(Status::Active.code()) {
        if let (Some(s_th), Some(s_en)) = (&p.status_th, &p.status_en) {
            th.push_str(&format!(" ({s_th})"));
            en.push_str(&format!(" ({s_en})"));
        }
    }
    (th, en)
}

fn position_out(p: PickPosition) -> PickedPosition {
    let pos = p.position;
    let title = if pos.admin_title.trim().is_empty() {
        pos.line_of_work.clone()
    } else {
        pos.admin_title.clone()
    };
    let holder = p.holder.map(|h| HolderRef {
        person_id: h.person_id,
        name_th: h.name.full_th(),
        name_en: h.name.full_en(),
    });
    let (vacant_th, vacant_en) = match &holder {
        None => ("ว่าง".to_string(), "vacant".to_string()),
        Some(h) => (h.name_th.clone(), h.name_en.clone()),
    };
    let label = |level: &str, unit: &str, who: &str| {
        format!(
            "{} {title} {level} · {} {unit} · {who}",
            pos.position_no, pos.unit_code
        )
    };
    PickedPosition {
        id: pos.id,
        value: pos.position_no.clone(),
        label_th: label(pos.level.th(), &p.unit_name_th, &vacant_th),
        label_en: label(pos.level.en(), &p.unit_name_en, &vacant_en),
        position_no: pos.position_no,
        title,
        line_of_work: pos.line_of_work,
        level: pos.level.code().to_string(),
        level_th: pos.level.th().to_string(),
        level_en: pos.level.en().to_string(),
        category: pos.category.code().to_string(),
        unit: UnitRef {
            id: pos.unit_id,
            code: pos.unit_code,
            name_th: p.unit_name_th,
            name_en: p.unit_name_en,
        },
        vacant: holder.is_none(),
        holder,
    }
}

fn unit_out(u: UnitRow) -> PickedUnit {
    PickedUnit {
        id: u.id,
        value: u.code.clone(),
        label_th: format!("{} {} ({})", u.code, u.name_th, u.kind.th()),
        label_en: format!("{} {} ({})", u.code, u.name_en, u.kind.en()),
        kind: u.kind.code().to_string(),
        code: u.code,
        name_th: u.name_th,
        name_en: u.name_en,
    }
}

/// People matching `q` (a name in Thai or English, a national ID, its first four or more
/// digits for readers who see IDs, a position number) in the actor's units today: at most
/// `limit` (1–20). Recorded as a read of personal data (`people.pick`, with how many were
/// shown).
pub async fn people(
    state: &AppState,
    actor: &Actor,
    q: &str,
    limit: i64,
    today: ThaiDate,
) -> Result<Picks<PickedPerson>, ApiError> {
    may_search(state, actor).await?;
    let scope = scope_of(actor);
    let limit = limit.clamp(1, PICK_MAX);
    let (mut hits, mut total) = state
        .store
        .search_people(q, today, scope.as_deref(), Some(today), limit, 0)
        .await?;
    // The first digits of a national ID, for those who see IDs (others could probe them).
    let digits: String = q.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let id_prefix = (ID_PREFIX_MIN..13).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && rule::sees_identity(&actor.asker(), None);
    if id_prefix && (hits.len() as i64) < limit {
        let more = state
            .store
            .people_by_id_prefix(&digits, today, scope.as_deref(), Some(today), limit)
            .await?;
        for h in more {
            if hits.len() as i64 >= limit {
                total += 1;
            } else if !hits.iter().any(|x| x.person.id == h.person.id) {
                hits.push(h);
                total += 1;
            }
        }
    }
    let items = people_out(state, actor, hits, today).await?;
    record_listing(state, actor, "people.pick", items.len()).await?;
    Ok(Picks {
        more: total > items.len() as i64,
        items,
    })
}

/// Positions whose number starts with `q`, or whose title contains it, in the actor's units
/// today; only vacant ones when `vacant_only`; at most `limit` (1–20).
pub async fn positions(
    state: &AppState,
    actor: &Actor,
    q: &str,
    vacant_only: bool,
    limit: i64,
    today: ThaiDate,
) -> Result<Picks<PickedPosition>, ApiError> {
    may_read_unit(state, actor, None).await?;
    let scope = scope_of(actor);
    let (found, more) = state
        .store
        .pick_positions(q, today, scope.as_deref(), vacant_only, limit)
        .await?;
    let holders = found.iter().filter(|p| p.holder.is_some()).count();
    record_listing(state, actor, "positions.pick", holders).await?;
    Ok(Picks {
        items: found.into_iter().map(position_out).collect(),
        more,
    })
}

/// Units valid today whose code or name contains `q`, within the actor's units; at most
/// `limit` (1–20).
pub async fn units(
    state: &AppState,
    actor: &Actor,
    q: &str,
    limit: i64,
    today: ThaiDate,
) -> Result<Picks<PickedUnit>, ApiError> {
    may_read_unit(state, actor, None).await?;
    let (found, more) = state
        .store
        .pick_units(q, today, actor.scope.as_deref(), limit)
        .await?;
    Ok(Picks {
        items: found.into_iter().map(unit_out).collect(),
        more,
    })
}

/// Whitespace collapsed and trimmed.
fn collapsed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The violation on `field` when nothing matched `text`.
fn none_found(field: &str, what: (&str, &str), text: &str, hint: (&str, &str)) -> ApiError {
    ApiError::bad(Violation::new(
        "pick.not_found",
        field,
        format!("ไม่พบ{} \"{text}\" ในหน่วยงานที่ท่านเข้าถึงได้: {}", what.0, hint.0),
        format!(
            "no {} \"{text}\" found in the units you reach: {}",
            what.1, hint.1
        ),
    ))
}

/// The violation on `field` when several matched `text`: the first [`SHOWN`] listed, each
/// with the value that picks it.
fn several_found(
    field: &str,
    what: (&str, &str),
    text: &str,
    total: i64,
    listed: &[(String, String, String)],
) -> ApiError {
    let list = |th: bool| {
        listed
            .iter()
            .take(SHOWN)
            .map(|(value, l_th, l_en)| format!("{value}: {}", if th { l_th } else { l_en }))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let more = total > listed.len().min(SHOWN) as i64;
    ApiError::bad(Violation::new(
        "pick.ambiguous",
        field,
        format!(
            "พบ{} \"{text}\" {total} รายการ โปรดเลือกรายการเดียวโดยพิมพ์ค่าหน้ารายการ: {}{}",
            what.0,
            list(true),
            if more { "; …" } else { "" }
        ),
        format!(
            "{total} {}s match \"{text}\"; choose one by typing the value before it: {}{}",
            what.1,
            list(false),
            if more { "; …" } else { "" }
        ),
    ))
}

fn required(field: &str, what: (&str, &str)) -> ApiError {
    ApiError::bad(Violation::new(
        "pick.required",
        field,
        format!("ต้องระบุ{}", what.0),
        format!("the {} is required", what.1),
    ))
}

const PERSON: (&str, &str) = ("บุคคล", "person");
const PERSON_HINT: (&str, &str) = (
    "พิมพ์ชื่อ นามสกุล เลขประจำตัวประชาชน 13 หลัก หรือเลขที่ตำแหน่ง",
    "type a name, a 13-digit national ID or a position number",
);

/// The one person `text` names, among those the actor reaches today: a 13-digit national ID
/// (dashes and spaces allowed), `#<person id>`, the number of the position they hold, or a
/// name (Thai or English, any part; a name typed whole picks its bearer among others whose
/// names contain it). Nothing or several found → a violation on `field` listing up to five
/// candidates with their unit and position.
pub async fn resolve_person(
    state: &AppState,
    actor: &Actor,
    field: &str,
    text: &str,
    today: ThaiDate,
) -> Result<PickedPerson, ApiError> {
    let t = collapsed(text);
    if t.is_empty() {
        return Err(required(field, PERSON));
    }
    may_search(state, actor).await?;
    let scope = scope_of(actor);
    let (hits, total) = if let Some(id) = t.strip_prefix('#') {
        let id: i64 = id
            .trim()
            .parse()
            .map_err(|_| none_found(field, PERSON, &t, PERSON_HINT))?;
        let hits = state
            .store
            .people_by_ids_within(&[id], today, scope.as_deref(), Some(today))
            .await?;
        let n = hits.len() as i64;
        (hits, n)
    } else {
        let digits: String = t.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        if digits.len() == 13 && digits.chars().all(|c| c.is_ascii_digit()) {
            NationalId::parse(&digits).map_err(|v| ApiError::bad(v.on_field(field)))?;
        }
        let q = if digits.len() == 13 { &digits } else { &t };
        state
            .store
            .search_people(q, today, scope.as_deref(), Some(today), PICK_MAX, 0)
            .await?
    };
    let mut found = people_out(state, actor, hits, today).await?;
    record_listing(state, actor, "people.pick", found.len()).await?;
    if found.len() > 1 {
        // A name typed whole picks its one bearer among names that only contain it.
        let typed = t.to_lowercase();
        let whole: Vec<usize> = found
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                [&p.name_th, &p.name_en].iter().any(|n| {
                    collapsed(n).to_lowercase() == typed || without_title(n).to_lowercase() == typed
                })
            })
            .map(|(i, _)| i)
            .collect();
        if let [i] = whole[..] {
            return Ok(found.swap_remove(i));
        }
    }
    match found.len() {
        0 => Err(none_found(field, PERSON, &t, PERSON_HINT)),
        1 if total == 1 => Ok(found.swap_remove(0)),
        _ => {
            let listed: Vec<(String, String, String)> = found
                .iter()
                .map(|p| (p.value.clone(), p.label_th.clone(), p.label_en.clone()))
                .collect();
            Err(several_found(field, PERSON, &t, total, &listed))
        }
    }
}

/// A full name without its title (`นายสมชาย ใจดี` → `สมชาย ใจดี`, `Mr. Somchai Test` →
/// `Somchai Test`); Thai titles are written joined to the first name.
fn without_title(full: &str) -> String {
    let mut titles: Vec<&str> = bmahr_core::person::Title::ALL
        .iter()
        .flat_map(|t| [t.th(), t.en()])
        .collect();
    // The longest first: นางสาว before นาง.
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    titles
        .iter()
        .find_map(|t| full.strip_prefix(t))
        .map(collapsed)
        .unwrap_or_else(|| collapsed(full))
}

const POSITION: (&str, &str) = ("ตำแหน่ง", "position");
const POSITION_HINT: (&str, &str) = (
    "พิมพ์เลขที่ตำแหน่งหรือชื่อตำแหน่ง",
    "type a position number or title",
);

/// The one position `text` names, in the actor's units today: its number (a number typed
/// whole picks it among numbers that start with it), or a title only one position has.
pub async fn resolve_position(
    state: &AppState,
    actor: &Actor,
    field: &str,
    text: &str,
    today: ThaiDate,
) -> Result<PickedPosition, ApiError> {
    let t = collapsed(text);
    if t.is_empty() {
        return Err(required(field, POSITION));
    }
    let found = positions(state, actor, &t, false, PICK_MAX, today).await?;
    let mut items = found.items;
    if let Some(i) = items.iter().position(|p| p.position_no == t) {
        return Ok(items.swap_remove(i));
    }
    match items.len() {
        0 => Err(none_found(field, POSITION, &t, POSITION_HINT)),
        1 if !found.more => Ok(items.swap_remove(0)),
        n => {
            let listed: Vec<(String, String, String)> = items
                .iter()
                .map(|p| (p.value.clone(), p.label_th.clone(), p.label_en.clone()))
                .collect();
            let total = if found.more { n as i64 + 1 } else { n as i64 };
            Err(several_found(field, POSITION, &t, total, &listed))
        }
    }
}

const UNIT: (&str, &str) = ("หน่วยงาน", "unit");

/// A list's unit filter as typed (a code or a name, resolved as [`resolve_unit`] does on the
/// field `unit`); blank: no filter.
pub async fn unit_filter(
    state: &AppState,
    actor: &Actor,
    text: Option<&str>,
    today: ThaiDate,
) -> Result<Option<PickedUnit>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Ok(Some(resolve_unit(state, actor, "unit", t, today).await?)),
        None => Ok(None),
    }
}
const UNIT_HINT: (&str, &str) = ("พิมพ์รหัสหรือชื่อหน่วยงาน", "type a unit's code or name");

/// The one unit `text` names among those valid today within the actor's units: its code
/// (any case), or a name only one unit's name contains.
pub async fn resolve_unit(
    state: &AppState,
    actor: &Actor,
    field: &str,
    text: &str,
    today: ThaiDate,
) -> Result<PickedUnit, ApiError> {
    let t = collapsed(text);
    if t.is_empty() {
        return Err(required(field, UNIT));
    }
    let found = units(state, actor, &t, PICK_MAX, today).await?;
    let mut items = found.items;
    if let Some(i) = items
        .iter()
        .position(|u| u.code.eq_ignore_ascii_case(&t) || u.name_th == t || u.name_en == t)
    {
        return Ok(items.swap_remove(i));
    }
    match items.len() {
        0 => Err(none_found(field, UNIT, &t, UNIT_HINT)),
        1 if !found.more => Ok(items.swap_remove(0)),
        n => {
            let listed: Vec<(String, String, String)> = items
                .iter()
                .map(|u| (u.value.clone(), u.label_th.clone(), u.label_en.clone()))
                .collect();
            let total = if found.more { n as i64 + 1 } else { n as i64 };
            Err(several_found(field, UNIT, &t, total, &listed))
        }
    }
}
