//! A small BMA: the root, one district with two sections, a few positions and people.

use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::OrderDraft;
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, NewUnit, Store, WriteMeta};

pub fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).expect("date")
}

/// A pool of its own on the test's database, for what no store method does (tampering).
pub async fn raw(store: &Store) -> sqlx::AnyPool {
    bmahr_store::install_drivers();
    sqlx::AnyPool::connect(store.url()).await.expect("raw pool")
}

pub fn meta(actor: &str, at: &str) -> WriteMeta {
    WriteMeta {
        actor: actor.into(),
        at: at.into(),
        reason: "test".into(),
        request_ref: None,
    }
}

pub const NID: [&str; 3] = ["1101700203450", "3100600123450", "1103700012346"];

pub fn unit(code: &str, parent: Option<&str>, kind: UnitKind, from: ThaiDate) -> NewUnit {
    NewUnit {
        code: code.into(),
        parent_code: parent.map(Into::into),
        kind,
        name_th: format!("หน่วย {code}"),
        name_en: format!("Unit {code}"),
        validity: Validity { from, to: None },
    }
}

pub fn position(no: &str, unit: &str, level: Level) -> NewPosition {
    NewPosition {
        position_no: no.into(),
        unit_code: unit.into(),
        category: Category::Ordinary,
        level,
        line_of_work: "นักทรัพยากรบุคคล".into(),
        admin_title: String::new(),
        validity: Validity {
            from: d(2000, 1, 1),
            to: None,
        },
        approval_ref: "มติ ก.ก. 1/2543".into(),
    }
}

/// Units, positions 101–104, and three people (none appointed yet).
pub async fn small_bma(store: &Store) {
    let m = meta("setup", "2020-01-01T00:00:00Z");
    let from = d(2000, 1, 1);
    store
        .create_units(
            &[
                unit("BMA", None, UnitKind::Bma, from),
                unit("D01", Some("BMA"), UnitKind::District, from),
                unit("D01-ADM", Some("D01"), UnitKind::Section, from),
                unit("D01-FIN", Some("D01"), UnitKind::Section, from),
                unit("D02", Some("BMA"), UnitKind::District, from),
            ],
            &m,
        )
        .await
        .expect("units");
    store
        .create_positions(
            &[
                position("101", "D01-ADM", Level::Practitioner),
                position("102", "D01-ADM", Level::Professional),
                position("103", "D01-FIN", Level::Practitioner),
                position("201", "D02", Level::Practitioner),
            ],
            &m,
        )
        .await
        .expect("positions");
    let today = d(2026, 11, 23);
    let people: Vec<NewPerson> = NID
        .iter()
        .enumerate()
        .map(|(i, nid)| {
            NewPerson::from_fields(
                &PersonFields {
                    national_id: nid,
                    title: "นาย",
                    first_th: ["สมชาย", "สมศักดิ์", "วีระ"][i],
                    last_th: "ใจดี",
                    first_en: ["Somchai", "Somsak", "Weera"][i],
                    last_en: "Jaidee",
                    birth_date: ["1980-05-05", "1966-10-01", "1990-01-01"][i],
                    gender: "ชาย",
                    ..Default::default()
                },
                today,
            )
            .expect("person")
        })
        .collect();
    store.create_people(&people, &m).await.expect("people");
}

/// An order from JSON with the usual header filled in.
pub fn order(number: &str, effective: &str, actions: serde_json::Value) -> OrderDraft {
    serde_json::from_value(serde_json::json!({
        "number": number,
        "issuer_unit": "D01",
        "signed_on": effective,
        "signed_by": "นายผู้อำนวยการ ทดสอบ",
        "authority": "ผู้อำนวยการเขต",
        "effective_date": effective,
        "reason": "ทดสอบ",
        "actions": actions,
    }))
    .expect("order json")
}
