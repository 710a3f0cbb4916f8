//! Account security, for everyone signed in: the sessions signed in (each can be ended) and
//! two-step sign-in (TOTP) — set up with a QR code, confirmed with a first code, recovery
//! codes shown once, turned off with the password where it is not required; and the owner's
//! own password, which an account given one by an administrator must set before anything else.

use axum::extract::{Form, State};
use axum::http::{Extensions, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};

use super::{chrome, error_page, error_page_for, render, Lang, PageActor};
use crate::auth::throttle::source;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::accounts as uc;
use crate::AppState;

/// The `otpauth://` address as an inline SVG QR code (no script, no image request).
fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    svg.find("<svg").map(|i| svg[i..].to_string())
}

async fn page(
    state: &AppState,
    lang: &Lang,
    a: &Actor,
    recovery_codes: Option<Vec<String>>,
    error: Option<ApiError>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let sessions: Vec<Value> = uc::my_sessions(state, a)
            .await?
            .into_iter()
            .map(|s| {
                context! {
                    handle => s.handle,
                    created => crate::bangkok_instant(&s.created_at),
                    seen => s.last_seen_at.as_deref().map(crate::bangkok_instant),
                    address => s.address,
                    agent => s.agent,
                    current => s.current,
                }
            })
            .collect();
        let tf = uc::two_factor(state, a).await?;
        let pending = tf.pending.as_ref().map(|p| {
            let grouped: Vec<String> = p
                .secret
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            context! { secret => grouped.join(" "), uri => p.otpauth_uri.clone(), qr => qr_svg(&p.otpauth_uri) }
        });
        let error = error.map(|e| match e {
            ApiError::BadRequest(v) | ApiError::Unprocessable(v) => v
                .iter()
                .map(|x| lang.pick(&x.message_th, &x.message_en).to_string())
                .collect::<Vec<_>>()
                .join("; "),
            ApiError::Forbidden(v)
            | ApiError::NotFound(v)
            | ApiError::Unauthorized(v)
            | ApiError::TooManyRequests(v) => {
                lang.pick(&v.message_th, &v.message_en).to_string()
            }
            other => format!("{other:?}"),
        });
        Ok(render(
            lang,
            "security.html",
            context! { ..chrome(lang, a), ..context! {
                sessions,
                enabled => tf.enabled,
                required => tf.required,
                must_enrol => crate::auth::must_enrol(state, &a.user),
                must_change_password => a.user.password_temporary,
                codes_left => tf.recovery_codes_left,
                pending,
                recovery_codes,
                error,
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page(lang, e))
}

async fn show(State(state): State<AppState>, lang: Lang, PageActor(a): PageActor) -> Response {
    page(&state, &lang, &a, None, None).await
}

#[derive(serde::Deserialize)]
struct ActionForm {
    csrf: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// Checks the form's CSRF token, runs the change, and shows the page again (with the error,
/// or after a redirect so a reload does not repeat it).
async fn act<F, Fut>(
    state: AppState,
    lang: Lang,
    a: Actor,
    f: ActionForm,
    source: String,
    change: F,
) -> Response
where
    F: FnOnce(AppState, Actor, ActionForm, String) -> Fut,
    Fut: std::future::Future<Output = Result<(), ApiError>>,
{
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page(&lang, e);
    }
    match change(state.clone(), a.clone(), f, source).await {
        Ok(()) => Redirect::to("/me/security").into_response(),
        Err(e) => page(&state, &lang, &a, None, Some(e)).await,
    }
}

async fn end_session(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<ActionForm>,
) -> Response {
    act(state, lang, a, f, String::new(), |s, a, f, _| async move {
        uc::end_my_session(&s, &a, &f.handle).await
    })
    .await
}

async fn start(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    headers: HeaderMap,
    extensions: Extensions,
    Form(f): Form<ActionForm>,
) -> Response {
    let from = source(&headers, &extensions, &state.settings);
    act(state, lang, a, f, from, |s, a, f, from| async move {
        let code = Some(f.code.as_str()).filter(|c| !c.trim().is_empty());
        uc::start_two_factor(&s, &a, &from, &f.password, code)
            .await
            .map(|_| ())
    })
    .await
}

async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Form(f): Form<ActionForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    match uc::confirm_two_factor(&state, &a, &f.code).await {
        // Shown this once, on this answer (not stored, not cached: `no-store`).
        Ok(codes) => {
            let mut a = a;
            a.user.two_factor = true;
            page(&state, &lang, &a, Some(codes), None).await
        }
        Err(e) => page(&state, &lang, &a, None, Some(e)).await,
    }
}

async fn stop(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    headers: HeaderMap,
    extensions: Extensions,
    Form(f): Form<ActionForm>,
) -> Response {
    let from = source(&headers, &extensions, &state.settings);
    act(state, lang, a, f, from, |s, a, f, from| async move {
        uc::stop_two_factor(&s, &a, &from, &f.password).await
    })
    .await
}

#[derive(serde::Deserialize)]
struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

/// The owner's new password; every session ends with the old one, this one too, so the
/// answer is the sign-in page saying so.
async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    headers: HeaderMap,
    extensions: Extensions,
    Form(f): Form<PasswordForm>,
) -> Response {
    if let Err(e) = a.require_csrf(Some(&f.csrf)) {
        return error_page_for(&lang, &a, e);
    }
    let from = source(&headers, &extensions, &state.settings);
    match uc::change_my_password(&state, &a, &from, &f.current, &f.new, Some(&f.repeat)).await {
        Ok(()) => Redirect::to("/login?changed=1").into_response(),
        Err(e) => page(&state, &lang, &a, None, Some(e)).await,
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me/security", get(show))
        .route("/me/security/password", post(change_password))
        .route("/me/security/sessions/end", post(end_session))
        .route("/me/security/2fa/start", post(start))
        .route("/me/security/2fa/confirm", post(confirm))
        .route("/me/security/2fa/off", post(stop))
}
