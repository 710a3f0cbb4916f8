//! A superior's power to punish and the report chain (§59): what a superior who receives a
//! report may change, the salary refunded when a penalty falls (para 4), and the thirty days
//! to comply with a ก.ก. resolution (para 6).

use std::cmp::Ordering;

use super::serious::SERIOUS;
use super::{compare_severity, Deadline, Penalty};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::Violation;
use crate::money::Satang;
use crate::register::PenaltyKind;

/// §59 para 6: "ภายในสามสิบวัน".
pub const KK_COMPLIANCE_DAYS: u32 = 30;
const KK_COMPLIANCE: &str = "§59 วรรคหก";

/// Whether `p` is within the power of a superior whose heaviest penalty is `max`: a kind no
/// heavier than `max`'s, and no part of the rate above the part `max` states (a superior who
/// may cut or reduce up to 5% may not cut 6%). A part `max` leaves open is not limited.
pub fn within_power(p: &Penalty, max: &Penalty) -> bool {
    if p.kind > max.kind {
        return false;
    }
    let percent_ok = match (p.percent, max.percent) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    let months_ok = match (p.months, max.months) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    percent_ok && months_ok
}

crate::labelled_enum! {
    /// The two forms of waiving a penalty (งดโทษ) in §59 para 2: "โดยให้ทำทัณฑ์บนเป็นหนังสือหรือ
    /// ว่ากล่าวตักเตือน".
    pub enum WaiverForm: "waiver_form" {
        WrittenBond = ("written_bond", "ทำทัณฑ์บนเป็นหนังสือ", "written bond"),
        Warning = ("warning", "ว่ากล่าวตักเตือน", "warning"),
    }
}

/// How a disciplinary matter was disposed of, before or after a superior's review (§59
/// para 2 names the three: "การยุติเรื่อง การงดโทษหรือการลงโทษ").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// The matter closed (ยุติเรื่อง), or the penalty cancelled (ยกโทษ).
    Closed,
    /// Fault found but the penalty waived (งดโทษ).
    Waived(WaiverForm),
    Penalised(Penalty),
}

crate::labelled_enum! {
    /// What a superior's review under §59 para 2 did.
    pub enum PenaltyChange: "penalty_change" {
        Unchanged = ("unchanged", "คงตามคำสั่งเดิม", "unchanged"),
        Imposed = ("imposed", "สั่งลงโทษ", "penalty imposed"),
        Increased = ("increased", "เพิ่มโทษ", "penalty increased"),
        Reduced = ("reduced", "ลดโทษ", "penalty reduced"),
        Waived = ("waived", "งดโทษ", "penalty waived"),
        Cancelled = ("cancelled", "ยกโทษ", "penalty cancelled"),
        Amended = ("amended", "แก้ไขเปลี่ยนแปลงคำสั่งเดิม", "order amended"),
    }
}

const REPORT_CHAIN: &str = "§59 วรรคสอง";

/// §59 para 2: a superior who receives a report and finds the closing, waiver or penalty
/// wrong or unsuitable may impose a penalty, increase it ("เพิ่มโทษเป็นสถานโทษหรืออัตราโทษที่
/// หนักขึ้น"), reduce it, waive it ("งดโทษโดยให้ทำทัณฑ์บนเป็นหนังสือหรือว่ากล่าวตักเตือน") or cancel
/// it ("ยกโทษ"), and amend the order. But "การสั่งลงโทษหรือเพิ่มโทษเป็นสถานโทษที่หนักขึ้นต้องไม่เกิน
/// อำนาจของตน และการเพิ่มอัตราโทษเมื่อรวมกับอัตราโทษเดิมต้องไม่เกินอำนาจนั้นด้วย ถ้าเกินอำนาจของตน
/// ก็ให้รายงานต่อผู้บังคับบัญชา … ตามลำดับ".
///
/// `proposed` is the whole resulting disposition, so for an increase of rate its rate *is* the
/// old rate plus the increase, and comparing it with `superior_max` is exactly "เมื่อรวมกับ
/// อัตราโทษเดิม". Reducing, waiving and cancelling are not limited by power. A serious penalty
/// (ปลดออก, ไล่ออก) is never within this power: §58 para 1 sends it to ก.ก.
/// (`discipline.serious_needs_kk`); anything else beyond power is `discipline.beyond_power`.
pub fn check_penalty_change(
    original: &Disposition,
    proposed: &Disposition,
    superior_max: &Penalty,
) -> Result<PenaltyChange, Violation> {
    use Disposition as D;
    let p = match proposed {
        D::Closed => {
            return Ok(match original {
                D::Closed => PenaltyChange::Unchanged,
                _ => PenaltyChange::Cancelled,
            })
        }
        D::Waived(f) => {
            return Ok(match original {
                D::Waived(g) if g == f => PenaltyChange::Unchanged,
                D::Waived(_) => PenaltyChange::Amended,
                _ => PenaltyChange::Waived,
            })
        }
        D::Penalised(p) => p,
    };
    let change = match original {
        D::Closed | D::Waived(_) => PenaltyChange::Imposed,
        D::Penalised(o) => match compare_severity(p, o) {
            Some(Ordering::Greater) => PenaltyChange::Increased,
            Some(Ordering::Less) => PenaltyChange::Reduced,
            Some(Ordering::Equal) => PenaltyChange::Unchanged,
            None => PenaltyChange::Amended,
        },
    };
    let heavier = matches!(
        change,
        PenaltyChange::Imposed | PenaltyChange::Increased | PenaltyChange::Amended
    );
    if !heavier {
        return Ok(change);
    }
    if p.kind.is_serious() {
        return Err(Violation::new(
            "discipline.serious_needs_kk",
            "proposed",
            format!(
                "โทษ{}เป็นโทษทางวินัยอย่างร้ายแรง ผู้มีอำนาจสั่งบรรจุต้องสั่งเรื่องให้ ก.ก. พิจารณา",
                p.kind.th()
            ),
            format!(
                "{} is a serious penalty: the appointing authority must refer the case to ก.ก.",
                p.kind.en()
            ),
        )
        .with_section(SERIOUS));
    }
    if within_power(p, superior_max) {
        return Ok(change);
    }
    Err(Violation::new(
        "discipline.beyond_power",
        "proposed",
        format!(
            "{} เมื่อรวมกับอัตราโทษเดิมเกินอำนาจของผู้บังคับบัญชา (สั่งได้ไม่เกิน {}) ให้รายงานต่อผู้บังคับบัญชาชั้นเหนือขึ้นไปตามลำดับเพื่อพิจารณาดำเนินการตามควรแก่กรณี",
            p.describe_th(),
            superior_max.describe_th()
        ),
        format!(
            "{} (with the original rate) is beyond this superior's power (at most {}): report it up the chain of superiors",
            p.describe_en(),
            superior_max.describe_en()
        ),
    )
    .with_section(REPORT_CHAIN))
}

/// What a penalty takes from one month's salary, in whole satang (rounded down): a cut takes
/// `percent` in each of its first `months` months (index 0 is the first month of the penalty);
/// a reduction takes `percent` every month; the other kinds take nothing from the salary.
pub fn monthly_deduction(p: &Penalty, month_index: usize, salary: Satang) -> Satang {
    let percent = i64::from(p.percent.unwrap_or(0).min(100));
    let base = salary.satang().max(0);
    let applies = match p.kind {
        PenaltyKind::SalaryCut => {
            usize::try_from(p.months.unwrap_or(0)).unwrap_or(usize::MAX) > month_index
        }
        PenaltyKind::SalaryReduction => true,
        _ => false,
    };
    if applies {
        Satang::from_satang(base.saturating_mul(percent) / 100)
    } else {
        Satang::from_satang(0)
    }
}

/// §59 para 4: "ในกรณีที่คำสั่งลงโทษตัดเงินเดือนหรือลดเงินเดือน … เป็นอันยกเลิก หรืออัตราโทษส่วนที่
/// เกินเป็นอันยกเลิก ให้คืนเงินเดือนที่ได้ตัดหรือลดไปแล้ว … ให้แก่ผู้ถูกลงโทษ".
///
/// `monthly_salaries` are the salaries (before any cut) of the months the original penalty
/// has run, first month first. The same paragraph says when the whole old order falls: on a
/// change of kind either way ("เพิ่มโทษเป็นสถานโทษที่หนักขึ้น หรือลดโทษเป็นสถานโทษที่เบาลง"), a
/// waiver or a cancellation "คำสั่งลงโทษเดิมให้เป็นอันยกเลิก": then all that was cut is refunded
/// (`new` is `None` for a waiver or cancellation, or a penalty of another kind, which is cut
/// under its own order). When only the rate is reduced "อัตราโทษส่วนที่เกินก็ให้เป็นอันยกเลิก":
/// each month gets back what was cut minus what the new rate cuts. Months with nothing to
/// refund are left out.
pub fn salary_refund(
    monthly_salaries: &[(ThaiDate, Satang)],
    original: Penalty,
    new: Option<Penalty>,
) -> Vec<(ThaiDate, Satang)> {
    let keep = new.filter(|n| n.kind == original.kind);
    monthly_salaries
        .iter()
        .enumerate()
        .filter_map(|(i, (month, salary))| {
            let cut = monthly_deduction(&original, i, *salary).satang();
            let still = keep.map_or(0, |n| monthly_deduction(&n, i, *salary).satang());
            let back = (cut - still).max(0);
            (back > 0).then(|| (*month, Satang::from_satang(back)))
        })
        .collect()
}

/// §59 para 6: when ก.ก. finds a reported disciplinary action wrong or unsuitable, the
/// appointing authority, the Permanent Secretary or the Governor orders as resolved
/// "ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งมติ ก.ก.".
pub fn kk_compliance_deadline(notified_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        notified_on,
        KK_COMPLIANCE_DAYS,
        KK_COMPLIANCE,
        "วันครบกำหนดสั่งหรือปฏิบัติให้เป็นไปตามมติ ก.ก.",
        "ก.ก. resolution to be complied with by",
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::testing::*;
    use super::*;

    // §59 para 2 "การเพิ่มอัตราโทษเมื่อรวมกับอัตราโทษเดิมต้องไม่เกินอำนาจนั้นด้วย ถ้าเกินอำนาจของตนก็ให้
    // รายงานต่อผู้บังคับบัญชา … ตามลำดับ"
    #[test]
    fn report_chain_changes() {
        use Disposition as D;
        let max = Penalty::salary_cut(5, 2); // this superior may cut up to 5% for 2 months
        let orig = D::Penalised(Penalty::salary_cut(4, 1));
        let ok = |o: &D, p: &D| check_penalty_change(o, p, &max);

        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::salary_cut(4, 2))),
            Ok(PenaltyChange::Increased)
        );
        // 2% more on top of the original 4% is 6%: beyond the 5% this superior may order.
        let e = ok(&orig, &D::Penalised(Penalty::salary_cut(6, 1))).unwrap_err();
        assert_eq!(e.code, "discipline.beyond_power");
        assert_eq!(e.section, Some("§59 วรรคสอง"));
        assert!(
            e.message_th.contains("ผู้บังคับบัญชาชั้นเหนือขึ้นไป"),
            "{}",
            e.message_th
        );
        // A heavier kind than this superior may order.
        let e = ok(&orig, &D::Penalised(Penalty::salary_reduction(2))).unwrap_err();
        assert_eq!(e.code, "discipline.beyond_power");
        // Serious penalties go to ก.ก. (§58).
        let e = ok(&orig, &D::Penalised(Penalty::discharge())).unwrap_err();
        assert_eq!(
            (e.code, e.section),
            ("discipline.serious_needs_kk", Some("§58 วรรคหนึ่ง"))
        );

        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::salary_cut(2, 1))),
            Ok(PenaltyChange::Reduced)
        );
        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::probation())),
            Ok(PenaltyChange::Reduced)
        );
        assert_eq!(
            ok(&orig, &D::Waived(WaiverForm::WrittenBond)),
            Ok(PenaltyChange::Waived)
        );
        assert_eq!(ok(&orig, &D::Closed), Ok(PenaltyChange::Cancelled));
        assert_eq!(ok(&orig, &orig), Ok(PenaltyChange::Unchanged));
        // A closed matter penalised by the superior: "ให้มีอำนาจสั่งลงโทษ".
        assert_eq!(
            ok(&D::Closed, &D::Penalised(Penalty::probation())),
            Ok(PenaltyChange::Imposed)
        );
        assert!(ok(&D::Closed, &D::Penalised(Penalty::salary_cut(5, 3))).is_err());
        // Reducing a penalty heavier than one's own power is still allowed.
        let heavy = D::Penalised(Penalty::salary_reduction(4));
        assert_eq!(
            ok(&heavy, &D::Penalised(Penalty::salary_cut(5, 1))),
            Ok(PenaltyChange::Reduced)
        );
        // Rates moving both ways: checked against power like an increase.
        assert_eq!(
            ok(
                &D::Penalised(Penalty::salary_cut(2, 2)),
                &D::Penalised(Penalty::salary_cut(5, 1))
            ),
            Ok(PenaltyChange::Amended)
        );
    }

    // §59 para 4 "ให้คืนเงินเดือนที่ได้ตัดหรือลดไปแล้ว"
    #[test]
    fn cancelled_salary_cut_is_refunded_month_by_month() {
        let months = [
            (d(2024, 10, 1), baht(30_000)),
            (d(2024, 11, 1), baht(30_000)),
            (d(2024, 12, 1), baht(31_000)),
            (d(2025, 1, 1), baht(31_000)),
        ];
        let cut = Penalty::salary_cut(5, 3);
        assert_eq!(
            salary_refund(&months, cut, None),
            vec![
                (d(2024, 10, 1), baht(1_500)),
                (d(2024, 11, 1), baht(1_500)),
                (d(2024, 12, 1), baht(1_550)),
            ]
        );
        // Rate reduced to 2%: the 3% "ส่วนที่เกิน" comes back.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::salary_cut(2, 3))),
            vec![
                (d(2024, 10, 1), baht(900)),
                (d(2024, 11, 1), baht(900)),
                (d(2024, 12, 1), baht(930)),
            ]
        );
        // Shortened to one month.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::salary_cut(5, 1))),
            vec![(d(2024, 11, 1), baht(1_500)), (d(2024, 12, 1), baht(1_550))]
        );
        // A lighter kind: "คำสั่งลงโทษเดิมให้เป็นอันยกเลิก", all of it comes back.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::probation())).len(),
            3
        );
        // A reduction of salary runs every month.
        let red = salary_refund(&months, Penalty::salary_reduction(4), None);
        assert_eq!(red.len(), 4);
        assert_eq!(red[3], (d(2025, 1, 1), baht(1_240)));
        // An increase refunds nothing.
        assert!(salary_refund(&months, cut, Some(Penalty::salary_cut(5, 4))).is_empty());
        // Fractions of a satang are dropped the same way on both sides.
        assert_eq!(
            salary_refund(
                &[(d(2024, 10, 1), Satang::from_satang(3_333_333))],
                cut,
                None
            ),
            vec![(d(2024, 10, 1), Satang::from_satang(166_666))]
        );
    }

    // §59 "ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งมติ ก.ก."
    #[test]
    fn complying_with_a_kk_resolution() {
        let cal = cal();
        // Notified 5 November 2024: day 30 is 5 December, a holiday: Friday 6.
        let kk = kk_compliance_deadline(d(2024, 11, 5), &cal);
        assert_eq!((kk.last_day, kk.basis), (d(2024, 12, 6), "§59 วรรคหก"));
    }

    proptest! {
        #[test]
        fn refunds_are_never_negative_nor_more_than_was_cut(
            salaries in proptest::collection::vec(0i64..20_000_000, 0..15),
            original in any_penalty(),
            new in proptest::option::of(any_penalty()),
        ) {
            let months: Vec<(ThaiDate, Satang)> = salaries
                .iter()
                .enumerate()
                .map(|(i, s)| (d(2024, 1, 1).add_days(31 * i as i64), Satang::from_satang(*s)))
                .collect();
            let refund = salary_refund(&months, original, new);
            let mut total_cut = 0;
            for (i, (_, s)) in months.iter().enumerate() {
                total_cut += monthly_deduction(&original, i, *s).satang();
            }
            let mut total_back = 0;
            for (month, back) in &refund {
                let i = months.iter().position(|(m, _)| m == month).unwrap();
                prop_assert!(back.satang() > 0);
                prop_assert!(*back <= monthly_deduction(&original, i, months[i].1));
                total_back += back.satang();
            }
            prop_assert!(total_back <= total_cut);
            if new.is_none() {
                prop_assert_eq!(total_back, total_cut);
            }
        }

        #[test]
        fn nothing_heavier_than_power_passes(
            orig in any_penalty(),
            prop in any_penalty(),
            max_p in 1u32..=20,
            max_m in 1u32..=12,
        ) {
            let max = Penalty::salary_cut(max_p, max_m);
            let r = check_penalty_change(&Disposition::Penalised(orig), &Disposition::Penalised(prop), &max);
            if let Ok(PenaltyChange::Increased | PenaltyChange::Imposed | PenaltyChange::Amended) = r {
                prop_assert!(within_power(&prop, &max));
            }
            if prop.kind.is_serious() && compare_severity(&prop, &orig) != Some(Ordering::Less) && prop != orig {
                prop_assert!(r.is_err());
            }
        }
    }
}
