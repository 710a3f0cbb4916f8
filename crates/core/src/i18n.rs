//! Thai-first bilingual text and rule violations.

use std::fmt;

/// A label or message in Thai (shown first) and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bilingual {
    pub th: &'static str,
    pub en: &'static str,
}

impl Bilingual {
    pub const fn new(th: &'static str, en: &'static str) -> Self {
        Self { th, en }
    }
}

/// One broken rule: which rule, under which section, on which field, in both languages.
///
/// Validation collects every `Violation` rather than stopping at the first, so a user can
/// fix a whole form (or a whole import file) in one pass.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// Stable machine code, e.g. `national_id.check_digit`.
    pub code: &'static str,
    /// Section of the Act or other legal basis, when the rule comes from one.
    pub section: Option<&'static str>,
    /// The input field the rule is about.
    pub field: String,
    pub message_th: String,
    pub message_en: String,
}

impl Violation {
    pub fn new(
        code: &'static str,
        field: impl Into<String>,
        th: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Self {
            code,
            section: None,
            field: field.into(),
            message_th: th.into(),
            message_en: en.into(),
        }
    }

    pub fn with_section(mut self, section: &'static str) -> Self {
        self.section = Some(section);
        self
    }

    /// The same violation reported against another field name (e.g. a column header).
    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.field, self.message_th, self.message_en
        )?;
        if let Some(s) = self.section {
            write!(f, " ({s})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}

/// Every violation found while checking one thing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn push(&mut self, v: Violation) {
        self.0.push(v);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter()
    }
    /// Records the error of a parse, if any, and returns the parsed value.
    pub fn take<T>(&mut self, r: Result<T, Violation>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }
    /// `Ok(value)` when nothing was violated.
    pub fn into_result<T>(self, value: T) -> Result<T, Violations> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// English month abbreviations, for dates shown in English.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a page shows it, always marked with its era so a year such as 2569 cannot be
/// read as CE: `6 ธันวาคม พ.ศ. 2569` in Thai, `6 Dec 2569 B.E.` in English.
pub fn date_shown(d: crate::ThaiDate, en: bool) -> String {
    use chrono::Datelike;
    let n = d.naive();
    if en {
        let m = MONTHS_EN[(n.month0() as usize).min(11)];
        format!("{} {m} {} B.E.", n.day(), d.year_be())
    } else {
        // `long_th` is `6 ธันวาคม 2569`: the era goes before the year.
        let long = d.long_th();
        match long.rsplit_once(' ') {
            Some((day_month, year)) => format!("{day_month} พ.ศ. {year}"),
            None => long,
        }
    }
}

/// The hint beside a date input: how to type a date (the Buddhist-era year).
pub fn date_hint(en: bool) -> &'static str {
    if en {
        "dd/mm/yyyy (B.E.)"
    } else {
        "วว/ดด/ปปปป (พ.ศ.)"
    }
}

/// Words of a section reference, Thai → English, in the order they are replaced (longer
/// phrases first, so a phrase is never cut by a shorter one inside it).
const SECTION_WORDS: [(&str, &str); 16] = [
    (
        "ระยะเวลาตามหนังสือแจ้งของ ก.พ.ค.",
        "the period in the ก.พ.ค.'s notice",
    ),
    ("มาตรฐานที่ ก.ก. กำหนด", "the standard set by the ก.ก."),
    // The salary rules the ก.ก. applies (`law::salary`).
    (
        "บัญชีเงินเดือนขั้นต่ำขั้นสูง (ก.ก.)",
        "the minimum–maximum salary table (ก.ก.)",
    ),
    (
        "กฎ ก.พ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2552 (ก.ก.)",
        "the ก.พ. rule on salary increases B.E. 2552 (applied by the ก.ก.)",
    ),
    ("(โทษลดเงินเดือน)", "(salary reduction)"),
    ("วรรคหนึ่ง", "para 1"),
    ("วรรคสอง", "para 2"),
    ("วรรคสาม", "para 3"),
    ("วรรคสี่", "para 4"),
    ("วรรคห้า", "para 5"),
    ("วรรคหก", "para 6"),
    ("วรรคเจ็ด", "para 7"),
    ("ตอนท้าย", "last part"),
    ("เทียบ", "cf. "),
    ("ก.(", "A ("),
    ("ข.(", "B ("),
];

/// A reference to a section of the Act in the page's language. The rules write them as
/// `§52 วรรคหนึ่ง (3)` (or `มาตรา 52 …`); Thai readers get `มาตรา 52 วรรคหนึ่ง (3)` and
/// English readers `Section 52 para 1 (3)`. Thai digits are read as Arabic ones; words not
/// known are kept as written.
pub fn section_label(section: &str, en: bool) -> String {
    // One form to start from: `§52 วรรคหนึ่ง (3)`, Arabic digits.
    let mut s: String = section
        .trim()
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    s = s.replace("มาตรา", "§").replace("Section", "§");
    s = s.replace("§ ", "§");
    // `§14(11)`: a space between the section and its item, as the Act is cited.
    let mut spaced = String::with_capacity(s.len() + 4);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c == '(' && prev.is_some_and(|p| p.is_ascii_digit()) {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let mut s = spaced;
    if en {
        for (th, en_word) in SECTION_WORDS {
            s = s.replace(th, en_word);
        }
        s = s.replace("cf. §", "cf. Section ");
        s.replace('§', "Section ")
    } else {
        s.replace('§', "มาตรา ")
    }
}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(vec![v])
    }
}

/// The English names of the lines of work (สายงาน) in use at the BMA, as the Office of the
/// Civil Service Commission translates them. A line not listed has no English name and is
/// shown in Thai in either language.
const LINES_OF_WORK: &[(&str, &str)] = &[
    ("นักทรัพยากรบุคคล", "Human Resource Officer"),
    ("นักจัดการงานทั่วไป", "General Administration Officer"),
    ("นักวิเคราะห์นโยบายและแผน", "Policy and Plan Analyst"),
    ("วิศวกรโยธา", "Civil Engineer"),
    ("นักวิชาการเงินและบัญชี", "Finance and Accounting Analyst"),
    ("นักวิชาการจัดเก็บรายได้", "Revenue Officer"),
    ("นักวิชาการสาธารณสุข", "Public Health Technical Officer"),
    ("นักวิชาการคอมพิวเตอร์", "Computer Technical Officer"),
    ("พยาบาลวิชาชีพ", "Registered Nurse"),
    ("นายแพทย์", "Medical Physician"),
    ("นิติกร", "Legal Officer"),
    ("เจ้าพนักงานธุรการ", "Administrative Officer"),
    ("เจ้าพนักงานการเงินและบัญชี", "Finance and Accounting Officer"),
    ("เจ้าพนักงานเทศกิจ", "City Law Enforcement Officer"),
    ("นายช่างโยธา", "Civil Technician"),
    ("ครู", "Teacher"),
    ("พนักงานกวาด", "Street Sweeper"),
    ("พนักงานขับรถยนต์", "Driver"),
    ("พนักงานสถานที่", "Building Attendant"),
    ("คนงาน", "Worker"),
    ("พนักงานทั่วไป", "General Worker"),
    ("ผู้ช่วยพยาบาล", "Practical Nurse"),
    ("พนักงานขับเครื่องจักรกลขนาดหนัก", "Heavy Machinery Operator"),
    ("พี่เลี้ยงเด็ก", "Child Caregiver"),
    ("ผู้ช่วยเจ้าหน้าที่", "Assistant Officer"),
    ("พนักงานจ้างเหมา", "Contract Worker"),
    ("คนงานชั่วคราว", "Temporary Worker"),
    ("ผู้ช่วยครู", "Teacher's Assistant"),
];

/// A line of work (or a position's title) in the page's language: its English name where
/// one exists, else as written.
pub fn line_of_work(th: &str, en: bool) -> &str {
    if !en {
        return th;
    }
    let t = th.trim();
    LINES_OF_WORK
        .iter()
        .find(|(name, _)| *name == t)
        .map_or(th, |(_, english)| english)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sections_read_in_either_language() {
        let table = [
            // (as the rules write it, Thai, English)
            (
                "§52 วรรคหนึ่ง (3)",
                "มาตรา 52 วรรคหนึ่ง (3)",
                "Section 52 para 1 (3)",
            ),
            (
                "มาตรา 52 วรรคหนึ่ง (3)",
                "มาตรา 52 วรรคหนึ่ง (3)",
                "Section 52 para 1 (3)",
            ),
            ("§43", "มาตรา 43", "Section 43"),
            ("§14(11)", "มาตรา 14 (11)", "Section 14 (11)"),
            ("§43 ก.(1)", "มาตรา 43 ก.(1)", "Section 43 A (1)"),
            ("§43 ข.(9)", "มาตรา 43 ข.(9)", "Section 43 B (9)"),
            ("§53, §54", "มาตรา 53, มาตรา 54", "Section 53, Section 54"),
            ("§59 วรรคหก", "มาตรา 59 วรรคหก", "Section 59 para 6"),
            (
                "§53 วรรคหนึ่ง (4) ตอนท้าย",
                "มาตรา 53 วรรคหนึ่ง (4) ตอนท้าย",
                "Section 53 para 1 (4) last part",
            ),
            (
                "§68 (มาตรฐานที่ ก.ก. กำหนด)",
                "มาตรา 68 (มาตรฐานที่ ก.ก. กำหนด)",
                "Section 68 (the standard set by the ก.ก.)",
            ),
            (
                "§70 วรรคสอง (มาตรฐานที่ ก.ก. กำหนด; เทียบมาตรา ๕๒ (๔) ตอนท้าย)",
                "มาตรา 70 วรรคสอง (มาตรฐานที่ ก.ก. กำหนด; เทียบมาตรา 52 (4) ตอนท้าย)",
                "Section 70 para 2 (the standard set by the ก.ก.; cf. Section 52 (4) last part)",
            ),
            ("Section 60 para 1", "มาตรา 60 para 1", "Section 60 para 1"),
        ];
        for (written, th, en) in table {
            assert_eq!(section_label(written, false), th, "{written}");
            assert_eq!(section_label(written, true), en, "{written}");
        }
    }

    #[test]
    fn no_thai_is_left_in_an_english_section_of_the_act() {
        for s in [
            "§52 วรรคหนึ่ง (1)",
            "§54 วรรคหนึ่ง (4) ตอนท้าย",
            "§56 วรรคหนึ่ง",
            "§43 วรรคห้า",
            "§62 วรรคสอง",
            "§61 วรรคหนึ่ง",
            "§55, §14(9)",
            "§59 วรรคสอง",
        ] {
            let en = section_label(s, true);
            assert!(en.is_ascii(), "{s} → {en}");
        }
    }

    #[test]
    fn dates_carry_their_era() {
        let d = crate::ThaiDate::from_be(2569, 12, 6).unwrap();
        assert_eq!(date_shown(d, false), "6 ธันวาคม พ.ศ. 2569");
        assert_eq!(date_shown(d, true), "6 Dec 2569 B.E.");
        let d = crate::ThaiDate::from_be(2566, 9, 30).unwrap();
        assert_eq!(date_shown(d, false), "30 กันยายน พ.ศ. 2566");
        assert_eq!(date_shown(d, true), "30 Sep 2566 B.E.");
        assert_eq!(date_hint(false), "วว/ดด/ปปปป (พ.ศ.)");
    }

    #[test]
    fn lines_of_work_read_in_english_where_a_name_exists() {
        for (th, en, shown) in [
            ("นักทรัพยากรบุคคล", true, "Human Resource Officer"),
            ("นักทรัพยากรบุคคล", false, "นักทรัพยากรบุคคล"),
            ("ครู", true, "Teacher"),
            // No English name: kept as written.
            ("ผู้อำนวยการเขตบางกอกน้อย", true, "ผู้อำนวยการเขตบางกอกน้อย"),
        ] {
            assert_eq!(line_of_work(th, en), shown);
        }
    }

    #[test]
    fn every_english_line_of_work_is_english() {
        for (th, en) in LINES_OF_WORK {
            assert!(en.is_ascii() && !th.is_ascii(), "{th} → {en}");
        }
    }
}
