//! `bmahr demo`: a deterministic, BMA-sized synthetic register (DOMAIN.md §1).

mod generate;
mod holidays;
mod load;
mod model;
mod names;
mod structure;

pub use generate::Generator;
pub use load::load;
