//! Issue 21: the parsers of what people type never panic. Arbitrary text (and text shaped
//! like what they accept, with extreme numbers) goes to each; each answers `Ok` or a
//! `Violation` with both languages and its field, and what they accept reads back the same.
//!
//! Cases per property: `PROPTEST_CASES` (256 by default; see SECURITY.md for a longer run).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bmahr_core::org::{parse_unit_code, UnitKind};
use bmahr_core::person::{Gender, NewPerson, PersonFields, Title};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::parse_order_number;
use bmahr_core::{FiscalYear, NationalId, Satang, ThaiDate, Violation};
use proptest::prelude::*;

fn today() -> ThaiDate {
    ThaiDate::from_ce(2026, 1, 5).unwrap_or(ThaiDate::FIRST)
}

/// A refusal is a whole answer: a code, a field and a message in each language.
fn well_formed(v: &Violation) -> Result<(), TestCaseError> {
    prop_assert!(!v.code.is_empty(), "{v:?}");
    prop_assert!(
        !v.message_th.is_empty() && !v.message_en.is_empty(),
        "{v:?}"
    );
    Ok(())
}

/// Text shaped like a date: day, month and year of any size, the separators and month names
/// the parser knows, era markers and Thai digits.
fn date_like() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<i32>().prop_map(|n| n.to_string()),
        (0u32..40).prop_map(|n| n.to_string()),
        (1800i32..3100).prop_map(|n| n.to_string()),
        "[0-9๐-๙]{0,6}",
        Just("-0".to_string()),
        Just("+1".to_string()),
    ];
    let sep = prop_oneof![Just("-"), Just("/"), Just(" "), Just("--"), Just("//")];
    let month = prop_oneof![
        Just("ก.ย."),
        Just("กันยายน"),
        Just("ม.ค."),
        Just("ธันวาคม"),
        Just("x")
    ];
    let era = prop_oneof![
        Just(""),
        Just("พ.ศ. "),
        Just(" BE"),
        Just("ค.ศ. "),
        Just(" CE"),
        Just("AD"),
        Just("B.E.")
    ];
    (
        era.clone(),
        number.clone(),
        sep.clone(),
        prop_oneof![number.clone(), month.prop_map(String::from)],
        sep,
        number,
        era,
    )
        .prop_map(|(e1, a, s1, b, s2, c, e2)| format!("{e1}{a}{s1}{b}{s2}{c}{e2}"))
}

proptest! {
    #[test]
    fn dates_never_panic(s in any::<String>(), shaped in date_like()) {
        for input in [s.as_str(), shaped.as_str()] {
            match ThaiDate::parse(input) {
                // What is accepted is a date of an HR record and reads back as itself.
                Ok(d) => {
                    prop_assert!((1850..=2300).contains(&d.year_ce()), "{input:?} → {d:?}");
                    prop_assert_eq!(ThaiDate::parse(&d.to_string()).ok(), Some(d));
                    prop_assert_eq!(ThaiDate::parse(&d.iso()).ok(), Some(d));
                }
                Err(v) => {
                    well_formed(&v)?;
                    prop_assert_eq!(v.field.as_str(), "date");
                }
            }
            let _ = ThaiDate::parse_iso(input);
        }
    }

    #[test]
    fn national_ids_never_panic(s in any::<String>(), digits in "[0-9๐-๙ -]{0,40}") {
        for input in [s.as_str(), digits.as_str()] {
            match NationalId::parse(input) {
                Ok(id) => {
                    prop_assert_eq!(id.reveal().len(), 13);
                    prop_assert_eq!(NationalId::parse(id.reveal()).ok(), Some(id.clone()));
                    prop_assert!(!id.to_string().contains(&id.reveal()[..9]));
                }
                Err(v) => {
                    well_formed(&v)?;
                    prop_assert_eq!(v.field.as_str(), "national_id");
                }
            }
        }
    }

    #[test]
    fn codes_numbers_and_money_never_panic(
        s in any::<String>(),
        shaped in "[0-9๐-๙,. ฿/-]{0,30}",
    ) {
        for input in [s.as_str(), shaped.as_str()] {
            match parse_unit_code(input) {
                Ok(c) => prop_assert!(!c.is_empty() && c.len() <= 32),
                Err(v) => well_formed(&v)?,
            }
            if let Err(v) = parse_order_number(input) {
                well_formed(&v)?;
            }
            match Satang::parse(input) {
                Ok(m) => prop_assert!(m.satang() >= 0),
                Err(v) => well_formed(&v)?,
            }
            for r in [
                Category::parse(input).map(|_| ()),
                Level::parse(input).map(|_| ()),
                UnitKind::parse(input).map(|_| ()),
                Title::parse(input).map(|_| ()),
                Gender::parse(input).map(|_| ()),
            ] {
                if let Err(v) = r {
                    well_formed(&v)?;
                }
            }
        }
    }

    /// A person's fields, each anything: every problem is named, and never a panic.
    #[test]
    fn person_fields_never_panic(f in proptest::collection::vec(
        prop_oneof![any::<String>(), date_like(), "[ก-๙ ]{0,20}", "[0-9]{13}"], 12)
    ) {
        let fields = PersonFields {
            national_id: &f[0],
            title: &f[1],
            first_th: &f[2],
            last_th: &f[3],
            first_en: &f[4],
            last_en: &f[5],
            birth_date: &f[6],
            gender: &f[7],
            nationality: &f[8],
            education: &f[9],
            phone: &f[10],
            email: &f[11],
        };
        match NewPerson::from_fields(&fields, today()) {
            Ok(p) => prop_assert!(p.birth_date <= today()),
            Err(vs) => {
                prop_assert!(!vs.0.is_empty());
                for v in &vs.0 {
                    well_formed(v)?;
                    prop_assert!(!v.field.is_empty(), "{v:?}");
                }
            }
        }
    }
}

/// Years at the ends of `i32` and beyond, in every form: refused, not overflowed in the
/// BE → CE subtraction.
#[test]
fn extreme_years_are_refused_not_overflowed() {
    for input in [
        "1 ม.ค. -2147483648",
        "1 มกราคม -2147483648",
        "1 ม.ค. 2147483647",
        "พ.ศ. 1 ม.ค. -2147483648",
        "ค.ศ. 1 ม.ค. -2147483648",
        "1 ม.ค. 99999999999999999999",
        "31/12/2147483647",
        "2147-12-31 BE",
        "-2147483648-01-01",
    ] {
        let v = ThaiDate::parse(input).expect_err(input);
        assert_eq!(v.code, "date.format", "{input}");
    }
}

proptest! {
    /// Found by the API's fuzz test (`GET /api/v1/reports/discipline?fy=-2147483648`): a
    /// fiscal year or BE year of any `i32` gives dates (the calendar's ends for years it does
    /// not hold), never an overflow.
    #[test]
    fn any_fiscal_year_has_days(y in prop_oneof![any::<i32>(), Just(i32::MIN), Just(i32::MAX)]) {
        let fy = FiscalYear::be(y);
        prop_assert!(fy.first_day() <= fy.last_day());
        let _ = fy.next();
        let _ = fy.contains(fy.last_day());
        let _ = ThaiDate::from_be(y, 1, 1);
    }
}

#[test]
fn the_fiscal_years_at_the_ends_of_i32() {
    for y in [i32::MIN, i32::MIN + 1, i32::MAX] {
        let fy = FiscalYear::be(y);
        assert!(fy.first_day() <= fy.last_day(), "{y}");
        assert_eq!(ThaiDate::from_be(y, 1, 1), None, "{y}");
    }
    assert_eq!(FiscalYear::be(i32::MAX).next(), FiscalYear::be(i32::MAX));
    assert_eq!(FiscalYear::be(2567).first_day().iso(), "2023-10-01");
}
