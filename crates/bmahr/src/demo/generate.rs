//! A deterministic simulation of the BMA's workforce, month by month, from FY 2550 to today.
//!
//! Every change happens as it would in the register: hires fill vacant positions of the
//! frame, people get yearly salary steps, are promoted (their position is re-graded from that
//! day), move, are penalised, suspended and reinstated, resign, die, transfer out and retire
//! at the end of the fiscal year in which they complete 60. The events are then grouped into
//! orders per issuing agency, kind and month, as agencies issue them. The same seed and the
//! same `today` always give the same dataset.

use std::collections::BTreeMap;

use bmahr_core::law::retirement::retirement_date;
use bmahr_core::org::UnitKind;
use bmahr_core::person::{Gender, Title};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::{NationalId, ThaiDate};
use fastrand::Rng;

use super::model::{Action, Dataset, NameParts, Order, Person, PositionRow, Unit};
use super::names::{
    EDUCATION_BASIC, EDUCATION_DEGREE, FEMALE, LINES_ORDINARY, LINES_PERMANENT, LINES_TEACHER,
    LINES_TEMPORARY, MALE, SURNAME_HEAD, SURNAME_TAIL,
};
use super::structure::{
    AGENCIES, DISTRICTS, HOSPITALS, MISSION_GROUPS, PILOT_DISTRICTS, RESTRUCTURE_DATE,
    SCHOOLS_PER_DISTRICT, SECTIONS,
};

/// Shares of the workforce (seed 004): 16,000 teachers, 23,000 ordinary civil servants,
/// 32,000 permanent and 16,000 temporary employees of 87,000.
pub const SHARES: [(Category, u32); 4] = [
    (Category::Teacher, 16),
    (Category::Ordinary, 23),
    (Category::PermanentEmployee, 32),
    (Category::TemporaryEmployee, 16),
];

/// Share of frame positions left vacant.
pub const VACANCY_RATE: f64 = 0.05;

const FRAME_APPROVAL: &str = "มติ ก.ก. ครั้งที่ 10/2548";
const RESTRUCTURE_APPROVAL: &str = "มติ ก.ก. ครั้งที่ 8/2568";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ladder {
    Knowledge,
    General,
    Teacher,
    Permanent,
    Temporary,
    /// Head-of-unit positions: fixed level, filled by promoting someone from below.
    Fixed,
}

impl Ladder {
    fn levels(self) -> &'static [Level] {
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
    fn promotion(self, i: usize) -> Option<(i32, f64)> {
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
fn base_salary(level: Level) -> i64 {
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
fn round10(satang: i64) -> i64 {
    (satang + 999) / 1000 * 1000
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum St {
    Active,
    Suspended,
    Gone,
}

struct SimPerson {
    retire_on: ThaiDate,
    category: Category,
    pos: usize,
    ladder_i: usize,
    level_since: ThaiDate,
    salary: i64,
    st: St,
    suspended_until: Option<ThaiDate>,
    female: bool,
    /// Date of the person's latest event: two events on one day would leave their order
    /// of application to the order numbers, so the simulation never makes them.
    last_event: ThaiDate,
}

struct SimPosition {
    no: String,
    unit: i64,
    agency: usize,
    category: Category,
    ladder: Ladder,
    level: Level,
    row: usize,
    holder: Option<usize>,
    line: &'static str,
    admin_title: String,
}

/// Something that happened, before it is put into an order.
struct Event {
    date: ThaiDate,
    kind: ActionKind,
    person: usize,
    position_row: Option<usize>,
    salary: Option<i64>,
    penalty: Option<PenaltyKind>,
    pct: Option<i64>,
    months: Option<i64>,
    separation: Option<SeparationReason>,
    /// Agency index that issues the order; `None` = the Permanent Secretary (BMA root).
    issuer: Option<usize>,
    reason: &'static str,
}

struct AgencyInfo {
    unit: i64,
    authority: String,
    signer: String,
}

pub struct Generator {
    rng: Rng,
    today: ThaiDate,
    ds: Dataset,
    agencies: Vec<AgencyInfo>,
    people: Vec<SimPerson>,
    positions: Vec<SimPosition>,
    vacant: BTreeMap<Category, Vec<usize>>,
    vacant_fixed: Vec<usize>,
    targets: BTreeMap<Category, usize>,
    in_service: BTreeMap<Category, usize>,
    events: Vec<Event>,
    next_unit: i64,
    person_seq: u64,
    seed: u64,
}

fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap_or(ThaiDate::from_naive(chrono::NaiveDate::MIN))
}

/// The first day of the simulated history: 1 October 2006, the start of FY 2550.
pub fn history_start() -> ThaiDate {
    d(2006, 10, 1)
}

/// Valid-from of the structure and frame that the history starts with.
const EARLIEST: (i32, u32, u32) = (1960, 1, 1);

fn add_months(x: ThaiDate, months: i32) -> ThaiDate {
    let total = x.year_ce() * 12 + x.month() as i32 - 1 + months;
    d(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
}

impl Generator {
    pub fn new(people: usize, seed: u64, today: ThaiDate) -> Self {
        let mut targets = BTreeMap::new();
        let total: u32 = SHARES.iter().map(|s| s.1).sum();
        let mut assigned = 0;
        for (i, (c, share)) in SHARES.iter().enumerate() {
            let n = if i + 1 == SHARES.len() {
                people - assigned
            } else {
                people * *share as usize / total as usize
            };
            assigned += n;
            targets.insert(*c, n);
        }
        Generator {
            rng: Rng::with_seed(seed),
            today,
            ds: Dataset::default(),
            agencies: Vec::new(),
            people: Vec::new(),
            positions: Vec::new(),
            vacant: BTreeMap::new(),
            vacant_fixed: Vec::new(),
            targets,
            in_service: BTreeMap::new(),
            events: Vec::new(),
            next_unit: 1,
            person_seq: 0,
            seed,
        }
    }

    /// Runs the whole simulation; `tick` is called once per simulated month.
    pub fn run(mut self, mut tick: impl FnMut(u64, u64)) -> Dataset {
        let (units_by_cat, fixed) = self.build_units();
        self.build_frame(&units_by_cat, fixed);
        let start = history_start();
        self.populate(start);
        let months = {
            let t = self.today;
            ((t.year_ce() - start.year_ce()) * 12 + t.month() as i32 - start.month() as i32 + 1)
                .max(1)
        };
        for m in 0..months {
            let first = add_months(start, m);
            self.month(first, m == 0);
            tick(m as u64 + 1, months as u64);
        }
        self.top_up(self.today);
        self.holidays();
        self.into_orders()
    }

    // ---- structure -------------------------------------------------------------------

    fn unit(
        &mut self,
        code: String,
        parent: Option<i64>,
        kind: UnitKind,
        th: String,
        en: String,
        from: ThaiDate,
    ) -> i64 {
        let id = self.next_unit;
        self.next_unit += 1;
        self.ds.units.push(Unit {
            id,
            code,
            parent,
            kind,
            name_th: th,
            name_en: en,
            from,
            to: None,
        });
        id
    }

    /// Builds the unit tree. Returns, per category, (unit, agency, weight) where its people
    /// work, and the head-of-unit positions (unit, agency, level, title).
    #[allow(clippy::type_complexity)]
    fn build_units(
        &mut self,
    ) -> (
        BTreeMap<Category, Vec<(i64, usize, u32)>>,
        Vec<(i64, usize, Level, String)>,
    ) {
        let from = d(EARLIEST.0, EARLIEST.1, EARLIEST.2);
        let root = self.unit(
            "BMA".into(),
            None,
            UnitKind::Bma,
            "กรุงเทพมหานคร".into(),
            "Bangkok Metropolitan Administration".into(),
            from,
        );
        self.agencies.push(AgencyInfo {
            unit: root,
            authority: "ปลัดกรุงเทพมหานคร".into(),
            signer: String::new(),
        });
        let mut w: BTreeMap<Category, Vec<(i64, usize, u32)>> = BTreeMap::new();
        let mut fixed = Vec::new();
        for (code, kind, th, en, divisions) in AGENCIES {
            let kind = UnitKind::parse(kind).unwrap_or(UnitKind::Department);
            let id = self.unit(
                (*code).into(),
                Some(root),
                kind,
                (*th).into(),
                (*en).into(),
                from,
            );
            let ai = self.agencies.len();
            let head = if *code == "OCSC" {
                "หัวหน้าสำนักงาน ก.ก.".to_string()
            } else {
                format!("ผู้อำนวยการ{th}")
            };
            self.agencies.push(AgencyInfo {
                unit: id,
                authority: head.clone(),
                signer: String::new(),
            });
            fixed.push((id, ai, Level::ExecutiveSenior, head));
            fixed.push((id, ai, Level::ExecutiveJunior, format!("รองผู้อำนวยการ{th}")));
            let heavy = matches!(*code, "ENV" | "DDS" | "PW" | "FIRE" | "CLE");
            for (i, (dth, den)) in divisions.iter().enumerate() {
                let div = self.unit(
                    format!("{code}-{:02}", i + 1),
                    Some(id),
                    UnitKind::Division,
                    (*dth).into(),
                    (*den).into(),
                    from,
                );
                fixed.push((div, ai, Level::ManagerialSenior, format!("ผู้อำนวยการ{dth}")));
                w.entry(Category::Ordinary).or_default().push((div, ai, 12));
                w.entry(Category::PermanentEmployee).or_default().push((
                    div,
                    ai,
                    if heavy { 60 } else { 15 },
                ));
                w.entry(Category::TemporaryEmployee).or_default().push((
                    div,
                    ai,
                    if heavy { 30 } else { 10 },
                ));
            }
            if *code == "MED" {
                for (i, (hth, hen)) in HOSPITALS.iter().enumerate() {
                    let h = self.unit(
                        format!("MED-H{:02}", i + 1),
                        Some(id),
                        UnitKind::Hospital,
                        (*hth).into(),
                        (*hen).into(),
                        from,
                    );
                    fixed.push((h, ai, Level::ManagerialSenior, format!("ผู้อำนวยการ{hth}")));
                    w.entry(Category::Ordinary).or_default().push((h, ai, 60));
                    w.entry(Category::PermanentEmployee)
                        .or_default()
                        .push((h, ai, 30));
                    w.entry(Category::TemporaryEmployee)
                        .or_default()
                        .push((h, ai, 20));
                }
            }
        }
        for (code, th, en) in DISTRICTS {
            let id = self.unit(
                format!("D-{code}"),
                Some(root),
                UnitKind::District,
                format!("สำนักงานเขต{th}"),
                format!("{en} District Office"),
                from,
            );
            let ai = self.agencies.len();
            let head = format!("ผู้อำนวยการเขต{th}");
            self.agencies.push(AgencyInfo {
                unit: id,
                authority: head.clone(),
                signer: String::new(),
            });
            fixed.push((id, ai, Level::ManagerialSenior, head));
            fixed.push((
                id,
                ai,
                Level::ManagerialJunior,
                format!("ผู้ช่วยผู้อำนวยการเขต{th}"),
            ));
            for (scode, sth, sen, _) in SECTIONS {
                let s = self.unit(
                    format!("D-{code}-{scode}"),
                    Some(id),
                    UnitKind::Section,
                    sth.into(),
                    sen.into(),
                    from,
                );
                fixed.push((s, ai, Level::ManagerialJunior, format!("หัวหน้า{sth}")));
                w.entry(Category::Ordinary).or_default().push((s, ai, 4));
                let clean = scode == "CLN";
                w.entry(Category::PermanentEmployee).or_default().push((
                    s,
                    ai,
                    if clean { 20 } else { 2 },
                ));
                w.entry(Category::TemporaryEmployee).or_default().push((
                    s,
                    ai,
                    if clean { 6 } else { 2 },
                ));
            }
            for k in 0..SCHOOLS_PER_DISTRICT {
                let s = self.unit(
                    format!("D-{code}-S{:02}", k + 1),
                    Some(id),
                    UnitKind::School,
                    format!("โรงเรียนสังกัดกรุงเทพมหานคร เขต{th} แห่งที่ {}", k + 1),
                    format!("BMA School {} of {en}", k + 1),
                    from,
                );
                fixed.push((
                    s,
                    ai,
                    Level::TeacherSeniorProfessional,
                    "ผู้อำนวยการสถานศึกษา".into(),
                ));
                w.entry(Category::Teacher).or_default().push((s, ai, 1));
                w.entry(Category::TemporaryEmployee)
                    .or_default()
                    .push((s, ai, 1));
            }
        }
        // The signer of each agency's orders, named once so every order agrees.
        for i in 0..self.agencies.len() {
            let f = MALE[(i * 7 + self.seed as usize) % MALE.len()].0;
            let h = SURNAME_HEAD[(i * 5) % SURNAME_HEAD.len()].0;
            let t = SURNAME_TAIL[(i * 11 + 3) % SURNAME_TAIL.len()].0;
            self.agencies[i].signer = format!("นาย{f} {h}{t}");
        }
        (w, fixed)
    }

    fn new_position_row(
        &mut self,
        pos: usize,
        level: Level,
        from: ThaiDate,
        approval: &'static str,
    ) -> usize {
        let p = &self.positions[pos];
        let row = self.ds.positions.len();
        self.ds.positions.push(PositionRow {
            id: row as i64 + 1,
            no: p.no.clone(),
            unit: p.unit,
            category: p.category,
            level,
            line: p.line,
            admin_title: p.admin_title.clone(),
            from,
            to: None,
            approval,
        });
        row
    }

    /// Re-grades a position from `from` (a new row; the old one ends the day before).
    fn regrade(&mut self, pos: usize, level: Level, from: ThaiDate) -> usize {
        let row = self.positions[pos].row;
        if self.positions[pos].level == level {
            return row;
        }
        if self.ds.positions[row].from == from {
            self.ds.positions[row].level = level;
        } else {
            self.ds.positions[row].to = Some(from.add_days(-1));
            let r = self.new_position_row(pos, level, from, FRAME_APPROVAL);
            self.positions[pos].row = r;
        }
        self.positions[pos].level = level;
        self.positions[pos].row
    }

    fn build_frame(
        &mut self,
        w: &BTreeMap<Category, Vec<(i64, usize, u32)>>,
        fixed: Vec<(i64, usize, Level, String)>,
    ) {
        let from = d(EARLIEST.0, EARLIEST.1, EARLIEST.2);
        let mut no = 100_000u32;
        // Head-of-unit positions first; they count in their category's frame. A small
        // dataset keeps only the highest of them (at most a fifth of the frame).
        let category_of = |level: Level| {
            if level.position_type() == bmahr_core::personnel::PositionType::Teaching {
                Category::Teacher
            } else {
                Category::Ordinary
            }
        };
        let rank = |level: Level| match level {
            Level::ExecutiveSenior => 0,
            Level::ManagerialSenior | Level::ExecutiveJunior => 1,
            _ => 2,
        };
        let mut fixed = fixed;
        fixed.sort_by_key(|f| rank(f.2));
        let mut fixed_count: BTreeMap<Category, usize> = BTreeMap::new();
        for (unit, agency, level, title) in fixed {
            let category = category_of(level);
            let frame = ((self.targets.get(&category).copied().unwrap_or(0) as f64)
                / (1.0 - VACANCY_RATE))
                .ceil() as usize;
            if fixed_count.get(&category).copied().unwrap_or(0) >= frame / 5 {
                continue;
            }
            *fixed_count.entry(category).or_default() += 1;
            no += 1;
            let idx = self.positions.len();
            self.positions.push(SimPosition {
                no: no.to_string(),
                unit,
                agency,
                category,
                ladder: Ladder::Fixed,
                level,
                row: 0,
                holder: None,
                line: if category == Category::Teacher {
                    "ผู้บริหารสถานศึกษา"
                } else {
                    "นักบริหาร"
                },
                admin_title: title,
            });
            let row = self.new_position_row(idx, level, from, FRAME_APPROVAL);
            self.positions[idx].row = row;
        }
        for (category, target) in self.targets.clone() {
            let frame = ((target as f64) / (1.0 - VACANCY_RATE)).ceil() as usize;
            let frame = frame
                .saturating_sub(*fixed_count.get(&category).unwrap_or(&0))
                .max(1);
            let Some(places) = w.get(&category) else {
                continue;
            };
            let total_w: u64 = places.iter().map(|p| u64::from(p.2)).sum();
            // Largest-remainder apportionment keeps the frame size exact.
            let mut shares: Vec<(usize, usize, u64)> = places
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let exact = frame as u64 * u64::from(p.2);
                    (i, (exact / total_w) as usize, exact % total_w)
                })
                .collect();
            let mut left = frame - shares.iter().map(|s| s.1).sum::<usize>();
            shares.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
            for s in shares.iter_mut() {
                if left == 0 {
                    break;
                }
                s.1 += 1;
                left -= 1;
            }
            shares.sort_by_key(|s| s.0);
            for (i, count, _) in shares {
                let (unit, agency, _) = places[i];
                for _ in 0..count {
                    let (ladder, line) = match category {
                        Category::Ordinary => {
                            let (l, k) = LINES_ORDINARY[self.rng.usize(..LINES_ORDINARY.len())];
                            (
                                if k {
                                    Ladder::Knowledge
                                } else {
                                    Ladder::General
                                },
                                l,
                            )
                        }
                        Category::Teacher => (Ladder::Teacher, LINES_TEACHER[0]),
                        Category::PermanentEmployee => (
                            Ladder::Permanent,
                            LINES_PERMANENT[self.rng.usize(..LINES_PERMANENT.len())],
                        ),
                        _ => (
                            Ladder::Temporary,
                            LINES_TEMPORARY[self.rng.usize(..LINES_TEMPORARY.len())],
                        ),
                    };
                    // A few skilled-trade employee positions are graded S3/S4 (seed 004).
                    let (ladder, level) = if ladder == Ladder::Permanent && self.rng.f64() < 0.04 {
                        (
                            Ladder::Fixed,
                            if self.rng.bool() {
                                Level::EmployeeS3
                            } else {
                                Level::EmployeeS4
                            },
                        )
                    } else {
                        (ladder, ladder.levels()[0])
                    };
                    no += 1;
                    let idx = self.positions.len();
                    self.positions.push(SimPosition {
                        no: no.to_string(),
                        unit,
                        agency,
                        category,
                        ladder,
                        level,
                        row: 0,
                        holder: None,
                        line,
                        admin_title: String::new(),
                    });
                    let row = self.new_position_row(idx, level, from, FRAME_APPROVAL);
                    self.positions[idx].row = row;
                }
            }
        }
        for (i, p) in self.positions.iter().enumerate() {
            if p.ladder == Ladder::Fixed && p.admin_title.is_empty() {
                // S3/S4 employee positions are filled by hiring like the others.
                self.vacant.entry(p.category).or_default().push(i);
            } else if p.ladder == Ladder::Fixed {
                self.vacant_fixed.push(i);
            } else {
                self.vacant.entry(p.category).or_default().push(i);
            }
        }
    }

    // ---- people ----------------------------------------------------------------------

    /// A new person of `category`, `age` years old on `on`.
    fn new_person(&mut self, category: Category, age: i32, on: ThaiDate) -> usize {
        let female = self.rng.f64()
            < if category == Category::Teacher {
                0.72
            } else {
                0.55
            };
        let birth = on.add_years(-age).add_days(-(self.rng.i64(0..365)));
        let idx = self.people.len();
        self.person_seq += 1;
        // 9 digits from the person's number by a bijection (3^18 is prime to 10^9), so IDs
        // never repeat; the first digit says registered before (3) or after (1) 1984.
        let body = (self
            .person_seq
            .wrapping_mul(387_420_489)
            .wrapping_add(self.seed.wrapping_mul(7_919)))
            % 1_000_000_000;
        let mut first12 = [0u8; 12];
        first12[0] = if birth.year_ce() < 1984 { 3 } else { 1 };
        first12[1] = 1;
        first12[2] = self.rng.u8(0..10);
        let mut b = body;
        for k in (3..12).rev() {
            first12[k] = (b % 10) as u8;
            b /= 10;
        }
        let national_id = NationalId::from_first12(first12);
        let title = if !female {
            if self.rng.f64() < 0.02 {
                Title::ActingSubLt
            } else {
                Title::Mr
            }
        } else if age >= 30 && self.rng.f64() < 0.55 {
            Title::Mrs
        } else {
            Title::Miss
        };
        let first = self.rng.u8(0..48);
        let names = vec![NameParts {
            from: birth,
            title,
            first,
            head: self.rng.u8(0..SURNAME_HEAD.len() as u8),
            tail: self.rng.u8(0..SURNAME_TAIL.len() as u8),
        }];
        let education = match category {
            Category::Ordinary | Category::Teacher => {
                let r = self.rng.f64();
                EDUCATION_DEGREE[if r < 0.6 {
                    0
                } else if r < 0.97 {
                    1
                } else {
                    2
                }]
            }
            _ => EDUCATION_BASIC[self.rng.usize(..EDUCATION_BASIC.len())],
        };
        let phone = format!(
            "08{}-{:03}-{:04}",
            self.rng.u8(1..10),
            self.rng.u16(0..1000),
            self.rng.u16(0..10000)
        );
        self.ds.people.push(Person {
            id: idx as i64 + 1,
            national_id,
            birth,
            gender: if female { Gender::Female } else { Gender::Male },
            education,
            phone,
            created: on,
            names,
            orders: 0,
        });
        self.people.push(SimPerson {
            retire_on: retirement_date(birth),
            category,
            pos: usize::MAX,
            ladder_i: 0,
            level_since: on,
            salary: 0,
            st: St::Gone,
            suspended_until: None,
            female,
            last_event: ThaiDate::from_naive(chrono::NaiveDate::MIN),
        });
        idx
    }

    fn take_vacancy(&mut self, category: Category) -> Option<usize> {
        let v = self.vacant.get_mut(&category)?;
        if v.is_empty() {
            return None;
        }
        let i = self.rng.usize(..v.len());
        Some(v.swap_remove(i))
    }

    fn free(&mut self, pos: usize) {
        self.positions[pos].holder = None;
        let p = &self.positions[pos];
        if p.ladder == Ladder::Fixed && !p.admin_title.is_empty() {
            self.vacant_fixed.push(pos);
        } else {
            self.vacant.entry(p.category).or_default().push(pos);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        date: ThaiDate,
        kind: ActionKind,
        person: usize,
        position_row: Option<usize>,
        salary: Option<i64>,
        reason: &'static str,
    ) -> &mut Event {
        let issuer = Some(self.positions[self.people[person].pos].agency);
        self.people[person].last_event = date;
        self.events.push(Event {
            date,
            kind,
            person,
            position_row,
            salary,
            penalty: None,
            pct: None,
            months: None,
            separation: None,
            issuer,
            reason,
        });
        let last = self.events.len() - 1;
        &mut self.events[last]
    }

    /// Appoints a person into a position on a date (or, before the history, on their start).
    /// `initial`: the frame's first row takes the level (no history before it to keep).
    fn appoint(&mut self, person: usize, pos: usize, on: ThaiDate, ladder_i: usize, initial: bool) {
        let level = match self.positions[pos].ladder {
            Ladder::Fixed => self.positions[pos].level,
            l => l.levels()[ladder_i.min(l.levels().len() - 1)],
        };
        let row = if initial {
            let r = self.positions[pos].row;
            self.ds.positions[r].level = level;
            self.positions[pos].level = level;
            r
        } else {
            self.regrade(pos, level, on)
        };
        let salary = round10(base_salary(level) * 100);
        let p = &mut self.people[person];
        p.pos = pos;
        p.ladder_i = ladder_i;
        p.level_since = on;
        p.salary = salary;
        p.st = St::Active;
        self.positions[pos].holder = Some(person);
        *self.in_service.entry(p.category).or_default() += 1;
        self.event(
            on,
            ActionKind::Appoint,
            person,
            Some(row),
            Some(salary),
            "บรรจุและแต่งตั้ง",
        );
    }

    /// The people in service when the history starts, with their earlier careers summed up
    /// in one appointment each.
    fn populate(&mut self, start: ThaiDate) {
        // Heads of units first, experienced people appointed long ago.
        for pos in std::mem::take(&mut self.vacant_fixed) {
            let category = self.positions[pos].category;
            if self.in_service.get(&category).copied().unwrap_or(0) >= self.targets[&category] {
                self.vacant_fixed.push(pos);
                continue;
            }
            let age = self.rng.i32(48..=58);
            let person = self.new_person(category, age, start);
            let began = start
                .add_years(-(age - 24))
                .add_days(-(self.rng.i64(1..300)));
            self.ds.people[person].created = began;
            self.appoint(person, pos, began, 0, true);
        }
        for (category, target) in self.targets.clone() {
            let have = self.in_service.get(&category).copied().unwrap_or(0);
            for _ in have..target {
                let age = self.pyramid_age(category);
                let min_start = if category == Category::TemporaryEmployee {
                    18
                } else {
                    22
                };
                let years = self.rng.i32(0..=(age - min_start).max(0));
                let Some(pos) = self.take_vacancy(category) else {
                    break;
                };
                let person = self.new_person(category, age, start);
                let ladder = self.positions[pos].ladder;
                let ladder_i = match ladder {
                    Ladder::Knowledge | Ladder::General => (years / 7) as usize,
                    Ladder::Teacher => (1 + years / 6) as usize,
                    Ladder::Permanent => (years / 10) as usize,
                    _ => 0,
                }
                .min(ladder.levels().len().saturating_sub(1));
                let began = start.add_years(-years).add_days(-(self.rng.i64(1..300)));
                self.ds.people[person].created = began;
                self.appoint(person, pos, began, ladder_i, true);
                self.people[person].level_since =
                    start.add_years(-(self.rng.i32(0..=years.min(6))));
            }
        }
        self.fill_heads(start);
    }

    /// An age for someone serving when the history starts: few under 25, most 30–55.
    fn pyramid_age(&mut self, category: Category) -> i32 {
        let lo = if category == Category::TemporaryEmployee {
            19
        } else {
            23
        };
        loop {
            let a = self.rng.i32(lo..=59);
            let w = if a < 30 {
                0.6
            } else if a < 50 {
                1.0
            } else {
                0.8
            };
            if self.rng.f64() < w {
                return a;
            }
        }
    }

    /// Fills vacant head-of-unit positions by promoting the most senior suitable person of
    /// the same agency and category.
    fn fill_heads(&mut self, on: ThaiDate) {
        let heads = std::mem::take(&mut self.vacant_fixed);
        if heads.is_empty() {
            return;
        }
        // Who may be promoted, by (agency, category), in register order; each is checked
        // again below, since an earlier pick of this call is no longer free. One pass over
        // everyone instead of one per vacancy (4 of the demo's 9 s of simulation).
        let mut pool: std::collections::HashMap<(usize, Category), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, p) in self.people.iter().enumerate() {
            if p.st == St::Active && p.pos != usize::MAX {
                let pp = &self.positions[p.pos];
                if pp.ladder != Ladder::Fixed {
                    pool.entry((pp.agency, p.category)).or_default().push(i);
                }
            }
        }
        for pos in heads {
            let (agency, category, unit) = (
                self.positions[pos].agency,
                self.positions[pos].category,
                self.positions[pos].unit,
            );
            // Prefer someone in the same unit, then the same agency.
            let mut best: Option<(usize, (bool, usize))> = None;
            let candidates = pool.get(&(agency, category)).map_or(&[][..], Vec::as_slice);
            for &i in candidates {
                let p = &self.people[i];
                if p.st != St::Active || p.category != category || p.pos == usize::MAX {
                    continue;
                }
                let pp = &self.positions[p.pos];
                if pp.agency != agency
                    || pp.ladder == Ladder::Fixed
                    || on > p.retire_on.add_days(-400)
                    || p.last_event >= on
                {
                    continue;
                }
                let key = (pp.unit == unit, p.ladder_i);
                if best.is_none_or(|(_, k)| key > k) {
                    best = Some((i, key));
                }
            }
            match best {
                None => self.vacant_fixed.push(pos),
                Some((person, _)) => {
                    let old = self.people[person].pos;
                    self.free(old);
                    let level = self.positions[pos].level;
                    let row = self.positions[pos].row;
                    let salary = round10(
                        self.people[person].salary.max(base_salary(level) * 100) * 106 / 100,
                    );
                    let p = &mut self.people[person];
                    p.pos = pos;
                    p.level_since = on;
                    p.salary = salary;
                    self.positions[pos].holder = Some(person);
                    self.event(
                        on,
                        ActionKind::Promote,
                        person,
                        Some(row),
                        Some(salary),
                        "แต่งตั้งให้ดำรงตำแหน่งผู้บริหาร",
                    );
                }
            }
        }
    }

    // ---- the months ------------------------------------------------------------------

    fn month(&mut self, first: ThaiDate, is_first: bool) {
        let today = self.today;
        let last_day_allowed = |x: ThaiDate| x <= today;
        // 1 October: the structure change of the pilot districts, then salary steps.
        if first.month() == 10 && !is_first {
            let (y, m, dd) = RESTRUCTURE_DATE;
            if first == d(y, m, dd) {
                self.restructure(first);
            }
            self.salary_steps(first);
        }
        if matches!(first.month(), 12 | 4 | 7) {
            self.top_up(first);
        }
        let days_in_month = (add_months(first, 1).add_days(-1)).day() as i64;
        for i in 0..self.people.len() {
            let p = &self.people[i];
            if p.st == St::Gone {
                continue;
            }
            if p.st == St::Suspended {
                if p.suspended_until.is_some_and(|u| u <= first) {
                    let pos_row = self.positions[p.pos].row;
                    self.people[i].st = St::Active;
                    self.people[i].suspended_until = None;
                    let _ = pos_row;
                    self.event(
                        first,
                        ActionKind::Reinstate,
                        i,
                        None,
                        None,
                        "สั่งให้กลับเข้ารับราชการ",
                    );
                }
                continue;
            }
            let day = first.add_days(self.rng.i64(1..days_in_month));
            if !last_day_allowed(day) {
                continue;
            }
            let cat = p.category;
            let r = self.rng.f64() * 12.0;
            let resign = match cat {
                Category::TemporaryEmployee => 0.08,
                Category::Teacher => 0.01,
                _ => 0.015,
            };
            let civil = cat.is_civil_servant();
            let mut acc = resign;
            if r < acc {
                self.separate(i, day, SeparationReason::Resignation, "ลาออกจากราชการ");
                continue;
            }
            acc += 0.0015;
            if r < acc {
                self.separate(i, day, SeparationReason::Death, "ถึงแก่กรรม");
                continue;
            }
            acc += if civil { 0.003 } else { 0.0 };
            if r < acc {
                self.separate(
                    i,
                    day,
                    SeparationReason::TransferOut,
                    "ให้โอนไปรับราชการสังกัดอื่น",
                );
                continue;
            }
            acc += 0.0003;
            if r < acc {
                let kind = if self.rng.bool() {
                    PenaltyKind::Dismissal
                } else {
                    PenaltyKind::Discharge
                };
                let ev = self.event(
                    day,
                    ActionKind::Penalty,
                    i,
                    None,
                    None,
                    "ลงโทษทางวินัยอย่างร้ายแรง",
                );
                ev.penalty = Some(kind);
                self.leave(i);
                continue;
            }
            acc += 0.002;
            if r < acc {
                self.minor_penalty(i, day);
                continue;
            }
            acc += 0.0002;
            if r < acc {
                self.people[i].st = St::Suspended;
                self.people[i].suspended_until = Some(add_months(first, self.rng.i32(3..10)));
                self.event(
                    day,
                    ActionKind::Suspend,
                    i,
                    None,
                    None,
                    "สั่งพักราชการระหว่างสอบสวน",
                );
                continue;
            }
            acc += if civil { 0.015 } else { 0.0 };
            if r < acc {
                self.move_person(i, day);
                continue;
            }
            self.maybe_promote(i, day);
        }
        self.name_changes(first);
        self.fill_heads(first);
        // 30 September: those completing 60 in this fiscal year retire; the separation takes
        // effect the next day, 1 October.
        if first.month() == 9 {
            let next = add_months(first, 1);
            if next <= today {
                for i in 0..self.people.len() {
                    let p = &self.people[i];
                    if p.st != St::Gone && p.retire_on < next {
                        self.separate(i, next, SeparationReason::Retirement, "เกษียณอายุราชการ");
                    }
                }
            }
        }
    }

    fn leave(&mut self, i: usize) {
        let pos = self.people[i].pos;
        self.people[i].st = St::Gone;
        if let Some(n) = self.in_service.get_mut(&self.people[i].category) {
            *n -= 1;
        }
        self.free(pos);
    }

    fn separate(&mut self, i: usize, on: ThaiDate, why: SeparationReason, reason: &'static str) {
        let kind = if why == SeparationReason::TransferOut {
            ActionKind::TransferOut
        } else {
            ActionKind::Separate
        };
        let ev = self.event(on, kind, i, None, None, reason);
        ev.separation = Some(why);
        self.leave(i);
    }

    fn minor_penalty(&mut self, i: usize, day: ThaiDate) {
        let r = self.rng.f64();
        if r < 0.5 {
            self.event(
                day,
                ActionKind::Penalty,
                i,
                None,
                None,
                "ลงโทษทางวินัยไม่ร้ายแรง",
            )
            .penalty = Some(PenaltyKind::Probation);
        } else if r < 0.85 {
            let pct = if self.rng.bool() { 2 } else { 4 };
            let months = self.rng.i64(1..4);
            let ev = self.event(
                day,
                ActionKind::Penalty,
                i,
                None,
                None,
                "ลงโทษทางวินัยไม่ร้ายแรง",
            );
            ev.penalty = Some(PenaltyKind::SalaryCut);
            ev.pct = Some(pct);
            ev.months = Some(months);
        } else {
            let salary = round10(self.people[i].salary * 96 / 100);
            self.people[i].salary = salary;
            self.event(
                day,
                ActionKind::Penalty,
                i,
                None,
                Some(salary),
                "ลงโทษทางวินัยไม่ร้ายแรง",
            )
            .penalty = Some(PenaltyKind::SalaryReduction);
        }
    }

    fn move_person(&mut self, i: usize, on: ThaiDate) {
        let cat = self.people[i].category;
        let old = self.people[i].pos;
        if self.positions[old].ladder == Ladder::Fixed {
            return;
        }
        let Some(new) = self.take_vacancy(cat) else {
            return;
        };
        if self.positions[new].ladder != self.positions[old].ladder {
            self.vacant.entry(cat).or_default().push(new);
            return;
        }
        let level = self.positions[old].level;
        let row = self.regrade(new, level, on);
        let cross = self.positions[new].agency != self.positions[old].agency;
        self.free(old);
        self.positions[new].holder = Some(i);
        self.people[i].pos = new;
        // A move across agencies is ordered by the Permanent Secretary (§52 para 3).
        let issuer = if cross {
            None
        } else {
            Some(self.positions[new].agency)
        };
        let ev = self.event(on, ActionKind::Move, i, Some(row), None, "ย้ายและแต่งตั้ง");
        ev.issuer = issuer;
    }

    fn maybe_promote(&mut self, i: usize, on: ThaiDate) {
        let (pos, ladder_i, since, old_salary) = {
            let p = &self.people[i];
            (p.pos, p.ladder_i, p.level_since, p.salary)
        };
        let ladder = self.positions[pos].ladder;
        let Some((years, chance)) = ladder.promotion(ladder_i) else {
            return;
        };
        if since.add_years(years) > on || self.rng.f64() >= chance / 12.0 {
            return;
        }
        let next = ladder_i + 1;
        let level = ladder.levels()[next];
        let row = self.regrade(pos, level, on);
        let salary = round10((old_salary * 106 / 100).max(base_salary(level) * 100));
        let p = &mut self.people[i];
        p.ladder_i = next;
        p.level_since = on;
        p.salary = salary;
        self.event(
            on,
            ActionKind::Promote,
            i,
            Some(row),
            Some(salary),
            "เลื่อนระดับ",
        );
    }

    fn salary_steps(&mut self, on: ThaiDate) {
        for i in 0..self.people.len() {
            if self.people[i].st != St::Active {
                continue;
            }
            let pct = 200 + self.rng.i64(0..300); // 2.00–4.99 %
            let salary = round10(self.people[i].salary * (10_000 + pct) / 10_000);
            self.people[i].salary = salary;
            self.event(
                on,
                ActionKind::SalaryChange,
                i,
                None,
                Some(salary),
                "เลื่อนเงินเดือน",
            );
        }
    }

    /// Hires into vacancies until each category is back at its target headcount.
    fn top_up(&mut self, on: ThaiDate) {
        if on > self.today {
            return;
        }
        for (category, target) in self.targets.clone() {
            let have = *self.in_service.get(&category).unwrap_or(&0);
            for _ in have..target {
                let (pos, age) = match self.take_vacancy(category) {
                    Some(pos) => (
                        pos,
                        match category {
                            Category::TemporaryEmployee => self.rng.i32(19..=45),
                            _ => self.rng.i32(22..=35),
                        },
                    ),
                    // Only a small dataset runs out of ordinary posts: hire a head directly.
                    None => match self
                        .vacant_fixed
                        .iter()
                        .position(|p| self.positions[*p].category == category)
                    {
                        Some(k) => (self.vacant_fixed.swap_remove(k), self.rng.i32(40..=52)),
                        None => break,
                    },
                };
                let person = self.new_person(category, age, on);
                self.appoint(person, pos, on, 0, false);
            }
        }
    }

    fn name_changes(&mut self, on: ThaiDate) {
        for i in 0..self.people.len() {
            let p = &self.people[i];
            if p.st == St::Gone || !p.female || self.rng.f64() >= 0.004 / 12.0 {
                continue;
            }
            let names = &mut self.ds.people[i].names;
            let Some(last) = names.last().copied() else {
                continue;
            };
            if last.title != Title::Miss {
                continue;
            }
            names.push(NameParts {
                from: on,
                title: Title::Mrs,
                first: last.first,
                head: self.rng.u8(0..SURNAME_HEAD.len() as u8),
                tail: self.rng.u8(0..SURNAME_TAIL.len() as u8),
            });
        }
    }

    /// DOMAIN §5: in the four pilot districts the ten sections close and six mission groups
    /// open; positions are re-homed (new rows, same numbers) and their holders moved.
    fn restructure(&mut self, on: ThaiDate) {
        for code in PILOT_DISTRICTS {
            let dcode = format!("D-{code}");
            let Some(district) = self.ds.units.iter().find(|u| u.code == dcode).map(|u| u.id)
            else {
                continue;
            };
            let mut groups = Vec::new();
            for (g, th, en) in MISSION_GROUPS {
                let id = self.unit(
                    format!("{dcode}-{g}"),
                    Some(district),
                    UnitKind::MissionGroup,
                    th.into(),
                    en.into(),
                    on,
                );
                groups.push(id);
            }
            for (scode, _, _, g) in SECTIONS {
                let scode = format!("{dcode}-{scode}");
                let Some(u) = self.ds.units.iter_mut().find(|u| u.code == scode) else {
                    continue;
                };
                u.to = Some(on.add_days(-1));
                let section = u.id;
                for pos in 0..self.positions.len() {
                    if self.positions[pos].unit != section {
                        continue;
                    }
                    let row = self.positions[pos].row;
                    self.ds.positions[row].to = Some(on.add_days(-1));
                    self.positions[pos].unit = groups[g];
                    if self.positions[pos].admin_title.starts_with("หัวหน้า") {
                        self.positions[pos].admin_title = format!("หัวหน้า{}", MISSION_GROUPS[g].1);
                    }
                    let level = self.positions[pos].level;
                    let r = self.new_position_row(pos, level, on, RESTRUCTURE_APPROVAL);
                    self.positions[pos].row = r;
                    if let Some(h) = self.positions[pos].holder {
                        if self.people[h].st != St::Gone {
                            self.event(
                                on,
                                ActionKind::Move,
                                h,
                                Some(r),
                                None,
                                "ปรับโครงสร้างเป็นกลุ่มภารกิจ",
                            );
                        }
                    }
                }
            }
        }
    }

    fn holidays(&mut self) {
        for y in history_start().year_ce()..=self.today.year_ce() + 1 {
            self.ds.holidays.extend(super::holidays::fixed_holidays(y));
        }
    }

    // ---- orders ----------------------------------------------------------------------

    /// Groups the events into orders: one per issuing agency, kind and month (salary steps
    /// and hires as the big yearly and round orders they are), numbered per agency and year.
    fn into_orders(mut self) -> Dataset {
        let events = std::mem::take(&mut self.events);
        // Key: (issuer, kind code, year, month) -> event indices in date order.
        #[allow(clippy::type_complexity)]
        let mut groups: BTreeMap<
            (usize, &'static str, &'static str, i32, u32),
            Vec<usize>,
        > = BTreeMap::new();
        for (i, e) in events.iter().enumerate() {
            let issuer = e.issuer.unwrap_or(0);
            groups
                .entry((
                    issuer,
                    e.kind.code(),
                    e.reason,
                    e.date.year_ce(),
                    e.date.month(),
                ))
                .or_default()
                .push(i);
        }
        let mut orders: Vec<(ThaiDate, usize, Vec<usize>)> = Vec::with_capacity(groups.len());
        for ((issuer, _, _, _, _), mut idx) in groups {
            idx.sort_by_key(|i| (events[*i].date, *i));
            // A person appears once per kind in an order (a second event waits a month's order).
            let mut seen = std::collections::HashSet::new();
            let mut rest = Vec::new();
            idx.retain(|i| {
                if seen.insert(events[*i].person) {
                    true
                } else {
                    rest.push(*i);
                    false
                }
            });
            let eff = events[idx[0]].date;
            let lead = match events[idx[0]].kind {
                ActionKind::Separate
                    if events[idx[0]].separation == Some(SeparationReason::Retirement) =>
                {
                    40
                }
                _ => self.rng.i64(3..25),
            };
            let signed = eff.add_days(-lead).min(self.today);
            orders.push((signed, issuer, idx));
            if !rest.is_empty() {
                orders.push((signed, issuer, rest));
            }
        }
        // Orders are applied in the order their first action takes effect, an appointment
        // before anything else on the same day: no order acts on someone not yet appointed.
        orders.sort_by_key(|o| {
            let first = &events[o.2[0]];
            (
                first.date,
                first.kind != ActionKind::Appoint,
                o.1,
                first.kind.code(),
                o.2[0],
            )
        });
        let mut numbers: BTreeMap<(usize, i32), u32> = BTreeMap::new();
        let mut last_order_of: Vec<i64> = vec![0; self.ds.people.len()];
        for (k, (signed, issuer, idx)) in orders.into_iter().enumerate() {
            let id = k as i64 + 1;
            let n = numbers.entry((issuer, signed.year_be())).or_default();
            *n += 1;
            let first = &events[idx[0]];
            let agency = &self.agencies[issuer];
            self.ds.orders.push(Order {
                id,
                number: format!("{n}/{}", signed.year_be()),
                issuer: agency.unit,
                signed_on: signed,
                signed_by: agency.signer.clone(),
                authority: agency.authority.clone(),
                effective: first.date,
                reason: first.reason,
            });
            for (seq, i) in idx.iter().enumerate() {
                let e = &events[*i];
                let person = e.person as i64 + 1;
                if last_order_of[e.person] != id {
                    last_order_of[e.person] = id;
                    self.ds.people[e.person].orders += 1;
                }
                self.ds.actions.push(Action {
                    order: id,
                    seq: seq as i64 + 1,
                    person,
                    kind: e.kind,
                    effective: e.date,
                    position_row: e.position_row.map(|r| r as i64 + 1),
                    salary: e.salary,
                    penalty: e.penalty,
                    penalty_percent: e.pct,
                    penalty_months: e.months,
                    separation: e.separation,
                });
            }
        }
        self.ds
    }
}

/// Names of a person's name parts, in Thai and English.
pub fn name_strings(n: &NameParts, female: bool) -> (String, String, String, String) {
    let (fth, fen) = if female {
        FEMALE[n.first as usize % FEMALE.len()]
    } else {
        MALE[n.first as usize % MALE.len()]
    };
    let (hth, hen) = SURNAME_HEAD[n.head as usize % SURNAME_HEAD.len()];
    let (tth, ten) = SURNAME_TAIL[n.tail as usize % SURNAME_TAIL.len()];
    (
        fth.to_string(),
        format!("{hth}{tth}"),
        fen.to_string(),
        format!("{hen}{ten}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use bmahr_core::register::{AppliedAction, Placement, RecordOnDate};

    fn small(seed: u64) -> Dataset {
        Generator::new(3_000, seed, d(2026, 11, 23)).run(|_, _| {})
    }

    #[test]
    fn same_seed_same_data() {
        let a = small(7);
        let b = small(7);
        assert_eq!(a.actions.len(), b.actions.len());
        assert_eq!(a.people[100].national_id, b.people[100].national_id);
        assert_eq!(
            a.orders.last().map(|o| o.number.clone()),
            b.orders.last().map(|o| o.number.clone())
        );
        let c = small(8);
        assert_ne!(a.actions.len(), c.actions.len());
    }

    /// Folds every person's history with the core's rules: every action fits the record on
    /// its date, headcounts match the shares exactly, no position is held twice.
    #[test]
    fn history_is_consistent_with_the_register_rules() {
        let ds = small(42);
        let today = d(2026, 11, 23);
        let rows: std::collections::HashMap<i64, &PositionRow> =
            ds.positions.iter().map(|p| (p.id, p)).collect();
        let mut per_person: BTreeMap<i64, Vec<AppliedAction>> = BTreeMap::new();
        for (k, a) in ds.actions.iter().enumerate() {
            let placement = a.position_row.map(|r| {
                let p = rows[&r];
                assert!(
                    p.from <= a.effective && p.to.is_none_or(|t| a.effective <= t),
                    "row {r} not valid on {}",
                    a.effective
                );
                Placement {
                    position_id: r,
                    position_no: p.no.clone(),
                    unit_id: p.unit,
                    category: p.category,
                    level: p.level,
                    line_of_work: p.line.into(),
                }
            });
            let applied = AppliedAction {
                action_id: k as i64,
                order_id: a.order,
                order_number: String::new(),
                kind: a.kind,
                effective_date: a.effective,
                placement,
                salary: a.salary.map(bmahr_core::Satang::from_satang),
                penalty: a.penalty,
                separation: a.separation,
            };
            let history = per_person.entry(a.person).or_default();
            let before = RecordOnDate::fold(
                a.effective,
                history.iter().filter(|h| h.effective_date <= a.effective),
            );
            assert!(
                bmahr_core::register::check_action_on_record(&before, a.kind).is_none(),
                "person {} action {:?} on {}",
                a.person,
                a.kind,
                a.effective
            );
            history.push(applied);
        }
        let mut held = std::collections::HashSet::new();
        let mut by_cat: BTreeMap<Category, usize> = BTreeMap::new();
        for h in per_person.values() {
            let r = RecordOnDate::fold(today, h);
            if r.in_service() {
                let p = r.placement.expect("placed");
                assert!(
                    held.insert(p.position_no.clone()),
                    "position {} held twice",
                    p.position_no
                );
                *by_cat.entry(p.category).or_default() += 1;
            }
        }
        assert_eq!(by_cat.values().sum::<usize>(), 3_000);
        assert_eq!(by_cat[&Category::Teacher], 3_000 * 16 / 87);
        assert_eq!(by_cat[&Category::Ordinary], 3_000 * 23 / 87);
        // Some retire every year of the history.
        let mut retired: BTreeMap<i32, usize> = BTreeMap::new();
        for a in &ds.actions {
            if a.separation == Some(SeparationReason::Retirement) {
                assert_eq!((a.effective.month(), a.effective.day()), (10, 1));
                *retired.entry(a.effective.year_ce()).or_default() += 1;
            }
        }
        for y in 2007..=2026 {
            assert!(
                retired.get(&y).copied().unwrap_or(0) > 0,
                "no retirements in {y}"
            );
        }
    }
}
