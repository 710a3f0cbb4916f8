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
}

impl From<&Violation> for ErrorItem {
    fn from(v: &Violation) -> Self {
        ErrorItem {
            code: v.code.to_string(),
            field: v.field.clone(),
            message_th: v.message_th.clone(),
            message_en: v.message_en.clone(),
            section: v.section.map(str::to_string),
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
            ApiError::NotFound(v) => (StatusCode::NOT_FOUND, vec![v.into()]),
            ApiError::Conflict(v) => (StatusCode::CONFLICT, vec![v.into()]),
            ApiError::Unprocessable(v) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                v.iter().map(Into::into).collect(),
            ),
            ApiError::TooManyRequests(v) => (StatusCode::TOO_MANY_REQUESTS, vec![v.into()]),
            ApiError::Internal(msg) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                vec![ErrorItem {
                    code: "internal".into(),
                    field: String::new(),
                    message_th: "เกิดข้อผิดพลาดภายในระบบ".into(),
                    message_en: format!("internal error: {msg}"),
                    section: None,
                }],
            ),
        };
        let first = items.first();
        let body = ErrorBody {
            code: first.map(|i| i.code.clone()).unwrap_or_default(),
            field: first.map(|i| i.field.clone()).unwrap_or_default(),
            message_th: first.map(|i| i.message_th.clone()).unwrap_or_default(),
            message_en: first.map(|i| i.message_en.clone()).unwrap_or_default(),
            section: first.and_then(|i| i.section.clone()),
            errors: items,
        };
        (status, Json(body)).into_response()
    }
}
