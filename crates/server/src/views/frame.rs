//! Pages of the frame: the unit tree with its counts, a unit's positions, and who retires in
//! a fiscal year. Same use-cases (and scope) as the API.

use axum::extract::{Path, Query, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_store::{PositionSort, RetireeSort};
use minijinja::{context, Value};

use super::{chrome, error_page_for, render, Lang, PageActor};
use crate::error::ApiError;
use crate::params::{bool_param, sort_links, year_be_param, Sort, SortParam};
use crate::sheets::{self, FormatParam};
use crate::usecases::documents::printed_line;
use crate::usecases::{date_param, Paging};
use crate::{today, AppState};

/// A date as pages show it, marked with its era: `30 กันยายน พ.ศ. 2566`, `30 Sep 2566 B.E.`
/// (one helper for every page: `bmahr_core::i18n::date_shown`).
pub(crate) fn show_date(lang: &Lang, d: ThaiDate) -> String {
    bmahr_core::i18n::date_shown(d, lang.en())
}

/// Percent-encodes a query value.
pub(super) fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct TreeParams {
    as_of: Option<String>,
    /// Show every level (default: the top of the view and the level below it).
    all: Option<String>,
    /// A unit's code or part of its name: the matching units, flat.
    q: Option<String>,
}

/// Rows of a unit table, linking each unit to its page on the same date.
fn unit_rows(lang: &Lang, nodes: &[crate::usecases::frame::UnitNode], as_of: &str) -> Vec<Value> {
    nodes
        .iter()
        .map(|n| {
            context! {
                code => n.code, name => lang.pick(&n.name_th, &n.name_en), depth => n.depth,
                frame => n.frame, filled => n.filled, vacant => n.vacant,
                href => Value::from_safe_string(format!("/units/{}{as_of}", enc(&n.code))),
            }
        })
        .collect()
}

async fn units(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<TreeParams>,
    Query(paging): Query<Paging>,
    Query(sort): Query<SortParam>,
    RawQuery(raw): RawQuery,
) -> Response {
    use crate::usecases::frame::{units_matching, UnitNode, UnitSort};
    let result: Result<Response, ApiError> = async {
        let on = date_param("as_of", p.as_of.as_deref(), today())?;
        let nodes = crate::usecases::frame::unit_tree(&state, &a, on).await?;
        let all = bool_param("all", p.all.as_deref())?.unwrap_or(false);
        // A hundred units a page unless asked otherwise.
        let paging = Paging {
            per_page: paging.per_page.or(Some(100)),
            ..paging
        };
        let sort = sort.parse(Sort::asc(UnitSort::Tree))?;
        let text = p.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let as_of = if p.as_of.as_deref().is_some_and(|s| !s.is_empty()) {
            format!("?as_of={}", enc(&on.to_string()))
        } else {
            String::new()
        };
        // The whole BMA is a thousand units: by default two levels, the rest one click away;
        // a search or another order lists the matching units flat, a page at a time.
        let flat = text.is_some() || sort.key != UnitSort::Tree || all;
        let (shown, hidden, total, more): (Vec<UnitNode>, usize, usize, bool) = if flat {
            let matching = units_matching(&nodes, text, sort);
            let offset = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
            let limit = usize::try_from(paging.limit()).unwrap_or(20);
            let page: Vec<UnitNode> = matching.iter().skip(offset).take(limit).cloned().collect();
            let more = matching.len() > offset.saturating_add(limit);
            (page, 0, matching.len(), more)
        } else {
            let shown: Vec<UnitNode> = nodes.iter().filter(|n| n.depth <= 1).cloned().collect();
            let hidden = nodes.len() - shown.len();
            let n = shown.len();
            (shown, hidden, n, false)
        };
        let rows = unit_rows(&lang, &shown, &as_of);
        let expand = format!("/units?as_of={}&all=true", enc(&on.to_string()));
        Ok(render(
            &lang,
            "units.html",
            context! { ..chrome(&lang, &a), ..context! {
                units => rows, on => show_date(&lang, on), as_of => on.to_string(),
                hidden, total_units => nodes.len(), expand => Value::from_safe_string(expand),
                flat, total, more, page => paging.page(), q => text.unwrap_or_default(), all,
                sorting => sort_links(raw.as_deref(), sort),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct UnitParams {
    as_of: Option<String>,
    vacant: Option<String>,
    level: Option<String>,
    /// A position number's start, or part of a line of work or title.
    q: Option<String>,
}

/// Choices of a select: code, label, whether chosen.
fn choices<T: Copy + PartialEq>(
    lang: &Lang,
    all: &[T],
    chosen: Option<T>,
    code: fn(T) -> &'static str,
    th: fn(T) -> &'static str,
    en: fn(T) -> &'static str,
) -> Vec<Value> {
    all.iter()
        .map(|v| context! { code => code(*v), label => lang.pick(th(*v), en(*v)), on => Some(*v) == chosen })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn unit(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Path(code): Path<String>,
    Query(p): Query<UnitParams>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
    Query(sort): Query<SortParam>,
    RawQuery(raw): RawQuery,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let on = date_param("as_of", p.as_of.as_deref(), today())?;
        let vacant = bool_param("vacant", p.vacant.as_deref())?;
        let level = match p.level.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => Some(Level::parse(l).map_err(|v| ApiError::bad(v.on_field("level")))?),
        };
        let sort = sort.parse(Sort::asc(PositionSort::No))?;
        let text = p.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let filter = crate::usecases::frame::PositionFilter {
            vacant,
            level,
            text,
            sort,
            ..Default::default()
        };
        let paging = sheets::rows_for(wanted, paging);
        let (unit, list) =
            crate::usecases::frame::positions(&state, &a, Some(&code), on, filter, &paging).await?;
        if let Some(format) = wanted {
            let covers = sheets::coverage(&state, &a, unit.as_ref()).await?;
            let sheet = sheets::positions(&list, &covers, on, filter, printed_line(&a, today()));
            let name = format!("positions-{}", unit.map(|u| u.code).unwrap_or_default());
            return sheets::answer(format, sheet, &name).await;
        }
        let (name, unit_code) = unit
            .map(|u| (lang.pick(&u.name_th, &u.name_en).to_string(), u.code))
            .unwrap_or_default();
        // The units directly below, with their counts, to walk down the tree.
        let tree = crate::usecases::frame::unit_subtree_nodes(&state, &a, &unit_code, on).await?;
        let below: Vec<crate::usecases::frame::UnitNode> =
            tree.iter().filter(|n| n.depth == 1).cloned().collect();
        let as_of_q = format!("?as_of={}", enc(&on.to_string()));
        let sub_units = unit_rows(&lang, &below, &as_of_q);
        let this = tree
            .first()
            .map(|n| context! { frame => n.frame, filled => n.filled, vacant => n.vacant });
        let rows: Vec<Value> = list
            .items
            .iter()
            .map(|x| {
                context! {
                    no => x.position_no,
                    title => bmahr_core::i18n::line_of_work(if x.admin_title.is_empty() { &x.line_of_work } else { &x.admin_title }, lang.en()),
                    level => lang.pick(&x.level_th, &x.level_en),
                    category => lang.pick(&x.category_th, &x.category_en),
                    unit => format!("{} {}", x.unit_code, lang.pick(&x.unit_name_th, &x.unit_name_en)),
                    holder => x.holder.as_ref().map(|h| context! {
                        id => h.person_id, name => lang.pick(&h.name_th, &h.name_en),
                        suspended => h.status == "suspended",
                    }),
                }
            })
            .collect();
        let here = format!("/units/{}?as_of={}", enc(&unit_code), enc(&on.to_string()));
        let levels = choices(&lang, Level::ALL, level, Level::code, Level::th, Level::en);
        Ok(render(
            &lang,
            "unit.html",
            context! { ..chrome(&lang, &a), ..context! {
                code => unit_code, name, on => show_date(&lang, on), as_of => on.to_string(),
                positions => rows, total => list.total, page => list.page, more => list.more(),
                vacant, here => Value::from_safe_string(here), sub_units, this,
                levels, q => text.unwrap_or_default(), sorting => sort_links(raw.as_deref(), sort),
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct RetirementParams {
    fy: Option<String>,
    /// A unit's code or name (the unit picker fills in the code).
    unit: Option<String>,
    category: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn retirements(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<RetirementParams>,
    Query(paging): Query<Paging>,
    Query(file): Query<FormatParam>,
    Query(sort): Query<SortParam>,
    RawQuery(raw): RawQuery,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let now = today();
        let fy = FiscalYear::be(year_be_param(
            "fy",
            p.fy.as_deref(),
            FiscalYear::of(now).year_be(),
        )?);
        let category = match p.category.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => Some(Category::parse(c).map_err(|v| ApiError::bad(v.on_field("category")))?),
        };
        let sort = sort.parse(Sort::asc(RetireeSort::Unit))?;
        let unit_code =
            crate::usecases::pickers::unit_filter(&state, &a, p.unit.as_deref(), now).await?.map(|u| u.code);
        let paging = sheets::rows_for(wanted, paging);
        let filter = bmahr_store::RetireeFilter { category, sort };
        let (unit, list) =
            crate::usecases::frame::retirements(&state, &a, fy, unit_code.as_deref(), now, filter, &paging).await?;
        if let Some(format) = wanted {
            let covers = sheets::coverage(&state, &a, unit.as_ref()).await?;
            let sheet = sheets::retirements(&list, &covers, fy, printed_line(&a, now));
            return sheets::answer(format, sheet, &format!("retirements-{}", fy.year_be())).await;
        }
        let rows: Vec<Value> = list
            .items
            .iter()
            .map(|r| {
                let level = match (&r.level_th, &r.level_en) {
                    (Some(th), Some(en)) => lang.pick(th, en).to_string(),
                    _ => String::new(),
                };
                context! {
                    id => r.person_id,
                    name => lang.pick(&r.name_th, &r.name_en),
                    position => format!("{} {}", r.position_no.as_deref().unwrap_or(""), bmahr_core::i18n::line_of_work(r.line_of_work.as_deref().unwrap_or(""), lang.en())),
                    level,
                    unit => format!("{} {}", r.unit_code.as_deref().unwrap_or(""),
                        lang.pick(r.unit_name_th.as_deref().unwrap_or(""), r.unit_name_en.as_deref().unwrap_or(""))),
                    retires => show_date(&lang, r.retirement_date),
                }
            })
            .collect();
        let (unit_q, scope_name) = list_scope(&state, &lang, &a, unit.as_ref()).await?;
        let category_q = category.map(|c| format!("&category={}", c.code())).unwrap_or_default();
        let categories = choices(&lang, Category::ALL, category, Category::code, Category::th, Category::en);
        Ok(render(
            &lang,
            "retirements.html",
            context! { ..chrome(&lang, &a), ..context! {
                fy => fy.year_be(), prev => fy.year_be() - 1, next => fy.year_be() + 1,
                first => show_date(&lang, fy.first_day()), last => show_date(&lang, fy.last_day()),
                people => rows, total => list.total, page => list.page, more => list.more(),
                unit_q, category_q, scope_name, unit_code => unit.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
                unit_text => p.unit.unwrap_or_default(), categories,
                sorting => sort_links(raw.as_deref(), sort),
                may_draft => bmahr_core::access::offer(&a.asker()).drafts_orders,
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// What a list covers: the `&unit=` to keep in its links, and the name to show.
async fn list_scope(
    state: &AppState,
    lang: &Lang,
    a: &crate::auth::Actor,
    unit: Option<&bmahr_store::UnitRow>,
) -> Result<(String, String), ApiError> {
    Ok(match unit {
        Some(u) => (
            format!("&unit={}", enc(&u.code)),
            format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en)),
        ),
        None => (String::new(), scope_name(state, lang, a).await?),
    })
}

/// The name of the unit an account is scoped to, or "whole BMA".
async fn scope_name(
    state: &AppState,
    lang: &Lang,
    a: &crate::auth::Actor,
) -> Result<String, ApiError> {
    Ok(match a.user.scope_unit_id {
        Some(id) if a.scope.is_some() => state
            .store
            .unit_by_id(id)
            .await?
            .map(|u| format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en)))
            .unwrap_or_default(),
        _ => lang.pick("ทั้งกรุงเทพมหานคร", "whole BMA").to_string(),
    })
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/units", get(units))
        .route("/units/{code}", get(unit))
        .route("/retirements", get(retirements))
        .route("/retirements/forecast", get(forecast))
        .route("/retirements/draft", axum::routing::post(draft_retirements))
}

#[derive(serde::Deserialize)]
struct DraftRetirementsForm {
    csrf: String,
    fy: String,
    #[serde(default)]
    unit: String,
}

/// Drafts the year's retirement orders and shows the drafts awaiting signature.
async fn draft_retirements(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    axum::extract::Form(f): axum::extract::Form<DraftRetirementsForm>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        a.require_csrf(Some(&f.csrf))?;
        let fy = FiscalYear::be(year_be_param(
            "fy",
            Some(&f.fy),
            FiscalYear::of(today()).year_be(),
        )?);
        let unit = Some(f.unit.as_str()).filter(|u| !u.is_empty());
        crate::usecases::frame::draft_retirements(&state, &a, fy, unit, today()).await?;
        Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::to("/orders"),
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

#[derive(serde::Deserialize)]
struct ForecastParams {
    from_fy: Option<String>,
    years: Option<i32>,
    by: Option<String>,
    unit: Option<String>,
}

/// The retirement forecast: a table of groups by the coming fiscal years.
async fn forecast(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<ForecastParams>,
    Query(file): Query<FormatParam>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let now = today();
        let first = FiscalYear::be(year_be_param(
            "from_fy",
            p.from_fy.as_deref(),
            FiscalYear::of(now).year_be(),
        )?);
        let by = crate::params::forecast_by(p.by.as_deref())?;
        let years = p.years.unwrap_or(5);
        let (unit, f) =
            crate::usecases::frame::forecast(&state, &a, first, years, p.unit.as_deref(), by, now).await?;
        if let Some(format) = wanted {
            let covers = sheets::coverage(&state, &a, unit.as_ref()).await?;
            let sheet = sheets::forecast(&f, by, &covers, now, printed_line(&a, now));
            return sheets::answer(format, sheet, &format!("forecast-{}", first.year_be())).await;
        }
        let (unit_q, scope_name) = list_scope(&state, &lang, &a, unit.as_ref()).await?;
        // The figures stay in the table below the chart (screen readers read the table).
        let chart = (!f.lines.is_empty())
            .then(|| Value::from_safe_string(sheets::forecast_chart(&f, by, lang.en()).svg()));
        let lines: Vec<Value> = f
            .lines
            .iter()
            .map(|l| {
                context! {
                    label => lang.pick(&l.label_th, &l.label_en),
                    key => l.key.clone(),
                    counts => l.counts.iter().map(|n| bmahr_core::money::grouped(*n)).collect::<Vec<_>>(),
                    total => bmahr_core::money::grouped(l.total),
                }
            })
            .collect();
        let dims: Vec<Value> = bmahr_store::ForecastBy::ALL
            .iter()
            .map(|d| context! { code => d.code(), label => lang.pick(d.th(), d.en()), on => *d == by })
            .collect();
        Ok(render(
            &lang,
            "forecast.html",
            context! { ..chrome(&lang, &a), ..context! {
                years => f.years, lines, dims, by => by.code(), by_label => lang.pick(by.th(), by.en()),
                totals => f.totals.iter().map(|n| bmahr_core::money::grouped(*n)).collect::<Vec<_>>(),
                total => bmahr_core::money::grouped(f.total), unit_q, scope_name, by_agency => by == bmahr_store::ForecastBy::Agency,
                today => show_date(&lang, now), chart,
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}
