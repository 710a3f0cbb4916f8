//! A list as officers take it away: one [`Sheet`] written as XLSX (numbers stay numbers so
//! Excel can sum them; text stays text so national IDs keep their digits) or as a printed
//! table (PDF, through the `table` template).

use bmahr_core::money::grouped;
use rust_xlsxwriter::{Format, Workbook};

use crate::pdf::{render, DocError, Emblem, Template};

/// One cell of a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or an amount in baht, summable in a spreadsheet.
    Number(f64),
}

impl Cell {
    /// How the cell prints: counts grouped by thousands, text as it is.
    pub fn printed(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => grouped(*n as i64),
            Cell::Number(n) => {
                let s = format!("{n:.2}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Number(n as f64)
    }
}

/// A titled table: what a list page shows, ready to download.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub title: String,
    /// What the list is of: unit, date, filters.
    pub subtitle: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Printed across the page when the columns are many.
    pub landscape: bool,
    /// Who printed it and when (the footer of every page).
    pub printed: String,
    /// A line under the table (e.g. "the first 5,000 of 12,345 rows").
    pub note: String,
}

impl Sheet {
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Sheet {
        Sheet {
            title: title.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            ..Sheet::default()
        }
    }

    /// Columns whose cells are all numbers, printed right-aligned.
    fn numeric(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|i| {
                !self.rows.is_empty()
                    && self
                        .rows
                        .iter()
                        .all(|r| matches!(r.get(*i), Some(Cell::Number(_)) | None))
            })
            .collect()
    }

    /// How each column is laid out in print: `number` (all numbers), `token` (short text
    /// without spaces, such as IDs and codes, which cannot wrap and so keep their width) or
    /// `text`.
    pub fn column_kinds(&self) -> Vec<&'static str> {
        (0..self.columns.len())
            .map(|i| {
                let cells: Vec<&Cell> = self.rows.iter().filter_map(|r| r.get(i)).collect();
                if !cells.is_empty() && cells.iter().all(|c| matches!(c, Cell::Number(_))) {
                    "number"
                } else if !cells.is_empty()
                    && cells.iter().all(|c| match c {
                        Cell::Text(t) => {
                            !t.contains(char::is_whitespace) && t.chars().count() <= 24
                        }
                        Cell::Number(_) => true,
                    })
                {
                    "token"
                } else {
                    "text"
                }
            })
            .collect()
    }

    /// The sheet as a PDF table with a title, header repeated on every page.
    pub fn to_pdf(&self) -> Result<Vec<u8>, DocError> {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                (0..self.columns.len())
                    .map(|i| r.get(i).map(Cell::printed).unwrap_or_default())
                    .collect()
            })
            .collect();
        let landscape = self.landscape || self.columns.len() > 5;
        render(
            Template::Table,
            &serde_json::json!({
                "title": self.title,
                "subtitle": self.subtitle,
                "columns": self.columns,
                "rows": rows,
                "numeric": self.numeric(),
                "kinds": self.column_kinds(),
                "landscape": landscape,
                "printed": self.printed,
                "note": self.note,
                "size": if self.columns.len() > 9 { 11 } else { 13 },
            }),
            &Emblem::default(),
        )
    }

    /// The sheet as an XLSX workbook of one worksheet.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, DocError> {
        book_to_xlsx(std::slice::from_ref(self))
    }
}

/// Several sheets as one workbook, one worksheet each (e.g. the annual report's tables).
pub fn book_to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, DocError> {
    let err = |e: rust_xlsxwriter::XlsxError| DocError::Sheet(e.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title_fmt = Format::new().set_bold().set_font_size(14);
    for (n, s) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(worksheet_name(&s.title, n)).map_err(err)?;
        // Widths from the header and the first rows: autofit over 87,000 rows costs seconds.
        for (j, c) in s.columns.iter().enumerate() {
            let widest = s
                .rows
                .iter()
                .take(200)
                .filter_map(|r| r.get(j))
                .map(|c| c.printed().chars().count())
                .chain(std::iter::once(c.chars().count()))
                .max()
                .unwrap_or(8);
            ws.set_column_width(j as u16, (widest as f64 * 1.1 + 2.0).min(60.0))
                .map_err(err)?;
        }
        ws.write_string_with_format(0, 0, &s.title, &title_fmt)
            .map_err(err)?;
        let mut first = 1;
        if !s.subtitle.is_empty() {
            ws.write_string(1, 0, &s.subtitle).map_err(err)?;
            first = 2;
        }
        let head = first + 1;
        for (j, c) in s.columns.iter().enumerate() {
            ws.write_string_with_format(head, j as u16, c, &bold)
                .map_err(err)?;
        }
        for (i, r) in s.rows.iter().enumerate() {
            let row = head + 1 + i as u32;
            for (j, c) in r.iter().enumerate() {
                match c {
                    Cell::Text(t) => ws.write_string(row, j as u16, t).map(|_| ()),
                    Cell::Number(x) => ws.write_number(row, j as u16, *x).map(|_| ()),
                }
                .map_err(err)?;
            }
        }
        let after = head + 2 + s.rows.len() as u32;
        if !s.note.is_empty() {
            ws.write_string(after, 0, &s.note).map_err(err)?;
        }
        if !s.printed.is_empty() {
            ws.write_string(after + 1, 0, &s.printed).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// Excel's worksheet names: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn worksheet_name(title: &str, n: usize) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(26)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        format!("{}", n + 1)
    } else {
        format!("{} {}", n + 1, clean)
    }
}
