//! The categories and statuses of complaints, as the integrity reports count them (seed 002).

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
