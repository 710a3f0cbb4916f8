//! The store's yardstick: one `SELECT 1` round trip through the pool, which the store's
//! timings are divided by.

use std::time::Instant;

use bmahr_store::Store;

use super::{http, Figures};
use crate::cli::store_err;

/// One `SELECT 1` round trip, ms, when it was measured.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Yardstick {
    select1_ms: Option<f64>,
}

impl Yardstick {
    /// A store timing's ratio: `ms` in round trips (none without a positive yardstick).
    pub(super) fn ratio(self, ms: f64) -> Option<f64> {
        self.select1_ms.filter(|r| *r > 0.0).map(|r| ms / r)
    }
}

pub(super) fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// One SELECT 1 round trip, ms: the median of 5 batches of 200.
pub(super) async fn select1(figs: &mut Figures, store: &Store) -> Result<Yardstick, String> {
    let mut batches = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..200 {
            store.ping().await.map_err(store_err)?;
        }
        batches.push(ms_since(t));
    }
    let one = http::median(&batches) / 200.0;
    figs.add(
        "select1_us",
        "SELECT 1 ไป-กลับ (อ้างอิง)",
        "SELECT 1 round trip (reference)",
        one * 1000.0,
        "µs",
        None,
        None,
        "",
    );
    Ok(Yardstick {
        select1_ms: Some(one),
    })
}
