//! When a position of the frame is vacant (ว่าง): the days it exists on which no one in
//! service holds it. The register keeps these periods beside the people's periods so that
//! "vacant only" is read, not worked out position by position (issue 23).

use crate::org::Validity;
use crate::ThaiDate;

/// A period `[from, until)` of a position, `until` `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: ThaiDate,
    /// First day after the period; `None` while it lasts.
    pub until: Option<ThaiDate>,
}

impl Period {
    pub fn contains(&self, d: ThaiDate) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }
}

/// The periods on which a position valid over `validity` (its last day inclusive) is held by
/// no one, given the periods `held` in which people in service (active or suspended) held it:
/// the position's days less every held day, in date order, neighbours merged. A position is
/// vacant on `d` exactly when it is valid on `d` and no held period contains `d`.
pub fn vacancy_periods(validity: Validity, held: &[Period]) -> Vec<Period> {
    let end = validity.to.map(|t| t.add_days(1));
    let mut held: Vec<Period> = held.to_vec();
    held.sort_by_key(|p| p.from);
    let mut out = Vec::new();
    // The first day not yet accounted for; `None`: the rest of time is covered.
    let mut cursor = Some(validity.from);
    for h in held {
        let Some(c) = cursor else { break };
        if end.is_some_and(|e| h.from >= e) {
            break;
        }
        if h.until.is_some_and(|u| u <= c) {
            continue;
        }
        if h.from > c {
            out.push(Period {
                from: c,
                until: Some(h.from),
            });
        }
        cursor = h.until.map(|u| u.max(c));
    }
    if let Some(c) = cursor {
        if end.is_none_or(|e| c < e) {
            out.push(Period {
                from: c,
                until: end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn p(from: ThaiDate, until: Option<ThaiDate>) -> Period {
        Period { from, until }
    }

    #[test]
    fn a_position_no_one_held_is_vacant_while_it_exists() {
        let v = Validity {
            from: d(2020, 1, 1),
            to: Some(d(2024, 12, 31)),
        };
        assert_eq!(
            vacancy_periods(v, &[]),
            vec![p(d(2020, 1, 1), Some(d(2025, 1, 1)))]
        );
    }

    #[test]
    fn holders_leave_gaps_before_between_and_after() {
        let v = Validity {
            from: d(2020, 1, 1),
            to: None,
        };
        let held = [
            p(d(2022, 6, 1), None),
            p(d(2020, 3, 1), Some(d(2021, 1, 1))),
        ];
        assert_eq!(
            vacancy_periods(v, &held),
            vec![
                p(d(2020, 1, 1), Some(d(2020, 3, 1))),
                p(d(2021, 1, 1), Some(d(2022, 6, 1))),
            ]
        );
    }

    #[test]
    fn overlapping_and_touching_holders_leave_no_gap() {
        let v = Validity {
            from: d(2020, 1, 1),
            to: Some(d(2020, 12, 31)),
        };
        let held = [
            p(d(2019, 1, 1), Some(d(2020, 5, 1))),
            p(d(2020, 4, 1), Some(d(2020, 6, 1))),
            p(d(2020, 6, 1), Some(d(2020, 7, 1))),
        ];
        assert_eq!(
            vacancy_periods(v, &held),
            vec![p(d(2020, 7, 1), Some(d(2021, 1, 1)))]
        );
    }

    fn date() -> impl Strategy<Value = ThaiDate> {
        (0i64..400).prop_map(|n| d(2020, 1, 1).add_days(n))
    }

    fn period() -> impl Strategy<Value = Period> {
        (date(), proptest::option::of(1i64..120)).prop_map(|(f, len)| Period {
            from: f,
            until: len.map(|l| f.add_days(l)),
        })
    }

    proptest! {
        #[test]
        fn vacant_exactly_on_the_days_valid_and_unheld(
            from in date(),
            len in proptest::option::of(0i64..300),
            held in proptest::collection::vec(period(), 0..6),
        ) {
            let v = Validity { from, to: len.map(|l| from.add_days(l)) };
            let out = vacancy_periods(v, &held);
            for w in out.windows(2) {
                // In order, apart (merged neighbours), each non-empty.
                prop_assert!(w[0].until.is_some_and(|u| u < w[1].from));
            }
            for q in &out {
                prop_assert!(q.until.is_none_or(|u| q.from < u));
            }
            for n in -5..460 {
                let day = d(2020, 1, 1).add_days(n);
                let vacant = v.contains(day) && !held.iter().any(|h| h.contains(day));
                prop_assert_eq!(out.iter().any(|q| q.contains(day)), vacant, "{}", day);
            }
        }
    }
}
