//! People: a new person's identity and name, appointment into a position, the workforce
//! when the history starts, hiring back to the target headcounts, and changes of name.

use bmahr_core::law::retirement::retirement_date;
use bmahr_core::person::{Gender, Title};
use bmahr_core::personnel::Category;
use bmahr_core::register::ActionKind;
use bmahr_core::{NationalId, ThaiDate};

use super::ladder::{base_salary, clamp_to_scale, round10, Ladder};
use super::{Generator, SimPerson, St};
use crate::demo::model::{NameParts, Person};
use crate::demo::names::{
    EDUCATION_BASIC, EDUCATION_DEGREE, FEMALE, MALE, SURNAME_HEAD, SURNAME_TAIL,
};

impl Generator {
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
        let category = self.positions[pos].category;
        let salary = clamp_to_scale(category, level, round10(base_salary(level) * 100));
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
    pub(super) fn populate(&mut self, start: ThaiDate) {
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

    /// Hires into vacancies until each category is back at its target headcount.
    pub(super) fn top_up(&mut self, on: ThaiDate) {
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

    pub(super) fn name_changes(&mut self, on: ThaiDate) {
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
