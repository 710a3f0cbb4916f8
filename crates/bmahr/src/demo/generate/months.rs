//! One simulated month: the restructure and salary steps in October, hiring rounds, each
//! person's draw (leave, penalty, suspension, move or promotion), changes of name, heads
//! filled, and retirements at the end of the fiscal year.

use bmahr_core::personnel::Category;
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::ThaiDate;

use super::{add_months, d, Generator, St};
use crate::demo::structure::RESTRUCTURE_DATE;

impl Generator {
    pub(super) fn month(&mut self, first: ThaiDate, is_first: bool) {
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
}
