//! Finding people by any part of a Thai or English name, a national ID or a position number.

use bmahr_core::ThaiDate;

use crate::people::PERSON_SELECT;
use crate::{PersonRow, Result, Store};

/// person, status, position number, unit, level, category of a span.
type SpanCols = (
    i64,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// One search result with where the person stands on the search date.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonHit {
    pub person: PersonRow,
    pub status: Option<String>,
    pub position_no: Option<String>,
    pub unit_id: Option<i64>,
    pub level: Option<String>,
    pub category: Option<String>,
}

impl Store {
    /// People matching `q` (any part of any of their names, in Thai or English, a whole
    /// national ID, or a position number they hold on `on`), optionally only those whose
    /// position on `on` is in `units`. Returns one page and the total count.
    pub async fn search_people(
        &self,
        q: &str,
        on: ThaiDate,
        units: Option<&[i64]>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<PersonHit>, i64)> {
        let q = q.trim();
        let like = format!("%{}%", q.replace(['%', '_'], ""));
        let like_lower = like.to_lowercase();
        let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
        let scope = match units {
            None => String::new(),
            Some([]) => return Ok((Vec::new(), 0)),
            Some(u) => format!(
                " AND s.unit_id IN ({})",
                u.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        };
        let matches = format!(
            "SELECT DISTINCT p.id, n.first_th, n.last_th FROM people p \
             JOIN person_names n ON n.person_id = p.id \
             LEFT JOIN register_spans s ON s.person_id = p.id AND s.valid_from <= $1 AND s.valid_to > $1 \
             LEFT JOIN positions pos ON pos.id = s.position_id \
             WHERE (n.first_th LIKE $2 OR n.last_th LIKE $2 OR (n.first_th || ' ' || n.last_th) LIKE $2 \
                    OR LOWER(n.first_en) LIKE $3 OR LOWER(n.last_en) LIKE $3 \
                    OR p.national_id = $4 OR pos.position_no = $5){scope}"
        );
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({matches}) m"))
            .bind(on.iso())
            .bind(&like)
            .bind(&like_lower)
            .bind(&digits)
            .bind(q)
            .fetch_one(&self.pool)
            .await?;
        let ids: Vec<(i64, String, String)> = sqlx::query_as(&format!(
            "{matches} ORDER BY n.first_th, n.last_th, p.id LIMIT $6 OFFSET $7"
        ))
        .bind(on.iso())
        .bind(&like)
        .bind(&like_lower)
        .bind(&digits)
        .bind(q)
        .bind(limit.clamp(1, 200))
        .bind(offset.max(0))
        .fetch_all(&self.pool)
        .await?;
        // The page's people and their periods in two queries, not two per person.
        if ids.is_empty() {
            return Ok((Vec::new(), total));
        }
        let list = ids
            .iter()
            .map(|(id, _, _)| id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows = sqlx::query(&format!("{PERSON_SELECT} WHERE p.id IN ({list})"))
            .fetch_all(&self.pool)
            .await?;
        let mut people: std::collections::HashMap<i64, PersonRow> =
            std::collections::HashMap::new();
        for r in &rows {
            let p = crate::people::person_row(r)?;
            people.insert(p.id, p);
        }
        let spans: Vec<SpanCols> = sqlx::query_as(&format!(
            "SELECT s.person_id, s.status, pos.position_no, s.unit_id, s.level, s.category FROM register_spans s \
             LEFT JOIN positions pos ON pos.id = s.position_id \
             WHERE s.person_id IN ({list}) AND s.valid_from <= $1 AND s.valid_to > $1"
        ))
        .bind(on.iso())
        .fetch_all(&self.pool)
        .await?;
        let mut hits = Vec::with_capacity(ids.len());
        for (id, _, _) in ids {
            let Some(person) = people.remove(&id) else {
                continue;
            };
            let span = spans.iter().find(|s| s.0 == id).cloned();
            let (status, position_no, unit_id, level, category) = match span {
                Some((_, st, no, u, l, c)) => (Some(st), no, u, l, c),
                None => (None, None, None, None, None),
            };
            hits.push(PersonHit {
                person,
                status,
                position_no,
                unit_id,
                level,
                category,
            });
        }
        Ok((hits, total))
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
