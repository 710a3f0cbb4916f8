//! Finding people by any part of a Thai or English name, a national ID or a position number.

use bmahr_core::ThaiDate;

use crate::people::names::Due;
use crate::people::PersonRow;
use crate::people::PERSON_SELECT;
use crate::row::{and_in, opt_int, opt_text};
use crate::{Result, Store};

/// One search result with where the person stands on the search date.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonHit {
    pub person: PersonRow,
    pub status: Option<String>,
    pub position_no: Option<String>,
    /// What the position is called: its administrative title, else its line of work.
    pub position_title: Option<String>,
    pub unit_id: Option<i64>,
    pub level: Option<String>,
    pub category: Option<String>,
}

/// The administrative title of a joined position (`pos`), else its line of work.
fn position_title(r: &sqlx::any::AnyRow) -> Result<Option<String>> {
    let admin = opt_text(r, "admin_title")?.filter(|t| !t.trim().is_empty());
    Ok(admin.or(opt_text(r, "line_of_work")?))
}

/// A query typed as names are written, with the title (นาย, นางสาว, Mr. …), searches the
/// name: titles are not part of the names the directory holds.
fn without_title(q: &str) -> String {
    let mut titles: Vec<&str> = bmahr_core::person::Title::ALL
        .iter()
        .flat_map(|t| [t.th(), t.en()])
        .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    for t in titles {
        let rest = q
            .get(..t.len())
            .filter(|head| head.eq_ignore_ascii_case(t))
            .map(|_| q[t.len()..].trim());
        if let Some(rest) = rest.filter(|r| !r.is_empty()) {
            return rest.to_string();
        }
    }
    q.to_string()
}

impl Store {
    /// People matching `q` (any part of any of their names, in Thai or English, a whole
    /// national ID, or a position number they hold on `on`), optionally only those whose
    /// position is in `units` on `on` and on `also_on` (the scope rule asks for today too:
    /// see `bmahr_core::access`). Returns one page, in order of current Thai name, and the
    /// total count. Names are matched in memory (see `names.rs`).
    pub async fn search_people(
        &self,
        q: &str,
        on: ThaiDate,
        units: Option<&[i64]>,
        also_on: Option<ThaiDate>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<PersonHit>, i64)> {
        // Control characters separate names inside the directory; whitespace is collapsed.
        let q: String = q
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let q = without_title(&q);
        if q.is_empty() {
            return Ok((Vec::new(), 0));
        }
        if units == Some(&[]) {
            return Ok((Vec::new(), 0));
        }
        let (mut matched, ranks) = {
            let dir = self.names_now().await?;
            let matched = dir.matching(&q);
            (matched, move |id: i64| dir.rank(id))
        };
        // A whole national ID, or a position number held on `on`, finds its holder too.
        let mut exact: Vec<i64> = Vec::new();
        let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() == 13 {
            exact.extend(
                sqlx::query_scalar::<_, i64>("SELECT id FROM people WHERE national_id = $1")
                    .bind(&digits)
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        // A position number is numbered: a query without a digit (Arabic or Thai) names no
        // position, and most searches are names.
        let positions: Vec<i64> = if q.chars().any(char::is_numeric) {
            // Two steps, so that no planner is tempted to scan the current periods first.
            sqlx::query_scalar("SELECT id FROM positions WHERE position_no = $1")
                .bind(&q)
                .fetch_all(&self.pool)
                .await?
        } else {
            Vec::new()
        };
        if !positions.is_empty() {
            exact.extend(
                sqlx::query_scalar::<_, i64>(&format!(
                    "SELECT person_id FROM register_spans WHERE valid_from <= $1 AND valid_to > $1{}",
                    and_in("position_id", &positions)
                ))
                .bind(on.iso())
                .fetch_all(&self.pool)
                .await?,
            );
        }
        if !exact.is_empty() {
            matched.extend(exact);
            matched.sort_by_key(|id| (ranks(*id), *id));
            matched.dedup();
        }
        drop(ranks);
        let matched = self.placed_within(matched, on, units, also_on).await?;
        let total = matched.len() as i64;
        let start = (offset.max(0) as usize).min(matched.len());
        let end = (start + limit.clamp(1, 200) as usize).min(matched.len());
        let ids: Vec<i64> = matched[start..end].to_vec();
        let hits = self.hits_on(&ids, on).await?;
        Ok((hits, total))
    }

    /// Of `matched` (in order), those whose position is in `units` on `on` (and `also_on`);
    /// all of them when `units` is `None`. The smaller side drives each query.
    pub(crate) async fn placed_within(
        &self,
        mut matched: Vec<i64>,
        on: ThaiDate,
        units: Option<&[i64]>,
        also_on: Option<ThaiDate>,
    ) -> Result<Vec<i64>> {
        let dates = std::iter::once(on).chain(also_on.filter(|d| *d != on));
        for day in dates {
            let Some(u) = units else { break };
            if matched.is_empty() {
                return Ok(matched);
            }
            let sql = if matched.len() <= 2000 {
                format!(
                    "SELECT person_id FROM register_spans WHERE valid_from <= $1 AND valid_to > $1{}{}",
                    and_in("person_id", &matched),
                    and_in("unit_id", u)
                )
            } else {
                format!(
                    "SELECT person_id FROM register_spans WHERE valid_to > $1 AND valid_from <= $1{}",
                    and_in("unit_id", u)
                )
            };
            let in_scope: std::collections::HashSet<i64> = sqlx::query_scalar(&sql)
                .bind(day.iso())
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .collect();
            matched.retain(|id| in_scope.contains(id));
        }
        Ok(matched)
    }

    /// People `ids` (in that order; unknown ids left out) with where each stands on `on`.
    pub(crate) async fn hits_on(&self, ids: &[i64], on: ThaiDate) -> Result<Vec<PersonHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // The page's people with where each stands on `on`, in one query (a round trip
        // costs more than the join on PostgreSQL).
        let list = ids
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut c = self.reader().await?;
        let rows = sqlx::query(&format!(
            "SELECT hit.*, s.status, pos.position_no, pos.line_of_work, pos.admin_title, s.unit_id, s.level, s.category \
             FROM ({PERSON_SELECT} WHERE p.id IN ({list})) AS hit \
             LEFT JOIN register_spans s ON s.person_id = hit.id AND s.valid_from <= $1 AND s.valid_to > $1 \
             LEFT JOIN positions pos ON pos.id = s.position_id"
        ))
        .bind(on.iso())
        .fetch_all(&mut *c)
        .await;
        c.settle(rows.is_ok());
        let rows = rows?;
        let mut found: std::collections::HashMap<i64, PersonHit> =
            std::collections::HashMap::with_capacity(rows.len());
        for r in &rows {
            let person = crate::people::person_row(r)?;
            // Periods do not overlap: at most one row a person; the first is kept.
            found.entry(person.id).or_insert(PersonHit {
                person,
                status: opt_text(r, "status")?,
                position_no: opt_text(r, "position_no")?,
                position_title: position_title(r)?,
                unit_id: opt_int(r, "unit_id")?,
                level: opt_text(r, "level")?,
                category: opt_text(r, "category")?,
            });
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The name directory, caught up with `person_names` as it is now. Searches share it
    /// while nothing was added; only one that finds new rows waits to read them.
    pub(crate) async fn names_now(
        &self,
    ) -> Result<tokio::sync::RwLockReadGuard<'_, crate::people::names::NameDirectory>> {
        let mut c = self.reader().await?;
        let max: sqlx::Result<Option<i64>> = sqlx::query_scalar("SELECT MAX(id) FROM person_names")
            .fetch_one(&mut *c)
            .await;
        c.settle(max.is_ok());
        let max = max?;
        let due = self.names_due.take();
        let dir = self.names.read().await;
        if matches!(due, Due::Nothing) && dir.has_seen(max) {
            return Ok(dir);
        }
        drop(dir);
        let mut dir = self.names.write().await;
        let read = dir.catch_up(max, &due, &self.pool).await;
        if read.is_err() {
            // Rows arrive in no order, so a read cut short may have skipped some below the
            // highest id it took in: read every name next time.
            self.names_due.all();
        }
        read?;
        Ok(dir.downgrade())
    }

    /// The unit a person's position is in on `on` (their last position if they have left).
    pub async fn person_unit_on(&self, person_id: i64, on: ThaiDate) -> Result<Option<i64>> {
        let r: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT unit_id FROM register_spans WHERE person_id = $1 AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1",
        )
        .bind(person_id)
        .bind(on.iso())
        .fetch_optional(&self.pool)
        .await?;
        Ok(r.flatten())
    }
}
