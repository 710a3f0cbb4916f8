//! Appeals to ก.พ.ค. กรุงเทพมหานคร (§60–62): the thirty days to appeal, the decision period and
//! its extensions, carrying the decision out, and the ninety days to sue.

use super::Deadline;
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};

crate::labelled_enum! {
    /// What ก.พ.ค. กรุงเทพมหานคร decided on an appeal. The Act does not list these (§60 para 2
    /// leaves them to the กฎ ก.พ.ค.); there is no "increased" (see the module notes).
    pub enum AppealOutcome: "appeal_outcome" {
        NotAccepted = ("not_accepted", "ไม่รับอุทธรณ์", "not accepted"),
        Dismissed = ("dismissed", "ยกอุทธรณ์", "appeal dismissed"),
        PenaltyReduced = ("penalty_reduced", "ลดโทษ", "penalty reduced"),
        Cancelled = ("cancelled", "ยกเลิกคำสั่ง", "order cancelled"),
        Other = ("other", "ให้ดำเนินการอย่างอื่น", "other action ordered"),
    }
}

/// §60 para 1: "ภายในสามสิบวัน".
pub const APPEAL_DAYS: u32 = 30;
/// §61 para 1: "ภายในหนึ่งร้อยยี่สิบวัน".
pub const DECISION_DAYS: u32 = 120;
/// §61 para 1: "ไม่เกินสองครั้ง".
pub const MAX_EXTENSIONS: usize = 2;
/// §61 para 1: "แต่ละครั้งจะต้องไม่เกินหกสิบวัน".
pub const MAX_EXTENSION_DAYS: u32 = 60;
/// §62 para 1: "ภายในสามสิบวัน".
pub const IMPLEMENT_DAYS: u32 = 30;
/// §62 para 2: "ภายในเก้าสิบวัน".
pub const COURT_DAYS: u32 = 90;

const APPEAL: &str = "§60 วรรคหนึ่ง";
const DECISION: &str = "§61 วรรคหนึ่ง";
const IMPLEMENT: &str = "§62 วรรคหนึ่ง";
const COURT: &str = "§62 วรรคสอง";

/// §60 para 1: "ผู้ใดถูกสั่งลงโทษหรือสั่งให้ออกจากราชการ … มีสิทธิอุทธรณ์ต่อ ก.พ.ค. กรุงเทพมหานคร
/// ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง". `knew_on` is the day the person knew or
/// is deemed to have known the order.
pub fn appeal_deadline(knew_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        knew_on,
        APPEAL_DAYS,
        APPEAL,
        "วันสุดท้ายที่อุทธรณ์ต่อ ก.พ.ค. กรุงเทพมหานครได้",
        "last day to appeal to ก.พ.ค. กรุงเทพมหานคร",
    )
}

/// §60 para 1: an appeal filed after the thirty days is late (`appeal.late`); the message
/// gives the last day. A filing on the last day, however it was reached, is in time.
pub fn appeal_filed_in_time(
    knew_on: ThaiDate,
    filed_on: ThaiDate,
    cal: &HolidayCalendar,
) -> Result<(), Violation> {
    let d = appeal_deadline(knew_on, cal);
    if filed_on <= d.last_day {
        return Ok(());
    }
    Err(Violation::new(
        "appeal.late",
        "filed_on",
        format!(
            "ต้องอุทธรณ์ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง ({}): วันสุดท้ายคือ {} แต่ยื่นเมื่อ {}",
            knew_on.long_th(),
            d.last_day.long_th(),
            filed_on.long_th()
        ),
        format!(
            "an appeal must be filed within thirty days of knowing the order ({}): the last day was {}, it was filed on {}",
            knew_on.iso(),
            d.last_day.iso(),
            filed_on.iso()
        ),
    )
    .with_section(APPEAL))
}

/// §61 para 1: the appeal is to be decided "ภายในหนึ่งร้อยยี่สิบวันนับแต่วันที่ได้รับอุทธรณ์".
pub fn decision_deadline(received_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        received_on,
        DECISION_DAYS,
        DECISION,
        "วันครบกำหนดพิจารณาวินิจฉัยอุทธรณ์",
        "appeal to be decided by",
    )
}

/// One extension of the decision period (§61 para 1), with the recorded obstacle
/// (เหตุขัดข้อง).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    pub days: u32,
    pub reason: String,
}

/// §61 para 1: the decision period with its extensions: "ให้ขยายระยะเวลาได้อีกซึ่งไม่เกินสองครั้ง
/// โดยแต่ละครั้งจะต้องไม่เกินหกสิบวัน และให้บันทึกเหตุขัดข้องให้ปรากฏไว้ด้วย". Reports every
/// failure: a third extension (`appeal.too_many_extensions`), one longer than sixty days
/// (`appeal.extension_too_long`), one of no days (`appeal.extension_days`), one without its
/// reason (`appeal.extension_reason`). Each extension runs on from the counted end of the
/// period before it (module notes).
pub fn extend_decision(
    received_on: ThaiDate,
    extensions: &[Extension],
    cal: &HolidayCalendar,
) -> Result<Deadline, Violations> {
    let mut out = Violations::default();
    if extensions.len() > MAX_EXTENSIONS {
        out.push(
            Violation::new(
                "appeal.too_many_extensions",
                "extensions",
                format!(
                    "ขยายระยะเวลาพิจารณาอุทธรณ์ได้ไม่เกินสองครั้ง (ขอขยาย {} ครั้ง)",
                    extensions.len()
                ),
                format!(
                    "the decision period may be extended at most twice ({} extensions given)",
                    extensions.len()
                ),
            )
            .with_section(DECISION),
        );
    }
    for (i, e) in extensions.iter().enumerate() {
        if e.days > MAX_EXTENSION_DAYS {
            out.push(
                Violation::new(
                    "appeal.extension_too_long",
                    format!("extensions[{i}].days"),
                    format!(
                        "ขยายระยะเวลาแต่ละครั้งต้องไม่เกินหกสิบวัน (ครั้งที่ {} ขอ {} วัน)",
                        i + 1,
                        e.days
                    ),
                    format!(
                        "each extension may be at most sixty days (extension {} is {} days)",
                        i + 1,
                        e.days
                    ),
                )
                .with_section(DECISION),
            );
        } else if e.days == 0 {
            out.push(
                Violation::new(
                    "appeal.extension_days",
                    format!("extensions[{i}].days"),
                    format!("ต้องระบุจำนวนวันที่ขยาย (ครั้งที่ {})", i + 1),
                    format!("extension {} must be of at least one day", i + 1),
                )
                .with_section(DECISION),
            );
        }
        if e.reason.trim().is_empty() {
            out.push(
                Violation::new(
                    "appeal.extension_reason",
                    format!("extensions[{i}].reason"),
                    format!(
                        "ต้องบันทึกเหตุขัดข้องที่ทำให้การพิจารณาไม่แล้วเสร็จ (ครั้งที่ {})",
                        i + 1
                    ),
                    format!(
                        "the obstacle that prevents a decision in time must be recorded (extension {})",
                        i + 1
                    ),
                )
                .with_section(DECISION),
            );
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    let mut d = decision_deadline(received_on, cal);
    for e in extensions {
        let end = cal.within_days(d.counted_day, e.days);
        d.counted_day = end.counted_day;
        d.last_day = end.last_day;
    }
    Ok(d)
}

/// §61 para 3: the decision was not made within the period (with its extensions), so an
/// appellant who considers themselves harmed is deemed aggrieved under the law on the
/// Administrative Court ("ให้ถือว่าผู้อุทธรณ์เป็นผู้ได้รับความเดือดร้อนหรือเสียหาย"). `decided_on`
/// is the day of the decision, if there is one yet.
pub fn decision_late(deadline: &Deadline, decided_on: Option<ThaiDate>, today: ThaiDate) -> bool {
    match decided_on {
        Some(d) => d > deadline.last_day,
        None => today > deadline.last_day,
    }
}

/// §62 para 1: the appointing authority (§52–54) carries out the decision "ภายในสามสิบวันนับแต่
/// วันที่ ก.พ.ค. กรุงเทพมหานคร มีคำวินิจฉัย"; one who does not is deemed to omit a duty wrongfully
/// (§62 para 3).
pub fn implementation_deadline(decided_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        decided_on,
        IMPLEMENT_DAYS,
        IMPLEMENT,
        "วันครบกำหนดดำเนินการให้เป็นไปตามคำวินิจฉัยอุทธรณ์",
        "appeal decision to be carried out by",
    )
}

/// §62 para 2: an appellant who disagrees "ให้ฟ้องคดีต่อศาลปกครองภายในเก้าสิบวันนับแต่วันที่ทราบ
/// หรือถือว่าทราบคำวินิจฉัยอุทธรณ์".
pub fn court_deadline(knew_decision_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        knew_decision_on,
        COURT_DAYS,
        COURT,
        "วันสุดท้ายที่ฟ้องคดีต่อศาลปกครองได้",
        "last day to sue in the Administrative Court",
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::testing::*;
    use super::*;

    // §60 "ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง"
    #[test]
    fn appeal_on_day_30_is_in_time_and_day_31_late() {
        let cal = cal();
        // Knew on Monday 1 July 2024: day 30 is Wednesday 31 July.
        let knew = d(2024, 7, 1);
        let dl = appeal_deadline(knew, &cal);
        assert_eq!(dl.last_day, d(2024, 7, 31));
        assert_eq!(dl.basis, "§60 วรรคหนึ่ง");
        assert!(appeal_filed_in_time(knew, d(2024, 7, 31), &cal).is_ok());
        let late = appeal_filed_in_time(knew, d(2024, 8, 1), &cal).unwrap_err();
        assert_eq!(late.code, "appeal.late");
        assert_eq!(late.section, Some("§60 วรรคหนึ่ง"));
        assert!(
            late.message_th.contains("31 กรกฎาคม 2567"),
            "{}",
            late.message_th
        );
        assert!(late.message_en.contains("2024-07-31"));
    }

    #[test]
    fn appeal_ending_in_songkran_runs_to_the_next_working_day() {
        let cal = cal();
        // Knew on 14 March 2024: day 30 is Saturday 13 April, Songkran runs to Tuesday 16.
        let knew = d(2024, 3, 14);
        let dl = appeal_deadline(knew, &cal);
        assert_eq!(dl.counted_day, d(2024, 4, 13));
        assert_eq!(dl.last_day, d(2024, 4, 17));
        assert!(dl.moved_off_holiday());
        assert!(appeal_filed_in_time(knew, d(2024, 4, 17), &cal).is_ok());
        assert!(appeal_filed_in_time(knew, d(2024, 4, 18), &cal).is_err());
    }

    // §61 "ภายในหนึ่งร้อยยี่สิบวันนับแต่วันที่ได้รับอุทธรณ์ … ขยายระยะเวลาได้อีกซึ่งไม่เกินสองครั้ง
    // โดยแต่ละครั้งจะต้องไม่เกินหกสิบวัน และให้บันทึกเหตุขัดข้อง"
    #[test]
    fn decision_in_120_days_and_two_extensions_of_60() {
        let cal = cal();
        let received = d(2024, 1, 2);
        let base = decision_deadline(received, &cal);
        assert_eq!(base.last_day, d(2024, 5, 1));
        assert_eq!(extend_decision(received, &[], &cal).unwrap(), base);

        // The first extension ends on Sunday 30 June, so that period ends Monday 1 July …
        let one = extend_decision(received, &[ext(60, "รอผลตรวจพิสูจน์เอกสาร")], &cal).unwrap();
        assert_eq!(one.counted_day, d(2024, 6, 30));
        assert_eq!(one.last_day, d(2024, 7, 1));
        // … but the second runs on from 30 June, the counted end: 240 days in all.
        let two = extend_decision(
            received,
            &[
                ext(60, "รอผลตรวจพิสูจน์เอกสาร"),
                ext(60, "พยานสำคัญอยู่ต่างประเทศ"),
            ],
            &cal,
        )
        .unwrap();
        assert_eq!(two.counted_day, d(2024, 8, 29));
        assert_eq!(received.days_until(two.counted_day), 240);
        assert_eq!(two.last_day, d(2024, 8, 29));
        assert_eq!(two.basis, "§61 วรรคหนึ่ง");
    }

    #[test]
    fn a_third_a_longer_and_an_unexplained_extension_are_refused() {
        let cal = cal();
        let received = d(2024, 1, 2);
        let three = extend_decision(received, &[ext(30, "ก"), ext(30, "ข"), ext(30, "ค")], &cal)
            .unwrap_err();
        assert_eq!(codes(&three), ["appeal.too_many_extensions"]);
        assert_eq!(three.0[0].section, Some("§61 วรรคหนึ่ง"));

        let long = extend_decision(received, &[ext(61, "รอเอกสาร")], &cal).unwrap_err();
        assert_eq!(codes(&long), ["appeal.extension_too_long"]);
        assert_eq!(long.0[0].field, "extensions[0].days");

        let blank = extend_decision(received, &[ext(60, "เหตุ"), ext(10, "  ")], &cal).unwrap_err();
        assert_eq!(codes(&blank), ["appeal.extension_reason"]);
        assert_eq!(blank.0[0].field, "extensions[1].reason");

        // All at once.
        let all =
            extend_decision(received, &[ext(90, ""), ext(0, "x"), ext(10, "y")], &cal).unwrap_err();
        assert_eq!(
            codes(&all),
            [
                "appeal.too_many_extensions",
                "appeal.extension_too_long",
                "appeal.extension_reason",
                "appeal.extension_days"
            ]
        );
    }

    #[test]
    fn a_late_decision_lets_the_appellant_go_to_court() {
        let cal = cal();
        let dl = decision_deadline(d(2024, 1, 2), &cal);
        assert!(!decision_late(&dl, None, d(2024, 5, 1)));
        assert!(decision_late(&dl, None, d(2024, 5, 2)));
        assert!(!decision_late(&dl, Some(d(2024, 4, 30)), d(2024, 9, 1)));
        assert!(decision_late(&dl, Some(d(2024, 5, 2)), d(2024, 5, 2)));
    }

    // §62 "ภายในสามสิบวันนับแต่วันที่ ก.พ.ค. กรุงเทพมหานคร มีคำวินิจฉัย", "ฟ้องคดีต่อศาลปกครอง
    // ภายในเก้าสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำวินิจฉัยอุทธรณ์"
    #[test]
    fn implementing_and_suing() {
        let cal = cal();
        let imp = implementation_deadline(d(2024, 6, 3), &cal);
        assert_eq!((imp.last_day, imp.basis), (d(2024, 7, 3), "§62 วรรคหนึ่ง"));
        // 90 days from 10 June 2024 is Sunday 8 September: Monday 9.
        let court = court_deadline(d(2024, 6, 10), &cal);
        assert_eq!(court.counted_day, d(2024, 9, 8));
        assert_eq!(
            (court.last_day, court.basis),
            (d(2024, 9, 9), "§62 วรรคสอง")
        );
    }

    proptest! {
        #[test]
        fn appeal_deadline_is_a_working_day_at_least_30_days_on(start in 0i64..5_000) {
            let cal = cal();
            let knew = d(2020, 1, 1).add_days(start);
            let dl = appeal_deadline(knew, &cal);
            prop_assert!(cal.is_working_day(dl.last_day));
            prop_assert!(knew.days_until(dl.last_day) >= 30);
            prop_assert_eq!(knew.days_until(dl.counted_day), 30);
            prop_assert!(appeal_filed_in_time(knew, dl.last_day, &cal).is_ok());
            prop_assert!(appeal_filed_in_time(knew, dl.last_day.add_days(1), &cal).is_err());
        }

        #[test]
        fn extensions_never_pass_240_counted_days(
            start in 0i64..5_000,
            days in proptest::collection::vec(1u32..=60, 0..=2),
        ) {
            let cal = cal();
            let received = d(2020, 1, 1).add_days(start);
            let exts: Vec<Extension> = days.iter().map(|n| ext(*n, "เหตุขัดข้อง")).collect();
            let dl = extend_decision(received, &exts, &cal).unwrap();
            let counted = received.days_until(dl.counted_day);
            prop_assert_eq!(counted, 120 + days.iter().map(|n| i64::from(*n)).sum::<i64>());
            prop_assert!(counted <= 240);
            prop_assert!(cal.is_working_day(dl.last_day));
            prop_assert!(dl.last_day >= dl.counted_day);
        }

        #[test]
        fn more_or_longer_extensions_are_refused(
            days in proptest::collection::vec(1u32..=200, 0..6),
        ) {
            let exts: Vec<Extension> = days.iter().map(|n| ext(*n, "เหตุ")).collect();
            let bad = days.len() > 2 || days.iter().any(|n| *n > 60);
            prop_assert_eq!(extend_decision(d(2024, 1, 2), &exts, &cal()).is_err(), bad);
        }

    }
}
