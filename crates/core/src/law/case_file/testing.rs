//! What the tests of every part of a case file share: dates, an empty calendar, two openings.

use super::{Facts, Opening};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::Violations;
use crate::law::discipline::{ComplaintCategory, Penalty};

pub(super) fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

pub(super) fn no_holidays() -> HolidayCalendar {
    HolidayCalendar::default()
}

pub(super) fn facts(cal: &HolidayCalendar) -> Facts<'_> {
    Facts { cal, salaries: &[] }
}

pub(super) fn appeal(knew: ThaiDate, filed: ThaiDate) -> Opening {
    Opening::Appeal {
        issuer_unit: "BKN".into(),
        order_number: "12/2569".into(),
        knew_on: knew,
        filed_on: filed,
        received_on: filed,
        penalty: Some(Penalty::salary_cut(5, 3)),
        penalty_from: Some(d(2026, 1, 1)),
    }
}

pub(super) fn discipline() -> Opening {
    Opening::Discipline {
        source: "ร้องเรียน".into(),
        category: Some(ComplaintCategory::Procurement),
        allegation: "จัดซื้อโดยมิชอบ".into(),
        received_on: d(2026, 1, 5),
    }
}

pub(super) fn codes(v: &Violations) -> Vec<&'static str> {
    v.iter().map(|x| x.code).collect()
}
