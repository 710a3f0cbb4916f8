//! The HTTP figures: `/healthz` (the yardstick), a person's profile (API, page, read afresh),
//! the name search, and the server's memory after the load.

use std::sync::Arc;
use std::time::Duration;

use bmahr_server::auth::password::{random_secret, secret_hash};
use bmahr_store::spans::InService;
use bmahr_store::Store;

use super::http;
use super::machine::rss_mb;
use super::server::Server;
use super::{BenchArgs, Figures, Target};
use crate::cli::accounts::create_user;
use crate::cli::{store_err, CliResult, Common};

/// Thai name fragments of 2–3 characters for the search load (parts of the demo's names).
const FRAGMENTS: [&str; 4] = ["สม", "ชัย", "พร", "วิ"];

/// Starts the server on the database at `url` and loads it from this process, signed in with
/// a new account's API token: the `healthz`, `profile`, `search` and `rss` groups.
pub(super) async fn http_figures(
    figs: &mut Figures,
    c: &Common,
    a: &BenchArgs,
    store: &Store,
    url: &str,
    in_service: &[InService],
    want: &dyn Fn(&str) -> bool,
) -> CliResult {
    let password = random_secret("pw_")?;
    let username = format!("bench{}", std::process::id());
    let uid = create_user(store, c, &username, "central_admin", None, None, &password).await?;
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
        figs,
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
        profile(figs, &server, &token, a, &ids, in_service, reference).await;
    }
    if want("search") {
        load_route(
            figs,
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
    if want("lists") {
        super::lists::figures(figs, &server, &token, a, store, reference).await;
    }
    if want("pickers") {
        super::pickers::figures(figs, &server, &token, a, store, reference).await;
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
    Ok(())
}

/// A person's profile: through the API and as a page for the same 256 people, then through
/// the API for every person in service.
async fn profile(
    figs: &mut Figures,
    server: &Server,
    token: &Arc<String>,
    a: &BenchArgs,
    ids: &[i64],
    in_service: &[InService],
    reference: Option<(f64, f64)>,
) {
    load_route(
        figs,
        server,
        token,
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
        figs,
        server,
        token,
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
        figs,
        server,
        token,
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

/// Loads one route `runs` times (after a short warm-up) and adds its figures.
#[allow(clippy::too_many_arguments)]
pub(super) async fn load_route(
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

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub(super) fn percent(s: &str) -> String {
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
