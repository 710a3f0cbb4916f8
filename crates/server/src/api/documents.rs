//! Printed documents as files (doors onto `usecases::documents`).

use axum::extract::{Path, State};

use crate::auth::Actor;
use crate::error::{ApiError, ErrorBody};
use crate::usecases::documents::{self, Download};
use crate::{today, AppState};

#[utoipa::path(get, path = "/api/v1/orders/{id}/pdf", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pdf", description = "the signed order in the official layout, with its annex"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn order_pdf(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Download, ApiError> {
    documents::order_pdf(&state, &actor, id).await
}

#[utoipa::path(get, path = "/api/v1/people/{id}/record.pdf", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pdf", description = "ทะเบียนประวัติ (ก.พ.7); the download is audited"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn record_pdf(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Download, ApiError> {
    documents::record_pdf(&state, &actor, id, today()).await
}

#[utoipa::path(get, path = "/api/v1/me/record.pdf",
    responses((status = 200, content_type = "application/pdf", description = "one's own ทะเบียนประวัติ"),
        (status = 404, body = ErrorBody, description = "the account is not linked to a person")))]
pub async fn my_record_pdf(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Download, ApiError> {
    let id = documents::own_person(&actor)?;
    documents::record_pdf(&state, &actor, id, today()).await
}

/// `unit` (code; one's whole reach when absent), `fy` (BE; the current year when absent),
/// `format` (`pdf`, `xlsx`; JSON when absent).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnnualQuery {
    pub unit: Option<String>,
    pub fy: Option<String>,
    /// `xlsx` or `pdf`: the report as a file instead of JSON.
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/reports/annual", params(AnnualQuery),
    responses((status = 200, description = "the annual HR report of seed 002: JSON, or PDF/XLSX with `format`"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn annual(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Query(q): axum::extract::Query<AnnualQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let wanted = crate::sheets::FormatParam { format: q.format }.wanted()?;
    let on = today();
    let fy = bmahr_core::FiscalYear::be(crate::params::year_be_param(
        "fy",
        q.fy.as_deref(),
        bmahr_core::FiscalYear::of(on).year_be(),
    )?);
    let r = crate::usecases::reports::annual(&state, &actor, q.unit.as_deref(), fy, on).await?;
    Ok(match wanted {
        Some(crate::download::FileFormat::Pdf) => r.to_pdf(&state).await?.into_response(),
        Some(crate::download::FileFormat::Xlsx) => r.to_xlsx()?.into_response(),
        None => axum::Json(r.to_json()).into_response(),
    })
}
