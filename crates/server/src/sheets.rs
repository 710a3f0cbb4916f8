//! Lists as files (issue 22): one function per list turns what its use-case returned into a
//! [`Sheet`] — a Thai title, the filters in the subtitle, who printed it in the footer — and
//! both doors (the page and the API) call the same one, so a list prints alike from either.
//! Also the charts drawn above the forecast's and the discipline report's tables, and
//! `?format=` read so that a wrong value names its field.
//!
//! Nothing here decides access or reads personal data: the rows are what the use-case
//! returned to this actor (national IDs masked or not as it decided), and a download goes
//! through the use-case as the page does — the same refusal, the same audit event.

use std::collections::HashMap;

use axum::response::{IntoResponse, Response};
use bmahr_core::access::Board;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::Status;
use bmahr_core::{FiscalYear, ThaiDate, Violation};
use bmahr_docs::chart::{Chart, ChartKind, Series};
use bmahr_docs::{Cell, Sheet};
use bmahr_store::{Forecast, ForecastBy, UnitRow};

use crate::auth::Actor;
use crate::download::FileFormat;
use crate::error::ApiError;
use crate::usecases::cases::{BoardItem, DeadlineOut, ReportTable};
use crate::usecases::documents::{typeset, Download};
use crate::usecases::frame::{PositionFilter, PositionItem, RetireeItem};
use crate::usecases::people::PersonSummary;
use crate::usecases::registry::AuditPage;
use crate::usecases::{Listing, Paging};
use crate::AppState;

// --- ?format= ---------------------------------------------------------------------------------

/// `?format=` on a list: absent (the page, or JSON), `xlsx` or `pdf`. Read by hand, as
/// `params.rs` reads the others, so a wrong value is a 400 naming the field `format` in Thai
/// and English, on the page and in the API alike. The OpenAPI document describes it with
/// [`crate::download::AsFile`].
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct FormatParam {
    pub format: Option<String>,
}

impl FormatParam {
    /// The file asked for, if any.
    pub fn wanted(&self) -> Result<Option<FileFormat>, ApiError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) if s.eq_ignore_ascii_case("xlsx") => Ok(Some(FileFormat::Xlsx)),
            Some(s) if s.eq_ignore_ascii_case("pdf") => Ok(Some(FileFormat::Pdf)),
            Some(other) => {
                let shown: String = other.chars().take(20).collect();
                Err(ApiError::bad(Violation::new(
                    "format.unknown",
                    "format",
                    format!("format ต้องเป็น xlsx หรือ pdf (ไม่ใช่ \"{shown}\")"),
                    format!("format must be xlsx or pdf (not \"{shown}\")"),
                )))
            }
        }
    }
}

/// The rows a list is read with: every row when a file is asked (the file holds the whole
/// list, not the page on screen), else the page asked for.
pub fn rows_for(wanted: Option<FileFormat>, asked: Paging) -> Paging {
    match wanted {
        Some(_) => Paging::whole(),
        None => asked,
    }
}

/// A sheet as the file asked for, as an HTTP answer.
pub async fn answer(format: FileFormat, sheet: Sheet, name: &str) -> Result<Response, ApiError> {
    Ok(format.write(sheet, name).await?.into_response())
}

// --- what a list covers -----------------------------------------------------------------------

/// `D01 สำนักงานเขตพระนคร`.
fn unit_text(u: &UnitRow) -> String {
    format!("{} {}", u.code, u.name_th)
}

/// What a list covers, in Thai: the unit asked for, else the actor's scope, else the whole BMA.
pub async fn coverage(
    state: &AppState,
    actor: &Actor,
    unit: Option<&UnitRow>,
) -> Result<String, ApiError> {
    if let Some(u) = unit {
        return Ok(unit_text(u));
    }
    Ok(match actor.user.scope_unit_id {
        Some(id) if actor.scope.is_some() => state
            .store
            .unit_by_id(id)
            .await?
            .map(|u| unit_text(&u))
            .unwrap_or_default(),
        _ => "ทั้งกรุงเทพมหานคร".to_string(),
    })
}

/// Every unit's code and Thai name by id (units are not personal data; cached by the store).
pub async fn unit_names(state: &AppState) -> Result<HashMap<i64, String>, ApiError> {
    let units = state.store.units_shared().await?;
    Ok(units.iter().map(|u| (u.id, unit_text(u))).collect())
}

/// The line under a list cut at [`crate::usecases::DOWNLOAD_ROWS`].
fn cut_note(shown: usize, total: i64) -> String {
    let shown = i64::try_from(shown).unwrap_or(i64::MAX);
    if total > shown {
        format!(
            "แสดง {} รายการแรกจากทั้งหมด {} รายการ",
            bmahr_core::money::grouped(shown),
            bmahr_core::money::grouped(total)
        )
    } else {
        String::new()
    }
}

fn joined(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn text(s: Option<&str>) -> Cell {
    Cell::Text(s.unwrap_or("").to_string())
}

// --- 1. people search -------------------------------------------------------------------------

/// The people a search found (`people::search`): name, national ID as the use-case showed it
/// to this actor, unit, position, level, category and status.
pub fn people(
    list: &Listing<PersonSummary>,
    q: &str,
    as_of: Option<ThaiDate>,
    units: &HashMap<i64, String>,
    printed: String,
) -> Sheet {
    let mut s = Sheet::new(
        "ผลการค้นหาบุคคล",
        &[
            "ชื่อ - สกุล",
            "เลขประจำตัวประชาชน",
            "หน่วยงาน",
            "เลขที่ตำแหน่ง",
            "ระดับ",
            "ประเภท",
            "สถานะ",
        ],
    );
    s.subtitle = joined(&[
        format!("คำค้น \"{}\"", q.trim()),
        as_of
            .map(|d| format!("ณ วันที่ {}", d.long_th()))
            .unwrap_or_default(),
        format!("พบ {} ราย", bmahr_core::money::grouped(list.total)),
    ]);
    s.rows = list
        .items
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.name_th.clone()),
                Cell::Text(crate::views::formatted_id(&p.national_id)),
                text(p.unit_id.and_then(|u| units.get(&u)).map(String::as_str)),
                text(p.position_no.as_deref()),
                text(
                    p.level
                        .as_deref()
                        .and_then(|l| Level::parse(l).ok())
                        .map(Level::th),
                ),
                text(
                    p.category
                        .as_deref()
                        .and_then(|c| Category::parse(c).ok())
                        .map(Category::th),
                ),
                text(
                    p.status
                        .as_deref()
                        .and_then(|c| Status::parse(c).ok())
                        .map(Status::th),
                ),
            ]
        })
        .collect();
    s.note = cut_note(list.items.len(), list.total);
    s.printed = printed;
    s
}

// --- 2. positions and vacancies ---------------------------------------------------------------

/// A unit's positions on a date (`frame::positions`), vacant or filled as filtered.
pub fn positions(
    list: &Listing<PositionItem>,
    covers: &str,
    on: ThaiDate,
    filter: PositionFilter<'_>,
    printed: String,
) -> Sheet {
    let title = match filter.vacant {
        Some(true) => "ตำแหน่งว่าง",
        Some(false) => "ตำแหน่งที่มีผู้ครอง",
        None => "ตำแหน่งและตำแหน่งว่าง",
    };
    let mut s = Sheet::new(
        format!("{title} {covers}"),
        &[
            "เลขที่ตำแหน่ง",
            "ตำแหน่ง",
            "สายงาน",
            "ระดับ",
            "ประเภท",
            "หน่วยงาน",
            "ผู้ครองตำแหน่ง",
            "สถานะ",
        ],
    );
    s.subtitle = joined(&[
        "ตำแหน่งของหน่วยงานและหน่วยงานในสังกัด".to_string(),
        format!("ณ วันที่ {}", on.long_th()),
        filter
            .category
            .map(|c| format!("ประเภท{}", c.th()))
            .unwrap_or_default(),
        filter
            .line_of_work
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("สายงาน{l}"))
            .unwrap_or_default(),
        format!("จำนวน {} ตำแหน่ง", bmahr_core::money::grouped(list.total)),
    ]);
    s.rows = list
        .items
        .iter()
        .map(|p| {
            let title = if p.admin_title.is_empty() {
                &p.line_of_work
            } else {
                &p.admin_title
            };
            let (holder, state) = match &p.holder {
                None => (String::new(), "ว่าง"),
                Some(h) if h.status == "suspended" => (h.name_th.clone(), "พักราชการ"),
                Some(h) => (h.name_th.clone(), "มีผู้ครอง"),
            };
            vec![
                Cell::Text(p.position_no.clone()),
                Cell::Text(title.clone()),
                Cell::Text(p.line_of_work.clone()),
                Cell::Text(p.level_th.clone()),
                Cell::Text(p.category_th.clone()),
                Cell::Text(format!("{} {}", p.unit_code, p.unit_name_th)),
                Cell::Text(holder),
                Cell::from(state),
            ]
        })
        .collect();
    s.note = cut_note(list.items.len(), list.total);
    s.printed = printed;
    s
}

// --- 3. retirements of a fiscal year ----------------------------------------------------------

/// Who retires at the end of a fiscal year (`frame::retirements`).
pub fn retirements(
    list: &Listing<RetireeItem>,
    covers: &str,
    fy: FiscalYear,
    printed: String,
) -> Sheet {
    let mut s = Sheet::new(
        format!("ผู้เกษียณอายุราชการ ปีงบประมาณ พ.ศ. {}", fy.year_be()),
        &[
            "ชื่อ - สกุล",
            "เลขที่ตำแหน่ง",
            "ตำแหน่ง",
            "ระดับ",
            "หน่วยงาน",
            "วันครบเกษียณอายุ",
        ],
    );
    s.subtitle = joined(&[
        covers.to_string(),
        format!("{} – {}", fy.first_day().long_th(), fy.last_day().long_th()),
        format!("รวม {} ราย", bmahr_core::money::grouped(list.total)),
    ]);
    s.rows = list
        .items
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.name_th.clone()),
                text(r.position_no.as_deref()),
                text(r.line_of_work.as_deref()),
                text(r.level_th.as_deref()),
                Cell::Text(
                    format!(
                        "{} {}",
                        r.unit_code.as_deref().unwrap_or(""),
                        r.unit_name_th.as_deref().unwrap_or("")
                    )
                    .trim()
                    .to_string(),
                ),
                Cell::Text(r.retirement_date.short_th()),
            ]
        })
        .collect();
    s.note = cut_note(list.items.len(), list.total);
    s.printed = printed;
    s
}

// --- 4. the retirement forecast ---------------------------------------------------------------

fn years_span(f: &Forecast) -> String {
    match (f.years.first(), f.years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// The forecast (`frame::forecast`): a line per group, a column per fiscal year, the totals.
pub fn forecast(
    f: &Forecast,
    by: ForecastBy,
    covers: &str,
    today: ThaiDate,
    printed: String,
) -> Sheet {
    let mut s = Sheet {
        title: format!("ประมาณการผู้เกษียณอายุราชการ ปีงบประมาณ พ.ศ. {}", years_span(f)),
        subtitle: joined(&[
            covers.to_string(),
            format!("จำแนกตาม{}", by.th()),
            format!("จากผู้ปฏิบัติงาน ณ วันที่ {}", today.long_th()),
            "ตามมาตรา 14(11) และ 29(12)".to_string(),
        ]),
        ..Sheet::default()
    };
    s.columns = std::iter::once(by.th().to_string())
        .chain(f.years.iter().map(|y| format!("ปีงบ {y}")))
        .chain(std::iter::once("รวม".to_string()))
        .collect();
    s.rows = f
        .lines
        .iter()
        .map(|l| {
            std::iter::once(Cell::Text(l.label_th.clone()))
                .chain(l.counts.iter().map(|n| Cell::from(*n)))
                .chain(std::iter::once(Cell::from(l.total)))
                .collect()
        })
        .collect();
    s.rows.push(
        std::iter::once(Cell::from("รวมทั้งสิ้น"))
            .chain(f.totals.iter().map(|n| Cell::from(*n)))
            .chain(std::iter::once(Cell::from(f.total)))
            .collect(),
    );
    s.printed = printed;
    s
}

/// At most this many series in a stacked chart; the rest are summed as "others".
const MOST_SERIES: usize = 8;

/// The retirement wave: a stacked column per fiscal year, a layer per line of the forecast
/// (the largest seven, and the rest together), in the page's language.
pub fn forecast_chart(f: &Forecast, by: ForecastBy, en: bool) -> Chart {
    let mut lines: Vec<&bmahr_store::ForecastLine> = f.lines.iter().collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.total));
    let values = |counts: &[i64]| counts.iter().map(|n| *n as f64).collect::<Vec<f64>>();
    let keep = if lines.len() > MOST_SERIES {
        MOST_SERIES - 1
    } else {
        lines.len()
    };
    let mut series: Vec<Series> = lines[..keep]
        .iter()
        .map(|l| Series {
            name: if en {
                l.label_en.clone()
            } else {
                l.label_th.clone()
            },
            values: values(&l.counts),
        })
        .collect();
    if lines.len() > keep {
        let mut rest = vec![0i64; f.years.len()];
        for l in &lines[keep..] {
            for (r, n) in rest.iter_mut().zip(&l.counts) {
                *r += n;
            }
        }
        series.push(Series {
            name: if en { "others" } else { "อื่น ๆ" }.to_string(),
            values: values(&rest),
        });
    }
    Chart {
        title: if en {
            format!("Retirements by fiscal year, by {}", by.en())
        } else {
            format!("ผู้เกษียณอายุราชการรายปีงบประมาณ จำแนกตาม{}", by.th())
        },
        kind: ChartKind::StackedColumns,
        labels: f
            .years
            .iter()
            .map(|y| {
                if en {
                    format!("FY {y}")
                } else {
                    format!("ปีงบ {y}")
                }
            })
            .collect(),
        series,
        unit: if en { "people" } else { "คน" }.to_string(),
        english: en,
    }
}

// --- 5. the deadline board --------------------------------------------------------------------

/// Where a deadline stands today, in Thai.
fn deadline_state(d: &DeadlineOut) -> String {
    match (d.met_on, d.days_left) {
        (Some(m), _) if d.met_late => format!("ดำเนินการแล้ว (เกินกำหนด) {}", m.short_th()),
        (Some(m), _) => format!("ดำเนินการแล้ว {}", m.short_th()),
        (None, Some(n)) if n < 0 && !d.overdue => "พ้นกำหนดแล้ว".to_string(),
        (None, Some(n)) if n < 0 => format!("เกินกำหนด {} วัน", -n),
        (None, Some(0)) => "วันสุดท้าย".to_string(),
        (None, Some(n)) => format!("เหลือ {n} วัน"),
        (None, None) => String::new(),
    }
}

/// A deadline board (`cases::board`): open deadlines, soonest first.
pub fn deadlines(
    items: &[BoardItem],
    which: Board,
    unit: Option<&str>,
    due: Option<&str>,
    today: ThaiDate,
    printed: String,
) -> Sheet {
    let title = match which {
        Board::Kpk => "กำหนดเวลาของ ก.พ.ค. กรุงเทพมหานคร",
        Board::Units => "กำหนดเวลาของหน่วยงาน",
        Board::Mine => "กำหนดเวลาในเรื่องของฉัน",
    };
    let mut s = Sheet::new(
        title,
        &[
            "วันสุดท้าย",
            "สถานะ",
            "เรื่อง",
            "ประเภท",
            "เลขที่เรื่อง",
            "บุคคล",
            "หน่วยงาน",
            "ผู้ต้องดำเนินการ",
            "ฐาน",
        ],
    );
    let overdue = items.iter().filter(|b| b.deadline.overdue).count();
    s.subtitle = joined(&[
        unit.map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| format!("หน่วยงาน {u} และหน่วยงานในสังกัด"))
            .unwrap_or_default(),
        match due.unwrap_or("all") {
            "week" => "ครบกำหนดภายใน 7 วัน และที่เกินกำหนด".to_string(),
            "overdue" => "เฉพาะที่เกินกำหนด".to_string(),
            _ => "ทุกกำหนดเวลาที่ค้างอยู่".to_string(),
        },
        format!("ณ วันที่ {}", today.long_th()),
        format!(
            "{} รายการ (เกินกำหนด {})",
            bmahr_core::money::grouped(items.len() as i64),
            overdue
        ),
    ]);
    s.rows = items
        .iter()
        .map(|b| {
            let d = &b.deadline;
            vec![
                Cell::Text(d.last_day.short_th()),
                Cell::Text(deadline_state(d)),
                Cell::Text(d.label_th.clone()),
                Cell::Text(b.kind_th.clone()),
                Cell::from(b.case_id),
                Cell::Text(b.person_name.clone()),
                Cell::Text(b.unit_code.clone()),
                Cell::Text(d.holder_th.clone()),
                Cell::Text(d.basis.clone()),
            ]
        })
        .collect();
    s.printed = printed;
    s
}

// --- 6. the discipline report -----------------------------------------------------------------

/// The discipline report (`cases::report_tables`): a sheet per table, each with its total row.
pub fn discipline(
    tables: &[ReportTable],
    covers: &str,
    fy: FiscalYear,
    printed: &str,
) -> Vec<Sheet> {
    tables
        .iter()
        .map(|t| {
            let mut s = Sheet {
                title: t.title_th.clone(),
                subtitle: discipline_subtitle(covers, fy),
                printed: printed.to_string(),
                ..Sheet::default()
            };
            s.columns = ["หมวด", "รายการ"]
                .iter()
                .map(|c| c.to_string())
                .chain(t.columns_th.iter().cloned())
                .chain(std::iter::once("รวม".to_string()))
                .collect();
            let mut last = "";
            for r in &t.rows {
                // The group is printed once, on its first row, as seed 002 prints it.
                let group = if r.group_th == last { "" } else { &r.group_th };
                last = &r.group_th;
                s.rows.push(
                    [Cell::from(group), Cell::Text(r.label_th.clone())]
                        .into_iter()
                        .chain(r.counts.iter().map(|n| Cell::from(*n)))
                        .chain(std::iter::once(Cell::from(r.total)))
                        .collect(),
                );
            }
            s.rows.push(
                [Cell::from("รวม"), Cell::from("")]
                    .into_iter()
                    .chain(t.totals.iter().map(|n| Cell::from(*n)))
                    .chain(std::iter::once(Cell::from(t.total)))
                    .collect(),
            );
            s
        })
        .collect()
}

fn discipline_subtitle(covers: &str, fy: FiscalYear) -> String {
    joined(&[
        covers.to_string(),
        format!(
            "ปีงบประมาณ พ.ศ. {} ({} – {})",
            fy.year_be(),
            fy.first_day().long_th(),
            fy.last_day().long_th()
        ),
    ])
}

/// The discipline report as the file asked for: a workbook of one worksheet per table, or
/// one printed report in the annual report's layout (what it covers, then each table under
/// its title, with its chart).
pub async fn answer_discipline(
    state: &AppState,
    format: FileFormat,
    tables: &[ReportTable],
    covers: &str,
    fy: FiscalYear,
    today: ThaiDate,
    printed: String,
) -> Result<Response, ApiError> {
    let name = format!("discipline-{}", fy.year_be());
    let sheets = discipline(tables, covers, fy, &printed);
    let download = match format {
        FileFormat::Xlsx => tokio::task::spawn_blocking(move || {
            bmahr_docs::book_to_xlsx(&sheets).map(|b| Download::xlsx(b, &name))
        })
        .await
        .map_err(|e| ApiError::Internal(format!("writing the file stopped: {e}")))?
        .map_err(|e| ApiError::Internal(e.to_string()))?,
        FileFormat::Pdf => {
            let charts: Vec<Chart> = tables.iter().map(|t| discipline_chart(t, false)).collect();
            let doc = discipline_document(&sheets, &charts, covers, fy, today, printed);
            let bytes = typeset(state, bmahr_docs::Template::Annual, doc).await?;
            Download::pdf(bytes, &name)
        }
    };
    Ok(download.into_response())
}

/// The discipline report printed in the annual report's layout (one part, each table under
/// its number and title, with its chart).
fn discipline_document(
    sheets: &[Sheet],
    charts: &[Chart],
    covers: &str,
    fy: FiscalYear,
    today: ThaiDate,
    printed: String,
) -> serde_json::Value {
    let parts: Vec<crate::usecases::reports::ReportPart> = sheets
        .iter()
        .zip(charts)
        .enumerate()
        .map(|(n, (s, c))| {
            let mut sheet = s.clone();
            sheet.title = format!("ตารางที่ {} {}", n + 1, s.title);
            crate::usecases::reports::ReportPart {
                sheet,
                text: String::new(),
                chart: Some(c.clone()),
            }
        })
        .collect();
    crate::usecases::reports::report_document(
        "รายงานการดำเนินงานด้านวินัยและเรื่องร้องเรียน",
        covers,
        fy,
        &format!(
            "รายงานการดำเนินงานด้านวินัยและเรื่องร้องเรียนของ{covers} ประจำปีงบประมาณ พ.ศ. {} ({} – {}) \
             จัดทำจากคำสั่งลงโทษและแฟ้มเรื่องร้องเรียนในระบบ bmahr ณ วันที่ {} ตามแบบรายงานประจำปี",
            fy.year_be(),
            fy.first_day().long_th(),
            fy.last_day().long_th(),
            today.long_th(),
        ),
        &[("การดำเนินงานด้านวินัยและเรื่องร้องเรียน", parts.as_slice())],
        &printed,
    )
}

/// One table of the report as horizontal bars: each row's total, in the page's language.
pub fn discipline_chart(t: &ReportTable, en: bool) -> Chart {
    Chart {
        title: if en {
            t.title_en.clone()
        } else {
            t.title_th.clone()
        },
        kind: ChartKind::HorizontalBars,
        labels: t
            .rows
            .iter()
            .map(|r| {
                if en {
                    r.label_en.clone()
                } else {
                    r.label_th.clone()
                }
            })
            .collect(),
        series: vec![Series {
            name: if en { "total" } else { "รวม" }.to_string(),
            values: t.rows.iter().map(|r| r.total as f64).collect(),
        }],
        unit: if en { "cases" } else { "ราย" }.to_string(),
        english: en,
    }
}

// --- 7. the audit log -------------------------------------------------------------------------

/// The filters of an audit search as the searcher gave them, for the subtitle.
#[derive(Debug, Default, Clone)]
pub struct AuditAsked {
    pub person: String,
    pub actor: String,
    pub action: String,
    pub from: String,
    pub to: String,
}

/// Events of the audit log (`registry::audit`), newest first.
pub fn audit(found: &AuditPage, asked: &AuditAsked, printed: String) -> Sheet {
    let mut s = Sheet::new(
        "บันทึกการใช้งานระบบ",
        &[
            "เวลา",
            "ผู้กระทำ",
            "การกระทำ",
            "รหัสการกระทำ",
            "บุคคล",
            "รายละเอียด",
            "เหตุผล",
            "คำสั่ง",
        ],
    );
    let action = match bmahr_store::action_label(asked.action.trim()) {
        ("", _) => asked.action.trim().to_string(),
        (th, _) => th.to_string(),
    };
    let some = |label: &str, v: &str| {
        let v = v.trim();
        if v.is_empty() {
            String::new()
        } else {
            format!("{label} {v}")
        }
    };
    let mut filters = joined(&[
        some("บุคคล", &asked.person),
        some("ผู้กระทำ", &asked.actor),
        some("การกระทำ", &action),
        some("ตั้งแต่", &asked.from),
        some("ถึง", &asked.to),
    ]);
    if filters.is_empty() {
        filters = "ทุกรายการ".to_string();
    }
    s.subtitle = joined(&[
        filters,
        "เวลาประเทศไทย วันที่เป็นพุทธศักราช รายการใหม่สุดก่อน".to_string(),
    ]);
    let names: HashMap<i64, &str> = found
        .people
        .iter()
        .map(|p| (p.id, p.name_th.as_str()))
        .collect();
    s.rows = found
        .items
        .iter()
        .map(|e| {
            let (th, _) = bmahr_store::action_label(&e.action);
            vec![
                Cell::Text(crate::bangkok_instant(&e.at)),
                Cell::Text(e.actor.clone()),
                Cell::from(if th.is_empty() { e.action.as_str() } else { th }),
                Cell::Text(e.action.clone()),
                Cell::Text(
                    e.person_id
                        .map(|id| {
                            names
                                .get(&id)
                                .map(|n| n.to_string())
                                .unwrap_or_else(|| id.to_string())
                        })
                        .unwrap_or_default(),
                ),
                Cell::Text(e.detail.clone()),
                Cell::Text(e.reason.clone()),
                Cell::Text(e.order_id.map(|o| format!("#{o}")).unwrap_or_default()),
            ]
        })
        .collect();
    s.landscape = true;
    if found.more || found.items.len() as i64 >= bmahr_store::AUDIT_READ_MAX {
        s.note = format!(
            "มีรายการมากกว่านี้: แสดง {} รายการล่าสุด",
            bmahr_core::money::grouped(found.items.len() as i64)
        );
    }
    s.printed = printed;
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use bmahr_store::ForecastLine;

    fn line(key: &str, counts: Vec<i64>) -> ForecastLine {
        ForecastLine {
            key: key.into(),
            label_th: format!("หน่วย {key}"),
            label_en: format!("Unit {key}"),
            total: counts.iter().sum(),
            counts,
        }
    }

    #[test]
    fn a_bad_format_names_its_field() {
        let p = |s: &str| FormatParam {
            format: Some(s.into()),
        };
        assert_eq!(p("xlsx").wanted().unwrap(), Some(FileFormat::Xlsx));
        assert_eq!(p("PDF").wanted().unwrap(), Some(FileFormat::Pdf));
        assert_eq!(p("").wanted().unwrap(), None);
        match p("doc").wanted() {
            Err(ApiError::BadRequest(v)) => assert_eq!(v.iter().next().unwrap().field, "format"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_forecast_chart_keeps_eight_series_at_most() {
        let lines: Vec<ForecastLine> = (0..11)
            .map(|i| line(&format!("D{i:02}"), vec![i, 1]))
            .collect();
        let f = Forecast {
            years: vec![2570, 2571],
            by: "agency".into(),
            totals: vec![55, 11],
            total: 66,
            lines,
        };
        let c = forecast_chart(&f, ForecastBy::Agency, false);
        assert_eq!(c.series.len(), MOST_SERIES);
        assert_eq!(c.series[0].name, "หน่วย D10");
        let others = c.series.last().unwrap();
        assert_eq!(others.name, "อื่น ๆ");
        // D00..D03 (0+1+2+3 in the first year, one each in the second) are grouped.
        assert_eq!(others.values, vec![6.0, 4.0]);
        let summed: f64 = c.series.iter().map(|s| s.values[0]).sum();
        assert_eq!(summed, 55.0);
        let s = forecast(
            &f,
            ForecastBy::Agency,
            "ทั้งกรุงเทพมหานคร",
            ThaiDate::from_ce(2026, 1, 1).unwrap(),
            String::new(),
        );
        assert_eq!(s.columns, ["หน่วยงาน", "ปีงบ 2570", "ปีงบ 2571", "รวม"]);
        assert_eq!(s.rows.len(), 12);
        assert_eq!(s.rows[11][3], Cell::Number(66.0));
    }
}
