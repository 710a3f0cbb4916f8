//! What needs the reader's attention, by role: deadlines due this week (discipline, ก.พ.ค.,
//! one's own cases), drafts awaiting one's signature, drafts sent back for correction. The
//! bell shows how many; the digest page lists them. Read within the reader's units only.

use bmahr_core::access::{home_board, offer, Board};
use bmahr_core::role::Role;
use bmahr_core::ThaiDate;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::usecases::orders::{list_drafts_where, DraftOut};
use crate::usecases::Paging;
use crate::AppState;

/// How many drafts the digest lists of each kind.
const LISTED: i64 = 20;

/// One thing to attend to.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Notice {
    /// `deadline`, `to_sign` or `returned`.
    pub kind: String,
    pub title_th: String,
    pub title_en: String,
    /// Where to act on it.
    pub href: String,
    /// The last day, for a deadline.
    #[schema(value_type = Option<String>)]
    pub due: Option<ThaiDate>,
    pub overdue: bool,
}

/// The reader's notices: totals per kind and the first items of each.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Notices {
    pub deadlines: i64,
    pub to_sign: i64,
    pub returned: i64,
    pub items: Vec<Notice>,
}

impl Notices {
    pub fn total(&self) -> i64 {
        self.deadlines + self.to_sign + self.returned
    }
}

fn draft_notice(kind: &str, d: &DraftOut) -> Notice {
    let subject = d.order["reason"].as_str().unwrap_or("");
    let number = if d.number.is_empty() {
        "—"
    } else {
        d.number.as_str()
    };
    let (th, en) = match (kind, &d.returned) {
        ("returned", Some(r)) => (
            format!("ร่างคำสั่ง {number} ส่งกลับแก้ไข: {}", r.note),
            format!("Draft {number} returned for correction: {}", r.note),
        ),
        _ => (
            format!("ร่างคำสั่ง {number} รอลงนาม: {subject}"),
            format!("Draft {number} awaits signature: {subject}"),
        ),
    };
    Notice {
        kind: kind.into(),
        title_th: th,
        title_en: en,
        href: format!("/orders/drafts/{}", d.id),
        due: None,
        overdue: false,
    }
}

/// Everything due for the actor today.
/// (Deadlines are counted from the board's own today.)
pub async fn of(state: &AppState, actor: &Actor) -> Result<Notices, ApiError> {
    let o = offer(&actor.asker());
    let mut n = Notices::default();
    let page = Paging {
        page: Some(1),
        per_page: Some(LISTED),
        whole: false,
    };
    if o.signs_orders {
        let l = list_drafts_where(state, actor, Some(false), "", &page).await?;
        n.to_sign = l.total;
        n.items
            .extend(l.items.iter().map(|d| draft_notice("to_sign", d)));
    }
    if o.drafts_orders {
        let l = list_drafts_where(state, actor, Some(true), "", &page).await?;
        n.returned = l.total;
        n.items
            .extend(l.items.iter().map(|d| draft_notice("returned", d)));
    }
    let board = match actor.role() {
        Role::DisciplineOfficer | Role::MeritCommission => Some(home_board(actor.role())),
        _ if actor.user.person_id.is_some() && o.cases => Some(Board::Mine),
        _ => None,
    };
    if let Some(which) = board {
        let due = crate::usecases::cases::board(state, actor, which, None, Some("week")).await?;
        n.deadlines = due.len() as i64;
        n.items.extend(due.iter().map(|b| Notice {
            kind: "deadline".into(),
            title_th: format!(
                "{} · {} · เรื่องที่ {} {}",
                b.deadline.label_th, b.person_name, b.case_id, b.kind_th
            ),
            title_en: format!(
                "{} · {} · case {} ({})",
                b.deadline.label_en, b.person_name_en, b.case_id, b.kind_en
            ),
            href: format!("/cases/{}", b.case_id),
            due: Some(b.deadline.last_day),
            overdue: b.deadline.overdue,
        }));
    }
    Ok(n)
}
