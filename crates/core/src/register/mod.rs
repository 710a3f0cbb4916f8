//! The register (ทะเบียนประวัติ) as the history of signed orders: what an order may say, and
//! how a person's record on any date follows from the actions applied to them.

mod history;
mod kinds;
mod order;
mod record;
mod vacancy;

pub use history::{history_steps, HistoryStep, Salaried};
pub use kinds::{ActionKind, PenaltyKind, SeparationReason, Status};
pub use order::{parse_order_number, ActionDraft, Correction, OrderDraft};
pub use record::{
    check_action_on_record, placement_spans, served_periods, AppliedAction, Placement,
    PlacementSpan, RecordOnDate,
};
pub use vacancy::{vacancy_periods, Period};
