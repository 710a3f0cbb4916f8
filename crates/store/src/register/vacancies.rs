//! The periods each position is vacant (`position_vacancies`), kept in step with the
//! people's periods and the frame in the same transaction as the write that changes them.
//!
//! "Vacant only" in a picker asks for the few vacant positions among tens of thousands with
//! one title. Asked of the people's periods, every position of the title is probed until
//! enough vacant ones turn up (a title nearly all filled read thousands: 74 ms p99 on
//! PostgreSQL); asked of these rows, by title and date, it reads only the vacant ones.

use std::collections::HashMap;

use bmahr_core::org::Validity;
use bmahr_core::register::{vacancy_periods, Period};
use bmahr_core::ThaiDate;
use futures_util::TryStreamExt;
use sqlx::{Any, Transaction};

use crate::bulk::{tables, Loader};
use crate::register::spans::OPEN_END;
use crate::row::{and_in, date, int, opt_date, text};
use crate::{Result, Store};

/// The columns of a position its vacancy rows carry (positions are never edited, so the
/// copies cannot go stale).
struct Frame {
    validity: Validity,
    unit_id: i64,
    line_of_work: String,
    admin_title: String,
}

/// Recomputes the vacancy periods of `positions` (all of them when `None`) from the frame
/// and the people's periods as they stand in `tx`.
pub async fn write_vacancies(
    tx: &mut Transaction<'static, Any>,
    positions: Option<&[i64]>,
) -> Result<u64> {
    let mut ids: Vec<i64> = positions.map(<[i64]>::to_vec).unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    if positions.is_some() && ids.is_empty() {
        return Ok(0);
    }
    // All positions at once (a rebuild), or a thousand at a time (an order's few).
    let chunks: Vec<Option<&[i64]>> = match positions {
        None => vec![None],
        Some(_) => ids.chunks(1_000).map(Some).collect(),
    };
    let mut loader = Loader::new(tables::POSITION_VACANCIES);
    for chunk in chunks {
        let scope = |col: &str| chunk.map(|c| and_in(col, c)).unwrap_or_default();
        sqlx::query(&format!(
            "DELETE FROM position_vacancies WHERE 1=1{}",
            scope("position_id")
        ))
        .execute(&mut **tx)
        .await?;
        let mut frame: Vec<(i64, Frame)> = Vec::new();
        {
            let sql = format!(
                "SELECT id, valid_from, valid_to, unit_id, line_of_work, admin_title FROM positions \
                 WHERE 1=1{} ORDER BY id",
                scope("id")
            );
            let mut rows = sqlx::query(&sql).fetch(&mut **tx);
            while let Some(r) = rows.try_next().await? {
                frame.push((
                    int(&r, "id")?,
                    Frame {
                        validity: Validity {
                            from: date(&r, "valid_from")?,
                            to: opt_date(&r, "valid_to")?,
                        },
                        unit_id: int(&r, "unit_id")?,
                        line_of_work: text(&r, "line_of_work")?,
                        admin_title: text(&r, "admin_title")?,
                    },
                ));
            }
        }
        let mut held: HashMap<i64, Vec<Period>> = HashMap::new();
        {
            let sql = format!(
                "SELECT position_id, valid_from, valid_to FROM register_spans \
                 WHERE position_id IS NOT NULL AND status IN ('active', 'suspended'){}",
                scope("position_id")
            );
            let mut rows = sqlx::query(&sql).fetch(&mut **tx);
            while let Some(r) = rows.try_next().await? {
                let until = text(&r, "valid_to")?;
                held.entry(int(&r, "position_id")?)
                    .or_default()
                    .push(Period {
                        from: date(&r, "valid_from")?,
                        until: if until == OPEN_END {
                            None
                        } else {
                            Some(date(&r, "valid_to")?)
                        },
                    });
            }
        }
        for (id, f) in &frame {
            let periods = vacancy_periods(f.validity, held.get(id).map_or(&[], Vec::as_slice));
            for p in periods {
                loader
                    .push(
                        tx,
                        vec![
                            (*id).into(),
                            p.from.iso().into(),
                            p.until.map_or(OPEN_END.to_string(), ThaiDate::iso).into(),
                            f.unit_id.into(),
                            f.line_of_work.clone().into(),
                            f.admin_title.clone().into(),
                        ],
                    )
                    .await?;
            }
        }
    }
    loader.flush(tx).await?;
    Ok(loader.written)
}

impl Store {
    /// Recomputes every position's vacancy periods (after an upgrade that added the table, a
    /// load, or to repair them). One transaction; returns the periods written.
    pub async fn rebuild_vacancies(&self) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let n = write_vacancies(&mut tx, None).await?;
        tx.commit().await?;
        self.touch();
        Ok(n)
    }

    /// Positions whose kept vacancy periods disagree with the frame and the people's periods
    /// on `on` (empty when the projection is sound): vacant by the rows, or valid and held by
    /// no one in service, but not both.
    pub async fn verify_vacancies(&self, on: ThaiDate) -> Result<Vec<i64>> {
        const VALID: &str = "p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1)";
        const HELD: &str = "EXISTS (SELECT 1 FROM register_spans s WHERE s.position_id = p.id \
             AND s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended'))";
        const KEPT: &str = "(SELECT COUNT(*) FROM position_vacancies v WHERE v.position_id = p.id \
             AND v.valid_from <= $1 AND v.valid_to > $1)";
        // Vacant with no row or more than one; a row for a position held, or not valid then.
        let mut bad: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT p.id FROM positions p WHERE \
             ({VALID} AND NOT {HELD} AND {KEPT} <> 1) OR ((NOT ({VALID}) OR {HELD}) AND {KEPT} > 0) \
             ORDER BY p.id"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        bad.dedup();
        Ok(bad)
    }
}
