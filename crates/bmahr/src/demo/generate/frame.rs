//! The frame of positions: head-of-unit posts and the rest apportioned over the units, a
//! position's rows over time (re-grading), and its vacancies.

use std::collections::BTreeMap;

use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;

use super::ladder::Ladder;
use super::{d, Generator, SimPosition, EARLIEST, FRAME_APPROVAL, VACANCY_RATE};
use crate::demo::model::PositionRow;
use crate::demo::names::{LINES_ORDINARY, LINES_PERMANENT, LINES_TEACHER, LINES_TEMPORARY};

impl Generator {
    pub(super) fn new_position_row(
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
    pub(super) fn regrade(&mut self, pos: usize, level: Level, from: ThaiDate) -> usize {
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

    pub(super) fn build_frame(
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

    pub(super) fn take_vacancy(&mut self, category: Category) -> Option<usize> {
        let v = self.vacant.get_mut(&category)?;
        if v.is_empty() {
            return None;
        }
        let i = self.rng.usize(..v.len());
        Some(v.swap_remove(i))
    }

    pub(super) fn free(&mut self, pos: usize) {
        self.positions[pos].holder = None;
        let p = &self.positions[pos];
        if p.ladder == Ladder::Fixed && !p.admin_title.is_empty() {
            self.vacant_fixed.push(pos);
        } else {
            self.vacant.entry(p.category).or_default().push(pos);
        }
    }
}
