//! Manpower frames (กรอบอัตรากำลัง): positions exist because ก.ก. approved them (§14(5)), each
//! at its level, and one position has one holder at a time.

use crate::i18n::Violation;
use crate::personnel::Level;
use crate::ThaiDate;

/// The legal basis cited by the frame rules.
pub const FRAME_SECTION: &str = "§14(5)";

/// Someone else's period in a position: from `from`, up to (not including) `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub person_id: i64,
    pub from: ThaiDate,
    pub to: ThaiDate,
}

/// A position may be filled on `on` only if nobody else holds it then or later, unless the
/// holder leaves it (in the same order) on or before `on`.
///
/// `leaves_on(person)` is the date on which an action of the same order takes that person
/// out of the position (a move, promotion, transfer out, separation), if any.
pub fn check_position_free(
    position_no: &str,
    person_id: i64,
    on: ThaiDate,
    holdings: &[Holding],
    leaves_on: impl Fn(i64) -> Option<ThaiDate>,
) -> Option<Violation> {
    let blocking = holdings.iter().find(|h| {
        h.person_id != person_id && h.to > on && leaves_on(h.person_id).is_none_or(|d| d > on)
    })?;
    let since = if blocking.from > on {
        format!("ตั้งแต่วันที่ {}", blocking.from)
    } else {
        format!("ณ วันที่ {on}")
    };
    let since_en = if blocking.from > on {
        format!("from {}", blocking.from)
    } else {
        format!("on {on}")
    };
    Some(
        Violation::new(
            "position.occupied",
            "position_no",
            format!(
                "ตำแหน่งเลขที่ {position_no} มีผู้ครองอยู่ {since} ต้องให้ผู้ครองพ้นจากตำแหน่งก่อน"
            ),
            format!(
                "position {position_no} is held by someone else {since_en}; its holder must leave it first"
            ),
        )
        .with_section(FRAME_SECTION),
    )
}

/// A level stated in an action must be the level at which the frame approved the position.
pub fn check_level_allowed(
    position_no: &str,
    position_level: Level,
    requested: Option<Level>,
) -> Option<Violation> {
    let asked = requested.filter(|l| *l != position_level)?;
    Some(
        Violation::new(
            "position.level_not_allowed",
            "level",
            format!(
                "ตำแหน่งเลขที่ {position_no} ได้รับอนุมัติในกรอบเป็นระดับ{} ไม่ใช่{}",
                position_level.th(),
                asked.th()
            ),
            format!(
                "position {position_no} is approved in the frame at level {}, not {}",
                position_level.en(),
                asked.en()
            ),
        )
        .with_section(FRAME_SECTION),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn held(person_id: i64, from: ThaiDate, to: ThaiDate) -> Holding {
        Holding {
            person_id,
            from,
            to,
        }
    }

    #[test]
    fn one_holder_at_a_time() {
        let forever = d(9999, 12, 31);
        let on = d(2024, 10, 1);
        let none = |_| None;
        // Free: nobody, or a holder who left before.
        assert!(check_position_free("101", 1, on, &[], none).is_none());
        assert!(check_position_free("101", 1, on, &[held(2, d(2020, 1, 1), on)], none).is_none());
        // Held on the day, or taken by someone from a later day.
        let v = check_position_free("101", 1, on, &[held(2, d(2020, 1, 1), forever)], none);
        assert_eq!(
            v.map(|v| (v.code, v.section)),
            Some(("position.occupied", Some("§14(5)")))
        );
        let later = check_position_free("101", 1, on, &[held(2, d(2025, 1, 1), forever)], none);
        assert!(later.is_some_and(|v| v.message_en.contains("from 01/01/2568")));
        // The same person (a re-graded position) and a holder moved out by this order.
        assert!(
            check_position_free("101", 2, on, &[held(2, d(2020, 1, 1), forever)], none).is_none()
        );
        let moves_out = |p| (p == 2).then_some(on);
        assert!(
            check_position_free("101", 1, on, &[held(2, d(2020, 1, 1), forever)], moves_out)
                .is_none()
        );
        let moves_out_later = |p| (p == 2).then_some(d(2024, 10, 2));
        assert!(check_position_free(
            "101",
            1,
            on,
            &[held(2, d(2020, 1, 1), forever)],
            moves_out_later
        )
        .is_some());
    }

    #[test]
    fn level_must_be_the_frames() {
        assert!(check_level_allowed("101", Level::Practitioner, None).is_none());
        assert!(
            check_level_allowed("101", Level::Practitioner, Some(Level::Practitioner)).is_none()
        );
        let v = check_level_allowed("101", Level::Practitioner, Some(Level::Professional));
        assert_eq!(v.map(|v| v.field), Some("level".to_string()));
    }

    proptest! {
        /// Whatever the periods, a position is free on a day exactly when no one else's
        /// period reaches that day or later.
        #[test]
        fn free_iff_no_other_holding_reaches_the_day(
            spans in proptest::collection::vec((1i64..4, 0i64..400, 1i64..400), 0..5),
            day in 0i64..800,
        ) {
            let base = d(2020, 1, 1);
            let holdings: Vec<Holding> = spans
                .iter()
                .map(|(p, start, len)| held(*p, base.add_days(*start), base.add_days(start + len)))
                .collect();
            let on = base.add_days(day);
            let free = check_position_free("1", 1, on, &holdings, |_| None).is_none();
            prop_assert_eq!(free, !holdings.iter().any(|h| h.person_id != 1 && h.to > on));
        }
    }
}
