//! `bmahr backup` and `bmahr restore`.

use std::path::Path;

use bmahr_store::{Backend, Store, StoreError};

use super::{open, store_err, CliResult, Common};

pub async fn backup(c: &Common, out: &Path) -> CliResult {
    let store = open(c).await?;
    match store.backend() {
        Backend::Sqlite => {
            store.backup_to(out).await.map_err(store_err)?;
            let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
            out!(
                "สำรองข้อมูลแล้ว / snapshot written: {} ({:.1} MB)",
                out.display(),
                size as f64 / 1e6
            );
            Ok(())
        }
        Backend::Postgres => {
            // pg_dump takes a consistent snapshot (one repeatable-read transaction).
            let status = std::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(out)
                .arg(&c.db)
                .status()
                .map_err(|e| {
                    format!("pg_dump: {e} (ติดตั้ง postgresql-client / install postgresql-client)")
                })?;
            if status.success() {
                out!(
                    "สำรองข้อมูลแล้ว / pg_dump written: {} (restore: pg_restore --dbname URL FILE)",
                    out.display()
                );
                Ok(())
            } else {
                Err(format!("pg_dump failed: {status}"))
            }
        }
    }
}

/// Restores an SQLite snapshot as the database named by `--db`, which must not exist yet:
/// a restore never overwrites live data. The snapshot is checked first, read-only (it must
/// exist, be whole and be bmahr's): a refused snapshot leaves no file or folder behind.
pub async fn restore(c: &Common, from: &Path) -> CliResult {
    let Some(target) = c.db.strip_prefix("sqlite://") else {
        return Err("restore ใช้กับ SQLite; PostgreSQL ใช้ pg_restore / restore is for SQLite; for PostgreSQL use pg_restore".into());
    };
    let target = Path::new(target);
    if target.exists() {
        return Err(format!(
            "{} มีอยู่แล้ว ไม่เขียนทับ / already exists: restore into a new path",
            target.display()
        ));
    }
    Store::check_snapshot(from).await.map_err(snapshot_err)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // Copied beside the target and renamed into place: a restore cut short leaves no
    // half-written database under the target's name.
    let partial = target.with_file_name(format!(
        ".{}.restoring",
        target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    let copied = std::fs::copy(from, &partial).and_then(|_| std::fs::rename(&partial, target));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(format!(
            "{}: คัดลอกไม่สำเร็จ / copy failed: {e}",
            target.display()
        ));
    }
    let store = open(c).await?;
    let n = store.people_all().await.map_err(store_err)?.len();
    store.close().await;
    out!(
        "กู้คืนแล้ว / restored {} → {} ({n} people)",
        from.display(),
        target.display()
    );
    Ok(())
}

/// A refused snapshot, as one line in each language.
fn snapshot_err(e: StoreError) -> String {
    match e {
        StoreError::Invalid(vs) => {
            vs.0.iter()
                .map(|v| format!("{} / {}", v.message_th, v.message_en))
                .collect::<Vec<_>>()
                .join("\n")
        }
        other => store_err(other),
    }
}
