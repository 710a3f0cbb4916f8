//! How a list is ordered: a column from the list's own closed set (an enum per list, so no
//! text from a request ever reaches SQL) and a direction.

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Dir {
    #[default]
    Asc,
    Desc,
}

impl Dir {
    /// `asc` or `desc`, as in a query string.
    pub fn code(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }

    /// The other direction.
    pub fn flip(self) -> Dir {
        match self {
            Dir::Asc => Dir::Desc,
            Dir::Desc => Dir::Asc,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Dir::Asc => "",
            Dir::Desc => " DESC",
        }
    }
}

/// The columns a list may be sorted by.
pub trait SortColumn: Copy + Eq + 'static {
    /// Every column, in the order the list shows them.
    const ALL: &'static [Self];
    /// Its name in a query string (`?sort=`).
    fn code(self) -> &'static str;
}

/// A list's order: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort<K> {
    pub key: K,
    pub dir: Dir,
}

impl<K> Sort<K> {
    pub fn asc(key: K) -> Self {
        Sort { key, dir: Dir::Asc }
    }
    pub fn desc(key: K) -> Self {
        Sort {
            key,
            dir: Dir::Desc,
        }
    }
}

/// An ORDER BY list from fixed terms, each in `dir`, then `tie` (always ascending) so that
/// pages never overlap.
pub(crate) fn order_by(terms: &[&str], dir: Dir, tie: &str) -> String {
    let mut out: Vec<String> = terms.iter().map(|t| format!("{t}{}", dir.sql())).collect();
    out.push(tie.to_string());
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_takes_the_direction_but_the_tie() {
        assert_eq!(order_by(&["a", "b"], Dir::Desc, "id"), "a DESC, b DESC, id");
        assert_eq!(order_by(&["a"], Dir::Asc, "id"), "a, id");
        assert_eq!(Dir::Asc.flip(), Dir::Desc);
    }
}
