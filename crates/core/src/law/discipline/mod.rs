//! Discipline, appeals and grievances (หมวด ๓ ส่วนที่ ๓–๕, §58–65): the closed sets of a case,
//! the deadlines the Act sets, the report chain of §59, refunds, serious penalties and the
//! forum of a grievance.
//!
//! Readings of the Act used here (the Act wins over DOMAIN.md and over this note):
//!
//! * **Counting.** Every period of these sections is "ภายใน … วันนับแต่วันที่ …": counted with
//!   [`HolidayCalendar::within_days`](crate::calendar::HolidayCalendar::within_days) (CCC §193/3: from the next day; §193/8: a last day that is
//!   a holiday moves to the next working day).
//! * **§60 appeal: 30 days** "นับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง": from the day the person
//!   knew, *or is deemed to have known*, the order. Who is deemed to know when (notice by post,
//!   refusal to sign) is for the กฎ ก.พ.ค. กรุงเทพมหานคร (§60 para 2); the caller passes the day.
//! * **§61 decision: 120 days** "นับแต่วันที่ได้รับอุทธรณ์", which "ให้ขยายระยะเวลาได้อีกซึ่งไม่เกิน
//!   สองครั้งโดยแต่ละครั้งจะต้องไม่เกินหกสิบวัน และให้บันทึกเหตุขัดข้องให้ปรากฏไว้ด้วย". The Act says
//!   the *period* is extended ("ขยายระยะเวลา … ได้อีก"), so each extension lengthens the period
//!   itself and runs on from the day the previous period ends by counting (its `counted_day`),
//!   not from a working day the end was moved to: 120 + 60 + 60 calendar days at most, and only
//!   the final last day is moved off a holiday. Each extension must record its reason
//!   (เหตุขัดข้อง). The Act does not say an extension must be made before the period runs out,
//!   so that is not checked here.
//! * **§61 para 3.** When no decision is made within that period (with its extensions) and the
//!   appellant considers themselves harmed, they are deemed aggrieved under the law on the
//!   Administrative Court: [`decision_late`].
//! * **§62 para 1: 30 days from the decision** "นับแต่วันที่ ก.พ.ค. กรุงเทพมหานคร มีคำวินิจฉัย" —
//!   from the day of the decision, not from its notification. A superior who does not comply is
//!   deemed to omit a duty wrongfully (§62 para 3).
//! * **§62 para 2: 90 days to sue** "ภายในเก้าสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำวินิจฉัยอุทธรณ์".
//! * **§59 para 6: 30 days** "ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งมติ ก.ก." — from being notified
//!   of the ก.ก. resolution, not from the meeting.
//! * **Grievances (§63–65) have no period in the Act**: §64 para 4 leaves "การร้องทุกข์และการ
//!   พิจารณาวินิจฉัยเรื่องร้องทุกข์" to the กฎ ก.พ.ค. กรุงเทพมหานคร, so no grievance deadline is
//!   computed here.
//! * **Appeal outcomes.** §61–62 do not list what ก.พ.ค. may decide; they only say the
//!   appointing authority carries the decision out (§62 para 1). The Act gives ก.พ.ค. no power
//!   to *increase* a penalty on appeal (increasing is a power of the superior who receives a
//!   report, §59 para 2, and an appeal is the penalised person's right, "ผู้นั้นมีสิทธิอุทธรณ์"),
//!   so [`AppealOutcome`] has no "penalty increased".
//! * **Severity of penalties.** The Act speaks of "สถานโทษ" (the kind of penalty) and
//!   "อัตราโทษ" (its rate) and of heavier ("หนักขึ้น") and lighter ("เบาลง") ones, but does not
//!   list them: it applies the civil-service schemes "โดยอนุโลม" (seed 002: "โทษทางวินัย ได้กำหนด
//!   โทษไว้ ๒ ระดับ ๕ สถาน": ภาคทัณฑ์, ตัดเงินเดือน, ลดขั้นเงินเดือน/ลดเงินเดือน; serious ปลดออก,
//!   ไล่ออก, numbered from the lightest). So kinds are ordered as [`PenaltyKind`](crate::register::PenaltyKind) declares them,
//!   lightest first; within one kind a rate (percent, months) is heavier only when neither part
//!   is lighter, and two rates that move in opposite directions are not comparable.
//! * **A superior's power** to penalise is set by ก.ก. rules, not by the Act, so the caller
//!   passes it as the heaviest penalty the superior may order ([`within_power`]).
//!
//! The rules sit with the sections they come from: `stage` and `complaints` hold the closed
//! sets of a case and of the integrity reports, `deadline` the counting every period shares,
//! `penalty` the penalties and their severity, `serious` serious penalties and removals
//! (§58), `power` a superior's power to punish, the report chain and refunds (§59),
//! `appeal` appeals to ก.พ.ค. (§60–62) and `grievance` grievances (§63–65). Everything is
//! re-exported here, so callers name `discipline::X` whatever file holds it.

mod appeal;
mod complaints;
mod deadline;
mod grievance;
mod penalty;
mod power;
mod serious;
mod stage;
#[cfg(test)]
mod testing;

pub use appeal::{
    appeal_deadline, appeal_filed_in_time, court_deadline, decision_deadline, decision_late,
    extend_decision, implementation_deadline, AppealOutcome, Extension, APPEAL_DAYS, COURT_DAYS,
    DECISION_DAYS, IMPLEMENT_DAYS, MAX_EXTENSIONS, MAX_EXTENSION_DAYS,
};
pub use complaints::{ComplaintCategory, ComplaintGroup, ComplaintStatus};
pub use deadline::{days_left, is_overdue, Deadline};
pub use grievance::{
    check_grievance_admissible, grievance_forum, Forum, GrievanceCause, GrievanceOutcome,
};
pub use penalty::{compare_severity, Penalty};
pub use power::{
    check_penalty_change, kk_compliance_deadline, monthly_deduction, salary_refund, within_power,
    Disposition, PenaltyChange, WaiverForm, KK_COMPLIANCE_DAYS,
};
pub use serious::{check_serious_penalty, KkResolution, Measure, RemovalGround};
pub use stage::CaseStage;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::PenaltyKind;

    #[test]
    fn labels_parse_back() {
        for s in CaseStage::ALL {
            assert_eq!(CaseStage::parse(s.code()).unwrap(), *s);
        }
        for c in ComplaintCategory::ALL {
            assert_eq!(ComplaintCategory::parse(c.th()).unwrap(), *c);
        }
        assert_eq!(
            ComplaintCategory::parse("ทำลายระบบตรวจสอบอำนาจรัฐ")
                .unwrap()
                .group(),
            ComplaintGroup::Corruption
        );
        assert_eq!(ComplaintCategory::Behaviour.group(), ComplaintGroup::Ethics);
        assert!(AppealOutcome::parse("penalty_increased").is_err());
        assert_eq!(GrievanceOutcome::ALL.len(), 6);
        assert!(CaseStage::Allegation.may_move_to(CaseStage::FactFinding));
        assert!(CaseStage::FactFinding.may_move_to(CaseStage::Closed));
        assert!(!CaseStage::Decision.may_move_to(CaseStage::Investigation));
        assert!(!CaseStage::Closed.may_move_to(CaseStage::Closed));
    }

    #[test]
    fn serde_shapes() {
        let p: Disposition =
            serde_json::from_str(r#"{"penalised":{"kind":"salary_cut","percent":4,"months":2}}"#)
                .unwrap();
        assert_eq!(p, Disposition::Penalised(Penalty::salary_cut(4, 2)));
        let w: Disposition = serde_json::from_str(r#"{"waived":"warning"}"#).unwrap();
        assert_eq!(w, Disposition::Waived(WaiverForm::Warning));
        let m: Measure = serde_json::from_str(r#"{"penalty":"discharge"}"#).unwrap();
        assert_eq!(m, Measure::Penalty(PenaltyKind::Discharge));
    }
}
