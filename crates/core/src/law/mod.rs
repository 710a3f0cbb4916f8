//! Rules of the Act and of the laws it applies, one named function each.

pub mod authority;
pub mod case_file;
pub mod discipline;
pub mod eligibility;
pub mod frame;
pub mod moves;
pub mod order_rules;
pub mod retirement;
pub mod salary;
