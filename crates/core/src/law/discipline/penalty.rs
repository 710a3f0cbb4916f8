//! Penalties with their rates, and which of two is heavier (module notes, "Severity").

use std::cmp::Ordering;

use crate::i18n::{Violation, Violations};
use crate::register::PenaltyKind;

/// A penalty with its rate: a salary cut (ตัดเงินเดือน) of `percent` for `months`; a salary
/// reduction (ลดเงินเดือน) of `percent` of each month's salary from the order on; the others
/// have no rate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub kind: PenaltyKind,
    #[serde(default)]
    pub percent: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
}

impl Penalty {
    pub const fn probation() -> Self {
        Self::plain(PenaltyKind::Probation)
    }
    pub const fn salary_cut(percent: u32, months: u32) -> Self {
        Self {
            kind: PenaltyKind::SalaryCut,
            percent: Some(percent),
            months: Some(months),
        }
    }
    pub const fn salary_reduction(percent: u32) -> Self {
        Self {
            kind: PenaltyKind::SalaryReduction,
            percent: Some(percent),
            months: None,
        }
    }
    pub const fn discharge() -> Self {
        Self::plain(PenaltyKind::Discharge)
    }
    pub const fn dismissal() -> Self {
        Self::plain(PenaltyKind::Dismissal)
    }
    const fn plain(kind: PenaltyKind) -> Self {
        Self {
            kind,
            percent: None,
            months: None,
        }
    }

    /// The rate a penalty of its kind must have: a cut needs a percent (1–100) and months
    /// (≥ 1); a reduction a percent and no months; the others neither.
    pub fn check(&self) -> Violations {
        let mut out = Violations::default();
        let (want_percent, want_months) = match self.kind {
            PenaltyKind::SalaryCut => (true, true),
            PenaltyKind::SalaryReduction => (true, false),
            _ => (false, false),
        };
        let percent_ok = match self.percent {
            Some(p) => want_percent && (1..=100).contains(&p),
            None => !want_percent,
        };
        if !percent_ok {
            out.push(Violation::new(
                "penalty.percent",
                "penalty.percent",
                if want_percent {
                    format!("{} ต้องระบุอัตราร้อยละ 1–100", self.kind.th())
                } else {
                    format!("{} ไม่มีอัตราร้อยละ", self.kind.th())
                },
                if want_percent {
                    format!("a {} needs a percentage of 1–100", self.kind.en())
                } else {
                    format!("a {} has no percentage", self.kind.en())
                },
            ));
        }
        let months_ok = match self.months {
            Some(m) => want_months && m >= 1,
            None => !want_months,
        };
        if !months_ok {
            out.push(Violation::new(
                "penalty.months",
                "penalty.months",
                if want_months {
                    format!("{} ต้องระบุจำนวนเดือน", self.kind.th())
                } else {
                    format!("{} ไม่มีจำนวนเดือน", self.kind.th())
                },
                if want_months {
                    format!("a {} needs a number of months", self.kind.en())
                } else {
                    format!("a {} has no number of months", self.kind.en())
                },
            ));
        }
        out
    }

    /// `ตัดเงินเดือน 4% เป็นเวลา 2 เดือน`
    pub fn describe_th(&self) -> String {
        let mut s = self.kind.th().to_string();
        if let Some(p) = self.percent {
            s.push_str(&format!(" {p}%"));
        }
        if let Some(m) = self.months {
            s.push_str(&format!(" เป็นเวลา {m} เดือน"));
        }
        s
    }

    /// `salary cut 4% for 2 months`
    pub fn describe_en(&self) -> String {
        let mut s = self.kind.en().to_string();
        if let Some(p) = self.percent {
            s.push_str(&format!(" {p}%"));
        }
        if let Some(m) = self.months {
            s.push_str(&format!(" for {m} month{}", if m == 1 { "" } else { "s" }));
        }
        s
    }

    fn rate(&self) -> (u32, u32) {
        (self.percent.unwrap_or(0), self.months.unwrap_or(0))
    }
}

/// Which penalty is heavier (module notes): kinds in [`PenaltyKind`]'s order (ภาคทัณฑ์ <
/// ตัดเงินเดือน < ลดเงินเดือน < ปลดออก < ไล่ออก); within a kind the rate, part by part. `None`
/// when one part of the rate is heavier and the other lighter.
pub fn compare_severity(a: &Penalty, b: &Penalty) -> Option<Ordering> {
    if a.kind != b.kind {
        return Some(a.kind.cmp(&b.kind));
    }
    let (ap, am) = a.rate();
    let (bp, bm) = b.rate();
    match (ap.cmp(&bp), am.cmp(&bm)) {
        (x, y) if x == y => Some(x),
        (Ordering::Equal, y) => Some(y),
        (x, Ordering::Equal) => Some(x),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn penalty_shapes() {
        assert!(Penalty::salary_cut(4, 2).check().is_empty());
        assert!(Penalty::salary_reduction(4).check().is_empty());
        assert!(Penalty::probation().check().is_empty());
        let bad = Penalty {
            kind: PenaltyKind::SalaryCut,
            percent: Some(0),
            months: None,
        };
        assert_eq!(codes(&bad.check()), ["penalty.percent", "penalty.months"]);
        let bad = Penalty {
            kind: PenaltyKind::Probation,
            percent: Some(5),
            months: None,
        };
        assert_eq!(codes(&bad.check()), ["penalty.percent"]);
        assert_eq!(
            Penalty::salary_cut(4, 2).describe_th(),
            "ตัดเงินเดือน 4% เป็นเวลา 2 เดือน"
        );
    }

    #[test]
    fn severity_order() {
        use Ordering::*;
        let order = [
            Penalty::probation(),
            Penalty::salary_cut(5, 3),
            Penalty::salary_reduction(2),
            Penalty::discharge(),
            Penalty::dismissal(),
        ];
        for w in order.windows(2) {
            assert_eq!(compare_severity(&w[0], &w[1]), Some(Less));
        }
        let c = |a, b| compare_severity(&a, &b);
        assert_eq!(
            c(Penalty::salary_cut(4, 2), Penalty::salary_cut(4, 1)),
            Some(Greater)
        );
        assert_eq!(
            c(Penalty::salary_cut(2, 2), Penalty::salary_cut(4, 2)),
            Some(Less)
        );
        assert_eq!(
            c(Penalty::salary_cut(4, 2), Penalty::salary_cut(4, 2)),
            Some(Equal)
        );
        assert_eq!(
            c(Penalty::salary_cut(4, 1), Penalty::salary_cut(2, 3)),
            None
        );
    }
}
