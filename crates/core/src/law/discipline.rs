//! Discipline, appeals and grievances (หมวด ๓ ส่วนที่ ๓–๕, §58–65): the closed sets of a case,
//! the deadlines the Act sets, the report chain of §59, refunds, serious penalties and the
//! forum of a grievance.
//!
//! Readings of the Act used here (the Act wins over DOMAIN.md and over this note):
//!
//! * **Counting.** Every period of these sections is "ภายใน … วันนับแต่วันที่ …": counted with
//!   [`HolidayCalendar::within_days`] (CCC §193/3: from the next day; §193/8: a last day that is
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
//!   ไล่ออก, numbered from the lightest). So kinds are ordered as [`PenaltyKind`] declares them,
//!   lightest first; within one kind a rate (percent, months) is heavier only when neither part
//!   is lighter, and two rates that move in opposite directions are not comparable.
//! * **A superior's power** to penalise is set by ก.ก. rules, not by the Act, so the caller
//!   passes it as the heaviest penalty the superior may order ([`within_power`]).

use std::cmp::Ordering;

use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};
use crate::money::Satang;
use crate::register::PenaltyKind;

crate::labelled_enum! {
    /// Where a disciplinary case stands. The steps themselves are set by ก.ก. rules (§59
    /// para 1 "ตามระเบียบว่าด้วยการรายงานการดำเนินการทางวินัยที่ ก.ก. กำหนด"), not by the Act.
    pub enum CaseStage: "case_stage" {
        Allegation = ("allegation", "มีการกล่าวหาหรือร้องเรียน", "allegation"),
        FactFinding = ("fact_finding", "สืบสวนข้อเท็จจริง", "fact-finding"),
        Investigation = ("investigation", "สอบสวนทางวินัย", "disciplinary investigation"),
        Findings = ("findings", "สรุปผลการสอบสวน", "findings"),
        Decision = ("decision", "พิจารณาสั่งการ", "decision"),
        PenaltyOrder = ("penalty_order", "ออกคำสั่งลงโทษ", "penalty order"),
        Closed = ("closed", "ยุติเรื่อง", "closed"),
    }
}

impl CaseStage {
    /// A case moves forward only (it may skip steps, e.g. be closed after fact-finding), and
    /// a closed case stays closed.
    pub fn may_move_to(self, next: CaseStage) -> bool {
        self != CaseStage::Closed && next > self
    }
}

crate::labelled_enum! {
    /// The two groups of complaints in the integrity reports (seed 002).
    pub enum ComplaintGroup: "complaint_group" {
        Corruption = ("corruption", "การทุจริต", "corruption"),
        Ethics = ("ethics", "จริยธรรม", "ethics"),
    }
}

crate::labelled_enum! {
    /// Category of a complaint, as the report table "สรุปเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    /// counts them (seed 002, DOMAIN §5).
    pub enum ComplaintCategory: "complaint_category" {
        AbuseOfPosition = ("abuse_of_position", "ต่อตำแหน่งหน้าที่", "abuse of position"),
        Procurement = ("procurement", "การจัดซื้อจัดจ้าง", "procurement"),
        Concession = ("concession", "สัมปทาน", "concession"),
        UnderminingAudit = ("undermining_audit", "ทำลายระบบตรวจสอบอำนาจรัฐ", "undermining the audit of state power"),
        Policy = ("policy", "เชิงนโยบาย", "policy corruption"),
        Service = ("service", "การบริการ", "service"),
        Fairness = ("fairness", "ความเป็นธรรม", "fairness"),
        Behaviour = ("behaviour", "พฤติกรรม", "behaviour"),
    }
}

impl ComplaintCategory {
    pub fn group(self) -> ComplaintGroup {
        match self {
            ComplaintCategory::AbuseOfPosition
            | ComplaintCategory::Procurement
            | ComplaintCategory::Concession
            | ComplaintCategory::UnderminingAudit
            | ComplaintCategory::Policy => ComplaintGroup::Corruption,
            ComplaintCategory::Service
            | ComplaintCategory::Fairness
            | ComplaintCategory::Behaviour => ComplaintGroup::Ethics,
        }
    }
}

crate::labelled_enum! {
    /// How far a complaint has gone: the "ผลการดำเนินงาน" rows of the same table (seed 002).
    pub enum ComplaintStatus: "complaint_status" {
        UnderReview = ("under_review", "อยู่ระหว่างตรวจสอบ", "under review"),
        InDisciplinaryProcess = ("in_disciplinary_process", "อยู่ระหว่างดำเนินการทางวินัย", "in disciplinary process"),
        Closed = ("closed", "ยุติ", "closed"),
    }
}

crate::labelled_enum! {
    /// What ก.พ.ค. กรุงเทพมหานคร decided on an appeal. The Act does not list these (§60 para 2
    /// leaves them to the กฎ ก.พ.ค.); there is no "increased" (see the module notes).
    pub enum AppealOutcome: "appeal_outcome" {
        NotAccepted = ("not_accepted", "ไม่รับอุทธรณ์", "not accepted"),
        Dismissed = ("dismissed", "ยกอุทธรณ์", "appeal dismissed"),
        PenaltyReduced = ("penalty_reduced", "ลดโทษ", "penalty reduced"),
        Cancelled = ("cancelled", "ยกเลิกคำสั่ง", "order cancelled"),
        Other = ("other", "ให้ดำเนินการอย่างอื่น", "other action ordered"),
    }
}

crate::labelled_enum! {
    /// What ก.พ.ค. กรุงเทพมหานคร may decide on a grievance (§65 para 1): "ไม่รับเรื่องร้องทุกข์
    /// ยกคำร้องทุกข์ หรือมีคำวินิจฉัยให้แก้ไขหรือยกเลิกคำสั่ง และให้เยียวยาความเสียหายให้ผู้ร้องทุกข์
    /// หรือให้ดำเนินการอื่นใดเพื่อประโยชน์แห่งความยุติธรรม".
    pub enum GrievanceOutcome: "grievance_outcome" {
        NotAccepted = ("not_accepted", "ไม่รับเรื่องร้องทุกข์", "not accepted"),
        Dismissed = ("dismissed", "ยกคำร้องทุกข์", "grievance dismissed"),
        OrderRevised = ("order_revised", "ให้แก้ไขคำสั่ง", "order revised"),
        OrderCancelled = ("order_cancelled", "ให้ยกเลิกคำสั่ง", "order cancelled"),
        Remedy = ("remedy", "ให้เยียวยาความเสียหาย", "remedy ordered"),
        OtherAction = ("other_action", "ให้ดำเนินการอื่นใดเพื่อประโยชน์แห่งความยุติธรรม", "other action in the interest of justice"),
    }
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

/// §60 para 1: "ภายในสามสิบวัน".
pub const APPEAL_DAYS: u32 = 30;
/// §61 para 1: "ภายในหนึ่งร้อยยี่สิบวัน".
pub const DECISION_DAYS: u32 = 120;
/// §61 para 1: "ไม่เกินสองครั้ง".
pub const MAX_EXTENSIONS: usize = 2;
/// §61 para 1: "แต่ละครั้งจะต้องไม่เกินหกสิบวัน".
pub const MAX_EXTENSION_DAYS: u32 = 60;
/// §62 para 1: "ภายในสามสิบวัน".
pub const IMPLEMENT_DAYS: u32 = 30;
/// §62 para 2: "ภายในเก้าสิบวัน".
pub const COURT_DAYS: u32 = 90;
/// §59 para 6: "ภายในสามสิบวัน".
pub const KK_COMPLIANCE_DAYS: u32 = 30;

/// A deadline and where it comes from, so a board can show and explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Deadline {
    /// The last day on which the act is in time (moved off holidays).
    pub last_day: ThaiDate,
    /// The last day by plain counting.
    pub counted_day: ThaiDate,
    /// The section that sets the period, e.g. `§60 วรรคหนึ่ง`.
    pub basis: &'static str,
    pub label_th: &'static str,
    pub label_en: &'static str,
}

impl Deadline {
    fn within(
        cal: &HolidayCalendar,
        from: ThaiDate,
        days: u32,
        basis: &'static str,
        label_th: &'static str,
        label_en: &'static str,
    ) -> Self {
        let end = cal.within_days(from, days);
        Self {
            last_day: end.last_day,
            counted_day: end.counted_day,
            basis,
            label_th,
            label_en,
        }
    }

    pub fn moved_off_holiday(&self) -> bool {
        self.last_day != self.counted_day
    }
}

const APPEAL: &str = "§60 วรรคหนึ่ง";
const DECISION: &str = "§61 วรรคหนึ่ง";
const IMPLEMENT: &str = "§62 วรรคหนึ่ง";
const COURT: &str = "§62 วรรคสอง";
const KK_COMPLIANCE: &str = "§59 วรรคหก";

/// §60 para 1: "ผู้ใดถูกสั่งลงโทษหรือสั่งให้ออกจากราชการ … มีสิทธิอุทธรณ์ต่อ ก.พ.ค. กรุงเทพมหานคร
/// ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง". `knew_on` is the day the person knew or
/// is deemed to have known the order.
pub fn appeal_deadline(knew_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        knew_on,
        APPEAL_DAYS,
        APPEAL,
        "วันสุดท้ายที่อุทธรณ์ต่อ ก.พ.ค. กรุงเทพมหานครได้",
        "last day to appeal to ก.พ.ค. กรุงเทพมหานคร",
    )
}

/// §60 para 1: an appeal filed after the thirty days is late (`appeal.late`); the message
/// gives the last day. A filing on the last day, however it was reached, is in time.
pub fn appeal_filed_in_time(
    knew_on: ThaiDate,
    filed_on: ThaiDate,
    cal: &HolidayCalendar,
) -> Result<(), Violation> {
    let d = appeal_deadline(knew_on, cal);
    if filed_on <= d.last_day {
        return Ok(());
    }
    Err(Violation::new(
        "appeal.late",
        "filed_on",
        format!(
            "ต้องอุทธรณ์ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง ({}): วันสุดท้ายคือ {} แต่ยื่นเมื่อ {}",
            knew_on.long_th(),
            d.last_day.long_th(),
            filed_on.long_th()
        ),
        format!(
            "an appeal must be filed within thirty days of knowing the order ({}): the last day was {}, it was filed on {}",
            knew_on.iso(),
            d.last_day.iso(),
            filed_on.iso()
        ),
    )
    .with_section(APPEAL))
}

/// §61 para 1: the appeal is to be decided "ภายในหนึ่งร้อยยี่สิบวันนับแต่วันที่ได้รับอุทธรณ์".
pub fn decision_deadline(received_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        received_on,
        DECISION_DAYS,
        DECISION,
        "วันครบกำหนดพิจารณาวินิจฉัยอุทธรณ์",
        "appeal to be decided by",
    )
}

/// One extension of the decision period (§61 para 1), with the recorded obstacle
/// (เหตุขัดข้อง).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    pub days: u32,
    pub reason: String,
}

/// §61 para 1: the decision period with its extensions: "ให้ขยายระยะเวลาได้อีกซึ่งไม่เกินสองครั้ง
/// โดยแต่ละครั้งจะต้องไม่เกินหกสิบวัน และให้บันทึกเหตุขัดข้องให้ปรากฏไว้ด้วย". Reports every
/// failure: a third extension (`appeal.too_many_extensions`), one longer than sixty days
/// (`appeal.extension_too_long`), one of no days (`appeal.extension_days`), one without its
/// reason (`appeal.extension_reason`). Each extension runs on from the counted end of the
/// period before it (module notes).
pub fn extend_decision(
    received_on: ThaiDate,
    extensions: &[Extension],
    cal: &HolidayCalendar,
) -> Result<Deadline, Violations> {
    let mut out = Violations::default();
    if extensions.len() > MAX_EXTENSIONS {
        out.push(
            Violation::new(
                "appeal.too_many_extensions",
                "extensions",
                format!(
                    "ขยายระยะเวลาพิจารณาอุทธรณ์ได้ไม่เกินสองครั้ง (ขอขยาย {} ครั้ง)",
                    extensions.len()
                ),
                format!(
                    "the decision period may be extended at most twice ({} extensions given)",
                    extensions.len()
                ),
            )
            .with_section(DECISION),
        );
    }
    for (i, e) in extensions.iter().enumerate() {
        if e.days > MAX_EXTENSION_DAYS {
            out.push(
                Violation::new(
                    "appeal.extension_too_long",
                    format!("extensions[{i}].days"),
                    format!(
                        "ขยายระยะเวลาแต่ละครั้งต้องไม่เกินหกสิบวัน (ครั้งที่ {} ขอ {} วัน)",
                        i + 1,
                        e.days
                    ),
                    format!(
                        "each extension may be at most sixty days (extension {} is {} days)",
                        i + 1,
                        e.days
                    ),
                )
                .with_section(DECISION),
            );
        } else if e.days == 0 {
            out.push(
                Violation::new(
                    "appeal.extension_days",
                    format!("extensions[{i}].days"),
                    format!("ต้องระบุจำนวนวันที่ขยาย (ครั้งที่ {})", i + 1),
                    format!("extension {} must be of at least one day", i + 1),
                )
                .with_section(DECISION),
            );
        }
        if e.reason.trim().is_empty() {
            out.push(
                Violation::new(
                    "appeal.extension_reason",
                    format!("extensions[{i}].reason"),
                    format!(
                        "ต้องบันทึกเหตุขัดข้องที่ทำให้การพิจารณาไม่แล้วเสร็จ (ครั้งที่ {})",
                        i + 1
                    ),
                    format!(
                        "the obstacle that prevents a decision in time must be recorded (extension {})",
                        i + 1
                    ),
                )
                .with_section(DECISION),
            );
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    let mut d = decision_deadline(received_on, cal);
    for e in extensions {
        let end = cal.within_days(d.counted_day, e.days);
        d.counted_day = end.counted_day;
        d.last_day = end.last_day;
    }
    Ok(d)
}

/// §61 para 3: the decision was not made within the period (with its extensions), so an
/// appellant who considers themselves harmed is deemed aggrieved under the law on the
/// Administrative Court ("ให้ถือว่าผู้อุทธรณ์เป็นผู้ได้รับความเดือดร้อนหรือเสียหาย"). `decided_on`
/// is the day of the decision, if there is one yet.
pub fn decision_late(deadline: &Deadline, decided_on: Option<ThaiDate>, today: ThaiDate) -> bool {
    match decided_on {
        Some(d) => d > deadline.last_day,
        None => today > deadline.last_day,
    }
}

/// §62 para 1: the appointing authority (§52–54) carries out the decision "ภายในสามสิบวันนับแต่
/// วันที่ ก.พ.ค. กรุงเทพมหานคร มีคำวินิจฉัย"; one who does not is deemed to omit a duty wrongfully
/// (§62 para 3).
pub fn implementation_deadline(decided_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        decided_on,
        IMPLEMENT_DAYS,
        IMPLEMENT,
        "วันครบกำหนดดำเนินการให้เป็นไปตามคำวินิจฉัยอุทธรณ์",
        "appeal decision to be carried out by",
    )
}

/// §62 para 2: an appellant who disagrees "ให้ฟ้องคดีต่อศาลปกครองภายในเก้าสิบวันนับแต่วันที่ทราบ
/// หรือถือว่าทราบคำวินิจฉัยอุทธรณ์".
pub fn court_deadline(knew_decision_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        knew_decision_on,
        COURT_DAYS,
        COURT,
        "วันสุดท้ายที่ฟ้องคดีต่อศาลปกครองได้",
        "last day to sue in the Administrative Court",
    )
}

/// §59 para 6: when ก.ก. finds a reported disciplinary action wrong or unsuitable, the
/// appointing authority, the Permanent Secretary or the Governor orders as resolved
/// "ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งมติ ก.ก.".
pub fn kk_compliance_deadline(notified_on: ThaiDate, cal: &HolidayCalendar) -> Deadline {
    Deadline::within(
        cal,
        notified_on,
        KK_COMPLIANCE_DAYS,
        KK_COMPLIANCE,
        "วันครบกำหนดสั่งหรือปฏิบัติให้เป็นไปตามมติ ก.ก.",
        "ก.ก. resolution to be complied with by",
    )
}

/// Days from `today` to the last day: 0 on the last day, negative once it has passed.
pub fn days_left(deadline: &Deadline, today: ThaiDate) -> i64 {
    today.days_until(deadline.last_day)
}

/// Whether the last day has passed on `today`.
pub fn is_overdue(deadline: &Deadline, today: ThaiDate) -> bool {
    today > deadline.last_day
}

// ---------------------------------------------------------------------------------------------
// Penalties and the report chain (§59)
// ---------------------------------------------------------------------------------------------

/// A penalty with its rate: a salary cut (ตัดเงินเดือน) of `percent` for `months`; a salary
/// reduction (ลดเงินเดือน) of `percent` of each month's salary from the order on; the others
/// have no rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub kind: PenaltyKind,
    #[serde(default)]
    pub percent: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
}

impl Penalty {
    pub const fn probation() -> Self {
        Self::plain(PenaltyKind::Probation)
    }
    pub const fn salary_cut(percent: u32, months: u32) -> Self {
        Self {
            kind: PenaltyKind::SalaryCut,
            percent: Some(percent),
            months: Some(months),
        }
    }
    pub const fn salary_reduction(percent: u32) -> Self {
        Self {
            kind: PenaltyKind::SalaryReduction,
            percent: Some(percent),
            months: None,
        }
    }
    pub const fn discharge() -> Self {
        Self::plain(PenaltyKind::Discharge)
    }
    pub const fn dismissal() -> Self {
        Self::plain(PenaltyKind::Dismissal)
    }
    const fn plain(kind: PenaltyKind) -> Self {
        Self {
            kind,
            percent: None,
            months: None,
        }
    }

    /// The rate a penalty of its kind must have: a cut needs a percent (1–100) and months
    /// (≥ 1); a reduction a percent and no months; the others neither.
    pub fn check(&self) -> Violations {
        let mut out = Violations::default();
        let (want_percent, want_months) = match self.kind {
            PenaltyKind::SalaryCut => (true, true),
            PenaltyKind::SalaryReduction => (true, false),
            _ => (false, false),
        };
        let percent_ok = match self.percent {
            Some(p) => want_percent && (1..=100).contains(&p),
            None => !want_percent,
        };
        if !percent_ok {
            out.push(Violation::new(
                "penalty.percent",
                "penalty.percent",
                if want_percent {
                    format!("{} ต้องระบุอัตราร้อยละ 1–100", self.kind.th())
                } else {
                    format!("{} ไม่มีอัตราร้อยละ", self.kind.th())
                },
                if want_percent {
                    format!("a {} needs a percentage of 1–100", self.kind.en())
                } else {
                    format!("a {} has no percentage", self.kind.en())
                },
            ));
        }
        let months_ok = match self.months {
            Some(m) => want_months && m >= 1,
            None => !want_months,
        };
        if !months_ok {
            out.push(Violation::new(
                "penalty.months",
                "penalty.months",
                if want_months {
                    format!("{} ต้องระบุจำนวนเดือน", self.kind.th())
                } else {
                    format!("{} ไม่มีจำนวนเดือน", self.kind.th())
                },
                if want_months {
                    format!("a {} needs a number of months", self.kind.en())
                } else {
                    format!("a {} has no number of months", self.kind.en())
                },
            ));
        }
        out
    }

    /// `ตัดเงินเดือน 4% เป็นเวลา 2 เดือน`
    pub fn describe_th(&self) -> String {
        let mut s = self.kind.th().to_string();
        if let Some(p) = self.percent {
            s.push_str(&format!(" {p}%"));
        }
        if let Some(m) = self.months {
            s.push_str(&format!(" เป็นเวลา {m} เดือน"));
        }
        s
    }

    /// `salary cut 4% for 2 months`
    pub fn describe_en(&self) -> String {
        let mut s = self.kind.en().to_string();
        if let Some(p) = self.percent {
            s.push_str(&format!(" {p}%"));
        }
        if let Some(m) = self.months {
            s.push_str(&format!(" for {m} month{}", if m == 1 { "" } else { "s" }));
        }
        s
    }

    fn rate(&self) -> (u32, u32) {
        (self.percent.unwrap_or(0), self.months.unwrap_or(0))
    }
}

/// Which penalty is heavier (module notes): kinds in [`PenaltyKind`]'s order (ภาคทัณฑ์ <
/// ตัดเงินเดือน < ลดเงินเดือน < ปลดออก < ไล่ออก); within a kind the rate, part by part. `None`
/// when one part of the rate is heavier and the other lighter.
pub fn compare_severity(a: &Penalty, b: &Penalty) -> Option<Ordering> {
    if a.kind != b.kind {
        return Some(a.kind.cmp(&b.kind));
    }
    let (ap, am) = a.rate();
    let (bp, bm) = b.rate();
    match (ap.cmp(&bp), am.cmp(&bm)) {
        (x, y) if x == y => Some(x),
        (Ordering::Equal, y) => Some(y),
        (x, Ordering::Equal) => Some(x),
        _ => None,
    }
}

/// Whether `p` is within the power of a superior whose heaviest penalty is `max`: a kind no
/// heavier than `max`'s, and no part of the rate above the part `max` states (a superior who
/// may cut or reduce up to 5% may not cut 6%). A part `max` leaves open is not limited.
pub fn within_power(p: &Penalty, max: &Penalty) -> bool {
    if p.kind > max.kind {
        return false;
    }
    let percent_ok = match (p.percent, max.percent) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    let months_ok = match (p.months, max.months) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    percent_ok && months_ok
}

crate::labelled_enum! {
    /// The two forms of waiving a penalty (งดโทษ) in §59 para 2: "โดยให้ทำทัณฑ์บนเป็นหนังสือหรือ
    /// ว่ากล่าวตักเตือน".
    pub enum WaiverForm: "waiver_form" {
        WrittenBond = ("written_bond", "ทำทัณฑ์บนเป็นหนังสือ", "written bond"),
        Warning = ("warning", "ว่ากล่าวตักเตือน", "warning"),
    }
}

/// How a disciplinary matter was disposed of, before or after a superior's review (§59
/// para 2 names the three: "การยุติเรื่อง การงดโทษหรือการลงโทษ").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// The matter closed (ยุติเรื่อง), or the penalty cancelled (ยกโทษ).
    Closed,
    /// Fault found but the penalty waived (งดโทษ).
    Waived(WaiverForm),
    Penalised(Penalty),
}

crate::labelled_enum! {
    /// What a superior's review under §59 para 2 did.
    pub enum PenaltyChange: "penalty_change" {
        Unchanged = ("unchanged", "คงตามคำสั่งเดิม", "unchanged"),
        Imposed = ("imposed", "สั่งลงโทษ", "penalty imposed"),
        Increased = ("increased", "เพิ่มโทษ", "penalty increased"),
        Reduced = ("reduced", "ลดโทษ", "penalty reduced"),
        Waived = ("waived", "งดโทษ", "penalty waived"),
        Cancelled = ("cancelled", "ยกโทษ", "penalty cancelled"),
        Amended = ("amended", "แก้ไขเปลี่ยนแปลงคำสั่งเดิม", "order amended"),
    }
}

const REPORT_CHAIN: &str = "§59 วรรคสอง";
const SERIOUS: &str = "§58 วรรคหนึ่ง";

/// §59 para 2: a superior who receives a report and finds the closing, waiver or penalty
/// wrong or unsuitable may impose a penalty, increase it ("เพิ่มโทษเป็นสถานโทษหรืออัตราโทษที่
/// หนักขึ้น"), reduce it, waive it ("งดโทษโดยให้ทำทัณฑ์บนเป็นหนังสือหรือว่ากล่าวตักเตือน") or cancel
/// it ("ยกโทษ"), and amend the order. But "การสั่งลงโทษหรือเพิ่มโทษเป็นสถานโทษที่หนักขึ้นต้องไม่เกิน
/// อำนาจของตน และการเพิ่มอัตราโทษเมื่อรวมกับอัตราโทษเดิมต้องไม่เกินอำนาจนั้นด้วย ถ้าเกินอำนาจของตน
/// ก็ให้รายงานต่อผู้บังคับบัญชา … ตามลำดับ".
///
/// `proposed` is the whole resulting disposition, so for an increase of rate its rate *is* the
/// old rate plus the increase, and comparing it with `superior_max` is exactly "เมื่อรวมกับ
/// อัตราโทษเดิม". Reducing, waiving and cancelling are not limited by power. A serious penalty
/// (ปลดออก, ไล่ออก) is never within this power: §58 para 1 sends it to ก.ก.
/// (`discipline.serious_needs_kk`); anything else beyond power is `discipline.beyond_power`.
pub fn check_penalty_change(
    original: &Disposition,
    proposed: &Disposition,
    superior_max: &Penalty,
) -> Result<PenaltyChange, Violation> {
    use Disposition as D;
    let p = match proposed {
        D::Closed => {
            return Ok(match original {
                D::Closed => PenaltyChange::Unchanged,
                _ => PenaltyChange::Cancelled,
            })
        }
        D::Waived(f) => {
            return Ok(match original {
                D::Waived(g) if g == f => PenaltyChange::Unchanged,
                D::Waived(_) => PenaltyChange::Amended,
                _ => PenaltyChange::Waived,
            })
        }
        D::Penalised(p) => p,
    };
    let change = match original {
        D::Closed | D::Waived(_) => PenaltyChange::Imposed,
        D::Penalised(o) => match compare_severity(p, o) {
            Some(Ordering::Greater) => PenaltyChange::Increased,
            Some(Ordering::Less) => PenaltyChange::Reduced,
            Some(Ordering::Equal) => PenaltyChange::Unchanged,
            None => PenaltyChange::Amended,
        },
    };
    let heavier = matches!(
        change,
        PenaltyChange::Imposed | PenaltyChange::Increased | PenaltyChange::Amended
    );
    if !heavier {
        return Ok(change);
    }
    if p.kind.is_serious() {
        return Err(Violation::new(
            "discipline.serious_needs_kk",
            "proposed",
            format!(
                "โทษ{}เป็นโทษทางวินัยอย่างร้ายแรง ผู้มีอำนาจสั่งบรรจุต้องสั่งเรื่องให้ ก.ก. พิจารณา",
                p.kind.th()
            ),
            format!(
                "{} is a serious penalty: the appointing authority must refer the case to ก.ก.",
                p.kind.en()
            ),
        )
        .with_section(SERIOUS));
    }
    if within_power(p, superior_max) {
        return Ok(change);
    }
    Err(Violation::new(
        "discipline.beyond_power",
        "proposed",
        format!(
            "{} เมื่อรวมกับอัตราโทษเดิมเกินอำนาจของผู้บังคับบัญชา (สั่งได้ไม่เกิน {}) ให้รายงานต่อผู้บังคับบัญชาชั้นเหนือขึ้นไปตามลำดับเพื่อพิจารณาดำเนินการตามควรแก่กรณี",
            p.describe_th(),
            superior_max.describe_th()
        ),
        format!(
            "{} (with the original rate) is beyond this superior's power (at most {}): report it up the chain of superiors",
            p.describe_en(),
            superior_max.describe_en()
        ),
    )
    .with_section(REPORT_CHAIN))
}

/// What a penalty takes from one month's salary, in whole satang (rounded down): a cut takes
/// `percent` in each of its first `months` months (index 0 is the first month of the penalty);
/// a reduction takes `percent` every month; the other kinds take nothing from the salary.
pub fn monthly_deduction(p: &Penalty, month_index: usize, salary: Satang) -> Satang {
    let percent = i64::from(p.percent.unwrap_or(0).min(100));
    let base = salary.satang().max(0);
    let applies = match p.kind {
        PenaltyKind::SalaryCut => {
            usize::try_from(p.months.unwrap_or(0)).unwrap_or(usize::MAX) > month_index
        }
        PenaltyKind::SalaryReduction => true,
        _ => false,
    };
    if applies {
        Satang::from_satang(base.saturating_mul(percent) / 100)
    } else {
        Satang::from_satang(0)
    }
}

/// §59 para 4: "ในกรณีที่คำสั่งลงโทษตัดเงินเดือนหรือลดเงินเดือน … เป็นอันยกเลิก หรืออัตราโทษส่วนที่
/// เกินเป็นอันยกเลิก ให้คืนเงินเดือนที่ได้ตัดหรือลดไปแล้ว … ให้แก่ผู้ถูกลงโทษ".
///
/// `monthly_salaries` are the salaries (before any cut) of the months the original penalty
/// has run, first month first. The same paragraph says when the whole old order falls: on a
/// change of kind either way ("เพิ่มโทษเป็นสถานโทษที่หนักขึ้น หรือลดโทษเป็นสถานโทษที่เบาลง"), a
/// waiver or a cancellation "คำสั่งลงโทษเดิมให้เป็นอันยกเลิก": then all that was cut is refunded
/// (`new` is `None` for a waiver or cancellation, or a penalty of another kind, which is cut
/// under its own order). When only the rate is reduced "อัตราโทษส่วนที่เกินก็ให้เป็นอันยกเลิก":
/// each month gets back what was cut minus what the new rate cuts. Months with nothing to
/// refund are left out.
pub fn salary_refund(
    monthly_salaries: &[(ThaiDate, Satang)],
    original: Penalty,
    new: Option<Penalty>,
) -> Vec<(ThaiDate, Satang)> {
    let keep = new.filter(|n| n.kind == original.kind);
    monthly_salaries
        .iter()
        .enumerate()
        .filter_map(|(i, (month, salary))| {
            let cut = monthly_deduction(&original, i, *salary).satang();
            let still = keep.map_or(0, |n| monthly_deduction(&n, i, *salary).satang());
            let back = (cut - still).max(0);
            (back > 0).then(|| (*month, Satang::from_satang(back)))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Serious penalties and removals (§58)
// ---------------------------------------------------------------------------------------------

crate::labelled_enum! {
    /// Why a person is removed from service (สั่งให้ออกจากราชการ). §58 para 2 puts removal
    /// during probation or intensive development for results below standard, and removal to
    /// serve in the armed forces, under ก.ก.'s own procedure instead of para 1.
    pub enum RemovalGround: "removal_ground" {
        BelowStandard = (
            "below_standard",
            "ผลการประเมินระหว่างทดลองปฏิบัติหน้าที่ราชการหรือเตรียมความพร้อมและพัฒนาอย่างเข้มต่ำกว่าเกณฑ์หรือมาตรฐาน",
            "results below standard during probation or intensive development"
        ),
        MilitaryService = ("military_service", "ไปรับราชการทหารตามกฎหมายว่าด้วยการรับราชการทหาร", "military service"),
        PendingInquiry = ("pending_inquiry", "สั่งให้ออกไว้ก่อนเพื่อรอฟังผลการสอบสวนพิจารณา", "removal pending inquiry"),
        Other = ("other", "เหตุอื่น", "other grounds"),
    }
}

/// What an order does to the person, for §58.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Penalty(PenaltyKind),
    Removal(RemovalGround),
}

impl Measure {
    /// §58 para 1: "การสั่งลงโทษทางวินัยอย่างร้ายแรงหรือการสั่งให้ออกจากราชการให้ผู้มีอำนาจ
    /// สั่งบรรจุสั่งเรื่องให้ ก.ก. พิจารณา", except the removals of para 2 and a removal
    /// pending inquiry (ให้ออกไว้ก่อน), which is a measure while the case runs, not its end.
    pub fn needs_kk(self) -> bool {
        match self {
            Measure::Penalty(k) => k.is_serious(),
            Measure::Removal(g) => g == RemovalGround::Other,
        }
    }

    pub fn th(self) -> String {
        match self {
            Measure::Penalty(k) => k.th().to_string(),
            Measure::Removal(g) => format!("ให้ออกจากราชการ ({})", g.th()),
        }
    }

    pub fn en(self) -> String {
        match self {
            Measure::Penalty(k) => k.en().to_string(),
            Measure::Removal(g) => format!("removal from service ({})", g.en()),
        }
    }
}

/// A resolution of ก.ก. on a case referred under §58 para 1.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KkResolution {
    /// The resolution's reference, e.g. "มติ ก.ก. ครั้งที่ 5/2567".
    pub resolution: String,
    pub decided_on: ThaiDate,
    /// What ก.ก. resolved.
    pub measure: Measure,
}

/// §58 para 1: a serious penalty or a removal is referred to ก.ก., and "เมื่อ ก.ก. มีมติเป็น
/// ประการใด ให้ผู้มีอำนาจสั่งบรรจุสั่งหรือปฏิบัติ ให้เป็นไปตามนั้น". Reports every failure: no
/// resolution where one is needed (`discipline.kk_resolution_required`), a resolution without
/// its reference (`discipline.kk_resolution_reference`), one decided after the order
/// (`discipline.kk_after_order`), and an order that differs from what ก.ก. resolved
/// (`discipline.order_differs_from_kk`) — also when ก.ก. resolved a lighter penalty.
pub fn check_serious_penalty(
    measure: Measure,
    ordered_on: ThaiDate,
    kk_resolution: Option<&KkResolution>,
) -> Violations {
    let mut out = Violations::default();
    let Some(kk) = kk_resolution else {
        if measure.needs_kk() {
            out.push(
                Violation::new(
                    "discipline.kk_resolution_required",
                    "kk_resolution",
                    format!(
                        "การสั่ง{}ต้องสั่งเรื่องให้ ก.ก. พิจารณา และสั่งตามมติ ก.ก.",
                        measure.th()
                    ),
                    format!(
                        "{} must be referred to ก.ก. and ordered as ก.ก. resolves",
                        measure.en()
                    ),
                )
                .with_section(SERIOUS),
            );
        }
        return out;
    };
    if kk.resolution.trim().is_empty() {
        out.push(
            Violation::new(
                "discipline.kk_resolution_reference",
                "kk_resolution.resolution",
                "ต้องระบุมติ ก.ก. (ครั้งที่/ปี)",
                "the ก.ก. resolution must be identified (meeting/year)",
            )
            .with_section(SERIOUS),
        );
    }
    if kk.decided_on > ordered_on {
        out.push(
            Violation::new(
                "discipline.kk_after_order",
                "kk_resolution.decided_on",
                format!(
                    "มติ ก.ก. ({}) ต้องมีก่อนหรือในวันที่สั่ง ({})",
                    kk.decided_on, ordered_on
                ),
                format!(
                    "the ก.ก. resolution ({}) must come on or before the order ({})",
                    kk.decided_on.iso(),
                    ordered_on.iso()
                ),
            )
            .with_section(SERIOUS),
        );
    }
    if kk.measure != measure {
        out.push(
            Violation::new(
                "discipline.order_differs_from_kk",
                "measure",
                format!(
                    "ต้องสั่งให้เป็นไปตามมติ ก.ก.: มติให้{} แต่คำสั่งให้{}",
                    kk.measure.th(),
                    measure.th()
                ),
                format!(
                    "the order must follow the ก.ก. resolution: ก.ก. resolved {}, the order says {}",
                    kk.measure.en(),
                    measure.en()
                ),
            )
            .with_section(SERIOUS),
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Grievances (§63–65)
// ---------------------------------------------------------------------------------------------

crate::labelled_enum! {
    /// Whose act or omission the grievance is about (§64).
    pub enum GrievanceCause: "grievance_cause" {
        Governor = ("governor", "ผู้ว่าราชการกรุงเทพมหานคร", "Governor"),
        PermanentSecretary = ("permanent_secretary", "ปลัดกรุงเทพมหานคร", "Permanent Secretary"),
        HeadOfDepartmentLevelAgency = ("head_of_department_level_agency", "หัวหน้าหน่วยงานระดับสำนัก", "head of a department-level agency"),
        KpkNamed = ("kpk_named", "ตำแหน่งอื่นที่ ก.พ.ค. กรุงเทพมหานคร กำหนด", "another position named by ก.พ.ค."),
        OtherSuperior = ("other_superior", "ผู้บังคับบัญชาอื่น", "another superior"),
    }
}

crate::labelled_enum! {
    /// Where a grievance goes (§64).
    pub enum Forum: "forum" {
        Kpk = ("kpk", "ก.พ.ค. กรุงเทพมหานคร", "ก.พ.ค. กรุงเทพมหานคร"),
        NextSuperior = ("next_superior", "ผู้บังคับบัญชาชั้นเหนือขึ้นไปตามลำดับ", "the next superior up"),
    }
}

/// §64 paras 1–2: "การร้องทุกข์ที่เหตุเกิดจากผู้บังคับบัญชา ให้ร้องทุกข์ต่อผู้บังคับบัญชาชั้นเหนือ
/// ขึ้นไปตามลำดับ"; but where the cause is "ผู้ว่าราชการกรุงเทพมหานคร ปลัดกรุงเทพมหานคร
/// หัวหน้าหน่วยงานระดับสำนัก หรือตำแหน่งอื่นที่ ก.พ.ค. กรุงเทพมหานคร กำหนด", to ก.พ.ค.
pub fn grievance_forum(cause: GrievanceCause) -> Forum {
    match cause {
        GrievanceCause::OtherSuperior => Forum::NextSuperior,
        GrievanceCause::Governor
        | GrievanceCause::PermanentSecretary
        | GrievanceCause::HeadOfDepartmentLevelAgency
        | GrievanceCause::KpkNamed => Forum::Kpk,
    }
}

/// §63: a grievance lies only where the matter "เป็นกรณีไม่อาจอุทธรณ์ตามส่วนที่ ๔": a person
/// penalised or removed (`appealable`) must appeal under §60 instead
/// (`grievance.appealable`).
pub fn check_grievance_admissible(appealable: bool) -> Result<(), Violation> {
    if !appealable {
        return Ok(());
    }
    Err(Violation::new(
        "grievance.appealable",
        "cause",
        "คำสั่งลงโทษหรือคำสั่งให้ออกจากราชการต้องอุทธรณ์ต่อ ก.พ.ค. กรุงเทพมหานคร ตามมาตรา ๖๐ มิใช่ร้องทุกข์",
        "a penalty or removal is appealed to ก.พ.ค. under §60, not made a grievance",
    )
    .with_section("§63"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn baht(b: i64) -> Satang {
        Satang::from_baht(b)
    }

    /// Songkran 2024 (13–15 April, Sat–Mon, and the substitute Tue 16), Father's Day (5 Dec).
    fn cal() -> HolidayCalendar {
        HolidayCalendar::new([
            d(2024, 4, 13),
            d(2024, 4, 14),
            d(2024, 4, 15),
            d(2024, 4, 16),
            d(2024, 12, 5),
        ])
    }

    fn ext(days: u32, reason: &str) -> Extension {
        Extension {
            days,
            reason: reason.to_string(),
        }
    }

    fn codes(v: &Violations) -> Vec<&'static str> {
        v.iter().map(|x| x.code).collect()
    }

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

    // §60 "ภายในสามสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำสั่ง"
    #[test]
    fn appeal_on_day_30_is_in_time_and_day_31_late() {
        let cal = cal();
        // Knew on Monday 1 July 2024: day 30 is Wednesday 31 July.
        let knew = d(2024, 7, 1);
        let dl = appeal_deadline(knew, &cal);
        assert_eq!(dl.last_day, d(2024, 7, 31));
        assert_eq!(dl.basis, "§60 วรรคหนึ่ง");
        assert!(appeal_filed_in_time(knew, d(2024, 7, 31), &cal).is_ok());
        let late = appeal_filed_in_time(knew, d(2024, 8, 1), &cal).unwrap_err();
        assert_eq!(late.code, "appeal.late");
        assert_eq!(late.section, Some("§60 วรรคหนึ่ง"));
        assert!(
            late.message_th.contains("31 กรกฎาคม 2567"),
            "{}",
            late.message_th
        );
        assert!(late.message_en.contains("2024-07-31"));
    }

    #[test]
    fn appeal_ending_in_songkran_runs_to_the_next_working_day() {
        let cal = cal();
        // Knew on 14 March 2024: day 30 is Saturday 13 April, Songkran runs to Tuesday 16.
        let knew = d(2024, 3, 14);
        let dl = appeal_deadline(knew, &cal);
        assert_eq!(dl.counted_day, d(2024, 4, 13));
        assert_eq!(dl.last_day, d(2024, 4, 17));
        assert!(dl.moved_off_holiday());
        assert!(appeal_filed_in_time(knew, d(2024, 4, 17), &cal).is_ok());
        assert!(appeal_filed_in_time(knew, d(2024, 4, 18), &cal).is_err());
    }

    // §61 "ภายในหนึ่งร้อยยี่สิบวันนับแต่วันที่ได้รับอุทธรณ์ … ขยายระยะเวลาได้อีกซึ่งไม่เกินสองครั้ง
    // โดยแต่ละครั้งจะต้องไม่เกินหกสิบวัน และให้บันทึกเหตุขัดข้อง"
    #[test]
    fn decision_in_120_days_and_two_extensions_of_60() {
        let cal = cal();
        let received = d(2024, 1, 2);
        let base = decision_deadline(received, &cal);
        assert_eq!(base.last_day, d(2024, 5, 1));
        assert_eq!(extend_decision(received, &[], &cal).unwrap(), base);

        // The first extension ends on Sunday 30 June, so that period ends Monday 1 July …
        let one = extend_decision(received, &[ext(60, "รอผลตรวจพิสูจน์เอกสาร")], &cal).unwrap();
        assert_eq!(one.counted_day, d(2024, 6, 30));
        assert_eq!(one.last_day, d(2024, 7, 1));
        // … but the second runs on from 30 June, the counted end: 240 days in all.
        let two = extend_decision(
            received,
            &[
                ext(60, "รอผลตรวจพิสูจน์เอกสาร"),
                ext(60, "พยานสำคัญอยู่ต่างประเทศ"),
            ],
            &cal,
        )
        .unwrap();
        assert_eq!(two.counted_day, d(2024, 8, 29));
        assert_eq!(received.days_until(two.counted_day), 240);
        assert_eq!(two.last_day, d(2024, 8, 29));
        assert_eq!(two.basis, "§61 วรรคหนึ่ง");
    }

    #[test]
    fn a_third_a_longer_and_an_unexplained_extension_are_refused() {
        let cal = cal();
        let received = d(2024, 1, 2);
        let three = extend_decision(received, &[ext(30, "ก"), ext(30, "ข"), ext(30, "ค")], &cal)
            .unwrap_err();
        assert_eq!(codes(&three), ["appeal.too_many_extensions"]);
        assert_eq!(three.0[0].section, Some("§61 วรรคหนึ่ง"));

        let long = extend_decision(received, &[ext(61, "รอเอกสาร")], &cal).unwrap_err();
        assert_eq!(codes(&long), ["appeal.extension_too_long"]);
        assert_eq!(long.0[0].field, "extensions[0].days");

        let blank = extend_decision(received, &[ext(60, "เหตุ"), ext(10, "  ")], &cal).unwrap_err();
        assert_eq!(codes(&blank), ["appeal.extension_reason"]);
        assert_eq!(blank.0[0].field, "extensions[1].reason");

        // All at once.
        let all =
            extend_decision(received, &[ext(90, ""), ext(0, "x"), ext(10, "y")], &cal).unwrap_err();
        assert_eq!(
            codes(&all),
            [
                "appeal.too_many_extensions",
                "appeal.extension_too_long",
                "appeal.extension_reason",
                "appeal.extension_days"
            ]
        );
    }

    #[test]
    fn a_late_decision_lets_the_appellant_go_to_court() {
        let cal = cal();
        let dl = decision_deadline(d(2024, 1, 2), &cal);
        assert!(!decision_late(&dl, None, d(2024, 5, 1)));
        assert!(decision_late(&dl, None, d(2024, 5, 2)));
        assert!(!decision_late(&dl, Some(d(2024, 4, 30)), d(2024, 9, 1)));
        assert!(decision_late(&dl, Some(d(2024, 5, 2)), d(2024, 5, 2)));
    }

    // §62 "ภายในสามสิบวันนับแต่วันที่ ก.พ.ค. กรุงเทพมหานคร มีคำวินิจฉัย", "ฟ้องคดีต่อศาลปกครอง
    // ภายในเก้าสิบวันนับแต่วันที่ทราบหรือถือว่าทราบคำวินิจฉัยอุทธรณ์"; §59 "ภายในสามสิบวันนับแต่วันที่
    // ได้รับแจ้งมติ ก.ก."
    #[test]
    fn implementing_suing_and_complying() {
        let cal = cal();
        let imp = implementation_deadline(d(2024, 6, 3), &cal);
        assert_eq!((imp.last_day, imp.basis), (d(2024, 7, 3), "§62 วรรคหนึ่ง"));
        // 90 days from 10 June 2024 is Sunday 8 September: Monday 9.
        let court = court_deadline(d(2024, 6, 10), &cal);
        assert_eq!(court.counted_day, d(2024, 9, 8));
        assert_eq!(
            (court.last_day, court.basis),
            (d(2024, 9, 9), "§62 วรรคสอง")
        );
        // Notified 5 November 2024: day 30 is 5 December, a holiday: Friday 6.
        let kk = kk_compliance_deadline(d(2024, 11, 5), &cal);
        assert_eq!((kk.last_day, kk.basis), (d(2024, 12, 6), "§59 วรรคหก"));
    }

    #[test]
    fn days_left_and_overdue() {
        let cal = cal();
        let dl = appeal_deadline(d(2024, 7, 1), &cal); // 31 July
        assert_eq!(days_left(&dl, d(2024, 7, 21)), 10);
        assert_eq!(days_left(&dl, d(2024, 7, 31)), 0);
        assert!(!is_overdue(&dl, d(2024, 7, 31)));
        assert_eq!(days_left(&dl, d(2024, 8, 2)), -2);
        assert!(is_overdue(&dl, d(2024, 8, 1)));
    }

    #[test]
    fn penalty_shapes() {
        assert!(Penalty::salary_cut(4, 2).check().is_empty());
        assert!(Penalty::salary_reduction(4).check().is_empty());
        assert!(Penalty::probation().check().is_empty());
        let bad = Penalty {
            kind: PenaltyKind::SalaryCut,
            percent: Some(0),
            months: None,
        };
        assert_eq!(codes(&bad.check()), ["penalty.percent", "penalty.months"]);
        let bad = Penalty {
            kind: PenaltyKind::Probation,
            percent: Some(5),
            months: None,
        };
        assert_eq!(codes(&bad.check()), ["penalty.percent"]);
        assert_eq!(
            Penalty::salary_cut(4, 2).describe_th(),
            "ตัดเงินเดือน 4% เป็นเวลา 2 เดือน"
        );
    }

    #[test]
    fn severity_order() {
        use Ordering::*;
        let order = [
            Penalty::probation(),
            Penalty::salary_cut(5, 3),
            Penalty::salary_reduction(2),
            Penalty::discharge(),
            Penalty::dismissal(),
        ];
        for w in order.windows(2) {
            assert_eq!(compare_severity(&w[0], &w[1]), Some(Less));
        }
        let c = |a, b| compare_severity(&a, &b);
        assert_eq!(
            c(Penalty::salary_cut(4, 2), Penalty::salary_cut(4, 1)),
            Some(Greater)
        );
        assert_eq!(
            c(Penalty::salary_cut(2, 2), Penalty::salary_cut(4, 2)),
            Some(Less)
        );
        assert_eq!(
            c(Penalty::salary_cut(4, 2), Penalty::salary_cut(4, 2)),
            Some(Equal)
        );
        assert_eq!(
            c(Penalty::salary_cut(4, 1), Penalty::salary_cut(2, 3)),
            None
        );
    }

    // §59 para 2 "การเพิ่มอัตราโทษเมื่อรวมกับอัตราโทษเดิมต้องไม่เกินอำนาจนั้นด้วย ถ้าเกินอำนาจของตนก็ให้
    // รายงานต่อผู้บังคับบัญชา … ตามลำดับ"
    #[test]
    fn report_chain_changes() {
        use Disposition as D;
        let max = Penalty::salary_cut(5, 2); // this superior may cut up to 5% for 2 months
        let orig = D::Penalised(Penalty::salary_cut(4, 1));
        let ok = |o: &D, p: &D| check_penalty_change(o, p, &max);

        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::salary_cut(4, 2))),
            Ok(PenaltyChange::Increased)
        );
        // 2% more on top of the original 4% is 6%: beyond the 5% this superior may order.
        let e = ok(&orig, &D::Penalised(Penalty::salary_cut(6, 1))).unwrap_err();
        assert_eq!(e.code, "discipline.beyond_power");
        assert_eq!(e.section, Some("§59 วรรคสอง"));
        assert!(
            e.message_th.contains("ผู้บังคับบัญชาชั้นเหนือขึ้นไป"),
            "{}",
            e.message_th
        );
        // A heavier kind than this superior may order.
        let e = ok(&orig, &D::Penalised(Penalty::salary_reduction(2))).unwrap_err();
        assert_eq!(e.code, "discipline.beyond_power");
        // Serious penalties go to ก.ก. (§58).
        let e = ok(&orig, &D::Penalised(Penalty::discharge())).unwrap_err();
        assert_eq!(
            (e.code, e.section),
            ("discipline.serious_needs_kk", Some("§58 วรรคหนึ่ง"))
        );

        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::salary_cut(2, 1))),
            Ok(PenaltyChange::Reduced)
        );
        assert_eq!(
            ok(&orig, &D::Penalised(Penalty::probation())),
            Ok(PenaltyChange::Reduced)
        );
        assert_eq!(
            ok(&orig, &D::Waived(WaiverForm::WrittenBond)),
            Ok(PenaltyChange::Waived)
        );
        assert_eq!(ok(&orig, &D::Closed), Ok(PenaltyChange::Cancelled));
        assert_eq!(ok(&orig, &orig), Ok(PenaltyChange::Unchanged));
        // A closed matter penalised by the superior: "ให้มีอำนาจสั่งลงโทษ".
        assert_eq!(
            ok(&D::Closed, &D::Penalised(Penalty::probation())),
            Ok(PenaltyChange::Imposed)
        );
        assert!(ok(&D::Closed, &D::Penalised(Penalty::salary_cut(5, 3))).is_err());
        // Reducing a penalty heavier than one's own power is still allowed.
        let heavy = D::Penalised(Penalty::salary_reduction(4));
        assert_eq!(
            ok(&heavy, &D::Penalised(Penalty::salary_cut(5, 1))),
            Ok(PenaltyChange::Reduced)
        );
        // Rates moving both ways: checked against power like an increase.
        assert_eq!(
            ok(
                &D::Penalised(Penalty::salary_cut(2, 2)),
                &D::Penalised(Penalty::salary_cut(5, 1))
            ),
            Ok(PenaltyChange::Amended)
        );
    }

    // §59 para 4 "ให้คืนเงินเดือนที่ได้ตัดหรือลดไปแล้ว"
    #[test]
    fn cancelled_salary_cut_is_refunded_month_by_month() {
        let months = [
            (d(2024, 10, 1), baht(30_000)),
            (d(2024, 11, 1), baht(30_000)),
            (d(2024, 12, 1), baht(31_000)),
            (d(2025, 1, 1), baht(31_000)),
        ];
        let cut = Penalty::salary_cut(5, 3);
        assert_eq!(
            salary_refund(&months, cut, None),
            vec![
                (d(2024, 10, 1), baht(1_500)),
                (d(2024, 11, 1), baht(1_500)),
                (d(2024, 12, 1), baht(1_550)),
            ]
        );
        // Rate reduced to 2%: the 3% "ส่วนที่เกิน" comes back.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::salary_cut(2, 3))),
            vec![
                (d(2024, 10, 1), baht(900)),
                (d(2024, 11, 1), baht(900)),
                (d(2024, 12, 1), baht(930)),
            ]
        );
        // Shortened to one month.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::salary_cut(5, 1))),
            vec![(d(2024, 11, 1), baht(1_500)), (d(2024, 12, 1), baht(1_550))]
        );
        // A lighter kind: "คำสั่งลงโทษเดิมให้เป็นอันยกเลิก", all of it comes back.
        assert_eq!(
            salary_refund(&months, cut, Some(Penalty::probation())).len(),
            3
        );
        // A reduction of salary runs every month.
        let red = salary_refund(&months, Penalty::salary_reduction(4), None);
        assert_eq!(red.len(), 4);
        assert_eq!(red[3], (d(2025, 1, 1), baht(1_240)));
        // An increase refunds nothing.
        assert!(salary_refund(&months, cut, Some(Penalty::salary_cut(5, 4))).is_empty());
        // Fractions of a satang are dropped the same way on both sides.
        assert_eq!(
            salary_refund(
                &[(d(2024, 10, 1), Satang::from_satang(3_333_333))],
                cut,
                None
            ),
            vec![(d(2024, 10, 1), Satang::from_satang(166_666))]
        );
    }

    // §58 "เมื่อ ก.ก. มีมติเป็นประการใด ให้ผู้มีอำนาจสั่งบรรจุสั่งหรือปฏิบัติ ให้เป็นไปตามนั้น"
    #[test]
    fn serious_penalties_follow_kk() {
        let on = d(2024, 8, 1);
        let kk = |m: Measure, decided_on: ThaiDate| KkResolution {
            resolution: "มติ ก.ก. ครั้งที่ 7/2567".to_string(),
            decided_on,
            measure: m,
        };
        let dis = Measure::Penalty(PenaltyKind::Discharge);
        assert_eq!(
            codes(&check_serious_penalty(dis, on, None)),
            ["discipline.kk_resolution_required"]
        );
        assert!(check_serious_penalty(dis, on, Some(&kk(dis, d(2024, 7, 20)))).is_empty());
        let v = check_serious_penalty(
            dis,
            on,
            Some(&kk(
                Measure::Penalty(PenaltyKind::Dismissal),
                d(2024, 7, 20),
            )),
        );
        assert_eq!(codes(&v), ["discipline.order_differs_from_kk"]);
        assert_eq!(v.0[0].section, Some("§58 วรรคหนึ่ง"));
        // ก.ก. resolved a lighter penalty: the order must follow it.
        let v = check_serious_penalty(
            Measure::Penalty(PenaltyKind::Dismissal),
            on,
            Some(&kk(
                Measure::Penalty(PenaltyKind::SalaryCut),
                d(2024, 7, 20),
            )),
        );
        assert_eq!(codes(&v), ["discipline.order_differs_from_kk"]);
        let mut late = kk(dis, d(2024, 8, 2));
        late.resolution = " ".into();
        assert_eq!(
            codes(&check_serious_penalty(dis, on, Some(&late))),
            [
                "discipline.kk_resolution_reference",
                "discipline.kk_after_order"
            ]
        );
        // Removals: para 1 needs ก.ก.; para 2 grounds follow ก.ก.'s own procedure.
        assert!(
            !check_serious_penalty(Measure::Removal(RemovalGround::Other), on, None).is_empty()
        );
        assert!(
            check_serious_penalty(Measure::Removal(RemovalGround::MilitaryService), on, None)
                .is_empty()
        );
        assert!(
            check_serious_penalty(Measure::Penalty(PenaltyKind::SalaryCut), on, None).is_empty()
        );
    }

    // §64 "ให้ร้องทุกข์ต่อผู้บังคับบัญชาชั้นเหนือขึ้นไปตามลำดับ" / "ให้ร้องทุกข์ต่อ ก.พ.ค. กรุงเทพมหานคร"
    #[test]
    fn grievance_forums() {
        use GrievanceCause as G;
        let table = [
            (G::Governor, Forum::Kpk),
            (G::PermanentSecretary, Forum::Kpk),
            (G::HeadOfDepartmentLevelAgency, Forum::Kpk),
            (G::KpkNamed, Forum::Kpk),
            (G::OtherSuperior, Forum::NextSuperior),
        ];
        for (cause, forum) in table {
            assert_eq!(grievance_forum(cause), forum, "{cause:?}");
        }
        assert!(check_grievance_admissible(false).is_ok());
        assert_eq!(
            check_grievance_admissible(true).unwrap_err().code,
            "grievance.appealable"
        );
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

    fn any_penalty() -> impl Strategy<Value = Penalty> {
        prop_oneof![
            Just(Penalty::probation()),
            (1u32..=20, 1u32..=12).prop_map(|(p, m)| Penalty::salary_cut(p, m)),
            (1u32..=20).prop_map(Penalty::salary_reduction),
            Just(Penalty::discharge()),
        ]
    }

    proptest! {
        #[test]
        fn appeal_deadline_is_a_working_day_at_least_30_days_on(start in 0i64..5_000) {
            let cal = cal();
            let knew = d(2020, 1, 1).add_days(start);
            let dl = appeal_deadline(knew, &cal);
            prop_assert!(cal.is_working_day(dl.last_day));
            prop_assert!(knew.days_until(dl.last_day) >= 30);
            prop_assert_eq!(knew.days_until(dl.counted_day), 30);
            prop_assert!(appeal_filed_in_time(knew, dl.last_day, &cal).is_ok());
            prop_assert!(appeal_filed_in_time(knew, dl.last_day.add_days(1), &cal).is_err());
        }

        #[test]
        fn refunds_are_never_negative_nor_more_than_was_cut(
            salaries in proptest::collection::vec(0i64..20_000_000, 0..15),
            original in any_penalty(),
            new in proptest::option::of(any_penalty()),
        ) {
            let months: Vec<(ThaiDate, Satang)> = salaries
                .iter()
                .enumerate()
                .map(|(i, s)| (d(2024, 1, 1).add_days(31 * i as i64), Satang::from_satang(*s)))
                .collect();
            let refund = salary_refund(&months, original, new);
            let mut total_cut = 0;
            for (i, (_, s)) in months.iter().enumerate() {
                total_cut += monthly_deduction(&original, i, *s).satang();
            }
            let mut total_back = 0;
            for (month, back) in &refund {
                let i = months.iter().position(|(m, _)| m == month).unwrap();
                prop_assert!(back.satang() > 0);
                prop_assert!(*back <= monthly_deduction(&original, i, months[i].1));
                total_back += back.satang();
            }
            prop_assert!(total_back <= total_cut);
            if new.is_none() {
                prop_assert_eq!(total_back, total_cut);
            }
        }

        #[test]
        fn extensions_never_pass_240_counted_days(
            start in 0i64..5_000,
            days in proptest::collection::vec(1u32..=60, 0..=2),
        ) {
            let cal = cal();
            let received = d(2020, 1, 1).add_days(start);
            let exts: Vec<Extension> = days.iter().map(|n| ext(*n, "เหตุขัดข้อง")).collect();
            let dl = extend_decision(received, &exts, &cal).unwrap();
            let counted = received.days_until(dl.counted_day);
            prop_assert_eq!(counted, 120 + days.iter().map(|n| i64::from(*n)).sum::<i64>());
            prop_assert!(counted <= 240);
            prop_assert!(cal.is_working_day(dl.last_day));
            prop_assert!(dl.last_day >= dl.counted_day);
        }

        #[test]
        fn more_or_longer_extensions_are_refused(
            days in proptest::collection::vec(1u32..=200, 0..6),
        ) {
            let exts: Vec<Extension> = days.iter().map(|n| ext(*n, "เหตุ")).collect();
            let bad = days.len() > 2 || days.iter().any(|n| *n > 60);
            prop_assert_eq!(extend_decision(d(2024, 1, 2), &exts, &cal()).is_err(), bad);
        }

        #[test]
        fn nothing_heavier_than_power_passes(
            orig in any_penalty(),
            prop in any_penalty(),
            max_p in 1u32..=20,
            max_m in 1u32..=12,
        ) {
            let max = Penalty::salary_cut(max_p, max_m);
            let r = check_penalty_change(&Disposition::Penalised(orig), &Disposition::Penalised(prop), &max);
            if let Ok(PenaltyChange::Increased | PenaltyChange::Imposed | PenaltyChange::Amended) = r {
                prop_assert!(within_power(&prop, &max));
            }
            if prop.kind.is_serious() && compare_severity(&prop, &orig) != Some(Ordering::Less) && prop != orig {
                prop_assert!(r.is_err());
            }
        }
    }
}
