//! Order pages: draft an order (checked before it is stored), the drafts awaiting signature,
//! signing, and a signed order. The rules and access checks are the API's own.

use std::collections::HashMap;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use bmahr_core::law::authority::Authority;
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::{NationalId, Satang, ThaiDate, Violation, Violations};
use bmahr_store::DraftStatus;
use minijinja::{context, Value};

use super::{chrome, error_page, render, Lang, PageActor};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::orders::{self as uc, Signature};
use crate::{bangkok_instant, today, AppState};
use bmahr_core::access::offer;

/// Action rows a new form starts with; "add a row" adds one more.
const START_ROWS: usize = 3;
const MAX_ROWS: usize = 200;

/// A field name of the order, in the page's language (`actions[2].salary` → row 2, salary).
fn field_label(lang: &Lang, field: &str) -> String {
    let name = |f: &str| -> &'static str {
        let (th, en) = match f {
            "number" => ("เลขที่คำสั่ง", "order number"),
            "issuer_unit" => ("หน่วยงานผู้ออกคำสั่ง", "issuing unit"),
            "signed_on" => ("วันที่ลงนาม", "signed on"),
            "signed_by" => ("ผู้ลงนาม", "signed by"),
            "authority" => ("ตำแหน่งผู้มีอำนาจ", "authority"),
            "effective_date" => ("วันที่มีผล", "effective date"),
            "reason" => ("เหตุผล", "reason"),
            "actions" => ("รายการ", "actions"),
            "kind" => ("ประเภท", "kind"),
            "person" => ("บุคคล", "person"),
            "position_no" => ("เลขที่ตำแหน่ง", "position no."),
            "salary" => ("เงินเดือน", "salary"),
            "separation" => ("เหตุที่พ้น", "separation reason"),
            "penalty" => ("โทษ", "penalty"),
            "version" => ("ฉบับ", "version"),
            "signing_authority" => ("ผู้มีอำนาจสั่ง", "signing authority"),
            "kk_approval" => ("มติ ก.ก.", "ก.ก. approval"),
            "eligibility" => ("คุณสมบัติ (มาตรา 43)", "eligibility (§43)"),
            "waiver" => ("มติยกเว้นลักษณะต้องห้าม", "waiver"),
            "consent" => ("ความยินยอม (มาตรา 56)", "consent (§56)"),
            "level" => ("ระดับ", "level"),
            "birth_date" => ("วันเดือนปีเกิด", "birth date"),
            "kk_decision" => ("มติ ก.ก.", "ก.ก. decision"),
            "evidence" => ("หลักฐาน", "evidence"),
            _ => ("", ""),
        };
        if lang.en() {
            en
        } else {
            th
        }
    };
    if let Some((row, f)) = field
        .strip_prefix("actions[")
        .and_then(|r| r.split_once("]."))
    {
        return format!(
            "{} {row} · {}",
            lang.pick("รายการที่", "row"),
            match name(f) {
                "" => f,
                n => n,
            }
        );
    }
    match name(field) {
        "" => field.to_string(),
        n => n.to_string(),
    }
}

pub(super) fn problem_list(lang: &Lang, v: &[Violation]) -> Vec<Value> {
    v.iter()
        .map(|x| {
            context! {
                field => field_label(lang, &x.field),
                message => lang.pick(&x.message_th, &x.message_en),
                section => x.section,
                code => x.code,
            }
        })
        .collect()
}

/// The violations of an error, for showing on the page it came from.
fn violations_of(e: ApiError) -> Result<Vec<Violation>, ApiError> {
    match e {
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) | ApiError::Refused(v) => Ok(v.0),
        ApiError::Conflict(v) => Ok(vec![v]),
        other => Err(other),
    }
}

fn options<T: Copy>(
    lang: &Lang,
    all: &[T],
    label: impl Fn(T) -> (&'static str, &'static str, &'static str),
) -> Vec<Value> {
    all.iter()
        .map(|x| {
            let (code, th, en) = label(*x);
            context! { code, label => lang.pick(th, en) }
        })
        .collect()
}

/// The form as posted: order fields by name, action fields as `kind_3`, `person_3`, ...
struct OrderForm(HashMap<String, String>);

impl OrderForm {
    fn get(&self, k: &str) -> &str {
        self.0.get(k).map(|s| s.trim()).unwrap_or("")
    }
    fn rows(&self) -> usize {
        self.get("rows")
            .parse()
            .unwrap_or(START_ROWS)
            .clamp(1, MAX_ROWS)
    }

    /// The order as the API's JSON, or every field that cannot be read, named.
    fn to_json(&self) -> Result<serde_json::Value, Violations> {
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
        for i in 1..=self.rows() {
            let f = |name: &str| self.get(&format!("{name}_{i}"));
            let at = |name: &str| format!("actions[{}].{name}", actions.len() + 1);
            if f("person").is_empty() && f("position_no").is_empty() && f("salary").is_empty() {
                continue;
            }
            let mut a = serde_json::Map::new();
            match ActionKind::parse(f("kind")) {
                Ok(k) => a.insert("kind".into(), k.code().into()),
                Err(e) => {
                    errs.push(e.on_field(at("kind")));
                    None
                }
            };
            match NationalId::parse(f("person")) {
                Ok(n) => a.insert("person".into(), n.reveal().into()),
                Err(e) => {
                    errs.push(e.on_field(at("person")));
                    None
                }
            };
            if !f("position_no").is_empty() {
                a.insert("position_no".into(), f("position_no").into());
            }
            if !f("salary").is_empty() {
                match Satang::parse(f("salary")) {
                    Ok(_) => a.insert("salary".into(), f("salary").replace(',', "").into()),
                    Err(e) => {
                        errs.push(e.on_field(at("salary")));
                        None
                    }
                };
            }
            // One box stands for the usual §43 declaration; other cases go through the API.
            if !f("eligible").is_empty() {
                a.insert(
                    "eligibility".into(),
                    serde_json::json!({"thai_national": true, "loyal": true}),
                );
            }
            if !f("birth_date").is_empty() {
                match ThaiDate::parse(f("birth_date")) {
                    Ok(d) => {
                        a.insert("birth_date".into(), d.iso().into());
                    }
                    Err(e) => errs.push(e.on_field(at("birth_date"))),
                }
            }
            for name in ["kk_decision", "evidence"] {
                if !f(name).is_empty() {
                    a.insert(name.into(), f(name).into());
                }
            }
            if !f("consent").is_empty() {
                a.insert(
                    "consent".into(),
                    serde_json::json!({"person": true, "home_agency": true}),
                );
            }
            for (name, ok) in [
                (
                    "separation",
                    SeparationReason::parse(f("separation")).is_ok(),
                ),
                ("penalty", PenaltyKind::parse(f("penalty")).is_ok()),
            ] {
                if !f(name).is_empty() && ok {
                    a.insert(name.into(), f(name).into());
                }
            }
            // The rate of a salary penalty, and the case file a penalty or removal ends (§58).
            for name in ["penalty_percent", "penalty_months", "case_id"] {
                if f(name).is_empty() {
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
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(serde_json::json!({
            "signing_authority": authority,
            "kk_approval": kk,
            "number": self.get("number"),
            "issuer_unit": self.get("issuer_unit"),
            "signed_on": signed_on,
            "signed_by": self.get("signed_by"),
            "authority": self.get("authority"),
            "effective_date": effective_date,
            "reason": self.get("reason"),
            "actions": actions,
        }))
    }
}

/// What the form page shows: the values typed so far, the choices and the outcome of a check.
fn form_page(
    lang: &Lang,
    a: &Actor,
    form: &OrderForm,
    rows: usize,
    problems: &[Violation],
    checked_ok: Option<usize>,
) -> Response {
    let row_values: Vec<Value> = (1..=rows)
        .map(|i| {
            let f = |n: &str| form.get(&format!("{n}_{i}")).to_string();
            context! { i, kind => f("kind"), person => f("person"), position_no => f("position_no"),
            salary => f("salary"), separation => f("separation"), penalty => f("penalty"),
                       eligible => !f("eligible").is_empty(), consent => !f("consent").is_empty(),
                       birth_date => f("birth_date"), kk_decision => f("kk_decision"), evidence => f("evidence"),
                       penalty_percent => f("penalty_percent"), penalty_months => f("penalty_months"), case_id => f("case_id") }
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
    ]
    .into_iter()
    .map(|k| (k, form.get(k)))
    .collect();
    let mut r = render(
        lang,
        "order_form.html",
        context! {
            ..chrome(lang, a),
            ..context! {
                f => fields, rows => row_values, row_count => rows, kinds, separations, penalties, authorities,
                problems => problem_list(lang, problems), checked_ok,
            }
        },
    );
    if !problems.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

async fn new_order(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    // The form starts from the officer's own unit and today's date.
    let issuer = match uc::draft_form(&state, &a).await {
        Ok(f) => f,
        Err(e) => return error_page(&lang, e),
    };
    let mut fields = HashMap::new();
    if let Some(code) = issuer {
        fields.insert("issuer_unit".to_string(), code);
    }
    let on = today().to_string();
    fields.insert("signed_on".into(), on.clone());
    fields.insert("effective_date".into(), on);
    form_page(&lang, &a, &OrderForm(fields), START_ROWS, &[], None)
}

async fn new_order_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(raw): Form<HashMap<String, String>>,
) -> Response {
    let form = OrderForm(raw);
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(form.get("csrf")))?;
        uc::draft_form(&state, &a).await?;
        let op = form.get("op").to_string();
        if op == "add_row" {
            return Ok(form_page(&lang, &a, &form, form.rows() + 1, &[], None));
        }
        let json = match form.to_json() {
            Ok(j) => j,
            Err(v) => return Ok(form_page(&lang, &a, &form, form.rows(), &v.0, None)),
        };
        let order = match uc::parse(json.clone()) {
            Ok(o) => o,
            Err(e) => {
                return Ok(form_page(
                    &lang,
                    &a,
                    &form,
                    form.rows(),
                    &violations_of(e)?,
                    None,
                ))
            }
        };
        if op == "save" {
            let d = uc::create_draft(&state, &a, json, today()).await?;
            return Ok(Redirect::to(&format!("/orders/drafts/{}", d.id)).into_response());
        }
        let problems = match uc::check(&state, &a, &order, today()).await {
            Ok(_) => Vec::new(),
            Err(e) => violations_of(e)?,
        };
        let ok = problems.is_empty().then_some(order.actions.len());
        Ok(form_page(&lang, &a, &form, form.rows(), &problems, ok))
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

/// The drafts awaiting signature within the actor's units.
#[derive(serde::Deserialize)]
struct OrdersQuery {
    number: Option<String>,
}

async fn drafts_page(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    axum::extract::Query(q): axum::extract::Query<OrdersQuery>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let paging = crate::usecases::Paging { page: Some(1), per_page: Some(200), whole: false };
        let listing = uc::list_drafts(&state, &a, DraftStatus::Draft, &paging).await?;
        let total = listing.total;
        let items: Vec<Value> = listing
            .items
            .into_iter()
            .map(|d| {
                let n = d.order["actions"].as_array().map_or(0, Vec::len);
                context! { id => d.id, number => d.number, issuer => d.issuer_unit, actions => n,
                reason => d.order["reason"].as_str().unwrap_or("").to_string(),
                by => d.updated_by, at => bangkok_instant(&d.updated_at) }
            })
            .collect();
        let units: Option<Vec<i64>> = a.scope.as_ref().map(|s| s.iter().copied().collect());
        let q = q.number.unwrap_or_default();
        let signed: Vec<Value> = state
            .store
            .recent_orders(units.as_deref(), Some(&q), 50)
            .await?
            .into_iter()
            .map(|o| context! { id => o.id, number => o.number, issuer => o.issuer, signed_on => o.signed_on.to_string(),
                                effective => o.effective_date.to_string(), reason => o.reason, actions => o.actions })
            .collect();
        Ok(render(
            &lang,
            "orders.html",
            context! {
                ..chrome(&lang, &a),
                ..context! { items, total, may_draft => offer(&a.asker()).drafts_orders, signed, q }
            },
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

/// The rows of a draft's order as the actor may see them.
fn action_rows(lang: &Lang, d: &uc::DraftOut) -> Vec<Value> {
    let empty = Vec::new();
    let actions = d.order["actions"].as_array().unwrap_or(&empty);
    actions
        .iter()
        .zip(&d.people)
        .map(|(x, p)| {
            let kind = ActionKind::parse(x["kind"].as_str().unwrap_or(""))
                .map(|k| lang.pick(k.th(), k.en()).to_string())
                .unwrap_or_default();
            let national_id = super::formatted_id(&p.national_id);
            context! {
                n => p.n, kind, person_id => p.person_id,
                name => if lang.en() { p.name_en.clone() } else { p.name_th.clone() },
                national_id,
                position_no => x["position_no"].as_str().unwrap_or("").to_string(),
                salary => x["salary"].as_str().and_then(|v| Satang::parse(v).ok()).map(|v| v.to_string()).unwrap_or_default(),
            }
        })
        .collect()
}

/// A draft: what it does, what stands in its way, and the signature form for the authority.
async fn draft_view(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    id: i64,
    sign_problems: &[Violation],
) -> Result<Response, ApiError> {
    let out = uc::read_draft(state, a, id, today()).await?;
    let o = &out.order;
    let s = |k: &str| o[k].as_str().unwrap_or("").to_string();
    let date = |k: &str| {
        ThaiDate::parse(o[k].as_str().unwrap_or(""))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let mut problems = out.problems.clone();
    problems.extend(sign_problems.iter().cloned());
    let status = DraftStatus::parse(&out.status)
        .map(|st| lang.pick(st.th(), st.en()).to_string())
        .unwrap_or_default();
    let mut r = render(
        lang,
        "draft.html",
        context! {
            ..chrome(lang, a),
            ..context! {
                id => out.id, version => out.version, open => out.status == "draft", status,
                number => s("number"), issuer => out.issuer_unit.clone(), signed_on => date("signed_on"),
                signed_by => s("signed_by"), authority => s("authority"), effective => date("effective_date"),
                reason => s("reason"), by => out.created_by.clone(), at => bangkok_instant(&out.created_at),
                order_id => out.order_id,
                actions => action_rows(lang, &out),
                problems => problem_list(lang, &problems),
                may_sign => offer(&a.asker()).signs_orders, may_draft => offer(&a.asker()).drafts_orders,
                signing_authority => s("signing_authority"),
                authorities => options(lang, Authority::ALL, |k| (k.code(), k.th(), k.en())),
            }
        },
    );
    if !sign_problems.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

async fn draft_page(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    draft_view(&state, &lang, &a, id, &[])
        .await
        .unwrap_or_else(|e| error_page(&lang, e))
}

#[derive(serde::Deserialize)]
struct SignForm {
    csrf: String,
    version: i64,
    #[serde(default)]
    number: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    signed_by: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    signing_authority: String,
}

async fn sign_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<SignForm>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(&f.csrf))?;
        let signed_on = match f.signed_on.trim() {
            "" => None,
            s => Some(
                ThaiDate::parse(s)
                    .map_err(|e| ApiError::bad(e.on_field("signed_on")))?
                    .iso(),
            ),
        };
        let sig = Signature {
            version: f.version,
            number: Some(f.number.clone()),
            signed_on,
            signed_by: Some(f.signed_by.clone()),
            authority: Some(f.authority.clone()),
            signing_authority: Some(f.signing_authority.clone()),
        };
        match uc::sign_draft(&state, &a, id, &sig, today()).await {
            Ok(done) => Ok(Redirect::to(&format!("/orders/{}", done.order_id)).into_response()),
            Err(e) => {
                let v = violations_of(e)?;
                draft_view(&state, &lang, &a, id, &v).await
            }
        }
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

#[derive(serde::Deserialize)]
struct WithdrawForm {
    csrf: String,
    version: i64,
}

async fn withdraw_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<WithdrawForm>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(&f.csrf))?;
        match uc::withdraw_draft(&state, &a, id, f.version).await {
            Ok(_) => Ok(Redirect::to("/orders").into_response()),
            Err(e) => draft_view(&state, &lang, &a, id, &violations_of(e)?).await,
        }
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

/// A signed order as recorded, with links to the people it changed.
async fn order_page(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let o = uc::read(&state, &a, id).await?;
        let issuer = state
            .store
            .unit_by_id(o.issuer_unit_id)
                .await?
            .map(|u| format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en)))
            .unwrap_or_default();
        let mut actions = Vec::with_capacity(o.actions.len());
        for (seq, pid, x, voided_by) in &o.actions {
            let p = state.store.person_by_id(*pid).await?;
            actions.push(context! {
                seq, person_id => pid, voided_by,
                name => if lang.en() { p.name.full_en() } else { p.name.full_th() },
                kind => lang.pick(x.kind.th(), x.kind.en()),
                date => x.effective_date.to_string(),
                position => x.placement.as_ref().map(|pl| format!("{} {}", pl.position_no, lang.pick(pl.level.th(), pl.level.en()))).unwrap_or_default(),
                salary => x.salary.map(|s| s.to_string()).unwrap_or_default(),
            });
        }
        Ok(render(&lang, "order.html", context! {
            ..chrome(&lang, &a),
            ..context! {
                id, number => o.number, issuer, signed_on => o.signed_on.to_string(), signed_by => o.signed_by,
                authority => o.authority, effective => o.effective_date.to_string(), reason => o.reason,
                recorded_by => o.recorded_by, recorded_at => bangkok_instant(&o.recorded_at),
                corrects => o.corrects_order_id, actions,
            }
        }))
    }
    .await;
    result.unwrap_or_else(|e| error_page(&lang, e))
}

/// The signed order as printed: the official layout with its annex.
async fn order_pdf(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    match crate::usecases::documents::order_pdf(&state, &a, id).await {
        Ok(d) => d.into_response(),
        Err(e) => error_page(&lang, e),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orders", get(drafts_page))
        .route("/orders/new", get(new_order).post(new_order_submit))
        .route("/orders/drafts/{id}", get(draft_page))
        .route("/orders/drafts/{id}/sign", post(sign_submit))
        .route("/orders/drafts/{id}/withdraw", post(withdraw_submit))
        .route("/orders/{id}", get(order_page))
        .route("/orders/{id}/pdf", get(order_pdf))
}
