//! Use-cases of the holiday calendar: read a year (anyone signed in), add, rename or remove a
//! day (the central administrator), for the API and the page alike.

use bmahr_core::{ThaiDate, Violation, Violations};

use crate::access::may_edit_holidays;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// One holiday.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HolidayItem {
    /// ISO date (CE).
    #[schema(value_type = String)]
    pub date: ThaiDate,
    /// The same day in the Buddhist era, `13/04/2569`.
    pub date_be: String,
    pub name_th: String,
    pub name_en: String,
}

/// The holidays of a calendar year given in the Buddhist era.
pub async fn of_year(state: &AppState, year_be: i32) -> Result<Vec<HolidayItem>, ApiError> {
    let (Some(from), Some(to)) = (
        ThaiDate::from_be(year_be, 1, 1),
        ThaiDate::from_be(year_be, 12, 31),
    ) else {
        return Ok(Vec::new());
    };
    Ok(state
        .store
        .holidays_between(from, to)
        .await?
        .into_iter()
        .map(|(date, name_th, name_en)| HolidayItem {
            date,
            date_be: date.to_string(),
            name_th,
            name_en,
        })
        .collect())
}

/// Adds a holiday or renames the one on that day. Every problem of the input is reported.
pub async fn put(
    state: &AppState,
    actor: &Actor,
    date: &str,
    name_th: &str,
    name_en: &str,
) -> Result<ThaiDate, ApiError> {
    may_edit_holidays(state, actor).await?;
    let mut errors = Violations::default();
    let day = errors.take(ThaiDate::parse(date).map_err(|e| e.on_field("date")));
    if name_th.trim().is_empty() {
        errors.push(Violation::new(
            "holiday.name_missing",
            "name_th",
            "กรุณาระบุชื่อวันหยุด",
            "give the holiday's name",
        ));
    }
    let day = match (day, errors.is_empty()) {
        (Some(d), true) => d,
        _ => return Err(ApiError::BadRequest(errors)),
    };
    let name_en = if name_en.trim().is_empty() {
        name_th
    } else {
        name_en
    };
    state
        .store
        .put_holidays(
            &[(day, name_th.trim().to_string(), name_en.trim().to_string())],
            &actor.meta("ปฏิทินวันหยุด / holiday calendar"),
        )
        .await?;
    Ok(day)
}

/// Removes the holiday on `date`.
pub async fn delete(state: &AppState, actor: &Actor, date: &str) -> Result<ThaiDate, ApiError> {
    may_edit_holidays(state, actor).await?;
    let day = ThaiDate::parse(date).map_err(|e| ApiError::bad(e.on_field("date")))?;
    state
        .store
        .delete_holiday(day, &actor.meta("ปฏิทินวันหยุด / holiday calendar"))
        .await?;
    Ok(day)
}
