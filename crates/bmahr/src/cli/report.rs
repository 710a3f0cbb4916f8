//! `bmahr report summary` and `bmahr audit`.

use bmahr_core::{FiscalYear, ThaiDate};
use bmahr_store::{AuditQuery, Forecast, ForecastBy, Store};
use clap::{Args, Subcommand};

use super::{open, parse_date, store_err, today, CliResult, Common};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Headcount by category, frame and vacancies, retirements per fiscal year
    Summary {
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Who retires in the coming fiscal years, by agency, category, line of work or level /
    /// ประมาณการผู้เกษียณอายุราชการ
    Forecast {
        /// First fiscal year (BE); default the current one
        #[arg(long)]
        from_fy: Option<i32>,
        #[arg(long, default_value_t = 5)]
        years: i32,
        /// agency, category, line_of_work or level
        #[arg(long, default_value = "agency")]
        by: String,
        /// Only this unit's subtree
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Disciplinary penalties and complaints of a fiscal year, as the annual report's tables
    /// (seed 002) / สถิติวินัยและเรื่องร้องเรียน
    Discipline {
        /// Fiscal year (BE); default the current one
        #[arg(long)]
        fy: Option<i32>,
        /// Only this unit's subtree
        #[arg(long)]
        unit: Option<String>,
        /// Write the tables to a .xlsx or .csv file instead of printing them
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// The annual HR report of an agency and fiscal year (seed 002) as PDF or XLSX /
    /// รายงานการบริหารและพัฒนาทรัพยากรบุคคลประจำปี
    Annual {
        /// Unit code (its whole subtree); the whole BMA when absent
        #[arg(long)]
        unit: Option<String>,
        /// Fiscal year (BE); default the current one
        #[arg(long)]
        fy: Option<i32>,
        /// A .pdf or .xlsx file
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Vacant positions of the frame in a unit's subtree / ตำแหน่งว่าง
    Vacancies {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        as_of: Option<String>,
    },
}

#[derive(Args)]
pub struct AuditArgs {
    /// National ID of the person the events concern
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long)]
    pub actor: Option<String>,
    /// Only one kind of event, e.g. person.view, order.apply, access.denied
    #[arg(long)]
    pub action: Option<String>,
    /// From (a date or RFC 3339 instant, UTC)
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
}

pub async fn print_summary(store: &Store, on: ThaiDate) -> CliResult {
    let s = store.summary(on).await.map_err(store_err)?;
    out!(
        "สรุปทะเบียน ณ วันที่ {} / register summary on {}",
        on.long_th(),
        on.iso()
    );
    out!(
        "  บุคคลในทะเบียน / people registered: {}",
        s.people_registered
    );
    out!(
        "  ปฏิบัติงานอยู่ / in service: {} (พักราชการ / suspended {})",
        s.in_service,
        s.suspended
    );
    out!(
        "  {:<48} {:>9} {:>9} {:>8}",
        "ประเภท / category",
        "คน",
        "กรอบ",
        "ว่าง"
    );
    for c in &s.by_category {
        if c.positions > 0 || c.in_service > 0 {
            out!(
                "  {:<48} {:>9} {:>9} {:>8}",
                c.category.th(),
                c.in_service,
                c.positions,
                c.vacant
            );
        }
    }
    let rate = if s.positions_in_frame > 0 {
        100.0 * s.vacant as f64 / s.positions_in_frame as f64
    } else {
        0.0
    };
    out!(
        "  กรอบอัตรากำลัง / frame: {}  มีคนครอง / filled: {}  ว่าง / vacant: {} ({rate:.1}%)",
        s.positions_in_frame,
        s.filled,
        s.vacant
    );
    out!("  เกษียณอายุราชการ (ผู้ปฏิบัติงานอยู่) / retiring, of those in service:");
    for r in &s.retiring {
        out!("    ปีงบประมาณ / FY {}: {}", r.fiscal_year, r.count);
    }
    out!("  พ้นจากราชการตามปีงบประมาณ / separations by fiscal year (last day of service):");
    for (fy, m) in s.separations.iter().rev().take(6) {
        let parts: Vec<String> = m.iter().map(|(r, n)| format!("{} {n}", r.th())).collect();
        out!("    FY {fy}: {}", parts.join(", "));
    }
    out!(
        "  คำสั่ง / orders: {}  รายการ / actions: {}",
        s.orders,
        s.actions
    );
    Ok(())
}

pub async fn report(c: &Common, cmd: ReportCommand) -> CliResult {
    let store = open(c).await?;
    let (as_of, json) = match cmd {
        ReportCommand::Summary { as_of, json } => (as_of, json),
        ReportCommand::Forecast {
            from_fy,
            years,
            by,
            unit,
            json,
        } => return forecast(&store, from_fy, years, &by, unit.as_deref(), json).await,
        ReportCommand::Discipline { fy, unit, out } => {
            return discipline(&store, fy, unit.as_deref(), out.as_deref()).await
        }
        ReportCommand::Annual { unit, fy, out } => {
            return annual(c, &store, unit.as_deref(), fy, &out).await
        }
        ReportCommand::Vacancies { unit, as_of } => {
            let on = match as_of {
                Some(s) => parse_date(&s)?,
                None => today(),
            };
            let u = store.unit_by_code(&unit, on).await.map_err(store_err)?;
            let vacant = store.vacancies_on(u.id, on).await.map_err(store_err)?;
            out!(
                "ตำแหน่งว่าง {} ณ วันที่ {}: {} ตำแหน่ง / vacant positions",
                u.name_th,
                on.long_th(),
                vacant.len()
            );
            for p in vacant {
                out!(
                    "  {:<8} {:<14} {:<28} {:<24} {}",
                    p.position_no,
                    p.unit_code,
                    p.line_of_work,
                    p.level.th(),
                    p.category.th()
                );
            }
            return Ok(());
        }
    };
    let on = match as_of {
        Some(s) => parse_date(&s)?,
        None => today(),
    };
    if json {
        let s = store.summary(on).await.map_err(store_err)?;
        out!(
            "{}",
            serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    print_summary(&store, on).await
}

/// The annual report, through the use-case the page and the API call.
async fn annual(
    c: &Common,
    store: &Store,
    unit: Option<&str>,
    fy: Option<i32>,
    out: &std::path::Path,
) -> CliResult {
    let pdf = match out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => true,
        Some("xlsx") => false,
        _ => {
            return Err(format!(
                "{}: ใช้ไฟล์ .pdf หรือ .xlsx / use a .pdf or .xlsx file",
                out.display()
            ))
        }
    };
    let fy = FiscalYear::be(fy.unwrap_or(FiscalYear::of(today()).year_be()));
    let state = bmahr_server::AppState::new(store.clone());
    let operator = bmahr_server::auth::Actor::operator(&c.meta("").actor);
    let r = bmahr_server::usecases::reports::annual(&state, &operator, unit, fy, today())
        .await
        .map_err(super::api_err)?;
    let file = if pdf {
        r.to_pdf(&state).await
    } else {
        r.to_xlsx()
    }
    .map_err(super::api_err)?;
    super::orders::write_file(out, &file.bytes)?;
    out!(
        "เขียนรายงานประจำปี {} ปีงบประมาณ {} แล้ว ({} ตาราง) / annual report written: {}",
        r.unit_name,
        fy.year_be(),
        r.sheets().len(),
        out.display()
    );
    Ok(())
}

/// The discipline and complaint tables of seed 002, printed or written to a sheet.
async fn discipline(
    store: &Store,
    fy: Option<i32>,
    unit: Option<&str>,
    out: Option<&std::path::Path>,
) -> CliResult {
    let fy = FiscalYear::be(fy.unwrap_or(FiscalYear::of(today()).year_be()));
    let units = match unit {
        Some(code) => {
            let u = store
                .unit_by_code(code, fy.last_day())
                .await
                .map_err(store_err)?;
            Some(store.unit_subtree(u.id).await.map_err(store_err)?)
        }
        None => None,
    };
    let penalties = store
        .penalty_counts(units.as_deref(), fy)
        .await
        .map_err(store_err)?;
    let complaints = store
        .complaint_counts(units.as_deref(), fy)
        .await
        .map_err(store_err)?;
    let tables = bmahr_server::usecases::cases::tables_of(&penalties, &complaints, fy);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in &tables {
        rows.push(vec![t.title_th.clone()]);
        let mut head = vec![String::new(), String::new()];
        head.extend(t.columns_th.iter().cloned());
        head.push("รวม".into());
        rows.push(head);
        for r in &t.rows {
            let mut line = vec![r.group_th.clone(), r.label_th.clone()];
            line.extend(r.counts.iter().map(|n| dash(*n)));
            line.push(dash(r.total));
            rows.push(line);
        }
        let mut total = vec!["รวม".to_string(), String::new()];
        total.extend(t.totals.iter().map(|n| dash(*n)));
        total.push(dash(t.total));
        rows.push(total);
        rows.push(Vec::new());
    }
    if let Some(path) = out {
        crate::files::table::write(path, &rows)?;
        out!("เขียนตารางแล้ว / written: {}", path.display());
        return Ok(());
    }
    for r in rows {
        out!("{}", r.join("\t"));
    }
    Ok(())
}

/// A count as the report writes it: "-" for none.
fn dash(n: i64) -> String {
    if n == 0 {
        "-".into()
    } else {
        bmahr_core::money::grouped(n)
    }
}

async fn forecast(
    store: &Store,
    from_fy: Option<i32>,
    years: i32,
    by: &str,
    unit: Option<&str>,
    json: bool,
) -> CliResult {
    let on = today();
    let first = FiscalYear::be(from_fy.unwrap_or(FiscalYear::of(on).year_be()));
    let by =
        ForecastBy::parse(by).map_err(|v| format!("--by: {} / {}", v.message_th, v.message_en))?;
    let units = match unit {
        None => None,
        Some(code) => {
            let u = store.unit_by_code(code, on).await.map_err(store_err)?;
            Some(store.unit_subtree(u.id).await.map_err(store_err)?)
        }
    };
    let years = years.clamp(1, 10);
    let rows = store
        .retirement_forecast(on, first, years, units.as_deref())
        .await
        .map_err(store_err)?;
    let f = Forecast::of(&rows, by, first, years);
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    out!(
        "ประมาณการผู้เกษียณอายุราชการ จำแนกตาม{} / retirement forecast by {} (ผู้ปฏิบัติงาน ณ / in service on {})",
        by.th(),
        by.en(),
        on
    );
    let head: Vec<String> = f
        .years
        .iter()
        .map(|y| format!("{:>8}", format!("FY{y}")))
        .collect();
    out!("  {:<44}{} {:>8}", "", head.join(""), "รวม");
    for l in &f.lines {
        let cells: Vec<String> = l.counts.iter().map(|n| format!("{n:>8}")).collect();
        let label: String = format!(
            "{} {}",
            l.key,
            if l.label_th == l.key { "" } else { &l.label_th }
        );
        out!(
            "  {:<44}{} {:>8}",
            label.chars().take(44).collect::<String>(),
            cells.join(""),
            l.total
        );
    }
    let cells: Vec<String> = f.totals.iter().map(|n| format!("{n:>8}")).collect();
    out!("  {:<44}{} {:>8}", "รวมทั้งสิ้น / all", cells.join(""), f.total);
    Ok(())
}

pub async fn audit(c: &Common, a: AuditArgs) -> CliResult {
    let store = open(c).await?;
    let person_id = match &a.person {
        None => None,
        Some(n) => {
            let nid = super::parse_nid(n)?;
            Some(
                store
                    .person_by_national_id(&nid)
                    .await
                    .map_err(store_err)?
                    .id,
            )
        }
    };
    let q = AuditQuery {
        person_id,
        people: Vec::new(),
        actor: a.actor,
        action: a.action,
        from: a.from,
        to: a.to,
        limit: a.limit,
        offset: 0,
    };
    for e in store.audit(&q).await.map_err(store_err)? {
        out!(
            "{}  {:<16} {:<20} {}{}  — {}{}",
            be_instant(&e.at),
            e.actor,
            e.action,
            e.order_id
                .map(|o| format!("order#{o} "))
                .unwrap_or_default(),
            e.detail,
            e.reason,
            e.request_ref.map(|r| format!(" [{r}]")).unwrap_or_default()
        );
    }
    Ok(())
}

/// An RFC 3339 UTC instant shown with its date in the Buddhist era: `23/11/2569 09:00:00Z`.
fn be_instant(at: &str) -> String {
    match (at.get(..10).and_then(ThaiDate::parse_iso), at.get(11..19)) {
        (Some(d), Some(t)) => format!("{d} {t}Z"),
        _ => at.to_string(),
    }
}
