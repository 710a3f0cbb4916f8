//! A draft awaiting signature: what each action changes (old → new), what stands in its way,
//! its versions; the signer signs it after a confirmation, or sends it back with a note; the
//! drafter edits or withdraws it.

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bmahr_core::law::authority::Authority;
use bmahr_core::{ThaiDate, Violation};
use bmahr_store::DraftStatus;
use minijinja::{context, Value};

use super::{action_rows, change_rows, options, problem_list, violations_of};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::orders::{self as uc, Signature};
use crate::views::{action_words, chrome, error_page_for, render, Lang, PageActor};
use crate::{bangkok_instant, today, AppState};
use bmahr_core::access::offer;

/// What the signer typed, kept across a refusal or the confirmation step.
#[derive(serde::Deserialize, serde::Serialize, Default, Clone)]
pub(super) struct SignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
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
    /// `yes` once the signer has seen the confirmation.
    #[serde(default)]
    confirm: String,
}

impl SignForm {
    fn signature(&self) -> Result<Signature, ApiError> {
        let signed_on = match self.signed_on.trim() {
            "" => None,
            s => Some(
                ThaiDate::parse(s)
                    .map_err(|e| ApiError::bad(e.on_field("signed_on")))?
                    .iso(),
            ),
        };
        Ok(Signature {
            version: self.version,
            number: Some(self.number.clone()),
            signed_on,
            signed_by: Some(self.signed_by.clone()),
            authority: Some(self.authority.clone()),
            signing_authority: Some(self.signing_authority.clone()),
        })
    }
}

/// How the draft page is shown: as read, asking to confirm a signature, or after a refusal.
enum Step<'a> {
    Read,
    Confirm(&'a SignForm),
    Refused(&'a SignForm, &'a [Violation]),
}

/// The change summary between two kept versions: the fields that differ.
fn differences(lang: &Lang, old: &serde_json::Value, new: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for (k, th, en) in [
        ("number", "เลขที่", "number"),
        ("effective_date", "วันที่มีผล", "effective date"),
        ("signed_on", "วันที่ลงนาม", "signed on"),
        ("reason", "เรื่อง", "subject"),
        ("signed_by", "ผู้ลงนาม", "signed by"),
        ("signing_authority", "ผู้มีอำนาจสั่ง", "signing authority"),
    ] {
        if old[k] != new[k] {
            out.push(lang.pick(th, en).to_string());
        }
    }
    let empty = Vec::new();
    let (a, b) = (
        old["actions"].as_array().unwrap_or(&empty),
        new["actions"].as_array().unwrap_or(&empty),
    );
    if a.len() != b.len() {
        out.push(format!(
            "{} {} → {}",
            lang.pick("จำนวนรายการ", "actions"),
            a.len(),
            b.len()
        ));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        for (k, th, en) in [
            ("kind", "ประเภท", "kind"),
            ("person", "บุคคล", "person"),
            ("position_no", "ตำแหน่ง", "position"),
            ("salary", "เงินเดือน", "salary"),
        ] {
            if x[k] != y[k] {
                let v = |z: &serde_json::Value| z[k].as_str().unwrap_or("–").to_string();
                let detail = if k == "person" {
                    String::new()
                } else {
                    format!(" {} → {}", v(x), v(y))
                };
                out.push(format!(
                    "{} {} {}{detail}",
                    lang.pick("รายการที่", "row"),
                    i + 1,
                    lang.pick(th, en)
                ));
            }
        }
    }
    out
}

/// A draft: what it does, what stands in its way, and the forms its reader may use.
async fn draft_view(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    id: i64,
    step: Step<'_>,
) -> Result<Response, ApiError> {
    let out = uc::read_draft(state, a, id, today()).await?;
    let o = &out.order;
    let s = |k: &str| o[k].as_str().unwrap_or("").to_string();
    let date = |k: &str| {
        ThaiDate::parse_iso(o[k].as_str().unwrap_or(""))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    // After a refused signature only the problems of that signature are current (they
    // include the draft's own); otherwise the draft's problems today.
    let problems: Vec<Violation> = match &step {
        Step::Refused(_, v) => v.to_vec(),
        _ => out.problems.clone(),
    };
    let typed = match &step {
        Step::Read => SignForm {
            version: out.version,
            number: s("number"),
            signed_on: date("signed_on"),
            signed_by: s("signed_by"),
            authority: s("authority"),
            signing_authority: s("signing_authority"),
            ..Default::default()
        },
        Step::Confirm(f) | Step::Refused(f, _) => SignForm {
            version: out.version,
            ..(*f).clone()
        },
    };
    let status = match (DraftStatus::parse(&out.status), &out.returned) {
        (Ok(DraftStatus::Draft), Some(_)) => lang
            .pick("ส่งกลับแก้ไข", "returned for correction")
            .to_string(),
        (Ok(st), _) => lang.pick(st.th(), st.en()).to_string(),
        _ => String::new(),
    };
    let changes = uc::changes(state, a, o, today()).await?;
    let versions = uc::draft_versions(state, a, id).await?;
    let history: Vec<Value> = versions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, v)| {
            let changed = match i {
                0 => Vec::new(),
                _ => differences(lang, &versions[i - 1].order, &v.order),
            };
            context! {
                version => v.version, by => v.actor.clone(), at => bangkok_instant(&v.at), note => v.note.clone(),
                event => action_words(lang, match v.event.as_str() {
                    // States kept from before versions were recorded.
                    "draft" => "draft.update",
                    "signed" | "sign" => "draft.sign",
                    "withdrawn" | "withdraw" => "draft.withdraw",
                    "create" => "draft.create",
                    "return" => "draft.return",
                    _ => "draft.update",
                }), changed,
            }
        })
        .collect();
    let signer = Authority::parse(&typed.signing_authority)
        .ok()
        .map(|k| lang.pick(k.th(), k.en()).to_string());
    let open = out.status == "draft";
    let mut r = render(
        lang,
        "draft.html",
        context! {
            ..chrome(lang, a),
            ..context! {
                id => out.id, version => out.version, open, status,
                number => s("number"), issuer => out.issuer_unit.clone(), signed_on => date("signed_on"),
                signed_by => s("signed_by"), authority => s("authority"), effective => ThaiDate::parse_iso(o["effective_date"].as_str().unwrap_or("")).map(|d| crate::views::frame::show_date(lang, d)).unwrap_or_default(),
                reason => s("reason"), by => out.created_by.clone(), at => bangkok_instant(&out.created_at),
                order_id => out.order_id,
                corrects => o["corrects"]["order_number"].as_str().map(str::to_string),
                actions => action_rows(lang, &out),
                changes => change_rows(lang, &changes),
                problems => problem_list(lang, &problems),
                may_sign => offer(&a.asker()).signs_orders, may_draft => offer(&a.asker()).drafts_orders,
                typed => Value::from_serialize(&typed), signer,
                confirm => matches!(step, Step::Confirm(_)),
                returned => out.returned.as_ref().map(|r| context! { note => r.note.clone(), by => r.by.clone(), at => bangkok_instant(&r.at) }),
                history,
                authorities => options(lang, Authority::ALL, |k| (k.code(), k.th(), k.en())),
            }
        },
    );
    if matches!(step, Step::Refused(..)) {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

pub(super) async fn draft_page(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    draft_view(&state, &lang, &a, id, Step::Read)
        .await
        .unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// Signing in two steps: the first post checks the order as it would be signed and, when
/// nothing stands in its way, asks to confirm with every change shown; the second signs.
pub(super) async fn sign_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<SignForm>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(&f.csrf))?;
        let sig = match f.signature() {
            Ok(s) => s,
            Err(e) => {
                return draft_view(&state, &lang, &a, id, Step::Refused(&f, &violations_of(e)?))
                    .await
            }
        };
        if f.confirm != "yes" {
            let problems = uc::sign_problems(&state, &a, id, &sig, today()).await?;
            if problems.is_empty() {
                return draft_view(&state, &lang, &a, id, Step::Confirm(&f)).await;
            }
            return draft_view(&state, &lang, &a, id, Step::Refused(&f, &problems)).await;
        }
        match uc::sign_draft(&state, &a, id, &sig, today()).await {
            Ok(done) => Ok(Redirect::to(&format!("/orders/{}", done.order_id)).into_response()),
            Err(e) => {
                let v = violations_of(e)?;
                draft_view(&state, &lang, &a, id, Step::Refused(&f, &v)).await
            }
        }
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
pub(super) struct VersionForm {
    csrf: String,
    version: i64,
    #[serde(default)]
    note: String,
}

/// A change of an open draft by its version (withdraw, return): back to the orders or the
/// draft when done, the draft with the refusal otherwise.
async fn version_change<F, Fut>(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    id: i64,
    f: &VersionForm,
    done: &str,
    change: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<uc::DraftOut, ApiError>>,
{
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(&f.csrf))?;
        match change().await {
            Ok(_) => Ok(Redirect::to(done).into_response()),
            Err(e) => {
                let v = violations_of(e)?;
                draft_view(state, lang, a, id, Step::Refused(&SignForm::default(), &v)).await
            }
        }
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(lang, a, e))
}

pub(super) async fn withdraw_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> Response {
    let change = || uc::withdraw_draft(&state, &a, id, f.version);
    version_change(&state, &lang, &a, id, &f, "/orders", change).await
}

/// The signer sends the draft back with a note on what to correct.
pub(super) async fn return_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> Response {
    let done = format!("/orders/drafts/{id}");
    let change = || uc::return_draft(&state, &a, id, f.version, &f.note);
    version_change(&state, &lang, &a, id, &f, &done, change).await
}
