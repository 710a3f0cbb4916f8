//! The order form: a new order, a draft being edited, and a correction or cancellation of a
//! signed order. Each row shows only its kind's fields and, once the person is known, where
//! they stand today beside what the order makes of them. The rules are the API's own.

use std::collections::HashMap;

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bmahr_core::law::authority::Authority;
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::{NationalId, Satang, ThaiDate, Violation, Violations};
use minijinja::{context, Value};

use super::{change_rows, options, problem_list, violations_of};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::orders as uc;
use crate::views::{chrome, error_page_for, render, Lang, PageActor};
use crate::{today, AppState};

/// Action rows a new form starts with; "add a row" adds one more.
const START_ROWS: usize = 3;
const MAX_ROWS: usize = 200;

/// Which kinds of action each row field belongs to: a row shows only its kind's fields (the
/// server hides the others once a kind is chosen; app.js does it as the kind changes).
const FIELD_KINDS: &[(&str, &[&str])] = &[
    (
        "position_no",
        &["appoint", "move", "transfer_in", "promote"],
    ),
    (
        "salary",
        &["appoint", "move", "transfer_in", "promote", "salary_change"],
    ),
    ("separation", &["separate"]),
    ("penalty", &["penalty"]),
    ("penalty_percent", &["penalty"]),
    ("penalty_months", &["penalty"]),
    ("case_id", &["penalty", "separate"]),
    ("birth_date", &["correct_birth_date"]),
    ("kk_decision", &["correct_birth_date"]),
    ("evidence", &["correct_birth_date"]),
    ("eligible", &["appoint", "transfer_in"]),
    ("consent", &["move", "promote"]),
];

/// Whether a row of `kind` shows `field` (every field while no kind is chosen).
fn shows(kind: &str, field: &str) -> bool {
    kind.is_empty()
        || FIELD_KINDS
            .iter()
            .find(|(f, _)| *f == field)
            .is_none_or(|(_, kinds)| kinds.contains(&kind))
}

/// The form as posted: order fields by name, action fields as `kind_3`, `person_3`, ...
pub(super) struct OrderForm(pub(super) HashMap<String, String>);

impl OrderForm {
    pub(super) fn get(&self, k: &str) -> &str {
        self.0.get(k).map(|s| s.trim()).unwrap_or("")
    }
    fn set(&mut self, k: impl Into<String>, v: impl Into<String>) {
        self.0.insert(k.into(), v.into());
    }
    fn rows(&self) -> usize {
        self.get("rows")
            .parse()
            .unwrap_or(START_ROWS)
            .clamp(1, MAX_ROWS)
    }
    fn is_cancel(&self) -> bool {
        self.get("mode") == "cancel"
    }

    /// A drafted order (the API's JSON) as the form shows it.
    fn from_body(v: &serde_json::Value) -> OrderForm {
        let mut f = OrderForm(HashMap::new());
        let s = |x: &serde_json::Value, k: &str| x[k].as_str().unwrap_or("").to_string();
        let day = |x: &serde_json::Value, k: &str| {
            x[k].as_str()
                .and_then(ThaiDate::parse_iso)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        for k in [
            "number",
            "issuer_unit",
            "signed_by",
            "authority",
            "reason",
            "signing_authority",
        ] {
            f.set(k, s(v, k));
        }
        f.set("signed_on", day(v, "signed_on"));
        f.set("effective_date", day(v, "effective_date"));
        f.set("kk_resolution", s(&v["kk_approval"], "resolution"));
        f.set("kk_date", day(&v["kk_approval"], "decided_on"));
        if let Some(c) = v.get("corrects").filter(|c| !c.is_null()) {
            f.set("corrects_number", s(c, "order_number"));
            for n in c["actions"].as_array().into_iter().flatten() {
                f.set(format!("corrects_action_{n}"), "yes");
            }
        }
        let actions = v["actions"].as_array().cloned().unwrap_or_default();
        for (i, x) in actions.iter().enumerate() {
            let i = i + 1;
            for k in [
                "kind",
                "person",
                "position_no",
                "separation",
                "penalty",
                "kk_decision",
                "evidence",
            ] {
                f.set(format!("{k}_{i}"), s(x, k));
            }
            if let Some(sal) = x["salary"].as_str().and_then(|v| Satang::parse(v).ok()) {
                f.set(format!("salary_{i}"), sal.to_string());
            }
            for k in ["penalty_percent", "penalty_months", "case_id"] {
                if let Some(n) = x[k].as_u64() {
                    f.set(format!("{k}_{i}"), n.to_string());
                }
            }
            f.set(format!("birth_date_{i}"), day(x, "birth_date"));
            if !x["eligibility"].is_null() {
                f.set(format!("eligible_{i}"), "yes");
            }
            if !x["consent"].is_null() {
                f.set(format!("consent_{i}"), "yes");
            }
        }
        f.set("rows", actions.len().max(1).to_string());
        f
    }

    /// The order as the API's JSON (`people` maps a row to the national ID its person field
    /// was resolved to), and which form row each action came from; or every field that cannot
    /// be read, named.
    fn to_json(&self, resolved: &Resolved) -> Result<(serde_json::Value, Vec<usize>), Violations> {
        let people = &resolved.people;
        let mut errs = Violations::default();
        let mut date = |field: &str| -> String {
            match ThaiDate::parse(self.get(field)) {
                Ok(d) => d.iso(),
                Err(e) => {
                    errs.push(e.on_field(field));
                    String::new()
                }
            }
        };
        let signed_on = date("signed_on");
        let effective_date = date("effective_date");
        let mut actions = Vec::new();
        let mut from_row = Vec::new();
        for i in 1..=self.rows() {
            if self.is_cancel() {
                break;
            }
            let f = |name: &str| self.get(&format!("{name}_{i}"));
            let at = |name: &str| format!("actions[{}].{name}", actions.len() + 1);
            if f("person").is_empty() && f("position_no").is_empty() && f("salary").is_empty() {
                continue;
            }
            let kind = f("kind");
            let on = |name: &str| shows(kind, name) && !f(name).is_empty();
            let mut a = serde_json::Map::new();
            match ActionKind::parse(kind) {
                Ok(k) => a.insert("kind".into(), k.code().into()),
                Err(e) => {
                    errs.push(e.on_field(at("kind")));
                    None
                }
            };
            match people.get(&i) {
                Some(n) => {
                    a.insert("person".into(), n.clone().into());
                }
                None => match NationalId::parse(f("person")) {
                    Ok(n) => {
                        a.insert("person".into(), n.reveal().into());
                    }
                    Err(e) => errs.push(e.on_field(at("person"))),
                },
            }
            if on("position_no") {
                let no = resolved
                    .positions
                    .get(&i)
                    .map(String::as_str)
                    .unwrap_or(f("position_no"));
                a.insert("position_no".into(), no.into());
            }
            if on("salary") {
                match Satang::parse(f("salary")) {
                    Ok(_) => {
                        a.insert("salary".into(), f("salary").replace(',', "").into());
                    }
                    Err(e) => errs.push(e.on_field(at("salary"))),
                }
            }
            // One box stands for the usual §43 declaration; other cases go through the API.
            if on("eligible") {
                a.insert(
                    "eligibility".into(),
                    serde_json::json!({"thai_national": true, "loyal": true}),
                );
            }
            if on("birth_date") {
                match ThaiDate::parse(f("birth_date")) {
                    Ok(d) => {
                        a.insert("birth_date".into(), d.iso().into());
                    }
                    Err(e) => errs.push(e.on_field(at("birth_date"))),
                }
            }
            for name in ["kk_decision", "evidence"] {
                if on(name) {
                    a.insert(name.into(), f(name).into());
                }
            }
            if on("consent") {
                a.insert(
                    "consent".into(),
                    serde_json::json!({"person": true, "home_agency": true}),
                );
            }
            if on("separation") && SeparationReason::parse(f("separation")).is_ok() {
                a.insert("separation".into(), f("separation").into());
            }
            if on("penalty") && PenaltyKind::parse(f("penalty")).is_ok() {
                a.insert("penalty".into(), f("penalty").into());
            }
            // The rate of a salary penalty, and the case file a penalty or removal ends (§58).
            for name in ["penalty_percent", "penalty_months", "case_id"] {
                if !on(name) {
                    continue;
                }
                match f(name).parse::<u32>() {
                    Ok(n) => {
                        a.insert(name.into(), n.into());
                    }
                    Err(_) => errs.push(Violation::new(
                        "form.number",
                        at(name),
                        format!("\"{}\" ไม่ใช่จำนวนเต็ม", f(name)),
                        format!("\"{}\" is not a whole number", f(name)),
                    )),
                }
            }
            actions.push(serde_json::Value::Object(a));
            from_row.push(i);
        }
        let kk = match (self.get("kk_resolution"), self.get("kk_date")) {
            ("", "") => serde_json::Value::Null,
            (r, d) => match ThaiDate::parse(d) {
                Ok(d) => serde_json::json!({"resolution": r, "decided_on": d.iso()}),
                Err(e) => {
                    errs.push(e.on_field("kk_approval"));
                    serde_json::Value::Null
                }
            },
        };
        let authority = match self.get("signing_authority") {
            "" => serde_json::Value::Null,
            code => match Authority::parse(code) {
                Ok(a) => a.code().into(),
                Err(e) => {
                    errs.push(e.on_field("signing_authority"));
                    serde_json::Value::Null
                }
            },
        };
        let corrects = match self.get("corrects_number") {
            "" => serde_json::Value::Null,
            number => {
                let picked: Vec<u32> = self
                    .0
                    .iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .filter_map(|(k, _)| k.strip_prefix("corrects_action_")?.parse().ok())
                    .collect();
                if picked.is_empty() {
                    errs.push(Violation::new(
                        "form.corrects_none",
                        "corrects.actions",
                        "เลือกรายการของคำสั่งเดิมที่จะแก้ไขหรือยกเลิกอย่างน้อยหนึ่งรายการ",
                        "choose at least one action of the earlier order to correct or cancel",
                    ));
                }
                let mut picked = picked;
                picked.sort_unstable();
                serde_json::json!({"order_number": number, "actions": picked})
            }
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok((
            serde_json::json!({
                "signing_authority": authority,
                "kk_approval": kk,
                "corrects": corrects,
                "number": self.get("number"),
                "issuer_unit": self.get("issuer_unit"),
                "signed_on": signed_on,
                "signed_by": self.get("signed_by"),
                "authority": self.get("authority"),
                "effective_date": effective_date,
                "reason": self.get("reason"),
                "actions": actions,
            }),
            from_row,
        ))
    }
}

/// The person fields of the form resolved to national IDs (a name, `#id` or an ID, as the
/// pickers accept), with every field that names nobody or several people.
async fn resolve_people(
    state: &AppState,
    a: &Actor,
    form: &OrderForm,
) -> Result<(Resolved, Vec<Violation>), ApiError> {
    let mut people = HashMap::new();
    let mut positions = HashMap::new();
    let mut problems = Vec::new();
    if form.is_cancel() {
        return Ok((Resolved { people, positions }, problems));
    }
    let mut n = 0;
    for i in 1..=form.rows() {
        let f = |name: &str| form.get(&format!("{name}_{i}")).to_string();
        if f("person").is_empty() && f("position_no").is_empty() && f("salary").is_empty() {
            continue;
        }
        n += 1;
        // A position typed by its title (Thai letters) is looked up like a picked one.
        let position = f("position_no");
        if shows(&f("kind"), "position_no")
            && position
                .chars()
                .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
        {
            let field = format!("actions[{n}].position_no");
            match crate::usecases::pickers::resolve_position(state, a, &field, &position, today())
                .await
            {
                Ok(p) => {
                    positions.insert(i, p.position_no);
                }
                Err(e) => problems.extend(violations_of(e)?),
            }
        }
        let text = f("person");
        if text.is_empty() || NationalId::parse(&text).is_ok() {
            continue;
        }
        let field = format!("actions[{n}].person");
        match crate::usecases::pickers::resolve_person(state, a, &field, &text, today()).await {
            Ok(p) => {
                people.insert(i, p.identity.reveal().to_string());
            }
            Err(e) => problems.extend(violations_of(e)?),
        }
    }
    Ok((Resolved { people, positions }, problems))
}

/// The person and position fields of the form as the order needs them, by form row: the
/// national ID a name was resolved to, the number a position title was.
#[derive(Default)]
struct Resolved {
    people: HashMap<usize, String>,
    positions: HashMap<usize, String>,
}

/// Where the form posts, what it is for, and the earlier order it corrects.
#[derive(Default)]
pub(super) struct Purpose {
    action: String,
    /// `new`, `edit`, `correct` or `cancel`.
    mode: &'static str,
    draft: Option<(i64, i64)>,
    /// The earlier order's actions: (number in it, what it did), for choosing which to void.
    original: Vec<(usize, String)>,
    returned_note: Option<String>,
}

/// What the form page shows: the values typed so far, the choices, the outcome of a check and
/// each person's place now beside what the order makes of it.
fn form_page(
    lang: &Lang,
    a: &Actor,
    form: &OrderForm,
    purpose: &Purpose,
    problems: &[Violation],
    checked_ok: Option<usize>,
    changes: &HashMap<usize, Value>,
) -> Response {
    let rows = form.rows();
    let row_values: Vec<Value> = (1..=rows)
        .map(|i| {
            let f = |n: &str| form.get(&format!("{n}_{i}")).to_string();
            let kind = f("kind");
            let hide: HashMap<&str, bool> = FIELD_KINDS
                .iter()
                .map(|(field, _)| (*field, !shows(&kind, field)))
                .collect();
            let kinds_of: HashMap<&str, String> = FIELD_KINDS
                .iter()
                .map(|(field, kinds)| (*field, kinds.join(" ")))
                .collect();
            context! { i, kind => kind.clone(), person => f("person"), position_no => f("position_no"),
                salary => f("salary"), separation => f("separation"), penalty => f("penalty"),
                eligible => !f("eligible").is_empty(), consent => !f("consent").is_empty(),
                birth_date => f("birth_date"), kk_decision => f("kk_decision"), evidence => f("evidence"),
                penalty_percent => f("penalty_percent"), penalty_months => f("penalty_months"), case_id => f("case_id"),
                hide, kinds_of, change => changes.get(&i).cloned() }
        })
        .collect();
    let kinds = options(lang, ActionKind::ALL, |k| (k.code(), k.th(), k.en()));
    let separations = options(lang, SeparationReason::ALL, |k| (k.code(), k.th(), k.en()));
    let penalties = options(lang, PenaltyKind::ALL, |k| (k.code(), k.th(), k.en()));
    let authorities = options(lang, Authority::ALL, |k| (k.code(), k.th(), k.en()));
    let fields: HashMap<&str, &str> = [
        "number",
        "issuer_unit",
        "signed_on",
        "signed_by",
        "authority",
        "effective_date",
        "reason",
        "signing_authority",
        "kk_resolution",
        "kk_date",
        "corrects_number",
    ]
    .into_iter()
    .map(|k| (k, form.get(k)))
    .collect();
    // A draft being edited keeps the earlier order's chosen actions without their words.
    let mut chosen = purpose.original.clone();
    if chosen.is_empty() && !form.get("corrects_number").is_empty() {
        chosen = form
            .0
            .keys()
            .filter_map(|k| {
                Some((
                    k.strip_prefix("corrects_action_")?.parse().ok()?,
                    String::new(),
                ))
            })
            .collect();
        chosen.sort();
    }
    let original: Vec<Value> = chosen
        .iter()
        .map(|(n, what)| context! { n, what, checked => !form.get(&format!("corrects_action_{n}")).is_empty() })
        .collect();
    let mut r = render(
        lang,
        "order_form.html",
        context! {
            ..chrome(lang, a),
            ..context! {
                f => fields, rows => row_values, row_count => rows, next_row => rows + 1, kinds, separations, penalties, authorities,
                problems => problem_list(lang, problems), checked_ok,
                action => purpose.action.clone(), mode => purpose.mode, original,
                draft_id => purpose.draft.map(|d| d.0), version => purpose.draft.map(|d| d.1),
                returned_note => purpose.returned_note.clone(),
            }
        },
    );
    if !problems.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// Handles a posted form for any purpose: add a row, check, or save (a new draft or the
/// edited one).
async fn submitted(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    mut form: OrderForm,
    purpose: Purpose,
) -> Result<Response, ApiError> {
    a.require_csrf(Some(form.get("csrf")))?;
    uc::draft_form(state, a).await?;
    let op = form.get("op").to_string();
    if op == "add_row" {
        let n = form.rows() + 1;
        form.set("rows", n.to_string());
        return Ok(form_page(
            lang,
            a,
            &form,
            &purpose,
            &[],
            None,
            &HashMap::new(),
        ));
    }
    let (resolved, mut problems) = resolve_people(state, a, &form).await?;
    let (json, from_row) = match form.to_json(&resolved) {
        Ok(j) => j,
        Err(v) => {
            problems.extend(v.0);
            (serde_json::Value::Null, Vec::new())
        }
    };
    if !problems.is_empty() {
        return Ok(form_page(
            lang,
            a,
            &form,
            &purpose,
            &problems,
            None,
            &HashMap::new(),
        ));
    }
    let changes: HashMap<usize, Value> =
        change_rows(lang, &uc::changes(state, a, &json, today()).await?)
            .into_iter()
            .enumerate()
            .filter_map(|(k, v)| Some((*from_row.get(k)?, v)))
            .collect();
    let order = match uc::parse(json.clone()) {
        Ok(o) => o,
        Err(e) => {
            return Ok(form_page(
                lang,
                a,
                &form,
                &purpose,
                &violations_of(e)?,
                None,
                &changes,
            ))
        }
    };
    if op == "save" {
        let saved = match purpose.draft {
            None => uc::create_draft(state, a, json, today()).await,
            Some((id, version)) => uc::update_draft(state, a, id, version, json, today()).await,
        };
        return match saved {
            Ok(d) => Ok(Redirect::to(&format!("/orders/drafts/{}", d.id)).into_response()),
            Err(e) => Ok(form_page(
                lang,
                a,
                &form,
                &purpose,
                &violations_of(e)?,
                None,
                &changes,
            )),
        };
    }
    let problems = match uc::check(state, a, &order, today()).await {
        Ok(_) => Vec::new(),
        Err(e) => violations_of(e)?,
    };
    let ok = problems.is_empty().then_some(order.actions.len());
    Ok(form_page(lang, a, &form, &purpose, &problems, ok, &changes))
}

#[derive(serde::Deserialize, Default)]
pub(super) struct NewQuery {
    /// A signed order to correct or cancel.
    corrects: Option<i64>,
    /// `cancel` for a cancellation; a correction otherwise.
    mode: Option<String>,
}

/// The earlier order's actions, for the correction form.
async fn original_of(
    state: &AppState,
    a: &Actor,
    id: i64,
    lang: &Lang,
) -> Result<
    (
        bmahr_store::OrderRecord,
        Vec<(usize, String)>,
        Vec<serde_json::Value>,
    ),
    ApiError,
> {
    let o = uc::read(state, a, id).await?;
    let mut listed = Vec::new();
    let mut rows = Vec::new();
    for (seq, pid, x, voided_by) in &o.actions {
        if voided_by.is_some() {
            continue;
        }
        let p = state.store.person_by_id(*pid).await?;
        let name = if lang.en() {
            p.name.full_en()
        } else {
            p.name.full_th()
        };
        let what = format!(
            "{} · {name}{}{}",
            lang.pick(x.kind.th(), x.kind.en()),
            x.placement
                .as_ref()
                .map(|pl| format!(" · {}", pl.position_no))
                .unwrap_or_default(),
            x.salary.map(|s| format!(" · {s}")).unwrap_or_default(),
        );
        listed.push((*seq as usize, what));
        let shown = if a.sees_identity(*pid) {
            p.national_id.reveal().to_string()
        } else {
            format!("#{pid}")
        };
        rows.push(serde_json::json!({
            "kind": x.kind.code(), "person": shown,
            "position_no": x.placement.as_ref().map(|pl| pl.position_no.clone()),
            "salary": x.salary.map(|s| s.to_string().replace(',', "")),
            "separation": x.separation.map(|s| s.code()),
            "penalty": x.penalty.map(|s| s.code()),
        }));
    }
    Ok((o, listed, rows))
}

pub(super) async fn new_order(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(q): Query<NewQuery>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        // The form starts from the officer's own unit and today's date.
        let issuer = uc::draft_form(&state, &a).await?;
        let on = today().to_string();
        let mut purpose = Purpose {
            action: "/orders/new".into(),
            mode: "new",
            ..Default::default()
        };
        let mut form = OrderForm(HashMap::new());
        if let Some(id) = q.corrects {
            let (o, listed, rows) = original_of(&state, &a, id, &lang).await?;
            let cancel = q.mode.as_deref() == Some("cancel");
            purpose.mode = if cancel { "cancel" } else { "correct" };
            form = OrderForm::from_body(&serde_json::json!({
                "actions": if cancel { Vec::new() } else { rows },
                "reason": if cancel {
                    format!("{} {}", lang.pick("ยกเลิกคำสั่งที่", "Cancelling order"), o.number)
                } else {
                    format!("{} {}", lang.pick("แก้ไขคำสั่งที่", "Correcting order"), o.number)
                },
                "signing_authority": null,
            }));
            if let Some(u) = state.store.unit_by_id(o.issuer_unit_id).await? {
                form.set("issuer_unit", u.code);
            }
            form.set("corrects_number", o.number.clone());
            form.set("mode", purpose.mode);
            for (n, _) in &listed {
                form.set(format!("corrects_action_{n}"), "yes");
            }
            purpose.original = listed;
        } else if let Some(code) = issuer {
            form.set("issuer_unit", code);
        }
        if form.get("issuer_unit").is_empty() {
            if let Some(code) = uc::draft_form(&state, &a).await? {
                form.set("issuer_unit", code);
            }
        }
        form.set("signed_on", on.clone());
        form.set("effective_date", on);
        if purpose.mode == "new" {
            form.set("rows", START_ROWS.to_string());
        }
        Ok(form_page(
            &lang,
            &a,
            &form,
            &purpose,
            &[],
            None,
            &HashMap::new(),
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

pub(super) async fn new_order_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(raw): Form<HashMap<String, String>>,
) -> Response {
    let form = OrderForm(raw);
    let mode = match form.get("mode") {
        "cancel" => "cancel",
        "correct" => "correct",
        _ => "new",
    };
    let mut purpose = Purpose {
        action: "/orders/new".into(),
        mode,
        ..Default::default()
    };
    if !form.get("corrects_number").is_empty() {
        purpose.original = form
            .0
            .iter()
            .filter_map(|(k, v)| {
                let n: usize = k.strip_prefix("original_")?.parse().ok()?;
                Some((n, v.clone()))
            })
            .collect();
        purpose.original.sort();
    }
    submitted(&state, &lang, &a, form, purpose)
        .await
        .unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// Editing an open draft: the same form, filled from the draft, saved over it (the draft's
/// version guards against a lost update). Editing a draft sent back submits it again.
pub(super) async fn edit_draft(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        uc::draft_form(&state, &a).await?;
        let d = uc::read_draft(&state, &a, id, today()).await?;
        if d.status != "draft" {
            return Ok(Redirect::to(&format!("/orders/drafts/{id}")).into_response());
        }
        let mut form = OrderForm::from_body(&d.order);
        let mode = if form.get("corrects_number").is_empty() {
            "edit"
        } else {
            "correct"
        };
        form.set("mode", mode);
        let purpose = Purpose {
            action: format!("/orders/drafts/{id}/edit"),
            mode,
            draft: Some((id, d.version)),
            returned_note: d.returned.as_ref().map(|r| r.note.clone()),
            ..Default::default()
        };
        Ok(form_page(
            &lang,
            &a,
            &form,
            &purpose,
            &d.problems,
            None,
            &HashMap::new(),
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

pub(super) async fn edit_draft_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(raw): Form<HashMap<String, String>>,
) -> Response {
    let form = OrderForm(raw);
    let version = form.get("version").parse().unwrap_or(0);
    let mode = if form.get("corrects_number").is_empty() {
        "edit"
    } else {
        "correct"
    };
    let purpose = Purpose {
        action: format!("/orders/drafts/{id}/edit"),
        mode,
        draft: Some((id, version)),
        ..Default::default()
    };
    submitted(&state, &lang, &a, form, purpose)
        .await
        .unwrap_or_else(|e| error_page_for(&lang, &a, e))
}
