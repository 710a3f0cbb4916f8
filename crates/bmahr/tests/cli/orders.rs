use crate::{text, write, Db};

crate::on_every_backend!(register_as_of_a_date_after_a_correcting_order);

fn order(number: &str, effective: &str, extra: &str, actions: &str) -> String {
    format!(
        r#"{{"number": "{number}", "issuer_unit": "D-BKNI", "signed_on": "{effective}", "signed_by": "นายทดสอบ ลงนาม",
            "authority": "ผู้อำนวยการเขตบางกอกน้อย", "effective_date": "{effective}", "reason": "ทดสอบ" {extra},
            "actions": [{actions}]}}"#
    )
}

/// DOMAIN §3: the register as of a date follows orders; a correction is a new order naming
/// the one it corrects; the history still shows what was recorded before it.
async fn register_as_of_a_date_after_a_correcting_order(db: &Db) {
    for (kind, body) in [
        ("units", "code,parent_code,kind,name_th,name_en,valid_from\nBMA,,bma,กรุงเทพมหานคร,BMA,1960-01-01\nD-BKNI,BMA,district,สำนักงานเขตบางกอกน้อย,Bangkok Noi,1960-01-01\n"),
        ("positions", "position_no,unit_code,category,level,line_of_work,valid_from,approval_ref\n5001,D-BKNI,ordinary,practitioner,นักทรัพยากรบุคคล,2000-01-01,มติ ก.ก. 1/2543\n"),
        ("people", "national_id,title,first_name_th,last_name_th,birth_date\n1101700203450,นาย,สมชาย,ใจดี,05/05/2523\n"),
    ] {
        let f = db.path(&format!("{kind}.csv"));
        write(&f, body);
        db.ok(&["import", "--kind", kind, f.to_str().expect("path")]);
    }
    let nid = "1101700203450";
    let files = [
        (
            "o1.json",
            order(
                "1/2563",
                "2020-01-01",
                "",
                &format!(
                    r#"{{"kind":"appoint","eligibility":{{"thai_national":true,"loyal":true}},"person":"{nid}","position_no":"5001","salary":"15000"}}"#
                ),
            ),
        ),
        (
            "o2.json",
            order(
                "5/2567",
                "01/10/2566",
                "",
                &format!(r#"{{"kind":"salary_change","person":"{nid}","salary":"16,500"}}"#),
            ),
        ),
        (
            "o3.json",
            order(
                "9/2567",
                "01/10/2566",
                r#", "corrects": {"order_number": "5/2567"}"#,
                &format!(r#"{{"kind":"salary_change","person":"{nid}","salary":"16,000"}}"#),
            ),
        ),
    ];
    for (name, body) in &files {
        let f = db.path(name);
        write(&f, body);
        db.ok(&["order", "apply", f.to_str().expect("path")]);
    }
    let before = db.ok(&["person", nid, "--as-of", "30/09/2566"]);
    assert!(before.contains("เงินเดือน 15,000.00 บาท"), "{before}");
    let after = db.ok(&["person", nid, "--as-of", "01/10/2566"]);
    assert!(after.contains("เงินเดือน 16,000.00 บาท"), "{after}");
    assert!(
        !after.contains("16,500.00"),
        "the corrected action is gone from the record: {after}"
    );
    let shown = db.ok(&["order", "show", "--issuer", "D-BKNI", "5/2567"]);
    assert!(shown.contains("voided"), "{shown}");
    // A bad order: every problem listed, nothing written.
    let bad = db.path("bad.json");
    write(
        &bad,
        &order(
            "10/2567",
            "2024-01-01",
            "",
            &format!(
                r#"{{"kind":"appoint","eligibility":{{"thai_national":true,"loyal":true}},"person":"{nid}","position_no":"9999","salary":"1"}}"#
            ),
        ),
    );
    let o = db.run(&["order", "apply", bad.to_str().expect("path")]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(
        err.contains("already in service") && err.contains("position 9999"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    let audit = db.ok(&["audit", "--person", nid]);
    assert_eq!(audit.matches("order.apply").count(), 3, "{audit}");
    let summary = db.ok(&["report", "summary", "--as-of", "2024-01-01"]);
    assert!(summary.contains("คำสั่ง / orders: 3"), "{summary}");
    // Issue 20: reading personal data from the console is audited as a page read is.
    let views = db.ok(&["audit", "--person", nid]);
    assert_eq!(views.matches("person.view").count(), 2, "{views}");
    db.ok(&["register", "--unit", "D-BKNI", "--reveal"]);
    let out = db.path("people.csv");
    db.ok(&[
        "export",
        "--kind",
        "people",
        "--out",
        out.to_str().expect("path"),
    ]);
    let log = db.ok(&["audit", "--actor", "test"]);
    assert!(log.contains("register.read"), "{log}");
    assert!(log.contains("national IDs revealed"), "{log}");
    assert!(log.contains("export.people"), "{log}");
}

mod rules {
    use crate::{text, Db};

    crate::on_every_backend!(rules_on_edge_cases);

    async fn rules_on_edge_cases(db: &Db) {
        let r = db.ok(&["rule", "retirement", "01/10/2509"]);
        assert!(r.contains("retires 2026-09-30"), "{r}");
        let r = db.ok(&["rule", "retirement", "1966-10-02"]);
        assert!(r.contains("retires 2027-09-30"), "{r}");
        let r = db.ok(&["rule", "retirement", "29/02/2507"]);
        assert!(r.contains("retires 2024-09-30"), "{r}");
        assert!(db
            .ok(&["rule", "national-id", "1-1017-00203-45-0"])
            .contains("valid"));
        let bad = db.run(&["rule", "national-id", "1101700203451"]);
        assert!(!bad.status.success() && text(&bad.stderr).contains("national_id.check_digit"));
        assert!(db
            .ok(&["rule", "fiscal-year", "2023-10-01"])
            .contains("FY 2567"));
        // With Songkran 2024 in the calendar, 30 days from 14 March 2024 end on 17 April.
        db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
        let d = db.ok(&["rule", "deadline", "--from", "14/03/2567", "--days", "30"]);
        assert!(
            d.contains("last day 2024-04-17") && d.contains("2024-04-13 is a day off"),
            "{d}"
        );
    }
}
