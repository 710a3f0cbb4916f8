//! The column layouts of the three importable kinds. Each column has an English code and a
//! Thai header; either is accepted on import, the Thai one is written on export.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    People,
    Positions,
    Units,
}

/// (code, Thai header, required)
pub type Column = (&'static str, &'static str, bool);

pub const PEOPLE: &[Column] = &[
    ("national_id", "เลขประจำตัวประชาชน", true),
    ("title", "คำนำหน้าชื่อ", true),
    ("first_name_th", "ชื่อ", true),
    ("last_name_th", "นามสกุล", true),
    ("first_name_en", "ชื่อ (ภาษาอังกฤษ)", false),
    ("last_name_en", "นามสกุล (ภาษาอังกฤษ)", false),
    ("birth_date", "วันเดือนปีเกิด", true),
    ("gender", "เพศ", false),
    ("nationality", "สัญชาติ", false),
    ("education", "วุฒิการศึกษา", false),
    ("phone", "โทรศัพท์", false),
    ("email", "อีเมล", false),
];

pub const POSITIONS: &[Column] = &[
    ("position_no", "เลขที่ตำแหน่ง", true),
    ("unit_code", "รหัสหน่วยงาน", true),
    ("category", "ประเภทบุคลากร", true),
    ("level", "ระดับ", true),
    ("line_of_work", "สายงาน", true),
    ("admin_title", "ตำแหน่งทางการบริหาร", false),
    ("valid_from", "วันที่เริ่มใช้", true),
    ("valid_to", "วันที่สิ้นสุด", false),
    ("approval_ref", "อ้างอิงการอนุมัติกรอบ", true),
];

pub const UNITS: &[Column] = &[
    ("code", "รหัสหน่วยงาน", true),
    ("parent_code", "รหัสหน่วยงานต้นสังกัด", false),
    ("kind", "ประเภทหน่วยงาน", true),
    ("name_th", "ชื่อหน่วยงาน", true),
    ("name_en", "ชื่อหน่วยงาน (ภาษาอังกฤษ)", false),
    ("valid_from", "วันที่เริ่มใช้", true),
    ("valid_to", "วันที่สิ้นสุด", false),
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

/// Maps each layout column to its index in the file's header row.
pub fn map_header(kind: Kind, header: &[String]) -> Result<Vec<Option<usize>>, Vec<String>> {
    let norm = |s: &str| s.trim().trim_start_matches('\u{feff}').to_lowercase();
    let mut missing = Vec::new();
    let map = kind
        .columns()
        .iter()
        .map(|(code, th, required)| {
            let i = header
                .iter()
                .position(|h| norm(h) == *code || norm(h) == norm(th));
            if i.is_none() && *required {
                missing.push(format!("ไม่พบคอลัมน์ \"{th}\" / missing column \"{code}\""));
            }
            i
        })
        .collect();
    if missing.is_empty() {
        Ok(map)
    } else {
        Err(missing)
    }
}
