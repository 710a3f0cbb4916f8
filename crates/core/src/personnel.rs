//! Personnel categories (§4, §42, §67) and the position classification of each.

crate::labelled_enum! {
    /// Who a person is in the BMA's service.
    pub enum Category: "category" {
        Ordinary = ("ordinary", "ข้าราชการกรุงเทพมหานครสามัญ", "ordinary BMA civil servant"),
        Teacher = ("teacher", "ข้าราชการครูและบุคลากรทางการศึกษากรุงเทพมหานคร", "BMA teacher and education personnel"),
        HigherEducation = ("higher_education", "ข้าราชการกรุงเทพมหานครในสถาบันอุดมศึกษา", "BMA civil servant in higher education"),
        PermanentEmployee = ("permanent_employee", "ลูกจ้างประจำกรุงเทพมหานคร", "BMA permanent employee"),
        TemporaryEmployee = ("temporary_employee", "ลูกจ้างชั่วคราวกรุงเทพมหานคร", "BMA temporary employee"),
        ContractStaff = ("contract_staff", "พนักงานกรุงเทพมหานคร", "BMA contract staff"),
    }
}

impl Category {
    /// The short name tables and charts use, as the annual report writes its rows (seed 002:
    /// "ข้าราชการสามัญ", "ข้าราชการครู", "ลูกจ้างประจำ", "ลูกจ้างชั่วคราว").
    pub fn short_th(self) -> &'static str {
        match self {
            Category::Ordinary => "ข้าราชการสามัญ",
            Category::Teacher => "ข้าราชการครูฯ",
            Category::HigherEducation => "ข้าราชการอุดมศึกษา",
            Category::PermanentEmployee => "ลูกจ้างประจำ",
            Category::TemporaryEmployee => "ลูกจ้างชั่วคราว",
            Category::ContractStaff => "พนักงานกรุงเทพมหานคร",
        }
    }

    /// [`Category::short_th`] in English, for tables and charts on English pages.
    pub fn short_en(self) -> &'static str {
        match self {
            Category::Ordinary => "ordinary civil servants",
            Category::Teacher => "teachers",
            Category::HigherEducation => "higher-education staff",
            Category::PermanentEmployee => "permanent employees",
            Category::TemporaryEmployee => "temporary employees",
            Category::ContractStaff => "contract staff",
        }
    }

    /// Civil servants (ข้าราชการ) as opposed to employees and contract staff.
    pub fn is_civil_servant(self) -> bool {
        matches!(
            self,
            Category::Ordinary | Category::Teacher | Category::HigherEducation
        )
    }
}

crate::labelled_enum! {
    /// Position types of ordinary civil servants (§44, §52) and the analogous families of
    /// the other categories.
    pub enum PositionType: "position_type" {
        Executive = ("executive", "บริหาร", "executive"),
        Managerial = ("managerial", "อำนวยการ", "managerial"),
        Knowledge = ("knowledge", "วิชาการ", "knowledge worker"),
        General = ("general", "ทั่วไป", "general"),
        Teaching = ("teaching", "ครูและบุคลากรทางการศึกษา", "teaching and education"),
        Academic = ("academic", "ตำแหน่งทางวิชาการ", "academic"),
        Employee = ("employee", "ลูกจ้าง", "employee"),
        Contract = ("contract", "พนักงาน", "contract"),
    }
}

crate::labelled_enum! {
    /// The level of a position: level for ordinary civil servants, วิทยฐานะ for teachers,
    /// academic rank for higher education, grade for employees.
    pub enum Level: "level" {
        ExecutiveJunior = ("executive_junior", "บริหาร ระดับต้น", "executive, junior"),
        ExecutiveSenior = ("executive_senior", "บริหาร ระดับสูง", "executive, senior"),
        ManagerialJunior = ("managerial_junior", "อำนวยการ ระดับต้น", "managerial, junior"),
        ManagerialSenior = ("managerial_senior", "อำนวยการ ระดับสูง", "managerial, senior"),
        Practitioner = ("practitioner", "ปฏิบัติการ", "practitioner"),
        Professional = ("professional", "ชำนาญการ", "professional"),
        SeniorProfessional = ("senior_professional", "ชำนาญการพิเศษ", "senior professional"),
        Expert = ("expert", "เชี่ยวชาญ", "expert"),
        AdvancedExpert = ("advanced_expert", "ทรงคุณวุฒิ", "advanced expert"),
        Operational = ("operational", "ปฏิบัติงาน", "operational"),
        Experienced = ("experienced", "ชำนาญงาน", "experienced"),
        Senior = ("senior", "อาวุโส", "senior"),
        HighlySkilled = ("highly_skilled", "ทักษะพิเศษ", "highly skilled"),
        AssistantTeacher = ("assistant_teacher", "ครูผู้ช่วย", "assistant teacher"),
        TeacherNoRank = ("teacher", "ครู (ไม่มีวิทยฐานะ)", "teacher (no academic standing)"),
        TeacherProfessional = ("teacher_professional", "ครู วิทยฐานะชำนาญการ", "teacher, professional"),
        TeacherSeniorProfessional = ("teacher_senior_professional", "ครู วิทยฐานะชำนาญการพิเศษ", "teacher, senior professional"),
        TeacherExpert = ("teacher_expert", "ครู วิทยฐานะเชี่ยวชาญ", "teacher, expert"),
        TeacherAdvancedExpert = ("teacher_advanced_expert", "ครู วิทยฐานะเชี่ยวชาญพิเศษ", "teacher, advanced expert"),
        Lecturer = ("lecturer", "อาจารย์", "lecturer"),
        AssistantProfessor = ("assistant_professor", "ผู้ช่วยศาสตราจารย์", "assistant professor"),
        AssociateProfessor = ("associate_professor", "รองศาสตราจารย์", "associate professor"),
        Professor = ("professor", "ศาสตราจารย์", "professor"),
        EmployeeS1 = ("s1", "ลูกจ้างประจำ กลุ่ม ส1", "permanent employee grade S1"),
        EmployeeS2 = ("s2", "ลูกจ้างประจำ กลุ่ม ส2", "permanent employee grade S2"),
        EmployeeS3 = ("s3", "ลูกจ้างประจำ กลุ่ม ส3", "permanent employee grade S3"),
        EmployeeS4 = ("s4", "ลูกจ้างประจำ กลุ่ม ส4", "permanent employee grade S4"),
        Temporary = ("temporary", "ลูกจ้างชั่วคราว", "temporary employee"),
        Contract = ("contract", "พนักงานกรุงเทพมหานคร", "contract staff"),
    }
}

impl Level {
    /// The position type a level belongs to.
    pub fn position_type(self) -> PositionType {
        use Level::*;
        match self {
            ExecutiveJunior | ExecutiveSenior => PositionType::Executive,
            ManagerialJunior | ManagerialSenior => PositionType::Managerial,
            Practitioner | Professional | SeniorProfessional | Expert | AdvancedExpert => {
                PositionType::Knowledge
            }
            Operational | Experienced | Senior | HighlySkilled => PositionType::General,
            AssistantTeacher
            | TeacherNoRank
            | TeacherProfessional
            | TeacherSeniorProfessional
            | TeacherExpert
            | TeacherAdvancedExpert => PositionType::Teaching,
            Lecturer | AssistantProfessor | AssociateProfessor | Professor => {
                PositionType::Academic
            }
            EmployeeS1 | EmployeeS2 | EmployeeS3 | EmployeeS4 | Temporary => PositionType::Employee,
            Contract => PositionType::Contract,
        }
    }

    /// The category whose positions may carry this level.
    pub fn category_allows(self, category: Category) -> bool {
        use PositionType as T;
        match (category, self.position_type()) {
            (Category::Ordinary, T::Executive | T::Managerial | T::Knowledge | T::General) => true,
            // Education administrators (directors of schools) hold teaching ranks.
            (Category::Teacher, T::Teaching) => true,
            (Category::HigherEducation, T::Academic | T::Knowledge | T::General) => true,
            (Category::PermanentEmployee, T::Employee) => self != Level::Temporary,
            (Category::TemporaryEmployee, T::Employee) => self == Level::Temporary,
            (Category::ContractStaff, T::Contract) => true,
            _ => false,
        }
    }

    /// Levels a position of this category may carry, in ascending order.
    pub fn for_category(category: Category) -> impl Iterator<Item = Level> {
        Level::ALL
            .iter()
            .copied()
            .filter(move |l| l.category_allows(category))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_belongs_to_some_category() {
        for l in Level::ALL {
            assert!(Category::ALL.iter().any(|c| l.category_allows(*c)), "{l:?}");
        }
    }

    #[test]
    fn categories_are_kept_apart() {
        assert!(Level::Expert.category_allows(Category::Ordinary));
        assert!(!Level::TeacherExpert.category_allows(Category::Ordinary));
        assert!(!Level::Temporary.category_allows(Category::PermanentEmployee));
        assert!(Level::EmployeeS3.category_allows(Category::PermanentEmployee));
        assert_eq!(
            Level::parse("ชำนาญการพิเศษ").unwrap(),
            Level::SeniorProfessional
        );
    }
}
