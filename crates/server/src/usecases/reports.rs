//! The annual HR report of an agency (seed 002; §29(13): ก.ก. receives each agency's report),
//! in the seed's order: manpower frame, filled and vacant by category (office and schools
//! apart), separations by cause, appointments and moves, ten years of headcount, vacancy by
//! unit, the coming retirement wave, discipline and complaints. One shape serves the page,
//! the PDF and the workbook.

use std::collections::{HashMap, HashSet};

use bmahr_core::i18n::date_shown;
use bmahr_core::org::UnitKind;
use bmahr_core::personnel::Category;
use bmahr_core::register::{ActionKind, SeparationReason};
use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_docs::chart::{Chart, ChartKind, Series};
use bmahr_docs::{Cell, Sheet};
use bmahr_store::{ForecastBy, FramePost, Movement, UnitRow};

use super::documents::{printed_line, typeset, Download};
use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// One table of the report, with the chart drawn from it where a manager would rather look.
#[derive(Debug, Clone)]
pub struct ReportPart {
    pub sheet: Sheet,
    /// A sentence before the table, as the seed writes one ("In FY 2564 the office lost …").
    pub text: String,
    pub chart: Option<Chart>,
}

#[derive(Debug, Clone)]
pub struct ReportSection {
    pub title: String,
    pub parts: Vec<ReportPart>,
}

#[derive(Debug, Clone)]
pub struct AnnualReport {
    pub unit_code: String,
    pub unit_name: String,
    pub fiscal_year: FiscalYear,
    /// The day the frame and headcount are read on: the year's last day, or today while the
    /// year runs.
    pub on: ThaiDate,
    pub sections: Vec<ReportSection>,
    pub printed: String,
}

/// The categories in the order of the seed's rows.
const CATEGORIES: [Category; 6] = [
    Category::Ordinary,
    Category::Teacher,
    Category::HigherEducation,
    Category::PermanentEmployee,
    Category::TemporaryEmployee,
    Category::ContractStaff,
];

/// The causes of seed 002's separation table, each with the reasons it counts.
const CAUSES: [(&str, &[SeparationReason]); 6] = [
    ("เกษียณอายุราชการ", &[SeparationReason::Retirement]),
    ("ถึงแก่กรรม", &[SeparationReason::Death]),
    ("ลาออก", &[SeparationReason::Resignation]),
    (
        "ถูกไล่ออก / ปลดออก / ให้ออก",
        &[
            SeparationReason::Dismissal,
            SeparationReason::Discharge,
            SeparationReason::Removal,
        ],
    ),
    ("โอนไปรับราชการสังกัดอื่น", &[SeparationReason::TransferOut]),
    ("สิ้นสุดสัญญาจ้าง", &[SeparationReason::ContractEnd]),
];

/// The kinds of seed 002's appointment table (and the moves the report adds).
const ENTRIES: [(&str, ActionKind); 4] = [
    ("บรรจุ / จ้างและแต่งตั้ง", ActionKind::Appoint),
    ("รับโอน", ActionKind::TransferIn),
    ("ย้าย", ActionKind::Move),
    ("เลื่อนระดับ / ตำแหน่ง", ActionKind::Promote),
];

fn n(x: i64) -> Cell {
    Cell::from(x)
}

/// Where a unit falls: the units of the report, which of them are schools, and under which
/// child of the report's unit each lies (for "vacancy by unit").
struct Tree<'a> {
    kind: HashMap<i64, UnitKind>,
    branch: HashMap<i64, i64>,
    children: Vec<&'a UnitRow>,
}

impl<'a> Tree<'a> {
    fn new(all: &'a [UnitRow], root: Option<i64>) -> Tree<'a> {
        let parent: HashMap<i64, Option<i64>> = all.iter().map(|u| (u.id, u.parent_id)).collect();
        let root = root.or_else(|| all.iter().find(|u| u.parent_id.is_none()).map(|u| u.id));
        let children: Vec<&UnitRow> = all
            .iter()
            .filter(|u| u.parent_id.is_some() && u.parent_id == root)
            .collect();
        let child_ids: HashSet<i64> = children.iter().map(|u| u.id).collect();
        let mut branch = HashMap::new();
        for u in all {
            let mut at = Some(u.id);
            let mut steps = 0;
            while let Some(id) = at {
                if child_ids.contains(&id) {
                    branch.insert(u.id, id);
                    break;
                }
                at = parent.get(&id).copied().flatten();
                steps += 1;
                if steps > 64 {
                    break;
                }
            }
        }
        Tree {
            kind: all.iter().map(|u| (u.id, u.kind)).collect(),
            branch,
            children,
        }
    }

    fn school(&self, unit: Option<i64>) -> bool {
        unit.and_then(|u| self.kind.get(&u)) == Some(&UnitKind::School)
    }
}

/// Frame, filled and vacant by category, for units where `school` says.
fn frame_sheet(title: &str, posts: &[FramePost], tree: &Tree, school: bool) -> (Sheet, Chart) {
    let mut counts: HashMap<Category, (i64, i64)> = HashMap::new();
    for p in posts {
        if tree.school(Some(p.unit_id)) != school {
            continue;
        }
        let e = counts.entry(p.category).or_default();
        e.0 += 1;
        if p.filled {
            e.1 += 1;
        }
    }
    let mut sheet = Sheet::new(
        title,
        &[
            "ประเภท",
            "กรอบอัตรากำลัง (ตำแหน่ง)",
            "คนครอง (ตำแหน่ง)",
            "ตำแหน่งว่าง (ตำแหน่ง)",
        ],
    );
    let (mut tf, mut tc) = (0, 0);
    let mut labels = Vec::new();
    let (mut frame_s, mut filled_s) = (Vec::new(), Vec::new());
    for c in CATEGORIES {
        let (f, k) = counts.get(&c).copied().unwrap_or_default();
        if f == 0 {
            continue;
        }
        tf += f;
        tc += k;
        sheet
            .rows
            .push(vec![Cell::from(c.short_th()), n(f), n(k), n(f - k)]);
        labels.push(c.short_th().to_string());
        frame_s.push(f as f64);
        filled_s.push(k as f64);
    }
    sheet
        .rows
        .push(vec![Cell::from("รวม"), n(tf), n(tc), n(tf - tc)]);
    let chart = Chart {
        title: title.replace("ตาราง", "แผนภูมิ"),
        kind: ChartKind::Columns,
        labels,
        series: vec![
            Series {
                name: "กรอบอัตรากำลัง".into(),
                values: frame_s,
            },
            Series {
                name: "คนครอง".into(),
                values: filled_s,
            },
        ],
        unit: "ตำแหน่ง".into(),
        english: false,
    };
    (sheet, chart)
}

/// Rows by category, one column per group of `select`, from the year's movements.
fn movement_sheet(
    title: &str,
    columns: &[&str],
    moves: &[&Movement],
    column_of: impl Fn(&Movement) -> Option<usize>,
) -> (Sheet, Chart, i64) {
    let mut head = vec!["ประเภท"];
    head.extend_from_slice(columns);
    head.push("รวม");
    let mut sheet = Sheet::new(title, &head);
    let mut totals = vec![0i64; columns.len()];
    let mut series: Vec<Series> = columns
        .iter()
        .map(|c| Series {
            name: c.to_string(),
            values: Vec::new(),
        })
        .collect();
    let mut labels = Vec::new();
    for c in CATEGORIES {
        let mut row = vec![0i64; columns.len()];
        for m in moves.iter().filter(|m| m.category == Some(c)) {
            if let Some(i) = column_of(m) {
                row[i] += m.count;
            }
        }
        let sum: i64 = row.iter().sum();
        if sum == 0 {
            continue;
        }
        labels.push(c.short_th().to_string());
        for (i, x) in row.iter().enumerate() {
            totals[i] += x;
            series[i].values.push(*x as f64);
        }
        let mut cells = vec![Cell::from(c.short_th())];
        cells.extend(row.iter().map(|x| n(*x)));
        cells.push(n(sum));
        sheet.rows.push(cells);
    }
    let all: i64 = totals.iter().sum();
    let mut cells = vec![Cell::from("รวม")];
    cells.extend(totals.iter().map(|x| n(*x)));
    cells.push(n(all));
    sheet.rows.push(cells);
    let chart = Chart {
        title: title.replace("สถิติ", "แผนภูมิแสดงสถิติ"),
        kind: ChartKind::StackedColumns,
        labels,
        series,
        unit: "ราย".into(),
        english: false,
    };
    (sheet, chart, all)
}

/// The cause column a movement counts in: a separation by its reason, a transfer out, and a
/// dismissal or discharge imposed as a penalty (it ends the service as a separation does).
fn separation_column(m: &Movement) -> Option<usize> {
    let reason = match m.kind {
        ActionKind::Separate => m.separation?,
        ActionKind::TransferOut => SeparationReason::TransferOut,
        ActionKind::Penalty => m.penalty.and_then(|p| p.separation())?,
        _ => return None,
    };
    CAUSES.iter().position(|(_, rs)| rs.contains(&reason))
}

fn entry_column(m: &Movement) -> Option<usize> {
    ENTRIES.iter().position(|(_, k)| *k == m.kind)
}

/// The annual report of `unit` (the actor's whole reach when `None`) for fiscal year `fy`.
pub async fn annual(
    state: &AppState,
    actor: &Actor,
    unit: Option<&str>,
    fy: FiscalYear,
    today: ThaiDate,
) -> Result<AnnualReport, ApiError> {
    let on = if fy.last_day() < today {
        fy.last_day()
    } else {
        today
    };
    let (root, units) = super::frame::units_in_view(state, actor, unit, on).await?;
    let all_units = state.store.units_shared().await?;
    let tree = Tree::new(&all_units, root.as_ref().map(|u| u.id));
    let (code, name) = match &root {
        Some(u) => (u.code.clone(), u.name_th.clone()),
        None => ("BMA".to_string(), "กรุงเทพมหานคร".to_string()),
    };
    let be = fy.year_be();

    // Facts, counted in SQL: the frame on `on`, the year's actions, ten year-ends' headcount.
    let posts: Vec<FramePost> = state.store.frame_posts(on, units.as_deref()).await?;
    let moves: Vec<Movement> = state
        .store
        .movements(fy.first_day(), fy.last_day(), units.as_deref())
        .await?;
    let mut part1 = Vec::new();
    let has_schools = posts.iter().any(|p| tree.school(Some(p.unit_id)));
    for school in [false, true] {
        if school && !has_schools {
            continue;
        }
        let where_th = if school {
            "ในโรงเรียน"
        } else {
            "ในสำนักงาน"
        };
        let (sheet, chart) = frame_sheet(
            &format!(
                "ตารางแสดงอัตรากำลังข้าราชการและบุคลากรกรุงเทพมหานคร{where_th} ณ วันที่ {}",
                on.long_th()
            ),
            &posts,
            &tree,
            school,
        );
        part1.push(ReportPart {
            sheet,
            text: String::new(),
            chart: Some(chart),
        });
    }
    for school in [false, true] {
        if school && !has_schools {
            continue;
        }
        let where_th = if school {
            "ในโรงเรียนสังกัด"
        } else {
            "ใน"
        };
        let here: Vec<&Movement> = moves
            .iter()
            .filter(|m| tree.school(m.unit_id) == school)
            .collect();
        let causes: Vec<&str> = CAUSES.iter().map(|c| c.0).collect();
        let (sheet, chart, lost) = movement_sheet(
            &format!("สถิติการสูญเสียอัตรากำลังบุคลากร{where_th}{name} ปีงบประมาณ พ.ศ. {be}"),
            &causes,
            &here,
            separation_column,
        );
        part1.push(ReportPart {
            sheet,
            text: format!(
                "ในปีงบประมาณ พ.ศ. {be} {where_th}{name}มีการสูญเสียอัตรากำลัง จำนวน {} ราย",
                bmahr_core::money::grouped(lost)
            ),
            chart: Some(chart),
        });
        let entries: Vec<&str> = ENTRIES.iter().map(|c| c.0).collect();
        let (sheet, chart, entered) = movement_sheet(
            &format!("สถิติการบรรจุ แต่งตั้ง รับโอนและย้ายบุคลากร{where_th}{name} ปีงบประมาณ พ.ศ. {be}"),
            &entries,
            &here,
            entry_column,
        );
        part1.push(ReportPart {
            sheet,
            text: format!(
                "ในปีงบประมาณ พ.ศ. {be} {where_th}{name}มีการบรรจุ แต่งตั้ง รับโอนและย้าย จำนวน {} ราย",
                bmahr_core::money::grouped(entered)
            ),
            chart: Some(chart),
        });
    }

    part1.push(headcount_part(state, units.as_deref(), fy, on, &name, false).await?);
    if let Some(p) = vacancy_part(&posts, &tree, on, false) {
        part1.push(p);
    }

    // The retirement wave of the next five fiscal years, of those in service on `on`.
    let next = FiscalYear::be(be + 1);
    let rows = state
        .store
        .retirement_forecast(on, next, 5, units.as_deref())
        .await?;
    let f = bmahr_store::Forecast::of(&rows, ForecastBy::Category, next, 5);
    let mut head = vec!["ประเภท".to_string()];
    head.extend(f.years.iter().map(|y| format!("ปีงบ {y}")));
    head.push("รวม".into());
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(
        format!("ผู้จะเกษียณอายุราชการ ปีงบประมาณ พ.ศ. {}–{}", be + 1, be + 5),
        &head_refs,
    );
    for l in &f.lines {
        let mut row = vec![Cell::from(l.label_th.as_str())];
        row.extend(l.counts.iter().map(|x| n(*x)));
        row.push(n(l.total));
        sheet.rows.push(row);
    }
    let mut total = vec![Cell::from("รวม")];
    total.extend(f.totals.iter().map(|x| n(*x)));
    total.push(n(f.total));
    sheet.rows.push(total);
    part1.push(ReportPart {
        sheet,
        text: String::new(),
        chart: Some(Chart {
            title: "ผู้จะเกษียณอายุราชการ ๕ ปีงบประมาณข้างหน้า".into(),
            kind: ChartKind::StackedColumns,
            labels: f.years.iter().map(|y| y.to_string()).collect(),
            series: f
                .lines
                .iter()
                .map(|l| Series {
                    name: l.label_th.clone(),
                    values: l.counts.iter().map(|x| *x as f64).collect(),
                })
                .collect(),
            unit: "คน".into(),
            english: false,
        }),
    });

    // Discipline and complaints: the tables of seed 002 (usecases::cases).
    let penalties = state.store.penalty_counts(units.as_deref(), fy).await?;
    let complaints = state.store.complaint_counts(units.as_deref(), fy).await?;
    let mut part_discipline = Vec::new();
    for t in super::cases::tables_of(&penalties, &complaints, fy) {
        let mut head = vec!["", "รายการ"];
        head.extend(t.columns_th.iter().map(String::as_str));
        head.push("รวม");
        let mut sheet = Sheet::new(t.title_th.clone(), &head);
        for r in &t.rows {
            let mut row = vec![
                Cell::from(r.group_th.as_str()),
                Cell::from(r.label_th.as_str()),
            ];
            row.extend(r.counts.iter().map(|x| n(*x)));
            row.push(n(r.total));
            sheet.rows.push(row);
        }
        let mut total = vec![Cell::from("รวม"), Cell::from("")];
        total.extend(t.totals.iter().map(|x| n(*x)));
        total.push(n(t.total));
        sheet.rows.push(total);
        let chart = Chart {
            title: t.title_th.clone(),
            kind: ChartKind::HorizontalBars,
            labels: t.rows.iter().map(|r| r.label_th.clone()).collect(),
            series: vec![Series {
                name: "จำนวน".into(),
                values: t.rows.iter().map(|r| r.total as f64).collect(),
            }],
            unit: "เรื่อง".into(),
            english: false,
        };
        part_discipline.push(ReportPart {
            sheet,
            text: String::new(),
            chart: Some(chart),
        });
    }
    part1.extend(part_discipline);

    let not_yet = |title: &str| {
        let mut s = Sheet::new(title, &["รายการ", "จำนวน"]);
        s.note = "ยังไม่มีข้อมูลในระบบ: ตารางนี้จะแสดงเมื่อ bmahr บันทึกข้อมูลส่วนนี้ / not yet recorded in bmahr"
            .into();
        ReportPart {
            sheet: s,
            text: String::new(),
            chart: None,
        }
    };
    let part2 = vec![
        not_yet(&format!(
            "การพัฒนาบุคลากร (โครงการและผู้เข้ารับการอบรม) ปีงบประมาณ พ.ศ. {be}"
        )),
        not_yet("สวัสดิการและประโยชน์เกื้อกูล"),
    ];
    Ok(AnnualReport {
        unit_code: code,
        unit_name: name,
        fiscal_year: fy,
        on,
        sections: vec![
            ReportSection {
                title: "ส่วนที่ ๑ การบริหารทรัพยากรบุคคล".into(),
                parts: part1,
            },
            ReportSection {
                title: "ส่วนที่ ๒ การพัฒนาทรัพยากรบุคคล".into(),
                parts: part2,
            },
        ],
        printed: printed_line(actor, today),
    })
}

/// How long the dashboard's charts are reused: ten years of headcount change slowly, and
/// every sign-in lands on the dashboard.
const CHARTS_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// The dashboard's charts for the actor's reach (ten years of headcount by category and
/// vacancy by unit), each with its table, in the page's language (`en`); counted at most
/// every five minutes per reach and language.
pub async fn dashboard_charts(
    state: &AppState,
    actor: &Actor,
    on: ThaiDate,
    en: bool,
) -> Result<std::sync::Arc<Vec<ReportPart>>, ApiError> {
    let root = actor.scope.as_ref().and(actor.user.scope_unit_id);
    let key = (root, on, en);
    if let Ok(cache) = state.charts.lock() {
        if let Some((at, parts)) = cache.get(&key) {
            if at.elapsed() < CHARTS_TTL {
                return Ok(parts.clone());
            }
        }
    }
    let units: Option<Vec<i64>> = actor.scope.as_ref().map(|s| s.iter().copied().collect());
    let all_units = state.store.units_shared().await?;
    let tree = Tree::new(&all_units, root);
    let name = match root {
        Some(id) => all_units
            .iter()
            .find(|u| u.id == id)
            .map(|u| {
                if en {
                    u.name_en.clone()
                } else {
                    u.name_th.clone()
                }
            })
            .unwrap_or_default(),
        None if en => "Bangkok Metropolitan Administration".to_string(),
        None => "กรุงเทพมหานคร".to_string(),
    };
    let fy = FiscalYear::of(on);
    let mut parts = vec![headcount_part(state, units.as_deref(), fy, on, &name, en).await?];
    let posts = state.store.frame_posts(on, units.as_deref()).await?;
    parts.extend(vacancy_part(&posts, &tree, on, en));
    let parts = std::sync::Arc::new(parts);
    if let Ok(mut cache) = state.charts.lock() {
        if cache.len() > 1_000 {
            cache.clear();
        }
        cache.insert(key, (std::time::Instant::now(), parts.clone()));
    }
    Ok(parts)
}

/// A unit's name short enough for a chart's axis: schools and district offices by their
/// usual abbreviations, so "โรงเรียนสังกัดกรุงเทพมหานคร เขตบางกอกน้อย แห่งที่ 5" does not
/// shorten to the same "โรงเรียนสังกัดกรุงเทพ…" as its neighbours.
fn short_unit_name(name: &str) -> String {
    name.replace("โรงเรียนสังกัดกรุงเทพมหานคร", "รร.")
        .replace("สำนักงานเขต", "เขต")
}

/// Headcount by category on the last day of each of the ten fiscal years up to `fy` (or `on`
/// while the year runs), as a table and a stacked chart.
pub async fn headcount_part(
    state: &AppState,
    units: Option<&[i64]>,
    fy: FiscalYear,
    on: ThaiDate,
    name: &str,
    en: bool,
) -> Result<ReportPart, ApiError> {
    let say = |th: &'static str, english: &'static str| if en { english } else { th };
    let be = fy.year_be();
    let years: Vec<FiscalYear> = (be - 9..=be).map(FiscalYear::be).collect();
    let days: Vec<ThaiDate> = years
        .iter()
        .map(|y| if y.last_day() < on { y.last_day() } else { on })
        .collect();
    let by_year: HashMap<(usize, Category), i64> = state
        .store
        .headcount_on_days(&days, units)
        .await?
        .into_iter()
        .map(|(i, c, n)| ((i, c), n))
        .collect();
    let present: Vec<Category> = CATEGORIES
        .into_iter()
        .filter(|c| (0..days.len()).any(|i| by_year.contains_key(&(i, *c))))
        .collect();
    let short = |c: &Category| if en { c.short_en() } else { c.short_th() };
    let mut head = vec![say("ปีงบประมาณ", "Fiscal year").to_string()];
    head.extend(present.iter().map(|c| short(c).to_string()));
    head.push(say("รวม", "Total").to_string());
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(
        if en {
            format!("People by category, fiscal years B.E. {}–{be}", be - 9)
        } else {
            format!("จำนวนบุคลากรตามประเภท ปีงบประมาณ พ.ศ. {}–{be}", be - 9)
        },
        &head_refs,
    );
    for (i, y) in years.iter().enumerate() {
        let counts: Vec<i64> = present
            .iter()
            .map(|c| by_year.get(&(i, *c)).copied().unwrap_or(0))
            .collect();
        let mut row = vec![Cell::from(y.year_be().to_string())];
        row.extend(counts.iter().map(|x| n(*x)));
        row.push(n(counts.iter().sum()));
        sheet.rows.push(row);
    }
    let headcount_chart = Chart {
        title: if en {
            format!("People by category over ten fiscal years ({name})")
        } else {
            format!("บุคลากรตามประเภท ๑๐ ปีงบประมาณ ({})", name)
        },
        kind: ChartKind::StackedColumns,
        labels: years.iter().map(|y| y.year_be().to_string()).collect(),
        series: present
            .iter()
            .map(|c| Series {
                name: short(c).to_string(),
                values: (0..years.len())
                    .map(|i| by_year.get(&(i, *c)).copied().unwrap_or(0) as f64)
                    .collect(),
            })
            .collect(),
        unit: say("คน", "people").into(),
        english: en,
    };
    Ok(ReportPart {
        sheet,
        text: String::new(),
        chart: Some(headcount_chart),
    })
}

/// The vacancy rate of each direct unit of the report's unit, highest first; the chart
/// shows the 25 highest.
fn vacancy_part(posts: &[FramePost], tree: &Tree, on: ThaiDate, en: bool) -> Option<ReportPart> {
    let mut by_branch: HashMap<i64, (i64, i64)> = HashMap::new();
    for p in posts {
        if let Some(b) = tree.branch.get(&p.unit_id) {
            let e = by_branch.entry(*b).or_default();
            e.0 += 1;
            if p.filled {
                e.1 += 1;
            }
        }
    }
    let mut rates: Vec<(&UnitRow, i64, i64, f64)> = tree
        .children
        .iter()
        .filter_map(|u| {
            let (f, k) = by_branch.get(&u.id).copied()?;
            (f > 0).then(|| (*u, f, k, 100.0 * (f - k) as f64 / f as f64))
        })
        .collect();
    rates.sort_by(|a, b| b.3.total_cmp(&a.3).then_with(|| a.0.code.cmp(&b.0.code)));
    if rates.is_empty() {
        return None;
    }
    {
        let mut sheet = if en {
            Sheet::new(
                format!("Vacancy rate by unit on {}", date_shown(on, true)),
                &["Code", "Unit", "Frame", "Filled", "Vacant", "Vacant %"],
            )
        } else {
            Sheet::new(
                format!("อัตราตำแหน่งว่างตามหน่วยงาน ณ วันที่ {}", on.long_th()),
                &["รหัส", "หน่วยงาน", "กรอบ", "คนครอง", "ว่าง", "ร้อยละว่าง"],
            )
        };
        let unit_name = |u: &UnitRow| {
            if en {
                u.name_en.clone()
            } else {
                u.name_th.clone()
            }
        };
        for (u, f, k, r) in &rates {
            sheet.rows.push(vec![
                Cell::from(u.code.as_str()),
                Cell::from(unit_name(u).as_str()),
                n(*f),
                n(*k),
                n(f - k),
                Cell::Number((r * 10.0).round() / 10.0),
            ]);
        }
        let top: Vec<_> = rates.iter().take(25).collect();
        Some(ReportPart {
            sheet,
            text: match (rates.len() > 25, en) {
                (false, _) => String::new(),
                (true, false) => format!(
                    "แผนภูมิแสดง ๒๕ หน่วยงานที่มีอัตราตำแหน่งว่างสูงสุด จาก {} หน่วยงาน",
                    rates.len()
                ),
                (true, true) => format!(
                    "The chart shows the 25 units with the highest vacancy rates, of {}.",
                    rates.len()
                ),
            },
            chart: Some(Chart {
                title: if en {
                    "Vacancy rate by unit"
                } else {
                    "อัตราตำแหน่งว่างตามหน่วยงาน"
                }
                .into(),
                kind: ChartKind::HorizontalBars,
                labels: top
                    .iter()
                    .map(|r| {
                        if en {
                            r.0.name_en.clone()
                        } else {
                            short_unit_name(&r.0.name_th)
                        }
                    })
                    .collect(),
                series: vec![Series {
                    name: if en {
                        "vacant %"
                    } else {
                        "ร้อยละตำแหน่งว่าง"
                    }
                    .into(),
                    values: top.iter().map(|r| (r.3 * 10.0).round() / 10.0).collect(),
                }],
                unit: "%".into(),
                english: en,
            }),
        })
    }
}

impl AnnualReport {
    /// Every table, one worksheet each.
    pub fn sheets(&self) -> Vec<Sheet> {
        self.sections
            .iter()
            .flat_map(|s| s.parts.iter().map(|p| p.sheet.clone()))
            .collect()
    }

    /// The report as the API answers it: every table's columns and cells, numbers as numbers.
    pub fn to_json(&self) -> serde_json::Value {
        let cell = |c: &Cell| match c {
            Cell::Text(t) => serde_json::Value::from(t.clone()),
            Cell::Number(x) => serde_json::Value::from(*x),
        };
        serde_json::json!({
            "unit": self.unit_code,
            "unit_name": self.unit_name,
            "fiscal_year": self.fiscal_year.year_be(),
            "as_of": self.on.iso(),
            "sections": self.sections.iter().map(|s| serde_json::json!({
                "title": s.title,
                "tables": s.parts.iter().map(|p| serde_json::json!({
                    "title": p.sheet.title,
                    "text": p.text,
                    "note": p.sheet.note,
                    "columns": p.sheet.columns,
                    "rows": p.sheet.rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }

    fn file_name(&self) -> String {
        format!("annual-{}-{}", self.unit_code, self.fiscal_year.year_be())
    }

    pub fn to_xlsx(&self) -> Result<Download, ApiError> {
        let bytes = bmahr_docs::book_to_xlsx(&self.sheets())
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(Download::xlsx(bytes, &self.file_name()))
    }

    pub async fn to_pdf(&self, state: &AppState) -> Result<Download, ApiError> {
        let sections: Vec<(&str, &[ReportPart])> = self
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.parts.as_slice()))
            .collect();
        let data = report_document(
            "รายงานการบริหารและพัฒนาทรัพยากรบุคคล",
            &self.unit_name,
            self.fiscal_year,
            &format!(
                "รายงานการบริหารและพัฒนาทรัพยากรบุคคลของ{} ประจำปีงบประมาณ พ.ศ. {} จัดทำจากทะเบียนประวัติตามคำสั่งในระบบ bmahr ณ วันที่ {} แบ่งออกเป็น ๒ ส่วน ประกอบด้วย ส่วนที่ ๑ การบริหารทรัพยากรบุคคล และส่วนที่ ๒ การพัฒนาทรัพยากรบุคคล (มาตรา ๒๙ (๑๓))",
                self.unit_name, self.fiscal_year.year_be(), self.on.long_th()
            ),
            &sections,
            &self.printed,
        );
        let bytes = typeset(state, bmahr_docs::Template::Annual, data).await?;
        Ok(Download::pdf(bytes, &self.file_name()))
    }
}

/// What the `annual` template prints: a cover (title, unit, year, introduction), then each
/// section's tables, each with its sentence, its chart and its rows as printed. The annual
/// report and the discipline report share it.
pub fn report_document(
    title: &str,
    unit: &str,
    fy: FiscalYear,
    intro: &str,
    sections: &[(&str, &[ReportPart])],
    printed: &str,
) -> serde_json::Value {
    let part = |p: &ReportPart| {
        let cols = p.sheet.columns.len();
        serde_json::json!({
            "title": p.sheet.title,
            "text": if p.sheet.note.is_empty() { p.text.clone() } else { format!("{} {}", p.text, p.sheet.note) },
            "columns": p.sheet.columns,
            "rows": p.sheet.rows.iter().map(|r| (0..cols).map(|i| r.get(i).map(Cell::printed).unwrap_or_default()).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "kinds": p.sheet.column_kinds(),
            "numeric": (1..cols).filter(|i| p.sheet.rows.iter().all(|r| matches!(r.get(*i), Some(Cell::Number(_)) | None))).collect::<Vec<_>>(),
            "chart": p.chart.as_ref().map(Chart::svg),
            // The chart draws its own title; the caption under it names it in full.
            "chart_title": p.chart.as_ref().map(|c| c.title.clone()),
        })
    };
    serde_json::json!({
        "title": title,
        "unit": unit,
        "fiscal_year": format!("ประจำปีงบประมาณ พ.ศ. {}", fy.year_be()),
        "intro": intro,
        "parts": sections.iter().map(|(t, parts)| serde_json::json!({
            "title": t,
            "tables": parts.iter().map(part).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "printed": printed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(
        kind: ActionKind,
        separation: Option<SeparationReason>,
        penalty: Option<bmahr_core::register::PenaltyKind>,
    ) -> Movement {
        Movement {
            kind,
            separation,
            penalty,
            unit_id: Some(1),
            category: Some(Category::Ordinary),
            count: 1,
        }
    }

    /// Seed 002's cause columns: a dismissal imposed as a penalty is a separation
    /// ("ถูกไล่ออก/ปลดออก"), as is a transfer out; a lighter penalty is not.
    #[test]
    fn separations_count_by_cause_including_dismissal_by_penalty() {
        use bmahr_core::register::PenaltyKind as P;
        assert_eq!(
            separation_column(&m(
                ActionKind::Separate,
                Some(SeparationReason::Retirement),
                None
            )),
            Some(0)
        );
        assert_eq!(
            separation_column(&m(
                ActionKind::Separate,
                Some(SeparationReason::Resignation),
                None
            )),
            Some(2)
        );
        assert_eq!(
            separation_column(&m(ActionKind::Penalty, None, Some(P::Dismissal))),
            Some(3)
        );
        assert_eq!(
            separation_column(&m(ActionKind::Penalty, None, Some(P::Discharge))),
            Some(3)
        );
        assert_eq!(
            separation_column(&m(ActionKind::Penalty, None, Some(P::SalaryCut))),
            None
        );
        assert_eq!(
            separation_column(&m(ActionKind::TransferOut, None, None)),
            Some(4)
        );
        assert_eq!(separation_column(&m(ActionKind::Move, None, None)), None);
        assert_eq!(entry_column(&m(ActionKind::Appoint, None, None)), Some(0));
    }
}
