//! The use-cases of bmahr: one function per thing a user does, called alike by the API
//! (`api/`), the pages (`views/`) and the CLI. Each takes `(state, actor, typed input,
//! today)`, reads the facts it needs once (an order's in its own transaction), asks core to
//! decide — access (`bmahr_core::access`) and the Act, every problem at once — then writes,
//! audits and returns typed output for the door to shape. No door holds a role check, SQL or
//! rule of its own.
//!
//! | module | what it does |
//! |---|---|
//! | `accounts` | one's sessions and second factor; an administrator's over anyone's |
//! | `people` | search, a person's record, its history as of a date, who opened it |
//! | `pickers` | a person, position or unit found while typing; a form's text resolved to one |
//! | `orders` | check, sign and read orders; drafts awaiting signature |
//! | `frame` | the unit tree, positions and vacancies, retirements and the forecast |
//! | `documents` | printed orders (with annex) and ทะเบียนประวัติ as PDF; downloads |
//! | `cases` | case files (§58–66): open, read, record an event, boards, report tables |
//! | `holidays` | the holiday calendar deadlines are counted on |
//! | `reports` | the annual HR report of an agency (seed 002): page, PDF, XLSX |
//! | `registry` | units, the whole-BMA summary, the audit log |

pub mod accounts;
pub mod cases;
pub mod documents;
pub mod frame;
pub mod holidays;
pub mod notices;
pub mod orders;
pub mod people;
pub mod pickers;
pub mod registry;
pub mod reports;

/// `page` (from 1) and `per_page` (1–200, default 20), on every list.
#[derive(serde::Deserialize, Debug, Clone, Copy, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    /// The whole list in one page (a download), never set from a query.
    #[serde(skip)]
    #[param(ignore)]
    pub whole: bool,
}

/// The most rows a downloaded list carries (the whole BMA's people in service fit).
pub const DOWNLOAD_ROWS: i64 = 200_000;

/// Pages beyond this are empty whatever the list (keeps the offset far from overflow).
const LAST_PAGE: i64 = 1_000_000_000;

impl Paging {
    /// The page asked for, from 1; a page past any list's end stays past it.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, LAST_PAGE)
    }
    pub fn limit(&self) -> i64 {
        if self.whole {
            return DOWNLOAD_ROWS;
        }
        self.per_page.unwrap_or(20).clamp(1, 200)
    }

    /// Every row (up to [`DOWNLOAD_ROWS`]): what a download of a list carries.
    pub fn whole() -> Paging {
        Paging {
            page: Some(1),
            per_page: None,
            whole: true,
        }
    }
    pub fn offset(&self) -> i64 {
        (self.page() - 1).saturating_mul(self.limit())
    }
}

/// One page of a list, as every list of the API returns it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl<T> Listing<T> {
    pub fn new(items: Vec<T>, paging: &Paging, total: i64) -> Self {
        Listing {
            items,
            page: paging.page(),
            per_page: paging.limit(),
            total,
        }
    }

    /// Whether a page follows this one.
    pub fn more(&self) -> bool {
        self.page.saturating_mul(self.per_page) < self.total
    }
}

/// Reads a date query parameter (BE or CE), naming the field when it is wrong.
pub fn date_param(
    field: &str,
    v: Option<&str>,
    default: bmahr_core::ThaiDate,
) -> Result<bmahr_core::ThaiDate, crate::error::ApiError> {
    match v {
        None | Some("") => Ok(default),
        Some(s) => bmahr_core::ThaiDate::parse(s)
            .map_err(|e| crate::error::ApiError::bad(e.on_field(field))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_never_wraps() {
        let p = Paging {
            page: Some(i64::MAX),
            per_page: Some(200),
            whole: false,
        };
        assert!(p.offset() > 0);
        assert_eq!(p.page(), LAST_PAGE);
        let p = Paging {
            page: Some(i64::MIN),
            per_page: Some(i64::MAX),
            whole: false,
        };
        assert_eq!((p.page(), p.offset(), p.limit()), (1, 0, 200));
    }
}
