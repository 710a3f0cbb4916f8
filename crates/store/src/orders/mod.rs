//! Orders: applying a signed order to the register (every action or none, checked first),
//! and the drafts awaiting signature ([`drafts`]). Signing a draft is applying its order, in
//! the transaction that marks the draft signed ([`Store::sign_draft`]).

mod drafts;
mod listing;

pub use drafts::{
    still_open as draft_still_open, DraftQuery, DraftRow, DraftStatus, DraftVersion, Returned,
};
pub use listing::{OrderLine, OrderQuery, OrderSort};

use std::collections::{BTreeMap, HashSet};

use bmahr_core::law::frame::{check_level_allowed, check_position_free, Holding, FRAME_SECTION};
use bmahr_core::law::order_rules::{
    check_action_law, check_order_law, default_authority, ActionFacts, OrderFacts, PostFacts,
};
use bmahr_core::law::salary::{check_action_salary, SalaryFacts};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{
    check_action_on_record, placement_spans, ActionKind, AppliedAction, OrderDraft, Placement,
    RecordOnDate,
};
use bmahr_core::{NationalId, ThaiDate, Violation};
use sqlx::AnyConnection;

use crate::frame::units::unit_id_on;
use crate::orders::drafts::{mark_signed, still_open};
use crate::people::{bump_version, bump_versions};
use crate::register::{applied_action, end_of_time, live_histories_of};
use crate::row::{code, date, int, opt_int, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// What applying an order did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AppliedOrder {
    pub order_id: i64,
    pub actions: usize,
    /// Actions of the corrected order that this order voided.
    pub voided: usize,
    /// (person id, their record version after the order).
    pub versions: Vec<(i64, i64)>,
}

/// One line of the list of recorded orders.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecentOrder {
    pub id: i64,
    pub number: String,
    pub issuer: String,
    pub signed_on: ThaiDate,
    pub effective_date: ThaiDate,
    pub reason: String,
    pub actions: i64,
}

/// A stored order with its actions and which of them a later correction voided.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OrderRecord {
    pub id: i64,
    pub number: String,
    pub issuer_unit_id: i64,
    pub signed_on: ThaiDate,
    pub signed_by: String,
    pub authority: String,
    pub effective_date: ThaiDate,
    pub reason: String,
    pub corrects_order_id: Option<i64>,
    pub recorded_by: String,
    pub recorded_at: String,
    /// (seq, person id, action, voided by order id)
    pub actions: Vec<(i64, i64, AppliedAction, Option<i64>)>,
}

/// A person's actions in this order: (index in the draft, resolved position).
type PersonActions = (PersonRef, Vec<(usize, Option<Placement>)>);

#[derive(Clone)]
struct PersonRef {
    id: i64,
    version: i64,
    birth_date: ThaiDate,
}

/// The people an order names, by national ID, in statements of many IDs.
async fn find_people(
    conn: &mut AnyConnection,
    nids: &[&NationalId],
) -> Result<std::collections::HashMap<String, PersonRef>> {
    let mut wanted: Vec<String> = nids.iter().map(|n| n.reveal().to_string()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = std::collections::HashMap::with_capacity(wanted.len());
    for chunk in wanted.chunks(crate::bulk::PARAMS_PER_STATEMENT) {
        let mut sql = String::from(
            "SELECT id, version, birth_date, national_id FROM people WHERE national_id IN ",
        );
        crate::bulk::Marks::for_conn(conn).push_tuple(&mut sql, chunk.len());
        let mut q = sqlx::query_as::<_, (i64, i64, String, String)>(&sql);
        for n in chunk {
            q = q.bind(n.as_str());
        }
        for (id, version, birth, nid) in q.fetch_all(&mut *conn).await? {
            if let Some(birth_date) = ThaiDate::parse_iso(&birth) {
                out.insert(
                    nid,
                    PersonRef {
                        id,
                        version,
                        birth_date,
                    },
                );
            }
        }
    }
    Ok(out)
}

/// What an action carried beyond the register's columns, kept with it as JSON.
fn action_detail(a: &bmahr_core::register::ActionDraft, birth_before: ThaiDate) -> String {
    let mut m = serde_json::Map::new();
    if a.kind == ActionKind::CorrectBirthDate {
        m.insert("birth_date_before".into(), birth_before.iso().into());
        if let Some(b) = a.birth_date {
            m.insert("birth_date".into(), b.iso().into());
        }
        m.insert(
            "kk_decision".into(),
            a.kk_decision.clone().unwrap_or_default().into(),
        );
        m.insert(
            "evidence".into(),
            a.evidence.clone().unwrap_or_default().into(),
        );
    }
    for (k, v) in [
        ("eligibility", serde_json::to_value(&a.eligibility).ok()),
        ("waiver", serde_json::to_value(&a.waiver).ok()),
        ("consent", serde_json::to_value(a.consent).ok()),
        ("selection", serde_json::to_value(&a.selection).ok()),
        (
            "prior_service",
            (!a.prior_service.is_empty())
                .then(|| serde_json::to_value(&a.prior_service).ok())
                .flatten(),
        ),
    ] {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            m.insert(k.into(), v);
        }
    }
    if m.is_empty() {
        String::new()
    } else {
        serde_json::Value::Object(m).to_string()
    }
}

/// The agency each unit belongs to, from the unit tree read once per order.
#[derive(Default)]
struct Agencies {
    /// id → (kind, parent), read on first use.
    units: Option<std::collections::HashMap<i64, (String, Option<i64>)>>,
    found: std::collections::HashMap<i64, Option<i64>>,
}

impl Agencies {
    /// The nearest agency at or above `unit` (the topmost unit when there is none); `None`
    /// when `unit` is the BMA as a whole.
    async fn of(&mut self, conn: &mut AnyConnection, unit: i64) -> Result<Option<i64>> {
        if let Some(a) = self.found.get(&unit) {
            return Ok(*a);
        }
        if self.units.is_none() {
            let rows: Vec<(i64, String, Option<i64>)> =
                sqlx::query_as("SELECT id, kind, parent_id FROM units")
                    .fetch_all(&mut *conn)
                    .await?;
            self.units = Some(rows.into_iter().map(|(i, k, p)| (i, (k, p))).collect());
        }
        let Some(units) = self.units.as_ref() else {
            return Ok(None);
        };
        let mut id = unit;
        let mut found = None;
        for _ in 0..64 {
            let Some((kind, parent)) = units.get(&id) else {
                break;
            };
            let kind = bmahr_core::org::UnitKind::parse(kind).ok();
            if kind.is_some_and(|k| k.is_agency()) {
                found = Some(id);
                break;
            }
            match parent {
                Some(p) => id = *p,
                None => {
                    found =
                        (id != unit || kind != Some(bmahr_core::org::UnitKind::Bma)).then_some(id);
                    break;
                }
            }
        }
        self.found.insert(unit, found);
        Ok(found)
    }

    /// The issuing unit's agency: `None` for the BMA as a whole.
    async fn issuer(&mut self, conn: &mut AnyConnection, unit: i64) -> Result<Option<i64>> {
        self.of(conn, unit).await
    }

    async fn post(
        &mut self,
        conn: &mut AnyConnection,
        p: Option<&Placement>,
    ) -> Result<Option<PostFacts>> {
        let Some(p) = p else { return Ok(None) };
        let agency = self.of(conn, p.unit_id).await?.unwrap_or(p.unit_id);
        Ok(Some(PostFacts {
            category: p.category,
            level: p.level,
            agency_id: agency,
        }))
    }
}

async fn find_position(
    conn: &mut AnyConnection,
    no: &str,
    on: ThaiDate,
) -> Result<Option<Placement>> {
    let r = sqlx::query(
        "SELECT id, position_no, unit_id, category, level, line_of_work FROM positions \
         WHERE position_no = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)",
    )
    .bind(no.trim())
    .bind(on.iso())
    .fetch_optional(conn)
    .await?;
    r.map(|r| {
        Ok(Placement {
            position_id: int(&r, "id")?,
            position_no: text(&r, "position_no")?,
            unit_id: int(&r, "unit_id")?,
            category: code(&r, "category", Category::parse)?,
            level: code(&r, "level", Level::parse)?,
            line_of_work: text(&r, "line_of_work")?,
        })
    })
    .transpose()
}

/// What [`Store::apply_or_check`] does with a clean order.
#[derive(Debug, Clone, Copy)]
enum Mode<'a> {
    /// Roll back: the caller only wants the violations or the preview.
    Check,
    Apply,
    /// Apply and mark the stored draft (at this version) signed, in the same transaction.
    SignDraft {
        id: i64,
        version: i64,
        body: &'a str,
    },
}

/// Where each action's person stood before this order (on its effective date and today, or
/// on their last day of service), each named position's unit, and core's decision on them.
#[allow(clippy::too_many_arguments)]
fn access_refusals(
    access: &OrderAccess<'_>,
    draft: &OrderDraft,
    issuer: Option<i64>,
    people: &std::collections::HashMap<String, PersonRef>,
    per_person: &BTreeMap<i64, PersonActions>,
    histories: &std::collections::HashMap<i64, Vec<AppliedAction>>,
    signed_by: bmahr_core::law::authority::Authority,
    check_only: bool,
) -> Vec<Violation> {
    use bmahr_core::access::{may_sign_as, order_refusals, ActionStanding};
    let placements: std::collections::HashMap<usize, Option<&Placement>> = per_person
        .values()
        .flat_map(|(_, items)| items.iter().map(|(i, p)| (*i, p.as_ref())))
        .collect();
    let standings: Vec<ActionStanding> = draft
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let person = people.get(a.person.reveal());
            let history = person
                .and_then(|p| histories.get(&p.id))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let on_date = RecordOnDate::fold(draft.effective_of(a), history);
            let now = RecordOnDate::fold(access.today, history);
            let target = placements.get(&i).copied().flatten();
            ActionStanding {
                person_id: person.map(|p| p.id),
                unit_on_date: on_date.placement.map(|p| p.unit_id),
                unit_now: now.placement.as_ref().map(|p| p.unit_id),
                in_service_now: now.in_service(),
                target_unit: target.map(|p| p.unit_id),
                position_no: target.map(|p| p.position_no.clone()),
                entry: a.kind.is_entry(),
            }
        })
        .collect();
    let mut out = order_refusals(&access.asker, issuer, &draft.issuer_unit, &standings);
    if !check_only {
        if let Err(v) = may_sign_as(&access.asker, signed_by) {
            out.push(v);
        }
    }
    out
}

/// The frame rules on every action that places someone (§14(5)): the position is free on
/// the day (counting those this order moves out and in) and the level stated is the frame's.
async fn check_frame(
    conn: &mut AnyConnection,
    draft: &OrderDraft,
    per_person: &BTreeMap<i64, PersonActions>,
    errs: &mut bmahr_core::Violations,
) -> Result<()> {
    // Who this order takes out of their position, and when.
    let mut leaves: std::collections::HashMap<i64, ThaiDate> = Default::default();
    for (pid, (_, items)) in per_person {
        for (i, _) in items {
            let a = &draft.actions[*i];
            let out = matches!(
                a.kind,
                ActionKind::Move
                    | ActionKind::Promote
                    | ActionKind::Separate
                    | ActionKind::TransferOut
            ) || (a.kind == ActionKind::Penalty
                && a.penalty.is_some_and(|p| p.is_serious()));
            if out {
                let eff = draft.effective_of(a);
                leaves
                    .entry(*pid)
                    .and_modify(|d| *d = (*d).min(eff))
                    .or_insert(eff);
            }
        }
    }
    let mut placed: std::collections::HashMap<i64, Vec<Holding>> = Default::default();
    let mut in_order: Vec<(usize, i64, &Placement)> = per_person
        .iter()
        .flat_map(|(pid, (_, items))| {
            items
                .iter()
                .filter_map(move |(i, p)| p.as_ref().map(|p| (*i, *pid, p)))
        })
        .collect();
    in_order.sort_by_key(|x| x.0);
    for (i, pid, p) in in_order {
        let a = &draft.actions[i];
        let at = |f: &str| format!("actions[{}].{f}", i + 1);
        if let Some(v) = check_level_allowed(&p.position_no, p.level, a.level) {
            errs.push(v.on_field(at("level")));
        }
        if !a.kind.needs_position() {
            continue;
        }
        let eff = draft.effective_of(a);
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT person_id, valid_from, valid_to FROM register_spans \
             WHERE position_id = $1 AND valid_to > $2 AND status IN ('active', 'suspended')",
        )
        .bind(p.position_id)
        .bind(eff.iso())
        .fetch_all(&mut *conn)
        .await?;
        let mut holdings: Vec<Holding> = rows
            .into_iter()
            .filter_map(|(person_id, from, to)| {
                Some(Holding {
                    person_id,
                    from: ThaiDate::parse_iso(&from)?,
                    to: ThaiDate::parse_iso(&to)?,
                })
            })
            .collect();
        holdings.extend(placed.get(&p.position_id).into_iter().flatten().copied());
        if let Some(v) = check_position_free(&p.position_no, pid, eff, &holdings, |x| {
            leaves.get(&x).copied()
        }) {
            errs.push(v.on_field(at("position_no")));
        }
        placed.entry(p.position_id).or_default().push(Holding {
            person_id: pid,
            from: eff,
            to: end_of_time(),
        });
    }
    Ok(())
}

/// Who asks for an order to be checked or applied, and the day it is judged on: core's
/// access rules ([`bmahr_core::access::order_refusals`], [`bmahr_core::access::may_sign_as`])
/// are decided on the facts this transaction reads. `None` where the caller is the Office's
/// own machinery (import, the demo, tests), which reaches the whole BMA.
#[derive(Debug, Clone, Copy)]
pub struct OrderAccess<'a> {
    pub asker: bmahr_core::access::Asker<'a>,
    pub today: ThaiDate,
}

impl Store {
    /// Applies an order in one transaction. Every rule is checked first and every failure
    /// reported; if anything fails, or a person's record changed since the drafter saw it,
    /// nothing is written. Unscoped: for the Office's machinery; doors use
    /// [`Store::apply_order_as`].
    pub async fn apply_order(&self, draft: &OrderDraft, meta: &WriteMeta) -> Result<AppliedOrder> {
        self.apply_or_check(draft, meta, Mode::Apply, None).await
    }

    /// Applies an order signed by `access.asker`: the access rules and the Act on the facts
    /// of one transaction, every refusal and violation at once.
    pub async fn apply_order_as(
        &self,
        draft: &OrderDraft,
        meta: &WriteMeta,
        access: &OrderAccess<'_>,
    ) -> Result<AppliedOrder> {
        self.apply_or_check(draft, meta, Mode::Apply, Some(access))
            .await
    }

    /// Checks an order exactly as [`Store::apply_order_as`] would, in a read transaction that
    /// writes nothing and takes no write lock: the drafter sees every violation before the
    /// order goes for signature.
    pub async fn check_order(
        &self,
        draft: &OrderDraft,
        access: Option<&OrderAccess<'_>>,
    ) -> Result<AppliedOrder> {
        let meta = WriteMeta {
            actor: String::new(),
            at: String::new(),
            reason: String::new(),
            request_ref: None,
        };
        self.apply_or_check(draft, &meta, Mode::Check, access).await
    }

    /// Signs a draft: applies `order` (the draft as the signer completed it, stored as `body`)
    /// and marks the draft signed, all or nothing.
    pub async fn sign_draft(
        &self,
        id: i64,
        expected_version: i64,
        order: &OrderDraft,
        body: &str,
        meta: &WriteMeta,
        access: Option<&OrderAccess<'_>>,
    ) -> Result<AppliedOrder> {
        // Refuse early (and cheaply) a draft that is closed or stale; the order's
        // transaction checks again, so a race between two signers still loses nothing.
        still_open(&self.draft(id).await?, expected_version)?;
        self.apply_or_check(
            order,
            meta,
            Mode::SignDraft {
                id,
                version: expected_version,
                body,
            },
            access,
        )
        .await
    }

    async fn apply_or_check(
        &self,
        draft: &OrderDraft,
        meta: &WriteMeta,
        mode: Mode<'_>,
        access: Option<&OrderAccess<'_>>,
    ) -> Result<AppliedOrder> {
        let mut errs = draft.validate_shape();
        let mut tx = match mode {
            Mode::Check => self.begin_read().await?,
            _ => self.begin_write().await?,
        };

        let issuer = unit_id_on(&mut tx, &draft.issuer_unit, draft.signed_on).await?;
        if issuer.is_none() && !draft.issuer_unit.trim().is_empty() {
            errs.push(Violation::new(
                "order.issuer_unknown",
                "issuer_unit",
                format!(
                    "ไม่พบหน่วยงานผู้ออกคำสั่ง \"{}\" ณ วันที่ลงนาม {}",
                    draft.issuer_unit, draft.signed_on
                ),
                format!(
                    "issuing unit \"{}\" does not exist on the signing date {}",
                    draft.issuer_unit, draft.signed_on
                ),
            ));
        }
        if let Some(issuer) = issuer {
            let taken: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM orders WHERE issuer_unit_id = $1 AND number = $2",
            )
            .bind(issuer)
            .bind(draft.number.trim())
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_some() {
                errs.push(Violation::new(
                    "order.number_taken",
                    "number",
                    format!("เลขที่คำสั่ง {} ของหน่วยงานนี้มีอยู่แล้ว คำสั่งที่ลงนามแล้วแก้ไขได้ด้วยคำสั่งแก้ไขเท่านั้น", draft.number),
                    format!("order {} of this unit already exists; a signed order is changed only by a correcting order", draft.number),
                ));
            }
        }

        // The corrected order and the actions this order voids.
        let mut corrected_id = None;
        let mut voids: Vec<(i64, i64)> = Vec::new(); // (action id, person id)
        if let (Some(c), Some(issuer)) = (&draft.corrects, issuer) {
            let target: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM orders WHERE issuer_unit_id = $1 AND number = $2",
            )
            .bind(issuer)
            .bind(c.order_number.trim())
            .fetch_optional(&mut *tx)
            .await?;
            match target {
                None => errs.push(Violation::new(
                    "order.corrects_unknown",
                    "corrects.order_number",
                    format!("ไม่พบคำสั่งที่ {} ของหน่วยงานนี้ที่จะแก้ไข", c.order_number),
                    format!(
                        "order {} of this unit, to be corrected, does not exist",
                        c.order_number
                    ),
                )),
                Some(t) => {
                    corrected_id = Some(t);
                    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
                        "SELECT a.id, a.seq, a.person_id, v.voided_by_order_id FROM actions a \
                         LEFT JOIN action_voids v ON v.action_id = a.id WHERE a.order_id = $1 ORDER BY a.seq",
                    )
                    .bind(t)
                    .fetch_all(&mut *tx)
                    .await?;
                    let wanted: Vec<i64> = if c.actions.is_empty() {
                        rows.iter().map(|r| r.1).collect()
                    } else {
                        c.actions.iter().map(|s| i64::from(*s)).collect()
                    };
                    for seq in wanted {
                        match rows.iter().find(|r| r.1 == seq) {
                            None => errs.push(Violation::new(
                                "order.corrects_action_unknown",
                                "corrects.actions",
                                format!("คำสั่งที่ {} ไม่มีรายการที่ {seq}", c.order_number),
                                format!("order {} has no action {seq}", c.order_number),
                            )),
                            Some((_, _, _, Some(by))) => errs.push(Violation::new(
                                "order.already_corrected",
                                "corrects.actions",
                                format!("รายการที่ {seq} ของคำสั่งที่ {} ถูกแก้ไขไปแล้ว (โดยคำสั่งรหัส {by}) ให้แก้ไขคำสั่งฉบับล่าสุดแทน", c.order_number),
                                format!("action {seq} of order {} was already corrected (by order id {by}); correct the latest order instead", c.order_number),
                            )),
                            Some((id, _, pid, None)) => voids.push((*id, *pid)),
                        }
                    }
                }
            }
        }
        let voided: HashSet<i64> = voids.iter().map(|v| v.0).collect();

        // Resolve people and positions; group the actions by person, in order.
        let mut per_person: BTreeMap<i64, PersonActions> = BTreeMap::new();
        let named: Vec<&NationalId> = draft.actions.iter().map(|a| &a.person).collect();
        let people = find_people(&mut tx, &named).await?;
        for (i, a) in draft.actions.iter().enumerate() {
            let at = |f: &str| format!("actions[{}].{f}", i + 1);
            let eff = draft.effective_of(a);
            let person = people.get(a.person.reveal()).cloned();
            let placement = match a.position_no.as_deref().filter(|p| !p.trim().is_empty()) {
                None => None,
                Some(no) => {
                    let p = find_position(&mut tx, no, eff).await?;
                    if p.is_none() {
                        errs.push(
                            Violation::new(
                                "action.position_unknown",
                                at("position_no"),
                                format!("ไม่มีตำแหน่งเลขที่ {no} ในกรอบอัตรากำลัง ณ วันที่ {eff}"),
                                format!("position {no} is not in the manpower frame on {eff}"),
                            )
                            .with_section(FRAME_SECTION),
                        );
                    }
                    p
                }
            };
            match person {
                None => errs.push(Violation::new(
                    "action.person_unknown",
                    at("person"),
                    format!("ไม่พบบุคคลเลขประจำตัว {} ในทะเบียน", a.person),
                    format!("no person with ID {} in the register", a.person),
                )),
                Some(p) => {
                    if let Some(ev) = a.expected_version {
                        if ev != p.version {
                            return Err(StoreError::stale(&at("expected_version"), ev, p.version));
                        }
                    }
                    per_person
                        .entry(p.id)
                        .or_insert((p, Vec::new()))
                        .1
                        .push((i, placement));
                }
            }
        }

        // Each action must fit the person's record on its effective date, counting the
        // earlier actions of this order and leaving out the actions it voids.
        // The Act on each action (§43, §52–54, §56): who signs, what comes first, who may enter.
        let mut agencies = Agencies::default();
        let issuer_agency = match issuer {
            Some(u) => agencies.issuer(&mut tx, u).await?,
            None => None,
        };
        let order_facts = OrderFacts {
            signed_by: draft
                .signing_authority
                .unwrap_or_else(|| default_authority(issuer_agency.is_none())),
            signed_on: draft.signed_on,
            issuer_agency,
            kk_approval: draft.kk_approval.as_ref(),
        };
        if issuer.is_some() {
            for v in check_order_law(&order_facts).iter() {
                errs.push(v.clone());
            }
        }
        let ids: Vec<i64> = per_person.keys().copied().collect();
        let mut histories = live_histories_of(&mut tx, &ids).await?;
        if let Some(access) = access {
            let refusals = access_refusals(
                access,
                draft,
                issuer,
                &people,
                &per_person,
                &histories,
                order_facts.signed_by,
                matches!(mode, Mode::Check),
            );
            if !refusals.is_empty() {
                return Err(StoreError::Forbidden(bmahr_core::Violations(refusals)));
            }
        }
        // The periods as stored (they are the fold of the history as it stands).
        let mut spans_before = std::collections::HashMap::new();
        for (pid, (pref, items)) in &per_person {
            let history = histories.entry(*pid).or_default();
            spans_before.insert(*pid, placement_spans(history));
            history.retain(|a| !voided.contains(&a.action_id));
            for (i, placement) in items {
                let a = &draft.actions[*i];
                let eff = draft.effective_of(a);
                let record = RecordOnDate::fold(eff, history.as_slice());
                if let Some(v) = check_action_on_record(&record, a.kind) {
                    errs.push(v.on_field(format!("actions[{}].person", i + 1)));
                }
                if issuer.is_some() {
                    let facts = ActionFacts {
                        effective: eff,
                        birth_date: Some(pref.birth_date),
                        target: agencies.post(&mut tx, placement.as_ref()).await?,
                        current: agencies.post(&mut tx, record.placement.as_ref()).await?,
                    };
                    for v in check_action_law(&order_facts, a, &facts).iter() {
                        let field = format!("actions[{}].{}", i + 1, v.field);
                        errs.push(v.clone().on_field(field));
                    }
                }
                // The salary scale of the post on the effective date, and the salary held.
                let post = if a.kind.needs_position() {
                    placement.as_ref()
                } else {
                    record.placement.as_ref()
                };
                let salary_facts = SalaryFacts {
                    effective: eff,
                    current: record.salary,
                    post: post.map(|p| (p.category, p.level)),
                };
                for v in check_action_salary(a.kind, a.salary, &salary_facts).iter() {
                    let field = format!("actions[{}].{}", i + 1, v.field);
                    errs.push(v.clone().on_field(field));
                }
                for v in crate::cases::check_measure_in(&mut tx, *pid, a, draft.signed_on)
                    .await?
                    .iter()
                {
                    let field = format!("actions[{}].{}", i + 1, v.field);
                    errs.push(v.clone().on_field(field));
                }
                history.push(AppliedAction {
                    action_id: i64::MAX - 1_000_000 + *i as i64,
                    order_id: 0,
                    order_number: draft.number.clone(),
                    kind: a.kind,
                    effective_date: eff,
                    placement: placement.clone(),
                    salary: a.salary,
                    penalty: a.penalty,
                    separation: a.separation,
                });
            }
        }
        check_frame(&mut tx, draft, &per_person, &mut errs).await?;
        if !errs.is_empty() {
            return Err(StoreError::Invalid(errs));
        }
        if let Mode::Check = mode {
            // A check writes nothing: what the order would do is known without writing it.
            tx.rollback().await?;
            return Ok(AppliedOrder {
                order_id: 0,
                actions: draft.actions.len(),
                voided: voids.len(),
                versions: per_person
                    .iter()
                    .map(|(pid, (p, _))| (*pid, p.version + 1))
                    .collect(),
            });
        }
        let issuer = issuer.ok_or_else(|| StoreError::Other("issuer vanished".into()))?;

        let order_id: i64 = sqlx::query_scalar(
            "INSERT INTO orders (number, issuer_unit_id, signed_on, signed_by, authority, effective_date, reason, \
             corrects_order_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(draft.number.trim())
        .bind(issuer)
        .bind(draft.signed_on.iso())
        .bind(draft.signed_by.trim())
        .bind(draft.authority.trim())
        .bind(draft.effective_date.iso())
        .bind(draft.reason.trim())
        .bind(corrected_id)
        .bind(&meta.actor)
        .bind(&meta.at)
        .fetch_one(&mut *tx)
        .await?;

        let mut rows = crate::bulk::Loader::new(crate::bulk::tables::ACTIONS);
        for (pid, (pref, items)) in &per_person {
            for (i, placement) in items {
                let a = &draft.actions[*i];
                let row: Vec<crate::bulk::Val> = vec![
                    order_id.into(),
                    (*i as i64 + 1).into(),
                    (*pid).into(),
                    a.kind.code().into(),
                    draft.effective_of(a).iso().into(),
                    placement.as_ref().map(|p| p.position_id).into(),
                    a.salary.map(|s| s.satang()).into(),
                    a.penalty.map(|p| p.code()).into(),
                    a.penalty_percent.map(i64::from).into(),
                    a.penalty_months.map(i64::from).into(),
                    a.separation.map(|s| s.code()).into(),
                    a.note.trim().into(),
                    action_detail(a, pref.birth_date).into(),
                ];
                rows.push(&mut tx, row).await?;
            }
        }
        rows.flush(&mut tx).await?;
        // The events of the cases the order ends, appended with the order's at the end.
        let mut events = Vec::new();
        for (pid, (_, items)) in &per_person {
            for (i, _) in items {
                let a = &draft.actions[*i];
                // §58: the case the penalty ends records its order, in this transaction.
                if let Some(case_id) = a.case_id {
                    events.extend(
                        crate::cases::record_order_in(&mut tx, case_id, draft, a, meta).await?,
                    );
                }
                // §14(11): the register's birth date follows the correction, in this order.
                if let (ActionKind::CorrectBirthDate, Some(b)) = (a.kind, a.birth_date) {
                    sqlx::query("UPDATE people SET birth_date = $1 WHERE id = $2")
                        .bind(b.iso())
                        .bind(*pid)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        let seen: Vec<(i64, i64)> = per_person
            .iter()
            .map(|(pid, (pref, _))| (*pid, pref.version))
            .collect();
        let mut versions = bump_versions(&mut tx, &seen).await?;
        for (action_id, pid) in &voids {
            sqlx::query("INSERT INTO action_voids (action_id, voided_by_order_id) VALUES ($1, $2)")
                .bind(*action_id)
                .bind(order_id)
                .execute(&mut *tx)
                .await?;
            if !per_person.contains_key(pid) && !versions.iter().any(|(p, _)| p == pid) {
                versions.push((*pid, bump_version(&mut tx, *pid, None, None).await?));
            }
        }
        // The periods of everyone this order touched follow their new history: the one
        // checked above (this order's actions included, in the order a re-read would give),
        // and a fresh read for those only voided.
        let mut only_voided: Vec<i64> = voids
            .iter()
            .map(|v| v.1)
            .filter(|p| !per_person.contains_key(p))
            .collect();
        only_voided.sort_unstable();
        only_voided.dedup();
        histories.extend(live_histories_of(&mut tx, &only_voided).await?);
        for h in histories.values_mut() {
            h.sort_by_key(|a| (a.effective_date, a.action_id));
        }
        // Only periods that change are rewritten (a salary step changes none).
        histories.retain(|pid, h| spans_before.get(pid) != Some(&placement_spans(h)));
        crate::register::spans::write_spans(&mut tx, &histories).await?;
        let detail = format!(
            "order {} ({} actions{})",
            draft.number,
            draft.actions.len(),
            if voids.is_empty() {
                String::new()
            } else {
                format!(", voids {}", voids.len())
            }
        );
        events.push(audit::NewEvent::of(
            meta,
            "order.apply",
            None,
            Some(order_id),
            &detail,
        ));
        match mode {
            Mode::Check => return Err(StoreError::Other("a check reached the writes".into())),
            Mode::Apply => {}
            Mode::SignDraft { id, version, body } => {
                mark_signed(&mut tx, id, version, body, order_id, meta).await?;
                events.push(audit::NewEvent::of(
                    meta,
                    "draft.sign",
                    None,
                    Some(order_id),
                    &format!("draft {id}"),
                ));
            }
        }
        // The events last: the audit chain's head is held from here to the commit.
        audit::record_all(&mut tx, events).await?;
        tx.commit().await?;
        self.touch();
        self.changed_people(versions.iter().map(|v| v.0));
        Ok(AppliedOrder {
            order_id,
            actions: draft.actions.len(),
            voided: voids.len(),
            versions,
        })
    }

    /// An order by issuing unit and number, with its actions.
    pub async fn order_by_number(&self, issuer_code: &str, number: &str) -> Result<OrderRecord> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT o.id FROM orders o JOIN units u ON u.id = o.issuer_unit_id WHERE u.code = $1 AND o.number = $2",
        )
        .bind(issuer_code.trim())
        .bind(number.trim())
        .fetch_optional(&self.pool)
        .await?;
        match id {
            Some(id) => self.order(id).await,
            None => Err(StoreError::not_found(
                "number",
                "คำสั่งที่",
                "order",
                &format!("{issuer_code} {number}"),
            )),
        }
    }

    /// An order by id, with its actions.
    pub async fn order(&self, id: i64) -> Result<OrderRecord> {
        let r = sqlx::query("SELECT * FROM orders WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("order", "คำสั่ง", "order", &id.to_string()))?;
        let rows = sqlx::query(
            "SELECT a.id, a.order_id, o.number, a.person_id, a.kind, a.effective_date, a.salary, a.penalty, a.separation, \
             p.id AS position_id, p.position_no, p.unit_id, p.category, p.level, p.line_of_work, a.seq, v.voided_by_order_id \
             FROM actions a JOIN orders o ON o.id = a.order_id LEFT JOIN positions p ON p.id = a.position_id \
             LEFT JOIN action_voids v ON v.action_id = a.id WHERE a.order_id = $1 ORDER BY a.seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut actions = Vec::with_capacity(rows.len());
        for row in &rows {
            let (pid, a) = applied_action(row)?;
            actions.push((
                int(row, "seq")?,
                pid,
                a,
                opt_int(row, "voided_by_order_id")?,
            ));
        }
        Ok(OrderRecord {
            id,
            number: text(&r, "number")?,
            issuer_unit_id: int(&r, "issuer_unit_id")?,
            signed_on: date(&r, "signed_on")?,
            signed_by: text(&r, "signed_by")?,
            authority: text(&r, "authority")?,
            effective_date: date(&r, "effective_date")?,
            reason: text(&r, "reason")?,
            corrects_order_id: opt_int(&r, "corrects_order_id")?,
            recorded_by: text(&r, "recorded_by")?,
            recorded_at: text(&r, "recorded_at")?,
            actions,
        })
    }

    /// The latest orders recorded (issued by one of `units`, all when `None`), optionally
    /// only those whose number contains `number`, newest first: (id, number, issuer code,
    /// signed on, effective date, reason, actions).
    pub async fn recent_orders(
        &self,
        units: Option<&[i64]>,
        number: Option<&str>,
        limit: i64,
    ) -> Result<Vec<RecentOrder>> {
        let filter = match units {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(u) => crate::row::and_in("o.issuer_unit_id", u),
        };
        let rows: Vec<(i64, String, String, String, String, String, i64)> =
            sqlx::query_as(&format!(
                "SELECT o.id, o.number, u.code, o.signed_on, o.effective_date, o.reason, \
             (SELECT COUNT(*) FROM actions a WHERE a.order_id = o.id) \
             FROM orders o JOIN units u ON u.id = o.issuer_unit_id \
             WHERE o.number LIKE $1{filter} ORDER BY o.id DESC LIMIT $2"
            ))
            .bind(format!(
                "%{}%",
                number.unwrap_or("").trim().replace(['%', '_'], "")
            ))
            .bind(limit.clamp(1, 500))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, number, issuer, signed, eff, reason, actions)| {
                Some(RecentOrder {
                    id,
                    number,
                    issuer,
                    signed_on: ThaiDate::parse_iso(&signed)?,
                    effective_date: ThaiDate::parse_iso(&eff)?,
                    reason,
                    actions,
                })
            })
            .collect())
    }

    /// Ids of the orders with an action on a person, oldest effective first.
    pub async fn orders_of_person(&self, person_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT o.id, o.effective_date FROM orders o JOIN actions a ON a.order_id = o.id \
             WHERE a.person_id = $1 ORDER BY o.effective_date, o.id",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
