//! Every name anyone has borne, kept in memory for fragment search.
//!
//! A Thai name fragment of two or three characters cannot use a B-tree index (it may start
//! mid-word) and `LIKE '%…%'` scans every name row on every keystroke. The names of 175,000
//! people are a few megabytes, so the store keeps them in memory, sorted as results are shown,
//! and a search is one pass of a SIMD substring finder. `person_names` is append-only (a
//! name change adds a row), so the directory catches up by reading the rows it has not seen.

use std::collections::HashMap;

use memchr::memmem;
use sqlx::AnyPool;

use crate::Result;

/// How far back a catch-up re-reads, for rows whose transaction committed after a later
/// id was already seen (PostgreSQL hands out ids at insert, not at commit).
const LATE_COMMIT_WINDOW: i64 = 10_000;

/// One person's names: all of them, lower-cased, in one haystack, and the sort key of the
/// current one.
#[derive(Debug, Clone)]
struct Entry {
    person_id: i64,
    /// (valid_from, row id) of the name the key comes from; the newest wins.
    current: (String, i64),
    key: (String, String),
    haystack: String,
}

#[derive(Debug, Default)]
pub(crate) struct NameDirectory {
    entries: Vec<Entry>,
    by_person: HashMap<i64, usize>,
    seen: std::collections::HashSet<i64>,
    max_id: i64,
    /// Entries are re-sorted lazily, after a catch-up changed them.
    sorted: bool,
}

type NameRow = (i64, i64, String, String, String, String, String);

impl NameDirectory {
    fn add(&mut self, rows: Vec<NameRow>) {
        for (id, person_id, valid_from, first_th, last_th, first_en, last_en) in rows {
            if !self.seen.insert(id) {
                continue;
            }
            self.max_id = self.max_id.max(id);
            self.sorted = false;
            let text = format!("{first_th} {last_th}\u{1}{first_en} {last_en}").to_lowercase();
            let i = match self.by_person.get(&person_id) {
                Some(i) => *i,
                None => {
                    self.entries.push(Entry {
                        person_id,
                        current: (String::new(), i64::MIN),
                        key: Default::default(),
                        haystack: String::new(),
                    });
                    self.by_person.insert(person_id, self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            let e = &mut self.entries[i];
            if !e.haystack.is_empty() {
                e.haystack.push('\u{2}');
            }
            e.haystack.push_str(&text);
            if (valid_from.as_str(), id) > (e.current.0.as_str(), e.current.1) {
                e.current = (valid_from, id);
                e.key = (first_th, last_th);
            }
        }
        if !self.sorted {
            self.entries
                .sort_by(|a, b| (&a.key, a.person_id).cmp(&(&b.key, b.person_id)));
            self.by_person = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.person_id, i))
                .collect();
            self.sorted = true;
        }
    }

    /// Reads the name rows this directory has not seen.
    pub(crate) async fn catch_up(&mut self, pool: &AnyPool) -> Result<()> {
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM person_names")
            .fetch_one(pool)
            .await?;
        let Some(max) = max else {
            return Ok(());
        };
        if max == self.max_id {
            return Ok(());
        }
        let from = if self.max_id == 0 {
            0
        } else {
            self.max_id - LATE_COMMIT_WINDOW
        };
        let rows: Vec<NameRow> = sqlx::query_as(
            "SELECT id, person_id, valid_from, first_th, last_th, first_en, last_en FROM person_names WHERE id > $1",
        )
        .bind(from)
        .fetch_all(pool)
        .await?;
        self.add(rows);
        Ok(())
    }

    /// People any of whose names contain `q` (case-insensitive), in the order results are
    /// shown: by current Thai first name, last name, id.
    pub(crate) fn matching(&self, q: &str) -> Vec<i64> {
        let needle = q.to_lowercase();
        let finder = memmem::Finder::new(needle.as_bytes());
        self.entries
            .iter()
            .filter(|e| finder.find(e.haystack.as_bytes()).is_some())
            .map(|e| e.person_id)
            .collect()
    }

    /// Where a person sorts among the results (people unknown to it sort last).
    pub(crate) fn rank(&self, person_id: i64) -> usize {
        self.by_person
            .get(&person_id)
            .copied()
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, person: i64, from: &str, f: &str, l: &str, fe: &str) -> NameRow {
        (
            id,
            person,
            from.into(),
            f.into(),
            l.into(),
            fe.into(),
            "Test".into(),
        )
    }

    #[test]
    fn finds_fragments_of_any_name_ever_borne_in_name_order() {
        let mut d = NameDirectory::default();
        d.add(vec![
            row(1, 10, "2000-01-01", "สมศรี", "มีสุข", "Somsri"),
            row(2, 11, "2000-01-01", "วีระ", "กล้าหาญ", "Weera"),
            row(3, 12, "2000-01-01", "สมชาย", "ใจดี", "Somchai"),
        ]);
        assert_eq!(d.matching("สม"), vec![12, 10], "sorted by first name");
        assert_eq!(d.matching("SOM"), vec![12, 10], "English ignores case");
        assert_eq!(d.matching("ชาย ใจ"), vec![12], "across first and last name");
        assert!(d.matching("สมหญิง").is_empty());
        // A name change adds a row; the old name still finds the person, the new one sorts.
        d.add(vec![row(4, 11, "2020-01-01", "กิตติ", "กล้าหาญ", "Kitti")]);
        assert_eq!(d.matching("วีระ"), vec![11]);
        assert_eq!(d.matching("กล้า"), vec![11]);
        assert_eq!(d.rank(11), 0, "กิตติ sorts first now");
        // The same row read twice (a catch-up window) changes nothing.
        d.add(vec![row(4, 11, "2020-01-01", "กิตติ", "กล้าหาญ", "Kitti")]);
        assert_eq!(d.matching("กิตติ"), vec![11]);
    }
}
