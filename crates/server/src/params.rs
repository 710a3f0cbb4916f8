//! Query parameters read by hand for both doors (API and pages), so that a bad value names
//! its field in Thai and English (instead of a bare rejection of the whole query string).

use bmahr_core::Violation;

use bmahr_core::access::Board;
use bmahr_core::law::case_file::CaseKind;
use bmahr_store::ForecastBy;

use crate::error::ApiError;

/// `true`/`false` (also `1`/`0`, `yes`/`no`, `ว่าง`), or absent.
pub fn bool_param(field: &str, v: Option<&str>) -> Result<Option<bool>, ApiError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some("true" | "1" | "yes" | "on" | "ว่าง") => Ok(Some(true)),
        Some("false" | "0" | "no" | "off") => Ok(Some(false)),
        Some(other) => Err(ApiError::bad(Violation::new(
            "bool.format",
            field,
            format!("ค่า \"{other}\" ไม่ถูกต้อง: ใช้ true หรือ false"),
            format!("\"{other}\" is invalid: use true or false"),
        ))),
    }
}

/// A year of the Buddhist era (e.g. `2570`), or `default` when absent.
pub fn year_be_param(field: &str, v: Option<&str>, default: i32) -> Result<i32, ApiError> {
    let s = match v.map(str::trim) {
        None | Some("") => return Ok(default),
        Some(s) => s,
    };
    let digits: String = s
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .collect();
    match digits.parse::<i32>() {
        Ok(y) if (2400..=3000).contains(&y) => Ok(y),
        _ => Err(ApiError::bad(Violation::new(
            "year.format",
            field,
            format!("ปี \"{s}\" ไม่ถูกต้อง: ใช้ปีพุทธศักราช 4 หลัก เช่น 2570"),
            format!("year \"{s}\" is invalid: use a Buddhist-era year, e.g. 2570"),
        ))),
    }
}

/// A kind of case file, or none.
pub fn kind_param(v: Option<&str>) -> Result<Option<CaseKind>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => CaseKind::parse(s).map(Some).map_err(ApiError::bad),
    }
}

/// Which deadline board (`units` by default).
pub fn board_param(v: Option<&str>) -> Result<Board, ApiError> {
    match v.unwrap_or("units") {
        "units" | "" => Ok(Board::Units),
        "kpk" => Ok(Board::Kpk),
        "mine" => Ok(Board::Mine),
        other => Err(ApiError::bad(Violation::new(
            "board.unknown",
            "board",
            format!("board ต้องเป็น units, kpk หรือ mine (ไม่ใช่ \"{other}\")"),
            format!("board must be units, kpk or mine (not \"{other}\")"),
        ))),
    }
}

/// How the retirement forecast is grouped (`agency` by default).
pub fn forecast_by(v: Option<&str>) -> Result<ForecastBy, ApiError> {
    match v.map(str::trim) {
        None | Some("") => Ok(ForecastBy::Agency),
        Some(s) => ForecastBy::parse(s).map_err(ApiError::bad),
    }
}

pub use bmahr_store::sort::{Dir, Sort, SortColumn};

/// `?sort=COLUMN&dir=asc|desc` on a list: which column orders it, checked against that list's
/// own closed set of columns (an enum implementing [`SortColumn`], passed down to its store
/// query; the text of the request never reaches SQL).
///
/// How a list uses it (the units' positions, `views/frame.rs`, are an example):
///
/// 1. Take it from the query with the list's other parameters: `Query(s): Query<SortParam>`.
/// 2. `let sort = s.parse(Sort::asc(PositionSort::No))?;` — a column not in the list's set is
///    a 400 naming the field `sort` and the columns it takes; a direction other than `asc`
///    or `desc` names the field `dir`.
/// 3. Give the page `sorting => sort_links(raw_query, sort)` (`RawQuery` from axum): the
///    page's query without `sort`, `dir`, `page`, `lang` and `format`, as query-only links.
/// 4. In the template, `{% import "sort_th.html" as s %}` and, for each sortable column,
///    `{{ s.th(sorting, "no", t(lang, "เลขที่ตำแหน่ง", "Position no.")) }}` (a fourth
///    argument is the `<th>`'s class, e.g. `"num"`). The header links to the list sorted by
///    that column (ascending, or the other way when it is already the order), keeps the
///    other filters, starts again at page 1 and carries `aria-sort` on the sorted column.
///    Pager links are `{{ sorting.pages }}page={{ page + 1 }}` (filters and order kept).
#[derive(serde::Deserialize, Debug, Clone, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SortParam {
    /// The column the list is ordered by (each list names its own).
    pub sort: Option<String>,
    /// `asc` (default) or `desc`.
    pub dir: Option<String>,
}

impl SortParam {
    /// The order asked for, or `default` (whose direction also stands when only `sort` is
    /// given for the default column and `dir` is absent).
    pub fn parse<K: SortColumn>(&self, default: Sort<K>) -> Result<Sort<K>, ApiError> {
        let key =
            match self.sort.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(s) => Some(K::ALL.iter().copied().find(|k| k.code() == s).ok_or_else(
                    || {
                        let known = K::ALL
                            .iter()
                            .map(|k| k.code())
                            .collect::<Vec<_>>()
                            .join(", ");
                        ApiError::bad(Violation::new(
                            "sort.unknown",
                            "sort",
                            format!("เรียงตาม \"{s}\" ไม่ได้: ใช้ {known}"),
                            format!("cannot sort by \"{s}\": use {known}"),
                        ))
                    },
                )?),
            };
        let dir = match self.dir.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("asc") => Some(Dir::Asc),
            Some("desc") => Some(Dir::Desc),
            Some(other) => {
                return Err(ApiError::bad(Violation::new(
                    "sort.dir",
                    "dir",
                    format!("ทิศทาง \"{other}\" ไม่ถูกต้อง: ใช้ asc (น้อยไปมาก) หรือ desc (มากไปน้อย)"),
                    format!("direction \"{other}\" is invalid: use asc or desc"),
                )))
            }
        };
        Ok(match (key, dir) {
            (None, None) => default,
            (None, Some(dir)) => Sort {
                key: default.key,
                dir,
            },
            (Some(key), dir) => Sort {
                key,
                dir: dir.unwrap_or(if key == default.key {
                    default.dir
                } else {
                    Dir::Asc
                }),
            },
        })
    }
}

/// What `sort_th.html` and a list's pager need: the order shown, and query-only links that
/// keep the page's other parameters.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SortLinks {
    /// The column the list is ordered by.
    pub key: &'static str,
    /// `asc` or `desc`.
    pub dir: &'static str,
    /// `?…&` — the page's query without sort, dir, page, lang and format; a header appends
    /// `sort=…&dir=…`.
    pub base: String,
    /// `base` with the current order: a pager appends `page=N`.
    pub pages: String,
}

/// The links of a list ordered by `sort`, from the page's raw query string.
pub fn sort_links<K: SortColumn>(raw_query: Option<&str>, sort: Sort<K>) -> SortLinks {
    const DROPPED: [&str; 5] = ["sort=", "dir=", "page=", "lang=", "format="];
    let kept: Vec<&str> = raw_query
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty() && !DROPPED.iter().any(|d| kv.starts_with(d)))
        .collect();
    let base = if kept.is_empty() {
        "?".to_string()
    } else {
        format!("?{}&", kept.join("&"))
    };
    let pages = format!("{base}sort={}&dir={}&", sort.key.code(), sort.dir.code());
    SortLinks {
        key: sort.key.code(),
        dir: sort.dir.code(),
        base,
        pages,
    }
}

#[cfg(test)]
mod sort_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        No,
        Name,
    }
    impl SortColumn for Col {
        const ALL: &'static [Self] = &[Col::No, Col::Name];
        fn code(self) -> &'static str {
            match self {
                Col::No => "no",
                Col::Name => "name",
            }
        }
    }

    fn p(sort: Option<&str>, dir: Option<&str>) -> SortParam {
        SortParam {
            sort: sort.map(Into::into),
            dir: dir.map(Into::into),
        }
    }

    #[test]
    fn a_column_is_one_of_the_lists() {
        let d = Sort::desc(Col::No);
        assert_eq!(p(None, None).parse(d).unwrap(), d);
        assert_eq!(
            p(Some("name"), None).parse(d).unwrap(),
            Sort::asc(Col::Name)
        );
        assert_eq!(p(Some("no"), None).parse(d).unwrap(), Sort::desc(Col::No));
        assert_eq!(p(None, Some("asc")).parse(d).unwrap(), Sort::asc(Col::No));
        let Err(ApiError::BadRequest(e)) = p(Some("salary; DROP"), None).parse(d) else {
            panic!("a column outside the list is refused")
        };
        let v = &e.0[0];
        assert_eq!((v.field.as_str(), v.code), ("sort", "sort.unknown"));
        assert!(v.message_en.contains("no, name"), "{}", v.message_en);
        let Err(ApiError::BadRequest(e)) = p(Some("no"), Some("up")).parse(d) else {
            panic!("a direction other than asc or desc is refused")
        };
        assert_eq!(e.0[0].field, "dir");
    }

    #[test]
    fn links_keep_the_filters_but_not_the_order_or_page() {
        let l = sort_links(
            Some("vacant=true&sort=no&dir=desc&page=3&lang=en&q=x"),
            Sort::desc(Col::No),
        );
        assert_eq!(l.base, "?vacant=true&q=x&");
        assert_eq!(l.pages, "?vacant=true&q=x&sort=no&dir=desc&");
        assert_eq!((l.key, l.dir), ("no", "desc"));
        assert_eq!(sort_links(None, Sort::asc(Col::Name)).base, "?");
    }
}
