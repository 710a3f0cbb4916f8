//! The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.

pub mod cases;
pub mod drafts;
pub mod frame;
pub mod holidays;
pub mod orders;
pub mod params;
pub mod people;
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
        people::search,
        people::get_person,
        people::history,
        people::views,
        registry::units,
        registry::summary,
        registry::audit,
        orders::check,
        orders::sign,
        orders::get_order,
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
        crate::error::ErrorItem,
        people::PersonPage,
        people::PersonSummary,
        crate::frame::PositionItem,
        crate::frame::HolderItem,
        crate::frame::RetireeItem,
        crate::frame::RetirementDraft,
        frame::RetirementDraftRequest,
        crate::calendar::HolidayItem,
        holidays::HolidayYear,
        holidays::HolidayInput,
        drafts::DraftOut,
        drafts::DraftUpdate,
        drafts::Signature,
        drafts::Withdrawal,
        crate::cases::OpenCase,
        crate::cases::EventInput,
        crate::cases::CaseOut,
        crate::cases::CaseItem,
        crate::cases::DeadlineOut,
        crate::cases::EventOut,
        crate::cases::BoardItem,
        crate::cases::ReportTable,
        crate::cases::TableRow,
        cases::CasePage,
        crate::cases::NamedInput
    ))
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
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
        .route("/api/v1/people", get(people::search))
        .route("/api/v1/people/{id}", get(people::get_person))
        .route("/api/v1/people/{id}/history", get(people::history))
        .route("/api/v1/people/{id}/views", get(people::views))
        .route("/api/v1/units", get(registry::units))
        .route("/api/v1/summary", get(registry::summary))
        .route("/api/v1/audit", get(registry::audit))
        .route("/api/v1/orders/check", post(orders::check))
        .route("/api/v1/orders", post(orders::sign))
        .route("/api/v1/orders/{id}", get(orders::get_order))
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
}

/// `page` (from 1) and `per_page` (1–200, default 20), on every list.
#[derive(serde::Deserialize, Debug, Clone, Copy, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl Paging {
    pub fn limit(&self) -> i64 {
        self.per_page.unwrap_or(20).clamp(1, 200)
    }
    pub fn offset(&self) -> i64 {
        (self.page.unwrap_or(1).max(1) - 1) * self.limit()
    }
}

/// Reads a date query parameter (BE or CE), naming the field when it is wrong.
pub fn date_param(
    field: &str,
    v: Option<&str>,
    default: bmahr_core::ThaiDate,
) -> Result<bmahr_core::ThaiDate, crate::error::ApiError> {
    match v {
        None | Some("") => Ok(default),
        Some(s) => bmahr_core::ThaiDate::parse(s)
            .map_err(|e| crate::error::ApiError::bad(e.on_field(field))),
    }
}
