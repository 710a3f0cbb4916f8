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
