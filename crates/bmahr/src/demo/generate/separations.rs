//! Leaving the service (resignation, death, transfer out, dismissal, retirement) and the
//! penalties short of it.

use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::ThaiDate;

use super::ladder::round10;
use super::{Generator, St};

impl Generator {
    pub(super) fn leave(&mut self, i: usize) {
        let pos = self.people[i].pos;
        self.people[i].st = St::Gone;
        if let Some(n) = self.in_service.get_mut(&self.people[i].category) {
            *n -= 1;
        }
        self.free(pos);
    }

    pub(super) fn separate(
        &mut self,
        i: usize,
        on: ThaiDate,
        why: SeparationReason,
        reason: &'static str,
    ) {
        let kind = if why == SeparationReason::TransferOut {
            ActionKind::TransferOut
        } else {
            ActionKind::Separate
        };
        let ev = self.event(on, kind, i, None, None, reason);
        ev.separation = Some(why);
        self.leave(i);
    }

    pub(super) fn minor_penalty(&mut self, i: usize, day: ThaiDate) {
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
}
