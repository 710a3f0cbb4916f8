//! The list of signed orders: filtered, sorted and paged in SQL, so a page reads one screen of
//! an issuer's orders whatever their number.

use bmahr_core::ThaiDate;

use crate::row::{int, text};
use crate::{Result, Store};

/// What the signed-orders list can be sorted by (never SQL text from the request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderSort {
    #[default]
    Signed,
    Effective,
    Number,
    Issuer,
}

impl OrderSort {
    /// The request's name of each column, for sort links.
    pub const ALL: &'static [(&'static str, OrderSort)] = &[
        ("signed", OrderSort::Signed),
        ("effective", OrderSort::Effective),
        ("number", OrderSort::Number),
        ("issuer", OrderSort::Issuer),
    ];

    fn sql(self) -> &'static str {
        match self {
            OrderSort::Signed => "o.signed_on",
            OrderSort::Effective => "o.effective_date",
            OrderSort::Number => "o.number",
            OrderSort::Issuer => "u.code",
        }
    }
}

/// Which signed orders a list shows.
#[derive(Debug, Clone, Default)]
pub struct OrderQuery<'a> {
    /// Issued by one of these units (all when `None`).
    pub units: Option<&'a [i64]>,
    /// A fragment of the number or the subject.
    pub text: Option<&'a str>,
    /// Signed on or after / on or before.
    pub from: Option<ThaiDate>,
    pub to: Option<ThaiDate>,
    /// Only orders with an action of this kind (its code).
    pub kind: Option<&'a str>,
    /// Only corrections and cancellations (`Some(true)`), or only orders that correct nothing.
    pub corrections: Option<bool>,
    pub sort: OrderSort,
    pub descending: bool,
    pub limit: i64,
    pub offset: i64,
}

/// One line of the signed-orders list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OrderLine {
    pub id: i64,
    pub number: String,
    pub issuer: String,
    pub issuer_name_th: String,
    pub issuer_name_en: String,
    pub signed_on: ThaiDate,
    pub effective_date: ThaiDate,
    pub signed_by: String,
    pub reason: String,
    pub actions: i64,
    /// The number of the order this one corrects or cancels.
    pub corrects: Option<String>,
    /// Whether a later order corrected or cancelled (part of) this one.
    pub corrected: bool,
}

impl Store {
    /// A page of signed orders and how many match.
    pub async fn signed_orders(&self, q: &OrderQuery<'_>) -> Result<(Vec<OrderLine>, i64)> {
        let mut filter = match q.units {
            None => String::new(),
            Some([]) => return Ok((Vec::new(), 0)),
            Some(u) => crate::row::and_in("o.issuer_unit_id", u),
        };
        let mut binds: Vec<String> = Vec::new();
        let param = |v: String, binds: &mut Vec<String>| {
            binds.push(v);
            format!("${}", binds.len())
        };
        if let Some(t) = q.text.map(str::trim).filter(|t| !t.is_empty()) {
            let like = format!("%{}%", t.replace(['%', '_'], ""));
            let a = param(like.clone(), &mut binds);
            let b = param(like, &mut binds);
            filter.push_str(&format!(" AND (o.number LIKE {a} OR o.reason LIKE {b})"));
        }
        if let Some(d) = q.from {
            let p = param(d.iso(), &mut binds);
            filter.push_str(&format!(" AND o.signed_on >= {p}"));
        }
        if let Some(d) = q.to {
            let p = param(d.iso(), &mut binds);
            filter.push_str(&format!(" AND o.signed_on <= {p}"));
        }
        if let Some(k) = q.kind.filter(|k| !k.is_empty()) {
            let p = param(k.to_string(), &mut binds);
            filter.push_str(&format!(
                " AND o.id IN (SELECT k.order_id FROM actions k WHERE k.kind = {p})"
            ));
        }
        match q.corrections {
            Some(true) => filter.push_str(" AND o.corrects_order_id IS NOT NULL"),
            Some(false) => filter.push_str(" AND o.corrects_order_id IS NULL"),
            None => {}
        }
        let count_sql = format!("SELECT COUNT(*) FROM orders o WHERE 1 = 1{filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for b in &binds {
            count = count.bind(b.clone());
        }
        let total = count.fetch_one(&self.pool).await?;
        let dir = if q.descending { "DESC" } else { "ASC" };
        // The page's ids first (filtered, sorted, limited), then their columns: the counts per
        // order are computed for the page only, never for every order the filter keeps.
        let order_by = format!("{} {dir}, o.id {dir}", q.sort.sql());
        let sql = format!(
            "SELECT o.id, o.number, u.code, u.name_th, u.name_en, o.signed_on, o.effective_date, \
             o.signed_by, o.reason, \
             (SELECT COUNT(*) FROM actions a WHERE a.order_id = o.id) AS n_actions, \
             c.number AS corrects, \
             (SELECT COUNT(*) FROM orders x WHERE x.corrects_order_id = o.id) AS n_corrected \
             FROM orders o JOIN units u ON u.id = o.issuer_unit_id \
             LEFT JOIN orders c ON c.id = o.corrects_order_id \
             WHERE o.id IN (SELECT o.id FROM orders o JOIN units u ON u.id = o.issuer_unit_id \
             WHERE 1 = 1{filter} ORDER BY {order_by} LIMIT {} OFFSET {}) \
             ORDER BY {order_by}",
            q.limit.clamp(1, 200_000),
            q.offset.max(0)
        );
        let mut rows = sqlx::query(&sql);
        for b in &binds {
            rows = rows.bind(b.clone());
        }
        let rows = rows.fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(OrderLine {
                id: int(r, "id")?,
                number: text(r, "number")?,
                issuer: text(r, "code")?,
                issuer_name_th: text(r, "name_th")?,
                issuer_name_en: text(r, "name_en")?,
                signed_on: crate::row::date(r, "signed_on")?,
                effective_date: crate::row::date(r, "effective_date")?,
                signed_by: text(r, "signed_by")?,
                reason: text(r, "reason")?,
                actions: int(r, "n_actions")?,
                corrects: crate::row::opt_text(r, "corrects")?,
                corrected: int(r, "n_corrected")? > 0,
            });
        }
        Ok((out, total))
    }
}
