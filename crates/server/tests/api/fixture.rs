//! A small BMA with one account per role and a token for each.

use std::net::SocketAddr;

use bmahr_core::org::{UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::OrderDraft;
use bmahr_core::role::Role;
use bmahr_core::ThaiDate;
use bmahr_server::auth::password::{hash_password, secret_hash};
use bmahr_server::{launch, AppState, Settings};
use bmahr_store::{NewPosition, NewUnit, Store, WriteMeta};
use tokio::sync::oneshot;

use crate::client::{request, Response};

pub const NID: [&str; 3] = ["1101700203450", "3100600123450", "1103700012346"];
pub const PASSWORD: &str = "a-good-long-password";

pub struct App {
    pub addr: SocketAddr,
    pub store: Store,
    pub person: [i64; 3],
    stop: Option<oneshot::Sender<()>>,
}

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

/// (username, role, scope unit, person index)
pub const USERS: [(&str, Role, Option<&str>, Option<usize>); 12] = [
    ("auth01", Role::AppointingAuthority, Some("D01"), None),
    ("admin", Role::CentralAdmin, None, None),
    ("hr01", Role::AgencyHr, Some("D01"), None),
    ("hr02", Role::AgencyHr, Some("D02"), None),
    ("sup01", Role::Supervisor, Some("D01"), None),
    ("emp0", Role::Employee, Some("D01"), Some(0)),
    ("aud", Role::Auditor, None, None),
    ("disc01", Role::DisciplineOfficer, Some("D01"), None),
    ("disc02", Role::DisciplineOfficer, Some("D02"), None),
    ("kpk", Role::MeritCommission, None, None),
    ("discbma", Role::DisciplineOfficer, Some("BMA"), None),
    ("emp1", Role::Employee, Some("D01"), Some(1)),
];

impl App {
    pub async fn start(store: Store) -> App {
        let m = meta();
        let from = d(2000, 1, 1);
        let unit = |code: &str, parent: Option<&str>, kind| NewUnit {
            code: code.into(),
            parent_code: parent.map(Into::into),
            kind,
            name_th: format!("หน่วย {code}"),
            name_en: format!("Unit {code}"),
            validity: Validity { from, to: None },
        };
        store
            .create_units(
                &[
                    unit("BMA", None, UnitKind::Bma),
                    unit("D01", Some("BMA"), UnitKind::District),
                    unit("D01-ADM", Some("D01"), UnitKind::Section),
                    unit("D02", Some("BMA"), UnitKind::District),
                ],
                &m,
            )
            .await
            .unwrap();
        let pos = |no: &str, unit: &str| NewPosition {
            position_no: no.into(),
            unit_code: unit.into(),
            category: Category::Ordinary,
            level: Level::Practitioner,
            line_of_work: "นักทรัพยากรบุคคล".into(),
            admin_title: String::new(),
            validity: Validity { from, to: None },
            approval_ref: "มติ ก.ก. 1/2543".into(),
        };
        store
            .create_positions(
                &[
                    pos("101", "D01-ADM"),
                    pos("102", "D01-ADM"),
                    pos("201", "D02"),
                ],
                &m,
            )
            .await
            .unwrap();
        let names = [
            ("สมชาย", "ใจดี", "Somchai"),
            ("สมศรี", "มีสุข", "Somsri"),
            ("วีระ", "กล้าหาญ", "Weera"),
        ];
        let people: Vec<NewPerson> = NID
            .iter()
            .zip(names)
            .map(|(nid, (f, l, e))| {
                NewPerson::from_fields(
                    &PersonFields {
                        national_id: nid,
                        title: "นาย",
                        first_th: f,
                        last_th: l,
                        first_en: e,
                        last_en: "Test",
                        birth_date: "1980-05-05",
                        phone: "0812345678",
                        ..Default::default()
                    },
                    d(2026, 1, 1),
                )
                .unwrap()
            })
            .collect();
        let ids = store.create_people(&people, &m).await.unwrap();
        let order: OrderDraft = serde_json::from_value(serde_json::json!({
            "number": "1/2553", "issuer_unit": "D01", "signed_on": "2010-06-01", "signed_by": "x", "authority": "ผู้อำนวยการเขต",
            "effective_date": "2010-06-01", "reason": "บรรจุ",
            "actions": [
                {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"},
                {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "102", "salary": "15000"},
            ]
        }))
        .unwrap();
        store.apply_order(&order, &m).await.unwrap();
        let mut o2 = order.clone();
        o2.number = "2/2553".into();
        o2.issuer_unit = "D02".into();
        o2.actions = serde_json::from_value(serde_json::json!([{"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[2], "position_no": "201", "salary": "15000"}])).unwrap();
        store.apply_order(&o2, &m).await.unwrap();
        let hash = hash_password(PASSWORD).unwrap();
        for (name, role, scope, person) in USERS {
            let scope_id = match scope {
                Some(c) => Some(store.unit_by_code(c, d(2020, 1, 1)).await.unwrap().id),
                None => None,
            };
            let uid = store
                .create_user(name, &hash, role, scope_id, person.map(|i| ids[i]), &m)
                .await
                .unwrap();
            store
                .create_token(uid, &secret_hash(&token_of(name)), "test", &m)
                .await
                .unwrap();
        }
        // The test client stands for a reverse proxy: tests name sources in X-Forwarded-For.
        let settings = Settings {
            trust_proxy: true,
            ..Settings::default()
        };
        let (addr, tx) = serve(store.clone(), settings).await;
        App {
            addr,
            store,
            person: [ids[0], ids[1], ids[2]],
            stop: Some(tx),
        }
    }

    /// A second server on the same database with other settings (`--require-2fa`, an
    /// https address, a short idle timeout); stop it like the first.
    pub async fn with_settings(&self, settings: Settings) -> App {
        let (addr, tx) = serve(self.store.clone(), settings).await;
        App {
            addr,
            store: self.store.clone(),
            person: self.person,
            stop: Some(tx),
        }
    }

    pub fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }

    /// GET as a user (by bearer token).
    pub async fn get_as(&self, user: &str, path: &str) -> Response {
        let addr = self.addr;
        let auth = format!("Bearer {}", token_of(user));
        let path = path.to_string();
        tokio::task::spawn_blocking(move || {
            request(addr, "GET", &path, &[("Authorization", &auth)], None)
        })
        .await
        .unwrap()
    }

    /// Any method as a user (by bearer token).
    pub async fn call_as(
        &self,
        user: &str,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Response {
        let auth = format!("Bearer {}", token_of(user));
        self.call(method, path, vec![("Authorization".into(), auth)], body)
            .await
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        headers: Vec<(String, String)>,
        body: Option<String>,
    ) -> Response {
        let addr = self.addr;
        let (method, path) = (method.to_string(), path.to_string());
        tokio::task::spawn_blocking(move || {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            request(addr, &method, &path, &h, body.as_deref())
        })
        .await
        .unwrap()
    }
}

async fn serve(store: Store, settings: Settings) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let state = AppState::with_settings(store, settings);
    tokio::spawn(async move {
        let _ = launch(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    (addr, tx)
}

/// A fixed test token per user.
pub fn token_of(user: &str) -> String {
    format!("bmahr_test_token_of_{user}")
}
