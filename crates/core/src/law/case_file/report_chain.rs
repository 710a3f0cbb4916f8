//! The superior's decision and the report chain of §59 paras 1–2: a superior decides within
//! their power, reports it, and a superior who receives the report may change it.

use super::{refused, CaseFile, RefundMonth};
use crate::calendar::ThaiDate;
use crate::i18n::{Violation, Violations};
use crate::law::discipline::{
    check_penalty_change, CaseStage, Disposition, Penalty, PenaltyChange,
};
use crate::money::Satang;

impl CaseFile {
    /// §59 para 2: the superior's own decision — close, waive, or penalise within their power.
    /// It is made once; a change is made by a superior who receives the report.
    pub(super) fn decided(
        &mut self,
        disposition: &Disposition,
        power: &Penalty,
    ) -> Result<(), Violations> {
        if self.disposition.is_some() {
            return Err(refused(
                "case.already_decided",
                "สั่งการแล้ว การเปลี่ยนแปลงต้องทำโดยผู้บังคับบัญชาชั้นเหนือที่ได้รับรายงาน (§59)".to_string(),
                "already decided; a change is made by a superior who receives the report (§59)"
                    .to_string(),
            ));
        }
        check_disposition(disposition)?;
        check_penalty_change(&Disposition::Closed, disposition, power).map_err(Violations::from)?;
        self.decide(*disposition);
        self.stage = self.stage.max(CaseStage::Decision);
        Ok(())
    }

    /// §59 para 1: a decision is reported up the chain, to someone named.
    pub(super) fn reported(&self, to: &str) -> Result<(), Violations> {
        if self.disposition.is_none() {
            return Err(refused(
                "case.nothing_to_report",
                "ยังไม่มีการสั่งการที่จะรายงาน".to_string(),
                "there is no decision to report yet".to_string(),
            ));
        }
        if to.trim().is_empty() {
            let mut v = Violations::default();
            v.push(Violation::new(
                "case.required",
                "to",
                "ต้องระบุผู้รับรายงาน",
                "say to whom it is reported",
            ));
            return Err(v);
        }
        Ok(())
    }

    /// §59 para 2: a superior who received the report changes the outcome within their power;
    /// what the change voids is refunded (para 4) into `refund`.
    pub(super) fn reviewed(
        &mut self,
        proposed: &Disposition,
        power: &Penalty,
        refund: &mut Vec<RefundMonth>,
        salaries: &[(ThaiDate, Satang)],
    ) -> Result<(), Violations> {
        let Some(original) = self.disposition else {
            return Err(refused(
                "case.nothing_to_review",
                "ยังไม่มีการสั่งการที่จะพิจารณา".to_string(),
                "there is no decision to review yet".to_string(),
            ));
        };
        check_disposition(proposed)?;
        let change = check_penalty_change(&original, proposed, power).map_err(Violations::from)?;
        // §59 para 4: a change of kind either way, a waiver or a cancellation voids
        // the old order; a lighter rate voids the excess. Both are refunded.
        let kind_changed = matches!(
            (original, *proposed),
            (Disposition::Penalised(o), Disposition::Penalised(n)) if o.kind != n.kind
        );
        if kind_changed
            || matches!(
                change,
                PenaltyChange::Reduced
                    | PenaltyChange::Cancelled
                    | PenaltyChange::Waived
                    | PenaltyChange::Amended
            )
        {
            *refund = self.refund_for(proposed_penalty(proposed), salaries);
        }
        self.decide(*proposed);
        Ok(())
    }

    pub(super) fn decide(&mut self, d: Disposition) {
        self.disposition = Some(d);
        if let Some(p) = proposed_penalty(&d) {
            if self.penalty.is_some() {
                self.penalty = Some(p);
            }
        } else if self.penalty.is_some() {
            self.penalty = None;
        }
    }
}

pub(super) fn proposed_penalty(d: &Disposition) -> Option<Penalty> {
    match d {
        Disposition::Penalised(p) => Some(*p),
        _ => None,
    }
}

fn check_disposition(d: &Disposition) -> Result<(), Violations> {
    match d {
        Disposition::Penalised(p) => p.check().into_result(()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile};

    #[test]
    fn a_superior_increasing_beyond_their_power_is_refused() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let mut dec = CaseEvent::Decided {
            on: d(2026, 2, 1),
            by: "ผอ.เขต".into(),
            disposition: Disposition::Penalised(Penalty::salary_cut(2, 1)),
            power: Penalty::salary_cut(5, 3),
        };
        f.apply(&mut dec, facts(&cal)).unwrap();
        let mut up = CaseEvent::Reviewed {
            on: d(2026, 2, 10),
            by: "ปลัด".into(),
            proposed: Disposition::Penalised(Penalty::salary_cut(6, 1)),
            power: Penalty::salary_cut(5, 3),
            refund: vec![],
        };
        let err = f.apply(&mut up, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["discipline.beyond_power"]);
        assert_eq!(
            f.disposition,
            Some(Disposition::Penalised(Penalty::salary_cut(2, 1)))
        );
    }
}
