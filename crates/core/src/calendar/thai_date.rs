use std::fmt;

use chrono::{Datelike, Days, NaiveDate};

use crate::i18n::Violation;

/// Buddhist-era year = Common-era year + 543.
pub const BE_OFFSET: i32 = 543;

const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
const MONTHS_TH_ABBR: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// A calendar date. Stored and exchanged as ISO CE (`2023-09-30`), shown in the Buddhist era
/// (`30/09/2566`), accepted in either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ThaiDate(NaiveDate);

impl ThaiDate {
    pub fn from_naive(d: NaiveDate) -> Self {
        Self(d)
    }

    /// Builds a date from a CE year, month and day.
    pub fn from_ce(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }

    /// Builds a date from a BE year, month and day (`None` for a year no calendar holds,
    /// `i32::MIN` included).
    pub fn from_be(year_be: i32, month: u32, day: u32) -> Option<Self> {
        Self::from_ce(year_be.checked_sub(BE_OFFSET)?, month, day)
    }

    pub fn naive(self) -> NaiveDate {
        self.0
    }
    pub fn year_ce(self) -> i32 {
        self.0.year()
    }
    pub fn year_be(self) -> i32 {
        self.0.year() + BE_OFFSET
    }
    pub fn month(self) -> u32 {
        self.0.month()
    }
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// `days` later (earlier when negative), or `None` when that day is not a date the
    /// calendar holds (chrono's range, about ±262,000 years). Use this wherever the number of
    /// days comes from a person or a stored record: a period of `u32::MAX` days must be refused
    /// with a `date.out_of_range` violation, not crash the request.
    pub fn checked_add_days(self, days: i64) -> Option<ThaiDate> {
        let n = Days::new(days.unsigned_abs());
        if days < 0 {
            self.0.checked_sub_days(n)
        } else {
            self.0.checked_add_days(n)
        }
        .map(Self)
    }

    /// `days` later (earlier when negative), saturating at the first or last date the calendar
    /// holds instead of panicking.
    ///
    /// Saturating rather than checked because it is used all over the core for small,
    /// known-good offsets (the day before, the day after, a period of the Act), where an
    /// `Option` would only add `unwrap`s; and rather than panicking because no input, however
    /// absurd, may bring a request down. A saturated date is never a real answer: code that
    /// counts a number of days it was given uses [`ThaiDate::checked_add_days`] and reports
    /// the overflow.
    pub fn add_days(self, days: i64) -> Self {
        self.checked_add_days(days)
            .unwrap_or(if days < 0 { Self::FIRST } else { Self::LAST })
    }

    /// The first date the calendar holds (chrono's `NaiveDate::MIN`).
    pub const FIRST: ThaiDate = ThaiDate(NaiveDate::MIN);
    /// The last date the calendar holds (chrono's `NaiveDate::MAX`).
    pub const LAST: ThaiDate = ThaiDate(NaiveDate::MAX);

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: ThaiDate) -> i64 {
        (other.0 - self.0).num_days()
    }

    /// The same day and month `years` later; 29 February becomes 1 March in a common year,
    /// as a birthday anniversary is counted in Thai practice.
    pub fn add_years(self, years: i32) -> Self {
        let y = self.0.year().saturating_add(years);
        match NaiveDate::from_ymd_opt(y, self.0.month(), self.0.day()) {
            Some(d) => Self(d),
            None => Self(NaiveDate::from_ymd_opt(y, 3, 1).unwrap_or(self.0)),
        }
    }

    /// ISO 8601 in the Common era, the storage and API form.
    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// `30 กันยายน 2566`
    pub fn long_th(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS_TH[self.month0()],
            self.year_be()
        )
    }

    /// `30 ก.ย. 2566`
    pub fn short_th(self) -> String {
        format!(
            "{} {} {}",
            self.day(),
            MONTHS_TH_ABBR[self.month0()],
            self.year_be()
        )
    }

    fn month0(self) -> usize {
        (self.0.month0() as usize).min(11)
    }

    /// Reads a date written the way Thai officers and other systems write it:
    ///
    /// * ISO CE `2023-09-30`;
    /// * BE with slashes `30/09/2566` (day first);
    /// * ISO form marked BE: `2566-09-30 BE`, `พ.ศ. 2566-09-30`, or with a year ≥ 2400, which
    ///   can only be BE;
    /// * Thai month names `30 ก.ย. 2566`, `30 กันยายน 2566`;
    /// * Thai digits anywhere (`๓๐/๐๙/๒๕๖๖`).
    pub fn parse(input: &str) -> Result<Self, Violation> {
        parse_date(input).ok_or_else(|| {
            Violation::new(
                "date.format",
                "date",
                format!(
                    "วันที่ \"{input}\" ไม่ถูกต้อง: ใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 30/09/2566 หรือ ค.ศ. 2023-09-30"
                ),
                format!(
                    "date \"{input}\" is invalid: use DD/MM/YYYY (Buddhist era), e.g. 30/09/2566, or ISO 2023-09-30"
                ),
            )
        })
    }

    /// Reads the storage form (ISO CE) only.
    pub fn parse_iso(s: &str) -> Option<Self> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Self)
    }
}

/// Shown in the Buddhist era: `30/09/2566`.
impl fmt::Display for ThaiDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}/{:02}/{}",
            self.day(),
            self.month(),
            self.year_be()
        )
    }
}

impl serde::Serialize for ThaiDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> serde::Deserialize<'de> for ThaiDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ThaiDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[derive(PartialEq)]
enum Era {
    Unmarked,
    Be,
    Ce,
}

fn thai_digits_to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .collect()
}

fn strip_era(s: &str) -> (String, Era) {
    let mut t = s.trim().to_string();
    let mut era = Era::Unmarked;
    for (marker, e) in [
        ("พ.ศ.", Era::Be),
        ("B.E.", Era::Be),
        ("BE", Era::Be),
        ("ค.ศ.", Era::Ce),
        ("C.E.", Era::Ce),
        ("CE", Era::Ce),
        ("AD", Era::Ce),
    ] {
        if let Some(rest) = t.strip_prefix(marker) {
            t = rest.trim().to_string();
            era = e;
            break;
        }
        if let Some(rest) = t.strip_suffix(marker) {
            t = rest.trim().to_string();
            era = e;
            break;
        }
    }
    (t, era)
}

/// The smallest year that is read as BE without a marker: CE 2400 is centuries away,
/// BE 2400 was 1857, before any living person's record.
const BE_THRESHOLD: i32 = 2400;

fn to_ce_year(year: i32, era: &Era) -> Option<i32> {
    let ce = match era {
        Era::Be => year.checked_sub(BE_OFFSET)?,
        Era::Ce => year,
        Era::Unmarked if year >= BE_THRESHOLD => year - BE_OFFSET,
        Era::Unmarked => year,
    };
    // A year outside this window is a typing error in an HR record, in either era.
    (1850..=2300).contains(&ce).then_some(ce)
}

fn parse_date(input: &str) -> Option<ThaiDate> {
    let ascii = thai_digits_to_ascii(input);
    let (s, era) = strip_era(&ascii);
    if s.is_empty() {
        return None;
    }
    // 2023-09-30 / 2566-09-30
    if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        if y.len() != 4 {
            return None;
        }
        let y = to_ce_year(y.parse().ok()?, &era)?;
        return ThaiDate::from_ce(y, m.parse().ok()?, d.parse().ok()?);
    }
    // 30/09/2566
    if let Some((d, rest)) = s.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        if y.len() != 4 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        // Day-first with slashes is the Thai form: an unmarked CE year is refused as
        // ambiguous with the US month-first habit of some spreadsheets.
        let y = if era == Era::Unmarked && year < BE_THRESHOLD {
            return None;
        } else {
            to_ce_year(year, &era)?
        };
        return ThaiDate::from_ce(y, m.parse().ok()?, d.parse().ok()?);
    }
    // 30 ก.ย. 2566 / 30 กันยายน 2566
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() == 3 {
        let m = MONTHS_TH
            .iter()
            .position(|n| *n == parts[1])
            .or_else(|| MONTHS_TH_ABBR.iter().position(|n| *n == parts[1]))?;
        let era = if era == Era::Unmarked { Era::Be } else { era };
        let y = to_ce_year(parts[2].parse().ok()?, &era)?;
        return ThaiDate::from_ce(y, m as u32 + 1, parts[0].parse().ok()?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    #[test]
    fn accepted_forms() {
        let want = d(2023, 9, 30);
        for s in [
            "2023-09-30",
            "30/09/2566",
            "30/9/2566",
            "2566-09-30 BE",
            "พ.ศ. 2566-09-30",
            "2566-09-30",
            "๓๐/๐๙/๒๕๖๖",
            "30 ก.ย. 2566",
            "30 กันยายน 2566",
            "  2023-09-30  ",
            "ค.ศ. 2023-09-30",
        ] {
            assert_eq!(ThaiDate::parse(s).unwrap(), want, "{s}");
        }
    }

    #[test]
    fn refused_forms() {
        for s in [
            "",
            "30/09/2023",
            "2023-02-30",
            "31/04/2566",
            "2566/09/30",
            "yesterday",
            "1066-10-14",
            "2023-09-30 BE",
            "29/02/2567 extra",
        ] {
            let err = ThaiDate::parse(s).unwrap_err();
            assert_eq!(err.code, "date.format", "{s}");
            assert!(err.message_th.contains("วันที่"));
        }
    }

    #[test]
    fn leap_day_in_be() {
        assert_eq!(ThaiDate::parse("29/02/2567").unwrap(), d(2024, 2, 29));
        assert!(ThaiDate::parse("29/02/2566").is_err());
    }

    #[test]
    fn shown_in_be() {
        let x = d(2023, 9, 30);
        assert_eq!(x.to_string(), "30/09/2566");
        assert_eq!(x.long_th(), "30 กันยายน 2566");
        assert_eq!(x.short_th(), "30 ก.ย. 2566");
        assert_eq!(x.iso(), "2023-09-30");
    }

    #[test]
    fn anniversary_of_leap_day() {
        assert_eq!(d(1964, 2, 29).add_years(60), d(2024, 2, 29));
        assert_eq!(d(1964, 2, 29).add_years(61), d(2025, 3, 1));
    }

    #[test]
    fn date_arithmetic_past_the_calendar_does_not_panic() {
        let x = d(2026, 1, 5);
        assert_eq!(x.checked_add_days(4_000_000_000), None);
        assert_eq!(x.checked_add_days(-4_000_000_000), None);
        assert_eq!(x.checked_add_days(i64::MAX), None);
        assert_eq!(x.checked_add_days(i64::MIN), None);
        assert_eq!(x.checked_add_days(31), Some(d(2026, 2, 5)));
        assert_eq!(x.checked_add_days(-5), Some(d(2025, 12, 31)));
        // add_days saturates at the ends of the calendar.
        assert_eq!(x.add_days(4_000_000_000), ThaiDate::LAST);
        assert_eq!(x.add_days(i64::MIN), ThaiDate::FIRST);
        assert_eq!(ThaiDate::LAST.checked_add_days(1), None);
        assert_eq!(ThaiDate::FIRST.checked_add_days(-1), None);
        assert_eq!(ThaiDate::LAST.add_days(-1).add_days(1), ThaiDate::LAST);
        assert_eq!(x.add_years(i32::MAX), x);
    }

    proptest! {
        #[test]
        fn checked_add_days_is_add_days_in_range_and_never_panics(n in any::<i64>(), k in -1_000_000i64..1_000_000) {
            let x = d(2026, 1, 5);
            match x.checked_add_days(n) {
                Some(y) => {
                    prop_assert_eq!(x.days_until(y), n);
                    prop_assert_eq!(x.add_days(n), y);
                }
                None => prop_assert!(x.add_days(n) == ThaiDate::FIRST || x.add_days(n) == ThaiDate::LAST),
            }
            let y = x.checked_add_days(k).unwrap();
            prop_assert_eq!(y.checked_add_days(-k), Some(x));
        }

        #[test]
        fn display_and_iso_round_trip(days in 0i64..120_000) {
            let x = d(1900, 1, 1).add_days(days);
            prop_assert_eq!(ThaiDate::parse(&x.to_string()).unwrap(), x);
            prop_assert_eq!(ThaiDate::parse(&x.iso()).unwrap(), x);
            prop_assert_eq!(ThaiDate::parse(&x.long_th()).unwrap(), x);
            prop_assert_eq!(ThaiDate::parse(&x.short_th()).unwrap(), x);
            prop_assert_eq!(x.year_be() - x.year_ce(), 543);
        }
    }
}
