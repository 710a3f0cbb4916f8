//! Use-cases over the manpower frame, the unit tree and the retirement list: one function
//! each, called by the API handler and by the page alike.

use std::collections::{HashMap, HashSet};

use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_store::{Forecast, ForecastBy, FrameQuery, UnitRow};

use super::{Listing, Paging};
use crate::access::may_read_unit;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// The units a list covers: the subtree of the unit asked for (which must lie in the actor's
/// scope), else the actor's scope (`None`: the whole BMA). Employees are refused.
pub async fn units_in_view(
    state: &AppState,
    actor: &Actor,
    unit: Option<&str>,
    on: ThaiDate,
) -> Result<(Option<UnitRow>, Option<Vec<i64>>), ApiError> {
    match unit.map(str::trim).filter(|c| !c.is_empty()) {
        None => {
            may_read_unit(state, actor, None).await?;
            let scope = actor.scope.as_ref().map(|s| s.iter().copied().collect());
            Ok((None, scope))
        }
        Some(code) => {
            // Refused before the unit is looked up: an employee learns nothing of the tree.
            may_read_unit(state, actor, None).await?;
            let u = state.store.unit_by_code(code, on).await?;
            may_read_unit(state, actor, Some((u.id, code))).await?;
            let sub = state.store.unit_subtree(u.id).await?;
            Ok((Some(u), Some(sub)))
        }
    }
}

/// The dated approvals of the frame of a unit's subtree (§14(5)), all on one page.
pub async fn frame_versions(
    state: &AppState,
    actor: &Actor,
    code: &str,
    today: ThaiDate,
) -> Result<Listing<bmahr_store::FrameVersion>, ApiError> {
    let (_, units) = units_in_view(state, actor, Some(code), today).await?;
    let versions = state
        .store
        .frame_versions(units.as_deref().unwrap_or(&[]))
        .await?;
    let n = i64::try_from(versions.len()).unwrap_or(i64::MAX);
    Ok(Listing {
        items: versions,
        page: 1,
        per_page: n,
        total: n,
    })
}

/// Who holds a position.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HolderItem {
    pub person_id: i64,
    pub name_th: String,
    pub name_en: String,
    /// `active` or `suspended`.
    pub status: String,
}

/// A position of the frame on a date and its holder.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PositionItem {
    pub id: i64,
    pub position_no: String,
    pub unit_code: String,
    pub unit_name_th: String,
    pub unit_name_en: String,
    pub category: String,
    pub category_th: String,
    pub category_en: String,
    pub level: String,
    pub level_th: String,
    pub level_en: String,
    pub line_of_work: String,
    pub admin_title: String,
    pub vacant: bool,
    pub holder: Option<HolderItem>,
}

/// Which positions of the frame a list shows: vacant or filled, of a category, of a line of
/// work (all when `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PositionFilter<'a> {
    pub vacant: Option<bool>,
    pub category: Option<bmahr_core::personnel::Category>,
    pub line_of_work: Option<&'a str>,
    pub level: Option<bmahr_core::personnel::Level>,
    /// A position number's start, or part of its line of work or administrative title.
    pub text: Option<&'a str>,
    pub sort: bmahr_store::sort::Sort<bmahr_store::PositionSort>,
}

/// Positions valid on `on` in the unit's subtree (or the actor's scope), vacant or filled
/// or both.
pub async fn positions(
    state: &AppState,
    actor: &Actor,
    unit: Option<&str>,
    on: ThaiDate,
    filter: PositionFilter<'_>,
    paging: &Paging,
) -> Result<(Option<UnitRow>, Listing<PositionItem>), ApiError> {
    let PositionFilter {
        vacant,
        category,
        line_of_work,
        level,
        text,
        sort,
    } = filter;
    let (unit, units) = units_in_view(state, actor, unit, on).await?;
    let (rows, total) = state
        .store
        .frame_on(&FrameQuery {
            on,
            units: units.as_deref(),
            vacant,
            category,
            line_of_work,
            level,
            text,
            sort,
            limit: paging.limit(),
            offset: paging.offset(),
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|f| {
            let p = f.position;
            PositionItem {
                id: p.id,
                position_no: p.position_no,
                unit_code: p.unit_code,
                unit_name_th: f.unit_name_th,
                unit_name_en: f.unit_name_en,
                category: p.category.code().into(),
                category_th: p.category.th().into(),
                category_en: p.category.en().into(),
                level: p.level.code().into(),
                level_th: p.level.th().into(),
                level_en: p.level.en().into(),
                line_of_work: p.line_of_work,
                admin_title: p.admin_title,
                vacant: f.holder.is_none(),
                holder: f.holder.map(|h| HolderItem {
                    person_id: h.person_id,
                    name_th: h.name.full_th(),
                    name_en: h.name.full_en(),
                    status: h.status.code().into(),
                }),
            }
        })
        .collect();
    Ok((unit, Listing::new(items, paging, total)))
}

/// A unit in the tree with the counts of its whole subtree.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UnitNode {
    pub id: i64,
    pub code: String,
    pub name_th: String,
    pub name_en: String,
    /// 0 for the top units of the view.
    pub depth: usize,
    pub frame: i64,
    pub filled: i64,
    pub vacant: i64,
}

/// The units valid on `on` within the actor's scope, depth first by code, each counting its
/// own positions and those of every unit below it.
pub async fn unit_tree(
    state: &AppState,
    actor: &Actor,
    on: ThaiDate,
) -> Result<Vec<UnitNode>, ApiError> {
    may_read_unit(state, actor, None).await?;
    let units: Vec<UnitRow> = state
        .store
        .units_on(on)
        .await?
        .into_iter()
        .filter(|u| actor.scope.as_ref().is_none_or(|s| s.contains(&u.id)))
        .collect();
    let own: HashMap<i64, (i64, i64)> = state
        .store
        .unit_frame_counts(on)
        .await?
        .into_iter()
        .map(|c| (c.unit_id, (c.frame, c.filled)))
        .collect();
    Ok(tree(&units, &own))
}

/// A unit and the units below it on `on`, as [`unit_tree`] orders and counts them (depths
/// from the unit): what a unit's page needs.
pub async fn unit_subtree_nodes(
    state: &AppState,
    actor: &Actor,
    code: &str,
    on: ThaiDate,
) -> Result<Vec<UnitNode>, ApiError> {
    let (_, ids) = units_in_view(state, actor, Some(code), on).await?;
    let ids: HashSet<i64> = ids.unwrap_or_default().into_iter().collect();
    let units: Vec<UnitRow> = state
        .store
        .units_on(on)
        .await?
        .into_iter()
        .filter(|u| ids.contains(&u.id))
        .collect();
    // The whole frame's counts are kept for a minute (store), so a unit's page reuses them.
    let own: HashMap<i64, (i64, i64)> = state
        .store
        .unit_frame_counts(on)
        .await?
        .into_iter()
        .filter(|c| ids.contains(&c.unit_id))
        .map(|c| (c.unit_id, (c.frame, c.filled)))
        .collect();
    Ok(subtree(&tree(&units, &own), code))
}

/// How the list of units is ordered: as the tree (the default), or flat by a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitSort {
    #[default]
    Tree,
    Code,
    Name,
    Frame,
    Filled,
    Vacant,
}

impl bmahr_store::sort::SortColumn for UnitSort {
    const ALL: &'static [Self] = &[
        UnitSort::Tree,
        UnitSort::Code,
        UnitSort::Name,
        UnitSort::Frame,
        UnitSort::Filled,
        UnitSort::Vacant,
    ];
    fn code(self) -> &'static str {
        match self {
            UnitSort::Tree => "tree",
            UnitSort::Code => "code",
            UnitSort::Name => "name",
            UnitSort::Frame => "frame",
            UnitSort::Filled => "filled",
            UnitSort::Vacant => "vacant",
        }
    }
}

/// The units of a tree whose code or name (Thai or English) contains `text`, ordered by
/// `sort` (the tree's own order when sorted as the tree; ties by code).
pub fn units_matching(
    nodes: &[UnitNode],
    text: Option<&str>,
    sort: bmahr_store::sort::Sort<UnitSort>,
) -> Vec<UnitNode> {
    let needle = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase);
    let mut out: Vec<UnitNode> = nodes
        .iter()
        .filter(|n| {
            needle.as_deref().is_none_or(|t| {
                n.code.to_lowercase().contains(t)
                    || n.name_th.contains(t)
                    || n.name_en.to_lowercase().contains(t)
            })
        })
        .cloned()
        .collect();
    let by_code = |a: &UnitNode, b: &UnitNode| a.code.cmp(&b.code);
    match sort.key {
        UnitSort::Tree => {}
        UnitSort::Code => out.sort_by(by_code),
        UnitSort::Name => out.sort_by(|a, b| {
            bmahr_core::collation::thai_order(&a.name_th, &b.name_th).then_with(|| by_code(a, b))
        }),
        UnitSort::Frame => out.sort_by(|a, b| a.frame.cmp(&b.frame).then_with(|| by_code(a, b))),
        UnitSort::Filled => out.sort_by(|a, b| a.filled.cmp(&b.filled).then_with(|| by_code(a, b))),
        UnitSort::Vacant => out.sort_by(|a, b| a.vacant.cmp(&b.vacant).then_with(|| by_code(a, b))),
    }
    if sort.dir == bmahr_store::sort::Dir::Desc {
        out.reverse();
    }
    out
}

/// The part of a tree (as [`unit_tree`] orders it) under the unit `code`: the unit and
/// everything below it, depths counted from it.
pub fn subtree(nodes: &[UnitNode], code: &str) -> Vec<UnitNode> {
    let Some(start) = nodes.iter().position(|n| n.code == code) else {
        return Vec::new();
    };
    let top = nodes[start].depth;
    let mut out = vec![nodes[start].clone()];
    out.extend(
        nodes[start + 1..]
            .iter()
            .take_while(|n| n.depth > top)
            .cloned(),
    );
    for n in &mut out {
        n.depth -= top;
    }
    out
}

/// Orders `units` as a tree (depth first, children by code) and sums each subtree's counts.
fn tree(units: &[UnitRow], own: &HashMap<i64, (i64, i64)>) -> Vec<UnitNode> {
    let ids: HashSet<i64> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&UnitRow>> = HashMap::new();
    for u in units {
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for c in children.values_mut() {
        c.sort_by(|a, b| a.code.cmp(&b.code));
    }
    // Depth-first order with an explicit stack (no recursion on deep or cyclic data).
    let mut out: Vec<UnitNode> = Vec::with_capacity(units.len());
    let mut stack: Vec<(&UnitRow, usize)> = children
        .get(&None)
        .map(|r| r.iter().rev().map(|u| (*u, 0)).collect())
        .unwrap_or_default();
    let mut seen = HashSet::new();
    while let Some((u, depth)) = stack.pop() {
        if !seen.insert(u.id) {
            continue;
        }
        let (frame, filled) = own.get(&u.id).copied().unwrap_or((0, 0));
        out.push(UnitNode {
            id: u.id,
            code: u.code.clone(),
            name_th: u.name_th.clone(),
            name_en: u.name_en.clone(),
            depth,
            frame,
            filled,
            vacant: frame - filled,
        });
        if let Some(c) = children.get(&Some(u.id)) {
            stack.extend(c.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    // Subtree sums: each node's parent is the nearest shallower node before it in
    // depth-first order; adding every node to its parent from the end sums whole subtrees.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(out.len());
    let mut ancestors: Vec<usize> = Vec::new();
    for (i, n) in out.iter().enumerate() {
        ancestors.truncate(n.depth);
        parent.push(ancestors.last().copied());
        ancestors.push(i);
    }
    let mut totals: Vec<(i64, i64)> = out.iter().map(|n| (n.frame, n.filled)).collect();
    for i in (0..out.len()).rev() {
        if let Some(p) = parent[i] {
            let (f, h) = totals[i];
            totals[p].0 += f;
            totals[p].1 += h;
        }
    }
    for (n, (f, h)) in out.iter_mut().zip(totals) {
        n.frame = f;
        n.filled = h;
        n.vacant = f - h;
    }
    out
}

/// Someone who retires at the end of the fiscal year asked.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RetireeItem {
    pub person_id: i64,
    pub name_th: String,
    pub name_en: String,
    pub position_no: Option<String>,
    pub line_of_work: Option<String>,
    pub level: Option<String>,
    pub level_th: Option<String>,
    pub level_en: Option<String>,
    pub unit_code: Option<String>,
    pub unit_name_th: Option<String>,
    pub unit_name_en: Option<String>,
    /// ISO date (CE); pages show it in the Buddhist era.
    #[schema(value_type = String)]
    pub retirement_date: ThaiDate,
}

/// People in service within the unit's subtree (or the actor's scope) who retire at the end
/// of `fy` (of one category when the filter says so, in its order). For a fiscal year that has not ended, those in service `today`; for one that
/// has, those in service on its last day (their last day of service).
pub async fn retirements(
    state: &AppState,
    actor: &Actor,
    fy: FiscalYear,
    unit: Option<&str>,
    today: ThaiDate,
    filter: bmahr_store::RetireeFilter,
    paging: &Paging,
) -> Result<(Option<UnitRow>, Listing<RetireeItem>), ApiError> {
    let on = today.min(fy.last_day());
    let (unit, units) = units_in_view(state, actor, unit, on).await?;
    let (rows, total) = state
        .store
        .retirees_where(
            fy,
            on,
            units.as_deref(),
            filter,
            paging.limit(),
            paging.offset(),
        )
        .await?;
    let items = rows
        .into_iter()
        .map(|r| RetireeItem {
            person_id: r.person_id,
            name_th: r.name.full_th(),
            name_en: r.name.full_en(),
            position_no: r.position_no,
            line_of_work: r.line_of_work,
            level: r.level.map(|l| l.code().to_string()),
            level_th: r.level.map(|l| l.th().to_string()),
            level_en: r.level.map(|l| l.en().to_string()),
            unit_code: r.unit_code,
            unit_name_th: r.unit_name_th,
            unit_name_en: r.unit_name_en,
            retirement_date: r.retirement_date,
        })
        .collect();
    Ok((unit, Listing::new(items, paging, total)))
}

/// The forecast for `years` fiscal years from `first`, over the unit's subtree (or the
/// actor's scope), counting those in service today.
pub async fn forecast(
    state: &AppState,
    actor: &Actor,
    first: FiscalYear,
    years: i32,
    unit: Option<&str>,
    by: ForecastBy,
    today: ThaiDate,
) -> Result<(Option<UnitRow>, Forecast), ApiError> {
    let years = years.clamp(1, 10);
    let (unit, units) = units_in_view(state, actor, unit, today).await?;
    let rows = state
        .store
        .retirement_forecast(today, first, years, units.as_deref())
        .await?;
    Ok((unit, Forecast::of(&rows, by, first, years)))
}

/// A retirement order drafted for one agency.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RetirementDraft {
    pub draft_id: i64,
    pub issuer_unit: String,
    pub people: usize,
}

/// Drafts, for each agency in view, the order that ends the service of those who retire at
/// the end of `fy` (effective 1 October, the day after the fiscal year's last day), for the
/// appointing authority to number and sign. An agency that already has one (open or signed)
/// for the year is left alone, so asking twice drafts nothing new.
pub async fn draft_retirements(
    state: &AppState,
    actor: &Actor,
    fy: FiscalYear,
    unit: Option<&str>,
    today: ThaiDate,
) -> Result<Vec<RetirementDraft>, ApiError> {
    crate::access::may_draft_orders(state, actor).await?;
    let on = today.min(fy.last_day());
    let (_, units) = units_in_view(state, actor, unit, on).await?;
    let (people, _) = state
        .store
        .retirees(fy, on, units.as_deref(), i64::MAX / 2, 0)
        .await?;
    let unit_ids: Vec<i64> = people.iter().filter_map(|p| p.unit_id).collect();
    let agencies = state.store.agencies_of(&unit_ids).await?;
    let mut by_agency: std::collections::BTreeMap<String, (i64, Vec<String>)> = Default::default();
    for p in &people {
        let Some(a) = p.unit_id.and_then(|u| agencies.get(&u)) else {
            continue;
        };
        by_agency
            .entry(a.code.clone())
            .or_insert((a.id, Vec::new()))
            .1
            .push(p.national_id.clone());
    }
    let mut out = Vec::new();
    for (code, (agency_id, nids)) in by_agency {
        let mut existing = false;
        for status in [
            bmahr_store::DraftStatus::Draft,
            bmahr_store::DraftStatus::Signed,
        ] {
            let (drafts, _) = state
                .store
                .drafts(status, Some(&[agency_id]), 10_000, 0)
                .await?;
            existing |= drafts.iter().any(|d| {
                serde_json::from_str::<serde_json::Value>(&d.body)
                    .is_ok_and(|b| b["retirement_fy"] == fy.year_be())
            });
        }
        if existing {
            continue;
        }
        let actions: Vec<serde_json::Value> = nids
            .iter()
            .map(|n| serde_json::json!({"kind": "separate", "person": n, "separation": "retirement"}))
            .collect();
        let body = serde_json::json!({
            "retirement_fy": fy.year_be(),
            "number": "",
            "issuer_unit": code,
            "signed_on": today.min(fy.last_day()).iso(),
            "signed_by": "",
            "authority": "",
            "effective_date": fy.last_day().add_days(1).iso(),
            "reason": format!("ให้ข้าราชการและลูกจ้างพ้นจากราชการเพราะเกษียณอายุ ปีงบประมาณ พ.ศ. {}", fy.year_be()),
            "actions": actions,
        });
        let d = state
            .store
            .create_draft(
                agency_id,
                "",
                &body.to_string(),
                &actor.meta(&format!(
                    "ร่างคำสั่งเกษียณอายุ ปีงบประมาณ {} / retirement order drafted",
                    fy.year_be()
                )),
            )
            .await?;
        out.push(RetirementDraft {
            draft_id: d.id,
            issuer_unit: code,
            people: nids.len(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use bmahr_core::org::{UnitKind, Validity};

    fn unit(id: i64, code: &str, parent: Option<i64>) -> UnitRow {
        UnitRow {
            id,
            code: code.into(),
            parent_id: parent,
            kind: UnitKind::Section,
            name_th: code.into(),
            name_en: code.into(),
            validity: Validity {
                from: ThaiDate::from_ce(2000, 1, 1).unwrap(),
                to: None,
            },
            version: 1,
        }
    }

    #[test]
    fn units_filter_by_text_and_sort_by_a_column() {
        use bmahr_store::sort::Sort;
        let units = [
            unit(1, "BMA", None),
            unit(3, "D02", Some(1)),
            unit(2, "D01", Some(1)),
            unit(4, "D01-ADM", Some(2)),
        ];
        let own = HashMap::from([(4, (2, 1)), (3, (5, 1)), (2, (1, 0))]);
        let t = tree(&units, &own);
        let codes = |v: Vec<UnitNode>| v.into_iter().map(|n| n.code).collect::<Vec<_>>();
        assert_eq!(
            codes(units_matching(&t, Some("d01"), Sort::asc(UnitSort::Tree))),
            ["D01", "D01-ADM"]
        );
        // Vacant: BMA 6, D01 2, D01-ADM 1, D02 4.
        assert_eq!(
            codes(units_matching(&t, None, Sort::desc(UnitSort::Vacant))),
            ["BMA", "D02", "D01", "D01-ADM"]
        );
        assert_eq!(
            codes(units_matching(&t, None, Sort::asc(UnitSort::Code))),
            ["BMA", "D01", "D01-ADM", "D02"]
        );
    }

    #[test]
    fn a_parent_counts_its_whole_subtree() {
        let units = [
            unit(1, "BMA", None),
            unit(3, "D02", Some(1)),
            unit(2, "D01", Some(1)),
            unit(4, "D01-ADM", Some(2)),
        ];
        let own = HashMap::from([(4, (2, 1)), (3, (1, 1)), (2, (1, 0))]);
        let t = tree(&units, &own);
        let got: Vec<(&str, usize, i64, i64, i64)> = t
            .iter()
            .map(|n| (n.code.as_str(), n.depth, n.frame, n.filled, n.vacant))
            .collect();
        assert_eq!(
            got,
            vec![
                ("BMA", 0, 4, 2, 2),
                ("D01", 1, 3, 1, 2),
                ("D01-ADM", 2, 2, 1, 1),
                ("D02", 1, 1, 1, 0),
            ]
        );
        let d01 = subtree(&tree(&units, &own), "D01");
        let got: Vec<(&str, usize)> = d01.iter().map(|n| (n.code.as_str(), n.depth)).collect();
        assert_eq!(got, vec![("D01", 0), ("D01-ADM", 1)]);
        assert!(subtree(&t, "NOPE").is_empty());
        // A scoped view starts at its own top unit.
        let t = tree(&units[2..], &own);
        assert_eq!(t[0].code, "D01");
        assert_eq!((t[0].depth, t[0].frame), (0, 3));
    }
}
