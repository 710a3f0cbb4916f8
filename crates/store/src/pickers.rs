//! Pickers: the few people, positions or units a form's field may name, found as one types
//! (issue 23). People are found as the search finds them (`people/search.rs`, names in
//! memory); this module adds what tells two of them apart (salary), positions by number or
//! title with their holders, and units by code or name (from the units kept in memory).
//!
//! Each answers at most `limit` rows (at most [`PICK_MAX`]) and says whether more matched,
//! so a picker never reads a whole list.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use bmahr_core::register::Status;
use bmahr_core::{Satang, ThaiDate};

use crate::frame::positions::{position, POSITION_COLS};
use crate::frame::{Holder, PositionRow, UnitRow, LATEST_NAME};
use crate::people::PersonHit;
use crate::row::{and_in, code, int, opt_int, text};
use crate::{Backend, Result, Store};

/// The most rows a picker answers.
pub const PICK_MAX: i64 = 20;

/// A position a picker offers: the position, its unit's names and its holder on the date
/// (`None`: vacant).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PickPosition {
    pub position: PositionRow,
    pub unit_name_th: String,
    pub unit_name_en: String,
    pub holder: Option<Holder>,
}

/// The distinct lines of work and administrative titles of positions, with what they were
/// read under: (highest position id, the process's register generation).
pub(crate) type Titles = ((i64, u64), Arc<Vec<String>>, Arc<Vec<String>>);

/// Spans of people in service on `$1` (alias `s`).
const IN_SERVICE_ON: &str =
    "s.valid_from <= $1 AND s.valid_to > $1 AND s.status IN ('active', 'suspended')";

/// Vacancy periods (alias `v`) covering `$1`.
const VACANT_ON: &str = "v.valid_from <= $1 AND v.valid_to > $1";

/// The first text after every text that starts with `prefix` (its last character moved on
/// by one): `prefix <= x < next` is "x starts with prefix" for a bytewise order.
fn after_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(last as u32 + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Whether `u` is valid on `on`.
fn unit_valid_on(u: &UnitRow, on: ThaiDate) -> bool {
    u.validity.from <= on && u.validity.to.is_none_or(|t| t >= on)
}

impl Store {
    /// People `ids` (in that order) whose position is in `units` on `on` and on `also_on`
    /// (`units` `None`: anyone), with where each stands on `on`: the picker's `#<id>`.
    pub async fn people_by_ids_within(
        &self,
        ids: &[i64],
        on: ThaiDate,
        units: Option<&[i64]>,
        also_on: Option<ThaiDate>,
    ) -> Result<Vec<PersonHit>> {
        if units == Some(&[]) || ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = self.placed_within(ids.to_vec(), on, units, also_on).await?;
        self.hits_on(&ids, on).await
    }

    /// People whose national ID starts with `prefix` (digits only), placed in `units` on
    /// `on` and `also_on`, by ID: at most `limit`. Only for readers who see identities (the
    /// use-case decides); a range of the ID's own index.
    pub async fn people_by_id_prefix(
        &self,
        prefix: &str,
        on: ThaiDate,
        units: Option<&[i64]>,
        also_on: Option<ThaiDate>,
        limit: i64,
    ) -> Result<Vec<PersonHit>> {
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_digit()) || units == Some(&[]) {
            return Ok(Vec::new());
        }
        let Some(next) = after_prefix(prefix) else {
            return Ok(Vec::new());
        };
        // IDs are digits only, so the range is the same in every collation.
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM people WHERE national_id >= $1 AND national_id < $2 ORDER BY national_id LIMIT 2000",
        )
        .bind(prefix)
        .bind(next)
        .fetch_all(&self.pool)
        .await?;
        let mut ids = self.placed_within(ids, on, units, also_on).await?;
        ids.truncate(limit.clamp(1, PICK_MAX) as usize);
        self.hits_on(&ids, on).await
    }

    /// Each person's salary on `on` (the latest live action that set one), for a few people.
    pub async fn salaries_on(&self, ids: &[i64], on: ThaiDate) -> Result<HashMap<i64, Satang>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT a.person_id, a.salary FROM actions a WHERE a.effective_date <= $1 \
             AND a.salary IS NOT NULL{} \
             AND NOT EXISTS (SELECT 1 FROM action_voids v WHERE v.action_id = a.id) \
             ORDER BY a.person_id, a.effective_date, a.id",
            and_in("a.person_id", ids)
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        // The last row of each person is the salary in force (as the register's fold says).
        Ok(rows
            .into_iter()
            .map(|(p, s)| (p, Satang::from_satang(s)))
            .collect())
    }

    /// Positions in the frame on `on` whose number starts with `q` (a query with a digit) or
    /// whose title or line of work contains it, in `units` (`None`: the whole BMA), only
    /// vacant ones when `vacant_only`; at most `limit`, by number, and whether more matched.
    pub async fn pick_positions(
        &self,
        q: &str,
        on: ThaiDate,
        units: Option<&[i64]>,
        vacant_only: bool,
        limit: i64,
    ) -> Result<(Vec<PickPosition>, bool)> {
        let q = q.trim();
        let limit = limit.clamp(1, PICK_MAX);
        if q.is_empty() || units == Some(&[]) {
            return Ok((Vec::new(), false));
        }
        let scope = units.map(|u| and_in("p.unit_id", u)).unwrap_or_default();
        let vacant = if vacant_only {
            format!(" AND EXISTS (SELECT 1 FROM position_vacancies v WHERE v.position_id = p.id AND {VACANT_ON})")
        } else {
            String::new()
        };
        let valid = "p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1)";
        let cols = "u.name_th AS unit_name_th, u.name_en AS unit_name_en";
        let select = format!(
            "SELECT {POSITION_COLS}, {cols} FROM positions p JOIN units u ON u.id = p.unit_id WHERE {valid}"
        );
        let mut rows = Vec::new();
        if q.chars().any(|c| c.is_ascii_digit()) {
            // Numbers by a range of the number's index, in its order (bytewise: PostgreSQL's
            // "C" collation, SQLite's own; ordered in another collation, PostgreSQL would read
            // every number in that order and filter).
            let col = match self.backend() {
                Backend::Postgres => "p.position_no COLLATE \"C\"",
                Backend::Sqlite => "p.position_no",
            };
            let (matching, next) = match after_prefix(q) {
                Some(next) => (format!(" AND {col} >= $2 AND {col} < $3"), Some(next)),
                None => (" AND p.position_no = $2".to_string(), None),
            };
            let sql = format!(
                "{select}{matching}{scope}{vacant} ORDER BY {col}, p.id LIMIT {}",
                limit + 1
            );
            let mut query = sqlx::query(&sql).bind(on.iso()).bind(q.to_string());
            if let Some(n) = next {
                query = query.bind(n);
            }
            rows = query.fetch_all(&self.pool).await?;
        } else {
            // Titles: the few distinct ones that contain the query, found in memory, then
            // their positions through each column's index (administrative titles first:
            // they name a post); the page is put in number order.
            let (lines, admins) = self.position_titles().await?;
            let ql = q.to_lowercase();
            let admins: Vec<&String> = admins
                .iter()
                .filter(|t| t.to_lowercase().contains(&ql))
                .collect();
            let lines: Vec<&String> = lines
                .iter()
                .filter(|t| t.to_lowercase().contains(&ql))
                .collect();
            for (col, titles) in [("admin_title", admins), ("line_of_work", lines)] {
                let wanted = limit + 1 - rows.len() as i64;
                if titles.is_empty() || wanted <= 0 {
                    continue;
                }
                let marks: Vec<String> = (0..titles.len()).map(|i| format!("${}", i + 2)).collect();
                let seen: Vec<i64> = rows.iter().map(|r| int(r, "id")).collect::<Result<_>>()?;
                let not_seen = if seen.is_empty() {
                    String::new()
                } else {
                    format!(
                        " AND p.id NOT IN ({})",
                        seen.iter()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                };
                let marks = marks.join(", ");
                let sql = if vacant_only {
                    // Read from the vacant periods of these titles on the date, never
                    // probing the filled positions (nearly all of a common title).
                    let scope = units.map(|u| and_in("v.unit_id", u)).unwrap_or_default();
                    format!(
                        "SELECT {POSITION_COLS}, {cols} FROM position_vacancies v \
                         JOIN positions p ON p.id = v.position_id JOIN units u ON u.id = p.unit_id \
                         WHERE v.{col} IN ({marks}) AND {VACANT_ON}{scope}{not_seen} LIMIT {wanted}"
                    )
                } else {
                    format!("{select} AND p.{col} IN ({marks}){scope}{not_seen} LIMIT {wanted}")
                };
                let mut query = sqlx::query(&sql).bind(on.iso());
                for t in titles {
                    query = query.bind(t.clone());
                }
                rows.extend(query.fetch_all(&self.pool).await?);
            }
        }
        let more = rows.len() as i64 > limit;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows.iter().take(limit as usize) {
            out.push(PickPosition {
                position: position(r)?,
                unit_name_th: text(r, "unit_name_th")?,
                unit_name_en: text(r, "unit_name_en")?,
                holder: None,
            });
        }
        out.sort_by(|a, b| {
            (&a.position.position_no, a.position.id).cmp(&(&b.position.position_no, b.position.id))
        });
        if !out.is_empty() && !vacant_only {
            let ids: Vec<i64> = out.iter().map(|p| p.position.id).collect();
            let holders = self.holders_on(&ids, on).await?;
            for p in &mut out {
                p.holder = holders.get(&p.position.id).cloned();
            }
        }
        Ok((out, more))
    }

    /// The distinct lines of work and administrative titles of positions, read again only
    /// when a position was added (a higher id) or this process changed the frame.
    async fn position_titles(&self) -> Result<(Arc<Vec<String>>, Arc<Vec<String>>)> {
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM positions")
            .fetch_one(&self.pool)
            .await?;
        let key = (
            max.unwrap_or(0),
            self.register_gen.load(std::sync::atomic::Ordering::Relaxed),
        );
        if let Some((k, lines, admins)) = self
            .position_titles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            if *k == key {
                return Ok((lines.clone(), admins.clone()));
            }
        }
        let lines: Vec<String> = sqlx::query_scalar("SELECT DISTINCT line_of_work FROM positions")
            .fetch_all(&self.pool)
            .await?;
        let admins: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT admin_title FROM positions WHERE admin_title <> ''",
        )
        .fetch_all(&self.pool)
        .await?;
        let (lines, admins) = (Arc::new(lines), Arc::new(admins));
        *self
            .position_titles
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some((key, lines.clone(), admins.clone()));
        Ok((lines, admins))
    }

    /// Who holds each of some positions on `on` (people in service).
    async fn holders_on(&self, positions: &[i64], on: ThaiDate) -> Result<HashMap<i64, Holder>> {
        let rows = sqlx::query(&format!(
            "SELECT s.position_id, s.status, p.id AS person_id, n.title, n.first_th, n.last_th, n.first_en, n.last_en \
             FROM register_spans s JOIN people p ON p.id = s.person_id JOIN person_names n ON {LATEST_NAME} \
             WHERE {IN_SERVICE_ON}{} ORDER BY p.id",
            and_in("s.position_id", positions)
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        let mut holders: HashMap<i64, Holder> = HashMap::new();
        for r in &rows {
            let Some(pos) = opt_int(r, "position_id")? else {
                continue;
            };
            let h = Holder {
                person_id: int(r, "person_id")?,
                name: crate::people::name(r)?,
                status: code(r, "status", Status::parse)?,
            };
            holders.entry(pos).or_insert(h);
        }
        Ok(holders)
    }

    /// Units valid on `on` whose code or Thai or English name contains `q` (any case), in
    /// `units` (`None`: every unit): a code typed whole first, then codes that start with
    /// it, then names that start with it, then the rest, each by code; at most `limit`, and
    /// whether more matched. Read from the units kept in memory.
    pub async fn pick_units(
        &self,
        q: &str,
        on: ThaiDate,
        units: Option<&HashSet<i64>>,
        limit: i64,
    ) -> Result<(Vec<UnitRow>, bool)> {
        let q = q.trim().to_lowercase();
        let limit = limit.clamp(1, PICK_MAX) as usize;
        if q.is_empty() {
            return Ok((Vec::new(), false));
        }
        let all = self.units_shared().await?;
        let mut found: Vec<(u8, &UnitRow)> = all
            .iter()
            .filter(|u| unit_valid_on(u, on) && units.is_none_or(|s| s.contains(&u.id)))
            .filter_map(|u| {
                let code = u.code.to_lowercase();
                let th = u.name_th.to_lowercase();
                let en = u.name_en.to_lowercase();
                let rank = if code == q {
                    0
                } else if code.starts_with(&q) {
                    1
                } else if th.starts_with(&q) || en.starts_with(&q) {
                    2
                } else if code.contains(&q) || th.contains(&q) || en.contains(&q) {
                    3
                } else {
                    return None;
                };
                Some((rank, u))
            })
            .collect();
        found.sort_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
        let more = found.len() > limit;
        Ok((
            found
                .into_iter()
                .take(limit)
                .map(|(_, u)| u.clone())
                .collect(),
            more,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_range_holds_what_starts_with_it() {
        let next = after_prefix("12").unwrap();
        assert_eq!(next, "13");
        for x in ["12", "120", "12-9", "129999"] {
            assert!(x >= "12" && x < next.as_str(), "{x}");
        }
        for x in ["11", "13", "1", "2"] {
            assert!(!(x >= "12" && x < next.as_str()), "{x}");
        }
    }
}
