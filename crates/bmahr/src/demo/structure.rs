//! The BMA's structure as data: departments, district offices and their sections, written
//! for this project from public sources (DOMAIN.md §1, §5; seeds 000 and 004).

/// (code, Thai, English) of the 50 district offices.
pub const DISTRICTS: [(&str, &str, &str); 50] = [
    ("PNK", "พระนคร", "Phra Nakhon"),
    ("DST", "ดุสิต", "Dusit"),
    ("NCK", "หนองจอก", "Nong Chok"),
    ("BRK", "บางรัก", "Bang Rak"),
    ("BKN", "บางเขน", "Bang Khen"),
    ("BKP", "บางกะปิ", "Bang Kapi"),
    ("PTW", "ปทุมวัน", "Pathum Wan"),
    ("PPS", "ป้อมปราบศัตรูพ่าย", "Pom Prap Sattru Phai"),
    ("PKN", "พระโขนง", "Phra Khanong"),
    ("MBR", "มีนบุรี", "Min Buri"),
    ("LKB", "ลาดกระบัง", "Lat Krabang"),
    ("YNW", "ยานนาวา", "Yan Nawa"),
    ("SPW", "สัมพันธวงศ์", "Samphanthawong"),
    ("PYT", "พญาไท", "Phaya Thai"),
    ("TBR", "ธนบุรี", "Thon Buri"),
    ("BKY", "บางกอกใหญ่", "Bangkok Yai"),
    ("HKW", "ห้วยขวาง", "Huai Khwang"),
    ("KSN", "คลองสาน", "Khlong San"),
    ("TLC", "ตลิ่งชัน", "Taling Chan"),
    ("BKNI", "บางกอกน้อย", "Bangkok Noi"),
    ("BKT", "บางขุนเทียน", "Bang Khun Thian"),
    ("PSC", "ภาษีเจริญ", "Phasi Charoen"),
    ("NKM", "หนองแขม", "Nong Khaem"),
    ("RBN", "ราษฎร์บูรณะ", "Rat Burana"),
    ("BPL", "บางพลัด", "Bang Phlat"),
    ("DDG", "ดินแดง", "Din Daeng"),
    ("BGK", "บึงกุ่ม", "Bueng Kum"),
    ("STN", "สาทร", "Sathon"),
    ("BSE", "บางซื่อ", "Bang Sue"),
    ("CTC", "จตุจักร", "Chatuchak"),
    ("BKL", "บางคอแหลม", "Bang Kho Laem"),
    ("PRW", "ประเวศ", "Prawet"),
    ("KTY", "คลองเตย", "Khlong Toei"),
    ("SNL", "สวนหลวง", "Suan Luang"),
    ("CMT", "จอมทอง", "Chom Thong"),
    ("DMG", "ดอนเมือง", "Don Mueang"),
    ("RTW", "ราชเทวี", "Ratchathewi"),
    ("LPR", "ลาดพร้าว", "Lat Phrao"),
    ("WTN", "วัฒนา", "Watthana"),
    ("BKE", "บางแค", "Bang Khae"),
    ("LKS", "หลักสี่", "Lak Si"),
    ("SMI", "สายไหม", "Sai Mai"),
    ("KNY", "คันนายาว", "Khan Na Yao"),
    ("SPS", "สะพานสูง", "Saphan Sung"),
    ("WTL", "วังทองหลาง", "Wang Thonglang"),
    ("KSW", "คลองสามวา", "Khlong Sam Wa"),
    ("BNA", "บางนา", "Bang Na"),
    ("TWW", "ทวีวัฒนา", "Thawi Watthana"),
    ("TKR", "ทุ่งครุ", "Thung Khru"),
    ("BBN", "บางบอน", "Bang Bon"),
];

/// The four districts piloting six mission groups (seed 004).
pub const PILOT_DISTRICTS: [&str; 4] = ["BKN", "KTY", "PSC", "TLC"];

/// The ten sections (ฝ่าย) of a district office: (code, Thai, English, mission group index).
pub const SECTIONS: [(&str, &str, &str, usize); 10] = [
    ("ADM", "ฝ่ายปกครอง", "Administration Section", 0),
    ("REG", "ฝ่ายทะเบียน", "Civil Registration Section", 5),
    ("FIN", "ฝ่ายการคลัง", "Finance Section", 1),
    ("REV", "ฝ่ายรายได้", "Revenue Section", 1),
    (
        "SOC",
        "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม",
        "Community Development and Social Welfare Section",
        2,
    ),
    ("EDU", "ฝ่ายการศึกษา", "Education Section", 2),
    (
        "ENV",
        "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
        "Environment and Sanitation Section",
        3,
    ),
    (
        "CLN",
        "ฝ่ายรักษาความสะอาดและสวนสาธารณะ",
        "Cleansing and Public Parks Section",
        3,
    ),
    ("PWK", "ฝ่ายโยธา", "Public Works Section", 3),
    ("LAW", "ฝ่ายเทศกิจ", "City Law Enforcement Section", 4),
];

/// The six mission groups that replace the sections in the pilot districts.
pub const MISSION_GROUPS: [(&str, &str, &str); 6] = [
    ("G1", "กลุ่มภารกิจด้านอำนวยการ", "Administration Mission Group"),
    (
        "G2",
        "กลุ่มภารกิจด้านรายได้และการคลัง",
        "Revenue and Finance Mission Group",
    ),
    (
        "G3",
        "กลุ่มภารกิจด้านสังคมและคุณภาพชีวิต",
        "Social and Quality of Life Mission Group",
    ),
    (
        "G4",
        "กลุ่มภารกิจด้านโครงสร้างพื้นฐานและสิ่งแวดล้อม",
        "Infrastructure and Environment Mission Group",
    ),
    (
        "G5",
        "กลุ่มภารกิจด้านความปลอดภัยและความเป็นระเบียบ",
        "Safety and Public Order Mission Group",
    ),
    (
        "G6",
        "กลุ่มภารกิจด้านทะเบียนและบริการประชาชน",
        "Registration and Public Service Mission Group",
    ),
];

/// The restructure takes effect at the start of FY 2569.
pub const RESTRUCTURE_DATE: (i32, u32, u32) = (2025, 10, 1);

/// (code, kind, Thai, English, divisions [(Thai, English)])
pub type Agency = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

pub const AGENCIES: &[Agency] = &[
    (
        "OCSC",
        "office",
        "สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร",
        "Office of the Bangkok Metropolitan Civil Service Commission",
        &[
            ("สำนักงานเลขานุการ", "Secretariat"),
            (
                "กองวางแผนกำลังคนและสรรหา",
                "Manpower Planning and Recruitment Division",
            ),
            (
                "กองอัตรากำลังและระบบงาน",
                "Manpower and Work Systems Division",
            ),
            ("กองทะเบียนประวัติข้าราชการ", "Personnel Records Division"),
            (
                "กองวินัยและส่งเสริมสมรรถภาพ",
                "Discipline and Competency Division",
            ),
            ("กองพิทักษ์ระบบคุณธรรม", "Merit System Protection Division"),
        ],
    ),
    (
        "PSO",
        "department",
        "สำนักปลัดกรุงเทพมหานคร",
        "Office of the Permanent Secretary",
        &[
            (
                "สำนักงานเลขานุการปลัดกรุงเทพมหานคร",
                "Office of the Permanent Secretary's Secretary",
            ),
            ("กองการเจ้าหน้าที่", "Personnel Division"),
            ("กองกฎหมายและคดี", "Legal Affairs Division"),
        ],
    ),
    (
        "GOV",
        "office",
        "สำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร",
        "Office of the Governor's Secretary",
        &[
            ("กองกลาง", "General Affairs Division"),
            ("กองประชาสัมพันธ์", "Public Relations Division"),
        ],
    ),
    (
        "COUNCIL",
        "office",
        "สำนักงานเลขานุการสภากรุงเทพมหานคร",
        "Secretariat of the Bangkok Metropolitan Council",
        &[
            ("กองการประชุม", "Meetings Division"),
            ("กองงานคณะกรรมการ", "Committees Division"),
        ],
    ),
    (
        "BUD",
        "department",
        "สำนักงบประมาณกรุงเทพมหานคร",
        "Budget Department",
        &[
            ("กองจัดทำงบประมาณ", "Budget Preparation Division"),
            ("กองติดตามและประเมินผลงบประมาณ", "Budget Monitoring Division"),
        ],
    ),
    (
        "STR",
        "department",
        "สำนักยุทธศาสตร์และประเมินผล",
        "Strategy and Evaluation Department",
        &[
            ("กองยุทธศาสตร์การบริหาร", "Administrative Strategy Division"),
            ("กองประเมินผล", "Evaluation Division"),
        ],
    ),
    (
        "EDU",
        "department",
        "สำนักการศึกษา",
        "Education Department",
        &[
            ("สำนักงานเลขานุการ", "Office of the Secretary"),
            ("กองการเจ้าหน้าที่", "Personnel Division"),
            ("สำนักงานการศึกษา", "Education Office"),
        ],
    ),
    (
        "MED",
        "department",
        "สำนักการแพทย์",
        "Medical Service Department",
        &[
            ("สำนักงานเลขานุการ", "Office of the Secretary"),
            (
                "สำนักงานพัฒนาระบบบริการทางการแพทย์",
                "Medical Services Development Office",
            ),
        ],
    ),
    (
        "HEALTH",
        "department",
        "สำนักอนามัย",
        "Health Department",
        &[
            ("กองการพยาบาลสาธารณสุข", "Public Health Nursing Division"),
            ("กองควบคุมโรคติดต่อ", "Communicable Disease Control Division"),
            ("กองสร้างเสริมสุขภาพ", "Health Promotion Division"),
        ],
    ),
    (
        "PW",
        "department",
        "สำนักการโยธา",
        "Public Works Department",
        &[
            ("กองควบคุมอาคาร", "Building Control Division"),
            ("กองสำรวจและแผนที่", "Survey and Mapping Division"),
            ("กองบำรุงรักษา", "Maintenance Division"),
        ],
    ),
    (
        "DDS",
        "department",
        "สำนักการระบายน้ำ",
        "Drainage and Sewerage Department",
        &[
            ("กองระบบคลอง", "Canal Systems Division"),
            ("กองระบบท่อระบายน้ำ", "Sewer Systems Division"),
            ("กองควบคุมคุณภาพน้ำ", "Water Quality Division"),
        ],
    ),
    (
        "ENV",
        "department",
        "สำนักสิ่งแวดล้อม",
        "Environment Department",
        &[
            ("กองจัดการมูลฝอย", "Solid Waste Management Division"),
            ("กองสวนสาธารณะ", "Public Parks Division"),
            (
                "กองจัดการคุณภาพอากาศและเสียง",
                "Air Quality and Noise Division",
            ),
        ],
    ),
    (
        "CLE",
        "department",
        "สำนักเทศกิจ",
        "City Law Enforcement Department",
        &[
            ("กองนิติการ", "Legal Division"),
            ("กองตรวจและบังคับการ", "Inspection and Enforcement Division"),
        ],
    ),
    (
        "FIN",
        "department",
        "สำนักการคลัง",
        "Finance Department",
        &[
            ("กองการเงิน", "Treasury Division"),
            ("กองบัญชี", "Accounting Division"),
            ("กองรายได้", "Revenue Division"),
        ],
    ),
    (
        "TTD",
        "department",
        "สำนักการจราจรและขนส่ง",
        "Traffic and Transportation Department",
        &[
            ("กองวิศวกรรมจราจร", "Traffic Engineering Division"),
            ("กองการขนส่ง", "Transport Division"),
        ],
    ),
    (
        "CPD",
        "department",
        "สำนักการวางผังและพัฒนาเมือง",
        "City Planning and Urban Development Department",
        &[
            ("กองวางผังเมือง", "City Planning Division"),
            ("กองนโยบายและแผนงาน", "Policy and Planning Division"),
        ],
    ),
    (
        "SDD",
        "department",
        "สำนักพัฒนาสังคม",
        "Social Development Department",
        &[
            ("กองสวัสดิการสังคม", "Social Welfare Division"),
            ("กองส่งเสริมอาชีพ", "Vocational Promotion Division"),
        ],
    ),
    (
        "CST",
        "department",
        "สำนักวัฒนธรรม กีฬาและการท่องเที่ยว",
        "Culture, Sports and Tourism Department",
        &[
            ("กองการกีฬา", "Sports Division"),
            ("กองการท่องเที่ยว", "Tourism Division"),
            ("สำนักงานห้องสมุด", "Library Office"),
        ],
    ),
    (
        "FIRE",
        "department",
        "สำนักป้องกันและบรรเทาสาธารณภัย",
        "Fire and Rescue Department",
        &[
            (
                "กองปฏิบัติการดับเพลิงและกู้ภัย",
                "Fire and Rescue Operations Division",
            ),
            ("กองป้องกันภัย", "Disaster Prevention Division"),
        ],
    ),
    (
        "NMU",
        "university",
        "มหาวิทยาลัยนวมินทราธิราช",
        "Navamindradhiraj University",
        &[
            ("สำนักงานอธิการบดี", "Office of the President"),
            (
                "คณะแพทยศาสตร์วชิรพยาบาล",
                "Faculty of Medicine Vajira Hospital",
            ),
        ],
    ),
];

/// Hospitals of the Medical Service Department.
pub const HOSPITALS: [(&str, &str); 9] = [
    ("โรงพยาบาลกลาง", "Klang Hospital"),
    ("โรงพยาบาลตากสิน", "Taksin Hospital"),
    (
        "โรงพยาบาลเจริญกรุงประชารักษ์",
        "Charoenkrung Pracharak Hospital",
    ),
    (
        "โรงพยาบาลหลวงพ่อทวีศักดิ์ ชุตินฺธโร อุทิศ",
        "Luang Pho Thaweesak Hospital",
    ),
    ("โรงพยาบาลเวชการุณย์รัศมิ์", "Vejakarunrasmi Hospital"),
    ("โรงพยาบาลนคราภิบาล", "Nakhon Aphiban Hospital"),
    ("โรงพยาบาลลาดกระบังกรุงเทพมหานคร", "Lat Krabang Hospital"),
    ("โรงพยาบาลราชพิพัฒน์", "Ratchaphiphat Hospital"),
    ("โรงพยาบาลสิรินธร", "Sirindhorn Hospital"),
];

/// Schools per district (the BMA runs 437 schools in 50 districts).
pub const SCHOOLS_PER_DISTRICT: usize = 9;
