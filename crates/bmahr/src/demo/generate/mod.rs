//! A deterministic simulation of the BMA's workforce, month by month, from FY 2550 to today.
//!
//! Every change happens as it would in the register: hires fill vacant positions of the
//! frame, people get yearly salary steps, are promoted (their position is re-graded from that
//! day), move, are penalised, suspended and reinstated, resign, die, transfer out and retire
//! at the end of the fiscal year in which they complete 60. The events are then grouped into
//! orders per issuing agency, kind and month, as agencies issue them. The same seed and the
//! same `today` always give the same dataset.
//!
//! The simulation's state and its calendar are here; each part of the work is a module adding
//! methods to [`Generator`]: the unit tree (`units`), the frame of positions (`frame`), the
//! career ladders and pay (`ladder`), hiring and names (`people`), the monthly draw (`months`),
//! promotions, moves and salary steps (`careers`), leaving and penalties (`separations`), and
//! the grouping of events into orders (`orders`). The random draws are made in the order
//! `run` makes its calls: a change that reorders them changes every dataset.

mod careers;
mod frame;
mod ladder;
mod months;
mod orders;
mod people;
mod separations;
mod units;

use std::collections::BTreeMap;

use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::ThaiDate;
use fastrand::Rng;

use super::model::Dataset;
use ladder::Ladder;
pub use people::name_strings;

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

    /// Records an event of `person`, issued by the agency of their position (for now: the
    /// caller may change the issuer and fill in the penalty or separation).
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

    /// The fixed public holidays of every year of the history and the next.
    fn holidays(&mut self) {
        for y in history_start().year_ce()..=self.today.year_ce() + 1 {
            self.ds.holidays.extend(super::holidays::fixed_holidays(y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::PositionRow;
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
