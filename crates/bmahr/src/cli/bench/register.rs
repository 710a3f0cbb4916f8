//! A whole district's register on a past date.

use std::time::Instant;

use bmahr_core::ThaiDate;
use bmahr_store::{Store, UnitRow};

use super::reference::{ms_since, Yardstick};
use super::{http, Figures, Target};
use crate::cli::store_err;

/// The largest district's register five years before `on`, timed `iterations` times.
pub(super) async fn district_on_past_date(
    figs: &mut Figures,
    store: &Store,
    on: ThaiDate,
    districts: &[(UnitRow, usize)],
    iterations: usize,
    yardstick: Yardstick,
) -> Result<(), String> {
    let (district, _) = districts
        .first()
        .ok_or("ไม่มีสำนักงานเขต / no district in the database")?;
    let past = on.add_years(-5);
    let mut count = 0;
    let mut samples = Vec::new();
    for _ in 0..iterations {
        let t = Instant::now();
        count = store
            .unit_register_on(district.id, past)
            .await
            .map_err(store_err)?
            .len();
        samples.push(ms_since(t));
    }
    let ms = http::median(&samples);
    figs.add(
        "register_district_ms",
        "ทะเบียนทั้งเขต ณ วันที่ในอดีต",
        "a whole district's register on a past date",
        ms,
        "ms",
        Some(Target::Max(100.0)),
        yardstick.ratio(ms),
        format!("{} on {}, {count} people", district.code, past.iso()),
    );
    Ok(())
}
