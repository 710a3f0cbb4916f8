//! `bmahr import`: the whole file is checked first; one bad row and nothing is written,
//! and every bad row is reported (row, column, rule, in Thai and English).
//!
//! Two steps, the same with and without `--dry-run`: [`check`] reads the rows against what
//! the register holds ([`Facts`]) and plans the writes; then the plan is written in one
//! transaction, which a dry run rolls back instead of committing, so a dry run reports
//! exactly what the import would.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use bmahr_core::org::{parse_unit_code, UnitKind, Validity};
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::{ThaiDate, Violation, Violations};
use bmahr_store::{NewPosition, NewUnit, Store, StoreError, UnitRow, WriteMeta};
use indicatif::ProgressBar;

use super::layout::{map_header, Column, Kind};
use super::table;

/// One problem in one cell (or row) of the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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

/// What the register already holds that a file is checked against.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every unit row, all periods (units and positions files).
    pub units: Vec<UnitRow>,
    /// Every position number's periods (positions files).
    pub positions: HashMap<String, Vec<Validity>>,
    /// Every registered national ID (people files).
    pub national_ids: HashSet<String>,
}

impl Facts {
    /// Reads what a file of `kind` is checked against.
    pub async fn load(store: &Store, kind: Kind) -> Result<Facts, StoreError> {
        let mut facts = Facts::default();
        match kind {
            Kind::People => {
                facts.national_ids = store.national_ids_all().await?.into_iter().collect();
            }
            Kind::Positions => {
                facts.units = store.units_all().await?;
                for p in store.positions_all().await? {
                    facts
                        .positions
                        .entry(p.position_no)
                        .or_default()
                        .push(p.validity);
                }
            }
            Kind::Units => facts.units = store.units_all().await?,
        }
        Ok(facts)
    }
}

/// The writes a checked file asks for.
#[derive(Debug)]
pub enum Plan {
    People(Vec<NewPerson>),
    Positions(Vec<NewPosition>),
    /// Parents before their children.
    Units(Vec<NewUnit>),
}

/// A file, checked: its data rows, its writes and every problem (none: it may be written).
#[derive(Debug)]
pub struct Checked {
    pub rows: usize,
    pub plan: Plan,
    pub errors: Vec<RowError>,
}

/// Imports `path` as `kind`. With `dry_run`, the writes are made and rolled back.
pub async fn import(
    store: &Store,
    kind: Kind,
    path: &Path,
    today: ThaiDate,
    meta: &WriteMeta,
    dry_run: bool,
    bar: &ProgressBar,
) -> Result<ImportReport, String> {
    let sheet = table::read(path)?;
    let facts = Facts::load(store, kind).await.map_err(|e| e.to_string())?;
    let checked = check(kind, &sheet, &facts, today, bar);
    let mut report = ImportReport {
        rows: checked.rows,
        written: 0,
        errors: checked.errors,
    };
    if report.errors.is_empty() {
        bar.set_message("บันทึก / writing");
        let n = write(store, &checked.plan, meta, dry_run)
            .await
            .map_err(|e| {
                format!("ไม่ได้นำเข้า ไม่มีการบันทึกข้อมูลใด ๆ / nothing imported, nothing was written: {e}")
            })?;
        if !dry_run {
            report.written = n;
        }
    }
    Ok(report)
}

/// Writes the plan in one transaction (committed, or rolled back for a dry run); returns
/// how many records were (or would have been) written.
async fn write(
    store: &Store,
    plan: &Plan,
    meta: &WriteMeta,
    dry_run: bool,
) -> Result<usize, StoreError> {
    Ok(match (plan, dry_run) {
        (Plan::People(p), false) => store.create_people(p, meta).await?.len(),
        (Plan::People(p), true) => store.rehearse_create_people(p, meta).await?,
        (Plan::Positions(p), false) => store.create_positions(p, meta).await?.len(),
        (Plan::Positions(p), true) => store.rehearse_create_positions(p, meta).await?,
        (Plan::Units(u), false) => store.create_units(u, meta).await?.len(),
        (Plan::Units(u), true) => store.rehearse_create_units(u, meta).await?,
    })
}

/// A data row: its number as a spreadsheet shows it and its cells in layout order (a
/// column the file lacks, or a cell refused by [`text_problem`], reads as empty).
struct Line {
    n: usize,
    cells: Vec<String>,
}

impl Line {
    fn c(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Checks a whole sheet (the first row is the header) of `kind` against `facts`: every
/// problem of every row, and the writes it asks for. Never fails and never panics, whatever
/// the sheet holds (property-tested below).
pub fn check(
    kind: Kind,
    sheet: &[Vec<String>],
    facts: &Facts,
    today: ThaiDate,
    bar: &ProgressBar,
) -> Checked {
    let empty_plan = || match kind {
        Kind::People => Plan::People(Vec::new()),
        Kind::Positions => Plan::Positions(Vec::new()),
        Kind::Units => Plan::Units(Vec::new()),
    };
    let Some((header, data)) = sheet.split_first() else {
        return Checked {
            rows: 0,
            plan: empty_plan(),
            errors: vec![RowError {
                row: 1,
                column: String::new(),
                code: "file.empty",
                message_th: "ไฟล์ว่าง ไม่มีแถวหัวตาราง".into(),
                message_en: "the file is empty: no header row".into(),
            }],
        };
    };
    let columns = kind.columns();
    // The header's own cells are checked like any other: a 600 kB header is refused too.
    let mut errors: Vec<RowError> = header
        .iter()
        .filter_map(|h| text_problem(1, &("header", "หัวตาราง", false, 255), h))
        .collect();
    let map = match map_header(kind, header) {
        Ok(m) => m,
        Err(problems) => {
            errors.extend(problems.into_iter().map(|v| RowError::from_violation(1, v)));
            return Checked {
                rows: data.len(),
                plan: empty_plan(),
                errors,
            };
        }
    };
    // Cells that fail the text checks are reported once and then read as empty; the rules
    // of their column are not reported again for them.
    let mut refused: HashSet<(usize, String)> = HashSet::new();
    let mut lines = Vec::with_capacity(data.len());
    for (i, r) in data.iter().enumerate() {
        let n = i + 2;
        if r.iter().all(|c| c.is_empty()) {
            continue;
        }
        let mut cells = Vec::with_capacity(columns.len());
        for (col, at) in columns.iter().zip(&map) {
            let v = at.and_then(|c| r.get(c)).map(String::as_str).unwrap_or("");
            match text_problem(n, col, v) {
                Some(e) => {
                    errors.push(e);
                    refused.insert((n, col.0.to_string()));
                    cells.push(String::new());
                }
                None => cells.push(v.to_string()),
            }
        }
        lines.push(Line { n, cells });
    }
    bar.set_length(lines.len() as u64);
    let mut found = Vec::new();
    let plan = match kind {
        Kind::People => Plan::People(check_people(&lines, facts, today, &mut found, bar)),
        Kind::Positions => Plan::Positions(check_positions(&lines, facts, &mut found, bar)),
        Kind::Units => Plan::Units(check_units(&lines, facts, &mut found, bar)),
    };
    errors.extend(
        found
            .into_iter()
            .filter(|e| !refused.contains(&(e.row, e.column.clone()))),
    );
    errors.sort_by_key(|e| e.row);
    Checked {
        rows: lines.len(),
        plan,
        errors,
    }
}

/// Whether a character may not appear in any cell: control characters (C0, DEL and C1: a
/// NUL ends a string in C programs, a line break splits a printed row) and the invisible
/// direction controls that make text display otherwise than it reads.
fn refused_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// The text rules every cell obeys before its column's own rules (docs/IMPORT.md): UTF-8
/// text, no control characters, no longer than the column allows. The messages never
/// repeat the cell, which may be anything.
fn text_problem(row: usize, (code, th, _, max): &Column, v: &str) -> Option<RowError> {
    let err = |rule: &'static str, message_th: String, message_en: String| RowError {
        row,
        column: (*code).into(),
        code: rule,
        message_th,
        message_en,
    };
    if v.contains('\u{FFFD}') {
        return Some(err(
            "text.encoding",
            format!("คอลัมน์ \"{th}\" ไม่ใช่ข้อความ UTF-8 ที่ถูกต้อง: บันทึกไฟล์เป็น CSV UTF-8"),
            format!("column \"{code}\" is not valid UTF-8 text: save the file as CSV UTF-8"),
        ));
    }
    if let Some((i, c)) = v.chars().enumerate().find(|(_, c)| refused_char(*c)) {
        let at = i + 1;
        let cp = c as u32;
        return Some(err(
            "text.control",
            format!("คอลัมน์ \"{th}\" มีอักขระควบคุม U+{cp:04X} ที่ตัวอักษรที่ {at}: ลบออก"),
            format!(
                "column \"{code}\" holds the control character U+{cp:04X} at character {at}: remove it"
            ),
        ));
    }
    let len = v.chars().count();
    (len > *max).then(|| {
        err(
            "text.too_long",
            format!("คอลัมน์ \"{th}\" ยาว {len} ตัวอักษร เกินที่กำหนด {max} ตัวอักษร"),
            format!("column \"{code}\" is {len} characters long, more than the {max} allowed"),
        )
    })
}

/// Whether a character is a Unicode format character (general category Cf, Unicode 16):
/// invisible, it shapes how text joins or reads (U+200B zero width space, U+2060 word
/// joiner, U+FEFF, the direction marks ...), never what it says.
fn is_format(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Whether a character shows nothing: white space (with NBSP and U+3000) or a format
/// character.
fn invisible(c: char) -> bool {
    c.is_whitespace() || is_format(c)
}

/// A cell without the invisible characters at its ends; those inside stay (Thai text
/// marks word breaks with U+200B).
fn clean(v: &str) -> &str {
    v.trim_matches(invisible)
}

/// A required cell must show something: one made only of white space and format
/// characters (NBSP + U+2060, a lone U+200B) is as empty as an empty one.
fn required(v: &str, field: &str, out: &mut Violations) {
    if v.is_empty() {
        out.push(Violation::new(
            "field.required",
            field,
            "ต้องระบุ",
            "is required",
        ));
    } else if clean(v).is_empty() {
        out.push(Violation::new(
            "field.required",
            field,
            "ต้องระบุ: ช่องนี้มีแต่ช่องว่างหรืออักขระที่มองไม่เห็น",
            "is required: the cell holds only spaces or invisible characters",
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

/// Whether two periods share a day.
fn overlap(a: &Validity, b: &Validity) -> bool {
    a.from <= b.to.unwrap_or(ThaiDate::LAST) && b.from <= a.to.unwrap_or(ThaiDate::LAST)
}

fn duplicate(row: usize, field: &str, key: &str, first: usize) -> RowError {
    RowError {
        row,
        column: field.into(),
        code: "file.duplicate",
        message_th: format!("\"{key}\" ซ้ำกับแถวที่ {first} (ช่วงวันที่ซ้อนกัน)"),
        message_en: format!("\"{key}\" repeats row {first} (their periods overlap)"),
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

fn check_people(
    lines: &[Line],
    facts: &Facts,
    today: ThaiDate,
    errors: &mut Vec<RowError>,
    bar: &ProgressBar,
) -> Vec<NewPerson> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut good = Vec::with_capacity(lines.len());
    for l in lines {
        let f = PersonFields {
            national_id: l.c(0),
            title: l.c(1),
            first_th: l.c(2),
            last_th: l.c(3),
            first_en: l.c(4),
            last_en: l.c(5),
            birth_date: l.c(6),
            gender: l.c(7),
            nationality: l.c(8),
            education: l.c(9),
            phone: l.c(10),
            email: l.c(11),
        };
        match NewPerson::from_fields(&f, today) {
            Err(vs) => errors.extend(vs.0.into_iter().map(|v| RowError::from_violation(l.n, v))),
            Ok(p) => {
                let key = p.national_id.reveal().to_string();
                let shown = p.national_id.to_string();
                if let Some(first) = seen.get(&key) {
                    errors.push(duplicate(l.n, "national_id", &shown, *first));
                } else if facts.national_ids.contains(&key) {
                    errors.push(exists(l.n, "national_id", &shown));
                }
                seen.entry(key).or_insert(l.n);
                good.push(p);
            }
        }
        bar.inc(1);
    }
    good
}

fn check_positions(
    lines: &[Line],
    facts: &Facts,
    errors: &mut Vec<RowError>,
    bar: &ProgressBar,
) -> Vec<NewPosition> {
    let mut units: HashMap<&str, Vec<&Validity>> = HashMap::new();
    for u in &facts.units {
        units.entry(u.code.as_str()).or_default().push(&u.validity);
    }
    let mut seen: HashMap<String, Vec<(usize, Validity)>> = HashMap::new();
    let mut good = Vec::new();
    for l in lines {
        let mut v = Violations::default();
        let no = clean(l.c(0)).to_string();
        required(&no, "position_no", &mut v);
        let unit_code = clean(l.c(1)).to_string();
        required(&unit_code, "unit_code", &mut v);
        let category = v.take(Category::parse(l.c(2)));
        let level = v.take(Level::parse(l.c(3)));
        if let (Some(cat), Some(lv)) = (category, level) {
            if !lv.category_allows(cat) {
                v.push(Violation::new(
                    "position.level_category",
                    "level",
                    format!("ระดับ \"{}\" ใช้กับ{}ไม่ได้", lv.th(), cat.th()),
                    format!("level \"{}\" does not exist for {}", lv.en(), cat.en()),
                ));
            }
        }
        required(l.c(4), "line_of_work", &mut v);
        let from = date_field(l.c(6), "valid_from", &mut v);
        let to = opt_date_field(l.c(7), "valid_to", &mut v);
        required(l.c(8), "approval_ref", &mut v);
        if let (Some(from), Some(to)) = (from, to) {
            let validity = Validity { from, to };
            v.take(validity.check());
            if !unit_code.is_empty()
                && !units
                    .get(unit_code.as_str())
                    .is_some_and(|ps| ps.iter().any(|p| p.contains(from)))
            {
                v.push(Violation::new(
                    "position.unit_missing",
                    "unit_code",
                    format!("ไม่พบหน่วยงาน \"{unit_code}\" ณ วันที่ {from}"),
                    format!("unit \"{unit_code}\" does not exist on {from}"),
                ));
            }
            if let (Some(category), Some(level)) = (category, level) {
                let p = NewPosition {
                    position_no: no.clone(),
                    unit_code,
                    category,
                    level,
                    line_of_work: clean(l.c(4)).into(),
                    admin_title: clean(l.c(5)).into(),
                    validity,
                    approval_ref: clean(l.c(8)).into(),
                };
                if !no.is_empty() {
                    let earlier = seen.entry(no.clone()).or_default();
                    if let Some((first, _)) = earlier.iter().find(|(_, w)| overlap(w, &validity)) {
                        errors.push(duplicate(l.n, "position_no", &no, *first));
                    } else if let Some(w) = facts
                        .positions
                        .get(&no)
                        .and_then(|ws| ws.iter().find(|w| overlap(w, &validity)))
                    {
                        v.push(p.number_taken(w));
                    }
                    earlier.push((l.n, validity));
                }
                good.push(p);
            }
        }
        errors.extend(v.0.into_iter().map(|x| RowError::from_violation(l.n, x)));
        bar.inc(1);
    }
    good
}

fn check_units(
    lines: &[Line],
    facts: &Facts,
    errors: &mut Vec<RowError>,
    bar: &ProgressBar,
) -> Vec<NewUnit> {
    // Codes are compared without regard to case: `bma` is taken while `BMA` is current.
    let mut in_db: HashMap<String, Vec<(&str, &Validity)>> = HashMap::new();
    for u in &facts.units {
        in_db
            .entry(u.code.to_ascii_uppercase())
            .or_default()
            .push((u.code.as_str(), &u.validity));
    }
    let roots_in_db: Vec<&UnitRow> = facts
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Bma)
        .collect();
    // Earlier rows of the file by upper-case code: (row, code as written, period).
    let mut seen: HashMap<String, Vec<(usize, String, Validity)>> = HashMap::new();
    // Earlier rows of the file of kind bma: (row, code, period).
    let mut roots: Vec<(usize, String, Validity)> = Vec::new();
    // The good rows with their row numbers.
    let mut good: Vec<(usize, NewUnit)> = Vec::new();
    for l in lines {
        let mut v = Violations::default();
        let code = v.take(parse_unit_code(l.c(0)));
        let parent = if l.c(1).trim().is_empty() {
            None
        } else {
            v.take(parse_unit_code(l.c(1)).map_err(|e| e.on_field("parent_code")))
        };
        let kind = v.take(UnitKind::parse(l.c(2)));
        if let Some(k) = kind {
            if k != UnitKind::Bma && l.c(1).trim().is_empty() {
                v.push(NewUnit::parent_required(k));
            }
        }
        required(l.c(3), "name_th", &mut v);
        let from = date_field(l.c(5), "valid_from", &mut v);
        let to = opt_date_field(l.c(6), "valid_to", &mut v);
        if let (Some(code), Some(kind), Some(from), Some(to)) = (code, kind, from, to) {
            let validity = Validity { from, to };
            v.take(validity.check());
            let u = NewUnit {
                code: code.clone(),
                parent_code: parent,
                kind,
                name_th: clean(l.c(3)).into(),
                name_en: clean(l.c(4)).into(),
                validity,
            };
            let key = code.to_ascii_uppercase();
            let earlier = seen.entry(key.clone()).or_default();
            let taken = earlier
                .iter()
                .find(|(_, _, w)| overlap(w, &validity))
                .map(|(first, other, w)| (other.as_str(), *w, Some(*first)))
                .or_else(|| {
                    in_db.get(&key).and_then(|ws| {
                        ws.iter()
                            .find(|(_, w)| overlap(w, &validity))
                            .map(|(other, w)| (*other, **w, None))
                    })
                });
            match taken {
                Some((other, _, Some(first))) if other == code => {
                    errors.push(duplicate(l.n, "code", &code, first));
                }
                Some((other, w, row)) => v.push(u.code_taken(other, &w, row)),
                None => {}
            }
            let code_taken = taken.is_some();
            earlier.push((l.n, code.clone(), validity));
            // One root at a time: the register's, else the first of the file. A row whose
            // code is taken is refused above, and is no root for the rows after it.
            if kind == UnitKind::Bma && !code_taken {
                let other_root =
                    |c: &str, w: &Validity| !c.eq_ignore_ascii_case(&code) && overlap(w, &validity);
                if let Some(r) = roots_in_db
                    .iter()
                    .find(|r| other_root(&r.code, &r.validity))
                {
                    v.push(u.root_taken(&r.code, &r.validity, None));
                } else if let Some((first, other, w)) =
                    roots.iter().find(|(_, c, w)| other_root(c, w))
                {
                    v.push(u.root_taken(other, w, Some(*first)));
                } else {
                    roots.push((l.n, code.clone(), validity));
                }
            }
            good.push((l.n, u));
        }
        errors.extend(v.0.into_iter().map(|x| RowError::from_violation(l.n, x)));
        bar.inc(1);
    }
    // Each row's parent: a unit of the file valid on the row's first day, else one of the
    // register, else none (refused).
    let mut file_codes: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, u)) in good.iter().enumerate() {
        file_codes.entry(u.code.as_str()).or_default().push(i);
    }
    let mut parent_of: Vec<Option<usize>> = vec![None; good.len()];
    for (i, (n, u)) in good.iter().enumerate() {
        let Some(p) = &u.parent_code else { continue };
        let from = u.validity.from;
        let in_file = file_codes
            .get(p.as_str())
            .and_then(|js| js.iter().find(|j| good[**j].1.validity.contains(from)));
        match in_file {
            Some(j) => parent_of[i] = Some(*j),
            None if in_db
                .get(&p.to_ascii_uppercase())
                .is_some_and(|ws| ws.iter().any(|(c, w)| c == p && w.contains(from))) => {}
            None => errors.push(RowError {
                row: *n,
                column: "parent_code".into(),
                code: "unit.parent_missing",
                message_th: format!("ไม่พบหน่วยงานต้นสังกัด \"{p}\" ณ วันที่ {from}"),
                message_en: format!("parent unit \"{p}\" does not exist on {from}"),
            }),
        }
    }
    for cycle in cycles(&parent_of) {
        let chain: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|i| good[*i].1.code.as_str())
            .collect();
        let chain = chain.join(" → ");
        let rows: Vec<String> = cycle.iter().map(|i| good[*i].0.to_string()).collect();
        let rows = rows.join(", ");
        for i in &cycle {
            errors.push(RowError {
                row: good[*i].0,
                column: "parent_code".into(),
                code: "unit.parent_cycle",
                message_th: format!(
                    "หน่วยงานต้นสังกัดวนกลับมาที่หน่วยงานเดิม: {chain} (แถว {rows}) หน่วยงานหนึ่งต้องไม่อยู่ใต้ตัวเอง"
                ),
                message_en: format!(
                    "the parents form a cycle: {chain} (rows {rows}); a unit cannot be below itself"
                ),
            });
        }
    }
    parents_first(good.into_iter().map(|(_, u)| u).collect(), &parent_of)
}

/// The cycles of a graph in which each node has at most one parent, each as its nodes in
/// order, from child to parent.
fn cycles(parent_of: &[Option<usize>]) -> Vec<Vec<usize>> {
    // 0: not seen, 1: on the current walk, 2: done.
    let mut state = vec![0u8; parent_of.len()];
    let mut out = Vec::new();
    for start in 0..parent_of.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            if state[c] != 0 {
                break;
            }
            state[c] = 1;
            path.push(c);
            cur = parent_of[c];
        }
        if let Some(c) = cur {
            if state[c] == 1 {
                if let Some(at) = path.iter().position(|x| *x == c) {
                    out.push(path[at..].to_vec());
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    out
}

/// Orders units so each parent in the file is created before its children (by depth in the
/// file; units on a cycle, which are refused, go last).
fn parents_first(units: Vec<NewUnit>, parent_of: &[Option<usize>]) -> Vec<NewUnit> {
    let depth = |mut i: usize| {
        let mut d = 0usize;
        while let Some(p) = parent_of.get(i).copied().flatten() {
            d += 1;
            if d > parent_of.len() {
                return usize::MAX;
            }
            i = p;
        }
        d
    };
    let mut keyed: Vec<(usize, NewUnit)> = units
        .into_iter()
        .enumerate()
        .map(|(i, u)| (depth(i), u))
        .collect();
    keyed.sort_by_key(|(d, _)| *d);
    keyed.into_iter().map(|(_, u)| u).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use proptest::prelude::*;

    use super::*;

    fn today() -> ThaiDate {
        ThaiDate::from_ce(2026, 1, 5).unwrap()
    }

    fn bar() -> ProgressBar {
        ProgressBar::hidden()
    }

    fn sheet(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.split(',').map(str::to_string).collect())
            .collect()
    }

    fn codes(c: &Checked) -> Vec<(usize, String, &'static str)> {
        c.errors
            .iter()
            .map(|e| (e.row, e.column.clone(), e.code))
            .collect()
    }

    #[test]
    fn cycles_are_found_once_each() {
        assert!(cycles(&[None, Some(0), Some(1)]).is_empty());
        assert_eq!(cycles(&[Some(0)]), vec![vec![0]]);
        assert_eq!(cycles(&[Some(1), Some(0), Some(0)]), vec![vec![0, 1]]);
        assert_eq!(
            cycles(&[Some(1), Some(2), Some(1), Some(3)]),
            vec![vec![1, 2], vec![3]]
        );
    }

    #[test]
    fn parents_come_first_and_cycles_do_not_hang() {
        let u = |code: &str| NewUnit {
            code: code.into(),
            parent_code: None,
            kind: UnitKind::Section,
            name_th: "ฝ่าย".into(),
            name_en: String::new(),
            validity: Validity {
                from: today(),
                to: None,
            },
        };
        let order = |units: Vec<NewUnit>, parents: &[Option<usize>]| {
            parents_first(units, parents)
                .into_iter()
                .map(|u| u.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            order(vec![u("C"), u("B"), u("A")], &[Some(1), Some(2), None]),
            ["A", "B", "C"]
        );
        assert_eq!(order(vec![u("X"), u("Y")], &[Some(1), Some(0)]).len(), 2);
    }

    #[test]
    fn every_text_rule_names_its_column() {
        let col: Column = ("name_th", "ชื่อหน่วยงาน", true, 5);
        assert!(text_problem(2, &col, "ฝ่ายก").is_none());
        for (v, rule) in [
            ("ab\0c", "text.control"),
            ("a\u{85}", "text.control"),
            ("a\u{2067}b", "text.control"),
            ("a\u{fffd}", "text.encoding"),
            ("ฝ่ายกข", "text.too_long"),
        ] {
            let e = text_problem(7, &col, v).unwrap();
            assert_eq!((e.row, e.column.as_str(), e.code), (7, "name_th", rule));
            assert!(e.message_th.contains("ชื่อหน่วยงาน") && e.message_en.contains("name_th"));
        }
    }

    #[test]
    fn an_empty_sheet_or_a_bad_header_is_one_error_on_row_1() {
        let c = check(Kind::Units, &[], &Facts::default(), today(), &bar());
        assert_eq!(codes(&c), [(1, String::new(), "file.empty")]);
        let c = check(
            Kind::Units,
            &sheet(&[
                "code,kind,name_th,valid_from,CODE",
                "A,section,ฝ่าย,2020-01-01,B",
            ]),
            &Facts::default(),
            today(),
            &bar(),
        );
        assert_eq!(codes(&c), [(1, "code".into(), "file.header_duplicate")]);
    }

    #[test]
    fn a_refused_cell_is_reported_once() {
        let c = check(
            Kind::Units,
            &sheet(&[
                "code,parent_code,kind,name_th,valid_from",
                "A\u{0},BMA,section,ฝ่าย,2020-01-01",
            ]),
            &Facts::default(),
            today(),
            &bar(),
        );
        assert_eq!(codes(&c), [(2, "code".into(), "text.control")]);
    }

    #[test]
    fn invisible_names_are_empty_and_invisible_ends_are_taken_off() {
        for blank in [
            "\u{a0}\u{2060}",
            "\u{3000}",
            "\u{200b}\u{feff}",
            " \u{200e}\u{ad} ",
        ] {
            let mut v = Violations::default();
            required(blank, "name_th", &mut v);
            assert_eq!(v.0.len(), 1, "{blank:?}");
            assert_eq!(v.0[0].code, "field.required");
        }
        let mut v = Violations::default();
        required("ฝ่าย\u{200b}บริหาร", "name_th", &mut v);
        assert!(v.0.is_empty());
        assert_eq!(
            clean("\u{feff} ฝ่าย\u{200b}บริหาร\u{200b}\u{a0}"),
            "ฝ่าย\u{200b}บริหาร"
        );
        assert!(is_format('\u{e0041}') && is_format('\u{600}') && !is_format('ก'));
    }

    #[test]
    fn one_root_parents_for_the_rest_and_codes_without_case() {
        let c = check(
            Kind::Units,
            &sheet(&[
                "code,parent_code,kind,name_th,valid_from,valid_to",
                "bma,,bma,กรุงเทพมหานคร,2020-01-01,",
                "ROOT,,bma,กรุงเทพมหานคร,2020-01-01,",
                "OLD,,bma,กรุงเทพมหานคร,1950-01-01,1959-12-31",
                "ORPH,,department,สำนักกำพร้า,2020-01-01,",
                "X,A,section,ฝ่าย,2020-01-01,",
                "x,A,section,ฝ่าย,2020-01-01,",
                "Y,a,section,ฝ่าย,2020-01-01,",
            ]),
            &some_facts_with_root(),
            today(),
            &bar(),
        );
        assert_eq!(
            codes(&c),
            [
                (2, "code".into(), "unit.code_taken"),
                (3, "kind".into(), "unit.root_taken"),
                (5, "parent_code".into(), "unit.parent_required"),
                (7, "code".into(), "unit.code_taken"),
                (8, "parent_code".into(), "unit.parent_missing"),
            ]
        );
        let e = &c.errors[3];
        assert!(
            e.message_en.contains("\"X\"") && e.message_en.contains("row 6"),
            "{e:?}"
        );
    }

    /// [`some_facts`] with the root `BMA` from 1960.
    fn some_facts_with_root() -> Facts {
        let mut f = some_facts();
        f.units.push(UnitRow {
            id: 9,
            code: "BMA".into(),
            parent_id: None,
            kind: UnitKind::Bma,
            name_th: "กรุงเทพมหานคร".into(),
            name_en: String::new(),
            validity: Validity {
                from: ThaiDate::from_ce(1960, 1, 1).unwrap(),
                to: None,
            },
            version: 1,
        });
        f
    }

    /// A cell: mostly what files hold, with the characters that break naive code mixed in.
    fn any_cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[A-Z]{1,3}(-[A-Z0-9]{1,3})?",
            "[0-9]{1,4}",
            "(0?[0-9]|[123][0-9])/(0?[0-9]|1[0-2])/2[45][0-9]{2}",
            "[12][0-9]{3}-[01][0-9]-[0-3][0-9]",
            "[ก-๙ .-]{0,12}",
            Just("ordinary".to_string()),
            Just("ชำนาญการ".to_string()),
            Just("section".to_string()),
            Just("สำนักงานเขต".to_string()),
            any::<String>(),
            "\\PC{0,300}",
        ]
    }

    /// A header: some of the kind's columns (by code or Thai header), maybe twice, maybe
    /// with strangers, in any order.
    fn any_header(kind: Kind) -> impl Strategy<Value = Vec<String>> {
        let names: Vec<String> = kind
            .columns()
            .iter()
            .flat_map(|c| [c.0.to_string(), c.1.to_string()])
            .chain(["", "x", "\u{feff}code"].map(String::from))
            .collect();
        let all: Vec<String> = kind.columns().iter().map(|c| c.0.to_string()).collect();
        prop_oneof![
            3 => Just(all).prop_shuffle(),
            1 => proptest::collection::vec(proptest::sample::select(names), 0..12),
        ]
    }

    fn any_kind() -> impl Strategy<Value = Kind> {
        prop_oneof![Just(Kind::People), Just(Kind::Positions), Just(Kind::Units)]
    }

    /// Units already in the register: a few codes, over two periods.
    fn some_facts() -> Facts {
        let d = |y| ThaiDate::from_ce(y, 1, 1).unwrap();
        let unit = |id, code: &str, from, to| UnitRow {
            id,
            code: code.into(),
            parent_id: None,
            kind: UnitKind::Section,
            name_th: "ฝ่าย".into(),
            name_en: String::new(),
            validity: Validity { from, to },
            version: 1,
        };
        let mut f = Facts {
            units: vec![
                unit(1, "A", d(1960), None),
                unit(2, "B", d(1960), Some(d(2015))),
                unit(3, "B", d(2016), None),
            ],
            ..Default::default()
        };
        f.positions.insert(
            "1".into(),
            vec![Validity {
                from: d(2000),
                to: None,
            }],
        );
        f.national_ids.insert("1101700203450".into());
        f
    }

    proptest! {
        /// Whatever the rows hold, the check answers (never panics), every problem names a
        /// row of the sheet and says what is wrong in both languages, and a sheet without
        /// problems plans one write per data row.
        #[test]
        fn any_rows_are_checked_without_panic(
            kind in any_kind(),
            header in any_kind().prop_flat_map(any_header),
            rows in proptest::collection::vec(proptest::collection::vec(any_cell(), 0..12), 0..8),
            facts in prop_oneof![Just(false), Just(true)],
        ) {
            let facts = if facts { some_facts() } else { Facts::default() };
            let mut sheet = vec![header];
            sheet.extend(rows);
            let c = check(kind, &sheet, &facts, today(), &bar());
            for e in &c.errors {
                prop_assert!(e.row >= 1 && e.row <= sheet.len().max(1), "{e:?}");
                prop_assert!(!e.message_th.is_empty() && !e.message_en.is_empty(), "{e:?}");
                prop_assert!(e.message_en.len() < 2_000, "{e:?}");
            }
            if c.errors.is_empty() {
                let planned = match &c.plan {
                    Plan::People(p) => p.len(),
                    Plan::Positions(p) => p.len(),
                    Plan::Units(u) => u.len(),
                };
                prop_assert_eq!(planned, c.rows);
            }
        }

        /// Units files drawn from a few codes, parents and dates: when the check passes, no
        /// code is used twice at once (in the file or against the register), and every
        /// parent in the file comes before its children, so the store can create them in
        /// that order.
        #[test]
        fn passing_units_files_are_writable_in_order(
            rows in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["A", "B", "C", "D", "E"]),
                    proptest::sample::select(vec!["", "A", "B", "C", "D", "E"]),
                    proptest::sample::select(vec!["2010-01-01", "2016-01-01", "2020-06-01"]),
                    proptest::sample::select(vec!["", "2015-12-31", "2019-12-31", "2030-01-01"]),
                ),
                0..8,
            ),
            with_facts in any::<bool>(),
        ) {
            let facts = if with_facts { some_facts() } else { Facts::default() };
            let mut sheet = vec![vec!["code", "parent_code", "kind", "name_th", "valid_from", "valid_to"]
                .into_iter().map(String::from).collect::<Vec<_>>()];
            for (code, parent, from, to) in &rows {
                sheet.push(vec![code.to_string(), parent.to_string(), "section".into(), "ฝ่าย".into(), from.to_string(), to.to_string()]);
            }
            let c = check(Kind::Units, &sheet, &facts, today(), &bar());
            let Plan::Units(units) = &c.plan else { panic!("units") };
            if c.errors.is_empty() {
                for (i, u) in units.iter().enumerate() {
                    for w in units.iter().skip(i + 1).filter(|w| w.code == u.code) {
                        prop_assert!(!overlap(&u.validity, &w.validity), "{u:?} {w:?}");
                    }
                    for r in facts.units.iter().filter(|r| r.code == u.code) {
                        prop_assert!(!overlap(&u.validity, &r.validity), "{u:?} {r:?}");
                    }
                    if let Some(p) = &u.parent_code {
                        let from = u.validity.from;
                        let placed_before = units[..i].iter().any(|w| &w.code == p && w.validity.contains(from));
                        let later = units[i..].iter().any(|w| &w.code == p && w.validity.contains(from));
                        let in_db = facts.units.iter().any(|w| &w.code == p && w.validity.contains(from));
                        prop_assert!(placed_before || (in_db && !later), "{u:?} in {units:?}");
                    }
                }
            }
        }
    }
}
