//! `bmahr import`: the whole file is checked first; one bad row and nothing is written,
//! and every bad row is reported (row, column, rule, in Thai and English).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use bmahr_core::org::{parse_unit_code, UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{ThaiDate, Violation, Violations};
use bmahr_store::{NewPosition, NewUnit, Store, WriteMeta};
use indicatif::ProgressBar;

use super::layout::{map_header, Kind};
use super::table;

/// One problem in one cell (or row) of the file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RowError {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub column: String,
    pub code: &'static str,
    pub message_th: String,
    pub message_en: String,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub written: usize,
    pub errors: Vec<RowError>,
}

impl RowError {
    fn from_violation(row: usize, v: Violation) -> Self {
        RowError {
            row,
            column: v.field,
            code: v.code,
            message_th: v.message_th,
            message_en: v.message_en,
        }
    }
}

fn cell<'a>(row: &'a [String], map: &[Option<usize>], i: usize) -> &'a str {
    map[i]
        .and_then(|c| row.get(c))
        .map(String::as_str)
        .unwrap_or("")
}

fn required(v: &str, field: &str, out: &mut Violations) {
    if v.trim().is_empty() {
        out.push(Violation::new(
            "field.required",
            field,
            "ต้องระบุ",
            "is required",
        ));
    }
}

fn date_field(v: &str, field: &str, out: &mut Violations) -> Option<ThaiDate> {
    out.take(ThaiDate::parse(v).map_err(|e| e.on_field(field)))
}

fn opt_date_field(v: &str, field: &str, out: &mut Violations) -> Option<Option<ThaiDate>> {
    if v.trim().is_empty() {
        Some(None)
    } else {
        date_field(v, field, out).map(Some)
    }
}

fn duplicate(row: usize, field: &str, key: &str, first: usize) -> RowError {
    RowError {
        row,
        column: field.into(),
        code: "file.duplicate",
        message_th: format!("\"{key}\" ซ้ำกับแถวที่ {first}"),
        message_en: format!("\"{key}\" repeats row {first}"),
    }
}

fn exists(row: usize, field: &str, key: &str) -> RowError {
    RowError {
        row,
        column: field.into(),
        code: "register.exists",
        message_th: format!("\"{key}\" มีอยู่ในทะเบียนแล้ว"),
        message_en: format!("\"{key}\" is already in the register"),
    }
}

/// Imports `path` as `kind`. With `dry_run`, checks only.
pub async fn import(
    store: &Store,
    kind: Kind,
    path: &Path,
    today: ThaiDate,
    meta: &WriteMeta,
    dry_run: bool,
    bar: &ProgressBar,
) -> Result<ImportReport, String> {
    let rows = table::read(path)?;
    let Some((header, data)) = rows.split_first() else {
        return Err("ไฟล์ว่าง / the file is empty".into());
    };
    let map = match map_header(kind, header) {
        Ok(m) => m,
        Err(missing) => {
            return Ok(ImportReport {
                rows: data.len(),
                written: 0,
                errors: missing
                    .into_iter()
                    .map(|m| RowError {
                        row: 1,
                        column: String::new(),
                        code: "file.header",
                        message_th: m.clone(),
                        message_en: m,
                    })
                    .collect(),
            })
        }
    };
    let data: Vec<(usize, &Vec<String>)> = data
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 2, r))
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .collect();
    bar.set_length(data.len() as u64);
    let mut report = ImportReport {
        rows: data.len(),
        ..Default::default()
    };
    let err = |e: bmahr_store::StoreError| e.to_string();
    match kind {
        Kind::People => {
            let known: HashSet<String> = store
                .national_ids_all()
                .await
                .map_err(err)?
                .into_iter()
                .collect();
            let mut seen: HashMap<String, usize> = HashMap::new();
            let mut good = Vec::with_capacity(data.len());
            for (n, r) in &data {
                let c = |i| cell(r, &map, i);
                let f = PersonFields {
                    national_id: c(0),
                    title: c(1),
                    first_th: c(2),
                    last_th: c(3),
                    first_en: c(4),
                    last_en: c(5),
                    birth_date: c(6),
                    gender: c(7),
                    nationality: c(8),
                    education: c(9),
                    phone: c(10),
                    email: c(11),
                };
                match NewPerson::from_fields(&f, today) {
                    Err(vs) => report
                        .errors
                        .extend(vs.0.into_iter().map(|v| RowError::from_violation(*n, v))),
                    Ok(p) => {
                        let key = p.national_id.reveal().to_string();
                        if let Some(first) = seen.get(&key) {
                            report.errors.push(duplicate(
                                *n,
                                "national_id",
                                &p.national_id.to_string(),
                                *first,
                            ));
                        } else if known.contains(&key) {
                            report.errors.push(exists(
                                *n,
                                "national_id",
                                &p.national_id.to_string(),
                            ));
                        }
                        seen.entry(key).or_insert(*n);
                        good.push(p);
                    }
                }
                bar.inc(1);
            }
            if report.errors.is_empty() && !dry_run {
                bar.set_message("บันทึก / writing");
                report.written = store.create_people(&good, meta).await.map_err(err)?.len();
            }
        }
        Kind::Positions => {
            let units = store.units_all().await.map_err(err)?;
            let existing: HashSet<(String, ThaiDate)> = store
                .positions_all()
                .await
                .map_err(err)?
                .into_iter()
                .map(|p| (p.position_no, p.validity.from))
                .collect();
            let mut seen: HashMap<(String, ThaiDate), usize> = HashMap::new();
            let mut good = Vec::new();
            for (n, r) in &data {
                let c = |i| cell(r, &map, i);
                let mut v = Violations::default();
                let no = c(0).trim().to_string();
                required(&no, "position_no", &mut v);
                let unit_code = c(1).trim().to_string();
                required(&unit_code, "unit_code", &mut v);
                let category = v.take(Category::parse(c(2)));
                let level = v.take(Level::parse(c(3)));
                if let (Some(cat), Some(l)) = (category, level) {
                    if !l.category_allows(cat) {
                        v.push(Violation::new(
                            "position.level_category",
                            "level",
                            format!("ระดับ \"{}\" ใช้กับ{}ไม่ได้", l.th(), cat.th()),
                            format!("level \"{}\" does not exist for {}", l.en(), cat.en()),
                        ));
                    }
                }
                required(c(4), "line_of_work", &mut v);
                let from = date_field(c(6), "valid_from", &mut v);
                let to = opt_date_field(c(7), "valid_to", &mut v);
                required(c(8), "approval_ref", &mut v);
                if let (Some(from), Some(to)) = (from, to) {
                    let validity = Validity { from, to };
                    v.take(validity.check());
                    if !unit_code.is_empty()
                        && !units
                            .iter()
                            .any(|u| u.code == unit_code && u.validity.contains(from))
                    {
                        v.push(Violation::new(
                            "position.unit_missing",
                            "unit_code",
                            format!("ไม่พบหน่วยงาน \"{unit_code}\" ณ วันที่ {from}"),
                            format!("unit \"{unit_code}\" does not exist on {from}"),
                        ));
                    }
                    let key = (no.clone(), from);
                    if let Some(first) = seen.get(&key) {
                        report
                            .errors
                            .push(duplicate(*n, "position_no", &no, *first));
                    } else if existing.contains(&key) {
                        report.errors.push(exists(*n, "position_no", &no));
                    }
                    seen.entry(key).or_insert(*n);
                    if let (Some(category), Some(level)) = (category, level) {
                        good.push(NewPosition {
                            position_no: no,
                            unit_code,
                            category,
                            level,
                            line_of_work: c(4).trim().into(),
                            admin_title: c(5).trim().into(),
                            validity,
                            approval_ref: c(8).trim().into(),
                        });
                    }
                }
                report
                    .errors
                    .extend(v.0.into_iter().map(|x| RowError::from_violation(*n, x)));
                bar.inc(1);
            }
            if report.errors.is_empty() && !dry_run {
                report.written = store
                    .create_positions(&good, meta)
                    .await
                    .map_err(err)?
                    .len();
            }
        }
        Kind::Units => {
            let units = store.units_all().await.map_err(err)?;
            let mut seen: HashMap<(String, ThaiDate), usize> = HashMap::new();
            let mut good: Vec<NewUnit> = Vec::new();
            let mut parents: Vec<(usize, String, ThaiDate)> = Vec::new();
            for (n, r) in &data {
                let c = |i| cell(r, &map, i);
                let mut v = Violations::default();
                let code = v.take(parse_unit_code(c(0)));
                let parent = if c(1).trim().is_empty() {
                    None
                } else {
                    v.take(parse_unit_code(c(1)).map_err(|e| e.on_field("parent_code")))
                };
                let kind = v.take(UnitKind::parse(c(2)));
                required(c(3), "name_th", &mut v);
                let from = date_field(c(5), "valid_from", &mut v);
                let to = opt_date_field(c(6), "valid_to", &mut v);
                if let (Some(code), Some(kind), Some(from), Some(to)) = (code, kind, from, to) {
                    let validity = Validity { from, to };
                    v.take(validity.check());
                    let key = (code.clone(), from);
                    if let Some(first) = seen.get(&key) {
                        report.errors.push(duplicate(*n, "code", &code, *first));
                    } else if units
                        .iter()
                        .any(|u| u.code == code && u.validity.from == from)
                    {
                        report.errors.push(exists(*n, "code", &code));
                    }
                    seen.entry(key).or_insert(*n);
                    if let Some(p) = &parent {
                        parents.push((*n, p.clone(), from));
                    }
                    good.push(NewUnit {
                        code,
                        parent_code: parent,
                        kind,
                        name_th: c(3).trim().into(),
                        name_en: c(4).trim().into(),
                        validity,
                    });
                }
                report
                    .errors
                    .extend(v.0.into_iter().map(|x| RowError::from_violation(*n, x)));
                bar.inc(1);
            }
            for (n, p, from) in &parents {
                let in_db = units
                    .iter()
                    .any(|u| &u.code == p && u.validity.contains(*from));
                let in_file = good
                    .iter()
                    .any(|u| &u.code == p && u.validity.contains(*from));
                if !in_db && !in_file {
                    report.errors.push(RowError {
                        row: *n,
                        column: "parent_code".into(),
                        code: "unit.parent_missing",
                        message_th: format!("ไม่พบหน่วยงานต้นสังกัด \"{p}\" ณ วันที่ {from}"),
                        message_en: format!("parent unit \"{p}\" does not exist on {from}"),
                    });
                }
            }
            if report.errors.is_empty() && !dry_run {
                report.written = store
                    .create_units(&parents_first(good), meta)
                    .await
                    .map_err(err)?
                    .len();
            }
        }
    }
    report.errors.sort_by_key(|e| e.row);
    Ok(report)
}

/// Orders units so each parent in the file is created before its children.
fn parents_first(mut rest: Vec<NewUnit>) -> Vec<NewUnit> {
    let in_file: HashSet<String> = rest.iter().map(|u| u.code.clone()).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(rest.len());
    loop {
        let (ready, wait): (Vec<NewUnit>, Vec<NewUnit>) = rest.into_iter().partition(|u| {
            u.parent_code
                .as_ref()
                .is_none_or(|p| !in_file.contains(p) || placed.contains(p))
        });
        if ready.is_empty() {
            // A cycle: the store refuses the first orphan with a clear error.
            out.extend(wait);
            return out;
        }
        placed.extend(ready.iter().map(|u| u.code.clone()));
        out.extend(ready);
        if wait.is_empty() {
            return out;
        }
        rest = wait;
    }
}
