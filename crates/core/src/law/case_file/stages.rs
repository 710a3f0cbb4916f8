//! The stages of a disciplinary case (set by ก.ก. rules, not the Act), its investigation
//! committee and the measures pending inquiry.

use serde::{Deserialize, Serialize};

use super::{refused, CaseFile};
use crate::i18n::{Violation, Violations};
use crate::law::discipline::CaseStage;

crate::labelled_enum! {
    /// Measures pending inquiry (สั่งพักราชการ, สั่งให้ออกไว้ก่อน).
    pub enum InterimMeasure: "measure" {
        Suspend = ("suspend", "สั่งพักราชการ", "suspension pending inquiry"),
        RemovePending = ("remove_pending", "สั่งให้ออกไว้ก่อน", "removal pending inquiry"),
    }
}

/// A member of a fact-finding or investigation committee; members read the case file.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl CaseFile {
    /// The case moves forward only, and is closed only by closing it; a formal investigation
    /// names its committee, whose members then read the file.
    pub(super) fn move_to(
        &mut self,
        stage: CaseStage,
        committee: &[Member],
    ) -> Result<(), Violations> {
        if !self.stage.may_move_to(stage) || stage == CaseStage::Closed {
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
        if stage == CaseStage::Investigation && committee.is_empty() {
            let mut v = Violations::default();
            v.push(Violation::new(
                "case.committee_required",
                "committee",
                "การสอบสวนทางวินัยต้องระบุคณะกรรมการสอบสวน",
                "a disciplinary investigation needs its committee",
            ));
            return Err(v);
        }
        self.stage = stage;
        self.committee.extend(committee.iter().cloned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile};

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
}
