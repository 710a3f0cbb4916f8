//! Order pages: draft an order (checked before it is stored), the drafts awaiting signature,
//! signing, and a signed order. The rules and access checks are the API's own.

mod draft;
mod form;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use bmahr_core::register::ActionKind;
use bmahr_core::{Satang, Violation};
use bmahr_store::OrderSort;
use minijinja::{context, Value};

use super::{chrome, error_page_for, render, Lang, PageActor};
use crate::error::ApiError;
use crate::usecases::orders as uc;
use crate::usecases::Paging;
use crate::{bangkok_instant, AppState};
use bmahr_core::access::offer;

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
            let (th, en) = crate::views::advice::advice(x).unwrap_or(("", ""));
            context! {
                field => field_label(lang, &x.field),
                message => lang.pick(&x.message_th, &x.message_en),
                section => x.section,
                code => x.code,
                row => x.field.strip_prefix("actions[").and_then(|r| r.split_once(']')).map(|(n, _)| n.to_string()),
                advice => lang.pick(th, en),
            }
        })
        .collect()
}

/// The violations of an error, for showing on the page it came from.
/// A refusal on scope (a person or position outside one's units) is one of them: the form
/// shows it on its row, with what to do, instead of leaving the page.
fn violations_of(e: ApiError) -> Result<Vec<Violation>, ApiError> {
    match e {
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) | ApiError::Refused(v) => Ok(v.0),
        ApiError::Conflict(v) | ApiError::Forbidden(v) => Ok(vec![v]),
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

/// What the orders page asks for: a tab (drafts awaiting signature, those sent back, signed
/// orders) and, for signed orders, filters, a sort and a page.
#[derive(serde::Deserialize, Default)]
struct OrdersQuery {
    tab: Option<String>,
    q: Option<String>,
    /// A unit's code or name (the unit picker).
    unit: Option<String>,
    from: Option<String>,
    to: Option<String>,
    kind: Option<String>,
    /// `corrections` for corrections and cancellations only.
    only: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<i64>,
    /// The number filter of the earlier page (`?number=`), kept working.
    number: Option<String>,
}

const ORDERS_PER_PAGE: i64 = 25;

async fn orders_page(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(q): Query<OrdersQuery>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let on = crate::today();
        let tab = match q.tab.as_deref() {
            Some("returned") => "returned",
            Some("signed") => "signed",
            Some("drafts") => "drafts",
            // An appointing authority starts on what awaits signature; others too, unless
            // they came to search signed orders.
            _ if q.q.is_some() || q.number.is_some() || q.unit.is_some() => "signed",
            _ => "drafts",
        };
        let text = q.q.clone().or(q.number.clone()).unwrap_or_default();
        let page = q.page.unwrap_or(1).max(1);
        let paging = Paging { page: Some(page), per_page: Some(ORDERS_PER_PAGE), whole: false };
        let mut errors = Vec::new();
        let awaiting = uc::list_drafts_where(&state, &a, Some(false), "", &Paging { page: Some(1), per_page: Some(1), whole: false }).await?.total;
        let returned_n = uc::list_drafts_where(&state, &a, Some(true), "", &Paging { page: Some(1), per_page: Some(1), whole: false }).await?.total;
        let (mut drafts, mut signed) = (Vec::new(), Vec::new());
        let total;
        if tab == "signed" {
            let params = uc::OrderListParams {
                q: Some(text.clone()), unit: q.unit.clone(), from: q.from.clone(), to: q.to.clone(),
                kind: q.kind.clone(), only: q.only.clone(), sort: q.sort.clone(), dir: q.dir.clone(),
            };
            let l = match uc::order_filter(&state, &a, &params, on).await {
                Ok(f) => uc::list_orders(&state, &a, &f, &paging).await?,
                Err(e) => {
                    errors.extend(violations_of(e)?);
                    crate::usecases::Listing::new(Vec::new(), &paging, 0)
                }
            };
            total = l.total;
            signed = l.items.into_iter().map(|o| context! {
                id => o.id, number => o.number, issuer => o.issuer,
                issuer_name => lang.pick(&o.issuer_name_th, &o.issuer_name_en).to_string(),
                signed_on => crate::views::frame::show_date(&lang, o.signed_on), effective => crate::views::frame::show_date(&lang, o.effective_date),
                reason => o.reason, actions => o.actions, signed_by => o.signed_by,
                corrects => o.corrects, corrected => o.corrected,
            }).collect();
        } else {
            let l = uc::list_drafts_where(&state, &a, Some(tab == "returned"), &text, &paging).await?;
            total = l.total;
            drafts = l.items.into_iter().map(|d| {
                let n = d.order["actions"].as_array().map_or(0, Vec::len);
                context! { id => d.id, number => d.number, issuer => d.issuer_unit, actions => n,
                    reason => d.order["reason"].as_str().unwrap_or("").to_string(),
                    by => d.updated_by, at => bangkok_instant(&d.updated_at),
                    note => d.returned.as_ref().map(|r| r.note.clone()) }
            }).collect();
        }
        let kinds: Vec<Value> = ActionKind::ALL.iter().map(|k| context! { code => k.code(), label => lang.pick(k.th(), k.en()) }).collect();
        // Sort links keep the filters; the column sorted now flips its direction.
        let keep = |extra: &str| {
            let mut parts = vec![format!("tab={tab}")];
            for (k, v) in [("q", &Some(text.clone())), ("unit", &q.unit), ("from", &q.from), ("to", &q.to), ("kind", &q.kind), ("only", &q.only)] {
                if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                    parts.push(format!("{k}={}", crate::views::frame::enc(v)));
                }
            }
            if !extra.is_empty() { parts.push(extra.to_string()); }
            format!("?{}", parts.join("&"))
        };
        let current = q.sort.clone().unwrap_or_else(|| "signed".into());
        let dir_now = if q.dir.as_deref() == Some("asc") { "asc" } else { "desc" };
        let sorts: std::collections::HashMap<&str, Value> = OrderSort::ALL.iter().map(|(n, _)| {
            let (aria, next) = if *n == current { (if dir_now == "asc" { "ascending" } else { "descending" }, if dir_now == "asc" { "desc" } else { "asc" }) } else { ("none", "desc") };
            (*n, context! { href => keep(&format!("sort={n}&dir={next}")), aria })
        }).collect();
        let sort_part = format!("sort={current}&dir={dir_now}");
        let pages = (total + ORDERS_PER_PAGE - 1) / ORDERS_PER_PAGE;
        let mut r = render(&lang, "orders.html", context! {
            ..chrome(&lang, &a),
            ..context! {
                tab, drafts, signed, total, page, pages, awaiting, returned_n,
                prev => (page > 1).then(|| keep(&format!("{sort_part}&page={}", page - 1))),
                next => (page < pages).then(|| keep(&format!("{sort_part}&page={}", page + 1))),
                may_draft => offer(&a.asker()).drafts_orders, sorts, kinds,
                q => text, unit => q.unit.clone().unwrap_or_default(), from => q.from.clone().unwrap_or_default(),
                to => q.to.clone().unwrap_or_default(), kind => q.kind.clone().unwrap_or_default(),
                only => q.only.clone().unwrap_or_default(),
                problems => problem_list(&lang, &errors),
            }
        });
        if !errors.is_empty() {
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
        }
        Ok(r)
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// One side of an action as a line of text: position, level and unit.
fn side_text(lang: &Lang, s: &uc::Side) -> String {
    let level = bmahr_core::personnel::Level::parse(&s.level)
        .map(|l| lang.pick(l.th(), l.en()).to_string())
        .unwrap_or_default();
    format!(
        "{} {} {} · {} {}",
        s.position_no,
        s.line_of_work,
        level,
        s.unit_code,
        lang.pick(&s.unit_th, &s.unit_en)
    )
}

/// Old → new of each action, for the form, the draft and the signature's confirmation.
pub(super) fn change_rows(lang: &Lang, changes: &[uc::ActionChange]) -> Vec<Value> {
    changes
        .iter()
        .map(|c| {
            let kind = ActionKind::parse(&c.kind)
                .map(|k| lang.pick(k.th(), k.en()).to_string())
                .unwrap_or_default();
            let before = c.before.as_ref().map(|s| side_text(lang, s));
            let after = c.after.as_ref().map(|s| side_text(lang, s));
            let salary_before = c.before.as_ref().and_then(|s| s.salary.clone());
            let salary_after = c.after.as_ref().and_then(|s| s.salary.clone());
            context! {
                n => c.n, kind, person_id => c.person_id,
                moved => before != after, paid => salary_before != salary_after,
                before, after, salary_before, salary_after,
                leaves => c.after.is_none() && c.before.is_some(),
                scale => c.after.as_ref().and_then(|s| if lang.en() { s.scale_en.clone() } else { s.scale_th.clone() }),
            }
        })
        .collect()
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
                date => crate::views::frame::show_date(&lang, x.effective_date),
                position => x.placement.as_ref().map(|pl| format!("{} {}", pl.position_no, lang.pick(pl.level.th(), pl.level.en()))).unwrap_or_default(),
                salary => x.salary.map(|s| s.to_string()).unwrap_or_default(),
            });
        }
        Ok(render(&lang, "order.html", context! {
            ..chrome(&lang, &a),
            ..context! {
                id, number => o.number, issuer, signed_on => crate::views::frame::show_date(&lang, o.signed_on), signed_by => o.signed_by,
                authority => o.authority, effective => crate::views::frame::show_date(&lang, o.effective_date), reason => o.reason,
                recorded_by => o.recorded_by, recorded_at => bangkok_instant(&o.recorded_at),
                corrects => o.corrects_order_id, actions,
                corrected_by => {
                    let mut by: Vec<i64> = o.actions.iter().filter_map(|x| x.3).collect();
                    by.sort_unstable();
                    by.dedup();
                    by
                },
                may_correct => offer(&a.asker()).drafts_orders,
            }
        }))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
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
        Err(e) => error_page_for(&lang, &a, e),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orders", get(orders_page))
        .route(
            "/orders/new",
            get(form::new_order).post(form::new_order_submit),
        )
        .route("/orders/drafts/{id}", get(draft::draft_page))
        .route(
            "/orders/drafts/{id}/edit",
            get(form::edit_draft).post(form::edit_draft_submit),
        )
        .route("/orders/drafts/{id}/sign", post(draft::sign_submit))
        .route("/orders/drafts/{id}/return", post(draft::return_submit))
        .route("/orders/drafts/{id}/withdraw", post(draft::withdraw_submit))
        .route("/orders/{id}", get(order_page))
        .route("/orders/{id}/pdf", get(order_pdf))
}
