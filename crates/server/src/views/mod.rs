//! Server-rendered pages, Thai first with an English switch. Forms work without JavaScript;
//! every form carries the session's CSRF token.

mod accounts;
mod admin;
mod advice;
mod cases;
mod frame;
mod me;
mod notices;
pub mod orders;
pub mod parts;
mod pickers;
mod reports;
mod security;

use std::sync::OnceLock;

use axum::extract::{Form, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use bmahr_core::law::retirement::retirement_date;
use bmahr_core::role::Role;
use bmahr_core::FiscalYear;
use minijinja::{context, Environment, Value};

use crate::auth::login::{attempt, cookie_headers, end_session, sign_in};
use crate::auth::password::random_secret;
use crate::auth::{cookie, cookie_in, resolve, Actor};
use crate::error::ApiError;
use crate::{today, AppState};

const LANG_COOKIE: &str = "bmahr_lang";
const LOGIN_CSRF_COOKIE: &str = "bmahr_login_csrf";

/// Every page template, compiled into the binary.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("security.html", include_str!("templates/security.html")),
    ("error.html", include_str!("templates/error.html")),
    ("dashboard.html", include_str!("templates/dashboard.html")),
    ("search.html", include_str!("templates/search.html")),
    ("pick.html", include_str!("templates/pick.html")),
    ("person.html", include_str!("templates/person.html")),
    (
        "person_timeline.html",
        include_str!("templates/person_timeline.html"),
    ),
    (
        "person_facts.html",
        include_str!("templates/person_facts.html"),
    ),
    ("units.html", include_str!("templates/units.html")),
    ("unit.html", include_str!("templates/unit.html")),
    (
        "retirements.html",
        include_str!("templates/retirements.html"),
    ),
    ("forecast.html", include_str!("templates/forecast.html")),
    ("holidays.html", include_str!("templates/holidays.html")),
    ("audit.html", include_str!("templates/audit.html")),
    ("me.html", include_str!("templates/me.html")),
    ("orders.html", include_str!("templates/orders.html")),
    ("order_form.html", include_str!("templates/order_form.html")),
    ("draft.html", include_str!("templates/draft.html")),
    ("order.html", include_str!("templates/order.html")),
    ("problems.html", include_str!("templates/problems.html")),
    ("cases.html", include_str!("templates/cases.html")),
    ("case.html", include_str!("templates/case.html")),
    ("case_new.html", include_str!("templates/case_new.html")),
    (
        "case_problems.html",
        include_str!("templates/case_problems.html"),
    ),
    ("deadlines.html", include_str!("templates/deadlines.html")),
    ("kpk_named.html", include_str!("templates/kpk_named.html")),
    (
        "discipline_report.html",
        include_str!("templates/discipline_report.html"),
    ),
    ("downloads.html", include_str!("templates/downloads.html")),
    ("sort_th.html", include_str!("templates/sort_th.html")),
    ("sheet.html", include_str!("templates/sheet.html")),
    ("annual.html", include_str!("templates/annual.html")),
    ("notices.html", include_str!("templates/notices.html")),
    ("admin.html", include_str!("templates/admin.html")),
    ("accounts.html", include_str!("templates/accounts.html")),
    ("account.html", include_str!("templates/account.html")),
    (
        "account_new.html",
        include_str!("templates/account_new.html"),
    ),
    (
        "account_fields.html",
        include_str!("templates/account_fields.html"),
    ),
    (
        "account_problems.html",
        include_str!("templates/account_problems.html"),
    ),
];

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut e = Environment::new();
        for (name, src) in TEMPLATES {
            if let Err(err) = e.add_template(name, src) {
                eprintln!("template {name}: {err}");
            }
        }
        // Counts with thousands separators: {{ n|num }}.
        e.add_filter("num", |n: i64| bmahr_core::money::grouped(n));
        // t(lang, thai, english): one label in the page's language.
        e.add_function("t", |lang: &str, th: &str, en: &str| {
            Value::from(if lang == "en" { en } else { th })
        });
        // section(lang, "§52 วรรคหนึ่ง (3)"): a section of the Act in the page's language.
        e.add_function("section", |lang: &str, s: &str| {
            Value::from(bmahr_core::i18n::section_label(s, lang == "en"))
        });
        e
    })
}

/// The page's language: `?lang=` (remembered in a cookie), else the cookie, else Thai.
#[derive(Clone)]
pub struct Lang {
    pub code: &'static str,
    set_cookie: bool,
    /// This page in the other language: a query-only link (`?q=…&lang=en`), which the browser
    /// resolves against the page it is on, so no path (`//evil.example/x`) is ever echoed into
    /// a link that could leave the site.
    switch: String,
    /// This list as a file: the page's query without its paging, `format=` to be added
    /// (query-only, as `switch`).
    download: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        let asked = q.split('&').find_map(|kv| kv.strip_prefix("lang="));
        let code = match asked.or_else(|| cookie(parts, LANG_COOKIE)) {
            Some("en") => "en",
            _ => "th",
        };
        let other = if code == "en" { "th" } else { "en" };
        let mut query: Vec<&str> = q
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        let lang_kv = format!("lang={other}");
        query.push(&lang_kv);
        let switch = format!("?{}", query.join("&"));
        let kept: Vec<&str> = q
            .split('&')
            .filter(|kv| {
                !kv.is_empty()
                    && !kv.starts_with("lang=")
                    && !kv.starts_with("format=")
                    && !kv.starts_with("page=")
            })
            .collect();
        let download = if kept.is_empty() {
            "?format=".to_string()
        } else {
            format!("?{}&format=", kept.join("&"))
        };
        Ok(Lang {
            download,
            code,
            set_cookie: asked.is_some(),
            switch,
        })
    }
}

impl Lang {
    pub(crate) fn en(&self) -> bool {
        self.code == "en"
    }
    pub(crate) fn pick<'a>(&self, th: &'a str, en: &'a str) -> &'a str {
        if self.en() {
            en
        } else {
            th
        }
    }
}

/// A signed-in person on a page; anyone else is sent to the login page.
pub struct PageActor(pub Actor);

impl FromRequestParts<AppState> for PageActor {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        resolve(parts, state, None)
            .await
            .map(PageActor)
            .map_err(|e| match e {
                // A session that must turn on a second factor first is taken to where it can.
                // So is one that must change a password an administrator set.
                ApiError::Forbidden(v)
                    if v.code == crate::auth::ENROL_FIRST
                        || v.code == crate::auth::CHANGE_PASSWORD_FIRST =>
                {
                    Redirect::to("/me/security").into_response()
                }
                _ => Redirect::to("/login").into_response(),
            })
    }
}

/// A part of a page, to be placed in another template as it is. It is given only the
/// language, not the request's address (`lang_switch`), since a part may be kept and shown
/// to others.
pub(crate) fn render_part(lang: &Lang, name: &str, ctx: Value) -> Result<String, ApiError> {
    env()
        .get_template(name)
        .and_then(|t| t.render(context! { lang => lang.code, ..ctx }))
        .map_err(|e| ApiError::Internal(format!("template error: {e}")))
}

pub(crate) fn render(lang: &Lang, name: &str, ctx: Value) -> Response {
    let page = env().get_template(name).and_then(|t| {
        t.render(context! {
            lang => lang.code, lang_switch => lang.switch.clone(),
            dl_xlsx => format!("{}xlsx", lang.download), dl_pdf => format!("{}pdf", lang.download),
            ..ctx
        })
    });
    let mut resp = match page {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("template error: {e}"),
        )
            .into_response(),
    };
    if lang.set_cookie {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang.code
        )) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// An audit event's kind in the reader's words (its code when it has none).
pub(crate) fn action_words(lang: &Lang, code: &str) -> String {
    match bmahr_store::action_label(code) {
        ("", _) => code.to_string(),
        (th, en) => lang.pick(th, en).to_string(),
    }
}

fn role_label(lang: &Lang, r: Role) -> String {
    lang.pick(r.th(), r.en()).to_string()
}

/// The user part of every signed-in page.
pub(crate) fn chrome(lang: &Lang, a: &Actor) -> Value {
    let csrf = match &a.via {
        crate::auth::Via::Session { csrf, .. } => csrf.clone(),
        crate::auth::Via::Token => String::new(),
    };
    context! { user => context! { username => a.user.username.clone() }, role_label => role_label(lang, a.role()), csrf, nav => nav(lang, a) }
}

/// The pages a role may use, for the header: (path, label). Kept short for phone width.
fn nav(lang: &Lang, a: &Actor) -> Vec<Value> {
    let offer = bmahr_core::access::offer(&a.asker());
    let (officer, orders, cases, whole) =
        (offer.officer, offer.orders, offer.cases, offer.whole_bma);
    [
        (officer, "/people", "ค้นหาบุคคล", "People"),
        (orders, "/orders", "คำสั่ง", "Orders"),
        (officer, "/units", "หน่วยงาน", "Units"),
        (officer, "/retirements", "เกษียณ", "Retirements"),
        (true, "/holidays", "วันหยุด", "Holidays"),
        (cases, "/cases", "วินัย/อุทธรณ์", "Cases"),
        (cases, "/deadlines", "กำหนดเวลา", "Deadlines"),
        (whole, "/audit", "บันทึกการใช้งาน", "Audit log"),
        (offer.me, "/me", "ข้อมูลของฉัน", "Me"),
        (offer.admin_accounts, "/admin", "ผู้ดูแลระบบ", "Administration"),
        (true, "/me/security", "ความปลอดภัย", "Security"),
    ]
    .into_iter()
    .filter(|(shown, ..)| *shown)
    .map(|(_, href, th, en)| {
        // Constant paths: nothing to escape (the escaper would write `/` as `&#x2f;`).
        context! {
            href => Value::from_safe_string(href.to_string()),
            id => href.trim_start_matches('/').replace('/', "-"),
            label => lang.pick(th, en),
        }
    })
    .collect()
}

/// A refusal or an error inside the site's frame, for a signed-in reader: what was refused,
/// the rule (section) and what to do instead. Never a bare page.
pub(crate) fn error_page_for(lang: &Lang, a: &Actor, e: ApiError) -> Response {
    let (status, v) = match &e {
        ApiError::Forbidden(v) => (StatusCode::FORBIDDEN, vec![v.clone()]),
        ApiError::NotFound(v) => (StatusCode::NOT_FOUND, vec![v.clone()]),
        ApiError::Conflict(v) => (StatusCode::CONFLICT, vec![v.clone()]),
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) | ApiError::Refused(v) => {
            (StatusCode::BAD_REQUEST, v.0.clone())
        }
        _ => return error_page(lang, e),
    };
    let items: Vec<Value> = v
        .iter()
        .map(|x| {
            let (th, en) = advice::advice(x).unwrap_or(("", ""));
            context! {
                message => lang.pick(&x.message_th, &x.message_en),
                section => x.section.map(|s| bmahr_core::i18n::section_label(s, lang.en())),
                advice => lang.pick(th, en),
            }
        })
        .collect();
    let message = items
        .first()
        .map(|i| {
            i.get_attr("message")
                .map(|m| m.to_string())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let mut r = render(
        lang,
        "error.html",
        context! { ..chrome(lang, a), ..context! { message, items, status => status.as_u16() } },
    );
    *r.status_mut() = status;
    r
}

pub(crate) fn error_page(lang: &Lang, e: ApiError) -> Response {
    let (status, msg) = match &e {
        ApiError::Forbidden(v) => (
            StatusCode::FORBIDDEN,
            lang.pick(&v.message_th, &v.message_en).to_string(),
        ),
        ApiError::NotFound(v) => (
            StatusCode::NOT_FOUND,
            lang.pick(&v.message_th, &v.message_en).to_string(),
        ),
        ApiError::BadRequest(v) | ApiError::Unprocessable(v) => (
            StatusCode::BAD_REQUEST,
            v.iter()
                .map(|x| format!("{}: {}", x.field, lang.pick(&x.message_th, &x.message_en)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => (StatusCode::INTERNAL_SERVER_ERROR, format!("{other:?}")),
    };
    let mut r = render(
        lang,
        "error.html",
        context! { message => msg, status => status.as_u16(), user => Value::UNDEFINED },
    );
    *r.status_mut() = status;
    r
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.js"),
    )
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

#[derive(serde::Deserialize)]
struct LoginQuery {
    /// Set after the owner changed their password (every session ended with the old one).
    #[serde(default)]
    changed: Option<String>,
}

async fn login_page(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<LoginQuery>,
) -> Response {
    login_page_with(&state, &lang, "", None, q.changed.is_some())
}

fn login_form(state: &AppState, lang: &Lang, username: &str, error: Option<String>) -> Response {
    login_page_with(state, lang, username, error, false)
}

fn login_page_with(
    state: &AppState,
    lang: &Lang,
    username: &str,
    error: Option<String>,
    changed: bool,
) -> Response {
    let token = random_secret("").unwrap_or_default();
    let mut r = render(
        lang,
        "login.html",
        context! { login_csrf => token.clone(), username, error, changed, user => Value::UNDEFINED },
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LOGIN_CSRF_COOKIE}={token}; {}; Path=/login",
        state.settings.cookie_attrs()
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[derive(serde::Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    otp: String,
    csrf: String,
}

async fn login_submit(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(f): Form<LoginForm>,
) -> Response {
    // Double submit: the form's token must equal the cookie set with the form.
    let cookie_token = cookie_in(&headers, LOGIN_CSRF_COOKIE);
    if f.csrf.is_empty() || cookie_token != Some(f.csrf.as_str()) {
        let mut r = login_form(
            &state,
            &lang,
            &f.username,
            Some(
                lang.pick("แบบฟอร์มหมดอายุ กรุณาลองใหม่", "the form expired; try again")
                    .into(),
            ),
        );
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    let otp = Some(f.otp.as_str()).filter(|o| !o.trim().is_empty());
    let attempt = attempt(&state, &headers, &extensions, &f.username, &f.password, otp);
    match sign_in(&state, attempt).await {
        Ok(s) => {
            let to = if s.must_enrol_2fa || s.user.password_temporary {
                "/me/security"
            } else {
                "/"
            };
            match cookie_headers(&s.cookies) {
                Ok(h) => (h, Redirect::to(to)).into_response(),
                Err(e) => error_page(&lang, e),
            }
        }
        Err(e) => {
            let msg = match &e {
                ApiError::Unauthorized(v) | ApiError::TooManyRequests(v) => {
                    lang.pick(&v.message_th, &v.message_en).to_string()
                }
                other => format!("{other:?}"),
            };
            let status = match &e {
                ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            let mut r = login_form(&state, &lang, &f.username, Some(msg));
            *r.status_mut() = status;
            r
        }
    }
}

#[derive(serde::Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout_submit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    match end_session(&state, &a, &headers).await {
        Ok(h) => (h, Redirect::to("/login")).into_response(),
        Err(e) => error_page_for(&lang, &a, e),
    }
}

async fn dashboard(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    // Each role lands on its work: an employee on their own record, the discipline and
    // ก.พ.ค. offices on their deadline board; an appointing authority on this page with the
    // drafts awaiting their signature first; HR on the district dashboard.
    if matches!(a.role(), Role::DisciplineOfficer | Role::MeritCommission) {
        return Redirect::to("/deadlines").into_response();
    }
    if !bmahr_core::access::offer(&a.asker()).officer {
        return Redirect::to("/me").into_response();
    }
    let on = today();
    let units: Option<Vec<i64>> = a.scope.as_ref().map(|s| s.iter().copied().collect());
    let result: Result<Response, ApiError> = async {
        let (h, retiring) = state.store.dashboard_figures(on, units.as_deref()).await?;
        let fy = FiscalYear::of(on);
        let categories: Vec<Value> = h
            .by_category
            .iter()
            .map(|(c, n)| context! { label => lang.pick(c.th(), c.en()), count => n })
            .collect();
        // Orders awaiting signature, for those who draft, sign or audit them.
        let awaiting = if !bmahr_core::access::offer(&a.asker()).orders {
            None
        } else {
            Some(state.store.drafts(bmahr_store::DraftStatus::Draft, units.as_deref(), 1, 0).await?.1)
        };
        // What the signer (or the drafter) has to act on, listed above the figures.
        let work: Vec<Value> = crate::usecases::notices::of(&state, &a)
            .await?
            .items
            .into_iter()
            .filter(|n| n.kind != "deadline")
            .take(10)
            .map(|n| context! { href => n.href, title => lang.pick(&n.title_th, &n.title_en).to_string(), kind => n.kind })
            .collect();
        let charts: Vec<Value> = crate::usecases::reports::dashboard_charts(&state, &a, on, lang.en())
            .await?
            .iter()
            .enumerate()
            .map(|(i, p)| context! {
                sheet => reports::sheet_value(&p.sheet), text => p.text.clone(), n => i,
                chart => p.chart.as_ref().map(|c| Value::from_safe_string(c.svg())),
            })
            .collect();
        let scope_name = match a.user.scope_unit_id {
            Some(u) if a.scope.is_some() => state.store.unit_name(u).await?.map(|x| lang.pick(&x.name_th, &x.name_en).to_string()).unwrap_or_default(),
            _ => lang.pick("ทั้งกรุงเทพมหานคร", "whole BMA").to_string(),
        };
        Ok(render(&lang, "dashboard.html", context! {
            ..chrome(&lang, &a),
            ..context! {
                in_service => h.in_service, vacant => h.vacant(), frame => h.frame, retiring, fiscal_year => fy.year_be(),
                categories, scope_name, awaiting, charts, work, today => frame::show_date(&lang, on),
            }
        }))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct SearchParams {
    q: Option<String>,
    page: Option<i64>,
}

const PER_PAGE: i64 = 20;

async fn search(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<SearchParams>,
    Query(file): Query<crate::sheets::FormatParam>,
) -> Response {
    let q = p.q.unwrap_or_default();
    let page = p.page.unwrap_or(1).max(1);
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let asked = crate::usecases::Paging { page: Some(page), per_page: Some(PER_PAGE), whole: false };
        let s = crate::usecases::people::Search {
            q: q.clone(),
            as_of: None,
            paging: crate::sheets::rows_for(wanted, asked),
        };
        let on = today();
        let l = crate::usecases::people::search(&state, &a, &s, on).await?;
        if let Some(format) = wanted {
            let units = crate::sheets::unit_names(&state).await?;
            let printed = crate::usecases::documents::printed_line(&a, on);
            let sheet = crate::sheets::people(&l, &q, None, &units, printed);
            return crate::sheets::answer(format, sheet, "people").await;
        }
        let (items, total) = (l.items, l.total);
        let items: Vec<Value> = items
            .into_iter()
            .map(|h| {
                let status = h
                    .status
                    .as_deref()
                    .and_then(|s| bmahr_core::register::Status::parse(s).ok())
                    .map(|s| lang.pick(s.th(), s.en()).to_string())
                    .unwrap_or_default();
                let level = h.level.as_deref().and_then(|l| bmahr_core::personnel::Level::parse(l).ok()).map(|l| lang.pick(l.th(), l.en()).to_string());
                let unit = h.unit_code.as_ref().map(|c| {
                    let name = if lang.en() { &h.unit_name_en } else { &h.unit_name_th };
                    format!("{c} {}", name.as_deref().unwrap_or(""))
                });
                context! {
                    id => h.id,
                    name => if lang.en() { h.name_en } else { h.name_th },
                    national_id => formatted_id(&h.national_id), position_no => h.position_no,
                    position_title => h.position_title.as_deref().map(|t| bmahr_core::i18n::line_of_work(t, lang.en()).to_string()), unit, level, status,
                }
            })
            .collect();
        Ok(render(&lang, "search.html", context! {
            ..chrome(&lang, &a),
            ..context! { q, items, total, page, more => page * PER_PAGE < total }
        }))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

async fn person(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
    Query(q): Query<PersonParams>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let now = today();
        // The facts as they stood on the day asked (`?as_of=`, B.E.), today by default.
        let on = crate::usecases::date_param("as_of", q.as_of.as_deref(), now)?;
        // Every action, including those signed to take effect later (shown as upcoming);
        // from memory while the person's version is unchanged. Those who read the audit
        // log also see the record's trail (its events but the openings, which the page
        // links to), read with the version.
        let read = crate::usecases::people::read_profile(&state, &a, id, now, "page", true).await?;
        let shows_trail = read.shows_trail;
        let (profile, trail, reveal) = (read.profile, read.trail, read.reveal);
        let p = &profile.record.person;
        let rec = profile.record_on(on);
        let unit = match &rec.placement {
            Some(pl) => state.store.unit_name(pl.unit_id).await?
                .map(|u| format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en))),
            None => None,
        };
        let in_service = rec.in_service();
        // Dates are shown in the Buddhist era in both languages.
        let date = |d: bmahr_core::ThaiDate| frame::show_date(&lang, d);
        // Each action with where it took the record from (core), and the units it names.
        let steps = bmahr_core::register::history_steps(&profile.actions);
        let mut units: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        let mut unit_ids: Vec<i64> = Vec::new();
        for s in &steps {
            unit_ids.extend(s.post.iter().chain(s.from.iter()).map(|pl| pl.unit_id));
        }
        unit_ids.sort_unstable();
        unit_ids.dedup();
        for id in unit_ids {
            if let Some(u) = state.store.unit_name(id).await? {
                units.insert(id, format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en)));
            }
        }
        fn post_of(lang: &Lang, pl: &bmahr_core::register::Placement) -> String {
            format!("{} {} {}", pl.position_no, bmahr_core::i18n::line_of_work(&pl.line_of_work, lang.en()), lang.pick(pl.level.th(), pl.level.en()))
        }
        fn unit_in(units: &std::collections::HashMap<i64, String>, pl: &bmahr_core::register::Placement) -> String {
            units.get(&pl.unit_id).cloned().unwrap_or_default()
        }
        // The history table depends on the record's version, the language and the day
        // (what is still upcoming), so it is rendered once for them and kept with the profile.
        let timeline = state.parts.get_or_render(&profile, &format!("timeline {} {}", lang.code, now.iso()), || {
            let rows: Vec<Value> = steps
                .iter()
                .rev()
                .map(|s| {
                    let x = s.action;
                    let unit = s.post.as_ref().map(|pl| unit_in(&units, pl)).unwrap_or_default();
                    let from_unit = s.from.as_ref().map(|pl| unit_in(&units, pl)).filter(|u| *u != unit);
                    context! {
                        date => date(x.effective_date),
                        upcoming => x.effective_date > now,
                        kind => lang.pick(x.kind.th(), x.kind.en()),
                        order => x.order_number.clone(), order_id => x.order_id,
                        position => x.placement.as_ref().map(|pl| post_of(&lang, pl)).unwrap_or_default(),
                        from => s.from.as_ref().map(|pl| post_of(&lang, pl)),
                        unit, from_unit,
                        salary => x.salary.map(|s| s.to_string()).unwrap_or_default(),
                        salary_from => s.salary_from.map(|bmahr_core::register::Salaried(b)| b.to_string()),
                    }
                })
                .collect();
            render_part(&lang, "person_timeline.html", context! { actions => rows })
        })?;
        // So are the facts above it, for the identity shown to this reader and the day.
        let facts = state.parts.get_or_render(&profile, &format!("facts {} {} {reveal}", lang.code, on.iso()), || {
            let status = match (rec.status, rec.separation) {
                (Some(s), Some((why, d))) if s == bmahr_core::register::Status::Separated => {
                    format!("{} ({} {})", lang.pick(s.th(), s.en()), lang.pick(why.th(), why.en()), date(d))
                }
                (Some(s), _) => lang.pick(s.th(), s.en()).to_string(),
                (None, _) => lang.pick("ยังไม่เข้ารับราชการ", "not yet in service").to_string(),
            };
            let service = profile.service_on(on);
            render_part(&lang, "person_facts.html", context! {
                name_en => p.name.full_en(),
                national_id => if reveal { p.national_id.reveal_formatted() } else { p.national_id.masked() },
                birth => frame::show_date(&lang, p.birth_date),
                retires => frame::show_date(&lang, retirement_date(p.birth_date)),
                status,
                position => rec.placement.as_ref().map(|pl| post_of(&lang, pl)).unwrap_or_default(),
                salary => rec.salary.map(|s| format!("{s} {}", lang.pick("บาท", "baht"))).unwrap_or_default(),
                since => rec.service_start.map(date).unwrap_or_default(),
                service => if lang.en() { service.en() } else { service.th() },
                unit, in_service,
            })
        })?;
        let trail: Vec<Value> = trail
            .into_iter()
            .map(|e| context! { at => crate::bangkok_instant(&e.at), actor => e.actor, action => action_words(&lang, &e.action), action_code => e.action, reason => e.reason, detail => e.detail })
            .collect();
        Ok(render(&lang, "person.html", context! {
            ..chrome(&lang, &a),
            ..context! {
                name => if lang.en() { p.name.full_en() } else { p.name.full_th() },
                facts => Value::from_safe_string(facts.to_string()),
                timeline => Value::from_safe_string(timeline.to_string()), trail,
                trail_size => bmahr_store::RECORD_TRAIL, person_id => id, shows_trail,
                as_of => on.to_string(), past => on != now, on_shown => frame::show_date(&lang, on),
            }
        }))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// `?as_of=` on the person page: the day whose record the facts show.
#[derive(serde::Deserialize)]
struct PersonParams {
    as_of: Option<String>,
}

/// The person's ทะเบียนประวัติ (ก.พ.7) as a PDF; audited as an opening of the record.
async fn record_pdf(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(id): Path<i64>,
) -> Response {
    match crate::usecases::documents::record_pdf(&state, &a, id, today()).await {
        Ok(d) => axum::response::IntoResponse::into_response(d),
        Err(e) => error_page_for(&lang, &a, e),
    }
}

/// A national ID as shown (full or masked) grouped as Thai cards print it: 1-2345-67890-12-3.
pub(crate) fn formatted_id(shown: &str) -> String {
    match bmahr_core::NationalId::parse(shown) {
        Ok(n) => n.reveal_formatted(),
        Err(_) => shown.to_string(),
    }
}

/// Any address that is not a page: a page saying so, in the user's language. Under `/api/` the answer is the API's JSON error.
pub async fn not_found(lang: Lang, uri: axum::http::Uri) -> Response {
    let e = ApiError::NotFound(bmahr_core::Violation::new(
        "not_found",
        "path",
        "ไม่พบหน้าที่ต้องการ",
        "there is no such page",
    ));
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        error_page(&lang, e)
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout_submit))
        .route("/people", get(search))
        .route("/people/{id}", get(person))
        .route("/people/{id}/record.pdf", get(record_pdf))
        .merge(frame::routes())
        .merge(admin::routes())
        .merge(accounts::routes())
        .merge(me::routes())
        .merge(security::routes())
        .merge(orders::routes())
        .merge(notices::routes())
        .merge(cases::routes())
        .merge(pickers::routes())
        .merge(reports::routes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template with a syntax error would be skipped at start-up and its page would fail.
    #[test]
    fn every_template_compiles() {
        for (name, _) in TEMPLATES {
            assert!(env().get_template(name).is_ok(), "{name} does not compile");
        }
    }
}
