//! Where a grievance goes (§64): to ก.พ.ค. or to the next superior up, from whose act it is about.

use serde::{Deserialize, Serialize};

use crate::law::discipline::{self, Forum, GrievanceCause};
use crate::org::UnitKind;

/// Whose act or omission a grievance is about, as the filer names it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "holder", rename_all = "snake_case", deny_unknown_fields)]
pub enum Respondent {
    Governor,
    PermanentSecretary,
    /// The head of a unit (its code).
    UnitHead {
        unit: String,
    },
    /// The holder of a position (its number).
    Position {
        position_no: String,
    },
}

/// What the store knows about a grievance's respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RespondentFacts {
    Governor,
    PermanentSecretary,
    UnitHead {
        kind: UnitKind,
        unit_id: i64,
        parent_id: Option<i64>,
        /// The heads of this unit (or of units of its kind) are on ก.พ.ค.'s list.
        kpk_named: bool,
    },
    Position {
        unit_id: i64,
        kpk_named: bool,
    },
}

/// Where a grievance goes (§64) and which unit's head is the next superior up.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub cause: GrievanceCause,
    pub forum: Forum,
    /// The unit whose head decides, when the forum is the next superior.
    pub superior_unit_id: Option<i64>,
}

/// A department-level agency (หน่วยงานระดับสำนัก, §64 para 2): a สำนัก, a สำนักงาน at that
/// level or a university; a district office is not one.
pub fn is_department_level(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Department | UnitKind::Office | UnitKind::University
    )
}

/// §64: a grievance against the Governor, the Permanent Secretary, the head of a
/// department-level agency or a position ก.พ.ค. names goes to ก.พ.ค.; any other goes to the
/// next superior up: the head of the respondent's parent unit for a unit head, the head of
/// the position's own unit for anyone else.
pub fn grievance_route(r: RespondentFacts) -> Route {
    let (cause, up) = match r {
        RespondentFacts::Governor => (GrievanceCause::Governor, None),
        RespondentFacts::PermanentSecretary => (GrievanceCause::PermanentSecretary, None),
        RespondentFacts::UnitHead { kind, .. } if is_department_level(kind) => {
            (GrievanceCause::HeadOfDepartmentLevelAgency, None)
        }
        RespondentFacts::UnitHead {
            kpk_named: true, ..
        }
        | RespondentFacts::Position {
            kpk_named: true, ..
        } => (GrievanceCause::KpkNamed, None),
        RespondentFacts::UnitHead { parent_id, .. } => (GrievanceCause::OtherSuperior, parent_id),
        RespondentFacts::Position { unit_id, .. } => (GrievanceCause::OtherSuperior, Some(unit_id)),
    };
    Route {
        cause,
        forum: discipline::grievance_forum(cause),
        superior_unit_id: up,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grievances_route_by_respondent() {
        let district = RespondentFacts::UnitHead {
            kind: UnitKind::District,
            unit_id: 40,
            parent_id: Some(1),
            kpk_named: false,
        };
        let r = grievance_route(district);
        assert_eq!(
            (r.forum, r.superior_unit_id),
            (Forum::NextSuperior, Some(1))
        );
        let named = RespondentFacts::UnitHead {
            kind: UnitKind::District,
            unit_id: 40,
            parent_id: Some(1),
            kpk_named: true,
        };
        assert_eq!(grievance_route(named).cause, GrievanceCause::KpkNamed);
        let dept = RespondentFacts::UnitHead {
            kind: UnitKind::Department,
            unit_id: 3,
            parent_id: Some(1),
            kpk_named: false,
        };
        assert_eq!(grievance_route(dept).forum, Forum::Kpk);
        assert_eq!(
            grievance_route(RespondentFacts::Governor).cause,
            GrievanceCause::Governor
        );
        let clerk = RespondentFacts::Position {
            unit_id: 77,
            kpk_named: false,
        };
        assert_eq!(grievance_route(clerk).superior_unit_id, Some(77));
    }
}
