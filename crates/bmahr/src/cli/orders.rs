//! `bmahr order`, `bmahr person`, `bmahr register`.

use std::path::PathBuf;

use bmahr_core::law::retirement::retirement_date;
use bmahr_core::register::OrderDraft;
use clap::{Args, Subcommand};

use super::{open, parse_date, store_err, today, CliResult, Common};

#[derive(Subcommand)]
pub enum OrderCommand {
    /// Apply a signed order from a JSON file (see docs/ORDERS.md); all actions or none
    Apply { file: PathBuf },
    /// Show an order and its actions
    Show {
        /// Code of the issuing unit
        #[arg(long)]
        issuer: String,
        number: String,
    },
    /// Print a signed order in the official layout with its annex, as PDF / พิมพ์คำสั่ง
    Pdf {
        /// Code of the issuing unit
        #[arg(long)]
        issuer: String,
        number: String,
        /// The PDF file to write
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct PersonArgs {
    /// National ID
    pub national_id: String,
    /// The date to read the register on (BE or ISO; default today)
    #[arg(long)]
    pub as_of: Option<String>,
    /// Read the register as it had been recorded by this instant (RFC 3339 or a date)
    #[arg(long)]
    pub known_at: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// Write the ทะเบียนประวัติ (ก.พ.7) as PDF to this file instead of printing
    #[arg(long)]
    pub pdf: Option<PathBuf>,
}

#[derive(Args)]
pub struct RegisterArgs {
    /// Unit code (its whole subtree is listed)
    #[arg(long)]
    pub unit: String,
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// Show national IDs in full (for officers who need them; masked by default)
    #[arg(long)]
    pub reveal: bool,
}

pub async fn order(c: &Common, cmd: OrderCommand) -> CliResult {
    let store = open(c).await?;
    match cmd {
        OrderCommand::Apply { file } => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let draft: OrderDraft = serde_json::from_str(&text).map_err(|e| {
                format!(
                    "{}: รูปแบบคำสั่งไม่ถูกต้อง / malformed order: {e}",
                    file.display()
                )
            })?;
            let meta = c.meta(&format!(
                "บันทึกคำสั่ง {} / order {}",
                draft.number, draft.number
            ));
            let done = store.apply_order(&draft, &meta).await.map_err(store_err)?;
            out!(
                "บันทึกคำสั่งที่ {} แล้ว: {} รายการ{} / order {} applied: {} actions{}",
                draft.number,
                done.actions,
                if done.voided > 0 {
                    format!(", ยกเลิกรายการเดิม {}", done.voided)
                } else {
                    String::new()
                },
                draft.number,
                done.actions,
                if done.voided > 0 {
                    format!(", voided {}", done.voided)
                } else {
                    String::new()
                },
            );
            for (pid, v) in done.versions {
                out!("  person {pid}: version {v}");
            }
            Ok(())
        }
        OrderCommand::Pdf {
            issuer,
            number,
            out,
        } => {
            let o = store
                .order_by_number(&issuer, &number)
                .await
                .map_err(store_err)?;
            let state = bmahr_server::AppState::new(store.clone());
            let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
            let d = bmahr_server::usecases::documents::order_pdf(&state, &operator, o.id)
                .await
                .map_err(super::api_err)?;
            write_file(&out, &d.bytes)?;
            out!(
                "เขียนคำสั่งที่ {} ({} รายการ) แล้ว / order written: {}",
                o.number,
                o.actions.len(),
                out.display()
            );
            Ok(())
        }
        OrderCommand::Show { issuer, number } => {
            let o = store
                .order_by_number(&issuer, &number)
                .await
                .map_err(store_err)?;
            out!(
                "คำสั่ง {issuer} ที่ {} ลงวันที่ {} มีผล {}\n  ลงนาม {} ({})\n  เรื่อง {}",
                o.number,
                o.signed_on,
                o.effective_date,
                o.signed_by,
                o.authority,
                o.reason
            );
            if let Some(c) = o.corrects_order_id {
                out!("  แก้ไขคำสั่งรหัส / corrects order id {c}");
            }
            for (seq, pid, a, void) in &o.actions {
                out!(
                    "  {seq:>4}. person {pid:<7} {:<24} {} {}{}",
                    a.kind.th(),
                    a.effective_date,
                    a.salary.map(|s| format!("{s} บาท")).unwrap_or_default(),
                    void.map(|v| format!("  [ถูกแก้ไขโดยคำสั่งรหัส {v} / voided]"))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
    }
}

/// Writes a file whole, naming it in the error.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> CliResult {
    std::fs::write(path, bytes)
        .map_err(|e| format!("{}: เขียนไฟล์ไม่ได้ / cannot write: {e}", path.display()))
}

pub async fn person(c: &Common, a: PersonArgs) -> CliResult {
    let store = open(c).await?;
    let on = match &a.as_of {
        Some(s) => parse_date(s)?,
        None => today(),
    };
    let p = store
        .person_by_national_id(&super::parse_nid(&a.national_id)?)
        .await
        .map_err(store_err)?;
    if let Some(path) = &a.pdf {
        // Through the use-case the web uses: audited as an opening of the record.
        let state = bmahr_server::AppState::new(store.clone());
        let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
        let d = bmahr_server::usecases::documents::record_pdf(&state, &operator, p.id, on)
            .await
            .map_err(super::api_err)?;
        write_file(path, &d.bytes)?;
        out!("เขียนทะเบียนประวัติแล้ว / record written: {}", path.display());
        return Ok(());
    }
    let known = a.known_at.as_deref().map(|k| {
        if k.len() == 10 {
            format!("{k}T23:59:59.999999Z")
        } else {
            k.to_string()
        }
    });
    // Through the same use-case as the web: the read is audited.
    let state = bmahr_server::AppState::new(store.clone());
    let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
    let read = bmahr_server::usecases::people::history(
        &state,
        &operator,
        p.id,
        on,
        known.as_deref(),
        today(),
    )
    .await
    .map_err(super::api_err)?;
    let (actions, rec) = (read.actions, read.record);
    if a.json {
        let v = serde_json::json!({ "person": p, "national_id_masked": p.national_id.masked(), "record": rec, "actions": actions });
        out!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    out!(
        "{} ({})  เลขประจำตัว {}",
        p.name.full_th(),
        p.name.full_en(),
        p.national_id
    );
    out!(
        "  เกิด {}  เกษียณ {}  ฉบับที่ {}",
        p.birth_date.long_th(),
        retirement_date(p.birth_date).long_th(),
        p.version
    );
    out!(
        "ทะเบียน ณ วันที่ {} / register on {}{}:",
        on.long_th(),
        on.iso(),
        known
            .as_deref()
            .map(|k| format!(" (as recorded by {k})"))
            .unwrap_or_default()
    );
    match rec.status {
        None => out!("  ยังไม่ได้เข้ารับราชการ / not yet in service"),
        Some(s) => {
            out!("  สถานะ {} / {}", s.th(), s.en());
            if let Some(pl) = &rec.placement {
                let unit = store
                    .units_all()
                    .await
                    .map_err(store_err)?
                    .into_iter()
                    .find(|u| u.id == pl.unit_id);
                out!(
                    "  ตำแหน่งเลขที่ {} {} {} ({}) {}",
                    pl.position_no,
                    pl.line_of_work,
                    pl.level.th(),
                    pl.category.th(),
                    unit.map(|u| u.name_th).unwrap_or_default()
                );
            }
            if let Some(s) = rec.salary {
                out!("  เงินเดือน {s} บาท");
            }
            if let Some(d) = rec.service_start {
                out!("  เริ่มรับราชการ {}", d.long_th());
            }
            let service = store.service_on(p.id, on).await.map_err(store_err)?;
            out!(
                "  อายุราชการ (รวมเวลาก่อนโอน มาตรา 57) / length of service: {} / {}",
                service.th(),
                service.en()
            );
            if let Some((r, d)) = rec.separation {
                out!("  พ้นจากราชการ {} เหตุ {} / {}", d.long_th(), r.th(), r.en());
            }
        }
    }
    out!("ประวัติ / history ({} actions):", actions.len());
    for x in &actions {
        out!(
            "  {}  {:<26} คำสั่งที่ {:<10} {}{}",
            x.effective_date,
            x.kind.th(),
            x.order_number,
            x.placement
                .as_ref()
                .map(|p| format!("ตำแหน่ง {} {} ", p.position_no, p.level.th()))
                .unwrap_or_default(),
            x.salary.map(|s| format!("{s} บาท")).unwrap_or_default()
        );
    }
    Ok(())
}

pub async fn register(c: &Common, a: RegisterArgs) -> CliResult {
    let store = open(c).await?;
    let on = match &a.as_of {
        Some(s) => parse_date(s)?,
        None => today(),
    };
    let unit = store.unit_by_code(&a.unit, on).await.map_err(store_err)?;
    let rows = store
        .unit_register_on(unit.id, on)
        .await
        .map_err(store_err)?;
    let state = bmahr_server::AppState::new(store.clone());
    let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
    bmahr_server::usecases::people::record_bulk_read(
        &state,
        &operator,
        "register.read",
        &format!(
            "unit {} as of {}: {} people{}",
            unit.code,
            on.iso(),
            rows.len(),
            if a.reveal {
                ", national IDs revealed"
            } else {
                ""
            }
        ),
    )
    .await
    .map_err(super::api_err)?;
    if a.json {
        let v: Vec<_> = rows
            .iter()
            .map(|r| serde_json::json!({"person_id": r.person.id, "name_th": r.person.name.full_th(), "record": r.record}))
            .collect();
        out!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    out!(
        "{} ณ วันที่ {}: {} คน / people",
        unit.name_th,
        on.long_th(),
        rows.len()
    );
    for r in &rows {
        let pl = r.record.placement.as_ref();
        let id = if a.reveal {
            r.person.national_id.reveal().to_string()
        } else {
            r.person.national_id.masked()
        };
        out!(
            "  {:<8} {:<17} {:<32} {:<26} {:>12}",
            pl.map(|p| p.position_no.as_str()).unwrap_or(""),
            id,
            r.person.name.full_th(),
            pl.map(|p| p.level.th()).unwrap_or(""),
            r.record.salary.map(|s| s.to_string()).unwrap_or_default()
        );
    }
    Ok(())
}
