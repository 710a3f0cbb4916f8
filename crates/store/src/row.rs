//! Reading columns into core types; a malformed stored value is an error, never a panic.

use bmahr_core::ThaiDate;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Result, StoreError};

pub fn text(row: &AnyRow, col: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(col)?)
}

pub fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub fn int(row: &AnyRow, col: &str) -> Result<i64> {
    Ok(row.try_get::<i64, _>(col)?)
}

pub fn opt_int(row: &AnyRow, col: &str) -> Result<Option<i64>> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

pub fn date(row: &AnyRow, col: &str) -> Result<ThaiDate> {
    let s = text(row, col)?;
    ThaiDate::parse_iso(&s).ok_or_else(|| StoreError::Other(format!("bad stored date {col}={s}")))
}

pub fn opt_date(row: &AnyRow, col: &str) -> Result<Option<ThaiDate>> {
    match opt_text(row, col)? {
        None => Ok(None),
        Some(s) => ThaiDate::parse_iso(&s)
            .map(Some)
            .ok_or_else(|| StoreError::Other(format!("bad stored date {col}={s}"))),
    }
}

/// Parses a stored code of a labelled enum.
pub fn code<T>(
    row: &AnyRow,
    col: &str,
    parse: fn(&str) -> std::result::Result<T, bmahr_core::Violation>,
) -> Result<T> {
    let s = text(row, col)?;
    parse(&s).map_err(|_| StoreError::Other(format!("bad stored code {col}={s}")))
}

pub fn opt_code<T>(
    row: &AnyRow,
    col: &str,
    parse: fn(&str) -> std::result::Result<T, bmahr_core::Violation>,
) -> Result<Option<T>> {
    match opt_text(row, col)? {
        None => Ok(None),
        Some(s) => parse(&s)
            .map(Some)
            .map_err(|_| StoreError::Other(format!("bad stored code {col}={s}"))),
    }
}

/// ` AND col IN (1,2,3)` for a list of ids (integers only, so safe to inline).
pub fn and_in(col: &str, ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!(" AND {col} IN ({})", list.join(","))
}
