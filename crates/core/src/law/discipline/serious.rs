//! Serious penalties and removals (§58): referred to ก.ก., ordered as ก.ก. resolves.

use crate::calendar::ThaiDate;
use crate::i18n::{Violation, Violations};
use crate::register::PenaltyKind;

pub(super) const SERIOUS: &str = "§58 วรรคหนึ่ง";

crate::labelled_enum! {
    /// Why a person is removed from service (สั่งให้ออกจากราชการ). §58 para 2 puts removal
    /// during probation or intensive development for results below standard, and removal to
    /// serve in the armed forces, under ก.ก.'s own procedure instead of para 1.
    pub enum RemovalGround: "removal_ground" {
        BelowStandard = (
            "below_standard",
            "ผลการประเมินระหว่างทดลองปฏิบัติหน้าที่ราชการหรือเตรียมความพร้อมและพัฒนาอย่างเข้มต่ำกว่าเกณฑ์หรือมาตรฐาน",
            "results below standard during probation or intensive development"
        ),
        MilitaryService = ("military_service", "ไปรับราชการทหารตามกฎหมายว่าด้วยการรับราชการทหาร", "military service"),
        PendingInquiry = ("pending_inquiry", "สั่งให้ออกไว้ก่อนเพื่อรอฟังผลการสอบสวนพิจารณา", "removal pending inquiry"),
        Other = ("other", "เหตุอื่น", "other grounds"),
    }
}

/// What an order does to the person, for §58.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Penalty(PenaltyKind),
    Removal(RemovalGround),
}

impl Measure {
    /// §58 para 1: "การสั่งลงโทษทางวินัยอย่างร้ายแรงหรือการสั่งให้ออกจากราชการให้ผู้มีอำนาจ
    /// สั่งบรรจุสั่งเรื่องให้ ก.ก. พิจารณา", except the removals of para 2 and a removal
    /// pending inquiry (ให้ออกไว้ก่อน), which is a measure while the case runs, not its end.
    pub fn needs_kk(self) -> bool {
        match self {
            Measure::Penalty(k) => k.is_serious(),
            Measure::Removal(g) => g == RemovalGround::Other,
        }
    }

    pub fn th(self) -> String {
        match self {
            Measure::Penalty(k) => k.th().to_string(),
            Measure::Removal(g) => format!("ให้ออกจากราชการ ({})", g.th()),
        }
    }

    pub fn en(self) -> String {
        match self {
            Measure::Penalty(k) => k.en().to_string(),
            Measure::Removal(g) => format!("removal from service ({})", g.en()),
        }
    }
}

/// A resolution of ก.ก. on a case referred under §58 para 1.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KkResolution {
    /// The resolution's reference, e.g. "มติ ก.ก. ครั้งที่ 5/2567".
    pub resolution: String,
    pub decided_on: ThaiDate,
    /// What ก.ก. resolved.
    pub measure: Measure,
}

/// §58 para 1: a serious penalty or a removal is referred to ก.ก., and "เมื่อ ก.ก. มีมติเป็น
/// ประการใด ให้ผู้มีอำนาจสั่งบรรจุสั่งหรือปฏิบัติ ให้เป็นไปตามนั้น". Reports every failure: no
/// resolution where one is needed (`discipline.kk_resolution_required`), a resolution without
/// its reference (`discipline.kk_resolution_reference`), one decided after the order
/// (`discipline.kk_after_order`), and an order that differs from what ก.ก. resolved
/// (`discipline.order_differs_from_kk`) — also when ก.ก. resolved a lighter penalty.
pub fn check_serious_penalty(
    measure: Measure,
    ordered_on: ThaiDate,
    kk_resolution: Option<&KkResolution>,
) -> Violations {
    let mut out = Violations::default();
    let Some(kk) = kk_resolution else {
        if measure.needs_kk() {
            out.push(
                Violation::new(
                    "discipline.kk_resolution_required",
                    "kk_resolution",
                    format!(
                        "การสั่ง{}ต้องสั่งเรื่องให้ ก.ก. พิจารณา และสั่งตามมติ ก.ก.",
                        measure.th()
                    ),
                    format!(
                        "{} must be referred to ก.ก. and ordered as ก.ก. resolves",
                        measure.en()
                    ),
                )
                .with_section(SERIOUS),
            );
        }
        return out;
    };
    if kk.resolution.trim().is_empty() {
        out.push(
            Violation::new(
                "discipline.kk_resolution_reference",
                "kk_resolution.resolution",
                "ต้องระบุมติ ก.ก. (ครั้งที่/ปี)",
                "the ก.ก. resolution must be identified (meeting/year)",
            )
            .with_section(SERIOUS),
        );
    }
    if kk.decided_on > ordered_on {
        out.push(
            Violation::new(
                "discipline.kk_after_order",
                "kk_resolution.decided_on",
                format!(
                    "มติ ก.ก. ({}) ต้องมีก่อนหรือในวันที่สั่ง ({})",
                    kk.decided_on, ordered_on
                ),
                format!(
                    "the ก.ก. resolution ({}) must come on or before the order ({})",
                    kk.decided_on.iso(),
                    ordered_on.iso()
                ),
            )
            .with_section(SERIOUS),
        );
    }
    if kk.measure != measure {
        out.push(
            Violation::new(
                "discipline.order_differs_from_kk",
                "measure",
                format!(
                    "ต้องสั่งให้เป็นไปตามมติ ก.ก.: มติให้{} แต่คำสั่งให้{}",
                    kk.measure.th(),
                    measure.th()
                ),
                format!(
                    "the order must follow the ก.ก. resolution: ก.ก. resolved {}, the order says {}",
                    kk.measure.en(),
                    measure.en()
                ),
            )
            .with_section(SERIOUS),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    // §58 "เมื่อ ก.ก. มีมติเป็นประการใด ให้ผู้มีอำนาจสั่งบรรจุสั่งหรือปฏิบัติ ให้เป็นไปตามนั้น"
    #[test]
    fn serious_penalties_follow_kk() {
        let on = d(2024, 8, 1);
        let kk = |m: Measure, decided_on: ThaiDate| KkResolution {
            resolution: "มติ ก.ก. ครั้งที่ 7/2567".to_string(),
            decided_on,
            measure: m,
        };
        let dis = Measure::Penalty(PenaltyKind::Discharge);
        assert_eq!(
            codes(&check_serious_penalty(dis, on, None)),
            ["discipline.kk_resolution_required"]
        );
        assert!(check_serious_penalty(dis, on, Some(&kk(dis, d(2024, 7, 20)))).is_empty());
        let v = check_serious_penalty(
            dis,
            on,
            Some(&kk(
                Measure::Penalty(PenaltyKind::Dismissal),
                d(2024, 7, 20),
            )),
        );
        assert_eq!(codes(&v), ["discipline.order_differs_from_kk"]);
        assert_eq!(v.0[0].section, Some("§58 วรรคหนึ่ง"));
        // ก.ก. resolved a lighter penalty: the order must follow it.
        let v = check_serious_penalty(
            Measure::Penalty(PenaltyKind::Dismissal),
            on,
            Some(&kk(
                Measure::Penalty(PenaltyKind::SalaryCut),
                d(2024, 7, 20),
            )),
        );
        assert_eq!(codes(&v), ["discipline.order_differs_from_kk"]);
        let mut late = kk(dis, d(2024, 8, 2));
        late.resolution = " ".into();
        assert_eq!(
            codes(&check_serious_penalty(dis, on, Some(&late))),
            [
                "discipline.kk_resolution_reference",
                "discipline.kk_after_order"
            ]
        );
        // Removals: para 1 needs ก.ก.; para 2 grounds follow ก.ก.'s own procedure.
        assert!(
            !check_serious_penalty(Measure::Removal(RemovalGround::Other), on, None).is_empty()
        );
        assert!(
            check_serious_penalty(Measure::Removal(RemovalGround::MilitaryService), on, None)
                .is_empty()
        );
        assert!(
            check_serious_penalty(Measure::Penalty(PenaltyKind::SalaryCut), on, None).is_empty()
        );
    }
}
