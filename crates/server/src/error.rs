//! One error type for the API, with one table from error to HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bmahr_core::{Violation, Violations};
use bmahr_store::StoreError;

#[derive(Debug)]
pub enum ApiError {
    BadRequest(Violations),
    Unauthorized(Violation),
    Forbidden(Violation),
    /// Refused by core's access rules, every refusal named (an order naming several people
    /// outside one's units).
    Refused(Violations),
    NotFound(Violation),
    Conflict(Violation),
    Unprocessable(Violations),
    TooManyRequests(Violation),
    Internal(String),
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub code: String,
    pub field: String,
    pub message_th: String,
    pub message_en: String,
    pub section: Option<String>,
    /// The section in words: `มาตรา 52 วรรคหนึ่ง (3)`, `Section 52 para 1 (3)`.
    pub section_th: Option<String>,
    pub section_en: Option<String>,
    /// Every problem, when there were several (the first is repeated above).
    pub errors: Vec<ErrorItem>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorItem {
    pub code: String,
    pub field: String,
    pub message_th: String,
    pub message_en: String,
    pub section: Option<String>,
    /// The section in words: `มาตรา 52 วรรคหนึ่ง (3)`, `Section 52 para 1 (3)`.
    pub section_th: Option<String>,
    pub section_en: Option<String>,
}

impl From<&Violation> for ErrorItem {
    fn from(v: &Violation) -> Self {
        ErrorItem {
            code: v.code.to_string(),
            field: v.field.clone(),
            message_th: v.message_th.clone(),
            message_en: v.message_en.clone(),
            section: v.section.map(str::to_string),
            section_th: v.section.map(|s| bmahr_core::i18n::section_label(s, false)),
            section_en: v.section.map(|s| bmahr_core::i18n::section_label(s, true)),
        }
    }
}

impl ApiError {
    pub fn forbidden(field: &str) -> Self {
        ApiError::Forbidden(Violation::new(
            "access.forbidden",
            field,
            "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้",
            "you may not access this",
        ))
    }

    pub fn unauthorized() -> Self {
        ApiError::Unauthorized(Violation::new(
            "auth.required",
            "authorization",
            "กรุณาเข้าสู่ระบบ",
            "sign in first",
        ))
    }

    pub fn bad(v: Violation) -> Self {
        ApiError::BadRequest(v.into())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(v) => ApiError::NotFound(v),
            StoreError::Conflict(v) => ApiError::Conflict(v),
            StoreError::Invalid(v) => ApiError::Unprocessable(v),
            StoreError::Forbidden(v) => ApiError::Refused(v),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, items): (StatusCode, Vec<ErrorItem>) = match &self {
            ApiError::BadRequest(v) => {
                (StatusCode::BAD_REQUEST, v.iter().map(Into::into).collect())
            }
            ApiError::Unauthorized(v) => (StatusCode::UNAUTHORIZED, vec![v.into()]),
            ApiError::Forbidden(v) => (StatusCode::FORBIDDEN, vec![v.into()]),
            ApiError::Refused(v) => (StatusCode::FORBIDDEN, v.iter().map(Into::into).collect()),
            ApiError::NotFound(v) => (StatusCode::NOT_FOUND, vec![v.into()]),
            ApiError::Conflict(v) => (StatusCode::CONFLICT, vec![v.into()]),
            ApiError::Unprocessable(v) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                v.iter().map(Into::into).collect(),
            ),
            ApiError::TooManyRequests(v) => (StatusCode::TOO_MANY_REQUESTS, vec![v.into()]),
            ApiError::Internal(cause) => {
                // The cause is logged with the request's id; the answer carries the id only.
                let id = crate::logs::current_request_id()
                    .map(|i| i.to_string())
                    .unwrap_or_else(|| "-".into());
                tracing::error!(request_id = %id, %cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    vec![ErrorItem {
                        code: "internal".into(),
                        field: "request_id".into(),
                        message_th: format!("เกิดข้อผิดพลาดภายในระบบ กรุณาแจ้งผู้ดูแลระบบพร้อมรหัสคำขอ {id}"),
                        message_en: format!(
                            "internal error; please report it with request id {id}"
                        ),
                        section: None,
                        section_th: None,
                        section_en: None,
                    }],
                )
            }
        };
        let first = items.first();
        let body = ErrorBody {
            code: first.map(|i| i.code.clone()).unwrap_or_default(),
            field: first.map(|i| i.field.clone()).unwrap_or_default(),
            message_th: first.map(|i| i.message_th.clone()).unwrap_or_default(),
            message_en: first.map(|i| i.message_en.clone()).unwrap_or_default(),
            section: first.and_then(|i| i.section.clone()),
            section_th: first.and_then(|i| i.section_th.clone()),
            section_en: first.and_then(|i| i.section_en.clone()),
            errors: items,
        };
        (status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A 500 never tells the client what failed inside (a table, a constraint, a path).
    #[tokio::test]
    async fn an_internal_error_answers_with_the_request_id_only() {
        let r = ApiError::Internal("relation \"people\" violates constraint secret_idx".into())
            .into_response();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(r.into_body(), 1 << 16).await.unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            !text.contains("secret_idx") && !text.contains("people"),
            "{text}"
        );
        assert!(text.contains("request id"), "{text}");
    }
}
