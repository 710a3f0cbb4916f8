//! The deadlines of a case: who must act by when, what meets them, and the check that a
//! period counted from a date someone typed ends on a date the calendar holds.

use serde::Serialize;

use super::{refused, CaseFile, CaseKind, Holder};
use crate::calendar::{HolidayCalendar, PeriodEnd, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::law::discipline::Deadline;

/// A deadline of a case, with who must act and whether it was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDeadline {
    /// `appeal`, `decision`, `implement`, `court`, `kk_compliance`, `response`.
    pub key: &'static str,
    pub holder: Holder,
    pub start: ThaiDate,
    pub last_day: ThaiDate,
    pub counted_day: ThaiDate,
    pub basis: String,
    pub label_th: String,
    pub label_en: String,
    /// The day the act was done, if it was.
    pub met_on: Option<ThaiDate>,
}

impl CaseDeadline {
    pub(super) fn of(key: &'static str, holder: Holder, start: ThaiDate, d: Deadline) -> Self {
        Self {
            key,
            holder,
            start,
            last_day: d.last_day,
            counted_day: d.counted_day,
            basis: d.basis.to_string(),
            label_th: d.label_th.to_string(),
            label_en: d.label_en.to_string(),
            met_on: None,
        }
    }

    /// Met after its last day, or still open past it.
    pub fn missed(&self, today: ThaiDate) -> bool {
        self.met_on.unwrap_or(today) > self.last_day
    }

    pub fn days_left(&self, today: ThaiDate) -> i64 {
        today.days_until(self.last_day)
    }
}

/// The end of a period of `days` from `start`, counted as the Act's periods are, or
/// `date.out_of_range` on `field` when it would end past the last date the calendar holds.
/// Every deadline a case records is checked here first: a day count or a date typed wrongly
/// is refused, not recorded as an impossible date (nor allowed to crash the request).
pub(super) fn period_end(
    cal: &HolidayCalendar,
    start: ThaiDate,
    days: u32,
    field: &'static str,
) -> Result<PeriodEnd, Violation> {
    cal.checked_within_days(start, days).ok_or_else(|| {
        Violation::new(
            "date.out_of_range",
            field,
            format!("{days} วันนับแต่วันที่ {start} เกินช่วงวันที่ที่ระบบรองรับ"),
            format!(
                "{days} days from {} runs past the last date that can be recorded",
                start.iso()
            ),
        )
    })
}

impl CaseFile {
    pub(super) fn deadline_mut(&mut self, key: &str) -> Option<&mut CaseDeadline> {
        self.deadlines.iter_mut().rev().find(|d| d.key == key)
    }

    /// Meets every open deadline of `key` (a later ก.ก. resolution's order also answers an
    /// earlier one).
    pub(super) fn meet(&mut self, key: &str, on: ThaiDate) {
        for d in self.deadlines.iter_mut().filter(|d| d.key == key) {
            if d.met_on.is_none() {
                d.met_on = Some(on);
            }
        }
    }

    /// The day of the latest event that set `key`'s deadline running.
    fn started(&self, key: &str) -> Option<ThaiDate> {
        self.deadlines
            .iter()
            .rev()
            .find(|d| d.key == key)
            .map(|d| d.start)
    }

    pub(super) fn refuse_before(&self, key: &str, on: ThaiDate) -> Result<(), Violations> {
        match self.started(key) {
            Some(start) if on < start => Err(refused(
                "case.event_before_its_cause",
                format!("วันที่ต้องไม่ก่อนวันที่ {start} ที่เป็นเหตุของเรื่องนี้"),
                format!("the date cannot be before {}, when this began", start.iso()),
            )),
            _ => Ok(()),
        }
    }

    /// A decision or resolution carried out by its deadline: ก.ก.'s within thirty days of the
    /// notice (§59 para 6), ก.พ.ค.'s on an appeal within thirty days of the decision (§62
    /// para 1). Not before what it carries out, and only once there is something to carry out.
    pub(super) fn implemented(&mut self, on: ThaiDate) -> Result<(), Violations> {
        let key = match self.kind {
            CaseKind::Discipline => "kk_compliance",
            _ => "implement",
        };
        self.refuse_before(key, on)?;
        if self.deadline_mut(key).is_none() {
            return Err(refused(
                "case.nothing_to_implement",
                "ยังไม่มีคำวินิจฉัยหรือมติที่ต้องดำเนินการ".to_string(),
                "there is no decision or resolution to carry out yet".to_string(),
            ));
        }
        self.meet(key, on);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::testing::*;
    use super::super::{CaseEvent, CaseFile, Opening, PetitionResponse, Resolved, Respondent};
    use crate::calendar::ThaiDate;
    use crate::law::discipline::{
        AppealOutcome, Disposition, GrievanceOutcome, Measure, Penalty, DECISION_DAYS,
    };
    use crate::register::PenaltyKind;

    #[test]
    fn an_appeal_whose_periods_run_past_the_calendar_is_refused() {
        let cal = no_holidays();
        let near_the_end = ThaiDate::LAST.add_days(-10);
        let err = CaseFile::open(appeal(near_the_end, near_the_end), &cal).unwrap_err();
        assert_eq!(codes(&err), ["date.out_of_range", "date.out_of_range"]);
        let fields: Vec<&str> = err.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["knew_on", "received_on"]);
    }

    /// Where a case opens: mostly near today, some at either end of the calendar, some
    /// anywhere it can hold.
    fn date() -> impl Strategy<Value = ThaiDate> {
        prop_oneof![
            (-400i64..400).prop_map(|n| d(2026, 1, 5).add_days(n)),
            (0i64..200).prop_map(|n| ThaiDate::LAST.add_days(-n)),
            (0i64..200).prop_map(|n| ThaiDate::FIRST.add_days(n)),
            any::<i64>().prop_map(|n| d(2026, 1, 5).add_days(n)),
        ]
    }

    fn opening() -> impl Strategy<Value = Opening> {
        (0usize..4, date()).prop_map(|(k, on)| match k {
            0 => Opening::Discipline {
                source: "ร้องเรียน".into(),
                category: None,
                allegation: "x".into(),
                received_on: on,
            },
            1 => appeal(on, on),
            2 => Opening::Grievance {
                against: Respondent::Governor,
                subject: "x".into(),
                filed_on: on,
                appealable: false,
                route: None,
            },
            _ => Opening::Petition {
                rule_or_order: "x".into(),
                issuer_unit: "PSO".into(),
                filed_on: on,
                petitioner: String::new(),
            },
        })
    }

    /// An event of kind `k` on `on`; `days` is its period where it has one.
    fn event(k: usize, on: ThaiDate, days: u32) -> CaseEvent {
        let cut = Penalty::salary_cut(5, 3);
        match k {
            0 => CaseEvent::IssuerNotified {
                on,
                respond_within_days: days,
                note: String::new(),
            },
            1 => CaseEvent::Extended {
                on,
                days,
                reason: "รอเอกสาร".into(),
            },
            2 => CaseEvent::AppealDecided {
                on,
                outcome: AppealOutcome::Cancelled,
                new_penalty: None,
                note: String::new(),
                refund: vec![],
            },
            3 => CaseEvent::AppellantNotified { on },
            4 => CaseEvent::Decided {
                on,
                by: "ผอ.".into(),
                disposition: Disposition::Penalised(cut),
                power: Penalty::salary_reduction(20),
            },
            5 => CaseEvent::KkResolved {
                resolution: "ครั้งที่ 1/2569".into(),
                decided_on: on,
                notified_on: on,
                resolved: Resolved::Penalised(cut),
                refund: vec![],
            },
            6 => CaseEvent::PenaltyOrdered {
                on,
                signed_on: None,
                order_number: "1/2569".into(),
                measure: Measure::Penalty(PenaltyKind::SalaryCut),
                penalty: Some(cut),
            },
            7 => CaseEvent::PersonNotified { on },
            8 => CaseEvent::Implemented {
                on,
                order_number: "1/2569".into(),
            },
            9 => CaseEvent::GrievanceDecided {
                on,
                outcome: GrievanceOutcome::Dismissed,
                note: String::new(),
            },
            10 => CaseEvent::IssuerResponded {
                on,
                response: PetitionResponse::Revised,
                note: String::new(),
            },
            _ => CaseEvent::Closed {
                on,
                note: String::new(),
            },
        }
    }

    proptest! {
        /// Whatever dates and day counts arrive (events any number of days after the
        /// opening, periods of any u32, cases opened at either end of the calendar), opening
        /// a case and applying its events never panic; a refused event changes nothing; every
        /// deadline recorded ends on a working day no earlier than its count from its start;
        /// and the accepted events replay to the same file.
        #[test]
        fn no_date_or_day_count_makes_a_case_panic(
            opening in opening(),
            events in prop::collection::vec(
                (
                    0usize..12,
                    prop_oneof![0i64..300, any::<i64>()],
                    prop_oneof![0u32..100, any::<u32>()],
                ),
                0..12,
            ),
        ) {
            let cal = no_holidays();
            let opened = opening.opened_on();
            let Ok(mut f) = CaseFile::open(opening.clone(), &cal) else {
                // Only an appeal's first periods can run past the calendar.
                prop_assert!(cal.checked_within_days(opened, DECISION_DAYS).is_none());
                return Ok(());
            };
            let mut kept = Vec::new();
            for (k, offset, days) in events {
                let mut e = event(k, opened.add_days(offset), days);
                let before = serde_json::to_value(&f).unwrap();
                match f.apply(&mut e, facts(&cal)) {
                    Ok(()) => kept.push(e),
                    Err(v) => {
                        prop_assert!(!v.is_empty());
                        prop_assert_eq!(serde_json::to_value(&f).unwrap(), before);
                    }
                }
                for dl in &f.deadlines {
                    prop_assert!(dl.start <= dl.counted_day && dl.counted_day <= dl.last_day);
                    prop_assert!(cal.is_working_day(dl.last_day));
                }
            }
            let g = CaseFile::replay(opening, &kept, facts(&cal)).unwrap();
            prop_assert_eq!(serde_json::to_value(&g).unwrap(), serde_json::to_value(&f).unwrap());
        }
    }
}
