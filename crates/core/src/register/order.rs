use serde::Deserialize;

use super::{ActionKind, PenaltyKind, SeparationReason};
use crate::i18n::{Violation, Violations};
use crate::{NationalId, Satang, ThaiDate};

/// One action of an order, as drafted.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize)]
pub struct ActionDraft {
    pub kind: ActionKind,
    #[serde(deserialize_with = "de_national_id")]
    pub person: NationalId,
    #[serde(default)]
    pub position_no: Option<String>,
    #[serde(default, deserialize_with = "de_satang")]
    pub salary: Option<Satang>,
    /// The level the drafter means to appoint at; it must be the position's (§14(5)).
    #[serde(default)]
    pub level: Option<crate::personnel::Level>,
    #[serde(default)]
    pub penalty: Option<PenaltyKind>,
    #[serde(default)]
    pub penalty_percent: Option<u32>,
    #[serde(default)]
    pub penalty_months: Option<u32>,
    #[serde(default)]
    pub separation: Option<SeparationReason>,
    /// When this action takes effect, if not on the order's effective date.
    #[serde(default)]
    pub effective_date: Option<ThaiDate>,
    /// The person's record version the drafter saw; a newer record refuses the order.
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// §43: what the appointee declared (nationality, loyalty, disqualifications, political
    /// office); required to bring someone into a civil-servant position.
    #[serde(default)]
    pub eligibility: Option<crate::law::eligibility::EntryDeclaration>,
    /// §43 para 2: the ก.ก. resolution waiving a disqualification.
    #[serde(default)]
    pub waiver: Option<crate::law::eligibility::Waiver>,
    /// §56: consents to a move between categories.
    #[serde(default)]
    pub consent: Option<crate::law::moves::Consent>,
    /// The examination or selection that lets the person enter another personnel category
    /// (§14(9)): its announcement or eligible list, e.g. `ประกาศผลการสอบแข่งขัน 3/2568 ลำดับที่ 12`.
    #[serde(default)]
    pub selection: Option<String>,
    /// Service or work before a transfer in, counted as BMA service (§57).
    #[serde(default)]
    pub prior_service: Vec<crate::law::moves::PriorService>,
    /// The corrected birth date (`correct_birth_date` only, §14(11)).
    #[serde(default)]
    pub birth_date: Option<ThaiDate>,
    /// The ก.ก. decision a birth-date correction rests on.
    #[serde(default)]
    pub kk_decision: Option<String>,
    /// The evidence of the true birth date (a document's reference).
    #[serde(default)]
    pub evidence: Option<String>,
    /// The disciplinary case this penalty or removal ends (§58): a serious penalty or a
    /// removal must follow the ก.ก. resolution recorded on it.
    #[serde(default)]
    pub case_id: Option<i64>,
    /// Why a person is removed (`separate` with `removal`); §58 para 2 grounds need no ก.ก.
    /// resolution.
    #[serde(default)]
    pub removal_ground: Option<crate::law::discipline::RemovalGround>,
    #[serde(default)]
    pub note: String,
}

/// Which earlier order (and which of its actions) a correcting order replaces.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Correction {
    pub order_number: String,
    /// 1-based action numbers; empty means the whole order.
    #[serde(default)]
    pub actions: Vec<u32>,
}

/// An order (คำสั่ง) as drafted, before it is applied to the register.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize)]
pub struct OrderDraft {
    /// `123/2567`: a running number and the BE year.
    pub number: String,
    /// Code of the unit that issues the order.
    pub issuer_unit: String,
    pub signed_on: ThaiDate,
    /// Name of the person who signed.
    pub signed_by: String,
    /// The office in which they signed (e.g. ผู้อำนวยการเขตบางกอกน้อย).
    pub authority: String,
    pub effective_date: ThaiDate,
    pub reason: String,
    #[serde(default)]
    pub corrects: Option<Correction>,
    /// Who signs, by office (§52–54). When absent: the head of the issuing agency, or the
    /// Permanent Secretary for an order issued by the BMA as a whole.
    #[serde(default)]
    pub signing_authority: Option<crate::law::authority::Authority>,
    /// The ก.ก. approval that must come first for teachers and higher education (§53, §54).
    #[serde(default)]
    pub kk_approval: Option<crate::law::order_rules::KkApproval>,
    #[serde(default)]
    pub actions: Vec<ActionDraft>,
}

fn de_national_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NationalId, D::Error> {
    let s = String::deserialize(d)?;
    NationalId::parse(&s).map_err(serde::de::Error::custom)
}

fn de_satang<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Satang>, D::Error> {
    let s: Option<serde_json::Value> = Option::deserialize(d)?;
    match s {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Satang::parse(&s)
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(serde_json::Value::Number(n)) => Satang::parse(&n.to_string())
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(_) => Err(serde::de::Error::custom(
            "salary must be a string or number",
        )),
    }
}

/// §14(11): ก.ก. keeps the register and alone corrects a birth date, so a birth date changes
/// only by a `correct_birth_date` action carrying the ก.ก. decision and the evidence, and no
/// other action carries one.
fn validate_birth_date_correction(
    a: &ActionDraft,
    at: &dyn Fn(&str) -> String,
    out: &mut Violations,
) {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|x| x.trim().is_empty());
    if a.kind != ActionKind::CorrectBirthDate {
        if a.birth_date.is_some() {
            out.push(
                Violation::new(
                    "birth_date.only_by_correction",
                    at("birth_date"),
                    "วันเดือนปีเกิดแก้ไขได้เฉพาะโดยรายการแก้ไขวันเดือนปีเกิดตามมติ ก.ก.",
                    "a birth date changes only by a birth-date correction on a ก.ก. decision",
                )
                .with_section("§14(11)"),
            );
        }
        return;
    }
    for (field, missing, th, en) in [
        (
            "birth_date",
            a.birth_date.is_none(),
            "ต้องระบุวันเดือนปีเกิดที่ถูกต้อง",
            "the corrected birth date is required",
        ),
        (
            "kk_decision",
            blank(&a.kk_decision),
            "ต้องอ้างมติ ก.ก. ที่ให้แก้ไข",
            "the ก.ก. decision is required",
        ),
        (
            "evidence",
            blank(&a.evidence),
            "ต้องระบุหลักฐานวันเดือนปีเกิด",
            "the evidence of the birth date is required",
        ),
    ] {
        if missing {
            out.push(
                Violation::new("birth_date.correction", at(field), th, en).with_section("§14(11)"),
            );
        }
    }
}

/// Order numbers are written `running/BE-year`, e.g. `1234/2567`.
pub fn parse_order_number(s: &str) -> Result<String, Violation> {
    let t = s.trim();
    let ok = t.split_once('/').is_some_and(|(n, y)| {
        !n.is_empty()
            && n.len() <= 20
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && y.len() == 4
            && y.parse::<i32>().is_ok_and(|y| (2400..3000).contains(&y))
    });
    if ok {
        Ok(t.to_string())
    } else {
        Err(Violation::new(
            "order.number",
            "number",
            format!("เลขที่คำสั่ง \"{t}\" ต้องอยู่ในรูป เลขที่/ปี พ.ศ. เช่น 1234/2567"),
            format!("order number \"{t}\" must be number/BE-year, e.g. 1234/2567"),
        ))
    }
}

impl OrderDraft {
    /// Checks what can be checked from the order alone, reporting every problem.
    pub fn validate_shape(&self) -> Violations {
        let mut out = Violations::default();
        out.take(parse_order_number(&self.number));
        if let Some(c) = &self.corrects {
            if let Err(v) = parse_order_number(&c.order_number) {
                out.push(v.on_field("corrects.order_number"));
            }
            if c.order_number.trim() == self.number.trim() {
                out.push(Violation::new(
                    "order.corrects_itself",
                    "corrects.order_number",
                    "คำสั่งแก้ไขต้องอ้างถึงคำสั่งอื่น",
                    "a correcting order must name another order",
                ));
            }
        }
        for (field, v) in [
            ("signed_by", &self.signed_by),
            ("authority", &self.authority),
            ("reason", &self.reason),
            ("issuer_unit", &self.issuer_unit),
        ] {
            if v.trim().is_empty() {
                out.push(Violation::new(
                    "order.required",
                    field,
                    "ต้องระบุ",
                    "is required",
                ));
            }
        }
        if self.actions.is_empty() && self.corrects.is_none() {
            out.push(Violation::new(
                "order.no_actions",
                "actions",
                "คำสั่งต้องมีอย่างน้อยหนึ่งรายการ",
                "an order must have at least one action",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, a) in self.actions.iter().enumerate() {
            let at = |f: &str| format!("actions[{}].{f}", i + 1);
            if !seen.insert((a.person.clone(), a.kind)) {
                out.push(Violation::new(
                    "order.duplicate_action",
                    at("person"),
                    "บุคคลเดียวกันมีรายการประเภทเดียวกันซ้ำในคำสั่งเดียว",
                    "the same person has the same kind of action twice in one order",
                ));
            }
            if a.kind.needs_position()
                && a.position_no.as_deref().is_none_or(|p| p.trim().is_empty())
            {
                out.push(Violation::new(
                    "action.position_required",
                    at("position_no"),
                    format!("{} ต้องระบุเลขที่ตำแหน่ง", a.kind.th()),
                    format!("{} needs a position number", a.kind.en()),
                ));
            }
            if a.kind.needs_salary() && a.salary.is_none() {
                out.push(Violation::new(
                    "action.salary_required",
                    at("salary"),
                    format!("{} ต้องระบุเงินเดือน", a.kind.th()),
                    format!("{} needs the salary", a.kind.en()),
                ));
            }
            if a.salary.is_some_and(|s| s.satang() <= 0) {
                out.push(Violation::new(
                    "action.salary_positive",
                    at("salary"),
                    "เงินเดือนต้องมากกว่าศูนย์",
                    "salary must be greater than zero",
                ));
            }
            if a.kind == ActionKind::Separate && a.separation.is_none() {
                out.push(Violation::new(
                    "action.separation_reason",
                    at("separation"),
                    "การพ้นจากราชการต้องระบุเหตุ",
                    "a separation needs its reason",
                ));
            }
            if a.kind == ActionKind::Penalty {
                self.validate_penalty(a, &at, &mut out);
            }
            validate_birth_date_correction(a, &at, &mut out);
        }
        out
    }

    fn validate_penalty(&self, a: &ActionDraft, at: &dyn Fn(&str) -> String, out: &mut Violations) {
        match a.penalty {
            None => out.push(Violation::new(
                "penalty.required",
                at("penalty"),
                "ต้องระบุโทษ",
                "the penalty is required",
            )),
            Some(PenaltyKind::SalaryCut) => {
                let pct_ok = a.penalty_percent.is_some_and(|p| (1..=20).contains(&p));
                let months_ok = a.penalty_months.is_some_and(|m| (1..=12).contains(&m));
                if !pct_ok || !months_ok {
                    out.push(
                        Violation::new(
                            "penalty.salary_cut_terms",
                            at("penalty_percent"),
                            "โทษตัดเงินเดือนต้องระบุร้อยละ (1–20) และจำนวนเดือน (1–12)",
                            "a salary cut needs its percent (1–20) and months (1–12)",
                        )
                        .with_section("§58"),
                    );
                }
            }
            Some(PenaltyKind::SalaryReduction) if a.salary.is_none() => out.push(
                Violation::new(
                    "penalty.reduced_salary",
                    at("salary"),
                    "โทษลดเงินเดือนต้องระบุเงินเดือนหลังลด",
                    "a salary reduction needs the salary after the reduction",
                )
                .with_section("§58"),
            ),
            Some(_) => {}
        }
    }

    /// The effective date of one action.
    pub fn effective_of(&self, a: &ActionDraft) -> ThaiDate {
        a.effective_date.unwrap_or(self.effective_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(actions: serde_json::Value) -> OrderDraft {
        serde_json::from_value(serde_json::json!({
            "number": "12/2567",
            "issuer_unit": "D-BKN",
            "signed_on": "01/10/2566",
            "signed_by": "นายสมชาย ใจดี",
            "authority": "ผู้อำนวยการเขตบางกอกน้อย",
            "effective_date": "2023-10-01",
            "reason": "เลื่อนเงินเดือน",
            "actions": actions,
        }))
        .unwrap()
    }

    #[test]
    fn a_good_order() {
        let o = draft(serde_json::json!([
            {"kind": "salary_change", "person": "1101700203450", "salary": "25,000"}
        ]));
        assert!(o.validate_shape().is_empty(), "{}", o.validate_shape());
        assert_eq!(o.actions[0].salary, Some(Satang::from_baht(25_000)));
        assert_eq!(o.signed_on, ThaiDate::from_ce(2023, 10, 1).unwrap());
    }

    #[test]
    fn every_missing_piece_is_reported() {
        let mut o = draft(serde_json::json!([
            {"kind": "appoint", "person": "1101700203450"},
            {"kind": "separate", "person": "1101700203450"},
            {"kind": "penalty", "person": "1101700203450", "penalty": "salary_cut", "penalty_percent": 50},
            {"kind": "appoint", "person": "1101700203450", "position_no": "1", "salary": 1}
        ]));
        o.number = "12-2567".into();
        o.reason = " ".into();
        let codes: Vec<&str> = o.validate_shape().iter().map(|v| v.code).collect();
        for c in [
            "order.number",
            "order.required",
            "action.position_required",
            "action.salary_required",
            "action.separation_reason",
            "penalty.salary_cut_terms",
            "order.duplicate_action",
        ] {
            assert!(codes.contains(&c), "{c} missing in {codes:?}");
        }
    }

    #[test]
    fn order_numbers() {
        assert!(parse_order_number("1234/2567").is_ok());
        assert!(parse_order_number("ก.ก.1/2567").is_err());
        assert!(parse_order_number("1234/2023").is_err());
        assert!(parse_order_number("/2567").is_err());
    }
}
