use std::collections::BTreeSet;

use chrono::{Datelike, Weekday};

use super::ThaiDate;

/// Official holidays, as declared by the Cabinet and stored by the Office; Saturdays and
/// Sundays are always days off for government offices.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    holidays: BTreeSet<ThaiDate>,
}

/// The end of a period and how it was reached, so a deadline can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PeriodEnd {
    /// The last day of the period.
    pub last_day: ThaiDate,
    /// The last day by plain counting, before moving off a holiday.
    pub counted_day: ThaiDate,
}

impl PeriodEnd {
    pub fn moved_off_holiday(&self) -> bool {
        self.last_day != self.counted_day
    }
}

impl HolidayCalendar {
    pub fn new(holidays: impl IntoIterator<Item = ThaiDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_holiday(&self, d: ThaiDate) -> bool {
        self.holidays.contains(&d)
    }

    pub fn is_working_day(&self, d: ThaiDate) -> bool {
        !matches!(d.naive().weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(d)
    }

    /// The first working day on or after `d`; the last date the calendar holds if none is
    /// left before it (so the search always ends).
    pub fn next_working_day(&self, d: ThaiDate) -> ThaiDate {
        self.checked_next_working_day(d).unwrap_or(ThaiDate::LAST)
    }

    /// The first working day on or after `d`, or `None` when the calendar runs out first.
    fn checked_next_working_day(&self, d: ThaiDate) -> Option<ThaiDate> {
        let mut x = d;
        while !self.is_working_day(x) {
            x = x.checked_add_days(1)?;
        }
        Some(x)
    }

    /// Last day of a period "within `days` days from `from`".
    ///
    /// Civil and Commercial Code §193/3 para 2: a period counted in days does not count its
    /// first day, so counting starts the next day. §193/8: when the last day is an official
    /// holiday, the period ends on the next working day. The Act's deadlines (§59 para 6,
    /// §60, §61, §62) are counted this way.
    ///
    /// Never panics: a period that would end past the last date the calendar holds ends on
    /// that date (see [`ThaiDate::add_days`]). Where `days` comes from a person, use
    /// [`HolidayCalendar::checked_within_days`] and refuse the overflow.
    pub fn within_days(&self, from: ThaiDate, days: u32) -> PeriodEnd {
        let counted_day = from.add_days(i64::from(days));
        PeriodEnd {
            last_day: self.next_working_day(counted_day),
            counted_day,
        }
    }

    /// [`HolidayCalendar::within_days`], or `None` when the period (or the move off a holiday
    /// at its end) would run past the last date the calendar holds.
    pub fn checked_within_days(&self, from: ThaiDate, days: u32) -> Option<PeriodEnd> {
        let counted_day = from.checked_add_days(i64::from(days))?;
        Some(PeriodEnd {
            last_day: self.checked_next_working_day(counted_day)?,
            counted_day,
        })
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
    fn counting_starts_the_next_day() {
        let cal = HolidayCalendar::default();
        // Knew of the order on Monday 1 July 2024: 30 days end Wednesday 31 July 2024.
        let end = cal.within_days(d(2024, 7, 1), 30);
        assert_eq!(end.last_day, d(2024, 7, 31));
        assert!(!end.moved_off_holiday());
    }

    #[test]
    fn last_day_on_weekend_moves_to_monday() {
        let cal = HolidayCalendar::default();
        // 1 June 2024 + 30 days = Monday 1 July; 2 June + 30 = ... pick one ending on Saturday.
        let end = cal.within_days(d(2024, 6, 6), 30); // counted 6 July 2024, a Saturday
        assert_eq!(end.counted_day, d(2024, 7, 6));
        assert_eq!(end.last_day, d(2024, 7, 8));
        assert!(end.moved_off_holiday());
    }

    #[test]
    fn last_day_on_a_holiday_run_moves_past_all_of_it() {
        // Songkran 13–15 April 2024 (Sat–Mon) and its substitute day Tue 16 April.
        let cal = HolidayCalendar::new([
            d(2024, 4, 13),
            d(2024, 4, 14),
            d(2024, 4, 15),
            d(2024, 4, 16),
        ]);
        let end = cal.within_days(d(2024, 3, 14), 30); // counted 13 April
        assert_eq!(end.last_day, d(2024, 4, 17));
    }

    #[test]
    fn a_period_past_the_end_of_the_calendar_is_refused_not_a_panic() {
        let cal = HolidayCalendar::default();
        let from = d(2026, 1, 5);
        assert_eq!(cal.checked_within_days(from, u32::MAX), None);
        assert_eq!(cal.within_days(from, u32::MAX).counted_day, ThaiDate::LAST);
        assert_eq!(
            cal.checked_within_days(from, 30),
            Some(cal.within_days(from, 30))
        );
        // Near the end, whatever weekday the last date is, the search for a working day ends.
        for k in 0..10 {
            let near = ThaiDate::LAST.add_days(-k);
            let _ = cal.within_days(near, 3);
            let _ = cal.checked_within_days(near, 3);
            let _ = cal.next_working_day(near);
        }
        let all_holidays = HolidayCalendar::new((0..10).map(|k| ThaiDate::LAST.add_days(-k)));
        assert_eq!(
            all_holidays.checked_within_days(ThaiDate::LAST.add_days(-9), 0),
            None
        );
        assert_eq!(
            all_holidays.next_working_day(ThaiDate::LAST.add_days(-9)),
            ThaiDate::LAST
        );
    }

    proptest! {
        #[test]
        fn period_ends_on_a_working_day_not_before_the_count(start in 0i64..20_000, n in 1u32..400) {
            let cal = HolidayCalendar::new([d(2024, 4, 13), d(2024, 12, 5), d(2025, 1, 1)]);
            let from = d(2000, 1, 1).add_days(start);
            let end = cal.within_days(from, n);
            prop_assert!(cal.is_working_day(end.last_day));
            prop_assert!(end.last_day >= end.counted_day);
            prop_assert!(end.last_day.days_until(end.counted_day) > -5);
            prop_assert_eq!(from.days_until(end.counted_day), i64::from(n));
        }
    }
}
