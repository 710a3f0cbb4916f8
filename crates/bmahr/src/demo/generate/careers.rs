//! Careers: heads of units filled by promotion, moves between positions, promotions up the
//! ladder and the yearly salary steps.

use bmahr_core::personnel::Category;
use bmahr_core::register::ActionKind;
use bmahr_core::ThaiDate;

use super::ladder::{base_salary, clamp_to_scale, round10, Ladder};
use super::{Generator, St};

impl Generator {
    /// Fills vacant head-of-unit positions by promoting the most senior suitable person of
    /// the same agency and category.
    pub(super) fn fill_heads(&mut self, on: ThaiDate) {
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
                    let old_salary = self.people[person].salary;
                    let raised = round10(old_salary.max(base_salary(level) * 100) * 106 / 100);
                    // Within the new level's scale, never below the salary held.
                    let category = self.positions[pos].category;
                    let salary = clamp_to_scale(category, level, raised).max(old_salary);
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

    pub(super) fn move_person(&mut self, i: usize, on: ThaiDate) {
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

    pub(super) fn maybe_promote(&mut self, i: usize, on: ThaiDate) {
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
        let raised = round10((old_salary * 106 / 100).max(base_salary(level) * 100));
        let category = self.positions[pos].category;
        let salary = clamp_to_scale(category, level, raised).max(old_salary);
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

    pub(super) fn salary_steps(&mut self, on: ThaiDate) {
        for i in 0..self.people.len() {
            if self.people[i].st != St::Active {
                continue;
            }
            // A step stops at the level's maximum (above it the scale pays an allowance).
            let pct = 200 + self.rng.i64(0..300); // 2.00–4.99 %
            let pos = self.people[i].pos;
            let (category, level) = (self.positions[pos].category, self.positions[pos].level);
            let old_salary = self.people[i].salary;
            let stepped = round10(old_salary * (10_000 + pct) / 10_000);
            let salary = clamp_to_scale(category, level, stepped).max(old_salary);
            if salary == old_salary {
                continue;
            }
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
}
