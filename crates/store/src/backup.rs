use std::path::Path;

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
