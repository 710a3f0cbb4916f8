//! Roles of accounts; their unit scope is kept beside them.

crate::labelled_enum! {
    /// What an account may do; every role but the central administrator is scoped to a unit
    /// subtree.
    pub enum Role: "role" {
        CentralAdmin = ("central_admin", "ผู้ดูแลระบบส่วนกลาง (สำนักงาน ก.ก.)", "central administrator"),
        AgencyHr = ("agency_hr", "เจ้าหน้าที่บริหารงานบุคคลของหน่วยงาน", "agency HR officer"),
        AppointingAuthority = ("appointing_authority", "ผู้มีอำนาจสั่งบรรจุ", "appointing authority"),
        Supervisor = ("supervisor", "ผู้บังคับบัญชา", "supervisor"),
        Employee = ("employee", "ผู้ปฏิบัติงาน", "employee"),
        Auditor = ("auditor", "ผู้ตรวจสอบ", "auditor"),
        DisciplineOfficer = ("discipline_officer", "เจ้าหน้าที่วินัย", "discipline officer"),
        MeritCommission = ("merit_commission", "ฝ่ายเลขานุการ ก.พ.ค. กรุงเทพมหานคร", "ก.พ.ค. secretariat"),
    }
}
