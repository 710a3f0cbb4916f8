//! Files HR officers use: CSV and XLSX in a documented column layout (docs/IMPORT.md).

mod export;
mod import;
mod layout;
pub(crate) mod table;

pub use export::{export, export_first};
pub use import::import;
pub use layout::Kind;
