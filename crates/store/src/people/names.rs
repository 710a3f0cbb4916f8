//! Every name anyone has borne, kept in memory for fragment search.
//!
//! A Thai name fragment of two or three characters cannot use a B-tree index (it may start
//! mid-word) and `LIKE '%…%'` scans every name row on every keystroke. The names of 175,000
//! people are a few megabytes, so the store keeps them in memory, sorted as results are shown,
//! in one buffer that a search scans once with a SIMD substring finder. Thai takes three bytes
//! a character in UTF-8, all starting with the same lead byte, which defeats the finder's
//! prefilter; the buffer therefore holds one byte per character (ASCII lower-cased, the Thai
//! block at 0x80–0xFF). `person_names` is append-only (a name change adds a row), so the
//! directory catches up by reading the rows past the highest id it has seen, and the names
//! of the people it heard of changing (see [`Due`]).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use bmahr_core::thai_order;
use futures_util::TryStreamExt;
use memchr::memmem;
use sqlx::AnyPool;

use crate::Result;

/// People heard of more than this between two searches: read every name again.
const DUE_AT_MOST: usize = 10_000;

/// What the directory must read again beyond the rows past its highest id: PostgreSQL hands
/// out ids as rows are inserted, not as they commit, so a long transaction (an import) may
/// commit names below ids already read. Triggers tell which people changed (`changes.rs`):
/// their names are read again whatever their ids.
#[derive(Debug, Default)]
pub(crate) enum Due {
    #[default]
    Nothing,
    People(HashSet<i64>),
    /// Changes may have gone unheard (the listener connected or was lost).
    All,
}

/// [`Due`], as the listener of changes fills it and searches take it.
#[derive(Debug, Default)]
pub(crate) struct NamesDue(Mutex<Due>);

impl NamesDue {
    fn lock(&self) -> std::sync::MutexGuard<'_, Due> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn heard(&self, id: i64) {
        let mut due = self.lock();
        match &mut *due {
            Due::All => {}
            Due::Nothing => *due = Due::People(HashSet::from([id])),
            Due::People(ids) => {
                ids.insert(id);
                if ids.len() > DUE_AT_MOST {
                    *due = Due::All;
                }
            }
        }
    }

    pub(crate) fn all(&self) {
        *self.lock() = Due::All;
    }

    pub(crate) fn take(&self) -> Due {
        std::mem::take(&mut *self.lock())
    }
}

/// How far back a catch-up re-reads, for rows whose transaction committed after a later
/// id was already seen (PostgreSQL hands out ids at insert, not at commit).
const LATE_COMMIT_WINDOW: i64 = 10_000;

/// Between two people in the buffer, and between two names of one person.
const PERSON_SEP: u8 = 0x00;
const NAME_SEP: u8 = 0x01;
/// Any character outside ASCII and the Thai block; a match through it is checked on the text.
const OTHER: u8 = 0x7F;

/// One byte per character: ASCII lower-cased, U+0E00–U+0E7F to 0x80–0xFF, the rest `OTHER`.
fn encode(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        out.push(match c {
            c if c.is_ascii_control() => b' ',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            '\u{0E00}'..='\u{0E7F}' => 0x80 + (c as u32 - 0x0E00) as u8,
            _ => OTHER,
        });
    }
}

/// Between the texts of one person in [`Entry::texts`], and between the Thai first and last
/// name in [`Entry::key`].
const TEXT_SEP: char = '\0';

/// One person: every name they have borne, and the sort key of the current one. Kept for
/// every person ever registered (400,000 at 200,000 in service), so one allocation each for
/// the key and the texts.
#[derive(Debug, Clone)]
struct Entry {
    person_id: i64,
    /// (valid_from, row id) of the name the key comes from; the newest wins.
    current: (Box<str>, i64),
    /// `first_th`, [`TEXT_SEP`], `last_th` of the current name.
    key: Box<str>,
    /// `first_th last_th` and `first_en last_en` of each name, lower-cased, joined by
    /// [`TEXT_SEP`].
    texts: Box<str>,
}

impl Entry {
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.texts.split(TEXT_SEP)
    }

    /// The order results are shown in: the current Thai first name, then last name, in Thai
    /// dictionary order ([`bmahr_core::thai_order`]: เกษม under ก, not after ฮ), then id.
    fn cmp_shown(&self, other: &Entry) -> std::cmp::Ordering {
        let (f1, l1) = self.key.split_once(TEXT_SEP).unwrap_or((&self.key, ""));
        let (f2, l2) = other.key.split_once(TEXT_SEP).unwrap_or((&other.key, ""));
        thai_order(f1, f2)
            .then_with(|| thai_order(l1, l2))
            .then_with(|| self.person_id.cmp(&other.person_id))
    }
}

/// Pairs of encoded characters: two bytes.
const PAIRS: usize = 1 << 16;

#[derive(Debug, Default)]
pub(crate) struct NameDirectory {
    /// Sorted as results are shown ([`Entry::cmp_shown`]).
    entries: Vec<Entry>,
    by_person: HashMap<i64, usize>,
    /// The encoded names of `entries[i]` start at `starts[i]`.
    buf: Vec<u8>,
    starts: Vec<usize>,
    /// For each pair of adjacent encoded characters, the entries containing it, in order (a
    /// query looks at the entries of its rarest pair only): those of pair `p` are
    /// `pair_entries[pair_starts[p]..pair_starts[p + 1]]`.
    pair_starts: Vec<u32>,
    pair_entries: Vec<u32>,
    seen: HashSet<i64>,
    max_id: i64,
}

type NameRow = (i64, i64, String, String, String, String, String);

/// The distinct pairs of one person's encoded names, sorted.
fn pairs_of(encoded: &[u8], out: &mut Vec<u16>) {
    out.clear();
    out.extend(
        encoded
            .windows(2)
            .filter(|w| w[0] > NAME_SEP && w[1] > NAME_SEP)
            .map(|w| u16::from_be_bytes([w[0], w[1]])),
    );
    out.sort_unstable();
    out.dedup();
}

impl NameDirectory {
    /// Adds rows, then indexes the directory again if any was new.
    #[cfg(test)]
    fn add(&mut self, rows: Vec<NameRow>) {
        let mut changed = false;
        for row in rows {
            changed |= self.insert(row);
        }
        if changed {
            self.index();
        }
    }

    /// Takes in one name row; whether it was new. [`Self::index`] must follow before a search.
    fn insert(&mut self, row: NameRow) -> bool {
        let (id, person_id, valid_from, first_th, last_th, first_en, last_en) = row;
        if !self.seen.insert(id) {
            return false;
        }
        self.max_id = self.max_id.max(id);
        let i = *self.by_person.entry(person_id).or_insert_with(|| {
            self.entries.push(Entry {
                person_id,
                current: ("".into(), i64::MIN),
                key: "".into(),
                texts: "".into(),
            });
            self.entries.len() - 1
        });
        let e = &mut self.entries[i];
        let mut texts = String::from(std::mem::take(&mut e.texts));
        if !texts.is_empty() {
            texts.push(TEXT_SEP);
        }
        texts.push_str(
            &format!("{first_th} {last_th}{TEXT_SEP}{first_en} {last_en}").to_lowercase(),
        );
        e.texts = texts.into_boxed_str();
        if (valid_from.as_str(), id) > (&*e.current.0, e.current.1) {
            e.current = (valid_from.into_boxed_str(), id);
            e.key = format!("{first_th}{TEXT_SEP}{last_th}").into_boxed_str();
        }
        true
    }

    /// Sorts the people as results are shown and rebuilds the buffer and the pair index.
    /// After the first load the entries are in order but for the people added or renamed
    /// since, and the sort takes the runs already in order as they are.
    fn index(&mut self) {
        self.entries.sort_by(Entry::cmp_shown);
        self.by_person.clear();
        self.by_person.extend(
            self.entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.person_id, i)),
        );
        self.buf.clear();
        self.starts.clear();
        for e in &self.entries {
            self.starts.push(self.buf.len());
            for t in e.texts() {
                encode(t, &mut self.buf);
                self.buf.push(NAME_SEP);
            }
            self.buf.push(PERSON_SEP);
        }
        self.entries.shrink_to_fit();
        self.buf.shrink_to_fit();
        self.starts.shrink_to_fit();
        // Two passes over the buffer: count each pair's entries, then place them.
        let mut pairs = Vec::new();
        let mut counts = vec![0u32; PAIRS + 1];
        for i in 0..self.entries.len() {
            pairs_of(self.encoded(i), &mut pairs);
            pairs.iter().for_each(|p| counts[*p as usize + 1] += 1);
        }
        for p in 0..PAIRS {
            counts[p + 1] += counts[p];
        }
        let mut next = counts.clone();
        self.pair_entries = vec![0; counts[PAIRS] as usize];
        for i in 0..self.entries.len() {
            pairs_of(self.encoded(i), &mut pairs);
            for p in &pairs {
                let at = &mut next[*p as usize];
                self.pair_entries[*at as usize] = i as u32;
                *at += 1;
            }
        }
        self.pair_starts = counts;
    }

    /// The encoded names of `entries[i]`.
    fn encoded(&self, i: usize) -> &[u8] {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.buf.len());
        &self.buf[self.starts[i]..end]
    }

    /// The entries whose names contain pair `p`.
    fn with_pair(&self, p: u16) -> &[u32] {
        match self.pair_starts.get(p as usize..=p as usize + 1) {
            Some([from, to]) => &self.pair_entries[*from as usize..*to as usize],
            _ => &[],
        }
    }

    /// Whether rows up to `max` (the highest id in `person_names` now) are all read.
    pub(crate) fn has_seen(&self, max: Option<i64>) -> bool {
        max.is_none_or(|m| m <= self.max_id)
    }

    /// Reads what the directory has not seen: the rows past the highest id it has (given
    /// `max`, the highest now), and every name of the people `due`.
    pub(crate) async fn catch_up(
        &mut self,
        max: Option<i64>,
        due: &Due,
        pool: &AnyPool,
    ) -> Result<()> {
        let mut changed = false;
        let read = self.read_new(max, due, pool, &mut changed).await;
        // Rows taken in before a failure are indexed too: a row is taken in only once.
        if changed {
            self.index();
        }
        read
    }

    async fn read_new(
        &mut self,
        max: Option<i64>,
        due: &Due,
        pool: &AnyPool,
        changed: &mut bool,
    ) -> Result<()> {
        let select = "SELECT id, person_id, valid_from, first_th, last_th, first_en, last_en FROM person_names";
        if let Due::People(ids) = due {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            for chunk in ids.chunks(1000) {
                let sql = format!("{select} WHERE person_id IN ({})", chunk.join(","));
                self.insert_all(sqlx::query_as(&sql).fetch(pool), changed)
                    .await?;
            }
        }
        if !self.has_seen(max) || matches!(due, Due::All) {
            let from = if self.max_id == 0 || matches!(due, Due::All) {
                0
            } else {
                self.max_id - LATE_COMMIT_WINDOW
            };
            let sql = format!("{select} WHERE id > $1");
            self.insert_all(sqlx::query_as(&sql).bind(from).fetch(pool), changed)
                .await?;
        }
        Ok(())
    }

    /// Takes in rows as they arrive (every name at once would be a few hundred megabytes of
    /// rows at 400,000 people).
    async fn insert_all(
        &mut self,
        mut rows: impl futures_util::Stream<Item = sqlx::Result<NameRow>> + Unpin,
        changed: &mut bool,
    ) -> Result<()> {
        while let Some(row) = rows.try_next().await? {
            *changed |= self.insert(row);
        }
        Ok(())
    }

    /// People any of whose names contain `q` (case-insensitive), in the order results are
    /// shown: by current Thai first name, last name (in Thai dictionary order), id.
    pub(crate) fn matching(&self, q: &str) -> Vec<i64> {
        let q = q.to_lowercase();
        let mut needle = Vec::with_capacity(q.len());
        encode(&q, &mut needle);
        if needle.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<i64> = Vec::new();
        // Two characters or more: only the entries holding the needle's rarest pair can match.
        if needle.len() >= 2 {
            let rarest = needle
                .windows(2)
                .map(|w| u16::from_be_bytes([w[0], w[1]]))
                .min_by_key(|p| self.with_pair(*p).len());
            let Some(candidates) = rarest.map(|p| self.with_pair(p)) else {
                return out;
            };
            let finder = memmem::Finder::new(&needle);
            for &i in candidates {
                let i = i as usize;
                let e = &self.entries[i];
                if (needle.len() == 2 || finder.find(self.encoded(i)).is_some())
                    && (!needle.contains(&OTHER) || e.texts().any(|t| t.contains(&q)))
                {
                    out.push(e.person_id);
                }
            }
            return out;
        }
        let mut last = usize::MAX;
        for at in memmem::find_iter(&self.buf, &needle) {
            let i = self.starts.partition_point(|s| *s <= at) - 1;
            if i == last {
                continue;
            }
            last = i;
            let e = &self.entries[i];
            // Characters outside ASCII and Thai share one byte: check those on the text.
            if needle.contains(&OTHER) && !e.texts().any(|t| t.contains(&q)) {
                continue;
            }
            out.push(e.person_id);
        }
        out
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
        // Letters outside ASCII and Thai share a byte in the buffer; the text decides.
        d.add(vec![row(5, 13, "2000-01-01", "โฮเซ่", "ซิลวา", "José")]);
        assert_eq!(d.matching("JOSÉ"), vec![13]);
        assert!(d.matching("josè").is_empty());
        assert!(d.matching("").is_empty());
    }

    #[test]
    fn results_are_in_thai_dictionary_order() {
        // Shuffled; leading vowels file a name under the consonant after them.
        let firsts = [
            "ไพศาล",
            "ฮาซัน",
            "เกษม",
            "ขวัญ",
            "โกวิท",
            "กมล",
            "ใจดี",
            "แก้ว",
            "ปรีชา",
        ];
        let mut d = NameDirectory::default();
        d.add(
            firsts
                .iter()
                .enumerate()
                .map(|(i, f)| row(i as i64 + 1, i as i64 + 100, "2000-01-01", f, "ทดสอบ", "T"))
                .collect(),
        );
        // The same first name: the last name decides (แก้วมณี under ก, before ชื่นชม).
        d.add(vec![
            row(20, 200, "2000-01-01", "เกษม", "ชื่นชม", "T"),
            row(21, 201, "2000-01-01", "เกษม", "แก้วมณี", "T"),
        ]);
        let shown: Vec<i64> = d.matching("เกษม");
        assert_eq!(shown, vec![201, 200, 102]);
        let shown: Vec<&str> = d
            .matching("ทดสอบ")
            .iter()
            .map(|id| firsts[(*id - 100) as usize])
            .collect();
        assert_eq!(
            shown,
            [
                "กมล",
                "เกษม",
                "แก้ว",
                "โกวิท",
                "ขวัญ",
                "ใจดี",
                "ปรีชา",
                "ไพศาล",
                "ฮาซัน"
            ]
        );
    }

    proptest::proptest! {
        /// The pair index finds exactly the people a plain substring test finds.
        #[test]
        fn index_agrees_with_a_plain_search(
            names in proptest::collection::vec("[สมชายใจดีaB é]{1,6}", 1..30),
            q in "[สมชายใจดีab é]{1,3}",
        ) {
            let mut d = NameDirectory::default();
            let rows: Vec<NameRow> = names
                .iter()
                .enumerate()
                .map(|(i, n)| row(i as i64 + 1, i as i64 + 100, "2000-01-01", n, "x", n))
                .collect();
            d.add(rows);
            let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut got = d.matching(&q);
            got.sort_unstable();
            let needle = q.to_lowercase();
            let mut want: Vec<i64> = if needle.is_empty() {
                Vec::new()
            } else {
                names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| {
                        format!("{n} x").to_lowercase().contains(&needle)
                            || format!("{n} test").to_lowercase().contains(&needle)
                    })
                    .map(|(i, _)| i as i64 + 100)
                    .collect()
            };
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
