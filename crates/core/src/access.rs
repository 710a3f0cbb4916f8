//! Who may see and do what: every access decision of bmahr, as pure functions over facts
//! that the use-case read in its own transaction (docs/ACCESS.md says the same in prose).
//!
//! A decision is made on facts, never on a lookup of its own: a check made on facts read
//! earlier can be raced, or asked about the wrong date (an order dated before a person's first
//! appointment found them "nowhere", so any district could act on them).

use std::collections::HashSet;

use crate::law::authority::Authority;
use crate::law::discipline::Forum;
use crate::role::Role;
use crate::{NationalId, Violation};

/// The account asking, as far as access is concerned.
#[derive(Debug, Clone, Copy)]
pub struct Asker<'a> {
    pub role: Role,
    /// The person the account belongs to, if linked to one.
    pub person_id: Option<i64>,
    /// Unit ids the role reaches; `None` for the whole BMA.
    pub scope: Option<&'a HashSet<i64>>,
    /// The office an appointing authority signs in (§52–54); `None`: head of its agency.
    pub office: Option<Authority>,
    /// The account's scope is the whole BMA's top unit (the Office's discipline officers).
    pub office_wide: bool,
}

impl Asker<'_> {
    fn reaches(&self, unit: i64) -> bool {
        self.scope.is_none_or(|s| s.contains(&unit))
    }

    fn is_own(&self, person_id: Option<i64>) -> bool {
        self.person_id.is_some() && self.person_id == person_id
    }
}

/// A refusal: what was refused, for the 403 answer and the audit trail of refusals.
pub fn refusal(
    field: impl Into<String>,
    th: impl Into<String>,
    en: impl Into<String>,
) -> Violation {
    Violation::new("access.forbidden", field, th, en)
}

fn forbidden(what: &str) -> Violation {
    refusal(what, "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้", "you may not access this")
}

// --- Personal data (PDPA) -----------------------------------------------------------------

/// Whether national IDs and private contact data are shown in full (PDPA: only to those who
/// need them to administer personnel, and to the person themself). Every output (API bodies,
/// drafts, exports, pages, CSV/XLSX) asks this one function.
pub fn sees_identity(asker: &Asker<'_>, person_id: Option<i64>) -> bool {
    matches!(
        asker.role,
        Role::CentralAdmin | Role::AgencyHr | Role::AppointingAuthority
    ) || asker.is_own(person_id)
}

/// A national ID as `asker` may see it.
pub fn shown_id(asker: &Asker<'_>, person_id: Option<i64>, id: &NationalId) -> String {
    if sees_identity(asker, person_id) {
        id.reveal().to_string()
    } else {
        id.masked()
    }
}

/// A national ID given as text (a draft's body, a file row): masked unless `asker` sees it.
/// Text that is not an ID is masked whole, so nothing ID-shaped slips through.
pub fn shown_id_text(asker: &Asker<'_>, person_id: Option<i64>, text: &str) -> String {
    if sees_identity(asker, person_id) {
        return text.to_string();
    }
    masked_id_text(text)
}

/// A national ID given as text, masked for every reader (committee members in a case file,
/// which no role that administers personnel reads).
pub fn masked_id_text(text: &str) -> String {
    NationalId::parse(text)
        .map(|n| n.masked())
        .unwrap_or_else(|_| "•".repeat(text.chars().count().min(13)))
}

/// Phone and e-mail: in full only where the ID is.
pub fn shown_contact(asker: &Asker<'_>, person_id: Option<i64>, text: &str) -> String {
    if sees_identity(asker, person_id) {
        text.to_string()
    } else {
        "***".to_string()
    }
}

// --- People ---------------------------------------------------------------------------------

/// Where a person stands, from their register: the unit of their position today, or on
/// their last day of service if they have left (`None`: never in service).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub person_id: i64,
    pub unit_now: Option<i64>,
}

/// Reading a person's record. The Office and auditors read everyone; everyone reads
/// themself; an employee nobody else; the scoped roles anyone who stands in their units today
/// (or stood there on their last day of service); ก.พ.ค.'s secretariat (unscoped) no one. The same rule holds whatever date the
/// record is read as of: a person who has left one's units is no longer one's to read.
pub fn may_read_person(asker: &Asker<'_>, p: &Standing) -> Result<(), Violation> {
    let ok = asker.is_own(Some(p.person_id))
        || match asker.role {
            Role::CentralAdmin | Role::Auditor => true,
            Role::Employee => false,
            // The other roles read within their units; ก.พ.ค.'s secretariat, unscoped, reads
            // case files, not personnel records.
            _ => match (asker.scope, p.unit_now) {
                (Some(s), Some(u)) => s.contains(&u),
                _ => false,
            },
        };
    ok.then_some(())
        .ok_or_else(|| forbidden(&format!("person {}", p.person_id)))
}

/// Searching people and reading lists: every role but an employee.
pub fn may_search(asker: &Asker<'_>) -> Result<(), Violation> {
    (asker.role != Role::Employee)
        .then_some(())
        .ok_or_else(|| forbidden("people"))
}

/// Whole-BMA figures, the audit log, who viewed a record: the Office and auditors.
pub fn may_read_all(asker: &Asker<'_>, what: &str) -> Result<(), Violation> {
    matches!(asker.role, Role::CentralAdmin | Role::Auditor)
        .then_some(())
        .ok_or_else(|| forbidden(what))
}

/// The frame, the unit tree and the retirement lists: every role but an employee, each
/// within its scope. `unit` is the unit asked for (none: the asker's own scope).
pub fn may_read_unit(asker: &Asker<'_>, unit: Option<(i64, &str)>) -> Result<(), Violation> {
    let ok = asker.role != Role::Employee && unit.is_none_or(|(id, _)| asker.reaches(id));
    ok.then_some(()).ok_or_else(|| match unit {
        Some((_, code)) => forbidden(&format!("unit {code}")),
        None => forbidden("units"),
    })
}

/// The holiday calendar moves every deadline counted in working days: the Office only.
pub fn may_edit_holidays(asker: &Asker<'_>) -> Result<(), Violation> {
    (asker.role == Role::CentralAdmin)
        .then_some(())
        .ok_or_else(|| forbidden("holidays"))
}

// --- Orders ---------------------------------------------------------------------------------

/// Roles that draft and check orders: HR officers, appointing authorities and the Office.
pub fn drafts_orders(role: Role) -> bool {
    matches!(
        role,
        Role::AgencyHr | Role::AppointingAuthority | Role::CentralAdmin
    )
}

/// Roles that sign: the appointing authority (within its units and office) and the Office,
/// which records orders signed on paper.
pub fn signs_orders(role: Role) -> bool {
    matches!(role, Role::AppointingAuthority | Role::CentralAdmin)
}

/// Roles that read orders and drafts: everyone but employees and supervisors.
pub fn reads_orders(role: Role) -> bool {
    !matches!(role, Role::Employee | Role::Supervisor)
}

pub fn may_draft_orders(asker: &Asker<'_>) -> Result<(), Violation> {
    drafts_orders(asker.role)
        .then_some(())
        .ok_or_else(|| forbidden("orders"))
}

pub fn may_sign_orders(asker: &Asker<'_>) -> Result<(), Violation> {
    signs_orders(asker.role)
        .then_some(())
        .ok_or_else(|| forbidden("order signature"))
}

pub fn may_read_orders(asker: &Asker<'_>) -> Result<(), Violation> {
    reads_orders(asker.role)
        .then_some(())
        .ok_or_else(|| forbidden("orders"))
}

/// An order or draft is read by those who may read orders, within the issuer's units.
pub fn may_read_order(asker: &Asker<'_>, issuer_unit: i64, what: &str) -> Result<(), Violation> {
    may_read_orders(asker)?;
    asker
        .reaches(issuer_unit)
        .then_some(())
        .ok_or_else(|| forbidden(what))
}

/// One action of an order, as the register stood before the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionStanding {
    /// `None`: nobody with this ID (the Act's check reports it).
    pub person_id: Option<i64>,
    /// The unit of the person's position on the action's effective date (their last one if
    /// they had left by then); `None`: not yet in service on that date.
    pub unit_on_date: Option<i64>,
    /// The unit today, or on the last day of service if they have left; `None`: never
    /// entered the service.
    pub unit_now: Option<i64>,
    /// In service (active or suspended) today.
    pub in_service_now: bool,
    /// The unit of the position the action names, if any (and known).
    pub target_unit: Option<i64>,
    pub position_no: Option<String>,
    /// An appointment or transfer in: the person enters from outside.
    pub entry: bool,
}

/// The scope rule for changing the register: a scoped officer acts on a person only if the
/// person stands in the officer's units **both** on the action's effective date **and**
/// today (or on their last day of service), and on positions in those units. Someone not yet
/// in service stands nowhere, so only an entry (into a position in the officer's units) may
/// name them; someone who left elsewhere may be entered again, but not otherwise touched.
/// Every refusal is returned, one per action and reason (fields `actions[i].person` /
/// `actions[i].position_no`).
pub fn order_refusals(
    asker: &Asker<'_>,
    issuer_unit: Option<i64>,
    issuer_code: &str,
    actions: &[ActionStanding],
) -> Vec<Violation> {
    let mut out = Vec::new();
    let Some(scope) = asker.scope else {
        return out;
    };
    if let Some(u) = issuer_unit {
        if !scope.contains(&u) {
            out.push(refusal(
                "issuer_unit",
                format!("หน่วยงานผู้ออกคำสั่ง {issuer_code} อยู่นอกหน่วยงานในความรับผิดชอบของท่าน"),
                format!("the issuing unit {issuer_code} is outside your units"),
            ));
        }
    }
    for (i, a) in actions.iter().enumerate() {
        let n = i + 1;
        if let (Some(t), Some(no)) = (a.target_unit, a.position_no.as_deref()) {
            if !scope.contains(&t) {
                out.push(refusal(
                    format!("actions[{n}].position_no"),
                    format!("รายการที่ {n}: ตำแหน่งเลขที่ {no} อยู่นอกหน่วยงานในความรับผิดชอบของท่าน"),
                    format!("action {n}: position {no} is outside your units"),
                ));
            }
        }
        if a.person_id.is_none() {
            continue;
        }
        let on_date_ok = match a.unit_on_date {
            Some(u) => scope.contains(&u),
            None => a.entry,
        };
        let now_ok = match a.unit_now {
            // Someone out of service today may be entered anew whoever they last served.
            Some(_) if a.entry && !a.in_service_now => true,
            Some(u) => scope.contains(&u),
            None => a.entry,
        };
        if !(on_date_ok && now_ok) {
            out.push(refusal(
                format!("actions[{n}].person"),
                format!(
                    "รายการที่ {n}: บุคคลนี้ไม่ได้สังกัดหน่วยงานในความรับผิดชอบของท่านทั้ง ณ วันที่มีผลและวันนี้ (หรือวันสุดท้ายที่รับราชการ)"
                ),
                format!(
                    "action {n}: the person is not in your units both on the effective date and today (or on their last day of service)"
                ),
            ));
        }
    }
    out
}

/// An appointing authority signs only in the office its account holds (§52–54); the Office
/// records orders signed on paper in any office. `stated` is the office the order names (or
/// its default for the issuer).
pub fn may_sign_as(asker: &Asker<'_>, stated: Authority) -> Result<(), Violation> {
    if asker.role != Role::AppointingAuthority {
        return Ok(());
    }
    let held = asker.office.unwrap_or(Authority::AgencyHead);
    if stated == held {
        return Ok(());
    }
    Err(Violation::new(
        "authority.not_held",
        "signing_authority",
        format!("บัญชีนี้ลงนามในฐานะ{} ไม่ใช่{}", held.th(), stated.th()),
        format!(
            "this account signs as {}, not as {}",
            held.en(),
            stated.en()
        ),
    ))
}

// --- What a role's pages offer ------------------------------------------------------------------

/// The parts of the application an account's role works in, for the pages' header and
/// buttons. Each says what the decision functions above decide, so a link is shown exactly
/// when following it would not be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// Search, units, retirements: every role but an employee.
    pub officer: bool,
    pub orders: bool,
    pub drafts_orders: bool,
    pub signs_orders: bool,
    /// Case files and deadlines: the offices that handle them, and anyone who may be the
    /// person concerned.
    pub cases: bool,
    /// The audit log and whole-BMA figures.
    pub whole_bma: bool,
    pub edit_holidays: bool,
    pub edit_kpk_named: bool,
    /// The administration pages: accounts (and links to the holiday calendar, ก.พ.ค.'s list
    /// and the audit log).
    pub admin_accounts: bool,
    /// One's own record.
    pub me: bool,
}

pub fn offer(asker: &Asker<'_>) -> Offer {
    Offer {
        officer: may_search(asker).is_ok(),
        orders: reads_orders(asker.role),
        drafts_orders: drafts_orders(asker.role),
        signs_orders: signs_orders(asker.role),
        cases: matches!(asker.role, Role::DisciplineOfficer | Role::MeritCommission)
            || asker.person_id.is_some(),
        whole_bma: may_read_all(asker, "").is_ok(),
        edit_holidays: may_edit_holidays(asker).is_ok(),
        edit_kpk_named: may_edit_kpk_named(asker).is_ok(),
        admin_accounts: may_administer_accounts(asker).is_ok(),
        me: asker.person_id.is_some(),
    }
}

// --- Case files (§58–66) ---------------------------------------------------------------------

/// Which case files a discipline officer opens (discipline, grievances to a superior) and
/// which ก.พ.ค.'s secretariat opens (appeals, grievances to ก.พ.ค., petitions), §58–66.
pub fn opens_case_kind(role: Role, kind: crate::law::case_file::CaseKind) -> bool {
    use crate::law::case_file::CaseKind as K;
    match role {
        Role::DisciplineOfficer => matches!(kind, K::Discipline | K::Grievance),
        Role::MeritCommission => !matches!(kind, K::Discipline),
        _ => false,
    }
}

/// A deadline board: ก.พ.ค.'s, a unit subtree's, or the person's own cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    Kpk,
    Units,
    Mine,
}

/// The board a role works from.
pub fn home_board(role: Role) -> Board {
    match role {
        Role::MeritCommission => Board::Kpk,
        Role::DisciplineOfficer => Board::Units,
        _ => Board::Mine,
    }
}

/// ก.พ.ค.'s board is its secretariat's, a unit's board its discipline officers'; everyone
/// reads the board of their own cases.
pub fn may_read_board(asker: &Asker<'_>, board: Board) -> Result<(), Violation> {
    let ok = match board {
        Board::Kpk => asker.role == Role::MeritCommission,
        Board::Units => asker.role == Role::DisciplineOfficer,
        Board::Mine => true,
    };
    ok.then_some(()).ok_or_else(|| {
        forbidden(match board {
            Board::Kpk => "deadlines kpk",
            _ => "deadlines",
        })
    })
}

/// A case file as access sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseStanding {
    pub id: i64,
    pub person_id: Option<i64>,
    /// The person's unit when the case began.
    pub unit_id: i64,
    /// The unit the case is with (routed to), if another.
    pub holder_unit_id: Option<i64>,
    pub forum: Forum,
}

fn case_in_scope(asker: &Asker<'_>, c: &CaseStanding) -> bool {
    asker
        .scope
        .is_some_and(|s| s.contains(&c.unit_id) || c.holder_unit_id.is_some_and(|h| s.contains(&h)))
}

/// Whether the asker's office handles the case: its unit chain's discipline officers, or
/// ก.พ.ค.'s secretariat for matters before ก.พ.ค. Nobody handles their own case.
pub fn handles_case(asker: &Asker<'_>, c: &CaseStanding) -> bool {
    if asker.is_own(c.person_id) {
        return false;
    }
    match asker.role {
        Role::DisciplineOfficer => case_in_scope(asker, c),
        Role::MeritCommission => c.forum == Forum::Kpk,
        _ => false,
    }
}

/// Case files are read only by those who handle them, the committee members and the person
/// concerned (PDPA; issue 6).
pub fn may_read_case(asker: &Asker<'_>, c: &CaseStanding, member: bool) -> Result<(), Violation> {
    (asker.is_own(c.person_id) || member || handles_case(asker, c))
        .then_some(())
        .ok_or_else(|| forbidden(&format!("case {}", c.id)))
}

/// Recording an event: ก.พ.ค.'s secretariat records what happens before ก.พ.ค.; the unit's
/// discipline officers record the rest, and what the unit does on ก.พ.ค.'s decision or notice
/// (`units_act`: carrying it out, responding). Referring to ก.ก. and recording its resolution
/// (§58, §59, `kk`) is for the Office's discipline officers only.
pub fn may_record_case(
    asker: &Asker<'_>,
    c: &CaseStanding,
    units_act: bool,
    kk: bool,
) -> Result<(), Violation> {
    let kpk = c.forum == Forum::Kpk;
    let ok = !asker.is_own(c.person_id)
        && match asker.role {
            Role::DisciplineOfficer => case_in_scope(asker, c) && (!kpk || units_act),
            Role::MeritCommission => kpk && !units_act,
            _ => false,
        };
    if !ok {
        return Err(forbidden(&format!("case {} (record)", c.id)));
    }
    if kk && !(asker.role == Role::DisciplineOfficer && asker.office_wide) {
        return Err(forbidden(&format!("case {} (ก.ก.)", c.id)));
    }
    Ok(())
}

/// Opening a case: ก.พ.ค.'s secretariat for appeals, grievances to ก.พ.ค. and petitions; a
/// discipline officer for the rest, on a unit in scope and, for a case about a person, only if
/// the person stands in the officer's units today (or on their last day of service) as well
/// as when the case began: a case dated back to when someone served here does not open
/// their file to a district they have left.
pub fn may_open_case(
    asker: &Asker<'_>,
    kpk: bool,
    unit_id: i64,
    person_unit_now: Option<Option<i64>>,
    kind_code: &str,
) -> Result<(), Violation> {
    let ok = match asker.role {
        Role::MeritCommission => kpk,
        Role::DisciplineOfficer => {
            !kpk && asker.scope.is_some_and(|s| {
                s.contains(&unit_id)
                    && person_unit_now.is_none_or(|u| u.is_some_and(|u| s.contains(&u)))
            })
        }
        _ => false,
    };
    ok.then_some(())
        .ok_or_else(|| forbidden(&format!("case open ({kind_code})")))
}

/// ก.พ.ค.'s list of named positions (§64 para 2) is ก.พ.ค.'s to keep.
pub fn may_edit_kpk_named(asker: &Asker<'_>) -> Result<(), Violation> {
    (asker.role == Role::MeritCommission)
        .then_some(())
        .ok_or_else(|| forbidden("kpk-named"))
}

// --- Accounts ---------------------------------------------------------------------------------

/// Accounts that must sign in with a second factor when the deployment requires one (ASVS
/// 2.1 / 4.3.1: administrative interfaces and high-value actions): the Office's administrators,
/// who reach every record, and appointing authorities, whose signature changes the register
/// (§52–54), including any account given an office to sign under.
pub fn must_use_second_factor(role: Role, office: Option<Authority>) -> bool {
    matches!(role, Role::CentralAdmin | Role::AppointingAuthority) || office.is_some()
}

/// Who administers accounts: the Office of the BMA Civil Service Commission (its central
/// administrators) alone creates accounts, changes their role, units, person and office,
/// disables them, resets their password and second factor and ends their sessions (a lost
/// phone, a leaver); everyone else ends only their own sessions. An account reaches personal
/// data as its role and units allow, so making one is granting that reach.
pub fn may_administer_accounts(asker: &Asker<'_>) -> Result<(), Violation> {
    (asker.role == Role::CentralAdmin)
        .then_some(())
        .ok_or_else(|| forbidden("accounts"))
}

/// Roles that reach the whole BMA and so take no unit: the Office, auditors and ก.พ.ค.'s
/// secretariat.
pub fn whole_bma_role(role: Role) -> bool {
    matches!(
        role,
        Role::CentralAdmin | Role::Auditor | Role::MeritCommission
    )
}

/// What an account's shape must be, every problem named by its field: a scoped role needs
/// its unit (its reach), a whole-BMA role takes none; only an appointing authority signs
/// under an office (§52–54); an employee's account is theirs, so it names its person.
pub fn account_problems(
    role: Role,
    has_scope: bool,
    office: Option<Authority>,
    has_person: bool,
) -> Vec<Violation> {
    let mut out = Vec::new();
    match (whole_bma_role(role), has_scope) {
        (false, false) => out.push(Violation::new(
            "account.scope_required",
            "scope",
            format!("บทบาท \"{}\" ต้องระบุหน่วยงานที่รับผิดชอบ", role.th()),
            format!("the role \"{}\" needs the unit it works in", role.en()),
        )),
        (true, true) => out.push(Violation::new(
            "account.scope_whole_bma",
            "scope",
            format!(
                "บทบาท \"{}\" ครอบคลุมทั้งกรุงเทพมหานคร ไม่ต้องระบุหน่วยงาน",
                role.th()
            ),
            format!(
                "the role \"{}\" covers the whole BMA; leave the unit empty",
                role.en()
            ),
        )),
        _ => {}
    }
    if office.is_some() && role != Role::AppointingAuthority {
        out.push(Violation::new(
            "account.office_role",
            "office",
            "เฉพาะผู้มีอำนาจสั่งบรรจุเท่านั้นที่ระบุตำแหน่งผู้มีอำนาจ (มาตรา 52–54)",
            "only an appointing authority signs under an office (sections 52–54)",
        ));
    }
    if role == Role::Employee && !has_person {
        out.push(Violation::new(
            "account.person_required",
            "person",
            "บัญชีของผู้ปฏิบัติงานต้องเชื่อมกับบุคคล (เลขประจำตัวประชาชนหรือรหัสบุคคล)",
            "an employee's account must be linked to its person (national ID or person id)",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_office_administers_accounts_and_its_pages_offer_it() {
        for role in Role::ALL {
            let a = asker(*role, None);
            let may = may_administer_accounts(&a).is_ok();
            assert_eq!(may, *role == Role::CentralAdmin, "{role:?}");
            assert_eq!(offer(&a).admin_accounts, may, "{role:?}");
        }
    }

    #[test]
    fn an_account_has_the_shape_of_its_role() {
        let fields = |role, scope, office, person| -> Vec<String> {
            account_problems(role, scope, office, person)
                .into_iter()
                .map(|v| v.field)
                .collect()
        };
        // A district's HR officer with its unit: fine; without: the unit is asked for.
        assert!(fields(Role::AgencyHr, true, None, false).is_empty());
        assert_eq!(fields(Role::AgencyHr, false, None, false), ["scope"]);
        // Whole-BMA roles take no unit.
        assert!(fields(Role::Auditor, false, None, false).is_empty());
        assert_eq!(fields(Role::CentralAdmin, true, None, false), ["scope"]);
        // A district director signs as head of the agency (§52 para 1 (3) and on).
        assert!(fields(
            Role::AppointingAuthority,
            true,
            Some(Authority::AgencyHead),
            false
        )
        .is_empty());
        assert_eq!(
            fields(Role::Supervisor, true, Some(Authority::AgencyHead), false),
            ["office"]
        );
        // An employee's account is their own.
        assert_eq!(fields(Role::Employee, true, None, false), ["person"]);
        // Every problem at once.
        assert_eq!(
            fields(Role::Employee, false, Some(Authority::Governor), false),
            ["scope", "office", "person"]
        );
    }

    #[test]
    fn second_factor_is_for_administrators_and_signers() {
        for role in Role::ALL {
            let must = must_use_second_factor(*role, None);
            let expected = matches!(role, Role::CentralAdmin | Role::AppointingAuthority);
            assert_eq!(must, expected, "{role:?}");
            assert!(must_use_second_factor(*role, Some(Authority::Governor)));
            assert_eq!(
                may_administer_accounts(&asker(*role, None)).is_ok(),
                *role == Role::CentralAdmin
            );
        }
    }

    fn asker(role: Role, scope: Option<&HashSet<i64>>) -> Asker<'_> {
        Asker {
            role,
            person_id: None,
            scope,
            office: None,
            office_wide: false,
        }
    }

    fn act(
        on_date: Option<i64>,
        now: Option<i64>,
        in_service: bool,
        entry: bool,
    ) -> ActionStanding {
        ActionStanding {
            person_id: Some(7),
            unit_on_date: on_date,
            unit_now: now,
            in_service_now: in_service,
            target_unit: None,
            position_no: None,
            entry,
        }
    }

    #[test]
    fn the_scope_rule_for_orders_asks_both_dates() {
        let mine: HashSet<i64> = [1, 2].into();
        let a = asker(Role::AppointingAuthority, Some(&mine));
        // (unit on the effective date, unit today, in service today, entry) → allowed
        let cases = [
            (Some(1), Some(2), true, false, true),
            // The finding of issue 20: dated before the first appointment, serving elsewhere.
            (None, Some(9), true, false, false),
            // Was here on the date, has since moved away.
            (Some(1), Some(9), true, false, false),
            // Is here now, was elsewhere on the date (a backdated order on another unit's time).
            (Some(9), Some(1), true, false, false),
            // New to the service: only an entry.
            (None, None, false, true, true),
            (None, None, false, false, false),
            // Left elsewhere, entered again here.
            (None, Some(9), false, true, true),
            // Serving elsewhere today, "entered" here: no.
            (None, Some(9), true, true, false),
            // Left from here: a correction on their last day's unit.
            (Some(1), Some(1), false, false, true),
        ];
        for (on, now, svc, entry, want) in cases {
            let got = order_refusals(&a, Some(1), "U", &[act(on, now, svc, entry)]).is_empty();
            assert_eq!(got, want, "{on:?} {now:?} {svc} {entry}");
        }
    }

    #[test]
    fn every_refusal_is_reported() {
        let mine: HashSet<i64> = [1].into();
        let a = asker(Role::AgencyHr, Some(&mine));
        let mut far = act(Some(9), Some(9), true, false);
        far.target_unit = Some(9);
        far.position_no = Some("X-1".into());
        let v = order_refusals(
            &a,
            Some(9),
            "FAR",
            &[far.clone(), act(Some(1), Some(1), true, false), far],
        );
        let fields: Vec<&str> = v.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "issuer_unit",
                "actions[1].position_no",
                "actions[1].person",
                "actions[3].position_no",
                "actions[3].person"
            ]
        );
    }

    #[test]
    fn reads_follow_where_the_person_stands_now() {
        let mine: HashSet<i64> = [1].into();
        let hr = asker(Role::AgencyHr, Some(&mine));
        let here = Standing {
            person_id: 5,
            unit_now: Some(1),
        };
        let gone = Standing {
            person_id: 5,
            unit_now: Some(9),
        };
        let never = Standing {
            person_id: 5,
            unit_now: None,
        };
        assert!(may_read_person(&hr, &here).is_ok());
        assert!(may_read_person(&hr, &gone).is_err());
        assert!(may_read_person(&hr, &never).is_err());
        assert!(may_read_person(&asker(Role::Auditor, Some(&mine)), &gone).is_ok());
        assert!(may_read_person(&asker(Role::MeritCommission, None), &here).is_err());
        assert!(may_read_person(&asker(Role::CentralAdmin, None), &never).is_ok());
        let mut me = asker(Role::Employee, Some(&mine));
        assert!(may_read_person(&me, &here).is_err());
        me.person_id = Some(5);
        assert!(may_read_person(&me, &gone).is_ok());
    }

    #[test]
    fn identity_is_masked_for_readers_who_do_not_administer() {
        let id = NationalId::parse("1101700203450").unwrap();
        for (role, full) in [
            (Role::CentralAdmin, true),
            (Role::AgencyHr, true),
            (Role::AppointingAuthority, true),
            (Role::Auditor, false),
            (Role::DisciplineOfficer, false),
            (Role::MeritCommission, false),
            (Role::Supervisor, false),
            (Role::Employee, false),
        ] {
            let a = asker(role, None);
            assert_eq!(shown_id(&a, Some(1), &id) == id.reveal(), full, "{role:?}");
            assert_eq!(shown_id_text(&a, Some(1), id.reveal()) == id.reveal(), full);
        }
        let a = asker(Role::Auditor, None);
        assert_eq!(shown_id_text(&a, None, "not an id"), "•••••••••");
    }

    #[test]
    fn a_backdated_case_does_not_open_a_file_of_someone_who_left() {
        let mine: HashSet<i64> = [1].into();
        let d = asker(Role::DisciplineOfficer, Some(&mine));
        assert!(may_open_case(&d, false, 1, Some(Some(1)), "discipline").is_ok());
        assert!(may_open_case(&d, false, 1, Some(Some(9)), "discipline").is_err());
        assert!(may_open_case(&d, false, 1, Some(None), "discipline").is_err());
        assert!(may_open_case(&d, false, 1, None, "petition").is_ok());
        assert!(may_open_case(&d, true, 1, Some(Some(1)), "appeal").is_err());
    }

    proptest! {
        /// Unscoped askers are never refused an order on scope; scoped ones are refused
        /// whenever the person stands outside their units today while in service.
        #[test]
        fn scope_invariants(on in proptest::option::of(0i64..6), now in proptest::option::of(0i64..6),
                            svc: bool, entry: bool) {
            let mine: HashSet<i64> = [0, 1, 2].into();
            let whole = asker(Role::CentralAdmin, None);
            prop_assert!(order_refusals(&whole, Some(4), "U", &[act(on, now, svc, entry)]).is_empty());
            let a = asker(Role::AgencyHr, Some(&mine));
            let refused = !order_refusals(&a, Some(0), "U", &[act(on, now, svc, entry)]).is_empty();
            if svc && now.is_some_and(|u| !mine.contains(&u)) {
                prop_assert!(refused);
            }
            if on.is_some_and(|u| !mine.contains(&u)) {
                prop_assert!(refused);
            }
        }
    }
}
