//! Persistence of the bmahr register. One schema, two backends (SQLite embedded, PostgreSQL
//! for production), one code path: SQL is written once with `$n` parameters, which both
//! backends accept through sqlx's `Any` driver.
//!
//! One folder per aggregate (its `mod.rs` holds the aggregate itself, and its doc says what
//! else the folder holds), each adding its methods to [`Store`]. Every group names the handle
//! `Store` and the infrastructure at the root (`error`, `row`, `bulk`, `readers`,
//! [`WriteMeta`], [`Result`]), which uses no group; besides these, each group uses:
//!
//! ```text
//! audit/     -
//! accounts/  audit
//! people/    audit
//! frame/     people, audit
//! register/  frame, people, audit
//! cases/     register, audit
//! orders/    cases, register, frame, people, audit
//! handle     every group (db.rs holds each group's caches, warms them up and migrates;
//!            changes.rs tells the caches of names and profiles who changed)
//! ```

mod accounts;
mod audit;
mod backup;
pub mod bench;
pub mod bulk;
mod cases;
mod changes;
mod collation;
mod db;
mod documents;
mod error;
mod frame;
mod orders;
mod people;
mod pickers;
mod readers;
mod register;
mod reports;
mod row;
pub mod sort;
pub mod testing;

pub use accounts::{
    AccountChange, AccountQuery, AccountRow, LiveSession, LoginUser, NewAccount, NewSession,
    Reservation, SessionClock, SessionInfo, ThrottleKey, UserRow, CREDENTIAL_TTL,
};
pub use audit::chain::{
    event_hash, AuditChain, ChainBreak, ChainHead, ChainProblem, ChainReport, NewEvent,
    GENESIS_HASH,
};
pub use audit::{action_label, AuditEvent, AuditQuery, ACTIONS, AUDIT_READ_MAX};
pub use cases::standing as case_standing;
pub use cases::{
    BoardQuery, BoardRow, CaseAccess, CaseDetail, CaseEventRow, CaseQuery, CaseRow, CaseSort,
    ComplaintCount, KpkNamed, NewCase, PenaltyAction, PenaltyCount,
};
pub use collation::{install_drivers, THAI};
pub use db::{Backend, Store, WAL_RESTART_FRAMES};
pub use error::StoreError;
pub use frame::{
    FramePosition, FrameQuery, FrameVersion, Holder, NewPosition, NewUnit, PositionRow,
    PositionSort, UnitFrameCount, UnitName, UnitRow,
};
pub use orders::{
    draft_still_open, AppliedOrder, DraftQuery, DraftRow, DraftStatus, DraftVersion, OrderAccess,
    OrderLine, OrderQuery, OrderRecord, OrderSort, RecentOrder, Returned,
};
pub use people::{PersonHit, PersonRecord, PersonRow};
pub use pickers::{PickPosition, PICK_MAX};
pub use register::spans;
pub use register::vacancies;
pub use register::{
    CategoryCount, Forecast, ForecastBy, ForecastLine, ForecastRow, Headcount, PersonOnDate,
    Profile, Retiree, RetireeFilter, RetireeSort, RetirementCount, Summary, RECORD_TRAIL,
};
pub use reports::{FramePost, Movement};

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
