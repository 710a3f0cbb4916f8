//! Documents bmahr hands to people: คำสั่ง, ทะเบียนประวัติ and reports as PDF (typeset in
//! Thai), lists as XLSX and PDF, charts as SVG. Pure rendering: data in, bytes out; what the
//! documents say is decided by the use-cases that fill them.

pub mod chart;
pub mod pdf;
pub mod sheet;
pub mod thai;

pub use pdf::{render, DocError, Emblem, Template};
pub use sheet::{book_to_xlsx, Cell, Sheet};
