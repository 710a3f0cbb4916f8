//! The demo's build (simulate in memory, then load) and the database's size.

use bmahr_store::{Backend, Store};

use super::{BenchArgs, Figures, Target};
use crate::cli::demo::{generate_and_load, DemoArgs};
use crate::cli::store_err;

/// Builds the demo into an empty database, timed; returns the seconds of its in-memory
/// simulation (the yardstick of the build and of the import), or `None` when the database
/// already holds data and is not rebuilt.
pub(super) async fn build(
    figs: &mut Figures,
    store: &Store,
    a: &BenchArgs,
    want: &dyn Fn(&str) -> bool,
) -> Result<Option<f64>, String> {
    if !store.is_empty().await.map_err(store_err)? {
        eprintln!("bench: the database holds data: the demo is not rebuilt (no demo figure)");
        return Ok(None);
    }
    eprintln!("bench: building the demo of {} people", a.people);
    let built = generate_and_load(
        store,
        &DemoArgs {
            people: a.people,
            seed: a.seed,
            today: None,
        },
    )
    .await?;
    let sim = built.simulated.as_secs_f64();
    if want("demo") {
        let total = built.total.as_secs_f64();
        let limit = match store.backend() {
            Backend::Sqlite => 60.0,
            Backend::Postgres => 120.0,
        };
        figs.add(
            "demo_simulate_s",
            "จำลองประวัติในหน่วยความจำ (อ้างอิง)",
            "demo: simulate in memory (reference)",
            sim,
            "s",
            None,
            Some(1.0),
            format!(
                "{} people, {} orders, {} actions",
                built.people, built.orders, built.actions
            ),
        );
        figs.add(
            "demo_build_s",
            "สร้างข้อมูลสาธิต",
            "demo build (simulate + load)",
            total,
            "s",
            Some(Target::Max(limit)),
            (sim > 0.0).then(|| total / sim),
            "",
        );
    }
    Ok(Some(sim))
}

/// The database's size in bytes (`size`), per 1,000 people in service as its ratio.
pub(super) fn db_size(figs: &mut Figures, backend: Backend, size: i64, serving: usize) {
    let mb = size as f64 / 1e6;
    figs.add(
        "db_size_mb",
        "ขนาดฐานข้อมูล",
        "database size",
        mb,
        "MB",
        None,
        (serving != 0).then(|| mb * 1000.0 / serving as f64),
        match backend {
            Backend::Sqlite => "SQLite file after checkpoint",
            Backend::Postgres => "pg_database_size",
        },
    );
}
