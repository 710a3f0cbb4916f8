//! Writes a generated dataset into an empty database in one transaction, table by table,
//! parents before children so every foreign key holds at every statement.

use bmahr_core::person::Gender;
use bmahr_core::register::{placement_spans, AppliedAction, Placement};
use bmahr_core::ThaiDate;
use bmahr_store::bulk::{tables, Loader, Val};
use bmahr_store::spans::span_row;
use bmahr_store::{AuditChain, NewEvent, Store, StoreError};
use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

use super::generate::name_strings;
use super::model::Dataset;

fn instant(d: ThaiDate, today: ThaiDate) -> String {
    format!("{}T09:00:00Z", d.min(today).iso())
}

async fn table(
    tx: &mut Transaction<'static, Any>,
    t: (&'static str, &'static [&'static str]),
    rows: impl Iterator<Item = Vec<Val>>,
    bar: &ProgressBar,
) -> Result<(), StoreError> {
    let mut l = Loader::new(t);
    for r in rows {
        l.push(tx, r).await?;
        bar.inc(1);
    }
    l.flush(tx).await
}

/// Loads `ds` into `store`, which must be empty. Everything or nothing is written.
pub async fn load(
    store: &Store,
    ds: &Dataset,
    today: ThaiDate,
    bar: &ProgressBar,
) -> Result<(), StoreError> {
    if !store.is_empty().await? {
        return Err(StoreError::Other(
            "the database already holds data; demo loads only into an empty database / ฐานข้อมูลมีข้อมูลแล้ว".into(),
        ));
    }
    let names: usize = ds.people.iter().map(|p| p.names.len()).sum();
    let total = ds.units.len()
        + ds.positions.len()
        + ds.people.len() * 2
        + names
        + ds.orders.len() * 2
        + ds.actions.len() * 2
        + ds.holidays.len();
    bar.set_length(total as u64);
    let mut tx = store
        .begin_bulk(&[
            tables::UNITS.0,
            tables::POSITIONS.0,
            tables::PEOPLE.0,
            tables::PERSON_NAMES.0,
            tables::ORDERS.0,
            tables::AUDIT.0,
            tables::ACTIONS.0,
            tables::REGISTER_SPANS.0,
            tables::POSITION_VACANCIES.0,
            tables::HOLIDAYS.0,
        ])
        .await?;
    let date = |d: Option<ThaiDate>| -> Val { d.map(|d| d.iso()).into() };

    table(
        &mut tx,
        tables::UNITS,
        ds.units.iter().map(|u| {
            vec![
                u.id.into(),
                u.code.as_str().into(),
                u.parent.into(),
                u.kind.code().into(),
                u.name_th.as_str().into(),
                u.name_en.as_str().into(),
                u.from.iso().into(),
                date(u.to),
            ]
        }),
        bar,
    )
    .await?;

    table(
        &mut tx,
        tables::POSITIONS,
        ds.positions.iter().map(|p| {
            vec![
                p.id.into(),
                p.no.as_str().into(),
                p.unit.into(),
                p.category.code().into(),
                p.level.code().into(),
                p.line.into(),
                p.admin_title.as_str().into(),
                p.from.iso().into(),
                date(p.to),
                p.approval.into(),
            ]
        }),
        bar,
    )
    .await?;

    table(
        &mut tx,
        tables::PEOPLE,
        ds.people.iter().map(|p| {
            let first_en = name_strings(&p.names[0], p.gender == Gender::Female)
                .2
                .to_lowercase();
            vec![
                p.id.into(),
                p.national_id.reveal().into(),
                p.birth.iso().into(),
                p.gender.code().into(),
                "TH".into(),
                p.education.into(),
                p.phone.as_str().into(),
                format!("{first_en}.{}@bangkok.go.th", p.id).into(),
                (p.orders + 1).into(),
                instant(p.created, today).into(),
            ]
        }),
        bar,
    )
    .await?;

    table(
        &mut tx,
        tables::PERSON_NAMES,
        ds.people.iter().flat_map(|p| {
            let female = p.gender == Gender::Female;
            p.names.iter().map(move |n| {
                let (fth, lth, fen, len) = name_strings(n, female);
                vec![
                    p.id.into(),
                    n.from.iso().into(),
                    n.title.code().into(),
                    fth.into(),
                    lth.into(),
                    fen.into(),
                    len.into(),
                    instant(n.from.max(p.created), today).into(),
                ]
            })
        }),
        bar,
    )
    .await?;

    table(
        &mut tx,
        tables::ORDERS,
        ds.orders.iter().map(|o| {
            vec![
                o.id.into(),
                o.number.as_str().into(),
                o.issuer.into(),
                o.signed_on.iso().into(),
                o.signed_by.as_str().into(),
                o.authority.as_str().into(),
                o.effective.iso().into(),
                o.reason.into(),
                Val::NullInt,
                "demo".into(),
                instant(o.signed_on.add_days(1), today).into(),
            ]
        }),
        bar,
    )
    .await?;

    // The audit events, appended to the hash chain (ids and hashes from its head).
    let demo_event =
        |at: String, action: &str, reason: &str, person, order, detail: String| NewEvent {
            at,
            actor: "demo".into(),
            action: action.into(),
            reason: reason.into(),
            person_id: person,
            order_id: order,
            request_ref: None,
            detail,
        };
    let mut chain = AuditChain::begin(&mut tx).await?;
    let events = ds
        .people
        .iter()
        .map(|p| {
            demo_event(
                instant(p.created, today),
                "person.create",
                "ข้อมูลสาธิต / demo data",
                Some(p.id),
                None,
                String::new(),
            )
        })
        .chain(ds.orders.iter().map(|o| {
            demo_event(
                instant(o.signed_on.add_days(1), today),
                "order.apply",
                o.reason,
                None,
                Some(o.id),
                format!("order {}", o.number),
            )
        }));
    for e in events {
        chain.push(&mut tx, e).await?;
        bar.inc(1);
    }
    chain.finish(&mut tx).await?;

    table(
        &mut tx,
        tables::ACTIONS,
        ds.actions.iter().map(|a| {
            vec![
                a.order.into(),
                a.seq.into(),
                a.person.into(),
                a.kind.code().into(),
                a.effective.iso().into(),
                a.position_row.into(),
                a.salary.into(),
                a.penalty.map(|p| p.code()).into(),
                a.penalty_percent.into(),
                a.penalty_months.into(),
                a.separation.map(|s| s.code()).into(),
                "".into(),
                "".into(),
            ]
        }),
        bar,
    )
    .await?;

    // The register's periods, from the same fold the store uses after every order.
    let mut by_person: Vec<usize> = (0..ds.actions.len()).collect();
    by_person.sort_by_key(|i| (ds.actions[*i].person, ds.actions[*i].effective, *i));
    let mut spans = Loader::new(tables::REGISTER_SPANS);
    let mut k = 0;
    while k < by_person.len() {
        let person = ds.actions[by_person[k]].person;
        let mut history = Vec::new();
        while k < by_person.len() && ds.actions[by_person[k]].person == person {
            let i = by_person[k];
            let a = &ds.actions[i];
            history.push(AppliedAction {
                action_id: i as i64 + 1,
                order_id: a.order,
                order_number: String::new(),
                kind: a.kind,
                effective_date: a.effective,
                placement: a.position_row.map(|r| {
                    let p = &ds.positions[(r - 1) as usize];
                    Placement {
                        position_id: p.id,
                        position_no: p.no.clone(),
                        unit_id: p.unit,
                        category: p.category,
                        level: p.level,
                        line_of_work: p.line.to_string(),
                    }
                }),
                salary: a.salary.map(bmahr_core::Satang::from_satang),
                penalty: a.penalty,
                separation: a.separation,
            });
            k += 1;
        }
        for s in placement_spans(&history) {
            spans.push(&mut tx, span_row(person, &s)).await?;
        }
        bar.inc(history.len() as u64);
    }
    spans.flush(&mut tx).await?;

    let mut seen = std::collections::HashSet::new();
    table(
        &mut tx,
        tables::HOLIDAYS,
        ds.holidays
            .iter()
            .filter(|h| seen.insert(h.0))
            .map(|(d, th, en)| vec![d.iso().into(), th.as_str().into(), en.as_str().into()]),
        bar,
    )
    .await?;

    // Each position's vacant periods, from the frame and the periods just written.
    bmahr_store::vacancies::write_vacancies(&mut tx, None).await?;
    store.reset_sequences(&mut tx).await?;
    tx.commit().await?;
    // Fresh statistics, or the planner guesses from an empty database (PostgreSQL chose hash
    // joins over every order and position for one person's actions: 5–10 ms a query).
    store.analyze().await?;
    Ok(())
}
