//! Persistence of the bmahr register. One schema, two backends (SQLite embedded, PostgreSQL
//! for production), one code path: SQL is written once with `$n` parameters, which both
//! backends accept through sqlx's `Any` driver.

mod audit;
mod backup;
pub mod bench;
pub mod bulk;
mod case_stats;
mod cases;
mod changes;
mod credentials;
mod db;
mod drafts;
mod error;
mod events;
mod forecast;
mod frame;
mod holidays;
mod kpk_named;
mod names;
mod orders;
mod people;
mod positions;
mod profile;
mod readers;
mod register;
mod retirements;
mod row;
mod search;
mod service;
mod sessions;
pub mod spans;
mod stats;
pub mod testing;
mod units;
mod users;

pub use audit::{action_label, AuditEvent, AuditQuery, ACTIONS, RECORD_TRAIL};
pub use case_stats::{ComplaintCount, PenaltyCount};
pub use cases::{
    BoardQuery, BoardRow, CaseDetail, CaseEventRow, CaseQuery, CaseRow, NewCase, PenaltyAction,
};
pub use credentials::CREDENTIAL_TTL;
pub use db::{Backend, Store, WAL_RESTART_FRAMES};
pub use drafts::{DraftRow, DraftStatus};
pub use error::StoreError;
pub use forecast::{Forecast, ForecastBy, ForecastLine, ForecastRow};
pub use frame::{FramePosition, FrameQuery, FrameVersion, Holder, UnitFrameCount};
pub use kpk_named::KpkNamed;
pub use orders::{AppliedOrder, OrderAccess, OrderRecord, RecentOrder};
pub use people::{PersonRecord, PersonRow};
pub use positions::{NewPosition, PositionRow};
pub use profile::Profile;
pub use register::PersonOnDate;
pub use retirements::Retiree;
pub use search::PersonHit;
pub use sessions::LoginUser;
pub use stats::{CategoryCount, Headcount, RetirementCount, Summary};
pub use units::{NewUnit, UnitName, UnitRow};
pub use users::UserRow;

/// Who is writing, when and why; every write records it in the audit log in the same
/// transaction as the change.
#[derive(Debug, Clone)]
pub struct WriteMeta {
    pub actor: String,
    /// RFC 3339 UTC instant, supplied by the caller (the store does not read the clock).
    pub at: String,
    pub reason: String,
    /// The request or document behind the write (an E-Sarabun number, an HTTP request id).
    pub request_ref: Option<String>,
}

pub type Result<T> = std::result::Result<T, StoreError>;
