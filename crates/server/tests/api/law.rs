//! The Act through the API: who signs (§52–54), what ก.ก. decides first (§53, §54), who may
//! enter (§43), moves between categories (§56) and the manpower frame (§14(5)), each case
//! taken from the Act's wording and sent to `POST /api/v1/orders/check` (and, where the
//! register should change, to `POST /api/v1/orders`).

use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, NewUnit, WriteMeta};
use serde_json::{json, Value};

use crate::client::Response;
use crate::fixture::{App, NID};
use crate::orders::post_as;

crate::on_every_backend!(
    each_row_of_sections_52_to_54_needs_its_authority,
    a_move_to_another_agency_is_the_permanent_secretarys,
    section_43_on_the_appointment_date,
    every_failure_of_an_order_is_reported_together,
    section_56_a_teacher_becomes_ordinary_only_with_both_consents,
    the_frame_on_the_effective_date,
    a_refused_order_changes_nothing_and_a_clean_one_does,
);

/// Every order here is signed and takes effect on 1 October 2567 (2024).
const ON: &str = "2024-10-01";

fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

/// An order of `issuer`, with order-level `extra` fields (`signing_authority`,
/// `kk_approval`).
fn order(number: &str, issuer: &str, extra: Value, actions: Value) -> String {
    let mut o = json!({
        "number": number, "issuer_unit": issuer, "signed_on": ON, "signed_by": "นายผู้มีอำนาจ ลงนาม",
        "authority": "ผู้มีอำนาจสั่งบรรจุและแต่งตั้ง", "effective_date": ON,
        "reason": "บรรจุและแต่งตั้ง", "actions": actions,
    });
    if let (Some(o), Some(e)) = (o.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    o.to_string()
}

/// The ก.ก. approval of §53 and §54, decided on `on`.
fn kk(on: &str) -> Value {
    json!({"resolution": "มติ ก.ก. ครั้งที่ 9/2567", "decided_on": on})
}

/// A clean §43 declaration.
fn declared() -> Value {
    json!({"thai_national": true, "loyal": true})
}

fn appoint(person: &str, position: &str) -> Value {
    json!({"kind": "appoint", "person": person, "position_no": position, "salary": "30000", "eligibility": declared()})
}

/// Sets `key` of an action (or any object) to `v`.
fn with(mut a: Value, key: &str, v: Value) -> Value {
    a[key] = v;
    a
}

/// A valid national ID from a serial number (Ministry of Interior check digit).
fn nid(n: u32) -> String {
    let prefix = format!("19{n:010}");
    let sum: u32 = prefix
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (13 - i as u32))
        .sum();
    format!("{prefix}{}", (11 - sum % 11) % 10)
}

/// A person not yet in service, born on `birth`: (national ID, id).
async fn person(app: &App, n: u32, birth: &str) -> (String, i64) {
    let id = nid(n);
    let p = NewPerson::from_fields(
        &PersonFields {
            national_id: &id,
            title: "นาย",
            first_th: "ผู้สมัคร",
            last_th: "ทดสอบ",
            first_en: "Candidate",
            last_en: "Test",
            birth_date: birth,
            phone: "0812345678",
            ..Default::default()
        },
        d(2026, 1, 1),
    )
    .unwrap();
    let pid = app.store.create_people(&[p], &meta()).await.unwrap()[0];
    (id, pid)
}

/// Schools in D01 and D02 (teachers) and a university (higher education), an agency of its
/// own under the BMA.
async fn more_units(app: &App) {
    let unit = |code: &str, parent: &str, kind| NewUnit {
        code: code.into(),
        parent_code: Some(parent.into()),
        kind,
        name_th: format!("หน่วย {code}"),
        name_en: format!("Unit {code}"),
        validity: Validity {
            from: d(2000, 1, 1),
            to: None,
        },
    };
    app.store
        .create_units(
            &[
                unit("D01-SCH", "D01", UnitKind::School),
                unit("D02-SCH", "D02", UnitKind::School),
                unit("UNI", "BMA", UnitKind::University),
            ],
            &meta(),
        )
        .await
        .unwrap();
}

/// Positions (number, unit, category, level), in the frame from 2000.
async fn positions(app: &App, rows: &[(&str, &str, Category, Level)]) {
    positions_from(app, d(2000, 1, 1), rows).await;
}

async fn positions_from(app: &App, from: ThaiDate, rows: &[(&str, &str, Category, Level)]) {
    let new: Vec<NewPosition> = rows
        .iter()
        .map(|(no, unit, category, level)| NewPosition {
            position_no: (*no).into(),
            unit_code: (*unit).into(),
            category: *category,
            level: *level,
            line_of_work: "สายงานทดสอบ".into(),
            admin_title: String::new(),
            validity: Validity { from, to: None },
            approval_ref: "มติ ก.ก. 1/2543".into(),
        })
        .collect();
    app.store.create_positions(&new, &meta()).await.unwrap();
}

async fn check(app: &App, body: String) -> Response {
    post_as(app, "admin", "/api/v1/orders/check", body).await
}

/// The check would apply the order.
fn passes(r: &Response, case: &str) {
    assert_eq!(r.status, 200, "{case}: {}", r.body);
}

/// Refused with exactly these (code, field) pairs, in any order, each citing a section of
/// the Act; the first is repeated at the top of the body.
fn refused(r: &Response, want: &[(&str, &str)], case: &str) -> Value {
    assert_eq!(r.status, 422, "{case}: {}", r.body);
    let j = r.json();
    let errors = j["errors"].as_array().unwrap();
    let mut got: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = want
        .iter()
        .map(|(c, f)| (c.to_string(), f.to_string()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{case}: {}", r.body);
    assert_eq!(j["code"], errors[0]["code"], "{case}");
    assert_eq!(j["field"], errors[0]["field"], "{case}");
    for e in errors {
        assert!(
            e["section"].as_str().is_some_and(|s| s.starts_with('§')),
            "{case}: no section in {e}"
        );
        assert!(!e["message_th"].as_str().unwrap().is_empty(), "{case}");
        assert!(!e["message_en"].as_str().unwrap().is_empty(), "{case}");
    }
    j
}

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
    for ((words, _, level, _, issuer, authority, kk_first, section), no) in
        ROWS.iter().zip(&numbers)
    {
        let case = format!("{section} {words}");
        let action = json!([with(appoint(&cand, no), "level", json!(level.code()))]);
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

/// (case, national ID, eligibility (null: none), waiver (null: none), expected (code, field)).
type EntryCase<'a> = (&'a str, &'a str, Value, Value, Vec<(&'a str, String)>);

/// (case, consent (null: none), expected (code, field)).
type ConsentCase = (&'static str, Value, Vec<(&'static str, &'static str)>);

/// §43 on the appointment date, each case in the Act's words.
async fn section_43_on_the_appointment_date(app: &App) {
    positions(
        app,
        &[("103", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    let (adult, _) = person(app, 10, "1990-01-01").await;
    // 18 years before the appointment day, the day after, and the day after that.
    let (born_18_years_before, _) = person(app, 11, "2006-10-01").await;
    let (completes_18_on_the_day, _) = person(app, 12, "2006-10-02").await;
    let (completes_18_the_day_after, _) = person(app, 13, "2006-10-03").await;
    let adult: &str = &adult;
    let born_18_years_before: &str = &born_18_years_before;
    let completes_18_on_the_day: &str = &completes_18_on_the_day;
    let completes_18_the_day_after: &str = &completes_18_the_day_after;

    let decl = |extra: Value| {
        let mut e = declared();
        if let (Some(o), Some(x)) = (e.as_object_mut(), extra.as_object()) {
            o.extend(x.clone());
        }
        e
    };
    let dq = |ground: &str, left: &str, corruption: bool| {
        decl(
            json!({"disqualifications": [{"ground": ground, "left_service_on": left, "corruption": corruption}]}),
        )
    };
    let waiver = |present: u32, in_favour: u32, secret: bool| {
        json!({"resolution": "มติ ก.ก. ครั้งที่ 5/2567", "decided_on": "2024-09-15",
               "present": present, "in_favour": in_favour, "secret_ballot": secret})
    };
    let good_waiver = waiver(20, 16, true);
    let f = |s: &str| format!("actions[1].{s}");
    let disq = f("eligibility.disqualifications[0]");
    let disq_left = f("eligibility.disqualifications[0].left_service_on");

    let cases: Vec<EntryCase> = vec![
        (
            "no declaration at all",
            adult,
            Value::Null,
            Value::Null,
            vec![("eligibility.declaration_required", f("eligibility"))],
        ),
        (
            "a clean declaration",
            adult,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๑) มีสัญชาติไทย: not Thai",
            adult,
            decl(json!({"thai_national": false})),
            Value::Null,
            vec![("eligibility.nationality", f("eligibility.thai_national"))],
        ),
        (
            "ก.(๓) เลื่อมใสในการปกครองระบอบประชาธิปไตย: not loyal",
            adult,
            decl(json!({"loyal": false})),
            Value::Null,
            vec![("eligibility.loyalty", f("eligibility.loyal"))],
        ),
        (
            "ก.(๒) อายุไม่ต่ำกว่าสิบแปดปี: born 18 years before the day",
            born_18_years_before,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๒): completes 18 on the appointment day (age counts from the day of birth)",
            completes_18_on_the_day,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๒): completes 18 the day after the appointment",
            completes_18_the_day_after,
            declared(),
            Value::Null,
            vec![("eligibility.age", f("person"))],
        ),
        (
            "ข.(๗) ปลดออกเพราะกระทำผิดวินัย, no waiver",
            adult,
            dq("b7", "2020-01-01", false),
            Value::Null,
            vec![("eligibility.disqualified", disq.clone())],
        ),
        (
            "ข.(๗) waived by exactly four fifths of those present (16 of 20), secretly",
            adult,
            dq("b7", "2020-01-01", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๗) waived by one vote fewer (15 of 20)",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(20, 15, true),
            vec![
                ("waiver.votes", f("waiver.in_favour")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "ข.(๗) waived by 9 of 11 (four fifths is 8.8)",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(11, 9, true),
            vec![],
        ),
        (
            "ข.(๗) waived by 8 of 11",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(11, 8, true),
            vec![
                ("waiver.votes", f("waiver.in_favour")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "การลงมติให้กระทำโดยลับ: an open vote",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(20, 20, false),
            vec![
                ("waiver.secret_ballot", f("waiver.secret_ballot")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "a waiver decided after the appointment date",
            adult,
            dq("b7", "2020-01-01", false),
            with(good_waiver.clone(), "decided_on", json!("2024-10-02")),
            vec![
                ("waiver.after_appointment", f("waiver.decided_on")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "ข.(๗) ออกจากราชการไปเกินสองปี: left exactly two years before (the anniversary)",
            adult,
            dq("b7", "2022-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๗): left two years and a day before",
            adult,
            dq("b7", "2022-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๖) ให้ออกจากรัฐวิสาหกิจ: at the anniversary",
            adult,
            dq("b6", "2022-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๖): the day after",
            adult,
            dq("b6", "2022-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๘) ไล่ออก ออกจากราชการไปเกินสามปี: at the third anniversary",
            adult,
            dq("b8", "2021-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๘): three years and a day",
            adult,
            dq("b8", "2021-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๘) ต้องมิใช่...เพราะเหตุทุจริตต่อหน้าที่: dismissed for corruption, even waived",
            adult,
            dq("b8", "2020-01-01", true),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                (
                    "waiver.corruption",
                    f("eligibility.disqualifications[0].corruption"),
                ),
            ],
        ),
        (
            "ข.(๗) with corruption: the bar stands in the clause of (๘) only",
            adult,
            dq("b7", "2020-01-01", true),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๑) ก.ก. waives only (๓)–(๙)",
            adult,
            decl(json!({"disqualifications": [{"ground": "b1"}]})),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                (
                    "waiver.not_waivable",
                    f("eligibility.disqualifications[0].ground"),
                ),
            ],
        ),
        (
            "วรรคห้า การลาออกต้องมีผลก่อนวันบรรจุ: resignation effective on the appointment date",
            adult,
            decl(json!({"political_office": {"resignation_effective": ON}})),
            Value::Null,
            vec![(
                "eligibility.political_office",
                f("eligibility.political_office.resignation_effective"),
            )],
        ),
        (
            "วรรคห้า: resignation effective the day before",
            adult,
            decl(json!({"political_office": {"resignation_effective": "2024-09-30"}})),
            Value::Null,
            vec![],
        ),
        (
            "วรรคห้า: a political office holder who has not resigned",
            adult,
            decl(json!({"political_office": {}})),
            Value::Null,
            vec![(
                "eligibility.political_office",
                f("eligibility.political_office.resignation_effective"),
            )],
        ),
    ];
    for (case, who, eligibility, waiver, want) in cases {
        let mut a = appoint(who, "103");
        match eligibility {
            Value::Null => {
                a.as_object_mut().unwrap().remove("eligibility");
            }
            e => a["eligibility"] = e,
        }
        if !waiver.is_null() {
            a["waiver"] = waiver;
        }
        let r = check(app, order("1/2567", "D01", json!({}), json!([a]))).await;
        if want.is_empty() {
            passes(&r, case);
        } else {
            let want: Vec<(&str, &str)> = want.iter().map(|(c, f)| (*c, f.as_str())).collect();
            let j = refused(&r, &want, case);
            let sections: Vec<&str> = j["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["section"].as_str().unwrap())
                .collect();
            assert!(
                sections.iter().all(|s| s.starts_with("§43")),
                "{case}: {sections:?}"
            );
        }
    }
}

/// One order, several bad actions: every failure of every action comes back at once, each
/// on its own action.
async fn every_failure_of_an_order_is_reported_together(app: &App) {
    more_units(app).await;
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("104", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("105", "D01-ADM", Category::Ordinary, Level::Practitioner),
            (
                "106",
                "D01-ADM",
                Category::Ordinary,
                Level::SeniorProfessional,
            ),
            ("T12", "D01-SCH", Category::Teacher, Level::TeacherNoRank),
        ],
    )
    .await;
    let (a, _) = person(app, 20, "1990-01-01").await;
    let (minor, _) = person(app, 21, "2010-01-01").await;
    let (dismissed, _) = person(app, 22, "1980-01-01").await;
    let (politician, _) = person(app, 23, "1970-01-01").await;
    let (senior, _) = person(app, 24, "1975-01-01").await;
    let (teacher, _) = person(app, 25, "1995-01-01").await;
    let mut no_decl = appoint(&a, "103");
    no_decl.as_object_mut().unwrap().remove("eligibility");
    let actions = json!([
        no_decl,
        with(
            appoint(&minor, "104"),
            "eligibility",
            json!({"thai_national": false, "loyal": true})
        ),
        with(
            with(
                appoint(&dismissed, "105"),
                "eligibility",
                json!({"thai_national": true, "loyal": true,
                "disqualifications": [{"ground": "b8", "left_service_on": "2023-01-01", "corruption": true}]})
            ),
            "waiver",
            json!({"resolution": "มติ ก.ก. 5/2567", "decided_on": "2024-09-01", "present": 10, "in_favour": 7, "secret_ballot": false}),
        ),
        with(
            appoint(&politician, "101"),
            "eligibility",
            json!({"thai_national": true, "loyal": true,
            "political_office": {"resignation_effective": ON}})
        ),
        appoint(&senior, "106"),
        appoint(&teacher, "T12"),
    ]);
    refused(
        &check(app, order("1/2567", "D01", json!({}), actions)).await,
        &[
            ("eligibility.declaration_required", "actions[1].eligibility"),
            (
                "eligibility.nationality",
                "actions[2].eligibility.thai_national",
            ),
            ("eligibility.age", "actions[2].person"),
            ("waiver.votes", "actions[3].waiver.in_favour"),
            ("waiver.secret_ballot", "actions[3].waiver.secret_ballot"),
            (
                "eligibility.disqualified",
                "actions[3].eligibility.disqualifications[0]",
            ),
            (
                "waiver.wait",
                "actions[3].eligibility.disqualifications[0].left_service_on",
            ),
            (
                "waiver.corruption",
                "actions[3].eligibility.disqualifications[0].corruption",
            ),
            (
                "eligibility.political_office",
                "actions[4].eligibility.political_office.resignation_effective",
            ),
            ("position.occupied", "actions[4].position_no"),
            ("authority.too_low", "actions[5].authority"),
            ("authority.kk_approval_required", "actions[6].kk_approval"),
        ],
        "six bad actions in one order",
    );
}

/// §56: "การแต่งตั้ง...จากข้าราชการประเภทหนึ่งไปเป็นข้าราชการอีกประเภทหนึ่งอาจกระทำได้หาก
/// ผู้นั้นสมัครใจและหน่วยงานต้นสังกัดเห็นชอบ".
async fn section_56_a_teacher_becomes_ordinary_only_with_both_consents(app: &App) {
    more_units(app).await;
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("T11", "D01-SCH", Category::Teacher, Level::TeacherNoRank),
        ],
    )
    .await;
    let (teacher, pid) = person(app, 30, "1990-01-01").await;
    let setup: bmahr_core::register::OrderDraft = serde_json::from_str(&order(
        "7/2567",
        "D01",
        json!({"kk_approval": kk("2024-01-01"), "effective_date": "2024-02-01", "signed_on": "2024-02-01"}),
        json!([appoint(&teacher, "T11")]),
    ))
    .unwrap();
    app.store.apply_order(&setup, &meta()).await.unwrap();

    // ก.ก.'s prior approval is for appointing (บรรจุและแต่งตั้ง, §53 วรรคหนึ่ง (4)); the
    // district director raises a teacher's salary without one.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([{"kind": "salary_change", "person": teacher, "salary": "31000"}]),
            ),
        )
        .await,
        "a teacher's salary change by the district director",
    );

    let mv = |consent: Value| {
        let mut a = json!({"kind": "move", "person": teacher, "position_no": "103"});
        if !consent.is_null() {
            a["consent"] = consent;
        }
        order("1/2567", "D01", json!({}), json!([a]))
    };
    let cases: [ConsentCase; 5] = [
        (
            "no consent stated",
            Value::Null,
            vec![
                ("category_move.volunteer", "actions[1].consent"),
                ("category_move.home_agency", "actions[1].consent"),
            ],
        ),
        (
            "neither consents",
            json!({"person": false, "home_agency": false}),
            vec![
                ("category_move.volunteer", "actions[1].consent"),
                ("category_move.home_agency", "actions[1].consent"),
            ],
        ),
        (
            "the person volunteers, the school's agency does not agree",
            json!({"person": true}),
            vec![("category_move.home_agency", "actions[1].consent")],
        ),
        (
            "the agency agrees, the person does not volunteer",
            json!({"home_agency": true}),
            vec![("category_move.volunteer", "actions[1].consent")],
        ),
        ("both", json!({"person": true, "home_agency": true}), vec![]),
    ];
    for (case, consent, want) in cases {
        let r = check(app, mv(consent)).await;
        if want.is_empty() {
            passes(&r, case);
        } else {
            let j = refused(&r, &want, case);
            assert_eq!(j["section"], "§56 วรรคหนึ่ง", "{case}");
        }
    }
    // Signed with both consents, the teacher holds the ordinary position.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        mv(json!({"person": true, "home_agency": true})),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let h = history(app, pid).await;
    assert_eq!(h["record"]["placement"]["position_no"], "103");
    assert_eq!(h["record"]["placement"]["category"], "ordinary");
}

/// The frame (§14(5)): one holder per position on and after the date, positions that exist
/// on the date, the level the frame approved.
async fn the_frame_on_the_effective_date(app: &App) {
    positions(
        app,
        &[("103", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    positions_from(
        app,
        d(2025, 1, 1),
        &[("107", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    let (a, _) = person(app, 40, "1990-01-01").await;
    let (b, _) = person(app, 41, "1991-01-01").await;
    let j = refused(
        &check(
            app,
            order("1/2567", "D01", json!({}), json!([appoint(&a, "101")])),
        )
        .await,
        &[("position.occupied", "actions[1].position_no")],
        "101 is held",
    );
    assert_eq!(j["section"], "§14(5)");
    refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([appoint(&a, "103"), appoint(&b, "103")]),
            ),
        )
        .await,
        &[("position.occupied", "actions[2].position_no")],
        "two people into 103 in one order",
    );
    refused(
        &check(
            app,
            order("1/2567", "D01", json!({}), json!([appoint(&a, "107")])),
        )
        .await,
        &[("action.position_unknown", "actions[1].position_no")],
        "107 is in the frame only from 2025",
    );
    // ... but on its first day it is.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([with(
                    appoint(&a, "107"),
                    "effective_date",
                    json!("2025-01-01")
                )]),
            ),
        )
        .await,
        "107 on its first day",
    );
    let j = refused(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([with(appoint(&a, "103"), "level", json!("professional"))]),
            ),
        )
        .await,
        &[("position.level_not_allowed", "actions[1].level")],
        "103 is ปฏิบัติการ, not ชำนาญการ",
    );
    assert_eq!(j["section"], "§14(5)");
    // A holder moved out by the same order frees the position that day.
    passes(
        &check(
            app,
            order(
                "1/2567",
                "D01",
                json!({}),
                json!([
                    {"kind": "move", "person": NID[1], "position_no": "103"},
                    appoint(&a, "102"),
                ]),
            ),
        )
        .await,
        "102's holder moves to 103 as a newcomer takes 102",
    );
}

async fn history(app: &App, pid: i64) -> Value {
    let r = app
        .get_as("admin", &format!("/api/v1/people/{pid}/history?as_of={ON}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// Signing goes through the same rules: a refused order writes nothing, a clean one signed by
/// the right authority changes the register.
async fn a_refused_order_changes_nothing_and_a_clean_one_does(app: &App) {
    positions(
        app,
        &[
            ("103", "D01-ADM", Category::Ordinary, Level::Practitioner),
            ("108", "D01-ADM", Category::Ordinary, Level::Expert),
        ],
    )
    .await;
    let (cand, pid) = person(app, 50, "1990-01-01").await;
    let (expert, eid) = person(app, 51, "1980-01-01").await;
    let before = history(app, pid).await;
    assert!(before["record"]["placement"].is_null(), "{before}");
    let holder_before = history(app, app.person[0]).await;

    // Without the §43 declaration, by the district's appointing authority.
    let mut bare = appoint(&cand, "103");
    bare.as_object_mut().unwrap().remove("eligibility");
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order("1/2567", "D01", json!({}), json!([bare])),
    )
    .await;
    refused(
        &r,
        &[("eligibility.declaration_required", "actions[1].eligibility")],
        "signing without a declaration",
    );
    // With a clean action next to one into an occupied position: neither is applied.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order(
            "1/2567",
            "D01",
            json!({}),
            json!([appoint(&cand, "103"), appoint(&expert, "101")]),
        ),
    )
    .await;
    refused(
        &r,
        &[("position.occupied", "actions[2].position_no")],
        "one bad action refuses the whole order",
    );
    // A วิชาการ เชี่ยวชาญ post signed by the district director instead of the Governor.
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order("1/2567", "D01", json!({}), json!([appoint(&expert, "108")])),
    )
    .await;
    refused(
        &r,
        &[("authority.too_low", "actions[1].authority")],
        "an expert post signed by the district director",
    );
    assert_eq!(history(app, pid).await, before);
    assert_eq!(history(app, app.person[0]).await, holder_before);
    let expert_before = history(app, eid).await;
    assert!(expert_before["record"]["placement"].is_null());

    // Clean and signed by the right authorities: the register changes.
    let r = post_as(
        app,
        "auth01",
        "/api/v1/orders",
        order("1/2567", "D01", json!({}), json!([appoint(&cand, "103")])),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let after = history(app, pid).await;
    assert_eq!(after["record"]["placement"]["position_no"], "103");
    assert_eq!(after["record"]["status"], "active");
    let r = post_as(
        app,
        "admin",
        "/api/v1/orders",
        order(
            "2/2567",
            "D01",
            json!({"signing_authority": "governor"}),
            json!([appoint(&expert, "108")]),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        history(app, eid).await["record"]["placement"]["position_no"],
        "108"
    );
}
