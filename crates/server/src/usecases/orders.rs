//! Orders (คำสั่ง): check, sign and read; drafts awaiting signature. Whether the actor may
//! act on each person and position, and whether the order keeps the Act, are decided by core
//! on the facts read in the order's own transaction (`Store::apply_order_as`); a check runs
//! in a read transaction and takes no write lock.

use bmahr_core::access as rule;
use bmahr_core::register::OrderDraft;
use bmahr_core::{ThaiDate, Violation};
use bmahr_store::{AppliedOrder, DraftRow, DraftStatus, OrderAccess, OrderRecord, StoreError};

use super::{Listing, Paging};
use crate::access::{may_draft_orders, may_read_order, may_read_orders, may_sign_orders};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// The actor and the day, for the order's transaction to decide access on.
fn access<'a>(actor: &'a Actor, today: ThaiDate) -> OrderAccess<'a> {
    OrderAccess {
        asker: actor.asker(),
        today,
    }
}

/// Reads an order body: every field it lacks or gets wrong, named.
pub fn parse(body: serde_json::Value) -> Result<OrderDraft, ApiError> {
    serde_json::from_value(body).map_err(|e| {
        ApiError::bad(Violation::new(
            "order.malformed",
            "body",
            format!("รูปแบบคำสั่งไม่ถูกต้อง: {e}"),
            format!("malformed order: {e}"),
        ))
    })
}

/// What checking an order found: it would apply, doing this much.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CheckOut {
    pub ok: bool,
    pub actions: usize,
    pub voids: usize,
    #[schema(value_type = String)]
    pub as_of: ThaiDate,
}

/// Every refusal and violation the order would meet if signed today; writes nothing.
pub async fn check(
    state: &AppState,
    actor: &Actor,
    order: &OrderDraft,
    today: ThaiDate,
) -> Result<CheckOut, ApiError> {
    may_draft_orders(state, actor).await?;
    let r = state
        .store
        .check_order(order, Some(&access(actor, today)))
        .await;
    let preview = crate::access::audited(state, actor, None, r).await?;
    Ok(CheckOut {
        ok: true,
        actions: preview.actions,
        voids: preview.voided,
        as_of: today,
    })
}

/// What signing an order did.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Signed {
    pub order_id: i64,
    pub actions: usize,
    /// Actions of the corrected order that this order voided.
    pub voided: usize,
    /// `[person id, their record version after the order]`.
    #[schema(value_type = Vec<Vec<i64>>)]
    pub versions: Vec<(i64, i64)>,
}

impl From<AppliedOrder> for Signed {
    fn from(a: AppliedOrder) -> Self {
        Signed {
            order_id: a.order_id,
            actions: a.actions,
            voided: a.voided,
            versions: a.versions,
        }
    }
}

/// Signs and applies an order in one transaction: all its actions or none.
pub async fn sign(
    state: &AppState,
    actor: &Actor,
    order: &OrderDraft,
    today: ThaiDate,
) -> Result<Signed, ApiError> {
    may_sign_orders(state, actor).await?;
    let meta = actor.meta(&format!("ลงนามคำสั่ง {} / order signed", order.number));
    let r = state
        .store
        .apply_order_as(order, &meta, &access(actor, today))
        .await;
    Ok(crate::access::audited(state, actor, None, r).await?.into())
}

/// A signed order, for those who read orders of its issuer. An order names people and their
/// salaries (its printed annex too), so reading it is recorded as reading a record is (PDPA).
pub async fn read(state: &AppState, actor: &Actor, id: i64) -> Result<OrderRecord, ApiError> {
    may_read_orders(state, actor).await?;
    let o = state.store.order(id).await?;
    may_read_order(state, actor, o.issuer_unit_id, &format!("order {id}")).await?;
    state
        .store
        .record_event(
            &actor.meta("เปิดดูคำสั่ง / order read"),
            "order.read",
            None,
            &format!("order {id} ({})", o.number),
        )
        .await?;
    Ok(o)
}

// --- Drafts -----------------------------------------------------------------------------------

/// A person an order names, as the reader may see them.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct NamedPerson {
    /// The action's number in the order, from 1.
    pub n: usize,
    pub person_id: Option<i64>,
    pub name_th: String,
    pub name_en: String,
    /// In full only to roles that need it (PDPA); otherwise masked.
    pub national_id: String,
}

/// A draft as the API shows it: the order as drafted (national IDs masked for readers who do
/// not administer personnel), the people it names and what stands in its way.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DraftOut {
    pub id: i64,
    pub issuer_unit: String,
    pub number: String,
    /// `draft` (awaiting signature), `signed` or `withdrawn`.
    pub status: String,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_by: String,
    pub updated_at: String,
    pub order_id: Option<i64>,
    #[schema(value_type = Object)]
    pub order: serde_json::Value,
    pub people: Vec<NamedPerson>,
    /// Every rule the order breaks today; empty when it can be signed.
    #[schema(value_type = Vec<Object>)]
    pub problems: Vec<Violation>,
    /// Set while the draft is back with its drafter: the signer's note, who, when.
    #[schema(value_type = Option<Object>)]
    pub returned: Option<bmahr_store::Returned>,
}

/// The order body with each action's national ID as `actor` may see it: the one place drafts
/// are masked, for the API and the pages alike.
fn shown_body(actor: &Actor, body: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(body).unwrap_or(serde_json::Value::Null);
    let asker = actor.asker();
    if rule::sees_identity(&asker, None) {
        return v;
    }
    if let Some(actions) = v
        .get_mut("actions")
        .and_then(serde_json::Value::as_array_mut)
    {
        for a in actions {
            if let Some(p) = a.get_mut("person") {
                let shown = rule::shown_id_text(&asker, None, p.as_str().unwrap_or(""));
                *p = serde_json::Value::String(shown);
            }
        }
    }
    v
}

impl DraftOut {
    fn new(actor: &Actor, d: DraftRow, people: Vec<NamedPerson>, problems: Vec<Violation>) -> Self {
        DraftOut {
            order: shown_body(actor, &d.body),
            id: d.id,
            issuer_unit: d.issuer_unit,
            number: d.number,
            status: d.status.code().to_string(),
            version: d.version,
            created_by: d.created_by,
            created_at: d.created_at,
            updated_by: d.updated_by,
            updated_at: d.updated_at,
            order_id: d.order_id,
            returned: d.returned,
            people,
            problems,
        }
    }
}

/// Every violation the order would meet if signed today, read in a read transaction. A
/// refusal on scope is reported as the others are (the reader already reaches the issuer).
pub async fn problems_of(
    state: &AppState,
    actor: &Actor,
    order: &OrderDraft,
    today: ThaiDate,
) -> Result<Vec<Violation>, ApiError> {
    match state
        .store
        .check_order(order, Some(&access(actor, today)))
        .await
    {
        Ok(_) => Ok(Vec::new()),
        Err(StoreError::Invalid(v)) | Err(StoreError::Forbidden(v)) => Ok(v.0),
        Err(StoreError::Conflict(v)) => Ok(vec![v]),
        Err(e) => Err(e.into()),
    }
}

/// The people a draft names, as the actor may see them.
async fn people_named(
    state: &AppState,
    actor: &Actor,
    body: &str,
) -> Result<Vec<NamedPerson>, ApiError> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let asker = actor.asker();
    let mut out = Vec::new();
    for (i, x) in v["actions"].as_array().into_iter().flatten().enumerate() {
        let text = x["person"].as_str().unwrap_or("");
        let person = match bmahr_core::NationalId::parse(text) {
            Ok(n) => match state.store.person_by_national_id(&n).await {
                Ok(p) => Some(p),
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e.into()),
            },
            Err(_) => None,
        };
        out.push(match person {
            Some(p) => NamedPerson {
                n: i + 1,
                person_id: Some(p.id),
                name_th: p.name.full_th(),
                name_en: p.name.full_en(),
                national_id: rule::shown_id(&asker, Some(p.id), &p.national_id),
            },
            None => NamedPerson {
                n: i + 1,
                person_id: None,
                name_th: "?".into(),
                name_en: "?".into(),
                national_id: rule::shown_id_text(&asker, None, text),
            },
        });
    }
    Ok(out)
}

/// A draft read whole: its people and, while it awaits signature, its problems today.
async fn full(
    state: &AppState,
    actor: &Actor,
    d: DraftRow,
    today: ThaiDate,
) -> Result<DraftOut, ApiError> {
    let problems = if d.status == DraftStatus::Draft {
        match serde_json::from_str::<serde_json::Value>(&d.body)
            .map_err(|e| ApiError::Internal(e.to_string()))
            .and_then(parse)
        {
            Ok(order) => problems_of(state, actor, &order, today).await?,
            Err(ApiError::BadRequest(v)) | Err(ApiError::Unprocessable(v)) => v.0,
            Err(e) => return Err(e),
        }
    } else {
        Vec::new()
    };
    stored(state, actor, d, problems).await
}

/// An order accepted for storing as a draft: its issuing unit, its text as written and the
/// Act's problems it has today (stored with it for the drafter to fix).
struct Accepted {
    order: OrderDraft,
    unit: i64,
    text: String,
    problems: Vec<Violation>,
}

/// Parses an order for storing as a draft: its issuing unit must exist, and the order must not
/// name people or positions outside the actor's units (refused, audited). Checked once.
async fn accept(
    state: &AppState,
    actor: &Actor,
    body: serde_json::Value,
    today: ThaiDate,
) -> Result<Accepted, ApiError> {
    let text = body.to_string();
    let order = parse(body)?;
    let unit = match state
        .store
        .unit_by_code(&order.issuer_unit, order.signed_on)
        .await
    {
        Ok(u) => u.id,
        Err(StoreError::NotFound(_)) => {
            return Err(ApiError::bad(Violation::new(
                "order.issuer_unknown",
                "issuer_unit",
                format!("ไม่พบหน่วยงานผู้ออกคำสั่ง \"{}\"", order.issuer_unit),
                format!("issuing unit \"{}\" does not exist", order.issuer_unit),
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let r = state
        .store
        .check_order(&order, Some(&access(actor, today)))
        .await;
    let problems = match crate::access::audited(state, actor, None, r).await {
        Ok(_) => Vec::new(),
        Err(ApiError::Unprocessable(v)) => v.0,
        Err(ApiError::Conflict(v)) => vec![v],
        Err(e) => return Err(e),
    };
    Ok(Accepted {
        order,
        unit,
        text,
        problems,
    })
}

/// A draft just stored, with the people it names and the problems found when it was accepted.
async fn stored(
    state: &AppState,
    actor: &Actor,
    d: DraftRow,
    problems: Vec<Violation>,
) -> Result<DraftOut, ApiError> {
    let people = people_named(state, actor, &d.body).await?;
    Ok(DraftOut::new(actor, d, people, problems))
}

/// Opening the form of a new order: for those who draft orders; the code of the unit their
/// account is scoped to, where the form starts.
pub async fn draft_form(state: &AppState, actor: &Actor) -> Result<Option<String>, ApiError> {
    may_draft_orders(state, actor).await?;
    Ok(match actor.user.scope_unit_id {
        Some(u) => state.store.unit_by_id(u).await?.map(|u| u.code),
        None => None,
    })
}

/// Stores a new draft; answers with every problem it has today.
pub async fn create_draft(
    state: &AppState,
    actor: &Actor,
    body: serde_json::Value,
    today: ThaiDate,
) -> Result<DraftOut, ApiError> {
    may_draft_orders(state, actor).await?;
    let a = accept(state, actor, body, today).await?;
    let d = state
        .store
        .create_draft(
            a.unit,
            &a.order.number,
            &a.text,
            &actor.meta("ร่างคำสั่ง / order drafted"),
        )
        .await?;
    stored(state, actor, d, a.problems).await
}

/// A draft the actor may see (within the issuer's units).
async fn readable(state: &AppState, actor: &Actor, id: i64) -> Result<DraftRow, ApiError> {
    may_read_orders(state, actor).await?;
    let d = state.store.draft(id).await?;
    may_read_order(state, actor, d.issuer_unit_id, &format!("draft {id}")).await?;
    Ok(d)
}

/// Replaces an open draft's order, if nobody changed it since `version`.
pub async fn update_draft(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i64,
    body: serde_json::Value,
    today: ThaiDate,
) -> Result<DraftOut, ApiError> {
    may_draft_orders(state, actor).await?;
    readable(state, actor, id).await?;
    let a = accept(state, actor, body, today).await?;
    let d = state
        .store
        .update_draft(
            id,
            version,
            a.unit,
            &a.order.number,
            &a.text,
            &actor.meta("แก้ไขร่างคำสั่ง / draft edited"),
        )
        .await?;
    stored(state, actor, d, a.problems).await
}

/// Drafts with `status` issued within the actor's units, oldest first (without their
/// problems: a list does not check every order).
pub async fn list_drafts(
    state: &AppState,
    actor: &Actor,
    status: DraftStatus,
    paging: &Paging,
) -> Result<Listing<DraftOut>, ApiError> {
    may_read_orders(state, actor).await?;
    let units: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let (items, total) = state
        .store
        .drafts(status, units.as_deref(), paging.limit(), paging.offset())
        .await?;
    let items = items
        .into_iter()
        .map(|d| DraftOut::new(actor, d, Vec::new(), Vec::new()))
        .collect();
    Ok(Listing::new(items, paging, total))
}

/// A draft with its people and its problems today.
pub async fn read_draft(
    state: &AppState,
    actor: &Actor,
    id: i64,
    today: ThaiDate,
) -> Result<DraftOut, ApiError> {
    let d = readable(state, actor, id).await?;
    full(state, actor, d, today).await
}

/// What the signer completes or confirms when signing.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The draft version the signer read.
    pub version: i64,
    pub number: Option<String>,
    /// Defaults to the drafted date.
    pub signed_on: Option<String>,
    pub signed_by: Option<String>,
    pub authority: Option<String>,
    /// The office signing (`governor`, `permanent_secretary`, `agency_head`, …; §52–54).
    pub signing_authority: Option<String>,
}

/// The drafted order with the signer's part filled in.
fn completed(body: &str, s: &Signature) -> Result<(OrderDraft, String), ApiError> {
    let mut v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    if let Some(obj) = v.as_object_mut() {
        for (k, val) in [
            ("number", &s.number),
            ("signed_on", &s.signed_on),
            ("signed_by", &s.signed_by),
            ("authority", &s.authority),
            ("signing_authority", &s.signing_authority),
        ] {
            if let Some(val) = val.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
                obj.insert(k.into(), serde_json::Value::String(val.into()));
            }
        }
    }
    let text = v.to_string();
    Ok((parse(v)?, text))
}

/// Every problem signing the draft with `s` today would meet, without signing: the
/// signature's confirmation step. A draft no longer open or changed since is a problem too.
pub async fn sign_problems(
    state: &AppState,
    actor: &Actor,
    id: i64,
    s: &Signature,
    today: ThaiDate,
) -> Result<Vec<Violation>, ApiError> {
    may_sign_orders(state, actor).await?;
    let d = readable(state, actor, id).await?;
    if let Err(StoreError::Conflict(v)) = bmahr_store::draft_still_open(&d, s.version) {
        return Ok(vec![v]);
    }
    let order = match completed(&d.body, s) {
        Ok((o, _)) => o,
        Err(ApiError::BadRequest(v)) | Err(ApiError::Unprocessable(v)) => return Ok(v.0),
        Err(e) => return Err(e),
    };
    problems_of(state, actor, &order, today).await
}

/// Signs a stored draft as the actor: access and the Act decided, the register changed and
/// the draft marked signed, in one transaction.
pub async fn sign_draft(
    state: &AppState,
    actor: &Actor,
    id: i64,
    s: &Signature,
    today: ThaiDate,
) -> Result<Signed, ApiError> {
    may_sign_orders(state, actor).await?;
    let d = readable(state, actor, id).await?;
    let (order, text) = completed(&d.body, s)?;
    let meta = actor.meta(&format!("ลงนามคำสั่ง {} / order signed", order.number));
    let r = state
        .store
        .sign_draft(
            id,
            s.version,
            &order,
            &text,
            &meta,
            Some(&access(actor, today)),
        )
        .await;
    Ok(crate::access::audited(state, actor, None, r).await?.into())
}

/// Withdraws an open draft (it stays on record).
pub async fn withdraw_draft(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i64,
) -> Result<DraftOut, ApiError> {
    may_draft_orders(state, actor).await?;
    readable(state, actor, id).await?;
    let d = state
        .store
        .withdraw_draft(id, version, &actor.meta("ถอนร่างคำสั่ง / draft withdrawn"))
        .await?;
    Ok(DraftOut::new(actor, d, Vec::new(), Vec::new()))
}

// --- Review: sending a draft back, its versions, what it changes -------------------------------

/// Sends an open draft back to its drafter with a note on what to correct (the signer's part
/// of the review); the draft stays open and is submitted again by editing it.
pub async fn return_draft(
    state: &AppState,
    actor: &Actor,
    id: i64,
    version: i64,
    note: &str,
) -> Result<DraftOut, ApiError> {
    may_sign_orders(state, actor).await?;
    readable(state, actor, id).await?;
    let d = state
        .store
        .return_draft(
            id,
            version,
            note,
            &actor.meta("ส่งร่างคำสั่งกลับไปแก้ไข / draft returned for correction"),
        )
        .await?;
    Ok(DraftOut::new(actor, d, Vec::new(), Vec::new()))
}

/// One kept state of a draft as the API shows it (national IDs masked as in the draft).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct VersionOut {
    pub version: i64,
    /// `create`, `update`, `return`, `withdraw` or `sign`.
    pub event: String,
    pub number: String,
    pub note: String,
    pub actor: String,
    pub at: String,
    #[schema(value_type = Object)]
    pub order: serde_json::Value,
}

/// Every state the draft has been in, oldest first.
pub async fn draft_versions(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<Vec<VersionOut>, ApiError> {
    readable(state, actor, id).await?;
    Ok(state
        .store
        .draft_versions(id)
        .await?
        .into_iter()
        .map(|v| VersionOut {
            order: shown_body(actor, &v.body),
            version: v.version,
            event: v.event,
            number: v.number,
            note: v.note,
            actor: v.actor,
            at: v.at,
        })
        .collect())
}

/// A person's place and pay on one side of an action.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Side {
    pub unit_code: String,
    pub unit_th: String,
    pub unit_en: String,
    pub position_no: String,
    pub line_of_work: String,
    /// The level's code (`bmahr_core::personnel::Level`).
    pub level: String,
    /// Baht, grouped (`25,340.00`).
    pub salary: Option<String>,
    /// The salary scale of the position's category and level on the day (shown beside the
    /// new salary), and the ก.ก. rule it comes from.
    pub scale_th: Option<String>,
    pub scale_en: Option<String>,
}

/// What one action of an order changes: the person's place and pay before it (on the day
/// before it takes effect) and after it. `before` is absent for someone the reader may not
/// read or who is not yet in the register; `after` is absent for someone who leaves.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ActionChange {
    pub n: usize,
    pub kind: String,
    pub person_id: Option<i64>,
    pub before: Option<Side>,
    pub after: Option<Side>,
}

/// Where a person stands (or will): a position and pay, on a day.
struct Place<'a> {
    unit_id: i64,
    position_no: &'a str,
    line_of_work: &'a str,
    category: bmahr_core::personnel::Category,
    level: bmahr_core::personnel::Level,
    salary: Option<bmahr_core::Satang>,
    on: ThaiDate,
}

async fn side_of(state: &AppState, p: Place<'_>) -> Result<Side, ApiError> {
    let Place {
        unit_id,
        position_no,
        line_of_work,
        category,
        level,
        salary,
        on,
    } = p;
    let range = bmahr_core::law::salary::salary_range(category, level, on);
    let (unit_code, unit_th, unit_en) = match state.store.unit_name(unit_id).await? {
        Some(u) => (u.code.clone(), u.name_th.clone(), u.name_en.clone()),
        None => (String::new(), String::new(), String::new()),
    };
    Ok(Side {
        unit_code,
        unit_th,
        unit_en,
        position_no: position_no.to_string(),
        line_of_work: line_of_work.to_string(),
        level: level.code().to_string(),
        salary: salary.map(|s| s.to_string()),
        scale_th: range.map(|r| format!("{} ({})", r.shown_th(), r.source.th)),
        scale_en: range.map(|r| format!("{} ({})", r.shown_en(), r.source.en)),
    })
}

/// Old → new for every action of an order as drafted (its JSON), for the form, the draft
/// page and the signature's confirmation. Reads the register only for people the reader may
/// read; writes nothing.
pub async fn changes(
    state: &AppState,
    actor: &Actor,
    body: &serde_json::Value,
    today: ThaiDate,
) -> Result<Vec<ActionChange>, ApiError> {
    use bmahr_core::register::ActionKind;
    let asker = actor.asker();
    let order_effective = body["effective_date"]
        .as_str()
        .and_then(ThaiDate::parse_iso)
        .unwrap_or(today);
    let mut out = Vec::new();
    for (i, x) in body["actions"].as_array().into_iter().flatten().enumerate() {
        let kind = ActionKind::parse(x["kind"].as_str().unwrap_or("")).ok();
        let effective = x["effective_date"]
            .as_str()
            .and_then(ThaiDate::parse_iso)
            .unwrap_or(order_effective);
        let person = match bmahr_core::NationalId::parse(x["person"].as_str().unwrap_or("")) {
            Ok(n) => match state.store.person_by_national_id(&n).await {
                Ok(p) => Some(p.id),
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e.into()),
            },
            Err(_) => None,
        };
        let mut before = None;
        if let Some(pid) = person {
            let profile = state.store.profile(pid).await?;
            let standing = crate::usecases::people::standing(&profile, today);
            if rule::may_read_person(&asker, &standing).is_ok() {
                // Their place and salary are shown: a read of the record, recorded (PDPA).
                state
                    .store
                    .record_event(
                        &actor.meta("เปิดดูทะเบียนประวัติ / record opened"),
                        "person.view",
                        Some(pid),
                        "order changes",
                    )
                    .await?;
                let rec = profile.record_on(effective.add_days(-1));
                if let Some(pl) = &rec.placement {
                    before = Some(
                        side_of(
                            state,
                            Place {
                                unit_id: pl.unit_id,
                                position_no: &pl.position_no,
                                line_of_work: &pl.line_of_work,
                                category: pl.category,
                                level: pl.level,
                                salary: rec.salary,
                                on: effective,
                            },
                        )
                        .await?,
                    );
                }
            }
        }
        let salary = x["salary"]
            .as_str()
            .and_then(|s| bmahr_core::Satang::parse(s).ok());
        let leaves = kind.is_some_and(|k| {
            k.status_after(
                x["penalty"]
                    .as_str()
                    .and_then(|p| bmahr_core::register::PenaltyKind::parse(p).ok()),
            ) == Some(bmahr_core::register::Status::Separated)
        });
        let after = match x["position_no"].as_str().filter(|s| !s.trim().is_empty()) {
            _ if leaves => None,
            Some(no) => match state.store.position_by_no(no.trim(), effective).await {
                Ok(p) => Some(
                    side_of(
                        state,
                        Place {
                            unit_id: p.unit_id,
                            position_no: &p.position_no,
                            line_of_work: &p.line_of_work,
                            category: p.category,
                            level: p.level,
                            salary,
                            on: effective,
                        },
                    )
                    .await?,
                ),
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e.into()),
            },
            None => before.clone().map(|b| Side {
                salary: salary.map(|s| s.to_string()).or(b.salary.clone()),
                ..b
            }),
        };
        out.push(ActionChange {
            n: i + 1,
            kind: kind.map(|k| k.code().to_string()).unwrap_or_default(),
            person_id: person,
            before,
            after,
        });
    }
    Ok(out)
}

/// What the signed-orders list asks for, as typed by the reader.
#[derive(Debug, Default, Clone)]
pub struct OrderFilter {
    pub text: String,
    /// A unit's id: its orders and those of the units under it.
    pub unit: Option<i64>,
    pub from: Option<ThaiDate>,
    pub to: Option<ThaiDate>,
    pub kind: Option<bmahr_core::register::ActionKind>,
    pub corrections: Option<bool>,
    pub sort: bmahr_store::OrderSort,
    pub descending: bool,
}

/// The signed-orders list's filters as a page or program types them.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderListParams {
    /// A fragment of the number or the subject.
    pub q: Option<String>,
    /// A unit's code or name: its orders and those of the units under it.
    pub unit: Option<String>,
    /// Signed from / to (dd/mm/yyyy B.E. or yyyy-mm-dd).
    pub from: Option<String>,
    pub to: Option<String>,
    /// An action kind's code.
    pub kind: Option<String>,
    /// `corrections`: corrections and cancellations only.
    pub only: Option<String>,
    /// `signed` (default), `effective`, `number` or `issuer`.
    pub sort: Option<String>,
    /// `desc` (default) or `asc`.
    pub dir: Option<String>,
}

/// Reads the list's filters: every one that cannot be read, named, at once.
pub async fn order_filter(
    state: &AppState,
    actor: &Actor,
    p: &OrderListParams,
    today: ThaiDate,
) -> Result<OrderFilter, ApiError> {
    let mut errors = bmahr_core::Violations::default();
    let some = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut day = |field: &str, v: &Option<String>| match some(v) {
        None => None,
        Some(s) => match ThaiDate::parse(&s).ok().or_else(|| ThaiDate::parse_iso(&s)) {
            Some(d) => Some(d),
            None => {
                if let Err(e) = ThaiDate::parse(&s) {
                    errors.push(e.on_field(field));
                }
                None
            }
        },
    };
    let (from, to) = (day("from", &p.from), day("to", &p.to));
    let kind = match some(&p.kind) {
        None => None,
        Some(k) => match bmahr_core::register::ActionKind::parse(&k) {
            Ok(k) => Some(k),
            Err(v) => {
                errors.push(v.on_field("kind"));
                None
            }
        },
    };
    let sort = match some(&p.sort) {
        None => bmahr_store::OrderSort::Signed,
        Some(s) => match bmahr_store::OrderSort::ALL.iter().find(|(n, _)| *n == s) {
            Some((_, x)) => *x,
            None => {
                errors.push(Violation::new(
                    "list.sort",
                    "sort",
                    format!("เรียงตาม \"{s}\" ไม่ได้ (ได้: signed, effective, number, issuer)"),
                    format!("cannot sort by \"{s}\" (signed, effective, number or issuer)"),
                ));
                bmahr_store::OrderSort::Signed
            }
        },
    };
    let unit = match some(&p.unit) {
        None => None,
        Some(u) => {
            match crate::usecases::pickers::resolve_unit(state, actor, "unit", &u, today).await {
                Ok(x) => Some(x.id),
                Err(ApiError::BadRequest(v)) | Err(ApiError::Unprocessable(v)) => {
                    errors.0.extend(v.0);
                    None
                }
                Err(ApiError::Forbidden(v)) | Err(ApiError::NotFound(v)) => {
                    errors.push(v);
                    None
                }
                Err(e) => return Err(e),
            }
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::BadRequest(errors));
    }
    Ok(OrderFilter {
        text: some(&p.q).unwrap_or_default(),
        unit,
        from,
        to,
        kind,
        corrections: (p.only.as_deref() == Some("corrections")).then_some(true),
        sort,
        descending: p.dir.as_deref() != Some("asc"),
    })
}

/// Signed orders issued within the actor's units (and the chosen unit's subtree), a page.
pub async fn list_orders(
    state: &AppState,
    actor: &Actor,
    f: &OrderFilter,
    paging: &Paging,
) -> Result<Listing<bmahr_store::OrderLine>, ApiError> {
    may_read_orders(state, actor).await?;
    let mut units: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    if let Some(u) = f.unit {
        let sub = state.store.unit_subtree(u).await?;
        units = Some(match units {
            None => sub,
            Some(mine) => sub.into_iter().filter(|x| mine.contains(x)).collect(),
        });
    }
    let q = bmahr_store::OrderQuery {
        units: units.as_deref(),
        text: Some(f.text.as_str()),
        from: f.from,
        to: f.to,
        kind: f.kind.map(|k| k.code()),
        corrections: f.corrections,
        sort: f.sort,
        descending: f.descending,
        limit: paging.limit(),
        offset: paging.offset(),
    };
    let (items, total) = state.store.signed_orders(&q).await?;
    Ok(Listing::new(items, paging, total))
}

/// Drafts in the actor's units that a list asks for: awaiting signature, or sent back.
pub async fn list_drafts_where(
    state: &AppState,
    actor: &Actor,
    returned: Option<bool>,
    number: &str,
    paging: &Paging,
) -> Result<Listing<DraftOut>, ApiError> {
    may_read_orders(state, actor).await?;
    let units: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let (items, total) = state
        .store
        .drafts_where(&bmahr_store::DraftQuery {
            status: Some(DraftStatus::Draft),
            returned,
            units: units.as_deref(),
            number: Some(number),
            limit: paging.limit(),
            offset: paging.offset(),
        })
        .await?;
    let items = items
        .into_iter()
        .map(|d| DraftOut::new(actor, d, Vec::new(), Vec::new()))
        .collect();
    Ok(Listing::new(items, paging, total))
}
