//! The subcommands. Each parses its input, calls the store's use-case and shapes the output.

/// Prints a line to stdout; when stdout is gone (`bmahr ... | head`), stops quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod accounts;
mod audit;
mod backup;
mod bench;
mod demo;
mod files;
mod orders;
mod report;
mod rules;
mod serve;

use std::path::PathBuf;

use bmahr_core::ThaiDate;
use bmahr_store::{Store, StoreError, WriteMeta};
use clap::{Args, Parser, Subcommand};

use crate::files::Kind;

#[derive(Parser)]
#[command(
    name = "bmahr",
    version,
    about = "ระบบสารสนเทศทรัพยากรบุคคล กรุงเทพมหานคร / BMA HR information system"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub struct Common {
    /// Database: sqlite://PATH (created on first use) or postgres://USER@HOST/DB
    #[arg(
        long,
        global = true,
        env = "BMAHR_DB",
        default_value = "sqlite://data/bmahr.sqlite"
    )]
    pub db: String,
    /// Who is acting, recorded in the audit log with every write
    #[arg(long, global = true, env = "BMAHR_ACTOR")]
    pub actor: Option<String>,
    /// Why, recorded in the audit log with every write
    #[arg(long, global = true)]
    pub reason: Option<String>,
    /// The document or request behind the write (e.g. an E-Sarabun number)
    #[arg(long, global = true)]
    pub request_ref: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web server / เปิดเว็บเซิร์ฟเวอร์
    Serve(serve::ServeArgs),
    /// Build the synthetic BMA dataset into an empty database / สร้างข้อมูลสาธิต
    Demo(demo::DemoArgs),
    /// Create or update the database schema / ปรับโครงสร้างฐานข้อมูล
    Migrate,
    /// Import people, positions or units from CSV/XLSX / นำเข้าข้อมูล
    Import {
        #[arg(long, value_enum)]
        kind: Kind,
        file: PathBuf,
        /// Check the file only; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export people, positions or units to CSV/XLSX / ส่งออกข้อมูล
    Export {
        #[arg(long, value_enum)]
        kind: Kind,
        #[arg(long)]
        out: PathBuf,
    },
    /// Accounts / บัญชีผู้ใช้
    User {
        #[command(subcommand)]
        command: accounts::UserCommand,
    },
    /// API tokens / โทเคนสำหรับโปรแกรม
    Token {
        #[command(subcommand)]
        command: accounts::TokenCommand,
    },
    /// Consistent snapshot of the database / สำรองข้อมูล
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore an SQLite snapshot into a new database file / กู้คืนข้อมูล
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Orders (คำสั่ง) / คำสั่ง
    Order {
        #[command(subcommand)]
        command: orders::OrderCommand,
    },
    /// A person's record on a date / ทะเบียนประวัติ ณ วันที่
    Person(orders::PersonArgs),
    /// Everyone in a unit on a date / ทะเบียนของหน่วยงาน ณ วันที่
    Register(orders::RegisterArgs),
    /// Reports / รายงาน
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// The audit log, and `audit verify` of its hash chain / บันทึกการตรวจสอบ
    Audit(audit::AuditLog),
    /// Check the register's periods against the fold of every action / ตรวจความถูกต้องของทะเบียน
    Check {
        #[arg(long)]
        as_of: Option<String>,
        /// Recompute the periods from the actions first
        #[arg(long)]
        rebuild: bool,
    },
    /// Measure the figures of issue 7 on this machine / ทดสอบประสิทธิภาพ
    Bench(bench::BenchArgs),
    /// Apply one rule of the core to an input / ตรวจสอบตามหลักเกณฑ์
    Rule {
        #[command(subcommand)]
        command: rules::RuleCommand,
    },
}

/// The error a subcommand prints: already bilingual.
pub type CliResult = Result<(), String>;

pub fn store_err(e: StoreError) -> String {
    match e {
        StoreError::Invalid(v) => {
            format!("ข้อมูลไม่ถูกต้อง ไม่มีการบันทึก / invalid, nothing was written:\n{v}")
        }
        StoreError::Conflict(v) => format!("ข้อมูลขัดแย้ง / conflict: {v}"),
        StoreError::NotFound(v) => format!("{}: {} / {}", v.field, v.message_th, v.message_en),
        other => other.to_string(),
    }
}

/// A use-case's refusal or failure, as the CLI prints it.
pub fn api_err(e: bmahr_server::error::ApiError) -> String {
    use bmahr_server::error::ApiError as E;
    match e {
        E::BadRequest(v) | E::Unprocessable(v) | E::Refused(v) => v
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        E::Unauthorized(v)
        | E::Forbidden(v)
        | E::NotFound(v)
        | E::Conflict(v)
        | E::TooManyRequests(v) => v.to_string(),
        E::Internal(m) => m,
    }
}

pub async fn open(common: &Common) -> Result<Store, String> {
    Store::open(&common.db).await.map_err(store_err)
}

pub use bmahr_server::{now_rfc3339, today};

pub fn parse_nid(s: &str) -> Result<bmahr_core::NationalId, String> {
    bmahr_core::NationalId::parse(s).map_err(|v| format!("{} / {}", v.message_th, v.message_en))
}

pub fn parse_date(s: &str) -> Result<ThaiDate, String> {
    ThaiDate::parse(s).map_err(|v| format!("{} / {}", v.message_th, v.message_en))
}

impl Common {
    pub fn meta(&self, default_reason: &str) -> WriteMeta {
        let actor = self.actor.clone().unwrap_or_else(|| {
            format!(
                "cli:{}",
                std::env::var("USER").unwrap_or_else(|_| "unknown".into())
            )
        });
        WriteMeta {
            actor,
            at: now_rfc3339(),
            reason: self
                .reason
                .clone()
                .unwrap_or_else(|| default_reason.to_string()),
            request_ref: self.request_ref.clone(),
        }
    }
}

pub async fn run(cli: Cli) -> CliResult {
    let c = &cli.common;
    match cli.command {
        Command::Serve(a) => serve::run(c, a).await,
        Command::Demo(a) => demo::run(c, a).await,
        Command::Migrate => {
            let store = open(c).await?;
            out!(
                "ฐานข้อมูลเป็นปัจจุบันแล้ว / schema is up to date ({})",
                store.url()
            );
            Ok(())
        }
        Command::Import {
            kind,
            file,
            dry_run,
        } => files::import(c, kind, &file, dry_run).await,
        Command::Export { kind, out } => files::export(c, kind, &out).await,
        Command::User { command } => accounts::user(c, command).await,
        Command::Token { command } => accounts::token(c, command).await,
        Command::Backup { out } => backup::backup(c, &out).await,
        Command::Restore { from } => backup::restore(c, &from).await,
        Command::Order { command } => orders::order(c, command).await,
        Command::Person(a) => orders::person(c, a).await,
        Command::Register(a) => orders::register(c, a).await,
        Command::Report { command } => report::report(c, command).await,
        Command::Audit(a) => audit::run(c, a).await,
        Command::Rule { command } => rules::rule(c, command).await,
        Command::Bench(a) => bench::run(c, a).await,
        Command::Check { as_of, rebuild } => {
            let store = open(c).await?;
            let on = match as_of {
                Some(s) => parse_date(&s)?,
                None => today(),
            };
            if rebuild {
                let n = store.rebuild_spans().await.map_err(store_err)?;
                out!("คำนวณช่วงเวลาใหม่ {n} ช่วง / rebuilt {n} spans");
            }
            let bad = store.verify_spans(on).await.map_err(store_err)?;
            let bad_vacancies = store.verify_vacancies(on).await.map_err(store_err)?;
            store.close().await;
            if !bad_vacancies.is_empty() {
                return Err(format!(
                    "ตำแหน่งว่างที่เก็บไว้ไม่ตรงกับทะเบียน {} ตำแหน่ง (แก้ด้วย check --rebuild) / kept vacancies disagree with the register for {} positions (repair with check --rebuild): {:?}",
                    bad_vacancies.len(),
                    bad_vacancies.len(),
                    &bad_vacancies[..bad_vacancies.len().min(20)]
                ));
            }
            if bad.is_empty() {
                out!(
                    "ทะเบียนตรงกับคำสั่งทั้งหมด ณ วันที่ {} / the register agrees with every order on {}",
                    on,
                    on.iso()
                );
                Ok(())
            } else {
                Err(format!(
                    "ทะเบียนไม่ตรงกับคำสั่ง {} ราย / the register disagrees with the orders for {} people: {:?}",
                    bad.len(),
                    bad.len(),
                    &bad[..bad.len().min(20)]
                ))
            }
        }
    }
}
