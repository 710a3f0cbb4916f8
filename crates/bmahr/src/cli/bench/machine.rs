//! What the figures were measured on, and a process's memory, read from `/proc`.

use bmahr_store::Backend;
use serde_json::{json, Value};

use super::BenchArgs;
use crate::cli::today;

fn read_proc(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn proc_field(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
}

/// Resident memory of a process, MB (VmRSS).
pub(super) fn rss_mb(pid: u32) -> Option<f64> {
    let kb: f64 = proc_field(&read_proc(&format!("/proc/{pid}/status")), "VmRSS")?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// The machine, the backend and the run's settings: the `machine` of the JSON report.
pub(super) fn machine(backend: Backend, a: &BenchArgs, people_in_db: usize) -> Value {
    let cpu = proc_field(&read_proc("/proc/cpuinfo"), "model name").unwrap_or_default();
    let ram_kb: f64 = proc_field(&read_proc("/proc/meminfo"), "MemTotal")
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "ram_gib": (ram_kb / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        "os": format!("{} {}", std::env::consts::OS, read_proc("/proc/sys/kernel/osrelease").trim()),
        "backend": match backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgresql" },
        "people": people_in_db,
        "seconds": a.seconds,
        "runs": a.runs,
        "bmahr": env!("CARGO_PKG_VERSION"),
        "date": today().iso(),
    })
}
