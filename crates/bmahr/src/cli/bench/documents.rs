//! Printed documents (issue 22): an order of 1,000 actions as PDF, a ทะเบียนประวัติ, the
//! annual report of the whole BMA and of a district, and an XLSX of everyone in service.
//! Each goes through the use-case the page calls (read, fold, typeset), as the operator.

use std::time::Instant;

use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_docs::{Cell, Sheet};
use bmahr_server::auth::Actor;
use bmahr_server::usecases::{documents, reports};
use bmahr_server::AppState;
use bmahr_store::{Store, UnitRow, WriteMeta};

use super::reference::{ms_since, Yardstick};
use super::signing::{salary_order, signable_people, step, Numbers, Signable};
use super::{http, Figures, Target};
use crate::cli::{api_err, store_err};

fn median_of(samples: &[f64]) -> f64 {
    http::median(samples)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn documents(
    figs: &mut Figures,
    store: &Store,
    on: ThaiDate,
    districts: &[(UnitRow, usize)],
    numbers: &mut Numbers,
    meta: &WriteMeta,
    iterations: usize,
    yardstick: Yardstick,
) -> Result<(), String> {
    let state = AppState::new(store.clone());
    let operator = Actor::operator("bench");
    let (district, _) = districts
        .first()
        .ok_or("ไม่มีสำนักงานเขต / no district in the database")?;

    // An order of (up to) 1,000 salary steps in the largest district, signed once.
    let subtree = store.unit_subtree(district.id).await.map_err(store_err)?;
    let people: Vec<Signable> = signable_people(store, on, &subtree, 1_000)
        .await?
        .into_iter()
        .map(|(id, nid, salary)| (id, nid, None, salary))
        .collect();
    let draft = salary_order(numbers.take(), district, on, &people, 1_000, step(0));
    let size = draft.actions.len();
    store.apply_order(&draft, meta).await.map_err(store_err)?;
    let order = store
        .order_by_number(&district.code, &draft.number)
        .await
        .map_err(store_err)?;
    let mut samples = Vec::new();
    let mut bytes = 0;
    for _ in 0..iterations {
        let t = Instant::now();
        let d = documents::order_pdf(&state, &operator, order.id)
            .await
            .map_err(api_err)?;
        samples.push(ms_since(t));
        bytes = d.bytes.len();
    }
    let ms = median_of(&samples);
    figs.add(
        "order_pdf_1000_ms",
        "พิมพ์คำสั่ง 1,000 รายการ (PDF)",
        "an order of 1,000 actions as PDF",
        ms,
        "ms",
        Some(Target::Max(1_000.0)),
        yardstick.ratio(ms),
        format!(
            "{size} actions, {} kB, median of {iterations}",
            bytes / 1024
        ),
    );

    // A ก.พ.7 of the person with the longest history among those signed above.
    let person = people.first().map(|p| p.0).ok_or("nobody in the order")?;
    let mut samples = Vec::new();
    for _ in 0..iterations {
        let t = Instant::now();
        documents::record_pdf(&state, &operator, person, on)
            .await
            .map_err(api_err)?;
        samples.push(ms_since(t));
    }
    let ms = median_of(&samples);
    figs.add(
        "record_pdf_ms",
        "ทะเบียนประวัติ ก.พ.7 (PDF)",
        "a personal record (ก.พ.7) as PDF",
        ms,
        "ms",
        Some(Target::Max(100.0)),
        yardstick.ratio(ms),
        format!("median of {iterations}"),
    );

    // The annual report of the last fiscal year that ended: the whole BMA and the district.
    let fy = FiscalYear::be(FiscalYear::of(on).year_be() - 1);
    for (key, th, en, unit, target) in [
        (
            "annual_bma_pdf_ms",
            "รายงานประจำปีทั้ง กทม. (PDF)",
            "annual report, whole BMA, PDF",
            None,
            3_000.0,
        ),
        (
            "annual_district_pdf_ms",
            "รายงานประจำปีของสำนักงานเขต (PDF)",
            "annual report of a district, PDF",
            Some(district.code.as_str()),
            500.0,
        ),
    ] {
        let mut samples = Vec::new();
        let mut tables = 0;
        for _ in 0..iterations {
            let t = Instant::now();
            let r = reports::annual(&state, &operator, unit, fy, on)
                .await
                .map_err(api_err)?;
            r.to_pdf(&state).await.map_err(api_err)?;
            samples.push(ms_since(t));
            tables = r.sheets().len();
        }
        let ms = median_of(&samples);
        figs.add(
            key,
            th,
            en,
            ms,
            "ms",
            Some(Target::Max(target)),
            yardstick.ratio(ms),
            format!(
                "FY {}, {} , {tables} tables with charts, median of {iterations}",
                fy.year_be(),
                unit.unwrap_or("BMA")
            ),
        );
    }

    // Everyone in service as one workbook (the download of a whole-BMA list).
    let units = store.units_shared().await.map_err(store_err)?;
    let unit_name: std::collections::HashMap<i64, &str> =
        units.iter().map(|u| (u.id, u.name_th.as_str())).collect();
    let records = store.records_on(on, None).await.map_err(store_err)?;
    let ids: Vec<i64> = records.iter().map(|r| r.0).collect();
    let names = store.people_by_ids(&ids).await.map_err(store_err)?;
    let mut samples = Vec::new();
    for _ in 0..iterations.min(3) {
        let t = Instant::now();
        let mut sheet = Sheet::new(
            "บุคลากรที่ปฏิบัติงาน",
            &[
                "ชื่อ - สกุล",
                "ตำแหน่ง",
                "ระดับ",
                "เลขที่",
                "หน่วยงาน",
                "ประเภท",
                "เงินเดือน",
            ],
        );
        for (id, r) in &records {
            let p = r.placement.as_ref();
            sheet.rows.push(vec![
                Cell::from(names.get(id).map(|p| p.name.full_th()).unwrap_or_default()),
                Cell::from(p.map(|p| p.line_of_work.clone()).unwrap_or_default()),
                Cell::from(p.map(|p| p.level.th()).unwrap_or_default()),
                Cell::from(p.map(|p| p.position_no.clone()).unwrap_or_default()),
                Cell::from(
                    p.and_then(|p| unit_name.get(&p.unit_id).copied())
                        .unwrap_or_default(),
                ),
                Cell::from(p.map(|p| p.category.th()).unwrap_or_default()),
                Cell::Number(r.salary.map(|s| s.satang() as f64 / 100.0).unwrap_or(0.0)),
            ]);
        }
        let bytes = sheet.to_xlsx().map_err(|e| e.to_string())?;
        samples.push(ms_since(t));
        if bytes.is_empty() {
            return Err("empty workbook".into());
        }
    }
    let ms = median_of(&samples);
    figs.add(
        "xlsx_people_ms",
        "XLSX ของผู้ปฏิบัติงานทั้งหมด",
        "XLSX of everyone in service",
        ms,
        "ms",
        Some(Target::Max(10_000.0)),
        yardstick.ratio(ms),
        format!("{} people × 7 columns", records.len()),
    );
    Ok(())
}
