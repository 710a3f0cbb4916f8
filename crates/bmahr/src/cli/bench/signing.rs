//! Signing orders: one order of 100 salary steps, and ten districts' heads signing at once
//! (with a check that no update was lost or doubled).

use std::collections::HashMap;
use std::time::Instant;

use bmahr_core::law::authority::{required_authority, Authority, AuthorityQuestion};
use bmahr_core::law::order_rules::KkApproval;
use bmahr_core::law::salary::salary_range;
use bmahr_core::org::UnitKind;
use bmahr_core::register::{ActionDraft, ActionKind, OrderDraft};
use bmahr_core::{NationalId, Satang, ThaiDate};
use bmahr_store::{Store, UnitRow, WriteMeta};

use super::reference::{ms_since, Yardstick};
use super::{http, Figures, Target};
use crate::cli::store_err;

/// An order of 100 salary steps in the largest district, signed `iterations` times (each
/// time to people further down the district's list).
#[allow(clippy::too_many_arguments)]
pub(super) async fn sign100(
    figs: &mut Figures,
    store: &Store,
    on: ThaiDate,
    districts: &[(UnitRow, usize)],
    numbers: &mut Numbers,
    meta: &WriteMeta,
    iterations: usize,
    yardstick: Yardstick,
) -> Result<(), String> {
    let (district, _) = districts
        .first()
        .ok_or("ไม่มีสำนักงานเขต / no district in the database")?;
    let subtree = store.unit_subtree(district.id).await.map_err(store_err)?;
    let people: Vec<Signable> = signable_people(store, on, &subtree, 100 * iterations)
        .await?
        .into_iter()
        .map(|(id, nid, salary)| (id, nid, None, salary))
        .collect();
    if people.is_empty() {
        return Err(format!("{}: nobody to give a salary step", district.code));
    }
    // Checked once first, so that a refusal is reported with every reason.
    let size = people.len().min(100);
    let probe = salary_order(numbers.take(), district, on, &people, size, 10);
    store.check_order(&probe, None).await.map_err(store_err)?;
    let mut samples = Vec::new();
    for i in 0..iterations {
        let start = (i * 100) % people.len();
        let mut rotated = people[start..].to_vec();
        rotated.extend_from_slice(&people[..start]);
        let draft = salary_order(numbers.take(), district, on, &rotated, size, step(i));
        let t = Instant::now();
        store.apply_order(&draft, meta).await.map_err(store_err)?;
        samples.push(ms_since(t));
    }
    eprintln!("bench: sign100 samples (ms): {samples:.1?}");
    let ms = http::median(&samples);
    figs.add(
        "sign100_ms",
        "ลงนามคำสั่งเลื่อนเงินเดือน 100 ราย",
        "sign an order of 100 salary steps",
        ms,
        "ms",
        Some(Target::Max(50.0)),
        yardstick.ratio(ms),
        format!(
            "{}, {size} actions on distinct people{}, median of {iterations}",
            district.code,
            if size < 100 {
                " (the district has no more)"
            } else {
                ""
            }
        ),
    );
    Ok(())
}

/// The ten largest districts' heads each sign an order of up to 100 salary steps at the same
/// time, `runs` times; every person's record must move on exactly once.
#[allow(clippy::too_many_arguments)]
pub(super) async fn signers10(
    figs: &mut Figures,
    store: &Store,
    on: ThaiDate,
    districts: &[(UnitRow, usize)],
    numbers: &mut Numbers,
    meta: &WriteMeta,
    runs: usize,
    yardstick: Yardstick,
) -> Result<(), String> {
    let chosen: Vec<&UnitRow> = districts.iter().take(10).map(|d| &d.0).collect();
    let mut walls = Vec::new();
    let mut failures = 0usize;
    let mut lost = 0usize;
    let mut actions = 0usize;
    for run in 0..runs.max(1) {
        let mut orders = Vec::new();
        for d in &chosen {
            let subtree = store.unit_subtree(d.id).await.map_err(store_err)?;
            let mut people = Vec::new();
            for (id, nid, salary) in signable_people(store, on, &subtree, 100).await? {
                let v = store.person_by_id(id).await.map_err(store_err)?.version;
                people.push((id, nid, Some(v), salary));
            }
            if people.is_empty() {
                continue;
            }
            let n = people.len();
            let draft = salary_order(numbers.take(), d, on, &people, n, step(run));
            orders.push((draft, people));
        }
        actions = orders.iter().map(|o| o.0.actions.len()).sum();
        let t = Instant::now();
        let mut tasks = Vec::new();
        for (draft, _) in &orders {
            let store = store.clone();
            let meta = meta.clone();
            let draft = draft.clone();
            tasks.push(tokio::spawn(async move {
                store.apply_order(&draft, &meta).await
            }));
        }
        for task in tasks {
            match task.await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    failures += 1;
                    eprintln!("bench: a concurrent signer failed: {}", store_err(e));
                }
                Err(e) => {
                    failures += 1;
                    eprintln!("bench: a concurrent signer failed: {e}");
                }
            }
        }
        walls.push(ms_since(t));
        // Every person's record moved on exactly once: nothing lost, nothing doubled.
        for (_, people) in &orders {
            for (id, _, before, _) in people {
                let after = store.person_by_id(*id).await.map_err(store_err)?.version;
                if Some(after) != before.map(|b| b + 1) {
                    lost += 1;
                }
            }
        }
    }
    let ms = http::median(&walls);
    figs.add(
        "signers10_ms",
        "ผู้ลงนามพร้อมกัน 10 ราย (เวลารวม)",
        "10 concurrent signers, wall time",
        ms,
        "ms",
        None,
        yardstick.ratio(ms),
        format!("{} orders, {actions} actions", chosen.len()),
    );
    let bad = (failures + lost) as f64;
    figs.add(
        "signers10_errors",
        "ผู้ลงนามพร้อมกัน: ผิดพลาด/สูญหาย",
        "10 concurrent signers: errors + lost updates",
        bad,
        "",
        Some(Target::Max(0.0)),
        None,
        format!("{failures} failed orders, {lost} records not moved on exactly once"),
    );
    if bad > 0.0 {
        figs.problems.push(format!(
            "10 concurrent signers: {failures} failed orders, {lost} lost or doubled updates"
        ));
    }
    Ok(())
}

/// A person a bench order gives a salary step: (person id, national ID, the record version
/// the order expects, if checked, the salary held on the bench's date).
pub(super) type Signable = (i64, NationalId, Option<i64>, Satang);

/// The raise (baht) of the `i`-th order to the same people: growing, so a later order never
/// lowers what an earlier one gave, and always within one round's ceiling at any level
/// (`bmahr_core::law::salary`).
pub(super) fn step(i: usize) -> i64 {
    10 * (i.min(90) as i64 + 1)
}

/// People a district's head may give a salary step (§52–54: no higher authority needed; the
/// order carries a ก.ก. approval for teachers), in service on `on` with room below their
/// scale's maximum for the bench's steps: (person id, national ID, salary held).
pub(super) async fn signable_people(
    store: &Store,
    on: ThaiDate,
    units: &[i64],
    want: usize,
) -> Result<Vec<(i64, NationalId, Satang)>, String> {
    let mut out = Vec::new();
    for (pid, r) in store.records_on(on, Some(units)).await.map_err(store_err)? {
        if out.len() >= want {
            break;
        }
        let (Some(pl), Some(salary)) = (r.placement.as_ref(), r.salary) else {
            continue;
        };
        let need = required_authority(&AuthorityQuestion {
            category: pl.category,
            level: pl.level,
            cross_agency: false,
        });
        if !Authority::AgencyHead.suffices_for(need.authority) {
            continue;
        }
        let room = salary_range(pl.category, pl.level, on).is_none_or(|s| {
            salary >= s.floor && salary.satang() + step(usize::MAX) * 100 <= s.max.satang()
        });
        if !room {
            continue;
        }
        let p = store.person_by_id(pid).await.map_err(store_err)?;
        out.push((p.id, p.national_id, salary));
    }
    Ok(out)
}

/// Districts with the people in service in each subtree on `on`, largest first.
pub(super) async fn districts_by_size(
    store: &Store,
    on: ThaiDate,
) -> Result<Vec<(UnitRow, usize)>, String> {
    let serving = store.in_service_on(on, None).await.map_err(store_err)?;
    let mut units: Vec<i64> = serving.iter().map(|s| s.unit_id).collect();
    units.sort_unstable();
    units.dedup();
    let agency = store.agencies_of(&units).await.map_err(store_err)?;
    let mut count: HashMap<i64, (UnitRow, usize)> = HashMap::new();
    for s in &serving {
        if let Some(a) = agency
            .get(&s.unit_id)
            .filter(|a| a.kind == UnitKind::District)
        {
            count.entry(a.id).or_insert((a.clone(), 0)).1 += 1;
        }
    }
    let mut v: Vec<(UnitRow, usize)> = count.into_values().collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.code.cmp(&y.0.code)));
    Ok(v)
}

/// An order of salary steps signed by the head of `district` on `on`, one action for each of
/// the first `size` people (fewer when there are fewer: an order names a person once), each
/// raised by `raise` baht over the salary they held.
pub(super) fn salary_order(
    number: String,
    district: &UnitRow,
    on: ThaiDate,
    people: &[Signable],
    size: usize,
    raise: i64,
) -> OrderDraft {
    let actions = people
        .iter()
        .take(size)
        .map(|(_, nid, version, held)| ActionDraft {
            kind: ActionKind::SalaryChange,
            person: nid.clone(),
            position_no: None,
            salary: Some(Satang::from_satang(held.satang() + raise * 100)),
            level: None,
            penalty: None,
            penalty_percent: None,
            penalty_months: None,
            separation: None,
            effective_date: None,
            expected_version: *version,
            eligibility: None,
            waiver: None,
            consent: None,
            selection: None,
            prior_service: Vec::new(),
            birth_date: None,
            kk_decision: None,
            evidence: None,
            case_id: None,
            removal_ground: None,
            note: String::new(),
        })
        .collect();
    OrderDraft {
        number,
        issuer_unit: district.code.clone(),
        signed_on: on,
        signed_by: "นายทดสอบ ประสิทธิภาพ".into(),
        authority: format!("ผู้อำนวยการ{}", district.name_th),
        effective_date: on,
        reason: "ทดสอบประสิทธิภาพ / benchmark".into(),
        corrects: None,
        signing_authority: None,
        kk_approval: Some(KkApproval {
            resolution: format!("มติ ก.ก. ครั้งที่ 1/{}", on.year_be()),
            decided_on: on.add_days(-30),
        }),
        actions,
    }
}

/// Order numbers no earlier bench run on this database used: `B<ms>-<pid>-<n>/<BE year>`.
pub(super) struct Numbers {
    stamp: String,
    year_be: i32,
    next: usize,
}

impl Numbers {
    pub(super) fn new(on: ThaiDate) -> Numbers {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        Numbers {
            stamp: format!(
                "B{:x}-{:x}",
                millis % 0x1_0000_0000,
                std::process::id() % 0x1_0000
            ),
            year_be: on.year_be(),
            next: 0,
        }
    }

    pub(super) fn take(&mut self) -> String {
        self.next += 1;
        format!("{}-{}/{}", self.stamp, self.next, self.year_be)
    }
}
