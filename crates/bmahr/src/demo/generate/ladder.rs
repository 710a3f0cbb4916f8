//! The career ladders (levels, the years and chance of climbing) and the pay on entering a
//! level.

use bmahr_core::law::salary::salary_range;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Ladder {
    Knowledge,
    General,
    Teacher,
    Permanent,
    Temporary,
    /// Head-of-unit positions: fixed level, filled by promoting someone from below.
    Fixed,
}

impl Ladder {
    pub(super) fn levels(self) -> &'static [Level] {
        use Level::*;
        match self {
            Ladder::Knowledge => &[Practitioner, Professional, SeniorProfessional, Expert],
            Ladder::General => &[Operational, Experienced, Senior, HighlySkilled],
            Ladder::Teacher => &[
                AssistantTeacher,
                TeacherNoRank,
                TeacherProfessional,
                TeacherSeniorProfessional,
                TeacherExpert,
            ],
            Ladder::Permanent => &[EmployeeS1, EmployeeS2],
            Ladder::Temporary => &[Temporary],
            Ladder::Fixed => &[],
        }
    }

    /// (minimum years in the level, yearly chance after that) to climb from level `i`.
    pub(super) fn promotion(self, i: usize) -> Option<(i32, f64)> {
        match (self, i) {
            (Ladder::Knowledge, 0) => Some((4, 0.5)),
            (Ladder::Knowledge, 1) => Some((6, 0.15)),
            (Ladder::Knowledge, 2) => Some((8, 0.02)),
            (Ladder::General, 0) => Some((6, 0.4)),
            (Ladder::General, 1) => Some((8, 0.12)),
            (Ladder::General, 2) => Some((10, 0.01)),
            (Ladder::Teacher, 0) => Some((2, 1.0)),
            (Ladder::Teacher, 1) => Some((4, 0.4)),
            (Ladder::Teacher, 2) => Some((6, 0.15)),
            (Ladder::Teacher, 3) => Some((8, 0.01)),
            (Ladder::Permanent, 0) => Some((8, 0.1)),
            _ => None,
        }
    }
}

/// Monthly salary in baht on entering a level.
pub(super) fn base_salary(level: Level) -> i64 {
    use Level::*;
    match level {
        Practitioner => 15_000,
        Professional => 22_000,
        SeniorProfessional => 32_000,
        Expert => 45_000,
        AdvancedExpert => 60_000,
        Operational => 11_500,
        Experienced => 18_000,
        Senior => 26_000,
        HighlySkilled => 35_000,
        ManagerialJunior => 38_000,
        ManagerialSenior => 48_000,
        ExecutiveJunior => 55_000,
        ExecutiveSenior => 66_000,
        AssistantTeacher => 15_000,
        TeacherNoRank => 17_500,
        TeacherProfessional => 25_000,
        TeacherSeniorProfessional => 35_000,
        TeacherExpert => 48_000,
        TeacherAdvancedExpert => 60_000,
        Lecturer => 18_000,
        AssistantProfessor => 25_000,
        AssociateProfessor => 35_000,
        Professor => 50_000,
        EmployeeS1 => 9_500,
        EmployeeS2 => 13_000,
        EmployeeS3 => 15_500,
        EmployeeS4 => 18_000,
        Temporary => 9_000,
        Contract => 20_000,
    }
}

/// Rounds satang up to the next 10 baht, as salary scales are written.
pub(super) fn round10(satang: i64) -> i64 {
    (satang + 999) / 1000 * 1000
}

/// Keeps a salary (satang) within the latest scale of a category and level
/// (`bmahr_core::law::salary`), as orders drafted on the demo are checked against it: at
/// least the floor, at most the maximum (pay above it is an allowance, not salary).
pub(super) fn clamp_to_scale(category: Category, level: Level, satang: i64) -> i64 {
    match salary_range(category, level, ThaiDate::LAST) {
        Some(r) => satang.clamp(r.floor.satang(), r.max.satang()),
        None => satang,
    }
}
