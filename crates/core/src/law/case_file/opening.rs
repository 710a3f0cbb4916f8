//! How a case file begins: the four openings, their checks and their first deadlines.

use serde::{Deserialize, Serialize};

use super::deadlines::period_end;
use super::{CaseDeadline, CaseFile, CaseKind, Holder, Respondent, Route};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::law::discipline::{
    self, check_grievance_admissible, CaseStage, ComplaintCategory, Measure, Penalty,
};

/// How a case file begins.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Opening {
    Discipline {
        /// Where the allegation came from (a complaint, an audit, the superior's own finding).
        source: String,
        #[serde(default)]
        category: Option<ComplaintCategory>,
        allegation: String,
        received_on: ThaiDate,
    },
    Appeal {
        /// The penalty or removal order appealed: its issuing unit and number.
        issuer_unit: String,
        order_number: String,
        /// The day the person knew or is deemed to have known the order (§60).
        knew_on: ThaiDate,
        filed_on: ThaiDate,
        /// The day ก.พ.ค. received it: the decision period runs from here (§61).
        received_on: ThaiDate,
        /// Filled from the order by the store.
        #[serde(default)]
        penalty: Option<Penalty>,
        #[serde(default)]
        penalty_from: Option<ThaiDate>,
    },
    Grievance {
        against: Respondent,
        subject: String,
        filed_on: ThaiDate,
        /// A penalty or removal is appealed, not grieved (§63).
        #[serde(default)]
        appealable: bool,
        /// Filled by the store from the respondent (§64).
        #[serde(default)]
        route: Option<Route>,
    },
    Petition {
        /// The rule, regulation or general order said to break the merit system (§41, §66).
        rule_or_order: String,
        /// Code of the issuing unit.
        issuer_unit: String,
        filed_on: ThaiDate,
        #[serde(default)]
        petitioner: String,
    },
}

impl Opening {
    pub fn kind(&self) -> CaseKind {
        match self {
            Opening::Discipline { .. } => CaseKind::Discipline,
            Opening::Appeal { .. } => CaseKind::Appeal,
            Opening::Grievance { .. } => CaseKind::Grievance,
            Opening::Petition { .. } => CaseKind::Petition,
        }
    }

    pub fn opened_on(&self) -> ThaiDate {
        match self {
            Opening::Discipline { received_on, .. } => *received_on,
            Opening::Appeal { received_on, .. } => *received_on,
            Opening::Grievance { filed_on, .. } | Opening::Petition { filed_on, .. } => *filed_on,
        }
    }

    pub fn category(&self) -> Option<ComplaintCategory> {
        match self {
            Opening::Discipline { category, .. } => *category,
            _ => None,
        }
    }
}

impl CaseFile {
    /// Opens a case file, checking the opening (all failures at once) and computing its
    /// first deadlines.
    pub fn open(opening: Opening, cal: &HolidayCalendar) -> Result<Self, Violations> {
        let mut errors = Violations::default();
        let mut deadlines = Vec::new();
        let mut late = false;
        match &opening {
            Opening::Discipline {
                source, allegation, ..
            } => {
                for (field, v) in [("source", source), ("allegation", allegation)] {
                    if v.trim().is_empty() {
                        errors.push(Violation::new("case.required", field, "ต้องระบุ", "required"));
                    }
                }
            }
            Opening::Appeal {
                knew_on,
                filed_on,
                received_on,
                order_number,
                ..
            } => {
                if order_number.trim().is_empty() {
                    errors.push(Violation::new(
                        "case.required",
                        "order_number",
                        "ต้องระบุเลขที่คำสั่งที่อุทธรณ์",
                        "the order appealed is required",
                    ));
                }
                if filed_on < knew_on {
                    errors.push(Violation::new(
                        "appeal.filed_before_knowing",
                        "filed_on",
                        "วันที่ยื่นอุทธรณ์ต้องไม่ก่อนวันที่ทราบคำสั่ง",
                        "the appeal cannot be filed before the order was known",
                    ));
                }
                if received_on < filed_on {
                    errors.push(Violation::new(
                        "appeal.received_before_filed",
                        "received_on",
                        "วันที่ได้รับอุทธรณ์ต้องไม่ก่อนวันที่ยื่น",
                        "the appeal cannot be received before it was filed",
                    ));
                }
                errors.take(period_end(
                    cal,
                    *knew_on,
                    discipline::APPEAL_DAYS,
                    "knew_on",
                ));
                errors.take(period_end(
                    cal,
                    *received_on,
                    discipline::DECISION_DAYS,
                    "received_on",
                ));
                let mut a = CaseDeadline::of(
                    "appeal",
                    Holder::Person,
                    *knew_on,
                    discipline::appeal_deadline(*knew_on, cal),
                );
                a.met_on = Some(*filed_on);
                late = discipline::appeal_filed_in_time(*knew_on, *filed_on, cal).is_err();
                deadlines.push(a);
                deadlines.push(CaseDeadline::of(
                    "decision",
                    Holder::Kpk,
                    *received_on,
                    discipline::decision_deadline(*received_on, cal),
                ));
            }
            Opening::Grievance {
                subject,
                appealable,
                ..
            } => {
                if subject.trim().is_empty() {
                    errors.push(Violation::new(
                        "case.required",
                        "subject",
                        "ต้องระบุเรื่องที่ร้องทุกข์",
                        "the subject of the grievance is required",
                    ));
                }
                errors.take(check_grievance_admissible(*appealable));
            }
            Opening::Petition {
                rule_or_order,
                issuer_unit,
                ..
            } => {
                for (field, v) in [
                    ("rule_or_order", rule_or_order),
                    ("issuer_unit", issuer_unit),
                ] {
                    if v.trim().is_empty() {
                        errors.push(Violation::new("case.required", field, "ต้องระบุ", "required"));
                    }
                }
            }
        }
        let (penalty, penalty_from) = match &opening {
            Opening::Appeal {
                penalty,
                penalty_from,
                ..
            } => (*penalty, *penalty_from),
            _ => (None, None),
        };
        errors.into_result(CaseFile {
            kind: opening.kind(),
            opening,
            stage: CaseStage::Allegation,
            closed: false,
            disposition: None,
            penalty,
            penalty_from,
            measure: penalty.map(|p| Measure::Penalty(p.kind)),
            kk: None,
            extensions: Vec::new(),
            late,
            committee: Vec::new(),
            deadlines,
            refunds: Vec::new(),
            outcome: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::CaseFile;

    #[test]
    fn appeal_on_the_thirtieth_day_is_in_time_and_the_thirty_first_is_late() {
        let cal = no_holidays();
        // Knew on Monday 2 March 2026; day 30 is Wednesday 1 April.
        let on_time = CaseFile::open(appeal(d(2026, 3, 2), d(2026, 4, 1)), &cal).unwrap();
        assert!(!on_time.late);
        let late = CaseFile::open(appeal(d(2026, 3, 2), d(2026, 4, 2)), &cal).unwrap();
        assert!(late.late, "filed on day 31");
        let a = &late.deadlines[0];
        assert_eq!((a.key, a.last_day), ("appeal", d(2026, 4, 1)));
        assert!(a.missed(d(2026, 4, 2)));
    }

    #[test]
    fn an_appeal_whose_last_day_is_a_holiday_may_be_filed_on_the_next_working_day() {
        // Day 30 from 14 March 2026 is Monday 13 April (Songkran), 14–15 are holidays too.
        let cal = HolidayCalendar::new([d(2026, 4, 13), d(2026, 4, 14), d(2026, 4, 15)]);
        let f = CaseFile::open(appeal(d(2026, 3, 14), d(2026, 4, 16)), &cal).unwrap();
        assert!(!f.late);
        assert_eq!(f.deadlines[0].counted_day, d(2026, 4, 13));
        assert_eq!(f.deadlines[0].last_day, d(2026, 4, 16));
        let f = CaseFile::open(appeal(d(2026, 3, 14), d(2026, 4, 17)), &cal).unwrap();
        assert!(f.late);
    }

    #[test]
    fn a_penalty_is_grieved_only_by_appeal() {
        let err = CaseFile::open(
            Opening::Grievance {
                against: Respondent::Governor,
                subject: "x".into(),
                filed_on: d(2026, 1, 1),
                appealable: true,
                route: None,
            },
            &no_holidays(),
        )
        .unwrap_err();
        assert_eq!(codes(&err), vec!["grievance.appealable"]);
    }
}
