use bmahr_core::{Violation, Violations};

/// What can go wrong in the store, in the three kinds a caller must tell apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    NotFound(Violation),
    /// A stale version: someone else changed the record first. Nothing was written.
    #[error("{0}")]
    Conflict(Violation),
    /// The input breaks one or more rules. Nothing was written.
    #[error("{0}")]
    Invalid(Violations),
    /// The asker may not do this (core's access rules, decided in the transaction). Nothing
    /// was written.
    #[error("{0}")]
    Forbidden(Violations),
    #[error("database error: {0}")]
    Db(sqlx::Error),
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub fn not_found(field: &str, what_th: &str, what_en: &str, key: &str) -> Self {
        StoreError::NotFound(Violation::new(
            "not_found",
            field,
            format!("ไม่พบ{what_th} \"{key}\""),
            format!("{what_en} \"{key}\" not found"),
        ))
    }

    pub fn invalid(v: Violation) -> Self {
        StoreError::Invalid(v.into())
    }

    pub fn stale(field: &str, expected: i64, actual: i64) -> Self {
        StoreError::Conflict(Violation::new(
            "version.stale",
            field,
            format!(
                "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว (ฉบับที่ {actual} ไม่ใช่ {expected}) กรุณาเปิดข้อมูลล่าสุดแล้วทำรายการใหม่"
            ),
            format!(
                "the record was changed by someone else (version {actual}, not {expected}); reload it and try again"
            ),
        ))
    }
}

/// A unique key taken by a concurrent writer (two signers of one draft, one order number) is
/// a conflict the user can act on, not a database failure.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(d) = &e {
            if d.kind() == sqlx::error::ErrorKind::UniqueViolation {
                return StoreError::Conflict(Violation::new(
                    "conflict.duplicate",
                    "",
                    "ข้อมูลนี้ถูกบันทึกโดยผู้อื่นไปแล้ว (เช่น ลงนามคำสั่งเลขที่เดียวกันพร้อมกัน) กรุณาเปิดข้อมูลล่าสุดแล้วทำรายการใหม่",
                    "someone else recorded this first (e.g. the same order signed at the same time); reload and try again",
                ));
            }
        }
        StoreError::Db(e)
    }
}
