use bmahr_core::{HolidayCalendar, ThaiDate};

use crate::row::{date, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

impl Store {
    /// Adds or renames holidays in one transaction.
    pub async fn put_holidays(
        &self,
        days: &[(ThaiDate, String, String)],
        meta: &WriteMeta,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (d, th, en) in days {
            sqlx::query("DELETE FROM holidays WHERE day = $1")
                .bind(d.iso())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO holidays (day, name_th, name_en) VALUES ($1, $2, $3)")
                .bind(d.iso())
                .bind(th)
                .bind(en)
                .execute(&mut *tx)
                .await?;
        }
        crate::cases::refresh_open_deadlines(&mut tx).await?;
        audit::record(
            &mut tx,
            meta,
            "holiday.put",
            None,
            None,
            &format!("{} days", days.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes one holiday, with its audit event in the same transaction; an unknown day is
    /// `NotFound`.
    pub async fn delete_holiday(&self, day: ThaiDate, meta: &WriteMeta) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM holidays WHERE day = $1")
            .bind(day.iso())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(
                "date",
                "วันหยุด",
                "holiday",
                &day.to_string(),
            ));
        }
        crate::cases::refresh_open_deadlines(&mut tx).await?;
        audit::record(
            &mut tx,
            meta,
            "holiday.delete",
            None,
            None,
            &format!("holiday {}", day.iso()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Holidays in [from, to], with their names.
    pub async fn holidays_between(
        &self,
        from: ThaiDate,
        to: ThaiDate,
    ) -> Result<Vec<(ThaiDate, String, String)>> {
        let rows = sqlx::query(
            "SELECT day, name_th, name_en FROM holidays WHERE day >= $1 AND day <= $2 ORDER BY day",
        )
        .bind(from.iso())
        .bind(to.iso())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((date(r, "day")?, text(r, "name_th")?, text(r, "name_en")?)))
            .collect()
    }

    /// The whole stored calendar, for the core's period rules.
    pub async fn holiday_calendar(&self) -> Result<HolidayCalendar> {
        let rows: Vec<String> = sqlx::query_scalar("SELECT day FROM holidays")
            .fetch_all(&self.pool)
            .await?;
        Ok(HolidayCalendar::new(
            rows.iter().filter_map(|s| ThaiDate::parse_iso(s)),
        ))
    }
}
