//! `bmahr demo`: a deterministic, BMA-sized synthetic register (DOMAIN.md §1).

mod accounts;
mod cases;
mod generate;
mod holidays;
mod load;
mod model;
mod names;
mod structure;

pub use accounts::{accounts_table, demo_accounts, seed_accounts};
pub use cases::seed_cases;
pub use generate::Generator;
pub use load::load;
