//! Retirement at the end of the fiscal year in which a person completes 60 years.

use crate::calendar::{FiscalYear, ThaiDate};

/// Age of retirement under the Government Pension Fund Act B.E. 2539 §19 and the Civil
/// Servants' Pension Act B.E. 2494 §19, which the Act applies to BMA personnel (§14(5)).
pub const RETIREMENT_AGE: i32 = 60;

/// The day on which a person completes `years` years of age.
///
/// Thai law counts age from the day of birth itself (Civil and Commercial Code §16 with
/// §193/3 para 1 for periods counted in years): a person born on 1 October 1966 completes
/// 60 on 30 September 2026, the day before the anniversary.
pub fn completes_age(birth: ThaiDate, years: i32) -> ThaiDate {
    birth.add_years(years).add_days(-1)
}

/// The fiscal year in which a person retires: the one in which they complete 60.
pub fn retirement_fiscal_year(birth: ThaiDate) -> FiscalYear {
    FiscalYear::of(completes_age(birth, RETIREMENT_AGE))
}

/// Retirement date (§14(11) and the pension laws it applies): 30 September of the fiscal
/// year in which the person completes 60. Born 1 October → completes 60 on 30 September →
/// retires that same day; born 2 October → retires a year later.
pub fn retirement_date(birth: ThaiDate) -> ThaiDate {
    retirement_fiscal_year(birth).last_day()
}

/// The birth dates of those who retire in fiscal year `fy` (inclusive bounds): completing 60
/// between 1 October and 30 September means being born between 2 October, 61 years before
/// the fiscal year ends, and 1 October, 60 years before.
pub fn births_retiring_in(fy: FiscalYear) -> (ThaiDate, ThaiDate) {
    let first = fy.first_day().add_days(1).add_years(-RETIREMENT_AGE);
    let last = fy.last_day().add_days(1).add_years(-RETIREMENT_AGE);
    (first, last)
}

/// Completed years of age on `on`.
pub fn age_on(birth: ThaiDate, on: ThaiDate) -> i32 {
    let mut years = on.year_ce() - birth.year_ce();
    if birth.add_years(years) > on.add_days(1) {
        years -= 1;
    }
    years.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    #[test]
    fn table_from_the_pension_rule() {
        // (birth, retirement date)
        let cases = [
            // Born 1 October: completes 60 on 30 September → retires that fiscal year.
            (d(1966, 10, 1), d(2026, 9, 30)),
            // Born 2 October: completes 60 on 1 October → next fiscal year.
            (d(1966, 10, 2), d(2027, 9, 30)),
            (d(1966, 9, 30), d(2026, 9, 30)),
            (d(1966, 1, 1), d(2026, 9, 30)),
            (d(1966, 12, 31), d(2027, 9, 30)),
            // Leap-day births.
            (d(1964, 2, 29), d(2024, 9, 30)),
            (d(1960, 2, 29), d(2020, 9, 30)),
            // In BE: born 1 ต.ค. 2509 retires 30 ก.ย. 2569.
            (
                ThaiDate::from_be(2509, 10, 1).unwrap(),
                ThaiDate::from_be(2569, 9, 30).unwrap(),
            ),
        ];
        for (birth, want) in cases {
            assert_eq!(retirement_date(birth), want, "born {birth}");
        }
    }

    #[test]
    fn completing_an_age() {
        assert_eq!(completes_age(d(1966, 10, 1), 60), d(2026, 9, 30));
        assert_eq!(age_on(d(1966, 10, 1), d(2026, 9, 29)), 59);
        assert_eq!(age_on(d(1966, 10, 1), d(2026, 9, 30)), 60);
        assert_eq!(age_on(d(2000, 5, 5), d(2018, 5, 4)), 18);
        assert_eq!(age_on(d(2000, 5, 5), d(2018, 5, 3)), 17);
    }

    #[test]
    fn birth_range_of_a_retirement_year() {
        let (lo, hi) = births_retiring_in(FiscalYear::be(2569));
        assert_eq!((lo, hi), (d(1965, 10, 2), d(1966, 10, 1)));
    }

    proptest! {
        #[test]
        fn birth_range_matches_the_rule(days in 0i64..40_000) {
            let birth = d(1940, 1, 1).add_days(days);
            let fy = retirement_fiscal_year(birth);
            let (lo, hi) = births_retiring_in(fy);
            prop_assert!(lo <= birth && birth <= hi, "{} not in {}..{}", birth, lo, hi);
        }

        #[test]
        fn retirement_is_always_a_30_september_at_60(days in 0i64..40_000) {
            let birth = d(1940, 1, 1).add_days(days);
            let r = retirement_date(birth);
            prop_assert_eq!((r.month(), r.day()), (9, 30));
            prop_assert_eq!(age_on(birth, r), 60);
            // Never before completing 60, never a whole fiscal year after.
            prop_assert!(r >= completes_age(birth, 60));
            prop_assert!(completes_age(birth, 60).days_until(r) < 366);
        }
    }
}
