//! An XLSX import of people into an empty scratch database.

use std::path::Path;
use std::time::Instant;

use bmahr_core::ThaiDate;
use bmahr_store::Store;

use super::{BenchArgs, Figures, Target};
use crate::cli::{store_err, CliResult, Common};
use crate::files::{self, Kind};

/// Exports up to `--people` people of `store` to an XLSX file and imports it, timed, into a
/// scratch database next to the one at `url`; its ratio is against the demo's simulation.
#[allow(clippy::too_many_arguments)]
pub(super) async fn people_xlsx(
    figs: &mut Figures,
    c: &Common,
    a: &BenchArgs,
    store: &Store,
    url: &str,
    on: ThaiDate,
    temp_dir: Option<&Path>,
    simulated: Option<f64>,
) -> CliResult {
    let dir = match temp_dir {
        Some(d) => d.to_path_buf(),
        None => std::env::temp_dir(),
    };
    let xlsx = dir.join(format!("bmahr-bench-people-{}.xlsx", std::process::id()));
    eprintln!("bench: exporting {} people to {}", a.people, xlsx.display());
    let rows = files::export_first(store, Kind::People, &xlsx, a.people).await?;
    let scratch = bmahr_store::bench::create_scratch(url, "import")
        .await
        .map_err(store_err)?;
    let target = Store::open(&scratch).await.map_err(store_err)?;
    eprintln!("bench: importing {rows} rows into {scratch}");
    let t = Instant::now();
    let report = files::import(
        &target,
        Kind::People,
        &xlsx,
        on,
        &c.meta("bmahr bench: import / ทดสอบนำเข้า"),
        false,
        &indicatif::ProgressBar::hidden(),
    )
    .await;
    let s = t.elapsed().as_secs_f64();
    target.close().await;
    let _ = std::fs::remove_file(&xlsx);
    let _ = bmahr_store::bench::drop_scratch(url, "import").await;
    let report = report?;
    if !report.errors.is_empty() || report.written != rows {
        figs.problems.push(format!(
            "import: {} of {rows} rows written, {} errors",
            report.written,
            report.errors.len()
        ));
    }
    figs.add(
        "import_xlsx_s",
        "นำเข้าบุคคลจาก XLSX",
        "import people from XLSX",
        s,
        "s",
        Some(Target::Max(30.0 * rows as f64 / 87_000.0)),
        simulated.filter(|x| *x > 0.0).map(|x| s / x),
        format!("{rows} rows into an empty database"),
    );
    Ok(())
}
