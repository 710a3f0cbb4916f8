//! Dates as Thai law and Thai officers use them: the Buddhist era, fiscal years, and
//! periods "within N days from" a day.

mod fiscal_year;
mod period;
mod thai_date;

pub use fiscal_year::FiscalYear;
pub use period::{HolidayCalendar, PeriodEnd};
pub use thai_date::{ThaiDate, BE_OFFSET};
