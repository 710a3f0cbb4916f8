//! `bmahr demo`: build the synthetic BMA into an empty database.

use std::time::{Duration, Instant};

use bmahr_core::ThaiDate;
use bmahr_store::Store;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::{open, parse_date, store_err, today, CliResult, Common};
use crate::demo::{load, Generator};

#[derive(Args, Clone)]
pub struct DemoArgs {
    /// People in service today (split as the BMA's workforce: teachers, ordinary civil
    /// servants, permanent and temporary employees)
    #[arg(long, default_value_t = 87_000)]
    pub people: usize,
    /// Random seed: the same seed and --today give the same database
    #[arg(long, default_value_t = 2567)]
    pub seed: u64,
    /// The day the history runs up to (default: today)
    #[arg(long)]
    pub today: Option<String>,
}

fn bar(len: u64, msg: &'static str) -> ProgressBar {
    let b = ProgressBar::new(len);
    b.set_style(
        ProgressStyle::with_template("{msg:28} [{bar:40}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    b.set_message(msg);
    b
}

/// What building the demo made and how long it took.
pub struct DemoBuilt {
    pub today: ThaiDate,
    pub units: usize,
    pub positions: usize,
    pub people: usize,
    pub orders: usize,
    pub actions: usize,
    pub holidays: usize,
    /// Case files of discipline, appeals, grievances and petitions.
    pub cases: usize,
    /// The 20 years simulated in memory, before anything is written.
    pub simulated: Duration,
    /// Simulation and load together.
    pub total: Duration,
}

/// Generates and loads the demo, printing nothing but the progress bars (on stderr).
pub async fn generate_and_load(store: &Store, a: &DemoArgs) -> Result<DemoBuilt, String> {
    let on = match &a.today {
        Some(s) => parse_date(s)?,
        None => today(),
    };
    let started = Instant::now();
    let sim = bar(1, "จำลองประวัติ / simulating");
    let ds = Generator::new(a.people, a.seed, on).run(|done, total| {
        sim.set_length(total);
        sim.set_position(done);
    });
    sim.finish();
    let simulated = started.elapsed();
    let pb = bar(1, "บันทึก / loading");
    load(store, &ds, on, &pb).await.map_err(store_err)?;
    pb.finish();
    let cases = crate::demo::seed_cases(store, on)
        .await
        .map_err(store_err)?;
    Ok(DemoBuilt {
        cases,
        today: on,
        units: ds.units.len(),
        positions: ds.positions.len(),
        people: ds.people.len(),
        orders: ds.orders.len(),
        actions: ds.actions.len(),
        holidays: ds.holidays.len(),
        simulated,
        total: started.elapsed(),
    })
}

/// Generates and loads the demo with its accounts, and prints them; used by `demo` and by
/// `serve --demo`.
pub async fn build(store: &Store, a: &DemoArgs) -> Result<ThaiDate, String> {
    let b = generate_and_load(store, a).await?;
    let accounts = crate::demo::seed_accounts(store, b.today).await?;
    out!(
        "สร้างข้อมูลสาธิตแล้ว / demo built: {} units, {} position rows, {} people, {} orders, {} actions, {} holidays, {} cases \
         (simulated in {:.1}s, total {:.1}s)",
        b.units,
        b.positions,
        b.people,
        b.orders,
        b.actions,
        b.holidays,
        b.cases,
        b.simulated.as_secs_f64(),
        b.total.as_secs_f64()
    );
    out!("{}", crate::demo::accounts_table(&accounts).trim_end());
    Ok(b.today)
}

pub async fn run(c: &Common, a: DemoArgs) -> CliResult {
    let store = open(c).await?;
    let on = build(&store, &a).await?;
    let printed = super::report::print_summary(&store, on).await;
    store.close().await;
    printed
}
