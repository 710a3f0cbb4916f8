//! Thailand's fixed-date public holidays, as data, with the years each applied, and the
//! Cabinet's substitution rule: a holiday on a Saturday or Sunday gives the next working day
//! off (once per run of consecutive holidays). Lunar holidays (Makha, Visakha, Asarnha Bucha, Buddhist Lent) move each year and are
//! entered by the Office, not generated.

use bmahr_core::ThaiDate;
use chrono::{Datelike, Weekday};

/// (month, day, Thai, English, first CE year, last CE year)
const FIXED: [(u32, u32, &str, &str, i32, i32); 16] = [
    (1, 1, "วันขึ้นปีใหม่", "New Year's Day", 1900, 9999),
    (4, 6, "วันจักรี", "Chakri Memorial Day", 1900, 9999),
    (4, 13, "วันสงกรานต์", "Songkran Festival", 1900, 9999),
    (4, 14, "วันสงกรานต์", "Songkran Festival", 1900, 9999),
    (4, 15, "วันสงกรานต์", "Songkran Festival", 1900, 9999),
    (5, 5, "วันฉัตรมงคล", "Coronation Day", 1950, 2016),
    (5, 4, "วันฉัตรมงคล", "Coronation Day", 2020, 9999),
    (
        6,
        3,
        "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี",
        "H.M. the Queen's Birthday",
        2019,
        9999,
    ),
    (
        7,
        28,
        "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว",
        "H.M. the King's Birthday",
        2017,
        9999,
    ),
    (8, 12, "วันแม่แห่งชาติ", "Mother's Day", 1900, 9999),
    (
        10,
        13,
        "วันนวมินทรมหาราช",
        "King Bhumibol Memorial Day",
        2017,
        9999,
    ),
    (10, 23, "วันปิยมหาราช", "Chulalongkorn Day", 1900, 9999),
    (12, 5, "วันพ่อแห่งชาติ", "Father's Day", 1900, 9999),
    (12, 10, "วันรัฐธรรมนูญ", "Constitution Day", 1900, 9999),
    (12, 31, "วันสิ้นปี", "New Year's Eve", 1900, 9999),
    (
        12,
        5,
        "วันเฉลิมพระชนมพรรษา",
        "King Bhumibol's Birthday",
        1950,
        2016,
    ),
];

fn is_weekend(d: ThaiDate) -> bool {
    matches!(d.naive().weekday(), Weekday::Sat | Weekday::Sun)
}

/// The fixed-date holidays of one CE year with their substitution days.
pub fn fixed_holidays(year: i32) -> Vec<(ThaiDate, String, String)> {
    let mut out: Vec<(ThaiDate, String, String)> = Vec::new();
    for (m, d, th, en, from, to) in FIXED {
        if !(from..=to).contains(&year) {
            continue;
        }
        let Some(day) = ThaiDate::from_ce(year, m, d) else {
            continue;
        };
        if let Some(existing) = out.iter_mut().find(|h| h.0 == day) {
            existing.1 = format!("{} และ{}", existing.1, th);
            existing.2 = format!("{} and {}", existing.2, en);
        } else {
            out.push((day, th.to_string(), en.to_string()));
        }
    }
    out.sort_by_key(|h| h.0);
    // One substitution day per run of consecutive holidays: Songkran on a weekend gave one
    // (16 April in 2019 and 2024), not one per weekend day.
    let weekend: Vec<(ThaiDate, String, String)> = out
        .iter()
        .filter(|h| is_weekend(h.0))
        .filter(|h| {
            !out.iter()
                .any(|o| o.0 == h.0.add_days(-1) && is_weekend(o.0))
        })
        .cloned()
        .collect();
    for (day, th, en) in weekend {
        let mut sub = day.add_days(1);
        while is_weekend(sub) || out.iter().any(|h| h.0 == sub) {
            sub = sub.add_days(1);
        }
        out.push((
            sub,
            format!("วันหยุดชดเชย{th}"),
            format!("Substitution day for {en}"),
        ));
    }
    out.sort_by_key(|h| h.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn songkran_2024_on_a_weekend_gives_a_substitution_day() {
        let h = fixed_holidays(2024);
        let d = |m, day| ThaiDate::from_ce(2024, m, day).expect("date");
        // 13 April 2024 was a Saturday, 14 a Sunday: one substitution day, Tuesday 16 April.
        assert!(h
            .iter()
            .any(|x| x.0 == d(4, 16) && x.1.starts_with("วันหยุดชดเชย")));
        assert!(!h.iter().any(|x| x.0 == d(4, 17)));
        // Coronation Day, 4 May 2024, was a Saturday: Monday 6 May was off.
        assert!(h.iter().any(|x| x.0 == d(5, 6)));
        assert!(h.iter().any(|x| x.0 == d(7, 28)));
        assert!(!fixed_holidays(2015)
            .iter()
            .any(|x| x.0 == ThaiDate::from_ce(2015, 7, 28).expect("d")));
    }
}
