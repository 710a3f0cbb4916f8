//! The events grouped into orders, as agencies issue them, and numbered.

use std::collections::BTreeMap;

use bmahr_core::register::{ActionKind, SeparationReason};
use bmahr_core::ThaiDate;

use super::Generator;
use crate::demo::model::{Action, Dataset, Order};

impl Generator {
    /// Groups the events into orders: one per issuing agency, kind and month (salary steps
    /// and hires as the big yearly and round orders they are), numbered per agency and year.
    pub(super) fn into_orders(mut self) -> Dataset {
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
