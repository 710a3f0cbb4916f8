//! The retirement forecast of the whole BMA.

use std::time::Instant;

use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_store::{ForecastBy, Store};

use super::reference::{ms_since, Yardstick};
use super::{http, Figures, Target};
use crate::cli::store_err;

/// Five fiscal years from `on`'s, by agency, timed `iterations` times.
pub(super) async fn five_years(
    figs: &mut Figures,
    store: &Store,
    on: ThaiDate,
    iterations: usize,
    yardstick: Yardstick,
) -> Result<(), String> {
    let first = FiscalYear::of(on);
    let mut groups = 0;
    let mut samples = Vec::new();
    for _ in 0..iterations {
        let t = Instant::now();
        let rows = store
            .retirement_forecast(on, first, 5, None)
            .await
            .map_err(store_err)?;
        groups = bmahr_store::Forecast::of(&rows, ForecastBy::Agency, first, 5)
            .lines
            .len();
        samples.push(ms_since(t));
    }
    let ms = http::median(&samples);
    figs.add(
        "forecast_5y_ms",
        "ประมาณการเกษียณทั้ง กทม. 5 ปี",
        "retirement forecast, whole BMA, 5 years",
        ms,
        "ms",
        Some(Target::Max(200.0)),
        yardstick.ratio(ms),
        format!("by agency, {groups} lines"),
    );
    Ok(())
}
