//! A person's history as the profile lists it: each action with where it took the record
//! from and to (position and unit, salary), so a move reads "from → to" without the reader
//! comparing rows.

use super::{AppliedAction, Placement, Status};
use crate::Satang;

/// One action of a person's history and the change it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryStep<'a> {
    pub action: &'a AppliedAction,
    /// The post the action concerns: the one it placed the person in, else the one they held
    /// when it took effect (a salary step's, a separation's last).
    pub post: Option<Placement>,
    /// The position held just before, when the action placed the person in another one (a
    /// different position, unit or level). `None` for an entry into the service and for
    /// actions that leave the position as it was.
    pub from: Option<Placement>,
    /// The salary just before, when the action set a different one.
    pub salary_from: Option<Salaried>,
}

/// A salary before a change (its own type so that a step cannot confuse before and after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Salaried(pub Satang);

/// Each action with the record's position and salary just before it, computed from the
/// actions before it in the order they take effect (effective date, then the order applied):
/// the same order [`super::RecordOnDate::fold`] folds them in. A separation closes the
/// period: whoever enters again starts with no "from". Steps come in that order.
pub fn history_steps(actions: &[AppliedAction]) -> Vec<HistoryStep<'_>> {
    let mut sorted: Vec<&AppliedAction> = actions.iter().collect();
    sorted.sort_by_key(|a| (a.effective_date, a.action_id));
    let mut placement: Option<&Placement> = None;
    let mut salary: Option<Satang> = None;
    let mut out = Vec::with_capacity(sorted.len());
    for a in sorted {
        let from = match (placement, &a.placement) {
            (Some(before), Some(after)) if moved(before, after) => Some(before.clone()),
            _ => None,
        };
        let salary_from = match (salary, a.salary) {
            (Some(before), Some(after)) if before != after => Some(Salaried(before)),
            _ => None,
        };
        out.push(HistoryStep {
            action: a,
            post: a.placement.as_ref().or(placement).cloned(),
            from,
            salary_from,
        });
        if a.kind.status_after(a.penalty) == Some(Status::Separated) {
            placement = None;
            salary = None;
            continue;
        }
        if let Some(p) = &a.placement {
            placement = Some(p);
        }
        if let Some(s) = a.salary {
            salary = Some(s);
        }
    }
    out
}

/// Whether a placement is another post than `before`: another position, or the same number
/// now in another unit or at another level.
fn moved(before: &Placement, after: &Placement) -> bool {
    before.position_id != after.position_id
        || before.unit_id != after.unit_id
        || before.level != after.level
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::personnel::{Category, Level};
    use crate::register::{ActionKind, SeparationReason};
    use crate::ThaiDate;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn post(id: i64, unit: i64, level: Level) -> Placement {
        Placement {
            position_id: id,
            position_no: id.to_string(),
            unit_id: unit,
            category: Category::Ordinary,
            level,
            line_of_work: "นักทรัพยากรบุคคล".into(),
        }
    }

    fn act(
        id: i64,
        kind: ActionKind,
        on: ThaiDate,
        placement: Option<Placement>,
        baht: Option<i64>,
    ) -> AppliedAction {
        AppliedAction {
            action_id: id,
            order_id: id,
            order_number: format!("{id}/2567"),
            kind,
            effective_date: on,
            placement,
            salary: baht.map(Satang::from_baht),
            penalty: None,
            separation: (kind == ActionKind::Separate).then_some(SeparationReason::Resignation),
        }
    }

    /// (kind, from position, salary before in baht) of a step.
    type Summary = (ActionKind, Option<i64>, Option<i64>);

    /// Each step's summary, in order.
    fn summary(actions: &[AppliedAction]) -> Vec<Summary> {
        history_steps(actions)
            .iter()
            .map(|s| {
                (
                    s.action.kind,
                    s.from.as_ref().map(|p| p.position_id),
                    s.salary_from.map(|Salaried(b)| b.satang() / 100),
                )
            })
            .collect()
    }

    #[test]
    fn a_step_without_a_placement_names_the_post_held() {
        use ActionKind::*;
        let actions = vec![
            act(
                1,
                Appoint,
                d(2010, 6, 1),
                Some(post(10, 7, Level::Practitioner)),
                Some(15_000),
            ),
            act(2, SalaryChange, d(2011, 10, 1), None, Some(16_000)),
            act(3, Separate, d(2015, 6, 1), None, None),
        ];
        let units: Vec<Option<i64>> = history_steps(&actions)
            .iter()
            .map(|s| s.post.as_ref().map(|p| p.unit_id))
            .collect();
        assert_eq!(units, vec![Some(7), Some(7), Some(7)]);
    }

    #[test]
    fn each_change_says_where_it_came_from() {
        use ActionKind::*;
        use Level::*;
        let cases: Vec<(&str, Vec<AppliedAction>, Vec<Summary>)> = vec![
            (
                "an appointment comes from nowhere",
                vec![act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000))],
                vec![(Appoint, None, None)],
            ),
            (
                "a salary step: old → new salary, the position unchanged",
                vec![
                    act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                    act(2, SalaryChange, d(2011, 10, 1), None, Some(16_000)),
                ],
                vec![(Appoint, None, None), (SalaryChange, None, Some(15_000))],
            ),
            (
                "a move to another unit's position, then a promotion in place (same number, higher level)",
                vec![
                    act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                    act(2, Move, d(2012, 1, 1), Some(post(20, 2, Practitioner)), None),
                    act(3, Promote, d(2015, 1, 1), Some(post(20, 2, Professional)), Some(22_000)),
                ],
                vec![(Appoint, None, None), (Move, Some(10), None), (Promote, Some(20), Some(15_000))],
            ),
            (
                "an action restating the same post and salary is no move",
                vec![
                    act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                    act(2, Move, d(2012, 1, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                ],
                vec![(Appoint, None, None), (Move, None, None)],
            ),
            (
                "whoever leaves and comes back enters anew",
                vec![
                    act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                    act(2, Separate, d(2015, 6, 1), None, None),
                    act(3, Appoint, d(2020, 1, 1), Some(post(30, 3, Practitioner)), Some(18_000)),
                ],
                vec![(Appoint, None, None), (Separate, None, None), (Appoint, None, None)],
            ),
            (
                "the order the actions take effect, not the order given",
                vec![
                    act(3, Move, d(2012, 1, 1), Some(post(20, 2, Practitioner)), None),
                    act(1, Appoint, d(2010, 6, 1), Some(post(10, 1, Practitioner)), Some(15_000)),
                ],
                vec![(Appoint, None, None), (Move, Some(10), None)],
            ),
        ];
        for (why, actions, want) in cases {
            assert_eq!(summary(&actions), want, "{why}");
        }
    }
}
