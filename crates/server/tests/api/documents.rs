//! Issue 22: printed documents through their doors — the order in the official layout with
//! its annex, the ทะเบียนประวัติ (the person's own, audited), the annual report of seed 002
//! with figures that are the register's.

use crate::fixture::{App, NID};
use crate::orders::{order, post_as};

crate::on_every_backend!(
    an_order_prints_in_the_official_layout_with_its_annex,
    a_record_downloads_for_its_person_and_is_audited,
    the_annual_report_counts_what_the_register_holds,
);

/// The text of a PDF as a reader copying it would get it (poppler's pdftotext).
pub fn pdf_text(bytes: &[u8]) -> String {
    assert!(
        bytes.starts_with(b"%PDF"),
        "not a PDF: {:?}",
        &bytes[..bytes.len().min(40)]
    );
    let dir = std::env::temp_dir().join(format!(
        "bmahr_pdf_{}_{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by .ci/run)");
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stdout).unwrap()
}

/// Without spaces: pdftotext places Thai words with spaces of its own.
fn flat(s: &str) -> String {
    s.split_whitespace().collect()
}

async fn an_order_prints_in_the_official_layout_with_its_annex(app: &App) {
    let o = app.store.order_by_number("D01", "1/2553").await.unwrap();
    let r = app
        .get_as("hr01", &format!("/api/v1/orders/{}/pdf", o.id))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment") && d.contains(".pdf")));
    let text = flat(&pdf_text(&r.bytes));
    for want in [
        "คำสั่งหน่วยD01",
        "ที่๑/๒๕๕๓",
        "สั่งณวันที่๑มิถุนายนพ.ศ.๒๕๕๓",
        "ทั้งนี้ตั้งแต่วันที่๑มิถุนายนพ.ศ.๒๕๕๓",
        "มาตรา๕๒",
        "บัญชีรายละเอียดแนบท้าย",
        "นายสมชายใจดี",
        "นายสมศรีมีสุข",
        "๑๕,๐๐๐",
        "ผู้อำนวยการเขต",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    // An order names people and their salaries: printing it is recorded (PDPA).
    let log = app
        .get_as("admin", "/api/v1/audit?action=order.read")
        .await
        .json();
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor"] == "hr01" && e["detail"].as_str().unwrap().contains("1/2553")),
        "{log}"
    );
    // Another district's officer and an employee may not read it: the same refusal as JSON.
    for who in ["hr02", "emp0"] {
        let r = app
            .get_as(who, &format!("/api/v1/orders/{}/pdf", o.id))
            .await;
        let json = app.get_as(who, &format!("/api/v1/orders/{}", o.id)).await;
        assert_eq!(r.status, json.status, "{who}");
        assert_eq!(r.status, 403, "{who}: {}", r.body);
        assert!(r.json()["message_th"].as_str().is_some());
    }

    // A salary change, then its correction: the annex shows old → new; the correction names
    // the order it corrects.
    let body = order(
        "60/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16,250.50"}]),
    );
    let r = post_as(app, "auth01", "/api/v1/orders", body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let raise = app.store.order_by_number("D01", "60/2568").await.unwrap();
    let text = flat(&pdf_text(
        &app.get_as("hr01", &format!("/api/v1/orders/{}/pdf", raise.id))
            .await
            .bytes,
    ));
    assert!(
        text.contains("๑๕,๐๐๐") && text.contains("๑๖,๒๕๐.๕๐"),
        "old and new salary: {text}"
    );
    let mut fix: serde_json::Value = serde_json::from_str(&order(
        "61/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16,000"}]),
    ))
    .unwrap();
    fix["corrects"] = serde_json::json!({"order_number": "60/2568"});
    let r = post_as(app, "auth01", "/api/v1/orders", fix.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let fixed = app.store.order_by_number("D01", "61/2568").await.unwrap();
    let text = flat(&pdf_text(
        &app.get_as("hr01", &format!("/api/v1/orders/{}/pdf", fixed.id))
            .await
            .bytes,
    ));
    assert!(text.contains("แก้ไขคำสั่งที่๖๐/๒๕๖๘"), "{text}");
    // The page's button and the page door answer the same file.
    let page = app.get_as("hr01", &format!("/orders/{}", raise.id)).await;
    assert!(
        page.body.contains(&format!("/orders/{}/pdf", raise.id)),
        "{}",
        page.body
    );
    let r = app
        .get_as("hr01", &format!("/orders/{}/pdf", raise.id))
        .await;
    assert_eq!(r.header("content-type"), Some("application/pdf"));
}

async fn a_record_downloads_for_its_person_and_is_audited(app: &App) {
    let r = app.get_as("emp0", "/api/v1/me/record.pdf").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let text = flat(&pdf_text(&r.bytes));
    for want in [
        "ทะเบียนประวัติ",
        "นายสมชายใจดี",
        "SomchaiTest",
        "๕พฤษภาคมพ.ศ.๒๕๒๓",
        "บรรจุและ",
        "๑/๒๕๕๓",
        "๑๐๑",
        "๑๕,๐๐๐",
        "หน่วยD01-ADM",
        "เวลาราชการ",
        "การได้รับโทษทางวินัย",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    // The employee sees their own national ID in full; nobody else's record.
    assert!(text.contains(NID[0]), "{text}");
    let other = app
        .get_as(
            "emp0",
            &format!("/api/v1/people/{}/record.pdf", app.person[1]),
        )
        .await;
    assert_eq!(other.status, 403, "{}", other.body);
    // An account of no person has no record of its own.
    let none = app.get_as("admin", "/api/v1/me/record.pdf").await;
    assert_eq!(none.status, 404);
    assert_eq!(none.json()["code"], "account.no_person");
    // HR of the district prints it.
    let hr = app
        .get_as(
            "hr01",
            &format!("/api/v1/people/{}/record.pdf", app.person[0]),
        )
        .await;
    assert_eq!(hr.status, 200);
    // Every download is an opening of the record, which the person sees on /me.
    let views = app
        .get_as("emp0", &format!("/api/v1/people/{}/views", app.person[0]))
        .await
        .json();
    let items = views["items"].as_array().unwrap();
    let downloads: Vec<&str> = items
        .iter()
        .filter(|i| i["detail"] == "record.pdf")
        .map(|i| i["actor"].as_str().unwrap())
        .collect();
    assert!(
        downloads.contains(&"emp0") && downloads.contains(&"hr01"),
        "{views}"
    );
}

async fn the_annual_report_counts_what_the_register_holds(app: &App) {
    // A resignation in D01 in FY 2569 (effective 15 January 2026).
    let mut body: serde_json::Value = serde_json::from_str(&order(
        "70/2569",
        "D01",
        serde_json::json!([{"kind": "separate", "person": NID[1], "separation": "resignation"}]),
    ))
    .unwrap();
    body["signed_on"] = "2026-01-10".into();
    body["effective_date"] = "2026-01-15".into();
    let r = post_as(app, "auth01", "/api/v1/orders", body.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);

    let r = app
        .get_as("hr01", "/api/v1/reports/annual?unit=D01&fy=2569")
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rep = r.json();
    assert_eq!(rep["unit"], "D01");
    let tables: Vec<&serde_json::Value> = rep["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tables"].as_array().unwrap())
        .collect();
    let find = |start: &str| {
        tables
            .iter()
            .find(|t| t["title"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no table {start} in {rep}"))
    };
    let row = |t: &serde_json::Value, label: &str| -> Vec<serde_json::Value> {
        t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row {label} in {t}"))
            .as_array()
            .unwrap()
            .clone()
    };
    // Frame 2 positions in D01, one filled after the resignation.
    let frame = find("ตารางแสดงอัตรากำลัง");
    let civil = row(frame, "ข้าราชการสามัญ");
    assert_eq!(
        (civil[1].as_f64(), civil[2].as_f64(), civil[3].as_f64()),
        (Some(2.0), Some(1.0), Some(1.0)),
        "{frame}"
    );
    // One separation, by resignation (the third cause column).
    let lost = find("สถิติการสูญเสียอัตรากำลัง");
    assert_eq!(lost["columns"][3], "ลาออก");
    let civil = row(lost, "ข้าราชการสามัญ");
    assert_eq!(civil[3].as_f64(), Some(1.0), "{lost}");
    assert_eq!(row(lost, "รวม").last().unwrap().as_f64(), Some(1.0));
    // The appointments were in FY 2553: none this year; in FY 2553, two.
    let r = app
        .get_as("hr01", "/api/v1/reports/annual?unit=D01&fy=2553")
        .await
        .json();
    let entries = r["sections"][0]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str().unwrap().starts_with("สถิติการบรรจุ"))
        .unwrap()
        .clone();
    let civil = row(&entries, "ข้าราชการสามัญ");
    assert_eq!(civil[1].as_f64(), Some(2.0), "{entries}");
    // The PDF and the workbook; another district's officer is refused.
    let pdf = app
        .get_as("hr01", "/api/v1/reports/annual?unit=D01&fy=2569&format=pdf")
        .await;
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    let text = flat(&pdf_text(&pdf.bytes));
    assert!(
        text.contains("รายงานการบริหารและพัฒนาทรัพยากรบุคคล") && text.contains("หน่วยD01"),
        "{text}"
    );
    assert!(text.contains("ส่วนที่๑") && text.contains("ส่วนที่๒"), "{text}");
    let xlsx = app
        .get_as(
            "hr01",
            "/api/v1/reports/annual?unit=D01&fy=2569&format=xlsx",
        )
        .await;
    assert!(xlsx
        .header("content-type")
        .unwrap()
        .contains("spreadsheetml"));
    assert!(xlsx.bytes.starts_with(b"PK"));
    assert_eq!(
        app.get_as("hr02", "/api/v1/reports/annual?unit=D01&fy=2569")
            .await
            .status,
        403
    );
    let page = app.get_as("hr01", "/reports/annual?unit=D01&fy=2569").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<svg") && page.body.contains("download-pdf"),
        "{}",
        &page.body[..page.body.len().min(2000)]
    );
}
