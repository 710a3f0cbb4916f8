//! §52–54 through the API: who signs each appointment (the Act's table, row by row), with
//! ก.ก.'s approval first for teachers and higher education, and moves to another agency,
//! which are the Permanent Secretary's.

use bmahr_core::personnel::{Category, Level};
use serde_json::{json, Value};

use crate::fixture::{App, NID};
use crate::law::{
    appoint, check, history, kk, meta, more_units, order, passes, person, positions, refused, with,
    ON,
};
use crate::orders::post_as;

crate::on_every_backend!(
    each_row_of_sections_52_to_54_needs_its_authority,
    a_move_to_another_agency_is_the_permanent_secretarys,
);

/// Authorities from the lowest up (the rank of `law::authority::Authority`).
const AUTHORITIES: [&str; 5] = [
    "agency_head",
    "permanent_secretary",
    "permanent_secretary_consent",
    "governor",
    "governor_royal",
];

/// The authority one step below `a`, if any.
fn one_below(a: &str) -> Option<&'static str> {
    let i = AUTHORITIES.iter().position(|x| *x == a)?;
    i.checked_sub(1).map(|j| AUTHORITIES[j])
}

/// (the Act's words, category, level, unit, issuing agency, authority, ก.ก. first, section)
type AuthorityRow = (
    &'static str,
    Category,
    Level,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static str,
);

const ROWS: &[AuthorityRow] = &[
    // §52 วรรคหนึ่ง
    (
        "(๑) ปลัดกรุงเทพมหานคร หัวหน้าหน่วยงานระดับสำนัก: บริหารระดับสูง",
        Category::Ordinary,
        Level::ExecutiveSenior,
        "D01-ADM",
        "D01",
        "governor_royal",
        false,
        "§52 วรรคหนึ่ง (1)",
    ),
    (
        "(๑) ตำแหน่งประเภทวิชาการระดับทรงคุณวุฒิ",
        Category::Ordinary,
        Level::AdvancedExpert,
        "D01-ADM",
        "D01",
        "governor_royal",
        false,
        "§52 วรรคหนึ่ง (1)",
    ),
    (
        "(๒) รองหัวหน้าหน่วยงานระดับสำนัก: บริหารระดับต้น",
        Category::Ordinary,
        Level::ExecutiveJunior,
        "D01-ADM",
        "D01",
        "governor",
        false,
        "§52 วรรคหนึ่ง (2)",
    ),
    (
        "(๒) หัวหน้าหน่วยงานต่ำกว่าระดับสำนัก: อำนวยการระดับสูง",
        Category::Ordinary,
        Level::ManagerialSenior,
        "D01-ADM",
        "D01",
        "governor",
        false,
        "§52 วรรคหนึ่ง (2)",
    ),
    (
        "(๒) ตำแหน่งประเภทวิชาการระดับเชี่ยวชาญ",
        Category::Ordinary,
        Level::Expert,
        "D01-ADM",
        "D01",
        "governor",
        false,
        "§52 วรรคหนึ่ง (2)",
    ),
    (
        "(๒) ตำแหน่งประเภททั่วไประดับทักษะพิเศษ",
        Category::Ordinary,
        Level::HighlySkilled,
        "D01-ADM",
        "D01",
        "governor",
        false,
        "§52 วรรคหนึ่ง (2)",
    ),
    (
        "(๓) หัวหน้าส่วนราชการระดับกอง: อำนวยการระดับต้น",
        Category::Ordinary,
        Level::ManagerialJunior,
        "D01-ADM",
        "D01",
        "permanent_secretary_consent",
        false,
        "§52 วรรคหนึ่ง (3)",
    ),
    (
        "(๓) ตำแหน่งประเภทวิชาการระดับชำนาญการพิเศษ",
        Category::Ordinary,
        Level::SeniorProfessional,
        "D01-ADM",
        "D01",
        "permanent_secretary_consent",
        false,
        "§52 วรรคหนึ่ง (3)",
    ),
    (
        "(๓) ตำแหน่งประเภททั่วไประดับอาวุโส",
        Category::Ordinary,
        Level::Senior,
        "D01-ADM",
        "D01",
        "permanent_secretary_consent",
        false,
        "§52 วรรคหนึ่ง (3)",
    ),
    (
        "(๔) ตำแหน่งอื่น: วิชาการ ปฏิบัติการ, ผู้อำนวยการเขต",
        Category::Ordinary,
        Level::Practitioner,
        "D01-ADM",
        "D01",
        "agency_head",
        false,
        "§52 วรรคหนึ่ง (4)",
    ),
    (
        "(๔) ตำแหน่งอื่น: ทั่วไป ปฏิบัติงาน, ผู้อำนวยการเขต",
        Category::Ordinary,
        Level::Operational,
        "D01-ADM",
        "D01",
        "agency_head",
        false,
        "§52 วรรคหนึ่ง (4)",
    ),
    // §53 วรรคหนึ่ง: by วิทยฐานะ, "เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว"
    (
        "(๑) ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญพิเศษ",
        Category::Teacher,
        Level::TeacherAdvancedExpert,
        "D01-SCH",
        "D01",
        "governor_royal",
        true,
        "§53 วรรคหนึ่ง (1)",
    ),
    (
        "(๒) ตำแหน่งซึ่งมีวิทยฐานะเชี่ยวชาญ",
        Category::Teacher,
        Level::TeacherExpert,
        "D01-SCH",
        "D01",
        "governor",
        true,
        "§53 วรรคหนึ่ง (2)",
    ),
    (
        "(๓) ตำแหน่งซึ่งมีวิทยฐานะชำนาญการพิเศษ",
        Category::Teacher,
        Level::TeacherSeniorProfessional,
        "D01-SCH",
        "D01",
        "permanent_secretary",
        true,
        "§53 วรรคหนึ่ง (3)",
    ),
    (
        "(๔) ตำแหน่งอื่น ... สำนักงานเขต: วิทยฐานะชำนาญการ",
        Category::Teacher,
        Level::TeacherProfessional,
        "D01-SCH",
        "D01",
        "agency_head",
        true,
        "§53 วรรคหนึ่ง (4)",
    ),
    (
        "(๔) ตำแหน่งอื่น ... สำนักงานเขต: ครู",
        Category::Teacher,
        Level::TeacherNoRank,
        "D01-SCH",
        "D01",
        "agency_head",
        true,
        "§53 วรรคหนึ่ง (4)",
    ),
    (
        "(๔) ตำแหน่งอื่น ... สำนักงานเขต: ครูผู้ช่วย",
        Category::Teacher,
        Level::AssistantTeacher,
        "D01-SCH",
        "D01",
        "agency_head",
        true,
        "§53 วรรคหนึ่ง (4)",
    ),
    // §54 วรรคหนึ่ง: by academic rank, "เมื่อได้รับความเห็นชอบจาก ก.ก. แล้ว"
    (
        "(๑) ตำแหน่งศาสตราจารย์",
        Category::HigherEducation,
        Level::Professor,
        "UNI",
        "UNI",
        "governor_royal",
        true,
        "§54 วรรคหนึ่ง (1)",
    ),
    (
        "(๒) ตำแหน่งรองศาสตราจารย์",
        Category::HigherEducation,
        Level::AssociateProfessor,
        "UNI",
        "UNI",
        "governor",
        true,
        "§54 วรรคหนึ่ง (2)",
    ),
    (
        "(๓) ตำแหน่งผู้ช่วยศาสตราจารย์",
        Category::HigherEducation,
        Level::AssistantProfessor,
        "UNI",
        "UNI",
        "permanent_secretary",
        true,
        "§54 วรรคหนึ่ง (3)",
    ),
    (
        "(๔) ตำแหน่งอื่น ... สำนัก: อาจารย์",
        Category::HigherEducation,
        Level::Lecturer,
        "UNI",
        "UNI",
        "agency_head",
        true,
        "§54 วรรคหนึ่ง (4)",
    ),
];

/// §52–54: for each row, the authority one step below is refused (`authority.too_low`, citing
/// the row), the authority the row names signs; for teachers and higher education only after
/// ก.ก. has approved (`authority.kk_approval_required` without it,
/// `kk_approval.after_signing` when the approval is dated after the order).
async fn each_row_of_sections_52_to_54_needs_its_authority(app: &App) {
    more_units(app).await;
    let numbers: Vec<String> = (0..ROWS.len()).map(|i| format!("9{i:02}")).collect();
    let rows: Vec<(&str, &str, Category, Level)> = ROWS
        .iter()
        .zip(&numbers)
        .map(|((_, c, l, unit, ..), no)| (no.as_str(), *unit, *c, *l))
        .collect();
    positions(app, &rows).await;
    let (cand, _) = person(app, 1, "1990-01-01").await;
    let mut refusals = 0;
    for ((words, category, level, _, issuer, authority, kk_first, section), no) in
        ROWS.iter().zip(&numbers)
    {
        let case = format!("{section} {words}");
        let action = appoint(&cand, no);
        let salary = crate::law_salary::in_scale(*category, *level);
        let action = with(action, "salary", salary);
        let action = json!([with(action, "level", json!(level.code()))]);
        let approval = if *kk_first {
            json!({"kk_approval": kk("2024-09-01")})
        } else {
            json!({})
        };
        let signed = |by: &str, extra: &Value| {
            let mut e = extra.clone();
            e["signing_authority"] = json!(by);
            order("1/2567", issuer, e, action.clone())
        };
        // The authority the Act names.
        passes(&check(app, signed(authority, &approval)).await, &case);
        // One step lower.
        if let Some(low) = one_below(authority) {
            let j = refused(
                &check(app, signed(low, &approval)).await,
                &[("authority.too_low", "actions[1].authority")],
                &format!("{case}, signed by {low}"),
            );
            assert_eq!(j["section"], *section, "{case}");
            refusals += 1;
        }
        if *kk_first {
            // Without ก.ก.'s approval.
            let j = refused(
                &check(app, signed(authority, &json!({}))).await,
                &[("authority.kk_approval_required", "actions[1].kk_approval")],
                &format!("{case}, no ก.ก. approval"),
            );
            assert_eq!(j["section"], *section, "{case}");
            // Approved the day after the order was signed.
            refused(
                &check(
                    app,
                    signed(authority, &json!({"kk_approval": kk("2024-10-02")})),
                )
                .await,
                &[("kk_approval.after_signing", "kk_approval")],
                &format!("{case}, ก.ก. approval after signing"),
            );
            // Approved on the signing day itself: "ได้รับความเห็นชอบ ... แล้ว" holds.
            passes(
                &check(app, signed(authority, &json!({"kk_approval": kk(ON)}))).await,
                &format!("{case}, ก.ก. approval on the signing day"),
            );
        }
    }
    assert_eq!(refusals, ROWS.len() - 6, "every row above the agency head");
}

/// §52 (4), §53 (4) last part: "แต่ถ้าเป็นการแต่งตั้งจาก...สำนักงานเขตหนึ่งไปอีก...สำนักงานเขต
/// หนึ่ง ให้ปลัดกรุงเทพมหานครเป็นผู้มีอำนาจสั่งแต่งตั้ง"; a district director orders only for
/// the district's own positions.
async fn a_move_to_another_agency_is_the_permanent_secretarys(app: &App) {
    more_units(app).await;
    positions(
        app,
        &[
            ("202", "D02", Category::Ordinary, Level::Practitioner),
            ("203", "D02", Category::Ordinary, Level::ManagerialSenior),
            ("T11", "D01-SCH", Category::Teacher, Level::TeacherNoRank),
            ("T21", "D02-SCH", Category::Teacher, Level::TeacherNoRank),
        ],
    )
    .await;
    let mv = |position: &str| json!([{"kind": "move", "person": NID[0], "position_no": position}]);
    let cross = "§52 วรรคหนึ่ง (4) ตอนท้าย";
    // From D01 to D02 by the director of either district.
    for issuer in ["D01", "D02"] {
        let j = refused(
            &check(app, order("1/2567", issuer, json!({}), mv("202"))).await,
            &[("authority.too_low", "actions[1].authority")],
            &format!("move D01 → D02 by the head of {issuer}"),
        );
        assert_eq!(j["section"], cross);
    }
    // Also when the director names the agency-head authority explicitly.
    refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({"signing_authority": "agency_head"}),
                mv("202"),
            ),
        )
        .await,
        &[("authority.too_low", "actions[1].authority")],
        "move D01 → D02, agency_head stated",
    );
    // By the Permanent Secretary: an order of the BMA itself.
    passes(
        &check(app, order("1/2567", "BMA", json!({}), mv("202"))).await,
        "move D01 → D02 by the Permanent Secretary",
    );
    // Within the district the director suffices.
    positions(
        app,
        &[("104", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    passes(
        &check(app, order("1/2567", "D01", json!({}), mv("104"))).await,
        "move within D01 by its director",
    );
    // A higher position binds above the Permanent Secretary: a district director's post
    // (อำนวยการระดับสูง) in another district is the Governor's, §52 (2).
    let promote = json!([{"kind": "promote", "person": NID[0], "position_no": "203", "level": "managerial_senior"}]);
    let j = refused(
        &check(app, order("1/2567", "BMA", json!({}), promote.clone())).await,
        &[("authority.too_low", "actions[1].authority")],
        "promotion to a district director in D02 by the Permanent Secretary",
    );
    assert_eq!(j["section"], "§52 วรรคหนึ่ง (2)");
    assert_eq!(j["section_th"], "มาตรา 52 วรรคหนึ่ง (2)");
    assert_eq!(j["section_en"], "Section 52 para 1 (2)");
    passes(
        &check(
            app,
            order(
                "1/2567",
                "BMA",
                json!({"signing_authority": "governor"}),
                promote,
            ),
        )
        .await,
        "promotion to a district director in D02 by the Governor",
    );
    // The director of D01 appoints a newcomer into a D02 position.
    let (cand, _) = person(app, 2, "1990-01-01").await;
    let j = refused(
        &check(
            app,
            order("1/2567", "D01", json!({}), json!([appoint(&cand, "202")])),
        )
        .await,
        &[("authority.other_agency", "actions[1].authority")],
        "the head of D01 appoints into D02",
    );
    assert_eq!(j["section"], "§52 วรรคหนึ่ง (4)");
    // D01's own appointing authority cannot even ask: D02's position is outside its scope.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders/check",
        order("1/2567", "D01", json!({}), json!([appoint(&cand, "202")])),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);

    // §53 (4) last part: a teacher posted from one district's school to another's is the
    // Permanent Secretary's, once ก.ก. has approved.
    let (teacher, _) = person(app, 3, "1990-01-01").await;
    let setup: bmahr_core::register::OrderDraft = serde_json::from_str(&order(
        "7/2567",
        "D01",
        json!({"kk_approval": kk("2024-01-01"), "effective_date": "2024-02-01", "signed_on": "2024-02-01"}),
        json!([appoint(&teacher, "T11")]),
    ))
    .unwrap();
    app.store.apply_order(&setup, &meta()).await.unwrap();
    let tmv = json!([{"kind": "move", "person": teacher, "position_no": "T21"}]);
    let j = refused(
        &check(app, order("1/2567", "BMA", json!({}), tmv.clone())).await,
        &[("authority.kk_approval_required", "actions[1].kk_approval")],
        "teacher D01 → D02 by the Permanent Secretary without ก.ก.",
    );
    assert_eq!(j["section"], "§53 วรรคหนึ่ง (4) ตอนท้าย");
    let j = refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({"kk_approval": kk("2024-09-01")}),
                tmv.clone(),
            ),
        )
        .await,
        &[("authority.too_low", "actions[1].authority")],
        "teacher D01 → D02 by the head of D01",
    );
    assert_eq!(j["section"], "§53 วรรคหนึ่ง (4) ตอนท้าย");
    passes(
        &check(
            app,
            order(
                "1/2567",
                "BMA",
                json!({"kk_approval": kk("2024-09-01")}),
                tmv,
            ),
        )
        .await,
        "teacher D01 → D02 by the Permanent Secretary after ก.ก.",
    );

    // Signed by the Permanent Secretary, the move is in the register.
    let before = history(app, app.person[0]).await;
    assert_eq!(before["record"]["placement"]["position_no"], "101");
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order("1/2567", "BMA", json!({}), mv("202")),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let after = history(app, app.person[0]).await;
    assert_eq!(after["record"]["placement"]["position_no"], "202");
}
