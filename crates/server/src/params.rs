//! Query parameters read by hand for both doors (API and pages), so that a bad value names
//! its field in Thai and English (instead of a bare rejection of the whole query string).

use bmahr_core::Violation;

use bmahr_core::access::Board;
use bmahr_core::law::case_file::CaseKind;
use bmahr_store::ForecastBy;

use crate::error::ApiError;

/// `true`/`false` (also `1`/`0`, `yes`/`no`, `ว่าง`), or absent.
pub fn bool_param(field: &str, v: Option<&str>) -> Result<Option<bool>, ApiError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some("true" | "1" | "yes" | "on" | "ว่าง") => Ok(Some(true)),
        Some("false" | "0" | "no" | "off") => Ok(Some(false)),
        Some(other) => Err(ApiError::bad(Violation::new(
            "bool.format",
            field,
            format!("ค่า \"{other}\" ไม่ถูกต้อง: ใช้ true หรือ false"),
            format!("\"{other}\" is invalid: use true or false"),
        ))),
    }
}

/// A year of the Buddhist era (e.g. `2570`), or `default` when absent.
pub fn year_be_param(field: &str, v: Option<&str>, default: i32) -> Result<i32, ApiError> {
    let s = match v.map(str::trim) {
        None | Some("") => return Ok(default),
        Some(s) => s,
    };
    let digits: String = s
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .collect();
    match digits.parse::<i32>() {
        Ok(y) if (2400..=3000).contains(&y) => Ok(y),
        _ => Err(ApiError::bad(Violation::new(
            "year.format",
            field,
            format!("ปี \"{s}\" ไม่ถูกต้อง: ใช้ปีพุทธศักราช 4 หลัก เช่น 2570"),
            format!("year \"{s}\" is invalid: use a Buddhist-era year, e.g. 2570"),
        ))),
    }
}

/// A kind of case file, or none.
pub fn kind_param(v: Option<&str>) -> Result<Option<CaseKind>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => CaseKind::parse(s).map(Some).map_err(ApiError::bad),
    }
}

/// Which deadline board (`units` by default).
pub fn board_param(v: Option<&str>) -> Result<Board, ApiError> {
    match v.unwrap_or("units") {
        "units" | "" => Ok(Board::Units),
        "kpk" => Ok(Board::Kpk),
        "mine" => Ok(Board::Mine),
        other => Err(ApiError::bad(Violation::new(
            "board.unknown",
            "board",
            format!("board ต้องเป็น units, kpk หรือ mine (ไม่ใช่ \"{other}\")"),
            format!("board must be units, kpk or mine (not \"{other}\")"),
        ))),
    }
}

/// How the retirement forecast is grouped (`agency` by default).
pub fn forecast_by(v: Option<&str>) -> Result<ForecastBy, ApiError> {
    match v.map(str::trim) {
        None | Some("") => Ok(ForecastBy::Agency),
        Some(s) => ForecastBy::parse(s).map_err(ApiError::bad),
    }
}
