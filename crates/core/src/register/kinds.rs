crate::labelled_enum! {
    /// What one action of an order does to one person (DOMAIN §3).
    pub enum ActionKind: "kind" {
        Appoint = ("appoint", "บรรจุและแต่งตั้ง", "appointment"),
        Move = ("move", "แต่งตั้ง (ย้าย)", "posting / move"),
        TransferIn = ("transfer_in", "รับโอน", "transfer in"),
        TransferOut = ("transfer_out", "ให้โอน", "transfer out"),
        Promote = ("promote", "เลื่อนระดับ / เลื่อนตำแหน่ง", "promotion"),
        SalaryChange = ("salary_change", "เลื่อนเงินเดือน / ปรับค่าจ้าง", "salary change"),
        Penalty = ("penalty", "ลงโทษทางวินัย", "disciplinary penalty"),
        Suspend = ("suspend", "สั่งพักราชการ", "suspension"),
        Reinstate = ("reinstate", "สั่งให้กลับเข้ารับราชการ", "reinstatement"),
        Separate = ("separate", "พ้นจากราชการ", "separation"),
        CorrectBirthDate = ("correct_birth_date", "แก้ไขวันเดือนปีเกิด", "birth date correction"),
    }
}

crate::labelled_enum! {
    /// Why a person left the service.
    pub enum SeparationReason: "separation_reason" {
        Retirement = ("retirement", "เกษียณอายุราชการ", "retirement"),
        Death = ("death", "ถึงแก่กรรม", "death"),
        Resignation = ("resignation", "ลาออก", "resignation"),
        Removal = ("removal", "ให้ออก", "removal"),
        Discharge = ("discharge", "ปลดออก", "discharge"),
        Dismissal = ("dismissal", "ไล่ออก", "dismissal"),
        TransferOut = ("transfer_out", "โอนออก", "transfer out"),
        ContractEnd = ("contract_end", "สิ้นสุดสัญญาจ้าง", "end of contract"),
    }
}

crate::labelled_enum! {
    /// Disciplinary penalties (§58 para 1 applying the civil-service scheme; DOMAIN §4).
    pub enum PenaltyKind: "penalty" {
        Probation = ("probation", "ภาคทัณฑ์", "probation (reprimand)"),
        SalaryCut = ("salary_cut", "ตัดเงินเดือน", "salary cut"),
        SalaryReduction = ("salary_reduction", "ลดเงินเดือน", "salary reduction"),
        Discharge = ("discharge", "ปลดออก", "discharge"),
        Dismissal = ("dismissal", "ไล่ออก", "dismissal"),
    }
}

impl PenaltyKind {
    /// Serious penalties end the service and need a ก.ก. resolution first (§58 para 1).
    pub fn is_serious(self) -> bool {
        matches!(self, PenaltyKind::Discharge | PenaltyKind::Dismissal)
    }

    pub fn separation(self) -> Option<SeparationReason> {
        match self {
            PenaltyKind::Discharge => Some(SeparationReason::Discharge),
            PenaltyKind::Dismissal => Some(SeparationReason::Dismissal),
            _ => None,
        }
    }
}

crate::labelled_enum! {
    /// Where a person stands in the service on a date.
    pub enum Status: "status" {
        Active = ("active", "ปฏิบัติราชการ", "in service"),
        Suspended = ("suspended", "พักราชการ", "suspended"),
        Separated = ("separated", "พ้นจากราชการ", "separated"),
    }
}

impl ActionKind {
    /// The status a person has after this action, when the action changes it.
    pub fn status_after(self, penalty: Option<PenaltyKind>) -> Option<Status> {
        match self {
            ActionKind::Appoint | ActionKind::TransferIn | ActionKind::Reinstate => {
                Some(Status::Active)
            }
            ActionKind::Suspend => Some(Status::Suspended),
            ActionKind::Separate | ActionKind::TransferOut => Some(Status::Separated),
            ActionKind::Penalty if penalty.is_some_and(PenaltyKind::is_serious) => {
                Some(Status::Separated)
            }
            _ => None,
        }
    }

    /// Whether the action names the position the person holds afterwards.
    pub fn needs_position(self) -> bool {
        matches!(
            self,
            ActionKind::Appoint | ActionKind::TransferIn | ActionKind::Move | ActionKind::Promote
        )
    }

    /// Whether the action must state the salary afterwards.
    pub fn needs_salary(self) -> bool {
        matches!(
            self,
            ActionKind::Appoint | ActionKind::TransferIn | ActionKind::SalaryChange
        )
    }

    /// Actions that bring a person into the service rather than act on a serving one.
    pub fn is_entry(self) -> bool {
        matches!(self, ActionKind::Appoint | ActionKind::TransferIn)
    }
}
