use std::path::Path;

use bmahr_core::Violation;

use crate::{Backend, Result, Store, StoreError};

impl Store {
    /// A consistent snapshot of an SQLite database into a new file, taken while others read
    /// and write (`VACUUM INTO` reads one transaction's view). PostgreSQL is backed up with
    /// `pg_dump`, which takes the same kind of snapshot; see README.
    pub async fn backup_to(&self, out: &Path) -> Result<()> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Other(
                "backup of PostgreSQL: use pg_dump --format=custom (see README) / สำรองข้อมูล PostgreSQL ด้วย pg_dump".into(),
            ));
        }
        if out.exists() {
            return Err(StoreError::Other(format!(
                "{} already exists; choose a new file / มีไฟล์นี้อยู่แล้ว",
                out.display()
            )));
        }
        let target = out.to_string_lossy().to_string();
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Checks a database file's integrity (used on a backup before it is restored).
    pub async fn integrity_ok(&self) -> Result<bool> {
        if self.backend() != Backend::Sqlite {
            return Ok(true);
        }
        let r: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok(r == "ok")
    }
}

/// How a snapshot was refused, in Thai and English.
fn refused(code: &'static str, path: &Path, th: &str, en: &str) -> StoreError {
    StoreError::invalid(Violation::new(
        code,
        "from",
        format!("{}: {th}", path.display()),
        format!("{}: {en}", path.display()),
    ))
}

impl Store {
    /// Checks an SQLite snapshot before it is restored, without creating or changing any
    /// file: it must exist, be an SQLite database (opened read-only and immutable, so not
    /// even a lock file appears next to it), pass `PRAGMA integrity_check` and hold bmahr's
    /// schema. A missing, truncated or foreign file is refused with a message that says so,
    /// never restored as an empty database.
    pub async fn check_snapshot(path: &Path) -> Result<()> {
        use sqlx::sqlite::SqliteConnectOptions;
        use sqlx::{ConnectOptions, Connection};

        if !path.is_file() {
            return Err(refused(
                "snapshot.missing",
                path,
                "ไม่พบไฟล์สำรองข้อมูล (ไม่ได้สร้างหรือกู้คืนสิ่งใด)",
                "no such snapshot file (nothing was created or restored)",
            ));
        }
        // A write-ahead log beside the file holds writes the file alone lacks: a live
        // database, whose copy would lose them.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(refused(
                "snapshot.live",
                path,
                "ไฟล์นี้เป็นฐานข้อมูลที่ใช้งานอยู่ (มีไฟล์ -wal) ไม่ใช่ไฟล์สำรอง: สร้างไฟล์สำรองด้วย bmahr backup ก่อน",
                "the file is a live database (a -wal file is beside it), not a snapshot: take one with bmahr backup first",
            ));
        }
        let damaged = |e: sqlx::Error| {
            refused(
                "snapshot.damaged",
                path,
                &format!("ไฟล์สำรองข้อมูลเสียหายหรือไม่ใช่ฐานข้อมูล SQLite ({e})"),
                &format!("the snapshot is damaged or not an SQLite database ({e})"),
            )
        };
        let mut conn = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(true)
            .create_if_missing(false)
            .connect()
            .await
            .map_err(damaged)?;
        let checked: std::result::Result<(Vec<String>, i64), sqlx::Error> = async {
            let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(&mut conn)
                .await?;
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
                 AND name IN ('schema_migrations', 'units', 'positions', 'people', 'audit_events')",
            )
            .fetch_one(&mut conn)
            .await?;
            Ok((problems, tables))
        }
        .await;
        let _ = conn.close().await;
        let (problems, tables) = checked.map_err(damaged)?;
        if problems.first().map(String::as_str) != Some("ok") {
            let first = problems.first().cloned().unwrap_or_default();
            return Err(refused(
                "snapshot.damaged",
                path,
                &format!("ไฟล์สำรองข้อมูลเสียหาย ไม่ผ่านการตรวจสอบความสมบูรณ์ ({first})"),
                &format!("the snapshot is damaged: it fails its integrity check ({first})"),
            ));
        }
        if tables < 5 {
            return Err(refused(
                "snapshot.foreign",
                path,
                "ไฟล์นี้เป็นฐานข้อมูล SQLite แต่ไม่ใช่ไฟล์สำรองของ bmahr",
                "the file is an SQLite database but not a bmahr snapshot",
            ));
        }
        Ok(())
    }
}
