//! A case file — a disciplinary case, an appeal to ก.พ.ค., a grievance or a merit-protection
//! petition — as the fold of its events. Each event is checked against the Act before it is
//! appended (all failures at once, nothing kept); the fold yields the stage, the deadlines
//! with their legal basis and who must act, and what the case decided. The rules themselves
//! are in [`super::discipline`]; this module applies them in order.
//!
//! The store supplies what it knows and the core cannot: the holiday calendar, the salaries a
//! refund is computed from, and the routing facts of a grievance.

use serde::{Deserialize, Serialize};

use super::discipline::{
    self, check_grievance_admissible, check_penalty_change, check_serious_penalty,
    compare_severity, salary_refund, AppealOutcome, CaseStage, ComplaintCategory, Deadline,
    Disposition, Extension, Forum, GrievanceCause, GrievanceOutcome, KkResolution, Measure,
    Penalty, PenaltyChange, RemovalGround, WaiverForm,
};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::money::Satang;
use crate::org::UnitKind;

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

crate::labelled_enum! {
    /// Measures pending inquiry (สั่งพักราชการ, สั่งให้ออกไว้ก่อน).
    pub enum InterimMeasure: "measure" {
        Suspend = ("suspend", "สั่งพักราชการ", "suspension pending inquiry"),
        RemovePending = ("remove_pending", "สั่งให้ออกไว้ก่อน", "removal pending inquiry"),
    }
}

crate::labelled_enum! {
    /// What the issuer of a rule or order did on ก.พ.ค.'s notice (§66).
    pub enum PetitionResponse: "response" {
        Revised = ("revised", "แก้ไขแล้ว", "revised"),
        Revoked = ("revoked", "ยกเลิกแล้ว", "revoked"),
        Explained = ("explained", "ชี้แจงเหตุผล ไม่แก้ไข", "explained, not changed"),
    }
}

/// A member of a fact-finding or investigation committee; members read the case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// 13 digits; the store finds the person (and their account) from it.
    pub national_id: String,
    pub name: String,
    /// ประธานกรรมการ, กรรมการ, กรรมการและเลขานุการ …
    #[serde(default)]
    pub role: String,
}

/// Whose act or omission a grievance is about, as the filer names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "holder", rename_all = "snake_case", deny_unknown_fields)]
pub enum Respondent {
    Governor,
    PermanentSecretary,
    /// The head of a unit (its code).
    UnitHead {
        unit: String,
    },
    /// The holder of a position (its number).
    Position {
        position_no: String,
    },
}

/// What the store knows about a grievance's respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RespondentFacts {
    Governor,
    PermanentSecretary,
    UnitHead {
        kind: UnitKind,
        unit_id: i64,
        parent_id: Option<i64>,
        /// The heads of this unit (or of units of its kind) are on ก.พ.ค.'s list.
        kpk_named: bool,
    },
    Position {
        unit_id: i64,
        kpk_named: bool,
    },
}

/// Where a grievance goes (§64) and which unit's head is the next superior up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub cause: GrievanceCause,
    pub forum: Forum,
    /// The unit whose head decides, when the forum is the next superior.
    pub superior_unit_id: Option<i64>,
}

/// A department-level agency (หน่วยงานระดับสำนัก, §64 para 2): a สำนัก, a สำนักงาน at that
/// level or a university; a district office is not one.
pub fn is_department_level(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Department | UnitKind::Office | UnitKind::University
    )
}

/// §64: a grievance against the Governor, the Permanent Secretary, the head of a
/// department-level agency or a position ก.พ.ค. names goes to ก.พ.ค.; any other goes to the
/// next superior up: the head of the respondent's parent unit for a unit head, the head of
/// the position's own unit for anyone else.
pub fn grievance_route(r: RespondentFacts) -> Route {
    let (cause, up) = match r {
        RespondentFacts::Governor => (GrievanceCause::Governor, None),
        RespondentFacts::PermanentSecretary => (GrievanceCause::PermanentSecretary, None),
        RespondentFacts::UnitHead { kind, .. } if is_department_level(kind) => {
            (GrievanceCause::HeadOfDepartmentLevelAgency, None)
        }
        RespondentFacts::UnitHead {
            kpk_named: true, ..
        }
        | RespondentFacts::Position {
            kpk_named: true, ..
        } => (GrievanceCause::KpkNamed, None),
        RespondentFacts::UnitHead { parent_id, .. } => (GrievanceCause::OtherSuperior, parent_id),
        RespondentFacts::Position { unit_id, .. } => (GrievanceCause::OtherSuperior, Some(unit_id)),
    };
    Route {
        cause,
        forum: discipline::grievance_forum(cause),
        superior_unit_id: up,
    }
}

/// How a case file begins.
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

/// What ก.ก. resolved on a case (§58 para 1 for serious penalties and removals; §59 para 6
/// on a reported one).
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

/// One month's refund of a cancelled or reduced salary penalty (§59 para 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundMonth {
    pub month: ThaiDate,
    /// In satang.
    pub amount: i64,
}

/// An event of a case file. Fields named `refund` are computed when the event is applied
/// and kept with it, so the record shows what was owed.
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
    fn of(key: &'static str, holder: Holder, start: ThaiDate, d: Deadline) -> Self {
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

    fn deadline_mut(&mut self, key: &str) -> Option<&mut CaseDeadline> {
        self.deadlines.iter_mut().rev().find(|d| d.key == key)
    }

    /// Meets every open deadline of `key` (a later ก.ก. resolution's order also answers an
    /// earlier one).
    fn meet(&mut self, key: &str, on: ThaiDate) {
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

    fn refuse_before(&self, key: &str, on: ThaiDate) -> Result<(), Violations> {
        match self.started(key) {
            Some(start) if on < start => Err(refused(
                "case.event_before_its_cause",
                format!("วันที่ต้องไม่ก่อนวันที่ {start} ที่เป็นเหตุของเรื่องนี้"),
                format!("the date cannot be before {}, when this began", start.iso()),
            )),
            _ => Ok(()),
        }
    }

    /// Checks one event against the file and the Act and, when it passes, applies it. A
    /// computed refund is written into the event so it is stored with it.
    pub fn apply(&mut self, ev: &mut CaseEvent, facts: Facts<'_>) -> Result<(), Violations> {
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
        // A refund is what this fold computes, never what the caller sent.
        set_refund(ev, Vec::new());
        let cal = facts.cal;
        let kind = self.kind;
        match (kind, &mut *ev) {
            (_, CaseEvent::Closed { .. }) => {
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
            }
            (
                CaseKind::Discipline,
                CaseEvent::Stage {
                    stage, committee, ..
                },
            ) => {
                if !self.stage.may_move_to(*stage) || *stage == CaseStage::Closed {
                    return Err(refused(
                        "case.stage_order",
                        format!("จากขั้น{}ไปขั้น{}ไม่ได้", self.stage.th(), stage.th()),
                        format!(
                            "a case cannot go from {} to {}",
                            self.stage.en(),
                            stage.en()
                        ),
                    ));
                }
                if *stage == CaseStage::Investigation && committee.is_empty() {
                    let mut v = Violations::default();
                    v.push(Violation::new(
                        "case.committee_required",
                        "committee",
                        "การสอบสวนทางวินัยต้องระบุคณะกรรมการสอบสวน",
                        "a disciplinary investigation needs its committee",
                    ));
                    return Err(v);
                }
                self.stage = *stage;
                self.committee.extend(committee.iter().cloned());
            }
            (CaseKind::Discipline, CaseEvent::Interim { .. }) => {}
            (
                CaseKind::Discipline,
                CaseEvent::Decided {
                    disposition, power, ..
                },
            ) => {
                if self.disposition.is_some() {
                    return Err(refused(
                        "case.already_decided",
                        "สั่งการแล้ว การเปลี่ยนแปลงต้องทำโดยผู้บังคับบัญชาชั้นเหนือที่ได้รับรายงาน (§59)".to_string(),
                        "already decided; a change is made by a superior who receives the report (§59)".to_string(),
                    ));
                }
                check_disposition(disposition)?;
                check_penalty_change(&Disposition::Closed, disposition, power)
                    .map_err(Violations::from)?;
                self.decide(*disposition);
                self.stage = self.stage.max(CaseStage::Decision);
            }
            (CaseKind::Discipline, CaseEvent::Reported { to, .. }) => {
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
            }
            (
                CaseKind::Discipline,
                CaseEvent::Reviewed {
                    proposed,
                    power,
                    refund,
                    ..
                },
            ) => {
                let Some(original) = self.disposition else {
                    return Err(refused(
                        "case.nothing_to_review",
                        "ยังไม่มีการสั่งการที่จะพิจารณา".to_string(),
                        "there is no decision to review yet".to_string(),
                    ));
                };
                check_disposition(proposed)?;
                let change =
                    check_penalty_change(&original, proposed, power).map_err(Violations::from)?;
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
                    *refund = self.refund_for(proposed_penalty(proposed), facts.salaries);
                }
                self.decide(*proposed);
            }
            (CaseKind::Discipline, CaseEvent::KkReferred { .. }) => {}
            (
                CaseKind::Discipline,
                CaseEvent::KkResolved {
                    resolution,
                    decided_on,
                    notified_on,
                    resolved,
                    refund,
                },
            ) => {
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
                if !errors.is_empty() {
                    return Err(errors);
                }
                // Closing or waiving leaves no measure an order must follow.
                self.kk = resolved.measure().map(|measure| KkResolution {
                    resolution: resolution.trim().to_string(),
                    decided_on: *decided_on,
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
                    *notified_on,
                    discipline::kk_compliance_deadline(*notified_on, cal),
                ));
            }
            (
                CaseKind::Discipline,
                CaseEvent::PenaltyOrdered {
                    on,
                    signed_on,
                    measure,
                    penalty,
                    ..
                },
            ) => {
                let signed = signed_on.unwrap_or(*on);
                let mut v = check_serious_penalty(*measure, signed, self.kk.as_ref());
                for x in self.check_ordered(*measure, penalty.as_ref()).iter() {
                    v.push(x.clone());
                }
                if !v.is_empty() {
                    return Err(v);
                }
                self.measure = Some(*measure);
                self.penalty = *penalty;
                self.penalty_from = Some(*on);
                self.stage = CaseStage::PenaltyOrder;
                // §59 para 6 counts the ordering: the day it was signed.
                self.meet("kk_compliance", signed);
            }
            (CaseKind::Discipline, CaseEvent::PersonNotified { on }) => {
                if self.measure.is_none() {
                    return Err(refused(
                        "case.no_order_yet",
                        "ยังไม่มีคำสั่งลงโทษหรือให้ออกที่จะแจ้ง".to_string(),
                        "there is no penalty or removal order to notify yet".to_string(),
                    ));
                }
                self.deadlines.push(CaseDeadline::of(
                    "appeal",
                    Holder::Person,
                    *on,
                    discipline::appeal_deadline(*on, cal),
                ));
            }
            (CaseKind::Grievance, CaseEvent::Implemented { .. }) => {
                // §64 para 3: the decision is carried out; the Act sets no period for it.
                if self.outcome.is_none() {
                    return Err(refused(
                        "case.nothing_to_implement",
                        "ยังไม่มีคำวินิจฉัยที่ต้องดำเนินการ".to_string(),
                        "there is no decision to carry out yet".to_string(),
                    ));
                }
            }
            (_, CaseEvent::Implemented { on, .. }) => {
                let key = match kind {
                    CaseKind::Discipline => "kk_compliance",
                    _ => "implement",
                };
                self.refuse_before(key, *on)?;
                if self.deadline_mut(key).is_none() {
                    return Err(refused(
                        "case.nothing_to_implement",
                        "ยังไม่มีคำวินิจฉัยหรือมติที่ต้องดำเนินการ".to_string(),
                        "there is no decision or resolution to carry out yet".to_string(),
                    ));
                }
                self.meet(key, *on);
            }
            (CaseKind::Appeal, CaseEvent::Extended { days, reason, .. }) => {
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
                    days: *days,
                    reason: reason.trim().to_string(),
                });
                let d = discipline::extend_decision(received, &all, cal)?;
                self.extensions = all;
                if let Some(dl) = self.deadline_mut("decision") {
                    dl.last_day = d.last_day;
                    dl.counted_day = d.counted_day;
                }
            }
            (
                CaseKind::Appeal,
                CaseEvent::AppealDecided {
                    on,
                    outcome,
                    new_penalty,
                    refund,
                    ..
                },
            ) => {
                if self.outcome.is_some() {
                    return Err(refused(
                        "appeal.already_decided",
                        "วินิจฉัยอุทธรณ์แล้ว".to_string(),
                        "the appeal is already decided".to_string(),
                    ));
                }
                self.check_new_penalty(*outcome, new_penalty.as_ref())?;
                *refund = match outcome {
                    AppealOutcome::Cancelled => self.refund_for(None, facts.salaries),
                    AppealOutcome::PenaltyReduced => self.refund_for(*new_penalty, facts.salaries),
                    _ => Vec::new(),
                };
                self.refunds.extend(refund.iter().copied());
                self.meet("decision", *on);
                self.outcome = Some(outcome.code().to_string());
                self.deadlines.push(CaseDeadline::of(
                    "implement",
                    Holder::Unit,
                    *on,
                    discipline::implementation_deadline(*on, cal),
                ));
            }
            (CaseKind::Appeal, CaseEvent::AppellantNotified { on }) => {
                self.refuse_before("implement", *on)?;
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
                self.deadlines.push(CaseDeadline::of(
                    "court",
                    Holder::Person,
                    *on,
                    discipline::court_deadline(*on, cal),
                ));
            }
            (CaseKind::Grievance, CaseEvent::GrievanceDecided { outcome, .. }) => {
                if self.outcome.is_some() {
                    return Err(refused(
                        "grievance.already_decided",
                        "วินิจฉัยเรื่องร้องทุกข์แล้ว".to_string(),
                        "the grievance is already decided".to_string(),
                    ));
                }
                self.outcome = Some(outcome.code().to_string());
            }
            (
                CaseKind::Petition,
                CaseEvent::IssuerNotified {
                    on,
                    respond_within_days,
                    ..
                },
            ) => {
                if *respond_within_days == 0 {
                    let mut v = Violations::default();
                    v.push(Violation::new(
                        "petition.response_days",
                        "respond_within_days",
                        "ต้องกำหนดระยะเวลาที่ให้ผู้ออกกฎหรือคำสั่งดำเนินการ",
                        "the notice must set the days the issuer has to respond",
                    ));
                    return Err(v);
                }
                let end = cal.within_days(*on, *respond_within_days);
                self.deadlines.push(CaseDeadline {
                    key: "response",
                    holder: Holder::Unit,
                    start: *on,
                    last_day: end.last_day,
                    counted_day: end.counted_day,
                    basis: "§66 (ระยะเวลาตามหนังสือแจ้งของ ก.พ.ค.)".to_string(),
                    label_th: format!("วันครบกำหนดแก้ไขหรือยกเลิกกฎหรือคำสั่ง ({respond_within_days} วัน)"),
                    label_en: format!(
                        "rule or order to be revised or revoked by ({respond_within_days} days)"
                    ),
                    met_on: None,
                });
            }
            (CaseKind::Petition, CaseEvent::IssuerResponded { on, response, .. }) => {
                if self.deadline_mut("response").is_none() {
                    return Err(refused(
                        "petition.not_notified",
                        "ก.พ.ค. ยังไม่ได้แจ้งผู้ออกกฎหรือคำสั่ง".to_string(),
                        "ก.พ.ค. has not notified the issuer yet".to_string(),
                    ));
                }
                self.meet("response", *on);
                self.outcome = Some(response.code().to_string());
            }
            (kind, ev) => return Err(wrong_kind(kind, ev)),
        }
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

    fn decide(&mut self, d: Disposition) {
        self.disposition = Some(d);
        if let Some(p) = proposed_penalty(&d) {
            if self.penalty.is_some() {
                self.penalty = Some(p);
            }
        } else if self.penalty.is_some() {
            self.penalty = None;
        }
    }

    /// §59 para 4: what the penalty in force cut, less what `new` still cuts.
    fn refund_for(
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

fn set_refund(e: &mut CaseEvent, kept: Vec<RefundMonth>) {
    if let CaseEvent::Reviewed { refund, .. }
    | CaseEvent::KkResolved { refund, .. }
    | CaseEvent::AppealDecided { refund, .. } = e
    {
        *refund = kept;
    }
}

fn proposed_penalty(d: &Disposition) -> Option<Penalty> {
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
    use super::*;
    use crate::register::PenaltyKind;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn no_holidays() -> HolidayCalendar {
        HolidayCalendar::default()
    }

    fn facts(cal: &HolidayCalendar) -> Facts<'_> {
        Facts { cal, salaries: &[] }
    }

    fn appeal(knew: ThaiDate, filed: ThaiDate) -> Opening {
        Opening::Appeal {
            issuer_unit: "BKN".into(),
            order_number: "12/2569".into(),
            knew_on: knew,
            filed_on: filed,
            received_on: filed,
            penalty: Some(Penalty::salary_cut(5, 3)),
            penalty_from: Some(d(2026, 1, 1)),
        }
    }

    fn discipline() -> Opening {
        Opening::Discipline {
            source: "ร้องเรียน".into(),
            category: Some(ComplaintCategory::Procurement),
            allegation: "จัดซื้อโดยมิชอบ".into(),
            received_on: d(2026, 1, 5),
        }
    }

    fn codes(v: &Violations) -> Vec<&'static str> {
        v.iter().map(|x| x.code).collect()
    }

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

    #[test]
    fn an_investigation_needs_its_committee_and_stages_only_go_forward() {
        let cal = no_holidays();
        let mut f = CaseFile::open(discipline(), &cal).unwrap();
        let mut e = CaseEvent::Stage {
            stage: CaseStage::Investigation,
            on: d(2026, 1, 10),
            committee: vec![],
            note: String::new(),
        };
        let err = f.apply(&mut e, facts(&cal)).unwrap_err();
        assert_eq!(codes(&err), vec!["case.committee_required"]);
        let mut back = CaseEvent::Stage {
            stage: CaseStage::Allegation,
            on: d(2026, 1, 10),
            committee: vec![],
            note: String::new(),
        };
        assert!(f.apply(&mut back, facts(&cal)).is_err());
    }

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

    #[test]
    fn grievances_route_by_respondent() {
        let district = RespondentFacts::UnitHead {
            kind: UnitKind::District,
            unit_id: 40,
            parent_id: Some(1),
            kpk_named: false,
        };
        let r = grievance_route(district);
        assert_eq!(
            (r.forum, r.superior_unit_id),
            (Forum::NextSuperior, Some(1))
        );
        let named = RespondentFacts::UnitHead {
            kind: UnitKind::District,
            unit_id: 40,
            parent_id: Some(1),
            kpk_named: true,
        };
        assert_eq!(grievance_route(named).cause, GrievanceCause::KpkNamed);
        let dept = RespondentFacts::UnitHead {
            kind: UnitKind::Department,
            unit_id: 3,
            parent_id: Some(1),
            kpk_named: false,
        };
        assert_eq!(grievance_route(dept).forum, Forum::Kpk);
        assert_eq!(
            grievance_route(RespondentFacts::Governor).cause,
            GrievanceCause::Governor
        );
        let clerk = RespondentFacts::Position {
            unit_id: 77,
            kpk_named: false,
        };
        assert_eq!(grievance_route(clerk).superior_unit_id, Some(77));
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

    #[test]
    fn a_petition_response_deadline_is_the_days_kpk_sets() {
        let cal = no_holidays();
        let mut f = CaseFile::open(
            Opening::Petition {
                rule_or_order: "ประกาศหลักเกณฑ์การย้าย".into(),
                issuer_unit: "PSO".into(),
                filed_on: d(2026, 1, 5),
                petitioner: String::new(),
            },
            &cal,
        )
        .unwrap();
        let mut early = CaseEvent::IssuerResponded {
            on: d(2026, 1, 6),
            response: PetitionResponse::Revised,
            note: String::new(),
        };
        assert!(f.apply(&mut early, facts(&cal)).is_err());
        let mut n = CaseEvent::IssuerNotified {
            on: d(2026, 2, 2),
            respond_within_days: 60,
            note: String::new(),
        };
        f.apply(&mut n, facts(&cal)).unwrap();
        assert_eq!(f.deadlines[0].last_day, d(2026, 4, 3));
        let mut resp = CaseEvent::IssuerResponded {
            on: d(2026, 3, 1),
            response: PetitionResponse::Revoked,
            note: String::new(),
        };
        f.apply(&mut resp, facts(&cal)).unwrap();
        assert_eq!(f.open_deadlines().count(), 0);
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
