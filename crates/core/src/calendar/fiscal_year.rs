use std::fmt;

use super::ThaiDate;

/// A Thai government fiscal year, named by its Buddhist-era year: FY 2567 runs from
/// 1 October 2023 to 30 September 2024 (Budget Procedure Act B.E. 2561, §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FiscalYear(i32);

impl FiscalYear {
    /// A fiscal year from its BE number, e.g. `FiscalYear::be(2567)`.
    pub fn be(year_be: i32) -> Self {
        Self(year_be)
    }

    /// The fiscal year a date falls in: October and later belong to the next year's budget.
    pub fn of(date: ThaiDate) -> Self {
        if date.month() >= 10 {
            Self(date.year_be() + 1)
        } else {
            Self(date.year_be())
        }
    }

    pub fn year_be(self) -> i32 {
        self.0
    }

    /// 1 October of the previous CE year (the first date the calendar holds for a year
    /// before it; a year number from a request may be anything, `i32::MIN` included).
    pub fn first_day(self) -> ThaiDate {
        self.0
            .checked_sub(1)
            .and_then(|y| ThaiDate::from_be(y, 10, 1))
            .unwrap_or(ThaiDate::FIRST)
    }

    /// 30 September.
    pub fn last_day(self) -> ThaiDate {
        ThaiDate::from_be(self.0, 9, 30).unwrap_or(ThaiDate::from_naive(chrono::NaiveDate::MAX))
    }

    pub fn next(self) -> Self {
        Self(self.0.saturating_add(1))
    }

    pub fn contains(self, d: ThaiDate) -> bool {
        Self::of(d) == self
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    #[test]
    fn fy_2567_bounds() {
        let fy = FiscalYear::be(2567);
        assert_eq!(fy.first_day(), d(2023, 10, 1));
        assert_eq!(fy.last_day(), d(2024, 9, 30));
        assert_eq!(FiscalYear::of(d(2023, 9, 30)), FiscalYear::be(2566));
        assert_eq!(FiscalYear::of(d(2023, 10, 1)), fy);
        assert_eq!(FiscalYear::of(d(2024, 9, 30)), fy);
        assert_eq!(FiscalYear::of(d(2024, 10, 1)), FiscalYear::be(2568));
    }

    proptest! {
        #[test]
        fn every_date_lies_in_its_fiscal_year(days in 0i64..60_000) {
            let x = d(1950, 1, 1).add_days(days);
            let fy = FiscalYear::of(x);
            prop_assert!(fy.first_day() <= x && x <= fy.last_day());
            prop_assert_eq!(fy.last_day().add_days(1), fy.next().first_day());
        }
    }
}
