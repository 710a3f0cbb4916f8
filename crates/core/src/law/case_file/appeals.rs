//! An appeal to ก.พ.ค. (§60–62): the decision period and its extensions, the decision and what
//! it refunds, and the appellant's notice that starts the ninety days to sue.

use super::deadlines::period_end;
use super::{refused, CaseDeadline, CaseFile, Facts, Holder, RefundMonth};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::law::discipline::{self, compare_severity, AppealOutcome, Extension, Penalty};

impl CaseFile {
    /// §61 para 1: the decision period is extended, at most twice and by sixty days at most
    /// each time, with the obstacle recorded; not once the appeal is decided.
    pub(super) fn extend(
        &mut self,
        days: u32,
        reason: &str,
        cal: &HolidayCalendar,
    ) -> Result<(), Violations> {
        if self.outcome.is_some() {
            return Err(refused(
                "appeal.already_decided",
                "วินิจฉัยอุทธรณ์แล้ว ขยายระยะเวลาไม่ได้".to_string(),
                "the appeal is decided; the period cannot be extended".to_string(),
            ));
        }
        let received = self.opening.opened_on();
        let mut all = self.extensions.clone();
        all.push(Extension {
            days,
            reason: reason.trim().to_string(),
        });
        let d = discipline::extend_decision(received, &all, cal)?;
        let total = all
            .iter()
            .fold(discipline::DECISION_DAYS, |n, e| n.saturating_add(e.days));
        period_end(cal, received, total, "days")?;
        self.extensions = all;
        if let Some(dl) = self.deadline_mut("decision") {
            dl.last_day = d.last_day;
            dl.counted_day = d.counted_day;
        }
        Ok(())
    }

    /// §61–62: ก.พ.ค.'s decision, made once. It meets the decision period, starts the thirty
    /// days to carry it out (§62 para 1), and refunds a cancelled or reduced salary penalty
    /// (§59 para 4) into `refund`.
    pub(super) fn appeal_decided(
        &mut self,
        on: ThaiDate,
        outcome: AppealOutcome,
        new_penalty: Option<Penalty>,
        refund: &mut Vec<RefundMonth>,
        facts: Facts<'_>,
    ) -> Result<(), Violations> {
        if self.outcome.is_some() {
            return Err(refused(
                "appeal.already_decided",
                "วินิจฉัยอุทธรณ์แล้ว".to_string(),
                "the appeal is already decided".to_string(),
            ));
        }
        self.check_new_penalty(outcome, new_penalty.as_ref())?;
        period_end(facts.cal, on, discipline::IMPLEMENT_DAYS, "on")?;
        *refund = match outcome {
            AppealOutcome::Cancelled => self.refund_for(None, facts.salaries),
            AppealOutcome::PenaltyReduced => self.refund_for(new_penalty, facts.salaries),
            _ => Vec::new(),
        };
        self.refunds.extend(refund.iter().copied());
        self.meet("decision", on);
        self.outcome = Some(outcome.code().to_string());
        self.deadlines.push(CaseDeadline::of(
            "implement",
            Holder::Unit,
            on,
            discipline::implementation_deadline(on, facts.cal),
        ));
        Ok(())
    }

    /// §62 para 2: the appellant knew (or is deemed to know) the decision, no earlier than it
    /// was made and once: the ninety days to sue start.
    pub(super) fn appellant_notified(
        &mut self,
        on: ThaiDate,
        cal: &HolidayCalendar,
    ) -> Result<(), Violations> {
        self.refuse_before("implement", on)?;
        if self.deadlines.iter().any(|d| d.key == "court") {
            return Err(refused(
                "appeal.already_notified",
                "บันทึกวันที่ผู้อุทธรณ์ทราบคำวินิจฉัยแล้ว".to_string(),
                "the appellant's notice is already recorded".to_string(),
            ));
        }
        if self.outcome.is_none() {
            return Err(refused(
                "appeal.not_decided",
                "ยังไม่มีคำวินิจฉัยอุทธรณ์".to_string(),
                "the appeal is not decided yet".to_string(),
            ));
        }
        period_end(cal, on, discipline::COURT_DAYS, "on")?;
        self.deadlines.push(CaseDeadline::of(
            "court",
            Holder::Person,
            on,
            discipline::court_deadline(on, cal),
        ));
        Ok(())
    }

    /// An appeal reduced to a penalty must name a lighter one; other outcomes name none.
    fn check_new_penalty(
        &self,
        outcome: AppealOutcome,
        new: Option<&Penalty>,
    ) -> Result<(), Violations> {
        let mut v = Violations::default();
        match (outcome, new) {
            (AppealOutcome::PenaltyReduced, None) => v.push(Violation::new(
                "appeal.new_penalty_required",
                "new_penalty",
                "การลดโทษต้องระบุโทษใหม่",
                "a reduced penalty must be stated",
            )),
            (AppealOutcome::PenaltyReduced, Some(p)) => {
                for e in p.check().iter() {
                    v.push(e.clone());
                }
                if let Some(old) = self.penalty {
                    if compare_severity(p, &old) != Some(std::cmp::Ordering::Less) {
                        v.push(
                            Violation::new(
                                "appeal.not_lighter",
                                "new_penalty",
                                format!(
                                    "{} ไม่เบากว่าโทษเดิม ({})",
                                    p.describe_th(),
                                    old.describe_th()
                                ),
                                format!(
                                    "{} is not lighter than the penalty appealed ({})",
                                    p.describe_en(),
                                    old.describe_en()
                                ),
                            )
                            .with_section("§60"),
                        );
                    }
                }
            }
            (_, Some(_)) => v.push(Violation::new(
                "appeal.new_penalty_unexpected",
                "new_penalty",
                "ระบุโทษใหม่ได้เฉพาะการลดโทษ",
                "a new penalty is stated only when the penalty is reduced",
            )),
            _ => {}
        }
        v.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile, Holder};
    use crate::law::discipline::Penalty;

    #[test]
    fn a_third_extension_is_refused_and_changes_nothing() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 3, 2), d(2026, 3, 10)), &cal).unwrap();
        let first = f.deadlines[1].last_day;
        for _ in 0..2 {
            let mut e = CaseEvent::Extended {
                on: d(2026, 6, 1),
                days: 60,
                reason: "รอพยานเอกสาร".into(),
            };
            f.apply(&mut e, facts(&cal)).unwrap();
        }
        let after_two = f.deadlines[1].clone();
        assert_eq!(after_two.counted_day, d(2026, 3, 10).add_days(240));
        assert!(after_two.last_day > first);
        let mut third = CaseEvent::Extended {
            on: d(2026, 9, 1),
            days: 10,
            reason: "x".into(),
        };
        let err = f.apply(&mut third, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["appeal.too_many_extensions"]);
        assert_eq!(f.deadlines[1], after_two);
        assert_eq!(f.extensions.len(), 2);
    }

    #[test]
    fn an_extension_needs_its_reason_and_at_most_sixty_days() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 3, 2), d(2026, 3, 10)), &cal).unwrap();
        let mut e = CaseEvent::Extended {
            on: d(2026, 6, 1),
            days: 61,
            reason: " ".into(),
        };
        let err = f.apply(&mut e, facts(&cal)).unwrap_err();
        assert_eq!(
            codes(&err),
            vec!["appeal.extension_too_long", "appeal.extension_reason"]
        );
    }

    #[test]
    fn a_decision_starts_the_implementation_deadline_and_notice_the_court_window() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 3, 2), d(2026, 3, 10)), &cal).unwrap();
        let mut e = CaseEvent::AppealDecided {
            on: d(2026, 5, 4),
            outcome: AppealOutcome::Dismissed,
            new_penalty: None,
            note: String::new(),
            refund: vec![],
        };
        f.apply(&mut e, facts(&cal)).unwrap();
        assert_eq!(f.deadlines[1].met_on, Some(d(2026, 5, 4)));
        let imp = f.deadlines.iter().find(|x| x.key == "implement").unwrap();
        assert_eq!((imp.holder, imp.last_day), (Holder::Unit, d(2026, 6, 3)));
        let mut n = CaseEvent::AppellantNotified { on: d(2026, 5, 8) };
        f.apply(&mut n, facts(&cal)).unwrap();
        let court = f.deadlines.iter().find(|x| x.key == "court").unwrap();
        assert_eq!(
            (court.holder, court.last_day),
            (Holder::Person, d(2026, 8, 6))
        );
        let mut again = e.clone();
        assert!(f.apply(&mut again, facts(&cal)).is_err());
    }

    #[test]
    fn a_reduced_penalty_on_appeal_must_be_lighter() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 1, 2), d(2026, 1, 20)), &cal).unwrap();
        let mut e = CaseEvent::AppealDecided {
            on: d(2026, 3, 2),
            outcome: AppealOutcome::PenaltyReduced,
            new_penalty: Some(Penalty::salary_cut(10, 3)),
            note: String::new(),
            refund: vec![],
        };
        let err = f.apply(&mut e, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["appeal.not_lighter"]);
    }
}
