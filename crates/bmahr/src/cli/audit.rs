//! `bmahr audit`: the log searched (see `report::audit`), and its hash chain verified
//! (`bmahr audit verify`, issue 21; `docs/AUDIT.md`).

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use super::{open, report, store_err, CliResult, Common};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditLog {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    #[command(flatten)]
    pub query: report::AuditArgs,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the log's hash chain and name its first broken link / ตรวจสายแฮชของบันทึกการตรวจสอบ
    Verify {
        /// An event's id and hash noted from an earlier run (`ID:HASH`, as printed), which
        /// must still hold: a chain rewritten whole, hashes and all, fails here. Repeatable.
        #[arg(long, value_parser = parse_anchor)]
        anchor: Vec<(i64, String)>,
        /// The report as JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_anchor(s: &str) -> Result<(i64, String), String> {
    let (id, hash) = s
        .split_once(':')
        .ok_or("ID:HASH, e.g. 1204:9f86d08… / ใช้รูปแบบ ID:HASH")?;
    let id: i64 = id
        .trim()
        .parse()
        .map_err(|_| format!("\"{id}\" is not an event id / ไม่ใช่เลขเหตุการณ์"))?;
    let hash = hash.trim();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("HASH is 64 hexadecimal digits / ค่าแฮชต้องเป็นเลขฐานสิบหก 64 หลัก".into());
    }
    Ok((id, hash.to_ascii_lowercase()))
}

pub async fn run(c: &Common, a: AuditLog) -> CliResult {
    match a.command {
        None => report::audit(c, a.query).await,
        Some(AuditCommand::Verify { anchor, json }) => verify(c, &anchor, json).await,
    }
}

async fn verify(c: &Common, anchors: &[(i64, String)], json: bool) -> CliResult {
    let store = open(c).await?;
    let head = store.audit_chain_head().await.map_err(store_err)?;
    let bar = ProgressBar::new((head.last_id - head.genesis_id).max(0) as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:20} [{bar:40}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("ตรวจสาย / verifying");
    let report = store
        .verify_audit_chain(anchors, |n| bar.set_position(n.max(0) as u64))
        .await
        .map_err(store_err);
    bar.finish_and_clear();
    store.close().await;
    let report = report?;
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    }
    let h = &report.head;
    match &report.broken {
        None => {
            if !json {
                out!(
                    "สายแฮชของบันทึกการตรวจสอบครบถ้วน / the audit chain holds: {} events checked, {} from before the chain not checked",
                    report.checked,
                    report.predating
                );
                if h.genesis_id > 0 {
                    out!(
                        "จุดเริ่มของสาย / the chain starts after event #{} (events #1 to #{} are from before it{})",
                        h.genesis_id,
                        h.genesis_id,
                        if report.predating_missing > 0 {
                            format!(
                                "; {} of their ids have no event: deleted, or never committed",
                                report.predating_missing
                            )
                        } else {
                            String::new()
                        }
                    );
                }
                out!(
                    "หัวสาย / head: {}:{}  (note it; `bmahr audit verify --anchor {}:{}` checks it later)",
                    h.last_id,
                    h.hash,
                    h.last_id,
                    h.hash
                );
            }
            Ok(())
        }
        Some(b) => Err(format!(
            "สายแฮชขาดที่เหตุการณ์ #{} / the audit chain is broken at event #{}: {b}\n({} events before it hold; the head names #{})",
            b.id, b.id, report.checked, h.last_id
        )),
    }
}
