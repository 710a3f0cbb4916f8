//! A grievance (§63–65): decided once, then carried out. Where it goes is in
//! [`super::routing`] (§64); the Act sets no period for it (see [`crate::law::discipline`]).

use super::{refused, CaseFile};
use crate::i18n::Violations;
use crate::law::discipline::GrievanceOutcome;

impl CaseFile {
    /// §65 para 1: what was decided on the grievance; it is decided once.
    pub(super) fn grievance_decided(
        &mut self,
        outcome: GrievanceOutcome,
    ) -> Result<(), Violations> {
        if self.outcome.is_some() {
            return Err(refused(
                "grievance.already_decided",
                "วินิจฉัยเรื่องร้องทุกข์แล้ว".to_string(),
                "the grievance is already decided".to_string(),
            ));
        }
        self.outcome = Some(outcome.code().to_string());
        Ok(())
    }

    /// §64 para 3: the decision is carried out; the Act sets no period for it.
    pub(super) fn grievance_implemented(&self) -> Result<(), Violations> {
        if self.outcome.is_none() {
            return Err(refused(
                "case.nothing_to_implement",
                "ยังไม่มีคำวินิจฉัยที่ต้องดำเนินการ".to_string(),
                "there is no decision to carry out yet".to_string(),
            ));
        }
        Ok(())
    }
}
