//! `bmahr serve`: the web server; with `--demo`, fills an empty database first.

use bmahr_server::{launch, AppState, Settings};
use clap::Args;

use super::demo::{build, DemoArgs};
use super::{open, CliResult, Common};

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, env = "BMAHR_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Build the demo dataset if the database is empty, with demo accounts
    #[arg(long)]
    pub demo: bool,
    #[command(flatten)]
    pub demo_args: DemoArgs,
    /// The address people use, e.g. https://hr.bangkok.go.th (https: HSTS and Secure cookies)
    #[arg(long, env = "BMAHR_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Central administrators and appointing authorities must sign in with a second factor
    #[arg(long, env = "BMAHR_REQUIRE_2FA")]
    pub require_2fa: bool,
    /// Take the client's address from the last X-Forwarded-For hop (only behind a reverse
    /// proxy that sets it)
    #[arg(long, env = "BMAHR_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// A session unused this many minutes ends
    #[arg(long, env = "BMAHR_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub session_idle_minutes: u32,
    /// A session ends this many hours after sign-in
    #[arg(long, env = "BMAHR_SESSION_HOURS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=24))]
    pub session_hours: u32,
    /// The emblem printed above orders: a PNG, JPEG or SVG file (a neutral seal when absent)
    #[arg(long, env = "BMAHR_EMBLEM")]
    pub emblem: Option<std::path::PathBuf>,
}

impl ServeArgs {
    fn settings(&self) -> Result<Settings, String> {
        if let Some(u) = &self.public_url {
            let lower = u.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                return Err(format!(
                    "--public-url ต้องขึ้นต้นด้วย https:// หรือ http:// / --public-url must start with https:// or http://: {u}"
                ));
            }
        }
        let emblem = match &self.emblem {
            None => bmahr_docs::Emblem::default(),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    format!("--emblem {}: อ่านไฟล์ไม่ได้ / cannot read: {e}", path.display())
                })?;
                bmahr_docs::Emblem::from_bytes(bytes)
                    .map_err(|e| format!("--emblem {}: {e}", path.display()))?
            }
        };
        Ok(Settings {
            emblem,
            public_url: self.public_url.clone(),
            require_2fa: self.require_2fa,
            trust_proxy: self.trust_proxy,
            session_idle: chrono::Duration::minutes(i64::from(self.session_idle_minutes)),
            session_absolute: chrono::Duration::hours(i64::from(self.session_hours)),
        })
    }
}

/// Logs to standard error at `BMAHR_LOG` (`error`, `warn`, `info` (default), `debug`,
/// `trace`): a line per request at `debug`, each with its request id.
fn init_logs() {
    let level = std::env::var("BMAHR_LOG")
        .ok()
        .and_then(|v| v.parse::<tracing_subscriber::filter::LevelFilter>().ok())
        .unwrap_or(tracing_subscriber::filter::LevelFilter::INFO);
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

pub async fn run(c: &Common, a: ServeArgs) -> CliResult {
    init_logs();
    let settings = a.settings()?;
    let store = open(c).await?;
    if a.demo {
        if store.is_empty().await.map_err(super::store_err)? {
            out!("ฐานข้อมูลว่าง กำลังสร้างข้อมูลสาธิต / empty database: building the demo dataset");
            // Prints the demo accounts as it makes them.
            build(&store, &a.demo_args).await?;
        } else {
            let accounts = crate::demo::demo_accounts(&store).await?;
            out!("{}", crate::demo::accounts_table(&accounts).trim_end());
        }
    }
    let listener = tokio::net::TcpListener::bind(&a.addr)
        .await
        .map_err(|e| format!("{}: {e}", a.addr))?;
    let url = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    out!("bmahr พร้อมใช้งานที่ / serving at {url}  (ตรวจสถานะ / health: {url}/healthz)");
    // The first search would otherwise wait for every name to be read.
    let warm = store.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.warm_up().await {
            eprintln!("warm-up: {e}");
        }
    });
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let served = launch(
        listener,
        AppState::with_settings(store.clone(), settings),
        shutdown,
    )
    .await
    .map_err(|e| e.to_string());
    store.close().await;
    served
}
