//! Who may sign an appointment (บรรจุและแต่งตั้ง): §52 for ordinary civil servants, §53 for
//! teachers and education personnel, §54 for civil servants in higher education.
//!
//! The Act names positions ("ปลัดกรุงเทพมหานคร", "หัวหน้าหน่วยงานระดับสำนัก", ...) and
//! levels ("ตำแหน่งประเภทวิชาการระดับทรงคุณวุฒิ", ...). The register holds a level for every
//! position, so the named positions are read through the level of the national scheme that
//! §44 applies: the Permanent Secretary and heads of department-level agencies hold
//! บริหารระดับสูง, their deputies บริหารระดับต้น, heads of agencies below department level
//! (district directors) อำนวยการระดับสูง, heads of divisions (กอง) อำนวยการระดับต้น. The
//! "equivalent positions that ก.ก. designates" (ตำแหน่งอื่นที่ ก.ก. กำหนดในระดับเทียบเท่า)
//! carry the same levels and so follow the same rows.

use crate::i18n::{Violation, Violations};
use crate::personnel::{Category, Level};

crate::labelled_enum! {
    /// An appointing authority (ผู้มีอำนาจสั่งบรรจุและแต่งตั้ง), from the most senior down.
    pub enum Authority: "authority" {
        GovernorRoyal = (
            "governor_royal",
            "ผู้ว่าราชการกรุงเทพมหานคร (นายกรัฐมนตรีนำความกราบบังคมทูลเพื่อทรงพระกรุณาโปรดเกล้าฯ แต่งตั้ง)",
            "Governor, after royal appointment"
        ),
        Governor = ("governor", "ผู้ว่าราชการกรุงเทพมหานคร", "Governor"),
        PermanentSecretaryWithConsent = (
            "permanent_secretary_consent",
            "ปลัดกรุงเทพมหานคร โดยคำแนะนำหรือความเห็นชอบของผู้ว่าราชการกรุงเทพมหานคร",
            "Permanent Secretary, on the Governor's advice or with the Governor's approval"
        ),
        PermanentSecretary = ("permanent_secretary", "ปลัดกรุงเทพมหานคร", "Permanent Secretary"),
        AgencyHead = (
            "agency_head",
            "หัวหน้าหน่วยงาน (ผู้อำนวยการสำนัก หัวหน้าสำนักงาน ก.ก. เลขานุการสภากรุงเทพมหานคร หัวหน้าสำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร หรือผู้อำนวยการเขต แล้วแต่กรณี)",
            "head of the agency"
        ),
    }
}

impl Authority {
    /// Seniority: the higher, the more senior. The Governor signing after royal appointment
    /// is the highest; the head of an agency the lowest.
    pub fn rank(self) -> u8 {
        match self {
            Authority::GovernorRoyal => 5,
            Authority::Governor => 4,
            Authority::PermanentSecretaryWithConsent => 3,
            Authority::PermanentSecretary => 2,
            Authority::AgencyHead => 1,
        }
    }

    /// Whether a signer of this authority may sign where `required` is needed: a signer at or
    /// above the required rank (a superior may exercise the power of those below).
    pub fn suffices_for(self, required: Authority) -> bool {
        self.rank() >= required.rank()
    }
}

/// What an order appoints or posts a person to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuthorityQuestion {
    pub category: Category,
    pub level: Level,
    /// A move or posting from one agency (department, office, district) to another.
    pub cross_agency: bool,
}

/// Who must sign, whether ก.ก. must approve first, under which section and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuthorityAnswer {
    pub authority: Authority,
    /// ก.ก. must approve before the authority signs (§53, §54: "เมื่อได้รับความเห็นชอบจาก
    /// ก.ก. แล้ว").
    pub kk_approval_first: bool,
    /// The section and item that binds, e.g. `§52 วรรคหนึ่ง (1)`.
    pub section: &'static str,
    pub why_th: String,
    pub why_en: String,
}

/// One row of §52–54 (or of the rules for personnel outside them).
#[derive(Debug, Clone, Copy)]
struct Row {
    authority: Authority,
    kk: bool,
    section: &'static str,
    th: &'static str,
    en: &'static str,
}

const fn row(
    authority: Authority,
    kk: bool,
    section: &'static str,
    th: &'static str,
    en: &'static str,
) -> Row {
    Row {
        authority,
        kk,
        section,
        th,
        en,
    }
}

/// §52 วรรคหนึ่ง (1)–(4): ordinary civil servants, by position type and level.
fn ordinary_row(level: Level) -> Row {
    use Authority as A;
    use Level as L;
    match level {
        L::ExecutiveSenior | L::AdvancedExpert => row(
            A::GovernorRoyal,
            false,
            "§52 วรรคหนึ่ง (1)",
            "ตำแหน่งปลัดกรุงเทพมหานคร หัวหน้าหน่วยงานระดับสำนัก ตำแหน่งประเภทวิชาการระดับทรงคุณวุฒิ หรือตำแหน่งอื่นที่ ก.ก. กำหนดในระดับเทียบเท่า ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุ และให้นายกรัฐมนตรีนำความกราบบังคมทูลเพื่อทรงพระกรุณาโปรดเกล้าฯ แต่งตั้ง",
            "the Permanent Secretary, heads of department-level agencies, knowledge-worker positions at advanced-expert level and equivalents: the Governor appoints and the Prime Minister submits for royal appointment",
        ),
        L::ExecutiveJunior | L::ManagerialSenior | L::Expert | L::HighlySkilled => row(
            A::Governor,
            false,
            "§52 วรรคหนึ่ง (2)",
            "ตำแหน่งรองหัวหน้าหน่วยงานระดับสำนัก ตำแหน่งหัวหน้าหน่วยงานต่ำกว่าระดับสำนัก ตำแหน่งประเภทวิชาการระดับเชี่ยวชาญ ตำแหน่งประเภททั่วไประดับทักษะพิเศษ หรือตำแหน่งอื่นที่ ก.ก. กำหนดในระดับเทียบเท่า ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "deputy heads of department-level agencies, heads of agencies below department level, knowledge-worker positions at expert level, general positions at highly-skilled level and equivalents: the Governor",
        ),
        L::ManagerialJunior | L::SeniorProfessional | L::Senior => row(
            A::PermanentSecretaryWithConsent,
            false,
            "§52 วรรคหนึ่ง (3)",
            "ตำแหน่งหัวหน้าส่วนราชการระดับกอง ตำแหน่งประเภทวิชาการระดับชำนาญการพิเศษ ตำแหน่งประเภททั่วไประดับอาวุโส หรือตำแหน่งอื่นที่ ก.ก. กำหนดในระดับเทียบเท่า ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้งโดยคำแนะนำหรือความเห็นชอบของผู้ว่าราชการกรุงเทพมหานคร",
            "heads of divisions, knowledge-worker positions at senior-professional level, general positions at senior level and equivalents: the Permanent Secretary, on the Governor's advice or with the Governor's approval",
        ),
        // ปฏิบัติการ ชำนาญการ ปฏิบัติงาน ชำนาญงาน, and any level that is not an ordinary
        // civil servant's (the level/category mismatch is reported by the position check).
        _ => row(
            A::AgencyHead,
            false,
            "§52 วรรคหนึ่ง (4)",
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓) ให้ปลัดกรุงเทพมหานคร ผู้อำนวยการสำนัก หัวหน้าสำนักงาน ก.ก. เลขานุการสภากรุงเทพมหานคร หัวหน้าสำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานครหรือผู้อำนวยการเขต แล้วแต่กรณี เป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "any other position: the head of the agency (the Permanent Secretary for the Permanent Secretary's office, the department director, the head of the Office of ก.ก., the Council's secretary, the head of the Governor's secretariat or the district director)",
        ),
    }
}

/// §53 วรรคหนึ่ง (1)–(4): teachers and education personnel, by วิทยฐานะ; always after ก.ก.
/// has approved.
fn teacher_row(level: Level) -> Row {
    use Authority as A;
    use Level as L;
    match level {
        L::TeacherAdvancedExpert => row(
            A::GovernorRoyal,
            true,
            "§53 วรรคหนึ่ง (1)",
            "ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญพิเศษ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและให้นายกรัฐมนตรีนำความกราบบังคมทูลเพื่อทรงพระกรุณาโปรดเกล้าฯ แต่งตั้ง",
            "positions with advanced-expert academic standing: once ก.ก. has approved, the Governor appoints and the Prime Minister submits for royal appointment",
        ),
        L::TeacherExpert => row(
            A::Governor,
            true,
            "§53 วรรคหนึ่ง (2)",
            "ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "positions with expert academic standing: once ก.ก. has approved, the Governor",
        ),
        L::TeacherSeniorProfessional => row(
            A::PermanentSecretary,
            true,
            "§53 วรรคหนึ่ง (3)",
            "ตำแหน่งซึ่งมีวิทยฐานะชำนาญการพิเศษ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "positions with senior-professional academic standing: once ก.ก. has approved, the Permanent Secretary",
        ),
        _ => row(
            A::AgencyHead,
            true,
            "§53 วรรคหนึ่ง (4)",
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓) ในสำนักหรือส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนัก และสำนักงานเขต เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้อำนวยการสำนักหรือหัวหน้าส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนัก หรือผู้อำนวยการเขต แล้วแต่กรณี เป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "any other position in a department or district office: once ก.ก. has approved, the department director or the district director",
        ),
    }
}

/// §54 วรรคหนึ่ง (1)–(4): civil servants in higher education, by academic rank; always after
/// ก.ก. has approved.
fn higher_education_row(level: Level) -> Row {
    use Authority as A;
    use Level as L;
    match level {
        L::Professor => row(
            A::GovernorRoyal,
            true,
            "§54 วรรคหนึ่ง (1)",
            "ตำแหน่งศาสตราจารย์ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุ และให้นายกรัฐมนตรีนำความกราบบังคมทูลเพื่อทรงพระกรุณาโปรดเกล้าฯ แต่งตั้ง",
            "professors: once ก.ก. has approved, the Governor appoints and the Prime Minister submits for royal appointment",
        ),
        L::AssociateProfessor => row(
            A::Governor,
            true,
            "§54 วรรคหนึ่ง (2)",
            "ตำแหน่งรองศาสตราจารย์ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้ว่าราชการกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "associate professors: once ก.ก. has approved, the Governor",
        ),
        L::AssistantProfessor => row(
            A::PermanentSecretary,
            true,
            "§54 วรรคหนึ่ง (3)",
            "ตำแหน่งผู้ช่วยศาสตราจารย์ เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "assistant professors: once ก.ก. has approved, the Permanent Secretary",
        ),
        // อาจารย์ and the support positions (วิชาการ/ทั่วไป levels) of the university.
        _ => row(
            A::AgencyHead,
            true,
            "§54 วรรคหนึ่ง (4)",
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓) ในสำนักหรือส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนัก เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ผู้อำนวยการสำนักหรือหัวหน้าส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนัก แล้วแต่กรณี เป็นผู้มีอำนาจสั่งบรรจุและแต่งตั้ง",
            "any other position: once ก.ก. has approved, the head of the department-level agency",
        ),
    }
}

/// BMA personnel (บุคลากรกรุงเทพมหานคร, §67) are outside §52–54: their management follows
/// the standards ก.ก. sets and the Governor's regulations under them (§68 for employees,
/// §70 para 2 for contract staff). We read those as leaving hiring to the head of the agency.
fn personnel_row(category: Category) -> Row {
    match category {
        Category::ContractStaff => row(
            Authority::AgencyHead,
            false,
            "§70 วรรคสอง (มาตรฐานที่ ก.ก. กำหนด)",
            "พนักงานกรุงเทพมหานครไม่อยู่ในมาตรา ๕๒–๕๔: การบริหารทรัพยากรบุคคลให้เป็นไปตามมาตรฐานที่ ก.ก. กำหนดและข้อบังคับของผู้ว่าราชการกรุงเทพมหานคร หัวหน้าหน่วยงานเป็นผู้สั่งจ้าง",
            "contract staff are outside §52–54: their management follows the standards ก.ก. sets and the Governor's regulations; the head of the agency hires",
        ),
        _ => row(
            Authority::AgencyHead,
            false,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
            "ลูกจ้างกรุงเทพมหานครไม่อยู่ในมาตรา ๕๒–๕๔: การบริหารทรัพยากรบุคคลให้เป็นไปตามมาตรฐานที่ ก.ก. กำหนดและข้อบังคับของผู้ว่าราชการกรุงเทพมหานคร หัวหน้าหน่วยงานเป็นผู้สั่งจ้าง",
            "BMA employees are outside §52–54: their management follows the standards ก.ก. sets and the Governor's regulations; the head of the agency hires",
        ),
    }
}

/// The last part of item (4) of §52, §53 and §54: a posting from one department-level
/// agency (or office, or district office) to another is made by the Permanent Secretary
/// (for teachers and higher education, once ก.ก. has approved).
fn cross_agency_row(category: Category) -> Row {
    use Authority as A;
    match category {
        Category::Ordinary => row(
            A::PermanentSecretary,
            false,
            "§52 วรรคหนึ่ง (4) ตอนท้าย",
            "การแต่งตั้งจากสำนักหรือส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนัก หรือสำนักงาน หรือสำนักงานเขตหนึ่งไปอีกสำนักหรือส่วนราชการ หรือสำนักงาน หรือสำนักงานเขตหนึ่ง ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งแต่งตั้ง",
            "a posting from one department, office or district office to another: the Permanent Secretary",
        ),
        Category::Teacher => row(
            A::PermanentSecretary,
            true,
            "§53 วรรคหนึ่ง (4) ตอนท้าย",
            "การแต่งตั้งจากสำนักหรือส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนักหรือสำนักงานเขตหนึ่งไปอีกสำนักหรือสำนักงานเขตหนึ่ง เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งแต่งตั้ง",
            "a posting from one department or district office to another: once ก.ก. has approved, the Permanent Secretary",
        ),
        Category::HigherEducation => row(
            A::PermanentSecretary,
            true,
            "§54 วรรคหนึ่ง (4) ตอนท้าย",
            "การแต่งตั้งจากสำนักหรือส่วนราชการที่เรียกชื่ออย่างอื่นซึ่งมีฐานะเป็นสำนักหนึ่งไปอีกสำนักหนึ่ง เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งแต่งตั้ง",
            "a posting from one department-level agency to another: once ก.ก. has approved, the Permanent Secretary",
        ),
        // Not in the Act; by analogy with the three items above, a move of an employee or
        // contract staff member between agencies goes above either agency's head.
        Category::PermanentEmployee | Category::TemporaryEmployee => row(
            A::PermanentSecretary,
            false,
            "§68 (มาตรฐานที่ ก.ก. กำหนด; เทียบมาตรา ๕๒ (๔) ตอนท้าย)",
            "การย้ายลูกจ้างข้ามหน่วยงาน: ปลัดกรุงเทพมหานครเป็นผู้สั่ง เช่นเดียวกับมาตรา ๕๒ (๔) ตอนท้าย",
            "moving an employee between agencies: the Permanent Secretary, as in §52 (4), last part",
        ),
        Category::ContractStaff => row(
            A::PermanentSecretary,
            false,
            "§70 วรรคสอง (มาตรฐานที่ ก.ก. กำหนด; เทียบมาตรา ๕๒ (๔) ตอนท้าย)",
            "การย้ายพนักงานกรุงเทพมหานครข้ามหน่วยงาน: ปลัดกรุงเทพมหานครเป็นผู้สั่ง เช่นเดียวกับมาตรา ๕๒ (๔) ตอนท้าย",
            "moving contract staff between agencies: the Permanent Secretary, as in §52 (4), last part",
        ),
    }
}

fn level_row(category: Category, level: Level) -> Row {
    match category {
        Category::Ordinary => ordinary_row(level),
        Category::Teacher => teacher_row(level),
        Category::HigherEducation => higher_education_row(level),
        Category::PermanentEmployee | Category::TemporaryEmployee | Category::ContractStaff => {
            personnel_row(category)
        }
    }
}

/// §52–54: who must sign an appointment or posting, and whether ก.ก. approves first.
///
/// * Ordinary civil servants (§52 วรรคหนึ่ง): บริหารระดับสูง and วิชาการ ทรงคุณวุฒิ → (1) the
///   Governor after royal appointment; บริหารระดับต้น, อำนวยการระดับสูง, วิชาการ เชี่ยวชาญ,
///   ทั่วไป ทักษะพิเศษ → (2) the Governor; อำนวยการระดับต้น, วิชาการ ชำนาญการพิเศษ,
///   ทั่วไป อาวุโส → (3) the Permanent Secretary "โดยคำแนะนำหรือความเห็นชอบของ
///   ผู้ว่าราชการกรุงเทพมหานคร"; every other level → (4) the head of the agency.
/// * Teachers (§53 วรรคหนึ่ง) by วิทยฐานะ: เชี่ยวชาญพิเศษ (1), เชี่ยวชาญ (2), ชำนาญการพิเศษ (3),
///   others (4); each item begins "เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว", so ก.ก. always
///   approves first.
/// * Higher education (§54 วรรคหนึ่ง): ศาสตราจารย์ (1), รองศาสตราจารย์ (2),
///   ผู้ช่วยศาสตราจารย์ (3), others (4: อาจารย์ and the university's support levels); ก.ก.
///   always approves first.
/// * A cross-agency move (item (4), last part of each section) needs at least the Permanent
///   Secretary; when the position itself needs a higher authority, the higher one binds.
/// * Employees and contract staff are not in §52–54 (§67–70 leave them to ก.ก.'s standards
///   and the Governor's regulations): the head of the agency, the Permanent Secretary for a
///   cross-agency move by analogy with §52 (4).
///
/// A level that the category does not allow (e.g. a teacher's วิทยฐานะ on an ordinary
/// civil servant) is answered as "any other position" of the category; the mismatch itself is
/// reported by the position check (`Level::category_allows`).
pub fn required_authority(q: &AuthorityQuestion) -> AuthorityAnswer {
    let own = level_row(q.category, q.level);
    let level_label = format!("{} {}", q.category.th(), q.level.th());
    let level_label_en = format!("{}, {}", q.category.en(), q.level.en());
    if !q.cross_agency {
        return AuthorityAnswer {
            authority: own.authority,
            kk_approval_first: own.kk,
            section: own.section,
            why_th: format!("{level_label}: {} ({})", own.th, own.section),
            why_en: format!("{level_label_en}: {} ({})", own.en, own.section),
        };
    }
    let cross = cross_agency_row(q.category);
    let binding = if cross.authority.rank() > own.authority.rank() {
        cross
    } else {
        own
    };
    AuthorityAnswer {
        authority: binding.authority,
        kk_approval_first: own.kk || cross.kk,
        section: binding.section,
        why_th: format!(
            "{level_label}: {} ({}); ย้ายข้ามหน่วยงาน: {} ({}); ผู้มีอำนาจที่สูงกว่าเป็นผู้สั่ง",
            own.th, own.section, cross.th, cross.section
        ),
        why_en: format!(
            "{level_label_en}: {} ({}); cross-agency move: {} ({}); the higher authority signs",
            own.en, own.section, cross.en, cross.section
        ),
    }
}

/// §52–54: whether an order signed by `signed_by` (with or without ก.ก.'s prior approval)
/// was signed by someone with the power to sign it. Reports every failure: a signer below the
/// required authority (`authority.too_low`) and a missing ก.ก. approval where §53/§54 require
/// it (`authority.kk_approval_required`).
pub fn check_signature(
    q: &AuthorityQuestion,
    signed_by: Authority,
    kk_approval: bool,
) -> Violations {
    let need = required_authority(q);
    let mut out = Violations::default();
    if !signed_by.suffices_for(need.authority) {
        out.push(
            Violation::new(
                "authority.too_low",
                "authority",
                format!(
                    "{} ไม่มีอำนาจสั่งบรรจุและแต่งตั้งตำแหน่งนี้ ผู้มีอำนาจคือ {} ({})",
                    signed_by.th(),
                    need.authority.th(),
                    need.section
                ),
                format!(
                    "the {} may not sign this appointment: it must be signed by the {} ({})",
                    signed_by.en(),
                    need.authority.en(),
                    need.section
                ),
            )
            .with_section(need.section),
        );
    }
    if need.kk_approval_first && !kk_approval {
        out.push(
            Violation::new(
                "authority.kk_approval_required",
                "kk_approval",
                format!(
                    "ต้องได้รับความเห็นชอบจาก ก.ก. ก่อน แล้ว {} จึงสั่งบรรจุและแต่งตั้งได้ ({})",
                    need.authority.th(),
                    need.section
                ),
                format!(
                    "ก.ก. must approve first; only then may the {} sign ({})",
                    need.authority.en(),
                    need.section
                ),
            )
            .with_section(need.section),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Authority as A;
    use Category as C;
    use Level as L;

    fn ask(category: Category, level: Level, cross_agency: bool) -> AuthorityAnswer {
        required_authority(&AuthorityQuestion {
            category,
            level,
            cross_agency,
        })
    }

    /// (the Act's words, category, level, authority, section)
    const ROWS: &[(&str, Category, Level, Authority, &str)] = &[
        // §52 (1)
        (
            "ปลัดกรุงเทพมหานคร หัวหน้าหน่วยงานระดับสำนัก",
            C::Ordinary,
            L::ExecutiveSenior,
            A::GovernorRoyal,
            "§52 วรรคหนึ่ง (1)",
        ),
        (
            "ตำแหน่งประเภทวิชาการระดับทรงคุณวุฒิ",
            C::Ordinary,
            L::AdvancedExpert,
            A::GovernorRoyal,
            "§52 วรรคหนึ่ง (1)",
        ),
        // §52 (2)
        (
            "รองหัวหน้าหน่วยงานระดับสำนัก",
            C::Ordinary,
            L::ExecutiveJunior,
            A::Governor,
            "§52 วรรคหนึ่ง (2)",
        ),
        (
            "ตำแหน่งหัวหน้าหน่วยงานต่ำกว่าระดับสำนัก",
            C::Ordinary,
            L::ManagerialSenior,
            A::Governor,
            "§52 วรรคหนึ่ง (2)",
        ),
        (
            "ตำแหน่งประเภทวิชาการระดับเชี่ยวชาญ",
            C::Ordinary,
            L::Expert,
            A::Governor,
            "§52 วรรคหนึ่ง (2)",
        ),
        (
            "ตำแหน่งประเภททั่วไประดับทักษะพิเศษ",
            C::Ordinary,
            L::HighlySkilled,
            A::Governor,
            "§52 วรรคหนึ่ง (2)",
        ),
        // §52 (3)
        (
            "ตำแหน่งหัวหน้าส่วนราชการระดับกอง",
            C::Ordinary,
            L::ManagerialJunior,
            A::PermanentSecretaryWithConsent,
            "§52 วรรคหนึ่ง (3)",
        ),
        (
            "ตำแหน่งประเภทวิชาการระดับชำนาญการพิเศษ",
            C::Ordinary,
            L::SeniorProfessional,
            A::PermanentSecretaryWithConsent,
            "§52 วรรคหนึ่ง (3)",
        ),
        (
            "ตำแหน่งประเภททั่วไประดับอาวุโส",
            C::Ordinary,
            L::Senior,
            A::PermanentSecretaryWithConsent,
            "§52 วรรคหนึ่ง (3)",
        ),
        // §52 (4)
        (
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓): ปฏิบัติการ",
            C::Ordinary,
            L::Practitioner,
            A::AgencyHead,
            "§52 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓): ชำนาญการ",
            C::Ordinary,
            L::Professional,
            A::AgencyHead,
            "§52 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓): ปฏิบัติงาน",
            C::Ordinary,
            L::Operational,
            A::AgencyHead,
            "§52 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่นนอกจากตำแหน่งตาม (๑) (๒) และ (๓): ชำนาญงาน",
            C::Ordinary,
            L::Experienced,
            A::AgencyHead,
            "§52 วรรคหนึ่ง (4)",
        ),
        // §53
        (
            "ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญพิเศษ",
            C::Teacher,
            L::TeacherAdvancedExpert,
            A::GovernorRoyal,
            "§53 วรรคหนึ่ง (1)",
        ),
        (
            "ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญ",
            C::Teacher,
            L::TeacherExpert,
            A::Governor,
            "§53 วรรคหนึ่ง (2)",
        ),
        (
            "ตำแหน่งซึ่งมีวิทยฐานะชำนาญการพิเศษ",
            C::Teacher,
            L::TeacherSeniorProfessional,
            A::PermanentSecretary,
            "§53 วรรคหนึ่ง (3)",
        ),
        (
            "ตำแหน่งอื่น: วิทยฐานะชำนาญการ",
            C::Teacher,
            L::TeacherProfessional,
            A::AgencyHead,
            "§53 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: ครู (ไม่มีวิทยฐานะ)",
            C::Teacher,
            L::TeacherNoRank,
            A::AgencyHead,
            "§53 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: ครูผู้ช่วย",
            C::Teacher,
            L::AssistantTeacher,
            A::AgencyHead,
            "§53 วรรคหนึ่ง (4)",
        ),
        // §54
        (
            "ตำแหน่งศาสตราจารย์",
            C::HigherEducation,
            L::Professor,
            A::GovernorRoyal,
            "§54 วรรคหนึ่ง (1)",
        ),
        (
            "ตำแหน่งรองศาสตราจารย์",
            C::HigherEducation,
            L::AssociateProfessor,
            A::Governor,
            "§54 วรรคหนึ่ง (2)",
        ),
        (
            "ตำแหน่งผู้ช่วยศาสตราจารย์",
            C::HigherEducation,
            L::AssistantProfessor,
            A::PermanentSecretary,
            "§54 วรรคหนึ่ง (3)",
        ),
        (
            "ตำแหน่งอื่น: อาจารย์",
            C::HigherEducation,
            L::Lecturer,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ปฏิบัติการ",
            C::HigherEducation,
            L::Practitioner,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ชำนาญการ",
            C::HigherEducation,
            L::Professional,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ชำนาญการพิเศษ",
            C::HigherEducation,
            L::SeniorProfessional,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน เชี่ยวชาญ",
            C::HigherEducation,
            L::Expert,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ทรงคุณวุฒิ",
            C::HigherEducation,
            L::AdvancedExpert,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ปฏิบัติงาน",
            C::HigherEducation,
            L::Operational,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ชำนาญงาน",
            C::HigherEducation,
            L::Experienced,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน อาวุโส",
            C::HigherEducation,
            L::Senior,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        (
            "ตำแหน่งอื่น: สายสนับสนุน ทักษะพิเศษ",
            C::HigherEducation,
            L::HighlySkilled,
            A::AgencyHead,
            "§54 วรรคหนึ่ง (4)",
        ),
        // §67–70: personnel outside §52–54
        (
            "ลูกจ้างประจำ ส1",
            C::PermanentEmployee,
            L::EmployeeS1,
            A::AgencyHead,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
        ),
        (
            "ลูกจ้างประจำ ส2",
            C::PermanentEmployee,
            L::EmployeeS2,
            A::AgencyHead,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
        ),
        (
            "ลูกจ้างประจำ ส3",
            C::PermanentEmployee,
            L::EmployeeS3,
            A::AgencyHead,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
        ),
        (
            "ลูกจ้างประจำ ส4",
            C::PermanentEmployee,
            L::EmployeeS4,
            A::AgencyHead,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
        ),
        (
            "ลูกจ้างชั่วคราว",
            C::TemporaryEmployee,
            L::Temporary,
            A::AgencyHead,
            "§68 (มาตรฐานที่ ก.ก. กำหนด)",
        ),
        (
            "พนักงานกรุงเทพมหานคร",
            C::ContractStaff,
            L::Contract,
            A::AgencyHead,
            "§70 วรรคสอง (มาตรฐานที่ ก.ก. กำหนด)",
        ),
    ];

    #[test]
    fn every_row_of_sections_52_to_54() {
        for (words, category, level, authority, section) in ROWS {
            let a = ask(*category, *level, false);
            assert_eq!(a.authority, *authority, "{words}");
            assert_eq!(a.section, *section, "{words}");
            assert_eq!(
                a.kk_approval_first,
                matches!(category, C::Teacher | C::HigherEducation),
                "{words}"
            );
            assert!(a.why_th.contains(section), "{words}: {}", a.why_th);
        }
    }

    #[test]
    fn the_table_covers_every_level_of_every_category() {
        for c in Category::ALL {
            for l in Level::for_category(*c) {
                assert!(
                    ROWS.iter().any(|(_, rc, rl, _, _)| rc == c && *rl == l),
                    "no row for {c:?} {l:?}"
                );
            }
        }
    }

    #[test]
    fn cross_agency_moves_go_to_the_permanent_secretary() {
        // "แต่ถ้าเป็นการแต่งตั้งจาก...สำนักงานเขตหนึ่งไปอีก...สำนักงานเขตหนึ่ง
        //  ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งแต่งตั้ง"
        let a = ask(C::Ordinary, L::Practitioner, true);
        assert_eq!(a.authority, A::PermanentSecretary);
        assert_eq!(a.section, "§52 วรรคหนึ่ง (4) ตอนท้าย");
        let a = ask(C::Teacher, L::TeacherNoRank, true);
        assert_eq!(a.authority, A::PermanentSecretary);
        assert_eq!(a.section, "§53 วรรคหนึ่ง (4) ตอนท้าย");
        assert!(a.kk_approval_first);
        let a = ask(C::HigherEducation, L::Lecturer, true);
        assert_eq!(a.authority, A::PermanentSecretary);
        assert_eq!(a.section, "§54 วรรคหนึ่ง (4) ตอนท้าย");
        assert!(a.kk_approval_first);
        // The higher of the two binds: a district director moved to another district is
        // still appointed by the Governor (§52 (2)).
        let a = ask(C::Ordinary, L::ManagerialSenior, true);
        assert_eq!(a.authority, A::Governor);
        assert_eq!(a.section, "§52 วรรคหนึ่ง (2)");
        assert!(a.why_th.contains("ตอนท้าย"));
        // A head of division keeps the Governor's advice or approval.
        let a = ask(C::Ordinary, L::ManagerialJunior, true);
        assert_eq!(a.authority, A::PermanentSecretaryWithConsent);
        // Employees: by analogy.
        assert_eq!(
            ask(C::PermanentEmployee, L::EmployeeS2, true).authority,
            A::PermanentSecretary
        );
    }

    #[test]
    fn ranks_and_sufficiency() {
        let order = [
            A::AgencyHead,
            A::PermanentSecretary,
            A::PermanentSecretaryWithConsent,
            A::Governor,
            A::GovernorRoyal,
        ];
        for w in order.windows(2) {
            assert!(w[0].rank() < w[1].rank());
            assert!(w[1].suffices_for(w[0]));
            assert!(!w[0].suffices_for(w[1]));
        }
        assert_eq!(Authority::ALL.len(), order.len());
        assert_eq!(
            Authority::parse("permanent_secretary_consent").unwrap(),
            A::PermanentSecretaryWithConsent
        );
        assert_eq!(
            Authority::parse("ผู้ว่าราชการกรุงเทพมหานคร").unwrap(),
            A::Governor
        );
    }

    #[test]
    fn signature_reports_every_failure_with_who_must_sign() {
        let q = AuthorityQuestion {
            category: C::Teacher,
            level: L::TeacherExpert,
            cross_agency: false,
        };
        let v = check_signature(&q, A::PermanentSecretary, false);
        let codes: Vec<_> = v.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            ["authority.too_low", "authority.kk_approval_required"]
        );
        assert_eq!(v.0[0].field, "authority");
        assert_eq!(v.0[1].field, "kk_approval");
        for x in v.iter() {
            assert_eq!(x.section, Some("§53 วรรคหนึ่ง (2)"));
            assert!(
                x.message_th.contains("ผู้ว่าราชการกรุงเทพมหานคร"),
                "{}",
                x.message_th
            );
            assert!(x.message_en.contains("Governor"), "{}", x.message_en);
        }
        assert!(check_signature(&q, A::Governor, true).is_empty());
        assert!(check_signature(&q, A::GovernorRoyal, true).is_empty());
        // Ordinary civil servants need no ก.ก. approval.
        let q = AuthorityQuestion {
            category: C::Ordinary,
            level: L::Professional,
            cross_agency: false,
        };
        assert!(check_signature(&q, A::AgencyHead, false).is_empty());
    }

    fn any_question() -> impl Strategy<Value = AuthorityQuestion> {
        (
            prop::sample::select(Category::ALL),
            prop::sample::select(Level::ALL),
            any::<bool>(),
        )
            .prop_map(|(category, level, cross_agency)| AuthorityQuestion {
                category,
                level,
                cross_agency,
            })
    }

    proptest! {
        #[test]
        fn defined_everywhere_and_cross_agency_never_below_permanent_secretary(q in any_question()) {
            let a = required_authority(&q);
            prop_assert!(a.section.starts_with('§'));
            prop_assert!(!a.why_th.is_empty() && !a.why_en.is_empty());
            if q.cross_agency {
                prop_assert!(a.authority.suffices_for(Authority::PermanentSecretary));
                // Never lower than the same position without the move.
                let own = required_authority(&AuthorityQuestion { cross_agency: false, ..q });
                prop_assert!(a.authority.suffices_for(own.authority));
            }
        }

        #[test]
        fn teachers_and_higher_education_always_need_kk_approval(q in any_question()) {
            let a = required_authority(&q);
            prop_assert_eq!(
                a.kk_approval_first,
                matches!(q.category, Category::Teacher | Category::HigherEducation)
            );
        }

        #[test]
        fn signature_by_the_required_authority_is_clean_and_by_a_lower_one_never(
            q in any_question(),
            signer in prop::sample::select(Authority::ALL),
            approval in any::<bool>(),
        ) {
            let a = required_authority(&q);
            prop_assert!(check_signature(&q, a.authority, a.kk_approval_first).is_empty());
            prop_assert!(check_signature(&q, a.authority, true).is_empty());
            let v = check_signature(&q, signer, approval);
            if signer.rank() < a.authority.rank() {
                prop_assert!(v.iter().any(|x| x.code == "authority.too_low"));
            }
            if a.kk_approval_first && !approval {
                prop_assert!(v.iter().any(|x| x.code == "authority.kk_approval_required"));
            }
            prop_assert_eq!(
                v.is_empty(),
                signer.suffices_for(a.authority) && (approval || !a.kk_approval_first)
            );
        }
    }
}
