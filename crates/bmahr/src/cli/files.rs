//! `bmahr import` and `bmahr export`.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use super::{open, today, CliResult, Common};
use crate::files::{self, Kind};

pub async fn import(c: &Common, kind: Kind, file: &Path, dry_run: bool) -> CliResult {
    let store = open(c).await?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:20} [{bar:40}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("ตรวจสอบ / checking");
    let meta = c.meta(&format!("นำเข้าไฟล์ / import of {}", file.display()));
    let report = files::import(&store, kind, file, today(), &meta, dry_run, &bar).await?;
    bar.finish_and_clear();
    if !report.errors.is_empty() {
        let mut msg = format!(
            "ไม่ได้นำเข้า: พบข้อผิดพลาด {} รายการ ไม่มีการบันทึกข้อมูลใด ๆ / nothing imported: {} problems, nothing was written\n",
            report.errors.len(),
            report.errors.len()
        );
        for e in &report.errors {
            msg.push_str(&format!(
                "  แถว/row {} คอลัมน์/column {} [{}]: {} / {}\n",
                e.row, e.column, e.code, e.message_th, e.message_en
            ));
        }
        return Err(msg);
    }
    if dry_run {
        out!(
            "ตรวจสอบแล้ว ถูกต้องทั้ง {} แถว (ไม่ได้บันทึก) / all {} rows valid (dry run)",
            report.rows,
            report.rows
        );
    } else {
        out!(
            "นำเข้าแล้ว {} แถว / imported {} rows",
            report.written,
            report.written
        );
    }
    Ok(())
}

pub async fn export(c: &Common, kind: Kind, out: &Path) -> CliResult {
    let store = open(c).await?;
    let n = files::export(&store, kind, out).await?;
    // An export of people carries every national ID and contact: audited like any read.
    let state = bmahr_server::AppState::new(store.clone());
    let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
    bmahr_server::usecases::people::record_bulk_read(
        &state,
        &operator,
        &format!("export.{}", kind.code()),
        &format!("{n} rows → {}", out.display()),
    )
    .await
    .map_err(super::api_err)?;
    out!("ส่งออกแล้ว {n} แถว / exported {n} rows → {}", out.display());
    Ok(())
}
