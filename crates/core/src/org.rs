//! The organisation: units of the BMA as an effective-dated tree.

use crate::i18n::Violation;
use crate::ThaiDate;

crate::labelled_enum! {
    /// Kinds of unit in the BMA's structure.
    pub enum UnitKind: "kind" {
        Bma = ("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration"),
        Office = ("office", "สำนักงาน", "office"),
        Department = ("department", "สำนัก", "department"),
        Division = ("division", "กอง", "division"),
        District = ("district", "สำนักงานเขต", "district office"),
        Section = ("section", "ฝ่าย", "section"),
        MissionGroup = ("mission_group", "กลุ่มภารกิจ", "mission group"),
        School = ("school", "โรงเรียน", "school"),
        Hospital = ("hospital", "โรงพยาบาล", "hospital"),
        University = ("university", "มหาวิทยาลัย", "university"),
    }
}

impl UnitKind {
    /// An agency (ส่วนราชการ) is the level whose head appoints for "any other position"
    /// (§52 para 1 (4)) and across which a move needs the Permanent Secretary.
    pub fn is_agency(self) -> bool {
        matches!(
            self,
            UnitKind::Office | UnitKind::Department | UnitKind::District | UnitKind::University
        )
    }
}

/// A unit code: short, stable, ASCII, used in files and URLs.
pub fn parse_unit_code(s: &str) -> Result<String, Violation> {
    let t = s.trim();
    if t.is_empty()
        || t.len() > 32
        || !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    {
        return Err(Violation::new(
            "unit.code",
            "code",
            format!("รหัสหน่วยงาน \"{t}\" ต้องเป็นตัวอักษรอังกฤษ ตัวเลข - _ . ไม่เกิน 32 ตัว"),
            format!("unit code \"{t}\" must be 1–32 ASCII letters, digits, '-', '_' or '.'"),
        ));
    }
    Ok(t.to_string())
}

/// A period of validity [from, to]; `to` is the last day, open when `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Validity {
    pub from: ThaiDate,
    pub to: Option<ThaiDate>,
}

impl Validity {
    pub fn contains(&self, d: ThaiDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }

    /// A period must not end before it starts.
    pub fn check(&self) -> Result<(), Violation> {
        match self.to {
            Some(t) if t < self.from => Err(Violation::new(
                "validity.order",
                "valid_to",
                "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น",
                "valid-to must not be before valid-from",
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes() {
        assert_eq!(parse_unit_code(" D-BKN.01 ").unwrap(), "D-BKN.01");
        assert!(parse_unit_code("").is_err());
        assert!(parse_unit_code("เขต").is_err());
        assert!(parse_unit_code(&"x".repeat(33)).is_err());
    }

    #[test]
    fn kinds_parse_from_thai_and_english() {
        assert_eq!(UnitKind::parse("สำนักงานเขต").unwrap(), UnitKind::District);
        assert_eq!(
            UnitKind::parse("District Office").unwrap(),
            UnitKind::District
        );
        assert_eq!(UnitKind::parse("section").unwrap(), UnitKind::Section);
        assert_eq!(UnitKind::parse("x").unwrap_err().code, "kind.unknown");
    }

    #[test]
    fn validity() {
        let a = ThaiDate::from_ce(2020, 1, 1).unwrap();
        let b = ThaiDate::from_ce(2024, 9, 30).unwrap();
        let v = Validity {
            from: a,
            to: Some(b),
        };
        assert!(v.contains(a) && v.contains(b) && !v.contains(b.add_days(1)));
        assert!(Validity {
            from: b,
            to: Some(a)
        }
        .check()
        .is_err());
    }
}
