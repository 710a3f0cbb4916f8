//! A few case files so the demo's discipline pages and deadline boards are not empty: cases
//! at every stage in บางกอกน้อย, appeals against recent penalties, grievances against a
//! district director, the Governor and a department head, and a petition. Each goes through
//! the store's checks like any other.

use bmahr_core::law::case_file::{
    grievance_route, CaseEvent, Opening, Resolved, Respondent, RespondentFacts,
};
use bmahr_core::law::discipline::{
    AppealOutcome, CaseStage, ComplaintCategory, Disposition, Forum, Penalty,
};
use bmahr_core::org::UnitKind;
use bmahr_core::ThaiDate;
use bmahr_store::{NewCase, Store, StoreError, WriteMeta};

/// The district whose officers the demo accounts are.
const DISTRICT: &str = "D-BKNI";

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "demo".into(),
        at: chrono::Utc::now().to_rfc3339(),
        reason: "ข้อมูลสาธิต / demo data".into(),
        request_ref: None,
    }
}

async fn record(store: &Store, id: i64, events: Vec<CaseEvent>) -> Result<(), StoreError> {
    let m = meta();
    for e in events {
        let v = store.case(id).await?.row.version;
        store.record_case_event(id, v, e, &m, None).await?;
    }
    Ok(())
}

/// Opens the demo's cases, dated around `on`. Returns how many.
pub async fn seed_cases(store: &Store, on: ThaiDate) -> Result<usize, StoreError> {
    let m = meta();
    let day = |n: i64| on.add_days(n);
    let Ok(district) = store.unit_by_code(DISTRICT, on).await else {
        return Ok(0);
    };
    let people = store.unit_register_on(district.id, on).await?;
    if people.len() < 12 {
        return Ok(0);
    }
    let pick = |i: usize| &people[i * people.len() / 12];
    let mut opened = 0;
    let discipline = |i: usize, cat: ComplaintCategory, received: i64, allegation: &str| {
        let p = pick(i);
        NewCase {
            opening: Opening::Discipline {
                source: "หนังสือร้องเรียนผ่านศูนย์รับเรื่องร้องเรียนของสำนักงานเขต".into(),
                category: Some(cat),
                allegation: allegation.into(),
                received_on: day(received),
            },
            person_id: Some(p.person.id),
            unit_id: p
                .record
                .placement
                .as_ref()
                .map_or(district.id, |pl| pl.unit_id),
            holder_unit_id: Some(district.id),
            forum: Forum::NextSuperior,
            person_category: p
                .record
                .placement
                .as_ref()
                .map(|pl| pl.category.code().to_string()),
        }
    };
    let committee: Vec<bmahr_core::law::case_file::Member> = [9, 10, 11]
        .iter()
        .zip(["ประธานกรรมการ", "กรรมการ", "กรรมการและเลขานุการ"])
        .map(|(i, role)| bmahr_core::law::case_file::Member {
            national_id: pick(*i).person.national_id.reveal().to_string(),
            name: pick(*i).person.name.full_th(),
            role: role.into(),
        })
        .collect();
    let cut = |p: u32, m: u32| Disposition::Penalised(Penalty::salary_cut(p, m));
    let stage = |s: CaseStage, d: i64| CaseEvent::Stage {
        stage: s,
        on: day(d),
        committee: Vec::new(),
        note: String::new(),
    };
    let plan: Vec<(NewCase, Vec<CaseEvent>)> = vec![
        (
            discipline(
                0,
                ComplaintCategory::Procurement,
                -60,
                "จัดซื้อวัสดุโดยไม่เป็นไปตามระเบียบ",
            ),
            vec![
                stage(CaseStage::FactFinding, -50),
                CaseEvent::Stage {
                    stage: CaseStage::Investigation,
                    on: day(-40),
                    committee: committee.clone(),
                    note: "คำสั่งแต่งตั้งคณะกรรมการสอบสวน".into(),
                },
            ],
        ),
        (
            discipline(
                1,
                ComplaintCategory::Behaviour,
                -120,
                "ประพฤติตนไม่เหมาะสมต่อผู้มาติดต่อราชการ",
            ),
            vec![
                stage(CaseStage::FactFinding, -110),
                stage(CaseStage::Findings, -70),
                CaseEvent::Decided {
                    on: day(-60),
                    by: "ผู้อำนวยการเขตบางกอกน้อย".into(),
                    disposition: cut(2, 1),
                    power: Penalty::salary_cut(5, 3),
                },
                CaseEvent::Reported {
                    on: day(-55),
                    to: "ปลัดกรุงเทพมหานคร".into(),
                },
            ],
        ),
        (
            discipline(
                2,
                ComplaintCategory::AbuseOfPosition,
                -200,
                "ใช้ตำแหน่งหน้าที่แสวงหาประโยชน์",
            ),
            vec![
                CaseEvent::Stage {
                    stage: CaseStage::Investigation,
                    on: day(-150),
                    committee: committee.clone(),
                    note: String::new(),
                },
                CaseEvent::KkReferred { on: day(-60) },
                CaseEvent::KkResolved {
                    resolution: "มติ ก.ก. ครั้งที่ 10/2569".into(),
                    decided_on: day(-30),
                    notified_on: day(-25),
                    resolved: Resolved::Penalised(Penalty::discharge()),
                    refund: Vec::new(),
                },
            ],
        ),
        (
            discipline(3, ComplaintCategory::Service, -90, "ให้บริการล่าช้าเกินสมควร"),
            vec![
                CaseEvent::Decided {
                    on: day(-70),
                    by: "ผู้อำนวยการเขตบางกอกน้อย".into(),
                    disposition: Disposition::Closed,
                    power: Penalty::salary_cut(5, 3),
                },
                CaseEvent::KkResolved {
                    resolution: "มติ ก.ก. ครั้งที่ 8/2569".into(),
                    decided_on: day(-50),
                    notified_on: day(-45),
                    resolved: Resolved::Penalised(Penalty::probation()),
                    refund: Vec::new(),
                },
            ],
        ),
        (
            discipline(4, ComplaintCategory::Fairness, -10, "มอบหมายงานไม่เป็นธรรม"),
            Vec::new(),
        ),
        (
            discipline(5, ComplaintCategory::Behaviour, -100, "ร้องเรียนพฤติกรรมส่วนตัว"),
            vec![
                stage(CaseStage::FactFinding, -95),
                CaseEvent::Closed {
                    on: day(-80),
                    note: "สืบสวนแล้วไม่มีมูล".into(),
                },
            ],
        ),
    ];
    for (new, events) in plan {
        let c = store.open_case(&new, &m, None).await?;
        record(store, c.row.id, events).await?;
        opened += 1;
    }

    // Appeals against recent penalties, before ก.พ.ค.
    for (i, (pid, issuer, number, eff)) in store
        .recent_penalties(day(-150), 4)
        .await?
        .into_iter()
        .enumerate()
    {
        if eff.add_days(21) > on {
            continue;
        }
        let Some(pa) = store.penalty_action(&issuer, &number, pid).await? else {
            continue;
        };
        let unit = store.person_unit_on(pid, eff).await?.unwrap_or(district.id);
        let filed = eff.add_days(20);
        let new = NewCase {
            opening: Opening::Appeal {
                issuer_unit: issuer.clone(),
                order_number: number.clone(),
                knew_on: eff.add_days(3),
                filed_on: filed,
                received_on: filed.add_days(1),
                penalty: pa.penalty,
                penalty_from: Some(pa.effective),
            },
            person_id: Some(pid),
            unit_id: unit,
            holder_unit_id: Some(pa.issuer_unit_id),
            forum: Forum::Kpk,
            person_category: None,
        };
        let c = store.open_case(&new, &m, None).await?;
        let events = match i {
            0 => vec![CaseEvent::Extended {
                on: filed.add_days(100),
                days: 60,
                reason: "รอเอกสารหลักฐานจากหน่วยงานต้นสังกัด".into(),
            }],
            1 => vec![
                CaseEvent::AppealDecided {
                    on: filed.add_days(90),
                    outcome: AppealOutcome::Dismissed,
                    new_penalty: None,
                    note: String::new(),
                    refund: Vec::new(),
                },
                CaseEvent::AppellantNotified {
                    on: filed.add_days(95),
                },
            ],
            _ => Vec::new(),
        };
        // An event dated after today is left out (the penalty was too recent).
        let events: Vec<CaseEvent> = events.into_iter().filter(|e| e.on() <= on).collect();
        record(store, c.row.id, events).await?;
        opened += 1;
    }

    // Grievances: against the district director (to the next superior), the Governor and a
    // department head (to ก.พ.ค.).
    let department = store
        .units_shared()
        .await?
        .iter()
        .find(|u| u.kind == UnitKind::Department)
        .cloned();
    let mut against = vec![
        (
            Respondent::UnitHead {
                unit: district.code.clone(),
            },
            RespondentFacts::UnitHead {
                kind: district.kind,
                unit_id: district.id,
                parent_id: district.parent_id,
                kpk_named: false,
            },
        ),
        (Respondent::Governor, RespondentFacts::Governor),
    ];
    if let Some(d) = department {
        against.push((
            Respondent::UnitHead { unit: d.code },
            RespondentFacts::UnitHead {
                kind: d.kind,
                unit_id: d.id,
                parent_id: d.parent_id,
                kpk_named: false,
            },
        ));
    }
    for (i, (who, facts)) in against.into_iter().enumerate() {
        let p = pick(6 + i);
        let route = grievance_route(facts);
        let new = NewCase {
            opening: Opening::Grievance {
                against: who,
                subject: "ไม่ได้รับความเป็นธรรมในการพิจารณาเลื่อนเงินเดือน".into(),
                filed_on: day(-20 - 10 * i as i64),
                appealable: false,
                route: Some(route),
            },
            person_id: Some(p.person.id),
            unit_id: district.id,
            holder_unit_id: route.superior_unit_id,
            forum: route.forum,
            person_category: None,
        };
        store.open_case(&new, &m, None).await?;
        opened += 1;
    }

    // A petition against a district's general order (§66), notified 20 days ago.
    let c = store
        .open_case(
            &NewCase {
                opening: Opening::Petition {
                    rule_or_order: "ประกาศสำนักงานเขตบางกอกน้อย เรื่อง หลักเกณฑ์การหมุนเวียนงาน".into(),
                    issuer_unit: district.code.clone(),
                    filed_on: day(-40),
                    petitioner: "ข้าราชการสำนักงานเขตบางกอกน้อย".into(),
                },
                person_id: None,
                unit_id: district.id,
                holder_unit_id: Some(district.id),
                forum: Forum::Kpk,
                person_category: None,
            },
            &m,
            None,
        )
        .await?;
    record(
        store,
        c.row.id,
        vec![CaseEvent::IssuerNotified {
            on: day(-20),
            respond_within_days: 30,
            note: "ให้พิจารณาแก้ไขให้สอดคล้องกับระบบคุณธรรม (มาตรา 41)".into(),
        }],
    )
    .await?;
    Ok(opened + 1)
}
