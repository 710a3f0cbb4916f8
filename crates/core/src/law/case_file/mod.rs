//! A case file — a disciplinary case, an appeal to ก.พ.ค., a grievance or a merit-protection
//! petition — as the fold of its events. Each event is checked against the Act before it is
//! appended (all failures at once, nothing kept); the fold yields the stage, the deadlines
//! with their legal basis and who must act, and what the case decided. The rules themselves
//! are in [`super::discipline`]; this module applies them in order.
//!
//! The store supplies what it knows and the core cannot: the holiday calendar, the salaries a
//! refund is computed from, and the routing facts of a grievance.
//!
//! [`CaseFile::apply`] only dispatches: each event is handled where its section is. The opening
//! and its checks are in `opening`, the events and the order of their dates in `events`,
//! deadlines and what meets them in `deadlines`; a disciplinary case moves through
//! `stages`, the report chain (§59, `report_chain`) and ก.ก. and the penalty order (§58,
//! §59 para 6, `orders`), with refunds (§59 para 4) in `refunds`; appeals are in `appeals`
//! (§60–62), grievances in `grievances` (§63–65) with their route in `routing` (§64), and
//! merit-protection petitions in `notices` (§66).

mod appeals;
mod deadlines;
mod events;
mod grievances;
mod notices;
mod opening;
mod orders;
mod refunds;
mod report_chain;
mod routing;
mod stages;
#[cfg(test)]
mod testing;

use serde::Serialize;

pub use deadlines::CaseDeadline;
pub use events::{check_event_date, CaseEvent};
pub use notices::PetitionResponse;
pub use opening::Opening;
pub use orders::Resolved;
pub use refunds::RefundMonth;
pub use routing::{grievance_route, is_department_level, Respondent, RespondentFacts, Route};
pub use stages::{InterimMeasure, Member};

use super::discipline::{self, CaseStage, Disposition, Extension, KkResolution, Measure, Penalty};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::money::Satang;
use refunds::set_refund;

crate::labelled_enum! {
    /// The four kinds of case file.
    pub enum CaseKind: "kind" {
        Discipline = ("discipline", "เรื่องทางวินัย", "disciplinary case"),
        Appeal = ("appeal", "อุทธรณ์", "appeal"),
        Grievance = ("grievance", "ร้องทุกข์", "grievance"),
        Petition = ("petition", "คุ้มครองระบบคุณธรรม", "merit-protection petition"),
    }
}

crate::labelled_enum! {
    /// Who must act by a deadline: the board it appears on.
    pub enum Holder: "holder" {
        Unit = ("unit", "ผู้บังคับบัญชา/ผู้มีอำนาจสั่งบรรจุ", "the superior or appointing authority"),
        Kpk = ("kpk", "ก.พ.ค. กรุงเทพมหานคร", "ก.พ.ค. กรุงเทพมหานคร"),
        Person = ("person", "ผู้ถูกดำเนินการ/ผู้อุทธรณ์", "the person concerned"),
    }
}

/// What the store supplies to apply an event.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub cal: &'a HolidayCalendar,
    /// The person's monthly salaries from the month the penalty in force took effect to the
    /// event's month (first month first), for a refund.
    pub salaries: &'a [(ThaiDate, Satang)],
}

/// A case file: its opening and everything its events decided.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFile {
    pub kind: CaseKind,
    pub opening: Opening,
    pub stage: CaseStage,
    pub closed: bool,
    /// Where the matter stands after every decision and review (discipline).
    pub disposition: Option<Disposition>,
    /// The penalty (or removal) in force, and from when; refunds are counted from there.
    pub penalty: Option<Penalty>,
    pub penalty_from: Option<ThaiDate>,
    pub measure: Option<Measure>,
    pub kk: Option<KkResolution>,
    pub extensions: Vec<Extension>,
    /// An appeal filed after its last day is recorded as late (§60).
    pub late: bool,
    pub committee: Vec<Member>,
    pub deadlines: Vec<CaseDeadline>,
    pub refunds: Vec<RefundMonth>,
    pub outcome: Option<String>,
}

const FIELD_EVENT: &str = "event";

fn refused(code: &'static str, th: String, en: String) -> Violations {
    let mut v = Violations::default();
    v.push(Violation::new(code, FIELD_EVENT, th, en));
    v
}

fn wrong_kind(kind: CaseKind, ev: &CaseEvent) -> Violations {
    let (th, en) = ev.label();
    refused(
        "case.event_kind",
        format!("\"{th}\" ใช้กับ{}ไม่ได้", kind.th()),
        format!("\"{en}\" does not apply to a {}", kind.en()),
    )
}

impl CaseFile {
    /// Rebuilds a file from its stored opening and events (each was checked when appended).
    pub fn replay<'a>(
        opening: Opening,
        events: impl IntoIterator<Item = &'a CaseEvent>,
        facts: Facts<'_>,
    ) -> Result<Self, Violations> {
        let mut f = Self::open(opening, facts.cal)?;
        for e in events {
            let mut e = e.clone();
            f.apply_replayed(&mut e, facts.cal)?;
        }
        Ok(f)
    }

    fn apply_replayed(
        &mut self,
        e: &mut CaseEvent,
        cal: &HolidayCalendar,
    ) -> Result<(), Violations> {
        // Refunds were computed when the event was appended; they are kept, not recomputed.
        let kept = match e {
            CaseEvent::Reviewed { refund, .. }
            | CaseEvent::KkResolved { refund, .. }
            | CaseEvent::AppealDecided { refund, .. } => std::mem::take(refund),
            _ => Vec::new(),
        };
        self.apply(e, Facts { cal, salaries: &[] })?;
        self.refunds.extend(kept.iter().copied());
        set_refund(e, kept);
        Ok(())
    }

    /// Checks one event against the file and the Act and, when it passes, applies it. A
    /// computed refund is written into the event so it is stored with it. Each event is
    /// handled in the module of the section it comes from; an event that does not belong to
    /// this kind of case is refused (`case.event_kind`).
    pub fn apply(&mut self, ev: &mut CaseEvent, facts: Facts<'_>) -> Result<(), Violations> {
        use CaseEvent as E;
        use CaseKind as K;
        self.check_recordable(ev)?;
        // A refund is what this fold computes, never what the caller sent.
        set_refund(ev, Vec::new());
        let cal = facts.cal;
        match (self.kind, ev) {
            (_, E::Closed { .. }) => self.close(),
            // A disciplinary case: its stages, the report chain (§59), ก.ก. and the order (§58).
            (
                K::Discipline,
                E::Stage {
                    stage, committee, ..
                },
            ) => self.move_to(*stage, committee),
            (K::Discipline, E::Interim { .. } | E::KkReferred { .. }) => Ok(()),
            (
                K::Discipline,
                E::Decided {
                    disposition, power, ..
                },
            ) => self.decided(disposition, power),
            (K::Discipline, E::Reported { to, .. }) => self.reported(to),
            (
                K::Discipline,
                E::Reviewed {
                    proposed,
                    power,
                    refund,
                    ..
                },
            ) => self.reviewed(proposed, power, refund, facts.salaries),
            (
                K::Discipline,
                E::KkResolved {
                    resolution,
                    decided_on,
                    notified_on,
                    resolved,
                    refund,
                },
            ) => self.kk_resolved(
                resolution,
                *decided_on,
                *notified_on,
                *resolved,
                refund,
                facts,
            ),
            (
                K::Discipline,
                E::PenaltyOrdered {
                    on,
                    signed_on,
                    measure,
                    penalty,
                    ..
                },
            ) => self.penalty_ordered(*on, *signed_on, *measure, *penalty),
            (K::Discipline, E::PersonNotified { on }) => self.person_notified(*on, cal),
            // A decision carried out: a grievance's (§64 para 3), ก.ก.'s (§59 para 6) or an
            // appeal's (§62 para 1).
            (K::Grievance, E::Implemented { .. }) => self.grievance_implemented(),
            (_, E::Implemented { on, .. }) => self.implemented(*on),
            // An appeal (§60–62).
            (K::Appeal, E::Extended { days, reason, .. }) => self.extend(*days, reason, cal),
            (
                K::Appeal,
                E::AppealDecided {
                    on,
                    outcome,
                    new_penalty,
                    refund,
                    ..
                },
            ) => self.appeal_decided(*on, *outcome, *new_penalty, refund, facts),
            (K::Appeal, E::AppellantNotified { on }) => self.appellant_notified(*on, cal),
            // A grievance (§63–65) and a merit-protection petition (§66).
            (K::Grievance, E::GrievanceDecided { outcome, .. }) => self.grievance_decided(*outcome),
            (
                K::Petition,
                E::IssuerNotified {
                    on,
                    respond_within_days,
                    ..
                },
            ) => self.issuer_notified(*on, *respond_within_days, cal),
            (K::Petition, E::IssuerResponded { on, response, .. }) => {
                self.issuer_responded(*on, *response)
            }
            (kind, ev) => Err(wrong_kind(kind, ev)),
        }
    }

    /// Nothing more is recorded in a closed case (`case.closed`), and nothing happens in a
    /// case before it was opened (`case.event_before_opening`).
    fn check_recordable(&self, ev: &CaseEvent) -> Result<(), Violations> {
        if self.closed {
            return Err(refused(
                "case.closed",
                "เรื่องนี้ยุติแล้ว บันทึกเพิ่มไม่ได้".to_string(),
                "this case is closed; nothing more can be recorded".to_string(),
            ));
        }
        if ev.on() < self.opening.opened_on() {
            let mut v = Violations::default();
            v.push(Violation::new(
                "case.event_before_opening",
                "on",
                format!("วันที่ต้องไม่ก่อนวันที่รับเรื่อง ({})", self.opening.opened_on()),
                format!(
                    "the date cannot be before the case was opened ({})",
                    self.opening.opened_on().iso()
                ),
            ));
            return Err(v);
        }
        Ok(())
    }

    /// A case is closed only when the unit has no duty left open in it (`case.open_duty`).
    fn close(&mut self) -> Result<(), Violations> {
        if let Some(d) = self.open_deadlines().find(|d| d.holder == Holder::Unit) {
            return Err(refused(
                "case.open_duty",
                format!(
                    "ยังยุติเรื่องไม่ได้: ยังไม่ได้ดำเนินการ \"{}\" ({})",
                    d.label_th, d.basis
                ),
                format!(
                    "cannot close yet: \"{}\" is still to be done ({})",
                    d.label_en, d.basis
                ),
            ));
        }
        self.stage = CaseStage::Closed;
        self.closed = true;
        Ok(())
    }

    /// Deadlines still to be met.
    pub fn open_deadlines(&self) -> impl Iterator<Item = &CaseDeadline> {
        self.deadlines.iter().filter(|d| d.met_on.is_none())
    }

    /// The seed 002 status of a complaint: under review, in disciplinary process, closed.
    pub fn complaint_status(&self) -> discipline::ComplaintStatus {
        use discipline::ComplaintStatus as S;
        match self.stage {
            CaseStage::Closed => S::Closed,
            CaseStage::Allegation | CaseStage::FactFinding => S::UnderReview,
            _ => S::InDisciplinaryProcess,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::law::discipline::AppealOutcome;

    #[test]
    fn events_of_another_kind_are_refused() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let mut e = CaseEvent::Extended {
            on: d(2026, 2, 1),
            days: 10,
            reason: "x".into(),
        };
        let err = f.apply(&mut e, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["case.event_kind"]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn event() -> impl Strategy<Value = CaseEvent> {
            let on = (0i64..400).prop_map(|n| d(2026, 1, 20).add_days(n));
            prop_oneof![
                (on.clone(), 0u32..90, prop::bool::ANY).prop_map(|(on, days, why)| {
                    CaseEvent::Extended {
                        on,
                        days,
                        reason: if why {
                            "รอเอกสาร".into()
                        } else {
                            " ".into()
                        },
                    }
                }),
                (on.clone(), 0usize..5, prop::option::of(1u32..12)).prop_map(|(on, o, pct)| {
                    CaseEvent::AppealDecided {
                        on,
                        outcome: AppealOutcome::ALL[o],
                        new_penalty: pct.map(|p| Penalty::salary_cut(p, 3)),
                        note: String::new(),
                        refund: vec![],
                    }
                }),
                on.clone()
                    .prop_map(|on| CaseEvent::AppellantNotified { on }),
                on.clone().prop_map(|on| CaseEvent::Implemented {
                    on,
                    order_number: "1/2569".into()
                }),
                on.clone().prop_map(|on| CaseEvent::Closed {
                    on,
                    note: String::new()
                }),
                on.prop_map(|on| CaseEvent::Stage {
                    stage: CaseStage::FactFinding,
                    on,
                    committee: vec![],
                    note: String::new()
                }),
            ]
        }

        proptest! {
            /// Whatever is recorded, a refused event leaves the file exactly as it was, and
            /// the decision period never exceeds 120 + 60 + 60 days (§61).
            #[test]
            fn refused_events_change_nothing(events in prop::collection::vec(event(), 0..12)) {
                let cal = no_holidays();
                let mut f = CaseFile::open(appeal(d(2026, 1, 2), d(2026, 1, 20)), &cal).unwrap();
                for mut e in events {
                    let before = serde_json::to_value(&f).unwrap();
                    if f.apply(&mut e, facts(&cal)).is_err() {
                        prop_assert_eq!(serde_json::to_value(&f).unwrap(), before);
                    }
                    prop_assert!(f.extensions.len() <= MAX_EXTENSIONS_CHECK);
                    prop_assert!(f.extensions.iter().all(|x| (1..=60).contains(&x.days)));
                    let dd = f.deadlines.iter().find(|x| x.key == "decision").unwrap();
                    prop_assert!(dd.counted_day <= d(2026, 1, 20).add_days(240));
                }
            }
        }

        const MAX_EXTENSIONS_CHECK: usize = crate::law::discipline::MAX_EXTENSIONS;
    }
}
