//! Grievances (§63–65): what may be grieved, where it goes, what may be decided.

use crate::i18n::Violation;

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
}
