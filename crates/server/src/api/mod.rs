//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.

pub mod accounts;
pub mod cases;
pub mod documents;
pub mod drafts;
pub mod frame;
pub mod holidays;
pub mod orders;
pub mod people;
pub mod pickers;
pub mod registry;

use axum::routing::{delete, get, post};
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "bmahr API",
        description = "ระบบสารสนเทศทรัพยากรบุคคล กรุงเทพมหานคร / BMA HR information system"
    ),
    paths(
        crate::auth::login::login,
        crate::auth::login::logout,
        crate::auth::login::change_password,
        accounts::my_sessions,
        accounts::end_my_session,
        accounts::two_factor,
        accounts::start_two_factor,
        accounts::confirm_two_factor,
        accounts::stop_two_factor,
        accounts::sessions_of,
        accounts::end_sessions_of,
        accounts::reset_two_factor,
        accounts::list_accounts,
        accounts::create_account,
        accounts::get_account,
        accounts::update_account,
        accounts::disable_account,
        accounts::enable_account,
        accounts::reset_password,
        people::search,
        people::get_person,
        people::history,
        pickers::people,
        pickers::positions,
        pickers::units,
        people::views,
        registry::units,
        registry::summary,
        registry::audit,
        orders::check,
        orders::sign,
        orders::get_order,
        documents::order_pdf,
        documents::record_pdf,
        documents::my_record_pdf,
        documents::annual,
        frame::positions,
        frame::retirements,
        frame::forecast,
        frame::frame_versions,
        frame::draft_retirements,
        holidays::list,
        holidays::put,
        holidays::delete,
        drafts::create,
        drafts::list,
        drafts::get_draft,
        drafts::update,
        drafts::sign,
        drafts::withdraw,
        drafts::return_draft,
        drafts::versions,
        drafts::changes,
        drafts::notifications,
        orders::list_orders,
        cases::open,
        cases::get_case,
        cases::record,
        cases::list,
        cases::deadlines,
        cases::report,
        cases::named,
        cases::add_named,
        cases::remove_named,
    ),
    components(schemas(
        crate::error::ErrorBody,
        crate::usecases::accounts::SessionItem,
        crate::usecases::accounts::TwoFactorState,
        crate::usecases::accounts::Enrolment,
        accounts::CodeInput,
        accounts::StartInput,
        accounts::RecoveryCodes,
        accounts::PasswordInput,
        accounts::Ended,
        accounts::VersionInput,
        crate::usecases::accounts::AccountOut,
        crate::usecases::accounts::AccountPage,
        crate::usecases::accounts::AccountFields,
        crate::usecases::accounts::NewAccountInput,
        crate::usecases::accounts::AccountUpdate,
        crate::usecases::accounts::AccountWithPassword,
        crate::error::ErrorItem,
        crate::usecases::people::PersonSummary,
        crate::usecases::pickers::PickedPerson,
        crate::usecases::pickers::PickedPosition,
        crate::usecases::pickers::PickedUnit,
        crate::usecases::pickers::UnitRef,
        crate::usecases::pickers::HolderRef,
        crate::usecases::people::PersonOut,
        crate::usecases::people::ServiceOut,
        crate::usecases::people::HistoryOut,
        crate::usecases::people::ViewsPage,
        crate::usecases::people::ViewItem,
        crate::usecases::orders::CheckOut,
        crate::usecases::orders::Signed,
        bmahr_core::register::OrderDraft,
        crate::usecases::orders::NamedPerson,
        crate::usecases::registry::UnitPage,
        crate::usecases::registry::AuditPage,
        crate::usecases::registry::NamedInLog,
        crate::usecases::frame::PositionItem,
        crate::usecases::frame::HolderItem,
        crate::usecases::frame::RetireeItem,
        crate::usecases::frame::RetirementDraft,
        frame::RetirementDraftRequest,
        crate::usecases::holidays::HolidayItem,
        holidays::HolidayYear,
        holidays::HolidayInput,
        drafts::DraftOut,
        drafts::DraftUpdate,
        drafts::Signature,
        drafts::Withdrawal,
        drafts::Return,
        crate::usecases::orders::VersionOut,
        crate::usecases::orders::ActionChange,
        crate::usecases::orders::Side,
        crate::usecases::notices::Notices,
        crate::usecases::notices::Notice,
        crate::usecases::cases::OpenCase,
        crate::usecases::cases::EventInput,
        crate::usecases::cases::CaseOut,
        crate::usecases::cases::CaseItem,
        crate::usecases::cases::DeadlineOut,
        crate::usecases::cases::EventOut,
        crate::usecases::cases::BoardItem,
        crate::usecases::cases::ReportTable,
        crate::usecases::cases::TableRow,
        cases::CasePage,
        crate::usecases::cases::NamedInput,
        cases::Created
    ))
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Axum answers a body, path or query it cannot read (and a method a route lacks) in plain
/// text; the API answers every error in its documented JSON shape, naming what was wrong.
async fn json_errors(res: axum::response::Response) -> axum::response::Response {
    use axum::http::header::CONTENT_TYPE;
    use axum::response::IntoResponse;
    let status = res.status();
    let is_json = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return res;
    }
    let text = axum::body::to_bytes(res.into_body(), 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    // Axum's texts begin with what failed: "Failed to deserialize query string: ...".
    let field = if text.contains("query string") {
        "query"
    } else if text.contains("URL") || text.contains("path") {
        "path"
    } else if status == axum::http::StatusCode::METHOD_NOT_ALLOWED {
        "method"
    } else {
        "body"
    };
    let v = bmahr_core::Violation::new(
        "request.malformed",
        field,
        format!("คำขอไม่ถูกต้อง ({field}): {text}"),
        format!("malformed request ({field}): {text}"),
    );
    let mut out = crate::error::ApiError::bad(v).into_response();
    *out.status_mut() = status;
    out
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/login", post(crate::auth::login::login))
        .route("/api/v1/logout", post(crate::auth::login::logout))
        .route(
            "/api/v1/password",
            post(crate::auth::login::change_password),
        )
        .route("/api/v1/me/sessions", get(accounts::my_sessions))
        .route(
            "/api/v1/me/sessions/{handle}",
            delete(accounts::end_my_session),
        )
        .route(
            "/api/v1/me/2fa",
            get(accounts::two_factor).post(accounts::start_two_factor),
        )
        .route("/api/v1/me/2fa/confirm", post(accounts::confirm_two_factor))
        .route("/api/v1/me/2fa/off", post(accounts::stop_two_factor))
        .route(
            "/api/v1/users/{username}/sessions",
            get(accounts::sessions_of).delete(accounts::end_sessions_of),
        )
        .route(
            "/api/v1/users/{username}/2fa",
            delete(accounts::reset_two_factor),
        )
        .route(
            "/api/v1/accounts",
            get(accounts::list_accounts).post(accounts::create_account),
        )
        .route(
            "/api/v1/accounts/{id}",
            get(accounts::get_account).patch(accounts::update_account),
        )
        .route(
            "/api/v1/accounts/{id}/disable",
            post(accounts::disable_account),
        )
        .route(
            "/api/v1/accounts/{id}/enable",
            post(accounts::enable_account),
        )
        .route(
            "/api/v1/accounts/{id}/password",
            post(accounts::reset_password),
        )
        .route("/api/v1/people", get(people::search))
        .route("/api/v1/pick/people", get(pickers::people))
        .route("/api/v1/pick/positions", get(pickers::positions))
        .route("/api/v1/pick/units", get(pickers::units))
        .route("/api/v1/people/{id}", get(people::get_person))
        .route("/api/v1/people/{id}/history", get(people::history))
        .route("/api/v1/people/{id}/views", get(people::views))
        .route("/api/v1/units", get(registry::units))
        .route("/api/v1/summary", get(registry::summary))
        .route("/api/v1/audit", get(registry::audit))
        .route("/api/v1/orders/check", post(orders::check))
        .route(
            "/api/v1/orders",
            get(orders::list_orders).post(orders::sign),
        )
        .route("/api/v1/orders/{id}", get(orders::get_order))
        .route("/api/v1/orders/{id}/pdf", get(documents::order_pdf))
        .route("/api/v1/people/{id}/record.pdf", get(documents::record_pdf))
        .route("/api/v1/me/record.pdf", get(documents::my_record_pdf))
        .route("/api/v1/reports/annual", get(documents::annual))
        .route("/api/v1/positions", get(frame::positions))
        .route("/api/v1/retirements", get(frame::retirements))
        .route("/api/v1/retirements/forecast", get(frame::forecast))
        .route("/api/v1/units/{code}/frames", get(frame::frame_versions))
        .route("/api/v1/retirements/draft", post(frame::draft_retirements))
        .route("/api/v1/holidays", get(holidays::list).post(holidays::put))
        .route("/api/v1/holidays/{date}", delete(holidays::delete))
        .route("/api/v1/drafts", get(drafts::list).post(drafts::create))
        .route(
            "/api/v1/drafts/{id}",
            get(drafts::get_draft).put(drafts::update),
        )
        .route("/api/v1/drafts/{id}/sign", post(drafts::sign))
        .route("/api/v1/drafts/{id}/withdraw", post(drafts::withdraw))
        .route("/api/v1/drafts/{id}/return", post(drafts::return_draft))
        .route("/api/v1/drafts/{id}/versions", get(drafts::versions))
        .route("/api/v1/drafts/{id}/changes", get(drafts::changes))
        .route("/api/v1/notifications", get(drafts::notifications))
        .route("/api/v1/cases", get(cases::list).post(cases::open))
        .route("/api/v1/cases/{id}", get(cases::get_case))
        .route("/api/v1/cases/{id}/events", post(cases::record))
        .route("/api/v1/deadlines", get(cases::deadlines))
        .route("/api/v1/reports/discipline", get(cases::report))
        .route(
            "/api/v1/kpk-named",
            get(cases::named).post(cases::add_named),
        )
        .route("/api/v1/kpk-named/{id}", delete(cases::remove_named))
        .layer(axum::middleware::map_response(json_errors))
}

pub use crate::usecases::{date_param, Paging};
