//! The demo's accounts: one for each role in two districts and one department (each
//! employee's linked to a person who works there, each appointing authority's to whoever
//! heads the agency), and the whole-BMA ones; all share one documented password
//! ([`DEMO_PASSWORD`]).

use bmahr_core::law::authority::Authority;
use bmahr_core::personnel::Level;
use bmahr_core::role::Role;
use bmahr_core::ThaiDate;
use bmahr_store::{AccountQuery, NewAccount, Store, StoreError, WriteMeta};

/// The password of every demo account (README, "Demo accounts").
pub const DEMO_PASSWORD: &str = "bmahr-demo-2569";

/// The agencies given a full set of accounts: (name in usernames, agency code, the section
/// or division its supervisor and employee work in).
const AGENCIES: [(&str, &str, &str); 3] = [
    ("bangkoknoi", "D-BKNI", "D-BKNI-ADM"),
    ("phranakhon", "D-PNK", "D-PNK-ADM"),
    ("medical", "MED", "MED-01"),
];

/// One demo account as printed.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: String,
    pub role: Role,
    /// Unit code and Thai name; `None`: the whole BMA.
    pub unit: Option<(String, String)>,
    /// The linked person's name.
    pub person: Option<String>,
}

/// Whom an account is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Nobody,
    /// Someone who works in its unit today.
    Member,
    /// Whoever heads its unit today (a district director, a department's director).
    Head,
}

struct Planned {
    username: String,
    role: Role,
    unit: Option<&'static str>,
    office: Option<Authority>,
    link: Link,
}

/// The levels a head of an agency holds, the most senior first.
const HEAD_LEVELS: [Level; 4] = [
    Level::ExecutiveSenior,
    Level::ExecutiveJunior,
    Level::ManagerialSenior,
    Level::ManagerialJunior,
];

fn planned() -> Vec<Planned> {
    let mut out = Vec::new();
    let mut add = |username: String, role, unit, office, link| {
        out.push(Planned {
            username,
            role,
            unit,
            office,
            link,
        })
    };
    add("admin".into(), Role::CentralAdmin, None, None, Link::Nobody);
    add("auditor".into(), Role::Auditor, None, None, Link::Nobody);
    add(
        "kpk".into(),
        Role::MeritCommission,
        None,
        None,
        Link::Nobody,
    );
    // The Office's discipline officers (scope: the whole BMA) refer cases to ก.ก.
    add(
        "discipline.ocsc".into(),
        Role::DisciplineOfficer,
        Some("BMA"),
        None,
        Link::Nobody,
    );
    for (name, agency, section) in AGENCIES {
        add(
            format!("hr.{name}"),
            Role::AgencyHr,
            Some(agency),
            None,
            Link::Nobody,
        );
        // A district director and a department's director sign as the head of the agency
        // (§52 para 1 (3) and on).
        add(
            format!("authority.{name}"),
            Role::AppointingAuthority,
            Some(agency),
            Some(Authority::AgencyHead),
            Link::Head,
        );
        add(
            format!("supervisor.{name}"),
            Role::Supervisor,
            Some(section),
            None,
            Link::Nobody,
        );
        add(
            format!("discipline.{name}"),
            Role::DisciplineOfficer,
            Some(agency),
            None,
            Link::Nobody,
        );
        add(
            format!("employee.{name}"),
            Role::Employee,
            Some(section),
            None,
            Link::Member,
        );
    }
    out
}

fn meta(on: ThaiDate) -> WriteMeta {
    WriteMeta {
        actor: "demo".into(),
        at: format!("{}T00:00:00Z", on.iso()),
        reason: "บัญชีสาธิต / demo account".into(),
        request_ref: None,
    }
}

/// Creates the demo accounts (the password hashed once for all). An employee is linked to
/// someone in service in its section today; a demo too small to have one there gets no
/// employee account for it.
pub async fn seed_accounts(store: &Store, on: ThaiDate) -> Result<Vec<DemoAccount>, String> {
    let hash = bmahr_server::auth::password::hash_password(DEMO_PASSWORD)?;
    let m = meta(on);
    let err = |e: StoreError| e.to_string();
    for p in planned() {
        let unit = match p.unit {
            None => None,
            Some(code) => Some(store.unit_by_code(code, on).await.map_err(err)?),
        };
        let person_id = match (&unit, p.link) {
            (Some(u), Link::Member) => {
                let here = store.unit_register_on(u.id, on).await.map_err(err)?;
                // Someone in the middle of the list: not the head of the section.
                match here.get(here.len() / 2) {
                    Some(x) => Some(x.person.id),
                    None => continue,
                }
            }
            (Some(u), Link::Head) => {
                let here = store.unit_register_on(u.id, on).await.map_err(err)?;
                HEAD_LEVELS.iter().find_map(|level| {
                    here.iter()
                        .find(|x| {
                            x.record
                                .placement
                                .as_ref()
                                .is_some_and(|pl| pl.unit_id == u.id && pl.level == *level)
                        })
                        .map(|x| x.person.id)
                })
            }
            _ => None,
        };
        store
            .create_account(
                &NewAccount {
                    username: &p.username,
                    password_hash: &hash,
                    role: p.role,
                    scope_unit_id: unit.as_ref().map(|u| u.id),
                    person_id,
                    office: p.office,
                    // The demo's accounts share the password it prints.
                    password_temporary: false,
                },
                &m,
            )
            .await
            .map_err(err)?;
    }
    demo_accounts(store).await
}

/// The demo accounts present in the database, in the order they are planned.
pub async fn demo_accounts(store: &Store) -> Result<Vec<DemoAccount>, String> {
    let (rows, _) = store
        .accounts(&AccountQuery {
            limit: 1000,
            ..AccountQuery::default()
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(planned()
        .iter()
        .filter_map(|p| rows.iter().find(|r| r.user.username == p.username))
        .map(|r| DemoAccount {
            username: r.user.username.clone(),
            role: r.user.role,
            unit: r
                .unit_code
                .clone()
                .map(|c| (c, r.unit_name_th.clone().unwrap_or_default())),
            person: r.person_name_th.clone(),
        })
        .collect())
}

/// The accounts as a table for the console: username, role, unit, person.
pub fn accounts_table(accounts: &[DemoAccount]) -> String {
    let mut out = format!(
        "บัญชีสาธิต / demo accounts (รหัสผ่าน / password: {DEMO_PASSWORD})\n{:<24} {:<22} {:<44} {}\n",
        "username", "role", "unit", "person"
    );
    for a in accounts {
        let unit = a.unit.as_ref().map_or_else(
            || "ทั้งกรุงเทพมหานคร / whole BMA".to_string(),
            |(code, name)| format!("{code} {name}"),
        );
        out.push_str(&format!(
            "{:<24} {:<22} {:<44} {}\n",
            a.username,
            a.role.code(),
            unit,
            a.person.as_deref().unwrap_or("-")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_an_account_in_each_agency_and_the_old_names_stay() {
        let p = planned();
        for (name, ..) in AGENCIES {
            for role in [
                Role::AgencyHr,
                Role::AppointingAuthority,
                Role::Supervisor,
                Role::DisciplineOfficer,
                Role::Employee,
            ] {
                assert!(
                    p.iter()
                        .any(|x| x.role == role && x.username.ends_with(&format!(".{name}"))),
                    "{role:?} in {name}"
                );
            }
        }
        for role in [Role::CentralAdmin, Role::Auditor, Role::MeritCommission] {
            assert!(p.iter().any(|x| x.role == role && x.unit.is_none()));
        }
        for old in [
            "admin",
            "hr.bangkoknoi",
            "auditor",
            "discipline.bangkoknoi",
            "discipline.ocsc",
            "kpk",
        ] {
            assert!(p.iter().any(|x| x.username == old), "{old}");
        }
        // Each account's shape passes the rule the web's form applies.
        for x in &p {
            let problems = bmahr_core::access::account_problems(
                x.role,
                x.unit.is_some(),
                x.office,
                x.link != Link::Nobody,
            );
            assert!(problems.is_empty(), "{}: {problems:?}", x.username);
        }
    }
}
