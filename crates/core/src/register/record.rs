use super::{ActionKind, PenaltyKind, SeparationReason, Status};
use crate::i18n::Violation;
use crate::personnel::{Category, Level};
use crate::{Satang, ThaiDate};

/// The position a person holds, with what the position was at the time.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Placement {
    pub position_id: i64,
    pub position_no: String,
    pub unit_id: i64,
    pub category: Category,
    pub level: Level,
    pub line_of_work: String,
}

/// One action of a signed order as it stands in the register.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AppliedAction {
    pub action_id: i64,
    pub order_id: i64,
    pub order_number: String,
    pub kind: ActionKind,
    pub effective_date: ThaiDate,
    pub placement: Option<Placement>,
    pub salary: Option<Satang>,
    pub penalty: Option<PenaltyKind>,
    pub separation: Option<SeparationReason>,
}

/// A person's record as the register says it stood on one date.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordOnDate {
    pub as_of: ThaiDate,
    /// `None` when the person had not yet entered the service.
    pub status: Option<Status>,
    pub placement: Option<Placement>,
    pub salary: Option<Satang>,
    /// First day of the current (or last) period of service.
    pub service_start: Option<ThaiDate>,
    pub separation: Option<(SeparationReason, ThaiDate)>,
    /// How many actions were in force by `as_of`.
    pub actions_applied: usize,
}

impl RecordOnDate {
    /// Folds a person's live (not voided) actions, in the order they take effect
    /// (effective date, then the order in which they were applied), up to `as_of`.
    pub fn fold<'a>(as_of: ThaiDate, actions: impl IntoIterator<Item = &'a AppliedAction>) -> Self {
        let mut r = RecordOnDate {
            as_of,
            status: None,
            placement: None,
            salary: None,
            service_start: None,
            separation: None,
            actions_applied: 0,
        };
        let mut sorted: Vec<&AppliedAction> = actions
            .into_iter()
            .filter(|a| a.effective_date <= as_of)
            .collect();
        sorted.sort_by_key(|a| (a.effective_date, a.action_id));
        for a in sorted {
            r.actions_applied += 1;
            if a.kind.is_entry() && r.status != Some(Status::Active) {
                r.service_start = Some(a.effective_date);
                r.separation = None;
            }
            if let Some(p) = &a.placement {
                r.placement = Some(p.clone());
            }
            if let Some(s) = a.salary {
                r.salary = Some(s);
            }
            if let Some(st) = a.kind.status_after(a.penalty) {
                r.status = Some(st);
                if st == Status::Separated {
                    let reason = a
                        .separation
                        .or_else(|| a.penalty.and_then(PenaltyKind::separation))
                        .unwrap_or(SeparationReason::TransferOut);
                    r.separation = Some((reason, a.effective_date));
                }
            }
        }
        r
    }

    /// In service (active or suspended) on the date.
    pub fn in_service(&self) -> bool {
        matches!(self.status, Some(Status::Active | Status::Suspended))
    }
}

/// A stretch of days over which a person's status and position stay the same: the register
/// kept as periods, so "who was where on date D" is a lookup rather than a fold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlacementSpan {
    pub from: ThaiDate,
    /// First day of the next span; `None` while it lasts.
    pub until: Option<ThaiDate>,
    pub status: Status,
    pub placement: Option<Placement>,
    pub service_start: Option<ThaiDate>,
}

/// The periods of a person's status and position, from their live actions: the state after
/// all actions of each effective date, with equal neighbours merged. On any date the span
/// covering it agrees with [`RecordOnDate::fold`] on status, placement and service start.
pub fn placement_spans(actions: &[AppliedAction]) -> Vec<PlacementSpan> {
    let mut dates: Vec<ThaiDate> = actions.iter().map(|a| a.effective_date).collect();
    dates.sort();
    dates.dedup();
    let mut spans: Vec<PlacementSpan> = Vec::new();
    for d in dates {
        let r = RecordOnDate::fold(d, actions);
        let Some(status) = r.status else { continue };
        if let Some(last) = spans.last() {
            if last.status == status
                && last.placement == r.placement
                && last.service_start == r.service_start
            {
                continue;
            }
        }
        if let Some(last) = spans.last_mut() {
            last.until = Some(d);
        }
        spans.push(PlacementSpan {
            from: d,
            until: None,
            status,
            placement: r.placement,
            service_start: r.service_start,
        });
    }
    spans
}

/// The periods a person was in service (active or suspended), inclusive, as of `on`: what
/// §57 and every "length of service" count from.
pub fn served_periods(actions: &[AppliedAction], on: ThaiDate) -> Vec<(ThaiDate, ThaiDate)> {
    placement_spans(actions)
        .into_iter()
        .filter(|s| matches!(s.status, Status::Active | Status::Suspended) && s.from <= on)
        .map(|s| {
            let to = s.until.map_or(on, |u| u.add_days(-1).min(on));
            (s.from, to)
        })
        .collect()
}

/// Whether an action can apply to a person whose record on its effective date is `record`:
/// only someone out of service can enter it, only someone in it can be moved, paid,
/// penalised, suspended or separated (DOMAIN §3).
pub fn check_action_on_record(record: &RecordOnDate, kind: ActionKind) -> Option<Violation> {
    let on = record.as_of;
    let v = |code, th: String, en: String| Some(Violation::new(code, "person", th, en));
    match kind {
        // A birth date is corrected whatever the person's status (§14(11)).
        ActionKind::CorrectBirthDate => None,
        k if k.is_entry() && record.in_service() => v(
            "record.already_in_service",
            format!("บุคคลนี้อยู่ในราชการแล้ว ณ วันที่ {on}"),
            format!("the person is already in service on {on}"),
        ),
        k if !k.is_entry() && !record.in_service() => v(
            "record.not_in_service",
            format!("บุคคลนี้ไม่ได้อยู่ในราชการ ณ วันที่ {on}"),
            format!("the person is not in service on {on}"),
        ),
        ActionKind::Reinstate if record.status != Some(Status::Suspended) => v(
            "record.not_suspended",
            format!("บุคคลนี้ไม่ได้ถูกสั่งพักราชการ ณ วันที่ {on}"),
            format!("the person is not suspended on {on}"),
        ),
        ActionKind::Suspend if record.status == Some(Status::Suspended) => v(
            "record.already_suspended",
            format!("บุคคลนี้ถูกสั่งพักราชการอยู่แล้ว ณ วันที่ {on}"),
            format!("the person is already suspended on {on}"),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn placement(id: i64, level: Level) -> Placement {
        Placement {
            position_id: id,
            position_no: id.to_string(),
            unit_id: 1,
            category: Category::Ordinary,
            level,
            line_of_work: "นักทรัพยากรบุคคล".into(),
        }
    }

    fn act(id: i64, kind: ActionKind, on: ThaiDate) -> AppliedAction {
        AppliedAction {
            action_id: id,
            order_id: id,
            order_number: format!("{id}/2567"),
            kind,
            effective_date: on,
            placement: None,
            salary: None,
            penalty: None,
            separation: None,
        }
    }

    fn history() -> Vec<AppliedAction> {
        let mut appoint = act(1, ActionKind::Appoint, d(2010, 6, 1));
        appoint.placement = Some(placement(10, Level::Practitioner));
        appoint.salary = Some(Satang::from_baht(15_000));
        let mut step = act(2, ActionKind::SalaryChange, d(2011, 10, 1));
        step.salary = Some(Satang::from_baht(16_000));
        let mut promo = act(3, ActionKind::Promote, d(2015, 1, 1));
        promo.placement = Some(placement(11, Level::Professional));
        let mut sep = act(4, ActionKind::Separate, d(2020, 3, 1));
        sep.separation = Some(SeparationReason::Resignation);
        vec![sep, promo, step, appoint]
    }

    #[test]
    fn service_counts_every_period_served_and_stops_on_the_day() {
        let mut appoint = act(1, ActionKind::Appoint, d(2010, 6, 1));
        appoint.placement = Some(placement(1, Level::Practitioner));
        let mut sep = act(2, ActionKind::Separate, d(2015, 6, 1));
        sep.separation = Some(SeparationReason::Resignation);
        let mut back = act(3, ActionKind::Appoint, d(2020, 1, 1));
        back.placement = Some(placement(1, Level::Practitioner));
        let all = [appoint, sep, back];
        assert_eq!(
            served_periods(&all, d(2020, 12, 31)),
            vec![
                (d(2010, 6, 1), d(2015, 5, 31)),
                (d(2020, 1, 1), d(2020, 12, 31))
            ]
        );
        assert_eq!(
            served_periods(&all, d(2012, 5, 31)),
            vec![(d(2010, 6, 1), d(2012, 5, 31))]
        );
        let len = crate::law::moves::service_in_periods(
            &served_periods(&all, d(2020, 12, 31)),
            d(2020, 12, 31),
            &[],
        );
        assert_eq!((len.years, len.months, len.days), (6, 0, 0));
    }

    #[test]
    fn the_record_on_each_date() {
        let h = history();
        let before = RecordOnDate::fold(d(2010, 5, 31), &h);
        assert_eq!(before.status, None);
        let r = RecordOnDate::fold(d(2012, 1, 1), &h);
        assert_eq!(r.status, Some(Status::Active));
        assert_eq!(r.salary, Some(Satang::from_baht(16_000)));
        assert_eq!(r.placement.as_ref().unwrap().level, Level::Practitioner);
        assert_eq!(r.service_start, Some(d(2010, 6, 1)));
        let r = RecordOnDate::fold(d(2016, 1, 1), &h);
        assert_eq!(r.placement.as_ref().unwrap().position_id, 11);
        let r = RecordOnDate::fold(d(2021, 1, 1), &h);
        assert_eq!(r.status, Some(Status::Separated));
        assert_eq!(
            r.separation,
            Some((SeparationReason::Resignation, d(2020, 3, 1)))
        );
        assert_eq!(r.actions_applied, 4);
    }

    #[test]
    fn spans_of_a_career() {
        let h = history();
        let spans = placement_spans(&h);
        // appointed, (salary step: same span), promoted, resigned
        assert_eq!(spans.len(), 3);
        assert_eq!(
            (spans[0].from, spans[0].until),
            (d(2010, 6, 1), Some(d(2015, 1, 1)))
        );
        assert_eq!(spans[1].placement.as_ref().unwrap().position_id, 11);
        assert_eq!(spans[2].status, Status::Separated);
        assert_eq!(spans[2].until, None);
    }

    fn arb_history() -> impl Strategy<Value = Vec<AppliedAction>> {
        let kinds = prop_oneof![
            Just(ActionKind::Appoint),
            Just(ActionKind::Move),
            Just(ActionKind::Promote),
            Just(ActionKind::SalaryChange),
            Just(ActionKind::Suspend),
            Just(ActionKind::Reinstate),
            Just(ActionKind::Separate),
            Just(ActionKind::TransferIn),
        ];
        proptest::collection::vec((kinds, 0i64..3000, 0i64..4), 0..25).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (kind, day, pos))| {
                    let mut a = act(i as i64, kind, d(2000, 1, 1).add_days(day));
                    if kind.needs_position() {
                        a.placement = Some(placement(pos, Level::Practitioner));
                    }
                    if kind == ActionKind::Separate {
                        a.separation = Some(SeparationReason::Resignation);
                    }
                    a.salary = Some(Satang::from_baht(10_000 + day));
                    a
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn spans_agree_with_the_fold_on_every_date(h in arb_history(), probe in 0i64..3100) {
            let on = d(2000, 1, 1).add_days(probe - 50);
            let r = RecordOnDate::fold(on, &h);
            let spans = placement_spans(&h);
            let span = spans.iter().find(|s| s.from <= on && s.until.is_none_or(|u| on < u));
            match span {
                None => prop_assert_eq!(r.status, None),
                Some(s) => {
                    prop_assert_eq!(Some(s.status), r.status);
                    prop_assert_eq!(&s.placement, &r.placement);
                    prop_assert_eq!(s.service_start, r.service_start);
                }
            }
            // Spans tile time without gaps or overlaps.
            for w in spans.windows(2) {
                prop_assert_eq!(w[0].until, Some(w[1].from));
            }
        }
    }

    #[test]
    fn actions_must_fit_the_record() {
        let h = history();
        let serving = RecordOnDate::fold(d(2012, 1, 1), &h);
        let gone = RecordOnDate::fold(d(2021, 1, 1), &h);
        assert_eq!(
            check_action_on_record(&serving, ActionKind::Appoint)
                .unwrap()
                .code,
            "record.already_in_service"
        );
        assert!(check_action_on_record(&gone, ActionKind::Appoint).is_none());
        assert_eq!(
            check_action_on_record(&gone, ActionKind::SalaryChange)
                .unwrap()
                .code,
            "record.not_in_service"
        );
        assert_eq!(
            check_action_on_record(&serving, ActionKind::Reinstate)
                .unwrap()
                .code,
            "record.not_suspended"
        );
        assert!(check_action_on_record(&serving, ActionKind::Suspend).is_none());
    }
}
