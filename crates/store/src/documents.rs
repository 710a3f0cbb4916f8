//! Bulk reads for printed documents: an order's annex names hundreds of people at once, so
//! their names and histories are read in a few statements, not one per row.

use std::collections::HashMap;

use bmahr_core::register::AppliedAction;

use crate::people::{person_row, PERSON_SELECT};
use crate::{PersonRow, Result, Store};

impl Store {
    /// People by id (latest names), a thousand per statement; ids not found are absent.
    pub async fn people_by_ids(&self, ids: &[i64]) -> Result<HashMap<i64, PersonRow>> {
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(1_000) {
            let sql = format!(
                "{PERSON_SELECT} WHERE 1 = 1{}",
                crate::row::and_in("p.id", chunk)
            );
            for r in sqlx::query(&sql).fetch_all(&self.pool).await? {
                let p = person_row(&r)?;
                out.insert(p.id, p);
            }
        }
        Ok(out)
    }

    /// Every live action of several people (every effective date), in the order they take
    /// effect: what an order's annex folds to show each person before the order.
    pub async fn histories(&self, people: &[i64]) -> Result<HashMap<i64, Vec<AppliedAction>>> {
        let mut conn = self.pool.acquire().await?;
        crate::register::live_histories_of(&mut conn, people).await
    }
}
