//! Who may enter the BMA civil service (§43): general qualifications (ก.), disqualifications
//! (ข.), ก.ก.'s waiver of (3)–(9) (para 2), and political office holders (paras 5–6).
//!
//! Readings of the Act used here:
//!
//! * **Which date.** Every condition is judged on the appointment date (วันบรรจุ), the day the
//!   person would enter: the Act speaks of "ผู้ที่จะเข้ารับราชการ" and of the resignation
//!   taking effect "ก่อนวันบรรจุเข้ารับราชการ". The waiting time of a waiver ("ผู้นั้นต้อง
//!   ออกจากงานหรือออกจากราชการไปเกินสองปีแล้ว") is also measured on the appointment date,
//!   because para 4 lets ก.ก. waive "เป็นการทั่วไป" by a general announcement made before any
//!   particular person's wait is over; the waiver must itself be decided on or before that
//!   date.
//! * **"More than two years" (เกินสองปี).** `left_service_on` is the first day out of service
//!   (the date from which the removal order takes effect, "ตั้งแต่วันที่"). That day counts,
//!   since the person is out from its start; the appointment day does not, since the person is
//!   back in service on it. Two years out end on the day before the second anniversary of
//!   leaving (as age is counted, `completes_age`), so on the anniversary itself the person has
//!   been out exactly two years, not more: the earliest appointment is the day after the
//!   anniversary. For someone who left on 29 February the anniversary in a common year is
//!   1 March (as `ThaiDate::add_years` counts it), so the earliest day is 2 March.
//! * **Corruption (ทุจริตต่อหน้าที่)** bars a waiver only for ข.(8): the words "และต้องมิใช่
//!   เป็นกรณีออกจากงานหรือออกจากราชการเพราะเหตุทุจริตต่อหน้าที่" stand in the clause about (8).
//!   (The seed's text reads "ต้องมีใช่ ... เพราะเหตุจริตต่อหน้าที่", a typing error for the
//!   words above.)
//! * **The vote.** "ต้องได้คะแนนเสียงไม่น้อยกว่าสี่ในห้าของจำนวนกรรมการที่มาประชุม การลงมติ
//!   ให้กระทำโดยลับ": `in_favour / present >= 4/5`, counted in integers as
//!   `in_favour * 5 >= present * 4`, with at least one member present and no more votes than
//!   members present.

use crate::calendar::ThaiDate;
use crate::i18n::{Violation, Violations};
use crate::law::retirement::{age_on, completes_age};

/// §43 ก.(2): "มีอายุไม่ต่ำกว่าสิบแปดปี".
pub const MINIMUM_AGE: i32 = 18;

crate::labelled_enum! {
    /// The disqualifications of §43 ข. (๑)–(๙), in the Act's words.
    pub enum Ground: "ground" {
        B1 = ("b1", "เป็นคนไร้ความสามารถ คนเสมือนไร้ความสามารถ คนวิกลจริตหรือจิตฟั่นเฟือนไม่สมประกอบ หรือเป็นโรคตามที่กำหนดในกฎ ก.ก.", "incompetent, mentally infirm, or with a disease listed by ก.ก."),
        B2 = ("b2", "เป็นผู้อยู่ในระหว่างถูกสั่งพักราชการหรือถูกสั่งให้ออกจากราชการไว้ก่อนตามพระราชบัญญัตินี้หรือตามกฎหมายอื่น", "suspended or removed pending an inquiry"),
        B3 = ("b3", "เป็นผู้บกพร่องในศีลธรรมอันดีจนเป็นที่รังเกียจของสังคม", "morally defective"),
        B4 = ("b4", "เป็นบุคคลล้มละลาย", "bankrupt"),
        B5 = ("b5", "เป็นผู้เคยต้องรับโทษจำคุกโดยคำพิพากษาถึงที่สุดให้จำคุกเพราะกระทำความผิดทางอาญา เว้นแต่เป็นโทษสำหรับความผิดที่ได้กระทำโดยประมาทหรือความผิดลหุโทษ", "imprisoned by a final judgment"),
        B6 = ("b6", "เป็นผู้เคยถูกลงโทษให้ออก ปลดออก หรือไล่ออกจากส่วนราชการ รัฐวิสาหกิจหรือหน่วยงานอื่นของรัฐ", "removed, discharged or dismissed from a state body"),
        B7 = ("b7", "เป็นผู้เคยถูกลงโทษให้ออกหรือปลดออก เพราะกระทำผิดวินัยตามพระราชบัญญัตินี้หรือตามกฎหมายอื่น", "removed or discharged for a disciplinary offence"),
        B8 = ("b8", "เป็นผู้เคยถูกลงโทษไล่ออก เพราะกระทำผิดวินัยตามพระราชบัญญัตินี้หรือตามกฎหมายอื่น", "dismissed for a disciplinary offence"),
        B9 = ("b9", "เป็นผู้เคยกระทำการทุจริตในการสอบเข้ารับราชการ หรือเข้าปฏิบัติงานในหน่วยงานของรัฐ", "cheated in a state entrance examination"),
    }
}

impl Ground {
    /// The item of §43 ข. this ground is.
    pub fn section(self) -> &'static str {
        match self {
            Ground::B1 => "§43 ข.(1)",
            Ground::B2 => "§43 ข.(2)",
            Ground::B3 => "§43 ข.(3)",
            Ground::B4 => "§43 ข.(4)",
            Ground::B5 => "§43 ข.(5)",
            Ground::B6 => "§43 ข.(6)",
            Ground::B7 => "§43 ข.(7)",
            Ground::B8 => "§43 ข.(8)",
            Ground::B9 => "§43 ข.(9)",
        }
    }

    /// §43 para 2: ก.ก. may waive "ข. (๓) (๔) (๕) (๖) (๗) (๘) หรือ (๙)", never (1) or (2).
    pub fn waivable(self) -> bool {
        !matches!(self, Ground::B1 | Ground::B2)
    }

    /// §43 para 2: years the person must have been out of work or service, more than which
    /// must have passed before a waiver: "เกินสองปี" for (6) and (7), "เกินสามปี" for (8).
    pub fn wait_years(self) -> Option<i32> {
        match self {
            Ground::B6 | Ground::B7 => Some(2),
            Ground::B8 => Some(3),
            _ => None,
        }
    }

    /// §43 para 2: for (8), leaving "เพราะเหตุทุจริตต่อหน้าที่" (for corruption in office) may
    /// not be waived.
    pub fn corruption_bars_waiver(self) -> bool {
        self == Ground::B8
    }
}

/// One disqualification the person has (or had).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disqualification {
    pub ground: Ground,
    /// For (6)–(8): the first day out of work or service (the date the removal took effect).
    #[serde(default)]
    pub left_service_on: Option<ThaiDate>,
    /// For (8): the person left for corruption in office (ทุจริตต่อหน้าที่).
    #[serde(default)]
    pub corruption: bool,
}

/// A resolution of ก.ก. waiving disqualifications (§43 para 2), for this person or in general
/// (para 4).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The resolution's reference, e.g. "มติ ก.ก. ครั้งที่ 5/2566".
    pub resolution: String,
    pub decided_on: ThaiDate,
    /// Members of ก.ก. present at the meeting.
    pub present: u32,
    /// Members who voted for the waiver.
    pub in_favour: u32,
    pub secret_ballot: bool,
}

/// A political office (§43 para 5): a political position, or a party board member, executive
/// or officer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoliticalOffice {
    /// The day the resignation takes effect, if the person has resigned.
    #[serde(default)]
    pub resignation_effective: Option<ThaiDate>,
}

/// Everything §43 asks about a person who is to enter the service.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFacts {
    pub thai_national: bool,
    pub birth_date: ThaiDate,
    /// §43 ก.(3): loyal to democratic government with the King as head of state.
    pub loyal: bool,
    #[serde(default)]
    pub disqualifications: Vec<Disqualification>,
    #[serde(default)]
    pub political_office: Option<PoliticalOffice>,
}

/// The facts as declared in an order's JSON: everything but the birth date, which comes from
/// the register.
///
/// ```json
/// {"thai_national": true, "loyal": true,
///  "disqualifications": [{"ground": "b8", "left_service_on": "2020-01-01", "corruption": false}],
///  "political_office": null}
/// ```
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDeclaration {
    pub thai_national: bool,
    pub loyal: bool,
    #[serde(default)]
    pub disqualifications: Vec<Disqualification>,
    #[serde(default)]
    pub political_office: Option<PoliticalOffice>,
}

impl EntryDeclaration {
    /// The full facts, with the birth date from the register.
    pub fn facts(self, birth_date: ThaiDate) -> EntryFacts {
        EntryFacts {
            thai_national: self.thai_national,
            birth_date,
            loyal: self.loyal,
            disqualifications: self.disqualifications,
            political_office: self.political_office,
        }
    }
}

/// §43 para 2: the first day on which a person who left service on `left_service_on` has
/// been out "more than" `years` years: the day after the anniversary (see the module notes).
pub fn earliest_after_wait(left_service_on: ThaiDate, years: i32) -> ThaiDate {
    left_service_on.add_years(years).add_days(1)
}

/// The fewest votes in favour that reach four fifths of `present` (§43 para 2).
pub fn votes_needed(present: u32) -> u32 {
    // ceil(4 * present / 5), in u64 so no count overflows.
    let need = (u64::from(present) * 4).div_ceil(5);
    u32::try_from(need).unwrap_or(u32::MAX)
}

const WAIVER: &str = "§43 วรรคสอง";

/// §43 para 2: whether a waiver resolution itself is valid for an appointment on
/// `appointed_on`: a four-fifths majority of those present ("ไม่น้อยกว่าสี่ในห้าของจำนวน
/// กรรมการที่มาประชุม"), by secret ballot ("การลงมติให้กระทำโดยลับ"), identified, and decided
/// no later than the appointment it allows.
pub fn check_waiver(w: &Waiver, appointed_on: ThaiDate) -> Violations {
    let mut out = Violations::default();
    if w.resolution.trim().is_empty() {
        out.push(
            Violation::new(
                "waiver.resolution",
                "waiver.resolution",
                "ต้องระบุมติ ก.ก. ที่ยกเว้นลักษณะต้องห้าม",
                "the ก.ก. resolution granting the waiver must be identified",
            )
            .with_section(WAIVER),
        );
    }
    let enough = u64::from(w.in_favour) * 5 >= u64::from(w.present) * 4;
    if w.present == 0 || w.in_favour > w.present || !enough {
        out.push(
            Violation::new(
                "waiver.votes",
                "waiver.in_favour",
                format!(
                    "มติยกเว้นต้องได้คะแนนเสียงไม่น้อยกว่าสี่ในห้าของจำนวนกรรมการที่มาประชุม: ได้ {} เสียงจากกรรมการที่มาประชุม {} คน ต้องได้อย่างน้อย {} เสียง",
                    w.in_favour,
                    w.present,
                    votes_needed(w.present).max(1)
                ),
                format!(
                    "a waiver needs at least four fifths of the members present: {} in favour of {} present, at least {} needed",
                    w.in_favour,
                    w.present,
                    votes_needed(w.present).max(1)
                ),
            )
            .with_section(WAIVER),
        );
    }
    if !w.secret_ballot {
        out.push(
            Violation::new(
                "waiver.secret_ballot",
                "waiver.secret_ballot",
                "การลงมติยกเว้นลักษณะต้องห้ามต้องกระทำโดยลับ",
                "the vote on a waiver must be by secret ballot",
            )
            .with_section(WAIVER),
        );
    }
    if w.decided_on > appointed_on {
        out.push(
            Violation::new(
                "waiver.after_appointment",
                "waiver.decided_on",
                format!(
                    "มติยกเว้น ({}) ต้องมีก่อนหรือในวันบรรจุ ({})",
                    w.decided_on, appointed_on
                ),
                format!(
                    "the waiver ({}) must be decided on or before the appointment date ({})",
                    w.decided_on.iso(),
                    appointed_on.iso()
                ),
            )
            .with_section(WAIVER),
        );
    }
    out
}

/// Why a valid waiver still does not cover one disqualification (§43 para 2).
fn waiver_gaps(i: usize, d: &Disqualification, appointed_on: ThaiDate, out: &mut Vec<Violation>) {
    let g = d.ground;
    if !g.waivable() {
        out.push(
            Violation::new(
                "waiver.not_waivable",
                format!("disqualifications[{i}].ground"),
                format!(
                    "ก.ก. ยกเว้นได้เฉพาะลักษณะต้องห้ามตาม ข. (๓) ถึง (๙) ไม่อาจยกเว้น {} ({})",
                    g.section(),
                    g.th()
                ),
                format!(
                    "ก.ก. may waive only §43 ข.(3)–(9), not {} ({})",
                    g.section(),
                    g.en()
                ),
            )
            .with_section(WAIVER),
        );
        return;
    }
    if let Some(years) = g.wait_years() {
        let years_th = if years == 2 {
            "สองปี"
        } else {
            "สามปี"
        };
        match d.left_service_on {
            None => out.push(
                Violation::new(
                    "waiver.wait",
                    format!("disqualifications[{i}].left_service_on"),
                    format!(
                        "กรณี {} ต้องออกจากงานหรือออกจากราชการไปเกิน{}แล้ว: ต้องระบุวันที่ออก",
                        g.section(),
                        years_th
                    ),
                    format!(
                        "for {} the person must have left more than {years} years before: the date of leaving is needed",
                        g.section()
                    ),
                )
                .with_section(WAIVER),
            ),
            Some(left) => {
                let earliest = earliest_after_wait(left, years);
                if appointed_on < earliest {
                    out.push(
                        Violation::new(
                            "waiver.wait",
                            format!("disqualifications[{i}].left_service_on"),
                            format!(
                                "กรณี {} ผู้นั้นต้องออกจากงานหรือออกจากราชการไปเกิน{}แล้ว: ออกเมื่อ {} บรรจุได้ตั้งแต่ {} (วันบรรจุ {})",
                                g.section(),
                                years_th,
                                left,
                                earliest,
                                appointed_on
                            ),
                            format!(
                                "for {} the person must have left more than {years} years before: left on {}, may be appointed from {} (appointment {})",
                                g.section(),
                                left.iso(),
                                earliest.iso(),
                                appointed_on.iso()
                            ),
                        )
                        .with_section(WAIVER),
                    );
                }
            }
        }
    }
    if g.corruption_bars_waiver() && d.corruption {
        out.push(
            Violation::new(
                "waiver.corruption",
                format!("disqualifications[{i}].corruption"),
                format!(
                    "กรณี {} ต้องมิใช่เป็นกรณีออกจากงานหรือออกจากราชการเพราะเหตุทุจริตต่อหน้าที่",
                    g.section()
                ),
                format!(
                    "for {} a person who left for corruption in office may not be waived",
                    g.section()
                ),
            )
            .with_section(WAIVER),
        );
    }
}

/// §43: whether a person may be appointed on `appointed_on`, with ก.ก.'s waiver if any.
///
/// Reports every failure: ก.(1) nationality, ก.(2) age (at least 18 on the appointment date,
/// age counted as `law::retirement` counts it), ก.(3) loyalty; each disqualification that a
/// valid waiver does not cover (`eligibility.disqualified`, citing its item of ข.), followed
/// by why the waiver does not cover it (`waiver.not_waivable`, `waiver.wait`,
/// `waiver.corruption`); the waiver's own defects (`waiver.votes`, `waiver.secret_ballot`,
/// ...) once, when there is something to waive; and a political office whose resignation does
/// not take effect before the appointment date (paras 5–6).
pub fn check_entry(
    facts: &EntryFacts,
    appointed_on: ThaiDate,
    waiver: Option<&Waiver>,
) -> Violations {
    let mut out = Violations::default();
    if !facts.thai_national {
        out.push(
            Violation::new(
                "eligibility.nationality",
                "thai_national",
                "ผู้ที่จะเข้ารับราชการต้องมีสัญชาติไทย",
                "a person entering the service must be of Thai nationality",
            )
            .with_section("§43 ก.(1)"),
        );
    }
    if age_on(facts.birth_date, appointed_on) < MINIMUM_AGE {
        let completes = completes_age(facts.birth_date, MINIMUM_AGE);
        out.push(
            Violation::new(
                "eligibility.age",
                "birth_date",
                format!(
                    "ต้องมีอายุไม่ต่ำกว่าสิบแปดปีในวันบรรจุ ({}): ผู้นี้มีอายุครบสิบแปดปีในวันที่ {}",
                    appointed_on, completes
                ),
                format!(
                    "must be at least 18 on the appointment date ({}): this person turns 18 on {}",
                    appointed_on.iso(),
                    completes.iso()
                ),
            )
            .with_section("§43 ก.(2)"),
        );
    }
    if !facts.loyal {
        out.push(
            Violation::new(
                "eligibility.loyalty",
                "loyal",
                "ต้องเป็นผู้เลื่อมใสในการปกครองระบอบประชาธิปไตยอันมีพระมหากษัตริย์ทรงเป็นประมุขด้วยความบริสุทธิ์ใจ",
                "must be sincerely loyal to democratic government with the King as head of state",
            )
            .with_section("§43 ก.(3)"),
        );
    }

    let waiver_valid = match waiver {
        Some(w) if !facts.disqualifications.is_empty() => {
            let defects = check_waiver(w, appointed_on);
            let ok = defects.is_empty();
            out.0.extend(defects.0);
            ok
        }
        _ => false,
    };
    for (i, d) in facts.disqualifications.iter().enumerate() {
        let mut gaps = Vec::new();
        if waiver.is_some() {
            waiver_gaps(i, d, appointed_on, &mut gaps);
        }
        if waiver_valid && gaps.is_empty() {
            continue;
        }
        let (hint_th, hint_en) = match (d.ground.waivable(), waiver.is_some()) {
            (true, false) => (" (ก.ก. อาจพิจารณายกเว้นได้)", " (ก.ก. may consider a waiver)"),
            _ => ("", ""),
        };
        out.push(
            Violation::new(
                "eligibility.disqualified",
                format!("disqualifications[{i}]"),
                format!(
                    "มีลักษณะต้องห้ามตาม {}: {}{hint_th}",
                    d.ground.section(),
                    d.ground.th()
                ),
                format!(
                    "disqualified under {}: {}{hint_en}",
                    d.ground.section(),
                    d.ground.en()
                ),
            )
            .with_section(d.ground.section()),
        );
        out.0.extend(gaps);
    }

    if let Some(office) = &facts.political_office {
        let in_time = office
            .resignation_effective
            .is_some_and(|d| d < appointed_on);
        if !in_time {
            let when_th = office
                .resignation_effective
                .map(|d| format!("การลาออกมีผล {d} "))
                .unwrap_or_default();
            let when_en = office
                .resignation_effective
                .map(|d| format!("the resignation takes effect on {}; ", d.iso()))
                .unwrap_or_default();
            out.push(
                Violation::new(
                    "eligibility.political_office",
                    "political_office.resignation_effective",
                    format!(
                        "ผู้ดำรงตำแหน่งทางการเมืองหรือในพรรคการเมืองต้องลาออก และการลาออกต้องมีผลก่อนวันบรรจุเข้ารับราชการ ({appointed_on}): {when_th}มิฉะนั้นให้ถือว่าผู้นั้นมิเคยได้รับคัดเลือกหรือเลือกเพื่อเข้ารับราชการ"
                    ),
                    format!(
                        "a holder of a political or party office must resign with effect before the appointment date ({}): {when_en}otherwise the person is deemed never to have been selected",
                        appointed_on.iso()
                    ),
                )
                .with_section("§43 วรรคห้า"),
            );
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

    fn clean(birth: ThaiDate) -> EntryFacts {
        EntryFacts {
            thai_national: true,
            birth_date: birth,
            loyal: true,
            disqualifications: vec![],
            political_office: None,
        }
    }

    fn with(ground: Ground, left: Option<ThaiDate>, corruption: bool) -> EntryFacts {
        EntryFacts {
            disqualifications: vec![Disqualification {
                ground,
                left_service_on: left,
                corruption,
            }],
            ..clean(d(1950, 1, 1))
        }
    }

    fn waiver(present: u32, in_favour: u32) -> Waiver {
        Waiver {
            resolution: "มติ ก.ก. ครั้งที่ 5/2566".into(),
            decided_on: d(1970, 1, 1),
            present,
            in_favour,
            secret_ballot: true,
        }
    }

    fn codes(v: &Violations) -> Vec<&'static str> {
        v.iter().map(|x| x.code).collect()
    }

    #[test]
    fn a_clean_person_passes() {
        assert!(check_entry(&clean(d(1990, 1, 1)), d(2024, 1, 1), None).is_empty());
    }

    #[test]
    fn general_qualifications_each_reported() {
        // "(๑) มีสัญชาติไทย (๒) มีอายุไม่ต่ำกว่าสิบแปดปี (๓) เป็นผู้เลื่อมใสในการปกครอง..."
        let facts = EntryFacts {
            thai_national: false,
            loyal: false,
            ..clean(d(2010, 1, 1))
        };
        let v = check_entry(&facts, d(2024, 1, 1), None);
        assert_eq!(
            codes(&v),
            [
                "eligibility.nationality",
                "eligibility.age",
                "eligibility.loyalty"
            ]
        );
        let sections: Vec<_> = v.iter().map(|x| x.section.unwrap()).collect();
        assert_eq!(sections, ["§43 ก.(1)", "§43 ก.(2)", "§43 ก.(3)"]);
    }

    #[test]
    fn age_of_eighteen_on_the_appointment_date() {
        // (birth, appointment, ok): age is completed on the day before the birthday.
        let cases = [
            (d(2000, 5, 5), d(2018, 5, 4), true),
            (d(2000, 5, 5), d(2018, 5, 3), false),
            (d(2000, 5, 5), d(2018, 5, 5), true),
            // Born on 29 February: completes 18 on 28 February of a common year.
            (d(2004, 2, 29), d(2022, 2, 28), true),
            (d(2004, 2, 29), d(2022, 2, 27), false),
            // ... and of a leap year.
            (d(2006, 2, 28), d(2024, 2, 27), true),
            (d(2006, 2, 28), d(2024, 2, 26), false),
        ];
        for (birth, on, ok) in cases {
            let v = check_entry(&clean(birth), on, None);
            assert_eq!(v.is_empty(), ok, "born {birth}, appointed {on}: {v}");
            if !ok {
                assert_eq!(codes(&v), ["eligibility.age"]);
            }
        }
    }

    #[test]
    fn every_disqualification_without_a_waiver() {
        for g in Ground::ALL {
            let v = check_entry(&with(*g, None, false), d(2024, 1, 1), None);
            assert_eq!(codes(&v), ["eligibility.disqualified"], "{g:?}");
            assert_eq!(v.0[0].section, Some(g.section()));
            assert_eq!(v.0[0].field, "disqualifications[0]");
            assert!(v.0[0].message_th.contains(g.th()));
        }
    }

    #[test]
    fn grounds_one_and_two_cannot_be_waived() {
        // "ซึ่งมีลักษณะต้องห้ามตาม ข. (๓) (๔) (๕) (๖) (๗) (๘) หรือ (๙) ก.ก. อาจพิจารณายกเว้น"
        let w = waiver(10, 10);
        for g in [Ground::B1, Ground::B2] {
            let v = check_entry(&with(g, None, false), d(2024, 1, 1), Some(&w));
            assert_eq!(
                codes(&v),
                ["eligibility.disqualified", "waiver.not_waivable"],
                "{g:?}"
            );
        }
        for g in [Ground::B3, Ground::B4, Ground::B5, Ground::B9] {
            assert!(check_entry(&with(g, None, false), d(2024, 1, 1), Some(&w)).is_empty());
        }
    }

    #[test]
    fn wait_of_more_than_two_and_three_years() {
        let w = waiver(10, 8);
        // (ground, left service on, appointed on, ok)
        let cases = [
            // "ผู้นั้นต้องออกจากงานหรือออกจากราชการไปเกินสองปีแล้ว": on the second
            // anniversary the person has been out exactly two years.
            (Ground::B6, d(2020, 6, 15), d(2022, 6, 15), false),
            (Ground::B6, d(2020, 6, 15), d(2022, 6, 16), true),
            (Ground::B7, d(2020, 6, 15), d(2022, 6, 15), false),
            (Ground::B7, d(2020, 6, 15), d(2022, 6, 16), true),
            // "ไปเกินสามปีแล้ว"
            (Ground::B8, d(2020, 6, 15), d(2023, 6, 15), false),
            (Ground::B8, d(2020, 6, 15), d(2023, 6, 16), true),
            (Ground::B8, d(2020, 6, 15), d(2022, 6, 16), false),
            // Left on 29 February: the anniversary in a common year is 1 March.
            (Ground::B6, d(2020, 2, 29), d(2022, 3, 1), false),
            (Ground::B6, d(2020, 2, 29), d(2022, 3, 2), true),
            (Ground::B8, d(2020, 2, 29), d(2023, 3, 1), false),
            (Ground::B8, d(2020, 2, 29), d(2023, 3, 2), true),
            // Left on 29 February, anniversary in a leap year.
            (Ground::B6, d(2020, 2, 29), d(2024, 2, 29), true),
            (Ground::B6, d(2016, 2, 29), d(2018, 3, 1), false),
            // An appointment on 29 February.
            (Ground::B7, d(2022, 2, 28), d(2024, 2, 28), false),
            (Ground::B7, d(2022, 2, 28), d(2024, 2, 29), true),
        ];
        for (g, left, on, ok) in cases {
            let v = check_entry(&with(g, Some(left), false), on, Some(&w));
            assert_eq!(v.is_empty(), ok, "{g:?} left {left} appointed {on}: {v}");
            if !ok {
                assert_eq!(codes(&v), ["eligibility.disqualified", "waiver.wait"]);
                assert_eq!(v.0[1].section, Some("§43 วรรคสอง"));
            }
        }
        // Without a date of leaving the wait cannot be shown.
        let v = check_entry(&with(Ground::B8, None, false), d(2024, 1, 1), Some(&w));
        assert_eq!(codes(&v), ["eligibility.disqualified", "waiver.wait"]);
    }

    #[test]
    fn corruption_bars_a_waiver_of_ground_eight_only() {
        // "และต้องมิใช่เป็นกรณีออกจากงานหรือออกจากราชการเพราะเหตุทุจริตต่อหน้าที่"
        let w = waiver(10, 8);
        let v = check_entry(
            &with(Ground::B8, Some(d(2010, 1, 1)), true),
            d(2024, 1, 1),
            Some(&w),
        );
        assert_eq!(codes(&v), ["eligibility.disqualified", "waiver.corruption"]);
        // Too early and for corruption: both reported.
        let v = check_entry(
            &with(Ground::B8, Some(d(2023, 1, 1)), true),
            d(2024, 1, 1),
            Some(&w),
        );
        assert_eq!(
            codes(&v),
            [
                "eligibility.disqualified",
                "waiver.wait",
                "waiver.corruption"
            ]
        );
        // The corruption clause stands in the sentence about (8).
        let v = check_entry(
            &with(Ground::B6, Some(d(2010, 1, 1)), true),
            d(2024, 1, 1),
            Some(&w),
        );
        assert!(v.is_empty(), "{v}");
    }

    #[test]
    fn the_vote_is_four_fifths_of_those_present_by_secret_ballot() {
        // "ต้องได้คะแนนเสียงไม่น้อยกว่าสี่ในห้าของจำนวนกรรมการที่มาประชุม การลงมติให้กระทำโดยลับ"
        let facts = with(Ground::B4, None, false);
        let on = d(2024, 1, 1);
        for (present, in_favour, ok) in [
            (5, 4, true),
            (5, 3, false),
            (10, 8, true),
            (10, 7, false),
            (12, 10, true), // 10/12 = 0.83
            (12, 9, false), // 9/12 = 0.75
            (21, 17, true), // 17/21 = 0.81
            (21, 16, false),
            (0, 0, false),
            (5, 6, false),
        ] {
            let v = check_entry(&facts, on, Some(&waiver(present, in_favour)));
            assert_eq!(v.is_empty(), ok, "{in_favour}/{present}: {v}");
            if !ok {
                assert_eq!(codes(&v), ["waiver.votes", "eligibility.disqualified"]);
            }
        }
        let open = Waiver {
            secret_ballot: false,
            ..waiver(10, 10)
        };
        let v = check_entry(&facts, on, Some(&open));
        assert_eq!(
            codes(&v),
            ["waiver.secret_ballot", "eligibility.disqualified"]
        );
        let late = Waiver {
            decided_on: d(2024, 1, 2),
            ..waiver(10, 10)
        };
        let v = check_entry(&facts, on, Some(&late));
        assert_eq!(
            codes(&v),
            ["waiver.after_appointment", "eligibility.disqualified"]
        );
        // A waiver for someone with nothing to waive is not examined.
        assert!(check_entry(&clean(d(1990, 1, 1)), on, Some(&open)).is_empty());
    }

    #[test]
    fn every_failure_is_reported_not_just_the_first() {
        let facts = EntryFacts {
            thai_national: false,
            birth_date: d(2010, 1, 1),
            loyal: true,
            disqualifications: vec![
                Disqualification {
                    ground: Ground::B2,
                    left_service_on: None,
                    corruption: false,
                },
                Disqualification {
                    ground: Ground::B8,
                    left_service_on: Some(d(2023, 1, 1)),
                    corruption: true,
                },
            ],
            political_office: Some(PoliticalOffice {
                resignation_effective: None,
            }),
        };
        let w = Waiver {
            secret_ballot: false,
            ..waiver(10, 7)
        };
        let v = check_entry(&facts, d(2024, 1, 1), Some(&w));
        assert_eq!(
            codes(&v),
            [
                "eligibility.nationality",
                "eligibility.age",
                "waiver.votes",
                "waiver.secret_ballot",
                "eligibility.disqualified",
                "waiver.not_waivable",
                "eligibility.disqualified",
                "waiver.wait",
                "waiver.corruption",
                "eligibility.political_office",
            ]
        );
        assert!(v
            .iter()
            .all(|x| x.section.is_some_and(|s| s.starts_with("§43"))));
        assert_eq!(v.0[5].field, "disqualifications[0].ground");
        assert_eq!(v.0[7].field, "disqualifications[1].left_service_on");
    }

    #[test]
    fn resignation_from_political_office_takes_effect_before_the_appointment_date() {
        // "การลาออกต้องมีผลก่อนวันบรรจุเข้ารับราชการ"
        let on = d(2024, 6, 1);
        for (effective, ok) in [
            (Some(d(2024, 5, 31)), true),
            (Some(d(2024, 6, 1)), false),
            (Some(d(2024, 6, 2)), false),
            (None, false),
        ] {
            let facts = EntryFacts {
                political_office: Some(PoliticalOffice {
                    resignation_effective: effective,
                }),
                ..clean(d(1990, 1, 1))
            };
            let v = check_entry(&facts, on, None);
            assert_eq!(v.is_empty(), ok, "{effective:?}");
            if !ok {
                assert_eq!(codes(&v), ["eligibility.political_office"]);
                assert_eq!(v.0[0].section, Some("§43 วรรคห้า"));
                assert!(v.0[0].message_th.contains("มิเคยได้รับคัดเลือก"));
            }
        }
    }

    #[test]
    fn declaration_from_an_orders_json() {
        let json = r#"{"thai_national": true, "loyal": true,
            "disqualifications": [{"ground": "b8", "left_service_on": "2020-01-01", "corruption": false}],
            "political_office": null}"#;
        let decl: EntryDeclaration = serde_json::from_str(json).unwrap();
        let facts = decl.facts(d(1990, 1, 1));
        assert_eq!(facts.birth_date, d(1990, 1, 1));
        assert_eq!(facts.disqualifications[0].ground, Ground::B8);
        assert_eq!(
            facts.disqualifications[0].left_service_on,
            Some(d(2020, 1, 1))
        );
        // Minimal form, BE dates, and a waiver.
        let decl: EntryDeclaration = serde_json::from_str(
            r#"{"thai_national": true, "loyal": true,
                "disqualifications": [{"ground": "b6", "left_service_on": "01/01/2563"}],
                "political_office": {"resignation_effective": "2024-01-01"}}"#,
        )
        .unwrap();
        assert_eq!(
            decl.disqualifications[0].left_service_on,
            Some(d(2020, 1, 1))
        );
        assert!(!decl.disqualifications[0].corruption);
        let w: Waiver = serde_json::from_str(
            r#"{"resolution": "มติ ก.ก. ครั้งที่ 5/2566", "decided_on": "2023-05-01",
                "present": 15, "in_favour": 12, "secret_ballot": true}"#,
        )
        .unwrap();
        assert!(check_waiver(&w, d(2023, 5, 1)).is_empty());
        // A misspelt key is refused rather than silently ignored.
        assert!(serde_json::from_str::<EntryDeclaration>(
            r#"{"thai_national": true, "loyal": true, "disqualification": [{"ground": "b4"}]}"#
        )
        .is_err());
        assert!(serde_json::from_str::<Disqualification>(r#"{"ground": "b10"}"#).is_err());
    }

    #[test]
    fn ground_labels() {
        assert_eq!(Ground::parse("b5").unwrap(), Ground::B5);
        assert_eq!(Ground::parse("เป็นบุคคลล้มละลาย").unwrap(), Ground::B4);
        assert_eq!(Ground::ALL.len(), 9);
        let waivable: Vec<_> = Ground::ALL.iter().filter(|g| g.waivable()).collect();
        assert_eq!(waivable.len(), 7);
    }

    proptest! {
        #[test]
        fn a_vote_at_exactly_four_fifths_passes_and_one_less_fails(present in 1u32..200) {
            let need = votes_needed(present);
            prop_assert!(u64::from(need) * 5 >= u64::from(present) * 4);
            prop_assert!(check_waiver(&waiver(present, need), d(2024, 1, 1)).is_empty());
            let v = check_waiver(&waiver(present, need - 1), d(2024, 1, 1));
            prop_assert_eq!(codes(&v), ["waiver.votes"]);
        }

        #[test]
        fn the_wait_is_passed_exactly_the_day_after_the_anniversary(
            days in 0i64..20_000,
            g in prop::sample::select(&[Ground::B6, Ground::B7, Ground::B8][..]),
        ) {
            let left = d(1980, 1, 1).add_days(days);
            let years = g.wait_years().unwrap();
            let earliest = earliest_after_wait(left, years);
            let w = waiver(9, 9);
            let on_time = check_entry(&with(g, Some(left), false), earliest, Some(&w));
            prop_assert!(on_time.is_empty(), "{}", on_time);
            let early = check_entry(&with(g, Some(left), false), earliest.add_days(-1), Some(&w));
            prop_assert!(early.iter().any(|x| x.code == "waiver.wait"));
            // More than `years` years have passed: at least years*365 whole days out.
            prop_assert!(left.days_until(earliest) > i64::from(years) * 365);
        }
    }
}
