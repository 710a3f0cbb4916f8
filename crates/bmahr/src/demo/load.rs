//! Writes a generated dataset into an empty database in one transaction.

use bmahr_core::ThaiDate;
use bmahr_store::bulk::{tables, Loader, Val};
use bmahr_store::{Store, StoreError};
use indicatif::ProgressBar;

use super::generate::name_strings;
use super::model::Dataset;

fn instant(d: ThaiDate, today: ThaiDate) -> String {
    format!("{}T09:00:00Z", d.min(today).iso())
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
    let total = ds.units.len()
        + ds.positions.len()
        + ds.people.len() * 2
        + ds.orders.len() * 2
        + ds.actions.len();
    bar.set_length(total as u64);
    let mut tx = store.begin_bulk().await?;

    let mut l = Loader::new(tables::UNITS);
    for u in &ds.units {
        l.push(
            &mut tx,
            vec![
                u.id.into(),
                u.code.as_str().into(),
                u.parent.into(),
                u.kind.code().into(),
                u.name_th.as_str().into(),
                u.name_en.as_str().into(),
                u.from.iso().into(),
                u.to.map(|d| d.iso()).into(),
            ],
        )
        .await?;
    }
    l.flush(&mut tx).await?;
    bar.inc(ds.units.len() as u64);

    let mut l = Loader::new(tables::POSITIONS);
    for p in &ds.positions {
        l.push(
            &mut tx,
            vec![
                p.id.into(),
                p.no.as_str().into(),
                p.unit.into(),
                p.category.code().into(),
                p.level.code().into(),
                p.line.into(),
                p.admin_title.as_str().into(),
                p.from.iso().into(),
                p.to.map(|d| d.iso()).into(),
                p.approval.into(),
            ],
        )
        .await?;
        bar.inc(1);
    }
    l.flush(&mut tx).await?;

    let mut people = Loader::new(tables::PEOPLE);
    let mut names = Loader::new(tables::PERSON_NAMES);
    let mut audit = Loader::new(tables::AUDIT);
    for p in &ds.people {
        let created = instant(p.created, today);
        let female = p.gender == bmahr_core::person::Gender::Female;
        let first_en = name_strings(&p.names[0], female).2.to_lowercase();
        people
            .push(
                &mut tx,
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
                    created.as_str().into(),
                ],
            )
            .await?;
        for n in &p.names {
            let (fth, lth, fen, len) = name_strings(n, female);
            names
                .push(
                    &mut tx,
                    vec![
                        p.id.into(),
                        n.from.iso().into(),
                        n.title.code().into(),
                        fth.into(),
                        lth.into(),
                        fen.into(),
                        len.into(),
                        instant(n.from.max(p.created), today).into(),
                    ],
                )
                .await?;
        }
        audit
            .push(
                &mut tx,
                vec![
                    created.as_str().into(),
                    "demo".into(),
                    "person.create".into(),
                    "ข้อมูลสาธิต / demo data".into(),
                    p.id.into(),
                    Val::NullInt,
                    Val::NullText,
                    "".into(),
                ],
            )
            .await?;
        bar.inc(2);
    }
    people.flush(&mut tx).await?;
    names.flush(&mut tx).await?;

    let mut orders = Loader::new(tables::ORDERS);
    for o in &ds.orders {
        let recorded = instant(o.signed_on.add_days(1), today);
        orders
            .push(
                &mut tx,
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
                    recorded.as_str().into(),
                ],
            )
            .await?;
        audit
            .push(
                &mut tx,
                vec![
                    recorded.as_str().into(),
                    "demo".into(),
                    "order.apply".into(),
                    o.reason.into(),
                    Val::NullInt,
                    o.id.into(),
                    Val::NullText,
                    format!("order {}", o.number).into(),
                ],
            )
            .await?;
        bar.inc(2);
    }
    orders.flush(&mut tx).await?;
    audit.flush(&mut tx).await?;

    let mut actions = Loader::new(tables::ACTIONS);
    for a in &ds.actions {
        actions
            .push(
                &mut tx,
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
                ],
            )
            .await?;
        bar.inc(1);
    }
    actions.flush(&mut tx).await?;

    let mut h = Loader::new(tables::HOLIDAYS);
    let mut seen = std::collections::HashSet::new();
    for (d, th, en) in &ds.holidays {
        if seen.insert(*d) {
            h.push(
                &mut tx,
                vec![d.iso().into(), th.as_str().into(), en.as_str().into()],
            )
            .await?;
        }
    }
    h.flush(&mut tx).await?;
    store.reset_sequences(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
