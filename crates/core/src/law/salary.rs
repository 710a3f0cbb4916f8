//! Salary scales as dated data, and the checks an order's salary must pass against them.
//!
//! BMA ordinary civil servants are paid on the civil service table (บัญชีเงินเดือนขั้นต่ำขั้นสูง
//! ของข้าราชการพลเรือนสามัญ) as the ก.ก. applies it; teachers on the ก.ค.ศ. table; employees
//! and contract staff on the BMA's own wage tables. Each row below names the scale it comes
//! from and the first day it applies, so a later scale is added as a new dated row and orders
//! are judged on the scale of their effective date. Where and how each figure was found, and
//! which could not be found, is in `docs/SALARY.md`; a row whose figures are not confirmed
//! from a source is marked `verified: false`.

use crate::i18n::{Violation, Violations};
use crate::money::{grouped, Satang};
use crate::personnel::{Category, Level};
use crate::register::ActionKind;
use crate::ThaiDate;

/// Where a scale's figures come from, in the page's two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSource {
    pub th: &'static str,
    pub en: &'static str,
}

/// The civil service table as amended in 2015 (the 4 % adjustment), which the ก.ก. applies to
/// BMA ordinary civil servants.
pub const OCSC_2015: ScaleSource = ScaleSource {
    th: "บัญชีเงินเดือนขั้นต่ำขั้นสูงของข้าราชการพลเรือนสามัญ ท้าย พ.ร.บ.ระเบียบข้าราชการพลเรือน พ.ศ. 2551 (แก้ไขโดย ฉบับที่ 2 พ.ศ. 2558) ที่ ก.ก. นำมาใช้กับข้าราชการกรุงเทพมหานครสามัญ",
    en: "the civil service minimum–maximum salary table of the Civil Service Act 2008 (as amended in 2015), applied by the ก.ก. to BMA ordinary civil servants",
};

/// No figure was found for the category: a wide envelope stands in for the real table, so
/// that a slip (an extra digit) is still caught. Not the scale; see `docs/SALARY.md`.
pub const ENVELOPE: ScaleSource = ScaleSource {
    th: "ยังไม่ได้ตรวจสอบกับบัญชีจริง: ใช้กรอบกว้างไม่เกินขั้นสูงสุดของบัญชีเงินเดือนข้าราชการ (76,800 บาท) แทน",
    en: "not verified against the real table: a wide envelope up to the highest maximum of the civil service tables (76,800 baht) stands in",
};

/// One scale: the monthly salary range of a category and level from a date on, in baht.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleRow {
    pub category: Category,
    pub level: Level,
    /// The first day the figures apply (CE year, month, day).
    pub from: (i32, u32, u32),
    /// ขั้นต่ำชั่วคราว: the lowest salary of a new entrant whose qualification pays below the
    /// minimum, where the table has one.
    pub temporary_min: Option<i64>,
    /// ขั้นต่ำ
    pub min: i64,
    /// ขั้นสูง
    pub max: i64,
    pub source: &'static ScaleSource,
    /// The figures were read in a source cited in `docs/SALARY.md` (not from memory).
    pub verified: bool,
}

const fn row(
    category: Category,
    level: Level,
    from: (i32, u32, u32),
    figures: (Option<i64>, i64, i64),
    source: &'static ScaleSource,
    verified: bool,
) -> ScaleRow {
    ScaleRow {
        category,
        level,
        from,
        temporary_min: figures.0,
        min: figures.1,
        max: figures.2,
        source,
        verified,
    }
}

/// The first day of the 2015 civil service table (the 4 % adjustment of 1 December 2014).
const FROM_2014_12: (i32, u32, u32) = (2014, 12, 1);
/// The envelope applies to every date the register holds.
const ALWAYS: (i32, u32, u32) = (1900, 1, 1);
/// The highest maximum of the civil service tables (ทรงคุณวุฒิ, บริหารระดับสูง).
const ENVELOPE_MAX: i64 = 76_800;

/// Every scale, oldest first within a category and level. Figures in baht a month:
/// (ขั้นต่ำชั่วคราว, ขั้นต่ำ, ขั้นสูง).
pub const SCALES: &[ScaleRow] = {
    use Category as C;
    use Level as L;
    const O: &ScaleSource = &OCSC_2015;
    const E: &ScaleSource = &ENVELOPE;
    const D: (i32, u32, u32) = FROM_2014_12;
    const ENV: (Option<i64>, i64, i64) = (None, 0, ENVELOPE_MAX);
    &[
        // ประเภทบริหาร
        row(
            C::Ordinary,
            L::ExecutiveJunior,
            D,
            (Some(24_400), 51_140, 74_320),
            O,
            true,
        ),
        row(
            C::Ordinary,
            L::ExecutiveSenior,
            D,
            (Some(29_980), 56_380, 76_800),
            O,
            false,
        ),
        // ประเภทอำนวยการ
        row(
            C::Ordinary,
            L::ManagerialJunior,
            D,
            (Some(19_860), 25_390, 54_820),
            O,
            false,
        ),
        row(
            C::Ordinary,
            L::ManagerialSenior,
            D,
            (Some(24_400), 31_280, 69_040),
            O,
            false,
        ),
        // ประเภทวิชาการ
        row(
            C::Ordinary,
            L::Practitioner,
            D,
            (Some(7_140), 8_340, 26_900),
            O,
            true,
        ),
        row(
            C::Ordinary,
            L::Professional,
            D,
            (Some(13_160), 15_050, 43_600),
            O,
            true,
        ),
        row(
            C::Ordinary,
            L::SeniorProfessional,
            D,
            (Some(21_080), 22_140, 58_390),
            O,
            false,
        ),
        row(
            C::Ordinary,
            L::Expert,
            D,
            (Some(29_900), 31_400, 69_040),
            O,
            false,
        ),
        row(
            C::Ordinary,
            L::AdvancedExpert,
            D,
            (Some(41_720), 43_810, 76_800),
            O,
            false,
        ),
        // ประเภททั่วไป
        row(
            C::Ordinary,
            L::Operational,
            D,
            (None, 4_870, 21_010),
            O,
            true,
        ),
        row(
            C::Ordinary,
            L::Experienced,
            D,
            (None, 10_190, 38_750),
            O,
            true,
        ),
        row(C::Ordinary, L::Senior, D, (None, 15_410, 54_820), O, true),
        row(
            C::Ordinary,
            L::HighlySkilled,
            D,
            (None, 48_220, 69_040),
            O,
            true,
        ),
        // Teachers (ก.ค.ศ. table), higher education (ก.พ.อ./ก.ก.), employees and contract
        // staff (the BMA's wage tables): not found; the envelope stands in.
        row(C::Teacher, L::AssistantTeacher, ALWAYS, ENV, E, false),
        row(C::Teacher, L::TeacherNoRank, ALWAYS, ENV, E, false),
        row(C::Teacher, L::TeacherProfessional, ALWAYS, ENV, E, false),
        row(
            C::Teacher,
            L::TeacherSeniorProfessional,
            ALWAYS,
            ENV,
            E,
            false,
        ),
        row(C::Teacher, L::TeacherExpert, ALWAYS, ENV, E, false),
        row(C::Teacher, L::TeacherAdvancedExpert, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Lecturer, ALWAYS, ENV, E, false),
        row(
            C::HigherEducation,
            L::AssistantProfessor,
            ALWAYS,
            ENV,
            E,
            false,
        ),
        row(
            C::HigherEducation,
            L::AssociateProfessor,
            ALWAYS,
            ENV,
            E,
            false,
        ),
        row(C::HigherEducation, L::Professor, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Practitioner, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Professional, ALWAYS, ENV, E, false),
        row(
            C::HigherEducation,
            L::SeniorProfessional,
            ALWAYS,
            ENV,
            E,
            false,
        ),
        row(C::HigherEducation, L::Expert, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::AdvancedExpert, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Operational, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Experienced, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::Senior, ALWAYS, ENV, E, false),
        row(C::HigherEducation, L::HighlySkilled, ALWAYS, ENV, E, false),
        row(C::PermanentEmployee, L::EmployeeS1, ALWAYS, ENV, E, false),
        row(C::PermanentEmployee, L::EmployeeS2, ALWAYS, ENV, E, false),
        row(C::PermanentEmployee, L::EmployeeS3, ALWAYS, ENV, E, false),
        row(C::PermanentEmployee, L::EmployeeS4, ALWAYS, ENV, E, false),
        row(C::TemporaryEmployee, L::Temporary, ALWAYS, ENV, E, false),
        row(C::ContractStaff, L::Contract, ALWAYS, ENV, E, false),
    ]
};

/// The range an order's salary must lie in, for a category and level on a date, as pages
/// show it beside the salary field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SalaryRange {
    /// The lowest salary an order may give: ขั้นต่ำชั่วคราว where the table has one, else ขั้นต่ำ.
    pub floor: Satang,
    /// ขั้นต่ำ
    pub min: Satang,
    /// ขั้นสูง
    pub max: Satang,
    /// The first day of the scale.
    pub from: ThaiDate,
    pub source: &'static ScaleSource,
    pub verified: bool,
}

impl SalaryRange {
    /// `7,140–26,900 บาท`, as the form shows it.
    pub fn shown_th(&self) -> String {
        format!("{}–{} บาท", baht(self.floor), baht(self.max))
    }
    /// `7,140–26,900 baht`
    pub fn shown_en(&self) -> String {
        format!("{}–{} baht", baht(self.floor), baht(self.max))
    }
}

/// Whole baht with separators, satang only when there are some: `26,900`, `17,250.50`.
fn baht(s: Satang) -> String {
    let v = s.satang();
    if v % 100 == 0 {
        grouped(v / 100)
    } else {
        s.to_string()
    }
}

fn start(from: (i32, u32, u32)) -> ThaiDate {
    ThaiDate::from_ce(from.0, from.1, from.2).unwrap_or(ThaiDate::LAST)
}

/// The scale of a category and level in force on `on`: the latest row starting on or
/// before it. `None` before the first scale, or for a level the category does not carry.
pub fn scale_on(category: Category, level: Level, on: ThaiDate) -> Option<&'static ScaleRow> {
    SCALES
        .iter()
        .filter(|r| r.category == category && r.level == level && start(r.from) <= on)
        .max_by_key(|r| start(r.from))
}

/// For the order form: the salary range of a category and level on a date, with the scale it
/// comes from (`None` where no scale is known for that date).
pub fn salary_range(category: Category, level: Level, on: ThaiDate) -> Option<SalaryRange> {
    scale_on(category, level, on).map(|r| SalaryRange {
        floor: Satang::from_baht(r.temporary_min.unwrap_or(r.min)),
        min: Satang::from_baht(r.min),
        max: Satang::from_baht(r.max),
        from: start(r.from),
        source: r.source,
        verified: r.verified,
    })
}

/// Where the salary scale rules come from, as violations cite them.
pub const SCALE_SECTION: &str = "บัญชีเงินเดือนขั้นต่ำขั้นสูง (ก.ก.)";
/// The per-round ceiling of a salary step.
pub const STEP_SECTION: &str = "กฎ ก.พ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2552 (ก.ก.)";
/// A salary is lowered only as a penalty.
pub const PENALTY_SECTION: &str = "§58 (โทษลดเงินเดือน)";

/// กฎ ก.พ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2552: one round raises a salary by at most 6 % of
/// the base of calculation (ฐานในการคำนวณ), the midpoint of the half of the range the salary
/// is in. Every base lies below the level's maximum, so 6 % of the maximum bounds every
/// lawful step without knowing the base of the round.
pub const STEP_CEILING_PERCENT: i64 = 6;

/// The largest raise one salary step may give on this range (6 % of the maximum, rounded
/// up to the next 10 baht as the tables are written).
pub fn step_ceiling(range: &SalaryRange) -> Satang {
    let s = range.max.satang() * STEP_CEILING_PERCENT;
    Satang::from_satang((s + 99_999) / 100_000 * 1_000)
}

/// The salary scale: a salary an order gives must lie within the scale of the position's
/// category and level on the effective date. Above the maximum is refused, the maximum named:
/// pay above it is a special allowance (ค่าตอบแทนพิเศษ), not salary.
pub fn check_salary_in_scale(salary: Satang, range: &SalaryRange, level: Level) -> Violations {
    let mut out = Violations::default();
    if salary > range.max {
        out.push(
            Violation::new(
                "salary.above_scale",
                "salary",
                format!(
                    "เงินเดือน {} บาท เกินขั้นสูงของระดับ{} ({} บาท ตาม{}) ผู้ที่ได้รับเงินเดือนเต็มขั้นให้ได้รับค่าตอบแทนพิเศษแทน ไม่ใช่เงินเดือน",
                    baht(salary),
                    level.th(),
                    baht(range.max),
                    range.source.th
                ),
                format!(
                    "a salary of {} baht is above the maximum of the {} level ({} baht, per {}); pay above the maximum is a special allowance, not salary",
                    baht(salary),
                    level.en(),
                    baht(range.max),
                    range.source.en
                ),
            )
            .with_section(SCALE_SECTION),
        );
    }
    if salary < range.floor {
        out.push(
            Violation::new(
                "salary.below_scale",
                "salary",
                format!(
                    "เงินเดือน {} บาท ต่ำกว่าขั้นต่ำของระดับ{} ({} บาท ตาม{})",
                    baht(salary),
                    level.th(),
                    baht(range.floor),
                    range.source.th
                ),
                format!(
                    "a salary of {} baht is below the minimum of the {} level ({} baht, per {})",
                    baht(salary),
                    level.en(),
                    baht(range.floor),
                    range.source.en
                ),
            )
            .with_section(SCALE_SECTION),
        );
    }
    out
}

/// A salary step (เลื่อนเงินเดือน) raises the salary: a lower salary is a penalty
/// (ลดเงินเดือน, §58), ordered as `penalty` with its percent; and one round raises it by at
/// most the step ceiling (กฎ ก.พ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2552, see
/// [`STEP_CEILING_PERCENT`]). `range` is the scale of the person's level on the effective
/// date, if known.
pub fn check_salary_step(current: Satang, new: Satang, range: Option<&SalaryRange>) -> Violations {
    let mut out = Violations::default();
    if new < current {
        out.push(
            Violation::new(
                "salary.step_lowers",
                "salary",
                format!(
                    "การเลื่อนเงินเดือนลดเงินเดือนไม่ได้ (เงินเดือนปัจจุบัน {} บาท คำสั่งให้ {} บาท) การลดเงินเดือนเป็นโทษทางวินัย ให้ใช้คำสั่งลงโทษลดเงินเดือนแทน",
                    baht(current),
                    baht(new)
                ),
                format!(
                    "a salary step cannot lower the salary (now {} baht, the order gives {} baht); lowering a salary is a disciplinary penalty: use a penalty order instead",
                    baht(current),
                    baht(new)
                ),
            )
            .with_section(PENALTY_SECTION),
        );
    }
    if let Some(r) = range {
        let ceiling = step_ceiling(r);
        let raise = Satang::from_satang(new.satang() - current.satang());
        if raise > ceiling {
            out.push(
                Violation::new(
                    "salary.step_too_large",
                    "salary",
                    format!(
                        "เลื่อนเงินเดือนครั้งหนึ่งได้ไม่เกินร้อยละ {STEP_CEILING_PERCENT} ของฐานในการคำนวณ (ไม่เกิน {} บาท สำหรับระดับนี้) คำสั่งนี้เพิ่ม {} บาท (จาก {} เป็น {} บาท) ตรวจจำนวนเงินอีกครั้ง หากเป็นการปรับตามคุณวุฒิหรือตามกฎหมาย ให้ออกคำสั่งตามเหตุนั้น",
                        baht(ceiling),
                        baht(raise),
                        baht(current),
                        baht(new)
                    ),
                    format!(
                        "one salary step raises at most {STEP_CEILING_PERCENT} % of the base of calculation (at most {} baht at this level); this order adds {} baht ({} to {} baht): check the amount, or order an adjustment for a qualification or by law under its own reason",
                        baht(ceiling),
                        baht(raise),
                        baht(current),
                        baht(new)
                    ),
                )
                .with_section(STEP_SECTION),
            );
        }
    }
    out
}

/// A promotion (เลื่อนระดับ / เลื่อนตำแหน่ง) does not lower the salary: the person keeps at
/// least the salary held (a lower salary is a penalty, §58).
pub fn check_promotion_salary(current: Satang, new: Satang) -> Violations {
    let mut out = Violations::default();
    if new < current {
        out.push(
            Violation::new(
                "salary.promotion_lowers",
                "salary",
                format!(
                    "การเลื่อนระดับต้องไม่ทำให้เงินเดือนลดลง (เงินเดือนปัจจุบัน {} บาท คำสั่งให้ {} บาท) ให้ระบุเงินเดือนไม่ต่ำกว่าเดิม",
                    baht(current),
                    baht(new)
                ),
                format!(
                    "a promotion cannot lower the salary (now {} baht, the order gives {} baht); give at least the current salary",
                    baht(current),
                    baht(new)
                ),
            )
            .with_section(PENALTY_SECTION),
        );
    }
    out
}

/// What the store knows for the salary rules of one action.
#[derive(Debug, Clone, Copy)]
pub struct SalaryFacts {
    pub effective: ThaiDate,
    /// The salary held before the action (counting the order's earlier actions).
    pub current: Option<Satang>,
    /// (category, level) of the position the salary is paid on: the new one for an action
    /// that places the person, else the one held.
    pub post: Option<(Category, Level)>,
}

/// Every salary rule one action breaks; fields are relative to the action (`salary`).
/// A penalty's salary is the penalty's own arithmetic and is not judged here.
pub fn check_action_salary(
    kind: ActionKind,
    salary: Option<Satang>,
    f: &SalaryFacts,
) -> Violations {
    let mut out = Violations::default();
    let Some(new) = salary else { return out };
    if kind == ActionKind::Penalty {
        return out;
    }
    let range = f
        .post
        .and_then(|(c, l)| salary_range(c, l, f.effective).map(|r| (r, l)));
    if let Some((r, level)) = &range {
        out.0.extend(check_salary_in_scale(new, r, *level).0);
    }
    match (kind, f.current) {
        (ActionKind::SalaryChange, Some(cur)) => {
            out.0
                .extend(check_salary_step(cur, new, range.as_ref().map(|x| &x.0)).0);
        }
        (ActionKind::Promote, Some(cur)) => out.0.extend(check_promotion_salary(cur, new).0),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }
    fn b(n: i64) -> Satang {
        Satang::from_baht(n)
    }
    fn codes(v: &Violations) -> Vec<&'static str> {
        v.iter().map(|x| x.code).collect()
    }
    fn facts(current: i64, level: Level) -> SalaryFacts {
        SalaryFacts {
            effective: d(2026, 10, 1),
            current: Some(b(current)),
            post: Some((Category::Ordinary, level)),
        }
    }

    /// The figures of the civil service table as found (docs/SALARY.md): (level, ขั้นต่ำ
    /// ชั่วคราว, ขั้นต่ำ, ขั้นสูง).
    #[test]
    fn the_verified_figures_are_the_tables() {
        let table = [
            (Level::Practitioner, Some(7_140), 8_340, 26_900),
            (Level::Professional, Some(13_160), 15_050, 43_600),
            (Level::Operational, None, 4_870, 21_010),
            (Level::Experienced, None, 10_190, 38_750),
            (Level::Senior, None, 15_410, 54_820),
            (Level::HighlySkilled, None, 48_220, 69_040),
            (Level::ExecutiveJunior, Some(24_400), 51_140, 74_320),
        ];
        for (level, temp, min, max) in table {
            let r = scale_on(Category::Ordinary, level, d(2026, 10, 1)).unwrap();
            assert_eq!(
                (r.temporary_min, r.min, r.max),
                (temp, min, max),
                "{level:?}"
            );
            assert!(r.verified, "{level:?}");
        }
        let r = salary_range(Category::Ordinary, Level::Practitioner, d(2026, 10, 1)).unwrap();
        assert_eq!(r.shown_th(), "7,140–26,900 บาท");
        assert_eq!(r.shown_en(), "7,140–26,900 baht");
        assert_eq!(r.from, d(2014, 12, 1));
        // Before the table: no scale is known, nothing is judged against one.
        assert!(salary_range(Category::Ordinary, Level::Practitioner, d(2010, 1, 1)).is_none());
        // A level the category does not carry has no scale.
        assert!(salary_range(Category::Ordinary, Level::TeacherExpert, d(2026, 1, 1)).is_none());
    }

    #[test]
    fn every_level_a_category_carries_has_a_scale_today() {
        for c in Category::ALL {
            for l in Level::for_category(*c) {
                let r = salary_range(*c, l, d(2026, 10, 1));
                assert!(r.is_some(), "{c:?} {l:?}");
            }
        }
    }

    /// (salary, codes): 990,000 is refused with the maximum named; 7,140 (ขั้นต่ำชั่วคราว)
    /// is the floor.
    #[test]
    fn a_salary_lies_within_the_scale() {
        let r = salary_range(Category::Ordinary, Level::Practitioner, d(2026, 10, 1)).unwrap();
        let cases: [(i64, &[&str]); 6] = [
            (990_000, &["salary.above_scale"]),
            (26_910, &["salary.above_scale"]),
            (26_900, &[]),
            (15_000, &[]),
            (7_140, &[]),
            (7_130, &["salary.below_scale"]),
        ];
        for (s, want) in cases {
            let v = check_salary_in_scale(b(s), &r, Level::Practitioner);
            assert_eq!(codes(&v), want, "{s}");
        }
        let v = check_salary_in_scale(b(990_000), &r, Level::Practitioner);
        assert!(v.0[0].message_th.contains("26,900 บาท"), "{v:?}");
        assert!(v.0[0].message_en.contains("26,900 baht"), "{v:?}");
        assert!(v.0[0].message_en.contains("special allowance"));
        assert_eq!(v.0[0].section, Some(SCALE_SECTION));
    }

    #[test]
    fn a_salary_step_neither_lowers_nor_leaps() {
        // Issue 23: 17,800 → 9,000 as a salary step.
        let v = check_action_salary(
            ActionKind::SalaryChange,
            Some(b(9_000)),
            &facts(17_800, Level::Practitioner),
        );
        assert_eq!(codes(&v), vec!["salary.step_lowers"]);
        assert!(v.0[0].message_th.contains("ใช้คำสั่งลงโทษลดเงินเดือนแทน"));
        assert!(v.0[0].message_en.contains("use a penalty order instead"));
        // A normal step: 3 %.
        let ok = check_action_salary(
            ActionKind::SalaryChange,
            Some(b(18_340)),
            &facts(17_800, Level::Practitioner),
        );
        assert!(ok.is_empty(), "{ok:?}");
        // 6 % of 26,900 = 1,614 → 1,620 after rounding up to ten baht.
        let r = salary_range(Category::Ordinary, Level::Practitioner, d(2026, 10, 1)).unwrap();
        assert_eq!(step_ceiling(&r), b(1_620));
        let edge = check_action_salary(
            ActionKind::SalaryChange,
            Some(b(17_800 + 1_620)),
            &facts(17_800, Level::Practitioner),
        );
        assert!(edge.is_empty(), "{edge:?}");
        let v = check_action_salary(
            ActionKind::SalaryChange,
            Some(b(17_800 + 1_630)),
            &facts(17_800, Level::Practitioner),
        );
        assert_eq!(codes(&v), vec!["salary.step_too_large"]);
        // 990,000: above the scale and far above one step, both reported.
        let v = check_action_salary(
            ActionKind::SalaryChange,
            Some(b(990_000)),
            &facts(17_800, Level::Practitioner),
        );
        assert_eq!(
            codes(&v),
            vec!["salary.above_scale", "salary.step_too_large"]
        );
    }

    #[test]
    fn a_promotion_does_not_lower_the_salary() {
        let v = check_action_salary(
            ActionKind::Promote,
            Some(b(20_000)),
            &facts(24_000, Level::Professional),
        );
        assert_eq!(codes(&v), vec!["salary.promotion_lowers"]);
        let ok = check_action_salary(
            ActionKind::Promote,
            Some(b(25_000)),
            &facts(24_000, Level::Professional),
        );
        assert!(ok.is_empty(), "{ok:?}");
        // A promotion may raise by more than one step.
        let ok = check_action_salary(
            ActionKind::Promote,
            Some(b(30_000)),
            &facts(24_000, Level::Professional),
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn penalties_and_actions_without_a_salary_are_not_judged_here() {
        let f = facts(17_800, Level::Practitioner);
        assert!(check_action_salary(ActionKind::Penalty, Some(b(9_000)), &f).is_empty());
        assert!(check_action_salary(ActionKind::SalaryChange, None, &f).is_empty());
        // An appointment has no salary before it: only the scale applies.
        let new = SalaryFacts { current: None, ..f };
        assert!(check_action_salary(ActionKind::Appoint, Some(b(15_000)), &new).is_empty());
        assert_eq!(
            codes(&check_action_salary(
                ActionKind::Appoint,
                Some(b(99_000)),
                &new
            )),
            vec!["salary.above_scale"]
        );
    }

    fn any_post() -> impl Strategy<Value = (Category, Level)> {
        prop::sample::select(
            Category::ALL
                .iter()
                .flat_map(|c| Level::for_category(*c).map(move |l| (*c, l)))
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        /// Every scale is a range (floor ≤ min ≤ max) and every step ceiling is positive.
        #[test]
        fn scales_are_ranges((c, l) in any_post(), y in 1990i32..2040) {
            if let Some(r) = salary_range(c, l, d(y, 6, 1)) {
                prop_assert!(r.floor <= r.min && r.min <= r.max);
                prop_assert!(step_ceiling(&r) > Satang::from_satang(0));
            }
        }

        /// A salary within the scale passes it; one above the maximum never does.
        #[test]
        fn in_scale_iff_between_floor_and_max((c, l) in any_post(), s in 0i64..20_000_000) {
            if let Some(r) = salary_range(c, l, d(2026, 10, 1)) {
                let v = check_salary_in_scale(Satang::from_satang(s), &r, l);
                let inside = Satang::from_satang(s) >= r.floor && Satang::from_satang(s) <= r.max;
                prop_assert_eq!(v.is_empty(), inside);
            }
        }

        /// A salary step that lowers is always refused with the penalty hint; one that keeps
        /// the salary within the scale and raises by at most the ceiling always passes.
        #[test]
        fn steps_are_judged_by_direction_and_size(
            (c, l) in any_post(), cur in 1i64..8_000_000, delta in -8_000_000i64..8_000_000,
        ) {
            let new = (cur + delta).max(0);
            let f = SalaryFacts { effective: d(2026, 10, 1), current: Some(Satang::from_satang(cur)), post: Some((c, l)) };
            let v = check_action_salary(ActionKind::SalaryChange, Some(Satang::from_satang(new)), &f);
            if new < cur {
                prop_assert!(codes(&v).contains(&"salary.step_lowers"));
            }
            if let Some(r) = salary_range(c, l, f.effective) {
                let n = Satang::from_satang(new);
                if new >= cur && n >= r.floor && n <= r.max && new - cur <= step_ceiling(&r).satang() {
                    prop_assert!(v.is_empty(), "{:?}", v);
                }
            }
        }
    }
}
