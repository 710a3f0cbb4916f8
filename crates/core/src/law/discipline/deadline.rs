//! A deadline of §59–62 and how far off it is. Every period is counted the same way (module
//! notes, "Counting"); the sections that set them are in [`super::appeal`] and [`super::power`].

use crate::calendar::{HolidayCalendar, ThaiDate};

/// A deadline and where it comes from, so a board can show and explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Deadline {
    /// The last day on which the act is in time (moved off holidays).
    pub last_day: ThaiDate,
    /// The last day by plain counting.
    pub counted_day: ThaiDate,
    /// The section that sets the period, e.g. `§60 วรรคหนึ่ง`.
    pub basis: &'static str,
    pub label_th: &'static str,
    pub label_en: &'static str,
}

impl Deadline {
    pub(super) fn within(
        cal: &HolidayCalendar,
        from: ThaiDate,
        days: u32,
        basis: &'static str,
        label_th: &'static str,
        label_en: &'static str,
    ) -> Self {
        let end = cal.within_days(from, days);
        Self {
            last_day: end.last_day,
            counted_day: end.counted_day,
            basis,
            label_th,
            label_en,
        }
    }

    pub fn moved_off_holiday(&self) -> bool {
        self.last_day != self.counted_day
    }
}

/// Days from `today` to the last day: 0 on the last day, negative once it has passed.
pub fn days_left(deadline: &Deadline, today: ThaiDate) -> i64 {
    today.days_until(deadline.last_day)
}

/// Whether the last day has passed on `today`.
pub fn is_overdue(deadline: &Deadline, today: ThaiDate) -> bool {
    today > deadline.last_day
}

#[cfg(test)]
mod tests {
    use super::super::appeal_deadline;
    use super::super::testing::*;
    use super::*;

    #[test]
    fn days_left_and_overdue() {
        let cal = cal();
        let dl = appeal_deadline(d(2024, 7, 1), &cal); // 31 July
        assert_eq!(days_left(&dl, d(2024, 7, 21)), 10);
        assert_eq!(days_left(&dl, d(2024, 7, 31)), 0);
        assert!(!is_overdue(&dl, d(2024, 7, 31)));
        assert_eq!(days_left(&dl, d(2024, 8, 2)), -2);
        assert!(is_overdue(&dl, d(2024, 8, 1)));
    }
}
