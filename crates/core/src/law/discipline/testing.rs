//! What the tests of every section share: dates, a calendar with Songkran 2024 in it, codes.

use proptest::prelude::*;

use super::{Extension, Penalty};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::Violations;
use crate::money::Satang;

pub(super) fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

pub(super) fn baht(b: i64) -> Satang {
    Satang::from_baht(b)
}

/// Songkran 2024 (13–15 April, Sat–Mon, and the substitute Tue 16), Father's Day (5 Dec).
pub(super) fn cal() -> HolidayCalendar {
    HolidayCalendar::new([
        d(2024, 4, 13),
        d(2024, 4, 14),
        d(2024, 4, 15),
        d(2024, 4, 16),
        d(2024, 12, 5),
    ])
}

pub(super) fn ext(days: u32, reason: &str) -> Extension {
    Extension {
        days,
        reason: reason.to_string(),
    }
}

pub(super) fn codes(v: &Violations) -> Vec<&'static str> {
    v.iter().map(|x| x.code).collect()
}

pub(super) fn any_penalty() -> impl Strategy<Value = Penalty> {
    prop_oneof![
        Just(Penalty::probation()),
        (1u32..=20, 1u32..=12).prop_map(|(p, m)| Penalty::salary_cut(p, m)),
        (1u32..=20).prop_map(Penalty::salary_reduction),
        Just(Penalty::discharge()),
    ]
}
