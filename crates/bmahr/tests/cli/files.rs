use crate::{text, write, Db};

crate::on_every_backend!(
    import_with_bad_rows_writes_nothing_and_names_every_one,
    export_import_round_trip,
    import_refuses_a_second_current_unit_or_position,
    dry_run_reports_what_the_import_would,
    import_refuses_hostile_text_naming_row_and_column,
    import_refuses_extra_roots_orphans_and_codes_differing_by_case,
    import_refuses_names_made_of_invisible_characters,
);

const UNITS: &str = "\
รหัสหน่วยงาน,รหัสหน่วยงานต้นสังกัด,ประเภทหน่วยงาน,ชื่อหน่วยงาน,ชื่อหน่วยงาน (ภาษาอังกฤษ),วันที่เริ่มใช้,วันที่สิ้นสุด
D-BKNI-ADM,D-BKNI,ฝ่าย,ฝ่ายปกครอง,Administration Section,01/01/2503,
BMA,,กรุงเทพมหานคร,กรุงเทพมหานคร,Bangkok Metropolitan Administration,01/01/2503,
D-BKNI,BMA,สำนักงานเขต,สำนักงานเขตบางกอกน้อย,Bangkok Noi District Office,1960-01-01,
";

const POSITIONS: &str = "\
position_no,unit_code,category,level,line_of_work,admin_title,valid_from,valid_to,approval_ref
5001,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2548,,มติ ก.ก. 10/2548
5002,D-BKNI-ADM,ข้าราชการกรุงเทพมหานครสามัญ,ชำนาญการ,นักจัดการงานทั่วไป,,2005-10-01,,มติ ก.ก. 10/2548
";

fn people(bad: bool) -> String {
    let mut s = String::from(
        "เลขประจำตัวประชาชน,คำนำหน้าชื่อ,ชื่อ,นามสกุล,ชื่อ (ภาษาอังกฤษ),นามสกุล (ภาษาอังกฤษ),วันเดือนปีเกิด,เพศ,สัญชาติ,วุฒิการศึกษา,โทรศัพท์,อีเมล\n",
    );
    s.push_str("1101700203450,นาย,สมชาย,ใจดี,Somchai,Jaidee,05/05/2523,ชาย,ไทย,ปริญญาตรี,081-234-5678,somchai@bangkok.go.th\n");
    if bad {
        // Row 3: wrong check digit and a birth date that does not exist.
        s.push_str("3100600123451,นาง,สมศรี,มีสุข,Somsri,Meesuk,30/02/2520,หญิง,ไทย,,,\n");
        // Row 4: duplicate of row 2; row 5: an English first name in the Thai column.
        s.push_str("1101700203450,นาย,สมชาย,ใจดี,,,05/05/2523,ชาย,,,,\n");
        s.push_str("1103700012346,Mr.,Weera,ใจงาม,Weera,Jaingam,1990-01-01,male,TH,,,\n");
    } else {
        s.push_str("3100600123450,นาง,สมศรี,มีสุข,Somsri,Meesuk,28/02/2520,หญิง,ไทย,,,\n");
        s.push_str("1103700012346,Mr.,วีระ,ใจงาม,Weera,Jaingam,1990-01-01,male,TH,,,\n");
    }
    s
}

/// Standards: an import with a bad row imports nothing and reports every bad row.
async fn import_with_bad_rows_writes_nothing_and_names_every_one(db: &Db) {
    let f = db.path("people.csv");
    write(&f, &people(true));
    let o = db.run(&["import", "--kind", "people", f.to_str().expect("path")]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    for want in [
        "แถว/row 3 คอลัมน์/column national_id [national_id.check_digit]",
        "แถว/row 3 คอลัมน์/column birth_date [date.format]",
        "แถว/row 4 คอลัมน์/column national_id [file.duplicate]",
        "แถว/row 5 คอลัมน์/column first_name_th [name.thai]",
        "nothing was written",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // Row 2 was fine, but nothing at all was written.
    let f2 = db.path("after.csv");
    db.ok(&[
        "export",
        "--kind",
        "people",
        "--out",
        f2.to_str().expect("path"),
    ]);
    assert_eq!(
        std::fs::read_to_string(&f2).expect("read").lines().count(),
        1,
        "only the header"
    );
    // A missing column is named.
    let f3 = db.path("bad_header.csv");
    write(&f3, "national_id,title\n1101700203450,นาย\n");
    let o = db.run(&["import", "--kind", "people", f3.to_str().expect("path")]);
    assert!(
        text(&o.stderr).contains("missing column \"first_name_th\""),
        "{}",
        text(&o.stderr)
    );
    // Positions into a unit that does not exist: refused, named.
    let f4 = db.path("positions.csv");
    write(&f4, POSITIONS);
    let o = db.run(&["import", "--kind", "positions", f4.to_str().expect("path")]);
    assert!(
        text(&o.stderr).contains("[position.unit_missing]"),
        "{}",
        text(&o.stderr)
    );
}

/// Export writes the import layout back: import → export → import elsewhere → export gives
/// the same file, in CSV and in XLSX.
async fn export_import_round_trip(db: &Db) {
    let files = [
        ("units", UNITS.to_string()),
        ("positions", POSITIONS.to_string()),
        ("people", people(false)),
    ];
    for (kind, body) in &files {
        let f = db.path(&format!("{kind}.csv"));
        write(&f, body);
        let out = db.ok(&["import", "--kind", kind, f.to_str().expect("path")]);
        assert!(out.contains("imported"), "{out}");
    }
    let other = Db::new(db.backend).await;
    for ext in ["csv", "xlsx"] {
        let target = Db::new(db.backend).await;
        for (kind, _) in &files {
            let a = db.path(&format!("a_{kind}.{ext}"));
            db.ok(&["export", "--kind", kind, "--out", a.to_str().expect("path")]);
            target.ok(&["import", "--kind", kind, a.to_str().expect("path")]);
            let b = db.path(&format!("b_{kind}.{ext}"));
            target.ok(&["export", "--kind", kind, "--out", b.to_str().expect("path")]);
            if ext == "csv" {
                let (a, b) = (
                    std::fs::read_to_string(&a).expect("a"),
                    std::fs::read_to_string(&b).expect("b"),
                );
                assert_eq!(a, b, "{kind} round trip");
                if *kind == "people" {
                    assert!(a.contains("สมศรี") && a.contains("28/02/2520"), "{a}");
                }
            } else {
                // XLSX files carry timestamps; compare what they hold by exporting to CSV.
                let (ca, cb) = (
                    db.path(&format!("ca_{kind}.csv")),
                    target.path(&format!("cb_{kind}.csv")),
                );
                db.ok(&[
                    "export",
                    "--kind",
                    kind,
                    "--out",
                    ca.to_str().expect("path"),
                ]);
                target.ok(&[
                    "export",
                    "--kind",
                    kind,
                    "--out",
                    cb.to_str().expect("path"),
                ]);
                assert_eq!(
                    std::fs::read_to_string(ca).expect("a"),
                    std::fs::read_to_string(cb).expect("b")
                );
            }
        }
        target.finish().await;
    }
    // Importing the same people again is refused: they are already registered.
    let again = db.run(&[
        "import",
        "--kind",
        "people",
        db.path("people.csv").to_str().expect("path"),
    ]);
    assert!(
        text(&again.stderr).contains("[register.exists]"),
        "{}",
        text(&again.stderr)
    );
    other.finish().await;
}

const UNITS_HEADER: &str = "code,parent_code,kind,name_th,name_en,valid_from,valid_to\n";
const POSITIONS_HEADER: &str =
    "position_no,unit_code,category,level,line_of_work,admin_title,valid_from,valid_to,approval_ref\n";

/// `bmahr import --kind KIND FILE [--dry-run]` of `body` written to `name`.
fn import(db: &Db, kind: &str, name: &str, body: &[u8], dry_run: bool) -> std::process::Output {
    let f = db.path(name);
    std::fs::write(&f, body).expect("write file");
    let mut args = vec!["import", "--kind", kind, f.to_str().expect("path")];
    if dry_run {
        args.push("--dry-run");
    }
    db.run(&args)
}

/// Data rows an export of `kind` holds.
fn exported_rows(db: &Db, kind: &str) -> usize {
    let f = db.path(&format!("count_{kind}.csv"));
    let _ = std::fs::remove_file(&f);
    db.ok(&["export", "--kind", kind, "--out", f.to_str().expect("path")]);
    std::fs::read_to_string(&f).expect("read").lines().count() - 1
}

fn refused(o: &std::process::Output, wants: &[&str]) -> String {
    let err = text(&o.stderr);
    assert!(!o.status.success(), "accepted:\n{}", text(&o.stdout));
    for want in wants {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("nothing was written"), "{err}");
    err
}

/// Issue 21: a code names one unit at a time and a number one position: a second current
/// `BMA` (under D-BKNI) or a second current position 5001 is refused, in the file or against
/// the register; periods that follow each other are fine.
async fn import_refuses_a_second_current_unit_or_position(db: &Db) {
    for (kind, body) in [("units", UNITS), ("positions", POSITIONS)] {
        let o = import(db, kind, &format!("{kind}.csv"), body.as_bytes(), false);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let units = format!(
        "{UNITS_HEADER}\
         BMA,D-BKNI,bma,กรุงเทพมหานคร,BMA again,01/01/2560,\n\
         D-NEW,BMA,district,สำนักงานเขตใหม่,New District,01/01/2560,\n\
         D-TWICE,BMA,district,เขตหนึ่ง,One,01/01/2560,\n\
         D-TWICE,BMA,district,เขตสอง,Two,01/06/2560,31/12/2560\n"
    );
    for dry_run in [true, false] {
        let o = import(db, "units", "second_bma.csv", units.as_bytes(), dry_run);
        refused(
            &o,
            &[
                "แถว/row 2 คอลัมน์/column code [unit.code_taken]",
                "unit code \"BMA\" already names a unit (01/01/2503 onwards)",
                "แถว/row 5 คอลัมน์/column code [file.duplicate]",
                "2 problems",
            ],
        );
    }
    assert_eq!(exported_rows(db, "units"), 3, "nothing written");
    let positions = format!(
        "{POSITIONS_HEADER}\
         5001,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2560,,มติ ก.ก. 1/2560\n\
         5003,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2560,,มติ ก.ก. 1/2560\n\
         5003,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2561,,มติ ก.ก. 1/2561\n"
    );
    for dry_run in [true, false] {
        let o = import(
            db,
            "positions",
            "second_5001.csv",
            positions.as_bytes(),
            dry_run,
        );
        refused(
            &o,
            &[
                "แถว/row 2 คอลัมน์/column position_no [position.number_taken]",
                "position number \"5001\" is already held",
                "แถว/row 4 คอลัมน์/column position_no [file.duplicate]",
                "2 problems",
            ],
        );
    }
    assert_eq!(exported_rows(db, "positions"), 2, "nothing written");
    // A code used again after its unit closed, and a number after its position closed.
    let units = format!(
        "{UNITS_HEADER}\
         D-OLD,BMA,district,เขตเดิม,Old,01/01/2550,31/12/2559\n\
         D-OLD,BMA,district,เขตใหม่,New,01/01/2560,\n"
    );
    let o = import(db, "units", "in_turn.csv", units.as_bytes(), false);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let positions = format!(
        "{POSITIONS_HEADER}\
         6001,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2548,30/09/2559,มติ ก.ก. 10/2548\n\
         6001,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2559,,มติ ก.ก. 9/2559\n"
    );
    let o = import(
        db,
        "positions",
        "in_turn_p.csv",
        positions.as_bytes(),
        false,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    // ...but not once more while the second is current.
    let o = import(
        db,
        "units",
        "again.csv",
        format!("{UNITS_HEADER}D-OLD,BMA,district,เขตที่สาม,Third,01/01/2570,\n").as_bytes(),
        false,
    );
    refused(&o, &["[unit.code_taken]", "01/01/2560 onwards"]);
}

/// Issue 21: `--dry-run` reports exactly what the import would (the same checks, and the
/// same writes rolled back): a units file whose parents form a cycle is refused by both,
/// with the same words, and a good file passes both.
async fn dry_run_reports_what_the_import_would(db: &Db) {
    let o = import(db, "units", "units.csv", UNITS.as_bytes(), true);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("all 3 rows valid (dry run)"));
    assert_eq!(exported_rows(db, "units"), 0, "a dry run writes nothing");
    let o = import(db, "units", "units.csv", UNITS.as_bytes(), false);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let cycle = format!(
        "{UNITS_HEADER}\
         CYC-A,CYC-B,section,ฝ่ายเอ,A,01/01/2560,\n\
         CYC-B,CYC-A,section,ฝ่ายบี,B,01/01/2560,\n\
         CYC-SELF,CYC-SELF,section,ฝ่ายซี,C,01/01/2560,\n\
         CYC-OK,D-BKNI,section,ฝ่ายดี,D,01/01/2560,\n"
    );
    let dry = import(db, "units", "cycle.csv", cycle.as_bytes(), true);
    let dry = refused(
        &dry,
        &[
            "แถว/row 2 คอลัมน์/column parent_code [unit.parent_cycle]",
            "แถว/row 3 คอลัมน์/column parent_code [unit.parent_cycle]",
            "CYC-A → CYC-B → CYC-A",
            "แถว/row 4 คอลัมน์/column parent_code [unit.parent_cycle]",
            "CYC-SELF → CYC-SELF",
            "3 problems",
        ],
    );
    let real = import(db, "units", "cycle.csv", cycle.as_bytes(), false);
    assert_eq!(
        text(&real.stderr),
        dry,
        "the import says what the dry run said"
    );
    assert!(!real.status.success());
    assert_eq!(exported_rows(db, "units"), 3);
}

/// Issue 21: a header that names a column twice, a NUL or other control character in any
/// cell, bytes that are not UTF-8 and a 600 kB unit name are refused, each with its row and
/// column, in Thai and English; every bad row is reported and nothing is written.
async fn import_refuses_hostile_text_naming_row_and_column(db: &Db) {
    let o = import(db, "units", "units.csv", UNITS.as_bytes(), false);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // The same column twice, by its code or by its Thai header.
    for header in [
        "position_no,unit_code,category,level,line_of_work,valid_from,approval_ref,position_no\n",
        "position_no,unit_code,category,level,line_of_work,valid_from,approval_ref,เลขที่ตำแหน่ง\n",
    ] {
        let body = format!(
            "{header}5001,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,01/10/2548,มติ,5002\n"
        );
        let o = import(db, "positions", "dup_header.csv", body.as_bytes(), false);
        refused(
            &o,
            &[
                "แถว/row 1 คอลัมน์/column position_no [file.header_duplicate]",
                "column \"position_no\" appears twice (columns 1 and 8)",
                "ซ้ำกัน",
            ],
        );
    }
    let mut body = POSITIONS_HEADER.as_bytes().to_vec();
    body.extend_from_slice(
        "50\u{0}01,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2548,,มติ ก.ก. 10/2548\n\
         5002,D-BKNI-ADM,ordinary,practitioner,นัก\u{1b}[31mทรัพยากร,,01/10/2548,,มติ ก.ก. 10/2548\n\
         5003,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2548,,มติ\u{202e} ก.ก. 10/2548\n\
         5004,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2548,,มติ ก.ก. 10/2548\n"
            .as_bytes(),
    );
    body.extend_from_slice(b"5005,D-BKNI-ADM,ordinary,practitioner,\xff\xfe,,01/10/2548,,x\n");
    let o = import(db, "positions", "control.csv", &body, false);
    let err = refused(
        &o,
        &[
            "แถว/row 2 คอลัมน์/column position_no [text.control]",
            "column \"position_no\" holds the control character U+0000 at character 3",
            "อักขระควบคุม",
            "แถว/row 3 คอลัมน์/column line_of_work [text.control]",
            "U+001B",
            "แถว/row 4 คอลัมน์/column approval_ref [text.control]",
            "U+202E",
            "แถว/row 6 คอลัมน์/column line_of_work [text.encoding]",
            "4 problems",
        ],
    );
    assert!(!err.contains("row 5"), "row 5 is fine: {err}");
    assert!(!err.contains('\u{0}'), "the NUL is not echoed");
    assert_eq!(exported_rows(db, "positions"), 0);
    // A 600 kB unit name (200,000 Thai characters) and a long code.
    let long = "ก".repeat(200_000);
    let body = format!(
        "{UNITS_HEADER}D-LONG,BMA,district,{long},Long,01/01/2560,\n\
         {},BMA,district,เขต,Code,01/01/2560,\n\
         D-FINE,BMA,district,เขตดี,Fine,01/01/2560,\n",
        "X".repeat(40)
    );
    let o = import(db, "units", "long.csv", body.as_bytes(), true);
    let err = refused(
        &o,
        &[
            "แถว/row 2 คอลัมน์/column name_th [text.too_long]",
            "column \"name_th\" is 200000 characters long, more than the 255 allowed",
            "แถว/row 3 คอลัมน์/column code [text.too_long]",
            "2 problems",
        ],
    );
    assert!(
        err.len() < 5_000,
        "the name is not echoed ({} bytes)",
        err.len()
    );
    // People: free text with a control character, among good rows.
    let people = people(false).replace("ปริญญาตรี", "ปริญญาตรี\u{7}");
    let o = import(db, "people", "bell.csv", people.as_bytes(), false);
    refused(
        &o,
        &[
            "แถว/row 2 คอลัมน์/column education [text.control]",
            "1 problems",
        ],
    );
    assert_eq!(exported_rows(db, "people"), 0);
}

/// Issue 21: one tree of units under one root. Against a register holding `BMA`, a `bma`
/// (codes are compared without regard to case), a second current unit of kind bma
/// (`BMA2`), a parentless office (`ORPH`) and two codes of the file that differ only by case
/// are refused, each with its row and column, in Thai and English; the dry run says the
/// same and nothing is written.
async fn import_refuses_extra_roots_orphans_and_codes_differing_by_case(db: &Db) {
    let o = import(db, "units", "units.csv", UNITS.as_bytes(), false);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let units = format!(
        "{UNITS_HEADER}\
         bma,,bma,กรุงเทพมหานคร,Bangkok Metropolitan Administration,01/01/2560,\n\
         BMA2,,กรุงเทพมหานคร,กรุงเทพมหานคร,Bangkok Metropolitan Administration,01/01/2560,\n\
         ORPH,,สำนัก,สำนักกำพร้า,Orphan Department,01/01/2560,\n\
         D-Bkni,BMA,district,เขตบางกอกน้อยซ้ำ,Bangkok Noi again,01/01/2560,\n\
         D-NEW,BMA,district,สำนักงานเขตใหม่,New District,01/01/2560,\n\
         d-new,BMA,district,สำนักงานเขตใหม่อีก,New District again,01/06/2560,\n\
         D-FINE,BMA,district,สำนักงานเขตดี,Fine District,01/01/2560,\n"
    );
    let wants = [
        "แถว/row 2 คอลัมน์/column code [unit.code_taken]",
        "unit code \"bma\" differs only by case from \"BMA\", which already names a unit (01/01/2503 onwards)",
        "ต่างจากรหัส \"BMA\"",
        "แถว/row 3 คอลัมน์/column kind [unit.root_taken]",
        "there is already a unit of kind bma (the root), \"BMA\" (01/01/2503 onwards)",
        "หน่วยงานสูงสุดมีได้หน่วยงานเดียว",
        "แถว/row 4 คอลัมน์/column parent_code [unit.parent_required]",
        "a unit of kind department needs a parent_code",
        "ต้องมีหน่วยงานต้นสังกัด",
        "แถว/row 5 คอลัมน์/column code [unit.code_taken]",
        "differs only by case from \"D-BKNI\"",
        "แถว/row 7 คอลัมน์/column code [unit.code_taken]",
        "differs only by case from \"D-NEW\", which already names a unit (01/01/2560 onwards, row 6)",
        "5 problems",
    ];
    let dry = import(db, "units", "roots.csv", units.as_bytes(), true);
    let dry = refused(&dry, &wants);
    assert!(
        !dry.contains("row 6 ") && !dry.contains("row 8 "),
        "rows 6 and 8 are fine: {dry}"
    );
    let real = import(db, "units", "roots.csv", units.as_bytes(), false);
    assert!(!real.status.success());
    assert_eq!(
        text(&real.stderr),
        dry,
        "the import says what the dry run said"
    );
    assert_eq!(exported_rows(db, "units"), 3, "nothing written");
    // A root after the old one closes, and a code reused in another case once the unit
    // with it closed, are fine; so is a root alone in a fresh register.
    let fresh = Db::new(db.backend).await;
    let o = import(
        &fresh,
        "units",
        "in_turn.csv",
        format!(
            "{UNITS_HEADER}\
             OLD-BMA,,bma,กรุงเทพมหานคร,Old,01/01/2500,31/12/2559\n\
             BMA,,bma,กรุงเทพมหานคร,New,01/01/2560,\n\
             D-A,OLD-BMA,district,เขตเอ,A,01/01/2500,31/12/2559\n\
             d-a,BMA,district,เขตเอใหม่,A again,01/01/2560,\n"
        )
        .as_bytes(),
        false,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(exported_rows(&fresh, "units"), 4);
    fresh.finish().await;
}

/// Issue 21: a required name that shows nothing (NBSP + U+2060 word joiner, a lone
/// zero-width space, an ideographic space) is as empty as an empty one and refused with
/// its row and column; a Thai name keeps the zero-width spaces inside it and loses the
/// invisible characters at its ends.
async fn import_refuses_names_made_of_invisible_characters(db: &Db) {
    let o = import(db, "units", "units.csv", UNITS.as_bytes(), false);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let units = format!(
        "{UNITS_HEADER}\
         D-NB,BMA,district,\u{a0}\u{2060},Blank,01/01/2560,\n\
         D-ZW,BMA,district,\u{200b},Zero width,01/01/2560,\n\
         D-IS,BMA,district,\u{3000}\u{feff},Ideographic,01/01/2560,\n\
         D-OK,BMA,district,\u{feff}สำนักงาน\u{200b}เขตดี\u{200b}\u{a0},\u{200e}Fine\u{200b},01/01/2560,\n"
    );
    let wants = [
        "แถว/row 2 คอลัมน์/column name_th [field.required]",
        "the cell holds only spaces or invisible characters",
        "มีแต่ช่องว่างหรืออักขระที่มองไม่เห็น",
        "แถว/row 3 คอลัมน์/column name_th [field.required]",
        "แถว/row 4 คอลัมน์/column name_th [field.required]",
        "3 problems",
    ];
    let dry = import(db, "units", "blank.csv", units.as_bytes(), true);
    let dry = refused(&dry, &wants);
    assert!(!dry.contains("row 5 "), "row 5 is fine: {dry}");
    let real = import(db, "units", "blank.csv", units.as_bytes(), false);
    assert_eq!(
        text(&real.stderr),
        dry,
        "the import says what the dry run said"
    );
    assert_eq!(exported_rows(db, "units"), 3, "nothing written");
    // The good row alone: imported, the inner zero-width space kept, the ends taken off.
    let last = units.lines().last().expect("row");
    let o = import(
        db,
        "units",
        "fine.csv",
        format!("{UNITS_HEADER}{last}\n").as_bytes(),
        false,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let f = db.path("fine_out.csv");
    db.ok(&[
        "export",
        "--kind",
        "units",
        "--out",
        f.to_str().expect("path"),
    ]);
    let out = std::fs::read_to_string(&f).expect("read");
    assert!(out.contains(",สำนักงาน\u{200b}เขตดี,Fine,"), "{out:?}");
    // Positions' required text and people's names: the same.
    let positions = format!(
        "{POSITIONS_HEADER}\
         7001,D-BKNI-ADM,ordinary,practitioner,\u{a0}\u{2060},,01/10/2560,,มติ ก.ก. 1/2560\n\
         7002,D-BKNI-ADM,ordinary,practitioner,นักทรัพยากรบุคคล,,01/10/2560,,\u{200b}\n"
    );
    let o = import(db, "positions", "blank_p.csv", positions.as_bytes(), false);
    refused(
        &o,
        &[
            "แถว/row 2 คอลัมน์/column line_of_work [field.required]",
            "แถว/row 3 คอลัมน์/column approval_ref [field.required]",
            "2 problems",
        ],
    );
    let people = people(false).replace("สมศรี", "\u{a0}\u{2060}");
    let o = import(db, "people", "blank_n.csv", people.as_bytes(), false);
    refused(
        &o,
        &["แถว/row 3 คอลัมน์/column first_name_th [", "1 problems"],
    );
    assert_eq!(exported_rows(db, "people"), 0);
}
