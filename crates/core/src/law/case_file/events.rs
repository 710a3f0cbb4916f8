//! The events of a case file, their dates, and the rule that keeps them in order.

use serde::{Deserialize, Serialize};

use super::{InterimMeasure, Member, PetitionResponse, RefundMonth, Resolved};
use crate::calendar::ThaiDate;
use crate::i18n::{Violation, Violations};
use crate::law::discipline::{
    AppealOutcome, CaseStage, Disposition, GrievanceOutcome, Measure, Penalty,
};

/// An event of a case file. Fields named `refund` are computed when the event is applied
/// and kept with it, so the record shows what was owed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CaseEvent {
    /// The case moves on (fact-finding, formal investigation with its committee, findings …).
    Stage {
        stage: CaseStage,
        on: ThaiDate,
        #[serde(default)]
        committee: Vec<Member>,
        #[serde(default)]
        note: String,
    },
    /// Suspension or removal pending inquiry, by its order.
    Interim {
        measure: InterimMeasure,
        on: ThaiDate,
        order_number: String,
    },
    /// The superior's decision: close, waive, or penalise within their power.
    Decided {
        on: ThaiDate,
        by: String,
        disposition: Disposition,
        /// The heaviest penalty this superior may order (set by ก.ก. rules).
        power: Penalty,
    },
    /// The action is reported up the chain (§59 para 1).
    Reported { on: ThaiDate, to: String },
    /// A superior who received the report changes the outcome within their power (§59
    /// para 2).
    Reviewed {
        on: ThaiDate,
        by: String,
        proposed: Disposition,
        power: Penalty,
        #[serde(default)]
        refund: Vec<RefundMonth>,
    },
    /// The case goes to ก.ก. (§58 para 1, §59 para 1).
    KkReferred { on: ThaiDate },
    KkResolved {
        resolution: String,
        decided_on: ThaiDate,
        notified_on: ThaiDate,
        resolved: Resolved,
        #[serde(default)]
        refund: Vec<RefundMonth>,
    },
    /// The penalty order was signed (recorded by the order itself).
    PenaltyOrdered {
        /// The day the penalty takes effect (refunds count from its month).
        on: ThaiDate,
        #[serde(default)]
        signed_on: Option<ThaiDate>,
        order_number: String,
        measure: Measure,
        #[serde(default)]
        penalty: Option<Penalty>,
    },
    Closed {
        on: ThaiDate,
        #[serde(default)]
        note: String,
    },
    /// §61: the decision period is extended.
    Extended {
        on: ThaiDate,
        days: u32,
        reason: String,
    },
    AppealDecided {
        on: ThaiDate,
        outcome: AppealOutcome,
        #[serde(default)]
        new_penalty: Option<Penalty>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        refund: Vec<RefundMonth>,
    },
    /// The appellant knew (or is deemed to know) the decision: the 90 days to sue start.
    AppellantNotified { on: ThaiDate },
    /// The penalised person knew (or is deemed to know) the penalty or removal order: their
    /// 30 days to appeal start (§60).
    PersonNotified { on: ThaiDate },
    /// The authority's order carrying out a decision (§62 para 1, §64 para 3, §59 para 6).
    Implemented { on: ThaiDate, order_number: String },
    GrievanceDecided {
        on: ThaiDate,
        outcome: GrievanceOutcome,
        #[serde(default)]
        note: String,
    },
    /// §66: ก.พ.ค. tells the issuer to revise or revoke, within the days it sets.
    IssuerNotified {
        on: ThaiDate,
        respond_within_days: u32,
        #[serde(default)]
        note: String,
    },
    IssuerResponded {
        on: ThaiDate,
        response: PetitionResponse,
        #[serde(default)]
        note: String,
    },
}

impl CaseEvent {
    /// The code of the event's type, e.g. `appeal_decided`.
    pub fn code(&self) -> &'static str {
        match self {
            CaseEvent::Stage { .. } => "stage",
            CaseEvent::Interim { .. } => "interim",
            CaseEvent::Decided { .. } => "decided",
            CaseEvent::Reported { .. } => "reported",
            CaseEvent::Reviewed { .. } => "reviewed",
            CaseEvent::KkReferred { .. } => "kk_referred",
            CaseEvent::KkResolved { .. } => "kk_resolved",
            CaseEvent::PenaltyOrdered { .. } => "penalty_ordered",
            CaseEvent::Closed { .. } => "closed",
            CaseEvent::Extended { .. } => "extended",
            CaseEvent::AppealDecided { .. } => "appeal_decided",
            CaseEvent::AppellantNotified { .. } => "appellant_notified",
            CaseEvent::PersonNotified { .. } => "person_notified",
            CaseEvent::Implemented { .. } => "implemented",
            CaseEvent::GrievanceDecided { .. } => "grievance_decided",
            CaseEvent::IssuerNotified { .. } => "issuer_notified",
            CaseEvent::IssuerResponded { .. } => "issuer_responded",
        }
    }

    /// The day the event happened.
    pub fn on(&self) -> ThaiDate {
        match self {
            CaseEvent::Stage { on, .. }
            | CaseEvent::Interim { on, .. }
            | CaseEvent::Decided { on, .. }
            | CaseEvent::Reported { on, .. }
            | CaseEvent::Reviewed { on, .. }
            | CaseEvent::KkReferred { on }
            | CaseEvent::PenaltyOrdered { on, .. }
            | CaseEvent::Closed { on, .. }
            | CaseEvent::Extended { on, .. }
            | CaseEvent::AppealDecided { on, .. }
            | CaseEvent::AppellantNotified { on }
            | CaseEvent::PersonNotified { on }
            | CaseEvent::Implemented { on, .. }
            | CaseEvent::GrievanceDecided { on, .. }
            | CaseEvent::IssuerNotified { on, .. }
            | CaseEvent::IssuerResponded { on, .. } => *on,
            CaseEvent::KkResolved { notified_on, .. } => *notified_on,
        }
    }

    /// The event's type in words.
    pub fn label(&self) -> (&'static str, &'static str) {
        match self {
            CaseEvent::Stage { .. } => ("ดำเนินการขั้นตอน", "stage"),
            CaseEvent::Interim { .. } => ("มาตรการระหว่างสอบสวน", "measure pending inquiry"),
            CaseEvent::Decided { .. } => ("ผู้บังคับบัญชาสั่งการ", "superior's decision"),
            CaseEvent::Reported { .. } => ("รายงานการดำเนินการทางวินัย", "reported up the chain"),
            CaseEvent::Reviewed { .. } => ("ผู้บังคับบัญชาชั้นเหนือพิจารณา", "reviewed by a superior"),
            CaseEvent::KkReferred { .. } => ("เสนอ ก.ก. พิจารณา", "referred to ก.ก."),
            CaseEvent::KkResolved { .. } => ("มติ ก.ก.", "ก.ก. resolution"),
            CaseEvent::PenaltyOrdered { .. } => ("ออกคำสั่งลงโทษ", "penalty order signed"),
            CaseEvent::Closed { .. } => ("ยุติเรื่อง", "closed"),
            CaseEvent::Extended { .. } => ("ขยายระยะเวลาพิจารณา", "decision period extended"),
            CaseEvent::AppealDecided { .. } => ("ก.พ.ค. วินิจฉัยอุทธรณ์", "appeal decided"),
            CaseEvent::AppellantNotified { .. } => ("ผู้อุทธรณ์ทราบคำวินิจฉัย", "appellant notified"),
            CaseEvent::PersonNotified { .. } => {
                ("ผู้ถูกลงโทษทราบคำสั่ง", "person notified of the order")
            }
            CaseEvent::Implemented { .. } => ("ดำเนินการตามคำวินิจฉัย/มติ", "decision carried out"),
            CaseEvent::GrievanceDecided { .. } => ("วินิจฉัยเรื่องร้องทุกข์", "grievance decided"),
            CaseEvent::IssuerNotified { .. } => ("ก.พ.ค. แจ้งผู้ออกกฎหรือคำสั่ง", "issuer notified"),
            CaseEvent::IssuerResponded { .. } => ("ผู้ออกกฎหรือคำสั่งตอบ", "issuer responded"),
        }
    }
}

/// The field every event keeps its date in (a ก.ก. resolution's is the day it was notified).
const FIELD_ON: &str = "on";

/// A case file is a chronological record: an event may not be dated before the latest event
/// already recorded nor before the case was opened (`case.event_out_of_order`), nor after
/// `today` (`case.event_in_future`). The deadlines of §59 para 6 and §60–66 count from these
/// dates, so an event entered out of order or ahead of time would start, meet or miss a period
/// on a day that did not happen. An event on the same day as the latest one is in order.
/// `event_on` is the event's [`CaseEvent::on`].
pub fn check_event_date(
    last_event_on: Option<ThaiDate>,
    opened_on: ThaiDate,
    event_on: ThaiDate,
    today: ThaiDate,
) -> Violations {
    let mut v = Violations::default();
    match last_event_on.filter(|last| *last > opened_on) {
        Some(last) if event_on < last => v.push(Violation::new(
            "case.event_out_of_order",
            FIELD_ON,
            format!("วันที่ต้องไม่ก่อนวันที่ของเหตุการณ์ล่าสุดที่บันทึกไว้ในเรื่องนี้ ({last})"),
            format!(
                "the date cannot be before the latest event recorded in this case ({})",
                last.iso()
            ),
        )),
        _ if event_on < opened_on => v.push(Violation::new(
            "case.event_out_of_order",
            FIELD_ON,
            format!("วันที่ต้องไม่ก่อนวันที่รับเรื่อง ({opened_on})"),
            format!(
                "the date cannot be before the case was opened ({})",
                opened_on.iso()
            ),
        )),
        _ => {}
    }
    if event_on > today {
        v.push(Violation::new(
            "case.event_in_future",
            FIELD_ON,
            format!("วันที่ต้องไม่เกินวันนี้ ({today})"),
            format!("the date cannot be after today ({})", today.iso()),
        ));
    }
    v
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::testing::*;
    use super::*;

    // A case file is a chronological record; the periods of §60–66 count from its dates.
    #[test]
    fn an_event_is_dated_in_order_and_not_after_today() {
        let opened = d(2026, 1, 5);
        let today = d(2026, 3, 1);
        let latest = Some(d(2026, 2, 1));
        let out_of_order: &[&str] = &["case.event_out_of_order"];
        let in_future: &[&str] = &["case.event_in_future"];
        let table: [(Option<ThaiDate>, ThaiDate, &[&str]); 9] = [
            // The first event, on the day the case was opened or later.
            (None, d(2026, 1, 5), &[]),
            (None, d(2026, 1, 4), out_of_order),
            // On the day of the latest event, between it and today, or today.
            (latest, d(2026, 2, 1), &[]),
            (latest, d(2026, 2, 15), &[]),
            (latest, d(2026, 3, 1), &[]),
            (latest, d(2026, 1, 31), out_of_order),
            (latest, d(2026, 3, 2), in_future),
            (None, d(2026, 3, 2), in_future),
            // A latest event recorded ahead of today: both.
            (
                Some(d(2026, 4, 1)),
                d(2026, 3, 2),
                &["case.event_out_of_order", "case.event_in_future"],
            ),
        ];
        for (last, on, want) in table {
            let v = check_event_date(last, opened, on, today);
            assert_eq!(codes(&v), want, "latest {last:?}, event on {on}");
            for x in v.iter() {
                assert_eq!(x.field, "on");
                assert!(!x.message_th.is_empty() && !x.message_en.is_empty());
            }
        }
    }

    #[test]
    fn the_message_names_the_day_it_may_not_precede() {
        let opened = d(2026, 1, 5);
        let today = d(2026, 3, 1);
        let v = check_event_date(Some(d(2026, 2, 1)), opened, d(2026, 1, 20), today);
        assert!(
            v.0[0].message_th.contains("01/02/2569"),
            "{}",
            v.0[0].message_th
        );
        assert!(v.0[0].message_en.contains("2026-02-01"));
        // A latest event dated before the opening (a record older than this rule) does not
        // lower the bound: the opening does.
        let v = check_event_date(Some(d(2026, 1, 1)), opened, d(2026, 1, 3), today);
        assert!(v.0[0].message_en.contains("opened (2026-01-05)"));
        let v = check_event_date(None, opened, d(2026, 3, 2), today);
        assert!(v.0[0].message_th.contains("01/03/2569"));
    }

    #[test]
    fn the_date_of_an_event_is_its_on_field() {
        let on = d(2026, 2, 3);
        assert_eq!(CaseEvent::PersonNotified { on }.on(), on);
        let kk = CaseEvent::KkResolved {
            resolution: "ครั้งที่ 3/2569".into(),
            decided_on: d(2026, 2, 1),
            notified_on: on,
            resolved: Resolved::Closed,
            refund: vec![],
        };
        assert_eq!(kk.on(), on);
    }

    proptest! {
        /// An event passes exactly when it lies between the later of the opening and the
        /// latest event, and today.
        #[test]
        fn in_order_exactly_between_the_bound_and_today(
            last in prop::option::of(-30i64..60),
            on in -30i64..90,
            today in 0i64..90,
        ) {
            let opened = d(2026, 1, 5);
            let last = last.map(|n| opened.add_days(n));
            let (on, today) = (opened.add_days(on), opened.add_days(today));
            let bound = last.map_or(opened, |l| l.max(opened));
            let v = check_event_date(last, opened, on, today);
            prop_assert_eq!(v.is_empty(), bound <= on && on <= today);
            prop_assert_eq!(v.iter().any(|x| x.code == "case.event_out_of_order"), on < bound);
            prop_assert_eq!(v.iter().any(|x| x.code == "case.event_in_future"), on > today);
        }
    }
}
