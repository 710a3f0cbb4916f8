//! ก.ก. and the penalty order (§58 para 1, §59 para 6): what ก.ก. resolved, the order that
//! must follow it and the decision, and the notice that starts the person's thirty days to
//! appeal (§60).

use serde::{Deserialize, Serialize};

use super::deadlines::period_end;
use super::report_chain::proposed_penalty;
use super::{refused, CaseDeadline, CaseFile, Facts, Holder, RefundMonth};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::law::discipline::{
    self, check_serious_penalty, CaseStage, Disposition, KkResolution, Measure, Penalty,
    RemovalGround, WaiverForm,
};

/// What ก.ก. resolved on a case (§58 para 1 for serious penalties and removals; §59 para 6
/// on a reported one).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolved {
    Closed,
    Waived(WaiverForm),
    Penalised(Penalty),
    Removed(RemovalGround),
}

impl Resolved {
    fn measure(self) -> Option<Measure> {
        match self {
            Resolved::Penalised(p) => Some(Measure::Penalty(p.kind)),
            Resolved::Removed(g) => Some(Measure::Removal(g)),
            _ => None,
        }
    }

    fn disposition(self) -> Option<Disposition> {
        match self {
            Resolved::Closed => Some(Disposition::Closed),
            Resolved::Waived(f) => Some(Disposition::Waived(f)),
            Resolved::Penalised(p) => Some(Disposition::Penalised(p)),
            Resolved::Removed(_) => None,
        }
    }
}

impl CaseFile {
    /// §58 para 1, §59 para 6: ก.ก.'s resolution, identified and notified no earlier than it
    /// was made; the order must follow it within thirty days of the notice.
    pub(super) fn kk_resolved(
        &mut self,
        resolution: &str,
        decided_on: ThaiDate,
        notified_on: ThaiDate,
        resolved: Resolved,
        refund: &mut Vec<RefundMonth>,
        facts: Facts<'_>,
    ) -> Result<(), Violations> {
        let mut errors = Violations::default();
        if resolution.trim().is_empty() {
            errors.push(Violation::new(
                "discipline.kk_resolution_reference",
                "resolution",
                "ต้องระบุมติ ก.ก. (ครั้งที่/ปี)",
                "the ก.ก. resolution must be identified (meeting/year)",
            ));
        }
        if notified_on < decided_on {
            errors.push(Violation::new(
                "discipline.kk_notified_before",
                "notified_on",
                "วันที่ได้รับแจ้งมติต้องไม่ก่อนวันที่ ก.ก. มีมติ",
                "the notice cannot come before the resolution",
            ));
        }
        if let Resolved::Penalised(p) = resolved {
            for v in p.check().iter() {
                errors.push(v.clone());
            }
        }
        errors.take(period_end(
            facts.cal,
            notified_on,
            discipline::KK_COMPLIANCE_DAYS,
            "notified_on",
        ));
        if !errors.is_empty() {
            return Err(errors);
        }
        // Closing or waiving leaves no measure an order must follow.
        self.kk = resolved.measure().map(|measure| KkResolution {
            resolution: resolution.trim().to_string(),
            decided_on,
            measure,
        });
        if let Some(d) = resolved.disposition() {
            if self.penalty.is_some() {
                *refund = self.refund_for(proposed_penalty(&d), facts.salaries);
            }
            self.decide(d);
        }
        self.deadlines.push(CaseDeadline::of(
            "kk_compliance",
            Holder::Unit,
            notified_on,
            discipline::kk_compliance_deadline(notified_on, facts.cal),
        ));
        Ok(())
    }

    /// §58 para 1, §59 para 6: the penalty or removal order, as ก.ก. resolved and as the case
    /// decided; it meets the thirty days to comply, counted to the day it was signed.
    pub(super) fn penalty_ordered(
        &mut self,
        on: ThaiDate,
        signed_on: Option<ThaiDate>,
        measure: Measure,
        penalty: Option<Penalty>,
    ) -> Result<(), Violations> {
        let signed = signed_on.unwrap_or(on);
        let mut v = check_serious_penalty(measure, signed, self.kk.as_ref());
        for x in self.check_ordered(measure, penalty.as_ref()).iter() {
            v.push(x.clone());
        }
        if !v.is_empty() {
            return Err(v);
        }
        self.measure = Some(measure);
        self.penalty = penalty;
        self.penalty_from = Some(on);
        self.stage = CaseStage::PenaltyOrder;
        // §59 para 6 counts the ordering: the day it was signed.
        self.meet("kk_compliance", signed);
        Ok(())
    }

    /// The penalty an order imposes must be well formed, of the measure's kind, and what the
    /// case decided (after every review and ก.ก. resolution), rate included (§58, §59 para 6).
    fn check_ordered(&self, measure: Measure, penalty: Option<&Penalty>) -> Violations {
        let mut v = Violations::default();
        let Measure::Penalty(kind) = measure else {
            return v;
        };
        let Some(p) = penalty else {
            v.push(Violation::new(
                "case.order_penalty",
                "penalty",
                "คำสั่งลงโทษต้องระบุโทษ",
                "the penalty order must state the penalty",
            ));
            return v;
        };
        for x in p.check().iter() {
            v.push(x.clone());
        }
        if p.kind != kind {
            v.push(Violation::new(
                "case.order_penalty",
                "penalty",
                "โทษในคำสั่งไม่ตรงกับประเภทของคำสั่ง",
                "the penalty does not match the order's measure",
            ));
        }
        match self.disposition {
            Some(Disposition::Penalised(d)) if d == *p => {}
            Some(Disposition::Penalised(d)) => v.push(
                Violation::new(
                    "case.order_differs_from_decision",
                    "penalty",
                    format!(
                        "คำสั่งต้องเป็นไปตามที่สั่งการหรือมีมติไว้: {} ไม่ใช่ {}",
                        d.describe_th(),
                        p.describe_th()
                    ),
                    format!(
                        "the order must follow the decision: {}, not {}",
                        d.describe_en(),
                        p.describe_en()
                    ),
                )
                .with_section("§59"),
            ),
            Some(_) => v.push(
                Violation::new(
                    "case.order_differs_from_decision",
                    "penalty",
                    "เรื่องนี้สั่งยุติเรื่องหรืองดโทษไว้ จะออกคำสั่งลงโทษไม่ได้",
                    "this case was closed or the penalty waived; no penalty can be ordered",
                )
                .with_section("§59"),
            ),
            None => v.push(Violation::new(
                "case.not_decided",
                "penalty",
                "ยังไม่มีการสั่งการหรือมติ ก.ก. ในเรื่องนี้",
                "nothing has been decided in this case yet",
            )),
        }
        v
    }

    /// §60 para 1: notified of the penalty or removal order, the person has thirty days to
    /// appeal, on their own board.
    pub(super) fn person_notified(
        &mut self,
        on: ThaiDate,
        cal: &HolidayCalendar,
    ) -> Result<(), Violations> {
        if self.measure.is_none() {
            return Err(refused(
                "case.no_order_yet",
                "ยังไม่มีคำสั่งลงโทษหรือให้ออกที่จะแจ้ง".to_string(),
                "there is no penalty or removal order to notify yet".to_string(),
            ));
        }
        period_end(cal, on, discipline::APPEAL_DAYS, "on")?;
        self.deadlines.push(CaseDeadline::of(
            "appeal",
            Holder::Person,
            on,
            discipline::appeal_deadline(on, cal),
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile};
    use crate::register::PenaltyKind;

    #[test]
    fn a_serious_penalty_is_ordered_only_as_kk_resolved() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let dismissal = Measure::Penalty(PenaltyKind::Dismissal);
        let mut order = CaseEvent::PenaltyOrdered {
            on: d(2026, 4, 1),
            signed_on: None,
            order_number: "1/2569".into(),
            measure: dismissal,
            penalty: Some(Penalty::dismissal()),
        };
        let err = f.apply(&mut order.clone(), facts(&cal)).unwrap_err();
        assert_eq!(
            codes(&err),
            vec!["discipline.kk_resolution_required", "case.not_decided"]
        );
        let mut kk = CaseEvent::KkResolved {
            resolution: "ครั้งที่ 3/2569".into(),
            decided_on: d(2026, 3, 20),
            notified_on: d(2026, 3, 25),
            resolved: Resolved::Penalised(Penalty::discharge()),
            refund: vec![],
        };
        f.apply(&mut kk, facts(&cal)).unwrap();
        let c = f
            .deadlines
            .iter()
            .find(|x| x.key == "kk_compliance")
            .unwrap();
        assert_eq!(c.last_day, d(2026, 4, 24));
        let err = f.apply(&mut order.clone(), facts(&cal)).unwrap_err();
        assert_eq!(
            codes(&err),
            vec![
                "discipline.order_differs_from_kk",
                "case.order_differs_from_decision"
            ]
        );
        order = CaseEvent::PenaltyOrdered {
            on: d(2026, 4, 1),
            signed_on: None,
            order_number: "1/2569".into(),
            measure: Measure::Penalty(PenaltyKind::Discharge),
            penalty: Some(Penalty::discharge()),
        };
        f.apply(&mut order, facts(&cal)).unwrap();
        assert_eq!(f.open_deadlines().count(), 0);
    }

    #[test]
    fn an_order_must_be_what_was_decided() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let mut dec = CaseEvent::Decided {
            on: d(2026, 1, 10),
            by: "ผอ.".into(),
            disposition: Disposition::Penalised(Penalty::salary_cut(2, 1)),
            power: Penalty::salary_cut(5, 3),
        };
        f.apply(&mut dec, facts(&cal)).unwrap();
        let mut wrong = CaseEvent::PenaltyOrdered {
            on: d(2026, 2, 1),
            signed_on: None,
            order_number: "1/2569".into(),
            measure: Measure::Penalty(PenaltyKind::SalaryCut),
            penalty: Some(Penalty::salary_cut(4, 1)),
        };
        let err = f.apply(&mut wrong, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["case.order_differs_from_decision"]);
        // Notified of the order, the person has 30 days to appeal, on their own board.
        let mut right = CaseEvent::PenaltyOrdered {
            on: d(2026, 2, 1),
            signed_on: None,
            order_number: "1/2569".into(),
            measure: Measure::Penalty(PenaltyKind::SalaryCut),
            penalty: Some(Penalty::salary_cut(2, 1)),
        };
        f.apply(&mut right, facts(&cal)).unwrap();
        let mut told = CaseEvent::PersonNotified { on: d(2026, 2, 3) };
        f.apply(&mut told, facts(&cal)).unwrap();
        let a = f.deadlines.iter().find(|x| x.key == "appeal").unwrap();
        assert_eq!((a.holder, a.last_day), (Holder::Person, d(2026, 3, 5)));
    }
}
