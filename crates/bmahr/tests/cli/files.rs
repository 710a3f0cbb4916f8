use crate::{text, write, Db};

crate::on_every_backend!(
    import_with_bad_rows_writes_nothing_and_names_every_one,
    export_import_round_trip
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
