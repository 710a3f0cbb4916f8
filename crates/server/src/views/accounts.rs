//! Administration for the Office of the BMA Civil Service Commission: a hub (`/admin`) and
//! accounts (`/admin/accounts`): a list filtered by role, unit and name, paged; a new account
//! with a one-time password shown once; an account's page to change its role, unit, person and
//! office, disable and enable it, reset its password and two-step sign-in and end its
//! sessions. Every change goes through `usecases::accounts` (audited there) and is made on the
//! version the form was read at; a stale change is refused (409) and the page shows what is
//! current. Bad input is shown in the page, each problem by its field, with what was typed.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use bmahr_core::law::authority::Authority;
use bmahr_core::role::Role;
use minijinja::{context, Value};

use super::{chrome, error_page, error_page_for, render, Lang, PageActor};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::accounts::{
    self as uc, AccountFields, AccountFilter, AccountOut, AccountUpdate, NewAccountInput,
};
use crate::usecases::Paging;
use crate::AppState;

const PER_PAGE: i64 = 25;

/// The hub: what the Office administers, each a link.
async fn hub(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    if let Err(e) = crate::access::may_administer_accounts(&state, &a).await {
        return error_page_for(&lang, &a, e);
    }
    render(&lang, "admin.html", chrome(&lang, &a))
}

/// A problem as a page shows it: its field (named in the page's language) and message.
fn problems(lang: &Lang, e: &ApiError) -> Vec<Value> {
    let one = |v: &bmahr_core::Violation| {
        context! {
            code => v.code, field => v.field.clone(), label => field_label(lang, &v.field),
            message => lang.pick(&v.message_th, &v.message_en).to_string(),
        }
    };
    match e {
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) | ApiError::Refused(v) => {
            v.iter().map(one).collect()
        }
        ApiError::Conflict(v)
        | ApiError::NotFound(v)
        | ApiError::Forbidden(v)
        | ApiError::Unauthorized(v)
        | ApiError::TooManyRequests(v) => vec![one(v)],
        ApiError::Internal(_) => Vec::new(),
    }
}

fn field_label(lang: &Lang, field: &str) -> String {
    let (th, en) = match field {
        "username" => ("ชื่อผู้ใช้", "Username"),
        "role" => ("บทบาท", "Role"),
        "scope" | "unit" => ("หน่วยงาน", "Unit"),
        "person" => ("บุคคล", "Person"),
        "office" => ("ตำแหน่งผู้มีอำนาจ", "Office"),
        "version" => ("ฉบับของข้อมูล", "Version"),
        _ => ("บัญชี", "Account"),
    };
    lang.pick(th, en).to_string()
}

fn role_options(lang: &Lang, chosen: &str) -> Vec<Value> {
    Role::ALL
        .iter()
        .map(|r| {
            context! {
                code => r.code(), label => lang.pick(r.th(), r.en()),
                selected => r.code() == chosen, whole_bma => bmahr_core::access::whole_bma_role(*r),
            }
        })
        .collect()
}

fn office_options(lang: &Lang, chosen: &str) -> Vec<Value> {
    Authority::ALL
        .iter()
        .rev()
        .map(|o| {
            context! { code => o.code(), label => lang.pick(o.th(), o.en()), selected => o.code() == chosen }
        })
        .collect()
}

/// An account as a row or a page shows it.
fn account_value(lang: &Lang, x: &AccountOut) -> Value {
    context! {
        id => x.id, username => x.username.clone(), role => x.role.clone(),
        role_label => lang.pick(&x.role_th, &x.role_en),
        unit_code => x.scope_unit.clone(),
        unit_name => if lang.en() { x.scope_unit_en.clone() } else { x.scope_unit_th.clone() },
        person_id => x.person_id,
        person_name => if lang.en() { x.person_name_en.clone().or(x.person_name_th.clone()) } else { x.person_name_th.clone() },
        office => x.office.clone(),
        office_label => if lang.en() { x.office_en.clone() } else { x.office_th.clone() },
        two_factor => x.two_factor, disabled => x.disabled,
        disabled_at => x.disabled_at.as_deref().map(crate::bangkok_instant),
        last_login => x.last_login_at.as_deref().map(crate::bangkok_instant),
        created => crate::bangkok_instant(&x.created_at),
        version => x.version,
    }
}

#[derive(serde::Deserialize, Default)]
struct ListParams {
    role: Option<String>,
    unit: Option<String>,
    q: Option<String>,
    page: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<ListParams>,
) -> Response {
    let filter = AccountFilter {
        role: p.role.clone(),
        unit: p.unit.clone(),
        q: p.q.clone(),
    };
    let paging = Paging {
        page: p.page,
        per_page: Some(PER_PAGE),
        whole: false,
    };
    let (items, total, more, error) = match uc::list_accounts(&state, &a, &filter, &paging).await {
        Ok(page) => {
            let more = paging.page() * PER_PAGE < page.total;
            let items: Vec<Value> = page.items.iter().map(|x| account_value(&lang, x)).collect();
            (items, page.total, more, Vec::new())
        }
        Err(e @ ApiError::BadRequest(_)) => (Vec::new(), 0, false, problems(&lang, &e)),
        Err(e) => return error_page_for(&lang, &a, e),
    };
    // The filters again for the pager's links (query-only, encoded by the template).
    let mut r = render(
        &lang,
        "accounts.html",
        context! { ..chrome(&lang, &a), ..context! {
            items, total, more, page => paging.page(), problems => error.clone(),
            roles => role_options(&lang, p.role.as_deref().unwrap_or("")),
            role => p.role.unwrap_or_default(), unit => p.unit.unwrap_or_default(), q => p.q.unwrap_or_default(),
        }},
    );
    if !error.is_empty() {
        *r.status_mut() = StatusCode::BAD_REQUEST;
    }
    r
}

/// What the account forms send: the fields, and the version a change was read at.
#[derive(serde::Deserialize, serde::Serialize, Default, Clone)]
struct AccountForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    version: i64,
}

impl AccountForm {
    fn fields(&self) -> AccountFields {
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        AccountFields {
            role: self.role.clone(),
            scope: some(&self.scope),
            person: some(&self.person),
            office: some(&self.office),
        }
    }

    /// The form filled from the account as it is now.
    fn of(x: &AccountOut) -> AccountForm {
        AccountForm {
            csrf: String::new(),
            username: x.username.clone(),
            role: x.role.clone(),
            scope: x.scope_unit.clone().unwrap_or_default(),
            person: x.person_id.map(|p| p.to_string()).unwrap_or_default(),
            office: x.office.clone().unwrap_or_default(),
            version: x.version,
        }
    }
}

fn new_page(lang: &Lang, a: &Actor, form: &AccountForm, error: Option<&ApiError>) -> Response {
    let problems = error.map(|e| problems(lang, e)).unwrap_or_default();
    let mut r = render(
        lang,
        "account_new.html",
        context! { ..chrome(lang, a), ..context! {
            f => Value::from_serialize(form), problems => problems.clone(),
            roles => role_options(lang, &form.role), offices => office_options(lang, &form.office),
        }},
    );
    if let Some(e) = error {
        *r.status_mut() = status_of(e);
    }
    r
}

fn status_of(e: &ApiError) -> StatusCode {
    match e {
        ApiError::Conflict(_) => StatusCode::CONFLICT,
        ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        ApiError::Forbidden(_) | ApiError::Refused(_) => StatusCode::FORBIDDEN,
        _ => StatusCode::BAD_REQUEST,
    }
}

async fn new_form(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    if let Err(e) = crate::access::may_administer_accounts(&state, &a).await {
        return error_page_for(&lang, &a, e);
    }
    new_page(&lang, &a, &AccountForm::default(), None)
}

async fn create(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<AccountForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    let input = NewAccountInput {
        username: f.username.clone(),
        fields: f.fields(),
    };
    match uc::create_account(&state, &a, &input).await {
        Ok(made) => {
            let note = lang.pick("สร้างบัญชีแล้ว", "Account created").to_string();
            account_page(
                &state,
                &lang,
                &a,
                made.account.id,
                Shown {
                    notice: Some(note),
                    password: Some(made.password),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(e @ (ApiError::BadRequest(_) | ApiError::Unprocessable(_))) => {
            new_page(&lang, &a, &f, Some(&e))
        }
        Err(e) => error_page_for(&lang, &a, e),
    }
}

/// What an account's page shows besides the account.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    /// A one-time password just made, shown this once.
    password: Option<String>,
    /// The change form as typed (a refused change), else the account as it is.
    form: Option<AccountForm>,
    error: Option<ApiError>,
}

async fn account_page(state: &AppState, lang: &Lang, a: &Actor, id: i64, shown: Shown) -> Response {
    let result: Result<Response, ApiError> = async {
        let x = uc::get_account(state, a, id).await?;
        let sessions: Vec<Value> = uc::sessions_of(state, a, &x.username)
            .await?
            .into_iter()
            .map(|s| {
                context! {
                    created => crate::bangkok_instant(&s.created_at),
                    seen => s.last_seen_at.as_deref().map(crate::bangkok_instant),
                    address => s.address, agent => s.agent,
                }
            })
            .collect();
        let form = shown.form.unwrap_or_else(|| AccountForm::of(&x));
        let problems = shown.error.as_ref().map(|e| problems(lang, e)).unwrap_or_default();
        let mut r = render(
            lang,
            "account.html",
            context! { ..chrome(lang, a), ..context! {
                acc => account_value(lang, &x), sessions, own => x.id == a.user.id,
                f => Value::from_serialize(&form), problems,
                roles => role_options(lang, &form.role), offices => office_options(lang, &form.office),
                notice => shown.notice, password => shown.password,
            }},
        );
        if let Some(e) = &shown.error {
            *r.status_mut() = status_of(e);
        }
        Ok(r)
    }
    .await;
    result.unwrap_or_else(|e| error_page(lang, e))
}

#[derive(serde::Deserialize)]
struct DoneParam {
    done: Option<String>,
}

fn done_notice(lang: &Lang, done: Option<&str>) -> Option<String> {
    let (th, en) = match done? {
        "saved" => ("บันทึกการแก้ไขแล้ว", "Changes saved"),
        "disabled" => (
            "ระงับบัญชีแล้ว: เข้าสู่ระบบไม่ได้ การเข้าสู่ระบบและโทเคนที่มีอยู่ใช้ไม่ได้ทันที",
            "Account disabled: it cannot sign in, and its sessions and tokens stopped working",
        ),
        "enabled" => ("เปิดใช้บัญชีอีกครั้งแล้ว", "Account enabled again"),
        "2fa" => (
            "ล้างการยืนยันสองขั้นตอนและยุติการเข้าสู่ระบบแล้ว",
            "Two-step sign-in reset and sessions ended",
        ),
        "sessions" => ("ยุติการเข้าสู่ระบบทั้งหมดแล้ว", "Every session ended"),
        _ => return None,
    };
    Some(lang.pick(th, en).to_string())
}

async fn show(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Query(d): Query<DoneParam>,
) -> Response {
    let notice = done_notice(&lang, d.done.as_deref());
    account_page(
        &state,
        &lang,
        &a,
        id,
        Shown {
            notice,
            ..Shown::default()
        },
    )
    .await
}

/// After a refused change: the page with the problem. A stale change shows the account as it
/// is now (reload, then decide again); bad input keeps what was typed.
async fn refused(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    id: i64,
    typed: Option<AccountForm>,
    e: ApiError,
) -> Response {
    match e {
        ApiError::BadRequest(_) | ApiError::Unprocessable(_) | ApiError::Conflict(_) => {
            let form = if matches!(e, ApiError::Conflict(_)) {
                None
            } else {
                typed
            };
            account_page(
                state,
                lang,
                a,
                id,
                Shown {
                    form,
                    error: Some(e),
                    ..Shown::default()
                },
            )
            .await
        }
        e => error_page(lang, e),
    }
}

async fn update(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<AccountForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    let u = AccountUpdate {
        version: f.version,
        fields: f.fields(),
    };
    match uc::update_account(&state, &a, id, &u).await {
        Ok(_) => Redirect::to(&format!("/admin/accounts/{id}?done=saved")).into_response(),
        Err(e) => refused(&state, &lang, &a, id, Some(f), e).await,
    }
}

#[derive(serde::Deserialize)]
struct VersionForm {
    csrf: String,
    #[serde(default)]
    version: i64,
}

async fn set_disabled(
    state: AppState,
    lang: Lang,
    a: Actor,
    id: i64,
    f: VersionForm,
    disabled: bool,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page(&lang, e);
    }
    match uc::set_account_disabled(&state, &a, id, f.version, disabled).await {
        Ok(_) => {
            let done = if disabled { "disabled" } else { "enabled" };
            Redirect::to(&format!("/admin/accounts/{id}?done={done}")).into_response()
        }
        Err(e) => refused(&state, &lang, &a, id, None, e).await,
    }
}

async fn disable(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> Response {
    set_disabled(state, lang, a, id, f, true).await
}

async fn enable(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> Response {
    set_disabled(state, lang, a, id, f, false).await
}

async fn password(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    match uc::reset_password(&state, &a, id, f.version).await {
        Ok(made) => {
            let note = lang
                .pick(
                    "ตั้งรหัสผ่านใหม่แล้ว และยุติการเข้าสู่ระบบทั้งหมดของบัญชีนี้",
                    "New password set; every session of this account ended",
                )
                .to_string();
            account_page(
                &state,
                &lang,
                &a,
                id,
                Shown {
                    notice: Some(note),
                    password: Some(made.password),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(e) => refused(&state, &lang, &a, id, None, e).await,
    }
}

#[derive(serde::Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// Resets two-step sign-in or ends every session: named by the account's username.
async fn by_username(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    id: i64,
    csrf: &str,
    what: &'static str,
) -> Response {
    if let Err(e) = a.require_csrf(Some(csrf)) {
        return error_page(lang, e);
    }
    let result: Result<(), ApiError> = async {
        let x = uc::get_account(state, a, id).await?;
        match what {
            "2fa" => uc::reset_two_factor(state, a, &x.username).await,
            _ => uc::end_sessions_of(state, a, &x.username).await.map(|_| ()),
        }
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/admin/accounts/{id}?done={what}")).into_response(),
        Err(e) => error_page(lang, e),
    }
}

async fn reset_2fa(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Response {
    by_username(&state, &lang, &a, id, &f.csrf, "2fa").await
}

async fn end_sessions(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Response {
    by_username(&state, &lang, &a, id, &f.csrf, "sessions").await
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(hub))
        .route("/admin/accounts", get(list).post(create))
        .route("/admin/accounts/new", get(new_form))
        .route("/admin/accounts/{id}", get(show).post(update))
        .route("/admin/accounts/{id}/disable", post(disable))
        .route("/admin/accounts/{id}/enable", post(enable))
        .route("/admin/accounts/{id}/password", post(password))
        .route("/admin/accounts/{id}/2fa", post(reset_2fa))
        .route("/admin/accounts/{id}/sessions", post(end_sessions))
}
