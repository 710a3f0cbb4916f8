//! `bmahr bench`: the figures of issue 7 on this machine, against the demo.
//!
//! Builds the demo into the database (timed), starts `bmahr serve` as a child process on
//! 127.0.0.1 and loads it from this process over keep-alive connections, then times the
//! store's use-cases in-process (signing orders, a district's register on a past date, the
//! retirement forecast) and an XLSX import into a scratch database. Prints a table (stdout),
//! progress (stderr); `--json` writes the figures, `--check` compares them with a baseline.
//!
//! Machines differ, so `--check` compares *ratios* measured in the same run: HTTP figures
//! against `/healthz` (req/s: healthz req/s ÷ route req/s; latencies: ÷ healthz p50), store
//! timings against one `SELECT 1` round trip through the pool, the demo build and the import
//! against the demo's in-memory simulation; sizes and memory are compared as they are.
//! `/healthz` itself is measured and shown but not compared.
//! Every ratio grows as the figure gets worse; a ratio more than 3× its baseline fails.
//!
//! This module holds the subcommand (its flags, the order of the groups) and the report (the
//! table and the JSON); each group of figures is measured in its own module.

mod check;
mod demo_build;
mod documents;
mod forecast;
mod http;
mod import;
mod lists;
mod load;
mod machine;
mod pickers;
mod reference;
mod register;
mod server;
mod signing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bmahr_store::{Backend, Store};
use clap::Args;
use serde_json::{json, Value};

use super::{store_err, today, CliResult, Common};
use machine::machine;
use reference::Yardstick;
use signing::Numbers;

/// The groups `--only` picks from.
const GROUPS: [&str; 14] = [
    "demo",
    "healthz",
    "profile",
    "search",
    "lists",
    "pickers",
    "rss",
    "sign100",
    "signers10",
    "register",
    "forecast",
    "import",
    "documents",
    "reference",
];

#[derive(Args, Clone)]
pub struct BenchArgs {
    /// People in service in the demo (when the database is empty and gets built)
    #[arg(long, default_value_t = 87_000)]
    pub people: usize,
    /// Seconds of each load run
    #[arg(long, default_value_t = 5)]
    pub seconds: u64,
    /// Runs of each load (and of the concurrent signers; at least 5 timings of the other
    /// store figures); medians
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Write the figures as JSON here
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Fail (exit code 2) when a figure's ratio is more than 3× the ratio in this baseline
    #[arg(long)]
    pub check: Option<PathBuf>,
    /// Only these groups (comma-separated): demo, healthz, profile, search, lists, rss, sign100,
    /// signers10, register, forecast, import, documents
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Seed of the demo
    #[arg(long, default_value_t = 2567)]
    pub seed: u64,
    /// Keep the temporary SQLite database (when no --db was given)
    #[arg(long)]
    pub keep: bool,
}

/// What a figure should be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Max(f64),
    Min(f64),
}

impl Target {
    fn met(self, v: f64) -> bool {
        match self {
            Target::Max(t) => v <= t,
            Target::Min(t) => v >= t,
        }
    }

    fn show(self, unit: &str) -> String {
        match self {
            Target::Max(t) => format!("≤ {} {unit}", num(t)),
            Target::Min(t) => format!("≥ {} {unit}", num(t)),
        }
    }
}

/// One measured figure.
#[derive(Debug, Clone)]
pub struct Figure {
    pub key: &'static str,
    pub th: &'static str,
    pub en: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub target: Option<Target>,
    /// Comparable across machines; larger is worse (see the module's doc).
    pub ratio: Option<f64>,
    pub note: String,
}

fn num(v: f64) -> String {
    if v >= 100.0 || v == v.trunc() {
        let s = format!("{:.0}", v);
        // Thousands separators for the large figures.
        let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// The figures measured so far, in the order of the table.
struct Figures {
    list: Vec<Figure>,
    /// Failures that make the run fail whatever the targets (errors, lost updates).
    problems: Vec<String>,
}

impl Figures {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        key: &'static str,
        th: &'static str,
        en: &'static str,
        value: f64,
        unit: &'static str,
        target: Option<Target>,
        ratio: Option<f64>,
        note: impl Into<String>,
    ) {
        let f = Figure {
            key,
            th,
            en,
            value,
            unit,
            target,
            ratio,
            note: note.into(),
        };
        eprintln!(
            "bench: {:<24} {:>12} {}{}",
            f.key,
            num(f.value),
            f.unit,
            if f.note.is_empty() {
                String::new()
            } else {
                format!("  ({})", f.note)
            }
        );
        self.list.push(f);
    }

    fn get(&self, key: &str) -> Option<f64> {
        self.list.iter().find(|f| f.key == key).map(|f| f.value)
    }
}

/// True when `--db` (or `BMAHR_DB`) was given; otherwise the bench uses a temporary file.
fn db_given() -> bool {
    std::env::var_os("BMAHR_DB").is_some()
        || std::env::args().any(|a| a == "--db" || a.starts_with("--db="))
}

pub async fn run(c: &Common, a: BenchArgs) -> CliResult {
    for g in &a.only {
        if !GROUPS.contains(&g.as_str()) {
            return Err(format!(
                "--only: ไม่รู้จัก \"{g}\" / unknown group \"{g}\" (one of {})",
                GROUPS.join(", ")
            ));
        }
    }
    let want = |g: &str| a.only.is_empty() || a.only.iter().any(|x| x == g);
    let baseline = match &a.check {
        None => None,
        Some(p) => Some(check::read_baseline(p)?),
    };

    // The database: the one given, or a fresh temporary file.
    let temp_dir = (!db_given())
        .then(|| std::env::temp_dir().join(format!("bmahr-bench-{}", std::process::id())));
    let url = match &temp_dir {
        Some(dir) => {
            let _ = std::fs::remove_dir_all(dir);
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            format!("sqlite://{}", dir.join("bench.sqlite").display())
        }
        None => c.db.clone(),
    };
    let result = bench(c, &a, &url, &want, baseline.as_ref(), temp_dir.as_deref()).await;
    if let Some(dir) = &temp_dir {
        if a.keep {
            eprintln!("bench: the database is kept at {url}");
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    result
}

/// Measures the groups wanted, in the order of the table, then reports.
async fn bench(
    c: &Common,
    a: &BenchArgs,
    url: &str,
    want: &dyn Fn(&str) -> bool,
    baseline: Option<&BTreeMap<String, f64>>,
    temp_dir: Option<&Path>,
) -> CliResult {
    let mut figs = Figures {
        list: Vec::new(),
        problems: Vec::new(),
    };
    eprintln!("bench: database {url}");
    let store = Store::open(url).await.map_err(store_err)?;
    let backend = store.backend();

    // The demo, timed, unless the database already holds data.
    let simulated = demo_build::build(&mut figs, &store, a, want).await?;
    let on = today();
    let in_service = store.in_service_on(on, None).await.map_err(store_err)?;
    let size = store.size_bytes().await.map_err(store_err)?;
    if want("demo") {
        demo_build::db_size(&mut figs, backend, size, in_service.len());
    }

    // The server in a child process, loaded from here.
    let http_groups = ["healthz", "profile", "search", "lists", "pickers", "rss"];
    if http_groups.iter().any(|g| want(g)) {
        load::http_figures(&mut figs, c, a, &store, url, &in_service, want).await?;
    }

    // The store in this process.
    let store_groups = ["sign100", "signers10", "register", "forecast", "documents"];
    let mut yardstick = Yardstick::default();
    if store_groups.iter().any(|g| want(g)) || want("reference") {
        yardstick = reference::select1(&mut figs, &store).await?;
    }
    let iterations = a.runs.max(5);
    let districts = if store_groups.iter().any(|g| want(g)) {
        signing::districts_by_size(&store, on).await?
    } else {
        Vec::new()
    };
    let mut numbers = Numbers::new(on);
    let meta = c.meta("bmahr bench / ทดสอบประสิทธิภาพ");
    if want("sign100") {
        signing::sign100(
            &mut figs,
            &store,
            on,
            &districts,
            &mut numbers,
            &meta,
            iterations,
            yardstick,
        )
        .await?;
    }
    if want("signers10") {
        signing::signers10(
            &mut figs,
            &store,
            on,
            &districts,
            &mut numbers,
            &meta,
            a.runs,
            yardstick,
        )
        .await?;
    }
    if want("register") {
        register::district_on_past_date(&mut figs, &store, on, &districts, iterations, yardstick)
            .await?;
    }
    if want("forecast") {
        forecast::five_years(&mut figs, &store, on, iterations, yardstick).await?;
    }
    if want("documents") {
        documents::documents(
            &mut figs,
            &store,
            on,
            &districts,
            &mut numbers,
            &meta,
            iterations,
            yardstick,
        )
        .await?;
    }
    if want("import") {
        import::people_xlsx(&mut figs, c, a, &store, url, on, temp_dir, simulated).await?;
    }
    store.close().await;

    report(&figs, backend, a, in_service.len(), baseline)
}

/// Prints the table, writes the JSON (`--json`) and compares with the baseline (`--check`).
fn report(
    figs: &Figures,
    backend: Backend,
    a: &BenchArgs,
    people: usize,
    baseline: Option<&BTreeMap<String, f64>>,
) -> CliResult {
    print_table(figs, backend, a, people);
    let doc = json!({
        "machine": machine(backend, a, people),
        "figures": figs.list.iter().map(|f| {
            (f.key.to_string(), json!({
                "value": f.value,
                "unit": f.unit,
                "target": f.target.map(|t| match t {
                    Target::Max(v) => json!({"max": v}),
                    Target::Min(v) => json!({"min": v}),
                }),
                "pass": f.target.map(|t| t.met(f.value)),
                "ratio": f.ratio,
                "note": f.note,
            }))
        }).collect::<serde_json::Map<String, Value>>(),
    });
    if let Some(p) = &a.json {
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
        std::fs::write(p, text + "\n").map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("bench: figures written to {}", p.display());
    }
    let mut failed = figs.problems.clone();
    if let Some(base) = baseline {
        check::against_baseline(base, &doc, &mut failed);
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "การทดสอบประสิทธิภาพไม่ผ่าน / bench failed:\n  {}",
            failed.join("\n  ")
        ))
    }
}

fn print_table(figs: &Figures, backend: Backend, a: &BenchArgs, people: usize) {
    let m = machine(backend, a, people);
    let s = |k: &str| {
        m.get(k)
            .map(|v| v.to_string().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    out!("bmahr bench {}", s("bmahr"));
    out!(
        "เครื่อง / machine: {} ({} cores, {} GiB RAM), {}",
        s("cpu"),
        s("cores"),
        s("ram_gib"),
        s("os")
    );
    out!(
        "ฐานข้อมูล / backend: {}; ผู้ปฏิบัติงาน / people in service: {people}; {} run(s) × {} s per load",
        s("backend"),
        a.runs,
        a.seconds
    );
    out!("");
    out!("| ตัวชี้วัด / figure | ค่า / value | เป้าหมาย / target | ผล / result |");
    out!("|---|---:|---|---|");
    for f in &figs.list {
        let result = match f.target {
            None => "—".to_string(),
            Some(t) if t.met(f.value) => "ผ่าน / pass".to_string(),
            Some(_) => "ไม่ถึง / **miss**".to_string(),
        };
        out!(
            "| {} / {} | {} {} | {} | {} |",
            f.th,
            f.en,
            num(f.value),
            f.unit,
            f.target
                .map(|t| t.show(f.unit))
                .unwrap_or_else(|| "—".into()),
            result
        );
    }
}

#[cfg(test)]
mod tests {
    use super::load::percent;
    use super::*;

    #[test]
    fn targets_and_numbers_print() {
        assert!(Target::Max(50.0).met(50.0));
        assert!(!Target::Max(50.0).met(50.1));
        assert!(Target::Min(5000.0).met(5000.0));
        assert!(!Target::Min(5000.0).met(4999.0));
        assert_eq!(num(14282.4), "14,282");
        assert_eq!(num(1.23456), "1.23");
        assert_eq!(num(42.25), "42.2");
        assert_eq!(percent("สม"), "%E0%B8%AA%E0%B8%A1");
    }
}
