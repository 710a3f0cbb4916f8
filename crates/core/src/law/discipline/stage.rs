//! Where a disciplinary case stands.

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
