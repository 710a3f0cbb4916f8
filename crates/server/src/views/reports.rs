//! The annual report page (seed 002) and the pieces every downloadable list shares: a sheet
//! as an HTML table, and `?format=` answered with the same list as a file.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bmahr_core::FiscalYear;
use bmahr_docs::{Cell, Sheet};
use minijinja::{context, Value};

use super::{chrome, error_page_for, render, Lang, PageActor};
use crate::download::FileFormat;
use crate::error::ApiError;
use crate::params::year_be_param;
use crate::sheets::FormatParam;
use crate::usecases::reports;
use crate::{today, AppState};

/// A sheet for `sheet.html`: cells as printed, numeric columns marked.
pub(crate) fn sheet_value(s: &Sheet) -> Value {
    let numeric: Vec<bool> = (0..s.columns.len())
        .map(|i| {
            !s.rows.is_empty()
                && s.rows
                    .iter()
                    .all(|r| matches!(r.get(i), Some(Cell::Number(_)) | None))
        })
        .collect();
    let rows: Vec<Vec<Value>> = s
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| context! { text => c.printed(), num => matches!(c, Cell::Number(_)) })
                .collect()
        })
        .collect();
    context! { title => s.title.clone(), columns => s.columns.clone(), rows, numeric, note => s.note.clone() }
}

#[derive(serde::Deserialize)]
struct AnnualParams {
    unit: Option<String>,
    fy: Option<String>,
}

async fn annual(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(p): Query<AnnualParams>,
    Query(file): Query<FormatParam>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let wanted = file.wanted()?;
        let on = today();
        let fy = FiscalYear::be(year_be_param(
            "fy",
            p.fy.as_deref(),
            FiscalYear::of(on).year_be(),
        )?);
        let unit = crate::usecases::pickers::unit_filter(&state, &a, p.unit.as_deref(), on)
            .await?
            .map(|u| u.code);
        let r = reports::annual(&state, &a, unit.as_deref(), fy, on).await?;
        match wanted {
            Some(FileFormat::Pdf) => return Ok(r.to_pdf(&state).await?.into_response()),
            Some(FileFormat::Xlsx) => return Ok(r.to_xlsx()?.into_response()),
            None => {}
        }
        let sections: Vec<Value> = r
            .sections
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let parts: Vec<Value> = s
                    .parts
                    .iter()
                    .map(|p| {
                        context! {
                            sheet => sheet_value(&p.sheet), text => p.text.clone(),
                            chart => p.chart.as_ref().map(|c| Value::from_safe_string(c.svg())),
                        }
                    })
                    .collect();
                context! { title => s.title.clone(), parts, n }
            })
            .collect();
        Ok(render(
            &lang,
            "annual.html",
            context! { ..chrome(&lang, &a), ..context! {
                unit_name => r.unit_name, unit => p.unit.unwrap_or_default(), fy => fy.year_be(),
                on => r.on.to_string(), sections,
            }},
        ))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/annual", get(annual))
}
