//! The pure core of bmahr: domain types and the rules of the Act on BMA personnel (B.E. 2554).
//!
//! Nothing here touches a clock, a file, a network or a database: every rule takes the
//! date it is judged on as a parameter, so it can be tested against the Act's own wording.

pub mod access;
pub mod calendar;
pub mod collation;
pub mod i18n;
#[macro_use]
mod labels;
pub mod identity;
pub mod law;
pub mod money;
pub mod org;
pub mod person;
pub mod personnel;
pub mod register;
pub mod role;

#[cfg(feature = "openapi")]
#[doc(hidden)]
pub use utoipa;

pub use calendar::{FiscalYear, HolidayCalendar, ThaiDate};
pub use collation::{sort_thai_by_key, thai_order};
pub use i18n::{Bilingual, Violation, Violations};
pub use identity::NationalId;
pub use money::Satang;
