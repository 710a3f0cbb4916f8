//! The Act applied to one action of an order: who must sign it (§52–54), whether ก.ก.
//! approved first (§53, §54), whether the appointee may enter (§43), and the consents a move
//! between categories needs (§56). The store gathers the facts; this decides.

use crate::i18n::{Violation, Violations};
use crate::law::authority::{check_signature, Authority, AuthorityQuestion};
use crate::law::eligibility::check_entry;
use crate::law::moves::{
    check_category_entry, check_category_move, is_category_entry, is_category_move,
};
use crate::personnel::{Category, Level};
use crate::register::{ActionDraft, ActionKind};
use crate::ThaiDate;

/// The ก.ก. resolution approving an appointment of teachers or higher education (§53, §54).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KkApproval {
    /// e.g. "มติ ก.ก. ครั้งที่ 5/2569".
    pub resolution: String,
    pub decided_on: ThaiDate,
}

/// A position as the rules see it: its category, level and the agency it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostFacts {
    pub category: Category,
    pub level: Level,
    /// The agency (district, department, office …) whose frame holds the position.
    pub agency_id: i64,
}

/// What the store knows about one action.
#[derive(Debug, Clone, Copy)]
pub struct ActionFacts {
    pub effective: ThaiDate,
    pub birth_date: Option<ThaiDate>,
    /// The position the action places the person in (appointments, moves, promotions).
    pub target: Option<PostFacts>,
    /// The position the person holds before the action.
    pub current: Option<PostFacts>,
}

/// What the store knows about the order.
#[derive(Debug, Clone)]
pub struct OrderFacts<'a> {
    pub signed_by: Authority,
    pub signed_on: ThaiDate,
    /// The agency of the issuing unit; `None` for the BMA as a whole.
    pub issuer_agency: Option<i64>,
    pub kk_approval: Option<&'a KkApproval>,
}

/// The authority of an order that does not state one: the head of the issuing agency, or the
/// Permanent Secretary for an order of the BMA as a whole.
pub fn default_authority(issued_by_the_bma_as_a_whole: bool) -> Authority {
    if issued_by_the_bma_as_a_whole {
        Authority::PermanentSecretary
    } else {
        Authority::AgencyHead
    }
}

/// Where a §43 failure points in the action as drafted: the declaration's own fields sit
/// under `eligibility`, the waiver's already under `waiver`, and the birth date is not in the
/// order but in the person's record.
fn entry_field(field: &str) -> String {
    match field {
        "birth_date" => "person".to_string(),
        f if f.starts_with("waiver.") => f.to_string(),
        f => format!("eligibility.{f}"),
    }
}

/// The rules on the order as a whole, reported once: the ก.ก. approval it cites must name
/// its resolution and come before the signature (§53, §54).
pub fn check_order_law(order: &OrderFacts<'_>) -> Violations {
    let mut out = Violations::default();
    if let Some(k) = order.kk_approval {
        if k.decided_on > order.signed_on {
            out.push(
                Violation::new(
                    "kk_approval.after_signing",
                    "kk_approval",
                    format!(
                        "มติ ก.ก. ลงวันที่ {} หลังวันลงนามคำสั่ง {} ต้องได้รับความเห็นชอบก่อน",
                        k.decided_on, order.signed_on
                    ),
                    format!(
                        "the ก.ก. resolution of {} is after the order was signed on {}; approval must come first",
                        k.decided_on, order.signed_on
                    ),
                )
                .with_section("§53, §54"),
            );
        }
        if k.resolution.trim().is_empty() {
            out.push(
                Violation::new(
                    "kk_approval.resolution",
                    "kk_approval",
                    "ต้องระบุเลขที่มติ ก.ก.",
                    "the ก.ก. resolution's reference is required",
                )
                .with_section("§53, §54"),
            );
        }
    }
    out
}

/// Every rule of the Act the action breaks, each with its section; fields are relative to
/// the action (`authority`, `eligibility`, …) and the caller prefixes them.
/// The paragraph that makes the head of an agency the authority for its own positions: §52
/// for ordinary civil servants (and, by §44, employees), §53 for teachers, §54 for higher
/// education.
fn head_section(category: Category) -> &'static str {
    match category {
        Category::Teacher => "§53 วรรคหนึ่ง (4)",
        Category::HigherEducation => "§54 วรรคหนึ่ง (4)",
        _ => "§52 วรรคหนึ่ง (4)",
    }
}

/// §43: the declaration of who enters a civil-servant position, judged on the effective date
/// with any ก.ก. waiver.
fn check_declaration(a: &ActionDraft, f: &ActionFacts) -> Violations {
    let mut out = Violations::default();
    match (&a.eligibility, f.birth_date) {
        (None, _) => out.push(
            Violation::new(
                "eligibility.declaration_required",
                "eligibility",
                "การบรรจุข้าราชการต้องบันทึกคุณสมบัติทั่วไปและลักษณะต้องห้ามของผู้ได้รับการบรรจุ",
                "appointing a civil servant needs the appointee's qualifications and disqualifications recorded",
            )
            .with_section("§43"),
        ),
        (Some(d), Some(birth)) => {
            let facts = d.clone().facts(birth);
            for v in check_entry(&facts, f.effective, a.waiver.as_ref()).iter() {
                out.push(v.clone().on_field(entry_field(&v.field)));
            }
        }
        (Some(_), None) => {}
    }
    out
}

pub fn check_action_law(order: &OrderFacts<'_>, a: &ActionDraft, f: &ActionFacts) -> Violations {
    let mut out = Violations::default();
    // The position the signature is about: the new one, else the one held.
    let post = if a.kind.needs_position() {
        f.target
    } else {
        f.current
    };
    if let Some(post) = post {
        let cross_agency = matches!(a.kind, ActionKind::Move | ActionKind::Promote)
            && f.current
                .zip(f.target)
                .is_some_and(|(c, t)| c.agency_id != t.agency_id);
        let q = AuthorityQuestion {
            category: post.category,
            level: post.level,
            cross_agency,
        };
        // §53, §54: "เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว" qualifies the appointment to a
        // position (การบรรจุและแต่งตั้งให้ดำรงตำแหน่ง); an action that places no one (a salary
        // change, a penalty, a separation) asks only who signs.
        let approved = order.kk_approval.is_some() || !a.kind.needs_position();
        for v in check_signature(&q, order.signed_by, approved).iter() {
            out.push(v.clone());
        }
        // The head of an agency signs for the positions of that agency only.
        if order.signed_by == Authority::AgencyHead {
            let outside = [f.target, f.current]
                .into_iter()
                .flatten()
                .any(|p| Some(p.agency_id) != order.issuer_agency);
            if outside && !cross_agency {
                out.push(
                    Violation::new(
                        "authority.other_agency",
                        "authority",
                        "หัวหน้าส่วนราชการสั่งได้เฉพาะตำแหน่งในส่วนราชการของตน ตำแหน่งนี้อยู่ในส่วนราชการอื่น",
                        "the head of an agency orders only for positions of that agency; this one is in another agency",
                    )
                    .with_section(head_section(post.category)),
                );
            }
        }
    }
    // Entering another personnel category by a move or promotion (not a §56 move between
    // civil-servant categories) is an entry: it names its examination or selection (§14(9)).
    let category_entry = match (f.current, f.target) {
        (Some(c), Some(t)) if a.kind.needs_position() && !a.kind.is_entry() => {
            for v in check_category_entry(c.category, t.category, a.selection.as_deref()).iter() {
                out.push(v.clone());
            }
            is_category_entry(c.category, t.category)
        }
        _ => false,
    };
    // §43: entering a civil-servant position, by appointment or from another category.
    if let (true, Some(t)) = (a.kind.is_entry() || category_entry, f.target) {
        if t.category.is_civil_servant() {
            for v in check_declaration(a, f).iter() {
                out.push(v.clone());
            }
        }
    }
    // §56: a move between categories of civil servant.
    if let (Some(c), Some(t)) = (f.current, f.target) {
        if a.kind.needs_position() && is_category_move(c.category, t.category) {
            let consent = a.consent.unwrap_or_default();
            for v in
                check_category_move(c.category, t.category, consent.person, consent.home_agency)
                    .iter()
            {
                out.push(v.clone().on_field("consent"));
            }
        }
    }
    out
}

/// What an action does to the person for §58: a penalty, or a removal from service (a
/// separation for removal, discharge or dismissal). `None` for anything else.
pub fn measure_of(a: &ActionDraft) -> Option<crate::law::discipline::Measure> {
    use crate::law::discipline::{Measure, RemovalGround};
    use crate::register::{PenaltyKind, SeparationReason};
    match (a.kind, a.penalty, a.separation) {
        (ActionKind::Penalty, Some(p), _) => Some(Measure::Penalty(p)),
        (ActionKind::Separate, _, Some(SeparationReason::Removal)) => Some(Measure::Removal(
            a.removal_ground.unwrap_or(RemovalGround::Other),
        )),
        (ActionKind::Separate, _, Some(SeparationReason::Discharge)) => {
            Some(Measure::Penalty(PenaltyKind::Discharge))
        }
        (ActionKind::Separate, _, Some(SeparationReason::Dismissal)) => {
            Some(Measure::Penalty(PenaltyKind::Dismissal))
        }
        _ => None,
    }
}

/// §58 para 1 on one action: a serious penalty or a removal is ordered only as ก.ก.
/// resolved on the case the action names (`kk` is that case's resolution, if any).
pub fn check_measure_law(
    a: &ActionDraft,
    signed_on: ThaiDate,
    kk: Option<&crate::law::discipline::KkResolution>,
) -> Violations {
    match measure_of(a) {
        Some(m) if m.needs_kk() || kk.is_some() => {
            crate::law::discipline::check_serious_penalty(m, signed_on, kk)
        }
        _ => Violations::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::eligibility::EntryDeclaration;

    fn d(y: i32, m: u32, day: u32) -> ThaiDate {
        ThaiDate::from_ce(y, m, day).unwrap()
    }

    fn action(kind: &str, extra: serde_json::Value) -> ActionDraft {
        let mut v = serde_json::json!({"kind": kind, "person": "1101700203450"});
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        serde_json::from_value(v).unwrap()
    }

    fn post(category: Category, level: Level, agency_id: i64) -> PostFacts {
        PostFacts {
            category,
            level,
            agency_id,
        }
    }

    fn order(signed_by: Authority, issuer_agency: Option<i64>) -> OrderFacts<'static> {
        OrderFacts {
            signed_by,
            signed_on: d(2026, 10, 1),
            issuer_agency,
            kk_approval: None,
        }
    }

    fn codes(v: &Violations) -> Vec<&'static str> {
        v.iter().map(|x| x.code).collect()
    }

    fn declared() -> serde_json::Value {
        serde_json::json!({"eligibility": {"thai_national": true, "loyal": true}})
    }

    /// Issue 20: a temporary employee moved into a permanent-employee or civil-servant post
    /// enters that category: the selection is named (§14(9)) and, for the civil service, the
    /// §43 declaration made; a §56 move between civil-servant categories is not an entry.
    #[test]
    fn entering_another_category_is_an_entry() {
        let temp = post(Category::TemporaryEmployee, Level::Temporary, 7);
        let facts = |target| ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1990, 1, 1)),
            target: Some(target),
            current: Some(temp),
        };
        let head = order(Authority::AgencyHead, Some(7));
        let permanent = post(Category::PermanentEmployee, Level::Operational, 7);
        let ordinary = post(Category::Ordinary, Level::Practitioner, 7);
        let selected = serde_json::json!({"selection": "ประกาศผลการคัดเลือก 3/2569 ลำดับที่ 1"});
        // (target, action's extra fields, codes refused)
        let cases: Vec<(PostFacts, serde_json::Value, Vec<&str>)> = vec![
            (
                permanent,
                serde_json::json!({}),
                vec!["category_entry.selection_required"],
            ),
            (permanent, selected.clone(), vec![]),
            (
                ordinary,
                serde_json::json!({}),
                vec![
                    "category_entry.selection_required",
                    "eligibility.declaration_required",
                ],
            ),
            (
                ordinary,
                selected.clone(),
                vec!["eligibility.declaration_required"],
            ),
            (
                ordinary,
                serde_json::json!({"selection": "สอบแข่งขัน 1/2569", "eligibility": {"thai_national": true, "loyal": true}}),
                vec![],
            ),
            (temp, serde_json::json!({}), vec![]),
        ];
        for (target, extra, want) in cases {
            let v = check_action_law(&head, &action("move", extra.clone()), &facts(target));
            assert_eq!(codes(&v), want, "{target:?} {extra}");
            let entry = v
                .iter()
                .find(|x| x.code == "category_entry.selection_required")
                .map(|x| x.section);
            let want = if target.category.is_civil_servant() {
                "§55, §14(9)"
            } else {
                "§14(9)"
            };
            assert!(entry.is_none_or(|s| s == Some(want)), "{entry:?}");
        }
        // §56: ordinary to teacher is a move between civil-servant categories, not an entry.
        let f = ActionFacts {
            current: Some(ordinary),
            ..facts(post(Category::Teacher, Level::AssistantTeacher, 7))
        };
        let v = check_action_law(&head, &action("move", serde_json::json!({})), &f);
        assert!(
            !codes(&v).contains(&"category_entry.selection_required"),
            "{v:?}"
        );
    }

    /// The head of an agency orders only its own positions: §52 for ordinary civil servants,
    /// §53 for teachers, §54 for higher education, each citing its own paragraph.
    #[test]
    fn another_agency_s_head_is_refused_under_the_category_s_section() {
        for (category, level, section) in [
            (Category::Ordinary, Level::Practitioner, "§52 วรรคหนึ่ง (4)"),
            (Category::Teacher, Level::TeacherNoRank, "§53 วรรคหนึ่ง (4)"),
            (
                Category::HigherEducation,
                Level::Lecturer,
                "§54 วรรคหนึ่ง (4)",
            ),
        ] {
            let f = ActionFacts {
                effective: d(2026, 10, 1),
                birth_date: Some(d(1990, 1, 1)),
                target: None,
                current: Some(post(category, level, 8)),
            };
            let v = check_action_law(
                &order(Authority::AgencyHead, Some(7)),
                &action("salary_change", serde_json::json!({"salary": "20000"})),
                &f,
            );
            let other = v.iter().find(|x| x.code == "authority.other_agency");
            assert_eq!(
                other.and_then(|x| x.section),
                Some(section),
                "{category:?}: {v:?}"
            );
        }
    }

    #[test]
    fn a_district_director_appoints_a_practitioner_of_the_district() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(2000, 1, 1)),
            target: Some(post(Category::Ordinary, Level::Practitioner, 7)),
            current: None,
        };
        let ok = check_action_law(
            &order(Authority::AgencyHead, Some(7)),
            &action("appoint", declared()),
            &f,
        );
        assert!(ok.is_empty(), "{ok:?}");
        // Without the §43 declaration.
        let v = check_action_law(
            &order(Authority::AgencyHead, Some(7)),
            &action("appoint", serde_json::json!({})),
            &f,
        );
        assert_eq!(codes(&v), vec!["eligibility.declaration_required"]);
        // Into another district's frame.
        let v = check_action_law(
            &order(Authority::AgencyHead, Some(8)),
            &action("appoint", declared()),
            &f,
        );
        assert_eq!(codes(&v), vec!["authority.other_agency"]);
        // A minor: §43 ก.(2).
        let young = ActionFacts {
            birth_date: Some(d(2010, 1, 1)),
            ..f
        };
        let v = check_action_law(
            &order(Authority::AgencyHead, Some(7)),
            &action("appoint", declared()),
            &young,
        );
        assert_eq!(codes(&v), vec!["eligibility.age"]);
        assert_eq!(v.0[0].field, "person");
        // Not Thai: the field is the declaration's.
        let v = check_action_law(
            &order(Authority::AgencyHead, Some(7)),
            &action(
                "appoint",
                serde_json::json!({"eligibility": {"thai_national": false, "loyal": true}}),
            ),
            &f,
        );
        assert_eq!(v.0[0].field, "eligibility.thai_national");
    }

    #[test]
    fn higher_posts_need_higher_signatures() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1980, 1, 1)),
            target: Some(post(Category::Ordinary, Level::ManagerialJunior, 7)),
            current: Some(post(Category::Ordinary, Level::SeniorProfessional, 7)),
        };
        let promote = action("promote", serde_json::json!({"position_no": "1"}));
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &promote, &f);
        assert_eq!(codes(&v), vec!["authority.too_low"]);
        assert!(v.iter().all(|x| x.section.is_some()));
        let ok = check_action_law(
            &order(Authority::PermanentSecretaryWithConsent, None),
            &promote,
            &f,
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn a_move_to_another_agency_is_the_permanent_secretarys() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1980, 1, 1)),
            target: Some(post(Category::Ordinary, Level::Practitioner, 8)),
            current: Some(post(Category::Ordinary, Level::Practitioner, 7)),
        };
        let mv = action("move", serde_json::json!({"position_no": "1"}));
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &mv, &f);
        assert_eq!(codes(&v), vec!["authority.too_low"]);
        assert!(check_action_law(&order(Authority::PermanentSecretary, None), &mv, &f).is_empty());
    }

    #[test]
    fn teachers_need_kk_approval_first() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1995, 1, 1)),
            target: Some(post(Category::Teacher, Level::AssistantTeacher, 7)),
            current: None,
        };
        let a = action("appoint", declared());
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &a, &f);
        assert_eq!(codes(&v), vec!["authority.kk_approval_required"]);
        let approval = KkApproval {
            resolution: "มติ ก.ก. ครั้งที่ 9/2569".into(),
            decided_on: d(2026, 9, 1),
        };
        let with = OrderFacts {
            kk_approval: Some(&approval),
            ..order(Authority::AgencyHead, Some(7))
        };
        assert!(check_action_law(&with, &a, &f).is_empty());
        let late = KkApproval {
            decided_on: d(2026, 10, 2),
            ..approval.clone()
        };
        let after = OrderFacts {
            kk_approval: Some(&late),
            ..order(Authority::AgencyHead, Some(7))
        };
        // Reported once, on the order, not on each action.
        assert!(check_action_law(&after, &a, &f).is_empty());
        assert_eq!(
            codes(&check_order_law(&after)),
            vec!["kk_approval.after_signing"]
        );
        assert!(check_order_law(&with).is_empty());
    }

    #[test]
    fn kk_approval_is_for_appointing_not_for_every_order_on_a_teacher() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1990, 1, 1)),
            target: None,
            current: Some(post(Category::Teacher, Level::TeacherNoRank, 7)),
        };
        let raise = action("salary_change", serde_json::json!({"salary": "31000"}));
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &raise, &f);
        assert!(v.is_empty(), "{v:?}");
        // Who signs still follows the position: an expert teacher's is the Governor's.
        let expert = ActionFacts {
            current: Some(post(Category::Teacher, Level::TeacherExpert, 7)),
            ..f
        };
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &raise, &expert);
        assert_eq!(codes(&v), vec!["authority.too_low"]);
    }

    #[test]
    fn a_move_between_categories_needs_both_consents() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1980, 1, 1)),
            target: Some(post(Category::Ordinary, Level::Practitioner, 7)),
            current: Some(post(Category::Teacher, Level::TeacherNoRank, 7)),
        };
        let bare = action("move", serde_json::json!({"position_no": "1"}));
        let v = check_action_law(&order(Authority::AgencyHead, Some(7)), &bare, &f);
        assert_eq!(
            codes(&v),
            vec!["category_move.volunteer", "category_move.home_agency"]
        );
        assert!(v.iter().all(|x| x.field == "consent"));
        let both = action(
            "move",
            serde_json::json!({"position_no": "1", "consent": {"person": true, "home_agency": true}}),
        );
        assert!(check_action_law(&order(Authority::AgencyHead, Some(7)), &both, &f).is_empty());
    }

    #[test]
    fn a_declaration_with_a_valid_waiver_enters() {
        let f = ActionFacts {
            effective: d(2026, 10, 1),
            birth_date: Some(d(1980, 1, 1)),
            target: Some(post(Category::Ordinary, Level::Practitioner, 7)),
            current: None,
        };
        let decl: EntryDeclaration = serde_json::from_value(serde_json::json!({
            "thai_national": true, "loyal": true,
            "disqualifications": [{"ground": "b7", "left_service_on": "2020-01-01", "corruption": false}]
        }))
        .unwrap();
        let waiver = serde_json::json!({"resolution": "มติ ก.ก. 3/2569", "decided_on": "2026-06-01", "present": 20, "in_favour": 16, "secret_ballot": true});
        let a = action(
            "appoint",
            serde_json::json!({"eligibility": decl, "waiver": waiver}),
        );
        assert!(check_action_law(&order(Authority::AgencyHead, Some(7)), &a, &f).is_empty());
        let a = action("appoint", serde_json::json!({"eligibility": decl}));
        assert_eq!(
            codes(&check_action_law(
                &order(Authority::AgencyHead, Some(7)),
                &a,
                &f
            )),
            vec!["eligibility.disqualified"]
        );
    }
}

/// No input reaches a panic: an order read from any JSON of the right shape, with any numbers
/// and any dates the calendar holds, is checked (shape, the Act per action and per order, the
/// register fold) and answered with violations at worst (issue 20).
#[cfg(test)]
mod no_panic {
    use super::*;
    use crate::register::{placement_spans, AppliedAction, OrderDraft, Placement, RecordOnDate};
    use proptest::prelude::*;

    /// Any date a body can carry (`ThaiDate::parse` takes CE 1850–2300), the ends often.
    fn any_date() -> impl Strategy<Value = ThaiDate> {
        prop_oneof![
            (1850i32..1852, 1u32..13, 1u32..29),
            (2299i32..2301, 1u32..13, 1u32..29),
            (1850i32..2301, 1u32..13, 1u32..29),
        ]
        .prop_filter_map("a date", |(y, m, d)| ThaiDate::from_ce(y, m, d))
    }

    /// Amounts: mostly ones that parse, from nothing to far past any salary; some that do not.
    fn any_json_number() -> impl Strategy<Value = serde_json::Value> {
        prop_oneof![
            6 => (0u64..1_000_000_000_000).prop_map(|n| serde_json::Value::from(n.to_string())),
            2 => (0i64..i64::MAX).prop_map(serde_json::Value::from),
            1 => any::<f64>().prop_map(|f| serde_json::json!(f)),
            1 => ".{0,24}".prop_map(serde_json::Value::from),
        ]
    }

    fn any_action() -> impl Strategy<Value = serde_json::Value> {
        (
            prop::sample::select(ActionKind::ALL.to_vec()),
            any_json_number(),
            any::<u32>(),
            any::<u32>(),
            proptest::option::of(any_date()),
            proptest::option::of(any_date()),
            ".{0,12}",
        )
            .prop_map(|(kind, salary, pct, months, eff, birth, no)| {
                serde_json::json!({
                    "kind": kind.code(), "person": "1101700203450", "position_no": no,
                    "salary": salary, "penalty": "salary_cut", "penalty_percent": pct,
                    "penalty_months": months, "effective_date": eff.map(|d| d.iso()),
                    "birth_date": birth.map(|d| d.iso()),
                    "eligibility": {"thai_national": true, "loyal": true},
                    "waiver": {"resolution": "x", "decided_on": eff.map_or("2020-01-01".into(), |d| d.iso()),
                               "present": pct, "in_favour": months, "secret_ballot": true},
                })
            })
    }

    fn post(category: Category, level: Level) -> PostFacts {
        PostFacts {
            category,
            level,
            agency_id: 1,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn orders_of_any_numbers_and_dates_are_answered(
            actions in prop::collection::vec(any_action(), 0..6),
            signed in any_date(),
            effective in any_date(),
            birth in any_date(),
            number in ".{0,16}",
            cat_a in prop::sample::select(Category::ALL.to_vec()),
            cat_b in prop::sample::select(Category::ALL.to_vec()),
            level in prop::sample::select(Level::ALL.to_vec()),
        ) {
            let body = serde_json::json!({
                "number": number, "issuer_unit": "D01", "signed_on": signed.iso(), "signed_by": "x",
                "authority": "x", "effective_date": effective.iso(), "reason": "x",
                "kk_approval": {"resolution": "x", "decided_on": effective.iso()},
                "actions": actions,
            });
            // A body that does not parse is refused by the door with its serde message.
            // (About two in five parse with these strategies; the rest are refusals.)
            let Ok(order) = serde_json::from_value::<OrderDraft>(body) else { return Ok(()) };
            let _ = order.validate_shape();
            let facts = OrderFacts {
                signed_by: Authority::AgencyHead,
                signed_on: order.signed_on,
                issuer_agency: Some(1),
                kk_approval: order.kk_approval.as_ref(),
            };
            let _ = check_order_law(&facts);
            let mut history: Vec<AppliedAction> = Vec::new();
            for (i, a) in order.actions.iter().enumerate() {
                let f = ActionFacts {
                    effective: order.effective_of(a),
                    birth_date: Some(birth),
                    target: Some(post(cat_b, level)),
                    current: Some(post(cat_a, level)),
                };
                let _ = check_action_law(&facts, a, &f);
                let _ = check_measure_law(a, order.signed_on, None);
                history.push(AppliedAction {
                    action_id: i as i64,
                    order_id: 1,
                    order_number: order.number.clone(),
                    kind: a.kind,
                    effective_date: order.effective_of(a),
                    placement: Some(Placement {
                        position_id: 1,
                        position_no: "1".into(),
                        unit_id: 1,
                        category: cat_b,
                        level,
                        line_of_work: String::new(),
                    }),
                    salary: a.salary,
                    penalty: a.penalty,
                    separation: a.separation,
                });
            }
            let _ = RecordOnDate::fold(effective, &history);
            let _ = placement_spans(&history);
            let _ = crate::register::served_periods(&history, ThaiDate::LAST);
        }
    }
}
