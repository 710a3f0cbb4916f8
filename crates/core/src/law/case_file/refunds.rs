//! Refunds of a cancelled or reduced salary penalty (§59 para 4), computed when the event that
//! voids the penalty is applied and kept with it.

use serde::{Deserialize, Serialize};

use super::{CaseEvent, CaseFile, CaseKind};
use crate::calendar::ThaiDate;
use crate::law::discipline::{salary_refund, Penalty};
use crate::money::Satang;

/// One month's refund of a cancelled or reduced salary penalty (§59 para 4).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundMonth {
    pub month: ThaiDate,
    /// In satang.
    pub amount: i64,
}

impl CaseFile {
    /// §59 para 4: what the penalty in force cut, less what `new` still cuts.
    pub(super) fn refund_for(
        &mut self,
        new: Option<Penalty>,
        salaries: &[(ThaiDate, Satang)],
    ) -> Vec<RefundMonth> {
        let Some(original) = self.penalty else {
            return Vec::new();
        };
        let out: Vec<RefundMonth> = salary_refund(salaries, original, new)
            .into_iter()
            .map(|(month, amount)| RefundMonth {
                month,
                amount: amount.satang(),
            })
            .collect();
        if self.kind == CaseKind::Discipline {
            self.refunds.extend(out.iter().copied());
        }
        out
    }
}

pub(super) fn set_refund(e: &mut CaseEvent, kept: Vec<RefundMonth>) {
    if let CaseEvent::Reviewed { refund, .. }
    | CaseEvent::KkResolved { refund, .. }
    | CaseEvent::AppealDecided { refund, .. } = e
    {
        *refund = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile, Facts};
    use crate::law::discipline::{AppealOutcome, Disposition, Measure, Penalty};
    use crate::register::PenaltyKind;

    #[test]
    fn a_cancelled_salary_cut_refunds_what_was_cut() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 1, 2), d(2026, 1, 20)), &cal).unwrap();
        let salaries = [
            (d(2026, 1, 1), Satang::from_baht(30_000)),
            (d(2026, 2, 1), Satang::from_baht(30_000)),
        ];
        let mut e = CaseEvent::AppealDecided {
            on: d(2026, 3, 2),
            outcome: AppealOutcome::Cancelled,
            new_penalty: None,
            note: String::new(),
            refund: vec![],
        };
        f.apply(
            &mut e,
            Facts {
                cal: &cal,
                salaries: &salaries,
            },
        )
        .unwrap();
        let CaseEvent::AppealDecided { refund, .. } = &e else {
            unreachable!()
        };
        assert_eq!(refund.len(), 2);
        assert_eq!(refund[0].amount, Satang::from_baht(1_500).satang());
        // Replaying keeps the stored refund without the salaries.
        let g = CaseFile::replay(f.opening.clone(), [&e], facts(&cal)).unwrap();
        assert_eq!(g.refunds, f.refunds);
    }

    #[test]
    fn a_refund_is_computed_not_taken_from_the_caller() {
        let cal = no_holidays();
        let mut f = CaseFile::open(appeal(d(2026, 1, 2), d(2026, 1, 20)), &cal).unwrap();
        let mut e = CaseEvent::AppealDecided {
            on: d(2026, 3, 2),
            outcome: AppealOutcome::Dismissed,
            new_penalty: None,
            note: String::new(),
            refund: vec![RefundMonth {
                month: d(2026, 1, 1),
                amount: 99_999_999,
            }],
        };
        f.apply(&mut e, facts(&cal)).unwrap();
        let g = CaseFile::replay(f.opening.clone(), [&e], facts(&cal)).unwrap();
        assert!(g.refunds.is_empty() && f.refunds.is_empty());
    }

    #[test]
    fn raising_a_cut_to_a_reduction_refunds_the_cut() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let salaries = [(d(2026, 2, 1), Satang::from_baht(20_000))];
        let mut steps = [
            CaseEvent::Decided {
                on: d(2026, 1, 10),
                by: "ผอ.".into(),
                disposition: Disposition::Penalised(Penalty::salary_cut(5, 2)),
                power: Penalty::salary_reduction(10),
            },
            CaseEvent::PenaltyOrdered {
                on: d(2026, 2, 1),
                signed_on: None,
                order_number: "1/2569".into(),
                measure: Measure::Penalty(PenaltyKind::SalaryCut),
                penalty: Some(Penalty::salary_cut(5, 2)),
            },
            CaseEvent::Reviewed {
                on: d(2026, 3, 5),
                by: "ปลัด".into(),
                proposed: Disposition::Penalised(Penalty::salary_reduction(5)),
                power: Penalty::salary_reduction(10),
                refund: vec![],
            },
        ];
        for e in steps.iter_mut() {
            f.apply(
                e,
                Facts {
                    cal: &cal,
                    salaries: &salaries,
                },
            )
            .unwrap();
        }
        assert_eq!(f.refunds.len(), 1);
        assert_eq!(f.refunds[0].amount, Satang::from_baht(1_000).satang());
    }
}
