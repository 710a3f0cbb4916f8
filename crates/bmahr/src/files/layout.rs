//! The column layouts of the three importable kinds. Each column has an English code and a
//! Thai header; either is accepted on import, the Thai one is written on export.

use bmahr_core::Violation;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    People,
    Positions,
    Units,
}

/// (code, Thai header, required, longest value in characters)
pub type Column = (&'static str, &'static str, bool, usize);

/// Longest name, title or free text (docs/IMPORT.md).
const TEXT: usize = 255;
/// Longest code, number or short value (a unit code, a position number, a phone number).
const CODE: usize = 32;
/// Longest closed-list value or date (a Thai label, `30 กันยายน 2566`).
const WORD: usize = 64;

pub const PEOPLE: &[Column] = &[
    ("national_id", "เลขประจำตัวประชาชน", true, CODE),
    ("title", "คำนำหน้าชื่อ", true, WORD),
    ("first_name_th", "ชื่อ", true, TEXT),
    ("last_name_th", "นามสกุล", true, TEXT),
    ("first_name_en", "ชื่อ (ภาษาอังกฤษ)", false, TEXT),
    ("last_name_en", "นามสกุล (ภาษาอังกฤษ)", false, TEXT),
    ("birth_date", "วันเดือนปีเกิด", true, WORD),
    ("gender", "เพศ", false, WORD),
    ("nationality", "สัญชาติ", false, WORD),
    ("education", "วุฒิการศึกษา", false, TEXT),
    ("phone", "โทรศัพท์", false, CODE),
    ("email", "อีเมล", false, 254),
];

pub const POSITIONS: &[Column] = &[
    ("position_no", "เลขที่ตำแหน่ง", true, CODE),
    ("unit_code", "รหัสหน่วยงาน", true, CODE),
    ("category", "ประเภทบุคลากร", true, WORD),
    ("level", "ระดับ", true, WORD),
    ("line_of_work", "สายงาน", true, TEXT),
    ("admin_title", "ตำแหน่งทางการบริหาร", false, TEXT),
    ("valid_from", "วันที่เริ่มใช้", true, WORD),
    ("valid_to", "วันที่สิ้นสุด", false, WORD),
    ("approval_ref", "อ้างอิงการอนุมัติกรอบ", true, TEXT),
];

pub const UNITS: &[Column] = &[
    ("code", "รหัสหน่วยงาน", true, CODE),
    ("parent_code", "รหัสหน่วยงานต้นสังกัด", false, CODE),
    ("kind", "ประเภทหน่วยงาน", true, WORD),
    ("name_th", "ชื่อหน่วยงาน", true, TEXT),
    ("name_en", "ชื่อหน่วยงาน (ภาษาอังกฤษ)", false, TEXT),
    ("valid_from", "วันที่เริ่มใช้", true, WORD),
    ("valid_to", "วันที่สิ้นสุด", false, WORD),
];

impl Kind {
    /// The kind's name in audit events (`export.people`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Positions => "positions",
            Kind::Units => "units",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::People => PEOPLE,
            Kind::Positions => POSITIONS,
            Kind::Units => UNITS,
        }
    }
}

/// Maps each layout column to its index in the file's header row. Refuses a header that
/// lacks a required column or names one column twice (by its code, its Thai header or both):
/// which of the two cells would be read is not for the importer to guess.
pub fn map_header(kind: Kind, header: &[String]) -> Result<Vec<Option<usize>>, Vec<Violation>> {
    let norm = |s: &str| s.trim().trim_start_matches('\u{feff}').to_lowercase();
    let header: Vec<String> = header.iter().map(|h| norm(h)).collect();
    let mut problems = Vec::new();
    let map = kind
        .columns()
        .iter()
        .map(|(code, th, required, _)| {
            let th_norm = norm(th);
            let mut found = header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.as_str() == *code || **h == th_norm)
                .map(|(i, _)| i);
            let first = found.next();
            if let (Some(a), Some(b)) = (first, found.next()) {
                problems.push(Violation::new(
                    "file.header_duplicate",
                    *code,
                    format!(
                        "คอลัมน์ \"{th}\" ซ้ำกัน (คอลัมน์ที่ {} และ {}) ให้เหลือคอลัมน์เดียว",
                        a + 1,
                        b + 1
                    ),
                    format!(
                        "column \"{code}\" appears twice (columns {} and {}); keep one",
                        a + 1,
                        b + 1
                    ),
                ));
            }
            if first.is_none() && *required {
                problems.push(Violation::new(
                    "file.header",
                    *code,
                    format!("ไม่พบคอลัมน์ \"{th}\""),
                    format!("missing column \"{code}\""),
                ));
            }
            first
        })
        .collect();
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}
