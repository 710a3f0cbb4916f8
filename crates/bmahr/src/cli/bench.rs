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

mod http;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bmahr_core::law::authority::{required_authority, Authority, AuthorityQuestion};
use bmahr_core::law::order_rules::KkApproval;
use bmahr_core::org::UnitKind;
use bmahr_core::register::{ActionDraft, ActionKind, OrderDraft};
use bmahr_core::{FiscalYear, NationalId, Satang, ThaiDate};
use bmahr_server::auth::password::{random_secret, secret_hash};
use bmahr_store::{Backend, ForecastBy, Store, UnitRow};
use clap::Args;
use serde_json::{json, Value};

use super::accounts::create_user;
use super::demo::{generate_and_load, DemoArgs};
use super::{store_err, today, CliResult, Common};
use crate::files::{self, Kind};

/// How much worse than the baseline ratio a figure may get before `--check` fails.
const CHECK_FACTOR: f64 = 3.0;

/// The groups `--only` picks from.
const GROUPS: [&str; 11] = [
    "demo",
    "healthz",
    "profile",
    "search",
    "rss",
    "sign100",
    "signers10",
    "register",
    "forecast",
    "import",
    "reference",
];

/// Thai name fragments of 2–3 characters for the search load (parts of the demo's names).
const FRAGMENTS: [&str; 4] = ["สม", "ชัย", "พร", "วิ"];

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
    /// Only these groups (comma-separated): demo, healthz, profile, search, rss, sign100,
    /// signers10, register, forecast, import
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

/// The figures whose ratio is more than `factor` times the baseline's: (key, now, baseline).
/// Figures missing from either side, or with no positive baseline ratio, are not compared.
pub fn regressions(
    baseline: &BTreeMap<String, f64>,
    now: &BTreeMap<String, f64>,
    factor: f64,
) -> Vec<(String, f64, f64)> {
    now.iter()
        .filter_map(|(k, r)| {
            let b = *baseline.get(k)?;
            (b > 0.0 && r.is_finite() && *r > b * factor).then(|| (k.clone(), *r, b))
        })
        .collect()
}

/// The ratio of each figure in a `--json` file.
fn ratios_of(v: &Value) -> BTreeMap<String, f64> {
    v.get("figures")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, f)| Some((k.clone(), f.get("ratio")?.as_f64()?)))
                .collect()
        })
        .unwrap_or_default()
}

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
fn rss_mb(pid: u32) -> Option<f64> {
    let kb: f64 = proc_field(&read_proc(&format!("/proc/{pid}/status")), "VmRSS")?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn machine(backend: Backend, a: &BenchArgs, people_in_db: usize) -> Value {
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

/// True when `--db` (or `BMAHR_DB`) was given; otherwise the bench uses a temporary file.
fn db_given() -> bool {
    std::env::var_os("BMAHR_DB").is_some()
        || std::env::args().any(|a| a == "--db" || a.starts_with("--db="))
}

/// The server under test, a child process; stopped (SIGINT, then kill) when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(db: &str) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["--db", db, "serve", "--addr", "127.0.0.1:0"])
            .env_remove("BMAHR_ADDR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let stdout = child.stdout.take().ok_or("server without stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(i) = line.find("http://") {
                        let a = line[i + 7..].split_whitespace().next().unwrap_or("");
                        break a.parse::<SocketAddr>().map_err(|e| format!("{a}: {e}"))?;
                    }
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("the server stopped before it listened".into());
                }
            }
        };
        // Keep reading what it prints, so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Ok(Server { child, addr })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// Loads one route `runs` times (after a short warm-up) and adds its figures.
#[allow(clippy::too_many_arguments)]
async fn load_route(
    figs: &mut Figures,
    server: &Server,
    token: &Arc<String>,
    a: &BenchArgs,
    name: &'static str,
    paths: Vec<String>,
    concurrency: usize,
    reference: Option<(f64, f64)>,
    labels: [(&'static str, &'static str, &'static str); 3],
    targets: [Option<Target>; 3],
) {
    let paths = Arc::new(paths);
    let warm = Duration::from_millis((a.seconds * 1000 / 3).clamp(300, 2000));
    eprintln!(
        "bench: load {name}: {concurrency} connections, warm-up then {} × {} s",
        a.runs, a.seconds
    );
    // Each run starts at a different place in the list, so a long list is not read again
    // from its start (what the warm-up read is then in memory).
    let stride = paths.len() / (a.runs.max(1) + 1);
    http::run(
        server.addr,
        paths.clone(),
        token.clone(),
        concurrency,
        warm,
        0,
    )
    .await;
    let mut runs = Vec::new();
    for r in 0..a.runs.max(1) {
        runs.push(
            http::run(
                server.addr,
                paths.clone(),
                token.clone(),
                concurrency,
                Duration::from_secs(a.seconds.max(1)),
                (r + 1) * stride,
            )
            .await,
        );
    }
    let errors: u64 = runs.iter().map(|r| r.errors).sum();
    let requests: u64 = runs.iter().map(|r| r.requests).sum();
    if errors > 0 {
        figs.problems.push(format!(
            "{name}: {errors} requests failed (non-2xx or broken connection) of {}",
            requests + errors
        ));
    }
    let rps = http::median(&runs.iter().map(|r| r.rps).collect::<Vec<_>>());
    let p50 = http::median(&runs.iter().map(|r| r.p50_ms).collect::<Vec<_>>());
    let p99 = http::median(&runs.iter().map(|r| r.p99_ms).collect::<Vec<_>>());
    // The reference (/healthz, loaded with no reference) carries no ratio: it is the
    // yardstick, and its own p99 against its p50 measures only the machine's jitter.
    let ratio = |x: f64, r: f64| (r > 0.0 && x > 0.0).then_some(x / r);
    let ratios = match reference {
        Some((ref_rps, ref_p50)) => [
            ratio(ref_rps, rps),
            ratio(p50, ref_p50),
            ratio(p99, ref_p50),
        ],
        None => [None; 3],
    };
    let note = format!("c={concurrency}, {requests} requests");
    let [(k1, th1, en1), (k2, th2, en2), (k3, th3, en3)] = labels;
    figs.add(
        k1,
        th1,
        en1,
        rps,
        "req/s",
        targets[0],
        ratios[0],
        note.clone(),
    );
    figs.add(k2, th2, en2, p50, "ms", targets[1], ratios[1], note.clone());
    figs.add(k3, th3, en3, p99, "ms", targets[2], ratios[2], note);
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// People a district's head may give a salary step (§52–54: no higher authority needed; the
/// order carries a ก.ก. approval for teachers), in service on `on`: (person id, national ID).
async fn signable_people(
    store: &Store,
    on: ThaiDate,
    units: &[i64],
    want: usize,
) -> Result<Vec<(i64, NationalId)>, String> {
    let mut out = Vec::new();
    for s in store
        .in_service_on(on, Some(units))
        .await
        .map_err(store_err)?
    {
        if out.len() >= want {
            break;
        }
        let need = required_authority(&AuthorityQuestion {
            category: s.category,
            level: s.level,
            cross_agency: false,
        });
        if !Authority::AgencyHead.suffices_for(need.authority) {
            continue;
        }
        let p = store.person_by_id(s.person_id).await.map_err(store_err)?;
        out.push((p.id, p.national_id));
    }
    Ok(out)
}

/// Districts with the people in service in each subtree on `on`, largest first.
async fn districts_by_size(store: &Store, on: ThaiDate) -> Result<Vec<(UnitRow, usize)>, String> {
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
/// the first `size` people (fewer when there are fewer: an order names a person once).
fn salary_order(
    number: String,
    district: &UnitRow,
    on: ThaiDate,
    people: &[(i64, NationalId, Option<i64>)],
    size: usize,
    salary: i64,
) -> OrderDraft {
    let actions = people
        .iter()
        .take(size)
        .map(|(_, nid, version)| ActionDraft {
            kind: ActionKind::SalaryChange,
            person: nid.clone(),
            position_no: None,
            salary: Some(Satang::from_baht(salary)),
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
struct Numbers {
    stamp: String,
    year_be: i32,
    next: usize,
}

impl Numbers {
    fn new(on: ThaiDate) -> Numbers {
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

    fn take(&mut self) -> String {
        self.next += 1;
        format!("{}-{}/{}", self.stamp, self.next, self.year_be)
    }
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
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let v: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            Some(ratios_of(&v))
        }
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
    let mut simulated = None;
    if store.is_empty().await.map_err(store_err)? {
        eprintln!("bench: building the demo of {} people", a.people);
        let built = generate_and_load(
            &store,
            &DemoArgs {
                people: a.people,
                seed: a.seed,
                today: None,
            },
        )
        .await?;
        let sim = built.simulated.as_secs_f64();
        simulated = Some(sim);
        if want("demo") {
            let total = built.total.as_secs_f64();
            let limit = match backend {
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
    } else {
        eprintln!("bench: the database holds data: the demo is not rebuilt (no demo figure)");
    }
    let on = today();
    let in_service = store.in_service_on(on, None).await.map_err(store_err)?;
    let size = store.size_bytes().await.map_err(store_err)?;
    if want("demo") {
        let mb = size as f64 / 1e6;
        figs.add(
            "db_size_mb",
            "ขนาดฐานข้อมูล",
            "database size",
            mb,
            "MB",
            None,
            (!in_service.is_empty()).then(|| mb * 1000.0 / in_service.len() as f64),
            match backend {
                Backend::Sqlite => "SQLite file after checkpoint",
                Backend::Postgres => "pg_database_size",
            },
        );
    }

    // The server in a child process, loaded from here.
    let http_groups = ["healthz", "profile", "search", "rss"];
    if http_groups.iter().any(|g| want(g)) {
        let password = random_secret("pw_")?;
        let username = format!("bench{}", std::process::id());
        let uid = create_user(&store, c, &username, "central_admin", None, None, &password).await?;
        let token = random_secret("bmahr_")?;
        store
            .create_token(
                uid,
                &secret_hash(&token),
                "bench",
                &c.meta("bmahr bench: API token / โทเคนสำหรับทดสอบประสิทธิภาพ"),
            )
            .await
            .map_err(store_err)?;
        let token = Arc::new(token);
        let mut ids: Vec<i64> = in_service.iter().map(|s| s.person_id).collect();
        ids.sort_unstable();
        let step = (ids.len() / 256).max(1);
        let ids: Vec<i64> = ids.into_iter().step_by(step).take(256).collect();
        if ids.is_empty() {
            return Err("ไม่มีผู้ปฏิบัติงานในฐานข้อมูล / nobody in service in the database".into());
        }
        eprintln!("bench: starting the server");
        let mut server = Server::start(url)?;
        load_route(
            &mut figs,
            &server,
            &token,
            a,
            "/healthz",
            vec!["/healthz".into()],
            16,
            None,
            [
                (
                    "healthz_rps",
                    "ตรวจสถานะ /healthz (อ้างอิง)",
                    "/healthz (reference)",
                ),
                ("healthz_p50_ms", "ตรวจสถานะ p50", "/healthz p50"),
                ("healthz_p99_ms", "ตรวจสถานะ p99", "/healthz p99"),
            ],
            [None, None, None],
        )
        .await;
        let reference = Some((
            figs.get("healthz_rps").unwrap_or(0.0),
            figs.get("healthz_p50_ms").unwrap_or(0.0),
        ));
        if want("profile") {
            load_route(
                &mut figs,
                &server,
                &token,
                a,
                "/api/v1/people/{id}",
                ids.iter().map(|i| format!("/api/v1/people/{i}")).collect(),
                16,
                reference,
                [
                    (
                        "profile_api_rps",
                        "ทะเบียนประวัติ (API)",
                        "person profile, API",
                    ),
                    (
                        "profile_api_p50_ms",
                        "ทะเบียนประวัติ (API) p50",
                        "person profile, API p50",
                    ),
                    (
                        "profile_api_p99_ms",
                        "ทะเบียนประวัติ (API) p99",
                        "person profile, API p99",
                    ),
                ],
                [Some(Target::Min(5000.0)), None, Some(Target::Max(10.0))],
            )
            .await;
            load_route(
                &mut figs,
                &server,
                &token,
                a,
                "/people/{id}",
                ids.iter().map(|i| format!("/people/{i}")).collect(),
                16,
                reference,
                [
                    (
                        "profile_html_rps",
                        "ทะเบียนประวัติ (หน้าเว็บ)",
                        "person profile, HTML",
                    ),
                    (
                        "profile_html_p50_ms",
                        "ทะเบียนประวัติ (หน้าเว็บ) p50",
                        "person profile, HTML p50",
                    ),
                    (
                        "profile_html_p99_ms",
                        "ทะเบียนประวัติ (หน้าเว็บ) p99",
                        "person profile, HTML p99",
                    ),
                ],
                [Some(Target::Min(5000.0)), None, Some(Target::Max(10.0))],
            )
            .await;
            // The figures above read 256 people over and over, so after the warm-up each is
            // kept in memory. Here every request is a different person of the whole register
            // (few repeat within a run): the cost of reading a record afresh.
            let mut everyone: Vec<i64> = in_service.iter().map(|s| s.person_id).collect();
            everyone.sort_unstable_by_key(|i| (i.wrapping_mul(2_654_435_761) % 1_000_003, *i));
            load_route(
                &mut figs,
                &server,
                &token,
                a,
                "/api/v1/people/{id} (every person)",
                everyone
                    .iter()
                    .map(|i| format!("/api/v1/people/{i}"))
                    .collect(),
                16,
                reference,
                [
                    (
                        "profile_cold_rps",
                        "ทะเบียนประวัติ (API) อ่านใหม่ทุกครั้ง",
                        "person profile, API, read afresh",
                    ),
                    (
                        "profile_cold_p50_ms",
                        "ทะเบียนประวัติ (API) อ่านใหม่ p50",
                        "person profile, API, read afresh p50",
                    ),
                    (
                        "profile_cold_p99_ms",
                        "ทะเบียนประวัติ (API) อ่านใหม่ p99",
                        "person profile, API, read afresh p99",
                    ),
                ],
                [None, None, None],
            )
            .await;
        }
        if want("search") {
            load_route(
                &mut figs,
                &server,
                &token,
                a,
                "/api/v1/people?q=…",
                FRAGMENTS
                    .iter()
                    .map(|f| format!("/api/v1/people?q={}", percent(f)))
                    .collect(),
                8,
                reference,
                [
                    (
                        "search_rps",
                        "ค้นหาชื่อ 2–3 อักษร หน้าแรก",
                        "name search, 2–3 Thai chars, first page",
                    ),
                    ("search_p50_ms", "ค้นหาชื่อ p50", "name search p50"),
                    ("search_p99_ms", "ค้นหาชื่อ p99", "name search p99"),
                ],
                [None, None, Some(Target::Max(20.0))],
            )
            .await;
        }
        if want("rss") {
            if let Some(mb) = rss_mb(server.pid()) {
                figs.add(
                    "server_rss_mb",
                    "หน่วยความจำเซิร์ฟเวอร์หลังโหลด",
                    "server memory (RSS) after the load",
                    mb,
                    "MB",
                    Some(Target::Max(300.0)),
                    Some(mb),
                    "VmRSS",
                );
            }
        }
        server.stop();
    }

    // The store in this process.
    let store_groups = ["sign100", "signers10", "register", "forecast"];
    let mut select1_ms = None;
    if store_groups.iter().any(|g| want(g)) || want("reference") {
        // One SELECT 1 round trip, ms: the median of 5 batches of 200.
        let mut batches = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..200 {
                store.ping().await.map_err(store_err)?;
            }
            batches.push(ms_since(t));
        }
        let one = http::median(&batches) / 200.0;
        select1_ms = Some(one);
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
    }
    let store_ratio = |ms: f64| select1_ms.filter(|r| *r > 0.0).map(|r| ms / r);
    let iterations = a.runs.max(5);
    let districts = if store_groups.iter().any(|g| want(g)) {
        districts_by_size(&store, on).await?
    } else {
        Vec::new()
    };
    let mut numbers = Numbers::new(on);
    let meta = c.meta("bmahr bench / ทดสอบประสิทธิภาพ");
    if want("sign100") {
        let (district, _) = districts
            .first()
            .ok_or("ไม่มีสำนักงานเขต / no district in the database")?;
        let subtree = store.unit_subtree(district.id).await.map_err(store_err)?;
        let people: Vec<(i64, NationalId, Option<i64>)> =
            signable_people(&store, on, &subtree, 100 * iterations)
                .await?
                .into_iter()
                .map(|(id, nid)| (id, nid, None))
                .collect();
        if people.is_empty() {
            return Err(format!("{}: nobody to give a salary step", district.code));
        }
        // Checked once first, so that a refusal is reported with every reason.
        let size = people.len().min(100);
        let probe = salary_order(numbers.take(), district, on, &people, size, 30_000);
        store.check_order(&probe, &meta).await.map_err(store_err)?;
        let mut samples = Vec::new();
        for i in 0..iterations {
            let start = (i * 100) % people.len();
            let mut rotated = people[start..].to_vec();
            rotated.extend_from_slice(&people[..start]);
            let draft = salary_order(
                numbers.take(),
                district,
                on,
                &rotated,
                size,
                30_000 + 10 * i as i64,
            );
            let t = Instant::now();
            store.apply_order(&draft, &meta).await.map_err(store_err)?;
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
            store_ratio(ms),
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
    }
    if want("signers10") {
        let chosen: Vec<&UnitRow> = districts.iter().take(10).map(|d| &d.0).collect();
        let mut walls = Vec::new();
        let mut failures = 0usize;
        let mut lost = 0usize;
        let mut actions = 0usize;
        for run in 0..a.runs.max(1) {
            let mut orders = Vec::new();
            for d in &chosen {
                let subtree = store.unit_subtree(d.id).await.map_err(store_err)?;
                let mut people = Vec::new();
                for (id, nid) in signable_people(&store, on, &subtree, 100).await? {
                    let v = store.person_by_id(id).await.map_err(store_err)?.version;
                    people.push((id, nid, Some(v)));
                }
                if people.is_empty() {
                    continue;
                }
                let n = people.len();
                let draft =
                    salary_order(numbers.take(), d, on, &people, n, 31_000 + 10 * run as i64);
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
                for (id, _, before) in people {
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
            store_ratio(ms),
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
    }
    if want("register") {
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
            store_ratio(ms),
            format!("{} on {}, {count} people", district.code, past.iso()),
        );
    }
    if want("forecast") {
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
            store_ratio(ms),
            format!("by agency, {groups} lines"),
        );
    }
    if want("import") {
        let dir = match temp_dir {
            Some(d) => d.to_path_buf(),
            None => std::env::temp_dir(),
        };
        let xlsx = dir.join(format!("bmahr-bench-people-{}.xlsx", std::process::id()));
        eprintln!("bench: exporting {} people to {}", a.people, xlsx.display());
        let rows = files::export_first(&store, Kind::People, &xlsx, a.people).await?;
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
    }
    store.close().await;

    print_table(&figs, backend, a, in_service.len());
    let doc = json!({
        "machine": machine(backend, a, in_service.len()),
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
        let now = ratios_of(&doc);
        for (k, r, b) in regressions(base, &now, CHECK_FACTOR) {
            failed.push(format!(
                "{k}: ratio {r:.3} is {:.1}× the baseline's {b:.3} (limit {CHECK_FACTOR}×)",
                r / b
            ));
        }
        let compared = now.keys().filter(|k| base.contains_key(*k)).count();
        if failed.is_empty() {
            out!(
                "เทียบกับค่าฐานแล้ว ไม่มีค่าใดแย่ลงเกิน {CHECK_FACTOR} เท่า / checked {compared} figures against the baseline: none is more than {CHECK_FACTOR}× worse"
            );
        }
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

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
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
    use super::*;

    fn map(v: &[(&str, f64)]) -> BTreeMap<String, f64> {
        v.iter().map(|(k, x)| (k.to_string(), *x)).collect()
    }

    #[test]
    fn a_figure_more_than_three_times_worse_than_the_baseline_ratio_fails() {
        let base = map(&[("sign100_ms", 2.0), ("profile_api_rps", 10.0)]);
        let fine = map(&[("sign100_ms", 2.0 * 2.9), ("profile_api_rps", 10.0 * 2.9)]);
        assert!(regressions(&base, &fine, CHECK_FACTOR).is_empty());
        let worse = map(&[("sign100_ms", 2.0 * 3.1), ("profile_api_rps", 10.0 * 2.9)]);
        let r = regressions(&base, &worse, CHECK_FACTOR);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "sign100_ms");
        // Better is never a failure; figures on one side only are not compared.
        let better = map(&[("sign100_ms", 0.1), ("new_figure", 1e9)]);
        assert!(regressions(&base, &better, CHECK_FACTOR).is_empty());
    }

    #[test]
    fn ratios_are_read_from_a_json_report() {
        let v = json!({"machine": {}, "figures": {
            "a": {"value": 1.0, "unit": "ms", "target": null, "ratio": 4.5},
            "b": {"value": 2.0, "unit": "ms", "target": null, "ratio": null},
        }});
        assert_eq!(ratios_of(&v), map(&[("a", 4.5)]));
    }

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
