//! Moves between categories (§56) and the service time of those transferred in (§57).

use std::fmt;
use std::ops::Add;

use crate::calendar::ThaiDate;
use crate::i18n::{Violation, Violations};
use crate::personnel::Category;

/// The consents a move between categories needs (§56), as an order states them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The person volunteers (สมัครใจ).
    #[serde(default)]
    pub person: bool,
    /// The home agency agrees (ต้นสังกัดยินยอม).
    #[serde(default)]
    pub home_agency: bool,
}

/// Whether §56 governs a change from `from` to `to`: a move "จากข้าราชการประเภทหนึ่งไปเป็น
/// ข้าราชการอีกประเภทหนึ่ง", between two of the three categories of civil servant of §42.
/// An employee or contract staff member who becomes a civil servant is appointed anew
/// (บรรจุ, §55), not moved under §56.
pub fn is_category_move(from: Category, to: Category) -> bool {
    from != to && from.is_civil_servant() && to.is_civil_servant()
}

/// Whether placing someone from a post of `from` into a post of `to` enters another
/// personnel category that §56 does not cover (it covers moves between civil-servant
/// categories): a temporary employee into a permanent-employee or civil-servant post, an
/// employee or contract staff into the civil service, a civil servant into an employee post.
pub fn is_category_entry(from: Category, to: Category) -> bool {
    from != to && !is_category_move(from, to)
}

/// §14(9), §43, §55: entering another personnel category is an entry, not a move. It rests on
/// the examination or selection that ก.ก.'s rules require (§14(9): "การสอบแข่งขัน การสอบ
/// คัดเลือก การคัดเลือก และการขึ้นบัญชี"; for the civil service, appointment on ก.ก.'s terms,
/// §55), whose announcement or list the order must name; entering the civil service also needs
/// the §43 declaration, which the caller checks as for any appointment
/// (`eligibility::check_entry`, with waivers).
pub fn check_category_entry(from: Category, to: Category, selection: Option<&str>) -> Violations {
    let mut out = Violations::default();
    if !is_category_entry(from, to) {
        return out;
    }
    if selection.is_none_or(|s| s.trim().is_empty()) {
        out.push(
            Violation::new(
                "category_entry.selection_required",
                "selection",
                format!(
                    "การเข้าเป็น{}จาก{}ต้องผ่านการสอบแข่งขัน การสอบคัดเลือก หรือการคัดเลือก ให้ระบุประกาศหรือบัญชีผู้ได้รับการคัดเลือก",
                    to.th(),
                    from.th()
                ),
                format!(
                    "entering {} from {} rests on an examination or selection: name its announcement or eligible list",
                    to.en(),
                    from.en()
                ),
            )
            .with_section(if to.is_civil_servant() {
                "§55, §14(9)"
            } else {
                "§14(9)"
            }),
        );
    }
    out
}

/// §56 para 1: "การแต่งตั้งข้าราชการกรุงเทพมหานครจากข้าราชการประเภทหนึ่งไปเป็นข้าราชการอีก
/// ประเภทหนึ่งอาจกระทำได้หากผู้นั้นสมัครใจและหน่วยงานต้นสังกัดเห็นชอบ": only if the person
/// volunteers and the home agency consents; both are reported when missing. The same category,
/// or a change that is not between civil-servant categories (see `is_category_move`), has
/// nothing to check here. The order itself is signed by the authority of §52–54 for the new
/// position (§56 para 2): ask `law::authority::required_authority` with the target category.
pub fn check_category_move(
    from: Category,
    to: Category,
    person_consents: bool,
    home_agency_consents: bool,
) -> Violations {
    let mut out = Violations::default();
    if !is_category_move(from, to) {
        return out;
    }
    if !person_consents {
        out.push(
            Violation::new(
                "category_move.volunteer",
                "person_consents",
                format!(
                    "การแต่งตั้งจาก{}ไปเป็น{}กระทำได้เมื่อผู้นั้นสมัครใจ",
                    from.th(),
                    to.th()
                ),
                format!(
                    "a move from {} to {} needs the person to volunteer",
                    from.en(),
                    to.en()
                ),
            )
            .with_section("§56 วรรคหนึ่ง"),
        );
    }
    if !home_agency_consents {
        out.push(
            Violation::new(
                "category_move.home_agency",
                "home_agency_consents",
                format!(
                    "การแต่งตั้งจาก{}ไปเป็น{}ต้องได้รับความเห็นชอบจากหน่วยงานต้นสังกัด",
                    from.th(),
                    to.th()
                ),
                format!(
                    "a move from {} to {} needs the consent of the person's home agency",
                    from.en(),
                    to.en()
                ),
            )
            .with_section("§56 วรรคหนึ่ง"),
        );
    }
    out
}

/// A length of service in years, months and days, the way Thai service records state it.
///
/// Normalised: `months < 12`, `days < 30` (a month of service is 30 days, a year 12 months).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ServiceLength {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl ServiceLength {
    pub const DAYS_PER_MONTH: u64 = 30;
    pub const MONTHS_PER_YEAR: u64 = 12;
    pub const DAYS_PER_YEAR: u64 = Self::DAYS_PER_MONTH * Self::MONTHS_PER_YEAR;

    /// From a count of service days (30 to a month, 360 to a year).
    pub fn from_days(days: u64) -> Self {
        let years = days / Self::DAYS_PER_YEAR;
        let rest = days % Self::DAYS_PER_YEAR;
        Self {
            years: u32::try_from(years).unwrap_or(u32::MAX),
            // Both below 12 and 30: the conversions cannot fail.
            months: u32::try_from(rest / Self::DAYS_PER_MONTH).unwrap_or(0),
            days: u32::try_from(rest % Self::DAYS_PER_MONTH).unwrap_or(0),
        }
    }

    /// The length as service days (30 to a month, 360 to a year).
    pub fn total_days(self) -> u64 {
        u64::from(self.years) * Self::DAYS_PER_YEAR
            + u64::from(self.months) * Self::DAYS_PER_MONTH
            + u64::from(self.days)
    }

    /// `12 ปี 3 เดือน 5 วัน`
    pub fn th(self) -> String {
        format!("{} ปี {} เดือน {} วัน", self.years, self.months, self.days)
    }

    /// `12 years 3 months 5 days`
    pub fn en(self) -> String {
        fn unit(n: u32, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        format!(
            "{} {} {}",
            unit(self.years, "year", "years"),
            unit(self.months, "month", "months"),
            unit(self.days, "day", "days")
        )
    }
}

impl Add for ServiceLength {
    type Output = ServiceLength;
    /// Adds and carries: 30 days make a month, 12 months a year.
    fn add(self, other: ServiceLength) -> ServiceLength {
        ServiceLength::from_days(self.total_days().saturating_add(other.total_days()))
    }
}

/// Shown in Thai: `12 ปี 3 เดือน 5 วัน`.
impl fmt::Display for ServiceLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.th())
    }
}

/// Service days before `d` since a fixed origin, counting every calendar month as 30 days:
/// the 1st to the 30th of a month count one day each, the 31st counts nothing, and the last
/// day of February counts the days February lacks (3 in a common year, 2 in a leap year).
fn service_day_number(d: ThaiDate) -> i64 {
    let months = i64::from(d.year_ce()) * 12 + i64::from(d.month()) - 1;
    let day = i64::from(d.day());
    if day == 31 {
        (months + 1) * 30
    } else {
        months * 30 + day - 1
    }
}

/// Service days of one inclusive period; none when it ends before it starts.
fn period_days(from: ThaiDate, to: ThaiDate) -> u64 {
    let n = service_day_number(to.add_days(1)) - service_day_number(from);
    u64::try_from(n).unwrap_or(0)
}

/// §57 para 2 (and the way Thai service records count time): the total length of inclusive
/// periods `(first day, last day)`, as years, months and days.
///
/// Every calendar month of service counts as one month (30 days) and every calendar year as
/// one year, whatever its length: 1 January to 31 December is exactly 1 year, 1 to 28
/// February 2023 exactly 1 month. Within a month the 1st to the 30th count one day each, the
/// 31st counts nothing, and the last day of February makes February up to 30 days; days carry
/// into a month at 30 and months into a year at 12. Counting each day with a fixed weight
/// makes the count additive: splitting a period into adjacent pieces never changes the total.
///
/// Periods are summed as given (each one's days counted once per period): overlapping periods
/// are counted twice. A period that ends before it starts counts nothing. To count service
/// without double counting, use `bma_service`.
pub fn service_length(periods: &[(ThaiDate, ThaiDate)]) -> ServiceLength {
    let days = periods
        .iter()
        .map(|&(from, to)| period_days(from, to))
        .fold(0u64, u64::saturating_add);
    ServiceLength::from_days(days)
}

/// The union of inclusive periods, sorted, with overlapping and adjacent ones merged.
fn merge(mut periods: Vec<(ThaiDate, ThaiDate)>) -> Vec<(ThaiDate, ThaiDate)> {
    periods.retain(|(from, to)| from <= to);
    periods.sort();
    let mut out: Vec<(ThaiDate, ThaiDate)> = Vec::with_capacity(periods.len());
    for (from, to) in periods {
        match out.last_mut() {
            Some(last) if from <= last.1.add_days(1) => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// §57 para 2: "ให้ถือเวลาราชการหรือเวลาทำงานของผู้ซึ่งโอนมารับราชการ...เป็นเวลาราชการของ
/// ข้าราชการกรุงเทพมหานคร": BMA service of a person who entered on `start`, counted up to and
/// including `on`, together with the credited service or work time before the transfer.
///
/// Days are counted once, however the periods overlap; a credited period is counted only up to
/// `on`. Counting follows `service_length`.
pub fn bma_service(
    start: ThaiDate,
    on: ThaiDate,
    credited_prior: &[(ThaiDate, ThaiDate)],
) -> ServiceLength {
    let mut periods = Vec::with_capacity(credited_prior.len() + 1);
    periods.push((start, on));
    periods.extend(credited_prior.iter().map(|&(from, to)| (from, to.min(on))));
    service_length(&merge(periods))
}

/// One period of service or work before a transfer in (§57), inclusive.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorService {
    pub from: ThaiDate,
    pub to: ThaiDate,
}

/// BMA service on `on`: the days served in the periods of the register (each inclusive, cut
/// at `on`) together with credited prior service (§57), each day counted once.
pub fn service_in_periods(
    served: &[(ThaiDate, ThaiDate)],
    on: ThaiDate,
    credited_prior: &[(ThaiDate, ThaiDate)],
) -> ServiceLength {
    let periods: Vec<(ThaiDate, ThaiDate)> = served
        .iter()
        .chain(credited_prior)
        .filter(|(from, _)| *from <= on)
        .map(|&(from, to)| (from, to.min(on)))
        .collect();
    service_length(&merge(periods))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn len(y: u32, m: u32, days: u32) -> ServiceLength {
        ServiceLength {
            years: y,
            months: m,
            days,
        }
    }

    #[test]
    fn moves_between_categories_need_the_person_and_the_home_agency() {
        // "อาจกระทำได้หากผู้นั้นสมัครใจและหน่วยงานต้นสังกัดเห็นชอบ"
        use Category as C;
        assert!(check_category_move(C::Ordinary, C::Teacher, true, true).is_empty());
        let codes = |v: Violations| v.iter().map(|x| x.code).collect::<Vec<_>>();
        assert_eq!(
            codes(check_category_move(C::Teacher, C::Ordinary, false, true)),
            ["category_move.volunteer"]
        );
        assert_eq!(
            codes(check_category_move(
                C::Ordinary,
                C::HigherEducation,
                true,
                false
            )),
            ["category_move.home_agency"]
        );
        let v = check_category_move(C::HigherEducation, C::Teacher, false, false);
        assert_eq!(
            codes(v.clone()),
            ["category_move.volunteer", "category_move.home_agency"]
        );
        assert!(v.iter().all(|x| x.section == Some("§56 วรรคหนึ่ง")));
        assert_eq!(v.0[0].field, "person_consents");
        assert_eq!(v.0[1].field, "home_agency_consents");
        // Same category: nothing to check.
        for c in Category::ALL {
            assert!(check_category_move(*c, *c, false, false).is_empty());
        }
        // Not between civil-servant categories: a new appointment, not §56.
        assert!(check_category_move(C::PermanentEmployee, C::Ordinary, false, false).is_empty());
        assert!(!is_category_move(
            C::TemporaryEmployee,
            C::PermanentEmployee
        ));
        assert!(is_category_move(C::Teacher, C::Ordinary));
    }

    #[test]
    fn lengths_of_single_periods() {
        let cases = [
            // A calendar year is exactly one year, leap or not.
            (d(2023, 1, 1), d(2023, 12, 31), len(1, 0, 0)),
            (d(2024, 1, 1), d(2024, 12, 31), len(1, 0, 0)),
            // Fiscal years.
            (d(2000, 10, 1), d(2023, 9, 30), len(23, 0, 0)),
            // A month from any day to the day before the same day next month.
            (d(2023, 1, 15), d(2023, 2, 14), len(0, 1, 0)),
            (d(2023, 2, 1), d(2023, 2, 28), len(0, 1, 0)),
            (d(2024, 2, 1), d(2024, 2, 29), len(0, 1, 0)),
            (d(2024, 2, 1), d(2024, 2, 28), len(0, 0, 28)),
            (d(2023, 1, 1), d(2023, 1, 31), len(0, 1, 0)),
            // The 31st adds nothing: the first thirty days make a month.
            (d(2023, 1, 1), d(2023, 1, 30), len(0, 1, 0)),
            (d(2023, 1, 1), d(2023, 1, 10), len(0, 0, 10)),
            (d(2023, 3, 7), d(2023, 3, 7), len(0, 0, 1)),
            (d(2023, 3, 31), d(2023, 3, 31), len(0, 0, 0)),
            (d(2023, 3, 7), d(2023, 3, 6), len(0, 0, 0)),
            (d(2010, 4, 16), d(2022, 7, 20), len(12, 3, 5)),
        ];
        for (from, to, want) in cases {
            assert_eq!(service_length(&[(from, to)]), want, "{from}–{to}");
        }
    }

    #[test]
    fn periods_are_summed_with_carry() {
        // 12 years, then 3 months 5 days.
        let total = service_length(&[
            (d(2000, 1, 1), d(2011, 12, 31)),
            (d(2012, 3, 1), d(2012, 6, 5)),
        ]);
        assert_eq!(total, len(12, 3, 5));
        assert_eq!(total.to_string(), "12 ปี 3 เดือน 5 วัน");
        assert_eq!(total.en(), "12 years 3 months 5 days");
        assert_eq!(len(1, 1, 1).en(), "1 year 1 month 1 day");
        // 20 days and 15 days make 1 month 5 days.
        let total = service_length(&[
            (d(2020, 1, 1), d(2020, 1, 20)),
            (d(2021, 3, 1), d(2021, 3, 15)),
        ]);
        assert_eq!(total, len(0, 1, 5));
        // 11 months 20 days and 1 month 15 days make 1 year 1 month 5 days.
        assert_eq!(len(0, 11, 20) + len(0, 1, 15), len(1, 1, 5));
        assert_eq!(service_length(&[]), len(0, 0, 0));
    }

    #[test]
    fn bma_service_counts_prior_service_of_a_transferee_once() {
        // "ให้ถือเวลาราชการหรือเวลาทำงานของผู้ซึ่งโอนมารับราชการ...เป็นเวลาราชการของ
        //  ข้าราชการกรุงเทพมหานคร"
        let start = d(2015, 10, 1);
        let on = d(2023, 9, 30);
        assert_eq!(bma_service(start, on, &[]), len(8, 0, 0));
        let prior = [(d(2010, 10, 1), d(2015, 9, 30))];
        assert_eq!(bma_service(start, on, &prior), len(13, 0, 0));
        // Overlaps are not counted twice.
        let overlapping = [
            (d(2010, 10, 1), d(2015, 12, 31)),
            (d(2012, 1, 1), d(2013, 1, 1)),
        ];
        assert_eq!(bma_service(start, on, &overlapping), len(13, 0, 0));
        // Nothing after `on` counts.
        let later = [(d(2010, 10, 1), d(2030, 1, 1))];
        assert_eq!(bma_service(start, on, &later), len(13, 0, 0));
        // A gap between the periods is not service.
        let gap = [(d(2010, 10, 1), d(2014, 9, 30))];
        assert_eq!(bma_service(start, on, &gap), len(12, 0, 0));
        // Counted up to and including `on`.
        assert_eq!(bma_service(start, start, &[]), len(0, 0, 1));
        assert_eq!(bma_service(start, start.add_days(-1), &[]), len(0, 0, 0));
    }

    fn date() -> impl Strategy<Value = ThaiDate> {
        (0i64..40_000).prop_map(|n| d(1950, 1, 1).add_days(n))
    }

    proptest! {
        #[test]
        fn adjacent_periods_add_up_to_the_whole(a in date(), k in 0i64..5_000, m in 1i64..5_000) {
            let b = a.add_days(k);
            let c = b.add_days(m);
            let whole = service_length(&[(a, c)]);
            let split = service_length(&[(a, b), (b.add_days(1), c)]);
            prop_assert_eq!(whole, split);
            prop_assert_eq!(
                service_length(&[(a, b)]) + service_length(&[(b.add_days(1), c)]),
                whole
            );
        }

        #[test]
        fn longer_periods_are_never_shorter(a in date(), k in 0i64..5_000, m in 0i64..5_000) {
            let b = a.add_days(k);
            prop_assert!(service_length(&[(a, b)]) <= service_length(&[(a, b.add_days(m))]));
            prop_assert!(service_length(&[(a, b)]) <= service_length(&[(a.add_days(-m), b)]));
        }

        #[test]
        fn a_calendar_year_or_month_is_exactly_one(y in 1900i32..2200, mo in 1u32..=12) {
            prop_assert_eq!(service_length(&[(d(y, 1, 1), d(y, 12, 31))]), len(1, 0, 0));
            let first = d(y, mo, 1);
            let next = if mo == 12 { d(y + 1, 1, 1) } else { d(y, mo + 1, 1) };
            let last = next.add_days(-1);
            prop_assert_eq!(service_length(&[(first, last)]), len(0, 1, 0));
        }

        #[test]
        fn bma_service_never_double_counts(start in date(), k in 0i64..10_000, p in date(), q in 0i64..10_000) {
            let on = start.add_days(k);
            let own = bma_service(start, on, &[]);
            prop_assert_eq!(own, service_length(&[(start, on)]));
            // Crediting the BMA period itself adds nothing.
            prop_assert_eq!(bma_service(start, on, &[(start, on)]), own);
            // Crediting any period adds at most its own length, and never takes away.
            let with = bma_service(start, on, &[(p, p.add_days(q))]);
            prop_assert!(with >= own);
            prop_assert!(with.total_days() <= own.total_days() + service_length(&[(p, p.add_days(q))]).total_days());
        }
    }
}
